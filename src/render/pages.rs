//! The pages of a site and the context each one gets.

use serde::Serialize;

use super::context::{date_display, iso, Card, Coverage, Ctx, Head, Link, NoteView, TopicLink};
use super::{digest_pages, listing_pages};
use crate::config::Target;
use crate::content::Image;

/// One page to render: which template, where it goes, and its context.
pub struct PageOut {
    pub template: &'static str,
    /// Output file, relative (`articles/…/index.html`).
    pub file: String,
    pub context: tera::Context,
}

pub(crate) fn page<T: Serialize>(template: &'static str, rel_dir: &str, value: &T) -> PageOut {
    let file = if rel_dir.ends_with(".html") { rel_dir.to_owned() } else { format!("{rel_dir}index.html") };
    // Serialising our own structs cannot fail: they hold only strings, numbers and lists.
    let context = tera::Context::from_serialize(value).unwrap_or_default();
    PageOut { template, file, context }
}

/// Every page of the site, as jobs that render independently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    Front,
    Edition(usize),
    TopicsIndex,
    Topic { topic: usize, page: usize },
    Article(usize),
    Note(usize),
    Page(usize),
    Archive,
    Search,
    NotFound,
    Weekly(usize),
    Email(usize),
    Story(usize),
    EntityIndex(crate::organize::EntityKind),
    Entity(usize),
}

/// The template of the e-mail edition (`Job::Email`: a daily edition as a self-contained page,
/// with `newsletter: true`); only themes that have it can render newsletters.
pub const EMAIL_TEMPLATE: &str = "email.html";

/// Every page to render; `email` adds the e-mail page of each daily edition.
pub fn jobs(ctx: &Ctx, email: bool) -> Vec<Job> {
    let site = ctx.site;
    let per_page = ctx.config.site.paginate_by;
    let mut jobs = vec![Job::Front, Job::TopicsIndex, Job::Archive, Job::NotFound];
    if ctx.config.site.search {
        jobs.push(Job::Search);
    }
    jobs.extend((0..site.editions.len()).map(Job::Edition));
    for (t, topic) in site.topics.iter().enumerate() {
        let pages = topic.items.len().div_ceil(per_page).max(1);
        jobs.extend((1..=pages).map(|page| Job::Topic { topic: t, page }));
    }
    jobs.extend((0..site.content.articles.len()).map(Job::Article));
    jobs.extend((0..site.content.notes.len()).map(Job::Note));
    jobs.extend((0..site.content.pages.len()).map(Job::Page));
    jobs.extend((0..site.weekly.len()).map(Job::Weekly));
    if email {
        jobs.extend((0..site.editions.len()).map(Job::Email));
    }
    jobs.extend((0..site.stories.len()).map(Job::Story));
    jobs.extend(crate::organize::EntityKind::ALL.into_iter().map(Job::EntityIndex));
    jobs.extend((0..site.entities.all.len()).map(Job::Entity));
    jobs
}

pub fn build(ctx: &Ctx, job: Job) -> PageOut {
    match job {
        Job::Front => edition(ctx, &ctx.site.editions, 0, true),
        Job::Edition(e) => edition(ctx, &ctx.site.editions, e, false),
        Job::Weekly(e) => edition(ctx, &ctx.site.weekly, e, false),
        Job::Email(e) => email(ctx, e),
        Job::Story(s) => digest_pages::story(ctx, s),
        Job::EntityIndex(kind) => digest_pages::entity_index(ctx, kind),
        Job::Entity(e) => digest_pages::entity(ctx, e),
        Job::TopicsIndex => listing_pages::topics_index(ctx),
        Job::Topic { topic: t, page: p } => listing_pages::topic(ctx, t, p),
        Job::Article(i) => article(ctx, i),
        Job::Note(n) => note(ctx, n),
        Job::Page(p) => plain_page(ctx, p),
        Job::Archive => listing_pages::archive(ctx),
        Job::Search => super::search_page::build(ctx),
        Job::NotFound => {
            #[derive(Serialize)]
            struct P {
                page: Head,
            }
            page("404.html", "404.html", &P { page: ctx.head("Page not found", "", "404.html", "404") })
        }
    }
}

/// The output file of page `job`, as [`build`] names it, without building the page.
pub fn file_of(ctx: &Ctx, job: Job) -> String {
    let site = ctx.site;
    let mut dir = match job {
        Job::Front => String::new(),
        Job::Edition(e) => site.editions[e].path.clone(),
        Job::Weekly(e) => site.weekly[e].path.clone(),
        Job::Email(e) => return format!("{}email.html", site.editions[e].path),
        Job::Story(s) => site.stories[s].path.clone(),
        Job::EntityIndex(kind) => format!("{}/", kind.dir()),
        Job::Entity(e) => site.entities.all[e].path.clone(),
        Job::TopicsIndex => "topics/".into(),
        Job::Topic { topic, page } => listing_pages::topic_page_path(&site.topics[topic].path, page),
        Job::Article(i) => site.content.articles[i].doc.path.clone(),
        Job::Note(n) => site.content.notes[n].doc.path.clone(),
        Job::Page(p) => site.content.pages[p].doc.path.clone(),
        Job::Archive => "archive/".into(),
        Job::Search => super::search_page::PATH.into(),
        Job::NotFound => return "404.html".into(),
    };
    dir.push_str("index.html");
    dir
}

#[derive(Serialize)]
struct Section<'a> {
    topic: Option<TopicLink<'a>>,
    items: Vec<Card<'a>>,
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

#[derive(Serialize)]
struct EditionPage<'a> {
    page: Head,
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

fn edition_title(ed: &crate::organize::Edition) -> String {
    if ed.weekly {
        let week = chrono::Datelike::iso_week(&ed.day);
        format!("Week {} of {}", week.week(), week.year())
    } else {
        date_display(ed.day)
    }
}

/// An edition page (daily or weekly); the front page is the newest daily edition.
/// Stories appear once, ranked; sections follow the order of topics in site.yaml.
fn edition(ctx: &Ctx, list: &[crate::organize::Edition], e: usize, front: bool) -> PageOut {
    let site = ctx.site;
    let Some(ed) = list.get(e) else {
        let head = ctx.head(&ctx.config.site.title, "", "", "front");
        let empty = EditionPage {
            page: head,
            edition: None,
            notes: vec![],
            top: None,
            top_image: None,
            sections: vec![],
            newer: None,
            older: None,
        };
        return page("index.html", "", &empty);
    };
    let top = ed.items.first();
    let top_image = top.and_then(|item| {
        let members = item.story.map_or(&[][..], |s| &site.stories[s].articles[..]);
        std::iter::once(&item.lead).chain(members).find_map(|&i| {
            let a = &site.content.articles[i];
            a.meta.images.first().map(|img| image_view(ctx, img, &a.doc.path))
        })
    });
    let mut sections: Vec<Section> = Vec::new();
    for slug in ctx.config.site.topics.iter().map(|t| Some(t.slug.as_str())).chain([None]) {
        let items: Vec<Card> = ed
            .items
            .iter()
            .skip(1)
            .filter(|item| site.content.articles[item.lead].meta.topic.as_deref() == slug)
            .map(|item| ctx.item_card(item))
            .collect();
        if !items.is_empty() {
            sections.push(Section { topic: ctx.topic_link(slug), items });
        }
    }
    let link = |i: usize| list.get(i).map(|x| Link { title: edition_title(x), url: ctx.url(&x.path) });
    let view = EditionView {
        date: ed.day.to_string(),
        title: edition_title(ed),
        weekly: ed.weekly,
        url: ctx.url(&ed.path),
        count: ed.articles.len(),
        stories: ed.items.len(),
    };
    let (template, rel, title) = if front {
        ("index.html", String::new(), ctx.config.site.title.clone())
    } else {
        ("edition.html", ed.path.clone(), format!("Edition: {}", view.title))
    };
    let kind = if front { "front" } else { "edition" };
    let value = EditionPage {
        page: ctx.head(title, "", &rel, kind),
        edition: Some(view),
        notes: ed.notes.iter().map(|&n| ctx.note_view(n)).collect(),
        top: top.map(|item| ctx.item_card(item)),
        top_image,
        sections,
        newer: e.checked_sub(1).and_then(link),
        older: link(e + 1),
    };
    page(template, &rel, &value)
}

/// A daily edition for e-mail: the edition's context with every link absolute, rendered with
/// `email.html` to `editions/YYYY/MM/DD/email.html`.
fn email(ctx: &Ctx, e: usize) -> PageOut {
    let absolute = Ctx { absolute: true, ..*ctx };
    let mut out = edition(&absolute, &ctx.site.editions, e, false);
    out.template = EMAIL_TEMPLATE;
    out.file = format!("{}email.html", ctx.site.editions[e].path);
    out
}

#[derive(Serialize)]
struct ImageView<'a> {
    src: String,
    alt: &'a str,
    caption: Option<&'a str>,
    credit: Option<&'a str>,
}

/// An image of the article at `page`: its `src` resolved as a link of this page (absolute in
/// e-mail).
fn image_view<'a>(ctx: &Ctx, img: &'a Image, page: &str) -> ImageView<'a> {
    let src = match ctx.config.url.resolve(&img.src, page) {
        Target::Internal(rel) => ctx.url(&rel),
        Target::External(url) => url.into_owned(),
    };
    ImageView { src, alt: &img.alt, caption: img.caption.as_deref(), credit: img.credit.as_deref() }
}

fn article(ctx: &Ctx, i: usize) -> PageOut {
    #[derive(Serialize)]
    struct ArticleView<'a> {
        title: &'a str,
        url: String,
        html: &'a str,
        summary: &'a str,
        /// The front matter's own summary, shown above the body (a summary taken from the
        /// body's first paragraph would only repeat it).
        standfirst: Option<&'a str>,
        source: Option<&'a str>,
        source_url: Option<&'a str>,
        section: Option<&'a str>,
        language: &'a str,
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
    #[derive(Serialize)]
    struct StoryView<'a> {
        url: String,
        sources: usize,
        /// A syndicated copy: the original it repeats.
        copy_of: Option<Coverage<'a>>,
        coverage: Vec<Coverage<'a>>,
        previous: Option<Link>,
        next: Option<Link>,
    }
    #[derive(Serialize)]
    struct P<'a> {
        page: Head,
        article: ArticleView<'a>,
        edition: Link,
        newer_in_topic: Option<Card<'a>>,
        older_in_topic: Option<Card<'a>>,
        also_in_edition: Vec<Card<'a>>,
        notes: Vec<Link>,
        mentioned_in: Vec<Link>,
        story: Option<StoryView<'a>>,
        related: Vec<Card<'a>>,
    }
    let a = &ctx.site.content.articles[i];
    let links = &ctx.site.article_links[i];
    let ed = &ctx.site.editions[links.edition];
    let m = &a.meta;
    let view = ArticleView {
        title: &m.title,
        url: ctx.url(&a.doc.path),
        html: &a.doc.html,
        summary: &a.doc.summary,
        standfirst: m.summary.as_deref(),
        source: m.source.as_deref(),
        source_url: m.source_url.as_deref(),
        section: m.section.as_deref(),
        language: m.language.as_deref().unwrap_or(&ctx.config.site.language),
        authors: &m.authors,
        date: iso(&a.date),
        date_display: date_display(a.day),
        time_display: a.date.format("%H:%M").to_string(),
        updated: a.updated.as_ref().map(iso),
        topic: ctx.topic_link(m.topic.as_deref()),
        tags: &m.tags,
        people: &m.people,
        organizations: &m.organizations,
        places: &m.places,
        images: m.images.iter().map(|img| image_view(ctx, img, &a.doc.path)).collect(),
        entities: entity_groups(ctx, i),
        word_count: a.doc.word_count,
        reading_minutes: a.doc.reading_minutes(),
    };
    let value = P {
        page: super::meta::article_head(ctx, i),
        article: view,
        edition: Link { title: date_display(ed.day), url: ctx.url(&ed.path) },
        newer_in_topic: links.newer_in_topic.map(|j| ctx.card(j)),
        older_in_topic: links.older_in_topic.map(|j| ctx.card(j)),
        also_in_edition: ed.articles.iter().filter(|&&j| j != i).take(10).map(|&j| ctx.card(j)).collect(),
        notes: links.notes.iter().map(|&n| ctx.note_link(n)).collect(),
        mentioned_in: links.mentioned_in.iter().map(|&j| ctx.article_link(j)).collect(),
        story: ctx.site.story_of[i].map(|s| {
            let story = &ctx.site.stories[s];
            StoryView {
                url: ctx.url(&story.path),
                sources: story.sources,
                copy_of: story.duplicate_of(i).map(|j| ctx.coverage(j)),
                coverage: story.articles.iter().filter(|&&j| j != i).map(|&j| ctx.coverage(j)).collect(),
                previous: links.previous_in_story.map(|j| ctx.article_link(j)),
                next: links.next_in_story.map(|j| ctx.article_link(j)),
            }
        }),
        related: ctx.site.related[i].iter().map(|&j| ctx.card(j)).collect(),
    };
    page("article.html", &a.doc.path, &value)
}

/// People, organisations, places and tags of an article, as links to their pages.
#[derive(Serialize)]
struct EntityGroup {
    kind: &'static str,
    items: Vec<Link>,
}

fn entity_groups(ctx: &Ctx, i: usize) -> Vec<EntityGroup> {
    let entities = &ctx.site.entities;
    crate::organize::EntityKind::ALL
        .into_iter()
        .map(|kind| EntityGroup {
            kind: kind.title(),
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

fn note(ctx: &Ctx, n: usize) -> PageOut {
    #[derive(Serialize)]
    struct P<'a> {
        page: Head,
        note: NoteView<'a>,
        edition: Option<Link>,
        topics: Vec<TopicLink<'a>>,
        articles: Vec<Card<'a>>,
    }
    let note = &ctx.site.content.notes[n];
    let edition = ctx.site.edition_of_day(note.edition).map(|e| {
        let ed = &ctx.site.editions[e];
        Link { title: date_display(ed.day), url: ctx.url(&ed.path) }
    });
    let articles = ctx
        .site
        .article_links
        .iter()
        .enumerate()
        .filter(|(_, l)| l.notes.contains(&n))
        .map(|(i, _)| ctx.card(i))
        .collect();
    let value = P {
        page: ctx.head(&note.meta.title, note.doc.summary.clone(), &note.doc.path, "note"),
        note: ctx.note_view(n),
        edition,
        topics: note.meta.topics.iter().filter_map(|t| ctx.topic_link(Some(t))).collect(),
        articles,
    };
    page("note.html", &note.doc.path, &value)
}

fn plain_page(ctx: &Ctx, p: usize) -> PageOut {
    #[derive(Serialize)]
    struct View<'a> {
        title: &'a str,
        html: &'a str,
    }
    #[derive(Serialize)]
    struct P<'a> {
        page: Head,
        content: View<'a>,
    }
    let pg = &ctx.site.content.pages[p];
    let value = P {
        page: ctx.head(&pg.meta.title, pg.meta.description.clone(), &pg.doc.path, "page"),
        content: View { title: &pg.meta.title, html: &pg.doc.html },
    };
    page("page.html", &pg.doc.path, &value)
}
