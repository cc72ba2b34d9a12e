//! The store's figures: a durable grade change against a raw fsync, and opening a fully
//! scored inspection (for writing, and read-only with its whole history).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::{Figure, figure, percentile, time_n};
use crate::answers::{Change, Column, Presented};
use crate::catalogue::{Catalogue, ModelId};
use crate::inspection::{Access, Inspection, NewInspection, StoreError};
use crate::scoring;

/// A fully scored full-model inspection with at least `history_rows` history rows.
pub fn scored_inspection(
    path: &Path,
    catalogue: Arc<Catalogue>,
    history_rows: usize,
) -> Result<Inspection, StoreError> {
    let mut insp = Inspection::create(
        path,
        catalogue.clone(),
        &NewInspection {
            model: ModelId::Full,
            centre_name: "Бенчмарк: обласний центр здоров'я".into(),
            expert: "Експерт".into(),
            visit_date: Some("2026-11-23".into()),
            purpose: Default::default(),
        },
    )?;
    let standards: Vec<_> = catalogue.model_standards(ModelId::Full).collect();
    let mut written = 1;
    let mut round = 0usize;
    while written < history_rows {
        let batch: Vec<Change> = standards
            .iter()
            .map(|s| {
                let grades = s.scale.grades();
                Change::Grade {
                    code: s.code.clone(),
                    column: if round % 3 == 2 {
                        Column::SelfAssessment
                    } else {
                        Column::Commission
                    },
                    grade: Some(grades[(round + s.code.parts().len()) % grades.len()]),
                }
            })
            .take(history_rows - written)
            .collect();
        written += insp.apply(&batch)?.len();
        round += 1;
    }
    // End fully scored in both columns.
    let finish: Vec<Change> = standards
        .iter()
        .flat_map(|s| {
            [Column::Commission, Column::SelfAssessment].map(|column| Change::Grade {
                code: s.code.clone(),
                column,
                grade: Some(3),
            })
        })
        .collect();
    insp.apply(&finish)?;
    insp.apply(&facts(&catalogue))?;
    Ok(insp)
}

/// What a final result must hold besides its grades: every field of the application
/// form (the centre's name was given at creation) and each document, presented.
fn facts(catalogue: &Catalogue) -> Vec<Change> {
    let form = catalogue
        .application_form
        .iter()
        .filter(|f| f.id != "centre_name")
        .map(|f| Change::Centre {
            field: f.id.clone(),
            value: format!("Бенчмарк: {}", f.id),
        });
    let documents = catalogue.documents.iter().map(|d| Change::DocumentPresent {
        number: d.number,
        present: Some(Presented::Yes),
    });
    form.chain(documents).collect()
}

/// The store's figures, and the scored inspection they were measured on (the frames are
/// measured on it too).
pub(super) fn figures(
    catalogue: Arc<Catalogue>,
    dir: &Path,
    quick: bool,
) -> Result<(Vec<Figure>, PathBuf), StoreError> {
    let n = if quick { 40 } else { 400 };
    let io = |path: PathBuf| move |source| StoreError::Io { path, source };

    // Baseline: a raw 4 KiB write + fsync of a plain file in the same folder.
    let raw = dir.join("raw.bin");
    let block = vec![0xA5u8; 4096];
    let mut file = fs::File::create(&raw).map_err(io(raw.clone()))?;
    let fsync = time_n(n, |_| {
        file.write_all(&block).map_err(io(raw.clone()))?;
        file.sync_all().map_err(io(raw.clone()))
    })?;
    let fsync_median = percentile(&fsync, 50);

    let path = dir.join("save.akredit");
    let history_rows = if quick { 1_000 } else { 5_000 };
    let (saves, written) = durable_saves(&path, catalogue.clone(), history_rows, n)?;
    let history = Inspection::open(&path, catalogue.clone(), Access::ReadOnly)?
        .history(None)?
        .len();

    // Opening a fully scored inspection with its history, for writing (lock, checks,
    // answers) — what the window does — and a plain read of the same file as baseline.
    let opens = time_n(n / 2, |_| {
        let insp = Inspection::open(&path, catalogue.clone(), Access::ReadWrite)?;
        let _ = scoring::totals(&catalogue, insp.meta().model, insp.answers());
        Ok(())
    })?;
    let reads = time_n(n / 2, |_| {
        fs::read(&path).map(|_| ()).map_err(io(path.clone()))
    })?;
    let history_reads = time_n(n / 4, |_| {
        let insp = Inspection::open(&path, catalogue.clone(), Access::ReadOnly)?;
        insp.history(None).map(|_| ())
    })?;
    let figures = vec![
        figure(
            &format!(
                "durable grade change (one transaction, synchronous=FULL; {written} history rows written by {} samples)",
                saves.len()
            ),
            &saves,
            "raw 4 KiB write + fsync, same folder",
            fsync_median,
            "≤ 2× baseline",
            |_, _, r| r <= 2.0,
        ),
        figure(
            &format!(
                "open a fully scored inspection with {history} history rows, for writing, + totals"
            ),
            &opens,
            "read the whole file",
            percentile(&reads, 50),
            "≤ 30 ms",
            |m, _, _| m <= Duration::from_millis(30),
        ),
        figure(
            &format!("open read-only + read all {history} history rows"),
            &history_reads,
            "read the whole file",
            percentile(&reads, 50),
            "≤ 30 ms",
            |m, _, _| m <= Duration::from_millis(30),
        ),
    ];
    Ok((figures, path))
}

/// `n` durable grade changes on a scored inspection: the times, and how many history
/// rows they wrote (one each; a sample that writes none is an error, not a figure).
fn durable_saves(
    path: &Path,
    catalogue: Arc<Catalogue>,
    history_rows: usize,
    n: usize,
) -> Result<(Vec<Duration>, usize), StoreError> {
    let mut insp = scored_inspection(path, catalogue.clone(), history_rows)?;
    let codes: Vec<_> = catalogue
        .model_standards(ModelId::Full)
        .filter(|s| s.scale.allows(0))
        .map(|s| s.code.clone())
        .collect();
    let mut written = 0;
    // The inspection ends graded 3 everywhere: the first pass over the codes sets 0, the
    // next 3 again, so that every sample changes a grade (and writes one history row).
    let saves = time_n(n, |i| {
        let grade = if (i / codes.len()) % 2 == 0 { 0 } else { 3 };
        let rows = insp.apply(&[Change::Grade {
            code: codes[i % codes.len()].clone(),
            column: Column::Commission,
            grade: Some(grade),
        }])?;
        written += rows.len();
        if rows.len() == 1 {
            Ok(())
        } else {
            Err(StoreError::Invalid(format!(
                "bench: sample {i} of the durable save wrote {} rows, not one",
                rows.len()
            )))
        }
    })?;
    Ok((saves, written))
}
