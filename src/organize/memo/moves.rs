//! The memo after a date edit: everything carried over to the new article order
//! ([`Memo::carry`]), then the articles whose candidates a move can change found
//! ([`Memo::near_moved`]), so that [`Memo::update`] works them out again.

use rayon::prelude::*;

use super::super::entities::Entities;
use super::super::related;
use super::super::reorder::Reorder;
use super::super::stories;
use super::{Clustered, Memo};
use crate::config::Config;
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
        for lists in [&mut self.story_candidates, &mut self.edges, &mut self.related_candidates] {
            r.permute(lists);
            lists.par_iter_mut().for_each(|list| list.iter_mut().for_each(at));
        }
        r.permute(&mut self.scored);
        self.scored.par_iter_mut().for_each(|list| list.iter_mut().for_each(|x| at(&mut x.1)));
        super::super::reorder::entities(r, entities);
        super::super::reorder::clustered(r, clustered);
        let mut near = Vec::new();
        for m in r.moved() {
            for &e in &entities.of_article[m] {
                r.near_gaps(&entities.all[e as usize].articles, related::PER_LIST + 1 + old.len(), &mut near);
            }
        }
        near
    }

    /// The articles whose story or related candidates may differ because articles moved
    /// ([`Reorder::near`]), in the lists of the terms, topics and entities the shifted
    /// articles were or are in: (for stories, for related articles). Lists may also have
    /// gained or lost an edited article since, which widens the reach by one per edit.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn near_moved(
        &self,
        config: &Config,
        r: &Reorder,
        articles: &[Article],
        old: &[(usize, &Article)],
        entities: &Entities,
        by_topic: &related::TopicLists,
        (story, related): (&mut Vec<usize>, &mut Vec<usize>),
    ) {
        let mut mark = vec![false; articles.len()];
        r.shifted.iter().for_each(|&i| mark[i] = true);
        let slack = old.len();
        let (story_reach, related_reach) = (stories::PER_TERM + 1 + slack, related::PER_LIST + 1 + slack);
        self.near_in_terms(config, r, articles, old, &mark, (story_reach, related_reach), (story, related));
        let mut near = Vec::new();
        for list in entities.all.iter().map(|e| &e.articles) {
            r.near_shifted(list, related_reach, &mark, &mut near);
            r.deciding(list, &near, &mark, related::PER_LIST, related);
            near.clear();
        }
        for (topic, list) in by_topic {
            r.near_shifted(list, related_reach, &mark, &mut near);
            r.deciding(list, &near, &mark, related::PER_LIST, related);
            near.clear();
            if r.moved().any(|m| previous(articles, old, m).meta.topic.as_deref() == Some(*topic)) {
                r.near_gaps(list, related_reach, related);
            }
        }
        story.extend(&r.shifted);
        related.extend(&r.shifted);
    }

    /// [`Memo::near_moved`] in the lists of the terms the shifted articles were or are in:
    /// only an article's characteristic terms give it candidates, and story candidates come
    /// from its date window.
    #[allow(clippy::too_many_arguments)]
    fn near_in_terms(
        &self,
        config: &Config,
        r: &Reorder,
        articles: &[Article],
        old: &[(usize, &Article)],
        mark: &[bool],
        (story_reach, related_reach): (usize, usize),
        (story, related): (&mut Vec<usize>, &mut Vec<usize>),
    ) {
        let mut terms: Vec<u64> = r
            .shifted
            .iter()
            .flat_map(|&i| previous(articles, old, i).doc.terms.iter().chain(&articles[i].doc.terms).map(|t| t.0))
            .collect();
        terms.sort_unstable();
        terms.dedup();
        let mut left: Vec<u64> =
            r.moved().flat_map(|m| previous(articles, old, m).doc.terms.iter().map(|t| t.0)).collect();
        left.sort_unstable();
        // Only an article's characteristic terms give it candidates, and story candidates
        // come from its date window: one holding no shifted article, nor a moved one's old
        // place, is the same set in the same order as before.
        let window = chrono::Duration::days(config.site.stories.window_days.max(0));
        let dates: Vec<_> = r
            .shifted
            .iter()
            .map(|&i| articles[i].date)
            .chain(r.moved().map(|m| previous(articles, old, m).date))
            .collect();
        let (lo, hi) = (dates.iter().min().copied(), dates.iter().max().copied());
        let lo = lo.and_then(|d| d.checked_sub_signed(window));
        let hi = hi.and_then(|d| d.checked_add_signed(window));
        let in_window =
            |j: usize| lo.is_none_or(|lo| articles[j].date >= lo) && hi.is_none_or(|hi| articles[j].date <= hi);
        let mut near = Vec::new();
        for t in terms {
            let list = self.vectors.posting(t);
            let picks_from = |&j: &usize| self.vectors.top_terms(j).contains(&t);
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
}

/// The version of article `i` before the edits `old`.
fn previous<'a>(articles: &'a [Article], old: &[(usize, &'a Article)], i: usize) -> &'a Article {
    old.iter().find(|o| o.0 == i).map_or(&articles[i], |o| o.1)
}
