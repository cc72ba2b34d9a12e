//! Evidence kept inside the inspection file: attached on the command line and through
//! the library, listed and written out with the same bytes, the same photo kept once on
//! two standards, undone and redone, removed and put back, every refusal leaving the
//! file byte-identical, and a signed result of an inspection with evidence verifying.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};

use akredit::answers::{Change, Target};
use akredit::inspection::{Access, Inspection};

mod common;
use common::Run;

/// A JPEG of a few bytes whose EXIF says it was taken at 2026-11-23 10:15:00, with
/// `salt` making it another photo.
fn photo(salt: u8) -> Vec<u8> {
    let value = b"2026:11:23 10:15:00\0";
    let mut tiff = b"II*\0".to_vec();
    tiff.extend(8u32.to_le_bytes());
    tiff.extend(1u16.to_le_bytes());
    for field in [0x0132u16, 2] {
        tiff.extend(field.to_le_bytes());
    }
    tiff.extend(20u32.to_le_bytes());
    tiff.extend(26u32.to_le_bytes());
    tiff.extend(0u32.to_le_bytes());
    tiff.extend(value);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE1];
    jpeg.extend(u16::try_from(app1.len() + 2).unwrap().to_be_bytes());
    jpeg.extend(app1);
    jpeg.extend([0xFF, 0xFE, 0x00, 0x03, salt, 0xFF, 0xD9]);
    jpeg
}

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    /// A folder with a complete inspection `a.akredit` (facts recorded, every standard
    /// graded) and the expert's key.
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let env = Env { dir };
        env.ok(&["key", "init", "--name", "Петренко Олена Іванівна"]);
        env.ok(&[
            "new",
            "a.akredit",
            "--model",
            "sanitary",
            "--centre",
            "Полтавський обласний центр здоров'я",
            "--expert",
            "Петренко Олена Іванівна",
            "--visit-date",
            "2026-11-23",
        ]);
        env
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Run {
        Run::of(args, self.dir.path(), &self.path("home"))
    }

    fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        assert_eq!(run.code(), Some(0), "{args:?}: {}", run.describe());
        run
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(name);
        fs::write(&path, bytes).unwrap();
        path
    }

    fn open(&self) -> Inspection {
        Inspection::open(
            &self.path("a.akredit"),
            common::catalogue(),
            Access::ReadWrite,
        )
        .unwrap()
    }
}

/// The text of a PDF, by pdftotext; `None` when it is not installed (unless CI requires
/// it with AKREDIT_REQUIRE_PDFTOTEXT=1).
fn pdf_text(pdf: &Path) -> Option<String> {
    match std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
    {
        Ok(out) => {
            assert!(
                out.status.success(),
                "pdftotext failed on {}",
                pdf.display()
            );
            Some(String::from_utf8(out.stdout).unwrap())
        }
        Err(e) => {
            let required = std::env::var("AKREDIT_REQUIRE_PDFTOTEXT").is_ok_and(|v| v == "1");
            assert!(!required, "pdftotext cannot run: {e}");
            None
        }
    }
}

fn blob_count(file: &Path) -> i64 {
    let conn = rusqlite::Connection::open(file).unwrap();
    conn.query_row("SELECT count(*) FROM evidence_blob", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn attached_on_the_command_line_listed_and_written_out_with_the_same_bytes() {
    let env = Env::new();
    env.write("ліцензія.jpg", &photo(1));
    env.write("scan.pdf", b"%PDF-1.4\n% scan\n%%EOF\n");
    let run = env.ok(&[
        "attach",
        "a.akredit",
        "1.1.1.6",
        "ліцензія.jpg",
        "--caption",
        "Ліцензія МОЗ",
    ]);
    assert!(
        run.stdout
            .contains("attached ліцензія.jpg to 1.1.1.6 as attachment 1: image/jpeg"),
        "{}",
        run.stdout
    );
    env.ok(&["attach", "a.akredit", "doc:3", "scan.pdf"]);
    let list = env.ok(&["evidence", "a.akredit"]).stdout;
    let sha = akredit::support::hash::sha256_hex(&photo(1));
    for expected in [
        "1.1.1.6",
        "ліцензія.jpg",
        sha.as_str(),
        "taken 2026-11-23 10:15:00",
        "«Ліцензія МОЗ»",
        "doc:3",
        "application/pdf",
    ] {
        assert!(list.contains(expected), "{expected:?} missing:\n{list}");
    }
    fs::create_dir(env.path("out")).unwrap();
    env.ok(&["evidence", "a.akredit", "--out", "out"]);
    assert_eq!(
        fs::read(env.path("out/1.1.1.6-1-ліцензія.jpg")).unwrap(),
        photo(1)
    );
    assert_eq!(
        fs::read(env.path("out/doc_3-2-scan.pdf")).unwrap(),
        b"%PDF-1.4\n% scan\n%%EOF\n"
    );
    // Never over a file.
    let again = env.run(&["evidence", "a.akredit", "--out", "out"]);
    assert_eq!(again.code(), Some(1), "{}", again.describe());
    // In the history: the record, then the caption.
    let history = env.ok(&["history", "a.akredit", "--json"]).stdout;
    assert!(history.contains("\"field\": \"attachment\""), "{history}");
    assert!(history.contains("\"evidence\": 1"), "{history}");
    assert!(history.contains("\"field\": \"caption\""), "{history}");
}

#[test]
fn the_same_photo_on_two_standards_is_kept_once() {
    let env = Env::new();
    env.write("p.jpg", &photo(2));
    env.ok(&["attach", "a.akredit", "1.1.1.6", "p.jpg"]);
    env.ok(&["attach", "a.akredit", "1.1.3", "p.jpg"]);
    let insp = env.open();
    assert_eq!(insp.answers().evidence.len(), 2);
    drop(insp);
    assert_eq!(blob_count(&env.path("a.akredit")), 1);
}

#[test]
fn every_refusal_leaves_the_file_byte_identical() {
    let env = Env::new();
    env.write("p.jpg", &photo(3));
    env.ok(&["attach", "a.akredit", "1.1.1.6", "p.jpg"]);
    env.write("notes.txt", b"not a photo");
    env.write("empty.jpg", b"");
    let big = env.path("big.jpg");
    let file = fs::File::create(&big).unwrap();
    file.set_len(21 * 1024 * 1024).unwrap();
    fs::create_dir(env.path("folder.jpg")).unwrap();
    let before = fs::read(env.path("a.akredit")).unwrap();
    for (args, says) in [
        (vec!["1.1.1.6", "notes.txt"], "not a photo or a scan"),
        (vec!["1.1.1.6", "empty.jpg"], "the file is empty"),
        (vec!["1.1.1.6", "big.jpg"], "larger than"),
        (vec!["1.1.1.6", "folder.jpg"], "this is a folder"),
        (vec!["9.9.9", "p.jpg"], "not a code of the catalogue"),
        (vec!["doc:14", "p.jpg"], "document 14 does not exist"),
        (vec!["1.1.1.6", "p.jpg", "missing.jpg"], "no such file"),
    ] {
        let mut full = vec!["attach", "a.akredit"];
        full.extend(args.iter().copied());
        let run = env.run(&full);
        assert_eq!(run.code(), Some(1), "{full:?}: {}", run.describe());
        assert!(run.stderr.contains(says), "{full:?}: {}", run.describe());
        assert_eq!(
            fs::read(env.path("a.akredit")).unwrap(),
            before,
            "{full:?} changed the file"
        );
    }
    let run = env.run(&["detach", "a.akredit", "7"]);
    assert_eq!(run.code(), Some(1), "{}", run.describe());
    assert!(
        run.stderr.contains("there is no attachment 7"),
        "{}",
        run.describe()
    );
    assert_eq!(fs::read(env.path("a.akredit")).unwrap(), before);
}

#[test]
fn an_attachment_is_undone_redone_removed_and_put_back() {
    let env = Env::new();
    let mut insp = env.open();
    let number = insp
        .attach(
            Target::Standard("1.1.1.6".parse().unwrap()),
            "p.jpg",
            &photo(4),
            "ліцензія",
        )
        .unwrap()
        .number;
    let history = insp.history(None).unwrap();
    let batch: Vec<_> = history.iter().rev().take(2).collect();
    // Undo: the caption, then the record, newest first.
    let undo: Vec<Change> = batch.iter().map(|e| e.altered.undo()).collect();
    insp.apply(&undo).unwrap();
    assert!(insp.answers().evidence.is_empty());
    // Redo: the bytes are still in the file.
    let redo: Vec<Change> = batch.iter().rev().map(|e| e.altered.as_change()).collect();
    insp.apply(&redo).unwrap();
    assert_eq!(insp.answers().evidence[&number].caption, "ліцензія");
    assert_eq!(insp.evidence_bytes(number).unwrap(), Some(photo(4)));
    // Removed: the caption first, a row of its own; put back by undoing both.
    let removed = insp
        .apply(&[Change::Attach {
            number,
            attachment: None,
        }])
        .unwrap();
    assert_eq!(removed.len(), 2);
    assert!(insp.answers().evidence.is_empty());
    let back: Vec<Change> = removed.iter().rev().map(|e| e.altered.undo()).collect();
    insp.apply(&back).unwrap();
    assert_eq!(insp.answers().evidence[&number].caption, "ліцензія");
    // A new attachment never takes a number used before.
    let next = insp
        .attach(Target::Document(3), "s.jpg", &photo(5), "")
        .unwrap()
        .number;
    assert_eq!(next, number + 1);
    // Read again from the file, everything is as it was left.
    let answers = insp.answers().clone();
    drop(insp);
    let again = env.open();
    assert_eq!(again.answers().evidence, answers.evidence);
    again.integrity_check().unwrap();
}

#[test]
fn a_result_of_an_inspection_with_evidence_verifies() {
    let env = Env::new();
    common::record_facts_cli("a.akredit", env.dir.path(), &env.path("home"));
    let insp = env.open();
    let codes: Vec<String> = insp
        .catalogue()
        .model_standards(akredit::catalogue::ModelId::Sanitary)
        .map(|s| format!("{}={}", s.code, s.scale.grades().last().unwrap()))
        .collect();
    drop(insp);
    let mut args = vec!["score", "a.akredit"];
    args.extend(codes.iter().map(String::as_str));
    env.ok(&args);
    env.write("p.jpg", &photo(6));
    env.ok(&[
        "attach",
        "a.akredit",
        "1.1.1.6",
        "p.jpg",
        "--caption",
        "фото",
    ]);
    env.write("scan.pdf", b"%PDF-1.4\n% scan\n%%EOF\n");
    env.ok(&["attach", "a.akredit", "doc:3", "scan.pdf"]);
    fs::create_dir(env.path("files")).unwrap();
    let run = env.ok(&[
        "export",
        "a.akredit",
        "--out",
        "r.json",
        "--with-evidence",
        "files",
    ]);
    assert!(
        run.stdout.contains("2 evidence files written"),
        "{}",
        run.stdout
    );
    // The manifest is in the signed result: names and hashes, never the bytes.
    let result: serde_json::Value =
        serde_json::from_slice(&fs::read(env.path("r.json")).unwrap()).unwrap();
    let manifest = result["payload"]["evidence"].as_array().unwrap();
    assert_eq!(manifest.len(), 2);
    assert_eq!(manifest[0]["target"], "1.1.1.6");
    assert_eq!(manifest[0]["caption"], "фото");
    assert_eq!(manifest[0]["taken_at"], "2026-11-23 10:15:00");
    assert_eq!(
        manifest[0]["sha256"],
        akredit::support::hash::sha256_hex(&photo(6))
    );
    let identity = env.path("home/keys/identity.json");
    let identity = identity.to_str().unwrap();
    let run = env.ok(&[
        "verify",
        "r.json",
        "--trust",
        identity,
        "--evidence",
        "files",
    ]);
    assert!(run.stdout.contains("VERIFIED"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("evidence: 2 of 2 attachments present unchanged"),
        "{}",
        run.stdout
    );
    // The protocol and the conclusion list them, with the first 16 characters of each
    // hash.
    env.ok(&["protocol", "r.json", "--out", "p.pdf"]);
    env.ok(&["conclusion-doc", "r.json", "--out", "c.pdf"]);
    let sha16 = &akredit::support::hash::sha256_hex(&photo(6))[..16];
    for pdf in ["p.pdf", "c.pdf"] {
        if let Some(text) = pdf_text(&env.path(pdf)) {
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(flat.contains("Докази (вкладення)"), "{pdf}: {flat}");
            assert!(flat.contains(&format!("SHA-256 {sha16}")), "{pdf}: {flat}");
            assert!(flat.contains("документ 3 — scan.pdf"), "{pdf}: {flat}");
        }
    }
    // A file that is none of them is reported, and changes nothing.
    env.write("files/other.jpg", &photo(7));
    let run = env.ok(&["verify", "r.json", "--evidence", "files"]);
    assert!(
        run.stdout.contains("extra file, not in the result"),
        "{}",
        run.stdout
    );
    // One byte changed in one file: that attachment is altered, the check fails.
    let photo_file = fs::read_dir(env.path("files"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("1.1.1.6-1-")
        })
        .unwrap();
    let mut bytes = fs::read(&photo_file).unwrap();
    let last = bytes.len() - 3;
    bytes[last] ^= 1;
    fs::write(&photo_file, bytes).unwrap();
    let run = env.run(&["verify", "r.json", "--evidence", "files"]);
    assert_eq!(run.code(), Some(1), "{}", run.describe());
    assert!(run.stdout.contains("evidence 1: ALTERED"), "{}", run.stdout);
    assert!(
        run.stderr.contains("the evidence files"),
        "{}",
        run.describe()
    );
    // Removed: missing.
    fs::remove_file(&photo_file).unwrap();
    let run = env.run(&["verify", "r.json", "--evidence", "files"]);
    assert_eq!(run.code(), Some(1), "{}", run.describe());
    assert!(run.stdout.contains("evidence 1: MISSING"), "{}", run.stdout);
    // The manifest itself cannot be changed: it is signed.
    let text = fs::read_to_string(env.path("r.json")).unwrap();
    let changed = text.replace("\"caption\":\"фото\"", "\"caption\":\"інше\"");
    assert_ne!(changed, text);
    env.write("changed.json", changed.as_bytes());
    let run = env.run(&["verify", "changed.json"]);
    assert_eq!(run.code(), Some(1), "{}", run.describe());
}

#[test]
fn the_commission_sees_the_manifest_in_a_results_detail() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let env = Env::new();
    common::record_facts_cli("a.akredit", env.dir.path(), &env.path("home"));
    env.write("p.jpg", &photo(8));
    env.ok(&[
        "attach",
        "a.akredit",
        "doc:1",
        "p.jpg",
        "--caption",
        "Статут",
    ]);
    fs::create_dir(env.path("results")).unwrap();
    env.ok(&["export", "a.akredit", "--draft", "--out", "results/r.json"]);
    let mut h = common::harness(env.path("home"));
    h.state_mut().commission.path = env.path("results").display().to_string();
    h.state_mut().push(akredit::ui::Command::ShowScreen(
        akredit::ui::Screen::Commission,
    ));
    h.run();
    h.get_by_role_and_label(Role::Button, "Перевірити").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Полтавський обласний центр здоров'я")
        .click();
    h.run();
    assert!(h.query_by_label("Докази (вкладення)").is_some());
    let sha = akredit::support::hash::sha256_hex(&photo(8));
    assert!(h.query_by_label(&sha).is_some(), "the SHA-256 is shown");
    assert!(h.query_by_label("Статут").is_some(), "the caption");
    assert!(h.query_by_label("1 · doc:1").is_some());
}

#[test]
fn a_photo_dropped_on_the_window_is_attached_to_the_focused_standard_and_undone() {
    use akredit::ui::{Command, Status};
    use egui::{Key, Modifiers};
    let env = Env::new();
    let photo_path = env.write("ліцензія.jpg", &photo(9));
    let mut h = common::harness(env.path("home"));
    h.state_mut().push(Command::Open(env.path("a.akredit")));
    h.run();
    h.state_mut()
        .push(Command::Focus("1.1.1.6".parse().unwrap()));
    h.run();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(common::Dropped(photo_path.clone())));
    h.run();
    let session = h.state().session.as_ref().expect("open");
    let evidence = &session.inspection.answers().evidence;
    assert_eq!(evidence.len(), 1, "{:?}", h.state().status);
    assert_eq!(evidence[&1].attachment.name, "ліцензія.jpg");
    assert_eq!(
        evidence[&1].attachment.target,
        Target::Standard("1.1.1.6".parse().unwrap())
    );
    assert!(
        matches!(&h.state().status, Status::Info(m) if m.contains("Прикріплено до 1.1.1.6: ліцензія.jpg (вкладення 1)")),
        "{:?}",
        h.state().status
    );
    // One undo takes it back; the bytes stay for a redo.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let session = h.state().session.as_ref().expect("open");
    assert!(session.inspection.answers().evidence.is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    let session = h.state().session.as_ref().expect("open");
    assert_eq!(session.inspection.answers().evidence.len(), 1);
    // A file that is not a photo, named as one: refused, said, nothing attached.
    let fake = env.write("fake.jpg", b"not a photo");
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(common::Dropped(fake)));
    h.run();
    assert!(
        matches!(&h.state().status, Status::Error(m) if m.contains("це не фото і не скан")),
        "{:?}",
        h.state().status
    );
    let session = h.state().session.as_ref().expect("open");
    assert_eq!(session.inspection.answers().evidence.len(), 1);
}
