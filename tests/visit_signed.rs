//! Issue 14, what gets signed: a final result holds the facts the commission relies on
//! (expert, visit date, application form, the 13 documents), no standard is both not
//! applicable and graded, and the facts typed at the start can be corrected — each on the
//! command line, as an expert would type it, and each refusal changes nothing.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::PathBuf;

use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::Run;

/// A working folder and a data folder with the expert's key.
struct Place {
    dir: TempDir,
}

impl Place {
    fn new() -> Place {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::create_dir(dir.path().join("work")).expect("work");
        let place = Place { dir };
        place.ok(&["key", "init", "--name", "Іваненко Іван Іванович"]);
        place
    }

    fn work(&self) -> PathBuf {
        self.dir.path().join("work")
    }

    fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.work().join(name)
    }

    fn run(&self, args: &[&str]) -> Run {
        Run::of(args, &self.work(), &self.home())
    }

    fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        assert_eq!(run.code(), Some(0), "{args:?}\n{run:?}");
        run
    }

    /// A command that must be refused (status 1, `fragment` said) and leave `file` as it was.
    fn refused(&self, file: &str, args: &[&str], fragment: &str) -> Run {
        let before = fs::read(self.path(file)).ok();
        let run = self.run(args);
        assert_eq!(run.code(), Some(1), "{args:?} must be refused\n{run:?}");
        assert!(run.stderr.contains(fragment), "{args:?}: {}", run.stderr);
        assert_eq!(fs::read(self.path(file)).ok(), before, "{file} changed");
        run
    }

    /// A sanitary-model inspection made with only a centre name, every standard graded 3.
    fn bare_graded(&self, name: &str) {
        self.ok(&["new", name, "--model", "sanitary", "--centre", "Центр X"]);
        let cat = common::catalogue();
        let grades: Vec<String> = cat
            .model_standards(akredit::catalogue::ModelId::Sanitary)
            .map(|s| format!("{}={}", s.code, s.scale.grades().last().expect("grade")))
            .collect();
        let mut args = vec!["score", name];
        args.extend(grades.iter().map(String::as_str));
        self.ok(&args);
    }

    /// Everything a final result needs besides grades: the expert, the visit date, the
    /// application form and the 13 documents.
    fn record_facts(&self, name: &str, expert: &str) {
        let expert = format!("expert={expert}");
        self.ok(&["centre", name, &expert, "visit_date=2026-11-23"]);
        common::record_facts_cli(name, &self.work(), &self.home());
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args).stdout).expect("JSON")
    }
}

fn identity(place: &Place) -> String {
    place
        .home()
        .join("keys/identity.json")
        .display()
        .to_string()
}

#[test]
fn a_final_export_lists_every_missing_fact_and_a_draft_still_goes() {
    let place = Place::new();
    place.bare_graded("t.akredit");
    let run = place.refused(
        "t.akredit",
        &["export", "t.akredit", "--out", "r.json"],
        "missing: the expert's name",
    );
    for fact in [
        "missing: the visit date",
        "missing: the application form's location",
        "missing: the application form's head",
        "missing: the check of document 1",
        "missing: the check of document 13",
    ] {
        assert!(run.stderr.contains(fact), "{fact}: {}", run.stderr);
    }
    assert!(
        run.stderr.contains("akredit centre FILE expert="),
        "{}",
        run.stderr
    );
    assert!(!place.path("r.json").exists());
    // A draft exports whatever is there.
    place.ok(&["export", "t.akredit", "--out", "draft.json", "--draft"]);
    // With the facts recorded (document 13 not applicable: no such work), it is final.
    place.record_facts("t.akredit", "Іваненко І. І.");
    place.ok(&["document", "t.akredit", "13", "--present", "na"]);
    let run = place.ok(&["export", "t.akredit", "--out", "final.json"]);
    assert!(run.stdout.contains("final result"), "{run:?}");
    let run = place.ok(&["verify", "final.json", "--trust", &identity(&place)]);
    assert!(run.stdout.contains("VERIFIED"), "{run:?}");
    assert!(
        run.stdout.contains("ok       facts:") && run.stdout.contains("ok       names:"),
        "{}",
        run.stdout
    );
    let result: Value =
        serde_json::from_slice(&fs::read(place.path("final.json")).expect("read")).expect("json");
    let thirteen = &result["payload"]["documents"][12];
    assert_eq!(thirteen["not_applicable"], true, "{thirteen}");
    assert!(thirteen["present"].is_null(), "{thirteen}");
    // Documents that are present or missing keep the form results always had.
    assert!(
        result["payload"]["documents"][0]
            .get("not_applicable")
            .is_none()
    );
}

#[test]
fn only_a_document_the_order_asks_for_if_the_work_is_done_can_be_not_applicable() {
    let place = Place::new();
    place.bare_graded("t.akredit");
    let run = place.refused(
        "t.akredit",
        &["document", "t.akredit", "3", "--present", "na"],
        "document 3 is required of every centre",
    );
    assert!(
        run.stderr.contains("--present yes or --present no"),
        "{}",
        run.stderr
    );
    place.ok(&["document", "t.akredit", "13", "--present", "na"]);
    let history = place.json(&["history", "t.akredit", "--json"]);
    let last = history.as_array().and_then(|h| h.last()).expect("a row");
    assert_eq!(last["subject"], "document");
    assert_eq!(last["new"], "na");
}

#[test]
fn a_not_applicable_standard_cannot_be_graded_and_marking_it_clears_its_grades() {
    let place = Place::new();
    place.bare_graded("t.akredit");
    // Marking a graded standard not applicable clears its grade, in the history.
    place.ok(&["score", "t.akredit", "--self", "1.1.1.5=3"]);
    let run = place.ok(&[
        "na",
        "t.akredit",
        "1.1.1.5",
        "--reason",
        "Госпрозрахункової діяльності немає",
    ]);
    assert!(
        run.stdout.contains("1.1.1.5 commission: 3 (В) → —"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("1.1.1.5 self: 3 (В) → —"),
        "{}",
        run.stdout
    );
    let show = place.ok(&["show", "t.akredit"]).stdout;
    let line = show
        .lines()
        .find(|l| l.contains("1.1.1.5"))
        .expect("1.1.1.5 listed");
    assert!(
        line.contains("commission ·") && line.contains("self ·"),
        "{line}"
    );
    // A grade on it is refused, saying how to make it applicable.
    let run = place.refused(
        "t.akredit",
        &["score", "t.akredit", "1.1.1.5=3"],
        "1.1.1.5 is marked not applicable, so it cannot be graded",
    );
    assert!(
        run.stderr.contains("akredit na FILE 1.1.1.5 --clear"),
        "{}",
        run.stderr
    );
    place.refused(
        "t.akredit",
        &["score", "t.akredit", "--self", "1.1.1.5=0"],
        "cannot be graded",
    );
    // Applicable again, it takes a grade.
    place.ok(&["na", "t.akredit", "1.1.1.5", "--clear"]);
    place.ok(&["score", "t.akredit", "1.1.1.5=0"]);
}

#[test]
fn expert_visit_date_and_model_are_corrected_in_the_history() {
    let place = Place::new();
    place.ok(&[
        "new",
        "t.akredit",
        "--model",
        "full",
        "--centre",
        "Центр X",
        "--expert",
        "Іваненко I. I.",
        "--visit-date",
        "2026-11-03",
    ]);
    let run = place.ok(&[
        "centre",
        "t.akredit",
        "expert=Іваненко І. І.",
        "visit_date=2026-11-23",
    ]);
    assert!(
        run.stdout
            .contains("inspection expert: \"Іваненко I. I.\" → \"Іваненко І. І.\""),
        "{}",
        run.stdout
    );
    let meta = |place: &Place| {
        akredit::inspection::Inspection::open(
            &place.path("t.akredit"),
            common::catalogue(),
            akredit::inspection::Access::ReadOnly,
        )
        .expect("open")
        .meta()
        .clone()
    };
    assert_eq!(meta(&place).visit_date.as_deref(), Some("2026-11-23"));
    assert_eq!(meta(&place).expert, "Іваненко І. І.");
    let history = place.json(&["history", "t.akredit", "--json"]);
    let rows = history.as_array().expect("rows");
    assert!(rows.iter().any(|r| r["subject"] == "inspection"
        && r["field"] == "visit_date"
        && r["old"] == "2026-11-03"
        && r["new"] == "2026-11-23"));
    place.refused(
        "t.akredit",
        &["centre", "t.akredit", "visit_date=2026-02-30"],
        "is not a visit date",
    );
    place.refused(
        "t.akredit",
        &["centre", "t.akredit", "expert= "],
        "cannot be emptied",
    );
    // Full → sanitary while a standard only the full model counts is graded: refused,
    // naming it.
    place.ok(&["score", "t.akredit", "1.3.1.2=0"]);
    place.refused(
        "t.akredit",
        &["centre", "t.akredit", "model=sanitary"],
        "1.3.1.2",
    );
    place.ok(&["score", "t.akredit", "1.3.1.2=-"]);
    place.ok(&["centre", "t.akredit", "model=sanitary"]);
    let summary = place.json(&["summary", "t.akredit", "--json"]);
    assert_eq!(summary["model"], "sanitary", "{summary}");
    assert_eq!(summary["max_points"], 573, "{summary}");
}

#[test]
fn a_corrected_expert_goes_into_the_result_and_verify_replays_it() {
    let place = Place::new();
    place.bare_graded("t.akredit");
    place.record_facts("t.akredit", "Петренко П.");
    place.ok(&["centre", "t.akredit", "expert=Іваненко І."]);
    place.ok(&["export", "t.akredit", "--out", "r.json"]);
    let run = place.ok(&["verify", "r.json", "--trust", &identity(&place)]);
    assert!(run.stdout.contains("VERIFIED"), "{}", run.stdout);
    // A hand-edited expert that the history does not lead to fails, by name.
    let text = fs::read_to_string(place.path("r.json")).expect("read");
    let edited = text.replacen(
        "\"expert\":\"Іваненко І.\"",
        "\"expert\":\"Сидоренко С.\"",
        1,
    );
    assert_ne!(edited, text);
    fs::write(place.path("edited.json"), edited).expect("write");
    let run = place.run(&["verify", "edited.json"]);
    assert_eq!(run.code(), Some(1), "{run:?}");
    assert!(
        run.stdout
            .contains("the history's last change of the expert"),
        "{}",
        run.stdout
    );
}

#[test]
fn verify_says_when_the_expert_and_the_signer_differ() {
    let place = Place::new();
    place.bare_graded("t.akredit");
    place.record_facts("t.akredit", "Петренко Петро");
    place.ok(&["export", "t.akredit", "--out", "r.json"]);
    let run = place.ok(&["verify", "r.json"]);
    assert!(run.stdout.contains("VERIFIED"), "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "WARNING  names: the expert named in the result is Петренко Петро, the key's name is Іваненко Іван Іванович: they differ"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn a_key_is_renamed_keeping_its_fingerprint_and_old_results_still_verify() {
    let place = Place::new();
    let before = place.ok(&["key", "show"]).stdout;
    place.bare_graded("t.akredit");
    place.record_facts("t.akredit", "Іваненко І. І.");
    place.ok(&["export", "t.akredit", "--out", "old.json"]);
    let run = place.ok(&["key", "rename", "--name", "Іваненко Іван Іванович-Петрів"]);
    assert!(
        run.stdout
            .contains("renamed: Іваненко Іван Іванович → Іваненко Іван Іванович-Петрів"),
        "{}",
        run.stdout
    );
    let fingerprint = |text: &str| {
        text.lines()
            .find(|l| l.starts_with("fingerprint:"))
            .map(str::to_string)
    };
    assert_eq!(fingerprint(&run.stdout), fingerprint(&before));
    place.refused("t.akredit", &["key", "rename", "--name", "  "], "");
    // The result signed under the old name still verifies against the renamed identity,
    // which says so; a new one carries the new name.
    let run = place.ok(&["verify", "old.json", "--trust", &identity(&place)]);
    assert!(
        run.stdout.contains("before renaming the key"),
        "{}",
        run.stdout
    );
    place.ok(&["score", "t.akredit", "1.1.3=1"]);
    place.ok(&["export", "t.akredit", "--out", "new.json"]);
    let run = place.ok(&["verify", "new.json", "--trust", &identity(&place)]);
    assert!(
        run.stdout.contains("Іваненко Іван Іванович-Петрів"),
        "{}",
        run.stdout
    );
}

/// A renamed identity is written in place of the file, never through a link at its name:
/// the file the link points to stays as it was.
#[cfg(unix)]
#[test]
fn a_key_rename_never_writes_through_a_link() {
    let place = Place::new();
    let identity = place.home().join("keys/identity.json");
    let elsewhere = place.dir.path().join("elsewhere.json");
    fs::rename(&identity, &elsewhere).expect("move");
    std::os::unix::fs::symlink(&elsewhere, &identity).expect("link");
    let before = fs::read(&elsewhere).expect("read");
    let run = place.run(&["key", "rename", "--name", "Петренко Петро"]);
    assert_eq!(run.code(), Some(1), "{run:?}");
    assert!(
        run.stderr.contains("a link to another file"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read(&elsewhere).expect("read"), before);
}

/// A folder named as experts name them (`Документи/Перевірки 2026/…`, Cyrillic and
/// spaces, as on `C:\Users\Іван\Документи\`): a whole inspection, from new to a verified
/// result and its protocol, works there, and the backup and lock are made beside it.
#[test]
fn an_inspection_in_a_folder_with_cyrillic_and_spaces_goes_from_new_to_verified() {
    let place = Place::new();
    let folder = place.work().join("Документи").join("Перевірки 2026");
    fs::create_dir_all(&folder).expect("folder");
    let file = folder.join("Полтавський центр 2026-11-23.akredit");
    let f = file.to_str().expect("UTF-8 path");
    place.ok(&[
        "new",
        f,
        "--model",
        "sanitary",
        "--centre",
        "Полтавський обласний центр здоров'я",
        "--expert",
        "Іваненко І. І.",
        "--visit-date",
        "2026-11-23",
    ]);
    let cat = common::catalogue();
    let grades: Vec<String> = cat
        .model_standards(akredit::catalogue::ModelId::Sanitary)
        .map(|s| {
            format!(
                "{}={}",
                s.code,
                if s.scale.grades().len() > 2 {
                    "ПВ"
                } else {
                    "В"
                }
            )
        })
        .collect();
    let mut args = vec!["score", f];
    args.extend(grades.iter().map(String::as_str));
    place.ok(&args);
    common::record_facts_cli(f, &place.work(), &place.home());
    let result = folder.join("результат перевірки.json");
    let r = result.to_str().expect("UTF-8 path");
    place.ok(&["export", f, "--out", r]);
    let run = place.ok(&["verify", r, "--trust", &identity(&place)]);
    assert!(run.stdout.contains("VERIFIED"), "{}", run.stdout);
    let pdf = folder.join("протокол.pdf");
    place.ok(&["protocol", r, "--out", pdf.to_str().expect("UTF-8 path")]);
    assert!(fs::read(&pdf).expect("pdf").starts_with(b"%PDF"));
    let summary = place.json(&["summary", f, "--json"]);
    assert_eq!(summary["commission"]["points"], 573, "{summary}");
}
