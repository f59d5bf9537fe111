//! Build script: records the commit Gazette is built from, so `gazette --version` can say it.
//!
//! The commit comes from, in order: `GAZETTE_COMMIT` in the environment (release builds may
//! set it), `.cargo_vcs_info.json`, which `cargo package` writes into the published crate (so
//! `cargo install gazette-ssg` knows it too), or `git rev-parse` in a checkout. Without any
//! of them the version line just says so.

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=GAZETTE_COMMIT");
    let commit = std::env::var("GAZETTE_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(packaged_commit)
        .or_else(git_commit)
        .unwrap_or_else(|| "unknown commit".to_owned());
    println!("cargo:rustc-env=GAZETTE_COMMIT={}", commit.trim());
}

/// The short hash of `HEAD`, and what to watch so a new commit re-runs this script.
fn git_commit() -> Option<String> {
    let git = |args: &[&str]| -> Option<String> {
        let out = Command::new("git").args(args).output().ok()?;
        out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
    };
    let hash = git(&["rev-parse", "--short=10", "HEAD"])?;
    // Re-run when HEAD moves: the HEAD file (branch switches) and the ref it points to
    // (commits). In a worktree these live in different folders; git says where.
    if let Some(head) = git(&["rev-parse", "--path-format=absolute", "--git-path", "HEAD"]) {
        println!("cargo:rerun-if-changed={head}");
    }
    if let Some(name) = git(&["symbolic-ref", "-q", "HEAD"]) {
        for file in [name.as_str(), "packed-refs"] {
            if let Some(p) = git(&["rev-parse", "--path-format=absolute", "--git-path", file]) {
                if Path::new(&p).exists() {
                    println!("cargo:rerun-if-changed={p}");
                }
            }
        }
    }
    Some(hash)
}

/// The commit `cargo package` recorded in the published crate.
fn packaged_commit() -> Option<String> {
    let text = std::fs::read_to_string(".cargo_vcs_info.json").ok()?;
    println!("cargo:rerun-if-changed=.cargo_vcs_info.json");
    let at = text.find("\"sha1\"")?;
    let rest = &text[at + 6..];
    let start = rest.find('"')? + 1;
    let hash = &rest[start..start + rest[start..].find('"')?];
    Some(hash.chars().take(10).collect())
}
