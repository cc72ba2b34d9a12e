//! The overview's КЕП column: the qualified signatures (`.p7s`, `.asice`) that lie beside
//! a result or beside its conclusion or protocol PDF, checked offline as `akredit kep
//! check` does ([`crate::kep`]), and kept as a small summary per row.
//!
//! A result `R.json` has three documents a КЕП may be over: `R.json` itself, its
//! conclusion `R.conclusion.pdf` and its protocol `R.pdf`. A signature belongs to one by
//! its name, as Дія and czo.gov.ua/sign save it: `R.conclusion.pdf.p7s`,
//! `R.conclusion.pdf.Петренко.p7s`, `R.conclusion.p7s`; `R.p7s` is the protocol's when
//! `R.pdf` is there, else the result's. A PDF that holds another result than the row's
//! does not count for it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::catalogue::Catalogue;
use crate::kep::certificate::Chain;
use crate::kep::files::{check_paths, display_name, is_signature_name};
use crate::kep::{ExpertMatch, KepCheck, NotChecked, Revocation, Status, Trust};
use crate::signed::TrustedKey;

/// The signature files of each folder of the overview, by file name: one listing of
/// each folder, however many results it holds, indexed by the name's part before its
/// first dot (a result's signatures share it), so that a folder of many results and
/// many signatures is not searched whole for each result.
#[derive(Debug, Default)]
pub struct SignatureFiles {
    by_folder: HashMap<PathBuf, HashMap<String, Vec<String>>>,
}

/// A file name's part before its first dot: `poltava` of `poltava.result.json`.
fn first_part(name: &str) -> &str {
    name.split('.').next().unwrap_or(name)
}

impl SignatureFiles {
    /// Lists the signature files in the folders of `results`.
    pub fn of(results: &[PathBuf]) -> SignatureFiles {
        let mut by_folder: HashMap<PathBuf, HashMap<String, Vec<String>>> = HashMap::new();
        for path in results {
            let dir = crate::support::files::parent_dir(path);
            if by_folder.contains_key(&dir) {
                continue;
            }
            let mut names: HashMap<String, Vec<String>> = HashMap::new();
            if let Ok(entries) = std::fs::read_dir(&dir) {
                for name in entries
                    .flatten()
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                    .filter_map(|e| e.file_name().into_string().ok())
                    .filter(|n| is_signature_name(Path::new(n)))
                {
                    names
                        .entry(first_part(&name).to_string())
                        .or_default()
                        .push(name);
                }
            }
            by_folder.insert(dir, names);
        }
        SignatureFiles { by_folder }
    }

    /// The signed documents beside `result` and the signature files of each, in name
    /// order; empty when no signature file is there.
    fn beside(&self, result: &Path) -> Vec<(PathBuf, Vec<PathBuf>)> {
        let dir = crate::support::files::parent_dir(result);
        let result_name = result
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let Some(names) = self
            .by_folder
            .get(&dir)
            .and_then(|f| f.get(first_part(result_name)))
        else {
            return Vec::new();
        };
        let documents = [
            result.to_path_buf(),
            result.with_extension("conclusion.pdf"),
            result.with_extension("pdf"),
        ];
        let mut found: Vec<(PathBuf, Vec<PathBuf>)> = Vec::new();
        for name in names {
            let Some(document) = documents.iter().find(|d| belongs(name, d, &documents)) else {
                continue;
            };
            match found.iter_mut().find(|(d, _)| d == document) {
                Some((_, signatures)) => signatures.push(dir.join(name)),
                None => found.push((document.clone(), vec![dir.join(name)])),
            }
        }
        for (_, signatures) in &mut found {
            signatures.sort();
        }
        found.sort();
        found
    }
}

/// Whether the signature file `name` is over `document`: named with the document's whole
/// name (`R.conclusion.pdf.p7s`), or with its stem (`R.conclusion.p7s`; `R.p7s` is the
/// protocol's when there is one, else the result's).
fn belongs(name: &str, document: &Path, documents: &[PathBuf]) -> bool {
    let (Some(doc_name), Some(stem)) = (
        document.file_name().and_then(|n| n.to_str()),
        document.file_stem().and_then(|n| n.to_str()),
    ) else {
        return false;
    };
    if name.starts_with(&format!("{doc_name}.")) {
        return true;
    }
    let Some(sig_stem) = Path::new(name).file_stem().and_then(|s| s.to_str()) else {
        return false;
    };
    if sig_stem != stem {
        return false;
    }
    // The result `R.json` and the protocol `R.pdf` share the stem `R`.
    let is_json = document
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    !is_json
        || !documents
            .iter()
            .any(|d| d != document && d.is_file() && d.file_stem() == document.file_stem())
}

/// One signer of a КЕП over a document, as the overview keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KepSigner {
    /// The certificate's holder, by name (empty when there is no certificate).
    pub name: String,
    /// The holder's РНОКПП, when the certificate carries it.
    pub tax_number: Option<String>,
    /// The signature's status.
    pub status: Status,
    /// The certificate's chain.
    pub chain: Chain,
    /// The certificate's revocation.
    pub revocation: Revocation,
    /// Whether the holder is an expert the document names.
    pub expert: ExpertMatch,
    /// The signing time the check takes (seconds since 1970).
    pub signed_at: Option<i64>,
    /// Every timestamp the file carries for the signer holds.
    pub timestamps_hold: bool,
}

/// Why a КЕП over a document does not count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KepProblem {
    /// A signature file, or the document, could not be read or checked at all.
    Unreadable {
        /// The file's name.
        file: String,
        /// Why.
        why: String,
    },
    /// The PDF holds another result than the row's.
    OtherResult,
    /// The document's own result does not verify.
    DocumentFails,
    /// A container's signature does not sign the document unchanged.
    NotInContainer {
        /// The signature's name.
        signature: String,
    },
}

/// The КЕП over one document beside a result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KepDocument {
    /// The document signed.
    pub path: PathBuf,
    /// The signature files over it.
    pub signatures: Vec<PathBuf>,
    /// Every signature holds (by an expert of the document, not revoked, its chain not
    /// known to fail) and the document's result verifies.
    pub holds: bool,
    /// Each signer.
    pub signers: Vec<KepSigner>,
    /// What does not count.
    pub problems: Vec<KepProblem>,
    /// What the check could not do.
    pub not_checked: Vec<NotChecked>,
}

/// Where a row's КЕП stands, in one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KepState {
    /// Every signature holds and every signer's chain reaches a trusted certificate.
    Valid,
    /// Every signature holds, but some chain was not checked (no trusted list given).
    ChainNotChecked,
    /// Some signature or document does not hold.
    Invalid,
}

/// The КЕП column of a row: the documents beside the result with a signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KepSummary {
    /// Each signed document.
    pub documents: Vec<KepDocument>,
}

impl KepSummary {
    /// Checks the signatures beside `result` (whose payload's SHA-256 is `sha256`);
    /// `None` when there are none.
    pub fn beside(
        result: &Path,
        sha256: Option<&str>,
        files: &SignatureFiles,
        catalogue: &Catalogue,
        trusted: &[TrustedKey],
        trust: &Trust,
    ) -> Option<KepSummary> {
        let documents: Vec<KepDocument> = files
            .beside(result)
            .into_iter()
            .map(|(document, signatures)| {
                let check = check_paths(Some(&document), &signatures, catalogue, trusted, trust);
                summarise(document, signatures, check, sha256)
            })
            .collect();
        (!documents.is_empty()).then_some(KepSummary { documents })
    }

    /// The column's word.
    pub fn state(&self) -> KepState {
        if !self.documents.iter().all(|d| d.holds) {
            return KepState::Invalid;
        }
        let unchecked = self
            .documents
            .iter()
            .flat_map(|d| &d.signers)
            .any(|s| s.chain == Chain::NotChecked);
        if unchecked {
            KepState::ChainNotChecked
        } else {
            KepState::Valid
        }
    }

    /// `valid`, `chain-not-checked` or `invalid`.
    pub fn id(&self) -> &'static str {
        match self.state() {
            KepState::Valid => "valid",
            KepState::ChainNotChecked => "chain-not-checked",
            KepState::Invalid => "invalid",
        }
    }

    /// The signers' names, each once, in the order found.
    pub fn signers(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for s in self.documents.iter().flat_map(|d| &d.signers) {
            if !s.name.is_empty() && !names.contains(&s.name) {
                names.push(s.name.clone());
            }
        }
        names
    }

    /// What does not hold, in English, for the CSV and JSON (empty when all holds).
    pub fn detail(&self) -> String {
        let mut parts = Vec::new();
        for d in &self.documents {
            let doc = display_name(&d.path);
            for p in &d.problems {
                parts.push(format!("{doc}: {}", problem_en(p)));
            }
            for s in &d.signers {
                if let Some(why) = signer_fault_en(s) {
                    parts.push(format!("{doc}: {}: {why}", s.name));
                }
            }
        }
        parts.join("; ")
    }
}

/// A problem, in English.
pub fn problem_en(problem: &KepProblem) -> String {
    match problem {
        KepProblem::Unreadable { file, why } => format!("{file}: {why}"),
        KepProblem::OtherResult => "the PDF holds another result than this one".into(),
        KepProblem::DocumentFails => "the document's own result does not verify".into(),
        KepProblem::NotInContainer { signature } => {
            format!("{signature} does not sign the document unchanged")
        }
    }
}

/// What is wrong with a signer, in English; `None` when nothing is.
fn signer_fault_en(s: &KepSigner) -> Option<String> {
    if s.status != Status::Valid {
        return Some(match &s.status {
            Status::DocumentChanged => "document changed after signing".into(),
            Status::SignatureInvalid => "signature invalid".into(),
            Status::CertificateExpired { .. } => "certificate not valid at signing time".into(),
            Status::CertificateMissing => "certificate missing".into(),
            Status::NotCheckable(why) => format!("not checked: {why}"),
            Status::Valid => String::new(),
        });
    }
    if let Chain::NotTrusted(why) = &s.chain {
        return Some(format!("chain not trusted: {why}"));
    }
    if !s.timestamps_hold {
        return Some("a timestamp does not hold".into());
    }
    match (&s.revocation, &s.expert) {
        (Revocation::Revoked { .. }, _) => Some("certificate revoked".into()),
        (Revocation::CrlInvalid, _) => Some("the CRL given does not verify".into()),
        (_, ExpertMatch::Differs) => Some("not an expert the document names".into()),
        _ => None,
    }
}

/// The check of one document's signatures, summarised.
fn summarise(
    path: PathBuf,
    signatures: Vec<PathBuf>,
    check: Result<KepCheck, crate::kep::files::KepPathsError>,
    sha256: Option<&str>,
) -> KepDocument {
    let mut document = KepDocument {
        path,
        signatures,
        holds: false,
        signers: Vec::new(),
        problems: Vec::new(),
        not_checked: Vec::new(),
    };
    let check = match check {
        Ok(c) => c,
        Err(e) => {
            document.problems.push(KepProblem::Unreadable {
                file: display_name(&document.path),
                why: e.to_string(),
            });
            return document;
        }
    };
    let embedded = check
        .document
        .verification
        .as_ref()
        .and_then(|v| v.sha256.as_deref());
    if embedded.is_some() && embedded != sha256 {
        document.problems.push(KepProblem::OtherResult);
    }
    if check.document.fails() {
        document.problems.push(KepProblem::DocumentFails);
    }
    for s in &check.signatures {
        if let Err(e) = &s.report {
            document.problems.push(KepProblem::Unreadable {
                file: s.name.clone(),
                why: e.to_string(),
            });
        }
        if s.container.as_ref().is_some_and(|c| !c.document_signed) {
            document.problems.push(KepProblem::NotInContainer {
                signature: s.name.clone(),
            });
        }
        if let Ok(report) = &s.report {
            for step in &report.not_checked {
                if !document.not_checked.contains(step) {
                    document.not_checked.push(*step);
                }
            }
        }
    }
    document.signers = check
        .signers()
        .map(|s| KepSigner {
            name: s
                .certificate
                .as_ref()
                .map(|c| c.holder.name())
                .unwrap_or_default(),
            tax_number: s
                .certificate
                .as_ref()
                .and_then(|c| c.holder.tax_number.clone()),
            status: s.status.clone(),
            chain: s.chain.clone(),
            revocation: s.revocation.clone(),
            expert: s.expert.clone(),
            signed_at: s.signed_at(),
            timestamps_hold: s.timestamps.iter().all(|t| t.holds.is_ok()),
        })
        .collect();
    document.holds = check.holds() && !document.problems.contains(&KepProblem::OtherResult);
    document
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_signature_goes_to_the_document_its_name_gives() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let d = dir.path();
        for name in [
            "a.result.json",
            "a.result.json.p7s",
            "a.result.conclusion.pdf",
            "a.result.conclusion.pdf.p7s",
            "a.result.conclusion.pdf.Петренко.p7s",
            "a.result2.json.p7s",
            "b.result.json",
            "b.result.p7s",
            "b.result.pdf",
        ] {
            std::fs::write(d.join(name), b"x").unwrap_or_else(|e| panic!("{e}"));
        }
        let results = [d.join("a.result.json"), d.join("b.result.json")];
        let files = SignatureFiles::of(&results);
        let names = |found: Vec<(PathBuf, Vec<PathBuf>)>| -> Vec<(String, Vec<String>)> {
            found
                .into_iter()
                .map(|(doc, sigs)| {
                    (
                        display_name(&doc),
                        sigs.iter().map(|s| display_name(s)).collect(),
                    )
                })
                .collect()
        };
        assert_eq!(
            names(files.beside(&results[0])),
            [
                (
                    "a.result.conclusion.pdf".to_string(),
                    vec![
                        "a.result.conclusion.pdf.p7s".to_string(),
                        "a.result.conclusion.pdf.Петренко.p7s".to_string()
                    ]
                ),
                (
                    "a.result.json".to_string(),
                    vec!["a.result.json.p7s".to_string()]
                ),
            ]
        );
        // `b.result.p7s` is the protocol's, `b.result.pdf` being there.
        assert_eq!(
            names(files.beside(&results[1])),
            [("b.result.pdf".to_string(), vec!["b.result.p7s".to_string()])]
        );
    }
}
