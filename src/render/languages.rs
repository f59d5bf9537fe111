//! A multilingual site's languages, seen from each page: the language switcher and the
//! `hreflang` alternates of the head and the sitemap.
//!
//! Every language is organized as a site of its own; this map, made once from all of them,
//! says where a page of one language leads in another. A document leads to its translation —
//! the file of the same name under another language folder, or the one its `translation_of:`
//! names — and a page every language has at one path (the front page, a topic, the archive,
//! a person's page) leads to that path. A story leads to the story of the same id, or to the
//! one holding a translation of one of its reports — and its page lists that story's reports,
//! shown in their language. Anything else leads to the other language's front page, and only
//! real equivalents are announced as `hreflang` alternates.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::config::{Config, SiteUrl};
use crate::organize::Site;

/// Where each page of each language leads in the others.
#[derive(Debug, Default)]
pub struct Alternates {
    langs: Vec<Lang>,
    /// Translation group → its document's page path in each language.
    groups: HashMap<String, Vec<Option<String>>>,
}

#[derive(Debug)]
struct Lang {
    code: String,
    name: String,
    url: SiteUrl,
    /// Every page path of the language (`topics/politik/`, `archive/`).
    pages: HashSet<String>,
    /// A document's page path → its translation group.
    docs: HashMap<String, String>,
    /// A story's page path → its reports.
    stories: HashMap<String, StoryReports>,
    /// An article's page path → its story's page path.
    story_of: HashMap<String, String>,
}

#[derive(Debug)]
struct StoryReports {
    /// The page paths of its articles, oldest first.
    docs: Vec<String>,
    reports: Vec<Report>,
}

/// A report of a story, as another language's story page lists it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Report {
    pub title: String,
    pub url: String,
    pub source: Option<String>,
}

/// A story's reports in one other language.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct ReportsIn {
    pub code: String,
    pub name: String,
    pub reports: Vec<Report>,
}

/// One language as a page shows it in the switcher.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Alternate {
    /// BCP 47 code (`fr`).
    pub code: String,
    /// The language's name in itself (`Français`).
    pub name: String,
    /// The page in that language, or that language's front page.
    pub url: String,
    /// Absolute URL of the equivalent page, when there is one (for `hreflang`).
    pub alternate: Option<String>,
    /// The page's own language.
    pub current: bool,
}

impl Alternates {
    /// The map of a site's languages, each as `config.in_language(i)` organized it, with the
    /// paths of all its pages (`render::alternates` lists them).
    pub fn new(sites: Vec<(&Config, &Site, HashSet<String>)>) -> Alternates {
        let mut out = Alternates::default();
        let count = sites.len();
        for (i, (config, site, pages)) in sites.into_iter().enumerate() {
            let content = &site.content;
            let docs = (content.articles.iter().map(|a| (&a.doc, a.meta.translation_of.as_deref())))
                .chain(content.notes.iter().map(|n| (&n.doc, n.meta.translation_of.as_deref())))
                .chain(content.pages.iter().map(|p| (&p.doc, p.meta.translation_of.as_deref())));
            let mut by_path = HashMap::new();
            for (doc, of) in docs {
                let group = group_of(of.unwrap_or(&doc.key), config).to_owned();
                out.groups.entry(group.clone()).or_insert_with(|| vec![None; count])[i] = Some(doc.path.clone());
                by_path.insert(doc.path.clone(), group);
            }
            let (stories, story_of) = stories_of(config, site);
            let lang = config.site.languages.get(i);
            out.langs.push(Lang {
                code: config.site.language.clone(),
                name: lang.map_or_else(|| config.site.language.clone(), |l| l.name.clone()),
                url: config.url.clone(),
                pages,
                docs: by_path,
                stories,
                story_of,
            });
        }
        out
    }

    /// The switcher of the page at `rel` in language `lang`: every language, the page's own
    /// first marked current.
    pub fn of(&self, lang: usize, rel: &str) -> Vec<Alternate> {
        let group = self.langs.get(lang).and_then(|l| l.docs.get(rel));
        let equivalent = |other: usize| -> Option<String> {
            match group {
                Some(g) => self.groups.get(g).and_then(|paths| paths[other].clone()),
                None if self.langs[lang].stories.contains_key(rel) => self.same_story(lang, rel, other),
                None => self.langs[other].pages.contains(rel).then(|| rel.to_owned()),
            }
        };
        let same: Vec<Option<String>> =
            (0..self.langs.len()).map(|i| if i == lang { Some(rel.to_owned()) } else { equivalent(i) }).collect();
        // A page alone in its language has no alternates, not even itself.
        let translated = same.iter().filter(|s| s.is_some()).count() > 1;
        (self.langs.iter().zip(same).enumerate())
            .map(|(i, (l, same))| Alternate {
                code: l.code.clone(),
                name: l.name.clone(),
                url: l.url.path(same.as_deref().unwrap_or("")),
                alternate: same.filter(|_| translated).map(|p| l.url.absolute(&p)),
                current: i == lang,
            })
            .collect()
    }

    /// The story of language `other` that is the story at `rel` of language `lang`: the one at
    /// the same path (the same `story:` id), else the one holding a translation of one of
    /// its reports.
    fn same_story(&self, lang: usize, rel: &str, other: usize) -> Option<String> {
        let there = &self.langs[other];
        if there.stories.contains_key(rel) {
            return Some(rel.to_owned());
        }
        let here = &self.langs[lang];
        let docs = &here.stories.get(rel)?.docs;
        docs.iter().find_map(|doc| {
            let translation = self.groups.get(here.docs.get(doc)?)?[other].as_ref()?;
            there.story_of.get(translation).cloned()
        })
    }

    /// The reports of the story at `rel` of language `lang` in every other language that
    /// has the story.
    pub fn story_reports(&self, lang: usize, rel: &str) -> Vec<ReportsIn> {
        (0..self.langs.len())
            .filter(|&other| other != lang)
            .filter_map(|other| {
                let story = self.same_story(lang, rel, other)?;
                let there = &self.langs[other];
                let reports = there.stories.get(&story)?.reports.clone();
                Some(ReportsIn { code: there.code.clone(), name: there.name.clone(), reports })
            })
            .collect()
    }

    /// The absolute URL of page `rel` in every language (`robots.txt` names each language's
    /// sitemap).
    pub fn absolute_in_each(&self, rel: &str) -> Vec<String> {
        self.langs.iter().map(|l| l.url.absolute(rel)).collect()
    }
}

/// A language's stories by page path, and the story of each of their articles.
fn stories_of(config: &Config, site: &Site) -> (HashMap<String, StoryReports>, HashMap<String, String>) {
    let articles = &site.content.articles;
    let mut story_of = HashMap::new();
    let stories = (site.stories.iter())
        .map(|story| {
            let docs: Vec<String> = story.articles.iter().map(|&i| articles[i].doc.path.clone()).collect();
            story_of.extend(docs.iter().map(|d| (d.clone(), story.path.clone())));
            let reports = (story.articles.iter().map(|&i| &articles[i]))
                .map(|a| Report {
                    title: a.meta.title.clone(),
                    url: config.url.path(&a.doc.path),
                    source: a.meta.source.clone(),
                })
                .collect();
            (story.path.clone(), StoryReports { docs, reports })
        })
        .collect();
    (stories, story_of)
}

/// The translation group of a document: its key (or the key it translates) without the
/// `content/` and language folders, so that `de/articles/x.md` and `fr/articles/x.md` meet.
fn group_of<'k>(key: &'k str, config: &Config) -> &'k str {
    let key = key.trim().trim_start_matches("@/").trim_start_matches("content/");
    match key.split_once('/') {
        Some((folder, rest)) if config.site.languages.iter().any(|l| l.code == folder) => rest,
        _ => key,
    }
}
