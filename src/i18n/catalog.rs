//! Translation files: `themes/<theme>/i18n/<lang>.yaml`, one key per string, with CLDR plural
//! forms where a number is involved.
//!
//! ```yaml
//! archive: Archive
//! read_minutes:
//!   one: "{count} min read"
//!   other: "{count} min read"
//! ```
//!
//! A value is plain text (never HTML: it is escaped where it lands) with `{name}` placeholders
//! filled by the caller. A plural value has an `other` form and any of `zero`, `one`, `two`,
//! `few`, `many`; the form is picked by the CLDR category of `count` in the language.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::Diagnostic;

use super::format::Plural;

/// One translated string.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(untagged)]
pub enum Message {
    Text(String),
    Plural(PluralForms),
}

/// The forms of a string that holds a number.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct PluralForms {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zero: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub one: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub two: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub few: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub many: Option<String>,
    pub other: String,
}

impl Message {
    /// The text for a number of the given category (`other` when the form is missing). A
    /// plain text is the same for every number.
    pub fn form(&self, category: Option<Plural>) -> &str {
        let forms = match self {
            Message::Text(t) => return t,
            Message::Plural(p) => p,
        };
        let form = match category {
            Some(Plural::Zero) => &forms.zero,
            Some(Plural::One) => &forms.one,
            Some(Plural::Two) => &forms.two,
            Some(Plural::Few) => &forms.few,
            Some(Plural::Many) => &forms.many,
            Some(Plural::Other) | None => &None,
        };
        form.as_deref().unwrap_or(&forms.other)
    }

    /// Every form, for checks over all the text.
    pub fn forms(&self) -> Vec<&str> {
        match self {
            Message::Text(t) => vec![t],
            Message::Plural(p) => [&p.zero, &p.one, &p.two, &p.few, &p.many]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .chain([p.other.as_str()])
                .collect(),
        }
    }
}

/// The strings of one translation file (or of `strings:` in site.yaml), by key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    pub messages: BTreeMap<String, Message>,
}

impl Catalog {
    /// Reads a translation file's text; `path` is only for the diagnostic.
    pub fn parse(path: &Path, text: &str) -> Result<Catalog, Diagnostic> {
        let messages: Option<BTreeMap<String, Message>> = yaml_serde::from_str(text).map_err(|e| {
            let plural = "a string, or plural forms (`one:`, `other:`, … with `other` required)";
            let d = crate::config::yaml_diagnostic(path, text, 0, &e, &[]);
            let d = Diagnostic {
                message: d.message.replace(
                    "data did not match any variant of untagged enum Message",
                    &format!("each value must be {plural}"),
                ),
                ..d
            };
            if d.help.is_none() {
                d.with_help("each key is a string's name; its value is the text, or its plural forms")
            } else {
                d
            }
        })?;
        Ok(Catalog { messages: messages.unwrap_or_default() })
    }

    /// Adds the keys of `lower` that this catalog lacks (a theme's parent, a base language).
    pub fn fill_from(&mut self, lower: &Catalog) {
        for (k, v) in &lower.messages {
            self.messages.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }

    pub fn get(&self, key: &str) -> Option<&Message> {
        self.messages.get(key)
    }

    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Catalog, Diagnostic> {
        Catalog::parse(Path::new("themes/t/i18n/xx.yaml"), text)
    }

    #[test]
    fn texts_and_plural_forms() {
        let c = parse(
            "archive: Archive\nread:\n  one: \"{count} min\"\n  few: \"{count} minuty\"\n  other: \"{count} minut\"\n",
        )
        .unwrap();
        assert_eq!(c.get("archive").unwrap().form(Some(Plural::Few)), "Archive");
        let read = c.get("read").unwrap();
        assert_eq!(read.form(Some(Plural::One)), "{count} min");
        assert_eq!(read.form(Some(Plural::Few)), "{count} minuty");
        // A category the file does not write falls back to `other`.
        assert_eq!(read.form(Some(Plural::Many)), "{count} minut");
        assert_eq!(read.forms().len(), 3);
    }

    #[test]
    fn plural_forms_need_other_and_known_names() {
        let e = parse("read:\n  one: x\n").unwrap_err();
        assert_eq!(e.line, 1, "{e:?}");
        assert!(e.message.contains("plural forms"), "{}", e.message);
        let e = parse("read:\n  one: x\n  lots: y\n  other: z\n").unwrap_err();
        assert!(e.message.contains("plural forms"), "{}", e.message);
    }

    #[test]
    fn broken_yaml_names_line_and_column() {
        let e = parse("archive: Archive\nsearch: \"unclosed\n").unwrap_err();
        assert_eq!(e.file, Path::new("themes/t/i18n/xx.yaml"));
        assert!(e.line >= 2, "{e:?}");
    }

    #[test]
    fn an_empty_file_is_an_empty_catalog() {
        assert!(parse("").unwrap().is_empty());
        assert!(parse("# only a comment\n").unwrap().is_empty());
    }

    #[test]
    fn fill_from_keeps_own_strings() {
        let mut fr = parse("archive: Archives\n").unwrap();
        fr.fill_from(&parse("archive: Archive\nsearch: Search\n").unwrap());
        assert_eq!(fr.get("archive").unwrap().form(None), "Archives");
        assert_eq!(fr.get("search").unwrap().form(None), "Search");
    }
}
