//! `akredit bench`: speed figures measured against a baseline taken in the same run, so
//! that a noisy, shared machine still gives comparable ratios.
//!
//! | file | what it measures |
//! |---|---|
//! | `store.rs` | opening, saving durably (against a bare fsync), the scored inspection used by the rest |
//! | `signing.rs` | signing and verifying results |
//! | `commission.rs` | the commission overview over many results |
//! | `team.rs` | merging two members' signed parts into the group's inspection |
//! | `evidence.rs` | attaching a photo (as given, made smaller), the file's growth, the frame with 200 thumbnails |
//! | `window.rs` | the window: frames against the 60 Hz budget, the cold start |
//! | `frames.rs` | a frame of the window run without a GPU, per scenario |
//! | `startup.rs` | the probe the cold start runs the window inside |

use std::fs;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::catalogue::Catalogue;
use crate::inspection::StoreError;

mod commission;
mod evidence;
mod frames;
mod signing;
pub mod startup;
mod store;
mod team;
mod window;

pub use store::scored_inspection;

/// One measured figure.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// What was measured.
    pub name: String,
    /// Median time, milliseconds (as a decimal string: no floats in our JSON).
    pub median_ms: String,
    /// 99th percentile, milliseconds.
    pub p99_ms: String,
    /// The baseline it is compared with.
    pub baseline: String,
    /// The baseline's median, milliseconds.
    pub baseline_ms: String,
    /// median / baseline, e.g. "1.42".
    pub ratio: String,
    /// The goal, in words.
    pub goal: String,
    /// Whether the goal is met.
    pub met: bool,
    /// Samples taken.
    pub samples: usize,
}

/// All figures of a run.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Logical CPUs of this machine.
    pub cpus: usize,
    /// The folder the files were written in.
    pub folder: String,
    /// Quick mode (fewer samples).
    pub quick: bool,
    /// The figures.
    pub figures: Vec<Figure>,
    /// What is measured once rather than timed: binary size, the window's memory, or
    /// why a measurement was skipped.
    pub facts: Vec<Fact>,
}

/// A measured value that is not a time.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// What it is.
    pub name: String,
    /// Its value, in words and units.
    pub value: String,
}

pub(crate) fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

pub(crate) fn percentile(sorted: &[Duration], p: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let idx = (sorted.len() * p).div_ceil(100).saturating_sub(1);
    sorted[idx.min(sorted.len() - 1)]
}

pub(crate) fn time_n(
    n: usize,
    mut f: impl FnMut(usize) -> Result<(), StoreError>,
) -> Result<Vec<Duration>, StoreError> {
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let t = Instant::now();
        f(i)?;
        out.push(t.elapsed());
    }
    out.sort();
    Ok(out)
}

pub(crate) fn figure(
    name: &str,
    samples: &[Duration],
    baseline_name: &str,
    baseline: Duration,
    goal: &str,
    met: impl Fn(Duration, Duration, f64) -> bool,
) -> Figure {
    let median = percentile(samples, 50);
    let p99 = percentile(samples, 99);
    let ratio = if baseline.is_zero() {
        0.0
    } else {
        median.as_secs_f64() / baseline.as_secs_f64()
    };
    Figure {
        name: name.to_string(),
        median_ms: ms(median),
        p99_ms: ms(p99),
        baseline: baseline_name.to_string(),
        baseline_ms: ms(baseline),
        ratio: format!("{ratio:.2}"),
        goal: goal.to_string(),
        met: met(median, p99, ratio),
        samples: samples.len(),
    }
}

/// Runs the store benchmarks in `folder` (a fresh sub-folder is made and removed).
pub fn run(catalogue: Arc<Catalogue>, folder: &Path, quick: bool) -> Result<Report, StoreError> {
    let dir = folder.join(format!("akredit-bench-{}", std::process::id()));
    fs::create_dir_all(&dir).map_err(|source| StoreError::Io {
        path: dir.clone(),
        source,
    })?;
    let result = measure_all(catalogue, &dir, quick).map(|mut figures| {
        let (window, facts) = window::start(&dir, quick);
        figures.extend(window);
        (figures, facts)
    });
    crate::support::files::remove_folder_if_there(&dir);
    result.map(|(figures, facts)| Report {
        cpus: std::thread::available_parallelism().map_or(1, |n| n.get()),
        folder: folder.display().to_string(),
        quick,
        figures,
        facts,
    })
}

/// Every figure but the window's start-up: the store (with the frames, on the same
/// inspection), signing and verifying, and the commission overview.
fn measure_all(
    catalogue: Arc<Catalogue>,
    dir: &Path,
    quick: bool,
) -> Result<Vec<Figure>, StoreError> {
    let (mut figures, scored) = store::figures(catalogue.clone(), dir, quick)?;
    figures.extend(window::frames(catalogue.clone(), &scored, quick)?);
    // A realistic finished inspection: every standard graded in both columns.
    let finished = dir.join("finished.akredit");
    drop(scored_inspection(&finished, catalogue.clone(), 1)?);
    figures.extend(signing::figures(catalogue.clone(), dir, &finished, quick)?);
    figures.extend(commission::figures(
        catalogue.clone(),
        dir,
        &finished,
        quick,
    )?);
    figures.extend(team::figures(catalogue.clone(), dir, quick)?);
    figures.extend(evidence::figures(catalogue.clone(), dir, quick)?);
    figures.push(evidence::reduced_attach(catalogue.clone(), dir, quick)?);
    figures.push(evidence::thumbnail_frames(catalogue, dir, quick)?);
    Ok(figures)
}
