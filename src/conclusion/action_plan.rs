//! The corrective-action plan: every applicable standard graded below its maximum, or
//! with a recommendation, with what to remedy, by when and who answers for it — as a
//! CSV for a Ukrainian spreadsheet (UTF-8 with a BOM, `;`, CR LF, formula-safe cells).

use crate::answers::{Recommendation, RecommendationRow, recommendation_rows};
use crate::catalogue::{Catalogue, ModelId};
use crate::signed::Payload;
use crate::support::spreadsheet::formula_safe;
use crate::support::time::official_date;

/// The plan's columns, in order.
pub const ACTION_PLAN_HEADER: [&str; 9] = [
    "№",
    "Код стандарту",
    "Стандарт",
    "Оцінка комісії",
    "Рекомендація (що усунути)",
    "Строк виконання",
    "Відповідальний",
    "Стан виконання",
    "Примітка експерта",
];

/// One row of the plan, in the words the documents print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRow {
    /// What the recommendation list holds for the standard.
    pub row: RecommendationRow,
    /// The standard's title, or a plain note that the source lost it.
    pub title: String,
    /// The grade with its letter and the maximum: `МВ 1 з 3`, or `не оцінено`.
    pub grade: String,
    /// The deadline as `31.03.2027`, or empty.
    pub due: String,
    /// The expert's note on the standard.
    pub note: String,
}

impl ActionRow {
    /// The recommendation recorded.
    pub fn recommendation(&self) -> &Recommendation {
        &self.row.recommendation
    }
}

/// The plan's rows for a payload, in the catalogue's order.
pub fn action_rows(payload: &Payload, catalogue: &Catalogue) -> Vec<ActionRow> {
    let model = payload.model.parse().unwrap_or(ModelId::Full);
    let answers = payload.answers();
    recommendation_rows(catalogue, model, &answers)
        .into_iter()
        .map(|row| {
            let standard = catalogue.standard(&row.code);
            let title = standard
                .and_then(|s| s.title.clone())
                .unwrap_or_else(|| "(текст стандарту в джерелі не збережено)".to_string());
            let grade = match row.grade {
                Some(g) => format!(
                    "{} з {}",
                    catalogue.grade_label(&row.code, Some(g)),
                    row.max
                ),
                None => "не оцінено".to_string(),
            };
            ActionRow {
                due: row
                    .recommendation
                    .due
                    .as_deref()
                    .map(official_date)
                    .unwrap_or_default(),
                note: answers.get(&row.code).note.clone(),
                title,
                grade,
                row,
            }
        })
        .collect()
}

/// The plan as CSV bytes: a BOM, so that Excel reads UTF-8; `;`, which a Ukrainian
/// Excel expects; every text cell formula-safe.
pub fn action_plan_csv(payload: &Payload, catalogue: &Catalogue) -> Result<Vec<u8>, csv::Error> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        w.write_record(ACTION_PLAN_HEADER)?;
        for (n, r) in action_rows(payload, catalogue).iter().enumerate() {
            let rec = r.recommendation();
            w.write_record([
                (n + 1).to_string(),
                r.row.code.to_string(),
                formula_safe(&r.title),
                r.grade.clone(),
                formula_safe(&rec.text),
                r.due.clone(),
                formula_safe(&rec.owner),
                String::new(),
                formula_safe(&r.note),
            ])?;
        }
        w.flush()?;
    }
    Ok(out)
}
