//! `gazette fetch`: every feed of `site.yaml` fetched (conditionally), each new entry imported
//! (with its page's full text per `full_text:`) through the import pipeline, and what was done
//! remembered in `.gazette/fetch.json` ([`state`]).
//!
//! The feeds and pages are fetched concurrently on the [`crate::net`] client's runtime
//! (`download.rs`, one task per feed); each feed's result is then applied in `site.yaml` order on
//! the calling thread (`apply.rs`), its pages extracted in parallel, so file names and duplicate
//! decisions do not depend on which server answered first. An entry is remembered as seen only
//! once its article is written, and the state is saved as the run goes: a run killed midway
//! leaves a valid state, and the next run imports what is missing and nothing twice (what was
//! written but not yet remembered is recognised by import's duplicate check). One failing feed
//! never stops the others.

mod apply;
mod download;
pub mod entries;
pub mod state;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context as _;

use crate::config::{Config, Subscription};
use crate::import::{ImportOptions, UsageError};
use crate::net::{Client, ClientOptions, Validators};
use apply::{Clock, LazySession};
use download::{Job, Outcome};
pub use state::{FeedState, State, STATE_FILE};

/// What the editor asked for.
#[derive(Debug, Clone, Default)]
pub struct FetchOptions {
    /// The site folder (holding `site.yaml`).
    pub site: PathBuf,
    /// Only this feed (its URL as in `site.yaml`).
    pub feed: Option<String>,
    /// Fetch and decide everything, write nothing (no articles, no state).
    pub dry_run: bool,
    /// Show a progress bar (the binary sets this when stderr is a terminal).
    pub progress: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineStatus {
    New,
    Unchanged,
    Failed,
}

/// One feed's line in the report.
#[derive(Debug, Clone)]
pub struct FeedLine {
    pub url: String,
    pub status: LineStatus,
    pub detail: String,
}

impl std::fmt::Display for FeedLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let status = match self.status {
            LineStatus::New => "new",
            LineStatus::Unchanged => "unchanged",
            LineStatus::Failed => "failed",
        };
        write!(f, "{status:<9} {}: {}", self.url, self.detail)
    }
}

#[derive(Debug, Default)]
pub struct FetchReport {
    pub lines: Vec<FeedLine>,
    pub imported: usize,
    pub duplicates: usize,
    /// Articles that could not be imported (their feeds are `failed` lines too).
    pub failed_articles: usize,
    pub dry_run: bool,
}

impl FetchReport {
    /// Whether a feed (or an article of one) failed: exit status 1.
    pub fn has_failures(&self) -> bool {
        self.lines.iter().any(|l| l.status == LineStatus::Failed)
    }

    pub fn summary(&self) -> String {
        let count = |s| self.lines.iter().filter(|l| l.status == s).count();
        let mut s = format!(
            "{} feeds: {} with new articles, {} unchanged, {} failed; {} articles {}, {} duplicates",
            self.lines.len(),
            count(LineStatus::New),
            count(LineStatus::Unchanged),
            count(LineStatus::Failed),
            self.imported,
            if self.dry_run { "would be imported (dry run: nothing written)" } else { "imported" },
            self.duplicates,
        );
        if self.failed_articles > 0 {
            s.push_str(&format!(", {} failed", self.failed_articles));
        }
        s
    }
}

/// Runs the fetch. Errors are usage errors ([`UsageError`]: an unknown `--feed`) or problems
/// with the site itself (`site.yaml`, the state file); a feed that fails is a line of the report.
pub fn run(options: &FetchOptions) -> anyhow::Result<FetchReport> {
    let config = Config::load(&options.site, None).with_context(|| format!("in site `{}`", options.site.display()))?;
    let subs = chosen_feeds(&config, options.feed.as_deref())?;
    let mut report = FetchReport { dry_run: options.dry_run, ..FetchReport::default() };
    let mut state = State::load(&options.site)?;
    if subs.is_empty() {
        // The state file exists after every run, even with no feeds yet, so that a scheduled
        // job can always `git add .gazette`.
        if !options.dry_run {
            state.save(&options.site)?;
        }
        return Ok(report);
    }
    let runtime = crate::net::runtime().context("failed to start the HTTP client")?;
    let rx = spawn_downloads(&config, &subs, &state, &runtime)?;
    let import = ImportOptions { site: options.site.clone(), dry_run: options.dry_run, ..ImportOptions::default() };
    let mut session = LazySession::new(import);
    let now = chrono::Utc::now();
    let clock = Clock { now: &now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true), today: now.date_naive() };
    let bar = options.progress.then(|| indicatif::ProgressBar::new(subs.len() as u64));
    let mut saved = Instant::now();
    // Outcomes arrive as servers answer; they are applied in site.yaml order.
    let mut waiting: BTreeMap<usize, Outcome> = BTreeMap::new();
    for (i, outcome) in rx {
        waiting.insert(i, outcome);
        while let Some(outcome) = waiting.remove(&report.lines.len()) {
            let sub = &subs[report.lines.len()];
            let feed = state.feeds.entry(sub.url.clone()).or_default();
            let (line, counts) = apply::apply(sub, outcome, &mut session, feed, &clock)?;
            report.imported += counts.imported;
            report.duplicates += counts.duplicates;
            report.failed_articles += counts.failed;
            report.lines.push(line);
            bar.iter().for_each(|b| b.inc(1));
            if !options.dry_run && saved.elapsed() > Duration::from_millis(250) {
                state.save(&options.site)?;
                saved = Instant::now();
            }
        }
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    // A task that ended without an answer (it cannot, short of a bug) is still reported.
    for sub in &subs[report.lines.len()..] {
        let detail = "the fetch stopped before this feed was done; run `gazette fetch` again".to_owned();
        report.lines.push(FeedLine { url: sub.url.clone(), status: LineStatus::Failed, detail });
    }
    if !options.dry_run {
        state.save(&options.site)?;
    }
    Ok(report)
}

/// Starts one task per feed on `runtime`; their outcomes arrive, tagged with the feed's index,
/// as servers answer.
fn spawn_downloads(
    config: &Config,
    subs: &[Subscription],
    state: &State,
    runtime: &tokio::runtime::Runtime,
) -> anyhow::Result<std::sync::mpsc::Receiver<(usize, Outcome)>> {
    let mut client_options = ClientOptions::new(Some(&config.site.base_url));
    client_options.concurrency = config.site.fetch.concurrency;
    let client = Client::new(&client_options)?;
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Outcome)>();
    for (i, sub) in subs.iter().enumerate() {
        let known = state.feeds.get(&sub.url);
        let job = Job {
            sub: sub.clone(),
            validators: Validators {
                etag: known.and_then(|f| f.etag.clone()),
                last_modified: known.and_then(|f| f.last_modified.clone()),
            },
            seen: known.map(|f| f.seen.keys().cloned().collect()).unwrap_or_default(),
        };
        let (client, tx) = (client.clone(), tx.clone());
        runtime.spawn(async move {
            let outcome = download::download(client, job).await;
            let _ = tx.send((i, outcome));
        });
    }
    Ok(rx)
}

/// The subscriptions to fetch: all, or the one `--feed` names.
fn chosen_feeds(config: &Config, only: Option<&str>) -> anyhow::Result<Vec<Subscription>> {
    let all = &config.site.feeds.subscriptions;
    let Some(url) = only else { return Ok(all.clone()) };
    if let Some(s) = all.iter().find(|s| s.url == url.trim()) {
        return Ok(vec![s.clone()]);
    }
    let hint = crate::diagnostics::did_you_mean(url, all.iter().map(|s| s.url.as_str()))
        .map(|u| format!("; did you mean `{u}`?"))
        .unwrap_or_else(|| " (add it with `gazette feeds add URL`)".into());
    Err(UsageError(format!("--feed `{url}` is not a feed of site.yaml{hint}")).into())
}
