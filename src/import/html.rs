//! Saved HTML pages: the article's body (extraction + HTML→Markdown) and its metadata.
//!
//! **Extraction base.** Both candidate crates were measured on the extraction corpus (89 pages,
//! shingle F1 as in the article-extraction-benchmark, same post-processing through `htmd`):
//! `dom_smoothie` 0.954 at ~480 pages/s, `rs-trafilatura` 0.952 at ~130 pages/s. `dom_smoothie`
//! (a Mozilla Readability port) is the base: as good, four times faster, and its metadata follows
//! Readability's rules. On top of it, [`clean_content`] removes what Readability keeps but is not
//! the article: figures and captions, blocks whose class or id names page furniture (share bars,
//! related links, bylines, galleries…), and [`prune_blocks`] drops leading byline/date lines and
//! link-only paragraphs. `htmd` converts the result to Markdown.
//!
//! **Metadata** comes from Readability's reading of `<meta>` and JSON-LD, completed by our own:
//! section (`article:section`, JSON-LD `articleSection`, breadcrumbs), canonical URL, `<time>`
//! elements, and the lead image with its caption and credit.

use anyhow::Context as _;
use dom_query::Document;

use super::Draft;
use crate::content::dates::FmDate;
use crate::content::front_matter::Image;

/// Extracts one article from an HTML page.
pub fn extract(html: &str) -> anyhow::Result<Draft> {
    let page = super::rawtext::prepare(html).map_err(|_| too_deep())?;
    // Parsed once: the metadata and Readability both read this document.
    let doc = Document::from(page.as_ref());
    let mut draft = Draft::default();
    let own = own_metadata(&doc);
    let cfg = dom_smoothie::Config { keep_classes: true, ..Default::default() };
    let mut r = dom_smoothie::Readability::with_document(doc, None, Some(cfg)).context("the page could not be read")?;
    let a = r.parse().map_err(|e| anyhow::anyhow!("no article found in the page: {e}"))?;
    draft.title = clean_title(&a.title, a.site_name.as_deref());
    draft.authors = a.byline.as_deref().map(authors_from_byline).unwrap_or_default();
    draft.source = a.site_name.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    draft.language = a.lang.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    // Readability's excerpt falls back to the first paragraph, which may be the byline.
    draft.summary = a
        .excerpt
        .as_deref()
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| super::debris::word_count(s) >= 8 && !s.to_lowercase().starts_with("by "));
    draft.date = a.published_time.as_deref().and_then(parse_date).or(own.date);
    draft.source_url = own.canonical.or(a.url.clone()).filter(|u| u.starts_with("http"));
    draft.section = own.section;
    let lead = own.lead_image.or_else(|| a.image.clone().map(|src| Image { src, ..Image::default() }));
    draft.images = lead.filter(|i| i.src.starts_with("http")).into_iter().collect();
    let content = clean_content(&a.content);
    let md = to_markdown(&content);
    draft.body = prune_blocks(&md, &draft.title);
    if draft.date.is_none() {
        if let Some(d) = super::text::find_date(&a.text_content.chars().take(2000).collect::<String>()) {
            draft.date = Some(d);
            draft.date_source = Some("text");
        }
    }
    Ok(draft)
}

/// Metadata Readability does not give.
#[derive(Default)]
struct OwnMeta {
    date: Option<FmDate>,
    canonical: Option<String>,
    section: Option<String>,
    lead_image: Option<Image>,
}

/// The elements [`own_metadata`] reads, gathered in one walk over the page (a query for each
/// value would walk the whole document each time).
#[derive(Default)]
struct Marks<'a> {
    /// `<meta>` elements with a content, in page order.
    metas: Vec<MetaTag>,
    /// The first `<link rel=canonical>` with an `href`.
    canonical: Option<String>,
    /// `datetime` of the `<time>` elements, in page order.
    times: Vec<String>,
    json_ld: Vec<String>,
    figures: Vec<dom_query::NodeRef<'a>>,
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
        let sel = doc
            .select("meta[content], link[rel=canonical], time[datetime], script[type='application/ld+json'], figure");
        for n in sel.nodes() {
            let attr = |a: &str| n.attr(a).map(|v| v.to_string());
            if n.has_name("meta") {
                let content = n.attr_or("content", "").trim().to_owned();
                if !content.is_empty() {
                    let (property, name, itemprop) = (attr("property"), attr("name"), attr("itemprop"));
                    m.metas.push(MetaTag { property, name, itemprop, content });
                }
            } else if n.has_name("link") {
                if m.canonical.is_none() {
                    m.canonical = n.attr("href").map(|h| h.trim().to_owned());
                }
            } else if n.has_name("time") {
                m.times.extend(attr("datetime"));
            } else if n.has_name("script") {
                m.json_ld.push(n.text().to_string());
            } else {
                m.figures.push(*n);
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

fn own_metadata(doc: &Document) -> OwnMeta {
    let marks = Marks::of(doc);
    let mut m = OwnMeta {
        canonical: marks.canonical.clone().or_else(|| marks.meta(&[(By::Property, "og:url")])),
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
    for script in &marks.json_ld {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(script) else { continue };
        json_ld(&v, &mut m, 0);
    }
    if m.section.is_none() {
        let crumbs: Vec<String> = doc
            .select("[class*=breadcrumb] a, [id*=breadcrumb] a, nav[aria-label*=readcrumb] a")
            .iter()
            .map(|n| n.text().trim().to_owned())
            .filter(|t| !t.is_empty() && t.split_whitespace().count() <= 5)
            .collect();
        m.section = crumbs.last().cloned();
    }
    // The lead image: the first figure with an image, with its caption and credit.
    let figures = marks.figures.iter().map(|f| dom_query::Selection::from(*f));
    if let Some(fig) = figures.into_iter().find(|f| f.select("img").exists()) {
        let img = fig.select("img").first();
        let src = img.attr("src").or_else(|| img.attr("data-src")).map(|s| s.to_string()).unwrap_or_default();
        let caption = fig.select("figcaption").text().split_whitespace().collect::<Vec<_>>().join(" ");
        let credit_sel = fig.select("[class*=credit], [class*=copyright], [class*=source]");
        let credit = credit_sel.text().split_whitespace().collect::<Vec<_>>().join(" ");
        let caption = if credit.is_empty() { caption } else { caption.replace(&credit, "").trim().to_owned() };
        m.lead_image = Some(Image {
            src,
            alt: img.attr("alt").map(|a| a.trim().to_owned()).unwrap_or_default(),
            caption: (!caption.is_empty()).then_some(caption),
            credit: (!credit.is_empty()).then_some(credit),
        });
    }
    if let Some(img) = &m.lead_image {
        if !img.src.starts_with("http") {
            if let Some(og) = marks.meta(&[(By::Property, "og:image")]) {
                m.lead_image = Some(Image { src: og, ..img.clone() });
            }
        }
    }
    m
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
            if m.date.is_none() {
                m.date = o.get("datePublished").and_then(|d| d.as_str()).and_then(parse_date);
            }
        }
        _ => {}
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
    super::text::find_date(s)
}

/// The headline without the site name appended or prepended (`Headline | Site`).
fn clean_title(title: &str, site: Option<&str>) -> String {
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

/// `By Jane Doe and John Roe, Staff Writers` → `[Jane Doe, John Roe]`.
pub fn authors_from_byline(byline: &str) -> Vec<String> {
    let b = byline.split_whitespace().collect::<Vec<_>>().join(" ");
    let b = ["by ", "written by ", "words by ", "von ", "par ", "por "]
        .iter()
        .find_map(|p| b.get(..p.len()).filter(|x| x.eq_ignore_ascii_case(p)).map(|_| b[p.len()..].to_owned()))
        .unwrap_or(b);
    let b = b.split(['|', '•', '\n']).next().unwrap_or(&b).trim().to_owned();
    b.split(" and ")
        .flat_map(|p| p.split(" & "))
        .flat_map(|p| p.split(", "))
        .map(|p| p.trim().trim_end_matches(['.', ',']).to_owned())
        .filter(|p| !p.is_empty() && p.split_whitespace().count() <= 5 && !p.chars().any(|c| c.is_ascii_digit()))
        .collect()
}

/// Refuses HTML nested so deep that parsing it would take minutes (real pages nest a few dozen
/// elements deep; see [`crate::content::markdown::MAX_HTML_NESTING`]).
pub fn refuse_deep_nesting(html: &str) -> anyhow::Result<()> {
    if crate::content::markdown::html_too_deep(html) {
        return Err(too_deep());
    }
    Ok(())
}

fn too_deep() -> anyhow::Error {
    anyhow::anyhow!(
        "the HTML nests elements more than {} deep, which no article does; it looks damaged or hostile",
        crate::content::markdown::MAX_HTML_NESTING
    )
}

/// Converts extracted HTML to Markdown, dropping images and scripts.
pub fn to_markdown(html: &str) -> String {
    let converter = htmd::HtmlToMarkdown::builder()
        .skip_tags(vec!["script", "style", "noscript", "iframe", "img", "picture", "svg", "form", "button"])
        .build();
    let md = converter.convert(html).unwrap_or_default();
    tidy_markdown(&md)
}

/// Collapses runs of blank lines and trims trailing spaces.
fn tidy_markdown(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut blank = 0;
    for line in md.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

/// Class and id words that mark page furniture rather than article text.
const FURNITURE: &[&str] = &[
    "caption",
    "credit",
    "credits",
    "byline",
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "subscribe",
    "promo",
    "advert",
    "ad",
    "ads",
    "advertisement",
    "sponsored",
    "gallery",
    "slideshow",
    "carousel",
    "comments",
    "comment",
    "cookie",
    "cookies",
    "footer",
    "nav",
    "navigation",
    "breadcrumb",
    "breadcrumbs",
    "toolbar",
    "widget",
    "sidebar",
    "popup",
    "modal",
    "signup",
    "bio",
    "timestamp",
    "dateline",
    "tags",
    "recirc",
    "outbrain",
    "taboola",
    "print",
    "tools",
    "hidden",
    "sr",
    "visually",
    "skip",
];

fn is_furniture(class_and_id: &str) -> bool {
    class_and_id
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| FURNITURE.contains(&w.to_ascii_lowercase().as_str()))
}

/// Removes figures, captions and furniture the extractor kept.
fn clean_content(content: &str) -> String {
    let doc = Document::fragment(content.to_owned());
    doc.select("figure, figcaption, aside, nav, footer, form, button, script, style, noscript").remove();
    let total = doc.root().text().chars().filter(|c| !c.is_whitespace()).count().max(1);
    for node in doc.select("[class], [id]").nodes() {
        let words = format!("{} {}", node.attr_or("class", ""), node.attr_or("id", ""));
        // A wrapper holding much of the text is the article itself, whatever its class says.
        if is_furniture(&words) && node.text().chars().filter(|c| !c.is_whitespace()).count() * 4 < total {
            node.remove_from_parent();
        }
    }
    // Hover cards and tooltips inside paragraphs (the innermost such element, which holds the
    // card rather than the linked name).
    let popup = |c: &str| ["tooltip", "popover", "hovercard", "rollover"].iter().any(|w| c.contains(w));
    for node in doc.select("[class]").iter() {
        let class = node.attr("class").map(|c| c.to_lowercase()).unwrap_or_default();
        if !popup(&class) {
            continue;
        }
        let inner = node
            .select("[class]")
            .iter()
            .any(|n| popup(&n.attr("class").map(|c| c.to_lowercase()).unwrap_or_default()));
        if !inner {
            node.remove();
        }
    }
    doc.html().to_string()
}

/// Drops Markdown blocks that are not article text: the headline repeated, byline and date lines
/// before the first paragraph, and paragraphs that are only links.
fn prune_blocks(md: &str, title: &str) -> String {
    let title_norm = super::debris::norm(title);
    let mut out: Vec<&str> = Vec::new();
    let mut seen_prose = false;
    for block in md.split("\n\n") {
        let plain = super::text::markdown_plain(block);
        let words = super::debris::word_count(&plain);
        let is_heading = block.starts_with('#');
        if !seen_prose {
            let n = super::debris::norm(&plain);
            let lower = plain.trim().to_lowercase();
            let byline_like = lower.starts_with("by ")
                || plain.contains('©')
                || words <= 2
                || super::text::find_date(&plain).is_some() && words <= 15;
            if n == title_norm || (!is_heading && words <= 12 && !ends_sentence(plain.trim()) && byline_like) {
                continue;
            }
        }
        let list_item =
            block.starts_with("* ") || block.starts_with("*   ") || block.starts_with("- ") || block.starts_with("1.");
        if link_share(block) > 0.6 && words <= 40 && !list_item {
            continue;
        }
        // A list whose every item is a link is a list of other pages.
        if list_item && block.lines().filter(|l| !l.trim().is_empty()).all(|l| link_share(l) > 0.8) {
            continue;
        }
        // The same rules as for scraped text: calls to action, cross-references, photo captions.
        let line = plain.trim();
        if !list_item
            && words <= 20
            && !line.is_empty()
            && (super::debris::furniture(line, false)
                || super::debris::is_cross_reference(line)
                || super::text::caption(line).is_some())
        {
            continue;
        }
        if words >= 8 && !is_heading {
            seen_prose = true;
        }
        out.push(block);
    }
    cut_teaser_tail(&mut out);
    out.join("\n\n")
}

/// A block that is only an image link with no text (`[](url)`): the handle of a teaser card.
fn is_card_link(block: &str) -> bool {
    let b = block.trim();
    b.starts_with("[](") && b.ends_with(')') && !b[3..].contains(' ')
}

/// Cuts a trailing run of teaser cards (other articles, each behind a text-less link).
fn cut_teaser_tail(blocks: &mut Vec<&str>) {
    let cards: Vec<usize> = blocks.iter().enumerate().filter(|(_, b)| is_card_link(b)).map(|(i, _)| i).collect();
    for &start in &cards {
        let rest = blocks.len() - start;
        let in_rest = cards.iter().filter(|&&i| i >= start).count();
        if in_rest >= 3 && in_rest * 4 >= rest {
            blocks.truncate(start);
            return;
        }
    }
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end_matches(['"', '\'', '”', '’', ')']).ends_with(['.', '!', '?', ':', '。', '！', '？'])
}

/// The share of a Markdown block's text that is link text (`[text](target)`).
fn link_share(block: &str) -> f64 {
    let mut linked = 0usize;
    let mut rest = block;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        match after.find("](") {
            Some(close) if !after[..close].contains('[') => {
                linked += after[..close].chars().filter(|c| c.is_alphanumeric()).count();
                let target = &after[close + 2..];
                rest = target.find(')').map(|e| &target[e + 1..]).unwrap_or("");
            }
            _ => rest = after,
        }
    }
    let total = super::text::markdown_plain(block).chars().filter(|c| c.is_alphanumeric()).count();
    if total == 0 {
        0.0
    } else {
        linked as f64 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_the_site_name() {
        assert_eq!(clean_title("Big news | The Paper", Some("The Paper")), "Big news");
        assert_eq!(clean_title("Left - right", Some("Other")), "Left - right");
    }

    #[test]
    fn bylines_become_names() {
        assert_eq!(authors_from_byline("By Jane Doe and John Roe"), ["Jane Doe", "John Roe"]);
        assert_eq!(authors_from_byline("by Ana Lima | 4 March 2005"), ["Ana Lima"]);
    }

    #[test]
    fn link_only_paragraphs_are_dropped() {
        let md = "Some real sentence here that is long enough to count as prose.\n\n[Other story](https://x.y/z)";
        assert_eq!(prune_blocks(md, "T"), "Some real sentence here that is long enough to count as prose.");
    }
}
