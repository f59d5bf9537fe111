//! `t()`, the Tera function themes print their words with:
//! `{{ t(key="read_minutes", count=article.reading_minutes) }}`.
//!
//! Arguments other than `key` and `count` fill the message's `{name}` placeholders. The
//! message and every argument are escaped for HTML like any `{{ value }}`, except arguments
//! already marked safe (`link=some_html | safe`), so a sentence can hold a link wherever its
//! language puts it. Numbers are written in the language's digits.

use std::sync::Arc;

use tera::{Kwargs, State, TeraResult, Value};

use super::{fill, placeholders, Message, Segment, Strings};

/// The `t()` function for one language.
pub struct Translate {
    strings: Arc<Strings>,
    /// The messages without placeholders, escaped once, by key: most calls name only a key
    /// ("Related", "Skip to content"), and working each out afresh on every page was 2 % of
    /// a build's instructions.
    fixed: foldhash::HashMap<String, Value>,
}

impl Translate {
    pub fn new(strings: Arc<Strings>) -> Self {
        let keys = strings.own.messages.keys().chain(strings.english.messages.keys());
        let fixed = keys
            .filter_map(|key| match strings.get(key)? {
                Message::Text(text) if placeholders(text).is_empty() => {
                    Some((key.clone(), Value::safe_string(&escape_text(text))))
                }
                _ => None,
            })
            .collect();
        Translate { strings, fixed }
    }

    fn translate(&self, kwargs: &Kwargs, state: &State) -> TeraResult<String> {
        let strings = &self.strings;
        let key: &str = kwargs.must_get("key")?;
        let count: Option<i64> = kwargs.get("count")?;
        let message = strings.get(key).ok_or_else(|| {
            tera::Error::message(format!(
                "t(): no string `{key}` in the theme's translation files (add it to i18n/en.yaml)"
            ))
        })?;
        let form = message.form(count.map(|n| strings.formats.plural(n)));
        let mut out = String::with_capacity(form.len() + 32);
        let mut failure: Option<tera::Error> = None;
        let result = fill(form, |seg| {
            let piece = match seg {
                Segment::Text(t) => Ok(escape_text(t).into_owned()),
                Segment::Arg(name) => self.argument(kwargs, state, key, name, count),
            };
            match piece {
                Ok(p) => {
                    out.push_str(&p);
                    Ok(())
                }
                Err(e) => {
                    failure = Some(e);
                    Err(String::new())
                }
            }
        });
        match (result, failure) {
            (_, Some(e)) => Err(e),
            (Err(e), None) => Err(tera::Error::message(e)),
            (Ok(()), None) => Ok(out),
        }
    }

    /// One placeholder's text: `count` and numbers in the language's digits, safe values as
    /// they are, anything else escaped.
    fn argument(
        &self,
        kwargs: &Kwargs,
        state: &State,
        key: &str,
        name: &str,
        count: Option<i64>,
    ) -> TeraResult<String> {
        let formats = &self.strings.formats;
        if let (Some(n), "count") = (count, name) {
            return Ok(formats.count(n));
        }
        let value: Option<Value> = kwargs.get(name)?;
        let Some(value) = value else {
            return Err(tera::Error::message(format!(
                "t(key=\"{key}\"): the `{}` text uses `{{{name}}}`; pass `{name}=…`",
                self.strings.lang
            )));
        };
        if let Some(n) = value.as_i64() {
            return Ok(formats.count(n));
        }
        let text = value.to_string();
        if value.is_safe() {
            Ok(text)
        } else {
            state.escape(&text)
        }
    }
}

/// Escapes a message's own text for HTML text and double-quoted attributes. Apostrophes stay
/// as they are, as in template text ("Editors' note"): the theme's attributes are all
/// double-quoted.
fn escape_text(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"']) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out.into()
}

impl tera::Function<TeraResult<Value>> for Translate {
    fn call(&self, kwargs: Kwargs, state: &State) -> TeraResult<Value> {
        if kwargs.iter().count() == 1 {
            // Only `key`: the message as it is, if it has no placeholders to fill.
            if let Some(fixed) = kwargs.get::<&str>("key").ok().flatten().and_then(|key| self.fixed.get(key)) {
                return Ok(fixed.clone());
            }
        }
        self.translate(&kwargs, state).map(|s| Value::safe_string(&s))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::i18n::{Catalog, Layers};

    fn tera(lang: &str, text: &str) -> tera::Tera {
        let english = Catalog::parse(Path::new("en.yaml"), "note: \"Editors' note\"\nmore:\n  one: \"+{count} more report\"\n  other: \"+{count} more reports\"\ncoverage: \"More coverage of {story}\"\n").unwrap();
        let own = Catalog::parse(Path::new("x.yaml"), text).unwrap();
        let strings = Strings::new(lang, Layers { exact: own, english, ..Layers::default() }).unwrap();
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.register_function("t", Translate::new(Arc::new(strings)));
        tera
    }

    fn render(tera: &mut tera::Tera, template: &str) -> Result<String, String> {
        tera.add_raw_template("p.html", template).map_err(|e| e.to_string())?;
        let mut ctx = tera::Context::new();
        ctx.insert("title", "Fish & <chips>");
        ctx.insert("url", "/stories/x/");
        tera.render("p.html", &ctx).map_err(|e| format!("{e:?}"))
    }

    #[test]
    fn escapes_text_and_values_but_not_safe_html() {
        let mut t = tera("en", "");
        assert_eq!(render(&mut t, r#"{{ t(key="note") }}"#).unwrap(), "Editors' note");
        let mut t = tera("en", "note: \"<b> & \\\"x\\\"\"\n");
        assert_eq!(render(&mut t, r#"{{ t(key="note") }}"#).unwrap(), "&lt;b&gt; &amp; &quot;x&quot;");
        let out = render(&mut t, r#"{{ t(key="coverage", story=title) }}"#).unwrap();
        assert_eq!(out, "More coverage of Fish &amp; &lt;chips&gt;");
        let link = r#"{{ t(key="coverage", story=('<a href="' ~ url ~ '">this story</a>') | safe) }}"#;
        assert_eq!(render(&mut t, link).unwrap(), r#"More coverage of <a href="/stories/x/">this story</a>"#);
    }

    #[test]
    fn plural_forms_in_arabic_digits() {
        let ar = "more:\n  one: \"+{count} تقرير آخر\"\n  two: \"+{count} تقريران آخران\"\n  few: \"+{count} تقارير أخرى\"\n  many: \"+{count} تقريرًا آخر\"\n  other: \"+{count} تقرير آخر\"\n";
        let mut t = tera("ar-EG", ar);
        assert_eq!(render(&mut t, r#"{{ t(key="more", count=2) }}"#).unwrap(), "+٢ تقريران آخران");
        assert_eq!(render(&mut t, r#"{{ t(key="more", count=5) }}"#).unwrap(), "+٥ تقارير أخرى");
        assert_eq!(render(&mut t, r#"{{ t(key="more", count=21) }}"#).unwrap(), "+٢١ تقريرًا آخر");
    }

    /// A key-only call takes the memo; an extra argument (which no message uses) makes the
    /// same call work the message out. Both must read the same, for every string the default
    /// theme ships in every language.
    #[test]
    fn fixed_messages_read_as_working_them_out_reads() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n");
        let read = |name: &str| {
            let path = dir.join(name);
            Catalog::parse(&path, &std::fs::read_to_string(&path).unwrap()).unwrap()
        };
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            let lang = name.trim_end_matches(".yaml");
            let strings =
                Strings::new(lang, Layers { exact: read(&name), english: read("en.yaml"), ..Layers::default() });
            let translate = Translate::new(Arc::new(strings.unwrap()));
            let keys: Vec<String> = translate.fixed.keys().cloned().collect();
            let mut tera = tera::Tera::default();
            tera.autoescape_on(vec![".html"]);
            tera.register_function("t", translate);
            for key in keys {
                let memo = render(&mut tera, &format!("{{{{ t(key=\"{key}\") }}}}")).unwrap();
                let worked = render(&mut tera, &format!("{{{{ t(key=\"{key}\", unused_argument=1) }}}}")).unwrap();
                assert_eq!(memo, worked, "{lang}: {key}");
                checked += 1;
            }
        }
        assert!(checked > 100, "only {checked} strings checked");
    }

    #[test]
    fn unknown_keys_and_missing_arguments_are_errors() {
        let mut t = tera("en", "");
        let e = render(&mut t, r#"{{ t(key="nope") }}"#).unwrap_err();
        assert!(e.contains("no string `nope`"), "{e}");
        let e = render(&mut t, r#"{{ t(key="coverage") }}"#).unwrap_err();
        assert!(e.contains("pass `story=…`"), "{e}");
    }
}
