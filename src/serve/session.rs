//! The state `serve` keeps between rebuilds, and how a change is turned into a rebuild.
//!
//! - An edit to an article's body (front matter unchanged) renders that article again and
//!   re-renders only the pages that show it and the feeds, from the cached organized site
//!   (the search index and story clustering catch up on the next full rebuild).
//! - A template or theme asset change reloads the theme and re-renders every page without
//!   reading any Markdown again.
//! - Anything else (site.yaml, front matter, files added or removed, notes, pages) rebuilds
//!   fully, in memory.
//!
//! A failed rebuild keeps the last good site and reports the error.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::store::MemorySite;
use crate::build::{write_assets, BuildOptions};
use crate::config::Config;
use crate::content::{self, LoadOptions};
use crate::diagnostics::ContentErrors;
use crate::organize::{self, Site};
use crate::render::{self, Theme};

/// The built site and what it was built from.
struct Live {
    config: Config,
    theme: Theme,
    site: Site,
}

pub struct Session {
    options: BuildOptions,
    live: Option<Live>,
}

/// What a rebuild did.
pub enum Outcome {
    Rebuilt {
        pages: usize,
        took: Duration,
        kind: &'static str,
    },
    /// The change did not affect the site (e.g. an editor's swap file).
    Nothing,
}

impl Session {
    pub fn new(options: BuildOptions) -> Session {
        Session { options, live: None }
    }

    /// Builds everything into a fresh store and swaps it in; on error the old one stays.
    pub fn full_build(&mut self, store: &MemorySite) -> anyhow::Result<Outcome> {
        let start = Instant::now();
        let config = Config::load(&self.options.site, self.options.base_url.as_deref())?;
        let now = self.options.now.unwrap_or_else(|| chrono::Utc::now().fixed_offset());
        let loaded = content::load(&config, &LoadOptions { drafts: self.options.drafts, now })?;
        let site = organize::organize(&config, loaded);
        let mut theme = render::theme::load(&config)?;
        let fresh = MemorySite::default();
        let pages = render::render(&config, &site, &mut theme, &fresh)?;
        write_assets(&config, &theme, &fresh)?;
        store.replace_with(fresh);
        self.live = Some(Live { config, theme, site });
        Ok(Outcome::Rebuilt { pages, took: start.elapsed(), kind: "full" })
    }

    /// Rebuilds after the files in `changed` changed.
    pub fn rebuild(&mut self, changed: &[PathBuf], store: &MemorySite) -> anyhow::Result<Outcome> {
        let root = self.options.site.clone();
        let relevant: Vec<&PathBuf> = changed.iter().filter(|p| is_relevant(&root, p)).collect();
        if relevant.is_empty() {
            return Ok(Outcome::Nothing);
        }
        let Some(live) = self.live.as_mut() else { return self.full_build(store) };
        let start = Instant::now();
        let in_dir = |p: &Path, dir: &str| p.strip_prefix(&root).is_ok_and(|r| r.starts_with(dir));
        if let [only] = relevant.as_slice() {
            if in_dir(only, "content/articles") && only.is_file() {
                if let Some(i) = content::reload_article_body(&live.config, &mut live.site.content, only)? {
                    let jobs = render::pages_showing_article(&live.config, &live.site, i);
                    let pages = render::render_jobs(&live.config, &live.site, &live.theme, jobs, store)?;
                    // Feeds may carry the body; the search index is refreshed on the next full rebuild.
                    render::render_feeds(&live.config, &live.site, store)?;
                    return Ok(Outcome::Rebuilt { pages, took: start.elapsed(), kind: "article" });
                }
            }
        }
        if relevant.iter().all(|p| in_dir(p, "themes")) {
            let mut theme = render::theme::load(&live.config)?;
            render::prepare(&live.config, &live.site, &mut theme);
            let fresh = MemorySite::default();
            let pages = render::render(&live.config, &live.site, &mut theme, &fresh)?;
            write_assets(&live.config, &theme, &fresh)?;
            store.replace_with(fresh);
            live.theme = theme;
            return Ok(Outcome::Rebuilt { pages, took: start.elapsed(), kind: "theme" });
        }
        self.full_build(store)
    }
}

/// Changes that matter: site.yaml, and files under content/, themes/ and static/ that are
/// not hidden or editor back-ups.
fn is_relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else { return false };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp") {
        return false;
    }
    rel == Path::new(crate::config::CONFIG_FILE) || ["content", "themes", "static"].iter().any(|d| rel.starts_with(d))
}

/// The error text shown in the terminal and the browser overlay (no colours).
pub fn error_text(e: &anyhow::Error) -> String {
    if let Some(ContentErrors(ds)) = e.downcast_ref::<ContentErrors>() {
        return ds.0.iter().map(|d| d.render(false)).collect();
    }
    e.chain().map(|c| c.to_string()).collect::<Vec<_>>().join("\n  caused by: ")
}
