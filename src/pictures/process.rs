//! Decoding a picture once and encoding its variants.
//!
//! Decoding applies the EXIF orientation (so a photograph taken upright is shown upright
//! whatever its viewer does with EXIF) and is bounded: at most [`MAX_PIXELS`] pixels and
//! [`MAX_ALLOC`] bytes, so a small file that claims a huge size is refused, not allocated.
//! Every variant is encoded from pixels alone, so no metadata of the original (EXIF with GPS
//! positions, XMP, comments) reaches it.

use std::io::Cursor;

use fast_image_resize as fir;
use image::{DynamicImage, ImageDecoder, ImageReader};

use super::plan::{height_for, Crop, Rect};
use super::{Format, Probe};

/// The most pixels a picture may have (100 megapixels: a 12 000 × 8 000 photograph).
pub const MAX_PIXELS: u64 = 100_000_000;
/// The most memory one decoded picture may take.
pub const MAX_ALLOC: u64 = 512 * 1024 * 1024;

/// Why a picture could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    #[error("not a picture Gazette can read (JPEG, PNG, GIF, WebP, AVIF or SVG)")]
    NotAPicture,
    #[error("the picture is {width} × {height} pixels, more than Gazette decodes (100 megapixels)")]
    TooLarge { width: u32, height: u32 },
    #[error("the picture could not be decoded: {0}")]
    Decode(String),
    #[error("the picture could not be encoded: {0}")]
    Encode(String),
}

/// A format a variant is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutFormat {
    /// Lossy WebP at this quality (0–100).
    WebP(u8),
    /// Baseline JPEG at this quality.
    Jpeg(u8),
    Png,
}

impl OutFormat {
    pub fn extension(self) -> &'static str {
        match self {
            OutFormat::WebP(_) => "webp",
            OutFormat::Jpeg(_) => "jpg",
            OutFormat::Png => "png",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            OutFormat::WebP(_) => "image/webp",
            OutFormat::Jpeg(_) => "image/jpeg",
            OutFormat::Png => "image/png",
        }
    }

    /// The fallback a browser without WebP gets: the original's own format for JPEG and PNG;
    /// for other sources PNG when they have transparency, else JPEG.
    pub fn fallback_for(format: Format, alpha: bool, jpeg_quality: u8) -> OutFormat {
        match format {
            Format::Jpeg => OutFormat::Jpeg(jpeg_quality),
            Format::Png => OutFormat::Png,
            _ if alpha => OutFormat::Png,
            _ => OutFormat::Jpeg(jpeg_quality),
        }
    }
}

/// One variant to make: a width, an optional crop, a format.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Variant {
    pub width: u32,
    pub crop: Option<Crop>,
    pub format: OutFormat,
}

/// A decoded picture, upright, as 8-bit RGB or RGBA rows.
pub struct Decoded {
    pub format: Format,
    pub width: u32,
    pub height: u32,
    pub alpha: bool,
    pixels: Vec<u8>,
}

impl Decoded {
    /// The part of the picture a variant shows.
    pub fn rect(&self, crop: Option<&Crop>) -> Rect {
        match crop {
            Some(c) => c.rect(self.width, self.height),
            None => Rect { left: 0, top: 0, width: self.width, height: self.height },
        }
    }

    /// The size a variant is written at.
    pub fn size_of(&self, variant: &Variant) -> (u32, u32) {
        let r = self.rect(variant.crop.as_ref());
        (variant.width, height_for(variant.width, r.width, r.height))
    }
}

fn reader(bytes: &[u8]) -> Result<ImageReader<Cursor<&[u8]>>, PictureError> {
    let mut reader =
        ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| PictureError::Decode(e.to_string()))?;
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    Ok(reader)
}

/// The stored size, read from the header alone (no limits, no pixels), so a picture too
/// large is refused as such rather than as a failed allocation.
fn header_size(bytes: &[u8]) -> Result<(u32, u32), PictureError> {
    let mut reader = reader(bytes)?;
    reader.no_limits();
    let (w, h) = reader.into_dimensions().map_err(decode_error)?;
    check_size(w, h)?;
    Ok((w, h))
}

fn decode_error(e: image::ImageError) -> PictureError {
    PictureError::Decode(e.to_string())
}

/// Refuses pictures over [`MAX_PIXELS`] before their pixels are allocated.
fn check_size(width: u32, height: u32) -> Result<(), PictureError> {
    if width == 0 || height == 0 {
        return Err(PictureError::Decode("the picture has no pixels".into()));
    }
    if width as u64 * height as u64 > MAX_PIXELS {
        return Err(PictureError::TooLarge { width, height });
    }
    Ok(())
}

/// Size, orientation and animation of a raster picture, reading only its headers (and, for
/// a GIF, its first two frames).
pub(super) fn probe_raster(bytes: &[u8], format: Format) -> Result<Probe, PictureError> {
    header_size(bytes)?;
    let mut decoder = reader(bytes)?.into_decoder().map_err(decode_error)?;
    let (w, h) = decoder.dimensions();
    check_size(w, h)?;
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let (width, height) = if turns_sideways(orientation) { (h, w) } else { (w, h) };
    drop(decoder);
    let animated = match format {
        Format::Gif => gif_is_animated(bytes),
        Format::WebP => image::codecs::webp::WebPDecoder::new(Cursor::new(bytes)).is_ok_and(|d| d.has_animation()),
        _ => false,
    };
    Ok(Probe { format, width, height, animated })
}

fn turns_sideways(o: image::metadata::Orientation) -> bool {
    use image::metadata::Orientation as O;
    matches!(o, O::Rotate90 | O::Rotate270 | O::Rotate90FlipH | O::Rotate270FlipH)
}

fn gif_is_animated(bytes: &[u8]) -> bool {
    use image::AnimationDecoder;
    match image::codecs::gif::GifDecoder::new(Cursor::new(bytes)) {
        Ok(d) => d.into_frames().take(2).count() > 1,
        Err(_) => false,
    }
}

/// Decodes a raster picture upright, as RGB (or RGBA when it has transparency).
pub fn decode(bytes: &[u8]) -> Result<Decoded, PictureError> {
    let format = super::sniff(bytes).filter(|f| f.is_processed()).ok_or(PictureError::NotAPicture)?;
    header_size(bytes)?;
    let mut decoder = reader(bytes)?.into_decoder().map_err(decode_error)?;
    let (w, h) = decoder.dimensions();
    check_size(w, h)?;
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(decode_error)?;
    image.apply_orientation(orientation);
    let alpha = image.color().has_alpha();
    let (width, height) = (image.width(), image.height());
    let pixels = if alpha { image.into_rgba8().into_raw() } else { image.into_rgb8().into_raw() };
    Ok(Decoded { format, width, height, alpha, pixels })
}

/// Resizes the part of `source` a variant shows to the variant's size.
fn resize(source: &Decoded, variant: &Variant) -> Result<(u32, u32, Vec<u8>), PictureError> {
    let (w, h) = source.size_of(variant);
    let r = source.rect(variant.crop.as_ref());
    let pixel = if source.alpha { fir::PixelType::U8x4 } else { fir::PixelType::U8x3 };
    if (w, h) == (source.width, source.height) && r.width == source.width && r.height == source.height {
        return Ok((w, h, source.pixels.clone()));
    }
    let src = fir::images::ImageRef::new(source.width, source.height, &source.pixels, pixel)
        .map_err(|e| PictureError::Encode(e.to_string()))?;
    let mut dst = fir::images::Image::new(w, h, pixel);
    let options = fir::ResizeOptions::new().resize_alg(fir::ResizeAlg::Convolution(fir::FilterType::Lanczos3)).crop(
        r.left as f64,
        r.top as f64,
        r.width as f64,
        r.height as f64,
    );
    fir::Resizer::new().resize(&src, &mut dst, &options).map_err(|e| PictureError::Encode(e.to_string()))?;
    Ok((w, h, dst.into_vec()))
}

/// Makes one variant of a decoded picture: resized (and cropped) from the full-size pixels,
/// encoded with fixed settings, no metadata.
pub fn encode_variant(source: &Decoded, variant: &Variant) -> Result<Vec<u8>, PictureError> {
    if variant.width == 0 {
        return Err(PictureError::Encode("a variant needs a width".into()));
    }
    let (w, h, pixels) = resize(source, variant)?;
    let color = if source.alpha { image::ExtendedColorType::Rgba8 } else { image::ExtendedColorType::Rgb8 };
    let mut out = Vec::new();
    let fail = |e: image::ImageError| PictureError::Encode(e.to_string());
    match variant.format {
        OutFormat::WebP(quality) => return encode_webp(&pixels, w, h, source.alpha, quality),
        OutFormat::Jpeg(quality) => {
            // JPEG has no transparency: composite on white would change colours, so a
            // transparent source gets PNG as its fallback instead (OutFormat::fallback_for).
            let (data, color) = if source.alpha {
                (
                    DynamicImage::from(image::RgbaImage::from_raw(w, h, pixels).expect("sized")).into_rgb8().into_raw(),
                    image::ExtendedColorType::Rgb8,
                )
            } else {
                (pixels, color)
            };
            let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality);
            image::ImageEncoder::write_image(encoder, &data, w, h, color).map_err(fail)?;
        }
        OutFormat::Png => {
            let encoder = image::codecs::png::PngEncoder::new_with_quality(
                &mut out,
                image::codecs::png::CompressionType::Default,
                image::codecs::png::FilterType::Adaptive,
            );
            image::ImageEncoder::write_image(encoder, &pixels, w, h, color).map_err(fail)?;
        }
    }
    Ok(out)
}

/// The libwebp method (0 fastest … 6 smallest) Gazette encodes with; see the module docs of
/// [`super`] for the measurements behind it.
pub const WEBP_METHOD: i32 = 4;

fn encode_webp(pixels: &[u8], w: u32, h: u32, alpha: bool, quality: u8) -> Result<Vec<u8>, PictureError> {
    let layout = if alpha { webp::PixelLayout::Rgba } else { webp::PixelLayout::Rgb };
    let encoder = webp::Encoder::new(pixels, layout, w, h);
    let mut config = webp::WebPConfig::new().map_err(|_| PictureError::Encode("libwebp could not be set up".into()))?;
    config.quality = quality as f32;
    config.method = WEBP_METHOD;
    // One thread per picture: pictures are encoded side by side on rayon's threads, and
    // libwebp's own threads would only compete with them.
    config.thread_level = 0;
    let memory = encoder.encode_advanced(&config).map_err(|e| PictureError::Encode(format!("{e:?}")))?;
    Ok(memory.to_vec())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::pictures::plan::Focus;

    /// A test photograph: gradients with a little deterministic noise, `w` × `h`, as JPEG.
    pub(crate) fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            let n = ((x.wrapping_mul(2654435761) ^ y.wrapping_mul(40503)) >> 7) as u8 & 15;
            image::Rgb([(x * 255 / w.max(1)) as u8 ^ n, (y * 255 / h.max(1)) as u8, 128 ^ n])
        });
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90).encode_image(&img).unwrap();
        out
    }

    #[test]
    fn variants_have_the_planned_sizes_and_formats() {
        let src = decode(&jpeg(400, 300)).unwrap();
        assert_eq!((src.width, src.height, src.alpha, src.format), (400, 300, false, Format::Jpeg));
        let v = Variant { width: 200, crop: None, format: OutFormat::WebP(75) };
        let webp = encode_variant(&src, &v).unwrap();
        let p = crate::pictures::probe(&webp).unwrap();
        assert_eq!((p.format, p.width, p.height), (Format::WebP, 200, 150));
        let v = Variant {
            width: 120,
            crop: Some(Crop { ratio: (40, 21), focus: Focus::default() }),
            format: OutFormat::Jpeg(80),
        };
        let jpg = encode_variant(&src, &v).unwrap();
        let p = crate::pictures::probe(&jpg).unwrap();
        assert_eq!((p.format, p.width, p.height), (Format::Jpeg, 120, 63));
        assert_eq!(src.size_of(&v), (120, 63));
    }

    #[test]
    fn encoding_is_deterministic() {
        let src = decode(&jpeg(300, 200)).unwrap();
        for format in [OutFormat::WebP(75), OutFormat::Jpeg(80), OutFormat::Png] {
            let v = Variant { width: 150, crop: None, format };
            assert_eq!(encode_variant(&src, &v).unwrap(), encode_variant(&src, &v).unwrap(), "{format:?}");
        }
    }

    #[test]
    fn a_huge_claimed_size_is_refused_before_allocating() {
        // A PNG header claiming 50 000 × 50 000 pixels and nothing else.
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&50_000u32.to_be_bytes());
        png.extend_from_slice(&50_000u32.to_be_bytes());
        png.extend_from_slice(&[8, 2, 0, 0, 0]);
        let crc = crate::pictures::strip::crc32(&png[12..]);
        png.extend_from_slice(&crc.to_be_bytes());
        png.extend(crate::pictures::strip::png_chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0x00]));
        png.extend(crate::pictures::strip::png_chunk(b"IEND", b""));
        let result = decode(&png);
        assert!(matches!(result, Err(PictureError::TooLarge { width: 50_000, height: 50_000 })), "{:?}", result.err());
    }

    #[test]
    fn truncated_pictures_are_errors_not_panics() {
        let j = jpeg(64, 64);
        for cut in [3, 20, j.len() / 2] {
            let _ = decode(&j[..cut]);
            let _ = crate::pictures::probe(&j[..cut]);
        }
        assert!(decode(&j[..20]).is_err());
    }
}
