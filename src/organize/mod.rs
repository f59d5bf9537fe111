//! Stage 2, organizing: groups loaded content into editions, topics and cross-links.
//!
//! Everything here works on indices into `Content::articles` (sorted newest first), so the
//! organized site is a set of small index vectors beside the content, never copies of it.

mod links;

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::config::Config;
use crate::content::Content;

pub use links::ArticleLinks;

/// One daily edition: the articles and notes of one local day.
#[derive(Debug, Clone)]
pub struct Edition {
    pub day: NaiveDate,
    /// Site-relative path (`editions/2026/11/18/`).
    pub path: String,
    /// Articles of the day, newest first.
    pub articles: Vec<usize>,
    /// Notes attached to the day.
    pub notes: Vec<usize>,
}

/// A topic with its articles (newest first) and the notes about it.
#[derive(Debug, Clone)]
pub struct TopicGroup {
    pub slug: String,
    pub path: String,
    pub articles: Vec<usize>,
    pub notes: Vec<usize>,
}

/// The organized site: content plus the structure built over it.
#[derive(Debug)]
pub struct Site {
    pub content: Content,
    /// Newest first.
    pub editions: Vec<Edition>,
    /// In the order of `site.yaml`.
    pub topics: Vec<TopicGroup>,
    /// Per article (same index as `content.articles`).
    pub article_links: Vec<ArticleLinks>,
    /// year → month → edition indices (newest first inside a month).
    pub archive: BTreeMap<i32, BTreeMap<u32, Vec<usize>>>,
}

impl Site {
    pub fn edition_of_day(&self, day: NaiveDate) -> Option<usize> {
        // Editions are sorted newest first.
        self.editions.binary_search_by(|e| day.cmp(&e.day)).ok()
    }
}

/// Organizes loaded content.
pub fn organize(config: &Config, content: Content) -> Site {
    let editions = group_editions(&content);
    let topics = group_topics(config, &content);
    let mut site = Site { content, editions, topics, article_links: Vec::new(), archive: BTreeMap::new() };
    attach_notes(&mut site);
    site.article_links = links::article_links(&site);
    for (i, e) in site.editions.iter().enumerate() {
        site.archive.entry(e.day.year()).or_default().entry(e.day.month()).or_default().push(i);
    }
    site
}

fn edition_path(day: NaiveDate) -> String {
    format!("editions/{}/", day.format("%Y/%m/%d"))
}

fn group_editions(content: &Content) -> Vec<Edition> {
    let mut by_day: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for (i, a) in content.articles.iter().enumerate() {
        by_day.entry(a.day).or_default().push(i);
    }
    by_day
        .into_iter()
        .rev()
        .map(|(day, articles)| Edition { day, path: edition_path(day), articles, notes: Vec::new() })
        .collect()
}

fn group_topics(config: &Config, content: &Content) -> Vec<TopicGroup> {
    let mut topics: Vec<TopicGroup> = config
        .site
        .topics
        .iter()
        .map(|t| TopicGroup {
            slug: t.slug.clone(),
            path: format!("topics/{}/", t.slug),
            articles: Vec::new(),
            notes: Vec::new(),
        })
        .collect();
    let position: BTreeMap<&str, usize> =
        config.site.topics.iter().enumerate().map(|(i, t)| (t.slug.as_str(), i)).collect();
    for (i, a) in content.articles.iter().enumerate() {
        if let Some(&t) = a.meta.topic.as_deref().and_then(|slug| position.get(slug)) {
            topics[t].articles.push(i);
        }
    }
    topics
}

/// Puts every note on the edition of its day and on the topics it names.
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
    }
}
