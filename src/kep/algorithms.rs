//! The algorithms a qualified signature may use, by object identifier: the digests
//! (SHA-2; GOST 34.311-95 and Kupyna, ДСТУ 7564:2014, in `dstu.rs`) and the signatures
//! (ECDSA P-256/P-384 here; ДСТУ 4145-2002 in `dstu.rs`). One entry point for each — a
//! digest of bytes for a key, a signature over bytes by a key — so that a signer, a
//! certificate, a timestamp and a CRL are all checked the same way.

use der::asn1::ObjectIdentifier;
use der::{Decode, Encode};
use sha2::Digest as _;
use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

use super::dstu;
pub use super::kinds::{AlgorithmError, Digest};

/// id-ecPublicKey (RFC 5480).
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// The NIST P-256 curve (secp256r1).
const P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
/// The NIST P-384 curve (secp384r1).
const P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
const SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");
const ECDSA_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
const ECDSA_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.3");
const ECDSA_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.4");

impl Digest {
    /// The digest an object identifier names, if akredit knows it.
    pub fn from_oid(oid: &ObjectIdentifier) -> Option<Digest> {
        match *oid {
            SHA256 => Some(Digest::Sha256),
            SHA384 => Some(Digest::Sha384),
            SHA512 => Some(Digest::Sha512),
            _ => dstu::digest_from_oid(oid),
        }
    }
}

/// The digest of `data` by `digest`, for a signer whose key is `key` (GOST 34.311 takes
/// its substitution table from the key's parameters).
pub fn digest(
    digest: Digest,
    key: Option<&SubjectPublicKeyInfoOwned>,
    data: &[u8],
) -> Result<Vec<u8>, AlgorithmError> {
    match digest {
        Digest::Sha256 => Ok(sha2::Sha256::digest(data).to_vec()),
        Digest::Sha384 => Ok(sha2::Sha384::digest(data).to_vec()),
        Digest::Sha512 => Ok(sha2::Sha512::digest(data).to_vec()),
        Digest::Gost34311 | Digest::Kupyna(_) => dstu::digest(digest, key, data),
    }
}

/// The digest a signature algorithm implies, when it names one (ecdsa-with-SHA256 does;
/// id-ecPublicKey, as a CMS signer may write it, does not).
pub fn digest_of_signature(algorithm: &AlgorithmIdentifierOwned) -> Option<Digest> {
    match algorithm.oid {
        ECDSA_SHA256 => Some(Digest::Sha256),
        ECDSA_SHA384 => Some(Digest::Sha384),
        ECDSA_SHA512 => Some(Digest::Sha512),
        _ => dstu::digest_of_signature(algorithm),
    }
}

/// A readable name for a signature algorithm (its object identifier when unknown).
pub fn signature_name(algorithm: &AlgorithmIdentifierOwned) -> String {
    match algorithm.oid {
        ECDSA_SHA256 => "ECDSA with SHA-256".into(),
        ECDSA_SHA384 => "ECDSA with SHA-384".into(),
        ECDSA_SHA512 => "ECDSA with SHA-512".into(),
        EC_PUBLIC_KEY => "ECDSA".into(),
        _ => dstu::signature_name(algorithm).unwrap_or_else(|| algorithm.oid.to_string()),
    }
}

/// Whether `signature` is `key`'s signature over `message`, hashed with `digest` (for
/// ECDSA, the digest of the signer; for ДСТУ 4145, that of its key and algorithm).
/// `Ok(false)` is a signature that does not verify; an error, one that cannot be checked.
pub fn verify(
    key: &SubjectPublicKeyInfoOwned,
    digest_algorithm: Digest,
    message: &[u8],
    signature: &[u8],
) -> Result<bool, AlgorithmError> {
    if key.algorithm.oid == EC_PUBLIC_KEY {
        let hash = digest(digest_algorithm, Some(key), message)?;
        return verify_ecdsa(key, &hash, signature);
    }
    if dstu::is_dstu_key(key) {
        let hash = digest(digest_algorithm, Some(key), message)?;
        return dstu::verify_prehash(key, &hash, signature);
    }
    Err(AlgorithmError::Unsupported(format!(
        "{} (public key)",
        key.algorithm.oid
    )))
}

/// An ECDSA signature (DER, or the raw r‖s some producers write) over a digest.
fn verify_ecdsa(
    key: &SubjectPublicKeyInfoOwned,
    hash: &[u8],
    signature: &[u8],
) -> Result<bool, AlgorithmError> {
    use p256::ecdsa::signature::hazmat::PrehashVerifier;
    let curve = key
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
        .ok_or_else(|| AlgorithmError::BadKey("the elliptic curve is not named".into()))?;
    let point = key.subject_public_key.raw_bytes();
    match curve {
        P256 => {
            let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(point)
                .map_err(|_| AlgorithmError::BadKey("not a point of P-256".into()))?;
            let signature = p256::ecdsa::Signature::from_der(signature)
                .or_else(|_| p256::ecdsa::Signature::from_slice(signature))
                .map_err(|_| AlgorithmError::BadSignature("not an ECDSA P-256 signature".into()))?;
            Ok(key.verify_prehash(hash, &signature).is_ok())
        }
        P384 => {
            let key = p384::ecdsa::VerifyingKey::from_sec1_bytes(point)
                .map_err(|_| AlgorithmError::BadKey("not a point of P-384".into()))?;
            let signature = p384::ecdsa::Signature::from_der(signature)
                .or_else(|_| p384::ecdsa::Signature::from_slice(signature))
                .map_err(|_| AlgorithmError::BadSignature("not an ECDSA P-384 signature".into()))?;
            Ok(key.verify_prehash(hash, &signature).is_ok())
        }
        other => Err(AlgorithmError::Unsupported(format!("the curve {other}"))),
    }
}

/// The DER of a value that was just decoded (for messages that are re-encoded to be
/// hashed, such as the signed attributes). Encoding a decoded value does not fail but for
/// lack of memory; the error is worded all the same.
pub fn to_der<T: Encode>(value: &T) -> Result<Vec<u8>, AlgorithmError> {
    value
        .to_der()
        .map_err(|e| AlgorithmError::BadSignature(format!("cannot be encoded again: {e}")))
}

/// Reads a DER value, worded as a bad signature when it does not read.
pub fn from_der<'a, T: Decode<'a>>(bytes: &'a [u8]) -> Result<T, AlgorithmError> {
    T::from_der(bytes).map_err(|e| AlgorithmError::BadSignature(e.to_string()))
}
