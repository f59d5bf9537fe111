//! What a single line of a scrape looks like, read from its text alone: the shapes a line can
//! have (ends like a sentence, holds a web address or a date, starts with a label, or follows
//! a template), over the word lists of `words.rs`. The `features` module turns these into
//! numbers; the batch and headline rules ask them directly.

use super::super::debris::{word_count, words};
use super::words::pointing_word;

/// Separators of menus and breadcrumbs.
pub(super) const SEPARATORS: &[char] = &['|', '•', '·', '›', '»', '/', '→', '>'];

/// How many separators a line has. A closing guillemet after an opening one is a quotation
/// mark ("«Ismenia» azota la costa"), not a separator.
pub fn separators(l: &str) -> usize {
    let mut open = false;
    let mut n = 0;
    for c in l.chars() {
        match c {
            '«' | '‹' => open = true,
            '»' | '›' if open => open = false,
            c if SEPARATORS.contains(&c) => n += 1,
            _ => {}
        }
    }
    n
}

/// A path of a few words between separators ("Home > Local > Economy", "News / Local"): a
/// breadcrumb or a menu, never a headline. A separator counts only between spaces ("24/7" and
/// "AC/DC" are words).
pub fn breadcrumb(l: &str) -> bool {
    let ws: Vec<&str> = l.split_whitespace().collect();
    let seps = ws.iter().filter(|w| w.chars().count() == 1 && w.chars().all(|c| SEPARATORS.contains(&c))).count();
    seps >= 1 && ws.len() - seps >= 2
}

/// A short line with a year and a day in it, in any language: `Publié le 3 juin 2026`,
/// `12. März 2026 | 14:05`.
pub fn date_like(l: &str) -> bool {
    let numbers: Vec<&str> = words(l).filter(|w| w.chars().all(|c| c.is_ascii_digit())).collect();
    let year = numbers.iter().any(|n| n.len() == 4 && (n.starts_with("19") || n.starts_with("20")));
    let day = numbers.iter().any(|n| n.len() <= 2 && n.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d)));
    year && day && word_count(l) <= 8 && !ends_period(l)
}

/// A date or a time standing alone, as lists of other articles give them under each headline:
/// a date line ([`date_like`]) or a few words with a figure and no sentence ("2 hours ago",
/// "13. 5. 2031", "Il y a 2 jours", "Yesterday").
pub fn stamp(l: &str) -> bool {
    date_like(l)
        || word_count(l) <= 4 && l.contains(|c: char| c.is_ascii_digit()) && !ends_period(l)
        || super::words::relative_day(l)
}

/// A time of day alone on its line, in minutes after midnight: "14:20", "9.15am",
/// "10:42 a.m.", "14h20", "14.20 Uhr", "09:15 BST" (a figure, then at most two short words).
/// A live blog's entries start so.
pub fn clock(l: &str) -> Option<u16> {
    let mut ws = l.split_whitespace().map(str::to_lowercase);
    let first = ws.next()?;
    let rest: Vec<String> = ws.collect();
    let short = |w: &String| w.chars().count() <= 4 && w.chars().all(|c| c.is_alphabetic() || c == '.');
    if rest.len() > 2 || !rest.iter().all(short) {
        return None;
    }
    // "9.15am": the figure, then its suffix.
    let figure = first.trim_end_matches(|c: char| c.is_alphabetic() || c == '.');
    let (h, m) = figure.split_once([':', '.', 'h'])?;
    let digits =
        |s: &str, n: std::ops::RangeInclusive<usize>| n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(h, 1..=2) && digits(m, 2..=2)) {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    let pm = std::iter::once(&first[figure.len()..])
        .chain(rest.iter().map(String::as_str))
        .any(|w| w == "pm" || w == "p.m.");
    (h < 24 && m < 60).then_some((if pm && h < 12 { h + 12 } else { h }) * 60 + m)
}

/// The most words of a fact's label, and of its value.
const LABEL_WORDS: usize = 4;
const VALUE_WORDS: usize = 12;

/// A label, a colon and a short value, with no address in it: a line a fact box may have. A
/// credit ("Edited by: Ann Lee", "Autor: Jan Wilk") is none.
pub fn fact_shaped(l: &str) -> bool {
    let Some((label, value)) = l.trim().split_once(": ") else { return false };
    let (lw, vw) = (label.split_whitespace().count(), value.split_whitespace().count());
    (1..=LABEL_WORDS).contains(&lw)
        && (1..=VALUE_WORDS).contains(&vw)
        && label.starts_with(|c: char| c.is_uppercase())
        && !value.contains('@')
        && !crate::import::bylines::credit_label(label)
}

/// Starts with a list marker: a bullet or dash, or a number with a dot or bracket, then a space.
pub fn item_marked(l: &str) -> bool {
    let t = l.trim_start();
    let bullet = t.strip_prefix(['•', '·', '▪', '◦', '►', '-', '–', '*']).is_some_and(|r| r.starts_with(' '));
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let numbered = (1..=2).contains(&digits) && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "));
    bullet || numbered
}

/// A label pointing to other articles alone on its line: one to three words that all say so
/// ("Read also", "See more:", "Läs också", "Czytaj także:").
pub fn pointer_label(l: &str) -> bool {
    let t = l.trim().trim_end_matches([':', '.', '»', '›', '>']).trim();
    let n = t.split_whitespace().count();
    (1..=3).contains(&n)
        && words(t).next().is_some()
        // Turkish "İ" lowercases to "i" and a combining dot, which no list spells.
        && words(t).all(|w| {
            let lower = w.to_lowercase().replace('\u{307}', "");
            pointing_word(&lower)
        })
}

/// An enumeration: four or more items separated by commas or semicolons, each of one to four
/// words (a team sheet, a list of names or places). A sentence has longer stretches between
/// its commas.
pub fn enumeration(l: &str) -> bool {
    let items: Vec<usize> = l.trim_end_matches('.').split([',', ';']).map(word_count).collect();
    items.len() >= 4 && items.iter().all(|&n| (1..=4).contains(&n))
}

/// Shaped like a headline: three to sixteen words starting with a capital (or a quote), without
/// a sentence's or a clause's final mark. Other articles' headlines listed inside a page have
/// this shape in every language that capitalises. (The headline model's `headline_shaped`
/// asks more of a candidate: a line of the article's header that shares its words.)
pub fn headline_like(l: &str) -> bool {
    let t = l.trim();
    let unquoted = t.trim_start_matches(['"', '“', '‘', '\'', '«']);
    let ends_clause = t.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»']).ends_with([':', ';', ',']);
    (3..=16).contains(&word_count(t)) && unquoted.starts_with(char::is_uppercase) && !ends_period(t) && !ends_clause
}

/// Ends like a sentence: `.`, `!`, `?` or an ellipsis, before closing quotes and brackets.
pub fn ends_period(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '\'', '”', '’', ')', ']', '*', ' ']);
    t.ends_with(['.', '!', '?', '…', '。', '！', '？'])
}

pub(super) fn sentence_ends(l: &str) -> usize {
    let mut chars = l.chars().peekable();
    let mut n = 0;
    while let Some(c) = chars.next() {
        let end = matches!(c, '.' | '!' | '?' | '。' | '！' | '？');
        n += usize::from(end && chars.peek().is_none_or(|c| c.is_whitespace()));
    }
    n
}

/// A link, a web address, an e-mail or social handle, or a hashtag.
pub(super) fn url_like(l: &str) -> bool {
    if l.contains("http://") || l.contains("https://") || l.contains("www.") {
        return true;
    }
    let b = l.as_bytes();
    let dot_com = l.match_indices(".com").any(|(i, _)| b.get(i + 4).is_none_or(|c| !c.is_ascii_alphanumeric()));
    let tagged = (0..b.len()).any(|i| {
        (b[i] == b'@' && b.get(i + 1).is_some_and(|c| c.is_ascii_alphanumeric())
            || b[i] == b'#' && b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic()))
            && (i == 0 || b[i - 1].is_ascii_whitespace())
    });
    dot_com || tagged
}

/// Ends with a short parenthesis, as credits do: `… (Photo: Ana Lima)`.
pub(super) fn paren_end(t: &str) -> bool {
    t.ends_with(')') && t.rfind('(').is_some_and(|o| word_count(&t[o..]) <= 8)
}

/// A short label, a separator, then more: `Read more: …`, `Home | News`, `See also  …`.
/// Returns the label.
pub fn cross_label(t: &str) -> Option<&str> {
    // A label has at most three words: a separator after the fourth word makes none, so only
    // the start of the line is searched.
    let head = &t[..head_end(t, 4)];
    let cut =
        [":", "|", "  ", "»", "›", " - ", " — "].iter().filter_map(|sep| head.find(sep).map(|i| (i, sep.len()))).min();
    let (i, len) = cut?;
    let label = t[..i].trim();
    let rest = t[i + len..].trim();
    let n = label.split_whitespace().count();
    ((1..=3).contains(&n) && !rest.is_empty() && words(label).next().is_some()).then_some(label)
}

/// The byte index a few characters past the end of the `n`-th word of `t` (or its end).
fn head_end(t: &str, n: usize) -> usize {
    let mut seen = 0;
    let mut in_word = false;
    for (i, c) in t.char_indices() {
        if c.is_whitespace() {
            if in_word {
                seen += 1;
                if seen == n {
                    // Room for a separator (" — ") right after the word.
                    return t[i..].char_indices().nth(3).map_or(t.len(), |(k, _)| i + k);
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    t.len()
}

/// Whether a line's shape can tell a template: at most fifteen words (longer sentences of an
/// outlet's routine reports share shapes too), two of them lower-case.
pub fn templatable(line: &str) -> bool {
    let n = word_count(line);
    n <= 15 && words(line).filter(|w| w.chars().next().is_some_and(char::is_lowercase)).count() >= 2
}

/// A line's shape: its lower-case words and punctuation kept, capitalised words and numbers
/// replaced by `X` and `9` (runs of them by one). "Ana Lima speaks to reporters in Ellsby" and
/// "Bo Stern speaks to reporters in Tollan" have the same shape: furniture made from a template.
pub fn shape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut last = ' ';
    let mut push = |tok: &str, out: &mut String| {
        let first = tok.chars().next().unwrap_or(' ');
        let mark = if first.is_numeric() {
            '9'
        } else if first.is_uppercase() {
            'X'
        } else {
            '\0'
        };
        if mark != '\0' && mark == last {
            return;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        if mark == '\0' {
            out.extend(tok.chars().flat_map(char::to_lowercase));
        } else {
            out.push(mark);
        }
        last = mark;
    };
    let mut word = String::new();
    for c in line.chars() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            push(&word, &mut out);
            word.clear();
        }
        if !c.is_whitespace() {
            push(c.encode_utf8(&mut [0; 4]), &mut out);
        }
    }
    if !word.is_empty() {
        push(&word, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_have_a_short_label_and_value() {
        for l in ["Population: 12,400", "Forventet åbning: Efteråret 2032", "Key facts: Pendlecombe"] {
            assert!(fact_shaped(l), "{l}");
        }
        for l in [
            "Email: press@example.org",
            "12:05",
            "he said: the council will decide on the plans next year after a long debate",
            "Read",
        ] {
            assert!(!fact_shaped(l), "{l}");
        }
    }

    #[test]
    fn list_items_are_marked_with_a_bullet_or_a_number() {
        for l in ["• 100 MW battery system", "- Two pools", "12. Back up the laptop", "3) Wipe it"] {
            assert!(item_marked(l), "{l}");
        }
        for l in ["2031. The year the bridge opened", "-5 degrees overnight", "•Share", "Items"] {
            assert!(!item_marked(l), "{l}");
        }
    }

    #[test]
    fn guillemets_around_a_quotation_are_no_separators() {
        assert_eq!(separators("Tormenta «Ismenia» azota la costa"), 0);
        assert_eq!(separators("Inicio » Local » Estado"), 2);
        assert_eq!(separators("«Nous restons» | Société"), 1);
    }

    #[test]
    fn a_time_of_day_alone_reads_in_minutes() {
        for (l, m) in [("14:20", 860), ("9.15am", 555), ("10:42 a.m.", 642), ("2:05 p.m.", 845), ("14h20", 860)] {
            assert_eq!(clock(l), Some(m), "{l}");
        }
        assert_eq!(clock("09:15 BST"), Some(555));
        assert_eq!(clock("14.20 Uhr"), Some(860));
        for l in ["4.99", "2000 GMT", "12:05 on the main road", "25:10", "Updated 14:20 today by staff", "3.5.2031"] {
            assert_eq!(clock(l), None, "{l}");
        }
    }

    #[test]
    fn headlines_have_their_shape_in_several_languages() {
        for l in [
            "Ferry fares rise again on the Tollan crossing",
            "Cierra la última fábrica del puerto viejo",
            "«Wir bleiben hier» sagt der Bürgermeister",
        ] {
            assert!(headline_like(l), "{l}");
        }
        for l in
            ["The ferry left at noon.", "Ferries", "as the crews said", "Among those who spoke:", "港口起重机改用电力"]
        {
            assert!(!headline_like(l), "{l}");
        }
    }

    #[test]
    fn labels_pointing_to_other_articles_in_several_languages() {
        for l in [
            "Read also",
            "See more:",
            "Läs också",
            "Czytaj także:",
            "İLGİLİ HABERLER",
            "Leia também",
            "Seguir leyendo",
            "Lees ook",
            "Διαβάστε επίσης:",
            "Citește și:",
            "Přečtěte si",
            "Читайте также",
        ] {
            assert!(pointer_label(l), "{l}");
        }
        for l in ["___", "Read the report", "Also in the harbour", "Background"] {
            assert!(!pointer_label(l), "{l}");
        }
    }

    #[test]
    fn enumerations_are_short_items_between_commas() {
        assert!(enumeration("Ames, Bell, Cole, D Dorne, Evans-Fry."));
        assert!(enumeration("Quill; Renn, Varga; Lind, Marsh"));
        // A sentence has longer stretches between its commas; three items are not yet a list.
        assert!(!enumeration("The council, which met on Monday, said the ferry would run, for now."));
        assert!(!enumeration("Ames, Bell, Cole."));
    }

    #[test]
    fn shapes_hide_names_and_numbers() {
        assert_eq!(shape("Ana Lima speaks to reporters in Ellsby, May 2005."), "X speaks to reporters in X , X 9 .");
        assert_eq!(shape("Bo Stern speaks to reporters in Tollan, June 2004."), "X speaks to reporters in X , X 9 .");
    }

    #[test]
    fn links_and_labels_are_seen() {
        assert!(url_like("more at www.example.org today"));
        assert!(url_like("follow @courier"));
        assert!(!url_like("a #1 hit and e-mail"));
        assert_eq!(cross_label("Read more: Council votes"), Some("Read more"));
        assert_eq!(cross_label("Home | News"), Some("Home"));
        assert_eq!(cross_label("The council voted on Monday to close it"), None);
    }
}
