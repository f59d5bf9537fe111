//! People, organisations, places, outlets (an article's `source`) and tags: each value gets a
//! page listing its articles.
//!
//! Names are matched case- and accent-insensitively (through their slug), after the
//! `aliases:` map of site.yaml joins variant spellings to one canonical name. Outlets are
//! entities like the others but stay out of `of_article` (kept in `source_of`): the outlet
//! that published two reports says nothing about whether they tell the same event, so story
//! clustering and related articles never see it.

use std::collections::{BTreeMap, HashMap};

use crate::config::{Config, Paywall};
use crate::content::Article;
use crate::slug::slugify;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    /// The outlet that published the article (its `source`). Sorts before tags so that
    /// tags stay the last ids (see [`Entities::first_tag`]).
    Source,
    Tag,
}

impl EntityKind {
    pub const ALL: [EntityKind; 5] =
        [EntityKind::Person, EntityKind::Organization, EntityKind::Place, EntityKind::Source, EntityKind::Tag];

    /// The URL folder: `/people/`, `/organizations/`, `/places/`, `/tags/`.
    pub fn dir(self) -> &'static str {
        match self {
            EntityKind::Person => "people",
            EntityKind::Organization => "organizations",
            EntityKind::Place => "places",
            EntityKind::Source => "sources",
            EntityKind::Tag => "tags",
        }
    }

    /// The key of this kind's name in the theme's translation files.
    pub fn key(self) -> &'static str {
        match self {
            EntityKind::Person => "people",
            EntityKind::Organization => "organizations",
            EntityKind::Place => "places",
            EntityKind::Source => "outlets",
            EntityKind::Tag => "tags",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            EntityKind::Person => "People",
            EntityKind::Organization => "Organisations",
            EntityKind::Place => "Places",
            EntityKind::Source => "Outlets",
            EntityKind::Tag => "Tags",
        }
    }

    fn names(self, a: &Article) -> &[String] {
        match self {
            EntityKind::Person => &a.meta.people,
            EntityKind::Organization => &a.meta.organizations,
            EntityKind::Place => &a.meta.places,
            EntityKind::Source => a.meta.source.as_slice(),
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
    /// Per article: the entities it names (indices into `all`), sorted; never its outlet.
    pub of_article: Vec<Vec<u32>>,
    /// Per article: its outlet (index into `all`), if it names one.
    pub source_of: Vec<Option<u32>>,
    /// The outlets site.yaml's `sources:` puts behind a paywall, by slug (site.yaml changes
    /// rebuild everything, so `memo/` never needs to update it).
    pub paywalls: BTreeMap<String, Paywall>,
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

    /// Records that article `i` names entity `id` of `kind` (ids must come in increasing order).
    pub(super) fn note(&mut self, kind: EntityKind, i: usize, id: u32) {
        if kind == EntityKind::Source {
            self.source_of[i] = Some(id);
        } else {
            self.of_article[i].push(id);
        }
    }

    /// Whether article `i`'s original is behind a paywall: its front matter's `paywall:`
    /// wins (`true` takes the outlet's kind, or `hard`), then its outlet's.
    pub fn paywall(&self, i: usize, front_matter: Option<bool>) -> Paywall {
        let outlet = self.source_of[i].and_then(|e| self.paywalls.get(&self.all[e as usize].slug).copied());
        match (front_matter, outlet) {
            (Some(false), _) => Paywall::None,
            (Some(true), Some(kind)) => kind,
            (Some(true), None) => Paywall::Hard,
            (None, kind) => kind.unwrap_or_default(),
        }
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
        source_of: vec![None; articles.len()],
        paywalls: config
            .site
            .sources
            .iter()
            .filter(|(_, info)| info.paywall != Paywall::None)
            .map(|(name, info)| (config.site.outlet_slug(name), info.paywall))
            .collect(),
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
            entities.note(kind, i, id);
        }
        let path = format!("{}/{slug}/", kind.dir());
        entities.all.push(Entity { kind, slug, name, path, articles: list });
        entities.spellings.push(spellings);
    }
    entities
}
