//! A standard's code (`1.1.4.11.2`), compared component by component, and a grade.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

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

/// The first `shown` codes, then how many more ("1.1.3, 1.2.1 and 4 more"), for messages.
pub fn list_codes(codes: &[Code], shown: usize) -> String {
    let listed: Vec<&str> = codes.iter().take(shown).map(Code::as_str).collect();
    match codes.len().saturating_sub(shown) {
        0 => listed.join(", "),
        more => format!("{} and {more} more", listed.join(", ")),
    }
}
