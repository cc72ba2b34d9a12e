//! The window's words, in Ukrainian and English: the interface's strings ([`T`]), what
//! the domain's errors say ([`error`]), what is wrong with a damaged file
//! ([`problems`]), what the keyboard tells the status line ([`keyboard`]), and what a
//! verification and the commission's overview say ([`verification`]).

mod errors;
pub mod kep;
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

/// What a piece of evidence is for, after "to" ("1.1.3", "документа 3").
pub fn target_name(target: &crate::answers::Target, lang: Language) -> String {
    match target {
        crate::answers::Target::Standard(code) => code.to_string(),
        crate::answers::Target::Document(n) => format!("{} {n}", T::DocumentTo.get(lang)),
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

/// The word for `n` of something, in the forms `[one, few, many]`: Ukrainian takes one for
/// 1, 21, 31 (not 11), few for 2–4, 22–24 (not 12–14), many otherwise; English one for 1
/// and the plural (its "few" and "many" are the same) otherwise.
pub fn plural(n: usize, forms: [T; 3], lang: Language) -> &'static str {
    let [one, few, many] = forms;
    let form = match lang {
        Language::En if n == 1 => one,
        Language::En => many,
        Language::Uk => {
            let (last, last_two) = (n % 10, n % 100);
            if last == 1 && last_two != 11 {
                one
            } else if (2..=4).contains(&last) && !(12..=14).contains(&last_two) {
                few
            } else {
                many
            }
        }
    };
    form.get(lang)
}

/// What the «Рекомендації» tab counts: "12 рекомендацій; 3 стандарти без рекомендації, з
/// них 1 з оцінкою 0" (`given`: recommendations written; `lacking`: standards listed
/// without one; `zero`: of them, graded 0).
pub fn recommendation_counts(given: usize, lacking: usize, zero: usize, lang: Language) -> String {
    let recs = plural(
        given,
        [T::RecCountOne, T::RecCountFew, T::RecCountMany],
        lang,
    );
    let mut text = format!("{given} {recs}; ");
    if lacking == 0 {
        text.push_str(T::RecNoneLacking.get(lang));
        return text;
    }
    let standards = plural(
        lacking,
        [T::StdCountOne, T::StdCountFew, T::StdCountMany],
        lang,
    );
    text.push_str(&format!(
        "{lacking} {standards} {}",
        T::RecWithout.get(lang)
    ));
    if zero > 0 {
        let of_them = T::RecZeroOfThem.get(lang).replace("{n}", &zero.to_string());
        text.push_str(&format!(", {of_them}"));
    }
    text
}

/// A category of the catalogue (`higher`, `first`, `second`) in one word, in the user's
/// language; the catalogue's own Ukrainian title for any other.
pub fn category_rule_name(rule: &crate::catalogue::CategoryRule, lang: Language) -> String {
    let key = match rule.id.as_str() {
        "higher" => T::CatHigherShort,
        "first" => T::CatFirstShort,
        "second" => T::CatSecondShort,
        _ => return rule.title.clone(),
    };
    key.get(lang).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_the_plural_their_number_asks_for() {
        let uk = Language::Uk;
        assert_eq!(
            recommendation_counts(12, 3, 1, uk),
            "12 рекомендацій; 3 стандарти без рекомендації, з них 1 з оцінкою 0"
        );
        assert_eq!(
            recommendation_counts(1, 11, 0, uk),
            "1 рекомендація; 11 стандартів без рекомендації"
        );
        assert_eq!(
            recommendation_counts(22, 0, 0, uk),
            "22 рекомендації; жоден стандарт не лишився без рекомендації"
        );
        assert_eq!(
            recommendation_counts(1, 2, 2, Language::En),
            "1 recommendation; 2 standards without a recommendation, 2 of them graded 0"
        );
    }
}
