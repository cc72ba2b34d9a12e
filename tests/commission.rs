//! The commission overview: many signed results verified and tabulated, through the
//! library (`akredit::commission`) and through the binary (`akredit commission`).

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use akredit::answers::{Change, Column};
use akredit::catalogue::{Catalogue, ModelId};
use akredit::commission::{self, Basis, CommissionError, Note, Overview, Status};
use akredit::inspection::{Inspection, NewInspection};
use akredit::signed::{self, Identity, SignedResult};
use akredit::support::home::Home;
use serde_json::Value;
use tempfile::TempDir;

const CENTRE: &str = "Полтавський обласний центр здоров'я";

/// A temporary folder with a data folder (`home`, holding the expert's key) and a folder
/// of results (`results`).
struct Fixture {
    dir: TempDir,
    identity: Identity,
    catalogue: Arc<Catalogue>,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::create_dir(dir.path().join("results")).expect("results dir");
        let identity =
            Identity::create(&Home::at(dir.path().join("home")), "Іваненко Іван").expect("key");
        Fixture {
            dir,
            identity,
            catalogue: Arc::new(Catalogue::builtin().expect("catalogue")),
        }
    }

    fn results(&self) -> PathBuf {
        self.dir.path().join("results")
    }

    /// The expert's identity.json, as `--trust` takes it.
    fn identity_file(&self) -> PathBuf {
        self.dir.path().join("home/keys/identity.json")
    }

    /// A new sanitary-model inspection of `centre`, every standard graded 3, with the
    /// application form and the documents recorded.
    fn inspection(&self, name: &str, centre: &str) -> Inspection {
        let mut insp = Inspection::create(
            &self.dir.path().join(name),
            self.catalogue.clone(),
            &NewInspection {
                model: ModelId::Sanitary,
                centre_name: centre.into(),
                expert: "Іваненко І. І.".into(),
                visit_date: Some("2026-11-23".into()),
                purpose: Default::default(),
            },
        )
        .expect("create");
        let changes: Vec<Change> = self
            .catalogue
            .model_standards(ModelId::Sanitary)
            .map(|s| Change::Grade {
                code: s.code.clone(),
                column: Column::Commission,
                grade: Some(3),
            })
            .chain(common::fact_changes())
            .collect();
        insp.apply(&changes).expect("grade");
        insp
    }

    /// Exports `insp` (signed by the fixture's key) to `results/<file>`.
    fn export(&self, insp: &mut Inspection, draft: bool, file: &str) -> (PathBuf, SignedResult) {
        let path = self.results().join(file);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("folder");
        }
        let signed = signed::export(insp, &self.identity, draft, &path).expect("export");
        (path, signed)
    }

    fn overview(&self, files: &[PathBuf], trusted: &[[u8; 32]]) -> Overview {
        let trusted: Vec<signed::TrustedKey> = trusted
            .iter()
            .map(|&key| signed::TrustedKey::unnamed(key))
            .collect();
        commission::overview(files, &self.catalogue, &trusted)
    }

    /// Runs the binary in the fixture's folder with `AKREDIT_HOME` set to its data folder.
    fn run(&self, args: &[&str]) -> Run {
        Run::of(args, self.dir.path(), &self.dir.path().join("home"))
    }
}

mod common;
use common::Run;

/// A copy of a result with its first grade 3 changed to 2 (still canonical JSON).
fn tamper(bytes: &[u8]) -> Vec<u8> {
    let needle = b"\"commission\":3,";
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("a grade 3 in the result");
    let mut out = bytes.to_vec();
    out[at + needle.len() - 2] = b'2';
    assert_ne!(out, bytes);
    out
}

fn statuses(o: &Overview) -> Vec<&'static str> {
    o.rows.iter().map(|r| r.status.id()).collect()
}

fn reasons(status: &Status) -> String {
    match status {
        Status::Invalid { reasons } => reasons.join("\n"),
        other => panic!("expected invalid, got {other:?}"),
    }
}

#[test]
fn a_valid_final_result_is_counted_with_its_figures() {
    let f = Fixture::new();
    let mut insp = f.inspection("a.akredit", CENTRE);
    let (path, signed) = f.export(&mut insp, false, "a.json");
    let o = f.overview(
        std::slice::from_ref(&path),
        &[f.identity.verifying_key().to_bytes()],
    );
    assert_eq!(statuses(&o), ["valid"]);
    let r = &o.rows[0];
    assert_eq!(r.path, path);
    assert_eq!(r.centre, CENTRE);
    assert_eq!(r.model_id(), "sanitary");
    assert_eq!(r.visit_date, "2026-11-23");
    assert_eq!(r.expert, "Іваненко І. І.");
    assert_eq!(r.signer, "Іваненко Іван");
    assert_eq!(r.fingerprint, f.identity.fingerprint());
    assert_eq!((r.points, r.max_points), (Some(573), Some(573)));
    assert_eq!(r.percent_text(), "100.0");
    assert_eq!(r.category_id(), "higher");
    assert_eq!(r.category_uk(), "вища категорія");
    assert_eq!(r.final_or_draft(), "final");
    assert_eq!(r.sha256.as_deref(), Some(signed.sha256.as_str()));
    assert_eq!(r.supersedes, None);
    assert_eq!(r.inspection_id, insp.meta().inspection_id.as_str());
    assert!(r.exported_at.ends_with('Z'), "{}", r.exported_at);
    assert!(r.notes.is_empty(), "{:?}", r.notes);
    assert_eq!(
        (o.counts.total, o.counts.valid_final, o.counts.valid_drafts),
        (1, 1, 0)
    );
    assert_eq!(
        o.counts.invalid + o.counts.superseded + o.counts.unresolved,
        0
    );
}

#[test]
fn a_draft_is_valid_but_not_a_final_decision() {
    let f = Fixture::new();
    let mut insp = f.inspection("a.akredit", CENTRE);
    insp.apply(&[Change::Grade {
        code: "1.1.3".parse().expect("code"),
        column: Column::Commission,
        grade: None,
    }])
    .expect("clear");
    let (path, _) = f.export(&mut insp, true, "draft.json");
    let o = f.overview(&[path], &[]);
    assert_eq!(statuses(&o), ["valid"]);
    assert_eq!(o.rows[0].final_or_draft(), "draft");
    assert_eq!((o.counts.valid_final, o.counts.valid_drafts), (0, 1));
}

#[test]
fn a_tampered_byte_makes_a_result_invalid_with_the_reason() {
    let f = Fixture::new();
    let mut insp = f.inspection("a.akredit", CENTRE);
    let (path, signed) = f.export(&mut insp, false, "a.json");
    fs::write(&path, tamper(&signed.bytes)).expect("tamper");
    let o = f.overview(&[path], &[]);
    assert_eq!(statuses(&o), ["invalid"]);
    let why = reasons(&o.rows[0].status);
    assert!(
        why.contains("signature: does not match the payload"),
        "{why}"
    );
    // What the file claims is still shown, marked invalid, and not counted.
    assert_eq!(o.rows[0].centre, CENTRE);
    assert_eq!((o.counts.valid_final, o.counts.invalid), (0, 1));
}

#[test]
fn a_signer_outside_the_trusted_keys_is_invalid() {
    let f = Fixture::new();
    let mut insp = f.inspection("a.akredit", CENTRE);
    let (path, _) = f.export(&mut insp, false, "a.json");
    let other = Identity::create(&Home::at(f.dir.path().join("other")), "Інший").expect("key");
    let o = f.overview(
        std::slice::from_ref(&path),
        &[other.verifying_key().to_bytes()],
    );
    assert_eq!(statuses(&o), ["invalid"]);
    let why = reasons(&o.rows[0].status);
    assert!(
        why.contains("trusted signer") && why.contains("not among the trusted keys"),
        "{why}"
    );
    let both = [
        other.verifying_key().to_bytes(),
        f.identity.verifying_key().to_bytes(),
    ];
    assert_eq!(statuses(&f.overview(&[path], &both)), ["valid"]);
}

#[test]
fn a_newer_result_supersedes_the_older_and_a_chain_leaves_the_last() {
    let f = Fixture::new();
    let mut insp = f.inspection("a.akredit", CENTRE);
    let (a, sa) = f.export(&mut insp, false, "1-a.json");
    insp.apply(&[Change::Note {
        code: "1.1.3".parse().expect("code"),
        text: "уточнення".into(),
    }])
    .expect("note");
    let (b, sb) = f.export(&mut insp, false, "2-b.json");
    let (c, _) = f.export(&mut insp, false, "3-c.json");

    // The pair.
    let o = f.overview(&[a.clone(), b.clone()], &[]);
    assert_eq!(statuses(&o), ["superseded", "valid"]);
    assert_eq!(o.rows[0].status, Status::Superseded { by: b.clone() });
    assert_eq!(o.rows[1].supersedes.as_deref(), Some(sa.sha256.as_str()));
    assert!(o.rows.iter().all(|r| r.notes.is_empty()), "{:?}", o.rows);
    assert_eq!((o.counts.valid_final, o.counts.superseded), (1, 1));

    // The chain, given newest first: only C counts.
    let o = f.overview(&[c.clone(), b.clone(), a.clone()], &[]);
    assert_eq!(statuses(&o), ["valid", "superseded", "superseded"]);
    assert_eq!(o.rows[1].status, Status::Superseded { by: c.clone() });
    assert_eq!(o.rows[2].status, Status::Superseded { by: b.clone() });
    assert_eq!(
        (
            o.counts.valid_final,
            o.counts.superseded,
            o.counts.unresolved
        ),
        (1, 2, 0)
    );

    // Without the middle link, C cannot be shown to follow A: both stay, flagged.
    let o = f.overview(&[a.clone(), c.clone()], &[]);
    assert_eq!(statuses(&o), ["valid", "valid"]);
    assert!(o.rows[1].notes.contains(&Note::SupersedesMissing {
        sha256: sb.sha256.clone()
    }));
    assert!(matches!(
        &o.rows[0].notes[..],
        [Note::Unresolved { basis: Basis::Inspection, others, .. }] if others == std::slice::from_ref(&c)
    ));
    assert_eq!(o.counts.unresolved, 2);
}

#[test]
fn a_tampered_newer_result_supersedes_nothing() {
    let f = Fixture::new();
    let mut insp = f.inspection("a.akredit", CENTRE);
    let (a, _) = f.export(&mut insp, false, "a.json");
    let (b, sb) = f.export(&mut insp, false, "b.json");
    fs::write(&b, tamper(&sb.bytes)).expect("tamper");
    let o = f.overview(&[a, b], &[]);
    assert_eq!(statuses(&o), ["valid", "invalid"]);
    assert_eq!((o.counts.valid_final, o.counts.invalid), (1, 1));
}

#[test]
fn two_unlinked_valid_results_for_one_centre_are_both_flagged() {
    let f = Fixture::new();
    let mut one = f.inspection("one.akredit", CENTRE);
    let mut two = f.inspection("two.akredit", &format!("  {}  ", CENTRE.to_uppercase()));
    let (a, _) = f.export(&mut one, false, "a.json");
    let (b, _) = f.export(&mut two, false, "b.json");
    let mut other = f.inspection("three.akredit", "Сумський обласний центр здоров'я");
    let (c, _) = f.export(&mut other, false, "c.json");
    let o = f.overview(&[a.clone(), b.clone(), c], &[]);
    assert_eq!(statuses(&o), ["valid", "valid", "valid"]);
    assert_eq!(
        o.rows[0].notes,
        [Note::Unresolved {
            basis: Basis::CentreName,
            others: vec![b],
            more: 0,
            different_signer: false,
        }]
    );
    assert_eq!(
        o.rows[1].notes,
        [Note::Unresolved {
            basis: Basis::CentreName,
            others: vec![a],
            more: 0,
            different_signer: false,
        }]
    );
    assert!(o.rows[2].notes.is_empty());
    assert_eq!((o.counts.valid_final, o.counts.unresolved), (3, 2));
}

#[test]
fn files_in_a_folder_that_are_not_results_are_listed_as_invalid() {
    let f = Fixture::new();
    let mut insp = f.inspection("a.akredit", CENTRE);
    f.export(&mut insp, false, "sub/a.json");
    fs::write(f.results().join("notes.json"), r#"{"a":1}"#).expect("write");
    fs::write(f.results().join("broken.JSON"), "не JSON").expect("write");
    fs::write(f.results().join("readme.txt"), "not listed").expect("write");
    let files = commission::collect_files(&[f.results()]).expect("collect");
    assert_eq!(
        files,
        [
            f.results().join("broken.JSON"),
            f.results().join("notes.json"),
            f.results().join("sub/a.json"),
        ]
    );
    let o = f.overview(&files, &[]);
    assert_eq!(statuses(&o), ["invalid", "invalid", "valid"]);
    assert!(
        reasons(&o.rows[0].status).contains("format: not a JSON document"),
        "{:?}",
        o.rows[0].status
    );
    assert!(
        reasons(&o.rows[1].status).contains("format: not an akredit result"),
        "{:?}",
        o.rows[1].status
    );
    assert_eq!(o.rows[1].centre, "");
    assert_eq!((o.counts.invalid, o.counts.valid_final), (2, 1));
}

#[test]
fn collect_files_takes_files_as_given_and_names_a_missing_path() {
    let f = Fixture::new();
    let given = f.dir.path().join("result.txt");
    fs::write(&given, "x").expect("write");
    let files = commission::collect_files(&[given.clone(), given.clone()]).expect("collect");
    assert_eq!(
        files,
        std::slice::from_ref(&given),
        "a file given is taken once, whatever its name"
    );
    let missing = f.dir.path().join("nowhere");
    match commission::collect_files(&[given, missing.clone()]) {
        Err(e @ CommissionError::Missing(_)) => {
            assert!(e.to_string().contains("nowhere"), "{e}");
        }
        other => panic!("expected a missing path, got {other:?}"),
    }
    assert!(
        commission::collect_files(&[f.results()])
            .expect("collect")
            .is_empty()
    );
}

#[test]
fn a_copy_of_a_result_is_a_duplicate() {
    let f = Fixture::new();
    let mut insp = f.inspection("a.akredit", CENTRE);
    let (a, signed) = f.export(&mut insp, false, "a.json");
    let copy = f.results().join("copy.json");
    fs::write(&copy, &signed.bytes).expect("copy");
    let o = f.overview(&[a.clone(), copy], &[]);
    assert_eq!(statuses(&o), ["valid", "duplicate"]);
    assert_eq!(o.rows[1].status, Status::Duplicate { of: a });
    assert_eq!(
        (
            o.counts.valid_final,
            o.counts.duplicates,
            o.counts.unresolved
        ),
        (1, 1, 0)
    );
}

// ---- the binary ----

/// A folder with a chain of two results of one centre and a final of another.
fn folder_of_valid_results(f: &Fixture) {
    let mut insp = f.inspection("a.akredit", CENTRE);
    f.export(&mut insp, false, "a1.json");
    f.export(&mut insp, false, "a2.json");
    let mut other = f.inspection("b.akredit", "Сумський обласний центр здоров'я");
    f.export(&mut other, false, "b.json");
}

#[test]
fn the_command_prints_the_table_and_exits_0_when_all_are_valid() {
    let f = Fixture::new();
    folder_of_valid_results(&f);
    let run = f.run(&["commission", "results"]);
    assert_eq!(run.code(), Some(0), "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines[0].starts_with("centre"), "{run:?}");
    for column in [
        "model",
        "visit date",
        "key",
        "points/max",
        "final/draft",
        "status",
    ] {
        assert!(lines[0].contains(column), "{column}: {run:?}");
    }
    let a1 = lines
        .iter()
        .find(|l| l.ends_with("a1.json"))
        .expect("a row for a1");
    assert!(a1.contains("superseded") && a1.contains(CENTRE), "{a1}");
    assert!(
        run.stdout.contains(&format!(
            "superseded by {}",
            Path::new("results").join("a2.json").display()
        )),
        "{run:?}"
    );
    let b = lines.iter().find(|l| l.ends_with("b.json")).expect("b row");
    assert!(
        b.contains("573/573") && b.contains("100.0 %") && b.contains("higher"),
        "{b}"
    );
    assert!(b.contains(&f.identity.fingerprint()), "{b}");
    assert!(
        run.stdout
            .contains("3 results: 2 valid final, 0 valid drafts (not a final decision), 1 superseded, 0 invalid"),
        "{run:?}"
    );
    assert!(run.stderr.contains("no --trust given"), "{run:?}");
    // Columns line up with Cyrillic text: the key starts in the same character column in
    // the header and in a row.
    let header: Vec<char> = lines[0].chars().collect();
    let col = header
        .windows(3)
        .position(|w| w == ['k', 'e', 'y'])
        .expect("key column");
    let row: Vec<char> = b.chars().collect();
    let fp: Vec<char> = f.identity.fingerprint().chars().collect();
    assert_eq!(&row[col..col + fp.len()], &fp[..], "{b}");
}

#[test]
fn the_command_exits_1_after_listing_an_invalid_result_and_says_why() {
    let f = Fixture::new();
    folder_of_valid_results(&f);
    let b = f.results().join("b.json");
    let bytes = fs::read(&b).expect("read");
    fs::write(&b, tamper(&bytes)).expect("tamper");
    let run = f.run(&["commission", "results"]);
    assert_eq!(run.code(), Some(1), "{run:?}");
    // The table is printed first, with every file.
    for name in ["a1.json", "a2.json", "b.json"] {
        assert!(run.stdout.contains(name), "{name}: {run:?}");
    }
    assert!(run.stdout.contains("INVALID"), "{run:?}");
    assert!(
        run.stderr.contains("1 of 3 results invalid, not counted"),
        "{run:?}"
    );
    assert!(
        run.stderr.contains("b.json: signature: does not match"),
        "{run:?}"
    );
}

#[test]
fn trust_refuses_a_result_signed_by_another_key() {
    let f = Fixture::new();
    folder_of_valid_results(&f);
    let mine = f.identity_file();
    let mine = mine.to_str().expect("path");
    let run = f.run(&["commission", "results", "--trust", mine]);
    assert_eq!(run.code(), Some(0), "{run:?}");
    assert!(!run.stderr.contains("no --trust given"), "{run:?}");
    let other = Identity::create(&Home::at(f.dir.path().join("other")), "Інший").expect("key");
    let run = f.run(&["commission", "results", "--trust", &other.public.public_key]);
    assert_eq!(run.code(), Some(1), "{run:?}");
    assert!(run.stderr.contains("3 of 3 results invalid"), "{run:?}");
    assert!(run.stderr.contains("not among the trusted keys"), "{run:?}");
    // Both keys trusted: valid again.
    let run = f.run(&[
        "commission",
        "results",
        "--trust",
        &other.public.public_key,
        "--trust",
        mine,
    ]);
    assert_eq!(run.code(), Some(0), "{run:?}");
}

#[test]
fn a_missing_path_or_an_empty_folder_exits_1() {
    let f = Fixture::new();
    let run = f.run(&["commission", "nowhere"]);
    assert_eq!(run.code(), Some(1), "{run:?}");
    assert!(
        run.stderr.contains("nowhere: no such file or folder"),
        "{run:?}"
    );
    let run = f.run(&["commission", "results"]);
    assert_eq!(run.code(), Some(1), "{run:?}");
    assert!(run.stderr.contains("no result files"), "{run:?}");
    // No path at all is a malformed command line.
    assert_eq!(f.run(&["commission"]).code(), Some(2));
}

#[test]
fn the_csv_has_a_bom_keeps_cyrillic_and_is_never_overwritten() {
    let f = Fixture::new();
    folder_of_valid_results(&f);
    let run = f.run(&["commission", "results", "--csv", "table.csv"]);
    assert_eq!(run.code(), Some(0), "{run:?}");
    assert!(run.stdout.contains("CSV written to table.csv"), "{run:?}");
    let bytes = fs::read(f.dir.path().join("table.csv")).expect("csv");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "no BOM");
    let text = std::str::from_utf8(&bytes[3..]).expect("UTF-8");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, commission::CSV_HEADER);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 3);
    let col = |name: &str| header.iter().position(|h| h == name).expect("column");
    let b = rows
        .iter()
        .find(|r| r[col("file")].ends_with("b.json"))
        .expect("b row");
    assert_eq!(&b[col("centre")], "Сумський обласний центр здоров'я");
    assert_eq!(&b[col("expert")], "Іваненко І. І.");
    assert_eq!(&b[col("points")], "573");
    assert_eq!(&b[col("percent")], "100.0");
    assert_eq!(&b[col("category_uk")], "вища категорія");
    assert_eq!(&b[col("status")], "valid");
    let a1 = rows
        .iter()
        .find(|r| r[col("file")].ends_with("a1.json"))
        .expect("a1 row");
    assert_eq!(&a1[col("status")], "superseded");
    assert!(a1[col("status_detail")].ends_with("a2.json"), "{a1:?}");

    // A second run refuses to overwrite, and leaves the file as it was.
    let run = f.run(&["commission", "results", "--csv", "table.csv"]);
    assert_eq!(run.code(), Some(1), "{run:?}");
    assert!(run.stderr.contains("table.csv"), "{run:?}");
    assert_eq!(
        fs::read(f.dir.path().join("table.csv")).expect("csv"),
        bytes
    );
}

#[test]
fn json_output_parses_and_holds_only_integers_and_strings() {
    let f = Fixture::new();
    folder_of_valid_results(&f);
    fs::write(f.results().join("other.json"), "[]").expect("write");
    let run = f.run(&["commission", "results", "--json"]);
    assert_eq!(
        run.code(),
        Some(1),
        "the non-result file is invalid: {run:?}"
    );
    let doc: Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    assert_eq!(doc["counts"]["total"], 4);
    assert_eq!(doc["counts"]["valid_final"], 2);
    assert_eq!(doc["counts"]["superseded"], 1);
    assert_eq!(doc["counts"]["invalid"], 1);
    let rows = doc["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 4);
    let b = rows
        .iter()
        .find(|r| r["file"].as_str().is_some_and(|p| p.ends_with("b.json")))
        .expect("b row");
    assert_eq!(b["points"], 573);
    assert_eq!(b["percent"], "100.0");
    assert_eq!(b["final_or_draft"], "final");
    assert_eq!(b["status"], "valid");
    let a1 = rows
        .iter()
        .find(|r| r["file"].as_str().is_some_and(|p| p.ends_with("a1.json")))
        .expect("a1 row");
    assert!(
        a1["superseded_by"]
            .as_str()
            .is_some_and(|p| p.ends_with("a2.json")),
        "{a1}"
    );
    let other = rows
        .iter()
        .find(|r| {
            r["file"]
                .as_str()
                .is_some_and(|p| p.ends_with("other.json"))
        })
        .expect("other row");
    assert_eq!(other["status"], "invalid");
    assert!(
        other["reasons"][0]
            .as_str()
            .is_some_and(|r| r.starts_with("format:"))
    );
    fn only_integers_and_strings(v: &Value) -> bool {
        match v {
            Value::Number(n) => n.is_u64() || n.is_i64(),
            Value::String(_) => true,
            Value::Array(a) => a.iter().all(only_integers_and_strings),
            Value::Object(o) => o.values().all(only_integers_and_strings),
            Value::Null | Value::Bool(_) => false,
        }
    }
    assert!(only_integers_and_strings(&doc), "{doc:#}");
}
