//! The commission's overview: many signed results (files or whole folders) verified
//! exactly as `akredit verify` does, and tabulated — one [`Row`] per file, with a
//! [`Status`] that says whether it counts.
//!
//! # The rules
//!
//! - **Valid**: every check of [`signed::verify`] holds (a check skipped because no
//!   trusted key was given does not fail). A valid result is either *final* or a *draft*;
//!   drafts are listed and counted apart: they are not a final decision.
//! - A co-signed result (`akredit-result/2`) says who of its expert group has signed
//!   ([`Row::signed`], "2 of 3"); one that not every member has signed yet is valid with
//!   a [`Note::Warning`], and one with a bad signature, or a signature that is not a
//!   member's, is invalid. Supersession compares the head's key, who exports.
//! - **Invalid**: a check failed, or the file could not be read or is not a result. The
//!   reasons are the failed checks' messages. An invalid result is never counted, and it
//!   never supersedes anything: a tampered or untrusted file cannot knock out a valid one.
//! - **Superseded**: another *valid* result of the set names this one's SHA-256 in its
//!   `supersedes`, comes from the same inspection (`inspection_id`) and is signed with
//!   the same key. A chain
//!   A ← B ← C leaves only C current (A is superseded by B, B by C). A valid result that
//!   is itself superseded still supersedes its predecessor. A later export of the same
//!   inspection always supersedes the earlier one, whatever it is: a draft exported after
//!   a final supersedes it, so that centre has no final decision until the expert signs
//!   a final result again.
//! - **Duplicate**: the same result (same SHA-256 of its payload) found again, e.g. a
//!   copy in two folders; the first one in input order stands for it — of a co-signed
//!   result, the copy most members have signed (then the first of those).
//! - A `supersedes` link that points at a result **not in the set** changes nothing; the
//!   row gets a [`Note::SupersedesMissing`] so that the commission knows an earlier result
//!   exists. A link that points at an **invalid** result changes nothing either (that
//!   result stays invalid, which says more than "superseded"); the row gets a
//!   [`Note::SupersedesInvalid`]. A link to a valid result of **another inspection** is not
//!   applied ([`Note::SupersedesOtherInspection`]): `supersedes` always names a result of
//!   the same inspection, so such a link is not one akredit made. A link from a result
//!   signed with **another key** is not applied either ([`Note::SupersedesOtherSigner`]):
//!   whoever holds a copy of an inspection could otherwise sign a result that knocks out
//!   the expert's own; both stay current, and are unresolved.
//! - When two current valid results remain for the **same inspection** or the **same
//!   centre** (its name compared without case, extra spaces or apostrophe variants) and
//!   neither supersedes the other, both stay valid and both get a [`Note::Unresolved`]:
//!   neither silently wins, the commission decides.
//!
//! Only a small summary of each result is kept in memory, never its payload, so tens of
//! thousands of results fit easily; they are verified in parallel on every core.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;

use crate::catalogue::{Catalogue, ModelId};
use crate::scoring::{Category, Percent};
use crate::signed::{self, Outcome, TrustedKey};

pub mod kep;

pub use crate::signed::MAX_RESULT_BYTES;
pub use kep::{KepDocument, KepProblem, KepSigner, KepState, KepSummary};

/// How many other results a [`Note::Unresolved`] names at most (the rest are counted).
const NAMED_OTHERS: usize = 5;

/// Why the files of an overview could not be listed.
#[derive(Debug, thiserror::Error)]
pub enum CommissionError {
    /// A path given does not exist.
    #[error("{0}: no such file or folder")]
    Missing(PathBuf),
    /// A path or folder could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// The CSV could not be written.
    #[error("cannot write the CSV: {0}")]
    Csv(String),
}

/// The result files among `paths`: a file is taken as given (whatever its name); a folder
/// is walked recursively for `*.json` files (any case of the extension), sorted by path.
/// Symbolic links to files are followed, links to folders are not (no cycles). A path
/// given twice is listed once. A path that does not exist is an error naming it.
pub fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, CommissionError> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|source| {
            if source.kind() == std::io::ErrorKind::NotFound {
                CommissionError::Missing(path.clone())
            } else {
                CommissionError::Io {
                    path: path.clone(),
                    source,
                }
            }
        })?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found)?;
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    let mut seen = std::collections::HashSet::with_capacity(files.len());
    files.retain(|f| seen.insert(f.clone()));
    Ok(files)
}

fn walk(dir: &Path, into: &mut Vec<PathBuf>) -> Result<(), CommissionError> {
    let io = |source| CommissionError::Io {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|source| CommissionError::Io {
            path: path.clone(),
            source,
        })?;
        if kind.is_dir() {
            walk(&path, into)?;
            continue;
        }
        let is_json = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        // A link is taken when it leads to a file; a link to a folder is not walked.
        let is_file = kind.is_file() || (kind.is_symlink() && path.is_file());
        if is_json && is_file {
            into.push(path);
        }
    }
    Ok(())
}

/// Whether a row counts, and if not, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Every check holds and nothing in the set supersedes it.
    Valid,
    /// A check failed, or the file is not a readable result.
    Invalid {
        /// The failed checks' messages (`signature: …`), or why the file was not read.
        reasons: Vec<String>,
    },
    /// A valid result of the same inspection in the set supersedes it.
    Superseded {
        /// The file of the (first, in input order) result that supersedes it.
        by: PathBuf,
    },
    /// The same result (same payload SHA-256) appears earlier in the set.
    Duplicate {
        /// The file that stands for it.
        of: PathBuf,
    },
}

impl Status {
    /// `valid`, `invalid`, `superseded` or `duplicate`.
    pub fn id(&self) -> &'static str {
        match self {
            Status::Valid => "valid",
            Status::Invalid { .. } => "invalid",
            Status::Superseded { .. } => "superseded",
            Status::Duplicate { .. } => "duplicate",
        }
    }

    /// The detail in words: the reasons, or which file supersedes or stands for it.
    pub fn detail(&self) -> String {
        match self {
            Status::Valid => String::new(),
            Status::Invalid { reasons } => reasons.join("; "),
            Status::Superseded { by } => format!("superseded by {}", by.display()),
            Status::Duplicate { of } => format!("the same result as {}", of.display()),
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Status::Valid => f.write_str("valid"),
            _ => write!(f, "{}: {}", self.id(), self.detail()),
        }
    }
}

/// What two current results have in common when neither supersedes the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The same `inspection_id`.
    Inspection,
    /// The same centre name (without case, extra spaces or apostrophe variants).
    CentreName,
}

/// Something the commission should know about a row, beyond its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// Other current valid results share this one's inspection or centre, and none of
    /// them supersedes the others: the commission has to decide.
    Unresolved {
        /// What they share.
        basis: Basis,
        /// The other files (at most a few).
        others: Vec<PathBuf>,
        /// How many more there are besides those named.
        more: usize,
        /// Some of them are signed with another key than this one.
        different_signer: bool,
    },
    /// It supersedes a result that is not in the set (nothing changes).
    SupersedesMissing {
        /// The SHA-256 it names.
        sha256: String,
    },
    /// It supersedes a result in the set that is invalid (that one stays invalid).
    SupersedesInvalid {
        /// That result's file.
        path: PathBuf,
    },
    /// It names as superseded a valid result of another inspection: not applied.
    SupersedesOtherInspection {
        /// That result's file.
        path: PathBuf,
    },
    /// It names as superseded a valid result signed with another key: not applied.
    SupersedesOtherSigner {
        /// That result's file.
        path: PathBuf,
        /// That result's key fingerprint.
        fingerprint: String,
    },
    /// A check of its verification holds only as a warning (a result signed before a
    /// rule existed; the expert and the key's name differ).
    Warning {
        /// The check's name.
        check: &'static str,
        /// What it found.
        detail: String,
    },
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::Unresolved {
                basis,
                others,
                more,
                different_signer,
            } => {
                let what = match basis {
                    Basis::Inspection => "inspection",
                    Basis::CentreName => "centre",
                };
                let list: Vec<String> = others.iter().map(|p| p.display().to_string()).collect();
                let signer = if *different_signer {
                    ", signed with a different key,"
                } else {
                    ""
                };
                write!(
                    f,
                    "unresolved: another current result for the same {what}{signer} not linked by supersession: {}",
                    list.join(", ")
                )?;
                if *more > 0 {
                    write!(f, " and {more} more")?;
                }
                Ok(())
            }
            Note::SupersedesMissing { sha256 } => write!(
                f,
                "supersedes a result that is not in this set (SHA-256 {sha256})"
            ),
            Note::SupersedesInvalid { path } => write!(
                f,
                "supersedes {}, which is invalid (it stays listed as invalid)",
                path.display()
            ),
            Note::SupersedesOtherInspection { path } => write!(
                f,
                "names {} as superseded, but that is another inspection's result: not applied",
                path.display()
            ),
            Note::SupersedesOtherSigner { path, fingerprint } => write!(
                f,
                "names {} as superseded, but that result is signed with a different key ({fingerprint}): not applied — different signer, the commission decides",
                path.display()
            ),
            Note::Warning { check, detail } => write!(f, "warning ({check}): {detail}"),
        }
    }
}

/// One result file, summarized.
///
/// Text fields are empty, and numbers `None`, when the file does not say (it could not be
/// read, or is not a result). For an invalid result they are what the file claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The file.
    pub path: PathBuf,
    /// The centre's name (`centre_name` of the application form).
    pub centre: String,
    /// The model.
    pub model: Option<ModelId>,
    /// The visit date, YYYY-MM-DD.
    pub visit_date: String,
    /// The expert named in the inspection.
    pub expert: String,
    /// The signer: the name a trusted identity gives the key, otherwise the name the
    /// result claims.
    pub signer: String,
    /// The signing key's fingerprint (`3f2a 9c01 77be 4d10`).
    pub fingerprint: String,
    /// The signing key (base64), as the result gives it.
    pub public_key: String,
    /// Of a co-signed result (`akredit-result/2`): how many members of the expert group
    /// have signed validly, and how many it has; `None` for a result of one expert.
    pub signed: Option<(usize, usize)>,
    /// The commission's points.
    pub points: Option<u32>,
    /// The maximum points.
    pub max_points: Option<u32>,
    /// The percent, floored to one decimal (`91.9`); `None` when there is none.
    pub percent: Option<Percent>,
    /// The category.
    pub category: Option<Category>,
    /// Final (`Some(true)`) or draft (`Some(false)`).
    pub is_final: Option<bool>,
    /// SHA-256 of the canonical payload: the result's identity.
    pub sha256: Option<String>,
    /// The SHA-256 of the result it supersedes.
    pub supersedes: Option<String>,
    /// The inspection's id.
    pub inspection_id: String,
    /// When it was exported (UTC).
    pub exported_at: String,
    /// Whether it counts.
    pub status: Status,
    /// What else the commission should know.
    pub notes: Vec<Note>,
    /// The qualified signatures (КЕП) beside the result or its PDFs, when there are any.
    pub kep: Option<KepSummary>,
}

impl Row {
    /// A row for `path` that says nothing yet, with the given status.
    pub fn empty(path: &Path, status: Status) -> Row {
        Row {
            path: path.to_path_buf(),
            centre: String::new(),
            model: None,
            visit_date: String::new(),
            expert: String::new(),
            signer: String::new(),
            fingerprint: String::new(),
            public_key: String::new(),
            signed: None,
            points: None,
            max_points: None,
            percent: None,
            category: None,
            is_final: None,
            sha256: None,
            supersedes: None,
            inspection_id: String::new(),
            exported_at: String::new(),
            status,
            notes: Vec::new(),
            kep: None,
        }
    }
}

/// Reads one file that should be a result (a regular file, of at most
/// [`MAX_RESULT_BYTES`]); the error says why in words.
pub fn read_result_file(path: &Path) -> Result<Vec<u8>, String> {
    signed::read_result_file(path).map_err(|e| e.to_string())
}

impl Row {
    /// Reads and verifies one file (as `akredit verify` does) and keeps its summary.
    pub fn read(path: &Path, catalogue: &Catalogue, trusted: &[TrustedKey]) -> Row {
        let invalid = |reason: String| {
            Row::empty(
                path,
                Status::Invalid {
                    reasons: vec![reason],
                },
            )
        };
        let bytes = match read_result_file(path) {
            Ok(b) => b,
            Err(why) => return invalid(why),
        };
        let v = signed::verify(&bytes, catalogue, trusted);
        drop(bytes);
        let signed = v.signed_of();
        let reasons: Vec<String> = v
            .checks
            .iter()
            .filter_map(|c| match &c.outcome {
                Outcome::Fail(why) => Some(format!("{}: {why}", c.name)),
                _ => None,
            })
            .collect();
        let status = if reasons.is_empty() {
            Status::Valid
        } else {
            Status::Invalid { reasons }
        };
        let mut row = Row::empty(path, status);
        row.signed = signed;
        row.notes
            .extend(v.warnings().filter_map(|c| match &c.outcome {
                Outcome::Warning(detail) => Some(Note::Warning {
                    check: c.name,
                    detail: detail.clone(),
                }),
                _ => None,
            }));
        let Some(result) = v.result else {
            return row;
        };
        row.sha256 = v.sha256;
        let p = result.payload;
        row.centre = p.centre_name().to_string();
        row.model = p.model.parse().ok();
        row.visit_date = p.visit_date.unwrap_or_default();
        row.expert = p.expert;
        row.signer = v.trusted_name.unwrap_or(p.signer);
        row.public_key = result.signature.public_key.clone();
        row.fingerprint = result.signature.fingerprint().unwrap_or_default();
        row.points = Some(p.totals.commission.points);
        row.max_points = Some(p.totals.max_points);
        row.percent = p.totals.commission.percent;
        row.category = Some(p.totals.commission.category);
        row.is_final = Some(p.is_final);
        row.supersedes = p.supersedes;
        row.inspection_id = p.inspection_id;
        row.exported_at = p.exported_at;
        row
    }

    /// Who of the expert group has signed, `2 of 3`; `—` for a result of one expert
    /// (one signature, `akredit-result/1`) or a file that is not a result.
    pub fn signed_text(&self) -> String {
        self.signed
            .map_or_else(|| "—".to_string(), |(n, of)| format!("{n} of {of}"))
    }

    /// `final`, `draft`, or empty when unknown.
    pub fn final_or_draft(&self) -> &'static str {
        match self.is_final {
            Some(true) => "final",
            Some(false) => "draft",
            None => "",
        }
    }

    /// The model's id (`full`, `sanitary`), or empty when unknown.
    pub fn model_id(&self) -> &'static str {
        self.model.map_or("", ModelId::id)
    }

    /// The percent as written (`91.9`), or empty when there is none.
    pub fn percent_text(&self) -> String {
        self.percent.map(|p| p.to_string()).unwrap_or_default()
    }

    /// The category's id (`higher`, `first`, `second`, `none`), or empty when unknown.
    pub fn category_id(&self) -> &'static str {
        self.category.map_or("", Category::id)
    }

    /// The category in the Order's Ukrainian words, or empty.
    pub fn category_uk(&self) -> &'static str {
        self.category.map_or("", Category::title_uk)
    }

    fn centre_key(&self) -> String {
        crate::answers::centre_name_key(&self.centre)
    }
}

/// The counts of an overview.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Files listed.
    pub total: usize,
    /// Valid, final, current: the results that count.
    pub valid_final: usize,
    /// Valid drafts that are current (not a final decision).
    pub valid_drafts: usize,
    /// Superseded by a valid result in the set.
    pub superseded: usize,
    /// Copies of a result listed earlier.
    pub duplicates: usize,
    /// Invalid or unreadable.
    pub invalid: usize,
    /// Current valid results that share their inspection or centre with another current
    /// valid result (each has a [`Note::Unresolved`]).
    pub unresolved: usize,
}

/// Many results, verified and tabulated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    /// One row per file, in input order.
    pub rows: Vec<Row>,
    /// The counts.
    pub counts: Counts,
}

/// Verifies `files` in parallel on every core (as `akredit verify` does, against
/// `catalogue` and, when given, the `trusted` keys) and applies the rules of this module.
/// The qualified signatures beside each result are checked too, with no trusted
/// certificate ([`overview_with`] takes them). Rows keep the order of `files`.
pub fn overview(files: &[PathBuf], catalogue: &Catalogue, trusted: &[TrustedKey]) -> Overview {
    overview_with(files, catalogue, trusted, &crate::kep::Trust::default())
}

/// [`overview`], the qualified signatures (КЕП) beside each result checked against the
/// certificates and CRLs of `kep_trust` ([`KepSummary`]).
pub fn overview_with(
    files: &[PathBuf],
    catalogue: &Catalogue,
    trusted: &[TrustedKey],
    kep_trust: &crate::kep::Trust,
) -> Overview {
    let signatures = kep::SignatureFiles::of(files);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, files.len().max(1));
    let next = AtomicUsize::new(0);
    let parts: Vec<Vec<(usize, Row)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = files.get(i) else { break };
                        let row = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            let mut row = Row::read(path, catalogue, trusted);
                            row.kep = KepSummary::beside(
                                path,
                                row.sha256.as_deref(),
                                &signatures,
                                catalogue,
                                trusted,
                                kep_trust,
                            );
                            row
                        }))
                        .unwrap_or_else(|_| {
                            Row::empty(
                                path,
                                Status::Invalid {
                                    reasons: vec!["internal error while verifying it".into()],
                                },
                            )
                        });
                        mine.push((i, row));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let mut slots: Vec<Option<Row>> = vec![None; files.len()];
    for (i, row) in parts.into_iter().flatten() {
        slots[i] = Some(row);
    }
    let rows = slots
        .into_iter()
        .zip(files)
        .map(|(row, path)| {
            row.unwrap_or_else(|| {
                Row::empty(
                    path,
                    Status::Invalid {
                        reasons: vec!["not verified (internal error)".into()],
                    },
                )
            })
        })
        .collect();
    Overview::from_rows(rows)
}

use crate::support::spreadsheet::formula_safe as cell;

/// The column names of the CSV, in order.
pub const CSV_HEADER: [&str; 24] = [
    "file",
    "centre",
    "model",
    "visit_date",
    "expert",
    "signer",
    "key_fingerprint",
    "signed",
    "points",
    "max_points",
    "percent",
    "category",
    "category_uk",
    "final_or_draft",
    "status",
    "status_detail",
    "notes",
    "result_sha256",
    "supersedes",
    "inspection_id",
    "exported_at",
    "kep",
    "kep_signers",
    "kep_detail",
];

#[derive(Serialize)]
struct JsonRow<'a> {
    file: String,
    centre: &'a str,
    model: &'static str,
    visit_date: &'a str,
    expert: &'a str,
    signer: &'a str,
    key_fingerprint: &'a str,
    signed: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    points: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_points: Option<u32>,
    percent: String,
    category: &'static str,
    final_or_draft: &'a str,
    status: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    reasons: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    superseded_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    duplicate_of: Option<String>,
    notes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    result_sha256: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    supersedes: Option<&'a str>,
    inspection_id: &'a str,
    exported_at: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    kep: Option<JsonKep>,
}

/// A row's КЕП in the JSON: its word, its signers, and what does not hold.
#[derive(Serialize)]
struct JsonKep {
    status: &'static str,
    signers: Vec<String>,
    documents: Vec<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    detail: String,
}

/// Supersession: only a valid result supersedes, only a result of its own inspection
/// signed with its own key; every other link is noted on the row that makes it.
fn apply_supersession(rows: &mut [Row]) {
    let valid: Vec<bool> = rows.iter().map(|r| r.status == Status::Valid).collect();
    let mut by_sha: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        if let Some(sha) = &r.sha256 {
            by_sha.entry(sha.as_str()).or_default().push(i);
        }
    }
    let mut superseded_by: Vec<Option<usize>> = vec![None; rows.len()];
    let mut link_notes: Vec<(usize, Note)> = Vec::new();
    for (b, row) in rows.iter().enumerate() {
        let (true, Some(named)) = (valid[b], &row.supersedes) else {
            continue;
        };
        let targets = by_sha.get(named.as_str()).map_or(&[][..], Vec::as_slice);
        if targets.is_empty() {
            let sha256 = named.clone();
            link_notes.push((b, Note::SupersedesMissing { sha256 }));
        }
        for &t in targets.iter().filter(|&&t| t != b) {
            match link_note(row, &rows[t], valid[t]) {
                Some(note) => link_notes.push((b, note)),
                None if superseded_by[t].is_none() => superseded_by[t] = Some(b),
                None => {}
            }
        }
    }
    drop(by_sha);
    for (i, by) in superseded_by.iter().enumerate() {
        if let Some(b) = by {
            rows[i].status = Status::Superseded {
                by: rows[*b].path.clone(),
            };
        }
    }
    for (i, note) in link_notes {
        rows[i].notes.push(note);
    }
}

/// Why `row`'s `supersedes` link to `target` is not applied, or `None` when it is.
fn link_note(row: &Row, target: &Row, target_valid: bool) -> Option<Note> {
    let path = target.path.clone();
    if !target_valid {
        Some(Note::SupersedesInvalid { path })
    } else if target.inspection_id != row.inspection_id {
        Some(Note::SupersedesOtherInspection { path })
    } else if target.public_key != row.public_key {
        Some(Note::SupersedesOtherSigner {
            path,
            fingerprint: target.fingerprint.clone(),
        })
    } else {
        None
    }
}

/// Copies of a current valid result become duplicates of the one that stands for them:
/// the one most members of its expert group have signed (a co-signed result grows by a
/// signature per copy), and of those the first listed.
fn mark_duplicates(rows: &mut [Row]) {
    let mut best_of: HashMap<String, usize> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        let (Status::Valid, Some(sha)) = (&r.status, &r.sha256) else {
            continue;
        };
        let signed = |r: &Row| r.signed.map_or(0, |(n, _)| n);
        best_of
            .entry(sha.clone())
            .and_modify(|best| {
                if signed(r) > signed(&rows[*best]) {
                    *best = i;
                }
            })
            .or_insert(i);
    }
    for i in 0..rows.len() {
        if rows[i].status != Status::Valid {
            continue;
        }
        let Some(&best) = rows[i].sha256.as_ref().and_then(|sha| best_of.get(sha)) else {
            continue;
        };
        if best != i {
            rows[i].status = Status::Duplicate {
                of: rows[best].path.clone(),
            };
        }
    }
}

/// Current valid results that share an inspection or a centre get a note naming the
/// others; returns how many rows got one.
fn note_unresolved(rows: &mut [Row]) -> usize {
    let mut by_inspection: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_centre: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        if r.status != Status::Valid {
            continue;
        }
        if !r.inspection_id.is_empty() {
            by_inspection
                .entry(r.inspection_id.clone())
                .or_default()
                .push(i);
        }
        let key = r.centre_key();
        if !key.is_empty() {
            by_centre.entry(key).or_default().push(i);
        }
    }
    let mut unresolved = 0;
    let mut notes: Vec<(usize, Note)> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        if r.status != Status::Valid {
            continue;
        }
        let same_inspection: &[usize] = by_inspection
            .get(&r.inspection_id)
            .map_or(&[], Vec::as_slice);
        let same_centre: &[usize] = by_centre.get(&r.centre_key()).map_or(&[], Vec::as_slice);
        let before = notes.len();
        for (basis, group) in [
            (Basis::Inspection, same_inspection),
            (Basis::CentreName, same_centre),
        ] {
            let others: Vec<usize> = group
                .iter()
                .copied()
                .filter(|&o| {
                    o != i && (basis == Basis::Inspection || !same_inspection.contains(&o))
                })
                .collect();
            if !others.is_empty() {
                notes.push((i, unresolved_note(rows, r, basis, &others)));
            }
        }
        if notes.len() > before {
            unresolved += 1;
        }
    }
    for (i, note) in notes {
        rows[i].notes.push(note);
    }
    unresolved
}

fn unresolved_note(rows: &[Row], r: &Row, basis: Basis, others: &[usize]) -> Note {
    Note::Unresolved {
        basis,
        different_signer: others.iter().any(|&o| rows[o].public_key != r.public_key),
        others: others
            .iter()
            .take(NAMED_OTHERS)
            .map(|&o| rows[o].path.clone())
            .collect(),
        more: others.len().saturating_sub(NAMED_OTHERS),
    }
}

impl Overview {
    /// Applies the rules of this module to verified rows (statuses `Valid` or `Invalid`,
    /// in input order): supersession, duplicates, unresolved pairs, and the counts.
    pub fn from_rows(mut rows: Vec<Row>) -> Overview {
        apply_supersession(&mut rows);
        mark_duplicates(&mut rows);
        let unresolved = note_unresolved(&mut rows);
        let mut counts = Counts {
            total: rows.len(),
            unresolved,
            ..Counts::default()
        };
        for r in &rows {
            match (&r.status, r.is_final) {
                (Status::Valid, Some(true)) => counts.valid_final += 1,
                (Status::Valid, _) => counts.valid_drafts += 1,
                (Status::Invalid { .. }, _) => counts.invalid += 1,
                (Status::Superseded { .. }, _) => counts.superseded += 1,
                (Status::Duplicate { .. }, _) => counts.duplicates += 1,
            }
        }
        Overview { rows, counts }
    }

    /// The invalid rows.
    pub fn invalid(&self) -> impl Iterator<Item = &Row> {
        self.rows
            .iter()
            .filter(|r| matches!(r.status, Status::Invalid { .. }))
    }

    /// The table as CSV: UTF-8 with a byte-order mark (so that LibreOffice and Excel
    /// read the Cyrillic right), comma-separated, a header row ([`CSV_HEADER`]), then one
    /// row per file. Text that would start a formula gets a leading apostrophe.
    pub fn to_csv(&self) -> Result<Vec<u8>, CommissionError> {
        let err = |e: csv::Error| CommissionError::Csv(e.to_string());
        let mut out = Vec::with_capacity(64 + self.rows.len() * 400);
        out.extend_from_slice("\u{FEFF}".as_bytes());
        let mut w = csv::Writer::from_writer(out);
        w.write_record(CSV_HEADER).map_err(err)?;
        for r in &self.rows {
            let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
            let notes: Vec<String> = r.notes.iter().map(ToString::to_string).collect();
            let record = [
                cell(&r.path.display().to_string()),
                cell(&r.centre),
                r.model_id().to_string(),
                cell(&r.visit_date),
                cell(&r.expert),
                cell(&r.signer),
                cell(&r.fingerprint),
                r.signed_text(),
                number(r.points),
                number(r.max_points),
                r.percent_text(),
                r.category_id().to_string(),
                r.category_uk().to_string(),
                r.final_or_draft().to_string(),
                r.status.id().to_string(),
                cell(&r.status.detail()),
                cell(&notes.join("; ")),
                r.sha256.clone().unwrap_or_default(),
                cell(r.supersedes.as_deref().unwrap_or_default()),
                cell(&r.inspection_id),
                cell(&r.exported_at),
                r.kep.as_ref().map_or("", KepSummary::id).to_string(),
                cell(
                    &r.kep
                        .as_ref()
                        .map(|k| k.signers().join("; "))
                        .unwrap_or_default(),
                ),
                cell(&r.kep.as_ref().map(KepSummary::detail).unwrap_or_default()),
            ];
            w.write_record(&record).map_err(err)?;
        }
        w.into_inner()
            .map_err(|e| CommissionError::Csv(e.error().to_string()))
    }

    /// The overview as JSON: `{"counts":{…},"rows":[…]}` with integers and strings only
    /// (and arrays of strings); a value a file does not give is left out of its row.
    pub fn to_json(&self) -> serde_json::Value {
        let rows: Vec<JsonRow> = self
            .rows
            .iter()
            .map(|r| JsonRow {
                file: r.path.display().to_string(),
                centre: &r.centre,
                model: r.model_id(),
                visit_date: &r.visit_date,
                expert: &r.expert,
                signer: &r.signer,
                key_fingerprint: &r.fingerprint,
                signed: r.signed_text(),
                points: r.points,
                max_points: r.max_points,
                percent: r.percent_text(),
                category: r.category_id(),
                final_or_draft: r.final_or_draft(),
                status: r.status.id(),
                reasons: match &r.status {
                    Status::Invalid { reasons } => reasons.iter().map(String::as_str).collect(),
                    _ => Vec::new(),
                },
                superseded_by: match &r.status {
                    Status::Superseded { by } => Some(by.display().to_string()),
                    _ => None,
                },
                duplicate_of: match &r.status {
                    Status::Duplicate { of } => Some(of.display().to_string()),
                    _ => None,
                },
                notes: r.notes.iter().map(ToString::to_string).collect(),
                result_sha256: r.sha256.as_deref(),
                supersedes: r.supersedes.as_deref(),
                inspection_id: &r.inspection_id,
                exported_at: &r.exported_at,
                kep: r.kep.as_ref().map(|k| JsonKep {
                    status: k.id(),
                    signers: k.signers(),
                    documents: k
                        .documents
                        .iter()
                        .map(|d| d.path.display().to_string())
                        .collect(),
                    detail: k.detail(),
                }),
            })
            .collect();
        serde_json::json!({ "counts": self.counts, "rows": rows })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, centre: &str, inspection: &str, sha: &str, supersedes: Option<&str>) -> Row {
        let mut r = Row::empty(Path::new(name), Status::Valid);
        r.centre = centre.into();
        r.inspection_id = inspection.into();
        r.sha256 = Some(sha.into());
        r.supersedes = supersedes.map(str::to_string);
        r.is_final = Some(true);
        r
    }

    fn invalid(mut r: Row) -> Row {
        r.status = Status::Invalid {
            reasons: vec!["signature: does not match".into()],
        };
        r
    }

    fn statuses(o: &Overview) -> Vec<&'static str> {
        o.rows.iter().map(|r| r.status.id()).collect()
    }

    #[test]
    fn a_chain_leaves_only_its_last_result() {
        // Given out of order: C, A, B.
        let o = Overview::from_rows(vec![
            row("c", "Центр", "i1", "C", Some("B")),
            row("a", "Центр", "i1", "A", None),
            row("b", "Центр", "i1", "B", Some("A")),
        ]);
        assert_eq!(statuses(&o), ["valid", "superseded", "superseded"]);
        assert_eq!(o.rows[1].status.detail(), "superseded by b");
        assert_eq!(o.rows[2].status.detail(), "superseded by c");
        assert!(o.rows.iter().all(|r| r.notes.is_empty()), "{:?}", o.rows);
        assert_eq!((o.counts.valid_final, o.counts.superseded), (1, 2));
        assert_eq!(o.counts.unresolved, 0);
    }

    #[test]
    fn an_invalid_result_supersedes_nothing() {
        let o = Overview::from_rows(vec![
            row("a", "Центр", "i1", "A", None),
            invalid(row("b", "Центр", "i1", "B", Some("A"))),
        ]);
        assert_eq!(statuses(&o), ["valid", "invalid"]);
        assert_eq!(o.counts.invalid, 1);
        assert_eq!(o.counts.valid_final, 1);
    }

    #[test]
    fn a_link_to_an_invalid_or_absent_result_only_adds_a_note() {
        let o = Overview::from_rows(vec![
            invalid(row("a", "Центр", "i1", "A", None)),
            row("b", "Центр", "i1", "B", Some("A")),
            row("c", "Інший", "i2", "C", Some("Z")),
        ]);
        assert_eq!(statuses(&o), ["invalid", "valid", "valid"]);
        assert_eq!(
            o.rows[1].notes,
            [Note::SupersedesInvalid { path: "a".into() }]
        );
        assert_eq!(
            o.rows[2].notes,
            [Note::SupersedesMissing { sha256: "Z".into() }]
        );
    }

    #[test]
    fn a_link_across_inspections_is_not_applied() {
        let o = Overview::from_rows(vec![
            row("a", "Перший центр", "i1", "A", None),
            row("b", "Другий центр", "i2", "B", Some("A")),
        ]);
        assert_eq!(statuses(&o), ["valid", "valid"]);
        assert_eq!(
            o.rows[1].notes,
            [Note::SupersedesOtherInspection { path: "a".into() }]
        );
    }

    #[test]
    fn unlinked_results_for_one_centre_are_flagged_both_ways() {
        let o = Overview::from_rows(vec![
            row("a", "Полтавський  Центр здоров'я", "i1", "A", None),
            row("b", "полтавський центр здоров\u{2019}я", "i2", "B", None),
            row("c", "Сумський центр", "i3", "C", None),
            row("d", "Сумський центр", "i3", "D", None),
        ]);
        assert_eq!(statuses(&o), ["valid"; 4]);
        assert_eq!(
            o.rows[0].notes,
            [Note::Unresolved {
                basis: Basis::CentreName,
                others: vec!["b".into()],
                more: 0,
                different_signer: false,
            }]
        );
        assert!(matches!(
            &o.rows[1].notes[..],
            [Note::Unresolved { basis: Basis::CentreName, others, .. }] if others == &[PathBuf::from("a")]
        ));
        // Same inspection and same centre: said once, as the same inspection.
        assert_eq!(
            o.rows[2].notes,
            [Note::Unresolved {
                basis: Basis::Inspection,
                others: vec!["d".into()],
                more: 0,
                different_signer: false,
            }]
        );
        assert_eq!(o.counts.unresolved, 4);
    }

    #[test]
    fn a_result_by_another_key_supersedes_nothing() {
        let mut genuine = row("a", "Центр", "i1", "A", None);
        genuine.public_key = "ivanenko".into();
        let mut forged = row("b", "Центр", "i1", "B", Some("A"));
        forged.public_key = "petrenko".into();
        forged.fingerprint = "pppp".into();
        let o = Overview::from_rows(vec![genuine.clone(), forged]);
        assert_eq!(statuses(&o), ["valid", "valid"]);
        assert!(
            matches!(
                &o.rows[1].notes[..],
                [Note::SupersedesOtherSigner { path, .. }, Note::Unresolved { different_signer: true, .. }]
                    if path == &PathBuf::from("a")
            ),
            "{:?}",
            o.rows[1].notes
        );
        assert!(o.rows[0].notes.iter().any(|n| matches!(
            n,
            Note::Unresolved {
                different_signer: true,
                ..
            }
        )));
        assert!(o.rows[1].notes[1].to_string().contains("different key"));
        assert_eq!(o.counts.unresolved, 2);
        // The same key does supersede.
        let mut update = row("c", "Центр", "i1", "C", Some("A"));
        update.public_key = "ivanenko".into();
        let o = Overview::from_rows(vec![genuine, update]);
        assert_eq!(statuses(&o), ["superseded", "valid"]);
    }

    #[test]
    fn two_results_superseding_one_leave_two_unresolved() {
        let o = Overview::from_rows(vec![
            row("a", "Центр", "i1", "A", None),
            row("b", "Центр", "i1", "B", Some("A")),
            row("b2", "Центр", "i1", "B2", Some("A")),
        ]);
        assert_eq!(statuses(&o), ["superseded", "valid", "valid"]);
        assert_eq!(o.counts.unresolved, 2);
    }

    #[test]
    fn a_copy_is_a_duplicate_and_no_conflict() {
        let mut draft = row("a", "Центр", "i1", "A", None);
        draft.is_final = Some(false);
        let mut copy = draft.clone();
        copy.path = "copy/a".into();
        let o = Overview::from_rows(vec![draft, copy]);
        assert_eq!(statuses(&o), ["valid", "duplicate"]);
        assert!(o.rows[0].notes.is_empty());
        assert_eq!(
            (
                o.counts.valid_drafts,
                o.counts.valid_final,
                o.counts.duplicates
            ),
            (1, 0, 1)
        );
    }

    #[test]
    fn many_conflicts_name_a_few_and_count_the_rest() {
        let rows: Vec<Row> = (0..20)
            .map(|i| {
                row(
                    &format!("r{i}"),
                    "Центр",
                    &format!("i{i}"),
                    &format!("S{i}"),
                    None,
                )
            })
            .collect();
        let o = Overview::from_rows(rows);
        assert!(matches!(
            &o.rows[0].notes[..],
            [Note::Unresolved { others, more: 14, .. }] if others.len() == 5
        ));
    }

    #[test]
    fn csv_has_a_bom_a_header_and_guards_formulas() {
        let mut r = row("a.json", "=HYPERLINK(\"x\")", "i1", "A", None);
        r.category = Some(Category::First);
        let o = Overview::from_rows(vec![r]);
        let bytes = o.to_csv().expect("csv");
        assert!(bytes.starts_with(b"\xEF\xBB\xBFfile,centre,"));
        let text = String::from_utf8(bytes).expect("utf-8");
        assert!(text.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{text}");
        assert!(text.contains("перша категорія"), "{text}");
    }
}
