//! The inspection file under stress: schema versions, damaged and foreign files,
//! write-protected files, a second writer, backups.
//!
//! Every refusal must name the problem, exit non-zero, and leave the file byte-identical.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

use akredit::catalogue::{Catalogue, Code};
use akredit::inspection::{self, Access, Inspection, SCHEMA_VERSION, StoreError};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_akredit"));
        command.args(args).env("AKREDIT_HOME", self.home());
        common::output(&mut command).expect("run akredit")
    }

    fn fixture(&self, version: i32) -> PathBuf {
        let target = self.path(&format!("v{version}.akredit"));
        fs::copy(format!("{FIXTURES}/v{version}.akredit"), &target).expect("copy fixture");
        target
    }

    /// Runs a command that must be refused: exit 1, `fragment` on stderr, file unchanged.
    fn refused(&self, file: &Path, args: &[&str], fragment: &str) -> String {
        let before = fs::read(file).ok();
        let out = self.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?} must exit 1; stderr: {stderr}"
        );
        assert!(
            stderr.contains(fragment),
            "{args:?}: stderr should mention {fragment:?}, was: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert_eq!(fs::read(file).ok(), before, "{args:?} changed the file");
        stderr
    }
}

fn catalogue() -> Arc<Catalogue> {
    Arc::new(Catalogue::builtin().expect("catalogue"))
}

fn code(s: &str) -> Code {
    s.parse().expect("code")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Every released schema version has a fixture, and each opens (migrating to the current
/// version when older, with a `.v<old>.bak` copy beside it) with its content intact.
#[test]
fn every_fixture_version_opens_with_its_content() {
    for version in 1..=SCHEMA_VERSION {
        let env = Env::new();
        let file = env.fixture(version);
        let insp = Inspection::open(&file, catalogue(), Access::ReadWrite)
            .unwrap_or_else(|e| panic!("fixture v{version}: {e}"));
        assert_eq!(insp.meta().schema_version, SCHEMA_VERSION);
        let a = insp.answers();
        assert_eq!(a.get(&code("1.1.1.1")).commission, Some(3));
        assert_eq!(a.get(&code("1.1.3")).commission, Some(2));
        assert_eq!(a.get(&code("1.1.3")).self_grade, Some(3));
        assert_eq!(a.get(&code("1.1.3")).note, "нотатка v1");
        assert_eq!(a.get(&code("2.3.4.5")).commission, Some(1));
        assert!(a.get(&code("1.1.1.5")).is_na());
        assert_eq!(a.centre["location"], "м. Полтава");
        assert_eq!(
            a.documents[&2].present,
            Some(akredit::answers::Presented::Yes)
        );
        let recommendation = &a.get(&code("1.1.3")).recommendation;
        if version >= 3 {
            assert_eq!(recommendation.text, "рекомендація v3");
            assert_eq!(recommendation.due.as_deref(), Some("2027-03-31"));
            assert_eq!(recommendation.owner, "Головний лікар");
            assert_eq!(a.conclusion, "висновок v3");
        } else {
            assert!(
                recommendation.is_empty(),
                "v{version} had no recommendations"
            );
            assert!(a.conclusion.is_empty());
        }
        if version >= 4 {
            assert_eq!(a.team["Експертка v4"].position, "лікар v4");
            assert_eq!(a.head().map(String::as_str), Some("Експерт v4"));
            assert_eq!(
                a.get(&code("1.1.1.2")).author.as_deref(),
                Some("Експертка v4")
            );
        } else {
            assert!(a.team.is_empty(), "v{version} had no team");
        }
        if version >= 5 {
            let photo = &a.evidence[&1];
            assert_eq!(photo.caption, "фото v5");
            assert_eq!(photo.attachment.name, "photo.jpg");
            assert_eq!(
                photo.attachment.taken_at.as_deref(),
                Some("2026-11-23 10:15:00")
            );
            let bytes = insp.evidence_bytes(1).expect("read").expect("its bytes");
            assert_eq!(
                akredit::support::hash::sha256_hex(&bytes),
                photo.attachment.sha256
            );
            assert_eq!(a.evidence.len(), 2, "and the scan of document 2");
        } else {
            assert!(a.evidence.is_empty(), "v{version} had no evidence");
        }
        insp.integrity_check().expect("integrity");
        let bak = env.path(&format!("v{version}.akredit.v{version}.bak"));
        assert_eq!(
            bak.exists(),
            version < SCHEMA_VERSION,
            "a .bak copy is made only before a migration"
        );
    }
}

#[test]
fn a_file_from_a_newer_akredit_is_refused_and_untouched() {
    let env = Env::new();
    let file = env.fixture(1);
    {
        let conn = rusqlite::Connection::open(&file).expect("open");
        conn.execute_batch(&format!("PRAGMA user_version = {}", SCHEMA_VERSION + 7))
            .expect("set version");
    }
    let newer = SCHEMA_VERSION + 7;
    let msg = env.refused(
        &file,
        &["score", s(&file), "1.1.1.2=3"],
        &format!("file schema version {newer}, this program reads up to {SCHEMA_VERSION}"),
    );
    assert!(msg.contains("update akredit"), "{msg}");
    env.refused(&file, &["summary", s(&file)], "newer akredit");
}

#[test]
fn damaged_and_foreign_files_each_get_their_own_message() {
    let env = Env::new();
    let good = fs::read(format!("{FIXTURES}/v1.akredit")).expect("fixture");

    let empty = env.path("empty.akredit");
    fs::write(&empty, b"").expect("write");
    env.refused(
        &empty,
        &["score", s(&empty), "1.1.1.1=3"],
        "the file is empty",
    );

    let truncated = env.path("truncated.akredit");
    fs::write(&truncated, &good[..good.len() / 3]).expect("write");
    env.refused(&truncated, &["summary", s(&truncated)], "damaged");
    env.refused(
        &truncated,
        &["score", s(&truncated), "1.1.1.1=3"],
        "damaged",
    );

    let header_only = env.path("header.akredit");
    fs::write(&header_only, &good[..60]).expect("write");
    env.refused(
        &header_only,
        &["summary", s(&header_only)],
        "not an SQLite database",
    );

    let random = env.path("random.akredit");
    let bytes: Vec<u8> = (0..8192u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    fs::write(&random, bytes).expect("write");
    env.refused(
        &random,
        &["score", s(&random), "1.1.1.1=3"],
        "not an SQLite database",
    );

    let foreign = env.path("other.sqlite");
    {
        let conn = rusqlite::Connection::open(&foreign).expect("open");
        conn.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');")
            .expect("sql");
    }
    env.refused(
        &foreign,
        &["score", s(&foreign), "1.1.1.1=3"],
        "another program",
    );

    // Our application id but a damaged meta table.
    let no_meta = env.fixture(1);
    {
        let conn = rusqlite::Connection::open(&no_meta).expect("open");
        conn.execute_batch("DELETE FROM meta WHERE key = 'model'")
            .expect("sql");
    }
    env.refused(&no_meta, &["summary", s(&no_meta)], "no model");

    // No stray lock or temporary files are left beside refused files.
    let stray: Vec<String> = fs::read_dir(env.dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') || n.ends_with("-journal"))
        .collect();
    assert!(stray.is_empty(), "left behind: {stray:?}");
}

#[test]
fn a_file_made_with_another_catalogue_offers_the_catalogue_flag() {
    let env = Env::new();
    let file = env.fixture(1);
    let mut json: serde_json::Value =
        serde_json::from_str(akredit::catalogue::BUILTIN_JSON).expect("json");
    json["title"] = "Інша редакція".into();
    let other = env.path("other-catalogue.json");
    fs::write(&other, json.to_string()).expect("write");
    env.refused(
        &file,
        &["--catalogue", s(&other), "summary", s(&file)],
        "--catalogue FILE",
    );
    env.refused(
        &file,
        &["--catalogue", s(&other), "score", s(&file), "1.1.1.2=3"],
        "made with catalogue",
    );
}

#[cfg(unix)]
#[test]
fn write_protected_files_and_folders_are_refused_but_readable() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let file = env.fixture(1);
    fs::set_permissions(&file, fs::Permissions::from_mode(0o444)).expect("chmod");
    env.refused(
        &file,
        &["score", s(&file), "1.1.1.2=3"],
        "the file is marked read-only",
    );
    let out = env.run(&["summary", s(&file)]);
    assert!(
        out.status.success(),
        "a read-only file can still be summarised"
    );
    fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).expect("chmod");

    let folder = env.path("locked");
    fs::create_dir(&folder).expect("mkdir");
    let inside = folder.join("v1.akredit");
    fs::copy(&file, &inside).expect("copy");
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).expect("chmod");
    env.refused(
        &inside,
        &["score", s(&inside), "1.1.1.2=3"],
        "its folder is read-only",
    );
    let out = env.run(&["summary", s(&inside)]);
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).expect("chmod");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_second_writer_is_refused_while_readers_still_work() {
    let env = Env::new();
    let file = env.fixture(1);
    let holder = Inspection::open(&file, catalogue(), Access::ReadWrite).expect("first writer");
    let msg = env.refused(
        &file,
        &["score", s(&file), "1.1.1.2=3"],
        "open for changes elsewhere",
    );
    assert!(
        msg.contains(&format!("process {}", std::process::id())),
        "{msg}"
    );
    let out = env.run(&["summary", s(&file), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let second = Inspection::open(&file, catalogue(), Access::ReadWrite);
    assert!(matches!(second, Err(StoreError::Busy { .. })));
    drop(holder);
    let out = env.run(&["score", s(&file), "1.1.1.2=3"]);
    assert!(
        out.status.success(),
        "free again once the first writer closes"
    );
}

#[test]
fn backups_are_kept_listed_pruned_and_restored() {
    let env = Env::new();
    let file = env.fixture(1);
    for i in 0..23 {
        let grade = if i % 2 == 0 { "3" } else { "0" };
        let out = env.run(&["score", s(&file), &format!("1.1.1.2={grade}")]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let insp = Inspection::open(&file, catalogue(), Access::ReadOnly).expect("open");
    let list = inspection::backup::list(&env.home().join("backups"), &insp.meta().inspection_id)
        .expect("list");
    assert_eq!(
        list.len(),
        inspection::backup::KEEP,
        "only the newest 20 are kept"
    );
    let listed = env.run(&["backups", s(&file)]);
    let text = String::from_utf8_lossy(&listed.stdout);
    assert_eq!(text.lines().count(), 20, "{text}");

    // The newest backup was taken as the last command (i = 22) opened the file: it holds
    // the state before that change, i.e. after i = 21, which set 1.1.1.2 to 0.
    let newest = &list[list.len() - 1].path;
    let restored = env.path("restored.akredit");
    let out = env.run(&["restore", s(newest), "--out", s(&restored)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let back = Inspection::open(&restored, catalogue(), Access::ReadOnly).expect("restored");
    assert_eq!(back.answers().get(&code("1.1.1.2")).commission, Some(0));
    let current = Inspection::open(&file, catalogue(), Access::ReadOnly).expect("current");
    assert_eq!(current.answers().get(&code("1.1.1.2")).commission, Some(3));
    assert_eq!(back.answers().get(&code("1.1.3")).note, "нотатка v1");

    // Never over an existing file.
    env.refused(
        &restored,
        &["restore", s(newest), "--out", s(&restored)],
        "already exists",
    );
}
