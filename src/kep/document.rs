//! The document a КЕП is over, as akredit knows it: a conclusion or protocol PDF with the
//! signed result embedded, or a signed result itself. Its result is verified (Ed25519,
//! totals, and for a PDF the figures its pages print) and its experts named, so that the
//! check closes the chain: qualified person → this document → these grades.

use crate::catalogue::Catalogue;
use crate::signed::{self, TrustedKey, Verification};

/// What kind of document was signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// The expert conclusion (PDF/A-3 with the result embedded).
    Conclusion,
    /// The protocol (PDF/A-3 with the result embedded).
    Protocol,
    /// A signed result (`akredit-result`).
    Result,
    /// A PDF that carries no akredit result, or a file that is not akredit's.
    Other,
}

/// What akredit found in the signed document.
#[derive(Debug, Clone)]
pub struct Document {
    /// Its kind.
    pub kind: DocumentKind,
    /// The experts it names: its expert group, head first, or its one expert; empty
    /// when it carries no result that reads.
    pub experts: Vec<String>,
    /// The embedded (or the) result's verification, when it has one.
    pub verification: Option<Verification>,
    /// For a PDF, whether its pages print the result's figures.
    pub figures_match: Option<bool>,
}

impl Document {
    /// The document carries an akredit result, and it fails: its signature or totals do
    /// not verify, or (of a PDF) its pages do not print its figures. A document that is
    /// not akredit's does not fail: a КЕП over it is checked all the same, and the report
    /// says it carries no result.
    pub fn fails(&self) -> bool {
        self.verification.as_ref().is_some_and(|v| !v.holds()) || self.figures_match == Some(false)
    }
}

/// Looks into a signed document.
pub fn examine(bytes: &[u8], catalogue: &Catalogue, trusted: &[TrustedKey]) -> Document {
    if bytes.starts_with(b"%PDF-") {
        return match crate::conclusion::check_pdf(bytes, catalogue, trusted) {
            Ok(check) => Document {
                kind: if check.conclusion {
                    DocumentKind::Conclusion
                } else {
                    DocumentKind::Protocol
                },
                experts: experts(&check.verification),
                figures_match: Some(check.figures_match()),
                verification: Some(check.verification),
            },
            Err(_) => other(),
        };
    }
    if bytes.first() == Some(&b'{')
        && serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok()
    {
        let verification = signed::verify(bytes, catalogue, trusted);
        if verification.result.is_some() {
            return Document {
                kind: DocumentKind::Result,
                experts: experts(&verification),
                figures_match: None,
                verification: Some(verification),
            };
        }
    }
    other()
}

fn other() -> Document {
    Document {
        kind: DocumentKind::Other,
        experts: Vec::new(),
        verification: None,
        figures_match: None,
    }
}

/// The experts a result names: its group's members, head first, else its one expert.
fn experts(verification: &Verification) -> Vec<String> {
    let Some(result) = &verification.result else {
        return Vec::new();
    };
    let payload = &result.payload;
    if !payload.team.is_empty() {
        return payload.team.iter().map(|m| m.name.clone()).collect();
    }
    [&payload.expert, &payload.signer]
        .into_iter()
        .filter(|n| !n.trim().is_empty())
        .take(1)
        .cloned()
        .collect()
}
