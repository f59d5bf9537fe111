//! Feeds parse with a real feed client (`feed-rs`) and list the right entries.

mod publish_support;

use chrono::{DateTime, Utc};
use feed_rs::model::FeedType;
use publish_support::{build, build_as_of, HOSTILE_TITLE};

const BASE: &str = "https://example.org/ledger/";

struct Expected {
    path: &'static str,
    title: &'static str,
    published: &'static str,
    updated: &'static str,
}

const FERRY: Expected = Expected {
    path: "articles/2026/03/10/ferry-returns/",
    title: "Harbour ferry returns after its winter refit",
    published: "2026-03-10T08:00:00Z",
    updated: "2026-03-10T08:00:00Z",
};
const TIDE: Expected = Expected {
    path: "articles/2026/03/09/tide-gauge-data/",
    title: "Sixty years of tide gauge readings go online",
    published: "2026-03-09T17:30:00Z",
    updated: "2026-03-10T07:00:00Z",
};
const HOSTILE: Expected = Expected {
    path: "articles/2026/03/08/hostile-title/",
    title: HOSTILE_TITLE,
    published: "2026-03-08T11:00:00Z",
    updated: "2026-03-08T11:00:00Z",
};
const MARKET: Expected = Expected {
    path: "articles/2026/03/08/market-hall-roof/",
    title: "Market hall roof to be replaced before summer",
    published: "2026-03-08T07:00:00Z",
    updated: "2026-03-08T07:00:00Z",
};
const OBSERVATORY: Expected = Expected {
    path: "articles/2026/03/06/observatory-dome/",
    title: "Observatory dome reopens to visitors",
    published: "2026-03-06T06:00:00Z",
    updated: "2026-03-06T06:00:00Z",
};

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

#[test]
fn every_feed_parses_and_lists_the_newest_entries_within_the_limit() {
    let site = build("publish", "", None);
    // feed_limit is 3 in the fixture: the site feed and City are cut to 3, Science has 2.
    let cases: [(&str, &str, Vec<&Expected>); 3] = [
        ("", "The Harbour Ledger", vec![&FERRY, &TIDE, &HOSTILE]),
        ("topics/city/", "City · The Harbour Ledger", vec![&FERRY, &HOSTILE, &MARKET]),
        ("topics/science/", "Science · The Harbour Ledger", vec![&TIDE, &OBSERVATORY]),
    ];
    for (dir, feed_title, expected) in cases {
        for (file, kind) in [("feed.xml", FeedType::Atom), ("rss.xml", FeedType::RSS2), ("feed.json", FeedType::JSON)] {
            let rel = format!("{dir}{file}");
            let feed = feed_rs::parser::parse(&site.bytes(&rel)[..]).unwrap_or_else(|e| panic!("{rel}: {e}"));
            assert_eq!(feed.feed_type, kind, "{rel}");
            assert_eq!(feed.title.as_ref().map(|t| t.content.as_str()), Some(feed_title), "{rel}");
            let titles: Vec<&str> = feed.entries.iter().map(|e| e.title.as_ref().unwrap().content.as_str()).collect();
            assert_eq!(titles, expected.iter().map(|e| e.title).collect::<Vec<_>>(), "{rel}");
            for (entry, want) in feed.entries.iter().zip(&expected) {
                let url = format!("{BASE}{}", want.path);
                assert_eq!(entry.id, url, "{rel}: id");
                assert_eq!(entry.links.first().map(|l| l.href.as_str()), Some(url.as_str()), "{rel}: link");
                assert_eq!(entry.published, Some(utc(want.published)), "{rel}: published of {}", want.title);
                if kind != FeedType::RSS2 {
                    // RSS 2.0 has no modification date per item.
                    assert_eq!(entry.updated, Some(utc(want.updated)), "{rel}: updated of {}", want.title);
                }
                assert!(!entry.authors.is_empty(), "{rel}: authors of {}", want.title);
                match (&entry.content, &kind) {
                    // JSON Feed requires content: without full content it is the summary, as text.
                    (Some(c), FeedType::JSON) => assert_eq!(c.content_type.to_string(), "text/plain", "{rel}"),
                    (None, FeedType::JSON) => panic!("{rel}: a JSON Feed item needs content_text or content_html"),
                    (c, _) => assert!(c.is_none(), "{rel}: no full content unless feed_full_content"),
                }
            }
            if kind == FeedType::Atom {
                assert_eq!(feed.id, format!("{BASE}{dir}"));
                assert_eq!(feed.updated, Some(utc(expected[0].updated.max(expected[1].updated))));
            }
        }
    }
}

#[test]
fn entries_carry_authors_categories_and_summary() {
    let site = build("publish", "", None);
    for file in ["feed.xml", "rss.xml", "feed.json"] {
        let feed = feed_rs::parser::parse(&site.bytes(file)[..]).unwrap();
        let ferry = &feed.entries[0];
        let authors: Vec<&str> = ferry.authors.iter().map(|p| p.name.as_deref().unwrap_or_default()).collect();
        assert_eq!(authors, ["Mira Solberg", "Tomas Eke"], "{file}");
        let cats: Vec<&str> = ferry.categories.iter().map(|c| c.label.as_deref().unwrap_or(c.term.as_str())).collect();
        assert!(cats.contains(&"City") && cats.contains(&"ferries") && cats.contains(&"harbour"), "{file}: {cats:?}");
        let summary = ferry.summary.as_ref().map(|s| s.content.as_str()).unwrap_or_default();
        assert!(summary.starts_with("The blue ferry is back"), "{file}: {summary}");
        if file == "feed.json" {
            let json: serde_json::Value = serde_json::from_slice(&site.bytes(file)).unwrap();
            assert_eq!(json["items"][0]["image"], "https://example.org/ledger/img/ferry.svg");
        }
        // The hostile article's author and tag come back exactly as written.
        let hostile = &feed.entries[2];
        assert_eq!(hostile.authors[0].name.as_deref(), Some("O'Neil & <Sons>"), "{file}");
    }
}

#[test]
fn full_content_puts_article_html_with_absolute_links_in_every_feed() {
    let site = build("publish", "feed_full_content: true", None);
    for file in ["topics/city/feed.xml", "topics/city/rss.xml", "topics/city/feed.json"] {
        let feed = feed_rs::parser::parse(&site.bytes(file)[..]).unwrap();
        let ferry = feed.entries[0].content.as_ref().and_then(|c| c.body.as_deref()).unwrap_or_default();
        assert!(ferry.contains("<h2 id=\"timetable\">Timetable</h2>"), "{file}: {ferry}");
        let market = feed.entries[2].content.as_ref().and_then(|c| c.body.as_deref()).unwrap_or_default();
        assert!(
            market.contains("href=\"https://example.org/ledger/articles/2026/03/10/ferry-returns/#timetable\""),
            "{file}: internal links must be absolute in feeds: {market}"
        );
    }
}

#[test]
fn pages_announce_their_feeds() {
    let site = build("publish", "", None);
    let alternates = |rel: &str| -> Vec<(String, String)> {
        let doc = dom_query::Document::from(site.read(rel).as_str());
        doc.select("link[rel=alternate]")
            .nodes()
            .iter()
            .map(|n| (n.attr("type").unwrap().to_string(), n.attr("href").unwrap().to_string()))
            .collect()
    };
    let front = alternates("index.html");
    assert!(front.contains(&("application/atom+xml".into(), "/ledger/feed.xml".into())), "{front:?}");
    assert!(front.contains(&("application/rss+xml".into(), "/ledger/rss.xml".into())));
    assert!(front.contains(&("application/feed+json".into(), "/ledger/feed.json".into())));
    let topic = alternates("topics/city/index.html");
    assert!(topic.contains(&("application/atom+xml".into(), "/ledger/topics/city/feed.xml".into())), "{topic:?}");
    assert!(topic.contains(&("application/feed+json".into(), "/ledger/topics/city/feed.json".into())), "{topic:?}");
    // Other pages point to the site's and their topic's Atom feeds; the feeds' own pages list all
    // three formats.
    let article = alternates("articles/2026/03/09/tide-gauge-data/index.html");
    let atom = |href: &str| ("application/atom+xml".to_string(), href.to_string());
    assert_eq!(article, [atom("/ledger/feed.xml"), atom("/ledger/topics/science/feed.xml")]);
}

/// Regression (issue 19): with base path `/`, making links absolute for full-content feeds
/// turned the protocol-relative `src="//cdn…"` into `https://host//cdn…`.
#[test]
fn full_content_feeds_leave_protocol_relative_urls_alone_with_base_path_root() {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("site.yaml", "title: T\nbase_url: https://example.org/\nfeed_full_content: true\nsearch: false\n");
    write(
        "content/articles/cdn.md",
        "---\ntitle: Pictures from the network\ndate: 2026-03-01\n---\n\n\
         A picture <img src=\"//cdn.example.net/x.png\" alt=\"x\"> and a [page](/archive/).\n",
    );
    let mut options = gazette::BuildOptions::new(dir.path());
    options.out = Some(dir.path().join("out"));
    options.now = Some(publish_support::now());
    gazette::build(&options).unwrap();
    for file in ["feed.xml", "rss.xml", "feed.json"] {
        let feed = feed_rs::parser::parse(&std::fs::read(dir.path().join("out").join(file)).unwrap()[..]).unwrap();
        let html = feed.entries[0].content.as_ref().and_then(|c| c.body.as_deref()).unwrap_or_default();
        assert!(html.contains("src=\"//cdn.example.net/x.png\""), "{file}: {html}");
        assert!(html.contains("href=\"https://example.org/archive/\""), "{file}: {html}");
        assert!(!html.contains("example.org//"), "{file}: {html}");
    }
}

/// Issue 21: `/editions/feed.xml` (and RSS, JSON Feed) has one entry per daily edition, newest
/// first, whose content lists the edition's stories with absolute links; the front page
/// announces it.
#[test]
fn the_editions_feed_has_one_entry_per_daily_edition() {
    let site = build("publish", "", None);
    let days = ["2026/03/10", "2026/03/09", "2026/03/08"];
    for file in ["editions/feed.xml", "editions/rss.xml", "editions/feed.json"] {
        let feed = feed_rs::parser::parse(&site.bytes(file)[..]).unwrap_or_else(|e| panic!("{file}: {e}"));
        let links: Vec<&str> = feed.entries.iter().map(|e| e.links[0].href.as_str()).collect();
        let want: Vec<String> = days.iter().map(|d| format!("https://example.org/ledger/editions/{d}/")).collect();
        assert_eq!(links, want, "{file}");
        let newest = feed.entries[0].content.as_ref().and_then(|c| c.body.as_deref()).unwrap_or_default();
        assert!(
            newest.contains(r#"<a href="https://example.org/ledger/articles/2026/03/10/ferry-returns/">"#),
            "{file}: {newest}"
        );
        let hostile = feed.entries[2].content.as_ref().and_then(|c| c.body.as_deref()).unwrap_or_default();
        assert!(!hostile.contains("<script"), "{file}: titles are escaped in the entry's HTML: {hostile}");
    }
    let front = String::from_utf8(site.bytes("index.html")).unwrap();
    assert!(front.contains(r#"(Atom)" href="/ledger/editions/feed.xml">"#), "{front}");
}

/// After the digest fixture's articles.
fn june() -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339("2026-06-01T00:00:00Z").unwrap()
}

/// Whether `rel` is one of the three feeds beside a page of a family (`tags/x/feed.xml`).
fn family_feed(rel: &str) -> bool {
    let dir = rel.split('/').next().unwrap_or_default();
    ["people", "organizations", "places", "tags", "sources", "stories"].contains(&dir)
        && rel.matches('/').count() == 2
        && ["/feed.xml", "/rss.xml", "/feed.json"].iter().any(|f| rel.ends_with(f))
}

/// The entry links of one family feed, read by a second real client: `atom_syndication` for
/// Atom, `rss` for RSS 2.0 (both of the rust-syndication project) and, for JSON Feed, the
/// fields version 1.1 of the specification requires, read with `serde_json`.
fn second_client_links(rel: &str, bytes: &[u8]) -> Vec<String> {
    if rel.ends_with("feed.xml") {
        let feed = atom_syndication::Feed::read_from(bytes).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert!(feed.entries().iter().all(|e| e.content().is_none()), "{rel}: no full text");
        feed.entries().iter().map(|e| e.links()[0].href().to_owned()).collect()
    } else if rel.ends_with("rss.xml") {
        let channel = rss::Channel::read_from(bytes).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert!(!channel.description().is_empty(), "{rel}: RSS requires a channel description");
        channel
            .items()
            .iter()
            .map(|i| i.link().unwrap_or_else(|| panic!("{rel}: item without link")).to_owned())
            .collect()
    } else {
        let feed: serde_json::Value = serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1", "{rel}");
        assert!(feed["title"].is_string(), "{rel}");
        let items = feed["items"].as_array().unwrap_or_else(|| panic!("{rel}: no items"));
        for item in items {
            assert!(item["id"].is_string() && item["content_text"].is_string(), "{rel}: {item}");
        }
        items.iter().map(|i| i["url"].as_str().unwrap_or_default().to_owned()).collect()
    }
}

/// Every family feed of `site` parses with `feed-rs` and with a second client, both reading
/// the same entries; lists at most `limit` of its page's articles (no full text) and is
/// announced by its page; returns their paths.
fn check_family_feeds(site: &publish_support::Built, base: &str, limit: usize) -> Vec<String> {
    let feeds: Vec<String> = site.files().into_iter().filter(|rel| family_feed(rel)).collect();
    for rel in &feeds {
        let bytes = site.bytes(rel);
        let feed = feed_rs::parser::parse(&bytes[..]).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let kind = [("feed.xml", FeedType::Atom), ("rss.xml", FeedType::RSS2), ("feed.json", FeedType::JSON)];
        assert!(kind.iter().any(|(end, t)| rel.ends_with(end) && feed.feed_type == *t), "{rel}: {:?}", feed.feed_type);
        assert!((1..=limit).contains(&feed.entries.len()), "{rel}: the limit applies to each");
        for e in &feed.entries {
            // JSON Feed requires a text: the lean items repeat their title there.
            let title = e.title.as_ref().map(|t| t.content.as_str());
            let body = e.content.as_ref().and_then(|c| c.body.as_deref());
            assert!(body.is_none() || body == title, "{rel}: no article text in a family feed: {body:?}");
            assert!(e.summary.is_none(), "{rel}: lean entries");
        }
        let links: Vec<String> = feed.entries.iter().map(|e| e.links[0].href.clone()).collect();
        assert_eq!(second_client_links(rel, &bytes), links, "{rel}: the two clients disagree");
        let page = String::from_utf8(site.bytes(&rel.replace(rel.rsplit('/').next().unwrap(), "index.html"))).unwrap();
        assert!(page.contains(&format!(r#"href="{base}{rel}">"#)), "{rel} is not announced");
        for link in &links {
            let path = link.trim_start_matches("https://example.org");
            assert!(page.contains(&format!(r#"href="{path}""#)), "{rel}: {path} is not on the page");
        }
    }
    feeds
}

/// Issue 21: every person, organisation, place, tag, outlet and story has Atom, RSS and JSON
/// feeds beside its page (lean entries), announced in that page's head, listing the page's
/// newest articles, at most `feed_families.limit` (5) and `feed_limit`; each family can be
/// turned off.
#[test]
fn feed_families_give_every_page_of_a_family_three_feeds() {
    let default = build("publish", "", None);
    let mut feeds = check_family_feeds(&default, "/ledger/", 5);
    feeds.extend(check_family_feeds(&build_as_of("digest", "feed_limit: 2", june()), "/", 2));
    feeds.extend(check_family_feeds(&build_as_of("digest", "feed_families: {limit: 1}", june()), "/", 1));
    for dir in ["people/", "organizations/", "places/", "tags/", "sources/", "stories/"] {
        for file in ["feed.xml", "rss.xml", "feed.json"] {
            assert!(feeds.iter().any(|f| f.starts_with(dir) && f.ends_with(file)), "no {dir} {file} in {feeds:?}");
        }
    }
    let off = build("publish", "feed_families: {entities: false, stories: false, sources: false}", None);
    assert!(!off.files().iter().any(|rel| family_feed(rel)), "all three families off");
    let stories_only = build_as_of("digest", "feed_families: {entities: false, sources: false}", june());
    let feeds = check_family_feeds(&stories_only, "/", 5);
    assert!(!feeds.is_empty() && feeds.iter().all(|f| f.starts_with("stories/")), "{feeds:?}");
}
