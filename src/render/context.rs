//! Lean template contexts: each page gets exactly what it shows, never the whole site.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use super::feed_links::{atom_link, feed_links, FeedLink};
use super::languages::{Alternate, Alternates};
use super::pictures::{Pictures, Place, Responsive};
use crate::config::{Config, Target};
use crate::content::{Article, Image, Note};
use crate::i18n::Strings;
use crate::organize::Site;

/// Site-wide values, set once as Tera's global context.
#[derive(Serialize)]
pub struct SiteCtx<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    /// `rtl` for a right-to-left language, else `ltr`.
    pub dir: &'static str,
    pub publisher: &'a str,
    /// The home page's path (`/repo/`, `/repo/fr/` in a second language), to prefix the
    /// paths of pages (`{{ site.base }}archive/`).
    pub base: String,
    /// The site's root path (`/repo/`) in every language, to prefix shared files
    /// (`{{ site.assets }}style.css`).
    pub assets: &'a str,
    /// Absolute URL of the home page.
    pub url: String,
    pub topics: Vec<TopicLink<'a>>,
    pub pages: Vec<Link>,
    pub extra: &'a std::collections::BTreeMap<String, serde_json::Value>,
    /// Whether the site has `/search/`.
    pub search: bool,
}

/// The `<head>` of a page: title, description, canonical URL and the metadata that
/// `partials/head_meta.html` turns into OpenGraph, Twitter card and JSON-LD markup.
#[derive(Serialize)]
pub struct Head {
    pub title: String,
    pub description: String,
    /// Absolute URL of the page.
    pub canonical: String,
    pub kind: &'static str,
    /// OpenGraph type: `website`, or `article` on article pages.
    pub og_type: &'static str,
    /// Absolute URL of the page's lead image.
    pub image: Option<String>,
    pub image_alt: Option<String>,
    /// RFC 3339 publication and modification times (articles).
    pub published: Option<String>,
    pub modified: Option<String>,
    /// The article's topic name.
    pub section: Option<String>,
    pub tags: Vec<String>,
    /// Schema.org JSON-LD, serialised and escaped for a `<script>` element (`meta.rs`).
    pub json_ld: Option<String>,
    /// Feeds for `<link rel="alternate">`: the site's (all three formats on the front page,
    /// Atom elsewhere), then the page's own three, or an article's topic's Atom.
    pub feeds: Vec<FeedLink>,
    /// On a multilingual site, the page in each language (the switcher, `hreflang`); empty
    /// otherwise.
    pub languages: Vec<Alternate>,
    /// Whether the page shows highlighted code, and so links `syntax.css`.
    pub code: bool,
}

impl Head {
    /// The head of a page whose body is `html`: it links `syntax.css` when that holds
    /// highlighted code.
    pub fn showing(mut self, html: &str) -> Self {
        self.code = crate::content::highlight::has_highlighting(html);
        self
    }
}

#[derive(Serialize, Clone)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Serialize, Clone)]
pub struct TopicLink<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub url: String,
}

/// An article's image.
#[derive(Serialize)]
pub struct ImageView<'a> {
    pub src: String,
    pub alt: &'a str,
    pub caption: Option<&'a str>,
    pub credit: Option<&'a str>,
    /// Variants of a local raster picture (`srcset`, `sizes`, `width`, `height`, the
    /// fallback `src`); absent for SVG, remote and animated pictures, shown as they are.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub responsive: Option<Responsive>,
}

/// Plain cards as template values, one per article, made when a page first lists it. An
/// article is listed on many pages (its edition, topic and story pages, the pages of the
/// people and places it names, other articles' rails); serialising its card afresh for each
/// was about 3.5 % of a build's instructions. Tera's values share their contents, so a card
/// made once is handed to every page for the cost of a reference count.
pub struct CardCache(Vec<std::sync::OnceLock<tera::Value>>);

impl CardCache {
    pub fn new(articles: usize) -> CardCache {
        CardCache((0..articles).map(|_| std::sync::OnceLock::new()).collect())
    }

    /// Article `i`'s card, once it is made.
    pub fn slot(&self, i: usize) -> Option<&std::sync::OnceLock<tera::Value>> {
        self.0.get(i)
    }
}

/// A note shown in full on an edition page.
#[derive(Serialize)]
pub struct NoteView<'a> {
    pub title: &'a str,
    pub url: String,
    /// Borrowed, or rewritten with absolute links for e-mail.
    pub html: std::borrow::Cow<'a, str>,
    pub authors: &'a [String],
    pub date: String,
    pub date_display: String,
}

pub fn iso(d: &DateTime<FixedOffset>) -> String {
    d.to_rfc3339()
}

/// Builds contexts for one configuration and site.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub config: &'a Config,
    pub site: &'a Site,
    /// The theme's words and CLDR's formats in the site's language.
    pub lang: &'a Strings,
    /// Links as absolute URLs (`https://host/base/…`), for pages read away from the site (e-mail).
    pub absolute: bool,
    /// Responsive variants of local pictures, for pages that show pictures (`None` for feeds,
    /// sitemaps and search, which link pictures as they are).
    pub pictures: Option<&'a Pictures>,
    /// On a multilingual site, every language and which of them this one is.
    pub languages: Option<(&'a Alternates, usize)>,
    /// The plain cards made so far, for contexts that render many pages (`None`: each card
    /// is made where it is listed).
    pub cards: Option<&'a CardCache>,
}

impl<'a> Ctx<'a> {
    /// A context with relative links, no pictures, one language and no shared cards; callers
    /// set the rest with struct update syntax (`Ctx { languages, ..Ctx::new(…) }`).
    pub fn new(config: &'a Config, site: &'a Site, lang: &'a Strings) -> Ctx<'a> {
        Ctx { config, site, lang, absolute: false, pictures: None, languages: None, cards: None }
    }

    /// A day as the site's language writes it, with its weekday (CLDR's long date).
    pub fn date_display(&self, day: NaiveDate) -> String {
        self.lang.formats.date(day)
    }

    /// The time of day of `d` (in its own offset, the site's time zone) to the minute.
    pub fn time_display(&self, d: &DateTime<FixedOffset>) -> String {
        self.lang.formats.time(d.time())
    }

    /// A theme string in the site's language (see [`Strings::text`]); the key itself if the
    /// theme lacks it, which the built-in English prevents for Gazette's own keys.
    pub fn text(&self, key: &str, count: Option<i64>, args: &[(&str, &str)]) -> String {
        self.lang.text(key, count, args).unwrap_or_else(|_| key.to_owned())
    }

    /// An article's language and direction where they differ from the site's: what `lang`
    /// and `dir` on its card or page must say.
    pub fn other_language(&self, a: &'a Article) -> (Option<&'a str>, Option<&'static str>) {
        let site = self.config.site.language.as_str();
        let lang = a.meta.language.as_deref().filter(|l| !l.eq_ignore_ascii_case(site));
        let dir = lang.map(crate::i18n::dir).filter(|&d| d != crate::i18n::dir(site));
        (lang, dir)
    }

    /// A page's URL, in this context's language (absolute when the context is).
    pub fn url(&self, rel: &str) -> String {
        if self.absolute {
            self.config.url.absolute(rel)
        } else {
            self.config.url.path(rel)
        }
    }

    /// A shared file's URL from the site's root (a picture, a `static/` file): the same in
    /// every language.
    pub fn root_url(&self, rel: &str) -> String {
        if self.absolute {
            self.config.url.root_absolute(rel)
        } else {
            self.config.url.root_path(rel)
        }
    }

    /// Makes the root-relative links (`href="/…"`, `src="/…"`) of rendered HTML absolute when
    /// this context is absolute.
    pub fn html(&self, html: &'a str) -> std::borrow::Cow<'a, str> {
        match self.absolute {
            true => self.config.url.absolutize(html),
            false => html.into(),
        }
    }

    pub fn head(
        &self,
        title: impl Into<String>,
        description: impl Into<String>,
        rel: &str,
        kind: &'static str,
    ) -> Head {
        let description = description.into();
        let description = if description.is_empty() { self.config.site.description.clone() } else { description };
        Head {
            title: title.into(),
            description,
            canonical: self.config.url.absolute(rel),
            kind,
            og_type: "website",
            image: None,
            image_alt: None,
            published: None,
            modified: None,
            section: None,
            tags: Vec::new(),
            json_ld: None,
            // The front page is the site feeds' own page; every other page points to Atom.
            feeds: if kind == "front" {
                feed_links("", &self.config.site.title, |rel| self.url(rel))
            } else {
                vec![atom_link("", &self.config.site.title, |rel| self.url(rel))]
            },
            languages: self.languages.map(|(all, i)| all.of(i, rel)).unwrap_or_default(),
            code: false,
        }
    }

    /// An image of the article at site-relative path `page`, its `src` resolved as a link of
    /// that page (absolute in e-mail), with its responsive variants for `place` when it is a
    /// local raster picture and this context makes variants.
    pub fn image(&self, img: &'a Image, page: &str, place: Place) -> ImageView<'a> {
        let (src, responsive) = match self.config.url.resolve(&img.src, page) {
            Target::Internal(rel) => {
                let responsive = self.pictures.and_then(|p| p.responsive(&rel, place, img.focus, |r| self.root_url(r)));
                (self.root_url(&rel), responsive)
            }
            Target::External(url) => (url.into_owned(), None),
        };
        ImageView { src, alt: &img.alt, caption: img.caption.as_deref(), credit: img.credit.as_deref(), responsive }
    }

    /// A page's rendered HTML with its local raster pictures given their variants.
    pub fn inline_pictures(&self, html: &'a str, page: &str) -> std::borrow::Cow<'a, str> {
        let Some(pictures) = self.pictures else { return html.into() };
        let rel_of = |src: &str| match self.config.url.locate(src, page) {
            crate::config::Located::Internal(rel) => Some(rel),
            _ => None,
        };
        pictures.inline(html, rel_of, |r| self.root_url(r))
    }

    pub fn topic_link(&self, slug: Option<&str>) -> Option<TopicLink<'a>> {
        let topic = self.config.topic(slug?)?;
        Some(TopicLink { slug: &topic.slug, name: &topic.name, url: self.url(&format!("topics/{}/", topic.slug)) })
    }

    /// The page of article `i`'s outlet, if it names one.
    pub fn source_page(&self, i: usize) -> Option<String> {
        let e = self.site.entities.source_of[i]?;
        Some(self.url(&self.site.entities.all[e as usize].path))
    }

    /// `metered` or `hard` when article `i`'s original is behind a paywall.
    pub fn paywall(&self, i: usize) -> Option<&'static str> {
        self.site.entities.paywall(i, self.site.content.articles[i].meta.paywall).name()
    }

    pub fn note_link(&self, n: usize) -> Link {
        let note = &self.site.content.notes[n];
        Link { title: note.meta.title.clone(), url: self.url(&note.doc.path) }
    }

    pub fn article_link(&self, i: usize) -> Link {
        let a = &self.site.content.articles[i];
        Link { title: a.meta.title.clone(), url: self.url(&a.doc.path) }
    }

    pub fn note_view(&self, n: usize) -> NoteView<'a> {
        let note: &'a Note = &self.site.content.notes[n];
        NoteView {
            title: &note.meta.title,
            url: self.url(&note.doc.path),
            html: self.html(&note.doc.html),
            authors: if note.meta.authors.is_empty() { &self.config.site.authors } else { &note.meta.authors },
            date: iso(&note.date),
            date_display: self.date_display(note.date.date_naive()),
        }
    }
}
