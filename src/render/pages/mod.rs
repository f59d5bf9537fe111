//! Every page of the site: the list of pages to render ([`jobs`]) and, for each, its kind's
//! URL path and builder. One module per kind of page; each has `path()`, where the page
//! goes, and `build()`, its template and context, so the two cannot disagree.

mod archive;
mod article;
mod content_page;
mod edition;
mod entity;
mod not_found;
mod note;
mod search;
mod story;
mod topic;

use super::context::Ctx;
use super::page::{file_for, PageOut};
use crate::organize::EntityKind;
pub use edition::EMAIL_TEMPLATE;

/// Every page of the site, as jobs that render independently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    Front,
    Edition(usize),
    TopicsIndex,
    Topic { topic: usize, page: usize },
    Article(usize),
    Note(usize),
    Page(usize),
    Archive,
    Search,
    NotFound,
    Weekly(usize),
    Email(usize),
    Story(usize),
    EntityIndex(EntityKind),
    Entity(usize),
}

/// Every page to render; `email` adds the e-mail page of each daily edition.
pub fn jobs(ctx: &Ctx, email: bool) -> Vec<Job> {
    let site = ctx.site;
    let mut jobs = vec![Job::Front, Job::TopicsIndex, Job::Archive, Job::NotFound];
    if ctx.config.site.search {
        jobs.push(Job::Search);
    }
    jobs.extend((0..site.editions.len()).map(Job::Edition));
    for (t, _) in site.topics.iter().enumerate() {
        jobs.extend((1..=topic::pages(ctx, t)).map(|page| Job::Topic { topic: t, page }));
    }
    jobs.extend((0..site.content.articles.len()).map(Job::Article));
    jobs.extend((0..site.content.notes.len()).map(Job::Note));
    jobs.extend((0..site.content.pages.len()).map(Job::Page));
    jobs.extend((0..site.weekly.len()).map(Job::Weekly));
    if email {
        jobs.extend((0..site.editions.len()).map(Job::Email));
    }
    jobs.extend((0..site.stories.len()).map(Job::Story));
    jobs.extend(EntityKind::ALL.into_iter().map(Job::EntityIndex));
    jobs.extend((0..site.entities.all.len()).map(Job::Entity));
    jobs
}

/// The page of `job`: template, output file and context.
pub fn build(ctx: &Ctx, job: Job) -> PageOut {
    match job {
        Job::Front => edition::build_front(ctx),
        Job::Edition(e) => edition::build(ctx, &ctx.site.editions, e),
        Job::Weekly(e) => edition::build(ctx, &ctx.site.weekly, e),
        Job::Email(e) => edition::build_email(ctx, e),
        Job::Story(s) => story::build(ctx, s),
        Job::EntityIndex(kind) => entity::build_index(ctx, kind),
        Job::Entity(e) => entity::build(ctx, e),
        Job::TopicsIndex => topic::build_index(ctx),
        Job::Topic { topic, page } => topic::build(ctx, topic, page),
        Job::Article(i) => article::build(ctx, i),
        Job::Note(n) => note::build(ctx, n),
        Job::Page(p) => content_page::build(ctx, p),
        Job::Archive => archive::build(ctx),
        Job::Search => search::build(ctx),
        Job::NotFound => not_found::build(ctx),
    }
}

/// The site-relative URL path of page `job` (`articles/…/`, `404.html`), as its kind names it.
pub fn path(ctx: &Ctx, job: Job) -> String {
    match job {
        Job::Front => edition::path_front(),
        Job::Edition(e) => edition::path(&ctx.site.editions, e),
        Job::Weekly(e) => edition::path(&ctx.site.weekly, e),
        Job::Email(e) => edition::path_email(ctx, e),
        Job::Story(s) => story::path(ctx, s),
        Job::EntityIndex(kind) => entity::path_index(kind),
        Job::Entity(e) => entity::path(ctx, e),
        Job::TopicsIndex => topic::path_index(),
        Job::Topic { topic, page } => topic::path(ctx, topic, page),
        Job::Article(i) => article::path(ctx, i),
        Job::Note(n) => note::path(ctx, n),
        Job::Page(p) => content_page::path(ctx, p),
        Job::Archive => archive::path(),
        Job::Search => search::path(),
        Job::NotFound => not_found::path(),
    }
}

/// The output file of page `job`, as [`build`] names it, without building the page.
pub fn file_of(ctx: &Ctx, job: Job) -> String {
    file_for(&path(ctx, job))
}
