//! What the catalogue holds: the two models, sections, groups, standards, headings,
//! uncounted rows, presets, the application form, the documents and the categories.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{Code, Grade, Scale};

/// The two models of a health centre's activity (Table 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ModelId {
    /// Санітарно-освітня: 191 standards, 573 points.
    Sanitary,
    /// Санітарно-освітня + діагностично-оздоровча: 235 standards, 705 points.
    Full,
}

impl ModelId {
    /// The id used in files and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            ModelId::Sanitary => "sanitary",
            ModelId::Full => "full",
        }
    }
}

impl fmt::Display for ModelId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The model id is neither `sanitary` nor `full`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown model {0:?}: use \"sanitary\" (санітарно-освітня) or \"full\" (санітарно-освітня + діагностично-оздоровча)"
)]
pub struct UnknownModel(pub String);

impl FromStr for ModelId {
    type Err = UnknownModel;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "sanitary" => Ok(ModelId::Sanitary),
            "full" => Ok(ModelId::Full),
            other => Err(UnknownModel(other.to_string())),
        }
    }
}

/// A model with its declared totals.
#[derive(Debug, Clone, Serialize)]
pub struct Model {
    /// `sanitary` or `full`.
    pub id: ModelId,
    /// The Order's name of the model.
    pub title: String,
    /// The name in English.
    pub title_en: String,
    /// Number of standards counted in this model.
    pub standards: usize,
    /// Maximum points (3 × standards).
    pub max_points: u32,
}

/// A section (I or II) of the standards.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Section {
    /// `1` or `2`.
    pub code: String,
    /// Title.
    pub title: String,
}

/// One of the 14 groups (1.1 … 2.4).
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// Group code, e.g. `1.10`.
    pub code: Code,
    /// The section (`1` or `2`).
    pub section: String,
    /// Title as Table 1 gives it.
    pub title: String,
    /// The title as the detailed tables give it, where it differs.
    pub title_detailed: Option<String>,
    /// The editorial decision, where the source is inconsistent.
    pub source_note: Option<String>,
    /// Introductory text of the group, where the Order has one.
    pub description: Option<String>,
}

/// A scored standard.
#[derive(Debug, Clone, Serialize)]
pub struct Standard {
    /// Code.
    pub code: Code,
    /// The group it belongs to (`1.1` …).
    pub group: Code,
    /// Title; `None` where the source has lost the wording.
    pub title: Option<String>,
    /// The grading scale.
    pub scale: Scale,
    /// Grading criterion for each grade that has one.
    pub criteria: BTreeMap<Grade, String>,
    /// The Order's `Примітка`, where it has one.
    pub note: Option<String>,
    /// The models that count this standard.
    pub models: Vec<ModelId>,
    /// False where only Table 1's code survives in the source.
    pub wording_in_source: bool,
    /// The line of the source text where this standard's row begins.
    pub source_line: Option<u32>,
    /// The editorial decision, where the source is inconsistent or incomplete.
    pub source_note: Option<String>,
}

impl Standard {
    /// Whether the standard counts in `model`.
    pub fn in_model(&self, model: ModelId) -> bool {
        self.models.contains(&model)
    }
}

/// A non-scored parent row (e.g. 1.1.4) that gives the Order's structure.
#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    /// Code.
    pub code: Code,
    /// Title, where the source has it.
    pub title: Option<String>,
    /// The Order's note on this row, if any.
    pub note: Option<String>,
    /// The editorial decision, if any.
    pub source_note: Option<String>,
}

/// A row of the detailed tables that Table 1 does not count: shown, never scored.
#[derive(Debug, Clone, Serialize)]
pub struct Uncounted {
    /// Code.
    pub code: Code,
    /// Title.
    pub title: String,
    /// Why it is not counted.
    pub source_note: String,
}

/// A set of standards dropped (N/A) together, e.g. for a centre with no self-financed activity.
#[derive(Debug, Clone, Serialize)]
pub struct Preset {
    /// Id used on the command line (`no-self-financed`).
    pub id: String,
    /// Title in Ukrainian.
    pub title: String,
    /// Title in English.
    pub title_en: String,
    /// The codes it drops, in order.
    pub codes: Vec<Code>,
    /// Why each code is dropped.
    pub reasons: BTreeMap<Code, String>,
    /// Codes the source names that the preset keeps, with the reason.
    pub not_dropped: BTreeMap<String, String>,
    /// The editorial decision.
    pub source_note: Option<String>,
}

/// A field of the application form (ЗАЯВА).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FormField {
    /// Stable id (`centre_name`, `ownership`, `location`, `phone`, `head`).
    pub id: String,
    /// Label in Ukrainian, as the form has it.
    pub title: String,
    /// Label in English.
    pub title_en: String,
}

/// One of the mandatory documents attached to the application.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    /// Number in the Order's list (1–13).
    pub number: u8,
    /// Title.
    pub title: String,
}

/// How the Order marks a document that is required only if the centre does the work it
/// reports on (line 80: "Звіт про наукову та педагогічну діяльність (за умови її
/// проведення)").
const ONLY_IF_DONE: &str = "(за умови її проведення)";

impl Document {
    /// Whether the Order lets the document be not applicable: it asks for it only "за умови
    /// її проведення" (document 13). Read from the Order's own words in the title, so a
    /// catalogue with other documents says it the same way.
    pub fn may_be_not_applicable(&self) -> bool {
        self.title.contains(ONLY_IF_DONE)
    }
}

/// An accreditation category of the Order.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryRule {
    /// `higher`, `first` or `second`.
    pub id: String,
    /// The Ukrainian name (вища, перша, друга).
    pub title: String,
    /// The least percentage of the maximum that earns it.
    pub min_percent: u32,
}
