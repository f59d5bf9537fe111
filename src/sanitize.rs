//! Sanitising untrusted HTML with `ammonia`'s allow-list.
//!
//! Imported articles are untrusted: any raw HTML in them is cleaned at build time, keeping
//! the markup our own Markdown rendering produces (heading ids, highlighted code classes).

use std::sync::OnceLock;

fn builder() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["id", "class"])
            .add_tag_attributes("pre", ["data-lang"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tags(["input", "figure", "figcaption"])
            .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
            .link_rel(Some("noopener noreferrer"));
        b
    })
}

/// Cleans untrusted HTML: no scripts, styles, event handlers or script URLs.
pub fn clean_html(html: &str) -> String {
    builder().clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_scripts_and_handlers_keeps_classes() {
        let out =
            clean_html("<p class=\"x\" onclick=\"a()\">hi<script>alert(1)</script><a href=\"javascript:x\">l</a></p>");
        assert_eq!(out, "<p class=\"x\">hi<a rel=\"noopener noreferrer\">l</a></p>");
    }
}
