//! People, organisations, places and tags: each value gets a page listing its articles.
//!
//! Names are matched case- and accent-insensitively (through their slug), after the
//! `aliases:` map of site.yaml joins variant spellings to one canonical name.

use std::collections::{BTreeMap, HashMap};

use crate::config::Config;
use crate::content::Article;
use crate::slug::slugify;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Tag,
}

impl EntityKind {
    pub const ALL: [EntityKind; 4] = [EntityKind::Person, EntityKind::Organization, EntityKind::Place, EntityKind::Tag];

    /// The URL folder: `/people/`, `/organizations/`, `/places/`, `/tags/`.
    pub fn dir(self) -> &'static str {
        match self {
            EntityKind::Person => "people",
            EntityKind::Organization => "organizations",
            EntityKind::Place => "places",
            EntityKind::Tag => "tags",
        }
    }

    /// The key of this kind's name in the theme's translation files.
    pub fn key(self) -> &'static str {
        match self {
            EntityKind::Person => "people",
            EntityKind::Organization => "organizations",
            EntityKind::Place => "places",
            EntityKind::Tag => "tags",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            EntityKind::Person => "People",
            EntityKind::Organization => "Organisations",
            EntityKind::Place => "Places",
            EntityKind::Tag => "Tags",
        }
    }

    fn names(self, a: &Article) -> &[String] {
        match self {
            EntityKind::Person => &a.meta.people,
            EntityKind::Organization => &a.meta.organizations,
            EntityKind::Place => &a.meta.places,
            EntityKind::Tag => &a.meta.tags,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Entity {
    pub kind: EntityKind,
    pub slug: String,
    /// The most used spelling.
    pub name: String,
    pub path: String,
    /// Articles mentioning it, newest first.
    pub articles: Vec<usize>,
}

#[derive(Debug, Default)]
pub struct Entities {
    /// All entities, sorted by kind then slug.
    pub all: Vec<Entity>,
    /// Per article: the entities it names (indices into `all`), sorted.
    pub of_article: Vec<Vec<u32>>,
    /// Index of the first tag in `all` (tags sort after every other kind).
    pub first_tag: u32,
    /// Per entity: its spellings and how often each is used (to pick the name again after
    /// an edit, in `memo/`).
    pub(super) spellings: Vec<BTreeMap<String, usize>>,
}

impl Entities {
    /// The entity of `kind` named `slug`, or where it would go.
    pub(super) fn find(&self, kind: EntityKind, slug: &str) -> Result<usize, usize> {
        self.all.binary_search_by(|e| (e.kind, e.slug.as_str()).cmp(&(kind, slug)))
    }

    pub fn of_kind(&self, kind: EntityKind) -> impl Iterator<Item = (usize, &Entity)> {
        self.all.iter().enumerate().filter(move |(_, e)| e.kind == kind)
    }

    /// (shared people/organisations/places, shared tags) of two articles, in one merge pass:
    /// entity ids are sorted by kind, so tags are exactly the ids from `first_tag` on.
    pub fn shared_counts(&self, a: usize, b: usize) -> (usize, usize) {
        let (x, y) = (&self.of_article[a], &self.of_article[b]);
        let (mut i, mut j, mut named, mut tags) = (0, 0, 0, 0);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    if x[i] >= self.first_tag {
                        tags += 1;
                    } else {
                        named += 1;
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        (named, tags)
    }

    /// Number of people, organisations and places two articles share that appear in at most
    /// `max_articles` articles: a name everybody mentions says little about the event.
    pub fn shared_rare(&self, a: usize, b: usize, max_articles: usize) -> usize {
        let (x, y) = (&self.of_article[a], &self.of_article[b]);
        x.iter()
            .map(|&e| &self.all[e as usize])
            .zip(x.iter())
            .filter(|(e, id)| {
                e.kind != EntityKind::Tag && e.articles.len() <= max_articles && y.binary_search(id).is_ok()
            })
            .count()
    }
}

/// Spellings seen for one entity (with counts) and the articles naming it.
type Mentions = (BTreeMap<String, usize>, Vec<usize>);

/// One name in an article: kind, slug (after `aliases:`), spelling.
pub(super) type Mention = (EntityKind, String, String);

pub(super) fn alias_map(config: &Config) -> HashMap<String, &str> {
    config.site.aliases.iter().map(|(variant, canon)| (slugify(variant), canon.as_str())).collect()
}

/// Every name an article gives, in front matter order, aliases applied.
pub(super) fn mentions(aliases: &HashMap<String, &str>, a: &Article) -> Vec<Mention> {
    let mut out = Vec::new();
    for kind in EntityKind::ALL {
        for raw in kind.names(a) {
            let name = raw.trim();
            if name.is_empty() {
                continue;
            }
            let name = aliases.get(&slugify(name)).copied().unwrap_or(name);
            out.push((kind, slugify(name), name.to_owned()));
        }
    }
    out
}

/// The most used spelling (ties: the first in sort order).
pub(super) fn pick_name(spellings: &BTreeMap<String, usize>) -> String {
    spellings.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(n, _)| n.clone()).unwrap_or_default()
}

pub fn collect(config: &Config, articles: &[Article]) -> Entities {
    let aliases = alias_map(config);
    let mut found: HashMap<(EntityKind, String), Mentions> = HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        for (kind, slug, name) in mentions(&aliases, a) {
            let entry = found.entry((kind, slug)).or_default();
            *entry.0.entry(name).or_insert(0) += 1;
            if entry.1.last() != Some(&i) {
                entry.1.push(i);
            }
        }
    }
    let mut entities = Entities {
        all: Vec::with_capacity(found.len()),
        of_article: vec![Vec::new(); articles.len()],
        first_tag: 0,
        spellings: Vec::with_capacity(found.len()),
    };
    // Sorted by kind then slug: ids are stable, and tags come last (see `first_tag`).
    let mut found: Vec<_> = found.into_iter().collect();
    found.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for ((kind, slug), (spellings, list)) in found {
        let name = pick_name(&spellings);
        let id = entities.all.len() as u32;
        if kind != EntityKind::Tag {
            entities.first_tag = id + 1;
        }
        for &i in &list {
            entities.of_article[i].push(id);
        }
        let path = format!("{}/{slug}/", kind.dir());
        entities.all.push(Entity { kind, slug, name, path, articles: list });
        entities.spellings.push(spellings);
    }
    entities
}
