//! People, organisations and places named in an article, and a few tags.
//!
//! A capitalised-name model: runs of capitalised words (not just a sentence's first word) are
//! candidate names. They are sorted into organisations (acronyms, words like "Bank", "Party",
//! "Ministry"), places (after "in"/"at"/"from", or words like "City", "River") and people (two or
//! three name words, confirmed by a title such as "President", a verb of saying, or the surname
//! used again on its own). The site's aliases (`variant: canonical` in `site.yaml`) map variants
//! to their canonical names. Tags are the text's most frequent content words.

use std::collections::{BTreeMap, HashMap};

/// The site's known spellings: lowercased variant → canonical name.
pub struct KnownNames {
    aliases: HashMap<String, String>,
}

impl KnownNames {
    pub fn new(aliases: Option<&BTreeMap<String, String>>) -> Self {
        let aliases = aliases
            .map(|a| a.iter().map(|(variant, canonical)| (variant.to_lowercase(), canonical.clone())).collect())
            .unwrap_or_default();
        KnownNames { aliases }
    }

    fn canonical(&self, name: &str) -> String {
        self.aliases.get(&name.to_lowercase()).cloned().unwrap_or_else(|| name.to_owned())
    }
}

/// What was found.
#[derive(Debug, Default, PartialEq)]
pub struct Found {
    pub people: Vec<String>,
    pub organizations: Vec<String>,
    pub places: Vec<String>,
    pub tags: Vec<String>,
}

const ORG_WORDS: &[&str] = &[
    "inc",
    "ltd",
    "corp",
    "corporation",
    "company",
    "co",
    "plc",
    "llc",
    "group",
    "bank",
    "party",
    "council",
    "ministry",
    "department",
    "university",
    "college",
    "school",
    "association",
    "agency",
    "commission",
    "committee",
    "club",
    "united",
    "fc",
    "court",
    "office",
    "assembly",
    "parliament",
    "government",
    "institute",
    "foundation",
    "union",
    "federation",
    "police",
    "service",
    "airlines",
    "airways",
    "network",
    "society",
    "board",
    "authority",
    "house",
    "senate",
    "congress",
    "army",
    "navy",
    "league",
    "organisation",
    "organization",
    "fund",
    "trust",
    "media",
    "studios",
    "records",
    "motors",
    "systems",
    "technologies",
    "labs",
    "holdings",
    "partners",
    "times",
    "post",
    "news",
];
const PLACE_WORDS: &[&str] = &[
    "city",
    "county",
    "province",
    "state",
    "island",
    "islands",
    "river",
    "lake",
    "mountain",
    "mountains",
    "valley",
    "street",
    "square",
    "bridge",
    "park",
    "coast",
    "bay",
    "region",
    "district",
    "republic",
    "kingdom",
    "north",
    "south",
    "east",
    "west",
];
const PERSON_TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "president",
    "minister",
    "senator",
    "judge",
    "chancellor",
    "prime",
    "secretary",
    "governor",
    "mayor",
    "coach",
    "manager",
    "chief",
    "captain",
    "general",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "director",
    "chairman",
    "spokesman",
    "spokeswoman",
    "actor",
    "actress",
    "singer",
    "striker",
    "player",
    "star",
    "envoy",
    "leader",
    "boss",
];
const SAY_WORDS: &[&str] = &["said", "says", "told", "added", "explained", "argued", "wrote", "insisted", "claimed"];
const PLACE_PREPS: &[&str] = &["in", "at", "from", "to", "near", "across", "outside", "into"];
/// Capitalised words that start sentences or name days and months, not names.
/// Capitalised words that start no name: function words, weekdays, titles (months are in
/// [`super::text::MONTHS`]).
fn is_not_name(word: &str) -> bool {
    // Both lists are lowercase ASCII: no need to lowercase the word first.
    NOT_NAMES.iter().chain(super::text::MONTHS).any(|n| n.eq_ignore_ascii_case(word))
}

/// A word without surrounding punctuation and possessive `'s`.
fn clean(w: &str) -> &str {
    let t = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '’');
    // `strip_suffix` in loops rather than `trim_end_matches` with a string pattern, which sets up
    // a substring searcher on every call (this runs for every word of every article).
    let mut t = t;
    while let Some(x) = t.strip_suffix("'s") {
        t = x;
    }
    while let Some(x) = t.strip_suffix("’s") {
        t = x;
    }
    t.trim_matches(['\'', '’'])
}

const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "but",
    "or",
    "if",
    "in",
    "on",
    "at",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "this",
    "that",
    "these",
    "those",
    "there",
    "his",
    "her",
    "their",
    "our",
    "as",
    "for",
    "after",
    "before",
    "when",
    "while",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mr",
    "mrs",
    "ms",
    "dr",
    "by",
    "with",
    "from",
    "to",
    "of",
    "so",
    "yet",
    "not",
    "no",
    "yes",
    "what",
    "who",
    "how",
    "why",
    "where",
    "during",
    "despite",
    "although",
    "however",
    "meanwhile",
    "since",
    "until",
    "under",
    "over",
    "among",
    "according",
    "about",
    "also",
    "then",
    "now",
    "later",
    "earlier",
    "last",
    "next",
    "once",
    "because",
    "though",
    "without",
];

fn is_cap(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(|c| c.is_uppercase()) && w.chars().any(|c| c.is_alphabetic())
}

fn is_acronym(w: &str) -> bool {
    w.len() >= 2 && w.len() <= 6 && w.chars().all(|c| c.is_ascii_uppercase())
}

/// Finds people, organisations, places and tags in a headline and text.
pub fn find(title: &str, text: &str, names: &KnownNames) -> Found {
    let mut counts: HashMap<(u8, String), usize> = HashMap::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    // How often each word stands between two spaces (a surname used again on its own): counted
    // once per text, not searched for again for every candidate name.
    let mut spaced: HashMap<&str, usize> = HashMap::new();
    let pieces: Vec<&str> = text.split(' ').collect();
    for p in pieces.iter().take(pieces.len().saturating_sub(1)).skip(1) {
        *spaced.entry(p).or_default() += 1;
    }
    let mut i = 0;
    while i < words.len() {
        let w = clean(words[i]);
        if !is_cap(w) || is_not_name(w) {
            i += 1;
            continue;
        }
        // A run of capitalised words (allowing "of"/"de"/"van" inside), ended by punctuation.
        let mut run = vec![w];
        let mut j = i + 1;
        let mut ends_punct = words[i].ends_with([',', '.', ';', ':', '!', '?', ')', '"', '”']);
        while j < words.len() && !ends_punct && run.len() < 5 {
            let n = clean(words[j]);
            let connector = ["of", "de", "van", "von", "der", "al", "bin", "la", "le"].contains(&n);
            if is_cap(n) && !is_not_name(n) || connector && words.get(j + 1).is_some_and(|x| is_cap(clean(x))) {
                run.push(n);
                ends_punct = words[j].ends_with([',', '.', ';', ':', '!', '?', ')', '"', '”']);
                j += 1;
            } else {
                break;
            }
        }
        let sentence_start = i == 0 || words[i - 1].ends_with(['.', '!', '?', '"', '”', ':']);
        let mut prev = if i > 0 { clean(words[i - 1]).to_lowercase() } else { String::new() };
        // "President Ada Quell": the title is a clue, not part of the name.
        if let Some(t) = run.iter().rposition(|x| PERSON_TITLES.contains(&x.to_lowercase().as_str())) {
            if t + 1 < run.len() {
                prev = run[t].to_lowercase();
                run.drain(..=t);
            }
        }
        let next = words.get(j).map(|x| clean(x).to_lowercase()).unwrap_or_default();
        let name = run.join(" ");
        let last = run.last().map(|x| x.to_lowercase()).unwrap_or_default();
        let kind = if run.iter().all(|x| is_acronym(x)) || ORG_WORDS.contains(&last.as_str()) {
            Some(1) // organisation
        } else if PLACE_WORDS.contains(&last.as_str()) || PLACE_PREPS.contains(&prev.as_str()) && run.len() <= 2 {
            Some(2) // place
        } else if (2..=3).contains(&run.len())
            && run.iter().all(|x| !is_acronym(x))
            && (PERSON_TITLES.contains(&prev.as_str())
                || SAY_WORDS.contains(&prev.as_str())
                || SAY_WORDS.contains(&next.as_str())
                || spaced.get(run[run.len() - 1]).is_some_and(|&n| n >= 2))
        {
            Some(0) // person
        } else {
            None
        };
        if let Some(k) = kind {
            if !(sentence_start && run.len() == 1) {
                *counts.entry((k, names.canonical(&name))).or_default() += 1;
            }
        }
        i = j.max(i + 1);
    }
    let _ = title;
    let pick = |k: u8| {
        let mut v: Vec<(&String, usize)> =
            counts.iter().filter(|((kk, _), _)| *kk == k).map(|((_, n), c)| (n, *c)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v.into_iter().take(8).map(|(n, _)| n.clone()).collect::<Vec<_>>()
    };
    let people = pick(0);
    let organizations: Vec<String> = pick(1).into_iter().filter(|o| !people.contains(o)).collect();
    let places: Vec<String> =
        pick(2).into_iter().filter(|p| !people.contains(p) && !organizations.contains(p)).collect();
    // Tags: frequent content words that are not part of a name.
    let mut freq: HashMap<String, usize> = HashMap::new();
    super::topics::for_each_token(text, |t| {
        if t.len() >= 4 && t.chars().all(|c| c.is_alphabetic()) {
            match freq.get_mut(t) {
                Some(n) => *n += 1,
                None => {
                    freq.insert(t.to_owned(), 1);
                }
            }
        }
    });
    let lower_names: Vec<String> =
        people.iter().chain(&organizations).chain(&places).map(|n| n.to_lowercase()).collect();
    let mut tags: Vec<(String, usize)> =
        freq.into_iter().filter(|(t, c)| *c >= 3 && !lower_names.iter().any(|n| n.contains(t.as_str()))).collect();
    tags.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Found { people, organizations, places, tags: tags.into_iter().take(3).map(|(t, _)| t).collect() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_people_organisations_and_places() {
        let text = "The Harbour Authority met on Monday in Portvale. Minister Ada Quell said the plan was sound. \
                    Quell added that the NRA would review it. Workers in Portvale welcomed the harbour plan, \
                    and the board backed the budget, a bigger budget than the last budget.";
        let mut aliases = BTreeMap::new();
        aliases.insert("NRA".to_owned(), "National Rail Agency".to_owned());
        let f = find("t", text, &KnownNames::new(Some(&aliases)));
        assert_eq!(f.people, ["Ada Quell"]);
        assert!(f.organizations.contains(&"Harbour Authority".to_owned()), "{f:?}");
        assert!(f.organizations.contains(&"National Rail Agency".to_owned()), "{f:?}");
        assert_eq!(f.places, ["Portvale"]);
        // Words of names are not tags.
        assert_eq!(f.tags, ["budget"]);
    }
}
