//! Page-head metadata: feed autodiscovery, OpenGraph/Twitter values and schema.org
//! `NewsArticle` JSON-LD for article pages. Rendered by `partials/head_meta.html`.

use serde::Serialize;

use super::context::{iso, Ctx, FeedLink, Head};
use super::feeds::feed_paths;

/// The three feeds of a folder (`""` for the site, `topics/x/`) for `<link rel="alternate">`.
pub fn feed_links(ctx: &Ctx, dir: &str, title: &str) -> Vec<FeedLink> {
    let [atom, rss, json] = feed_paths(dir);
    vec![
        FeedLink { title: format!("{title} (Atom)"), mime: "application/atom+xml", href: ctx.url(&atom) },
        FeedLink { title: format!("{title} (RSS)"), mime: "application/rss+xml", href: ctx.url(&rss) },
        FeedLink { title: format!("{title} (JSON Feed)"), mime: "application/feed+json", href: ctx.url(&json) },
    ]
}

/// Serialises JSON for a `<script type="application/ld+json">` element: `<`, `>` and `&`
/// become `\u003c`, `\u003e`, `\u0026` (they can only occur inside JSON strings, where the
/// escapes mean the same), so neither `</script>` nor `<!--` can end or alter the element.
pub fn script_json<T: Serialize>(value: &T) -> String {
    html_safe_json(&serde_json::to_string(value).unwrap_or_else(|_| "{}".into()))
}

/// Rewrites `<`, `>`, `&`, U+2028 and U+2029 in serialised JSON as `\uXXXX` escapes: the
/// same JSON value, but safe to embed in HTML or to be sniffed as HTML by a browser.
pub fn html_safe_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[derive(Serialize)]
struct Thing<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct WebPage<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    date_published: &'a str,
    date_modified: &'a str,
    author: Vec<Thing<'a>>,
    publisher: Thing<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    image: Vec<String>,
    main_entity_of_page: WebPage<'a>,
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    article_section: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keywords: Vec<&'a str>,
    in_language: &'a str,
}

/// The head of article `i`: OpenGraph article values and `NewsArticle` JSON-LD.
pub fn article_head(ctx: &Ctx, i: usize) -> Head {
    let a = &ctx.site.content.articles[i];
    let m = &a.meta;
    let mut head = ctx.head(&m.title, a.doc.summary.clone(), &a.doc.path, "article");
    let images: Vec<String> = m.images.iter().map(|img| ctx.config.url.absolute_link(&img.src, &a.doc.path)).collect();
    let published = iso(&a.date);
    let modified = a.updated.filter(|u| *u > a.date).map(|u| iso(&u)).unwrap_or_else(|| published.clone());
    let topic = ctx.topic_link(m.topic.as_deref());
    let ld = NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        headline: &m.title,
        description: &a.doc.summary,
        date_published: &published,
        date_modified: &modified,
        author: if m.authors.is_empty() {
            vec![Thing { kind: "Organization", name: ctx.config.publisher(), url: None }]
        } else {
            m.authors.iter().map(|n| Thing { kind: "Person", name: n, url: None }).collect()
        },
        publisher: Thing { kind: "Organization", name: ctx.config.publisher(), url: Some(ctx.config.url.absolute("")) },
        image: images.clone(),
        main_entity_of_page: WebPage { kind: "WebPage", id: &head.canonical },
        url: &head.canonical,
        article_section: topic.as_ref().map(|t| t.name),
        keywords: m.tags.iter().map(String::as_str).collect(),
        in_language: m.language.as_deref().unwrap_or(&ctx.config.site.language),
    };
    head.json_ld = Some(script_json(&ld));
    head.og_type = "article";
    head.image = images.into_iter().next();
    head.image_alt = m.images.first().map(|img| img.alt.clone()).filter(|alt| !alt.is_empty());
    head.published = Some(published);
    head.modified = Some(modified);
    head.section = topic.map(|t| t.name.to_owned());
    head.tags = m.tags.clone();
    if let Some(t) = m.topic.as_deref().and_then(|t| ctx.config.topic(t)) {
        head.feeds.extend(feed_links(ctx, &format!("topics/{}/", t.slug), &t.name));
    }
    head
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_break_out() {
        let hostile = "</script><script>alert(1)</script><!-- & \u{2028}";
        let s = script_json(&serde_json::json!({ "headline": hostile }));
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'), "{s}");
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["headline"], hostile);
    }
}
