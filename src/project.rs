//! One site through the pipeline, the way every command runs it, as mdBook's
//! `MDBook::load(root)?.build()`:
//!
//! ```no_run
//! # fn main() -> anyhow::Result<()> {
//! # let sink = gazette::check::MemorySink::default();
//! use gazette::project::{Project, ProjectOptions};
//! let mut digest = Project::load(&ProjectOptions::new("my-site"))?.organize();
//! digest.render_into(&sink)?;
//! # Ok(())
//! # }
//! ```
//!
//! `build` renders into the output folder, `check` into a recording sink that it then
//! inspects, `serve` into memory and keeps the organized site to update it, and `list`
//! stops after organizing. Each stage records its time and size for `--timings`.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

use crate::config::Config;
use crate::content::{self, Content, LoadOptions};
use crate::organize::{self, Memo, Site};
use crate::render::pictures::Pictures;
use crate::render::{self, Alternates, PageSink, Prefixed, Theme};

/// Which site to load and how.
#[derive(Debug, Clone)]
pub struct ProjectOptions {
    /// The folder holding `site.yaml`.
    pub site: PathBuf,
    /// Replaces `base_url` of site.yaml (e.g. the GitHub Pages address).
    pub base_url: Option<String>,
    /// Replaces only the origin of `base_url`, keeping its path (`serve` on 127.0.0.1).
    pub origin: Option<String>,
    /// Include drafts and future-dated documents.
    pub drafts: bool,
    /// "Now", for leaving out future-dated documents (defaults to the clock).
    pub now: Option<DateTime<FixedOffset>>,
    /// Leave out the search index and `/search/` whatever site.yaml says.
    pub no_search: bool,
    /// Write the search index when the site has search (`check` and `serve` leave it out:
    /// it holds no links, and takes long on a large site).
    pub search_index: bool,
}

impl ProjectOptions {
    pub fn new(site: impl Into<PathBuf>) -> Self {
        ProjectOptions {
            site: site.into(),
            base_url: None,
            origin: None,
            drafts: false,
            now: None,
            no_search: false,
            search_index: true,
        }
    }

    /// The site's configuration, with the options' overrides applied.
    pub fn config(&self) -> anyhow::Result<Config> {
        let mut config = Config::load(&self.site, self.base_url.as_deref())?;
        config.site.search &= !self.no_search;
        if let Some(origin) = &self.origin {
            config.url =
                config.url.with_origin(origin).map_err(|bad| anyhow::anyhow!("`{}` is not an origin", bad.0))?;
        }
        Ok(config)
    }

    /// What to load, with "now" read from the clock unless the options fix it.
    pub fn load_options(&self) -> LoadOptions {
        LoadOptions { drafts: self.drafts, now: self.now.unwrap_or_else(|| chrono::Utc::now().fixed_offset()) }
    }
}

/// One stage's (name, time, number of things it made), in pipeline order.
pub type Timing = (&'static str, Duration, usize);

/// A site loaded: its configuration and content.
pub struct Project {
    config: Config,
    content: Content,
    load: LoadOptions,
    search_index: bool,
    timings: Vec<Timing>,
    /// A multilingual site's other languages, each the site in that language
    /// ([`Config::in_language`]); this project is the first.
    others: Vec<(Config, Content)>,
}

impl Project {
    /// Reads `site.yaml` and every content file. Problems in the editor's files come back as
    /// [`crate::diagnostics::ContentErrors`].
    pub fn load(options: &ProjectOptions) -> anyhow::Result<Project> {
        let site = options.config()?;
        let load = options.load_options();
        let t = Instant::now();
        let config = site.in_language(0);
        let content = content::load(&config, &load)?;
        let mut others = Vec::new();
        for i in 1..site.site.languages.len() {
            let config = site.in_language(i);
            let content = content::load(&config, &load)?;
            others.push((config, content));
        }
        let all = std::iter::once(&content).chain(others.iter().map(|o| &o.1));
        let count = all.map(|c| c.articles.len() + c.notes.len() + c.pages.len()).sum();
        log_peak_memory("load");
        let timings = vec![("load", t.elapsed(), count)];
        Ok(Project { config, content, load, search_index: options.search_index, timings, others })
    }

    /// The warnings of loading, every language's.
    pub fn warnings(&self) -> crate::diagnostics::Diagnostics {
        let all = std::iter::once(&self.content).chain(self.others.iter().map(|o| &o.1));
        crate::diagnostics::Diagnostics(all.flat_map(|c| c.warnings.0.iter().cloned()).collect())
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn content(&self) -> &Content {
        &self.content
    }

    /// What the content was loaded with (its "now").
    pub fn load_options(&self) -> &LoadOptions {
        &self.load
    }

    /// Organizes the content into the digest.
    pub fn organize(self) -> Digest {
        self.organize_keeping().0
    }

    /// Organizes the content and keeps what `serve` needs to organize it again after an edit
    /// (of the first language: the others are organized once).
    pub fn organize_keeping(self) -> (Digest, Memo) {
        let t = Instant::now();
        let (site, memo) = organize::organize_keeping(&self.config, self.content);
        let others = (self.others.into_iter())
            .map(|(config, content)| {
                let site = organize::organize(&config, content);
                Digest::new(config, site, self.search_index, Vec::new(), t)
            })
            .collect();
        let mut digest = Digest::new(self.config, site, self.search_index, self.timings, t);
        digest.others = others;
        for other in &mut digest.others {
            other.pictures = Arc::clone(&digest.pictures);
        }
        digest.alternates = digest.alternates_of_languages();
        (digest, memo)
    }
}

/// A site organized, ready to render.
pub struct Digest {
    pub config: Config,
    pub site: Site,
    /// The variants of local pictures the pages show, and their cache (one for all languages).
    pub pictures: Arc<Pictures>,
    search_index: bool,
    /// The time of loading and organizing.
    pub timings: Vec<Timing>,
    /// A multilingual site's other languages, each organized on its own.
    pub others: Vec<Digest>,
    /// Where each page leads in the other languages (multilingual sites).
    pub alternates: Option<Arc<Alternates>>,
}

/// What [`Digest::render_into`] wrote.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The time of rendering, the search index and the assets.
    pub timings: Vec<Timing>,
    /// HTML pages.
    pub pages: usize,
    /// Feed files and sitemap files (with `robots.txt`), by path.
    pub feeds: Vec<String>,
    pub sitemaps: Vec<String>,
    /// Files of the search index.
    pub index_files: usize,
    /// Theme assets, static files and the like.
    pub assets: usize,
    /// Picture variants.
    pub pictures: usize,
}

impl Digest {
    fn new(config: Config, site: Site, search_index: bool, mut timings: Vec<Timing>, since: Instant) -> Digest {
        timings.push(("organize", since.elapsed(), site.content.articles.len()));
        log_peak_memory("organize");
        let pictures = Arc::new(Pictures::new(&config));
        Digest { config, site, pictures, search_index, timings, others: Vec::new(), alternates: None }
    }

    /// The map between a multilingual site's languages (`None` for one language, or when a
    /// language's theme strings do not load: rendering reports that).
    fn alternates_of_languages(&self) -> Option<Arc<Alternates>> {
        if !self.config.is_multilingual() {
            return None;
        }
        let strings: Vec<_> =
            self.languages().map(|d| render::theme::strings(&d.config).ok()).collect::<Option<_>>()?;
        let sites: Vec<_> = self.languages().zip(&strings).map(|(d, s)| (&d.config, &d.site, &**s)).collect();
        Some(Arc::new(render::alternates(&sites)))
    }

    /// The address of every page (and alias) of every language, for `.gazette/urls.txt`:
    /// a second language's under its folder (`/fr/…`).
    pub fn page_urls(&self) -> anyhow::Result<Vec<render::moves::PageUrl>> {
        let mut list = Vec::new();
        for digest in self.languages() {
            let strings = render::theme::strings(&digest.config)?;
            let prefix = digest.config.url.language_prefix();
            let urls = render::page_urls(&digest.config, &digest.site, &strings);
            list.extend(
                urls.into_iter().map(|p| render::moves::PageUrl { url: format!("/{prefix}{}", &p.url[1..]), ..p }),
            );
        }
        list.sort();
        Ok(list)
    }

    /// This digest and its other languages, the first language first.
    pub fn languages(&self) -> impl Iterator<Item = &Digest> {
        std::iter::once(self).chain(&self.others)
    }

    /// Renders everything — pages, feeds, sitemaps, the search index, assets — into `sink`
    /// through the site's theme.
    pub fn render_into(&self, sink: &dyn PageSink) -> anyhow::Result<Rendered> {
        let t = Instant::now();
        let mut theme = render::theme::load(&self.config)?;
        self.render_stages(&mut theme, sink, t)
    }

    /// [`Digest::render_into`] with a theme already loaded (`serve` keeps one).
    pub fn render_with(&self, theme: &mut Theme, sink: &dyn PageSink) -> anyhow::Result<Rendered> {
        self.render_stages(theme, sink, Instant::now())
    }

    /// The render stages in order; `since` is when rendering began. The other languages'
    /// pages, feeds, sitemaps and search indexes go under their folders; the assets and
    /// pictures, shared, once at the root.
    fn render_stages(&self, theme: &mut Theme, sink: &dyn PageSink, since: Instant) -> anyhow::Result<Rendered> {
        let mut out = Rendered::default();
        self.render_language(self, theme, 0, sink, &mut out)?;
        for (i, other) in self.others.iter().enumerate() {
            let mut theme = render::theme::load(&other.config)?;
            let prefixed = Prefixed::new(sink, other.config.url.language_prefix());
            other.render_language(self, &mut theme, i + 1, &prefixed, &mut out)?;
        }
        out.timings.push(("render", since.elapsed(), out.pages));
        log_peak_memory("render");
        let t = Instant::now();
        out.pictures = render::pictures::write_variants(&self.pictures, sink)?;
        out.timings.push(("pictures", t.elapsed(), out.pictures));
        if self.search_index && self.config.site.search {
            let t = Instant::now();
            for digest in self.languages() {
                let strings = render::theme::strings(&digest.config)?;
                let prefixed = Prefixed::new(sink, digest.config.url.language_prefix());
                out.index_files += render::render_search_index(&digest.config, &digest.site, &strings, &prefixed)?;
            }
            out.timings.push(("search index", t.elapsed(), out.index_files));
            log_peak_memory("search index");
        }
        let t = Instant::now();
        out.assets = render::assets::write_assets(&self.config, theme, sink)?;
        out.timings.push(("write", t.elapsed(), out.assets));
        Ok(out)
    }

    /// The pages, feeds and sitemaps of `self`, the `i`-th language of the site whose first
    /// language is `first`, into `sink` (which puts them under the language's folder).
    fn render_language(
        &self,
        first: &Digest,
        theme: &mut Theme,
        i: usize,
        sink: &dyn PageSink,
        out: &mut Rendered,
    ) -> anyhow::Result<()> {
        let languages = first.alternates.as_deref().map(|a| (a, i));
        let prefix = self.config.url.language_prefix();
        let (config, site) = (&self.config, &self.site);
        out.pages += render::render_pages(config, site, theme, &self.pictures, languages, sink)?;
        let feeds = render::render_feeds(config, site, theme, sink)?;
        out.feeds.extend(feeds.into_iter().map(|f| format!("{prefix}{f}")));
        let sitemaps = render::render_sitemaps(config, site, &theme.strings, languages, sink)?;
        out.sitemaps.extend(sitemaps.into_iter().map(|f| format!("{prefix}{f}")));
        Ok(())
    }

    /// Writes the search index (when the site has search); returns the number of files.
    pub fn render_search_index(&self, sink: &dyn PageSink) -> anyhow::Result<usize> {
        let strings = render::theme::strings(&self.config)?;
        render::render_search_index(&self.config, &self.site, &strings, sink)
    }
}

/// Logs (at debug level) the process's resident memory now and at its peak so far (Linux),
/// so `-vv` shows which stage raised the peak.
fn log_peak_memory(stage: &str) {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else { return };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches(" kB").parse::<u64>().ok())
    };
    if let (Some(now), Some(peak)) = (field("VmRSS:"), field("VmHWM:")) {
        tracing::debug!("memory after {stage}: {} MiB resident, peak {} MiB", now >> 10, peak >> 10);
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::Mutex;

    use super::*;

    #[derive(Default)]
    struct Recording(Mutex<BTreeMap<String, usize>>);

    impl PageSink for Recording {
        fn write_file(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
            self.0.lock().unwrap().insert(rel.to_owned(), bytes.len());
            Ok(())
        }
    }

    fn fixture() -> ProjectOptions {
        let mut options = ProjectOptions::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/basic"));
        options.now = Some(DateTime::parse_from_rfc3339("2026-06-01T00:00:00Z").unwrap());
        options
    }

    #[test]
    fn options_override_the_address_and_search() {
        let mut options = fixture();
        assert_eq!(options.config().unwrap().url.absolute(""), "https://example.org/repo/");
        options.origin = Some("http://127.0.0.1:1111".into());
        assert_eq!(options.config().unwrap().url.absolute("a/"), "http://127.0.0.1:1111/repo/a/");
        options.base_url = Some("https://other.example/x/".into());
        assert_eq!(options.config().unwrap().url.absolute(""), "http://127.0.0.1:1111/x/", "only the origin");
        options.no_search = true;
        assert!(!options.config().unwrap().site.search);
        options.origin = Some("nowhere".into());
        assert!(options.config().is_err());
    }

    #[test]
    fn a_project_loads_organizes_and_renders_everything_into_a_sink() {
        let project = Project::load(&fixture()).unwrap();
        assert!(!project.content().articles.is_empty());
        let digest = project.organize();
        let stages: Vec<&str> = digest.timings.iter().map(|t| t.0).collect();
        assert_eq!(stages, ["load", "organize"]);
        let sink = Recording::default();
        let rendered = digest.render_into(&sink).unwrap();
        let files = sink.0.into_inner().unwrap();
        let html = files.keys().filter(|f| f.ends_with(".html") && !rendered.sitemaps.contains(f)).count();
        assert_eq!(rendered.pages, html, "every page, and nothing else but redirect pages, is HTML");
        assert!(rendered.sitemaps.iter().any(|f| f == "articles/2026/02/28/night-buses/index.html"), "an alias");
        assert!(rendered.feeds.iter().chain(&rendered.sitemaps).all(|f| files.contains_key(f)));
        assert!(["feed.xml", "sitemap.xml", "robots.txt", "style.css", "syntax.css", ".nojekyll"]
            .iter()
            .all(|f| files.contains_key(*f)));
        assert!(rendered.index_files > 0 && files.keys().any(|f| f.starts_with("search-index/")));
        let stages: Vec<&str> = rendered.timings.iter().map(|t| t.0).collect();
        assert_eq!(stages, ["render", "pictures", "search index", "write"]);
    }

    #[test]
    fn without_the_search_index_the_search_page_stays() {
        let options = ProjectOptions { search_index: false, ..fixture() };
        let sink = Recording::default();
        let rendered = Project::load(&options).unwrap().organize().render_into(&sink).unwrap();
        let files = sink.0.into_inner().unwrap();
        assert_eq!(rendered.index_files, 0);
        assert!(files.contains_key("search/index.html"));
        assert!(!files.keys().any(|f| f.starts_with("search-index/")));
    }
}
