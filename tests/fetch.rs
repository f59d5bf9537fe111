//! `gazette fetch` against feeds and pages served on 127.0.0.1 by the test: full-text fetch,
//! conditional requests, the same entries across runs, include/exclude, failing feeds, a run
//! killed midway, `--dry-run`, and the exit statuses.

mod common;

use common::{article_files, read_article};

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use common::origin::{brotli, gzip, serve, Reply, Seen};
use tempfile::TempDir;

/// One feed item: (guid, link path, title, description).
type Item<'a> = (Option<&'a str>, &'a str, &'a str, &'a str);

fn rss(origin: &str, title: &str, items: &[Item]) -> String {
    let mut xml = format!("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>{title}</title><link>{origin}/</link>");
    for (i, (guid, link, t, desc)) in items.iter().enumerate() {
        let guid = guid.map(|g| format!("<guid isPermaLink=\"false\">{g}</guid>")).unwrap_or_default();
        xml.push_str(&format!(
            "<item>{guid}<title>{t}</title><link>{origin}{}</link><description>{desc}</description>\
             <pubDate>Wed, 18 Nov 2026 {:02}:00:00 GMT</pubDate></item>",
            link.replace('&', "&amp;"),
            7 + i
        ));
    }
    xml.push_str("</channel></rss>");
    xml
}

/// A paragraph of plausible, distinct news prose: no two seeds share a sentence.
fn prose(seed: usize, sentences: usize) -> String {
    const WHO: &[&str] = &["The council", "Ferry crews", "The transit office", "Dock workers", "The mayor"];
    const DID: &[&str] = &["announced", "questioned", "welcomed", "postponed", "debated"];
    const WHAT: &[&str] =
        &["a new timetable", "the quay repairs", "higher berth fees", "the winter schedule", "a cargo plan"];
    (0..sentences)
        .map(|i| {
            let n = seed * 31 + i * 7;
            format!(
                "{} {} {} on day {} of the season, citing figure {} from the {} review.",
                WHO[n % WHO.len()],
                DID[(n / 5) % DID.len()],
                WHAT[(n / 25) % WHAT.len()],
                seed * 100 + i,
                seed * 1000 + i * 13,
                ["spring", "summer", "autumn"][i % 3]
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn article_page(title: &str, seed: usize) -> String {
    let paragraphs: String = (0..6).map(|p| format!("<p>{}</p>", prose(seed * 10 + p, 5))).collect();
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body>\
         <nav><a href=\"/\">Home</a></nav><article><h1>{title}</h1>{paragraphs}</article><footer>(c) Echo</footer></body></html>"
    )
}

fn site_with(feeds_yaml: &str) -> TempDir {
    let site = TempDir::new().unwrap();
    fs::write(
        site.path().join("site.yaml"),
        format!(
            "title: Test Digest\nbase_url: https://digest.example.org/\ntopics:\n  - {{slug: port, name: Port}}\n  - {{slug: culture, name: Culture}}\n{feeds_yaml}"
        ),
    )
    .unwrap();
    site
}

struct Run {
    code: i32,
    stdout: String,
}

fn fetch(site: &Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("gazette").unwrap().arg("fetch").arg("--site").arg(site).args(args).output().unwrap();
    Run { code: out.status.code().unwrap_or(-1), stdout: String::from_utf8_lossy(&out.stdout).into_owned() }
}

fn titles(site: &Path) -> BTreeSet<String> {
    article_files(site).iter().map(|p| read_article(p).0.title).collect()
}

fn state(site: &Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(site.join(".gazette/fetch.json")).unwrap()).unwrap()
}

#[test]
fn a_summary_only_feed_is_imported_with_the_full_text_of_its_pages() {
    let base = Arc::new(Mutex::new(String::new()));
    let b = base.clone();
    let origin = serve(move |req| {
        let origin = b.lock().unwrap().clone();
        match req.path.as_str() {
            "/echo.xml" => Reply::ok(
                "application/rss+xml",
                rss(
                    &origin,
                    "Harbour Echo",
                    &[
                        (Some("e-1"), "/news/quay?utm_source=rss", "Quay repairs finish early", "Crews are done."),
                        (Some("e-2"), "/news/fees", "Berth fees to rise", "Fees go up in spring."),
                    ],
                ),
            ),
            "/news/quay?utm_source=rss" => Reply::ok("text/html", article_page("Quay repairs finish early", 1)),
            "/news/fees" => Reply::ok("text/html", article_page("Berth fees to rise", 2)),
            _ => Reply::status(404),
        }
    });
    *base.lock().unwrap() = origin.url("");
    let site = site_with(&format!("feeds:\n  - url: {}\n    topic: port\n", origin.url("/echo.xml")));
    let run = fetch(site.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains(&format!("new       {}: 2 new", origin.url("/echo.xml"))), "{}", run.stdout);
    assert!(
        run.stdout.contains("1 feeds: 1 with new articles, 0 unchanged, 0 failed; 2 articles imported"),
        "{}",
        run.stdout
    );
    let files = article_files(site.path());
    assert_eq!(files.len(), 2);
    let (meta, body) = read_article(files.iter().find(|p| p.to_string_lossy().contains("quay")).unwrap());
    assert_eq!(meta.title, "Quay repairs finish early");
    assert_eq!(meta.source.as_deref(), Some("Harbour Echo"), "the feed's own title");
    assert_eq!(meta.topic.as_deref(), Some("port"));
    assert_eq!(meta.source_url.as_deref(), Some(origin.url("/news/quay").as_str()), "without tracking parameters");
    assert_eq!(meta.date.to_string(), "2026-11-18T07:00:00+00:00", "the feed's date");
    assert!(body.contains(&prose(10, 5)[..60]), "the page's text: {body}");
    assert!(!body.contains("Crews are done"), "not the feed's summary: {body}");
    // The pages were fetched by Gazette, naming the site.
    let ua = origin.seen("/news/fees")[0].header("user-agent").unwrap().to_owned();
    assert!(ua.starts_with("Gazette/") && ua.ends_with("(+https://digest.example.org/)"), "{ua}");
    let st = state(site.path());
    let feed = &st["feeds"][origin.url("/echo.xml")];
    assert_eq!((feed["last_status"].as_str(), feed["imported"].as_u64()), (Some("ok"), Some(2)));
    assert_eq!(feed["seen"].as_object().unwrap().keys().collect::<Vec<_>>(), ["e-1", "e-2"]);
}

/// The current ETag and items (guid, link, title) of a [`ChangingFeed`].
type FeedNow = Arc<Mutex<(String, Vec<(Option<String>, String, String)>)>>;

/// A feed whose items the test changes between runs, answering `304` to its current ETag.
struct ChangingFeed {
    origin: common::origin::Origin,
    items: FeedNow,
}

impl ChangingFeed {
    fn new() -> ChangingFeed {
        let items: FeedNow = Arc::new(Mutex::new((String::new(), Vec::new())));
        let base = Arc::new(Mutex::new(String::new()));
        let (i, b) = (items.clone(), base.clone());
        let origin = serve(move |req: &Seen| {
            let (etag, list) = i.lock().unwrap().clone();
            if req.path == "/feed.xml" {
                if req.header("if-none-match") == Some(etag.as_str()) {
                    return Reply::status(304).header("ETag", &etag);
                }
                let items: Vec<Item> =
                    list.iter().map(|(g, l, t)| (g.as_deref(), l.as_str(), t.as_str(), "Short.")).collect();
                return Reply::ok("application/rss+xml", rss(&b.lock().unwrap(), "Quay Daily", &items))
                    .header("ETag", &etag);
            }
            let seed = req.path.bytes().map(usize::from).sum::<usize>();
            Reply::ok("text/html", article_page(&format!("Story at {}", req.path), seed))
        });
        *base.lock().unwrap() = origin.url("");
        ChangingFeed { origin, items }
    }

    fn set(&self, etag: &str, items: &[(Option<&str>, &str, &str)]) {
        let list = items.iter().map(|(g, l, t)| (g.map(str::to_owned), l.to_string(), t.to_string())).collect();
        *self.items.lock().unwrap() = (format!("\"{etag}\""), list);
    }
}

#[test]
fn an_unchanged_feed_answers_304_and_the_state_stays_byte_identical() {
    let feed = ChangingFeed::new();
    feed.set("v1", &[(Some("a"), "/a", "Story A"), (Some("b"), "/b", "Story B")]);
    let site = site_with(&format!("feeds:\n  - url: {}\n", feed.origin.url("/feed.xml")));
    assert_eq!(fetch(site.path(), &[]).code, 0);
    let state_after_first = fs::read(site.path().join(".gazette/fetch.json")).unwrap();
    let pages_before = feed.origin.requests.lock().unwrap().len();
    let second = fetch(site.path(), &[]);
    assert_eq!(second.code, 0, "{}", second.stdout);
    assert!(
        second.stdout.contains(&format!("unchanged {}: not modified", feed.origin.url("/feed.xml"))),
        "{}",
        second.stdout
    );
    assert_eq!(feed.origin.requests.lock().unwrap().len(), pages_before + 1, "only the feed was asked for");
    assert_eq!(feed.origin.seen("/feed.xml")[1].header("if-none-match"), Some("\"v1\""));
    assert_eq!(fs::read(site.path().join(".gazette/fetch.json")).unwrap(), state_after_first, "nothing to commit");
    assert_eq!(article_files(site.path()).len(), 2);
}

#[test]
fn reordered_items_and_new_validators_import_only_the_new_entry() {
    let feed = ChangingFeed::new();
    // Item "c" has no guid: its link (without tracking parameters) identifies it.
    feed.set(
        "v1",
        &[(Some("a"), "/a", "Story A"), (Some("b"), "/b", "Story B"), (None, "/c?utm_source=feed", "Story C")],
    );
    let site = site_with(&format!("feeds:\n  - url: {}\n    full_text: always\n", feed.origin.url("/feed.xml")));
    assert_eq!(fetch(site.path(), &[]).code, 0);
    assert_eq!(article_files(site.path()).len(), 3);
    feed.set(
        "v2",
        &[
            (None, "/c?utm_source=other&utm_medium=x", "Story C"),
            (Some("d"), "/d", "Story D"),
            (Some("b"), "/b", "Story B"),
            (Some("a"), "/a", "Story A"),
        ],
    );
    let run = fetch(site.path(), &[]);
    assert!(run.stdout.contains(": 1 new"), "{}", run.stdout);
    let t = titles(site.path());
    assert_eq!(t.len(), 4, "{t:?}");
    assert!(t.contains("Story D"), "{t:?}");
    assert!(article_files(site.path()).iter().all(|p| !p.to_string_lossy().ends_with("-2.md")));
    assert_eq!(feed.origin.seen("/a").len(), 1, "a page seen before is not fetched again");
}

#[test]
fn include_and_exclude_words_choose_the_entries() {
    let base = Arc::new(Mutex::new(String::new()));
    let b = base.clone();
    let origin = serve(move |req| {
        if req.path != "/f.xml" {
            return Reply::status(404);
        }
        let long = |seed| prose(seed, 12);
        let items = [
            (Some("1"), "/1", "Harbour pilots return", long(1)),
            (Some("2"), "/2", "Sponsored: the best harbour hotels", long(2)),
            (Some("3"), "/3", "Theatre season opens", long(3)),
            (Some("4"), "/4", "A quiet day", format!("{} The old PORT office closes.", long(4))),
        ];
        let items: Vec<Item> = items.iter().map(|(g, l, t, d)| (*g, *l, *t, d.as_str())).collect();
        Reply::ok("application/rss+xml", rss(&b.lock().unwrap(), "Mixed", &items))
    });
    *base.lock().unwrap() = origin.url("");
    let site = site_with(&format!(
        "feeds:\n  - url: {}\n    full_text: never\n    include: [harbour, port]\n    exclude: [sponsored]\n",
        origin.url("/f.xml")
    ));
    let run = fetch(site.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("2 new, 2 left out by include/exclude"), "{}", run.stdout);
    assert_eq!(titles(site.path()), BTreeSet::from(["Harbour pilots return".to_owned(), "A quiet day".to_owned()]));
    // Left-out entries are remembered: the next run has nothing new.
    let again = fetch(site.path(), &[]);
    assert!(again.stdout.contains("no new entries"), "{}", again.stdout);
}

#[test]
fn a_failing_feed_never_stops_the_others_and_exits_1() {
    let base = Arc::new(Mutex::new(String::new()));
    let b = base.clone();
    let busy = Arc::new(AtomicUsize::new(0));
    let origin = serve(move |req| {
        let long = prose(9, 12);
        match req.path.as_str() {
            "/ok.xml" => Reply::ok(
                "application/rss+xml",
                rss(&b.lock().unwrap(), "Fine", &[(Some("x"), "/x", "Fine story", &long)]),
            ),
            "/gone.xml" => Reply::status(404),
            "/broken.xml" => Reply::status(500),
            "/page.xml" => Reply::ok("text/html", article_page("Not a feed", 3)),
            "/busy.xml" if busy.fetch_add(1, Ordering::SeqCst) == 0 => Reply::status(429).header("Retry-After", "1"),
            "/busy.xml" => Reply::ok(
                "application/rss+xml",
                rss(&b.lock().unwrap(), "Busy", &[(Some("y"), "/y", "Busy story", &long.replace("day", "night"))]),
            ),
            _ => Reply::status(404),
        }
    });
    *base.lock().unwrap() = origin.url("");
    let urls = ["/gone.xml", "/ok.xml", "/broken.xml", "/page.xml", "/busy.xml"].map(|p| origin.url(p));
    let feeds: String = urls.iter().map(|u| format!("  - url: {u}\n")).collect();
    let site = site_with(&format!("feeds:\n{feeds}"));
    let start = Instant::now();
    let run = fetch(site.path(), &[]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], format!("failed    {}: GET {} answered 404 Not Found", urls[0], urls[0]));
    assert_eq!(lines[1], format!("new       {}: 1 new", urls[1]));
    assert_eq!(lines[2], format!("failed    {}: GET {} answered 500 Internal Server Error", urls[2], urls[2]));
    assert!(
        lines[3].starts_with(&format!("failed    {}: {} answered a web page, not a feed", urls[3], urls[3])),
        "{}",
        lines[3]
    );
    assert_eq!(lines[4], format!("new       {}: 1 new", urls[4]), "429 with Retry-After waited out");
    assert!(start.elapsed() >= Duration::from_secs(1));
    assert_eq!(lines[5], "5 feeds: 2 with new articles, 0 unchanged, 3 failed; 2 articles imported, 0 duplicates");
    let st = state(site.path());
    assert_eq!(st["feeds"][&urls[0]]["last_status"], "failed");
    assert!(st["feeds"][&urls[0]]["last_error"].as_str().unwrap().contains("404"));
}

#[test]
fn a_page_that_may_come_back_is_tried_again_next_run() {
    let base = Arc::new(Mutex::new(String::new()));
    let b = base.clone();
    let calls = Arc::new(AtomicUsize::new(0));
    let origin = serve(move |req| match req.path.as_str() {
        "/f.xml" => Reply::ok(
            "application/rss+xml",
            rss(
                &b.lock().unwrap(),
                "Flaky",
                &[
                    (Some("1"), "/1", "Flaky page", "Short."),
                    (Some("2"), "/2", "Gone page", "Short summary of a gone page."),
                ],
            ),
        )
        .header("ETag", "\"same\""),
        "/1" if calls.fetch_add(1, Ordering::SeqCst) == 0 => Reply::status(503),
        "/1" => Reply::ok("text/html", article_page("Flaky page", 5)),
        _ => Reply::status(404),
    });
    *base.lock().unwrap() = origin.url("");
    let site = site_with(&format!("feeds:\n  - url: {}\n", origin.url("/f.xml")));
    let first = fetch(site.path(), &[]);
    assert_eq!(first.code, 0, "{}", first.stdout);
    assert!(first.stdout.contains("1 new; 1 pages to try again next run (GET"), "{}", first.stdout);
    assert!(first.stdout.contains("1 from the feed's own text (GET"), "the 404 page: {}", first.stdout);
    assert_eq!(
        state(site.path())["feeds"][origin.url("/f.xml")].get("etag"),
        None,
        "no validators while an entry waits"
    );
    let second = fetch(site.path(), &[]);
    assert!(second.stdout.contains(": 1 new"), "{}", second.stdout);
    assert_eq!(article_files(site.path()).len(), 2);
    assert_eq!(state(site.path())["feeds"][origin.url("/f.xml")]["etag"], "\"same\"");
}

#[test]
fn dry_run_writes_nothing() {
    let feed = ChangingFeed::new();
    feed.set("v1", &[(Some("a"), "/a", "Story A")]);
    let site = site_with(&format!("feeds:\n  - url: {}\n", feed.origin.url("/feed.xml")));
    let run = fetch(site.path(), &["--dry-run"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("1 new (dry run: not written)"), "{}", run.stdout);
    assert!(run.stdout.contains("1 articles would be imported (dry run: nothing written)"), "{}", run.stdout);
    assert!(article_files(site.path()).is_empty());
    assert!(!site.path().join(".gazette").exists());
}

#[test]
fn a_site_yaml_or_state_file_that_does_not_read_exits_2() {
    let site = site_with("feeds:\n  - url: https://example.org/world.xml\n    topc: port\n");
    let out = Command::cargo_bin("gazette").unwrap().args(["fetch", "--site"]).arg(site.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("did you mean `topic`?") && stderr.contains("nothing was fetched"), "{stderr}");
    let site = site_with("feeds:\n  - url: https://example.org/world.xml\n");
    fs::create_dir_all(site.path().join(".gazette")).unwrap();
    fs::write(site.path().join(".gazette/fetch.json"), "{\"version\": 1, \"feeds\": {").unwrap();
    let out = Command::cargo_bin("gazette").unwrap().args(["fetch", "--site"]).arg(site.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(".gazette/fetch.json` line 1 column") && stderr.contains("delete it to start afresh"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_exit_2_and_no_feeds_is_not_an_error() {
    let site = site_with("feeds:\n  - url: https://example.org/world.xml\n");
    let run = fetch(site.path(), &["--feed", "https://example.org/wrld.xml"]);
    assert_eq!(run.code, 2);
    let empty = site_with("");
    let run = fetch(empty.path(), &[]);
    assert_eq!((run.code, run.stdout.trim()), (0, "no feeds in site.yaml: add one with `gazette feeds add URL`"));
    // The state is there all the same, for a scheduled job's `git add .gazette`.
    assert_eq!(state(empty.path()), serde_json::json!({"version": 1, "feeds": {}}));
}

#[test]
fn max_per_run_takes_the_newest_and_leaves_the_rest_for_later() {
    let feed = ChangingFeed::new();
    feed.set("v1", &[(Some("a"), "/a", "Story A"), (Some("b"), "/b", "Story B"), (Some("c"), "/c", "Story C")]);
    let site = site_with(&format!("feeds:\n  - url: {}\n    max_per_run: 2\n", feed.origin.url("/feed.xml")));
    let run = fetch(site.path(), &[]);
    assert!(run.stdout.contains("2 new, 1 waiting for the next run (max_per_run)"), "{}", run.stdout);
    // Items are dated an hour apart in feed order: the last two are the newest.
    assert_eq!(titles(site.path()), BTreeSet::from(["Story B".to_owned(), "Story C".to_owned()]));
    let run = fetch(site.path(), &[]);
    assert!(run.stdout.contains(": 1 new"), "{}", run.stdout);
    assert_eq!(article_files(site.path()).len(), 3);
}

#[test]
fn a_run_killed_midway_leaves_a_valid_state_and_the_next_imports_the_rest_once() {
    let slow = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let (base, s) = (Arc::new(Mutex::new(String::new())), slow.clone());
    let b = base.clone();
    let origin = serve(move |req| {
        let path = req.path.clone();
        if let Some(feed) = path.strip_prefix("/feed").and_then(|p| p.strip_suffix(".xml")) {
            let items: Vec<(String, String)> =
                (0..5).map(|i| (format!("/p/{feed}/{i}"), format!("Story {feed}-{i}"))).collect();
            let items: Vec<Item> = items.iter().map(|(l, t)| (None, l.as_str(), t.as_str(), "Short.")).collect();
            return Reply::ok("application/rss+xml", rss(&b.lock().unwrap(), &format!("Feed {feed}"), &items));
        }
        let seed = path.bytes().map(usize::from).sum::<usize>() * 7 + path.len();
        let delay = if s.load(Ordering::SeqCst) { Duration::from_millis(150) } else { Duration::ZERO };
        Reply::ok("text/html", article_page(&format!("Story {path}"), seed)).delay(delay)
    });
    *base.lock().unwrap() = origin.url("");
    let feeds: String = (0..8).map(|i| format!("  - url: {}\n", origin.url(&format!("/feed{i}.xml")))).collect();
    let site = site_with(&format!("fetch: {{concurrency: 2}}\nfeeds:\n{feeds}"));
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("gazette"))
        .args(["fetch", "-q", "--site"])
        .arg(site.path())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while article_files(site.path()).len() < 6 && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let written = article_files(site.path()).len();
    assert!((6..40).contains(&written), "killed midway: {written} of 40 written");
    if site.path().join(".gazette/fetch.json").exists() {
        let _ = state(site.path()); // parses: never half-written
    }
    slow.store(false, Ordering::SeqCst);
    let run = fetch(site.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    eprintln!("killed after {written} articles; then: {}", run.stdout.lines().last().unwrap_or_default());
    let files = article_files(site.path());
    assert_eq!(files.len(), 40, "every entry once");
    // Every file reads (none was left half-written by the kill), and none is there twice.
    let urls: BTreeSet<String> = files.iter().map(|p| read_article(p).0.source_url.unwrap()).collect();
    assert_eq!(urls.len(), 40, "no entry twice");
    let seen: usize =
        state(site.path())["feeds"].as_object().unwrap().values().map(|f| f["seen"].as_object().unwrap().len()).sum();
    assert_eq!(seen, 40);
}

#[test]
fn compressed_bodies_and_a_wrong_declared_charset_are_read() {
    let base = Arc::new(Mutex::new(String::new()));
    let b = base.clone();
    let origin = serve(move |req| match req.path.as_str() {
        "/f.xml" => {
            let xml = rss(&b.lock().unwrap(), "Zürich Zeitung", &[(Some("1"), "/page", "Café reopens", "Short.")]);
            Reply::ok("application/rss+xml; charset=utf-8", gzip(xml.as_bytes())).header("Content-Encoding", "gzip")
        }
        "/page" => {
            // Windows-1252 bytes, though the server says UTF-8.
            let html = article_page("Café reopens", 8).replace("<p>", "<p>Crème brûlée for everyone. ");
            let latin1: Vec<u8> = html.replace("<meta charset=\"utf-8\">", "").chars().map(|c| c as u8).collect();
            Reply::ok("text/html; charset=utf-8", brotli(&latin1)).header("Content-Encoding", "br")
        }
        _ => Reply::status(404),
    });
    *base.lock().unwrap() = origin.url("");
    let site = site_with(&format!("feeds:\n  - url: {}\n", origin.url("/f.xml")));
    let run = fetch(site.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let (meta, body) = read_article(&article_files(site.path())[0]);
    assert_eq!((meta.title.as_str(), meta.source.as_deref()), ("Café reopens", Some("Zürich Zeitung")));
    assert!(body.contains("Crème brûlée for everyone."), "{body}");
}
