//! A sandbox for one run of the binary, a snapshot of everything in it, and the
//! invariants every run must keep.
//!
//! The sandbox is a temporary root with three folders: `insp/` (the inspection's folder,
//! the binary's working directory), `home/` (the data folder, `AKREDIT_HOME`) and
//! `outside/`, which holds decoys that no command may ever touch: 25 files named like
//! backups (`scan--1.pdf` … `scan--25.pdf`, what the backup pruning would delete), a
//! genuine inspection `victim.akredit`, and a text file.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};
use tempfile::TempDir;

use crate::common::BIN;
use crate::genuine::Genuine;

/// A run still going after this long is a hang: it is killed and reported.
pub const LIMIT: Duration = Duration::from_secs(20);

/// The number of backup-like decoys in `outside/` (more than the 20 backups kept).
pub const DECOYS: usize = 25;

/// What one path in the sandbox is, without following links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A folder (its content is recorded under its own paths).
    Dir,
    /// A file: its size and SHA-256.
    File { len: u64, sha256: [u8; 32] },
    /// A symbolic link and where it points.
    Link(PathBuf),
    /// Anything else (a FIFO, a socket).
    Other,
}

impl Node {
    /// In words, with the first bytes of the hash.
    pub fn describe(&self) -> String {
        match self {
            Node::Dir => "a folder".into(),
            Node::File { len, sha256 } => {
                let hex: String = sha256[..4].iter().map(|b| format!("{b:02x}")).collect();
                format!("{len} bytes, SHA-256 {hex}…")
            }
            Node::Link(target) => format!("a link to {}", target.display()),
            Node::Other => "neither file, folder nor link".into(),
        }
    }
}

/// At most `n` items joined by "; ", and how many more there are.
pub fn first_few(items: &[String], n: usize) -> String {
    let mut text = items.iter().take(n).cloned().collect::<Vec<_>>().join("; ");
    if items.len() > n {
        text.push_str(&format!("; … and {} more", items.len() - n));
    }
    text
}

/// Every path under a root (relative to it), as it is at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot(pub BTreeMap<PathBuf, Node>);

impl Snapshot {
    /// Walks `root` without following links.
    pub fn of(root: &Path) -> Snapshot {
        let mut nodes = BTreeMap::new();
        walk(root, Path::new(""), &mut nodes);
        Snapshot(nodes)
    }

    /// What differs from `after` among the paths `in_scope` accepts: "created P",
    /// "changed P", "removed P".
    pub fn changes(&self, after: &Snapshot, in_scope: impl Fn(&Path) -> bool) -> Vec<String> {
        let mut out = Vec::new();
        for (path, node) in self.0.iter().filter(|(p, _)| in_scope(p)) {
            match after.0.get(path) {
                None => out.push(format!("removed {}", slashed(path))),
                Some(now) if now != node => out.push(format!(
                    "changed {} ({} → {})",
                    slashed(path),
                    node.describe(),
                    now.describe()
                )),
                Some(_) => {}
            }
        }
        for path in after.0.keys().filter(|p| in_scope(p)) {
            if !self.0.contains_key(path) {
                out.push(format!("created {}", slashed(path)));
            }
        }
        out
    }
}

/// A path inside the sandbox as the reports spell it on every system: `insp/h.akredit`
/// (Windows would show `insp\h.akredit`).
fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn walk(root: &Path, rel: &Path, nodes: &mut BTreeMap<PathBuf, Node>) {
    let full = root.join(rel);
    let Ok(meta) = fs::symlink_metadata(&full) else {
        return;
    };
    let node = if meta.file_type().is_symlink() {
        Node::Link(fs::read_link(&full).unwrap_or_default())
    } else if meta.is_dir() {
        Node::Dir
    } else if meta.is_file() {
        let bytes = fs::read(&full).unwrap_or_default();
        Node::File {
            len: meta.len(),
            sha256: Sha256::digest(&bytes).into(),
        }
    } else {
        Node::Other
    };
    let is_dir = node == Node::Dir;
    nodes.insert(rel.to_path_buf(), node);
    if is_dir && let Ok(entries) = fs::read_dir(&full) {
        for entry in entries.flatten() {
            walk(root, &rel.join(entry.file_name()), nodes);
        }
    }
}

/// Whether a path (relative to the root) is inside the inspection's folder.
pub fn in_insp(path: &Path) -> bool {
    path.starts_with("insp") && path != Path::new("insp")
}

/// Whether a path is neither the inspection's folder nor the data folder (nor in them).
pub fn outside_ours(path: &Path) -> bool {
    !path.starts_with("insp") && !path.starts_with("home")
}

/// One sandbox: `insp/`, `home/` with the signing key, `outside/` with the decoys.
pub struct Sandbox {
    root: TempDir,
    logs: TempDir,
}

impl Sandbox {
    /// Lays out a fresh sandbox with the genuine files.
    pub fn new(genuine: &Genuine) -> Sandbox {
        let sandbox = Sandbox {
            root: tempfile::tempdir().expect("sandbox root"),
            logs: tempfile::tempdir().expect("log folder"),
        };
        let (insp, home, outside) = (sandbox.insp(), sandbox.home(), sandbox.outside());
        for dir in [&insp, &home, &outside] {
            fs::create_dir(dir).expect("sandbox folder");
        }
        fs::write(insp.join("h.akredit"), &genuine.inspection).expect("h.akredit");
        fs::write(insp.join("s.csv"), &genuine.filled_csv).expect("s.csv");
        fs::write(insp.join("r0.json"), &genuine.result).expect("r0.json");
        genuine.install_key(&home);
        for i in 1..=DECOYS {
            let text = format!("%PDF-1.4 decoy scan {i}\n");
            fs::write(outside.join(format!("scan--{i}.pdf")), text).expect("decoy");
        }
        fs::write(outside.join("victim.akredit"), &genuine.victim).expect("victim");
        fs::write(outside.join("notes.txt"), "not yours to touch\n").expect("text decoy");
        sandbox
    }

    /// The temporary root.
    pub fn root(&self) -> &Path {
        self.root.path()
    }

    /// The inspection's folder (the binary's working directory).
    pub fn insp(&self) -> PathBuf {
        self.root().join("insp")
    }

    /// The data folder (`AKREDIT_HOME`).
    pub fn home(&self) -> PathBuf {
        self.root().join("home")
    }

    /// The folder no command may touch.
    pub fn outside(&self) -> PathBuf {
        self.root().join("outside")
    }

    /// The sandbox as it is now.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot::of(self.root())
    }

    /// Runs the binary in `insp/` with `args`, killing it after [`LIMIT`].
    pub fn run(&self, args: &[String]) -> Outcome {
        run_bin(args, &self.insp(), &self.home(), self.logs.path())
    }
}

/// What one run of the binary did.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The exit code (`None`: killed by a signal, or by us after [`LIMIT`]).
    pub code: Option<i32>,
    /// Killed after [`LIMIT`].
    pub timed_out: bool,
    /// Standard output (lossy UTF-8).
    pub stdout: String,
    /// Standard error (lossy UTF-8).
    pub stderr: String,
}

impl Outcome {
    /// The exit code and the first lines of stderr, for reports.
    pub fn brief(&self) -> String {
        let cut = |line: &str| -> String {
            match line.char_indices().nth(160) {
                Some((at, _)) => format!("{}…", &line[..at]),
                None => line.to_string(),
            }
        };
        let stderr: Vec<String> = self.stderr.lines().take(3).map(cut).collect();
        let stdout = cut(self.stdout.lines().next().unwrap_or(""));
        format!(
            "exit {:?}; stdout: {stdout}; stderr: {}",
            self.code,
            stderr.join(" / ")
        )
    }
}

/// Runs the binary in `cwd` with `AKREDIT_HOME=home`, output to files in `logs` (so a
/// long output never blocks it), killed after [`LIMIT`].
pub fn run_bin(args: &[String], cwd: &Path, home: &Path, logs: &Path) -> Outcome {
    let (out_path, err_path) = (logs.join("stdout"), logs.join("stderr"));
    let mut command = Command::new(BIN);
    command
        .args(args)
        .current_dir(cwd)
        .env("AKREDIT_HOME", home)
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path).expect("stdout log"))
        .stderr(fs::File::create(&err_path).expect("stderr log"));
    let mut child = crate::common::spawn(&mut command).expect("start akredit");
    let started = Instant::now();
    let (status, timed_out) = loop {
        if let Some(status) = child.try_wait().expect("wait for akredit") {
            break (Some(status), false);
        }
        if started.elapsed() > LIMIT {
            child.kill().ok();
            child.wait().ok();
            break (None, true);
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let read = |p: &Path| String::from_utf8_lossy(&fs::read(p).unwrap_or_default()).into_owned();
    Outcome {
        code: status.and_then(|s| s.code()),
        timed_out,
        stdout: read(&out_path),
        stderr: read(&err_path),
    }
}

/// The invariants of every run: (a) nothing outside `insp/` and `home/` created,
/// changed or removed; (b) a refusal (exit 1) leaves every entry of `insp/` as it was
/// and adds none; (c) no panic, no hang, no death by a signal; (d) a refusal says
/// `akredit: error:` on stderr. Returns what broke.
pub fn invariants(before: &Snapshot, after: &Snapshot, run: &Outcome) -> Vec<String> {
    let mut broken = Vec::new();
    if run.timed_out {
        broken.push(format!("hung: killed after {} s", LIMIT.as_secs()));
    } else if run.code == Some(101) || run.stderr.contains("panicked") {
        broken.push(format!("panicked: {}", run.brief()));
    } else if run.code.is_none() {
        broken.push("killed by a signal".to_string());
    }
    let outside = before.changes(after, outside_ours);
    if !outside.is_empty() {
        broken.push(format!(
            "touched files outside the inspection's folder and the data folder: {}",
            first_few(&outside, 4)
        ));
    }
    if run.code == Some(1) {
        let insp = before.changes(after, in_insp);
        if !insp.is_empty() {
            broken.push(format!(
                "refused, yet changed the inspection's folder: {}",
                first_few(&insp, 4)
            ));
        }
        if !run.stderr.contains("akredit: error:") {
            broken.push(format!(
                "refused without `akredit: error:` on stderr: {}",
                run.brief()
            ));
        }
    }
    broken
}
