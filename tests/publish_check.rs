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
