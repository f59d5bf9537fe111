//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod origin;
pub mod photos;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::DateTime;

/// A fixed "now" so future-dated fixtures stay in the future and builds are reproducible.
pub fn now() -> chrono::DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339("2026-06-01T00:00:00Z").unwrap()
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Builds `site` into `out` with the fixed clock.
pub fn build(site: &Path, out: &Path) -> anyhow::Result<gazette::BuildReport> {
    let mut options = gazette::BuildOptions::new(site);
    options.out = Some(out.to_path_buf());
    options.now = Some(now());
    gazette::build(&options)
}

/// Every file under `dir` → its bytes, keyed by relative path.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// A throwaway copy of the folder `from` (a fixture or example site to edit).
pub fn copy_tree(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let to = dir.path().join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    dir
}

/// A throwaway site made from (path, text) pairs.
pub fn site_from(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

pub const SITE_YAML: &str = "title: T\nbase_url: https://example.org/\ntopics:\n  - slug: news\n    name: News\n";

/// The diagnostics of a build that must fail with content errors.
pub fn content_errors(site: &Path) -> Vec<gazette::diagnostics::Diagnostic> {
    let out = site.join("output");
    let err = build(site, &out).expect_err("the build should fail");
    match err.downcast::<gazette::diagnostics::ContentErrors>() {
        Ok(e) => e.0 .0,
        Err(other) => panic!("expected content errors, got: {other:?}"),
    }
}

/// The rows of a corpus manifest (`cases.txt`): columns separated by ` | ` and trimmed, blank
/// lines and `#` comments skipped. Every row must have `columns` columns.
pub fn manifest_rows(path: &Path, columns: usize) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let cols: Vec<String> = l.split(" | ").map(|c| c.trim().to_owned()).collect();
            assert_eq!(cols.len(), columns, "bad manifest line: {l}");
            cols
        })
        .collect()
}

/// The article files under `<site>/content/articles`, sorted.
pub fn article_files(site: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(site.join("content/articles"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
}

/// An article file's front matter and body.
pub fn read_article(path: &Path) -> (gazette::content::front_matter::ArticleMeta, String) {
    use gazette::content::front_matter::{parse, ArticleMeta, ARTICLE_KEYS};
    let text = std::fs::read_to_string(path).unwrap();
    let (meta, split) = parse::<ArticleMeta>(path, &text, ARTICLE_KEYS).unwrap_or_else(|d| panic!("{d}"));
    (meta, split.body.to_owned())
}
