//! `gazette import`: raw articles in (scraped text, saved HTML pages, feeds, Markdown), clean
//! Markdown files with front matter out.
//!
//! The command runs in three steps:
//! 1. every input (file, folder or `-` for standard input) is read, decoded (`detect.rs`) and
//!    turned into one or more [`Draft`]s ([`text`], [`html`], [`feed`]) in parallel;
//! 2. each draft gets its topic ([`topics`]), entities and tags ([`entities`]), date and slug;
//! 3. drafts are checked against the articles already in the output folder and earlier in this
//!    run (the same URL, or the same text with the same byline and day, is a duplicate) and
//!    named, in input order, then written (new files created exclusively, never replacing one;
//!    with `--force` replaced by rename).
//!
//! One bad input never stops the others: it is reported in the [`ImportReport`].

mod bylines;
pub mod dates;
pub mod debris;
mod detect;
pub use detect::Kind as InputKind;
pub mod entities;
mod existing;
mod fast;
pub mod feed;
mod finish;
pub mod html;
mod input;
pub mod links;
pub mod outlet;
pub mod pictures;
mod rawtext;
mod session;
pub mod text;
mod tidy;
pub mod topics;
pub mod tracking;
mod write;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::dates::FmDate;
use crate::content::front_matter::{ArticleMeta, Image};

pub use existing::{body_fingerprint, ExistingIndex};
use finish::finish;
use input::{decode_one, expand_inputs, extract_loaded, fetch_web_inputs, load};
pub use input::{extract, extract_page, load_response, Loaded};
pub use session::Session;

/// What the editor asked for on the command line.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The site folder (holding `site.yaml`); its topics, aliases, time zone and articles are used.
    pub site: PathBuf,
    /// Where to write; defaults to `<site>/content/articles`.
    pub out: Option<PathBuf>,
    /// Print the articles instead of writing them.
    pub stdout: bool,
    /// Topic slug for every imported article (no inference).
    pub topic: Option<String>,
    /// Outlet name for every imported article.
    pub source: Option<String>,
    /// Date for articles that carry none (`YYYY-MM-DD` or RFC 3339).
    pub date: Option<String>,
    /// The URL the inputs were saved from: relative links resolve against it when a page
    /// names no canonical URL of its own.
    pub source_url: Option<String>,
    /// Do everything except writing.
    pub dry_run: bool,
    /// Overwrite existing files.
    pub force: bool,
    /// Show a progress bar (the binary sets this when stderr is a terminal).
    pub progress: bool,
    /// A line model file to read scraped text with instead of the built-in one (for fitting).
    pub line_model: Option<PathBuf>,
    /// Files, folders or `-`, exactly as given.
    pub inputs: Vec<String>,
}

/// A mistake on the command line (exit status 2), as opposed to a failed input.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// One article as extracted from an input, before topic, entities, date and slug are settled.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub title: String,
    pub alt_title: Option<String>,
    pub date: Option<FmDate>,
    /// When the page says it was last changed: text reporting events up to then does not move
    /// the date (see [`dates::settle`]).
    pub updated: Option<FmDate>,
    /// Where the date came from when it is less certain than page metadata (e.g. `"text"`).
    pub date_source: Option<&'static str>,
    pub authors: Vec<String>,
    pub source: Option<String>,
    pub source_url: Option<String>,
    /// `Some(true)` when the page says it is for subscribers (JSON-LD `isAccessibleForFree`).
    pub paywall: Option<bool>,
    /// A topic its caller fixed (a subscription's `topic:`); `--topic` still wins.
    pub topic: Option<String>,
    pub language: Option<String>,
    pub section: Option<String>,
    pub summary: Option<String>,
    pub images: Vec<Image>,
    pub tags: Vec<String>,
    /// Markdown body.
    pub body: String,
    pub extra: BTreeMap<String, serde_json::Value>,
    /// Text the body left out that still reports dates (photo captions outside the article's
    /// region): a lower bound on the date like the body's own, never shown.
    pub date_hints: Vec<String>,
    /// A Markdown input that already has complete front matter: kept as it is.
    pub ready: Option<ArticleMeta>,
}

/// The result of one produced article.
#[derive(Debug, Clone)]
pub struct Imported {
    pub input: String,
    /// Where it was written (or would be, with `--dry-run`); `None` with `--stdout`.
    pub path: Option<PathBuf>,
    pub title: String,
}

/// What happened, for the summary and the exit status.
#[derive(Debug, Default)]
pub struct ImportReport {
    pub imported: Vec<Imported>,
    /// (input, what it duplicates)
    pub duplicates: Vec<(String, String)>,
    /// (input, reason)
    pub failed: Vec<(String, String)>,
    /// With `--stdout`: the files' text, one after the other.
    pub printed: String,
}

impl ImportReport {
    pub fn summary(&self) -> String {
        let mut s = format!(
            "imported {}, duplicates {}, failed {}",
            self.imported.len(),
            self.duplicates.len(),
            self.failed.len()
        );
        for (input, what) in &self.duplicates {
            s.push_str(&format!("\n  duplicate: {input}: same as {what}"));
        }
        for (input, why) in &self.failed {
            s.push_str(&format!("\n  failed: {input}: {why}"));
        }
        s
    }
}

/// The site's settings that import needs; all optional so import works without a site.
pub struct SiteInfo {
    pub config: Option<Config>,
    pub model: Option<topics::TopicModel>,
    pub names: entities::KnownNames,
}

/// Runs the import. Errors are usage errors ([`UsageError`]) or problems with the site itself;
/// problems with single inputs are reported in the returned [`ImportReport`].
pub fn run(options: &ImportOptions) -> anyhow::Result<ImportReport> {
    if options.inputs.is_empty() {
        return Err(
            UsageError("no INPUT given: name files, folders, web addresses or `-` for standard input".into()).into()
        );
    }
    let mut session = Session::open(options)?;
    let inputs = expand_inputs(&options.inputs)?;
    let web = fetch_web_inputs(&inputs, session.config())?;
    let batch = std::mem::take(&mut session.text_batch);
    let results = extract_all(&inputs, web, &session, batch);
    Ok(session.write(results))
}

/// Each input's articles (or why it failed), in input order: every input read and decoded in
/// parallel, then, with the statistics of the whole batch, extracted and finished in parallel.
fn extract_all(
    inputs: &[String],
    mut web: HashMap<String, anyhow::Result<Loaded>>,
    session: &Session,
    batch: text::BatchStats,
) -> session::Results {
    let (options, fixed_date, site) = (&session.options, session.fixed_date, &session.site);
    let page_url = session.page_url.as_ref();
    let bar = (options.progress && inputs.len() > 1).then(|| {
        let bar = indicatif::ProgressBar::new(inputs.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    // Fetched pages (taken out in input order, an address given twice is fetched once).
    let fetched: Vec<Option<anyhow::Result<Loaded>>> = inputs
        .iter()
        .map(|i| {
            web.remove(i).or_else(|| {
                crate::net::is_web_url(i)
                    .then(|| Err(anyhow::anyhow!("this address was given earlier in the same command")))
            })
        })
        .collect();
    let loaded: Vec<(String, anyhow::Result<Loaded>)> = inputs
        .par_iter()
        .zip(fetched)
        .map(|(input, fetched)| (input.clone(), fetched.unwrap_or_else(|| load(input)).map(|l| l.at(page_url))))
        .collect();
    // Lines repeated across the plain-text inputs are site furniture.
    let stats = batch.count(loaded.iter().filter_map(|(_, r)| match r {
        Ok(l) if l.kind == detect::Kind::Text => Some(l.text.as_str()),
        _ => None,
    }));
    let results = loaded
        .into_par_iter()
        .map(|(input, loaded)| {
            let r = loaded.and_then(|l| {
                let drafts = extract_loaded(&l, &stats)?;
                drafts.into_iter().map(|d| finish(d, &input, options, fixed_date, site)).collect()
            });
            if let Some(b) = &bar {
                b.inc(1);
            }
            (input, r)
        })
        .collect();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    results
}

/// One finished article, ready to be written.
pub struct ArticleFile {
    pub meta: ArticleMeta,
    pub body: String,
    pub slug: String,
    /// Headline, section and text as the topic model sees them (empty when no topic is to be
    /// inferred). Computed here, in parallel, once for all rounds of self-training.
    pub topic_features: topics::Features,
}

/// Imports one input in memory without a site: the text of each article file `run` would
/// write for it. The fuzz targets use it to check that whatever import writes loads again.
pub fn import_to_texts(input: &str, bytes: &[u8], kind: Option<InputKind>) -> anyhow::Result<Vec<String>> {
    let loaded = decode_one(input, bytes, kind)?;
    let site = SiteInfo { config: None, model: None, names: entities::KnownNames::new(None) };
    let options = ImportOptions::default();
    let fixed = FmDate::Day(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a valid date"));
    extract_loaded(&loaded, &text::BatchStats::default())?
        .into_iter()
        .map(|d| {
            let file = finish(d, input, &options, Some(fixed), &site)?;
            crate::content::front_matter::to_file_text(&file.meta, &file.body)
        })
        .collect()
}

/// The text of one input as import reads it: its kind detected and its encoding decoded.
pub fn decode_input(input: &str, bytes: &[u8]) -> anyhow::Result<String> {
    Ok(decode_one(input, bytes, None)?.text)
}
