//! The expert group of an inspection: its members, each with a role, a position, the key
//! they sign with and the groups of standards they are assigned; and the rule that keeps
//! one head at most.
//!
//! A member is altered only through [`super::Change`]s like any answer, so the team is in
//! the history and replays with it.

use std::fmt;

use serde::Serialize;

use crate::catalogue::Code;

/// A member's role in the expert group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// «Керівник експертної групи»: merges the parts and signs the result first.
    Head,
    /// An expert of the group.
    Expert,
}

impl Role {
    /// The role as history rows, the file and the command line write it.
    pub fn id(self) -> &'static str {
        match self {
            Role::Head => "head",
            Role::Expert => "expert",
        }
    }

    /// The role written as `head` or `expert`.
    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "head" => Some(Role::Head),
            "expert" => Some(Role::Expert),
            _ => None,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The last signed part of a member merged into the inspection: which one (its SHA-256)
/// and when its expert exported it, so that the same part merged again changes nothing
/// and an older one is told from a newer one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct MergedPart {
    /// When the expert exported it (UTC, RFC 3339).
    pub exported_at: String,
    /// SHA-256 of its canonical payload.
    pub sha256: String,
}

impl MergedPart {
    /// As history rows and the file write it: the time, a space, the hash.
    pub fn stored(&self) -> String {
        format!("{} {}", self.exported_at, self.sha256)
    }

    /// A merged part written as [`MergedPart::stored`] does.
    pub fn parse(text: &str) -> Option<MergedPart> {
        let (at, sha) = text.split_once(' ')?;
        let hex = sha.len() == 64 && sha.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        (hex && !at.is_empty() && !at.contains(' ')).then(|| MergedPart {
            exported_at: at.to_string(),
            sha256: sha.to_string(),
        })
    }
}

/// One member of the expert group (the name is the team's key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    /// Head or expert.
    pub role: Role,
    /// Their position (may be empty).
    pub position: String,
    /// The Ed25519 public key they sign parts and results with, base64 (none yet: their
    /// parts cannot be merged and their signature cannot be checked until it is given).
    pub key: Option<String>,
    /// The groups of standards assigned to them, in the catalogue's order.
    pub groups: Vec<Code>,
    /// The last of their parts merged here.
    pub part: Option<MergedPart>,
}

impl Member {
    /// A member with a role and nothing else recorded.
    pub fn new(role: Role) -> Member {
        Member {
            role,
            position: String::new(),
            key: None,
            groups: Vec::new(),
            part: None,
        }
    }

    /// Whether `code` (a standard's) lies in one of the groups assigned to them.
    pub fn is_assigned(&self, code: &Code) -> bool {
        self.groups.iter().any(|g| code.starts_with(g))
    }
}

/// Groups as history rows and the file write them: codes joined by commas.
pub fn groups_stored(groups: &[Code]) -> Option<String> {
    (!groups.is_empty()).then(|| {
        groups
            .iter()
            .map(Code::as_str)
            .collect::<Vec<_>>()
            .join(",")
    })
}

/// Groups written as [`groups_stored`] does; `None` when one of them is not a code.
pub fn groups_parse(text: &str) -> Option<Vec<Code>> {
    if text.trim().is_empty() {
        return Some(Vec::new());
    }
    text.split(',').map(|c| c.trim().parse().ok()).collect()
}

/// Whether `text` is a base64 Ed25519 public key (32 bytes that are a point of the curve).
pub fn is_public_key(text: &str) -> bool {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .is_some_and(|b| ed25519_dalek::VerifyingKey::from_bytes(&b).is_ok())
}
