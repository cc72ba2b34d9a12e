//! The spreadsheet side: the CSV template a centre fills in, and reading it back (as
//! LibreOffice and Excel save it: BOM, `;` or `,`, CR LF).

use std::collections::{BTreeMap, BTreeSet};

use super::{CSV_MARK, Provenance, SelfAssessment, SelfError, capped, checked_code};
use crate::catalogue::{Catalogue, Code, Grade, ModelId};

/// The CSV template a centre fills in a spreadsheet: a first line naming the format,
/// model and catalogue, a header, and one row per standard of the model with its
/// title, scale and allowed grades; the centre fills the `grade` (and `note`) cells.
/// UTF-8 with a byte-order mark, so that LibreOffice and Excel show Cyrillic.
pub fn template_csv(catalogue: &Catalogue, model: ModelId) -> Result<Vec<u8>, SelfError> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(&mut out);
        let fail = |e: csv::Error| SelfError::Canonical(e.to_string());
        w.write_record([
            CSV_MARK,
            &format!("model={}", model.id()),
            &format!("catalogue={}", catalogue.sha256),
            "Самооцінка за наказом МОЗ № 169: заповніть стовпець «оцінка» (0–3 або літера); цей рядок не змінюйте",
        ])
        .map_err(fail)?;
        w.write_record([
            "код (code)",
            "назва (title)",
            "шкала (scale)",
            "допустимі оцінки (allowed grades)",
            "оцінка (grade)",
            "примітка (note)",
            "критерії оцінювання (criteria)",
        ])
        .map_err(fail)?;
        for s in catalogue.model_standards(model) {
            // The criteria come last, so that a sheet filled in from an older template
            // (six columns) reads the same: the grade and the note keep their columns.
            w.write_record([
                s.code.as_str(),
                s.title
                    .as_deref()
                    .unwrap_or("(текст стандарту в копії Наказу відсутній)"),
                scale_uk(s.scale),
                &s.scale.describe_grades(),
                "",
                "",
                &criteria(s),
            ])
            .map_err(fail)?;
        }
        w.flush().map_err(|e| SelfError::Canonical(e.to_string()))?;
    }
    Ok(out)
}

/// The scale as the Order's readers call it.
fn scale_uk(scale: crate::catalogue::Scale) -> &'static str {
    match scale {
        crate::catalogue::Scale::Two => "дворівнева (Н/В)",
        crate::catalogue::Scale::Four => "чотирирівнева (Н/МВ/НВ/ПВ)",
        crate::catalogue::Scale::Unspecified => "шкалу не вказано",
    }
}

/// "0 (Н) — відсутнє рішення; 3 (В) — наявне рішення": each grade's criterion, so that a
/// centre can fill the sheet without the Order beside it.
fn criteria(standard: &crate::catalogue::Standard) -> String {
    standard
        .criteria
        .iter()
        .map(|(grade, text)| format!("{} — {text}", standard.scale.label(*grade)))
        .collect::<Vec<_>>()
        .join("; ")
}

const GRADE_COLUMN: usize = 4;
const NOTE_COLUMN: usize = 5;

/// What a sheet gave so far, row by row.
#[derive(Default)]
struct Sheet {
    errors: Vec<String>,
    grades: BTreeMap<Code, Option<Grade>>,
    seen: BTreeSet<Code>,
    notes: usize,
}

/// Reads a filled-in CSV template (its text with LF line ends) and checks it against the
/// catalogue and model. Rows left out leave their standards untouched.
pub(super) fn read_csv(
    text: &str,
    catalogue: &Catalogue,
    model: ModelId,
) -> Result<SelfAssessment, SelfError> {
    // Excel in a Ukrainian locale saves "CSV" with semicolons: take whichever separator
    // the first line uses more.
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut sheet = Sheet::default();
    for (index, record) in reader.records().enumerate() {
        match record {
            Ok(record) => sheet.row(index, &record, catalogue, model)?,
            Err(e) => {
                let line = e.position().map_or(index + 1, |p| p.line() as usize);
                sheet.errors.push(format!("  line {line}: {e}"));
            }
        }
    }
    if sheet.grades.is_empty() && sheet.errors.is_empty() {
        sheet.errors.push(format!(
            "  no standard rows found: the first column must hold codes like 1.1.3 and column {} the grades, as in the template",
            GRADE_COLUMN + 1
        ));
    }
    if !sheet.errors.is_empty() {
        return Err(SelfError::Rows(capped(sheet.errors)));
    }
    Ok(SelfAssessment {
        provenance: Provenance::Csv,
        centre_name: None,
        grades: sheet.grades,
        notes: sheet.notes,
        file_sha256: String::new(),
    })
}

impl Sheet {
    /// One record: the mark line (model and catalogue checked), a header or empty row
    /// (skipped), or a standard's row.
    fn row(
        &mut self,
        index: usize,
        record: &csv::StringRecord,
        catalogue: &Catalogue,
        model: ModelId,
    ) -> Result<(), SelfError> {
        let line = record.position().map_or(index + 1, |p| p.line() as usize);
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        if index == 0 && cell(0) == CSV_MARK {
            return check_mark(record, catalogue, model);
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            return Ok(());
        }
        // The header row (or any row whose first cell is not a number) is skipped only
        // before the first standard; later it is an error.
        let code_text = cell(0);
        if self.seen.is_empty() && !code_text.starts_with(|c: char| c.is_ascii_digit()) {
            return Ok(());
        }
        let code = match checked_code(catalogue, model, code_text) {
            Ok(code) => code,
            Err(e) => {
                self.errors.push(format!("  line {line}: {e}"));
                return Ok(());
            }
        };
        if !self.seen.insert(code.clone()) {
            self.errors
                .push(format!("  line {line}: {code} appears more than once"));
            return Ok(());
        }
        let grade_text = cell(GRADE_COLUMN);
        let grade = match catalogue.standard(&code).map(|s| s.scale) {
            Some(scale) if !grade_text.is_empty() => match scale.parse_grade(grade_text) {
                Ok(g) => Some(g),
                Err(e) => {
                    self.errors.push(format!("  line {line}: {code}: {e}"));
                    return Ok(());
                }
            },
            _ => None,
        };
        if !cell(NOTE_COLUMN).is_empty() {
            self.notes += 1;
        }
        self.grades.insert(code, grade);
        Ok(())
    }
}

/// The template's first line names the model and the catalogue: a sheet of the other
/// model or catalogue is refused as a whole.
fn check_mark(
    record: &csv::StringRecord,
    catalogue: &Catalogue,
    model: ModelId,
) -> Result<(), SelfError> {
    for field in record.iter().skip(1) {
        if let Some(m) = field.strip_prefix("model=")
            && m != model.id()
        {
            return Err(SelfError::OtherModel {
                file: m.to_string(),
                inspection: model,
            });
        }
        if let Some(sha) = field.strip_prefix("catalogue=")
            && sha != catalogue.sha256
        {
            return Err(SelfError::OtherCatalogue {
                file: sha.to_string(),
                inspection: catalogue.sha256.clone(),
            });
        }
    }
    Ok(())
}
