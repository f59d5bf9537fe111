//! `gazette check --external` against real servers on 127.0.0.1: which originals are dead,
//! which could not be verified, the cache that spares a second run every request, the per-host
//! limit, and that nothing else in `check` or `build` goes on the web.

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::Arc;
use std::time::Duration;

use common::origin::{serve, Origin, Reply};
use gazette::check::external::{ExternalOptions, ExternalReport, CACHE_FILE};
use gazette::check::{check, CheckOptions, CheckReport};

/// A site with one article per (slug, original).
fn site_citing(originals: &[(&str, String)]) -> tempfile::TempDir {
    let articles: Vec<(String, String)> = originals
        .iter()
        .enumerate()
        .map(|(i, (slug, url))| {
            let path = format!("content/articles/2026/01/{:02}/{slug}.md", i % 28 + 1);
            let text = format!(
                "---\ntitle: {slug}\ndate: 2026-01-{:02}\ntopic: news\nsource_url: {url}\n---\nText.\n",
                i % 28 + 1
            );
            (path, text)
        })
        .collect();
    let mut files: Vec<(&str, &str)> = vec![("site.yaml", common::SITE_YAML)];
    files.extend(articles.iter().map(|(p, t)| (p.as_str(), t.as_str())));
    common::site_from(&files)
}

fn run(site: &Path, external: Option<ExternalOptions>) -> CheckReport {
    let mut options = CheckOptions::new(site);
    options.now = Some(common::now());
    options.external = external;
    check(&options).unwrap()
}

fn quick() -> ExternalOptions {
    ExternalOptions { retry_delay: Duration::from_millis(20), ..ExternalOptions::default() }
}

/// The file names (without folders) of the findings.
fn names(findings: &[gazette::check::external::Finding]) -> Vec<String> {
    findings.iter().map(|f| f.file.file_stem().unwrap().to_string_lossy().into_owned()).collect()
}

fn external(report: &CheckReport) -> &ExternalReport {
    report.external.as_ref().expect("an external report")
}

/// The outlet: every kind of answer an original can give.
fn outlet() -> Origin {
    serve(|req| match (req.method.as_str(), req.path.as_str()) {
        (_, "/alive") => Reply::status(200),
        (_, "/missing") => Reply::status(404),
        (_, "/gone") => Reply::status(410),
        ("HEAD", "/no-head") => Reply::status(405),
        ("GET", "/no-head") => Reply::ok("text/html", "<p>the whole page, which the check does not need</p>"),
        (_, "/bots-refused") => Reply::status(403),
        (_, "/moved") => Reply::redirect(301, "/alive"),
        (_, "/broken") => Reply::status(500),
        _ => Reply::status(404),
    })
}

/// A port nothing listens on: bound, then let go.
fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}/story")
}

fn outlet_site(o: &Origin) -> tempfile::TempDir {
    site_citing(&[
        ("alive", o.url("/alive")),
        ("missing", o.url("/missing")),
        ("gone", o.url("/gone")),
        ("no-head", o.url("/no-head")),
        ("bots-refused", o.url("/bots-refused")),
        ("moved", o.url("/moved")),
        ("broken", o.url("/broken")),
        ("closed", closed_port_url()),
    ])
}

#[test]
fn originals_are_sorted_into_alive_dead_and_unverified() {
    let o = outlet();
    let site = outlet_site(&o);
    let report = run(site.path(), Some(quick()));
    let ext = external(&report);
    assert_eq!(names(&ext.dead), ["missing", "gone", "broken", "closed"], "{ext:#?}");
    assert_eq!(names(&ext.unverified), ["bots-refused"]);
    assert_eq!((ext.urls, ext.requested, ext.alive), (8, 8, 3));
    assert_eq!(ext.dead[0].status, Some(404));
    assert_eq!(ext.dead[3].status, None, "nothing answered on the closed port");
    assert!(ext.dead[3].detail.contains("could not connect"), "{}", ext.dead[3].detail);
    assert!(ext.unverified_lines()[0].contains("403 Forbidden"), "{:?}", ext.unverified_lines());

    // HEAD first; GET only where HEAD was refused; a 500 is asked again before it counts.
    let methods = |path| o.seen(path).iter().map(|s| s.method.clone()).collect::<Vec<_>>();
    assert_eq!(methods("/alive"), ["HEAD", "HEAD"], "once itself, once at the end of /moved");
    assert_eq!(methods("/no-head"), ["HEAD", "GET"]);
    assert_eq!(methods("/broken"), ["HEAD", "HEAD"]);

    // Each dead original is a warning naming the file and the URL, with the fix.
    let warnings: Vec<_> = report.problems.warnings().filter(|d| d.message.contains("the original")).collect();
    assert_eq!(warnings.len(), 4);
    let missing = warnings.iter().find(|d| d.message.contains("/missing")).unwrap();
    assert_eq!(missing.file, PathBuf::from("content/articles/2026/01/02/missing.md"));
    assert!(missing.message.contains("404 Not Found"), "{}", missing.message);
    assert!(missing.help.as_deref().unwrap().contains("archive_links: true"), "{:?}", missing.help);
    assert!(!report.has_errors(), "dead originals are warnings: the site still builds");
}

#[test]
fn a_second_run_asks_nothing_until_answers_go_stale() {
    let o = outlet();
    let site = outlet_site(&o);
    let first = run(site.path(), Some(quick()));
    let asked = o.requests.lock().unwrap().len();
    let cache = std::fs::read_to_string(site.path().join(CACHE_FILE)).unwrap();
    let urls: Vec<&str> = cache.lines().skip(1).map(|l| l.split('\t').next().unwrap()).collect();
    assert!(urls.windows(2).all(|w| w[0] < w[1]) && urls.len() == 8, "sorted, one line per URL: {urls:?}");

    let second = run(site.path(), Some(quick()));
    assert_eq!(o.requests.lock().unwrap().len(), asked, "the cache answered");
    assert_eq!(external(&second).requested, 0);
    assert_eq!(external(&second).dead, external(&first).dead);
    assert_eq!(std::fs::read_to_string(site.path().join(CACHE_FILE)).unwrap(), cache, "left as it was");

    // Two days on, the dead and unverified are asked again; the alive are still believed.
    let later = ExternalOptions { now: Some(chrono::Utc::now() + chrono::Duration::days(2)), ..quick() };
    let third = run(site.path(), Some(later));
    assert_eq!(external(&third).requested, 5, "missing, gone, bots-refused, broken, closed");
    assert_eq!(o.seen("/alive").len(), 2, "not asked again");

    // --refresh asks everything.
    let refreshed = run(site.path(), Some(ExternalOptions { refresh: true, ..quick() }));
    assert_eq!(external(&refreshed).requested, 8);
    assert_eq!(o.seen("/alive").len(), 4);
}

#[test]
fn one_host_gets_at_most_two_requests_at_a_time() {
    // Counted in the handler, which returns before the answer is written: the client cannot
    // have let go of a request the server still counts.
    let (running, peak) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let (r, p) = (running.clone(), peak.clone());
    let o = serve(move |_| {
        p.fetch_max(r.fetch_add(1, SeqCst) + 1, SeqCst);
        std::thread::sleep(Duration::from_millis(150));
        r.fetch_sub(1, SeqCst);
        Reply::status(200)
    });
    let originals: Vec<(String, String)> = (0..8).map(|i| (format!("a{i}"), o.url(&format!("/story/{i}")))).collect();
    let refs: Vec<(&str, String)> = originals.iter().map(|(s, u)| (s.as_str(), u.clone())).collect();
    let site = site_citing(&refs);
    let report = run(site.path(), Some(quick()));
    assert_eq!(external(&report).alive, 8);
    assert_eq!(o.requests.lock().unwrap().len(), 8);
    assert_eq!(peak.load(SeqCst), 2, "the per-host limit is reached, never passed");
}

#[test]
fn plain_check_and_build_go_nowhere_near_the_originals() {
    let o = outlet();
    let site = outlet_site(&o);
    let report = run(site.path(), None);
    assert!(report.external.is_none());
    assert!(!report.problems.0.iter().any(|d| d.message.contains("the original")));
    common::build(site.path(), &site.path().join("output")).unwrap();
    assert!(o.requests.lock().unwrap().is_empty(), "{:?}", o.requests.lock().unwrap());
    assert!(!site.path().join(CACHE_FILE).exists());
}

#[test]
fn the_command_lists_dead_and_unverified_originals_and_still_succeeds() {
    let o = outlet();
    let site = site_citing(&[("missing", o.url("/missing")), ("bots-refused", o.url("/bots-refused"))]);
    let out = assert_cmd::Command::cargo_bin("gazette")
        .unwrap()
        .args(["check", "--external", "--site"])
        .arg(site.path())
        .output()
        .unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("missing.md") && stderr.contains(&o.url("/missing")), "{stderr}");
    assert!(stderr.contains("could not verify") && stderr.contains("bots-refused.md: "), "{stderr}");
    assert!(
        stdout.contains("originals: 2 checked (2 asked, 0 from the cache): 0 alive, 1 dead, 1 could not be verified"),
        "{stdout}"
    );
    let refresh_alone =
        assert_cmd::Command::cargo_bin("gazette").unwrap().args(["check", "--refresh"]).output().unwrap();
    assert!(!refresh_alone.status.success(), "--refresh means nothing without --external");
}
