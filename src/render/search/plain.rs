//! The plain text of an article's HTML for the search index, read straight off the markup.
//!
//! Parsing every article again into a DOM only to read its text back was about 6 % of a
//! build's instructions. The article HTML is the sanitizer's serialisation: tags with quoted
//! attributes, a handful of character references, text in document order. For such markup a
//! parser's text is the text between the tags with the references decoded, so [`text`] reads
//! it in one pass. Anything whose text a parser would read differently — raw-text elements,
//! tables (whose stray text a parser moves), foreign content, unusual references, bogus
//! comments, carriage returns — makes it give up, and the caller parses instead. A property
//! test checks both ways agree on whatever the fast way accepts.

/// Elements whose contents a parser does not read as ordinary text, or moves: the fast path
/// leaves HTML holding any of them to the parser.
#[rustfmt::skip]
const HANDED_OVER: [&str; 24] = [
    "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title", "plaintext",
    "template", "select", "svg", "math", "table", "caption", "colgroup", "col", "tbody", "thead", "tfoot", "tr",
    "frameset", "isindex",
];

/// The text a parser would give (all text nodes in document order), or `None` when the
/// markup holds something only a parser reads right.
pub fn text(html: &str) -> Option<String> {
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let mut i = 0;
    while i < b.len() {
        let next = b[i..].iter().position(|&c| matches!(c, b'<' | b'&' | b'\r' | 0)).map_or(b.len(), |k| i + k);
        out.push_str(&html[i..next]);
        i = next;
        if i == b.len() {
            break;
        }
        match b[i] {
            b'<' => i = markup(html, i, &mut out)?,
            b'&' => i = reference(html, i, &mut out)?,
            _ => return None,
        }
    }
    Some(out)
}

/// Reads the markup at `at` (a `<`); returns where the text goes on.
fn markup(html: &str, at: usize, out: &mut String) -> Option<usize> {
    let b = html.as_bytes();
    let rest = &html[at..];
    if let Some(comment) = rest.strip_prefix("<!--") {
        // `<!-->` and `<!--->` end at once for a parser; leave such oddities to it.
        if comment.starts_with('>') || comment.starts_with("->") {
            return None;
        }
        // `--!>` ends a comment too.
        let end = comment.find("-->")?;
        return (!comment[..end + 3].contains("--!>")).then_some(at + 4 + end + 3);
    }
    let (close, name_at) = if rest.starts_with("</") { (true, at + 2) } else { (false, at + 1) };
    match b.get(name_at) {
        Some(c) if c.is_ascii_alphabetic() => {}
        // `<` not opening a tag is text; `</>` and the like, `<!`, `<?` are for the parser.
        Some(_) if !close && !matches!(b[name_at], b'!' | b'?' | b'/') => {
            out.push('<');
            return Some(at + 1);
        }
        _ => return None,
    }
    let name_end = b[name_at..]
        .iter()
        .position(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>'))
        .map_or(b.len(), |k| name_at + k);
    let name = html[name_at..name_end].to_ascii_lowercase();
    if !close && HANDED_OVER.contains(&name.as_str()) {
        return None;
    }
    let end = tag_end(b, name_end)?;
    // A parser drops the newline right after `<pre>` or `<listing>` (a referenced one too).
    if !close && (name == "pre" || name == "listing") {
        match b.get(end) {
            Some(b'\n') => return Some(end + 1),
            Some(b'&') => {
                let mut first = String::new();
                let after = reference(html, end, &mut first)?;
                if first != "\n" {
                    out.push_str(&first);
                }
                return Some(after);
            }
            _ => {}
        }
    }
    Some(end)
}

/// Where a tag whose name ends at `at` ends (after its `>`), reading quoted attribute values
/// whole; `None` for attributes a parser reads oddly, or a tag the input cuts off.
fn tag_end(b: &[u8], mut at: usize) -> Option<usize> {
    loop {
        while at < b.len() && (b[at].is_ascii_whitespace() || b[at] == b'/') {
            at += 1;
        }
        match b.get(at)? {
            b'>' => return Some(at + 1),
            b'"' | b'\'' | b'<' | b'=' => return None,
            _ => {}
        }
        while at < b.len() && !(b[at].is_ascii_whitespace() || matches!(b[at], b'/' | b'>' | b'=')) {
            if matches!(b[at], b'"' | b'\'' | b'<') {
                return None;
            }
            at += 1;
        }
        while at < b.len() && b[at].is_ascii_whitespace() {
            at += 1;
        }
        if b.get(at) != Some(&b'=') {
            continue;
        }
        at += 1;
        while at < b.len() && b[at].is_ascii_whitespace() {
            at += 1;
        }
        match *b.get(at)? {
            q @ (b'"' | b'\'') => at += 1 + b[at + 1..].iter().position(|&c| c == q)? + 1,
            _ => {
                while at < b.len() && !(b[at].is_ascii_whitespace() || b[at] == b'>') {
                    if matches!(b[at], b'"' | b'\'' | b'<' | b'=' | b'`') {
                        return None;
                    }
                    at += 1;
                }
            }
        }
    }
}

/// Reads the character reference at `at` (a `&`); returns where the text goes on.
fn reference(html: &str, at: usize, out: &mut String) -> Option<usize> {
    let rest = &html[at + 1..];
    const NAMED: [(&str, char); 6] =
        [("amp;", '&'), ("lt;", '<'), ("gt;", '>'), ("quot;", '"'), ("apos;", '\''), ("nbsp;", '\u{a0}')];
    if let Some((name, c)) = NAMED.iter().find(|(name, _)| rest.starts_with(name)) {
        out.push(*c);
        return Some(at + 1 + name.len());
    }
    if let Some(number) = rest.strip_prefix('#') {
        let (digits, radix) = match number.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (number, 10),
        };
        // Where the digits start in `html`: after `&#` or `&#x`.
        let digits_at = html.len() - digits.len();
        let len = digits.bytes().take_while(|c| c.is_ascii_digit() || radix == 16 && c.is_ascii_hexdigit()).count();
        if len == 0 || len > 6 || digits.as_bytes().get(len) != Some(&b';') {
            return None;
        }
        let value = u32::from_str_radix(&digits[..len], radix).ok()?;
        // Controls, C1 codes (which parsers map to Windows-1252) and non-characters are the
        // parser's business.
        let c = char::from_u32(value)
            .filter(|&c| (c >= ' ' || c == '\n' || c == '\t') && !('\u{7f}'..='\u{9f}').contains(&c))?;
        if (value & 0xFFFE) == 0xFFFE || (0xFDD0..=0xFDEF).contains(&value) {
            return None;
        }
        out.push(c);
        return Some(digits_at + len + 1); // past the `;`
    }
    // A bare `&` (before a space or punctuation) is text; any other reference is the parser's.
    match rest.bytes().next() {
        Some(c) if c.is_ascii_alphanumeric() => None,
        _ => {
            out.push('&');
            Some(at + 1)
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    fn parsed(html: &str) -> String {
        dom_query::Document::fragment(html).root().text().to_string()
    }

    #[test]
    fn text_between_tags_with_references_decoded() {
        let html = "<h2 id=\"a\">Tides &amp; flows</h2>\n<p class=\"x\" title=\"a>b\">It&#39;s 5 &lt; 6 &#x263A;<br>\
                    next</p>\n<pre><code>\nfn main() {}\n</code></pre>\n<!-- note --><p>R&amp;D 1 & 2</p>";
        assert_eq!(super::text(html).as_deref(), Some(parsed(html).as_str()));
    }

    #[test]
    fn the_newline_after_pre_is_dropped_as_a_parser_drops_it() {
        let html = "<pre>\nfirst line\nsecond</pre>";
        assert_eq!(super::text(html).as_deref(), Some("first line\nsecond"));
        assert_eq!(parsed(html), "first line\nsecond");
        let html = "<pre>&#10;first&#x0a;</pre>";
        assert_eq!(super::text(html).as_deref(), Some("first\n"));
        assert_eq!(parsed(html), "first\n");
    }

    #[test]
    fn markup_only_a_parser_reads_right_is_handed_over() {
        for html in [
            "<table>stray<tr><td>cell</td></tr></table>",
            "<textarea>a <b> c</textarea>",
            "<p>a&eacute;b</p>",
            "<pre>&eacute;</pre>",
            "<p>a\r\nb</p>",
            "<!doctype html><p>a</p>",
            "<p title=\"cut off",
            "<svg><![CDATA[x]]></svg>",
            "<p>&#128;</p>",
        ] {
            assert_eq!(super::text(html), None, "{html}");
        }
    }

    #[test]
    fn sanitized_article_html_takes_the_fast_way() {
        let markdown = "## Port *news*\n\nThe port's R&D unit said \"5 < 6\" -- [read](https://example.org/?a=1&b=2).\n\n\
                        - one\n- two ![crane](https://example.org/c.png \"A > B\")\n\n```rust\nlet a = b < c && d;\n```\n\n\
                        > Quoted&nbsp;text &eacute;t&eacute;\n";
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(markdown));
        let clean = crate::sanitize::clean_html(&html, &[]);
        assert_eq!(super::text(&clean).as_deref(), Some(parsed(&clean).as_str()), "{clean}");
    }

    /// Pieces of markup, well formed or not, that random fragments are made of.
    fn piece() -> impl Strategy<Value = String> {
        let fixed = prop::sample::select(vec![
            "<p>",
            "</p>",
            "<em>",
            "</em>",
            "<a href=\"x?a=1&amp;b=2\">",
            "</a>",
            "<br>",
            "<br/>",
            "<pre>",
            "</pre>",
            "<pre>\n",
            "<code class=\"language-rust\">",
            "</code>",
            "<span class='k'>",
            "</span>",
            "<ul>",
            "<li>",
            "</li>",
            "</ul>",
            "<h2>",
            "</h2>",
            "<img src=x alt=\"a b\">",
            "<!-- c -->",
            "<!-->",
            "<!x>",
            "<?x>",
            "</>",
            "< p",
            "<3",
            "&amp;",
            "&lt;",
            "&gt;",
            "&quot;",
            "&apos;",
            "&nbsp;",
            "&#39;",
            "&#x41;",
            "&#0;",
            "&#128;",
            "&eacute;",
            "&",
            "& ",
            "&#",
            "\n",
            "\r\n",
            " ",
            "\t",
            "<table>",
            "<td>",
            "</td>",
            "<tr>",
            "<select>",
            "<option>",
            "<textarea>",
            "</textarea>",
            "<script>",
            "</script>",
            "<b>",
            "</b>",
            "<i>",
            "<p title=\"a>b\">",
            "<div a=b c='d'>",
            "</div>",
            "<listing>",
            "<listing>\n",
            "<svg>",
            "<math>",
            "<q a=\"",
            "<x y=`z`>",
            "<hr>",
            "</br>",
            "<p/>",
            "<noscript>",
            "&#x1F600;",
            "&#xFFFE;",
            "&#55296;",
        ]);
        prop_oneof![fixed.prop_map(str::to_owned), "[a-zA-Zé0-9 .,;'\"!-]{1,12}"]
    }

    /// Pieces of markup as the sanitizer writes it: the fast way must read all of it.
    fn clean_piece() -> impl Strategy<Value = String> {
        let fixed = prop::sample::select(vec![
            "<p>",
            "</p>",
            "<em>",
            "</em>",
            "<a href=\"x?a=1&amp;b=2\" rel=\"noopener noreferrer\">",
            "</a>",
            "<br>",
            "<pre data-lang=\"rust\">",
            "</pre>",
            "<pre>\n",
            "<code class=\"language-rust\">",
            "</code>",
            "<span class=\"k\">",
            "</span>",
            "<ul>",
            "<li>",
            "</li>",
            "</ul>",
            "<h2 id=\"a-b\">",
            "</h2>",
            "<img src=\"x.png\" alt=\"a &quot;b&quot; > c\">",
            "&amp;",
            "&lt;",
            "&gt;",
            "&quot;",
            "&nbsp;",
            "\n",
            "<blockquote>",
            "</blockquote>",
            "<input type=\"checkbox\" disabled=\"\">",
            "<hr>",
            "& ",
        ]);
        prop_oneof![fixed.prop_map(str::to_owned), "[a-zA-Zé0-9 .,;'\"!-]{1,12}"]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn sanitized_markup_is_read_the_fast_way_as_a_parser_reads_it(
            pieces in prop::collection::vec(clean_piece(), 0..24)
        ) {
            let html = pieces.concat();
            prop_assert_eq!(super::text(&html), Some(parsed(&html)), "{:?}", html);
        }

        #[test]
        fn whatever_the_fast_way_reads_a_parser_reads_the_same(pieces in prop::collection::vec(piece(), 0..24)) {
            let html = pieces.concat();
            if let Some(fast) = super::text(&html) {
                prop_assert_eq!(fast, parsed(&html), "{:?}", html);
            }
        }
    }
}
