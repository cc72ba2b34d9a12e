//! `akredit verify` of a document's PDF (a conclusion or a protocol): the signed result
//! embedded in it is verified as a result file is, and the figures its pages print are
//! compared with the result's — so that a PDF whose pages were edited after it was made
//! says so, even where its embedded result still verifies.

use crate::catalogue::Catalogue;
use crate::protocol::RESULT_ATTACHMENT;
use crate::signed::{TrustedKey, Verification};
use crate::support::pdf::{PdfReadError, read};

/// What checking a document's PDF found.
#[derive(Debug)]
pub struct PdfCheck {
    /// The embedded result's verification.
    pub verification: Verification,
    /// Whether the PDF is a conclusion (else a protocol).
    pub conclusion: bool,
    /// Each line that carries the result's figures, and whether the pages print it.
    pub figures: Vec<(String, bool)>,
}

impl PdfCheck {
    /// The result verifies and the pages print every one of its figures.
    pub fn holds(&self) -> bool {
        self.verification.holds() && self.figures_match()
    }

    /// The pages print every one of the result's figures (and there are figures to look
    /// for: a result that does not read has none).
    pub fn figures_match(&self) -> bool {
        !self.figures.is_empty() && self.figures.iter().all(|(_, found)| *found)
    }
}

/// Why a PDF could not be checked at all.
#[derive(Debug, thiserror::Error)]
pub enum PdfCheckError {
    /// It does not read as a PDF.
    #[error("the PDF cannot be read ({0}); it may be damaged")]
    Unreadable(#[from] PdfReadError),
    /// It carries no signed result.
    #[error(
        "the PDF carries no signed result (no embedded {RESULT_ATTACHMENT}): it was not made by akredit from a signed result, or the result was removed; verify the result file itself"
    )]
    NoResult,
}

/// Checks a document's PDF: the embedded result, against `trusted`, and the figures.
pub fn check_pdf(
    bytes: &[u8],
    catalogue: &Catalogue,
    trusted: &[TrustedKey],
) -> Result<PdfCheck, PdfCheckError> {
    let contents = read(bytes)?;
    let result = contents
        .attachments
        .iter()
        .find(|(name, _)| name == RESULT_ATTACHMENT)
        .ok_or(PdfCheckError::NoResult)?;
    let verification = crate::signed::verify(&result.1, catalogue, trusted);
    let printed = squeeze(&contents.pages.concat());
    let conclusion = printed.contains(&squeeze(super::TITLE));
    let expected = match &verification.result {
        Some(r) if conclusion => super::figure_lines(&r.payload),
        Some(r) => crate::protocol::figure_lines(&r.payload),
        None => Vec::new(),
    };
    let figures = expected
        .into_iter()
        .map(|line| {
            let found = printed.contains(&squeeze(&line));
            (line, found)
        })
        .collect();
    Ok(PdfCheck {
        verification,
        conclusion,
        figures,
    })
}

/// Text without its white space: how a line is found whatever spacing or breaks the
/// extraction put in it.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}
