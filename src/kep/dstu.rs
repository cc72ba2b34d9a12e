//! ДСТУ 4145-2002 signatures and the Ukrainian digests (GOST 34.311-95, Kupyna —
//! ДСТУ 7564:2014), through `structured-dstu4145`.
//!
//! (Being written: every function below refuses until the ДСТУ work lands.)

use der::asn1::ObjectIdentifier;
use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

use super::algorithms::{AlgorithmError, Digest};

/// The Ukrainian digest an object identifier names.
pub fn digest_from_oid(_oid: &ObjectIdentifier) -> Option<Digest> {
    None
}

/// The digest a ДСТУ 4145 signature algorithm implies.
pub fn digest_of_signature(_algorithm: &AlgorithmIdentifierOwned) -> Option<Digest> {
    None
}

/// A readable name for a ДСТУ 4145 signature algorithm.
pub fn signature_name(_algorithm: &AlgorithmIdentifierOwned) -> Option<String> {
    None
}

/// Whether the key is a ДСТУ 4145 key.
pub fn is_dstu_key(_key: &SubjectPublicKeyInfoOwned) -> bool {
    false
}

/// GOST 34.311 or Kupyna of `data`, with the key's substitution table for GOST.
pub fn digest(
    digest: Digest,
    _key: Option<&SubjectPublicKeyInfoOwned>,
    _data: &[u8],
) -> Result<Vec<u8>, AlgorithmError> {
    Err(AlgorithmError::Unsupported(digest.name()))
}

/// A ДСТУ 4145 signature over a digest already taken.
pub fn verify_prehash(
    _key: &SubjectPublicKeyInfoOwned,
    _hash: &[u8],
    _signature: &[u8],
) -> Result<bool, AlgorithmError> {
    Err(AlgorithmError::Unsupported("ДСТУ 4145".into()))
}
