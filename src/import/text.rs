//! Scraped plain text: headline, section, byline, date, captions and debris.

use super::Draft;

pub fn extract(text: &str) -> Draft {
    let mut d = Draft::default();
    d.body = text.to_owned();
    d
}

pub fn extract_markdown(text: &str) -> Draft {
    extract(text)
}

pub fn first_words(text: &str, n: usize) -> String {
    text.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

pub fn markdown_plain(md: &str) -> String {
    md.to_owned()
}

pub fn summary_of(_plain: &str) -> Option<String> {
    None
}

pub fn paragraphs_to_html(text: &str) -> String {
    text.split("\n").filter(|l| !l.trim().is_empty()).map(|l| format!("<p>{}</p>", crate::content::markdown::escape(l))).collect()
}
