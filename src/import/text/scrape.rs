//! Reading one scraped text: where its run of paragraphs is, which header line is the
//! headline, and which lines of the body are debris. The phases run in the order
//! [`super::extract_with`] calls them.

use std::collections::HashSet;

use super::super::debris::{
    ends_sentence, furniture, has_web_words, is_cross_reference, is_furniture_line, is_prose, loose_words, word_count,
    words, LIST_HEADS, STOP,
};
use super::lines::{breadcrumb_last, byline, caption, find_date, is_date_line, units};
use super::{escape_line, BatchStats};
use crate::import::Draft;

/// One scraped text being read.
pub(super) struct Scrape<'a> {
    lines: Vec<String>,
    stats: Option<&'a BatchStats>,
    /// The first line of prose: where the article starts.
    pub first: usize,
    /// The last line of prose.
    last: usize,
    /// Words of the body (lower-cased), to recognise the headline among the lines before it.
    body_words: HashSet<String>,
}

impl<'a> Scrape<'a> {
    pub fn new(text: &str, stats: Option<&'a BatchStats>) -> Scrape<'a> {
        let mut scrape = Scrape { lines: units(text), stats, first: 0, last: 0, body_words: HashSet::new() };
        let lines = &scrape.lines;
        // The article starts at its first paragraph of prose.
        let first = lines
            .iter()
            .position(|l| {
                (word_count(l) >= 25 || word_count(l) >= 8 && ends_sentence(l))
                    && !scrape.junk(l)
                    && caption(l).is_none()
            })
            .unwrap_or(lines.len());
        let last = lines
            .iter()
            .rposition(|l| word_count(l) >= 12 && !scrape.junk(l) && caption(l).is_none())
            .filter(|&i| i >= first)
            .unwrap_or(first);
        let body_words =
            lines[first..].iter().flat_map(|l| words(l).map(str::to_lowercase).collect::<Vec<_>>()).collect();
        scrape.first = first;
        scrape.last = last;
        scrape.body_words = body_words;
        scrape
    }

    fn repeated(&self, l: &str) -> bool {
        self.stats.is_some_and(|s| s.repeated(l))
    }

    fn junk(&self, l: &str) -> bool {
        is_furniture_line(l) || self.repeated(l) || is_cross_reference(l)
    }

    /// How many of a line's words (three letters or more, not stop words) the body has.
    fn overlap(&self, l: &str) -> usize {
        let ws: HashSet<String> =
            words(l).map(str::to_lowercase).filter(|w| w.len() >= 3 && !STOP.contains(&w.as_str())).collect();
        ws.iter().filter(|w| self.body_words.contains(*w)).count()
    }

    /// Headlines may address the reader ("… while you work"): in the header, a line whose only
    /// sign of furniture is a "you" is furniture only when it shares fewer than two words with
    /// the body or speaks of the page itself ("You can now listen to our articles").
    fn header_furniture(&self, l: &str) -> bool {
        furniture(l, false) || is_furniture_line(l) && (self.overlap(l) < 2 || has_web_words(l))
    }

    /// Reads the header (the lines before the first paragraph): byline and date go into `d`;
    /// returns the lines that may be the headline.
    pub fn header(&self, d: &mut crate::import::Draft) -> Vec<usize> {
        let mut candidates: Vec<usize> = Vec::new();
        for (i, l) in self.lines[..self.first].iter().enumerate() {
            if let Some((authors, outlet)) = byline(l) {
                if d.authors.is_empty() {
                    d.authors = authors;
                    d.source = d.source.take().or(outlet);
                }
                if d.date.is_none() {
                    d.date = find_date(l);
                }
                continue;
            }
            if is_date_line(l) {
                d.date = d.date.or_else(|| find_date(l));
                continue;
            }
            if self.header_furniture(l) && self.overlap(l) < 3 || self.repeated(l) && self.overlap(l) == 0 {
                continue;
            }
            candidates.push(i);
        }
        candidates
    }

    fn score(&self, i: usize) -> i64 {
        let l = &self.lines[i];
        self.overlap(l) as i64 - if self.header_furniture(l) { 2 } else { 0 }
    }

    /// The headline: the first candidate sharing the most words with the body (at least two
    /// when some line does), so navigation and section lines lose to it.
    pub fn headline(&self, candidates: &[usize]) -> Option<usize> {
        let lines = &self.lines;
        let best = candidates.iter().map(|&i| self.score(i)).max().unwrap_or(0);
        if best <= 0 {
            return candidates.iter().copied().find(|&i| word_count(&lines[i]) >= 3).or(candidates.first().copied());
        }
        let mut at = candidates.iter().copied().find(|&i| self.score(i) >= best.min(2));
        // A short line directly followed by a longer one that matches as well is the section.
        while let Some(i) = at {
            let next_is_better = candidates.contains(&(i + 1))
                && self.score(i + 1) >= self.score(i)
                && word_count(&lines[i + 1]) > word_count(&lines[i]);
            if word_count(&lines[i]) <= 3 && next_is_better {
                at = Some(i + 1);
            } else {
                break;
            }
        }
        at
    }

    /// Takes the headline at line `t`, the section line before it and an alternative headline
    /// after it into `d`; returns the line the body starts at.
    pub fn title_block(&self, t: usize, candidates: &[usize], d: &mut Draft) -> usize {
        let lines = &self.lines;
        d.title = lines[t].clone();
        // The line just before the headline is the section (or a breadcrumb).
        if let Some(prev) = t.checked_sub(1).map(|p| &lines[p]) {
            if word_count(prev) <= 6
                && !ends_sentence(prev)
                && !is_date_line(prev)
                && !is_furniture_line(prev)
                && byline(prev).is_none()
            {
                d.section = Some(breadcrumb_last(prev));
            }
        }
        // A second headline right after the first is an alternative headline.
        let mut after: Vec<usize> = candidates.iter().copied().filter(|&i| i > t).collect();
        if let Some(&next) = after.first() {
            if word_count(&lines[next]) >= 4 && self.overlap(&lines[next]) >= 2 && !is_prose(&lines[next]) {
                d.alt_title = Some(lines[next].clone());
                after.remove(0);
            }
        }
        // Other lines between the headline and the first paragraph belong to the body.
        after.first().copied().unwrap_or(self.first)
    }

    /// The body from line `from`: the run of paragraphs, without captions (which go to
    /// `extra.captions`) and debris.
    pub fn body(&self, from: usize, d: &mut Draft) {
        let mut body = Vec::new();
        let mut captions = Vec::new();
        let mut in_list_of_links = false;
        for (i, l) in self.lines.iter().enumerate().skip(from) {
            if let Some((text, credit)) = caption(l) {
                captions.push(serde_json::json!({ "caption": text, "credit": credit }));
                continue;
            }
            if self.junk(l) {
                // A furniture heading ("Related …", "Most read") starts a list of other headlines.
                in_list_of_links |=
                    word_count(l) <= 4 && loose_words(l).iter().any(|w| LIST_HEADS.contains(&w.as_str()));
                continue;
            }
            // A short line that also appears in another input is another article's headline.
            let sentence =
                word_count(l) >= 12 || word_count(l) >= 5 && l.trim_end_matches(['"', '”', '\'']).ends_with('.');
            if !sentence && word_count(l) >= 3 && self.stats.is_some_and(|s| s.elsewhere(l)) {
                continue;
            }
            if in_list_of_links && word_count(l) <= 12 && !l.ends_with('.') {
                continue;
            }
            in_list_of_links = false;
            if (i > self.last || i < self.first) && (byline(l).is_some() || is_date_line(l)) {
                continue;
            }
            body.push(escape_line(l));
        }
        if !captions.is_empty() {
            d.extra.insert("captions".into(), serde_json::Value::Array(captions));
        }
        d.body = body.join("\n\n");
    }

    /// Without a date in the header, the first date in the body's lines.
    pub fn date_from_body(&self, d: &mut Draft) {
        if d.date.is_none() {
            if let Some(date) = self.lines[self.first..].iter().find_map(|l| find_date(l)) {
                d.date = Some(date);
                d.date_source = Some("text");
            }
        }
    }
}
