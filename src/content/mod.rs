//! Stage 1, loading: reads `content/` into articles, notes and pages with rendered bodies.
//!
//! Loading runs in two passes so internal links can be checked: first every file's front
//! matter is read (in parallel), giving every document its URL; then every body is rendered
//! (in parallel) with a resolver over those URLs. Problems in any file are collected and
//! returned together.

mod body;
pub mod dates;
pub mod front_matter;
pub mod highlight;
pub mod html_depth;
mod index;
pub mod markdown;
mod read;
mod reload;
pub mod terms;

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{ContentErrors, Diagnostic, Diagnostics};
pub use front_matter::{ArticleMeta, Image, NoteMeta, PageMeta};
use index::DocIndex;
use read::{read_sources, Parsed, Source};
pub use reload::{reload, Reloaded};

/// The three kinds of content file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Article,
    Note,
    Page,
}

impl Kind {
    pub fn dir(self) -> &'static str {
        match self {
            Kind::Article => "articles",
            Kind::Note => "notes",
            Kind::Page => "pages",
        }
    }
}

/// What every document has: where it came from, where it goes, its rendered body.
#[derive(Debug, Clone)]
pub struct Doc {
    /// `articles/2026/11/18/x.md`: the path under `content/`, the document's key.
    pub key: String,
    /// Path shown in messages, e.g. `content/articles/2026/11/18/x.md`.
    pub file: PathBuf,
    pub slug: String,
    /// Site-relative URL path without the base path (`articles/2026/11/18/x/`).
    pub path: String,
    pub html: String,
    pub summary: String,
    pub word_count: usize,
    /// Characters of Chinese and Japanese script in the body (see `markdown::count_words`).
    pub cjk_chars: usize,
    /// Keys of documents the body links to.
    pub links: Vec<String>,
    /// Term signature of title and body, for similarity.
    pub terms: Vec<terms::Term>,
}

impl Doc {
    /// Minutes to read the body: 230 words a minute, and 400 characters a minute of Chinese
    /// and Japanese (readers of both take in roughly 300–500 characters a minute).
    pub fn reading_minutes(&self) -> usize {
        (self.word_count * 400 + self.cjk_chars * 230).div_ceil(230 * 400).max(1)
    }
}

#[derive(Debug, Clone)]
pub struct Article {
    pub doc: Doc,
    pub meta: ArticleMeta,
    /// Publication time in the site's time zone.
    pub date: DateTime<FixedOffset>,
    pub updated: Option<DateTime<FixedOffset>>,
    /// The day of the edition this article belongs to (local to the site).
    pub day: NaiveDate,
}

#[derive(Debug, Clone)]
pub struct Note {
    pub doc: Doc,
    pub meta: NoteMeta,
    pub date: DateTime<FixedOffset>,
    /// The edition the note belongs to.
    pub edition: NaiveDate,
    /// Keys of the articles named in `articles:`, resolved.
    pub about_articles: Vec<String>,
    /// Where its `story:` key stands (an empty warning pointing there), so a later stage can
    /// report an unknown story id at the right line without reading the file again.
    pub story_key_at: Option<Diagnostic>,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub doc: Doc,
    pub meta: PageMeta,
}

/// Everything in `content/`, loaded. Sorted: articles newest first, notes newest first, pages by key.
#[derive(Debug, Default, Clone)]
pub struct Content {
    pub articles: Vec<Article>,
    pub notes: Vec<Note>,
    pub pages: Vec<Page>,
    /// Warnings found while loading (errors fail the load instead).
    pub warnings: Diagnostics,
    /// Every document's URL and title, kept to render edited bodies again (`serve`).
    index: DocIndex,
}

/// What to include.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Include drafts and future-dated documents.
    pub drafts: bool,
    /// "Now", for leaving out future-dated documents.
    pub now: DateTime<FixedOffset>,
}

/// Loads and renders everything under `content/`.
pub fn load(config: &Config, options: &LoadOptions) -> Result<Content, ContentErrors> {
    let mut problems = Diagnostics::default();
    let sources = read_sources(config, &mut problems);
    let parsed: Vec<(Source, Result<Parsed, Diagnostic>)> = sources
        .into_par_iter()
        .map(|s| {
            let p = read::parse(config, &s);
            (s, p)
        })
        .collect();
    let mut ok = Vec::with_capacity(parsed.len());
    for (source, result) in parsed {
        match result {
            Ok(p) if p.is_published(options, config.tz) && in_this_language(config, &source, &p) => {
                ok.push((source, p))
            }
            Ok(_) => {}
            Err(d) => problems.push(d),
        }
    }
    let index = DocIndex::build(config, &ok, &mut problems);
    index.check_references(config, &ok, &mut problems);
    let rendered: Vec<_> = ok.into_par_iter().map(|(source, p)| body::render(config, &index, source, p)).collect();
    let mut content = Content::default();
    for result in rendered {
        match result {
            Ok(body::Loaded::Article(a)) => content.articles.push(*a),
            Ok(body::Loaded::Note(n)) => content.notes.push(*n),
            Ok(body::Loaded::Page(p)) => content.pages.push(*p),
            Err(ds) => problems.extend(ds),
        }
    }
    if problems.has_errors() {
        return Err(ContentErrors(problems.sorted()));
    }
    content.warnings = problems.sorted();
    content.index = index;
    content.articles.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.doc.key.cmp(&b.doc.key)));
    content.notes.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.doc.key.cmp(&b.doc.key)));
    content.pages.sort_by(|a, b| a.doc.key.cmp(&b.doc.key));
    Ok(content)
}

/// Whether a document belongs to the language `config` is built in (always, on a
/// single-language site).
fn in_this_language(config: &Config, source: &Source, parsed: &Parsed) -> bool {
    config.language_of(&source.key, parsed.language()).is_none_or(|l| l == config.site.language)
}

/// Loads one document from text alone, as `load` would if it were the only file, and returns
/// every problem found. The fuzz targets and their corpus replay in `cargo test` use it.
pub fn load_text(config: &Config, kind: Kind, key: &str, text: &str) -> Diagnostics {
    let mut problems = Diagnostics::default();
    let source = Source { kind, key: key.to_owned(), file: config.content_dir().join(key), text: text.to_owned() };
    let parsed = match read::parse(config, &source) {
        Ok(p) => p,
        Err(d) => {
            problems.push(d);
            return problems;
        }
    };
    let ok = vec![(source, parsed)];
    let index = DocIndex::build(config, &ok, &mut problems);
    index.check_references(config, &ok, &mut problems);
    for (source, parsed) in ok {
        if let Err(ds) = body::render(config, &index, source, parsed) {
            problems.extend(ds);
        }
    }
    problems
}
