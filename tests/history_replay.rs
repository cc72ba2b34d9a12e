//! History is the truth: after any sequence of changes, the stored state equals the
//! history replayed from nothing, and reopening the file gives the same state.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use akredit::answers::{Answers, Change, Column};
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
        (code, text.clone()).prop_map(|(code, text)| Change::Note { code, text }),
        ((0..FIELDS.len()), text.clone()).prop_map(|(i, value)| Change::Centre {
            field: FIELDS[i].to_string(),
            value,
        }),
        ((1u8..=13), prop::option::of(any::<bool>()))
            .prop_map(|(number, present)| Change::DocumentPresent { number, present }),
        ((1u8..=13), text).prop_map(|(number, text)| Change::DocumentNote { number, text }),
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
        for batch in &batches {
            // Grades off the scale, N/A without a reason and an emptied centre name are
            // refused as a whole batch; the model must agree.
            match insp.apply(batch) {
                Ok(_) => {
                    for c in batch {
                        expected.apply(c);
                    }
                }
                Err(e) => {
                    let explained = batch.iter().any(|c| matches!(c,
                        Change::Grade { code, grade: Some(g), .. }
                            if !cat.standard(code).expect("standard").scale.allows(*g))
                        || matches!(c, Change::NotApplicable { reason: Some(r), .. } if r.trim().is_empty())
                        // The centre's name is required: it is never emptied.
                        || matches!(c, Change::Centre { field, value } if field == "centre_name" && value.trim().is_empty()));
                    prop_assert!(explained, "refused without cause: {}", e);
                }
            }
            prop_assert_eq!(insp.answers(), &expected);
        }
        let history = insp.history(None).expect("history");
        prop_assert_eq!(&Answers::replay(history.iter().map(|h| &h.altered)), insp.answers());
        drop(insp);
        let reopened = Inspection::open(&file, cat, Access::ReadOnly).expect("reopen");
        prop_assert_eq!(reopened.answers(), &expected);
        // Undoing every change, newest first, returns to the empty inspection.
        let mut undone = reopened.answers().clone();
        for h in history.iter().rev() {
            undone.apply(&h.altered.undo());
        }
        prop_assert_eq!(undone, Answers::default());
    }
}
