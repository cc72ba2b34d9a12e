//! A member's part of the group's inspection: the inspection file made for their laptop,
//! the signed part (`akredit-part/1`) they hand back, and reading one without trusting
//! it.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};

use super::TeamError;
use crate::answers::{Change, NOTE_LIMIT};
use crate::catalogue::{Catalogue, Code, sha256_hex};
use crate::inspection::{Inspection, NewInspection, PartOf, Purpose};
use crate::signed::{
    CatalogueRef, HistoryRow, Identity, RecommendationEntry, Signature, SignatureFault,
    canonical_file, fingerprint, history_row, keys,
};

/// The format identifier of a signed part.
pub const PART_FORMAT: &str = "akredit-part/1";

/// The largest signed part read (a part of the full model with notes is well under 1 MiB).
pub const MAX_PART_BYTES: u64 = 16 * 1024 * 1024;

/// One standard a member recorded something on, in a signed part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartStandard {
    /// Who of the group made its grade or decision when it is not the part's member (a
    /// "not applicable" decision the head made before the part was made).
    pub author: Option<String>,
    /// The standard.
    pub code: String,
    /// The member's commission grade.
    pub commission: Option<u8>,
    /// The reason, when the member holds it not applicable.
    pub na_reason: Option<String>,
    /// The member's note.
    pub note: String,
    /// The member's recommendation.
    pub recommendation: Option<RecommendationEntry>,
}

/// What a signed part says. Fields in the order of their JSON names (canonical form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartPayload {
    /// The program that wrote it.
    pub akredit_version: String,
    /// The catalogue.
    pub catalogue: CatalogueRef,
    /// When exported (UTC).
    pub exported_at: String,
    /// Every change of the part file, oldest first.
    pub history: Vec<HistoryRow>,
    /// The group's inspection it is a part of.
    pub inspection_id: String,
    /// The member who graded it.
    pub member: String,
    /// The model.
    pub model: String,
    /// The part file's own id.
    pub part_id: String,
    /// The name the signing key was made with.
    pub signer: String,
    /// The standards the part records anything on, in the catalogue's order.
    pub standards: Vec<PartStandard>,
}

/// A whole signed part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartFile {
    /// [`PART_FORMAT`].
    pub format: String,
    /// What is signed.
    pub payload: PartPayload,
    /// The member's signature.
    pub signature: Signature,
}

/// A signed part that was read and checked against the inspection it is to be merged into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedPart {
    /// What it says.
    pub payload: PartPayload,
    /// SHA-256 of its canonical payload.
    pub sha256: String,
    /// The fingerprint of the key that signed it.
    pub fingerprint: String,
}

/// Makes `member`'s part of the group's inspection `head` at `out`: a new inspection file
/// with the centre's application form, the model, the catalogue, the team and the
/// "not applicable" decisions of the group's file (the head's, named as theirs), graded
/// by `member`. Refuses a member not in the team, a part of a part, and an existing file.
pub fn make_part(
    head: &Inspection,
    member: &str,
    out: &std::path::Path,
) -> Result<Inspection, TeamError> {
    let meta = head.meta();
    let answers = head.answers();
    if meta.purpose == Purpose::SelfAssessment {
        return Err(TeamError::SelfAssessment);
    }
    if let Some(part) = &meta.part {
        return Err(TeamError::PartOfAPart(part.member.clone()));
    }
    head.ensure_sound()?;
    let member = member.trim();
    if !answers.team.contains_key(member) {
        return Err(TeamError::NotAMember(member.to_string()));
    }
    let new = NewInspection {
        model: meta.model,
        centre_name: answers.centre_name().to_string(),
        expert: member.to_string(),
        visit_date: meta.visit_date.clone(),
        purpose: Purpose::Inspection,
    };
    let part_of = PartOf {
        inspection_id: meta.inspection_id.clone(),
        member: member.to_string(),
    };
    let mut part = Inspection::create_part(out, head.catalogue().clone(), &new, &part_of)?;
    if let Err(e) = part.apply(&setup_changes(head)) {
        drop(part);
        crate::support::files::remove_if_there(out);
        return Err(e.into());
    }
    Ok(part)
}

/// What a new part starts with: the application form, the team, and the group's "not
/// applicable" decisions with who made them.
fn setup_changes(head: &Inspection) -> Vec<Change> {
    let answers = head.answers();
    let own = head.meta().expert.as_str();
    let mut changes: Vec<Change> = answers
        .centre
        .iter()
        .filter(|(field, _)| field.as_str() != crate::answers::CENTRE_NAME)
        .map(|(field, value)| Change::Centre {
            field: field.clone(),
            value: value.clone(),
        })
        .collect();
    for (name, m) in &answers.team {
        let name = name.clone();
        changes.push(Change::Member {
            name: name.clone(),
            role: Some(m.role),
        });
        changes.push(Change::Position {
            name: name.clone(),
            text: m.position.clone(),
        });
        changes.push(Change::MemberKey {
            name: name.clone(),
            key: m.key.clone(),
        });
        changes.push(Change::Assign {
            name,
            groups: m.groups.clone(),
        });
    }
    for (code, a) in &answers.standards {
        let Some(reason) = &a.na_reason else {
            continue;
        };
        changes.push(Change::NotApplicable {
            code: code.clone(),
            reason: Some(reason.clone()),
        });
        // A decision is named by its maker; one the team does not list stays unnamed.
        if let Some(author) = answers
            .author_of(code, own)
            .filter(|a| answers.team.contains_key(*a))
        {
            changes.push(Change::Author {
                code: code.clone(),
                name: Some(author.to_string()),
            });
        }
    }
    changes
}

/// The standards graded in a part outside the groups its member is assigned (allowed,
/// and said).
pub fn outside_assignment(part: &Inspection) -> Vec<Code> {
    let Some(of) = &part.meta().part else {
        return Vec::new();
    };
    let answers = part.answers();
    let Some(member) = answers.team.get(&of.member) else {
        return Vec::new();
    };
    answers
        .standards
        .iter()
        .filter(|(code, a)| a.is_decided() && a.author.is_none() && !member.is_assigned(code))
        .map(|(code, _)| code.clone())
        .collect()
}

/// A signed part of a part file, ready to be written.
pub struct ExportedPart {
    /// The canonical bytes of the file.
    pub bytes: Vec<u8>,
    /// SHA-256 of the canonical payload.
    pub sha256: String,
    /// What was signed.
    pub payload: PartPayload,
}

/// Signs a part file's grades, notes, "not applicable" decisions, recommendations and
/// history with the member's key. Refuses a file that is not a part, and a key that is
/// not the one the group's team records for the member (the head would refuse the part).
pub fn sign_part(part: &Inspection, identity: &Identity) -> Result<ExportedPart, TeamError> {
    let meta = part.meta();
    let Some(of) = &meta.part else {
        return Err(TeamError::NotAPartFile);
    };
    part.ensure_sound()?;
    if let Some(recorded) = part
        .answers()
        .team
        .get(&of.member)
        .and_then(|m| m.key.clone())
        && keys::decode_public_key(&recorded).map(|k| k.to_bytes())
            != Some(identity.verifying_key().to_bytes())
    {
        return Err(TeamError::NotTheMembersKey {
            member: of.member.clone(),
            fingerprint: identity.fingerprint(),
        });
    }
    let catalogue = part.catalogue();
    let answers = part.answers();
    let standards = catalogue
        .model_standards(meta.model)
        .filter_map(|s| {
            let a = answers.standards.get(&s.code)?;
            let recorded = a.is_decided() || !a.note.is_empty() || !a.recommendation.is_empty();
            recorded.then(|| PartStandard {
                author: a.author.clone(),
                code: s.code.to_string(),
                commission: a.commission,
                na_reason: a.na_reason.clone(),
                note: a.note.clone(),
                recommendation: RecommendationEntry::of(&a.recommendation),
            })
        })
        .collect();
    let history = part
        .history(None)?
        .iter()
        .map(|h| history_row(h.id, &h.at, &h.altered))
        .collect();
    let payload = PartPayload {
        akredit_version: env!("CARGO_PKG_VERSION").to_string(),
        catalogue: CatalogueRef {
            id: catalogue.id.clone(),
            sha256: catalogue.sha256.clone(),
        },
        exported_at: crate::support::time::now_utc(),
        history,
        inspection_id: of.inspection_id.to_string(),
        member: of.member.clone(),
        model: meta.model.id().to_string(),
        part_id: meta.inspection_id.to_string(),
        signer: identity.public.name.clone(),
        standards,
    };
    let message = serde_json::to_vec(&payload).map_err(|e| TeamError::Internal(e.to_string()))?;
    let signature = Signature {
        algorithm: "ed25519".into(),
        public_key: identity.public.public_key.clone(),
        value: B64.encode(identity.sign(&message)),
    };
    let bytes = canonical_file(PART_FORMAT, &message, &signature).map_err(TeamError::Internal)?;
    Ok(ExportedPart {
        bytes,
        sha256: sha256_hex(&message),
        payload,
    })
}

/// Reads a signed part handed in for `head`'s inspection, trusting nothing in it: its
/// form, its signature, that it is a part of this inspection, made with this catalogue
/// and model, by a member of the team with the key the team records for them, and that
/// its history replays to what it says. Every refusal says why.
pub fn read_part(bytes: &[u8], head: &Inspection) -> Result<SignedPart, TeamError> {
    let file: PartFile = serde_json::from_slice(bytes).map_err(|e| {
        let is_result = serde_json::from_slice::<serde_json::Value>(bytes)
            .ok()
            .and_then(|v| v.get("format")?.as_str().map(str::to_string))
            .filter(|f| f.starts_with("akredit-result/") || f.starts_with("akredit-self/"));
        match is_result {
            Some(format) => TeamError::NotAPart(format!("it is a {format} file, not a part")),
            None => TeamError::NotAPart(e.to_string()),
        }
    })?;
    if file.format != PART_FORMAT {
        return Err(TeamError::NotAPart(format!(
            "format {:?}, expected {PART_FORMAT:?}",
            file.format
        )));
    }
    let message =
        serde_json::to_vec(&file.payload).map_err(|e| TeamError::Internal(e.to_string()))?;
    if canonical_file(&file.format, &message, &file.signature).as_deref() != Ok(bytes) {
        return Err(TeamError::Tampered(
            "it is not in canonical form: it was edited after signing".into(),
        ));
    }
    let key = match file.signature.check(&message) {
        Ok(key) => key,
        Err(SignatureFault::Mismatch) => {
            return Err(TeamError::Tampered(
                "its signature does not match its content: it was changed after signing".into(),
            ));
        }
        Err(_) => return Err(TeamError::Tampered("its signature is malformed".into())),
    };
    let p = &file.payload;
    check_belongs(p, head)?;
    check_signer(p, head, &key)?;
    check_replays(p, head.catalogue())?;
    Ok(SignedPart {
        sha256: sha256_hex(&message),
        fingerprint: fingerprint(&key),
        payload: file.payload,
    })
}

/// The part is of this inspection, catalogue and model.
fn check_belongs(p: &PartPayload, head: &Inspection) -> Result<(), TeamError> {
    let meta = head.meta();
    if p.inspection_id != meta.inspection_id.as_str() {
        return Err(TeamError::OtherInspection {
            member: p.member.clone(),
        });
    }
    let catalogue = head.catalogue();
    if p.catalogue.sha256 != catalogue.sha256 {
        return Err(TeamError::OtherCatalogue {
            part: p.catalogue.id.clone(),
            ours: catalogue.id.clone(),
        });
    }
    if p.model != meta.model.id() {
        return Err(TeamError::OtherModel {
            part: p.model.clone(),
            ours: meta.model.id().to_string(),
        });
    }
    Ok(())
}

/// The part's member is in the team, and signed it with the key the team records.
fn check_signer(p: &PartPayload, head: &Inspection, key: &[u8; 32]) -> Result<(), TeamError> {
    let Some(member) = head.answers().team.get(&p.member) else {
        return Err(TeamError::NotAMember(p.member.clone()));
    };
    let Some(recorded) = member.key.as_deref().and_then(keys::decode_public_key) else {
        return Err(TeamError::NoKey(p.member.clone()));
    };
    if recorded.to_bytes() != *key {
        return Err(TeamError::WrongKey {
            member: p.member.clone(),
            signed_with: fingerprint(key),
            recorded: fingerprint(&recorded.to_bytes()),
        });
    }
    Ok(())
}

/// The part's history replays to the standards it lists, and every code is one.
fn check_replays(p: &PartPayload, catalogue: &Catalogue) -> Result<(), TeamError> {
    let rows = p
        .history
        .iter()
        .map(crate::signed::row_altered)
        .collect::<Result<Vec<_>, _>>()
        .map_err(TeamError::Tampered)?;
    let replayed = crate::answers::Answers::replay(rows.iter());
    for s in &p.standards {
        let code: Code = s
            .code
            .parse()
            .map_err(|_| TeamError::Tampered(format!("{:?} is not a code", s.code)))?;
        if catalogue.standard(&code).is_none() {
            return Err(TeamError::Tampered(format!(
                "{code} is not a standard of the catalogue"
            )));
        }
        let a = replayed.get(&code);
        let same = a.commission == s.commission
            && a.na_reason == s.na_reason
            && a.note == s.note
            && a.author == s.author
            && RecommendationEntry::of(&a.recommendation) == s.recommendation
            && s.note.chars().count() <= NOTE_LIMIT;
        if !same {
            return Err(TeamError::Tampered(format!(
                "its history does not lead to what it says of {code}"
            )));
        }
    }
    Ok(())
}
