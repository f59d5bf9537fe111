//! Import's malformed-input corpus (`tests/malformed/import/`, described by its `cases.txt`):
//! every bad input is reported with the expected reason, the good ones still go in, all in one
//! run and in bounded time, and nothing hostile survives into the written Markdown.

mod common;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use gazette::import::{run, ImportOptions};

/// Longest the whole run may take (debug build, shared machine; about a second in release).
const TIME_LIMIT: Duration = Duration::from_secs(60);

struct Case {
    name: String,
    failed: bool,
    expect: String,
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/malformed/import")
}

fn cases() -> Vec<Case> {
    common::manifest_rows(&corpus().join("cases.txt"), 3)
        .into_iter()
        .map(|cols| {
            let failed = match cols[1].as_str() {
                "failed" => true,
                "imported" => false,
                other => panic!("unknown outcome `{other}` in case {}", cols[0]),
            };
            Case { name: cols[0].clone(), failed, expect: cols[2].clone() }
        })
        .collect()
}

/// Inputs too big to commit, made at test time.
fn generate(name: &str, dir: &Path) -> PathBuf {
    let page =
        |body: String| format!("<!doctype html><html><head><title>Attr</title></head><body>{body}</body></html>");
    let item = |title: String, text: String| {
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>G</title><link>https://example.org/</link>\
             <description>d</description><item>{title}<link>https://example.org/g</link>\
             <description>{text}</description></item></channel></rss>"
        )
    };
    let bytes: Vec<u8> = match name {
        "html-deep.html" => {
            page(format!("{}<p>One paragraph, deep inside.</p>{}", "<div>".repeat(100_000), "</div>".repeat(100_000)))
                .into_bytes()
        }
        "html-huge-attribute.html" => page(format!(
            "<article data-x=\"{}\"><h1>Huge attribute</h1><p>A paragraph beside an attribute five million characters \
             long, which must not slow the import to a crawl.</p><p>Another paragraph, so that the extractor has \
             enough text to call this an article.</p></article>",
            "a".repeat(5_000_000)
        ))
        .into_bytes(),
        "feed-deep.rss" => {
            item("<title>Deep</title>".into(), format!("{}text{}", "<x>".repeat(100_000), "</x>".repeat(100_000)))
                .into_bytes()
        }
        "feed-huge-attribute.rss" => {
            item(format!("<title x=\"{}\">Attr</title>", "a".repeat(5_000_000)), "Text of the item.".into())
                .into_bytes()
        }
        "text-one-line.txt" => "word ".repeat(200_000).into_bytes(),
        "gzipped.html" => {
            vec![0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x4b, 0x4c, 0x4a, 0x06, 0x00]
        }
        other => panic!("no generator for `{other}`"),
    };
    let path = dir.join(name);
    std::fs::File::create(&path).unwrap().write_all(&bytes).unwrap();
    path
}

#[test]
fn every_import_corpus_file_is_listed() {
    let listed: Vec<String> = cases().into_iter().map(|c| c.name).collect();
    for entry in std::fs::read_dir(corpus()).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(name == "cases.txt" || listed.contains(&name), "`{name}` is not in cases.txt");
    }
}

#[test]
fn every_malformed_import_input_gets_its_reason_and_the_rest_go_in() {
    let work = tempfile::tempdir().unwrap();
    let cases = cases();
    assert!(cases.len() >= 25, "the corpus shrank to {} cases", cases.len());
    let inputs: Vec<String> = cases
        .iter()
        .map(|c| match c.name.strip_prefix("gen:") {
            Some(name) => generate(name, work.path()).display().to_string(),
            None => corpus().join(&c.name).display().to_string(),
        })
        .collect();
    let out = work.path().join("out");
    let options = ImportOptions {
        site: work.path().join("no-site"),
        out: Some(out),
        inputs: inputs.clone(),
        ..Default::default()
    };
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || tx.send(run(&options).map_err(|e| format!("{e:#}"))));
    let report = rx.recv_timeout(TIME_LIMIT).expect("the import did not finish in time").expect("the import ran");
    for (case, input) in cases.iter().zip(&inputs) {
        let failed = report.failed.iter().find(|(i, _)| i == input);
        let imported: Vec<_> = report.imported.iter().filter(|i| &i.input == input).collect();
        if case.failed {
            let (_, reason) = failed.unwrap_or_else(|| panic!("{}: expected to fail, but it did not", case.name));
            assert!(reason.contains(&case.expect), "{}: reason `{reason}` lacks `{}`", case.name, case.expect);
            assert!(imported.is_empty(), "{}: failed but also imported", case.name);
        } else {
            assert!(failed.is_none(), "{}: failed: {:?}", case.name, failed);
            assert_eq!(imported.len(), 1, "{}: expected one article", case.name);
            let path = imported[0].path.as_ref().unwrap();
            let text = std::fs::read_to_string(path).unwrap();
            assert!(text.contains(&case.expect), "{}: `{}` not in:\n{text}", case.name, case.expect);
            for hostile in ["<script", "onerror", "onclick", "javascript:", "<iframe"] {
                assert!(!text.contains(hostile), "{}: `{hostile}` survived into:\n{text}", case.name);
            }
        }
    }
}
