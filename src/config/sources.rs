//! `sources:` in `site.yaml`: what the editor knows about each outlet, shown on its page
//! (`/sources/<slug>/`) and beside its links.
//!
//! ```yaml
//! sources:
//!   "The Meridian Courier": {homepage: https://courier.example, paywall: metered, note: "Regional daily"}
//! ```
//!
//! Names are matched like entity names: through `aliases:`, then case- and
//! accent-insensitively (by slug).

use serde::{Deserialize, Serialize};

use super::{locate, SiteConfig, CONFIG_FILE};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::slug::slugify;

/// How much of an outlet's articles a reader can see without paying.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Paywall {
    /// Free to read (the default).
    #[default]
    None,
    /// A few articles a month, then a paywall.
    Metered,
    /// Subscribers only.
    Hard,
}

impl Paywall {
    /// The name used in templates (`paywall-metered`) and in the theme's keys
    /// (`paywall_metered`); `None` for an outlet without a paywall.
    pub fn name(self) -> Option<&'static str> {
        match self {
            Paywall::None => None,
            Paywall::Metered => Some("metered"),
            Paywall::Hard => Some("hard"),
        }
    }
}

/// One outlet's entry under `sources:`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct SourceInfo {
    /// The outlet's home page.
    pub homepage: Option<String>,
    /// The outlet's own feed.
    pub feed: Option<String>,
    pub paywall: Paywall,
    /// A line about the outlet (who owns it, where it reports from).
    pub note: String,
}

impl SiteConfig {
    /// The slug an outlet's name has after `aliases:` (the slug of its page).
    pub fn outlet_slug(&self, name: &str) -> String {
        let slug = slugify(name.trim());
        let canonical = self.aliases.iter().find(|(variant, _)| slugify(variant) == slug).map(|(_, c)| c.as_str());
        canonical.map_or(slug, slugify)
    }

    /// The `sources:` entry of the outlet whose page has `slug`.
    pub fn outlet(&self, slug: &str) -> Option<&SourceInfo> {
        self.sources.iter().find(|(name, _)| self.outlet_slug(name) == slug).map(|(_, info)| info)
    }
}

/// Checks what serde cannot: addresses are http(s) URLs, no outlet is listed twice under two
/// spellings.
pub(super) fn check(site: &SiteConfig, text: &str, problems: &mut Diagnostics) {
    let mut seen = std::collections::BTreeMap::new();
    for (name, info) in &site.sources {
        for (key, value) in [("homepage", &info.homepage), ("feed", &info.feed)] {
            let Some(value) = value else { continue };
            let ok = url::Url::parse(value).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
            if !ok {
                let d =
                    Diagnostic::error(CONFIG_FILE, format!("source `{name}`: `{key}` `{value}` is not an http(s) URL"));
                problems.push(
                    locate(d, text, value)
                        .with_help(format!("write the full address, e.g. `{key}: https://example.org/`")),
                );
            }
        }
        if let Some(first) = seen.insert(site.outlet_slug(name), name) {
            let d = Diagnostic::error(CONFIG_FILE, format!("source `{name}` is the same outlet as `{first}`"));
            problems.push(
                locate(d, text, name).with_help("keep one entry per outlet (names match ignoring case and accents)"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::Config;

    fn parse(tail: &str) -> Result<Config, Diagnostics> {
        Config::parse(Path::new("."), &format!("title: T\nbase_url: https://e.org/\n{tail}"), None)
    }

    #[test]
    fn outlets_are_found_by_any_spelling_and_alias() {
        let c = parse(
            "aliases: {\"Courier\": \"The Meridian Courier\"}\nsources:\n  \"The Méridian COURIER\": {paywall: metered, homepage: https://c.example/}\n",
        )
        .unwrap();
        let slug = c.site.outlet_slug("Courier");
        assert_eq!(slug, "the-meridian-courier");
        let info = c.site.outlet(&slug).unwrap();
        assert_eq!((info.paywall, info.homepage.as_deref()), (Paywall::Metered, Some("https://c.example/")));
        assert_eq!(c.site.outlet("elsewhere"), None);
    }

    #[test]
    fn unknown_keys_and_values_get_a_hint_and_a_line() {
        let err = parse("sources:\n  \"A\": {paywal: hard}\n").unwrap_err();
        let d = &err.0[0];
        assert!(d.message.contains("unknown key `paywal`"), "{d}");
        assert_eq!((d.line, d.help.as_deref()), (4, Some("did you mean `paywall`?")));
        let err = parse("sources:\n  \"A\": {paywall: soft}\n").unwrap_err();
        assert!(err.0[0].message.contains("soft"), "{:?}", err.0[0]);
        assert_eq!(err.0[0].line, 4);
    }

    #[test]
    fn bad_addresses_and_twice_listed_outlets_are_errors() {
        let err = parse("sources:\n  \"A\": {homepage: a.example}\n  \"a\": {}\n").unwrap_err();
        let messages: Vec<String> = err.0.iter().map(|d| format!("{}|{}", d.message, d.line)).collect();
        assert!(
            messages.iter().any(|m| m == "source `A`: `homepage` `a.example` is not an http(s) URL|4"),
            "{messages:?}"
        );
        assert!(messages.iter().any(|m| m.starts_with("source `a` is the same outlet as `A`")), "{messages:?}");
    }
}
