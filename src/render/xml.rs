//! Small helpers for writing XML with `quick-xml`: every text and attribute is escaped, and
//! characters XML 1.0 cannot carry at all are dropped.

use std::io;

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

/// Drops characters XML 1.0 cannot carry at all (escaping does not help for those).
pub fn xml_chars(s: &str) -> std::borrow::Cow<'_, str> {
    let ok =
        |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
    // Plain ASCII text, by far the most common (every URL of the sitemap), checked byte by byte.
    let ascii_ok = |b: u8| matches!(b, b'\t' | b'\n' | b'\r' | 0x20..=0x7f);
    if s.bytes().all(ascii_ok) || s.chars().all(ok) {
        s.into()
    } else {
        s.chars().filter(|&c| ok(c)).collect::<String>().into()
    }
}

/// Writes `<name attrs…>text</name>`, escaped.
pub fn text_el<W: io::Write>(w: &mut Writer<W>, name: &str, attrs: &[(&str, &str)], text: &str) -> io::Result<()> {
    w.create_element(name)
        .with_attributes(attrs.iter().map(|(k, v)| (*k, xml_chars(v))))
        .write_text_content(BytesText::new(&xml_chars(text)))?;
    Ok(())
}

/// Writes `<name attrs…/>`, escaped.
pub fn empty_el<W: io::Write>(w: &mut Writer<W>, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
    w.create_element(name).with_attributes(attrs.iter().map(|(k, v)| (*k, xml_chars(v)))).write_empty()?;
    Ok(())
}

pub fn xml_writer() -> io::Result<Writer<Vec<u8>>> {
    xml_writer_with(true)
}

/// An XML writer with the declaration written; `indent` puts each element on its own line
/// (for people reading the file), else everything is on one line (for the many small feeds).
pub fn xml_writer_with(indent: bool) -> io::Result<Writer<Vec<u8>>> {
    let mut w = if indent { Writer::new_with_indent(Vec::new(), b' ', 1) } else { Writer::new(Vec::new()) };
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    Ok(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_chars_drops_only_what_xml_cannot_hold() {
        assert_eq!(xml_chars("a\u{0}b\u{1b}c\té 📰"), "abc\té 📰");
        assert!(matches!(xml_chars("plain"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn text_is_escaped() {
        let mut w = Writer::new(Vec::new());
        text_el(&mut w, "t", &[("a", "\"><x>")], "</t><script>&").unwrap();
        let s = String::from_utf8(w.into_inner()).unwrap();
        assert_eq!(s, "<t a=\"&quot;&gt;&lt;x&gt;\">&lt;/t&gt;&lt;script&gt;&amp;</t>");
    }
}
