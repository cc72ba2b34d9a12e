//! Finding standards by what was typed: the code, the Order's words (title, grading
//! criteria, note) and what the expert wrote (the note, the reason for N/A). Words are
//! compared as [`super::centre_name_key`] compares names: any case, single spaces, and
//! the apostrophes `'`, `’` and `ʼ` alike.

use super::{Answers, centre_name_key};
use crate::catalogue::{Catalogue, Code, Grade, ModelId, Standard};

/// Where a standard matched the search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// Its code begins with what was typed (`1.1.4`).
    Code,
    /// In its title.
    Title,
    /// In the grading criterion of this grade (the first that matched).
    Criterion(Grade),
    /// In the Order's note on it.
    OrderNote,
    /// In the reason it is not applicable.
    NaReason,
    /// In the expert's note.
    Note,
}

/// A standard the search found, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The standard.
    pub code: Code,
    /// Where it matched, in the order of [`Found`]'s variants (empty for an empty search,
    /// which lists every standard).
    pub found: Vec<Found>,
}

/// The standards of `model` matching `query`, in code order.
pub fn search(catalogue: &Catalogue, model: ModelId, answers: &Answers, query: &str) -> Vec<Hit> {
    let query = query.trim();
    let standards = catalogue.model_standards(model);
    if query.is_empty() {
        return standards
            .map(|s| Hit {
                code: s.code.clone(),
                found: Vec::new(),
            })
            .collect();
    }
    let key = centre_name_key(query);
    standards
        .filter_map(|s| {
            let found = found_in(s, answers, query, &key);
            (!found.is_empty()).then(|| Hit {
                code: s.code.clone(),
                found,
            })
        })
        .collect()
}

/// Where `standard` holds the query (`key`: the query as compared).
fn found_in(standard: &Standard, answers: &Answers, query: &str, key: &str) -> Vec<Found> {
    let holds = |text: &str| centre_name_key(text).contains(key);
    let answer = answers.get(&standard.code);
    let criterion = standard
        .criteria
        .iter()
        .find(|(_, text)| holds(text))
        .map(|(&grade, _)| Found::Criterion(grade));
    [
        standard
            .code
            .as_str()
            .starts_with(query)
            .then_some(Found::Code),
        standard
            .title
            .as_deref()
            .is_some_and(holds)
            .then_some(Found::Title),
        criterion,
        standard
            .note
            .as_deref()
            .is_some_and(holds)
            .then_some(Found::OrderNote),
        answer
            .na_reason
            .as_deref()
            .is_some_and(holds)
            .then_some(Found::NaReason),
        holds(&answer.note).then_some(Found::Note),
    ]
    .into_iter()
    .flatten()
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Change;

    fn c(s: &str) -> Code {
        s.parse().expect("code")
    }

    #[test]
    fn finds_words_in_notes_reasons_and_criteria_any_case_any_apostrophe() {
        let cat = Catalogue::builtin().expect("catalogue");
        let mut answers = Answers::default();
        for change in [
            Change::Note {
                code: c("1.1.1.1"),
                text: "Журнал ОБЛІКУ в кабінеті здоров’я".into(),
            },
            Change::NotApplicable {
                code: c("1.1.1.2"),
                reason: Some("Немає лабораторії".into()),
            },
        ] {
            assert!(answers.apply(&change).is_some());
        }
        let codes = |q: &str| -> Vec<(String, Vec<Found>)> {
            search(&cat, ModelId::Full, &answers, q)
                .into_iter()
                .map(|h| (h.code.to_string(), h.found))
                .collect()
        };
        assert_eq!(
            codes("журнал обліку"),
            vec![("1.1.1.1".to_string(), vec![Found::Note])]
        );
        // ' for ’, any case, more spaces.
        assert_eq!(codes("кабінеті  ЗДОРОВ'Я").len(), 1);
        assert_eq!(
            codes("лабораторії")
                .iter()
                .filter(|(_, f)| f.contains(&Found::NaReason))
                .count(),
            1
        );
        // A word of a criterion only (not of any title).
        let st = cat
            .model_standards(ModelId::Full)
            .find(|s| !s.criteria.is_empty())
            .expect("a standard with criteria");
        let (grade, text) = st.criteria.iter().next().expect("criterion");
        let hits = search(&cat, ModelId::Full, &answers, text);
        let hit = hits.iter().find(|h| h.code == st.code).expect("found");
        assert!(hit.found.contains(&Found::Criterion(*grade)), "{hit:?}");
        // Codes and titles as before; an empty search lists all.
        assert_eq!(codes("1.1.4.11").len(), 6);
        assert!(codes("1.1.1.")[0].1.contains(&Found::Code));
        assert!(
            codes("СТАТУТ")
                .iter()
                .any(|(c, f)| c == "1.1.1.2" && f.contains(&Found::Title))
        );
        assert_eq!(codes(" ").len(), 235);
        assert!(search(&cat, ModelId::Sanitary, &answers, "1.8").is_empty());
    }
}
