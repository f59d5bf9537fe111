//! The articles already in a folder, read once (in parallel): the duplicate index and the topic
//! model's examples both come from them when import writes into the site's own articles.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use chrono::NaiveDate;

use crate::content::front_matter::{parse, ArticleMeta, ARTICLE_KEYS};

/// One article file that loads.
pub struct ExistingArticle {
    pub path: PathBuf,
    pub meta: ArticleMeta,
    pub body: String,
}

/// Every Markdown file under `dir` (which may not exist) that loads, in file-name order; the
/// others are skipped.
pub fn read_articles(dir: &Path) -> Vec<ExistingArticle> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let paths: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    paths
        .into_par_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            let (meta, split) = parse::<ArticleMeta>(&path, &text, ARTICLE_KEYS).ok()?;
            let body = split.body.to_owned();
            Some(ExistingArticle { path, meta, body })
        })
        .collect()
}

/// What identifies articles already present: their URLs and the fingerprints of their text.
#[derive(Debug, Default)]
pub struct ExistingIndex {
    urls: HashMap<String, String>,
    texts: HashMap<u64, Vec<(Publication, String)>>,
}

/// Who published a text and when, as far as the front matter says. Importing the same input
/// again gives the same publication. The same text under another byline, on another day, or
/// with a byline or date the first copy lacked is a syndicated copy, a re-run or a better scrape:
/// it is imported (organize marks it as a copy of the first), so that nothing it adds is lost.
#[derive(Debug, PartialEq)]
struct Publication {
    /// `None` when import found no date and used the day of the import.
    day: Option<NaiveDate>,
    /// Lower-cased and sorted; empty when unknown.
    authors: Vec<String>,
}

impl Publication {
    fn of(meta: &ArticleMeta) -> Publication {
        let guessed =
            meta.extra.get("date_source").and_then(|v| v.as_str()).is_some_and(|s| s == "imported" || s == "import");
        let day = (!guessed).then(|| meta.date.written_day());
        let mut authors: Vec<String> = meta.authors.iter().map(|a| a.trim().to_lowercase()).collect();
        authors.sort();
        Publication { day, authors }
    }
}

/// A fingerprint of an article's text (headline and body) that ignores markup, case and
/// punctuation: a hash of all its words, so only the same text gives the same fingerprint.
/// `None` for bodies too short to identify an article.
pub fn body_fingerprint(title: &str, body: &str) -> Option<u64> {
    use std::hash::{BuildHasher as _, Hasher as _};
    let plain = super::text::markdown_plain(body);
    // A fixed seed: fingerprints are only compared within one run, but stay reproducible.
    let mut h = foldhash::fast::FixedState::default().build_hasher();
    let mut words = 0usize;
    let mut buf = String::new();
    for w in [title, plain.as_str()].into_iter().flat_map(|s| s.split(|c: char| !c.is_alphanumeric())) {
        if w.is_empty() {
            continue;
        }
        if w.is_ascii() {
            buf.clear();
            buf.push_str(w);
            buf.make_ascii_lowercase();
            h.write(buf.as_bytes());
        } else {
            h.write(w.to_lowercase().as_bytes());
        }
        h.write_u8(0xff);
        words += 1;
    }
    (words >= 25).then(|| h.finish())
}

/// The form of a URL the duplicate check compares: without tracking parameters, fragment,
/// scheme, `www.`, trailing slash or case.
fn normalize_url(url: &str) -> String {
    let cleaned = super::tracking::clean(url);
    let u = cleaned.trim();
    let u = u.split('#').next().unwrap_or(u);
    let u = u.strip_prefix("https://").or_else(|| u.strip_prefix("http://")).unwrap_or(u);
    let u = u.strip_prefix("www.").unwrap_or(u);
    u.trim_end_matches('/').to_lowercase()
}

impl ExistingIndex {
    /// Reads the front matter and text of every Markdown file under `dir` (which may not exist).
    pub fn scan(dir: &Path) -> ExistingIndex {
        ExistingIndex::of(&read_articles(dir))
    }

    /// The index of articles already read.
    pub fn of(articles: &[ExistingArticle]) -> ExistingIndex {
        let fingerprints: Vec<Option<u64>> =
            articles.par_iter().map(|a| body_fingerprint(&a.meta.title, &a.body)).collect();
        let mut index = ExistingIndex::default();
        for (a, f) in articles.iter().zip(fingerprints) {
            index.add(&a.meta, f, a.path.display().to_string());
        }
        index
    }

    pub(super) fn add(&mut self, meta: &ArticleMeta, fingerprint: Option<u64>, name: String) {
        if let Some(url) = &meta.source_url {
            self.urls.insert(normalize_url(url), name.clone());
        }
        if let Some(f) = fingerprint {
            self.texts.entry(f).or_default().push((Publication::of(meta), name));
        }
    }

    /// The article already present that this one duplicates: the same URL, or the same text
    /// published by the same people on the same day.
    pub(super) fn find(&self, meta: &ArticleMeta, fingerprint: Option<u64>) -> Option<&String> {
        if let Some(name) = meta.source_url.as_ref().and_then(|u| self.urls.get(&normalize_url(u))) {
            return Some(name);
        }
        let publication = Publication::of(meta);
        let same_text = fingerprint.and_then(|f| self.texts.get(&f))?;
        same_text.iter().find(|(p, _)| *p == publication).map(|(_, name)| name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_ignore_markup_and_case_but_not_words() {
        let body = "One two three four five six seven eight nine ten eleven twelve thirteen fourteen \
                    fifteen sixteen seventeen eighteen nineteen twenty twenty-one twenty-two.";
        let a = body_fingerprint("A title", body).unwrap();
        assert_eq!(body_fingerprint("A *Title*", &body.to_uppercase()), Some(a));
        assert_ne!(body_fingerprint("A title", &body.replace("six", "sixty")), Some(a));
        assert_eq!(body_fingerprint("Short", "Too few words."), None);
    }

    fn meta(front: &str) -> ArticleMeta {
        let text = format!("---\ntitle: Same\n{front}\n---\n");
        parse::<ArticleMeta>(Path::new("x.md"), &text, ARTICLE_KEYS).unwrap().0
    }

    #[test]
    fn same_text_under_another_byline_or_day_is_not_a_duplicate() {
        let mut index = ExistingIndex::default();
        index.add(&meta("date: 2005-03-03\nauthors: [Omar Haddad]"), Some(7), "first.md".into());
        let again = meta("date: 2005-03-03T09:00:00+00:00\nauthors: [omar haddad]");
        assert_eq!(index.find(&again, Some(7)).map(String::as_str), Some("first.md"));
        let undated = meta("date: 2026-11-27\nextra: {date_source: import}");
        assert_eq!(index.find(&undated, Some(7)), None, "a copy with a byline and date is kept");
        index.add(&undated, Some(7), "undated.md".into());
        let undated_later = meta("date: 2026-11-28\nextra: {date_source: import}");
        assert_eq!(index.find(&undated_later, Some(7)).map(String::as_str), Some("undated.md"));
        assert_eq!(index.find(&meta("date: 2005-03-21\nauthors: [Omar Haddad]"), Some(7)), None);
        assert_eq!(index.find(&meta("date: 2005-03-03\nauthors: [Aisha Khan]"), Some(7)), None);
        assert_eq!(index.find(&again, Some(8)), None);
    }

    #[test]
    fn same_url_is_a_duplicate_whatever_the_byline() {
        let mut index = ExistingIndex::default();
        index.add(&meta("date: 2005-03-03\nsource_url: https://www.example.com/a/"), None, "a.md".into());
        let other = meta("date: 2006-01-01\nauthors: [Someone]\nsource_url: http://example.com/a");
        assert_eq!(index.find(&other, None).map(String::as_str), Some("a.md"));
        let shared = meta("date: 2006-01-01\nsource_url: https://example.com/a?utm_source=newsletter&fbclid=x");
        assert_eq!(index.find(&shared, None).map(String::as_str), Some("a.md"), "tracking parameters ignored");
        let other_page = meta("date: 2006-01-01\nsource_url: https://example.com/a?page=2");
        assert_eq!(index.find(&other_page, None), None, "real parameters count");
    }
}
