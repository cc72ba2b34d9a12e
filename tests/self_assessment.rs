//! The centre's self-assessment exchange: a centre's own file (`new --self-assessment`),
//! `export-self` (signed or not), the CSV `template`, `import-self` into the expert's
//! inspection with all its refusals, and the loop through to the signed result, its
//! protocol and the commission's table.
//!
//! Every test runs the built binary in a fresh temporary directory; the centre and the
//! expert each have their own `AKREDIT_HOME` there. A refused command must exit with
//! status 1, name the problem on stderr, and leave the inspection file byte-identical
//! (and nothing else in the working directory created, removed or changed).

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use akredit::answers::{Answer, Answers, Change, Column};
use akredit::catalogue::{Catalogue, Code, Grade, ModelId};
use akredit::inspection::{Access, Inspection, NewInspection, Purpose};
use akredit::self_assessment::{
    self, CSV_MARK, Conflict, FORMAT, Provenance, SelfAssessment, SelfError,
};
use akredit::signed::{Identity, canonical_json};
use akredit::support::home::Home;
use serde_json::Value;
use tempfile::TempDir;

const CENTRE_NAME: &str = "Полтавський обласний центр здоров'я";
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The homes of the actors: the centre with a key, a centre without one, the expert.
const CENTRE: &str = "centre";
const CENTRE_NO_KEY: &str = "centre-no-key";
const EXPERT: &str = "expert";

fn catalogue() -> Arc<Catalogue> {
    Arc::new(Catalogue::builtin().expect("built-in catalogue"))
}

fn code(text: &str) -> Code {
    text.parse()
        .unwrap_or_else(|e| panic!("{text:?} is not a code: {e}"))
}

mod common;
use common::Run;

/// A temporary working directory shared by the centre and the expert, each with a data
/// folder of their own.
struct Env {
    dir: TempDir,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::create_dir(dir.path().join("work")).expect("work dir");
        for home in [CENTRE, CENTRE_NO_KEY, EXPERT] {
            fs::create_dir(dir.path().join(home)).expect("home dir");
        }
        Env { dir }
    }

    fn work(&self) -> PathBuf {
        self.dir.path().join("work")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.work().join(name)
    }

    fn home(&self, who: &str) -> PathBuf {
        self.dir.path().join(who)
    }

    fn run(&self, who: &str, args: &[&str]) -> Run {
        Run::of(args, &self.work(), &self.home(who))
    }

    /// Runs a command that must succeed.
    fn ok(&self, who: &str, args: &[&str]) -> Run {
        let run = self.run(who, args);
        assert!(
            run.status.success(),
            "[{who}] akredit {args:?} failed:\n{}",
            run.describe()
        );
        run
    }

    /// Every file and folder under the working directory, with the files' bytes.
    fn snapshot(&self) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
        fn walk(root: &Path, dir: &Path, into: &mut BTreeMap<PathBuf, Option<Vec<u8>>>) {
            for entry in fs::read_dir(dir).expect("read_dir") {
                let path = entry.expect("entry").path();
                let rel = path.strip_prefix(root).expect("prefix").to_path_buf();
                if path.is_dir() {
                    into.insert(rel, None);
                    walk(root, &path, into);
                } else {
                    into.insert(rel, Some(fs::read(&path).expect("read")));
                }
            }
        }
        let mut map = BTreeMap::new();
        walk(&self.work(), &self.work(), &mut map);
        map
    }

    /// Runs a command that must be refused: exit status 1, every one of `fragments` on
    /// stderr, nothing reported as imported or saved, the inspection `file`
    /// byte-identical, and nothing else in the working directory changed.
    fn refused(&self, who: &str, file: &str, args: &[&str], fragments: &[&str]) -> Run {
        let path = self.path(file);
        let before = fs::read(&path).ok();
        let dir_before = self.snapshot();
        let run = self.run(who, args);
        assert_eq!(
            run.status.code(),
            Some(1),
            "[{who}] akredit {args:?} should be refused with status 1:\n{}",
            run.describe()
        );
        for fragment in fragments {
            assert!(
                run.stderr.contains(fragment),
                "[{who}] akredit {args:?}: stderr should contain {fragment:?}:\n{}",
                run.describe()
            );
        }
        assert!(
            !run.stdout.contains("imported") && !run.stdout.contains("saved"),
            "[{who}] akredit {args:?} was refused but reports something done:\n{}",
            run.describe()
        );
        assert!(
            fs::read(&path).ok() == before,
            "[{who}] akredit {args:?} was refused but changed the bytes of {file}"
        );
        let dir_after = self.snapshot();
        assert!(
            dir_after == dir_before,
            "[{who}] akredit {args:?} was refused but changed the working directory: before {:?}, after {:?}",
            dir_before.keys().collect::<Vec<_>>(),
            dir_after.keys().collect::<Vec<_>>()
        );
        run
    }

    /// The expert's new inspection.
    fn inspection(&self, name: &str, model: &str) -> PathBuf {
        self.ok(
            EXPERT,
            &[
                "new",
                name,
                "--model",
                model,
                "--centre",
                CENTRE_NAME,
                "--expert",
                "Іваненко І. І.",
                "--visit-date",
                "2026-11-23",
            ],
        );
        self.path(name)
    }

    /// A centre's self-assessment file in `who`'s home, graded with `grades`
    /// (`CODE=GRADE` as the centre types them).
    fn centre_file(&self, who: &str, name: &str, model: &str, grades: &[&str]) -> PathBuf {
        let run = self.ok(
            who,
            &[
                "new",
                name,
                "--self-assessment",
                "--model",
                model,
                "--centre",
                CENTRE_NAME,
                "--expert",
                "Петренко П. П., головний лікар",
            ],
        );
        assert!(run.stdout.contains("created"), "{}", run.describe());
        if !grades.is_empty() {
            let mut args = vec!["score", name];
            args.extend_from_slice(grades);
            self.ok(who, &args);
        }
        self.path(name)
    }

    /// The centre's key (made once per home); returns its fingerprint.
    fn centre_key(&self, who: &str) -> String {
        let identity = self.home(who).join("keys").join("identity.json");
        let run = if identity.exists() {
            self.ok(who, &["key", "show"])
        } else {
            self.ok(
                who,
                &[
                    "key",
                    "init",
                    "--name",
                    "Петренко Петро Петрович, центр здоров'я",
                ],
            )
        };
        fingerprint_line(&run.stdout)
    }

    /// `export-self` of `file` to `out` in `who`'s home.
    fn export_self(&self, who: &str, file: &str, out: &str) -> (Run, Vec<u8>) {
        let run = self.ok(who, &["export-self", file, "--out", out]);
        let bytes = fs::read(self.path(out)).expect("self-assessment written");
        (run, bytes)
    }

    /// A self-assessment JSON with `grades`, signed by the centre with a key.
    fn signed_self(&self, stem: &str, model: &str, grades: &[&str]) -> Vec<u8> {
        self.centre_file(CENTRE, &format!("{stem}.akredit"), model, grades);
        self.centre_key(CENTRE);
        let (run, bytes) =
            self.export_self(CENTRE, &format!("{stem}.akredit"), &format!("{stem}.json"));
        assert!(run.stdout.contains("signed by"), "{}", run.describe());
        bytes
    }

    /// A self-assessment JSON with `grades`, written by a centre without a key.
    fn unsigned_self(&self, stem: &str, model: &str, grades: &[&str]) -> Vec<u8> {
        self.centre_file(CENTRE_NO_KEY, &format!("{stem}.akredit"), model, grades);
        let (run, bytes) = self.export_self(
            CENTRE_NO_KEY,
            &format!("{stem}.akredit"),
            &format!("{stem}.json"),
        );
        assert!(run.stdout.contains("UNSIGNED"), "{}", run.describe());
        bytes
    }

    fn write(&self, name: &str, bytes: &[u8]) {
        fs::write(self.path(name), bytes).expect("write");
    }

    fn json(&self, who: &str, args: &[&str]) -> Value {
        let run = self.ok(who, args);
        serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("akredit {args:?} printed no JSON ({e}):\n{}", run.stdout))
    }

    fn history(&self, file: &str, code: &str) -> Vec<Value> {
        match self.json(EXPERT, &["history", file, code, "--json"]) {
            Value::Array(rows) => rows,
            other => panic!("history --json is not an array: {other}"),
        }
    }
}

/// The fingerprint printed by `key init` / `key show`.
fn fingerprint_line(stdout: &str) -> String {
    stdout
        .lines()
        .find_map(|l| l.strip_prefix("fingerprint:"))
        .map(|f| f.trim().to_string())
        .unwrap_or_else(|| panic!("no fingerprint in:\n{stdout}"))
}

/// The grades recorded in an inspection file, read through the library.
fn recorded(path: &Path) -> BTreeMap<String, Answer> {
    let insp = Inspection::open(path, catalogue(), Access::ReadOnly).expect("open inspection");
    insp.answers()
        .standards
        .iter()
        .map(|(c, a)| (c.to_string(), a.clone()))
        .collect()
}

/// The self grades recorded in an inspection file.
fn self_grades(path: &Path) -> BTreeMap<String, Grade> {
    recorded(path)
        .into_iter()
        .filter_map(|(c, a)| a.self_grade.map(|g| (c, g)))
        .collect()
}

/// The commission grades recorded in an inspection file.
fn commission_grades(path: &Path) -> BTreeMap<String, Grade> {
    recorded(path)
        .into_iter()
        .filter_map(|(c, a)| a.commission.map(|g| (c, g)))
        .collect()
}

fn model_codes(model: ModelId) -> Vec<String> {
    catalogue()
        .model_standards(model)
        .map(|s| s.code.to_string())
        .collect()
}

/// Edits the payload of a self-assessment JSON and writes the whole file back in
/// canonical form (sorted keys, no whitespace).
fn edited(bytes: &[u8], edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut doc: Value = serde_json::from_slice(bytes).expect("self-assessment JSON");
    edit(&mut doc["payload"]);
    canonical_json(&doc).expect("canonical")
}

/// The grade entry of `code` in a payload.
fn grade_entry<'a>(payload: &'a mut Value, code: &str) -> &'a mut Value {
    payload["grades"]
        .as_array_mut()
        .expect("grades")
        .iter_mut()
        .find(|g| g["code"] == code)
        .unwrap_or_else(|| panic!("{code} not in the file"))
}

/// The records of a CSV file (BOM stripped), as a spreadsheet would show its cells.
fn csv_records(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let delimiter = if body.starts_with(b"akredit-self-csv/1;") {
        b';'
    } else {
        b','
    };
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body)
        .records()
        .map(|r| r.expect("CSV record").iter().map(str::to_string).collect())
        .collect()
}

/// Writes records as a spreadsheet saves "CSV UTF-8": BOM, then the rows.
fn csv_bytes(records: &[Vec<String>], delimiter: u8, crlf: bool) -> Vec<u8> {
    let mut out = BOM.to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .delimiter(delimiter)
            .terminator(if crlf {
                csv::Terminator::CRLF
            } else {
                csv::Terminator::Any(b'\n')
            })
            .from_writer(&mut out);
        for r in records {
            w.write_record(r).expect("write record");
        }
        w.flush().expect("flush");
    }
    out
}

/// A template's records with the grade cells of `grades` filled in (code → cell text).
fn filled(template: &[Vec<String>], grades: &[(&str, &str)]) -> Vec<Vec<String>> {
    let mut records = template.to_vec();
    for (c, g) in grades {
        let row = records
            .iter_mut()
            .find(|r| r[0] == *c)
            .unwrap_or_else(|| panic!("{c} not in the template"));
        row[4] = g.to_string();
    }
    records
}

/// The 1-based line of `code`'s row in a template (one record per line).
fn line_of(records: &[Vec<String>], code: &str) -> usize {
    records
        .iter()
        .position(|r| r[0] == code)
        .unwrap_or_else(|| panic!("{code} not in the sheet"))
        + 1
}

/// The expected "divergences" lines of `summary`: per group in the Order's order,
/// `  GROUP: N — CODE, CODE`.
fn divergence_lines(
    model: ModelId,
    commission: &BTreeMap<String, Grade>,
    own: &BTreeMap<String, Grade>,
) -> (usize, Vec<String>) {
    let cat = catalogue();
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for s in cat.model_standards(model) {
        let c = s.code.to_string();
        let (Some(a), Some(b)) = (commission.get(&c), own.get(&c)) else {
            continue;
        };
        if a == b {
            continue;
        }
        let g = s.group.to_string();
        match groups.last_mut() {
            Some((group, codes)) if *group == g => codes.push(c),
            _ => groups.push((g, vec![c])),
        }
    }
    let total = groups.iter().map(|(_, c)| c.len()).sum();
    let lines = groups
        .into_iter()
        .map(|(g, codes)| format!("  {g}: {} — {}", codes.len(), codes.join(", ")))
        .collect();
    (total, lines)
}

/// The text of a PDF through `pdftotext`, or `None` when it is not installed (a failure
/// unless `AKREDIT_REQUIRE_PDFTOTEXT=1` says it must be).
fn pdf_text(pdf: &Path) -> Option<String> {
    let required = std::env::var("AKREDIT_REQUIRE_PDFTOTEXT").is_ok_and(|v| v == "1");
    match Command::new("pdftotext").arg(pdf).arg("-").output() {
        Ok(out) => {
            assert!(
                out.status.success(),
                "pdftotext failed on {}: {}",
                pdf.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            Some(String::from_utf8(out.stdout).expect("pdftotext prints UTF-8"))
        }
        Err(e) => {
            assert!(
                !required,
                "AKREDIT_REQUIRE_PDFTOTEXT=1 but pdftotext cannot run: {e}"
            );
            eprintln!("pdftotext is not available ({e}); the protocol's text is not checked");
            None
        }
    }
}

// ---------------------------------------------------------------------------------------
// 1. The whole loop
// ---------------------------------------------------------------------------------------

#[test]
fn the_whole_loop_from_the_centres_file_to_the_commission_table() {
    let env = Env::new();
    let model = ModelId::Full;
    let codes = model_codes(model);
    assert_eq!(codes.len(), 235);

    // The centre: its own file; plain `score` fills the self column.
    let centre_grades = [
        "1.1.1.1=В",  // two-grade, 3
        "1.1.1.2=Н",  // two-grade, 0
        "1.1.3=НВ",   // four-grade, 2
        "1.1.4.1=2",  // four-grade, 2
        "1.2.6=В",    // two-grade, 3
        "2.1.1=1",    // wording lost, 1
        "2.4.2.7=0",  // the last standard, 0
        "2.4.2.6=ПВ", // wording lost, letters still accepted
    ];
    let expected_self: BTreeMap<String, Grade> = [
        ("1.1.1.1", 3),
        ("1.1.1.2", 0),
        ("1.1.3", 2),
        ("1.1.4.1", 2),
        ("1.2.6", 3),
        ("2.1.1", 1),
        ("2.4.2.7", 0),
        ("2.4.2.6", 3),
    ]
    .into_iter()
    .map(|(c, g)| (c.to_string(), g))
    .collect();
    let centre_file = env.centre_file(CENTRE, "centre.akredit", "full", &centre_grades);
    assert_eq!(self_grades(&centre_file), expected_self);
    assert!(
        commission_grades(&centre_file).is_empty(),
        "the centre's grades must not land in the commission column"
    );
    let summary = env.ok(CENTRE, &["summary", "centre.akredit"]);
    assert!(
        summary.stdout.contains("SELF-ASSESSMENT"),
        "{}",
        summary.describe()
    );

    // The centre's key and the signed export.
    let centre_fpr = env.centre_key(CENTRE);
    let (run, self_json) = env.export_self(CENTRE, "centre.akredit", "self.json");
    assert!(
        run.stdout.contains(&centre_fpr),
        "export-self must name the fingerprint {centre_fpr}:\n{}",
        run.describe()
    );
    assert!(
        run.stdout.contains("8 of 235 standards graded"),
        "{}",
        run.describe()
    );
    let doc: Value = serde_json::from_slice(&self_json).expect("JSON");
    assert_eq!(doc["format"], FORMAT);
    assert_eq!(doc["signature"]["algorithm"], "ed25519");
    assert_eq!(doc["payload"]["kind"], "self-assessment");
    assert_eq!(doc["payload"]["model"], "full");
    assert_eq!(doc["payload"]["grades"].as_array().map(Vec::len), Some(235));
    assert_eq!(
        canonical_json(&doc).expect("canonical"),
        self_json,
        "the self-assessment file must be written in canonical form"
    );

    // The expert: another data folder, an inspection, the commission's grades.
    env.ok(EXPERT, &["key", "init", "--name", "Іваненко Іван Іванович"]);
    let expert_file = env.inspection("expert.akredit", "full");
    // Every standard at 3 except 20 at 0: 645 of 705 points = 91.4 %, category "first".
    let zeros: BTreeSet<String> = std::iter::once("1.1.1.1".to_string())
        .chain(codes.iter().rev().take(19).cloned())
        .collect();
    assert_eq!(zeros.len(), 20);
    let commission: BTreeMap<String, Grade> = codes
        .iter()
        .map(|c| (c.clone(), if zeros.contains(c) { 0 } else { 3 }))
        .collect();
    let score_args: Vec<String> = commission.iter().map(|(c, g)| format!("{c}={g}")).collect();
    let mut args = vec!["score", "expert.akredit"];
    args.extend(score_args.iter().map(String::as_str));
    env.ok(EXPERT, &args);
    assert!(self_grades(&expert_file).is_empty());

    // The import fills the self column and leaves the commission's alone.
    let run = env.ok(EXPERT, &["import-self", "expert.akredit", "self.json"]);
    assert!(
        run.stdout.contains("signed by") && run.stdout.contains(&centre_fpr),
        "import-self must say who signed, with the key's fingerprint {centre_fpr}:\n{}",
        run.describe()
    );
    assert!(
        run.stdout.contains("8 self grades set, 227 already equal"),
        "{}",
        run.describe()
    );
    assert_eq!(self_grades(&expert_file), expected_self);
    assert_eq!(commission_grades(&expert_file), commission);

    // Divergences per group, in summary and in import-self's report.
    let (total, lines) = divergence_lines(model, &commission, &expected_self);
    // 1.1.1.1 (3 vs 0), 1.1.1.2 (0 vs 3), 1.1.3, 1.1.4.1, 2.1.1, 2.4.2.6 (3 vs 0).
    assert_eq!(total, 6, "{lines:?}");
    let header = format!("divergences between the self-assessment and the commission: {total}");
    let summary = env.ok(EXPERT, &["summary", "expert.akredit"]);
    for text in [&run.stdout, &summary.stdout] {
        assert!(text.contains(&header), "missing {header:?} in:\n{text}");
        for line in &lines {
            assert!(text.contains(line.as_str()), "missing {line:?} in:\n{text}");
        }
    }
    let totals = env.json(EXPERT, &["summary", "expert.akredit", "--json"]);
    assert_eq!(totals["commission"]["points"], 645);
    assert_eq!(totals["commission"]["percent"], "91.4");
    assert_eq!(totals["commission"]["category"], "first");
    assert_eq!(totals["self"]["points"], 14);
    assert_eq!(totals["self"]["scored"], 8);

    // The import is in the history, in the self column.
    let rows = env.history("expert.akredit", "1.1.3");
    assert!(
        rows.iter()
            .any(|r| r["field"] == "self" && r["old"].is_null() && r["new"] == "2"),
        "{rows:#?}"
    );

    // The signed result carries the self grades and verifies (once the application form
    // and the documents are recorded, as a final result needs).
    common::record_facts_cli("expert.akredit", &env.work(), &env.home(EXPERT));
    fs::create_dir(env.path("results")).expect("results dir");
    let run = env.ok(
        EXPERT,
        &[
            "export",
            "expert.akredit",
            "--out",
            "results/expert.result.json",
        ],
    );
    assert!(run.stdout.contains("final result"), "{}", run.describe());
    let identity = env.home(EXPERT).join("keys").join("identity.json");
    let identity = identity.to_str().expect("UTF-8 path");
    let run = env.ok(
        EXPERT,
        &["verify", "results/expert.result.json", "--trust", identity],
    );
    assert!(run.stdout.contains("VERIFIED"), "{}", run.describe());
    let result: Value =
        serde_json::from_slice(&fs::read(env.path("results/expert.result.json")).expect("read"))
            .expect("result JSON");
    let standards = result["payload"]["standards"]
        .as_array()
        .expect("standards");
    assert_eq!(standards.len(), 235);
    for s in standards {
        let c = s["code"].as_str().expect("code");
        match expected_self.get(c) {
            Some(g) => assert_eq!(s["self"], *g, "{c} in the result: {s}"),
            None => assert!(s["self"].is_null(), "{c} in the result: {s}"),
        }
        assert_eq!(s["commission"], commission[c], "{c} in the result: {s}");
    }
    assert_eq!(result["payload"]["totals"]["self"]["points"], 14);
    assert_eq!(
        result["payload"]["totals"]["commission"]["category"],
        "first"
    );

    // The protocol lists the divergences.
    env.ok(
        EXPERT,
        &[
            "protocol",
            "results/expert.result.json",
            "--out",
            "protocol.pdf",
        ],
    );
    let pdf = fs::read(env.path("protocol.pdf")).expect("protocol");
    assert!(pdf.starts_with(b"%PDF-"));
    if let Some(text) = pdf_text(&env.path("protocol.pdf")) {
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("Розбіжності"),
            "no divergences section in:\n{text}"
        );
        assert!(flat.contains(&format!("Усього: {total}.")), "{text}");
        assert!(flat.contains("1.1.1.1: самооцінка"), "{text}");
        assert!(flat.contains("Група 1.1 (4)"), "{text}");
        assert!(flat.contains("Група 2.1 (1)"), "{text}");
    }

    // The commission's table, where the command exists.
    let help = env.ok(EXPERT, &["--help"]);
    if help.stdout.contains("commission") {
        let table = env.json(
            EXPERT,
            &["commission", "results", "--trust", identity, "--json"],
        );
        assert_eq!(table["counts"]["total"], 1, "{table:#}");
        assert_eq!(table["counts"]["valid_final"], 1, "{table:#}");
        assert_eq!(table["counts"]["invalid"], 0, "{table:#}");
        let row = &table["rows"][0];
        assert_eq!(row["status"], "valid", "{row:#}");
        assert_eq!(row["centre"], CENTRE_NAME, "{row:#}");
        assert_eq!(row["model"], "full", "{row:#}");
        assert_eq!(row["points"], 645, "{row:#}");
        assert_eq!(row["max_points"], 705, "{row:#}");
        assert_eq!(row["percent"], "91.4", "{row:#}");
        assert_eq!(row["category"], "first", "{row:#}");
        assert_eq!(row["final_or_draft"], "final", "{row:#}");
        let text = env.ok(EXPERT, &["commission", "results", "--trust", identity]);
        assert!(text.stdout.contains("1 valid final"), "{}", text.describe());
    }
}

// ---------------------------------------------------------------------------------------
// 2. Unsigned
// ---------------------------------------------------------------------------------------

#[test]
fn a_centre_without_a_key_writes_an_unsigned_file_and_the_import_says_so() {
    let env = Env::new();
    let bytes = env.unsigned_self("unsigned", "sanitary", &["1.1.1.1=В", "1.1.3=МВ"]);
    assert!(
        !env.home(CENTRE_NO_KEY)
            .join("keys")
            .join("identity.json")
            .exists(),
        "export-self must not make a key"
    );
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(text.contains("\"signature\":null"), "{text}");
    assert!(text.contains("\"signer\":null"), "{text}");
    let doc: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(doc["payload"]["grades"].as_array().map(Vec::len), Some(191));

    let insp = env.inspection("e.akredit", "sanitary");
    let run = env.ok(EXPERT, &["import-self", "e.akredit", "unsigned.json"]);
    assert!(
        run.stdout.contains("UNSIGNED"),
        "the expert must be told nobody vouches for the file:\n{}",
        run.describe()
    );
    assert!(!run.stdout.contains("signed by"), "{}", run.describe());
    assert!(
        run.stdout.contains("2 self grades set"),
        "{}",
        run.describe()
    );
    assert_eq!(
        self_grades(&insp),
        BTreeMap::from([("1.1.1.1".to_string(), 3), ("1.1.3".to_string(), 1)])
    );
    assert!(
        !run.stderr.contains("warning"),
        "the same centre is no warning:\n{}",
        run.describe()
    );
}

#[test]
fn another_centres_self_assessment_is_imported_with_a_warning_naming_it() {
    let env = Env::new();
    env.unsigned_self("unsigned", "sanitary", &["1.1.1.1=В"]);
    env.ok(
        EXPERT,
        &[
            "new",
            "other.akredit",
            "--model",
            "sanitary",
            "--centre",
            "Сумський міський центр здоров'я",
        ],
    );
    let run = env.ok(EXPERT, &["import-self", "other.akredit", "unsigned.json"]);
    assert!(
        run.stderr.contains("warning") && run.stderr.contains(CENTRE_NAME),
        "the expert must be told the file names another centre:\n{}",
        run.describe()
    );
    assert!(run.stderr.contains("akredit backups"), "{}", run.describe());
}

// ---------------------------------------------------------------------------------------
// 3. Refusals of import-self
// ---------------------------------------------------------------------------------------

#[test]
fn import_refuses_a_self_assessment_of_the_other_model() {
    let env = Env::new();
    env.inspection("e.akredit", "full");
    env.ok(EXPERT, &["score", "e.akredit", "1.1.1.1=3", "1.1.3=2"]);

    // JSON, unsigned and signed.
    env.unsigned_self("sanitary-unsigned", "sanitary", &["1.1.1.1=В"]);
    env.signed_self("sanitary-signed", "sanitary", &["1.1.1.1=В"]);
    for file in ["sanitary-unsigned.json", "sanitary-signed.json"] {
        env.refused(
            EXPERT,
            "e.akredit",
            &["import-self", "e.akredit", file],
            &[
                "is for the sanitary model",
                "this inspection is of the full model",
                "akredit template --model full",
            ],
        );
    }

    // A CSV whose mark line names the other model.
    env.ok(
        EXPERT,
        &["template", "--model", "sanitary", "--out", "sanitary.csv"],
    );
    let sheet = filled(
        &csv_records(&fs::read(env.path("sanitary.csv")).expect("read")),
        &[("1.1.1.1", "В"), ("1.1.3", "НВ")],
    );
    env.write("sanitary-filled.csv", &csv_bytes(&sheet, b',', false));
    env.refused(
        EXPERT,
        "e.akredit",
        &["import-self", "e.akredit", "sanitary-filled.csv"],
        &[
            "is for the sanitary model",
            "this inspection is of the full model",
        ],
    );

    // And the other way round: a full sheet without its mark line, into a sanitary
    // inspection, is refused by the codes the sanitary model does not count.
    env.inspection("s.akredit", "sanitary");
    env.ok(
        EXPERT,
        &["template", "--model", "full", "--out", "full.csv"],
    );
    let full = csv_records(&fs::read(env.path("full.csv")).expect("read"));
    let sheet = filled(&full, &[("1.1.1.1", "В"), ("1.8.1", "2")]);
    let line = line_of(&sheet, "1.8.1") - 1; // the mark line is deleted
    env.write("full-unmarked.csv", &csv_bytes(&sheet[1..], b',', false));
    env.refused(
        EXPERT,
        "s.akredit",
        &["import-self", "s.akredit", "full-unmarked.csv"],
        &[&format!("line {line}: "), "1.8.1"],
    );
    assert!(self_grades(&env.path("s.akredit")).is_empty());
}

#[test]
fn import_refuses_a_self_assessment_made_with_another_catalogue() {
    let env = Env::new();
    env.inspection("e.akredit", "full");
    let bytes = env.unsigned_self("u", "full", &["1.1.1.1=В"]);
    let other = "0".repeat(64);
    let tampered = edited(&bytes, |p| {
        p["catalogue"]["sha256"] = Value::from(other.clone())
    });
    env.write("other-catalogue.json", &tampered);
    env.refused(
        EXPERT,
        "e.akredit",
        &["import-self", "e.akredit", "other-catalogue.json"],
        &["another catalogue of standards", &other, "akredit template"],
    );

    // The CSV's mark line names the catalogue too.
    env.ok(EXPERT, &["template", "--model", "full", "--out", "t.csv"]);
    let mut sheet = filled(
        &csv_records(&fs::read(env.path("t.csv")).expect("read")),
        &[("1.1.1.1", "В")],
    );
    sheet[0][2] = format!("catalogue={other}");
    env.write("other-catalogue.csv", &csv_bytes(&sheet, b',', false));
    env.refused(
        EXPERT,
        "e.akredit",
        &["import-self", "e.akredit", "other-catalogue.csv"],
        &["another catalogue of standards", &other],
    );
    assert!(self_grades(&env.path("e.akredit")).is_empty());
}

#[test]
fn import_refuses_unknown_codes_naming_where_they_are() {
    let env = Env::new();
    env.inspection("e.akredit", "full");
    env.ok(EXPERT, &["score", "e.akredit", "1.1.1.1=0", "--self"]);

    // JSON: a code changed to 9.9.9 (the file is unsigned, so only the catalogue can
    // catch it); the standard it replaced is then missing.
    let bytes = env.unsigned_self("u", "full", &["1.1.3=НВ"]);
    let index = model_codes(ModelId::Full)
        .iter()
        .position(|c| c == "1.1.3")
        .expect("1.1.3")
        + 1;
    let tampered = edited(&bytes, |p| {
        grade_entry(p, "1.1.3")["code"] = Value::from("9.9.9")
    });
    env.write("unknown.json", &tampered);
    env.refused(
        EXPERT,
        "e.akredit",
        &["import-self", "e.akredit", "unknown.json"],
        &[
            "nothing was imported",
            &format!("standard #{index}: 9.9.9 is not a code of the catalogue"),
            "1 standards of the full model are missing: 1.1.3",
        ],
    );

    // JSON: a heading and the uncounted 1.3.5 are not standards either.
    let tampered = edited(&bytes, |p| {
        grade_entry(p, "1.1.3")["code"] = Value::from("1.1.4");
    });
    env.write("heading.json", &tampered);
    env.refused(
        EXPERT,
        "e.akredit",
        &["import-self", "e.akredit", "heading.json"],
        &[&format!("standard #{index}: "), "1.1.4", "missing: 1.1.3"],
    );

    // CSV: every bad row is named by its line.
    env.ok(EXPERT, &["template", "--model", "full", "--out", "t.csv"]);
    let mut sheet = filled(
        &csv_records(&fs::read(env.path("t.csv")).expect("read")),
        &[("1.1.1.2", "В"), ("1.1.3", "2"), ("1.2.6", "В")],
    );
    let line_unknown = line_of(&sheet, "1.1.3");
    let line_uncounted = line_of(&sheet, "1.2.6");
    let line_bad = line_of(&sheet, "1.1.2");
    sheet[line_unknown - 1][0] = "9.9.9".into();
    sheet[line_uncounted - 1][0] = "1.3.5".into();
    sheet[line_bad - 1][0] = "1.1.x".into();
    env.write("unknown.csv", &csv_bytes(&sheet, b',', false));
    let run = env.refused(
        EXPERT,
        "e.akredit",
        &["import-self", "e.akredit", "unknown.csv"],
        &[
            "nothing was imported",
            &format!("line {line_unknown}: 9.9.9 is not a code of the catalogue"),
            &format!("line {line_uncounted}: 1.3.5"),
            &format!("line {line_bad}: "),
        ],
    );
    assert!(
        run.stderr.contains("Table 1 does not count"),
        "{}",
        run.describe()
    );
    assert_eq!(
        self_grades(&env.path("e.akredit")),
        BTreeMap::from([("1.1.1.1".to_string(), 0)])
    );
}

#[test]
fn import_refuses_grades_off_the_scale_naming_the_line() {
    let env = Env::new();
    env.inspection("e.akredit", "full");
    env.ok(EXPERT, &["template", "--model", "full", "--out", "t.csv"]);
    let template = csv_records(&fs::read(env.path("t.csv")).expect("read"));
    let sheet = filled(
        &template,
        &[
            ("1.1.1.1", "2"),  // a two-grade standard: 0 or 3 only
            ("1.1.1.2", "ПВ"), // a four-grade letter on a two-grade standard
            ("1.1.3", "В"),    // a two-grade letter on a four-grade standard
            ("1.1.4.1", "4"),  // off every scale
            ("1.1.4.5", "НВ"), // fine
        ],
    );
    env.write("bad-grades.csv", &csv_bytes(&sheet, b',', false));
    env.refused(
        EXPERT,
        "e.akredit",
        &["import-self", "e.akredit", "bad-grades.csv"],
        &[
            "nothing was imported",
            &format!("line {}: 1.1.1.1: \"2\"", line_of(&sheet, "1.1.1.1")),
            &format!("line {}: 1.1.1.2: \"ПВ\"", line_of(&sheet, "1.1.1.2")),
            &format!("line {}: 1.1.3: \"В\"", line_of(&sheet, "1.1.3")),
            &format!("line {}: 1.1.4.1: \"4\"", line_of(&sheet, "1.1.4.1")),
            "allowed: 0 (Н), 3 (В)",
        ],
    );

    // JSON: a grade the standard's scale does not have (unsigned, so only the scale
    // check can catch it).
    let bytes = env.unsigned_self("u", "full", &["1.1.1.1=В"]);
    let tampered = edited(&bytes, |p| {
        grade_entry(p, "1.1.1.1")["grade"] = Value::from(2)
    });
    env.write("bad-grade.json", &tampered);
    env.refused(
        EXPERT,
        "e.akredit",
        &["import-self", "e.akredit", "bad-grade.json"],
        &["standard #1: 1.1.1.1: grade 2 is not on its two-grade scale"],
    );
    let tampered = edited(&bytes, |p| {
        grade_entry(p, "1.1.3")["grade"] = Value::from(7)
    });
    env.write("bad-grade-7.json", &tampered);
    env.refused(
        EXPERT,
        "e.akredit",
        &["import-self", "e.akredit", "bad-grade-7.json"],
        &["1.1.3: grade 7 is not on its four-grade scale"],
    );
    assert!(self_grades(&env.path("e.akredit")).is_empty());
}

#[test]
fn import_refuses_a_code_given_twice() {
    let env = Env::new();
    env.inspection("e.akredit", "full");

    // CSV: the same row twice.
    env.ok(EXPERT, &["template", "--model", "full", "--out", "t.csv"]);
    let mut sheet = filled(
        &csv_records(&fs::read(env.path("t.csv")).expect("read")),
        &[("1.1.1.1", "В"), ("1.1.3", "НВ")],
    );
    let mut copy = sheet[line_of(&sheet, "1.1.3") - 1].clone();
    copy[4] = "ПВ".into();
    sheet.push(copy);
    let line = sheet.len();
    env.write("twice.csv", &csv_bytes(&sheet, b',', false));
    env.refused(
        EXPERT,
        "e.akredit",
        &["import-self", "e.akredit", "twice.csv"],
        &[&format!("line {line}: 1.1.3 appears more than once")],
    );

    // JSON: one entry's code changed to its neighbour's.
    let bytes = env.unsigned_self("u", "full", &["1.1.1.1=В"]);
    let tampered = edited(&bytes, |p| {
        grade_entry(p, "1.1.1.2")["code"] = Value::from("1.1.1.1")
    });
    env.write("twice.json", &tampered);
    env.refused(
        EXPERT,
        "e.akredit",
        &["import-self", "e.akredit", "twice.json"],
        &[
            "standard #2: 1.1.1.1 appears more than once",
            "missing: 1.1.1.2",
        ],
    );
    assert!(self_grades(&env.path("e.akredit")).is_empty());
}

#[test]
fn import_refuses_a_broken_signature() {
    let env = Env::new();
    env.inspection("e.akredit", "full");
    let bytes = env.signed_self("signed", "full", &["1.1.1.1=В", "1.1.3=НВ"]);

    // Re-serializing the untouched file gives the same bytes: the edits below stay
    // canonical, and only the signature can catch them.
    let doc: Value = serde_json::from_slice(&bytes).expect("JSON");
    assert_eq!(canonical_json(&doc).expect("canonical"), bytes);

    let broken = "the self-assessment's signature does not hold";
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "grade.json",
            edited(&bytes, |p| {
                grade_entry(p, "1.1.3")["grade"] = Value::from(3)
            }),
        ),
        (
            "ungraded.json",
            edited(&bytes, |p| {
                grade_entry(p, "1.1.1.2")["grade"] = Value::from(3)
            }),
        ),
        (
            "signer.json",
            edited(&bytes, |p| p["signer"] = Value::from("Хтось інший")),
        ),
        (
            "model.json",
            edited(&bytes, |p| p["model"] = Value::from("sanitary")),
        ),
    ];
    for (name, tampered) in &cases {
        assert_ne!(tampered, &bytes);
        env.write(name, tampered);
        env.refused(
            EXPERT,
            "e.akredit",
            &["import-self", "e.akredit", name],
            &[
                broken,
                "does not match the content",
                "ask the centre for the original",
            ],
        );
    }

    // A raw byte flip: the grade of 1.1.3, 2 → 3, in place.
    let needle = b"{\"code\":\"1.1.3\",\"grade\":2";
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("1.1.3's grade in the file")
        + needle.len()
        - 1;
    let mut flipped = bytes.clone();
    flipped[at] ^= 0x01;
    assert_eq!(flipped[at], b'3');
    env.write("flipped.json", &flipped);
    env.refused(
        EXPERT,
        "e.akredit",
        &["import-self", "e.akredit", "flipped.json"],
        &[broken],
    );

    // A byte of the signature itself.
    let needle = b"\"value\":\"";
    let at = bytes
        .windows(needle.len())
        .rposition(|w| w == needle)
        .expect("signature value")
        + needle.len()
        + 5;
    let mut flipped = bytes.clone();
    flipped[at] ^= 0x01;
    env.write("flipped-signature.json", &flipped);
    env.refused(
        EXPERT,
        "e.akredit",
        &["import-self", "e.akredit", "flipped-signature.json"],
        &[broken],
    );

    // The same content, pretty-printed: no longer the form it was signed in.
    let pretty = serde_json::to_vec_pretty(&doc).expect("pretty");
    env.write("pretty.json", &pretty);
    env.refused(
        EXPERT,
        "e.akredit",
        &["import-self", "e.akredit", "pretty.json"],
        &[broken, "canonical form"],
    );

    // Another key's signature, of the same payload.
    let home = Home::at(env.dir.path().join("stranger"));
    let stranger = Identity::create(&home, "Хтось").expect("key");
    let mut doc2 = doc.clone();
    doc2["signature"]["public_key"] = Value::from(stranger.public.public_key.clone());
    env.write("other-key.json", &canonical_json(&doc2).expect("canonical"));
    env.refused(
        EXPERT,
        "e.akredit",
        &["import-self", "e.akredit", "other-key.json"],
        &[broken],
    );

    assert!(self_grades(&env.path("e.akredit")).is_empty());
    // The untouched file still imports.
    let run = env.ok(EXPERT, &["import-self", "e.akredit", "signed.json"]);
    assert!(run.stdout.contains("signed by"), "{}", run.describe());
}

#[test]
fn import_refuses_files_that_are_not_a_self_assessment() {
    let env = Env::new();
    // A commission result (a draft is enough) of another inspection.
    env.ok(EXPERT, &["key", "init", "--name", "Іваненко Іван Іванович"]);
    env.inspection("other.akredit", "full");
    env.ok(EXPERT, &["score", "other.akredit", "1.1.1.1=В"]);
    env.ok(
        EXPERT,
        &["export", "other.akredit", "--out", "result.json", "--draft"],
    );

    env.inspection("e.akredit", "full");
    env.ok(EXPERT, &["score", "e.akredit", "1.1.1.1=В", "1.1.3=НВ"]);
    env.write(
        "random.json",
        br#"{"name":"not a self-assessment","grades":[1,2,3]}"#,
    );
    env.write(
        "other-format.json",
        br#"{"format":"something-else/1","payload":{}}"#,
    );
    env.write(
        "malformed.json",
        br#"{"format":"akredit-self/1","payload":{"grades":"none"},"signature":null}"#,
    );
    env.write("truncated.json", br#"{"format":"akredit-self/1","payl"#);
    env.write(
        "garbage.bin",
        &[0xFF, 0xFE, 0x00, 0x9C, 0x80, 0x81, 0xC3, 0x28, 0x00, 0x01],
    );
    env.write("empty.json", b"");
    env.write("array.json", b"[1,2,3]\n");
    let cases: [(&str, &[&str]); 9] = [
        (
            "result.json",
            &["this is a commission's signed result, not a centre's self-assessment"],
        ),
        (
            "random.json",
            &["not a centre's self-assessment", "akredit-self/1"],
        ),
        (
            "other-format.json",
            &["\"something-else/1\"", "not a centre's self-assessment"],
        ),
        ("malformed.json", &["the self-assessment file is malformed"]),
        ("truncated.json", &["not a JSON document"]),
        ("garbage.bin", &["not text in UTF-8"]),
        ("empty.json", &["the file is empty"]),
        ("array.json", &["no standard rows found"]),
        (
            "nonexistent.json",
            &["nonexistent.json", "no such file; check the path"],
        ),
    ];
    for (file, fragments) in cases {
        env.refused(
            EXPERT,
            "e.akredit",
            &["import-self", "e.akredit", file],
            fragments,
        );
    }
    assert!(self_grades(&env.path("e.akredit")).is_empty());
}

#[test]
fn import_into_a_centres_self_assessment_file_is_refused() {
    let env = Env::new();
    env.unsigned_self("u", "full", &["1.1.1.1=В"]);
    env.centre_file(CENTRE_NO_KEY, "own.akredit", "full", &["1.1.3=НВ"]);
    env.refused(
        CENTRE_NO_KEY,
        "own.akredit",
        &["import-self", "own.akredit", "u.json"],
        &[
            "this file is a centre's self-assessment",
            "the expert imports",
        ],
    );
    env.ok(
        CENTRE_NO_KEY,
        &["template", "--model", "full", "--out", "t.csv"],
    );
    let sheet = filled(
        &csv_records(&fs::read(env.path("t.csv")).expect("read")),
        &[("1.1.1.1", "В")],
    );
    env.write("filled.csv", &csv_bytes(&sheet, b',', false));
    env.refused(
        CENTRE_NO_KEY,
        "own.akredit",
        &["import-self", "own.akredit", "filled.csv"],
        &["this file is a centre's self-assessment"],
    );
    assert_eq!(
        self_grades(&env.path("own.akredit")),
        BTreeMap::from([("1.1.3".to_string(), 2)])
    );
}

// ---------------------------------------------------------------------------------------
// 4. Conflicts with self grades entered by hand
// ---------------------------------------------------------------------------------------

#[test]
fn self_grades_entered_by_hand_are_replaced_only_with_replace() {
    let env = Env::new();
    let insp = env.inspection("e.akredit", "full");
    env.ok(EXPERT, &["score", "e.akredit", "1.1.1.1=3", "1.1.3=2"]);
    env.ok(
        EXPERT,
        &[
            "score",
            "e.akredit",
            "--self",
            "1.1.1.1=Н",
            "1.1.3=ПВ",
            "1.2.6=В",
            "1.1.1.2=В",
            "1.1.2=Н",
        ],
    );
    // The centre: 1.1.1.1 3, 1.1.3 2, 1.2.6 3 (as entered), 1.1.1.2 not assessed,
    // 1.1.2 0 (as entered), 1.1.4.1 1 (new).
    env.signed_self(
        "self",
        "full",
        &["1.1.1.1=В", "1.1.3=НВ", "1.2.6=В", "1.1.2=Н", "1.1.4.1=МВ"],
    );
    let before = self_grades(&insp);

    let run = env.refused(
        EXPERT,
        "e.akredit",
        &["import-self", "e.akredit", "self.json"],
        &[
            "3 self-assessment grades already in the inspection differ from the file",
            "nothing was changed",
            "1.1.1.1: 0 in the inspection, 3 in the file",
            "1.1.3: 3 in the inspection, 2 in the file",
            "1.1.1.2: 3 in the inspection, not assessed in the file",
            "--replace",
        ],
    );
    for unchanged in ["  1.2.6:", "  1.1.2:", "  1.1.4.1:"] {
        assert!(
            !run.stderr.contains(unchanged),
            "{unchanged} is no conflict:\n{}",
            run.describe()
        );
    }
    assert_eq!(self_grades(&insp), before);

    // The same through a CSV: a row left empty over a hand-entered grade is a conflict.
    env.ok(EXPERT, &["template", "--model", "full", "--out", "t.csv"]);
    let sheet = filled(
        &csv_records(&fs::read(env.path("t.csv")).expect("read")),
        &[("1.1.1.1", "Н"), ("1.1.3", "ПВ"), ("1.2.6", "")],
    );
    let sheet: Vec<Vec<String>> = sheet
        .into_iter()
        .filter(|r| {
            !r[0].starts_with('1') || ["1.1.1.1", "1.1.3", "1.2.6"].contains(&r[0].as_str())
        })
        .collect();
    env.write("s.csv", &csv_bytes(&sheet, b',', false));
    env.refused(
        EXPERT,
        "e.akredit",
        &["import-self", "e.akredit", "s.csv"],
        &[
            "1 self-assessment grades already in the inspection differ",
            "1.2.6: 3 in the inspection, not assessed in the file",
            "--replace",
        ],
    );

    // With --replace: the file's grades, recorded in the history.
    let run = env.ok(
        EXPERT,
        &["import-self", "e.akredit", "self.json", "--replace"],
    );
    assert!(run.stdout.contains("3 replaced"), "{}", run.describe());
    assert!(
        run.stdout.contains("4 self grades set"),
        "{}",
        run.describe()
    );
    assert_eq!(
        self_grades(&insp),
        BTreeMap::from([
            ("1.1.1.1".to_string(), 3),
            ("1.1.2".to_string(), 0),
            ("1.1.3".to_string(), 2),
            ("1.1.4.1".to_string(), 1),
            ("1.2.6".to_string(), 3),
        ])
    );
    assert_eq!(
        commission_grades(&insp),
        BTreeMap::from([("1.1.1.1".to_string(), 3), ("1.1.3".to_string(), 2)]),
        "the import must not touch the commission's grades"
    );
    let last_self = |c: &str| -> (Value, Value) {
        let rows = env.history("e.akredit", c);
        let r = rows
            .iter()
            .rev()
            .find(|r| r["field"] == "self")
            .unwrap_or_else(|| panic!("no self change of {c} in {rows:#?}"));
        (r["old"].clone(), r["new"].clone())
    };
    assert_eq!(last_self("1.1.1.1"), (Value::from("0"), Value::from("3")));
    assert_eq!(last_self("1.1.3"), (Value::from("3"), Value::from("2")));
    assert_eq!(last_self("1.1.1.2"), (Value::from("3"), Value::Null));
    assert_eq!(last_self("1.1.4.1"), (Value::Null, Value::from("1")));
    let text = env.ok(EXPERT, &["history", "e.akredit", "1.1.1.1"]);
    assert!(
        text.stdout.contains("self") && text.stdout.contains("\"0\" → \"3\""),
        "{}",
        text.describe()
    );

    // Importing the same file again changes nothing and needs no --replace.
    let run = env.ok(EXPERT, &["import-self", "e.akredit", "self.json"]);
    assert!(
        run.stdout.contains("0 self grades set, 235 already equal"),
        "{}",
        run.describe()
    );
}

// ---------------------------------------------------------------------------------------
// 5. What a centre's own file accepts
// ---------------------------------------------------------------------------------------

#[test]
fn a_centres_file_takes_self_grades_only() {
    let env = Env::new();
    let file = env.centre_file(CENTRE, "c.akredit", "full", &[]);
    let run = env.ok(CENTRE, &["score", "c.akredit", "1.1.1.1=В", "1.1.3=2"]);
    assert!(
        run.stdout.contains("1.1.1.1 self: — → 3 (В)"),
        "score on a centre's file must go to the self column:\n{}",
        run.describe()
    );
    env.ok(CENTRE, &["score", "c.akredit", "--self", "1.1.4.1=МВ"]);
    assert_eq!(
        self_grades(&file),
        BTreeMap::from([
            ("1.1.1.1".to_string(), 3),
            ("1.1.3".to_string(), 2),
            ("1.1.4.1".to_string(), 1)
        ])
    );
    assert!(commission_grades(&file).is_empty());
    let rows = env.json(CENTRE, &["history", "c.akredit", "1.1.1.1", "--json"]);
    assert!(
        rows.as_array()
            .expect("rows")
            .iter()
            .all(|r| r["field"] == "self"),
        "{rows:#}"
    );

    // Not applicable is the expert's decision.
    let commission_only = "commission grades and \"not applicable\" are decided by the expert";
    env.refused(
        CENTRE,
        "c.akredit",
        &[
            "na",
            "c.akredit",
            "1.1.1.5",
            "--reason",
            "Немає госпрозрахункової діяльності",
        ],
        &["1.1.1.5", commission_only],
    );
    env.refused(
        CENTRE,
        "c.akredit",
        &["na", "c.akredit", "--preset", "no-self-financed"],
        &[commission_only],
    );

    // `export` is refused and points to export-self (with a key; for a centre without
    // one see the next test).
    env.centre_key(CENTRE);
    for draft in [false, true] {
        let mut args = vec!["export", "c.akredit", "--out", "r.json"];
        if draft {
            args.push("--draft");
        }
        env.refused(
            CENTRE,
            "c.akredit",
            &args,
            &["centre's self-assessment", "akredit export-self"],
        );
        assert!(!env.path("r.json").exists());
    }
}

/// A centre that has no key and types `export` must be told to use `export-self`, not
/// sent to make a key first (after which it would be told to use `export-self` anyway).
#[test]
fn export_of_a_centres_file_without_a_key_points_to_export_self() {
    let env = Env::new();
    env.ok(
        CENTRE_NO_KEY,
        &[
            "new",
            "d.akredit",
            "--self-assessment",
            "--model",
            "full",
            "--centre",
            CENTRE_NAME,
        ],
    );
    env.refused(
        CENTRE_NO_KEY,
        "d.akredit",
        &["export", "d.akredit", "--out", "r.json"],
        &["akredit export-self"],
    );
}

#[test]
fn export_self_refuses_an_experts_inspection_and_an_existing_file() {
    let env = Env::new();
    env.inspection("e.akredit", "full");
    env.ok(EXPERT, &["score", "e.akredit", "--self", "1.1.1.1=В"]);
    env.refused(
        EXPERT,
        "e.akredit",
        &["export-self", "e.akredit", "--out", "self.json"],
        &[
            "this file is the commission's inspection, not a centre's self-assessment",
            "--self-assessment",
        ],
    );
    assert!(!env.path("self.json").exists());

    env.centre_file(CENTRE_NO_KEY, "c.akredit", "full", &["1.1.1.1=В"]);
    env.write("taken.json", b"do not overwrite");
    env.refused(
        CENTRE_NO_KEY,
        "c.akredit",
        &["export-self", "c.akredit", "--out", "taken.json"],
        &["already exists"],
    );
    assert_eq!(
        fs::read(env.path("taken.json")).expect("read"),
        b"do not overwrite"
    );
}

// ---------------------------------------------------------------------------------------
// 6. The CSV template
// ---------------------------------------------------------------------------------------

#[test]
fn the_template_names_its_model_and_catalogue_and_lists_every_standard() {
    let env = Env::new();
    let cat = catalogue();
    for (model, id, rows) in [
        (ModelId::Sanitary, "sanitary", 191),
        (ModelId::Full, "full", 235),
    ] {
        let name = format!("{id}.csv");
        let run = env.ok(EXPERT, &["template", "--model", id, "--out", &name]);
        assert!(
            run.stdout.contains(&format!("({rows} standards)")),
            "{}",
            run.describe()
        );
        let bytes = fs::read(env.path(&name)).expect("template");
        assert!(
            bytes.starts_with(BOM),
            "the template must start with the UTF-8 BOM"
        );
        let records = csv_records(&bytes);
        assert_eq!(records[0][0], CSV_MARK);
        assert_eq!(records[0][1], format!("model={id}"));
        assert_eq!(records[0][2], format!("catalogue={}", cat.sha256));
        assert!(records[1][0].starts_with("код"), "{:?}", records[1]);
        // Issue 14: a seventh column gives each grade's criterion, after the note, so
        // that the grade and the note keep their columns.
        assert_eq!(records[1].len(), 7, "{:?}", records[1]);
        assert!(records[1][6].starts_with("критерії"), "{:?}", records[1]);
        let standards = &records[2..];
        assert_eq!(standards.len(), rows);
        let codes: Vec<String> = standards.iter().map(|r| r[0].clone()).collect();
        assert_eq!(codes, model_codes(model));
        for (r, s) in standards.iter().zip(cat.model_standards(model)) {
            assert_eq!(r.len(), 7, "{r:?}");
            assert_eq!(r[3], s.scale.describe_grades(), "{r:?}");
            for text in s.criteria.values() {
                assert!(r[6].contains(text.as_str()), "{r:?}");
            }
            assert!(!r[2].contains("grade"), "the scale in Ukrainian: {r:?}");
            assert!(r[4].is_empty() && r[5].is_empty(), "{r:?}");
            assert!(!r[1].is_empty(), "{r:?}");
        }
        // An empty template imports as nothing assessed.
        let sa = self_assessment::read(&bytes, &cat, model).expect("empty template reads");
        assert_eq!(sa.provenance, Provenance::Csv);
        assert_eq!(sa.grades.len(), rows);
        assert!(sa.grades.values().all(Option::is_none));

        // Never overwritten: neither itself nor any other file.
        let before = fs::read(env.path(&name)).expect("read");
        env.refused(
            EXPERT,
            &name,
            &["template", "--model", id, "--out", &name],
            &["already exists"],
        );
        assert_eq!(fs::read(env.path(&name)).expect("read"), before);
    }
    env.write("notes.txt", b"keep me");
    env.refused(
        EXPERT,
        "notes.txt",
        &["template", "--model", "full", "--out", "notes.txt"],
        &["already exists"],
    );
    assert!(
        env.run(EXPERT, &["template", "--model", "dental", "--out", "x.csv"])
            .status
            .code()
            == Some(1)
            && !env.path("x.csv").exists()
    );
}

/// The grades a centre fills in its sheet (letters, digits, Latin look-alikes, lower
/// case), and what they mean.
const SHEET: [(&str, &str, Grade); 8] = [
    ("1.1.1.1", "В", 3),
    ("1.1.1.2", "Н", 0),
    ("1.1.3", "НВ", 2),
    ("1.1.4.1", "мв", 1),
    ("1.1.4.5", "2", 2),
    ("1.2.6", "B", 3),
    ("2.1.1", "3", 3),
    ("2.4.2.7", " ПВ ", 3),
];

fn sheet_grades() -> BTreeMap<String, Grade> {
    SHEET.iter().map(|(c, _, g)| (c.to_string(), *g)).collect()
}

fn sheet_cells() -> Vec<(&'static str, &'static str)> {
    SHEET.iter().map(|(c, t, _)| (*c, *t)).collect()
}

#[test]
fn a_filled_template_imports_with_letters_and_digits() {
    let env = Env::new();
    let insp = env.inspection("e.akredit", "full");
    env.ok(
        CENTRE_NO_KEY,
        &["template", "--model", "full", "--out", "t.csv"],
    );
    let mut sheet = filled(
        &csv_records(&fs::read(env.path("t.csv")).expect("read")),
        &sheet_cells(),
    );
    let note_row = line_of(&sheet, "1.1.3") - 1;
    sheet[note_row][5] = "Наказ № 12, див. додаток".into();
    env.write("filled.csv", &csv_bytes(&sheet, b',', false));
    let run = env.ok(EXPERT, &["import-self", "e.akredit", "filled.csv"]);
    assert!(
        run.stdout.contains("CSV files are not signed"),
        "{}",
        run.describe()
    );
    assert!(
        run.stdout.contains("8 self grades set, 227 already equal"),
        "{}",
        run.describe()
    );
    assert!(
        run.stdout.contains("1 notes of the centre"),
        "{}",
        run.describe()
    );
    assert_eq!(self_grades(&insp), sheet_grades());
    assert!(commission_grades(&insp).is_empty());
    assert!(
        recorded(&insp).values().all(|a| a.note.is_empty()),
        "the centre's notes must not land in the expert's note column"
    );
}

#[test]
fn a_semicolon_separated_copy_imports_as_excel_saves_it() {
    let env = Env::new();
    let insp = env.inspection("e.akredit", "full");
    env.ok(
        CENTRE_NO_KEY,
        &["template", "--model", "full", "--out", "t.csv"],
    );
    let sheet = filled(
        &csv_records(&fs::read(env.path("t.csv")).expect("read")),
        &sheet_cells(),
    );
    let bytes = csv_bytes(&sheet, b';', true);
    assert!(bytes.starts_with(b"\xEF\xBB\xBFakredit-self-csv/1;model=full;"));
    env.write("excel.csv", &bytes);
    let run = env.ok(EXPERT, &["import-self", "e.akredit", "excel.csv"]);
    assert!(
        run.stdout.contains("8 self grades set"),
        "{}",
        run.describe()
    );
    assert_eq!(self_grades(&insp), sheet_grades());

    // Excel's semicolon copy of another model's sheet is still refused by its mark line.
    let s = env.inspection("s.akredit", "sanitary");
    env.refused(
        EXPERT,
        "s.akredit",
        &["import-self", "s.akredit", "excel.csv"],
        &[
            "is for the full model",
            "this inspection is of the sanitary model",
        ],
    );
    assert!(self_grades(&s).is_empty());

    // And its errors are named by line (the line is checked exactly in the next test).
    let mut bad = sheet.clone();
    let line = line_of(&bad, "1.1.1.2");
    bad[line - 1][4] = "НВ".into();
    env.write("excel-bad.csv", &csv_bytes(&bad, b';', true));
    let fresh = env.inspection("f.akredit", "full");
    env.refused(
        EXPERT,
        "f.akredit",
        &["import-self", "f.akredit", "excel-bad.csv"],
        &[
            "line ",
            "1.1.1.2: \"НВ\" is not a grade of the two-grade scale",
        ],
    );
    assert!(self_grades(&fresh).is_empty());
}

#[test]
fn the_template_gives_each_grades_criterion_in_ukrainian() {
    let env = Env::new();
    env.ok(EXPERT, &["template", "--model", "full", "--out", "t.csv"]);
    let records = csv_records(&fs::read(env.path("t.csv")).expect("read"));
    let row = &records[line_of(&records, "1.1.1.1") - 1];
    assert_eq!(row[2], "дворівнева (Н/В)");
    assert_eq!(row[6], "Н 0 — відсутнє рішення; В 3 — наявне рішення");
}

#[test]
fn a_sheet_filled_from_the_older_six_column_template_still_imports() {
    let env = Env::new();
    let insp = env.inspection("e.akredit", "full");
    env.ok(
        CENTRE_NO_KEY,
        &["template", "--model", "full", "--out", "t.csv"],
    );
    let mut sheet = filled(
        &csv_records(&fs::read(env.path("t.csv")).expect("read")),
        &sheet_cells(),
    );
    for record in sheet.iter_mut().skip(1) {
        record.truncate(6);
    }
    env.write("old.csv", &csv_bytes(&sheet, b',', false));
    env.ok(EXPERT, &["import-self", "e.akredit", "old.csv"]);
    assert_eq!(self_grades(&insp), sheet_grades());
}

/// Older Excel in a Ukrainian locale saves "CSV" in Windows-1251, without a BOM: such a
/// sheet of our template is read (and said to be); other text that is not UTF-8 is
/// refused with the step that makes it UTF-8.
#[test]
fn a_windows_1251_sheet_is_read_and_other_non_utf8_text_is_refused_with_the_fix() {
    let env = Env::new();
    let insp = env.inspection("e.akredit", "full");
    env.ok(
        CENTRE_NO_KEY,
        &["template", "--model", "full", "--out", "t.csv"],
    );
    let sheet = filled(
        &csv_records(&fs::read(env.path("t.csv")).expect("read")),
        &sheet_cells(),
    );
    let utf8 = csv_bytes(&sheet, b';', true);
    let text = std::str::from_utf8(utf8.strip_prefix(BOM).unwrap_or(&utf8)).expect("utf-8");
    let (cp1251, _, lossy) = encoding_rs::WINDOWS_1251.encode(text);
    assert!(!lossy, "the template's text is all in Windows-1251");
    assert!(std::str::from_utf8(&cp1251).is_err(), "really not UTF-8");
    env.write("excel-1251.csv", &cp1251);
    let run = env.ok(EXPERT, &["import-self", "e.akredit", "excel-1251.csv"]);
    assert!(run.stdout.contains("Windows-1251"), "{}", run.describe());
    assert!(
        run.stdout.contains("8 self grades set"),
        "{}",
        run.describe()
    );
    assert_eq!(self_grades(&insp), sheet_grades());
    // Some other Windows-1251 text is not taken for a sheet.
    let (other, _, _) = encoding_rs::WINDOWS_1251.encode("Звіт закладу; не самооцінка\n");
    env.write("other.csv", &other);
    let fresh = env.inspection("f.akredit", "full");
    env.refused(
        EXPERT,
        "f.akredit",
        &["import-self", "f.akredit", "other.csv"],
        &["not text in UTF-8", "CSV UTF-8"],
    );
    assert!(self_grades(&fresh).is_empty());
}

/// Excel and LibreOffice on Windows end the lines of a CSV with CR LF. The line an error
/// names must be the line the centre sees in its editor, whatever the line ends.
#[test]
fn line_numbers_are_right_in_a_sheet_with_crlf_line_ends() {
    let env = Env::new();
    env.inspection("e.akredit", "full");
    env.ok(
        CENTRE_NO_KEY,
        &["template", "--model", "full", "--out", "t.csv"],
    );
    let sheet = filled(
        &csv_records(&fs::read(env.path("t.csv")).expect("read")),
        &[("1.1.1.1", "7"), ("1.1.1.2", "НВ"), ("1.5.2", "9")],
    );
    let lines: Vec<(usize, &str)> = ["1.1.1.1", "1.1.1.2", "1.5.2"]
        .iter()
        .map(|c| (line_of(&sheet, c), *c))
        .collect();
    assert_eq!(lines[0].0, 3);
    for (delimiter, name) in [(b',', "lf.csv"), (b';', "lf-semicolons.csv")] {
        env.write(name, &csv_bytes(&sheet, delimiter, false));
    }
    for (delimiter, name) in [(b',', "crlf.csv"), (b';', "crlf-semicolons.csv")] {
        env.write(name, &csv_bytes(&sheet, delimiter, true));
    }
    for name in [
        "lf.csv",
        "lf-semicolons.csv",
        "crlf.csv",
        "crlf-semicolons.csv",
    ] {
        let expected: Vec<String> = lines
            .iter()
            .map(|(line, c)| format!("  line {line}: {c}: "))
            .collect();
        let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
        env.refused(
            EXPERT,
            "e.akredit",
            &["import-self", "e.akredit", name],
            &expected,
        );
    }
}

#[test]
fn rows_deleted_from_the_sheet_leave_those_standards_untouched() {
    let env = Env::new();
    let insp = env.inspection("e.akredit", "full");
    // Self grades entered by hand for standards the sheet will no longer have.
    env.ok(
        EXPERT,
        &["score", "e.akredit", "--self", "1.3.1.1=В", "2.1.5.1=1"],
    );
    env.ok(EXPERT, &["score", "e.akredit", "1.3.1.1=0"]);
    env.ok(
        CENTRE_NO_KEY,
        &["template", "--model", "full", "--out", "t.csv"],
    );
    let sheet = filled(
        &csv_records(&fs::read(env.path("t.csv")).expect("read")),
        &sheet_cells(),
    );
    // Keep the mark line, the header and the rows of groups 1.1 and 1.2 only (plus the
    // graded ones of 2.x).
    let kept: Vec<Vec<String>> = sheet
        .into_iter()
        .enumerate()
        .filter(|(i, r)| {
            *i < 2 || r[0].starts_with("1.1.") || r[0].starts_with("1.2.") || !r[4].is_empty()
        })
        .map(|(_, r)| r)
        .collect();
    let rows = kept.len() - 2;
    assert!(rows < 100, "{rows}");
    env.write("partial.csv", &csv_bytes(&kept, b',', false));
    let run = env.ok(EXPERT, &["import-self", "e.akredit", "partial.csv"]);
    assert!(
        run.stdout
            .contains(&format!("8 self grades set, {} already equal", rows - 8)),
        "{}",
        run.describe()
    );
    let mut expected = sheet_grades();
    expected.insert("1.3.1.1".into(), 3);
    expected.insert("2.1.5.1".into(), 1);
    assert_eq!(self_grades(&insp), expected);
    assert_eq!(
        commission_grades(&insp),
        BTreeMap::from([("1.3.1.1".to_string(), 0)])
    );
}

#[test]
fn a_sheet_without_its_mark_line_imports_by_codes() {
    let env = Env::new();
    env.ok(
        CENTRE_NO_KEY,
        &["template", "--model", "full", "--out", "t.csv"],
    );
    let sheet = filled(
        &csv_records(&fs::read(env.path("t.csv")).expect("read")),
        &sheet_cells(),
    );

    // Mark line deleted (header kept), commas.
    let insp = env.inspection("a.akredit", "full");
    env.write("no-mark.csv", &csv_bytes(&sheet[1..], b',', false));
    env.ok(EXPERT, &["import-self", "a.akredit", "no-mark.csv"]);
    assert_eq!(self_grades(&insp), sheet_grades());

    // Mark line and header deleted, semicolons and CRLF.
    let insp = env.inspection("b.akredit", "full");
    env.write("bare.csv", &csv_bytes(&sheet[2..], b';', true));
    env.ok(EXPERT, &["import-self", "b.akredit", "bare.csv"]);
    assert_eq!(self_grades(&insp), sheet_grades());

    // Without a BOM (a sheet saved as plain UTF-8), only the graded rows.
    let insp = env.inspection("c.akredit", "full");
    let graded: Vec<Vec<String>> = sheet[1..]
        .iter()
        .filter(|r| r[0].starts_with("код") || !r[4].is_empty())
        .cloned()
        .collect();
    let bytes = csv_bytes(&graded, b',', false);
    env.write("graded.csv", &bytes[BOM.len()..]);
    let run = env.ok(EXPERT, &["import-self", "c.akredit", "graded.csv"]);
    assert!(
        run.stdout.contains("8 self grades set, 0 already equal"),
        "{}",
        run.describe()
    );
    assert_eq!(self_grades(&insp), sheet_grades());

    // A sanitary sheet without its mark line imports into a full inspection: its codes
    // are standards of the full model too.
    env.ok(
        CENTRE_NO_KEY,
        &["template", "--model", "sanitary", "--out", "s.csv"],
    );
    let s = filled(
        &csv_records(&fs::read(env.path("s.csv")).expect("read")),
        &[("1.1.1.1", "В")],
    );
    let insp = env.inspection("d.akredit", "full");
    env.write("s-no-mark.csv", &csv_bytes(&s[1..], b',', false));
    env.ok(EXPERT, &["import-self", "d.akredit", "s-no-mark.csv"]);
    assert_eq!(
        self_grades(&insp),
        BTreeMap::from([("1.1.1.1".to_string(), 3)])
    );
}

// ---------------------------------------------------------------------------------------
// 7. The library
// ---------------------------------------------------------------------------------------

#[test]
fn plan_counts_changes_conflicts_and_unchanged() {
    let answer = |commission: Option<Grade>, own: Option<Grade>| Answer {
        commission,
        self_grade: own,
        na_reason: None,
        note: String::new(),
        recommendation: Default::default(),
        author: None,
    };
    let mut answers = Answers::default();
    answers
        .standards
        .insert(code("1.1.1.2"), answer(None, Some(3))); // equal
    answers
        .standards
        .insert(code("1.1.3"), answer(Some(2), Some(1))); // conflict
    answers
        .standards
        .insert(code("1.1.4.1"), answer(None, Some(0))); // conflict, cleared
    answers
        .standards
        .insert(code("1.1.4.2"), answer(Some(3), None)); // commission only
    answers
        .standards
        .insert(code("1.2.6"), answer(None, Some(3))); // not in the file
    let sa = SelfAssessment {
        provenance: Provenance::Csv,
        centre_name: None,
        grades: BTreeMap::from([
            (code("1.1.1.1"), Some(3)), // new
            (code("1.1.1.2"), Some(3)), // equal
            (code("1.1.3"), Some(3)),   // replaces 1
            (code("1.1.4.1"), None),    // clears 0
            (code("1.1.4.2"), Some(3)), // new beside the commission's 3
            (code("1.1.5"), None),      // nothing either side
        ]),
        notes: 0,
        file_sha256: String::new(),
    };
    let plan = self_assessment::plan(&answers, &sa);
    let grade = |c: &str, g: Option<Grade>| Change::Grade {
        code: code(c),
        column: Column::SelfAssessment,
        grade: g,
    };
    assert_eq!(
        plan.changes,
        vec![
            grade("1.1.1.1", Some(3)),
            grade("1.1.3", Some(3)),
            grade("1.1.4.1", None),
            grade("1.1.4.2", Some(3)),
        ]
    );
    assert_eq!(
        plan.conflicts,
        vec![
            Conflict {
                code: code("1.1.3"),
                current: 1,
                imported: Some(3),
            },
            Conflict {
                code: code("1.1.4.1"),
                current: 0,
                imported: None,
            },
        ]
    );
    assert_eq!(plan.unchanged, 2);
    assert_eq!(
        plan.conflicts[0].to_string(),
        "1.1.3: 1 in the inspection, 3 in the file"
    );
    assert_eq!(
        plan.conflicts[1].to_string(),
        "1.1.4.1: 0 in the inspection, not assessed in the file"
    );

    // Nothing in the file: nothing to do.
    let empty = SelfAssessment {
        grades: BTreeMap::new(),
        ..sa.clone()
    };
    let plan = self_assessment::plan(&answers, &empty);
    assert!(plan.changes.is_empty() && plan.conflicts.is_empty());
    assert_eq!(plan.unchanged, 0);

    // Nothing recorded yet: every graded standard is a change, none a conflict.
    let plan = self_assessment::plan(&Answers::default(), &sa);
    assert_eq!(plan.changes.len(), 4);
    assert!(plan.conflicts.is_empty());
    assert_eq!(plan.unchanged, 2);
}

fn library_file(dir: &Path, name: &str, purpose: Purpose) -> Inspection {
    Inspection::create(
        &dir.join(name),
        catalogue(),
        &NewInspection {
            model: ModelId::Full,
            centre_name: CENTRE_NAME.into(),
            expert: "Петренко П. П.".into(),
            visit_date: None,
            purpose,
        },
    )
    .expect("create")
}

#[test]
fn library_export_read_and_import_round_trip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cat = catalogue();
    let mut own = library_file(dir.path(), "own.akredit", Purpose::SelfAssessment);
    own.apply(&[
        Change::Grade {
            code: code("1.1.1.1"),
            column: Column::SelfAssessment,
            grade: Some(3),
        },
        Change::Grade {
            code: code("1.1.3"),
            column: Column::SelfAssessment,
            grade: Some(1),
        },
        Change::Note {
            code: code("1.1.3"),
            text: "Наказ № 12".into(),
        },
    ])
    .expect("apply");
    let home = Home::at(dir.path().join("home"));
    let id = Identity::create(&home, "Центр").expect("key");
    let signed = self_assessment::export_self(&own, Some(&id), "2026-11-20T10:00:00.000Z")
        .expect("export_self");
    assert_eq!(signed.graded, 2);
    assert_eq!(signed.standards, 235);
    assert_eq!(
        signed.fingerprint.as_deref(),
        Some(id.fingerprint().as_str())
    );
    let sa = self_assessment::read(&signed.bytes, &cat, ModelId::Full).expect("read");
    assert_eq!(
        sa.provenance,
        Provenance::Signed {
            signer: "Центр".into(),
            fingerprint: id.fingerprint(),
        }
    );
    assert_eq!(sa.centre_name.as_deref(), Some(CENTRE_NAME));
    assert_eq!(sa.grades.len(), 235);
    assert_eq!(sa.grades[&code("1.1.3")], Some(1));
    assert_eq!(sa.notes, 1);
    assert!(matches!(
        self_assessment::read(&signed.bytes, &cat, ModelId::Sanitary),
        Err(SelfError::OtherModel { .. })
    ));

    let unsigned =
        self_assessment::export_self(&own, None, "2026-11-20T10:00:00.000Z").expect("unsigned");
    assert_eq!(unsigned.fingerprint, None);
    assert_eq!(
        self_assessment::read(&unsigned.bytes, &cat, ModelId::Full)
            .expect("read")
            .provenance,
        Provenance::Unsigned
    );

    // An expert's inspection is not exported as a self-assessment, and nothing is
    // imported into a centre's own file.
    let mut expert = library_file(dir.path(), "expert.akredit", Purpose::Inspection);
    assert!(matches!(
        self_assessment::export_self(&expert, None, "2026-11-20T10:00:00.000Z"),
        Err(SelfError::NotASelfAssessmentFile)
    ));
    assert!(matches!(
        self_assessment::import(&mut own, &sa, true),
        Err(self_assessment::ImportError::SelfAssessment(
            SelfError::ImportIntoSelfAssessment
        ))
    ));

    // Import, then a conflicting re-import refused without replace, applied with it.
    let plan = self_assessment::import(&mut expert, &sa, false).expect("import");
    assert_eq!(plan.changes.len(), 2);
    assert_eq!(expert.answers().get(&code("1.1.3")).self_grade, Some(1));
    expert
        .apply(&[Change::Grade {
            code: code("1.1.3"),
            column: Column::SelfAssessment,
            grade: Some(2),
        }])
        .expect("by hand");
    let before = expert.answers().clone();
    match self_assessment::import(&mut expert, &sa, false) {
        Err(self_assessment::ImportError::SelfAssessment(SelfError::WouldReplace(c))) => {
            assert_eq!(
                c,
                vec![Conflict {
                    code: code("1.1.3"),
                    current: 2,
                    imported: Some(1),
                }]
            );
        }
        other => panic!("expected WouldReplace, got {other:?}"),
    }
    assert_eq!(expert.answers(), &before);
    let plan = self_assessment::import(&mut expert, &sa, true).expect("replace");
    assert_eq!(plan.conflicts.len(), 1);
    assert_eq!(expert.answers().get(&code("1.1.3")).self_grade, Some(1));
}

#[test]
fn every_single_byte_flip_of_a_signed_self_assessment_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cat = catalogue();
    let mut own = library_file(dir.path(), "own.akredit", Purpose::SelfAssessment);
    own.apply(&[Change::Grade {
        code: code("1.1.3"),
        column: Column::SelfAssessment,
        grade: Some(2),
    }])
    .expect("apply");
    let home = Home::at(dir.path().join("home"));
    let id = Identity::create(&home, "Центр").expect("key");
    let bytes = self_assessment::export_self(&own, Some(&id), "2026-11-20T10:00:00.000Z")
        .expect("export_self")
        .bytes;
    assert!(self_assessment::read(&bytes, &cat, ModelId::Full).is_ok());
    let mut accepted = Vec::new();
    for i in 0..bytes.len() {
        let mut tampered = bytes.clone();
        tampered[i] ^= 0x01;
        if self_assessment::read(&tampered, &cat, ModelId::Full).is_ok() {
            accepted.push(i);
        }
    }
    assert!(
        accepted.is_empty(),
        "{} of {} flips were accepted, first at byte {:?}: {:?}",
        accepted.len(),
        bytes.len(),
        accepted.first(),
        accepted.first().map(|&i| String::from_utf8_lossy(
            &bytes[i.saturating_sub(30)..(i + 30).min(bytes.len())]
        )
        .into_owned())
    );
}
