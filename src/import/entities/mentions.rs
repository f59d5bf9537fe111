//! The names a text mentions: runs of capitalised words, each with the words around it.
//!
//! A run may hold connectors ("of", "de", "and" inside "Securities and Exchange Commission")
//! and ordinals before a capitalised word ("17th Street"); it ends at clause punctuation or
//! after a possessive ("Britain's Conservative Party" is two names). Leading function words,
//! number words and titles are not part of the name: a title is kept as a cue.

use super::cues::{NOT_NAMES, ORG_HEAD, ORG_LAST, PLACE_LAST, ROLES, TITLES};
use super::nameless::credit_sentences;
use super::words::{is_cap, lower, Word};
use super::{first_names, places, posts};

/// One mention of a name.
#[derive(Debug, Clone)]
pub struct Mention {
    pub words: Vec<String>,
    /// Index of its first word in the text's words.
    pub start: usize,
    /// Index after its last word.
    pub end: usize,
    /// The first word of a sentence (capitalised anyway).
    pub sentence_start: bool,
    /// A title stood before it, inside the capitalised run ("President").
    pub title: Option<String>,
    /// It stood before a title inside the run ("Tollan Mills" in "Tollan Mills CEO Ada Quell").
    pub employer: bool,
    /// Its last word had a possessive `'s`.
    pub possessive: bool,
}

impl Mention {
    pub fn name(&self) -> String {
        self.words.join(" ")
    }
}

fn is_not_name(w: &str) -> bool {
    // An initial ("A.") is part of a name.
    if w.ends_with('.') && w.chars().count() == 2 {
        return false;
    }
    let l = lower(w);
    contraction(&l) || NOT_NAMES.contains(l.as_str()) || super::super::text::MONTHS.contains(&l.as_str())
}

/// "I’m", "I've", "You’d": a pronoun and a verb, however capitalised, name nobody.
fn contraction(l: &str) -> bool {
    l.split_once(['\'', '’']).is_some_and(|(_, tail)| matches!(tail, "m" | "ve" | "d" | "ll" | "re" | "t"))
}

fn is_title(w: &str) -> bool {
    super::cues::is_title_word(&lower(w))
}

/// Words of roads whose names end in a number ("Route 9").
pub const ROADS: &[&str] = &["road", "rd", "highway", "hwy", "route", "interstate"];

const CONNECTORS: &[&str] =
    &["of", "de", "van", "von", "der", "den", "al", "bin", "la", "le", "du", "da", "di", "and", "&"];

/// Whether word `j` may continue a run that has `len` words so far.
fn continues(ws: &[Word], j: usize, len: usize) -> bool {
    let w = ws[j].core;
    if ws[j].opens && len > 0 {
        return false;
    }
    if is_cap(w) && !is_not_name(w) {
        return true;
    }
    // "County Road 600S", "Route 9": a road's number is part of its name.
    let after_road = j.checked_sub(1).is_some_and(|p| ROADS.contains(&lower(ws[p].core).as_str()));
    if len > 0 && after_road && w.starts_with(|c: char| c.is_ascii_digit()) && w.chars().all(char::is_alphanumeric) {
        return true;
    }
    let next_cap = ws.get(j + 1).is_some_and(|n| is_cap(n.core) && !is_not_name(n.core));
    // "of" joins a name's parts after the head of an organisation, a place or a post ("Bank of
    // Tollan", "Gulf of Ellsby" is two), never a person and their employer.
    if w == "of" {
        let head = j.checked_sub(1).map(|p| lower(ws[p].core)).unwrap_or_default();
        let joins = [&ORG_HEAD, &ORG_LAST, &PLACE_LAST, &TITLES].iter().any(|l| l.contains(head.as_str()));
        return len > 0 && next_cap && joins;
    }
    let ordinal =
        w.starts_with(|c: char| c.is_ascii_digit()) && ["st", "nd", "rd", "th"].iter().any(|s| w.ends_with(s));
    (CONNECTORS.contains(&w) && len > 0 || ordinal) && next_cap
}

/// Every mention of a name in the text, in order.
pub fn mentions(ws: &[Word]) -> Vec<Mention> {
    let credits = credit_sentences(ws);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if !continues(ws, i, 0) || credits[i] {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < ws.len() && j - i < 8 && continues(ws, j, j - i) {
            j += 1;
            if ws[j - 1].possessive && joins_possessive(ws, i, j) {
                continue;
            }
            if ws[j - 1].clause_end {
                break;
            }
        }
        // A trailing connector belongs to no name.
        while j > i + 1 && CONNECTORS.contains(&ws[j - 1].core) {
            j -= 1;
        }
        let sentence_start = i == 0 || ws[i - 1].sentence_end;
        // "and" joins two names unless they make one organisation's ("Securities and Exchange
        // Commission").
        let org = ORG_LAST.contains(lower(ws[j - 1].core).as_str());
        let split = (i + 1..j).find(|&k| matches!(ws[k].core, "and" | "&") && !org);
        match split {
            Some(k) => {
                let first = mention(ws, i, k, sentence_start);
                // "Sens. Bo Lind and Ada Quell": the title covers both.
                let title = first.last().and_then(|m| m.title.clone());
                out.extend(first);
                if k + 1 < j {
                    out.extend(mention(ws, k + 1, j, false).into_iter().map(|mut m| {
                        m.title = m.title.or(title.clone());
                        m
                    }));
                }
            }
            None => out.extend(mention(ws, i, j, sentence_start)),
        }
        i = j.max(i + 1);
    }
    out
}

/// Whether a possessive ends no name: "Sheriff's Department", "People's Liberation Army" are
/// one organisation's name (what follows ends like one), "Britain's Conservative Party" two.
fn joins_possessive(ws: &[Word], i: usize, j: usize) -> bool {
    let last = lower(ws[j - 1].core);
    let collective = ["people", "children", "women", "men", "veterans", "workers", "citizens"];
    if !(TITLES.contains(last.as_str()) || collective.contains(&last.as_str())) || j - i > 2 {
        return false;
    }
    let mut k = j;
    while k < ws.len() && k - j < 4 && is_cap(ws[k].core) && !is_not_name(ws[k].core) && !ws[k].opens {
        k += 1;
        if ws[k - 1].clause_end {
            break;
        }
    }
    k > j && ORG_LAST.contains(lower(ws[k - 1].core).as_str()) && !ws[k - 1].possessive
}

/// The mentions of words `i..j`: a title or a capitalised role inside the run ("US President
/// Ada Quell", "Survey Team Leader Bo Lind") is a cue for the name after it, and what stands
/// before it is a name of its own.
fn mention(ws: &[Word], i: usize, j: usize, sentence_start: bool) -> Vec<Mention> {
    let post_last = {
        let l = lower(ws[j - 1].core);
        TITLES.contains(l.as_str()) || ROLES.contains(l.as_str())
    };
    let role_at = |k: usize| {
        let l = lower(ws[k].core);
        !post_last
            && (is_title(ws[k].core) && k + 1 < j || ROLES.contains(l.as_str()) && k + 2 < j && is_cap(ws[k].core))
    };
    let mut out = Vec::new();
    let (start, title) = match (i..j).rev().find(|&k| role_at(k)) {
        Some(t) => {
            let title = lower(ws[t].core);
            // "Indian Prime Minister", "US Trade Representative": the portfolio is the post's.
            let mut t_from = t;
            while t_from > i && posts::takes_qualifier(&title) && posts::is_qualifier(&lower(ws[t_from - 1].core)) {
                t_from -= 1;
            }
            if t_from > i {
                // What stands before a title is who employs the person ("Tollan Mills CEO Ada Quell").
                out.extend(plain(ws, i, t_from, sentence_start, None).map(|mut m| {
                    m.employer = true;
                    m
                }));
            }
            (t + 1, Some(title))
        }
        None => (i, None),
    };
    // "Ebbland Ada Quell": a place run into a person's name is a name of its own.
    let body_word = |w: &Word| {
        let l = lower(w.core);
        [&ORG_LAST, &ORG_HEAD, &PLACE_LAST].iter().any(|list| list.contains(l.as_str()))
    };
    let place_words = (1..=2).rev().find(|&k| {
        j >= start + k + 2
            && !ws[start + k..j].iter().any(body_word)
            && places::contains(&ws[start..start + k].iter().map(|w| w.core).collect::<Vec<_>>().join(" "))
            && !first_names::contains(ws[start].core)
            && first_names::contains(ws[start + k].core)
    });
    let start = match place_words {
        Some(k) => {
            out.extend(plain(ws, start, start + k, sentence_start && start == i, None));
            start + k
        }
        None => start,
    };
    out.extend(plain(ws, start, j, sentence_start && start == i, title));
    out
}

fn plain(ws: &[Word], start: usize, end: usize, sentence_start: bool, title: Option<String>) -> Option<Mention> {
    // "W. County Road 600S": the compass point of an address is no part of the road's name.
    let compass = end - start >= 3 && matches!(ws[start].core, "N." | "S." | "E." | "W.") && {
        let last = ws[end - 1].core;
        last.starts_with(|c: char| c.is_ascii_digit()) || PLACE_LAST.contains(lower(last).as_str())
    };
    let mut start = start + usize::from(compass);
    // "VP of Sales", split at its title, leaves "of Sales": a connector begins no name.
    while start < end && matches!(ws[start].core, "of" | "and" | "&" | "for") {
        start += 1;
    }
    let words: Vec<String> = ws[start..end].iter().map(|w| w.core.to_owned()).collect();
    if words.is_empty() || words.iter().all(|w| !w.chars().any(char::is_alphabetic)) {
        return None;
    }
    if quoted(ws, start, end) || aside_acronym(ws, start, end) {
        return None;
    }
    let possessive = ws[end - 1].possessive;
    Some(Mention { words, start, end, sentence_start, title, employer: false, possessive })
}

/// A name wholly inside quotes (“Tollan Live”) is what something is called — an account, a
/// show, a slogan, a team's nickname — and news text names people, bodies and places bare.
fn quoted(ws: &[Word], start: usize, end: usize) -> bool {
    let opening = |c: Option<char>| matches!(c, Some('"' | '“' | '‘' | '«'));
    let closing = |c: Option<char>| matches!(c, Some('"' | '”' | '’' | '»'));
    opening(ws[start].before) && closing(ws[end - 1].after)
}

/// An acronym in brackets right after a name ("Tollan Mills (TLM)") or after "ticker:" is the
/// name's abbreviation or stock symbol, not a name of its own.
fn aside_acronym(ws: &[Word], start: usize, end: usize) -> bool {
    if end - start != 1 || !is_acronym(ws[start].core) {
        return false;
    }
    let Some(prev) = start.checked_sub(1).map(|p| &ws[p]) else {
        return false;
    };
    let bracketed = ws[start].before == Some('(') && ws[start].after == Some(')');
    bracketed && is_cap(prev.core) || matches!(lower(prev.core).as_str(), "ticker" | "symbol")
}

/// Two to six capitals or digits, dots and `&` aside ("NATO", "U.K.", "AT&T", "G7").
pub fn is_acronym(w: &str) -> bool {
    // Counted in place: every capitalised word is asked, and most are no acronym.
    let mut letters = w.chars().filter(|c| *c != '.' && *c != '&');
    let mut n = 0;
    letters.all(|c| {
        n += 1;
        c.is_ascii_uppercase() || c.is_ascii_digit()
    }) && (2..=6).contains(&n)
}

/// The names `text` mentions, in order: what the tests of the rules that shape them read.
#[cfg(test)]
pub fn names_in(text: &str) -> Vec<String> {
    mentions(&super::words::words(text)).iter().map(Mention::name).collect()
}

#[cfg(test)]
mod tests {
    use super::names_in as names;

    #[test]
    fn runs_of_capitalised_words_are_mentions() {
        assert_eq!(
            names(
                "The U.S. Securities and Exchange Commission fined Tollan Mills Inc. on Monday, said Rep. Ada Quell."
            ),
            ["U.S. Securities and Exchange Commission", "Tollan Mills Inc.", "Ada Quell"]
        );
        assert_eq!(
            names("Britain's Conservative Party met at 17th Street in Ellsby."),
            ["Britain", "Conservative Party", "17th Street", "Ellsby"]
        );
        assert_eq!(names("Both Quell and Marr agreed."), ["Quell", "Marr"]);
    }

    #[test]
    fn roads_keep_their_numbers_and_lose_compass_points() {
        assert_eq!(
            names("He lives at 3170 W. County Road 600S, near Route 9 in Ebbwick."),
            ["County Road 600S", "Route 9", "Ebbwick"]
        );
    }

    #[test]
    fn a_titles_portfolio_is_part_of_the_post() {
        assert_eq!(
            names("Ebbish Prime Minister Ada Quell met the Tollan Trade Representative Dana Lind."),
            ["Ebbish", "Ada Quell", "Tollan", "Dana Lind"]
        );
        // A company before a title keeps its name.
        assert_eq!(names("Tollan Energy CEO Ada Quell spoke."), ["Tollan Energy", "Ada Quell"]);
    }

    #[test]
    fn a_place_run_into_a_persons_name_is_split_off() {
        assert_eq!(names("The talks with Norway Ada Quell ended."), ["Norway", "Ada Quell"]);
        // A body's name ending in its word stays whole.
        assert_eq!(names("She works at the Norway Royal Infirmary."), ["Norway Royal Infirmary"]);
    }

    #[test]
    fn quoted_names_are_no_mentions() {
        assert_eq!(names("Ada Quell renamed the account “Tollan Truth Desk” on Monday."), ["Ada Quell"]);
    }

    #[test]
    fn bracketed_acronyms_after_names_and_tickers_are_no_mentions() {
        assert_eq!(
            names("Shares of Tollan Mills (TLM) fell, and Ebbwick (ticker: EBW) rose."),
            ["Shares", "Tollan Mills", "Ebbwick"]
        );
        // An acronym in brackets after lower-case words still names something.
        assert_eq!(names("The pact was signed by the regional bloc (ASEC) in May."), ["ASEC"]);
    }
}
