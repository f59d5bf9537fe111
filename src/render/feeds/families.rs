//! The feeds beyond the site's and the topics': one Atom feed beside each page of the
//! families `feed_families:` turns on, and the entries of the editions feed.

use super::*;

/// With `feed_families:`, an Atom feed beside each page of the families turned on (summaries
/// only: these feeds are many, see [`crate::config::FeedFamilies`]).
pub(super) fn family_feeds(ctx: &Ctx, limit: usize, out: &mut Vec<(String, Vec<u8>)>) {
    let (site, families) = (ctx.site, ctx.config.site.feed_families);
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
    for (name, path, articles) in &pages {
        let channel = Channel {
            title: format!("{name} · {}", ctx.config.site.title),
            description: String::new(),
            dir: path.to_string(),
            home: path.to_string(),
            articles,
        };
        let entries: Vec<Entry> = articles.iter().map(|&i| Entry { content: None, ..entry(ctx, i) }).collect();
        let [atom_path, ..] = feed_paths(path);
        out.push((atom_path, atom(ctx, &channel, &entries, &feed_updated(ctx, articles))));
    }
}

/// A daily edition as an entry of the editions feed (`/editions/feed.xml`): its content is
/// the edition's stories, ranked, each with its link and outlet and its story's size — what
/// RSS-to-e-mail services send as a daily newsletter without anyone pasting anything.
pub(super) fn edition_entry<'a>(ctx: &Ctx<'a>, ed: &Edition) -> Entry<'a> {
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
