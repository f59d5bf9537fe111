//! `.gazette/cache/external.tsv`: what the last runs of `check --external` learnt, one line per
//! original — URL, verdict, status, when it was checked, details — so that a run within the
//! freshness window asks nothing. Lines are sorted by URL and the file is written whole
//! (through [`crate::atomic`]), so it is deterministic and a killed run leaves the old file.
//! It is a cache: a line that does not read is dropped and the URL checked again.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Duration, Utc};

use super::{Outcome, Verdict};

/// Where the cache lives, relative to the site.
pub const CACHE_FILE: &str = ".gazette/cache/external.tsv";

/// An original that answered stays believed alive this long.
pub const FRESH_ALIVE_DAYS: i64 = 7;
/// A dead or unverified original is asked again after this long: it may be back.
pub const FRESH_OTHER_DAYS: i64 = 1;

const HEADER: &str = "# gazette check --external cache, version 1: url\tverdict\tstatus\tchecked\tdetail";

/// One remembered answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub outcome: Outcome,
    pub checked: DateTime<Utc>,
}

impl Entry {
    /// Whether the answer may still be trusted at `now`.
    pub fn is_fresh(&self, now: DateTime<Utc>) -> bool {
        let days = match self.outcome.verdict {
            Verdict::Alive => FRESH_ALIVE_DAYS,
            Verdict::Dead | Verdict::Unverified => FRESH_OTHER_DAYS,
        };
        let age = now.signed_duration_since(self.checked);
        age >= Duration::zero() && age < Duration::days(days)
    }
}

/// Reads the cache; a missing or unreadable file is an empty cache.
pub fn read(site: &Path) -> BTreeMap<String, Entry> {
    let Ok(text) = std::fs::read_to_string(site.join(CACHE_FILE)) else { return BTreeMap::new() };
    text.lines().filter(|l| !l.starts_with('#')).filter_map(parse_line).collect()
}

fn parse_line(line: &str) -> Option<(String, Entry)> {
    let mut fields = line.split('\t');
    let url = fields.next()?.to_owned();
    let verdict = match fields.next()? {
        "alive" => Verdict::Alive,
        "dead" => Verdict::Dead,
        "unverified" => Verdict::Unverified,
        _ => return None,
    };
    let status = match fields.next()? {
        "-" => None,
        s => Some(s.parse().ok()?),
    };
    let checked = DateTime::parse_from_rfc3339(fields.next()?).ok()?.with_timezone(&Utc);
    let detail = fields.next().unwrap_or_default().to_owned();
    Some((url, Entry { outcome: Outcome { verdict, status, detail }, checked }))
}

/// Writes `entries` whole, sorted by URL.
pub fn write(site: &Path, entries: &BTreeMap<String, Entry>) -> anyhow::Result<()> {
    let path = site.join(CACHE_FILE);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("failed to create `{}`: {e}", dir.display()))?;
    }
    let mut text = format!("{HEADER}\n");
    for (url, e) in entries {
        let verdict = match e.outcome.verdict {
            Verdict::Alive => "alive",
            Verdict::Dead => "dead",
            Verdict::Unverified => "unverified",
        };
        let status = e.outcome.status.map_or_else(|| "-".to_owned(), |s| s.to_string());
        let checked = e.checked.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        text.push_str(&format!(
            "{}\t{verdict}\t{status}\t{checked}\t{}\n",
            one_field(url),
            one_field(&e.outcome.detail)
        ));
    }
    crate::atomic::replace(&path, &text, ".external-")
}

/// Tabs and line breaks would split the line: they become spaces.
fn one_field(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_read_back_as_written_and_age_by_verdict() {
        let dir = tempfile::tempdir().unwrap();
        let checked = DateTime::parse_from_rfc3339("2026-06-01T10:00:00Z").unwrap().with_timezone(&Utc);
        let mut entries = BTreeMap::new();
        let dead = Outcome { verdict: Verdict::Dead, status: Some(404), detail: "404\tNot Found".into() };
        entries.insert("https://b.test/x".to_owned(), Entry { outcome: dead, checked });
        let alive = Outcome { verdict: Verdict::Alive, status: None, detail: String::new() };
        entries.insert("https://a.test/".to_owned(), Entry { outcome: alive, checked });
        write(dir.path(), &entries).unwrap();
        let back = read(dir.path());
        assert_eq!(back.keys().collect::<Vec<_>>(), ["https://a.test/", "https://b.test/x"]);
        assert_eq!(back["https://b.test/x"].outcome.detail, "404 Not Found", "a tab cannot split the line");
        let later = |h| checked + Duration::hours(h);
        assert!(back["https://b.test/x"].is_fresh(later(23)) && !back["https://b.test/x"].is_fresh(later(25)));
        assert!(back["https://a.test/"].is_fresh(later(24 * 6)) && !back["https://a.test/"].is_fresh(later(24 * 8)));
        assert!(!back["https://a.test/"].is_fresh(later(-1)), "a date in the future is not trusted");
    }

    #[test]
    fn lines_that_do_not_read_are_dropped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".gazette/cache")).unwrap();
        let text = "# header\nhttps://a.test/\talive\t200\t2026-06-01T10:00:00Z\t\nbroken line\nhttps://c.test/\tmaybe\t-\tx\t\n";
        std::fs::write(dir.path().join(CACHE_FILE), text).unwrap();
        assert_eq!(read(dir.path()).keys().collect::<Vec<_>>(), ["https://a.test/"]);
    }
}
