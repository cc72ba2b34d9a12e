//! The label beside an inspection open for changes (`.NAME.akredit.lock`, who holds it):
//! there while the file is open, gone after a clean close, left alone when it is no
//! longer ours, and harmless when a crash left it.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};

use akredit::catalogue::ModelId;
use akredit::inspection::{Access, Inspection, NewInspection, lock_path};

mod common;
use common::catalogue;

fn made(dir: &Path) -> PathBuf {
    let file = dir.join("Полтавський центр здоров'я 2026-11-23.akredit");
    let new = NewInspection {
        model: ModelId::Full,
        centre_name: "Полтавський центр здоров'я".into(),
        expert: "Експерт".into(),
        visit_date: Some("2026-11-23".into()),
        purpose: Default::default(),
    };
    drop(Inspection::create(&file, catalogue(), &new).unwrap());
    file
}

#[test]
fn the_label_is_there_while_open_for_changes_and_gone_once_closed() {
    let dir = tempfile::tempdir().unwrap();
    let file = made(dir.path());
    assert!(
        !lock_path(&file).exists(),
        "creating and closing leaves no label"
    );
    let insp = Inspection::open(&file, catalogue(), Access::ReadWrite).unwrap();
    let label = fs::read_to_string(lock_path(&file)).unwrap();
    assert!(
        label.contains(&format!("process {}", std::process::id())),
        "{label}"
    );
    #[cfg(windows)]
    {
        use std::os::windows::fs::MetadataExt;
        const HIDDEN: u32 = 0x2;
        let attributes = fs::metadata(lock_path(&file)).unwrap().file_attributes();
        assert_ne!(attributes & HIDDEN, 0, "Explorer hides the label");
    }
    drop(insp);
    assert!(
        !lock_path(&file).exists(),
        "a clean close removes the label"
    );
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names.len(),
        1,
        "nothing but the inspection is left: {names:?}"
    );
}

#[test]
fn a_label_a_crash_left_is_made_anew_and_removed_on_close() {
    let dir = tempfile::tempdir().unwrap();
    let file = made(dir.path());
    let stale = "akredit 0.1.0 (process 4242424) since 2026-11-23T10:00:00Z";
    fs::write(lock_path(&file), stale).unwrap();
    let insp = Inspection::open(&file, catalogue(), Access::ReadWrite).unwrap();
    let label = fs::read_to_string(lock_path(&file)).unwrap();
    assert_ne!(label, stale, "the crashed program's label is replaced");
    drop(insp);
    assert!(!lock_path(&file).exists());
}

#[test]
fn a_label_that_is_no_longer_ours_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = made(dir.path());
    let insp = Inspection::open(&file, catalogue(), Access::ReadWrite).unwrap();
    // Someone else's label in its place (e.g. a copy of the folder synced back).
    let theirs = "akredit 0.2.0 (process 77) since 2026-11-24T08:00:00Z";
    fs::remove_file(lock_path(&file)).unwrap();
    fs::write(lock_path(&file), theirs).unwrap();
    drop(insp);
    assert_eq!(fs::read_to_string(lock_path(&file)).unwrap(), theirs);
}
