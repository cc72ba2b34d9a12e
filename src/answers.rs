//! What the expert has recorded in an inspection, held in memory, and the one type
//! ([`Change`]) through which it is ever altered.
//!
//! The store persists these values and a history of every change; scoring reads them.
//! Neither SQLite nor the GUI is known here, so replaying a history over an empty
//! [`Answers`] is a pure function and can be checked against the stored state.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::catalogue::{Catalogue, Code, Entry, Grade, ModelId};

/// Which of the two grade columns of the Order a grade belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Column {
    /// "Оцінка комісії": the expert's grade.
    Commission,
    /// "Самооцінка": the centre's own grade.
    #[serde(rename = "self")]
    SelfAssessment,
}

impl Column {
    /// The name used in history and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Column::Commission => "commission",
            Column::SelfAssessment => "self",
        }
    }
}

/// The recorded state of one standard.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Answer {
    /// The commission's grade.
    pub commission: Option<Grade>,
    /// The centre's self-assessment grade.
    #[serde(rename = "self")]
    pub self_grade: Option<Grade>,
    /// Set when the standard is not applicable; the reason is mandatory.
    pub na_reason: Option<String>,
    /// The expert's free note.
    pub note: String,
}

impl Answer {
    /// The grade in a column.
    pub fn grade(&self, column: Column) -> Option<Grade> {
        match column {
            Column::Commission => self.commission,
            Column::SelfAssessment => self.self_grade,
        }
    }

    /// Whether the standard is excluded from the count.
    pub fn is_na(&self) -> bool {
        self.na_reason.is_some()
    }

    /// Whether the centre judged itself differently from the commission (both graded,
    /// grades differ, the standard applicable).
    pub fn diverges(&self) -> bool {
        !self.is_na() && matches!((self.commission, self.self_grade), (Some(c), Some(s)) if c != s)
    }

    fn is_empty(&self) -> bool {
        *self == Answer::default()
    }
}

/// The check of one mandatory document of the application.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DocumentCheck {
    /// `Some(true)` present, `Some(false)` missing, `None` not yet checked.
    pub present: Option<bool>,
    /// The expert's note on it.
    pub note: String,
}

/// Everything an inspection records that the expert can change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    /// Per standard; a standard absent here is unscored, applicable and without a note.
    pub standards: BTreeMap<Code, Answer>,
    /// The application form's fields, by field id (`centre_name`, `location`, …).
    pub centre: BTreeMap<String, String>,
    /// The mandatory documents' checks, by number (1–13).
    pub documents: BTreeMap<u8, DocumentCheck>,
}

impl Answers {
    /// The answer for a standard (the default, empty one if nothing is recorded).
    pub fn get(&self, code: &Code) -> Answer {
        self.standards.get(code).cloned().unwrap_or_default()
    }

    /// Applies a change that has already been validated, returning what it altered.
    ///
    /// A change that sets a value to what it already is alters nothing and returns
    /// `None`, so no history row is written for it.
    pub fn apply(&mut self, change: &Change) -> Option<Altered> {
        let (subject, field, new) = change.target();
        let old = self.value_of(&subject, &field);
        self.set(change.clone());
        (old != new).then_some(Altered {
            subject,
            field,
            old,
            new,
        })
    }

    /// The current value of one field, as history rows write it (`None` = empty).
    fn value_of(&self, subject: &Subject, field: &str) -> Option<String> {
        match subject {
            Subject::Standard(code) => {
                let answer = self.standards.get(code)?;
                match field {
                    "na" => answer.na_reason.clone(),
                    "note" => Some(answer.note.clone()).filter(|s| !s.is_empty()),
                    "self" => answer.self_grade.map(|g| g.to_string()),
                    _ => answer.commission.map(|g| g.to_string()),
                }
            }
            Subject::Centre => self.centre.get(field).cloned(),
            Subject::Document(number) => {
                let doc = self.documents.get(number)?;
                if field == "present" {
                    doc.present.map(|p| yes_no(p).to_string())
                } else {
                    Some(doc.note.clone()).filter(|s| !s.is_empty())
                }
            }
        }
    }

    /// Applies a change without describing it: the one place the state is mutated.
    fn set(&mut self, change: Change) {
        match change {
            Change::Grade {
                code,
                column,
                grade,
            } => {
                let answer = self.standards.entry(code.clone()).or_default();
                match column {
                    Column::Commission => answer.commission = grade,
                    Column::SelfAssessment => answer.self_grade = grade,
                }
                self.prune_standard(&code);
            }
            Change::NotApplicable { code, reason } => {
                self.standards.entry(code.clone()).or_default().na_reason = reason;
                self.prune_standard(&code);
            }
            Change::Note { code, text } => {
                self.standards.entry(code.clone()).or_default().note = text;
                self.prune_standard(&code);
            }
            Change::Centre { field, value } => {
                if value.is_empty() {
                    self.centre.remove(&field);
                } else {
                    self.centre.insert(field, value);
                }
            }
            Change::DocumentPresent { number, present } => {
                self.documents.entry(number).or_default().present = present;
                self.prune_document(number);
            }
            Change::DocumentNote { number, text } => {
                self.documents.entry(number).or_default().note = text;
                self.prune_document(number);
            }
        }
    }

    /// Rebuilds the state from a history, oldest first.
    pub fn replay<'a>(history: impl IntoIterator<Item = &'a Altered>) -> Answers {
        let mut answers = Answers::default();
        for altered in history {
            answers.set(altered.as_change());
        }
        answers
    }

    // Keeps the maps canonical (no empty entries), so that equality means "same content".
    fn prune_standard(&mut self, code: &Code) {
        if self.standards.get(code).is_some_and(Answer::is_empty) {
            self.standards.remove(code);
        }
    }

    fn prune_document(&mut self, number: u8) {
        if self
            .documents
            .get(&number)
            .is_some_and(|d| *d == DocumentCheck::default())
        {
            self.documents.remove(&number);
        }
    }
}

/// A centre's name as compared between files: lower case, single spaces, one kind of
/// apostrophe (Ukrainian names are typed with ', ’ or ʼ alike).
pub fn centre_name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(|c| match c {
            '\u{2019}' | '\u{02BC}' | '\u{2018}' | '`' | '\u{00B4}' => '\'',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

fn yes_no(present: bool) -> &'static str {
    if present { "yes" } else { "no" }
}

/// The one way to alter an inspection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Sets or clears (`None`) a grade in one column.
    Grade {
        /// The standard.
        code: Code,
        /// Commission or self-assessment.
        column: Column,
        /// The new grade, or `None` to clear it.
        grade: Option<Grade>,
    },
    /// Marks a standard not applicable with a reason, or applicable again (`None`).
    NotApplicable {
        /// The standard.
        code: Code,
        /// The reason; `None` makes it applicable again.
        reason: Option<String>,
    },
    /// Replaces the note on a standard (empty text removes it).
    Note {
        /// The standard.
        code: Code,
        /// The note.
        text: String,
    },
    /// Sets a field of the application form (empty value clears it).
    Centre {
        /// The field id from the catalogue's `application_form`.
        field: String,
        /// The value.
        value: String,
    },
    /// Records whether a mandatory document was presented.
    DocumentPresent {
        /// The document's number (1–13).
        number: u8,
        /// Present, missing, or not yet checked.
        present: Option<bool>,
    },
    /// Replaces the note on a mandatory document.
    DocumentNote {
        /// The document's number (1–13).
        number: u8,
        /// The note.
        text: String,
    },
}

impl Change {
    /// What the change sets: its subject, the field, and the new value as history rows
    /// write it (`None` = empty).
    fn target(&self) -> (Subject, String, Option<String>) {
        let text = |t: &String| Some(t.clone()).filter(|t| !t.is_empty());
        match self {
            Change::Grade {
                code,
                column,
                grade,
            } => (
                Subject::Standard(code.clone()),
                column.id().to_string(),
                grade.map(|g| g.to_string()),
            ),
            Change::NotApplicable { code, reason } => (
                Subject::Standard(code.clone()),
                "na".to_string(),
                reason.clone(),
            ),
            Change::Note { code, text: note } => (
                Subject::Standard(code.clone()),
                "note".to_string(),
                text(note),
            ),
            Change::Centre { field, value } => (Subject::Centre, field.clone(), text(value)),
            Change::DocumentPresent { number, present } => (
                Subject::Document(*number),
                "present".to_string(),
                present.map(|p| yes_no(p).to_string()),
            ),
            Change::DocumentNote { number, text: note } => {
                (Subject::Document(*number), "note".to_string(), text(note))
            }
        }
    }
}

/// What a change is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    /// A standard.
    Standard(Code),
    /// The application form.
    Centre,
    /// A mandatory document.
    Document(u8),
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Standard(c) => write!(f, "{c}"),
            Subject::Centre => f.write_str("centre"),
            Subject::Document(n) => write!(f, "document {n}"),
        }
    }
}

/// One altered value: the content of a history row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Altered {
    /// What was altered.
    pub subject: Subject,
    /// Which field (`commission`, `self`, `na`, `note`, a form field id, `present`).
    pub field: String,
    /// The value before (`None` = empty).
    pub old: Option<String>,
    /// The value after (`None` = empty).
    pub new: Option<String>,
}

impl Altered {
    /// The change that sets this row's new value (used to replay history).
    pub fn as_change(&self) -> Change {
        self.change_to(self.new.clone())
    }

    /// The change that restores this row's old value (used to undo).
    pub fn undo(&self) -> Change {
        self.change_to(self.old.clone())
    }

    fn change_to(&self, value: Option<String>) -> Change {
        match &self.subject {
            Subject::Standard(code) => match self.field.as_str() {
                "na" => Change::NotApplicable {
                    code: code.clone(),
                    reason: value,
                },
                "note" => Change::Note {
                    code: code.clone(),
                    text: value.unwrap_or_default(),
                },
                other => Change::Grade {
                    code: code.clone(),
                    column: if other == "self" {
                        Column::SelfAssessment
                    } else {
                        Column::Commission
                    },
                    grade: value.and_then(|v| v.parse().ok()),
                },
            },
            Subject::Centre => Change::Centre {
                field: self.field.clone(),
                value: value.unwrap_or_default(),
            },
            Subject::Document(number) => {
                if self.field == "present" {
                    Change::DocumentPresent {
                        number: *number,
                        present: value.map(|v| v == "yes"),
                    }
                } else {
                    Change::DocumentNote {
                        number: *number,
                        text: value.unwrap_or_default(),
                    }
                }
            }
        }
    }
}

/// Why a change was refused. Nothing of the batch it came in is applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The code is not in the catalogue at all.
    #[error("{0} is not a code of the catalogue; check the number (codes look like 1.1.4.2)")]
    UnknownCode(Code),
    /// The code is a standard of the other model.
    #[error(
        "{code} is not counted in the {model} model of this inspection (Table 1 lists it for the other model)"
    )]
    OutsideModel {
        /// The code.
        code: Code,
        /// The inspection's model.
        model: ModelId,
    },
    /// The code is a heading (a parent row such as 1.1.4).
    #[error("{code} is a heading of the Order, not a standard; {standards}")]
    Heading {
        /// The heading.
        code: Code,
        /// Which standards under it the inspection's model counts, in words.
        standards: String,
    },
    /// The code is a group.
    #[error("{code} is a group of standards, not a standard; {standards}")]
    Group {
        /// The group.
        code: Code,
        /// Which standards under it the inspection's model counts, in words.
        standards: String,
    },
    /// The code is a row that Table 1 does not count.
    #[error(
        "{0} appears in the Order's detailed tables but Table 1 does not count it in either model, so it cannot be scored"
    )]
    Uncounted(Code),
    /// The grade is not on the standard's scale.
    #[error("{code}: grade {grade} is not on its {scale} scale; allowed: {allowed}")]
    GradeOutsideScale {
        /// The standard.
        code: Code,
        /// The grade given.
        grade: Grade,
        /// Its scale.
        scale: crate::catalogue::Scale,
        /// The allowed grades with letters.
        allowed: String,
    },
    /// N/A without a reason.
    #[error("{0}: marking a standard not applicable needs a reason (--reason \"…\")")]
    NaWithoutReason(Code),
    /// An application field the form does not have.
    #[error("{field:?} is not a field of the application form; fields: {known}")]
    UnknownField {
        /// The field given.
        field: String,
        /// The known fields.
        known: String,
    },
    /// A commission grade or an N/A decision in a centre's self-assessment file.
    #[error(
        "{0}: this file is the centre's self-assessment; commission grades and \"not applicable\" are decided by the expert in the inspection file (grade the self-assessment column, and explain in the note)"
    )]
    CommissionOnly(Code),
    /// A text longer than the program keeps for it.
    #[error(
        "{subject}: the {what} is {chars} characters long; at most {limit} are kept — shorten it (a longer text belongs in a document of its own)"
    )]
    TooLong {
        /// What the text is about (a code, a field, a document).
        subject: String,
        /// Which text (`note`, `reason`, `value`).
        what: &'static str,
        /// Its length in characters.
        chars: usize,
        /// The most allowed.
        limit: usize,
    },
    /// A field the application form requires was emptied.
    #[error("{0:?} is required and cannot be emptied; give the new value instead")]
    RequiredField(String),
    /// A document number outside 1–13.
    #[error("document {number} does not exist; the Order lists documents 1 to {count}")]
    UnknownDocument {
        /// The number given.
        number: u8,
        /// How many there are.
        count: usize,
    },
}

/// "grade its standards instead: 1.1.4.1 … 1.1.4.10" for the standards under `parent`
/// that `model` counts, or a word that it counts none.
fn standards_under(catalogue: &Catalogue, model: ModelId, parent: &Code) -> String {
    let under: Vec<&Code> = catalogue
        .model_standards(model)
        .filter(|s| s.code.starts_with(parent))
        .map(|s| &s.code)
        .collect();
    match under.as_slice() {
        [] => format!("the {model} model counts no standard under it"),
        [one] => format!("grade its standard instead: {one}"),
        [first, .., last] if under.len() > 4 => format!(
            "grade its standards instead ({} in the {model} model): {first} … {last}",
            under.len()
        ),
        many => format!(
            "grade its standards instead: {}",
            many.iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The most characters a note on a standard or a document keeps: a few pages, enough
/// for what an expert writes on the spot, small enough that results stay reasonable.
pub const NOTE_LIMIT: usize = 10_000;

/// The most characters a reason for "not applicable" keeps.
pub const REASON_LIMIT: usize = 4_000;

/// The most characters a field of the application form keeps.
pub const FIELD_LIMIT: usize = 500;

/// The application form's fields that must never be empty.
const REQUIRED_FIELDS: &[&str] = &["centre_name"];

/// Refuses a text over its limit.
fn check_length(
    subject: &dyn fmt::Display,
    what: &'static str,
    text: &str,
    limit: usize,
) -> Result<(), Refusal> {
    let chars = text.chars().count();
    if chars > limit {
        return Err(Refusal::TooLong {
            subject: subject.to_string(),
            what,
            chars,
            limit,
        });
    }
    Ok(())
}

/// Checks the texts a change carries: lengths, and required fields left empty.
fn check_texts(change: &Change) -> Result<(), Refusal> {
    match change {
        Change::Note { code, text } => check_length(code, "note", text, NOTE_LIMIT),
        Change::NotApplicable {
            code,
            reason: Some(reason),
        } => check_length(code, "reason", reason, REASON_LIMIT),
        Change::Centre { field, value } => {
            if value.trim().is_empty() && REQUIRED_FIELDS.contains(&field.as_str()) {
                return Err(Refusal::RequiredField(field.clone()));
            }
            check_length(field, "value", value, FIELD_LIMIT)
        }
        Change::DocumentNote { number, text } => {
            check_length(&format!("document {number}"), "note", text, NOTE_LIMIT)
        }
        _ => Ok(()),
    }
}

/// Checks a change against the catalogue and the inspection's model.
pub fn validate(catalogue: &Catalogue, model: ModelId, change: &Change) -> Result<(), Refusal> {
    check_texts(change)?;
    let standard_code = match change {
        Change::Grade { code, .. }
        | Change::NotApplicable { code, .. }
        | Change::Note { code, .. } => code,
        Change::Centre { field, .. } => {
            if catalogue.application_form.iter().any(|f| &f.id == field) {
                return Ok(());
            }
            return Err(Refusal::UnknownField {
                field: field.clone(),
                known: catalogue
                    .application_form
                    .iter()
                    .map(|f| f.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        Change::DocumentPresent { number, .. } | Change::DocumentNote { number, .. } => {
            if catalogue.documents.iter().any(|d| d.number == *number) {
                return Ok(());
            }
            return Err(Refusal::UnknownDocument {
                number: *number,
                count: catalogue.documents.len(),
            });
        }
    };
    let standard = match catalogue.entry(standard_code) {
        Some(Entry::Standard(s)) => s,
        Some(Entry::Heading(h)) => {
            return Err(Refusal::Heading {
                code: h.code.clone(),
                standards: standards_under(catalogue, model, &h.code),
            });
        }
        Some(Entry::Group(g)) => {
            return Err(Refusal::Group {
                code: g.code.clone(),
                standards: standards_under(catalogue, model, &g.code),
            });
        }
        Some(Entry::Uncounted(u)) => return Err(Refusal::Uncounted(u.code.clone())),
        None => return Err(Refusal::UnknownCode(standard_code.clone())),
    };
    if !standard.in_model(model) {
        return Err(Refusal::OutsideModel {
            code: standard.code.clone(),
            model,
        });
    }
    match change {
        Change::Grade {
            grade: Some(grade), ..
        } if !standard.scale.allows(*grade) => Err(Refusal::GradeOutsideScale {
            code: standard.code.clone(),
            grade: *grade,
            scale: standard.scale,
            allowed: standard.scale.describe_grades(),
        }),
        Change::NotApplicable {
            reason: Some(reason),
            ..
        } if reason.trim().is_empty() => Err(Refusal::NaWithoutReason(standard.code.clone())),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Code {
        s.parse().expect("code")
    }

    fn cat() -> Catalogue {
        Catalogue::builtin().expect("catalogue")
    }

    #[test]
    fn apply_reports_old_and_new_and_skips_no_ops() {
        let mut a = Answers::default();
        let set = Change::Grade {
            code: c("1.1.3"),
            column: Column::Commission,
            grade: Some(2),
        };
        let altered = a.apply(&set).expect("altered");
        assert_eq!((altered.old, altered.new.as_deref()), (None, Some("2")));
        assert!(
            a.apply(&set).is_none(),
            "setting the same value is no change"
        );
        let undo = a
            .apply(&Change::Grade {
                code: c("1.1.3"),
                column: Column::Commission,
                grade: None,
            })
            .expect("cleared");
        assert_eq!(undo.old.as_deref(), Some("2"));
        assert!(a.standards.is_empty(), "an empty answer is pruned");
    }

    #[test]
    fn undo_restores_the_old_value() {
        let mut a = Answers::default();
        a.apply(&Change::Note {
            code: c("1.1.2"),
            text: "first".into(),
        });
        let altered = a
            .apply(&Change::Note {
                code: c("1.1.2"),
                text: "second".into(),
            })
            .expect("altered");
        a.apply(&altered.undo());
        assert_eq!(a.get(&c("1.1.2")).note, "first");
    }

    #[test]
    fn validation_refuses_each_kind_of_bad_code() {
        let cat = cat();
        let grade = |code: &str, g| Change::Grade {
            code: c(code),
            column: Column::Commission,
            grade: Some(g),
        };
        let full = ModelId::Full;
        assert_eq!(validate(&cat, full, &grade("1.1.1.1", 3)), Ok(()));
        assert!(matches!(
            validate(&cat, full, &grade("9.9", 3)),
            Err(Refusal::UnknownCode(_))
        ));
        assert!(matches!(
            validate(&cat, full, &grade("1.1.4", 3)),
            Err(Refusal::Heading { .. })
        ));
        assert!(matches!(
            validate(&cat, full, &grade("1.3.5", 3)),
            Err(Refusal::Uncounted(_))
        ));
        assert!(matches!(
            validate(&cat, full, &grade("1.1", 3)),
            Err(Refusal::Group { .. })
        ));
        assert!(matches!(
            validate(&cat, ModelId::Sanitary, &grade("1.8.1", 3)),
            Err(Refusal::OutsideModel { .. })
        ));
        let e = validate(&cat, ModelId::Sanitary, &grade("2.4.2", 3)).unwrap_err();
        assert!(e.to_string().contains("counts no standard under it"), "{e}");
        let e = validate(&cat, full, &grade("2.3.1", 3)).unwrap_err();
        assert!(e.to_string().contains("2.3.1.1.1 … 2.3.1.2.10"), "{e}");
        let e = validate(&cat, full, &grade("1.1.1.1", 1)).unwrap_err();
        assert!(e.to_string().contains("allowed: 0 (Н), 3 (В)"), "{e}");
        assert_eq!(validate(&cat, full, &grade("2.3.4.5", 1)), Ok(()));
        assert!(matches!(
            validate(
                &cat,
                full,
                &Change::NotApplicable {
                    code: c("1.1.1.5"),
                    reason: Some("  ".into())
                }
            ),
            Err(Refusal::NaWithoutReason(_))
        ));
        assert!(matches!(
            validate(
                &cat,
                full,
                &Change::Centre {
                    field: "colour".into(),
                    value: "x".into()
                }
            ),
            Err(Refusal::UnknownField { .. })
        ));
        assert!(matches!(
            validate(
                &cat,
                full,
                &Change::DocumentPresent {
                    number: 14,
                    present: Some(true)
                }
            ),
            Err(Refusal::UnknownDocument { .. })
        ));
    }
}
