//! Note pages (`/notes/slug/`): an editors' note with its edition, topics and the articles it
//! is about.

use serde::Serialize;

use crate::render::cards::Card;
use crate::render::context::{Ctx, Head, Link, NoteView, TopicLink};
use crate::render::page::{page, PageOut};

#[derive(Serialize)]
struct NotePage<'a> {
    page: Head,
    note: NoteView<'a>,
    edition: Option<Link>,
    topics: Vec<TopicLink<'a>>,
    articles: Vec<Card<'a>>,
}

pub fn path(ctx: &Ctx, n: usize) -> String {
    ctx.site.content.notes[n].doc.path.clone()
}

pub fn build(ctx: &Ctx, n: usize) -> PageOut {
    let note = &ctx.site.content.notes[n];
    let edition = ctx.site.edition_of_day(note.edition).map(|e| {
        let ed = &ctx.site.editions[e];
        Link { title: ctx.date_display(ed.day), url: ctx.url(&ed.path) }
    });
    let articles = ctx
        .site
        .article_links
        .iter()
        .enumerate()
        .filter(|(_, l)| l.notes.contains(&n))
        .map(|(i, _)| ctx.card(i))
        .collect();
    let rel = path(ctx, n);
    let value = NotePage {
        page: ctx.head(&note.meta.title, note.doc.summary.clone(), &rel, "note").showing(&note.doc.html),
        note: ctx.note_view(n),
        edition,
        topics: note.meta.topics.iter().filter_map(|t| ctx.topic_link(Some(t))).collect(),
        articles,
    };
    page("note.html", &rel, &value)
}
