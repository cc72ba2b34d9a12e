//! No acknowledged change is lost when the writing process is killed with SIGKILL.
//!
//! The test re-runs its own binary as a child that writes a long stream of changes to an
//! inspection and prints `ACK n` after each one is committed. The parent kills it at a
//! random moment, reopens the file, and checks that every acknowledged change is in the
//! history and the current state, that the state equals the history replayed, and that
//! `PRAGMA integrity_check` says ok. Every eighth change is followed by a photo attached
//! (bytes and record in one transaction): every acknowledged one is there, every one
//! there is whole. `AKREDIT_KILL_ROUNDS` sets the number of kills
//! (default 110); the ignored `many_kill_points` runs 1 000.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

use akredit::answers::{Answers, Change, Column};
use akredit::catalogue::{Catalogue, Code, ModelId};
use akredit::inspection::{Access, Inspection, NewInspection};

const CHILD_FILE: &str = "AKREDIT_CRASH_CHILD_FILE";
const CHILD_START: &str = "AKREDIT_CRASH_CHILD_START";

fn catalogue() -> Arc<Catalogue> {
    Arc::new(Catalogue::builtin().expect("built-in catalogue"))
}

fn codes(cat: &Catalogue) -> Vec<Code> {
    cat.model_standards(ModelId::Full)
        .map(|s| s.code.clone())
        .collect()
}

/// The change numbered `n`: a note naming `n`, and a grade, on a standard chosen by `n`.
fn changes_for(cat: &Catalogue, codes: &[Code], n: u64) -> Vec<Change> {
    let code = codes[(n as usize) % codes.len()].clone();
    let scale = cat.standard(&code).expect("standard").scale;
    let grades = scale.grades();
    vec![
        Change::Note {
            code: code.clone(),
            text: format!("ack {n}"),
        },
        Change::Grade {
            code,
            column: Column::Commission,
            grade: Some(grades[(n as usize / codes.len()) % grades.len()]),
        },
    ]
}

#[test]
#[ignore = "the child process of no_acknowledged_change_is_lost_under_sigkill"]
fn crash_child_writer() {
    let Some(file) = std::env::var_os(CHILD_FILE) else {
        return;
    };
    let start: u64 = std::env::var(CHILD_START)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let cat = catalogue();
    let codes = codes(&cat);
    let mut insp =
        Inspection::open(Path::new(&file), cat.clone(), Access::ReadWrite).expect("child open");
    let stdout = std::io::stdout();
    for n in start.. {
        insp.apply(&changes_for(&cat, &codes, n))
            .expect("child apply");
        if n % ATTACH_EVERY == 0 {
            let code = codes[(n as usize) % codes.len()].clone();
            insp.attach(
                akredit::answers::Target::Standard(code),
                &format!("ack {n}.jpg"),
                &photo(n),
                &format!("ack {n}"),
            )
            .expect("child attach");
        }
        let mut out = stdout.lock();
        writeln!(out, "ACK {n}").expect("stdout");
        out.flush().expect("flush");
    }
}

/// Every how many changes the child also attaches a photo (its bytes and record in one
/// transaction), so that kills land in the middle of attaching too.
const ATTACH_EVERY: u64 = 8;

/// A photo of 64 KiB, different for each `n`.
fn photo(n: u64) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
    bytes.extend(n.to_le_bytes().iter().cycle().take(64 * 1024));
    bytes
}

/// Every acknowledged attachment is in the file with its bytes; every attachment in the
/// file, acknowledged or not, is whole (its bytes hash to its record).
fn check_evidence(insp: &Inspection, acked: &[u64], round: u64, seed: u64) {
    let captions: std::collections::HashMap<String, u32> = insp
        .answers()
        .evidence
        .iter()
        .map(|(number, e)| (e.caption.clone(), *number))
        .collect();
    for n in acked.iter().filter(|n| *n % ATTACH_EVERY == 0) {
        assert!(
            captions.contains_key(&format!("ack {n}")),
            "round {round}: the photo of change {n} was acknowledged but is not in the file (seed {seed})"
        );
    }
    for (number, e) in &insp.answers().evidence {
        let bytes = insp
            .evidence_bytes(*number)
            .expect("read")
            .expect("its bytes");
        assert_eq!(
            akredit::support::hash::sha256_hex(&bytes),
            e.attachment.sha256,
            "round {round}: attachment {number} is not whole (seed {seed})"
        );
    }
}

/// A small deterministic generator, seeded from the clock and printed for reruns.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn run_rounds(rounds: u64) {
    let seed = std::env::var("AKREDIT_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64 | 1)
                .unwrap_or(88172645463325252)
        });
    eprintln!("kill test: {rounds} rounds, AKREDIT_KILL_SEED={seed}");
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("crash.akredit");
    let cat = catalogue();
    let codes = codes(&cat);
    drop(
        Inspection::create(
            &file,
            cat.clone(),
            &NewInspection {
                model: ModelId::Full,
                centre_name: "Crash test".into(),
                expert: String::new(),
                visit_date: None,
                purpose: Default::default(),
            },
        )
        .expect("create"),
    );
    let exe = std::env::current_exe().expect("test binary");
    let mut next: u64 = 0;
    let mut acknowledged_total = 0u64;
    let mut killed_mid_stream = 0u64;
    let started = Instant::now();
    for round in 0..rounds {
        let mut command = Command::new(&exe);
        command
            .args([
                "--exact",
                "crash_child_writer",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_FILE, &file)
            .env(CHILD_START, next.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let mut child = common::spawn(&mut command).expect("spawn child");
        let stdout = child.stdout.take().expect("child stdout");
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(n) = line
                    .strip_prefix("ACK ")
                    .and_then(|n| n.parse::<u64>().ok())
                    && tx.send(n).is_err()
                {
                    break;
                }
            }
        });
        // Wait for the first acknowledgement, then a random further time, so that kills
        // land during open, between commits and inside commits.
        let first = rx.recv_timeout(Duration::from_secs(20));
        let delay = rng.next() % 25_000;
        std::thread::sleep(Duration::from_micros(delay));
        child.kill().expect("SIGKILL");
        let status = child.wait().expect("wait");
        reader.join().expect("reader");
        let mut acked: Vec<u64> = first.into_iter().collect();
        acked.extend(rx.try_iter());
        if status.code().is_none() {
            killed_mid_stream += 1;
        }

        // Reopen as the expert would, and check every acknowledged change.
        let insp = Inspection::open(&file, cat.clone(), Access::ReadWrite)
            .unwrap_or_else(|e| panic!("round {round}: reopen failed: {e}"));
        insp.integrity_check()
            .unwrap_or_else(|e| panic!("round {round}: {e}"));
        let history = insp.history(None).expect("history");
        let notes: std::collections::HashSet<String> = history
            .iter()
            .filter(|h| h.altered.field().as_str() == "note")
            .filter_map(|h| h.altered.new_value().map(str::to_string))
            .collect();
        for n in &acked {
            assert!(
                notes.contains(&format!("ack {n}")),
                "round {round}: change {n} was acknowledged but is not in the history (seed {seed})"
            );
        }
        assert_eq!(
            &Answers::replay(history.iter().map(|h| &h.altered)),
            insp.answers(),
            "round {round}: the state differs from the history replayed"
        );
        check_evidence(&insp, &acked, round, seed);
        // The last acknowledged change (or a later one, committed but not yet printed)
        // is what the file holds for its standard.
        if let Some(&last) = acked.last() {
            let code = &codes[(last as usize) % codes.len()];
            let note = insp.answers().get(code).note.clone();
            let held: u64 = note
                .strip_prefix("ack ")
                .and_then(|n| n.parse().ok())
                .expect("note");
            assert!(
                held >= last,
                "round {round}: {code} holds {note:?}, acknowledged ack {last}"
            );
        }
        // Continue after the highest number the file holds, acknowledged or not.
        next = notes
            .iter()
            .filter_map(|n| n.strip_prefix("ack ").and_then(|n| n.parse::<u64>().ok()))
            .max()
            .map_or(0, |m| m + 1);
        acknowledged_total += acked.len() as u64;
    }
    eprintln!(
        "kill test: {rounds} kills ({killed_mid_stream} by SIGKILL), {acknowledged_total} acknowledged changes verified, {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(
        acknowledged_total >= rounds,
        "every round acknowledged at least one change"
    );
    assert_eq!(
        killed_mid_stream, rounds,
        "every child died by the signal, mid-stream"
    );
}

#[test]
fn no_acknowledged_change_is_lost_under_sigkill() {
    let rounds = std::env::var("AKREDIT_KILL_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(110);
    run_rounds(rounds);
}

#[test]
#[ignore = "long: 1 000 kill points (run with --ignored)"]
fn many_kill_points() {
    run_rounds(1000);
}
