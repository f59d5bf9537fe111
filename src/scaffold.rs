//! `gazette init` and `gazette new`: starting a site and starting an article or a note.
//!
//! Nothing here overwrites a file: `init` refuses a non-empty folder without `force`,
//! and `new` refuses a path that exists.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};

use crate::config::Config;
use crate::content::dates::FmDate;
use crate::content::front_matter::{to_file_text, ArticleMeta, NoteMeta};
use crate::diagnostics::did_you_mean;
use crate::slug::slugify;

const SITE_YAML: &str = r#"# site.yaml: the configuration of a Gazette site. Only `title` and `base_url` are required.
title: My Digest
# Where the site is published. For GitHub Pages: https://USER.github.io/REPO/
base_url: https://example.org/
description: The day's news, gathered by our editors.
language: en
# IANA time zone; daily editions are cut at local midnight.
timezone: UTC
# The theme: `default` is built in; put your own in themes/<name>/ (it may `extends: default`).
theme: default
paginate_by: 20
publisher: My Digest editors
topics:
  - slug: world
    name: World
    description: News from around the world.
  - slug: science
    name: Science
    description: Research and discovery.
# weekly_editions: true
# aliases: {"Zelensky": "Zelenskyy"}
"#;

const GITIGNORE: &str = "/output\n/.gazette-*\n/.gazette/cache/\n";

/// The Pages workflow a new site gets: it runs this repository's action (`action.yml`), which
/// downloads the release named in `gazette.version`, checks its SHA-256, then checks, builds
/// and uploads the site. This repository's own `.github/workflows/pages.yml` is the same file
/// with the action taken from the checkout (`uses: ./`); a test keeps the two equal.
pub const PAGES_WORKFLOW: &str = include_str!("scaffold/pages.yml");

/// The scheduled workflow a new site gets: `gazette fetch`, commit, build and deploy.
pub const FETCH_WORKFLOW: &str = include_str!("scaffold/fetch.yml");

/// The action every workflow above uses, as `uses:` spells it.
pub const ACTION: &str = "gazette-ssg/gazette@v1";

/// `gazette.version`: the release a site's workflows install (this binary's own version).
fn version_file() -> String {
    format!("{}\n", crate::VERSION)
}

/// Creates a working site in `dir`.
pub fn init(dir: &Path, force: bool) -> anyhow::Result<Vec<PathBuf>> {
    let non_empty = std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(false);
    if non_empty && !force {
        bail!("refusing to create a site in `{}`: the folder is not empty (use --force to add the files anyway; existing files are kept)", dir.display());
    }
    let today = chrono::Utc::now().date_naive();
    let article = format!(
        "---\ntitle: Welcome to your digest\ndate: {today}\ntopic: world\nsource: My Digest\nsummary: The first article of a new Gazette site.\n---\n\nThis is an example article. Import real ones with `gazette import`, or write them here:\none Markdown file per article under `content/articles/YYYY/MM/DD/`.\n"
    );
    let note = format!(
        "---\ntitle: A note from the editors\ndate: {today}\nedition: {today}\n---\n\nNotes are the editors' own writing. This one belongs to today's edition and mentions [[welcome]].\n"
    );
    let files: Vec<(String, String)> = vec![
        ("site.yaml".into(), SITE_YAML.into()),
        (".gitignore".into(), GITIGNORE.into()),
        ("gazette.version".into(), version_file()),
        (".github/workflows/pages.yml".into(), PAGES_WORKFLOW.into()),
        (".github/workflows/fetch.yml".into(), FETCH_WORKFLOW.into()),
        (format!("content/articles/{}/welcome.md", today.format("%Y/%m/%d")), article),
        ("content/notes/first-note.md".into(), note),
        ("content/pages/about.md".into(), "---\ntitle: About\n---\n\nWhat this digest is and who makes it.\n".into()),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(&rel);
        if path.exists() {
            continue;
        }
        write_new(&path, &text)?;
        written.push(path);
    }
    Ok(written)
}

/// Creates `content/articles/YYYY/MM/DD/<slug>.md` dated now in the site's time zone.
pub fn new_article(site: &Path, title: &str, topic: Option<&str>) -> anyhow::Result<PathBuf> {
    let config = Config::load(site, None)?;
    if let Some(topic) = topic {
        if config.topic(topic).is_none() {
            let hint = did_you_mean(topic, config.site.topics.iter().map(|t| t.slug.as_str()))
                .map_or_else(String::new, |b| format!(" (did you mean `{b}`?)"));
            bail!("unknown topic `{topic}`{hint}");
        }
    }
    let now = chrono::Utc::now().with_timezone(&config.tz).fixed_offset();
    let meta = ArticleMeta {
        title: title.to_owned(),
        date: FmDate::Zoned(now),
        updated: None,
        topic: topic.map(str::to_owned),
        tags: vec![],
        people: vec![],
        organizations: vec![],
        places: vec![],
        authors: config.site.authors.clone(),
        source: None,
        source_url: None,
        paywall: None,
        language: None,
        section: None,
        summary: None,
        images: vec![],
        story: None,
        draft: false,
        aliases: Vec::new(),
        translation_of: None,
        source_file: None,
        extra: Default::default(),
    };
    let path = config
        .content_dir()
        .join("articles")
        .join(now.format("%Y/%m/%d").to_string())
        .join(format!("{}.md", slugify(title)));
    write_new(&path, &to_file_text(&meta, "Write the article here.")?)?;
    Ok(path)
}

/// Creates `content/notes/<slug>.md`, optionally attached to an edition.
pub fn new_note(site: &Path, title: &str, edition: Option<&str>) -> anyhow::Result<PathBuf> {
    let config = Config::load(site, None)?;
    let edition = match edition {
        Some(e) => {
            Some(FmDate::parse(e).with_context(|| format!("invalid edition date `{e}`: write it as YYYY-MM-DD"))?)
        }
        None => None,
    };
    let now = chrono::Utc::now().with_timezone(&config.tz).fixed_offset();
    let meta = NoteMeta {
        title: title.to_owned(),
        date: FmDate::Zoned(now),
        authors: config.site.authors.clone(),
        edition,
        topics: vec![],
        articles: vec![],
        story: None,
        summary: None,
        language: None,
        translation_of: None,
        draft: false,
        extra: Default::default(),
    };
    let path = config.content_dir().join("notes").join(format!("{}.md", slugify(title)));
    write_new(&path, &to_file_text(&meta, "Write the note here.")?)?;
    Ok(path)
}

/// Writes a new file, refusing to replace an existing one.
fn write_new(path: &Path, text: &str) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("failed to create `{}`", dir.display()))?;
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            anyhow::anyhow!("`{}` already exists; choose another title or edit that file", path.display())
        } else {
            anyhow::Error::new(e).context(format!("failed to create `{}`", path.display()))
        }
    })?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .with_context(|| format!("failed to write `{}`", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_workflows_use_the_action_and_never_compile_or_install_a_crate() {
        for w in [PAGES_WORKFLOW, FETCH_WORKFLOW] {
            assert!(w.contains(&format!("uses: {ACTION}")), "{w}");
            assert!(!w.contains("cargo "), "a site's workflow must not compile Gazette: {w}");
        }
    }

    #[test]
    fn init_pins_its_own_version() {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path(), false).unwrap();
        let pin = std::fs::read_to_string(dir.path().join("gazette.version")).unwrap();
        assert_eq!(pin.trim(), env!("CARGO_PKG_VERSION"));
        assert!(dir.path().join(".github/workflows/fetch.yml").exists());
    }

    #[test]
    fn init_refuses_non_empty_folder_and_new_refuses_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("keep.txt"), "mine").unwrap();
        assert!(init(dir.path(), false).is_err());
        assert!(!init(dir.path(), true).unwrap().is_empty());
        assert_eq!(std::fs::read_to_string(dir.path().join("keep.txt")).unwrap(), "mine");
        let path = new_article(dir.path(), "Hello there", Some("world")).unwrap();
        assert!(path.ends_with("hello-there.md"));
        assert!(new_article(dir.path(), "Hello there", Some("world")).is_err());
        let err = new_article(dir.path(), "X", Some("wrld")).unwrap_err().to_string();
        assert!(err.contains("did you mean `world`?"), "{err}");
    }
}
