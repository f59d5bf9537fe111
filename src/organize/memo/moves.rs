//! The memo after a date edit: everything carried over to the new article order
//! ([`Memo::carry`]: the vectors, the picks, the entities, the stories and related articles),
//! then the articles whose candidates a move can change found ([`near_moved`]), so that
//! [`Memo::update`] works them out again.

use rayon::prelude::*;

use super::super::cluster::Clustered;
use super::super::corpus::Corpus;
use super::super::entities::Entities;
use super::super::related;
use super::super::reorder::Reorder;
use super::super::stories;
use super::Memo;
use crate::content::Article;

impl Memo {
    /// Carries everything over to the new indices after some articles changed date
    /// (`old`: new index and previous version of the edited articles). Returns the articles
    /// near a moved article's old place in the lists of the entities it named (related
    /// candidates may differ), taken before the edits change those lists.
    pub(super) fn carry(
        &mut self,
        r: &Reorder,
        articles: &[Article],
        old: &[(usize, &Article)],
        entities: &mut Entities,
        clustered: &mut Clustered,
    ) -> Vec<usize> {
        let terms = r.shifted.iter().flat_map(|&i| previous(articles, old, i).doc.terms.iter().map(|t| t.0));
        self.vectors.reorder(r, terms);
        let at = |j: &mut u32| *j = r.at(*j as usize) as u32;
        let picks = &mut self.picks;
        for lists in [&mut picks.story_candidates, &mut picks.edges, &mut picks.related_candidates] {
            r.permute(lists);
            lists.par_iter_mut().for_each(|list| list.iter_mut().for_each(at));
        }
        r.permute(&mut picks.scored);
        picks.scored.par_iter_mut().for_each(|list| list.iter_mut().for_each(|x| at(&mut x.1)));
        carry_entities(r, entities);
        carry_clustered(r, clustered);
        let mut near = Vec::new();
        for m in r.moved() {
            for &e in &entities.of_article[m] {
                r.near_gaps(&entities.all[e as usize].articles, related::PER_LIST + 1 + old.len(), &mut near);
            }
        }
        near
    }
}

/// Carries the entities over to the new indices.
fn carry_entities(r: &Reorder, entities: &mut Entities) {
    r.permute(&mut entities.of_article);
    r.permute(&mut entities.source_of);
    entities.all.iter_mut().for_each(|e| r.carry_sorted(&mut e.articles));
}

/// Carries stories, story membership and related articles over to the new indices.
fn carry_clustered(r: &Reorder, c: &mut Clustered) {
    let at = |i: usize| r.at(i);
    for story in &mut c.stories {
        story.articles.iter_mut().for_each(|i| *i = at(*i));
        story.lead = at(story.lead);
        story.duplicates.iter_mut().for_each(|d| *d = (at(d.0), at(d.1)));
    }
    r.permute(&mut c.story_of);
    r.permute(&mut c.related);
    c.related.iter_mut().flatten().for_each(|i| *i = at(*i));
}

/// The articles whose story or related candidates may differ because articles moved, in the
/// lists of the terms, topics and entities the shifted articles were or are in: (for
/// stories, for related articles). Lists may also have gained or lost an edited article
/// since, which widens the reach by one per edit.
pub(super) fn near_moved(
    c: &Corpus,
    r: &Reorder,
    old: &[(usize, &Article)],
    (story, related): (&mut Vec<usize>, &mut Vec<usize>),
) {
    let mut mark = vec![false; c.len()];
    r.shifted.iter().for_each(|&i| mark[i] = true);
    let slack = old.len();
    let (story_reach, related_reach) = (stories::PER_TERM + 1 + slack, related::PER_LIST + 1 + slack);
    near_in_terms(c, r, old, &mark, (story_reach, related_reach), (story, related));
    let mut near = Vec::new();
    for list in c.entities.all.iter().map(|e| &e.articles) {
        r.near_shifted(list, related_reach, &mark, &mut near);
        r.deciding(list, &near, &mark, related::PER_LIST, related);
        near.clear();
    }
    for (topic, list) in &c.by_topic {
        r.near_shifted(list, related_reach, &mark, &mut near);
        r.deciding(list, &near, &mark, related::PER_LIST, related);
        near.clear();
        if r.moved().any(|m| previous(c.articles, old, m).meta.topic.as_deref() == Some(*topic)) {
            r.near_gaps(list, related_reach, related);
        }
    }
    story.extend(&r.shifted);
    related.extend(&r.shifted);
}

/// [`near_moved`] in the lists of the terms the shifted articles were or are in: only an
/// article's characteristic terms give it candidates, and story candidates come from its
/// date window.
fn near_in_terms(
    c: &Corpus,
    r: &Reorder,
    old: &[(usize, &Article)],
    mark: &[bool],
    (story_reach, related_reach): (usize, usize),
    (story, related): (&mut Vec<usize>, &mut Vec<usize>),
) {
    let articles = c.articles;
    let mut terms: Vec<u64> = r
        .shifted
        .iter()
        .flat_map(|&i| previous(articles, old, i).doc.terms.iter().chain(&articles[i].doc.terms).map(|t| t.0))
        .collect();
    terms.sort_unstable();
    terms.dedup();
    let mut left: Vec<u64> = r.moved().flat_map(|m| previous(articles, old, m).doc.terms.iter().map(|t| t.0)).collect();
    left.sort_unstable();
    let in_window = moved_window(c, r, old);
    let mut near = Vec::new();
    for t in terms {
        let list = c.vectors.posting(t);
        let picks_from = |&j: &usize| c.vectors.top_terms(j).contains(&t);
        let was_in = left.binary_search(&t).is_ok();
        r.near_shifted(list, story_reach, mark, &mut near);
        if was_in {
            r.near_gaps(list, story_reach, &mut near);
        }
        story.extend(near.drain(..).filter(|j| picks_from(j) && in_window(*j)));
        r.near_shifted(list, related_reach, mark, &mut near);
        near.retain(picks_from);
        r.deciding(list, &near, mark, related::PER_LIST, related);
        near.clear();
        if was_in {
            r.near_gaps(list, related_reach, &mut near);
        }
        related.extend(near.drain(..).filter(picks_from));
    }
}

/// Whether an article's date window (story candidates come from it) may hold a shifted
/// article or a moved one's old place: one that holds neither is the same set in the same
/// order as before.
fn moved_window<'a>(c: &'a Corpus, r: &Reorder, old: &[(usize, &Article)]) -> impl Fn(usize) -> bool + 'a {
    let articles = c.articles;
    let window = chrono::Duration::days(c.config.site.stories.window_days.max(0));
    let dates: Vec<_> =
        r.shifted.iter().map(|&i| articles[i].date).chain(r.moved().map(|m| previous(articles, old, m).date)).collect();
    let (lo, hi) = (dates.iter().min().copied(), dates.iter().max().copied());
    let lo = lo.and_then(|d| d.checked_sub_signed(window));
    let hi = hi.and_then(|d| d.checked_add_signed(window));
    move |j: usize| lo.is_none_or(|lo| articles[j].date >= lo) && hi.is_none_or(|hi| articles[j].date <= hi)
}

/// The version of article `i` before the edits `old`.
fn previous<'a>(articles: &'a [Article], old: &[(usize, &'a Article)], i: usize) -> &'a Article {
    old.iter().find(|o| o.0 == i).map_or(&articles[i], |o| o.1)
}
