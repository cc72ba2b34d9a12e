//! Reading a signature file: the CMS SignedData (RFC 5652) of a `.p7s`, its signers,
//! their signed and unsigned attributes (CAdES: messageDigest, signingTime, the signature
//! and content timestamps), and the certificates it carries. Nothing here decides whether
//! a signature holds; `check.rs` does, from what this reads.

use base64::Engine;
use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::asn1::{ObjectIdentifier, OctetString};
use der::{Decode, Encode};
use x509_cert::Certificate;
use x509_cert::ext::pkix::SubjectKeyIdentifier;
use x509_cert::spki::AlgorithmIdentifierOwned;

/// id-signedData.
const SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
/// id-messageDigest.
const MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
/// id-signingTime.
const SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
/// id-aa-signatureTimeStampToken (RFC 3161 appendix A, CAdES-T).
const SIGNATURE_TIMESTAMP: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");
/// id-aa-ets-contentTimestamp (CAdES: a timestamp over the document, before signing).
const CONTENT_TIMESTAMP: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.20");
/// The extension that names a certificate's key (for a signer identified by it).
const SUBJECT_KEY_ID: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.14");

/// The largest signature file read: a signature with its certificates and timestamps is
/// tens of kilobytes; an attached one carries the document too.
pub const SIGNATURE_LIMIT: u64 = 64 * 1024 * 1024;

/// A signature file as read.
#[derive(Debug, Clone)]
pub struct SignatureFile {
    /// The signers, in the file's order.
    pub signers: Vec<Signer>,
    /// Every certificate the file carries.
    pub certificates: Vec<Certificate>,
    /// The signed document, when the signature is attached (the file holds it).
    pub content: Option<Vec<u8>>,
    /// The type of the content signed (id-data for a document; TSTInfo for a timestamp).
    pub content_type: ObjectIdentifier,
}

/// Which of a signer's timestamps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampKind {
    /// Over the signature value, added after signing (CAdES-T): the signature existed then.
    Signature,
    /// Over the document, before signing (a signed attribute).
    Content,
}

/// A timestamp token a signer carries.
#[derive(Debug, Clone)]
pub struct TimestampToken {
    /// Over what.
    pub kind: TimestampKind,
    /// The token (a ContentInfo with SignedData over a TSTInfo), DER.
    pub der: Vec<u8>,
}

/// One signer of a signature file.
#[derive(Debug, Clone)]
pub struct Signer {
    /// The signer's certificate, when the file carries it.
    pub certificate: Option<Certificate>,
    /// How the signer is identified: issuer and serial, or a key identifier (hex).
    pub identifier: SignerIdentifier,
    /// The digest algorithm the signer names.
    pub digest_algorithm: AlgorithmIdentifierOwned,
    /// The signature algorithm the signer names.
    pub signature_algorithm: AlgorithmIdentifierOwned,
    /// The signed attributes as they are signed (DER, a SET), when there are any.
    pub signed_attributes: Option<Vec<u8>>,
    /// The messageDigest attribute: the digest of the document the signer signed.
    pub message_digest: Option<Vec<u8>>,
    /// The signingTime attribute, as seconds since 1970 (UTC): the time the signer's
    /// computer claimed.
    pub signing_time: Option<i64>,
    /// The signature value.
    pub signature: Vec<u8>,
    /// Its timestamp tokens.
    pub timestamps: Vec<TimestampToken>,
}

/// Why a file is not a signature akredit can read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CmsError {
    /// Not CMS at all.
    #[error(
        "this is not a signature file (CMS, .p7s): {0}. Give the .p7s that Дія.Підпис or czo.gov.ua/sign saved beside the document"
    )]
    NotCms(String),
    /// CMS, but not signed data.
    #[error("this CMS file holds {0}, not a signature (signed data)")]
    NotSignedData(String),
    /// Signed data with nobody's signature in it (a certificate bundle, say).
    #[error(
        "the file is signed data with no signature in it (a bundle of certificates, perhaps): give the signature itself"
    )]
    NoSigners,
}

/// Reads a signature file: DER, or the same in base64 or PEM.
pub fn read(bytes: &[u8]) -> Result<SignatureFile, CmsError> {
    let mut der = der_bytes(bytes)?;
    let info = match ContentInfo::from_der(&der) {
        Ok(info) => info,
        // Streaming signers (BouncyCastle's, openssl's -stream) write BER: indefinite
        // lengths and constructed octet strings. Its DER is what the signature needs
        // (the signed attributes are DER in either).
        Err(first) => {
            der = raw::ber_to_der(&der).ok_or_else(|| CmsError::NotCms(first.to_string()))?;
            ContentInfo::from_der(&der).map_err(|e| CmsError::NotCms(e.to_string()))?
        }
    };
    if info.content_type != SIGNED_DATA {
        return Err(CmsError::NotSignedData(info.content_type.to_string()));
    }
    let signed: SignedData = info
        .content
        .decode_as()
        .map_err(|e| CmsError::NotCms(format!("its signed data does not read: {e}")))?;
    let certificates: Vec<Certificate> = signed
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|choice| match choice {
            CertificateChoices::Certificate(c) => Some(c.clone()),
            CertificateChoices::Other(_) => None,
        })
        .collect();
    let content = match &signed.encap_content_info.econtent {
        None => None,
        Some(any) => Some(
            any.decode_as::<OctetString>()
                .map_err(|e| CmsError::NotCms(format!("its content does not read: {e}")))?
                .into_bytes(),
        ),
    };
    let raw = raw::signed_attributes(&der).unwrap_or_default();
    let signers: Vec<Signer> = signed
        .signer_infos
        .0
        .iter()
        .enumerate()
        .map(|(i, info)| signer(info, &certificates, raw.get(i).cloned().flatten()))
        .collect::<Result<_, _>>()?;
    if signers.is_empty() {
        return Err(CmsError::NoSigners);
    }
    Ok(SignatureFile {
        signers,
        certificates,
        content,
        content_type: signed.encap_content_info.econtent_type,
    })
}

/// The DER of a signature file: as given when it starts as DER does, else decoded from
/// PEM armour or plain base64 (some services save a .p7s as text).
fn der_bytes(bytes: &[u8]) -> Result<Vec<u8>, CmsError> {
    if bytes.first() == Some(&0x30) {
        return Ok(bytes.to_vec());
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|_| CmsError::NotCms("it is neither DER nor base64 text".into()))?;
    let body: String = text
        .lines()
        .filter(|line| !line.trim_start().starts_with("-----"))
        .flat_map(|line| line.chars())
        .filter(|c| !c.is_whitespace())
        .collect();
    if body.is_empty() {
        return Err(CmsError::NotCms("it is empty".into()));
    }
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .map_err(|_| CmsError::NotCms("it is text, but not base64".into()))
}

/// One SignerInfo, with its certificate found among the file's; `raw_attributes` are its
/// signed attributes as the file holds them (a SET), when they could be found.
fn signer(
    info: &SignerInfo,
    certificates: &[Certificate],
    raw_attributes: Option<Vec<u8>>,
) -> Result<Signer, CmsError> {
    let signed_attributes = match &info.signed_attrs {
        // The signature covers the attributes with the SET tag, not the [0] the
        // SignerInfo writes them under (RFC 5652 §5.4), and as the signer wrote them:
        // some (jkurwa among them) write the set out of DER's order, which encoding it
        // again would sort. The file's bytes are used; encoding again only if they could
        // not be found.
        Some(attrs) => Some(match raw_attributes {
            Some(raw) => raw,
            None => attrs
                .to_der()
                .map_err(|e| CmsError::NotCms(format!("signed attributes: {e}")))?,
        }),
        None => None,
    };
    let mut message_digest = None;
    let mut signing_time = None;
    let mut timestamps = Vec::new();
    for attr in info.signed_attrs.iter().flat_map(|a| a.iter()) {
        let Some(value) = attr.values.iter().next() else {
            continue;
        };
        match attr.oid {
            MESSAGE_DIGEST => {
                let digest = value.decode_as::<OctetString>().map_err(|e| {
                    CmsError::NotCms(format!("the messageDigest attribute does not read: {e}"))
                })?;
                message_digest = Some(digest.into_bytes());
            }
            SIGNING_TIME => {
                let der = value
                    .to_der()
                    .map_err(|e| CmsError::NotCms(format!("signingTime: {e}")))?;
                let time = x509_cert::time::Time::from_der(&der).map_err(|e| {
                    CmsError::NotCms(format!("the signingTime attribute does not read: {e}"))
                })?;
                signing_time = i64::try_from(time.to_unix_duration().as_secs()).ok();
            }
            CONTENT_TIMESTAMP => timestamps.push(token(TimestampKind::Content, value)?),
            _ => {}
        }
    }
    for attr in info.unsigned_attrs.iter().flat_map(|a| a.iter()) {
        if attr.oid == SIGNATURE_TIMESTAMP {
            for value in attr.values.iter() {
                timestamps.push(token(TimestampKind::Signature, value)?);
            }
        }
    }
    Ok(Signer {
        certificate: find_certificate(&info.sid, certificates).cloned(),
        identifier: info.sid.clone(),
        digest_algorithm: info.digest_alg.clone(),
        signature_algorithm: info.signature_algorithm.clone(),
        signed_attributes,
        message_digest,
        signing_time,
        signature: info.signature.as_bytes().to_vec(),
        timestamps,
    })
}

/// A timestamp attribute's token, as DER.
fn token(kind: TimestampKind, value: &der::Any) -> Result<TimestampToken, CmsError> {
    let der = value
        .to_der()
        .map_err(|e| CmsError::NotCms(format!("a timestamp does not read: {e}")))?;
    Ok(TimestampToken { kind, der })
}

/// The certificate a signer identifier names, among `certificates`.
pub fn find_certificate<'a>(
    identifier: &SignerIdentifier,
    certificates: &'a [Certificate],
) -> Option<&'a Certificate> {
    certificates.iter().find(|c| identifies(identifier, c))
}

/// Whether a signer identifier names this certificate.
pub fn identifies(identifier: &SignerIdentifier, certificate: &Certificate) -> bool {
    let tbs = &certificate.tbs_certificate;
    match identifier {
        SignerIdentifier::IssuerAndSerialNumber(id) => {
            id.serial_number == tbs.serial_number && id.issuer == tbs.issuer
        }
        SignerIdentifier::SubjectKeyIdentifier(id) => tbs
            .extensions
            .iter()
            .flatten()
            .filter(|e| e.extn_id == SUBJECT_KEY_ID)
            .filter_map(|e| SubjectKeyIdentifier::from_der(e.extn_value.as_bytes()).ok())
            .any(|own| own.0 == id.0),
    }
}

/// The signed attributes of each SignerInfo exactly as a file holds them, found by
/// walking its DER — the `cms` crate gives them only as values.
mod raw {
    /// One TLV: its tag, and the slices of the whole element and of its content.
    struct Element<'a> {
        tag: u8,
        whole: &'a [u8],
        content: &'a [u8],
    }

    /// The element at the start of `bytes`, and what follows it. Single-byte tags only
    /// (all CMS's structure uses), definite lengths only (DER's).
    fn element(bytes: &[u8]) -> Option<(Element<'_>, &[u8])> {
        let tag = *bytes.first()?;
        let first = *bytes.get(1)?;
        let (length, header) = if first < 0x80 {
            (usize::from(first), 2)
        } else {
            let count = usize::from(first & 0x7f);
            if count == 0 || count > 4 {
                return None;
            }
            let mut length = 0usize;
            for b in bytes.get(2..2 + count)? {
                length = (length << 8) | usize::from(*b);
            }
            (length, 2 + count)
        };
        let end = header.checked_add(length)?;
        let whole = bytes.get(..end)?;
        Some((
            Element {
                tag,
                whole,
                content: &whole[header..],
            },
            &bytes[end..],
        ))
    }

    /// The elements of a constructed element's content.
    fn children(content: &[u8]) -> Option<Vec<Element<'_>>> {
        let mut rest = content;
        let mut out = Vec::new();
        while !rest.is_empty() {
            let (e, next) = element(rest)?;
            out.push(e);
            rest = next;
        }
        Some(out)
    }

    /// The deepest nesting BER is followed to (CMS's own is about ten).
    const DEPTH: usize = 64;

    /// BER as DER: indefinite lengths made definite, constructed octet strings joined
    /// into one. Single-byte tags only; None where it does not read.
    pub fn ber_to_der(bytes: &[u8]) -> Option<Vec<u8>> {
        let (value, rest) = ber_element(bytes, 0)?;
        rest.is_empty().then_some(value)
    }

    /// One BER element as DER, and what follows it.
    fn ber_element(bytes: &[u8], depth: usize) -> Option<(Vec<u8>, &[u8])> {
        if depth > DEPTH {
            return None;
        }
        let tag = *bytes.first()?;
        if tag & 0x1f == 0x1f {
            return None;
        }
        let constructed = tag & 0x20 != 0;
        let (content, rest): (Vec<u8>, &[u8]) = if *bytes.get(1)? == 0x80 {
            if !constructed {
                return None;
            }
            let mut rest = &bytes[2..];
            let mut content = Vec::new();
            while !rest.starts_with(&[0, 0]) {
                let (child, next) = ber_element(rest, depth + 1)?;
                content.extend(child);
                rest = next;
            }
            (content, &rest[2..])
        } else {
            let (e, rest) = element(bytes)?;
            if !constructed {
                return Some((e.whole.to_vec(), rest));
            }
            let mut inner = e.content;
            let mut content = Vec::new();
            while !inner.is_empty() {
                let (child, next) = ber_element(inner, depth + 1)?;
                content.extend(child);
                inner = next;
            }
            (content, rest)
        };
        // A constructed OCTET STRING is its parts' contents joined, primitive.
        let (tag, content) = if tag == 0x24 {
            (0x04, octet_parts(&content)?)
        } else {
            (tag, content)
        };
        let mut out = vec![tag];
        out.extend(length(content.len()));
        out.extend(content);
        Some((out, rest))
    }

    /// The contents of the primitive octet strings a constructed one holds (as DER).
    fn octet_parts(mut parts: &[u8]) -> Option<Vec<u8>> {
        let mut joined = Vec::new();
        while !parts.is_empty() {
            let (e, next) = element(parts)?;
            if e.tag != 0x04 {
                return None;
            }
            joined.extend_from_slice(e.content);
            parts = next;
        }
        Some(joined)
    }

    /// A DER length.
    fn length(n: usize) -> Vec<u8> {
        if n < 0x80 {
            return vec![n as u8];
        }
        let bytes: Vec<u8> = n
            .to_be_bytes()
            .into_iter()
            .skip_while(|b| *b == 0)
            .collect();
        let mut out = vec![0x80 | bytes.len() as u8];
        out.extend(bytes);
        out
    }

    /// For each SignerInfo in order, its signed attributes with the SET tag (0x31) in
    /// place of their [0], or None when it has none.
    pub fn signed_attributes(der: &[u8]) -> Option<Vec<Option<Vec<u8>>>> {
        let (info, _) = element(der)?;
        let [_, explicit] = children(info.content)?.try_into().ok()?;
        let (signed_data, _) = element(explicit.content)?;
        let fields = children(signed_data.content)?;
        let signer_infos = fields.last().filter(|f| f.tag == 0x31)?;
        children(signer_infos.content)?
            .iter()
            .map(|signer| {
                let parts = children(signer.content)?;
                // version, sid, digestAlgorithm, then [0] signedAttrs when present.
                Some(parts.get(3).filter(|p| p.tag == 0xa0).map(|p| {
                    let mut bytes = p.whole.to_vec();
                    bytes[0] = 0x31;
                    bytes
                }))
            })
            .collect()
    }
}
