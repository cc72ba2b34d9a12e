//! The window's words, in Ukrainian and English: the interface's strings ([`T`]), what
//! the domain's errors say ([`error`]), what is wrong with a damaged file
//! ([`problems`]), and what the keyboard tells the status line ([`keyboard`]).

mod errors;
pub mod keyboard;
mod problems;
mod strings;

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

/// The word of a filter that narrows the list, as the tabs and an empty group's message
/// name it ("з примітками"); `None` for all.
pub fn filter_word(filter: crate::ui::view::Filter) -> Option<T> {
    use crate::ui::view::Filter;
    match filter {
        Filter::All => None,
        Filter::Unscored => Some(T::FilterUnscored),
        Filter::NotApplicable => Some(T::FilterNa),
        Filter::WithNotes => Some(T::FilterNotes),
        Filter::Divergent => Some(T::FilterDivergent),
    }
}
