//! `.gazette/fetch.json`: what `gazette fetch` remembers between runs, per feed — its
//! validators for conditional requests, the entries already dealt with, its last status and
//! error, the articles imported from it.
//!
//! The file is meant to be committed (a scheduled run in CI starts from a fresh checkout), so it
//! is deterministic (sorted keys, no order from hashing) and only changes when something did: a
//! run where every feed answers `304` leaves it byte-identical, and a feed's `last_fetched` is
//! the time of the last run that changed its record. It is written whole to a temporary file
//! and renamed over the old one, so a killed run leaves either the old or the new file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

/// Where the state lives, relative to the site.
pub const STATE_FILE: &str = ".gazette/fetch.json";

/// Entries no longer in their feed are forgotten after this many days (an entry that comes
/// back later is still kept out by import's duplicate check, which knows its URL).
const FORGET_AFTER_DAYS: i64 = 90;

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct State {
    /// The format's version, for a later change of it.
    pub version: u32,
    /// Feed URL (as in `site.yaml`) → what is known about it.
    #[serde(default)]
    pub feeds: BTreeMap<String, FeedState>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FeedState {
    /// The feed's own title, as last read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// When a run last changed this record (UTC, RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_fetched: Option<String>,
    /// `ok` or `failed`.
    #[serde(default)]
    pub last_status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// Articles imported from this feed, in all runs.
    #[serde(default)]
    pub imported: u64,
    /// Entries dealt with (imported, duplicates, left out by the rules) → the day first seen.
    #[serde(default)]
    pub seen: BTreeMap<String, String>,
}

impl State {
    pub fn new() -> State {
        State { version: 1, feeds: BTreeMap::new() }
    }

    pub fn path(site: &Path) -> PathBuf {
        site.join(STATE_FILE)
    }

    /// Reads the state; no file is an empty state. A damaged file is an error saying where.
    pub fn load(site: &Path) -> anyhow::Result<State> {
        let path = State::path(site);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(State::new()),
            Err(e) => return Err(e).with_context(|| format!("failed to read `{}`", path.display())),
        };
        serde_json::from_str(&text).map_err(|e| {
            anyhow::anyhow!(
                "`{}` line {} column {}: {e}; fix it, or delete it to start afresh (every entry is then new \
                 again, and import's duplicate check keeps out the articles already imported)",
                path.display(),
                e.line(),
                e.column()
            )
        })
    }

    /// Writes the state atomically: a temporary file in `.gazette/`, then a rename.
    pub fn save(&self, site: &Path) -> anyhow::Result<()> {
        let path = State::path(site);
        let dir = path.parent().context("the state file has no folder")?;
        std::fs::create_dir_all(dir).with_context(|| format!("failed to create `{}`", dir.display()))?;
        let mut text = serde_json::to_string_pretty(self).context("failed to write the fetch state")?;
        text.push('\n');
        if std::fs::read_to_string(&path).is_ok_and(|old| old == text) {
            return Ok(());
        }
        crate::atomic::replace(&path, &text, ".fetch-")
    }
}

impl FeedState {
    /// Applies `change` to the record and stamps `last_fetched` only if it changed anything.
    pub fn update(&mut self, now: &str, change: impl FnOnce(&mut FeedState)) {
        let before = self.clone();
        change(self);
        if *self != before {
            self.last_fetched = Some(now.to_owned());
        }
    }

    /// Forgets the entries no longer in the feed's document (`listed`) that were first seen
    /// more than 90 days (`FORGET_AFTER_DAYS`) before `today`.
    pub fn forget_old(&mut self, listed: &std::collections::HashSet<&str>, today: chrono::NaiveDate) {
        let cutoff = today - chrono::Duration::days(FORGET_AFTER_DAYS);
        self.seen.retain(|key, day| {
            listed.contains(key.as_str())
                || chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").map_or(true, |d| d >= cutoff)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_an_empty_state_and_a_damaged_one_an_error_saying_where() {
        let site = tempfile::tempdir().unwrap();
        assert_eq!(State::load(site.path()).unwrap().feeds.len(), 0);
        std::fs::create_dir_all(site.path().join(".gazette")).unwrap();
        std::fs::write(State::path(site.path()), "{\n  \"version\": 1,\n  \"feeds\": {\"x\": {\"sen\": {}}}\n}")
            .unwrap();
        let err = State::load(site.path()).unwrap_err().to_string();
        assert!(err.contains("fetch.json` line 3 column") && err.contains("unknown field `sen`"), "{err}");
        assert!(err.contains("delete it to start afresh"), "{err}");
    }

    #[test]
    fn saving_is_deterministic_and_leaves_no_temporary_file() {
        let site = tempfile::tempdir().unwrap();
        let mut state = State::new();
        for url in ["https://b.org/f", "https://a.org/f"] {
            let feed = state.feeds.entry(url.into()).or_default();
            feed.seen.insert("z".into(), "2026-11-18".into());
            feed.seen.insert("a".into(), "2026-11-17".into());
        }
        state.save(site.path()).unwrap();
        let text = std::fs::read_to_string(State::path(site.path())).unwrap();
        assert!(text.find("a.org").unwrap() < text.find("b.org").unwrap());
        assert!(text.find("\"a\"").unwrap() < text.find("\"z\"").unwrap());
        assert_eq!(State::load(site.path()).unwrap(), state);
        let files: Vec<_> = std::fs::read_dir(site.path().join(".gazette")).unwrap().collect();
        assert_eq!(files.len(), 1);
    }

    #[test]
    fn last_fetched_moves_only_when_the_record_changes() {
        let mut feed = FeedState { last_status: "ok".into(), ..FeedState::default() };
        feed.update("2026-11-18T07:00:00Z", |f| f.last_status = "ok".into());
        assert_eq!(feed.last_fetched, None);
        feed.update("2026-11-18T08:00:00Z", |f| f.etag = Some("\"v2\"".into()));
        assert_eq!(feed.last_fetched.as_deref(), Some("2026-11-18T08:00:00Z"));
    }

    #[test]
    fn old_entries_no_longer_listed_are_forgotten() {
        let mut feed = FeedState::default();
        for (k, d) in [("listed-old", "2026-01-01"), ("gone-old", "2026-01-01"), ("gone-recent", "2026-11-01")] {
            feed.seen.insert(k.into(), d.into());
        }
        let listed = ["listed-old"].into_iter().collect();
        feed.forget_old(&listed, chrono::NaiveDate::from_ymd_opt(2026, 11, 18).unwrap());
        assert_eq!(feed.seen.keys().collect::<Vec<_>>(), ["gone-recent", "listed-old"]);
    }
}
