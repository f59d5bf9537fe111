//! `gazette feeds add|import|export|list`: site.yaml edited in place with its comments kept,
//! OPML read with nesting and categories and written back, and the list after a fetch.

mod common;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use common::origin::{serve, Reply};
use tempfile::TempDir;

const SITE: &str = "# The digest of the harbour towns.
title: Harbour Digest   # shown in the masthead
base_url: https://digest.example.org/

topics:
  - {slug: port, name: Port}     # ships, quays, ferries
  - {slug: culture, name: Culture}

# Feeds we follow; keep them sorted by outlet.
feeds:
  # Quay Daily publishes summaries only
  - url: https://quay.example/feed.xml
    topic: port

# Search stays on.
search: true
";

fn site(text: &str) -> TempDir {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("site.yaml"), text).unwrap();
    dir
}

fn feeds(site: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("gazette").unwrap().args(["feeds", "--site"]).arg(site).args(args).output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

fn yaml(site: &Path) -> String {
    fs::read_to_string(site.join("site.yaml")).unwrap()
}

#[test]
fn feeds_add_keeps_the_comments_and_order_of_site_yaml() {
    let dir = site(SITE);
    let (code, stdout, stderr) = feeds(
        dir.path(),
        &["add", "https://island.example/rss?x=1&y=2", "--topic", "culture", "--source", "Island Post: #1"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("added https://island.example/rss?x=1&y=2 to site.yaml"), "{stdout}");
    let expected = SITE.replace(
        "    topic: port\n\n# Search",
        "    topic: port\n  - url: 'https://island.example/rss?x=1&y=2'\n    source: 'Island Post: #1'\n    topic: culture\n\n# Search",
    );
    assert_eq!(yaml(dir.path()), expected);
}

#[test]
fn feeds_add_refuses_what_site_yaml_would_refuse() {
    let dir = site(SITE);
    for (args, message) in [
        (vec!["add", "https://quay.example/feed.xml"], "already a feed of site.yaml"),
        (vec!["add", "https://new.example/f.xml", "--topic", "prot"], "did you mean `port`?"),
        (vec!["add", "file:///etc/passwd"], "is not an http:// or https:// URL"),
    ] {
        let (code, _, stderr) = feeds(dir.path(), &args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
    assert_eq!(yaml(dir.path()), SITE, "untouched");
}

#[test]
fn feeds_add_to_a_site_without_feeds_adds_the_key() {
    let dir = site("title: T\nbase_url: https://e.org/\n# end of settings\n");
    assert_eq!(feeds(dir.path(), &["add", "https://a.example/f.xml", "--full-text", "always"]).0, 0);
    assert_eq!(
        yaml(dir.path()),
        "title: T\nbase_url: https://e.org/\n# end of settings\nfeeds:\n- url: https://a.example/f.xml\n  full_text: always\n"
    );
}

const OPML: &str = r#"<?xml version="1.0"?>
<opml version="1.0">
  <head><title>Reader export</title></head>
  <body>
    <outline text="Ports and harbours">
      <outline text="Port">
        <outline text="Quay Daily" type="rss" xmlUrl="https://quay.example/feed.xml"/>
        <outline text="Ferry News" type="rss" xmlUrl="https://ferry.example/atom"/>
      </outline>
    </outline>
    <outline text="Stage Review" type="rss" xmlUrl="https://stage.example/rss" category="/Arts/Culture"/>
    <outline text="Gossip">
      <outline text="Tattle" type="rss" xmlUrl="https://tattle.example/feed"/>
    </outline>
  </body>
</opml>"#;

#[test]
fn feeds_import_reads_nested_outlines_and_takes_topics_from_categories() {
    let dir = site(SITE);
    let opml = dir.path().join("subs.opml");
    fs::write(&opml, OPML).unwrap();
    let (code, stdout, stderr) = feeds(dir.path(), &["import", opml.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("added 3 feeds to site.yaml (2 with a topic from their folder or category), 1 already there"),
        "{stdout}"
    );
    assert!(stdout.contains("name no topic (topics inferred per article): Gossip"), "{stdout}");
    let config = gazette::config::Config::load(dir.path(), None).unwrap();
    let subs: Vec<(String, Option<String>)> =
        config.site.feeds.subscriptions.iter().map(|s| (s.url.clone(), s.topic.clone())).collect();
    let expect = |u: &str, t: Option<&str>| (u.to_owned(), t.map(str::to_owned));
    assert_eq!(
        subs,
        vec![
            expect("https://quay.example/feed.xml", Some("port")),
            expect("https://ferry.example/atom", Some("port")),
            expect("https://stage.example/rss", Some("culture")),
            expect("https://tattle.example/feed", None),
        ]
    );
    // Every line of the file is still there, in order, with the new ones after the last feed.
    let edited = yaml(dir.path());
    let mut lines = edited.lines();
    assert!(SITE.lines().all(|original| lines.any(|l| l == original)), "{edited}");
    assert!(edited.contains("    topic: port\n  - url: https://ferry.example/atom\n    topic: port\n"), "{edited}");
}

#[test]
fn feeds_export_writes_opml_that_imports_back_the_same() {
    let dir = site(SITE);
    let opml = dir.path().join("subs.opml");
    fs::write(&opml, OPML).unwrap();
    feeds(dir.path(), &["import", opml.to_str().unwrap()]);
    let (code, exported, _) = feeds(dir.path(), &["export"]);
    assert_eq!(code, 0);
    assert!(exported.contains("<outline text=\"Port\" title=\"Port\">"), "{exported}");
    let other = site("title: Other\nbase_url: https://o.example/\ntopics:\n  - {slug: port, name: Port}\n  - {slug: culture, name: Culture}\n");
    let file = other.path().join("exported.opml");
    fs::write(&file, &exported).unwrap();
    assert_eq!(feeds(other.path(), &["import", file.to_str().unwrap()]).0, 0);
    let read = |d: &Path| {
        let mut subs = gazette::config::Config::load(d, None).unwrap().site.feeds.subscriptions;
        subs.sort_by(|a, b| a.url.cmp(&b.url));
        subs
    };
    assert_eq!(read(other.path()), read(dir.path()));
}

#[test]
fn feeds_list_shows_the_last_fetch_of_each_feed() {
    let origin = serve(|req| {
        match req.path.as_str() {
        "/ok.xml" => Reply::ok(
            "application/rss+xml",
            "<rss version=\"2.0\"><channel><title>Quay Daily</title><item><guid>1</guid><title>Ferries run again</title>\
             <description>The morning ferries ran on time again after the storm, with every crossing full and the \
             harbour master pleased with the new schedule that starts next week.</description></item></channel></rss>",
        ),
        _ => Reply::status(410),
    }
    });
    let dir = site(&format!(
        "title: T\nbase_url: https://e.org/\nfeeds:\n  - url: {}\n    full_text: never\n  - url: {}\n  - url: https://never.example/f.xml\n",
        origin.url("/ok.xml"),
        origin.url("/gone.xml")
    ));
    let fetched = Command::cargo_bin("gazette")
        .unwrap()
        .args(["fetch", "--feed", &origin.url("/ok.xml"), "--site"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(fetched.status.code(), Some(0));
    Command::cargo_bin("gazette")
        .unwrap()
        .args(["fetch", "--feed", &origin.url("/gone.xml"), "--site"])
        .arg(dir.path())
        .assert()
        .code(1);
    let (code, list, _) = feeds(dir.path(), &["list"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = list.lines().collect();
    assert!(
        lines[0].starts_with("ok      20")
            && lines[0].contains("    1 imported  ")
            && lines[0].ends_with(&format!("{} (Quay Daily)", origin.url("/ok.xml"))),
        "{list}"
    );
    assert!(lines[1].starts_with("failed  20") && lines[1].contains("answered 410 Gone"), "{list}");
    assert!(
        lines[2].starts_with("never   -  ") && lines[2].contains("0 imported  https://never.example/f.xml"),
        "{list}"
    );
}
