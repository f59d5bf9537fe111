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
}

impl BuildOptions {
    pub fn new(site: impl Into<PathBuf>) -> Self {
        BuildOptions { site: site.into(), out: None, base_url: None, drafts: false, force: false, now: None }
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

/// Builds the site. Content errors come back as [`crate::diagnostics::ContentErrors`].
pub fn build(options: &BuildOptions) -> anyhow::Result<BuildReport> {
    let start = Instant::now();
    let mut timings = Vec::new();
    let config = Config::load(&options.site, options.base_url.as_deref())?;
    let out = options.out.clone().unwrap_or_else(|| options.site.join("output"));
    output::check_out_dir(&options.site, &out, options.force)?;

    let t = Instant::now();
    let now = options.now.unwrap_or_else(|| chrono::Utc::now().fixed_offset());
    let content = content::load(&config, &LoadOptions { drafts: options.drafts, now })?;
    timings.push(("load", t.elapsed(), content.articles.len() + content.notes.len() + content.pages.len()));
    let warnings = content.warnings.clone();

    let t = Instant::now();
    let site = organize::organize(&config, content);
    timings.push(("organize", t.elapsed(), site.content.articles.len()));

    let t = Instant::now();
    let mut theme = render::theme::load(&config)?;
    let writer = Writer::create(&out)?;
    let pages_written = render::render(&config, &site, &mut theme, &writer)?;
    timings.push(("render", t.elapsed(), pages_written));

    let t = Instant::now();
    writer.copy_assets(&theme.assets)?;
    let copied = writer.copy_dir(&options.site.join("static"))?;
    writer.write_file("syntax.css", highlight::stylesheet().as_bytes())?;
    writer.write_file(".nojekyll", b"")?;
    if let Some(cname) = &config.site.cname {
        writer.write_file("CNAME", format!("{}\n", cname.trim()).as_bytes())?;
    }
    writer.commit()?;
    timings.push(("write", t.elapsed(), theme.assets.len() + copied + 2));

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
