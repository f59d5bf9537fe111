//! The second loading pass: rendering each parsed document's Markdown body, with internal
//! links resolved through the index of every document ([`super::index`]), into the loaded
//! article, note or page.

use super::index::DocIndex;
use super::markdown::{self, Rendered};
use super::read::{Meta, Parsed, Source};
use super::{Article, Doc, Kind, Note, Page};
use crate::config::Config;
use crate::diagnostics::Diagnostic;

/// A loaded document of any kind.
pub enum Loaded {
    Article(Box<Article>),
    Note(Box<Note>),
    Page(Box<Page>),
}

/// Renders the body of a parsed document.
pub fn render(config: &Config, index: &DocIndex, source: Source, parsed: Parsed) -> Result<Loaded, Vec<Diagnostic>> {
    let body = &source.text[parsed.body_offset..];
    let rendered = markdown::render(body, index);
    if !rendered.problems.is_empty() {
        return Err(problems(&source, &parsed, &rendered));
    }
    let story_key_at = match &parsed.meta {
        Meta::Note(m) if m.story.is_some() => Some(Diagnostic::warning(&source.file, "").at_key(&source.text, "story")),
        _ => None,
    };
    let trusted = source.kind != Kind::Article && config.site.trusted_html;
    let mut html = if rendered.has_raw_html && !trusted {
        crate::sanitize::clean_html(&rendered.html, &config.site.iframe_hosts)
    } else {
        rendered.html
    };
    // Every body is held until its page is written, so spare capacity (up to 60 % of the
    // buffer when rendering outgrew its first guess) adds up. `shrink_to_fit` would not do:
    // mimalloc keeps a block in place when it shrinks to half its size or more.
    if html.capacity() > html.len() + html.len() / 16 {
        html = html.as_str().to_owned();
    }
    let summary = summary_of(&parsed.meta).unwrap_or_else(|| shorten(&rendered.first_paragraph, 300));
    let terms = super::terms::signature(parsed.title(), &rendered.text);
    let doc = Doc {
        key: source.key,
        file: source.file,
        slug: parsed.slug,
        path: parsed.path,
        html,
        summary,
        word_count: rendered.word_count,
        cjk_chars: rendered.cjk_chars,
        terms,
        links: rendered.links,
    };
    Ok(loaded(config, index, parsed.meta, doc, story_key_at))
}

/// The problems of a rendered body, located in the file.
fn problems(source: &Source, parsed: &Parsed, rendered: &Rendered) -> Vec<Diagnostic> {
    let at = |p: &markdown::LinkProblem| {
        Diagnostic::error(&source.file, &p.message)
            .at_offset(&source.text, parsed.body_offset + p.offset)
            .with_help(&p.help)
    };
    rendered.problems.iter().map(at).collect()
}

/// The summary the front matter gives (a page's description), if any.
fn summary_of(meta: &Meta) -> Option<String> {
    match meta {
        Meta::Article(m) => m.summary.clone(),
        Meta::Note(m) => m.summary.clone(),
        Meta::Page(m) => Some(m.description.clone()).filter(|d| !d.is_empty()),
    }
}

/// The document with its front matter's dates resolved in the site's time zone.
fn loaded(config: &Config, index: &DocIndex, meta: Meta, doc: Doc, story_key_at: Option<Diagnostic>) -> Loaded {
    let tz = config.tz;
    match meta {
        Meta::Article(meta) => {
            let date = meta.date.resolve(tz);
            Loaded::Article(Box::new(Article {
                day: meta.date.day(tz),
                date,
                updated: meta.updated.map(|u| u.resolve(tz)),
                meta: *meta,
                doc,
            }))
        }
        Meta::Note(meta) => {
            let date = meta.date.resolve(tz);
            let edition = meta.edition.map_or_else(|| meta.date.day(tz), |e| e.day(tz));
            let about_articles = meta.articles.iter().filter_map(|a| index.article_key(a)).collect();
            Loaded::Note(Box::new(Note { date, edition, about_articles, story_key_at, meta: *meta, doc }))
        }
        Meta::Page(meta) => Loaded::Page(Box::new(Page { meta: *meta, doc })),
    }
}

/// Cuts `text` to at most `max` characters at a word boundary, adding an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_cuts_at_a_word_and_marks_the_cut() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("one two, three four", 12), "one two…");
    }
}
