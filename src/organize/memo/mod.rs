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

mod moves;

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
