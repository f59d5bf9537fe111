//! Entry points for the fuzz targets in `fuzz/`, also replayed over the committed fuzz corpus
//! by `cargo test` (`tests/fuzz_corpus.rs`), so a crash once found stays fixed.
//!
//! Each takes arbitrary bytes and must return without panicking, in bounded time. Where the
//! pipeline promises more, the entry point checks it and panics when the promise is broken:
//! an error must render with its caret; whatever `import` writes must load again.

use std::path::Path;

use crate::config::Config;
use crate::content::markdown::{self, LinkResolver, LinkTarget};
use crate::content::{self, Kind};
use crate::import::{self, InputKind};

/// A small site with topics, so topic checks and hints run too.
const SITE_YAML: &str = "title: Fuzz\nbase_url: https://example.org/sub/\ntimezone: Europe/Berlin\n\
topics:\n  - {slug: world, name: World}\n  - {slug: tech, name: Technology}\n";

fn site() -> Config {
    Config::parse(Path::new("/fuzz-site"), SITE_YAML, None).expect("the fuzz site's configuration is valid")
}

/// A content file (article, note or page, chosen by the first byte), or `site.yaml` itself.
pub fn content_file(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let (kind, key) = match selector % 4 {
        0 => (Kind::Article, "articles/2026/fuzz.md"),
        1 => (Kind::Note, "notes/fuzz.md"),
        2 => (Kind::Page, "pages/fuzz.md"),
        _ => {
            if let Err(problems) = Config::parse(Path::new("/fuzz-site"), text, None) {
                render_all(&problems.0);
            }
            return;
        }
    };
    let problems = content::load_text(&site(), kind, key, text);
    render_all(&problems.0);
}

/// Renders every diagnostic, with its source line and caret: positions must be valid.
fn render_all(problems: &[crate::diagnostics::Diagnostic]) {
    for p in problems {
        let shown = p.render(false);
        assert!(!shown.is_empty(), "a diagnostic rendered as nothing");
    }
}

/// Resolves every link target, so the fuzzer reaches the code after resolution.
struct AnyTarget;

impl LinkResolver for AnyTarget {
    fn resolve(&self, target: &str, _wiki: bool) -> Result<LinkTarget, String> {
        if target.len().is_multiple_of(3) {
            return Err("no such document".into());
        }
        Ok(LinkTarget {
            key: format!("articles/{target}.md"),
            url: format!("/sub/{target}/"),
            title: target.to_owned(),
        })
    }
    fn site_path(&self, path: &str) -> String {
        format!("/sub{path}")
    }
}

/// A Markdown body through the whole pipeline: links, heading ids, highlighting.
pub fn markdown(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = markdown::render(text, &AnyTarget);
}

/// One input through import as the given kind; every article it yields must load again.
fn import_as(data: &[u8], name: &str, kind: InputKind) {
    let Ok(texts) = import::import_to_texts(name, data, Some(kind)) else { return };
    let config = site();
    for text in texts {
        let problems = content::load_text(&config, Kind::Article, "articles/2026/01/01/imported.md", &text);
        let errors: Vec<String> = problems.errors().map(|d| d.render(false)).collect();
        assert!(errors.is_empty(), "an imported article does not load:\n{}\n---\n{text}", errors.join("\n"));
    }
}

pub fn import_text(data: &[u8]) {
    import_as(data, "fuzz.txt", InputKind::Text);
}

pub fn import_html(data: &[u8]) {
    import_as(data, "fuzz.html", InputKind::Html);
}

pub fn import_feed(data: &[u8]) {
    import_as(data, "fuzz.xml", InputKind::Feed);
}
