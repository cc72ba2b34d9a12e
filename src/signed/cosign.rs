//! Co-signing a result: a member of the expert group adds their signature to the head's
//! result (`akredit-result/2`) without changing its payload.

use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;

use super::canonical::canonical_cosigned;
use super::{
    FORMAT_2, Identity, MAX_RESULT_BYTES, MemberSignature, TeamEntry, canonical_payload, keys,
    verify,
};
use crate::catalogue::Catalogue;

/// Why a result was not co-signed.
#[derive(Debug, thiserror::Error)]
pub enum CosignError {
    /// The result does not verify (the failed checks, `name: why`).
    #[error("the result does not verify, so it cannot be co-signed:\n{}", .0.join("\n"))]
    NotVerified(Vec<String>),
    /// A result of one expert (`akredit-result/1`): it has no expert group to co-sign it.
    #[error(
        "this result is signed by one expert (akredit-result/1): it names no expert group whose members could co-sign it"
    )]
    OneExpert,
    /// The signing key is not a member's of the result's expert group.
    #[error(
        "this key ({signer}, {fingerprint}) is not a member's of the result's expert group: no member is recorded with it, nor, without a key recorded, with a name that agrees{}",
        recorded_as.as_ref().map(|n| format!("; the group records another key for {n}")).unwrap_or_default()
    )]
    NotMember {
        /// The name of the signing key.
        signer: String,
        /// Its fingerprint.
        fingerprint: String,
        /// The member whose name agrees but whose recorded key is another, if one does.
        recorded_as: Option<String>,
    },
    /// The member has signed the result already.
    #[error("{name} has signed this result already; nothing was written")]
    AlreadySigned {
        /// The member.
        name: String,
    },
    /// A value that cannot be put in canonical JSON.
    #[error("internal: {0}")]
    Canonical(String),
    /// The co-signed result would be larger than any result akredit reads back.
    #[error(
        "the co-signed result would be {bytes} bytes, more than the {limit} bytes a result may have"
    )]
    TooLarge {
        /// Its size.
        bytes: usize,
        /// The limit.
        limit: u64,
    },
    /// Writing the co-signed result.
    #[error(transparent)]
    File(#[from] crate::support::files::FileError),
}

/// A co-signed result.
#[derive(Debug, Clone)]
pub struct Cosigned {
    /// The canonical bytes of the whole file.
    pub bytes: Vec<u8>,
    /// SHA-256 of the canonical payload: unchanged, the same result.
    pub sha256: String,
    /// The member who signed, as the team names them.
    pub name: String,
    /// Their role (`head` or `expert`).
    pub role: String,
    /// Their key's fingerprint.
    pub fingerprint: String,
    /// True when the group records no key for them, so that they were found by their
    /// name alone (worth a warning).
    pub by_name: bool,
    /// How many members have signed now, and how many the group has.
    pub signed_of: (usize, usize),
    /// Who has not signed yet.
    pub waiting: Vec<String>,
}

/// Adds `identity`'s signature to the co-signed result `bytes`: it must verify fully
/// (every signature in it valid), and `identity` must be a member of its expert group who
/// has not signed it yet. The payload is not changed.
pub fn cosign(
    bytes: &[u8],
    catalogue: &Catalogue,
    identity: &Identity,
) -> Result<Cosigned, CosignError> {
    let v = verify(bytes, catalogue, &[]);
    let failed: Vec<String> = v.failed().map(|c| format!("  {c}")).collect();
    let signatures = v.signatures.clone();
    let Some((mut result, sha256)) = v.into_verified() else {
        return Err(CosignError::NotVerified(failed));
    };
    if !result.is_cosigned() {
        return Err(CosignError::OneExpert);
    }
    let (member, by_name) = member_of(&result.payload.team, identity)?;
    let own = identity.verifying_key().to_bytes();
    if result
        .signatures
        .iter()
        .any(|s| s.name == member.name || s.key() == Some(own))
    {
        return Err(CosignError::AlreadySigned {
            name: member.name.clone(),
        });
    }
    let message = canonical_payload(&result.payload).map_err(CosignError::Canonical)?;
    let signature = MemberSignature {
        name: member.name.clone(),
        public_key: identity.public.public_key.clone(),
        role: member.role.clone(),
        value: B64.encode(identity.sign(&message)),
    };
    let (name, role) = (member.name.clone(), member.role.clone());
    result.signatures.push(signature);
    let out = canonical_cosigned(FORMAT_2, &message, &result.signatures)
        .map_err(CosignError::Canonical)?;
    if out.len() as u64 > MAX_RESULT_BYTES {
        return Err(CosignError::TooLarge {
            bytes: out.len(),
            limit: MAX_RESULT_BYTES,
        });
    }
    let team = result.payload.team.len();
    let waiting: Vec<String> = signatures
        .iter()
        .take(team)
        .filter(|s| !s.signed() && s.name != name)
        .map(|s| s.name.clone())
        .collect();
    Ok(Cosigned {
        bytes: out,
        sha256,
        name,
        role,
        fingerprint: identity.fingerprint(),
        by_name,
        signed_of: (team - waiting.len(), team),
        waiting,
    })
}

/// The member `identity` is: the one the group records with its key, or else one with
/// no key recorded whose name agrees with the key's (then `true`).
fn member_of<'a>(
    team: &'a [TeamEntry],
    identity: &Identity,
) -> Result<(&'a TeamEntry, bool), CosignError> {
    let own = identity.verifying_key().to_bytes();
    let key_of = |t: &TeamEntry| {
        t.key
            .as_deref()
            .and_then(keys::decode_public_key)
            .map(|k| k.to_bytes())
    };
    if let Some(m) = team.iter().find(|t| key_of(t) == Some(own)) {
        return Ok((m, false));
    }
    let agrees = |t: &&TeamEntry| keys::names_agree(&t.name, &identity.public.name);
    if let Some(m) = team.iter().filter(agrees).find(|t| t.key.is_none()) {
        return Ok((m, true));
    }
    Err(CosignError::NotMember {
        signer: identity.public.name.clone(),
        fingerprint: identity.fingerprint(),
        recorded_as: team.iter().find(agrees).map(|t| t.name.clone()),
    })
}

/// [`cosign`], then writes the co-signed result to `out` (never over anything, never
/// through a link); nothing is written when it is refused.
pub fn cosign_to(
    bytes: &[u8],
    catalogue: &Catalogue,
    identity: &Identity,
    out: &Path,
) -> Result<Cosigned, CosignError> {
    let cosigned = cosign(bytes, catalogue, identity)?;
    crate::support::files::write_new(out, &cosigned.bytes)?;
    Ok(cosigned)
}
