//! Clustering from scratch: TF-IDF vectors, then story candidates, story edges and stories,
//! then related candidates, their scores and the choice among them — each step in parallel
//! over the articles. The per-article results of every step come back too ([`Picks`]), for
//! `memo/` to keep when `serve` will organize again after an edit.

use rayon::prelude::*;

use super::corpus::Corpus;
use super::entities::Entities;
use super::related;
use super::similarity::Vectors;
use super::stories::{self, Story};
use crate::config::Config;
use crate::content::Article;

/// Stories and related articles, as [`super::Site`] holds them.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Clustered {
    pub stories: Vec<Story>,
    /// Per article: its story.
    pub story_of: Vec<Option<usize>>,
    /// Per article: related articles outside its story, best first.
    pub related: Vec<Vec<usize>>,
}

/// What each step picked for each article (indices as `u32`, as they are kept).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Picks {
    /// The articles each one may form a story with.
    pub story_candidates: Vec<Vec<u32>>,
    /// The later candidates each one is linked to.
    pub edges: Vec<Vec<u32>>,
    /// The articles worth scoring as related to each one.
    pub related_candidates: Vec<Vec<u32>>,
    /// Those candidates with their scores.
    pub scored: Vec<Vec<(f32, u32)>>,
}

/// Clusters the articles (sorted newest first) with their entities into stories and related
/// articles; also returns the vectors and the per-article picks they were made from.
pub fn cluster(config: &Config, articles: &[Article], entities: &Entities) -> (Clustered, Vectors, Picks) {
    let t = std::time::Instant::now();
    let vectors = Vectors::build(articles);
    tracing::debug!("organize: vectors in {:?}", t.elapsed());
    let c = Corpus::new(config, articles, &vectors, entities);
    let n = c.len();
    let t = std::time::Instant::now();
    let story_candidates: Vec<Vec<u32>> = (0..n).into_par_iter().map(|i| stories::candidates(&c, i)).collect();
    let edges: Vec<Vec<u32>> = (0..n).into_par_iter().map(|i| stories::edges(&c, i, &story_candidates[i])).collect();
    let (stories, story_of) = stories::from_edges(&c, &edges, |_| None);
    tracing::debug!("organize: {} stories in {:?}", stories.len(), t.elapsed());
    let t = std::time::Instant::now();
    let related_candidates: Vec<Vec<u32>> = (0..n).into_par_iter().map(|i| related::candidates(&c, i)).collect();
    let scored: Vec<Vec<(f32, u32)>> =
        (0..n).into_par_iter().map(|i| related::scored(&c, i, &related_candidates[i])).collect();
    let related = (0..n).into_par_iter().map(|i| related::choose(config, &scored[i], &story_of, i)).collect();
    tracing::debug!("organize: related in {:?}", t.elapsed());
    let picks = Picks { story_candidates, edges, related_candidates, scored };
    (Clustered { stories, story_of, related }, vectors, picks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::organize::similarity::tests::article;

    fn articles() -> Vec<Article> {
        // Two reports sharing their words (one a copy of the other), one about something else.
        let terms: [&[(u64, u32)]; 3] = [&[(1, 3), (2, 2), (3, 1)], &[(1, 3), (2, 2), (3, 1)], &[(4, 2), (5, 1)]];
        let mut out: Vec<Article> = terms.iter().map(|t| article(t)).collect();
        for (i, a) in out.iter_mut().enumerate() {
            a.doc.key = format!("articles/{i}.md");
            a.doc.slug = format!("report-{i}");
        }
        out
    }

    #[test]
    fn similar_reports_form_one_story_and_the_picks_say_why() {
        let config = Config::parse(std::path::Path::new("."), "title: T\nbase_url: https://e.org/\n", None).unwrap();
        let articles = articles();
        let entities = crate::organize::entities::collect(&config, &articles);
        let (clustered, vectors, picks) = cluster(&config, &articles, &entities);
        assert_eq!(clustered.stories.len(), 1);
        let story = &clustered.stories[0];
        assert_eq!((story.articles.as_slice(), story.lead, story.id.as_str()), (&[0, 1][..], 0, "report-0"));
        assert_eq!(story.duplicates, vec![(1, 0)], "the later one is a copy");
        assert_eq!(clustered.story_of, vec![Some(0), Some(0), None]);
        assert!(clustered.related.iter().all(Vec::is_empty), "nothing related outside the story");
        assert_eq!(picks.story_candidates[0], vec![1]);
        assert_eq!(picks.edges, vec![vec![1], vec![], vec![]], "edges go to later articles only");
        assert!(picks.scored[2].is_empty() && picks.related_candidates.len() == 3);
        assert!((vectors.cosine(0, 1) - 1.0).abs() < 1e-5);
    }
}
