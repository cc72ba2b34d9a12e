//! Photos made smaller on attach: a photo whose longer side is more than the expert asked
//! for is turned upright (as its EXIF says), scaled down with a Lanczos filter, and
//! encoded again — a JPEG or WebP photo as a JPEG of quality 85, a PNG (a screenshot, a
//! scan) as a PNG — so that an inspection of a hundred phone photos stays a file one can
//! send. The original's SHA-256, type and size are kept in the record
//! ([`crate::answers::Original`]), so that the original the expert keeps can still be
//! proven to be the one photographed.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageEncoder, imageops::FilterType};

use crate::answers::Original;

/// The most memory one decoded picture may take (a 16 000 × 8 000 photo in RGBA), so
/// that a hostile file claiming to be enormous is refused instead of exhausting memory.
pub const DECODE_MEMORY: u64 = 512 * 1024 * 1024;

const JPEG: &str = "image/jpeg";
const PNG: &str = "image/png";

/// The JPEG quality of a photo made smaller: no loss a reader of a document sees.
const JPEG_QUALITY: u8 = 85;

/// The longer side the window makes large photos smaller to, when the expert has asked
/// it to: a page of a licence stays legible, a phone's 12-megapixel photo becomes about a
/// tenth of its bytes.
pub const WINDOW_SIDE: u32 = 2048;

/// The smallest longer side a photo may be made smaller to: below it, text on a photographed
/// document stops being legible.
pub const MIN_SIDE: u32 = 640;

/// A photo made smaller, and what it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reduced {
    /// The smaller copy's bytes.
    pub bytes: Vec<u8>,
    /// Its media type: `image/jpeg`, or `image/png` for a PNG.
    pub media_type: &'static str,
    /// Its size in pixels, upright.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
    /// The photo as given.
    pub original: Original,
}

/// Whether photos of this media type are decoded (for the window's pictures and to be
/// made smaller): JPEG, PNG and WebP; a PDF or HEIC is not.
pub fn decodable(media_type: &str) -> bool {
    matches!(media_type, JPEG | PNG | "image/webp")
}

/// Decodes a photo (JPEG, PNG, WebP) and turns it upright as its EXIF says, within
/// [`DECODE_MEMORY`].
pub fn upright(bytes: &[u8]) -> Result<DynamicImage, String> {
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(DECODE_MEMORY);
    let mut reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let orientation = decoder.orientation().ok();
    let mut photo = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    if let Some(o) = orientation {
        photo.apply_orientation(o);
    }
    Ok(photo)
}

/// The photo `bytes` of `media_type` with its longer side made `max_side` pixels, when it is
/// longer and the smaller copy takes fewer bytes; `Ok(None)` when it is kept as given (a
/// PDF or HEIC, which are not decoded, a photo already small enough, or one the copy
/// would not make smaller). An error says why a photo could not be read.
pub fn reduce(bytes: &[u8], media_type: &str, max_side: u32) -> Result<Option<Reduced>, String> {
    if !decodable(media_type) {
        return Ok(None);
    }
    let photo = upright(bytes)?;
    let (width, height) = (photo.width(), photo.height());
    if width.max(height) <= max_side {
        return Ok(None);
    }
    let smaller = photo.resize(max_side, max_side, FilterType::Lanczos3);
    let (kept, encoded) = match media_type {
        PNG => (PNG, png(&smaller)?),
        _ => (JPEG, jpeg(&smaller)?),
    };
    if encoded.len() >= bytes.len() {
        return Ok(None);
    }
    Ok(Some(Reduced {
        width: smaller.width(),
        height: smaller.height(),
        bytes: encoded,
        media_type: kept,
        original: Original {
            height,
            media_type: media_type.to_string(),
            sha256: crate::support::hash::sha256_hex(bytes),
            size: bytes.len() as u64,
            width,
        },
    }))
}

fn jpeg(photo: &DynamicImage) -> Result<Vec<u8>, String> {
    let rgb = photo.to_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .encode_image(&rgb)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

fn png(photo: &DynamicImage) -> Result<Vec<u8>, String> {
    let rgba = photo.to_rgba8();
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            rgba.as_raw(),
            rgba.width(),
            rgba.height(),
            image::ExtendedColorType::Rgba8,
        )
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// The name of the smaller copy: the original's, with the extension of the type kept when
/// it changed (a WebP photo kept as a JPEG is `….jpg`).
pub fn reduced_name(name: &str, original: &str, kept: &str) -> String {
    if original == kept {
        return name.to_string();
    }
    let extension = if kept == PNG { "png" } else { "jpg" };
    let stem = match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    };
    format!("{stem}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(width: u32, height: u32) -> DynamicImage {
        DynamicImage::ImageRgb8(image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 251) as u8, (y % 241) as u8, ((x * y) % 239) as u8])
        }))
    }

    #[test]
    fn a_large_photo_is_made_smaller_and_names_its_original() {
        let bytes = jpeg(&photo(2400, 1800)).unwrap();
        let reduced = reduce(&bytes, JPEG, 1200).unwrap().unwrap();
        assert_eq!((reduced.width, reduced.height), (1200, 900));
        assert_eq!(reduced.media_type, JPEG);
        assert!(reduced.bytes.len() < bytes.len());
        assert_eq!(
            (reduced.original.width, reduced.original.height),
            (2400, 1800)
        );
        assert_eq!(
            reduced.original.sha256,
            crate::support::hash::sha256_hex(&bytes)
        );
        assert_eq!(reduced.original.size, bytes.len() as u64);
        let back = upright(&reduced.bytes).unwrap();
        assert_eq!((back.width(), back.height()), (1200, 900));
    }

    #[test]
    fn small_photos_scans_and_unreadable_photos_are_not_reduced() {
        let small = jpeg(&photo(800, 600)).unwrap();
        assert_eq!(reduce(&small, JPEG, 1600).unwrap(), None);
        assert_eq!(
            reduce(b"%PDF-1.7 ...", "application/pdf", 640).unwrap(),
            None
        );
        let mut broken = jpeg(&photo(2000, 1000)).unwrap();
        broken.truncate(100);
        assert!(reduce(&broken, JPEG, 640).is_err());
    }

    #[test]
    fn a_png_stays_a_png_and_a_webp_becomes_a_jpeg() {
        let bytes = png(&photo(1500, 1000)).unwrap();
        let reduced = reduce(&bytes, PNG, 750).unwrap().unwrap();
        assert_eq!(reduced.media_type, PNG);
        assert_eq!((reduced.width, reduced.height), (750, 500));
        assert_eq!(reduced_name("скан.png", PNG, PNG), "скан.png");
        assert_eq!(
            reduced_name("журнал.webp", "image/webp", JPEG),
            "журнал.jpg"
        );
        assert_eq!(reduced_name("без", "image/webp", JPEG), "без.jpg");
    }
}
