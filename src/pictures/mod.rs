//! Pictures: what Gazette does with an image's bytes, below import and render in the layers.
//!
//! - [`sniff`] names a file's format from its first bytes (never from its name or the
//!   `Content-Type` a server claims), and [`probe`] reads its size and whether it is animated;
//! - [`plan`] decides which variants a picture gets: the configured widths that do not upscale
//!   it, and the crop a fixed ratio takes around the editor's focal point;
//! - [`process`] decodes once (EXIF orientation applied, decoding bounded in pixels and
//!   memory), resizes with `fast_image_resize` and encodes each variant as lossy WebP
//!   (libwebp) or the original's format; re-encoding drops every metadata block (EXIF, GPS,
//!   XMP, comments);
//! - [`strip`] removes metadata from a file kept as it is (a downloaded original) without
//!   re-encoding it: EXIF (GPS included), XMP, IPTC and comments, keeping the orientation;
//! - [`svg`] sanitises SVG (no scripts, event handlers or script URLs), which is otherwise
//!   passed through untouched, as animated GIFs are.
//!
//! **Why these encoders and settings.** `image-webp` (pure Rust) encodes lossless WebP only,
//! which is larger than JPEG for photographs; lossy WebP needs libwebp, through `webp`
//! (`libwebp-sys` builds libwebp's C sources with `cc`, as `mimalloc` already does for every
//! release target). Measured on six generated 2000 × 1333 photographs (`bench/photos.py`),
//! each made into the five default widths, CPU time on this 2-core machine (load average
//! 3.5–4.6), PSNR against the same resize without loss:
//!
//! | libwebp method | quality | bytes (6 × 5 widths) | PSNR | CPU per photograph |
//! |---:|---:|---:|---:|---:|
//! | 2 | 75 | 3 643 KB | 34.80 dB | 0.19 s |
//! | **4** | **75** | **3 403 KB** | **35.07 dB** | **0.38 s** |
//! | 6 | 75 | 3 115 KB | 34.82 dB | 1.02 s |
//! | 4 | 70 / 80 / 85 | 3 089 / 4 294 / 5 557 KB | 34.63 / 36.48 / 38.22 dB | |
//!
//! Method 4 at quality 75 (also Hugo's default quality): method 6 saves 8 % of the bytes for
//! 2.7 × the time, method 2 costs 7 % more bytes and a quarter dB. The same photographs take
//! Hugo 0.111 1.05 s of CPU each for the same five WebP widths. The original's format is
//! one fallback size (JPEG quality 80, or PNG) for browsers without WebP. Decoding (`image`,
//! through zune-jpeg) takes about 8 ms a photograph. AVIF is not made: it was not measured
//! here, and its encoders (rav1e through `ravif`) are known to be far slower than libwebp,
//! which the time budget against Hugo could not afford.
//!
//! Everything here is deterministic: fixed encoder settings and no clock or thread count in
//! the bytes, so the same picture and parameters give the same file.

pub mod cache;
pub mod plan;
pub mod process;
pub mod strip;
pub mod svg;

pub use plan::{Crop, Focus, Plan, DEFAULT_WIDTHS};
pub use process::{decode, encode_variant, Decoded, OutFormat, PictureError, Variant};

/// An image format Gazette recognises by its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Jpeg,
    Png,
    Gif,
    WebP,
    Avif,
    Svg,
}

impl Format {
    /// The file extension Gazette gives this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Gif => "gif",
            Format::WebP => "webp",
            Format::Avif => "avif",
            Format::Svg => "svg",
        }
    }

    /// The media type of this format.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Gif => "image/gif",
            Format::WebP => "image/webp",
            Format::Avif => "image/avif",
            Format::Svg => "image/svg+xml",
        }
    }

    /// Raster formats Gazette decodes and makes variants of (AVIF is kept as it is: no
    /// decoder is built in).
    pub fn is_processed(self) -> bool {
        matches!(self, Format::Jpeg | Format::Png | Format::Gif | Format::WebP)
    }

    /// The format a file name's extension claims (`.JPEG`, `.jpg`, …), for local files whose
    /// bytes have not been read yet.
    pub fn from_extension(path: &str) -> Option<Format> {
        let ext = path.rsplit_once('.')?.1.split(['?', '#']).next()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "jpg" | "jpeg" | "jpe" => Format::Jpeg,
            "png" => Format::Png,
            "gif" => Format::Gif,
            "webp" => Format::WebP,
            "avif" => Format::Avif,
            "svg" => Format::Svg,
            _ => return None,
        })
    }
}

/// The format of `bytes`, from their signature; SVG from an `<svg` element near the start
/// (after an optional XML declaration, comments and a doctype).
pub fn sniff(bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(Format::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(Format::Png);
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return Some(Format::Gif);
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Some(Format::WebP);
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" && matches!(&bytes[8..12], b"avif" | b"avis") {
        return Some(Format::Avif);
    }
    svg::looks_like_svg(bytes).then_some(Format::Svg)
}

/// What [`probe`] learns about a picture without decoding its pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Probe {
    pub format: Format,
    /// As shown, after the EXIF orientation (a portrait photograph stored sideways reports
    /// its upright size). Zero for SVG without a size.
    pub width: u32,
    pub height: u32,
    /// An animated GIF or WebP, which is kept as it is.
    pub animated: bool,
}

/// Format, displayed size and animation of a picture; an error when its bytes are not a
/// picture Gazette can read (an HTML page named `.jpg`, a truncated file).
pub fn probe(bytes: &[u8]) -> Result<Probe, PictureError> {
    let format = sniff(bytes).ok_or(PictureError::NotAPicture)?;
    match format {
        Format::Svg => {
            let (width, height) = svg::size(bytes).unwrap_or((0, 0));
            Ok(Probe { format, width, height, animated: false })
        }
        Format::Avif => Ok(Probe { format, width: 0, height: 0, animated: false }),
        _ => process::probe_raster(bytes, format),
    }
}

/// Pictures the tests of several modules make.
#[cfg(test)]
pub(crate) mod tests_support {
    /// A two-frame animated GIF, 8 × 8.
    pub(crate) fn animated_gif() -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut enc = image::codecs::gif::GifEncoder::new(&mut out);
            for shade in [0u8, 255] {
                let frame = image::Frame::new(image::RgbaImage::from_pixel(8, 8, image::Rgba([shade, 0, 0, 255])));
                enc.encode_frame(frame).unwrap();
            }
        }
        out
    }

    #[test]
    fn the_test_gif_is_animated() {
        let p = super::probe(&animated_gif()).unwrap();
        assert!(p.animated && p.format == super::Format::Gif);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_named_by_their_bytes_not_their_names() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), Some(Format::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some(Format::Png));
        assert_eq!(sniff(b"GIF89a...."), Some(Format::Gif));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some(Format::WebP));
        assert_eq!(sniff(b"\0\0\0\x1cftypavif\0\0\0\0"), Some(Format::Avif));
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<!-- x -->\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            Some(Format::Svg)
        );
        assert_eq!(sniff(b"<!DOCTYPE html><html><body>Not found</body></html>"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn extensions_name_formats_case_and_query_aside() {
        assert_eq!(Format::from_extension("/media/a.JPEG"), Some(Format::Jpeg));
        assert_eq!(Format::from_extension("https://x.org/p.webp?w=300"), Some(Format::WebP));
        assert_eq!(Format::from_extension("/a/b"), None);
        assert_eq!(Format::Jpeg.extension(), "jpg");
    }

    #[test]
    fn an_html_page_is_not_a_picture() {
        assert!(matches!(probe(b"<html><body>blocked</body></html>"), Err(PictureError::NotAPicture)));
    }
}
