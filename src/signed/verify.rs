//! Checking a signed result without trusting anything in it: its form, its signature,
//! who signed it, and that every figure follows from its grades.

use std::collections::BTreeSet;
use std::fmt;

use super::{
    FORMAT, Payload, ResultFile, ResultTotals, SignatureFault, TrustedKey, canonical_file,
    canonical_payload, fingerprint, keys, missing_for_final, row_altered,
};
use crate::answers::{Answer, Answers, DocumentCheck};
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
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.outcome {
            Outcome::Pass(d) => write!(f, "ok       {}: {d}", self.name),
            Outcome::Fail(d) => write!(f, "FAILED   {}: {d}", self.name),
            Outcome::Skipped(d) => write!(f, "skipped  {}: {d}", self.name),
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
    /// The name a trusted identity gives the signing key, when `--trust` named it.
    pub trusted_name: Option<String>,
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

    fn push(&mut self, name: &'static str, outcome: Outcome) {
        self.checks.push(Check { name, outcome });
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
    };
    let Some((result, message)) = check_format(bytes, &mut v) else {
        return v;
    };
    // A payload with no canonical form names no result, and no signature can be over it
    // (checked against nothing, it fails).
    v.sha256 = message.as_deref().map(sha256_hex);
    let signer = check_signature(&result, message.as_deref().unwrap_or_default(), &mut v);
    let (trust, trusted_name) = check_trust(signer, &result.payload.signer, trusted);
    v.trusted_name = trusted_name;
    v.push("trusted signer", trust);
    let p = &result.payload;
    check_catalogue(p, catalogue, &mut v);
    if let Some((model, answers)) = check_standards(p, catalogue, &mut v) {
        if p.is_final {
            check_complete(catalogue, model, &answers, &mut v);
        }
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
    if result.format != FORMAT {
        v.push(
            "format",
            Outcome::Fail(format!("format {:?}, expected {FORMAT:?}", result.format)),
        );
        return None;
    }
    let message = match canonical_payload(&result.payload) {
        Ok(message) => {
            if canonical_file(&result.format, &message, &result.signature).as_deref() == Ok(bytes) {
                v.push("format", Outcome::Pass(format!("{FORMAT}, canonical")));
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
    let state = Answers::replay(rows.iter());
    let mut recorded = answers;
    recorded.centre = p.centre.clone();
    recorded.documents = p
        .documents
        .iter()
        .filter(|d| d.present.is_some() || !d.note.is_empty())
        .map(|d| {
            (
                d.number,
                DocumentCheck {
                    present: d.present,
                    note: d.note.clone(),
                },
            )
        })
        .collect();
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
        Some(name)
            if crate::answers::centre_name_key(name)
                == crate::answers::centre_name_key(claimed) =>
        {
            (
                Outcome::Pass(format!("key {fp} is trusted: it is {name}'s")),
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
        let answer = Answer {
            commission: e.commission,
            self_grade: e.self_grade,
            na_reason: e.na_reason.clone(),
            note: e.note.clone(),
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
