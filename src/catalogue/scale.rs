//! The Order's grading scales, their grades and letters.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Grade;

/// One of the Order's two grading scales, or neither where the wording is lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scale {
    /// Two grades: Н = 0 (невідповідність), В = 3 (відповідність).
    Two,
    /// Four grades: Н = 0, МВ = 1, НВ = 2, ПВ = 3.
    Four,
    /// The wording is not in the source: any grade 0–3 is accepted.
    Unspecified,
}

impl Scale {
    /// The grades this scale allows, ascending.
    pub fn grades(self) -> &'static [Grade] {
        match self {
            Scale::Two => &[0, 3],
            Scale::Four | Scale::Unspecified => &[0, 1, 2, 3],
        }
    }

    /// The highest grade: 3 on every scale of the Order (В, ПВ).
    pub fn max(self) -> Grade {
        3
    }

    /// Whether `grade` is on this scale.
    pub fn allows(self, grade: Grade) -> bool {
        self.grades().contains(&grade)
    }

    /// The Order's letter for a grade on this scale (Н, МВ, НВ, ПВ, В), if it has one.
    pub fn letter(self, grade: Grade) -> Option<&'static str> {
        match (self, grade) {
            (Scale::Two, 0) => Some("Н"),
            (Scale::Two, 3) => Some("В"),
            (Scale::Four | Scale::Unspecified, 0) => Some("Н"),
            (Scale::Four | Scale::Unspecified, 1) => Some("МВ"),
            (Scale::Four | Scale::Unspecified, 2) => Some("НВ"),
            (Scale::Four | Scale::Unspecified, 3) => Some("ПВ"),
            _ => None,
        }
    }

    /// The Order's letter for a grade, on the Order's two scales only: a standard whose
    /// wording is lost has no letters to show (its grades are plain points).
    pub fn order_letter(self, grade: Grade) -> Option<&'static str> {
        match self {
            Scale::Unspecified => None,
            _ => self.letter(grade),
        }
    }

    /// A grade as shown to the expert: "Н 0", "ПВ 3", or "2" where the scale is unknown.
    pub fn label(self, grade: Grade) -> String {
        match self.order_letter(grade) {
            Some(l) => format!("{l} {grade}"),
            None => grade.to_string(),
        }
    }

    /// The scale's id as used in the catalogue file.
    pub fn id(self) -> &'static str {
        match self {
            Scale::Two => "two",
            Scale::Four => "four",
            Scale::Unspecified => "unspecified",
        }
    }

    /// The allowed grades with their letters, for messages: `0 (Н), 3 (В)`.
    pub fn describe_grades(self) -> String {
        self.grades()
            .iter()
            .map(|&g| match self.letter(g) {
                Some(l) => format!("{g} ({l})"),
                None => g.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Parses a grade typed by the user: a digit or one of the Order's letters.
    ///
    /// Latin look-alikes of the Cyrillic letters (H, B, M) are accepted, since the two
    /// alphabets share keys on Ukrainian keyboards and look identical on paper.
    pub fn parse_grade(self, text: &str) -> Result<Grade, GradeError> {
        let grade = match normalized_letters(text).as_str() {
            "0" => Some(0),
            "1" => Some(1),
            "2" => Some(2),
            "3" => Some(3),
            "Н" => Some(0),
            "МВ" if self != Scale::Two => Some(1),
            "НВ" if self != Scale::Two => Some(2),
            "ПВ" if self != Scale::Two => Some(3),
            "В" if self == Scale::Two => Some(3),
            _ => None,
        };
        match grade {
            Some(g) if self.allows(g) => Ok(g),
            _ => Err(GradeError {
                text: text.to_string(),
                scale: self,
            }),
        }
    }
}

impl Scale {
    /// Whether `typed` begins a letter grade of this scale that needs another key: М and
    /// П (of МВ, ПВ), and Н, which on the four-grade scale may still become НВ (alone it
    /// means 0).
    pub fn begins_letter_grade(self, typed: &str) -> bool {
        self != Scale::Two && matches!(normalized_letters(typed).as_str(), "М" | "П" | "Н")
    }
}

/// Typed letters as the Order writes them: upper-case Cyrillic, with the Latin
/// look-alikes (H, B, M) that share keys on Ukrainian keyboards read as the Cyrillic ones.
fn normalized_letters(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            'H' | 'h' | 'н' => 'Н',
            'B' | 'b' | 'в' => 'В',
            'M' | 'm' | 'м' => 'М',
            'п' => 'П',
            other => other,
        })
        .collect()
}

impl fmt::Display for Scale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Scale::Two => "two-grade",
            Scale::Four => "four-grade",
            Scale::Unspecified => "unspecified",
        })
    }
}

/// A grade the scale does not allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{text:?} is not a grade of the {scale} scale; allowed: {}", scale.describe_grades())]
pub struct GradeError {
    /// What was typed.
    pub text: String,
    /// The standard's scale.
    pub scale: Scale,
}
