//! `gazette check`: reports broken links, anchors and missing images as errors (non-zero
//! exit), and topic/date problems as warnings, without writing anything.

mod publish_support;

use assert_cmd::Command;
use predicates::prelude::*;
use publish_support::fixture;

#[test]
fn check_reports_broken_anchor_link_and_missing_images_and_fails() {
    let site = fixture("publish-broken");
    let out = Command::cargo_bin("gazette").unwrap().args(["check", "--site"]).arg(&site).assert().failure();
    let output = out.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let (errors, warnings) = stderr.split_once("warnings:").expect("warnings listed separately");
    assert!(errors.starts_with("errors:"), "{stderr}");
    for expected in [
        "content/articles/2026/02/02/no-topic.md: broken anchor `/bulletin/articles/2026/02/01/bridge-paint/#colour-scheme`",
        "content/pages/about.md: broken link `/bulletin/no-such-page/`",
        "content/pages/about.md: missing image `/bulletin/img/office-missing.png`",
        "content/articles/2026/02/01/bridge-paint.md: missing image `/img/bridge-missing.jpg`",
    ] {
        assert!(errors.contains(expected), "missing error `{expected}` in:\n{errors}");
    }
    // The missing front-matter image is reported once, not again from the rendered page.
    assert_eq!(errors.matches("missing image `/img/bridge-missing.jpg`").count(), 1, "{errors}");
    assert!(!errors.contains("missing image `/bulletin/img/bridge-missing.jpg`"), "{errors}");
    // The archive link works and is not reported.
    assert!(!errors.contains("/archive/"), "{errors}");
    for expected in [
        "no-topic.md: article has no `topic:`",
        "far-future.md: dated in the future",
        "topic `weather` has no articles",
    ] {
        assert!(warnings.contains(expected), "missing warning `{expected}` in:\n{warnings}");
    }
    assert!(stdout.contains("4 error(s), 3 warning(s)"), "{stdout}");
    assert!(!site.join("output").exists(), "check must not write the site");
}

#[test]
fn check_passes_on_a_sound_site_under_any_base_url() {
    for base in [None, Some("http://127.0.0.1:8000/REPO/"), Some("https://user.github.io/")] {
        let mut cmd = Command::cargo_bin("gazette").unwrap();
        cmd.args(["check", "--site"]).arg(fixture("publish"));
        if let Some(b) = base {
            cmd.args(["--base-url", b]);
        }
        cmd.assert().success().stdout(predicate::str::contains("0 error(s), 0 warning(s)"));
    }
}

#[test]
fn front_matter_problems_are_errors_of_check() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    std::fs::write(site.join("site.yaml"), "title: T\nbase_url: https://e.org/\n").unwrap();
    let articles = site.join("content/articles/2026/01/01");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(articles.join("x.md"), "---\ntitle: X\ndate: not a date\n---\nBody.\n").unwrap();
    Command::cargo_bin("gazette")
        .unwrap()
        .args(["check", "--site"])
        .arg(site)
        .assert()
        .failure()
        .stderr(predicate::str::contains("x.md"));
}

/// A site with one article, `content/articles/<day>/harbour-vote.md`, dated `date`, with
/// `front` added to its front matter.
fn write_article(site: &std::path::Path, date: &str, front: &str) {
    let articles = site.join("content/articles");
    let _ = std::fs::remove_dir_all(&articles);
    std::fs::create_dir_all(&articles).unwrap();
    let text = format!("---\ntitle: Harbour board votes\ndate: {date}\ntopic: news\n{front}---\nThe board voted.\n");
    std::fs::write(articles.join("harbour-vote.md"), text).unwrap();
}

fn moves_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let yaml = "title: T\nbase_url: https://x.github.io/digest/\ntopics:\n  - slug: news\n    name: News\n";
    std::fs::write(dir.path().join("site.yaml"), yaml).unwrap();
    dir
}

fn gazette(args: &[&str], site: &std::path::Path) -> assert_cmd::assert::Assert {
    Command::cargo_bin("gazette").unwrap().args(args).arg("--site").arg(site).assert()
}

#[test]
fn check_names_a_vanished_url_and_the_aliases_line_that_keeps_it() {
    let dir = moves_site();
    let site = dir.path();
    write_article(site, "2026-11-17T10:00:00Z", "");
    gazette(&["build"], site).success();
    let urls = std::fs::read_to_string(site.join(".gazette/urls.txt")).unwrap();
    assert!(urls.contains("\n/articles/2026/11/17/harbour-vote/ content/articles/harbour-vote.md\n"), "{urls}");
    // The date is corrected: the article moves to the 18th.
    write_article(site, "2026-11-18T10:00:00Z", "");
    gazette(&["check"], site).success().stderr(
        predicate::str::contains(
            "content/articles/harbour-vote.md: `/articles/2026/11/17/harbour-vote/` of the last build is gone: this article is now at `/articles/2026/11/18/harbour-vote/`",
        )
        .and(predicate::str::contains("write `aliases: [/articles/2026/11/17/harbour-vote/]` in its front matter")),
    );
    // With the line written, the old address has its page and nothing is reported.
    write_article(site, "2026-11-18T10:00:00Z", "aliases: [/articles/2026/11/17/harbour-vote/]\n");
    gazette(&["check"], site).success().stdout(predicate::str::contains("0 error(s), 0 warning(s)"));
    gazette(&["build"], site).success();
    let redirect = std::fs::read_to_string(site.join("output/articles/2026/11/17/harbour-vote/index.html")).unwrap();
    let target = "https://x.github.io/digest/articles/2026/11/18/harbour-vote/";
    assert!(redirect.contains(&format!("<meta http-equiv=\"refresh\" content=\"0; url={target}\">")), "{redirect}");
    assert!(redirect.contains(&format!("<link rel=\"canonical\" href=\"{target}\">")), "{redirect}");
    assert!(redirect.contains("<a href=\"/digest/articles/2026/11/18/harbour-vote/\">Harbour board votes</a>"));
    assert!(!redirect.contains("<script"), "no script: {redirect}");
    // A page that vanishes with no article to take its address is named alone.
    std::fs::remove_dir_all(site.join("content/articles")).unwrap();
    gazette(&["check"], site).success().stderr(predicate::str::contains(
        ".gazette/urls.txt: `/articles/2026/11/17/harbour-vote/` of the last build is gone",
    ));
}

#[test]
fn an_alias_at_the_address_of_a_page_is_an_error() {
    let dir = moves_site();
    let site = dir.path();
    write_article(site, "2026-11-17T10:00:00Z", "aliases:\n  - /articles/2026/11/17/harbour-vote/\n  - archive\n");
    gazette(&["check"], site).failure().stderr(
        predicate::str::contains(
            "alias `/articles/2026/11/17/harbour-vote/` is the address of the page `/articles/2026/11/17/harbour-vote/`",
        )
        .and(predicate::str::contains("content/articles/harbour-vote.md:5:9"))
        .and(predicate::str::contains("alias `archive` does not start with `/`")),
    );
    gazette(&["build"], site).failure();
}
