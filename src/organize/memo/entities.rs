//! The entities after an edit (`serve`): the names of a few articles changed, so their
//! entities gain or lose those articles, are named again, appear or disappear — as
//! collecting them from scratch would find them — and the stages after learn which articles'
//! candidates that can change.

use std::collections::BTreeMap;

use super::super::entities::{alias_map, mentions, pick_name, Entities, Entity, EntityKind, Mention};
use super::super::nearest::near_in;
use crate::config::Config;
use crate::content::Article;

/// What an update touched: entity (kind, slug) → its number of articles before; the
/// (kind, slug, article) memberships that changed; whether entities came or went.
#[derive(Default)]
struct Tally {
    counts: BTreeMap<(EntityKind, String), usize>,
    moved: Vec<(EntityKind, String, usize)>,
    renumber: bool,
}

/// What [`Entities::update`] changed, for the stages after it.
#[derive(Debug, Default)]
pub(super) struct EntityChanges {
    /// Articles near a changed article in an entity's list (see [`near_in`]).
    pub(super) near: Vec<usize>,
    /// Articles of people, organisations and places that became rare or stopped being rare.
    pub(super) rarity: Vec<usize>,
}

impl Entities {
    /// Brings the entities up to date after the names of some articles changed (`old`: their
    /// index and previous version; the article order is unchanged), as collecting them from
    /// scratch would find them. `rare` is the limit of [`Entities::shared_rare`]; `reach` that of
    /// [`EntityChanges::near`].
    pub(super) fn update(
        &mut self,
        config: &Config,
        articles: &[Article],
        old: &[(usize, &Article)],
        rare: usize,
        reach: usize,
    ) -> EntityChanges {
        let aliases = alias_map(config);
        let mut tally = Tally::default();
        for &(i, before) in old {
            let (was, is) = (mentions(&aliases, before), mentions(&aliases, &articles[i]));
            if was != is {
                self.forget(i, was, &mut tally);
                self.record(i, is, &mut tally);
            }
        }
        let changes = self.settle(&mut tally, rare, reach);
        if tally.renumber {
            self.reindex();
        } else {
            for &(i, _) in old {
                let mentioned = mentions(&aliases, &articles[i]);
                let found = |m: &&Mention| self.find(m.0, &m.1).ok().map(|e| e as u32);
                let (sources, named): (Vec<_>, Vec<_>) = mentioned.iter().partition(|m| m.0 == EntityKind::Source);
                let mut ids: Vec<u32> = named.iter().filter_map(found).collect();
                ids.sort_unstable();
                ids.dedup();
                self.source_of[i] = sources.iter().find_map(found);
                self.of_article[i] = ids;
            }
        }
        changes
    }

    /// Takes article `i`'s previous mentions out.
    fn forget(&mut self, i: usize, was: Vec<Mention>, tally: &mut Tally) {
        for (kind, slug, name) in was {
            let Ok(e) = self.find(kind, &slug) else { continue };
            tally.counts.entry((kind, slug.clone())).or_insert(self.all[e].articles.len());
            if let Some(n) = self.spellings[e].get_mut(&name) {
                *n -= 1;
                if *n == 0 {
                    self.spellings[e].remove(&name);
                }
            }
            if let Ok(pos) = self.all[e].articles.binary_search(&i) {
                self.all[e].articles.remove(pos);
                tally.moved.push((kind, slug, i));
            }
        }
    }

    /// Puts article `i`'s mentions in, adding entities it is the first to name.
    fn record(&mut self, i: usize, is: Vec<Mention>, tally: &mut Tally) {
        for (kind, slug, name) in is {
            let e = self.find(kind, &slug).unwrap_or_else(|at| {
                let path = format!("{}/{slug}/", kind.dir());
                let entity = Entity { kind, slug: slug.clone(), name: String::new(), path, articles: Vec::new() };
                self.all.insert(at, entity);
                self.spellings.insert(at, BTreeMap::new());
                tally.renumber = true;
                at
            });
            tally.counts.entry((kind, slug.clone())).or_insert(self.all[e].articles.len());
            *self.spellings[e].entry(name).or_insert(0) += 1;
            if let Err(pos) = self.all[e].articles.binary_search(&i) {
                self.all[e].articles.insert(pos, i);
                tally.moved.push((kind, slug, i));
            }
        }
    }

    /// Names again the entities touched, drops those no article names any more, and says
    /// what changed for the stages after.
    fn settle(&mut self, tally: &mut Tally, rare: usize, reach: usize) -> EntityChanges {
        let mut changes = EntityChanges::default();
        for (kind, slug, i) in &tally.moved {
            if let Ok(e) = self.find(*kind, slug) {
                near_in(&self.all[e].articles, *i, reach, &mut changes.near);
            }
        }
        for ((kind, slug), &before) in &tally.counts {
            let Ok(e) = self.find(*kind, slug) else { continue };
            let now = self.all[e].articles.len();
            if !matches!(kind, EntityKind::Tag | EntityKind::Source) && (before <= rare) != (now <= rare) {
                changes.rarity.extend(&self.all[e].articles);
            }
            if now == 0 {
                self.all.remove(e);
                self.spellings.remove(e);
                tally.renumber = true;
            } else {
                self.all[e].name = pick_name(&self.spellings[e]);
            }
        }
        changes
    }

    /// Rebuilds `of_article` and `first_tag` after entities were added or removed.
    fn reindex(&mut self) {
        self.of_article.iter_mut().for_each(Vec::clear);
        self.source_of.iter_mut().for_each(|s| *s = None);
        for id in 0..self.all.len() {
            let kind = self.all[id].kind;
            for k in 0..self.all[id].articles.len() {
                self.note(kind, self.all[id].articles[k], id as u32);
            }
        }
        self.first_tag = self.all.iter().filter(|e| e.kind != EntityKind::Tag).count() as u32;
    }
}
