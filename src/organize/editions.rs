//! Editions: the articles of one local day (or ISO week), ranked as stories.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::stories::Story;
use crate::content::Content;

/// One entry of an edition: a story shown once (its lead and the other coverage), or a
/// single article.
#[derive(Debug, Clone)]
pub struct EditionItem {
    pub lead: usize,
    pub story: Option<usize>,
}

/// One daily or weekly edition.
#[derive(Debug, Clone)]
pub struct Edition {
    /// The day (for a weekly edition: its Monday).
    pub day: NaiveDate,
    pub weekly: bool,
    /// Site-relative path (`editions/2026/11/18/` or `editions/2026/w47/`).
    pub path: String,
    /// Articles of the edition, newest first.
    pub articles: Vec<usize>,
    /// Stories and single articles, ranked: most sources first, then most recent.
    pub items: Vec<EditionItem>,
    /// Notes attached to the edition.
    pub notes: Vec<usize>,
}

pub fn daily(content: &Content, stories: &[Story], story_of: &[Option<usize>]) -> Vec<Edition> {
    let mut by_day: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for (i, a) in content.articles.iter().enumerate() {
        by_day.entry(a.day).or_default().push(i);
    }
    by_day
        .into_iter()
        .rev()
        .map(|(day, articles)| {
            let path = format!("editions/{}/", day.format("%Y/%m/%d"));
            let items = rank(&articles, stories, story_of, true);
            Edition { day, weekly: false, path, articles, items, notes: Vec::new() }
        })
        .collect()
}

pub fn weekly(content: &Content, stories: &[Story], story_of: &[Option<usize>]) -> Vec<Edition> {
    let mut by_week: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for (i, a) in content.articles.iter().enumerate() {
        let monday = a.day - chrono::Duration::days(i64::from(a.day.weekday().num_days_from_monday()));
        by_week.entry(monday).or_default().push(i);
    }
    by_week
        .into_iter()
        .rev()
        .map(|(day, articles)| {
            let week = day.iso_week();
            let path = format!("editions/{}/w{:02}/", week.year(), week.week());
            let items = rank(&articles, stories, story_of, true);
            Edition { day, weekly: true, path, articles, items, notes: Vec::new() }
        })
        .collect()
}

/// Shows each story once (led by its lead when the lead is in the list, else by its newest
/// member there), in order of recency, or ranked by number of sources first when `by_sources`.
pub fn rank(articles: &[usize], stories: &[Story], story_of: &[Option<usize>], by_sources: bool) -> Vec<EditionItem> {
    let mut items: Vec<EditionItem> = Vec::new();
    let mut seen: std::collections::HashSet<usize, foldhash::fast::FixedState> = Default::default();
    for &i in articles {
        match story_of[i] {
            Some(s) if !seen.insert(s) => {}
            Some(s) => {
                let lead = if articles.binary_search(&stories[s].lead).is_ok() { stories[s].lead } else { i };
                items.push(EditionItem { lead, story: Some(s) });
            }
            None => items.push(EditionItem { lead: i, story: None }),
        }
    }
    // `articles` is newest first, so a stable sort keeps recency as the tie-break.
    if by_sources {
        items.sort_by_key(|item| std::cmp::Reverse(item.story.map_or(1, |s| stories[s].sources)));
    }
    items
}
