//! Which line before the article is its headline.
//!
//! The headline is one of the lines above the body that are not a byline, a date or a caption.
//! It shares words with the body (a section name, a menu or another article's headline
//! mostly does not), reads like a headline (a few words, no final period, no sign of
//! furniture) and stands close above the body. A logistic regression fitted with the line
//! model weighs these; the best-scoring candidate wins, and none does when even the best is
//! unlikely: an article without a headline is better than one headed by a menu line.

use std::collections::HashSet;

use super::super::debris::word_count;
use super::decode::logit;
use super::features::{idx, Row};
use super::model::{sigmoid, Logistic};

/// The names of the headline features, in the order of the rows (kept beside the line
/// features, so the model file can be checked against both without reaching up here).
pub use super::features::HEADLINE_NAMES as NAMES;

/// A headline whose probability is below this is not taken.
const MIN_PROBABILITY: f32 = 0.05;

/// What the headline features are computed from.
pub struct Context<'a> {
    pub lines: &'a [String],
    pub rows: &'a [Row],
    pub probs: &'a [f32],
    /// Lower-cased content words of the body.
    pub body_words: &'a HashSet<String>,
    /// Where the body starts.
    pub first: usize,
    /// Lines that are bylines or dates.
    pub meta: &'a [bool],
    pub lang: super::lang::Lang,
}

/// The features of candidate `i`; `rank` is how many candidates come after it.
pub fn features(c: &Context, i: usize, rank: usize) -> [f32; NAMES.len()] {
    let row = &c.rows[i];
    let content: Vec<String> = super::super::debris::words(&c.lines[i])
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .filter(|w| !c.lang.is_stop(w))
        .collect();
    let shared = content.iter().filter(|w| c.body_words.contains(*w)).count();
    let from_row = |name: &str| row[idx_dyn(name)];
    let prev_short = i.checked_sub(1).is_some_and(|p| {
        super::super::debris::word_count(&c.lines[p]) <= 6 && !super::shapes::ends_period(&c.lines[p])
    });
    let mut out = [0f32; NAMES.len()];
    for (k, name) in NAMES.iter().enumerate() {
        out[k] = match *name {
            "overlap" => shared as f32 / content.len().max(1) as f32,
            "shared" => (shared as f32).ln_1p(),
            "logit" => logit(c.probs[i]).clamp(-6.0, 6.0),
            "dist" => (c.first.saturating_sub(i) as f32).ln_1p(),
            "rank" => (rank as f32).ln_1p(),
            "next_meta" => f32::from(u8::from(c.meta.get(i + 1).copied().unwrap_or(false))),
            "meta_after" => f32::from(u8::from(c.meta.get(i + 1..c.first).is_some_and(|m| m.contains(&true)))),
            "prev_short" => f32::from(u8::from(prev_short)),
            other => from_row(other),
        };
    }
    out
}

/// A line feature's position by name (the headline model shares some of them).
fn idx_dyn(name: &str) -> usize {
    super::features::NAMES.iter().position(|n| *n == name).unwrap_or(idx("words"))
}

/// Whether a line is furniture whatever else it looks like: a link, a copyright line, a
/// photo caption, a pointer to another article ("Read more: …"), or a template that other
/// inputs fill in differently ("4 min read", "7 min read").
pub fn never_headline(row: &Row) -> bool {
    const NEVER: [usize; 4] = [idx("url"), idx("copy"), idx("caption"), idx("ref_label")];
    NEVER.iter().any(|&k| row[k] > 0.0) || row[idx("template")] >= 2f32.ln_1p()
}

/// Whether a line starts with a word in lower case only: the rest of a sentence or the value of
/// a fact box ("home to the cup holders"), not a headline, which starts with a capital or a
/// digit in scripts that have capitals ("iPhone" has one).
fn starts_lower_case(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or_default().trim_start_matches(['"', '\'', '‘', '“', '(']);
    // "$1m", "5G": a number starts the headline, whatever follows it.
    first.chars().next().is_some_and(char::is_lowercase) && !first.chars().any(char::is_uppercase)
}

/// Whether candidate `k` is a full sentence (eight words or more, ending in a full stop) right
/// under a candidate that reads like a headline: that is the standfirst restating the headline
/// at length. Headlines are phrases; they end in a full stop rarely, and never when a shorter
/// headline-shaped line that shares words with the article stands just above them.
fn standfirst_under_headline(c: &Context, candidates: &[usize], k: usize) -> bool {
    let i = candidates[k];
    let line = c.lines[i].trim_end_matches(['"', '\'', '”', '’', ')', ' ']);
    let sentence = word_count(line) >= 8 && line.ends_with(['.', '。']) && !line.ends_with("..");
    let Some(&p) = k.checked_sub(1).map(|j| &candidates[j]) else {
        return false;
    };
    sentence && p + 1 == i && headline_shaped(c, p)
}

/// A phrase of three to twenty words without a final stop, without signs of furniture, that
/// shares words with the article.
fn headline_shaped(c: &Context, i: usize) -> bool {
    let row = &c.rows[i];
    (3..=20).contains(&word_count(&c.lines[i]))
        && !super::shapes::ends_period(&c.lines[i])
        && !never_headline(row)
        && !super::features::furniture_signs(row)
        && row[idx("overlap")] > 0.0
}

/// The headline among `candidates` (line indices, in order), if any is likely enough.
pub fn choose(c: &Context, candidates: &[usize], model: &Logistic) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    // The best of the candidates shaped like a headline: a word or two (the outlet's name, a
    // place in the menu) that the article also uses scores high on the words it shares, but a
    // headline is a phrase.
    let mut best_phrase: Option<(usize, f32)> = None;
    for (k, &i) in candidates.iter().enumerate() {
        if never_headline(&c.rows[i]) || starts_lower_case(&c.lines[i]) || standfirst_under_headline(c, candidates, k) {
            continue;
        }
        let z = model.logit(&features(c, i, candidates.len() - 1 - k));
        if best.is_none_or(|(_, b)| z > b) {
            best = Some((i, z));
        }
        let phrase = headline_shaped(c, i) && super::super::debris::words(&c.lines[i]).count() >= PHRASE_WORDS;
        if phrase && best_phrase.is_none_or(|(_, b)| z > b) {
            best_phrase = Some((i, z));
        }
    }
    let likely = |b: Option<(usize, f32)>| b.filter(|&(_, z)| sigmoid(z) >= MIN_PROBABILITY);
    let best = match (likely(best), likely(best_phrase)) {
        (Some((i, _)), Some(phrase)) if super::super::debris::words(&c.lines[i]).count() < PHRASE_WORDS => Some(phrase),
        (best, _) => best,
    };
    best.map(|(i, _)| deck_above_byline(c, candidates, i))
}

/// The fewest words of a phrase: fewer do not make a headline while a phrase is on offer.
const PHRASE_WORDS: usize = 3;

/// The headline when `i` is its deck: a standfirst without a final stop sits between the
/// headline and the byline or date, so a winner right above the byline with a line shaped like
/// a headline directly above it (itself not one of a list of such lines) is the deck, and that
/// line is the headline (`Scrape::title_block` then reads the deck as the alternative headline).
fn deck_above_byline(c: &Context, candidates: &[usize], i: usize) -> usize {
    let byline_next = c.meta.get(i + 1).copied().unwrap_or(false);
    let Some(above) = i.checked_sub(1).filter(|p| candidates.contains(p)) else {
        return i;
    };
    let listed = above.checked_sub(1).is_some_and(|q| headline_shaped(c, q));
    let usable = !never_headline(&c.rows[above])
        && !starts_lower_case(&c.lines[above])
        && !super::shapes::breadcrumb(&c.lines[above]);
    if byline_next && usable && headline_shaped(c, above) && !listed {
        above
    } else {
        i
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_full_sentence_under_the_headline_is_the_standfirst() {
        use super::super::features::{idx, NAMES};
        let lines: Vec<String> = [
            "Local News",
            "Ferry fares rise again on the Tollan crossing",
            "The ferry company has raised its fares on the Tollan crossing for the third time.",
            "Fares rise from Monday, the company said.",
        ]
        .map(str::to_owned)
        .to_vec();
        let mut rows = vec![[0f32; NAMES.len()]; lines.len()];
        rows[1][idx("overlap")] = 0.8;
        let (lang, _) = super::super::lang::Lang::read(&lines);
        let ctx = super::Context {
            lines: &lines,
            rows: &rows,
            probs: &[0.1, 0.1, 0.7, 0.9],
            body_words: &Default::default(),
            first: 3,
            meta: &[false; 4],
            lang,
        };
        let candidates = [0, 1, 2];
        assert!(super::standfirst_under_headline(&ctx, &candidates, 2));
        assert!(!super::standfirst_under_headline(&ctx, &candidates, 1));
        // Only the line right above counts: under a byline or a date (no candidate), the
        // sentence may be the headline.
        assert!(!super::standfirst_under_headline(&ctx, &[0, 2], 1));
    }

    #[test]
    fn a_sentence_headline_without_a_shorter_one_above_stays_the_headline() {
        let text = "Menu\nCouncil closes the old library for good.\n\
            The council voted on Monday to close the old library in Tollan, saying the building was no longer safe.\n\
            Readers will be able to borrow books from the school library until a new one opens next year, it said.\n\
            Leave a Reply\n";
        let d = super::super::extract(text);
        assert_eq!(d.title, "Council closes the old library for good.");
    }

    #[test]
    fn a_breadcrumb_above_the_headline_is_no_headline_over_a_deck() {
        let text = "Menu\nHome > Region > Economy\nChilli prices in Sukamaju double in a month\n\
            Friday, 5 September 2031 | 13:47\n\
            The price of red chillies at the Sukamaju market has nearly doubled since the start of August, traders said.\n\
            Farmers blame the long dry season, which ruined much of the harvest in the growing districts.\n";
        let d = super::super::extract(text);
        assert_eq!(d.title, "Chilli prices in Sukamaju double in a month");
        assert!(super::super::shapes::breadcrumb("News / Local"));
        assert!(!super::super::shapes::breadcrumb("Open 24/7 from June"));
    }

    #[test]
    fn a_line_starting_in_lower_case_is_no_headline() {
        assert!(super::starts_lower_case("home to the cup holders in the last round"));
        assert!(!super::starts_lower_case("iPhone sales slow in Tollan"));
        assert!(!super::starts_lower_case("2000 GMT"));
        assert!(!super::starts_lower_case("$1m payoff for the harbour master"));
        assert!(!super::starts_lower_case("港口起重机改用电力"));
    }
}
