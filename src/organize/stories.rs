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

use super::corpus::Corpus;
use super::nearest::most_shared;
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
pub fn candidates(c: &Corpus, i: usize) -> Vec<u32> {
    let window = chrono::Duration::days(c.config.site.stories.window_days.max(0));
    let range = date_window(c.articles, i, window);
    let mut found = Vec::new();
    c.vectors.candidates(i, range, PER_TERM, &mut found);
    most_shared(found, i, KEPT).into_iter().map(|j| j as u32).collect()
}

/// Candidates taken per characteristic term, and kept in all.
pub const PER_TERM: usize = 24;
const KEPT: usize = 48;

/// The later candidates (`j > i`) that article `i` is linked to, in candidate order.
pub fn edges(c: &Corpus, i: usize, candidates: &[u32]) -> Vec<u32> {
    candidates.iter().copied().filter(|&j| j as usize > i && linked(c, i, j as usize)).collect()
}

/// Whether two articles are about the same event: similar text, helped by shared rare names.
pub fn linked(c: &Corpus, i: usize, j: usize) -> bool {
    let text = c.vectors.cosine(i, j);
    let bonus = ENTITY_BONUS * c.entities.shared_rare(i, j, rare_limit(c.len())).min(3) as f32;
    text >= MIN_TEXT_SIMILARITY && text + bonus >= c.config.site.stories.min_similarity
}

/// A name in more than 2% of the `n` articles (and more than 3) is too common to signal an event.
pub fn rare_limit(n: usize) -> usize {
    (n / 50).max(3)
}

/// Joins the articles into stories along `edges` (per article, its links to later ones).
/// `reuse` may give the story of a group of members (ascending indices) as it stands from an
/// earlier pass (without its id), sparing the work of making it again (`serve`).
pub fn from_edges(
    c: &Corpus,
    edges: &[Vec<u32>],
    reuse: impl Fn(&[usize]) -> Option<Story>,
) -> (Vec<Story>, Vec<Option<usize>>) {
    let articles = c.articles;
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
    build_stories(c, &mut sets, reuse)
}

/// Index range of the articles (sorted newest first) within `window` of article `i`.
fn date_window(articles: &[Article], i: usize, window: chrono::Duration) -> std::ops::Range<usize> {
    let date = articles[i].date;
    let start = articles.partition_point(|a| a.date > date + window);
    let end = articles.partition_point(|a| a.date >= date - window);
    start..end
}

/// Stories from the union-find sets, reused where `reuse` has one, then given their ids
/// (which depend on the stories before them).
fn build_stories(
    c: &Corpus,
    sets: &mut UnionFind,
    reuse: impl Fn(&[usize]) -> Option<Story>,
) -> (Vec<Story>, Vec<Option<usize>>) {
    let articles = c.articles;
    // Stories ordered by their newest member (deterministic): a set's root is its lowest index.
    let roots: Vec<usize> = (0..articles.len()).map(|i| sets.find(i)).collect();
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by_key(|&i| roots[i]);
    let members = order
        .chunk_by(|&a, &b| roots[a] == roots[b])
        .filter(|g| g.len() > 1 || articles[g[0]].meta.story.is_some())
        .map(<[usize]>::to_vec);
    let mut stories: Vec<Story> = Vec::new();
    let mut story_of = vec![None; articles.len()];
    let mut used_ids = std::collections::BTreeSet::new();
    for group in members {
        let mut story = reuse(&group).unwrap_or_else(|| story_of_group(c, group));
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

/// A story of the articles of `group` (without its id): oldest first, its lead, its copies.
fn story_of_group(c: &Corpus, mut group: Vec<usize>) -> Story {
    let articles = c.articles;
    // Oldest first inside a story.
    group.sort_by(|&a, &b| {
        articles[a].date.cmp(&articles[b].date).then_with(|| articles[a].doc.key.cmp(&articles[b].doc.key))
    });
    let duplicates = find_duplicates(c, &group);
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
fn find_duplicates(c: &Corpus, group: &[usize]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let copy = c.config.site.stories.duplicate_similarity;
    for (pos, &later) in group.iter().enumerate() {
        if let Some(&earlier) = group[..pos].iter().find(|&&e| c.vectors.cosine(e, later) >= copy) {
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
