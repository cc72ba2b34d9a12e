//! History is the truth: after any sequence of changes, the stored state equals the
//! history replayed from nothing, and reopening the file gives the same state.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use akredit::answers::{Answers, Change, Column, Fact, Presented, fact_off_history};
use akredit::catalogue::{Catalogue, Code, ModelId};
use akredit::inspection::{Access, Inspection, NewInspection};
use proptest::prelude::*;

fn catalogue() -> Arc<Catalogue> {
    Arc::new(Catalogue::builtin().expect("catalogue"))
}

// A handful of standards of each scale, so that sequences revisit the same ones often.
const CODES: &[&str] = &["1.1.1.1", "1.1.3", "1.1.4.7", "1.2.6", "2.2", "2.3.4.5"];
const FIELDS: &[&str] = &["centre_name", "location", "head"];

fn change() -> impl Strategy<Value = Change> {
    let code = (0..CODES.len()).prop_map(|i| CODES[i].parse::<Code>().expect("code"));
    let text = prop_oneof![
        Just(String::new()),
        "[a-zа-яіїєґ' ]{1,12}".prop_map(|s| s.trim().to_string()),
    ];
    prop_oneof![
        (code.clone(), any::<bool>(), prop::option::of(0u8..4)).prop_map(|(code, own, g)| {
            Change::Grade {
                code,
                column: if own {
                    Column::SelfAssessment
                } else {
                    Column::Commission
                },
                grade: g,
            }
        }),
        (code.clone(), prop::option::of("[a-z]{1,8}"))
            .prop_map(|(code, reason)| { Change::NotApplicable { code, reason } }),
        (code.clone(), text.clone()).prop_map(|(code, text)| Change::Note { code, text }),
        ((0..FIELDS.len()), text.clone()).prop_map(|(i, value)| Change::Centre {
            field: FIELDS[i].to_string(),
            value,
        }),
        (
            (1u8..=13),
            prop::option::of(prop_oneof![
                Just(Presented::Yes),
                Just(Presented::No),
                Just(Presented::NotApplicable)
            ])
        )
            .prop_map(|(number, present)| Change::DocumentPresent { number, present }),
        (
            0..Fact::ALL.len(),
            prop_oneof![
                Just(String::new()),
                Just("sanitary".to_string()),
                Just("full".to_string()),
                Just("2026-11-23".to_string()),
                Just("2026-02-30".to_string()),
                "[a-zа-яіїєґ' ]{1,12}".prop_map(|s| s.trim().to_string()),
            ]
        )
            .prop_map(|(i, value)| Change::Fact {
                fact: Fact::ALL[i],
                value,
            }),
        ((1u8..=13), text.clone()).prop_map(|(number, text)| Change::DocumentNote { number, text }),
        (code.clone(), text.clone()).prop_map(|(code, text)| Change::Recommendation { code, text }),
        (
            code.clone(),
            prop::option::of(prop_oneof![
                Just("2027-03-31".to_string()),
                Just("2027-02-30".to_string()),
                Just("31.03.2027".to_string()),
            ])
        )
            .prop_map(|(code, due)| Change::Due { code, due }),
        (code.clone(), text.clone()).prop_map(|(code, name)| Change::Owner { code, name }),
        text.prop_map(|text| Change::Conclusion { text }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn state_equals_history_replayed(batches in prop::collection::vec(prop::collection::vec(change(), 1..4), 1..25)) {
        let cat = catalogue();
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("p.akredit");
        let mut insp = Inspection::create(&file, cat.clone(), &NewInspection {
            model: ModelId::Full,
            centre_name: "Центр".into(),
            expert: String::new(),
            visit_date: None,
            purpose: Default::default(),
        }).expect("create");
        let mut expected = insp.answers().clone();
        let mut model = ModelId::Full;
        for batch in &batches {
            match insp.apply(batch) {
                Ok(_) => {
                    expected.apply_batch(batch).expect("the same batch applies in memory");
                    model = insp.meta().model;
                }
                Err(e) => {
                    let explained = refusal_explained(&cat, model, &expected, batch);
                    prop_assert!(explained, "refused without cause: {}", e);
                }
            }
            prop_assert_eq!(insp.answers(), &expected);
            prop_assert!(
                insp.answers().graded_while_not_applicable().is_empty(),
                "a standard is both not applicable and graded"
            );
        }
        let history = insp.history(None).expect("history");
        prop_assert_eq!(&Answers::replay(history.iter().map(|h| &h.altered)), insp.answers());
        drop(insp);
        let reopened = Inspection::open(&file, cat, Access::ReadOnly).expect("reopen");
        prop_assert_eq!(reopened.answers(), &expected);
        prop_assert!(reopened.problems().is_empty(), "{:?}", reopened.problems());
        prop_assert_eq!(reopened.meta().model, model);
        let facts = fact_off_history(history.iter().map(|h| &h.altered), |f| reopened.meta().fact(f));
        prop_assert_eq!(facts, None);
        // Undoing every change, newest first, returns to the empty inspection.
        let mut undone = reopened.answers().clone();
        for h in history.iter().rev() {
            undone.apply(&h.altered.undo());
        }
        prop_assert_eq!(undone, Answers::default());
    }
}

/// Whether a refused batch breaks a rule, walked change by change as the store does:
/// grades off the scale, N/A without a reason, an emptied centre name, a grade on a
/// standard not applicable at that point, "not applicable" for a document every centre
/// presents, an empty or malformed fact, a standard outside the model, and a change of
/// model that would leave answers behind.
fn refusal_explained(
    cat: &Catalogue,
    mut model: ModelId,
    before: &Answers,
    batch: &[Change],
) -> bool {
    let mut state = before.clone();
    for c in batch {
        let broken = match c {
            Change::Grade {
                code,
                grade: Some(g),
                ..
            } => !cat.standard(code).expect("standard").scale.allows(*g) || state.get(code).is_na(),
            Change::NotApplicable {
                reason: Some(r), ..
            } => r.trim().is_empty(),
            Change::Centre { field, value } => field == "centre_name" && value.trim().is_empty(),
            Change::Due { due: Some(due), .. } => {
                akredit::support::time::check_date(due.trim()).is_err()
            }
            Change::DocumentPresent {
                number,
                present: Some(Presented::NotApplicable),
            } => *number != 13,
            Change::Fact { fact, value } => {
                let value = value.trim();
                match fact {
                    Fact::Expert => value.is_empty(),
                    Fact::VisitDate => akredit::support::time::check_date(value).is_err(),
                    Fact::Model => match value.parse::<ModelId>() {
                        Err(_) => true,
                        Ok(m) => {
                            let drops = state
                                .standards
                                .keys()
                                .any(|code| !cat.standard(code).expect("standard").in_model(m));
                            model = m;
                            drops
                        }
                    },
                }
            }
            _ => false,
        };
        let outside = match c {
            Change::Grade { code, .. }
            | Change::NotApplicable { code, .. }
            | Change::Note { code, .. }
            | Change::Recommendation { code, .. }
            | Change::Due { code, .. }
            | Change::Owner { code, .. } => !cat.standard(code).expect("standard").in_model(model),
            _ => false,
        };
        if broken || outside {
            return true;
        }
        let mut rows = Vec::new();
        state.apply_keeping_rules(c, &mut rows).ok();
    }
    false
}
