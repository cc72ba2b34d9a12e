//! The signatures of a co-signed result (`akredit-result/2`), checked against the
//! expert group its payload records: each one valid over the payload, each a member's
//! with their role and the key the group records for them, none twice, the head's first;
//! and who of the group has signed and who has not yet.

use super::result::TeamEntry;
use super::{MemberSignature, Outcome, ResultFile, SignatureFault, Verification, fingerprint};

/// Where one member's signature stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureState {
    /// Signed, valid, with the key the group records for them (or, when it records none,
    /// in their name).
    Valid,
    /// A signature in their name that does not hold (why).
    Invalid(String),
    /// Not signed yet.
    NotYet,
}

/// One member of the expert group (or one signature by someone who is not a member) and
/// where their signature stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureStatus {
    /// The full name, as the team (or the signature) gives it.
    pub name: String,
    /// `head` or `expert`, as the team (or the signature) gives it.
    pub role: String,
    /// The fingerprint of the key they signed with, or else of the key the group records.
    pub fingerprint: Option<String>,
    /// Signed and valid, signed but invalid, or not yet.
    pub state: SignatureState,
}

impl SignatureStatus {
    /// Whether there is a signature in their name.
    pub fn signed(&self) -> bool {
        self.state != SignatureState::NotYet
    }

    /// Whether their signature holds.
    pub fn valid(&self) -> bool {
        self.state == SignatureState::Valid
    }
}

/// A signature's fault in words.
pub(super) fn fault_words(fault: &SignatureFault) -> String {
    match fault {
        SignatureFault::UnknownAlgorithm(alg) => format!("uses the unknown algorithm {alg:?}"),
        SignatureFault::Malformed => "is not valid base64 Ed25519".into(),
        SignatureFault::Mismatch => {
            "does not match the payload: the result was changed after signing, or the signature belongs to another result".into()
        }
    }
}

/// What was found of the signatures, check by check.
#[derive(Default)]
struct Findings {
    /// Signatures that do not hold over the payload.
    broken: Vec<String>,
    /// Signatures that are not a member's as the team records them.
    foreign: Vec<String>,
    /// Members with no key recorded who signed (their key cannot be compared).
    unkeyed: Vec<String>,
    /// The valid signatures, in words.
    valid: Vec<String>,
}

/// Checks the signatures of a co-signed result (checks `signature`, `signers`,
/// `co-signed`) and records where each member's stands in `v.signatures`.
pub(super) fn check_cosigned(result: &ResultFile, message: &[u8], v: &mut Verification) {
    let team = &result.payload.team;
    let mut statuses: Vec<SignatureStatus> = team
        .iter()
        .map(|t| SignatureStatus {
            name: t.name.clone(),
            role: t.role.clone(),
            fingerprint: t.fingerprint(),
            state: SignatureState::NotYet,
        })
        .collect();
    let mut found = Findings::default();
    if team.is_empty() {
        found
            .foreign
            .push("the result is co-signed but names no expert group".into());
    }
    for (i, s) in result.signatures.iter().enumerate() {
        let crypto = s.as_signature().check(message);
        if let Err(fault) = &crypto {
            found
                .broken
                .push(format!("{}'s signature {}", s.name, fault_words(fault)));
        }
        let fault = signer_fault(result, i, &mut found);
        if let Some(why) = &fault {
            found.foreign.push(why.clone());
        }
        let state = match (&crypto, fault) {
            (Ok(_), None) => SignatureState::Valid,
            (Err(f), _) => SignatureState::Invalid(fault_words(f)),
            (Ok(_), Some(why)) => SignatureState::Invalid(why),
        };
        if state == SignatureState::Valid {
            found.valid.push(format!(
                "{} ({}, key {})",
                s.name,
                s.role,
                s.fingerprint().unwrap_or_default()
            ));
        }
        record(&mut statuses, s, state);
    }
    push_checks(&found, &statuses, team.len(), result.signatures.len(), v);
    v.signatures = statuses;
}

/// Records a signature's state on its member's row; a second signature in one name, or
/// one in a name the team does not record, gets a row of its own.
fn record(statuses: &mut Vec<SignatureStatus>, s: &MemberSignature, state: SignatureState) {
    let row = statuses
        .iter_mut()
        .find(|st| st.name == s.name && !st.signed());
    match row {
        Some(row) => {
            row.fingerprint = s.fingerprint().or(row.fingerprint.take());
            row.state = state;
        }
        None => statuses.push(SignatureStatus {
            name: s.name.clone(),
            role: s.role.clone(),
            fingerprint: s.fingerprint(),
            state,
        }),
    }
}

/// Why the `i`-th signature is not a member's as the team records them, if it is not.
fn signer_fault(result: &ResultFile, i: usize, found: &mut Findings) -> Option<String> {
    let s = &result.signatures[i];
    let earlier = &result.signatures[..i];
    if earlier.iter().any(|e| e.name == s.name) {
        return Some(format!("{} signed twice", s.name));
    }
    if let Some(e) = earlier
        .iter()
        .find(|e| e.key().is_some() && e.key() == s.key())
    {
        return Some(format!("one key signs for both {} and {}", e.name, s.name));
    }
    let Some(member) = result.payload.team.iter().find(|t| t.name == s.name) else {
        return Some(format!(
            "a signature in the name of {}, who is not a member of the expert group",
            s.name
        ));
    };
    if member.role != s.role {
        return Some(format!(
            "{} signs as {:?}, but the group records them as {:?}",
            s.name, s.role, member.role
        ));
    }
    if i == 0 && member.role != "head" {
        return Some(format!(
            "the first signature is {}'s, not the head's: the head signs first",
            s.name
        ));
    }
    key_fault(member, s, found)
}

/// Whether the signature is made with the key the group records for the member; a
/// member with none recorded is noted (their key cannot be compared).
fn key_fault(member: &TeamEntry, s: &MemberSignature, found: &mut Findings) -> Option<String> {
    let used = s.fingerprint().unwrap_or_else(|| "?".into());
    let Some(recorded) = member.key.as_deref() else {
        found.unkeyed.push(format!("{} (key {used})", s.name));
        return None;
    };
    let recorded = super::keys::decode_public_key(recorded).map(|k| k.to_bytes());
    if recorded.is_some() && recorded == s.key() {
        return None;
    }
    Some(format!(
        "{}'s signature is made with key {used}, not the key the group records for them ({})",
        s.name,
        recorded.map_or_else(|| "not a key".into(), |k| fingerprint(&k))
    ))
}

/// The checks of what was found.
fn push_checks(
    found: &Findings,
    statuses: &[SignatureStatus],
    team: usize,
    signatures: usize,
    v: &mut Verification,
) {
    v.push(
        "signature",
        if found.broken.is_empty() {
            Outcome::Pass(format!(
                "{} valid over the payload",
                count(signatures, "signature")
            ))
        } else {
            Outcome::Fail(found.broken.join("; "))
        },
    );
    v.push(
        "signers",
        if !found.foreign.is_empty() {
            Outcome::Fail(found.foreign.join("; "))
        } else if !found.unkeyed.is_empty() {
            Outcome::Warning(format!(
                "the expert group records no key for {}: the signature names them, but compare its key with theirs, or name their key as trusted",
                found.unkeyed.join(", ")
            ))
        } else {
            Outcome::Pass(
                "each signature is a member's, with the key the group records for them".into(),
            )
        },
    );
    let members: Vec<&SignatureStatus> = statuses.iter().take(team).collect();
    let signed: Vec<&str> = members
        .iter()
        .filter(|s| s.valid())
        .map(|s| s.name.as_str())
        .collect();
    let waiting: Vec<&str> = members
        .iter()
        .filter(|s| !s.signed())
        .map(|s| s.name.as_str())
        .collect();
    let mut words = format!(
        "signed by {} of {}: {}",
        signed.len(),
        members.len(),
        signed.join(", ")
    );
    if waiting.is_empty() {
        v.push("co-signed", Outcome::Pass(words));
    } else {
        words.push_str(&format!("; not yet: {}", waiting.join(", ")));
        v.push("co-signed", Outcome::Warning(words));
    }
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
