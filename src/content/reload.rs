//! Loading again after some content files changed (`serve`): only those files are read,
//! parsed and rendered, plus the few documents whose output depends on them — bodies that
//! link to a document whose title or URL changed (a `[[ ]]` link shows the title), and the
//! notes when articles come or go (a note names its articles). Every other document keeps
//! its loaded state. The result is what [`super::load`] would return from the files now.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rayon::prelude::*;

use super::body::{self, Loaded};
use super::index::{stem, DocIndex};
use super::read::{self, Parsed, Source};
use super::{Article, Content, Kind, LoadOptions};
use crate::config::Config;
use crate::diagnostics::{ContentErrors, Diagnostic, Diagnostics};

/// What [`reload`] changed.
#[derive(Debug, Default)]
pub struct Reloaded {
    /// Articles replaced (same key): (index now, previous version).
    pub replaced: Vec<(usize, Article)>,
    /// Some of them changed date and moved, so article indices changed (but no article came
    /// or went).
    pub moved: bool,
    /// Articles were added or removed, so article indices changed.
    pub reordered: bool,
    /// Keys of the documents read again.
    pub keys: Vec<String>,
}

/// A changed file: its kind, key and, when it exists and is published, what it holds.
type Fresh = (Kind, String, Option<(Source, Parsed)>);

/// Reads the changed files `paths` (absolute, under `content/`) and everything that depends
/// on them, and updates `content` in place. Returns `Ok(None)` when the change is not one of
/// files (a folder, say) and the caller should load everything; on error `content` is as it was.
pub fn reload(
    config: &Config,
    content: &mut Content,
    options: &LoadOptions,
    paths: &[std::path::PathBuf],
) -> Result<Option<Reloaded>, ContentErrors> {
    let mut problems = Diagnostics::default();
    let Some(wanted) = wanted_keys(config, content, paths) else { return Ok(None) };
    let mut fresh = read_all(config, options, &wanted, &mut problems);
    // The index is changed in place; `undo` holds what it had, to put back on error.
    let mut undo: Vec<(String, Option<(String, String)>)> = Vec::new();
    for (_, key, doc) in &fresh {
        undo.push((key.clone(), index_doc(config, &mut content.index, key, doc)));
    }
    // Documents whose rendering depends on the changed ones, read again as well.
    let dependents = dependents(content, &undo, &fresh);
    let extra: BTreeMap<String, Kind> = dependents.into_iter().filter(|(key, _)| !wanted.contains_key(key)).collect();
    for (_, key, doc) in read_all(config, options, &extra, &mut problems) {
        undo.push((key.clone(), index_doc(config, &mut content.index, &key, &doc)));
        fresh.push((kind_of(&key), key, doc));
    }
    check_paths(content, &fresh, &mut problems);
    let keys: Vec<(Kind, String)> = fresh.iter().map(|(kind, key, _)| (*kind, key.clone())).collect();
    let present: Vec<(Source, Parsed)> = fresh.into_iter().filter_map(|f| f.2).collect();
    let index = &content.index;
    index.check_references(config, &present, &mut problems);
    let rendered: Vec<_> = present.into_par_iter().map(|(source, p)| body::render(config, index, source, p)).collect();
    let mut loaded = Vec::new();
    for result in rendered {
        match result {
            Ok(doc) => loaded.push(doc),
            Err(ds) => problems.extend(ds),
        }
    }
    if problems.has_errors() {
        for (key, before) in undo.into_iter().rev() {
            content.index.restore(&key, before);
        }
        return Err(ContentErrors(problems.sorted()));
    }
    Ok(Some(apply(content, keys, loaded)))
}

/// Puts a changed document into the index (or takes it out); returns its previous entry.
fn index_doc(
    config: &Config,
    index: &mut DocIndex,
    key: &str,
    doc: &Option<(Source, Parsed)>,
) -> Option<(String, String)> {
    let before = index.entry(key).cloned();
    match doc {
        Some((_, parsed)) => index.insert(config, key, parsed),
        None => index.remove(key),
    }
    before
}

/// The documents to read again for the changed `paths`: a Markdown file under
/// `content/<kind>/`, the Markdown files of a folder that appeared there, the documents of a
/// folder that vanished. Other files are left out (a full load only warns about them).
/// `None` when only a full load can tell (a symbolic link, a file outside the three folders).
fn wanted_keys(config: &Config, content: &Content, paths: &[std::path::PathBuf]) -> Option<BTreeMap<String, Kind>> {
    let mut wanted = BTreeMap::new();
    let root = config.content_dir();
    for path in paths {
        let rel = path.strip_prefix(&root).ok()?.to_string_lossy().replace('\\', "/");
        let in_kind = [Kind::Article, Kind::Note, Kind::Page].iter().any(|k| rel.starts_with(&format!("{}/", k.dir())));
        let is_md = rel.ends_with(".md");
        if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
            || (!in_kind && (is_md || path.is_dir()))
        {
            return None;
        }
        if !in_kind && !path.exists() {
            // A kind folder (or the whole of `content/`) vanished: every document in it.
            let prefix = if rel.is_empty() { String::new() } else { format!("{rel}/") };
            wanted.extend(keys_under(content, &prefix));
        } else if path.is_dir() {
            for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
                let entry = entry.ok()?;
                if entry.path_is_symlink() {
                    return None;
                }
                let name = entry.file_name().to_string_lossy();
                if entry.file_type().is_file() && name.ends_with(".md") && !name.starts_with('.') {
                    let key = entry.path().strip_prefix(&root).ok()?.to_string_lossy().replace('\\', "/");
                    wanted.insert(key.clone(), kind_of(&key));
                }
            }
        } else if is_md {
            wanted.insert(rel.clone(), kind_of(&rel));
        } else if !path.exists() {
            wanted.extend(keys_under(content, &format!("{rel}/"))); // a folder vanished
        }
    }
    Some(wanted)
}

/// Keys of the documents whose key starts with `prefix`.
fn keys_under(content: &Content, prefix: &str) -> Vec<(String, Kind)> {
    let docs = content
        .articles
        .iter()
        .map(|a| &a.doc.key)
        .chain(content.notes.iter().map(|n| &n.doc.key))
        .chain(content.pages.iter().map(|p| &p.doc.key));
    docs.filter(|k| k.starts_with(prefix)).map(|k| (k.clone(), kind_of(k))).collect()
}

fn kind_of(key: &str) -> Kind {
    [Kind::Article, Kind::Note, Kind::Page]
        .into_iter()
        .find(|k| key.starts_with(&format!("{}/", k.dir())))
        .unwrap_or(Kind::Page)
}

/// Reads and parses the files of `keys`; a missing, draft or future file comes back empty.
fn read_all(
    config: &Config,
    options: &LoadOptions,
    keys: &BTreeMap<String, Kind>,
    problems: &mut Diagnostics,
) -> Vec<Fresh> {
    let results: Vec<Result<Fresh, Diagnostic>> = keys
        .par_iter()
        .map(|(key, &kind)| {
            let path = config.content_dir().join(key);
            if !path.is_file() {
                return Ok((kind, key.clone(), None));
            }
            let source = read::read_one(config, kind, &path)?;
            let parsed = read::parse(config, &source)?;
            let doc = parsed.is_published(options, config.tz).then_some((source, parsed));
            Ok((kind, key.clone(), doc))
        })
        .collect();
    results.into_iter().filter_map(|r| r.map_err(|d| problems.push(d)).ok()).collect()
}

/// The documents to render again because of `fresh` (`before`: each one's previous index
/// entry): bodies linking to a document whose title or URL changed, that left, or whose file
/// name another document now shares or no longer shares (`[[name]]` links); every note when
/// articles came or went.
fn dependents(
    content: &Content,
    before: &[(String, Option<(String, String)>)],
    fresh: &[Fresh],
) -> Vec<(String, Kind)> {
    let mut targets: BTreeSet<&str> = BTreeSet::new();
    let mut stems: BTreeSet<String> = BTreeSet::new();
    let mut articles_changed = false;
    for ((kind, key, _), (_, was)) in fresh.iter().zip(before) {
        match (was, content.index.entry(key)) {
            (Some(a), Some(b)) if a == b => continue,
            (Some(_), Some(_)) => {}
            _ => {
                stems.insert(stem(key));
                articles_changed |= *kind == Kind::Article;
            }
        }
        targets.insert(key);
    }
    if targets.is_empty() {
        return Vec::new();
    }
    let docs = content
        .articles
        .iter()
        .map(|a| (&a.doc, Kind::Article))
        .chain(content.notes.iter().map(|n| (&n.doc, Kind::Note)))
        .chain(content.pages.iter().map(|p| (&p.doc, Kind::Page)));
    docs.filter(|(doc, kind)| {
        (articles_changed && *kind == Kind::Note)
            || doc.links.iter().any(|l| targets.contains(l.as_str()) || stems.contains(&stem(l)))
    })
    .map(|(doc, kind)| (doc.key.clone(), kind))
    .collect()
}

/// Two documents on one URL are an error naming both, as in a full load.
fn check_paths(content: &Content, fresh: &[Fresh], problems: &mut Diagnostics) {
    let changed: BTreeSet<&str> = fresh.iter().map(|f| f.1.as_str()).collect();
    let staying = content
        .articles
        .iter()
        .map(|a| &a.doc)
        .chain(content.notes.iter().map(|n| &n.doc))
        .chain(content.pages.iter().map(|p| &p.doc))
        .filter(|d| !changed.contains(d.key.as_str()))
        .map(|d| (d.path.as_str(), d.file.as_path()));
    let mut arriving: Vec<(&str, &Path)> = Vec::new();
    for (source, parsed) in fresh.iter().filter_map(|f| f.2.as_ref()) {
        let other = arriving.iter().copied().chain(staying.clone()).find(|(path, _)| *path == parsed.path);
        if let Some((_, other)) = other {
            problems.push(
                Diagnostic::error(
                    &source.file,
                    format!(
                        "`{}` and `{}` would both be written to /{}",
                        other.display(),
                        source.file.display(),
                        parsed.path
                    ),
                )
                .with_help("rename one of the files, or change its date"),
            );
        }
        arriving.push((&parsed.path, &source.file));
    }
}

/// Puts the loaded documents in place of the old ones, keeping every list sorted as
/// [`super::load`] sorts it.
fn apply(content: &mut Content, keys: Vec<(Kind, String)>, loaded: Vec<Loaded>) -> Reloaded {
    let mut out = Reloaded { keys: keys.iter().map(|k| k.1.clone()).collect(), ..Default::default() };
    let mut articles: BTreeMap<String, Article> = BTreeMap::new();
    let mut others: BTreeSet<String> = BTreeSet::new();
    for doc in loaded {
        match doc {
            Loaded::Article(a) => {
                articles.insert(a.doc.key.clone(), *a);
            }
            Loaded::Note(n) => {
                others.insert(n.doc.key.clone());
                content.notes.push(*n);
            }
            Loaded::Page(p) => {
                others.insert(p.doc.key.clone());
                content.pages.push(*p);
            }
        }
    }
    for (kind, key) in &keys {
        match kind {
            Kind::Article => place_article(&mut content.articles, key, articles.remove(key), &mut out),
            // The fresh versions were pushed at the end: drop the older entry with the key.
            Kind::Note => drop_older(&mut content.notes, key, others.contains(key), |n| &n.doc.key),
            Kind::Page => drop_older(&mut content.pages, key, others.contains(key), |p| &p.doc.key),
        }
    }
    if out.reordered {
        out.replaced.clear();
        out.moved = false;
    } else if out.moved {
        let at: std::collections::HashMap<&str, usize> =
            content.articles.iter().enumerate().map(|(i, a)| (a.doc.key.as_str(), i)).collect();
        for (i, before) in &mut out.replaced {
            *i = at[before.doc.key.as_str()];
        }
    }
    content.notes.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.doc.key.cmp(&b.doc.key)));
    content.pages.sort_by(|a, b| a.doc.key.cmp(&b.doc.key));
    out
}

/// Puts the new version of the article with `key` (`None`: it is gone) in its place, and
/// records in `out` how the articles changed.
fn place_article(articles: &mut Vec<Article>, key: &str, new: Option<Article>, out: &mut Reloaded) {
    let at = articles.iter().position(|a| a.doc.key == key);
    match (at, new) {
        (Some(i), Some(a)) if a.date == articles[i].date => {
            out.replaced.push((i, std::mem::replace(&mut articles[i], a)));
        }
        (Some(i), Some(a)) => {
            // Its index is found once all are in place (later moves shift it).
            let before = articles.remove(i);
            let at = articles.partition_point(|x| newest_first(x, &a));
            articles.insert(at, a);
            out.replaced.push((usize::MAX, before));
            out.moved = true;
        }
        (at, new) => {
            out.reordered |= at.is_some() || new.is_some();
            if let Some(i) = at {
                articles.remove(i);
            }
            if let Some(a) = new {
                let i = articles.partition_point(|x| newest_first(x, &a));
                articles.insert(i, a);
            }
        }
    }
}

/// Whether `x` sorts before `a` in article order (newest first, then by key).
fn newest_first(x: &Article, a: &Article) -> bool {
    x.date > a.date || (x.date == a.date && x.doc.key < a.doc.key)
}

/// Removes the entries of `list` with `key`, but the last when `fresh` (the new version was
/// pushed at the end).
fn drop_older<T>(list: &mut Vec<T>, key: &str, fresh: bool, key_of: impl Fn(&T) -> &String) {
    let keep = if fresh { list.iter().rposition(|x| key_of(x) == key) } else { None };
    let mut i = 0;
    list.retain(|x| {
        i += 1;
        key_of(x) != key || Some(i - 1) == keep
    });
}
