//! Edition pages: daily (`/editions/YYYY/MM/DD/`), weekly (`/editions/YYYY/wNN/`), the front
//! page (the newest daily edition) and, with `newsletter: true`, each daily edition as an
//! e-mail page. Stories appear once, ranked; sections follow the order of topics in site.yaml.

use serde::Serialize;

use crate::organize::Edition;
use crate::render::cards::{Card, Listed};
use crate::render::context::{Ctx, Head, ImageView, Link, NoteView, TopicLink};
use crate::render::feed_links::feed_links;
use crate::render::page::{page, PageOut};
use crate::render::pictures::Place;

/// The template of the e-mail edition (a daily edition as a self-contained page, with
/// `newsletter: true`); only themes that have it can render newsletters.
pub const EMAIL_TEMPLATE: &str = "email.html";

#[derive(Serialize)]
struct Section<'a> {
    topic: Option<TopicLink<'a>>,
    items: Vec<Listed<'a>>,
}

#[derive(Serialize)]
struct EditionView {
    date: String,
    title: String,
    weekly: bool,
    url: String,
    count: usize,
    stories: usize,
}

#[derive(Serialize, Default)]
struct EditionPage<'a> {
    page: Option<Head>,
    edition: Option<EditionView>,
    notes: Vec<NoteView<'a>>,
    /// The highest-ranked story, shown first and left out of `sections`.
    top: Option<Card<'a>>,
    /// The top story's picture: its lead's first image, else the first image of its coverage.
    top_image: Option<ImageView<'a>>,
    sections: Vec<Section<'a>>,
    newer: Option<Link>,
    older: Option<Link>,
}

pub fn path_front() -> String {
    String::new()
}

pub fn path(list: &[Edition], e: usize) -> String {
    list[e].path.clone()
}

pub fn path_email(ctx: &Ctx, e: usize) -> String {
    format!("{}email.html", ctx.site.editions[e].path)
}

fn title(ctx: &Ctx, ed: &Edition) -> String {
    if ed.weekly {
        let week = chrono::Datelike::iso_week(&ed.day);
        let f = &ctx.lang.formats;
        ctx.text("week_title", None, &[("week", &f.plain(week.week().into())), ("year", &f.plain(week.year().into()))])
    } else {
        ctx.date_display(ed.day)
    }
}

/// `head` announcing the editions feed too (beside the site's): the front page and the daily
/// editions are what it follows.
fn editions_feed(ctx: &Ctx, mut head: Head) -> Head {
    let title = format!("{} · {}", ctx.text("daily_edition", None, &[]), ctx.config.site.title);
    head.feeds.extend(feed_links("editions/", &title, |rel| ctx.url(rel)));
    head
}

/// The front page: the newest daily edition, or an empty page before there is one.
pub fn build_front(ctx: &Ctx) -> PageOut {
    let Some(ed) = ctx.site.editions.first() else {
        let head = ctx.head(&ctx.config.site.title, "", "", "front");
        return page("index.html", "", &EditionPage { page: Some(head), ..Default::default() });
    };
    let value = EditionPage {
        page: Some(editions_feed(ctx, ctx.head(ctx.config.site.title.clone(), "", "", "front"))),
        ..edition_page(ctx, &ctx.site.editions, 0, ed)
    };
    page("index.html", &path_front(), &value)
}

/// Edition `e` of `list` (daily or weekly).
pub fn build(ctx: &Ctx, list: &[Edition], e: usize) -> PageOut {
    let ed = &list[e];
    let rel = path(list, e);
    let value = EditionPage {
        page: Some(ctx.head(ctx.text("edition_title", None, &[("title", &title(ctx, ed))]), "", &rel, "edition"))
            .map(|head| if ed.weekly { head } else { editions_feed(ctx, head) }),
        ..edition_page(ctx, list, e, ed)
    };
    page("edition.html", &rel, &value)
}

/// A daily edition for e-mail: the edition's context with every link absolute, rendered with
/// `email.html`.
pub fn build_email(ctx: &Ctx, e: usize) -> PageOut {
    let absolute = Ctx { absolute: true, pictures: None, ..*ctx };
    let mut out = build(&absolute, &ctx.site.editions, e);
    out.template = EMAIL_TEMPLATE;
    out.file = path_email(ctx, e);
    out
}

/// What every edition page shows but its head.
fn edition_page<'a>(ctx: &Ctx<'a>, list: &[Edition], e: usize, ed: &'a Edition) -> EditionPage<'a> {
    let top = ed.items.first();
    let link = |i: usize| list.get(i).map(|x| Link { title: title(ctx, x), url: ctx.url(&x.path) });
    EditionPage {
        page: None,
        edition: Some(EditionView {
            date: ed.day.to_string(),
            title: title(ctx, ed),
            weekly: ed.weekly,
            url: ctx.url(&ed.path),
            count: ed.articles.len(),
            stories: ed.items.len(),
        }),
        notes: ed.notes.iter().map(|&n| ctx.note_view(n)).collect(),
        top: top.map(|item| ctx.item_card(item)),
        top_image: top_image(ctx, ed),
        sections: sections(ctx, ed),
        newer: e.checked_sub(1).and_then(link),
        older: link(e + 1),
    }
}

/// The top story's picture: its lead's first image, else the first image of its coverage.
fn top_image<'a>(ctx: &Ctx<'a>, ed: &Edition) -> Option<ImageView<'a>> {
    let site = ctx.site;
    let item = ed.items.first()?;
    let members = item.story.map_or(&[][..], |s| &site.stories[s].articles[..]);
    std::iter::once(&item.lead).chain(members).find_map(|&i| {
        let a = &site.content.articles[i];
        a.meta.images.first().map(|img| ctx.image(img, &a.doc.path, Place::Top))
    })
}

/// Every entry but the top one, by topic in the order of site.yaml, then those without one.
fn sections<'a>(ctx: &Ctx<'a>, ed: &Edition) -> Vec<Section<'a>> {
    let articles = &ctx.site.content.articles;
    let mut sections = Vec::new();
    for slug in ctx.config.site.topics.iter().map(|t| Some(t.slug.as_str())).chain([None]) {
        let items: Vec<Listed> = ed
            .items
            .iter()
            .skip(1)
            .filter(|item| articles[item.lead].meta.topic.as_deref() == slug)
            .map(|item| ctx.listed_item(item))
            .collect();
        if !items.is_empty() {
            sections.push(Section { topic: ctx.topic_link(slug), items });
        }
    }
    sections
}
