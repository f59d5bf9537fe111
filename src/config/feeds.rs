//! `feeds:` (the subscriptions `gazette fetch` reads) and `fetch:` (how it fetches) in
//! `site.yaml`.
//!
//! `feeds:` is either the list of subscriptions or a map whose `subscriptions:` key holds that
//! list, so that switches for the site's own output feeds can join it later. Both shapes keep
//! `deny_unknown_fields`, so a misspelt key gets its "did you mean" hint with line and column.

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{locate, CONFIG_FILE};
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics};

/// `feeds:`: the subscriptions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedsConfig {
    pub subscriptions: Vec<Subscription>,
}

/// The map form of `feeds:`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedsMap {
    #[serde(default)]
    subscriptions: Vec<Subscription>,
}

impl<'de> Deserialize<'de> for FeedsConfig {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Shapes;
        impl<'de> Visitor<'de> for Shapes {
            type Value = FeedsConfig;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of feeds (`- url: …`) or a map with `subscriptions:`")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<FeedsConfig, A::Error> {
                let subscriptions = Vec::deserialize(SeqAccessDeserializer::new(seq))?;
                Ok(FeedsConfig { subscriptions })
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<FeedsConfig, A::Error> {
                let m = FeedsMap::deserialize(MapAccessDeserializer::new(map))?;
                Ok(FeedsConfig { subscriptions: m.subscriptions })
            }

            /// `feeds:` with nothing after it.
            fn visit_unit<E: serde::de::Error>(self) -> Result<FeedsConfig, E> {
                Ok(FeedsConfig::default())
            }

            fn visit_none<E: serde::de::Error>(self) -> Result<FeedsConfig, E> {
                Ok(FeedsConfig::default())
            }
        }
        deserializer.deserialize_any(Shapes)
    }
}

impl Serialize for FeedsConfig {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.subscriptions.serialize(serializer)
    }
}

/// One feed `gazette fetch` follows.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Subscription {
    pub url: String,
    /// The outlet's name for its articles; else the feed's own title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// A topic slug for all its articles; else inferred as import does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    #[serde(default)]
    pub full_text: FullText,
    /// Keep only entries whose title or text has one of these words (all when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    /// Leave out entries whose title or text has one of these words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// At most this many new entries per run (the newest); the others wait for the next run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_per_run: Option<u32>,
}

impl Subscription {
    pub fn new(url: &str) -> Subscription {
        Subscription {
            url: url.to_owned(),
            source: None,
            topic: None,
            full_text: FullText::Auto,
            include: Vec::new(),
            exclude: Vec::new(),
            max_per_run: None,
        }
    }
}

/// When to fetch an entry's own page for its full text.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum FullText {
    /// When the entry carries no full text of its own (a summary only).
    #[default]
    Auto,
    Always,
    Never,
}

/// `fetch:`: how `gazette fetch` and `gazette import URL` fetch.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct FetchConfig {
    /// Requests in flight in all (never more than one at a time per host).
    pub concurrency: usize,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig { concurrency: crate::net::DEFAULT_CONCURRENCY }
    }
}

/// Checks what the types cannot: web URLs, each feed once, known topics, limits above zero.
pub(super) fn check(feeds: &FeedsConfig, fetch: &FetchConfig, topics: &[&str], text: &str, problems: &mut Diagnostics) {
    let mut seen = std::collections::BTreeSet::new();
    for s in &feeds.subscriptions {
        if let Err(e) = crate::net::parse_web_url(&s.url) {
            problems.push(
                locate(Diagnostic::error(CONFIG_FILE, format!("feed `{}`: {e}", s.url)), text, &s.url)
                    .with_help("write the feed's address in full, like `https://example.org/feed.xml`"),
            );
        }
        if !seen.insert(s.url.trim()) {
            let d = Diagnostic::error(CONFIG_FILE, format!("feed `{}` is listed twice", s.url));
            problems.push(locate(d, text, &s.url).with_help("keep one entry per feed"));
        }
        if let Some(topic) = s.topic.as_deref().filter(|t| !topics.contains(t)) {
            let d = Diagnostic::error(CONFIG_FILE, format!("feed `{}`: unknown topic `{topic}`", s.url));
            let help = match did_you_mean(topic, topics.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None if topics.is_empty() => "the site lists no `topics:`; add it there or leave `topic` out".into(),
                None => format!("the site's topics are {}", topics.join(", ")),
            };
            problems.push(locate(d, text, &format!("topic: {topic}")).with_help(help));
        }
        if s.max_per_run == Some(0) {
            let d = Diagnostic::error(CONFIG_FILE, format!("feed `{}`: `max_per_run` must be at least 1", s.url));
            problems.push(locate(d, text, "max_per_run: 0").with_help("leave it out to import every new entry"));
        }
    }
    if fetch.concurrency == 0 {
        let d = Diagnostic::error(CONFIG_FILE, "`fetch.concurrency` must be at least 1");
        problems.push(locate(d, text, "concurrency"));
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use std::path::Path;

    use super::*;

    const HEAD: &str = "title: T\nbase_url: https://e.org/\ntopics:\n  - {slug: world, name: World}\n";

    fn parse(feeds: &str) -> Result<Config, Diagnostics> {
        Config::parse(Path::new("."), &format!("{HEAD}{feeds}"), None)
    }

    #[test]
    fn feeds_are_a_list_or_a_map_of_subscriptions() {
        let list = parse("feeds:\n  - url: https://a.org/f.xml\n    topic: world\n    full_text: always\n").unwrap();
        let map = parse(
            "feeds:\n  subscriptions:\n    - url: https://a.org/f.xml\n      topic: world\n      full_text: always\n",
        )
        .unwrap();
        assert_eq!(list.site.feeds, map.site.feeds);
        let s = &list.site.feeds.subscriptions[0];
        assert_eq!((s.topic.as_deref(), s.full_text, s.max_per_run), (Some("world"), FullText::Always, None));
        assert!(parse("feeds:\n").unwrap().site.feeds.subscriptions.is_empty());
        assert!(parse("feeds: []\n").unwrap().site.feeds.subscriptions.is_empty());
        assert!(parse("").unwrap().site.feeds.subscriptions.is_empty());
        assert_eq!(parse("fetch: {concurrency: 32}\n").unwrap().site.fetch.concurrency, 32);
        assert_eq!(parse("").unwrap().site.fetch.concurrency, 8);
    }

    fn first_error(feeds: &str) -> Diagnostic {
        let errors = parse(feeds).unwrap_err();
        errors.0.into_iter().next().unwrap()
    }

    #[test]
    fn unknown_keys_in_either_shape_get_a_hint_and_a_line() {
        let d = first_error("feeds:\n  - url: https://a.org/f.xml\n    topc: world\n");
        assert!(d.message.contains("unknown key `topc`"), "{d}");
        assert_eq!((d.line, d.help.as_deref()), (7, Some("did you mean `topic`?")));
        let d = first_error("feeds:\n  subscription:\n    - url: https://a.org/f.xml\n");
        assert!(d.message.contains("unknown key `subscription`"), "{d}");
        assert_eq!((d.line, d.help.as_deref()), (6, Some("did you mean `subscriptions`?")));
        let d = first_error("feeds:\n  - url: https://a.org/f.xml\n    full_text: sometimes\n");
        assert!(d.message.contains("sometimes"), "{d}");
        assert_eq!(d.line, 7);
        let d = first_error("fetch: {concurency: 2}\n");
        assert_eq!(d.help.as_deref(), Some("did you mean `concurrency`?"));
    }

    #[test]
    fn urls_topics_and_limits_are_checked() {
        let errors = parse(
            "feeds:\n  - url: ftp://a.org/f.xml\n  - url: https://b.org/f.xml\n    topic: wrld\n    max_per_run: 0\n  - url: https://b.org/f.xml\n",
        )
        .unwrap_err();
        let messages: Vec<String> = errors.0.iter().map(|d| format!("{}|{}", d.message, d.line)).collect();
        assert!(
            messages[0].starts_with("feed `ftp://a.org/f.xml`: `ftp://a.org/f.xml` is not an http")
                && messages[0].ends_with("|6"),
            "{messages:?}"
        );
        assert!(errors.0.iter().any(|d| d.message.contains("unknown topic `wrld`")
            && d.help.as_deref() == Some("did you mean `world`?")
            && d.line == 8));
        assert!(errors.0.iter().any(|d| d.message.contains("`max_per_run` must be at least 1") && d.line == 9));
        assert!(errors.0.iter().any(|d| d.message.contains("is listed twice")));
    }
}
