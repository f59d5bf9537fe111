//! Internal links and `#anchors` of every rendered page, checked against the files the build
//! produced, as a static server would resolve them.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::organize::Site;

/// A front-matter image `src` → site-relative file path, when it is on this site.
pub(super) fn site_relative(config: &Config, src: &str, page_rel: &str) -> Option<String> {
    let src = src.trim();
    if src.is_empty() || src.starts_with("//") || has_scheme(src) {
        return None;
    }
    let joined = if src.starts_with('/') { src.to_owned() } else { format!("/{page_rel}{src}") };
    let path = joined.strip_prefix(config.base_path.as_str()).unwrap_or(joined.trim_start_matches('/'));
    Some(crate::slug::percent_decode(path))
}

fn has_scheme(url: &str) -> bool {
    match url.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Whether a site-relative path is served: the file itself, or `index.html` of a folder.
pub(super) fn exists(files: &BTreeMap<String, Vec<u8>>, rel: &str) -> bool {
    let rel = rel.trim_start_matches('/');
    resolve(files, rel).is_some()
}

/// The output file a site-relative URL path is served from.
fn resolve<'a>(files: &'a BTreeMap<String, Vec<u8>>, rel: &str) -> Option<&'a str> {
    let candidates = if rel.is_empty() || rel.ends_with('/') {
        vec![format!("{rel}index.html")]
    } else {
        vec![rel.to_owned(), format!("{rel}/index.html")]
    };
    candidates.into_iter().find_map(|c| files.get_key_value(&c).map(|(k, _)| k.as_str()))
}

/// One `href`/`src` found in a page.
struct Ref {
    url: String,
    image: bool,
}

/// What a page holds that links are checked against.
struct Parsed {
    ids: BTreeSet<String>,
    refs: Vec<Ref>,
}

fn parse_page(html: &str) -> Parsed {
    let doc = dom_query::Document::from(html);
    let mut ids = BTreeSet::new();
    for node in doc.select("[id]").nodes() {
        if let Some(id) = node.attr("id") {
            ids.insert(id.to_string());
        }
    }
    for node in doc.select("a[name]").nodes() {
        if let Some(name) = node.attr("name") {
            ids.insert(name.to_string());
        }
    }
    let mut refs = Vec::new();
    for node in doc.select("[href], [src]").nodes() {
        let name = node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        // `<link rel="canonical">` etc. are checked too: they are links like any other.
        for attr in ["href", "src"] {
            if let Some(url) = node.attr(attr) {
                let image = attr == "src" && matches!(name.as_str(), "img" | "source" | "picture");
                refs.push(Ref { url: url.to_string(), image });
            }
        }
    }
    Parsed { ids, refs }
}

/// Follows every internal link and asset of every page; returns the number of pages.
pub(super) fn link_checks(
    config: &Config,
    site: &Site,
    files: &BTreeMap<String, Vec<u8>>,
    reported: &BTreeSet<String>,
    problems: &mut Diagnostics,
) -> usize {
    let pages: Vec<(&String, &Vec<u8>)> = files.iter().filter(|(rel, _)| rel.ends_with(".html")).collect();
    let parsed: HashMap<&str, Parsed> =
        pages.par_iter().map(|(rel, bytes)| (rel.as_str(), parse_page(&String::from_utf8_lossy(bytes)))).collect();
    // Output page → the content file it comes from, so problems point at what to edit.
    let mut sources: HashMap<String, &Path> = HashMap::new();
    let docs = site.content.articles.iter().map(|a| &a.doc);
    let docs = docs.chain(site.content.notes.iter().map(|n| &n.doc)).chain(site.content.pages.iter().map(|p| &p.doc));
    for doc in docs {
        sources.insert(format!("{}index.html", doc.path), &doc.file);
    }
    // (message, help) → pages it occurs on, so a broken link in a shared template is one entry.
    let mut found: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    let absolute_base = format!("{}{}", config.origin, config.base_path);
    for (rel, page) in &parsed {
        let dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
        for r in &page.refs {
            let url = r.url.trim();
            let (path, fragment) = match url.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (url, None),
            };
            let path = path.split('?').next().unwrap_or_default();
            // Site-relative path of the target, or None when the link leaves the site.
            let target: Option<String> = if path.is_empty() {
                Some(rel.to_string())
            } else if let Some(rest) = url.strip_prefix(absolute_base.as_str()) {
                let rest = rest.split(['#', '?']).next().unwrap_or_default();
                Some(rest.to_owned())
            } else if path.starts_with("//") || has_scheme(path) {
                None
            } else if let Some(rest) = path.strip_prefix(config.base_path.as_str()) {
                Some(rest.to_owned())
            } else if path.starts_with('/') {
                let key = (
                    format!("link `{url}` is outside the site's base path `{}`", config.base_path),
                    "links must start with the base path so they work on GitHub Pages".to_owned(),
                );
                found.entry(key).or_default().push(rel.to_string());
                continue;
            } else {
                Some(normalize(&format!("{dir}/{path}")))
            };
            let Some(target) = target else { continue };
            let target = crate::slug::percent_decode(&target);
            let Some(file) = resolve(files, &target) else {
                if r.image && reported.contains(&config.url_path(&target)) {
                    continue;
                }
                let (what, help) = if r.image {
                    ("missing image", "put the image under `static/` or fix its path")
                } else {
                    ("broken link", "no page or file is written at that address")
                };
                found.entry((format!("{what} `{url}`"), help.to_owned())).or_default().push(rel.to_string());
                continue;
            };
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                let fragment = crate::slug::percent_decode(fragment);
                if let Some(target_page) = parsed.get(file) {
                    if !target_page.ids.contains(&fragment) {
                        let key = (
                            format!("broken anchor `{url}`: no element with id `{fragment}` on that page"),
                            "link to a heading's id (shown in the page's HTML) or drop the `#…`".to_owned(),
                        );
                        found.entry(key).or_default().push(rel.to_string());
                    }
                }
            }
        }
    }
    for ((message, help), mut on) in found {
        on.sort();
        on.dedup();
        let first = &on[0];
        let file = sources.get(first).map_or_else(|| PathBuf::from(format!("output/{first}")), |p| p.to_path_buf());
        let more = match on.len() {
            1 => String::new(),
            n => format!(" (and on {} other page{})", n - 1, if n == 2 { "" } else { "s" }),
        };
        problems.push(Diagnostic::error(file, format!("{message}{more}")).with_help(help));
    }
    parsed.len()
}

/// Resolves `.` and `..` in a relative path.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_like_a_static_server() {
        let files: BTreeMap<String, Vec<u8>> =
            ["index.html", "a/index.html", "style.css"].iter().map(|f| (f.to_string(), vec![])).collect();
        assert_eq!(resolve(&files, ""), Some("index.html"));
        assert_eq!(resolve(&files, "a/"), Some("a/index.html"));
        assert_eq!(resolve(&files, "a"), Some("a/index.html"));
        assert_eq!(resolve(&files, "style.css"), Some("style.css"));
        assert_eq!(resolve(&files, "b/"), None);
        assert_eq!(normalize("a/b/../c/./d/"), "a/c/d/");
        assert_eq!(crate::slug::percent_decode("caf%C3%A9%20x"), "café x");
        assert!(has_scheme("mailto:x") && !has_scheme("a/b:c") && !has_scheme("/x"));
    }

    #[test]
    fn page_parsing_finds_ids_and_refs() {
        let p = parse_page(r##"<h2 id="x">X</h2><a name="y"></a><a href="/r/a/#x">a</a><img src="/r/i.png">"##);
        assert!(p.ids.contains("x") && p.ids.contains("y"));
        assert_eq!(p.refs.len(), 2);
        assert!(p.refs[1].image && !p.refs[0].image);
    }
}
