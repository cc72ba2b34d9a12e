//! What a final result must hold, for the export that signs one and the verification that
//! checks one: every applicable standard graded, and the facts the commission relies on —
//! the expert, the visit date, the application form (Order lines 56–65) and the check of
//! each of the 13 documents that go with it (lines 66–80) — with no standard both not
//! applicable and graded.

use std::collections::BTreeMap;
use std::fmt;

use crate::answers::{Answers, CENTRE_NAME};
use crate::catalogue::{Catalogue, Code, ModelId};
use crate::inspection::Inspection;

/// A fact a final result lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MissingFact {
    /// The expert's name.
    Expert,
    /// The visit date.
    VisitDate,
    /// A field of the application form, by id (`location`, `head`, …).
    FormField(String),
    /// A document whose check is not recorded (present, missing or, for 13, not
    /// applicable).
    Document(u8),
}

impl fmt::Display for MissingFact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MissingFact::Expert => f.write_str("the expert's name"),
            MissingFact::VisitDate => f.write_str("the visit date"),
            MissingFact::FormField(id) => write!(f, "the application form's {id}"),
            MissingFact::Document(n) => write!(f, "the check of document {n}"),
        }
    }
}

/// What keeps an inspection's result from being final; empty when nothing does.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lacking {
    /// Standards neither graded nor not applicable, by group: "1.1: 1.1.2, 1.1.3".
    pub standards: Vec<(Code, Vec<Code>)>,
    /// Facts not recorded.
    pub facts: Vec<MissingFact>,
    /// Standards both not applicable and graded (possible in files made before akredit
    /// kept the two apart).
    pub contradictions: Vec<Code>,
}

impl Lacking {
    /// Whether nothing keeps the result from being final.
    pub fn is_empty(&self) -> bool {
        self.standards.is_empty() && self.facts.is_empty() && self.contradictions.is_empty()
    }

    /// How many standards are ungraded.
    pub fn ungraded(&self) -> usize {
        self.standards.iter().map(|(_, codes)| codes.len()).sum()
    }
}

impl fmt::Display for Lacking {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut lines = Vec::new();
        for (group, codes) in &self.standards {
            let codes: Vec<&str> = codes.iter().map(Code::as_str).collect();
            lines.push(format!("  ungraded in {group}: {}", codes.join(", ")));
        }
        for fact in &self.facts {
            lines.push(format!("  missing: {fact}"));
        }
        for code in &self.contradictions {
            lines.push(format!(
                "  {code} is both not applicable and graded: clear its grade or make it applicable"
            ));
        }
        f.write_str(&lines.join("\n"))
    }
}

/// The standards that keep a result from being final, grouped: "1.1: 1.1.2, 1.1.3".
pub fn missing_for_final(
    catalogue: &Catalogue,
    model: ModelId,
    answers: &Answers,
) -> Vec<(Code, Vec<Code>)> {
    let mut by_group: BTreeMap<Code, Vec<Code>> = BTreeMap::new();
    for s in catalogue.model_standards(model) {
        let a = answers.get(&s.code);
        let missing = match &a.na_reason {
            Some(r) => r.trim().is_empty(),
            None => a.commission.is_none(),
        };
        if missing {
            by_group
                .entry(s.group.clone())
                .or_default()
                .push(s.code.clone());
        }
    }
    by_group.into_iter().collect()
}

/// The facts a final result lacks: the expert, the visit date, every field of the
/// application form (each is a blank of the Order's form), every document's check.
pub fn missing_facts(
    catalogue: &Catalogue,
    expert: &str,
    visit_date: Option<&str>,
    answers: &Answers,
) -> Vec<MissingFact> {
    let mut facts = Vec::new();
    if expert.trim().is_empty() {
        facts.push(MissingFact::Expert);
    }
    if visit_date.is_none_or(|d| d.trim().is_empty()) {
        facts.push(MissingFact::VisitDate);
    }
    for field in &catalogue.application_form {
        let filled = answers
            .centre
            .get(&field.id)
            .is_some_and(|v| !v.trim().is_empty());
        // The name is required from the start, so only a hand-made file lacks it.
        if !filled || (field.id == CENTRE_NAME && answers.centre_name().trim().is_empty()) {
            facts.push(MissingFact::FormField(field.id.clone()));
        }
    }
    for document in &catalogue.documents {
        let checked = answers
            .documents
            .get(&document.number)
            .is_some_and(|d| d.present.is_some());
        if !checked {
            facts.push(MissingFact::Document(document.number));
        }
    }
    facts
}

/// Everything a final result of `answers` (with these facts) would lack.
pub fn lacking(
    catalogue: &Catalogue,
    model: ModelId,
    expert: &str,
    visit_date: Option<&str>,
    answers: &Answers,
) -> Lacking {
    Lacking {
        standards: missing_for_final(catalogue, model, answers),
        facts: missing_facts(catalogue, expert, visit_date, answers),
        contradictions: answers.graded_while_not_applicable(),
    }
}

/// What keeps an open inspection's result from being final.
pub fn what_final_lacks(insp: &Inspection) -> Lacking {
    let meta = insp.meta();
    lacking(
        insp.catalogue(),
        meta.model,
        &meta.expert,
        meta.visit_date.as_deref(),
        insp.answers(),
    )
}
