//! What an edit affects, worked out before anything is done again: which articles' pairs
//! compare differently, and whose story or related candidates must be picked again.

use super::super::corpus::Corpus;
use super::super::nearest::near_in;
use super::super::reorder::Reorder;
use super::super::{related, stories};
use super::entities::EntityChanges;
use super::vectors::VectorChanges;
use crate::content::Article;

/// A set of articles, as a list (to go through) and a mask (to look up).
pub(super) struct Marks {
    pub(super) list: Vec<usize>,
    pub(super) mask: Vec<bool>,
}

impl Marks {
    pub(super) fn new(n: usize, items: impl IntoIterator<Item = usize>) -> Marks {
        let mut mask = vec![false; n];
        let mut list: Vec<usize> = items.into_iter().filter(|&i| !std::mem::replace(&mut mask[i], true)).collect();
        list.sort_unstable();
        Marks { list, mask }
    }
}

/// The articles an edit affects.
pub(super) struct Affected {
    /// Pairs with one of these articles compare differently: they were edited, or their
    /// vectors, names or names' rarity changed.
    pub(super) differ: Vec<bool>,
    /// Their data or vector changed (a story holding one is made again).
    pub(super) changed: Vec<bool>,
    /// Story candidates to pick again.
    pub(super) story_again: Marks,
    /// Related candidates to pick again.
    pub(super) related_again: Marks,
}

impl Affected {
    /// From the edits `old` (new index, previous version), the moves (with the articles near
    /// a moved one's old place in its entities' lists, see `moves.rs`) and what updating the
    /// entities and the vectors changed.
    pub(super) fn new(
        c: &Corpus,
        old: &[(usize, &Article)],
        moves: Option<(&Reorder, Vec<usize>)>,
        named: EntityChanges,
        changes: &VectorChanges,
    ) -> Affected {
        let n = c.len();
        let edited: Vec<usize> = old.iter().map(|o| o.0).collect();
        let mask = |items: &mut dyn Iterator<Item = &usize>| {
            let mut mask = vec![false; n];
            items.for_each(|&i| mask[i] = true);
            mask
        };
        let differ = mask(&mut changes.vectors.iter().chain(&edited).chain(&named.rarity));
        let changed = mask(&mut changes.vectors.iter().chain(&edited));
        let mut near_story = Vec::new();
        let mut near_related = named.near;
        for &(t, i) in &changes.postings {
            c.vectors.near_in_posting(t, i, stories::PER_TERM + 1, &mut near_story);
            c.vectors.near_in_posting(t, i, related::PER_LIST + 1, &mut near_related);
        }
        near_in_topics(c, old, &mut near_related);
        if let Some((r, gaps)) = moves {
            near_related.extend(gaps);
            super::moves::near_moved(c, r, old, (&mut near_story, &mut near_related));
        }
        let top: Vec<usize> = changes.top_terms.iter().copied().collect();
        let story_again = Marks::new(n, top.iter().copied().chain(near_story));
        tracing::debug!("organize: story candidates again for {} articles", story_again.list.len());
        let related_again = Marks::new(n, top.into_iter().chain(near_related).chain(edited));
        tracing::debug!("organize: related candidates again for {} articles", related_again.list.len());
        Affected { differ, changed, story_again, related_again }
    }
}

/// The articles near an edited one in the lists of its old and new topic, when it changed
/// topic (see [`near_in`]).
fn near_in_topics(c: &Corpus, old: &[(usize, &Article)], out: &mut Vec<usize>) {
    for &(i, before) in old {
        if before.meta.topic != c.articles[i].meta.topic {
            for topic in [&before.meta.topic, &c.articles[i].meta.topic].into_iter().flatten() {
                if let Some(list) = c.by_topic.get(topic.as_str()) {
                    near_in(list, i, related::PER_LIST + 1, out);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_affects_the_edited_article_and_those_its_changes_reach() {
        let config =
            crate::config::Config::parse(std::path::Path::new("."), "title: T\nbase_url: https://e.org/\n", None)
                .unwrap();
        let article = |topic: &str| {
            let mut a = crate::organize::similarity::tests::article(&[(1, 2), (2, 1)]);
            a.meta.topic = Some(topic.into());
            a
        };
        let articles = [article("a"), article("a"), article("b")];
        let (vectors, entities) = (
            crate::organize::similarity::Vectors::build(&articles),
            crate::organize::entities::collect(&config, &articles),
        );
        let c = Corpus::new(&config, &articles, &vectors, &entities);
        // Article 2 moved from topic `a` to `b`; its vector and names did not change.
        let before = article("a");
        let named = EntityChanges { near: vec![], rarity: vec![1] };
        let affected = Affected::new(&c, &[(2, &before)], None, named, &VectorChanges::default());
        assert_eq!(affected.differ, vec![false, true, true], "edited, and a name's rarity changed");
        assert_eq!(affected.changed, vec![false, false, true]);
        assert!(affected.story_again.list.is_empty(), "no characteristic term or list changed");
        assert_eq!(affected.related_again.list, vec![0, 1, 2], "its old topic's articles pick again");
    }

    #[test]
    fn marks_hold_each_article_once_in_order() {
        let m = Marks::new(6, [4, 1, 4, 2]);
        assert_eq!(m.list, vec![1, 2, 4]);
        assert_eq!(m.mask, vec![false, true, true, false, true, false]);
    }
}
