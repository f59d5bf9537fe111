//! The `/search/` page: a form and the place for results; `search.js` queries the index.

use serde::Serialize;

use crate::render::context::{Ctx, Head};
use crate::render::page::{page, PageOut};
use crate::render::search::BUNDLE_DIR;

/// Site-relative path of the search page.
pub const PATH: &str = "search/";

#[derive(Serialize)]
struct SearchView {
    /// URL path of the search index folder (`/repo/search-index/`).
    bundle: String,
    /// Whether there is an index at all (an empty site has none).
    has_index: bool,
}

#[derive(Serialize)]
struct SearchPage {
    page: Head,
    search: SearchView,
}

pub fn path() -> String {
    PATH.into()
}

pub fn build(ctx: &Ctx) -> PageOut {
    let has_index = !(ctx.site.content.articles.is_empty() && ctx.site.content.notes.is_empty());
    let value = SearchPage {
        page: ctx.head("Search", "Search every article and editors' note.", PATH, "search"),
        search: SearchView { bundle: ctx.url(BUNDLE_DIR), has_index },
    };
    page("search.html", PATH, &value)
}
