//! `gazette build`: the project rendered into the output folder, which replaces `output/`
//! only when everything succeeded.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

use crate::diagnostics::Diagnostics;
use crate::output::{self, OutputSize, Removal, Writer};
use crate::project::{Project, ProjectOptions, Timing};
use crate::render::PageSink;

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

    /// The project these options build.
    pub fn project(&self) -> ProjectOptions {
        ProjectOptions {
            base_url: self.base_url.clone(),
            drafts: self.drafts,
            now: self.now,
            no_search: self.no_search,
            ..ProjectOptions::new(&self.site)
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
    pub timings: Vec<Timing>,
    pub total: Duration,
    pub out: PathBuf,
    /// The output folder as built: bytes in its files (pictures included) and their number.
    pub output: OutputSize,
    /// The previous output, still being deleted in the background; joined by
    /// [`BuildReport::finish`] or when the report is dropped.
    pub removal: Removal,
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

    /// The line after the summary: `output: 363.8 MB in 17 636 files`.
    pub fn output_line(&self) -> String {
        format!("output: {}", self.output.describe())
    }

    /// Waits until the previous output is deleted; call it after reporting, so that the
    /// deletion runs while the report is printed.
    pub fn finish(self) -> anyhow::Result<()> {
        self.removal.finish()
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

    fn copy_file(&self, rel: &str, from: &std::path::Path) -> anyhow::Result<()> {
        self.bar.inc(1);
        self.inner.copy_file(rel, from)
    }

    fn makes_pictures(&self) -> bool {
        self.inner.makes_pictures()
    }

    fn write_picture(
        &self,
        rel: &str,
        job: &crate::render::pictures::Job,
        cache: &std::sync::Arc<crate::pictures::cache::Cache>,
    ) -> anyhow::Result<()> {
        self.bar.inc(1);
        self.inner.write_picture(rel, job, cache)
    }
}

/// The progress bar on stderr, or a hidden one.
fn progress_bar(shown: bool) -> indicatif::ProgressBar {
    let bar = match shown {
        true => indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr()),
        false => indicatif::ProgressBar::hidden(),
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} rendering {pos} files ({per_sec})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar
}

/// Builds the site. Content errors come back as [`crate::diagnostics::ContentErrors`].
pub fn build(options: &BuildOptions) -> anyhow::Result<BuildReport> {
    let start = Instant::now();
    let out = options.out.clone().unwrap_or_else(|| options.site.join("output"));
    output::check_out_dir(&options.site, &out, options.force)?;
    let project = Project::load(&options.project())?;
    let mut warnings = project.warnings();
    let digest = project.organize();
    warnings.extend(digest.languages().flat_map(|d| d.site.warnings.0.iter().cloned()));
    let writer = Writer::create(&out)?;
    let bar = progress_bar(options.progress);
    let mut rendered = digest.render_into(&Counting { inner: &writer, bar: &bar })?;
    bar.finish_and_clear();
    let t = Instant::now();
    let (size, removal) = writer.commit()?;
    if out == options.site.join("output") && !options.drafts {
        write_urls(&digest)?;
    }
    // Only a build that succeeded decides which cached variants are no longer used.
    let swept = digest.pictures.cache().sweep()?;
    if swept > 0 {
        tracing::info!("removed {swept} picture variants no longer used from the cache");
    }
    if let Some(write) = rendered.timings.last_mut() {
        write.1 += t.elapsed(); // the write stage ends when the output folder is in place
    }
    let sum = |count: fn(&crate::organize::Site) -> usize| digest.languages().map(|d| count(&d.site)).sum();
    Ok(BuildReport {
        articles: sum(|s| s.content.articles.len()),
        notes: sum(|s| s.content.notes.len()),
        editions: sum(|s| s.editions.len()),
        topics: sum(|s| s.topics.len()),
        pages_written: rendered.pages,
        warnings,
        timings: digest.timings.iter().chain(&rendered.timings).copied().collect(),
        total: start.elapsed(),
        out,
        output: size,
        removal,
    })
}

/// Keeps the address of every page in `.gazette/urls.txt`, for `gazette check` to compare
/// with the next build. Only a build of the site's own `output/` without drafts writes it: a
/// preview elsewhere, or with drafts, is not what readers have.
fn write_urls(digest: &crate::project::Digest) -> anyhow::Result<()> {
    let list = digest.page_urls()?;
    let path = digest.config.root.join(crate::render::moves::URLS_FILE);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("failed to create `{}`: {e}", dir.display()))?;
    }
    crate::atomic::replace(&path, &crate::render::moves::urls_text(&list), ".gazette-urls-")
}
