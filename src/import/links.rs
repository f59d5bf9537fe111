//! The links of an imported page, made to work on the digest.
//!
//! A page's links and image sources are often relative (`/2019/11/18/tech/…`, `../img/a.jpg`,
//! `#note-3`): they mean something only beside the page they came from. Each is resolved
//! against the page's own URL — its canonical link, else its `og:url`, else the URL it was
//! fetched or saved from (`--source-url`, a feed entry's link), with the page's `<base href>`
//! applied — so it points at the original. A link that cannot be resolved (no page URL, or a
//! `javascript:` target) is unwrapped: its text stays, as plain text. A link with no text (an
//! image-only teaser card, an empty anchor) leads nowhere a reader can see and is dropped.

use url::Url;

/// Schemes a link may keep: the web, mail and telephone.
const KEPT_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Parses a URL given by the editor (`--source-url`): absolute, http or https.
pub fn parse_page_url(s: &str) -> Result<Url, String> {
    let u = Url::parse(s.trim()).map_err(|e| format!("`{s}` is not an absolute URL ({e})"))?;
    if !matches!(u.scheme(), "http" | "https") {
        return Err(format!("`{s}` is not an http or https URL"));
    }
    Ok(u)
}

/// The page's own URL: the first of `named` (canonical link, `og:url`, in that order) that is,
/// or resolves against `given` to, an http(s) URL; else `given`.
pub fn page_url(named: &[Option<&str>], given: Option<&Url>) -> Option<Url> {
    named.iter().flatten().find_map(|u| resolve_web(given, u)).or_else(|| given.cloned())
}

/// The base relative links resolve against: the page's `<base href>` (itself resolved against
/// the page URL), else the page URL.
pub fn link_base(page: Option<&Url>, base_href: Option<&str>) -> Option<Url> {
    base_href.and_then(|b| resolve_web(page, b)).or_else(|| page.cloned())
}

/// `href` resolved against `base`, when the result is an http(s) URL.
fn resolve_web(base: Option<&Url>, href: &str) -> Option<Url> {
    let href = href.trim();
    let u = match Url::parse(href) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(href).ok()?,
        Err(_) => return None,
    };
    matches!(u.scheme(), "http" | "https").then_some(u)
}

/// A link target made absolute against `base`: `None` when it cannot be (relative without a
/// base, an empty target, a script or data URL).
pub fn resolve(base: Option<&Url>, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    let u = match Url::parse(href) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(href).ok()?,
        Err(_) => return None,
    };
    KEPT_SCHEMES.contains(&u.scheme()).then(|| u.to_string())
}

/// Resolves every `<a href>` of a parsed fragment against `base` (without tracking
/// parameters, see [`super::tracking`]), and unwraps those that cannot
/// be resolved (the text stays). Links with no text keep a resolved target here, so that the
/// Markdown clean-up can still see teaser cards; [`drop_empty_links`] removes them after it.
pub fn resolve_anchors(doc: &dom_query::Document, base: Option<&Url>) {
    for a in doc.select("a").nodes() {
        let Some(href) = a.attr("href") else { continue };
        match resolve(base, &href) {
            Some(abs) => a.set_attr("href", &super::tracking::clean(&abs)),
            None => a.remove_attrs(&["href", "title"]),
        }
        if a.text().trim().is_empty() {
            a.remove_attr("title");
        }
    }
}

/// Removes links with no text (`[](…)`, `[ ](…)`) from Markdown, and the lines, list items
/// and paragraphs they leave empty (or holding only emphasis marks).
pub fn drop_empty_links(md: &str) -> String {
    if !md.contains("](") {
        return md.to_owned();
    }
    let mut out = String::with_capacity(md.len());
    for line in md.split_inclusive('\n') {
        let kept = without_empty_links(line);
        if kept.len() != line.len() {
            let t = kept.trim();
            let list_marker = matches!(t, "*" | "-" | "+") || is_bare_number(t);
            if t.chars().all(|c| matches!(c, '*' | '_')) || list_marker {
                continue;
            }
        }
        out.push_str(&kept);
    }
    super::tidy::tidy_markdown(&out)
}

/// One line without its links that have no text.
fn without_empty_links(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let inner_len = after.find(|c: char| !c.is_whitespace()).unwrap_or(after.len());
        let escaped = open > 0 && rest.as_bytes()[open - 1] == b'\\';
        match after[inner_len..].strip_prefix("](").and_then(destination_len).filter(|_| !escaped) {
            Some(len) => {
                out.push_str(&rest[..open]);
                rest = &after[inner_len + 2 + len..];
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The length of a link destination and its closing `)` (escaped parentheses skipped).
fn destination_len(s: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            ')' => return Some(i + 1),
            '\n' | ' ' if !s.starts_with('<') => return None,
            _ => {}
        }
    }
    None
}

fn is_bare_number(l: &str) -> bool {
    l.strip_suffix('.').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://news.example/2031/05/02/harbour/story.html").unwrap()
    }

    #[test]
    fn relative_targets_resolve_against_the_page() {
        let b = Some(base());
        assert_eq!(
            resolve(b.as_ref(), "/2031/05/01/other/").as_deref(),
            Some("https://news.example/2031/05/01/other/")
        );
        assert_eq!(resolve(b.as_ref(), "../img/a.jpg").as_deref(), Some("https://news.example/2031/05/02/img/a.jpg"));
        assert_eq!(
            resolve(b.as_ref(), "#note-3").as_deref(),
            Some("https://news.example/2031/05/02/harbour/story.html#note-3")
        );
        assert_eq!(resolve(b.as_ref(), "//cdn.example/x.png").as_deref(), Some("https://cdn.example/x.png"));
        assert_eq!(resolve(b.as_ref(), "mailto:desk@news.example").as_deref(), Some("mailto:desk@news.example"));
        assert_eq!(resolve(b.as_ref(), "javascript:void(0)"), None);
        assert_eq!(resolve(None, "/2031/05/01/other/"), None);
        assert_eq!(resolve(None, "#note-3"), None);
        assert_eq!(resolve(None, "https://elsewhere.example/a").as_deref(), Some("https://elsewhere.example/a"));
    }

    #[test]
    fn the_page_url_prefers_what_the_page_names() {
        let given = Url::parse("https://mirror.example/saved/page").unwrap();
        let named = page_url(&[Some("/2031/story"), Some("https://news.example/og")], Some(&given));
        assert_eq!(named.unwrap().as_str(), "https://mirror.example/2031/story");
        assert_eq!(page_url(&[Some("/2031/story"), None], None), None);
        assert_eq!(
            page_url(&[None, Some("https://news.example/og")], None).unwrap().as_str(),
            "https://news.example/og"
        );
        let b = link_base(Some(&given), Some("/static/"));
        assert_eq!(b.unwrap().as_str(), "https://mirror.example/static/");
    }

    #[test]
    fn anchors_are_resolved_or_unwrapped() {
        let doc = dom_query::Document::fragment(
            "<p>See <a href=\"/a\" title=\"t\">the vote</a> and <a href=\"javascript:x()\">this</a>.</p>",
        );
        resolve_anchors(&doc, None);
        assert_eq!(crate::import::html::to_markdown(&doc.html()), "See the vote and this.");
        let doc = dom_query::Document::fragment("<p>See <a href=\"/a\">the vote</a>.</p>");
        resolve_anchors(&doc, Some(&base()));
        assert_eq!(crate::import::html::to_markdown(&doc.html()), "See [the vote](https://news.example/a).");
    }

    #[test]
    fn empty_links_are_dropped_with_what_they_leave_empty() {
        let md = "Text [](https://x.example/a) here.\n\n[ ](https://x.example/b)\n\n* [](https://x.example/c)\n* [Kept](https://x.example/d)\n\n\\[](not a link)\n\nLine one\n **[](https://x.example/e)**\nLine two";
        assert_eq!(
            drop_empty_links(md),
            "Text  here.\n\n* [Kept](https://x.example/d)\n\n\\[](not a link)\n\nLine one\nLine two"
        );
        assert_eq!(drop_empty_links("[](https://x.example/a\\(1\\))after"), "after");
    }
}
