//! Page-head metadata of article pages: OpenGraph/Twitter values, schema.org `NewsArticle`
//! JSON-LD and the topic's feeds. Rendered by `partials/head_meta.html`.

use serde::Serialize;

use super::context::{iso, Ctx, Head};
use super::feed_links::atom_link;
use super::json::script_json;

#[derive(Serialize)]
struct Thing<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    /// No `description`: it repeated the `description` and `og:description` meta of the same
    /// head (~0.2 KB a page), and Google's `Article` data does not read it.
    headline: &'a str,
    date_published: &'a str,
    date_modified: &'a str,
    author: Vec<Thing<'a>>,
    publisher: Thing<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    image: Vec<String>,
    /// The page's address; `mainEntityOfPage` would repeat it (and `keywords` the
    /// `article:tag` values): schema.org's `NewsArticle` needs neither.
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    article_section: Option<&'a str>,
    in_language: &'a str,
}

/// The head of article `i`: OpenGraph article values and `NewsArticle` JSON-LD.
pub fn article_head(ctx: &Ctx, i: usize) -> Head {
    let a = &ctx.site.content.articles[i];
    let m = &a.meta;
    let mut head = ctx.head(&m.title, a.doc.summary.clone(), &a.doc.path, "article").showing(&a.doc.html);
    let images: Vec<String> = m.images.iter().map(|img| ctx.config.url.absolute_link(&img.src, &a.doc.path)).collect();
    let published = iso(&a.date);
    let modified = a.updated.filter(|u| *u > a.date).map(|u| iso(&u)).unwrap_or_else(|| published.clone());
    let topic = ctx.topic_link(m.topic.as_deref());
    let ld = NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        headline: &m.title,
        date_published: &published,
        date_modified: &modified,
        author: if m.authors.is_empty() {
            vec![Thing { kind: "Organization", name: ctx.config.publisher(), url: None }]
        } else {
            m.authors.iter().map(|n| Thing { kind: "Person", name: n, url: None }).collect()
        },
        publisher: Thing { kind: "Organization", name: ctx.config.publisher(), url: Some(ctx.config.url.absolute("")) },
        image: images.clone(),
        url: &head.canonical,
        article_section: topic.as_ref().map(|t| t.name),
        in_language: m.language.as_deref().unwrap_or(&ctx.config.site.language),
    };
    head.json_ld = Some(script_json(&ld));
    head.og_type = "article";
    head.image = images.into_iter().next();
    head.image_alt = m.images.first().map(|img| img.alt.clone()).filter(|alt| !alt.is_empty());
    // `article:modified_time` only says something when the article was updated.
    head.modified = (modified != published).then_some(modified);
    head.published = Some(published);
    head.section = topic.map(|t| t.name.to_owned());
    head.tags = m.tags.clone();
    if let Some(t) = m.topic.as_deref().and_then(|t| ctx.config.topic(t)) {
        head.feeds.push(atom_link(&format!("topics/{}/", t.slug), &t.name, |rel| ctx.url(rel)));
    }
    head
}
