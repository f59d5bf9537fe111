//! The feeds beyond the site's and the topics': Atom, RSS and JSON Feed beside each page of
//! the families `feed_families:` turns on, and the entries of the editions feed.

use rayon::prelude::*;

use super::*;

/// With `feed_families:` (on by default), the three feeds beside each page of the families
/// turned on. These feeds are many, so their entries are lean (see
/// [`crate::config::FeedFamilies`]) and each lists the newest `limit` articles. They are
/// written in parallel; the paths come back in page order.
pub(super) fn family_feeds(ctx: &Ctx, limit: usize, emit: &Emit) -> anyhow::Result<Vec<String>> {
    let (site, families) = (ctx.site, ctx.config.site.feed_families);
    let limit = limit.min(families.limit.max(1));
    let mut pages: Vec<(String, &str, Vec<usize>)> = Vec::new();
    for e in &site.entities.all {
        let on = if e.kind == EntityKind::Source { families.sources } else { families.entities };
        if on {
            pages.push((e.name.clone(), &e.path, e.articles.iter().take(limit).copied().collect()));
        }
    }
    if families.stories {
        for story in &site.stories {
            let mut newest = story.articles.clone();
            newest.sort_unstable();
            newest.truncate(limit);
            pages.push((site.content.articles[story.lead].meta.title.clone(), &story.path, newest));
        }
    }
    let written: Vec<[String; 3]> = pages
        .par_iter()
        .map(|(name, path, articles)| {
            let channel = Channel {
                title: format!("{name} · {}", ctx.config.site.title),
                description: String::new(),
                dir: path.to_string(),
                home: path.to_string(),
                articles,
                lean: true,
            };
            let entries: Vec<Entry> = articles.iter().map(|&i| lean_entry(ctx, i)).collect();
            write_channel(ctx, &channel, &entries, &feed_updated(ctx, articles), emit)
        })
        .collect::<anyhow::Result<_>>()?;
    Ok(written.into_iter().flatten().collect())
}

/// An article as an entry of a family feed: what a feed reader shows in its list — title,
/// link and date — and nothing it would only repeat from the article (summary, authors,
/// categories, image, text). Measured on the 10 000-article bench site, summaries and authors
/// alone would double these feeds' bytes.
fn lean_entry<'a>(ctx: &Ctx<'a>, i: usize) -> Entry<'a> {
    let full = entry(ctx, i);
    Entry {
        summary: Cow::Borrowed(""),
        authors: &[],
        published: String::new(),
        categories: Vec::new(),
        content: None,
        image: None,
        ..full
    }
}

/// A daily edition as an entry of the editions feed (`/editions/feed.xml`): its content is
/// the e-mail edition when the site has a newsletter (`email`), else the edition's stories,
/// ranked, each with its link and outlet and its story's size — what RSS-to-e-mail services
/// send as a daily newsletter without anyone pasting anything.
pub(super) fn edition_entry<'a>(ctx: &Ctx<'a>, ed: &Edition, email: Option<String>) -> Entry<'a> {
    let articles = &ctx.site.content.articles;
    let html = email.unwrap_or_else(|| story_list(ctx, ed));
    // The edition is complete once its newest article is in: that is when it was published.
    let newest = ed.articles.iter().map(|&i| &articles[i]).map(|a| a.date).max().unwrap_or_default();
    let changed = ed.articles.iter().map(|&i| last_change(&articles[i])).max().unwrap_or_default();
    let count = ed.items.len() as i64;
    Entry {
        title: Cow::Owned(ctx.date_display(ed.day)),
        summary: Cow::Owned(ctx.text("stories", Some(count), &[])),
        authors: &[],
        language: None,
        url: ctx.config.url.absolute(&ed.path),
        published: rfc3339(&newest),
        pub_date: newest.to_rfc2822(),
        updated: rfc3339(&changed),
        categories: Vec::new(),
        content: Some(html),
        image: None,
    }
}

/// The edition's stories as a list of links, for the editions feed of a site without a
/// newsletter.
fn story_list(ctx: &Ctx, ed: &Edition) -> String {
    let articles = &ctx.site.content.articles;
    let mut html = String::from("<ul>");
    for item in &ed.items {
        let a = &articles[item.lead];
        let url = ctx.config.url.absolute(&a.doc.path);
        html.push_str(&format!("<li><a href=\"{}\">{}</a>", escape(&url), escape(&a.meta.title)));
        if let Some(source) = &a.meta.source {
            html.push_str(&format!(" ({})", escape(source)));
        }
        if let Some(story) = item.story.map(|s| &ctx.site.stories[s]) {
            let more = ctx.text("more_reports", Some(story.articles.len() as i64 - 1), &[]);
            let url = ctx.config.url.absolute(&story.path);
            html.push_str(&format!(" · <a href=\"{}\">{}</a>", escape(&url), escape(&more)));
        }
        html.push_str("</li>");
    }
    html.push_str("</ul>");
    html
}
