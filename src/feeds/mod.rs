//! `gazette feeds add|import|export|list`: the subscriptions of `site.yaml`, edited in place
//! ([`edit`], comments and order kept), read from and written to OPML ([`opml`]), and listed with
//! what `gazette fetch` remembers of each ([`crate::fetch::State`]).

pub mod edit;
pub mod opml;

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::Context as _;

use crate::config::{Config, Subscription, CONFIG_FILE};
use crate::fetch::State;
use crate::import::UsageError;

/// `gazette feeds add`: one subscription appended to `site.yaml`.
pub fn add(site: &Path, sub: Subscription) -> anyhow::Result<()> {
    let config = load(site)?;
    check_new(&config, &sub)?;
    write_added(site, &[sub])
}

/// Refuses what `site.yaml` would refuse, as a usage error: not a web URL, a feed already
/// there, a topic the site does not have.
fn check_new(config: &Config, sub: &Subscription) -> anyhow::Result<()> {
    crate::net::parse_web_url(&sub.url).map_err(|e| UsageError(e.to_string()))?;
    if config.site.feeds.subscriptions.iter().any(|s| s.url == sub.url) {
        return Err(UsageError(format!("`{}` is already a feed of site.yaml", sub.url)).into());
    }
    if let Some(topic) = sub.topic.as_deref().filter(|t| config.topic(t).is_none()) {
        let slugs: Vec<&str> = config.site.topics.iter().map(|t| t.slug.as_str()).collect();
        let hint = crate::diagnostics::did_you_mean(topic, slugs.iter().copied())
            .map(|s| format!("did you mean `{s}`?"))
            .unwrap_or_else(|| format!("the site's topics are: {}", slugs.join(", ")));
        return Err(UsageError(format!("unknown --topic `{topic}`; {hint}")).into());
    }
    Ok(())
}

/// What `gazette feeds import` did.
#[derive(Debug, Default)]
pub struct OpmlImport {
    pub added: Vec<Subscription>,
    /// Feeds of the file already in `site.yaml`.
    pub present: Vec<String>,
    /// Folder and category names that are no topic of the site.
    pub unmatched: BTreeSet<String>,
}

/// `gazette feeds import FILE`: every feed of an OPML file not yet subscribed to, with the topic
/// its folder or category names (a topic's slug or name, in any case), appended in one edit.
pub fn import_opml(site: &Path, file: &Path) -> anyhow::Result<OpmlImport> {
    let config = load(site)?;
    let text = std::fs::read_to_string(file).with_context(|| format!("failed to read `{}`", file.display()))?;
    let feeds = opml::parse(&text, &file.display().to_string()).map_err(|e| UsageError(format!("{e:#}")))?;
    let mut result = OpmlImport::default();
    for feed in feeds {
        let known = config.site.feeds.subscriptions.iter().chain(&result.added).any(|s| s.url == feed.url);
        if known {
            result.present.push(feed.url);
            continue;
        }
        if let Err(e) = crate::net::parse_web_url(&feed.url) {
            return Err(UsageError(format!("`{}`: {e}", file.display())).into());
        }
        let mut sub = Subscription::new(&feed.url);
        sub.topic = feed.categories.iter().find_map(|c| topic_named(&config, c));
        if sub.topic.is_none() {
            result.unmatched.extend(feed.categories);
        }
        result.added.push(sub);
    }
    if !result.added.is_empty() {
        write_added(site, &result.added)?;
    }
    Ok(result)
}

/// The topic whose slug or name a folder or category gives.
fn topic_named(config: &Config, name: &str) -> Option<String> {
    let slug = crate::slug::slugify(name);
    config
        .site
        .topics
        .iter()
        .find(|t| t.slug == slug || t.name.eq_ignore_ascii_case(name.trim()))
        .map(|t| t.slug.clone())
}

/// `gazette feeds export`: the subscriptions as OPML 2.0, one folder per topic (named by the
/// topic's name, which `feeds import` reads back), each feed named by its `source`, else its
/// title as last fetched, else its URL.
pub fn export(site: &Path) -> anyhow::Result<String> {
    let config = load(site)?;
    let state = State::load(site)?;
    let name = |s: &Subscription| {
        s.source
            .clone()
            .or_else(|| state.feeds.get(&s.url).and_then(|f| f.title.clone()))
            .unwrap_or_else(|| s.url.clone())
    };
    let subs = &config.site.feeds.subscriptions;
    let in_topic = |slug: Option<&str>| -> Vec<(String, String)> {
        subs.iter().filter(|s| s.topic.as_deref() == slug).map(|s| (name(s), s.url.clone())).collect()
    };
    let mut folders = vec![opml::Folder { name: None, feeds: in_topic(None) }];
    for topic in &config.site.topics {
        let feeds = in_topic(Some(&topic.slug));
        if !feeds.is_empty() {
            folders.push(opml::Folder { name: Some(topic.name.clone()), feeds });
        }
    }
    Ok(opml::write(&format!("{} feeds", config.site.title), &folders)?)
}

/// `gazette feeds list`: each feed with what the last fetches say of it.
pub fn list(site: &Path) -> anyhow::Result<String> {
    let config = load(site)?;
    let state = State::load(site)?;
    let mut out = String::new();
    for s in &config.site.feeds.subscriptions {
        let known = state.feeds.get(&s.url);
        let status = known.map(|f| f.last_status.as_str()).filter(|s| !s.is_empty()).unwrap_or("never");
        let fetched = known.and_then(|f| f.last_fetched.as_deref()).unwrap_or("-");
        let imported = known.map_or(0, |f| f.imported);
        let about = known.and_then(|f| f.last_error.clone().or_else(|| f.title.clone())).or_else(|| s.source.clone());
        let about = about.map(|a| format!(" ({a})")).unwrap_or_default();
        out.push_str(&format!("{status:<7} {fetched:<20} {imported:>5} imported  {}{about}\n", s.url));
    }
    if out.is_empty() {
        out.push_str("no feeds in site.yaml: add one with `gazette feeds add URL`\n");
    }
    Ok(out)
}

fn load(site: &Path) -> anyhow::Result<Config> {
    Config::load(site, None).with_context(|| format!("in site `{}`", site.display()))
}

/// Edits `site.yaml` (see [`edit`]) and replaces it through a temporary file and a rename.
fn write_added(site: &Path, new: &[Subscription]) -> anyhow::Result<()> {
    let path = site.join(CONFIG_FILE);
    let text = std::fs::read_to_string(&path).with_context(|| format!("failed to read `{}`", path.display()))?;
    let edited = edit::add_subscriptions(site, &text, new)?;
    crate::atomic::replace(&path, &edited, ".site-yaml-")
}
