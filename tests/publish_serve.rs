//! Serves a built fixture site from a local HTTP server under `/REPO/`, the way GitHub Pages
//! serves a project site, and follows every internal link and asset from every page.
//!
//! The server listens on 127.0.0.1 only, answers a bounded number of requests and stops
//! when the crawl is done.

mod publish_support;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use publish_support::build;

const PREFIX: &str = "/REPO/";
const MAX_REQUESTS: usize = 3_000;

struct Response {
    status: u16,
    location: Option<String>,
    content_type: String,
    body: Vec<u8>,
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css",
        "xml" => "application/xml",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "txt" => "text/plain",
        _ => "application/octet-stream",
    }
}

/// Like GitHub Pages: `/REPO/x/` → `x/index.html`, `/REPO/x` (a folder) → 301 to `/REPO/x/`,
/// anything else missing → 404 with the site's `404.html`.
fn respond(root: &Path, raw_path: &str) -> (u16, Option<String>, PathBuf) {
    let path = raw_path.split(['?', '#']).next().unwrap_or_default();
    let not_found = (404, None, root.join("404.html"));
    let Some(rel) = path.strip_prefix(PREFIX).or(if path == "/REPO" { Some("") } else { None }) else {
        return not_found;
    };
    if path == "/REPO" {
        return (301, Some(PREFIX.into()), PathBuf::new());
    }
    let rel = percent_decode(rel);
    if rel.split('/').any(|s| s == "..") {
        return not_found;
    }
    let file = root.join(&rel);
    if rel.is_empty() || rel.ends_with('/') {
        let index = file.join("index.html");
        return if index.is_file() { (200, None, index) } else { not_found };
    }
    if file.is_dir() {
        return (301, Some(format!("{path}/")), PathBuf::new());
    }
    if file.is_file() {
        (200, None, file)
    } else {
        not_found
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn serve(listener: TcpListener, root: PathBuf, stop: Arc<AtomicBool>) {
    for stream in listener.incoming().take(MAX_REQUESTS) {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok(mut stream) = stream else { continue };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).is_err() {
            continue;
        }
        // Skip the headers.
        let mut line = String::new();
        while reader.read_line(&mut line).map(|n| n > 2).unwrap_or(false) {
            line.clear();
        }
        let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_owned();
        let (status, location, file) = respond(&root, &path);
        let body = if status == 301 { Vec::new() } else { std::fs::read(&file).unwrap_or_default() };
        let reason = match status {
            200 => "OK",
            301 => "Moved Permanently",
            _ => "Not Found",
        };
        let mut head = format!(
            "HTTP/1.1 {status} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n",
            content_type(&file),
            body.len()
        );
        if let Some(l) = location {
            head.push_str(&format!("Location: {l}\r\n"));
        }
        head.push_str("\r\n");
        let _ = stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(&body));
    }
}

fn get(port: u16, path: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("response head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().unwrap().split_whitespace().nth(1).unwrap().parse().unwrap();
    let mut location = None;
    let mut content_type = String::new();
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            match k.to_ascii_lowercase().as_str() {
                "location" => location = Some(v.trim().to_owned()),
                "content-type" => content_type = v.trim().to_owned(),
                _ => {}
            }
        }
    }
    Response { status, location, content_type, body: raw[split + 4..].to_vec() }
}

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
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let origin = format!("http://127.0.0.1:{port}");
    let site = build("publish", "", Some(&format!("{origin}{PREFIX}")));
    let stop = Arc::new(AtomicBool::new(false));
    let server = {
        let (root, stop) = (site.out.clone(), stop.clone());
        std::thread::spawn(move || serve(listener, root, stop))
    };

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
        assert!(requests < MAX_REQUESTS / 2, "crawl does not end");
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
    stop.store(true, Ordering::SeqCst);
    let _ = TcpStream::connect(("127.0.0.1", port)); // wake the server so it sees `stop`
    server.join().unwrap();

    assert!(broken.is_empty(), "broken under {PREFIX}:\n{}", broken.join("\n"));
    assert_eq!(statuses.get("/REPO/no/such/page/deep/down/"), Some(&404));
    // Every page the build wrote was reached.
    let written: BTreeSet<String> =
        site.html_files().into_iter().map(|f| format!("{PREFIX}{}", f.trim_end_matches("index.html"))).collect();
    let reached: BTreeSet<String> = statuses.iter().filter(|(_, s)| **s == 200).map(|(p, _)| p.clone()).collect();
    let missed: Vec<&String> = written.difference(&reached).collect();
    assert!(missed.is_empty(), "pages never reached: {missed:?}");
    // Assets were fetched too (stylesheets, the image, feeds).
    for asset in ["/REPO/style.css", "/REPO/syntax.css", "/REPO/img/ferry.svg", "/REPO/feed.json"] {
        assert_eq!(statuses.get(asset), Some(&200), "{asset}");
    }
}
