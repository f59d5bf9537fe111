//! Pages of the last build that this one no longer has: each named with the `aliases:` line
//! that keeps its address working, when the article it was is still there.
//!
//! `build` keeps the address of every page in `.gazette/urls.txt` (`render::moves`); an
//! article, note or page listed there and gone now breaks every link and bookmark to it
//! (listing pages — editions, topics, people — come and go with what is on them and are
//! not reported). The article is found
//! by the file the list names (its date or slug edited) or, when the file was renamed too, by
//! the slug in the old address when one article has it.

use std::collections::HashSet;

use crate::content::Article;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::project::Digest;
use crate::render::moves::{self, PageUrl, URLS_FILE};

/// Warns about every address of `.gazette/urls.txt` that the site (in any of its languages)
/// no longer has. No list (a site never built, or built only elsewhere) is no problem.
pub(super) fn vanished(digest: &Digest, problems: &mut Diagnostics) -> anyhow::Result<()> {
    let Ok(text) = std::fs::read_to_string(digest.config.root.join(URLS_FILE)) else { return Ok(()) };
    let now: HashSet<String> = digest.page_urls()?.into_iter().map(|p| p.url).collect();
    // Listing pages (editions, topics, stories, people…) come and go with what is on them;
    // only a page made from a content file is something a reader was sent to and lost.
    let listed = moves::parse_urls(&text).into_iter().filter(|p| p.file.is_some());
    for gone in listed.filter(|p| !now.contains(&p.url)) {
        // The language whose folder the address is under (the first language's is the root).
        let path = &gone.url[1..];
        let under = |d: &&Digest| path.starts_with(d.config.url.language_prefix());
        let lang = digest.others.iter().find(under).unwrap_or(digest);
        let prefix = lang.config.url.language_prefix();
        problems.push(match article_of(&lang.site.content.articles, &gone.url[prefix.len()..], &gone) {
            Some(a) => moved_article(a, prefix, &gone.url),
            None => Diagnostic::warning(URLS_FILE, format!("`{}` of the last build is gone: links to it break", gone.url))
                .with_help(format!(
                    "if an article took its place, add `aliases: [{}]` to its front matter; then run `gazette build` to update `{URLS_FILE}`",
                    gone.url
                )),
        });
    }
    Ok(())
}

/// The article a vanished page was: the one in the file the list names, else the only one
/// with the slug of an old article address (`url`, without the language folder).
fn article_of<'a>(articles: &'a [Article], url: &str, gone: &PageUrl) -> Option<&'a Article> {
    if let Some(file) = &gone.file {
        let same = |a: &&Article| a.doc.file.to_string_lossy().replace('\\', "/") == *file;
        if let Some(a) = articles.iter().find(same) {
            return Some(a);
        }
    }
    let slug = url.strip_prefix("/articles/")?.trim_end_matches('/').rsplit('/').next()?;
    let mut same_slug = articles.iter().filter(|a| a.doc.slug == slug);
    match (same_slug.next(), same_slug.next()) {
        (Some(a), None) => Some(a),
        _ => None,
    }
}

/// The warning for an article (of the language under folder `lang`) that moved from `old`,
/// with the whole `aliases:` line to write.
fn moved_article(a: &Article, lang: &str, old: &str) -> Diagnostic {
    let mut aliases: Vec<&str> = a.meta.aliases.iter().map(String::as_str).collect();
    aliases.push(old);
    Diagnostic::warning(
        &a.doc.file,
        format!("`{old}` of the last build is gone: this article is now at `/{lang}{}`", a.doc.path),
    )
    .with_help(format!("keep the old address working: write `aliases: [{}]` in its front matter", aliases.join(", ")))
}
