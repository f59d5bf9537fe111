//! Serves a built fixture site from a local HTTP server under `/REPO/`, the way GitHub Pages
//! serves a project site, and follows every internal link and asset from every page.
//!
//! The server (tests/publish_support/server.rs) listens on 127.0.0.1 only, answers a
//! bounded number of connections and stops when the test ends.

mod publish_support;

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use publish_support::build;
use publish_support::server::{self, get, MAX_CONNECTIONS, PREFIX};

/// Ids in a page, and every `href`/`src` in it.
fn parse(html: &str) -> (BTreeSet<String>, Vec<String>) {
    let doc = dom_query::Document::from(html);
    let ids = doc.select("[id]").nodes().iter().filter_map(|n| n.attr("id")).map(|s| s.to_string()).collect();
    let mut refs = Vec::new();
    for n in doc.select("[href], [src]").nodes() {
        refs.extend(n.attr("href").map(|s| s.to_string()));
        refs.extend(n.attr("src").map(|s| s.to_string()));
    }
    (ids, refs)
}

/// A link as (path, fragment) on this server, or None when it leaves the site.
fn internal(origin: &str, page: &str, url: &str) -> Option<(String, Option<String>)> {
    let (rest, fragment) = match url.split_once('#') {
        Some((r, f)) => (r, Some(f.to_owned())),
        None => (url, None),
    };
    let path = if rest.is_empty() {
        page.to_owned()
    } else if let Some(p) = rest.strip_prefix(origin) {
        p.to_owned()
    } else if rest.starts_with("//") || rest.contains("://") || rest.starts_with("mailto:") {
        return None;
    } else if rest.starts_with('/') {
        rest.to_owned()
    } else {
        let dir = &page[..page.rfind('/').map_or(0, |i| i + 1)];
        format!("{dir}{rest}")
    };
    Some((path, fragment))
}

#[test]
fn every_link_and_asset_works_when_served_under_a_subpath() {
    let bound = server::bind();
    let port = bound.port;
    let origin = format!("http://127.0.0.1:{port}");
    let site = build("publish", "", Some(&bound.base_url()));
    let server = bound.start(site.out.clone());

    // Start from the home page, every sitemap URL and a missing page deep in the tree (whose
    // 404 page must work from any depth).
    let sitemap = get(port, "/REPO/sitemap.xml");
    assert_eq!(sitemap.status, 200);
    let sitemap = String::from_utf8(sitemap.body).unwrap();
    let sitemap = roxmltree::Document::parse(&sitemap).unwrap();
    let mut queue: VecDeque<String> = sitemap
        .descendants()
        .filter(|n| n.tag_name().name() == "loc")
        .map(|n| n.text().unwrap().strip_prefix(&origin).expect("sitemap URLs are on the site").to_owned())
        .collect();
    queue.push_front(PREFIX.to_owned());
    queue.push_back("/REPO/no/such/page/deep/down/".to_owned());

    let mut pages: BTreeMap<String, BTreeSet<String>> = BTreeMap::new(); // path → ids
    let mut statuses: BTreeMap<String, u16> = BTreeMap::new();
    let mut anchors: Vec<(String, String, String)> = Vec::new(); // (from, target, fragment)
    let mut broken: Vec<String> = Vec::new();
    let mut requests = 0;
    while let Some(path) = queue.pop_front() {
        if statuses.contains_key(&path) {
            continue;
        }
        requests += 1;
        assert!(requests < MAX_CONNECTIONS / 2, "crawl does not end");
        let mut resp = get(port, &path);
        if resp.status == 301 {
            let to = resp.location.clone().unwrap();
            resp = get(port, &to);
        }
        statuses.insert(path.clone(), resp.status);
        let expected_missing = path.starts_with("/REPO/no/such/");
        if resp.status != 200 && !expected_missing {
            continue;
        }
        if !resp.content_type.starts_with("text/html") {
            continue;
        }
        let (ids, refs) = parse(&String::from_utf8_lossy(&resp.body));
        pages.insert(path.clone(), ids);
        for url in refs {
            let Some((target, fragment)) = internal(&origin, &path, &url) else { continue };
            if !target.starts_with(PREFIX) {
                broken.push(format!("{path}: `{url}` is outside {PREFIX}"));
                continue;
            }
            if let Some(f) = fragment.filter(|f| !f.is_empty()) {
                anchors.push((path.clone(), target.clone(), f));
            }
            if !statuses.contains_key(&target) {
                queue.push_back(target);
            }
        }
    }
    for (path, status) in &statuses {
        if *status != 200 && !path.starts_with("/REPO/no/such/") {
            broken.push(format!("{path}: HTTP {status}"));
        }
    }
    for (from, target, fragment) in &anchors {
        match pages.get(target) {
            Some(ids) if ids.contains(fragment) => {}
            Some(_) => broken.push(format!("{from}: `{target}#{fragment}` has no such anchor")),
            None => {} // Not a page (already reported if missing).
        }
    }
    // The feeds' links work too.
    for feed in ["/REPO/feed.xml", "/REPO/rss.xml", "/REPO/feed.json", "/REPO/topics/city/feed.xml"] {
        let resp = get(port, feed);
        assert_eq!(resp.status, 200, "{feed}");
        let parsed = feed_rs::parser::parse(&resp.body[..]).unwrap();
        for e in parsed.entries {
            let href = &e.links[0].href;
            let path = href.strip_prefix(&origin).unwrap_or_else(|| panic!("{feed}: {href} is not on the site"));
            if statuses.get(path) != Some(&200) {
                broken.push(format!("{feed}: entry link {href} is not a page"));
            }
        }
    }
    drop(server);

    assert!(broken.is_empty(), "broken under {PREFIX}:\n{}", broken.join("\n"));
    assert_eq!(statuses.get("/REPO/no/such/page/deep/down/"), Some(&404));
    // Every page the build wrote was reached.
    // (The redirect page of an alias is reached by old links only; the link check follows it.)
    let written: BTreeSet<String> = site
        .html_files()
        .into_iter()
        .filter(|f| !site.read(f).contains("http-equiv=\"refresh\""))
        .map(|f| format!("{PREFIX}{}", f.trim_end_matches("index.html")))
        .collect();
    let reached: BTreeSet<String> = statuses.iter().filter(|(_, s)| **s == 200).map(|(p, _)| p.clone()).collect();
    let missed: Vec<&String> = written.difference(&reached).collect();
    assert!(missed.is_empty(), "pages never reached: {missed:?}");
    // Assets were fetched too (the stylesheet, the image, feeds). No page of this site shows
    // highlighted code, so none links `syntax.css`.
    for asset in ["/REPO/style.css", "/REPO/img/ferry.svg", "/REPO/feed.json"] {
        assert_eq!(statuses.get(asset), Some(&200), "{asset}");
    }
}
