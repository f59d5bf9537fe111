//! Entity pages: an index per kind (`/people/`, `/organizations/`, `/places/`, `/sources/`,
//! `/tags/`) and a page per person, organisation, place, outlet or tag listing its articles
//! and stories. An outlet's page also shows what site.yaml's `sources:` says about it.

use serde::Serialize;

use crate::organize::EntityKind;
use crate::render::cards::DayGroup;
use crate::render::context::{Ctx, Head, Link};
use crate::render::feed_links::feed_links;
use crate::render::page::{page, PageOut};

#[derive(Serialize)]
struct IndexEntry<'a> {
    name: &'a str,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct IndexPage<'a> {
    page: Head,
    kind: String,
    entities: Vec<IndexEntry<'a>>,
    kinds: Vec<Link>,
}

#[derive(Serialize)]
struct View<'a> {
    name: &'a str,
    kind: String,
    kind_url: String,
    count: usize,
    /// An outlet's entry under site.yaml's `sources:`.
    outlet: Option<Outlet<'a>>,
}

/// What site.yaml's `sources:` says about an outlet.
#[derive(Serialize)]
struct Outlet<'a> {
    homepage: Option<&'a str>,
    feed: Option<&'a str>,
    /// `metered` or `hard`.
    paywall: Option<&'static str>,
    note: &'a str,
}

#[derive(Serialize)]
struct EntityPage<'a> {
    page: Head,
    entity: View<'a>,
    /// The newest articles (`paginate_by` of them) as cards.
    groups: Vec<DayGroup<'a>>,
    /// The rest, for one line each: a tag or an outlet lists hundreds of articles, and a card
    /// with its summary for each made its page the size of a small book (128 KB a tag page,
    /// 320 KB an outlet's, at 10 000 articles).
    older: Vec<DayGroup<'a>>,
    stories: Vec<Link>,
}

pub fn path_index(kind: EntityKind) -> String {
    format!("{}/", kind.dir())
}

pub fn path(ctx: &Ctx, e: usize) -> String {
    ctx.site.entities.all[e].path.clone()
}

/// Every entity of one kind, the most mentioned first.
pub fn build_index(ctx: &Ctx, kind: EntityKind) -> PageOut {
    let mut entities: Vec<IndexEntry> = ctx
        .site
        .entities
        .of_kind(kind)
        .map(|(_, e)| IndexEntry { name: &e.name, url: ctx.url(&e.path), count: e.articles.len() })
        .collect();
    entities.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(b.name)));
    let rel = path_index(kind);
    let kinds = EntityKind::ALL
        .iter()
        .map(|&k| Link { title: ctx.text(k.key(), None, &[]), url: ctx.url(&path_index(k)) })
        .collect();
    let title = ctx.text(kind.key(), None, &[]);
    let value = IndexPage { page: ctx.head(title.clone(), "", &rel, "entities"), kind: title, entities, kinds };
    page("entities.html", &rel, &value)
}

pub fn build(ctx: &Ctx, e: usize) -> PageOut {
    let entity = &ctx.site.entities.all[e];
    let mut stories: Vec<usize> = entity.articles.iter().filter_map(|&i| ctx.site.story_of[i]).collect();
    stories.sort_unstable();
    stories.dedup();
    let story_link = |s: usize| {
        let story = &ctx.site.stories[s];
        Link { title: ctx.site.content.articles[story.lead].meta.title.clone(), url: ctx.url(&story.path) }
    };
    let rel = path(ctx, e);
    let (newest, older) = entity.articles.split_at(entity.articles.len().min(ctx.config.site.paginate_by));
    let count = entity.articles.len() as i64;
    let description = ctx.text("articles_mentioning", Some(count), &[("name", &entity.name)]);
    let mut head = ctx.head(&entity.name, description, &rel, "entity");
    let families = ctx.config.site.feed_families;
    if (entity.kind == EntityKind::Source && families.sources)
        || (entity.kind != EntityKind::Source && families.entities)
    {
        head.feeds.extend(feed_links(&rel, &entity.name, |r| ctx.url(r)));
    }
    let value = EntityPage {
        page: head,
        entity: View {
            name: &entity.name,
            kind: ctx.text(entity.kind.key(), None, &[]),
            kind_url: ctx.url(&path_index(entity.kind)),
            count: entity.articles.len(),
            outlet: (entity.kind == EntityKind::Source).then(|| ctx.config.site.outlet(&entity.slug)).flatten().map(
                |info| Outlet {
                    homepage: info.homepage.as_deref(),
                    feed: info.feed.as_deref(),
                    paywall: info.paywall.name(),
                    note: &info.note,
                },
            ),
        },
        groups: ctx.by_day(newest),
        older: ctx.by_day(older),
        stories: stories.into_iter().map(story_link).collect(),
    };
    page("entity.html", &rel, &value)
}
