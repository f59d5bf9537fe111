//! Saved HTML pages: the article's body (extraction + HTML→Markdown) and its metadata.
//!
//! **Extraction base.** Both candidate crates were measured on the extraction corpus (89 pages,
//! shingle F1 as in the article-extraction-benchmark, same post-processing through `htmd`):
//! `dom_smoothie` 0.954 at ~480 pages/s, `rs-trafilatura` 0.952 at ~130 pages/s. `dom_smoothie`
//! (a Mozilla Readability port) is the base: as good, four times faster, and its metadata follows
//! Readability's rules. On top of it, `clean_content` removes what Readability keeps but is not
//! the article: figures and captions, blocks whose class or id names page furniture (share bars,
//! related links, bylines, galleries…), and `prune_blocks` drops leading byline/date lines and
//! link-only paragraphs. `htmd` converts the result to Markdown.
//!
//! **Metadata** comes from Readability's reading of `<meta>` and JSON-LD, completed by our own
//! (`meta.rs`):
//! section (`article:section`, JSON-LD `articleSection`, breadcrumbs), canonical URL, `<time>`
//! elements, and the lead image with its caption and credit; or, on a page without them, the
//! headline, date and byline it shows as text. The byline's people are read by `byline.rs`.

use anyhow::Context as _;
use dom_query::Document;

mod byline;
mod marks;
mod meta;

use super::{links, Draft};
use crate::content::front_matter::Image;
pub use byline::authors_from_byline;
pub use meta::parse_date;
use meta::{clean_title, own_metadata};

/// Extracts one article from an HTML page. `page_url` is where the page was fetched from (after
/// redirects) or saved from, if known; the page's own canonical URL wins over it (see
/// [`super::links`]).
pub fn extract(html: &str, page_url: Option<&url::Url>) -> anyhow::Result<Draft> {
    let page = super::rawtext::prepare(html).map_err(|_| too_deep())?;
    // Parsed once: the metadata and Readability both read this document.
    let doc = Document::from(page.as_ref());
    let mut draft = Draft::default();
    let own = own_metadata(&doc);
    let cfg = dom_smoothie::Config { keep_classes: true, ..Default::default() };
    let mut r = dom_smoothie::Readability::with_document(doc, None, Some(cfg)).context("the page could not be read")?;
    let a = r.parse().map_err(|e| anyhow::anyhow!("no article found in the page: {e}"))?;
    draft.title = clean_title(&a.title, a.site_name.as_deref());
    if let Some(h1) = meta::full_headline(&draft.title, own.headline.as_deref()) {
        draft.title = h1;
    }
    // A page without a `<title>`: the headline it shows.
    if draft.title.is_empty() {
        draft.title = own.marked_headline.clone().or(own.headline.clone()).unwrap_or_default();
    }
    draft.source = a.site_name.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    draft.authors = a.byline.as_deref().map(authors_from_byline).unwrap_or_default();
    // Metadata naming only the outlet (or an agency): the page's byline element names the people.
    if super::outlet::clean_authors(&draft.authors, draft.source.as_deref(), None).0.is_empty() {
        let lines = own.byline.iter().flat_map(|b| b.lines());
        let people: Vec<String> = lines.flat_map(authors_from_byline).collect();
        if !people.is_empty() {
            draft.authors = people;
        }
    }
    draft.language = a.lang.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    // Readability's excerpt falls back to the first paragraph, which may be the byline.
    draft.summary = a
        .excerpt
        .as_deref()
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| super::debris::word_count(s) >= 8 && !s.to_lowercase().starts_with("by "));
    draft.date = a.published_time.as_deref().and_then(parse_date).or(own.date);
    draft.updated = own.modified;
    let named = [own.canonical.as_deref(), own.og_url.as_deref(), a.url.as_deref()];
    let page = links::page_url(&named, page_url);
    let base = links::link_base(page.as_ref(), own.base_href.as_deref());
    draft.source_url = page.map(String::from);
    draft.section = own.section;
    draft.paywall = own.paywall;
    let lead = own.lead_image.or_else(|| a.image.clone().map(|src| Image { src, ..Image::default() }));
    draft.images = lead
        .and_then(|i| {
            Some(Image { src: links::resolve(base.as_ref(), &i.src).filter(|s| s.starts_with("http"))?, ..i })
        })
        .into_iter()
        .collect();
    let content = clean_content(&a.content, base.as_ref());
    let md = to_markdown(&content);
    draft.body = links::drop_empty_links(&prune_blocks(&md, &draft.title));
    if draft.date.is_none() {
        if let Some(d) = super::text::find_date(&a.text_content.chars().take(2000).collect::<String>()) {
            draft.date = Some(d);
            draft.date_source = Some("text");
        }
    }
    Ok(draft)
}

/// Refuses HTML nested so deep that parsing it would take minutes (real pages nest a few dozen
/// elements deep; see [`crate::content::html_depth::MAX_HTML_NESTING`]).
pub fn refuse_deep_nesting(html: &str) -> anyhow::Result<()> {
    if crate::content::html_depth::html_too_deep(html) {
        return Err(too_deep());
    }
    Ok(())
}

fn too_deep() -> anyhow::Error {
    anyhow::anyhow!(
        "the HTML nests elements more than {} deep, which no article does; it looks damaged or hostile",
        crate::content::html_depth::MAX_HTML_NESTING
    )
}

/// Converts extracted HTML to Markdown, dropping images and scripts.
pub fn to_markdown(html: &str) -> String {
    let converter = htmd::HtmlToMarkdown::builder()
        .skip_tags(vec!["script", "style", "noscript", "iframe", "img", "picture", "svg", "form", "button"])
        .build();
    let md = converter.convert(html).unwrap_or_default();
    super::tidy::tidy_markdown(&md)
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
    // Legal notes and app pitches under the article (13 of the 14 such blocks of the public
    // extraction pages are outside their article text).
    "disclaimer",
];

fn is_furniture(class_and_id: &str) -> bool {
    class_and_id
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| FURNITURE.contains(&w.to_ascii_lowercase().as_str()))
}

/// Removes figures, captions and furniture the extractor kept; resolves links against `base`.
fn clean_content(content: &str, base: Option<&url::Url>) -> String {
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
    drop_pull_quotes(&doc);
    links::resolve_anchors(&doc, base);
    doc.html().to_string()
}

/// The fewest words of a quotation that counts as repeating the article.
const PULL_QUOTE_WORDS: usize = 5;

/// Pull quotes: a `<blockquote>` whose words the article also says elsewhere is a sentence of it
/// set large for the eye, and would read twice. A quotation the article does not repeat (a
/// letter, a post it cites) stays.
fn drop_pull_quotes(doc: &Document) {
    let quotes = doc.select("blockquote");
    if quotes.is_empty() {
        return;
    }
    let whole = format!(" {} ", super::debris::norm(&doc.root().text()));
    for quote in quotes.iter() {
        let said = super::debris::norm(&quote.text());
        if super::debris::word_count(&said) < PULL_QUOTE_WORDS {
            continue;
        }
        let needle = format!(" {said} ");
        // Twice in the whole text: once in the quote, once in the article.
        if whole.find(&needle).is_some_and(|at| whole[at + 1..].contains(&needle)) {
            quote.remove();
        }
    }
}

/// The most words of a label over a list of links.
const LABEL_WORDS: usize = 4;

/// Drops Markdown blocks that are not article text: the headline repeated, byline and date lines
/// before the first paragraph, paragraphs that are only links, and a short label right above
/// such links inside the article.
fn prune_blocks(md: &str, title: &str) -> String {
    let title_norm = super::debris::norm(title);
    let mut out: Vec<&str> = Vec::new();
    let mut seen_prose = false;
    // Whether the block just before was kept and is a short label ("Te puede interesar",
    // "Keep reading"): when the list of links under it goes, it goes too.
    let mut label_before = false;
    for block in md.split("\n\n") {
        let was_label = std::mem::replace(&mut label_before, false);
        let plain = super::text::markdown_plain(block);
        let words = super::debris::word_count(&plain);
        let is_heading = block.starts_with('#');
        if !seen_prose {
            let n = super::debris::norm(&plain);
            let lower = plain.trim().to_lowercase();
            let dated = super::text::find_date(&plain).is_some() || super::dates::has_numeric_date(&plain);
            let byline_like =
                lower.starts_with("by ") || super::debris::has_copyright_sign(&plain) || words <= 2 || dated;
            // A dated line that is no sentence is the article's metadata (date, author, section,
            // tags), however many fields it lists.
            let metadata = !ends_sentence(plain.trim()) && (words <= 12 && byline_like || words <= 24 && dated);
            if n == title_norm || (!is_heading && metadata) {
                continue;
            }
        }
        let list_item = is_list_item(block);
        // Mostly links: a short block of them is navigation; a long block that is all one link
        // (a promotion behind a link, a teaser's whole text) points away from the article.
        let share = link_share(block, &plain);
        let links_only = !list_item && (share > 0.6 && words <= 40 || share > 0.9);
        // A list whose every item is a link is a list of other pages.
        let link_list = list_item
            && block
                .lines()
                .filter(|l| !l.trim().is_empty())
                .all(|l| link_share(l, &super::text::markdown_plain(l)) > 0.8);
        if links_only || link_list {
            if was_label && seen_prose {
                out.pop();
            }
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
        // Not a numbered section's heading ("15. Security"), over its own references.
        let numbered = plain.contains(|c: char| c.is_ascii_digit());
        label_before = seen_prose && (1..=LABEL_WORDS).contains(&words) && !ends_sentence(plain.trim()) && !numbered;
        out.push(block);
    }
    cut_teaser_tail(&mut out);
    drop_trailing_labels(&mut out);
    out.join("\n\n")
}

/// A Markdown list's block.
fn is_list_item(block: &str) -> bool {
    block.starts_with("* ") || block.starts_with("- ") || block.starts_with("1.")
}

/// A short label ending the body ("Schlagworte", "Tags:", "Share"): what it labelled (tag
/// links, share buttons) is gone, and no article ends on a heading over nothing.
fn drop_trailing_labels(blocks: &mut Vec<&str>) {
    while let Some(last) = blocks.last() {
        let plain = super::text::markdown_plain(last);
        let t = plain.trim().trim_end_matches(':');
        // Not a credit ("Contributing: Ana Lima", unless its names are links: "Filed under:
        // [Harbours]"), nor the author's address ("ana@paper.example").
        let credit = t.contains(':') && link_share(last, &plain) < 0.3;
        let label = (1..=LABEL_WORDS).contains(&super::debris::word_count(&plain))
            && !ends_sentence(t)
            && !credit
            && !plain.contains(|c: char| c.is_ascii_digit() || c == '@' || c == '/');
        if !label || is_list_item(last) || blocks.len() == 1 {
            return;
        }
        blocks.pop();
    }
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

/// The share of a Markdown block's text that is link text (`[text](target)`); `plain` is the
/// block as plain text (see [`super::text::markdown_plain`]), which the caller has at hand.
fn link_share(block: &str, plain: &str) -> f64 {
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
    let total = plain.chars().filter(|c| c.is_alphanumeric()).count();
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
    fn a_page_without_a_title_takes_the_headline_marked_as_such_over_the_blogs_name() {
        let para = "<p>The old library on Main Street will close its doors for good in June, the town council decided on Tuesday evening after a long debate.</p>";
        let page = format!(
            "<html><body><header><h1 class=\"title\"><a href=\"/\">Notes from Alder Creek</a></h1></header>\
             <div class=\"post hentry\"><h3 class=\"post-title entry-title\">The old library closes in June</h3>\
             <div class=\"post-body entry-content\"><div><i>The reading room in 1979. Photo courtesy of a reader.</i></div>{para}{para}{para}</div></div></body></html>"
        );
        assert_eq!(extract(&page, None).unwrap().title, "The old library closes in June");
        // Without a mark, the page's one <h1>.
        let plain = page.replace(" entry-title", "");
        assert_eq!(extract(&plain, None).unwrap().title, "Notes from Alder Creek");
    }

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
    fn a_dated_metadata_line_before_the_text_is_dropped() {
        let meta =
            "**14.03.2021** - Posted by: Ilse Vantongeren - Section: [Rivers](https://tidings.example/s/rivers) \
                    - Tags: [locks](https://tidings.example/t/locks) [barges](https://tidings.example/t/barges)";
        let prose =
            "The lock keepers of the lower canal stopped work at dawn, leaving forty barges moored along the quay.";
        assert_eq!(prune_blocks(&format!("{meta}\n\n{prose}"), "T"), prose);
    }

    #[test]
    fn a_long_paragraph_that_is_one_link_is_dropped() {
        let promo = "[Join the Lantern Ledger club for a modest yearly fee and receive weekly market letters, \
                     archive access, invitations to reader evenings, a printed almanac each winter, priority \
                     seats at our debates and a discount at the bookshop run by our friends on Harbour \
                     Street, which stocks every title we review](https://ledger.example/club)";
        let md =
            format!("The harbour board voted on Tuesday to extend the ferry timetable into the winter.\n\n{promo}");
        assert_eq!(
            prune_blocks(&md, "T"),
            "The harbour board voted on Tuesday to extend the ferry timetable into the winter."
        );
    }

    #[test]
    fn a_label_over_links_inside_the_article_goes_with_them() {
        let prose = "The harbour board voted on Tuesday to extend the ferry timetable into the winter.";
        let md = format!(
            "{prose}\n\nTe puede interesar\n\n[La cebada sube en la lonja](https://x.y/a)\n\n{prose}\n\nPublicidad\n\n{prose}"
        );
        assert_eq!(prune_blocks(&md, "T"), format!("{prose}\n\n{prose}\n\n{prose}"));
        // A sub-heading over the article's own text stays.
        let md = format!("{prose}\n\n## Timetable\n\n{prose}");
        assert_eq!(prune_blocks(&md, "T"), md);
    }

    #[test]
    fn a_pull_quote_that_repeats_the_article_goes_and_a_quotation_stays() {
        let said = "It was work. Every night, every weather, for twenty-two years.";
        let html = format!(
            "<div><p>“{said} Then the light was automated,” she said.</p><blockquote><p>“{said}”</p></blockquote>\
             <p>The keeper wrote to the board:</p><blockquote><p>We will keep the lamp lit at our own cost.</p></blockquote></div>"
        );
        let out = clean_content(&html, None);
        assert_eq!(out.matches("twenty-two years").count(), 1, "{out}");
        assert!(out.contains("at our own cost"), "{out}");
    }

    #[test]
    fn a_label_ending_the_body_goes() {
        let prose = "The harbour board voted on Tuesday to extend the ferry timetable into the winter.";
        assert_eq!(prune_blocks(&format!("{prose}\n\nSchlagworte"), "T"), prose);
        assert_eq!(prune_blocks(&format!("{prose}\n\nTags:"), "T"), prose);
        // A last sentence, however short, stays, and so does a list's last item.
        let md = format!("{prose}\n\nThey agreed.");
        assert_eq!(prune_blocks(&md, "T"), md);
        let md = format!("{prose}\n\n*   Bananas");
        assert_eq!(prune_blocks(&md, "T"), md);
    }

    #[test]
    fn link_only_paragraphs_are_dropped() {
        let md = "Some real sentence here that is long enough to count as prose.\n\n[Other story](https://x.y/z)";
        assert_eq!(prune_blocks(md, "T"), "Some real sentence here that is long enough to count as prose.");
    }
}
