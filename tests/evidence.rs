//! Evidence kept inside the inspection file: attached on the command line and through
//! the library, listed and written out with the same bytes, the same photo kept once on
//! two standards, undone and redone, removed and put back, every refusal leaving the
//! file byte-identical, and a signed result of an inspection with evidence verifying.
//! Large photos kept as smaller copies (`attach --max-side`): turned upright as their
//! EXIF says, the time taken kept, the original named by its SHA-256, size and pixels in
//! the record, the manifest, `evidence`, the protocol and the conclusion.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};

use akredit::answers::{Change, Target};
use akredit::inspection::{Access, Inspection};
use akredit::support::hash::sha256_hex;

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

    /// Records the inspection's facts and grades every standard its highest grade, so
    /// that a result can be exported.
    fn complete(&self) {
        common::record_facts_cli("a.akredit", self.dir.path(), &self.path("home"));
        let codes: Vec<String> = self
            .open()
            .catalogue()
            .model_standards(akredit::catalogue::ModelId::Sanitary)
            .map(|s| format!("{}={}", s.code, s.scale.grades().last().unwrap()))
            .collect();
        let mut args = vec!["score", "a.akredit"];
        args.extend(codes.iter().map(String::as_str));
        self.ok(&args);
    }

    /// Signs the result `r.json` and writes the evidence files into `files/`.
    fn export_with_evidence(&self) -> Run {
        fs::create_dir(self.path("files")).unwrap();
        self.ok(&[
            "export",
            "a.akredit",
            "--out",
            "r.json",
            "--with-evidence",
            "files",
        ])
    }

    /// Runs `args`, which must end with `code` and say `says`, the inspection file as
    /// `before`, byte for byte.
    fn refused(&self, args: &[&str], code: i32, says: &str, before: &[u8]) {
        let run = self.run(args);
        assert_eq!(run.code(), Some(code), "{args:?}: {}", run.describe());
        assert!(run.stderr.contains(says), "{args:?}: {}", run.describe());
        assert_eq!(
            fs::read(self.path("a.akredit")).unwrap(),
            before,
            "{args:?}"
        );
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
    env.refused(
        &["detach", "a.akredit", "7"],
        1,
        "there is no attachment 7",
        &before,
    );
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
    env.complete();
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
    let run = env.export_with_evidence();
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
        if let Some(text) = common::pdf_text(&env.path(pdf)) {
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

/// The EXIF segment (APP1) of a phone's photo: turned a quarter (orientation 6: the
/// camera was held upright, the sensor's picture lies on its side) and taken at
/// 2026-11-23 10:15:00.
fn exif_app1() -> Vec<u8> {
    let mut tiff = b"II*\0".to_vec();
    tiff.extend(8u32.to_le_bytes());
    tiff.extend(2u16.to_le_bytes());
    // Orientation: SHORT, one value, 6.
    tiff.extend(0x0112u16.to_le_bytes());
    tiff.extend(3u16.to_le_bytes());
    tiff.extend(1u32.to_le_bytes());
    tiff.extend(6u32.to_le_bytes());
    // DateTime: ASCII, 20 bytes, after the directory (8 + 2 + 2 × 12 + 4 = 38).
    tiff.extend(0x0132u16.to_le_bytes());
    tiff.extend(2u16.to_le_bytes());
    tiff.extend(20u32.to_le_bytes());
    tiff.extend(38u32.to_le_bytes());
    tiff.extend(0u32.to_le_bytes());
    tiff.extend(b"2026:11:23 10:15:00\0");
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend(u16::try_from(tiff.len() + 8).unwrap().to_be_bytes());
    app1.extend(b"Exif\0\0");
    app1.extend(tiff);
    app1
}

/// A phone's photo: 3000 × 2000 pixels as the sensor saw them, with [`exif_app1`].
fn phone_photo() -> Vec<u8> {
    let jpeg = common::large_jpeg(3000, 2000);
    // The EXIF goes right after the start of image, where a camera writes it.
    let mut photo = jpeg[..2].to_vec();
    photo.extend(exif_app1());
    photo.extend(&jpeg[2..]);
    photo
}

#[test]
fn a_large_photo_is_kept_upright_and_smaller_with_its_original_named() {
    let env = Env::new();
    let photo = phone_photo();
    fs::write(env.path("ліцензія.jpg"), &photo).unwrap();
    let run = env.ok(&[
        "attach",
        "a.akredit",
        "1.1.1.6",
        "ліцензія.jpg",
        "--max-side",
        "1600",
    ]);
    let original_sha = sha256_hex(&photo);
    assert!(
        run.stdout.contains(&format!(
            "made smaller from 2000×3000 ({} bytes, image/jpeg), original SHA-256 {original_sha}",
            photo.len()
        )),
        "{}",
        run.stdout
    );
    let insp = env.open();
    let e = &insp.answers().evidence[&1];
    let a = &e.attachment;
    let original = a.original.as_ref().expect("the original named");
    assert_eq!((original.width, original.height), (2000, 3000), "upright");
    assert_eq!(original.sha256, original_sha);
    assert_eq!(original.size, photo.len() as u64);
    assert_eq!(a.media_type, "image/jpeg");
    assert_eq!(a.name, "ліцензія.jpg");
    assert_eq!(a.taken_at.as_deref(), Some("2026-11-23 10:15:00"));
    let kept = insp.evidence_bytes(1).unwrap().unwrap();
    assert_eq!(a.sha256, sha256_hex(&kept));
    assert!(
        kept.len() * 2 < photo.len(),
        "{} of {}",
        kept.len(),
        photo.len()
    );
    let picture = image::load_from_memory(&kept).unwrap();
    assert_eq!(picture.height(), 1600, "the longer side, upright");
    assert!(
        (1066..=1067).contains(&picture.width()),
        "{}",
        picture.width()
    );
    drop(insp);
    let run = env.ok(&["evidence", "a.akredit"]);
    assert!(
        run.stdout.contains("made smaller from 2000×3000"),
        "{}",
        run.stdout
    );
    // Without --max-side the same photo is kept as given: no original, the same bytes.
    env.ok(&["attach", "a.akredit", "1.1.1.5", "ліцензія.jpg"]);
    let insp = env.open();
    let as_given = &insp.answers().evidence[&2].attachment;
    assert_eq!(as_given.sha256, original_sha);
    assert_eq!(as_given.original, None);
}

#[test]
fn a_side_too_small_or_a_photo_that_does_not_read_changes_nothing() {
    let env = Env::new();
    // A JPEG's first bytes, then no picture at all: what a damaged card leaves.
    let mut broken = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
    broken.extend((0..5000u32).map(|i| (i * 31 % 256) as u8));
    fs::write(env.path("зіпсоване.jpg"), &broken).unwrap();
    fs::write(env.path("фото.jpg"), phone_photo()).unwrap();
    let before = fs::read(env.path("a.akredit")).unwrap();
    let too_small = [
        "attach",
        "a.akredit",
        "1.1.1.6",
        "фото.jpg",
        "--max-side",
        "100",
    ];
    env.refused(&too_small, 2, "640", &before);
    let unreadable = [
        "attach",
        "a.akredit",
        "1.1.1.6",
        "зіпсоване.jpg",
        "--max-side",
        "1600",
    ];
    env.refused(
        &unreadable,
        1,
        "зіпсоване.jpg: cannot be made smaller",
        &before,
    );
    // A PDF is never decoded, so it is kept as given whatever the side.
    fs::write(env.path("скан.pdf"), b"%PDF-1.4\n% scan\n%%EOF\n").unwrap();
    env.ok(&[
        "attach",
        "a.akredit",
        "doc:3",
        "скан.pdf",
        "--max-side",
        "640",
    ]);
    assert_eq!(env.open().answers().evidence[&1].attachment.original, None);
}

#[test]
fn a_result_with_a_smaller_copy_verifies_and_its_documents_say_so() {
    let env = Env::new();
    env.complete();
    let photo = phone_photo();
    fs::write(env.path("p.jpg"), &photo).unwrap();
    env.ok(&[
        "attach",
        "a.akredit",
        "1.1.1.6",
        "p.jpg",
        "--max-side",
        "1200",
    ]);
    env.export_with_evidence();
    let result: serde_json::Value =
        serde_json::from_slice(&fs::read(env.path("r.json")).unwrap()).unwrap();
    let entry = &result["payload"]["evidence"][0];
    assert_eq!(entry["original"]["sha256"], sha256_hex(&photo));
    assert_eq!(entry["original"]["width"], 2000);
    assert_eq!(entry["original"]["height"], 3000);
    let identity = env.path("home/keys/identity.json");
    let run = env.ok(&[
        "verify",
        "r.json",
        "--trust",
        identity.to_str().unwrap(),
        "--evidence",
        "files",
    ]);
    assert!(
        run.stdout
            .contains("evidence: 1 of 1 attachments present unchanged"),
        "{}",
        run.stdout
    );
    // The record of the original is signed: a changed hash of it fails the check.
    let text = fs::read_to_string(env.path("r.json")).unwrap();
    let changed = text.replace(&sha256_hex(&photo), &"0".repeat(64));
    assert_ne!(changed, text);
    fs::write(env.path("changed.json"), changed).unwrap();
    assert_eq!(env.run(&["verify", "changed.json"]).code(), Some(1));
    env.ok(&["protocol", "r.json", "--out", "p.pdf"]);
    env.ok(&["conclusion-doc", "r.json", "--out", "c.pdf"]);
    let original16 = &sha256_hex(&photo)[..16];
    for pdf in ["p.pdf", "c.pdf"] {
        let Some(text) = common::pdf_text(&env.path(pdf)) else {
            continue;
        };
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains(&format!(
                "зменшено з 2000×3000 ({} Б); оригінал SHA-256 {original16}",
                photo.len()
            )),
            "{pdf}: {flat}"
        );
    }
}
