//! Why a catalogue file was refused: each refusal names what it concerns.

use super::{SCHEMA, Scale};

/// Why a catalogue file was refused.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    /// The text is not JSON of the catalogue's shape.
    #[error("the catalogue is not valid JSON of the expected shape: {0}")]
    Json(#[from] serde_json::Error),
    /// The `schema` field names another format.
    #[error("the catalogue declares schema {found:?}, but this program reads {SCHEMA:?}")]
    Schema {
        /// The schema the file declares.
        found: String,
    },
    /// A code is not of the form `1.2.3`.
    #[error("{what}: {code:?} is not a standard code (digits separated by dots, like 1.1.4.2)")]
    BadCode {
        /// Where the code was found.
        what: String,
        /// The offending text.
        code: String,
    },
    /// The same code is defined twice.
    #[error("code {0} is defined more than once (as a standard, heading, group or uncounted row)")]
    DuplicateCode(String),
    /// A scale id that is not `two`, `four` or `unspecified`.
    #[error(
        "standard {code}: unknown scale {scale:?} (expected \"two\", \"four\" or \"unspecified\")"
    )]
    UnknownScale {
        /// The standard.
        code: String,
        /// The scale id found.
        scale: String,
    },
    /// A criterion for a grade the scale does not have.
    #[error(
        "standard {code}: a criterion is given for grade {grade:?}, which the {scale} scale does not have (allowed: {allowed})"
    )]
    CriterionOutsideScale {
        /// The standard.
        code: String,
        /// The grade key found.
        grade: String,
        /// The scale.
        scale: Scale,
        /// The scale's grades.
        allowed: String,
    },
    /// A standard names a model the catalogue does not define.
    #[error("standard {code}: unknown model {model:?}")]
    UnknownModel {
        /// The standard.
        code: String,
        /// The model id found.
        model: String,
    },
    /// A standard that belongs to no model.
    #[error("standard {0} belongs to no model; list it under `uncounted` instead")]
    NoModel(String),
    /// A standard or heading names a group that does not exist, or is not under it.
    #[error("{code}: group {group:?} is not defined, or the code does not start with it")]
    BadGroup {
        /// The code.
        code: String,
        /// The group named.
        group: String,
    },
    /// The totals a model declares contradict its standards.
    #[error("model {model}: declares {declared_standards} standards / {declared_max} points, but the catalogue lists {counted} standards (= {} points)", 3 * counted)]
    ModelTotals {
        /// The model.
        model: String,
        /// Standards the model declares.
        declared_standards: usize,
        /// Maximum points the model declares.
        declared_max: u32,
        /// Standards counted.
        counted: usize,
    },
    /// The catalogue must define exactly the models `sanitary` and `full`.
    #[error(
        "the catalogue must define the models \"sanitary\" and \"full\" exactly once each; found {0:?}"
    )]
    Models(Vec<String>),
    /// A preset drops a code that is not a standard.
    #[error("preset {preset}: {code} is not a standard of the catalogue")]
    PresetCode {
        /// The preset.
        preset: String,
        /// The code.
        code: String,
    },
    /// A preset drops a code without saying why.
    #[error("preset {preset}: no reason is given for dropping {code}")]
    PresetReason {
        /// The preset.
        preset: String,
        /// The code.
        code: String,
    },
    /// The accreditation categories are not the three the Order defines, in order.
    #[error(
        "categories must be \"higher\", \"first\", \"second\" with thresholds strictly decreasing within 1..=100; found {0}"
    )]
    Categories(String),
    /// The mandatory documents are not numbered 1, 2, 3, ….
    #[error("documents must be numbered 1, 2, 3, … in order; found {0:?}")]
    Documents(Vec<u8>),
}
