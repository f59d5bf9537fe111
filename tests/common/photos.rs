//! Generated photographs for the picture tests: gradients and noise (never third-party
//! pictures), optionally with an EXIF block holding an orientation, a GPS position and an
//! owner's name, as a phone writes it.

/// A `w` × `h` JPEG of gradients with deterministic noise.
pub fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let n = ((x.wrapping_mul(2654435761) ^ y.wrapping_mul(40503)) >> 7) as u8 & 31;
        image::Rgb([(x * 255 / w.max(1)) as u8 ^ n, (y * 255 / h.max(1)) as u8, 96 ^ n])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90).encode_image(&img).unwrap();
    out
}

/// The owner's name written into [`jpeg_with_exif`]'s metadata.
pub const OWNER: &[u8] = b"Ada Lovelace";
/// The GPS latitude reference written into [`jpeg_with_exif`]'s metadata.
pub const GPS_MARK: &[u8] = b"GPSMARK";

/// [`jpeg`] with an EXIF block: the orientation (6 = stored turned a quarter left, shown
/// upright by turning it right), a GPS directory and the camera owner's name.
pub fn jpeg_with_exif(w: u32, h: u32, orientation: u16) -> Vec<u8> {
    let mut t = b"II\x2a\0\x08\0\0\0".to_vec();
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
        t.extend_from_slice(&tag.to_le_bytes());
        t.extend_from_slice(&kind.to_le_bytes());
        t.extend_from_slice(&count.to_le_bytes());
        t.extend_from_slice(&value.to_le_bytes());
    };
    t.extend_from_slice(&3u16.to_le_bytes());
    entry(&mut t, 0x0112, 3, 1, orientation as u32);
    entry(&mut t, 0xA430, 2, 12, 50);
    entry(&mut t, 0x8825, 4, 1, 62);
    t.extend_from_slice(&0u32.to_le_bytes());
    t.extend_from_slice(OWNER);
    t.extend_from_slice(&1u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 8, 80); // GPSLatitudeRef, 8 bytes at offset 80
    t.extend_from_slice(&0u32.to_le_bytes());
    t.extend_from_slice(GPS_MARK);
    t.push(0);
    let mut body = b"Exif\0\0".to_vec();
    body.extend(t);
    let plain = jpeg(w, h);
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
    out.extend(body);
    out.extend_from_slice(&plain[2..]);
    out
}

/// Whether `bytes` hold any of the metadata [`jpeg_with_exif`] writes.
pub fn has_private_metadata(bytes: &[u8]) -> bool {
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    has(OWNER) || has(GPS_MARK)
}

/// A two-frame animated GIF.
pub fn animated_gif() -> Vec<u8> {
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

/// Width and height of a picture file.
pub fn size_of(bytes: &[u8]) -> (u32, u32) {
    let img = image::load_from_memory(bytes).unwrap();
    (img.width(), img.height())
}
