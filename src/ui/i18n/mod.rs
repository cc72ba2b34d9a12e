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

/// A model's name as the Order gives it, in the user's language.
pub fn model_name(model: crate::catalogue::ModelId, lang: Language) -> &'static str {
    match model {
        crate::catalogue::ModelId::Sanitary => T::ModelSanitaryName.get(lang),
        crate::catalogue::ModelId::Full => T::ModelFullName.get(lang),
    }
}

/// Where a self-assessment came from, in the user's language.
pub fn provenance(p: &crate::self_assessment::Provenance, lang: Language) -> String {
    use crate::self_assessment::Provenance as P;
    match (lang, p) {
        (Language::En, p) => p.to_string(),
        (Language::Uk, P::Signed {
            signer,
            fingerprint,
        }) => format!("підписав {signer}, ключ {fingerprint}"),
        (Language::Uk, P::Unsigned) => {
            "НЕ ПІДПИСАНО: ніхто не засвідчує цей файл".to_string()
        }
        (Language::Uk, P::Csv) => {
            "заповнений шаблон CSV (файли CSV не підписуються)".to_string()
        }
        (Language::Uk, P::CsvWindows1251) => {
            "заповнений шаблон CSV у кодуванні Windows-1251, прочитано як такий (файли CSV не підписуються)"
                .to_string()
        }
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
