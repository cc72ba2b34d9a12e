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

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::answers::{Altered, Answer, Answers, DocumentCheck, Subject};
use crate::catalogue::{Catalogue, Code, ModelId, sha256_hex};
use crate::inspection::{Inspection, StoreError};
use crate::scoring;

pub use keys::{Identity, KeyError, fingerprint};

/// The format identifier of a result file.
pub const FORMAT: &str = "akredit-result/1";

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
    pub totals: Value,
    /// Visit date.
    pub visit_date: Option<String>,
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

/// Writes a new file durably (content synced), never over an existing one.
pub fn write_new_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), StoreError> {
    use std::io::Write as _;
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                StoreError::Exists(path.to_path_buf())
            } else {
                io(e)
            }
        })?;
    file.write_all(bytes).map_err(io)?;
    file.sync_all().map_err(io)
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
    let (subject, code, document) = match &a.subject {
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
        field: a.field.clone(),
        old: a.old.clone(),
        new: a.new.clone(),
    }
}

fn row_altered(row: &HistoryRow) -> Option<Altered> {
    let subject = match (row.subject, &row.code, row.document) {
        (HistorySubject::Standard, Some(c), None) => Subject::Standard(c.parse().ok()?),
        (HistorySubject::Centre, None, None) => Subject::Centre,
        (HistorySubject::Document, None, Some(n)) => Subject::Document(n),
        _ => return None,
    };
    Some(Altered {
        subject,
        field: row.field.clone(),
        old: row.old.clone(),
        new: row.new.clone(),
    })
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
                na_reason: a.na_reason,
                note: a.note,
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
        inspection_id: meta.inspection_id.clone(),
        standards,
        documents,
        totals: serde_json::to_value(&totals).map_err(|e| ExportError::Canonical(e.to_string()))?,
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
    // The totals are the one free-form value: walk them for floats and key order.
    canonical_json(&payload.totals)?;
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

/// Exports an open inspection: the completeness gate, the payload, the signature; then
/// records the result's hash in the inspection so that the next export supersedes it.
pub fn export(
    insp: &mut Inspection,
    identity: &Identity,
    draft: bool,
) -> Result<SignedResult, ExportError> {
    if insp.meta().purpose == crate::inspection::Purpose::SelfAssessment {
        return Err(ExportError::SelfAssessment);
    }
    let missing = missing_for_final(insp.catalogue(), insp.meta().model, insp.answers());
    if !missing.is_empty() && !draft {
        let lines: Vec<String> = missing
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
            .collect();
        return Err(ExportError::Incomplete(lines.join("\n")));
    }
    let payload = payload(
        insp,
        &identity.public.name,
        !draft,
        &crate::inspection::now_utc(),
    )?;
    let signed = sign(&payload, identity)?;
    insp.record_result(&signed.sha256)?;
    Ok(signed)
}

/// One check of a verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// What was checked.
    pub name: &'static str,
    /// The outcome.
    pub outcome: Outcome,
}

/// The outcome of a check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It holds (with what was found).
    Pass(String),
    /// It does not hold (why).
    Fail(String),
    /// Not checked (why).
    Skipped(String),
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.outcome {
            Outcome::Pass(d) => write!(f, "ok       {}: {d}", self.name),
            Outcome::Fail(d) => write!(f, "FAILED   {}: {d}", self.name),
            Outcome::Skipped(d) => write!(f, "skipped  {}: {d}", self.name),
        }
    }
}

/// Everything a verification found.
#[derive(Debug, Clone)]
pub struct Verification {
    /// The checks, in order.
    pub checks: Vec<Check>,
    /// The result, when it could be read.
    pub result: Option<ResultFile>,
    /// SHA-256 of the canonical payload, when the payload could be read and put in canonical form.
    pub sha256: Option<String>,
}

impl Verification {
    /// True when no check failed.
    pub fn holds(&self) -> bool {
        self.checks
            .iter()
            .all(|c| !matches!(c.outcome, Outcome::Fail(_)))
    }

    fn push(&mut self, name: &'static str, outcome: Outcome) {
        self.checks.push(Check { name, outcome });
    }
}

/// Verifies a result file's bytes against a catalogue and, when given, trusted keys.
pub fn verify(bytes: &[u8], catalogue: &Catalogue, trusted: &[[u8; 32]]) -> Verification {
    let mut v = Verification {
        checks: Vec::new(),
        result: None,
        sha256: None,
    };
    // 1. Format. One typed parse (unknown fields refused); the canonical form is then
    // what serializing it back gives, byte for byte.
    let result: ResultFile = match serde_json::from_slice(bytes) {
        Ok(r) => r,
        Err(e) if e.classify() == serde_json::error::Category::Data => {
            v.push(
                "format",
                Outcome::Fail(format!("not an akredit result: {e}")),
            );
            return v;
        }
        Err(e) => {
            v.push("format", Outcome::Fail(format!("not a JSON document: {e}")));
            return v;
        }
    };
    if result.format != FORMAT {
        v.push(
            "format",
            Outcome::Fail(format!("format {:?}, expected {FORMAT:?}", result.format)),
        );
        return v;
    }
    let message = match canonical_payload(&result.payload) {
        Ok(message) => {
            if canonical_file(&result.format, &message, &result.signature) == bytes {
                v.push("format", Outcome::Pass(format!("{FORMAT}, canonical")));
            } else {
                v.push(
                    "format",
                    Outcome::Fail(
                        "the file is not in canonical form: it was edited after signing".into(),
                    ),
                );
            }
            Some(message)
        }
        Err(e) => {
            v.push("format", Outcome::Fail(e));
            None
        }
    };

    // 2. Signature. A payload with no canonical form names no result, and no signature
    // can be over it (checked against nothing, it fails).
    v.sha256 = message.as_deref().map(sha256_hex);
    let message = message.unwrap_or_default();
    let signer = keys::decode_public_key(&result.signature.public_key);
    let outcome = match result.signature.check(&message) {
        Ok(key) => Outcome::Pass(format!(
            "valid, by {} (key {})",
            result.payload.signer,
            fingerprint(&key)
        )),
        Err(SignatureFault::UnknownAlgorithm(alg)) => {
            Outcome::Fail(format!("unknown algorithm {alg:?}"))
        }
        Err(SignatureFault::Malformed) => {
            Outcome::Fail("the public key or signature is not valid base64 Ed25519".into())
        }
        Err(SignatureFault::Mismatch) => {
            Outcome::Fail("does not match the payload: the result was changed after signing".into())
        }
    };
    v.push("signature", outcome);

    // 3. Trust.
    match (&signer, trusted.is_empty()) {
        (_, true) => v.push(
            "trusted signer",
            Outcome::Skipped("no --trust given; compare the fingerprint with the expert's".into()),
        ),
        (Some(key), false) if trusted.contains(&key.to_bytes()) => v.push(
            "trusted signer",
            Outcome::Pass(format!("key {} is trusted", fingerprint(&key.to_bytes()))),
        ),
        (Some(key), false) => v.push(
            "trusted signer",
            Outcome::Fail(format!(
                "key {} is not among the trusted keys",
                fingerprint(&key.to_bytes())
            )),
        ),
        (None, false) => v.push(
            "trusted signer",
            Outcome::Fail("no valid signer key".into()),
        ),
    }

    // 4. Catalogue.
    let p = &result.payload;
    if p.catalogue.sha256 == catalogue.sha256 {
        v.push(
            "catalogue",
            Outcome::Pass(format!(
                "{} (SHA-256 {}…)",
                catalogue.id,
                &catalogue.sha256[..16]
            )),
        );
    } else {
        v.push(
            "catalogue",
            Outcome::Fail(format!(
                "made with catalogue {} (SHA-256 {}), not the one loaded ({}); give the right one with --catalogue FILE",
                p.catalogue.id, p.catalogue.sha256, catalogue.sha256
            )),
        );
    }

    // 5. Standards: every standard of the model exactly once, grades on their scales.
    let model: Option<ModelId> = p.model.parse().ok();
    let answers = match model {
        None => {
            v.push(
                "standards",
                Outcome::Fail(format!("unknown model {:?}", p.model)),
            );
            None
        }
        Some(model) => match answers_from(p, catalogue, model) {
            Ok(a) => {
                v.push(
                    "standards",
                    Outcome::Pass(format!(
                        "all {} standards of the {model} model, each once",
                        p.standards.len()
                    )),
                );
                Some((model, a))
            }
            Err(e) => {
                v.push("standards", Outcome::Fail(e));
                None
            }
        },
    };

    // 6. Totals recomputed from the items.
    if let Some((model, answers)) = answers {
        let totals = scoring::totals(catalogue, model, &answers);
        match serde_json::to_value(&totals) {
            Ok(t) if t == p.totals => v.push(
                "totals",
                Outcome::Pass(format!(
                    "{} / {} points, {} %, category {} — recomputed",
                    totals.commission.points,
                    totals.max_points,
                    totals
                        .commission
                        .percent
                        .map_or("—".to_string(), |x| x.to_string()),
                    totals.commission.category
                )),
            ),
            _ => v.push(
                "totals",
                Outcome::Fail(format!(
                    "the totals do not follow from the grades (recomputed: {} / {} points, category {})",
                    totals.commission.points, totals.max_points, totals.commission.category
                )),
            ),
        }
        // 7. The history replays to the recorded state.
        let replayed: Option<Vec<Altered>> = p.history.iter().map(row_altered).collect();
        let ids_increase = p.history.windows(2).all(|w| w[0].id < w[1].id);
        match replayed {
            Some(rows) if ids_increase => {
                let state = Answers::replay(rows.iter());
                let mut recorded = answers;
                recorded.centre = p.centre.clone();
                recorded.documents = p
                    .documents
                    .iter()
                    .filter(|d| d.present.is_some() || !d.note.is_empty())
                    .map(|d| {
                        (
                            d.number,
                            DocumentCheck {
                                present: d.present,
                                note: d.note.clone(),
                            },
                        )
                    })
                    .collect();
                if state == recorded {
                    v.push(
                        "history",
                        Outcome::Pass(format!(
                            "{} changes replay to the recorded state",
                            rows.len()
                        )),
                    );
                } else {
                    v.push(
                        "history",
                        Outcome::Fail("the history does not replay to the recorded grades".into()),
                    );
                }
            }
            _ => v.push(
                "history",
                Outcome::Fail("a history row is malformed or out of order".into()),
            ),
        }
    }
    v.result = Some(result);
    v
}

fn answers_from(p: &Payload, catalogue: &Catalogue, model: ModelId) -> Result<Answers, String> {
    let mut answers = Answers::default();
    let mut seen = BTreeSet::new();
    for e in &p.standards {
        let code: Code = e
            .code
            .parse()
            .map_err(|_| format!("{:?} is not a code", e.code))?;
        let Some(s) = catalogue.standard(&code).filter(|s| s.in_model(model)) else {
            return Err(format!("{code} is not a standard of the {model} model"));
        };
        if !seen.insert(code.clone()) {
            return Err(format!("{code} appears more than once"));
        }
        for g in [e.commission, e.self_grade].into_iter().flatten() {
            if !s.scale.allows(g) {
                return Err(format!("{code}: grade {g} is not on its {} scale", s.scale));
            }
        }
        if e.na != e.na_reason.is_some()
            || e.na_reason.as_deref().is_some_and(|r| r.trim().is_empty())
        {
            return Err(format!(
                "{code}: not applicable without a reason, or a reason without N/A"
            ));
        }
        let answer = Answer {
            commission: e.commission,
            self_grade: e.self_grade,
            na_reason: e.na_reason.clone(),
            note: e.note.clone(),
        };
        if answer != Answer::default() {
            answers.standards.insert(code, answer);
        }
    }
    let expected = catalogue.model_standards(model).count();
    if seen.len() != expected {
        let missing: Vec<String> = catalogue
            .model_standards(model)
            .filter(|s| !seen.contains(&s.code))
            .map(|s| s.code.to_string())
            .collect();
        return Err(format!(
            "{} of {expected} standards present; missing: {}",
            seen.len(),
            missing.join(", ")
        ));
    }
    Ok(answers)
}

/// What changed between two results.
pub fn diff(old: &Payload, new: &Payload, old_sha: &str) -> Vec<String> {
    let mut lines = Vec::new();
    match &new.supersedes {
        Some(s) if s == old_sha => lines.push("the new result supersedes the old one".to_string()),
        Some(s) => lines.push(format!("the new result supersedes another result ({s})")),
        None => lines.push("the new result does not name the old one as superseded".to_string()),
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
        let c = &p.totals["commission"];
        format!(
            "{} / {} points, {} %, {}",
            c["points"],
            p.totals["max_points"],
            c["percent"].as_str().unwrap_or("—"),
            c["category"].as_str().unwrap_or("")
        )
    };
    if old.totals != new.totals {
        lines.push(format!("totals: {} → {}", total(old), total(new)));
    }
    lines
}
