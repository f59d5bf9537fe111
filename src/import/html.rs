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
            let mut r = dom_smoothie::Readability::new(html, None, None).context("the page could not be read")?;
            let a = r.parse().map_err(|e| anyhow::anyhow!("no article found in the page: {e}"))?;
            draft.title = a.title.clone();
            a.content.to_string()
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
