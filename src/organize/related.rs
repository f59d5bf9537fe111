//! Related articles: for each article, the best few outside its own story.
//!
//! Score = entities × shared people/organisations/places + tags × shared tags
//!       + topic × same topic + text × cosine + date × 0.5^(days apart / 7),
//! with weights from `related:` in site.yaml. Candidates come from the inverted indexes
//! (characteristic terms, entities, tags, the nearest articles of the same topic), never from
//! all pairs. Ties go to the newer article, then to the key, so the choice is deterministic.
//!
//! The work is split in three steps whose results `serve` keeps (`memo/`): candidates, their
//! scores, and the choice among them.

use super::corpus::Corpus;
use super::nearest::{most_shared, nearest_in};
use crate::config::Config;

/// Candidates taken per term or entity, nearest in time first.
pub const PER_LIST: usize = 8;
/// Candidates fully scored: those found through the most lists.
const SCORED: usize = 32;

/// The articles worth scoring for article `i`: found through the most of its lists. Depends
/// on `i`'s characteristic terms, topic and entities, and on the article lists of each.
pub fn candidates(c: &Corpus, i: usize) -> Vec<u32> {
    let (n, entities) = (c.len(), c.entities);
    let mut found = Vec::with_capacity(PER_LIST * (12 + entities.of_article[i].len()));
    c.vectors.candidates(i, 0..n, PER_LIST, &mut found);
    if let Some(list) = c.articles[i].meta.topic.as_deref().and_then(|t| c.by_topic.get(t)) {
        nearest_in(list, i, 0..n, PER_LIST, &mut found);
    }
    for &e in &entities.of_article[i] {
        nearest_in(&entities.all[e as usize].articles, i, 0..n, PER_LIST, &mut found);
    }
    most_shared(found, i, SCORED).into_iter().map(|j| j as u32).collect()
}

/// Every candidate but `i` itself with its score (the story filter comes in [`choose`]).
pub fn scored(c: &Corpus, i: usize, candidates: &[u32]) -> Vec<(f32, u32)> {
    candidates.iter().filter(|&&j| j as usize != i).map(|&j| (score(c, i, j as usize), j)).collect()
}

/// The best `limit` scored candidates outside `i`'s story, best first.
pub fn choose(config: &Config, scored: &[(f32, u32)], story_of: &[Option<usize>], i: usize) -> Vec<usize> {
    let mut kept: Vec<(f32, usize)> = scored
        .iter()
        .map(|&(s, j)| (s, j as usize))
        .filter(|&(_, j)| story_of[i].is_none() || story_of[i] != story_of[j])
        .collect();
    kept.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    kept.into_iter().take(config.site.related.limit).map(|(_, j)| j).collect()
}

/// The score of `j` as related to `i`. Depends on both articles' topics, dates, entities and
/// vectors.
pub fn score(c: &Corpus, i: usize, j: usize) -> f32 {
    let w = &c.config.site.related;
    let (a, b) = (&c.articles[i], &c.articles[j]);
    let same_topic = a.meta.topic.is_some() && a.meta.topic == b.meta.topic;
    let days = (a.date - b.date).num_hours().unsigned_abs() as f32 / 24.0;
    let (named, tags) = c.entities.shared_counts(i, j);
    w.entities * named as f32
        + w.tags * tags as f32
        + w.topic * f32::from(u8::from(same_topic))
        + w.text * c.vectors.cosine(i, j)
        + w.date * (-days / 7.0).exp2()
}
