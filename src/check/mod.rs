//! `gazette check`: builds the site in memory and reports every problem without writing.
//!
//! It renders the project as [`crate::build()`] does (pages, feeds, sitemaps, assets; not the
//! search index) into a [`MemorySink`] and then inspects the result: internal links and `#anchors` in every
//! rendered page (parsed with a real HTML parser), images, topics, dates, slugs, feed
//! sizes, the pages of the last build that vanished (`moved.rs`), and whether the output still
//! fits GitHub Pages (`size.rs`); with `--external`, the articles' originals on the web
//! (`external/`). Front-matter and template problems come from the normal stages.

pub mod external;
mod links;
mod moved;
mod size;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{DateTime, FixedOffset};

use crate::config::Config;
use crate::content::{self, Content, LoadOptions};
use crate::diagnostics::{ContentErrors, Diagnostic, Diagnostics};
use crate::organize::Site;
use crate::project::{Project, ProjectOptions};
use crate::render::sitemap::{self, MAX_NEWS};
use crate::render::{feed_links, PageSink};
use links::{exists, link_checks, site_relative};

/// Feeds above this size are cut off or refused by many readers.
pub const FEED_SIZE_LIMIT: usize = 512 * 1024;
pub use size::OUTPUT_SIZE_WARNING;

/// What to check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub site: PathBuf,
    pub base_url: Option<String>,
    /// "Now", for future dates (defaults to the clock).
    pub now: Option<DateTime<FixedOffset>>,
    /// Also ask every article's original whether it is still there (`--external`).
    pub external: Option<external::ExternalOptions>,
}

impl CheckOptions {
    pub fn new(site: impl Into<PathBuf>) -> Self {
        CheckOptions { site: site.into(), base_url: None, now: None, external: None }
    }

    /// The project checked: built as `build` would, but without the search index, which
    /// holds no links and takes long on a large site.
    pub fn project(&self) -> ProjectOptions {
        let (base_url, now) = (self.base_url.clone(), self.now);
        ProjectOptions { base_url, now, search_index: false, ..ProjectOptions::new(&self.site) }
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
    /// What `--external` found, when asked.
    pub external: Option<external::ExternalReport>,
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

    /// Checks need to know which variants exist, not their bytes: none are made.
    fn makes_pictures(&self) -> bool {
        false
    }

    fn write_picture(
        &self,
        rel: &str,
        _job: &crate::render::pictures::Job,
        _cache: &std::sync::Arc<crate::pictures::cache::Cache>,
    ) -> anyhow::Result<()> {
        self.write_file(rel, b"")
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
    let project = Project::load(&options.project())?;
    report.problems.extend(project.warnings().0);
    future_dates(project.config(), project.load_options().now, &mut report.problems);
    let digest = project.organize();
    for language in digest.languages() {
        untranslated(&language.config, &mut report.problems)?;
    }
    let sink = MemorySink::default();
    digest.render_into(&sink)?;
    let files = sink.into_files();
    report.files = files.len();
    moved::vanished(&digest, &mut report.problems)?;
    size::output_size(&digest.config.root, &files, digest.config.site.search, &mut report.problems);
    let mut reported = BTreeSet::new();
    for language in digest.languages() {
        reported.extend(site_checks(&language.config, &language.site, &files, &mut report.problems));
    }
    report.pages = link_checks(&digest.config, &digest.site, &files, &reported, &mut report.problems);
    if let Some(ext) = &options.external {
        let articles = &digest.site.content.articles;
        report.external = Some(external::check_originals(&digest.config, articles, ext, &mut report.problems)?);
    }
    Ok(())
}

/// Theme strings the site's language lacks: they are shown in English.
fn untranslated(config: &Config, problems: &mut Diagnostics) -> anyhow::Result<()> {
    let strings = crate::render::theme::strings(config)?;
    let missing = strings.missing();
    if !missing.is_empty() {
        let lang = &config.site.language;
        let d = Diagnostic::warning(
            crate::config::CONFIG_FILE,
            format!(
                "{} theme string(s) have no `{lang}` translation and show in English: {}",
                missing.len(),
                missing.join(", ")
            ),
        )
        .with_help(format!("add them to `strings:` in site.yaml, or to the theme's `i18n/{lang}.yaml`"));
        problems.push(d);
    }
    Ok(())
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
    for (group, topic) in site.topics.iter().zip(&config.site.topics) {
        if group.articles.is_empty() {
            problems.push(Diagnostic::warning(
                crate::config::CONFIG_FILE,
                format!("topic `{}` has no articles: its page and feeds are empty", topic.slug),
            ));
        }
    }
    let missing_images = article_checks(config, site, files, problems);
    ambiguous_slugs(site, problems);
    feed_sizes(files, problems);
    news_window(site, problems);
    missing_images
}

/// Articles without a topic, and front-matter images that are not in the output. Returns
/// the URL paths of the missing images.
fn article_checks(
    config: &Config,
    site: &Site,
    files: &BTreeMap<String, Vec<u8>>,
    problems: &mut Diagnostics,
) -> BTreeSet<String> {
    let mut missing_images = BTreeSet::new();
    let topics = config.site.topics.iter().map(|t| t.slug.as_str()).collect::<Vec<_>>().join(", ");
    for a in &site.content.articles {
        if a.meta.topic.is_none() {
            problems.push(
                Diagnostic::warning(&a.doc.file, "article has no `topic:`: it is on no topic page or topic feed")
                    .with_help(format!("add `topic:` with one of: {topics}")),
            );
        }
        for img in &a.meta.images {
            let caption = img.caption.as_deref().map(str::trim).filter(|c| !c.is_empty());
            let problem = match img.alt.trim() {
                "" => Some("has no alt text"),
                alt if Some(alt) == caption => Some("has its caption as alt text (import's fallback)"),
                _ => None,
            };
            if let Some(problem) = problem {
                problems.push(
                    Diagnostic::warning(&a.doc.file, format!("image `{}` {problem}", img.src))
                        .with_help("write `alt:` describing what the picture shows, for readers who cannot see it"),
                );
            }
            if let Some([x, y]) = img.focus.filter(|[x, y]| crate::pictures::Focus::new(*x, *y).is_none()) {
                problems.push(
                    Diagnostic::warning(&a.doc.file, format!("image `{}` has `focus: [{x}, {y}]` outside the picture", img.src))
                        .with_help("write `focus: [x, y]` with both between 0 and 1 (the centre is [0.5, 0.5]); crops use the centre until then"),
                );
            }
            let Some(rel) = site_relative(config, &img.src, &a.doc.path) else { continue };
            if !exists(files, &rel) {
                missing_images.insert(config.url.root_path(&rel));
                problems.push(
                    Diagnostic::error(&a.doc.file, format!("missing image `{}`", img.src))
                        .with_help(format!("put the file at `static/{rel}`")),
                );
            }
        }
    }
    missing_images
}

/// Articles sharing a file name, which `[[name]]` links cannot tell apart.
fn ambiguous_slugs(site: &Site, problems: &mut Diagnostics) {
    let mut by_slug: HashMap<&str, Vec<&Path>> = HashMap::new();
    for a in &site.content.articles {
        by_slug.entry(&a.doc.slug).or_default().push(&a.doc.file);
    }
    let mut dups: Vec<(&str, Vec<&Path>)> = by_slug.into_iter().filter(|(_, v)| v.len() > 1).collect();
    dups.sort();
    for (slug, paths) in dups {
        let listed = paths.iter().map(|p| format!("`{}`", p.display())).collect::<Vec<_>>().join(", ");
        problems.push(
            Diagnostic::warning(
                paths[0],
                format!(
                    "slug `{slug}` is used by {} articles ({listed}): `[[{slug}]]` links are ambiguous",
                    paths.len()
                ),
            )
            .with_help("rename one of the files"),
        );
    }
}

/// Feeds over [`FEED_SIZE_LIMIT`].
fn feed_sizes(files: &BTreeMap<String, Vec<u8>>, problems: &mut Diagnostics) {
    for (rel, bytes) in files.iter().filter(|(rel, bytes)| feed_links::is_feed(rel) && bytes.len() > FEED_SIZE_LIMIT) {
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
