//! The commission overview's КЕП column: the qualified signatures beside a result and its
//! conclusion, checked on the command line (`akredit commission --ca`), in the CSV and
//! JSON; a changed conclusion makes the column invalid and the command fail.

use std::fs;
use std::path::Path;

use super::common::Run;
use super::{setup, sign};

/// A folder `results` holding the result and its conclusion as the export names them
/// (`a.result.json`, `a.result.conclusion.pdf`), the conclusion signed by the expert.
pub fn results_folder(d: &Path) {
    fs::create_dir(d.join("results")).unwrap();
    fs::copy(d.join("a.result.json"), d.join("results/a.result.json")).unwrap();
    fs::copy(
        d.join("висновок.pdf"),
        d.join("results/a.result.conclusion.pdf"),
    )
    .unwrap();
    sign(
        d,
        "results/a.result.conclusion.pdf",
        "expert",
        "results/a.result.conclusion.pdf.p7s",
        false,
        "sha256",
    )
    .unwrap();
}

fn commission(d: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["commission", "results"];
    args.extend_from_slice(extra);
    Run::of(&args, d, &d.join("home"))
}

fn json_row(run: &Run) -> serde_json::Value {
    let table: serde_json::Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.describe()));
    table["rows"][0].clone()
}

#[test]
fn the_overview_checks_the_signature_beside_a_conclusion() {
    let Some((dir, _pdf)) = setup() else { return };
    let d = dir.path();
    results_folder(d);

    // Without a trusted certificate: it holds, its chain unchecked, said plainly.
    let run = commission(d, &["--json"]);
    assert_eq!(run.code(), Some(0), "{}", run.describe());
    let row = json_row(&run);
    assert_eq!(row["kep"]["status"], "chain-not-checked", "{row:#}");
    assert_eq!(row["kep"]["signers"][0], super::EXPERT, "{row:#}");
    assert!(
        row["kep"]["documents"][0]
            .as_str()
            .unwrap()
            .ends_with("a.result.conclusion.pdf"),
        "{row:#}"
    );
    assert!(
        run.stderr.contains("ланцюжок сертифіката не перевірено"),
        "{}",
        run.describe()
    );

    // With the test CA: valid; the table has the column, and the signer under the row.
    let run = commission(d, &["--ca", "ca.pem"]);
    assert_eq!(run.code(), Some(0), "{}", run.describe());
    assert!(run.stdout.contains("КЕП"), "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!(
            "КЕП: a.result.conclusion.pdf signed by {}",
            super::EXPERT
        )),
        "{}",
        run.stdout
    );
    assert_eq!(
        json_row(&commission(d, &["--ca", "ca.pem", "--json"]))["kep"]["status"],
        "valid"
    );

    // The CSV ends with the КЕП's columns.
    let run = commission(d, &["--ca", "ca.pem", "--csv", "table.csv"]);
    assert_eq!(run.code(), Some(0), "{}", run.describe());
    let csv = fs::read_to_string(d.join("table.csv")).unwrap();
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .ends_with(",kep,kep_signers,kep_detail")
    );
    assert!(
        lines
            .next()
            .unwrap()
            .ends_with(&format!(",valid,{},", super::EXPERT)),
        "{csv}"
    );
}

#[test]
fn a_conclusion_changed_after_signing_makes_the_column_invalid() {
    let Some((dir, _pdf)) = setup() else { return };
    let d = dir.path();
    results_folder(d);
    let path = d.join("results/a.result.conclusion.pdf");
    let mut pdf = fs::read(&path).unwrap();
    // A byte of the PDF's trailing comment-free tail: the file is another file.
    let last = pdf.len() - 2;
    pdf[last] ^= 0x20;
    fs::write(&path, pdf).unwrap();
    let run = commission(d, &["--ca", "ca.pem", "--json"]);
    assert_eq!(run.code(), Some(1), "{}", run.describe());
    let row = json_row(&run);
    assert_eq!(
        row["status"], "valid",
        "the result itself still verifies: {row:#}"
    );
    assert_eq!(row["kep"]["status"], "invalid", "{row:#}");
    assert!(
        row["kep"]["detail"]
            .as_str()
            .unwrap()
            .contains("document changed after signing"),
        "{row:#}"
    );
    assert!(run.stderr.contains("do not hold"), "{}", run.describe());
}

#[test]
fn a_result_without_a_signature_beside_it_has_no_kep() {
    let Some((dir, _pdf)) = setup() else { return };
    let d = dir.path();
    fs::create_dir(d.join("results")).unwrap();
    fs::copy(d.join("a.result.json"), d.join("results/a.result.json")).unwrap();
    let run = commission(d, &["--json"]);
    assert_eq!(run.code(), Some(0), "{}", run.describe());
    assert!(json_row(&run).get("kep").is_none(), "{}", run.stdout);
}

#[test]
fn a_conclusion_of_another_result_does_not_count_for_the_row() {
    let Some((dir, _pdf)) = setup() else { return };
    let Some((other, _)) = setup() else { return };
    let d = dir.path();
    fs::create_dir(d.join("results")).unwrap();
    fs::copy(d.join("a.result.json"), d.join("results/a.result.json")).unwrap();
    // Another inspection's conclusion, validly signed, named as this result's.
    fs::copy(
        other.path().join("висновок.pdf"),
        d.join("results/a.result.conclusion.pdf"),
    )
    .unwrap();
    sign(
        d,
        "results/a.result.conclusion.pdf",
        "expert",
        "results/a.result.conclusion.pdf.p7s",
        false,
        "sha256",
    )
    .unwrap();
    let run = commission(d, &["--ca", "ca.pem", "--json"]);
    assert_eq!(run.code(), Some(1), "{}", run.describe());
    let row = json_row(&run);
    assert_eq!(row["kep"]["status"], "invalid", "{row:#}");
    assert!(
        row["kep"]["detail"]
            .as_str()
            .unwrap()
            .contains("the PDF holds another result than this one"),
        "{row:#}"
    );
}
