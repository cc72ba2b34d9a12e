//! What the expert has recorded in an inspection, held in memory, and the one type
//! ([`Change`]) through which it is ever altered.
//!
//! The store persists these values and a history of every change; scoring reads them.
//! Neither SQLite nor the GUI is known here, so replaying a history over an empty
//! [`Answers`] is a pure function and can be checked against the stored state.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::catalogue::{Code, Grade};

mod change;
mod evidence;
mod preset;
mod recommendations;
mod search;
mod team;
mod validate;

pub use change::{Altered, Change, Fact, Field, MalformedRow, Subject};
pub use evidence::{Attachment, Evidence, Original, Target};
pub use preset::{PresetPlan, preset_applied, preset_plan, preset_reason, shown_reason};
pub use recommendations::{RecommendationRow, recommendation_rows};
pub use search::{Found, Hit, search};
pub use team::{Member, MergedPart, Role, groups_parse, groups_stored, is_public_key};
pub use validate::{CONCLUSION_LIMIT, FIELD_LIMIT, NOTE_LIMIT, REASON_LIMIT, Refusal, validate};

/// The id of the application form's first field, the centre's name: required, and what
/// names the centre everywhere.
pub const CENTRE_NAME: &str = "centre_name";

/// Which of the two grade columns of the Order a grade belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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
    /// What the centre is to remedy, by when, and who answers for it.
    #[serde(skip_serializing_if = "Recommendation::is_empty")]
    pub recommendation: Recommendation,
    /// Who of the team made the commission grade or the "not applicable" decision, when
    /// it is not the inspection's own expert (a part merged from another member).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

/// The expert's recommendation on a standard: what to remedy, the deadline, and who is
/// responsible; the corrective-action plan is made of these.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Recommendation {
    /// What to remedy (empty: no recommendation).
    pub text: String,
    /// The deadline, `YYYY-MM-DD`.
    pub due: Option<String>,
    /// Who at the centre is responsible (may be empty).
    pub owner: String,
}

impl Recommendation {
    /// Whether nothing is recorded: no text, no deadline, no owner.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty() && self.due.is_none() && self.owner.is_empty()
    }
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

    /// Whether it holds a grade, a not-applicable reason, a note or an author: what the
    /// `answer` table stores (the recommendation has a table of its own).
    pub fn has_assessment(&self) -> bool {
        self.commission.is_some()
            || self.self_grade.is_some()
            || self.na_reason.is_some()
            || !self.note.is_empty()
            || self.author.is_some()
    }

    /// Whether the commission has decided it: graded, or not applicable.
    pub fn is_decided(&self) -> bool {
        self.commission.is_some() || self.na_reason.is_some()
    }
}

/// What the check of a mandatory document found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Presented {
    /// The document was presented.
    Yes,
    /// It was not.
    No,
    /// It is not required of this centre: only a document the Order asks for "за умови її
    /// проведення" (document 13, the report on scientific and teaching work, line 80).
    #[serde(rename = "na")]
    NotApplicable,
}

impl Presented {
    /// How history rows and the command line write it: `yes`, `no`, `na`.
    pub fn id(self) -> &'static str {
        match self {
            Presented::Yes => "yes",
            Presented::No => "no",
            Presented::NotApplicable => "na",
        }
    }

    /// The check written as `yes`, `no` or `na`.
    pub fn parse(text: &str) -> Option<Presented> {
        match text {
            "yes" => Some(Presented::Yes),
            "no" => Some(Presented::No),
            "na" => Some(Presented::NotApplicable),
            _ => None,
        }
    }

    /// As the document table stores it (1, 0, 2).
    pub fn stored(self) -> u8 {
        match self {
            Presented::Yes => 1,
            Presented::No => 0,
            Presented::NotApplicable => 2,
        }
    }

    /// From the document table's value.
    pub fn from_stored(value: u8) -> Option<Presented> {
        match value {
            1 => Some(Presented::Yes),
            0 => Some(Presented::No),
            2 => Some(Presented::NotApplicable),
            _ => None,
        }
    }
}

/// The check of one mandatory document of the application.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DocumentCheck {
    /// Present, missing or not applicable; `None` not yet checked.
    pub present: Option<Presented>,
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
    /// The expert group's general conclusion on the inspection (empty: none yet).
    pub conclusion: String,
    /// The expert group, by full name (empty: one expert, the inspection's own).
    pub team: BTreeMap<String, Member>,
    /// The evidence attached, by number.
    pub evidence: BTreeMap<u32, Evidence>,
}

/// The answer of a standard with nothing recorded.
static EMPTY: Answer = Answer {
    commission: None,
    self_grade: None,
    na_reason: None,
    note: String::new(),
    recommendation: Recommendation {
        text: String::new(),
        due: None,
        owner: String::new(),
    },
    author: None,
};

impl Answers {
    /// The answer for a standard (the empty one if nothing is recorded).
    pub fn get(&self, code: &Code) -> &Answer {
        self.standards.get(code).unwrap_or(&EMPTY)
    }

    /// The centre's name, as the application form gives it (empty if none).
    pub fn centre_name(&self) -> &str {
        self.centre.get(CENTRE_NAME).map_or("", String::as_str)
    }

    /// Applies a change that has already been validated, returning what it altered.
    ///
    /// A change that sets a value to what it already is alters nothing and returns
    /// `None`, so no history row is written for it. A [`Change::Fact`] is not an answer:
    /// it alters nothing here (the inspection records its facts itself).
    pub fn apply(&mut self, change: &Change) -> Option<Altered> {
        if matches!(change, Change::Fact { .. }) {
            return None;
        }
        let (subject, field, new) = change.target();
        let old = self.value_of(&subject, &field);
        self.set(change.clone());
        (old != new).then(|| Altered::from_change(subject, field, old, new))
    }

    /// Applies a batch of validated changes in order, all or none, keeping the rule that a
    /// standard is never both not applicable and graded: a grade for a standard marked not
    /// applicable is refused, and marking a graded standard not applicable clears its
    /// grades first (each clearing is a row of its own, so undo puts the grades back).
    pub fn apply_batch(&mut self, changes: &[Change]) -> Result<Vec<Altered>, Refusal> {
        let mut altered = Vec::new();
        for change in changes {
            if let Err(refusal) = self.apply_keeping_rules(change, &mut altered) {
                self.undo_all(&altered);
                return Err(refusal);
            }
        }
        Ok(altered)
    }

    /// Applies one change under [`Answers::apply_batch`]'s rules, adding what it altered:
    /// a standard is never both not applicable and graded, an author is always the
    /// author of a grade or a decision and always a member, a new commission grade or
    /// decision is the inspection's own expert's (its author cleared, a row of its own),
    /// the group has one head at most, and a member leaves with nothing of theirs left.
    pub fn apply_keeping_rules(
        &mut self,
        change: &Change,
        altered: &mut Vec<Altered>,
    ) -> Result<(), Refusal> {
        match change {
            Change::Grade {
                code,
                grade: Some(_),
                ..
            } if self.get(code).is_na() => {
                return Err(Refusal::GradedWhileNotApplicable(code.clone()));
            }
            Change::Grade {
                code,
                column: Column::Commission,
                grade,
            } if self.get(code).commission != *grade => {
                altered.extend(self.clear_author(code));
            }
            Change::NotApplicable { code, reason } => {
                if self.get(code).na_reason != *reason {
                    altered.extend(self.clear_author(code));
                }
                if reason.is_some() {
                    for column in [Column::Commission, Column::SelfAssessment] {
                        let clear = Change::Grade {
                            code: code.clone(),
                            column,
                            grade: None,
                        };
                        altered.extend(self.apply(&clear));
                    }
                }
            }
            Change::Attach { .. } | Change::Caption { .. } => {
                self.check_evidence_rules(change, altered)?
            }
            _ => self.check_team_rules(change, altered)?,
        }
        altered.extend(self.apply(change));
        Ok(())
    }

    /// The rules of [`Answers::apply_keeping_rules`] for the team and for authors.
    fn check_team_rules(
        &mut self,
        change: &Change,
        altered: &mut Vec<Altered>,
    ) -> Result<(), Refusal> {
        let not_a_member = |name: &String| Refusal::NotAMember(name.clone());
        match change {
            Change::Author {
                code,
                name: Some(name),
            } => {
                if !self.team.contains_key(name) {
                    return Err(not_a_member(name));
                }
                if !self.get(code).is_decided() {
                    return Err(Refusal::AuthorOfNothing(code.clone()));
                }
            }
            Change::Member {
                name,
                role: Some(Role::Head),
            } => {
                if let Some(head) = self.head().filter(|head| *head != name) {
                    return Err(Refusal::SecondHead {
                        head: head.clone(),
                        name: name.clone(),
                    });
                }
            }
            Change::Member { name, role: None } if self.team.contains_key(name) => {
                let authored = self.authored_by(name);
                if !authored.is_empty() {
                    return Err(Refusal::MemberIsAuthor {
                        name: name.clone(),
                        codes: authored,
                    });
                }
                for clear in Self::member_clearing(name) {
                    altered.extend(self.apply(&clear));
                }
            }
            Change::Position { name, .. }
            | Change::MemberKey { name, .. }
            | Change::Assign { name, .. }
            | Change::PartMerged { name, .. }
                if !self.team.contains_key(name) =>
            {
                return Err(not_a_member(name));
            }
            _ => {}
        }
        Ok(())
    }

    /// The rules for evidence: a number holds one attachment until it is removed, a
    /// caption is an attachment's, and an attachment leaves with its caption (cleared
    /// first, a row of its own).
    fn check_evidence_rules(
        &mut self,
        change: &Change,
        altered: &mut Vec<Altered>,
    ) -> Result<(), Refusal> {
        match change {
            Change::Attach {
                number,
                attachment: Some(a),
            } => match self.evidence.get(number) {
                Some(e) if e.attachment != *a => Err(Refusal::EvidenceNumberTaken(*number)),
                _ => Ok(()),
            },
            Change::Attach {
                number,
                attachment: None,
            } => {
                if !self.evidence.contains_key(number) {
                    return Err(Refusal::NoSuchEvidence(*number));
                }
                let clear = Change::Caption {
                    number: *number,
                    text: String::new(),
                };
                altered.extend(self.apply(&clear));
                Ok(())
            }
            Change::Caption { number, .. } if !self.evidence.contains_key(number) => {
                Err(Refusal::NoSuchEvidence(*number))
            }
            _ => Ok(()),
        }
    }

    /// The number the next attachment gets: one more than the highest ever used in
    /// `history` or attached now (a removed attachment's number is not given again).
    pub fn next_evidence_number<'a>(&self, history: impl IntoIterator<Item = &'a Altered>) -> u32 {
        let used = history
            .into_iter()
            .filter_map(|a| match a.subject() {
                Subject::Evidence(n) => Some(*n),
                _ => None,
            })
            .chain(self.evidence.keys().copied())
            .max()
            .unwrap_or(0);
        used.saturating_add(1)
    }

    /// The evidence attached to `target`, by number.
    pub fn evidence_of<'a>(
        &'a self,
        target: &'a Target,
    ) -> impl Iterator<Item = (u32, &'a Evidence)> {
        self.evidence
            .iter()
            .filter(move |(_, e)| e.attachment.target == *target)
            .map(|(n, e)| (*n, e))
    }

    /// The changes that empty a member's fields before they leave the team.
    fn member_clearing(name: &str) -> [Change; 4] {
        let name = name.to_string();
        [
            Change::PartMerged {
                name: name.clone(),
                part: None,
            },
            Change::Assign {
                name: name.clone(),
                groups: Vec::new(),
            },
            Change::MemberKey {
                name: name.clone(),
                key: None,
            },
            Change::Position {
                name,
                text: String::new(),
            },
        ]
    }

    /// Clears who graded a standard, when someone is named.
    fn clear_author(&mut self, code: &Code) -> Option<Altered> {
        self.apply(&Change::Author {
            code: code.clone(),
            name: None,
        })
    }

    /// The head of the expert group, if one is named.
    pub fn head(&self) -> Option<&String> {
        self.team
            .iter()
            .find(|(_, m)| m.role == Role::Head)
            .map(|(name, _)| name)
    }

    /// The standards whose grade or decision `name` made (as recorded).
    pub fn authored_by(&self, name: &str) -> Vec<Code> {
        self.standards
            .iter()
            .filter(|(_, a)| a.author.as_deref() == Some(name))
            .map(|(code, _)| code.clone())
            .collect()
    }

    /// How many standards `name` graded or decided: those they are the recorded author of,
    /// and, when `name` is `own` (the inspection's expert), those with no other author.
    pub fn graded_count(&self, name: &str, own: &str) -> usize {
        self.standards
            .keys()
            .filter(|code| self.author_of(code, own) == Some(name))
            .count()
    }

    /// Who graded a standard: its recorded author, else `own` (the inspection's expert)
    /// when it is graded or decided at all.
    pub fn author_of<'a>(&'a self, code: &Code, own: &'a str) -> Option<&'a str> {
        let answer = self.get(code);
        answer
            .author
            .as_deref()
            .or_else(|| answer.is_decided().then_some(own))
    }

    /// Puts back what `altered` changed, newest first.
    pub fn undo_all(&mut self, altered: &[Altered]) {
        for a in altered.iter().rev() {
            self.apply(&a.undo());
        }
    }

    /// The standards that are both not applicable and graded (in a column), which
    /// akredit no longer lets happen but files made before may hold.
    pub fn graded_while_not_applicable(&self) -> Vec<Code> {
        self.standards
            .iter()
            .filter(|(_, a)| a.is_na() && (a.commission.is_some() || a.self_grade.is_some()))
            .map(|(code, _)| code.clone())
            .collect()
    }

    /// The current value of one field, as history rows write it (`None` = empty).
    fn value_of(&self, subject: &Subject, field: &Field) -> Option<String> {
        match subject {
            Subject::Standard(code) => {
                let answer = self.standards.get(code)?;
                let text = |t: &String| Some(t.clone()).filter(|s| !s.is_empty());
                match field {
                    Field::NotApplicable => answer.na_reason.clone(),
                    Field::Grade(column) => answer.grade(*column).map(|g| g.to_string()),
                    Field::Recommendation => text(&answer.recommendation.text),
                    Field::Due => answer.recommendation.due.clone(),
                    Field::Owner => text(&answer.recommendation.owner),
                    Field::Author => answer.author.clone(),
                    // A decision is a row of the history, never a value.
                    Field::Decision => None,
                    _ => text(&answer.note),
                }
            }
            Subject::Member(name) => {
                let member = self.team.get(name)?;
                match field {
                    Field::Role => Some(member.role.id().to_string()),
                    Field::Position => Some(member.position.clone()).filter(|p| !p.is_empty()),
                    Field::Key => member.key.clone(),
                    Field::Groups => groups_stored(&member.groups),
                    _ => member.part.as_ref().map(MergedPart::stored),
                }
            }
            Subject::Evidence(number) => {
                let e = self.evidence.get(number)?;
                match field {
                    Field::Attachment => Some(e.attachment.stored()),
                    _ => Some(e.caption.clone()).filter(|c| !c.is_empty()),
                }
            }
            Subject::Centre => self.centre.get(field.as_str()).cloned(),
            Subject::Inspection if *field == Field::Conclusion => {
                Some(self.conclusion.clone()).filter(|s| !s.is_empty())
            }
            // The inspection's facts are not answers (see `apply`).
            Subject::Inspection => None,
            Subject::Document(number) => {
                let doc = self.documents.get(number)?;
                if *field == Field::Present {
                    doc.present.map(|p| p.id().to_string())
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
            Change::Recommendation { code, text } => {
                self.edit_recommendation(code, |r| r.text = text)
            }
            Change::Due { code, due } => self.edit_recommendation(code, |r| r.due = due),
            Change::Owner { code, name } => self.edit_recommendation(code, |r| r.owner = name),
            Change::Conclusion { text } => self.conclusion = text,
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
            Change::Author { code, name } => {
                self.standards.entry(code.clone()).or_default().author = name;
                self.prune_standard(&code);
            }
            // The inspection's facts are not answers (see `apply`), and a decision is
            // only a row of the history.
            Change::Fact { .. } | Change::Decision { .. } => {}
            Change::Member { name, role } => match role {
                Some(role) => self.team.entry(name).or_insert(Member::new(role)).role = role,
                None => {
                    self.team.remove(&name);
                }
            },
            Change::Position { name, text } => self.edit_member(&name, |m| m.position = text),
            Change::MemberKey { name, key } => self.edit_member(&name, |m| m.key = key),
            Change::Assign { name, groups } => self.edit_member(&name, |m| m.groups = groups),
            Change::PartMerged { name, part } => self.edit_member(&name, |m| m.part = part),
            Change::Attach { number, attachment } => match attachment {
                Some(attachment) => {
                    let caption = self
                        .evidence
                        .remove(&number)
                        .map(|e| e.caption)
                        .unwrap_or_default();
                    self.evidence.insert(
                        number,
                        Evidence {
                            attachment,
                            caption,
                        },
                    );
                }
                None => {
                    self.evidence.remove(&number);
                }
            },
            Change::Caption { number, text } => {
                if let Some(e) = self.evidence.get_mut(&number) {
                    e.caption = text;
                }
            }
        }
    }

    /// Changes a member's field; a name not in the team changes nothing (validated
    /// changes name members, and a replayed history adds them first).
    fn edit_member(&mut self, name: &str, edit: impl FnOnce(&mut Member)) {
        if let Some(member) = self.team.get_mut(name) {
            edit(member);
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

    /// Changes one part of a standard's recommendation (the answer pruned if left empty).
    fn edit_recommendation(&mut self, code: Code, edit: impl FnOnce(&mut Recommendation)) {
        edit(
            &mut self
                .standards
                .entry(code.clone())
                .or_default()
                .recommendation,
        );
        self.prune_standard(&code);
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

/// The first fact of the inspection whose last change in `history` did not set the value
/// `recorded` gives (a fact never changed is as it was created, which no row tells).
pub fn fact_off_history<'a>(
    history: impl IntoIterator<Item = &'a Altered>,
    recorded: impl Fn(Fact) -> Option<String>,
) -> Option<Fact> {
    let mut last: std::collections::BTreeMap<Fact, Option<&str>> = Default::default();
    for a in history {
        if let Field::Fact(fact) = a.field() {
            last.insert(*fact, a.new_value());
        }
    }
    last.into_iter()
        .find(|(fact, value)| recorded(*fact).as_deref() != *value)
        .map(|(fact, _)| fact)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{Catalogue, ModelId};

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
        assert_eq!(
            (altered.old_value(), altered.new_value()),
            (None, Some("2"))
        );
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
        assert_eq!(undo.old_value(), Some("2"));
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
                    present: Some(Presented::Yes)
                }
            ),
            Err(Refusal::UnknownDocument { .. })
        ));
    }

    #[test]
    fn the_team_keeps_one_head_and_a_member_leaves_with_nothing_behind() {
        let member = |name: &str, role| Change::Member {
            name: name.into(),
            role,
        };
        let mut a = Answers::default();
        a.apply_batch(&[
            member("Коваленко О.", Some(Role::Head)),
            Change::Position {
                name: "Коваленко О.".into(),
                text: "лікар".into(),
            },
            member("Петренко І.", Some(Role::Expert)),
            Change::Assign {
                name: "Петренко І.".into(),
                groups: vec![c("1.2")],
            },
        ])
        .expect("team");
        assert!(matches!(
            a.apply_batch(&[member("Петренко І.", Some(Role::Head))]),
            Err(Refusal::SecondHead { .. })
        ));
        // Petrenko grades 1.2.1.1 (a merged part): a grade and its author.
        let graded = a
            .apply_batch(&[
                Change::Grade {
                    code: c("1.2.1.1"),
                    column: Column::Commission,
                    grade: Some(3),
                },
                Change::Author {
                    code: c("1.2.1.1"),
                    name: Some("Петренко І.".into()),
                },
            ])
            .expect("graded");
        assert_eq!(a.author_of(&c("1.2.1.1"), "own"), Some("Петренко І."));
        assert!(matches!(
            a.apply_batch(&[member("Петренко І.", None)]),
            Err(Refusal::MemberIsAuthor { .. })
        ));
        // The head grades it again: the grade is the head's own, its author cleared.
        let before = a.clone();
        let regraded = a
            .apply_batch(&[Change::Grade {
                code: c("1.2.1.1"),
                column: Column::Commission,
                grade: Some(0),
            }])
            .expect("regraded");
        assert_eq!(regraded.len(), 2, "the author cleared, then the grade");
        assert_eq!(a.author_of(&c("1.2.1.1"), "own"), Some("own"));
        a.undo_all(&regraded);
        assert_eq!(
            a, before,
            "undo gives the expert's grade back with its author"
        );
        a.undo_all(&graded);
        let with_team = a.clone();
        let removed = a
            .apply_batch(&[member("Петренко І.", None)])
            .expect("removed");
        assert!(!a.team.contains_key("Петренко І."));
        assert_eq!(removed.len(), 2, "the groups, then the role");
        a.undo_all(&removed);
        assert_eq!(a, with_team, "undo puts the member back whole");
        assert!(matches!(
            a.apply_batch(&[Change::Author {
                code: c("1.1.1.1"),
                name: Some("Петренко І.".into()),
            }]),
            Err(Refusal::AuthorOfNothing(_))
        ));
    }
}
