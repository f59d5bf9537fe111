//! Story pages (`/stories/id/`): the lead report, the timeline of coverage, editors' notes.

use serde::Serialize;

use crate::render::cards::{Card, Coverage};
use crate::render::context::{Ctx, Head, NoteView};
use crate::render::languages::ReportsIn;
use crate::render::page::{page, PageOut};

#[derive(Serialize)]
struct StoryView<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
    sources: usize,
    lead: Card<'a>,
    /// Every article, oldest first.
    timeline: Vec<Coverage<'a>>,
    /// On a multilingual site, the story's reports in each other language that has it.
    other_languages: Vec<ReportsIn>,
}

#[derive(Serialize)]
struct StoryPage<'a> {
    page: Head,
    story: StoryView<'a>,
    notes: Vec<NoteView<'a>>,
}

pub fn path(ctx: &Ctx, s: usize) -> String {
    ctx.site.stories[s].path.clone()
}

pub fn build(ctx: &Ctx, s: usize) -> PageOut {
    let story = &ctx.site.stories[s];
    let lead = &ctx.site.content.articles[story.lead];
    let view = StoryView {
        id: &story.id,
        title: &lead.meta.title,
        url: ctx.url(&story.path),
        sources: story.sources,
        lead: ctx.card(story.lead),
        timeline: story.articles.iter().map(|&i| ctx.coverage(i)).collect(),
        other_languages: ctx.languages.map(|(all, i)| all.story_reports(i, &story.path)).unwrap_or_default(),
    };
    let rel = path(ctx, s);
    let mut head = ctx.head(
        ctx.text("story_title", None, &[("title", &lead.meta.title)]),
        lead.doc.summary.clone(),
        &rel,
        "story",
    );
    if ctx.config.site.feed_families.stories {
        head.feeds.extend(crate::render::feed_links::feed_links(&rel, &lead.meta.title, |r| ctx.url(r)));
    }
    let value = StoryPage { page: head, story: view, notes: story.notes.iter().map(|&n| ctx.note_view(n)).collect() };
    page("story.html", &rel, &value)
}
