//! Making and filling in an inspection: `new`, `score`, `na`, `note`, `centre`,
//! `document`. Every change goes through [`Inspection::apply`], all or nothing, and the
//! command prints what was saved.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;

use crate::answers::{Altered, Change, Column, Fact, Field, Subject};
use crate::catalogue::{Catalogue, Code, GradeError, ModelId};
use crate::inspection::{HistoryEntry, Inspection, NewInspection, Purpose};

use super::args::{FieldValue, GradeArg, GradeText, Presence};
use super::error::CliError;
use super::files::open_for_writing;

/// `akredit new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The inspection file to create (suggested extension: .akredit).
    pub file: PathBuf,
    /// The centre's model of activity: `sanitary` (191 standards, 573 points) or
    /// `full` (235 standards, 705 points).
    #[arg(long)]
    pub model: ModelId,
    /// The centre's name.
    #[arg(long)]
    pub centre: String,
    /// The expert's name.
    #[arg(long, default_value = "")]
    pub expert: String,
    /// The date of the visit, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub visit_date: Option<String>,
    /// Make the centre's own self-assessment instead of an expert's inspection:
    /// grades go to the self-assessment column, and `export-self` writes the file
    /// the expert imports.
    #[arg(long)]
    pub self_assessment: bool,
}

/// `akredit score`.
#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// The inspection file.
    pub file: PathBuf,
    /// CODE=GRADE pairs, e.g. 1.1.1.1=В 1.1.3=2 1.1.4.1=-
    #[arg(required = true, value_name = "CODE=GRADE")]
    pub grades: Vec<GradeArg>,
    /// Enter the centre's self-assessment grades instead of the commission's.
    #[arg(long = "self")]
    pub self_assessment: bool,
}

/// `akredit na`.
#[derive(Debug, Args)]
pub struct NaArgs {
    /// The inspection file.
    pub file: PathBuf,
    /// The standards.
    pub codes: Vec<Code>,
    /// Why the standards do not apply (required unless --clear or --preset).
    #[arg(long)]
    pub reason: Option<String>,
    /// Apply a preset from the catalogue, e.g. `no-self-financed`.
    #[arg(long, conflicts_with = "codes")]
    pub preset: Option<String>,
    /// Make the standards applicable again.
    #[arg(long, conflicts_with = "reason")]
    pub clear: bool,
}

/// `akredit note`.
#[derive(Debug, Args)]
pub struct NoteArgs {
    /// The inspection file.
    pub file: PathBuf,
    /// The standard.
    pub code: Code,
    /// The note.
    pub text: String,
}

/// `akredit centre`.
#[derive(Debug, Args)]
pub struct CentreArgs {
    /// The inspection file.
    pub file: PathBuf,
    /// FIELD=VALUE pairs.
    #[arg(required = true, value_name = "FIELD=VALUE")]
    pub values: Vec<FieldValue>,
}

/// `akredit document`.
#[derive(Debug, Args)]
pub struct DocumentArgs {
    /// The inspection file.
    pub file: PathBuf,
    /// The document's number in the Order's list.
    pub number: u8,
    /// yes, no, na (not applicable: only a document the Order asks for "за умови її
    /// проведення", 13), or unknown (not yet checked).
    #[arg(long)]
    pub present: Option<Presence>,
    /// A note on the document.
    #[arg(long)]
    pub note: Option<String>,
}

/// `akredit new`: creates the file (never over an existing one) and says what it holds.
pub fn new(catalogue: &Arc<Catalogue>, args: NewArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let insp = Inspection::create(
        &args.file,
        catalogue.clone(),
        &NewInspection {
            model: args.model,
            centre_name: args.centre,
            expert: args.expert,
            visit_date: args.visit_date,
            purpose: Purpose::from_self_assessment(args.self_assessment),
        },
    )?;
    let m = catalogue.model(args.model);
    writeln!(
        out,
        "created {} — model {} ({}): {} standards, {} points at most",
        insp.path().display(),
        args.model,
        m.title,
        m.standards,
        m.max_points
    )?;
    Ok(())
}

/// `akredit score`: grades standards in one column, all or nothing.
pub fn score(
    catalogue: &Arc<Catalogue>,
    args: ScoreArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut insp = open_for_writing(&args.file, catalogue.clone())?;
    // A centre's self-assessment file has only the self column.
    let column = if args.self_assessment {
        Column::SelfAssessment
    } else {
        insp.meta().purpose.column()
    };
    let changes = args
        .grades
        .into_iter()
        .map(|arg| grade_change(catalogue, arg, column))
        .collect::<Result<Vec<_>, _>>()?;
    let written = insp.apply(&changes)?;
    print_saved(&insp, &written, out)
}

/// The change a `CODE=GRADE` asks for, its grade read on the standard's scale.
fn grade_change(catalogue: &Catalogue, arg: GradeArg, column: Column) -> Result<Change, CliError> {
    let grade = match (&arg.grade, catalogue.standard(&arg.code)) {
        (GradeText::Given(text), Some(s)) => {
            Some(s.scale.parse_grade(text).map_err(|e: GradeError| {
                CliError::Usage(format!("{}: {e}. Nothing was changed", arg.code))
            })?)
        }
        // Cleared; or not a standard, and validation names what the code is instead.
        _ => None,
    };
    Ok(Change::Grade {
        code: arg.code,
        column,
        grade,
    })
}

/// `akredit na`: standards not applicable with a reason (or a preset's), or applicable
/// again.
pub fn na(catalogue: &Arc<Catalogue>, args: NaArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let mut insp = open_for_writing(&args.file, catalogue.clone())?;
    let changes = match &args.preset {
        Some(id) => preset_changes(catalogue, insp.meta().model, id, args.clear, out)?,
        None => na_changes(args.codes, args.reason, args.clear)?,
    };
    let written = insp.apply(&changes)?;
    print_saved(&insp, &written, out)
}

/// The changes of `na --preset ID` for `model`, after printing what the preset drops (or
/// which of its standards the model does not count).
fn preset_changes(
    catalogue: &Catalogue,
    model: ModelId,
    id: &str,
    clear: bool,
    out: &mut dyn Write,
) -> Result<Vec<Change>, CliError> {
    let preset = catalogue.preset(id).ok_or_else(|| {
        CliError::Usage(format!(
            "unknown preset {id:?}; the catalogue has: {}",
            catalogue
                .presets
                .iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })?;
    let plan = crate::answers::preset_plan(catalogue, model, preset, !clear);
    for code in &plan.outside_model {
        writeln!(out, "{code}: not in the {model} model, nothing to drop")?;
    }
    if !clear {
        for (code, why) in &plan.dropped {
            writeln!(out, "{code}: {why}")?;
        }
    }
    Ok(plan.changes)
}

/// The changes of `na CODE… --reason …` or `na CODE… --clear`.
fn na_changes(
    codes: Vec<Code>,
    reason: Option<String>,
    clear: bool,
) -> Result<Vec<Change>, CliError> {
    if codes.is_empty() {
        return Err(CliError::Usage(
            "name the standards (CODE…) or a --preset".into(),
        ));
    }
    let reason = match (clear, reason) {
        (true, _) => None,
        (false, Some(r)) if !r.trim().is_empty() => Some(r.trim().to_string()),
        (false, _) => {
            return Err(CliError::Usage(
                "marking a standard not applicable needs a reason: add --reason \"…\" (or --clear to make it applicable again)".into(),
            ));
        }
    };
    Ok(codes
        .into_iter()
        .map(|code| Change::NotApplicable {
            code,
            reason: reason.clone(),
        })
        .collect())
}

/// `akredit note`: sets or removes the note on a standard.
pub fn note(
    catalogue: &Arc<Catalogue>,
    args: NoteArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut insp = open_for_writing(&args.file, catalogue.clone())?;
    let written = insp.apply(&[Change::Note {
        code: args.code,
        text: args.text.trim().to_string(),
    }])?;
    print_saved(&insp, &written, out)
}

/// `akredit centre`: fills in fields of the application form.
pub fn centre(
    catalogue: &Arc<Catalogue>,
    args: CentreArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut insp = open_for_writing(&args.file, catalogue.clone())?;
    let changes: Vec<Change> = args
        .values
        .into_iter()
        .map(|v| match Fact::parse(&v.field) {
            // The inspection's own facts are corrected beside the form's fields.
            Some(fact) => Change::Fact {
                fact,
                value: v.value,
            },
            None => Change::Centre {
                field: v.field,
                value: v.value,
            },
        })
        .collect();
    let written = insp.apply(&changes)?;
    print_saved(&insp, &written, out)
}

/// `akredit document`: records whether a mandatory document was presented, and its note.
pub fn document(
    catalogue: &Arc<Catalogue>,
    args: DocumentArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut insp = open_for_writing(&args.file, catalogue.clone())?;
    let number = args.number;
    let mut changes = Vec::new();
    if let Some(p) = args.present {
        changes.push(Change::DocumentPresent {
            number,
            present: p.as_option(),
        });
    }
    if let Some(text) = args.note {
        changes.push(Change::DocumentNote {
            number,
            text: text.trim().to_string(),
        });
    }
    if changes.is_empty() {
        return Err(CliError::Usage(
            "say what to record: --present yes|no|unknown and/or --note TEXT".into(),
        ));
    }
    let written = insp.apply(&changes)?;
    print_saved(&insp, &written, out)
}

/// Prints each change saved and where, or that nothing changed.
pub(super) fn print_saved(
    insp: &Inspection,
    written: &[HistoryEntry],
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if written.is_empty() {
        writeln!(out, "nothing changed: every value was already as given")?;
        return Ok(());
    }
    for e in written {
        writeln!(out, "saved {}", describe(insp.catalogue(), &e.altered))?;
    }
    if let Some(last) = written.last() {
        writeln!(out, "saved to {} at {}", insp.path().display(), last.at)?;
    }
    Ok(())
}

/// A change in words: `1.1.3 commission: — → 2 (НВ)`.
fn describe(catalogue: &Catalogue, a: &Altered) -> String {
    format!(
        "{} {}: {} → {}",
        a.subject(),
        a.field(),
        value_text(catalogue, a, a.old_value()),
        value_text(catalogue, a, a.new_value())
    )
}

/// A value of a change: a grade with its letter, text quoted, or `—` for none.
fn value_text(catalogue: &Catalogue, a: &Altered, value: Option<&str>) -> String {
    let Some(v) = value else {
        return "—".into();
    };
    if let (Subject::Standard(code), Field::Grade(_)) = (a.subject(), a.field()) {
        let letter = catalogue
            .standard(code)
            .zip(v.parse().ok())
            .and_then(|(s, g)| s.scale.order_letter(g));
        return match letter {
            Some(l) => format!("{v} ({l})"),
            None => v.to_string(),
        };
    }
    format!("{v:?}")
}
