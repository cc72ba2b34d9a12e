//! The typed values of the command line: what clap parses a word into before any command
//! runs (`CODE=GRADE`, `FIELD=VALUE`, `--present yes|no|unknown`; standard codes and
//! models parse into the domain's own [`Code`] and [`ModelId`]).
//!
//! A word that is not such a value is refused as a command is: `akredit: error: …` and
//! exit status 1, as before clap parsed them ([`refused_value`]). A command line clap
//! itself cannot make sense of (a missing argument, an unknown flag) keeps clap's message
//! and exit status 2.
//!
//! What a value means for a catalogue (is the code a standard, is the grade on its scale,
//! is the field on the application form) is decided by the domain when the command runs:
//! the catalogue is not loaded yet while the line is parsed.

use std::error::Error as _;
use std::str::FromStr;

use crate::answers::Presented;
use crate::catalogue::{BadCode, Code, UnknownModel};

/// A word of the command line that is not the value it stands for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArgError {
    /// Not a standard code.
    #[error(transparent)]
    Code(#[from] BadCode),
    /// Not a model of activity.
    #[error(transparent)]
    Model(#[from] UnknownModel),
    /// A grade argument without `=`.
    #[error("{0:?} is not CODE=GRADE; write e.g. 1.1.1.1=3 or 1.1.1.1=В (and 1.1.1.1=- to clear)")]
    NotCodeGrade(String),
    /// A field of the application form without `=`.
    #[error("{0:?} is not FIELD=VALUE, e.g. location=\"м. Полтава\"")]
    NotFieldValue(String),
    /// `--present` neither yes, no, na nor unknown.
    #[error("--present {0:?}: write yes, no, na (not applicable: document 13 only) or unknown")]
    Presence(String),
}

/// The value a command refuses behind a clap error, if the error is one: a word clap
/// could not parse into one of the command line's typed values. Other clap errors (and
/// `--help`, `--version`) are clap's own to report.
pub fn refused_value(e: &clap::Error) -> Option<ArgError> {
    if e.kind() != clap::error::ErrorKind::ValueValidation {
        return None;
    }
    let source = e.source()?;
    if let Some(e) = source.downcast_ref::<ArgError>() {
        return Some(e.clone());
    }
    if let Some(e) = source.downcast_ref::<BadCode>() {
        return Some(ArgError::Code(e.clone()));
    }
    source
        .downcast_ref::<UnknownModel>()
        .map(|e| ArgError::Model(e.clone()))
}

/// `CODE=GRADE` of `score`: the standard, and the grade as typed (checked against the
/// standard's scale once the catalogue is loaded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeArg {
    /// The standard.
    pub code: Code,
    /// The grade, or clearing it.
    pub grade: GradeText,
}

/// The right-hand side of `CODE=GRADE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GradeText {
    /// `-`: clear the grade.
    Clear,
    /// A grade as typed (trimmed): a digit or the Order's letter.
    Given(String),
}

impl FromStr for GradeArg {
    type Err = ArgError;

    fn from_str(arg: &str) -> Result<Self, Self::Err> {
        let (code, grade) = arg
            .split_once('=')
            .ok_or_else(|| ArgError::NotCodeGrade(arg.to_string()))?;
        let grade = match grade.trim() {
            "-" => GradeText::Clear,
            text => GradeText::Given(text.to_string()),
        };
        Ok(GradeArg {
            code: code.parse()?,
            grade,
        })
    }
}

/// `FIELD=VALUE` of `centre`, both trimmed (the field is checked against the
/// catalogue's application form when the command runs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldValue {
    /// The field's id.
    pub field: String,
    /// The value; empty clears the field.
    pub value: String,
}

impl FromStr for FieldValue {
    type Err = ArgError;

    fn from_str(arg: &str) -> Result<Self, Self::Err> {
        let (field, value) = arg
            .split_once('=')
            .ok_or_else(|| ArgError::NotFieldValue(arg.to_string()))?;
        Ok(FieldValue {
            field: field.trim().to_string(),
            value: value.trim().to_string(),
        })
    }
}

/// `--present` of `document`: yes (так), no (ні), or unknown (`-`, not yet checked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// The document was presented.
    Yes,
    /// The document is missing.
    No,
    /// Not applicable: only a document the Order asks for "за умови її проведення" (13).
    NotApplicable,
    /// Not yet checked.
    Unknown,
}

impl Presence {
    /// As the domain records it: present, missing, not applicable, or not yet checked
    /// (`None`).
    pub fn as_option(self) -> Option<Presented> {
        match self {
            Presence::Yes => Some(Presented::Yes),
            Presence::No => Some(Presented::No),
            Presence::NotApplicable => Some(Presented::NotApplicable),
            Presence::Unknown => None,
        }
    }
}

impl FromStr for Presence {
    type Err = ArgError;

    fn from_str(arg: &str) -> Result<Self, Self::Err> {
        match arg.trim() {
            "yes" | "так" => Ok(Presence::Yes),
            "no" | "ні" => Ok(Presence::No),
            "na" | "н/з" | "Н/З" => Ok(Presence::NotApplicable),
            "unknown" | "-" => Ok(Presence::Unknown),
            other => Err(ArgError::Presence(other.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grade_argument_splits_at_the_first_equals_sign() {
        let arg: GradeArg = "1.1.3= НВ ".parse().expect("grade");
        assert_eq!(arg.code.as_str(), "1.1.3");
        assert_eq!(arg.grade, GradeText::Given("НВ".into()));
        let clear: GradeArg = "1.1.3=-".parse().expect("clear");
        assert_eq!(clear.grade, GradeText::Clear);
        assert_eq!(
            "1.1.3".parse::<GradeArg>(),
            Err(ArgError::NotCodeGrade("1.1.3".into()))
        );
        assert!(matches!(
            "abc=3".parse::<GradeArg>(),
            Err(ArgError::Code(_))
        ));
    }

    #[test]
    fn field_values_and_presence() {
        let v: FieldValue = " location = м. Полтава ".parse().expect("field");
        assert_eq!(
            (v.field.as_str(), v.value.as_str()),
            ("location", "м. Полтава")
        );
        assert!("location".parse::<FieldValue>().is_err());
        assert_eq!(" так ".parse(), Ok(Presence::Yes));
        assert_eq!("-".parse::<Presence>().map(Presence::as_option), Ok(None));
        assert_eq!(
            "maybe".parse::<Presence>().map_err(|e| e.to_string()),
            Err(
                "--present \"maybe\": write yes, no, na (not applicable: document 13 only) or unknown"
                    .into()
            )
        );
        assert_eq!(
            "na".parse::<Presence>().map(Presence::as_option),
            Ok(Some(Presented::NotApplicable))
        );
    }
}
