//! The centre's self-assessment ("Самооцінка"), exchanged with the expert before the
//! visit: written by a centre's own akredit file (`export-self`) or filled in a
//! spreadsheet from a CSV template, read back, checked against the inspection, and
//! turned into changes of the self-assessment column.
//!
//! The JSON file follows the rules of the commission's result (canonical JSON, an
//! Ed25519 signature over the canonical payload) except that the signature may be
//! `null`: a centre without a key still hands in its grades, and the file says plainly
//! that nobody vouches for them.

use std::collections::BTreeMap;
use std::fmt;

use crate::answers::{Answers, Change};
use crate::catalogue::{Catalogue, Code, Entry, Grade, ModelId, sha256_hex};

mod csv;
mod file;
mod import;

pub use self::csv::template_csv;
pub use file::{SelfExport, SelfFile, SelfGrade, SelfPayload, export_self};
pub use import::{Conflict, ImportError, ImportPlan, import, plan};

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
    /// A filled-in CSV template saved in Windows-1251 (older Excel), read as such.
    CsvWindows1251,
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
            Provenance::CsvWindows1251 => f.write_str(
                "a filled-in CSV template saved in Windows-1251, read as such (CSV files are not signed)",
            ),
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
    let (text, windows_1251) = match std::str::from_utf8(body) {
        Ok(text) => (std::borrow::Cow::Borrowed(text), false),
        Err(_) => (from_windows_1251(body)?, true),
    };
    if text.trim().is_empty() {
        return Err(SelfError::NotSelf(
            "the file is empty: give the self-assessment file (JSON) the centre's akredit saved, or the filled-in CSV template".into(),
        ));
    }
    let mut sa = if text.trim_start().starts_with('{') {
        file::read_json(&text, catalogue, model)?
    } else {
        // The csv crate miscounts lines with CR LF ends (BurntSushi/rust-csv#395), and
        // spreadsheets on Windows write them: make the line numbers in messages right.
        csv::read_csv(&text.replace("\r\n", "\n"), catalogue, model)?
    };
    if windows_1251 {
        sa.provenance = Provenance::CsvWindows1251;
    }
    sa.file_sha256 = file_sha256;
    Ok(sa)
}

/// What "CSV" means to Excel in a Ukrainian locale before "CSV UTF-8" existed: text in
/// Windows-1251. Such a file is read when it decodes entirely and is our template (its
/// first line names the format); anything else is refused with the step that fixes it.
fn from_windows_1251(body: &[u8]) -> Result<std::borrow::Cow<'_, str>, SelfError> {
    let refused = || {
        SelfError::NotSelf(
            "the file is not text in UTF-8: give the self-assessment file (JSON) the centre's akredit saved, or the CSV template saved as \"CSV UTF-8\" (in Excel: File → Save As → \"CSV UTF-8 (Comma delimited)\"; in LibreOffice: character set \"Unicode (UTF-8)\")".into(),
        )
    };
    let text = encoding_rs::WINDOWS_1251
        .decode_without_bom_handling_and_without_replacement(body)
        .ok_or_else(refused)?;
    if text.trim_start().starts_with(CSV_MARK) {
        Ok(text)
    } else {
        Err(refused())
    }
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

/// The first [`LISTED_PROBLEMS`] problems, and a line that counts the others.
pub(super) fn capped(mut errors: Vec<String>) -> Vec<String> {
    if errors.len() > LISTED_PROBLEMS {
        let more = errors.len() - LISTED_PROBLEMS;
        errors.truncate(LISTED_PROBLEMS);
        errors.push(format!("  … and {more} more problems of the same kind"));
    }
    errors
}

/// The code, if it names a standard the model counts; otherwise why not.
pub(super) fn checked_code(
    catalogue: &Catalogue,
    model: ModelId,
    text: &str,
) -> Result<Code, String> {
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
