//! The mentions of one name read together: grouped by name, short forms joined to the full
//! name they stand for ("Quell" to "Ada Quell", "NRA" to "National Rail Agency"), and a kind
//! decided from all their evidence.

use super::{FastMap, FastSet};

use super::kinds::{evidence, is_acronym, is_post, Evidence, ORG, PERSON, PLACE};
use super::mentions::Mention;
use super::places;
use super::words::Word;

/// One name and everything its mentions say.
#[derive(Debug, Clone)]
pub struct Entity {
    /// The fullest form the text writes.
    pub display: String,
    pub words: Vec<String>,
    /// How many mentions (0 once joined to another entity).
    pub count: usize,
    /// Mentions not at the start of a sentence.
    pub mid_sentence: usize,
    /// Index of the first mention's first word.
    pub first: usize,
    pub evidence: Evidence,
    /// A short form of it was met alone ("Quell" for "Ada Quell").
    pub joined: bool,
}

/// Groups the mentions by name (case and points ignored), in order of first mention.
pub fn group(ws: &[Word], ms: &[Mention]) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::new();
    let mut index: FastMap<String, usize> = FastMap::default();
    for m in ms {
        let name = m.name();
        let e = evidence(ws, m);
        let i = *index.entry(places::key(&name)).or_insert_with(|| {
            out.push(Entity {
                display: name.clone(),
                words: m.words.clone(),
                count: 0,
                mid_sentence: 0,
                first: m.start,
                evidence: Evidence::default(),
                joined: false,
            });
            out.len() - 1
        });
        let ent = &mut out[i];
        // A name met in capitals ("TOLLAN MILLS") and as written shows the written form.
        if shouted(&ent.words) && !shouted(&m.words) {
            ent.display = name;
            ent.words = m.words.clone();
        }
        ent.count += 1;
        ent.mid_sentence += usize::from(!m.sentence_start);
        ent.evidence += e;
    }
    out
}

/// The kind the evidence leans to before short forms are joined: `None` when it says nothing.
fn leaning(e: &Entity) -> Option<usize> {
    if e.evidence.sure_person {
        return Some(PERSON);
    }
    let (k, best) = argmax(&e.evidence.score);
    if best >= 2.0 {
        return Some(k);
    }
    // A name-shaped pair with a verb of saying beside it (or beside its surname) is a person's.
    (name_like(e) && e.evidence.score[PERSON] >= 1.0).then_some(PERSON)
}

fn argmax(s: &[f32; 3]) -> (usize, f32) {
    let mut k = 0;
    for i in 1..3 {
        if s[i] > s[k] {
            k = i;
        }
    }
    (k, s[k])
}

/// Two or three capitalised words (not acronyms, no digits): the shape of a person's name.
fn name_like(e: &Entity) -> bool {
    (2..=3).contains(&e.words.len())
        && e.words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                && !is_acronym(w)
                && w.chars().all(|c| c.is_alphabetic() || "-'’.".contains(c))
        })
}

/// Joins entity `i`'s mentions to entity `j` (their count, those inside sentences, the first)
/// and empties `i`; returns `i`'s evidence, for the caller to add or weigh.
fn absorb(entities: &mut [Entity], i: usize, j: usize) -> Evidence {
    let (count, mid, first, evidence) =
        (entities[i].count, entities[i].mid_sentence, entities[i].first, entities[i].evidence);
    let into = &mut entities[j];
    into.count += count;
    into.mid_sentence += mid;
    into.first = into.first.min(first);
    entities[i].count = 0;
    evidence
}

/// Joins a name that is a nation's adjective before another name of the text to that name:
/// "the Afghan Tollan Front" is the Tollan Front, qualified.
pub fn merge_qualified(entities: &mut [Entity]) {
    for i in 0..entities.len() {
        let ws = &entities[i].words;
        if ws.len() < 2 || entities[i].count == 0 || !super::kinds::demonym_like(&ws[0]) {
            continue;
        }
        let rest = &ws[1..];
        let Some(j) = (0..entities.len()).find(|&j| j != i && entities[j].count > 0 && entities[j].words == rest)
        else {
            continue;
        };
        let evidence = absorb(entities, i, j);
        entities[j].evidence += evidence;
    }
}

/// Splits off a last acronym that the text also writes alone: in "Tollan Sports NFL Insider Bo
/// Lind", the employer run is two names, "Tollan Sports" and the NFL.
pub fn split_trailing_acronyms(entities: &mut [Entity]) {
    for i in 0..entities.len() {
        let n = entities[i].words.len();
        if n < 3 || entities[i].count == 0 || !is_acronym(&entities[i].words[n - 1]) {
            continue;
        }
        let last = &entities[i].words[n - 1..];
        let Some(j) = (0..entities.len()).find(|&j| j != i && entities[j].count > 0 && entities[j].words == last)
        else {
            continue;
        };
        entities[j].count += entities[i].count;
        entities[j].mid_sentence += entities[i].mid_sentence;
        let e = &mut entities[i];
        e.words.truncate(n - 1);
        e.display = e.words.join(" ");
    }
}

/// Joins a plural word to the organisation whose name it begins in the singular: "the
/// Greens" are the Green Party's members, the party by another name.
pub fn merge_members(entities: &mut [Entity]) {
    for i in 0..entities.len() {
        let [w] = &entities[i].words[..] else { continue };
        let Some(stem) = w.strip_suffix('s').filter(|s| s.chars().count() >= 3) else { continue };
        if entities[i].count == 0 {
            continue;
        }
        let party = |e: &Entity| {
            e.count > 0
                && e.words.len() >= 2
                && e.words[0] == stem
                && super::cues::ORG_LAST.contains(e.words[e.words.len() - 1].to_lowercase().trim_end_matches('.'))
        };
        let Some(j) = (0..entities.len()).find(|&j| party(&entities[j])) else { continue };
        absorb(entities, i, j);
    }
}

/// Whether two people's names are written forms of one person's: the same surname, first
/// names one of which begins the other ("Pat" and "Patrick"), middle initials and "Jr."
/// aside.
pub fn same_person(a: &[String], b: &[String]) -> bool {
    let core = |n: &[String]| -> Vec<String> {
        n.iter()
            .map(|w| w.trim_end_matches('.').to_lowercase())
            .filter(|w| w.chars().count() > 1 && !matches!(w.as_str(), "jr" | "sr" | "ii" | "iii"))
            .collect()
    };
    let (a, b) = (core(a), core(b));
    if a.len() != 2 || b.len() != 2 || a[1] != b[1] {
        return false;
    }
    let (short, long) = if a[0].len() <= b[0].len() { (&a[0], &b[0]) } else { (&b[0], &a[0]) };
    short.chars().count() >= 3 && long.starts_with(short.as_str())
}

/// Joins short forms to the full name they stand for: a surname (or a first name) alone to the
/// person, the first words of an organisation's name or its initials to the organisation.
pub fn merge_short_forms(entities: &mut [Entity]) {
    let leanings: Vec<Option<usize>> = entities.iter().map(leaning).collect();
    // Taken once: joining moves counts and evidence, never a name's words or its leaning.
    let kinds: Vec<Option<usize>> = entities.iter().zip(&leanings).map(|(e, l)| kind_for_merge(e, *l)).collect();
    for i in 0..entities.len() {
        // A word met only at the start of sentences is no short form of anything.
        if entities[i].mid_sentence == 0 || entities[i].count == 0 {
            continue;
        }
        let short = entities[i].words.clone();
        let candidates: Vec<usize> = (0..entities.len())
            .filter(|&j| j != i && entities[j].count > 0 && entities[j].words.len() > short.len())
            .filter(|&j| stands_for(&short, &entities[j].words, kinds[j], entities[j].evidence.sure_person))
            .collect();
        // An ambiguous short form is joined only when all it may stand for are people (to the
        // first named: "Burton" of two Burtons).
        let all_people = candidates.iter().all(|&j| kinds[j] == Some(PERSON));
        let target = match candidates[..] {
            [j] => Some(j),
            [j, ..] if all_people => candidates.iter().copied().min_by_key(|&k| entities[k].first).or(Some(j)),
            _ => None,
        };
        if let Some(j) = target {
            let mut ev = absorb(entities, i, j);
            // A short form's own place or organisation cues do not move a person.
            if leanings[j] == Some(PERSON) {
                ev.score[PLACE] = 0.0;
                ev.score[ORG] = 0.0;
            }
            entities[j].evidence += ev;
            entities[j].joined = true;
        }
    }
}

/// The kind a full name is taken as when joining short forms: its leaning, else a person's
/// when it has a name's shape.
fn kind_for_merge(e: &Entity, leaning: Option<usize>) -> Option<usize> {
    leaning.or(name_like(e).then_some(PERSON))
}

/// Whether `short` may stand for `full`, a name of `kind`; `sure` when `full` is surely a
/// person's (a title or a role before it).
fn stands_for(short: &[String], full: &[String], kind: Option<usize>, sure: bool) -> bool {
    let eq = |a: &[String], b: &[String]| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.eq_ignore_ascii_case(y));
    let n = short.len();
    // "Carlineo" for "Patrick Carlineo Jr.".
    let suffix =
        full.last().is_some_and(|w| matches!(w.to_lowercase().trim_end_matches('.'), "jr" | "sr" | "ii" | "iii"));
    let core = if suffix && full.len() > 2 { &full[..full.len() - 1] } else { full };
    match kind {
        Some(PERSON) => {
            n < core.len() && eq(short, &core[core.len() - n..])
                || n == 1 && eq(short, &full[..1]) && super::first_names::contains(&short[0])
                // "Xi" for "President Xi Jinping": a family name written first, when no place's.
                || sure && n == 1 && core.len() == 2 && eq(short, &full[..1]) && !places::contains(&short[0])
        }
        Some(ORG) if !places::contains(&short.join(" ")) => {
            let initials: String = full
                .iter()
                .filter(|w| !matches!(w.as_str(), "of" | "and" | "for" | "the" | "&" | "de"))
                .filter_map(|w| w.chars().next())
                .collect();
            eq(short, &full[..n]) || n == 1 && short[0].replace('.', "") == initials && initials.len() >= 2
        }
        _ => false,
    }
}

/// "Canadian", "Ukrainians", "Delhiites": a word made from a place's name (one the gazetteer
/// holds) names its people or qualifies a noun; alone it is no entity, whatever is around it.
fn demonym_of_place(w: &str) -> bool {
    if places::contains(w) || !w.starts_with(char::is_uppercase) {
        return false;
    }
    ["ians", "ian", "ans", "an", "ese", "ish", "ites"].iter().any(|x| w.strip_suffix(x).is_some_and(places::has_stem))
}

/// A name leaning to a person's, checked against its shape: a run in capitals ("WILL HE
/// RUN") is a shouted heading, and a name holding the word of a body or a place ("Office of
/// Ebb Services", "Tollan House") names that body or place, titles before it
/// notwithstanding; a first name and one such word ("Ada Hall") stays a person.
fn person_or_body(e: &Entity) -> Option<usize> {
    let n = e.words.len();
    if shouted(&e.words) {
        return None;
    }
    if n == 2 && super::first_names::contains(&e.words[0]) {
        return Some(PERSON);
    }
    let has =
        |list: &super::cues::WordSet| e.words.iter().any(|w| list.contains(w.to_lowercase().trim_end_matches('.')));
    if has(&super::cues::ORG_LAST) || has(&super::cues::ORG_HEAD) {
        return Some(ORG);
    }
    Some(if has(&super::cues::PLACE_LAST) { PLACE } else { PERSON })
}

/// Two words or more in capitals, one of four letters or more ("WILL HE RUN", "TOLLAN MILLS
/// INC."): a heading or a table's row, not a name as the text writes it.
fn shouted(words: &[String]) -> bool {
    words.len() >= 2
        && !words.iter().any(|w| w.chars().any(char::is_lowercase))
        && words.iter().any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
}

/// Joins a name met only at the start of sentences whose first word the text also writes in
/// lower case to the name after that word, when the text names it elsewhere: "Comfortable
/// Tollan" opening a sentence is Tollan. A place the gazetteer holds whole ("New Ebb") and a
/// first name ("Will Quell") are kept.
pub fn merge_sentence_openers(entities: &mut [Entity], common: &FastSet<String>) {
    for i in 0..entities.len() {
        let e = &entities[i];
        let opener = e.count > 0
            && e.mid_sentence == 0
            && e.words.len() >= 2
            && common.contains(&e.words[0].to_lowercase())
            && !super::first_names::contains(&e.words[0])
            && !places::contains(&e.display);
        if !opener {
            continue;
        }
        let rest = places::key(&e.words[1..].join(" "));
        let Some(j) = (0..entities.len())
            .find(|&j| j != i && entities[j].count > 0 && places::key(&entities[j].words.join(" ")) == rest)
        else {
            continue;
        };
        // An opener has no mentions inside sentences, so none are added.
        let evidence = absorb(entities, i, j);
        entities[j].evidence += evidence;
    }
}

/// The kind of an entity, or `None` when it is no name at all (a capitalised common word, a
/// fragment, a word seen only at the start of sentences).
pub fn kind_of(e: &Entity, common: &FastSet<String>, nouns_capitalised: bool) -> Option<usize> {
    let single = e.words.len() == 1;
    // A word also written in lower case in the text is a common word capitalised.
    if single && common.contains(&e.words[0].to_lowercase()) {
        return None;
    }
    // Met only at the start of sentences: a name only with evidence of one.
    let (_, best) = argmax(&e.evidence.score);
    if e.mid_sentence == 0 && (single || best < 2.0) && !e.evidence.sure_person {
        return None;
    }
    // Adjectives of nations and parties ("Chinese", "Democratic") are no names alone.
    let adjective = super::kinds::demonym_like(&e.words[0]);
    // Plural acronyms ("NGOs") are kinds of things.
    let w = &e.words[0];
    let plural_acronym = w.len() >= 3 && w.ends_with('s') && is_acronym(&w[..w.len() - 1]);
    if single && (adjective && best < 2.0 || plural_acronym || demonym_of_place(w)) {
        return None;
    }
    if is_post(&e.words) && !e.evidence.sure_person || e.evidence.common_acronym {
        return None;
    }
    // Used as a product's or an index's name at least as often as not ("Tollan 500").
    if 2 * e.evidence.things >= e.count && !e.evidence.sure_person {
        return None;
    }
    let event = super::cues::NOT_ENTITY_LAST.contains(e.words[e.words.len() - 1].to_lowercase().as_str());
    if let Some(kind) = leaning(e) {
        if kind == PERSON {
            return person_or_body(e);
        }
        // "Tollan Music Awards", "Clean Harbour Act" (but "Ada Day" stays a person); a body
        // only ever named in capitals is a heading's or a table's ("TOLLAN MILLS INC.").
        return (!event && (kind != ORG || !shouted(&e.words))).then_some(kind);
    }
    if event {
        return None;
    }
    // A single word, capitalised inside sentences again and again, that is neither a place nor
    // a person's name: most often a company or body ("Tollan said", "shares of Tollan"). A
    // first name alone ("Gordon said") is someone's, not a body's. In a language that
    // capitalises its nouns, so is every noun ("Verkehr", "Stadt").
    let quiet = best < 1.5;
    let first_name = super::first_names::contains(&e.words[0]);
    (single
        && e.mid_sentence >= 2
        && quiet
        && !e.joined
        && !is_acronym(&e.words[0])
        && !first_name
        && !nouns_capitalised)
        .then_some(ORG)
}
