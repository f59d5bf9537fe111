//! The published package (`cargo package`) holds every file the code compiles in.
//!
//! `Cargo.toml`'s `include` list keeps the example site, benchmarks, fuzzing and fixtures out of
//! the package. A new `include_str!`/`include_bytes!` of a file outside that list would build
//! here and fail for everyone who installs from crates.io; this test catches it first.

use std::path::Path;

/// The `include = [...]` entries of Cargo.toml, as path prefixes (`/src/**` → `src/`).
fn included_prefixes() -> Vec<String> {
    let manifest = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let start = manifest.find("\ninclude = [").expect("Cargo.toml has an include list");
    let list = &manifest[start..start + manifest[start..].find(']').unwrap()];
    list.split('"')
        .skip(1)
        .step_by(2)
        .map(|entry| entry.trim_start_matches('/').trim_end_matches("**").to_owned())
        .collect()
}

/// Every file named by `include_str!` or `include_bytes!` under `src/`, relative to the root.
fn compiled_in_files() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![];
    for entry in walkdir::WalkDir::new(root.join("src")).into_iter().flatten() {
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for macro_name in ["include_str!(\"", "include_bytes!(\""] {
            for (at, _) in text.match_indices(macro_name) {
                let rest = &text[at + macro_name.len()..];
                let rel = &rest[..rest.find('"').unwrap()];
                let full = entry.path().parent().unwrap().join(rel);
                let full = std::fs::canonicalize(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()));
                let root = std::fs::canonicalize(root).unwrap();
                files.push(full.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files
}

#[test]
fn every_compiled_in_file_is_in_the_package() {
    let prefixes = included_prefixes();
    assert!(prefixes.iter().any(|p| p == "src/") && prefixes.iter().any(|p| p == "themes/default/"), "{prefixes:?}");
    let files = compiled_in_files();
    assert!(files.iter().any(|f| f == "themes/default/templates/base.html"), "{files:?}");
    for file in files {
        assert!(
            prefixes.iter().any(|p| file.starts_with(p.as_str()) || file == *p),
            "`{file}` is compiled in but left out of the package by Cargo.toml's `include`"
        );
    }
}

#[test]
fn the_package_leaves_out_the_example_site_and_the_benchmarks() {
    let prefixes = included_prefixes();
    for kept_out in ["content/", "bench/", "fuzz/", "docs/", "tests/", "site.yaml"] {
        assert!(!prefixes.iter().any(|p| kept_out.starts_with(p.as_str())), "{kept_out} would be packaged");
    }
}
