//! The fuzz loop: each case in a worker thread under `catch_unwind`, with a time limit,
//! and the figures of the loop.

use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use crate::mutate::{Rng, seed_from_env};

/// A case still running after this long is a hang.
pub const CASE_LIMIT: Duration = Duration::from_secs(10);

/// What a parser did with one mutant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Refused it (an error, or a verification that does not hold).
    Refused,
    /// Accepted it.
    Accepted,
    /// The mutant happened to equal the input.
    Unchanged,
}

/// One case: makes its mutant with the case's generator, runs the parser, and says what
/// it did, or what went wrong (`Err`).
pub type CaseFn = dyn Fn(&mut Rng) -> Result<Verdict, String> + Send + Sync;

/// The figures of one loop.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    /// Which loop.
    pub lane: &'static str,
    /// The seed (reproduce with `AKREDIT_FUZZ_SEED`).
    pub seed: u64,
    /// Cases run.
    pub cases: u64,
    /// Mutants refused.
    pub refused: u64,
    /// Mutants accepted.
    pub accepted: u64,
    /// Mutants equal to their input.
    pub unchanged: u64,
    /// Wall time.
    pub seconds: f64,
}

impl Figures {
    /// Counts one verdict.
    pub fn count(&mut self, verdict: Verdict) {
        self.cases += 1;
        match verdict {
            Verdict::Refused => self.refused += 1,
            Verdict::Accepted => self.accepted += 1,
            Verdict::Unchanged => self.unchanged += 1,
        }
    }
}

impl fmt::Display for Figures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "fuzz {}: {} cases, {} refused, {} accepted, {} unchanged, {:.1} s ({:.0} cases/s), seed {:#x}",
            self.lane,
            self.cases,
            self.refused,
            self.accepted,
            self.unchanged,
            self.seconds,
            self.cases as f64 / self.seconds.max(1e-9),
            self.seed
        )
    }
}

/// Runs `cases` cases of `check`, each in its own thread, stopping at the first hang.
/// Returns the figures and every failure, each naming the seed and the case's index.
pub fn run_loop(lane: &'static str, cases: u64, check: Arc<CaseFn>) -> (Figures, Vec<String>) {
    let seed = seed_from_env();
    let mut figures = Figures {
        lane,
        seed,
        ..Figures::default()
    };
    let mut failures = Vec::new();
    let started = Instant::now();
    for index in 0..cases {
        let (tx, rx) = mpsc::channel();
        let check = Arc::clone(&check);
        std::thread::Builder::new()
            .name(format!("{lane}-{index}"))
            .spawn(move || {
                let mut rng = Rng::for_case(seed, lane, index);
                tx.send(catch_unwind(AssertUnwindSafe(|| check(&mut rng))))
                    .ok();
            })
            .expect("worker thread");
        let at = format!("{lane}: seed {seed:#x}, case {index}");
        match rx.recv_timeout(CASE_LIMIT) {
            Ok(Ok(Ok(verdict))) => figures.count(verdict),
            Ok(Ok(Err(what))) => {
                figures.cases += 1;
                failures.push(format!("{at}: {what}"));
            }
            Ok(Err(panic)) => {
                figures.cases += 1;
                failures.push(format!("{at}: panicked: {}", panic_text(&*panic)));
            }
            Err(_) => {
                failures.push(format!("{at}: hung (no answer after {CASE_LIMIT:?})"));
                break;
            }
        }
    }
    figures.seconds = started.elapsed().as_secs_f64();
    (figures, failures)
}

/// The message of a panic payload.
pub fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into())
}

/// Prints the figures and fails with every failure listed (the first 40, and a count).
pub fn report(figures: &Figures, failures: &[String]) {
    println!("{figures}");
    if failures.is_empty() {
        return;
    }
    let shown: Vec<&str> = failures.iter().take(40).map(String::as_str).collect();
    panic!(
        "{} of {} cases failed (rerun with AKREDIT_FUZZ_SEED={:#x}):\n{}{}",
        failures.len(),
        figures.cases,
        figures.seed,
        shown.join("\n"),
        if failures.len() > shown.len() {
            format!("\n… and {} more", failures.len() - shown.len())
        } else {
            String::new()
        }
    );
}
