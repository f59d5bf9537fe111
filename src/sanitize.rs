//! Sanitising untrusted HTML with `ammonia`'s allow-list.
//!
//! Imported articles are untrusted: any raw HTML in them is cleaned at build time, keeping
//! the markup our own Markdown rendering produces (heading ids, highlighted code classes).
//! `data:` URLs survive only as image sources; `<iframe>`s only when their host is listed in
//! site.yaml's `iframe_hosts` (an embedded video player, say) — any other iframe is removed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// Image types a `data:` URL may carry (not SVG: an SVG document can hold scripts).
const DATA_IMAGE_TYPES: [&str; 5] =
    ["data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp", "data:image/avif"];

/// One ammonia builder per distinct iframe allow-list (a process sees one or two).
fn builder(iframe_hosts: &[String]) -> Arc<ammonia::Builder<'static>> {
    static BUILDERS: OnceLock<Mutex<HashMap<Vec<String>, Arc<ammonia::Builder<'static>>>>> = OnceLock::new();
    let mut map = BUILDERS.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    map.entry(iframe_hosts.to_vec()).or_insert_with(|| Arc::new(new_builder(iframe_hosts))).clone()
}

fn new_builder(iframe_hosts: &[String]) -> ammonia::Builder<'static> {
    let hosts: Vec<String> = iframe_hosts.iter().map(|h| h.trim().to_ascii_lowercase()).collect();
    let allow_iframes = !hosts.is_empty();
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "class"])
        .add_tag_attributes("pre", ["data-lang"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tags(["input", "figure", "figcaption"])
        .url_schemes(["http", "https", "mailto", "tel", "data"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .attribute_filter(move |element, attribute, value| {
            let is_data = value.trim_start().get(..5).is_some_and(|s| s.eq_ignore_ascii_case("data:"));
            if is_data {
                let image = element == "img" && attribute == "src";
                let lower = value.trim_start().to_ascii_lowercase();
                return (image && DATA_IMAGE_TYPES.iter().any(|t| lower.starts_with(t))).then(|| value.into());
            }
            if element == "iframe" && attribute == "src" {
                return iframe_host_allowed(value, &hosts).then(|| value.into());
            }
            Some(value.into())
        });
    if allow_iframes {
        b.add_tags(["iframe"]).add_tag_attributes(
            "iframe",
            ["src", "width", "height", "title", "allow", "allowfullscreen", "loading", "referrerpolicy"],
        );
    }
    b
}

/// Whether an iframe's `https://` source is on one of the allowed hosts (or their subdomains).
fn iframe_host_allowed(src: &str, hosts: &[String]) -> bool {
    let Some(rest) = src.trim().strip_prefix("https://") else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host).split(':').next().unwrap_or("").to_ascii_lowercase();
    hosts.iter().any(|h| host == *h || host.strip_suffix(h.as_str()).is_some_and(|p| p.ends_with('.')))
}

/// Cleans untrusted HTML: no scripts, styles, event handlers or script URLs, and iframes only
/// from `iframe_hosts`.
pub fn clean_html(html: &str, iframe_hosts: &[String]) -> String {
    let cleaned = builder(iframe_hosts).clean(html).to_string();
    if iframe_hosts.is_empty() {
        cleaned
    } else {
        drop_sourceless_iframes(&cleaned)
    }
}

/// Removes iframes whose source the filter took away. The input is ammonia's serialisation,
/// where attribute values are quoted with `"` escaped, so ` src="` only appears as an attribute.
fn drop_sourceless_iframes(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<iframe") {
        let Some(len) = rest[start..].find("</iframe>") else { break };
        let end = start + len + "</iframe>".len();
        out.push_str(&rest[..start]);
        let iframe = &rest[start..end];
        if iframe.contains(" src=\"") {
            out.push_str(iframe);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_scripts_and_handlers_keeps_classes() {
        let out = clean_html(
            "<p class=\"x\" onclick=\"a()\">hi<script>alert(1)</script><a href=\"javascript:x\">l</a></p>",
            &[],
        );
        assert_eq!(out, "<p class=\"x\">hi<a rel=\"noopener noreferrer\">l</a></p>");
    }

    #[test]
    fn data_urls_survive_only_as_raster_image_sources() {
        let html = "<img src=\"data:image/png;base64,AAAA\"><img src=\"data:image/svg+xml,<svg/>\">\
                    <a href=\"data:text/html,<script>x</script>\">x</a>";
        let out = clean_html(html, &[]);
        assert_eq!(out, "<img src=\"data:image/png;base64,AAAA\"><img><a rel=\"noopener noreferrer\">x</a>");
    }

    #[test]
    fn iframes_are_removed_unless_their_host_is_allowed() {
        let html = "<iframe src=\"https://www.youtube-nocookie.com/embed/x\" width=\"560\"></iframe>\
                    <iframe src=\"https://evil.example/x\" width=\"560\">fallback</iframe>\
                    <iframe src=\"http://player.vimeo.com/x\"></iframe>\
                    <iframe src=\"https://www.youtube-nocookie.com.evil.example/x\"></iframe>";
        assert_eq!(clean_html(html, &[]), "fallback");
        let hosts = vec!["youtube-nocookie.com".to_owned(), "player.vimeo.com".to_owned()];
        assert_eq!(
            clean_html(html, &hosts),
            "<iframe src=\"https://www.youtube-nocookie.com/embed/x\" width=\"560\"></iframe>"
        );
    }
}
