//! Issue 12, finding by finding: each test reproduces what an adversarial review did with
//! the release binary (a file received from someone else, edited with sqlite3, signed by
//! another key, reached through a link) and states what must happen instead. Each of
//! these tests failed before its fix.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![cfg(unix)]

use std::fs;
use std::io::Read;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use akredit::answers::{Change, Column};
use akredit::inspection::{Access, Inspection, StoreError};
use akredit::signed::{self, Identity};
use akredit::support::home::Home;
use egui_kittest::kittest::Queryable;
use rusqlite::Connection;
use serde_json::Value;

mod common;
use common::{BIN, Run, catalogue};

/// A work folder (the binary's current folder) and a data folder.
struct Place {
    dir: tempfile::TempDir,
}

impl Place {
    fn new() -> Place {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::create_dir(dir.path().join("work")).expect("work");
        fs::create_dir(dir.path().join("home")).expect("home");
        Place { dir }
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

    fn ak(&self, args: &[&str]) -> Run {
        Run::of(args, &self.work(), &self.home())
    }

    fn ak_home(&self, home: &Path, args: &[&str]) -> Run {
        Run::of(args, &self.work(), home)
    }

    /// `akredit ARGS` that must succeed.
    fn ok(&self, args: &[&str]) -> Run {
        let run = self.ak(args);
        assert_eq!(run.code(), Some(0), "{args:?}\n{run:?}");
        run
    }

    /// `akredit ARGS` that must be refused with exit status 1 and a message.
    fn refused(&self, args: &[&str]) -> Run {
        let run = self.ak(args);
        assert_eq!(run.code(), Some(1), "{args:?} must be refused\n{run:?}");
        assert!(run.stderr.contains("akredit: error:"), "{run:?}");
        run
    }

    /// A full-model inspection with a few grades and a note, the application form and the
    /// documents recorded.
    fn inspection(&self, name: &str) -> PathBuf {
        self.ok(&[
            "new",
            name,
            "--model",
            "full",
            "--centre",
            "Полтавський обласний центр здоров'я",
            "--expert",
            "Іваненко І. І.",
            "--visit-date",
            "2026-11-23",
        ]);
        self.ok(&["score", name, "1.1.1.1=3", "1.1.3=2", "1.1.4.1=1"]);
        self.ok(&["note", name, "1.1.3", "Наказ № 12"]);
        // What a final result needs besides grades, so that grading all is enough.
        common::record_facts_cli(name, &self.work(), &self.home());
        self.path(name)
    }

    /// An inspection of the sanitary model with every standard graded 3, the application
    /// form and the documents recorded.
    fn complete(&self, name: &str) -> PathBuf {
        self.ok(&[
            "new",
            name,
            "--model",
            "sanitary",
            "--centre",
            "Сумський обласний центр здоров'я",
            "--expert",
            "Іваненко І. І.",
            "--visit-date",
            "2026-11-23",
        ]);
        let grades = all_grades("sanitary", 3);
        let mut args = vec!["score", name];
        args.extend(grades.iter().map(String::as_str));
        self.ok(&args);
        common::record_facts_cli(name, &self.work(), &self.home());
        self.path(name)
    }
}

/// `CODE=GRADE` for every standard of a model (the grade, or 3 where it is off the scale).
fn all_grades(model: &str, grade: u8) -> Vec<String> {
    let cat = catalogue();
    let model = model.parse().expect("model");
    cat.model_standards(model)
        .map(|s| {
            let g = if s.scale.allows(grade) { grade } else { 3 };
            format!("{}={g}", s.code)
        })
        .collect()
}

fn sql(path: &Path, statements: &str) {
    let conn = Connection::open(path).expect("sqlite");
    conn.execute_batch(statements).expect("sql");
}

fn meta(path: &Path, key: &str) -> Option<String> {
    let conn = Connection::open(path).expect("sqlite");
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .ok()
}

/// Every file under `dir` with its bytes (links as their target).
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).expect("dir").flatten() {
        let path = entry.path();
        let meta = path.symlink_metadata().expect("meta");
        if meta.file_type().is_symlink() {
            let target = fs::read_link(&path).expect("link");
            out.push((path, target.into_os_string().into_encoded_bytes()));
        } else if meta.is_dir() {
            out.extend(snapshot(&path));
        } else {
            out.push((path.clone(), fs::read(&path).expect("read")));
        }
    }
    out.sort();
    out
}

/// Runs the binary, killing it after `limit`: `None` when it had to be killed (a hang).
fn run_bounded(place: &Place, args: &[&str], limit: Duration) -> Option<Run> {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .current_dir(place.work())
        .env("AKREDIT_HOME", place.home())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = common::spawn(&mut command).expect("spawn");
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            let mut stdout = String::new();
            let mut stderr = String::new();
            let _ = child
                .stdout
                .take()
                .map(|mut o| o.read_to_string(&mut stdout));
            let _ = child
                .stderr
                .take()
                .map(|mut e| e.read_to_string(&mut stderr));
            return Some(Run {
                status,
                stdout,
                stderr,
            });
        }
        if start.elapsed() > limit {
            child.kill().ok();
            child.wait().ok();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Finding 1: a crafted `inspection_id` (an absolute path, `../..`) made the backup go
/// into another folder and pruned its files to 20. The id is now validated when the file
/// is read, the backup folder is only ever a plain name in the data folder, and pruning
/// touches only backups.
#[test]
fn finding_01_a_hostile_inspection_id_touches_no_folder() {
    let place = Place::new();
    let genuine = place.inspection("p.akredit");
    let victim = place.dir.path().join("v");
    fs::create_dir(&victim).expect("victim folder");
    for i in 1..=25 {
        fs::write(victim.join(format!("scan--{i}.pdf")), format!("{i}")).expect("decoy");
    }
    let before = snapshot(&victim);
    let relative = "../../v".to_string();
    for id in [
        victim.display().to_string(),
        relative,
        "..".into(),
        String::new(),
    ] {
        let hostile = place.path("h.akredit");
        fs::remove_file(&hostile).ok();
        fs::copy(&genuine, &hostile).expect("copy");
        sql(
            &hostile,
            &format!("UPDATE meta SET value = '{id}' WHERE key = 'inspection_id'"),
        );
        let bytes = fs::read(&hostile).expect("read");
        for args in [
            ["score", "h.akredit", "9.9.9=1"],
            ["score", "h.akredit", "1.1.3=1"],
        ] {
            let run = place.refused(&args);
            assert!(run.stderr.contains("inspection id"), "{id:?}: {run:?}");
        }
        place.refused(&["summary", "h.akredit"]);
        assert_eq!(fs::read(&hostile).expect("read"), bytes, "{id:?}");
        assert_eq!(snapshot(&victim), before, "{id:?}: the folder was touched");
    }
    // The window opens the file the same way: refused, nothing touched.
    let mut h = common::harness(place.home());
    h.state_mut()
        .push(akredit::ui::Command::Open(place.path("h.akredit")));
    h.run();
    assert!(h.state().session.is_none(), "the window must not open it");
    assert_eq!(snapshot(&victim), before);
    // No backup folder outside the data folder's own.
    assert!(!place.home().join("backups").join("..").join("v").exists());
}

/// Finding 2: the lock file followed a link and truncated what it led to. The lock is now
/// on the inspection itself; its label is made anew, never written through a link.
#[test]
fn finding_02_a_link_named_as_the_lock_is_never_followed() {
    let place = Place::new();
    place.inspection("a.akredit");
    let b = place.inspection("b.akredit");
    let before = fs::read(&b).expect("read");
    symlink("b.akredit", place.path(".a.akredit.lock")).expect("symlink");
    place.ok(&["score", "a.akredit", "1.1.3=1"]);
    assert_eq!(fs::read(&b).expect("read"), before, "b.akredit was changed");
    place.ok(&["summary", "b.akredit"]);
    assert!(
        !place.path(".a.akredit.lock").exists(),
        "the label is gone after the command"
    );
}

/// Finding 3: a second path to the same file bypassed the lock, and the window then
/// overwrote the other writer's note from its stale copy. The lock is now on the file
/// itself, and a write is refused (the inspection read again) when the file changed.
#[test]
fn finding_03_a_second_path_meets_the_lock_and_no_change_is_overwritten() {
    let place = Place::new();
    let w = place.inspection("w.akredit");
    let mut window = Inspection::open(&w, catalogue(), Access::ReadWrite).expect("open");
    fs::hard_link(&w, place.path("hard.akredit")).expect("hard link");
    let run = place.refused(&["note", "hard.akredit", "1.2.1", "від іншої програми"]);
    assert!(run.stderr.contains("open for changes elsewhere"), "{run:?}");
    symlink("w.akredit", place.path("soft.akredit")).expect("symlink");
    place.refused(&["note", "soft.akredit", "1.2.1", "через посилання"]);

    // Another program writes into the file behind the window's back.
    sql(
        &w,
        "INSERT INTO answer (code, commission, self, na_reason, note, changed_at)
           VALUES ('1.2.1', NULL, NULL, NULL, 'чужа примітка', '2026-11-23T10:00:00.000Z');
         INSERT INTO history (at, subject, code, field, old, new)
           VALUES ('2026-11-23T10:00:00.000Z', 'standard', '1.2.1', 'note', NULL, 'чужа примітка');",
    );
    let err = window
        .apply(&[Change::Grade {
            code: "1.1.2".parse().expect("code"),
            column: Column::Commission,
            grade: Some(3),
        }])
        .expect_err("a write over a changed file must be refused");
    assert!(matches!(err, StoreError::ChangedElsewhere(_)), "{err}");
    let note = window
        .answers()
        .get(&"1.2.1".parse().expect("code"))
        .note
        .clone();
    assert_eq!(note, "чужа примітка", "the window read the file again");
    // Now it writes, and the other program's note is still there.
    window
        .apply(&[Change::Grade {
            code: "1.1.2".parse().expect("code"),
            column: Column::Commission,
            grade: Some(3),
        }])
        .expect("write after reading again");
    drop(window);
    let show = place.ok(&["show", "w.akredit", "1.2.1"]);
    assert!(show.stdout.contains("чужа примітка"), "{show:?}");

    // A file replaced under the window (renamed over it) is not written blindly.
    let mut window = Inspection::open(&w, catalogue(), Access::ReadWrite).expect("open");
    let other = place.inspection("other.akredit");
    fs::rename(&other, &w).expect("replace");
    let err = window
        .apply(&[Change::Note {
            code: "1.1.2".parse().expect("code"),
            text: "x".into(),
        }])
        .expect_err("refused");
    assert!(matches!(err, StoreError::Replaced(_)), "{err}");
}

/// Finding 3, in the window: a click after another program changed the file saves
/// nothing, says so, and the window shows what is now in the file.
#[test]
fn finding_03_the_window_reads_a_changed_file_again_instead_of_overwriting_it() {
    use akredit::ui::{Command as Ui, Status};
    let place = Place::new();
    let w = place.inspection("w.akredit");
    let mut h = common::harness(place.home());
    h.state_mut().push(Ui::Open(w.clone()));
    h.run();
    assert!(h.state().session.is_some(), "{:?}", h.state().status);
    sql(
        &w,
        "UPDATE answer SET note = 'змінено іншою програмою' WHERE code = '1.1.3';
         INSERT INTO history (at, subject, code, field, old, new)
           VALUES ('2026-11-23T10:00:00.000Z', 'standard', '1.1.3', 'note', 'Наказ № 12', 'змінено іншою програмою');",
    );
    h.state_mut().push(Ui::Apply(vec![Change::Note {
        code: "1.1.3".parse().expect("code"),
        text: "з вікна".into(),
    }]));
    h.run();
    assert!(
        matches!(&h.state().status, Status::Error(e) if e.contains("файл змінила інша програма")),
        "{:?}",
        h.state().status
    );
    let session = h.state().session.as_ref().expect("still open");
    let note = session
        .inspection
        .answers()
        .get(&"1.1.3".parse().expect("code"))
        .note
        .clone();
    assert_eq!(note, "змінено іншою програмою");
    drop(h);
    let show = place.ok(&["show", "w.akredit", "1.1.3"]);
    assert!(show.stdout.contains("змінено іншою програмою"), "{show:?}");
}

/// Makes a key in its own data folder; returns the folder and a copy of its identity.
fn key(place: &Place, folder: &str, name: &str) -> (PathBuf, PathBuf) {
    let home = place.dir.path().join(folder);
    let run = place.ak_home(&home, &["key", "init", "--name", name]);
    assert_eq!(run.code(), Some(0), "{run:?}");
    let copy = place.path(&format!("{folder}.json"));
    fs::copy(home.join("keys/identity.json"), &copy).expect("identity");
    (home, copy)
}

fn commission_json(place: &Place, args: &[&str]) -> Value {
    let run = place.ak(args);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{run:?}"))
}

/// Finding 4: a copy of an inspection, exported with another key and naming the genuine
/// result as superseded, knocked the genuine result out. Only a result signed with the
/// same key supersedes; otherwise both stay current and unresolved, "different signer".
#[test]
fn finding_04_another_keys_result_supersedes_nothing() {
    let place = Place::new();
    let (ivanenko, ivanenko_id) = key(&place, "ivanenko", "Іваненко Іван Іванович");
    let (petrenko, petrenko_id) = key(&place, "petrenko", "Петренко Петро Петрович");
    let victim = place.inspection("victim.akredit");
    let mut grades = all_grades("full", 1);
    grades.insert(0, "victim.akredit".into());
    grades.insert(0, "score".into());
    let args: Vec<&str> = grades.iter().map(String::as_str).collect();
    place.ok(&args);
    fs::create_dir(place.path("results")).expect("results");
    let run = place.ak_home(
        &ivanenko,
        &["export", "victim.akredit", "--out", "results/genuine.json"],
    );
    assert_eq!(run.code(), Some(0), "{run:?}");
    let genuine_sha = meta(&victim, "last_result_sha256").expect("recorded");

    let forged = place.path("forged.akredit");
    fs::copy(&victim, &forged).expect("copy");
    let mut all3 = all_grades("full", 3);
    all3.insert(0, "forged.akredit".into());
    all3.insert(0, "score".into());
    let args: Vec<&str> = all3.iter().map(String::as_str).collect();
    place.ok(&args);
    assert_eq!(meta(&forged, "last_result_sha256"), Some(genuine_sha));
    let run = place.ak_home(
        &petrenko,
        &["export", "forged.akredit", "--out", "results/forged.json"],
    );
    assert_eq!(run.code(), Some(0), "{run:?}");

    let (iv, pe) = (
        ivanenko_id.display().to_string(),
        petrenko_id.display().to_string(),
    );
    let o = commission_json(
        &place,
        &[
            "commission",
            "results",
            "--trust",
            &iv,
            "--trust",
            &pe,
            "--json",
        ],
    );
    let rows = o["rows"].as_array().expect("rows");
    let status = |file: &str| {
        rows.iter()
            .find(|r| r["file"].as_str().is_some_and(|f| f.ends_with(file)))
            .unwrap_or_else(|| panic!("{file} in {o}"))
    };
    assert_eq!(status("genuine.json")["status"], "valid", "{o}");
    assert_eq!(status("forged.json")["status"], "valid", "{o}");
    assert_eq!(o["counts"]["superseded"], 0, "{o}");
    let notes = status("forged.json")["notes"].to_string();
    assert!(notes.contains("different key"), "{notes}");
    assert!(
        status("genuine.json")["notes"]
            .to_string()
            .contains("different key"),
        "{o}"
    );
    assert_eq!(o["counts"]["unresolved"], 2, "{o}");
}

/// Finding 5: an expert who renamed his own identity signed as another, and `verify`
/// with both trusted keys said "valid, by" the other. The trusted identity now names the
/// signer; a result claiming another name fails the trust check.
#[test]
fn finding_05_a_trusted_key_cannot_sign_in_anothers_name() {
    let place = Place::new();
    let (_, ivanenko_id) = key(&place, "ivanenko", "Іваненко Іван Іванович");
    let (petrenko, petrenko_id) = key(&place, "petrenko", "Петренко Петро Петрович");
    let identity = petrenko.join("keys/identity.json");
    let text = fs::read_to_string(&identity).expect("identity");
    fs::write(
        &identity,
        text.replace("Петренко Петро Петрович", "Іваненко Іван Іванович"),
    )
    .expect("rename");
    place.complete("c.akredit");
    let run = place.ak_home(&petrenko, &["export", "c.akredit", "--out", "r.json"]);
    assert_eq!(run.code(), Some(0), "{run:?}");
    let (iv, pe) = (
        ivanenko_id.display().to_string(),
        petrenko_id.display().to_string(),
    );
    let run = place.refused(&["verify", "r.json", "--trust", &iv, "--trust", &pe]);
    assert!(run.stdout.contains("FAILED   trusted signer"), "{run:?}");
    assert!(run.stdout.contains("Петренко"), "{run:?}");
    assert!(!run.stdout.contains("VERIFIED"), "{run:?}");
    fs::create_dir(place.path("results")).expect("dir");
    fs::rename(place.path("r.json"), place.path("results/r.json")).expect("move");
    let o = commission_json(
        &place,
        &[
            "commission",
            "results",
            "--trust",
            &iv,
            "--trust",
            &pe,
            "--json",
        ],
    );
    assert_eq!(o["rows"][0]["status"], "invalid", "{o}");
    // Trusted under its true name, the same key's honest result names Petrenko.
    fs::write(&identity, text).expect("restore");
    let run = place.ak_home(&petrenko, &["export", "c.akredit", "--out", "honest.json"]);
    assert_eq!(run.code(), Some(0), "{run:?}");
    let run = place.ok(&["verify", "honest.json", "--trust", &iv, "--trust", &pe]);
    assert!(
        run.stdout
            .contains("signed by (trusted identity): Петренко Петро Петрович"),
        "{run:?}"
    );
}

/// Finding 6: a failed export still recorded the result's hash, so the next export named
/// a result that never existed. The result is now written (temporary file, sync, a name
/// that replaces nothing) before it is recorded.
#[test]
fn finding_06_a_failed_export_changes_nothing() {
    let place = Place::new();
    key(&place, "home", "Іваненко Іван Іванович");
    let q = place.complete("q.akredit");
    let before = fs::read(&q).expect("read");
    let run = place.refused(&["export", "q.akredit", "--out", "/nonexistent/r.json"]);
    assert!(run.stderr.contains("/nonexistent"), "{run:?}");
    assert_eq!(meta(&q, "last_result_sha256"), None);
    assert_eq!(
        fs::read(&q).expect("read"),
        before,
        "the inspection changed"
    );
    place.ok(&["export", "q.akredit", "--out", "r.json"]);
    let r: Value =
        serde_json::from_slice(&fs::read(place.path("r.json")).expect("r")).expect("json");
    assert_eq!(r["payload"]["supersedes"], Value::Null);
    // A name that is taken is refused before anything is signed or recorded.
    let before = fs::read(&q).expect("read");
    place.refused(&["export", "q.akredit", "--out", "r.json"]);
    assert_eq!(fs::read(&q).expect("read"), before);
    let leftovers: Vec<_> = fs::read_dir(place.work())
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("akredit-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Finding 7: `diff` compared a tampered result and said "supersedes". It now verifies
/// both and refuses one that does not; a result by another key is said to be one.
#[test]
fn finding_07_diff_refuses_results_that_do_not_verify() {
    let place = Place::new();
    key(&place, "home", "Іваненко Іван Іванович");
    place.complete("c.akredit");
    place.ok(&["export", "c.akredit", "--out", "old.json"]);
    place.ok(&["score", "c.akredit", "1.1.3=1"]);
    place.ok(&["export", "c.akredit", "--out", "new.json"]);
    let run = place.ok(&["diff", "old.json", "new.json"]);
    assert!(run.stdout.contains("supersedes the old one"), "{run:?}");
    let bytes = fs::read(place.path("new.json")).expect("read");
    let text = String::from_utf8(bytes).expect("utf8");
    let forged = text.replacen("Сумський", "Київський", 1);
    fs::write(place.path("forged.json"), forged).expect("write");
    let run = place.refused(&["diff", "old.json", "forged.json"]);
    assert!(run.stderr.contains("does not verify"), "{run:?}");
    assert!(!run.stdout.contains("supersedes"), "{run:?}");

    // Another key's result verifies, but is called what it is: it names the expert's
    // result as superseded, and does not supersede it.
    let (other, _) = key(&place, "other", "Інший Експерт");
    let run = place.ak_home(&other, &["export", "c.akredit", "--out", "by-other.json"]);
    assert_eq!(run.code(), Some(0), "{run:?}");
    let run = place.ok(&["diff", "new.json", "by-other.json"]);
    assert!(run.stdout.contains("DIFFERENT SIGNERS"), "{run:?}");
    assert!(!run.stdout.contains("supersedes the old one"), "{run:?}");
    let trust = place
        .home()
        .join("keys/identity.json")
        .display()
        .to_string();
    let run = place.refused(&["diff", "new.json", "by-other.json", "--trust", &trust]);
    assert!(run.stderr.contains("newer result"), "{run:?}");
}

/// Finding 8: a trigger put into the file with sqlite3 ran on akredit's writes. A file
/// whose schema is not exactly akredit's is refused, untouched, for reading too.
#[test]
fn finding_08_schema_objects_of_another_program_are_refused() {
    let place = Place::new();
    let genuine = place.inspection("p.akredit");
    let cases = [
        (
            "trigger",
            "CREATE TRIGGER t AFTER INSERT ON history BEGIN UPDATE answer SET commission = 3; END;",
        ),
        ("view", "CREATE VIEW v AS SELECT * FROM answer;"),
        ("column", "ALTER TABLE answer ADD COLUMN extra TEXT;"),
        ("table", "CREATE TABLE extra (x);"),
        ("index", "CREATE INDEX i ON history (code);"),
    ];
    for (what, statement) in cases {
        let hostile = place.path(&format!("{what}.akredit"));
        fs::copy(&genuine, &hostile).expect("copy");
        sql(&hostile, statement);
        let name = format!("{what}.akredit");
        let bytes = fs::read(&hostile).expect("read");
        let run = place.refused(&["score", &name, "1.1.3=0"]);
        assert!(
            run.stderr.contains("akredit does not make"),
            "{what}: {run:?}"
        );
        place.refused(&["summary", &name]);
        place.refused(&["show", &name]);
        assert_eq!(fs::read(&hostile).expect("read"), bytes, "{what}");
    }
}

/// Finding 9: damaged files were read and written without notice: an off-scale grade was
/// counted, unknown codes dropped, a history that does not replay exported. Such a file
/// is now never written; read-only commands show it after saying it is damaged.
#[test]
fn finding_09_damaged_files_are_never_written_and_named_damaged() {
    let place = Place::new();
    key(&place, "home", "Іваненко Іван Іванович");
    let genuine = place.inspection("p.akredit");
    let cases = [
        (
            "off-scale",
            "PRAGMA ignore_check_constraints = ON; UPDATE answer SET commission = 7 WHERE code = '1.1.3';",
        ),
        (
            "unknown-code",
            "INSERT INTO answer (code, commission, note, changed_at) VALUES ('9.9.9', 3, '', 'x');",
        ),
        (
            "heading",
            "INSERT INTO answer (code, commission, note, changed_at) VALUES ('1.1.4', 3, '', 'x');",
        ),
        (
            "no-replay",
            "UPDATE answer SET commission = 0 WHERE code = '1.1.3';",
        ),
        (
            "bad-document",
            "PRAGMA ignore_check_constraints = ON; INSERT OR REPLACE INTO document VALUES (2, 5, '', 'x');",
        ),
    ];
    for (what, statement) in cases {
        let name = format!("{what}.akredit");
        let hostile = place.path(&name);
        fs::copy(&genuine, &hostile).expect("copy");
        sql(&hostile, statement);
        let bytes = fs::read(&hostile).expect("read");
        for args in [
            vec!["score", &name, "1.1.2=3"],
            vec!["note", &name, "1.1.2", "x"],
            vec!["export", &name, "--out", "r.json", "--draft"],
            vec!["protocol", &name, "--out", "p.pdf"],
        ] {
            let run = place.refused(&args);
            assert!(run.stderr.contains("damaged"), "{what} {args:?}: {run:?}");
        }
        let run = place.ok(&["summary", &name]);
        assert!(run.stderr.contains("damaged"), "{what}: {run:?}");
        assert_eq!(fs::read(&hostile).expect("read"), bytes, "{what}");
        assert!(!place.path("r.json").exists() && !place.path("p.pdf").exists());
    }
    // A damaged page: SQLite's own check fails; nothing is written.
    let name = "pages.akredit";
    let hostile = place.path(name);
    fs::copy(&genuine, &hostile).expect("copy");
    let mut bytes = fs::read(&hostile).expect("read");
    let page = 4096;
    // Every page after the first gets a page type SQLite does not have.
    for start in (page..bytes.len()).step_by(page) {
        bytes[start] = 0x0f;
    }
    fs::write(&hostile, &bytes).expect("write");
    let run = place.refused(&["score", name, "1.1.2=3"]);
    assert!(run.stderr.contains("damaged"), "{run:?}");
    assert_eq!(fs::read(&hostile).expect("read"), bytes);
}

/// Finding 9, in the window: a damaged inspection in the recent list says so and offers
/// its backups; restoring one makes a new file beside it, opened at once, and leaves the
/// damaged file as it was.
#[test]
fn finding_09_the_window_restores_a_damaged_inspection_from_its_backup() {
    use akredit::ui::{Command as Ui, Screen};
    let place = Place::new();
    let w = place.inspection("w.akredit");
    let mut h = common::harness(place.home());
    h.state_mut().push(Ui::Open(w.clone()));
    h.run();
    h.state_mut().push(Ui::CloseInspection);
    h.run();
    sql(
        &w,
        "PRAGMA ignore_check_constraints = ON; UPDATE answer SET commission = 7 WHERE code = '1.1.3';",
    );
    let damaged = fs::read(&w).expect("read");
    h.state_mut().refresh_recent();
    h.run();
    assert_eq!(h.state().screen, Screen::Start);
    h.get_by_label_contains("файл пошкоджено");
    // The newest backup comes first: the one the window took when it opened the file.
    h.get_all_by_label_contains("Відновити копію від")
        .next()
        .expect("a backup offered")
        .click();
    h.run();
    let session = h
        .state()
        .session
        .as_ref()
        .expect("the restored file is open");
    let restored = session.inspection.path().to_path_buf();
    assert_ne!(restored, w);
    assert!(
        restored
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("w.restored-")),
        "{restored:?}"
    );
    assert_eq!(
        session
            .inspection
            .answers()
            .get(&"1.1.3".parse().expect("code"))
            .commission,
        Some(2),
        "the grade as it was before the damage"
    );
    assert_eq!(
        fs::read(&w).expect("read"),
        damaged,
        "the damaged file is kept"
    );
}

/// Finding 11: escape sequences and bidirectional overrides in a centre's name reached
/// the terminal (ESC[8m hid the INVALID after it). They are shown escaped.
#[test]
fn finding_11_no_escape_sequence_reaches_the_terminal() {
    let place = Place::new();
    key(&place, "home", "Іваненко Іван Іванович");
    place.complete("c.akredit");
    let name = "Центр\u{1b}[8m\u{202e}здоров'я\nVERIFIED";
    place.ok(&["centre", "c.akredit", &format!("centre_name={name}")]);
    fs::create_dir(place.path("results")).expect("results");
    place.ok(&["export", "c.akredit", "--out", "results/r.json"]);
    let outputs = [
        place.ok(&["summary", "c.akredit"]),
        place.ok(&["show", "c.akredit", "1.1.1"]),
        place.ok(&["history", "c.akredit"]),
        place.ok(&["verify", "results/r.json"]),
        place.ok(&["commission", "results"]),
        place.ok(&["commission", "results", "--json"]),
    ];
    for run in &outputs {
        for text in [&run.stdout, &run.stderr] {
            assert!(!text.contains('\u{1b}'), "raw ESC: {run:?}");
            assert!(!text.contains('\u{202e}'), "raw override: {run:?}");
        }
    }
    let summary = &outputs[0];
    assert!(summary.stdout.contains("\\u001B[8m"), "{summary:?}");
    assert!(
        !summary.stdout.lines().any(|l| l.trim() == "VERIFIED"),
        "a line of the name passed for a line of output: {summary:?}"
    );
    let verify = &outputs[3];
    assert_eq!(
        verify
            .stdout
            .lines()
            .filter(|l| l.trim() == "VERIFIED")
            .count(),
        1,
        "{verify:?}"
    );
    let json: Value = serde_json::from_str(&outputs[5].stdout).expect("still JSON");
    assert_eq!(
        json["rows"][0]["centre"], name,
        "the JSON keeps its meaning"
    );
    // An error naming a file made safe too.
    let run = place.refused(&["summary", "no\u{1b}[2Jsuch.akredit"]);
    assert!(!run.stderr.contains('\u{1b}'), "{run:?}");
}

/// Finding 12: a draft switched to final and re-signed passed `verify`. A final result
/// must grade every standard.
#[test]
fn finding_12_a_final_result_must_be_complete() {
    let place = Place::new();
    let home = Home::at(place.home());
    let identity = Identity::create(&home, "Іваненко Іван Іванович").expect("key");
    let path = place.path("d.akredit");
    place.ok(&[
        "new",
        "d.akredit",
        "--model",
        "sanitary",
        "--centre",
        "Центр",
        "--expert",
        "Е.",
    ]);
    place.ok(&["score", "d.akredit", "1.1.3=2"]);
    let insp = Inspection::open(&path, catalogue(), Access::ReadOnly).expect("open");
    let mut payload = signed::payload(&insp, &identity.public.name, false, "2026-11-23T00:00:00Z")
        .expect("payload");
    payload.is_final = true;
    let signed = signed::sign(&payload, &identity).expect("sign");
    fs::write(place.path("final.json"), &signed.bytes).expect("write");
    let trust = place
        .home()
        .join("keys/identity.json")
        .display()
        .to_string();
    let run = place.refused(&["verify", "final.json", "--trust", &trust]);
    assert!(run.stdout.contains("FAILED   complete"), "{run:?}");
    assert!(run.stdout.contains("190 standards"), "{run:?}");
}

/// Finding 13: unbounded reads (a FIFO hung them, /dev/zero ran out of memory), sizes
/// `verify` and `commission` disagreed on, unbounded notes, a 98 MB error, leftovers of
/// killed runs, backups without a size budget, a `.v0.bak` per refused upgrade, an
/// emptied centre name, and the wrong advice when the private key is gone.
#[test]
fn finding_13_reads_are_bounded_and_leftovers_cleaned() {
    let place = Place::new();
    key(&place, "home", "Іваненко Іван Іванович");
    place.complete("c.akredit");
    let status = Command::new("mkfifo")
        .arg(place.path("fifo.json"))
        .status()
        .expect("mkfifo");
    assert!(status.success());
    let limit = Duration::from_secs(20);
    for args in [
        vec!["verify", "fifo.json"],
        vec!["verify", "/dev/zero"],
        vec!["protocol", "fifo.json", "--out", "p.pdf"],
        vec!["diff", "fifo.json", "/dev/zero"],
        vec!["import-self", "c.akredit", "fifo.json"],
        vec!["import-self", "c.akredit", "/dev/zero"],
        vec!["--catalogue", "fifo.json", "catalogue"],
        vec!["--catalogue", "/dev/zero", "catalogue"],
        vec!["verify", "c.akredit", "--trust", "fifo.json"],
        vec!["summary", "fifo.json"],
    ] {
        let run = run_bounded(&place, &args, limit)
            .unwrap_or_else(|| panic!("{args:?} hung on a FIFO or a device"));
        assert_eq!(run.code(), Some(1), "{args:?}: {run:?}");
    }
    let run = run_bounded(&place, &["commission", "fifo.json", "c.akredit"], limit)
        .expect("commission hung");
    assert_eq!(run.code(), Some(1), "{run:?}");

    // verify and commission agree on the largest result.
    let big = fs::File::create(place.path("big.json")).expect("big");
    big.set_len(signed::MAX_RESULT_BYTES + 1).expect("size");
    let run = place.refused(&["verify", "big.json"]);
    assert!(run.stderr.contains("larger than"), "{run:?}");
    let run = place.refused(&["commission", "big.json"]);
    assert!(run.stdout.contains("larger than"), "{run:?}");

    // Notes are bounded.
    let long = "слово ".repeat(2_000);
    let run = place.refused(&["note", "c.akredit", "1.1.3", &long]);
    assert!(run.stderr.contains("at most 10000"), "{run:?}");
    // A sheet of a hundred thousand bad rows gives a short error.
    let mut csv = String::from("code,title,scale,allowed,grade,note\n");
    for i in 0..100_000 {
        csv.push_str(&format!("9.9.{i},x,x,x,3,\n"));
    }
    fs::write(place.path("bad.csv"), csv).expect("csv");
    let run = place.refused(&["import-self", "c.akredit", "bad.csv"]);
    assert!(run.stderr.len() < 20_000, "{} bytes", run.stderr.len());
    assert!(run.stderr.contains("more problems"), "{run:?}");
    // The centre's name cannot be emptied.
    let run = place.refused(&["centre", "c.akredit", "centre_name="]);
    assert!(run.stderr.contains("required"), "{run:?}");
}

fn age(path: &Path, seconds: u64) {
    let then = SystemTime::now() - Duration::from_secs(seconds);
    fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(then))
        .expect("age");
}

/// Finding 13, continued: leftovers of killed runs are cleaned up by the next run; a
/// refused upgrade leaves no copy; the private key's absence is named as such.
#[test]
fn finding_13_leftovers_upgrades_and_lost_keys() {
    let place = Place::new();
    key(&place, "home", "Іваненко Іван Іванович");
    let c = place.complete("c.akredit");
    for name in [
        ".r.json.akredit-tmp-1234-5678",
        ".x.akredit.creating-99",
        ".q.akredit.akredit-tmp-77-1",
    ] {
        fs::write(place.path(name), b"left by a killed run").expect("leftover");
        age(&place.path(name), 3600);
    }
    fs::write(place.path(".fresh.json.akredit-tmp-1-2"), b"in progress").expect("fresh");
    place.ok(&["export", "c.akredit", "--out", "r.json"]);
    for name in [
        ".r.json.akredit-tmp-1234-5678",
        ".q.akredit.akredit-tmp-77-1",
    ] {
        assert!(!place.path(name).exists(), "{name} was left");
    }
    assert!(
        place.path(".fresh.json.akredit-tmp-1-2").exists(),
        "a fresh one stays"
    );
    place.ok(&["new", "n.akredit", "--model", "full", "--centre", "N"]);
    assert!(!place.path(".x.akredit.creating-99").exists());
    // A backup folder's stale partial copy goes with the next backup.
    let id = meta(&c, "inspection_id").expect("id");
    let folder = place.home().join("backups").join(&id);
    let partial = folder.join(".20261123T141102.325Z.partial");
    fs::write(&partial, b"half").expect("partial");
    age(&partial, 3600);
    place.ok(&["score", "c.akredit", "1.1.3=2"]);
    assert!(!partial.exists());

    // A refused upgrade leaves no copy, however often it is tried.
    let old = place.path("old.akredit");
    let conn = Connection::open(&old).expect("create");
    conn.execute_batch(&format!(
        "PRAGMA application_id = {};",
        akredit::inspection::APPLICATION_ID
    ))
    .expect("sql");
    drop(conn);
    let bytes = fs::read(&old).expect("read");
    for _ in 0..3 {
        place.refused(&["score", "old.akredit", "1.1.3=1"]);
    }
    assert_eq!(fs::read(&old).expect("read"), bytes);
    let copies: Vec<_> = fs::read_dir(place.work())
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".bak"))
        .collect();
    assert!(copies.is_empty(), "{copies:?}");

    // The private key gone, the public half left.
    fs::remove_file(place.home().join("keys/signing.key")).expect("remove");
    let show = place.refused(&["key", "show"]);
    let init = place.refused(&["key", "init", "--name", "Іваненко Іван Іванович"]);
    for run in [&show, &init] {
        assert!(run.stderr.contains("private half"), "{run:?}");
        assert!(!run.stderr.contains("already exists"), "{run:?}");
    }
}
