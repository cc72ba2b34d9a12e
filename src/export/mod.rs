//! The signed result for the commission: a canonical JSON document whose payload is
//! signed with the expert's Ed25519 key, its independent verification, and the diff of
//! two results.
//!
//! The result file is `{"format":"akredit-result/1","payload":{…},"signature":{…}}`,
//! written in canonical form (RFC 8785: keys sorted, no whitespace, UTF-8). The payload
//! holds only strings, integers, booleans, null, arrays and objects with ASCII keys, so
//! its canonical bytes are what any JSON library produces with sorted keys and no
//! spaces; the signature is over those bytes.

pub mod keys;
mod verify;

use std::collections::{BTreeMap, BTreeSet};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::answers::{Altered, Answers, Subject};
use crate::catalogue::{Catalogue, Code, ModelId, sha256_hex};
use crate::inspection::{Inspection, StoreError};
use crate::scoring::{self, Category, Percent};

pub use keys::{Identity, KeyError, TrustedKey, fingerprint};
pub use verify::{Check, Outcome, Verification, verify};

/// The format identifier of a result file.
pub const FORMAT: &str = "akredit-result/1";

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
        "the inspection is not complete, so no final result can be signed:\n{0}\nGrade these standards (or mark them not applicable with a reason), or export a draft with --draft"
    )]
    Incomplete(String),
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
    /// The file is a centre's self-assessment, not an inspection.
    #[error(
        "this file is a centre's self-assessment, not the commission's inspection; write it for the expert with: akredit export-self FILE --out SELF.json"
    )]
    SelfAssessment,
}

/// A reference to the catalogue a result was made with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueRef {
    /// Its id.
    pub id: String,
    /// Its SHA-256.
    pub sha256: String,
}

/// One standard in a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandardEntry {
    /// Code.
    pub code: String,
    /// Commission grade.
    pub commission: Option<u8>,
    /// Not applicable.
    pub na: bool,
    /// The reason, when not applicable.
    pub na_reason: Option<String>,
    /// The expert's note.
    pub note: String,
    /// Self-assessment grade.
    #[serde(rename = "self")]
    pub self_grade: Option<u8>,
}

/// One mandatory document in a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentEntry {
    /// Note.
    pub note: String,
    /// Number 1–13.
    pub number: u8,
    /// Present, missing, or not checked.
    pub present: Option<bool>,
}

/// What a history row of a result is about (`"standard"`, `"centre"`, `"document"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HistorySubject {
    /// A standard (the row has a `code`).
    Standard,
    /// The application form.
    Centre,
    /// A mandatory document (the row has a `document` number).
    Document,
}

/// One change of the history in a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryRow {
    /// UTC time.
    pub at: String,
    /// The standard's code.
    pub code: Option<String>,
    /// The document's number.
    pub document: Option<u8>,
    /// The field.
    pub field: String,
    /// Sequence number.
    pub id: i64,
    /// New value.
    pub new: Option<String>,
    /// Old value.
    pub old: Option<String>,
    /// What the row is about.
    pub subject: HistorySubject,
}

/// One grade column's figures in a result (the fields of [`scoring::Tally`], declared in
/// the order of their JSON names, so that serde writes them canonically).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultTally {
    /// The category if every unscored standard got 3.
    pub best_category: Category,
    /// Percent if every unscored standard got 3.
    pub best_percent: Option<Percent>,
    /// The category the points earn.
    pub category: Category,
    /// Percent of the maximum, floored to tenths.
    pub percent: Option<Percent>,
    /// Sum of the grades.
    pub points: u32,
    /// Applicable standards with a grade.
    pub scored: usize,
    /// Applicable standards without a grade.
    pub unscored: usize,
}

/// One group's figures in a result (see [`scoring::GroupTotals`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultGroup {
    /// Of the group's standards, applicable.
    pub applicable: usize,
    /// The group's code.
    pub code: Code,
    /// The commission's figures.
    pub commission: ResultTally,
    /// 3 × applicable.
    pub max_points: u32,
    /// The self-assessment's figures.
    #[serde(rename = "self")]
    pub self_assessment: ResultTally,
    /// Standards of the model in the group.
    pub standards: usize,
}

/// The totals in a result, exactly as `akredit summary --json` gives them (see
/// [`scoring::Totals`]), with typed fields declared in canonical order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultTotals {
    /// Standards of the model that are applicable.
    pub applicable: usize,
    /// The commission's figures.
    pub commission: ResultTally,
    /// Every applicable standard has a commission grade.
    pub complete: bool,
    /// Per group.
    pub groups: Vec<ResultGroup>,
    /// 3 × applicable.
    pub max_points: u32,
    /// The model.
    pub model: ModelId,
    /// Standards marked not applicable.
    pub not_applicable: usize,
    /// The self-assessment's figures.
    #[serde(rename = "self")]
    pub self_assessment: ResultTally,
    /// Standards of the model.
    pub standards: usize,
}

impl From<&scoring::Tally> for ResultTally {
    fn from(t: &scoring::Tally) -> ResultTally {
        ResultTally {
            best_category: t.best_category,
            best_percent: t.best_percent,
            category: t.category,
            percent: t.percent,
            points: t.points,
            scored: t.scored,
            unscored: t.unscored,
        }
    }
}

impl From<&scoring::Totals> for ResultTotals {
    fn from(t: &scoring::Totals) -> ResultTotals {
        ResultTotals {
            applicable: t.applicable,
            commission: (&t.commission).into(),
            complete: t.complete,
            groups: t
                .groups
                .iter()
                .map(|g| ResultGroup {
                    applicable: g.applicable,
                    code: g.code.clone(),
                    commission: (&g.commission).into(),
                    max_points: g.max_points,
                    self_assessment: (&g.self_assessment).into(),
                    standards: g.standards,
                })
                .collect(),
            max_points: t.max_points,
            model: t.model,
            not_applicable: t.not_applicable,
            self_assessment: (&t.self_assessment).into(),
            standards: t.standards,
        }
    }
}

/// What a result says.
///
/// The fields of this and of every struct inside it are declared in the order of their
/// JSON names, so that serde writes the canonical form directly (a test checks it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payload {
    /// The program that made it.
    pub akredit_version: String,
    /// The catalogue.
    pub catalogue: CatalogueRef,
    /// The application form.
    pub centre: BTreeMap<String, String>,
    /// The mandatory documents.
    pub documents: Vec<DocumentEntry>,
    /// The expert named in the inspection.
    pub expert: String,
    /// When exported (UTC).
    pub exported_at: String,
    /// False for a draft.
    #[serde(rename = "final")]
    pub is_final: bool,
    /// Every change, oldest first.
    pub history: Vec<HistoryRow>,
    /// The inspection's id.
    pub inspection_id: String,
    /// `commission` for an expert's result.
    pub kind: String,
    /// The model.
    pub model: String,
    /// The name the signing key was made with.
    pub signer: String,
    /// Every standard of the model.
    pub standards: Vec<StandardEntry>,
    /// SHA-256 of the previous result of the same inspection, if any.
    pub supersedes: Option<String>,
    /// The totals exactly as `akredit summary --json` gives them.
    pub totals: ResultTotals,
    /// Visit date.
    pub visit_date: Option<String>,
}

impl Payload {
    /// The centre's name, as the application form in the result gives it (empty if none).
    pub fn centre_name(&self) -> &str {
        self.centre
            .get(crate::answers::CENTRE_NAME)
            .map_or("", String::as_str)
    }
}

/// The signature block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// `ed25519`.
    pub algorithm: String,
    /// The signer's public key, base64.
    pub public_key: String,
    /// The signature, base64.
    pub value: String,
}

/// Why a signature does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureFault {
    /// Not `ed25519`.
    UnknownAlgorithm(String),
    /// The key or the value is not base64 Ed25519.
    Malformed,
    /// Well formed, but not a signature of this content by this key.
    Mismatch,
}

impl Signature {
    /// Checks the signature over `message`; returns the signer's public key.
    pub fn check(&self, message: &[u8]) -> Result<[u8; 32], SignatureFault> {
        if self.algorithm != "ed25519" {
            return Err(SignatureFault::UnknownAlgorithm(self.algorithm.clone()));
        }
        let key = keys::decode_public_key(&self.public_key);
        let value: Option<[u8; 64]> = B64
            .decode(self.value.trim())
            .ok()
            .and_then(|b| b.try_into().ok());
        let (Some(key), Some(value)) = (key, value) else {
            return Err(SignatureFault::Malformed);
        };
        key.verify_strict(message, &ed25519_dalek::Signature::from_bytes(&value))
            .map(|()| key.to_bytes())
            .map_err(|_| SignatureFault::Mismatch)
    }
}

/// A whole result document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultFile {
    /// [`FORMAT`].
    pub format: String,
    /// What is signed.
    pub payload: Payload,
    /// The signature.
    pub signature: Signature,
}

/// Writes a new file durably, never over anything and never through a link (see
/// [`crate::support::files::write_new`]).
pub fn write_new_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), StoreError> {
    Ok(crate::support::files::write_new(path, bytes)?)
}

/// Writes `value` in canonical form (RFC 8785 for the JSON subset results use).
pub fn canonical_json(value: &Value) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    write_canonical(value, &mut out)?;
    Ok(out)
}

fn write_canonical(value: &Value, out: &mut Vec<u8>) -> Result<(), String> {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Value::Number(n) => {
            if n.is_f64() {
                return Err(format!("a floating-point number ({n}) cannot be signed"));
            }
            out.extend_from_slice(n.to_string().as_bytes());
        }
        Value::String(s) => {
            serde_json::to_writer(&mut *out, s).map_err(|e| e.to_string())?;
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(item, out)?;
            }
            out.push(b']');
        }
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            if let Some((k, _)) = entries.iter().find(|(k, _)| !k.is_ascii()) {
                return Err(format!("the key {k:?} is not ASCII"));
            }
            entries.sort_by(|a, b| a.0.cmp(b.0));
            out.push(b'{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                serde_json::to_writer(&mut *out, k).map_err(|e| e.to_string())?;
                out.push(b':');
                write_canonical(v, out)?;
            }
            out.push(b'}');
        }
    }
    Ok(())
}

/// The standards that keep a result from being final, grouped: "1.1: 1.1.2, 1.1.3".
pub fn missing_for_final(
    catalogue: &Catalogue,
    model: ModelId,
    answers: &Answers,
) -> Vec<(Code, Vec<Code>)> {
    let mut by_group: BTreeMap<Code, Vec<Code>> = BTreeMap::new();
    for s in catalogue.model_standards(model) {
        let a = answers.get(&s.code);
        let missing = match &a.na_reason {
            Some(r) => r.trim().is_empty(),
            None => a.commission.is_none(),
        };
        if missing {
            by_group
                .entry(s.group.clone())
                .or_default()
                .push(s.code.clone());
        }
    }
    by_group.into_iter().collect()
}

fn history_row(id: i64, at: &str, a: &Altered) -> HistoryRow {
    let (subject, code, document) = match a.subject() {
        Subject::Standard(c) => (HistorySubject::Standard, Some(c.to_string()), None),
        Subject::Centre => (HistorySubject::Centre, None, None),
        Subject::Document(n) => (HistorySubject::Document, None, Some(*n)),
    };
    HistoryRow {
        id,
        at: at.to_string(),
        subject,
        code,
        document,
        field: a.field().as_str().to_string(),
        old: a.old_value().map(str::to_string),
        new: a.new_value().map(str::to_string),
    }
}

/// A result's history row as a typed change, or why it is not one akredit makes.
pub(crate) fn row_altered(row: &HistoryRow) -> Result<Altered, String> {
    let subject = match (row.subject, &row.code, row.document) {
        (HistorySubject::Standard, Some(c), None) => Subject::Standard(
            c.parse()
                .map_err(|_| format!("history row {}: {c:?} is not a code", row.id))?,
        ),
        (HistorySubject::Centre, None, None) => Subject::Centre,
        (HistorySubject::Document, None, Some(n)) => Subject::Document(n),
        _ => {
            return Err(format!(
                "history row {}: its subject, code and document do not fit together",
                row.id
            ));
        }
    };
    Altered::parse(subject, &row.field, row.old.clone(), row.new.clone())
        .map_err(|e| format!("history row {}: {e}", row.id))
}

/// Builds the payload of an inspection's result.
pub fn payload(
    insp: &Inspection,
    signer: &str,
    is_final: bool,
    exported_at: &str,
) -> Result<Payload, ExportError> {
    let catalogue = insp.catalogue();
    let meta = insp.meta();
    let answers = insp.answers();
    let totals = scoring::totals(catalogue, meta.model, answers);
    let standards = catalogue
        .model_standards(meta.model)
        .map(|s| {
            let a = answers.get(&s.code);
            StandardEntry {
                code: s.code.to_string(),
                commission: a.commission,
                self_grade: a.self_grade,
                na: a.is_na(),
                na_reason: a.na_reason.clone(),
                note: a.note.clone(),
            }
        })
        .collect();
    let documents = catalogue
        .documents
        .iter()
        .map(|d| {
            let check = answers
                .documents
                .get(&d.number)
                .cloned()
                .unwrap_or_default();
            DocumentEntry {
                number: d.number,
                present: check.present,
                note: check.note,
            }
        })
        .collect();
    let history = insp
        .history(None)?
        .iter()
        .map(|h| history_row(h.id, &h.at, &h.altered))
        .collect();
    Ok(Payload {
        kind: "commission".into(),
        is_final,
        model: meta.model.id().into(),
        centre: answers.centre.clone(),
        expert: meta.expert.clone(),
        signer: signer.to_string(),
        visit_date: meta.visit_date.clone(),
        catalogue: CatalogueRef {
            id: catalogue.id.clone(),
            sha256: catalogue.sha256.clone(),
        },
        inspection_id: meta.inspection_id.to_string(),
        standards,
        documents,
        totals: (&totals).into(),
        history,
        exported_at: exported_at.to_string(),
        supersedes: insp.last_result_sha256(),
        akredit_version: env!("CARGO_PKG_VERSION").to_string(),
    })
}

/// A signed, serialized result.
pub struct SignedResult {
    /// The canonical bytes of the whole file.
    pub bytes: Vec<u8>,
    /// SHA-256 of the canonical payload: the result's identity (what `supersedes` names).
    pub sha256: String,
    /// The signer's key fingerprint.
    pub fingerprint: String,
    /// Whether final.
    pub is_final: bool,
}

/// The canonical bytes of a payload: what is signed and hashed.
///
/// Serde writes the fields in declaration order, which is their sorted order, and maps
/// (a `BTreeMap` and `serde_json::Map`) sorted; what is left to check is what RFC 8785
/// and our subset forbid: floating-point numbers and non-ASCII keys.
pub fn canonical_payload(payload: &Payload) -> Result<Vec<u8>, String> {
    if let Some(key) = payload.centre.keys().find(|k| !k.is_ascii()) {
        return Err(format!("the centre field {key:?} is not ASCII"));
    }
    serde_json::to_vec(payload).map_err(|e| e.to_string())
}

/// The canonical bytes of a whole signed document (a result, a self-assessment) around
/// its canonical payload; `signature` is a [`Signature`] or, for an unsigned
/// self-assessment, `None`.
pub(crate) fn canonical_file(format: &str, message: &[u8], signature: &impl Serialize) -> Vec<u8> {
    let mut out = Vec::with_capacity(message.len() + 256);
    out.extend_from_slice(b"{\"format\":");
    // Writing a string or a struct of strings into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut out, format);
    out.extend_from_slice(b",\"payload\":");
    out.extend_from_slice(message);
    out.extend_from_slice(b",\"signature\":");
    let _ = serde_json::to_writer(&mut out, signature);
    out.push(b'}');
    out
}

/// Signs a payload.
pub fn sign(payload: &Payload, identity: &Identity) -> Result<SignedResult, ExportError> {
    let message = canonical_payload(payload).map_err(ExportError::Canonical)?;
    let signature = Signature {
        algorithm: "ed25519".into(),
        public_key: identity.public.public_key.clone(),
        value: B64.encode(identity.sign(&message)),
    };
    let bytes = canonical_file(FORMAT, &message, &signature);
    Ok(SignedResult {
        bytes,
        sha256: sha256_hex(&message),
        fingerprint: identity.fingerprint(),
        is_final: payload.is_final,
    })
}

/// The completeness gate, the payload and the signature of an inspection's result; the
/// inspection is not changed.
pub fn sign_inspection(
    insp: &Inspection,
    identity: &Identity,
    draft: bool,
) -> Result<SignedResult, ExportError> {
    if insp.meta().purpose == crate::inspection::Purpose::SelfAssessment {
        return Err(ExportError::SelfAssessment);
    }
    let missing = missing_for_final(insp.catalogue(), insp.meta().model, insp.answers());
    if !missing.is_empty() && !draft {
        return Err(ExportError::Incomplete(describe_missing(&missing)));
    }
    let payload = payload(
        insp,
        &identity.public.name,
        !draft,
        &crate::support::time::now_utc(),
    )?;
    let signed = sign(&payload, identity)?;
    if signed.bytes.len() as u64 > MAX_RESULT_BYTES {
        return Err(ExportError::TooLarge {
            bytes: signed.bytes.len(),
            limit: MAX_RESULT_BYTES,
        });
    }
    Ok(signed)
}

/// "  1.1: 1.1.2, 1.1.3" lines for the standards that keep a result from being final.
fn describe_missing(missing: &[(Code, Vec<Code>)]) -> String {
    missing
        .iter()
        .map(|(g, codes)| {
            format!(
                "  {g}: {}",
                codes
                    .iter()
                    .map(Code::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Exports an open inspection to `out`: signs the result, writes it (never over anything,
/// complete or not at all), and only then records its hash in the inspection so that the
/// next export supersedes it. A failure at any step leaves no result file and the
/// inspection as it was.
pub fn export(
    insp: &mut Inspection,
    identity: &Identity,
    draft: bool,
    out: &std::path::Path,
) -> Result<SignedResult, ExportError> {
    let signed = sign_inspection(insp, identity, draft)?;
    crate::support::files::write_new(out, &signed.bytes)?;
    if let Err(e) = insp.record_result(&signed.sha256) {
        // Unrecorded, the next export would not name it as superseded: it must not exist.
        let _ = std::fs::remove_file(out);
        return Err(e.into());
    }
    Ok(signed)
}

/// What changed between two results (the caller has verified both).
///
/// The newer one supersedes the older only when it names it, comes from the same
/// inspection and is signed with the same key, as in the commission overview.
pub fn diff(old_file: &ResultFile, new_file: &ResultFile, old_sha: &str) -> Vec<String> {
    let (old, new) = (&old_file.payload, &new_file.payload);
    let key = |f: &ResultFile| {
        keys::decode_public_key(&f.signature.public_key)
            .map_or_else(|| "?".to_string(), |k| fingerprint(&k.to_bytes()))
    };
    let same_signer = old_file.signature.public_key == new_file.signature.public_key;
    let mut lines = Vec::new();
    match &new.supersedes {
        Some(s) if s == old_sha && same_signer && old.inspection_id == new.inspection_id => {
            lines.push("the new result supersedes the old one".to_string())
        }
        Some(s) if s == old_sha => lines.push(
            "the new result names the old one as superseded, but it does not supersede it: it is signed with a different key, or comes from another inspection".to_string(),
        ),
        Some(s) => lines.push(format!("the new result supersedes another result ({s})")),
        None => lines.push("the new result does not name the old one as superseded".to_string()),
    }
    if !same_signer {
        lines.push(format!(
            "DIFFERENT SIGNERS: the old result is signed with key {}, the new one with key {}",
            key(old_file),
            key(new_file)
        ));
    }
    if old.inspection_id != new.inspection_id {
        lines.push("the results come from different inspections".into());
    }
    if old.model != new.model {
        lines.push(format!("model: {} → {}", old.model, new.model));
    }
    if old.is_final != new.is_final {
        lines.push(format!("final: {} → {}", old.is_final, new.is_final));
    }
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    let keys: BTreeSet<&String> = old.centre.keys().chain(new.centre.keys()).collect();
    for k in keys {
        let (a, b) = (old.centre.get(k).cloned(), new.centre.get(k).cloned());
        if a != b {
            lines.push(format!("centre {k}: {} → {}", show(&a), show(&b)));
        }
    }
    let old_std: BTreeMap<&str, &StandardEntry> =
        old.standards.iter().map(|s| (s.code.as_str(), s)).collect();
    let mut codes: Vec<Code> = old
        .standards
        .iter()
        .chain(&new.standards)
        .filter_map(|s| s.code.parse().ok())
        .collect();
    codes.sort();
    codes.dedup();
    let new_std: BTreeMap<&str, &StandardEntry> =
        new.standards.iter().map(|s| (s.code.as_str(), s)).collect();
    let grade = |g: Option<u8>| g.map_or("—".to_string(), |g| g.to_string());
    for code in codes {
        let (a, b) = (old_std.get(code.as_str()), new_std.get(code.as_str()));
        match (a, b) {
            (Some(a), Some(b)) => {
                if a.commission != b.commission {
                    lines.push(format!(
                        "{code} commission: {} → {}",
                        grade(a.commission),
                        grade(b.commission)
                    ));
                }
                if a.self_grade != b.self_grade {
                    lines.push(format!(
                        "{code} self: {} → {}",
                        grade(a.self_grade),
                        grade(b.self_grade)
                    ));
                }
                if a.na_reason != b.na_reason {
                    lines.push(format!(
                        "{code} not applicable: {} → {}",
                        show(&a.na_reason),
                        show(&b.na_reason)
                    ));
                }
                if a.note != b.note {
                    lines.push(format!("{code} note: {:?} → {:?}", a.note, b.note));
                }
            }
            (Some(_), None) => lines.push(format!("{code}: only in the old result")),
            (None, Some(_)) => lines.push(format!("{code}: only in the new result")),
            (None, None) => {}
        }
    }
    for (a, b) in old.documents.iter().zip(&new.documents) {
        if a != b {
            lines.push(format!(
                "document {}: {:?} {:?} → {:?} {:?}",
                a.number, a.present, a.note, b.present, b.note
            ));
        }
    }
    let total = |p: &Payload| {
        let c = &p.totals.commission;
        format!(
            "{} / {} points, {} %, {}",
            c.points,
            p.totals.max_points,
            c.percent.map_or_else(|| "—".to_string(), |x| x.to_string()),
            c.category
        )
    };
    if old.totals != new.totals {
        lines.push(format!("totals: {} → {}", total(old), total(new)));
    }
    lines
}
