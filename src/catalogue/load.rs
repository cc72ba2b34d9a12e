//! Loading a catalogue file: read leniently into its raw shape, then checked field by
//! field so that every refusal can name the code it concerns.

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use serde::Deserialize;

use super::{
    BUILTIN_JSON, Catalogue, CatalogueError, CategoryRule, Code, Document, FormField, Grade, Group,
    Heading, Model, ModelId, Preset, SCHEMA, Scale, Section, Standard, Uncounted, sha256_hex,
};

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

/// Codes already defined, so that none is defined twice.
#[derive(Default)]
struct Claims(BTreeSet<Code>);

impl Claims {
    fn claim(&mut self, c: &Code) -> Result<(), CatalogueError> {
        if self.0.insert(c.clone()) {
            Ok(())
        } else {
            Err(CatalogueError::DuplicateCode(c.to_string()))
        }
    }
}

impl Catalogue {
    /// Loads and validates a catalogue from the text of a JSON file.
    pub fn from_json(text: &str) -> Result<Catalogue, CatalogueError> {
        let raw: RawCatalogue = serde_json::from_str(text)?;
        if raw.schema != SCHEMA {
            return Err(CatalogueError::Schema { found: raw.schema });
        }
        let mut claims = Claims::default();
        let categories = validate_categories(raw.categories)?;
        let groups = load_groups(raw.groups, &mut claims)?;
        let group_codes: BTreeSet<Code> = groups.iter().map(|g| g.code.clone()).collect();
        let standards = load_standards(raw.standards, &group_codes, &mut claims)?;
        let headings = load_headings(raw.headings, &group_codes, &mut claims)?;
        let uncounted = load_uncounted(raw.uncounted, &mut claims)?;
        let models = load_models(raw.models, &standards)?;
        let presets = load_presets(raw.presets, &standards)?;
        check_documents(&raw.documents)?;
        let index = standards
            .iter()
            .enumerate()
            .map(|(i, s)| (s.code.clone(), i))
            .collect();
        Ok(Catalogue {
            id: raw.id,
            title: raw.title,
            sha256: sha256_hex(text.as_bytes()),
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

    /// The catalogue built into the binary (a transcription of the Order).
    pub fn builtin() -> Result<Catalogue, CatalogueError> {
        Catalogue::from_json(BUILTIN_JSON)
    }
}

fn load_groups(raw: Vec<RawGroup>, claims: &mut Claims) -> Result<Vec<Group>, CatalogueError> {
    let mut groups = Vec::with_capacity(raw.len());
    for g in raw {
        let c = code("group", &g.code)?;
        claims.claim(&c)?;
        groups.push(Group {
            code: c,
            section: g.section,
            title: g.title,
            title_detailed: g.title_detailed,
            source_note: g.source_note,
            description: g.description,
        });
    }
    Ok(groups)
}

/// The standards, in code order. A group that is itself one standard (2.2) may also
/// appear as a standard, once.
fn load_standards(
    raw: Vec<RawStandard>,
    group_codes: &BTreeSet<Code>,
    claims: &mut Claims,
) -> Result<Vec<Standard>, CatalogueError> {
    let mut seen_standards: BTreeSet<Code> = BTreeSet::new();
    let mut standards = Vec::with_capacity(raw.len());
    for s in raw {
        let c = code("standard", &s.code)?;
        if group_codes.contains(&c) {
            if !seen_standards.insert(c.clone()) {
                return Err(CatalogueError::DuplicateCode(c.to_string()));
            }
        } else {
            claims.claim(&c)?;
            seen_standards.insert(c.clone());
        }
        standards.push(load_standard(c, s, group_codes)?);
    }
    standards.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(standards)
}

fn load_standard(
    c: Code,
    s: RawStandard,
    group_codes: &BTreeSet<Code>,
) -> Result<Standard, CatalogueError> {
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
    let criteria = load_criteria(&c, scale, s.criteria)?;
    let models = load_standard_models(&c, s.models)?;
    Ok(Standard {
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
    })
}

fn load_criteria(
    c: &Code,
    scale: Scale,
    raw: BTreeMap<String, String>,
) -> Result<BTreeMap<Grade, String>, CatalogueError> {
    let mut criteria = BTreeMap::new();
    for (k, v) in raw {
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
    Ok(criteria)
}

fn load_standard_models(c: &Code, raw: Vec<String>) -> Result<Vec<ModelId>, CatalogueError> {
    let mut models = Vec::new();
    for m in raw {
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
    Ok(models)
}

fn load_headings(
    raw: Vec<RawHeading>,
    group_codes: &BTreeSet<Code>,
    claims: &mut Claims,
) -> Result<Vec<Heading>, CatalogueError> {
    let mut headings = Vec::with_capacity(raw.len());
    for h in raw {
        let c = code("heading", &h.code)?;
        claims.claim(&c)?;
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
    Ok(headings)
}

fn load_uncounted(
    raw: Vec<RawUncounted>,
    claims: &mut Claims,
) -> Result<Vec<Uncounted>, CatalogueError> {
    let mut uncounted = Vec::with_capacity(raw.len());
    for u in raw {
        let c = code("uncounted row", &u.code)?;
        claims.claim(&c)?;
        uncounted.push(Uncounted {
            code: c,
            title: u.title,
            source_note: u.source_note,
        });
    }
    Ok(uncounted)
}

/// The two models, each declaring exactly the standards and points the catalogue counts.
fn load_models(raw: Vec<RawModel>, standards: &[Standard]) -> Result<Vec<Model>, CatalogueError> {
    let mut model_ids: Vec<String> = raw.iter().map(|m| m.id.clone()).collect();
    model_ids.sort();
    if model_ids != ["full", "sanitary"] {
        return Err(CatalogueError::Models(model_ids));
    }
    let mut models = Vec::new();
    for m in raw {
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
    Ok(models)
}

/// The N/A presets: each drops standards of the catalogue, each with its reason.
fn load_presets(
    raw: Vec<RawPreset>,
    standards: &[Standard],
) -> Result<Vec<Preset>, CatalogueError> {
    let standard_codes: BTreeSet<&Code> = standards.iter().map(|s| &s.code).collect();
    let mut presets = Vec::new();
    for p in raw {
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
    Ok(presets)
}

/// The mandatory documents are numbered 1, 2, 3, … in order.
fn check_documents(documents: &[Document]) -> Result<(), CatalogueError> {
    let numbers: Vec<u8> = documents.iter().map(|d| d.number).collect();
    if numbers
        .iter()
        .enumerate()
        .any(|(i, &n)| usize::from(n) != i + 1)
    {
        return Err(CatalogueError::Documents(numbers));
    }
    Ok(())
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
