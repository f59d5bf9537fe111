//! The built site `serve` keeps between rebuilds — configuration, theme, organized site,
//! what organizing memoised, the content hash of every document and the fingerprint of every
//! page — and the two ways to bring it up to date: from scratch, or after some content files
//! changed, rendering only the pages whose fingerprint changed.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use foldhash::fast::FixedState;
use rayon::prelude::*;

use super::store::{Batch, MemorySite};
use crate::config::Config;
use crate::content;
use crate::organize::{self, Memo, Site};
use crate::project::{Digest, Project, ProjectOptions};
use crate::render::context::Ctx;
use crate::render::fingerprint::{self, DocHashes, Hashes, Prints};
use crate::render::{self, Job, PageSink, Theme};

pub struct Live {
    /// The configuration and the organized site.
    pub digest: Digest,
    pub theme: Theme,
    memo: Option<Memo>,
    /// Document key → content hashes (see [`fingerprint::Hashes`]), and the same by index.
    hashes: HashMap<String, Hashes, FixedState>,
    docs: DocHashes,
    /// The fingerprint of every page, and its output file.
    prints: Prints,
    files: Vec<String>,
    /// Fingerprints of the feeds and of the sitemaps, and their files.
    extras: Extras,
    /// Whether the store holds a search index for this site.
    pub search_built: bool,
}

impl Live {
    /// Loads, organizes and renders everything into `store` (replacing what it held).
    pub fn build(options: &ProjectOptions, store: &MemorySite) -> anyhow::Result<(Live, usize)> {
        let (digest, memo) = Project::load(options)?.organize_keeping();
        let theme = render::theme::load(&digest.config)?;
        let mut live = Live {
            digest,
            theme,
            memo: Some(memo),
            hashes: HashMap::default(),
            docs: DocHashes::default(),
            prints: Prints::default(),
            files: Vec::new(),
            extras: Default::default(),
            search_built: false,
        };
        live.hash_documents(None);
        live.index_hashes(None);
        let pages = live.render_all(store)?;
        Ok((live, pages))
    }

    /// Renders every page again (after a theme change, or a first build) into a fresh store.
    pub fn render_all(&mut self, store: &MemorySite) -> anyhow::Result<usize> {
        let fresh = MemorySite::default();
        let (prints, extras) = self.fingerprint()?;
        // The same pages in the same order as `prints.jobs`: both come from `pages::jobs`.
        let rendered = self.digest.render_with(&mut self.theme, &fresh)?;
        self.extras = [(extras.0, rendered.feeds), (extras.1, rendered.sitemaps)];
        store.replace_with(fresh);
        self.files = self.files_of(&prints.jobs);
        self.prints = prints;
        Ok(rendered.pages)
    }

    /// Reads the changed content files again and renders the pages that changed.
    ///
    /// `Ok(None)`: the change needs a full build. On a content error nothing has changed;
    /// on a later error the caller must build from scratch (the site and the store differ).
    pub fn update_content(
        &mut self,
        options: &ProjectOptions,
        paths: &[PathBuf],
        store: &MemorySite,
    ) -> anyhow::Result<Option<usize>> {
        let t = std::time::Instant::now();
        let cpu_start = organize::cpu_ms();
        let Digest { config, site, .. } = &mut self.digest;
        let Some(reloaded) = content::reload(config, &mut site.content, &options.load_options(), paths)? else {
            return Ok(None);
        };
        let read = t.elapsed();
        if reloaded.reordered {
            self.memo = None; // articles came or went: organize everything again
        }
        let others = reloaded.keys.iter().any(|k| !k.starts_with("articles/"));
        let notes = reloaded.keys.iter().any(|k| k.starts_with("notes/"));
        organize::update(&self.digest.config, &mut self.digest.site, &mut self.memo, &reloaded.replaced, notes);
        let organized = t.elapsed();
        self.hash_documents(Some(&reloaded.keys));
        let replaced: Vec<usize> = reloaded.replaced.iter().map(|r| r.0).collect();
        self.index_hashes((!reloaded.reordered && !reloaded.moved && !others).then_some(&replaced));
        let (prints, extras) = self.fingerprint()?;
        let (dirty, mut removed) = self.compare(&prints);
        tracing::trace!("serve: pages to render: {dirty:?}");
        let compared = t.elapsed();
        let batch = Batch::default();
        // Pages, and feeds and sitemaps, side by side: the feeds are written one after another,
        // so alone they would leave a core idle.
        let Digest { config, site, .. } = &self.digest;
        // The first language is kept up to date; a multilingual site's others as first built.
        let languages = self.digest.alternates.as_deref().map(|a| (a, 0));
        let (pages, new_extras) = rayon::join(
            || {
                let pages =
                    render::render_jobs(config, site, &self.theme, &self.digest.pictures, languages, dirty, &batch)?;
                render::pictures::write_variants(&self.digest.pictures, &batch)?;
                Ok::<_, anyhow::Error>(pages)
            },
            || render_extras(config, site, &self.theme, languages, &self.extras, extras, &batch),
        );
        let (pages, (new_extras, gone)) = (pages?, new_extras?);
        self.extras = new_extras;
        removed.extend(gone);
        let rendered = t.elapsed();
        store.apply(batch, &removed);
        self.prints = prints;
        tracing::debug!(
            "serve: read {} files in {read:?}, organized at {organized:?}, fingerprints at {compared:?}, \
             {pages} pages, feeds and sitemaps rendered at {rendered:?}, stored at {:?} ({:.0} ms CPU){}",
            reloaded.keys.len(),
            t.elapsed(),
            cpu_start.zip(organize::cpu_ms()).map_or(0.0, |(a, b)| b - a),
            match (reloaded.reordered, reloaded.moved) {
                (true, _) => " (articles added or removed: organized from scratch)",
                (_, true) => " (articles moved)",
                _ => "",
            }
        );
        Ok(Some(pages))
    }

    /// Hashes the documents with the given keys (all when `None`) and forgets documents
    /// that are gone.
    fn hash_documents(&mut self, keys: Option<&[String]>) {
        let content = &self.digest.site.content;
        let wanted: Option<HashSet<&str>> = keys.map(|k| k.iter().map(String::as_str).collect());
        let take = |key: &str| wanted.as_ref().is_none_or(|w| w.contains(key));
        let articles = content.articles.par_iter().filter(|a| take(&a.doc.key));
        let fresh: Vec<(String, Hashes)> =
            articles.map(|a| (a.doc.key.clone(), fingerprint::article_hashes(a))).collect();
        let notes = content.notes.iter().filter(|n| take(&n.doc.key)).map(|n| (n, fingerprint::note_hashes(n)));
        let pages = content.pages.iter().filter(|p| take(&p.doc.key)).map(|p| (p, fingerprint::page_hashes(p)));
        let others: Vec<(String, Hashes)> =
            notes.map(|(n, h)| (n.doc.key.clone(), h)).chain(pages.map(|(p, h)| (p.doc.key.clone(), h))).collect();
        if let Some(keys) = keys {
            for key in keys {
                self.hashes.remove(key);
            }
        }
        self.hashes.extend(fresh.into_iter().chain(others));
    }

    /// Brings the hashes by index up to date: for the articles `only`, or all documents.
    fn index_hashes(&mut self, only: Option<&[usize]>) {
        let content = &self.digest.site.content;
        let of = |key: &String| self.hashes.get(key).copied().unwrap_or_default();
        match only {
            Some(list) => list.iter().for_each(|&i| self.docs.articles[i] = of(&content.articles[i].doc.key)),
            None => {
                self.docs = DocHashes {
                    articles: content.articles.iter().map(|a| of(&a.doc.key)).collect(),
                    notes: content.notes.iter().map(|n| of(&n.doc.key)).collect(),
                    pages: content.pages.iter().map(|p| of(&p.doc.key)).collect(),
                }
            }
        }
    }

    /// The fingerprint of every page, and those of the feeds and the sitemaps; sets the
    /// theme's global context.
    fn fingerprint(&mut self) -> anyhow::Result<(Prints, (u64, u64))> {
        let email = render::newsletter(&self.digest.config, &self.theme)?;
        render::prepare(&self.digest.config, &self.digest.site, &mut self.theme);
        let prints = fingerprint::fingerprints(&self.ctx(), &self.docs, email);
        let extras = fingerprint::extras(&self.ctx(), &self.docs, &prints);
        Ok((prints, extras))
    }

    /// The pages of `new` to render (changed or new) and the files to remove. Keeps the
    /// files of `new` as the current ones.
    fn compare(&mut self, new: &Prints) -> (Vec<Job>, Vec<String>) {
        let old = &self.prints;
        if new.layout == old.layout {
            // Same files in the same order: compare place by place.
            let changed = new.jobs.iter().zip(&new.prints).zip(&old.prints).filter(|((_, a), b)| a != b);
            return (changed.map(|((job, _), _)| *job).collect(), Vec::new());
        }
        let files = self.files_of(&new.jobs);
        // File → (its print, whether it is still there); foldhash: 15 000 names at 10 000 articles.
        let mut before: HashMap<&str, (u64, bool), FixedState> =
            self.files.iter().map(String::as_str).zip(old.prints.iter().map(|&p| (p, false))).collect();
        let mut dirty = Vec::new();
        for ((file, &job), &print) in files.iter().zip(&new.jobs).zip(&new.prints) {
            match before.get_mut(file.as_str()) {
                Some((was, kept)) => {
                    *kept = true;
                    if *was != print {
                        dirty.push(job);
                    }
                }
                None => dirty.push(job),
            }
        }
        let removed = self.files.iter().filter(|f| !before.get(f.as_str()).is_some_and(|b| b.1)).cloned().collect();
        self.files = files;
        (dirty, removed)
    }

    fn files_of(&self, jobs: &[Job]) -> Vec<String> {
        let ctx = self.ctx();
        jobs.par_iter().map(|&job| render::pages::file_of(&ctx, job)).collect()
    }

    fn ctx(&self) -> Ctx<'_> {
        Ctx::new(&self.digest.config, &self.digest.site, &self.theme.strings)
    }
}

/// The feeds' and the sitemaps' (fingerprint, files), as [`Live`] keeps them.
type Extras = [(u64, Vec<String>); 2];

/// Writes the feeds and the sitemaps whose fingerprint changed from `current` into `sink`;
/// returns what to keep as current, and the files of theirs that are gone.
fn render_extras(
    config: &Config,
    site: &Site,
    theme: &render::Theme,
    languages: Option<(&render::Alternates, usize)>,
    current: &Extras,
    prints: (u64, u64),
    sink: &dyn PageSink,
) -> anyhow::Result<(Extras, Vec<String>)> {
    let mut next = current.clone();
    let mut gone = Vec::new();
    for (n, print) in [prints.0, prints.1].into_iter().enumerate() {
        if current[n].0 == print {
            continue;
        }
        let files = if n == 0 {
            render::render_feeds(config, site, theme, sink)?
        } else {
            render::render_sitemaps(config, site, &theme.strings, languages, sink)?
        };
        let now: HashSet<&String> = files.iter().collect();
        gone.extend(current[n].1.iter().filter(|f| !now.contains(f)).cloned());
        next[n] = (print, files);
    }
    Ok((next, gone))
}
