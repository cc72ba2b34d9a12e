//! [`Change`], the one way to alter an inspection, and [`Altered`], what a change did: the
//! content of one history row.
//!
//! A history row comes from a file (an inspection's `history` table, a result's
//! `history` array), so it is parsed into typed parts once, where it is read
//! ([`Altered::parse`]): a row whose field its subject does not have, or whose value its
//! field cannot hold, is refused there — it never replays as something else.

use std::fmt;

use super::evidence::Attachment;
use super::team::{self, MergedPart, Role};
use super::{Column, Presented};
use crate::catalogue::{Code, Grade, ModelId};

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
    /// Replaces the recommendation on a standard: what the centre is to remedy (empty
    /// text removes it).
    Recommendation {
        /// The standard.
        code: Code,
        /// What to remedy.
        text: String,
    },
    /// Sets or clears (`None`) the deadline of a standard's recommendation.
    Due {
        /// The standard.
        code: Code,
        /// The deadline, `YYYY-MM-DD`.
        due: Option<String>,
    },
    /// Replaces who is responsible for a standard's recommendation (empty clears it).
    Owner {
        /// The standard.
        code: Code,
        /// A name or a position at the centre.
        name: String,
    },
    /// Replaces the expert group's general conclusion on the inspection (empty removes it).
    Conclusion {
        /// The conclusion.
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
        /// Present, missing, not applicable, or not yet checked.
        present: Option<Presented>,
    },
    /// Replaces the note on a mandatory document.
    DocumentNote {
        /// The document's number (1–13).
        number: u8,
        /// The note.
        text: String,
    },
    /// Corrects a fact of the inspection itself: the expert, the visit date, the model.
    Fact {
        /// Which fact.
        fact: Fact,
        /// Its new value: a name, a `YYYY-MM-DD` date, a model's id (`sanitary`, `full`).
        value: String,
    },
    /// Adds a member to the expert group or changes their role; `None` removes them
    /// (their position, key, groups and merged part are cleared first, each a row of its
    /// own, so that undo puts them back).
    Member {
        /// The member's full name.
        name: String,
        /// Head or expert; `None` removes the member.
        role: Option<Role>,
    },
    /// Replaces a member's position (empty clears it).
    Position {
        /// The member.
        name: String,
        /// The position.
        text: String,
    },
    /// Sets or clears a member's public key (base64 Ed25519).
    MemberKey {
        /// The member.
        name: String,
        /// The key.
        key: Option<String>,
    },
    /// Replaces the groups of standards a member is assigned.
    Assign {
        /// The member.
        name: String,
        /// Group codes (`1.1`, `2.3`); empty: none.
        groups: Vec<Code>,
    },
    /// Records the last of a member's signed parts merged into the inspection.
    PartMerged {
        /// The member.
        name: String,
        /// The part; `None` forgets it.
        part: Option<MergedPart>,
    },
    /// Sets or clears (`None`: the inspection's own expert) who graded a standard — whose
    /// commission grade or "not applicable" decision it holds.
    Author {
        /// The standard.
        code: Code,
        /// A member of the team.
        name: Option<String>,
    },
    /// Records how the head of the group decided between assessments of a standard that
    /// disagreed: a row of the history, not a value of the answers.
    Decision {
        /// The standard.
        code: Code,
        /// Whose assessment was taken, over whose.
        text: String,
    },
    /// Attaches evidence under its number (its bytes already in the file), or removes it
    /// (`None`; its caption is cleared first, a row of its own, so that undo puts it back).
    Attach {
        /// The attachment's number in the inspection (1, 2, …; never reused while it
        /// is attached).
        number: u32,
        /// Its record; `None` removes it.
        attachment: Option<Attachment>,
    },
    /// Replaces the caption of an attachment (empty clears it).
    Caption {
        /// The attachment's number.
        number: u32,
        /// The caption.
        text: String,
    },
}

/// A fact of the inspection that the expert can correct after creating it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fact {
    /// The expert's name (`expert`).
    Expert,
    /// The date of the visit (`visit_date`).
    VisitDate,
    /// The centre's model of activity (`model`).
    Model,
}

impl Fact {
    /// Every fact, in the order forms show them.
    pub const ALL: [Fact; 3] = [Fact::Expert, Fact::VisitDate, Fact::Model];

    /// The fact as history rows, the inspection's header and the command line name it.
    pub fn id(self) -> &'static str {
        match self {
            Fact::Expert => "expert",
            Fact::VisitDate => "visit_date",
            Fact::Model => "model",
        }
    }

    /// The fact named `text`.
    pub fn parse(text: &str) -> Option<Fact> {
        Fact::ALL.into_iter().find(|f| f.id() == text)
    }

    /// Whether `value` is one this fact can hold (a date, a model's id; any name).
    pub fn holds(self, value: &str) -> bool {
        match self {
            Fact::Expert => true,
            Fact::VisitDate => crate::support::time::check_date(value).is_ok(),
            Fact::Model => value.parse::<ModelId>().is_ok(),
        }
    }
}

impl Change {
    /// What the change sets: its subject, the field, and the new value as history rows
    /// write it (`None` = empty).
    pub(super) fn target(&self) -> (Subject, Field, Option<String>) {
        let text = |t: &String| Some(t.clone()).filter(|t| !t.is_empty());
        match self {
            Change::Grade {
                code,
                column,
                grade,
            } => (
                Subject::Standard(code.clone()),
                Field::Grade(*column),
                grade.map(|g| g.to_string()),
            ),
            Change::NotApplicable { code, reason } => (
                Subject::Standard(code.clone()),
                Field::NotApplicable,
                reason.clone(),
            ),
            Change::Note { code, text: note } => {
                (Subject::Standard(code.clone()), Field::Note, text(note))
            }
            Change::Recommendation { code, text: t } => (
                Subject::Standard(code.clone()),
                Field::Recommendation,
                text(t),
            ),
            Change::Due { code, due } => (Subject::Standard(code.clone()), Field::Due, due.clone()),
            Change::Owner { code, name } => {
                (Subject::Standard(code.clone()), Field::Owner, text(name))
            }
            Change::Conclusion { text: t } => (Subject::Inspection, Field::Conclusion, text(t)),
            Change::Centre { field, value } => {
                (Subject::Centre, Field::Form(field.clone()), text(value))
            }
            Change::DocumentPresent { number, present } => (
                Subject::Document(*number),
                Field::Present,
                present.map(|p| p.id().to_string()),
            ),
            Change::DocumentNote { number, text: note } => {
                (Subject::Document(*number), Field::Note, text(note))
            }
            Change::Fact { fact, value } => (Subject::Inspection, Field::Fact(*fact), text(value)),
            Change::Member { name, role } => (
                Subject::Member(name.clone()),
                Field::Role,
                role.map(|r| r.id().to_string()),
            ),
            Change::Position { name, text: t } => {
                (Subject::Member(name.clone()), Field::Position, text(t))
            }
            Change::MemberKey { name, key } => {
                (Subject::Member(name.clone()), Field::Key, key.clone())
            }
            Change::Assign { name, groups } => (
                Subject::Member(name.clone()),
                Field::Groups,
                team::groups_stored(groups),
            ),
            Change::PartMerged { name, part } => (
                Subject::Member(name.clone()),
                Field::Part,
                part.as_ref().map(MergedPart::stored),
            ),
            Change::Author { code, name } => {
                (Subject::Standard(code.clone()), Field::Author, name.clone())
            }
            Change::Decision { code, text: t } => {
                (Subject::Standard(code.clone()), Field::Decision, text(t))
            }
            Change::Attach { number, attachment } => (
                Subject::Evidence(*number),
                Field::Attachment,
                attachment.as_ref().map(Attachment::stored),
            ),
            Change::Caption { number, text: t } => {
                (Subject::Evidence(*number), Field::Caption, text(t))
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
    /// The inspection's own facts (expert, visit date, model).
    Inspection,
    /// A member of the expert group, by name.
    Member(String),
    /// A piece of evidence, by its number.
    Evidence(u32),
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Standard(c) => write!(f, "{c}"),
            Subject::Centre => f.write_str("centre"),
            Subject::Document(n) => write!(f, "document {n}"),
            Subject::Inspection => f.write_str("inspection"),
            Subject::Member(name) => write!(f, "member {name}"),
            Subject::Evidence(n) => write!(f, "evidence {n}"),
        }
    }
}

/// Which value of its subject a change sets.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// A standard's grade in one column (`commission`, `self`).
    Grade(Column),
    /// A standard's "not applicable" reason (`na`).
    NotApplicable,
    /// The note on a standard or a document (`note`).
    Note,
    /// Whether a document was presented (`present`).
    Present,
    /// A field of the application form, by its id (`centre_name`, `location`, …).
    Form(String),
    /// A fact of the inspection (`expert`, `visit_date`, `model`).
    Fact(Fact),
    /// What a standard's recommendation asks the centre to remedy (`recommendation`).
    Recommendation,
    /// The deadline of a standard's recommendation (`due`).
    Due,
    /// Who is responsible for a standard's recommendation (`owner`).
    Owner,
    /// The expert group's general conclusion on the inspection (`conclusion`).
    Conclusion,
    /// A member's role (`role`); empty: not a member.
    Role,
    /// A member's position (`position`).
    Position,
    /// A member's public key (`key`).
    Key,
    /// The groups a member is assigned (`groups`).
    Groups,
    /// The last part of a member merged (`part`).
    Part,
    /// Who graded a standard (`author`).
    Author,
    /// How a disagreement over a standard was decided (`decision`).
    Decision,
    /// An attachment's record (`attachment`); empty: removed.
    Attachment,
    /// An attachment's caption (`caption`).
    Caption,
}

impl Field {
    /// The field as history rows write it.
    pub fn as_str(&self) -> &str {
        match self {
            Field::Grade(column) => column.id(),
            Field::NotApplicable => "na",
            Field::Note => "note",
            Field::Present => "present",
            Field::Form(id) => id,
            Field::Fact(fact) => fact.id(),
            Field::Recommendation => "recommendation",
            Field::Due => "due",
            Field::Owner => "owner",
            Field::Conclusion => "conclusion",
            Field::Role => "role",
            Field::Position => "position",
            Field::Key => "key",
            Field::Groups => "groups",
            Field::Part => "part",
            Field::Author => "author",
            Field::Decision => "decision",
            Field::Attachment => "attachment",
            Field::Caption => "caption",
        }
    }

    /// The field named `text` of a row about `subject`; `None` when that subject has no
    /// such field.
    pub fn parse(subject: &Subject, text: &str) -> Option<Field> {
        match (subject, text) {
            (Subject::Standard(_), "commission") => Some(Field::Grade(Column::Commission)),
            (Subject::Standard(_), "self") => Some(Field::Grade(Column::SelfAssessment)),
            (Subject::Standard(_), "na") => Some(Field::NotApplicable),
            (Subject::Standard(_), "recommendation") => Some(Field::Recommendation),
            (Subject::Standard(_), "due") => Some(Field::Due),
            (Subject::Standard(_), "owner") => Some(Field::Owner),
            (Subject::Standard(_), "author") => Some(Field::Author),
            (Subject::Standard(_), "decision") => Some(Field::Decision),
            (Subject::Member(_), "role") => Some(Field::Role),
            (Subject::Member(_), "position") => Some(Field::Position),
            (Subject::Member(_), "key") => Some(Field::Key),
            (Subject::Member(_), "groups") => Some(Field::Groups),
            (Subject::Member(_), "part") => Some(Field::Part),
            (Subject::Inspection, "conclusion") => Some(Field::Conclusion),
            (Subject::Evidence(_), "attachment") => Some(Field::Attachment),
            (Subject::Evidence(_), "caption") => Some(Field::Caption),
            (Subject::Standard(_) | Subject::Document(_), "note") => Some(Field::Note),
            (Subject::Document(_), "present") => Some(Field::Present),
            (Subject::Centre, id) if !id.trim().is_empty() => Some(Field::Form(id.to_string())),
            (Subject::Inspection, id) => Fact::parse(id).map(Field::Fact),
            _ => None,
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A history row that does not describe a change akredit can make.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a history row about {subject} has {what}")]
pub struct MalformedRow {
    /// What the row is about.
    pub subject: String,
    /// What is wrong with it.
    pub what: String,
}

/// One altered value: the content of a history row. Made by applying a [`Change`] or by
/// [`Altered::parse`], so its field always belongs to its subject and its values always
/// fit its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Altered {
    subject: Subject,
    field: Field,
    old: Option<String>,
    new: Option<String>,
}

impl Altered {
    /// Made by [`super::Answers::apply`] from a change, whose values always fit.
    pub(super) fn from_change(
        subject: Subject,
        field: Field,
        old: Option<String>,
        new: Option<String>,
    ) -> Altered {
        Altered {
            subject,
            field,
            old,
            new,
        }
    }

    /// The row of a corrected fact of the inspection (checked by the inspection).
    pub fn of_fact(fact: Fact, old: Option<String>, new: String) -> Altered {
        Altered {
            subject: Subject::Inspection,
            field: Field::Fact(fact),
            old,
            new: Some(new),
        }
    }

    /// A row as read from a file: the field must be one its subject has, and each value
    /// one the field can hold (a grade a number of 0–255, a document's check `yes`, `no`
    /// or `na`).
    pub fn parse(
        subject: Subject,
        field: &str,
        old: Option<String>,
        new: Option<String>,
    ) -> Result<Altered, MalformedRow> {
        let malformed = |what: String| MalformedRow {
            subject: subject.to_string(),
            what,
        };
        let field = Field::parse(&subject, field)
            .ok_or_else(|| malformed(format!("the unknown field {field:?}")))?;
        for value in [&old, &new].into_iter().flatten() {
            let fits = match field {
                Field::Grade(_) => value.parse::<Grade>().is_ok(),
                Field::Present => Presented::parse(value).is_some(),
                Field::Fact(fact) => fact.holds(value),
                Field::Due => crate::support::time::check_date(value).is_ok(),
                Field::Role => Role::parse(value).is_some(),
                Field::Groups => team::groups_parse(value).is_some(),
                Field::Part => MergedPart::parse(value).is_some(),
                Field::Key => team::is_public_key(value),
                Field::Attachment => Attachment::parse(value).is_some(),
                _ => true,
            };
            if !fits {
                return Err(malformed(format!(
                    "{value:?}, which its {field} cannot hold"
                )));
            }
        }
        Ok(Altered {
            subject,
            field,
            old,
            new,
        })
    }

    /// What was altered.
    pub fn subject(&self) -> &Subject {
        &self.subject
    }

    /// Which of its values.
    pub fn field(&self) -> &Field {
        &self.field
    }

    /// The value before (`None` = empty).
    pub fn old_value(&self) -> Option<&str> {
        self.old.as_deref()
    }

    /// The value after (`None` = empty).
    pub fn new_value(&self) -> Option<&str> {
        self.new.as_deref()
    }

    /// The change that sets this row's new value (used to replay history).
    pub fn as_change(&self) -> Change {
        self.change_to(self.new.clone())
    }

    /// The change that restores this row's old value (used to undo).
    pub fn undo(&self) -> Change {
        self.change_to(self.old.clone())
    }

    fn change_to(&self, value: Option<String>) -> Change {
        // The value fits the field (checked where the row was made or read).
        let grade = |v: Option<String>| v.and_then(|v| v.parse().ok());
        match (&self.subject, &self.field) {
            (Subject::Standard(code), Field::Grade(column)) => Change::Grade {
                code: code.clone(),
                column: *column,
                grade: grade(value),
            },
            (Subject::Standard(code), Field::NotApplicable) => Change::NotApplicable {
                code: code.clone(),
                reason: value,
            },
            (Subject::Standard(code), Field::Recommendation) => Change::Recommendation {
                code: code.clone(),
                text: value.unwrap_or_default(),
            },
            (Subject::Standard(code), Field::Due) => Change::Due {
                code: code.clone(),
                due: value,
            },
            (Subject::Standard(code), Field::Owner) => Change::Owner {
                code: code.clone(),
                name: value.unwrap_or_default(),
            },
            (Subject::Inspection, Field::Conclusion) => Change::Conclusion {
                text: value.unwrap_or_default(),
            },
            (Subject::Standard(code), Field::Author) => Change::Author {
                code: code.clone(),
                name: value,
            },
            (Subject::Standard(code), Field::Decision) => Change::Decision {
                code: code.clone(),
                text: value.unwrap_or_default(),
            },
            (Subject::Member(name), field) => member_change(name, field, value),
            (Subject::Evidence(number), Field::Attachment) => Change::Attach {
                number: *number,
                attachment: value.as_deref().and_then(Attachment::parse),
            },
            (Subject::Evidence(number), _) => Change::Caption {
                number: *number,
                text: value.unwrap_or_default(),
            },
            (Subject::Standard(code), _) => Change::Note {
                code: code.clone(),
                text: value.unwrap_or_default(),
            },
            (Subject::Document(number), Field::Present) => Change::DocumentPresent {
                number: *number,
                present: value.as_deref().and_then(Presented::parse),
            },
            (Subject::Document(number), _) => Change::DocumentNote {
                number: *number,
                text: value.unwrap_or_default(),
            },
            (Subject::Centre, field) => Change::Centre {
                field: field.as_str().to_string(),
                value: value.unwrap_or_default(),
            },
            (Subject::Inspection, field) => Change::Fact {
                // Only facts are fields of the inspection (checked where the row was made
                // or read); the expert's name is the one fact whose field is free text.
                fact: match field {
                    Field::Fact(fact) => *fact,
                    _ => Fact::Expert,
                },
                value: value.unwrap_or_default(),
            },
        }
    }
}

/// The change that sets a member's `field` to `value` (which fits it: checked where the
/// row was made or read).
fn member_change(name: &str, field: &Field, value: Option<String>) -> Change {
    let name = name.to_string();
    match field {
        Field::Position => Change::Position {
            name,
            text: value.unwrap_or_default(),
        },
        Field::Key => Change::MemberKey { name, key: value },
        Field::Groups => Change::Assign {
            name,
            groups: value
                .as_deref()
                .and_then(team::groups_parse)
                .unwrap_or_default(),
        },
        Field::Part => Change::PartMerged {
            name,
            part: value.as_deref().and_then(MergedPart::parse),
        },
        // A member's one other field is the role.
        _ => Change::Member {
            name,
            role: value.as_deref().and_then(Role::parse),
        },
    }
}
