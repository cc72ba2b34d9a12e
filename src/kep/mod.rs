//! Qualified electronic signatures (КЕП) over akredit's documents, checked offline: a
//! detached or attached CAdES signature (`.p7s`, RFC 5652 SignedData) or an ASiC-E
//! container, as Дія.Підпис and the central certification authority's service make them.
//!
//! `algorithms.rs` and `dstu.rs` are the mathematics (digests and signatures by object
//! identifier), `cms.rs` reads a signature file, `certificate.rs` what a certificate says
//! of its holder and whether its chain reaches a trusted certificate, `trust.rs` the
//! trusted certificates a user supplies (a trusted list, CA certificates, a CRL),
//! `asice.rs` the container, and `check.rs` the whole check and its report.

pub mod algorithms;
pub mod dstu;
pub mod certificate;
pub mod check;
pub mod cms;
pub mod timestamp;
pub mod trust;
pub mod document;

pub use check::{
    ExpertMatch, KepError, KepReport, NotChecked, Revocation, SignerReport, Status,
    TimestampCheck, Trust,
};
pub use document::{Document, DocumentKind};

use crate::catalogue::Catalogue;
use crate::signed::TrustedKey;

/// One signature file (or one signature of a container) checked.
#[derive(Debug, Clone)]
pub struct SignatureCheck {
    /// The signature's name: the `.p7s` file's, or the entry's in a container.
    pub name: String,
    /// What it found, or why the signature could not be checked at all.
    pub report: Result<KepReport, KepError>,
}

/// Everything one `akredit kep check` found.
#[derive(Debug, Clone)]
pub struct KepCheck {
    /// The signed document, as akredit knows it.
    pub document: Document,
    /// Each signature over it.
    pub signatures: Vec<SignatureCheck>,
    /// What a container says of itself (its type, a flavour akredit does not check).
    pub notes: Vec<String>,
}

impl KepCheck {
    /// Every signature is valid, by a certificate whose chain is not known to fail and
    /// which no CRL given revokes, by an expert the document names — and the document's
    /// own result verifies. A step that could not be done (no trusted list given, no
    /// CRL) does not fail it; the report says it.
    pub fn holds(&self) -> bool {
        !self.signatures.is_empty()
            && self.document.holds()
            && self.signatures.iter().all(|s| match &s.report {
                Ok(r) => r.holds() && r.signers.iter().all(signer_stands),
                Err(_) => false,
            })
    }

    /// Every signer of every signature.
    pub fn signers(&self) -> impl Iterator<Item = &SignerReport> {
        self.signatures
            .iter()
            .filter_map(|s| s.report.as_ref().ok())
            .flat_map(|r| r.signers.iter())
    }
}

/// A valid signer's certificate stands: its chain does not fail, no CRL revokes it, and
/// it is an expert's (or the document names none).
fn signer_stands(signer: &SignerReport) -> bool {
    !matches!(signer.chain, certificate::Chain::NotTrusted(_))
        && !matches!(
            signer.revocation,
            Revocation::Revoked { .. } | Revocation::CrlInvalid
        )
        && signer.expert != ExpertMatch::Differs
}

/// Why no check could be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KepFilesError {
    /// No document was given, and no signature file holds one.
    #[error(
        "the signature file does not hold the document (it is a detached signature): give the document first, then the signature"
    )]
    NoDocument,
    /// No signature file was given.
    #[error("no signature file was given")]
    NoSignatures,
}

/// Checks signature files (each `(name, bytes)`: a detached or attached `.p7s`) over
/// `document`, and the document's own result. Without a `document`, the first attached
/// signature's document is the one checked.
pub fn check_files(
    document: Option<&[u8]>,
    files: &[(String, Vec<u8>)],
    catalogue: &Catalogue,
    trusted_keys: &[TrustedKey],
    trust: &Trust,
) -> Result<KepCheck, KepFilesError> {
    if files.is_empty() {
        return Err(KepFilesError::NoSignatures);
    }
    let document: Vec<u8> = match document {
        Some(d) => d.to_vec(),
        None => files
            .iter()
            .find_map(|(_, bytes)| cms::read(bytes).ok().and_then(|f| f.content))
            .ok_or(KepFilesError::NoDocument)?,
    };
    let examined = document::examine(&document, catalogue, trusted_keys);
    let signatures = files
        .iter()
        .map(|(name, bytes)| SignatureCheck {
            name: name.clone(),
            report: check::check(&document, bytes, &examined.experts, trust),
        })
        .collect();
    Ok(KepCheck {
        document: examined,
        signatures,
        notes: Vec::new(),
    })
}

/// The signature files beside a document: in its folder, named with the document's whole
/// name and ending `.p7s` or `.asice` (`висновок.pdf.p7s`, `висновок.pdf.Петренко.p7s`,
/// as Дія names them), or its stem's (`висновок.p7s`, `висновок.asice`) — in name order.
/// (`висновок.docx.p7s` is not the PDF's.)
pub fn signatures_beside(document: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Some(name) = document.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let stem = document.file_stem().and_then(|n| n.to_str()).unwrap_or(name);
    let dir = crate::support::files::parent_dir(document);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut found: Vec<std::path::PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let file = e.file_name().into_string().ok()?;
            let lower = file.to_lowercase();
            let signature = lower.ends_with(".p7s") || lower.ends_with(".asice");
            let belongs = file.starts_with(&format!("{name}."))
                || [".p7s", ".asice"]
                    .iter()
                    .any(|ext| lower == format!("{stem}{ext}").to_lowercase());
            (signature && belongs && file != name).then(|| e.path())
        })
        .collect();
    found.sort();
    found
}
