//! The TF-IDF vectors after an edit (`serve`): brought up to date in place, and carried over
//! to new article indices when articles moved. Kept here, beside the rest of the incremental
//! work, so that `similarity.rs` computes vectors from scratch and nothing else.

use std::collections::HashSet;

use foldhash::fast::FixedState;
use rayon::prelude::*;

use super::super::nearest::near_in;
use super::super::reorder::Reorder;
use super::super::similarity::{self, Vectors};
use crate::content::terms::Term;
use crate::content::Article;

/// What [`Vectors::update`] changed.
#[derive(Debug, Default)]
pub(super) struct VectorChanges {
    /// Articles whose vector differs (their cosines with anyone may differ).
    pub(super) vectors: HashSet<usize>,
    /// Articles whose characteristic terms differ (their candidate lists may differ).
    pub(super) top_terms: HashSet<usize>,
    /// Terms whose article lists gained or lost an article, with that article.
    pub(super) postings: Vec<(u64, usize)>,
}

impl Vectors {
    /// Brings the vectors up to date after the term signatures of some articles changed
    /// (`old`: their index and previous signature; the article order is unchanged).
    ///
    /// A term gained or lost changes its document frequency, so every article containing it
    /// gets a new vector; everything else stays as it is.
    pub(super) fn update(&mut self, articles: &[Article], old: &[(usize, &[Term])]) -> VectorChanges {
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
                let p =
                    self.postings.entry(t).or_insert_with(|| similarity::Posting { articles: Vec::new(), idf: 0.0 });
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
                    p.idf = similarity::idf(self.n, p.articles.len());
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

    /// Carries the vectors over to new article indices ([`Reorder`]): `terms` are
    /// those of every article whose index changed (the lists holding such an article).
    pub(super) fn reorder(&mut self, reorder: &Reorder, terms: impl IntoIterator<Item = u64>) {
        reorder.permute(&mut self.vectors);
        reorder.permute(&mut self.top_terms);
        let mut seen: HashSet<u64, FixedState> = HashSet::default();
        for t in terms {
            if let Some(p) = self.postings.get_mut(&t).filter(|_| seen.insert(t)) {
                reorder.carry_sorted(&mut p.articles);
            }
        }
    }

    /// The articles within `reach` places of where article `a` stands (or would stand) in the
    /// list of term `t`: the only ones whose nearest-`reach` picks from that list can change
    /// when `a` joins or leaves it.
    pub(super) fn near_in_posting(&self, t: u64, a: usize, reach: usize, out: &mut Vec<usize>) {
        if let Some(p) = self.postings.get(&t) {
            near_in(&p.articles, a, reach, out);
        }
    }
}

/// Whether two vectors are the same to the bit (a recomputed weight that rounds the same
/// way changes nothing downstream).
fn same_bits(a: &[(u64, f32)], b: &[(u64, f32)]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.0 == y.0 && x.1.to_bits() == y.1.to_bits())
}
