//! Issue 14, item 10: the window speaks one language at a time. The catalogue's own
//! notes ("Ukrainian. English." in the catalogue file) show only the chosen language's
//! part, and the recent list names the model, not its id.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use akredit::support::settings::Language;
use akredit::ui::{Command, Tab};
use egui_kittest::kittest::Queryable;

mod common;

/// The window on a copy of the fixture inspection (full model, the preset applied).
fn fixture_opened(
    dir: &std::path::Path,
) -> egui_kittest::Harness<'static, akredit::ui::AkreditApp> {
    let file = dir.join("visit.akredit");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/2026-12/inspection.akredit"
        ),
        &file,
    )
    .expect("copy");
    let mut h = common::harness(dir.join("home"));
    h.state_mut().push(Command::Open(file));
    h.run();
    h
}

#[test]
fn a_groups_source_note_shows_only_the_chosen_language() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = fixture_opened(dir.path());
    let cat = common::catalogue();
    let group = cat
        .groups
        .iter()
        .position(|g| g.code.as_str() == "1.4")
        .expect("group 1.4");
    h.state_mut().push(Command::SelectTab(Tab::Group(group)));
    h.run();
    let uk = "Використано назву з Таблиці 1, повнішу.";
    let en = "Table 1's fuller title is used.";
    assert!(
        h.query_by_label_contains(uk).is_some(),
        "the Ukrainian note"
    );
    assert!(
        h.query_by_label_contains(en).is_none(),
        "no English in the Ukrainian window"
    );
    h.state_mut().push(Command::SetLanguage(Language::En));
    h.run();
    assert!(h.query_by_label_contains(en).is_some(), "the English note");
    assert!(
        h.query_by_label_contains(uk).is_none(),
        "no Ukrainian sentence in English"
    );
}

#[test]
fn a_presets_reason_is_shown_without_its_machine_tag() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = fixture_opened(dir.path());
    h.state_mut().push(Command::SelectTab(Tab::Group(0)));
    h.run();
    // 1.1.1.5 was marked by the preset: its stored reason ends in "[no-self-financed]".
    assert!(
        h.query_all_by_label_contains("не проводить діяльність на госпрозрахункових засадах")
            .count()
            > 0
    );
    assert_eq!(
        h.query_all_by_label_contains("[no-self-financed]").count(),
        0
    );
}
