//! The certificates a user trusts and the revocation lists they hold, read from files
//! downloaded once (akredit never fetches anything).
//!
//! A trust file is one of:
//!
//! * a trusted list of the central certification authority (czo.gov.ua): `TL-UA-DSTU.xml`
//!   (ДСТУ 4145 keys) or `TL-UA-EC.xml` (ECDSA keys), in the form of ETSI TS 119 612 —
//!   `TrustServiceStatusList` → `TrustServiceProviderList` → `TrustServiceProvider`
//!   (`TSPInformation/TSPName/Name`) → `TSPServices` → `TSPService` →
//!   `ServiceInformation` (`ServiceName/Name`, `ServiceStatus`) → `ServiceDigitalIdentity`
//!   → `DigitalId` → `X509Certificate` (base64 DER), and the same under
//!   `ServiceHistory/ServiceHistoryInstance`. Elements are matched by local name, whatever
//!   their namespace prefix (the list's schema version has changed over the years). The
//!   certificate in the list's own `ds:Signature` (the authority's seal on the list) is
//!   not a trust anchor and is skipped. Older XML lists that carry `Certificate` or
//!   `CACertificate` elements of base64 DER are read too;
//! * one or more certificates, DER or PEM (`.cer`, `.crt`, `.pem`; several PEM blocks
//!   allowed; bare base64 too, as some `.cer` downloads are);
//! * a certs-only CMS bundle (`.p7b`, such as `CACertificates.p7b`), DER or PEM.
//!
//! A CRL (`.crl`, DER or PEM) is read by [`read_crl`]; its signature is checked with the
//! issuer's key through `algorithms`, so ECDSA and ДСТУ 4145 lists are checked the same
//! way as signatures.

use base64::Engine as _;
use der::asn1::{AnyRef, ObjectIdentifier};
use der::{DateTime, Decode, Encode, Reader as _, SliceReader, Tagged as _};
use quick_xml::events::Event;
use x509_cert::Certificate;
use x509_cert::crl::CertificateList;
use x509_cert::name::Name;
use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

use super::algorithms::{self, AlgorithmError};

/// The largest trust or CRL file akredit reads (the national lists are a few megabytes).
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;
/// The most certificates one trust file may hold.
pub const MAX_CERTIFICATES: usize = 100_000;
/// The deepest nesting of XML elements a trusted list may have.
const MAX_XML_DEPTH: usize = 256;

/// id-signedData (RFC 5652).
const SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");

/// A certificate the user trusts: a certification authority's, from a file they chose.
#[derive(Debug, Clone)]
pub struct Anchor {
    /// The certificate.
    pub certificate: Certificate,
    /// Its DER, as the file holds it.
    pub der: Vec<u8>,
    /// Where it came from: `"TL-UA-EC.xml: <provider> — <service>"` for a trusted list,
    /// the file's name (with the certificate's number when it holds several) otherwise.
    pub source: String,
}

/// Why a trust file or a CRL could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrustError {
    /// The file is larger than any trust file akredit expects.
    #[error(
        "{name}: the file is {size} bytes, more than the {limit} bytes akredit reads; choose the trusted list (TL-UA-*.xml), a certificate or a .p7b bundle, not an archive of them"
    )]
    TooBig {
        /// The file's name.
        name: String,
        /// Its size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The file holds more certificates than any trust file should.
    #[error(
        "{name}: more than {limit} certificates; this is not a trusted list or a CA bundle akredit reads — choose the file downloaded from czo.gov.ua"
    )]
    TooMany {
        /// The file's name.
        name: String,
        /// The limit.
        limit: usize,
    },
    /// The file is none of the forms akredit reads.
    #[error(
        "{name}: not a trusted list (XML), a certificate (.cer, .crt, .pem) or a certificate bundle (.p7b){detail}; download the trusted list TL-UA-DSTU.xml or TL-UA-EC.xml from czo.gov.ua, or a CA's certificate, and choose that file"
    )]
    NotRecognised {
        /// The file's name.
        name: String,
        /// What was tried, when it says more (starts with "; " or is empty).
        detail: String,
    },
    /// The XML does not parse.
    #[error(
        "{name}: the XML cannot be read near byte {position}: {reason}; the file is damaged or incomplete — download it again"
    )]
    BadXml {
        /// The file's name.
        name: String,
        /// About where it stopped.
        position: u64,
        /// The parser's reason.
        reason: String,
    },
    /// The XML parses but names no certificate.
    #[error(
        "{name}: the XML holds no X509Certificate; it is not a trusted list — download TL-UA-DSTU.xml or TL-UA-EC.xml from czo.gov.ua"
    )]
    NoCertificates {
        /// The file's name.
        name: String,
    },
    /// A certificate in the file does not read.
    #[error(
        "{name}: certificate {position} ({place}) cannot be read: {reason}; the file is damaged — download it again"
    )]
    BadCertificate {
        /// The file's name.
        name: String,
        /// Its number in the file, from 1.
        position: usize,
        /// Where in the file (the provider and service, or the PEM block).
        place: String,
        /// Why.
        reason: String,
    },
    /// A CMS bundle does not read.
    #[error(
        "{name}: the certificate bundle (.p7b) cannot be read: {reason}; download it again, or the CA's certificates one by one"
    )]
    BadBundle {
        /// The file's name.
        name: String,
        /// Why.
        reason: String,
    },
    /// A CRL does not read.
    #[error(
        "the certificate revocation list cannot be read: {0}; download the CRL (.crl) again from the CA's site"
    )]
    BadCrl(String),
}

/// The trusted certificates in a trust file (see the module's documentation for the
/// forms); `name` is the file's name, for messages and [`Anchor::source`].
pub fn read_anchors(name: &str, bytes: &[u8]) -> Result<Vec<Anchor>, TrustError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(TrustError::TooBig {
            name: name.into(),
            size: bytes.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let text = trim_start(bytes);
    let found = if contains(bytes, b"-----BEGIN ") {
        read_pem_file(name, bytes)?
    } else if text.first() == Some(&b'<') {
        read_trusted_list(name, text)?
    } else if text.first() == Some(&0x30) {
        read_der_file(name, bytes)?
    } else if let Some(der) = bare_base64(text) {
        read_der_file(name, &der)?
    } else {
        return Err(not_recognised(name, ""));
    };
    Ok(deduplicate(found))
}

/// Certificates found before they are made anchors: DER and where each came from.
type Found = Vec<(Vec<u8>, String)>;

/// Parses found certificates, numbering them for messages; keeps the first of equal ones.
fn deduplicate(found: Vec<Anchor>) -> Vec<Anchor> {
    let mut seen = std::collections::HashSet::new();
    found
        .into_iter()
        .filter(|anchor| seen.insert(anchor.der.clone()))
        .collect()
}

/// Parses each found certificate; `position` counts from 1 for messages.
fn to_anchors(name: &str, found: Found) -> Result<Vec<Anchor>, TrustError> {
    if found.len() > MAX_CERTIFICATES {
        return Err(TrustError::TooMany {
            name: name.into(),
            limit: MAX_CERTIFICATES,
        });
    }
    found
        .into_iter()
        .enumerate()
        .map(|(index, (der, source))| match Certificate::from_der(&der) {
            Ok(certificate) => Ok(Anchor {
                certificate,
                der,
                source,
            }),
            Err(e) => Err(TrustError::BadCertificate {
                name: name.into(),
                position: index + 1,
                place: source,
                reason: e.to_string(),
            }),
        })
        .collect()
}

fn not_recognised(name: &str, detail: &str) -> TrustError {
    TrustError::NotRecognised {
        name: name.into(),
        detail: if detail.is_empty() {
            String::new()
        } else {
            format!("; {detail}")
        },
    }
}

/// A DER file: one certificate, or a CMS bundle.
fn read_der_file(name: &str, der: &[u8]) -> Result<Vec<Anchor>, TrustError> {
    let certificate_error = match Certificate::from_der(der) {
        Ok(certificate) => {
            return Ok(vec![Anchor {
                certificate,
                der: der.to_vec(),
                source: name.into(),
            }]);
        }
        Err(e) => e,
    };
    if looks_like_signed_data(der) {
        return read_bundle(name, der);
    }
    Err(not_recognised(
        name,
        &format!("as a certificate: {certificate_error}"),
    ))
}

/// Whether DER starts as a ContentInfo of SignedData does.
fn looks_like_signed_data(der: &[u8]) -> bool {
    let read = || -> der::Result<bool> {
        let outer = AnyRef::from_der(der)?;
        let mut reader = SliceReader::new(outer.value())?;
        Ok(ObjectIdentifier::decode(&mut reader)? == SIGNED_DATA)
    };
    read().unwrap_or(false)
}

/// The certificates of a certs-only CMS bundle.
fn read_bundle(name: &str, der: &[u8]) -> Result<Vec<Anchor>, TrustError> {
    let certificates = match bundle_by_cms(der) {
        Ok(certificates) => certificates,
        // The cms crate refuses a SET OF certificates with two equal ones; read the
        // bundle's structure directly then.
        Err(cms_error) => bundle_by_walk(der).map_err(|e| TrustError::BadBundle {
            name: name.into(),
            reason: format!("{cms_error} ({e})"),
        })?,
    };
    if certificates.is_empty() {
        return Err(TrustError::BadBundle {
            name: name.into(),
            reason: "it holds no certificate".into(),
        });
    }
    let several = certificates.len() > 1;
    let found = certificates
        .into_iter()
        .enumerate()
        .map(|(i, der)| (der, numbered(name, i, several)))
        .collect();
    to_anchors(name, found)
}

fn numbered(name: &str, index: usize, several: bool) -> String {
    if several {
        format!("{name}, certificate {}", index + 1)
    } else {
        name.into()
    }
}

/// The bundle's certificates through the `cms` crate.
fn bundle_by_cms(der: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let info = cms::content_info::ContentInfo::from_der(der).map_err(|e| e.to_string())?;
    if info.content_type != SIGNED_DATA {
        return Err(format!(
            "its content is {}, not SignedData",
            info.content_type
        ));
    }
    let signed = info
        .content
        .decode_as::<cms::signed_data::SignedData>()
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for choice in signed.certificates.iter().flat_map(|set| set.0.iter()) {
        if let cms::cert::CertificateChoices::Certificate(certificate) = choice {
            out.push(certificate.to_der().map_err(|e| e.to_string())?);
        }
    }
    Ok(out)
}

/// The bundle's certificates read from its structure: ContentInfo → [0] → SignedData →
/// version, digestAlgorithms, encapContentInfo, [0] certificates.
fn bundle_by_walk(der: &[u8]) -> der::Result<Vec<Vec<u8>>> {
    let outer = AnyRef::from_der(der)?;
    let mut reader = SliceReader::new(outer.value())?;
    let _content_type = ObjectIdentifier::decode(&mut reader)?;
    let explicit = AnyRef::decode(&mut reader)?;
    let signed = AnyRef::from_der(explicit.value())?;
    let mut reader = SliceReader::new(signed.value())?;
    for _ in 0..3 {
        AnyRef::decode(&mut reader)?;
    }
    let mut out = Vec::new();
    if reader.is_finished() {
        return Ok(out);
    }
    let set = AnyRef::decode(&mut reader)?;
    if !(set.tag().is_context_specific() && set.tag().number().value() == 0) {
        return Ok(out);
    }
    let mut reader = SliceReader::new(set.value())?;
    while !reader.is_finished() {
        let tlv = reader.tlv_bytes()?;
        if tlv.first() == Some(&0x30) && out.len() <= MAX_CERTIFICATES {
            out.push(tlv.to_vec());
        }
    }
    Ok(out)
}

/// A PEM file: certificates and bundles, in any number of blocks.
fn read_pem_file(name: &str, bytes: &[u8]) -> Result<Vec<Anchor>, TrustError> {
    let blocks = pem_blocks(bytes).map_err(|(position, reason)| TrustError::BadCertificate {
        name: name.into(),
        position,
        place: format!("PEM block {position}"),
        reason,
    })?;
    let mut found = Found::new();
    let mut anchors = Vec::new();
    for (index, (label, der)) in blocks.iter().enumerate() {
        match label.as_str() {
            "CERTIFICATE" | "X509 CERTIFICATE" => {
                found.push((der.clone(), format!("{name}, PEM block {}", index + 1)));
            }
            "PKCS7" | "CMS" => anchors.extend(read_bundle(name, der)?),
            _ => {}
        }
        if found.len() + anchors.len() > MAX_CERTIFICATES {
            return Err(TrustError::TooMany {
                name: name.into(),
                limit: MAX_CERTIFICATES,
            });
        }
    }
    if found.len() == 1 && anchors.is_empty() {
        found[0].1 = name.into();
    }
    anchors.extend(to_anchors(name, found)?);
    if anchors.is_empty() {
        return Err(not_recognised(
            name,
            "its PEM blocks hold no CERTIFICATE or PKCS7",
        ));
    }
    Ok(anchors)
}

/// A PEM block: its label and its decoded contents.
type PemBlock = (String, Vec<u8>);

/// The PEM blocks of `bytes`: each label and its decoded contents; an error is the block's
/// number (from 1) and what is wrong with it.
fn pem_blocks(bytes: &[u8]) -> Result<Vec<PemBlock>, (usize, String)> {
    let text = String::from_utf8_lossy(bytes);
    let mut blocks = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in text.lines().map(str::trim) {
        let number = blocks.len() + 1;
        if let Some(label) = pem_label(line, "-----BEGIN ") {
            open = Some((label.to_string(), String::new()));
        } else if let Some(label) = pem_label(line, "-----END ") {
            let Some((begun, body)) = open.take() else {
                return Err((number, format!("END {label} without its BEGIN")));
            };
            if begun != label {
                return Err((number, format!("BEGIN {begun} ends with END {label}")));
            }
            let der = decode_base64(&body)
                .ok_or_else(|| (number, "its base64 does not decode".to_string()))?;
            blocks.push((begun, der));
        } else if let Some((_, body)) = open.as_mut()
            && !line.contains(':')
        {
            body.push_str(line);
        }
    }
    if let Some((label, _)) = open {
        return Err((blocks.len() + 1, format!("BEGIN {label} has no END")));
    }
    Ok(blocks)
}

fn pem_label<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    line.strip_prefix(prefix)?.strip_suffix("-----")
}

/// Base64 with any whitespace in it, standard alphabet, padded or not.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let clean: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let trimmed = clean.trim_end_matches('=');
    base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(trimmed)
        .ok()
}

/// A file of base64 only (a `.cer` saved as text without PEM lines), decoded.
fn bare_base64(bytes: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(bytes).ok()?;
    if text.trim().is_empty() {
        return None;
    }
    decode_base64(text).filter(|der| der.first() == Some(&0x30))
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// What the XML walk knows of where it is.
#[derive(Default)]
struct ListPlace {
    /// Local names of the open elements.
    stack: Vec<String>,
    provider: Option<String>,
    service: Option<String>,
    status: Option<String>,
    /// The text of the element being read, when it is one whose text is kept.
    text: Option<String>,
    /// Certificates of the service being read, waiting for its status.
    pending: Found,
    found: Found,
}

/// The certificates of an XML trusted list.
fn read_trusted_list(name: &str, xml: &[u8]) -> Result<Vec<Anchor>, TrustError> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut place = ListPlace::default();
    loop {
        let bad = |reader: &quick_xml::Reader<&[u8]>, reason: String| TrustError::BadXml {
            name: name.into(),
            position: reader.buffer_position(),
            reason,
        };
        let event = reader
            .read_event()
            .map_err(|e| bad(&reader, e.to_string()))?;
        match event {
            Event::Start(start) => {
                if place.stack.len() >= MAX_XML_DEPTH {
                    return Err(bad(&reader, "the elements nest too deep".into()));
                }
                let local = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
                place.open(local);
            }
            Event::End(_) => place.close(name),
            Event::Text(text) => {
                let text = text.decode().map_err(|e| bad(&reader, e.to_string()))?;
                place.push_text(&text);
            }
            Event::CData(data) => {
                let text = data.decode().map_err(|e| bad(&reader, e.to_string()))?;
                place.push_text(&text);
            }
            Event::GeneralRef(reference) => {
                let resolved = resolve_reference(&reference);
                place.push_text(&resolved);
            }
            Event::Eof => break,
            _ => {}
        }
        if place.found.len() + place.pending.len() > MAX_CERTIFICATES {
            return Err(TrustError::TooMany {
                name: name.into(),
                limit: MAX_CERTIFICATES,
            });
        }
    }
    let ListPlace {
        mut found, pending, ..
    } = place;
    found.extend(pending);
    if found.is_empty() {
        return Err(TrustError::NoCertificates { name: name.into() });
    }
    xml_anchors(name, found)
}

/// Decodes the base64 of each certificate found in the XML and parses it, reporting the
/// first that does not read.
fn xml_anchors(name: &str, found: Found) -> Result<Vec<Anchor>, TrustError> {
    let mut anchors = Vec::with_capacity(found.len());
    for (index, (text, source)) in found.into_iter().enumerate() {
        let text = String::from_utf8_lossy(&text);
        let Some(der) = decode_base64(&text) else {
            return Err(TrustError::BadCertificate {
                name: name.into(),
                position: index + 1,
                place: source,
                reason: "its base64 does not decode".into(),
            });
        };
        let mut one = to_anchors(name, vec![(der, source)]).map_err(|e| match e {
            TrustError::BadCertificate {
                name,
                place,
                reason,
                ..
            } => TrustError::BadCertificate {
                name,
                position: index + 1,
                place,
                reason,
            },
            other => other,
        })?;
        anchors.append(&mut one);
    }
    Ok(anchors)
}

/// An entity or character reference's text (`&amp;`, `&#1046;`); an unknown entity is
/// kept as written.
fn resolve_reference(reference: &quick_xml::events::BytesRef<'_>) -> String {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        return c.to_string();
    }
    let name = String::from_utf8_lossy(reference.as_ref()).into_owned();
    match name.as_str() {
        "amp" => "&".into(),
        "lt" => "<".into(),
        "gt" => ">".into(),
        "quot" => "\"".into(),
        "apos" => "'".into(),
        _ => format!("&{name};"),
    }
}

/// Elements whose text is a certificate (base64 DER).
fn is_certificate_element(local: &str) -> bool {
    matches!(local, "X509Certificate" | "Certificate" | "CACertificate")
}

impl ListPlace {
    fn parent(&self) -> Option<&str> {
        self.stack
            .len()
            .checked_sub(2)
            .map(|i| self.stack[i].as_str())
    }

    fn grandparent(&self) -> Option<&str> {
        self.stack
            .len()
            .checked_sub(3)
            .map(|i| self.stack[i].as_str())
    }

    fn inside(&self, local: &str) -> bool {
        self.stack.iter().any(|open| open == local)
    }

    fn open(&mut self, local: String) {
        match local.as_str() {
            "TrustServiceProvider" => self.provider = None,
            "ServiceInformation" | "ServiceHistoryInstance" => {
                self.service = None;
                self.status = None;
            }
            _ => {}
        }
        self.stack.push(local);
        if self.wants_text() {
            self.text = Some(String::new());
        }
    }

    /// Whether the element just opened is one whose text is kept: a certificate outside
    /// the list's own signature, the first name of the provider or the service, a status.
    fn wants_text(&self) -> bool {
        let Some(local) = self.stack.last().map(String::as_str) else {
            return false;
        };
        let parent = self.parent();
        let grandparent = self.grandparent();
        (is_certificate_element(local) && !self.inside("Signature"))
            || (local == "Name"
                && parent == Some("TSPName")
                && grandparent == Some("TSPInformation")
                && self.provider.is_none())
            || (local == "Name" && parent == Some("ServiceName") && self.service.is_none())
            || local == "ServiceStatus"
    }

    fn push_text(&mut self, text: &str) {
        if let Some(kept) = self.text.as_mut()
            && kept.len() + text.len() <= MAX_FILE_BYTES
        {
            kept.push_str(text);
        }
    }

    fn close(&mut self, file: &str) {
        let text = self.text.take();
        let Some(local) = self.stack.pop() else {
            return;
        };
        if let Some(text) = text {
            let text = text.trim().to_string();
            match local.as_str() {
                "Name" if self.stack.last().map(String::as_str) == Some("TSPName") => {
                    self.provider = Some(text);
                }
                "Name" => self.service = Some(text),
                "ServiceStatus" => self.status = Some(text),
                _ if !text.is_empty() => {
                    let source = self.source(file);
                    self.waiting().push((text.into_bytes(), source));
                }
                _ => {}
            }
        }
        if matches!(
            local.as_str(),
            "ServiceInformation" | "ServiceHistoryInstance"
        ) {
            self.flush_service();
        }
    }

    /// Where a certificate read now goes: it waits for its service's status when inside one.
    fn waiting(&mut self) -> &mut Found {
        if self.inside("ServiceInformation") || self.inside("ServiceHistoryInstance") {
            &mut self.pending
        } else {
            &mut self.found
        }
    }

    /// The service's certificates, with its status when it is not "granted".
    fn flush_service(&mut self) {
        let status = self
            .status
            .as_deref()
            .and_then(|uri| uri.rsplit('/').next())
            .filter(|tail| !tail.is_empty() && !tail.eq_ignore_ascii_case("granted"))
            .map(|tail| format!(" [{tail}]"));
        for (text, mut source) in self.pending.drain(..) {
            if let Some(status) = &status {
                source.push_str(status);
            }
            self.found.push((text, source));
        }
    }

    fn source(&self, file: &str) -> String {
        match (&self.provider, &self.service) {
            (Some(provider), Some(service)) if provider != service => {
                format!("{file}: {provider} — {service}")
            }
            (Some(name), _) | (None, Some(name)) => format!("{file}: {name}"),
            (None, None) => format!("{file}, certificate {}", self.found.len() + 1),
        }
    }
}

/// A certificate revocation list (RFC 5280 CertificateList).
#[derive(Debug, Clone)]
pub struct Crl {
    /// Who issued it (the CA whose certificates it lists).
    pub issuer: Name,
    /// When it was issued.
    pub this_update: DateTime,
    /// When the next one is due (a list past it is out of date).
    pub next_update: Option<DateTime>,
    /// Each revoked certificate's serial number (the INTEGER's content bytes) and when it
    /// was revoked.
    pub revoked: Vec<(Vec<u8>, DateTime)>,
    /// The whole list's DER.
    pub der: Vec<u8>,
    /// The signed part's DER (tbsCertList), exactly as the file holds it.
    pub tbs_der: Vec<u8>,
    /// The signature algorithm.
    pub signature_algorithm: AlgorithmIdentifierOwned,
    /// The signature value.
    pub signature: Vec<u8>,
}

/// A CRL in DER or PEM (`X509 CRL`).
pub fn read_crl(bytes: &[u8]) -> Result<Crl, TrustError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(TrustError::BadCrl(format!(
            "the file is {} bytes, more than the {MAX_FILE_BYTES} akredit reads",
            bytes.len()
        )));
    }
    let der = if contains(bytes, b"-----BEGIN ") {
        let blocks = pem_blocks(bytes)
            .map_err(|(n, reason)| TrustError::BadCrl(format!("PEM block {n}: {reason}")))?;
        blocks
            .into_iter()
            .find(|(label, _)| label == "X509 CRL")
            .map(|(_, der)| der)
            .ok_or_else(|| TrustError::BadCrl("the PEM file holds no X509 CRL block".into()))?
    } else {
        bytes.to_vec()
    };
    crl_from_der(der)
}

fn crl_from_der(der: Vec<u8>) -> Result<Crl, TrustError> {
    let bad = |e: der::Error| TrustError::BadCrl(e.to_string());
    let list = CertificateList::from_der(&der).map_err(bad)?;
    let tbs_der = first_element(&der).map_err(bad)?;
    let tbs = list.tbs_cert_list;
    if tbs.signature.oid != list.signature_algorithm.oid {
        return Err(TrustError::BadCrl(format!(
            "its signed part names the algorithm {} and its signature {}",
            tbs.signature.oid, list.signature_algorithm.oid
        )));
    }
    let signature = list
        .signature
        .as_bytes()
        .ok_or_else(|| TrustError::BadCrl("its signature is not whole bytes".into()))?
        .to_vec();
    let revoked = tbs
        .revoked_certificates
        .unwrap_or_default()
        .into_iter()
        .map(|entry| {
            (
                entry.serial_number.as_bytes().to_vec(),
                entry.revocation_date.to_date_time(),
            )
        })
        .collect();
    Ok(Crl {
        issuer: tbs.issuer,
        this_update: tbs.this_update.to_date_time(),
        next_update: tbs.next_update.map(|t| t.to_date_time()),
        revoked,
        der,
        tbs_der,
        signature_algorithm: list.signature_algorithm,
        signature,
    })
}

/// The first element inside a DER SEQUENCE, as its bytes.
fn first_element(der: &[u8]) -> der::Result<Vec<u8>> {
    let outer = AnyRef::from_der(der)?;
    let mut reader = SliceReader::new(outer.value())?;
    Ok(reader.tlv_bytes()?.to_vec())
}

impl Crl {
    /// Whether the list is signed by `issuer_key` (the key of the CA named as its
    /// issuer). `Ok(false)`: signed by someone else, or altered; an error: the algorithm
    /// cannot be checked.
    pub fn verify_signature(
        &self,
        issuer_key: &SubjectPublicKeyInfoOwned,
    ) -> Result<bool, AlgorithmError> {
        let digest =
            algorithms::digest_of_signature(&self.signature_algorithm).ok_or_else(|| {
                AlgorithmError::Unsupported(algorithms::signature_name(&self.signature_algorithm))
            })?;
        algorithms::verify(issuer_key, digest, &self.tbs_der, &self.signature)
    }

    /// When the certificate with this serial number (the INTEGER's content bytes, as
    /// `SerialNumber::as_bytes` gives them) was revoked, if the list names it. Leading
    /// zero bytes are ignored on both sides.
    pub fn revocation_of(&self, serial: &[u8]) -> Option<DateTime> {
        let wanted = strip_zeros(serial);
        self.revoked
            .iter()
            .find(|(listed, _)| strip_zeros(listed) == wanted)
            .map(|(_, time)| *time)
    }
}

fn strip_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    &bytes[start..]
}
