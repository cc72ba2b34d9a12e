//! Evidence: attaching a 5 MB photo to an inspection (its kind read, its SHA-256 and
//! EXIF, its bytes and record written in one synced transaction), against writing the
//! same bytes to a new file and syncing it; and how much the file grows. And the window's
//! frame while scrolling through a group whose standards hold 200 photos, against the
//! same frames without evidence.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use super::frames::{Scenario, measure};
use super::{Figure, figure, percentile, scored_inspection, time_n};
use crate::answers::Target;
use crate::catalogue::{Catalogue, ModelId};
use crate::inspection::{Access, Inspection, NewInspection, StoreError};

/// How many photos the frame benchmark attaches to the standards of group 2.3.
const PHOTOS_IN_GROUP: usize = 200;

/// The size of the photo attached.
const PHOTO_BYTES: usize = 5 * 1024 * 1024;

/// A JPEG-marked photo of [`PHOTO_BYTES`], different for each `n` (never deduplicated).
fn photo(n: usize) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
    let seed = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut x = seed;
    bytes.extend((0..PHOTO_BYTES / 8).flat_map(|_| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x.to_le_bytes()
    }));
    bytes
}

pub(super) fn figures(
    catalogue: Arc<Catalogue>,
    dir: &Path,
    quick: bool,
) -> Result<Vec<Figure>, StoreError> {
    let path = dir.join("evidence.akredit");
    let mut insp = Inspection::create(
        &path,
        catalogue.clone(),
        &NewInspection {
            model: ModelId::Full,
            centre_name: "Benchmark".into(),
            expert: "Benchmark".into(),
            visit_date: Some("2026-11-23".into()),
            purpose: Default::default(),
        },
    )?;
    let code = catalogue
        .model_standards(ModelId::Full)
        .next()
        .map(|s| s.code.clone())
        .ok_or_else(|| StoreError::Invalid("the catalogue has no standard".into()))?;
    let n = if quick { 3 } else { 10 };
    let photos: Vec<Vec<u8>> = (0..n).map(photo).collect();
    let size_before = file_size(&path)?;
    let attaches = time_n(n, |i| {
        insp.attach(Target::Standard(code.clone()), "photo.jpg", &photos[i], "")
            .map(|_| ())
            .map_err(|e| StoreError::Invalid(e.to_string()))
    })?;
    let grown = file_size(&path)?.saturating_sub(size_before);
    let copies = time_n(n, |i| {
        let copy = dir.join(format!("copy-{i}.jpg"));
        let io = |source| StoreError::Io {
            path: copy.clone(),
            source,
        };
        let mut file = std::fs::File::create(&copy).map_err(io)?;
        file.write_all(&photos[i]).map_err(io)?;
        file.sync_all().map_err(io)
    })?;
    let attached_mb = (n * PHOTO_BYTES) as f64 / (1024.0 * 1024.0);
    let grown_mb = grown as f64 / (1024.0 * 1024.0);
    Ok(vec![figure(
        &format!(
            "attach a 5 MB photo: kind, SHA-256, EXIF, bytes and record in one synced transaction (the file grew {grown_mb:.1} MB for {attached_mb:.0} MB attached)"
        ),
        &attaches,
        "write the same bytes to a new file and sync it",
        percentile(&copies, 50),
        "≤ 4× the plain copy",
        |_, _, ratio| ratio <= 4.0,
    )])
}

/// A real JPEG photo of `side` × ¾`side` pixels, different for each `n` (a colour
/// gradient with a stripe where `n` says), as a camera's would be decoded.
fn jpeg_photo(n: usize, side: u32) -> Result<Vec<u8>, StoreError> {
    let (width, height) = (side, side * 3 / 4);
    let stripe = (n as u32 * 7) % width;
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        if x.abs_diff(stripe) < 6 {
            image::Rgb([255, 255, 255])
        } else {
            let r = (x * 255 / width) as u8;
            let g = (y * 255 / height) as u8;
            image::Rgb([r, g, (n % 256) as u8])
        }
    });
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 85)
        .encode_image(&image)
        .map_err(|e| StoreError::Invalid(format!("cannot encode the benchmark's photo: {e}")))?;
    Ok(bytes)
}

/// The window's frame with group 2.3 open, the focus moved to its next standard every
/// frame (the list scrolls through all 41 standards), when [`PHOTOS_IN_GROUP`] photos are
/// attached to them and their thumbnails decoded: against the same frames on the same
/// inspection before any photo was attached.
pub(super) fn thumbnail_frames(
    catalogue: Arc<Catalogue>,
    dir: &Path,
    quick: bool,
) -> Result<Figure, StoreError> {
    let frames = if quick { 60 } else { 400 };
    let path = dir.join("photos.akredit");
    drop(scored_inspection(&path, catalogue.clone(), 1)?);
    let scroll = |thumbnails| {
        measure(
            catalogue.clone(),
            &path,
            Scenario::ScrollGroup { thumbnails },
            frames,
        )
        .map_err(StoreError::Invalid)
    };
    let without = scroll(0)?.times;
    let mut insp = Inspection::open(&path, catalogue.clone(), Access::ReadWrite)?;
    let codes: Vec<_> = catalogue
        .model_standards(ModelId::Full)
        .filter(|s| s.group.as_str() == "2.3")
        .map(|s| s.code.clone())
        .collect();
    let side = if quick { 640 } else { 1600 };
    for n in 0..PHOTOS_IN_GROUP {
        let code = codes[n % codes.len()].clone();
        let photo = jpeg_photo(n, side)?;
        insp.attach(
            Target::Standard(code),
            &format!("photo-{n}.jpg"),
            &photo,
            "",
        )
        .map_err(|e| StoreError::Invalid(e.to_string()))?;
    }
    drop(insp);
    let with = scroll(PHOTOS_IN_GROUP)?;
    // The figure is of frames that draw thumbnails: a frame list that drew none (a
    // change that hid them) must not pass for one.
    let per_frame = with.pictures_drawn as f64 / frames as f64;
    if per_frame < 1.0 {
        return Err(StoreError::Invalid(format!(
            "the frames with {PHOTOS_IN_GROUP} photos drew {per_frame:.1} thumbnails each"
        )));
    }
    let budget = std::time::Duration::from_micros(16_667);
    Ok(figure(
        &format!(
            "frame: scrolling group 2.3 with {PHOTOS_IN_GROUP} photos ({side} px) on its standards, {per_frame:.1} thumbnails drawn per frame"
        ),
        &with.times,
        "the same frames without evidence",
        percentile(&without, 50),
        "p99 ≤ 0.25 × the 60 Hz budget",
        |_, p99, _| p99.as_secs_f64() <= 0.25 * budget.as_secs_f64(),
    ))
}

fn file_size(path: &Path) -> Result<u64, StoreError> {
    std::fs::metadata(path)
        .map(|m| m.len())
        .map_err(|source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        })
}
