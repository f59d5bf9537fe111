//! Empties `<script>` and `<style>` elements before a page is parsed.
//!
//! On saved news pages, scripts and style sheets are more than half of the bytes, and the HTML
//! parser reads them character by character only for Readability to delete them again. Their
//! content is never article text, so it is cut out before parsing; the elements themselves stay
//! (empty), so the document's structure is the same. JSON-LD scripts are kept: they carry
//! metadata.
//!
//! The scan follows the HTML tokenizer far enough to know where a script really starts and ends:
//! comments, CDATA sections, tags with quoted attribute values, and the other elements whose
//! content is not markup (`<title>`, `<textarea>`, `<noscript>`…, skipped unchanged). A script
//! containing `<!--` is kept as it is, since there the parser's end-of-script rules differ.
//! Anything the scan does not understand is left unchanged.

use std::borrow::Cow;

/// Elements whose content the tokenizer reads as text up to their own end tag.
const OPAQUE: &[&str] = &["title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript"];

/// The page with the content of its scripts (other than JSON-LD) and style sheets removed.
pub fn strip_scripts_and_styles(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    // `copied`: everything before it is already in `out`.
    let mut copied = 0;
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let lt = i + off;
        let rest = &b[lt..];
        if rest.starts_with(b"<!--") {
            // An abrupt `<!-->` or `<!--->` ends at once; else at `-->` (or the end).
            let body = lt + 4;
            i = if b[body..].starts_with(b">") {
                body + 1
            } else if b[body..].starts_with(b"->") {
                body + 2
            } else {
                match html[body..].find("-->") {
                    Some(e) => body + e + 3,
                    None => break,
                }
            };
            continue;
        }
        if rest.starts_with(b"<![CDATA[") {
            match html[lt..].find("]]>") {
                Some(e) => i = lt + e + 3,
                None => break,
            }
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") || rest.starts_with(b"</") {
            // Doctype, bogus comment or end tag: up to the next `>`.
            match html[lt + 1..].find('>') {
                Some(e) => i = lt + 1 + e + 1,
                None => break,
            }
            continue;
        }
        if !rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
            i = lt + 1;
            continue;
        }
        let Some(tag) = start_tag(html, lt) else { break };
        i = tag.end;
        if tag.name.eq_ignore_ascii_case("plaintext") {
            break;
        }
        let raw = ["script", "style"].into_iter().find(|n| tag.name.eq_ignore_ascii_case(n));
        let Some(name) = raw.or_else(|| OPAQUE.iter().copied().find(|n| tag.name.eq_ignore_ascii_case(n))) else {
            continue;
        };
        let Some((close, escaped)) = end_tag(html, tag.end, name) else { break };
        // In SVG, `<script/>` is empty and what follows is markup: left alone.
        let keep = raw.is_none() || tag.self_closing || escaped || tag.attrs.to_ascii_lowercase().contains("ld+json");
        if !keep && close > tag.end {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len() / 2));
            o.push_str(&html[copied..tag.end]);
            copied = close;
        }
        i = close;
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[copied..]);
            Cow::Owned(o)
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
        strip_scripts_and_styles(s).into_owned()
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
            "<!-- <script> --><p>kept</p><script></script>",
            "<p title=\"<script>\">kept</p>",
            "<p data-x='a>b' title=\"<style>\">kept</p>",
            "<textarea><script></textarea><p>kept</p>",
            "<title>a <style> b</title><p>kept</p>",
            "<svg><![CDATA[ <script> ]]></svg><p>kept</p>",
            "<scripts>kept</scripts>",
            "1 < 2 and <script",
        ] {
            assert_eq!(strip(page), page);
        }
        // `</scriptx>` does not end a script; `</script/>` does.
        assert_eq!(strip("<script>a</scriptx>b</script/>c"), "<script></script/>c");
    }

    #[test]
    fn the_parsed_page_is_the_same_but_for_script_text() {
        let page = "<html><head><title>T <b></title><style>b{}</style></head><body>\
            <p>One <script>document.write('<b>x</b>')</script>two</p><svg><script/><p>svg</p></svg>\
            <noscript><p>Three</p></noscript><p a=\"<script>\" b='>'>Four</p></body></html>";
        let tree = |h: &str| {
            let doc = dom_query::Document::from(h);
            doc.select("script, style").iter().for_each(|n| n.set_html(""));
            doc.html().to_string()
        };
        let stripped = strip(page);
        assert!(!stripped.contains("write") && !stripped.contains("b{}"), "{stripped}");
        assert_eq!(tree(&stripped), tree(page));
    }
}
