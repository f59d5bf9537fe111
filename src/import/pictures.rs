//! Keeping an imported article's pictures: its lead and inline images (`images:` and the
//! images of the Markdown body) are downloaded into the site, at
//! `static/media/YYYY/MM/<content hash>.<ext>` (YYYY/MM of the article's date), and the
//! references rewritten to `/media/YYYY/MM/<hash>.<ext>`. Runs after extraction and link
//! resolution (so sources are absolute URLs), as its own step of import's finishing.
//!
//! Every download is checked: at most [`Limits::max_bytes`] (20 MB), the bytes must be a
//! picture whatever the `Content-Type` says (an HTML error page served as `photo.jpg` is
//! refused), a raster picture must decode, and an SVG is sanitised. Metadata (EXIF with GPS
//! positions, XMP, comments) is removed before the file is written. The same picture is
//! written once, however many articles or URLs show it (its name is its content hash), and
//! the same URL is fetched once per run. A failed download never fails the import: the
//! reference keeps its remote URL and `extra.image_errors` says why.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context as _;
use rayon::prelude::*;

use crate::content::dates::FmDate;
use crate::content::front_matter::ArticleMeta;
use crate::pictures::{self, Format};

/// A fetched body: what a [`Fetch`] returns.
#[derive(Debug, Clone)]
pub struct Download {
    pub body: Vec<u8>,
    /// The `Content-Type` the server sent.
    pub content_type: Option<String>,
    /// Where the body came from, after redirects.
    pub url: String,
}

/// How pictures are fetched: `GET` each URL, refusing bodies over `max_bytes`, answers in
/// the order of `urls`. An error is the reason, written for the editor (it names the URL).
pub trait Fetch: Sync {
    fn get_all(&self, urls: &[String], max_bytes: u64) -> Vec<Result<Download, String>>;
}

/// [`Fetch`] through Gazette's one HTTP layer ([`crate::net`]): its redirect policy, timeouts,
/// `User-Agent` and per-host limits, with bodies up to the pictures' own limit.
pub struct NetFetch {
    site_url: Option<String>,
}

impl NetFetch {
    /// A fetcher whose `User-Agent` names the site.
    pub fn new(site_url: Option<&str>) -> NetFetch {
        NetFetch { site_url: site_url.map(str::to_owned) }
    }
}

impl Fetch for NetFetch {
    fn get_all(&self, urls: &[String], max_bytes: u64) -> Vec<Result<Download, String>> {
        let mut options = crate::net::ClientOptions::new(self.site_url.as_deref());
        options.limits.max_body = max_bytes;
        let failed = |why: String| urls.iter().map(|_| Err(why.clone())).collect();
        let client = match crate::net::Client::new(&options) {
            Ok(c) => c,
            Err(e) => return failed(e.to_string()),
        };
        let runtime = match crate::net::runtime() {
            Ok(r) => r,
            Err(e) => return failed(format!("failed to start the HTTP client: {e}")),
        };
        runtime
            .block_on(client.get_all(urls))
            .into_iter()
            .map(|r| {
                r.map(|resp| Download { content_type: resp.content_type, url: resp.url.to_string(), body: resp.body })
                    .map_err(|e| e.to_string())
            })
            .collect()
    }
}

/// Limits on what is kept.
#[derive(Debug, Clone)]
pub struct Limits {
    /// The largest picture downloaded, in bytes.
    pub max_bytes: u64,
    /// The most pictures downloaded for one article; the rest keep their remote URLs.
    pub max_per_article: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_bytes: 20 * 1024 * 1024, max_per_article: 20 }
    }
}

/// Downloads and stores pictures for a run of imports (shared by its threads).
pub struct Keeper<'a> {
    fetch: &'a dyn Fetch,
    /// The site's `static/` folder.
    static_dir: PathBuf,
    limits: Limits,
    /// URL → stored path (`/media/…`) or why not, so a URL is fetched once per run.
    seen: Mutex<HashMap<String, Result<String, String>>>,
}

/// One picture reference found in an article.
#[derive(Debug, Clone, PartialEq)]
enum Place {
    /// `images[i].src`.
    Listed(usize),
    /// The URL's bytes in the Markdown body.
    Body(Range<usize>),
}

/// One article's picture references to keep, and the problems found so far (JSON values for
/// `extra.image_errors`).
type Plan = (Vec<(Place, String)>, Vec<serde_json::Value>);

impl<'a> Keeper<'a> {
    pub fn new(fetch: &'a dyn Fetch, site_root: &Path, limits: Limits) -> Keeper<'a> {
        Keeper { fetch, static_dir: site_root.join("static"), limits, seen: Mutex::default() }
    }

    /// Keeps the pictures of a batch of articles: downloads them (all at once, within the
    /// HTTP layer's limits), rewrites each article's `images` and body, records failures in
    /// `extra.image_errors`. Captions fill in missing alt text.
    pub fn keep(&self, articles: &mut [(&mut ArticleMeta, &mut String)]) {
        let mut plans: Vec<Plan> = articles.iter_mut().map(|(meta, body)| self.references(meta, body)).collect();
        let mut wanted: Vec<String> =
            plans.iter().flat_map(|(places, _)| places.iter().map(|(_, u)| u.clone())).collect();
        wanted.sort();
        wanted.dedup();
        self.fetch_missing(&wanted, articles, &plans);
        let seen = self.seen.lock().unwrap();
        for ((meta, body), (places, errors)) in articles.iter_mut().zip(plans.iter_mut()) {
            let mut kept = Vec::new();
            for (place, url) in places.drain(..) {
                match seen.get(&url).cloned().unwrap_or_else(|| Err(format!("{url}: not fetched"))) {
                    Ok(local) => kept.push((place, local)),
                    Err(why) if !errors.iter().any(|e| e["url"] == url.as_str()) => {
                        errors.push(image_error(&url, &why))
                    }
                    Err(_) => {}
                }
            }
            apply(meta, body, kept);
            if !errors.is_empty() {
                meta.extra.insert("image_errors".into(), serde_json::Value::Array(std::mem::take(errors)));
            }
        }
    }

    /// The web pictures an article shows, up to the limit (the rest noted as errors), after
    /// filling in missing alt text from captions.
    fn references(&self, meta: &mut ArticleMeta, body: &str) -> Plan {
        for img in &mut meta.images {
            if img.alt.trim().is_empty() {
                if let Some(caption) = img.caption.as_deref().filter(|c| !c.trim().is_empty()) {
                    img.alt = caption.trim().to_owned();
                }
            }
        }
        let mut places: Vec<(Place, String)> =
            meta.images.iter().enumerate().map(|(i, img)| (Place::Listed(i), img.src.clone())).collect();
        places.extend(body_images(body).into_iter().map(|(range, url)| (Place::Body(range), url)));
        places.retain(|(_, url)| is_web(url));
        let (mut distinct, mut errors) = (Vec::<String>::new(), Vec::new());
        places.retain(|(_, url)| {
            if distinct.contains(url) {
                return true;
            }
            if distinct.len() >= self.limits.max_per_article {
                if !errors.iter().any(|e: &serde_json::Value| e["url"] == url.as_str()) {
                    let why = format!("more than {} pictures in one article; kept remote", self.limits.max_per_article);
                    errors.push(image_error(url, &why));
                }
                return false;
            }
            distinct.push(url.clone());
            true
        });
        (places, errors)
    }

    /// Fetches the URLs not fetched before in this run, checks and stores what came back
    /// (in parallel: checking decodes each picture), and remembers every outcome.
    fn fetch_missing(&self, wanted: &[String], articles: &[(&mut ArticleMeta, &mut String)], plans: &[Plan]) {
        let missing: Vec<String> = {
            let seen = self.seen.lock().unwrap();
            wanted.iter().filter(|u| !seen.contains_key(*u)).cloned().collect()
        };
        if missing.is_empty() {
            return;
        }
        // A picture is filed under the month of the first article that shows it.
        let month_of_url = |url: &String| {
            articles
                .iter()
                .zip(plans)
                .find(|(_, (places, _))| places.iter().any(|(_, u)| u == url))
                .map(|((meta, _), _)| month_of(&meta.date))
                .unwrap_or_else(|| "undated".into())
        };
        let months: Vec<String> = missing.iter().map(month_of_url).collect();
        let answers = self.fetch.get_all(&missing, self.limits.max_bytes);
        let stored: Vec<Result<String, String>> = answers
            .into_par_iter()
            .zip(months.par_iter())
            .zip(missing.par_iter())
            .map(|((answer, month), url)| answer.and_then(|got| self.store(url, &got, month)))
            .collect();
        self.seen.lock().unwrap().extend(missing.into_iter().zip(stored));
    }

    /// Checks a download and writes it; its path in the site (`/media/…`).
    fn store(&self, url: &str, got: &Download, month: &str) -> Result<String, String> {
        let (bytes, format) = checked(got).map_err(|e| format!("{url}: {e}"))?;
        let name = format!("{}.{}", pictures::cache::content_hash(&bytes), format.extension());
        let rel = format!("media/{month}/{name}");
        self.write(&rel, &bytes).map_err(|e| format!("{e:#}"))?;
        Ok(format!("/{rel}"))
    }

    /// Writes a picture under `static/` unless a file of that name (the same content) is
    /// there already: created exclusively, never replacing anything.
    fn write(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let path = self.static_dir.join(rel);
        if path.exists() {
            return Ok(());
        }
        let dir = path.parent().expect("media/ paths have a folder");
        std::fs::create_dir_all(dir).with_context(|| format!("failed to create `{}`", dir.display()))?;
        let mut tmp =
            tempfile::NamedTempFile::new_in(dir).with_context(|| format!("failed to write in `{}`", dir.display()))?;
        std::io::Write::write_all(&mut tmp, bytes).with_context(|| format!("failed to write `{}`", path.display()))?;
        match tmp.persist_noclobber(&path) {
            Ok(_) => Ok(()),
            // Another thread stored the same picture first: same name, same bytes.
            Err(_) if path.exists() => Ok(()),
            Err(e) => Err(e.error).with_context(|| format!("failed to write `{}`", path.display())),
        }
    }
}

/// The bytes to store and their format, or why the download is not a picture to keep.
fn checked(got: &Download) -> Result<(Vec<u8>, Format), String> {
    let declared = got.content_type.as_deref().map(|c| c.split(';').next().unwrap_or(c).trim().to_ascii_lowercase());
    let Some(format) = pictures::sniff(&got.body) else {
        let what = match declared.as_deref() {
            Some(t) if t.starts_with("image/") => format!("served as {t} but its bytes are not a picture"),
            Some(t) => format!("not a picture (served as {t})"),
            None => "not a picture".to_owned(),
        };
        return Err(what);
    };
    match format {
        Format::Svg => {
            let clean = pictures::svg::sanitize(&got.body).map_err(|e| e.to_string())?;
            Ok((clean.into_owned(), format))
        }
        Format::Avif => Ok((got.body.clone(), format)),
        _ => {
            let probe = pictures::probe(&got.body).map_err(|e| e.to_string())?;
            if !probe.animated {
                // Decodability: the whole picture, not only its header.
                pictures::decode(&got.body).map_err(|e| e.to_string())?;
            }
            Ok((pictures::strip::strip(&got.body).into_owned(), format))
        }
    }
}

fn image_error(url: &str, why: &str) -> serde_json::Value {
    serde_json::json!({ "url": url, "error": why })
}

fn is_web(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// `YYYY/MM` of the article's date, as written (its own calendar day).
fn month_of(date: &FmDate) -> String {
    let day = date.written_day();
    day.format("%Y/%m").to_string()
}

/// The images of a Markdown body: each destination URL and where its bytes are.
fn body_images(body: &str) -> Vec<(Range<usize>, String)> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(body, Options::all()).into_offset_iter() {
        if let Event::Start(Tag::Image { dest_url, .. }) = event {
            let text = &body[range.clone()];
            // The destination follows `](`; a reference-style image (`![a][ref]`) has its URL
            // elsewhere and is left alone.
            if let Some(at) = text.rfind(&*dest_url).filter(|_| !dest_url.is_empty()) {
                let start = range.start + at;
                out.push((start..start + dest_url.len(), dest_url.to_string()));
            }
        }
    }
    out
}

/// Rewrites the kept references, the body's from its end so earlier ranges stay valid.
fn apply(meta: &mut ArticleMeta, body: &mut String, mut kept: Vec<(Place, String)>) {
    kept.sort_by_key(|(place, _)| match place {
        Place::Listed(i) => (0, usize::MAX - i),
        Place::Body(r) => (1, usize::MAX - r.start),
    });
    for (place, local) in kept {
        match place {
            Place::Listed(i) => meta.images[i].src = local,
            Place::Body(range) => body.replace_range(range, &local),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter::Image;

    /// A fetcher serving fixed answers, counting requests.
    struct Fixed(HashMap<String, Result<Download, String>>, Mutex<usize>);

    impl Fetch for Fixed {
        fn get_all(&self, urls: &[String], max_bytes: u64) -> Vec<Result<Download, String>> {
            urls.iter()
                .map(|url| {
                    *self.1.lock().unwrap() += 1;
                    let got = self.0.get(url).cloned().unwrap_or_else(|| Err(format!("GET {url} answered 404")))?;
                    if got.body.len() as u64 > max_bytes {
                        return Err(format!("{url}: larger than {max_bytes} bytes"));
                    }
                    Ok(got)
                })
                .collect()
        }
    }

    fn answer(body: Vec<u8>, ct: &str) -> Result<Download, String> {
        Ok(Download { body, content_type: Some(ct.into()), url: String::new() })
    }

    fn meta(images: Vec<Image>) -> ArticleMeta {
        let mut m: ArticleMeta = yaml_serde::from_str("title: T\ndate: 2026-11-18T07:45:00+00:00\n").unwrap();
        m.images = images;
        m
    }

    #[test]
    fn lead_and_inline_pictures_are_kept_once_and_rewritten() {
        let photo = crate::pictures::strip::tests::jpeg_with_metadata(64, 48, 1);
        let fixed = Fixed(
            [
                ("https://cdn.example/a.jpg".to_owned(), answer(photo.clone(), "image/jpeg")),
                ("https://cdn.example/same-bytes.jpg".to_owned(), answer(photo.clone(), "image/jpeg")),
                ("https://cdn.example/page.jpg".to_owned(), answer(b"<!doctype html><p>blocked".to_vec(), "text/html")),
            ]
            .into_iter()
            .collect(),
            Mutex::new(0),
        );
        let site = tempfile::tempdir().unwrap();
        let keeper = Keeper::new(&fixed, site.path(), Limits::default());
        let mut m = meta(vec![Image {
            src: "https://cdn.example/a.jpg".into(),
            caption: Some("The quay".into()),
            ..Default::default()
        }]);
        let mut body = "Text.\n\n![one](https://cdn.example/a.jpg \"t\")\n\n![two](https://cdn.example/same-bytes.jpg)\n\n![three](https://cdn.example/page.jpg)\n\n![four](/local.png)\n".to_owned();
        keeper.keep(&mut [(&mut m, &mut body)]);
        let hash = crate::pictures::cache::content_hash(&crate::pictures::strip::strip(&photo));
        let local = format!("/media/2026/11/{hash}.jpg");
        assert_eq!(m.images[0].src, local);
        assert_eq!(m.images[0].alt, "The quay", "the caption stands in for missing alt text");
        assert_eq!(body.matches(&local).count(), 2, "{body}");
        assert!(body.contains("![three](https://cdn.example/page.jpg)") && body.contains("![four](/local.png)"));
        let stored = std::fs::read(site.path().join(format!("static{local}"))).unwrap();
        assert!(!stored.windows(12).any(|w| w == b"Ada Lovelace"), "metadata stripped before storing");
        let errors = m.extra["image_errors"].as_array().unwrap();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0]["url"], "https://cdn.example/page.jpg");
        assert!(errors[0]["error"].as_str().unwrap().contains("not a picture (served as text/html)"), "{errors:?}");
        assert_eq!(*fixed.1.lock().unwrap(), 3, "the lead's URL was fetched once for both places");
    }

    #[test]
    fn failures_keep_the_remote_url_and_the_limit_holds() {
        let fixed = Fixed(HashMap::new(), Mutex::new(0));
        let site = tempfile::tempdir().unwrap();
        let keeper = Keeper::new(&fixed, site.path(), Limits { max_per_article: 1, ..Limits::default() });
        let mut m = meta(vec![]);
        let mut body = "![a](https://x.example/a.png) ![b](https://x.example/b.png)".to_owned();
        keeper.keep(&mut [(&mut m, &mut body)]);
        assert_eq!(body, "![a](https://x.example/a.png) ![b](https://x.example/b.png)");
        let errors: Vec<String> = m.extra["image_errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["error"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(
            errors,
            ["more than 1 pictures in one article; kept remote", "GET https://x.example/a.png answered 404"]
        );
        assert_eq!(*fixed.1.lock().unwrap(), 1);
        assert!(!site.path().join("static").exists(), "nothing written");
    }

    #[test]
    fn an_svg_is_sanitised_and_an_animated_gif_kept_as_it_is() {
        let svg =
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"1\" height=\"1\"/></svg>"
                .to_vec();
        let gif = crate::pictures::tests_support::animated_gif();
        let fixed = Fixed(
            [
                ("https://x.example/a.svg".to_owned(), answer(svg, "image/svg+xml")),
                ("https://x.example/b.gif".to_owned(), answer(gif.clone(), "image/gif")),
            ]
            .into_iter()
            .collect(),
            Mutex::new(0),
        );
        let site = tempfile::tempdir().unwrap();
        let keeper = Keeper::new(&fixed, site.path(), Limits::default());
        let mut m = meta(vec![]);
        let mut body = "![a](https://x.example/a.svg)\n![b](https://x.example/b.gif)".to_owned();
        keeper.keep(&mut [(&mut m, &mut body)]);
        assert!(!m.extra.contains_key("image_errors"), "{:?}", m.extra);
        let svg_path = site
            .path()
            .join("static")
            .join(body.lines().next().unwrap()[5..].trim_end_matches(')').trim_start_matches('/'));
        let stored = std::fs::read_to_string(svg_path).unwrap();
        assert!(!stored.contains("onload") && stored.contains("<rect"));
        let gif_rel = body.lines().nth(1).unwrap()[5..].trim_end_matches(')').trim_start_matches('/').to_owned();
        assert_eq!(std::fs::read(site.path().join("static").join(gif_rel)).unwrap(), gif, "byte for byte");
    }
}
