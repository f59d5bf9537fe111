//! RSS 0.9x/1.0/2.0, Atom and JSON Feed documents (parsed by `feed-rs`): every entry becomes an
//! article, with its full content when the feed carries it, otherwise its summary followed by a
//! link to the original. Media RSS images are kept with their captions and credits.

use url::Url;

use super::html::{refuse_deep_nesting, to_markdown};
use super::{links, Draft};
use crate::content::dates::FmDate;
use crate::content::front_matter::Image;

/// Parses a feed and turns each entry into a draft. `feed_url` is where the feed was read
/// from, if known: entry links and the links in entries resolve against it (or the feed's own
/// link).
pub fn extract(bytes: &[u8], text: &str, feed_url: Option<&Url>) -> anyhow::Result<Vec<Draft>> {
    Ok(entries(bytes, text, feed_url)?.into_iter().map(|e| e.draft).collect())
}

/// One entry of a feed: its draft, and the id the feed gives it (`None` when it gives none), by
/// which `gazette fetch` knows the entries it has seen.
pub struct FeedEntry {
    pub id: Option<String>,
    pub draft: Draft,
}

/// Parses a feed (read from `feed_url`, if known) into its entries; see [`extract`].
pub fn entries(bytes: &[u8], text: &str, feed_url: Option<&Url>) -> anyhow::Result<Vec<FeedEntry>> {
    let feed = parse(bytes, text, feed_url)?;
    let outlet = feed.title.as_ref().map(|t| plain(&t.content)).filter(|t| !t.is_empty());
    let feed_link = feed.links.iter().find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"));
    let ctx = FeedContext {
        outlet,
        authors: names(&feed.authors),
        language: feed.language.clone(),
        base: links::page_url(&[feed_link.map(|l| l.href.as_str())], feed_url),
    };
    let mut entries = Vec::new();
    for e in &feed.entries {
        if let Some(draft) = entry_draft(e, &ctx)? {
            let id = Some(e.id.trim().to_owned()).filter(|id| !id.is_empty());
            entries.push(FeedEntry { id, draft });
        }
    }
    if entries.is_empty() {
        anyhow::bail!("no entry of the feed has a title or text");
    }
    Ok(entries)
}

/// What every entry of a feed shares.
struct FeedContext {
    outlet: Option<String>,
    authors: Vec<String>,
    language: Option<String>,
    /// What entry links resolve against.
    base: Option<Url>,
}

/// Parses the feed (refusing entity declarations and feeds without entries); feed-rs resolves
/// relative links against `xml:base`, else `feed_url`.
fn parse(bytes: &[u8], text: &str, feed_url: Option<&Url>) -> anyhow::Result<feed_rs::model::Feed> {
    let base = feed_url.map(Url::as_str);
    refuse_entity_declarations(text)?;
    // Our decoding (BOM, declared charset, then a guess when the bytes contradict it) first;
    // the raw bytes, with feed-rs's own decoding, when that fails.
    let feed = match parse_feed(strip_xml_encoding(text).as_bytes(), base) {
        Ok(f) => f,
        Err(first) if first.to_string().contains("no root element") && !has_feed_root(text) => {
            anyhow::bail!("not a feed: the document has no <rss>, <feed> (Atom) or <rdf:RDF> root element")
        }
        Err(first) => {
            parse_feed(bytes, base).map_err(|_| anyhow::anyhow!("not a valid RSS, Atom or JSON feed: {first}"))?
        }
    };
    if feed.entries.is_empty() {
        anyhow::bail!("the feed has no entries");
    }
    Ok(feed)
}

/// The names of a feed's or an entry's people.
fn names(people: &[feed_rs::model::Person]) -> Vec<String> {
    people.iter().map(|p| p.name.as_deref().unwrap_or("").trim().to_owned()).filter(|n| !n.is_empty()).collect()
}

/// One entry as a draft; `None` for an entry with nothing to read or to call it by.
fn entry_draft(e: &feed_rs::model::Entry, ctx: &FeedContext) -> anyhow::Result<Option<Draft>> {
    let href = e
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(e.links.first())
        .map(|l| l.href.trim().to_owned())
        .or_else(|| e.id.starts_with("http").then(|| e.id.clone()));
    // The entry's page: what the links in its text resolve against.
    let page = href.as_deref().and_then(|h| links::page_url(&[Some(h)], ctx.base.as_ref()));
    let authors = names(&e.authors);
    let mut d = Draft {
        title: e.title.as_ref().map(|t| plain(&t.content)).unwrap_or_default(),
        date: e.published.or(e.updated).map(|d| FmDate::Zoned(d.fixed_offset())),
        updated: e.updated.map(|d| FmDate::Zoned(d.fixed_offset())),
        authors: if authors.is_empty() { ctx.authors.clone() } else { authors },
        source: ctx.outlet.clone(),
        source_url: page.as_ref().map(|u| u.to_string()),
        language: e.language.clone().or(ctx.language.clone()),
        tags: e
            .categories
            .iter()
            .map(|c| c.label.clone().unwrap_or_else(|| c.term.clone()).trim().to_owned())
            .filter(|t| !t.is_empty() && t.len() <= 40)
            .take(5)
            .collect(),
        ..Draft::default()
    };
    let summary_html = e.summary.as_ref().map(|t| t.content.clone()).unwrap_or_default();
    let content_html = e.content.as_ref().and_then(|c| c.body.clone()).unwrap_or_default();
    let summary_text = plain(&summary_html);
    let has_text = !summary_text.is_empty() || !plain(&content_html).is_empty();
    entry_body(&mut d, &content_html, &summary_html, page.as_ref().or(ctx.base.as_ref()))?;
    if !content_html.trim().is_empty() && !summary_text.is_empty() {
        d.summary = Some(summary_text);
    }
    d.images = media_images(e);
    if d.title.is_empty() {
        d.title = super::text::first_words(&plain(&summary_html), 10);
    }
    if d.title.trim().is_empty() && !has_text {
        tracing::warn!(
            "skipped a feed entry with no title and no text ({})",
            d.source_url.as_deref().unwrap_or("no link")
        );
        return Ok(None);
    }
    Ok(Some(d))
}

/// The entry's body: its full content when the feed carries it, else its summary followed by a
/// link to the original; links resolved against `base`.
fn entry_body(d: &mut Draft, content_html: &str, summary_html: &str, base: Option<&Url>) -> anyhow::Result<()> {
    let html = if content_html.trim().is_empty() { summary_html } else { content_html };
    refuse_deep_nesting(html)?;
    d.body = links::drop_empty_links(&to_markdown(&with_resolved_links(html, base)));
    if content_html.trim().is_empty() {
        if let Some(url) = &d.source_url {
            if !d.body.is_empty() {
                d.body.push_str("\n\n");
            }
            d.body.push_str(&format!("[Read the original]({url})"));
        }
    }
    Ok(())
}

/// An HTML fragment with its links resolved against `base` (or unwrapped).
fn with_resolved_links(html: &str, base: Option<&Url>) -> String {
    if !html.contains("<a") && !html.contains("<A") {
        return html.to_owned();
    }
    let doc = dom_query::Document::fragment(html.to_owned());
    links::resolve_anchors(&doc, base);
    doc.html().to_string()
}

/// Refuses feeds that declare their own entities in a DOCTYPE. The parser never expands them,
/// so an entity bomb ("billion laughs") or an external entity reading local files is harmless,
/// but the entries would come out with `&name;` left in their text: better a clear refusal.
fn refuse_entity_declarations(text: &str) -> anyhow::Result<()> {
    if !text.trim_start_matches('\u{feff}').trim_start().starts_with('<') {
        return Ok(()); // JSON Feed
    }
    // The prolog ends where the root element starts: `<` followed by a letter.
    let root = text.as_bytes().windows(2).position(|w| w[0] == b'<' && w[1].is_ascii_alphabetic());
    let prolog = &text[..root.unwrap_or(text.len())];
    if prolog.contains("<!ENTITY") {
        anyhow::bail!(
            "the feed declares its own XML entities in a DOCTYPE, which Gazette does not expand \
             (a known way to attack XML readers); remove the `<!DOCTYPE … [ <!ENTITY … > ]>` block"
        );
    }
    Ok(())
}

/// Media RSS images (content of an image type, or thumbnails) with caption and credit.
fn media_images(e: &feed_rs::model::Entry) -> Vec<Image> {
    let mut out: Vec<Image> = Vec::new();
    for m in &e.media {
        let caption = m.description.as_ref().or(m.title.as_ref()).map(|t| plain(&t.content)).filter(|t| !t.is_empty());
        let credit = (!m.credits.is_empty())
            .then(|| m.credits.iter().map(|c| c.entity.trim()).collect::<Vec<_>>().join(", "))
            .filter(|c| !c.is_empty());
        let urls = m
            .content
            .iter()
            .filter(|c| {
                c.content_type.as_ref().is_none_or(|t| t.ty() == "image")
                    && c.url.as_ref().is_some_and(|u| looks_like_image(u.as_str()) || c.content_type.is_some())
            })
            .filter_map(|c| c.url.as_ref().map(|u| u.to_string()))
            .chain(m.thumbnails.iter().map(|t| t.image.uri.clone()));
        if let Some(src) = urls.into_iter().find(|u| u.starts_with("http")) {
            if !out.iter().any(|i| i.src == src) {
                out.push(Image { src, alt: String::new(), caption, credit, focus: None });
            }
        }
    }
    out
}

fn looks_like_image(url: &str) -> bool {
    let u = url.to_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"].iter().any(|x| u.contains(x))
}

/// Text of a possibly-HTML string, whitespace collapsed.
fn plain(s: &str) -> String {
    let text = if crate::content::html_depth::html_too_deep(s) {
        // Too deep to parse in reasonable time: drop the tags by hand (the body is refused).
        s.split('<').map(|part| part.split_once('>').map_or(part, |(_, text)| text)).collect()
    } else if s.contains('<') || s.contains('&') {
        dom_query::Document::fragment(s.to_owned()).text().to_string()
    } else {
        s.to_owned()
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Drops every XML declaration (for text already decoded to UTF-8, where their `encoding="…"`
/// no longer holds) and puts one plain declaration first. Besides being wrong after decoding,
/// a declaration with an encoding anywhere but at the very start makes the XML reader under
/// feed-rs panic (found by fuzzing; `fuzz/regressions/import_feed/`).
fn strip_xml_encoding(text: &str) -> String {
    let t = text.trim_start_matches('\u{feff}');
    if t.trim_start().starts_with('{') {
        return t.to_owned(); // JSON Feed
    }
    let mut out = String::with_capacity(t.len() + 22);
    out.push_str("<?xml version=\"1.0\"?>");
    let mut rest = t;
    while let Some(start) = rest.find("<?xml") {
        let Some(len) = rest[start..].find("?>") else { break };
        out.push_str(&rest[..start]);
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

/// Whether the document's first element is a feed's root (`rss`, `feed`, `rdf:RDF`).
fn has_feed_root(text: &str) -> bool {
    let start = text.as_bytes().windows(2).position(|w| w[0] == b'<' && w[1].is_ascii_alphabetic());
    let Some(start) = start else { return false };
    let name: String = text[start + 1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == ':')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    matches!(name.as_str(), "rss" | "feed" | "rdf:rdf") || name.ends_with(":feed")
}

/// feed-rs, with a panic inside it (a bug in a library, not in the feed) turned into an error.
fn parse_feed(bytes: &[u8], base: Option<&str>) -> anyhow::Result<feed_rs::model::Feed> {
    // No made-up ids for entries without one: feed-rs would hash the link and title, or draw a
    // random UUID, and an id that changes between runs would import an entry twice.
    let parse =
        || feed_rs::parser::Builder::new().base_uri(base).id_generator(|_, _, _| String::new()).build().parse(bytes);
    match std::panic::catch_unwind(parse) {
        Ok(result) => Ok(result?),
        Err(_) => anyhow::bail!("the feed reader failed on this input (malformed XML it does not handle)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_late_xml_declaration_is_an_error_not_a_panic() {
        // Minimised from a fuzzing crash: feed-rs's XML reader panicked on this.
        let input = b"\xff\xff\xff\xff\xff\xff<?xml version=\"1\" encoding=\"ISO-8859-11\"?>";
        let text = String::from_utf8_lossy(input);
        assert!(extract(input, &text, None).is_err());
        let rss = "<rss version=\"2.0\"><channel><title>T</title><?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\
                   <item><title>Late declaration</title><description>Text.</description></item></channel></rss>";
        let drafts = extract(rss.as_bytes(), rss, None).unwrap();
        assert_eq!(drafts[0].title, "Late declaration");
    }

    #[test]
    fn rss_items_become_drafts_with_summary_links() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>
            <title>The Paper</title><link>https://paper.example/</link><description>d</description>
            <item><title>First &amp; best</title><link>https://paper.example/a</link>
              <description>A short summary.</description><pubDate>Tue, 10 Jun 2025 04:00:00 GMT</pubDate>
              <media:content url="https://paper.example/a.jpg" medium="image">
                <media:description>A harbour at dawn.</media:description><media:credit>Ann Photo</media:credit>
              </media:content></item>
            </channel></rss>"#;
        let drafts = extract(rss.as_bytes(), rss, None).unwrap();
        assert_eq!(drafts.len(), 1);
        let d = &drafts[0];
        assert_eq!(d.title, "First & best");
        assert_eq!(d.source.as_deref(), Some("The Paper"));
        assert!(d.body.contains("A short summary.") && d.body.contains("(https://paper.example/a)"), "{}", d.body);
        assert_eq!(d.images[0].src, "https://paper.example/a.jpg");
        assert_eq!(d.images[0].caption.as_deref(), Some("A harbour at dawn."));
        assert_eq!(d.images[0].credit.as_deref(), Some("Ann Photo"));
    }

    #[test]
    fn invalid_feed_is_a_clear_error() {
        let err = extract(b"<rss><channel><item>", "<rss><channel><item>", None).unwrap_err();
        assert!(err.to_string().contains("not a valid RSS, Atom or JSON feed"), "{err}");
    }
}
