//! The local half of `gazette fetch`, one feed at a time in `site.yaml` order: each new entry
//! made into an article (its page extracted, in parallel), imported through the import
//! pipeline (duplicates, file names, never overwriting), and only then remembered as seen.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::download::{Document, Outcome};
use super::entries::{with_page, Candidate, Rules, Verdict};
use super::state::FeedState;
use super::{FeedLine, LineStatus};
use crate::config::Subscription;
use crate::import::{Draft, ImportOptions, Session};
use crate::net::{NetError, Response};

/// The import session, opened (the site's articles read) only when a feed has something new.
pub(super) struct LazySession {
    options: ImportOptions,
    session: Option<Session>,
}

impl LazySession {
    pub(super) fn new(options: ImportOptions) -> LazySession {
        LazySession { options, session: None }
    }

    fn get(&mut self) -> anyhow::Result<&mut Session> {
        if self.session.is_none() {
            self.session = Some(Session::open(&self.options)?);
        }
        Ok(self.session.as_mut().expect("just opened"))
    }
}

/// What became of one new entry before import.
enum Decided {
    /// With a note when its page could not be used and the feed's text stands in.
    Import {
        key: String,
        draft: Box<Draft>,
        note: Option<String>,
    },
    LeftOut(String),
    /// Its page failed in a way that may pass: not imported, not remembered, tried next run.
    Retry(String),
}

/// Counts for one feed's line and the run's summary.
#[derive(Default)]
pub(super) struct Counts {
    pub imported: usize,
    pub duplicates: usize,
    pub failed: usize,
}

pub(super) struct Clock<'a> {
    pub now: &'a str,
    pub today: chrono::NaiveDate,
}

/// Applies one feed's outcome: articles imported, state updated, a line for the editor.
pub(super) fn apply(
    sub: &Subscription,
    outcome: Outcome,
    session: &mut LazySession,
    feed: &mut FeedState,
    clock: &Clock,
) -> anyhow::Result<(FeedLine, Counts)> {
    let line = |status, detail: String| FeedLine { url: sub.url.clone(), status, detail };
    match outcome {
        Outcome::NotModified => {
            feed.update(clock.now, |f| {
                f.last_status = "ok".into();
                f.last_error = None;
            });
            Ok((line(LineStatus::Unchanged, "not modified".into()), Counts::default()))
        }
        Outcome::Failed(why) => {
            feed.update(clock.now, |f| {
                f.last_status = "failed".into();
                f.last_error = Some(why.clone());
            });
            Ok((line(LineStatus::Failed, why), Counts::default()))
        }
        Outcome::Fetched(doc) => fetched(sub, *doc, session, feed, clock),
    }
}

fn fetched(
    sub: &Subscription,
    doc: Document,
    session: &mut LazySession,
    feed: &mut FeedState,
    clock: &Clock,
) -> anyhow::Result<(FeedLine, Counts)> {
    let Document { validators, title, selection, pages } = doc;
    let rules = Rules::of(sub);
    let decided: Vec<Decided> = selection
        .candidates
        .into_par_iter()
        .zip(pages)
        .map(|(candidate, page)| decide(candidate, page, &rules))
        .collect();
    let mut sorted = Sorted::of(decided, &sub.url);
    sorted.left_out.extend(selection.left_out);
    let batch = std::mem::take(&mut sorted.batch);
    let report = if batch.is_empty() { Default::default() } else { session.get()?.import_drafts(batch) };
    let done_inputs = report.imported.iter().map(|i| &i.input).chain(report.duplicates.iter().map(|(i, _)| i));
    let mut done: Vec<&String> =
        done_inputs.flat_map(|input| sorted.keys_of.get(input).into_iter().flatten()).collect();
    done.extend(sorted.left_out.iter());
    let complete = sorted.retry.is_empty() && report.failed.is_empty() && selection.waiting == 0;
    let listed: HashSet<&str> = selection.keys.iter().map(String::as_str).collect();
    let today = clock.today.format("%Y-%m-%d").to_string();
    feed.update(clock.now, |f| {
        f.title = title;
        // Validators only once every entry is dealt with: an entry left for later must make
        // the next request a full one, or a `304` would hide it.
        (f.etag, f.last_modified) = if complete { (validators.etag, validators.last_modified) } else { (None, None) };
        f.last_status = "ok".into();
        f.last_error = None;
        f.imported += report.imported.len() as u64;
        for key in done {
            f.seen.entry(key.clone()).or_insert_with(|| today.clone());
        }
        f.forget_old(&listed, clock.today);
    });
    let counts =
        Counts { imported: report.imported.len(), duplicates: report.duplicates.len(), failed: report.failed.len() };
    let mut detail = describe(&counts, sorted.left_out.len(), selection.waiting, session.options.dry_run);
    sorted.append_notes(&mut detail);
    for (input, why) in &report.failed {
        detail.push_str(&format!("; failed: {input}: {why}"));
    }
    let status = match (counts.failed, counts.imported) {
        (1.., _) => LineStatus::Failed,
        (0, 1..) => LineStatus::New,
        _ => LineStatus::Unchanged,
    };
    Ok((FeedLine { url: sub.url.clone(), status, detail }, counts))
}

/// One feed's decided entries, sorted for import and for the state.
#[derive(Default)]
struct Sorted {
    /// (input name, its draft) for import.
    batch: Vec<(String, anyhow::Result<Vec<Draft>>)>,
    /// Input name → the entry keys it stands for.
    keys_of: HashMap<String, Vec<String>>,
    left_out: Vec<String>,
    /// Why each page to try again failed.
    retry: Vec<String>,
    /// Why each page that could not be used failed.
    notes: Vec<String>,
}

impl Sorted {
    fn of(decided: Vec<Decided>, feed_url: &str) -> Sorted {
        let mut s = Sorted::default();
        for d in decided {
            match d {
                Decided::Import { key, draft, note } => {
                    // The entry's address names it in the report and in `source_file`.
                    let name = draft.source_url.clone().unwrap_or_else(|| feed_url.to_owned());
                    s.keys_of.entry(name.clone()).or_default().push(key);
                    s.notes.extend(note);
                    s.batch.push((name, Ok(vec![*draft])));
                }
                Decided::LeftOut(key) => s.left_out.push(key),
                Decided::Retry(why) => s.retry.push(why),
            }
        }
        s
    }

    fn append_notes(&self, detail: &mut String) {
        if let Some(first) = self.retry.first() {
            detail.push_str(&format!("; {} pages to try again next run ({first})", self.retry.len()));
        }
        if let Some(first) = self.notes.first() {
            detail.push_str(&format!("; {} from the feed's own text ({first})", self.notes.len()));
        }
    }
}

/// `3 new, 1 duplicate, 2 left out by include/exclude, 4 waiting (max_per_run)`.
fn describe(c: &Counts, left_out: usize, waiting: usize, dry_run: bool) -> String {
    let mut parts = Vec::new();
    if c.imported > 0 || (c.duplicates == 0 && left_out == 0 && waiting == 0) {
        parts.push(match (c.imported, dry_run) {
            (0, _) => "no new entries".to_owned(),
            (n, true) => format!("{n} new (dry run: not written)"),
            (n, false) => format!("{n} new"),
        });
    }
    if c.duplicates > 0 {
        parts.push(format!("{} already imported (duplicates)", c.duplicates));
    }
    if left_out > 0 {
        parts.push(format!("{left_out} left out by include/exclude"));
    }
    if waiting > 0 {
        parts.push(format!("{waiting} waiting for the next run (max_per_run)"));
    }
    parts.join(", ")
}

/// Makes one candidate into an article: with its page's text when it has one, the feed's own
/// text when the page cannot be had for good, and not at all (this run) when it may come later.
fn decide(c: Candidate, page: Option<Result<Response, NetError>>, rules: &Rules) -> Decided {
    let Candidate { key, draft, needs_include, .. } = c;
    let fallback = |key: String, draft: Draft, why: String| {
        if needs_include {
            Decided::LeftOut(key)
        } else {
            Decided::Import { key, draft: Box::new(draft), note: Some(why) }
        }
    };
    let response = match page {
        None => return Decided::Import { key, draft: Box::new(draft), note: None },
        Some(Err(e)) if e.is_transient() => return Decided::Retry(e.to_string()),
        Some(Err(e)) => return fallback(key, draft, e.to_string()),
        Some(Ok(r)) => r,
    };
    let url = response.url.to_string();
    match page_draft(response) {
        Ok(page) => {
            let merged = with_page(draft, page, &url);
            // The full text is checked again: for an `exclude` word the summary lacked, and for
            // the `include` word the summary lacked.
            let out = match rules.verdict(&merged.title, &crate::import::text::markdown_plain(&merged.body)) {
                Verdict::LeaveOut => true,
                Verdict::NoIncludeYet => needs_include,
                Verdict::Keep => false,
            };
            if out {
                Decided::LeftOut(key)
            } else {
                Decided::Import { key, draft: Box::new(merged), note: None }
            }
        }
        Err(e) => fallback(key, draft, format!("{url}: {e:#}")),
    }
}

/// The article a fetched page holds; a page that is not HTML has none.
fn page_draft(response: Response) -> anyhow::Result<Draft> {
    if let Some(media) = response.media_type().filter(|m| !m.contains("html") && !m.starts_with("text/")) {
        anyhow::bail!("the page is `{media}`, not a web page");
    }
    let loaded = crate::import::load_response(response)?;
    crate::import::extract_page(&loaded)?.into_iter().next().ok_or_else(|| anyhow::anyhow!("no article in the page"))
}
