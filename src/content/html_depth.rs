//! How deep raw HTML elements nest, counted in linear time. HTML readers take quadratic time
//! on very deep input, so Markdown bodies (load) and imported pages and feeds (import) are
//! refused past [`MAX_HTML_NESTING`] before anything parses them.

/// Deepest nesting of raw HTML elements accepted; elements whose end tag may be left out
/// (`<p>`, `<li>`, `<td>` …) and void elements are not counted.
pub const MAX_HTML_NESTING: usize = 512;

/// Elements whose content is text, not markup.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

/// The text after the end tag `</name` (any case), or nothing when there is none.
fn skip_raw_text<'a>(mut rest: &'a str, name: &str) -> &'a str {
    while let Some(i) = rest.find("</") {
        rest = &rest[i + 2..];
        if rest.get(..name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name)) {
            return &rest[name.len()..];
        }
    }
    ""
}

/// How deep raw HTML elements nest, across all the HTML pieces of one body (linear time).
#[derive(Default)]
pub(super) struct HtmlDepth {
    depth: usize,
    reported: bool,
}

impl HtmlDepth {
    /// Follows the tags of `html`; true the first time the depth passes the limit.
    pub(super) fn feed(&mut self, html: &str) -> bool {
        let mut passed = false;
        let mut rest = html;
        while let Some(i) = rest.find('<') {
            rest = &rest[i + 1..];
            if let Some(comment) = rest.strip_prefix("!--") {
                rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
                continue;
            }
            let closing = rest.starts_with('/');
            let after_slash = rest.trim_start_matches('/');
            let name_len = after_slash.bytes().take_while(u8::is_ascii_alphanumeric).count();
            let name = &after_slash[..name_len];
            if name.is_empty() || !counts_for_depth(name) {
                continue;
            }
            let end = rest.find('>').unwrap_or(rest.len());
            if !closing && RAW_TEXT.iter().any(|t| t.eq_ignore_ascii_case(name)) {
                // Script and style text holds `<` comparisons, not tags.
                rest = skip_raw_text(&rest[end..], name);
                continue;
            }
            if closing {
                self.depth = self.depth.saturating_sub(1);
            } else if !rest[..end].ends_with('/') {
                self.depth += 1;
                if self.depth > MAX_HTML_NESTING && !self.reported {
                    self.reported = true;
                    passed = true;
                }
            }
        }
        passed
    }
}

/// Whether `html` nests elements deeper than [`MAX_HTML_NESTING`] (linear time). HTML readers
/// take quadratic time on such input, so importers check whole pages with it before parsing.
pub fn html_too_deep(html: &str) -> bool {
    html_depth_after(0, html).is_none()
}

/// How deep elements nest after `html`, given that they nest `depth` deep before it; `None`
/// when they pass [`MAX_HTML_NESTING`] on the way.
pub(crate) fn html_depth_after(depth: usize, html: &str) -> Option<usize> {
    let mut d = HtmlDepth { depth, reported: false };
    (!d.feed(html)).then_some(d.depth)
}

/// Whether an element named `name` counts towards [`MAX_HTML_NESTING`]: not those whose end
/// tag may be left out (`<p>`, `<li>`, `<td>` …) nor void elements. (A `match` on the
/// lowercased name: importers call it for every tag of a page.)
pub(crate) fn counts_for_depth(name: &str) -> bool {
    let mut buf = [0u8; 8];
    let Some(lower) = buf.get_mut(..name.len()) else { return true };
    lower.copy_from_slice(name.as_bytes());
    lower.make_ascii_lowercase();
    !matches!(
        &*lower,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"option"
            | b"optgroup"
            | b"tr"
            | b"td"
            | b"th"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"colgroup"
            | b"caption"
            | b"rt"
            | b"rp"
            | b"html"
            | b"head"
            | b"body"
    )
}
