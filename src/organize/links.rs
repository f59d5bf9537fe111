//! Cross-links of each article: its edition, neighbours in its topic, notes and backlinks.

use std::collections::HashMap;

use foldhash::fast::FixedState;

use super::Site;

/// Which other documents an article page links to.
#[derive(Debug, Clone, Default)]
pub struct ArticleLinks {
    pub edition: usize,
    /// Newer and older article in the same topic.
    pub newer_in_topic: Option<usize>,
    pub older_in_topic: Option<usize>,
    /// Previous and next article of its story (in time).
    pub previous_in_story: Option<usize>,
    pub next_in_story: Option<usize>,
    /// Notes about this article (named in their `articles:` or linking to it).
    pub notes: Vec<usize>,
    /// Articles whose bodies link to this one.
    pub mentioned_in: Vec<usize>,
}

pub fn article_links(site: &Site) -> Vec<ArticleLinks> {
    let articles = &site.content.articles;
    // Keys are looked up for every link; foldhash is several times faster than SipHash here.
    let mut by_key: HashMap<&str, usize, FixedState> = HashMap::default();
    by_key.reserve(articles.len());
    by_key.extend(articles.iter().enumerate().map(|(i, a)| (a.doc.key.as_str(), i)));
    let mut links: Vec<ArticleLinks> = articles
        .iter()
        .map(|a| ArticleLinks { edition: site.edition_of_day(a.day).unwrap_or(0), ..Default::default() })
        .collect();
    for topic in &site.topics {
        for (pos, &i) in topic.articles.iter().enumerate() {
            links[i].newer_in_topic = pos.checked_sub(1).map(|p| topic.articles[p]);
            links[i].older_in_topic = topic.articles.get(pos + 1).copied();
        }
    }
    for story in &site.stories {
        for (pos, &i) in story.articles.iter().enumerate() {
            links[i].previous_in_story = pos.checked_sub(1).map(|p| story.articles[p]);
            links[i].next_in_story = story.articles.get(pos + 1).copied();
        }
    }
    for (n, note) in site.content.notes.iter().enumerate() {
        let about = note.about_articles.iter().chain(&note.doc.links);
        for i in about.filter_map(|k| by_key.get(k.as_str()).copied()) {
            if !links[i].notes.contains(&n) {
                links[i].notes.push(n);
            }
        }
    }
    for (from, article) in articles.iter().enumerate() {
        for key in &article.doc.links {
            if let Some(&to) = by_key.get(key.as_str()) {
                if to != from && !links[to].mentioned_in.contains(&from) {
                    links[to].mentioned_in.push(from);
                }
            }
        }
    }
    links
}
