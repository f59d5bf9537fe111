//! Story clustering: articles from different sources about the same event become one story.
//!
//! Two articles are linked when their text is similar (TF-IDF cosine, plus a bonus for each
//! shared person, organisation or place) and their dates are within the configured window.
//! Candidates come from an inverted index restricted to the date window, never from all
//! pairs. An explicit `story:` id always wins: articles naming one id are one story, and
//! automatic links never join two different explicit ids. Linked articles form stories
//! through union-find. The lead is the earliest original report (ties: the longer one);
//! an article nearly identical to an earlier one is marked a syndicated copy.

use std::collections::BTreeMap;

use super::entities::Entities;
use super::similarity::Vectors;
use crate::config::Config;
use crate::content::Article;
use crate::slug::slugify;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    pub id: String,
    pub path: String,
    /// Members, oldest first.
    pub articles: Vec<usize>,
    pub lead: usize,
    /// Number of distinct outlets.
    pub sources: usize,
    /// (copy, original) pairs of syndicated near-duplicates.
    pub duplicates: Vec<(usize, usize)>,
    /// Notes about the story.
    pub notes: Vec<usize>,
}

impl Story {
    pub fn duplicate_of(&self, i: usize) -> Option<usize> {
        self.duplicates.iter().find(|d| d.0 == i).map(|d| d.1)
    }
}

/// Bonus added to the text similarity per shared rare named entity (at most three count).
const ENTITY_BONUS: f32 = 0.05;
/// Below this text similarity, shared names alone never make two articles one story.
const MIN_TEXT_SIMILARITY: f32 = 0.15;

/// The articles that article `i` may be linked to: those sharing its characteristic terms
/// within the date window, the most shared first. Depends on `i`'s characteristic terms, the
/// article lists of those terms and the dates.
pub fn candidates(config: &Config, articles: &[Article], vectors: &Vectors, i: usize) -> Vec<u32> {
    let window = chrono::Duration::days(config.site.stories.window_days.max(0));
    let range = date_window(articles, i, window);
    let mut found = Vec::new();
    vectors.candidates(i, range, PER_TERM, &mut found);
    super::similarity::most_shared(found, i, KEPT).into_iter().map(|j| j as u32).collect()
}

/// Candidates taken per characteristic term, and kept in all.
pub const PER_TERM: usize = 24;
const KEPT: usize = 48;

/// The later candidates (`j > i`) that article `i` is linked to, in candidate order.
pub fn edges(
    config: &Config,
    n: usize,
    vectors: &Vectors,
    entities: &Entities,
    i: usize,
    candidates: &[u32],
) -> Vec<u32> {
    candidates
        .iter()
        .copied()
        .filter(|&j| j as usize > i && linked(config, n, vectors, entities, i, j as usize))
        .collect()
}

/// Whether two articles are about the same event: similar text, helped by shared rare names.
pub fn linked(config: &Config, n: usize, vectors: &Vectors, entities: &Entities, i: usize, j: usize) -> bool {
    let text = vectors.cosine(i, j);
    let bonus = ENTITY_BONUS * entities.shared_rare(i, j, rare_limit(n)).min(3) as f32;
    text >= MIN_TEXT_SIMILARITY && text + bonus >= config.site.stories.min_similarity
}

/// A name in more than 2% of the `n` articles (and more than 3) is too common to signal an event.
pub fn rare_limit(n: usize) -> usize {
    (n / 50).max(3)
}

/// Joins the articles into stories along `edges` (per article, its links to later ones),
/// reusing unchanged stories of `previous` (see [`build_stories`]).
pub fn from_edges(
    config: &Config,
    articles: &[Article],
    vectors: &Vectors,
    edges: &[Vec<u32>],
    previous: Option<Previous>,
) -> (Vec<Story>, Vec<Option<usize>>) {
    // Explicit ids first: every article naming one id joins the first article naming it.
    let mut explicit: BTreeMap<String, (u32, usize)> = BTreeMap::new();
    let ids: Vec<Option<u32>> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let next = explicit.len() as u32;
            a.meta.story.as_deref().map(|id| explicit.entry(slugify(id)).or_insert((next, i)).0)
        })
        .collect();
    let mut sets = UnionFind::new(ids);
    for (i, a) in articles.iter().enumerate() {
        if let Some(&(_, first)) = a.meta.story.as_deref().and_then(|id| explicit.get(&slugify(id))) {
            sets.union(first, i);
        }
    }
    // In article order, then candidate order: the order decides which of two explicit ids
    // an article between them joins.
    for (i, list) in edges.iter().enumerate() {
        for &j in list {
            sets.union(i, j as usize);
        }
    }
    build_stories(config, articles, vectors, &mut sets, previous)
}

/// Index range of the articles (sorted newest first) within `window` of article `i`.
fn date_window(articles: &[Article], i: usize, window: chrono::Duration) -> std::ops::Range<usize> {
    let date = articles[i].date;
    let start = articles.partition_point(|a| a.date > date + window);
    let end = articles.partition_point(|a| a.date >= date - window);
    start..end
}

/// Stories from the union-find sets. A story of `previous` whose members are the same and
/// none of them `changed` (its data or vector) is reused as it was, but for its id (which
/// depends on the stories before it) and notes.
fn build_stories(
    config: &Config,
    articles: &[Article],
    vectors: &Vectors,
    sets: &mut UnionFind,
    previous: Option<Previous>,
) -> (Vec<Story>, Vec<Option<usize>>) {
    // Stories ordered by their newest member (deterministic): a set's root is its lowest index.
    let roots: Vec<usize> = (0..articles.len()).map(|i| sets.find(i)).collect();
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by_key(|&i| roots[i]);
    let members = order
        .chunk_by(|&a, &b| roots[a] == roots[b])
        .filter(|g| g.len() > 1 || articles[g[0]].meta.story.is_some())
        .map(<[usize]>::to_vec);
    let reusable: BTreeMap<usize, &Story> = match &previous {
        Some((stories, _)) => stories.iter().filter_map(|s| Some((*s.articles.iter().min()?, s))).collect(),
        None => BTreeMap::new(),
    };
    let mut stories: Vec<Story> = Vec::new();
    let mut story_of = vec![None; articles.len()];
    let mut used_ids = std::collections::BTreeSet::new();
    for group in members {
        let kept = reusable.get(&group[0]).filter(|old| {
            let changed = previous.as_ref().map_or(&[][..], |p| p.1);
            let mut same: Vec<usize> = old.articles.clone();
            same.sort_unstable();
            same == group && !group.iter().any(|&i| changed[i])
        });
        let mut story = match kept {
            Some(old) => Story { notes: Vec::new(), ..(*old).clone() },
            None => story_of_group(config, articles, vectors, group),
        };
        let base = story
            .articles
            .iter()
            .find_map(|&i| articles[i].meta.story.as_deref())
            .map_or_else(|| articles[story.lead].doc.slug.clone(), slugify);
        let mut id = base.clone();
        let mut n = 2;
        while !used_ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        story.path = format!("stories/{id}/");
        story.id = id;
        for &i in &story.articles {
            story_of[i] = Some(stories.len());
        }
        stories.push(story);
    }
    (stories, story_of)
}

/// The previous stories and, per article, whether its data or vector changed since.
pub type Previous<'a> = (&'a [Story], &'a [bool]);

/// A story of the articles of `group` (without its id): oldest first, its lead, its copies.
fn story_of_group(config: &Config, articles: &[Article], vectors: &Vectors, mut group: Vec<usize>) -> Story {
    // Oldest first inside a story.
    group.sort_by(|&a, &b| {
        articles[a].date.cmp(&articles[b].date).then_with(|| articles[a].doc.key.cmp(&articles[b].doc.key))
    });
    let duplicates = find_duplicates(config, vectors, &group);
    let lead = group
        .iter()
        .copied()
        .filter(|i| !duplicates.iter().any(|d| d.0 == *i))
        .min_by(|&a, &b| {
            articles[a].date.cmp(&articles[b].date).then(articles[b].doc.word_count.cmp(&articles[a].doc.word_count))
        })
        .unwrap_or(group[0]);
    let mut outlets: Vec<&str> =
        group.iter().map(|&i| articles[i].meta.source.as_deref().unwrap_or(&articles[i].doc.key)).collect();
    outlets.sort_unstable();
    outlets.dedup();
    Story {
        id: String::new(),
        path: String::new(),
        lead,
        sources: outlets.len(),
        articles: group,
        duplicates,
        notes: Vec::new(),
    }
}

/// Pairs (copy, original) whose texts are nearly identical; the earlier one is the original.
fn find_duplicates(config: &Config, vectors: &Vectors, group: &[usize]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (pos, &later) in group.iter().enumerate() {
        if let Some(&earlier) =
            group[..pos].iter().find(|&&e| vectors.cosine(e, later) >= config.site.stories.duplicate_similarity)
        {
            out.push((later, earlier));
        }
    }
    out
}

/// Union-find whose roots remember the explicit story id of their set (if any).
struct UnionFind {
    parent: Vec<usize>,
    id: Vec<Option<u32>>,
}

impl UnionFind {
    /// `ids[i]`: the explicit story id of article `i`, as a number.
    fn new(ids: Vec<Option<u32>>) -> Self {
        UnionFind { parent: (0..ids.len()).collect(), id: ids }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins two sets unless they carry different explicit ids.
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let id = match (self.id[ra], self.id[rb]) {
            (Some(x), Some(y)) if x != y => return,
            (x, y) => x.or(y),
        };
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[child] = root;
        self.id[root] = id;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_find_never_joins_two_explicit_ids() {
        let mut sets = UnionFind::new(vec![Some(0), None, Some(1), Some(0)]);
        sets.union(0, 1);
        sets.union(1, 2);
        assert_ne!(sets.find(0), sets.find(2));
        sets.union(2, 3);
        assert_ne!(sets.find(2), sets.find(3));
        sets.union(1, 3);
        assert_eq!(sets.find(0), sets.find(3));
    }
}
