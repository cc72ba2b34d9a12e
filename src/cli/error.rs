//! Why a command failed, and what to type next.
//!
//! The domain's errors say what is wrong in words any interface can show; [`hint`] adds,
//! on a line of its own, the command or flag that remedies it. [`report`] prints both on
//! standard error: a refused command exits with status 1.

use std::io;
use std::process::ExitCode;

use crate::catalogue::CatalogueError;
use crate::inspection::StoreError;

use super::args::ArgError;
use super::terminal;

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
    /// A word of the command line that is not the value it stands for.
    #[error(transparent)]
    Argument(#[from] ArgError),
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
    /// Co-signing failed.
    #[error(transparent)]
    Cosign(Box<crate::signed::CosignError>),
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
    /// The conclusion could not be made.
    #[error(transparent)]
    Conclusion(#[from] crate::conclusion::ConclusionError),
    /// A document's PDF could not be checked.
    #[error(transparent)]
    PdfCheck(#[from] crate::conclusion::PdfCheckError),
    /// A self-assessment could not be written or imported.
    #[error(transparent)]
    SelfAssessment(#[from] crate::self_assessment::SelfError),
    /// A part could not be made, exported, read or merged.
    #[error(transparent)]
    Team(Box<crate::team::TeamError>),
}

impl From<crate::team::TeamError> for CliError {
    fn from(e: crate::team::TeamError) -> Self {
        match e {
            crate::team::TeamError::Store(e) => e.into(),
            crate::team::TeamError::File(e) => e.into(),
            crate::team::TeamError::Key(e) => e.into(),
            e => CliError::Team(Box::new(e)),
        }
    }
}

impl From<crate::self_assessment::ImportError> for CliError {
    fn from(e: crate::self_assessment::ImportError) -> Self {
        match e {
            crate::self_assessment::ImportError::SelfAssessment(e) => e.into(),
            crate::self_assessment::ImportError::Store(e) => e.into(),
        }
    }
}

impl From<crate::signed::ExportError> for CliError {
    fn from(e: crate::signed::ExportError) -> Self {
        CliError::Export(Box::new(e))
    }
}

impl From<crate::signed::CosignError> for CliError {
    fn from(e: crate::signed::CosignError) -> Self {
        CliError::Cosign(Box::new(e))
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
        CliError::Store(StoreError::Refused(Refusal::GradedWhileNotApplicable(code))) => {
            return Some(format!(
                "akredit na FILE {code} --clear makes it applicable"
            ));
        }
        CliError::Store(StoreError::Refused(Refusal::DocumentRequired(_))) => {
            "write --present yes or --present no"
        }
        CliError::Store(StoreError::Refused(Refusal::ModelWouldDrop { .. })) => {
            "clear them with akredit score FILE CODE=- / akredit na FILE CODE --clear / akredit note FILE CODE \"\""
        }
        CliError::Export(e) => match e.as_ref() {
            ExportError::Incomplete(lacking) if !lacking.facts.is_empty() => {
                "record the facts with akredit centre FILE expert=\"…\" visit_date=YYYY-MM-DD FIELD=VALUE and akredit document FILE N --present yes|no|na; or export a draft with --draft"
            }
            ExportError::Incomplete(_) => "export an incomplete inspection as a draft with --draft",
            ExportError::SelfAssessment => "akredit export-self FILE --out SELF.json",
            ExportError::Part(_) => "akredit export-part FILE --out PART.json",
            ExportError::NotHead { head: None, .. } => {
                "name the head with akredit team FILE edit \"NAME\" --role head --key IDENTITY.json; the head exports, then each expert runs akredit cosign RESULT.json --out COSIGNED.json"
            }
            ExportError::NotHead { .. } => {
                "the head exports on their computer; then each expert runs akredit cosign RESULT.json --out COSIGNED.json"
            }
            ExportError::Key(KeyError::Missing(_) | KeyError::PrivateKeyMissing(_)) => {
                "akredit key init --name \"Your full name\""
            }
            _ => return None,
        },
        CliError::Key(KeyError::Missing(_) | KeyError::PrivateKeyMissing(_) | KeyError::NoName) => {
            "akredit key init --name \"Your full name\""
        }
        CliError::Cosign(e) => match e.as_ref() {
            crate::signed::CosignError::NotVerified(_) => {
                "akredit verify RESULT.json shows every check"
            }
            crate::signed::CosignError::NotMember { .. } => {
                "the head records your key with akredit team FILE edit \"NAME\" --key IDENTITY.json and exports the result again (akredit key show prints yours)"
            }
            crate::signed::CosignError::OneExpert => {
                "a group's result is made after akredit team FILE add NAME --role head|expert --key …"
            }
            _ => return None,
        },
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
        CliError::Team(e) => return team_hint(e),
        CliError::Store(StoreError::Refused(Refusal::NotAMember(_))) => {
            "akredit team FILE add NAME --role expert --key THEIR-IDENTITY.json"
        }
        CliError::SelfAssessment(SelfError::NotASelfAssessmentFile) => {
            "a centre makes its file with: akredit new FILE --self-assessment …"
        }
        _ => return None,
    };
    Some(text.to_string())
}

/// What to type next after a refused part or merge.
fn team_hint(e: &crate::team::TeamError) -> Option<String> {
    use crate::team::TeamError as T;
    let text = match e {
        T::NotAMember(name) => {
            format!("akredit team FILE add \"{name}\" --role expert --key THEIR-IDENTITY.json")
        }
        T::NoKey(name) | T::NotTheMembersKey { member: name, .. } => {
            format!("akredit team FILE edit \"{name}\" --key THEIR-IDENTITY.json")
        }
        T::NotAPartFile => {
            "the head makes a part with akredit part FILE --for NAME --out PART.akredit".into()
        }
        T::BadDecision { code, among, .. } => {
            format!("take one of theirs: --take \"NAME:{code}\" with NAME one of {among}")
        }
        T::NothingToDecide(_) => "leave that --take out".into(),
        _ => return None,
    };
    Some(text)
}

/// Prints `e` on standard error (`akredit: error: …`, then `akredit: hint: …` when there
/// is one), made safe for the terminal: the exit status of a refused command.
pub fn report(e: CliError) -> ExitCode {
    let hint = hint(&e);
    let report = anyhow::Error::new(e);
    eprintln!(
        "akredit: error: {}",
        terminal::sanitize(&report.to_string())
    );
    if let Some(hint) = hint {
        eprintln!("akredit: hint: {hint}");
    }
    ExitCode::FAILURE
}
