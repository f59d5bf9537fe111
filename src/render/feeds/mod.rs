//! Feeds: Atom (RFC 4287), RSS 2.0 and JSON Feed 1.1, site-wide, per topic, and of the daily
//! editions (`/editions/feed.xml`: one entry per edition).
//!
//! Each feed lists the newest `feed_limit` articles (or editions). XML goes through `quick-xml`'s writer,
//! which escapes every text and attribute; JSON Feed through `serde_json`. The bytes go to
//! the output stage like any rendered page.

mod families;

use std::borrow::Cow;

use families::{edition_entry, family_feeds};
use std::io;

use chrono::{DateTime, FixedOffset, SecondsFormat};
use quick_xml::Writer;
use serde::Serialize;

use super::context::Ctx;
use super::feed_links::feed_paths;
use super::json::html_safe_json;
use super::xml::{empty_el, text_el, xml_writer_with};
use crate::content::Article;
use crate::organize::{Edition, EntityKind};
use quick_xml::escape::escape;

/// One feed's channel: what it is about and which articles it lists.
struct Channel<'a> {
    title: String,
    description: String,
    /// Site-relative folder of the feed files (and the feed's id).
    dir: String,
    /// Site-relative path of the page the feed follows.
    home: String,
    /// Indices into `content.articles`, newest first, already limited.
    articles: &'a [usize],
    /// A feed beside a page of a family: one of thousands, so written on one line, without
    /// what a reader does without (`generator`, RSS `guid` beside the `link`).
    lean: bool,
}

/// One entry (an article, or a daily edition in the editions feed), with every value a feed
/// needs already computed.
struct Entry<'a> {
    title: Cow<'a, str>,
    summary: Cow<'a, str>,
    authors: &'a [String],
    language: Option<&'a str>,
    url: String,
    published: String,
    /// `published` as RFC 2822, for RSS.
    pub_date: String,
    updated: String,
    categories: Vec<(&'a str, &'a str)>,
    content: Option<String>,
    /// Absolute URL of the lead image.
    image: Option<String>,
}

/// Where feed files go as they are made: (site-relative path, bytes). Each goes at once, so
/// the thousands of family feeds are never held together (about 35 MB at 10 000 articles).
pub type Emit<'e> = dyn Fn(&str, &[u8]) -> anyhow::Result<()> + Sync + 'e;

/// Writes every feed of the site through `emit` and returns their paths, in order; `emails`
/// are the e-mail editions of the newest daily editions, in order, when the site has a
/// newsletter (else empty).
pub fn write(ctx: &Ctx, emails: &[String], emit: &Emit) -> anyhow::Result<Vec<String>> {
    let config = ctx.config;
    let limit = config.site.feed_limit.max(1);
    let all: Vec<usize> = (0..ctx.site.content.articles.len().min(limit)).collect();
    let mut channels = vec![Channel {
        title: config.site.title.clone(),
        description: config.site.description.clone(),
        dir: String::new(),
        home: String::new(),
        articles: &all,
        lean: false,
    }];
    for (group, topic) in ctx.site.topics.iter().zip(&config.site.topics) {
        channels.push(Channel {
            title: format!("{} · {}", topic.name, config.site.title),
            description: topic.description.clone(),
            dir: group.path.clone(),
            home: group.path.clone(),
            articles: &group.articles[..group.articles.len().min(limit)],
            lean: false,
        });
    }
    let mut out = Vec::with_capacity(channels.len() * 3 + 3);
    for channel in &channels {
        let entries: Vec<Entry> = channel.articles.iter().map(|&i| entry(ctx, i)).collect();
        let updated = feed_updated(ctx, channel.articles);
        out.extend(write_channel(ctx, channel, &entries, &updated, emit)?);
    }
    out.extend(family_feeds(ctx, limit, emit)?);
    let daily = &ctx.site.editions[..ctx.site.editions.len().min(limit)];
    if !daily.is_empty() {
        let newest: Vec<usize> = daily.iter().flat_map(|ed| ed.articles.first().copied()).collect();
        let channel = Channel {
            title: format!("{} · {}", ctx.text("daily_edition", None, &[]), config.site.title),
            description: config.site.description.clone(),
            dir: "editions/".to_owned(),
            home: String::new(),
            articles: &newest,
            lean: false,
        };
        let entries: Vec<Entry> =
            daily.iter().enumerate().map(|(e, ed)| edition_entry(ctx, ed, emails.get(e).cloned())).collect();
        out.extend(write_channel(ctx, &channel, &entries, &feed_updated(ctx, &newest), emit)?);
    }
    Ok(out)
}

/// Writes the channel's three files — Atom, RSS and JSON Feed — and returns their paths.
fn write_channel(
    ctx: &Ctx,
    channel: &Channel,
    entries: &[Entry],
    updated: &DateTime<FixedOffset>,
    emit: &Emit,
) -> anyhow::Result<[String; 3]> {
    let paths = feed_paths(&channel.dir);
    emit(&paths[0], &atom(ctx, channel, entries, updated))?;
    emit(&paths[1], &rss(ctx, channel, entries, updated))?;
    emit(&paths[2], &json(ctx, channel, entries))?;
    Ok(paths)
}

fn rfc3339(d: &DateTime<FixedOffset>) -> String {
    d.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn last_change(a: &Article) -> DateTime<FixedOffset> {
    a.updated.filter(|u| *u > a.date).unwrap_or(a.date)
}

/// The feed's `updated`: its newest change, else the site's, else the Unix epoch, so that
/// a build is reproducible (never the clock).
fn feed_updated(ctx: &Ctx, articles: &[usize]) -> DateTime<FixedOffset> {
    let all = &ctx.site.content.articles;
    articles
        .iter()
        .map(|&i| last_change(&all[i]))
        .max()
        .or_else(|| all.iter().map(last_change).max())
        .unwrap_or_default()
}

fn entry<'a>(ctx: &Ctx<'a>, i: usize) -> Entry<'a> {
    let a: &'a Article = &ctx.site.content.articles[i];
    let mut categories = Vec::new();
    if let Some(topic) = a.meta.topic.as_deref().and_then(|t| ctx.config.topic(t)) {
        categories.push((topic.slug.as_str(), topic.name.as_str()));
    }
    categories.extend(a.meta.tags.iter().map(|t| (t.as_str(), t.as_str())));
    // Absolute links, so they work in a feed reader.
    let content = ctx.config.site.feed_full_content.then(|| ctx.config.url.absolutize(&a.doc.html).into_owned());
    Entry {
        title: Cow::Borrowed(&a.meta.title),
        summary: Cow::Borrowed(&a.doc.summary),
        authors: &a.meta.authors,
        language: a.meta.language.as_deref(),
        url: ctx.config.url.absolute(&a.doc.path),
        published: rfc3339(&a.date),
        pub_date: a.date.to_rfc2822(),
        updated: rfc3339(&last_change(a)),
        categories,
        content,
        image: a.meta.images.first().map(|img| ctx.config.url.absolute_link(&img.src, &a.doc.path)),
    }
}

fn atom(ctx: &Ctx, channel: &Channel, entries: &[Entry], updated: &DateTime<FixedOffset>) -> Vec<u8> {
    let config = ctx.config;
    let (id, home) = (config.url.absolute(&channel.dir), config.url.absolute(&channel.home));
    let self_url = config.url.absolute(&format!("{}feed.xml", channel.dir));
    let write = || -> io::Result<Vec<u8>> {
        let mut w = xml_writer_with(!channel.lean)?;
        w.create_element("feed")
            .with_attributes([("xmlns", "http://www.w3.org/2005/Atom"), ("xml:lang", config.site.language.as_str())])
            .write_inner_content(|w| {
                text_el(w, "id", &[], &id)?;
                text_el(w, "title", &[("type", "text")], &channel.title)?;
                if !channel.description.is_empty() {
                    text_el(w, "subtitle", &[("type", "text")], &channel.description)?;
                }
                text_el(w, "updated", &[], &rfc3339(updated))?;
                empty_el(w, "link", &[("rel", "self"), ("type", "application/atom+xml"), ("href", &self_url)])?;
                empty_el(w, "link", &[("rel", "alternate"), ("type", "text/html"), ("href", &home)])?;
                w.create_element("author").write_inner_content(|w| text_el(w, "name", &[], config.publisher()))?;
                if !channel.lean {
                    text_el(w, "generator", &[], "Gazette")?;
                }
                for e in entries {
                    w.create_element("entry").write_inner_content(|w| atom_entry(w, e))?;
                }
                Ok(())
            })?;
        Ok(w.into_inner())
    };
    // Writing into a Vec cannot fail.
    write().unwrap_or_default()
}

fn atom_entry<W: io::Write>(w: &mut Writer<W>, e: &Entry) -> io::Result<()> {
    text_el(w, "id", &[], &e.url)?;
    text_el(w, "title", &[("type", "text")], &e.title)?;
    empty_el(w, "link", &[("rel", "alternate"), ("type", "text/html"), ("href", &e.url)])?;
    if !e.published.is_empty() {
        text_el(w, "published", &[], &e.published)?;
    }
    text_el(w, "updated", &[], &e.updated)?;
    for author in e.authors {
        w.create_element("author").write_inner_content(|w| text_el(w, "name", &[], author))?;
    }
    for (term, label) in &e.categories {
        empty_el(w, "category", &[("term", term), ("label", label)])?;
    }
    if !e.summary.is_empty() {
        text_el(w, "summary", &[("type", "text")], &e.summary)?;
    }
    if let Some(html) = &e.content {
        text_el(w, "content", &[("type", "html")], html)?;
    }
    Ok(())
}

fn rss(ctx: &Ctx, channel: &Channel, entries: &[Entry], updated: &DateTime<FixedOffset>) -> Vec<u8> {
    let config = ctx.config;
    let home = config.url.absolute(&channel.home);
    let self_url = config.url.absolute(&format!("{}rss.xml", channel.dir));
    // RSS 2.0 requires a non-empty channel description.
    let description = if channel.description.is_empty() { &channel.title } else { &channel.description };
    let write = || -> io::Result<Vec<u8>> {
        let mut w = xml_writer_with(!channel.lean)?;
        w.create_element("rss")
            .with_attributes([
                ("version", "2.0"),
                ("xmlns:atom", "http://www.w3.org/2005/Atom"),
                ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
                ("xmlns:content", "http://purl.org/rss/1.0/modules/content/"),
            ])
            .write_inner_content(|w| {
                w.create_element("channel").write_inner_content(|w| {
                    text_el(w, "title", &[], &channel.title)?;
                    text_el(w, "link", &[], &home)?;
                    text_el(w, "description", &[], description)?;
                    text_el(w, "language", &[], &config.site.language)?;
                    text_el(w, "lastBuildDate", &[], &updated.to_rfc2822())?;
                    if !channel.lean {
                        text_el(w, "generator", &[], "Gazette")?;
                    }
                    empty_el(w, "atom:link", &[("href", &self_url), ("rel", "self"), ("type", "application/rss+xml")])?;
                    for e in entries {
                        w.create_element("item").write_inner_content(|w| rss_item(w, e, channel.lean))?;
                    }
                    Ok(())
                })?;
                Ok(())
            })?;
        Ok(w.into_inner())
    };
    write().unwrap_or_default()
}

/// An RSS item; `lean` leaves out the `guid`, which would repeat the `link` (readers take
/// the link as the item's identity when there is no guid).
fn rss_item<W: io::Write>(w: &mut Writer<W>, e: &Entry, lean: bool) -> io::Result<()> {
    text_el(w, "title", &[], &e.title)?;
    text_el(w, "link", &[], &e.url)?;
    if !lean {
        text_el(w, "guid", &[("isPermaLink", "true")], &e.url)?;
    }
    text_el(w, "pubDate", &[], &e.pub_date)?;
    for author in e.authors {
        text_el(w, "dc:creator", &[], author)?;
    }
    for (_, label) in &e.categories {
        text_el(w, "category", &[], label)?;
    }
    if !e.summary.is_empty() {
        text_el(w, "description", &[], &e.summary)?;
    }
    if let Some(html) = &e.content {
        text_el(w, "content:encoded", &[], html)?;
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonAuthor<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_text: Option<&'a str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    date_published: &'a str,
    date_modified: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<JsonAuthor<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: String,
    feed_url: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    language: &'a str,
    authors: Vec<JsonAuthor<'a>>,
    items: Vec<JsonItem<'a>>,
}

fn json(ctx: &Ctx, channel: &Channel, entries: &[Entry]) -> Vec<u8> {
    let config = ctx.config;
    let items = entries
        .iter()
        .map(|e| {
            let text = if e.summary.is_empty() { &e.title } else { &e.summary };
            JsonItem {
                id: &e.url,
                url: &e.url,
                title: &e.title,
                summary: &e.summary,
                content_html: e.content.as_deref(),
                content_text: e.content.is_none().then_some(text),
                date_published: &e.published,
                date_modified: &e.updated,
                authors: e.authors.iter().map(|n| JsonAuthor { name: n }).collect(),
                tags: e.categories.iter().map(|(_, label)| *label).collect(),
                image: e.image.as_deref(),
                language: e.language,
            }
        })
        .collect();
    let feed = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: &channel.title,
        home_page_url: config.url.absolute(&channel.home),
        feed_url: config.url.absolute(&format!("{}feed.json", channel.dir)),
        description: &channel.description,
        language: &config.site.language,
        authors: vec![JsonAuthor { name: config.publisher() }],
        items,
    };
    // Our own plain structs always serialise.
    let json = if channel.lean { serde_json::to_string(&feed) } else { serde_json::to_string_pretty(&feed) };
    let json = json.unwrap_or_default();
    let mut bytes = html_safe_json(&json).into_bytes();
    bytes.push(b'\n');
    bytes
}
