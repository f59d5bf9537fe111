//! What an input is (feed, HTML page, Markdown, plain text) and how its bytes are decoded.
//!
//! The kind comes from the content first and the file name only as a tie-breaker; the encoding
//! from a byte-order mark, then a declared charset (HTML `<meta>`, XML declaration), then UTF-8
//! when the bytes are valid UTF-8, then `chardetng`'s guess (Latin-1/Windows-1252 and others).

use encoding_rs::{Encoding, UTF_8};

/// The kinds of input import understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Feed,
    Html,
    Markdown,
    Text,
}

/// Detects the kind of an input from its first bytes, using the extension only when the content
/// does not decide.
pub fn kind(name: &str, bytes: &[u8]) -> Kind {
    let head_len = bytes.len().min(4096);
    // A UTF-16 page only reads as markup once decoded.
    let head = match Encoding::for_bom(bytes) {
        Some((enc, bom_len)) => {
            enc.decode_without_bom_handling(&bytes[bom_len..bytes.len().min(8192)]).0.to_ascii_lowercase()
        }
        None => String::from_utf8_lossy(&bytes[..head_len]).to_ascii_lowercase(),
    };
    let start = head.trim_start_matches('\u{feff}').trim_start();
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    if start.starts_with('{') && (head.contains("jsonfeed.org") || head.contains("\"items\"")) {
        return Kind::Feed;
    }
    if start.starts_with('<') {
        let html_like = head.contains("<html") || head.contains("<!doctype html") || head.contains("<body");
        let feed_like = head.contains("<rss") || head.contains("<rdf:rdf") || head.contains("<feed");
        if feed_like && !html_like {
            return Kind::Feed;
        }
        if html_like || ["html", "htm", "xhtml"].contains(&ext.as_str()) {
            return Kind::Html;
        }
        if ["xml", "rss", "atom", "rdf"].contains(&ext.as_str()) || start.starts_with("<?xml") {
            return Kind::Feed;
        }
        if head.contains("<p") || head.contains("<div") || head.contains("<article") {
            return Kind::Html;
        }
    }
    if ["xml", "rss", "atom", "rdf", "json"].contains(&ext.as_str()) {
        return Kind::Feed;
    }
    if start.starts_with("---") && (ext == "md" || ext == "markdown" || start.contains("\ntitle:")) {
        return Kind::Markdown;
    }
    if ext == "md" || ext == "markdown" {
        return Kind::Markdown;
    }
    Kind::Text
}

/// Refuses inputs that are not text: compressed files, images, executables.
pub fn check_not_binary(bytes: &[u8]) -> anyhow::Result<()> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        anyhow::bail!("the file is gzip-compressed; decompress it first (e.g. `gunzip`)");
    }
    if Encoding::for_bom(bytes).is_some() {
        return Ok(());
    }
    let head = &bytes[..bytes.len().min(8192)];
    let control = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).count();
    if head.contains(&0) || control * 20 > head.len() {
        anyhow::bail!("looks like a binary file, not text, HTML or a feed");
    }
    Ok(())
}

/// Decodes bytes to text, whatever their encoding, without control characters.
pub fn decode(bytes: &[u8], kind: Kind) -> String {
    decode_declared(bytes, kind, None)
}

/// [`decode`] for bytes that came with a charset from outside (HTTP's `Content-Type`), which
/// counts as declared (before the document's own declaration, as browsers do) and is checked
/// against the bytes the same way: a server may be as wrong as a `<meta>`.
pub fn decode_declared(bytes: &[u8], kind: Kind, transport: Option<&str>) -> String {
    let transport = transport.and_then(|label| Encoding::for_label(label.trim().as_bytes()));
    let text = decode_raw(bytes, kind, transport);
    if has_control(&text) {
        return text.chars().filter(|&c| !c.is_control() || matches!(c, '\n' | '\r' | '\t')).collect();
    }
    text
}

/// Whether the text has a control character other than line breaks and tabs. Checked on the
/// UTF-8 bytes (C0 and DEL are single bytes, C1 is `C2 80`–`C2 9F`), in blocks without early
/// exit so that the compiler vectorises it: many times faster than decoding every character.
fn has_control(text: &str) -> bool {
    let b = text.as_bytes();
    let Some((&last, _)) = b.split_last() else { return false };
    let bad = |x: u8, next: u8| {
        ((x < 0x20) & (x != b'\n') & (x != b'\r') & (x != b'\t'))
            | (x == 0x7f)
            | ((x == 0xc2) & ((next & 0xe0) == 0x80))
    };
    if bad(last, 0) {
        return true;
    }
    let (this, next) = (&b[..b.len() - 1], &b[1..]);
    this.chunks(1024).zip(next.chunks(1024)).any(|(t, n)| t.iter().zip(n).fold(false, |acc, (&x, &y)| acc | bad(x, y)))
}

fn decode_raw(bytes: &[u8], kind: Kind, transport: Option<&'static Encoding>) -> String {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return enc.decode_without_bom_handling(&bytes[bom_len..]).0.into_owned();
    }
    let declared = || matches!(kind, Kind::Html | Kind::Feed).then(|| declared_charset(bytes)).flatten();
    // UTF-16 named by a server for bytes without a BOM is as unlikely as in a `<meta>`.
    let transport = transport.filter(|e| *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE);
    if let Some(enc) = transport.or_else(declared) {
        // Validated once, and valid UTF-8 copied as it is.
        let utf8 = std::str::from_utf8(bytes).ok();
        match utf8 {
            // A page that declares Latin-1 but is valid UTF-8 is almost always UTF-8.
            Some(s) if enc == UTF_8 || !bytes.is_ascii() => return s.to_owned(),
            // A page that declares UTF-8 but is not valid UTF-8 was saved in another
            // encoding: guess it below rather than fill the text with replacement characters.
            None if enc == UTF_8 => {}
            _ => return enc.decode_without_bom_handling(bytes).0.into_owned(),
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_owned();
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Allow);
    enc.decode_without_bom_handling(bytes).0.into_owned()
}

/// The charset declared in the first bytes: `<meta charset=…>`, `content="…; charset=…"` or
/// `<?xml … encoding="…"?>`.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    for key in ["charset=", "encoding="] {
        let mut from = 0;
        while let Some(i) = head[from..].find(key) {
            let rest = head[from + i + key.len()..].trim_start_matches(['"', '\'', ' ']);
            let label: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || "-_:.".contains(*c)).collect();
            if let Some(enc) = Encoding::for_label(label.as_bytes()) {
                // UTF-16 declared in an ASCII-compatible stream is a lie; the BOM case is handled above.
                if enc != encoding_rs::UTF_16LE && enc != encoding_rs::UTF_16BE {
                    return Some(enc);
                }
            }
            from += i + key.len();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_kinds_from_content() {
        assert_eq!(kind("a.txt", b"<?xml version=\"1.0\"?><rss version=\"2.0\">"), Kind::Feed);
        assert_eq!(kind("a.txt", b"<!DOCTYPE html><html><body>x"), Kind::Html);
        assert_eq!(kind("a.html", b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"), Kind::Feed);
        assert_eq!(kind("a", b"{\"version\": \"https://jsonfeed.org/version/1\", \"items\": []}"), Kind::Feed);
        assert_eq!(kind("a.md", b"---\ntitle: x\n---\n"), Kind::Markdown);
        assert_eq!(kind("a.xml", b"Just words\nand more."), Kind::Feed);
        assert_eq!(kind("a", b"Just words\nand more."), Kind::Text);
    }

    #[test]
    fn utf16_pages_are_detected_and_decoded() {
        let page = "\u{feff}<!doctype html><html><body><p>Zürich</p></body></html>";
        let bytes: Vec<u8> = page.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(kind("page.txt", &bytes), Kind::Html);
        assert!(decode(&bytes, Kind::Html).contains("<p>Zürich</p>"));
    }

    #[test]
    fn latin1_bytes_declared_as_utf8_are_decoded_as_latin1() {
        let bytes = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><title>Caf\xe9 \xe0 Z\xfcrich</title></rss>";
        assert!(decode(bytes, Kind::Feed).contains("Café à Zürich"));
    }

    #[test]
    fn binary_inputs_are_refused() {
        assert!(check_not_binary(&[0x1f, 0x8b, 8, 0]).unwrap_err().to_string().contains("gzip"));
        assert!(check_not_binary(b"PK\x03\x04\x00\x00binary").is_err());
        assert!(check_not_binary("plain text, caf\u{e9}\n".as_bytes()).is_ok());
        assert_eq!(decode(b"a\x07b\nc", Kind::Text), "ab\nc");
        assert_eq!(decode("a\u{85}b\u{7f}c\u{a0}\té".as_bytes(), Kind::Text), "abc\u{a0}\té");
        for c in (0..=0x10ffu32).filter_map(char::from_u32) {
            let control = c.is_control() && !matches!(c, '\n' | '\r' | '\t');
            assert_eq!(has_control(&format!("x{c}y")), control, "{c:?}");
        }
    }

    #[test]
    fn decodes_latin1_and_declared_charsets() {
        assert_eq!(decode(b"caf\xe9 cr\xe8me br\xfbl\xe9e, d\xe9j\xe0 vu", Kind::Text), "café crème brûlée, déjà vu");
        let html = b"<html><head><meta charset=\"iso-8859-1\"></head><body>\xe9</body></html>";
        assert!(decode(html, Kind::Html).contains("<body>é</body>"));
        assert_eq!(decode("\u{feff}héllo".as_bytes(), Kind::Text), "héllo");
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("hi".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        assert_eq!(decode(&utf16, Kind::Text), "hi");
    }

    #[test]
    fn a_transport_charset_counts_as_declared_and_is_checked_against_the_bytes() {
        let latin1 = b"<html><body><p>Caf\xe9 cr\xe8me</p></body></html>";
        assert!(decode_declared(latin1, Kind::Html, Some("iso-8859-1")).contains("Café crème"));
        // The server says UTF-8, the bytes are not: they are read as what they are.
        assert!(decode_declared(latin1, Kind::Html, Some("utf-8")).contains("Café crème"));
        // The server says Latin-1, the bytes are UTF-8 with accents: UTF-8 it is.
        let utf8 = "<p>Zürich café</p>".as_bytes();
        assert!(decode_declared(utf8, Kind::Html, Some("windows-1252")).contains("Zürich café"));
        // The header wins over the page's own <meta> when both fit the bytes.
        let koi8 = b"<meta charset=\"windows-1252\"><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>";
        assert!(decode_declared(koi8, Kind::Html, Some("koi8-r")).contains("Привет"));
    }
}
