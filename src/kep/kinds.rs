//! The kinds of digest and the errors of applying an algorithm: the words `algorithms.rs`
//! (the dispatcher) and `dstu.rs` (the Ukrainian algorithms it dispatches to) share, in a
//! file of their own so that neither depends on the other both ways.

/// A digest algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Digest {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
    /// GOST 34.311-95, with the substitution table (ДКЕ) of the signer's key, or the
    /// standard's when the key names none.
    Gost34311,
    /// Kupyna (ДСТУ 7564:2014), with this many bytes of output (32, 48 or 64).
    Kupyna(usize),
}

impl Digest {
    /// Its name, as a report prints it.
    pub fn name(self) -> String {
        match self {
            Digest::Sha256 => "SHA-256".into(),
            Digest::Sha384 => "SHA-384".into(),
            Digest::Sha512 => "SHA-512".into(),
            Digest::Gost34311 => "ГОСТ 34.311-95".into(),
            Digest::Kupyna(bytes) => format!("Купина-{} (ДСТУ 7564)", bytes * 8),
        }
    }
}

/// Why an algorithm could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AlgorithmError {
    /// akredit does not implement it.
    #[error("the algorithm {0} is not one akredit can check")]
    Unsupported(String),
    /// The public key does not read for its algorithm.
    #[error("the public key cannot be read: {0}")]
    BadKey(String),
    /// The signature value is not of the algorithm's form.
    #[error("the signature value is not of its algorithm's form: {0}")]
    BadSignature(String),
}
