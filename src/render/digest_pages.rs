//! Pages of the digest's web: stories and entity (people, organisations, places, tags) pages.

use serde::Serialize;

use super::context::{Coverage, Ctx, DayGroup, Head, Link, NoteView};
use super::pages::{page, PageOut};
use crate::organize::EntityKind;

pub fn story(ctx: &Ctx, s: usize) -> PageOut {
    #[derive(Serialize)]
    struct StoryView<'a> {
        id: &'a str,
        title: &'a str,
        url: String,
        sources: usize,
        lead: super::context::Card<'a>,
        /// Every article, oldest first.
        timeline: Vec<Coverage<'a>>,
    }
    #[derive(Serialize)]
    struct P<'a> {
        page: Head,
        story: StoryView<'a>,
        notes: Vec<NoteView<'a>>,
    }
    let story = &ctx.site.stories[s];
    let lead = &ctx.site.content.articles[story.lead];
    let view = StoryView {
        id: &story.id,
        title: &lead.meta.title,
        url: ctx.url(&story.path),
        sources: story.sources,
        lead: ctx.card(story.lead),
        timeline: story.articles.iter().map(|&i| ctx.coverage(i)).collect(),
    };
    let value = P {
        page: ctx.head(format!("Story: {}", lead.meta.title), lead.doc.summary.clone(), &story.path, "story"),
        story: view,
        notes: story.notes.iter().map(|&n| ctx.note_view(n)).collect(),
    };
    page("story.html", &story.path, &value)
}

pub fn entity_index(ctx: &Ctx, kind: EntityKind) -> PageOut {
    #[derive(Serialize)]
    struct Entry<'a> {
        name: &'a str,
        url: String,
        count: usize,
    }
    #[derive(Serialize)]
    struct P<'a> {
        page: Head,
        kind: &'static str,
        entities: Vec<Entry<'a>>,
        kinds: Vec<Link>,
    }
    let mut entities: Vec<Entry> = ctx
        .site
        .entities
        .of_kind(kind)
        .map(|(_, e)| Entry { name: &e.name, url: ctx.url(&e.path), count: e.articles.len() })
        .collect();
    entities.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(b.name)));
    let rel = format!("{}/", kind.dir());
    let kinds = EntityKind::ALL
        .iter()
        .map(|k| Link { title: k.title().into(), url: ctx.url(&format!("{}/", k.dir())) })
        .collect();
    let value = P { page: ctx.head(kind.title(), "", &rel, "entities"), kind: kind.title(), entities, kinds };
    page("entities.html", &rel, &value)
}

pub fn entity(ctx: &Ctx, e: usize) -> PageOut {
    #[derive(Serialize)]
    struct View<'a> {
        name: &'a str,
        kind: &'static str,
        kind_url: String,
        count: usize,
    }
    #[derive(Serialize)]
    struct P<'a> {
        page: Head,
        entity: View<'a>,
        groups: Vec<DayGroup<'a>>,
        stories: Vec<Link>,
    }
    let entity = &ctx.site.entities.all[e];
    let mut stories: Vec<usize> = entity.articles.iter().filter_map(|&i| ctx.site.story_of[i]).collect();
    stories.dedup();
    stories.sort_unstable();
    stories.dedup();
    let value = P {
        page: ctx.head(
            &entity.name,
            format!("{} articles mentioning {}", entity.articles.len(), entity.name),
            &entity.path,
            "entity",
        ),
        entity: View {
            name: &entity.name,
            kind: entity.kind.title(),
            kind_url: ctx.url(&format!("{}/", entity.kind.dir())),
            count: entity.articles.len(),
        },
        groups: ctx.by_day(&entity.articles),
        stories: stories
            .into_iter()
            .map(|s| {
                let story = &ctx.site.stories[s];
                Link { title: ctx.site.content.articles[story.lead].meta.title.clone(), url: ctx.url(&story.path) }
            })
            .collect(),
    };
    page("entity.html", &entity.path, &value)
}
