//! Writing imported articles: duplicate checks against the output folder and earlier imports,
//! file naming (`YYYY/MM/DD/<slug>.md`), never overwriting without `--force`, atomic writes.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::{ArticleFile, ImportOptions, ImportReport, Imported};
use crate::content::dates::FmDate;
use crate::content::front_matter::{parse, to_file_text, ArticleMeta, ARTICLE_KEYS};

/// What identifies articles already present: their URLs and the fingerprints of their text.
#[derive(Debug, Default)]
pub struct ExistingIndex {
    urls: HashMap<String, String>,
    texts: HashMap<u64, String>,
}

/// A fingerprint of an article's text (headline and body) that ignores markup, case and
/// punctuation. `None` for bodies too short to identify an article.
pub fn body_fingerprint(title: &str, body: &str) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let plain = format!("{title}\n{}", super::text::markdown_plain(body));
    let words: Vec<String> =
        plain.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| w.to_lowercase()).collect();
    if words.len() < 25 {
        return None;
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    words.hash(&mut h);
    Some(h.finish())
}

fn normalize_url(url: &str) -> String {
    let u = url.trim();
    let u = u.split('#').next().unwrap_or(u);
    let u = u.strip_prefix("https://").or_else(|| u.strip_prefix("http://")).unwrap_or(u);
    let u = u.strip_prefix("www.").unwrap_or(u);
    u.trim_end_matches('/').to_lowercase()
}

impl ExistingIndex {
    /// Reads the front matter and text of every Markdown file under `dir` (which may not exist).
    pub fn scan(dir: &Path) -> ExistingIndex {
        let mut index = ExistingIndex::default();
        if !dir.is_dir() {
            return index;
        }
        for entry in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok) {
            let path = entry.path();
            if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(path) else { continue };
            let Ok((meta, split)) = parse::<ArticleMeta>(path, &text, ARTICLE_KEYS) else { continue };
            index.add(&meta, split.body, path.display().to_string());
        }
        index
    }

    fn add(&mut self, meta: &ArticleMeta, body: &str, name: String) {
        if let Some(url) = &meta.source_url {
            self.urls.insert(normalize_url(url), name.clone());
        }
        if let Some(f) = body_fingerprint(&meta.title, body) {
            self.texts.insert(f, name);
        }
    }

    fn find(&self, meta: &ArticleMeta, body: &str) -> Option<&String> {
        meta.source_url
            .as_ref()
            .and_then(|u| self.urls.get(&normalize_url(u)))
            .or_else(|| body_fingerprint(&meta.title, body).and_then(|f| self.texts.get(&f)))
    }
}

/// Decides where one article goes and writes it (or prints it), recording the outcome.
pub(super) fn place(
    file: ArticleFile,
    input: &str,
    options: &ImportOptions,
    out_dir: &Path,
    index: &mut ExistingIndex,
    report: &mut ImportReport,
) {
    let text = match to_file_text(&file.meta, &file.body) {
        Ok(t) => t,
        Err(e) => {
            report.failed.push((input.to_owned(), format!("could not write the front matter: {e}")));
            return;
        }
    };
    let mut overwrite_target: Option<PathBuf> = None;
    if let Some(existing) = index.find(&file.meta, &file.body) {
        let on_disk = Path::new(existing).is_file() && Path::new(existing).starts_with(out_dir);
        if options.force && on_disk && !existing.starts_with("this run:") {
            overwrite_target = Some(PathBuf::from(existing));
        } else {
            report.duplicates.push((input.to_owned(), existing.clone()));
            return;
        }
    }
    if options.stdout {
        report.printed.push_str(&text);
        index.add(&file.meta, &file.body, format!("this run: {input}"));
        report.imported.push(Imported { input: input.to_owned(), path: None, title: file.meta.title });
        return;
    }
    let path = match overwrite_target {
        Some(p) => p,
        None => {
            let day = match file.meta.date {
                FmDate::Zoned(d) => d.date_naive(),
                FmDate::Local(d) => d.date(),
                FmDate::Day(d) => d,
            };
            let dir = out_dir
                .join(day.format("%Y").to_string())
                .join(day.format("%m").to_string())
                .join(day.format("%d").to_string());
            free_path(&dir, &file.slug, options.force)
        }
    };
    if !options.dry_run {
        if let Err(e) = write_atomic(&path, &text, options.force) {
            report.failed.push((input.to_owned(), format!("{e:#}")));
            return;
        }
    }
    index.add(&file.meta, &file.body, path.display().to_string());
    report.imported.push(Imported { input: input.to_owned(), path: Some(path), title: file.meta.title });
}

/// `<dir>/<slug>.md`, or with `-2`, `-3`… when that name is taken (unless `force`).
fn free_path(dir: &Path, slug: &str, force: bool) -> PathBuf {
    let first = dir.join(format!("{slug}.md"));
    if force || !first.exists() {
        return first;
    }
    (2..).map(|n| dir.join(format!("{slug}-{n}.md"))).find(|p| !p.exists()).unwrap_or(first)
}

/// Writes through a temporary file in the same folder, then renames it into place; without
/// `force` an existing file is never replaced.
fn write_atomic(path: &Path, text: &str, force: bool) -> anyhow::Result<()> {
    let dir = path.parent().context("the output path has no folder")?;
    std::fs::create_dir_all(dir).with_context(|| format!("failed to create `{}`", dir.display()))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".gazette-import-")
        .tempfile_in(dir)
        .with_context(|| format!("failed to create a temporary file in `{}`", dir.display()))?;
    tmp.write_all(text.as_bytes()).with_context(|| format!("failed to write `{}`", tmp.path().display()))?;
    if force {
        tmp.persist(path).map_err(|e| e.error).with_context(|| format!("failed to write `{}`", path.display()))?;
    } else {
        tmp.persist_noclobber(path)
            .map_err(|e| e.error)
            .with_context(|| format!("`{}` already exists; use --force to replace it", path.display()))?;
    }
    Ok(())
}
