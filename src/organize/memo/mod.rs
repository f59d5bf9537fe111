//! What organizing keeps for `serve`: the intermediate results of the expensive stages —
//! TF-IDF vectors, story candidates and edges, related candidates and their scores — so that
//! after an edit of a few articles only the work whose inputs changed is done again.
//!
//! Every step names what its result depends on; [`Memo::update`] re-does a step for an
//! article exactly when one of those inputs changed, so the outcome is the one clustering
//! from scratch computes (`tests/incremental.rs` checks that on random edits):
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
//! ([`super::nearest::near_in`]).
//!
//! Here too live the parts of the update that change other layers' structures in place:
//! the vectors (`vectors.rs`), the entities (`entities.rs`), and everything carried over to
//! new indices when articles moved (`moves.rs`).

mod affected;
mod entities;
mod moves;
mod steps;
mod vectors;

use super::cluster::{Clustered, Picks};
use super::corpus::Corpus;
use super::entities::Entities;
use super::related;
use super::reorder::Reorder;
use super::similarity::Vectors;
use super::stories;
use crate::config::Config;
use crate::content::Article;
use affected::Affected;

/// The intermediate results of clustering, kept between edits by `serve`.
pub struct Memo {
    vectors: Vectors,
    picks: Picks,
}

impl Memo {
    /// Keeps what clustering from scratch computed.
    pub fn new(vectors: Vectors, picks: Picks) -> Memo {
        Memo { vectors, picks }
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
        let c = Corpus::new(config, articles, &self.vectors, entities);
        let affected = Affected::new(&c, old, reorder.zip(gaps), named, &changes);
        let prepared = t.elapsed();
        let edges_changed = steps::update_edges(&c, &mut self.picks, &affected);
        let edged = t.elapsed();
        // Stories change only through edges, explicit ids, or their members' data or vectors.
        let ids_changed = old.iter().any(|&(i, before)| before.meta.story != articles[i].meta.story);
        let members_changed = (0..n).any(|i| affected.changed[i] && clustered.story_of[i].is_some());
        let moved = match edges_changed || ids_changed || members_changed {
            true => steps::update_stories(&c, &self.picks.edges, &affected.changed, clustered),
            false => None,
        };
        tracing::debug!(
            "organize: {} vectors changed; entities and vectors {prepared:?}, edges at {edged:?}, stories at {:?}",
            changes.vectors.len(),
            t.elapsed()
        );
        let stories_changed = moved.is_some();
        let moved = moved.unwrap_or_else(|| vec![false; n]);
        steps::update_related(&c, &mut self.picks, &affected, &moved, clustered);
        stories_changed
    }
}
