//! Recognisers of single lines of scraped text: photo captions, dates, date lines, bylines,
//! breadcrumbs; and the split of a text into lines.

use super::super::debris::{ends_sentence, word_count};

/// The words that introduce a picture's credit, in the languages a caption is written in.
const CREDIT_KEYS: &[&str] = &[
    "photo:",
    "photograph:",
    "picture:",
    "image:",
    "credit:",
    "photo credit:",
    "image credit:",
    "foto:",
    "bild:",
    "fotografía:",
    "fotografia:",
    "zdjęcie:",
    "kuva:",
    "fotoğraf:",
    "fot.",
];

/// Credit keys with "by" in place of a colon, after a caption's sentence: "… Barrow Flat. Picture
/// by Sam Kovac", "… in 1979. Photo courtesy of Carol Dunning".
const CREDIT_BY_KEYS: &[&str] =
    &["photo by", "photos by", "picture by", "pictures by", "photograph by", "image by", "photo courtesy of"];

/// A photo caption with its credit: `Text. (Credit)`, `Text (Photo: Credit)`, `Photo: Credit`,
/// `Text. Photo: Credit`.
pub fn caption(line: &str) -> Option<(String, Option<String>)> {
    let t = line.trim();
    for key in CREDIT_KEYS {
        if t.get(..key.len()).is_some_and(|p| p.eq_ignore_ascii_case(key)) {
            let credit = t[key.len()..].trim().to_owned();
            return (word_count(&credit) <= 10).then(|| (String::new(), Some(credit)));
        }
    }
    if let Some(found) = trailing_credit(t) {
        return Some(found);
    }
    if t.ends_with(')') {
        let open = t.rfind('(')?;
        let before = t[..open].trim_end();
        let credit = t[open + 1..t.len() - 1].trim();
        let credit_words = word_count(credit);
        let credit_lower = credit.to_lowercase();
        // Or a one-word label before a colon, in any language ("Φωτ.: Δήμος Λεμονησίου").
        let labelled = credit
            .split_once(':')
            .is_some_and(|(label, rest)| word_count(label) == 1 && rest.trim().starts_with(char::is_uppercase));
        let credit_like = credit_lower.contains("photo")
            || credit_lower.contains("image")
            || ["foto", "fot.", "bild", "picture"].iter().any(|k| credit_lower.starts_with(k))
            || credit_lower.contains('/')
            || credit_lower.contains(" via ")
            || credit_lower.starts_with("credit")
            || labelled;
        if before.ends_with('.') && word_count(before) >= 4 && credit_words <= 8 && !credit.contains(". ")
            || credit_like && credit_words <= 8 && word_count(before) >= 4
        {
            return Some((before.to_owned(), Some(credit.to_owned())));
        }
    }
    None
}

/// `Text. Photo: Credit`, `Text. Picture by Credit`: a caption of four words or more, then a
/// credit key after a sentence's end, then a credit of at most eight words, most of them
/// capitalised.
fn trailing_credit(t: &str) -> Option<(String, Option<String>)> {
    // Every key ends in a colon or "by"/"of": most lines have neither and are done here (this
    // runs on every line, as a feature of the line model).
    if !t.contains(':') && !t.contains(" by ") && !t.contains(" of ") {
        return None;
    }
    let lower = t.to_lowercase();
    // `to_lowercase` may change byte lengths outside ASCII: only read positions when it did not.
    if lower.len() != t.len() {
        return None;
    }
    let spaced =
        |k: &str| lower.rmatch_indices(k).map(|(at, _)| at).find(|&at| at > 0 && lower.as_bytes()[at - 1] == b' ');
    let keys = CREDIT_KEYS.iter().chain(CREDIT_BY_KEYS);
    let (at, key) = keys.filter_map(|k| spaced(k).map(|at| (at - 1, k))).max()?;
    // The caption ends in a sentence's end, or a dash or bar sets the credit apart ("Rua
    // alagada na noite de segunda — Foto: Leitor").
    let before = t[..at].trim_end();
    let set_apart = before.ends_with(['—', '–', '|']) || before.ends_with(" -");
    let before = before.trim_end_matches(['—', '–', '|', '-', ' ']);
    let credit = t[at + 1 + key.len()..].trim();
    // A credit names people and agencies: most of its words are capitalised ("AFP via Getty").
    let ws: Vec<&str> = credit.split_whitespace().collect();
    let named = ws.iter().filter(|w| w.starts_with(char::is_uppercase) || w.contains('/')).count();
    let ok = (ends_sentence(before) || set_apart)
        && word_count(before) >= 4
        && (1..=8).contains(&ws.len())
        && 2 * named > ws.len()
        && !credit.contains(". ");
    ok.then(|| (before.to_owned(), Some(credit.to_owned())))
}

// Dates are read by the import's date module (which also settles an article's date).
pub use crate::import::dates::find_date;
pub(crate) use crate::import::dates::MONTHS;
use crate::import::dates::{has_numeric_date, has_year};

/// A line that is only a date (with words like "Published" or "Updated" and a time).
pub(super) fn is_date_line(line: &str) -> bool {
    word_count(line) <= 10 && !ends_sentence(line.trim_end_matches('.')) && dated(line)
}

/// Whether `line` holds a date, in words or in figures (in either order of day and month).
fn dated(line: &str) -> bool {
    find_date(line).is_some() || has_numeric_date(line)
}

/// A line of dates in parts, each part a date line: "Published: 00:01, Tue, Mar 3, 2031 |
/// Updated: 10:43, Tue, Mar 3, 2031", "Publié le 03/07/2031 à 18h12, mis à jour le 04/07/2031
/// à 08h05". Too long for [`is_date_line`] as a whole.
pub(super) fn is_stamp_line(line: &str) -> bool {
    const STAMP_WORDS: usize = 24;
    let in_parts = |seps: &[char]| {
        let mut parts = line.split(seps).filter(|p| !p.trim().is_empty());
        line.contains(seps) && parts.all(|p| is_date_line(p) || word_count(p) <= 2 || clock_part(p))
    };
    // Cheap tests first: this runs on every line of a scrape.
    has_year(line)
        && word_count(line) <= STAMP_WORDS
        && (in_parts(&['|', '•', '·']) || in_parts(&[',', ';']) || in_parts(&['–', '—']) || updated_after(line))
        && dated(line)
}

/// Words that start the date a page was last changed, after the date it was published.
const UPDATED: &[&str] = &[
    "updated",
    "last updated",
    "mis à jour",
    "modifié",
    "aktualisiert",
    "actualizado",
    "atualizado",
    "aggiornato",
    "bijgewerkt",
    "uppdaterad",
    "opdateret",
    "oppdatert",
    "päivitetty",
    "zaktualizowano",
    "aktualizováno",
];

/// A date line, then the words of an update and another date line, without a separator between
/// them: "Publié le 3 avril 2031 à 18h12 Mis à jour le 4 avril 2031 à 07h30".
fn updated_after(line: &str) -> bool {
    let lower = line.to_lowercase();
    // Lower case may change a line's length in bytes ("İ"): the cut is checked on the line.
    let cuts = UPDATED.iter().filter_map(|w| lower.find(w)).filter(|&i| i > 0 && line.is_char_boundary(i));
    cuts.map(|i| line.split_at(i))
        .any(|(before, after)| is_date_line(before) && (is_date_line(after) || clock_part(after)))
}

/// A part of a date line that gives only a time, in a few words: "Aggiornato alle 10:15",
/// "updated 9.40am".
fn clock_part(p: &str) -> bool {
    let b = p.as_bytes();
    let clock = (1..b.len().saturating_sub(2)).any(|i| {
        matches!(b[i], b':' | b'.' | b'h')
            && b[i - 1].is_ascii_digit()
            && b[i + 1].is_ascii_digit()
            && b[i + 2].is_ascii_digit()
    });
    clock && word_count(p) <= 5
}

/// A byline: `By Name`, `By Name | date`, `date by Name`, `Name, Outlet`. Returns (authors,
/// outlet).
pub(super) fn byline(line: &str) -> Option<(Vec<String>, Option<String>)> {
    let t = line.trim();
    if word_count(t) > 12 || ends_sentence(t.trim_end_matches('.')) {
        return None;
    }
    let first = t.split(['|', '•', '·']).next().unwrap_or(t).trim();
    if let Some(names) = crate::import::bylines::after_by(first) {
        let names = names.split(',').next().unwrap_or(names);
        let authors = split_names(names);
        return (!authors.is_empty()).then_some((authors, None));
    }
    // "Posted on June 3, 2031 by Jane Doe": a date line ending in "by" and a name.
    if let Some((_, name)) = t.rsplit_once(" by ").filter(|(date, _)| dated(date)) {
        return name_shaped(name).then(|| (vec![name.trim().to_owned()], None));
    }
    // "Jane Doe, The Daily Ledger": capitalised name, comma, capitalised outlet. A name has no
    // brackets (in "Title (Maker, Channel)" the comma is inside a parenthesis) and no figures
    // ("3 March 2031, 08:15" is a date).
    let (name, outlet) = first.split_once(", ")?;
    if name.contains(['(', ')', '[', ']']) || name.contains(|c: char| c.is_ascii_digit()) {
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

/// Shaped like a person's name alone on its line: two or three capitalised words of letters
/// (with hyphens, apostrophes or an initial's dot), and the particles names carry ("de", "van",
/// "bin"); no figure, no function word. "Ana de la Torre", "Derek Osei-Mensah", "J. R. Okafor".
/// Four such words are more often a name run into its outlet ("Ann Lee Harbour Courier").
pub(super) fn name_shaped(line: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "de", "da", "del", "della", "di", "do", "dos", "du", "van", "von", "der", "den", "la", "le", "bin", "al",
        "ten", "ter", "y",
    ];
    let ws: Vec<&str> = line.split_whitespace().collect();
    let capitalised = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase)
            && cs.all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
            && !super::lang::is_function_word(&w.to_lowercase())
    };
    let named = ws.iter().filter(|w| !PARTICLES.contains(w)).count();
    ws.len() <= 5
        && (2..=3).contains(&named)
        && ws.iter().all(|w| PARTICLES.contains(w) || capitalised(w))
        && ws.first().is_some_and(|w| capitalised(w))
}

fn split_names(s: &str) -> Vec<String> {
    crate::import::bylines::split_names(s)
        .into_iter()
        .map(|p| p.trim_end_matches('.').to_owned())
        .filter(|p| !p.is_empty() && word_count(p) <= 4)
        .collect()
}

/// Splits the text into lines, joining hard-wrapped continuation lines of one paragraph.
pub(super) fn units(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut joinable = false;
    for raw in text.lines() {
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() {
            joinable = false;
            continue;
        }
        let starts_lower = line.chars().next().is_some_and(|c| c.is_lowercase());
        // A drop cap set apart from its paragraph ("H" above "ong Kong is burning."): one
        // capital letter, then a line that starts in lower case.
        if let Some(last) = out.last_mut().filter(|l| starts_lower && is_drop_cap(l)) {
            last.push_str(&collapse_spaces(line));
            joinable = true;
            continue;
        }
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

/// One capital letter alone.
fn is_drop_cap(l: &str) -> bool {
    let mut cs = l.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.next().is_none()
}

fn collapse_spaces(s: &str) -> String {
    // Keep a double space: it separates a label from a headline ("See also  …"). No-break and
    // other Unicode spaces are spaces.
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' => out.push_str("  "),
            c if c.is_whitespace() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `Home › News › Politics` → `Politics`.
pub(super) fn breadcrumb_last(line: &str) -> String {
    line.rsplit(['›', '»', '>', '/', '|', '→', '\u{2022}'])
        .map(str::trim)
        .find(|p| !p.is_empty())
        .unwrap_or(line)
        .to_owned()
}
