//! The signed result for the commission: a canonical JSON document whose payload is
//! signed with the expert's Ed25519 key, its independent verification, and the diff of
//! two results.
//!
//! The result file is `{"format":"akredit-result/1","payload":{…},"signature":{…}}`,
//! written in canonical form (RFC 8785: keys sorted, no whitespace, UTF-8). The payload
//! holds only strings, integers, booleans, null, arrays and objects with ASCII keys, so
//! its canonical bytes are what any JSON library produces with sorted keys and no
//! spaces; the signature is over those bytes.
//!
//! A result with an expert group is co-signed: `{"format":"akredit-result/2",
//! "payload":{…},"signatures":[{"name","public_key","role","value"},…]}`, every signature
//! over the same canonical payload bytes, the head's first (`export`), the experts' added
//! one by one without changing the payload (`cosign.rs`), each checked against the team
//! the payload records (`signatures.rs`).

mod canonical;
mod complete;
mod cosign;
mod diff;
pub mod evidence;
mod export;
pub mod keys;
mod result;
mod signatures;
mod verify;

use crate::inspection::StoreError;

pub(crate) use canonical::canonical_file;
pub use canonical::{canonical_json, canonical_payload};
pub use complete::{
    Lacking, MissingFact, lacking, missing_facts, missing_for_final, what_final_lacks,
};
pub use cosign::{CosignError, Cosigned, cosign, cosign_to};
pub use diff::diff;
pub use export::{SignedResult, export, payload, sign, sign_inspection, team_entries};
pub use keys::{Identity, KeyError, TrustedKey, fingerprint};
pub use result::history_row;
pub(crate) use result::row_altered;
pub use result::{
    CatalogueRef, DocumentEntry, EvidenceEntry, HistoryRow, HistorySubject, MemberSignature,
    Payload, RecommendationEntry, ResultFile, ResultGroup, ResultTally, ResultTotals, Signature,
    SignatureFault, StandardEntry, TeamEntry,
};
pub use signatures::{SignatureState, SignatureStatus};
pub use verify::{Check, Outcome, Verification, verify};

/// The format identifier of a result file.
pub const FORMAT: &str = "akredit-result/1";

/// The format identifier of a co-signed result: one with an expert group, signed by its
/// head and then by each of its experts.
pub const FORMAT_2: &str = "akredit-result/2";

/// The largest result file akredit reads, verifies or writes. A result of the full model
/// is about 100 KiB; notes are bounded ([`crate::answers::NOTE_LIMIT`]), so only a very
/// long history comes near this. `verify`, the commission overview and `export` agree on
/// it: no result akredit makes is refused as too large by another of its commands.
pub const MAX_RESULT_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a file that should be a result: a regular file of at most [`MAX_RESULT_BYTES`].
pub fn read_result_file(
    path: &std::path::Path,
) -> Result<Vec<u8>, crate::support::files::FileError> {
    crate::support::files::read_bounded(path, MAX_RESULT_BYTES, "signed result")
}

/// Why an export was refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The inspection is not complete.
    #[error(
        "the inspection is not complete, so no final result can be signed:\n{0}\nGrade the standards (or mark them not applicable with a reason) and record the facts, or export a draft"
    )]
    Incomplete(Lacking),
    /// The signing key.
    #[error(transparent)]
    Key(#[from] KeyError),
    /// The inspection file.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A value that cannot be put in canonical JSON (a float, a non-ASCII key).
    #[error("internal: {0}")]
    Canonical(String),
    /// The result would be larger than any result akredit reads back.
    #[error(
        "the result would be {bytes} bytes, more than the {limit} bytes a result may have; the history of this inspection is unusually long — ask for help before the visit ends"
    )]
    TooLarge {
        /// Its size.
        bytes: usize,
        /// The limit.
        limit: u64,
    },
    /// Writing the result file.
    #[error(transparent)]
    File(#[from] crate::support::files::FileError),
    /// The result has an expert group, and the signing key is not its head's: the head
    /// signs a group's result first, the experts then co-sign it.
    #[error("{}", not_head(head.as_deref(), signer, fingerprint))]
    NotHead {
        /// The head the group names, if any.
        head: Option<String>,
        /// The name of the signing key.
        signer: String,
        /// The signing key's fingerprint.
        fingerprint: String,
    },
    /// The file is a centre's self-assessment, not an inspection.
    #[error(
        "this file is a centre's self-assessment, not the commission's inspection; save it as the centre's self-assessment for the expert instead"
    )]
    SelfAssessment,
    /// The file is a member's part of the group's inspection: its grades go to the head
    /// as a signed part, and the group's result is the head's to export.
    #[error(
        "this file is {0}'s part of the expert group's inspection, not the group's inspection: sign it as a part for the head to merge; the head exports the group's result"
    )]
    Part(String),
}

/// The words of [`ExportError::NotHead`].
fn not_head(head: Option<&str>, signer: &str, fingerprint: &str) -> String {
    match head {
        None => format!(
            "this inspection has an expert group but no head: the head of the group signs its result first, and this key ({signer}, {fingerprint}) cannot sign it for them"
        ),
        Some(head) => format!(
            "only the head of the expert group, {head}, signs its result first; this key is {signer}'s ({fingerprint}), which the group does not record as the head's. The head exports; each expert then adds their signature to the head's result"
        ),
    }
}

/// Writes a new file durably, never over anything and never through a link (see
/// [`crate::support::files::write_new`]).
pub fn write_new_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), StoreError> {
    Ok(crate::support::files::write_new(path, bytes)?)
}
