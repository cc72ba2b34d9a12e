//! The self-assessment file a centre's akredit writes (`akredit-self/1`): canonical
//! JSON, signed by the centre's key when it has one, and reading it back.

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};

use super::{FORMAT, Provenance, SelfAssessment, SelfError, capped, checked_code};
use crate::catalogue::{Catalogue, Code, Grade, ModelId, sha256_hex};
use crate::inspection::{Inspection, Purpose};
use crate::signed::{
    CatalogueRef, Identity, Signature, SignatureFault, canonical_file, fingerprint,
};

/// One standard of a self-assessment file.
///
/// Fields of this and the other file structs are declared in the order of their JSON
/// names, so that serde writes the canonical form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfGrade {
    /// The standard's code.
    pub code: String,
    /// The centre's grade, or `null` when not assessed.
    pub grade: Option<Grade>,
    /// The centre's note.
    pub note: String,
}

/// What a self-assessment file says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfPayload {
    /// The program that wrote it.
    pub akredit_version: String,
    /// The catalogue it was made with.
    pub catalogue: CatalogueRef,
    /// The application form.
    pub centre: BTreeMap<String, String>,
    /// When written (UTC).
    pub exported_at: String,
    /// Who filled it in (the name given when the file was made).
    pub filled_by: String,
    /// Every standard of the model, in the catalogue's order.
    pub grades: Vec<SelfGrade>,
    /// The id of the centre's self-assessment file.
    pub inspection_id: String,
    /// Always `self-assessment`.
    pub kind: String,
    /// The model.
    pub model: String,
    /// The name on the signing key, or `null` when unsigned.
    pub signer: Option<String>,
}

/// A whole self-assessment file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfFile {
    /// [`FORMAT`].
    pub format: String,
    /// What is (or would be) signed.
    pub payload: SelfPayload,
    /// The centre's signature, or `null`.
    pub signature: Option<Signature>,
}

/// A written self-assessment.
#[derive(Debug, Clone)]
pub struct SelfExport {
    /// The canonical bytes of the file.
    pub bytes: Vec<u8>,
    /// SHA-256 of the canonical payload.
    pub sha256: String,
    /// The signing key's fingerprint, when signed.
    pub fingerprint: Option<String>,
    /// Standards graded.
    pub graded: usize,
    /// Standards of the model.
    pub standards: usize,
}

/// Writes a centre's self-assessment file, signed when the centre has a key.
pub fn export_self(
    insp: &Inspection,
    identity: Option<&Identity>,
    exported_at: &str,
) -> Result<SelfExport, SelfError> {
    let meta = insp.meta();
    if meta.purpose != Purpose::SelfAssessment {
        return Err(SelfError::NotASelfAssessmentFile);
    }
    let catalogue = insp.catalogue();
    let answers = insp.answers();
    let grades: Vec<SelfGrade> = catalogue
        .model_standards(meta.model)
        .map(|s| {
            let a = answers.standards.get(&s.code);
            SelfGrade {
                code: s.code.to_string(),
                grade: a.and_then(|a| a.self_grade),
                note: a.map(|a| a.note.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let payload = SelfPayload {
        akredit_version: env!("CARGO_PKG_VERSION").to_string(),
        catalogue: CatalogueRef {
            id: catalogue.id.clone(),
            sha256: catalogue.sha256.clone(),
        },
        centre: answers.centre.clone(),
        exported_at: exported_at.to_string(),
        filled_by: meta.expert.clone(),
        grades,
        inspection_id: meta.inspection_id.to_string(),
        kind: "self-assessment".into(),
        model: meta.model.id().into(),
        signer: identity.map(|i| i.public.name.clone()),
    };
    let message = canonical_payload(&payload)?;
    let signature = identity.map(|i| Signature {
        algorithm: "ed25519".into(),
        public_key: i.public.public_key.clone(),
        value: B64.encode(i.sign(&message)),
    });
    Ok(SelfExport {
        bytes: canonical_file(FORMAT, &message, &signature).map_err(SelfError::Canonical)?,
        sha256: sha256_hex(&message),
        fingerprint: identity.map(Identity::fingerprint),
        graded: payload.grades.iter().filter(|g| g.grade.is_some()).count(),
        standards: payload.grades.len(),
    })
}

fn canonical_payload(payload: &SelfPayload) -> Result<Vec<u8>, SelfError> {
    if let Some(key) = payload.centre.keys().find(|k| !k.is_ascii()) {
        return Err(SelfError::Canonical(format!(
            "the centre field {key:?} is not ASCII"
        )));
    }
    serde_json::to_vec(payload).map_err(|e| SelfError::Canonical(e.to_string()))
}

/// Reads the JSON of `export-self` and checks it against the catalogue and model.
pub(super) fn read_json(
    text: &str,
    catalogue: &Catalogue,
    model: ModelId,
) -> Result<SelfAssessment, SelfError> {
    let file = parse_file(text)?;
    let provenance = check_signature(&file, text)?;
    let p = &file.payload;
    check_kind_catalogue_model(p, catalogue, model)?;
    let grades = checked_grades(p, catalogue, model)?;
    Ok(SelfAssessment {
        provenance,
        centre_name: p.centre.get(crate::answers::CENTRE_NAME).cloned(),
        grades,
        notes: p
            .grades
            .iter()
            .filter(|g| !g.note.trim().is_empty())
            .count(),
        file_sha256: String::new(),
    })
}

/// One typed parse; only a file that does not parse is read a second time, to say what
/// it is instead.
fn parse_file(text: &str) -> Result<SelfFile, SelfError> {
    let file: SelfFile = match serde_json::from_str(text) {
        Ok(file) => file,
        Err(e) => {
            #[derive(Deserialize)]
            struct Probe {
                format: Option<String>,
            }
            let probe: Probe = serde_json::from_str(text)
                .map_err(|e| SelfError::NotSelf(format!("the file is not a JSON document: {e}")))?;
            return Err(match probe.format.as_deref() {
                Some(FORMAT) => SelfError::Malformed(e.to_string()),
                other => not_self(other),
            });
        }
    };
    if file.format != FORMAT {
        return Err(not_self(Some(&file.format)));
    }
    Ok(file)
}

/// Unsigned, or signed and the signature holds over the canonical form it was made in.
fn check_signature(file: &SelfFile, text: &str) -> Result<Provenance, SelfError> {
    let Some(sig) = &file.signature else {
        return Ok(Provenance::Unsigned);
    };
    let message = canonical_payload(&file.payload)?;
    if canonical_file(FORMAT, &message, &file.signature).as_deref() != Ok(text.as_bytes()) {
        return Err(SelfError::BrokenSignature(
            "the file is not in the canonical form it was signed in".into(),
        ));
    }
    let key = sig.check(&message).map_err(|fault| {
        SelfError::BrokenSignature(match fault {
            SignatureFault::Mismatch => "it does not match the content".into(),
            _ => "the key or signature is not a valid Ed25519 one".into(),
        })
    })?;
    Ok(Provenance::Signed {
        signer: file.payload.signer.clone().unwrap_or_default(),
        fingerprint: fingerprint(&key),
    })
}

fn check_kind_catalogue_model(
    p: &SelfPayload,
    catalogue: &Catalogue,
    model: ModelId,
) -> Result<(), SelfError> {
    if p.kind != "self-assessment" {
        return Err(SelfError::Malformed(format!(
            "kind {:?}, expected \"self-assessment\"",
            p.kind
        )));
    }
    if p.catalogue.sha256 != catalogue.sha256 {
        return Err(SelfError::OtherCatalogue {
            file: format!("{} {}", p.catalogue.id, p.catalogue.sha256),
            inspection: format!("{} {}", catalogue.id, catalogue.sha256),
        });
    }
    if p.model != model.id() {
        return Err(SelfError::OtherModel {
            file: p.model.clone(),
            inspection: model,
        });
    }
    Ok(())
}

/// Every standard of the model exactly once, each grade on its scale.
fn checked_grades(
    p: &SelfPayload,
    catalogue: &Catalogue,
    model: ModelId,
) -> Result<BTreeMap<Code, Option<Grade>>, SelfError> {
    let mut errors = Vec::new();
    let mut grades = BTreeMap::new();
    for (i, g) in p.grades.iter().enumerate() {
        let at = format!("standard #{}", i + 1);
        let code = match checked_code(catalogue, model, &g.code) {
            Ok(code) => code,
            Err(e) => {
                errors.push(format!("  {at}: {e}"));
                continue;
            }
        };
        if let Some(grade) = g.grade
            && let Some(s) = catalogue.standard(&code)
            && !s.scale.allows(grade)
        {
            errors.push(format!(
                "  {at}: {code}: grade {grade} is not on its {} scale; allowed: {}",
                s.scale,
                s.scale.describe_grades()
            ));
        }
        if grades.insert(code.clone(), g.grade).is_some() {
            errors.push(format!("  {at}: {code} appears more than once"));
        }
    }
    let missing: Vec<String> = catalogue
        .model_standards(model)
        .filter(|s| !grades.contains_key(&s.code))
        .map(|s| s.code.to_string())
        .collect();
    if !missing.is_empty() {
        errors.push(format!(
            "  {} standards of the {model} model are missing: {}",
            missing.len(),
            missing.join(", ")
        ));
    }
    if errors.is_empty() {
        Ok(grades)
    } else {
        Err(SelfError::Rows(capped(errors)))
    }
}

/// Why a JSON file with this `format` (or none) is not a self-assessment.
fn not_self(format: Option<&str>) -> SelfError {
    SelfError::NotSelf(match format {
        Some(crate::signed::FORMAT) => {
            "this is a commission's signed result, not a centre's self-assessment".into()
        }
        Some(other) => {
            format!("this is a {other:?} file, not a centre's self-assessment ({FORMAT})")
        }
        None => format!(
            "this JSON is not a centre's self-assessment (it has no \"format\": \"{FORMAT}\")"
        ),
    })
}
