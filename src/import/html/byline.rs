//! The page's byline: its element's text up to the date, and the people it names; or, on a
//! page that marks none, a byline written as text near the headline.

use dom_query::Document;

/// A byline element's lines up to the date after the names (the first line with a digit, or
/// the part of that line before its date), when they are one to twelve words.
pub(super) fn byline_text(text: &str) -> Option<String> {
    let mut names: Vec<String> = Vec::new();
    for l in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        // The author's e-mail or page address under the name names no one more.
        if l.contains('@') || l.contains("://") {
            continue;
        }
        if !l.chars().any(|c| c.is_ascii_digit()) {
            names.push(l.to_owned());
            if ends_in_credential(l) {
                break;
            }
            continue;
        }
        // "Jane Doe March 11, 2015": the names on the date's line count too.
        let before = names_before_date(l);
        if before.split_whitespace().count() < l.split_whitespace().count() {
            names.push(before);
        }
        break;
    }
    let joined = names.join("\n");
    (1..=12).contains(&joined.split_whitespace().count()).then_some(joined)
}

/// `By Jane Doe, MD`: a byline line whose last entry is a degree or professional credential
/// ([`credential`](crate::import::bylines::credential)). The line after it names her
/// affiliation or outlet (`Harbour Health News`), not more people.
fn ends_in_credential(line: &str) -> bool {
    let last = line.rsplit([',', ' ']).find(|w| !w.is_empty()).unwrap_or_default();
    line.contains(',') && crate::import::bylines::credential(last.trim_end_matches('.'))
}

/// A byline's words before the date that follows the names: up to the first word with a
/// digit, less the month, weekday and label words ("Updated", "on") and separators just
/// before it (`Jane Doe Updated March 11, 2015 3:46 PM` → `Jane Doe`). The whole byline when
/// it has no digit, or when nothing but date words comes before it.
fn names_before_date(byline: &str) -> String {
    let words: Vec<&str> = byline.split_whitespace().collect();
    let Some(mut end) = words.iter().position(|w| w.chars().any(|c| c.is_ascii_digit())) else {
        return words.join(" ");
    };
    while end > 0 && is_date_word(words[end - 1]) {
        end -= 1;
    }
    if end == 0 {
        return words.join(" ");
    }
    words[..end]
        .join(" ")
        .trim_end_matches([',', ';', '-', '\u{2013}', '\u{2014}', '|', '\u{b7}'])
        .trim_end()
        .to_owned()
}

/// A word that belongs to a date or its label rather than to a name: an English month or
/// weekday (in full or abbreviated), `updated`, `published`, `posted`, `last`, `on`, `at`, or
/// a bare separator.
fn is_date_word(word: &str) -> bool {
    const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    const LABELS: [&str; 8] = ["updated", "update", "published", "posted", "last", "on", "at", "date"];
    let w = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    // "Mar", "Sept", "Tues": a name's first three or four letters.
    let short =
        |names: &[&str]| names.iter().any(|n| *n == w || (3..=4).contains(&w.len()) && n.starts_with(w.as_str()));
    w.is_empty() || LABELS.contains(&w.as_str()) || short(crate::import::dates::MONTHS) || short(&WEEKDAYS)
}

/// A byline written as text only near the headline, in an element no class names as one
/// ("Door Sanne Verhoef" in `<div class="sc-6c5b4a39-4">`): among the first elements after the
/// `<h1>`, a short one that starts with "by" or a writer's label
/// ([`after_by`](crate::import::bylines::after_by)) before capitalised names.
pub(super) fn byline_under_headline(doc: &Document) -> Option<String> {
    const LOOK: usize = 60;
    const WORDS: usize = 12;
    const SMALL: usize = 16;
    let root = doc.root();
    let after = root.descendants_it().skip_while(|n| !n.has_name("h1")).skip(1);
    // A byline element holds a few inline ones (`<strong>`, `<time>`); the text of a wrapper
    // around the article is not read (it would be, for each of them, the whole article).
    let small = |n: &dom_query::NodeRef| n.descendants_it().nth(SMALL).is_none();
    let texts = after.filter(|n| n.is_element()).take(LOOK).filter(small).map(|n| n.text());
    let found = texts.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")).find(|t| {
        let names = crate::import::bylines::after_by(t).filter(|_| t.split_whitespace().count() <= WORDS);
        names.is_some_and(|n| n.starts_with(char::is_uppercase) && !authors_from_byline(t).is_empty())
    });
    found
}

/// `By Jane Doe and John Roe, Staff Writers` → `[Jane Doe, John Roe]`; a date after the
/// names ends the byline (`By Jane Doe March 11, 2015` → `[Jane Doe]`).
pub fn authors_from_byline(byline: &str) -> Vec<String> {
    // Its lines up to one ending in a credential (`By Jane Doe, MD` over `Harbour Health News`).
    let mut lines = Vec::new();
    for l in byline.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|l| !l.is_empty()) {
        let last = ends_in_credential(&l);
        lines.push(l);
        if last {
            break;
        }
    }
    // Without the author's e-mail or page address ("Ana Lind ana.lind@courier.example").
    let b = lines
        .join(" ")
        .split_whitespace()
        .filter(|w| !w.contains('@') && !w.contains("://"))
        .collect::<Vec<_>>()
        .join(" ");
    let b = crate::import::bylines::after_by(&b).map_or(b.clone(), str::to_owned);
    let b = b.split(['|', '•', '\n']).next().unwrap_or(&b).trim().to_owned();
    let b = names_before_date(&b);
    crate::import::bylines::split_names(&b)
        .into_iter()
        .map(|p| p.trim_end_matches(['.', ',']).to_owned())
        .filter(|p| !p.is_empty() && p.split_whitespace().count() <= 5 && !p.chars().any(|c| c.is_ascii_digit()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_under_the_name_is_no_author() {
        let byline = byline_text("Ana Lind\nana.lind@courier.example\nPublished 21 October 2031").unwrap();
        assert_eq!(authors_from_byline(&byline), ["Ana Lind"]);
        assert_eq!(authors_from_byline("By Ana Lind ana.lind@courier.example"), ["Ana Lind"]);
    }

    #[test]
    fn a_date_after_the_names_ends_the_byline() {
        assert_eq!(authors_from_byline("By Mara Quill March 11, 2015 3:46 PM"), ["Mara Quill"]);
        assert_eq!(
            authors_from_byline("By Mara Quill and Tobias Renn Updated: Tue, Apr 7 2020"),
            ["Mara Quill", "Tobias Renn"]
        );
        assert_eq!(authors_from_byline("Mara Quill on 11/03/2015"), ["Mara Quill"]);
        assert_eq!(authors_from_byline("By Mara Quill, 4 hours ago"), ["Mara Quill"]);
        // Nothing but a date: no names, as before.
        assert!(authors_from_byline("Published March 11, 2015").is_empty());
        // A name that is also a month's first letters stays when no date follows it.
        assert_eq!(authors_from_byline("By Jan Mayer"), ["Jan Mayer"]);
    }

    #[test]
    fn a_byline_with_the_date_on_the_names_line_gives_the_names() {
        assert_eq!(byline_text("By Mara Quill March 11, 2015").as_deref(), Some("By Mara Quill"));
        // A date alone is no byline.
        assert_eq!(byline_text("March 11, 2015"), None);
        assert_eq!(byline_text("Updated  March  11,  2015"), None);
    }

    #[test]
    fn a_line_ending_in_a_credential_ends_the_byline() {
        assert_eq!(authors_from_byline("By Ines  Varga, MA\n      Harbour Gazette"), ["Ines Varga", "MA"]);
        assert_eq!(authors_from_byline("By Ines Varga, Ph.D.\nCoast Clinic Review"), ["Ines Varga", "Ph.D"]);
        assert_eq!(authors_from_byline("By Ines Varga, MD, MPH\nCoast Clinic Review"), ["Ines Varga", "MD", "MPH"]);
        // Without a credential the lines are read as before (names may run on).
        assert_eq!(authors_from_byline("By Ines Varga and\nOskar Lind"), ["Ines Varga", "Oskar Lind"]);
        // A name in capitals is no credential.
        assert_eq!(authors_from_byline("By Ines Varga, OSKAR\nLIND"), ["Ines Varga", "OSKAR LIND"]);
    }
}
