//! The КЕП check from files on disk, for the command line, the window and the commission
//! overview alike: which document a signature file lies beside, the trusted certificates
//! and CRLs read from the files a user gives, and the check of signature files over a
//! document read with their limits. Nothing here writes.

use std::path::{Path, PathBuf};

use super::certificate::TrustedCertificate;
use super::check::Trust;
use super::trust::{TrustError, read_anchors, read_crl};
use super::{KepCheck, KepFilesError, check_files, cms};
use crate::catalogue::Catalogue;
use crate::signed::TrustedKey;
use crate::support::files::{FileError, read_bounded};

/// The largest trusted list, certificate or CRL file read.
pub const TRUST_FILE_LIMIT: u64 = 50 * 1024 * 1024;
/// The largest signed document read.
pub const DOCUMENT_LIMIT: u64 = 256 * 1024 * 1024;
/// The extensions of signature files and containers (any case).
pub const SIGNATURE_EXTENSIONS: [&str; 3] = ["p7s", "asice", "sce"];

/// Why the files of a check could not be read.
#[derive(Debug, thiserror::Error)]
pub enum KepPathsError {
    /// A document, signature or trust file could not be read.
    #[error(transparent)]
    File(#[from] FileError),
    /// A trusted list, certificate or CRL does not read.
    #[error("{path}: {error}")]
    Trust {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        error: TrustError,
    },
    /// No check could be made of the files.
    #[error(transparent)]
    Check(#[from] KepFilesError),
}

/// Whether a path names a signature file or container by its extension.
pub fn is_signature_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SIGNATURE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// The name a check report gives a file: its file name.
pub fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The trusted certificates (trusted lists, CA certificates, `.p7b` bundles) and CRLs
/// in the files given.
pub fn read_trust(certificates: &[PathBuf], crls: &[PathBuf]) -> Result<Trust, KepPathsError> {
    let mut trust = Trust::default();
    for path in certificates {
        let bytes = read_bounded(path, TRUST_FILE_LIMIT, "trusted certificates file")?;
        let anchors =
            read_anchors(&display_name(path), &bytes).map_err(|error| KepPathsError::Trust {
                path: path.clone(),
                error,
            })?;
        trust
            .trusted
            .extend(anchors.into_iter().map(|a| TrustedCertificate {
                certificate: a.certificate,
                source: a.source,
            }));
    }
    for path in crls {
        let bytes = read_bounded(path, TRUST_FILE_LIMIT, "revocation list")?;
        let crl = read_crl(&bytes).map_err(|error| KepPathsError::Trust {
            path: path.clone(),
            error,
        })?;
        trust.crls.push(crl);
    }
    Ok(trust)
}

/// The trusted certificate files among `paths`, split from the CRLs by extension
/// (`.crl`), and read.
pub fn read_trust_mixed(paths: &[PathBuf]) -> Result<Trust, KepPathsError> {
    let is_crl = |p: &&PathBuf| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("crl"))
    };
    let crls: Vec<PathBuf> = paths.iter().filter(is_crl).cloned().collect();
    let certificates: Vec<PathBuf> = paths.iter().filter(|p| !is_crl(p)).cloned().collect();
    read_trust(&certificates, &crls)
}

/// The document a signature file was saved beside, as Дія and czo.gov.ua/sign name
/// them: `висновок.pdf.p7s` and `висновок.pdf.Петренко.p7s` are `висновок.pdf`'s;
/// `висновок.p7s` is `висновок.pdf`'s, else `висновок.json`'s. `None` when no such file
/// is there (an attached signature or a container holds its document itself).
pub fn document_beside(signature: &Path) -> Option<PathBuf> {
    let name = signature.file_name()?.to_str()?;
    let dir = crate::support::files::parent_dir(signature);
    let parts: Vec<&str> = name.split('.').collect();
    // Longest name first: `a.pdf.b.p7s` → `a.pdf.b`, `a.pdf`, `a`.
    for end in (1..parts.len()).rev() {
        let candidate = parts[..end].join(".");
        let path = dir.join(&candidate);
        let documentish = Path::new(&candidate).extension().is_some();
        if documentish && !is_signature_name(&path) && path.is_file() {
            return Some(path);
        }
    }
    let stem = parts.first().filter(|s| !s.is_empty())?;
    ["pdf", "json"]
        .iter()
        .map(|ext| dir.join(format!("{stem}.{ext}")))
        .find(|p| p.is_file())
}

/// Checks the signature files over `document` (or, without one, over the document an
/// attached signature or a container holds) as [`check_files`] does, reading each file
/// within its limit.
pub fn check_paths(
    document: Option<&Path>,
    signatures: &[PathBuf],
    catalogue: &Catalogue,
    trusted_keys: &[TrustedKey],
    trust: &Trust,
) -> Result<KepCheck, KepPathsError> {
    let document = match document {
        Some(path) => Some(read_bounded(path, DOCUMENT_LIMIT, "signed document")?),
        None => None,
    };
    let mut files = Vec::with_capacity(signatures.len());
    for path in signatures {
        let bytes = read_bounded(path, cms::SIGNATURE_LIMIT, "signature file")?;
        files.push((display_name(path), bytes));
    }
    Ok(check_files(
        document.as_deref(),
        &files,
        catalogue,
        trusted_keys,
        trust,
    )?)
}

/// What a user gave to be checked (files dropped on the window, or chosen): the
/// document — the one file that is not a signature, else the one the first signature
/// lies beside — and the signature files (given, or else those beside the document).
pub fn sort_given(paths: &[PathBuf]) -> (Option<PathBuf>, Vec<PathBuf>) {
    let (signatures, others): (Vec<PathBuf>, Vec<PathBuf>) =
        paths.iter().cloned().partition(|p| is_signature_name(p));
    let document = others
        .into_iter()
        .next()
        .or_else(|| signatures.first().and_then(|s| document_beside(s)));
    let signatures = match (&document, signatures.is_empty()) {
        (Some(doc), true) => super::signatures_beside(doc),
        _ => signatures,
    };
    (document, signatures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_finds_the_document_it_was_saved_beside() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let write = |name: &str| {
            std::fs::write(dir.path().join(name), b"x").unwrap_or_else(|e| panic!("{e}"))
        };
        write("висновок.conclusion.pdf");
        write("висновок.json");
        write("звіт.pdf");
        let beside = |name: &str| {
            document_beside(&dir.path().join(name))
                .map(|p| display_name(&p))
                .unwrap_or_default()
        };
        assert_eq!(
            beside("висновок.conclusion.pdf.p7s"),
            "висновок.conclusion.pdf"
        );
        assert_eq!(
            beside("висновок.conclusion.pdf.Петренко.p7s"),
            "висновок.conclusion.pdf"
        );
        assert_eq!(beside("висновок.p7s"), "висновок.json");
        assert_eq!(beside("звіт.p7s"), "звіт.pdf");
        assert_eq!(beside("інше.p7s"), "");
        assert_eq!(beside("висновок.json.asice"), "висновок.json");
    }
}
