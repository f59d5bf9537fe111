//! What organizing keeps for `serve`: the intermediate results of the expensive stages —
//! TF-IDF vectors, story candidates and edges, related candidates and their scores — so that
//! after an edit of a few articles only the work whose inputs changed is done again.
//!
//! Every step below names what its result depends on; [`Memo::update`] re-does a step for
//! an article exactly when one of those inputs changed, so the outcome is the one a fresh
//! [`super::organize`] computes (`tests/incremental.rs` checks that on random edits):
//!
//! - story candidates of `i`: its characteristic terms, their article lists near `i`, dates;
//! - its edges: its candidates, the vectors and shared rare names of each pair;
//! - related candidates of `i`: its characteristic terms, topic and entities, and the article
//!   lists of each near `i`;
//! - their scores: topics, dates, entities and vectors of each pair;
//! - the choice among them: the scores and which candidates share `i`'s story.
//!
//! Nearness: candidates are the nearest few of each list, so an article joining or leaving a
//! list changes the picks only of articles within that many places of it
//! ([`super::similarity::near_in`]).

use rayon::prelude::*;

use super::entities::Entities;
use super::related;
use super::reorder::Reorder;
use super::similarity::{near_in, Vectors};
use super::stories::{self, Story};
use crate::config::Config;
use crate::content::Article;

/// The intermediate results of [`super::organize`], kept between edits by `serve`.
pub struct Memo {
    vectors: Vectors,
    story_candidates: Vec<Vec<u32>>,
    edges: Vec<Vec<u32>>,
    related_candidates: Vec<Vec<u32>>,
    scored: Vec<Vec<(f32, u32)>>,
}

/// Stories and related articles, as [`super::Site`] holds them.
pub struct Clustered {
    pub stories: Vec<Story>,
    pub story_of: Vec<Option<usize>>,
    pub related: Vec<Vec<usize>>,
}

impl Memo {
    /// Computes everything from scratch.
    pub fn build(config: &Config, articles: &[Article], entities: &Entities) -> (Memo, Clustered) {
        let n = articles.len();
        let t = std::time::Instant::now();
        let vectors = Vectors::build(articles);
        tracing::debug!("organize: vectors in {:?}", t.elapsed());
        let t = std::time::Instant::now();
        let story_candidates: Vec<Vec<u32>> =
            (0..n).into_par_iter().map(|i| stories::candidates(config, articles, &vectors, i)).collect();
        let edges: Vec<Vec<u32>> = (0..n)
            .into_par_iter()
            .map(|i| stories::edges(config, n, &vectors, entities, i, &story_candidates[i]))
            .collect();
        let (stories, story_of) = stories::from_edges(config, articles, &vectors, &edges, None);
        tracing::debug!("organize: {} stories in {:?}", stories.len(), t.elapsed());
        let t = std::time::Instant::now();
        let by_topic = related::topic_lists(articles);
        let related_candidates: Vec<Vec<u32>> =
            (0..n).into_par_iter().map(|i| related::candidates(articles, &vectors, entities, &by_topic, i)).collect();
        let scored: Vec<Vec<(f32, u32)>> = (0..n)
            .into_par_iter()
            .map(|i| related::scored(config, articles, &vectors, entities, i, &related_candidates[i]))
            .collect();
        let related = (0..n).into_par_iter().map(|i| related::choose(config, &scored[i], &story_of, i)).collect();
        tracing::debug!("organize: related in {:?}", t.elapsed());
        let memo = Memo { vectors, story_candidates, edges, related_candidates, scored };
        (memo, Clustered { stories, story_of, related })
    }

    /// Brings everything up to date after the articles in `old` (new index, previous
    /// version) changed, keeping their keys. When some changed date, `reorder` says how the
    /// articles moved: everything is first carried over to the new indices. Returns whether
    /// the stories changed (when they did not, `clustered.stories` is untouched).
    pub fn update(
        &mut self,
        config: &Config,
        articles: &[Article],
        entities: &mut Entities,
        old: &[(usize, &Article)],
        reorder: Option<&Reorder>,
        clustered: &mut Clustered,
    ) -> bool {
        let n = articles.len();
        let t = std::time::Instant::now();
        let gaps = reorder.map(|r| self.carry(r, articles, old, entities, clustered));
        let named = entities.update(config, articles, old, stories::rare_limit(n), related::PER_LIST + 1);
        let old_terms: Vec<_> = old.iter().map(|&(i, a)| (i, a.doc.terms.as_slice())).collect();
        let changes = self.vectors.update(articles, &old_terms);
        let edited: Vec<usize> = old.iter().map(|o| o.0).collect();
        // Pairs with one of these articles compare differently: vectors, names or rarity changed.
        let mut differ = vec![false; n];
        for &i in changes.vectors.iter().chain(&edited).chain(&named.rarity) {
            differ[i] = true;
        }
        let mut near_story = Vec::new();
        let mut near_related = named.near.clone();
        for &(t, i) in &changes.postings {
            self.vectors.near_in_posting(t, i, stories::PER_TERM + 1, &mut near_story);
            self.vectors.near_in_posting(t, i, related::PER_LIST + 1, &mut near_related);
        }
        let by_topic = related::topic_lists(articles);
        near_in_topics(articles, old, &by_topic, &mut near_related);
        if let Some(r) = reorder {
            near_related.extend(gaps.into_iter().flatten());
            self.near_moved(config, r, articles, old, entities, &by_topic, (&mut near_story, &mut near_related));
        }
        let top: Vec<usize> = changes.top_terms.iter().copied().collect();
        let story_again = Marks::new(n, top.iter().copied().chain(near_story));
        tracing::debug!("organize: story candidates again for {} articles", story_again.list.len());
        let prepared = t.elapsed();
        let edges_changed = self.update_edges(config, articles, entities, &story_again, &differ);
        let edged = t.elapsed();
        // Stories change only through edges, explicit ids, or their members' data or vectors.
        let mut changed = vec![false; n];
        for &i in changes.vectors.iter().chain(&edited) {
            changed[i] = true;
        }
        let ids_changed = old.iter().any(|&(i, before)| before.meta.story != articles[i].meta.story);
        let members_changed = (0..n).any(|i| changed[i] && clustered.story_of[i].is_some());
        let moved = match edges_changed || ids_changed || members_changed {
            true => self.update_stories(config, articles, &changed, clustered),
            false => None,
        };
        tracing::debug!(
            "organize: {} vectors changed; entities and vectors {prepared:?}, edges at {edged:?}, stories at {:?}",
            changes.vectors.len(),
            t.elapsed()
        );
        let related_again = Marks::new(n, top.into_iter().chain(near_related).chain(edited));
        tracing::debug!("organize: related candidates again for {} articles", related_again.list.len());
        let stories_changed = moved.is_some();
        let moved = moved.unwrap_or_else(|| vec![false; n]);
        self.update_related(config, articles, entities, &by_topic, &related_again, &differ, &moved, clustered);
        stories_changed
    }

    /// Carries everything over to the new indices after some articles changed date
    /// (`old`: new index and previous version of the edited articles). Returns the articles
    /// near a moved article's old place in the lists of the entities it named (related
    /// candidates may differ), taken before the edits change those lists.
    fn carry(
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
        super::reorder::entities(r, entities);
        super::reorder::clustered(r, clustered);
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
    fn near_moved(
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
        let (story_reach, related_reach) = (stories::PER_TERM + 1 + slack, related::PER_LIST + 1 + slack);
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
            r.near_shifted(list, story_reach, &mark, &mut near);
            if was_in {
                r.near_gaps(list, story_reach, &mut near);
            }
            story.extend(near.drain(..).filter(|j| picks_from(j) && in_window(*j)));
            r.near_shifted(list, related_reach, &mark, &mut near);
            near.retain(picks_from);
            r.deciding(list, &near, &mark, related::PER_LIST, related);
            near.clear();
            if was_in {
                r.near_gaps(list, related_reach, &mut near);
            }
            related.extend(near.drain(..).filter(picks_from));
        }
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

    /// Stories again from the edges, reusing those none of whose members `changed`. When
    /// they differ from `clustered`'s, puts them there and returns, per article, whether it
    /// moved to another story (or in or out of one).
    fn update_stories(
        &self,
        config: &Config,
        articles: &[Article],
        changed: &[bool],
        clustered: &mut Clustered,
    ) -> Option<Vec<bool>> {
        let n = articles.len();
        let previous = Some((clustered.stories.as_slice(), changed));
        let (stories, story_of) = stories::from_edges(config, articles, &self.vectors, &self.edges, previous);
        // The new stories have no notes yet; the old ones do.
        let notes_aside = |s: &Story| Story { notes: Vec::new(), ..s.clone() };
        let same = stories.len() == clustered.stories.len()
            && stories.iter().zip(&clustered.stories).all(|(new, old)| *new == notes_aside(old));
        if same {
            return None;
        }
        let (before, after) = (story_roots(&clustered.stories, n), story_roots(&stories, n));
        clustered.stories = stories;
        clustered.story_of = story_of;
        Some((0..n).map(|i| after[i] != before[i]).collect())
    }

    /// Story candidates again for `again`; edges again wherever a pair compares differently.
    /// Returns whether any edge changed.
    fn update_edges(
        &mut self,
        config: &Config,
        articles: &[Article],
        entities: &Entities,
        again: &Marks,
        differ: &[bool],
    ) -> bool {
        let n = articles.len();
        let vectors = &self.vectors;
        let fresh: Vec<(usize, Vec<u32>)> =
            again.list.par_iter().map(|&i| (i, stories::candidates(config, articles, vectors, i))).collect();
        for (i, list) in fresh {
            self.story_candidates[i] = list;
        }
        let candidates = &self.story_candidates;
        let redo: Vec<usize> = (0..n)
            .into_par_iter()
            .filter(|&i| {
                differ[i] || again.mask[i] || candidates[i].iter().any(|&j| j as usize > i && differ[j as usize])
            })
            .collect();
        let fresh: Vec<Vec<u32>> =
            redo.par_iter().map(|&i| stories::edges(config, n, vectors, entities, i, &candidates[i])).collect();
        let mut changed = false;
        for (i, list) in redo.into_iter().zip(fresh) {
            changed |= self.edges[i] != list;
            self.edges[i] = list;
        }
        changed
    }

    /// Related candidates again for `again`; scores again for the pairs that are new or
    /// compare differently (the others keep theirs); the choice again wherever scores or
    /// story membership changed.
    #[allow(clippy::too_many_arguments)]
    fn update_related(
        &mut self,
        config: &Config,
        articles: &[Article],
        entities: &Entities,
        by_topic: &related::TopicLists,
        again: &Marks,
        differ: &[bool],
        moved: &[bool],
        clustered: &mut Clustered,
    ) {
        let n = articles.len();
        let vectors = &self.vectors;
        let fresh: Vec<(usize, Vec<u32>)> = again
            .list
            .par_iter()
            .map(|&i| (i, related::candidates(articles, vectors, entities, by_topic, i)))
            .collect();
        for (i, list) in fresh {
            self.related_candidates[i] = list;
        }
        let w = &config.site.related;
        let candidates = &self.related_candidates;
        // A pair's score depends on the two articles' data only, never on their indices: it
        // stands unless one of them `differ`s, whether `i` kept its candidates or not.
        let changed: Vec<(usize, Vec<(f32, u32)>)> = self
            .scored
            .par_iter()
            .enumerate()
            .filter(|&(i, scored)| differ[i] || again.mask[i] || scored.iter().any(|&(_, j)| differ[j as usize]))
            .filter_map(|(i, scored)| {
                if differ[i] {
                    return Some((i, related::scored(config, articles, vectors, entities, i, &candidates[i])));
                }
                let kept = |j: u32| scored.iter().find(|x| x.1 == j && !differ[j as usize]).map(|x| x.0);
                let rescored: Vec<(f32, u32)> = candidates[i]
                    .iter()
                    .filter(|&&j| j as usize != i)
                    .map(|&j| {
                        (kept(j).unwrap_or_else(|| related::score(w, articles, vectors, entities, i, j as usize)), j)
                    })
                    .collect();
                let same = rescored.len() == scored.len()
                    && rescored.iter().zip(scored).all(|(a, b)| a.1 == b.1 && a.0.to_bits() == b.0.to_bits());
                (!same).then_some((i, rescored))
            })
            .collect();
        let mut choose_again = vec![false; n];
        for (i, scored) in changed {
            self.scored[i] = scored;
            choose_again[i] = true;
        }
        let scored = &self.scored;
        let story_of = &clustered.story_of;
        let fresh: Vec<(usize, Vec<usize>)> = (0..n)
            .into_par_iter()
            .filter(|&i| choose_again[i] || moved[i] || scored[i].iter().any(|&(_, j)| moved[j as usize]))
            .map(|i| (i, related::choose(config, &scored[i], story_of, i)))
            .collect();
        for (i, list) in fresh {
            clustered.related[i] = list;
        }
    }
}

/// The articles near an edited one in the lists of its old and new topic, when it changed
/// topic (see [`near_in`]).
fn near_in_topics(
    articles: &[Article],
    old: &[(usize, &Article)],
    by_topic: &related::TopicLists,
    out: &mut Vec<usize>,
) {
    for &(i, before) in old {
        if before.meta.topic != articles[i].meta.topic {
            for topic in [&before.meta.topic, &articles[i].meta.topic].into_iter().flatten() {
                if let Some(list) = by_topic.get(topic.as_str()) {
                    near_in(list, i, related::PER_LIST + 1, out);
                }
            }
        }
    }
}

/// The version of article `i` before the edits `old`.
fn previous<'a>(articles: &'a [Article], old: &[(usize, &'a Article)], i: usize) -> &'a Article {
    old.iter().find(|o| o.0 == i).map_or(&articles[i], |o| o.1)
}

/// A set of articles, as a list (to go through) and a mask (to look up).
struct Marks {
    list: Vec<usize>,
    mask: Vec<bool>,
}

impl Marks {
    fn new(n: usize, items: impl IntoIterator<Item = usize>) -> Marks {
        let mut mask = vec![false; n];
        let mut list: Vec<usize> = items.into_iter().filter(|&i| !std::mem::replace(&mut mask[i], true)).collect();
        list.sort_unstable();
        Marks { list, mask }
    }
}

/// Per article: the newest member of its story (the lowest index), which names the story
/// whatever number it gets; `None` outside stories.
fn story_roots(stories: &[Story], n: usize) -> Vec<Option<usize>> {
    let mut roots = vec![None; n];
    for story in stories {
        let root = story.articles.iter().min().copied();
        for &i in &story.articles {
            roots[i] = root;
        }
    }
    roots
}
