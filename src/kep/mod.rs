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
pub mod dstu;
pub mod trust;
