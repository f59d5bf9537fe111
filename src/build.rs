//! `gazette build`: runs the stages in order — config, load, organize, render, write.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

use crate::config::Config;
use crate::content::{self, highlight, LoadOptions};
use crate::diagnostics::Diagnostics;
use crate::organize;
use crate::output::{self, Writer};
use crate::render::{self, PageSink};

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub site: PathBuf,
    /// Defaults to `<site>/output`.
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Replace a non-empty output folder that Gazette did not make.
    pub force: bool,
    /// "Now" for leaving out future-dated articles (defaults to the clock).
    pub now: Option<DateTime<FixedOffset>>,
    /// Show a progress bar on stderr (only drawn when stderr is a terminal).
    pub progress: bool,
    /// Leave out the search index and `/search/` whatever site.yaml says.
    pub no_search: bool,
}

impl BuildOptions {
    pub fn new(site: impl Into<PathBuf>) -> Self {
        BuildOptions {
            site: site.into(),
            out: None,
            base_url: None,
            drafts: false,
            force: false,
            now: None,
            progress: false,
            no_search: false,
        }
    }
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    pub articles: usize,
    pub notes: usize,
    pub editions: usize,
    pub topics: usize,
    pub pages_written: usize,
    pub warnings: Diagnostics,
    /// (stage, time, count) in pipeline order.
    pub timings: Vec<(&'static str, Duration, usize)>,
    pub total: Duration,
    pub out: PathBuf,
}

impl BuildReport {
    /// The one summary line printed after a build.
    pub fn summary_line(&self) -> String {
        format!(
            "built {} articles, {} notes, {} editions, {} topics: {} pages written to {} in {:.2}s",
            self.articles,
            self.notes,
            self.editions,
            self.topics,
            self.pages_written,
            self.out.display(),
            self.total.as_secs_f64()
        )
    }
}

/// A sink that ticks a progress bar for every file written.
struct Counting<'a> {
    inner: &'a dyn PageSink,
    bar: &'a indicatif::ProgressBar,
}

impl PageSink for Counting<'_> {
    fn write_file(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        self.bar.inc(1);
        self.inner.write_file(rel, bytes)
    }
}

/// Writes what is not a page: theme assets, the site's `static/` folder, the highlighting
/// stylesheet and `.nojekyll`. Returns the number of files.
pub fn write_assets(config: &Config, theme: &render::Theme, sink: &dyn PageSink) -> anyhow::Result<usize> {
    use anyhow::Context as _;
    let mut count = 0;
    for (rel, asset) in &theme.assets {
        match asset {
            render::theme::Asset::File(path) => {
                let bytes = std::fs::read(path).with_context(|| format!("failed to read `{}`", path.display()))?;
                sink.write_file(rel, &bytes)?;
            }
            render::theme::Asset::Embedded(bytes) => sink.write_file(rel, bytes)?,
        }
        count += 1;
    }
    let dir = config.root.join("static");
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.with_context(|| format!("failed to read `{}`", dir.display()))?;
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
                let bytes = std::fs::read(entry.path())
                    .with_context(|| format!("failed to read `{}`", entry.path().display()))?;
                sink.write_file(&rel, &bytes)?;
                count += 1;
            }
        }
    }
    sink.write_file("syntax.css", highlight::stylesheet().as_bytes())?;
    sink.write_file(".nojekyll", b"")?;
    Ok(count + 2)
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

/// Loads and organizes the site without rendering it (for `gazette list` and checks).
pub fn organize_site(options: &BuildOptions) -> anyhow::Result<(Config, organize::Site)> {
    let config = Config::load(&options.site, options.base_url.as_deref())?;
    let now = options.now.unwrap_or_else(|| chrono::Utc::now().fixed_offset());
    let content = content::load(&config, &LoadOptions { drafts: options.drafts, now })?;
    let site = organize::organize(&config, content);
    Ok((config, site))
}

/// Builds the site. Content errors come back as [`crate::diagnostics::ContentErrors`].
pub fn build(options: &BuildOptions) -> anyhow::Result<BuildReport> {
    let start = Instant::now();
    let mut timings = Vec::new();
    let mut config = Config::load(&options.site, options.base_url.as_deref())?;
    config.site.search &= !options.no_search;
    let out = options.out.clone().unwrap_or_else(|| options.site.join("output"));
    output::check_out_dir(&options.site, &out, options.force)?;

    let t = Instant::now();
    let now = options.now.unwrap_or_else(|| chrono::Utc::now().fixed_offset());
    let content = content::load(&config, &LoadOptions { drafts: options.drafts, now })?;
    timings.push(("load", t.elapsed(), content.articles.len() + content.notes.len() + content.pages.len()));
    log_peak_memory("load");
    let mut warnings = content.warnings.clone();

    let t = Instant::now();
    let site = organize::organize(&config, content);
    warnings.extend(site.warnings.0.iter().cloned());
    timings.push(("organize", t.elapsed(), site.content.articles.len()));
    log_peak_memory("organize");

    let t = Instant::now();
    let mut theme = render::theme::load(&config)?;
    let writer = Writer::create(&out)?;
    let bar = if options.progress {
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr())
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} rendering {pos} files ({per_sec})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    let sink = Counting { inner: &writer, bar: &bar };
    let pages_written = render::render_site(&config, &site, &mut theme, &sink)?;
    timings.push(("render", t.elapsed(), pages_written));
    log_peak_memory("render");

    let t = Instant::now();
    let index_files = render::render_search_index(&config, &site, &sink)?;
    bar.finish_and_clear();
    if config.site.search {
        timings.push(("search index", t.elapsed(), index_files));
        log_peak_memory("search index");
    }

    let t = Instant::now();
    let copied = write_assets(&config, &theme, &writer)?;
    if let Some(cname) = &config.site.cname {
        writer.write_file("CNAME", format!("{}\n", cname.trim()).as_bytes())?;
    }
    writer.commit()?;
    timings.push(("write", t.elapsed(), copied));

    Ok(BuildReport {
        articles: site.content.articles.len(),
        notes: site.content.notes.len(),
        editions: site.editions.len(),
        topics: site.topics.len(),
        pages_written,
        warnings,
        timings,
        total: start.elapsed(),
        out,
    })
}
