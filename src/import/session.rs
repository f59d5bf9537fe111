//! An import session: the site read once (settings, topic model, the duplicate index of its
//! articles), then any number of batches finished and written against it. `gazette import`
//! runs one batch; `gazette fetch` runs one per feed, so each feed's articles are on disk before
//! the next feed's are decided, and a later batch sees the articles of the earlier ones.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use rayon::prelude::*;

use super::existing::{self, ExistingIndex};
use super::finish::{assign_topics, finish};
use super::{
    entities, links, pictures, text, topics, write, ArticleFile, Draft, ImportOptions, ImportReport, SiteInfo,
    UsageError,
};
use crate::config::{Config, Keep, CONFIG_FILE};
use crate::content::dates::FmDate;
use crate::content::front_matter::ArticleMeta;

/// Each input's name and its articles (or why it failed), in input order.
pub(super) type Results = Vec<(String, anyhow::Result<Vec<ArticleFile>>)>;

pub struct Session {
    pub(super) options: ImportOptions,
    pub(super) fixed_date: Option<FmDate>,
    /// `--source-url`: the page URL of every input not fetched from the web.
    pub(super) page_url: Option<url::Url>,
    pub(super) site: SiteInfo,
    out_dir: PathBuf,
    /// Whether the articles go into the site's `content/` (only then are pictures kept in its
    /// `static/`: articles written elsewhere would point at pictures of a site they are not in).
    into_content: bool,
    index: ExistingIndex,
    /// How scraped text is read: the line model and the lines repeated across the site's
    /// articles of each outlet (taken by the batch that reads the inputs).
    pub(super) text_batch: text::BatchStats,
}

impl Session {
    /// Reads the site: `site.yaml` (if there is one), and the articles already in the output
    /// folder, once, for both the topic model and the duplicate index.
    pub fn open(options: &ImportOptions) -> anyhow::Result<Session> {
        let fixed_date = match &options.date {
            Some(d) => Some(FmDate::parse(d).ok_or_else(|| {
                UsageError(format!("invalid --date `{d}`: write it as `2026-11-18` or `2026-11-18T07:45:00+00:00`"))
            })?),
            None => None,
        };
        let page_url = match &options.source_url {
            Some(u) => Some(links::parse_page_url(u).map_err(|e| UsageError(format!("invalid --source-url: {e}")))?),
            None => None,
        };
        let config = if options.site.join(CONFIG_FILE).is_file() {
            Some(Config::load(&options.site, None).with_context(|| format!("in site `{}`", options.site.display()))?)
        } else {
            None
        };
        check_topic(options.topic.as_deref(), config.as_ref())?;
        let out_dir = options.out.clone().unwrap_or_else(|| options.site.join("content").join("articles"));
        let articles_dir = options.site.join("content").join("articles");
        let site_topics = match (&config, &options.topic) {
            (Some(c), None) if !c.site.topics.is_empty() => Some(&c.site.topics),
            _ => None,
        };
        let into_site = out_dir == articles_dir && !options.stdout;
        let site_articles =
            if site_topics.is_some() || into_site { existing::read_articles(&articles_dir) } else { Vec::new() };
        let model = site_topics.map(|t| topics::TopicModel::train(t, &site_articles));
        let text_batch = text_batch(options, &site_articles)?;
        let names = entities::KnownNames::new(config.as_ref().map(|c| &c.site.aliases));
        let index = if options.stdout {
            ExistingIndex::default()
        } else if into_site {
            ExistingIndex::of(&site_articles)
        } else {
            ExistingIndex::scan(&out_dir)
        };
        let into_content = !options.stdout && is_inside(&out_dir, &options.site.join("content"));
        let site = SiteInfo { config, model, names };
        Ok(Session { options: options.clone(), fixed_date, page_url, site, out_dir, into_content, index, text_batch })
    }

    pub fn config(&self) -> Option<&Config> {
        self.site.config.as_ref()
    }

    /// Finishes and writes drafts made elsewhere (`gazette fetch` makes them from feed entries
    /// and their pages): one named input each, in order, as `gazette import` would.
    pub fn import_drafts(&mut self, batch: Vec<(String, anyhow::Result<Vec<Draft>>)>) -> ImportReport {
        let results: Results = batch
            .into_par_iter()
            .map(|(input, drafts)| {
                let files = drafts.and_then(|ds| {
                    ds.into_iter().map(|d| finish(d, &input, &self.options, self.fixed_date, &self.site)).collect()
                });
                (input, files)
            })
            .collect();
        self.write(results)
    }

    /// Infers the batch's missing topics, then decides duplicates and names in input order and
    /// writes the files.
    pub(super) fn write(&mut self, mut results: Results) -> ImportReport {
        if let Some(model) = &self.site.model {
            let mut pending: Vec<&mut ArticleFile> = results
                .iter_mut()
                .filter_map(|(_, r)| r.as_mut().ok())
                .flat_map(|files| files.iter_mut())
                .filter(|f| f.meta.topic.is_none() && !f.topic_features.is_empty())
                .collect();
            assign_topics(&mut pending, model);
        }
        self.keep_pictures(&mut results);
        let rendered: Vec<(String, anyhow::Result<Vec<write::Rendered>>)> = results
            .into_par_iter()
            .map(|(input, r)| (input, r.map(|files| files.into_iter().map(write::render).collect())))
            .collect();
        let mut plan = write::Plan::new();
        for (input, result) in rendered {
            match result {
                Err(e) => plan.fail(input, format!("{e:#}")),
                Ok(files) => {
                    for file in files {
                        plan.place(file, &input, &self.options, &self.out_dir, &mut self.index);
                    }
                }
            }
        }
        plan.run(self.options.force)
    }
}

impl Session {
    /// Downloads the batch's pictures into the site (see [`super::pictures`]) unless
    /// site.yaml says `images: {keep: remote}`, there is no site, nothing is written, or the
    /// articles are written outside the site's `content/` (`--out` elsewhere).
    fn keep_pictures(&self, results: &mut Results) {
        let Some(config) = self.config() else { return };
        if config.site.images.keep == Keep::Remote || self.options.dry_run || !self.into_content {
            return;
        }
        let mut articles: Vec<(&mut ArticleMeta, &mut String)> = results
            .iter_mut()
            .filter_map(|(_, r)| r.as_mut().ok())
            .flat_map(|files| files.iter_mut())
            .map(|f| (&mut f.meta, &mut f.body))
            .collect();
        if articles.is_empty() {
            return;
        }
        let limits = pictures::Limits { max_per_article: config.site.images.max_per_article, ..Default::default() };
        let fetch = pictures::NetFetch::new(Some(config.site.base_url.as_str()));
        pictures::Keeper::new(&fetch, &self.options.site, limits).keep(&mut articles);
    }
}

/// Whether `path` is `dir` or inside it, comparing real paths (`path` need not exist yet:
/// its nearest existing ancestor is resolved and the rest appended).
fn is_inside(path: &Path, dir: &Path) -> bool {
    let real = |p: &Path| -> Option<PathBuf> {
        let mut rest = Vec::new();
        let mut cur = std::path::absolute(p).ok()?;
        loop {
            if let Ok(c) = cur.canonicalize() {
                return Some(rest.iter().rev().fold(c, |acc, part| acc.join(part)));
            }
            rest.push(cur.file_name()?.to_owned());
            cur = cur.parent()?.to_path_buf();
        }
    };
    matches!((real(path), real(dir)), (Some(p), Some(d)) if p.starts_with(&d))
}

/// Refuses a `--topic` the site does not have (when it lists topics at all).
/// How the batch's scraped text is read: the line model (`--line-model` or the built-in one)
/// and the lines repeated across the site's articles of each outlet.
fn text_batch(options: &ImportOptions, articles: &[existing::ExistingArticle]) -> anyhow::Result<text::BatchStats> {
    let model = match &options.line_model {
        Some(path) => text::LineModel::from_file(path).map_err(|e| UsageError(format!("--line-model: {e:#}")))?,
        None => text::LineModel::embedded(),
    };
    let site = text::SiteLines::new(articles.iter().filter_map(|a| Some((a.meta.source.as_deref()?, a.body.as_str()))));
    Ok(text::BatchStats::default().with_model(model).with_site(site))
}

fn check_topic(topic: Option<&str>, config: Option<&Config>) -> anyhow::Result<()> {
    let Some(t) = topic else { return Ok(()) };
    let known: Vec<&str> = config.iter().flat_map(|c| c.site.topics.iter().map(|t| t.slug.as_str())).collect();
    if known.is_empty() || known.contains(&t) {
        return Ok(());
    }
    let hint = crate::diagnostics::did_you_mean(t, known.iter().copied())
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default();
    Err(UsageError(format!("unknown --topic `{t}`: the site's topics are {}{hint}", known.join(", "))).into())
}
