//! The expert group's recommendations and conclusion: `recommend`, `conclusion`, and the
//! corrective-action plan `action-plan`.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;

use crate::answers::Change;
use crate::catalogue::{Catalogue, Code};

use super::error::CliError;
use super::files::{open_for_writing, refuse_occupied, write_new_file};
use super::inspection::print_saved;

/// `akredit recommend`.
#[derive(Debug, Args)]
pub struct RecommendArgs {
    /// The inspection file.
    pub file: PathBuf,
    /// The standard.
    pub code: Code,
    /// What the centre is to remedy; an empty TEXT removes the recommendation with its
    /// deadline and owner.
    pub text: String,
    /// The deadline, YYYY-MM-DD (kept as it was when not given).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub due: Option<String>,
    /// Who at the centre is responsible (kept as it was when not given; "" clears it).
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
}

/// `akredit conclusion`.
#[derive(Debug, Args)]
pub struct ConclusionArgs {
    /// The inspection file.
    pub file: PathBuf,
    /// The expert group's general conclusion (an empty TEXT removes it).
    pub text: String,
}

/// `akredit action-plan`.
#[derive(Debug, Args)]
pub struct ActionPlanArgs {
    /// A result (RESULT.json) or an inspection file.
    pub input: PathBuf,
    /// The CSV to write (never over an existing file).
    #[arg(long)]
    pub out: PathBuf,
}

/// `akredit conclusion-doc`.
#[derive(Debug, Args)]
pub struct ConclusionDocArgs {
    /// A result (RESULT.json), which must verify, or an inspection file (a draft).
    pub input: PathBuf,
    /// The document to write: .pdf (PDF/A-3 with the signed result embedded) or .docx
    /// (editable); never over an existing file.
    #[arg(long)]
    pub out: PathBuf,
}

/// `akredit recommend`: sets a standard's recommendation, and its deadline and owner
/// when given, in one change (one undo).
pub fn recommend(
    catalogue: &Arc<Catalogue>,
    args: RecommendArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut insp = open_for_writing(&args.file, catalogue.clone())?;
    let code = args.code;
    let text = args.text.trim().to_string();
    let removing = text.is_empty();
    if removing && (args.due.is_some() || args.owner.is_some()) {
        return Err(CliError::Usage(
            "an empty TEXT removes the recommendation; give the text to set a deadline or an owner"
                .into(),
        ));
    }
    let mut changes = vec![Change::Recommendation {
        code: code.clone(),
        text,
    }];
    let due = args.due.map(|d| d.trim().to_string());
    if removing || due.is_some() {
        changes.push(Change::Due {
            code: code.clone(),
            due: due.filter(|d| !d.is_empty()),
        });
    }
    if removing || args.owner.is_some() {
        changes.push(Change::Owner {
            code,
            name: args.owner.unwrap_or_default().trim().to_string(),
        });
    }
    let written = insp.apply(&changes)?;
    print_saved(&insp, &written, out)
}

/// `akredit conclusion`: sets the expert group's general conclusion.
pub fn conclusion(
    catalogue: &Arc<Catalogue>,
    args: ConclusionArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut insp = open_for_writing(&args.file, catalogue.clone())?;
    let written = insp.apply(&[Change::Conclusion {
        text: args.text.trim().to_string(),
    }])?;
    print_saved(&insp, &written, out)
}

/// `akredit action-plan`: the corrective-action plan of a signed result (or of an
/// inspection, as it stands) as a CSV for a spreadsheet.
pub fn action_plan(
    catalogue: &Arc<Catalogue>,
    args: ActionPlanArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let target = &args.out;
    refuse_occupied(target)?;
    let (payload, _) = crate::protocol::load_source(&args.input, catalogue)?;
    let rows = crate::conclusion::action_rows(&payload, catalogue);
    let csv = crate::conclusion::action_plan_csv(&payload, catalogue)
        .map_err(|e| CliError::Output(std::io::Error::other(e)))?;
    write_new_file(target, &csv)?;
    let without = rows.iter().filter(|r| r.row.lacks_recommendation()).count();
    writeln!(
        out,
        "action plan written to {}: {} standards, {} of them without a recommendation yet",
        target.display(),
        rows.len(),
        without
    )?;
    if without > 0 {
        writeln!(
            out,
            "add one with: akredit recommend FILE CODE TEXT --due YYYY-MM-DD --owner NAME"
        )?;
    }
    Ok(())
}

/// `akredit conclusion-doc`: the expert conclusion on the official form, as a PDF to hand
/// in or a DOCX to edit (the extension says which).
pub fn conclusion_doc(
    catalogue: &Arc<Catalogue>,
    args: ConclusionDocArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    use crate::conclusion::DocumentFormat;
    let target = &args.out;
    let Some(format) = DocumentFormat::of_path(target) else {
        return Err(CliError::Usage(format!(
            "{}: the conclusion is written as .pdf or .docx; give --out a name ending in one of them",
            target.display()
        )));
    };
    refuse_occupied(target)?;
    let (payload, provenance) = crate::protocol::load_source(&args.input, catalogue)?;
    if crate::protocol::is_self_assessment(&payload) {
        return Err(CliError::Usage(format!(
            "{} is a centre's self-assessment: the expert conclusion is the expert group's, made from their inspection or its signed result; print the self-assessment with: akredit protocol FILE --out FILE.pdf",
            args.input.display()
        )));
    }
    let bytes = crate::conclusion::render(&payload, catalogue, provenance.as_ref(), format)?;
    write_new_file(target, &bytes)?;
    writeln!(out, "conclusion written to {}", target.display())?;
    if provenance.is_none() || !payload.is_final {
        writeln!(
            out,
            "it is marked DRAFT on every page: it is made from {}; make it from the final signed result to hand it in",
            if provenance.is_none() {
                "an inspection file, not a signed result"
            } else {
                "a draft result"
            }
        )?;
    }
    let rows = crate::conclusion::action_rows(&payload, catalogue);
    let zero = rows
        .iter()
        .filter(|r| r.row.zero_without_recommendation())
        .count();
    if zero > 0 {
        writeln!(
            out,
            "note: {zero} standard(s) graded 0 have no recommendation; add one with: akredit recommend FILE CODE TEXT"
        )?;
    }
    Ok(())
}
