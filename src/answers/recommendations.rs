//! The recommendations of an inspection as one list: what the "Рекомендації" view, the
//! action plan and the conclusion show — every recommendation, and every standard graded
//! below its maximum that still lacks one.

use super::{Answers, Recommendation};
use crate::catalogue::{Catalogue, Code, Grade, ModelId};

/// One row of the list: a standard with a recommendation, or one graded below its
/// maximum without one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecommendationRow {
    /// The standard.
    pub code: Code,
    /// The commission's grade (`None`: not graded).
    pub grade: Option<Grade>,
    /// The most its scale gives.
    pub max: Grade,
    /// What is recorded (empty when none is).
    pub recommendation: Recommendation,
}

impl RecommendationRow {
    /// A standard graded 0 with no recommendation: flagged (not refused) — the conclusion
    /// would say nothing of what the centre failed entirely.
    pub fn zero_without_recommendation(&self) -> bool {
        self.grade == Some(0) && self.recommendation.text.trim().is_empty()
    }

    /// A standard graded below its maximum with no recommendation.
    pub fn lacks_recommendation(&self) -> bool {
        self.recommendation.text.trim().is_empty()
    }

    /// A deadline or an owner with no text of what to remedy.
    pub fn incomplete(&self) -> bool {
        self.lacks_recommendation() && !self.recommendation.is_empty()
    }
}

/// In the catalogue's order: every applicable standard of the model that has a
/// recommendation or a commission grade below its scale's maximum.
pub fn recommendation_rows(
    catalogue: &Catalogue,
    model: ModelId,
    answers: &Answers,
) -> Vec<RecommendationRow> {
    catalogue
        .model_standards(model)
        .filter_map(|s| {
            let a = answers.get(&s.code);
            let max = s.scale.max();
            let below = a.commission.is_some_and(|g| g < max);
            let listed = !a.is_na() && (below || !a.recommendation.is_empty());
            listed.then(|| RecommendationRow {
                code: s.code.clone(),
                grade: a.commission,
                max,
                recommendation: a.recommendation.clone(),
            })
        })
        .collect()
}
