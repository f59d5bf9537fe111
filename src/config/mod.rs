//! Stage 0, configuration: reads and checks `site.yaml`.
//!
//! Only `title` and `base_url` are required; every other key has a default. Unknown keys
//! are errors with a "did you mean" hint rather than being silently ignored; free-form
//! values belong under `extra:`.

mod feeds;
mod images;
mod languages;
mod site_url;
mod sources;
mod yaml_errors;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::diagnostics::{did_you_mean, ContentErrors, Diagnostic, Diagnostics};
pub use feeds::{FeedsConfig, FetchConfig, FullText, Subscription};
pub use images::{ImagesConfig, Keep};
pub use languages::Language;
pub use site_url::{has_scheme, Located, SiteUrl, Target};
pub use sources::{Paywall, SourceInfo};
pub use yaml_errors::yaml_diagnostic;

/// The name of the configuration file at the site root.
pub const CONFIG_FILE: &str = "site.yaml";

/// `site.yaml`, as written by the editor.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    pub base_url: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_language")]
    pub language: String,
    /// A site in several languages: the first is the default (served at the root), each other
    /// under its code's folder (`/fr/`); see `languages.rs`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<Language>,
    #[serde(default = "default_timezone")]
    pub timezone: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub topics: Vec<Topic>,
    #[serde(default = "default_paginate_by")]
    pub paginate_by: usize,
    /// The publisher's name, shown in the footer and in metadata; defaults to the title.
    #[serde(default)]
    pub publisher: Option<String>,
    /// Default authors for notes and pages that name none.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Alternative spellings of names: `variant: canonical`.
    #[serde(default)]
    pub aliases: BTreeMap<String, String>,
    /// What the editor knows about outlets: `"Name": {homepage, feed, paywall, note}`.
    #[serde(default)]
    pub sources: BTreeMap<String, SourceInfo>,
    /// How articles are grouped into stories.
    #[serde(default)]
    pub stories: StoriesConfig,
    /// How related articles are scored.
    #[serde(default)]
    pub related: RelatedConfig,
    /// Also build weekly editions at `/editions/YYYY/wNN/`.
    #[serde(default)]
    pub weekly_editions: bool,
    /// Also render each daily edition as a self-contained e-mail page at
    /// `/editions/YYYY/MM/DD/email.html` (needs a theme with `email.html`, e.g. `newsletter`).
    #[serde(default)]
    pub newsletter: bool,
    /// Beside "Read the original", a link to the Internet Archive's copy of the original
    /// (a URL pattern with the article's date: nothing is fetched).
    #[serde(default)]
    pub archive_links: bool,
    /// Build the static search index and `/search/` (the slowest part of a large build).
    #[serde(default = "default_true")]
    pub search: bool,
    /// Whether raw HTML in notes and pages is trusted (articles are never trusted).
    #[serde(default)]
    pub trusted_html: bool,
    /// Hosts whose `<iframe>` embeds (video players, maps) survive sanitising, with their
    /// subdomains, over `https://` only. Empty by default: every iframe is removed.
    #[serde(default)]
    pub iframe_hosts: Vec<String>,
    /// How many of the newest articles each feed lists.
    #[serde(default = "default_feed_limit")]
    pub feed_limit: usize,
    /// Whether feed entries carry the full article HTML (otherwise only the summary).
    #[serde(default)]
    pub feed_full_content: bool,
    /// Which pages beside the site, the topics and the editions get an Atom feed (`feed.xml`
    /// beside the page). Not `feeds:`, which lists the subscriptions of `gazette fetch`.
    #[serde(default)]
    pub feed_families: FeedFamilies,
    /// Custom domain for GitHub Pages, written to `CNAME`.
    #[serde(default)]
    pub cname: Option<String>,
    /// The theme's strings replaced for this site (`more_reports: {one: …, other: …}`), in
    /// the site's language; see the theme's `i18n/en.yaml` for the keys.
    #[serde(default)]
    pub strings: BTreeMap<String, crate::i18n::Message>,
    /// The feeds `gazette fetch` follows.
    #[serde(default)]
    pub feeds: FeedsConfig,
    /// How `gazette fetch` and `gazette import URL` fetch.
    #[serde(default)]
    pub fetch: FetchConfig,
    /// Pictures: kept at import, variants at build (`images.rs`).
    #[serde(default)]
    pub images: ImagesConfig,
    /// Free-form values for themes.
    #[serde(default)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// `feed_families:` — Atom, RSS and JSON Feed beside every page of a family (`…/feed.xml`,
/// `rss.xml`, `feed.json`), all on by default. These feeds are many (one per person,
/// organisation, place, tag, outlet and story), so they are lean — each entry a title, a
/// link and a date — and each lists at most `limit`
/// articles (and never more than `feed_limit`): a reader following one person needs the
/// latest few, and the whole archive stays in the site's feed and pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct FeedFamilies {
    /// People, organisations, places and tags.
    pub entities: bool,
    /// Stories.
    pub stories: bool,
    /// Outlets (`/sources/<slug>/`).
    pub sources: bool,
    /// The most entries in one family feed.
    pub limit: usize,
}

impl Default for FeedFamilies {
    fn default() -> Self {
        FeedFamilies { entities: true, stories: true, sources: true, limit: 5 }
    }
}

/// One topic of the digest.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The topic's name in the site's other languages (`names: {fr: Politique}`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub names: BTreeMap<String, String>,
}

/// `stories:` in site.yaml.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct StoriesConfig {
    /// Articles more than this many days apart are never the same story.
    pub window_days: i64,
    /// Similarity (text cosine plus a bonus per shared person, organisation or place) above
    /// which two articles report the same event.
    pub min_similarity: f32,
    /// Text similarity above which two articles are copies of one report (syndication).
    pub duplicate_similarity: f32,
}

impl Default for StoriesConfig {
    fn default() -> Self {
        StoriesConfig { window_days: 3, min_similarity: 0.27, duplicate_similarity: 0.8 }
    }
}

/// `related:` in site.yaml: how many related articles and the weight of each signal.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RelatedConfig {
    pub limit: usize,
    /// Per shared person, organisation or place.
    pub entities: f32,
    /// Per shared tag.
    pub tags: f32,
    /// Same topic.
    pub topic: f32,
    /// Times the text cosine similarity (0–1).
    pub text: f32,
    /// Times closeness in time (1 on the same day, halving every week).
    pub date: f32,
}

impl Default for RelatedConfig {
    fn default() -> Self {
        RelatedConfig { limit: 5, entities: 1.0, tags: 0.5, topic: 0.5, text: 4.0, date: 0.5 }
    }
}

fn default_true() -> bool {
    true
}

fn default_language() -> String {
    "en".into()
}
fn default_timezone() -> String {
    "UTC".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_paginate_by() -> usize {
    20
}
fn default_feed_limit() -> usize {
    50
}

/// The configuration after checking: parsed time zone, the site's address, topic lookup.
#[derive(Debug, Clone)]
pub struct Config {
    pub site: SiteConfig,
    /// Folder holding `site.yaml`, `content/`, `themes/`.
    pub root: PathBuf,
    pub tz: Tz,
    /// `base_url`, parsed: every URL the site shows is made through it.
    pub url: SiteUrl,
}

impl Config {
    /// Reads `site.yaml` from `root`, applying an optional `--base-url` override.
    pub fn load(root: &Path, base_url_override: Option<&str>) -> anyhow::Result<Config> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).with_context(|| format!("failed to read `{}`", path.display()))?;
        // A byte order mark (some Windows editors add one) is not part of the YAML.
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        Config::parse(root, text, base_url_override).map_err(|d| ContentErrors(d).into())
    }

    /// Parses and checks the text of `site.yaml`; all problems are reported together.
    pub fn parse(root: &Path, text: &str, base_url_override: Option<&str>) -> Result<Config, Diagnostics> {
        let file = Path::new(CONFIG_FILE);
        let mut site: SiteConfig =
            yaml_serde::from_str(text).map_err(|e| Diagnostics(vec![yaml_diagnostic(file, text, 0, &e, &[])]))?;
        if let Some(url) = base_url_override {
            site.base_url = url.to_owned();
        }
        let mut problems = Diagnostics::default();
        let tz = parse_timezone(&site.timezone).unwrap_or_else(|d| {
            problems.push(locate(d, text, "timezone"));
            Tz::UTC
        });
        let url = SiteUrl::parse(&site.base_url).unwrap_or_else(|bad| {
            let d = Diagnostic::error(file, format!("`base_url` `{}` is not an absolute http(s) URL", bad.0))
                .with_help("write it like `https://user.github.io/repo/`");
            problems.push(locate(d, text, "base_url"));
            SiteUrl::default()
        });
        check_topics(&site.topics, text, &mut problems);
        let topic_slugs: Vec<&str> = site.topics.iter().map(|t| t.slug.as_str()).collect();
        feeds::check(&site.feeds, &site.fetch, &topic_slugs, text, &mut problems);
        images::check(&site.images, text, &mut problems);
        if site.paginate_by == 0 {
            problems.push(locate(Diagnostic::error(file, "`paginate_by` must be at least 1"), text, "paginate_by"));
        }
        if site.feed_limit == 0 {
            problems.push(locate(Diagnostic::error(file, "`feed_limit` must be at least 1"), text, "feed_limit"));
        }
        if site.feed_families.limit == 0 {
            let d = Diagnostic::error(file, "`feed_families.limit` must be at least 1")
                .with_help("to have no feeds for a family, turn it off, e.g. `feed_families: {entities: false}`");
            problems.push(locate_in(d, text, "feed_families", "limit"));
        }
        if let Some(cname) = &site.cname {
            let c = cname.trim();
            if c.is_empty() || c.contains(['/', ':', ' ']) {
                problems.push(
                    locate(Diagnostic::error(file, format!("`cname` `{cname}` is not a domain name")), text, "cname")
                        .with_help("write only the domain, e.g. `news.example.org`"),
                );
            }
        }
        sources::check(&site, text, &mut problems);
        languages::check(&mut site, text, &mut problems);
        if problems.has_errors() {
            return Err(problems);
        }
        Ok(Config { site, root: root.to_path_buf(), tz, url })
    }

    pub fn topic(&self, slug: &str) -> Option<&Topic> {
        self.site.topics.iter().find(|t| t.slug == slug)
    }

    pub fn publisher(&self) -> &str {
        self.site.publisher.as_deref().unwrap_or(&self.site.title)
    }

    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }
}

fn parse_timezone(name: &str) -> Result<Tz, Diagnostic> {
    name.parse::<Tz>().map_err(|_| {
        let names = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name());
        let hint = match did_you_mean(name, names) {
            Some(best) => format!("did you mean `{best}`?"),
            None => "use an IANA time zone name such as `Europe/London` or `UTC`".into(),
        };
        Diagnostic::error(CONFIG_FILE, format!("unknown time zone `{name}`")).with_help(hint)
    })
}

fn check_topics(topics: &[Topic], text: &str, problems: &mut Diagnostics) {
    let mut seen = std::collections::BTreeSet::new();
    for topic in topics {
        if !crate::slug::is_slug(&topic.slug) {
            problems.push(
                locate(
                    Diagnostic::error(CONFIG_FILE, format!("topic slug `{}` is not a slug", topic.slug)),
                    text,
                    &topic.slug,
                )
                .with_help(format!(
                    "use lowercase letters, digits and hyphens, e.g. `{}`",
                    crate::slug::slugify(&topic.slug)
                )),
            );
        }
        if !seen.insert(topic.slug.as_str()) {
            problems.push(locate(
                Diagnostic::error(CONFIG_FILE, format!("topic `{}` is listed twice", topic.slug)),
                text,
                &topic.slug,
            ));
        }
    }
}

/// Points a diagnostic at the first line of `text` that mentions `needle`.
fn locate(d: Diagnostic, text: &str, needle: &str) -> Diagnostic {
    match text.lines().position(|l| l.contains(needle)) {
        Some(i) => {
            let col = text.lines().nth(i).and_then(|l| l.find(needle)).unwrap_or(0);
            d.at(text, i + 1, col + 1)
        }
        None => d,
    }
}

/// [`locate`] for a key inside a block: the first `needle` (not part of a longer key) on
/// or after the line holding `block`.
fn locate_in(d: Diagnostic, text: &str, block: &str, needle: &str) -> Diagnostic {
    let start = text.lines().position(|l| l.contains(block)).unwrap_or(0);
    let found = text.lines().enumerate().skip(start).find_map(|(i, l)| {
        l.match_indices(needle)
            .find(|(col, _)| !l[..*col].ends_with(|c: char| c == '_' || c.is_alphanumeric()))
            .map(|(col, _)| (i, col))
    });
    match found {
        Some((i, col)) => d.at(text, i + 1, col + 1),
        None => locate(d, text, block),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Diagnostics> {
        Config::parse(Path::new("."), text, None)
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let c = parse("title: T\nbase_url: https://example.org\n").unwrap();
        assert_eq!(c.site.timezone, "UTC");
        assert_eq!(c.url.base_path(), "/");
        assert_eq!(c.url.origin(), "https://example.org");
        assert_eq!(c.site.paginate_by, 20);
    }

    #[test]
    fn base_url_with_path_is_split() {
        let c = parse("title: T\nbase_url: https://u.github.io/repo\n").unwrap();
        assert_eq!(c.url.base_path(), "/repo/");
        assert_eq!(c.url.path("articles/a/"), "/repo/articles/a/");
        assert_eq!(c.url.absolute("feed.xml"), "https://u.github.io/repo/feed.xml");
    }

    #[test]
    fn unknown_key_is_an_error_with_hint_and_line() {
        let err = parse("title: T\nbase_url: https://e.org/\ntimezon: UTC\n").unwrap_err();
        let d = &err.0[0];
        assert_eq!(d.line, 3);
        assert!(d.message.contains("unknown key `timezon`"), "{d}");
        assert_eq!(d.help.as_deref(), Some("did you mean `timezone`?"));
    }

    /// Regression (issue 19): the hint came from a hand-kept list of keys that lacked
    /// `stories`, `related` and `weekly_editions`; it now comes from serde's own list.
    #[test]
    fn a_typo_of_any_key_gets_the_right_hint() {
        for (typo, key) in [("weekly_edition", "weekly_editions"), ("storys", "stories"), ("relatd", "related")] {
            let err = parse(&format!("title: T\nbase_url: https://e.org/\n{typo}: x\n")).unwrap_err();
            assert_eq!(err.0[0].help.as_deref(), Some(format!("did you mean `{key}`?").as_str()), "{typo}");
        }
    }

    #[test]
    fn publishing_keys_have_defaults_and_are_checked() {
        let c = parse("title: T\nbase_url: https://e.org/\n").unwrap();
        assert_eq!((c.site.feed_limit, c.site.feed_full_content, c.site.cname.as_deref()), (50, false, None));
        let c = parse("title: T\nbase_url: https://e.org/\nfeed_limit: 5\ncname: news.e.org\n").unwrap();
        assert_eq!((c.site.feed_limit, c.site.cname.as_deref()), (5, Some("news.e.org")));
        let err = parse("title: T\nbase_url: https://e.org/\nfeed_limit: 0\ncname: https://news.e.org/\n").unwrap_err();
        assert_eq!(err.0.len(), 2, "{err:?}");
        assert_eq!(err.0[1].line, 4);
    }

    #[test]
    fn feed_families_are_on_by_default_and_checked() {
        let all_on = FeedFamilies { entities: true, stories: true, sources: true, limit: 5 };
        assert_eq!(parse("title: T\nbase_url: https://e.org/\n").unwrap().site.feed_families, all_on);
        let c = parse("title: T\nbase_url: https://e.org/\nfeed_families: {entities: false, limit: 3}\n").unwrap();
        assert_eq!(c.site.feed_families, FeedFamilies { entities: false, limit: 3, ..all_on });
        let err = parse("title: T\nbase_url: https://e.org/\nfeed_families: {entitys: true}\n").unwrap_err();
        assert_eq!((err.0[0].line, err.0[0].help.as_deref()), (3, Some("did you mean `entities`?")));
        let err = parse("title: T\nbase_url: https://e.org/\nfeed_families:\n  limit: 0\n").unwrap_err();
        assert_eq!((err.0[0].line, err.0[0].message.as_str()), (4, "`feed_families.limit` must be at least 1"));
    }

    #[test]
    fn bad_timezone_and_base_url_are_both_reported() {
        let err = parse("title: T\nbase_url: ftp://e.org/\ntimezone: Europe/Londn\n").unwrap_err();
        assert_eq!(err.0.len(), 2);
        assert!(err.0.iter().any(|d| d.help.as_deref() == Some("did you mean `Europe/London`?")));
    }
}
