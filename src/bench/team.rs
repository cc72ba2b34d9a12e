//! Merging members' parts: reading, checking and planning two signed parts of the full
//! model, then writing the merge durably, against one durable grade change.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::{Figure, figure, percentile};
use crate::answers::{Change, Column, Role};
use crate::catalogue::{Catalogue, ModelId};
use crate::inspection::{Access, Inspection, NewInspection, StoreError};
use crate::signed::Identity;
use crate::support::home::Home;

/// The group's inspection with two experts, and each expert's signed part grading every
/// other standard of the full model (with a note on every tenth): together, all of them.
fn staged(
    catalogue: &Arc<Catalogue>,
    dir: &Path,
) -> Result<(std::path::PathBuf, Vec<Vec<u8>>), StoreError> {
    let invalid = |e: String| StoreError::Invalid(e);
    let head_path = dir.join("group.akredit");
    let mut head = Inspection::create(
        &head_path,
        catalogue.clone(),
        &NewInspection {
            model: ModelId::Full,
            centre_name: "Бенчмарк: обласний центр здоров'я".into(),
            expert: "Керівник групи".into(),
            visit_date: Some("2026-11-23".into()),
            purpose: Default::default(),
        },
    )?;
    let mut experts = Vec::new();
    for (i, name) in ["Експерт А", "Експерт Б"].iter().enumerate() {
        let home = Home::at(dir.join(format!("home-{i}")));
        let identity = Identity::create(&home, name).map_err(|e| invalid(e.to_string()))?;
        head.apply(&[
            Change::Member {
                name: name.to_string(),
                role: Some(Role::Expert),
            },
            Change::MemberKey {
                name: name.to_string(),
                key: Some(identity.public.public_key.clone()),
            },
        ])?;
        experts.push((name.to_string(), identity));
    }
    let standards: Vec<_> = catalogue.model_standards(ModelId::Full).collect();
    let mut parts = Vec::new();
    for (i, (name, identity)) in experts.iter().enumerate() {
        let path = dir.join(format!("part-{i}.akredit"));
        let mut part =
            crate::team::make_part(&head, name, &path).map_err(|e| invalid(e.to_string()))?;
        let grades: Vec<Change> = standards
            .iter()
            .enumerate()
            .filter(|(n, _)| n % 2 == i)
            .flat_map(|(n, s)| {
                let grade = Change::Grade {
                    code: s.code.clone(),
                    column: Column::Commission,
                    grade: s.scale.grades().first().copied(),
                };
                let note = Change::Note {
                    code: s.code.clone(),
                    text: format!("{name}: примітка {n}"),
                };
                std::iter::once(grade).chain((n % 10 == 0).then_some(note))
            })
            .collect();
        part.apply(&grades)?;
        let signed = crate::team::sign_part(&part, identity).map_err(|e| invalid(e.to_string()))?;
        parts.push(signed.bytes);
    }
    Ok((head_path, parts))
}

pub(super) fn figures(
    catalogue: Arc<Catalogue>,
    dir: &Path,
    quick: bool,
) -> Result<Vec<Figure>, StoreError> {
    let (head_path, parts) = staged(&catalogue, dir)?;
    let n = if quick { 3 } else { 15 };
    let invalid = |e: crate::team::TeamError| StoreError::Invalid(e.to_string());
    let mut merges = Vec::with_capacity(n);
    let mut saves = Vec::with_capacity(n);
    let mut rows = 0;
    for i in 0..n {
        let copy = dir.join(format!("merge-{i}.akredit"));
        std::fs::copy(&head_path, &copy).map_err(|source| StoreError::Io {
            path: copy.clone(),
            source,
        })?;
        let mut insp = Inspection::open(&copy, catalogue.clone(), Access::ReadWrite)?;
        let start = Instant::now();
        let read = parts
            .iter()
            .map(|bytes| crate::team::read_part(bytes, &insp))
            .collect::<Result<Vec<_>, _>>()
            .map_err(invalid)?;
        let plan = crate::team::plan(&insp, &read, &[]).map_err(invalid)?;
        rows = insp.apply(plan.changes())?.len();
        merges.push(start.elapsed());
        let first = catalogue.model_standards(ModelId::Full).next();
        if let Some(s) = first {
            let start = Instant::now();
            insp.apply(&[Change::Grade {
                code: s.code.clone(),
                column: Column::SelfAssessment,
                grade: s.scale.grades().get(i % 2).copied(),
            }])?;
            saves.push(start.elapsed());
        }
        drop(insp);
        crate::support::files::remove_if_there(&copy);
    }
    merges.sort();
    saves.sort();
    Ok(vec![figure(
        &format!(
            "merge 2 signed parts of the full model into the inspection: read, check signatures and history, plan, write {rows} rows in one durable transaction"
        ),
        &merges,
        "one durable grade change of the same file",
        percentile(&saves, 50),
        "≤ 500 ms",
        |m, _, _| m <= Duration::from_millis(500),
    )])
}
