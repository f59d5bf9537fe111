//! A saved page's own metadata, beyond what Readability reads: publication date (meta tags,
//! JSON-LD, `<time>`), canonical URL, section, lead image with caption and credit; and the
//! clean-up of titles and bylines that every import path shares.

use dom_query::Document;

use super::byline::{byline_text, byline_under_headline};
use super::marks::{date_mark, headline_mark, in_breadcrumb, marked};

use crate::content::dates::FmDate;
use crate::content::front_matter::Image;

/// Metadata Readability does not give.
#[derive(Default)]
pub(super) struct OwnMeta {
    pub date: Option<FmDate>,
    /// When the page was last changed (`article:modified_time`, JSON-LD `dateModified`).
    pub modified: Option<FmDate>,
    /// `<link rel=canonical>`, as written (it may be relative).
    pub canonical: Option<String>,
    pub og_url: Option<String>,
    /// `<base href>`, as written.
    pub base_href: Option<String>,
    /// The page's byline element's text (for when its metadata names no person).
    pub byline: Option<String>,
    pub section: Option<String>,
    pub lead_image: Option<Image>,
    /// `Some(true)` when JSON-LD says `isAccessibleForFree: false`.
    pub paywall: Option<bool>,
    /// The text of the page's `<h1>`, when it has one only: the headline as shown.
    pub headline: Option<String>,
    /// The element marked as the headline ([`super::marks::headline_mark`]): a blog's `<h1>` is
    /// often its own name.
    pub marked_headline: Option<String>,
}

/// The elements [`own_metadata`] reads, gathered in one walk over the page (a query for each
/// value would walk the whole document each time).
#[derive(Default)]
struct Marks<'a> {
    /// `<meta>` elements with a content, in page order.
    metas: Vec<MetaTag>,
    /// The first `<link rel=canonical>` with an `href`.
    canonical: Option<String>,
    /// The first `<base>` with an `href`.
    base_href: Option<String>,
    /// `datetime` of the `<time>` elements, in page order.
    times: Vec<String>,
    json_ld: Vec<String>,
    figures: Vec<dom_query::NodeRef<'a>>,
    /// The text of the first byline or author element that reads like a byline.
    byline: Option<String>,
    /// The `<h1>` elements' texts, whitespace collapsed.
    h1s: Vec<String>,
    /// The text of the first element marked as the headline ([`super::marks::headline_mark`]).
    marked_headline: Option<String>,
    /// The texts of the elements marked as dates ([`super::marks::date_mark`]), in page order.
    dated: Vec<String>,
}

struct MetaTag {
    property: Option<String>,
    name: Option<String>,
    itemprop: Option<String>,
    /// Trimmed, not empty.
    content: String,
}

/// The attributes a `<meta>` is named by.
#[derive(Clone, Copy)]
enum By {
    Property,
    Name,
    Itemprop,
}

impl<'a> Marks<'a> {
    fn of(doc: &'a Document) -> Marks<'a> {
        let mut m = Marks::default();
        let root = doc.root();
        for n in root.descendants_it().filter(|n| n.element_ref().is_some_and(|e| marked(&e))) {
            let attr = |a: &str| n.attr(a).map(|v| v.to_string());
            let headline = n.element_ref().is_some_and(|e| headline_mark(&e));
            let dated = n.element_ref().is_some_and(|e| date_mark(&e));
            if dated {
                m.dated.push(collapsed(&n.text()));
            }
            if headline && m.marked_headline.is_none() {
                m.marked_headline = Some(collapsed(&n.text())).filter(|t| !t.is_empty());
            }
            if n.has_name("meta") {
                let content = n.attr_or("content", "").trim().to_owned();
                if !content.is_empty() {
                    let (property, name, itemprop) = (attr("property"), attr("name"), attr("itemprop"));
                    m.metas.push(MetaTag { property, name, itemprop, content });
                }
            } else if n.has_name("link") {
                if m.canonical.is_none() && n.attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) {
                    m.canonical = n.attr("href").map(|h| h.trim().to_owned());
                }
            } else if n.has_name("base") {
                if m.base_href.is_none() {
                    m.base_href = n.attr("href").map(|h| h.trim().to_owned());
                }
            } else if n.has_name("time") {
                m.times.extend(attr("datetime"));
            } else if n.has_name("script") {
                m.json_ld.push(n.text().to_string());
            } else if n.has_name("figure") {
                m.figures.push(n);
            } else if n.has_name("h1") {
                m.h1s.push(collapsed(&n.text()));
            } else if m.byline.is_none() && !headline && !dated {
                m.byline = byline_text(&n.text());
            }
        }
        m
    }

    /// The content of the first `<meta>` named by the first of `keys` that any is named by.
    fn meta(&self, keys: &[(By, &str)]) -> Option<String> {
        keys.iter().find_map(|&(by, key)| {
            self.metas
                .iter()
                .find(|m| {
                    let named = match by {
                        By::Property => &m.property,
                        By::Name => &m.name,
                        By::Itemprop => &m.itemprop,
                    };
                    named.as_deref() == Some(key)
                })
                .map(|m| m.content.clone())
        })
    }
}

pub(super) fn own_metadata(doc: &Document) -> OwnMeta {
    let marks = Marks::of(doc);
    let mut m = OwnMeta {
        canonical: marks.canonical.clone(),
        og_url: marks.meta(&[(By::Property, "og:url")]),
        base_href: marks.base_href.clone(),
        byline: marks.byline.clone(),
        headline: match &marks.h1s[..] {
            [one] if !one.is_empty() => Some(one.clone()),
            _ => None,
        },
        marked_headline: marks.marked_headline.clone(),
        section: marks.meta(&[(By::Property, "article:section"), (By::Name, "section")]),
        ..OwnMeta::default()
    };
    m.date = marks
        .meta(&[
            (By::Property, "article:published_time"),
            (By::Name, "pubdate"),
            (By::Name, "date"),
            (By::Itemprop, "datePublished"),
            (By::Name, "dc.date"),
        ])
        .and_then(|s| parse_date(&s))
        .or_else(|| marks.times.iter().find_map(|d| parse_date(d)));
    m.modified = marks
        .meta(&[
            (By::Property, "article:modified_time"),
            (By::Property, "og:updated_time"),
            (By::Itemprop, "dateModified"),
        ])
        .and_then(|s| parse_date(&s));
    for script in &marks.json_ld {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(script) else { continue };
        json_ld(&v, &mut m, 0);
    }
    if m.section.is_none() {
        let root = doc.root();
        let crumbs: Vec<String> = root
            .descendants_it()
            .filter(in_breadcrumb)
            .map(|n| n.text().trim().to_owned())
            .filter(|t| !t.is_empty() && t.split_whitespace().count() <= 5)
            .collect();
        m.section = crumbs.last().cloned();
    }
    if m.date.is_none() {
        m.date = m.headline.as_deref().and_then(|h| date_under_headline(doc, h));
    }
    // A date shown as text in an element named for it ("artikel__datum"), as a page without
    // metadata may set it under the article; short, not a paragraph that mentions a day.
    if m.date.is_none() {
        let short = |t: &&String| !t.is_empty() && t.split_whitespace().count() <= DATED_WORDS;
        m.date = marks.dated.iter().filter(short).find_map(|t| crate::import::dates::find_date_or_figures(t, false));
    }
    if m.byline.is_none() && m.headline.is_some() {
        m.byline = byline_under_headline(doc);
    }
    m.lead_image = lead_image(&marks);
    m
}

/// Text with its runs of whitespace collapsed to one space.
fn collapsed(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The most words of an element marked as a date.
const DATED_WORDS: usize = 12;

/// The first date written in the few hundred characters after the headline: a stamp shown as
/// text only ("June 3, 2031 4:12 PM UTC"), without a `<time>` element or metadata. It comes
/// before a date found in the article's text, which may be any day the article mentions.
fn date_under_headline(doc: &Document, headline: &str) -> Option<FmDate> {
    const AFTER: usize = 400;
    // Only pages with no date anywhere else come here: the whole text is read.
    let text = doc.select("body").text().split_whitespace().collect::<Vec<_>>().join(" ");
    let at = text.find(headline)? + headline.len();
    let chunk: String = text[at..].chars().take(AFTER).collect();
    // In figures only when the order is safe: with dots ("12.08.2031, 14:05") or a day over 12.
    crate::import::dates::find_date_or_figures(&chunk, false)
}

/// The headline as the page shows it: the `<h1>` when the title read from `<title>` or the
/// metadata is its start cut short ("Tower reopens" of "Tower reopens. The view is back"), not
/// when the rest is the site's name after a separator.
pub(super) fn full_headline(title: &str, h1: Option<&str>) -> Option<String> {
    let h1 = h1?;
    let rest = h1.strip_prefix(title)?.trim_start();
    let separated = rest.starts_with(['|', '-', '–', '—', '·', '•', ':', '/']);
    (!title.is_empty() && !rest.is_empty() && !separated && h1.split_whitespace().count() <= 40).then(|| h1.to_owned())
}

/// The lead image: the first figure with an image, with its caption and credit; the page's
/// `og:image` when the figure's image has no usable source.
fn lead_image(marks: &Marks) -> Option<Image> {
    let figures = marks.figures.iter().map(|f| dom_query::Selection::from(*f));
    let fig = figures.into_iter().find(|f| f.select("img").exists())?;
    let img = fig.select("img").first();
    let src = img.attr("src").or_else(|| img.attr("data-src")).map(|s| s.to_string()).unwrap_or_default();
    let caption = fig.select("figcaption").text().split_whitespace().collect::<Vec<_>>().join(" ");
    let credit_sel = fig.select("[class*=credit], [class*=copyright], [class*=source]");
    let credit = credit_sel.text().split_whitespace().collect::<Vec<_>>().join(" ");
    let caption = if credit.is_empty() { caption } else { caption.replace(&credit, "").trim().to_owned() };
    let src = if src.trim().is_empty() || src.starts_with("data:") {
        marks.meta(&[(By::Property, "og:image")]).unwrap_or(src)
    } else {
        src
    };
    Some(Image {
        src,
        alt: img.attr("alt").map(|a| a.trim().to_owned()).unwrap_or_default(),
        caption: (!caption.is_empty()).then_some(caption),
        credit: (!credit.is_empty()).then_some(credit),
        focus: None,
    })
}

/// Reads section, date and URL from JSON-LD (objects, arrays and `@graph`).
fn json_ld(v: &serde_json::Value, m: &mut OwnMeta, depth: usize) {
    if depth > 4 {
        return;
    }
    match v {
        serde_json::Value::Array(items) => items.iter().for_each(|i| json_ld(i, m, depth + 1)),
        serde_json::Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                json_ld(g, m, depth + 1);
            }
            if m.section.is_none() {
                m.section = match o.get("articleSection") {
                    Some(serde_json::Value::String(s)) => Some(s.clone()),
                    Some(serde_json::Value::Array(a)) => a.first().and_then(|x| x.as_str()).map(str::to_owned),
                    _ => None,
                };
            }
            if m.paywall.is_none() {
                m.paywall = o.get("isAccessibleForFree").and_then(not_free);
            }
            if m.date.is_none() {
                m.date = o.get("datePublished").and_then(|d| d.as_str()).and_then(parse_date);
            }
            if m.modified.is_none() {
                m.modified = o.get("dateModified").and_then(|d| d.as_str()).and_then(parse_date);
            }
        }
        _ => {}
    }
}

/// `isAccessibleForFree: false` (or `"False"`, as some pages write it) marks a paywall;
/// `true` is recorded as no paywall, so that it overrides the outlet's setting.
fn not_free(v: &serde_json::Value) -> Option<bool> {
    match v {
        serde_json::Value::Bool(free) => Some(!free),
        serde_json::Value::String(s) if s.eq_ignore_ascii_case("false") => Some(true),
        serde_json::Value::String(s) if s.eq_ignore_ascii_case("true") => Some(false),
        _ => None,
    }
}

/// Parses the date formats pages use: RFC 3339 (with or without zone), RFC 2822, plain dates.
pub fn parse_date(s: &str) -> Option<FmDate> {
    parse_date_any(s).filter(|d| {
        let year = d.day(chrono_tz::Tz::UTC).format("%Y").to_string().parse::<i32>().unwrap_or(0);
        (1990..=2100).contains(&year)
    })
}

fn parse_date_any(s: &str) -> Option<FmDate> {
    let s = s.trim();
    if let Some(d) = FmDate::parse(s) {
        return Some(d);
    }
    if let Ok(d) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(FmDate::Zoned(d));
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M%z", "%Y-%m-%d %H:%M:%S %z"] {
        if let Ok(d) = chrono::DateTime::parse_from_str(s, fmt) {
            return Some(FmDate::Zoned(d));
        }
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.fZ"] {
        if let Ok(d) = chrono::NaiveDateTime::parse_from_str(s, fmt) {
            return Some(FmDate::Local(d));
        }
    }
    if s.len() >= 10 {
        if let Some(d) = s.get(..10).and_then(|p| chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d").ok()) {
            return Some(FmDate::Day(d));
        }
    }
    crate::import::text::find_date(s)
}

/// The headline without the site name appended or prepended (`Headline | Site`).
pub(super) fn clean_title(title: &str, site: Option<&str>) -> String {
    let t = title.split_whitespace().collect::<Vec<_>>().join(" ");
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some((a, b)) = t.rsplit_once(sep) {
            let site_like = site.is_some_and(|s| {
                let s = s.to_lowercase();
                b.to_lowercase().contains(&s) || s.contains(&b.to_lowercase())
            });
            if site_like && !a.trim().is_empty() {
                return a.trim().to_owned();
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::super::byline::authors_from_byline;
    use super::*;

    #[test]
    fn a_date_written_under_the_headline_dates_the_page() {
        let html = "<html><body><nav>Markets 2030</nav><h1>Port strike enters third day</h1>\
                    <div>June 3, 2031 4:12 PM UTC</div><p>The strike began on May 30, 2031.</p></body></html>";
        let date = own_metadata(&Document::from(html)).date.map(|d| d.to_string());
        assert_eq!(date.as_deref(), Some("2031-06-03"));
        let undated = "<html><body><h1>Port strike enters third day</h1><p>No date here.</p></body></html>";
        assert!(own_metadata(&Document::from(undated)).date.is_none());
    }

    #[test]
    fn a_date_in_an_element_named_for_it_dates_the_page_wherever_it_stands() {
        let date_of = |html: &str| own_metadata(&Document::from(html)).date.map(|d| d.to_string());
        let html = "<html><body><div class=\"titel\">Pont vaart</div><p>De pont vaart sinds 3 maart 2030.</p>\
                    <footer><div class=\"artikel__datum\">maandag 22 september 2031, 08:15</div></footer></body></html>";
        assert_eq!(date_of(html).as_deref(), Some("2031-09-22"));
        // A class that only contains the letters, or a paragraph that mentions a day, is no date.
        let candidate = html.replace("artikel__datum", "candidate");
        assert_eq!(date_of(&candidate), None);
    }

    #[test]
    fn a_page_without_metadata_gives_its_headline_author_and_date_as_shown() {
        let html = "<html><head><title>Tower reopens - Vale24</title></head><body>\
                    <h1>Tower reopens. The view over the valley is back</h1>\
                    <span class=\"art__data\">12.08.2031, 14:05</span>\
                    <span class=\"art__autor\">Autor: Ana Lind</span><p>Text.</p></body></html>";
        let own = own_metadata(&Document::from(html));
        assert_eq!(own.date.map(|d| d.to_string()).as_deref(), Some("2031-08-12"));
        assert_eq!(own.byline.as_deref().map(authors_from_byline), Some(vec!["Ana Lind".to_owned()]));
        let h1 = own.headline.as_deref();
        assert_eq!(
            full_headline("Tower reopens", h1).as_deref(),
            Some("Tower reopens. The view over the valley is back")
        );
        // The site's name after a separator is no part of the headline; neither is another text.
        assert_eq!(full_headline("Tower reopens", Some("Tower reopens | Vale24")), None);
        assert_eq!(full_headline("Bridge closes", h1), None);
        let unmarked =
            "<html><body><h1>Ferry back</h1><div class=\"sc-4a\">Door Sanne Veld</div><p>Text.</p></body></html>";
        assert_eq!(own_metadata(&Document::from(unmarked)).byline.as_deref(), Some("Door Sanne Veld"));
        let passive = "<html><body><h1>Ferry back</h1><div>by the quay</div><p>Text.</p></body></html>";
        assert!(own_metadata(&Document::from(passive)).byline.is_none());
        // "05/07/2031" under the headline could be either day: left unread.
        let ambiguous = "<html><body><h1>Port strike</h1><div>05/07/2031</div></body></html>";
        assert!(own_metadata(&Document::from(ambiguous)).date.is_none());
    }

    #[test]
    fn the_byline_element_is_read_up_to_its_date_or_credential() {
        let html = r#"<html><head><title>Harbour fees rise</title></head><body>
            <p class="byline">By Mara Quill March 11, 2015</p>
            <article><p>The harbour board raised its fees again.</p></article></body></html>"#;
        assert_eq!(own_metadata(&Document::from(html)).byline.as_deref(), Some("By Mara Quill"));
        let html = r#"<html><head><title>Clinic hours cut</title></head><body>
            <div class="author_fmt">By <a rel="author" href="/a">Ines  Varga, MD</a>
            Harbour Gazette</div>
            <article><p>The coast clinic cut its evening hours.</p></article></body></html>"#;
        assert_eq!(own_metadata(&Document::from(html)).byline.as_deref(), Some("By Ines  Varga, MD"));
    }
}
