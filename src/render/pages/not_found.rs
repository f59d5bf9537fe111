//! The 404 page (`/404.html`), which GitHub Pages serves for any missing address.

use serde::Serialize;

use crate::render::context::{Ctx, Head};
use crate::render::page::{page, PageOut};

#[derive(Serialize)]
struct NotFound {
    page: Head,
}

pub fn path() -> String {
    "404.html".into()
}

pub fn build(ctx: &Ctx) -> PageOut {
    let rel = path();
    page("404.html", &rel, &NotFound { page: ctx.head(ctx.text("page_not_found", None, &[]), "", &rel, "404") })
}
