//! Related articles: for each article, the best few outside its own story.
//!
//! Score = entities × shared people/organisations/places + tags × shared tags
//!       + topic × same topic + text × cosine + date × 0.5^(days apart / 7),
//! with weights from `related:` in site.yaml. Candidates come from the inverted indexes
//! (characteristic terms, entities, tags, the nearest articles of the same topic), never from all pairs. Ties go to the newer
//! article, then to the key, so the choice is deterministic.

use rayon::prelude::*;

use super::entities::Entities;
use super::similarity::{most_shared, nearest_in, Vectors};
use crate::config::Config;
use crate::content::Article;

/// Candidates taken per term or entity, nearest in time first.
const PER_LIST: usize = 8;
/// Candidates fully scored: those found through the most lists.
const SCORED: usize = 32;

pub fn related(
    config: &Config,
    articles: &[Article],
    vectors: &Vectors,
    entities: &Entities,
    story_of: &[Option<usize>],
) -> Vec<Vec<usize>> {
    let w = &config.site.related;
    let mut by_topic: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        if let Some(t) = a.meta.topic.as_deref() {
            by_topic.entry(t).or_default().push(i);
        }
    }
    (0..articles.len())
        .into_par_iter()
        .map(|i| {
            let mut candidates = Vec::new();
            vectors.candidates(i, 0..articles.len(), PER_LIST, &mut candidates);
            if let Some(list) = articles[i].meta.topic.as_deref().and_then(|t| by_topic.get(t)) {
                nearest_in(list, i, 0..articles.len(), PER_LIST, &mut candidates);
            }
            for &e in &entities.of_article[i] {
                nearest_in(&entities.all[e as usize].articles, i, 0..articles.len(), PER_LIST, &mut candidates);
            }
            let candidates = most_shared(candidates, i, SCORED);
            let mut scored: Vec<(f32, usize)> = candidates
                .into_iter()
                .filter(|&j| j != i && (story_of[i].is_none() || story_of[i] != story_of[j]))
                .map(|j| (score(w, articles, vectors, entities, i, j), j))
                .collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            scored.into_iter().take(w.limit).map(|(_, j)| j).collect()
        })
        .collect()
}

fn score(
    w: &crate::config::RelatedConfig,
    articles: &[Article],
    vectors: &Vectors,
    entities: &Entities,
    i: usize,
    j: usize,
) -> f32 {
    let (a, b) = (&articles[i], &articles[j]);
    let same_topic = a.meta.topic.is_some() && a.meta.topic == b.meta.topic;
    let days = (a.date - b.date).num_hours().unsigned_abs() as f32 / 24.0;
    let (named, tags) = entities.shared_counts(i, j);
    w.entities * named as f32
        + w.tags * tags as f32
        + w.topic * f32::from(u8::from(same_topic))
        + w.text * vectors.cosine(i, j)
        + w.date * (-days / 7.0).exp2()
}
