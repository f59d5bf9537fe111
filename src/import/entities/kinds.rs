//! What one mention's own words and neighbours say about its kind: a score for person,
//! organisation and place. The cues are general (titles, roles, suffixes, prepositions, the
//! gazetteer of countries and large cities), never names from a corpus.

use super::cues::WordSet;
use super::cues::{
    NOT_ORG_ACRONYMS, ORG_AFTER_ROLE, ORG_HEAD, ORG_LAST, ORG_NEXT, ORG_PREV, PLACE_LAST, PLACE_NEXT, PLACE_PREPS,
    ROLES, SAY, TITLES,
};
pub use super::mentions::is_acronym;
use super::mentions::Mention;
use super::words::{is_cap, lower, Word};
use super::{first_names, places};

pub const PERSON: usize = 0;
pub const ORG: usize = 1;
pub const PLACE: usize = 2;

/// A mention's evidence: a score per kind, and whether a title, role or age makes it a person
/// beyond doubt (then the name stays a person wherever else it appears).
#[derive(Debug, Default, Clone, Copy)]
pub struct Evidence {
    pub score: [f32; 3],
    pub sure_person: bool,
    /// An acronym the text spells out in lower case ("hypersensitivity pneumonitis, or HP").
    pub common_acronym: bool,
    /// Mentions used as the name of a thing: before a model number ("Tollan 500") or a product
    /// noun ("the Tollan browser").
    pub things: usize,
}

impl std::ops::AddAssign for Evidence {
    fn add_assign(&mut self, o: Evidence) {
        for k in 0..3 {
            self.score[k] += o.score[k];
        }
        self.sure_person |= o.sure_person;
        self.common_acronym |= o.common_acronym;
        self.things += o.things;
    }
}

/// The lower-case neighbour words of a mention, when nothing but a space separates them.
struct Around {
    prev: Option<String>,
    prev2: Option<String>,
    next: Option<String>,
}

fn around(ws: &[Word], m: &Mention) -> Around {
    let adjacent_before = |k: usize| (!ws[k].clause_end).then(|| lower(ws[k].core));
    let prev = m.start.checked_sub(1).and_then(adjacent_before);
    let prev2 = m.start.checked_sub(2).filter(|_| prev.is_some()).and_then(adjacent_before);
    let next = (!ws[m.end - 1].clause_end).then(|| ws.get(m.end).map(|w| lower(w.core))).flatten();
    Around { prev, prev2, next }
}

/// The evidence of one mention.
pub fn evidence(ws: &[Word], m: &Mention) -> Evidence {
    let mut e = Evidence::default();
    let a = around(ws, m);
    person_cues(ws, m, &a, &mut e);
    org_cues(m, &a, &mut e);
    place_cues(ws, m, &a, &mut e);
    e.things = usize::from(thing(ws, m, &a));
    e.common_acronym = m.words.len() == 1 && is_acronym(&m.words[0]) && spelt_out(ws, m.start, &m.words[0]);
    e
}

/// Whether the lower-case words just before `at` have the acronym's initials.
fn spelt_out(ws: &[Word], at: usize, acronym: &str) -> bool {
    let letters: Vec<char> =
        acronym.chars().filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_lowercase()).collect();
    let before: Vec<&str> = ws[at.saturating_sub(8)..at]
        .iter()
        .map(|w| w.core)
        .filter(|w| !matches!(*w, "or" | "and" | "the" | "a" | "of"))
        .collect();
    before.len() >= letters.len()
        && before[before.len() - letters.len()..]
            .iter()
            .zip(&letters)
            .all(|(w, c)| w.starts_with(char::is_lowercase) && w.starts_with(*c))
}

fn person_cues(ws: &[Word], m: &Mention, a: &Around, e: &mut Evidence) {
    let is = |w: &Option<String>, list: &WordSet| w.as_deref().is_some_and(|w| list.contains(w));
    let n = m.words.len();
    if m.title.is_some() || a.prev.as_deref().is_some_and(super::cues::is_title_word) && n >= 2 {
        e.score[PERSON] += 4.0;
        e.sure_person = true;
    }
    if is(&a.prev, &ROLES) && ws[m.start - 1].core.starts_with(char::is_lowercase) {
        // One word after a role may be a company's name ("investor Tollan").
        e.score[PERSON] += if n >= 2 { 3.0 } else { 2.0 };
        e.sure_person |= n >= 2;
    }
    // "Ana Lima, 32," and "Ana Lima, a pulmonologist at …".
    if ws[m.end - 1].comma {
        let after: Vec<String> = ws[m.end..].iter().take(3).map(|w| lower(w.core)).collect();
        let age = after.first().is_some_and(|w| w.len() <= 3 && w.chars().all(|c| c.is_ascii_digit()))
            && ws.get(m.end).is_some_and(|w| w.clause_end);
        let role = after.iter().take(3).any(|w| ROLES.contains(w.as_str()))
            && after
                .first()
                .is_some_and(|w| matches!(w.as_str(), "a" | "an" | "the" | "who") || ROLES.contains(w.as_str()));
        if age || role && n >= 2 {
            e.score[PERSON] += 3.0;
            e.sure_person = true;
        }
    }
    // "the association's president, Ana Lima" and "el presidente de la asociación, Ana Lima":
    // a role a few words before the comma that opens the name.
    let apposed = m.start >= 2
        && ws[m.start - 1].comma
        && ws[m.start.saturating_sub(5)..m.start].iter().any(|w| ROLES.contains(lower(w.core).as_str()));
    if apposed && n >= 2 {
        e.score[PERSON] += 3.0;
    }
    if is(&a.prev, &SAY) || is(&a.next, &SAY) {
        e.score[PERSON] += 1.0;
    }
    if n >= 2 && first_names::contains(&m.words[0]) {
        e.score[PERSON] += 2.5;
    }
    let initial = |w: &String| w.chars().count() == 2 && w.ends_with('.') && w.starts_with(char::is_uppercase);
    if n >= 2 && m.words[..n - 1].iter().any(initial) {
        e.score[PERSON] += 2.0;
    }
    let last = lower(&m.words[n - 1]);
    if n >= 2 && matches!(last.as_str(), "jr" | "sr" | "ii" | "iii") {
        e.score[PERSON] += 3.0;
        e.sure_person = true;
    }
}

fn org_cues(m: &Mention, a: &Around, e: &mut Evidence) {
    let is = |w: &Option<String>, list: &WordSet| w.as_deref().is_some_and(|w| list.contains(w));
    let n = m.words.len();
    let last = lower(&m.words[n - 1]);
    // "Post-Gazette": the last part of a hyphenated word.
    let last = last.rsplit('-').next().unwrap_or(&last).to_owned();
    if ORG_LAST.contains(last.as_str()) && (n >= 2 || is_acronym(&m.words[0])) {
        e.score[ORG] += 3.0;
    } else if n >= 2 && m.words.iter().any(|w| ORG_HEAD.contains(lower(w).as_str())) {
        e.score[ORG] += 2.0;
    }
    let acronym = n == 1 && is_acronym(&m.words[0]) && !places::contains(&m.words[0]);
    if acronym && !NOT_ORG_ACRONYMS.contains(lower(&m.words[0]).replace('.', "").as_str()) {
        e.score[ORG] += 2.0;
    }
    if is(&a.next, &ORG_NEXT) {
        e.score[ORG] += 2.0;
    }
    if is(&a.prev, &ORG_PREV) {
        e.score[ORG] += 2.5;
    }
    // "Tollan Mills CEO …" (not "Russian President …" nor "US President …": a nation's).
    if m.employer && !(n == 1 && demonym_like(&m.words[0])) && !places::contains(&m.name()) {
        e.score[ORG] += 2.0;
    }
    // "analyst at Tollan Capital", "chief executive of Tollan Mills", "analysts at …".
    let singular = a.prev2.as_deref().map(|w| w.strip_suffix('s').unwrap_or(w).to_owned());
    let works = a.prev2.as_deref().is_some_and(|w| matches!(w, "works" | "worked" | "working" | "work"));
    // Not "commander of Tollan district": a place noun after the name says where the post is.
    let role = is(&a.prev2, &ROLES) || is(&singular, &ROLES) || is(&a.prev2, &TITLES) || works;
    if is(&a.prev, &ORG_AFTER_ROLE) && role && !is(&a.next, &PLACE_NEXT) {
        e.score[ORG] += 2.5;
    }
    if news_source(m, a) {
        e.score[ORG] += 2.0;
    }
}

/// One word named as where news came from or appeared ("according to Tollan", "told Tollan",
/// "Ebb reported", "posted on Ebb"): an outlet, agency or platform when it is no first name and
/// no place. A surname alone said so is joined to its person before kinds are weighed.
fn news_source(m: &Mention, a: &Around) -> bool {
    let one_word = m.words.len() == 1 && !first_names::contains(&m.words[0]) && !places::contains(&m.words[0]);
    let according = a.prev.as_deref() == Some("to") && a.prev2.as_deref() == Some("according");
    let told = a.prev.as_deref() == Some("told");
    let reported = matches!(a.next.as_deref(), Some("reported" | "reports"));
    let posted = a.prev.as_deref() == Some("on")
        && matches!(a.prev2.as_deref(), Some("posted" | "published" | "wrote" | "shared" | "tweeted"));
    one_word && (according || told || reported || posted)
}

/// Nouns of made things, right after a name used as a product's ("the Tollan browser").
const PRODUCT_NEXT: &[&str] = &[
    "browser",
    "app",
    "apps",
    "console",
    "smartphone",
    "headset",
    "tablet",
    "laptop",
    "update",
    "version",
    "edition",
    "album",
    "song",
    "film",
    "movie",
    "episode",
    "vaccine",
];

/// A mention used as a product's or an index's name: a number or a product noun right after it
/// ("Tollan 500", "Ebb browser"). Streets and roads take numbers too ("Quay Road 12").
fn thing(ws: &[Word], m: &Mention, a: &Around) -> bool {
    let last = lower(&m.words[m.words.len() - 1]);
    // Not an age ("Bo Lind 31, of …") nor an address ("Tollan Post 1625 Quay Street").
    let numbered = !ws[m.end - 1].clause_end
        && ws.get(m.end).is_some_and(|w| !w.core.is_empty() && w.core.chars().all(|c| c.is_ascii_digit()) && !w.comma)
        && !ws.get(m.end + 1).is_some_and(|w| is_cap(w.core));
    let product = a.next.as_deref().is_some_and(|w| PRODUCT_NEXT.contains(&w));
    (numbered || product) && !PLACE_LAST.contains(last.as_str())
}

fn place_cues(ws: &[Word], m: &Mention, a: &Around, e: &mut Evidence) {
    let is = |w: &Option<String>, list: &WordSet| w.as_deref().is_some_and(|w| list.contains(w));
    let n = m.words.len();
    let name = m.name();
    let last = lower(&m.words[n - 1]);
    if places::contains(&name) {
        e.score[PLACE] += if m.sentence_start { 1.5 } else { 2.5 };
    }
    let numbered_road = n >= 2
        && last.starts_with(|c: char| c.is_ascii_digit())
        && super::mentions::ROADS.contains(&lower(&m.words[n - 2]).as_str());
    if n >= 2 && PLACE_LAST.contains(last.as_str()) || numbered_road {
        e.score[PLACE] += 3.0;
    }
    // "to Tollan's offices": the place is the offices.
    if is(&a.prev, &PLACE_PREPS) && n <= 3 && !m.possessive {
        e.score[PLACE] += 1.0;
    }
    if is(&a.next, &PLACE_NEXT) || last.ends_with("-based") {
        e.score[PLACE] += 2.0;
    }
    // "Ana Lima, 32, of Tollan": where someone lives; "the Ebb area of Tollan".
    let after_age = a.prev.as_deref() == Some("of")
        && m.start >= 2
        && ws[m.start - 2].comma
        && ws[m.start - 2].core.chars().all(|c| c.is_ascii_digit());
    if after_age || a.prev.as_deref() == Some("of") && is(&a.prev2, &PLACE_NEXT) {
        e.score[PLACE] += 2.5;
    }
}

/// A run that ends in a job title ("Advocacy Director", "County Sheriff") names a post, not
/// someone or something.
pub fn is_post(words: &[String]) -> bool {
    let last = lower(&words[words.len() - 1]);
    // "Eighth St.", "Jolinda Dr.": the abbreviation of a street, not of Saint or Doctor.
    let street = words.len() >= 2 && PLACE_LAST.contains(last.as_str());
    (TITLES.contains(last.as_str()) || ROLES.contains(last.as_str())) && !street
}

/// Shaped like an adjective or noun of a nation or party ("Chinese", "Democratic", "Russians").
pub fn demonym_like(w: &str) -> bool {
    ["ic", "an", "ans", "ese", "ish"].iter().any(|x| w.ends_with(x))
}
