//! Scraped plain text (no markup): finds the section (breadcrumb) line, the headline and an
//! alternative headline, byline and date lines and photo captions, and drops debris.
//!
//! Debris is recognised by what such lines look like, never by a list of one site's phrases:
//! - lines without sentence structure outside the run of article paragraphs (navigation,
//!   headline lists, footers);
//! - calls to action addressed to the reader (imperative web verbs, "you"/"your");
//! - cross-references: a short label, then another article's headline ("Read more: …");
//! - site furniture repeated across the inputs of one import ([`BatchStats`]);
//! - lists of short headline-like lines after a furniture heading.
//!
//! Photo captions (a sentence followed by a parenthesised credit, or `Photo:`/`Credit:` lines)
//! are moved out of the body into `extra.captions` (they have no image URL, and the theme shows
//! `images` as `<img>` elements, so they are not put under `images`).

use std::collections::{HashMap, HashSet};

use super::debris::{
    ends_sentence, furniture, has_web_words, is_cross_reference, is_furniture_line, is_prose, loose_words, norm,
    word_count, words, LIST_HEADS, STOP,
};
use super::Draft;
use crate::content::dates::FmDate;

/// Line statistics over all the plain-text inputs of one import: lines repeated in several
/// inputs are site furniture, and the headlines of other inputs show up in "related" lists.
#[derive(Debug, Default)]
pub struct BatchStats {
    /// Normalised line → number of inputs containing it.
    pub line_docs: HashMap<String, usize>,
    /// Number of plain-text inputs.
    pub docs: usize,
}

impl BatchStats {
    /// Counts, for each distinct normalised line, how many of the texts contain it.
    pub fn from_texts<'a>(texts: impl Iterator<Item = &'a str>) -> BatchStats {
        let mut stats = BatchStats::default();
        for text in texts {
            stats.docs += 1;
            let lines: HashSet<String> = text.lines().map(norm).filter(|l| !l.is_empty()).collect();
            for l in lines {
                *stats.line_docs.entry(l).or_default() += 1;
            }
        }
        stats
    }

    /// Whether a line also appears in another input.
    fn elsewhere(&self, line: &str) -> bool {
        self.line_docs.get(&norm(line)).is_some_and(|&n| n >= 2)
    }

    /// Whether a line is repeated furniture: in at least three inputs (and 1% of them).
    fn repeated(&self, line: &str) -> bool {
        let n = self.line_docs.get(&norm(line)).copied().unwrap_or(0);
        n >= 3 && n * 100 >= self.docs
    }
}

/// A photo caption with its credit: `Text. (Credit)`, `Text (Photo: Credit)`, `Photo: Credit`.
pub fn caption(line: &str) -> Option<(String, Option<String>)> {
    let t = line.trim();
    for key in ["photo:", "photograph:", "picture:", "image:", "credit:", "photo credit:", "image credit:"] {
        if t.get(..key.len()).is_some_and(|p| p.eq_ignore_ascii_case(key)) {
            let credit = t[key.len()..].trim().to_owned();
            return (word_count(&credit) <= 10).then(|| (String::new(), Some(credit)));
        }
    }
    if t.ends_with(')') {
        let open = t.rfind('(')?;
        let before = t[..open].trim_end();
        let credit = t[open + 1..t.len() - 1].trim();
        let credit_words = word_count(credit);
        let credit_lower = credit.to_lowercase();
        let credit_like = credit_lower.contains("photo")
            || credit_lower.contains("image")
            || credit_lower.contains('/')
            || credit_lower.contains(" via ")
            || credit_lower.starts_with("credit");
        if before.ends_with('.') && word_count(before) >= 4 && credit_words <= 8 && !credit.contains(". ")
            || credit_like && credit_words <= 8 && word_count(before) >= 4
        {
            return Some((before.to_owned(), Some(credit.to_owned())));
        }
    }
    None
}

/// Month names, lowercase (shared with entity detection).
pub(super) const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Finds a date written in text: `4 March 2005`, `March 4, 2005`, `2005-03-04`, `Mar. 4 2005`.
pub fn find_date(s: &str) -> Option<FmDate> {
    let w: Vec<String> = words(s).map(|x| x.to_lowercase()).collect();
    let month = |x: &str| -> Option<u32> {
        (x.len() >= 3)
            .then(|| MONTHS.iter().position(|m| m.starts_with(x) && (x.len() == 3 || *m == x)))
            .flatten()
            .map(|i| i as u32 + 1)
    };
    let num = |x: &str| x.parse::<u32>().ok();
    for i in 0..w.len() {
        if let Some(m) = month(&w[i]) {
            // Month Day Year
            if let (Some(d), Some(y)) = (w.get(i + 1).and_then(|x| num(x)), w.get(i + 2).and_then(|x| num(x))) {
                if let Some(date) = chrono::NaiveDate::from_ymd_opt(y as i32, m, d).filter(|_| y > 1900) {
                    return Some(FmDate::Day(date));
                }
            }
            // Day Month Year
            if let (Some(d), Some(y)) = (i.checked_sub(1).and_then(|j| num(&w[j])), w.get(i + 1).and_then(|x| num(x))) {
                if let Some(date) = chrono::NaiveDate::from_ymd_opt(y as i32, m, d).filter(|_| y > 1900) {
                    return Some(FmDate::Day(date));
                }
            }
        }
    }
    // ISO dates.
    let bytes = s.as_bytes();
    for i in 0..bytes.len().saturating_sub(9) {
        if let Some(part) = s.get(i..i + 10) {
            if let Ok(d) = chrono::NaiveDate::parse_from_str(part, "%Y-%m-%d") {
                return Some(FmDate::Day(d));
            }
        }
    }
    None
}

/// A line that is only a date (with words like "Published" or "Updated" and a time).
fn is_date_line(line: &str) -> bool {
    find_date(line).is_some() && word_count(line) <= 10 && !ends_sentence(line.trim_end_matches('.'))
}

/// A byline: `By Name`, `By Name | date`, `Name, Outlet`. Returns (authors, outlet).
fn byline(line: &str) -> Option<(Vec<String>, Option<String>)> {
    let t = line.trim();
    if word_count(t) > 12 || ends_sentence(t.trim_end_matches('.')) {
        return None;
    }
    let first = t.split(['|', '•', '·']).next().unwrap_or(t).trim();
    let names_part = ["by ", "written by ", "words by ", "reporting by "]
        .iter()
        .find_map(|p| first.get(..p.len()).filter(|x| x.eq_ignore_ascii_case(p)).map(|_| first[p.len()..].trim()));
    if let Some(names) = names_part {
        let names = names.split(',').next().unwrap_or(names);
        let authors = split_names(names);
        return (!authors.is_empty()).then_some((authors, None));
    }
    // "Jane Doe, The Daily Ledger": capitalised name, comma, capitalised outlet. A name has no
    // brackets: in "Title (Maker, Channel)" the comma is inside a parenthesis.
    let (name, outlet) = first.split_once(", ")?;
    if name.contains(['(', ')', '[', ']']) {
        return None;
    }
    let capitalised = |s: &str| {
        let ws: Vec<&str> = s.split_whitespace().collect();
        !ws.is_empty() && ws.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || !c.is_alphabetic()))
    };
    let nw = word_count(name);
    if (2..=4).contains(&nw)
        && capitalised(name)
        && word_count(outlet) <= 5
        && capitalised(outlet)
        && !outlet.contains(',')
    {
        return Some((vec![name.trim().to_owned()], Some(outlet.trim().to_owned())));
    }
    None
}

fn split_names(s: &str) -> Vec<String> {
    s.split(" and ")
        .flat_map(|p| p.split(" & "))
        .flat_map(|p| p.split(", "))
        .map(|p| p.trim().trim_end_matches('.').to_owned())
        .filter(|p| !p.is_empty() && word_count(p) <= 4)
        .collect()
}

/// Splits the text into lines, joining hard-wrapped continuation lines of one paragraph.
fn units(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut joinable = false;
    for raw in text.lines() {
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() {
            joinable = false;
            continue;
        }
        let starts_lower = line.chars().next().is_some_and(|c| c.is_lowercase());
        if joinable && starts_lower {
            if let Some(last) = out.last_mut() {
                if !ends_sentence(last) && word_count(last) >= 8 {
                    last.push(' ');
                    last.push_str(line);
                    continue;
                }
            }
        }
        out.push(collapse_spaces(line));
        joinable = true;
    }
    out
}

fn collapse_spaces(s: &str) -> String {
    // Keep a double space: it separates a label from a headline ("See also  …").
    s.replace('\t', "  ")
}

/// Extracts an article from scraped plain text.
pub fn extract_with(text: &str, stats: Option<&BatchStats>) -> Draft {
    let lines = units(text);
    let repeated = |l: &str| stats.is_some_and(|s| s.repeated(l));
    let junk = |l: &str| is_furniture_line(l) || repeated(l) || is_cross_reference(l);
    let mut d = Draft::default();

    // The article starts at its first paragraph of prose.
    let first = lines
        .iter()
        .position(|l| {
            (word_count(l) >= 25 || word_count(l) >= 8 && ends_sentence(l)) && !junk(l) && caption(l).is_none()
        })
        .unwrap_or(lines.len());
    let last = lines
        .iter()
        .rposition(|l| word_count(l) >= 12 && !junk(l) && caption(l).is_none())
        .filter(|&i| i >= first)
        .unwrap_or(first);

    // Body words, to recognise the headline among the lines before the first paragraph.
    let body_words: HashSet<String> =
        lines[first..].iter().flat_map(|l| words(l).map(str::to_lowercase).collect::<Vec<_>>()).collect();
    let overlap = |l: &str| {
        let ws: HashSet<String> =
            words(l).map(str::to_lowercase).filter(|w| w.len() >= 3 && !STOP.contains(&w.as_str())).collect();
        ws.iter().filter(|w| body_words.contains(*w)).count()
    };

    // Headlines may address the reader ("… while you work"): in the header, a line whose only
    // sign of furniture is a "you" is furniture only when it shares fewer than two words with the
    // body or speaks of the page itself ("You can now listen to our articles").
    let header_furniture =
        |l: &str| furniture(l, false) || is_furniture_line(l) && (overlap(l) < 2 || has_web_words(l));
    // Header: meta lines, then headline candidates.
    let mut candidates: Vec<usize> = Vec::new();
    for (i, l) in lines[..first].iter().enumerate() {
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
        if header_furniture(l) && overlap(l) < 3 || repeated(l) && overlap(l) == 0 {
            continue;
        }
        candidates.push(i);
    }
    // The headline is the first candidate sharing the most words with the body (at least two
    // when some line does), so navigation and section lines lose to it.
    let score = |i: usize| {
        let l = &lines[i];
        overlap(l) as i64 - if header_furniture(l) { 2 } else { 0 }
    };
    let best = candidates.iter().map(|&i| score(i)).max().unwrap_or(0);
    let title_at = if best > 0 {
        let mut at = candidates.iter().copied().find(|&i| score(i) >= best.min(2));
        // A short line directly followed by a longer one that matches as well is the section.
        while let Some(i) = at {
            let next_is_better = candidates.contains(&(i + 1))
                && score(i + 1) >= score(i)
                && word_count(&lines[i + 1]) > word_count(&lines[i]);
            if word_count(&lines[i]) <= 3 && next_is_better {
                at = Some(i + 1);
            } else {
                break;
            }
        }
        at
    } else {
        candidates.iter().copied().find(|&i| word_count(&lines[i]) >= 3).or(candidates.first().copied())
    };
    let mut body_from = first;
    if let Some(t) = title_at {
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
            if word_count(&lines[next]) >= 4 && overlap(&lines[next]) >= 2 && !is_prose(&lines[next]) {
                d.alt_title = Some(lines[next].clone());
                after.remove(0);
            }
        }
        // Other lines between the headline and the first paragraph belong to the body.
        if let Some(&i) = after.first() {
            body_from = i;
        }
    }
    // Body: the run of paragraphs, without captions and debris.
    let mut body = Vec::new();
    let mut captions = Vec::new();
    let mut in_list_of_links = false;
    for (i, l) in lines.iter().enumerate().skip(body_from) {
        if let Some((text, credit)) = caption(l) {
            captions.push(serde_json::json!({ "caption": text, "credit": credit }));
            continue;
        }
        if junk(l) {
            // A furniture heading ("Related …", "Most read") starts a list of other headlines.
            in_list_of_links |= word_count(l) <= 4 && loose_words(l).iter().any(|w| LIST_HEADS.contains(&w.as_str()));
            continue;
        }
        // A short line that also appears in another input is another article's headline.
        let sentence = word_count(l) >= 12 || word_count(l) >= 5 && l.trim_end_matches(['"', '”', '\'']).ends_with('.');
        if !sentence && word_count(l) >= 3 && stats.is_some_and(|s| s.elsewhere(l)) {
            continue;
        }
        if in_list_of_links && word_count(l) <= 12 && !l.ends_with('.') {
            continue;
        }
        in_list_of_links = false;
        if (i > last || i < first) && (byline(l).is_some() || is_date_line(l)) {
            continue;
        }
        body.push(escape_line(l));
    }
    if !captions.is_empty() {
        d.extra.insert("captions".into(), serde_json::Value::Array(captions));
    }
    if d.date.is_none() {
        if let Some(date) = lines[first..].iter().find_map(|l| find_date(l)) {
            d.date = Some(date);
            d.date_source = Some("text");
        }
    }
    d.body = body.join("\n\n");
    d
}

/// Extracts an article from scraped plain text, judged on its own.
pub fn extract(text: &str) -> Draft {
    extract_with(text, None)
}

/// `Home › News › Politics` → `Politics`.
fn breadcrumb_last(line: &str) -> String {
    line.rsplit(['›', '»', '>', '/', '|', '→', '\u{2022}'])
        .map(str::trim)
        .find(|p| !p.is_empty())
        .unwrap_or(line)
        .to_owned()
}

/// Escapes what Markdown would otherwise read as markup in a line of plain text.
pub fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    // Line starts that make lists: "- ", "+ ", "1. ", "1) ".
    if out.starts_with("- ") || out.starts_with("+ ") {
        out.insert(0, '\\');
    }
    let digits = out.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && (out[digits..].starts_with(". ") || out[digits..].starts_with(") ")) {
        out.insert(digits, '\\');
    }
    out
}

/// Markdown input: kept as it is when its front matter is complete, else read as text.
/// Front matter that is there but broken (bad YAML, no closing `---`) is an error: reading it
/// as text would turn the editor's keys into the article.
pub fn extract_markdown(text: &str) -> anyhow::Result<Draft> {
    use crate::content::front_matter::{parse, split, ArticleMeta, ARTICLE_KEYS};
    let path = std::path::Path::new("input.md");
    let parsed = parse::<ArticleMeta>(path, text, ARTICLE_KEYS);
    if let Ok((meta, split)) = parsed {
        return Ok(Draft {
            title: meta.title.clone(),
            body: split.body.trim().to_owned(),
            ready: Some(meta),
            ..Draft::default()
        });
    }
    let body = match split(path, text) {
        Ok(parts) => {
            if let Err(d) = parse::<yaml_serde::Value>(path, text, &[]) {
                anyhow::bail!(
                    "line {}, column {}: its front matter is not valid YAML: {} (fix it, or remove the front matter)",
                    d.line,
                    d.column,
                    d.message
                );
            }
            // Front matter that is not ours (another generator's keys): drop it, read the rest.
            parts.body
        }
        Err(d) if text.trim_start_matches('\u{feff}').starts_with("---") => {
            let help = d.help.map(|h| format!(" ({h})")).unwrap_or_default();
            anyhow::bail!("{}{help}", d.message)
        }
        Err(_) => text,
    };
    let mut d = Draft::default();
    let mut rest = body.trim_start();
    if let Some(h) = rest.strip_prefix("# ") {
        let (title, after) = h.split_once('\n').unwrap_or((h, ""));
        d.title = title.trim().to_owned();
        rest = after;
    } else {
        d.title = rest.lines().next().unwrap_or("").trim().to_owned();
        rest = rest.split_once('\n').map(|x| x.1).unwrap_or("");
    }
    d.body = rest.trim().to_owned();
    Ok(d)
}

/// Whether a body has at least one line that reads like prose (five words or more).
pub fn has_prose(body: &str) -> bool {
    body.lines().any(|l| l.split_whitespace().count() >= 5)
}

/// The first `n` words of a text.
pub fn first_words(text: &str, n: usize) -> String {
    text.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

/// Markdown to plain text, roughly: markup characters, link targets and images removed.
pub fn markdown_plain(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let chars: Vec<char> = md.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() => {
                out.push(chars[i + 1]);
                i += 2;
                continue;
            }
            '!' if chars.get(i + 1) == Some(&'[') => {
                // Image: skip entirely.
                if let Some(end) = chars[i..].iter().position(|&c| c == ')') {
                    i += end + 1;
                    continue;
                }
            }
            ']' if chars.get(i + 1) == Some(&'(') => {
                if let Some(end) = chars[i..].iter().position(|&c| c == ')') {
                    i += end + 1;
                    continue;
                }
            }
            '*' | '_' | '[' | ']' | '`' | '#' | '>' | '|' => {}
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// A summary: the first paragraph, cut to about 50 words.
pub fn summary_of(plain: &str) -> Option<String> {
    let para = plain.split("\n\n").map(str::trim).find(|p| word_count(p) >= 8)?;
    let para = para.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    if word_count(&para) <= 50 {
        return Some(para);
    }
    let cut = first_words(&para, 50);
    let cut = match cut.rfind(['.', '!', '?']) {
        Some(i) if i > cut.len() / 2 => cut[..=i].to_owned(),
        _ => format!("{cut}…"),
    };
    Some(cut)
}

/// Plain-text paragraphs as HTML `<p>` elements.
pub fn paragraphs_to_html(text: &str) -> String {
    text.split('\n')
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("<p>{}</p>", crate::content::markdown::escape(l.trim())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_is_recognised_by_shape() {
        for line in [
            "Sign up for our morning briefing",
            "Tap here to download the app",
            "Most Popular",
            "Share this story",
            "Your comment will be reviewed",
        ] {
            assert!(is_furniture_line(line), "{line}");
        }
        for line in ["Council votes to close the library", "The minister said the plan would cost more than expected."]
        {
            assert!(!is_furniture_line(line), "{line}");
        }
        assert!(is_cross_reference("Watch: Crowds gather at the old bridge"));
        assert!(is_cross_reference("Also read  Ferry fares rise again"));
        assert!(!is_cross_reference("Replacements: Ames, Bell, Cole."));
    }

    #[test]
    fn captions_bylines_and_dates() {
        let (text, credit) = caption("Crowds at the quay in Ellsby, May 2, 2026. (Jon Marsh/Courier)").unwrap();
        assert_eq!(
            (text.as_str(), credit.as_deref()),
            ("Crowds at the quay in Ellsby, May 2, 2026.", Some("Jon Marsh/Courier"))
        );
        assert!(caption("Little Britain (BBC Three)").is_none());
        assert_eq!(byline("By Ana Lima and Bo Stern | 4 March 2005").unwrap().0, ["Ana Lima", "Bo Stern"]);
        assert_eq!(
            byline("Ana Lima, The Daily Post").unwrap(),
            (vec!["Ana Lima".to_owned()], Some("The Daily Post".to_owned()))
        );
        assert_eq!(find_date("Published 4 March 2005").map(|d| d.to_string()).as_deref(), Some("2005-03-04"));
        assert_eq!(find_date("Updated Aug. 15, 2025 at noon").map(|d| d.to_string()).as_deref(), Some("2025-08-15"));
    }

    #[test]
    fn scrape_is_split_into_its_parts() {
        let text = "Menu\nLocal News\nBakers strike over new oven rules in Tollan\nBy Ana Lima | 4 March 2005\n\
            Bakers in Tollan walked out on Monday over new rules for the ovens they use every night, their union said.\n\
            Listen to this article\n\
            The council said the rules were needed for safety and would not be withdrawn before the summer.\n\
            More on this story\nBridge repairs delayed\nLibrary hours cut\nLeave a Reply\n";
        let d = extract(text);
        assert_eq!(d.title, "Bakers strike over new oven rules in Tollan");
        assert_eq!(d.section.as_deref(), Some("Local News"));
        assert_eq!(d.authors, ["Ana Lima"]);
        assert_eq!(d.date.map(|x| x.to_string()).as_deref(), Some("2005-03-04"));
        assert_eq!(d.body.split("\n\n").count(), 2, "{}", d.body);
        assert!(!d.body.contains("Library hours") && !d.body.contains("Listen"));
    }

    #[test]
    fn credits_in_brackets_are_not_bylines() {
        assert!(byline("Doc Ames (Harbour Films, Channel Six)").is_none());
        assert!(byline("Ana Lima, The Daily Post").is_some());
    }

    #[test]
    fn a_headline_may_address_the_reader() {
        // The headline shares two words with the body, the section line one.
        // A line about the page that shares more words with the body is still not the headline.
        let text =
            "Sign in\nScience\nSensors watching while you sleep\nYou can now listen to sleep science on sensors!\n\
            Published 4 March 2005\n\
            Sensors that track sleep at home are the new science of rest, the makers say, and they cost little.\n\
            The sensors record how long people sleep and send the figures to their doctors, the council said.\n\
            Your comment will be reviewed\n";
        let d = extract(text);
        assert_eq!(d.title, "Sensors watching while you sleep");
        assert_eq!(d.section.as_deref(), Some("Science"));
        assert!(!d.body.contains("comment"), "{}", d.body);
    }

    #[test]
    fn markdown_characters_are_escaped() {
        assert_eq!(escape_line("1. Not a list *really*"), "1\\. Not a list \\*really\\*");
        assert_eq!(markdown_plain("A [link](https://x.y) and ![img](a.png) \\*"), "A link and  *");
    }
}
