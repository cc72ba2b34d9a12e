//! The hostile-inspection corpus: named ways to turn the genuine `insp/h.akredit` (and
//! what lies beside it) into a file someone crafted or a disk damaged, the commands run
//! on each, and what each command must do with it.

use std::fs;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use akredit::catalogue::Catalogue;
use akredit::inspection::{Access, Inspection};
use rusqlite::Connection;

use crate::genuine::genuine;
use crate::sandbox::{Outcome, Sandbox};

/// What a case is, and so what the commands must do with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// The genuine file, untouched: every command succeeds (the harness's own control).
    Control,
    /// Not exactly one of our files (foreign schema objects, a hostile or missing meta
    /// value, WAL mode, truncation): every command is refused.
    NotOurs,
    /// One of our files with damaged content: writing (and writing an output from it)
    /// is refused; reading is refused, or says "damaged" on stderr first.
    Damaged,
    /// Links beside or instead of our files: anything may succeed or be refused, but
    /// nothing is written through a link, and an output that is a link is refused.
    Link,
}

/// What a command does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Changes the inspection.
    Writes,
    /// Writes an output file (export, protocol, commission --csv).
    Outputs,
    /// Only reads.
    Reads,
}

/// One command of the corpus test.
#[derive(Debug, Clone)]
pub struct Cmd {
    /// Its arguments (it runs in `insp/`).
    pub args: Vec<String>,
    /// What it does.
    pub effect: Effect,
    /// The output file it writes, if any (relative to `insp/`).
    pub output: Option<&'static str>,
}

impl Cmd {
    fn new(effect: Effect, output: Option<&'static str>, args: &[&str]) -> Cmd {
        Cmd {
            args: args.iter().map(|a| a.to_string()).collect(),
            effect,
            output,
        }
    }

    /// `akredit ARGS…`, for reports.
    pub fn label(&self) -> String {
        format!("`{}`", self.args.join(" "))
    }
}

/// The commands run on every hostile inspection.
pub fn inspection_commands() -> Vec<Cmd> {
    use Effect::*;
    vec![
        Cmd::new(Writes, None, &["score", "h.akredit", "1.1.3=1"]),
        Cmd::new(Writes, None, &["note", "h.akredit", "1.1.3", "x"]),
        Cmd::new(
            Writes,
            None,
            &["na", "h.akredit", "1.1.1.5", "--reason", "r"],
        ),
        Cmd::new(Writes, None, &["centre", "h.akredit", "location=x"]),
        Cmd::new(
            Writes,
            None,
            &["document", "h.akredit", "2", "--present", "yes"],
        ),
        export_command(),
        Cmd::new(Writes, None, &["import-self", "h.akredit", "s.csv"]),
        Cmd::new(
            Writes,
            None,
            &[
                "team",
                "h.akredit",
                "add",
                "Петренко Іван",
                "--role",
                "expert",
            ],
        ),
        Cmd::new(Reads, None, &["summary", "h.akredit"]),
        Cmd::new(Reads, None, &["show", "h.akredit"]),
        Cmd::new(Reads, None, &["history", "h.akredit"]),
        Cmd::new(Reads, None, &["backups", "h.akredit"]),
        Cmd::new(
            Writes,
            None,
            &[
                "recommend",
                "h.akredit",
                "1.1.3",
                "x",
                "--due",
                "2027-03-31",
            ],
        ),
        protocol_command(),
        action_plan_command(),
        // The DOCX is read from the file as the PDF is, and `conclusion` writes as `note`
        // does: under Wine each command costs a second a case, so they are left to the
        // link cases and the CLI tests.
        conclusion_pdf_command(),
    ]
}

pub fn action_plan_command() -> Cmd {
    let args = ["action-plan", "h.akredit", "--out", "a.csv"];
    Cmd::new(Effect::Outputs, Some("a.csv"), &args)
}

pub fn conclusion_pdf_command() -> Cmd {
    let args = ["conclusion-doc", "h.akredit", "--out", "c.pdf"];
    Cmd::new(Effect::Outputs, Some("c.pdf"), &args)
}

pub fn conclusion_docx_command() -> Cmd {
    let args = ["conclusion-doc", "h.akredit", "--out", "c.docx"];
    Cmd::new(Effect::Outputs, Some("c.docx"), &args)
}

pub fn export_command() -> Cmd {
    let args = ["export", "h.akredit", "--out", "r.json", "--draft"];
    Cmd::new(Effect::Outputs, Some("r.json"), &args)
}

pub fn protocol_command() -> Cmd {
    let args = ["protocol", "h.akredit", "--out", "p.pdf"];
    Cmd::new(Effect::Outputs, Some("p.pdf"), &args)
}

pub fn commission_command() -> Cmd {
    let args = ["commission", "r0.json", "--csv", "o.csv"];
    Cmd::new(Effect::Outputs, Some("o.csv"), &args)
}

/// What a command must do with a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Exit 0.
    Succeeds,
    /// Exit 1.
    Refused,
    /// Exit 1, or exit 0 after a warning with the word "damaged" on stderr.
    RefusedOrWarnsDamaged,
    /// Any exit (the invariants still hold).
    Either,
}

impl Expect {
    /// What the command must do with a case of this class.
    pub fn of(case: &Case, cmd: &Cmd) -> Expect {
        match case.class {
            Class::Control => Expect::Succeeds,
            Class::NotOurs => Expect::Refused,
            Class::Damaged if cmd.effect == Effect::Reads => Expect::RefusedOrWarnsDamaged,
            Class::Damaged => Expect::Refused,
            Class::Link if cmd.output.is_some_and(|o| case.linked_outputs.contains(&o)) => {
                Expect::Refused
            }
            Class::Link => Expect::Either,
        }
    }

    /// `None` when the run did what was expected, otherwise what it did instead.
    pub fn unmet(self, run: &Outcome) -> Option<String> {
        let warned = run.stderr.to_lowercase().contains("damaged");
        let met = match self {
            Expect::Succeeds => run.code == Some(0),
            Expect::Refused => run.code == Some(1),
            Expect::RefusedOrWarnsDamaged => run.code == Some(1) || (run.code == Some(0) && warned),
            Expect::Either => true,
        };
        (!met).then(|| format!("expected {self:?}, got {}", run.brief()))
    }
}

/// How a case turns a fresh sandbox hostile.
pub type Build = Box<dyn Fn(&Sandbox) + Send + Sync>;

/// One hostile case.
pub struct Case {
    /// What it is.
    pub name: String,
    /// What the commands must do with it.
    pub class: Class,
    /// The commands run on it, each in a fresh sandbox.
    pub commands: Vec<Cmd>,
    /// Output names (in `insp/`) that the case made into links.
    pub linked_outputs: Vec<&'static str>,
    /// Makes the case in a fresh sandbox.
    pub build: Build,
}

fn case(name: &str, class: Class, build: Build) -> Case {
    let mut commands = inspection_commands();
    if class == Class::Control {
        commands.push(commission_command());
    }
    Case {
        name: name.to_string(),
        class,
        commands,
        linked_outputs: Vec::new(),
        build,
    }
}

/// Runs SQL on the sandbox's `insp/h.akredit` with an ordinary connection.
pub fn sql(sandbox: &Sandbox, statements: &str) {
    let conn = Connection::open(sandbox.insp().join("h.akredit")).expect("open h.akredit");
    conn.execute_batch(statements)
        .unwrap_or_else(|e| panic!("{statements}: {e}"));
}

fn set_inspection_id(sandbox: &Sandbox, id: &str) {
    let conn = Connection::open(sandbox.insp().join("h.akredit")).expect("open h.akredit");
    conn.execute(
        "UPDATE meta SET value = ?1 WHERE key = 'inspection_id'",
        [id],
    )
    .expect("set inspection_id");
}

fn sql_case(name: &str, class: Class, statements: impl Into<String>) -> Case {
    let statements = statements.into();
    case(
        name,
        class,
        Box::new(move |s: &Sandbox| sql(s, &statements)),
    )
}

fn id_case(name: &str, id: impl Fn(&Sandbox) -> String + Send + Sync + 'static) -> Case {
    case(
        name,
        Class::NotOurs,
        Box::new(move |s: &Sandbox| set_inspection_id(s, &id(s))),
    )
}

/// Every case: the control, then the hostile files, then (on Unix) the links.
pub fn cases() -> Vec<Case> {
    let mut all = vec![case(
        "genuine file (control)",
        Class::Control,
        Box::new(|_: &Sandbox| {}),
    )];
    all.extend(hostile_ids());
    all.extend(foreign_schemas());
    all.extend(broken_files());
    all.extend(damaged_content());
    #[cfg(unix)]
    all.extend(crate::links::cases());
    all
}

fn hostile_ids() -> Vec<Case> {
    vec![
        id_case("inspection_id = absolute path of outside/", |s| {
            s.outside().display().to_string()
        }),
        id_case("inspection_id = ../../outside", |_| "../../outside".into()),
        id_case("inspection_id = ..", |_| "..".into()),
        id_case("inspection_id with a slash", |_| "a/b".into()),
        id_case("inspection_id with a backslash", |_| "a\\b".into()),
        id_case("inspection_id empty", |_| String::new()),
        id_case("inspection_id of 10 000 characters", |_| "x".repeat(10_000)),
    ]
}

fn foreign_schemas() -> Vec<Case> {
    use Class::NotOurs;
    vec![
        sql_case(
            "trigger on history",
            NotOurs,
            "CREATE TRIGGER t AFTER INSERT ON history BEGIN UPDATE answer SET commission = 3; END;",
        ),
        sql_case("a view", NotOurs, "CREATE VIEW v AS SELECT * FROM answer;"),
        sql_case(
            "extra column on answer",
            NotOurs,
            "ALTER TABLE answer ADD COLUMN extra TEXT;",
        ),
        sql_case("extra table", NotOurs, "CREATE TABLE extra (x);"),
        sql_case(
            "extra index",
            NotOurs,
            "CREATE INDEX extra_index ON answer (note);",
        ),
        sql_case(
            "meta without model",
            NotOurs,
            "DELETE FROM meta WHERE key = 'model';",
        ),
    ]
}

fn broken_files() -> Vec<Case> {
    vec![
        case(
            "WAL mode set in the header",
            Class::NotOurs,
            Box::new(set_wal),
        ),
        case(
            "truncated to half its size",
            Class::NotOurs,
            Box::new(truncate_half),
        ),
    ]
}

fn set_wal(sandbox: &Sandbox) {
    let path = sandbox.insp().join("h.akredit");
    {
        let conn = Connection::open(&path).expect("open h.akredit");
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .expect("WAL");
        assert_eq!(mode, "wal");
    }
    let header = fs::read(&path).expect("read");
    assert_eq!((header[18], header[19]), (2, 2), "WAL in the header");
    assert!(
        !sandbox.insp().join("h.akredit-wal").exists(),
        "WAL file checkpointed"
    );
}

fn truncate_half(sandbox: &Sandbox) {
    let path = sandbox.insp().join("h.akredit");
    let bytes = fs::read(&path).expect("read");
    fs::write(&path, &bytes[..bytes.len() / 2]).expect("truncate");
}

fn damaged_content() -> Vec<Case> {
    use Class::Damaged;
    let at = "'2026-11-23T10:00:00.000Z'";
    let answer = |code: &str| {
        format!(
            "INSERT INTO answer (code, commission, note, changed_at) VALUES ('{code}', 3, '', {at});"
        )
    };
    vec![
        sql_case(
            "off-scale grade 7 (CHECK bypassed)",
            Damaged,
            "PRAGMA ignore_check_constraints = ON; UPDATE answer SET commission = 7 WHERE code = '1.1.1.1';",
        ),
        sql_case("answer with unknown code 9.9.9", Damaged, answer("9.9.9")),
        sql_case("answer with heading code 1.1.4", Damaged, answer("1.1.4")),
        sql_case(
            "history does not replay (answer changed without a history row)",
            Damaged,
            "UPDATE answer SET commission = 0 WHERE code = '1.1.1.1';",
        ),
        sql_case(
            "history row with an unknown subject",
            Damaged,
            format!(
                "INSERT INTO history (at, subject, code, field, old, new) VALUES ({at}, 'martian', NULL, 'x', NULL, 'y');"
            ),
        ),
        case(
            "damaged b-tree page (integrity_check fails, the file still opens)",
            Damaged,
            Box::new(|s: &Sandbox| {
                fs::write(s.insp().join("h.akredit"), &damaged_page().0).expect("damaged page")
            }),
        ),
    ]
}

/// The genuine inspection with bytes overwritten in the middle of one b-tree page's
/// cell content, chosen so that `PRAGMA integrity_check` fails while akredit still
/// opens the file and reads its history: damage that nothing but a check notices.
/// Found once, by search.
/// Returns the bytes and where and how they were damaged.
pub fn damaged_page() -> &'static (Vec<u8>, String) {
    static DAMAGED: OnceLock<(Vec<u8>, String)> = OnceLock::new();
    DAMAGED.get_or_init(|| {
        let original = &genuine().inspection;
        let dir = tempfile::tempdir().expect("tempdir");
        let page = page_size(original);
        for number in 1..original.len() / page {
            let (start, end) = (number * page, (number + 1) * page);
            let content = u16::from_be_bytes([original[start + 5], original[start + 6]]) as usize;
            let first = start + content.max(8);
            for at in (first + (end - first) / 2..end - 4).step_by(5) {
                let mut bytes = original.clone();
                bytes[at..at + 4].copy_from_slice(&[0xFF, 0x00, 0xFF, 0x00]);
                if let Some(check) = silently_damaged(dir.path(), &bytes) {
                    let first_line = check.lines().next().unwrap_or_default().to_string();
                    let page_number = number + 1;
                    return (
                        bytes,
                        format!("page {page_number}, byte {at}: {first_line}"),
                    );
                }
            }
        }
        panic!("no page of the genuine inspection could be damaged silently")
    })
}

fn page_size(db: &[u8]) -> usize {
    match u16::from_be_bytes([db[16], db[17]]) {
        1 => 65_536,
        n => n as usize,
    }
}

/// What `PRAGMA integrity_check` says of `bytes` when it fails while akredit itself
/// opens them and reads all their history.
fn silently_damaged(dir: &Path, bytes: &[u8]) -> Option<String> {
    let path = dir.join("candidate.akredit");
    fs::write(&path, bytes).expect("candidate");
    let catalogue = Arc::new(Catalogue::builtin().expect("catalogue"));
    let opens = Inspection::open(&path, catalogue, Access::ReadOnly)
        .and_then(|insp| insp.history(None))
        .is_ok();
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
    let check = Connection::open_with_flags(&path, flags)
        .and_then(|c| c.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0)))
        .unwrap_or_else(|e| e.to_string());
    (opens && check != "ok").then_some(check)
}
