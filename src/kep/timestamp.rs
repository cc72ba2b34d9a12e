//! A signer's RFC 3161 timestamp, checked: the token is itself a CMS signature, by the
//! timestamp authority, over a TSTInfo whose imprint is the digest of the signer's
//! signature value (a signature timestamp, CAdES-T) or of the document (a content
//! timestamp). Its time is trusted only when both its imprint and its signature hold.

use der::Decode;
use x509_cert::Certificate;
use x509_tsp::TstInfo;

use super::algorithms::{self, Digest};
use super::certificate;
use super::cms::{self, Signer, TimestampKind, TimestampToken};
use super::signer::{Status, signature_status};

/// id-ct-TSTInfo.
const TST_INFO: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4");

/// A timestamp a signer carries, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampCheck {
    /// Over the signature or over the document.
    pub kind: TimestampKind,
    /// Its time (seconds since 1970), when the token reads.
    pub time: Option<i64>,
    /// The authority that made it (its certificate's name), when the token carries it.
    pub authority: Option<String>,
    /// Whether it holds: `Ok` when its imprint and its own signature verify, else why not.
    pub holds: Result<(), String>,
}

/// Checks a timestamp `token` of `signer`, whose document is `document`; `pool` holds
/// the certificates the authority's may be found among.
pub fn check(
    token: &TimestampToken,
    signer: &Signer,
    document: &[u8],
    pool: &[Certificate],
) -> TimestampCheck {
    let mut result = TimestampCheck {
        kind: token.kind,
        time: None,
        authority: None,
        holds: Err(String::new()),
    };
    result.holds = examine(token, signer, document, pool, &mut result);
    result
}

/// Fills in the time and the authority as they are read; says why the token does not
/// hold, if it does not.
fn examine(
    token: &TimestampToken,
    signer: &Signer,
    document: &[u8],
    pool: &[Certificate],
    result: &mut TimestampCheck,
) -> Result<(), String> {
    let file = cms::read(&token.der).map_err(|e| format!("the token does not read: {e}"))?;
    if file.content_type != TST_INFO {
        return Err("the token is not a timestamp (no TSTInfo)".into());
    }
    let content = file
        .content
        .as_deref()
        .ok_or("the token carries no TSTInfo")?;
    let info = TstInfo::from_der(content).map_err(|e| format!("its TSTInfo does not read: {e}"))?;
    result.time = i64::try_from(info.gen_time.to_unix_duration().as_secs()).ok();
    let authority_signer = file.signers.first().ok_or("the token has no signer")?;
    let mut certificates = file.certificates.clone();
    certificates.extend(pool.iter().cloned());
    let authority = authority_signer
        .certificate
        .clone()
        .or_else(|| cms::find_certificate(&authority_signer.identifier, &certificates).cloned())
        .ok_or("the token does not carry the authority's certificate")?;
    result.authority = Some(certificate::short_name(&authority.tbs_certificate.subject));
    let digest = Digest::from_oid(&info.message_imprint.hash_algorithm.oid).ok_or_else(|| {
        format!(
            "its imprint's digest {} is not one akredit knows",
            info.message_imprint.hash_algorithm.oid
        )
    })?;
    let stamped: &[u8] = match token.kind {
        TimestampKind::Signature => &signer.signature,
        TimestampKind::Content => document,
    };
    let key = &authority.tbs_certificate.subject_public_key_info;
    let imprint = algorithms::digest(digest, Some(key), stamped).map_err(|e| e.to_string())?;
    if imprint != info.message_imprint.hashed_message.as_bytes() {
        return Err(match token.kind {
            TimestampKind::Signature => "its imprint is not that of this signature".into(),
            TimestampKind::Content => "its imprint is not that of this document".into(),
        });
    }
    match signature_status(authority_signer, &authority, content) {
        Status::Valid => Ok(()),
        Status::DocumentChanged | Status::SignatureInvalid => {
            Err("the authority's signature over it does not verify".into())
        }
        other => Err(format!("the authority's signature: {other:?}")),
    }
}
