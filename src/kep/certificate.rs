//! What a certificate says: who holds it (the full name, РНОКПП/ДРФО where it carries
//! one, the organisation, the position), who issued it, its serial number and validity —
//! and whether a chain of signatures leads from it to a certificate the user trusts.

use der::asn1::{
    BmpString, Ia5StringRef, ObjectIdentifier, PrintableStringRef, TeletexStringRef, Utf8StringRef,
};
use der::{Decode, Encode};
use x509_cert::Certificate;
use x509_cert::attr::Attribute;
use x509_cert::name::Name;

use super::algorithms::{self, Digest};

const COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const SURNAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.4");
const SERIAL_NUMBER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.5");
const TITLE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.12");
const GIVEN_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.42");
const ORGANISATION: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.10");
const UNIT: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.11");
const ORGANISATION_ID: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.97");
/// subjectDirectoryAttributes, where Ukrainian certificates of the older profile keep
/// the holder's ДРФО number and the organisation's ЄДРПОУ code.
const DIRECTORY_ATTRIBUTES: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.9");
/// The holder's ДРФО (РНОКПП) number (the Ukrainian PKI's registry, 1.2.804.2.1.1.1.11.1.4.1.1).
const DRFO: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.804.2.1.1.1.11.1.4.1.1");
/// The organisation's ЄДРПОУ code (1.2.804.2.1.1.1.11.1.4.2.1).
const EDRPOU: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.804.2.1.1.1.11.1.4.2.1");

/// Who a certificate names as its holder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Holder {
    /// The common name: for a person, the full name.
    pub full_name: Option<String>,
    /// The surname.
    pub surname: Option<String>,
    /// The given name (and patronymic, as Ukrainian certificates write it).
    pub given_name: Option<String>,
    /// The РНОКПП (ДРФО) number, from `serialNumber` (`TINUA-…`) or the directory attributes.
    pub tax_number: Option<String>,
    /// The organisation.
    pub organisation: Option<String>,
    /// The organisation's unit.
    pub unit: Option<String>,
    /// The organisation's code (ЄДРПОУ), where the certificate carries it.
    pub organisation_code: Option<String>,
    /// The position.
    pub position: Option<String>,
}

impl Holder {
    /// The name to show: the common name, else the surname and given name.
    pub fn name(&self) -> String {
        if let Some(name) = &self.full_name {
            return name.clone();
        }
        [&self.surname, &self.given_name]
            .iter()
            .filter_map(|p| p.as_deref())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// What a report prints of a certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateFacts {
    /// Its holder.
    pub holder: Holder,
    /// Its issuer, by name (the common name, else the organisation, else the whole name).
    pub issuer: String,
    /// Its serial number, hexadecimal.
    pub serial: String,
    /// Valid from (seconds since 1970, UTC).
    pub not_before: i64,
    /// Valid until (seconds since 1970, UTC).
    pub not_after: i64,
}

impl CertificateFacts {
    /// What a certificate says.
    pub fn of(certificate: &Certificate) -> CertificateFacts {
        let tbs = &certificate.tbs_certificate;
        CertificateFacts {
            holder: holder(certificate),
            issuer: short_name(&tbs.issuer),
            serial: hex(tbs.serial_number.as_bytes()),
            not_before: unix(&tbs.validity.not_before),
            not_after: unix(&tbs.validity.not_after),
        }
    }

    /// Whether it was valid at `time` (seconds since 1970).
    pub fn valid_at(&self, time: i64) -> bool {
        self.not_before <= time && time <= self.not_after
    }
}

/// Seconds since 1970 of a certificate time.
pub fn unix(time: &x509_cert::time::Time) -> i64 {
    i64::try_from(time.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
}

/// Lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The holder a certificate names.
fn holder(certificate: &Certificate) -> Holder {
    let subject = &certificate.tbs_certificate.subject;
    let mut holder = Holder {
        full_name: attribute(subject, COMMON_NAME),
        surname: attribute(subject, SURNAME),
        given_name: attribute(subject, GIVEN_NAME),
        tax_number: None,
        organisation: attribute(subject, ORGANISATION),
        unit: attribute(subject, UNIT),
        organisation_code: attribute(subject, ORGANISATION_ID),
        position: attribute(subject, TITLE),
    };
    // The newer profile (ETSI EN 319 412-1) writes "TINUA-1234567890"; the older one a
    // number of the provider's own in serialNumber and the ДРФО number among the
    // directory attributes.
    if let Some(serial) = attribute(subject, SERIAL_NUMBER)
        && let Some(number) = serial.strip_prefix("TINUA-")
    {
        holder.tax_number = Some(number.to_string());
    }
    for (oid, value) in directory_attributes(certificate) {
        match oid {
            DRFO if holder.tax_number.is_none() => holder.tax_number = Some(value),
            EDRPOU if holder.organisation_code.is_none() => holder.organisation_code = Some(value),
            _ => {}
        }
    }
    holder
}

/// The first value of a name's attribute, as text.
pub fn attribute(name: &Name, oid: ObjectIdentifier) -> Option<String> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|atv| atv.oid == oid)
        .and_then(|atv| text(&atv.value))
}

/// A directory string as text, whichever string type it was written in.
fn text(value: &der::Any) -> Option<String> {
    if let Ok(s) = value.decode_as::<Utf8StringRef<'_>>() {
        return Some(s.as_str().to_string());
    }
    if let Ok(s) = value.decode_as::<PrintableStringRef<'_>>() {
        return Some(s.as_str().to_string());
    }
    if let Ok(s) = value.decode_as::<Ia5StringRef<'_>>() {
        return Some(s.as_str().to_string());
    }
    if let Ok(s) = value.decode_as::<TeletexStringRef<'_>>() {
        return Some(s.as_str().to_string());
    }
    if let Ok(s) = value.decode_as::<BmpString>() {
        return Some(s.to_string());
    }
    None
}

/// The subjectDirectoryAttributes extension's attributes, as text.
fn directory_attributes(certificate: &Certificate) -> Vec<(ObjectIdentifier, String)> {
    let Some(extension) = certificate
        .tbs_certificate
        .extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id == DIRECTORY_ATTRIBUTES)
    else {
        return Vec::new();
    };
    let Ok(attributes) = Vec::<Attribute>::from_der(extension.extn_value.as_bytes()) else {
        return Vec::new();
    };
    attributes
        .iter()
        .filter_map(|a| Some((a.oid, text(a.values.iter().next()?)?)))
        .collect()
}

/// A name as a report shows it: the common name, else the organisation, else all of it.
pub fn short_name(name: &Name) -> String {
    attribute(name, COMMON_NAME)
        .or_else(|| attribute(name, ORGANISATION))
        .unwrap_or_else(|| name.to_string())
}

/// Where a certificate's chain stands against the trusted certificates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chain {
    /// No trusted certificate was given: the chain was not checked.
    NotChecked,
    /// The chain reaches a trusted certificate: each certificate's name, the signer's
    /// first, and where the trusted one came from.
    Trusted {
        /// The certificates of the chain, by name, the signer's first.
        path: Vec<String>,
        /// Where the trusted certificate came from (a list's provider, a file).
        anchor: String,
    },
    /// It does not: why.
    NotTrusted(String),
}

/// A trusted certificate, with where it came from.
#[derive(Debug, Clone)]
pub struct TrustedCertificate {
    /// The certificate.
    pub certificate: Certificate,
    /// Where it came from, as a report says it.
    pub source: String,
}

/// The longest chain followed: real ones are two or three certificates long.
const CHAIN_LIMIT: usize = 8;

/// Follows `certificate`'s chain through `pool` (the certificates the signature file
/// carries) to one of `trusted`, each link's signature verified.
pub fn chain(
    certificate: &Certificate,
    pool: &[Certificate],
    trusted: &[TrustedCertificate],
) -> Chain {
    if trusted.is_empty() {
        return Chain::NotChecked;
    }
    let mut current = certificate.clone();
    let mut path = vec![short_name(&current.tbs_certificate.subject)];
    for _ in 0..CHAIN_LIMIT {
        if let Some(anchor) = trusted
            .iter()
            .find(|t| same(&t.certificate, &current) || signed_by(&current, &t.certificate))
        {
            if !same(&anchor.certificate, &current) {
                path.push(short_name(&anchor.certificate.tbs_certificate.subject));
            }
            return Chain::Trusted {
                path,
                anchor: anchor.source.clone(),
            };
        }
        let Some(issuer) = pool
            .iter()
            .find(|c| !same(c, &current) && signed_by(&current, c))
        else {
            return Chain::NotTrusted(format!(
                "the issuer «{}» is not among the trusted certificates, and the signature file does not carry it",
                short_name(&current.tbs_certificate.issuer)
            ));
        };
        current = issuer.clone();
        path.push(short_name(&current.tbs_certificate.subject));
    }
    Chain::NotTrusted(format!(
        "the chain is longer than {CHAIN_LIMIT} certificates"
    ))
}

/// Whether two certificates are the same one.
fn same(a: &Certificate, b: &Certificate) -> bool {
    a == b
}

/// Whether `issuer` issued `certificate`: the names match and its key verifies the
/// certificate's signature.
pub fn signed_by(certificate: &Certificate, issuer: &Certificate) -> bool {
    if certificate.tbs_certificate.issuer != issuer.tbs_certificate.subject {
        return false;
    }
    let Some(digest) = algorithms::digest_of_signature(&certificate.signature_algorithm) else {
        return false;
    };
    verify_certificate_signature(certificate, issuer, digest).unwrap_or(false)
}

/// The certificate's signature checked with the issuer's key.
fn verify_certificate_signature(
    certificate: &Certificate,
    issuer: &Certificate,
    digest: Digest,
) -> Result<bool, algorithms::AlgorithmError> {
    let tbs = algorithms::to_der(&certificate.tbs_certificate)?;
    algorithms::verify(
        &issuer.tbs_certificate.subject_public_key_info,
        digest,
        &tbs,
        certificate.signature.raw_bytes(),
    )
}

/// A certificate's DER (for comparing and for a report's fingerprint).
pub fn der(certificate: &Certificate) -> Vec<u8> {
    certificate.to_der().unwrap_or_default()
}
