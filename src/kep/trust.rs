//! (Being written on the kep-trust branch; this file is replaced by it.)

use x509_cert::name::Name;
use x509_cert::spki::SubjectPublicKeyInfoOwned;

use super::algorithms::AlgorithmError;

/// A certificate revocation list.
#[derive(Debug, Clone)]
pub struct Crl {
    /// Its issuer.
    pub issuer: Name,
    /// Its date.
    pub this_update: i64,
}

impl Crl {
    /// Its signature with the issuer's key.
    pub fn verify_signature(&self, _key: &SubjectPublicKeyInfoOwned) -> Result<bool, AlgorithmError> {
        Ok(false)
    }
    /// When a serial number was revoked.
    pub fn revocation_of(&self, _serial: &[u8]) -> Option<i64> {
        None
    }
}

/// A trusted certificate read from a file.
#[derive(Debug, Clone)]
pub struct Anchor {
    /// The certificate.
    pub certificate: x509_cert::Certificate,
    /// Its DER.
    pub der: Vec<u8>,
    /// Where it came from.
    pub source: String,
}

/// Why trusted certificates could not be read.
#[derive(Debug, Clone, thiserror::Error)]
pub enum TrustError {
    /// Not a certificate.
    #[error("{0} is not a certificate")]
    NotCertificate(String),
}

/// Certificates from a DER or PEM file.
pub fn read_anchors(name: &str, bytes: &[u8]) -> Result<Vec<Anchor>, TrustError> {
    use der::{Decode, DecodePem};
    if let Ok(c) = x509_cert::Certificate::from_der(bytes) {
        return Ok(vec![Anchor { certificate: c, der: bytes.to_vec(), source: name.into() }]);
    }
    match x509_cert::Certificate::from_pem(bytes) {
        Ok(c) => Ok(vec![Anchor { der: der::Encode::to_der(&c).unwrap_or_default(), certificate: c, source: name.into() }]),
        Err(_) => Err(TrustError::NotCertificate(name.into())),
    }
}

/// A CRL from a file.
pub fn read_crl(_bytes: &[u8]) -> Result<Crl, TrustError> {
    Err(TrustError::NotCertificate("crl".into()))
}
