//! Signing an inspection's result and writing it: the completeness gate, the payload, the
//! signature, the file, and only then the record in the inspection.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;

use super::canonical::canonical_cosigned;
use super::complete::what_final_lacks;
use super::result::history_row;
use super::{
    CatalogueRef, DocumentEntry, ExportError, FORMAT, FORMAT_2, Identity, MAX_RESULT_BYTES,
    MemberSignature, Payload, RecommendationEntry, Signature, StandardEntry, TeamEntry,
    canonical_file, canonical_payload, keys,
};
use crate::catalogue::sha256_hex;
use crate::inspection::Inspection;
use crate::scoring;

/// Builds the payload of an inspection's result.
pub fn payload(
    insp: &Inspection,
    signer: &str,
    is_final: bool,
    exported_at: &str,
) -> Result<Payload, ExportError> {
    let catalogue = insp.catalogue();
    let meta = insp.meta();
    let answers = insp.answers();
    let totals = scoring::totals(catalogue, meta.model, answers);
    let standards = catalogue
        .model_standards(meta.model)
        .map(|s| {
            let a = answers.get(&s.code);
            StandardEntry {
                author: a.author.clone(),
                code: s.code.to_string(),
                commission: a.commission,
                self_grade: a.self_grade,
                na: a.is_na(),
                na_reason: a.na_reason.clone(),
                note: a.note.clone(),
                recommendation: RecommendationEntry::of(&a.recommendation),
            }
        })
        .collect();
    let documents = catalogue
        .documents
        .iter()
        .map(|d| {
            let check = answers
                .documents
                .get(&d.number)
                .cloned()
                .unwrap_or_default();
            DocumentEntry::new(d.number, check.present, check.note)
        })
        .collect();
    let history = insp
        .history(None)?
        .iter()
        .map(|h| history_row(h.id, &h.at, &h.altered))
        .collect();
    Ok(Payload {
        kind: "commission".into(),
        is_final,
        model: meta.model.id().into(),
        centre: answers.centre.clone(),
        conclusion: answers.conclusion.clone(),
        expert: meta.expert.clone(),
        signer: signer.to_string(),
        visit_date: meta.visit_date.clone(),
        catalogue: CatalogueRef {
            id: catalogue.id.clone(),
            sha256: catalogue.sha256.clone(),
        },
        inspection_id: meta.inspection_id.to_string(),
        standards,
        documents,
        totals: (&totals).into(),
        history,
        exported_at: exported_at.to_string(),
        supersedes: insp.last_result_sha256(),
        team: team_entries(&answers.team),
        evidence: answers
            .evidence
            .iter()
            .map(|(n, e)| super::EvidenceEntry::of(*n, e))
            .collect(),
        akredit_version: env!("CARGO_PKG_VERSION").to_string(),
    })
}

/// The expert group as a result lists it: the head first, then the experts, each in
/// the order of their names.
pub fn team_entries(
    team: &std::collections::BTreeMap<String, crate::answers::Member>,
) -> Vec<super::TeamEntry> {
    let mut entries: Vec<super::TeamEntry> = team
        .iter()
        .map(|(name, m)| super::TeamEntry::of(name, m))
        .collect();
    entries.sort_by_key(|t| t.role != "head");
    entries
}

/// A signed, serialized result.
pub struct SignedResult {
    /// The canonical bytes of the whole file.
    pub bytes: Vec<u8>,
    /// SHA-256 of the canonical payload: the result's identity (what `supersedes` names).
    pub sha256: String,
    /// The signer's key fingerprint.
    pub fingerprint: String,
    /// Whether final.
    pub is_final: bool,
    /// What was signed.
    pub payload: Payload,
}

/// Signs a payload: a result of one expert (no team) as `akredit-result/1`, exactly as
/// before expert groups; a result with a team as `akredit-result/2` with the head's
/// signature first, refused unless `identity` is the head's
/// ([`ExportError::NotHead`]).
pub fn sign(payload: &Payload, identity: &Identity) -> Result<SignedResult, ExportError> {
    let message = canonical_payload(payload).map_err(ExportError::Canonical)?;
    let value = B64.encode(identity.sign(&message));
    let bytes = if payload.team.is_empty() {
        let signature = Signature {
            algorithm: "ed25519".into(),
            public_key: identity.public.public_key.clone(),
            value,
        };
        canonical_file(FORMAT, &message, &signature)
    } else {
        let head = signing_head(payload, identity)?;
        let signature = MemberSignature {
            name: head.name.clone(),
            public_key: identity.public.public_key.clone(),
            role: head.role.clone(),
            value,
        };
        canonical_cosigned(FORMAT_2, &message, &[signature])
    }
    .map_err(ExportError::Canonical)?;
    Ok(SignedResult {
        bytes,
        sha256: sha256_hex(&message),
        fingerprint: identity.fingerprint(),
        is_final: payload.is_final,
        payload: payload.clone(),
    })
}

/// The head of the payload's expert group, when `identity` is theirs: the key the group
/// records for them is the identity's, or, when none is recorded, their names agree.
fn signing_head<'a>(
    payload: &'a Payload,
    identity: &Identity,
) -> Result<&'a TeamEntry, ExportError> {
    let refused = |head: Option<&TeamEntry>| ExportError::NotHead {
        head: head.map(|h| h.name.clone()),
        signer: identity.public.name.clone(),
        fingerprint: identity.fingerprint(),
    };
    let head = payload.head().ok_or_else(|| refused(None))?;
    let own = identity.verifying_key().to_bytes();
    let is_theirs = match head.key.as_deref() {
        Some(key) => keys::decode_public_key(key).is_some_and(|k| k.to_bytes() == own),
        None => keys::names_agree(&head.name, &identity.public.name),
    };
    if is_theirs {
        Ok(head)
    } else {
        Err(refused(Some(head)))
    }
}

/// The completeness gate, the payload and the signature of an inspection's result; the
/// inspection is not changed.
pub fn sign_inspection(
    insp: &Inspection,
    identity: &Identity,
    draft: bool,
) -> Result<SignedResult, ExportError> {
    if insp.meta().purpose == crate::inspection::Purpose::SelfAssessment {
        return Err(ExportError::SelfAssessment);
    }
    if let Some(part) = &insp.meta().part {
        return Err(ExportError::Part(part.member.clone()));
    }
    let lacking = what_final_lacks(insp);
    if !lacking.is_empty() && !draft {
        return Err(ExportError::Incomplete(lacking));
    }
    let payload = payload(
        insp,
        &identity.public.name,
        !draft,
        &crate::support::time::now_utc(),
    )?;
    let signed = sign(&payload, identity)?;
    if signed.bytes.len() as u64 > MAX_RESULT_BYTES {
        return Err(ExportError::TooLarge {
            bytes: signed.bytes.len(),
            limit: MAX_RESULT_BYTES,
        });
    }
    Ok(signed)
}

/// Exports an open inspection to `out`: signs the result, writes it (never over anything,
/// complete or not at all), and only then records its hash in the inspection so that the
/// next export supersedes it. A failure at any step leaves no result file and the
/// inspection as it was.
pub fn export(
    insp: &mut Inspection,
    identity: &Identity,
    draft: bool,
    out: &std::path::Path,
) -> Result<SignedResult, ExportError> {
    let signed = sign_inspection(insp, identity, draft)?;
    crate::support::files::write_new(out, &signed.bytes)?;
    if let Err(e) = insp.record_result(&signed.sha256) {
        // Unrecorded, the next export would not name it as superseded: it must not exist.
        crate::support::files::remove_if_there(out);
        return Err(e.into());
    }
    Ok(signed)
}
