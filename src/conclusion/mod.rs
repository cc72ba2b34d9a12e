//! The expert group's official documents for the commission, made from a result's
//! payload — a signed result, or an open inspection as a draft: the expert conclusion
//! (`form.rs`: what it says; `pdf.rs`, `docx.rs`: the two ways it is printed), the
//! corrective-action plan (`action_plan.rs`, a CSV the centre works through), and the
//! check of a document's PDF against the result embedded in it (`check.rs`).

mod action_plan;
mod check;
mod docx;
mod form;
mod pdf;

pub use action_plan::{ACTION_PLAN_HEADER, ActionRow, action_plan_csv, action_rows};
pub use check::{PdfCheck, PdfCheckError, check_pdf};
pub use docx::DocxError;
pub use form::{
    Block, Conclusion, DocTable, Signed, TITLE, category_sentence, conclusion, figure_lines,
    who_graded,
};

use crate::catalogue::Catalogue;
use crate::protocol::{ProtocolError, Provenance};
use crate::signed::Payload;

/// What a conclusion is written as: the file's extension says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentFormat {
    /// PDF/A-3u with the signed result embedded: what is signed and handed in.
    Pdf,
    /// An editable Word document.
    Docx,
}

impl DocumentFormat {
    /// The format a path's extension names (`.pdf`, `.docx`, in any case), if either.
    pub fn of_path(path: &std::path::Path) -> Option<DocumentFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(DocumentFormat::Pdf),
            "docx" => Some(DocumentFormat::Docx),
            _ => None,
        }
    }
}

/// The conclusion could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ConclusionError {
    /// The PDF could not be made.
    #[error(transparent)]
    Pdf(#[from] ProtocolError),
    /// The DOCX could not be made.
    #[error(transparent)]
    Docx(#[from] DocxError),
    /// The action plan could not be made.
    #[error("the action plan could not be made: {0}")]
    Csv(String),
    /// A document could not be written.
    #[error(transparent)]
    File(#[from] crate::support::files::FileError),
}

/// The documents written beside a signed result: the conclusion as PDF and as DOCX, and
/// the action plan.
#[derive(Debug, Clone)]
pub struct Beside {
    /// `NAME.conclusion.pdf`.
    pub pdf: std::path::PathBuf,
    /// `NAME.conclusion.docx`.
    pub docx: std::path::PathBuf,
    /// `NAME.action-plan.csv`.
    pub plan: std::path::PathBuf,
}

/// Writes the conclusion (PDF and DOCX) and the action plan of a result just signed and
/// written at `result_path` beside it, never over anything: all three are checked to be
/// free before any is written.
pub fn write_beside(
    result_path: &std::path::Path,
    signed: &crate::signed::SignedResult,
    catalogue: &Catalogue,
) -> Result<Beside, ConclusionError> {
    use crate::support::files::{FileError, occupied, write_new};
    let beside = Beside {
        pdf: result_path.with_extension("conclusion.pdf"),
        docx: result_path.with_extension("conclusion.docx"),
        plan: result_path.with_extension("action-plan.csv"),
    };
    for path in [&beside.pdf, &beside.docx, &beside.plan] {
        if occupied(path) {
            return Err(FileError::Exists(path.clone()).into());
        }
    }
    let provenance = Provenance::of(signed);
    let p = &signed.payload;
    let pdf = render(p, catalogue, Some(&provenance), DocumentFormat::Pdf)?;
    let docx = render(p, catalogue, Some(&provenance), DocumentFormat::Docx)?;
    let plan = action_plan_csv(p, catalogue).map_err(|e| ConclusionError::Csv(e.to_string()))?;
    write_new(&beside.pdf, &pdf)?;
    write_new(&beside.docx, &docx)?;
    write_new(&beside.plan, &plan)?;
    Ok(beside)
}

/// The conclusion of a result in `format`. `provenance` is the signed result it is made
/// of (its hash and key in the footer, the file itself embedded in the PDF); without one
/// the document is a draft.
pub fn render(
    payload: &Payload,
    catalogue: &Catalogue,
    provenance: Option<&Provenance>,
    format: DocumentFormat,
) -> Result<Vec<u8>, ConclusionError> {
    let signed = provenance.map(|p| Signed {
        sha256: &p.result_sha256,
        fingerprint: &p.fingerprint,
    });
    let doc = conclusion(payload, catalogue, signed);
    Ok(match format {
        DocumentFormat::Pdf => pdf::render(
            &doc,
            payload,
            catalogue,
            provenance
                .map(|p| p.result_file.as_slice())
                .filter(|b| !b.is_empty()),
        )?,
        DocumentFormat::Docx => docx::render(&doc, &payload.exported_at)?,
    })
}
