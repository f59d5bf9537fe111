//! Shared helpers for the publishing tests: build a fixture site into a temporary folder.
#![allow(dead_code)]

pub mod server;

use std::path::{Path, PathBuf};

use chrono::DateTime;
use gazette::BuildOptions;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// "Now" for the fixtures: the day after their newest article.
pub fn now() -> chrono::DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339("2026-03-11T12:00:00+01:00").unwrap()
}

/// A built site: the temporary folder (kept alive) and the output folder inside it.
pub struct Built {
    pub dir: tempfile::TempDir,
    pub out: PathBuf,
}

impl Built {
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn bytes(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Every output file, relative, with `/`.
    pub fn files(&self) -> Vec<String> {
        let mut v: Vec<String> = walkdir::WalkDir::new(&self.out)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(&self.out).unwrap().to_string_lossy().replace('\\', "/"))
            .collect();
        v.sort();
        v
    }

    pub fn html_files(&self) -> Vec<String> {
        self.files().into_iter().filter(|f| f.ends_with(".html")).collect()
    }
}

/// Builds fixture `name`, optionally with extra lines appended to its `site.yaml` (the fixture
/// is copied first) and a `--base-url` override.
pub fn build(name: &str, extra_yaml: &str, base_url: Option<&str>) -> Built {
    build_at(tempfile::tempdir().unwrap(), name, extra_yaml, base_url, now())
}

/// [`build`] as of `now` (for fixtures dated after this module's [`now`]).
#[allow(dead_code)] // not every test file that includes this module uses it
pub fn build_as_of(name: &str, extra_yaml: &str, now: DateTime<chrono::FixedOffset>) -> Built {
    build_at(tempfile::tempdir().unwrap(), name, extra_yaml, None, now)
}

fn build_at(
    dir: tempfile::TempDir,
    name: &str,
    extra_yaml: &str,
    base_url: Option<&str>,
    now: DateTime<chrono::FixedOffset>,
) -> Built {
    let site = if extra_yaml.is_empty() {
        fixture(name)
    } else {
        let site = dir.path().join("site");
        copy_dir(&fixture(name), &site);
        let yaml = std::fs::read_to_string(site.join("site.yaml")).unwrap();
        std::fs::write(site.join("site.yaml"), format!("{yaml}\n{extra_yaml}\n")).unwrap();
        site
    };
    let out = dir.path().join("out");
    let options = BuildOptions {
        site,
        out: Some(out.clone()),
        base_url: base_url.map(str::to_owned),
        drafts: false,
        force: false,
        now: Some(now),
        progress: false,
        no_search: false,
    };
    gazette::build(&options).unwrap_or_else(|e| panic!("build of {name} failed: {e:?}"));
    Built { dir, out }
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().flatten() {
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

pub const HOSTILE_TITLE: &str = "</script><script>alert(1)</script> \"><img src=x onerror=alert(1)> & 'quotes' 🚢";
