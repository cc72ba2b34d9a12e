//! The window's words, in Ukrainian and English: the interface's strings ([`T`]), what
//! the domain's errors say ([`error`]), what is wrong with a damaged file
//! ([`problems`]), what the keyboard tells the status line ([`keyboard`]), and what a
//! verification and the commission's overview say ([`verification`]).

mod errors;
pub mod keyboard;
mod problems;
mod strings;
pub mod verification;

pub use errors::{Worded, conflict, damaged, error, lacking_uk, missing_fact_uk};
pub use problems::problems;
pub use strings::T;

use crate::support::settings::Language;

/// "застосовних стандартів N · не застосовується M": how many standards count and how many are not applicable, as
/// the result panel and the commission's detail both say it.
pub fn applicable_counts(applicable: usize, not_applicable: usize, lang: Language) -> String {
    format!(
        "{} {applicable} · {} {not_applicable}",
        T::Applicable.get(lang),
        T::NaCount.get(lang)
    )
}

/// A fact a final result lacks, in the user's language.
pub fn missing_fact(fact: &crate::signed::MissingFact, lang: Language) -> String {
    match lang {
        Language::Uk => missing_fact_uk(fact),
        Language::En => fact.to_string(),
    }
}
