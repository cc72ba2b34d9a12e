//! The window's search, filters, status line and remembered defaults (issue 14, items 8,
//! 11 and 12), driven headlessly as a user would drive it.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use akredit::catalogue::ModelId;
use akredit::inspection::NewInspection;
use akredit::support::home::Home;
use akredit::ui::{AkreditApp, Command, Screen, Status};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod common;
use common::catalogue;

/// The window, headless, `width` wide, its data folder in `dir/home`.
fn harness_sized(dir: &Path, width: f32) -> Harness<'static, AkreditApp> {
    let app = AkreditApp::new(
        catalogue(),
        Some(Home::at(dir.join("home"))),
        Box::new(common::NoDialogs),
    );
    Harness::builder()
        .with_size(egui::vec2(width, 900.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut AkreditApp| app.show(ui), app)
}

fn new_inspection() -> NewInspection {
    NewInspection {
        model: ModelId::Full,
        centre_name: "Полтавський обласний центр здоров'я".into(),
        expert: "Іваненко І. І.".into(),
        visit_date: Some("2026-11-23".into()),
        purpose: Default::default(),
    }
}

/// A harness with a new full-model inspection open.
fn with_inspection(dir: &Path, width: f32) -> (Harness<'static, AkreditApp>, PathBuf) {
    let mut h = harness_sized(dir, width);
    let file = dir.join("centre.akredit");
    h.state_mut()
        .push(Command::Create(file.clone(), new_inspection()));
    h.run();
    assert_eq!(
        h.state().screen,
        Screen::Inspection,
        "{:?}",
        h.state().status
    );
    (h, file)
}

// Item 11: the status line.

#[test]
fn a_refusal_on_the_start_screen_does_not_stay_once_a_file_is_opened() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_sized(dir.path(), 1400.0);
    let good = dir.path().join("good.akredit");
    drop(akredit::inspection::Inspection::create(&good, catalogue(), &new_inspection()).unwrap());

    h.state_mut()
        .push(Command::Open(dir.path().join("missing.akredit")));
    h.run();
    assert!(matches!(h.state().status, Status::Error(_)));
    h.state_mut().push(Command::Open(good));
    h.run();
    assert_eq!(h.state().screen, Screen::Inspection);
    assert_eq!(h.state().status, Status::Idle, "the old error is gone");
    assert!(
        h.query_by_label("кожна зміна зберігається одразу")
            .is_some()
    );

    // Switching screens clears a message too.
    h.state_mut().status = Status::Error("стара помилка".into());
    h.state_mut().push(Command::ShowScreen(Screen::Settings));
    h.run();
    assert_eq!(h.state().status, Status::Idle);
}

#[test]
fn a_long_message_is_cut_before_the_key_hint_and_shown_whole_on_hover() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = with_inspection(dir.path(), 900.0);
    let long = format!(
        "Результат підписано й записано: {} — SHA-256 {}",
        dir.path()
            .join("дуже довга назва теки")
            .join("ще довша назва файла результату.result.json")
            .display(),
        "0123456789abcdef".repeat(4)
    );
    h.state_mut().status = Status::Info(long.clone());
    h.run();
    let hint = h.get_by_label("F1 — клавіші").rect();
    let column = h
        .get_by_label_contains("Клавіші ставлять оцінку в колонку")
        .rect();
    let message = h.get_by_label_contains("Результат підписано").rect();
    assert!(
        message.right() <= column.left() + 0.5 && column.right() <= hint.left() + 0.5,
        "message {message:?}, key column {column:?}, hint {hint:?}"
    );
    assert!(
        hint.right() <= 900.0 + 0.5,
        "the hint is in the window: {hint:?}"
    );
    // Whole on hover: a tooltip with the text comes up.
    let shown = |h: &Harness<'_, AkreditApp>| {
        h.query_all_by_label_contains("ще довша назва файла результату")
            .count()
    };
    let before = shown(&h);
    h.get_by_label_contains("Результат підписано").hover();
    h.run();
    assert!(shown(&h) > before, "a tooltip shows the whole message");
}
