//! `languages:` — one site in several languages, each with its own digest.
//!
//! ```yaml
//! languages:
//!   - {code: de, name: Deutsch}     # the first is the default, served at the site's root
//!   - {code: fr, name: Français}    # served under /fr/
//! ```
//!
//! Each language is built as the site would be in that language alone ([`Config::in_language`]):
//! `language` set to its code, its pages under its folder, topic names from each topic's
//! `names:`. A site without `languages:` is a single-language site exactly as before.

use serde::{Deserialize, Serialize};

use super::{locate, locate_in, Config, SiteConfig, CONFIG_FILE};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// One language of a multilingual site.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// A BCP 47 tag (`de`, `fr`, `pt-BR`): the folder of its pages and its content.
    pub code: String,
    /// Its name in itself (`Deutsch`), shown in the language switcher.
    pub name: String,
}

/// Checks `languages:` and makes the site's `language` the first of them.
pub(super) fn check(site: &mut SiteConfig, text: &str, problems: &mut Diagnostics) {
    let Some(first) = site.languages.first() else { return };
    let wrote_language = text.lines().any(|l| l.starts_with("language:"));
    if wrote_language && !site.language.eq_ignore_ascii_case(&first.code) {
        let d = Diagnostic::error(
            CONFIG_FILE,
            format!("`language: {}` differs from the first of `languages:` (`{}`)", site.language, first.code),
        )
        .with_help("a multilingual site's default language is the first of `languages:`; remove `language:`");
        problems.push(locate(d, text, "language:"));
    }
    site.language = first.code.clone();
    let mut seen = std::collections::BTreeSet::new();
    for lang in &site.languages {
        if !is_language_tag(&lang.code) {
            let d = Diagnostic::error(CONFIG_FILE, format!("`{}` is not a language code", lang.code))
                .with_help("write a BCP 47 tag such as `de`, `fr` or `pt-BR`");
            problems.push(locate_in(d, text, "languages:", &lang.code));
        } else if !seen.insert(lang.code.to_ascii_lowercase()) {
            let d = Diagnostic::error(CONFIG_FILE, format!("language `{}` is listed twice", lang.code));
            problems.push(locate_in(d, text, "languages:", &lang.code));
        }
        if lang.name.trim().is_empty() {
            let d = Diagnostic::error(CONFIG_FILE, format!("language `{}` has an empty `name`", lang.code))
                .with_help("write the language's name in itself, e.g. `{code: fr, name: Français}`");
            problems.push(locate_in(d, text, "languages:", &lang.code));
        }
    }
    for topic in &site.topics {
        for code in topic.names.keys() {
            if !site.languages.iter().any(|l| l.code.eq_ignore_ascii_case(code)) {
                let d = Diagnostic::error(
                    CONFIG_FILE,
                    format!("topic `{}` has a name in `{code}`, which is not one of `languages:`", topic.slug),
                )
                .with_help("add the language to `languages:` or remove the name");
                problems.push(locate_in(d, text, &topic.slug, code));
            }
        }
    }
}

/// `de`, `pt-BR`, `zh-Hans`: letters, then subtags of letters and digits (a safe folder name).
fn is_language_tag(code: &str) -> bool {
    let mut parts = code.split('-');
    let first = parts.next().unwrap_or_default();
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

impl Config {
    /// Whether the site is built in several languages.
    pub fn is_multilingual(&self) -> bool {
        !self.site.languages.is_empty()
    }

    /// The site as built in its `i`-th language: that language, its pages under its folder
    /// (none for the first), and its topic names.
    pub fn in_language(&self, i: usize) -> Config {
        let mut config = self.clone();
        let Some(lang) = self.site.languages.get(i) else { return config };
        config.site.language = lang.code.clone();
        config.url = self.url.with_language((i > 0).then_some(lang.code.as_str()));
        for topic in &mut config.site.topics {
            if let Some(name) = topic.names.get(&lang.code) {
                topic.name = name.clone();
            }
        }
        config
    }

    /// The language a content file belongs to, on a multilingual site: the folder it is in
    /// (`content/fr/…`), else its front matter's `language` when that is one of the site's,
    /// else the first language. `None` on a single-language site.
    pub fn language_of(&self, key: &str, declared: Option<&str>) -> Option<&str> {
        let langs = &self.site.languages;
        let first = langs.first()?;
        let folder = key.split_once('/').map(|(f, _)| f);
        let known = |code: &str| langs.iter().find(|l| l.code.eq_ignore_ascii_case(code));
        let lang = folder.and_then(known).or_else(|| declared.and_then(known)).unwrap_or(first);
        Some(&lang.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const SITE: &str = "title: T\nbase_url: https://e.org/repo/\nlanguages:\n  - {code: de, name: Deutsch}\n  - {code: fr, name: Français}\ntopics:\n  - slug: politik\n    name: Politik\n    names: {fr: Politique}\n";

    #[test]
    fn each_language_is_the_site_in_that_language_under_its_folder() {
        let c = Config::parse(Path::new("."), SITE, None).unwrap();
        assert!(c.is_multilingual());
        assert_eq!(c.site.language, "de");
        let fr = c.in_language(1);
        assert_eq!((fr.site.language.as_str(), fr.site.topics[0].name.as_str()), ("fr", "Politique"));
        assert_eq!(fr.url.path("topics/politik/"), "/repo/fr/topics/politik/");
        let de = c.in_language(0);
        assert_eq!((de.site.topics[0].name.as_str(), de.url.home_path().as_str()), ("Politik", "/repo/"));
    }

    #[test]
    fn a_document_belongs_to_its_folder_then_its_front_matter_then_the_first_language() {
        let c = Config::parse(Path::new("."), SITE, None).unwrap();
        assert_eq!(c.language_of("fr/articles/x.md", Some("de")), Some("fr"));
        assert_eq!(c.language_of("articles/x.md", Some("fr")), Some("fr"));
        assert_eq!(c.language_of("articles/x.md", Some("es")), Some("de"));
        assert_eq!(c.language_of("articles/x.md", None), Some("de"));
        let single = Config::parse(Path::new("."), "title: T\nbase_url: https://e.org/\n", None).unwrap();
        assert_eq!(single.language_of("fr/articles/x.md", Some("fr")), None);
        assert!(!single.is_multilingual());
    }

    #[test]
    fn bad_languages_are_errors_at_their_line() {
        let bad = "title: T\nbase_url: https://e.org/\nlanguage: en\nlanguages:\n  - {code: de, name: Deutsch}\n  - {code: d e, name: X}\n  - {code: de, name: Deutsch}\ntopics:\n  - slug: a\n    name: A\n    names: {it: Ah}\n";
        let errors = Config::parse(Path::new("."), bad, None).unwrap_err();
        let at = |text: &str| errors.0.iter().find(|d| d.message.contains(text)).map(|d| d.line);
        assert_eq!(at("differs from the first"), Some(3));
        assert_eq!(at("`d e` is not a language code"), Some(6));
        assert_eq!(at("listed twice"), Some(5), "the first line naming `de` in the list");
        assert_eq!(at("`it`, which is not one of"), Some(11));
        let unknown = "title: T\nbase_url: https://e.org/\nlanguages:\n  - {code: de, nam: D}\n";
        let e = &Config::parse(Path::new("."), unknown, None).unwrap_err().0[0];
        assert!(e.message.contains("nam") && e.line == 4, "{e}");
    }
}
