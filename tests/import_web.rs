//! `gazette import https://…`: pages fetched from a server on 127.0.0.1 and imported like saved
//! pages, mixed with files in one call.

mod common;

use common::{article_files, read_article};

use std::fs;

use assert_cmd::Command;
use common::origin::{serve, Reply};
use gazette::content::front_matter::ArticleMeta;
use tempfile::TempDir;

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>\
         <p>{body}</p><p>{body} Read the <a href=\"../notes/port.html\">port notes</a> for more.</p>\
         <p>{body}</p></article></body></html>"
    )
}

const TEXT: &str = "The harbour authority of Port Aldane reopened the northern quay on Tuesday after \
                    three weeks of repairs to the storm wall, and the first ferry of the morning \
                    left on time with a full deck of lorries bound for the islands.";

#[test]
fn web_pages_and_files_are_imported_in_one_call() {
    let latin1: Vec<u8> = page("Caf\u{e9} owners welcome the quay", TEXT).chars().map(|c| c as u8).collect();
    let origin = serve(move |req| match req.path.as_str() {
        "/old/quay" => Reply::redirect(301, "/news/2026/quay.html"),
        "/news/2026/quay.html" => Reply::ok("text/html; charset=utf-8", page("Northern quay reopens", TEXT)),
        // The server names the right charset; the page names none.
        "/news/cafe.html" => Reply::ok("text/html; charset=iso-8859-1", latin1.clone()),
        _ => Reply::status(404),
    });
    let site = TempDir::new().unwrap();
    let file = site.path().join("saved.txt");
    fs::write(&file, format!("Ferry timetable changes\n\n{TEXT} The timetable changes next week.\n")).unwrap();
    let out = Command::cargo_bin("gazette")
        .unwrap()
        .args(["import", "--date", "2026-11-18", "--site"])
        .arg(site.path())
        .arg(origin.url("/old/quay"))
        .arg(&file)
        .arg(origin.url("/news/cafe.html"))
        .arg(origin.url("/missing"))
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.starts_with("imported 3, duplicates 0, failed 1"), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "failed: {}: GET {} answered 404 Not Found",
            origin.url("/missing"),
            origin.url("/missing")
        )),
        "{stdout}"
    );
    let metas: Vec<(ArticleMeta, String)> = article_files(site.path()).iter().map(|p| read_article(p)).collect();
    let quay = metas.iter().find(|(m, _)| m.title == "Northern quay reopens").expect("the redirected page");
    // The final URL after the redirect, and relative links resolved against it.
    assert_eq!(quay.0.source_url.as_deref(), Some(origin.url("/news/2026/quay.html").as_str()));
    assert_eq!(quay.0.source_file.as_deref(), Some(origin.url("/old/quay").as_str()));
    assert!(quay.1.contains(&format!("]({})", origin.url("/news/notes/port.html"))), "{}", quay.1);
    let cafe = metas.iter().find(|(m, _)| m.title.contains("owners welcome")).expect("the Latin-1 page");
    assert_eq!(cafe.0.title, "Café owners welcome the quay");
    assert!(metas.iter().any(|(m, _)| m.source_file.as_deref() == Some(file.to_str().unwrap())));
    // The page was asked for as Gazette, once.
    let seen = origin.seen("/old/quay");
    assert_eq!(seen.len(), 1);
    assert!(seen[0].header("user-agent").unwrap().starts_with("Gazette/"));
}

#[test]
fn a_canonical_url_wins_over_the_address_fetched() {
    let html =
        page("Canonical story", TEXT).replace("<title>", "<link rel=\"canonical\" href=\"/stories/canonical\"><title>");
    let origin = serve(move |_| Reply::ok("text/html", html.clone()));
    let site = TempDir::new().unwrap();
    Command::cargo_bin("gazette")
        .unwrap()
        .args(["import", "--date", "2026-11-18", "--site"])
        .arg(site.path())
        .arg(origin.url("/print/canonical?utm_source=x"))
        .assert()
        .success();
    let (meta, _) = read_article(&article_files(site.path())[0]);
    assert_eq!(meta.source_url.as_deref(), Some(origin.url("/stories/canonical").as_str()));
}

#[test]
fn a_redirect_to_a_file_url_is_a_failed_input() {
    let origin = serve(|_| Reply::redirect(302, "file:///etc/passwd"));
    let site = TempDir::new().unwrap();
    let out = Command::cargo_bin("gazette")
        .unwrap()
        .args(["import", "--site"])
        .arg(site.path())
        .arg(origin.url("/trap"))
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        stdout.contains("redirected to `file:///etc/passwd`: only http:// and https:// redirects are followed"),
        "{stdout}"
    );
    assert!(article_files(site.path()).is_empty());
}
