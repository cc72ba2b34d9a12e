//! Files made by an earlier binary stay readable and verifiable, byte for byte.
//!
//! `tests/fixtures/2026-12/` was made by the release binary of 2026-12-01 (after the
//! hostile-file fixes, before the restructure of issue 13): `inspection.akredit` — a
//! full-model inspection with the application form, the 13 documents, the N/A preset and
//! a hand-made N/A, commission and self-assessment grades and notes — as it was just before
//! `export`; `result.json`, the final result exported from it; `identity.json`, the
//! signer's public identity; `summary.json`, what `summary --json` printed for the
//! inspection. Whatever the code's shape, these must keep holding.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::PathBuf;

use akredit::inspection::{Access, Inspection};
use akredit::signed;

mod common;
use common::{Run, catalogue};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/2026-12")
        .join(name)
}

/// A copy of the fixture inspection in a fresh folder (opening for writing takes a
/// lock and a backup; the committed file is never touched).
fn copy_of_inspection() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("inspection.akredit");
    fs::copy(fixture("inspection.akredit"), &path).expect("copy");
    (dir, path)
}

#[test]
fn the_inspection_opens_sound_and_totals_as_it_did() {
    let (dir, path) = copy_of_inspection();
    let insp = Inspection::open(&path, catalogue(), Access::ReadOnly).expect("open");
    assert!(insp.problems().is_empty(), "{:?}", insp.problems());
    drop(insp);
    let run = Run::of(
        &["summary", "inspection.akredit", "--json"],
        dir.path(),
        &dir.path().join("home"),
    );
    assert_eq!(run.code(), Some(0), "{run:?}");
    let expected = fs::read_to_string(fixture("summary.json")).expect("summary");
    assert_eq!(run.stdout, expected, "summary --json changed");
    let mut insp = Inspection::open(&path, catalogue(), Access::ReadWrite).expect("for writing");
    insp.apply(&[akredit::answers::Change::Note {
        code: "1.1.2".parse().expect("code"),
        text: "ще одна примітка".into(),
    }])
    .expect("a change to an old file");
}

#[test]
fn the_result_verifies_and_the_inspection_gives_the_same_payload_byte_for_byte() {
    let bytes = fs::read(fixture("result.json")).expect("result");
    let trusted = signed::keys::read_trusted_key(&fixture("identity.json").display().to_string())
        .expect("identity");
    let v = signed::verify(&bytes, &catalogue(), std::slice::from_ref(&trusted));
    assert!(v.holds(), "{:#?}", v.checks);
    assert_eq!(v.trusted_name.as_deref(), Some("Іваненко Іван Іванович"));
    let result = v.result.expect("result");
    // The payload the code builds today from the same inspection is the signed one.
    let (_dir, path) = copy_of_inspection();
    let insp = Inspection::open(&path, catalogue(), Access::ReadOnly).expect("open");
    let rebuilt = signed::payload(
        &insp,
        &result.payload.signer,
        result.payload.is_final,
        &result.payload.exported_at,
    )
    .expect("payload");
    // The one field that names the binary that builds it: today's, not the fixture's.
    assert_eq!(rebuilt.akredit_version, env!("CARGO_PKG_VERSION"));
    let mut rebuilt = rebuilt;
    rebuilt.akredit_version = result.payload.akredit_version.clone();
    let signed = signed::canonical_payload(&result.payload).expect("canonical");
    let again = signed::canonical_payload(&rebuilt).expect("canonical");
    assert_eq!(
        String::from_utf8_lossy(&again),
        String::from_utf8_lossy(&signed)
    );
}

fn legacy(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/2026-12-legacy")
        .join(name)
}

/// Issue 14: results signed by akredit 0.1.0, before a final result had to hold its facts
/// and before a standard could not be both not applicable and graded, still verify —
/// what they lack is a warning for them, never a failure.
#[test]
fn results_signed_before_the_facts_rules_verify_with_warnings() {
    let trusted = signed::keys::read_trusted_key(&legacy("identity.json").display().to_string())
        .expect("identity");
    let warned = |file: &str| -> Vec<&'static str> {
        let bytes = fs::read(legacy(file)).expect("result");
        let v = signed::verify(&bytes, &catalogue(), std::slice::from_ref(&trusted));
        assert!(v.holds(), "{file}: {:#?}", v.checks);
        v.warnings().map(|c| c.name).collect()
    };
    assert_eq!(warned("without-facts.json"), ["names", "facts"]);
    assert_eq!(warned("na-and-graded.json"), ["facts", "consistent"]);
}

/// The same results re-signed as if by today's binary fail on what they lack.
#[test]
fn the_same_results_signed_today_fail_on_what_they_lack() {
    let dir = tempfile::tempdir().expect("tempdir");
    let home = akredit::support::home::Home::at(dir.path().join("home"));
    let id = signed::Identity::create(&home, "Сидоренко Олена").expect("key");
    for (file, failing) in [
        ("without-facts.json", "facts"),
        ("na-and-graded.json", "consistent"),
    ] {
        let bytes = fs::read(legacy(file)).expect("result");
        let mut result: signed::ResultFile = serde_json::from_slice(&bytes).expect("parse");
        result.payload.akredit_version = env!("CARGO_PKG_VERSION").into();
        let resigned = signed::sign(&result.payload, &id).expect("sign");
        let v = signed::verify(&resigned.bytes, &catalogue(), &[]);
        let failed: Vec<&str> = v.failed().map(|c| c.name).collect();
        assert!(failed.contains(&failing), "{file}: {:#?}", v.checks);
    }
}
