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
pub mod asice;
pub mod certificate;
pub mod check;
pub mod cms;
pub mod document;
pub mod dstu;
pub mod files;
pub mod kinds;
pub mod signer;
pub mod timestamp;
pub mod trust;

pub use check::{
    ExpertMatch, KepError, KepReport, NotChecked, Revocation, SignerReport, Status, TimestampCheck,
    Trust,
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
    /// Of a container's signature: its manifest, and whether the document is among what
    /// it signs.
    pub container: Option<ContainerPart>,
}

/// What a container's signature signs.
#[derive(Debug, Clone)]
pub struct ContainerPart {
    /// The container's data objects.
    pub objects: Vec<(String, Vec<u8>)>,
    /// The manifest the signature signs, checked against them; `None` when the signature
    /// signs the document directly.
    pub manifest: Option<asice::ManifestCheck>,
    /// Whether the document checked is one the signature covers, unchanged.
    pub document_signed: bool,
}

impl SignatureCheck {
    /// The signature holds, and (of a container) signs the document as it is.
    pub fn holds(&self) -> bool {
        let container_holds = self.container.as_ref().is_none_or(|c| {
            c.document_signed
                && c.manifest
                    .as_ref()
                    .is_none_or(asice::ManifestCheck::all_match)
        });
        container_holds
            && match &self.report {
                Ok(r) => r.holds() && r.signers.iter().all(signer_stands),
                Err(_) => false,
            }
    }
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
    /// which no CRL given revokes, by an expert the document names, with no timestamp
    /// that does not hold — and the document's own result verifies. A step that could not be done (no trusted list given, no
    /// CRL) does not fail it; the report says it.
    pub fn holds(&self) -> bool {
        !self.signatures.is_empty()
            && !self.document.fails()
            && self.signatures.iter().all(SignatureCheck::holds)
    }

    /// Every signer of every signature.
    pub fn signers(&self) -> impl Iterator<Item = &SignerReport> {
        self.signatures
            .iter()
            .filter_map(|s| s.report.as_ref().ok())
            .flat_map(|r| r.signers.iter())
    }
}

/// A valid signer's certificate stands: its chain does not fail, no CRL revokes it, it
/// is an expert's (or the document names none), and every timestamp the file carries for
/// it holds (one that does not was altered, or is not this signature's).
fn signer_stands(signer: &SignerReport) -> bool {
    signer.timestamps.iter().all(|t| t.holds.is_ok())
        && !matches!(signer.chain, certificate::Chain::NotTrusted(_))
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
    /// A container given alone holds several documents, and none is a PDF.
    #[error(
        "the container holds several documents and none is a PDF: give the document to check first, then the container"
    )]
    WhichDocument,
}

/// One signature to check: a `.p7s`, or one CAdES signature of a container.
struct Piece {
    name: String,
    p7s: Vec<u8>,
    /// What the signature signs when it is not the document: a container's manifest.
    signed: Option<Vec<u8>>,
    container: Option<ContainerPart>,
}

/// Checks signature files (each `(name, bytes)`: a detached or attached `.p7s`, or an
/// ASiC-E container) over `document`, and the document's own result. Without a
/// `document`, the first attached signature's or container's document is the one checked.
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
    let mut notes = Vec::new();
    let mut pieces = Vec::new();
    let mut failures = Vec::new();
    let mut contained: Option<Vec<u8>> = None;
    for (name, bytes) in files {
        if !asice::is_container(bytes) {
            pieces.push(Piece {
                name: name.clone(),
                p7s: bytes.clone(),
                signed: None,
                container: None,
            });
            continue;
        }
        match asice::read_container(bytes) {
            Ok(container) => {
                if contained.is_none() {
                    contained = container_document(&container)?;
                }
                notes.extend(container.notes.iter().map(|n| format!("{name}: {n}")));
                notes.extend(
                    container
                        .xades
                        .iter()
                        .map(|x| format!("{name}: {}", x.message())),
                );
                pieces.extend(container_pieces(name, container));
            }
            Err(e) => failures.push(SignatureCheck {
                name: name.clone(),
                report: Err(KepError::Container(e)),
                container: None,
            }),
        }
    }
    let document: Vec<u8> = match document {
        Some(d) => d.to_vec(),
        None => pieces
            .iter()
            .filter(|p| p.signed.is_none())
            .find_map(|p| cms::read(&p.p7s).ok().and_then(|f| f.content))
            .or(contained)
            .ok_or(KepFilesError::NoDocument)?,
    };
    let examined = document::examine(&document, catalogue, trusted_keys);
    let mut signatures: Vec<SignatureCheck> = pieces
        .into_iter()
        .map(|piece| check_piece(piece, &document, &examined.experts, trust))
        .collect();
    signatures.extend(failures);
    Ok(KepCheck {
        document: examined,
        signatures,
        notes,
    })
}

/// The document a container holds: its only data object, else its only PDF.
fn container_document(container: &asice::Container) -> Result<Option<Vec<u8>>, KepFilesError> {
    if let [(_, only)] = container.data_objects.as_slice() {
        return Ok(Some(only.clone()));
    }
    let pdfs: Vec<&Vec<u8>> = container
        .data_objects
        .iter()
        .filter(|(name, _)| name.to_lowercase().ends_with(".pdf"))
        .map(|(_, bytes)| bytes)
        .collect();
    match pdfs.as_slice() {
        [only] => Ok(Some((*only).clone())),
        [] if container.data_objects.is_empty() => Ok(None),
        _ => Err(KepFilesError::WhichDocument),
    }
}

/// A container's CAdES signatures as pieces to check.
fn container_pieces(name: &str, container: asice::Container) -> Vec<Piece> {
    let objects = container.data_objects;
    container
        .signatures
        .into_iter()
        .map(|s| {
            let manifest = s.manifest.is_some();
            Piece {
                name: format!("{name}: {}", s.signature_name),
                p7s: s.p7s,
                container: Some(ContainerPart {
                    objects: objects.clone(),
                    manifest: s.manifest,
                    document_signed: false,
                }),
                // A signature over a manifest signs the manifest; in the simple variant
                // it signs the data object, which must be the document.
                signed: manifest.then_some(s.signed_bytes),
            }
        })
        .collect()
}

/// One piece checked: its signers over what it signs, and for a container, whether the
/// document is among what its manifest lists, unchanged.
fn check_piece(piece: Piece, document: &[u8], experts: &[String], trust: &Trust) -> SignatureCheck {
    let signed = piece.signed.as_deref().unwrap_or(document);
    let report = check::check(signed, &piece.p7s, experts, trust);
    let container = piece.container.map(|mut part| {
        part.document_signed = match &part.manifest {
            None => true,
            Some(m) => m.references.iter().any(|r| {
                r.outcome == asice::DigestOutcome::Matches
                    && part
                        .objects
                        .iter()
                        .any(|(name, bytes)| name == &r.name && bytes.as_slice() == document)
            }),
        };
        part
    });
    SignatureCheck {
        name: piece.name,
        report,
        container,
    }
}

/// The signature files beside a document: in its folder, named with the document's whole
/// name and ending `.p7s` or `.asice` (`висновок.pdf.p7s`, `висновок.pdf.Петренко.p7s`,
/// as Дія names them), or its stem's (`висновок.p7s`, `висновок.asice`) — in name order.
/// (`висновок.docx.p7s` is not the PDF's.)
pub fn signatures_beside(document: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Some(name) = document.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let stem = document
        .file_stem()
        .and_then(|n| n.to_str())
        .unwrap_or(name);
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
