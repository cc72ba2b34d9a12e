//! Importing a self-assessment into the expert's inspection: the plan, the conflicts with
//! self grades entered by hand, and the one change that applies it.

use std::fmt;

use super::{SelfAssessment, SelfError};
use crate::answers::{Answers, Change, Column};
use crate::catalogue::{Code, Grade};
use crate::inspection::{Inspection, Purpose};

/// A self grade already in the inspection that the import would change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The standard.
    pub code: Code,
    /// The grade in the inspection.
    pub current: Grade,
    /// The file's grade (`None`: the file leaves it unassessed).
    pub imported: Option<Grade>,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.imported {
            Some(g) => write!(
                f,
                "{}: {} in the inspection, {g} in the file",
                self.code, self.current
            ),
            None => write!(
                f,
                "{}: {} in the inspection, not assessed in the file",
                self.code, self.current
            ),
        }
    }
}

/// What importing a self-assessment would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPlan {
    /// The changes of the self-assessment column, in code order.
    pub changes: Vec<Change>,
    /// Self grades entered before that the changes would overwrite.
    pub conflicts: Vec<Conflict>,
    /// Standards whose self grade already equals the file's.
    pub unchanged: usize,
    /// Standards the file grades that the commission marked not applicable: a standard
    /// is never both, so their self grades are not taken (and listed).
    pub not_applicable: Vec<Code>,
}

/// Plans the import of `sa` into an inspection's answers.
pub fn plan(answers: &Answers, sa: &SelfAssessment) -> ImportPlan {
    let mut plan = ImportPlan {
        changes: Vec::new(),
        conflicts: Vec::new(),
        unchanged: 0,
        not_applicable: Vec::new(),
    };
    for (code, &imported) in &sa.grades {
        if answers.get(code).is_na() {
            if imported.is_some() {
                plan.not_applicable.push(code.clone());
            }
            continue;
        }
        let current = answers.standards.get(code).and_then(|a| a.self_grade);
        if current == imported {
            plan.unchanged += 1;
            continue;
        }
        if let Some(current) = current {
            plan.conflicts.push(Conflict {
                code: code.clone(),
                current,
                imported,
            });
        }
        plan.changes.push(Change::Grade {
            code: code.clone(),
            column: Column::SelfAssessment,
            grade: imported,
        });
    }
    plan
}

/// Imports a self-assessment into an expert's inspection in one transaction. Without
/// `replace`, refuses (changing nothing) when self grades already entered would change.
pub fn import(
    insp: &mut Inspection,
    sa: &SelfAssessment,
    replace: bool,
) -> Result<ImportPlan, ImportError> {
    if insp.meta().purpose != Purpose::Inspection {
        return Err(SelfError::ImportIntoSelfAssessment.into());
    }
    let plan = plan(insp.answers(), sa);
    if !plan.conflicts.is_empty() && !replace {
        return Err(SelfError::WouldReplace(plan.conflicts).into());
    }
    insp.apply(&plan.changes)?;
    Ok(plan)
}

/// Why an import failed: the self-assessment, or the inspection file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The self-assessment.
    #[error(transparent)]
    SelfAssessment(#[from] SelfError),
    /// The inspection file.
    #[error(transparent)]
    Store(#[from] crate::inspection::StoreError),
}
