//! Issue 14 in the window, driven headlessly: a key on a standard marked not applicable
//! saves nothing and says why in Ukrainian; marking a graded standard not applicable
//! clears its grade, and one Ctrl+Z brings both back; the expert, the visit date and the
//! document 13's "not applicable" are corrected on the Centre tab.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use akredit::answers::{Change, Column, Presented};
use akredit::catalogue::{Code, ModelId};
use akredit::inspection::NewInspection;
use akredit::ui::{AkreditApp, Command, Screen, Status, Tab};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod common;

fn code(c: &str) -> Code {
    c.parse().expect("code")
}

fn with_inspection(dir: &Path) -> Harness<'static, AkreditApp> {
    let mut h = common::harness(dir.join("home"));
    h.state_mut().push(Command::Create(
        dir.join("centre.akredit"),
        NewInspection {
            model: ModelId::Full,
            centre_name: "Тестовий центр здоров'я".into(),
            expert: "Експерт".into(),
            visit_date: Some("2026-11-23".into()),
            purpose: Default::default(),
        },
    ));
    h.run();
    assert_eq!(h.state().screen, Screen::Inspection);
    h
}

/// The window on a new centre's own file (`poltava-self.akredit`, sanitary model).
fn centres_own_file(dir: &Path) -> Harness<'static, AkreditApp> {
    let mut h = common::harness(dir.join("home"));
    h.state_mut().push(Command::Create(
        dir.join("poltava-self.akredit"),
        NewInspection {
            model: ModelId::Sanitary,
            centre_name: "Полтавський обласний центр здоров'я".into(),
            expert: String::new(),
            visit_date: None,
            purpose: akredit::inspection::Purpose::SelfAssessment,
        },
    ));
    h.run();
    h
}

fn answer(h: &Harness<'_, AkreditApp>, c: &str) -> akredit::answers::Answer {
    let session = h.state().session.as_ref().expect("session");
    session.inspection.answers().get(&code(c)).clone()
}

#[test]
fn a_grade_key_on_a_not_applicable_standard_saves_nothing_and_says_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = with_inspection(dir.path());
    h.state_mut()
        .push(Command::Apply(vec![Change::NotApplicable {
            code: code("1.1.1.5"),
            reason: Some("Госпрозрахункової діяльності немає".into()),
        }]));
    h.state_mut().push(Command::Focus(code("1.1.1.5")));
    h.run();
    h.event(egui::Event::Text("3".into()));
    h.run();
    assert_eq!(answer(&h, "1.1.1.5").commission, None);
    // The keys know it first and say what to do; the store would refuse it as well.
    assert!(
        matches!(&h.state().status, Status::Info(m)
            if m.contains("1.1.1.5 не застосовується") && m.contains("N")),
        "{:?}",
        h.state().status
    );
    // A grade that reaches the store all the same (a command, not a key) is refused there.
    h.state_mut().push(Command::Apply(vec![Change::Grade {
        code: code("1.1.1.5"),
        column: Column::Commission,
        grade: Some(3),
    }]));
    h.run();
    assert_eq!(answer(&h, "1.1.1.5").commission, None);
    assert!(
        matches!(&h.state().status, Status::Error(m)
            if m.contains("1.1.1.5 позначено як такий, що не застосовується")),
        "{:?}",
        h.state().status
    );
}

#[test]
fn marking_a_graded_standard_not_applicable_clears_it_and_one_undo_restores_both() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = with_inspection(dir.path());
    h.state_mut().push(Command::Apply(vec![
        Change::Grade {
            code: code("1.1.1.5"),
            column: Column::Commission,
            grade: Some(3),
        },
        Change::Grade {
            code: code("1.1.1.5"),
            column: Column::SelfAssessment,
            grade: Some(0),
        },
    ]));
    h.state_mut().push(Command::Focus(code("1.1.1.5")));
    h.run();
    h.key_press(Key::N);
    h.run();
    h.event(egui::Event::Text(
        "Госпрозрахункової діяльності немає".into(),
    ));
    h.key_press(Key::Enter);
    h.run();
    let a = answer(&h, "1.1.1.5");
    assert!(a.is_na(), "{a:?}");
    assert_eq!((a.commission, a.self_grade), (None, None));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let a = answer(&h, "1.1.1.5");
    assert!(!a.is_na(), "{a:?}");
    assert_eq!((a.commission, a.self_grade), (Some(3), Some(0)));
}

#[test]
fn the_centre_tab_corrects_the_expert_and_the_visit_date_and_offers_na_only_for_document_13() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = with_inspection(dir.path());
    h.state_mut().push(Command::SelectTab(Tab::Centre));
    h.run();
    let expert = h.get_by_label("Експерт");
    expert.click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("Іваненко Іван Іванович".into()));
    h.run();
    h.key_press(Key::Tab);
    h.run();
    let session = h.state().session.as_ref().expect("session");
    assert_eq!(session.inspection.meta().expert, "Іваненко Іван Іванович");
    let history = session.inspection.history(None).expect("history");
    let last = history.last().expect("a row");
    assert_eq!(
        last.altered.subject(),
        &akredit::answers::Subject::Inspection
    );
    // A date that is no date is refused in Ukrainian, and the file keeps the old one.
    h.get_by_label("Дата візиту (РРРР-ММ-ДД)").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("2026-02-30".into()));
    h.key_press(Key::Tab);
    h.run();
    assert!(
        matches!(&h.state().status, Status::Error(m) if m.contains("не дата")),
        "{:?}",
        h.state().status
    );
    let session = h.state().session.as_ref().expect("session");
    assert_eq!(
        session.inspection.meta().visit_date.as_deref(),
        Some("2026-11-23")
    );
    // Only document 13 has a "не застосовується" choice.
    assert!(h.query_by_label("13 не застосовується").is_some());
    assert!(h.query_by_label("12 не застосовується").is_none());
    h.get_by_label("13 не застосовується").scroll_to_me();
    h.run();
    h.get_by_label("13 не застосовується").click();
    h.run();
    let session = h.state().session.as_ref().expect("session");
    assert_eq!(
        session.inspection.answers().documents[&13].present,
        Some(Presented::NotApplicable)
    );
}

#[test]
fn what_is_typed_on_the_centre_tab_is_saved_when_the_keyboard_leaves_for_another_tab() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = with_inspection(dir.path());
    h.state_mut().push(Command::SelectTab(Tab::Centre));
    h.run();
    h.get_by_label("Місцезнаходження центру здоров'я").click();
    h.run();
    h.event(egui::Event::Text("м. Полтава".into()));
    h.run();
    // Straight to the next tab by the keyboard: no click takes the field's focus first.
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.run();
    h.run();
    let session = h.state().session.as_ref().expect("session");
    assert_ne!(session.tab, Tab::Centre, "the tab changed");
    assert_eq!(
        session
            .inspection
            .answers()
            .centre
            .get("location")
            .map(String::as_str),
        Some("м. Полтава"),
        "the typed text is saved, not lost"
    );
    // Typing a document's note and closing the inspection with "До початку" saves it too.
    h.state_mut().push(Command::SelectTab(Tab::Centre));
    h.run();
    let cat = akredit::catalogue::Catalogue::builtin().expect("catalogue");
    let doc = cat
        .documents
        .iter()
        .find(|d| d.number == 2)
        .expect("document 2");
    let caption = format!("2. {}", doc.title);
    h.get_by_label(&caption).scroll_to_me();
    h.run();
    h.get_by_label(&caption).click();
    h.run();
    h.event(egui::Event::Text("Статут 2019 р.".into()));
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::Button, "До початку")
        .click();
    h.run();
    let bytes_path = dir.path().join("centre.akredit");
    let again = akredit::inspection::Inspection::open(
        &bytes_path,
        std::sync::Arc::new(cat),
        akredit::inspection::Access::ReadOnly,
    )
    .expect("open");
    assert_eq!(again.answers().documents[&2].note, "Статут 2019 р.");
}

#[test]
fn a_centres_own_file_shows_its_progress_by_its_self_grades_in_the_recent_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = centres_own_file(dir.path());
    h.state_mut().push(Command::Apply(vec![
        Change::Grade {
            code: code("1.1.1.1"),
            column: Column::SelfAssessment,
            grade: Some(3),
        },
        Change::Grade {
            code: code("1.1.3"),
            column: Column::SelfAssessment,
            grade: Some(2),
        },
    ]));
    h.run();
    h.state_mut().push(Command::CloseInspection);
    h.run();
    h.run();
    assert_eq!(h.state().screen, Screen::Start);
    // Its progress, and the model by its name, not its id.
    assert!(
        h.query_by_label_contains("оцінено 2/191").is_some(),
        "{:#?}",
        h.state().recent
    );
    assert!(
        h.query_by_label_contains("poltava-self.akredit · санітарно-освітня · оцінено")
            .is_some()
    );
    assert!(h.query_by_label_contains("· sanitary ·").is_none());
}

#[test]
fn a_centre_saves_its_self_assessment_with_a_pdf_to_print_under_a_plain_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = centres_own_file(dir.path());
    h.state_mut().push(Command::Apply(vec![Change::Grade {
        code: code("1.1.3"),
        column: Column::SelfAssessment,
        grade: Some(2),
    }]));
    h.state_mut().push(Command::OpenExport);
    h.run();
    let dialog = h.state().export.clone().expect("dialog");
    assert!(
        dialog.path.ends_with("poltava.self.json"),
        "{}",
        dialog.path
    );
    assert!(dialog.with_pdf, "the PDF is offered and on");
    h.state_mut().push(Command::RunExport);
    h.run();
    assert!(
        matches!(&h.state().status, Status::Info(m) if m.contains("PDF")),
        "{:?}",
        h.state().status
    );
    assert!(dir.path().join("poltava.self.json").is_file());
    let pdf = std::fs::read(dir.path().join("poltava.self.pdf")).expect("the PDF");
    assert!(pdf.starts_with(b"%PDF"));
}
