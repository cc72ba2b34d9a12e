//! Is an inspection file sound? SQLite's own check of its pages, every stored value
//! against the catalogue, and the history replayed against the stored state.
//!
//! A file can be damaged by a failing disk or a cut-off copy, or edited with another
//! program. Whatever the cause, akredit never writes into such a file (the change would
//! be mixed with values nobody can vouch for, and a result exported from it would not
//! verify); read-only commands may show it, but say first that it is damaged.

use std::fmt;
use std::path::Path;

use rusqlite::Connection;

use super::{Meta, Purpose, StoreError, read_history};
use crate::answers::{Answers, Column, Presented, fact_off_history};
use crate::catalogue::{Catalogue, Code, Entry};

/// One thing wrong with an inspection file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// SQLite's check of the file's pages failed.
    Pages(String),
    /// A stored answer for a code the catalogue does not have.
    UnknownCode(Code),
    /// A stored answer for a heading, a group or an uncounted row.
    NotAStandard(Code),
    /// A stored answer for a standard of the other model.
    OutsideModel(Code),
    /// A grade that is not on the standard's scale.
    OffScale {
        /// The standard.
        code: Code,
        /// Which column.
        column: Column,
        /// The stored grade.
        grade: u8,
    },
    /// "Not applicable" with an empty reason.
    EmptyReason(Code),
    /// A recommendation whose deadline is not a date.
    BadDue(Code),
    /// A commission grade or an N/A decision in a centre's self-assessment file.
    CommissionInSelfAssessment(Code),
    /// An application field the form does not have.
    UnknownField(String),
    /// A document the Order does not list, or a document value that is not yes/no.
    BadDocument(i64),
    /// A visit date that is not a date, or a result hash that is not one.
    BadMeta(&'static str),
    /// The history cannot be read, or does not replay to the stored state.
    History(String),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Pages(detail) => write!(f, "SQLite's check of its pages failed: {detail}"),
            Problem::UnknownCode(c) => write!(
                f,
                "a grade is stored for {c}, which is not a code of the catalogue"
            ),
            Problem::NotAStandard(c) => {
                write!(f, "a grade is stored for {c}, which is not a standard")
            }
            Problem::OutsideModel(c) => write!(
                f,
                "a grade is stored for {c}, which the inspection's model does not count"
            ),
            Problem::OffScale {
                code,
                column,
                grade,
            } => write!(
                f,
                "{code} has the {} grade {grade}, which is not on its scale",
                column.id()
            ),
            Problem::EmptyReason(c) => write!(f, "{c} is marked not applicable without a reason"),
            Problem::BadDue(c) => write!(f, "the deadline of {c}'s recommendation is not a date"),
            Problem::CommissionInSelfAssessment(c) => write!(
                f,
                "{c} has a commission grade or N/A decision in a centre's self-assessment file"
            ),
            Problem::UnknownField(field) => {
                write!(f, "the application form has an unknown field {field:?}")
            }
            Problem::BadDocument(n) => write!(
                f,
                "document {n} is not one the Order lists, or its check is neither yes nor no"
            ),
            Problem::BadMeta(what) => write!(f, "its {what} is malformed"),
            Problem::History(detail) => write!(f, "its history {detail}"),
        }
    }
}

/// Everything wrong with an open file, in the order found (empty when it is sound).
pub(super) fn problems(
    conn: &Connection,
    catalogue: &Catalogue,
    meta: &Meta,
    answers: &Answers,
    path: &Path,
) -> Vec<Problem> {
    let mut found = pages(conn);
    found.extend(meta_problems(meta));
    found.extend(answer_problems(catalogue, meta, answers));
    found.extend(document_problems(conn, catalogue));
    found.extend(history_problem(conn, meta, answers, path));
    found
}

/// `PRAGMA integrity_check`: every page readable and well formed, and every index
/// holding exactly its table's rows. (`quick_check` skips the last part, and a meta table
/// whose unique index lost a row would take a second row for the same key on the next
/// write; the full check costs about 3 ms more on a fully scored inspection.)
fn pages(conn: &Connection) -> Vec<Problem> {
    let lines: rusqlite::Result<Vec<String>> = conn
        .prepare("PRAGMA integrity_check(5)")
        .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect());
    match lines {
        Ok(lines) if lines == ["ok"] => Vec::new(),
        Ok(lines) => vec![Problem::Pages(lines.join("; "))],
        Err(e) => vec![Problem::Pages(e.to_string())],
    }
}

fn meta_problems(meta: &Meta) -> Vec<Problem> {
    let mut found = Vec::new();
    if meta
        .visit_date
        .as_deref()
        .is_some_and(|d| crate::support::time::check_date(d).is_err())
    {
        found.push(Problem::BadMeta("visit date"));
    }
    let is_sha256 = |s: &str| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit());
    if meta
        .last_result_sha256
        .as_deref()
        .is_some_and(|s| !is_sha256(s))
    {
        found.push(Problem::BadMeta("record of the last exported result"));
    }
    found
}

fn answer_problems(catalogue: &Catalogue, meta: &Meta, answers: &Answers) -> Vec<Problem> {
    let mut found = Vec::new();
    for (code, answer) in &answers.standards {
        let standard = match catalogue.entry(code) {
            Some(Entry::Standard(s)) => s,
            Some(_) => {
                found.push(Problem::NotAStandard(code.clone()));
                continue;
            }
            None => {
                found.push(Problem::UnknownCode(code.clone()));
                continue;
            }
        };
        if !standard.in_model(meta.model) {
            found.push(Problem::OutsideModel(code.clone()));
        }
        for column in [Column::Commission, Column::SelfAssessment] {
            if let Some(grade) = answer.grade(column)
                && !standard.scale.allows(grade)
            {
                found.push(Problem::OffScale {
                    code: code.clone(),
                    column,
                    grade,
                });
            }
        }
        if answer
            .na_reason
            .as_deref()
            .is_some_and(|r| r.trim().is_empty())
        {
            found.push(Problem::EmptyReason(code.clone()));
        }
        if answer
            .recommendation
            .due
            .as_deref()
            .is_some_and(|d| crate::support::time::check_date(d).is_err())
        {
            found.push(Problem::BadDue(code.clone()));
        }
        if meta.purpose == Purpose::SelfAssessment
            && (answer.commission.is_some() || answer.na_reason.is_some())
        {
            found.push(Problem::CommissionInSelfAssessment(code.clone()));
        }
    }
    for field in answers.centre.keys() {
        if !catalogue.application_form.iter().any(|f| &f.id == field) {
            found.push(Problem::UnknownField(field.clone()));
        }
    }
    found
}

/// Rows the SQL constraints should have kept out (they can be switched off by another
/// program): a document number the catalogue lacks, a check that is not 0, 1 or 2, or
/// "not applicable" (2) for a document every centre must present.
fn document_problems(conn: &Connection, catalogue: &Catalogue) -> Vec<Problem> {
    let rows: rusqlite::Result<Vec<(i64, Option<i64>)>> = conn
        .prepare("SELECT number, present FROM document")
        .and_then(|mut stmt| {
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect()
        });
    let Ok(rows) = rows else {
        return vec![Problem::BadDocument(0)];
    };
    rows.into_iter()
        .filter(|(number, present)| {
            let Some(document) = catalogue
                .documents
                .iter()
                .find(|d| i64::from(d.number) == *number)
            else {
                return true;
            };
            let check = present.map(|p| u8::try_from(p).ok().and_then(Presented::from_stored));
            match check {
                None => false,
                Some(None) => true,
                Some(Some(Presented::NotApplicable)) => !document.may_be_not_applicable(),
                Some(Some(_)) => false,
            }
        })
        .map(|(number, _)| Problem::BadDocument(number))
        .collect()
}

fn history_problem(
    conn: &Connection,
    meta: &Meta,
    answers: &Answers,
    path: &Path,
) -> Option<Problem> {
    let history = match read_history(conn, path, None) {
        Ok(h) => h,
        Err(StoreError::Damaged { detail, .. }) => {
            return Some(Problem::History(format!("cannot be read ({detail})")));
        }
        Err(e) => return Some(Problem::History(format!("cannot be read ({e})"))),
    };
    if let Some(fact) = fact_off_history(history.iter().map(|e| &e.altered), |f| meta.fact(f)) {
        return Some(Problem::History(format!(
            "its last change of the {} is not what the file's header says",
            fact.id()
        )));
    }
    let replayed = Answers::replay(history.iter().map(|e| &e.altered));
    (replayed != *answers).then(|| {
        Problem::History(format!(
            "does not lead to the stored grades ({})",
            first_difference(&replayed, answers)
        ))
    })
}

/// Where two states first differ, in words.
fn first_difference(replayed: &Answers, stored: &Answers) -> String {
    let codes = replayed.standards.keys().chain(stored.standards.keys());
    for code in codes {
        if replayed.standards.get(code) != stored.standards.get(code) {
            return format!("first at {code}");
        }
    }
    if replayed.centre != stored.centre {
        return "in the application form".into();
    }
    "in the documents".into()
}

/// The problems in one sentence: the first few, and how many more.
pub fn describe(problems: &[Problem]) -> String {
    const SHOWN: usize = 5;
    let mut text = problems
        .iter()
        .take(SHOWN)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ");
    if problems.len() > SHOWN {
        text.push_str(&format!("; and {} more problems", problems.len() - SHOWN));
    }
    text
}
