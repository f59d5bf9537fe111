//! Saved HTML pages: the article's body (extraction + HTML→Markdown) and its metadata.
//!
//! The body comes from an extraction base (see [`Base`]; measured on the extraction corpus,
//! see the module tests and the project notes), converted to Markdown by `htmd`. Metadata comes
//! from the page's `<meta>` tags, JSON-LD, `<time>` elements and bylines.

use anyhow::Context as _;

use super::Draft;

/// The extraction engines that were measured as the base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// `dom_smoothie`: a port of Mozilla Readability.
    DomSmoothie,
    /// `rs-trafilatura`: a port of trafilatura.
    Trafilatura,
}

fn base() -> Base {
    match std::env::var("GAZETTE_EXTRACTOR").as_deref() {
        Ok("dom_smoothie") => Base::DomSmoothie,
        _ => Base::Trafilatura,
    }
}

/// Extracts one article from an HTML page.
pub fn extract(html: &str) -> anyhow::Result<Draft> {
    let mut draft = Draft::default();
    let content_html = match base() {
        Base::DomSmoothie => {
            let cfg = dom_smoothie::Config { keep_classes: true, ..Default::default() };
            let mut r = dom_smoothie::Readability::new(html, None, Some(cfg)).context("the page could not be read")?;
            let a = r.parse().map_err(|e| anyhow::anyhow!("no article found in the page: {e}"))?;
            draft.title = a.title.clone();
            if std::env::var("NOCLEAN").is_ok() { a.content.to_string() } else { clean_content(&a.content) }
        }
        Base::Trafilatura => {
            let opts = rs_trafilatura::Options { include_images: false, ..Default::default() };
            let r = rs_trafilatura::extract_with_options(html, &opts)
                .map_err(|e| anyhow::anyhow!("no article found in the page: {e}"))?;
            draft.title = r.metadata.title.clone().unwrap_or_default();
            r.content_html.unwrap_or_else(|| super::text::paragraphs_to_html(&r.content_text))
        }
    };
    draft.body = to_markdown(&content_html);
    Ok(draft)
}

/// Converts extracted HTML to Markdown, dropping images and scripts.
pub fn to_markdown(html: &str) -> String {
    let converter = htmd::HtmlToMarkdown::builder()
        .skip_tags(vec!["script", "style", "noscript", "iframe", "img", "picture", "svg", "form", "button"])
        .build();
    let md = converter.convert(html).unwrap_or_default();
    tidy_markdown(&md)
}

/// Collapses runs of blank lines and trims trailing spaces.
fn tidy_markdown(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut blank = 0;
    for line in md.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

/// Class and id words that mark page furniture rather than article text.
const FURNITURE: &[&str] = &[
    "caption", "credit", "credits", "byline", "share", "sharing", "social", "related", "newsletter", "subscribe",
    "promo", "advert", "ad", "ads", "advertisement", "sponsored", "gallery", "slideshow", "carousel", "comments",
    "comment", "cookie", "cookies", "footer", "nav", "navigation", "breadcrumb", "breadcrumbs", "toolbar", "widget",
    "sidebar", "popup", "modal", "signup", "bio", "timestamp", "dateline", "tags", "recirc", "outbrain", "taboola",
    "print", "tools", "hidden", "sr", "visually", "skip",
];

fn is_furniture(class_and_id: &str) -> bool {
    class_and_id
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| FURNITURE.contains(&w.to_ascii_lowercase().as_str()))
}

/// Removes figures, captions and furniture the extractor kept.
fn clean_content(content: &str) -> String {
    let doc = dom_query::Document::fragment(content.to_owned());
    doc.select("figure, figcaption, aside, nav, footer, form, button, script, style, noscript").remove();
    let total = doc.root().text().chars().filter(|c| !c.is_whitespace()).count().max(1);
    for node in doc.select("[class], [id]").nodes() {
        let words = format!("{} {}", node.attr_or("class", ""), node.attr_or("id", ""));
        // A wrapper holding much of the text is the article itself, whatever its class says.
        if is_furniture(&words) && node.text().chars().filter(|c| !c.is_whitespace()).count() * 4 < total {
            node.remove_from_parent();
        }
    }
    doc.html().to_string()
}
