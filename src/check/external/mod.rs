//! `gazette check --external`: asks every article's original (`source_url`) whether it is
//! still there, and lists the dead ones. Never part of `build` or a plain `check`: it is the
//! only check that goes on the web.
//!
//! Every request goes through [`crate::net`] ([`Client::probe`]: `HEAD`, `GET` without its
//! body when `HEAD` is refused), so the same limits hold: at most [`DEFAULT_CONCURRENCY`]
//! requests in flight and [`DEFAULT_PER_HOST`] to one host, redirects followed, `Retry-After`
//! honoured. What it learns is kept in [`CACHE_FILE`] (`cache.rs`), so a second run within
//! the freshness window asks nothing.
//!
//! Verdicts: `404`, `410`, no connection (the name does not resolve, nothing listens), a
//! redirect loop, or a `5xx` still there after a retry mean *dead*; `401`, `403`, `429` and
//! other refusals mean *could not verify* — many outlets turn away programs — and are listed
//! apart, not as problems.

mod cache;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use chrono::{DateTime, Utc};

pub use cache::{CACHE_FILE, FRESH_ALIVE_DAYS, FRESH_OTHER_DAYS};

use crate::config::Config;
use crate::content::Article;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::net::{Client, ClientOptions, NetError, Probed};

/// Requests in flight in all.
pub const DEFAULT_CONCURRENCY: usize = 8;
/// Requests in flight to one host: an outlet with many articles is not hammered.
pub const DEFAULT_PER_HOST: usize = 2;
/// How many times a `5xx` or a timeout is asked again before the verdict.
const RETRIES: u32 = 1;

/// How to check the originals.
#[derive(Debug, Clone)]
pub struct ExternalOptions {
    /// Ask every original again, whatever the cache says.
    pub refresh: bool,
    pub concurrency: usize,
    pub per_host: usize,
    /// The pause before asking again after a `5xx` or a timeout.
    pub retry_delay: Duration,
    /// "Now", for the cache's freshness (defaults to the clock).
    pub now: Option<DateTime<Utc>>,
}

impl Default for ExternalOptions {
    fn default() -> Self {
        ExternalOptions {
            refresh: false,
            concurrency: DEFAULT_CONCURRENCY,
            per_host: DEFAULT_PER_HOST,
            retry_delay: Duration::from_secs(2),
            now: None,
        }
    }
}

/// What an original is, as far as Gazette can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Alive,
    Dead,
    /// The server answered but would not say (`401`, `403`, `429`, …), or did not answer in time.
    Unverified,
}

/// The verdict on one URL, with the final status (none when nothing answered) and what
/// happened in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub verdict: Verdict,
    pub status: Option<u16>,
    pub detail: String,
}

/// One article whose original is dead or could not be verified.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The article file, relative to the site.
    pub file: PathBuf,
    pub url: String,
    pub status: Option<u16>,
    pub detail: String,
}

/// What `--external` found; dead originals are also warnings among the check's problems.
#[derive(Debug, Default)]
pub struct ExternalReport {
    /// Distinct originals checked.
    pub urls: usize,
    /// How many of them were asked over the network (the rest came from the cache).
    pub requested: usize,
    pub alive: usize,
    /// By file, then URL.
    pub dead: Vec<Finding>,
    /// Not problems: listed so the editor can look at them in a browser.
    pub unverified: Vec<Finding>,
}

impl ExternalReport {
    pub fn summary_line(&self) -> String {
        format!(
            "originals: {} checked ({} asked, {} from the cache): {} alive, {} dead, {} could not be verified",
            self.urls,
            self.requested,
            self.urls - self.requested,
            self.alive,
            self.dead.len(),
            self.unverified.len()
        )
    }

    /// One line per original that could not be verified, for the editor to open by hand.
    pub fn unverified_lines(&self) -> Vec<String> {
        self.unverified.iter().map(|f| format!("{}: {} — {}", f.file.display(), f.url, f.detail)).collect()
    }
}

/// Checks the originals of `articles`, reading and updating the cache in the site's folder.
/// Dead originals become warnings in `problems`; `Err` only when the client, the runtime or
/// the cache file fails.
pub fn check_originals(
    config: &Config,
    articles: &[Article],
    options: &ExternalOptions,
    problems: &mut Diagnostics,
) -> anyhow::Result<ExternalReport> {
    let originals = originals(articles);
    let now = options.now.unwrap_or_else(Utc::now);
    let cached = cache::read(&config.root);
    let to_ask: Vec<String> = originals
        .keys()
        .filter(|url| options.refresh || !cached.get(*url).is_some_and(|e| e.is_fresh(now)))
        .cloned()
        .collect();
    let answers = if to_ask.is_empty() { Vec::new() } else { ask_all(config, &to_ask, options)? };
    let mut entries = BTreeMap::new();
    for (url, outcome) in to_ask.iter().zip(answers) {
        entries.insert(url.clone(), cache::Entry { outcome, checked: now });
    }
    for url in originals.keys() {
        if let (false, Some(e)) = (entries.contains_key(url), cached.get(url)) {
            entries.insert(url.clone(), e.clone());
        }
    }
    // The cache keeps only the site's originals; it is written only when something changed.
    if !to_ask.is_empty() || entries.len() != cached.len() {
        cache::write(&config.root, &entries).with_context(|| format!("failed to save `{CACHE_FILE}`"))?;
    }
    let report = findings(&originals, &entries, to_ask.len());
    for f in &report.dead {
        problems.push(
            Diagnostic::warning(&f.file, format!("the original `{}` is dead: {}", f.url, f.detail))
                .with_help(dead_help(config)),
        );
    }
    Ok(report)
}

/// Each distinct `source_url` → the articles that cite it, sorted.
fn originals(articles: &[Article]) -> BTreeMap<String, Vec<PathBuf>> {
    let mut out: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for a in articles {
        if let Some(url) = a.meta.source_url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            out.entry(url.to_owned()).or_default().push(a.doc.file.clone());
        }
    }
    out.values_mut().for_each(|files| files.sort());
    out
}

/// The report, sorted by file then URL.
fn findings(
    originals: &BTreeMap<String, Vec<PathBuf>>,
    entries: &BTreeMap<String, cache::Entry>,
    requested: usize,
) -> ExternalReport {
    let mut report = ExternalReport { urls: originals.len(), requested, ..ExternalReport::default() };
    for (url, files) in originals {
        let Some(entry) = entries.get(url) else { continue };
        let o = &entry.outcome;
        let list = match o.verdict {
            Verdict::Alive => {
                report.alive += 1;
                continue;
            }
            Verdict::Dead => &mut report.dead,
            Verdict::Unverified => &mut report.unverified,
        };
        list.extend(files.iter().map(|file| Finding {
            file: file.clone(),
            url: url.clone(),
            status: o.status,
            detail: o.detail.clone(),
        }));
    }
    let order = |a: &Finding, b: &Finding| (&a.file, &a.url).cmp(&(&b.file, &b.url));
    report.dead.sort_by(order);
    report.unverified.sort_by(order);
    report
}

fn dead_help(config: &Config) -> String {
    if config.site.archive_links {
        "readers are offered the Internet Archive's copy (`archive_links: true`); if the story moved, point `source_url` at its new address".into()
    } else {
        "set `archive_links: true` in site.yaml so readers get the Internet Archive's copy, or point `source_url` at the story's new address".into()
    }
}

/// Asks every URL, within the limits, on a runtime of its own; outcomes in the order given.
fn ask_all(config: &Config, urls: &[String], options: &ExternalOptions) -> anyhow::Result<Vec<Outcome>> {
    let mut client_options = ClientOptions::new(Some(&config.site.base_url));
    client_options.concurrency = options.concurrency;
    client_options.per_host = options.per_host;
    let client = Client::new(&client_options)?;
    let runtime = crate::net::runtime().context("failed to start the HTTP client")?;
    let delay = options.retry_delay;
    let lost = |_: &str| Outcome { verdict: Verdict::Unverified, status: None, detail: "the request was lost".into() };
    Ok(runtime.block_on(client.for_each_url(urls, |client, url| async move { ask(&client, &url, delay).await }, lost)))
}

/// One URL, asked again after a `5xx` or a timeout: a server restarting is not a dead page.
async fn ask(client: &Client, url: &str, delay: Duration) -> Outcome {
    let mut tries = 0;
    loop {
        let result = client.probe(url).await;
        let transient = match &result {
            Ok(p) => p.status >= 500,
            Err(e) => matches!(e, NetError::Timeout { .. }),
        };
        if !transient || tries >= RETRIES {
            return classify(url, &result);
        }
        tries += 1;
        tokio::time::sleep(delay).await;
    }
}

/// The verdict on an answer.
pub fn classify(url: &str, result: &Result<Probed, NetError>) -> Outcome {
    let probed = match result {
        Ok(p) => p,
        Err(e) => {
            let (verdict, detail) = match e {
                NetError::Connect { detail, .. } => (Verdict::Dead, format!("could not connect: {detail}")),
                NetError::Scheme(_) => {
                    (Verdict::Dead, "not an http:// or https:// address, so no reader can follow it".into())
                }
                NetError::TooManyRedirects { .. } | NetError::RedirectScheme { .. } => (Verdict::Dead, e.to_string()),
                _ => (Verdict::Unverified, e.to_string()),
            };
            return Outcome { verdict, status: None, detail };
        }
    };
    let status = probed.status;
    let reason = reqwest::StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason()).unwrap_or("");
    let mut detail = format!("{status} {reason}").trim_end().to_owned();
    if crate::net::parse_web_url(url).map_or(true, |u| u != probed.url) {
        detail.push_str(&format!(" (after redirects, at {})", probed.url));
    }
    let verdict = match status {
        200..=399 => Verdict::Alive,
        404 | 410 | 500..=599 => Verdict::Dead,
        401 | 403 | 429 => {
            detail.push_str(": the outlet may turn away programs; open it in a browser");
            Verdict::Unverified
        }
        _ => Verdict::Unverified,
    };
    Outcome { verdict, status: Some(status), detail }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answered(url: &str, status: u16, final_url: &str) -> Outcome {
        let probed = Probed { url: url::Url::parse(final_url).unwrap(), status, method: "HEAD" };
        classify(url, &Ok(probed))
    }

    #[test]
    fn statuses_become_verdicts() {
        let u = "https://news.test/a";
        assert_eq!(
            answered(u, 200, u),
            Outcome { verdict: Verdict::Alive, status: Some(200), detail: "200 OK".into() }
        );
        for (status, verdict) in [
            (404, Verdict::Dead),
            (410, Verdict::Dead),
            (502, Verdict::Dead),
            (401, Verdict::Unverified),
            (403, Verdict::Unverified),
            (429, Verdict::Unverified),
            (451, Verdict::Unverified),
        ] {
            assert_eq!(answered(u, status, u).verdict, verdict, "{status}");
        }
        assert_eq!(
            answered(u, 410, "https://news.test/b").detail,
            "410 Gone (after redirects, at https://news.test/b)"
        );
        let refused = Err(NetError::Connect { url: u.into(), detail: "connection refused".into() });
        assert_eq!(classify(u, &refused).verdict, Verdict::Dead);
        let slow = Err(NetError::Timeout { url: u.into(), after: Duration::from_secs(30) });
        assert_eq!(classify(u, &slow).verdict, Verdict::Unverified);
        assert_eq!(classify("news.test/a", &Err(NetError::Scheme("news.test/a".into()))).verdict, Verdict::Dead);
    }
}
