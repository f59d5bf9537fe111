//! `sitemap.xml` (split into an index and parts above 50 000 URLs), `news-sitemap.xml` in
//! Google News format, and `robots.txt` pointing at both.
//!
//! The URL list comes from [`pages::jobs`], the same list the renderer works through, and each
//! URL from the page's kind ([`pages::path`]), so a new kind of page cannot be rendered yet
//! missing here (the `match` below is exhaustive).

use std::io;

use chrono::{DateTime, Duration, FixedOffset, SecondsFormat};
use quick_xml::escape::escape;
use quick_xml::Writer;
use rayon::prelude::*;

use super::context::Ctx;
use super::pages::{self, Job};
use super::xml::{text_el, xml_chars, xml_writer};

/// The most URLs one sitemap file may hold (sitemaps.org).
pub const MAX_URLS: usize = 50_000;
/// The most articles a Google News sitemap may hold.
pub const MAX_NEWS: usize = 1_000;
/// A news sitemap lists the articles of this long before the newest one.
pub const NEWS_WINDOW_DAYS: i64 = 2;

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS_NS: &str = "http://www.google.com/schemas/sitemap-news/0.9";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// One public page: absolute URL and when it last changed (when known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlEntry {
    pub loc: String,
    pub lastmod: Option<DateTime<FixedOffset>>,
    /// On a multilingual site, the page in each language that has it, as (code, absolute
    /// URL): `<xhtml:link rel="alternate" hreflang>`. Empty otherwise.
    pub alternates: Vec<(String, String)>,
}

/// Every public page of the site, in render order (the 404 page is left out).
pub fn entries(ctx: &Ctx) -> Vec<UrlEntry> {
    let site = ctx.site;
    let articles = &site.content.articles;
    let changed = |i: usize| {
        let a = &articles[i];
        a.updated.filter(|u| *u > a.date).unwrap_or(a.date)
    };
    let newest_of = |list: &[usize]| list.iter().map(|&i| changed(i)).max();
    let newest = (0..articles.len()).map(changed).max();
    let per_page = ctx.config.site.paginate_by;
    // In parallel, in order: 15 000 URLs at 10 000 articles, written again after any date edit.
    pages::jobs(ctx, false)
        .into_par_iter()
        .filter_map(|job| {
            let lastmod = match job {
                Job::NotFound | Job::Email(_) => return None,
                Job::Front | Job::Archive | Job::TopicsIndex | Job::EntityIndex(_) => newest,
                Job::Edition(e) => newest_of(&site.editions[e].articles),
                Job::Weekly(w) => newest_of(&site.weekly[w].articles),
                Job::Topic { topic, page } => {
                    let group = &site.topics[topic];
                    let start = ((page - 1) * per_page).min(group.items.len());
                    let end = (page * per_page).min(group.items.len());
                    newest_of(&group.items[start..end].iter().map(|item| item.lead).collect::<Vec<_>>())
                }
                Job::Story(s) => newest_of(&site.stories[s].articles),
                Job::Entity(e) => newest_of(&site.entities.all[e].articles),
                Job::Article(i) => Some(changed(i)),
                Job::Note(n) => Some(site.content.notes[n].date),
                Job::Page(_) | Job::Search => None,
            };
            let rel = pages::path(ctx, job);
            let alternates = match ctx.languages {
                Some((all, i)) => all.of(i, &rel).into_iter().filter_map(|l| Some((l.code, l.alternate?))).collect(),
                None => Vec::new(),
            };
            Some(UrlEntry { loc: ctx.config.url.absolute(&rel), lastmod, alternates })
        })
        .collect()
}

fn w3c(d: &DateTime<FixedOffset>) -> String {
    d.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The sitemap files: `sitemap.xml` alone, or as an index of `sitemaps/sitemap-N.xml` parts
/// when there are more than [`MAX_URLS`] URLs (or more than `max_urls`, for tests).
pub fn sitemap_files(ctx: &Ctx, urls: &[UrlEntry], max_urls: usize) -> Vec<(String, Vec<u8>)> {
    let max_urls = max_urls.clamp(1, MAX_URLS);
    if urls.len() <= max_urls {
        return vec![("sitemap.xml".into(), urlset(urls))];
    }
    let mut files = Vec::new();
    let mut parts = Vec::new();
    for (n, chunk) in urls.chunks(max_urls).enumerate() {
        let rel = format!("sitemaps/sitemap-{}.xml", n + 1);
        let lastmod = chunk.iter().filter_map(|u| u.lastmod).max();
        parts.push(UrlEntry { loc: ctx.config.url.absolute(&rel), lastmod, alternates: Vec::new() });
        files.push((rel, urlset(chunk)));
    }
    files.insert(0, ("sitemap.xml".into(), sitemap_index(&parts)));
    files
}

fn finish(write: impl FnOnce() -> io::Result<Writer<Vec<u8>>>) -> Vec<u8> {
    // Writing into a Vec cannot fail.
    let mut bytes = write().map(Writer::into_inner).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn urlset(urls: &[UrlEntry]) -> Vec<u8> {
    url_list("urlset", "url", urls)
}

fn sitemap_index(parts: &[UrlEntry]) -> Vec<u8> {
    url_list("sitemapindex", "sitemap", parts)
}

/// `<root xmlns=…><child><loc>…</loc><lastmod>…</lastmod></child>…</root>`: the shape shared
/// by a sitemap and a sitemap index, indented and escaped as the XML writer does the other
/// files (a test checks the bytes are the same). The entries are formatted in parallel:
/// 15 000 at 10 000 articles, written again by `serve` after any date edit.
fn url_list(root: &str, child: &str, urls: &[UrlEntry]) -> Vec<u8> {
    let xhtml = match urls.iter().any(|u| !u.alternates.is_empty()) {
        true => format!(" xmlns:xhtml=\"{XHTML_NS}\""),
        false => String::new(),
    };
    let mut out =
        format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<{root} xmlns=\"{SITEMAP_NS}\"{xhtml}>").into_bytes();
    let entries: Vec<String> = urls
        .par_iter()
        .map(|u| {
            let mut s = String::with_capacity(u.loc.len() + 80);
            s.push_str(&format!("\n <{child}>\n  <loc>"));
            s.push_str(&escape(xml_chars(&u.loc)));
            s.push_str("</loc>");
            if let Some(d) = &u.lastmod {
                s.push_str("\n  <lastmod>");
                s.push_str(&escape(xml_chars(&w3c(d))));
                s.push_str("</lastmod>");
            }
            for (code, href) in &u.alternates {
                let (code, href) = (escape(xml_chars(code)), escape(xml_chars(href)));
                s.push_str(&format!("\n  <xhtml:link rel=\"alternate\" hreflang=\"{code}\" href=\"{href}\"/>"));
            }
            s.push_str(&format!("\n </{child}>"));
            s
        })
        .collect();
    out.reserve(entries.iter().map(String::len).sum::<usize>() + root.len() + 5);
    entries.iter().for_each(|e| out.extend_from_slice(e.as_bytes()));
    out.extend_from_slice(format!("\n</{root}>\n").as_bytes());
    out
}

/// Articles for the news sitemap: those published in the [`NEWS_WINDOW_DAYS`] before the
/// newest article (inclusive), newest first, at most [`MAX_NEWS`].
pub fn news_articles(ctx: &Ctx) -> Vec<usize> {
    let articles = &ctx.site.content.articles;
    let Some(newest) = articles.iter().map(|a| a.date).max() else {
        return Vec::new();
    };
    let since = newest - Duration::days(NEWS_WINDOW_DAYS);
    let mut picked: Vec<usize> = (0..articles.len()).filter(|&i| articles[i].date >= since).collect();
    picked.sort_by(|&a, &b| articles[b].date.cmp(&articles[a].date));
    picked.truncate(MAX_NEWS);
    picked
}

/// Google wants an ISO 639 code: `en`, `fr`; Chinese keeps its script as `zh-cn` / `zh-tw`.
fn news_language(tag: &str) -> String {
    let tag = tag.to_ascii_lowercase().replace('_', "-");
    match tag.as_str() {
        "zh-cn" | "zh-tw" => tag,
        "zh-hans" => "zh-cn".into(),
        "zh-hant" => "zh-tw".into(),
        _ => tag.split('-').next().unwrap_or_default().to_owned(),
    }
}

pub fn news_sitemap(ctx: &Ctx) -> Vec<u8> {
    let config = ctx.config;
    let articles = &ctx.site.content.articles;
    finish(|| {
        let mut w = xml_writer()?;
        w.create_element("urlset")
            .with_attributes([("xmlns", SITEMAP_NS), ("xmlns:news", NEWS_NS)])
            .write_inner_content(|w| {
                for i in news_articles(ctx) {
                    let a = &articles[i];
                    let language = news_language(a.meta.language.as_deref().unwrap_or(&config.site.language));
                    w.create_element("url").write_inner_content(|w| {
                        text_el(w, "loc", &[], &config.url.absolute(&a.doc.path))?;
                        w.create_element("news:news").write_inner_content(|w| {
                            w.create_element("news:publication").write_inner_content(|w| {
                                text_el(w, "news:name", &[], config.publisher())?;
                                text_el(w, "news:language", &[], &language)
                            })?;
                            text_el(w, "news:publication_date", &[], &w3c(&a.date))?;
                            text_el(w, "news:title", &[], &a.meta.title)
                        })?;
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        Ok(w)
    })
}

/// `robots.txt`, naming the sitemaps of every language (only the site's root has one).
pub fn robots_txt(ctx: &Ctx) -> Vec<u8> {
    let mut out = String::from("User-agent: *\nAllow: /\n\n");
    let each = |rel: &str| match ctx.languages {
        Some((all, _)) => all.absolute_in_each(rel),
        None => vec![ctx.config.url.absolute(rel)],
    };
    for url in each("sitemap.xml").into_iter().chain(each("news-sitemap.xml")) {
        out.push_str(&format!("Sitemap: {url}\n"));
    }
    out.into_bytes()
}

/// Every file of this module as (site-relative path, bytes).
pub fn files(ctx: &Ctx) -> Vec<(String, Vec<u8>)> {
    let mut files = sitemap_files(ctx, &entries(ctx), MAX_URLS);
    files.push(("news-sitemap.xml".into(), news_sitemap(ctx)));
    if ctx.languages.is_none_or(|(_, i)| i == 0) {
        files.push(("robots.txt".into(), robots_txt(ctx)));
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same list written with the XML writer, element by element.
    fn by_xml_writer(root: &str, child: &str, urls: &[UrlEntry]) -> Vec<u8> {
        finish(|| {
            let mut w = xml_writer()?;
            w.create_element(root).with_attribute(("xmlns", SITEMAP_NS)).write_inner_content(|w| {
                for u in urls {
                    w.create_element(child).write_inner_content(|w| {
                        text_el(w, "loc", &[], &u.loc)?;
                        if let Some(d) = &u.lastmod {
                            text_el(w, "lastmod", &[], &w3c(d))?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
            Ok(w)
        })
    }

    #[test]
    fn url_lists_are_the_bytes_the_xml_writer_writes() {
        let day = DateTime::parse_from_rfc3339("2026-03-01T10:20:30+02:00").unwrap();
        let cases: [(&str, Option<DateTime<FixedOffset>>); 5] = [
            ("https://example.org/", Some(day)),
            ("https://example.org/a?b=1&c=<2>'\"/", None),
            ("", Some(day)),
            ("https://example.org/caf\u{e9}/\u{1}\u{1b}\u{fffe}\u{1f4f0}/", Some(day)),
            ("https://example.org/x/", None),
        ];
        let urls: Vec<UrlEntry> = cases
            .iter()
            .map(|(loc, lastmod)| UrlEntry { loc: (*loc).into(), lastmod: *lastmod, alternates: Vec::new() })
            .collect();
        for n in 0..=urls.len() {
            for (root, child) in [("urlset", "url"), ("sitemapindex", "sitemap")] {
                assert_eq!(
                    String::from_utf8(url_list(root, child, &urls[..n])).unwrap(),
                    String::from_utf8(by_xml_writer(root, child, &urls[..n])).unwrap(),
                    "{root}, {n} URLs"
                );
            }
        }
    }

    #[test]
    fn news_language_codes() {
        assert_eq!(news_language("en-GB"), "en");
        assert_eq!(news_language("zh-TW"), "zh-tw");
        assert_eq!(news_language("fr"), "fr");
    }
}
