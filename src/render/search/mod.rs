//! Static search: Gazette's own chunked index over every article and note (`index.rs`),
//! served from `/search-index/` and queried by `/search/` in the browser (`search.js`).
//!
//! The index is built from the organized site (not by re-reading rendered HTML): one
//! document per article and note with its text, title, outlet, date and topics. The browser
//! fetches only the index summary, the shards holding the query's words and the documents it
//! shows, so a large archive stays small on the wire. Document URLs include the base path.

mod digits;
mod index;
mod invert;
mod plain;

pub use invert::for_each_word;

use rayon::prelude::*;

use super::context::{iso, Ctx};
use crate::content::{Article, Note};
use index::Document;

/// Where the index goes in the output.
pub const BUNDLE_DIR: &str = "search-index/";

/// Plain text of rendered HTML, block elements on lines of their own: read straight off the
/// markup when it is simple (as the sanitizer writes it), else by parsing it.
fn text_of(html: &str) -> String {
    plain::text(html).unwrap_or_else(|| dom_query::Document::fragment(html).root().text().to_string())
}

/// One document per article, then one per note, in the site's order.
fn documents(ctx: &Ctx) -> Vec<Document> {
    let content = &ctx.site.content;
    let mut out: Vec<Document> = content.articles.par_iter().map(|a| article_document(ctx, a)).collect();
    out.par_extend(content.notes.par_iter().map(|n| note_document(ctx, n)));
    out
}

/// The searched text of document `n` (numbered as [`documents`] orders them).
fn text(ctx: &Ctx, n: usize) -> String {
    let content = &ctx.site.content;
    match content.articles.get(n) {
        Some(a) => article_text(a),
        None => content.notes.get(n - content.articles.len()).map(|n| text_of(&n.doc.html)).unwrap_or_default(),
    }
}

/// The text the article page marks for excerpts: the editor's summary (the standfirst), if
/// there is one, and the body. A summary taken from the body would count its words twice.
fn article_text(a: &Article) -> String {
    let body = text_of(&a.doc.html);
    match a.meta.summary.as_deref().map(str::trim) {
        Some(summary) if !summary.is_empty() => format!("{summary}\n{body}"),
        _ => body,
    }
}

fn topic_name(ctx: &Ctx, slug: &str) -> Option<String> {
    ctx.config.topic(slug).map(|t| t.name.clone())
}

fn article_document(ctx: &Ctx, a: &Article) -> Document {
    let m = &a.meta;
    Document {
        url: ctx.url(&a.doc.path),
        title: m.title.clone(),
        outlet: m.source.clone(),
        date: iso(&a.date),
        date_display: ctx.date_display(a.day),
        topics: m.topic.as_deref().and_then(|t| topic_name(ctx, t)).into_iter().collect(),
        language: m.language.clone().filter(|l| !l.eq_ignore_ascii_case(&ctx.config.site.language)),
    }
}

fn note_document(ctx: &Ctx, n: &Note) -> Document {
    Document {
        url: ctx.url(&n.doc.path),
        title: n.meta.title.clone(),
        outlet: Some(ctx.config.publisher().to_owned()),
        date: iso(&n.date),
        date_display: ctx.date_display(n.date.date_naive()),
        topics: n.meta.topics.iter().filter_map(|t| topic_name(ctx, t)).collect(),
        language: None,
    }
}

/// Builds the index and hands each file to `write` (site-relative path, bytes) as soon as it
/// is made; returns how many there were (none when there is nothing to search).
pub fn write(ctx: &Ctx, write: &(dyn Fn(&str, &[u8]) -> anyhow::Result<()> + Sync)) -> anyhow::Result<usize> {
    let t = std::time::Instant::now();
    let documents = documents(ctx);
    tracing::debug!("search index: {} documents in {:?}", documents.len(), t.elapsed());
    if documents.is_empty() {
        return Ok(0);
    }
    let emit = |name: String, bytes: Vec<u8>| write(&format!("{BUNDLE_DIR}{name}"), &bytes);
    index::build_into(&documents, &|n| text(ctx, n), &ctx.config.site.language, &emit)
}
