//! `images:` in `site.yaml`: whether imported pictures are kept in the site, and the variants
//! a build makes of local pictures.
//!
//! ```yaml
//! images: {keep: local, widths: [320, 640, 960, 1280, 1920], quality: 75, max_per_article: 20}
//! ```

use serde::{Deserialize, Serialize};

use super::{locate, CONFIG_FILE};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Where imported pictures live.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Keep {
    /// Downloaded into `static/media/` at import and fetch (the default).
    #[default]
    Local,
    /// Left as links to where they were found.
    Remote,
}

/// `images:`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ImagesConfig {
    pub keep: Keep,
    /// The widths of a picture's variants (never wider than the picture itself).
    pub widths: Vec<u32>,
    /// Lossy WebP quality, 1–100.
    pub quality: u8,
    /// The most pictures import downloads for one article.
    pub max_per_article: usize,
}

impl Default for ImagesConfig {
    fn default() -> Self {
        ImagesConfig {
            keep: Keep::Local,
            widths: crate::pictures::DEFAULT_WIDTHS.to_vec(),
            quality: 75,
            max_per_article: 20,
        }
    }
}

/// The widths Gazette accepts: from a thumbnail to a 4K screen.
const WIDTH_RANGE: std::ops::RangeInclusive<u32> = 16..=4096;

/// Checks the values serde cannot: widths in range, quality 1–100, `max_per_article` > 0.
pub(super) fn check(images: &ImagesConfig, text: &str, problems: &mut Diagnostics) {
    let mut error = |message: String, help: &str| {
        problems.push(locate(Diagnostic::error(CONFIG_FILE, message), text, "images").with_help(help.to_owned()));
    };
    if images.widths.is_empty() {
        error("`images.widths` is empty".into(), "list at least one width, e.g. `widths: [640, 1280]`");
    }
    if let Some(w) = images.widths.iter().find(|w| !WIDTH_RANGE.contains(w)) {
        error(format!("`images.widths` has {w}, outside 16–4096"), "use widths between 16 and 4096 pixels");
    }
    if !(1..=100).contains(&images.quality) {
        error(format!("`images.quality` is {}", images.quality), "use a quality between 1 and 100 (75 by default)");
    }
    if images.max_per_article == 0 {
        error("`images.max_per_article` is 0".into(), "use at least 1 (20 by default), or `keep: remote`");
    }
}
