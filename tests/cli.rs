//! Integration tests of the `akredit` command line: every test runs the built binary in a
//! fresh temporary directory, with `AKREDIT_HOME` pointing into that directory.
//!
//! A refused command must exit with status 1, say what was wrong on stderr, and leave the
//! inspection file (and the rest of the directory) byte-identical.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tempfile::TempDir;

const BUILTIN_CATALOGUE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/standards/order-169.json");

mod common;
use common::Run;

/// A temporary working directory with its own `AKREDIT_HOME`.
struct Env {
    dir: TempDir,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::create_dir(dir.path().join("work")).expect("work dir");
        fs::create_dir(dir.path().join("home")).expect("home dir");
        Env { dir }
    }

    /// The directory commands run in; relative file names are resolved here.
    fn work(&self) -> PathBuf {
        self.dir.path().join("work")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.work().join(name)
    }

    fn run(&self, args: &[&str]) -> Run {
        Run::of(args, &self.work(), &self.dir.path().join("home"))
    }

    /// Runs a command that must succeed.
    fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        assert!(
            run.status.success(),
            "akredit {args:?} failed:\n{}",
            run.describe()
        );
        run
    }

    /// Creates an inspection `name` of `model` with the built-in catalogue.
    fn create(&self, name: &str, model: &str) -> PathBuf {
        self.ok(&[
            "new",
            name,
            "--model",
            model,
            "--centre",
            "Полтавський обласний центр здоров'я",
            "--expert",
            "Іваненко І. І.",
            "--visit-date",
            "2026-11-23",
        ]);
        let path = self.path(name);
        assert!(path.is_file(), "{} was not created", path.display());
        path
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

    /// Runs a command that must be refused: exit status 1, `fragment` on stderr, nothing
    /// saved, `file` byte-identical (or still absent) and nothing else in the directory
    /// created, removed or changed.
    fn assert_refused(&self, file: &str, args: &[&str], fragment: &str) -> Run {
        let path = self.path(file);
        let before = fs::read(&path).ok();
        let existed = path.exists();
        let dir_before = self.snapshot();
        let run = self.run(args);
        assert_eq!(
            run.status.code(),
            Some(1),
            "akredit {args:?} should be refused with status 1:\n{}",
            run.describe()
        );
        assert!(
            run.stderr.contains(fragment),
            "akredit {args:?}: stderr should contain {fragment:?}:\n{}",
            run.describe()
        );
        assert!(
            !run.stdout.contains("saved"),
            "akredit {args:?} was refused but reports something saved:\n{}",
            run.describe()
        );
        assert_eq!(
            path.exists(),
            existed,
            "akredit {args:?} created or removed {file}"
        );
        assert!(
            fs::read(&path).ok() == before,
            "akredit {args:?} was refused but changed the bytes of {file}"
        );
        let dir_after = self.snapshot();
        assert!(
            dir_after == dir_before,
            "akredit {args:?} was refused but changed the directory: before {:?}, after {:?}",
            dir_before.keys().collect::<Vec<_>>(),
            dir_after.keys().collect::<Vec<_>>()
        );
        run
    }

    fn json(&self, args: &[&str]) -> Value {
        let run = self.ok(args);
        serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("akredit {args:?} printed no JSON ({e}):\n{}", run.stdout))
    }

    fn summary(&self, file: &str) -> Value {
        self.json(&["summary", file, "--json"])
    }

    fn history(&self, file: &str, code: Option<&str>) -> Vec<Value> {
        let mut args = vec!["history", file];
        args.extend(code);
        args.push("--json");
        match self.json(&args) {
            Value::Array(rows) => rows,
            other => panic!("history --json is not an array: {other}"),
        }
    }

    /// `akredit catalogue --json` with the built-in catalogue.
    fn catalogue(&self) -> Value {
        self.json(&["catalogue", "--json"])
    }

    /// Writes a catalogue file into the working directory.
    fn write_catalogue(&self, name: &str, catalogue: &Value) -> PathBuf {
        let path = self.path(name);
        fs::write(
            &path,
            serde_json::to_string_pretty(catalogue).expect("json"),
        )
        .expect("write");
        path
    }
}

/// The built-in catalogue file, parsed (the file's schema, not `catalogue --json`'s).
fn builtin_catalogue_file() -> Value {
    serde_json::from_str(&fs::read_to_string(BUILTIN_CATALOGUE).expect("read catalogue"))
        .expect("catalogue JSON")
}

fn model_codes(catalogue: &Value, model: &str) -> Vec<(String, String)> {
    catalogue["standards"]
        .as_array()
        .expect("standards")
        .iter()
        .filter(|s| {
            s["models"]
                .as_array()
                .expect("models")
                .iter()
                .any(|m| m == model)
        })
        .map(|s| {
            (
                s["code"].as_str().expect("code").to_string(),
                s["scale"].as_str().expect("scale").to_string(),
            )
        })
        .collect()
}

fn codes_of_scale<'a>(codes: &'a [(String, String)], scale: &str) -> Vec<&'a str> {
    codes
        .iter()
        .filter(|(_, s)| s == scale)
        .map(|(c, _)| c.as_str())
        .collect()
}

/// Runs `score FILE CODE=GRADE…` in batches of at most 60 arguments.
fn score_all(env: &Env, file: &str, grades: &[String]) {
    for chunk in grades.chunks(60) {
        let mut args = vec!["score", file];
        args.extend(chunk.iter().map(String::as_str));
        env.ok(&args);
    }
}

/// Grades every standard of the full model 3 and returns the model's (code, scale) pairs.
fn full_marks(env: &Env, file: &str) -> Vec<(String, String)> {
    let codes = model_codes(&env.catalogue(), "full");
    assert_eq!(codes.len(), 235);
    let grades: Vec<String> = codes.iter().map(|(c, _)| format!("{c}=3")).collect();
    score_all(env, file, &grades);
    let s = env.summary(file);
    assert_eq!(s["commission"]["points"], 705);
    assert_eq!(s["commission"]["scored"], 235);
    assert_eq!(s["complete"], true);
    codes
}

fn totals(summary: &Value) -> (u64, u64, String, String) {
    (
        summary["commission"]["points"].as_u64().expect("points"),
        summary["max_points"].as_u64().expect("max_points"),
        summary["commission"]["percent"]
            .as_str()
            .expect("percent")
            .to_string(),
        summary["commission"]["category"]
            .as_str()
            .expect("category")
            .to_string(),
    )
}

fn t(points: u64, max: u64, percent: &str, category: &str) -> (u64, u64, String, String) {
    (points, max, percent.to_string(), category.to_string())
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction]Z`.
fn is_rfc3339_utc(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() < 20 || !text.ends_with('Z') {
        return false;
    }
    let base = digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19);
    let rest = &b[19..b.len() - 1];
    base && (rest.is_empty()
        || (rest[0] == b'.' && rest.len() > 1 && rest[1..].iter().all(u8::is_ascii_digit)))
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The last grade history recorded for `code` in `field`.
fn last_value(history: &[Value], code: &str, field: &str) -> Value {
    history
        .iter()
        .rev()
        .find(|r| r["code"] == code && r["field"] == field)
        .map(|r| r["new"].clone())
        .unwrap_or_else(|| panic!("no {field} history for {code}"))
}

// ---------------------------------------------------------------------------------------
// catalogue

#[test]
fn catalogue_json_has_the_orders_totals_and_shape() {
    let env = Env::new();
    let c = env.catalogue();

    assert_eq!(c["id"], "moz-ua-169-2000");
    let sha = c["sha256"].as_str().expect("sha256");
    assert_eq!(sha.len(), 64, "{sha}");
    assert!(sha.bytes().all(|b| b.is_ascii_hexdigit()), "{sha}");
    assert_eq!(
        sha,
        sha256_hex(&fs::read(BUILTIN_CATALOGUE).expect("read")),
        "sha256 is the hash of the built-in catalogue file's bytes"
    );

    let models = c["models"].as_array().expect("models");
    let model = |id: &str| {
        models
            .iter()
            .find(|m| m["id"] == id)
            .unwrap_or_else(|| panic!("no model {id}"))
    };
    assert_eq!(models.len(), 2);
    assert_eq!(model("sanitary")["standards"], 191);
    assert_eq!(model("sanitary")["max_points"], 573);
    assert_eq!(model("full")["standards"], 235);
    assert_eq!(model("full")["max_points"], 705);
    assert!(!model("full")["title"].as_str().expect("title").is_empty());

    let groups = c["groups"].as_array().expect("groups");
    let group_codes: Vec<&str> = groups
        .iter()
        .map(|g| g["code"].as_str().expect("code"))
        .collect();
    assert_eq!(
        group_codes,
        [
            "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9", "1.10", "2.1", "2.2",
            "2.3", "2.4"
        ]
    );
    for g in groups {
        let code = g["code"].as_str().expect("code");
        assert_eq!(g["section"], code.split('.').next().expect("section"));
        assert!(!g["title"].as_str().expect("title").is_empty(), "{g}");
    }

    let standards = c["standards"].as_array().expect("standards");
    let mut seen = BTreeSet::new();
    for s in standards {
        let code = s["code"].as_str().expect("code");
        assert!(seen.insert(code.to_string()), "{code} listed twice");
        let group = s["group"].as_str().expect("group");
        assert!(
            group_codes.contains(&group),
            "{code}: unknown group {group}"
        );
        assert!(
            code == group || code.starts_with(&format!("{group}.")),
            "{code} is not under its group {group}"
        );
        let expected: &[u64] = match s["scale"].as_str().expect("scale") {
            "two" => &[0, 3],
            "four" | "unspecified" => &[0, 1, 2, 3],
            other => panic!("{code}: unknown scale {other}"),
        };
        let grades: Vec<u64> = s["grades"]
            .as_array()
            .expect("grades")
            .iter()
            .map(|g| g.as_u64().expect("grade"))
            .collect();
        assert_eq!(grades, expected, "{code}: grades do not match its scale");
        for key in s["criteria"].as_object().expect("criteria").keys() {
            let g: u64 = key.parse().expect("criterion key is a grade");
            assert!(expected.contains(&g), "{code}: criterion for grade {g}");
        }
        assert!(s["wording_in_source"].is_boolean(), "{code}");
        assert!(
            !s["models"].as_array().expect("models").is_empty(),
            "{code}"
        );
    }

    let full: BTreeSet<String> = model_codes(&c, "full").into_iter().map(|p| p.0).collect();
    let sanitary: BTreeSet<String> = model_codes(&c, "sanitary")
        .into_iter()
        .map(|p| p.0)
        .collect();
    assert_eq!(full.len(), 235);
    assert_eq!(sanitary.len(), 191);
    assert!(
        sanitary.is_subset(&full),
        "sanitary ⊄ full: {:?}",
        sanitary.difference(&full)
    );
    assert!(full.contains("1.8.1") && !sanitary.contains("1.8.1"));

    let headings = c["headings"].as_array().expect("headings");
    let heading_codes: Vec<&str> = headings
        .iter()
        .map(|h| h["code"].as_str().expect("code"))
        .collect();
    assert!(heading_codes.contains(&"1.1.4") && heading_codes.contains(&"1.2.7.1"));
    for h in &heading_codes {
        assert!(!seen.contains(*h), "{h} is both a heading and a standard");
    }

    let presets = c["presets"].as_array().expect("presets");
    let preset = presets
        .iter()
        .find(|p| p["id"] == "no-self-financed")
        .expect("preset no-self-financed");
    assert!(!preset["title"].as_str().expect("title").is_empty());
    let preset_codes: Vec<&str> = preset["codes"]
        .as_array()
        .expect("codes")
        .iter()
        .map(|c| c.as_str().expect("code"))
        .collect();
    assert!(preset_codes.contains(&"1.1.1.5"), "{preset_codes:?}");
    for code in &preset_codes {
        assert!(full.contains(*code), "preset code {code} is not a standard");
    }

    let documents = c["documents"].as_array().expect("documents");
    assert_eq!(documents.len(), 13);
    for (i, d) in documents.iter().enumerate() {
        assert_eq!(d["number"], i + 1);
    }
}

#[test]
fn catalogue_text_names_both_models() {
    let env = Env::new();
    let run = env.ok(&["catalogue"]);
    assert!(
        run.stdout.contains("191 standards, 573 points"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("235 standards, 705 points"),
        "{}",
        run.stdout
    );
}

// ---------------------------------------------------------------------------------------
// new

#[test]
fn new_creates_an_empty_inspection_of_either_model() {
    let env = Env::new();
    let run = env.ok(&["new", "f.akredit", "--model", "full", "--centre", "Центр"]);
    assert!(run.stdout.contains("235 standards"), "{}", run.stdout);
    env.create("s.akredit", "sanitary");

    let full = env.summary("f.akredit");
    assert_eq!(full["model"], "full");
    assert_eq!(
        (&full["standards"], &full["applicable"]),
        (&235.into(), &235.into())
    );
    assert_eq!(full["max_points"], 705);
    assert_eq!(full["not_applicable"], 0);
    assert_eq!(full["complete"], false);
    assert_eq!(full["commission"]["scored"], 0);
    assert_eq!(full["commission"]["unscored"], 235);
    assert_eq!(full["commission"]["points"], 0);
    assert_eq!(full["commission"]["percent"], "0.0");
    assert_eq!(full["commission"]["category"], "none");
    assert_eq!(full["commission"]["best_category"], "higher");
    assert_eq!(full["groups"].as_array().expect("groups").len(), 14);

    let san = env.summary("s.akredit");
    assert_eq!(san["model"], "sanitary");
    assert_eq!(san["standards"], 191);
    assert_eq!(san["max_points"], 573);
    let groups = san["groups"].as_array().expect("groups");
    assert_eq!(groups.len(), 13, "group 1.8 has no sanitary standard");
    assert!(groups.iter().all(|g| g["code"] != "1.8"));

    let text = env.ok(&["summary", "s.akredit"]);
    assert!(
        text.stdout.contains("Полтавський обласний центр здоров'я"),
        "{}",
        text.stdout
    );
}

#[test]
fn new_never_overwrites_an_existing_file() {
    let env = Env::new();
    fs::write(env.path("precious.akredit"), b"precious bytes").expect("write");
    env.assert_refused(
        "precious.akredit",
        &[
            "new",
            "precious.akredit",
            "--model",
            "full",
            "--centre",
            "X",
        ],
        "already exists",
    );
    assert_eq!(
        fs::read(env.path("precious.akredit")).expect("read"),
        b"precious bytes"
    );

    // An existing inspection is not replaced either.
    env.create("a.akredit", "full");
    env.ok(&["score", "a.akredit", "1.1.3=2"]);
    env.assert_refused(
        "a.akredit",
        &["new", "a.akredit", "--model", "sanitary", "--centre", "Y"],
        "already exists",
    );
    let s = env.summary("a.akredit");
    assert_eq!(
        (&s["model"], &s["commission"]["points"]),
        (&"full".into(), &2.into())
    );
}

#[test]
fn new_refuses_a_bad_model_date_or_centre_and_leaves_no_file() {
    let env = Env::new();
    env.assert_refused(
        "x.akredit",
        &["new", "x.akredit", "--model", "hospital", "--centre", "X"],
        "unknown model",
    );
    for date in [
        "2026-02-30",
        "23.11.2026",
        "2026-13-01",
        "2026-1-5",
        "tomorrow",
    ] {
        env.assert_refused(
            "x.akredit",
            &[
                "new",
                "x.akredit",
                "--model",
                "full",
                "--centre",
                "X",
                "--visit-date",
                date,
            ],
            "is not a date",
        );
    }
    env.assert_refused(
        "x.akredit",
        &["new", "x.akredit", "--model", "full", "--centre", "   "],
        "centre",
    );
    assert!(!env.path("x.akredit").exists());
    // A leap day is a date.
    env.ok(&[
        "new",
        "x.akredit",
        "--model",
        "full",
        "--centre",
        "X",
        "--visit-date",
        "2024-02-29",
    ]);
}

// ---------------------------------------------------------------------------------------
// score

#[test]
fn score_accepts_digits_and_the_orders_letters() {
    let env = Env::new();
    env.create("a.akredit", "full");
    env.ok(&[
        "score",
        "a.akredit",
        "1.1.1.1=В",
        "1.1.1.2=Н",
        "1.1.1.3=3",
        "1.1.3=НВ",
        "1.1.4.1=МВ",
        "1.1.4.5=ПВ",
        "1.1.4.6=Н",
        "1.1.4.7=2",
        "2.3.4.5=1",
    ]);
    let h = env.history("a.akredit", None);
    for (code, grade) in [
        ("1.1.1.1", "3"),
        ("1.1.1.2", "0"),
        ("1.1.1.3", "3"),
        ("1.1.3", "2"),
        ("1.1.4.1", "1"),
        ("1.1.4.5", "3"),
        ("1.1.4.6", "0"),
        ("1.1.4.7", "2"),
        ("2.3.4.5", "1"),
    ] {
        assert_eq!(last_value(&h, code, "commission"), grade, "{code}");
    }
    let s = env.summary("a.akredit");
    assert_eq!(s["commission"]["points"], 3 + 3 + 2 + 1 + 3 + 2 + 1);
    assert_eq!(s["commission"]["scored"], 9);
}

#[test]
fn score_accepts_latin_look_alike_letters() {
    let env = Env::new();
    env.create("a.akredit", "full");
    // Latin H, B and M typed for Cyrillic Н, В and М.
    env.ok(&[
        "score",
        "a.akredit",
        "1.1.1.1=B",
        "1.1.1.2=H",
        "1.1.3=HB",
        "1.1.4.1=MB",
    ]);
    let h = env.history("a.akredit", None);
    assert_eq!(last_value(&h, "1.1.1.1", "commission"), "3");
    assert_eq!(last_value(&h, "1.1.1.2", "commission"), "0");
    assert_eq!(last_value(&h, "1.1.3", "commission"), "2");
    assert_eq!(last_value(&h, "1.1.4.1", "commission"), "1");
    assert_eq!(env.summary("a.akredit")["commission"]["points"], 6);
}

#[test]
fn dash_clears_a_grade() {
    let env = Env::new();
    env.create("a.akredit", "full");
    env.ok(&["score", "a.akredit", "1.1.3=2", "1.1.1.1=3"]);
    env.ok(&["score", "a.akredit", "1.1.3=-"]);
    let s = env.summary("a.akredit");
    assert_eq!(s["commission"]["scored"], 1);
    assert_eq!(s["commission"]["points"], 3);
}

#[test]
fn self_assessment_is_a_separate_column() {
    let env = Env::new();
    env.create("a.akredit", "full");
    env.ok(&["score", "a.akredit", "1.1.3=2", "1.1.1.1=В", "--self"]);
    let s = env.summary("a.akredit");
    assert_eq!(s["self"]["points"], 5);
    assert_eq!(s["self"]["scored"], 2);
    assert_eq!(s["commission"]["points"], 0);
    assert_eq!(s["commission"]["scored"], 0);
    let g = &s["groups"][0];
    assert_eq!(g["code"], "1.1");
    assert_eq!(g["self"]["points"], 5);
    assert_eq!(g["commission"]["points"], 0);

    env.ok(&["score", "a.akredit", "1.1.3=1"]);
    let s = env.summary("a.akredit");
    assert_eq!(
        (&s["commission"]["points"], &s["self"]["points"]),
        (&1.into(), &5.into())
    );

    // Clearing the self-assessment leaves the commission's grade.
    env.ok(&["score", "a.akredit", "--self", "1.1.3=-"]);
    let s = env.summary("a.akredit");
    assert_eq!(
        (&s["commission"]["points"], &s["self"]["points"]),
        (&1.into(), &3.into())
    );
    let h = env.history("a.akredit", Some("1.1.3"));
    let fields: Vec<&str> = h
        .iter()
        .map(|r| r["field"].as_str().expect("field"))
        .collect();
    assert_eq!(fields, ["self", "commission", "self"]);
}

// ---------------------------------------------------------------------------------------
// refusals

#[test]
fn codes_that_are_not_standards_of_the_inspection_are_refused() {
    let env = Env::new();
    env.create("f.akredit", "full");
    env.create("s.akredit", "sanitary");
    env.ok(&["score", "f.akredit", "1.1.1.1=3"]);
    env.ok(&["score", "s.akredit", "1.1.1.1=3"]);

    let cases: &[(&str, &str, &str)] = &[
        ("f.akredit", "9.9.9", "9.9.9 is not a code of the catalogue"),
        ("s.akredit", "1.8.1", "not counted in the sanitary model"),
        ("s.akredit", "2.4.2.1", "not counted in the sanitary model"),
        ("f.akredit", "1.1.4", "1.1.4 is a heading"),
        ("f.akredit", "1.2.7.1", "1.2.7.1 is a heading"),
        ("f.akredit", "1.3.5", "Table 1 does not count it"),
        ("f.akredit", "1.1", "1.1 is a group"),
    ];
    for &(file, code, fragment) in cases {
        for grade in ["3", "0", "-"] {
            let arg = format!("{code}={grade}");
            env.assert_refused(file, &["score", file, &arg], fragment);
            env.assert_refused(file, &["score", file, &arg, "--self"], fragment);
        }
        env.assert_refused(
            file,
            &["na", file, code, "--reason", "не проводиться"],
            fragment,
        );
        env.assert_refused(file, &["na", file, code, "--clear"], fragment);
        env.assert_refused(file, &["note", file, code, "примітка"], fragment);
    }
    // Not a code at all.
    env.assert_refused(
        "f.akredit",
        &["score", "f.akredit", "abc=3"],
        "not a standard code",
    );
    env.assert_refused(
        "f.akredit",
        &["score", "f.akredit", "1.1.3"],
        "not CODE=GRADE",
    );
}

#[test]
fn grades_outside_the_scale_are_refused() {
    let env = Env::new();
    env.create("a.akredit", "full");
    env.ok(&["score", "a.akredit", "1.1.1.1=3", "1.1.3=2"]);

    let run = env.assert_refused("a.akredit", &["score", "a.akredit", "1.1.1.1=1"], "1.1.1.1");
    assert!(run.stderr.contains("0 (Н), 3 (В)"), "{}", run.stderr);
    env.assert_refused(
        "a.akredit",
        &["score", "a.akredit", "1.1.1.1=2"],
        "0 (Н), 3 (В)",
    );
    env.assert_refused(
        "a.akredit",
        &["score", "a.akredit", "1.1.1.1=МВ"],
        "0 (Н), 3 (В)",
    );
    env.assert_refused(
        "a.akredit",
        &["score", "a.akredit", "1.1.1.1=ПВ"],
        "0 (Н), 3 (В)",
    );
    env.assert_refused(
        "a.akredit",
        &["score", "a.akredit", "--self", "1.1.1.1=1"],
        "0 (Н), 3 (В)",
    );

    for grade in ["В", "B", "4", "-1", "", "x"] {
        let arg = format!("1.1.3={grade}");
        env.assert_refused(
            "a.akredit",
            &["score", "a.akredit", &arg],
            "0 (Н), 1 (МВ), 2 (НВ), 3 (ПВ)",
        );
    }
    // Unspecified scale: 0–3 only.
    env.assert_refused("a.akredit", &["score", "a.akredit", "2.3.4.5=4"], "2.3.4.5");

    let s = env.summary("a.akredit");
    assert_eq!(
        s["commission"]["points"], 5,
        "the earlier grades are untouched"
    );
}

#[test]
fn a_batch_with_one_bad_item_applies_nothing() {
    let env = Env::new();
    env.create("a.akredit", "full");
    let bad_batches: &[(&[&str], &str)] = &[
        (&["1.1.1.1=3", "1.1.3=2", "9.9.9=3"], "9.9.9"),
        (&["1.1.1.1=3", "1.1.1.2=1", "1.1.3=2"], "1.1.1.2"),
        (&["1.1.1.1=3", "1.1.4=3", "1.1.3=2"], "heading"),
        (&["1.1.1.1=3", "1.1.3=В"], "1.1.3"),
        (&["1.1.1.1=3", "1.3.5=3"], "1.3.5"),
    ];
    for (grades, fragment) in bad_batches {
        let mut args = vec!["score", "a.akredit"];
        args.extend_from_slice(grades);
        env.assert_refused("a.akredit", &args, fragment);
    }
    env.assert_refused(
        "a.akredit",
        &["na", "a.akredit", "1.1.1.5", "1.1.4", "--reason", "немає"],
        "1.1.4 is a heading",
    );
    let s = env.summary("a.akredit");
    assert_eq!(s["commission"]["scored"], 0);
    assert_eq!(s["not_applicable"], 0);
    // Only the centre's name is in the history.
    assert_eq!(env.history("a.akredit", None).len(), 1);
}

#[test]
fn not_applicable_needs_a_reason() {
    let env = Env::new();
    env.create("a.akredit", "full");
    env.assert_refused(
        "a.akredit",
        &["na", "a.akredit", "1.1.1.5"],
        "needs a reason",
    );
    env.assert_refused(
        "a.akredit",
        &["na", "a.akredit", "1.1.1.5", "--reason", "   "],
        "needs a reason",
    );
    env.assert_refused(
        "a.akredit",
        &["na", "a.akredit", "--reason", "x"],
        "name the standards",
    );
    env.assert_refused(
        "a.akredit",
        &["na", "a.akredit", "--preset", "no-such-preset"],
        "no-self-financed",
    );
    assert_eq!(env.summary("a.akredit")["not_applicable"], 0);
}

/// Runs the usual commands against `file` and checks each is refused with `fragment`.
fn assert_every_command_refused(env: &Env, file: &str, fragment: &str) {
    let commands: &[&[&str]] = &[
        &["score", file, "1.1.1.1=3"],
        &["score", file, "1.1.3=2", "--self"],
        &["na", file, "1.1.1.5", "--reason", "немає"],
        &["na", file, "--preset", "no-self-financed"],
        &["note", file, "1.1.3", "текст"],
        &["summary", file],
        &["summary", file, "--json"],
        &["history", file],
        &["history", file, "--json"],
        &["show", file],
    ];
    for args in commands {
        env.assert_refused(file, args, fragment);
    }
}

#[test]
fn a_missing_file_is_refused_and_not_created() {
    let env = Env::new();
    assert_every_command_refused(&env, "missing.akredit", "no such file");
    assert!(!env.path("missing.akredit").exists());
}

#[test]
fn an_empty_file_is_refused() {
    let env = Env::new();
    fs::write(env.path("empty.akredit"), b"").expect("write");
    assert_every_command_refused(&env, "empty.akredit", "empty");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused() {
    let env = Env::new();
    // Deterministic pseudo-random bytes.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..8192)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    fs::write(env.path("random.akredit"), &bytes).expect("write");
    assert_every_command_refused(&env, "random.akredit", "not an SQLite database");
    fs::write(env.path("short.akredit"), b"SQLite").expect("write");
    assert_every_command_refused(&env, "short.akredit", "not an SQLite database");
}

#[test]
fn an_sqlite_database_of_another_program_is_refused() {
    let env = Env::new();
    let conn = rusqlite::Connection::open(env.path("other.db")).expect("open");
    conn.execute_batch(
        "CREATE TABLE answer (code TEXT, commission INTEGER);
         INSERT INTO answer VALUES ('1.1.1.1', 3);",
    )
    .expect("sql");
    drop(conn);
    assert_every_command_refused(&env, "other.db", "another program");
}

#[test]
fn an_inspection_of_a_newer_akredit_is_refused() {
    let env = Env::new();
    let conn = rusqlite::Connection::open(env.path("newer.akredit")).expect("open");
    // akredit's application_id ("AKRD"), but a schema version from the future.
    conn.execute_batch(&format!(
        "PRAGMA application_id = {}; PRAGMA user_version = 99;
         CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);",
        0x414B_5244
    ))
    .expect("sql");
    drop(conn);
    assert_every_command_refused(&env, "newer.akredit", "newer akredit");
}

#[test]
fn a_truncated_inspection_is_refused() {
    let env = Env::new();
    let path = env.create("a.akredit", "full");
    let bytes = fs::read(&path).expect("read");
    fs::write(env.path("cut.akredit"), &bytes[..2048]).expect("write");
    assert_every_command_refused(&env, "cut.akredit", "damaged");
}

#[test]
fn a_directory_is_refused() {
    let env = Env::new();
    fs::create_dir(env.path("folder.akredit")).expect("mkdir");
    fs::write(env.path("folder.akredit/inside.txt"), b"keep").expect("write");
    assert_every_command_refused(&env, "folder.akredit", "folder");
    env.assert_refused(
        "folder.akredit",
        &["new", "folder.akredit", "--model", "full", "--centre", "X"],
        "already exists",
    );
}

// ---------------------------------------------------------------------------------------
// na and note

#[test]
fn na_with_a_reason_lowers_the_maximum_and_clear_restores_it() {
    let env = Env::new();
    env.create("a.akredit", "full");
    env.ok(&[
        "na",
        "a.akredit",
        "1.1.4.4",
        "1.1.6",
        "--reason",
        "Платних послуг не надає",
    ]);
    let s = env.summary("a.akredit");
    assert_eq!(s["applicable"], 233);
    assert_eq!(s["not_applicable"], 2);
    assert_eq!(s["max_points"], 699);
    assert_eq!(s["groups"][0]["max_points"], 81);
    let h = env.history("a.akredit", Some("1.1.4.4"));
    assert_eq!(h.len(), 1);
    assert_eq!(h[0]["field"], "na");
    assert_eq!(h[0]["new"], "Платних послуг не надає");

    env.ok(&["na", "a.akredit", "1.1.6", "--clear"]);
    let s = env.summary("a.akredit");
    assert_eq!(
        (&s["not_applicable"], &s["max_points"]),
        (&1.into(), &702.into())
    );
    let h = env.history("a.akredit", Some("1.1.6"));
    assert_eq!(h.last().expect("row")["new"], Value::Null);
}

#[test]
fn the_no_self_financed_preset_drops_its_standards() {
    let env = Env::new();
    env.create("f.akredit", "full");
    env.create("s.akredit", "sanitary");
    let preset = env.catalogue()["presets"]
        .as_array()
        .expect("presets")
        .iter()
        .find(|p| p["id"] == "no-self-financed")
        .expect("preset")
        .clone();
    let codes: Vec<String> = preset["codes"]
        .as_array()
        .expect("codes")
        .iter()
        .map(|c| c.as_str().expect("code").to_string())
        .collect();
    let sanitary: BTreeSet<String> = model_codes(&env.catalogue(), "sanitary")
        .into_iter()
        .map(|p| p.0)
        .collect();
    let in_sanitary = codes.iter().filter(|c| sanitary.contains(*c)).count();
    assert!(
        in_sanitary < codes.len(),
        "the preset names a full-only standard"
    );

    env.ok(&["na", "f.akredit", "--preset", "no-self-financed"]);
    let s = env.summary("f.akredit");
    assert_eq!(s["not_applicable"], codes.len());
    assert_eq!(s["max_points"], 705 - 3 * codes.len() as u64);
    for code in &codes {
        let h = env.history("f.akredit", Some(code));
        assert_eq!(h.len(), 1, "{code}");
        assert_eq!(h[0]["field"], "na");
        assert!(
            h[0]["new"]
                .as_str()
                .expect("reason")
                .contains("no-self-financed")
        );
    }

    let run = env.ok(&["na", "s.akredit", "--preset", "no-self-financed"]);
    assert!(
        run.stdout.contains("not in the sanitary model"),
        "{}",
        run.stdout
    );
    let s = env.summary("s.akredit");
    assert_eq!(s["not_applicable"], in_sanitary);
    assert_eq!(s["max_points"], 573 - 3 * in_sanitary as u64);

    env.ok(&["na", "f.akredit", "--preset", "no-self-financed", "--clear"]);
    let s = env.summary("f.akredit");
    assert_eq!(
        (&s["not_applicable"], &s["max_points"]),
        (&0.into(), &705.into())
    );
}

#[test]
fn notes_are_saved_shown_and_removed() {
    let env = Env::new();
    env.create("a.akredit", "full");
    env.ok(&["note", "a.akredit", "1.1.3", "Наказ про атестацію № 12"]);
    let show = env.ok(&["show", "a.akredit", "1.1.3"]);
    assert!(
        show.stdout.contains("note: Наказ про атестацію № 12"),
        "{}",
        show.stdout
    );
    env.ok(&["note", "a.akredit", "1.1.3", ""]);
    let show = env.ok(&["show", "a.akredit", "1.1.3"]);
    assert!(!show.stdout.contains("note:"), "{}", show.stdout);
    let h = env.history("a.akredit", Some("1.1.3"));
    assert_eq!(h.len(), 2);
    assert_eq!(h[0]["field"], "note");
    assert_eq!(h[0]["old"], Value::Null);
    assert_eq!(h[0]["new"], "Наказ про атестацію № 12");
    assert_eq!(h[1]["old"], "Наказ про атестацію № 12");
    assert_eq!(h[1]["new"], Value::Null);
}

// ---------------------------------------------------------------------------------------
// history

#[test]
fn history_records_every_change_with_utc_times() {
    let env = Env::new();
    env.create("a.akredit", "full");
    env.ok(&["score", "a.akredit", "1.1.3=2", "1.1.1.1=В"]);
    // Setting a value to what it already is records nothing and leaves the file alone.
    let before = fs::read(env.path("a.akredit")).expect("read");
    let run = env.ok(&["score", "a.akredit", "1.1.3=НВ"]);
    assert!(run.stdout.contains("nothing changed"), "{}", run.stdout);
    assert_eq!(fs::read(env.path("a.akredit")).expect("read"), before);
    env.ok(&["score", "a.akredit", "1.1.3=3"]);
    env.ok(&["score", "a.akredit", "1.1.3=-"]);
    env.ok(&[
        "na",
        "a.akredit",
        "1.1.1.5",
        "--reason",
        "немає госпрозрахунку",
    ]);
    env.ok(&["note", "a.akredit", "1.1.3", "перевірити"]);

    let h = env.history("a.akredit", None);
    let rows: Vec<(Value, Value, Value, Value)> = h
        .iter()
        .map(|r| {
            (
                r["code"].clone(),
                r["field"].clone(),
                r["old"].clone(),
                r["new"].clone(),
            )
        })
        .collect();
    let v = |s: &str| Value::from(s);
    assert_eq!(
        rows,
        [
            (
                Value::Null,
                v("centre_name"),
                Value::Null,
                v("Полтавський обласний центр здоров'я")
            ),
            (v("1.1.3"), v("commission"), Value::Null, v("2")),
            (v("1.1.1.1"), v("commission"), Value::Null, v("3")),
            (v("1.1.3"), v("commission"), v("2"), v("3")),
            (v("1.1.3"), v("commission"), v("3"), Value::Null),
            (
                v("1.1.1.5"),
                v("na"),
                Value::Null,
                v("немає госпрозрахунку")
            ),
            (v("1.1.3"), v("note"), Value::Null, v("перевірити")),
        ]
    );
    let mut last_id = 0;
    let mut last_at = String::new();
    for r in &h {
        let id = r["id"].as_i64().expect("id");
        assert!(id > last_id, "ids increase: {h:?}");
        last_id = id;
        let at = r["at"].as_str().expect("at");
        assert!(is_rfc3339_utc(at), "{at:?} is not RFC 3339 UTC");
        assert!(at >= last_at.as_str(), "times do not go backwards: {h:?}");
        last_at = at.to_string();
    }
    // One batch shares one time.
    assert_eq!(h[1]["at"], h[2]["at"]);

    let only = env.history("a.akredit", Some("1.1.3"));
    assert_eq!(only.len(), 4);
    assert!(only.iter().all(|r| r["code"] == "1.1.3"), "{only:?}");
    let subtree = env.history("a.akredit", Some("1.1.1"));
    let codes: Vec<&str> = subtree
        .iter()
        .map(|r| r["code"].as_str().expect("code"))
        .collect();
    assert_eq!(codes, ["1.1.1.1", "1.1.1.5"]);

    let text = env.ok(&["history", "a.akredit", "1.1.3"]);
    assert_eq!(text.stdout.lines().count(), 4, "{}", text.stdout);
    assert!(!text.stdout.contains("1.1.1.1"), "{}", text.stdout);
}

#[test]
fn history_of_an_unknown_code_is_refused() {
    let env = Env::new();
    env.create("a.akredit", "full");
    env.ok(&["score", "a.akredit", "1.1.3=2"]);
    env.assert_refused(
        "a.akredit",
        &["show", "a.akredit", "9.9.9"],
        "9.9.9 is not a code",
    );
    env.assert_refused(
        "a.akredit",
        &["history", "a.akredit", "9.9.9"],
        "9.9.9 is not a code",
    );
}

// ---------------------------------------------------------------------------------------
// summary and thresholds

#[test]
fn summary_json_has_the_documented_shape() {
    let env = Env::new();
    env.create("a.akredit", "full");
    env.ok(&["score", "a.akredit", "1.1.3=2", "1.2.1=3", "2.3.4.5=1"]);
    env.ok(&["na", "a.akredit", "1.1.1.5", "--reason", "немає"]);
    let s = env.summary("a.akredit");
    for key in [
        "model",
        "standards",
        "applicable",
        "not_applicable",
        "max_points",
        "complete",
        "commission",
        "self",
        "groups",
    ] {
        assert!(s.get(key).is_some(), "summary has no {key}: {s}");
    }
    for column in ["commission", "self"] {
        for key in [
            "scored",
            "unscored",
            "points",
            "percent",
            "category",
            "best_category",
        ] {
            assert!(s[column].get(key).is_some(), "{column} has no {key}: {s}");
        }
    }
    assert_eq!(s["commission"]["scored"], 3);
    assert_eq!(s["commission"]["unscored"], 231);
    assert_eq!(s["commission"]["points"], 6);
    assert_eq!(s["max_points"], 702);
    assert_eq!(s["commission"]["percent"], "0.8", "6/702 = 0.85 %, floored");

    let groups = s["groups"].as_array().expect("groups");
    assert_eq!(groups.len(), 14);
    let sum = |key: &dyn Fn(&Value) -> u64| groups.iter().map(key).sum::<u64>();
    assert_eq!(sum(&|g| g["max_points"].as_u64().expect("max")), 702);
    assert_eq!(sum(&|g| g["applicable"].as_u64().expect("applicable")), 234);
    assert_eq!(
        sum(&|g| g["commission"]["points"].as_u64().expect("points")),
        6
    );
    let g11 = &groups[0];
    assert_eq!(g11["code"], "1.1");
    assert_eq!(g11["applicable"], 28);
    assert_eq!(g11["max_points"], 84);
    assert_eq!(g11["commission"]["points"], 2);
    assert_eq!(
        g11["commission"]["percent"], "2.3",
        "2/84 = 2.38 %, floored"
    );
    assert!(g11["self"].get("points").is_some());
}

#[test]
fn nothing_applicable_has_no_percent() {
    let env = Env::new();
    env.create("s.akredit", "sanitary");
    let codes: Vec<String> = model_codes(&env.catalogue(), "sanitary")
        .into_iter()
        .map(|p| p.0)
        .collect();
    assert_eq!(codes.len(), 191);
    let mut args = vec!["na", "s.akredit"];
    args.extend(codes.iter().map(String::as_str));
    args.extend(["--reason", "центр не працює"]);
    env.ok(&args);
    let s = env.summary("s.akredit");
    assert_eq!(
        (&s["applicable"], &s["not_applicable"]),
        (&0.into(), &191.into())
    );
    assert_eq!(s["max_points"], 0);
    assert_eq!(s["commission"]["percent"], Value::Null);
    assert_eq!(s["self"]["percent"], Value::Null);
    assert_eq!(s["commission"]["category"], "none");
    assert_eq!(s["groups"][0]["commission"]["percent"], Value::Null);
}

#[test]
fn the_92_percent_threshold_and_na_changing_the_maximum() {
    let env = Env::new();
    env.create("a.akredit", "full");
    let codes = full_marks(&env, "a.akredit");
    assert_eq!(
        totals(&env.summary("a.akredit")),
        t(705, 705, "100.0", "higher")
    );

    let two = codes_of_scale(&codes, "two");
    let four = codes_of_scale(&codes, "four");
    assert!(two.len() >= 20 && !four.is_empty());

    // 19 two-grade standards at 0: 705 − 57 = 648 = 91.91 % → first.
    let zeros: Vec<String> = two[..19].iter().map(|c| format!("{c}=0")).collect();
    score_all(&env, "a.akredit", &zeros);
    let s = env.summary("a.akredit");
    assert_eq!(totals(&s), t(648, 705, "91.9", "first"));
    assert_eq!(
        s["commission"]["best_category"], "first",
        "nothing is unscored"
    );
    assert_eq!(s["complete"], true);

    // One zero-graded standard not applicable: 648/702 = 92.3 % → higher.
    env.ok(&["na", "a.akredit", two[0], "--reason", "не застосовується"]);
    let s = env.summary("a.akredit");
    assert_eq!(totals(&s), t(648, 702, "92.3", "higher"));
    assert_eq!(
        (&s["applicable"], &s["not_applicable"]),
        (&234.into(), &1.into())
    );

    // Applicable again: back to first.
    env.ok(&["na", "a.akredit", two[0], "--clear"]);
    assert_eq!(
        totals(&env.summary("a.akredit")),
        t(648, 705, "91.9", "first")
    );

    // One zero back to 3 and a four-grade standard down to 1: 648 + 3 − 2 = 649 → higher.
    let up = format!("{}=3", two[0]);
    let down = format!("{}=1", four[0]);
    env.ok(&["score", "a.akredit", &up, &down]);
    assert_eq!(
        totals(&env.summary("a.akredit")),
        t(649, 705, "92.0", "higher")
    );

    // The same four-grade standard to 0: 648 → first again.
    let down = format!("{}=0", four[0]);
    env.ok(&["score", "a.akredit", &down]);
    assert_eq!(
        totals(&env.summary("a.akredit")),
        t(648, 705, "91.9", "first")
    );
}

#[test]
fn the_81_and_75_percent_thresholds() {
    let env = Env::new();
    env.create("a.akredit", "full");
    let codes = full_marks(&env, "a.akredit");
    let two = codes_of_scale(&codes, "two");
    let four = codes_of_scale(&codes, "four");
    assert!(two.len() >= 58 && four.len() >= 2);
    let batch = |zeros: usize, a: u8, b: u8| {
        let mut grades: Vec<String> = two[..zeros].iter().map(|c| format!("{c}=0")).collect();
        grades.extend(two[zeros..58].iter().map(|c| format!("{c}=3")));
        grades.push(format!("{}={a}", four[0]));
        grades.push(format!("{}={b}", four[1]));
        score_all(&env, "a.akredit", &grades);
        totals(&env.summary("a.akredit"))
    };
    // 705 − 44·3 − 1 = 572 (81.13 %) → first; one point less, 571 (80.99 %) → second.
    assert_eq!(batch(44, 2, 3), t(572, 705, "81.1", "first"));
    assert_eq!(batch(44, 2, 2), t(571, 705, "80.9", "second"));
    // 705 − 58·3 − 2 = 529 (75.03 %) → second; 528 (74.89 %) → none.
    assert_eq!(batch(58, 1, 3), t(529, 705, "75.0", "second"));
    assert_eq!(batch(58, 1, 2), t(528, 705, "74.8", "none"));
}

#[test]
fn exactly_the_threshold_earns_the_category() {
    // 100 applicable standards (max 300), so 92 %, 81 % and 75 % are whole points.
    let env = Env::new();
    env.create("s.akredit", "sanitary");
    let codes = model_codes(&env.catalogue(), "sanitary");
    let (kept, dropped) = codes.split_at(100);
    let mut args = vec!["na", "s.akredit"];
    args.extend(dropped.iter().map(|(c, _)| c.as_str()));
    args.extend(["--reason", "лишити рівно 100 стандартів"]);
    env.ok(&args);
    let grades: Vec<String> = kept.iter().map(|(c, _)| format!("{c}=3")).collect();
    score_all(&env, "s.akredit", &grades);
    assert_eq!(
        totals(&env.summary("s.akredit")),
        t(300, 300, "100.0", "higher")
    );

    let two = codes_of_scale(kept, "two");
    let four = codes_of_scale(kept, "four");
    assert!(two.len() >= 25 && !four.is_empty());
    let set = |zeros: usize, four_grade: u8| {
        let mut grades: Vec<String> = two[..zeros].iter().map(|c| format!("{c}=0")).collect();
        grades.extend(two[zeros..25].iter().map(|c| format!("{c}=3")));
        grades.push(format!("{}={four_grade}", four[0]));
        score_all(&env, "s.akredit", &grades);
        totals(&env.summary("s.akredit"))
    };
    assert_eq!(set(8, 3), t(276, 300, "92.0", "higher"));
    assert_eq!(set(8, 2), t(275, 300, "91.6", "first"));
    assert_eq!(set(19, 3), t(243, 300, "81.0", "first"));
    assert_eq!(set(19, 2), t(242, 300, "80.6", "second"));
    assert_eq!(set(25, 3), t(225, 300, "75.0", "second"));
    assert_eq!(set(25, 2), t(224, 300, "74.6", "none"));
}

#[test]
fn the_forecast_counts_unscored_standards_as_3() {
    let env = Env::new();
    env.create("s.akredit", "sanitary");
    let codes = model_codes(&env.catalogue(), "sanitary");
    let two = codes_of_scale(&codes, "two");
    // 16 zeros: best case 573 − 48 = 525 = 91.6 % → first, though only 0 points now.
    let zeros: Vec<String> = two[..16].iter().map(|c| format!("{c}=0")).collect();
    score_all(&env, "s.akredit", &zeros);
    let s = env.summary("s.akredit");
    assert_eq!(s["commission"]["category"], "none");
    assert_eq!(s["commission"]["best_category"], "first");
    assert_eq!(s["commission"]["unscored"], 175);
    assert_eq!(s["complete"], false);
    // 15 zeros: 528/573 = 92.1 % → higher.
    let back = format!("{}=-", two[0]);
    env.ok(&["score", "s.akredit", &back]);
    assert_eq!(
        env.summary("s.akredit")["commission"]["best_category"],
        "higher"
    );
}

// ---------------------------------------------------------------------------------------
// --catalogue

#[test]
fn a_catalogue_with_a_duplicate_code_is_refused() {
    let env = Env::new();
    env.create("a.akredit", "full");

    let mut dup_standard = builtin_catalogue_file();
    let copy = dup_standard["standards"]
        .as_array()
        .expect("standards")
        .iter()
        .find(|s| s["code"] == "1.1.3")
        .expect("1.1.3")
        .clone();
    dup_standard["standards"]
        .as_array_mut()
        .expect("standards")
        .push(copy);
    env.write_catalogue("dup-standard.json", &dup_standard);

    let mut dup_heading = builtin_catalogue_file();
    dup_heading["headings"]
        .as_array_mut()
        .expect("headings")
        .push(serde_json::json!({"code": "1.1.2", "title": "двійник"}));
    env.write_catalogue("dup-heading.json", &dup_heading);

    for (file, code) in [
        ("dup-standard.json", "1.1.3"),
        ("dup-heading.json", "1.1.2"),
    ] {
        let fragment = format!("code {code} is defined more than once");
        env.assert_refused(
            file,
            &["--catalogue", file, "catalogue", "--json"],
            &fragment,
        );
        env.assert_refused(
            "a.akredit",
            &["--catalogue", file, "summary", "a.akredit"],
            &fragment,
        );
        env.assert_refused(
            "a.akredit",
            &["score", "a.akredit", "1.1.3=2", "--catalogue", file],
            &fragment,
        );
        env.assert_refused(
            "b.akredit",
            &[
                "--catalogue",
                file,
                "new",
                "b.akredit",
                "--model",
                "full",
                "--centre",
                "X",
            ],
            &fragment,
        );
    }
    env.assert_refused(
        "a.akredit",
        &["--catalogue", "no-such.json", "summary", "a.akredit"],
        "cannot read the catalogue",
    );
}

#[test]
fn an_inspection_opens_only_with_the_catalogue_it_was_made_with() {
    let env = Env::new();
    env.create("builtin.akredit", "full");
    env.ok(&["score", "builtin.akredit", "1.1.3=2"]);

    let mut other = builtin_catalogue_file();
    let s113 = other["standards"]
        .as_array_mut()
        .expect("standards")
        .iter_mut()
        .find(|s| s["code"] == "1.1.3")
        .expect("1.1.3");
    s113["title"] = "Кваліфікація керівника (інша редакція)".into();
    let other_path = env.write_catalogue("other.json", &other);
    let other_sha = sha256_hex(&fs::read(&other_path).expect("read"));

    // The other catalogue loads, and says so.
    let c = env.json(&["--catalogue", "other.json", "catalogue", "--json"]);
    assert_eq!(c["sha256"], other_sha.as_str());
    assert_ne!(c["sha256"], env.catalogue()["sha256"]);
    let title = c["standards"]
        .as_array()
        .expect("standards")
        .iter()
        .find(|s| s["code"] == "1.1.3")
        .expect("1.1.3")["title"]
        .clone();
    assert_eq!(title, "Кваліфікація керівника (інша редакція)");

    // The built-in inspection is refused with the other catalogue.
    for args in [
        &["--catalogue", "other.json", "summary", "builtin.akredit"][..],
        &[
            "summary",
            "builtin.akredit",
            "--json",
            "--catalogue",
            "other.json",
        ],
        &[
            "--catalogue",
            "other.json",
            "score",
            "builtin.akredit",
            "1.1.3=3",
        ],
        &[
            "--catalogue",
            "other.json",
            "na",
            "builtin.akredit",
            "1.1.1.5",
            "--reason",
            "x",
        ],
        &["--catalogue", "other.json", "history", "builtin.akredit"],
    ] {
        env.assert_refused("builtin.akredit", args, "--catalogue");
    }

    // An inspection made with the other catalogue opens with it, and only with it.
    env.ok(&[
        "--catalogue",
        "other.json",
        "new",
        "other.akredit",
        "--model",
        "sanitary",
        "--centre",
        "Інший центр",
    ]);
    env.ok(&[
        "score",
        "other.akredit",
        "1.1.3=1",
        "--catalogue",
        "other.json",
    ]);
    let s = env.json(&[
        "--catalogue",
        "other.json",
        "summary",
        "other.akredit",
        "--json",
    ]);
    assert_eq!(
        (&s["model"], &s["commission"]["points"]),
        (&"sanitary".into(), &1.into())
    );
    env.assert_refused(
        "other.akredit",
        &["summary", "other.akredit"],
        "--catalogue",
    );
    env.assert_refused(
        "other.akredit",
        &["score", "other.akredit", "1.1.3=3"],
        "--catalogue",
    );

    // A byte-identical copy of the built-in catalogue is the same catalogue.
    fs::copy(BUILTIN_CATALOGUE, env.path("copy.json")).expect("copy");
    let s = env.json(&[
        "--catalogue",
        "copy.json",
        "summary",
        "builtin.akredit",
        "--json",
    ]);
    assert_eq!(s["commission"]["points"], 2);
}

/// The window program (Windows' Start menu and file association start it) takes only a
/// file to open; a command meant for `akredit` is refused in words, with the usage status,
/// and opens nothing.
#[test]
fn the_window_program_refuses_commands_and_names_the_command_line_program() {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_akredit-window"));
    command.args(["score", "x.akredit", "1.1.1.2=3"]);
    let out = common::output(&mut command).unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("akredit --help"), "{said}");
    assert!(said.contains("akredit-window [ФАЙЛ.akredit]"), "{said}");
}
