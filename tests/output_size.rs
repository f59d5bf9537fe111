//! The size `build` reports and the folders it leaves: the reported bytes and files equal a
//! walk of the output, the previous output is gone when the command returns, and what a
//! killed build left beside the output is removed by the next one (and nothing else).

mod common;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use common::{build, photos::jpeg, read_tree, site_from, SITE_YAML};

const ARTICLE: &str = "---\ntitle: Harbour at dawn\ndate: 2026-05-20T07:00:00+00:00\ntopic: news\n\
images:\n  - {src: /media/quay.jpg, alt: The quay at dawn}\n---\nThe ferries left on time.\n";

/// A small site with search on, a static file and a photograph (so variants are written).
fn site() -> tempfile::TempDir {
    let site = site_from(&[
        ("site.yaml", SITE_YAML),
        ("content/articles/2026/05/20/harbour.md", ARTICLE),
        ("static/robots.txt", "User-agent: *\n"),
    ]);
    fs::create_dir_all(site.path().join("static/media")).unwrap();
    fs::write(site.path().join("static/media/quay.jpg"), jpeg(800, 450)).unwrap();
    site
}

/// (bytes, files) of the output folder, walked.
fn walked(out: &Path) -> (u64, usize) {
    let tree = read_tree(out);
    (tree.values().map(|b| b.len() as u64).sum(), tree.len())
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn reported_size_equals_a_walk_of_the_output_on_a_first_and_a_second_build() {
    let site = site();
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("output");
    for round in ["first", "second (static files and pictures linked)"] {
        let report = build(site.path(), &output).unwrap();
        let size = report.output;
        report.finish().unwrap();
        assert_eq!((size.bytes, size.files), walked(&output), "{round} build");
        assert!(read_tree(&output).keys().any(|k| k.starts_with("pictures/")), "variants are counted");
        assert!(read_tree(&output).keys().any(|k| k.starts_with("search-index/")), "the index is counted");
    }
}

#[test]
fn cli_build_prints_the_output_size_after_the_summary() {
    let site = site();
    let out = Command::cargo_bin("gazette").unwrap().args(["build", "--site"]).arg(site.path()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].starts_with("built 1 articles"), "{stdout}");
    let (bytes, files) = walked(&site.path().join("output"));
    assert_eq!(lines[1], format!("output: {:.1} MB in {files} files", bytes as f64 / 1e6), "{stdout}");
}

#[test]
fn the_previous_output_is_gone_when_the_command_returns() {
    let site = site();
    for _ in 0..2 {
        let out = Command::cargo_bin("gazette").unwrap().args(["build", "-q", "--site"]).arg(site.path()).output();
        assert!(out.unwrap().status.success());
        let left: Vec<String> = names(site.path()).into_iter().filter(|n| n.starts_with(".gazette-")).collect();
        assert!(left.iter().all(|n| n == ".gazette"), "old or staging folders left: {left:?}");
    }
}

#[test]
fn leftovers_of_a_killed_build_are_removed_by_the_next_build_and_nothing_else() {
    let site = site();
    let out = tempfile::tempdir().unwrap();
    let put = |rel: &str, text: &str| {
        let path = out.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    // Killed while deleting the old output: the marker is deleted last, so it is still there.
    put(".gazette-old-Ab12/output/.gazette-output", "marker");
    put(".gazette-old-Ab12/output/articles/a/index.html", "old page");
    put(".gazette-build-Cd34/articles/b/index.html", "half a build");
    // Not Gazette's: an old-looking folder without the marker, and the editor's own folder.
    put(".gazette-old-mine/output/notes.txt", "the editor's notes");
    put("drafts-2026/index.html", "the editor's draft");
    build(site.path(), &out.path().join("output")).unwrap().finish().unwrap();
    assert_eq!(names(out.path()), [".gazette-old-mine", "drafts-2026", "output"]);
    assert_eq!(
        fs::read_to_string(out.path().join(".gazette-old-mine/output/notes.txt")).unwrap(),
        "the editor's notes"
    );
    assert_eq!(fs::read_to_string(out.path().join("drafts-2026/index.html")).unwrap(), "the editor's draft");
}

#[test]
fn check_does_not_warn_about_the_size_of_a_small_site() {
    let site = site();
    build(site.path(), &site.path().join("output")).unwrap().finish().unwrap();
    let mut options = gazette::check::CheckOptions::new(site.path());
    options.now = Some(common::now());
    let report = gazette::check::check(&options).unwrap();
    let problems: Vec<String> = report.problems.0.iter().map(|d| d.message.clone()).collect();
    assert!(problems.iter().all(|m| !m.contains("GitHub Pages")), "{problems:?}");
    assert!(report.files > 0);
}
