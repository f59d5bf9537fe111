//! The elements the page's own metadata is read from (`meta.rs`), found by a direct look at
//! each element's name and attributes: what a list of CSS selectors picked, without the
//! selector engine, which took a twelfth of a page's import matching ten selectors against
//! every element.

/// Whether `Marks::of` (`meta.rs`) reads the element: what the selector `meta[content],
/// link[rel=canonical], base[href], time[datetime], script[type='application/ld+json'],
/// figure, h1, [itemprop=headline], [class~=entry-title], [rel=author], [itemprop=author],
/// [class*=byline i], [class*=author i], [class*=autor i], [class*=auteur i]` matches, and
/// the elements [`date_mark`] names, tested directly. (The last two are "author" in
/// the class names of pages written in other languages.)
///
/// As in CSS on an HTML page: attribute selectors read attributes without a namespace, and
/// the values of `rel` and `type` compare ignoring ASCII case on HTML elements only.
pub(super) fn marked(e: &dom_query::Element) -> bool {
    let html = &*e.name.ns == "http://www.w3.org/1999/xhtml";
    let is = |name: &str, want: &str| {
        attr(e, name).is_some_and(|v| if html { v.eq_ignore_ascii_case(want) } else { v == want })
    };
    let has = |name: &str| attr(e, name).is_some();
    let class_has = |word: &str| attr(e, "class").is_some_and(|c| contains_ignore_ascii_case(c, word));
    match &*e.name.local {
        "meta" if has("content") => return true,
        "link" if is("rel", "canonical") => return true,
        "base" if has("href") => return true,
        "time" if has("datetime") => return true,
        "script" if is("type", "application/ld+json") => return true,
        "figure" | "h1" => return true,
        _ => {}
    }
    headline_mark(e)
        || date_mark(e)
        || is("rel", "author")
        || attr(e, "itemprop") == Some("author")
        || ["byline", "author", "autor", "auteur"].into_iter().any(class_has)
}

/// Whether the element is marked as the article's headline by a vocabulary for it: schema.org
/// (`itemprop=headline`) or the hAtom and h-entry microformats that blog engines write
/// (`class="entry-title"`, `class="p-name"`). A blog's `<h1>` is often its own name.
pub(super) fn headline_mark(e: &dom_query::Element) -> bool {
    attr(e, "itemprop") == Some("headline")
        || attr(e, "class").is_some_and(|c| c.split_ascii_whitespace().any(|w| w == "entry-title" || w == "p-name"))
}

/// Words of class names that mark a date shown as text ("post-date", "artikel__datum",
/// "fecha"): a class's parts between hyphens and underscores are compared ("candidate" is no
/// date).
const DATE_CLASS_WORDS: &[&str] = &["date", "datum", "fecha", "pubdate", "published", "dateline"];

/// Whether the element's class names it as a date shown as text.
pub(super) fn date_mark(e: &dom_query::Element) -> bool {
    attr(e, "class").is_some_and(|c| {
        c.split(|ch: char| ch.is_ascii_whitespace() || ch == '-' || ch == '_')
            .any(|w| DATE_CLASS_WORDS.iter().any(|d| w.eq_ignore_ascii_case(d)))
    })
}

/// Whether the node is a link of a breadcrumb trail: what the selector `[class*=breadcrumb] a,
/// [id*=breadcrumb] a, nav[aria-label*=readcrumb] a` matches (values compared as written),
/// tested directly for the same reason as [`marked`].
pub(super) fn in_breadcrumb(n: &dom_query::NodeRef) -> bool {
    if n.element_ref().is_none_or(|e| &*e.name.local != "a") {
        return false;
    }
    let trail = |e: &dom_query::Element| {
        let holds = |name: &str, part: &str| attr(e, name).is_some_and(|v| v.contains(part));
        holds("class", "breadcrumb")
            || holds("id", "breadcrumb")
            || &*e.name.local == "nav" && holds("aria-label", "readcrumb")
    };
    n.ancestors_it(None).any(|a| a.element_ref().is_some_and(|e| trail(&e)))
}

/// The value of an attribute without a namespace, as CSS attribute selectors read it.
fn attr<'e>(e: &'e dom_query::Element, name: &str) -> Option<&'e str> {
    e.attrs.iter().find(|a| a.name.ns.is_empty() && &*a.name.local == name).map(|a| &*a.value)
}

/// Whether `hay` contains `needle` (ASCII lower case), ignoring ASCII case.
fn contains_ignore_ascii_case(hay: &str, needle: &str) -> bool {
    hay.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    /// The walk of `Marks::of` and the breadcrumb walk pick the elements, in the order, that
    /// the selectors they replace picked, case rules included: `rel` and `type` ignore case on
    /// HTML elements only, `[class*=… i]` everywhere, the others never.
    #[test]
    fn the_direct_tests_pick_what_the_selectors_picked() {
        let html = r#"<html><head><META content="x" name="a"><meta name="no-content">
            <link REL="Canonical" href="/a"><link rel="stylesheet" href="/s.css"><base href="/">
            <script type="Application/LD+JSON">{}</script><script type="text/javascript"></script>
            </head><body><time datetime="2020-01-01">1 Jan</time><time>2 Jan</time>
            <figure><img src="a.png"></figure><p class="ArticleByline">By A</p>
            <span itemprop="Author">B</span><span itemprop="author">C</span><a rel="AUTHOR">D</a>
            <div class="post-author-box">E</div><svg><a rel="Author">F</a><a rel="author">G</a></svg>
            <ul class="breadcrumbs"><li><a href="/n">News</a></li></ul>
            <div class="Breadcrumb"><a href="/x">X</a></div><a class="breadcrumb" href="/y">Y</a>
            <nav aria-label="Breadcrumb trail"><a href="/w">World</a></nav>
            <nav aria-label="BREADCRUMB"><a href="/z">Z</a></nav></body></html>"#;
        let doc = Document::from(html);
        let root = doc.root();
        let ids = |sel: dom_query::Selection| sel.nodes().iter().map(|n| n.id).collect::<Vec<_>>();
        let marks: Vec<dom_query::NodeId> =
            root.descendants_it().filter(|n| n.element_ref().is_some_and(|e| marked(&e))).map(|n| n.id).collect();
        let selector = "meta[content], link[rel=canonical], base[href], time[datetime], \
            script[type='application/ld+json'], figure, [rel=author], [itemprop=author], [class*=byline i], \
            [class*=author i]";
        assert_eq!(marks, ids(doc.select(selector)));
        assert_eq!(marks.len(), 11);
        let crumbs: Vec<dom_query::NodeId> = root.descendants_it().filter(in_breadcrumb).map(|n| n.id).collect();
        let selector = "[class*=breadcrumb] a, [id*=breadcrumb] a, nav[aria-label*=readcrumb] a";
        assert_eq!(crumbs, ids(doc.select(selector)));
        assert_eq!(crumbs.len(), 2);
    }
}
