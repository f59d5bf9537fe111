//! Article pages (`/articles/YYYY/MM/DD/slug/`): the article with its metadata, its story's
//! other coverage, related articles, notes and neighbours.

use serde::Serialize;

use crate::organize::EntityKind;
use crate::render::cards::{Coverage, Listed};
use crate::render::context::{iso, Ctx, Head, ImageView, Link, TopicLink};
use crate::render::meta::article_head;
use crate::render::page::{page, PageOut};
use crate::render::pictures::Place;

#[derive(Serialize)]
struct ArticleView<'a> {
    title: &'a str,
    url: String,
    html: std::borrow::Cow<'a, str>,
    summary: &'a str,
    /// The front matter's own summary, shown above the body (a summary taken from the
    /// body's first paragraph would only repeat it).
    standfirst: Option<&'a str>,
    source: Option<&'a str>,
    /// The outlet's page (`/sources/<slug>/`).
    source_page: Option<String>,
    /// `metered` or `hard` when the original is behind a paywall.
    paywall: Option<&'static str>,
    source_url: Option<&'a str>,
    /// The Internet Archive's copy of the original, with `archive_links: true`.
    archive_url: Option<String>,
    section: Option<&'a str>,
    language: &'a str,
    /// The article's direction when it differs from the site's.
    dir: Option<&'static str>,
    authors: &'a [String],
    date: String,
    date_display: String,
    time_display: String,
    updated: Option<String>,
    topic: Option<TopicLink<'a>>,
    tags: &'a [String],
    people: &'a [String],
    organizations: &'a [String],
    places: &'a [String],
    images: Vec<ImageView<'a>>,
    entities: Vec<EntityGroup>,
    word_count: usize,
    reading_minutes: usize,
}

/// People, organisations, places and tags of an article, as links to their pages.
#[derive(Serialize)]
struct EntityGroup {
    kind: String,
    items: Vec<Link>,
}

#[derive(Serialize)]
struct StoryView<'a> {
    url: String,
    sources: usize,
    /// A syndicated copy: the original it repeats.
    copy_of: Option<Coverage<'a>>,
    /// The story's other reports nearest this one, at most [`COVERAGE_SHOWN`].
    coverage: Vec<Coverage<'a>>,
    /// How many other reports the story page lists beyond `coverage`.
    more: usize,
    previous: Option<Link>,
    next: Option<Link>,
}

#[derive(Serialize)]
struct ArticlePage<'a> {
    page: Head,
    article: ArticleView<'a>,
    edition: Link,
    newer_in_topic: Option<Listed<'a>>,
    older_in_topic: Option<Listed<'a>>,
    /// How many other articles the article's edition has: the page links to the edition,
    /// which lists them.
    more_in_edition: usize,
    notes: Vec<Link>,
    mentioned_in: Vec<Link>,
    story: Option<StoryView<'a>>,
    related: Vec<Listed<'a>>,
}

pub fn path(ctx: &Ctx, i: usize) -> String {
    ctx.site.content.articles[i].doc.path.clone()
}

pub fn build(ctx: &Ctx, i: usize) -> PageOut {
    let site = ctx.site;
    let links = &site.article_links[i];
    let ed = &site.editions[links.edition];
    let value = ArticlePage {
        page: article_head(ctx, i),
        article: view(ctx, i),
        edition: Link { title: ctx.date_display(ed.day), url: ctx.url(&ed.path) },
        newer_in_topic: links.newer_in_topic.map(|j| ctx.listed(j)),
        older_in_topic: links.older_in_topic.map(|j| ctx.listed(j)),
        more_in_edition: ed.articles.len().saturating_sub(1),
        notes: links.notes.iter().map(|&n| ctx.note_link(n)).collect(),
        mentioned_in: links.mentioned_in.iter().map(|&j| ctx.article_link(j)).collect(),
        story: story(ctx, i),
        related: site.related[i].iter().map(|&j| ctx.listed(j)).collect(),
    };
    page("article.html", &path(ctx, i), &value)
}

/// The Wayback Machine's address for `source_url` as of the article's day
/// (`https://web.archive.org/web/20261117/https://…`): the archive shows its copy nearest that
/// day. `None` for what is not a web address; the fragment is left out (never sent to a server).
fn archive_url(source_url: &str, a: &crate::content::Article) -> Option<String> {
    let mut u = url::Url::parse(source_url.trim()).ok().filter(|u| matches!(u.scheme(), "http" | "https"))?;
    u.set_fragment(None);
    Some(format!("https://web.archive.org/web/{}/{u}", a.date.format("%Y%m%d")))
}

/// The article itself: its text and front matter.
fn view<'a>(ctx: &Ctx<'a>, i: usize) -> ArticleView<'a> {
    let a = &ctx.site.content.articles[i];
    let m = &a.meta;
    ArticleView {
        title: &m.title,
        url: ctx.url(&a.doc.path),
        html: ctx.inline_pictures(&a.doc.html, &a.doc.path),
        summary: &a.doc.summary,
        standfirst: m.summary.as_deref(),
        source: m.source.as_deref(),
        source_page: ctx.source_page(i),
        paywall: ctx.paywall(i),
        source_url: m.source_url.as_deref(),
        archive_url: m.source_url.as_deref().filter(|_| ctx.config.site.archive_links).and_then(|u| archive_url(u, a)),
        section: m.section.as_deref(),
        language: m.language.as_deref().unwrap_or(&ctx.config.site.language),
        dir: ctx.other_language(a).1,
        authors: &m.authors,
        date: iso(&a.date),
        date_display: ctx.date_display(a.day),
        time_display: ctx.time_display(&a.date),
        updated: a.updated.as_ref().map(iso),
        topic: ctx.topic_link(m.topic.as_deref()),
        tags: &m.tags,
        people: &m.people,
        organizations: &m.organizations,
        places: &m.places,
        images: m.images.iter().map(|img| ctx.image(img, &a.doc.path, Place::Lead)).collect(),
        entities: entity_groups(ctx, i),
        word_count: a.doc.word_count,
        reading_minutes: a.doc.reading_minutes(),
    }
}

/// The most other reports of its story an article page lists. Every report of a story of
/// n reports listing all the others makes n² list items: on the 10 000-article bench site
/// this list was the largest part of an article page after its text (3.2 KB on average).
/// The story page lists them all, and the list links there.
pub const COVERAGE_SHOWN: usize = 6;

/// The article's story: its other coverage and its neighbours in it.
fn story<'a>(ctx: &Ctx<'a>, i: usize) -> Option<StoryView<'a>> {
    let story = &ctx.site.stories[ctx.site.story_of[i]?];
    let links = &ctx.site.article_links[i];
    let shown = nearest_others(&story.articles, i, COVERAGE_SHOWN);
    Some(StoryView {
        url: ctx.url(&story.path),
        sources: story.sources,
        copy_of: story.duplicate_of(i).map(|j| ctx.coverage(j)),
        more: story.articles.len().saturating_sub(1 + shown.len()),
        coverage: shown.into_iter().map(|j| ctx.coverage(j)).collect(),
        previous: links.previous_in_story.map(|j| ctx.article_link(j)),
        next: links.next_in_story.map(|j| ctx.article_link(j)),
    })
}

/// Up to `n` members of `list` other than `i`, those nearest `i`'s place in it (ties to the
/// earlier), in the list's order: the reports just before and after this one.
fn nearest_others(list: &[usize], i: usize, n: usize) -> Vec<usize> {
    let at = list.iter().position(|&j| j == i).unwrap_or(0);
    let mut others: Vec<usize> = (0..list.len()).filter(|&k| list[k] != i).collect();
    others.sort_by_key(|&k| (k.abs_diff(at), k));
    others.truncate(n);
    others.sort_unstable();
    others.into_iter().map(|k| list[k]).collect()
}

fn entity_groups(ctx: &Ctx, i: usize) -> Vec<EntityGroup> {
    let entities = &ctx.site.entities;
    EntityKind::ALL
        .into_iter()
        .map(|kind| EntityGroup {
            kind: ctx.text(kind.key(), None, &[]),
            items: entities.of_article[i]
                .iter()
                .map(|&e| &entities.all[e as usize])
                .filter(|e| e.kind == kind)
                .map(|e| Link { title: e.name.clone(), url: ctx.url(&e.path) })
                .collect(),
        })
        .filter(|g| !g.items.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::nearest_others;

    #[test]
    fn an_article_page_lists_the_reports_nearest_its_own_in_story_order() {
        let story = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
        assert_eq!(nearest_others(&story, 10, 3), [11, 12, 13], "the lead: the next ones");
        assert_eq!(nearest_others(&story, 19, 3), [16, 17, 18], "the last: the previous ones");
        assert_eq!(nearest_others(&story, 15, 4), [13, 14, 16, 17], "both sides, in order");
        assert_eq!(nearest_others(&story, 15, 3), [13, 14, 16], "ties go to the earlier report");
        assert_eq!(nearest_others(&story[..3], 11, 6), [10, 12], "a small story: all the others");
    }
}
