//! Articles that changed date (`serve`): they move to another place in `Content::articles`
//! (sorted newest first), and every article between their old and new places moves by one.
//! [`Reorder`] is that permutation; the organized structures are carried over to the new
//! indices with it, and what may come out differently is done again.
//!
//! Article order itself never decides anything but ties, which the move keeps for every
//! pair but those with a moved article. Index *distances* do decide: candidates are the
//! nearest few of each list ([`super::similarity::nearest_in`], ties in
//! [`super::similarity::most_shared`]). A distance changes only between an article whose
//! index changed and one whose index did not (or changed by another amount), so the picks
//! that can change are those of the articles whose index changed and of those within reach
//! of them, or of a moved article's old place, in some list ([`Reorder::near`]).

use super::entities::Entities;
use super::memo::Clustered;
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

    /// Pushes the entries of `list`, one that a moved article was in, within `reach` places
    /// of a moved article's old place: they picked it from there. Moved articles count as
    /// places in between, hence the wider reach.
    pub fn near_gaps(&self, list: &[usize], reach: usize, out: &mut Vec<usize>) {
        for &g in &self.gaps {
            super::similarity::near_in(list, g, reach + self.gaps.len(), out);
        }
    }

    /// New indices of the articles that changed date.
    pub fn moved(&self) -> impl Iterator<Item = usize> + '_ {
        self.moved.iter().copied()
    }
}

/// Carries the entities over to the new indices.
pub fn entities(reorder: &Reorder, entities: &mut Entities) {
    reorder.permute(&mut entities.of_article);
    entities.all.iter_mut().for_each(|e| reorder.carry_sorted(&mut e.articles));
}

/// Carries stories, story membership and related articles over to the new indices.
pub fn clustered(reorder: &Reorder, c: &mut Clustered) {
    let at = |i: usize| reorder.at(i);
    for story in &mut c.stories {
        story.articles.iter_mut().for_each(|i| *i = at(*i));
        story.lead = at(story.lead);
        story.duplicates.iter_mut().for_each(|d| *d = (at(d.0), at(d.1)));
    }
    reorder.permute(&mut c.story_of);
    reorder.permute(&mut c.related);
    c.related.iter_mut().flatten().for_each(|i| *i = at(*i));
}
