//! JSON that goes into HTML or may be read as HTML: JSON-LD in `<script>` elements, JSON
//! Feed, the search index.

use serde::Serialize;

/// Serialises JSON for a `<script type="application/ld+json">` element: `<`, `>` and `&`
/// become `\u003c`, `\u003e`, `\u0026` (they can only occur inside JSON strings, where the
/// escapes mean the same), so neither `</script>` nor `<!--` can end or alter the element.
pub fn script_json<T: Serialize>(value: &T) -> String {
    html_safe_json(&serde_json::to_string(value).unwrap_or_else(|_| "{}".into()))
}

/// Rewrites `<`, `>`, `&`, U+2028 and U+2029 in serialised JSON as `\uXXXX` escapes: the
/// same JSON value, but safe to embed in HTML or to be sniffed as HTML by a browser.
pub fn html_safe_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_break_out() {
        let hostile = "</script><script>alert(1)</script><!-- & \u{2028}";
        let s = script_json(&serde_json::json!({ "headline": hostile }));
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'), "{s}");
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["headline"], hostile);
    }
}
