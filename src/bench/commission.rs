//! The commission overview of many result files: time per result as the set grows.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use super::{Figure, figure, ms, percentile, time_n};
use crate::catalogue::Catalogue;
use crate::inspection::{Access, Inspection, StoreError};

/// `1 000`, `10 000`: a count as the figures' names write it.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// The commission overview over result files on disk, at 100, 1 000 and (without
/// `quick`) 10 000 files: distinct signed results are written in parallel — with
/// superseding pairs, drafts and tampered files, so that the verdicts are exercised and
/// checked — then walked, verified on all cores and tabulated with the CSV, against a
/// baseline of walking and reading the same files on one thread. The time per result at
/// each size shows whether the growth is linear.
pub(super) fn figures(
    catalogue: Arc<Catalogue>,
    dir: &Path,
    inspection: &Path,
    quick: bool,
) -> Result<Vec<Figure>, StoreError> {
    let invalid = |e: crate::signed::ExportError| StoreError::Invalid(e.to_string());
    let home = crate::support::home::Home::at(dir.join("home-commission"));
    let identity = crate::signed::Identity::create(&home, "Експерт комісії")
        .map_err(|e| StoreError::Invalid(e.to_string()))?;
    let insp = Inspection::open(inspection, catalogue.clone(), Access::ReadOnly)?;
    let mut payload = crate::signed::payload(
        &insp,
        &identity.public.name,
        true,
        "2026-11-23T00:00:00.000Z",
    )
    .map_err(invalid)?;
    payload.supersedes = None;
    drop(insp);
    let trusted = [crate::signed::TrustedKey {
        key: identity.verifying_key().to_bytes(),
        name: Some(identity.public.name.clone()),
        former_names: Vec::new(),
    }];
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let sizes: &[(usize, usize)] = if quick {
        &[(100, 5), (1_000, 3)]
    } else {
        &[(100, 10), (1_000, 5), (10_000, 3)]
    };
    let mut figures = Vec::new();
    let mut per_result = Vec::new();
    let mut first_per_result = None;
    for &(n, samples) in sizes {
        let (runs, reads) = time_one_size(dir, n, samples, &payload, &identity, |files| {
            let overview = crate::commission::overview(files, &catalogue, &trusted);
            let csv = overview
                .to_csv()
                .map_err(|e| StoreError::Invalid(e.to_string()))?;
            std::hint::black_box(csv);
            Ok(overview.counts)
        })?;
        let count = thousands(n);
        let seconds = n as f64 / 1000.0;
        figures.push(figure(
            &format!(
                "commission overview of {count} result files on disk: walk, verify on all {cpus} cores, table + CSV"
            ),
            &runs,
            &format!("walk and read the same {count} files on one thread"),
            percentile(&reads, 50),
            &format!("≤ {seconds} s (1 ms per result)"),
            |m, _, _| m.as_secs_f64() <= seconds,
        ));
        let per = percentile(&runs, 50).div_f64(n as f64);
        let first = *first_per_result.get_or_insert(per);
        let ratio = per.as_secs_f64() / first.as_secs_f64().max(1e-12);
        per_result.push(Figure {
            name: format!("commission overview: time per result at {count} results"),
            median_ms: ms(per),
            p99_ms: ms(percentile(&runs, 99).div_f64(n as f64)),
            baseline: format!("time per result at {}", thousands(sizes[0].0)),
            baseline_ms: ms(first),
            ratio: format!("{ratio:.2}"),
            goal: "≤ 1.5 × the baseline (linear growth)".into(),
            met: ratio <= 1.5,
            samples,
        });
    }
    figures.extend(per_result);
    Ok(figures)
}

/// Writes `n` results, times `samples` runs of `overview` over them (each must count what
/// was written) and as many plain reads of the same files, then removes them.
fn time_one_size(
    dir: &Path,
    n: usize,
    samples: usize,
    payload: &crate::signed::Payload,
    identity: &crate::signed::Identity,
    overview: impl Fn(&[std::path::PathBuf]) -> Result<crate::commission::Counts, StoreError>,
) -> Result<(Vec<std::time::Duration>, Vec<std::time::Duration>), StoreError> {
    let folder = dir.join(format!("commission-{n}"));
    let expected = write_results(&folder, n, payload, identity)?;
    let walk = || {
        crate::commission::collect_files(std::slice::from_ref(&folder))
            .map_err(|e| StoreError::Invalid(e.to_string()))
    };
    let runs = time_n(samples, |_| {
        let counts = overview(&walk()?)?;
        if counts != expected {
            return Err(StoreError::Invalid(format!(
                "the commission overview of the benchmark's {n} results counted {counts:?}, expected {expected:?}"
            )));
        }
        Ok(())
    })?;
    let reads = time_n(samples, |_| {
        for f in walk()? {
            std::hint::black_box(fs::read(&f).map_err(|source| StoreError::Io {
                path: f.clone(),
                source,
            })?);
        }
        Ok(())
    })?;
    crate::support::files::remove_folder_if_there(&folder);
    Ok((runs, reads))
}

/// Which of the benchmark's results supersedes the one before it (every 20th, from the
/// second), is a draft (every 100th, from the 34th), has a grade changed after signing
/// (every 50th, from the 8th).
fn supersedes(i: usize) -> bool {
    i % 20 == 1
}

fn draft(i: usize) -> bool {
    i % 100 == 33
}

fn tampered(i: usize) -> bool {
    i % 50 == 7
}

/// The `i`th distinct payload: its own centre and inspection (a superseding one shares
/// those of the one before it), export time and final/draft.
fn varied_payload(payload: &crate::signed::Payload, i: usize) -> crate::signed::Payload {
    let mut p = payload.clone();
    let base = if supersedes(i) { i - 1 } else { i };
    let name = format!("Центр здоров'я № {base:05}");
    // The history must still replay to the application form.
    if let Some(row) = p.history.iter_mut().rev().find(|h| {
        h.subject == crate::signed::HistorySubject::Centre && h.field == crate::answers::CENTRE_NAME
    }) {
        row.new = Some(name.clone());
    }
    p.centre.insert(crate::answers::CENTRE_NAME.into(), name);
    p.inspection_id = format!("bench-{base:05}");
    p.exported_at = format!(
        "2026-11-{:02}T{:02}:{:02}:{:02}.000Z",
        if supersedes(i) { 24 } else { 23 },
        (i / 3600) % 24,
        (i / 60) % 60,
        i % 60
    );
    p.is_final = !draft(i);
    p
}

/// Signs and writes the `i`th result into `folder`.
fn write_one(
    folder: &Path,
    i: usize,
    payload: &crate::signed::Payload,
    identity: &crate::signed::Identity,
) -> Result<(), StoreError> {
    let invalid = StoreError::Invalid;
    let mut p = varied_payload(payload, i);
    if supersedes(i) {
        let previous =
            crate::signed::canonical_payload(&varied_payload(payload, i - 1)).map_err(invalid)?;
        p.supersedes = Some(crate::catalogue::sha256_hex(&previous));
    }
    let mut bytes = crate::signed::sign(&p, identity)
        .map_err(|e| invalid(e.to_string()))?
        .bytes;
    if tampered(i) {
        let at = bytes
            .windows(15)
            .position(|w| w == b"\"commission\":3,")
            .ok_or_else(|| invalid("no grade 3 to tamper with".into()))?;
        bytes[at + 13] = b'2';
    }
    let path = folder.join(format!("result-{i:05}.json"));
    fs::write(&path, &bytes).map_err(|source| StoreError::Io { path, source })
}

/// Writes `n` distinct signed results into `folder`, in parallel, and returns the counts
/// the commission overview must find.
fn write_results(
    folder: &Path,
    n: usize,
    payload: &crate::signed::Payload,
    identity: &crate::signed::Identity,
) -> Result<crate::commission::Counts, StoreError> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    fs::create_dir_all(folder).map_err(|source| StoreError::Io {
        path: folder.to_path_buf(),
        source,
    })?;
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let outcomes: Vec<Result<(), StoreError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= n {
                            return Ok(());
                        }
                        write_one(folder, i, payload, identity)?;
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| {
                    Err(StoreError::Invalid(
                        "a thread writing benchmark results failed".into(),
                    ))
                })
            })
            .collect()
    });
    outcomes.into_iter().collect::<Result<(), _>>()?;
    let count = |f: &dyn Fn(usize) -> bool| (0..n).filter(|&i| f(i)).count();
    let superseded = count(&|i| supersedes(i + 1) && i + 1 < n);
    let bad = count(&tampered);
    let drafts = count(&draft);
    Ok(crate::commission::Counts {
        total: n,
        valid_final: n - superseded - bad - drafts,
        valid_drafts: drafts,
        superseded,
        duplicates: 0,
        invalid: bad,
        unresolved: 0,
    })
}
