//! Page fingerprints: for every page, a hash of everything the page shows, computed from
//! the organized site without building the page's context or rendering it.
//!
//! `serve` keeps the fingerprint of every page; after an edit it renders again only the
//! pages whose fingerprint changed, and removes the pages that no longer exist. Each page
//! kind below hashes exactly the inputs its builder in `pages.rs`, `digest_pages.rs` and
//! `listing_pages.rs` reads — documents through their [`Hashes`], the structure through the
//! values of [`Site`] — so keep the two in step. The site configuration and the theme are
//! not hashed: when they change, `serve` renders everything. The tests in `serve` check that
//! an edit served this way gives the same files as a full build.

mod docs;

use std::hash::{Hash, Hasher};

use rayon::prelude::*;

use super::context::Ctx;
use super::pages::{self, Job};
use crate::organize::{Edition, EditionItem, Site};
pub use docs::{article_hashes, note_hashes, page_hashes, DocHashes, Hashes};
use docs::{hash_of, Fp};

/// Every page of a site with its fingerprint.
#[derive(Default)]
pub struct Prints {
    pub jobs: Vec<Job>,
    pub prints: Vec<u64>,
    /// A hash of every page's output file: when two sets of prints have the same layout,
    /// their pages are the same files in the same order.
    pub layout: u64,
}

/// The fingerprint of every page of `site`.
pub fn fingerprints(ctx: &Ctx, docs: &DocHashes, email: bool) -> Prints {
    let parts = Parts::new(ctx, docs);
    let jobs = pages::jobs(ctx, email);
    let prints = jobs
        .par_iter()
        .map(|&job| {
            let mut h = Fp::default();
            parts.global.hash(&mut h);
            // The kind of page, not its index: indices shift when pages come or go, and the
            // page's output file says which it is.
            std::mem::discriminant(&job).hash(&mut h);
            hash_page(&parts, job, &mut h);
            h.finish()
        })
        .collect();
    Prints { layout: layout(ctx, docs, &jobs), jobs, prints }
}

/// Hashes what decides the output files of `jobs` (see [`pages::file_of`]) without building
/// their names: the jobs and the paths they are named after.
fn layout(ctx: &Ctx, docs: &DocHashes, jobs: &[Job]) -> u64 {
    let site = ctx.site;
    let mut h = Fp::default();
    jobs.hash(&mut h);
    h.each(docs.articles.iter().chain(&docs.notes).chain(&docs.pages).map(|d| d.place));
    h.each(site.editions.iter().chain(&site.weekly).map(|e| &e.path));
    h.each(site.stories.iter().map(|s| &s.path));
    h.each(site.entities.all.iter().map(|e| &e.path));
    h.each(site.topics.iter().map(|t| &t.path));
    h.finish()
}

/// Fingerprints of the feeds and of the sitemaps (with `robots.txt` and the redirect pages of
/// aliases), from what they show:
/// the newest articles of each feed, every page's URL and last change, the news articles.
pub fn extras(ctx: &Ctx, docs: &DocHashes, prints: &Prints) -> (u64, u64) {
    let site = ctx.site;
    let articles = &site.content.articles;
    let limit = ctx.config.site.feed_limit.max(1);
    let mut feeds = Fp::default();
    feeds.each(docs.articles.iter().take(limit).map(|d| d.full));
    for topic in &site.topics {
        feeds.each(topic.articles.iter().take(limit).map(|&i| docs.articles[i].full));
    }
    articles.iter().map(|a| a.updated.filter(|u| *u > a.date).unwrap_or(a.date)).max().hash(&mut feeds);
    family_and_edition_feeds(ctx, docs, prints, &mut feeds);
    let mut maps = Fp::default();
    prints.layout.hash(&mut maps);
    maps.each(articles.iter().map(|a| (a.date, a.updated)));
    for list in site.editions.iter().chain(&site.weekly).map(|e| &e.articles) {
        list.hash(&mut maps);
    }
    site.stories.iter().for_each(|s| s.articles.hash(&mut maps));
    site.entities.all.iter().for_each(|e| e.articles.hash(&mut maps));
    site.topics.iter().for_each(|t| maps.each(t.items.iter().map(|item| item.lead)));
    maps.each(site.content.notes.iter().map(|n| n.date));
    // Redirect pages at aliases are written with the sitemaps.
    articles.iter().for_each(|a| (&a.meta.aliases, &a.meta.title, &a.doc.path).hash(&mut maps));
    maps.each(super::sitemap::news_articles(ctx).iter().map(|&i| docs.articles[i].full));
    (feeds.finish(), maps.finish())
}

/// What the editions feed and the feeds of every family show: the newest daily editions
/// (their stories, and their e-mail pages, which are the entries with a newsletter) and each
/// family page's name and newest articles (see `feeds/families.rs`).
fn family_and_edition_feeds(ctx: &Ctx, docs: &DocHashes, prints: &Prints, h: &mut Fp) {
    let (site, families) = (ctx.site, ctx.config.site.feed_families);
    let limit = ctx.config.site.feed_limit.max(1);
    for ed in site.editions.iter().take(limit) {
        ed.items.iter().for_each(|item| (item.lead, item.story).hash(h));
        h.each(ed.articles.iter().map(|&i| docs.articles[i].full));
    }
    site.stories.iter().for_each(|s| s.articles.len().hash(h));
    let emails = prints.jobs.iter().zip(&prints.prints);
    h.each(emails.filter(|(job, _)| matches!(job, Job::Email(e) if *e < limit)).map(|(_, print)| print));
    let per_feed = limit.min(families.limit.max(1));
    let newest = |list: &[usize], h: &mut Fp| h.each(list.iter().take(per_feed).map(|&i| (i, docs.articles[i].full)));
    for e in &site.entities.all {
        e.name.hash(h);
        newest(&e.articles, h);
    }
    for story in &site.stories {
        docs.articles[story.lead].full.hash(h);
        let mut list = story.articles.clone();
        list.sort_unstable();
        newest(&list, h);
    }
}

/// Hashes of the parts that several pages show, computed once per pass.
struct Parts<'a> {
    site: &'a Site,
    per_page: usize,
    docs: &'a DocHashes,
    /// What every page shows: the pages' titles and URLs in the navigation.
    global: u64,
    /// Per story: everything a story badge, coverage list or story page shows of it.
    stories: Vec<u64>,
    /// Per entity: its link (kind, name, URL).
    entity_links: Vec<u64>,
    /// Per note: the articles whose pages name it.
    articles_of_note: Vec<Vec<usize>>,
}

impl<'a> Parts<'a> {
    fn new(ctx: &Ctx<'a>, docs: &'a DocHashes) -> Parts<'a> {
        let site = ctx.site;
        let card = |i: usize| docs.articles[i].card;
        let global = hash_of(site.content.pages.iter().map(|p| (&p.meta.title, &p.doc.path)).collect::<Vec<_>>());
        let stories = site
            .stories
            .iter()
            .map(|s| {
                let mut h = Fp::default();
                (&s.id, &s.path, s.sources, card(s.lead)).hash(&mut h);
                h.each(s.articles.iter().map(|&j| (card(j), s.duplicate_of(j).map(card))));
                h.finish()
            })
            .collect();
        let entity_links = site.entities.all.iter().map(|e| hash_of((e.kind, &e.name, &e.path))).collect();
        let mut articles_of_note = vec![Vec::new(); site.content.notes.len()];
        for (i, links) in site.article_links.iter().enumerate() {
            for &n in &links.notes {
                articles_of_note[n].push(i);
            }
        }
        let per_page = ctx.config.site.paginate_by;
        Parts { site, per_page, docs, global, stories, entity_links, articles_of_note }
    }

    fn card(&self, i: usize) -> u64 {
        self.docs.articles[i].card
    }

    /// What a link to article `i` shows (title and URL).
    fn link(&self, i: usize) -> u64 {
        self.docs.articles[i].link
    }

    fn cards<'b>(&'b self, list: &'b [usize]) -> impl Iterator<Item = u64> + 'b {
        list.iter().map(|&i| self.card(i))
    }

    /// An edition entry: its lead's card and its story.
    fn item(&self, item: &EditionItem) -> (u64, Option<u64>) {
        (self.card(item.lead), item.story.map(|s| self.stories[s]))
    }

    fn notes<'b>(&'b self, list: &'b [usize]) -> impl Iterator<Item = u64> + 'b {
        list.iter().map(|&n| self.docs.notes[n].full)
    }
}

/// Hashes what page `job` shows (besides the global parts).
fn hash_page(p: &Parts, job: Job, h: &mut Fp) {
    let site = p.site;
    match job {
        Job::Front => edition(p, &site.editions, 0, h),
        Job::Edition(e) | Job::Email(e) => edition(p, &site.editions, e, h),
        Job::Weekly(e) => edition(p, &site.weekly, e, h),
        Job::Story(s) => {
            p.stories[s].hash(h);
            h.each_u64(p.notes(&site.stories[s].notes));
        }
        Job::EntityIndex(kind) => {
            kind.hash(h);
            h.each(site.entities.of_kind(kind).map(|(_, e)| (&e.name, &e.path, e.articles.len())));
        }
        Job::Entity(e) => entity(p, e, h),
        Job::TopicsIndex => {
            let latest = |t: &crate::organize::TopicGroup| t.articles.first().map(|&i| p.card(i));
            h.each(site.topics.iter().map(|t| (&t.path, t.articles.len(), latest(t))));
        }
        Job::Topic { topic, page } => {
            let group = &site.topics[topic];
            let (per, len) = (p.per_page, group.items.len());
            (&group.path, len, group.articles.len(), page).hash(h);
            h.each(group.items[((page - 1) * per).min(len)..(page * per).min(len)].iter().map(|item| p.item(item)));
            h.each_u64(p.notes(&group.notes));
        }
        Job::Article(i) => article(p, i, h),
        Job::Note(n) => {
            let note = &site.content.notes[n];
            let edition = site.edition_of_day(note.edition).map(|e| (site.editions[e].day, &site.editions[e].path));
            (p.docs.notes[n].full, edition).hash(h);
            h.each_u64(p.cards(&p.articles_of_note[n]));
        }
        Job::Page(i) => p.docs.pages[i].full.hash(h),
        Job::Archive => {
            let days = site.archive.values().flat_map(|months| months.values().flatten());
            h.each(days.map(|&e| (site.editions[e].day, &site.editions[e].path, site.editions[e].items.len())));
        }
        Job::Search => (site.content.articles.is_empty() && site.content.notes.is_empty()).hash(h),
        Job::NotFound => {}
    }
}

/// An edition page (daily, weekly, front or e-mail): its entries, notes and neighbours.
fn edition(p: &Parts, list: &[Edition], e: usize, h: &mut Fp) {
    let Some(ed) = list.get(e) else { return };
    (ed.day, ed.weekly, &ed.path, ed.articles.len()).hash(h);
    h.each(ed.items.iter().map(|item| p.item(item)));
    h.each_u64(p.notes(&ed.notes));
    for near in [e.checked_sub(1), Some(e + 1)] {
        near.and_then(|n| list.get(n)).map(|x| (x.day, x.weekly, &x.path)).hash(h);
    }
}

fn entity(p: &Parts, e: usize, h: &mut Fp) {
    let site = p.site;
    let entity = &site.entities.all[e];
    (entity.kind, &entity.name, &entity.path).hash(h);
    h.each_u64(p.cards(&entity.articles));
    let mut stories: Vec<usize> = entity.articles.iter().filter_map(|&i| site.story_of[i]).collect();
    stories.sort_unstable();
    stories.dedup();
    h.each(stories.iter().map(|&s| (&site.stories[s].path, p.link(site.stories[s].lead))));
}

fn article(p: &Parts, i: usize, h: &mut Fp) {
    let site = p.site;
    let links = &site.article_links[i];
    let ed = &site.editions[links.edition];
    (p.docs.articles[i].full, ed.day, &ed.path).hash(h);
    h.each(site.entities.of_article[i].iter().map(|&e| p.entity_links[e as usize]));
    h.each(ed.articles.iter().filter(|&&j| j != i).take(10).map(|&j| p.card(j)));
    (links.newer_in_topic.map(|j| p.card(j)), links.older_in_topic.map(|j| p.card(j))).hash(h);
    h.each_u64(p.notes(&links.notes));
    h.each_u64(links.mentioned_in.iter().map(|&j| p.link(j)));
    h.each_u64(p.cards(&site.related[i]));
    let story = site.story_of[i].map(|s| p.stories[s]);
    (story, links.previous_in_story.map(|j| p.link(j)), links.next_in_story.map(|j| p.link(j))).hash(h);
}
