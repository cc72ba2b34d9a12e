//! Checking a signed result without trusting anything in it: its form, its signature,
//! who signed it, and that every figure follows from its grades.

use std::collections::BTreeSet;
use std::fmt;

use super::signatures::check_cosigned;
use super::{
    FORMAT, FORMAT_2, Payload, RecommendationEntry, ResultFile, ResultTotals, SignatureFault,
    SignatureStatus, TrustedKey, canonical_payload, fingerprint, keys, missing_facts,
    missing_for_final, row_altered,
};
use crate::answers::{Answer, Answers, DocumentCheck, Fact, fact_off_history};
use crate::catalogue::{Catalogue, Code, ModelId, sha256_hex};
use crate::scoring;

/// One check of a verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// What was checked.
    pub name: &'static str,
    /// The outcome.
    pub outcome: Outcome,
}

/// The outcome of a check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It holds (with what was found).
    Pass(String),
    /// It does not hold (why).
    Fail(String),
    /// Not checked (why).
    Skipped(String),
    /// It does not hold, but the result was signed before akredit required it (or it is
    /// worth knowing without making the result invalid): said, not failed.
    Warning(String),
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.outcome {
            Outcome::Pass(d) => write!(f, "ok       {}: {d}", self.name),
            Outcome::Fail(d) => write!(f, "FAILED   {}: {d}", self.name),
            Outcome::Skipped(d) => write!(f, "skipped  {}: {d}", self.name),
            Outcome::Warning(d) => write!(f, "WARNING  {}: {d}", self.name),
        }
    }
}

/// Everything a verification found.
#[derive(Debug, Clone)]
pub struct Verification {
    /// The checks, in order.
    pub checks: Vec<Check>,
    /// The result, when it could be read.
    pub result: Option<ResultFile>,
    /// SHA-256 of the canonical payload, when the payload could be read and put in canonical form.
    pub sha256: Option<String>,
    /// The name a trusted identity gives the signing key, when `--trust` named it (of a
    /// co-signed result, the head's, who exported it).
    pub trusted_name: Option<String>,
    /// Of a co-signed result (`akredit-result/2`): every member of its expert group, in
    /// the team's order, and where their signature stands, then any signature in a name
    /// the team does not record (or a second one in a member's name). Empty for a result
    /// of one expert (`akredit-result/1`), whose one signature is the `signature` check.
    pub signatures: Vec<SignatureStatus>,
}

impl Verification {
    /// True when no check failed.
    pub fn holds(&self) -> bool {
        self.checks
            .iter()
            .all(|c| !matches!(c.outcome, Outcome::Fail(_)))
    }

    /// The checks that failed, in order.
    pub fn failed(&self) -> impl Iterator<Item = &Check> {
        self.checks
            .iter()
            .filter(|c| matches!(c.outcome, Outcome::Fail(_)))
    }

    /// The verified result and its SHA-256, if every check holds.
    pub fn into_verified(self) -> Option<(ResultFile, String)> {
        if !self.holds() {
            return None;
        }
        self.result.zip(self.sha256)
    }

    /// The checks that hold only as warnings, in order.
    pub fn warnings(&self) -> impl Iterator<Item = &Check> {
        self.checks
            .iter()
            .filter(|c| matches!(c.outcome, Outcome::Warning(_)))
    }

    /// Of a co-signed result: how many members of the expert group have signed validly,
    /// and how many it has (`(2, 3)`: "2 of 3"); `None` for a result of one expert.
    pub fn signed_of(&self) -> Option<(usize, usize)> {
        let result = self.result.as_ref().filter(|r| r.is_cosigned())?;
        let team = result.payload.team.len();
        let signed = self
            .signatures
            .iter()
            .take(team)
            .filter(|s| s.valid())
            .count();
        Some((signed, team))
    }

    pub(super) fn push(&mut self, name: &'static str, outcome: Outcome) {
        self.checks.push(Check { name, outcome });
    }
}

/// The first akredit version that refuses a final result without its facts, and any
/// result with a standard both not applicable and graded (issue 14). A result signed by
/// an earlier version was made under the earlier rules: for it these are warnings.
const FACTS_REQUIRED_SINCE: (u32, u32, u32) = (0, 2, 0);

/// Whether the result was signed by a version before [`FACTS_REQUIRED_SINCE`]; a version
/// that cannot be read is held to today's rules.
fn signed_before_facts_rules(p: &Payload) -> bool {
    let mut parts = p.akredit_version.split('.').map(|n| n.parse::<u32>());
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(Ok(major)), Some(Ok(minor)), Some(Ok(patch)), None) => {
            (major, minor, patch) < FACTS_REQUIRED_SINCE
        }
        _ => false,
    }
}

/// A failure, or a warning for a result signed before the rule existed.
fn under_rule_of_time(p: &Payload, why: String) -> Outcome {
    if signed_before_facts_rules(p) {
        Outcome::Warning(format!(
            "{why} (signed by akredit {}, before this was required)",
            p.akredit_version
        ))
    } else {
        Outcome::Fail(why)
    }
}

/// Verifies a result file's bytes against a catalogue and, when given, trusted keys.
///
/// The checks, in order: format (and canonical form), signature, trusted signer,
/// catalogue, standards, completeness of a final result, totals, history. A check that
/// cannot run because an earlier one failed is left out.
pub fn verify(bytes: &[u8], catalogue: &Catalogue, trusted: &[TrustedKey]) -> Verification {
    let mut v = Verification {
        checks: Vec::new(),
        result: None,
        sha256: None,
        trusted_name: None,
        signatures: Vec::new(),
    };
    let Some((result, message)) = check_format(bytes, &mut v) else {
        return v;
    };
    // A payload with no canonical form names no result, and no signature can be over it
    // (checked against nothing, it fails).
    v.sha256 = message.as_deref().map(sha256_hex);
    let message_bytes = message.as_deref().unwrap_or_default();
    let (trust, trusted_name) = if result.is_cosigned() {
        check_cosigned(&result, message_bytes, &mut v);
        check_trust_each(&result, trusted)
    } else {
        let signer = check_signature(&result, message_bytes, &mut v);
        check_trust(signer, &result.payload.signer, trusted)
    };
    v.trusted_name = trusted_name;
    v.push("trusted signer", trust);
    let p = &result.payload;
    check_catalogue(p, catalogue, &mut v);
    check_names(p, v.trusted_name.clone(), &mut v);
    if let Some((model, answers)) = check_standards(p, catalogue, &mut v) {
        let answers = with_form_and_documents(p, answers);
        if p.is_final {
            check_complete(catalogue, model, &answers, &mut v);
            check_facts(p, catalogue, &answers, &mut v);
        }
        check_consistent(p, &answers, &mut v);
        check_totals(p, catalogue, model, &answers, &mut v);
        check_history(p, answers, &mut v);
    }
    v.result = Some(result);
    v
}

/// Check 1: One typed parse (unknown fields refused); the canonical form is then what
/// serializing it back gives, byte for byte. Returns the result and its canonical
/// payload (if it has one), or `None` when the file is not a result at all.
fn check_format(bytes: &[u8], v: &mut Verification) -> Option<(ResultFile, Option<Vec<u8>>)> {
    let result: ResultFile = match serde_json::from_slice(bytes) {
        Ok(r) => r,
        Err(e) if e.classify() == serde_json::error::Category::Data => {
            v.push(
                "format",
                Outcome::Fail(format!("not an akredit result: {e}")),
            );
            return None;
        }
        Err(e) => {
            v.push("format", Outcome::Fail(format!("not a JSON document: {e}")));
            return None;
        }
    };
    if result.format != FORMAT && result.format != FORMAT_2 {
        v.push(
            "format",
            Outcome::Fail(format!("format {:?}, expected {FORMAT:?}", result.format)),
        );
        return None;
    }
    let message = match canonical_payload(&result.payload) {
        Ok(message) => {
            if result.canonical_bytes(&message).as_deref() == Ok(bytes) {
                v.push(
                    "format",
                    Outcome::Pass(format!("{}, canonical", result.format)),
                );
            } else {
                v.push(
                    "format",
                    Outcome::Fail(
                        "the file is not in canonical form: it was edited after signing".into(),
                    ),
                );
            }
            Some(message)
        }
        Err(e) => {
            v.push("format", Outcome::Fail(e));
            None
        }
    };
    Some((result, message))
}

/// Check 2: The signature over the canonical payload; returns the key it names, if well formed.
fn check_signature(result: &ResultFile, message: &[u8], v: &mut Verification) -> Option<[u8; 32]> {
    let outcome = match result.signature.check(message) {
        Ok(key) => Outcome::Pass(format!(
            "valid, made with key {} (the result names {:?} as its signer)",
            fingerprint(&key),
            result.payload.signer
        )),
        Err(SignatureFault::UnknownAlgorithm(alg)) => {
            Outcome::Fail(format!("unknown algorithm {alg:?}"))
        }
        Err(SignatureFault::Malformed) => {
            Outcome::Fail("the public key or signature is not valid base64 Ed25519".into())
        }
        Err(SignatureFault::Mismatch) => {
            Outcome::Fail("does not match the payload: the result was changed after signing".into())
        }
    };
    v.push("signature", outcome);
    keys::decode_public_key(&result.signature.public_key).map(|k| k.to_bytes())
}

/// Check 4: The catalogue the result was made with is the one loaded.
fn check_catalogue(p: &Payload, catalogue: &Catalogue, v: &mut Verification) {
    if p.catalogue.sha256 == catalogue.sha256 {
        v.push(
            "catalogue",
            Outcome::Pass(format!(
                "{} (SHA-256 {}…)",
                catalogue.id,
                &catalogue.sha256[..16]
            )),
        );
    } else {
        v.push(
            "catalogue",
            Outcome::Fail(format!(
                "made with catalogue {} (SHA-256 {}), not the one loaded ({}); load the catalogue it was made with",
                p.catalogue.id, p.catalogue.sha256, catalogue.sha256
            )),
        );
    }
}

/// Check 5: Every standard of the model exactly once, grades on their scales; returns the
/// model and the answers the result records.
fn check_standards(
    p: &Payload,
    catalogue: &Catalogue,
    v: &mut Verification,
) -> Option<(ModelId, Answers)> {
    let Ok(model) = p.model.parse::<ModelId>() else {
        v.push(
            "standards",
            Outcome::Fail(format!("unknown model {:?}", p.model)),
        );
        return None;
    };
    match answers_from(p, catalogue, model) {
        Ok(a) => {
            v.push(
                "standards",
                Outcome::Pass(format!(
                    "all {} standards of the {model} model, each once",
                    p.standards.len()
                )),
            );
            Some((model, a))
        }
        Err(e) => {
            v.push("standards", Outcome::Fail(e));
            None
        }
    }
}

/// Check 6: A final result grades every applicable standard, as export requires: a draft
/// re-signed as final does not pass.
fn check_complete(catalogue: &Catalogue, model: ModelId, answers: &Answers, v: &mut Verification) {
    let missing = missing_for_final(catalogue, model, answers);
    let count: usize = missing.iter().map(|(_, codes)| codes.len()).sum();
    if count == 0 {
        v.push(
            "complete",
            Outcome::Pass("final, every applicable standard graded".into()),
        );
        return;
    }
    let first: Vec<&str> = missing
        .iter()
        .flat_map(|(_, codes)| codes.iter().map(Code::as_str))
        .take(10)
        .collect();
    v.push(
        "complete",
        Outcome::Fail(format!(
            "marked final, but {count} standards are neither graded nor not applicable: {}{}",
            first.join(", "),
            if count > first.len() { ", …" } else { "" }
        )),
    );
}

/// The payload's answers with its application form and documents: all it records.
fn with_form_and_documents(p: &Payload, mut answers: Answers) -> Answers {
    answers.centre = p.centre.clone();
    answers.conclusion = p.conclusion.clone();
    answers.team = p.team_members();
    // An entry akredit would not write is left out, so the history does not replay to it.
    answers.evidence = p
        .evidence
        .iter()
        .filter_map(|e| Some((e.number, e.evidence()?)))
        .collect();
    answers.documents = p
        .documents
        .iter()
        .filter(|d| d.check().is_some() || !d.note.is_empty())
        .map(|d| {
            (
                d.number,
                DocumentCheck {
                    present: d.check(),
                    note: d.note.clone(),
                },
            )
        })
        .collect();
    answers
}

/// A fact of the inspection as the result records it.
fn payload_fact(p: &Payload, fact: Fact) -> Option<String> {
    match fact {
        Fact::Expert => Some(p.expert.clone()).filter(|e| !e.is_empty()),
        Fact::VisitDate => p.visit_date.clone(),
        Fact::Model => Some(p.model.clone()),
    }
}

/// Check 6b: A final result records the expert, the visit date, the application form
/// and the check of every document.
fn check_facts(p: &Payload, catalogue: &Catalogue, answers: &Answers, v: &mut Verification) {
    let missing = missing_facts(catalogue, &p.expert, p.visit_date.as_deref(), answers);
    if missing.is_empty() {
        v.push(
            "facts",
            Outcome::Pass("expert, visit date, application form and 13 documents recorded".into()),
        );
        return;
    }
    let listed: Vec<String> = missing.iter().map(ToString::to_string).collect();
    let why = format!("marked final, but it lacks {}", listed.join(", "));
    v.push("facts", under_rule_of_time(p, why));
}

/// Check 6c: No standard is both not applicable and graded. A document that says both
/// "not applicable" and present is refused with the standards' form.
fn check_consistent(p: &Payload, answers: &Answers, v: &mut Verification) {
    let both = answers.graded_while_not_applicable();
    let documents: Vec<u8> = p
        .documents
        .iter()
        .filter(|d| d.contradicts_itself())
        .map(|d| d.number)
        .collect();
    if !documents.is_empty() {
        v.push(
            "consistent",
            Outcome::Fail(format!(
                "documents {documents:?} are said to be both not applicable and present or missing"
            )),
        );
        return;
    }
    if both.is_empty() {
        v.push(
            "consistent",
            Outcome::Pass("no standard is both not applicable and graded".into()),
        );
        return;
    }
    let codes: Vec<&str> = both.iter().map(Code::as_str).collect();
    let why = format!(
        "{} both not applicable and graded: {}",
        if both.len() == 1 {
            "a standard is"
        } else {
            "standards are"
        },
        codes.join(", ")
    );
    v.push("consistent", under_rule_of_time(p, why));
}

/// The expert the result names and the name its signer signs with: said either way, a
/// warning when they differ (another expert of the group may sign, but the commission
/// should see it). A trusted identity's name, when given, is the signer's.
fn check_names(p: &Payload, trusted_name: Option<String>, v: &mut Verification) {
    let signer = trusted_name.unwrap_or_else(|| p.signer.clone());
    let outcome = if p.expert.trim().is_empty() {
        Outcome::Warning(format!("the result names no expert; signed by {signer}"))
    } else if keys::names_agree(&p.expert, &signer) {
        Outcome::Pass(format!(
            "the expert {} and the key's name {signer} agree",
            p.expert
        ))
    } else {
        Outcome::Warning(format!(
            "the expert named in the result is {}, the key's name is {signer}: they differ",
            p.expert
        ))
    };
    v.push("names", outcome);
}

/// Check 7: The totals recompute from the grades.
fn check_totals(
    p: &Payload,
    catalogue: &Catalogue,
    model: ModelId,
    answers: &Answers,
    v: &mut Verification,
) {
    let totals = scoring::totals(catalogue, model, answers);
    match ResultTotals::from(&totals) {
        t if t == p.totals => v.push(
            "totals",
            Outcome::Pass(format!(
                "{} / {} points, {} %, category {} — recomputed",
                totals.commission.points,
                totals.max_points,
                totals
                    .commission
                    .percent
                    .map_or("—".to_string(), |x| x.to_string()),
                totals.commission.category
            )),
        ),
        _ => v.push(
            "totals",
            Outcome::Fail(format!(
                "the totals do not follow from the grades (recomputed: {} / {} points, category {})",
                totals.commission.points, totals.max_points, totals.commission.category
            )),
        ),
    }
}

/// Check 8: The history replays to the recorded state.
fn check_history(p: &Payload, answers: Answers, v: &mut Verification) {
    let rows = match p
        .history
        .iter()
        .map(row_altered)
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(rows) => rows,
        Err(why) => {
            v.push("history", Outcome::Fail(why));
            return;
        }
    };
    if !p.history.windows(2).all(|w| w[0].id < w[1].id) {
        v.push(
            "history",
            Outcome::Fail("the history's rows are out of order".into()),
        );
        return;
    }
    if let Some(fact) = fact_off_history(rows.iter(), |fact| payload_fact(p, fact)) {
        v.push(
            "history",
            Outcome::Fail(format!(
                "the history's last change of the {} is not what the result says",
                fact.id()
            )),
        );
        return;
    }
    let state = Answers::replay(rows.iter());
    let recorded = answers;
    if state == recorded {
        v.push(
            "history",
            Outcome::Pass(format!(
                "{} changes replay to the recorded state",
                rows.len()
            )),
        );
    } else {
        v.push(
            "history",
            Outcome::Fail("the history does not replay to the recorded grades".into()),
        );
    }
}

/// The trust check: whether the signing key is among the trusted ones and, when the
/// trusted identity names its holder, whether the result claims that same name — a
/// trusted expert cannot sign in another's name. Returns the outcome and the trusted name.
fn check_trust(
    signer: Option<[u8; 32]>,
    claimed: &str,
    trusted: &[TrustedKey],
) -> (Outcome, Option<String>) {
    if trusted.is_empty() {
        return (
            Outcome::Skipped(
                "no trusted key given; compare the fingerprint with the expert's".into(),
            ),
            None,
        );
    }
    let Some(key) = signer else {
        return (Outcome::Fail("no valid signer key".into()), None);
    };
    let fp = fingerprint(&key);
    let Some(entry) = trusted.iter().find(|t| t.key == key) else {
        return (
            Outcome::Fail(format!("key {fp} is not among the trusted keys")),
            None,
        );
    };
    match &entry.name {
        None => (
            Outcome::Pass(format!(
                "key {fp} is trusted (given without a name: the result names {claimed:?})"
            )),
            None,
        ),
        Some(name) if entry.signed_as(claimed).is_some() => {
            let earlier = entry
                .signed_as(claimed)
                .filter(|n| {
                    crate::answers::centre_name_key(n) != crate::answers::centre_name_key(name)
                })
                .map(|n| format!(", who signed this as {n} before renaming the key"))
                .unwrap_or_default();
            (
                Outcome::Pass(format!("key {fp} is trusted: it is {name}'s{earlier}")),
                Some(name.clone()),
            )
        }
        Some(name) => (
            Outcome::Fail(format!(
                "key {fp} is {name}'s, but the result names {claimed:?} as its signer: a result signed in another's name"
            )),
            Some(name.clone()),
        ),
    }
}

/// The trust check of a co-signed result: each signature's key among the trusted ones,
/// in its member's name. Returns the outcome and the name trusted for the first (the
/// head's) signature.
fn check_trust_each(result: &ResultFile, trusted: &[TrustedKey]) -> (Outcome, Option<String>) {
    if trusted.is_empty() {
        return (
            Outcome::Skipped(
                "no trusted key given; compare the fingerprints with the experts'".into(),
            ),
            None,
        );
    }
    let mut passed = Vec::new();
    let mut failed = Vec::new();
    let mut head_name = None;
    for (i, s) in result.signatures.iter().enumerate() {
        let (outcome, name) = check_trust(s.key(), &s.name, trusted);
        if i == 0 {
            head_name = name;
        }
        match outcome {
            Outcome::Pass(why) => passed.push(format!("{}: {why}", s.name)),
            Outcome::Fail(why) | Outcome::Warning(why) | Outcome::Skipped(why) => {
                failed.push(format!("{}: {why}", s.name))
            }
        }
    }
    let outcome = if failed.is_empty() {
        Outcome::Pass(passed.join("; "))
    } else {
        Outcome::Fail(failed.join("; "))
    };
    (outcome, head_name)
}

fn answers_from(p: &Payload, catalogue: &Catalogue, model: ModelId) -> Result<Answers, String> {
    let mut answers = Answers::default();
    let mut seen = BTreeSet::new();
    for e in &p.standards {
        let code: Code = e
            .code
            .parse()
            .map_err(|_| format!("{:?} is not a code", e.code))?;
        let Some(s) = catalogue.standard(&code).filter(|s| s.in_model(model)) else {
            return Err(format!("{code} is not a standard of the {model} model"));
        };
        if !seen.insert(code.clone()) {
            return Err(format!("{code} appears more than once"));
        }
        for g in [e.commission, e.self_grade].into_iter().flatten() {
            if !s.scale.allows(g) {
                return Err(format!("{code}: grade {g} is not on its {} scale", s.scale));
            }
        }
        if e.na != e.na_reason.is_some()
            || e.na_reason.as_deref().is_some_and(|r| r.trim().is_empty())
        {
            return Err(format!(
                "{code}: not applicable without a reason, or a reason without N/A"
            ));
        }
        if let Some(due) = e.recommendation.as_ref().and_then(|r| r.due.as_deref())
            && crate::support::time::check_date(due).is_err()
        {
            return Err(format!(
                "{code}: the recommendation's deadline {due:?} is not a date"
            ));
        }
        let answer = Answer {
            commission: e.commission,
            self_grade: e.self_grade,
            na_reason: e.na_reason.clone(),
            note: e.note.clone(),
            recommendation: RecommendationEntry::recommendation(e.recommendation.as_ref()),
            author: e.author.clone(),
        };
        if answer != Answer::default() {
            answers.standards.insert(code, answer);
        }
    }
    let expected = catalogue.model_standards(model).count();
    if seen.len() != expected {
        let missing: Vec<String> = catalogue
            .model_standards(model)
            .filter(|s| !seen.contains(&s.code))
            .map(|s| s.code.to_string())
            .collect();
        return Err(format!(
            "{} of {expected} standards present; missing: {}",
            seen.len(),
            missing.join(", ")
        ));
    }
    Ok(answers)
}

#[cfg(test)]
mod tests {
    use crate::signed::keys::names_agree;

    #[test]
    fn names_agree_by_surname_and_initials() {
        assert!(names_agree("Іваненко І. І.", "Іваненко Іван Іванович"));
        assert!(names_agree("Іваненко І.І.", "іваненко  Іван"));
        assert!(names_agree("Сидоренко Олена", "Сидоренко О."));
        assert!(!names_agree("Іваненко І. І.", "Петренко Іван"));
        assert!(!names_agree("Іваненко Іван", "Іваненко Петро"));
        assert!(!names_agree("Іваненко П.", "Іваненко Іван"));
        assert!(!names_agree("", "Іваненко Іван"));
    }
}
