//! Signed results: export, independent verification, supersession, and tampering.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::Arc;

use akredit::answers::{Change, Column, Presented};
use akredit::catalogue::{Catalogue, ModelId};
use akredit::inspection::{Access, Inspection, NewInspection};
use akredit::signed::{self, ExportError, Identity, Outcome, canonical_json};
use akredit::support::home::Home;

mod common;
use serde_json::Value;

fn catalogue() -> Arc<Catalogue> {
    Arc::new(Catalogue::builtin().expect("catalogue"))
}

/// A new inspection with the application form and the documents recorded: all a final
/// result needs besides its grades.
fn new_inspection(path: &Path, model: ModelId) -> Inspection {
    let mut insp = Inspection::create(
        path,
        catalogue(),
        &NewInspection {
            model,
            centre_name: "Сумський обласний центр здоров'я".into(),
            expert: "Іваненко І. І.".into(),
            visit_date: Some("2026-11-23".into()),
            purpose: Default::default(),
        },
    )
    .expect("create");
    common::record_facts(&mut insp);
    insp
}

fn grade_all(insp: &mut Inspection, grade: u8) {
    let cat = catalogue();
    let changes: Vec<Change> = cat
        .model_standards(insp.meta().model)
        .map(|s| Change::Grade {
            code: s.code.clone(),
            column: Column::Commission,
            grade: Some(if s.scale.allows(grade) { grade } else { 3 }),
        })
        .collect();
    insp.apply(&changes).expect("grade");
}

/// Exports to a new file beside the inspection (`r1.json`, `r2.json`, …).
fn export_next(
    insp: &mut Inspection,
    id: &Identity,
    draft: bool,
) -> Result<signed::SignedResult, ExportError> {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let out = insp.path().with_file_name(format!("r{n}.json"));
    signed::export(insp, id, draft, &out)
}

/// A trusted key given without a name.
fn trusted(key: [u8; 32]) -> signed::TrustedKey {
    signed::TrustedKey::unnamed(key)
}

fn failed(v: &signed::Verification) -> Vec<&'static str> {
    v.checks
        .iter()
        .filter(|c| matches!(c.outcome, Outcome::Fail(_)))
        .map(|c| c.name)
        .collect()
}

#[test]
fn a_complete_inspection_exports_and_verifies() {
    let dir = tempfile::tempdir().expect("tempdir");
    let home = Home::at(dir.path().join("home"));
    let id = Identity::create(&home, "Іваненко Іван").expect("key");
    let mut insp = new_inspection(&dir.path().join("a.akredit"), ModelId::Full);
    grade_all(&mut insp, 3);
    insp.apply(&[Change::NotApplicable {
        code: "1.1.1.5".parse().expect("code"),
        reason: Some("немає госпрозрахункової діяльності".into()),
    }])
    .expect("na");
    let signed = export_next(&mut insp, &id, false).expect("export");
    assert!(signed.is_final);
    let cat = catalogue();
    let key = id.verifying_key().to_bytes();
    let v = signed::verify(&signed.bytes, &cat, &[trusted(key)]);
    assert!(v.holds(), "{:#?}", v.checks);
    assert!(
        v.checks
            .iter()
            .all(|c| matches!(c.outcome, Outcome::Pass(_)))
    );
    let p = &v.result.as_ref().expect("result").payload;
    assert!(p.is_final);
    assert_eq!(p.standards.len(), 235);
    assert_eq!(
        p.totals
            .commission
            .percent
            .map(|x| x.to_string())
            .as_deref(),
        Some("100.0")
    );
    assert_eq!(p.totals.max_points, 702);
    assert_eq!(p.supersedes, None);
    // No floating-point number anywhere in the file.
    fn no_floats(v: &Value) -> bool {
        match v {
            Value::Number(n) => !n.is_f64(),
            Value::Array(a) => a.iter().all(no_floats),
            Value::Object(o) => o.values().all(no_floats),
            _ => true,
        }
    }
    let doc: Value = serde_json::from_slice(&signed.bytes).expect("json");
    assert!(no_floats(&doc));
    // An untrusted signer fails the trust check only.
    let other = Identity::create(&Home::at(dir.path().join("other")), "Інший").expect("key");
    let v = signed::verify(
        &signed.bytes,
        &cat,
        &[trusted(other.verifying_key().to_bytes())],
    );
    assert_eq!(failed(&v), ["trusted signer"]);
}

#[test]
fn an_incomplete_inspection_is_refused_unless_a_draft() {
    let dir = tempfile::tempdir().expect("tempdir");
    let id = Identity::create(&Home::at(dir.path()), "Експерт").expect("key");
    let mut insp = new_inspection(&dir.path().join("a.akredit"), ModelId::Sanitary);
    grade_all(&mut insp, 3);
    insp.apply(&[Change::Grade {
        code: "1.2.6".parse().expect("code"),
        column: Column::Commission,
        grade: None,
    }])
    .expect("clear");
    match export_next(&mut insp, &id, false) {
        Err(ExportError::Incomplete(list)) => {
            assert!(list.to_string().contains("1.2: 1.2.6"), "{list}")
        }
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("an incomplete inspection was exported as final"),
    }
    let draft = export_next(&mut insp, &id, true).expect("draft");
    assert!(!draft.is_final);
    let v = signed::verify(&draft.bytes, &catalogue(), &[]);
    assert!(v.holds(), "{:#?}", v.checks);
    assert!(!v.result.expect("result").payload.is_final);
}

#[test]
fn a_correction_supersedes_the_previous_result_and_diff_shows_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let id = Identity::create(&Home::at(dir.path()), "Експерт").expect("key");
    let path = dir.path().join("a.akredit");
    let mut insp = new_inspection(&path, ModelId::Sanitary);
    grade_all(&mut insp, 3);
    let first = export_next(&mut insp, &id, false).expect("first");
    drop(insp);
    let mut insp = Inspection::open(&path, catalogue(), Access::ReadWrite).expect("reopen");
    insp.apply(&[Change::Grade {
        code: "1.1.3".parse().expect("code"),
        column: Column::Commission,
        grade: Some(1),
    }])
    .expect("correct");
    let second = export_next(&mut insp, &id, false).expect("second");
    let cat = catalogue();
    let a = signed::verify(&first.bytes, &cat, &[]).result.expect("a");
    let b = signed::verify(&second.bytes, &cat, &[]).result.expect("b");
    assert_eq!(b.payload.supersedes.as_deref(), Some(first.sha256.as_str()));
    let lines = signed::diff(&a, &b, &first.sha256);
    assert_eq!(lines[0], "the new result supersedes the old one");
    assert!(
        lines.contains(&"1.1.3 commission: 3 → 1".to_string()),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("totals: 573 / 573")),
        "{lines:?}"
    );
}

/// A small real result: a sanitary draft with a few grades.
fn small_result(dir: &Path) -> (Vec<u8>, [u8; 32]) {
    let id = Identity::create(&Home::at(dir), "Експерт").expect("key");
    let mut insp = new_inspection(&dir.join("a.akredit"), ModelId::Sanitary);
    insp.apply(&[
        Change::Grade {
            code: "1.1.3".parse().expect("code"),
            column: Column::Commission,
            grade: Some(2),
        },
        Change::Note {
            code: "1.1.3".parse().expect("code"),
            text: "атестація".into(),
        },
    ])
    .expect("apply");
    let signed = export_next(&mut insp, &id, true).expect("draft");
    (signed.bytes, id.verifying_key().to_bytes())
}

#[test]
fn every_single_byte_flip_is_detected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (bytes, key) = small_result(dir.path());
    let cat = catalogue();
    assert!(signed::verify(&bytes, &cat, &[trusted(key)]).holds());
    let mut undetected = Vec::new();
    for i in 0..bytes.len() {
        let mut tampered = bytes.clone();
        tampered[i] ^= 0x01;
        if signed::verify(&tampered, &cat, &[trusted(key)]).holds() {
            undetected.push(i);
        }
    }
    assert!(
        undetected.is_empty(),
        "{} of {} flips went undetected, first at byte {:?}",
        undetected.len(),
        bytes.len(),
        undetected.first()
    );
}

/// Re-signs nothing: edits the payload, writes it back canonically (so only the
/// signature can catch it), and expects the verification to fail.
fn edited(bytes: &[u8], edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut doc: Value = serde_json::from_slice(bytes).expect("json");
    edit(&mut doc["payload"]);
    canonical_json(&doc).expect("canonical")
}

#[test]
fn reordering_adding_or_removing_items_is_detected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (bytes, key) = small_result(dir.path());
    let cat = catalogue();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "reordered",
            edited(&bytes, |p| {
                p["standards"].as_array_mut().expect("array").swap(0, 1)
            }),
        ),
        (
            "removed",
            edited(&bytes, |p| {
                p["standards"].as_array_mut().expect("array").pop();
            }),
        ),
        (
            "added",
            edited(&bytes, |p| {
                let first = p["standards"][0].clone();
                p["standards"].as_array_mut().expect("array").push(first);
            }),
        ),
        (
            "regraded",
            edited(&bytes, |p| p["standards"][7]["commission"] = 3.into()),
        ),
        (
            "history dropped",
            edited(&bytes, |p| p["history"] = Value::Array(vec![])),
        ),
    ];
    for (what, tampered) in cases {
        let v = signed::verify(&tampered, &cat, &[trusted(key)]);
        assert!(!v.holds(), "{what}: not detected");
        assert!(
            failed(&v).contains(&"signature"),
            "{what}: {:?}",
            failed(&v)
        );
    }
    // Whitespace added after signing is an edit too.
    let mut spaced = bytes.clone();
    spaced.push(b'\n');
    assert_eq!(
        failed(&signed::verify(&spaced, &cat, &[trusted(key)])),
        ["format"]
    );
}

#[test]
fn totals_that_do_not_follow_from_the_grades_fail_even_when_signed() {
    // A signer who lies about the totals still signs a verifiable signature: the
    // recomputation must catch it.
    let dir = tempfile::tempdir().expect("tempdir");
    let id = Identity::create(&Home::at(dir.path()), "Експерт").expect("key");
    let mut insp = new_inspection(&dir.path().join("a.akredit"), ModelId::Sanitary);
    grade_all(&mut insp, 3);
    let mut payload =
        signed::payload(&insp, "Експерт", true, "2026-11-23T00:00:00.000Z").expect("payload");
    payload.totals.commission.category = akredit::scoring::Category::Higher;
    payload.standards[3].commission = Some(0);
    let signed = signed::sign(&payload, &id).expect("sign");
    let v = signed::verify(&signed.bytes, &catalogue(), &[]);
    let f = failed(&v);
    assert!(f.contains(&"totals"), "{f:?}");
    assert!(f.contains(&"history"), "{f:?}");
    assert!(!f.contains(&"signature"), "{f:?}");
}

#[test]
fn the_typed_serialization_is_the_canonical_form() {
    // verify() and sign() rely on serde writing fields in sorted order: every field of
    // every struct is populated here, so a field declared out of order shows up.
    let dir = tempfile::tempdir().expect("tempdir");
    let id = Identity::create(&Home::at(dir.path()), "Експерт").expect("key");
    let mut insp = new_inspection(&dir.path().join("a.akredit"), ModelId::Full);
    grade_all(&mut insp, 2);
    let code: akredit::catalogue::Code = "1.1.1.5".parse().expect("code");
    insp.apply(&[
        Change::Grade {
            code: code.clone(),
            column: Column::SelfAssessment,
            grade: Some(3),
        },
        Change::NotApplicable {
            code: code.clone(),
            reason: Some("немає".into()),
        },
        Change::Note {
            code,
            text: "примітка \"в лапках\"\n\u{1}".into(),
        },
        Change::Centre {
            field: "location".into(),
            value: "м. Суми".into(),
        },
        Change::DocumentPresent {
            number: 4,
            present: Some(Presented::Yes),
        },
        Change::DocumentNote {
            number: 4,
            text: "є".into(),
        },
    ])
    .expect("apply");
    let signed = export_next(&mut insp, &id, false).expect("export");
    let doc: Value = serde_json::from_slice(&signed.bytes).expect("json");
    assert_eq!(canonical_json(&doc).expect("canonical"), signed.bytes);
    let payload: signed::Payload = serde_json::from_value(doc["payload"].clone()).expect("typed");
    assert_eq!(
        signed::canonical_payload(&payload).expect("canonical payload"),
        canonical_json(&doc["payload"]).expect("canonical")
    );
}

#[test]
fn the_same_content_in_another_key_order_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (bytes, key) = small_result(dir.path());
    let doc: Value = serde_json::from_slice(&bytes).expect("json");
    // serde_json's Map is sorted, so build the reordered text by hand.
    let reordered = format!(
        "{{\"signature\":{},\"format\":{},\"payload\":{}}}",
        doc["signature"], doc["format"], doc["payload"]
    );
    let v = signed::verify(reordered.as_bytes(), &catalogue(), &[trusted(key)]);
    assert_eq!(failed(&v), ["format"]);
}

/// A history row whose field its subject does not have (or whose value its field cannot
/// hold) no longer replays as something else: `verify` names it, even when the result
/// was signed after the edit.
#[test]
fn a_history_row_with_an_unknown_field_or_value_fails_verify_by_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let id = Identity::create(&Home::at(dir.path()), "Експерт").expect("key");
    let mut insp = new_inspection(&dir.path().join("a.akredit"), ModelId::Sanitary);
    grade_all(&mut insp, 3);
    let signed = export_next(&mut insp, &id, false).expect("export");
    let cat = catalogue();
    let genuine = signed::verify(&signed.bytes, &cat, &[])
        .result
        .expect("result");
    for (field, value, reason) in [
        ("bonus", "3", "the unknown field \"bonus\""),
        ("commission", "x", "\"x\", which its commission cannot hold"),
    ] {
        let mut payload = genuine.payload.clone();
        let row = payload
            .history
            .iter_mut()
            .find(|h| h.field == "commission")
            .expect("a grade row");
        row.field = field.into();
        row.new = Some(value.into());
        let resigned = signed::sign(&payload, &id).expect("sign");
        let v = signed::verify(&resigned.bytes, &cat, &[]);
        let history = v
            .checks
            .iter()
            .find(|c| c.name == "history")
            .expect("the history check");
        assert!(
            matches!(&history.outcome, Outcome::Fail(why) if why.contains(reason)),
            "{history}"
        );
    }
}
