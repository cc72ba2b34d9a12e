//! The accreditation standards of MOH Ukraine order No. 169 (17.07.2000): loading,
//! validating and looking up the catalogue transcribed in `standards/order-169.json`.
//!
//! The catalogue is data, not code: another file of the same schema (for instance a
//! transcription of a complete copy of the Order) can be loaded with
//! [`Catalogue::from_json`], and is validated as strictly as the built-in one.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The catalogue built into the binary.
pub const BUILTIN_JSON: &str = include_str!("../standards/order-169.json");

/// The schema identifier a catalogue file must declare.
pub const SCHEMA: &str = "akredit-catalogue/1";

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

/// A standard's code, such as `1.1.4.11.2`, ordered component by component.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Code {
    text: String,
    parts: Vec<u16>,
}

impl Code {
    /// The code as written (`1.1.4.11.2`).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The numeric components.
    pub fn parts(&self) -> &[u16] {
        &self.parts
    }

    /// The group (first two components) this code belongs to, e.g. `1.10` for `1.10.4.2`.
    pub fn group_prefix(&self) -> String {
        self.parts
            .iter()
            .take(2)
            .map(u16::to_string)
            .collect::<Vec<_>>()
            .join(".")
    }

    /// Whether `self` is `other` or one of its descendants.
    pub fn starts_with(&self, other: &Code) -> bool {
        self.parts.starts_with(&other.parts)
    }
}

/// The text is not a code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a standard code (digits separated by dots, like 1.1.4.2)")]
pub struct BadCode(pub String);

impl FromStr for Code {
    type Err = BadCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let trimmed = s.trim().trim_end_matches('.');
        let mut parts: Vec<u16> = Vec::with_capacity(4);
        // Written without leading zeros ("01" → "1") so that equal codes are equal text;
        // most input already is, and then the text is copied as it is.
        let mut normal = true;
        for p in trimmed.split('.') {
            if p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(BadCode(s.to_string()));
            }
            normal &= p == "0" || !p.starts_with('0');
            parts.push(p.parse().map_err(|_| BadCode(s.to_string()))?);
        }
        let text = if normal {
            trimmed.to_string()
        } else {
            let mut text = String::with_capacity(trimmed.len());
            for (i, p) in parts.iter().enumerate() {
                if i > 0 {
                    text.push('.');
                }
                text.push_str(&p.to_string());
            }
            text
        };
        Ok(Code { text, parts })
    }
}

impl TryFrom<String> for Code {
    type Error = BadCode;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Code> for String {
    fn from(c: Code) -> String {
        c.text
    }
}

impl Ord for Code {
    fn cmp(&self, other: &Self) -> Ordering {
        self.parts.cmp(&other.parts)
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Code({})", self.text)
    }
}

/// A grade: 0 to 3 points.
pub type Grade = u8;

/// One of the Order's two grading scales, or neither where the wording is lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scale {
    /// Two grades: Н = 0 (невідповідність), В = 3 (відповідність).
    Two,
    /// Four grades: Н = 0, МВ = 1, НВ = 2, ПВ = 3.
    Four,
    /// The wording is not in the source: any grade 0–3 is accepted.
    Unspecified,
}

impl Scale {
    /// The grades this scale allows, ascending.
    pub fn grades(self) -> &'static [Grade] {
        match self {
            Scale::Two => &[0, 3],
            Scale::Four | Scale::Unspecified => &[0, 1, 2, 3],
        }
    }

    /// Whether `grade` is on this scale.
    pub fn allows(self, grade: Grade) -> bool {
        self.grades().contains(&grade)
    }

    /// The Order's letter for a grade on this scale (Н, МВ, НВ, ПВ, В), if it has one.
    pub fn letter(self, grade: Grade) -> Option<&'static str> {
        match (self, grade) {
            (Scale::Two, 0) => Some("Н"),
            (Scale::Two, 3) => Some("В"),
            (Scale::Four | Scale::Unspecified, 0) => Some("Н"),
            (Scale::Four | Scale::Unspecified, 1) => Some("МВ"),
            (Scale::Four | Scale::Unspecified, 2) => Some("НВ"),
            (Scale::Four | Scale::Unspecified, 3) => Some("ПВ"),
            _ => None,
        }
    }

    /// The Order's letter for a grade, on the Order's two scales only: a standard whose
    /// wording is lost has no letters to show (its grades are plain points).
    pub fn order_letter(self, grade: Grade) -> Option<&'static str> {
        match self {
            Scale::Unspecified => None,
            _ => self.letter(grade),
        }
    }

    /// A grade as shown to the expert: "Н 0", "ПВ 3", or "2" where the scale is unknown.
    pub fn label(self, grade: Grade) -> String {
        match self.order_letter(grade) {
            Some(l) => format!("{l} {grade}"),
            None => grade.to_string(),
        }
    }

    /// The scale's id as used in the catalogue file.
    pub fn id(self) -> &'static str {
        match self {
            Scale::Two => "two",
            Scale::Four => "four",
            Scale::Unspecified => "unspecified",
        }
    }

    /// The allowed grades with their letters, for messages: `0 (Н), 3 (В)`.
    pub fn describe_grades(self) -> String {
        self.grades()
            .iter()
            .map(|&g| match self.letter(g) {
                Some(l) => format!("{g} ({l})"),
                None => g.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Parses a grade typed by the user: a digit or one of the Order's letters.
    ///
    /// Latin look-alikes of the Cyrillic letters (H, B, M) are accepted, since the two
    /// alphabets share keys on Ukrainian keyboards and look identical on paper.
    pub fn parse_grade(self, text: &str) -> Result<Grade, GradeError> {
        let normalized: String = text
            .trim()
            .chars()
            .map(|c| match c {
                'H' | 'h' | 'н' => 'Н',
                'B' | 'b' | 'в' => 'В',
                'M' | 'm' | 'м' => 'М',
                'п' => 'П',
                other => other,
            })
            .collect();
        let grade = match normalized.as_str() {
            "0" => Some(0),
            "1" => Some(1),
            "2" => Some(2),
            "3" => Some(3),
            "Н" => Some(0),
            "МВ" if self != Scale::Two => Some(1),
            "НВ" if self != Scale::Two => Some(2),
            "ПВ" if self != Scale::Two => Some(3),
            "В" if self == Scale::Two => Some(3),
            _ => None,
        };
        match grade {
            Some(g) if self.allows(g) => Ok(g),
            _ => Err(GradeError {
                text: text.to_string(),
                scale: self,
            }),
        }
    }
}

impl fmt::Display for Scale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Scale::Two => "two-grade",
            Scale::Four => "four-grade",
            Scale::Unspecified => "unspecified",
        })
    }
}

/// A grade the scale does not allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{text:?} is not a grade of the {scale} scale; allowed: {}", scale.describe_grades())]
pub struct GradeError {
    /// What was typed.
    pub text: String,
    /// The standard's scale.
    pub scale: Scale,
}

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

/// What a code refers to in the catalogue.
#[derive(Debug, Clone, Copy)]
pub enum Entry<'a> {
    /// A scored standard.
    Standard(&'a Standard),
    /// A non-scored parent row.
    Heading(&'a Heading),
    /// A group (1.1 … 2.4); 2.2 is also a standard and is returned as one.
    Group(&'a Group),
    /// A row that Table 1 does not count.
    Uncounted(&'a Uncounted),
}

/// The loaded, validated catalogue.
#[derive(Debug, Clone)]
pub struct Catalogue {
    /// Identifier of the catalogue (`moz-ua-169-2000`).
    pub id: String,
    /// Title.
    pub title: String,
    /// SHA-256 (hex) of the exact bytes the catalogue was loaded from.
    pub sha256: String,
    /// What the source copy lacks.
    pub source_completeness: String,
    /// Categories, highest first.
    pub categories: Vec<CategoryRule>,
    /// The two models.
    pub models: Vec<Model>,
    /// The two sections.
    pub sections: Vec<Section>,
    /// The 14 groups, in order.
    pub groups: Vec<Group>,
    /// Non-scored parent rows, in order.
    pub headings: Vec<Heading>,
    /// Every scored standard, in code order.
    pub standards: Vec<Standard>,
    /// Rows Table 1 does not count.
    pub uncounted: Vec<Uncounted>,
    /// N/A presets.
    pub presets: Vec<Preset>,
    /// The application form's fields.
    pub application_form: Vec<FormField>,
    /// The mandatory documents.
    pub documents: Vec<Document>,
    index: HashMap<Code, usize>,
}

// The file's shape, read leniently and then checked field by field so that every
// refusal can name the code it concerns.
#[derive(Deserialize)]
struct RawCatalogue {
    schema: String,
    id: String,
    title: String,
    #[serde(default)]
    source: RawSource,
    categories: Vec<RawCategory>,
    models: Vec<RawModel>,
    sections: Vec<Section>,
    groups: Vec<RawGroup>,
    #[serde(default)]
    headings: Vec<RawHeading>,
    standards: Vec<RawStandard>,
    #[serde(default)]
    uncounted: Vec<RawUncounted>,
    #[serde(default)]
    presets: Vec<RawPreset>,
    #[serde(default)]
    application_form: Vec<FormField>,
    #[serde(default)]
    documents: Vec<Document>,
}

#[derive(Deserialize, Default)]
struct RawSource {
    #[serde(default)]
    completeness: String,
}

#[derive(Deserialize)]
struct RawCategory {
    id: String,
    title: String,
    min_percent: u32,
}

#[derive(Deserialize)]
struct RawModel {
    id: String,
    title: String,
    #[serde(default)]
    title_en: String,
    standards: usize,
    max_points: u32,
}

#[derive(Deserialize)]
struct RawGroup {
    code: String,
    section: String,
    title: String,
    title_detailed: Option<String>,
    source_note: Option<String>,
    description: Option<String>,
}

#[derive(Deserialize)]
struct RawHeading {
    code: String,
    title: Option<String>,
    note: Option<String>,
    source_note: Option<String>,
}

#[derive(Deserialize)]
struct RawStandard {
    code: String,
    group: String,
    title: Option<String>,
    scale: String,
    #[serde(default)]
    criteria: BTreeMap<String, String>,
    note: Option<String>,
    models: Vec<String>,
    wording_in_source: bool,
    source_line: Option<u32>,
    source_note: Option<String>,
}

#[derive(Deserialize)]
struct RawUncounted {
    code: String,
    title: String,
    source_note: String,
}

#[derive(Deserialize)]
struct RawPreset {
    id: String,
    title: String,
    #[serde(default)]
    title_en: String,
    codes: Vec<String>,
    #[serde(default)]
    reasons: BTreeMap<String, String>,
    #[serde(default)]
    not_dropped: BTreeMap<String, String>,
    source_note: Option<String>,
}

fn code(what: impl Into<String>, text: &str) -> Result<Code, CatalogueError> {
    text.parse().map_err(|_| CatalogueError::BadCode {
        what: what.into(),
        code: text.to_string(),
    })
}

/// Hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in digest {
        // Writing into a String cannot fail.
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

impl Catalogue {
    /// The catalogue built into the binary (a transcription of the Order).
    pub fn builtin() -> Result<Catalogue, CatalogueError> {
        Catalogue::from_json(BUILTIN_JSON)
    }

    /// Loads and validates a catalogue from the text of a JSON file.
    pub fn from_json(text: &str) -> Result<Catalogue, CatalogueError> {
        let raw: RawCatalogue = serde_json::from_str(text)?;
        if raw.schema != SCHEMA {
            return Err(CatalogueError::Schema { found: raw.schema });
        }
        let sha256 = sha256_hex(text.as_bytes());

        let categories = validate_categories(raw.categories)?;
        let mut seen: BTreeSet<Code> = BTreeSet::new();
        let mut claim = |c: &Code| -> Result<(), CatalogueError> {
            if seen.insert(c.clone()) {
                Ok(())
            } else {
                Err(CatalogueError::DuplicateCode(c.to_string()))
            }
        };

        let mut groups = Vec::with_capacity(raw.groups.len());
        for g in raw.groups {
            let c = code("group", &g.code)?;
            claim(&c)?;
            groups.push(Group {
                code: c,
                section: g.section,
                title: g.title,
                title_detailed: g.title_detailed,
                source_note: g.source_note,
                description: g.description,
            });
        }
        let group_codes: BTreeSet<Code> = groups.iter().map(|g| g.code.clone()).collect();
        // A group that is itself one standard (2.2) may also appear as a standard.
        let mut seen_standards: BTreeSet<Code> = BTreeSet::new();

        let mut standards = Vec::with_capacity(raw.standards.len());
        for s in raw.standards {
            let c = code("standard", &s.code)?;
            if group_codes.contains(&c) {
                if !seen_standards.insert(c.clone()) {
                    return Err(CatalogueError::DuplicateCode(c.to_string()));
                }
            } else {
                claim(&c)?;
                seen_standards.insert(c.clone());
            }
            let group = code(format!("standard {c}: group"), &s.group)?;
            if !group_codes.contains(&group) || !c.starts_with(&group) {
                return Err(CatalogueError::BadGroup {
                    code: c.to_string(),
                    group: s.group,
                });
            }
            let scale = match s.scale.as_str() {
                "two" => Scale::Two,
                "four" => Scale::Four,
                "unspecified" => Scale::Unspecified,
                _ => {
                    return Err(CatalogueError::UnknownScale {
                        code: c.to_string(),
                        scale: s.scale,
                    });
                }
            };
            let mut criteria = BTreeMap::new();
            for (k, v) in s.criteria {
                match k.parse::<Grade>() {
                    Ok(g) if scale.allows(g) => {
                        criteria.insert(g, v);
                    }
                    _ => {
                        return Err(CatalogueError::CriterionOutsideScale {
                            code: c.to_string(),
                            grade: k,
                            scale,
                            allowed: scale.describe_grades(),
                        });
                    }
                }
            }
            let mut models = Vec::new();
            for m in s.models {
                let id = m
                    .parse::<ModelId>()
                    .map_err(|_| CatalogueError::UnknownModel {
                        code: c.to_string(),
                        model: m.clone(),
                    })?;
                if !models.contains(&id) {
                    models.push(id);
                }
            }
            if models.is_empty() {
                return Err(CatalogueError::NoModel(c.to_string()));
            }
            standards.push(Standard {
                code: c,
                group,
                title: s.title,
                scale,
                criteria,
                note: s.note,
                models,
                wording_in_source: s.wording_in_source,
                source_line: s.source_line,
                source_note: s.source_note,
            });
        }
        standards.sort_by(|a, b| a.code.cmp(&b.code));

        let mut headings = Vec::with_capacity(raw.headings.len());
        for h in raw.headings {
            let c = code("heading", &h.code)?;
            claim(&c)?;
            let group = Code::from_str(&c.group_prefix()).ok();
            if !group.is_some_and(|g| group_codes.contains(&g)) {
                return Err(CatalogueError::BadGroup {
                    code: c.to_string(),
                    group: c.group_prefix(),
                });
            }
            headings.push(Heading {
                code: c,
                title: h.title,
                note: h.note,
                source_note: h.source_note,
            });
        }
        headings.sort_by(|a, b| a.code.cmp(&b.code));

        let mut uncounted = Vec::with_capacity(raw.uncounted.len());
        for u in raw.uncounted {
            let c = code("uncounted row", &u.code)?;
            claim(&c)?;
            uncounted.push(Uncounted {
                code: c,
                title: u.title,
                source_note: u.source_note,
            });
        }

        let mut model_ids: Vec<String> = raw.models.iter().map(|m| m.id.clone()).collect();
        model_ids.sort();
        if model_ids != ["full", "sanitary"] {
            return Err(CatalogueError::Models(model_ids));
        }
        let mut models = Vec::new();
        for m in raw.models {
            let id: ModelId =
                m.id.parse()
                    .map_err(|_| CatalogueError::Models(vec![m.id.clone()]))?;
            let counted = standards.iter().filter(|s| s.in_model(id)).count();
            let counted_max = u32::try_from(counted).unwrap_or(u32::MAX).saturating_mul(3);
            if counted != m.standards || counted_max != m.max_points {
                return Err(CatalogueError::ModelTotals {
                    model: m.id,
                    declared_standards: m.standards,
                    declared_max: m.max_points,
                    counted,
                });
            }
            models.push(Model {
                id,
                title: m.title,
                title_en: m.title_en,
                standards: counted,
                max_points: counted_max,
            });
        }
        models.sort_by_key(|m| m.id);

        let standard_codes: BTreeSet<&Code> = standards.iter().map(|s| &s.code).collect();
        let mut presets = Vec::new();
        for p in raw.presets {
            let mut codes = Vec::new();
            let mut reasons = BTreeMap::new();
            for text in &p.codes {
                let c = code(format!("preset {}", p.id), text)?;
                if !standard_codes.contains(&c) {
                    return Err(CatalogueError::PresetCode {
                        preset: p.id.clone(),
                        code: text.clone(),
                    });
                }
                let reason = p
                    .reasons
                    .get(text)
                    .filter(|r| !r.trim().is_empty())
                    .ok_or_else(|| CatalogueError::PresetReason {
                        preset: p.id.clone(),
                        code: text.clone(),
                    })?;
                reasons.insert(c.clone(), reason.clone());
                codes.push(c);
            }
            codes.sort();
            presets.push(Preset {
                id: p.id,
                title: p.title,
                title_en: p.title_en,
                codes,
                reasons,
                not_dropped: p.not_dropped,
                source_note: p.source_note,
            });
        }

        let numbers: Vec<u8> = raw.documents.iter().map(|d| d.number).collect();
        if numbers
            .iter()
            .enumerate()
            .any(|(i, &n)| usize::from(n) != i + 1)
        {
            return Err(CatalogueError::Documents(numbers));
        }

        let index = standards
            .iter()
            .enumerate()
            .map(|(i, s)| (s.code.clone(), i))
            .collect();
        Ok(Catalogue {
            id: raw.id,
            title: raw.title,
            sha256,
            source_completeness: raw.source.completeness,
            categories,
            models,
            sections: raw.sections,
            groups,
            headings,
            standards,
            uncounted,
            presets,
            application_form: raw.application_form,
            documents: raw.documents,
            index,
        })
    }

    /// The scored standard with this code, if there is one.
    pub fn standard(&self, code: &Code) -> Option<&Standard> {
        self.index.get(code).map(|&i| &self.standards[i])
    }

    /// What a code refers to, if anything.
    pub fn entry(&self, code: &Code) -> Option<Entry<'_>> {
        if let Some(s) = self.standard(code) {
            return Some(Entry::Standard(s));
        }
        if let Some(g) = self.groups.iter().find(|g| &g.code == code) {
            return Some(Entry::Group(g));
        }
        if let Some(h) = self.headings.iter().find(|h| &h.code == code) {
            return Some(Entry::Heading(h));
        }
        self.uncounted
            .iter()
            .find(|u| &u.code == code)
            .map(Entry::Uncounted)
    }

    /// The model with this id.
    pub fn model(&self, id: ModelId) -> &Model {
        // `from_json` guarantees both models exist.
        self.models
            .iter()
            .find(|m| m.id == id)
            .unwrap_or(&self.models[0])
    }

    /// The standards counted in `model`, in code order.
    pub fn model_standards(&self, model: ModelId) -> impl Iterator<Item = &Standard> {
        self.standards.iter().filter(move |s| s.in_model(model))
    }

    /// Standards of `model` whose code starts with `query` (as typed: `1.1.4`) or whose
    /// title contains it (any case), in code order.
    pub fn search(&self, model: ModelId, query: &str) -> Vec<&Standard> {
        let query = query.trim();
        if query.is_empty() {
            return self.model_standards(model).collect();
        }
        let lower = query.to_lowercase();
        self.model_standards(model)
            .filter(|s| {
                s.code.as_str().starts_with(query)
                    || s.title
                        .as_deref()
                        .is_some_and(|t| t.to_lowercase().contains(&lower))
            })
            .collect()
    }

    /// The position of a code's group in [`Catalogue::groups`].
    pub fn group_index(&self, code: &Code) -> Option<usize> {
        let prefix = code.group_prefix();
        self.groups.iter().position(|g| g.code.as_str() == prefix)
    }

    /// The preset with this id.
    pub fn preset(&self, id: &str) -> Option<&Preset> {
        self.presets.iter().find(|p| p.id == id)
    }

    /// The group with this code.
    pub fn group(&self, code: &Code) -> Option<&Group> {
        self.groups.iter().find(|g| &g.code == code)
    }
}

fn validate_categories(raw: Vec<RawCategory>) -> Result<Vec<CategoryRule>, CatalogueError> {
    let describe = |raw: &[RawCategory]| {
        raw.iter()
            .map(|c| format!("{}≥{}%", c.id, c.min_percent))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let ids: Vec<&str> = raw.iter().map(|c| c.id.as_str()).collect();
    let decreasing = raw.windows(2).all(|w| w[0].min_percent > w[1].min_percent);
    let in_range = raw.iter().all(|c| (1..=100).contains(&c.min_percent));
    if ids != ["higher", "first", "second"] || !decreasing || !in_range {
        return Err(CatalogueError::Categories(describe(&raw)));
    }
    Ok(raw
        .into_iter()
        .map(|c| CategoryRule {
            id: c.id,
            title: c.title,
            min_percent: c.min_percent,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Catalogue {
        Catalogue::builtin().expect("the built-in catalogue is valid")
    }

    fn c(s: &str) -> Code {
        s.parse().expect("test code")
    }

    #[test]
    fn codes_order_component_wise() {
        assert!(c("1.1.4.2") < c("1.1.4.10"));
        assert!(c("1.9") < c("1.10"));
        assert!(c("1.1.4") < c("1.1.4.1"));
        assert_eq!(c("1.1.1.1.").as_str(), "1.1.1.1");
        assert!("1..2".parse::<Code>().is_err());
        assert!("".parse::<Code>().is_err());
        assert!("1.a".parse::<Code>().is_err());
        assert!("99999.1".parse::<Code>().is_err());
        assert_eq!(c(" 01.1.0.10 ").as_str(), "1.1.0.10");
        assert_eq!(c("01.1"), c("1.1"));
    }

    #[test]
    fn order_totals_191_573_and_235_705() {
        let cat = builtin();
        let s = cat.model(ModelId::Sanitary);
        let f = cat.model(ModelId::Full);
        assert_eq!((s.standards, s.max_points), (191, 573));
        assert_eq!((f.standards, f.max_points), (235, 705));
        assert_eq!(cat.model_standards(ModelId::Sanitary).count(), 191);
        assert_eq!(cat.model_standards(ModelId::Full).count(), 235);
    }

    #[test]
    fn fourteen_groups_in_two_sections() {
        let cat = builtin();
        let codes: Vec<&str> = cat.groups.iter().map(|g| g.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9", "1.10", "2.1",
                "2.2", "2.3", "2.4"
            ]
        );
        assert_eq!(cat.sections.len(), 2);
        for g in &cat.groups {
            assert_eq!(g.section, g.code.parts()[0].to_string());
            assert!(
                cat.standards.iter().any(|s| s.group == g.code),
                "{}",
                g.code
            );
        }
    }

    #[test]
    fn sanitary_is_a_subset_of_full_differing_in_44() {
        let cat = builtin();
        let only_full = cat
            .standards
            .iter()
            .filter(|s| s.in_model(ModelId::Full) && !s.in_model(ModelId::Sanitary))
            .count();
        assert_eq!(only_full, 44);
        assert!(
            cat.standards
                .iter()
                .all(|s| !s.in_model(ModelId::Sanitary) || s.in_model(ModelId::Full))
        );
    }

    #[test]
    fn every_scale_matches_its_criteria() {
        let cat = builtin();
        for s in &cat.standards {
            assert_eq!(
                s.wording_in_source,
                s.scale != Scale::Unspecified,
                "{}",
                s.code
            );
            match s.scale {
                Scale::Two => assert_eq!(s.criteria.keys().copied().collect::<Vec<_>>(), [0, 3]),
                Scale::Four if s.code.as_str() == "1.1.4.7" => {
                    // The Order gives no criterion for grade 2 here (recorded as a source_note).
                    assert_eq!(s.criteria.keys().copied().collect::<Vec<_>>(), [0, 1, 3]);
                    assert!(s.source_note.is_some());
                }
                Scale::Four => {
                    assert_eq!(s.criteria.keys().copied().collect::<Vec<_>>(), [0, 1, 2, 3])
                }
                Scale::Unspecified => {
                    assert!(s.criteria.is_empty(), "{}", s.code);
                    assert!(s.source_note.is_some(), "{}", s.code);
                }
            }
        }
    }

    #[test]
    fn wording_exists_exactly_for_groups_1_1_to_1_6() {
        let cat = builtin();
        for s in &cat.standards {
            let in_first_six = s.group.parts()[0] == 1 && s.group.parts()[1] <= 6;
            assert_eq!(s.wording_in_source, in_first_six, "{}", s.code);
        }
    }

    #[test]
    fn headings_are_never_standards() {
        let cat = builtin();
        for h in &cat.headings {
            assert!(cat.standard(&h.code).is_none());
            assert!(matches!(cat.entry(&h.code), Some(Entry::Heading(_))));
        }
        for code in ["1.1.1", "1.1.4", "1.2.7.1"] {
            assert!(
                matches!(cat.entry(&c(code)), Some(Entry::Heading(_))),
                "{code}"
            );
        }
        assert!(matches!(cat.entry(&c("1.3.5")), Some(Entry::Uncounted(_))));
        assert!(matches!(cat.entry(&c("2.2")), Some(Entry::Standard(_))));
        assert!(matches!(cat.entry(&c("1.1")), Some(Entry::Group(_))));
        assert!(cat.entry(&c("9.9.9")).is_none());
    }

    #[test]
    fn preset_says_what_it_drops_and_why() {
        let cat = builtin();
        let p = cat.preset("no-self-financed").expect("preset");
        let codes: Vec<&str> = p.codes.iter().map(Code::as_str).collect();
        assert_eq!(
            codes,
            [
                "1.1.1.5", "1.1.1.6", "1.5.3", "1.6.4.9", "1.6.4.10", "1.6.4.12"
            ]
        );
        for code in &p.codes {
            assert!(!p.reasons[code].is_empty());
        }
        assert!(p.not_dropped.contains_key("1.1.6"));
        assert!(p.not_dropped.contains_key("1.1.3.3"));
    }

    #[test]
    fn thirteen_documents_and_the_form() {
        let cat = builtin();
        assert_eq!(cat.documents.len(), 13);
        let ids: Vec<&str> = cat.application_form.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(
            ids,
            ["centre_name", "ownership", "location", "phone", "head"]
        );
    }

    #[test]
    fn grades_parse_as_digits_and_letters() {
        assert_eq!(Scale::Two.parse_grade("В"), Ok(3));
        assert_eq!(Scale::Two.parse_grade("B"), Ok(3));
        assert_eq!(Scale::Two.parse_grade("н"), Ok(0));
        assert!(Scale::Two.parse_grade("1").is_err());
        assert!(Scale::Two.parse_grade("ПВ").is_err());
        assert_eq!(Scale::Four.parse_grade("МВ"), Ok(1));
        assert_eq!(Scale::Four.parse_grade("HB"), Ok(2));
        assert_eq!(Scale::Four.parse_grade("пв"), Ok(3));
        assert!(Scale::Four.parse_grade("В").is_err());
        assert!(Scale::Four.parse_grade("4").is_err());
        assert_eq!(Scale::Unspecified.parse_grade("2"), Ok(2));
        let e = Scale::Two.parse_grade("1").unwrap_err().to_string();
        assert!(e.contains("0 (Н), 3 (В)"), "{e}");
    }

    fn mutate(f: impl FnOnce(&mut serde_json::Value)) -> Result<Catalogue, CatalogueError> {
        let mut v: serde_json::Value = serde_json::from_str(BUILTIN_JSON).expect("json");
        f(&mut v);
        Catalogue::from_json(&v.to_string())
    }

    #[test]
    fn refuses_duplicate_codes() {
        let e = mutate(|v| {
            let first = v["standards"][0].clone();
            v["standards"].as_array_mut().expect("array").push(first);
        })
        .unwrap_err();
        assert!(
            matches!(e, CatalogueError::DuplicateCode(ref c) if c == "1.1.1.1"),
            "{e}"
        );
        let e = mutate(|v| v["headings"][0]["code"] = "1.1.1.1".into()).unwrap_err();
        assert!(matches!(e, CatalogueError::DuplicateCode(_)), "{e}");
    }

    #[test]
    fn refuses_unknown_scale_and_stray_criteria() {
        let e = mutate(|v| v["standards"][0]["scale"] = "five".into()).unwrap_err();
        assert!(e.to_string().contains("unknown scale \"five\""), "{e}");
        let e = mutate(|v| v["standards"][0]["criteria"]["1"] = "x".into()).unwrap_err();
        assert!(
            matches!(e, CatalogueError::CriterionOutsideScale { .. }),
            "{e}"
        );
    }

    #[test]
    fn refuses_totals_that_contradict_the_model_lists() {
        let e = mutate(|v| v["models"][0]["standards"] = 190.into()).unwrap_err();
        assert!(matches!(e, CatalogueError::ModelTotals { .. }), "{e}");
        let e = mutate(|v| v["standards"][0]["models"] = serde_json::json!(["full"])).unwrap_err();
        assert!(e.to_string().contains("sanitary"), "{e}");
        let e = mutate(|v| v["standards"][0]["models"] = serde_json::json!(["nope"])).unwrap_err();
        assert!(matches!(e, CatalogueError::UnknownModel { .. }), "{e}");
    }

    #[test]
    fn refuses_other_defects() {
        assert!(matches!(
            mutate(|v| v["schema"] = "x/2".into()).unwrap_err(),
            CatalogueError::Schema { .. }
        ));
        assert!(matches!(
            mutate(|v| v["standards"][0]["group"] = "1.2".into()).unwrap_err(),
            CatalogueError::BadGroup { .. }
        ));
        assert!(matches!(
            mutate(|v| v["standards"][0]["code"] = "1.x".into()).unwrap_err(),
            CatalogueError::BadCode { .. }
        ));
        assert!(matches!(
            mutate(|v| v["presets"][0]["codes"][0] = "1.1.3.3".into()).unwrap_err(),
            CatalogueError::PresetCode { .. }
        ));
        assert!(matches!(
            mutate(|v| v["categories"][0]["min_percent"] = 50.into()).unwrap_err(),
            CatalogueError::Categories(_)
        ));
        assert!(matches!(
            Catalogue::from_json("{").unwrap_err(),
            CatalogueError::Json(_)
        ));
    }

    #[test]
    fn search_by_code_prefix_and_title() {
        let cat = builtin();
        let hits = cat.search(ModelId::Full, "1.1.4.11");
        assert_eq!(hits.len(), 6);
        let hits = cat.search(ModelId::Full, "СТАТУТ");
        assert!(hits.iter().any(|s| s.code.as_str() == "1.1.1.2"));
        assert_eq!(cat.search(ModelId::Full, "").len(), 235);
        assert_eq!(cat.search(ModelId::Sanitary, "1.8").len(), 0);
        assert_eq!(cat.group_index(&c("1.10.4.2")), Some(9));
    }

    #[test]
    fn hash_is_of_the_exact_bytes() {
        let cat = builtin();
        assert_eq!(cat.sha256, sha256_hex(BUILTIN_JSON.as_bytes()));
        assert_eq!(cat.sha256.len(), 64);
    }
}
