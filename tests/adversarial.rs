//! The adversarial harness: hostile, damaged and linked files (issue 12).
//!
//! An inspection file or a result is something people receive from others. These tests
//! prove that whatever such a file holds, akredit never touches anything outside the
//! inspection's own folder and the data folder, that every refusal leaves the
//! inspection's folder byte-identical, that nothing panics or hangs, and that crafted
//! or damaged inspections are refused (or, when only read, reported as damaged).
//!
//! - `hostile_corpus_*`: a corpus of crafted inspections and links (see `corpus.rs`,
//!   `links.rs`), every command run on each in a fresh sandbox (`sandbox.rs`);
//!   `AKREDIT_CORPUS_CASE=TEXT` runs only the cases whose name contains TEXT.
//! - `fuzz_*`: mutants of genuine files fed to each parser in-process, and a sample of
//!   mutated inspections through the binary. `AKREDIT_FUZZ_SEED` replays a run (the
//!   seed is printed), `AKREDIT_FUZZ_CASES` sets the number of cases per loop (default
//!   2 000), `AKREDIT_FUZZ_BINARY_CASES` the number of files through the binary
//!   (default 200); the `--ignored` twins run 20 000 (2 000 files). The figures are
//!   printed (`--nocapture`).

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

#[path = "adversarial/corpus.rs"]
mod corpus;
#[path = "adversarial/fuzz.rs"]
mod fuzz;
#[path = "adversarial/genuine.rs"]
mod genuine;
#[path = "adversarial/lanes.rs"]
mod lanes;
#[cfg(unix)]
#[path = "adversarial/links.rs"]
mod links;
#[path = "adversarial/mutate.rs"]
mod mutate;
#[path = "adversarial/sandbox.rs"]
mod sandbox;

use std::sync::Arc;
use std::time::Instant;

use corpus::{Case, Cmd, Expect};
use fuzz::{CaseFn, Figures, Verdict, report, run_loop};
use genuine::genuine;
use mutate::{Rng, cases_from_env, seed_from_env};
use sandbox::{Sandbox, invariants};

/// Cases per in-process loop in the default run, and in the `--ignored` twins.
const CASES: u64 = 2_000;
const MANY_CASES: u64 = 20_000;

/// Mutated inspections run through the binary in the default run, and in the twin.
const BINARY_CASES: u64 = 200;
const MANY_BINARY_CASES: u64 = 2_000;

/// Runs `cmd` on `case` in a fresh sandbox; returns what broke, each line naming both.
fn run_case(case: &Case, cmd: &Cmd) -> Vec<String> {
    let sandbox = Sandbox::new(genuine());
    (case.build)(&sandbox);
    let before = sandbox.snapshot();
    let run = sandbox.run(&cmd.args);
    let after = sandbox.snapshot();
    let mut broken = invariants(&before, &after, &run);
    broken.extend(Expect::of(case, cmd).unmet(&run));
    broken
        .into_iter()
        .map(|what| format!("{} × {}: {what}", case.name, cmd.label()))
        .collect()
}

/// Every command on every hostile inspection and link keeps the invariants: nothing
/// outside `insp/` and `home/` is created, changed or removed; a refusal (exit 1) leaves
/// `insp/` byte-identical with no file added and says `akredit: error:`; no panic, no
/// hang. And each does what its case demands: the genuine control succeeds; files that
/// are not exactly ours (foreign schema objects, a hostile or missing meta value, WAL,
/// truncation) are refused by every command; damaged content is refused by writing
/// commands and by those writing an output, and read commands refuse it or say
/// "damaged"; an output that is a link is refused. All violations are listed at once.
#[test]
fn hostile_corpus_never_escapes_and_refusals_change_nothing() {
    let started = Instant::now();
    // AKREDIT_CORPUS_CASE=TEXT runs only the cases whose name contains TEXT.
    let only = std::env::var("AKREDIT_CORPUS_CASE").unwrap_or_default();
    let cases: Vec<Case> = corpus::cases()
        .into_iter()
        .filter(|c| c.name.contains(&only))
        .collect();
    let (mut violations, mut tally) = (Vec::new(), Vec::new());
    let mut runs = 0;
    for case in &cases {
        let failing = case
            .commands
            .iter()
            .map(|cmd| run_case(case, cmd))
            .filter(|broken| !broken.is_empty())
            .inspect(|broken| violations.extend(broken.iter().cloned()))
            .count();
        runs += case.commands.len();
        if failing > 0 {
            tally.push(format!(
                "  {}: {failing} of {} commands",
                case.name,
                case.commands.len()
            ));
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!("corpus: the damaged page: {}", corpus::damaged_page().1);
    println!(
        "corpus: {} cases, {runs} runs, {} violations, {seconds:.1} s ({:.0} runs/s)",
        cases.len(),
        violations.len(),
        runs as f64 / seconds
    );
    assert!(
        violations.is_empty(),
        "{} violations in {runs} runs; cases with failing commands:\n{}\n\n{}",
        violations.len(),
        tally.join("\n"),
        violations.join("\n")
    );
}

fn fuzz(lane: &'static str, default_cases: u64, check: Arc<CaseFn>) {
    let (figures, failures) = run_loop(lane, cases_from_env(default_cases), check);
    report(&figures, &failures);
}

/// No mutant of a genuine signed result (bytes flipped, replaced, inserted, deleted,
/// duplicated, cut; numbers and strings changed, keys dropped, duplicated or reordered)
/// panics or hangs `verify`, and every mutant whose bytes differ fails verification.
#[test]
fn fuzz_verify_refuses_every_changed_result() {
    fuzz("verify", CASES, lanes::signed_result());
}

/// Twin of `fuzz_verify_refuses_every_changed_result` with 20 000 cases.
#[test]
#[ignore = "long: 20 000 cases"]
fn fuzz_verify_refuses_every_changed_result_many() {
    fuzz("verify", MANY_CASES, lanes::signed_result());
}

/// No mutant of a centre's signed self-assessment JSON panics or hangs the reader.
#[test]
fn fuzz_self_assessment_json_never_panics() {
    fuzz("self-assessment json", CASES, lanes::self_assessment_json());
}

/// Twin of `fuzz_self_assessment_json_never_panics` with 20 000 cases.
#[test]
#[ignore = "long: 20 000 cases"]
fn fuzz_self_assessment_json_never_panics_many() {
    fuzz(
        "self-assessment json",
        MANY_CASES,
        lanes::self_assessment_json(),
    );
}

/// No mutant of a filled-in CSV template (lines dropped, duplicated, swapped, cells
/// made hostile, bytes edited) panics or hangs the reader.
#[test]
fn fuzz_self_assessment_csv_never_panics() {
    fuzz("self-assessment csv", CASES, lanes::self_assessment_csv());
}

/// Twin of `fuzz_self_assessment_csv_never_panics` with 20 000 cases.
#[test]
#[ignore = "long: 20 000 cases"]
fn fuzz_self_assessment_csv_never_panics_many() {
    fuzz(
        "self-assessment csv",
        MANY_CASES,
        lanes::self_assessment_csv(),
    );
}

/// No mutant of the catalogue JSON panics or hangs `Catalogue::from_json`.
#[test]
fn fuzz_catalogue_never_panics() {
    fuzz("catalogue", CASES, lanes::catalogue_json());
}

/// Twin of `fuzz_catalogue_never_panics` with 20 000 cases.
#[test]
#[ignore = "long: 20 000 cases"]
fn fuzz_catalogue_never_panics_many() {
    fuzz("catalogue", MANY_CASES, lanes::catalogue_json());
}

/// No byte-mutated inspection panics or hangs `Inspection::open` (read-only, and
/// read-write with `apply` of one grade); a read-only open never changes the file, and
/// a refused read-write open or change leaves it byte-identical.
#[test]
fn fuzz_inspection_files_refused_unchanged() {
    fuzz("inspection", CASES, lanes::inspection_file());
}

/// Twin of `fuzz_inspection_files_refused_unchanged` with 20 000 cases.
#[test]
#[ignore = "long: 20 000 cases"]
fn fuzz_inspection_files_refused_unchanged_many() {
    fuzz("inspection", MANY_CASES, lanes::inspection_file());
}

/// Byte-mutated inspections through `akredit score` and `akredit summary` in the sandbox
/// keep the invariants of every run (nothing outside touched, a refusal changes nothing
/// and says so, no panic, no hang). `AKREDIT_FUZZ_BINARY_CASES` sets the count.
#[test]
fn fuzz_binary_on_mutated_inspections_keeps_invariants() {
    binary_sample(BINARY_CASES);
}

/// Twin of `fuzz_binary_on_mutated_inspections_keeps_invariants` with 2 000 files.
#[test]
#[ignore = "long: 2 000 files"]
fn fuzz_binary_on_mutated_inspections_keeps_invariants_many() {
    binary_sample(MANY_BINARY_CASES);
}

fn binary_sample(default_cases: u64) {
    let cases = std::env::var("AKREDIT_FUZZ_BINARY_CASES")
        .ok()
        .and_then(|t| t.trim().parse().ok())
        .unwrap_or(default_cases);
    let seed = seed_from_env();
    let mut figures = Figures {
        lane: "binary score+summary",
        seed,
        ..Figures::default()
    };
    let mut failures = Vec::new();
    let started = Instant::now();
    for index in 0..cases {
        let mutant = lanes::inspection_mutant(&mut Rng::for_case(seed, "binary", index));
        for args in [
            &["score", "h.akredit", "1.1.3=1"][..],
            &["summary", "h.akredit"],
        ] {
            let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
            let sandbox = Sandbox::new(genuine());
            std::fs::write(sandbox.insp().join("h.akredit"), &mutant).expect("mutant");
            let before = sandbox.snapshot();
            let run = sandbox.run(&args);
            let after = sandbox.snapshot();
            let at = format!("seed {seed:#x}, case {index}, `{}`", args.join(" "));
            failures.extend(
                invariants(&before, &after, &run)
                    .into_iter()
                    .map(|w| format!("{at}: {w}")),
            );
            figures.count(match run.code {
                Some(0) => Verdict::Accepted,
                _ => Verdict::Refused,
            });
        }
    }
    figures.seconds = started.elapsed().as_secs_f64();
    report(&figures, &failures);
}

/// The invariant checker is not vacuous: a change in `outside/`, a change and a new
/// file in `insp/` after a refusal, a refusal without `akredit: error:`, and a panic
/// are each reported.
#[test]
fn the_invariant_checker_notices_what_it_must() {
    let sandbox = Sandbox::new(genuine());
    let before = sandbox.snapshot();
    std::fs::write(sandbox.outside().join("scan--3.pdf"), "changed").expect("decoy");
    std::fs::remove_file(sandbox.outside().join("scan--4.pdf")).expect("decoy");
    std::fs::write(sandbox.insp().join("h.akredit"), "changed").expect("inspection");
    std::fs::write(sandbox.insp().join(".h.akredit.lock"), "left").expect("lock");
    let after = sandbox.snapshot();
    let refused = sandbox::Outcome {
        code: Some(1),
        timed_out: false,
        stdout: String::new(),
        stderr: "thread 'main' panicked at src/cli.rs".into(),
    };
    let broken = invariants(&before, &after, &refused).join("\n");
    for expected in [
        "panicked",
        "changed outside/scan--3.pdf",
        "removed outside/scan--4.pdf",
        "changed insp/h.akredit",
        "created insp/.h.akredit.lock",
        "refused without `akredit: error:`",
    ] {
        assert!(
            broken.contains(expected),
            "{expected:?} not reported in:\n{broken}"
        );
    }
    let fine = sandbox::Outcome {
        code: Some(0),
        stderr: String::new(),
        ..refused
    };
    let unchanged = invariants(&before, &before, &fine);
    assert!(unchanged.is_empty(), "{unchanged:?}");
}
