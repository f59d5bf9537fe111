//! The first loading pass: finding and reading content files, parsing their front matter and
//! working out each document's URL. The bodies are rendered in the second pass (`body.rs`),
//! once the index (`index.rs`) knows every document's URL.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::front_matter::{self, ARTICLE_KEYS, NOTE_KEYS, PAGE_KEYS};
use super::{ArticleMeta, Kind, LoadOptions, NoteMeta, PageMeta};
use crate::config::Config;
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics};
use crate::slug::slugify;

/// Largest content file read; anything larger is almost certainly not an article.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// One content file, read.
pub struct Source {
    pub kind: Kind,
    pub key: String,
    pub file: PathBuf,
    pub text: String,
}

/// One content file after its front matter was parsed.
pub struct Parsed {
    pub meta: Meta,
    pub slug: String,
    /// Site-relative URL path (`articles/2026/11/18/x/`).
    pub path: String,
    pub body_offset: usize,
}

pub enum Meta {
    Article(Box<ArticleMeta>),
    Note(Box<NoteMeta>),
    Page(Box<PageMeta>),
}

impl Parsed {
    pub fn title(&self) -> &str {
        match &self.meta {
            Meta::Article(m) => &m.title,
            Meta::Note(m) => &m.title,
            Meta::Page(m) => &m.title,
        }
    }

    /// The language its front matter declares.
    pub fn language(&self) -> Option<&str> {
        match &self.meta {
            Meta::Article(m) => m.language.as_deref(),
            Meta::Note(m) => m.language.as_deref(),
            Meta::Page(m) => m.language.as_deref(),
        }
    }

    pub fn is_published(&self, options: &LoadOptions, tz: chrono_tz::Tz) -> bool {
        if options.drafts {
            return true;
        }
        match &self.meta {
            Meta::Article(m) => !m.draft && m.date.resolve(tz) <= options.now,
            Meta::Note(m) => !m.draft && m.date.resolve(tz) <= options.now,
            Meta::Page(m) => !m.draft,
        }
    }
}

/// Reads in flight while loading content. On this project's 2-core machines, 20 000 article
/// files out of the page cache took 3.1 s to `cat` one at a time and 0.6 s sixteen at a time.
const READERS: usize = 16;

/// Finds and reads every content file, in a stable order: `content/<kind>/`, and on a
/// multilingual site `content/<language>/<kind>/` too.
pub fn read_sources(config: &Config, problems: &mut Diagnostics) -> Vec<Source> {
    let content = config.content_dir();
    let mut paths = Vec::new();
    let folders = std::iter::once(content.clone()).chain(config.site.languages.iter().map(|l| content.join(&l.code)));
    let dirs = folders.flat_map(|f| [Kind::Article, Kind::Note, Kind::Page].map(|k| (k, f.join(k.dir()))));
    for (kind, dir) in dirs {
        for entry in WalkDir::new(&dir).follow_links(false).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(e)
                    if e.io_error().is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound) && e.depth() == 0 =>
                {
                    break
                }
                Err(e) => {
                    problems.push(Diagnostic::error(
                        display(config, e.path().unwrap_or(&dir)),
                        format!("cannot read: {e}"),
                    ));
                    continue;
                }
            };
            if entry.file_name().to_string_lossy().starts_with('.') || entry.file_type().is_dir() {
                continue;
            }
            let path = entry.path().to_path_buf();
            if entry.path_is_symlink() && !symlink_stays_inside(&config.root, &path) {
                problems.push(
                    Diagnostic::warning(
                        display(config, &path),
                        "symbolic link to a file outside the site is not followed",
                    )
                    .with_help("copy the file into `content/` instead"),
                );
                continue;
            }
            if path.extension().is_some_and(|e| e == "md") {
                paths.push((kind, path));
            } else {
                problems.push(
                    Diagnostic::warning(display(config, &path), "not a Markdown file; ignored")
                        .with_help("content files end in `.md`"),
                );
            }
        }
    }
    let read = || -> Vec<Result<Source, Diagnostic>> {
        use rayon::prelude::*;
        paths.into_par_iter().map(|(kind, path)| read_one(config, kind, &path)).collect()
    };
    // Reading waits on the disk more than it works: with the files out of the page cache, many
    // reads in flight are several times faster than one per core. A pool of its own keeps that
    // from crowding the render's pool; without one (threads refused) the shared pool reads.
    let results = match rayon::ThreadPoolBuilder::new().num_threads(READERS).build() {
        Ok(pool) => pool.install(read),
        Err(_) => read(),
    };
    let mut sources = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(s) => sources.push(s),
            Err(d) => problems.push(d),
        }
    }
    sources
}

fn symlink_stays_inside(root: &Path, path: &Path) -> bool {
    match (std::fs::canonicalize(root), std::fs::canonicalize(path)) {
        (Ok(root), Ok(target)) => target.starts_with(root),
        _ => false,
    }
}

fn display(config: &Config, path: &Path) -> PathBuf {
    crate::diagnostics::display_path(&config.root, path)
}

pub fn read_one(config: &Config, kind: Kind, path: &Path) -> Result<Source, Diagnostic> {
    let file = display(config, path);
    let meta = std::fs::metadata(path).map_err(|e| Diagnostic::error(&file, format!("failed to read: {e}")))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            &file,
            format!("file is too large ({} MB; the limit is {} MB)", meta.len() >> 20, MAX_FILE_BYTES >> 20),
        )
        .with_help("split it, or move it out of `content/`"));
    }
    let bytes = std::fs::read(path).map_err(|e| Diagnostic::error(&file, format!("failed to read: {e}")))?;
    // memchr: a byte-at-a-time look at the first 8 KiB was 0.7 % of a build's instructions.
    if memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some() {
        return Err(
            Diagnostic::error(&file, "looks like a binary file, not Markdown").with_help("move it out of `content/`")
        );
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let good = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        Diagnostic::error(&file, "the file is not valid UTF-8")
            .at_offset(&good, valid)
            .with_help("save the file as UTF-8 (`gazette import` converts other encodings)")
    })?;
    let key = path.strip_prefix(config.content_dir()).unwrap_or(path).to_string_lossy().replace('\\', "/");
    Ok(Source { kind, key, file, text })
}

/// Parses the front matter and works out the document's URL.
pub fn parse(config: &Config, source: &Source) -> Result<Parsed, Diagnostic> {
    let file = source.file.as_path();
    let stem = Path::new(&source.key).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let slug = slugify(&stem);
    let (meta, path, body_offset) = match source.kind {
        Kind::Article => {
            let (m, split) = front_matter::parse::<ArticleMeta>(file, &source.text, ARTICLE_KEYS)?;
            let day = m.date.day(config.tz);
            let path = format!("articles/{}/{slug}/", day.format("%Y/%m/%d"));
            (Meta::Article(Box::new(m)), path, split.body_offset)
        }
        Kind::Note => {
            let (m, split) = front_matter::parse::<NoteMeta>(file, &source.text, NOTE_KEYS)?;
            (Meta::Note(Box::new(m)), format!("notes/{slug}/"), split.body_offset)
        }
        Kind::Page => {
            let (m, split) = front_matter::parse::<PageMeta>(file, &source.text, PAGE_KEYS)?;
            (Meta::Page(Box::new(m)), format!("pages/{slug}/"), split.body_offset)
        }
    };
    let parsed = Parsed { meta, slug, path, body_offset };
    if parsed.title().trim().is_empty() {
        return Err(Diagnostic::error(file, "the title is empty")
            .at_key(&source.text, "title")
            .with_help("write a headline after `title:`"));
    }
    Ok(parsed)
}

/// Checks that a topic slug exists, with a "did you mean" hint.
pub fn check_topic(config: &Config, file: &Path, text: &str, key: &str, topic: &str) -> Option<Diagnostic> {
    if config.topic(topic).is_some() {
        return None;
    }
    let slugs = config.site.topics.iter().map(|t| t.slug.as_str());
    let help = match did_you_mean(topic, slugs) {
        Some(best) => format!("did you mean `{best}`?"),
        None if config.site.topics.is_empty() => "no topics are defined: add them under `topics:` in site.yaml".into(),
        None => format!(
            "topics in site.yaml: {}",
            config.site.topics.iter().map(|t| t.slug.as_str()).collect::<Vec<_>>().join(", ")
        ),
    };
    Some(Diagnostic::error(file, format!("unknown topic `{topic}`")).at_key(text, key).with_help(help))
}
