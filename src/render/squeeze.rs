//! Squeezes the whitespace templates leave between tags: a run of spaces, tabs and newlines
//! that holds a newline becomes that one newline. A browser shows such a run as one space
//! (or nothing, between blocks) either way, so the page looks the same, but the indentation
//! and blank lines of readable templates were ~0.5 KB of every page of the 10 000-article
//! bench site (8 MB).
//!
//! Left exactly as written: the insides of tags (attribute values keep their own spacing),
//! comments, and the elements whose text is shown or run as written: `<pre>`, `<textarea>`,
//! `<script>` and `<style>`. A run without a newline (the space between two words or two
//! inline elements) is never touched.

/// Elements whose contents are kept byte for byte.
const RAW: [&[u8]; 4] = [b"pre", b"textarea", b"script", b"style"];

/// Squeezes `html` in place (it only ever gets shorter).
pub fn squeeze(html: &mut Vec<u8>) {
    let n = html.len();
    let (mut read, mut write) = (0, 0);
    while read < n {
        if html[read] == b'<' {
            let end = markup_end(html, read);
            html.copy_within(read..end, write);
            write += end - read;
            read = end;
            continue;
        }
        // Text up to the next tag or newline is copied whole (a byte at a time cost 0.6 s of
        // CPU on the bench site); a newline brings the whitespace run around it down to itself.
        let stop = memchr::memchr2(b'<', b'\n', &html[read..]).map_or(n, |k| read + k);
        let (keep, next) = if stop < n && html[stop] == b'\n' {
            let run_start =
                html[read..stop].iter().rposition(|c| !c.is_ascii_whitespace()).map_or(read, |k| read + k + 1);
            let run_end = html[stop..].iter().position(|c| !c.is_ascii_whitespace()).map_or(n, |k| stop + k);
            (run_start, run_end)
        } else {
            (stop, stop)
        };
        html.copy_within(read..keep, write);
        write += keep - read;
        if next > keep {
            html[write] = b'\n';
            write += 1;
        }
        read = next;
    }
    html.truncate(write);
}

/// Where the markup starting at `html[at] == b'<'` ends: after a comment's `-->`, after a raw
/// element's closing tag, or after the tag's `>` (quotes respected, so a `>` inside an
/// attribute value does not end it).
fn markup_end(html: &[u8], at: usize) -> usize {
    let rest = &html[at..];
    if rest.starts_with(b"<!--") {
        return find(rest, b"-->", 4).map_or(html.len(), |k| at + k + 3);
    }
    let tag_end = tag_end(rest).map_or(html.len(), |k| at + k + 1);
    match RAW.iter().find(|name| opens(rest, name)) {
        Some(name) => {
            let close = [b"</", *name].concat();
            let from = tag_end - at;
            match find_ignoring_case(rest, &close, from) {
                Some(k) => tag_end_from(html, at + k),
                None => html.len(),
            }
        }
        None => tag_end,
    }
}

/// The end (just past `>`) of the tag starting at `at`, or the end of the text.
fn tag_end_from(html: &[u8], at: usize) -> usize {
    tag_end(&html[at..]).map_or(html.len(), |k| at + k + 1)
}

/// The index of the `>` that ends the tag at the start of `tag`, outside quoted values.
/// `memchr` jumps between the bytes that matter (a loop over every byte was a tenth of the
/// squeeze).
fn tag_end(tag: &[u8]) -> Option<usize> {
    let mut at = 1;
    loop {
        let k = at + memchr::memchr3(b'>', b'"', b'\'', tag.get(at..)?)?;
        if tag[k] == b'>' {
            return Some(k);
        }
        // A quoted value: its closing quote, and on after it.
        at = k + 1 + memchr::memchr(tag[k], tag.get(k + 1..)?)? + 1;
    }
}

/// Whether `tag` opens element `name` (`<pre>`, `<pre class="x">`, `<PRE>`).
fn opens(tag: &[u8], name: &[u8]) -> bool {
    tag.len() > name.len() + 1
        && tag[1..=name.len()].eq_ignore_ascii_case(name)
        && matches!(tag[name.len() + 1], b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r')
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    memchr::memmem::find(hay.get(from..)?, needle).map(|k| from + k)
}

/// Where `needle` (`</` and a name) next occurs at or after `from`, the name in any case.
fn find_ignoring_case(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let (head, name) = needle.split_at(2);
    let mut at = from;
    loop {
        let k = find(hay, head, at)?;
        if hay.get(k + 2..k + 2 + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name)) {
            return Some(k);
        }
        at = k + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sq(s: &str) -> String {
        let mut v = s.as_bytes().to_vec();
        squeeze(&mut v);
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn indentation_and_blank_lines_between_tags_become_one_newline() {
        assert_eq!(sq("<ul>\n  <li>a</li>\n\n    <li>b</li>\n</ul>\n"), "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n");
        assert_eq!(sq("<p>one\n    two</p>"), "<p>one\ntwo</p>");
    }

    #[test]
    fn spaces_without_a_newline_are_kept() {
        let s = "<p>two  spaces <a href=x>and</a> <b>inline</b>\tgaps</p>";
        assert_eq!(sq(s), s);
    }

    #[test]
    fn preformatted_text_scripts_and_styles_are_kept_as_written() {
        let s = "<div>\n  <pre class=\"code\">  fn main() {\n      x\n\n  }</pre>\n  <textarea>\n  a\n</textarea>\
                 <script type=\"application/ld+json\">{\"a\":\n   1}</script><STYLE>\n  p {}\n</STYLE>\n  </div>";
        let want = "<div>\n<pre class=\"code\">  fn main() {\n      x\n\n  }</pre>\n<textarea>\n  a\n</textarea>\
                    <script type=\"application/ld+json\">{\"a\":\n   1}</script><STYLE>\n  p {}\n</STYLE>\n</div>";
        assert_eq!(sq(s), want);
    }

    #[test]
    fn attribute_values_and_comments_are_kept_as_written() {
        let s = "<img alt=\"a\n   b > c\" title='x\n  y'>\n  <!-- a\n   b -->\n  <p>";
        assert_eq!(sq(s), "<img alt=\"a\n   b > c\" title='x\n  y'>\n<!-- a\n   b -->\n<p>");
    }

    #[test]
    fn a_pre_like_name_is_not_a_pre() {
        assert_eq!(sq("<prefix>\n  a</prefix>"), "<prefix>\na</prefix>");
    }

    #[test]
    fn unterminated_markup_is_copied_to_the_end() {
        assert_eq!(sq("<p>\n  <pre>\n  open"), "<p>\n<pre>\n  open");
        assert_eq!(sq("a\n  <img alt=\"open"), "a\n<img alt=\"open");
        assert_eq!(sq("<!-- open\n  "), "<!-- open\n  ");
    }

    /// The byte-at-a-time scans the `memchr` ones replaced, kept as their specification.
    fn tag_end_by_bytes(tag: &[u8]) -> Option<usize> {
        let mut quote = None;
        for (i, &c) in tag.iter().enumerate().skip(1) {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == b'"' || c == b'\'' => quote = Some(c),
                None if c == b'>' => return Some(i),
                None => {}
            }
        }
        None
    }

    fn find_ignoring_case_by_windows(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
        hay.get(from..)?.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle)).map(|k| from + k)
    }

    proptest::proptest! {
        #[test]
        fn tag_end_finds_what_a_byte_scan_finds(s in "<[a-z=\"' >/-]{0,40}") {
            proptest::prop_assert_eq!(tag_end(s.as_bytes()), tag_end_by_bytes(s.as_bytes()));
        }

        #[test]
        fn closing_tags_are_found_where_a_window_scan_finds_them(
            s in "(</?(pre|PRE|Pre|pr)|[<a-z >/])*",
            from in 0usize..45,
        ) {
            let got = find_ignoring_case(s.as_bytes(), b"</pre", from);
            proptest::prop_assert_eq!(got, find_ignoring_case_by_windows(s.as_bytes(), b"</pre", from));
        }

        /// Squeezing keeps every other byte in order, is idempotent and never grows the page.
        #[test]
        fn squeezing_only_removes_whitespace(s in "[<>a-z\"' \n\t/-]{0,80}") {
            let once = sq(&s);
            let squeezed: Vec<char> = once.chars().filter(|c| !c.is_ascii_whitespace()).collect();
            let original: Vec<char> = s.chars().filter(|c| !c.is_ascii_whitespace()).collect();
            proptest::prop_assert_eq!(squeezed, original);
            proptest::prop_assert_eq!(sq(&once), once.clone());
            proptest::prop_assert!(once.len() <= s.len());
        }
    }
}
