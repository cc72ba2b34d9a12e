//! The `akredit` command line: argument parsing and printing only. Every decision is
//! made by the domain modules, exactly as for the window.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Parser, Subcommand};
use serde::Serialize;
use serde_json::json;

use crate::answers::{Altered, Change, Column, Field, Subject};
use crate::catalogue::{Catalogue, CatalogueError, Code, Entry, GradeError, ModelId};
use crate::inspection::{Access, HistoryEntry, Inspection, NewInspection, Purpose, StoreError};
use crate::scoring::{self, Tally, Totals};
use crate::terminal::one_line;

/// Scores a health centre against MOH Ukraine order No. 169 (17.07.2000), offline.
#[derive(Debug, Parser)]
#[command(name = "akredit", version, about, long_about = None)]
pub struct Cli {
    /// Use this catalogue file instead of the built-in transcription of the Order.
    #[arg(long, global = true, value_name = "FILE")]
    pub catalogue: Option<PathBuf>,

    /// What to do; without a command, the window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the window on an inspection file.
    Open {
        /// The inspection file.
        file: PathBuf,
    },
    /// Print the loaded catalogue of standards.
    Catalogue {
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
    /// Create a new inspection file (never overwrites).
    New {
        /// The inspection file to create (suggested extension: .akredit).
        file: PathBuf,
        /// The centre's model of activity: `sanitary` (191 standards, 573 points) or
        /// `full` (235 standards, 705 points).
        #[arg(long)]
        model: String,
        /// The centre's name.
        #[arg(long)]
        centre: String,
        /// The expert's name.
        #[arg(long, default_value = "")]
        expert: String,
        /// The date of the visit, YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD")]
        visit_date: Option<String>,
        /// Make the centre's own self-assessment instead of an expert's inspection:
        /// grades go to the self-assessment column, and `export-self` writes the file
        /// the expert imports.
        #[arg(long)]
        self_assessment: bool,
    },
    /// Grade standards: CODE=GRADE, where GRADE is 0–3 or the Order's letter
    /// (Н, МВ, НВ, ПВ, В); `-` clears. All or nothing.
    Score {
        /// The inspection file.
        file: PathBuf,
        /// CODE=GRADE pairs, e.g. 1.1.1.1=В 1.1.3=2 1.1.4.1=-
        #[arg(required = true, value_name = "CODE=GRADE")]
        grades: Vec<String>,
        /// Enter the centre's self-assessment grades instead of the commission's.
        #[arg(long = "self")]
        self_assessment: bool,
    },
    /// Mark standards not applicable (with a reason), or applicable again.
    Na {
        /// The inspection file.
        file: PathBuf,
        /// The standards.
        codes: Vec<String>,
        /// Why the standards do not apply (required unless --clear or --preset).
        #[arg(long)]
        reason: Option<String>,
        /// Apply a preset from the catalogue, e.g. `no-self-financed`.
        #[arg(long, conflicts_with = "codes")]
        preset: Option<String>,
        /// Make the standards applicable again.
        #[arg(long, conflicts_with = "reason")]
        clear: bool,
    },
    /// Set the note on a standard (an empty TEXT removes it).
    Note {
        /// The inspection file.
        file: PathBuf,
        /// The standard.
        code: String,
        /// The note.
        text: String,
    },
    /// Fill in the application form: FIELD=VALUE (fields: centre_name, ownership,
    /// location, phone, head).
    Centre {
        /// The inspection file.
        file: PathBuf,
        /// FIELD=VALUE pairs.
        #[arg(required = true, value_name = "FIELD=VALUE")]
        values: Vec<String>,
    },
    /// Record the check of a mandatory document of the application (1–13).
    Document {
        /// The inspection file.
        file: PathBuf,
        /// The document's number in the Order's list.
        number: u8,
        /// yes, no, or unknown (not yet checked).
        #[arg(long)]
        present: Option<String>,
        /// A note on the document.
        #[arg(long)]
        note: Option<String>,
    },
    /// List the standards of the inspection with their grades.
    Show {
        /// The inspection file.
        file: PathBuf,
        /// Only this group or sub-tree (e.g. 1.1 or 1.1.4).
        code: Option<String>,
    },
    /// Print the history of changes, oldest first.
    History {
        /// The inspection file.
        file: PathBuf,
        /// Only changes of this standard (or of its sub-items).
        code: Option<String>,
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the backups kept of an inspection (newest last).
    Backups {
        /// The inspection file.
        file: PathBuf,
    },
    /// Restore a backup to a new file (never over an existing one).
    Restore {
        /// The backup file (see `akredit backups`).
        backup: PathBuf,
        /// Where to write the restored inspection.
        #[arg(long)]
        out: PathBuf,
    },
    /// The expert's signing key.
    Key {
        /// What to do with it.
        #[command(subcommand)]
        action: KeyAction,
    },
    /// Sign the inspection's result for the commission (refused while incomplete).
    Export {
        /// The inspection file.
        file: PathBuf,
        /// Where to write the result (never over an existing file).
        #[arg(long)]
        out: PathBuf,
        /// Export an incomplete inspection as a draft ("final": false).
        #[arg(long)]
        draft: bool,
    },
    /// Write a centre's self-assessment for the expert (signed when this computer has a
    /// key, otherwise unsigned and marked so). Works on a file made with
    /// `new --self-assessment`.
    ExportSelf {
        /// The centre's self-assessment file.
        file: PathBuf,
        /// Where to write it (never over an existing file).
        #[arg(long)]
        out: PathBuf,
    },
    /// Fill the self-assessment column of an inspection from a centre's self-assessment
    /// (the JSON of `export-self`, or a filled-in CSV template). All or nothing.
    ImportSelf {
        /// The expert's inspection file.
        file: PathBuf,
        /// The centre's self-assessment: .json or .csv.
        input: PathBuf,
        /// Overwrite self grades already entered that differ from the file's.
        #[arg(long)]
        replace: bool,
    },
    /// Write the CSV template a centre fills in a spreadsheet for its self-assessment.
    Template {
        /// `sanitary` or `full`.
        #[arg(long)]
        model: String,
        /// Where to write it (never over an existing file).
        #[arg(long)]
        out: PathBuf,
    },
    /// Check a signed result: format, signature, signer, catalogue, totals, standards.
    Verify {
        /// The result file.
        result: PathBuf,
        /// A trusted public key (base64) or a file holding one (e.g. identity.json).
        #[arg(long, value_name = "PUBKEY_OR_FILE")]
        trust: Vec<String>,
    },
    /// Write the printable protocol (A4 PDF) of a signed result or of an inspection file.
    Protocol {
        /// A result (RESULT.json) or an inspection file.
        input: PathBuf,
        /// The PDF to write (never over an existing file).
        #[arg(long)]
        out: PathBuf,
    },
    /// List what changed between two results (both must verify).
    Diff {
        /// The older result.
        old: PathBuf,
        /// The newer result.
        new: PathBuf,
        /// A trusted public key (base64) or a file holding one; repeat for each expert.
        #[arg(long, value_name = "PUBKEY_OR_FILE")]
        trust: Vec<String>,
    },
    /// Verify many signed results (files, or folders searched for *.json) and tabulate
    /// them for the commission: valid, invalid (why), superseded; exit 1 if any is invalid.
    Commission {
        /// Result files, or folders to search recursively for *.json.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// A trusted public key (base64) or a file holding one; repeat for each expert.
        #[arg(long, value_name = "PUBKEY_OR_FILE")]
        trust: Vec<String>,
        /// Also write the table as CSV (UTF-8 with BOM) to this file (never over one).
        #[arg(long, value_name = "OUT.csv")]
        csv: Option<PathBuf>,
        /// Print the table as JSON instead.
        #[arg(long)]
        json: bool,
    },
    /// Measure speed against baselines taken in the same run, and print the figures.
    Bench {
        /// Fewer samples (for CI).
        #[arg(long)]
        quick: bool,
        /// Also write the figures as JSON to this file.
        #[arg(long, value_name = "OUT")]
        json: Option<PathBuf>,
        /// The folder to write the test files in (default: the system's temporary folder).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Print points, percent and category.
    Summary {
        /// The inspection file.
        file: PathBuf,
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
}

/// What to do with the signing key.
#[derive(Debug, Subcommand)]
pub enum KeyAction {
    /// Create your key pair (once; never overwritten).
    Init {
        /// Your full name, as it will appear in signed results.
        #[arg(long)]
        name: String,
    },
    /// Print your public key and its fingerprint.
    Show,
}

/// Why a command failed. The message says what was wrong and what to do.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The catalogue file could not be read.
    #[error("cannot read the catalogue: {0}")]
    CatalogueFile(crate::support::files::FileError),
    /// The catalogue was refused.
    #[error("the catalogue {origin} was refused: {source}")]
    Catalogue {
        /// Which catalogue.
        origin: String,
        /// Why.
        source: CatalogueError,
    },
    /// The inspection file.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A bad argument.
    #[error("{0}")]
    Usage(String),
    /// The protocol could not be made.
    #[error(transparent)]
    Protocol(#[from] crate::protocol::ProtocolError),
    /// There is nothing to make a protocol of.
    #[error(transparent)]
    ProtocolSource(Box<crate::protocol::SourceError>),
    /// Exporting failed.
    #[error(transparent)]
    Export(Box<crate::signed::ExportError>),
    /// The key.
    #[error(transparent)]
    Key(#[from] crate::signed::KeyError),
    /// A verification found problems (they were printed).
    #[error("{0}")]
    NotVerified(String),
    /// The data folder is unknown.
    #[error(transparent)]
    Home(#[from] crate::support::home::NoHome),
    /// Writing the output failed.
    #[error("cannot write the output: {0}")]
    Output(#[from] io::Error),
    /// A file given could not be read, or an output file written.
    #[error(transparent)]
    File(#[from] crate::support::files::FileError),
    /// A self-assessment could not be written or imported.
    #[error(transparent)]
    SelfAssessment(#[from] crate::self_assessment::SelfError),
}

impl From<crate::self_assessment::ImportError> for CliError {
    fn from(e: crate::self_assessment::ImportError) -> Self {
        match e {
            crate::self_assessment::ImportError::SelfAssessment(e) => e.into(),
            crate::self_assessment::ImportError::Store(e) => e.into(),
        }
    }
}

/// What to type next, for errors whose remedy is a command or a flag: the domain's
/// messages say what is wrong in words any interface can show; the command line adds how.
pub fn hint(e: &CliError) -> Option<String> {
    use crate::answers::Refusal;
    use crate::self_assessment::SelfError;
    use crate::signed::{ExportError, KeyError};
    let text = match e {
        CliError::Store(StoreError::CatalogueMismatch { .. }) => {
            "give that catalogue with --catalogue FILE"
        }
        CliError::Store(StoreError::Busy { .. }) => {
            "akredit summary, show and history still read it"
        }
        CliError::Store(StoreError::Damaged { .. } | StoreError::ForeignSchema { .. }) => {
            "akredit backups FILE lists its backups; akredit restore BACKUP --out NEW.akredit restores one"
        }
        CliError::Store(StoreError::NotFound(_)) => "akredit new FILE … creates an inspection",
        CliError::Store(StoreError::Refused(Refusal::NaWithoutReason(_))) => {
            "give the reason with --reason \"…\""
        }
        CliError::Export(e) => match e.as_ref() {
            ExportError::Incomplete(_) => "export an incomplete inspection as a draft with --draft",
            ExportError::SelfAssessment => "akredit export-self FILE --out SELF.json",
            ExportError::Key(KeyError::Missing(_) | KeyError::PrivateKeyMissing(_)) => {
                "akredit key init --name \"Your full name\""
            }
            _ => return None,
        },
        CliError::Key(KeyError::Missing(_) | KeyError::PrivateKeyMissing(_) | KeyError::NoName) => {
            "akredit key init --name \"Your full name\""
        }
        CliError::SelfAssessment(SelfError::WouldReplace(_)) => {
            "run again with --replace to take the file's grades"
        }
        CliError::SelfAssessment(SelfError::OtherModel { inspection, .. }) => {
            return Some(format!(
                "make the right template with: akredit template --model {inspection} --out self.csv"
            ));
        }
        CliError::SelfAssessment(SelfError::OtherCatalogue { .. }) => {
            "make a template of this catalogue with: akredit template --model MODEL --out self.csv"
        }
        CliError::SelfAssessment(SelfError::NotASelfAssessmentFile) => {
            "a centre makes its file with: akredit new FILE --self-assessment …"
        }
        _ => return None,
    };
    Some(text.to_string())
}

/// Prints where the centre judged itself differently from the commission, per group.
fn print_divergences(
    catalogue: &Catalogue,
    insp: &Inspection,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let groups = scoring::divergences(catalogue, insp.meta().model, insp.answers());
    let total: usize = groups.iter().map(|(_, codes)| codes.len()).sum();
    writeln!(
        out,
        "divergences between the self-assessment and the commission: {total}"
    )?;
    for (group, codes) in &groups {
        writeln!(
            out,
            "  {group}: {} — {}",
            codes.len(),
            codes
                .iter()
                .map(Code::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    Ok(())
}

impl From<crate::signed::ExportError> for CliError {
    fn from(e: crate::signed::ExportError) -> Self {
        CliError::Export(Box::new(e))
    }
}

impl From<crate::protocol::SourceError> for CliError {
    fn from(e: crate::protocol::SourceError) -> Self {
        CliError::ProtocolSource(Box::new(e))
    }
}

impl From<crate::answers::Refusal> for CliError {
    fn from(r: crate::answers::Refusal) -> Self {
        CliError::Store(StoreError::Refused(r))
    }
}

/// The largest catalogue file read (the Order's is about 400 KiB).
const MAX_CATALOGUE_BYTES: u64 = 16 * 1024 * 1024;

/// Loads the catalogue a command runs with.
pub fn load_catalogue(path: Option<&Path>) -> Result<Arc<Catalogue>, CliError> {
    let catalogue = match path {
        None => Catalogue::builtin().map_err(|source| CliError::Catalogue {
            origin: "built into this program".into(),
            source,
        })?,
        Some(path) => {
            let bytes = crate::support::files::read_bounded(path, MAX_CATALOGUE_BYTES, "catalogue")
                .map_err(CliError::CatalogueFile)?;
            let text = String::from_utf8(bytes).map_err(|_| {
                CliError::Usage(format!(
                    "{}: the catalogue is not UTF-8 text; give a catalogue JSON file",
                    path.display()
                ))
            })?;
            Catalogue::from_json(&text).map_err(|source| CliError::Catalogue {
                origin: path.display().to_string(),
                source,
            })?
        }
    };
    Ok(Arc::new(catalogue))
}

/// Runs a command of the command line (not `open`, which the binary hands to the window),
/// writing its output to `out`.
pub fn run(
    catalogue: Arc<Catalogue>,
    command: Command,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    match command {
        Command::Open { .. } => Err(CliError::Usage(
            "`open` shows the window; it is not a command-line action".into(),
        )),
        Command::Catalogue { json } => print_catalogue(&catalogue, json, out),
        Command::New {
            file,
            model,
            centre,
            expert,
            visit_date,
            self_assessment,
        } => {
            let model: ModelId = model
                .parse()
                .map_err(|e: crate::catalogue::UnknownModel| CliError::Usage(e.to_string()))?;
            let insp = Inspection::create(
                &file,
                catalogue.clone(),
                &NewInspection {
                    model,
                    centre_name: centre,
                    expert,
                    visit_date,
                    purpose: Purpose::from_self_assessment(self_assessment),
                },
            )?;
            let m = catalogue.model(model);
            writeln!(
                out,
                "created {} — model {} ({}): {} standards, {} points at most",
                insp.path().display(),
                model,
                m.title,
                m.standards,
                m.max_points
            )?;
            Ok(())
        }
        Command::Score {
            file,
            grades,
            self_assessment,
        } => {
            let mut insp = open_for_writing(&file, catalogue.clone())?;
            // A centre's self-assessment file has only the self column.
            let column = if self_assessment {
                Column::SelfAssessment
            } else {
                insp.meta().purpose.column()
            };
            let changes = grades
                .iter()
                .map(|arg| parse_grade_arg(&catalogue, arg, column))
                .collect::<Result<Vec<_>, _>>()?;
            let written = insp.apply(&changes)?;
            print_saved(&insp, &written, out)
        }
        Command::Na {
            file,
            codes,
            reason,
            preset,
            clear,
        } => {
            let mut insp = open_for_writing(&file, catalogue.clone())?;
            let model = insp.meta().model;
            let changes: Vec<Change> = if let Some(id) = preset {
                let preset = catalogue.preset(&id).ok_or_else(|| {
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
                let plan = crate::answers::preset_plan(&catalogue, model, preset, !clear);
                for code in &plan.outside_model {
                    writeln!(out, "{code}: not in the {model} model, nothing to drop")?;
                }
                if !clear {
                    for (code, why) in &plan.dropped {
                        writeln!(out, "{code}: {why}")?;
                    }
                }
                plan.changes
            } else {
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
                codes
                    .iter()
                    .map(|c| {
                        Ok(Change::NotApplicable {
                            code: parse_code(c)?,
                            reason: reason.clone(),
                        })
                    })
                    .collect::<Result<_, CliError>>()?
            };
            let written = insp.apply(&changes)?;
            print_saved(&insp, &written, out)
        }
        Command::Note { file, code, text } => {
            let mut insp = open_for_writing(&file, catalogue)?;
            let written = insp.apply(&[Change::Note {
                code: parse_code(&code)?,
                text: text.trim().to_string(),
            }])?;
            print_saved(&insp, &written, out)
        }
        Command::Centre { file, values } => {
            let mut insp = open_for_writing(&file, catalogue)?;
            let changes = values
                .iter()
                .map(|arg| {
                    let (field, value) = arg.split_once('=').ok_or_else(|| {
                        CliError::Usage(format!(
                            "{arg:?} is not FIELD=VALUE, e.g. location=\"м. Полтава\""
                        ))
                    })?;
                    Ok(Change::Centre {
                        field: field.trim().to_string(),
                        value: value.trim().to_string(),
                    })
                })
                .collect::<Result<Vec<_>, CliError>>()?;
            let written = insp.apply(&changes)?;
            print_saved(&insp, &written, out)
        }
        Command::Document {
            file,
            number,
            present,
            note,
        } => {
            let mut insp = open_for_writing(&file, catalogue)?;
            let mut changes = Vec::new();
            if let Some(p) = present {
                let present = match p.trim() {
                    "yes" | "так" => Some(true),
                    "no" | "ні" => Some(false),
                    "unknown" | "-" => None,
                    other => {
                        return Err(CliError::Usage(format!(
                            "--present {other:?}: write yes, no or unknown"
                        )));
                    }
                };
                changes.push(Change::DocumentPresent { number, present });
            }
            if let Some(text) = note {
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
        Command::Show { file, code } => {
            let insp = open_read_only(&file, catalogue)?;
            let filter = code.as_deref().map(parse_code).transpose()?;
            print_show(&insp, filter.as_ref(), out)
        }
        Command::History { file, code, json } => {
            let insp = open_read_only(&file, catalogue)?;
            let filter = code.as_deref().map(parse_code).transpose()?;
            if let Some(f) = &filter
                && insp.catalogue().entry(f).is_none()
            {
                return Err(crate::answers::Refusal::UnknownCode(f.clone()).into());
            }
            let entries = insp.history(filter.as_ref())?;
            print_history(&entries, json, out)
        }
        Command::Backups { file } => {
            let insp = open_read_only(&file, catalogue)?;
            let home = crate::support::home::Home::from_env()?;
            let list =
                crate::inspection::backup::list(&home.backups(), &insp.meta().inspection_id)?;
            if list.is_empty() {
                writeln!(
                    out,
                    "no backups of {} yet (one is kept each time it is opened for changes)",
                    file.display()
                )?;
            }
            for b in &list {
                writeln!(
                    out,
                    "{}  {:>8} bytes  {}",
                    b.taken_at,
                    b.bytes,
                    b.path.display()
                )?;
            }
            Ok(())
        }
        Command::Restore {
            backup,
            out: target,
        } => {
            crate::inspection::backup::restore(&backup, &target, catalogue)?;
            writeln!(out, "restored {} to {}", backup.display(), target.display())?;
            Ok(())
        }
        Command::Key { action } => {
            let home = crate::support::home::Home::from_env()?;
            let identity = match action {
                KeyAction::Init { name } => crate::signed::Identity::create(&home, &name)?,
                KeyAction::Show => crate::signed::Identity::load(&home)?,
            };
            writeln!(out, "name:        {}", identity.public.name)?;
            writeln!(out, "public key:  {}", identity.public.public_key)?;
            writeln!(out, "fingerprint: {}", identity.fingerprint())?;
            Ok(())
        }
        Command::Export {
            file,
            out: target,
            draft,
        } => {
            refuse_occupied(&target)?;
            let mut insp = open_for_writing(&file, catalogue)?;
            // Say what a centre's file needs before asking for a key it does not need.
            if insp.meta().purpose == Purpose::SelfAssessment {
                return Err(crate::signed::ExportError::SelfAssessment.into());
            }
            let home = crate::support::home::Home::from_env()?;
            let identity = crate::signed::Identity::load(&home)?;
            let signed = crate::signed::export(&mut insp, &identity, draft, &target)?;
            writeln!(
                out,
                "{} result written to {}",
                if signed.is_final { "final" } else { "DRAFT" },
                target.display()
            )?;
            writeln!(out, "result SHA-256: {}", signed.sha256)?;
            writeln!(
                out,
                "signed by {} — key {}",
                identity.public.name, signed.fingerprint
            )?;
            Ok(())
        }
        Command::ExportSelf { file, out: target } => {
            refuse_occupied(&target)?;
            let home = crate::support::home::Home::from_env()?;
            let identity = crate::signed::Identity::load_if_any(&home)?;
            let insp = Inspection::open(&file, catalogue, Access::ReadOnly)?;
            insp.ensure_sound()?;
            let written = crate::self_assessment::export_self(
                &insp,
                identity.as_ref(),
                &crate::support::time::now_utc(),
            )?;
            write_new_file(&target, &written.bytes)?;
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
        Command::ImportSelf {
            file,
            input,
            replace,
        } => {
            let bytes = crate::support::files::read_bounded(
                &input,
                crate::self_assessment::MAX_FILE_BYTES,
                "self-assessment",
            )?;
            // The centre's file is read and checked before the inspection is opened for
            // changes: a refused import leaves not even a backup behind.
            let model = Inspection::open(&file, catalogue.clone(), Access::ReadOnly)?
                .meta()
                .model;
            let sa = crate::self_assessment::read(&bytes, &catalogue, model)?;
            let mut insp = open_for_writing(&file, catalogue.clone())?;
            let plan = crate::self_assessment::import(&mut insp, &sa, replace)?;
            writeln!(
                out,
                "imported the self-assessment from {} ({})",
                input.display(),
                sa.provenance
            )?;
            if let Some(name) = &sa.centre_name {
                writeln!(out, "centre: {}", one_line(name))?;
            }
            if let Some(other) = sa.other_centre(insp.answers()) {
                crate::terminal::warn(&format!(
                    "the self-assessment is of {other:?}, not of this inspection's centre; if that is wrong, the inspection as it was before the import is among its backups (akredit backups FILE)"
                ));
            }
            writeln!(out, "file SHA-256: {}", sa.file_sha256)?;
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
            if sa.notes > 0 {
                writeln!(
                    out,
                    "{} notes of the centre stay in its file (the inspection's notes are the expert's own)",
                    sa.notes
                )?;
            }
            print_divergences(&catalogue, &insp, out)
        }
        Command::Template { model, out: target } => {
            let model: ModelId = model
                .parse()
                .map_err(|e: crate::catalogue::UnknownModel| CliError::Usage(e.to_string()))?;
            let bytes = crate::self_assessment::template_csv(&catalogue, model)?;
            write_new_file(&target, &bytes)?;
            writeln!(
                out,
                "template for the {model} model ({} standards) written to {}; the centre fills the \"grade\" column and returns it for: akredit import-self",
                catalogue.model(model).standards,
                target.display()
            )?;
            Ok(())
        }
        Command::Verify { result, trust } => {
            let bytes = crate::signed::read_result_file(&result)?;
            let trusted = trust_list(&trust)?;
            let v = crate::signed::verify(&bytes, &catalogue, &trusted);
            for check in &v.checks {
                writeln!(out, "{}", one_line(&check.to_string()))?;
            }
            if let Some(r) = &v.result {
                writeln!(
                    out,
                    "{} — {} — {}",
                    one_line(r.payload.centre_name()),
                    one_line(&r.payload.model),
                    if r.payload.is_final { "final" } else { "DRAFT" }
                )?;
            }
            if let Some(name) = &v.trusted_name {
                writeln!(out, "signed by (trusted identity): {}", one_line(name))?;
            }
            if let Some(sha) = &v.sha256 {
                writeln!(out, "result SHA-256: {sha}")?;
            }
            if v.holds() {
                writeln!(out, "VERIFIED")?;
                Ok(())
            } else {
                let failed: Vec<&str> = v
                    .checks
                    .iter()
                    .filter(|c| matches!(c.outcome, crate::signed::Outcome::Fail(_)))
                    .map(|c| c.name)
                    .collect();
                Err(CliError::NotVerified(format!(
                    "{} does not verify: {} failed (see above)",
                    result.display(),
                    failed.join(", ")
                )))
            }
        }
        Command::Protocol { input, out: target } => {
            refuse_occupied(&target)?;
            let (payload, provenance) = crate::protocol::load_source(&input, &catalogue)?;
            let pdf = crate::protocol::render(&payload, &catalogue, provenance.as_ref())?;
            write_new_file(&target, &pdf)?;
            writeln!(out, "protocol written to {}", target.display())?;
            Ok(())
        }
        Command::Diff { old, new, trust } => {
            let trusted = trust_list(&trust)?;
            let (a, sha_a) = read_verified(&old, &catalogue, &trusted, "older")?;
            let (b, _) = read_verified(&new, &catalogue, &trusted, "newer")?;
            for l in crate::signed::diff(&a, &b, &sha_a) {
                writeln!(out, "{}", one_line(&l))?;
            }
            Ok(())
        }
        Command::Commission {
            paths,
            trust,
            csv,
            json,
        } => {
            let trusted = trust_list(&trust)?;
            crate::cli_commission::run(&catalogue, &paths, &trusted, csv.as_deref(), json, out)
        }
        Command::Bench { quick, json, dir } => {
            let dir = dir.unwrap_or_else(std::env::temp_dir);
            let report = crate::bench::run(catalogue, &dir, quick)?;
            crate::bench::print(&report, out)?;
            if let Some(path) = json {
                let text = serde_json::to_string_pretty(&report).map_err(io::Error::from)?;
                std::fs::write(&path, text + "\n").map_err(|source| {
                    CliError::Store(StoreError::Io {
                        path: path.clone(),
                        source,
                    })
                })?;
                writeln!(out, "\nfigures written to {}", path.display())?;
            }
            Ok(())
        }
        Command::Summary { file, json } => {
            let insp = open_read_only(&file, catalogue.clone())?;
            let totals = scoring::totals(&catalogue, insp.meta().model, insp.answers());
            if json {
                serde_json::to_writer_pretty(&mut *out, &totals).map_err(io::Error::from)?;
                writeln!(out)?;
                Ok(())
            } else {
                print_summary(&insp, &totals, out)
            }
        }
    }
}

/// Opens an inspection for changes and keeps a backup of it as it was.
///
/// A backup that cannot be made is reported but does not stop the expert's work.
pub fn open_for_writing(file: &Path, catalogue: Arc<Catalogue>) -> Result<Inspection, CliError> {
    let home = crate::support::home::Home::from_env();
    let backups = home.as_ref().ok().map(crate::support::home::Home::backups);
    let (insp, not_backed_up) = Inspection::open_for_changes(file, catalogue, backups.as_deref())?;
    if let Err(e) = &home {
        crate::terminal::warn(&format!("no backup was made before this change: {e}"));
    }
    if let Some(e) = not_backed_up {
        crate::terminal::warn(&format!("no backup was made before this change: {e}"));
    }
    Ok(insp)
}

/// Opens an inspection for reading; a damaged one is opened all the same, after a warning
/// on standard error that says what is wrong, so that nothing shown is taken at face value.
pub fn open_read_only(file: &Path, catalogue: Arc<Catalogue>) -> Result<Inspection, CliError> {
    let insp = Inspection::open(file, catalogue, Access::ReadOnly)?;
    if !insp.problems().is_empty() {
        crate::terminal::warn(&format!(
            "{} is damaged ({}); what follows may be wrong. Nothing can be changed in it: restore it from a backup (akredit backups FILE lists them; akredit restore BACKUP --out NEW.akredit)",
            file.display(),
            crate::inspection::health::describe(insp.problems())
        ));
    }
    Ok(insp)
}

fn write_new_file(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    Ok(crate::signed::write_new_file(path, bytes)?)
}

/// Refuses an output path where something (a file, a folder, a link) already is, before
/// any work is done for it.
fn refuse_occupied(target: &Path) -> Result<(), CliError> {
    if crate::support::files::is_link(target) {
        return Err(CliError::File(crate::support::files::FileError::Link(
            target.to_path_buf(),
        )));
    }
    if crate::support::files::occupied(target) {
        return Err(StoreError::Exists(target.to_path_buf()).into());
    }
    Ok(())
}

/// The trusted keys of the `--trust` arguments (base64, or files holding a key or an
/// identity.json).
fn trust_list(args: &[String]) -> Result<Vec<crate::signed::TrustedKey>, CliError> {
    crate::signed::keys::trust_list(args.iter().map(String::as_str))
        .map_err(|e| CliError::Usage(format!("--trust {e}")))
}

/// Reads and verifies one result of `diff`; one that does not verify is refused, saying
/// which checks failed, so that no diff is ever made of a tampered or foreign result.
fn read_verified(
    path: &Path,
    catalogue: &Catalogue,
    trusted: &[crate::signed::TrustedKey],
    which: &str,
) -> Result<(crate::signed::ResultFile, String), CliError> {
    let bytes = crate::signed::read_result_file(path)?;
    let v = crate::signed::verify(&bytes, catalogue, trusted);
    let failed: Vec<String> = v
        .checks
        .iter()
        .filter(|c| matches!(c.outcome, crate::signed::Outcome::Fail(_)))
        .map(|c| format!("  {c}"))
        .collect();
    match (v.result, v.sha256) {
        (Some(r), Some(sha)) if failed.is_empty() => Ok((r, sha)),
        _ => Err(CliError::NotVerified(format!(
            "the {which} result {} does not verify, so no diff is made of it:\n{}",
            path.display(),
            one_line_each(&failed)
        ))),
    }
}

/// Lines of text, each made safe on its own.
fn one_line_each(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| one_line(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

fn parse_code(text: &str) -> Result<Code, CliError> {
    text.parse()
        .map_err(|e: crate::catalogue::BadCode| CliError::Usage(e.to_string()))
}

fn parse_grade_arg(catalogue: &Catalogue, arg: &str, column: Column) -> Result<Change, CliError> {
    let (code, grade) = arg.split_once('=').ok_or_else(|| {
        CliError::Usage(format!(
            "{arg:?} is not CODE=GRADE; write e.g. 1.1.1.1=3 or 1.1.1.1=В (and 1.1.1.1=- to clear)"
        ))
    })?;
    let code = parse_code(code)?;
    let grade_text = grade.trim();
    let grade = if grade_text == "-" {
        None
    } else {
        match catalogue.standard(&code) {
            Some(s) => Some(s.scale.parse_grade(grade_text).map_err(|e: GradeError| {
                CliError::Usage(format!("{code}: {e}. Nothing was changed"))
            })?),
            // Not a standard: let validation name what the code is instead.
            None => None,
        }
    };
    let change = Change::Grade {
        code,
        column,
        grade,
    };
    Ok(change)
}

fn print_saved(
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

fn describe(catalogue: &Catalogue, a: &Altered) -> String {
    format!(
        "{} {}: {} → {}",
        a.subject(),
        a.field(),
        value_text(catalogue, a, a.old_value()),
        value_text(catalogue, a, a.new_value())
    )
}

fn print_history(
    entries: &[HistoryEntry],
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if json {
        let rows: Vec<_> = entries
            .iter()
            .map(|e| {
                let (subject, code, document) = match e.altered.subject() {
                    Subject::Standard(c) => ("standard", Some(c.as_str()), None),
                    Subject::Centre => ("centre", None, None),
                    Subject::Document(n) => ("document", None, Some(*n)),
                };
                json!({
                    "id": e.id,
                    "at": e.at,
                    "subject": subject,
                    "code": code,
                    "document": document,
                    "field": e.altered.field().as_str(),
                    "old": e.altered.old_value(),
                    "new": e.altered.new_value(),
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows).map_err(io::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    if entries.is_empty() {
        writeln!(out, "no changes recorded")?;
    }
    for e in entries {
        let a = &e.altered;
        writeln!(
            out,
            "{:>5}  {}  {:<12} {:<12} {} → {}",
            e.id,
            e.at,
            a.subject().to_string(),
            a.field().as_str(),
            a.old_value().map_or("—".to_string(), |v| format!("{v:?}")),
            a.new_value().map_or("—".to_string(), |v| format!("{v:?}")),
        )?;
    }
    Ok(())
}

fn tally_line(t: &Tally, max: u32) -> String {
    let percent = t.percent.map_or("—".to_string(), |p| format!("{p} %"));
    let best = t.best_percent.map_or("—".to_string(), |p| format!("{p} %"));
    let mut s = format!(
        "{} of {max} points = {percent}, category: {}",
        t.points, t.category
    );
    if t.unscored > 0 {
        let _ = write!(
            s,
            "; {} unscored — if each got 3: {best}, {}",
            t.unscored, t.best_category
        );
    }
    s
}

fn print_summary(insp: &Inspection, t: &Totals, out: &mut dyn Write) -> Result<(), CliError> {
    let cat = insp.catalogue();
    let centre = insp.answers().centre_name();
    writeln!(out, "{}", one_line(centre))?;
    writeln!(
        out,
        "model {} ({}); {} standards, {} not applicable, {} applicable, {} points at most",
        t.model,
        cat.model(t.model).title,
        t.standards,
        t.not_applicable,
        t.applicable,
        t.max_points
    )?;
    writeln!(
        out,
        "commission: {}",
        tally_line(&t.commission, t.max_points)
    )?;
    writeln!(
        out,
        "self-assessment: {}",
        tally_line(&t.self_assessment, t.max_points)
    )?;
    writeln!(
        out,
        "{}",
        if t.complete {
            "complete: every applicable standard has a commission grade"
        } else {
            "not complete"
        }
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "group  applicable  scored  points/max   percent  category  self points"
    )?;
    for g in &t.groups {
        writeln!(
            out,
            "{:<6} {:>10}  {:>6}  {:>10}  {:>8}  {:<8}  {:>11}",
            g.code.as_str(),
            g.applicable,
            g.commission.scored,
            format!("{}/{}", g.commission.points, g.max_points),
            g.commission
                .percent
                .map_or("—".into(), |p| format!("{p} %")),
            g.commission.category.id(),
            g.self_assessment.points,
        )?;
    }
    match insp.meta().purpose {
        Purpose::SelfAssessment => writeln!(
            out,
            "\nthis is the centre's SELF-ASSESSMENT file: its grades are in the self column; write it for the expert with akredit export-self"
        )?,
        Purpose::Inspection if t.self_assessment.scored > 0 => {
            writeln!(out)?;
            print_divergences(cat, insp, out)?;
        }
        Purpose::Inspection => {}
    }
    Ok(())
}

fn print_show(
    insp: &Inspection,
    filter: Option<&Code>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let cat = insp.catalogue();
    let model = insp.meta().model;
    if let Some(f) = filter
        && cat.entry(f).is_none()
    {
        return Err(crate::answers::Refusal::UnknownCode(f.clone()).into());
    }
    let wanted = |c: &Code| filter.is_none_or(|f| c.starts_with(f) || f.starts_with(c));
    // Groups, headings and standards interleaved in code order.
    let mut rows: Vec<(Code, String)> = Vec::new();
    for g in &cat.groups {
        if wanted(&g.code)
            && cat.model_standards(model).any(|s| s.group == g.code)
            && cat.standard(&g.code).is_none()
        {
            rows.push((g.code.clone(), format!("{}  {}", g.code, g.title)));
        }
    }
    for h in &cat.headings {
        if wanted(&h.code)
            && cat
                .model_standards(model)
                .any(|s| s.code.starts_with(&h.code))
        {
            rows.push((
                h.code.clone(),
                format!(
                    "  {}  {}",
                    h.code,
                    h.title.as_deref().unwrap_or("(wording not in the source)")
                ),
            ));
        }
    }
    for s in cat.model_standards(model).filter(|s| wanted(&s.code)) {
        let a = insp.answers().get(&s.code);
        let grade = |g: Option<u8>| match g {
            Some(g) => match s.scale.order_letter(g) {
                Some(l) => format!("{g} {l}"),
                None => g.to_string(),
            },
            None => "·".into(),
        };
        let mut line = format!(
            "    {:<12} commission {:<5} self {:<5} {}",
            s.code.as_str(),
            grade(a.commission),
            grade(a.self_grade),
            s.title.as_deref().unwrap_or("(wording not in the source)")
        );
        if let Some(r) = &a.na_reason {
            let _ = write!(line, "\n        not applicable: {}", indented(r));
        }
        if !a.note.is_empty() {
            let _ = write!(line, "\n        note: {}", indented(&a.note));
        }
        rows.push((s.code.clone(), line));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    for (_, line) in rows {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// A multi-line text under a standard: each of its lines on a line of its own, indented
/// under the first, so that no line of a note can pass for a line of the listing.
fn indented(text: &str) -> String {
    text.lines()
        .map(|l| one_line(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n              ")
}

#[derive(Serialize)]
struct CatalogueView<'a> {
    id: &'a str,
    title: &'a str,
    sha256: &'a str,
    source_completeness: &'a str,
    categories: &'a [crate::catalogue::CategoryRule],
    models: &'a [crate::catalogue::Model],
    sections: &'a [crate::catalogue::Section],
    groups: &'a [crate::catalogue::Group],
    standards: Vec<serde_json::Value>,
    headings: &'a [crate::catalogue::Heading],
    uncounted: &'a [crate::catalogue::Uncounted],
    presets: &'a [crate::catalogue::Preset],
    application_form: &'a [crate::catalogue::FormField],
    documents: &'a [crate::catalogue::Document],
}

fn print_catalogue(cat: &Catalogue, json_out: bool, out: &mut dyn Write) -> Result<(), CliError> {
    if json_out {
        let standards = cat
            .standards
            .iter()
            .map(|s| {
                let criteria: serde_json::Map<String, serde_json::Value> = s
                    .criteria
                    .iter()
                    .map(|(g, t)| (g.to_string(), json!(t)))
                    .collect();
                json!({
                    "code": s.code,
                    "group": s.group,
                    "title": s.title,
                    "scale": s.scale,
                    "grades": s.scale.grades(),
                    "letters": s.scale.grades().iter().map(|&g| s.scale.order_letter(g)).collect::<Vec<_>>(),
                    "criteria": criteria,
                    "note": s.note,
                    "models": s.models,
                    "wording_in_source": s.wording_in_source,
                    "source_line": s.source_line,
                    "source_note": s.source_note,
                })
            })
            .collect();
        let view = CatalogueView {
            id: &cat.id,
            title: &cat.title,
            sha256: &cat.sha256,
            source_completeness: &cat.source_completeness,
            categories: &cat.categories,
            models: &cat.models,
            sections: &cat.sections,
            groups: &cat.groups,
            standards,
            headings: &cat.headings,
            uncounted: &cat.uncounted,
            presets: &cat.presets,
            application_form: &cat.application_form,
            documents: &cat.documents,
        };
        serde_json::to_writer_pretty(&mut *out, &view).map_err(io::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "{}", cat.title)?;
    writeln!(out, "catalogue {}  SHA-256 {}", cat.id, cat.sha256)?;
    for m in &cat.models {
        writeln!(
            out,
            "model {:<9} {} standards, {} points — {}",
            m.id.id(),
            m.standards,
            m.max_points,
            m.title
        )?;
    }
    for g in &cat.groups {
        let count = |model| {
            cat.model_standards(model)
                .filter(|s| s.group == g.code)
                .count()
        };
        writeln!(
            out,
            "{:<5} full {:>3}  sanitary {:>3}  {}",
            g.code.as_str(),
            count(ModelId::Full),
            count(ModelId::Sanitary),
            g.title
        )?;
    }
    writeln!(out, "{}", cat.source_completeness)?;
    let decisions = cat
        .standards
        .iter()
        .filter(|s| s.wording_in_source && s.source_note.is_some())
        .count()
        + cat
            .groups
            .iter()
            .filter(|g| g.source_note.is_some())
            .count()
        + cat.uncounted.len()
        + cat.presets.len();
    writeln!(
        out,
        "{decisions} editorial decisions are recorded as source_note (see `akredit catalogue --json`)"
    )?;
    let _ = Entry::Group; // the catalogue view lists groups through `cat.groups`
    Ok(())
}
