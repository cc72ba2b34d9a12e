//! Genuine files, made once per test run with the binary itself: the inspection every
//! hostile case starts from, a victim inspection, a filled-in CSV template, a signed
//! result, a centre's signed self-assessment, and the expert's key.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::sandbox::run_bin;

/// The expert's name in the key and the inspections.
pub const EXPERT: &str = "Іваненко Іван Іванович";

/// The genuine files, as bytes.
pub struct Genuine {
    /// `h.akredit`: a full-model inspection with a few grades, a note and a centre field.
    pub inspection: Vec<u8>,
    /// Its `inspection_id`.
    pub inspection_id: String,
    /// Another genuine inspection, the victim kept in `outside/`.
    pub victim: Vec<u8>,
    /// The CSV template with two grades filled in.
    pub filled_csv: Vec<u8>,
    /// A signed draft result of `h.akredit` (`r0.json`).
    pub result: Vec<u8>,
    /// A centre's signed self-assessment (`export-self` of a `--self-assessment` file).
    pub self_json: Vec<u8>,
    /// The same exported without a key (`"signature": null`), so that a mutant's
    /// content is read past the signature.
    pub self_json_unsigned: Vec<u8>,
    /// The expert's key files: path relative to the data folder, bytes, Unix mode.
    pub keys: Vec<(PathBuf, Vec<u8>, u32)>,
}

impl Genuine {
    /// Puts the expert's key into the data folder `home`.
    pub fn install_key(&self, home: &Path) {
        for (rel, bytes, mode) in &self.keys {
            let path = home.join(rel);
            fs::create_dir_all(path.parent().expect("key folder")).expect("key folder");
            fs::write(&path, bytes).expect("key file");
            set_mode(&path, *mode);
        }
    }
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("key mode");
}

#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) {}

#[cfg(unix)]
fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).expect("key file").permissions().mode()
}

#[cfg(not(unix))]
fn mode_of(_: &Path) -> u32 {
    0o600
}

/// The genuine files of this test run (made on first use).
pub fn genuine() -> &'static Genuine {
    static GENUINE: OnceLock<Genuine> = OnceLock::new();
    GENUINE.get_or_init(make)
}

/// Runs the binary in `work` with the data folder `home` and insists that it succeeds.
fn ok(work: &Path, home: &Path, args: &[&str]) {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let run = run_bin(&args, work, home, work.parent().expect("staging root"));
    assert_eq!(
        run.code,
        Some(0),
        "staging `akredit {}` failed: {}",
        args.join(" "),
        run.stderr
    );
}

fn make() -> Genuine {
    let staging = tempfile::tempdir().expect("staging");
    let (work, home) = (staging.path().join("work"), staging.path().join("home"));
    fs::create_dir(&work).expect("work");
    ok(&work, &home, &["key", "init", "--name", EXPERT]);
    let full = ["--model", "full", "--visit-date", "2026-11-23"];
    let centre = "Полтавський обласний центр здоров'я";
    let new = [
        "new",
        "h.akredit",
        "--centre",
        centre,
        "--expert",
        "Іваненко І. І.",
    ];
    ok(&work, &home, &[&new[..], &full[..]].concat());
    ok(
        &work,
        &home,
        &["score", "h.akredit", "1.1.1.1=В", "1.1.2=0", "1.1.4.1=2"],
    );
    ok(
        &work,
        &home,
        &["note", "h.akredit", "1.1.2", "Наказ про атестацію № 12"],
    );
    ok(
        &work,
        &home,
        &["centre", "h.akredit", "location=м. Полтава"],
    );
    ok(
        &work,
        &home,
        &["template", "--model", "full", "--out", "t.csv"],
    );
    ok(
        &work,
        &home,
        &["export", "h.akredit", "--out", "r0.json", "--draft"],
    );
    let victim = [
        "new",
        "victim.akredit",
        "--centre",
        "Сумський центр",
        "--expert",
        "Інший",
    ];
    ok(&work, &home, &[&victim[..], &full[..]].concat());
    ok(
        &work,
        &home,
        &["score", "victim.akredit", "1.1.1.1=3", "1.1.3=3"],
    );
    let centre_file = [
        "new",
        "c.akredit",
        "--centre",
        centre,
        "--expert",
        "Головний лікар",
    ];
    let self_flag = ["--self-assessment"];
    ok(
        &work,
        &home,
        &[&centre_file[..], &full[..], &self_flag[..]].concat(),
    );
    ok(
        &work,
        &home,
        &["score", "c.akredit", "1.1.1.1=3", "1.1.3=2"],
    );
    ok(
        &work,
        &home,
        &["export-self", "c.akredit", "--out", "c.self.json"],
    );
    let no_key = staging.path().join("no-key");
    ok(
        &work,
        &no_key,
        &["export-self", "c.akredit", "--out", "c.unsigned.json"],
    );
    let read = |name: &str| fs::read(work.join(name)).expect("genuine file");
    let keys = fs::read_dir(home.join("keys"))
        .expect("keys")
        .flatten()
        .map(|e| {
            let rel = Path::new("keys").join(e.file_name());
            (rel, fs::read(e.path()).expect("key"), mode_of(&e.path()))
        })
        .collect();
    Genuine {
        inspection: read("h.akredit"),
        inspection_id: inspection_id(&work.join("h.akredit")),
        victim: read("victim.akredit"),
        filled_csv: fill_template(&read("t.csv")),
        result: read("r0.json"),
        self_json: read("c.self.json"),
        self_json_unsigned: read("c.unsigned.json"),
        keys,
    }
}

/// The `inspection_id` in a file's meta table.
pub fn inspection_id(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).expect("open genuine");
    conn.query_row(
        "SELECT value FROM meta WHERE key = 'inspection_id'",
        [],
        |r| r.get(0),
    )
    .expect("inspection_id")
}

/// The template with 1.1.3 = 2 and 1.1.1.2 = В filled in.
fn fill_template(template: &[u8]) -> Vec<u8> {
    let body = template.strip_prefix(b"\xEF\xBB\xBF").expect("BOM");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(&mut out);
        for record in reader.records() {
            let mut cells: Vec<String> = record
                .expect("template row")
                .iter()
                .map(String::from)
                .collect();
            match cells.first().map(String::as_str) {
                Some("1.1.3") => cells[4] = "2".into(),
                Some("1.1.1.2") => cells[4] = "В".into(),
                _ => {}
            }
            writer.write_record(&cells).expect("row");
        }
        writer.flush().expect("flush");
    }
    out
}
