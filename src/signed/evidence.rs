//! The evidence files of a result: written beside it by `export --with-evidence`, named
//! by target, number and hash, and checked against its manifest by `verify --evidence`
//! — present, missing, altered (a file of an attachment's name with other bytes) or extra.
//! The manifest is signed; a file is the one it names when its SHA-256 is the one listed.

use std::path::{Path, PathBuf};

use super::EvidenceEntry;
use crate::inspection::{ATTACHMENT_LIMIT, Inspection, StoreError};
use crate::support::files::{FileError, read_bounded};

/// Why the evidence files could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum EvidenceFilesError {
    /// A file could not be written or read.
    #[error(transparent)]
    File(#[from] FileError),
    /// The inspection could not give an attachment's bytes.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The folder could not be listed.
    #[error("{path}: cannot list the folder: {source}")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// An attachment's bytes are not in the inspection file.
    #[error("attachment {0}: its bytes are missing from the inspection file")]
    MissingBytes(u32),
}

/// The name an attachment's file gets: `1.1.1.6-3-a1b2c3d4e5f60718-ліцензія.jpg` — its
/// target, number, the first 16 hexadecimal characters of its SHA-256 and its name,
/// with no character a file name cannot have on Windows.
pub fn file_name(entry: &EvidenceEntry) -> String {
    let sha16 = entry.sha256.get(..16).unwrap_or(&entry.sha256);
    safe_file_name(&format!("{}-{sha16}-{}", prefix(entry), entry.name))
}

/// `name` with every character a file name cannot have on Windows made `_`, and no
/// trailing dot or space.
pub fn safe_file_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    clean.trim_end_matches(['.', ' ']).to_string()
}

/// What every file of an attachment's begins with: its target and number.
fn prefix(entry: &EvidenceEntry) -> String {
    format!("{}-{}", entry.target.replace(':', "_"), entry.number)
}

/// Writes each attachment of `manifest` from `insp` into `dir` (which must exist), never
/// over a file; returns the files written.
pub fn write_files(
    insp: &Inspection,
    manifest: &[EvidenceEntry],
    dir: &Path,
) -> Result<Vec<PathBuf>, EvidenceFilesError> {
    let mut written = Vec::with_capacity(manifest.len());
    for entry in manifest {
        let bytes = insp
            .evidence_bytes(entry.number)?
            .ok_or(EvidenceFilesError::MissingBytes(entry.number))?;
        let path = dir.join(file_name(entry));
        crate::support::files::write_new(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

/// What a folder of evidence files holds against a manifest.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct EvidenceCheck {
    /// Each attachment found with its bytes: its number and the file.
    pub present: Vec<(u32, PathBuf)>,
    /// Attachments with no file of their bytes.
    pub missing: Vec<u32>,
    /// Files named as an attachment's whose bytes are not its own: the number, the file.
    pub altered: Vec<(u32, PathBuf)>,
    /// Files that are none of the attachments.
    pub extra: Vec<PathBuf>,
}

impl EvidenceCheck {
    /// Every attachment is there, unchanged.
    pub fn holds(&self) -> bool {
        self.missing.is_empty() && self.altered.is_empty()
    }
}

/// Checks the files in `dir` (not its subfolders) against `manifest`: a file is an
/// attachment's when its SHA-256 is the one listed, whatever its name.
pub fn check_files(
    manifest: &[EvidenceEntry],
    dir: &Path,
) -> Result<EvidenceCheck, EvidenceFilesError> {
    let folder = |source| EvidenceFilesError::Folder {
        path: dir.to_path_buf(),
        source,
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(folder)?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .collect();
    paths.sort();
    let mut check = EvidenceCheck::default();
    let mut found = vec![false; manifest.len()];
    for path in paths {
        let bytes = read_bounded(&path, ATTACHMENT_LIMIT, "evidence file").ok();
        let sha = bytes.as_deref().map(crate::support::hash::sha256_hex);
        let by_hash = manifest
            .iter()
            .position(|e| Some(&e.sha256) == sha.as_ref());
        if let Some(i) = by_hash {
            found[i] = true;
            check.present.push((manifest[i].number, path));
            continue;
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let named = manifest.iter().find(|e| {
            name.as_deref()
                .is_some_and(|n| n.starts_with(&format!("{}-", prefix(e))))
        });
        match named {
            Some(e) => check.altered.push((e.number, path)),
            None => check.extra.push(path),
        }
    }
    let altered: Vec<u32> = check.altered.iter().map(|(n, _)| *n).collect();
    check.missing = manifest
        .iter()
        .zip(&found)
        .filter(|(e, found)| !**found && !altered.contains(&e.number))
        .map(|(e, _)| e.number)
        .collect();
    Ok(check)
}
