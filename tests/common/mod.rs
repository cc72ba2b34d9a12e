//! What several test files share: running the built binary, and a window harness.
//!
//! Each test file uses part of it, so unused items are allowed here.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output};
use std::sync::Arc;
use std::time::Duration;

use akredit::catalogue::Catalogue;
use akredit::support::home::Home;
use akredit::ui::{AkreditApp, Dialogs};
use egui_kittest::Harness;

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_akredit");

/// How many times a program is started before its start counts as failed.
const START_ATTEMPTS: u32 = 5;

/// Starts `command`, again after a pause when the system fails to start it.
///
/// Under Wine, CreateProcess now and then fails with ERROR_INTERNAL_ERROR (1359) while
/// the machine is loaded: it did so in two CI runs of the test suite under Wine, each time
/// in another test, before any of akredit's code ran. Only the start is tried again: a
/// program that started is never run a second time, whatever it did.
pub fn spawn(command: &mut Command) -> std::io::Result<Child> {
    let mut attempt = 1;
    loop {
        match command.spawn() {
            Ok(child) => return Ok(child),
            Err(e) if attempt < START_ATTEMPTS && e.kind() != std::io::ErrorKind::NotFound => {
                eprintln!(
                    "starting {:?} failed ({e}); trying again",
                    command.get_program()
                );
                std::thread::sleep(Duration::from_millis(200 * u64::from(attempt)));
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

/// [`spawn`] with the output collected, as [`Command::output`] does.
pub fn output(command: &mut Command) -> std::io::Result<Output> {
    use std::process::Stdio;
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    spawn(command)?.wait_with_output()
}

/// What one run of the binary did.
pub struct Run {
    /// Its exit status.
    pub status: ExitStatus,
    /// Its standard output.
    pub stdout: String,
    /// Its standard error.
    pub stderr: String,
}

impl Run {
    /// Runs the binary with `args` in `dir`, with `AKREDIT_HOME` set to `home`.
    pub fn of(args: &[&str], dir: &Path, home: &Path) -> Run {
        let mut command = Command::new(BIN);
        command
            .args(args)
            .current_dir(dir)
            .env("AKREDIT_HOME", home);
        let out = output(&mut command).expect("run akredit");
        Run {
            status: out.status,
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }

    /// The exit code, if any.
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }

    /// Everything it said, for assertion messages.
    pub fn describe(&self) -> String {
        format!(
            "status {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.status.code(),
            self.stdout,
            self.stderr
        )
    }
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

/// A file dropped on the window (`harness.input_mut().dropped_files`).
#[derive(Debug)]
pub struct Dropped(pub PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Native dialogs that never answer (the tests type paths instead).
pub struct NoDialogs;

impl Dialogs for NoDialogs {
    fn save(&self, _: &str) -> Option<PathBuf> {
        None
    }
    fn open(&self) -> Option<PathBuf> {
        None
    }
}

/// The built-in catalogue.
pub fn catalogue() -> Arc<Catalogue> {
    Arc::new(Catalogue::builtin().expect("catalogue"))
}

/// The window, headless, with its data folder at `home`.
pub fn harness(home: PathBuf) -> Harness<'static, AkreditApp> {
    let app = AkreditApp::new(catalogue(), Some(Home::at(home)), Box::new(NoDialogs));
    Harness::builder()
        .with_size(egui::vec2(1500.0, 1100.0))
        // Scrolling to a focused standard animates, and rows coming into view are styled
        // one frame late: a few frames more than the default before the window is idle.
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut AkreditApp| app.show(ui), app)
}

/// The facts a final result must hold besides its grades (issue 14): every field of the
/// application form and the check of each of the 13 documents (all presented). The
/// expert and the visit date are given when the inspection is made.
pub fn fact_changes() -> Vec<akredit::answers::Change> {
    use akredit::answers::{Change, Presented};
    let form = [
        ("ownership", "комунальна"),
        ("location", "м. Полтава, вул. Соборності, 1"),
        ("phone", "0532 00-00-00"),
        ("head", "Петренко П. П., головний лікар"),
    ];
    let mut changes: Vec<Change> = form
        .iter()
        .map(|(field, value)| Change::Centre {
            field: (*field).into(),
            value: (*value).into(),
        })
        .collect();
    changes.extend((1..=13).map(|number| Change::DocumentPresent {
        number,
        present: Some(Presented::Yes),
    }));
    changes
}

/// Records [`fact_changes`] in an inspection.
pub fn record_facts(insp: &mut akredit::inspection::Inspection) {
    insp.apply(&fact_changes()).expect("facts");
}

/// Records [`fact_changes`] in an inspection file with the command line.
pub fn record_facts_cli(file: &str, dir: &Path, home: &Path) {
    let run = Run::of(
        &[
            "centre",
            file,
            "ownership=комунальна",
            "location=м. Полтава, вул. Соборності, 1",
            "phone=0532 00-00-00",
            "head=Петренко П. П., головний лікар",
        ],
        dir,
        home,
    );
    assert_eq!(run.code(), Some(0), "{run:?}");
    for number in 1..=13 {
        let n = number.to_string();
        let run = Run::of(&["document", file, &n, "--present", "yes"], dir, home);
        assert_eq!(run.code(), Some(0), "{run:?}");
    }
}

/// The text of a PDF, by pdftotext; `None` when it is not installed (unless CI requires
/// it with AKREDIT_REQUIRE_PDFTOTEXT=1).
pub fn pdf_text(pdf: &Path) -> Option<String> {
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

/// A JPEG of `width` × `height` pixels whose pattern does not compress away, as a
/// camera's photo: made smaller, it takes far fewer bytes.
pub fn large_jpeg(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([
            (x % 251) as u8,
            (y % 241) as u8,
            ((x / 7 + y / 5) % 256) as u8,
        ])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 92)
        .encode_image(&picture)
        .expect("a JPEG in memory");
    jpeg
}
