//! Topic pages: the topics index (`/topics/`) and each topic's pages (`/topics/x/`,
//! `/topics/x/page/2/`), stories shown once, newest first.

use serde::Serialize;

use crate::render::cards::{Card, DayGroup};
use crate::render::context::{Ctx, Head, Link};
use crate::render::feed_links::feed_links;
use crate::render::page::{page, PageOut};

#[derive(Serialize)]
struct IndexEntry<'a> {
    name: &'a str,
    description: &'a str,
    url: String,
    count: usize,
    latest: Option<Card<'a>>,
}

#[derive(Serialize)]
struct IndexPage<'a> {
    page: Head,
    topics: Vec<IndexEntry<'a>>,
}

#[derive(Serialize)]
struct Pagination {
    current: usize,
    total: usize,
    newer: Option<String>,
    older: Option<String>,
}

#[derive(Serialize)]
struct TopicView<'a> {
    slug: &'a str,
    name: &'a str,
    description: &'a str,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct TopicPage<'a> {
    page: Head,
    topic: TopicView<'a>,
    groups: Vec<DayGroup<'a>>,
    notes: Vec<Link>,
    pagination: Pagination,
}

pub fn path_index() -> String {
    "topics/".into()
}

/// Page `page` (from 1) of topic `t`.
pub fn path(ctx: &Ctx, t: usize, page: usize) -> String {
    let base = &ctx.site.topics[t].path;
    if page == 1 {
        base.clone()
    } else {
        format!("{base}page/{page}/")
    }
}

/// How many pages topic `t` has (at least one).
pub fn pages(ctx: &Ctx, t: usize) -> usize {
    ctx.site.topics[t].items.len().div_ceil(ctx.config.site.paginate_by).max(1)
}

pub fn build_index(ctx: &Ctx) -> PageOut {
    let topics = ctx
        .site
        .topics
        .iter()
        .zip(&ctx.config.site.topics)
        .map(|(group, t)| IndexEntry {
            name: &t.name,
            description: &t.description,
            url: ctx.url(&group.path),
            count: group.articles.len(),
            latest: group.articles.first().map(|&i| ctx.card(i)),
        })
        .collect();
    let rel = path_index();
    page("topics.html", &rel, &IndexPage { page: ctx.head(ctx.text("topics", None, &[]), "", &rel, "topics"), topics })
}

/// Page `p` (from 1) of topic `t`.
pub fn build(ctx: &Ctx, t: usize, p: usize) -> PageOut {
    let group = &ctx.site.topics[t];
    let conf = &ctx.config.site.topics[t];
    let per = ctx.config.site.paginate_by;
    let total = pages(ctx, t);
    let slice = &group.items[((p - 1) * per).min(group.items.len())..(p * per).min(group.items.len())];
    let rel = path(ctx, t, p);
    let pagination = Pagination {
        current: p,
        total,
        newer: (p > 1).then(|| ctx.url(&path(ctx, t, p - 1))),
        older: (p < total).then(|| ctx.url(&path(ctx, t, p + 1))),
    };
    let title = if p == 1 {
        conf.name.clone()
    } else {
        let (current, total) = (ctx.lang.formats.count(p as i64), ctx.lang.formats.count(total as i64));
        ctx.text("topic_page_title", None, &[("topic", &conf.name), ("current", &current), ("total", &total)])
    };
    let mut head = ctx.head(title, conf.description.clone(), &rel, "topic");
    head.feeds.extend(feed_links(&group.path, &conf.name, |rel| ctx.url(rel)));
    let value = TopicPage {
        page: head,
        topic: TopicView {
            slug: &conf.slug,
            name: &conf.name,
            description: &conf.description,
            url: ctx.url(&group.path),
            count: group.articles.len(),
        },
        groups: ctx.items_by_day(slice),
        notes: group.notes.iter().map(|&n| ctx.note_link(n)).collect(),
        pagination,
    };
    page("topic.html", &rel, &value)
}
