//! The accreditation standards of MOH Ukraine order No. 169 (17.07.2000): loading,
//! validating and looking up the catalogue transcribed in `standards/order-169.json`.
//!
//! The catalogue is data, not code: another file of the same schema (for instance a
//! transcription of a complete copy of the Order) can be loaded with
//! [`Catalogue::from_json`], and is validated as strictly as the built-in one.

use std::collections::HashMap;

mod bilingual;
mod code;
mod error;
mod load;
mod model;
mod scale;

pub use bilingual::Bilingual;
pub use code::{BadCode, Code, Grade, list_codes};
pub use error::CatalogueError;
pub use model::{
    CategoryRule, Document, FormField, Group, Heading, Model, ModelId, Preset, Section, Standard,
    Uncounted, UnknownModel,
};
pub use scale::{GradeError, Scale};

pub use crate::support::hash::sha256_hex;

/// The catalogue built into the binary.
pub const BUILTIN_JSON: &str = include_str!("../../standards/order-169.json");

/// The schema identifier a catalogue file must declare.
pub const SCHEMA: &str = "akredit-catalogue/1";

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

impl Catalogue {
    /// A grade of a standard as the Order writes it (`2 (НВ)`), the bare number for a code
    /// the catalogue does not have, `—` for no grade.
    pub fn grade_label(&self, code: &Code, grade: Option<Grade>) -> String {
        match (grade, self.standard(code)) {
            (None, _) => "—".into(),
            (Some(g), Some(s)) => s.scale.label(g),
            (Some(g), None) => g.to_string(),
        }
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
    fn group_index_of_a_code() {
        let cat = builtin();
        assert_eq!(cat.group_index(&c("1.10.4.2")), Some(9));
    }

    #[test]
    fn hash_is_of_the_exact_bytes() {
        let cat = builtin();
        assert_eq!(cat.sha256, sha256_hex(BUILTIN_JSON.as_bytes()));
        assert_eq!(cat.sha256.len(), 64);
    }
}
