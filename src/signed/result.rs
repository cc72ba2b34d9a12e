//! What a result file holds: the payload and its parts, the signature, and the history
//! rows as a result writes them.

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};

use super::keys;
use crate::answers::{Altered, Presented, Subject};
use crate::catalogue::{Code, ModelId};
use crate::scoring::{self, Category, Percent};

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
    /// Who of the expert group made the commission grade or the "not applicable"
    /// decision, when it is not the inspection's expert (see [`Payload::author_of`]);
    /// written only then, so results of one expert keep their bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
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
    /// The recommendation, when one is recorded; written only then, so results without
    /// recommendations keep the bytes of akredit 0.2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommendation: Option<RecommendationEntry>,
    /// Self-assessment grade.
    #[serde(rename = "self")]
    pub self_grade: Option<u8>,
}

/// A standard's recommendation in a result (see [`crate::answers::Recommendation`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecommendationEntry {
    /// The deadline, `YYYY-MM-DD`.
    pub due: Option<String>,
    /// Who is responsible.
    pub owner: String,
    /// What to remedy.
    pub text: String,
}

impl RecommendationEntry {
    /// The entry of a recommendation; `None` when nothing is recorded.
    pub fn of(r: &crate::answers::Recommendation) -> Option<RecommendationEntry> {
        (!r.is_empty()).then(|| RecommendationEntry {
            due: r.due.clone(),
            owner: r.owner.clone(),
            text: r.text.clone(),
        })
    }

    /// The recommendation it records.
    pub fn recommendation(entry: Option<&RecommendationEntry>) -> crate::answers::Recommendation {
        entry.map_or_else(Default::default, |e| crate::answers::Recommendation {
            text: e.text.clone(),
            due: e.due.clone(),
            owner: e.owner.clone(),
        })
    }
}

/// One mandatory document in a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentEntry {
    /// Not applicable (document 13 when the centre does no such work); written only when
    /// true, so results of documents that are present or missing keep their bytes.
    #[serde(default, skip_serializing_if = "is_false")]
    pub not_applicable: bool,
    /// Note.
    pub note: String,
    /// Number 1–13.
    pub number: u8,
    /// Present, missing, or not checked (`null` also when not applicable).
    pub present: Option<bool>,
}

fn is_false(value: &bool) -> bool {
    !*value
}

impl DocumentEntry {
    /// The entry of a document's check.
    pub fn new(number: u8, present: Option<Presented>, note: String) -> DocumentEntry {
        DocumentEntry {
            not_applicable: present == Some(Presented::NotApplicable),
            note,
            number,
            present: match present {
                Some(Presented::Yes) => Some(true),
                Some(Presented::No) => Some(false),
                Some(Presented::NotApplicable) | None => None,
            },
        }
    }

    /// The check it records; `None` when it says both "not applicable" and present or
    /// missing, which akredit never writes (as when not checked).
    pub fn check(&self) -> Option<Presented> {
        match (self.not_applicable, self.present) {
            (true, None) => Some(Presented::NotApplicable),
            (false, Some(true)) => Some(Presented::Yes),
            (false, Some(false)) => Some(Presented::No),
            _ => None,
        }
    }

    /// Whether it says both "not applicable" and present or missing.
    pub fn contradicts_itself(&self) -> bool {
        self.not_applicable && self.present.is_some()
    }
}

/// What a history row of a result is about (`"standard"`, `"centre"`, `"document"`,
/// `"inspection"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HistorySubject {
    /// A standard (the row has a `code`).
    Standard,
    /// The application form.
    Centre,
    /// A mandatory document (the row has a `document` number).
    Document,
    /// A member of the expert group (the row has a `member` name).
    Member,
    /// The inspection's facts: the expert, the visit date, the model.
    Inspection,
    /// A piece of evidence (the row has an `evidence` number).
    Evidence,
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
    /// The attachment's number, for a row about evidence; written only then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<u32>,
    /// The field.
    pub field: String,
    /// Sequence number.
    pub id: i64,
    /// The member of the expert group, for a row about one; written only then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
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
    /// The expert group's general conclusion; written only when there is one, so results
    /// without it keep the bytes of akredit 0.2.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub conclusion: String,
    /// The mandatory documents.
    pub documents: Vec<DocumentEntry>,
    /// The evidence manifest: each attachment's record and caption, never its bytes;
    /// written only when there is evidence (results without it keep their bytes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceEntry>,
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
    /// The expert group, head first; written only when the inspection has one (results
    /// of one expert keep their bytes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub team: Vec<TeamEntry>,
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

    /// The grades, N/A decisions and notes the result records, as answers (a code that is
    /// not one is left out: in a verified result every code is one).
    pub fn answers(&self) -> crate::answers::Answers {
        let mut answers = crate::answers::Answers::default();
        for e in &self.standards {
            let Ok(code) = e.code.parse() else {
                continue;
            };
            let answer = crate::answers::Answer {
                commission: e.commission,
                self_grade: e.self_grade,
                na_reason: e.na_reason.clone(),
                note: e.note.clone(),
                recommendation: RecommendationEntry::recommendation(e.recommendation.as_ref()),
                author: e.author.clone(),
            };
            if answer != crate::answers::Answer::default() {
                answers.standards.insert(code, answer);
            }
        }
        answers.conclusion = self.conclusion.clone();
        answers.team = self.team_members();
        answers.evidence = self
            .evidence
            .iter()
            .filter_map(|e| Some((e.number, e.evidence()?)))
            .collect();
        answers
    }

    /// The expert group the result records, as the answers hold it (an entry whose
    /// values akredit would not write is left out: in a verified result there is none).
    pub fn team_members(&self) -> BTreeMap<String, crate::answers::Member> {
        self.team
            .iter()
            .filter_map(|t| Some((t.name.clone(), t.member()?)))
            .collect()
    }

    /// Who graded a standard of the result: its recorded author, else the expert the
    /// result names, when it is graded or not applicable at all.
    pub fn author_of<'a>(&'a self, entry: &'a StandardEntry) -> Option<&'a str> {
        let decided = entry.commission.is_some() || entry.na;
        entry
            .author
            .as_deref()
            .or_else(|| decided.then_some(self.expert.as_str()))
    }

    /// The head of the expert group the result names, if any.
    pub fn head(&self) -> Option<&TeamEntry> {
        self.team.iter().find(|t| t.role == "head")
    }
}

/// One attachment in a result's evidence manifest: what file (its SHA-256 proves which),
/// for what, and its caption.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceEntry {
    /// When it was attached (UTC).
    pub attached_at: String,
    /// The expert's caption (empty: none).
    pub caption: String,
    /// Its media type (`image/jpeg`, `application/pdf`, …).
    pub media_type: String,
    /// The file's name as attached.
    pub name: String,
    /// The attachment's number in the inspection.
    pub number: u32,
    /// The photo as given, when the bytes kept (and named here) are a smaller copy made
    /// on attach; absent otherwise, as in every result before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<crate::answers::Original>,
    /// SHA-256 of its bytes, hexadecimal.
    pub sha256: String,
    /// Its size in bytes.
    pub size: u64,
    /// When a photo was taken, as its EXIF says.
    pub taken_at: Option<String>,
    /// The standard's code or `doc:N`.
    pub target: String,
}

impl EvidenceEntry {
    /// The entry of attachment `number`.
    pub fn of(number: u32, e: &crate::answers::Evidence) -> EvidenceEntry {
        let a = &e.attachment;
        EvidenceEntry {
            attached_at: a.attached_at.clone(),
            caption: e.caption.clone(),
            media_type: a.media_type.clone(),
            name: a.name.clone(),
            number,
            original: a.original.clone(),
            sha256: a.sha256.clone(),
            size: a.size,
            taken_at: a.taken_at.clone(),
            target: a.target.to_string(),
        }
    }

    /// The evidence it records; `None` when a value is not one akredit writes.
    pub fn evidence(&self) -> Option<crate::answers::Evidence> {
        let attachment = crate::answers::Attachment {
            target: crate::answers::Target::parse(&self.target)?,
            sha256: self.sha256.clone(),
            name: self.name.clone(),
            media_type: self.media_type.clone(),
            size: self.size,
            taken_at: self.taken_at.clone(),
            attached_at: self.attached_at.clone(),
            original: self.original.clone(),
        };
        // The record's own rules (a SHA-256 in hex, a name, a type).
        crate::answers::Attachment::parse(&attachment.stored())?;
        Some(crate::answers::Evidence {
            attachment,
            caption: self.caption.clone(),
        })
    }
}

/// One member of the expert group in a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamEntry {
    /// The groups assigned, as codes.
    pub groups: Vec<String>,
    /// Their public key, base64, when recorded.
    pub key: Option<String>,
    /// Full name.
    pub name: String,
    /// The last of their parts merged (`TIME SHA256`), when one was.
    pub part: Option<String>,
    /// Position.
    pub position: String,
    /// `head` or `expert`.
    pub role: String,
}

impl TeamEntry {
    /// The entry of a member.
    pub fn of(name: &str, m: &crate::answers::Member) -> TeamEntry {
        TeamEntry {
            groups: m.groups.iter().map(|g| g.to_string()).collect(),
            key: m.key.clone(),
            name: name.to_string(),
            part: m.part.as_ref().map(crate::answers::MergedPart::stored),
            position: m.position.clone(),
            role: m.role.id().to_string(),
        }
    }

    /// The member it records; `None` when a value is not one akredit writes.
    pub fn member(&self) -> Option<crate::answers::Member> {
        Some(crate::answers::Member {
            role: crate::answers::Role::parse(&self.role)?,
            position: self.position.clone(),
            key: match &self.key {
                Some(k) if !crate::answers::is_public_key(k) => return None,
                k => k.clone(),
            },
            groups: self
                .groups
                .iter()
                .map(|g| g.parse().ok())
                .collect::<Option<Vec<_>>>()?,
            part: match &self.part {
                Some(p) => Some(crate::answers::MergedPart::parse(p)?),
                None => None,
            },
        })
    }

    /// The fingerprint of their key, when one is recorded and well formed.
    pub fn fingerprint(&self) -> Option<String> {
        let key = keys::decode_public_key(self.key.as_deref()?)?;
        Some(keys::fingerprint(&key.to_bytes()))
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
    /// The fingerprint of the key the signature names, when it is a well-formed one.
    pub fn fingerprint(&self) -> Option<String> {
        keys::decode_public_key(&self.public_key).map(|k| keys::fingerprint(&k.to_bytes()))
    }

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

/// One signature of a co-signed result (`akredit-result/2`): a member of the expert
/// group, named and with their role as the payload's team records them, and their
/// Ed25519 signature over the same canonical payload bytes as format 1's. Its fields are
/// declared in the order of their JSON names, so serde writes them canonically.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberSignature {
    /// The member's full name, as the team records it.
    pub name: String,
    /// The key it was made with, base64.
    pub public_key: String,
    /// `head` or `expert`, as the team records it.
    pub role: String,
    /// The signature, base64.
    pub value: String,
}

impl MemberSignature {
    /// The signature as format 1 writes one (algorithm `ed25519`), to check it.
    pub fn as_signature(&self) -> Signature {
        Signature {
            algorithm: "ed25519".into(),
            public_key: self.public_key.clone(),
            value: self.value.clone(),
        }
    }

    /// The fingerprint of the key it names, when it is a well-formed one.
    pub fn fingerprint(&self) -> Option<String> {
        keys::decode_public_key(&self.public_key).map(|k| keys::fingerprint(&k.to_bytes()))
    }

    /// The key it names, when it is a well-formed one.
    pub fn key(&self) -> Option<[u8; 32]> {
        keys::decode_public_key(&self.public_key).map(|k| k.to_bytes())
    }
}

/// A whole result document, of either format: `akredit-result/1`
/// (`{"format","payload","signature"}`) or, for a result with an expert group,
/// `akredit-result/2` (`{"format","payload","signatures":[…]}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ResultLayout", into = "ResultLayout")]
pub struct ResultFile {
    /// [`FORMAT`](super::FORMAT) or [`FORMAT_2`](super::FORMAT_2).
    pub format: String,
    /// What is signed.
    pub payload: Payload,
    /// The signature: format 1's only one; of format 2, the exporter's (the first of
    /// [`ResultFile::signatures`]) in format 1's form, so that what reads one signer
    /// reads the head's.
    pub signature: Signature,
    /// Format 2's signatures, the exporter's (the head's) first; empty for format 1.
    pub signatures: Vec<MemberSignature>,
}

impl ResultFile {
    /// Whether it is a co-signed result (`akredit-result/2`).
    pub fn is_cosigned(&self) -> bool {
        self.format == super::FORMAT_2
    }

    /// The canonical bytes of the whole file around its canonical payload `message`, in
    /// its format's layout.
    pub fn canonical_bytes(&self, message: &[u8]) -> Result<Vec<u8>, String> {
        if self.is_cosigned() {
            super::canonical::canonical_cosigned(&self.format, message, &self.signatures)
        } else {
            super::canonical_file(&self.format, message, &self.signature)
        }
    }
}

/// A result file as its JSON lays it out: `signature` (format 1) or `signatures`
/// (format 2), never both.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ResultLayout {
    format: String,
    payload: Payload,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    signature: Option<Signature>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    signatures: Option<Vec<MemberSignature>>,
}

impl TryFrom<ResultLayout> for ResultFile {
    type Error = String;

    fn try_from(r: ResultLayout) -> Result<ResultFile, String> {
        let cosigned = r.format == super::FORMAT_2;
        let (signature, signatures) = match (r.signature, r.signatures) {
            (Some(s), None) if !cosigned => (s, Vec::new()),
            (None, Some(list)) if cosigned => match list.first() {
                Some(first) => (first.as_signature(), list),
                None => return Err(format!("{} with no signature", super::FORMAT_2)),
            },
            (None, None) if cosigned => return Err("missing field `signatures`".into()),
            (None, None) => return Err("missing field `signature`".into()),
            _ if cosigned => {
                return Err(format!(
                    "{} carries `signatures`, not `signature`",
                    super::FORMAT_2
                ));
            }
            _ => {
                return Err(format!(
                    "only {} carries `signatures`; this file is {:?}",
                    super::FORMAT_2,
                    r.format
                ));
            }
        };
        Ok(ResultFile {
            format: r.format,
            payload: r.payload,
            signature,
            signatures,
        })
    }
}

impl From<ResultFile> for ResultLayout {
    fn from(r: ResultFile) -> ResultLayout {
        let cosigned = r.is_cosigned();
        ResultLayout {
            format: r.format,
            payload: r.payload,
            signature: (!cosigned).then_some(r.signature),
            signatures: cosigned.then_some(r.signatures),
        }
    }
}

/// A history row as a result (and `history --json`) writes it.
pub fn history_row(id: i64, at: &str, a: &Altered) -> HistoryRow {
    let (subject, code, document) = match a.subject() {
        Subject::Standard(c) => (HistorySubject::Standard, Some(c.to_string()), None),
        Subject::Centre => (HistorySubject::Centre, None, None),
        Subject::Document(n) => (HistorySubject::Document, None, Some(*n)),
        Subject::Inspection => (HistorySubject::Inspection, None, None),
        Subject::Member(_) => (HistorySubject::Member, None, None),
        Subject::Evidence(_) => (HistorySubject::Evidence, None, None),
    };
    HistoryRow {
        id,
        member: match a.subject() {
            Subject::Member(name) => Some(name.clone()),
            _ => None,
        },
        at: at.to_string(),
        subject,
        code,
        document,
        evidence: match a.subject() {
            Subject::Evidence(n) => Some(*n),
            _ => None,
        },
        field: a.field().as_str().to_string(),
        old: a.old_value().map(str::to_string),
        new: a.new_value().map(str::to_string),
    }
}

/// A result's history row as a typed change, or why it is not one akredit makes.
pub(crate) fn row_altered(row: &HistoryRow) -> Result<Altered, String> {
    if let Some(n) = row.evidence {
        return match (row.subject, &row.code, row.document, &row.member) {
            (HistorySubject::Evidence, None, None, None) if n > 0 => Altered::parse(
                Subject::Evidence(n),
                &row.field,
                row.old.clone(),
                row.new.clone(),
            )
            .map_err(|e| format!("history row {}: {e}", row.id)),
            _ => Err(format!(
                "history row {}: it names an attachment but is not about one",
                row.id
            )),
        };
    }
    let subject = match (row.subject, &row.code, row.document, &row.member) {
        (HistorySubject::Member, None, None, Some(name)) if !name.trim().is_empty() => {
            Subject::Member(name.clone())
        }
        (_, _, _, Some(_)) => {
            return Err(format!(
                "history row {}: it names a member but is not about one",
                row.id
            ));
        }
        (HistorySubject::Standard, Some(c), None, None) => Subject::Standard(
            c.parse()
                .map_err(|_| format!("history row {}: {c:?} is not a code", row.id))?,
        ),
        (HistorySubject::Centre, None, None, None) => Subject::Centre,
        (HistorySubject::Document, None, Some(n), None) => Subject::Document(n),
        (HistorySubject::Inspection, None, None, None) => Subject::Inspection,
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
