//! Languages: the strings a theme prints, in the site's language, and CLDR's dates, times,
//! numbers and plural rules for it.
//!
//! A leaf below `render`: [`catalog`] reads translation files, [`mod@format`] wraps ICU4X, and
//! [`Strings`] puts the layers of one language together — `strings:` in site.yaml over the
//! theme's file for the language (then for its base language, `pt` for `pt-BR`) over English,
//! which every theme gets from the default theme at the least. [`tera::Translate`] is the
//! `t()` function templates call.

pub mod catalog;
pub mod format;
pub mod tera;

use std::collections::BTreeMap;

pub use catalog::{Catalog, Message};
pub use format::{Formats, Plural};

/// Keys whose values are CLDR date and time patterns rather than text: a theme's house style
/// for the one language its file is written for (a regional variant gets CLDR's own format).
pub const DATE_FORMAT: &str = "date_format";
pub const TIME_FORMAT: &str = "time_format";

/// The translation layers of one language, highest first.
#[derive(Debug, Default, Clone)]
pub struct Layers {
    /// `strings:` in site.yaml.
    pub site: Catalog,
    /// The theme chain's file for exactly this language tag (`pt-BR.yaml`).
    pub exact: Catalog,
    /// The theme chain's file for the base language (`pt.yaml`), when the tag has more.
    pub base: Catalog,
    /// The theme chain's English, ending with the default theme's.
    pub english: Catalog,
}

/// The strings and formats of one language.
pub struct Strings {
    /// The language tag as the site wrote it.
    pub lang: String,
    own: Catalog,
    english: Catalog,
    pub formats: Formats,
}

/// Whether a language is written right to left: Arabic, Hebrew, Persian, Urdu and the other
/// languages whose usual script is, or any tag naming such a script (`az-Arab`).
pub fn is_rtl(tag: &str) -> bool {
    let mut parts = tag.split(['-', '_']);
    let primary = parts.next().unwrap_or_default().to_ascii_lowercase();
    if let Some(script) = parts.next().filter(|p| p.len() == 4) {
        return matches!(
            script.to_ascii_lowercase().as_str(),
            "arab" | "hebr" | "thaa" | "syrc" | "nkoo" | "adlm" | "rohg"
        );
    }
    matches!(primary.as_str(), "ar" | "he" | "iw" | "fa" | "ur" | "ps" | "sd" | "ug" | "yi" | "dv" | "ckb" | "ks")
}

/// `dir` for HTML: `rtl` or `ltr`.
pub fn dir(tag: &str) -> &'static str {
    if is_rtl(tag) {
        "rtl"
    } else {
        "ltr"
    }
}

/// The base language of a tag: `pt` for `pt-BR`.
pub fn base_language(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

impl Strings {
    /// Puts the layers together and loads CLDR's formats for `lang`.
    pub fn new(lang: &str, layers: Layers) -> Result<Strings, String> {
        let pattern = |key: &str| {
            let m = layers.site.get(key).or_else(|| layers.exact.get(key))?;
            Some(m.form(None).to_owned()).filter(|p| !p.is_empty())
        };
        let formats = Formats::new(lang, pattern(DATE_FORMAT).as_deref(), pattern(TIME_FORMAT).as_deref())?;
        let Layers { site: mut own, exact, base, mut english } = layers;
        own.fill_from(&exact);
        own.fill_from(&base);
        for key in [DATE_FORMAT, TIME_FORMAT] {
            english.messages.remove(key);
            own.messages.remove(key);
        }
        Ok(Strings { lang: lang.to_owned(), own, english, formats })
    }

    /// The message for `key` in this language, else in English.
    pub fn get(&self, key: &str) -> Option<&Message> {
        self.own.get(key).or_else(|| self.english.get(key))
    }

    /// Keys English has and this language lacks (they are shown in English).
    pub fn missing(&self) -> Vec<&str> {
        if base_language(&self.lang).eq_ignore_ascii_case("en") {
            return Vec::new();
        }
        self.english.messages.keys().filter(|k| self.own.get(k).is_none()).map(String::as_str).collect()
    }

    /// The keys English defines (every string a theme prints).
    pub fn english_keys(&self) -> impl Iterator<Item = &str> {
        self.english.messages.keys().map(String::as_str)
    }

    /// The text of `key` for `count`, with `{name}` placeholders filled from `args` as they
    /// are (the caller escapes for where the text lands) and `{count}` in the language's digits.
    pub fn text(&self, key: &str, count: Option<i64>, args: &[(&str, &str)]) -> Result<String, String> {
        let message = self.get(key).ok_or_else(|| format!("no string `{key}` in the theme's translation files"))?;
        let form = message.form(count.map(|n| self.formats.plural(n)));
        let mut out = String::with_capacity(form.len() + 16);
        fill(form, |seg| {
            match seg {
                Segment::Text(t) => out.push_str(t),
                Segment::Arg("count") if count.is_some() => out.push_str(&self.formats.count(count.unwrap_or(0))),
                Segment::Arg(name) => match args.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        return Err(format!("string `{key}` in `{}` uses `{{{name}}}`, which is not given", self.lang))
                    }
                },
            }
            Ok(())
        })?;
        Ok(out)
    }
}

/// A piece of a message: literal text or a `{placeholder}`.
#[derive(Debug, PartialEq, Eq)]
pub enum Segment<'a> {
    Text(&'a str),
    Arg(&'a str),
}

/// Walks a message's text and placeholders. A `{` that does not open a `{name}` (a name is
/// letters, digits and `_`) is text.
pub fn fill<'a>(message: &'a str, mut each: impl FnMut(Segment<'a>) -> Result<(), String>) -> Result<(), String> {
    let mut rest = message;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let name_len = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
        if name_len > 0 && after[name_len..].starts_with('}') {
            if open > 0 {
                each(Segment::Text(&rest[..open]))?;
            }
            each(Segment::Arg(&after[..name_len]))?;
            rest = &after[name_len + 1..];
        } else {
            each(Segment::Text(&rest[..open + 1]))?;
            rest = after;
        }
    }
    if !rest.is_empty() {
        each(Segment::Text(rest))?;
    }
    Ok(())
}

/// The placeholders a message uses, to check translations against English.
pub fn placeholders(message: &str) -> BTreeMap<&str, ()> {
    let mut names = BTreeMap::new();
    let _ = fill(message, |s| {
        if let Segment::Arg(n) = s {
            names.insert(n, ());
        }
        Ok(())
    });
    names
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn catalog(text: &str) -> Catalog {
        Catalog::parse(Path::new("x.yaml"), text).unwrap()
    }

    fn english() -> Catalog {
        catalog("archive: Archive\nsearch: Search\nread:\n  one: \"{count} min read\"\n  other: \"{count} min read\"\npage: \"Page {n} of {total}\"\ndate_format: \"EEEE d MMMM y\"\n")
    }

    #[test]
    fn layers_site_over_language_over_english() {
        let layers = Layers {
            site: catalog("search: Chercher\n"),
            exact: catalog("archive: Archives\nsearch: Recherche\n"),
            english: english(),
            ..Layers::default()
        };
        let s = Strings::new("fr", layers).unwrap();
        assert_eq!(s.text("search", None, &[]).unwrap(), "Chercher");
        assert_eq!(s.text("archive", None, &[]).unwrap(), "Archives");
        assert_eq!(s.text("read", Some(3), &[]).unwrap(), "3 min read");
        assert_eq!(s.missing(), ["page", "read"]);
        // English's house date pattern is not French's: CLDR decides.
        assert_eq!(s.formats.date(chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()), "vendredi 4 décembre 2026");
    }

    #[test]
    fn a_regional_tag_uses_its_base_language_and_cldr_dates() {
        let layers = Layers { base: catalog("archive: Arquivo\n"), english: english(), ..Layers::default() };
        let s = Strings::new("pt-BR", layers).unwrap();
        assert_eq!(s.text("archive", None, &[]).unwrap(), "Arquivo");
        let en_us = Strings::new("en-US", Layers { base: english(), english: english(), ..Layers::default() }).unwrap();
        assert_eq!(
            en_us.formats.date(chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()),
            "Friday, December 4, 2026"
        );
        assert!(en_us.missing().is_empty());
    }

    #[test]
    fn plural_forms_and_placeholders() {
        let pl = catalog("read:\n  one: \"{count} minuta\"\n  few: \"{count} minuty\"\n  many: \"{count} minut\"\n  other: \"{count} minuty\"\n");
        let s = Strings::new("pl", Layers { exact: pl, english: english(), ..Layers::default() }).unwrap();
        let forms: Vec<String> = [1, 2, 5, 21].iter().map(|&n| s.text("read", Some(n), &[]).unwrap()).collect();
        assert_eq!(forms, ["1 minuta", "2 minuty", "5 minut", "21 minut"]);
        assert_eq!(s.text("page", None, &[("n", "2"), ("total", "9")]).unwrap(), "Page 2 of 9");
        let e = s.text("page", None, &[("n", "2")]).unwrap_err();
        assert!(e.contains("{total}"), "{e}");
        assert!(s.text("nope", None, &[]).is_err());
    }

    #[test]
    fn fill_keeps_braces_that_are_not_placeholders() {
        let mut seen = Vec::new();
        fill("a {b} {c d} {} e{", |s| {
            seen.push(format!("{s:?}"));
            Ok(())
        })
        .unwrap();
        assert_eq!(seen.join(""), r#"Text("a ")Arg("b")Text(" {")Text("c d} {")Text("} e{")"#);
        assert_eq!(placeholders("{count} of {total}").keys().copied().collect::<Vec<_>>(), ["count", "total"]);
    }

    #[test]
    fn right_to_left_languages() {
        for rtl in ["ar", "he", "fa", "ur", "ar-EG", "az-Arab"] {
            assert_eq!(dir(rtl), "rtl", "{rtl}");
        }
        for ltr in ["en", "fr", "ja", "tr", "az-Latn"] {
            assert_eq!(dir(ltr), "ltr", "{ltr}");
        }
    }
}
