//! Stage 3, rendering: turns the organized site into pages through the theme's templates.
//!
//! Pages render in parallel and go straight to a [`PageSink`] (the output stage), so the
//! rendered site is never held in memory as a whole. Feeds, sitemaps, `robots.txt`, the
//! search index and the assets are written after the pages, from the same organized site
//! (`project.rs` runs them in order).

pub mod assets;
pub mod cards;
pub mod context;
mod embedded;
pub mod feed_links;
pub mod feeds;
mod filters;
pub mod fingerprint;
mod json;
pub mod languages;
pub mod meta;
pub mod moves;
pub mod page;
pub mod pages;
pub mod pictures;
pub mod search;
pub mod sitemap;
mod squeeze;
pub mod theme;
pub(crate) mod xml;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::Context as _;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{ContentErrors, Diagnostics};
use crate::i18n::Strings;
use crate::organize::Site;
use crate::pictures::cache::Cache;
use context::{CardCache, Ctx, Link, SiteCtx, TopicLink};
pub use languages::Alternates;
pub use pages::Job;
pub use theme::Theme;

/// Where rendered files go.
pub trait PageSink: Sync {
    /// Writes one file at a site-relative path.
    fn write_file(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()>;

    /// Copies a file as it is (the site's `static/` files): by default its bytes.
    fn copy_file(&self, rel: &str, from: &std::path::Path) -> anyhow::Result<()> {
        let bytes = std::fs::read(from).with_context(|| format!("failed to read `{}`", from.display()))?;
        self.write_file(rel, &bytes)
    }

    /// Whether picture variants are made (in the cache) before [`PageSink::write_picture`]
    /// is called: `build` wants them all; `check` only records paths and `serve` makes each
    /// one when it is first asked for.
    fn makes_pictures(&self) -> bool {
        true
    }

    /// Writes a picture variant at `rel`: by default the bytes of its file in the cache.
    fn write_picture(&self, rel: &str, job: &pictures::Job, cache: &Arc<Cache>) -> anyhow::Result<()> {
        let path = job.ensure(cache)?;
        let bytes = std::fs::read(&path).with_context(|| format!("failed to read `{}`", path.display()))?;
        self.write_file(rel, &bytes)
    }
}

/// The map between a multilingual site's languages, each given as the site in that language
/// ([`Config::in_language`]) organized, with its theme strings.
pub fn alternates(sites: &[(&Config, &Site, &Strings)]) -> Alternates {
    let with_pages = (sites.iter())
        .map(|&(config, site, lang)| {
            let ctx = Ctx::new(config, site, lang);
            let paths = pages::jobs(&ctx, false).into_iter().map(|job| pages::path(&ctx, job)).collect();
            (config, site, paths)
        })
        .collect();
    Alternates::new(with_pages)
}

/// A sink that puts every file under a folder (a language's `fr/`) of another sink.
pub struct Prefixed<'a> {
    inner: &'a dyn PageSink,
    prefix: &'a str,
}

impl<'a> Prefixed<'a> {
    /// `prefix` is `""` or ends with `/`.
    pub fn new(inner: &'a dyn PageSink, prefix: &'a str) -> Prefixed<'a> {
        Prefixed { inner, prefix }
    }

    fn path(&self, rel: &str) -> String {
        format!("{}{rel}", self.prefix)
    }
}

impl PageSink for Prefixed<'_> {
    fn write_file(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        self.inner.write_file(&self.path(rel), bytes)
    }

    fn copy_file(&self, rel: &str, from: &std::path::Path) -> anyhow::Result<()> {
        self.inner.copy_file(&self.path(rel), from)
    }

    fn makes_pictures(&self) -> bool {
        self.inner.makes_pictures()
    }

    fn write_picture(&self, rel: &str, job: &pictures::Job, cache: &Arc<Cache>) -> anyhow::Result<()> {
        self.inner.write_picture(&self.path(rel), job, cache)
    }
}

/// Writes the search index, if the site has search; returns the number of files written.
pub fn render_search_index(config: &Config, site: &Site, lang: &Strings, sink: &dyn PageSink) -> anyhow::Result<usize> {
    if !config.site.search {
        return Ok(0);
    }
    search::write(&Ctx::new(config, site, lang), &|rel, bytes| sink.write_file(rel, bytes))
}

/// Renders every page of `site` into `sink` (no feeds, sitemaps or search index); returns
/// the number of pages written.
/// `languages` is the map of a multilingual site's languages and which one `site` is.
pub fn render_pages(
    config: &Config,
    site: &Site,
    theme: &mut Theme,
    pictures: &pictures::Pictures,
    languages: Option<(&Alternates, usize)>,
    sink: &dyn PageSink,
) -> anyhow::Result<usize> {
    let email = newsletter(config, theme)?;
    prepare(config, site, theme);
    let jobs = pages::jobs(&Ctx { languages, ..Ctx::new(config, site, &theme.strings) }, email);
    render_jobs(config, site, theme, pictures, languages, jobs, sink)
}

/// Writes the feeds (after [`prepare`]); returns their paths.
pub fn render_feeds(config: &Config, site: &Site, theme: &Theme, sink: &dyn PageSink) -> anyhow::Result<Vec<String>> {
    let ctx = Ctx::new(config, site, &theme.strings);
    let emails = email_bodies(&ctx, theme)?;
    feeds::write(&ctx, &emails, &|rel, bytes| sink.write_file(rel, bytes))
}

/// With `newsletter: true`, the e-mail edition of each daily edition the editions feed lists
/// (the body of its `email.html` page), so that the feed's entries are the newsletter itself.
fn email_bodies(ctx: &Ctx, theme: &Theme) -> anyhow::Result<Vec<String>> {
    if !newsletter(ctx.config, theme)? {
        return Ok(Vec::new());
    }
    let count = ctx.site.editions.len().min(ctx.config.site.feed_limit.max(1));
    let mut bodies = Vec::with_capacity(count);
    for e in 0..count {
        let out = pages::build(ctx, Job::Email(e));
        let html = theme.tera.render(out.template, &out.context).map_err(|err| {
            ContentErrors(Diagnostics(vec![theme::template_diagnostic(&err, &theme.sources, &theme.searched)]))
        })?;
        let mut html = html.into_bytes();
        squeeze::squeeze(&mut html);
        // Squeezing only removes ASCII whitespace, so the text stays UTF-8.
        bodies.push(body_of(&String::from_utf8_lossy(&html)).to_owned());
    }
    Ok(bodies)
}

/// The inside of a rendered page's `<body>` (a feed entry's content is a fragment, not a
/// document), or the whole text when it has none.
fn body_of(html: &str) -> &str {
    let start = html.find("<body").and_then(|i| html[i..].find('>').map(|j| i + j + 1));
    let end = html.rfind("</body>");
    match (start, end) {
        (Some(s), Some(e)) if s <= e => html[s..e].trim(),
        _ => html,
    }
}

/// Writes the site's map of addresses: the sitemaps, `robots.txt` and the redirect page of
/// every article's alias ([`moves`]); returns their paths.
pub fn render_sitemaps(
    config: &Config,
    site: &Site,
    lang: &Strings,
    languages: Option<(&Alternates, usize)>,
    sink: &dyn PageSink,
) -> anyhow::Result<Vec<String>> {
    let ctx = Ctx { languages, ..Ctx::new(config, site, lang) };
    let mut files = sitemap::files(&ctx);
    files.extend(moves::redirect_files(&ctx)?);
    write_all(files, sink)
}

/// The address of every page of the site (and alias), for `.gazette/urls.txt`.
pub fn page_urls(config: &Config, site: &Site, lang: &Strings) -> Vec<moves::PageUrl> {
    moves::url_list(&Ctx::new(config, site, lang))
}

fn write_all(files: Vec<(String, Vec<u8>)>, sink: &dyn PageSink) -> anyhow::Result<Vec<String>> {
    let mut paths = Vec::with_capacity(files.len());
    for (rel, bytes) in files {
        sink.write_file(&rel, &bytes)?;
        paths.push(rel);
    }
    Ok(paths)
}

/// Whether to render e-mail editions: `newsletter: true`, which needs a theme with `email.html`.
pub fn newsletter(config: &Config, theme: &Theme) -> anyhow::Result<bool> {
    let email = config.site.newsletter;
    if email && !theme.sources.contains_key(pages::EMAIL_TEMPLATE) {
        anyhow::bail!(
            "`newsletter: true` in site.yaml needs a theme with `{}`; searched {} (use `theme: newsletter`)",
            pages::EMAIL_TEMPLATE,
            theme.searched.join(", ")
        );
    }
    Ok(email)
}

/// Sets the site-wide template values; call again after the site or configuration changed.
pub fn prepare(config: &Config, site: &Site, theme: &mut Theme) {
    let strings = theme.strings.clone();
    set_global_context(&Ctx::new(config, site, &strings), theme);
}

/// Renders the given pages (after [`prepare`]) into `sink` (pages only: no feeds, sitemaps
/// or search index).
pub fn render_jobs(
    config: &Config,
    site: &Site,
    theme: &Theme,
    pictures: &pictures::Pictures,
    languages: Option<(&Alternates, usize)>,
    jobs: Vec<Job>,
    sink: &dyn PageSink,
) -> anyhow::Result<usize> {
    let cards = CardCache::new(site.content.articles.len());
    let ctx =
        Ctx { pictures: Some(pictures), languages, cards: Some(&cards), ..Ctx::new(config, site, &theme.strings) };
    let written = AtomicUsize::new(0);
    let problems = Mutex::new(Diagnostics::default());
    let io_error: Mutex<Option<anyhow::Error>> = Mutex::new(None);
    jobs.into_par_iter().for_each_init(Vec::new, |buf, job| {
        let out = pages::build(&ctx, job);
        buf.clear();
        if let Err(e) = theme.tera.render_to(out.template, &out.context, &mut *buf) {
            let d = theme::template_diagnostic(&e, &theme.sources, &theme.searched);
            problems.lock().unwrap_or_else(|p| p.into_inner()).push(d);
            return;
        }
        squeeze::squeeze(buf);
        match sink.write_file(&out.file, buf) {
            Ok(()) => {
                written.fetch_add(1, Ordering::Relaxed);
            }
            Err(e) => {
                io_error.lock().unwrap_or_else(|p| p.into_inner()).get_or_insert(e);
            }
        }
    });
    if let Some(e) = io_error.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(e);
    }
    let problems = problems.into_inner().unwrap_or_else(|p| p.into_inner()).sorted();
    if problems.has_errors() {
        return Err(ContentErrors(problems).into());
    }
    Ok(written.into_inner())
}

fn set_global_context(ctx: &Ctx, theme: &mut Theme) {
    let config = ctx.config;
    let site = SiteCtx {
        title: &config.site.title,
        description: &config.site.description,
        language: &config.site.language,
        dir: crate::i18n::dir(&config.site.language),
        publisher: config.publisher(),
        base: config.url.home_path(),
        assets: config.url.base_path(),
        url: config.url.absolute(""),
        topics: config
            .site
            .topics
            .iter()
            .map(|t| TopicLink { slug: &t.slug, name: &t.name, url: config.url.path(&format!("topics/{}/", t.slug)) })
            .collect(),
        pages: ctx
            .site
            .content
            .pages
            .iter()
            .map(|p| Link { title: p.meta.title.clone(), url: config.url.path(&p.doc.path) })
            .collect(),
        extra: &config.site.extra,
        search: config.site.search,
    };
    theme.tera.global_context().insert("site", &site);
}
