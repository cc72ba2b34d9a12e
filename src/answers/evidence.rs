//! Evidence: a photo or a scan attached to a standard or to one of the 13 documents, as
//! the answers hold it — its record (what file, its SHA-256, when attached, when taken)
//! and its caption, by its number. The bytes live in the inspection file, by their hash
//! ([`crate::inspection`]); a record is what a history row of it stores.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::catalogue::Code;

/// What an attachment is evidence for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// A standard.
    Standard(Code),
    /// One of the 13 mandatory documents of the application, by number.
    Document(u8),
}

impl Target {
    /// Reads `1.1.1.6` or `doc:3`.
    pub fn parse(text: &str) -> Option<Target> {
        let text = text.trim();
        match text.strip_prefix("doc:") {
            Some(n) => n.parse().ok().map(Target::Document),
            None => text.parse().ok().map(Target::Standard),
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Standard(code) => write!(f, "{code}"),
            Target::Document(n) => write!(f, "doc:{n}"),
        }
    }
}

/// An attached file's record: what it is evidence for and what file it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// The standard or document.
    pub target: Target,
    /// SHA-256 of the bytes kept, hexadecimal (lower case).
    pub sha256: String,
    /// The file's name as attached (no folder).
    pub name: String,
    /// Its media type (`image/jpeg`, `application/pdf`, …), read from its bytes.
    pub media_type: String,
    /// Its size in bytes.
    pub size: u64,
    /// When a photo was taken, as its EXIF says (`YYYY-MM-DD HH:MM:SS`, the camera's
    /// clock); `None` when it does not say.
    pub taken_at: Option<String>,
    /// When it was attached (UTC, RFC 3339).
    pub attached_at: String,
    /// The photo as given, when it was made smaller on attach: the bytes kept (above)
    /// are the smaller copy, and this names the original the expert keeps elsewhere.
    pub original: Option<Original>,
}

/// The original of a photo made smaller on attach: its SHA-256 proves which file it
/// was, its size in pixels and bytes says how much smaller the kept copy is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Original {
    /// Its height in pixels (upright, as its EXIF turns it).
    pub height: u32,
    /// Its media type.
    pub media_type: String,
    /// SHA-256 of its bytes, hexadecimal (lower case).
    pub sha256: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its width in pixels (upright).
    pub width: u32,
}

impl Original {
    /// Whether its values are ones akredit writes (a SHA-256 in hex, a type, a size).
    fn is_sound(&self) -> bool {
        is_sha256_hex(&self.sha256)
            && !self.media_type.is_empty()
            && self.size > 0
            && self.width > 0
            && self.height > 0
    }
}

/// Whether `text` is a SHA-256 as akredit writes it: 64 lower-case hexadecimal digits.
fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The record as a history row stores it: JSON with its fields in a fixed order.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stored {
    target: String,
    sha256: String,
    name: String,
    media_type: String,
    size: u64,
    taken_at: Option<String>,
    attached_at: String,
    /// Absent in records of files kept as given (and in every record before it existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    original: Option<Original>,
}

impl Attachment {
    /// The record as a history row stores it.
    pub fn stored(&self) -> String {
        let stored = Stored {
            target: self.target.to_string(),
            sha256: self.sha256.clone(),
            name: self.name.clone(),
            media_type: self.media_type.clone(),
            size: self.size,
            taken_at: self.taken_at.clone(),
            attached_at: self.attached_at.clone(),
            original: self.original.clone(),
        };
        // A struct of strings and numbers always serialises.
        serde_json::to_string(&stored).unwrap_or_default()
    }

    /// A stored record; `None` when it is not one (a hand-edited history row).
    pub fn parse(text: &str) -> Option<Attachment> {
        let s: Stored = serde_json::from_str(text).ok()?;
        if !is_sha256_hex(&s.sha256) || s.name.trim().is_empty() || s.media_type.is_empty() {
            return None;
        }
        if s.original.as_ref().is_some_and(|o| !o.is_sound()) {
            return None;
        }
        Some(Attachment {
            target: Target::parse(&s.target)?,
            sha256: s.sha256,
            name: s.name,
            media_type: s.media_type,
            size: s.size,
            taken_at: s.taken_at,
            attached_at: s.attached_at,
            original: s.original,
        })
    }
}

/// One piece of evidence: its record and the caption the expert gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// What file, for what.
    pub attachment: Attachment,
    /// The expert's caption (empty: none).
    pub caption: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_as_it_was_stored() {
        let a = Attachment {
            target: Target::Document(3),
            sha256: "ab".repeat(32),
            name: "ліцензія.jpg".into(),
            media_type: "image/jpeg".into(),
            size: 12,
            taken_at: Some("2026-11-23 10:15:00".into()),
            attached_at: "2026-11-23T10:16:00.000Z".into(),
            original: None,
        };
        assert_eq!(Attachment::parse(&a.stored()), Some(a.clone()));
        // A record without an original stores no such field: as every record before it.
        assert!(!a.stored().contains("original"));
        let reduced = Attachment {
            original: Some(Original {
                height: 3024,
                media_type: "image/jpeg".into(),
                sha256: "cd".repeat(32),
                size: 2_460_000,
                width: 4032,
            }),
            ..a.clone()
        };
        assert_eq!(Attachment::parse(&reduced.stored()), Some(reduced.clone()));
        assert!(Attachment::parse(&reduced.stored().replace("cdcd", "zzzz")).is_none());
        assert_eq!(
            Target::parse("1.1.1.6").map(|t| t.to_string()).as_deref(),
            Some("1.1.1.6")
        );
        assert_eq!(Target::parse("doc:13"), Some(Target::Document(13)));
        assert!(Attachment::parse(&a.stored().replace("ab", "zz")).is_none());
        assert!(Attachment::parse("{}").is_none());
    }
}
