//! SVG: recognised, measured and sanitised, otherwise passed through untouched.
//!
//! An SVG file opened on its own runs its scripts with the site's origin, so a picture from an
//! imported page must not carry any. [`sanitize`] drops `<script>` and `<foreignObject>`
//! (which can hold HTML), event-handler attributes (`onload=…`), links and animations whose
//! target is a `javascript:` (or other script or non-image `data:`) URL, processing
//! instructions and the doctype (where entity bombs live). A file with none of these is
//! returned byte for byte.

use std::borrow::Cow;

use quick_xml::escape::unescape;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

/// Whether `bytes` begin (after a byte-order mark, white space, an XML declaration,
/// comments and a doctype) with an `<svg` element.
pub fn looks_like_svg(bytes: &[u8]) -> bool {
    let mut rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    for _ in 0..32 {
        rest = rest.trim_ascii_start();
        let skip_past = |rest: &[u8], end: &[u8]| rest.windows(end.len()).position(|w| w == end).map(|i| i + end.len());
        let next = if rest.starts_with(b"<?") {
            skip_past(rest, b"?>")
        } else if rest.starts_with(b"<!--") {
            skip_past(rest, b"-->")
        } else if rest.len() >= 9 && rest[..9].eq_ignore_ascii_case(b"<!doctype") {
            skip_past(rest, b">")
        } else {
            return rest.len() > 4 && rest[..4].eq_ignore_ascii_case(b"<svg") && !rest[4].is_ascii_alphanumeric();
        };
        match next {
            Some(n) => rest = &rest[n..],
            None => return false,
        }
    }
    false
}

/// Why an SVG file was refused.
#[derive(Debug, thiserror::Error)]
#[error("the SVG is not well-formed XML: {0}")]
pub struct SvgError(String);

fn is_dropped_element(local: &str) -> bool {
    local.eq_ignore_ascii_case("script") || local.eq_ignore_ascii_case("foreignObject")
}

/// A URL that runs code or loads a document: `javascript:`, `vbscript:`, and `data:` other
/// than raster images. Control characters and white space inside the scheme are ignored, as
/// browsers do.
fn is_script_url(value: &str) -> bool {
    let cleaned: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(32)
        .collect::<String>()
        .to_ascii_lowercase();
    if cleaned.starts_with("javascript:") || cleaned.starts_with("vbscript:") {
        return true;
    }
    cleaned.starts_with("data:")
        && !["data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp"]
            .iter()
            .any(|p| cleaned.starts_with(p))
}

fn local_name(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// An animation (`<set>`, `<animate>`) that changes a link's target can turn a safe link
/// into a script URL, so those are dropped whatever their values.
fn animates_a_link(e: &BytesStart) -> bool {
    let local = e.local_name();
    let animation =
        ["set", "animate", "animateMotion", "animateTransform"].iter().any(|n| local.as_ref().eq_ignore_ascii_case(n));
    animation
        && e.attributes().flatten().any(|a| {
            local_name(a.key.as_ref()).eq_ignore_ascii_case("attributeName")
                && local_name(a.value.trim()).eq_ignore_ascii_case("href")
        })
}

/// An attribute that runs a script: an event handler, or a script URL (its value read with
/// character references resolved, as a browser reads it).
fn is_unsafe_attribute(a: &Attribute) -> bool {
    let local = local_name(a.key.as_ref());
    let handler = local.len() > 2 && local[..2].eq_ignore_ascii_case("on");
    handler || is_script_url(&unescape(&a.value).unwrap_or(Cow::Borrowed(&a.value)))
}

/// The element with its unsafe attributes removed; `None` when nothing was removed.
fn clean_attributes(e: &BytesStart) -> Option<BytesStart<'static>> {
    let attrs: Vec<Attribute> = e.attributes().with_checks(false).flatten().collect();
    if !attrs.iter().any(is_unsafe_attribute) {
        return None;
    }
    let mut clean = BytesStart::new(e.name().as_ref().to_owned());
    for a in attrs.into_iter().filter(|a| !is_unsafe_attribute(a)) {
        // The value as written (still escaped), so nothing else of the file changes.
        clean.push_attribute(Attribute { key: a.key, value: Cow::Owned(a.value.into_owned()) });
    }
    Some(clean)
}

/// The SVG without anything that could run a script; the input itself when it had nothing.
pub fn sanitize(bytes: &[u8]) -> Result<Cow<'_, [u8]>, SvgError> {
    let mut reader = Reader::from_reader(bytes);
    let mut writer = Writer::new(Vec::with_capacity(bytes.len()));
    let mut changed = false;
    let mut skip_depth = 0usize;
    let fail = |e: &dyn std::fmt::Display| SvgError(e.to_string());
    loop {
        let event = reader.read_event().map_err(|e| fail(&e))?;
        if skip_depth > 0 {
            match event {
                Event::Start(_) => skip_depth += 1,
                Event::End(_) => skip_depth -= 1,
                Event::Eof => return Err(SvgError("the file ends inside an element".into())),
                _ => {}
            }
            continue;
        }
        let out = match event {
            Event::Eof => break,
            Event::DocType(_) | Event::PI(_) => None,
            Event::Start(e) if is_dropped_element(e.local_name().as_ref()) || animates_a_link(&e) => {
                skip_depth = 1;
                None
            }
            Event::Empty(e) if is_dropped_element(e.local_name().as_ref()) || animates_a_link(&e) => None,
            Event::Start(e) => match clean_attributes(&e) {
                Some(clean) => {
                    changed = true;
                    Some(Event::Start(clean))
                }
                None => Some(Event::Start(e)),
            },
            Event::Empty(e) => match clean_attributes(&e) {
                Some(clean) => {
                    changed = true;
                    Some(Event::Empty(clean))
                }
                None => Some(Event::Empty(e)),
            },
            other => Some(other),
        };
        match out {
            Some(event) => writer.write_event(event).map_err(|e| fail(&e))?,
            None => changed = true,
        }
    }
    Ok(if changed { Cow::Owned(writer.into_inner()) } else { Cow::Borrowed(bytes) })
}

/// A length attribute in user units (`120`, `120px`, `120.5`); `None` for percentages and
/// other units, which say nothing about the intrinsic size.
fn length(value: &str) -> Option<f64> {
    let v = value.trim();
    let v = v.strip_suffix("px").unwrap_or(v);
    v.parse::<f64>().ok().filter(|n| n.is_finite() && *n > 0.0)
}

/// The SVG's size from its root element: `width` and `height`, else its `viewBox`.
pub fn size(bytes: &[u8]) -> Option<(u32, u32)> {
    let mut reader = Reader::from_reader(bytes);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "svg" => {
                let get = |name: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == name)
                        .and_then(|a| unescape(&a.value).ok().map(|v| v.into_owned()))
                };
                let (w, h) = (get("width").and_then(|v| length(&v)), get("height").and_then(|v| length(&v)));
                if let (Some(w), Some(h)) = (w, h) {
                    return Some((w.round() as u32, h.round() as u32));
                }
                let vb: Vec<f64> = get("viewBox")?
                    .split([' ', ','])
                    .filter(|s| !s.is_empty())
                    .filter_map(|s| s.parse().ok())
                    .collect();
                return (vb.len() == 4 && vb[2] > 0.0 && vb[3] > 0.0)
                    .then(|| (vb[2].round() as u32, vb[3].round() as u32));
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(svg: &str) -> String {
        String::from_utf8(sanitize(svg.as_bytes()).unwrap().into_owned()).unwrap()
    }

    #[test]
    fn a_safe_svg_passes_through_byte_for_byte() {
        let svg = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 40 21\">\n  <!-- harbour -->\n  <a href=\"https://example.org/\"><rect width=\"40\" height=\"21\" fill=\"#123\"/></a>\n  <style>rect { opacity: .9 }</style>\n</svg>\n";
        assert!(matches!(sanitize(svg.as_bytes()).unwrap(), Cow::Borrowed(_)));
    }

    #[test]
    fn scripts_handlers_and_script_urls_are_removed() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)">
<script>alert(2)</script><script xlink:href="https://evil.example/x.js"/>
<foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><script>alert(3)</script></body></foreignObject>
<a xlink:href=" java&#x09;script:alert(4)"><circle r="4" ONCLICK="alert(5)"/></a>
<a href="x"><set attributeName="href" to="javascript:alert(6)"/><animate attributeName="xlink:href" values="javascript:alert(7)"/></a>
<image href="data:text/html,&lt;script&gt;alert(8)&lt;/script&gt;"/><image href="data:image/png;base64,AAAA"/>
<rect width="1" height="1"/></svg>"#;
        let out = clean(svg);
        for bad in ["onload", "alert", "script", "foreignObject", "ONCLICK", "<set", "<animate", "data:text"] {
            assert!(!out.contains(bad), "{bad} survived: {out}");
        }
        assert!(out.contains("<rect width=\"1\" height=\"1\"/>") && out.contains("data:image/png"));
    }

    #[test]
    fn entity_bombs_and_broken_files_are_not_expanded() {
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><svg xmlns=\"http://www.w3.org/2000/svg\"><text>&b;</text></svg>";
        let out = clean(bomb);
        assert!(!out.contains("DOCTYPE") && !out.contains("aaaa"), "{out}");
        assert!(sanitize(b"<svg><g></svg>").is_err());
        assert!(sanitize(b"<svg><script>").is_err());
    }

    #[test]
    fn svg_is_recognised_and_measured() {
        assert!(looks_like_svg(
            b"\xEF\xBB\xBF  <?xml version=\"1.0\"?><!DOCTYPE svg PUBLIC \"x\" \"y\"><!-- c --><svg/>"
        ));
        assert!(!looks_like_svg(b"<svgx/>") && !looks_like_svg(b"<html><svg/></html>"));
        assert_eq!(size(b"<svg width=\"1200px\" height=\"630\" viewBox=\"0 0 40 21\"/>"), Some((1200, 630)));
        assert_eq!(size(b"<svg width=\"100%\" viewBox=\"0,0,40,21\"/>"), Some((40, 21)));
        assert_eq!(size(b"<svg/>"), None);
    }
}
