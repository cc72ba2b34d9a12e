//! One signer's signature over bytes: the messageDigest attribute against the bytes'
//! digest, then the signature over the signed attributes with the certificate's key. The
//! document's signers and a timestamp's authority are checked the same way.

use x509_cert::Certificate;

use super::algorithms::{self, AlgorithmError, Digest};
use super::cms::Signer;

/// What stands of one signer's signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// The signature verifies over the document's exact bytes, by a certificate valid at
    /// signing time.
    Valid,
    /// The document's digest is not the one signed: it was changed after signing (or it
    /// is another document).
    DocumentChanged,
    /// The signature does not verify with the certificate's key.
    SignatureInvalid,
    /// The signature verifies, but the certificate was not valid at the signing time.
    CertificateExpired {
        /// The signing time used (seconds since 1970).
        at: i64,
    },
    /// The file does not carry the signer's certificate, and none given matches.
    CertificateMissing,
    /// It could not be checked: why (an algorithm akredit lacks, a malformed value).
    NotCheckable(String),
}

/// The signature of `signer` over `document`, with its certificate's key.
pub fn signature_status(signer: &Signer, certificate: &Certificate, document: &[u8]) -> Status {
    match verify_signer(signer, certificate, document) {
        Ok(status) => status,
        Err(e) => Status::NotCheckable(e.to_string()),
    }
}

/// The messageDigest against the document, then the signature over the signed
/// attributes (or over the document, when a signer has none).
fn verify_signer(
    signer: &Signer,
    certificate: &Certificate,
    document: &[u8],
) -> Result<Status, AlgorithmError> {
    let key = &certificate.tbs_certificate.subject_public_key_info;
    let digest = Digest::from_oid(&signer.digest_algorithm.oid).ok_or_else(|| {
        AlgorithmError::Unsupported(format!("{} (digest)", signer.digest_algorithm.oid))
    })?;
    let message = match &signer.signed_attributes {
        Some(attributes) => {
            let Some(claimed) = &signer.message_digest else {
                return Err(AlgorithmError::BadSignature(
                    "the signed attributes carry no messageDigest".into(),
                ));
            };
            if algorithms::digest(digest, Some(key), document)? != *claimed {
                return Ok(Status::DocumentChanged);
            }
            attributes.as_slice()
        }
        None => document,
    };
    Ok(
        match algorithms::verify(key, digest, message, &signer.signature)? {
            true => Status::Valid,
            false => Status::SignatureInvalid,
        },
    )
}
