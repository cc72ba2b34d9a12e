//! Evidence: attaching a 5 MB photo to an inspection (its kind read, its SHA-256 and
//! EXIF, its bytes and record written in one synced transaction), against writing the
//! same bytes to a new file and syncing it; and how much the file grows.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use super::{Figure, figure, percentile, time_n};
use crate::answers::Target;
use crate::catalogue::{Catalogue, ModelId};
use crate::inspection::{Inspection, NewInspection, StoreError};

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

fn file_size(path: &Path) -> Result<u64, StoreError> {
    std::fs::metadata(path)
        .map(|m| m.len())
        .map_err(|source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        })
}
