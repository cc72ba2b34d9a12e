//! The `akredit` command line: argument parsing and printing only. Every decision is
//! made by the domain modules, exactly as for the window.
//!
//! clap parses the line into [`Cli`]: one [`Command`] whose arguments are typed values
//! (`args.rs`: standard codes, models, `CODE=GRADE`, `FIELD=VALUE`, `--present`).
//! [`run`] hands each command to its function, one file per family of commands:
//!
//! | file | commands |
//! |---|---|
//! | `inspection.rs` | `new`, `score`, `na`, `note`, `centre`, `document` |
//! | `read.rs` | `show`, `summary`, `history` |
//! | `recommendations.rs` | `recommend`, `conclusion`, `action-plan` |
//! | `catalogue.rs` | `catalogue` |
//! | `backups.rs` | `backups`, `restore` |
//! | `keys.rs` | `key init`, `key show` |
//! | `kep.rs` | `kep check` |
//! | `team.rs` | `team` |
//! | `parts.rs` | `part`, `export-part`, `merge` |
//! | `results.rs` | `export`, `cosign`, `verify`, `diff`, `protocol` |
//! | `self_assessment.rs` | `export-self`, `import-self`, `template` |
//! | `commission.rs` | `commission` |
//! | `bench.rs` | `bench` |
//!
//! Shared by them: `files.rs` (the catalogue, an inspection opened for reading or for
//! changes, new output files), `print.rs` (printing), `error.rs` ([`CliError`], the
//! [`hint`] of what to type, the exit status) and [`terminal`] (text from files made safe
//! to print).
//!
//! A refused command prints `akredit: error: …` (and `akredit: hint: …`) and exits with
//! status 1; a command line clap cannot parse exits with clap's status 2.

mod args;
mod backups;
mod bench;
mod catalogue;
mod commission;
mod error;
mod evidence;
mod files;
mod inspection;
mod kep;
mod keys;
mod parts;
mod print;
mod read;
mod recommendations;
mod results;
mod self_assessment;
mod team;
pub mod terminal;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};

use crate::catalogue::Catalogue;

pub use args::{ArgError, FieldValue, GradeArg, GradeText, Presence};
pub use backups::{BackupsArgs, RestoreArgs};
pub use bench::BenchArgs;
pub use catalogue::CatalogueArgs;
pub use commission::CommissionArgs;
pub use error::{CliError, hint, report};
pub use files::load_catalogue;
pub use inspection::{CentreArgs, DocumentArgs, NaArgs, NewArgs, NoteArgs, ScoreArgs};
pub use keys::KeyAction;
pub use parts::{ExportPartArgs, MergeArgs, PartArgs};
pub use read::{HistoryArgs, ShowArgs, SummaryArgs};
pub use recommendations::{ActionPlanArgs, ConclusionArgs, ConclusionDocArgs, RecommendArgs};
pub use results::{CosignArgs, DiffArgs, ExportArgs, ProtocolArgs, VerifyArgs};
pub use self_assessment::{ExportSelfArgs, ImportSelfArgs, TemplateArgs};
pub use team::{TeamAction, TeamArgs};

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
        /// The inspection file, or a signature file (.p7s, .asice) to check.
        file: PathBuf,
    },
    /// Print the loaded catalogue of standards.
    Catalogue(CatalogueArgs),
    /// Create a new inspection file (never overwrites).
    New(NewArgs),
    /// Grade standards: CODE=GRADE, where GRADE is 0–3 or the Order's letter
    /// (Н, МВ, НВ, ПВ, В); `-` clears. All or nothing.
    Score(ScoreArgs),
    /// Mark standards not applicable (with a reason), or applicable again.
    Na(NaArgs),
    /// Set the note on a standard (an empty TEXT removes it).
    Note(NoteArgs),
    /// Attach photos or scans (JPEG, PNG, WebP, HEIC, PDF; at most 20 MB each) to a
    /// standard or a document (doc:N), kept inside the inspection file with their SHA-256.
    Attach(evidence::AttachArgs),
    /// Remove an attachment (its bytes stay in the file and its record in the history).
    Detach(evidence::DetachArgs),
    /// List the attachments with their hashes, or write them out with --out DIR.
    Evidence(evidence::EvidenceArgs),
    /// Fill in the application form, or correct the inspection's facts: FIELD=VALUE
    /// (form: centre_name, ownership, location, phone, head; facts: expert,
    /// visit_date=YYYY-MM-DD, model=sanitary|full while nothing outside the new model is
    /// recorded).
    Centre(CentreArgs),
    /// Record the check of a mandatory document of the application (1–13).
    Document(DocumentArgs),
    /// Set the recommendation on a standard graded below its maximum: what the centre is
    /// to remedy, by when (--due), who is responsible (--owner). One change, one undo.
    Recommend(RecommendArgs),
    /// Set the expert group's general conclusion on the inspection (an empty TEXT removes
    /// it).
    Conclusion(ConclusionArgs),
    /// Write the corrective-action plan (CSV for a spreadsheet: UTF-8 with BOM, `;`) of a
    /// signed result or an inspection file.
    ActionPlan(ActionPlanArgs),
    /// Write the expert conclusion (експертний висновок) on the official form of a signed
    /// result (or of an inspection file, as a draft): --out NAME.pdf (PDF/A-3 with the
    /// result embedded) or NAME.docx (editable).
    ConclusionDoc(ConclusionDocArgs),
    /// List the standards of the inspection with their grades.
    Show(ShowArgs),
    /// Print the history of changes, oldest first.
    History(HistoryArgs),
    /// List the backups kept of an inspection (newest last).
    Backups(BackupsArgs),
    /// Restore a backup to a new file (never over an existing one).
    Restore(RestoreArgs),
    /// The expert's signing key.
    Key {
        /// What to do with it.
        #[command(subcommand)]
        action: KeyAction,
    },
    /// Qualified electronic signatures (КЕП) over a document, checked offline.
    Kep {
        /// What to do.
        #[command(subcommand)]
        action: kep::KepAction,
    },
    /// The expert group: list it, or add, edit, assign and remove members (their role,
    /// position, key and groups).
    Team(TeamArgs),
    /// Make a member's part of the group's inspection for their laptop: the same centre,
    /// model, catalogue and N/A decisions, graded by them.
    Part(PartArgs),
    /// Sign a member's part (grades, notes, N/A, recommendations and history) with the key
    /// on this computer, for the head to merge.
    ExportPart(ExportPartArgs),
    /// Merge members' signed parts into the group's inspection in one change; grades that
    /// disagree are listed and decided with --take NAME:CODE.
    Merge(MergeArgs),
    /// Sign the inspection's result for the commission (refused while incomplete).
    Export(ExportArgs),
    /// Add your signature, as a member of the expert group, to the head's result
    /// (akredit-result/2) without changing it: --out COSIGNED.json (never over a file).
    Cosign(CosignArgs),
    /// Write a centre's self-assessment for the expert (signed when this computer has a
    /// key, otherwise unsigned and marked so). Works on a file made with
    /// `new --self-assessment`.
    ExportSelf(ExportSelfArgs),
    /// Fill the self-assessment column of an inspection from a centre's self-assessment
    /// (the JSON of `export-self`, or a filled-in CSV template). All or nothing.
    ImportSelf(ImportSelfArgs),
    /// Write the CSV template a centre fills in a spreadsheet for its self-assessment.
    Template(TemplateArgs),
    /// Check a signed result: format, signature, signer, catalogue, totals, standards; or
    /// the result embedded in a conclusion's or protocol's PDF, and whether its pages print
    /// the result's figures.
    Verify(VerifyArgs),
    /// Write the printable protocol (A4 PDF) of a signed result or of an inspection file.
    Protocol(ProtocolArgs),
    /// List what changed between two results (both must verify).
    Diff(DiffArgs),
    /// Verify many signed results (files, or folders searched for *.json) and tabulate
    /// them for the commission: valid, invalid (why), superseded; exit 1 if any is invalid.
    Commission(CommissionArgs),
    /// Measure speed against baselines taken in the same run, and print the figures.
    Bench(BenchArgs),
    /// Print points, percent and category.
    Summary(SummaryArgs),
}

/// The command line as typed. One clap cannot parse is reported as clap reports it
/// (exit status 2; `--help` and `--version` print and exit 0); a word clap could not
/// parse into its typed value (a standard code, a model, `CODE=GRADE` …) is refused as a
/// command is (`akredit: error: …`, exit status 1).
pub fn parse() -> Result<Cli, ExitCode> {
    Cli::try_parse().map_err(|e| match args::refused_value(&e) {
        Some(refused) => report(refused.into()),
        None => e.exit(),
    })
}

/// Runs `command` (not `open`, which the binary hands to the window) with its output on
/// standard output, made safe for the terminal; an error is reported on standard error.
/// Returns the exit status.
pub fn execute(catalogue: Arc<Catalogue>, command: Command) -> ExitCode {
    let stdout = io::stdout();
    // Whatever a file put into a name or a note reaches the terminal only escaped.
    let mut out = terminal::SafeWriter::new(io::BufWriter::new(stdout.lock()));
    let result =
        run(catalogue, command, &mut out).and_then(|()| out.flush().map_err(CliError::from));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`akredit … | head`) is not a failure of the command.
        Err(CliError::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            drop(out);
            report(e)
        }
    }
}

/// Runs a command of the command line (not `open`, which the binary hands to the window),
/// writing its output to `out`.
pub fn run(
    catalogue: Arc<Catalogue>,
    command: Command,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let cat = &catalogue;
    match command {
        Command::Open { .. } => Err(CliError::Usage(
            "`open` shows the window; it is not a command-line action".into(),
        )),
        Command::Catalogue(args) => catalogue::run(cat, args, out),
        Command::New(args) => inspection::new(cat, args, out),
        Command::Score(args) => inspection::score(cat, args, out),
        Command::Na(args) => inspection::na(cat, args, out),
        Command::Note(args) => inspection::note(cat, args, out),
        Command::Attach(args) => evidence::attach(cat, args, out),
        Command::Detach(args) => evidence::detach(cat, args, out),
        Command::Evidence(args) => evidence::list(cat, args, out),
        Command::Centre(args) => inspection::centre(cat, args, out),
        Command::Document(args) => inspection::document(cat, args, out),
        Command::Recommend(args) => recommendations::recommend(cat, args, out),
        Command::Conclusion(args) => recommendations::conclusion(cat, args, out),
        Command::ActionPlan(args) => recommendations::action_plan(cat, args, out),
        Command::ConclusionDoc(args) => recommendations::conclusion_doc(cat, args, out),
        Command::Show(args) => read::show(cat, args, out),
        Command::History(args) => read::history(cat, args, out),
        Command::Summary(args) => read::summary(cat, args, out),
        Command::Backups(args) => backups::list(cat, args, out),
        Command::Restore(args) => backups::restore(cat, args, out),
        Command::Key { action } => keys::run(action, out),
        Command::Kep { action } => kep::run(cat, action, out),
        Command::Team(args) => team::run(cat, args, out),
        Command::Part(args) => parts::part(cat, args, out),
        Command::ExportPart(args) => parts::export_part(cat, args, out),
        Command::Merge(args) => parts::merge(cat, args, out),
        Command::Export(args) => results::export(cat, args, out),
        Command::Cosign(args) => results::cosign(cat, args, out),
        Command::Verify(args) => results::verify(cat, args, out),
        Command::Protocol(args) => results::protocol(cat, args, out),
        Command::Diff(args) => results::diff(cat, args, out),
        Command::ExportSelf(args) => self_assessment::export(cat, args, out),
        Command::ImportSelf(args) => self_assessment::import(cat, args, out),
        Command::Template(args) => self_assessment::template(cat, args, out),
        Command::Commission(args) => commission::run(cat, args, out),
        Command::Bench(args) => bench::run(catalogue, args, out),
    }
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use super::args::{ArgError, refused_value};
    use super::{Cli, Command};

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn values_arrive_typed() {
        let cli = Cli::try_parse_from(["akredit", "score", "a.akredit", "1.1.3=НВ", "1.1.4.1=-"])
            .expect("parses");
        let Some(Command::Score(args)) = cli.command else {
            panic!("not score: {:?}", cli.command);
        };
        let codes: Vec<&str> = args.grades.iter().map(|g| g.code.as_str()).collect();
        assert_eq!(codes, ["1.1.3", "1.1.4.1"]);
    }

    /// A word that is not its value is refused as a command is (status 1, the command
    /// line's own message); a malformed line stays clap's (status 2).
    #[test]
    fn a_bad_value_is_a_refusal_and_a_bad_line_is_clap_s() {
        let refused = |line: &[&str]| {
            let e = Cli::try_parse_from(line).expect_err("refused");
            refused_value(&e)
        };
        assert!(matches!(
            refused(&[
                "akredit", "new", "x", "--model", "hospital", "--centre", "X"
            ]),
            Some(ArgError::Model(_))
        ));
        assert!(matches!(
            refused(&["akredit", "score", "a", "abc=3"]),
            Some(ArgError::Code(_))
        ));
        assert!(matches!(
            refused(&["akredit", "show", "a", "abc"]),
            Some(ArgError::Code(_))
        ));
        assert_eq!(
            refused(&["akredit", "score", "a", "1.1.3"]),
            Some(ArgError::NotCodeGrade("1.1.3".into()))
        );
        assert_eq!(
            refused(&["akredit", "centre", "a", "location"]),
            Some(ArgError::NotFieldValue("location".into()))
        );
        assert_eq!(
            refused(&["akredit", "document", "a", "2", "--present", "maybe"]),
            Some(ArgError::Presence("maybe".into()))
        );
        for line in [
            &["akredit", "score", "a"][..],
            &["akredit", "frobnicate"],
            &["akredit", "document", "a", "abc", "--present", "yes"],
            &["akredit", "na", "a", "1.1.6", "--clear", "--reason", "x"],
            &["akredit", "--help"],
        ] {
            assert_eq!(refused(line), None, "{line:?}");
        }
    }
}
