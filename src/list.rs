//! `gazette list`: the organized site as data, without writing it — for scripts and tests.

use serde::Serialize;

use crate::config::Config;
use crate::organize::{EntityKind, Site};

#[derive(Serialize)]
pub struct Listing {
    pub articles: Vec<ArticleEntry>,
    pub stories: Vec<StoryEntry>,
    pub editions: Vec<EditionEntry>,
    pub notes: Vec<NoteEntry>,
}

#[derive(Serialize)]
pub struct ArticleEntry {
    /// The file, relative to the site root.
    pub path: String,
    pub url: String,
    pub title: String,
    pub date: String,
    /// The day of its daily edition (`YYYY-MM-DD`).
    pub edition: String,
    pub topic: Option<String>,
    pub source: Option<String>,
    pub story: Option<String>,
    /// URL of the article this one is a syndicated copy of.
    pub duplicate_of: Option<String>,
    pub people: Vec<String>,
    pub organizations: Vec<String>,
    pub places: Vec<String>,
    pub tags: Vec<String>,
    /// URLs of related articles, best first.
    pub related: Vec<String>,
}

#[derive(Serialize)]
pub struct StoryEntry {
    pub id: String,
    pub url: String,
    pub lead: String,
    pub sources: usize,
    /// Member URLs, oldest first.
    pub members: Vec<String>,
}

#[derive(Serialize)]
pub struct EditionEntry {
    pub date: String,
    pub url: String,
    pub articles: usize,
    /// Story ids and single-article URLs in ranked order.
    pub items: Vec<String>,
}

#[derive(Serialize)]
pub struct NoteEntry {
    pub path: String,
    pub url: String,
    pub title: String,
    pub edition: String,
    pub story: Option<String>,
}

/// Describes the organized site.
pub fn listing(config: &Config, site: &Site) -> Listing {
    let url = |i: usize| config.url.path(&site.content.articles[i].doc.path);
    let articles = (0..site.content.articles.len()).map(|i| article_entry(config, site, i)).collect();
    let stories = site
        .stories
        .iter()
        .map(|s| StoryEntry {
            id: s.id.clone(),
            url: config.url.path(&s.path),
            lead: url(s.lead),
            sources: s.sources,
            members: s.articles.iter().map(|&i| url(i)).collect(),
        })
        .collect();
    let editions = site
        .editions
        .iter()
        .map(|e| EditionEntry {
            date: e.day.to_string(),
            url: config.url.path(&e.path),
            articles: e.articles.len(),
            items: e
                .items
                .iter()
                .map(|it| it.story.map_or_else(|| url(it.lead), |s| site.stories[s].id.clone()))
                .collect(),
        })
        .collect();
    let notes = site
        .content
        .notes
        .iter()
        .map(|n| NoteEntry {
            path: n.doc.file.to_string_lossy().replace('\\', "/"),
            url: config.url.path(&n.doc.path),
            title: n.meta.title.clone(),
            edition: n.edition.to_string(),
            story: n.meta.story.clone(),
        })
        .collect();
    Listing { articles, stories, editions, notes }
}

/// Article `i` with its story, entities and related articles.
fn article_entry(config: &Config, site: &Site, i: usize) -> ArticleEntry {
    let url = |i: usize| config.url.path(&site.content.articles[i].doc.path);
    let entity_names = |kind: EntityKind| -> Vec<String> {
        let entities = &site.entities;
        let named = entities.of_article[i].iter().map(|&e| &entities.all[e as usize]);
        named.filter(|e| e.kind == kind).map(|e| e.name.clone()).collect()
    };
    let a = &site.content.articles[i];
    let story = site.story_of[i].map(|s| &site.stories[s]);
    ArticleEntry {
        path: a.doc.file.to_string_lossy().replace('\\', "/"),
        url: url(i),
        title: a.meta.title.clone(),
        date: a.date.to_rfc3339(),
        edition: a.day.to_string(),
        topic: a.meta.topic.clone(),
        source: a.meta.source.clone(),
        story: story.map(|s| s.id.clone()),
        duplicate_of: story.and_then(|s| s.duplicate_of(i)).map(url),
        people: entity_names(EntityKind::Person),
        organizations: entity_names(EntityKind::Organization),
        places: entity_names(EntityKind::Place),
        tags: entity_names(EntityKind::Tag),
        related: site.related[i].iter().map(|&j| url(j)).collect(),
    }
}

/// One line per article: date, topic, story, title, URL.
pub fn to_text(listing: &Listing) -> String {
    let mut out = String::new();
    for a in &listing.articles {
        out.push_str(&format!(
            "{}  {:<12} {:<40} {}  {}\n",
            &a.date[..16.min(a.date.len())],
            a.topic.as_deref().unwrap_or("-"),
            a.story.as_deref().unwrap_or("-"),
            a.title,
            a.url
        ));
    }
    out
}
