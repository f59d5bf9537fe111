//! Prepares a saved page for parsing: one pass over the raw HTML that empties `<script>` and
//! `<style>` elements, drops comments and the drawing inside inline `<svg>` icons, and checks
//! how deep elements nest.
//!
//! On saved news pages, scripts and style sheets are more than half of the bytes, and the HTML
//! parser reads them character by character only for Readability to delete them again. Their
//! content is never article text, so it is cut out before parsing; the elements themselves stay
//! (empty), so the document's structure is the same. JSON-LD scripts are kept: they carry
//! metadata. Comments are deleted by Readability too, and what is inside an icon's `<svg>` is
//! shapes that no step after reads (Readability skips `<svg>`, the Markdown conversion drops
//! it); together they are a tenth of what is left once scripts are gone.
//!
//! The scan follows the HTML tokenizer far enough to know where a script really starts and ends:
//! comments, CDATA sections, tags with quoted attribute values, and the other elements whose
//! content is not markup (`<title>`, `<textarea>`, `<noscript>`…, skipped unchanged). A script
//! containing `<!--` is kept as it is, since there the parser's end-of-script rules differ. An
//! `<svg>` is emptied only when it holds nothing but drawing elements, each closed in order, so
//! that nothing in it could end up outside it once parsed. Anything the scan does not
//! understand is left unchanged.
//!
//! The same pass counts how deep elements nest, as [`crate::content::html_depth::html_too_deep`]
//! does: pages nested too deep are refused before the parser (quadratic on them) sees them.

use std::borrow::Cow;

use crate::content::html_depth::{counts_for_depth, html_depth_after, MAX_HTML_NESTING};

/// How the tokenizer reads what follows a start tag, by the element's name.
enum Content {
    Markup,
    /// `<script>` and `<style>`: text up to their own end tag, emptied here.
    Raw(&'static str),
    /// Other elements whose content is text up to their own end tag, kept.
    Opaque(&'static str),
    Svg,
    /// Everything after it is text.
    Plaintext,
}

impl Content {
    fn of(name: &str) -> Content {
        let mut buf = [0u8; 9];
        let Some(lower) = buf.get_mut(..name.len()) else { return Content::Markup };
        lower.copy_from_slice(name.as_bytes());
        lower.make_ascii_lowercase();
        match &*lower {
            b"script" => Content::Raw("script"),
            b"style" => Content::Raw("style"),
            b"title" => Content::Opaque("title"),
            b"textarea" => Content::Opaque("textarea"),
            b"xmp" => Content::Opaque("xmp"),
            b"iframe" => Content::Opaque("iframe"),
            b"noembed" => Content::Opaque("noembed"),
            b"noframes" => Content::Opaque("noframes"),
            b"noscript" => Content::Opaque("noscript"),
            b"svg" => Content::Svg,
            b"plaintext" => Content::Plaintext,
            _ => Content::Markup,
        }
    }
}

/// The page nests elements deeper than [`MAX_HTML_NESTING`].
#[derive(Debug)]
pub struct TooDeep;

/// The output being built: the page with some ranges cut out.
struct Cuts<'a> {
    html: &'a str,
    out: Option<String>,
    /// Everything before it is already in `out`.
    copied: usize,
}

impl Cuts<'_> {
    /// Replaces `from..to` (at or after `copied`) with `with`.
    fn cut(&mut self, from: usize, to: usize, with: &str) {
        let o = self.out.get_or_insert_with(|| String::with_capacity(self.html.len() / 2));
        o.push_str(&self.html[self.copied..from]);
        o.push_str(with);
        self.copied = to;
    }
}

/// The page with the content of its scripts (other than JSON-LD), style sheets and inline SVG
/// drawings removed, and without comments; `Err` when elements nest deeper than
/// [`MAX_HTML_NESTING`].
pub fn prepare(html: &str) -> Result<Cow<'_, str>, TooDeep> {
    let b = html.as_bytes();
    let mut cuts = Cuts { html, out: None, copied: 0 };
    let mut depth = 0usize;
    // No `<svg>` before this is tried again (one failed try covers the SVGs inside it).
    let mut svg_tried_to = 0;
    let mut i = 0;
    // Where the scan stopped understanding the page, if it did.
    let stopped: Option<usize> = loop {
        let Some(off) = html[i..].find('<') else { break None };
        let lt = i + off;
        let rest = &b[lt..];
        if rest.starts_with(b"<!--") {
            let Some(end) = comment_end(html, lt) else { break Some(lt) };
            // Between tags or after a space a comment goes; elsewhere an empty one stays, so
            // that the text on either side is not joined into a tag or a character reference.
            let alone = lt == 0 || matches!(b[lt - 1], b'>' | b' ' | b'\t' | b'\n' | b'\r' | 0x0c);
            cuts.cut(lt, end, if alone { "" } else { "<!---->" });
            i = end;
            continue;
        }
        if rest.starts_with(b"<![CDATA[") {
            let Some(e) = html[lt..].find("]]>") else { break Some(lt) };
            // Outside SVG the parser reads a comment up to the first `>` and markup after it:
            // what is skipped here still counts for the depth.
            depth = html_depth_after(depth, &html[lt..lt + e]).ok_or(TooDeep)?;
            i = lt + e + 3;
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") || rest.starts_with(b"</") {
            // Doctype, bogus comment or end tag: up to the next `>`.
            let Some(e) = html[lt + 1..].find('>') else { break Some(lt) };
            if rest.starts_with(b"</") && counts_for_depth(tag_name(&html[lt + 2..])) {
                depth = depth.saturating_sub(1);
            }
            i = lt + 1 + e + 1;
            continue;
        }
        if !rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
            i = lt + 1;
            continue;
        }
        let Some(tag) = start_tag(html, lt) else { break Some(lt) };
        i = tag.end;
        let content = Content::of(tag.name);
        if let Content::Plaintext = content {
            break None;
        }
        if !tag.self_closing && counts_for_depth(tag.name) {
            depth += 1;
            if depth > MAX_HTML_NESTING {
                return Err(TooDeep);
            }
        }
        let (name, raw) = match content {
            Content::Raw(name) => (name, true),
            Content::Opaque(name) => (name, false),
            Content::Svg if !tag.self_closing && lt >= svg_tried_to => {
                match drawing_end(html, tag.end) {
                    Ok(close) => {
                        cuts.cut(tag.end, close, "");
                        i = close;
                    }
                    Err(reached) => svg_tried_to = reached,
                }
                continue;
            }
            _ => continue,
        };
        let Some((close, escaped)) = end_tag(html, tag.end, name) else { break Some(tag.end) };
        // In SVG, `<script/>` is empty and what follows is markup: left alone, and counted (the
        // `<script/>` too, as its end tag will be).
        if tag.self_closing {
            depth += 1;
            if depth > MAX_HTML_NESTING {
                return Err(TooDeep);
            }
            depth = html_depth_after(depth, &html[tag.end..close]).ok_or(TooDeep)?;
        }
        let keep = !raw || tag.self_closing || escaped || tag.attrs.to_ascii_lowercase().contains("ld+json");
        if !keep && close > tag.end {
            cuts.cut(tag.end, close, "");
        }
        i = close;
    };
    // Whatever the scan did not follow is counted the simple way.
    if let Some(at) = stopped {
        html_depth_after(depth, &html[at..]).ok_or(TooDeep)?;
    }
    Ok(match cuts.out {
        None => Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[cuts.copied..]);
            Cow::Owned(o)
        }
    })
}

/// Just after the comment that starts at `lt` (`<!--`): an abrupt `<!-->` or `<!--->` ends at
/// once, else at `-->`. `None` when it never ends.
fn comment_end(html: &str, lt: usize) -> Option<usize> {
    let body = lt + 4;
    let b = &html.as_bytes()[body..];
    if b.starts_with(b">") {
        Some(body + 1)
    } else if b.starts_with(b"->") {
        Some(body + 2)
    } else {
        html[body..].find("-->").map(|e| body + e + 3)
    }
}

/// The tag name at the start of `s` (up to a space, `/` or `>`).
fn tag_name(s: &str) -> &str {
    let end = s.find([' ', '\t', '\n', '\r', '\x0c', '/', '>']).unwrap_or(s.len());
    &s[..end]
}

/// SVG elements that only draw: inside `<svg>`, they stay in SVG whatever surrounds them.
/// (`<p>`, `<div>`, `<b>`… would end the SVG; `<foreignObject>` holds HTML.)
const DRAWING: &[&str] = &[
    "svg",
    "g",
    "path",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "rect",
    "defs",
    "use",
    "symbol",
    "clippath",
    "mask",
    "pattern",
    "lineargradient",
    "radialgradient",
    "stop",
    "marker",
    "image",
    "text",
    "tspan",
    "textpath",
    "title",
    "desc",
    "filter",
    "animate",
    "animatetransform",
    "animatemotion",
    "set",
];

fn is_drawing(name: &str) -> bool {
    // Filter primitives: `feGaussianBlur`, `feOffset`…
    DRAWING.iter().any(|d| d.eq_ignore_ascii_case(name)) || name.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("fe"))
}

/// Deepest drawing followed; deeper ones are left alone (real icons nest a few levels).
const MAX_DRAWING_DEPTH: usize = 64;

/// Where the end tag of the `<svg>` whose content starts at `from` begins, when everything in
/// it is drawing elements (closed in order), text, comments and CDATA. Else `Err` with how far
/// the scan got. `<title>` and `<desc>` may hold text only: the parser reads their tags as HTML.
fn drawing_end(html: &str, from: usize) -> Result<usize, usize> {
    let b = html.as_bytes();
    let mut open: Vec<&str> = vec!["svg"];
    let mut text_only = false;
    let mut i = from;
    loop {
        let lt = i + html[i..].find('<').ok_or(html.len())?;
        let rest = &b[lt..];
        let skip = if rest.starts_with(b"<!--") {
            comment_end(html, lt)
        } else if rest.starts_with(b"<![CDATA[") {
            html[lt..].find("]]>").map(|e| lt + e + 3)
        } else if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            html[lt + 1..].find('>').map(|e| lt + 1 + e + 1)
        } else {
            Some(lt)
        };
        match skip {
            None => return Err(html.len()),
            Some(s) if s > lt => {
                i = s;
                continue;
            }
            Some(_) => {}
        }
        let closing = rest.get(1) == Some(&b'/');
        let at = if closing { lt + 1 } else { lt };
        if !b.get(at + 1).is_some_and(u8::is_ascii_alphabetic) {
            if closing {
                return Err(lt);
            }
            i = lt + 1;
            continue;
        }
        let tag = start_tag(html, at).ok_or(html.len())?;
        i = tag.end;
        if closing {
            // The end tag closes the innermost open element of its name (and those inside).
            let k = open.iter().rposition(|n| n.eq_ignore_ascii_case(tag.name)).ok_or(lt)?;
            open.truncate(k);
            text_only = false;
            if open.is_empty() {
                return Ok(lt);
            }
        } else if text_only || !is_drawing(tag.name) || open.len() >= MAX_DRAWING_DEPTH {
            return Err(lt);
        } else if !tag.self_closing {
            text_only = tag.name.eq_ignore_ascii_case("title") || tag.name.eq_ignore_ascii_case("desc");
            open.push(tag.name);
        }
    }
}

struct StartTag<'a> {
    name: &'a str,
    /// The text between the name and the closing `>`.
    attrs: &'a str,
    self_closing: bool,
    /// Just after the `>`.
    end: usize,
}

/// Reads the start tag at `lt` (`<` followed by a letter) as the tokenizer does: a quote only
/// opens a value after `=`. `None` when the tag never ends.
fn start_tag(html: &str, lt: usize) -> Option<StartTag<'_>> {
    let b = html.as_bytes();
    let space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0c);
    let mut j = lt + 1;
    while j < b.len() && !space(b[j]) && b[j] != b'/' && b[j] != b'>' {
        j += 1;
    }
    let name = &html[lt + 1..j];
    let attrs_from = j;
    loop {
        while j < b.len() && (space(b[j]) || b[j] == b'/') {
            j += 1;
        }
        match b.get(j)? {
            b'>' => {
                let attrs = &html[attrs_from..j];
                let self_closing = attrs.trim_end().ends_with('/');
                return Some(StartTag { name, attrs, self_closing, end: j + 1 });
            }
            _ => {
                // Attribute name (a first `=` belongs to it).
                j += 1;
                while j < b.len() && !space(b[j]) && !matches!(b[j], b'/' | b'>' | b'=') {
                    j += 1;
                }
                while j < b.len() && space(b[j]) {
                    j += 1;
                }
                if b.get(j) != Some(&b'=') {
                    continue;
                }
                j += 1;
                while j < b.len() && space(b[j]) {
                    j += 1;
                }
                match b.get(j)? {
                    &q @ (b'"' | b'\'') => {
                        let close = html[j + 1..].find(q as char)?;
                        j += 1 + close + 1;
                    }
                    _ => {
                        while j < b.len() && !space(b[j]) && b[j] != b'>' {
                            j += 1;
                        }
                    }
                }
            }
        }
    }
}

/// Where the end tag `</name` closing raw content that starts at `from` begins (the name in any
/// case, followed by a space, `/` or `>`), and whether the content before it holds a `<!--`.
/// One pass over the `<` of the content, which in scripts are few.
fn end_tag(html: &str, from: usize, name: &str) -> Option<(usize, bool)> {
    let b = html.as_bytes();
    let mut escaped = false;
    let mut at = from;
    while let Some(off) = html[at..].find('<') {
        let start = at + off;
        at = start + 1;
        match b.get(start + 1) {
            Some(b'!') => escaped |= b[start..].starts_with(b"<!--"),
            Some(b'/') => {
                let after = start + 2 + name.len();
                if b.get(start + 2..after).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
                    && b.get(after).is_some_and(|&c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'/' | b'>'))
                {
                    return Some((start, escaped));
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(s: &str) -> String {
        prepare(s).expect("not too deep").into_owned()
    }

    #[test]
    fn scripts_and_styles_are_emptied() {
        let page = "<html><head><style>p{color:red}</style><script src=a.js></script>\
            <SCRIPT type=\"text/javascript\">var s = '<p>not text</p>';</SCRIPT >\
            </head><body><p>Text</p><script>x()</script\n></body></html>";
        assert_eq!(
            strip(page),
            "<html><head><style></style><script src=a.js></script>\
             <SCRIPT type=\"text/javascript\"></SCRIPT ></head><body><p>Text</p><script></script\n></body></html>"
        );
    }

    #[test]
    fn json_ld_and_escaped_scripts_are_kept() {
        for page in [
            "<script type=\"application/ld+json\">{\"a\": \"</p>\"}</script><p>x</p>",
            "<script><!-- document.write('<script>y()</script>') --></script><p>x</p>",
        ] {
            assert_eq!(strip(page), page);
        }
    }

    #[test]
    fn look_alikes_are_not_scripts() {
        for page in [
            "<p title=\"<script>\">kept</p>",
            "<p data-x='a>b' title=\"<style>\">kept</p>",
            "<textarea><script></textarea><p>kept</p>",
            "<title>a <style> b</title><p>kept</p>",
            "<math><![CDATA[ <script> ]]></math><p>kept</p>",
            "<scripts>kept</scripts>",
            "1 < 2 and <script",
        ] {
            assert_eq!(strip(page), page);
        }
        assert_eq!(strip("<!-- <script> --><p>kept</p><script></script>"), "<p>kept</p><script></script>");
        // `</scriptx>` does not end a script; `</script/>` does.
        assert_eq!(strip("<script>a</scriptx>b</script/>c"), "<script></script/>c");
    }

    #[test]
    fn comments_go_without_joining_the_text_around_them() {
        assert_eq!(strip("<p>a <!-- x --><b>b</b></p>\n<!--->"), "<p>a <b>b</b></p>\n");
        assert_eq!(
            strip("<p>a<!-- x -->b &amp<!---->; <<!-- -->div></p>"),
            "<p>a<!---->b &amp<!---->; <<!---->div></p>"
        );
    }

    #[test]
    fn drawings_are_emptied_and_other_svg_kept() {
        let icon = "<svg viewBox=\"0 0 9 9\"><title>Share</title><g><path d=\"M0 0\"/><circle r=1></circle></g>\
            <![CDATA[ x ]]><!-- c --></SVG >";
        assert_eq!(strip(&format!("<a>{icon}</a>")), "<a><svg viewBox=\"0 0 9 9\"></SVG ></a>");
        for page in [
            // HTML inside: the parser ends the SVG there (or reads HTML in it).
            "<svg><path/><p>out</p></svg>",
            "<svg><foreignObject><div>x</div></foreignObject></svg>",
            "<svg><title><b>x</b></title></svg>",
            "<svg><g></div></svg>",
            "<svg><path>",
            "<svg><script/><p>svg</p></svg>",
        ] {
            assert_eq!(strip(page), page);
        }
    }

    #[test]
    fn deep_nesting_is_found_in_the_same_pass() {
        let deep = |open: &str, close: &str| format!("{}x{}", open.repeat(600), close.repeat(600));
        assert!(prepare(&deep("<div>", "</div>")).is_err());
        assert!(prepare(&deep("<span class='a>b'>", "</span>")).is_err());
        // Elements whose end tag may be left out, comments, script text and SVG drawings do not count.
        for page in [
            deep("<p>", ""),
            deep("<li><br>", ""),
            format!("<!-- {} -->", deep("<div>", "")),
            format!("<script>{}</script>", deep("<div>", "")),
            deep("<div>", "</div>").replacen("<div>", "<div/>", 600),
        ] {
            assert!(prepare(&page).is_ok(), "{}", &page[..40]);
        }
        // What the parser reads as markup counts, however the scan reads it.
        for page in [
            format!("<![CDATA[>{}]]>", deep("<div>", "")),
            format!("<svg><script/>{}</script></svg>", deep("<div>", "")),
            // Too deep to be a drawing: parsed, so counted.
            format!("<svg>{}</svg>", deep("<g>", "</g>")),
            format!("<title>{}", deep("<div>", "")),
        ] {
            assert!(prepare(&page).is_err(), "{}", &page[..40]);
        }
        let page = deep("<div>", "</div>");
        assert_eq!(prepare(&page).is_err(), crate::content::html_depth::html_too_deep(&page));
    }

    #[test]
    fn the_parsed_page_is_the_same_but_for_script_text_comments_and_drawings() {
        let page = "<html><head><title>T <b></title><style>b{}</style></head><body><!-- one -->\
            <p>One <script>document.write('<b>x</b>')</script>two<!-- two -->three</p>\
            <svg><title>Icon</title><path d='M0 0'/></svg><svg><script/><p>svg</p></svg>\
            <noscript><p>Three</p></noscript><p a=\"<script>\" b='>'>Four</p></body></html>";
        let tree = |h: &str| {
            let doc = dom_query::Document::from(h);
            doc.select("script, style, svg").iter().for_each(|n| n.set_html(""));
            let mut html = doc.html().to_string();
            while let Some(start) = html.find("<!--") {
                let end = html[start..].find("-->").map_or(html.len(), |e| start + e + 3);
                html.replace_range(start..end, "");
            }
            html
        };
        let stripped = strip(page);
        assert!(!stripped.contains("write") && !stripped.contains("b{}") && !stripped.contains("Icon"), "{stripped}");
        assert_eq!(tree(&stripped), tree(page));
    }
}
