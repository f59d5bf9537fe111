//! List cards: an article as the lists of every page kind show it (title, outlet, date,
//! summary, topic), with its story's other coverage on edition and topic entries, grouped by
//! day. A plain card is the same on every page that lists it, so the page renderer makes it
//! once per build ([`CardCache`](super::context::CardCache)) and hands the same template
//! value to each page.

use serde::Serialize;

use super::context::{iso, Ctx, TopicLink};
use crate::content::Article;

/// An article in a list.
#[derive(Serialize)]
pub struct Card<'a> {
    pub title: &'a str,
    pub url: String,
    pub source: Option<&'a str>,
    /// The outlet's page (`/sources/<slug>/`).
    pub source_page: Option<String>,
    /// `metered` or `hard` when the original is behind a paywall.
    pub paywall: Option<&'static str>,
    pub authors: &'a [String],
    pub date: String,
    pub date_display: String,
    pub time_display: String,
    pub summary: &'a str,
    pub topic: Option<TopicLink<'a>>,
    pub reading_minutes: usize,
    /// Set when the card stands for a story covered by several sources.
    pub story: Option<StoryBadge<'a>>,
    /// The article's language, when it is not the site's (for `lang` on the card).
    pub lang: Option<&'a str>,
    /// The article's direction, when it differs from the site's (`dir` on the card).
    pub dir: Option<&'static str>,
}

/// A story's other coverage, shown under its lead ("+N sources").
#[derive(Serialize)]
pub struct StoryBadge<'a> {
    pub url: String,
    pub sources: usize,
    /// Number of other articles.
    pub count: usize,
    pub more: Vec<Coverage<'a>>,
}

/// One article of a story's coverage.
#[derive(Serialize)]
pub struct Coverage<'a> {
    pub title: &'a str,
    pub url: String,
    pub source: Option<&'a str>,
    /// The outlet's page (`/sources/<slug>/`).
    pub source_page: Option<String>,
    /// `metered` or `hard` when the original is behind a paywall.
    pub paywall: Option<&'static str>,
    pub date: String,
    pub date_display: String,
    pub time_display: String,
    /// A syndicated copy of another article in the story.
    pub syndicated: bool,
}

/// Articles of one day.
#[derive(Serialize)]
pub struct DayGroup<'a> {
    pub date: String,
    pub date_display: String,
    pub items: Vec<Listed<'a>>,
}

/// A card in a list: the article's plain card as a template value made once per build and
/// shared by every page that lists it, or a card of its own (with a story badge, or with
/// absolute links for e-mail). Either way the template sees the same fields.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Listed<'a> {
    Shared(tera::Value),
    Own(Box<Card<'a>>),
}

impl<'a> Ctx<'a> {
    pub fn card(&self, i: usize) -> Card<'a> {
        let (lang, dir) = self.other_language(&self.site.content.articles[i]);
        let a: &'a Article = &self.site.content.articles[i];
        Card {
            title: &a.meta.title,
            url: self.url(&a.doc.path),
            source: a.meta.source.as_deref(),
            source_page: self.source_page(i),
            paywall: self.paywall(i),
            authors: &a.meta.authors,
            date: iso(&a.date),
            date_display: self.date_display(a.day),
            time_display: self.time_display(&a.date),
            summary: &a.doc.summary,
            topic: self.topic_link(a.meta.topic.as_deref()),
            reading_minutes: a.doc.reading_minutes(),
            story: None,
            lang,
            dir,
        }
    }

    /// Article `i`'s card for a list: the shared one when this context keeps them (its links
    /// are relative, so one card serves every page).
    pub fn listed(&self, i: usize) -> Listed<'a> {
        let slot = self.cards.filter(|_| !self.absolute).and_then(|c| c.slot(i));
        let shared = slot.and_then(|slot| match slot.get() {
            Some(value) => Some(value.clone()),
            // Serialising our own card cannot fail; if it did, the card is made in place.
            None => tera::Value::try_from_serializable(&self.card(i)).ok().map(|v| slot.get_or_init(|| v).clone()),
        });
        match shared {
            Some(value) => Listed::Shared(value),
            None => Listed::Own(Box::new(self.card(i))),
        }
    }

    /// A card for an edition or topic entry: the lead, with its story's other coverage.
    pub fn item_card(&self, item: &crate::organize::EditionItem) -> Card<'a> {
        let mut card = self.card(item.lead);
        card.story = item.story.map(|s| {
            let story = &self.site.stories[s];
            let more: Vec<Coverage> =
                story.articles.iter().filter(|&&j| j != item.lead).map(|&j| self.coverage(j)).collect();
            StoryBadge { url: self.url(&story.path), sources: story.sources, count: more.len(), more }
        });
        card
    }

    pub fn coverage(&self, i: usize) -> Coverage<'a> {
        let a: &'a Article = &self.site.content.articles[i];
        let syndicated = self.site.story_of[i].is_some_and(|s| self.site.stories[s].duplicate_of(i).is_some());
        Coverage {
            title: &a.meta.title,
            url: self.url(&a.doc.path),
            source: a.meta.source.as_deref(),
            source_page: self.source_page(i),
            paywall: self.paywall(i),
            date: iso(&a.date),
            date_display: self.date_display(a.day),
            time_display: self.time_display(&a.date),
            syndicated,
        }
    }

    /// Groups edition/topic entries (newest first) by the day of their lead.
    pub fn items_by_day(&self, items: &[crate::organize::EditionItem]) -> Vec<DayGroup<'a>> {
        self.group_by_day(items.iter().map(|item| (item.lead, self.listed_item(item))))
    }

    /// An edition or topic entry for a list: its own card when it has a story badge, else
    /// the shared one.
    pub fn listed_item(&self, item: &crate::organize::EditionItem) -> Listed<'a> {
        match item.story {
            Some(_) => Listed::Own(Box::new(self.item_card(item))),
            None => self.listed(item.lead),
        }
    }

    /// Groups article indices (newest first) by day.
    pub fn by_day(&self, articles: &[usize]) -> Vec<DayGroup<'a>> {
        self.group_by_day(articles.iter().map(|&i| (i, self.listed(i))))
    }

    /// Puts cards into consecutive groups by the day of the article each stands for.
    fn group_by_day(&self, cards: impl Iterator<Item = (usize, Listed<'a>)>) -> Vec<DayGroup<'a>> {
        let mut groups: Vec<DayGroup<'a>> = Vec::new();
        for (i, card) in cards {
            let day = self.site.content.articles[i].day;
            let date = day.format("%Y-%m-%d").to_string();
            match groups.last_mut() {
                Some(g) if g.date == date => g.items.push(card),
                _ => groups.push(DayGroup { date, date_display: self.date_display(day), items: vec![card] }),
            }
        }
        groups
    }
}
