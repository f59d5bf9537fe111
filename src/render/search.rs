//! Static search: a chunked Pagefind index over every article and note, served from
//! `/pagefind/` and queried by `/search/` in the browser.
//!
//! The index is built from the organized site (not by re-reading rendered HTML): one
//! record per article and note with its text, title, outlet, date and topic as a filter.
//! Pagefind splits the index into small chunks that the browser fetches on demand, so a
//! large archive stays small on the wire. Record URLs are site-relative (`/articles/x/`);
//! Pagefind's browser code prefixes the folder it was loaded from, so search works under
//! any base path.

use std::collections::BTreeMap;

use anyhow::Context as _;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use rayon::prelude::*;

use super::context::{date_display, iso, Ctx};
use crate::content::{Article, Note};

/// Where the index goes in the output.
pub const BUNDLE_DIR: &str = "pagefind/";

/// One searchable document.
struct Record {
    url: String,
    text: String,
    meta: BTreeMap<String, String>,
    filters: BTreeMap<String, Vec<String>>,
}

/// Plain text of rendered HTML.
fn text_of(html: &str) -> String {
    dom_query::Document::fragment(html).root().text().to_string()
}

/// A record's searchable text, with `&`, `<` and `>` escaped: the browser shows excerpts of it
/// as HTML (with `<mark>` around matches), so raw `<` from a title must never reach it. Quotes
/// stay as they are: they are harmless in element text, and Pagefind indexes a word with its
/// entity glued on (`mayor&#39;s` became the word `mayor39s`, which a search for "mayor's"
/// does not find exactly).
fn record_text(parts: &[&str]) -> String {
    crate::content::markdown::escape_text(&parts.join("\n"))
}

/// One record per article, then one per note, in the site's order. Reading the text out of
/// each rendered body is the part that costs, so it runs in parallel; `collect` keeps order.
fn records(ctx: &Ctx) -> Vec<Record> {
    let content = &ctx.site.content;
    let mut out: Vec<Record> = content.articles.par_iter().map(|a| article_record(ctx, a)).collect();
    out.par_extend(content.notes.par_iter().map(|n| note_record(ctx, n)));
    out
}

fn topic_name(ctx: &Ctx, slug: &str) -> Option<String> {
    ctx.config.topic(slug).map(|t| t.name.clone())
}

fn article_record(ctx: &Ctx, a: &Article) -> Record {
    let m = &a.meta;
    let mut meta = BTreeMap::from([
        ("title".to_owned(), m.title.clone()),
        ("date".to_owned(), iso(&a.date)),
        ("date_display".to_owned(), date_display(a.day)),
        ("kind".to_owned(), "article".to_owned()),
    ]);
    if let Some(source) = &m.source {
        meta.insert("outlet".into(), source.clone());
    }
    if let Some(img) = m.images.first() {
        meta.insert("image".into(), super::meta::absolute_image(ctx, &img.src, &a.doc.path));
        meta.insert("image_alt".into(), img.alt.clone());
    }
    let mut filters = BTreeMap::from([("kind".to_owned(), vec!["Articles".to_owned()])]);
    if let Some(name) = m.topic.as_deref().and_then(|t| topic_name(ctx, t)) {
        filters.insert("topic".into(), vec![name]);
    }
    if let Some(source) = &m.source {
        filters.insert("outlet".into(), vec![source.clone()]);
    }
    let text = record_text(&[&m.title, &a.doc.summary, &text_of(&a.doc.html)]);
    Record { url: format!("/{}", a.doc.path), text, meta, filters }
}

fn note_record(ctx: &Ctx, n: &Note) -> Record {
    let meta = BTreeMap::from([
        ("title".to_owned(), n.meta.title.clone()),
        ("date".to_owned(), iso(&n.date)),
        ("date_display".to_owned(), date_display(n.date.date_naive())),
        ("kind".to_owned(), "note".to_owned()),
        ("outlet".to_owned(), ctx.config.publisher().to_owned()),
    ]);
    let mut filters = BTreeMap::from([("kind".to_owned(), vec!["Editors' notes".to_owned()])]);
    let topics: Vec<String> = n.meta.topics.iter().filter_map(|t| topic_name(ctx, t)).collect();
    if !topics.is_empty() {
        filters.insert("topic".into(), topics);
    }
    let text = record_text(&[&n.meta.title, &text_of(&n.doc.html)]);
    Record { url: format!("/{}", n.doc.path), text, meta, filters }
}

/// The index files as (site-relative path, bytes); none when there is nothing to search.
pub fn files(ctx: &Ctx) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let records = records(ctx);
    if records.is_empty() {
        return Ok(Vec::new());
    }
    // Every record goes into one index in the site's language: a digest is read in one
    // language, and Pagefind would otherwise only search the index matching the page's.
    let language = ctx.config.site.language.split(['-', '_']).next().unwrap_or("en").to_ascii_lowercase();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .context("failed to start the runtime for the search index")?;
    runtime.block_on(async {
        let options = PagefindServiceConfig::builder().force_language(language.clone()).build();
        let mut index = PagefindIndex::new(Some(options)).context("failed to set up the search index")?;
        for r in records {
            index
                .add_custom_record(r.url, r.text, language.clone(), Some(r.meta), Some(r.filters), None)
                .await
                .context("failed to add a page to the search index")?;
        }
        let files = index.get_files().await.context("failed to build the search index")?;
        Ok(files
            .into_iter()
            .map(|f| (format!("{BUNDLE_DIR}{}", f.filename.to_string_lossy().replace('\\', "/")), f.contents))
            .collect())
    })
}

#[cfg(test)]
mod tests {
    use super::record_text;

    #[test]
    fn record_text_escapes_markup_but_keeps_quotes_in_words() {
        assert_eq!(
            record_text(&["The mayor's \"plan\"", "<img src=x onerror=alert(1)> & more"]),
            "The mayor's \"plan\"\n&lt;img src=x onerror=alert(1)&gt; &amp; more"
        );
    }
}
