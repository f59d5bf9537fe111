//! The editors' own pages (`/pages/slug/`: about, masthead).

use serde::Serialize;

use crate::render::context::{Ctx, Head};
use crate::render::page::{page, PageOut};

#[derive(Serialize)]
struct View<'a> {
    title: &'a str,
    html: &'a str,
}

#[derive(Serialize)]
struct ContentPage<'a> {
    page: Head,
    content: View<'a>,
}

pub fn path(ctx: &Ctx, p: usize) -> String {
    ctx.site.content.pages[p].doc.path.clone()
}

pub fn build(ctx: &Ctx, p: usize) -> PageOut {
    let pg = &ctx.site.content.pages[p];
    let rel = path(ctx, p);
    let value = ContentPage {
        page: ctx.head(&pg.meta.title, pg.meta.description.clone(), &rel, "page").showing(&pg.doc.html),
        content: View { title: &pg.meta.title, html: &pg.doc.html },
    };
    page("page.html", &rel, &value)
}
