//! Stage 2, organizing: turns loaded content into the digest's structure — daily and weekly
//! editions, topics, stories across sources, related articles, entity pages, cross-links.
//!
//! Everything here works on indices into `Content::articles` (sorted newest first), so the
//! organized site is a set of small index vectors beside the content, never copies of it.
//!
//! The files are layers, each using only those below it:
//!
//! ```text
//! memo/ (incremental updates for `serve`)
//!   └ cluster.rs (from scratch)
//!       └ stories.rs, related.rs
//!           └ corpus.rs
//!               └ similarity.rs, entities.rs
//!                   └ reorder.rs
//!                       └ nearest.rs
//! ```
//!
//! and this file, with `editions.rs` and `links.rs`, assembles the site from the clusters.

mod cluster;
mod corpus;
pub mod editions;
pub mod entities;
mod links;
mod memo;
mod nearest;
mod related;
mod reorder;
mod similarity;
pub mod stories;

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::config::Config;
use crate::content::{Article, Content};

use cluster::Clustered;
pub use editions::{Edition, EditionItem};
pub use entities::{Entities, Entity, EntityKind};
pub use links::ArticleLinks;
pub use memo::Memo;
pub use stories::Story;

/// A topic with its entries (stories shown once, newest first) and the notes about it.
#[derive(Debug, Clone)]
pub struct TopicGroup {
    pub slug: String,
    pub path: String,
    /// All articles of the topic, newest first.
    pub articles: Vec<usize>,
    /// One entry per story or single article, newest first.
    pub items: Vec<EditionItem>,
    pub notes: Vec<usize>,
}

/// The organized site: content plus the structure built over it.
#[derive(Debug)]
pub struct Site {
    pub content: Content,
    /// Daily editions, newest first.
    pub editions: Vec<Edition>,
    /// Weekly editions, newest first (empty unless `weekly_editions: true`).
    pub weekly: Vec<Edition>,
    /// In the order of `site.yaml`.
    pub topics: Vec<TopicGroup>,
    pub stories: Vec<Story>,
    /// Per article: its story.
    pub story_of: Vec<Option<usize>>,
    /// Per article: related articles outside its story, best first.
    pub related: Vec<Vec<usize>>,
    pub entities: Entities,
    /// Per article (same index as `content.articles`).
    pub article_links: Vec<ArticleLinks>,
    /// year → month → daily edition indices (newest first inside a month).
    pub archive: BTreeMap<i32, BTreeMap<u32, Vec<usize>>>,
    /// Problems found while organizing (e.g. a note about a story that does not exist).
    pub warnings: crate::diagnostics::Diagnostics,
}

impl Site {
    pub fn edition_of_day(&self, day: NaiveDate) -> Option<usize> {
        // Editions are sorted newest first.
        self.editions.binary_search_by(|e| day.cmp(&e.day)).ok()
    }
}

/// CPU time used by this process so far (Linux), for the debug log: wall time says little
/// on a busy machine.
pub(crate) fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks * 10.0) // USER_HZ is 100 on Linux
}

/// Organizes loaded content.
pub fn organize(config: &Config, content: Content) -> Site {
    organize_keeping(config, content).0
}

/// Organizes loaded content and keeps what [`update`] needs to organize it again after an
/// edit (for `serve`).
pub fn organize_keeping(config: &Config, content: Content) -> (Site, Memo) {
    let cpu_start = cpu_ms();
    let wall_start = std::time::Instant::now();
    let t = std::time::Instant::now();
    let entities = entities::collect(config, &content.articles);
    tracing::debug!("organize: entities in {:?}", t.elapsed());
    let (clustered, vectors, picks) = cluster::cluster(config, &content.articles, &entities);
    let site = assemble(config, content, entities, clustered);
    if let (Some(a), Some(b)) = (cpu_start, cpu_ms()) {
        tracing::debug!(
            "organize: {} articles in {:?} wall, {:.0} ms CPU",
            site.content.articles.len(),
            wall_start.elapsed(),
            b - a
        );
    }
    (site, Memo::new(vectors, picks))
}

/// Above this many articles whose index changed (or 5% of all), [`update`] organizes everything.
const MAX_SHIFTED: usize = 64;

/// Organizes `site` again after its content changed, as [`organize`] would from scratch.
///
/// `old` lists the articles replaced since (new index, previous version); pages may have
/// changed in any way, notes too when `notes_changed`. When those articles kept their keys
/// (a date may have changed, moving a few articles to other indices), only the work their
/// changes affect is done again ([`Memo::update`]); otherwise, when many articles moved, or
/// when `memo` is `None`, everything is.
pub fn update(
    config: &Config,
    site: &mut Site,
    memo: &mut Option<Memo>,
    old: &[(usize, Article)],
    notes_changed: bool,
) {
    let content = std::mem::take(&mut site.content);
    let n = content.articles.len();
    let same_keys = old.iter().all(|(i, before)| content.articles.get(*i).is_some_and(|a| a.doc.key == before.doc.key));
    let old: Vec<(usize, &Article)> = old.iter().map(|(i, a)| (*i, a)).collect();
    let reorder = if same_keys { reorder::Reorder::new(&content.articles, &old) } else { None };
    // Articles moving far shift many others, and nearly everything is done again anyway.
    let few_shifted = reorder.as_ref().is_none_or(|r| r.shifted.len() <= MAX_SHIFTED.max(n / 20));
    let memo = match memo {
        Some(memo) if same_keys && few_shifted && site.entities.of_article.len() == n => memo,
        _ => {
            let (fresh, kept) = organize_keeping(config, content);
            *site = fresh;
            *memo = Some(kept);
            return;
        }
    };
    let mut entities = std::mem::take(&mut site.entities);
    let mut clustered = Clustered {
        stories: std::mem::take(&mut site.stories),
        story_of: std::mem::take(&mut site.story_of),
        related: std::mem::take(&mut site.related),
    };
    let t = std::time::Instant::now();
    let stories_changed = !old.is_empty()
        && memo.update(config, &content.articles, &mut entities, &old, reorder.as_ref(), &mut clustered);
    let clustering = t.elapsed();
    // Editions, topics, notes and cross-links follow from the stories, the notes and each
    // article's day, topic and links: when none of those changed, they stand.
    let same = |&(i, before): &(usize, &Article)| {
        let a = &content.articles[i];
        a.day == before.day && a.meta.topic == before.meta.topic && a.doc.links == before.doc.links
    };
    if reorder.is_none() && !stories_changed && !notes_changed && old.iter().all(same) {
        (site.content, site.entities) = (content, entities);
        (site.stories, site.story_of, site.related) = (clustered.stories, clustered.story_of, clustered.related);
    } else {
        // Notes are attached again.
        clustered.stories.iter_mut().for_each(|s| s.notes.clear());
        *site = assemble(config, content, entities, clustered);
    }
    tracing::debug!("organize: updated, clustering in {clustering:?}, the rest in {:?}", t.elapsed() - clustering);
}

/// The stages after clustering: editions, topics, notes, cross-links and the archive.
fn assemble(config: &Config, content: Content, entities: Entities, clustered: Clustered) -> Site {
    let Clustered { stories, story_of, related } = clustered;
    let editions = editions::daily(&content, &stories, &story_of);
    let weekly = if config.site.weekly_editions { editions::weekly(&content, &stories, &story_of) } else { Vec::new() };
    let topics = group_topics(config, &content, &stories, &story_of);
    let mut site = Site {
        content,
        editions,
        weekly,
        topics,
        stories,
        story_of,
        related,
        entities,
        article_links: Vec::new(),
        archive: BTreeMap::new(),
        warnings: Default::default(),
    };
    attach_notes(&mut site);
    site.article_links = links::article_links(&site);
    for (i, e) in site.editions.iter().enumerate() {
        site.archive.entry(e.day.year()).or_default().entry(e.day.month()).or_default().push(i);
    }
    site
}

fn group_topics(config: &Config, content: &Content, stories: &[Story], story_of: &[Option<usize>]) -> Vec<TopicGroup> {
    let position: BTreeMap<&str, usize> =
        config.site.topics.iter().enumerate().map(|(i, t)| (t.slug.as_str(), i)).collect();
    let mut lists: Vec<Vec<usize>> = vec![Vec::new(); config.site.topics.len()];
    for (i, a) in content.articles.iter().enumerate() {
        if let Some(&t) = a.meta.topic.as_deref().and_then(|slug| position.get(slug)) {
            lists[t].push(i);
        }
    }
    config
        .site
        .topics
        .iter()
        .zip(lists)
        .map(|(t, articles)| {
            // Topic pages run newest first; ranking by sources is for editions only.
            let items = editions::rank(&articles, stories, story_of, false);
            TopicGroup { slug: t.slug.clone(), path: format!("topics/{}/", t.slug), articles, items, notes: Vec::new() }
        })
        .collect()
}

/// Puts every note on the edition of its day, the topics it names and its story.
fn attach_notes(site: &mut Site) {
    for (n, note) in site.content.notes.iter().enumerate() {
        if let Some(e) = site.edition_of_day(note.edition) {
            site.editions[e].notes.push(n);
        }
        for topic in &note.meta.topics {
            if let Some(t) = site.topics.iter_mut().find(|t| &t.slug == topic) {
                t.notes.push(n);
            }
        }
        if let Some(id) = note.meta.story.as_deref() {
            let id = crate::slug::slugify(id);
            match site.stories.iter_mut().find(|s| s.id == id) {
                Some(story) => story.notes.push(n),
                None => {
                    let ids = site.stories.iter().map(|s| s.id.as_str());
                    let help = match crate::diagnostics::did_you_mean(&id, ids) {
                        Some(best) => format!("did you mean `{best}`? (`gazette list` shows story ids)"),
                        None => {
                            "`gazette list` shows the story ids; or give the articles an explicit `story:` id".into()
                        }
                    };
                    let mut d = note
                        .story_key_at
                        .clone()
                        .unwrap_or_else(|| crate::diagnostics::Diagnostic::warning(&note.doc.file, ""));
                    d.message = format!("the note is about story `{id}`, which does not exist");
                    site.warnings.push(d.with_help(help));
                }
            }
        }
    }
}
