//! The clustering steps done again after an edit, each only where its inputs changed (see
//! the list in `mod.rs`): story candidates and edges, the stories, related candidates, their
//! scores and the choice among them.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::super::cluster::{Clustered, Picks};
use super::super::corpus::Corpus;
use super::super::related;
use super::super::stories::{self, Story};
use super::affected::Affected;

/// Story candidates again where the edit says; edges again wherever a pair compares
/// differently. Returns whether any edge changed.
pub(super) fn update_edges(c: &Corpus, picks: &mut Picks, affected: &Affected) -> bool {
    let (again, differ) = (&affected.story_again, &affected.differ);
    let fresh: Vec<(usize, Vec<u32>)> = again.list.par_iter().map(|&i| (i, stories::candidates(c, i))).collect();
    for (i, list) in fresh {
        picks.story_candidates[i] = list;
    }
    let candidates = &picks.story_candidates;
    let redo: Vec<usize> = (0..c.len())
        .into_par_iter()
        .filter(|&i| differ[i] || again.mask[i] || candidates[i].iter().any(|&j| j as usize > i && differ[j as usize]))
        .collect();
    let fresh: Vec<Vec<u32>> = redo.par_iter().map(|&i| stories::edges(c, i, &candidates[i])).collect();
    let mut changed = false;
    for (i, list) in redo.into_iter().zip(fresh) {
        changed |= picks.edges[i] != list;
        picks.edges[i] = list;
    }
    changed
}

/// Stories again from the edges, reusing those with the same members none of which
/// `changed`. When they differ from `clustered`'s, puts them there and returns, per article,
/// whether it moved to another story (or in or out of one).
pub(super) fn update_stories(
    c: &Corpus,
    edges: &[Vec<u32>],
    changed: &[bool],
    clustered: &mut Clustered,
) -> Option<Vec<bool>> {
    let n = c.len();
    let (stories, story_of) = {
        // A story is keyed by its newest member, the first of a group.
        let by_newest: BTreeMap<usize, &Story> =
            clustered.stories.iter().filter_map(|s| Some((*s.articles.iter().min()?, s))).collect();
        let reuse = |group: &[usize]| {
            let old = by_newest.get(group.first()?)?;
            let mut same = old.articles.clone();
            same.sort_unstable();
            let unchanged = same == group && !group.iter().any(|&i| changed[i]);
            unchanged.then(|| Story { notes: Vec::new(), ..(*old).clone() })
        };
        stories::from_edges(c, edges, reuse)
    };
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

/// Related candidates again where the edit says; scores again for the pairs that are new or
/// compare differently (the others keep theirs); the choice again wherever scores or story
/// membership (`moved`) changed.
pub(super) fn update_related(
    c: &Corpus,
    picks: &mut Picks,
    affected: &Affected,
    moved: &[bool],
    clustered: &mut Clustered,
) {
    let again = &affected.related_again;
    let fresh: Vec<(usize, Vec<u32>)> = again.list.par_iter().map(|&i| (i, related::candidates(c, i))).collect();
    for (i, list) in fresh {
        picks.related_candidates[i] = list;
    }
    let mut choose_again = vec![false; c.len()];
    for (i, scored) in rescore(c, picks, affected) {
        picks.scored[i] = scored;
        choose_again[i] = true;
    }
    let scored = &picks.scored;
    let story_of = &clustered.story_of;
    let fresh: Vec<(usize, Vec<usize>)> = (0..c.len())
        .into_par_iter()
        .filter(|&i| choose_again[i] || moved[i] || scored[i].iter().any(|&(_, j)| moved[j as usize]))
        .map(|i| (i, related::choose(c.config, &scored[i], story_of, i)))
        .collect();
    for (i, list) in fresh {
        clustered.related[i] = list;
    }
}

/// The scored candidates that differ from `picks.scored`: of the articles that `differ`
/// (all scored again), that picked candidates again, or whose candidates differ.
fn rescore(c: &Corpus, picks: &Picks, affected: &Affected) -> Vec<(usize, Vec<(f32, u32)>)> {
    let (again, differ) = (&affected.related_again, &affected.differ);
    let candidates = &picks.related_candidates;
    // A pair's score depends on the two articles' data only, never on their indices: it
    // stands unless one of them `differ`s, whether `i` kept its candidates or not.
    picks
        .scored
        .par_iter()
        .enumerate()
        .filter(|&(i, scored)| differ[i] || again.mask[i] || scored.iter().any(|&(_, j)| differ[j as usize]))
        .filter_map(|(i, scored)| {
            if differ[i] {
                return Some((i, related::scored(c, i, &candidates[i])));
            }
            let kept = |j: u32| scored.iter().find(|x| x.1 == j && !differ[j as usize]).map(|x| x.0);
            let rescored: Vec<(f32, u32)> = candidates[i]
                .iter()
                .filter(|&&j| j as usize != i)
                .map(|&j| (kept(j).unwrap_or_else(|| related::score(c, i, j as usize)), j))
                .collect();
            let same = rescored.len() == scored.len()
                && rescored.iter().zip(scored).all(|(a, b)| a.1 == b.1 && a.0.to_bits() == b.0.to_bits());
            (!same).then_some((i, rescored))
        })
        .collect()
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
