//! Which line before the article is its headline.
//!
//! The headline is one of the lines above the body that are not a byline, a date or a caption.
//! It shares words with the body (a section name, a menu or another article's headline
//! mostly does not), reads like a headline (a few words, no final period, no sign of
//! furniture) and stands close above the body. A logistic regression fitted with the line
//! model weighs these; the best-scoring candidate wins, and none does when even the best is
//! unlikely: an article without a headline is better than one headed by a menu line.

use std::collections::HashSet;

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

/// The headline among `candidates` (line indices, in order), if any is likely enough.
pub fn choose(c: &Context, candidates: &[usize], model: &Logistic) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (k, &i) in candidates.iter().enumerate() {
        if never_headline(&c.rows[i]) {
            continue;
        }
        let z = model.logit(&features(c, i, candidates.len() - 1 - k));
        if best.is_none_or(|(_, b)| z > b) {
            best = Some((i, z));
        }
    }
    best.filter(|&(_, z)| sigmoid(z) >= MIN_PROBABILITY).map(|(i, _)| i)
}
