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
    let code = first_standard(&catalogue)?;
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
    encode_jpeg(&image, 85)
}

/// A phone's 12-megapixel photo (4032 × 3024, a gradient under sensor noise, so that it
/// takes the megabytes a real one does), different for each `n`.
fn phone_photo(n: usize) -> Result<Vec<u8>, StoreError> {
    let mut noise = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let image = image::RgbImage::from_fn(4032, 3024, |x, y| {
        noise ^= noise << 13;
        noise ^= noise >> 7;
        noise ^= noise << 17;
        let grain = (noise % 20) as u32;
        image::Rgb([
            ((x / 16 + grain) % 256) as u8,
            ((y / 12 + grain) % 256) as u8,
            ((x / 32 + y / 24 + grain) % 256) as u8,
        ])
    });
    encode_jpeg(&image, 90)
}

/// Attaching a phone's photo made smaller to 1 600 pixels (decoded, turned, scaled with
/// Lanczos, encoded as JPEG, its original's hash in the record), against attaching the
/// same photo as given; and how many times smaller the kept copy is.
pub(super) fn reduced_attach(
    catalogue: Arc<Catalogue>,
    dir: &Path,
    quick: bool,
) -> Result<Figure, StoreError> {
    let path = dir.join("reduced.akredit");
    drop(scored_inspection(&path, catalogue.clone(), 1)?);
    let mut insp = Inspection::open(&path, catalogue.clone(), Access::ReadWrite)?;
    let code = first_standard(&catalogue)?;
    let n = if quick { 2 } else { 5 };
    let photos = (0..n).map(phone_photo).collect::<Result<Vec<_>, _>>()?;
    let mut kept = 0u64;
    let reduced = time_n(n, |i| {
        let done = insp
            .attach_fitted(
                Target::Standard(code.clone()),
                "photo.jpg",
                &photos[i],
                "",
                Some(1600),
            )
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let a = &insp.answers().evidence[&done.number].attachment;
        // Every sample must have made the photo smaller: one kept as given is not one.
        if a.original.is_none() {
            return Err(StoreError::Invalid("the photo was not made smaller".into()));
        }
        kept += a.size;
        Ok(())
    })?;
    let as_given = time_n(n, |i| {
        insp.attach(Target::Standard(code.clone()), "photo.jpg", &photos[i], "")
            .map(|_| ())
            .map_err(|e| StoreError::Invalid(e.to_string()))
    })?;
    let given: u64 = photos.iter().map(|p| p.len() as u64).sum();
    let mb = |b: u64| b as f64 / (1024.0 * 1024.0);
    Ok(figure(
        &format!(
            "attach a 12-megapixel photo made smaller to 1600 px: decode, Lanczos, JPEG, record ({:.1} MB kept as {:.2} MB, {:.0}× smaller)",
            mb(given) / n as f64,
            mb(kept) / n as f64,
            given as f64 / kept.max(1) as f64
        ),
        &reduced,
        "attach the same photo as given",
        percentile(&as_given, 50),
        "≤ 1 s",
        |median, _, _| median.as_secs_f64() <= 1.0,
    ))
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

/// The first standard of the full model, which the attach benchmarks attach to.
fn first_standard(catalogue: &Catalogue) -> Result<crate::catalogue::Code, StoreError> {
    catalogue
        .model_standards(ModelId::Full)
        .next()
        .map(|s| s.code.clone())
        .ok_or_else(|| StoreError::Invalid("the catalogue has no standard".into()))
}

/// `image` as a JPEG of `quality`, as the benchmark's photos are made.
fn encode_jpeg(image: &image::RgbImage, quality: u8) -> Result<Vec<u8>, StoreError> {
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, quality)
        .encode_image(image)
        .map_err(|e| StoreError::Invalid(format!("cannot encode the benchmark's photo: {e}")))?;
    Ok(bytes)
}

fn file_size(path: &Path) -> Result<u64, StoreError> {
    std::fs::metadata(path)
        .map(|m| m.len())
        .map_err(|source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        })
}
