//! Dates written in an article's text, and the rule that settles an imported article's date.
//!
//! A page's own metadata (meta tags, JSON-LD, a byline's date, a feed entry's date) says when
//! it was published. Dates in its text say when the things it reports happened: a photo
//! caption's "Aug. 15, 2025" or a sentence's "on 15 August 2025". An article cannot report
//! what had not happened yet, so the latest such date is a lower bound on its publication
//! date. Dates the text speaks of as ahead ("will", "due", "next") and dates after the day of
//! the import are not reports and do not count.

use chrono::NaiveDate;

use crate::content::dates::FmDate;

mod written;

pub use written::{find_date, find_date_or_figures, has_numeric_date, numeric_date};
pub(crate) use written::{has_year, scan, MONTHS};

/// Words that put a sentence's date ahead of the time of writing. A small prior, in the
/// languages most pages of a digest come in; a sentence in another language only loses this
/// filter (its dates still count only up to the day of the import).
const AHEAD: &[&str] = &[
    "will",
    "would",
    "due",
    "scheduled",
    "expected",
    "next",
    "until",
    "deadline",
    "upcoming",
    "planned",
    "plans",
    "wird",
    "werden",
    "bis",
    "sera",
    "seront",
    "prochain",
    "prochaine",
    "hasta",
    "será",
    "próximo",
    "próxima",
];

/// The latest date that the texts report as past on or before `today`: dates in sentences that
/// speak of what is ahead are left out.
pub fn latest_reported<'a>(texts: impl IntoIterator<Item = &'a str>, today: NaiveDate) -> Option<NaiveDate> {
    let mut latest: Option<NaiveDate> = None;
    for text in texts {
        if !has_year(text) {
            continue;
        }
        for sentence in sentences(text) {
            let ahead =
                sentence.split(|c: char| !c.is_alphanumeric()).any(|w| AHEAD.iter().any(|a| a.eq_ignore_ascii_case(w)));
            if ahead {
                continue;
            }
            scan(sentence, |d| {
                if d <= today && latest.is_none_or(|l| d > l) {
                    latest = Some(d);
                }
                false
            });
        }
    }
    latest
}

/// Sentences (or lines) of a text: split after `.`, `!`, `?` followed by a space and a capital,
/// and at line breaks. "Aug. 15, 2025" stays whole (a digit follows the point).
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.lines().flat_map(|line| {
        let mut out = Vec::new();
        let mut start = 0;
        let bytes = line.as_bytes();
        for (i, c) in line.char_indices() {
            if matches!(c, '.' | '!' | '?') && bytes.get(i + 1) == Some(&b' ') {
                let next = line[i + 2..].chars().next();
                if next.is_some_and(|n| n.is_uppercase() || n == '“' || n == '"') {
                    out.push(&line[start..=i]);
                    start = i + 2;
                }
            }
        }
        out.push(&line[start..]);
        out
    })
}

/// Where an article's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The page's own metadata: kept, unless its text reports later events.
    Page,
    /// The import's `--date` for articles that carry none.
    Given,
    /// The latest date its text reports.
    Text,
    /// Nothing found: the day of the import.
    Imported,
}

impl Source {
    /// The value of `extra.date_source` (none for a page's own date or `--date`).
    pub fn note(self) -> Option<&'static str> {
        match self {
            Source::Page | Source::Given => None,
            Source::Text => Some("text"),
            Source::Imported => Some("imported"),
        }
    }
}

/// What is known of an article's date before it is settled.
#[derive(Debug, Clone, Copy, Default)]
pub struct Known {
    /// The page's own publication date.
    pub page: Option<FmDate>,
    /// When the page says it was last changed.
    pub updated: Option<FmDate>,
    /// A date the extractor read from the text (the first it met).
    pub guess: Option<FmDate>,
    /// The import's `--date`.
    pub given: Option<FmDate>,
    /// The latest date the text reports ([`latest_reported`]).
    pub reported: Option<NaiveDate>,
}

/// Settles a date: the page's own date, raised to the latest date the text reports unless the
/// page says it was changed since (the text then reports the change); else `--date`; else
/// the latest date the text reports (or the extractor's guess); else `today`.
pub fn settle(k: Known, today: NaiveDate, tz: chrono_tz::Tz) -> (FmDate, Source) {
    // A date that cannot be written (a five-digit year in a broken feed) counts as none.
    let kept = |d: Option<FmDate>| d.filter(|d| d.writable());
    let k = Known { page: kept(k.page), updated: kept(k.updated), guess: kept(k.guess), given: kept(k.given), ..k };
    match (k.page, k.given) {
        (Some(p), _) => {
            let changed_since = |r: NaiveDate| k.updated.is_some_and(|u| u.day(tz) >= r);
            match k.reported {
                Some(r) if p.day(tz) < r && !changed_since(r) => (FmDate::Day(r), Source::Text),
                _ => (p, Source::Page),
            }
        }
        (None, Some(g)) => (g, Source::Given),
        (None, None) => match k.reported.map(FmDate::Day).or(k.guess) {
            Some(t) => (t, Source::Text),
            None => (FmDate::Day(today), Source::Imported),
        },
    }
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;

    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_latest_reported_date_is_found_in_captions_and_sentences() {
        let text = "Ministers met at the quay, Aug. 6, 2031. (Ann Photo/Agency)\n\
                    The ferry left on 15 August 2031. Talks resume on 3 September 2031, officials said they will.\n\
                    A vote is due on October 1, 2031.";
        assert_eq!(latest_reported([text], day("2031-12-01")), Some(day("2031-08-15")));
        // Nothing after the day of the import counts.
        assert_eq!(latest_reported([text], day("2031-08-10")), Some(day("2031-08-06")));
        assert_eq!(latest_reported(["No dates here at all."], day("2031-08-10")), None);
    }

    #[test]
    fn a_page_date_is_raised_to_what_its_text_reports() {
        let tz = chrono_tz::Tz::UTC;
        let today = day("2032-01-01");
        let page = Some(FmDate::Day(day("2031-08-06")));
        let later = Some(day("2031-08-15"));
        let k = Known { page, reported: later, ..Known::default() };
        assert_eq!(settle(k, today, tz), (FmDate::Day(day("2031-08-15")), Source::Text));
        let k = Known { page, reported: Some(day("2031-08-01")), ..Known::default() };
        assert_eq!(settle(k, today, tz), (FmDate::Day(day("2031-08-06")), Source::Page));
        // A page changed after the events its text reports keeps its publication date.
        let updated = Some(FmDate::Day(day("2031-09-01")));
        assert_eq!(settle(Known { page, updated, reported: later, ..Known::default() }, today, tz).1, Source::Page);
        // `--date` wins over what the text suggests, but not over the page's own date.
        let given = Some(FmDate::Day(day("2031-09-09")));
        assert_eq!(settle(Known { given, reported: later, ..Known::default() }, today, tz).1, Source::Given);
        assert_eq!(settle(Known::default(), today, tz), (FmDate::Day(today), Source::Imported));
    }

    #[test]
    fn a_date_with_a_five_digit_year_counts_as_none() {
        let tz = chrono_tz::Tz::UTC;
        let today = day("2032-01-01");
        let far = chrono::DateTime::parse_from_rfc3339("2026-01-06T09:00:00+00:00").unwrap();
        let far = FmDate::Zoned(far.with_year(20206).unwrap());
        assert!(!far.writable());
        let k = Known { page: Some(far), reported: Some(day("2031-08-15")), ..Known::default() };
        assert_eq!(settle(k, today, tz), (FmDate::Day(day("2031-08-15")), Source::Text));
        assert_eq!(settle(Known { page: Some(far), ..Known::default() }, today, tz).1, Source::Imported);
    }
}
