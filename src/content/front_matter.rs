//! Front matter: the YAML block between `---` lines at the top of every content file.
//!
//! The structs here are both read by the loader and written by `gazette import`, so what
//! import writes is exactly what a build accepts.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::dates::FmDate;
use crate::config::yaml_diagnostic;
use crate::diagnostics::Diagnostic;

/// An image shown with an article.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Image {
    pub src: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub alt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    /// The point a crop keeps in view (`[x, y]`, fractions of the width and height from the
    /// top left), for places that show the picture at a fixed ratio.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<[f64; 2]>,
}

/// Free-form values, kept as written.
pub type Extra = BTreeMap<String, serde_json::Value>;

/// Front matter of `content/articles/**.md`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ArticleMeta {
    pub title: String,
    pub date: FmDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<FmDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organizations: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// Whether the original is behind a paywall; overrides the outlet's `paywall:` in
    /// site.yaml's `sources:`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paywall: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<Image>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// Earlier addresses of the article (`/articles/2026/11/17/old-slug/`), each given a page
    /// that sends readers to the current one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// On a multilingual site, the document this one translates, as its path under
    /// `content/` (`de/articles/2026/11/25/x.md`); files of the same name under two language
    /// folders are translations without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation_of: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_file: Option<String>,
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

pub const ARTICLE_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "topic",
    "tags",
    "people",
    "organizations",
    "places",
    "authors",
    "source",
    "source_url",
    "paywall",
    "language",
    "section",
    "summary",
    "images",
    "story",
    "draft",
    "aliases",
    "translation_of",
    "source_file",
    "extra",
];

/// Front matter of `content/notes/**.md`: the editors' own writing and what it is about.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct NoteMeta {
    pub title: String,
    pub date: FmDate,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// The daily edition this note belongs to (defaults to the note's own day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<FmDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// Articles the note is about, as paths under `content/articles/`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub articles: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The language it is written in; on a multilingual site, which language's digest it is in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// On a multilingual site, the document this one translates, as its path under
    /// `content/` (`de/articles/2026/11/25/x.md`); files of the same name under two language
    /// folders are translations without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation_of: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

pub const NOTE_KEYS: &[&str] = &[
    "title",
    "date",
    "authors",
    "edition",
    "topics",
    "articles",
    "story",
    "summary",
    "language",
    "translation_of",
    "draft",
    "extra",
];

/// Front matter of `content/pages/**.md`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The language it is written in; on a multilingual site, which language's digest it is in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// On a multilingual site, the document this one translates, as its path under
    /// `content/` (`de/articles/2026/11/25/x.md`); files of the same name under two language
    /// folders are translations without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation_of: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

pub const PAGE_KEYS: &[&str] = &["title", "description", "language", "translation_of", "draft", "extra"];

/// A content file split into its front matter and body.
#[derive(Debug)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Line number (1-based) of the first YAML line.
    pub yaml_first_line: usize,
    pub body: &'a str,
    /// Byte offset of the body in the file text.
    pub body_offset: usize,
}

/// Splits `---\nyaml\n---\nbody`. Tolerates a BOM and CRLF line ends.
pub fn split<'a>(file: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    let after_open = rest.strip_prefix("---\r\n").or_else(|| rest.strip_prefix("---\n")).ok_or_else(|| {
        let msg =
            if rest.trim().is_empty() { "the file is empty" } else { "the file does not start with front matter" };
        Diagnostic::error(file, msg)
            .at(text, 1, 1)
            .with_help("start the file with a `---` line, then `title:` and `date:` lines, then another `---` line")
    })?;
    let yaml_start = text.len() - after_open.len();
    let mut offset = yaml_start;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end_matches(['\r', '\n']) == "---" {
            let yaml = &text[yaml_start..offset];
            let body_offset = offset + line.len();
            return Ok(Split { yaml, yaml_first_line: 2, body: &text[body_offset..], body_offset });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(file, "the front matter has no closing `---` line")
        .at(text, 1, 1)
        .with_help("add a line with only `---` after the last front matter key"))
}

/// Parses front matter YAML into `T`, pointing errors at the right line of the file.
pub fn parse<'a, T: serde::de::DeserializeOwned>(
    file: &Path,
    text: &'a str,
    keys: &[&str],
) -> Result<(T, Split<'a>), Diagnostic> {
    let parts = split(file, text)?;
    if parts.yaml.trim().is_empty() {
        return Err(Diagnostic::error(file, "the front matter is empty")
            .at(text, 1, 1)
            .with_help("add at least `title:` and `date:`"));
    }
    let meta = yaml_serde::from_str(parts.yaml)
        .map_err(|e| yaml_diagnostic(file, text, parts.yaml_first_line - 1, &e, keys))?;
    Ok((meta, parts))
}

/// Writes front matter and body back into a content file.
pub fn to_file_text<T: Serialize>(meta: &T, body: &str) -> anyhow::Result<String> {
    let yaml = yaml_serde::to_string(meta)?;
    Ok(format!("---\n{yaml}---\n\n{}\n", body.trim_end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Result<ArticleMeta, Diagnostic> {
        parse::<ArticleMeta>(Path::new("a.md"), text, ARTICLE_KEYS).map(|(m, _)| m)
    }

    #[test]
    fn parses_minimal_article() {
        let m = article("---\ntitle: Hi\ndate: 2026-11-18\n---\nBody").unwrap();
        assert_eq!(m.title, "Hi");
    }

    #[test]
    fn unknown_key_names_line_and_suggests() {
        let d = article("---\ntitle: Hi\ndate: 2026-11-18\ntopik: x\n---\n").unwrap_err();
        assert_eq!((d.line, d.message.as_str()), (4, "unknown key `topik`"));
        assert_eq!(d.help.as_deref(), Some("did you mean `topic`?"));
    }

    #[test]
    fn missing_title_is_reported() {
        let d = article("---\ndate: 2026-11-18\n---\n").unwrap_err();
        assert!(d.message.contains("missing required key `title`"), "{d}");
    }

    #[test]
    fn bad_date_names_its_line() {
        let d = article("---\ntitle: x\ndate: yesterday\n---\n").unwrap_err();
        assert_eq!(d.line, 3, "{d}");
        assert!(d.message.contains("yesterday"), "{d}");
    }

    #[test]
    fn wrong_type_is_reported() {
        let d = article("---\ntitle: x\ndate: 2026-01-01\ntags: 5\n---\n").unwrap_err();
        assert_eq!(d.line, 4, "{d}");
    }

    #[test]
    fn unclosed_front_matter_is_reported() {
        let d = article("---\ntitle: x\n").unwrap_err();
        assert!(d.message.contains("no closing `---`"));
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        let m = article("\u{feff}---\r\ntitle: Hi\r\ndate: 2026-11-18\r\n---\r\nBody").unwrap();
        assert_eq!(m.title, "Hi");
    }

    #[test]
    fn round_trips_through_file_text() {
        let m = article("---\ntitle: \"A: b\"\ndate: 2026-11-18T07:45:00+01:00\ntags: [x]\n---\n").unwrap();
        let text = to_file_text(&m, "Body").unwrap();
        assert_eq!(article(&text).unwrap(), m);
    }
}
