//! Removing metadata from a picture kept as it is (a downloaded original), without
//! re-encoding it: JPEG application segments other than JFIF, ICC colour profiles and Adobe's
//! colour transform, and comments; PNG text, time and EXIF chunks; WebP EXIF and XMP chunks.
//! EXIF holds GPS positions, camera serial numbers and owners' names; the one thing in it a
//! viewer needs, the orientation, is written back as a minimal EXIF block holding only that.

use std::borrow::Cow;
use std::io::Cursor;

use image::ImageDecoder;

use super::Format;

/// The EXIF orientation (1–8) of a picture, 1 when it has none.
fn orientation(bytes: &[u8]) -> u8 {
    image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()
        .and_then(|r| r.into_decoder().ok())
        .and_then(|mut d| d.orientation().ok())
        .map(|o| o.to_exif())
        .unwrap_or(1)
}

/// A TIFF structure (the body of an EXIF block) with a single entry: the orientation.
fn minimal_exif(orientation: u8) -> Vec<u8> {
    let mut t = b"MM\0\x2a\0\0\0\x08".to_vec(); // big-endian, first directory at offset 8
    t.extend_from_slice(&1u16.to_be_bytes()); // one entry
    t.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    t.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    t.extend_from_slice(&1u32.to_be_bytes()); // one value
    t.extend_from_slice(&[0, orientation, 0, 0]); // the value, left-justified
    t.extend_from_slice(&0u32.to_be_bytes()); // no next directory
    t
}

/// The picture without its metadata; the input itself when there was none to remove.
/// Formats it does not know (and broken files) are returned unchanged.
pub fn strip(bytes: &[u8]) -> Cow<'_, [u8]> {
    let stripped = match super::sniff(bytes) {
        Some(Format::Jpeg) => strip_jpeg(bytes),
        Some(Format::Png) => strip_png(bytes),
        Some(Format::WebP) => strip_webp(bytes),
        _ => None,
    };
    match stripped {
        Some(out) if out != bytes => Cow::Owned(out),
        _ => Cow::Borrowed(bytes),
    }
}

fn strip_jpeg(bytes: &[u8]) -> Option<Vec<u8>> {
    let turn = orientation(bytes);
    let mut out = bytes[..2].to_vec();
    let mut i = 2;
    let mut wrote_exif = false;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return None;
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1; // fill byte
            continue;
        }
        let len = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
        let end = i + 2 + len;
        if len < 2 || end > bytes.len() {
            return None;
        }
        let segment = &bytes[i..end];
        let body = &bytes[i + 4..end];
        let keep = match marker {
            0xDA => {
                // Start of scan: the compressed picture follows; everything after is kept.
                out.extend_from_slice(&bytes[i..]);
                return Some(out);
            }
            0xE0 => body.starts_with(b"JFIF\0") || body.starts_with(b"JFXX\0"),
            0xE2 => body.starts_with(b"ICC_PROFILE\0"),
            0xEE => body.starts_with(b"Adobe"),
            0xE1..=0xEF | 0xFE => false,
            _ => true,
        };
        if !keep && marker == 0xE1 && turn != 1 && !wrote_exif {
            let exif = [&b"Exif\0\0"[..], &minimal_exif(turn)].concat();
            out.extend_from_slice(&[0xFF, 0xE1]);
            out.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
            out.extend_from_slice(&exif);
            wrote_exif = true;
        }
        if keep {
            out.extend_from_slice(segment);
        }
        i = end;
    }
    None
}

pub(crate) fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    chunk.extend_from_slice(kind);
    chunk.extend_from_slice(data);
    chunk.extend_from_slice(&crc32(&chunk[4..]).to_be_bytes());
    chunk
}

fn strip_png(bytes: &[u8]) -> Option<Vec<u8>> {
    let turn = orientation(bytes);
    let mut out = bytes[..8].to_vec();
    let mut i = 8;
    while i + 12 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[i..i + 4].try_into().ok()?) as usize;
        let kind: [u8; 4] = bytes[i + 4..i + 8].try_into().ok()?;
        let end = i.checked_add(12)?.checked_add(len)?;
        if end > bytes.len() {
            return None;
        }
        match &kind {
            b"eXIf" if turn != 1 => out.extend_from_slice(&png_chunk(b"eXIf", &minimal_exif(turn))),
            b"eXIf" | b"tEXt" | b"zTXt" | b"iTXt" | b"tIME" => {}
            _ => out.extend_from_slice(&bytes[i..end]),
        }
        i = end;
        if &kind == b"IEND" {
            return Some(out);
        }
    }
    None
}

fn strip_webp(bytes: &[u8]) -> Option<Vec<u8>> {
    let turn = orientation(bytes);
    let mut out = bytes[..12].to_vec();
    let mut i = 12;
    while i + 8 <= bytes.len() {
        let kind: [u8; 4] = bytes[i..i + 4].try_into().ok()?;
        let len = u32::from_le_bytes(bytes[i + 4..i + 8].try_into().ok()?) as usize;
        let end = (i + 8).checked_add(len + (len & 1))?.min(bytes.len());
        match &kind {
            b"EXIF" if turn != 1 => {
                let exif = minimal_exif(turn);
                out.extend_from_slice(b"EXIF");
                out.extend_from_slice(&(exif.len() as u32).to_le_bytes());
                out.extend_from_slice(&exif);
            }
            b"EXIF" | b"XMP " => {}
            _ => out.extend_from_slice(&bytes[i..end]),
        }
        i = end;
    }
    // The VP8X header's flags say which metadata chunks follow.
    if out.len() >= 21 && &out[12..16] == b"VP8X" {
        let has_exif = turn != 1 && out.windows(4).skip(30).any(|w| w == b"EXIF");
        out[20] &= !0x04; // XMP
        if !has_exif {
            out[20] &= !0x08;
        }
    }
    let size = (out.len() - 8) as u32;
    out[4..8].copy_from_slice(&size.to_le_bytes());
    Some(out)
}

/// The CRC-32 of PNG chunks (ISO 3309, the same as zlib's).
pub(crate) fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// An EXIF block (TIFF body) with an orientation, a GPS directory and a camera owner,
    /// as a phone writes it (little-endian).
    pub(crate) fn exif_with_gps(orientation: u16) -> Vec<u8> {
        let mut t = b"II\x2a\0\x08\0\0\0".to_vec();
        let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
            t.extend_from_slice(&tag.to_le_bytes());
            t.extend_from_slice(&kind.to_le_bytes());
            t.extend_from_slice(&count.to_le_bytes());
            t.extend_from_slice(&value.to_le_bytes());
        };
        // IFD0 at 8: 3 entries (2 + 36 + 4 = 42 bytes), then the owner's name, then the GPS IFD.
        t.extend_from_slice(&3u16.to_le_bytes());
        entry(&mut t, 0x0112, 3, 1, orientation as u32);
        entry(&mut t, 0xA430, 2, 12, 50); // CameraOwnerName at offset 50
        entry(&mut t, 0x8825, 4, 1, 62); // GPS IFD at offset 62
        t.extend_from_slice(&0u32.to_le_bytes());
        t.extend_from_slice(b"Ada Lovelace"); // 50..62
        t.extend_from_slice(&1u16.to_le_bytes()); // GPS IFD: one entry
        entry(&mut t, 0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0")); // GPSLatitudeRef "N"
        t.extend_from_slice(&0u32.to_le_bytes());
        t
    }

    /// A JPEG with an EXIF block (orientation, GPS, owner), an XMP block and a comment.
    pub(crate) fn jpeg_with_metadata(w: u32, h: u32, orientation: u16) -> Vec<u8> {
        let plain = crate::pictures::process::tests::jpeg(w, h);
        let segment = |marker: u8, body: &[u8]| {
            let mut s = vec![0xFF, marker];
            s.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
            s.extend_from_slice(body);
            s
        };
        let mut out = plain[..2].to_vec();
        out.extend(segment(0xE1, &[&b"Exif\0\0"[..], &exif_with_gps(orientation)].concat()));
        out.extend(segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Ada Lovelace</x:xmpmeta>"));
        out.extend(segment(0xFE, b"shot by Ada Lovelace"));
        out.extend_from_slice(&plain[2..]);
        out
    }

    #[test]
    fn jpeg_metadata_goes_and_the_orientation_stays() {
        let with = jpeg_with_metadata(64, 32, 6);
        assert_eq!(orientation(&with), 6, "the test file's EXIF is read");
        let out = strip(&with);
        assert!(!out.windows(12).any(|w| w == b"Ada Lovelace"), "owner, XMP and comment removed");
        assert!(!out.windows(4).any(|w| w == b"N\0\0\0"), "GPS removed");
        assert_eq!(orientation(&out), 6, "orientation kept");
        let p = crate::pictures::probe(&out).unwrap();
        assert_eq!((p.width, p.height), (32, 64), "still decodes, upright");
        let plain = crate::pictures::process::tests::jpeg(16, 16);
        assert!(matches!(strip(&plain), Cow::Borrowed(_)), "nothing to remove: unchanged");
        let upright = jpeg_with_metadata(16, 16, 1);
        let upright = strip(&upright);
        assert!(!upright.windows(4).any(|w| w == b"Exif"), "orientation 1 needs no EXIF at all");
    }

    #[test]
    fn png_text_and_exif_chunks_go() {
        let mut png = Vec::new();
        image::codecs::png::PngEncoder::new(&mut png)
            .write_image(&[200; 4 * 4 * 3], 4, 4, image::ExtendedColorType::Rgb8)
            .unwrap();
        let iend = png.len() - 12;
        let mut with = png[..iend].to_vec();
        with.extend(png_chunk(b"tEXt", b"Author\0Ada Lovelace"));
        with.extend(png_chunk(b"eXIf", &exif_with_gps(1)));
        with.extend_from_slice(&png[iend..]);
        let out = strip(&with);
        assert_eq!(&out[..], &png[..], "back to the plain file");
        assert!(image::load_from_memory(&out).is_ok());
    }

    #[test]
    fn broken_files_are_returned_unchanged() {
        let j = jpeg_with_metadata(16, 16, 1);
        assert_eq!(&strip(&j[..30])[..], &j[..30]);
        assert_eq!(&strip(b"\x89PNG\r\n\x1a\n\0\0")[..], b"\x89PNG\r\n\x1a\n\0\0");
    }

    use image::ImageEncoder;
}
