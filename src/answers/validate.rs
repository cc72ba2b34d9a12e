//! Whether a change may be made: the catalogue's codes, scales and form, the
//! inspection's model, and the limits on texts.

use std::fmt;

use super::{Change, Fact, Presented};
use crate::catalogue::{Catalogue, Code, Entry, Grade, ModelId};

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
    #[error("{0}: marking a standard not applicable needs a reason")]
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
    /// "Not applicable" for a document every centre must present.
    #[error(
        "document {0} is required of every centre, so it cannot be not applicable: record it as present or missing (only a document the Order asks for \"за умови її проведення\" can be not applicable)"
    )]
    DocumentRequired(u8),
    /// A grade for a standard marked not applicable.
    #[error(
        "{0} is marked not applicable, so it cannot be graded: make it applicable first (remove its reason), then grade it"
    )]
    GradedWhileNotApplicable(Code),
    /// A recommendation's deadline that is not a date.
    #[error("{code}: the deadline {value:?} is not a date; write it as YYYY-MM-DD (2027-03-31)")]
    BadDue {
        /// The standard.
        code: Code,
        /// The value given.
        value: String,
    },
    /// A fact of the inspection emptied.
    #[error("the {} cannot be emptied; give the corrected value instead", fact_name(*.0))]
    FactEmpty(Fact),
    /// A visit date that is not a date, or a model that is not one.
    #[error("{value:?} is not a {}: {}", fact_name(*fact), fact_form(*fact))]
    BadFact {
        /// Which fact.
        fact: Fact,
        /// The value given.
        value: String,
    },
    /// A change of the expert group in a centre's self-assessment file.
    #[error(
        "this file is the centre's self-assessment; the expert group is recorded in the commission's inspection file"
    )]
    TeamInSelfAssessment,
    /// A change about a member who is not in the team.
    #[error("{0:?} is not a member of the expert group; add them to the group first")]
    NotAMember(String),
    /// A member's name that is empty or has spaces around it.
    #[error("a member's name must be their full name, without spaces before or after it")]
    BadMemberName,
    /// A second head of the group.
    #[error(
        "the expert group already has a head, {head}; make {head} an expert first, then {name} the head"
    )]
    SecondHead {
        /// The head there is.
        head: String,
        /// Who was to become head.
        name: String,
    },
    /// Removing a member whose grades the inspection holds.
    #[error(
        "{name} graded {} of the inspection's standards ({}); they stay in the group while their grades do — grade those standards again or take another member's grades first",
        codes.len(),
        list_codes(codes)
    )]
    MemberIsAuthor {
        /// The member.
        name: String,
        /// The standards they graded.
        codes: Vec<Code>,
    },
    /// An author named for a standard that has no grade and no decision.
    #[error("{0} has no commission grade and is not marked not applicable, so it has no author")]
    AuthorOfNothing(Code),
    /// A key that is not an Ed25519 public key.
    #[error(
        "{name}: the key is not an akredit public key (44 characters of base64, as `akredit key show` prints it, or an identity file)"
    )]
    BadKey {
        /// The member.
        name: String,
    },
    /// A code assigned to a member that is not a group.
    #[error(
        "{0} is not a group of standards; assign groups such as 1.1 or 2.3 (akredit catalogue lists them)"
    )]
    NotAGroup(Code),
    /// A change of model that would leave recorded answers outside the new model.
    #[error(
        "the model cannot become {model}: {} standards outside it have grades, notes or reasons ({}); clear them first",
        codes.len(),
        list_codes(codes)
    )]
    ModelWouldDrop {
        /// The model asked for.
        model: ModelId,
        /// The standards outside it with something recorded.
        codes: Vec<Code>,
    },
    /// No attachment has this number.
    #[error("there is no attachment {0}; akredit evidence lists them with their numbers")]
    NoSuchEvidence(u32),
    /// The number is another attachment's.
    #[error("attachment {0} is another file; a new attachment takes a new number")]
    EvidenceNumberTaken(u32),
}

/// The fact in words, for messages.
fn fact_name(fact: Fact) -> &'static str {
    match fact {
        Fact::Expert => "expert's name",
        Fact::VisitDate => "visit date",
        Fact::Model => "model",
    }
}

/// What a fact's value looks like, for messages.
fn fact_form(fact: Fact) -> &'static str {
    match fact {
        Fact::Expert => "a name",
        Fact::VisitDate => "a date written YYYY-MM-DD, e.g. 2026-11-23",
        Fact::Model => "sanitary or full",
    }
}

/// Up to five codes, then how many more.
fn list_codes(codes: &[Code]) -> String {
    crate::catalogue::list_codes(codes, 5)
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

/// The most characters the general conclusion keeps: several pages of the official form.
pub const CONCLUSION_LIMIT: usize = 20_000;

/// The application form's fields that must never be empty.
const REQUIRED_FIELDS: &[&str] = &[super::CENTRE_NAME];

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
        Change::Recommendation { code, text } => {
            check_length(code, "recommendation", text, NOTE_LIMIT)
        }
        Change::Owner { code, name } => check_length(code, "responsible", name, FIELD_LIMIT),
        Change::Due {
            code,
            due: Some(due),
        } if crate::support::time::check_date(due).is_err() => Err(Refusal::BadDue {
            code: code.clone(),
            value: due.clone(),
        }),
        Change::Conclusion { text } => {
            check_length(&"the inspection", "conclusion", text, CONCLUSION_LIMIT)
        }
        Change::Decision { code, text } => check_length(code, "decision", text, NOTE_LIMIT),
        Change::Caption { number, text } => {
            check_length(&format!("attachment {number}"), "caption", text, NOTE_LIMIT)
        }
        Change::Attach {
            number,
            attachment: Some(a),
        } => check_length(
            &format!("attachment {number}"),
            "file name",
            &a.name,
            FIELD_LIMIT,
        ),
        Change::Fact { fact, value } => {
            if value.trim().is_empty() {
                return Err(Refusal::FactEmpty(*fact));
            }
            if !fact.holds(value.trim()) {
                return Err(Refusal::BadFact {
                    fact: *fact,
                    value: value.clone(),
                });
            }
            check_length(&fact.id(), "value", value, FIELD_LIMIT)
        }
        _ => Ok(()),
    }
}

/// Checks a change of the team: a name with no spaces around it, texts within their
/// limits, a key that is one, groups that are groups of the catalogue.
fn check_member(catalogue: &Catalogue, change: &Change) -> Result<(), Refusal> {
    let name = match change {
        Change::Member { name, .. }
        | Change::Position { name, .. }
        | Change::MemberKey { name, .. }
        | Change::Assign { name, .. }
        | Change::PartMerged { name, .. } => name,
        Change::Author {
            name: Some(name), ..
        } => name,
        _ => return Ok(()),
    };
    if name.trim().is_empty() || name.trim() != name || name.chars().any(char::is_control) {
        return Err(Refusal::BadMemberName);
    }
    check_length(&"a member", "name", name, FIELD_LIMIT)?;
    match change {
        Change::Position { text, .. } => check_length(name, "position", text, FIELD_LIMIT),
        Change::MemberKey { key: Some(key), .. } if !super::is_public_key(key) => {
            Err(Refusal::BadKey { name: name.clone() })
        }
        Change::Assign { groups, .. } => match groups
            .iter()
            .find(|g| !matches!(catalogue.entry(g), Some(Entry::Group(_))))
        {
            Some(code) => Err(Refusal::NotAGroup(code.clone())),
            None => Ok(()),
        },
        _ => Ok(()),
    }
}

/// The catalogue's document `number`, or the refusal that it has none.
fn document(catalogue: &Catalogue, number: u8) -> Result<&crate::catalogue::Document, Refusal> {
    catalogue
        .documents
        .iter()
        .find(|d| d.number == number)
        .ok_or(Refusal::UnknownDocument {
            number,
            count: catalogue.documents.len(),
        })
}

/// The standard `code` names in `model`, or the refusal that says what it names instead.
fn standard<'c>(
    catalogue: &'c Catalogue,
    model: ModelId,
    code: &Code,
) -> Result<&'c crate::catalogue::Standard, Refusal> {
    let standard = match catalogue.entry(code) {
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
        None => return Err(Refusal::UnknownCode(code.clone())),
    };
    if !standard.in_model(model) {
        return Err(Refusal::OutsideModel {
            code: standard.code.clone(),
            model,
        });
    }
    Ok(standard)
}

/// Checks a change against the catalogue and the inspection's model.
pub fn validate(catalogue: &Catalogue, model: ModelId, change: &Change) -> Result<(), Refusal> {
    check_texts(change)?;
    check_member(catalogue, change)?;
    let standard_code = match change {
        Change::Grade { code, .. }
        | Change::NotApplicable { code, .. }
        | Change::Note { code, .. }
        | Change::Recommendation { code, .. }
        | Change::Due { code, .. }
        | Change::Owner { code, .. }
        | Change::Author { code, .. }
        | Change::Decision { code, .. } => code,
        Change::Attach {
            attachment: Some(a),
            ..
        } => match &a.target {
            super::Target::Standard(code) => code,
            super::Target::Document(number) => return document(catalogue, *number).map(|_| ()),
        },
        Change::Attach { .. } | Change::Caption { .. } => return Ok(()),
        Change::Conclusion { .. }
        | Change::Member { .. }
        | Change::Position { .. }
        | Change::MemberKey { .. }
        | Change::Assign { .. }
        | Change::PartMerged { .. } => return Ok(()),
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
        // Whether a model change leaves nothing behind depends on what is recorded: the
        // inspection checks that.
        Change::Fact { .. } => return Ok(()),
        Change::DocumentPresent { number, .. } | Change::DocumentNote { number, .. } => {
            let document = document(catalogue, *number)?;
            let not_applicable = matches!(
                change,
                Change::DocumentPresent {
                    present: Some(Presented::NotApplicable),
                    ..
                }
            );
            if not_applicable && !document.may_be_not_applicable() {
                return Err(Refusal::DocumentRequired(*number));
            }
            return Ok(());
        }
    };
    let standard = standard(catalogue, model, standard_code)?;
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
