//! Replays the committed fuzz inputs (`fuzz/seeds/<target>/`, and the minimised crashes the
//! fuzzers found in `fuzz/regressions/<target>/`) through the same entry points the fuzz
//! targets call, so every crash once found stays fixed without needing `cargo fuzz`.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for dir in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else { continue };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            let data = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| run(&data));
            assert!(outcome.is_ok(), "{target}: {} panics again", path.display());
            count += 1;
        }
    }
    assert!(count > 0, "no committed inputs for fuzz target {target}");
}

#[test]
fn content_file_inputs_do_not_panic() {
    replay("content_file", gazette::fuzzing::content_file);
}

#[test]
fn markdown_inputs_do_not_panic() {
    replay("markdown", gazette::fuzzing::markdown);
}

#[test]
fn imported_text_loads_again() {
    replay("import_text", gazette::fuzzing::import_text);
}

#[test]
fn imported_html_loads_again() {
    replay("import_html", gazette::fuzzing::import_html);
}

#[test]
fn imported_feeds_load_again() {
    replay("import_feed", gazette::fuzzing::import_feed);
}
