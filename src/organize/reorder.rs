//! Articles that changed date (`serve`): they move to another place in `Content::articles`
//! (sorted newest first), and every article between their old and new places moves by one.
//! [`Reorder`] is that permutation and what it says about lists of article indices; `memo/`
//! carries the organized structures over to the new indices with it and does again what may
//! come out differently.
//!
//! Article order itself never decides anything but ties, which the move keeps for every
//! pair but those with a moved article. Index *distances* do decide: candidates are the
//! nearest few of each list ([`super::nearest::nearest_in`], ties in
//! [`super::nearest::most_shared`]). A distance changes only between an article whose
//! index changed and one whose index did not (or changed by another amount), so the picks
//! that can change are those of the articles whose index changed and of those within reach
//! of them, or of a moved article's old place, in some list ([`Reorder::near_shifted`],
//! [`Reorder::near_gaps`]). Of the related picks within reach of a shifted article, only
//! those with one where they are decided (among the picks or next to them) are made again
//! ([`Reorder::deciding`]): a shift by one place can only tip a comparison it takes part in.

use super::nearest::{deciding_span, near_in};
use crate::content::Article;

/// How articles moved when some changed date.
pub struct Reorder {
    /// Per old index: the new index.
    pub new_of_old: Vec<usize>,
    /// New indices of the articles whose index or date changed.
    pub shifted: Vec<usize>,
    /// Per moved article: the new index of the first unmoved article after its old place
    /// (the article count when none), where it left every list it was in.
    pub gaps: Vec<usize>,
    /// New indices of the articles that changed date.
    moved: Vec<usize>,
}

/// Whether `x` comes before `y` in article order (newest first, then by key).
fn before(x: &Article, y: &Article) -> bool {
    x.date > y.date || (x.date == y.date && x.doc.key < y.doc.key)
}

impl Reorder {
    /// The permutation that took the articles from their order before the edits in `old`
    /// (new index, previous version; keys unchanged) to `articles`. `None` when no date
    /// changed.
    pub fn new(articles: &[Article], old: &[(usize, &Article)]) -> Option<Reorder> {
        let n = articles.len();
        let mut moved: Vec<(usize, &Article)> =
            old.iter().copied().filter(|&(i, before)| articles[i].date != before.date).collect();
        if moved.is_empty() {
            return None;
        }
        moved.sort_by(|a, b| match (before(a.1, b.1), before(b.1, a.1)) {
            (true, _) => std::cmp::Ordering::Less,
            (_, true) => std::cmp::Ordering::Greater,
            _ => std::cmp::Ordering::Equal,
        });
        let mut is_moved = vec![false; n];
        moved.iter().for_each(|&(i, _)| is_moved[i] = true);
        // The unmoved articles keep their order; the moved ones go back where they were.
        let mut old_order: Vec<usize> = Vec::with_capacity(n);
        let mut gaps = Vec::with_capacity(moved.len());
        let mut rest = (0..n).filter(|&i| !is_moved[i]).peekable();
        for &(m, previous) in &moved {
            while let Some(i) = rest.next_if(|&i| before(&articles[i], previous)) {
                old_order.push(i);
            }
            old_order.push(m);
            gaps.push(rest.peek().copied().unwrap_or(n));
        }
        old_order.extend(rest);
        let mut shifted: Vec<usize> =
            old_order.iter().enumerate().filter(|&(old, &new)| old != new || is_moved[new]).map(|x| *x.1).collect();
        shifted.sort_unstable();
        let mut new_of_old = vec![0; n];
        for (old, &new) in old_order.iter().enumerate() {
            new_of_old[old] = new;
        }
        let moved = moved.iter().map(|m| m.0).collect();
        Some(Reorder { new_of_old, shifted, gaps, moved })
    }

    /// The new index of the article at old index `i`.
    pub fn at(&self, i: usize) -> usize {
        self.new_of_old[i]
    }

    /// Carries a sorted list of old indices over to new indices, keeping it sorted. The
    /// articles from the first shifted one to the last only trade places among themselves
    /// and every other keeps its index, so only that part of the list changes.
    pub fn carry_sorted(&self, list: &mut [usize]) {
        let (Some(&first), Some(&last)) = (self.shifted.first(), self.shifted.last()) else { return };
        let (lo, hi) = (list.partition_point(|&x| x < first), list.partition_point(|&x| x <= last));
        let part = &mut list[lo..hi];
        part.iter_mut().for_each(|i| *i = self.at(*i));
        part.sort_unstable();
    }

    /// Puts the per-article entries of `list` (by old index) at their new indices.
    pub fn permute<T: Default>(&self, list: &mut Vec<T>) {
        let mut out: Vec<T> = (0..list.len()).map(|_| T::default()).collect();
        for (i, x) in list.drain(..).enumerate() {
            out[self.new_of_old[i]] = x;
        }
        *list = out;
    }

    /// Pushes the entries of the sorted list `list` (new indices) within `reach` places of
    /// a shifted article in it (`mark`): their picks from it may differ after the move.
    pub fn near_shifted(&self, list: &[usize], reach: usize, mark: &[bool], out: &mut Vec<usize>) {
        let (Some(&first), Some(&last)) = (self.shifted.first(), self.shifted.last()) else { return };
        let (lo, hi) = (list.partition_point(|&x| x < first), list.partition_point(|&x| x <= last));
        for pos in lo..hi {
            if mark[list[pos]] {
                out.extend(&list[pos.saturating_sub(reach)..(pos + reach + 1).min(list.len())]);
            }
        }
    }

    /// Of the entries `near` of `list` (those [`Reorder::near_shifted`] found), pushes those
    /// whose picks of the `limit` nearest from `list` may differ: the shifted ones, and the
    /// others with a shifted entry (`mark`) in their [`deciding_span`]. For any other, every
    /// entry deciding its picks kept its index, so it picks the same, and none of the
    /// articles it picks changed index. (Entries near a moved article's old place are left to
    /// [`Reorder::near_gaps`]; near an edited one joining or leaving the list, to the caller.)
    pub fn deciding(&self, list: &[usize], near: &[usize], mark: &[bool], limit: usize, out: &mut Vec<usize>) {
        let decided_by_shifted = |&a: &usize| mark[a] || deciding_span(list, a, limit).any(|p| mark[list[p]]);
        out.extend(near.iter().filter(|a| decided_by_shifted(a)));
    }

    /// Pushes the entries of `list`, one that a moved article was in, within `reach` places
    /// of a moved article's old place: they picked it from there. Moved articles count as
    /// places in between, hence the wider reach.
    pub fn near_gaps(&self, list: &[usize], reach: usize, out: &mut Vec<usize>) {
        for &g in &self.gaps {
            near_in(list, g, reach + self.gaps.len(), out);
        }
    }

    /// New indices of the articles that changed date.
    pub fn moved(&self) -> impl Iterator<Item = usize> + '_ {
        self.moved.iter().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::organize::nearest::nearest_in;

    /// One article moved from old index `from` to new index `to`, the ones between shifted
    /// by one place, as [`Reorder::new`] describes it.
    fn one_move(n: usize, from: usize, to: usize) -> Reorder {
        let new_of_old: Vec<usize> = (0..n)
            .map(|i| match i {
                _ if i == from => to,
                _ if from < to && i > from && i <= to => i - 1,
                _ if to < from && i >= to && i < from => i + 1,
                _ => i,
            })
            .collect();
        let shifted = (from.min(to)..=from.max(to)).collect();
        let gap = if from < to { from } else { from + 1 };
        Reorder { new_of_old, shifted, gaps: vec![gap], moved: vec![to] }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 1000, ..Default::default() })]

        /// An article moved from `from` to `to` among 60; `list` holds each other article
        /// when its bit is set (the moved one is never in it: near its places, `near_gaps`
        /// decides). The entries `deciding` leaves alone pick what they picked before the
        /// move, and only entries near a shifted one are decided again.
        #[test]
        fn entries_not_deciding_again_pick_as_before_the_move(
            from in 0..60usize,
            to in 0..60usize,
            members in proptest::collection::vec(proptest::bool::weighted(0.35), 60),
        ) {
            let (n, limit) = (60, 3);
            let r = one_move(n, from, to);
            let mut mark = vec![false; n];
            r.shifted.iter().for_each(|&i| mark[i] = true);
            let list: Vec<usize> = (0..n).filter(|&i| i != to && members[i]).collect();
            let mut old_of_new = vec![0; n];
            (0..n).for_each(|old| old_of_new[r.at(old)] = old);
            let old_list: Vec<usize> = list.iter().map(|&i| old_of_new[i]).collect();
            let mut again = Vec::new();
            r.deciding(&list, &list, &mark, limit, &mut again);
            for &a in list.iter().filter(|a| !again.contains(a)) {
                let (mut before, mut after) = (Vec::new(), Vec::new());
                nearest_in(&old_list, old_of_new[a], 0..n, limit, &mut before);
                nearest_in(&list, a, 0..n, limit, &mut after);
                let mut before: Vec<usize> = before.into_iter().map(|i| r.at(i)).collect();
                before.sort_unstable();
                after.sort_unstable();
                proptest::prop_assert_eq!(&before, &after, "article {} of {:?}", a, list);
                proptest::prop_assert!(after.iter().all(|&j| !mark[j]), "its picks kept their indices");
            }
            // Decided again: shifted entries and those within `limit + 1` places of one.
            let near_shifted = |p: usize| list.iter().enumerate().any(|(q, &x)| mark[x] && p.abs_diff(q) <= limit + 1);
            for (p, a) in list.iter().enumerate().filter(|(_, a)| again.contains(a)) {
                proptest::prop_assert!(near_shifted(p), "{} is decided again far from any shifted entry", a);
            }
        }
    }
}
