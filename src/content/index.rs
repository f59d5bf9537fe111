//! The index of all documents by key and by file stem: resolves internal links and
//! finds documents that would land on the same URL.

use std::collections::{BTreeMap, HashMap};

use super::markdown::{LinkResolver, LinkTarget};
use super::read::{check_topic, Meta, Parsed, Source};
use crate::config::{Config, SiteUrl};
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics};

#[derive(Debug, Default, Clone)]
pub struct DocIndex {
    url: SiteUrl,
    /// key (`articles/…md`) → (URL path with base, title)
    by_key: HashMap<String, (String, String)>,
    /// file stem → keys
    by_stem: HashMap<String, Vec<String>>,
    /// The language folders of a multilingual site (`de/`, `fr/`).
    folders: Vec<String>,
}

impl DocIndex {
    /// Indexes the documents; two documents on one URL are an error naming both.
    pub fn build(config: &Config, docs: &[(Source, Parsed)], problems: &mut Diagnostics) -> DocIndex {
        let mut by_key = HashMap::with_capacity(docs.len());
        let mut by_stem: HashMap<String, Vec<String>> = HashMap::with_capacity(docs.len());
        let mut by_path: BTreeMap<&str, &Source> = BTreeMap::new();
        for (source, parsed) in docs {
            if let Some(other) = by_path.insert(&parsed.path, source) {
                problems.push(
                    Diagnostic::error(
                        &source.file,
                        format!(
                            "`{}` and `{}` would both be written to /{}",
                            other.file.display(),
                            source.file.display(),
                            parsed.path
                        ),
                    )
                    .with_help("rename one of the files, or change its date"),
                );
            }
            by_key.insert(source.key.clone(), (config.url.path(&parsed.path), parsed.title().to_owned()));
            by_stem.entry(stem(&source.key)).or_default().push(source.key.clone());
        }
        for keys in by_stem.values_mut() {
            keys.sort();
        }
        let folders = config.site.languages.iter().map(|l| format!("{}/", l.code)).collect();
        DocIndex { url: config.url.clone(), by_key, by_stem, folders }
    }

    /// Adds a document, or changes one already indexed.
    pub fn insert(&mut self, config: &Config, key: &str, parsed: &Parsed) {
        let entry = (config.url.path(&parsed.path), parsed.title().to_owned());
        if self.by_key.insert(key.to_owned(), entry).is_none() {
            let keys = self.by_stem.entry(stem(key)).or_default();
            keys.push(key.to_owned());
            keys.sort();
        }
    }

    /// Forgets a document.
    pub fn remove(&mut self, key: &str) {
        if self.by_key.remove(key).is_some() {
            let stem = stem(key);
            if let Some(keys) = self.by_stem.get_mut(&stem) {
                keys.retain(|k| k != key);
                if keys.is_empty() {
                    self.by_stem.remove(&stem);
                }
            }
        }
    }

    /// Puts back a document's entry as it was before [`DocIndex::insert`] or
    /// [`DocIndex::remove`] (`None`: it was not indexed).
    pub fn restore(&mut self, key: &str, entry: Option<(String, String)>) {
        match entry {
            Some(entry) => {
                if self.by_key.insert(key.to_owned(), entry).is_none() {
                    let keys = self.by_stem.entry(stem(key)).or_default();
                    keys.push(key.to_owned());
                    keys.sort();
                }
            }
            None => self.remove(key),
        }
    }

    /// (URL, title) of a document.
    pub fn entry(&self, key: &str) -> Option<&(String, String)> {
        self.by_key.get(key)
    }

    /// Checks what front matter refers to: topics, and the articles a note is about.
    pub fn check_references(&self, config: &Config, docs: &[(Source, Parsed)], problems: &mut Diagnostics) {
        for (source, parsed) in docs {
            match &parsed.meta {
                Meta::Article(m) => {
                    if let Some(topic) = &m.topic {
                        problems.extend(check_topic(config, &source.file, &source.text, "topic", topic));
                    }
                }
                Meta::Note(m) => {
                    for topic in &m.topics {
                        problems.extend(check_topic(config, &source.file, &source.text, "topics", topic));
                    }
                    for article in &m.articles {
                        if self.article_key(article).is_none() {
                            let help = self.suggest(article);
                            problems.push(
                                Diagnostic::error(
                                    &source.file,
                                    format!("the note is about `{article}`, which does not exist"),
                                )
                                .at_key(&source.text, "articles")
                                .with_help(help),
                            );
                        }
                    }
                }
                Meta::Page(_) => {}
            }
        }
    }

    /// The key of an article named in front matter (`2026/11/18/x.md`, `articles/…`, or a stem).
    pub fn article_key(&self, name: &str) -> Option<String> {
        let name = name.trim().trim_start_matches("@/").trim_start_matches("content/");
        let key = if name.starts_with("articles/") { name.to_owned() } else { format!("articles/{name}") };
        let key = if key.ends_with(".md") { key } else { format!("{key}.md") };
        if let Some(key) = self.known_key(&key) {
            return Some(key);
        }
        match self.by_stem.get(name.trim_end_matches(".md")).map(Vec::as_slice) {
            Some([only]) if without_language(only).starts_with("articles/") => Some(only.clone()),
            _ => None,
        }
    }

    /// `key` as indexed: itself, or under a language folder (`fr/articles/…`), which a
    /// document in that folder may leave out.
    fn known_key(&self, key: &str) -> Option<String> {
        if self.by_key.contains_key(key) {
            return Some(key.to_owned());
        }
        self.folders.iter().map(|f| format!("{f}{key}")).find(|k| self.by_key.contains_key(k))
    }

    fn suggest(&self, target: &str) -> String {
        let keys = self.by_key.keys().map(String::as_str).chain(self.by_stem.keys().map(String::as_str));
        match did_you_mean(target, keys) {
            Some(best) => format!("did you mean `{best}`?"),
            None => "write the path under `content/`, e.g. `@/articles/2026/11/18/slug.md`, or `[[slug]]`".into(),
        }
    }
}

/// A key without its language folder (`fr/articles/x.md` → `articles/x.md`).
fn without_language(key: &str) -> &str {
    match key.split_once('/') {
        Some((folder, rest)) if !matches!(folder, "articles" | "notes" | "pages") => rest,
        _ => key,
    }
}

/// The file stem of a key, which `[[ ]]` links name.
pub fn stem(key: &str) -> String {
    key.rsplit('/').next().unwrap_or(key).trim_end_matches(".md").to_owned()
}

impl LinkResolver for DocIndex {
    fn resolve(&self, target: &str, wiki: bool) -> Result<LinkTarget, String> {
        let key = if wiki {
            match self.by_stem.get(target.trim()).map(Vec::as_slice) {
                Some([only]) => only.clone(),
                Some(many) if !many.is_empty() => {
                    return Err(format!(
                        "`{target}` names several files ({}); link with `@/` and the full path",
                        many.join(", ")
                    ))
                }
                _ => return Err(self.suggest(target)),
            }
        } else {
            let key = target.trim_start_matches("content/");
            self.known_key(key).unwrap_or_else(|| key.to_owned())
        };
        let (url, title) = self.by_key.get(&key).ok_or_else(|| self.suggest(target))?;
        Ok(LinkTarget { key, url: url.clone(), title: title.clone() })
    }

    fn site_path(&self, path: &str) -> String {
        self.url.root_path(path)
    }
}
