//! `gazette check`: builds the site in memory and reports every problem without writing.
//!
//! It runs the same stages as [`crate::build`] (config, load, organize, render) into a
//! [`MemorySink`] and then inspects the result: internal links and `#anchors` in every
//! rendered page (parsed with a real HTML parser), images, topics, dates, slugs and feed
//! sizes. Front-matter and template problems come from the normal stages.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

use crate::config::Config;
use crate::content::{self, Content, LoadOptions};
use crate::diagnostics::{ContentErrors, Diagnostic, Diagnostics};
use crate::organize::{self, Site};
use crate::render::sitemap::{self, MAX_NEWS};
use crate::render::{self, feeds, PageSink};

/// Feeds above this size are cut off or refused by many readers.
pub const FEED_SIZE_LIMIT: usize = 512 * 1024;

/// What to check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub site: PathBuf,
    pub base_url: Option<String>,
    /// "Now", for future dates (defaults to the clock).
    pub now: Option<DateTime<FixedOffset>>,
}

impl CheckOptions {
    pub fn new(site: impl Into<PathBuf>) -> Self {
        CheckOptions { site: site.into(), base_url: None, now: None }
    }
}

/// Everything `gazette check` found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Errors and warnings, sorted.
    pub problems: Diagnostics,
    /// Files the build would write.
    pub files: usize,
    /// HTML pages whose links were followed.
    pub pages: usize,
}

impl CheckReport {
    pub fn has_errors(&self) -> bool {
        self.problems.has_errors()
    }

    pub fn summary_line(&self) -> String {
        format!(
            "checked {} pages ({} files): {} error(s), {} warning(s)",
            self.pages,
            self.files,
            self.problems.errors().count(),
            self.problems.warnings().count()
        )
    }
}

/// A [`PageSink`] that keeps every file in memory and writes nothing.
#[derive(Default)]
pub struct MemorySink {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl MemorySink {
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_else(|p| p.into_inner())
    }
}

impl PageSink for MemorySink {
    fn write_file(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        self.files.lock().unwrap_or_else(|p| p.into_inner()).insert(rel.to_owned(), bytes.to_vec());
        Ok(())
    }
}

/// Checks the site. Problems in the site's files are in the report; `Err` only for I/O.
pub fn check(options: &CheckOptions) -> anyhow::Result<CheckReport> {
    let mut report = CheckReport::default();
    match run(options, &mut report) {
        Ok(()) => {}
        Err(e) => match e.downcast::<ContentErrors>() {
            Ok(ContentErrors(ds)) => report.problems.extend(ds.0),
            Err(e) => return Err(e),
        },
    }
    report.problems = std::mem::take(&mut report.problems).sorted();
    Ok(report)
}

fn run(options: &CheckOptions, report: &mut CheckReport) -> anyhow::Result<()> {
    let config = Config::load(&options.site, options.base_url.as_deref())?;
    let now = options.now.unwrap_or_else(|| chrono::Utc::now().fixed_offset());
    let content = content::load(&config, &LoadOptions { drafts: false, now })?;
    report.problems.extend(content.warnings.0.iter().cloned());
    future_dates(&config, now, &mut report.problems);
    let site = organize::organize(&config, content);
    let mut theme = render::theme::load(&config)?;
    let sink = MemorySink::default();
    render::render(&config, &site, &mut theme, &sink)?;
    let mut files = sink.into_files();
    // What the output stage adds besides rendered pages.
    let mut others: BTreeSet<String> = theme.assets.keys().cloned().collect();
    others.extend(static_files(&options.site.join("static")));
    others.extend(["syntax.css".to_owned(), ".nojekyll".to_owned()]);
    if config.site.cname.is_some() {
        others.insert("CNAME".into());
    }
    for rel in others {
        files.entry(rel).or_default();
    }
    report.files = files.len();
    let reported = site_checks(&config, &site, &files, &mut report.problems);
    report.pages = link_checks(&config, &site, &files, &reported, &mut report.problems);
    Ok(())
}

fn static_files(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.path().strip_prefix(dir).ok().map(|p| p.to_string_lossy().replace('\\', "/")))
        .collect()
}

/// Articles and notes dated after "now": the build leaves them out until then.
fn future_dates(config: &Config, now: DateTime<FixedOffset>, problems: &mut Diagnostics) {
    // Loading everything (drafts too) is the only way to see what the real load left out.
    let Ok(all) = content::load(config, &LoadOptions { drafts: true, now }) else {
        return;
    };
    let Content { articles, notes, .. } = all;
    let future = articles
        .iter()
        .filter(|a| !a.meta.draft && a.date > now)
        .map(|a| (&a.doc.file, a.date))
        .chain(notes.iter().filter(|n| !n.meta.draft && n.date > now).map(|n| (&n.doc.file, n.date)));
    for (file, date) in future {
        problems.push(
            Diagnostic::warning(file, format!("dated in the future ({}): not published until then", date.to_rfc3339()))
                .with_help("fix the date, or leave it if the story is embargoed"),
        );
    }
}

/// Topics, slugs, front-matter images and feed sizes. Returns the URL paths of the missing
/// images it reported, so the link check does not report them a second time.
fn site_checks(
    config: &Config,
    site: &Site,
    files: &BTreeMap<String, Vec<u8>>,
    problems: &mut Diagnostics,
) -> BTreeSet<String> {
    let mut missing_images = BTreeSet::new();
    for (group, topic) in site.topics.iter().zip(&config.site.topics) {
        if group.articles.is_empty() {
            problems.push(Diagnostic::warning(
                crate::config::CONFIG_FILE,
                format!("topic `{}` has no articles: its page and feeds are empty", topic.slug),
            ));
        }
    }
    let mut by_slug: HashMap<&str, Vec<&Path>> = HashMap::new();
    for a in &site.content.articles {
        if a.meta.topic.is_none() {
            problems.push(
                Diagnostic::warning(&a.doc.file, "article has no `topic:`: it is on no topic page or topic feed")
                    .with_help(format!(
                        "add `topic:` with one of: {}",
                        config.site.topics.iter().map(|t| t.slug.as_str()).collect::<Vec<_>>().join(", ")
                    )),
            );
        }
        by_slug.entry(&a.doc.slug).or_default().push(&a.doc.file);
        for img in &a.meta.images {
            if let Some(rel) = site_relative(config, &img.src, &a.doc.path) {
                if !exists(files, &rel) {
                    missing_images.insert(config.url_path(&rel));
                    problems.push(
                        Diagnostic::error(&a.doc.file, format!("missing image `{}`", img.src))
                            .with_help(format!("put the file at `static/{rel}`")),
                    );
                }
            }
        }
    }
    let mut dups: Vec<(&str, Vec<&Path>)> = by_slug.into_iter().filter(|(_, v)| v.len() > 1).collect();
    dups.sort();
    for (slug, paths) in dups {
        problems.push(
            Diagnostic::warning(
                paths[0],
                format!(
                    "slug `{slug}` is used by {} articles ({}): `[[{slug}]]` links are ambiguous",
                    paths.len(),
                    paths.iter().map(|p| format!("`{}`", p.display())).collect::<Vec<_>>().join(", ")
                ),
            )
            .with_help("rename one of the files"),
        );
    }
    for (rel, bytes) in files {
        let is_feed = feeds::feed_paths("").iter().any(|f| rel.ends_with(f.as_str()));
        if is_feed && bytes.len() > FEED_SIZE_LIMIT {
            problems.push(
                Diagnostic::warning(
                    format!("output/{rel}"),
                    format!(
                        "feed is {} KiB, over {} KiB: many feed readers cut it off or refuse it",
                        bytes.len() / 1024,
                        FEED_SIZE_LIMIT / 1024
                    ),
                )
                .with_help("lower `feed_limit` or turn off `feed_full_content` in site.yaml"),
            );
        }
    }
    news_window(site, problems);
    missing_images
}

/// Google News takes at most [`MAX_NEWS`] articles; more in the 2-day window are left out.
fn news_window(site: &Site, problems: &mut Diagnostics) {
    let articles = &site.content.articles;
    let Some(newest) = articles.iter().map(|a| a.date).max() else { return };
    let since = newest - chrono::Duration::days(sitemap::NEWS_WINDOW_DAYS);
    let in_window = articles.iter().filter(|a| a.date >= since).count();
    if in_window > MAX_NEWS {
        problems.push(Diagnostic::warning(
            "output/news-sitemap.xml",
            format!(
                "{in_window} articles in the last {} days: the news sitemap lists only the newest {MAX_NEWS}",
                sitemap::NEWS_WINDOW_DAYS
            ),
        ));
    }
}

/// A front-matter image `src` → site-relative file path, when it is on this site.
fn site_relative(config: &Config, src: &str, page_rel: &str) -> Option<String> {
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
fn exists(files: &BTreeMap<String, Vec<u8>>, rel: &str) -> bool {
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
fn link_checks(
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
