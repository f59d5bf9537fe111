//! Responsive pictures: for every local raster picture a page shows, the variants to make
//! (widths from `images.widths` that do not upscale it, lossy WebP plus one fallback in the
//! original's format) and the markup that offers them (`srcset`, `sizes`, `width`/`height`).
//!
//! Pages ask [`Pictures::responsive`] while they render; it reads each source's size once
//! (through the [`Cache`]'s index, so an unchanged picture is not even read) and registers the
//! variants as [`Job`]s. [`write_variants`] then hands every job to the sink: `build` makes
//! the missing ones in parallel in `.gazette/cache/pictures/` and links them into the output,
//! `check` only records their paths, `serve` makes one when it is first asked for. SVG,
//! AVIF, animated GIF and remote pictures are left as they are.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::PageSink;
use crate::config::Config;
use crate::pictures::cache::{variant_name, Cache, SourceInfo};
use crate::pictures::plan::{height_for, widths};
use crate::pictures::{Crop, Focus, OutFormat, Variant};

/// Output folder of the variants.
pub const VARIANTS_DIR: &str = "pictures";

/// The ratio the default theme shows lead and top-story pictures at (`aspect-ratio: 40 / 21`).
pub const CARD_RATIO: (u32, u32) = (40, 21);

/// The fallback's quality (JPEG), for browsers without WebP.
const JPEG_QUALITY: u8 = 80;
/// The widest fallback made: one size serves the few browsers that need it.
const FALLBACK_MAX_WIDTH: u32 = 960;

/// Where a picture appears, which decides its crop and the `sizes` the browser picks by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// An article's lead picture, across the article column.
    Lead,
    /// The top story's picture on an edition, beside its headline on wide screens.
    Top,
    /// A picture in the text, within the reading measure, uncropped.
    Inline,
}

impl Place {
    fn sizes(self) -> &'static str {
        match self {
            Place::Lead => "(min-width: 76rem) 54rem, (min-width: 64rem) calc(100vw - 23rem), calc(100vw - 2rem)",
            Place::Top => "(min-width: 76rem) 29rem, (min-width: 48rem) 52vw, calc(100vw - 2rem)",
            Place::Inline => "(min-width: 48rem) 42rem, calc(100vw - 2rem)",
        }
    }

    fn crop(self, focus: Option<[f64; 2]>) -> Option<Crop> {
        let focus = focus.and_then(|[x, y]| Focus::new(x, y)).unwrap_or_default();
        (self != Place::Inline).then_some(Crop { ratio: CARD_RATIO, focus })
    }
}

/// One variant to make: from which file, what.
#[derive(Debug, Clone)]
pub struct Job {
    pub source: PathBuf,
    pub info: SourceInfo,
    pub variant: Variant,
}

/// The markup values of a responsive picture.
#[derive(Debug, Clone, serde::Serialize, PartialEq)]
pub struct Responsive {
    /// The fallback's URL (the original's format).
    pub src: String,
    /// The WebP variants, `url 320w, …`.
    pub srcset: String,
    pub sizes: &'static str,
    /// The size the picture is laid out at before it loads (its shape): no layout shift.
    pub width: u32,
    pub height: u32,
}

/// The pictures of one render: settings, the cache, and the variants the pages asked for.
pub struct Pictures {
    static_dir: PathBuf,
    widths: Vec<u32>,
    quality: u8,
    cache: Arc<Cache>,
    /// Site-relative source path → what it is (`None`: not a picture Gazette resizes).
    sources: Mutex<HashMap<String, Option<SourceInfo>>>,
    jobs: Mutex<BTreeMap<String, Job>>,
}

impl Pictures {
    pub fn new(config: &Config) -> Pictures {
        Pictures {
            static_dir: config.root.join("static"),
            widths: config.site.images.widths.clone(),
            quality: config.site.images.quality,
            cache: Arc::new(Cache::open(&config.root)),
            sources: Mutex::default(),
            jobs: Mutex::default(),
        }
    }

    pub fn cache(&self) -> &Arc<Cache> {
        &self.cache
    }

    /// What the picture at site-relative `rel` (`media/2026/11/x.jpg`) is, if it is a local
    /// picture Gazette resizes.
    fn source(&self, rel: &str) -> Option<SourceInfo> {
        let rel = rel.split(['?', '#']).next().unwrap_or(rel);
        if let Some(known) = self.sources.lock().unwrap().get(rel) {
            return known.clone();
        }
        let path = self.static_dir.join(rel);
        let processable = crate::pictures::Format::from_extension(rel).is_some_and(|f| f.is_processed())
            && !rel.split('/').any(|part| part == "..")
            && path.is_file();
        let info = processable
            .then(|| match self.cache.source(&path) {
                Ok(info) => Some(info),
                Err(e) => {
                    tracing::warn!("{e:#}; the picture is shown as it is");
                    None
                }
            })
            .flatten()
            .filter(|i| i.format.is_processed() && !i.animated && i.width > 0);
        self.sources.lock().unwrap().insert(rel.to_owned(), info.clone());
        info
    }

    /// The responsive markup for the local picture at `rel` shown in `place`, registering its
    /// variants; `None` for pictures shown as they are. `url` turns a site-relative path into
    /// a link.
    pub fn responsive(
        &self,
        rel: &str,
        place: Place,
        focus: Option<[f64; 2]>,
        url: impl Fn(&str) -> String,
    ) -> Option<Responsive> {
        let info = self.source(rel)?;
        let source = self.static_dir.join(rel.split(['?', '#']).next().unwrap_or(rel));
        let crop = place.crop(focus);
        let shown = match &crop {
            Some(c) => c.rect(info.width, info.height),
            None => crate::pictures::plan::Rect { left: 0, top: 0, width: info.width, height: info.height },
        };
        let sizes = widths(&self.widths, shown.width);
        let alpha_possible = info.format != crate::pictures::Format::Jpeg;
        let fallback_format = if alpha_possible { OutFormat::Png } else { OutFormat::Jpeg(JPEG_QUALITY) };
        let fallback_width = sizes.iter().copied().filter(|&w| w <= FALLBACK_MAX_WIDTH).max().unwrap_or(sizes[0]);
        let mut jobs = self.jobs.lock().unwrap();
        let mut register = |width: u32, format: OutFormat| {
            let variant = Variant { width, crop, format };
            let rel = format!("{VARIANTS_DIR}/{}", variant_name(&info.hash, &variant));
            let link = url(&rel);
            jobs.entry(rel).or_insert_with(|| Job { source: source.clone(), info: info.clone(), variant });
            link
        };
        let srcset: Vec<String> =
            sizes.iter().map(|&w| format!("{} {w}w", register(w, OutFormat::WebP(self.quality)))).collect();
        let src = register(fallback_width, fallback_format);
        let width = *sizes.last()?;
        Some(Responsive {
            src,
            srcset: srcset.join(", "),
            sizes: place.sizes(),
            width,
            height: height_for(width, shown.width, shown.height),
        })
    }

    /// Gives the local raster pictures in a page's rendered HTML (`<img src="…">` as Markdown
    /// writes them) their variants: each becomes a `<picture>` with a WebP `srcset`, and its
    /// `<img>` the fallback, `width`/`height` and lazy loading. `rel_of` says which site
    /// path a `src` is (`None`: not this site's); `url` makes links. Unchanged HTML (no such
    /// pictures) is returned as it is.
    pub fn inline<'h>(
        &self,
        html: &'h str,
        rel_of: impl Fn(&str) -> Option<String>,
        url: impl Fn(&str) -> String,
    ) -> std::borrow::Cow<'h, str> {
        const OPEN: &str = "<img src=\"";
        let mut out = String::new();
        let mut done = 0;
        let mut from = 0;
        // memmem (SIMD), not `str::find`: every article's HTML is searched, and most hold
        // no picture at all.
        while let Some(at) = memchr::memmem::find(&html.as_bytes()[from..], OPEN.as_bytes()).map(|i| i + from) {
            let src_start = at + OPEN.len();
            let Some(src_len) = html[src_start..].find('"') else { break };
            let Some(tag_len) = html[src_start..].find('>') else { break };
            from = src_start + tag_len;
            let src = &html[src_start..src_start + src_len];
            let Some(r) = rel_of(src).and_then(|rel| self.responsive(&rel, Place::Inline, None, &url)) else {
                continue;
            };
            // The attributes after `src` (alt, title) as written, without the closing `/`.
            let rest = html[src_start + src_len + 1..src_start + tag_len].trim_end_matches('/').trim_end();
            out.push_str(&html[done..at]);
            out.push_str(&format!(
                "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{}\"><img src=\"{}\"{rest} width=\"{}\" height=\"{}\" loading=\"lazy\" decoding=\"async\"></picture>",
                r.srcset, r.sizes, r.src, r.width, r.height
            ));
            done = src_start + tag_len + 1;
        }
        if done == 0 {
            return html.into();
        }
        out.push_str(&html[done..]);
        out.into()
    }

    /// The variants registered so far, by output path.
    pub fn jobs(&self) -> Vec<(String, Job)> {
        self.jobs.lock().unwrap().iter().map(|(k, v)| (k.clone(), v.clone())).collect()
    }
}

impl Job {
    /// The variant's file in the cache, made if missing.
    pub fn ensure(&self, cache: &Cache) -> anyhow::Result<PathBuf> {
        let mut files = cache.variants(&self.source, &self.info, std::slice::from_ref(&self.variant))?;
        Ok(files.remove(0))
    }
}

/// Hands every registered variant to `sink` (see [`PageSink::write_picture`]); the variants
/// of one source are made together, so it is decoded once. Returns how many.
pub fn write_variants(pictures: &Pictures, sink: &dyn PageSink) -> anyhow::Result<usize> {
    let jobs = pictures.jobs();
    let mut by_source: BTreeMap<&str, Vec<&(String, Job)>> = BTreeMap::new();
    for job in &jobs {
        by_source.entry(job.1.info.hash.as_str()).or_default().push(job);
    }
    by_source.into_par_iter().try_for_each(|(_, group)| {
        if sink.makes_pictures() {
            let variants: Vec<Variant> = group.iter().map(|(_, j)| j.variant).collect();
            let first = &group[0].1;
            pictures.cache.variants(&first.source, &first.info, &variants)?;
        }
        group.iter().try_for_each(|(rel, job)| sink.write_picture(rel, job, &pictures.cache))
    })?;
    Ok(jobs.len())
}
