//! How `serve` turns changed files into a rebuild.
//!
//! - Content files (articles, notes, pages; edited, added or removed): only those files are
//!   read again, the site is organized again from the cached content (incrementally, see
//!   [`crate::organize::Memo`]), and only the pages whose fingerprint changed are rendered
//!   ([`super::live`]). Folders that appear or vanish are read the same way; a symbolic
//!   link, or one of `content/`'s three folders appearing, loads everything again.
//! - A template or theme asset: the theme is reloaded and every page rendered again, without
//!   reading any Markdown.
//! - `static/`: its files are copied again.
//! - `site.yaml`: everything is built again.
//!
//! The search index is built only when a page asks for it ([`Session::search_index`]);
//! every rebuild drops it, as it would be stale.
//!
//! A failed rebuild keeps the last good site and reports the error. The files changed since
//! the last good build are remembered and read again with the next change, so a fix in one
//! file picks up a pending edit of another.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::live::Live;
use super::store::{Batch, MemorySite};
use crate::diagnostics::ContentErrors;
use crate::project::ProjectOptions;
use crate::render::assets::write_assets;

pub struct Session {
    options: ProjectOptions,
    live: Option<Live>,
    /// Relevant files changed since the last good build.
    pending: BTreeSet<PathBuf>,
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
    /// A session over the project of `options`; the search index is left to
    /// [`Session::search_index`].
    pub fn new(mut options: ProjectOptions) -> Session {
        options.search_index = false;
        Session { options, live: None, pending: BTreeSet::new() }
    }

    /// Builds the search index into `store` unless it is there already; returns how long
    /// it took.
    pub fn search_index(&mut self, store: &MemorySite) -> anyhow::Result<Option<Duration>> {
        let Some(live) = self.live.as_mut().filter(|l| l.digest.config.site.search && !l.search_built) else {
            return Ok(None);
        };
        let start = Instant::now();
        let batch = Batch::default();
        live.digest.render_search_index(&batch)?;
        store.apply(batch, &[]);
        live.search_built = true;
        Ok(Some(start.elapsed()))
    }

    /// Builds everything into `store`; on error the store keeps what it had.
    pub fn full_build(&mut self, store: &MemorySite) -> anyhow::Result<Outcome> {
        let start = Instant::now();
        self.live = None;
        let (live, pages) = Live::build(&self.options, store)?;
        self.live = Some(live);
        self.pending.clear();
        Ok(Outcome::Rebuilt { pages, took: start.elapsed(), kind: "full" })
    }

    /// Rebuilds after the files in `changed` changed.
    pub fn rebuild(&mut self, changed: &[PathBuf], store: &MemorySite) -> anyhow::Result<Outcome> {
        let root = self.options.site.clone();
        let relevant: Vec<&PathBuf> = changed.iter().filter(|p| is_relevant(&root, p)).collect();
        if relevant.is_empty() {
            return Ok(Outcome::Nothing);
        }
        self.pending.extend(relevant.into_iter().cloned());
        let in_dir = |p: &Path, dir: &str| p.strip_prefix(&root).is_ok_and(|r| r.starts_with(dir));
        let pending: Vec<PathBuf> = self.pending.iter().cloned().collect();
        let Some(live) = self.live.as_mut() else { return self.full_build(store) };
        if pending.iter().any(|p| !["content", "themes", "static"].iter().any(|d| in_dir(p, d))) {
            return self.full_build(store); // site.yaml
        }
        let start = Instant::now();
        let content: Vec<PathBuf> = pending.iter().filter(|p| in_dir(p, "content")).cloned().collect();
        let mut kind = "static";
        let mut pages = 0;
        if !content.is_empty() {
            kind = "content";
            match live.update_content(&self.options, &content, store) {
                Ok(Some(n)) => pages = n,
                Ok(None) => return self.full_build(store),
                Err(e) if e.is::<ContentErrors>() => return Err(e), // nothing changed yet
                Err(e) => {
                    self.live = None; // the site was changed but not rendered: start afresh
                    return Err(e);
                }
            }
        }
        let live = self.live.as_mut().expect("kept above");
        if pending.iter().any(|p| in_dir(p, "themes")) {
            kind = "theme";
            live.theme = crate::render::theme::load(&live.digest.config)?;
            pages = live.render_all(store)?;
        } else if pending.iter().any(|p| in_dir(p, "static")) {
            let batch = Batch::default();
            write_assets(&live.digest.config, &live.theme, &batch)?;
            let gone = pending.iter().filter(|p| in_dir(p, "static") && !p.exists());
            let removed: Vec<String> = gone
                .filter_map(|p| p.strip_prefix(root.join("static")).ok())
                .map(|r| r.to_string_lossy().replace('\\', "/"))
                .collect();
            store.apply(batch, &removed);
        }
        self.pending.clear();
        if live.search_built {
            store.remove_under(crate::render::search::BUNDLE_DIR);
            live.search_built = false;
        }
        Ok(Outcome::Rebuilt { pages, took: start.elapsed(), kind })
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
