//! The editor's loop: `serve` with live reload and error overlay, `init`, `new`,
//! completions, and the diagnostics an editor sees.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command as Process, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;
use assert_cmd::Command;

/// A running `gazette serve`, killed when dropped.
struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT/repo/`
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_server(site: &std::path::Path) -> Server {
    let mut child = Process::cargo_bin("gazette")
        .unwrap()
        .args(["serve", "--port", "0", "--site"])
        .arg(site)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let url = line.split_whitespace().find(|w| w.starts_with("http://")).expect("serve prints its URL").to_owned();
    Server { child, url }
}

/// (status, body) of a GET, with a plain HTTP/1.1 client.
fn get(url: &str) -> (u16, String) {
    let (host, path) = split(url);
    let mut stream = TcpStream::connect(&host).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, response)
}

fn split(url: &str) -> (String, String) {
    let rest = url.strip_prefix("http://").unwrap();
    let (host, path) = rest.split_once('/').unwrap();
    (host.to_owned(), format!("/{path}"))
}

/// Reads the server-sent event stream on a thread; event names arrive on the channel.
fn events(url: &str) -> mpsc::Receiver<String> {
    let (host, path) = split(&format!("{url}__gazette/events"));
    let mut stream = TcpStream::connect(&host).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n").unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if let Some(name) = line.strip_prefix("event: ") {
                if tx.send(name.to_owned()).is_err() {
                    break;
                }
            } else if let Some(data) = line.strip_prefix("data: ") {
                let _ = tx.send(format!("data:{data}"));
            }
        }
    });
    rx
}

/// Waits (bounded) for an event named `name`, collecting the data lines seen on the way.
fn wait_for(rx: &mpsc::Receiver<String>, name: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut seen = String::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(e) if e == name => return seen,
            Ok(e) => {
                seen.push_str(&e);
                seen.push('\n');
            }
            Err(_) => break,
        }
    }
    panic!("no `{name}` event within 20 s; saw:\n{seen}");
}

fn copy_fixture(name: &str) -> tempfile::TempDir {
    common::copy_tree(&common::fixture(name))
}

#[test]
fn serve_reloads_on_edit_and_shows_build_errors_until_fixed() {
    let site = copy_fixture("basic");
    let server = start_server(site.path());
    assert!(server.url.ends_with("/repo/"), "served under the base path: {}", server.url);
    let article = format!("{}articles/2026/03/01/bridge-reopens/", server.url);
    let (status, body) = get(&article);
    assert_eq!(status, 200);
    assert!(body.contains("Old bridge reopens after repairs") && body.contains("__gazette/events"));
    assert_eq!(get(&server.url.replace("/repo/", "/elsewhere/")).0, 404, "nothing outside the base path");
    assert_eq!(get(&format!("{}..%2f..%2fsite.yaml", server.url)).0, 404, "no way out of the site");

    let rx = events(&server.url);
    std::thread::sleep(Duration::from_millis(300));
    let file = site.path().join("content/articles/2026/03/01/bridge-reopens.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("four months of repairs", "five months of careful repairs")).unwrap();
    wait_for(&rx, "reload");
    assert!(get(&article).1.contains("five months of careful repairs"), "the page shows the edit");

    let bad = site.path().join("content/articles/2026/03/01/half-written.md");
    std::fs::write(&bad, "---\ntitle: Half written\ndate: 2026-03-01\ntopik: town\n---\n").unwrap();
    let failed = wait_for_data(&rx, "failed");
    assert!(failed.contains("half-written.md") && failed.contains("unknown key `topik`"), "{failed}");
    assert!(get(&article).1.contains("five months of careful repairs"), "the last good site is still served");
    std::fs::remove_file(&bad).unwrap();
    wait_for(&rx, "reload");
}

#[test]
fn serve_shows_a_front_matter_edit_on_every_page_that_shows_the_article() {
    let site = copy_fixture("basic");
    let server = start_server(site.path());
    let rx = events(&server.url);
    std::thread::sleep(Duration::from_millis(300));
    let file = site.path().join("content/articles/2026/03/01/bridge-reopens.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let start = Instant::now();
    std::fs::write(&file, text.replace("Old bridge reopens after repairs", "Old bridge reopens at last")).unwrap();
    wait_for(&rx, "reload");
    assert!(start.elapsed() < Duration::from_secs(10), "took {:?}", start.elapsed());
    // Its page, the listings with its card, its tag page, and the note whose `[[ ]]` link
    // shows its title.
    for page in [
        "articles/2026/03/01/bridge-reopens/",
        "topics/town/",
        "editions/2026/03/01/",
        "tags/bridge/",
        "notes/why-bridges/",
    ] {
        let (status, body) = get(&format!("{}{page}", server.url));
        assert_eq!(status, 200, "{page}");
        assert!(body.contains("Old bridge reopens at last"), "{page} shows the new title");
        assert!(!body.contains("Old bridge reopens after repairs"), "{page} no longer shows the old title");
    }

    let note = site.path().join("content/notes/why-bridges.md");
    let text = std::fs::read_to_string(&note).unwrap();
    std::fs::write(&note, text.replace("Bridges matter.", "Bridges matter a great deal.")).unwrap();
    wait_for(&rx, "reload");
    for page in ["notes/why-bridges/", "editions/2026/03/01/"] {
        assert!(
            get(&format!("{}{page}", server.url)).1.contains("Bridges matter a great deal."),
            "{page} shows the note"
        );
    }
    // The search index is built when first asked for, with the edit in it.
    let (status, summary) = get(&format!("{}search-index/index.json", server.url));
    assert!(status == 200 && summary.contains("\"docs\":4"), "the search index is served: {summary}");
    let (status, shard) = get(&format!("{}search-index/shard/67.json", server.url));
    assert!(status == 200 && shard.contains("\"great\""), "the edited word is in its shard (\"g\"): {shard}");
}

/// Waits for event `name` and returns its data lines.
fn wait_for_data(rx: &mpsc::Receiver<String>, name: &str) -> String {
    wait_for(rx, name);
    let mut data = String::new();
    while let Ok(line) = rx.recv_timeout(Duration::from_millis(500)) {
        match line.strip_prefix("data:") {
            Some(d) => {
                data.push_str(d);
                data.push('\n');
            }
            None => break,
        }
    }
    data
}

#[test]
fn init_then_build_works_and_new_files_load() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    Command::cargo_bin("gazette").unwrap().arg("init").arg(&site).assert().success();
    assert!(site.join(".github/workflows/pages.yml").exists() && site.join(".gitignore").exists());
    let out = Command::cargo_bin("gazette")
        .unwrap()
        .args(["new", "article", "Harbour reopens", "--topic", "world", "--site"])
        .arg(&site)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let path = String::from_utf8(out.stdout).unwrap();
    assert!(path.trim().ends_with("harbour-reopens.md"), "{path}");
    let out = Command::cargo_bin("gazette")
        .unwrap()
        .args(["new", "note", "On harbours", "--edition", "2026-01-02", "--site"])
        .arg(&site)
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut options = gazette::BuildOptions::new(&site);
    options.out = Some(dir.path().join("out"));
    let report = gazette::build(&options).unwrap();
    assert_eq!(report.articles, 2, "the example article and the new one");
    assert_eq!(report.notes, 2);
    // init refuses a non-empty folder without --force.
    Command::cargo_bin("gazette").unwrap().arg("init").arg(&site).assert().failure();
}

#[test]
fn completions_are_printed_for_bash() {
    let out = Command::cargo_bin("gazette").unwrap().args(["completions", "bash"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("_gazette()") && text.contains("serve") && text.contains("completions"));
}

#[test]
fn diagnostics_for_broken_inputs() {
    let site = common::site_from(&[
        ("site.yaml", common::SITE_YAML),
        ("content/articles/a.md", "---\ntitle: A\ndate: 2026-01-01\ntopic: nwes\n---\nBody.\n"),
        ("content/articles/b.md", "---\ntitle: B\ndate: yesterday\n---\nBody.\n"),
        ("content/articles/c.md", "---\ntitle: C\ndate: 2026-01-01\nauthor: [X]\n---\nBody.\n"),
        ("content/articles/d.md", "---\ntitle: D\ndate: 2026-01-01\n---\nSee [[nowhere]].\n"),
        ("content/notes/n.md", "---\ntitle: N\n"),
    ]);
    let out = Command::cargo_bin("gazette").unwrap().args(["build", "--site"]).arg(site.path()).output().unwrap();
    assert!(!out.status.success());
    insta::assert_snapshot!("diagnostics_broken_inputs", String::from_utf8_lossy(&out.stderr));
}
