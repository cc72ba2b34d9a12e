//! The centre's self-assessment: `export-self` writes a centre's file for the expert,
//! `import-self` fills an inspection's self column from it (or from a CSV `template`
//! filled in a spreadsheet), all or nothing.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;

use crate::catalogue::{Catalogue, ModelId};
use crate::inspection::{Access, Inspection};
use crate::self_assessment::{self as sa, SelfAssessment};
use crate::signed::Identity;
use crate::support::home::Home;

use super::error::CliError;
use super::files::{open_for_writing, refuse_occupied, write_new_file};
use super::print::print_divergences;
use super::terminal::{one_line, warn};

/// `akredit export-self`.
#[derive(Debug, Args)]
pub struct ExportSelfArgs {
    /// The centre's self-assessment file.
    pub file: PathBuf,
    /// Where to write it (never over an existing file).
    #[arg(long)]
    pub out: PathBuf,
}

/// `akredit import-self`.
#[derive(Debug, Args)]
pub struct ImportSelfArgs {
    /// The expert's inspection file.
    pub file: PathBuf,
    /// The centre's self-assessment: .json or .csv.
    pub input: PathBuf,
    /// Overwrite self grades already entered that differ from the file's.
    #[arg(long)]
    pub replace: bool,
}

/// `akredit template`.
#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// `sanitary` or `full`.
    #[arg(long)]
    pub model: ModelId,
    /// Where to write it (never over an existing file).
    #[arg(long)]
    pub out: PathBuf,
}

/// `akredit export-self`: writes the centre's self-assessment, signed when this computer
/// has a key, and prints the file's hash for both sides to compare.
pub fn export(
    catalogue: &Arc<Catalogue>,
    args: ExportSelfArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let target = &args.out;
    refuse_occupied(target)?;
    let home = Home::from_env()?;
    let identity = Identity::load_if_any(&home)?;
    let insp = Inspection::open(&args.file, catalogue.clone(), Access::ReadOnly)?;
    insp.ensure_sound()?;
    let written = sa::export_self(&insp, identity.as_ref(), &crate::support::time::now_utc())?;
    write_new_file(target, &written.bytes)?;
    writeln!(
        out,
        "self-assessment written to {}: {} of {} standards graded",
        target.display(),
        written.graded,
        written.standards
    )?;
    match (&identity, &written.fingerprint) {
        (Some(identity), Some(fingerprint)) => writeln!(
            out,
            "signed by {} — key {fingerprint}; tell the expert this fingerprint",
            identity.public.name
        )?,
        _ => writeln!(
            out,
            "UNSIGNED: this computer has no key (akredit key init --name \"…\" makes one); the expert will see that nobody vouches for the file"
        )?,
    }
    // The file's own hash: what import-self prints, so both sides can compare.
    writeln!(
        out,
        "file SHA-256: {}",
        crate::catalogue::sha256_hex(&written.bytes)
    )?;
    Ok(())
}

/// `akredit import-self`: reads and checks the centre's file first (a refused import
/// leaves not even a backup behind), then sets the self grades and prints the
/// divergences from the commission's.
pub fn import(
    catalogue: &Arc<Catalogue>,
    args: ImportSelfArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let bytes =
        crate::support::files::read_bounded(&args.input, sa::MAX_FILE_BYTES, "self-assessment")?;
    let model = Inspection::open(&args.file, catalogue.clone(), Access::ReadOnly)?
        .meta()
        .model;
    let file = sa::read(&bytes, catalogue, model)?;
    let mut insp = open_for_writing(&args.file, catalogue.clone())?;
    let plan = sa::import(&mut insp, &file, args.replace)?;
    print_imported(&args, &insp, &file, &plan, out)?;
    print_divergences(catalogue, &insp, out)
}

/// What `import-self` took from the centre's file, and from whom.
fn print_imported(
    args: &ImportSelfArgs,
    insp: &Inspection,
    file: &SelfAssessment,
    plan: &sa::ImportPlan,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    writeln!(
        out,
        "imported the self-assessment from {} ({})",
        args.input.display(),
        file.provenance
    )?;
    if let Some(name) = &file.centre_name {
        writeln!(out, "centre: {}", one_line(name))?;
    }
    if let Some(other) = file.other_centre(insp.answers()) {
        warn(&format!(
            "the self-assessment is of {other:?}, not of this inspection's centre; if that is wrong, the inspection as it was before the import is among its backups (akredit backups FILE)"
        ));
    }
    writeln!(out, "file SHA-256: {}", file.file_sha256)?;
    writeln!(
        out,
        "{} self grades set, {} already equal{}",
        plan.changes.len(),
        plan.unchanged,
        if plan.conflicts.is_empty() {
            String::new()
        } else {
            format!(", {} replaced", plan.conflicts.len())
        }
    )?;
    if !plan.not_applicable.is_empty() {
        let codes: Vec<&str> = plan.not_applicable.iter().map(|c| c.as_str()).collect();
        writeln!(
            out,
            "{} self grades not taken: the inspection marks these standards not applicable: {}",
            codes.len(),
            codes.join(", ")
        )?;
    }
    if file.notes > 0 {
        writeln!(
            out,
            "{} notes of the centre stay in its file (the inspection's notes are the expert's own)",
            file.notes
        )?;
    }
    Ok(())
}

/// `akredit template`: the CSV a centre fills in for its self-assessment.
pub fn template(
    catalogue: &Catalogue,
    args: TemplateArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let model = args.model;
    let bytes = sa::template_csv(catalogue, model)?;
    write_new_file(&args.out, &bytes)?;
    writeln!(
        out,
        "template for the {model} model ({} standards) written to {}; the centre fills the \"grade\" column and returns it for: akredit import-self",
        catalogue.model(model).standards,
        args.out.display()
    )?;
    Ok(())
}
