//! The digest's web: stories across sources, syndication, related articles, entities with
//! aliases, weekly editions, notes and backlinks — on a fixture written for these cases.

mod common;

use common::fixture;
use gazette::list::{listing, Listing};

fn digest() -> Listing {
    let mut options = gazette::ProjectOptions::new(fixture("digest"));
    options.now = Some(common::now());
    let digest = gazette::Project::load(&options).unwrap().organize();
    listing(&digest.config, &digest.site)
}

fn story_of<'a>(l: &'a Listing, slug: &str) -> Option<&'a str> {
    l.articles.iter().find(|a| a.url.ends_with(&format!("/{slug}/"))).unwrap().story.as_deref()
}

#[test]
fn same_event_from_several_outlets_is_one_story() {
    let l = digest();
    let id = story_of(&l, "ferry-strike-a").expect("the strike reports form a story");
    for slug in ["ferry-strike-b", "ferry-strike-c", "ferry-strike-copy"] {
        assert_eq!(story_of(&l, slug), Some(id), "{slug}");
    }
    let story = l.stories.iter().find(|s| s.id == id).unwrap();
    assert_eq!(story.sources, 4);
    assert!(story.lead.ends_with("/ferry-strike-a/"), "the earliest original report leads");
}

#[test]
fn same_topic_different_event_is_not_clustered() {
    let l = digest();
    assert_eq!(story_of(&l, "tram-line-opens"), None);
}

#[test]
fn syndicated_copy_is_marked() {
    let l = digest();
    let copy = l.articles.iter().find(|a| a.url.ends_with("/ferry-strike-copy/")).unwrap();
    assert_eq!(copy.duplicate_of.as_deref(), Some("/articles/2026/04/06/ferry-strike-a/"));
    let b = l.articles.iter().find(|a| a.url.ends_with("/ferry-strike-b/")).unwrap();
    assert_eq!(b.duplicate_of, None, "a re-worded report is not a copy");
}

#[test]
fn explicit_story_id_always_wins() {
    let l = digest();
    assert_eq!(story_of(&l, "museum-a"), Some("museum-reopening"));
    assert_eq!(story_of(&l, "museum-b"), Some("museum-reopening"));
}

#[test]
fn related_articles_exclude_own_story_and_are_ordered() {
    let l = digest();
    let a = l.articles.iter().find(|a| a.url.ends_with("/ferry-strike-a/")).unwrap();
    assert!(!a.related.iter().any(|u| u.contains("ferry-strike")), "{:?}", a.related);
    // With the default weights a shared place (1.0) outweighs a shared topic (0.5): the museum
    // story (Lisvik) comes before the tram story (same topic, other town).
    let pos = |slug: &str| a.related.iter().position(|u| u.ends_with(&format!("/{slug}/")));
    assert_eq!(pos("museum-a"), Some(0), "{:?}", a.related);
    assert!(pos("tram-line-opens").is_some_and(|t| t > 0), "{:?}", a.related);
    assert!(a.related.len() <= 5);
    assert_eq!(
        digest().articles.iter().map(|x| x.related.clone()).collect::<Vec<_>>(),
        l.articles.iter().map(|x| x.related.clone()).collect::<Vec<_>>()
    );
}

#[test]
fn names_join_across_accents_and_aliases() {
    let l = digest();
    for slug in ["ferry-strike-a", "ferry-strike-b", "ferry-strike-c"] {
        let a = l.articles.iter().find(|a| a.url.ends_with(&format!("/{slug}/"))).unwrap();
        assert_eq!(a.people, ["Jana Novakova"], "{slug}");
    }
}

#[test]
fn list_json_has_the_documented_shape() {
    let out = assert_cmd::Command::cargo_bin("gazette")
        .unwrap()
        .args(["list", "--json", "--site"])
        .arg(fixture("digest"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let article = &v["articles"][0];
    for key in [
        "path",
        "url",
        "title",
        "date",
        "edition",
        "topic",
        "source",
        "story",
        "duplicate_of",
        "people",
        "organizations",
        "places",
        "tags",
        "related",
    ] {
        assert!(article.get(key).is_some(), "article lacks `{key}`");
    }
    for key in ["id", "url", "lead", "sources", "members"] {
        assert!(v["stories"][0].get(key).is_some(), "story lacks `{key}`");
    }
    assert!(v["editions"][0]["items"].is_array());
    assert!(v["notes"][0]["edition"].is_string());
}

#[test]
fn rendered_digest_pages() {
    let out = tempfile::tempdir().unwrap();
    common::build(&fixture("digest"), &out.path().join("o")).unwrap();
    let read = |p: &str| std::fs::read_to_string(out.path().join("o").join(p)).unwrap();
    let edition = read("editions/2026/04/07/index.html");
    // The story appears once, with its other coverage collapsed.
    assert_eq!(edition.matches("class=\"coverage\"").count(), 1, "{edition}");
    assert!(edition.contains("<details class=\"coverage\">"));
    assert!(edition.contains("Following the ferry strike"), "the note of the day comes first");
    let story = read("stories/ferry-strike-a/index.html");
    assert!(
        story.contains("Timeline of coverage")
            && story.contains("Estuary Times")
            && story.contains("Following the ferry strike")
    );
    let person = read("people/jana-novakova/index.html");
    assert_eq!(person.matches("class=\"card\"").count(), 4);
    assert!(read("people/index.html").contains("Jana Novakova"));
    let weekly = read("editions/2026/w15/index.html");
    assert!(weekly.contains("Week 15 of 2026"));
    let b = read("articles/2026/04/06/ferry-strike-b/index.html");
    assert!(b.contains("Following the ferry strike"), "backlink from the note");
    assert!(b.contains("More coverage of"));
    let archive = read("archive/index.html");
    assert!(archive.contains("<caption>April 2026</caption>"));
    for name in [
        "editions/2026/04/07/index.html",
        "editions/2026/w15/index.html",
        "stories/ferry-strike-a/index.html",
        "people/jana-novakova/index.html",
        "archive/index.html",
    ] {
        insta::assert_snapshot!(format!("digest_{}", name.replace('/', "__")), read(name));
    }
}

#[test]
fn shared_cards_are_the_cards_each_page_would_make() {
    let mut options = gazette::ProjectOptions::new(fixture("digest"));
    options.now = Some(common::now());
    let digest = gazette::Project::load(&options).unwrap().organize();
    let lang = gazette::render::theme::strings(&digest.config).unwrap();
    let cards = gazette::render::context::CardCache::new(digest.site.content.articles.len());
    let ctx = gazette::render::context::Ctx {
        cards: Some(&cards),
        ..gazette::render::context::Ctx::new(&digest.config, &digest.site, &lang)
    };
    let as_value = |l: &gazette::render::cards::Listed| tera::Value::from_serializable(l);
    assert!(digest.site.content.articles.len() > 3);
    for round in 0..2 {
        for i in 0..digest.site.content.articles.len() {
            let listed = ctx.listed(i);
            assert!(matches!(listed, gazette::render::cards::Listed::Shared(_)), "article {i}");
            let fresh = tera::Value::from_serializable(&ctx.card(i));
            assert_eq!(as_value(&listed), fresh, "article {i}, round {round}");
        }
    }
    // Pages read away from the site (e-mail) get their own cards, with absolute links.
    let absolute = gazette::render::context::Ctx { absolute: true, ..ctx };
    assert!(matches!(absolute.listed(0), gazette::render::cards::Listed::Own(_)));
    assert!(absolute.card(0).url.starts_with("http"), "{}", absolute.card(0).url);
}
