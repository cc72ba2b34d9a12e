//! The centre's self-assessment ("Самооцінка"), exchanged with the expert before the
//! visit: written by a centre's own akredit file (`export-self`) or filled in a
//! spreadsheet from a CSV template, read back, checked against the inspection, and
//! turned into changes of the self-assessment column.
//!
//! The JSON file follows the rules of the commission's result (canonical JSON, an
//! Ed25519 signature over the canonical payload) except that the signature may be
//! `null`: a centre without a key still hands in its grades, and the file says plainly
//! that nobody vouches for them.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};

use crate::answers::{Answers, Change, Column};
use crate::catalogue::{Catalogue, Code, Entry, Grade, ModelId, sha256_hex};
use crate::inspection::{Inspection, Purpose};
use crate::signed::{
    CatalogueRef, Identity, Signature, SignatureFault, canonical_file, fingerprint,
};

/// The format identifier of a self-assessment file.
pub const FORMAT: &str = "akredit-self/1";

/// The largest self-assessment file read: a filled-in template of the full model is
/// about 100 KiB, a JSON one with every note at its longest a few MiB.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// How many problems of a self-assessment are listed (the rest are counted): a sheet
/// with a million bad rows must not make a hundred-megabyte message.
pub const LISTED_PROBLEMS: usize = 50;

/// The first cell of a CSV template's first line; the line also names the model and the
/// catalogue, so that a sheet filled for the other model is refused.
pub const CSV_MARK: &str = "akredit-self-csv/1";

/// Why a self-assessment could not be written or read. Nothing is changed on any error.
#[derive(Debug, thiserror::Error)]
pub enum SelfError {
    /// `export-self` on an expert's inspection.
    #[error(
        "this file is the commission's inspection, not a centre's self-assessment; a centre makes a self-assessment file of its own"
    )]
    NotASelfAssessmentFile,
    /// `import-self` into a centre's own self-assessment file.
    #[error(
        "this file is a centre's self-assessment; the expert imports a self-assessment into the inspection file"
    )]
    ImportIntoSelfAssessment,
    /// The file is something else (a commission result, another JSON, not text).
    #[error("{0}")]
    NotSelf(String),
    /// The JSON does not have the shape of a self-assessment.
    #[error("the self-assessment file is malformed: {0}")]
    Malformed(String),
    /// The signature does not hold.
    #[error(
        "the self-assessment's signature does not hold ({0}): the file was changed after the centre signed it; ask the centre for the original file"
    )]
    BrokenSignature(String),
    /// Made with another catalogue of standards.
    #[error(
        "the self-assessment was made with another catalogue of standards ({file}), not this inspection's ({inspection}); the centre must fill in a template of this catalogue"
    )]
    OtherCatalogue {
        /// The file's catalogue SHA-256.
        file: String,
        /// The inspection's catalogue SHA-256.
        inspection: String,
    },
    /// Made for the other model.
    #[error(
        "the self-assessment is for the {file} model, but this inspection is of the {inspection} model; the centre must fill in a template of the {inspection} model"
    )]
    OtherModel {
        /// The file's model.
        file: String,
        /// The inspection's model.
        inspection: ModelId,
    },
    /// Codes or grades that do not fit the catalogue (one line per problem, the first
    /// [`LISTED_PROBLEMS`] of them).
    #[error("the self-assessment has errors; nothing was imported:\n{}", .0.join("\n"))]
    Rows(Vec<String>),
    /// Self grades entered by hand would be overwritten.
    #[error(
        "{} self-assessment grades already in the inspection differ from the file; nothing was changed:\n{}\nImport it again, replacing them, to take the file's grades",
        .0.len(),
        .0.iter().map(|c| format!("  {c}")).collect::<Vec<_>>().join("\n")
    )]
    WouldReplace(Vec<Conflict>),
    /// Writing the file failed.
    #[error("internal: {0}")]
    Canonical(String),
}

/// One standard of a self-assessment file.
///
/// Fields of this and the other file structs are declared in the order of their JSON
/// names, so that serde writes the canonical form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfGrade {
    /// The standard's code.
    pub code: String,
    /// The centre's grade, or `null` when not assessed.
    pub grade: Option<Grade>,
    /// The centre's note.
    pub note: String,
}

/// What a self-assessment file says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfPayload {
    /// The program that wrote it.
    pub akredit_version: String,
    /// The catalogue it was made with.
    pub catalogue: CatalogueRef,
    /// The application form.
    pub centre: BTreeMap<String, String>,
    /// When written (UTC).
    pub exported_at: String,
    /// Who filled it in (the name given when the file was made).
    pub filled_by: String,
    /// Every standard of the model, in the catalogue's order.
    pub grades: Vec<SelfGrade>,
    /// The id of the centre's self-assessment file.
    pub inspection_id: String,
    /// Always `self-assessment`.
    pub kind: String,
    /// The model.
    pub model: String,
    /// The name on the signing key, or `null` when unsigned.
    pub signer: Option<String>,
}

/// A whole self-assessment file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfFile {
    /// [`FORMAT`].
    pub format: String,
    /// What is (or would be) signed.
    pub payload: SelfPayload,
    /// The centre's signature, or `null`.
    pub signature: Option<Signature>,
}

/// A written self-assessment.
#[derive(Debug, Clone)]
pub struct SelfExport {
    /// The canonical bytes of the file.
    pub bytes: Vec<u8>,
    /// SHA-256 of the canonical payload.
    pub sha256: String,
    /// The signing key's fingerprint, when signed.
    pub fingerprint: Option<String>,
    /// Standards graded.
    pub graded: usize,
    /// Standards of the model.
    pub standards: usize,
}

/// Writes a centre's self-assessment file, signed when the centre has a key.
pub fn export_self(
    insp: &Inspection,
    identity: Option<&Identity>,
    exported_at: &str,
) -> Result<SelfExport, SelfError> {
    let meta = insp.meta();
    if meta.purpose != Purpose::SelfAssessment {
        return Err(SelfError::NotASelfAssessmentFile);
    }
    let catalogue = insp.catalogue();
    let answers = insp.answers();
    let grades: Vec<SelfGrade> = catalogue
        .model_standards(meta.model)
        .map(|s| {
            let a = answers.standards.get(&s.code);
            SelfGrade {
                code: s.code.to_string(),
                grade: a.and_then(|a| a.self_grade),
                note: a.map(|a| a.note.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let payload = SelfPayload {
        akredit_version: env!("CARGO_PKG_VERSION").to_string(),
        catalogue: CatalogueRef {
            id: catalogue.id.clone(),
            sha256: catalogue.sha256.clone(),
        },
        centre: answers.centre.clone(),
        exported_at: exported_at.to_string(),
        filled_by: meta.expert.clone(),
        grades,
        inspection_id: meta.inspection_id.to_string(),
        kind: "self-assessment".into(),
        model: meta.model.id().into(),
        signer: identity.map(|i| i.public.name.clone()),
    };
    let message = canonical_payload(&payload)?;
    let signature = identity.map(|i| Signature {
        algorithm: "ed25519".into(),
        public_key: i.public.public_key.clone(),
        value: B64.encode(i.sign(&message)),
    });
    Ok(SelfExport {
        bytes: canonical_file(FORMAT, &message, &signature),
        sha256: sha256_hex(&message),
        fingerprint: identity.map(Identity::fingerprint),
        graded: payload.grades.iter().filter(|g| g.grade.is_some()).count(),
        standards: payload.grades.len(),
    })
}

fn canonical_payload(payload: &SelfPayload) -> Result<Vec<u8>, SelfError> {
    if let Some(key) = payload.centre.keys().find(|k| !k.is_ascii()) {
        return Err(SelfError::Canonical(format!(
            "the centre field {key:?} is not ASCII"
        )));
    }
    serde_json::to_vec(payload).map_err(|e| SelfError::Canonical(e.to_string()))
}

/// Where a self-assessment came from, for the expert to judge how far to trust it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provenance {
    /// A JSON file signed by the centre's key.
    Signed {
        /// The name on the key.
        signer: String,
        /// The key's fingerprint (compare it with the one the centre gives).
        fingerprint: String,
    },
    /// A JSON file the centre did not sign.
    Unsigned,
    /// A filled-in CSV template (never signed).
    Csv,
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Provenance::Signed {
                signer,
                fingerprint,
            } => write!(f, "signed by {signer}, key {fingerprint}"),
            Provenance::Unsigned => f.write_str("UNSIGNED: nobody vouches for this file"),
            Provenance::Csv => f.write_str("a filled-in CSV template (CSV files are not signed)"),
        }
    }
}

/// A self-assessment read and checked against a catalogue and model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelfAssessment {
    /// Where it came from.
    pub provenance: Provenance,
    /// The centre's name, when the file gives it.
    pub centre_name: Option<String>,
    /// The grades the file gives, by code (`None`: the centre left it unassessed). A CSV
    /// may leave rows out; those standards are not touched by the import.
    pub grades: BTreeMap<Code, Option<Grade>>,
    /// How many standards carry a note of the centre. The notes stay in the centre's
    /// file: the inspection's note column is the expert's own.
    pub notes: usize,
    /// SHA-256 of the file's bytes, to name it in the expert's records.
    pub file_sha256: String,
}

/// Reads a self-assessment file — the JSON `export-self` writes or a filled-in CSV
/// template — and checks it against the inspection's catalogue and model.
pub fn read(
    bytes: &[u8],
    catalogue: &Catalogue,
    model: ModelId,
) -> Result<SelfAssessment, SelfError> {
    let file_sha256 = sha256_hex(bytes);
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Ok(text) = std::str::from_utf8(body) else {
        return Err(SelfError::NotSelf(
            "the file is not text in UTF-8: give the self-assessment file (JSON) the centre's akredit saved, or the CSV template saved as \"CSV UTF-8\"".into(),
        ));
    };
    if text.trim().is_empty() {
        return Err(SelfError::NotSelf(
            "the file is empty: give the self-assessment file (JSON) the centre's akredit saved, or the filled-in CSV template".into(),
        ));
    }
    let mut sa = if text.trim_start().starts_with('{') {
        read_json(text, catalogue, model)?
    } else {
        // The csv crate miscounts lines with CR LF ends (BurntSushi/rust-csv#395), and
        // spreadsheets on Windows write them: make the line numbers in messages right.
        read_csv(&text.replace("\r\n", "\n"), catalogue, model)?
    };
    sa.file_sha256 = file_sha256;
    Ok(sa)
}

fn read_json(
    text: &str,
    catalogue: &Catalogue,
    model: ModelId,
) -> Result<SelfAssessment, SelfError> {
    let file: SelfFile = match serde_json::from_str(text) {
        Ok(file) => file,
        // Only a file that does not parse is read a second time, to say what it is.
        Err(e) => {
            #[derive(Deserialize)]
            struct Probe {
                format: Option<String>,
            }
            let probe: Probe = serde_json::from_str(text)
                .map_err(|e| SelfError::NotSelf(format!("the file is not a JSON document: {e}")))?;
            return Err(match probe.format.as_deref() {
                Some(FORMAT) => SelfError::Malformed(e.to_string()),
                other => not_self(other),
            });
        }
    };
    if file.format != FORMAT {
        return Err(not_self(Some(&file.format)));
    }
    let p = &file.payload;
    let provenance = match &file.signature {
        None => Provenance::Unsigned,
        Some(sig) => {
            let message = canonical_payload(p)?;
            if canonical_file(FORMAT, &message, &file.signature) != text.as_bytes() {
                return Err(SelfError::BrokenSignature(
                    "the file is not in the canonical form it was signed in".into(),
                ));
            }
            let key = sig.check(&message).map_err(|fault| {
                SelfError::BrokenSignature(match fault {
                    SignatureFault::Mismatch => "it does not match the content".into(),
                    _ => "the key or signature is not a valid Ed25519 one".into(),
                })
            })?;
            Provenance::Signed {
                signer: p.signer.clone().unwrap_or_default(),
                fingerprint: fingerprint(&key),
            }
        }
    };
    if p.kind != "self-assessment" {
        return Err(SelfError::Malformed(format!(
            "kind {:?}, expected \"self-assessment\"",
            p.kind
        )));
    }
    if p.catalogue.sha256 != catalogue.sha256 {
        return Err(SelfError::OtherCatalogue {
            file: format!("{} {}", p.catalogue.id, p.catalogue.sha256),
            inspection: format!("{} {}", catalogue.id, catalogue.sha256),
        });
    }
    if p.model != model.id() {
        return Err(SelfError::OtherModel {
            file: p.model.clone(),
            inspection: model,
        });
    }
    let mut errors = Vec::new();
    let mut grades = BTreeMap::new();
    for (i, g) in p.grades.iter().enumerate() {
        let at = format!("standard #{}", i + 1);
        match checked_code(catalogue, model, &g.code) {
            Err(e) => errors.push(format!("  {at}: {e}")),
            Ok(code) => {
                if let Some(grade) = g.grade
                    && let Some(s) = catalogue.standard(&code)
                    && !s.scale.allows(grade)
                {
                    errors.push(format!(
                        "  {at}: {code}: grade {grade} is not on its {} scale; allowed: {}",
                        s.scale,
                        s.scale.describe_grades()
                    ));
                }
                if grades.insert(code.clone(), g.grade).is_some() {
                    errors.push(format!("  {at}: {code} appears more than once"));
                }
            }
        }
    }
    let missing: Vec<String> = catalogue
        .model_standards(model)
        .filter(|s| !grades.contains_key(&s.code))
        .map(|s| s.code.to_string())
        .collect();
    if !missing.is_empty() {
        errors.push(format!(
            "  {} standards of the {model} model are missing: {}",
            missing.len(),
            missing.join(", ")
        ));
    }
    if !errors.is_empty() {
        return Err(SelfError::Rows(capped(errors)));
    }
    Ok(SelfAssessment {
        provenance,
        centre_name: p.centre.get(crate::answers::CENTRE_NAME).cloned(),
        grades,
        notes: p
            .grades
            .iter()
            .filter(|g| !g.note.trim().is_empty())
            .count(),
        file_sha256: String::new(),
    })
}

/// The first [`LISTED_PROBLEMS`] problems, and a line that counts the others.
fn capped(mut errors: Vec<String>) -> Vec<String> {
    if errors.len() > LISTED_PROBLEMS {
        let more = errors.len() - LISTED_PROBLEMS;
        errors.truncate(LISTED_PROBLEMS);
        errors.push(format!("  … and {more} more problems of the same kind"));
    }
    errors
}

/// Why a JSON file with this `format` (or none) is not a self-assessment.
fn not_self(format: Option<&str>) -> SelfError {
    SelfError::NotSelf(match format {
        Some(crate::signed::FORMAT) => {
            "this is a commission's signed result, not a centre's self-assessment".into()
        }
        Some(other) => {
            format!("this is a {other:?} file, not a centre's self-assessment ({FORMAT})")
        }
        None => format!(
            "this JSON is not a centre's self-assessment (it has no \"format\": \"{FORMAT}\")"
        ),
    })
}

/// The code, if it names a standard the model counts; otherwise why not.
fn checked_code(catalogue: &Catalogue, model: ModelId, text: &str) -> Result<Code, String> {
    let code: Code = text
        .parse()
        .map_err(|e: crate::catalogue::BadCode| e.to_string())?;
    crate::answers::validate(
        catalogue,
        model,
        &Change::Note {
            code: code.clone(),
            text: String::new(),
        },
    )
    .map_err(|e| e.to_string())?;
    match catalogue.entry(&code) {
        Some(Entry::Standard(_)) => Ok(code),
        _ => Err(format!("{code} is not a standard")),
    }
}

/// The CSV template a centre fills in a spreadsheet: a first line naming the format,
/// model and catalogue, a header, and one row per standard of the model with its
/// title, scale and allowed grades; the centre fills the `grade` (and `note`) cells.
/// UTF-8 with a byte-order mark, so that LibreOffice and Excel show Cyrillic.
pub fn template_csv(catalogue: &Catalogue, model: ModelId) -> Result<Vec<u8>, SelfError> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(&mut out);
        let fail = |e: csv::Error| SelfError::Canonical(e.to_string());
        w.write_record([
            CSV_MARK,
            &format!("model={}", model.id()),
            &format!("catalogue={}", catalogue.sha256),
            "Самооцінка за наказом МОЗ № 169: заповніть стовпець «оцінка» (0–3 або літера); цей рядок не змінюйте",
        ])
        .map_err(fail)?;
        w.write_record([
            "код (code)",
            "назва (title)",
            "шкала (scale)",
            "допустимі оцінки (allowed grades)",
            "оцінка (grade)",
            "примітка (note)",
        ])
        .map_err(fail)?;
        for s in catalogue.model_standards(model) {
            w.write_record([
                s.code.as_str(),
                s.title
                    .as_deref()
                    .unwrap_or("(текст стандарту в копії Наказу відсутній)"),
                &s.scale.to_string(),
                &s.scale.describe_grades(),
                "",
                "",
            ])
            .map_err(fail)?;
        }
        w.flush().map_err(|e| SelfError::Canonical(e.to_string()))?;
    }
    Ok(out)
}

const GRADE_COLUMN: usize = 4;
const NOTE_COLUMN: usize = 5;

fn read_csv(
    text: &str,
    catalogue: &Catalogue,
    model: ModelId,
) -> Result<SelfAssessment, SelfError> {
    // Excel in a Ukrainian locale saves "CSV" with semicolons: take whichever separator
    // the first line uses more.
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut errors = Vec::new();
    let mut grades = BTreeMap::new();
    let mut seen_rows: BTreeSet<Code> = BTreeSet::new();
    let mut notes = 0;
    for (index, record) in reader.records().enumerate() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(index + 1, |p| p.line() as usize);
                errors.push(format!("  line {line}: {e}"));
                continue;
            }
        };
        let line = record.position().map_or(index + 1, |p| p.line() as usize);
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        if index == 0 && cell(0) == CSV_MARK {
            for field in record.iter().skip(1) {
                if let Some(m) = field.strip_prefix("model=")
                    && m != model.id()
                {
                    return Err(SelfError::OtherModel {
                        file: m.to_string(),
                        inspection: model,
                    });
                }
                if let Some(sha) = field.strip_prefix("catalogue=")
                    && sha != catalogue.sha256
                {
                    return Err(SelfError::OtherCatalogue {
                        file: sha.to_string(),
                        inspection: catalogue.sha256.clone(),
                    });
                }
            }
            continue;
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        // The header row (or any row whose first cell is not a number) is skipped only
        // before the first standard; later it is an error.
        let code_text = cell(0);
        if seen_rows.is_empty() && !code_text.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let code = match checked_code(catalogue, model, code_text) {
            Ok(code) => code,
            Err(e) => {
                errors.push(format!("  line {line}: {e}"));
                continue;
            }
        };
        if !seen_rows.insert(code.clone()) {
            errors.push(format!("  line {line}: {code} appears more than once"));
            continue;
        }
        let grade_text = cell(GRADE_COLUMN);
        let grade = if grade_text.is_empty() {
            None
        } else {
            let scale = catalogue.standard(&code).map(|s| s.scale);
            match scale.map(|s| s.parse_grade(grade_text)) {
                Some(Ok(g)) => Some(g),
                Some(Err(e)) => {
                    errors.push(format!("  line {line}: {code}: {e}"));
                    continue;
                }
                None => None,
            }
        };
        if !cell(NOTE_COLUMN).is_empty() {
            notes += 1;
        }
        grades.insert(code, grade);
    }
    if grades.is_empty() && errors.is_empty() {
        errors.push(format!(
            "  no standard rows found: the first column must hold codes like 1.1.3 and column {} the grades, as in the template",
            GRADE_COLUMN + 1
        ));
    }
    if !errors.is_empty() {
        return Err(SelfError::Rows(capped(errors)));
    }
    Ok(SelfAssessment {
        provenance: Provenance::Csv,
        centre_name: None,
        grades,
        notes,
        file_sha256: String::new(),
    })
}

impl SelfAssessment {
    /// The file's centre name when it is not the inspection's: most likely another
    /// centre's self-assessment (the import goes on; the expert is told).
    pub fn other_centre(&self, answers: &Answers) -> Option<&str> {
        let name = self.centre_name.as_deref()?;
        let ours = Some(answers.centre_name()).filter(|n| !n.is_empty())?;
        (crate::answers::centre_name_key(name) != crate::answers::centre_name_key(ours))
            .then_some(name)
    }
}

/// A self grade already in the inspection that the import would change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The standard.
    pub code: Code,
    /// The grade in the inspection.
    pub current: Grade,
    /// The file's grade (`None`: the file leaves it unassessed).
    pub imported: Option<Grade>,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.imported {
            Some(g) => write!(
                f,
                "{}: {} in the inspection, {g} in the file",
                self.code, self.current
            ),
            None => write!(
                f,
                "{}: {} in the inspection, not assessed in the file",
                self.code, self.current
            ),
        }
    }
}

/// What importing a self-assessment would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPlan {
    /// The changes of the self-assessment column, in code order.
    pub changes: Vec<Change>,
    /// Self grades entered before that the changes would overwrite.
    pub conflicts: Vec<Conflict>,
    /// Standards whose self grade already equals the file's.
    pub unchanged: usize,
}

/// Plans the import of `sa` into an inspection's answers.
pub fn plan(answers: &Answers, sa: &SelfAssessment) -> ImportPlan {
    let mut plan = ImportPlan {
        changes: Vec::new(),
        conflicts: Vec::new(),
        unchanged: 0,
    };
    for (code, &imported) in &sa.grades {
        let current = answers.standards.get(code).and_then(|a| a.self_grade);
        if current == imported {
            plan.unchanged += 1;
            continue;
        }
        if let Some(current) = current {
            plan.conflicts.push(Conflict {
                code: code.clone(),
                current,
                imported,
            });
        }
        plan.changes.push(Change::Grade {
            code: code.clone(),
            column: Column::SelfAssessment,
            grade: imported,
        });
    }
    plan
}

/// Imports a self-assessment into an expert's inspection in one transaction. Without
/// `replace`, refuses (changing nothing) when self grades already entered would change.
pub fn import(
    insp: &mut Inspection,
    sa: &SelfAssessment,
    replace: bool,
) -> Result<ImportPlan, ImportError> {
    if insp.meta().purpose != Purpose::Inspection {
        return Err(SelfError::ImportIntoSelfAssessment.into());
    }
    let plan = plan(insp.answers(), sa);
    if !plan.conflicts.is_empty() && !replace {
        return Err(SelfError::WouldReplace(plan.conflicts).into());
    }
    insp.apply(&plan.changes)?;
    Ok(plan)
}

/// Why an import failed: the self-assessment, or the inspection file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The self-assessment.
    #[error(transparent)]
    SelfAssessment(#[from] SelfError),
    /// The inspection file.
    #[error(transparent)]
    Store(#[from] crate::inspection::StoreError),
}
