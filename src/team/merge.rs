//! Merging members' signed parts into the group's inspection: one batch of changes (one
//! undo), nothing decided silently.
//!
//! For each standard, the assessments on hand are the inspection's own (unless it came
//! from an earlier part of a member whose newer part is merged now: that one supersedes
//! it) and each part's. When they agree, the grade is taken with its author. When they
//! disagree, the standard is a [`Conflict`] that the head decides by naming whose
//! assessment to take; the decision is a row of the history. Notes are kept side by side
//! rather than replaced; a recommendation is taken where the inspection has none.

use std::collections::{BTreeMap, BTreeSet};

use super::{SignedPart, TeamError};
use crate::answers::{Answer, Answers, Change, Column, MergedPart, Recommendation};
use crate::catalogue::{Catalogue, Code, Grade};
use crate::inspection::Inspection;
use crate::signed::RecommendationEntry;

/// One assessment of a standard on hand in a merge: whose, and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Who made it (a member's name; the inspection's own expert for its unnamed grades).
    pub author: String,
    /// The commission grade (`None` when not applicable).
    pub grade: Option<Grade>,
    /// The reason, when not applicable.
    pub na_reason: Option<String>,
    /// The author's note on the standard.
    pub note: String,
    /// Whether it is the inspection's as it stands (not a part's).
    pub current: bool,
}

impl Candidate {
    /// Whether two assessments decide the same: the same grade, or both not applicable.
    fn agrees_with(&self, other: &Candidate) -> bool {
        self.grade == other.grade && self.na_reason.is_some() == other.na_reason.is_some()
    }

    /// The assessment in words: the grade with the Order's letter, or "N/A".
    pub fn label(&self, catalogue: &Catalogue, code: &Code) -> String {
        match (self.grade, catalogue.standard(code)) {
            (Some(g), Some(s)) => s.scale.label(g),
            (Some(g), None) => g.to_string(),
            (None, _) => "N/A".to_string(),
        }
    }

    /// The Order's criterion for the grade, where the catalogue has one.
    pub fn criterion<'a>(&self, catalogue: &'a Catalogue, code: &Code) -> Option<&'a str> {
        let grade = self.grade?;
        catalogue
            .standard(code)?
            .criteria
            .get(&grade)
            .map(String::as_str)
    }
}

/// A standard whose assessments disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The standard.
    pub code: Code,
    /// The assessments, the inspection's first.
    pub candidates: Vec<Candidate>,
    /// Whose assessment the head took, when decided.
    pub taken: Option<String>,
}

/// How a member's newer part changed an assessment merged from their earlier one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The standard.
    pub code: Code,
    /// The member.
    pub member: String,
    /// The assessment merged before, in words.
    pub before: String,
    /// The assessment now, in words.
    pub after: String,
}

/// Something a merge says beside its changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Standards a member graded outside the groups they are assigned (taken all the same).
    OutsideAssignment {
        /// The member.
        member: String,
        /// The standards.
        codes: Vec<Code>,
    },
    /// A member's recommendation that differs from the one recorded, which was kept.
    RecommendationKept {
        /// The standard.
        code: Code,
        /// The member.
        member: String,
    },
    /// Two parts of one member given at once: only the newest is merged.
    OlderIgnored {
        /// The member.
        member: String,
    },
}

/// What a merge does with one member's part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartStatus {
    /// Their first part merged here.
    New,
    /// A newer part than the one merged before (exported then).
    Newer(String),
    /// Exactly the part merged before: it changes nothing.
    AlreadyMerged,
}

/// Everything a merge would do, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergePlan {
    /// Each part's member, what becomes of it, and how many standards it assesses.
    pub parts: Vec<(String, PartStatus, usize)>,
    /// The standards whose assessments disagree, decided or not.
    pub conflicts: Vec<Conflict>,
    /// Assessments changed by a member's newer part.
    pub differences: Vec<Difference>,
    /// What else there is to know.
    pub notices: Vec<Notice>,
    /// Standards whose grade or decision is taken from a part, with whose.
    pub taken: Vec<(Code, String)>,
    changes: Vec<Change>,
}

impl MergePlan {
    /// The conflicts the head has not decided yet.
    pub fn undecided(&self) -> impl Iterator<Item = &Conflict> {
        self.conflicts.iter().filter(|c| c.taken.is_none())
    }

    /// Whether every conflict is decided, so the changes can be applied.
    pub fn is_ready(&self) -> bool {
        self.undecided().next().is_none()
    }

    /// The changes to apply in one batch; empty while a conflict is undecided.
    pub fn changes(&self) -> &[Change] {
        if self.is_ready() { &self.changes } else { &[] }
    }
}

/// Plans the merge of `parts` (read with [`super::read_part`] against `head`) into
/// `head`, with the head's decisions (`(member's name, code)`: take that member's
/// assessment of that standard). Refuses an older part of a member than one merged, and
/// a decision that decides nothing.
pub fn plan(
    head: &Inspection,
    parts: &[SignedPart],
    decisions: &[(String, Code)],
) -> Result<MergePlan, TeamError> {
    let mut plan = MergePlan {
        parts: Vec::new(),
        conflicts: Vec::new(),
        differences: Vec::new(),
        notices: Vec::new(),
        taken: Vec::new(),
        changes: Vec::new(),
    };
    let active = active_parts(head, parts, &mut plan)?;
    let decided: BTreeMap<&Code, &String> = decisions.iter().map(|(n, c)| (c, n)).collect();
    let mut used = BTreeSet::new();
    for code in decided_codes(&active) {
        plan_assessment(head, &active, &code, &decided, &mut used, &mut plan);
    }
    if let Some((name, code)) = decisions.iter().find(|(_, c)| !used.contains(c)) {
        return Err(match plan.conflicts.iter().find(|c| &c.code == code) {
            Some(c) => TeamError::BadDecision {
                name: name.clone(),
                code: code.clone(),
                among: authors(c),
            },
            None => TeamError::NothingToDecide(code.clone()),
        });
    }
    for part in &active {
        plan_texts(head, part, &mut plan);
    }
    for part in &active {
        let p = &part.part.payload;
        let outside = outside_groups(head, part);
        if !outside.is_empty() {
            plan.notices.push(Notice::OutsideAssignment {
                member: p.member.clone(),
                codes: outside,
            });
        }
        plan.changes.push(Change::PartMerged {
            name: p.member.clone(),
            part: Some(MergedPart {
                exported_at: p.exported_at.clone(),
                sha256: part.part.sha256.clone(),
            }),
        });
    }
    Ok(plan)
}

/// A part that changes something, with what its member had recorded when their part
/// merged before was exported (for a newer part): only what changed since counts, so a
/// disagreement the head decided then is not asked again.
struct Active<'a> {
    part: &'a SignedPart,
    previous: Option<Answers>,
}

impl Active<'_> {
    fn member(&self) -> &str {
        &self.part.payload.member
    }

    /// The member's recorded state at `at`, from the part's own history.
    fn state_at(part: &SignedPart, at: &str) -> Answers {
        let rows: Vec<_> = part
            .payload
            .history
            .iter()
            .filter(|r| r.at.as_str() <= at)
            .filter_map(|r| crate::signed::row_altered(r).ok())
            .collect();
        Answers::replay(rows.iter())
    }
}

/// Whose assessments a conflict has, for messages.
fn authors(c: &Conflict) -> String {
    c.candidates
        .iter()
        .map(|x| x.author.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The parts that change something: each member's newest, unless it is the one merged
/// before; an older part than the one merged is refused.
fn active_parts<'a>(
    head: &Inspection,
    parts: &'a [SignedPart],
    plan: &mut MergePlan,
) -> Result<Vec<Active<'a>>, TeamError> {
    let mut newest: BTreeMap<&str, &SignedPart> = BTreeMap::new();
    for part in parts {
        let member = part.payload.member.as_str();
        match newest.get(member) {
            Some(other) if other.sha256 == part.sha256 => {}
            Some(other) => {
                plan.notices.push(Notice::OlderIgnored {
                    member: member.to_string(),
                });
                if other.payload.exported_at < part.payload.exported_at {
                    newest.insert(member, part);
                }
            }
            None => {
                newest.insert(member, part);
            }
        }
    }
    let mut active = Vec::new();
    for (member, part) in newest {
        let merged = head.answers().team.get(member).and_then(|m| m.part.clone());
        let status = match merged {
            Some(m) if m.sha256 == part.sha256 => PartStatus::AlreadyMerged,
            Some(m) if m.exported_at > part.payload.exported_at => {
                return Err(TeamError::OlderPart {
                    member: member.to_string(),
                    part_at: part.payload.exported_at.clone(),
                    merged_at: m.exported_at,
                });
            }
            Some(m) => PartStatus::Newer(m.exported_at),
            None => PartStatus::New,
        };
        let count = part.payload.standards.len();
        match &status {
            PartStatus::AlreadyMerged => {}
            PartStatus::New => active.push(Active {
                part,
                previous: None,
            }),
            PartStatus::Newer(at) => active.push(Active {
                part,
                previous: Some(Active::state_at(part, at)),
            }),
        }
        plan.parts.push((member.to_string(), status, count));
    }
    Ok(active)
}

/// The part's own assessment of a standard: one its member made (not the head's decision
/// the part was made with), and changed since their part merged before.
fn own_assessment(active: &Active, code: &Code) -> Option<Candidate> {
    let p = &active.part.payload;
    let s = p.standards.iter().find(|s| s.code == code.as_str())?;
    let own = s.author.as_deref().is_none_or(|a| a == p.member);
    let unchanged = active.previous.as_ref().is_some_and(|before| {
        let b = before.get(code);
        b.commission == s.commission && b.na_reason == s.na_reason && b.author == s.author
    });
    (own && !unchanged && (s.commission.is_some() || s.na_reason.is_some())).then(|| Candidate {
        author: p.member.clone(),
        grade: s.commission,
        na_reason: s.na_reason.clone(),
        note: s.note.clone(),
        current: false,
    })
}

/// Every standard some part assesses, in the catalogue's order of codes.
fn decided_codes(parts: &[Active]) -> BTreeSet<Code> {
    parts
        .iter()
        .flat_map(|p| p.part.payload.standards.iter())
        .filter_map(|s| s.code.parse().ok())
        .filter(|code| parts.iter().any(|p| own_assessment(p, code).is_some()))
        .collect()
}

/// One standard's assessments: agreed, taken, or a conflict.
fn plan_assessment(
    head: &Inspection,
    parts: &[Active],
    code: &Code,
    decided: &BTreeMap<&Code, &String>,
    used: &mut BTreeSet<Code>,
    plan: &mut MergePlan,
) {
    let answers = head.answers();
    let current = answers.get(code);
    let merging: BTreeSet<&str> = parts.iter().map(Active::member).collect();
    let own = head.meta().expert.as_str();
    let author = answers.author_of(code, own).unwrap_or(own).to_string();
    let here = current.is_decided().then(|| Candidate {
        author: author.clone(),
        grade: current.commission,
        na_reason: current.na_reason.clone(),
        note: current.note.clone(),
        current: true,
    });
    // An assessment from a member's earlier part gives way to their newer one, when
    // that one changed it.
    let changed_by_author = parts
        .iter()
        .any(|p| p.member() == author && own_assessment(p, code).is_some());
    let (here, superseded) = match here {
        Some(h)
            if merging.contains(author.as_str())
                && current.author.is_some()
                && changed_by_author =>
        {
            (None, Some(h))
        }
        h => (h, None),
    };
    let mut candidates: Vec<Candidate> = here.into_iter().collect();
    candidates.extend(parts.iter().filter_map(|p| own_assessment(p, code)));
    let Some(first) = candidates.first().cloned() else {
        return;
    };
    let catalogue = head.catalogue();
    let taken = if candidates.iter().all(|c| c.agrees_with(&first)) {
        first
    } else {
        let choice = decided.get(code).map(|n| n.to_string());
        let chosen = choice
            .as_ref()
            .and_then(|n| candidates.iter().find(|c| &c.author == n).cloned());
        if chosen.is_some() {
            used.insert(code.clone());
        }
        plan.conflicts.push(Conflict {
            code: code.clone(),
            candidates: candidates.clone(),
            taken: chosen.as_ref().map(|c| c.author.clone()),
        });
        let Some(chosen) = chosen else {
            return;
        };
        let others: Vec<String> = candidates
            .iter()
            .filter(|c| c.author != chosen.author)
            .map(|c| format!("{} ({})", c.author, c.label(catalogue, code)))
            .collect();
        plan.changes.push(Change::Decision {
            code: code.clone(),
            text: format!(
                "{} ({}) taken over {}; decided by {}",
                chosen.author,
                chosen.label(catalogue, code),
                others.join(", "),
                answers.head().map_or(own, String::as_str)
            ),
        });
        chosen
    };
    if let Some(before) = &superseded
        && !before.agrees_with(&taken)
    {
        plan.differences.push(Difference {
            code: code.clone(),
            member: before.author.clone(),
            before: before.label(catalogue, code),
            after: taken.label(catalogue, code),
        });
    }
    if !taken.current {
        plan.taken.push((code.clone(), taken.author.clone()));
        plan.changes.extend(take(code, current, &taken));
    }
}

/// The changes that make a standard hold `taken`, with its author.
fn take(code: &Code, current: &Answer, taken: &Candidate) -> Vec<Change> {
    let mut changes = Vec::new();
    match &taken.na_reason {
        Some(reason) => changes.push(Change::NotApplicable {
            code: code.clone(),
            reason: Some(reason.clone()),
        }),
        None => {
            if current.is_na() {
                changes.push(Change::NotApplicable {
                    code: code.clone(),
                    reason: None,
                });
            }
            changes.push(Change::Grade {
                code: code.clone(),
                column: Column::Commission,
                grade: taken.grade,
            });
        }
    }
    changes.push(Change::Author {
        code: code.clone(),
        name: Some(taken.author.clone()),
    });
    changes
}

/// A part's notes (kept beside the recorded ones, named by their author) and its
/// recommendations (taken where none is recorded).
fn plan_texts(head: &Inspection, part: &Active, plan: &mut MergePlan) {
    let p = &part.part.payload;
    for s in &p.standards {
        let Ok(code) = s.code.parse::<Code>() else {
            continue;
        };
        let before = part.previous.as_ref().map(|b| b.get(&code).clone());
        let note = pending_note(head, &plan.changes, &code);
        let addition = s.note.trim();
        let note_changed = before.as_ref().is_none_or(|b| b.note != s.note);
        if note_changed && !addition.is_empty() && !note.contains(addition) {
            let text = if note.trim().is_empty() {
                addition.to_string()
            } else {
                format!("{note}\n\n{}: {addition}", p.member)
            };
            plan.changes.push(Change::Note {
                code: code.clone(),
                text,
            });
        }
        let theirs = RecommendationEntry::recommendation(s.recommendation.as_ref());
        if theirs.is_empty() || before.is_some_and(|b| b.recommendation == theirs) {
            continue;
        }
        let recorded = pending_recommendation(head, &plan.changes, &code);
        if recorded.is_empty() {
            plan.changes.extend(recommendation_changes(&code, theirs));
        } else if recorded != theirs {
            plan.notices.push(Notice::RecommendationKept {
                code,
                member: p.member.clone(),
            });
        }
    }
}

/// The note of a standard as the planned changes leave it.
fn pending_note(head: &Inspection, changes: &[Change], code: &Code) -> String {
    changes
        .iter()
        .rev()
        .find_map(|c| match c {
            Change::Note { code: c, text } if c == code => Some(text.clone()),
            _ => None,
        })
        .unwrap_or_else(|| head.answers().get(code).note.clone())
}

/// The recommendation of a standard as the planned changes leave it.
fn pending_recommendation(head: &Inspection, changes: &[Change], code: &Code) -> Recommendation {
    let mut r = head.answers().get(code).recommendation.clone();
    for change in changes {
        match change {
            Change::Recommendation { code: c, text } if c == code => r.text = text.clone(),
            Change::Due { code: c, due } if c == code => r.due = due.clone(),
            Change::Owner { code: c, name } if c == code => r.owner = name.clone(),
            _ => {}
        }
    }
    r
}

/// The changes that record a recommendation: its text, deadline and owner.
fn recommendation_changes(code: &Code, r: Recommendation) -> Vec<Change> {
    vec![
        Change::Recommendation {
            code: code.clone(),
            text: r.text,
        },
        Change::Due {
            code: code.clone(),
            due: r.due,
        },
        Change::Owner {
            code: code.clone(),
            name: r.owner,
        },
    ]
}

/// The standards a part's member assessed outside the groups the team assigns them.
fn outside_groups(head: &Inspection, part: &Active) -> Vec<Code> {
    let Some(member) = head.answers().team.get(part.member()) else {
        return Vec::new();
    };
    part.part
        .payload
        .standards
        .iter()
        .filter_map(|s| s.code.parse::<Code>().ok())
        .filter(|code| own_assessment(part, code).is_some() && !member.is_assigned(code))
        .collect()
}
