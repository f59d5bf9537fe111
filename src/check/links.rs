//! Internal links and `#anchors` of every rendered page, checked against the files the build
//! produced, as a static server would resolve them.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{Config, Located, Target};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::organize::Site;

/// A front-matter image `src` → site-relative file path (decoded), when it is on this site.
pub(super) fn site_relative(config: &Config, src: &str, page_rel: &str) -> Option<String> {
    match config.url.resolve(src, page_rel) {
        Target::Internal(rel) => Some(crate::slug::percent_decode(&rel)),
        Target::External(_) => None,
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

/// A problem found with a link: (message, help), reported once for all pages that have it.
type Problem = (String, String);

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
    let built = Built { config, files, parsed: &parsed, reported };
    // Problem → pages it occurs on, so a broken link in a shared template is one entry.
    let mut found: BTreeMap<Problem, Vec<String>> = BTreeMap::new();
    for (rel, page) in &parsed {
        for problem in page.refs.iter().filter_map(|r| built.check(rel, r)) {
            found.entry(problem).or_default().push(rel.to_string());
        }
    }
    report(site, found, problems);
    parsed.len()
}

/// The rendered site, as the link check sees it.
struct Built<'a> {
    config: &'a Config,
    files: &'a BTreeMap<String, Vec<u8>>,
    parsed: &'a HashMap<&'a str, Parsed>,
    /// URL paths of missing images already reported from front matter.
    reported: &'a BTreeSet<String>,
}

impl Built<'_> {
    /// The problem with one link or asset of page `rel`, if any.
    fn check(&self, rel: &str, r: &Ref) -> Option<Problem> {
        let url = r.url.trim();
        let target = match self.config.url.locate(url, rel) {
            Located::External => return None,
            Located::OutsideBase => {
                let message = format!("link `{url}` is outside the site's base path `{}`", self.config.url.base_path());
                return Some((message, "links must start with the base path so they work on GitHub Pages".into()));
            }
            Located::Internal(target) => crate::slug::percent_decode(&target),
        };
        let Some(file) = resolve(self.files, &target) else {
            if r.image && self.reported.contains(&self.config.url.root_path(&target)) {
                return None;
            }
            let (what, help) = match r.image {
                true => ("missing image", "put the image under `static/` or fix its path"),
                false => ("broken link", "no page or file is written at that address"),
            };
            return Some((format!("{what} `{url}`"), help.to_owned()));
        };
        let fragment = url.split_once('#').map(|(_, f)| f).filter(|f| !f.is_empty())?;
        let fragment = crate::slug::percent_decode(fragment);
        let target_page = self.parsed.get(file)?;
        (!target_page.ids.contains(&fragment)).then(|| {
            (
                format!("broken anchor `{url}`: no element with id `{fragment}` on that page"),
                "link to a heading's id (shown in the page's HTML) or drop the `#…`".to_owned(),
            )
        })
    }
}

/// One error per problem, at the content file of the first page it occurs on (so it points
/// at what to edit), or at the output page.
fn report(site: &Site, found: BTreeMap<Problem, Vec<String>>, problems: &mut Diagnostics) {
    let docs = site.content.articles.iter().map(|a| &a.doc);
    let docs = docs.chain(site.content.notes.iter().map(|n| &n.doc)).chain(site.content.pages.iter().map(|p| &p.doc));
    let sources: HashMap<String, &Path> =
        docs.map(|doc| (format!("{}index.html", doc.path), doc.file.as_path())).collect();
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
        assert_eq!(crate::slug::percent_decode("caf%C3%A9%20x"), "café x");
    }

    #[test]
    fn links_are_checked_against_the_built_files_and_their_anchors() {
        let config = Config::parse(Path::new("."), "title: T\nbase_url: https://e.org/r/\n", None).unwrap();
        let files: BTreeMap<String, Vec<u8>> =
            [("index.html", &b"<h2 id=\"top\">T</h2>"[..]), ("a/index.html", b""), ("i.png", b"")]
                .iter()
                .map(|(f, b)| (f.to_string(), b.to_vec()))
                .collect();
        let parsed: HashMap<&str, Parsed> = [("index.html", parse_page("<h2 id=\"top\">T</h2>"))].into();
        let reported = BTreeSet::from(["/r/gone.png".to_owned()]);
        let built = Built { config: &config, files: &files, parsed: &parsed, reported: &reported };
        let link = |url: &str, image: bool| built.check("a/index.html", &Ref { url: url.into(), image });
        for fine in ["/r/", "../#top", "https://e.org/r/i.png", "//cdn/x.png", "mailto:a@e.org"] {
            assert_eq!(link(fine, false), None, "{fine}");
        }
        assert!(link("/r/missing/", false).is_some_and(|p| p.0.starts_with("broken link")));
        assert!(link("/r/#nowhere", false).is_some_and(|p| p.0.starts_with("broken anchor")));
        assert!(link("/elsewhere/", false).is_some_and(|p| p.0.contains("outside the site's base path")));
        assert!(link("/r/i2.png", true).is_some_and(|p| p.0.starts_with("missing image")));
        assert_eq!(link("/r/gone.png", true), None, "reported already from front matter");
    }

    #[test]
    fn page_parsing_finds_ids_and_refs() {
        let p = parse_page(r##"<h2 id="x">X</h2><a name="y"></a><a href="/r/a/#x">a</a><img src="/r/i.png">"##);
        assert!(p.ids.contains("x") && p.ids.contains("y"));
        assert_eq!(p.refs.len(), 2);
        assert!(p.refs[1].image && !p.refs[0].image);
    }
}
