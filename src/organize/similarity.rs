//! TF-IDF vectors over the articles' term signatures, with an inverted index so that
//! similar articles are found without comparing all pairs.
//!
//! Terms are keyed by their stable id (a hash of the word), never by a number given in
//! article order: an article's edit then changes only the entries of the terms it gained or
//! lost, which is what lets `serve` update the vectors in place ([`Vectors::update`]).

use std::collections::{HashMap, HashSet};

use foldhash::fast::FixedState;
use rayon::prelude::*;

use super::reorder::Reorder;
use crate::content::terms::Term;
use crate::content::Article;

/// The articles containing one term, and the term's inverse document frequency.
struct Posting {
    /// In article order (newest first).
    articles: Vec<usize>,
    idf: f32,
}

pub struct Vectors {
    /// Per article: (term id, weight), sorted by term id, L2-normalised.
    vectors: Vec<Vec<(u64, f32)>>,
    /// Per article: its most characteristic terms (highest weight first).
    top_terms: Vec<Vec<u64>>,
    postings: HashMap<u64, Posting, FixedState>,
    /// Number of articles (at least 1), as the IDF formula uses it.
    n: f32,
}

/// How many of an article's terms are used to look for candidates.
const TOP_TERMS: usize = 10;

/// What [`Vectors::update`] changed.
#[derive(Debug, Default)]
pub struct VectorChanges {
    /// Articles whose vector differs (their cosines with anyone may differ).
    pub vectors: HashSet<usize>,
    /// Articles whose characteristic terms differ (their candidate lists may differ).
    pub top_terms: HashSet<usize>,
    /// Terms whose article lists gained or lost an article, with that article.
    pub postings: Vec<(u64, usize)>,
}

impl Vectors {
    pub fn build(articles: &[Article]) -> Vectors {
        let mut postings: HashMap<u64, Posting, FixedState> = HashMap::default();
        for (a, article) in articles.iter().enumerate() {
            for &(id, _) in &article.doc.terms {
                postings.entry(id).or_insert_with(|| Posting { articles: Vec::new(), idf: 0.0 }).articles.push(a);
            }
        }
        let n = articles.len().max(1) as f32;
        for p in postings.values_mut() {
            p.idf = idf(n, p.articles.len());
        }
        let mut v = Vectors { vectors: Vec::new(), top_terms: Vec::new(), postings, n };
        let (vectors, top_terms) = articles.par_iter().map(|a| v.weigh(&a.doc.terms)).unzip();
        v.vectors = vectors;
        v.top_terms = top_terms;
        v
    }

    /// The normalised vector and the characteristic terms of one signature.
    fn weigh(&self, terms: &[Term]) -> (Vec<(u64, f32)>, Vec<u64>) {
        let mut weighted: Vec<(u64, f32)> =
            terms.iter().map(|&(t, c)| (t, (1.0 + (c as f32).ln()) * self.postings[&t].idf)).collect();
        weighted.sort_unstable_by_key(|x| x.0);
        let norm = weighted.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(f32::EPSILON);
        weighted.iter_mut().for_each(|x| x.1 /= norm);
        let mut by_weight: Vec<(u64, f32)> =
            weighted.iter().copied().filter(|&(t, _)| self.postings[&t].articles.len() > 1).collect();
        by_weight.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        (weighted, by_weight.iter().take(TOP_TERMS).map(|x| x.0).collect())
    }

    /// Brings the vectors up to date after the term signatures of some articles changed
    /// (`old`: their index and previous signature; the article order is unchanged).
    ///
    /// A term gained or lost changes its document frequency, so every article containing it
    /// gets a new vector; everything else stays as it is.
    pub fn update(&mut self, articles: &[Article], old: &[(usize, &[Term])]) -> VectorChanges {
        let mut changes = VectorChanges::default();
        let mut redo: HashSet<usize> = HashSet::new();
        let mut touched: HashSet<u64> = HashSet::new();
        for &(i, before) in old {
            redo.insert(i);
            let after = &articles[i].doc.terms;
            let had: HashSet<u64> = before.iter().map(|t| t.0).collect();
            let has: HashSet<u64> = after.iter().map(|t| t.0).collect();
            for &t in had.difference(&has) {
                if let Some(p) = self.postings.get_mut(&t) {
                    if let Ok(pos) = p.articles.binary_search(&i) {
                        p.articles.remove(pos);
                    }
                }
                changes.postings.push((t, i));
                touched.insert(t);
            }
            for &t in has.difference(&had) {
                let p = self.postings.entry(t).or_insert_with(|| Posting { articles: Vec::new(), idf: 0.0 });
                if let Err(pos) = p.articles.binary_search(&i) {
                    p.articles.insert(pos, i);
                }
                changes.postings.push((t, i));
                touched.insert(t);
            }
        }
        for t in &touched {
            match self.postings.get_mut(t) {
                Some(p) if p.articles.is_empty() => {
                    self.postings.remove(t);
                }
                Some(p) => {
                    p.idf = idf(self.n, p.articles.len());
                    redo.extend(&p.articles);
                }
                None => {}
            }
        }
        let mut redo: Vec<usize> = redo.into_iter().collect();
        redo.sort_unstable();
        let fresh: Vec<_> = redo.par_iter().map(|&i| self.weigh(&articles[i].doc.terms)).collect();
        for (i, (vector, top)) in redo.into_iter().zip(fresh) {
            if !same_bits(&vector, &self.vectors[i]) {
                changes.vectors.insert(i);
                self.vectors[i] = vector;
            }
            if top != self.top_terms[i] {
                changes.top_terms.insert(i);
                self.top_terms[i] = top;
            }
        }
        changes
    }

    /// Carries the vectors over to new article indices ([`super::reorder`]): `terms` are
    /// those of every article whose index changed (the lists holding such an article).
    pub fn reorder(&mut self, reorder: &Reorder, terms: impl IntoIterator<Item = u64>) {
        reorder.permute(&mut self.vectors);
        reorder.permute(&mut self.top_terms);
        let mut seen: HashSet<u64, FixedState> = HashSet::default();
        for t in terms {
            if let Some(p) = self.postings.get_mut(&t).filter(|_| seen.insert(t)) {
                reorder.carry_sorted(&mut p.articles);
            }
        }
    }

    /// The articles of term `t`, in article order.
    pub fn posting(&self, t: u64) -> &[usize] {
        self.postings.get(&t).map_or(&[], |p| &p.articles)
    }

    /// The articles within `reach` places of where article `a` stands (or would stand) in the
    /// list of term `t`: the only ones whose nearest-`reach` picks from that list can change
    /// when `a` joins or leaves it.
    pub fn near_in_posting(&self, t: u64, a: usize, reach: usize, out: &mut Vec<usize>) {
        if let Some(p) = self.postings.get(&t) {
            near_in(&p.articles, a, reach, out);
        }
    }

    pub fn top_terms(&self, a: usize) -> &[u64] {
        &self.top_terms[a]
    }

    /// Cosine similarity of two articles' vectors.
    pub fn cosine(&self, a: usize, b: usize) -> f32 {
        let (x, y) = (&self.vectors[a], &self.vectors[b]);
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        while i < x.len() && j < y.len() {
            match x[i].0.cmp(&y[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += x[i].1 * y[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }

    /// Articles sharing one of `a`'s characteristic terms whose index lies in `range`
    /// (articles are sorted by date, so an index range is a date window), at most `per_term`
    /// per term, nearest to `a` first.
    pub fn candidates(&self, a: usize, range: std::ops::Range<usize>, per_term: usize, out: &mut Vec<usize>) {
        for t in &self.top_terms[a] {
            if let Some(p) = self.postings.get(t) {
                nearest_in(&p.articles, a, range.clone(), per_term, out);
            }
        }
    }
}

fn idf(n: f32, df: usize) -> f32 {
    (n / df as f32).ln() + 1.0
}

fn same_bits(a: &[(u64, f32)], b: &[(u64, f32)]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.0 == y.0 && x.1.to_bits() == y.1.to_bits())
}

/// Pushes up to `limit` entries of the sorted list `list` that lie in `range`, nearest to `a`.
pub fn nearest_in(list: &[usize], a: usize, range: std::ops::Range<usize>, limit: usize, out: &mut Vec<usize>) {
    // Related articles look through whole lists: no need to search for the range's ends.
    let whole = list.first().is_none_or(|&x| x >= range.start) && list.last().is_none_or(|&x| x < range.end);
    let window = match whole {
        true => list,
        false => &list[list.partition_point(|&x| x < range.start)..list.partition_point(|&x| x < range.end)],
    };
    pick_nearest(window, a, limit, |x| out.push(x));
}

/// The places of the sorted list `list` that decide what [`nearest_in`] picks for `a` over
/// the whole list: the picks, `a` itself, and the next entry on each side (farther entries
/// on a side are farther from `a` than that one, under any indices in the same order).
pub fn deciding_span(list: &[usize], a: usize, limit: usize) -> std::ops::Range<usize> {
    let (left, right) = pick_nearest(list, a, limit, |_| {});
    left.saturating_sub(1)..(right + 1).min(list.len())
}

/// Gives `pick` up to `limit` entries of `window` but `a`, nearest to `a` first (ties: the
/// larger index). Returns the places taken, `left..right` (with `a`'s).
fn pick_nearest(window: &[usize], a: usize, limit: usize, mut pick: impl FnMut(usize)) -> (usize, usize) {
    let mid = window.partition_point(|&x| x < a);
    let (mut left, mut right) = (mid, mid);
    let mut taken = 0;
    while taken < limit && (left > 0 || right < window.len()) {
        let take_right =
            right < window.len() && (left == 0 || window[right].abs_diff(a) <= window[left - 1].abs_diff(a));
        let x = if take_right {
            right += 1;
            window[right - 1]
        } else {
            left -= 1;
            window[left]
        };
        if x != a {
            pick(x);
            taken += 1;
        }
    }
    (left, right)
}

/// Pushes the entries of the sorted list `list` within `reach` places of where `a` stands or
/// would stand. [`nearest_in`] picks a run of places around its article, so when `a` joins or
/// leaves a list, only these entries can pick differently from it.
pub fn near_in(list: &[usize], a: usize, reach: usize, out: &mut Vec<usize>) {
    let at = list.partition_point(|&x| x < a);
    out.extend(&list[at.saturating_sub(reach)..(at + reach + 1).min(list.len())]);
}

/// The `keep` candidates that appear in the most lists (ties: nearest in time to `i`).
pub fn most_shared(mut found: Vec<usize>, i: usize, keep: usize) -> Vec<usize> {
    found.sort_unstable();
    let mut counted: Vec<(usize, usize)> = Vec::with_capacity(found.len());
    for j in found {
        match counted.last_mut() {
            Some((last, n)) if *last == j => *n += 1,
            _ => counted.push((j, 1)),
        }
    }
    if counted.len() > keep {
        counted.select_nth_unstable_by(keep, |a, b| {
            b.1.cmp(&a.1).then(a.0.abs_diff(i).cmp(&b.0.abs_diff(i))).then(a.0.cmp(&b.0))
        });
        counted.truncate(keep);
    }
    counted.into_iter().map(|(j, _)| j).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_in_prefers_close_indices_within_range() {
        let mut out = Vec::new();
        nearest_in(&[1, 3, 5, 7, 9, 11], 6, 2..10, 3, &mut out);
        assert_eq!(out, vec![7, 5, 9]);
    }

    #[test]
    fn nearest_in_over_a_whole_list_picks_as_over_a_range() {
        let (mut whole, mut ranged) = (Vec::new(), Vec::new());
        nearest_in(&[1, 3, 5, 7, 9, 11], 6, 0..12, 4, &mut whole);
        nearest_in(&[1, 3, 5, 7, 9, 11], 6, 2..12, 4, &mut ranged);
        assert_eq!(whole, vec![7, 5, 9, 3]);
        assert_eq!(ranged, whole);
    }

    #[test]
    fn the_deciding_span_holds_the_picks_and_one_more_on_each_side() {
        let list = [1, 3, 5, 6, 7, 9, 11, 20];
        let mut picks = Vec::new();
        nearest_in(&list, 6, 0..30, 3, &mut picks);
        assert_eq!(picks, vec![7, 5, 9]);
        // 5, 6 (itself), 7, 9 and the next on each side: 3 and 11.
        assert_eq!(deciding_span(&list, 6, 3), 1..7);
        assert_eq!(deciding_span(&list, 1, 2), 0..4);
        assert_eq!(deciding_span(&list, 20, 1), 5..8);
    }

    #[test]
    fn near_in_covers_the_places_around_an_entry() {
        let mut out = Vec::new();
        near_in(&[1, 3, 5, 7, 9, 11], 6, 1, &mut out);
        assert_eq!(out, vec![5, 7, 9]);
    }
}
