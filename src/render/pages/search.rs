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
    /// The messages `search.js` shows, in the site's language, as JSON.
    messages: String,
}

/// The strings `search.js` needs, as a JSON object (plural ones as their forms).
fn messages(ctx: &Ctx) -> String {
    const KEYS: [&str; 5] = ["searching", "search_no_results", "search_results", "search_best_shown", "search_failed"];
    let map: std::collections::BTreeMap<&str, &crate::i18n::Message> =
        KEYS.iter().filter_map(|&k| Some((k, ctx.lang.get(k)?))).collect();
    serde_json::to_string(&map).unwrap_or_default()
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
        page: ctx.head(ctx.text("search", None, &[]), ctx.text("search_description", None, &[]), PATH, "search"),
        search: SearchView { bundle: ctx.url(BUNDLE_DIR), has_index, messages: messages(ctx) },
    };
    page("search.html", PATH, &value)
}
