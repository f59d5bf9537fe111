//! Addresses that keep working when an article moves (its date or slug edited).
//!
//! An article's `aliases:` (`/articles/2026/11/17/old-slug/`) each get a small page at that
//! address that sends the reader on ([`redirect_files`]): a `meta refresh`, a canonical link
//! for search engines and a plain link for everyone else — no script, as GitHub Pages serves
//! only files. [`url_list`] is the address of every page of a build, which `build` keeps in
//! `.gazette/urls.txt` (committed with the site) and `check` compares with the next build
//! (`gazette check`) to name the addresses that vanished and the `aliases:` line to add.

use std::collections::HashMap;
use std::path::Path;

use super::context::Ctx;
use super::page::file_for;
use super::pages::{self, Job};
use crate::config::Config;
use crate::content::markdown::escape;
use crate::content::Article;
use crate::diagnostics::{ContentErrors, Diagnostic, Diagnostics};

/// Where `build` keeps the page addresses of the last build, in the site folder.
pub const URLS_FILE: &str = ".gazette/urls.txt";

/// The first line of [`URLS_FILE`], saying what it is for.
const URLS_HEADER: &str = "# The address of every page of the last `gazette build` and the file it comes from: \
`gazette check` names the ones that vanish. Commit this file.\n";

/// An alias as a site-relative path (`articles/2026/11/17/old-slug/`, `old/page.html`), or
/// what is wrong with it. The site's base path may be written or left out.
pub fn alias_path(base_path: &str, alias: &str) -> Result<String, String> {
    let a = alias.trim();
    if crate::config::has_scheme(a) || a.starts_with("//") {
        return Err("is a full URL: write the path on this site only (`/articles/2026/11/17/old-slug/`)".into());
    }
    if a.contains(['?', '#']) {
        return Err("has a `?` or `#`: a moved page is a path only (`/articles/2026/11/17/old-slug/`)".into());
    }
    let Some(rest) = a.strip_prefix('/') else {
        return Err("does not start with `/`: write the path from the site's root".into());
    };
    let rest = match base_path.strip_prefix('/').filter(|b| !b.is_empty()) {
        Some(base) => rest.strip_prefix(base).unwrap_or(rest),
        None => rest,
    };
    let segments: Vec<&str> = rest.trim_end_matches('/').split('/').collect();
    if rest.is_empty() || segments.iter().any(|s| s.is_empty() || *s == "." || *s == "..") {
        return Err("is not the path of a page (empty, `//`, `.` or `..` in it)".into());
    }
    let last = segments.last().copied().unwrap_or_default();
    if last.contains('.') && !last.ends_with(".html") {
        // A host serves `old.php` or `feed.xml` by its extension, not as a page.
        return Err("names a file that is not a page: an alias is a folder (`/old-slug/`) or an `.html` file".into());
    }
    Ok(if rest.ends_with(".html") { rest.to_owned() } else { format!("{}/", rest.trim_end_matches('/')) })
}

/// [`alias_path`] for an article of the language `config` is built in: on a second language,
/// the path under its folder (`/fr/old/` → `old/`), which must hold it.
fn language_alias(config: &Config, alias: &str) -> Result<String, String> {
    let rel = alias_path(config.url.base_path(), alias)?;
    let lang = config.url.language_prefix();
    match rel.strip_prefix(lang) {
        Some(rest) if !rest.is_empty() => Ok(rest.to_owned()),
        _ => Err(format!("is not under this language's folder: write it as `{}…/old-slug/`", config.url.home_path())),
    }
}

/// The page at an alias of the article at site-relative path `target`.
fn redirect_page(config: &Config, title: &str, target: &str) -> String {
    let (abs, path, title) = (escape(&config.url.absolute(target)), escape(&config.url.path(target)), escape(title));
    let lang = escape(&config.site.language);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n\
         <link rel=\"canonical\" href=\"{abs}\">\n<meta http-equiv=\"refresh\" content=\"0; url={abs}\">\n\
         <meta name=\"robots\" content=\"noindex\">\n</head>\n<body>\n<p><a href=\"{path}\">{title}</a></p>\n\
         </body>\n</html>\n"
    )
}

/// Every page's output file → what the page is, for the error when an alias takes its place.
fn page_files(ctx: &Ctx) -> HashMap<String, String> {
    let jobs = pages::jobs(ctx, ctx.config.site.newsletter);
    jobs.into_iter().map(|job| (pages::file_of(ctx, job), format!("/{}", pages::path(ctx, job)))).collect()
}

/// An error about an alias of article `a`, at its `aliases:` line when the file reads.
fn alias_error(config: &Config, a: &Article, alias: &str, problem: &str, help: &str) -> Diagnostic {
    let d = Diagnostic::error(&a.doc.file, format!("alias `{alias}` {problem}")).with_help(help);
    match std::fs::read_to_string(config.root.join(&a.doc.file)) {
        Ok(text) => d.at_key(&text, "aliases"),
        Err(_) => d,
    }
}

/// The redirect page of every alias, as (output file, bytes). An alias that is not a path, or
/// that takes the place of a page or of another alias, is an error.
pub fn redirect_files(ctx: &Ctx) -> Result<Vec<(String, Vec<u8>)>, ContentErrors> {
    let config = ctx.config;
    let articles = &ctx.site.content.articles;
    if articles.iter().all(|a| a.meta.aliases.is_empty()) {
        return Ok(Vec::new());
    }
    let pages = page_files(ctx);
    let mut taken: HashMap<String, &Path> = HashMap::new();
    let (mut files, mut problems) = (Vec::new(), Diagnostics::default());
    for a in articles {
        for alias in &a.meta.aliases {
            let rel = match language_alias(config, alias) {
                Ok(rel) => rel,
                Err(problem) => {
                    problems.push(alias_error(
                        config,
                        a,
                        alias,
                        &problem,
                        "write it as `/articles/2026/11/17/old-slug/`",
                    ));
                    continue;
                }
            };
            let file = file_for(&rel);
            if let Some(page) = pages.get(&file) {
                let help = "remove it from `aliases:`: a page there cannot also send readers elsewhere";
                problems.push(alias_error(config, a, alias, &format!("is the address of the page `{page}`"), help));
            } else if let Some(other) = taken.insert(file.clone(), &a.doc.file) {
                let problem = format!("is also an alias of `{}`", other.display());
                problems.push(alias_error(config, a, alias, &problem, "keep it in one article's `aliases:` only"));
            } else {
                files.push((file, redirect_page(config, &a.meta.title, &a.doc.path).into_bytes()));
            }
        }
    }
    match problems.has_errors() {
        true => Err(ContentErrors(problems.sorted())),
        false => Ok(files),
    }
}

/// One page of a build: its address (`/articles/2026/11/17/x/`) and the content file it comes
/// from (an alias: the article's), if any.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PageUrl {
    pub url: String,
    pub file: Option<String>,
}

/// Every page of the site (and every alias), sorted by address. The 404 page has none.
pub fn url_list(ctx: &Ctx) -> Vec<PageUrl> {
    let content = &ctx.site.content;
    let file_of = |job: Job| match job {
        Job::Article(i) => Some(&content.articles[i].doc.file),
        Job::Note(n) => Some(&content.notes[n].doc.file),
        Job::Page(p) => Some(&content.pages[p].doc.file),
        _ => None,
    };
    let shown = |p: &Path| p.to_string_lossy().replace('\\', "/");
    let jobs = pages::jobs(ctx, ctx.config.site.newsletter).into_iter().filter(|j| *j != Job::NotFound);
    let mut list: Vec<PageUrl> = jobs
        .map(|job| PageUrl { url: format!("/{}", pages::path(ctx, job)), file: file_of(job).map(|f| shown(f)) })
        .collect();
    for a in &content.articles {
        let paths = a.meta.aliases.iter().filter_map(|x| language_alias(ctx.config, x).ok());
        list.extend(paths.map(|rel| PageUrl { url: format!("/{rel}"), file: Some(shown(&a.doc.file)) }));
    }
    list.sort();
    list.dedup_by(|a, b| a.url == b.url);
    list
}

/// The text of [`URLS_FILE`]: a header, then one `address file` line per page.
pub fn urls_text(list: &[PageUrl]) -> String {
    let mut out = String::from(URLS_HEADER);
    for p in list {
        out.push_str(&p.url);
        if let Some(f) = &p.file {
            out.push(' ');
            out.push_str(f);
        }
        out.push('\n');
    }
    out
}

/// The pages listed in a [`URLS_FILE`] text (comments and blank lines skipped).
pub fn parse_urls(text: &str) -> Vec<PageUrl> {
    let lines = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'));
    lines
        .map(|l| match l.split_once(' ') {
            Some((url, file)) => PageUrl { url: url.to_owned(), file: Some(file.trim().to_owned()) },
            None => PageUrl { url: l.to_owned(), file: None },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_paths_on_the_site() {
        let ok = |base: &str, a: &str| alias_path(base, a).unwrap();
        assert_eq!(ok("/", "/articles/2026/11/17/old-slug/"), "articles/2026/11/17/old-slug/");
        assert_eq!(ok("/", "/articles/2026/11/17/old-slug"), "articles/2026/11/17/old-slug/");
        assert_eq!(ok("/", " /old/page.html "), "old/page.html");
        assert_eq!(ok("/digest/", "/digest/articles/a/"), "articles/a/", "the base path may be written");
        assert_eq!(ok("/digest/", "/articles/a/"), "articles/a/");
        for bad in [
            "https://x.github.io/digest/a/",
            "//x.example/a/",
            "articles/a/",
            "/a/?x=1",
            "/a/#top",
            "/",
            "/a//b/",
            "/a/../b/",
            "/old.php",
            "/feed.xml",
        ] {
            assert!(alias_path("/digest/", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_alias_of_a_second_language_is_under_its_folder() {
        let yaml = "title: T\nbase_url: https://e.org/digest/\nlanguages: [{code: de, name: D}, {code: fr, name: F}]\n";
        let site = Config::parse(std::path::Path::new("."), yaml, None).unwrap();
        let (de, fr) = (site.in_language(0), site.in_language(1));
        assert_eq!(language_alias(&fr, "/digest/fr/articles/a/"), Ok("articles/a/".into()));
        assert_eq!(language_alias(&fr, "/fr/old/"), Ok("old/".into()), "the base path may be left out");
        assert!(language_alias(&fr, "/articles/a/").unwrap_err().contains("`/digest/fr/…/old-slug/`"));
        assert_eq!(language_alias(&de, "/articles/a/"), Ok("articles/a/".into()));
    }

    #[test]
    fn the_url_list_reads_back() {
        let list = vec![
            PageUrl { url: "/archive/".into(), file: None },
            PageUrl { url: "/articles/2026/11/17/a-b/".into(), file: Some("content/articles/a b.md".into()) },
        ];
        let text = urls_text(&list);
        assert!(text.starts_with("# "));
        assert_eq!(parse_urls(&text), list);
    }
}
