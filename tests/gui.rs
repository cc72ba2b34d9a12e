//! The window, driven headlessly as a user would drive it: typing, clicking by label and
//! role, pressing keys, and reading the state and the file back.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use akredit::answers::Column;
use akredit::catalogue::{Code, ModelId};
use akredit::inspection::{Access, Inspection, NewInspection};
use akredit::scoring;
use akredit::support::home::Home;
use akredit::support::settings::{Language, Settings};
use akredit::ui::{AkreditApp, Command, Screen, Status};
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

mod common;
use common::catalogue;

fn harness(dir: &Path) -> Harness<'static, AkreditApp> {
    common::harness(dir.join("home"))
}

fn code(s: &str) -> Code {
    s.parse().expect("code")
}

/// A harness with a new full-model inspection open.
fn with_inspection(dir: &Path) -> (Harness<'static, AkreditApp>, PathBuf) {
    let mut h = harness(dir);
    let file = dir.join("centre.akredit");
    h.state_mut().push(Command::Create(
        file.clone(),
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
    (h, file)
}

fn grade_of(h: &Harness<'_, AkreditApp>, c: &str, column: Column) -> Option<u8> {
    let session = h.state().session.as_ref().expect("session");
    session.inspection.answers().get(&code(c)).grade(column)
}

fn text(t: &str) -> Event {
    Event::Text(t.into())
}

#[test]
fn create_from_the_start_screen_then_click_a_grade_and_see_the_result() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(dir.path());
    let file = dir.path().join("new.akredit");
    h.state_mut().form.path = file.display().to_string();

    h.get_by_label("Назва центру здоров'я").click();
    h.run();
    h.get_by_label("Назва центру здоров'я")
        .type_text("Полтавський ОЦЗ");
    h.run();
    h.get_by_role_and_label(
        Role::RadioButton,
        "санітарно-освітня: лише санітарно-освітня робота — 191 стандарт, до 573 балів",
    )
    .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Створити").click();
    h.run();

    assert_eq!(
        h.state().screen,
        Screen::Inspection,
        "{:?}",
        h.state().status
    );
    assert!(file.exists());
    let session = h.state().session.as_ref().expect("session");
    assert_eq!(session.model(), ModelId::Sanitary);
    assert_eq!(
        session.inspection.answers().centre["centre_name"],
        "Полтавський ОЦЗ"
    );
    assert_eq!(
        h.query_all_by_label_contains("0 / 573").count(),
        2,
        "the result panel shows 0 / 573 for the commission and the self-assessment"
    );

    h.get_by_role_and_label(Role::Button, "1.1.1.1 Комісія: В 3")
        .click();
    h.run();
    assert_eq!(grade_of(&h, "1.1.1.1", Column::Commission), Some(3));
    assert!(
        h.query_by_label_contains("3 / 573 ").is_some(),
        "the result panel follows"
    );
    assert!(matches!(h.state().status, Status::Saved(_)));
    // The window's figures are the command line's figures.
    let back = Inspection::open(&file, catalogue(), Access::ReadOnly).expect("file");
    let t = scoring::totals(&catalogue(), ModelId::Sanitary, back.answers());
    assert_eq!(t.commission.points, 3);
    assert_eq!(&t, &h.state().session.as_ref().expect("session").totals);
}

#[test]
fn a_refused_creation_says_why_and_stays_on_the_start_screen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(dir.path());
    let existing = dir.path().join("taken.akredit");
    std::fs::write(&existing, b"something").expect("write");
    h.state_mut().form.path = existing.display().to_string();
    h.state_mut().form.centre = "Центр".into();
    h.get_by_role_and_label(Role::Button, "Створити").click();
    h.run();
    assert_eq!(h.state().screen, Screen::Start);
    assert!(matches!(&h.state().status, Status::Error(e) if e.contains("тут уже є файл")));
    assert_eq!(std::fs::read(&existing).expect("read"), b"something");
}

#[test]
fn grade_with_the_keyboard_across_groups_and_undo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, file) = with_inspection(dir.path());
    // The first standard is focused: digits grade it.
    h.event(text("3"));
    h.run();
    assert_eq!(grade_of(&h, "1.1.1.1", Column::Commission), Some(3));
    // Down, then the Order's letter В (3 on a two-grade scale).
    h.key_press(Key::ArrowDown);
    h.run();
    h.event(text("в"));
    h.run();
    assert_eq!(grade_of(&h, "1.1.1.2", Column::Commission), Some(3));
    // J moves down too; 1.1.1.3 → 0 with Н.
    h.key_press(Key::J);
    h.run();
    h.event(text("н"));
    h.run();
    assert_eq!(grade_of(&h, "1.1.1.3", Column::Commission), Some(0));
    // 1.1.3 is four-grade: Н then В is НВ = 2.
    h.state_mut().push(Command::Focus(code("1.1.3")));
    h.run();
    h.event(text("н"));
    h.event(text("в"));
    h.run();
    assert_eq!(grade_of(&h, "1.1.3", Column::Commission), Some(2));
    // A grade outside the scale does nothing.
    h.state_mut().push(Command::Focus(code("1.1.2")));
    h.run();
    h.event(text("1"));
    h.run();
    assert_eq!(grade_of(&h, "1.1.2", Column::Commission), None);
    // S switches the keys to the self-assessment column.
    h.key_press(Key::S);
    h.run();
    h.event(text("3"));
    h.run();
    assert_eq!(grade_of(&h, "1.1.2", Column::SelfAssessment), Some(3));
    assert_eq!(grade_of(&h, "1.1.2", Column::Commission), None);
    // Crossing the end of a group moves to the next group's tab.
    h.state_mut().push(Command::Focus(code("1.1.9")));
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    let s = h.state().session.as_ref().expect("session");
    assert_eq!(s.focused, Some(code("1.2.1")));
    assert_eq!(s.tab, akredit::ui::Tab::Group(1));
    // Ctrl+Z undoes the last change, as a new history row.
    let rows_before = s.inspection.history(None).expect("history").len();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(grade_of(&h, "1.1.2", Column::SelfAssessment), None);
    let s = h.state().session.as_ref().expect("session");
    assert_eq!(
        s.inspection.history(None).expect("history").len(),
        rows_before + 1
    );
    // Everything is in the file.
    drop(h);
    let back = Inspection::open(&file, catalogue(), Access::ReadOnly).expect("reopen");
    assert_eq!(back.answers().get(&code("1.1.3")).commission, Some(2));
    assert_eq!(back.answers().get(&code("1.1.2")).self_grade, None);
}

#[test]
fn n_asks_for_a_reason_and_na_lowers_the_maximum() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _) = with_inspection(dir.path());
    h.key_press(Key::N);
    h.run();
    // The reason field has the focus: typing goes into it, not into grades.
    h.event(text("3"));
    h.run();
    assert_eq!(grade_of(&h, "1.1.1.1", Column::Commission), None);
    h.event(text(" — рішення про заснування не вимагається"));
    h.key_press(Key::Enter);
    h.run();
    let s = h.state().session.as_ref().expect("session");
    let a = s.inspection.answers().get(&code("1.1.1.1"));
    assert_eq!(
        a.na_reason.as_deref(),
        Some("3 — рішення про заснування не вимагається")
    );
    assert_eq!((s.totals.applicable, s.totals.max_points), (234, 702));
    assert_eq!(h.query_all_by_label_contains("0 / 702").count(), 2);
    // An empty reason is not accepted.
    h.state_mut().push(Command::Focus(code("1.1.1.2")));
    h.run();
    h.key_press(Key::N);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let s = h.state().session.as_ref().expect("session");
    assert!(!s.inspection.answers().get(&code("1.1.1.2")).is_na());
    assert!(matches!(&h.state().status, Status::Info(m) if m.contains("причину")));
    // N on an N/A standard makes it applicable again.
    h.key_press(Key::Escape);
    h.run();
    h.state_mut().push(Command::Focus(code("1.1.1.1")));
    h.run();
    h.key_press(Key::N);
    h.run();
    assert_eq!(
        h.state()
            .session
            .as_ref()
            .expect("session")
            .totals
            .max_points,
        705
    );
}

#[test]
fn the_preset_switch_drops_its_standards_on_the_centre_tab() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _) = with_inspection(dir.path());
    h.get_by_role_and_label(Role::Tab, "Центр").click();
    h.run();
    h.get_by_role_and_label(
        Role::CheckBox,
        "Центр здоров'я не проводить діяльність на госпрозрахункових засадах",
    )
    .click();
    h.run();
    let s = h.state().session.as_ref().expect("session");
    assert_eq!(s.totals.not_applicable, 6);
    assert_eq!(s.totals.max_points, 705 - 18);
    for c in [
        "1.1.1.5", "1.1.1.6", "1.5.3", "1.6.4.9", "1.6.4.10", "1.6.4.12",
    ] {
        assert!(s.inspection.answers().get(&code(c)).is_na(), "{c}");
    }
    // A document check and an application field, saved when the field loses focus.
    h.get_by_role_and_label(Role::Button, "2 є")
        .click_accesskit();
    h.run();
    let s = h.state().session.as_ref().expect("session");
    assert_eq!(
        s.inspection.answers().documents[&2].present,
        Some(akredit::answers::Presented::Yes)
    );
}

#[test]
fn the_divergence_filter_shows_only_where_the_centre_judged_itself_differently() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _) = with_inspection(dir.path());
    h.get_by_role_and_label(Role::Button, "1.1.1.1 Комісія: В 3")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "1.1.1.1 Самооцінка: Н 0")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "1.1.1.2 Комісія: В 3")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "1.1.1.2 Самооцінка: В 3")
        .click();
    h.run();
    assert!(h.query_by_label("1.1.1.3 Комісія: В 3").is_some());
    // The filter says how many it shows across the groups.
    h.get_by_label("розбіжності (1)").click();
    h.run();
    assert!(h.query_by_label("1.1.1.1 Комісія: В 3").is_some());
    assert!(
        h.query_by_label("1.1.1.2 Комісія: В 3").is_none(),
        "agreeing standards are hidden"
    );
    assert!(
        h.query_by_label("1.1.1.3 Комісія: В 3").is_none(),
        "ungraded standards are hidden"
    );
    assert!(
        h.query_by_label_contains("розбіжностей із самооцінкою: 1")
            .is_some()
    );
}

#[test]
fn the_language_switch_is_immediate_and_remembered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _) = with_inspection(dir.path());
    assert!(h.query_by_label("1.1.1.1 Комісія: В 3").is_some());
    h.get_by_role_and_label(Role::Button, "English").click();
    h.run();
    assert!(
        h.query_by_label("1.1.1.1 Commission: В 3").is_some(),
        "grades keep the Order's letters"
    );
    assert!(h.query_by_label("Українська").is_some());
    let saved = Settings::load(&Home::at(dir.path().join("home")));
    assert_eq!(saved.language, Language::En);
    // A new window starts in English.
    let h2 = harness(dir.path());
    assert!(h2.query_by_label("New inspection").is_some());
}

#[test]
fn search_jumps_to_the_standard_and_help_lists_the_keys() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _) = with_inspection(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.event(text("штатного розкладу"));
    h.run();
    let hits: Vec<_> = h.query_all_by_label_contains("Комісія: Н 0").collect();
    assert_eq!(hits.len(), 1, "only 1.6.4.5 speaks of the staff schedule");
    assert!(h.query_by_label("1.6.4.5 Комісія: Н 0").is_some());
    h.key_press(Key::Enter);
    h.run();
    let s = h.state().session.as_ref().expect("session");
    assert!(s.search.is_none());
    assert_eq!(s.focused, Some(code("1.6.4.5")));
    assert_eq!(s.tab, akredit::ui::Tab::Group(5));

    h.key_press(Key::F1);
    h.run();
    assert!(h.query_by_label_contains("Ctrl+Z").is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label_contains("Ctrl+Z").is_none());
}

#[test]
fn close_and_reopen_from_the_recent_list_brings_every_value_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, file) = with_inspection(dir.path());
    h.get_by_role_and_label(Role::Button, "1.1.3 Комісія: НВ 2")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "1.1.3 Самооцінка: ПВ 3")
        .click();
    h.run();
    h.state_mut().push(Command::EditNote(code("1.1.3")));
    h.run();
    h.event(text("Атестація 2024"));
    h.key_press(Key::Enter);
    h.run();
    let before = h.state().session.as_ref().expect("session").totals.clone();
    h.get_by_role_and_label(Role::Button, "До початку").click();
    h.run();
    assert!(h.state().session.is_none());
    // The recent list shows the centre with its progress, and opens it.
    assert!(h.query_by_label_contains("оцінено 1/235").is_some());
    h.get_by_label("Тестовий центр здоров'я").click();
    h.run();
    let s = h.state().session.as_ref().expect("reopened");
    assert_eq!(s.inspection.path(), file.canonicalize().expect("path"));
    let a = s.inspection.answers().get(&code("1.1.3"));
    assert_eq!(
        (a.commission, a.self_grade, a.note.as_str()),
        (Some(2), Some(3), "Атестація 2024")
    );
    assert_eq!(s.totals, before);
}

#[test]
fn a_missing_recent_file_is_shown_as_missing_not_as_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let home = Home::at(dir.path().join("home"));
    let mut settings = Settings::default();
    settings.recent.push(dir.path().join("gone.akredit"));
    settings.save(&home).expect("save");
    let h = harness(dir.path());
    assert!(h.query_by_label_contains("файл відсутній").is_some());
    assert_eq!(h.state().status, Status::Idle);
}

#[test]
fn a_failed_write_is_shown_and_loses_nothing_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inner = dir.path().join("usb");
    std::fs::create_dir(&inner).expect("mkdir");
    let (mut h, file) = with_inspection(&inner);
    h.get_by_role_and_label(Role::Button, "1.1.1.1 Комісія: В 3")
        .click();
    h.run();
    // The stick is pulled out: the folder is gone.
    #[cfg(not(windows))]
    {
        let _ = &file;
        std::fs::remove_dir_all(&inner).expect("remove");
    }
    // Windows removes no file that is open ("sharing violation"); there another program
    // holding the file exclusively fails the write as surely (after SQLite's wait).
    #[cfg(windows)]
    let _holder = {
        let other = rusqlite::Connection::open(&file).expect("another program");
        other.execute_batch("BEGIN EXCLUSIVE").expect("exclusive");
        other
    };
    h.get_by_role_and_label(Role::Button, "1.1.1.2 Комісія: В 3")
        .click();
    h.run();
    assert!(
        matches!(&h.state().status, Status::Error(e) if e.contains("НЕ ЗБЕРЕЖЕНО")),
        "{:?}",
        h.state().status
    );
    assert_eq!(
        grade_of(&h, "1.1.1.2", Column::Commission),
        None,
        "not shown as saved"
    );
    assert_eq!(
        grade_of(&h, "1.1.1.1", Column::Commission),
        Some(3),
        "nothing else is lost"
    );
}

#[test]
fn the_window_is_idle_when_nothing_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _) = with_inspection(dir.path());
    h.get_by_role_and_label(Role::Button, "1.1.1.1 Комісія: В 3")
        .click();
    h.run();
    // No repaint loop: one more pass settles at once.
    assert_eq!(h.run(), 1, "the window keeps repainting with nothing to do");
}

#[test]
fn ctrl_page_down_walks_the_tabs_and_text_size_is_remembered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _) = with_inspection(dir.path());
    assert_eq!(
        h.state().session.as_ref().expect("session").tab,
        akredit::ui::Tab::Group(0)
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.run();
    assert_eq!(
        h.state().session.as_ref().expect("session").tab,
        akredit::ui::Tab::Group(1)
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    h.run();
    assert_eq!(
        h.state().session.as_ref().expect("session").tab,
        akredit::ui::Tab::Centre
    );

    h.get_by_role_and_label(Role::Button, "Налаштування")
        .click();
    h.run();
    h.get_by_role_and_label(Role::RadioButton, "175 %").click();
    h.run();
    assert_eq!(h.ctx.zoom_factor(), 1.75);
    let saved = Settings::load(&Home::at(dir.path().join("home")));
    assert_eq!(saved.text_percent, 175);
    // The settings page names the catalogue by its hash.
    let sha = catalogue().sha256.clone();
    assert!(h.query_by_label_contains(&sha).is_some());
}

#[test]
fn export_from_the_window_lists_what_is_missing_then_signs_a_verifiable_result() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, file) = with_inspection(dir.path());
    // Incomplete: Ctrl+E lists what is missing, with links that jump there.
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    assert!(h.query_by_label_contains("Ще не оцінено").is_some());
    h.get_by_label("1.2.6").click();
    h.run();
    assert!(h.state().export.is_none(), "the link closes the dialog");
    assert_eq!(
        h.state().session.as_ref().expect("session").focused,
        Some(code("1.2.6"))
    );
    // Grade everything, then export with a new key and the PDF beside it.
    let cat = catalogue();
    let changes = cat
        .model_standards(ModelId::Full)
        .map(|s| akredit::answers::Change::Grade {
            code: s.code.clone(),
            column: Column::Commission,
            grade: Some(*s.scale.grades().last().expect("grade")),
        })
        .collect();
    h.state_mut().push(Command::Apply(changes));
    h.run();
    // Graded, but the application form and the documents are not recorded: still not
    // final, and the button says why it cannot be pressed.
    h.get_by_role_and_label(Role::Button, "Експорт (Ctrl+E)")
        .click();
    h.run();
    assert!(h.query_by_label_contains("Ще не внесено").is_some());
    assert!(
        h.query_by_label_contains("перевірка документа 13")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Остаточний результат можна підписати")
            .is_some()
    );
    assert!(
        h.get_by_role_and_label(Role::Button, "Підписати й зберегти")
            .accesskit_node()
            .is_disabled()
    );
    h.state_mut().push(Command::CloseExport);
    h.state_mut().push(Command::Apply(common::fact_changes()));
    h.run();
    h.get_by_role_and_label(Role::Button, "Експорт (Ctrl+E)")
        .click();
    h.run();
    assert!(
        h.query_by_label_contains("результат буде остаточним")
            .is_some()
    );
    h.get_by_label("Ваш підпис ще не створено. Ваше повне ім'я:")
        .click();
    h.run();
    h.get_by_label("Ваш підпис ще не створено. Ваше повне ім'я:")
        .type_text("Іваненко Іван");
    h.run();
    // The key's name goes into every result: it is made only once confirmed.
    assert!(
        h.query_by_label_contains("Підтвердьте ім'я ключа")
            .is_some()
    );
    h.get_by_label_contains("«Іваненко Іван» написано правильно")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Підписати й зберегти")
        .click();
    h.run();
    let result = dir.path().join("centre.result.json");
    assert!(
        matches!(&h.state().status, Status::Info(s) if s.contains("SHA-256")),
        "{:?}",
        h.state().status
    );
    let bytes = std::fs::read(&result).expect("result written");
    let v = akredit::signed::verify(&bytes, &cat, &[]);
    assert!(v.holds(), "{:#?}", v.checks);
    assert!(v.result.expect("result").payload.is_final);
    assert!(
        dir.path().join("centre.result.pdf").exists(),
        "the protocol is saved beside it"
    );
    // And the expert conclusion (PDF with the result embedded, DOCX) and the action plan.
    let conclusion = std::fs::read(dir.path().join("centre.result.conclusion.pdf"))
        .expect("the conclusion is saved beside it");
    let check = akredit::conclusion::check_pdf(&conclusion, &cat, &[]).expect("check");
    assert!(check.holds(), "{:?}", check.figures);
    assert!(dir.path().join("centre.result.conclusion.docx").exists());
    assert!(dir.path().join("centre.result.action-plan.csv").exists());
    assert!(file.exists());
}

#[test]
fn a_centres_self_assessment_file_grades_only_its_own_column_and_saves_for_the_commission() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(dir.path());
    let file = dir.path().join("self.akredit");
    h.state_mut().form.path = file.display().to_string();
    h.state_mut().form.centre = "Центр".into();
    h.get_by_label("Самооцінка закладу (заповнює заклад для експертної комісії)")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Створити").click();
    h.run();
    assert_eq!(h.state().screen, Screen::Inspection);
    assert!(
        h.query_by_label_contains("САМООЦІНКА ЗАКЛАДУ").is_some(),
        "the window says whose grades these are"
    );
    assert!(
        h.query_by_label_contains("1.1.1.1 Комісія").is_none(),
        "no commission grade buttons in a centre's file"
    );
    assert!(
        h.query_by_label_contains("розбіжності").is_none()
            && h.query_by_label_contains("Н/З (").is_none(),
        "no filters for what a centre's file cannot have"
    );
    assert!(h.query_by_label_contains("неоцінені (").is_some());
    // Keys and clicks grade the self column; S does not switch to the commission.
    h.event(text("3"));
    h.run();
    h.key_press(Key::S);
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    h.event(text("н"));
    h.run();
    assert_eq!(grade_of(&h, "1.1.1.1", Column::SelfAssessment), Some(3));
    assert_eq!(grade_of(&h, "1.1.1.2", Column::SelfAssessment), Some(0));
    assert_eq!(grade_of(&h, "1.1.1.1", Column::Commission), None);
    // N/A is refused with the reason, nothing changes.
    h.state_mut().push(Command::Apply(vec![
        akredit::answers::Change::NotApplicable {
            code: code("1.1.1.5"),
            reason: Some("x".into()),
        },
    ]));
    h.run();
    assert!(matches!(&h.state().status, Status::Error(e) if e.contains("файл самооцінки закладу")));
    // Ctrl+E saves the self-assessment file (unsigned: no key here).
    h.state_mut().push(Command::OpenExport);
    h.run();
    h.get_by_role_and_label(Role::Button, "Зберегти самооцінку для комісії")
        .click();
    h.run();
    let written = dir.path().join("self.self.json");
    let bytes = std::fs::read(&written).expect("self-assessment written");
    let sa = akredit::self_assessment::read(&bytes, &catalogue(), ModelId::Full).expect("reads");
    assert_eq!(
        sa.provenance,
        akredit::self_assessment::Provenance::Unsigned
    );
    assert_eq!(sa.grades[&code("1.1.1.1")], Some(3));
}

#[test]
fn the_expert_imports_the_centres_self_assessment_from_the_centre_tab() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The centre's file and its self-assessment.
    let centre_file = dir.path().join("centre-own.akredit");
    let mut own = Inspection::create(
        &centre_file,
        catalogue(),
        &NewInspection {
            model: ModelId::Full,
            centre_name: "Тестовий центр здоров'я".into(),
            expert: "Головний лікар".into(),
            visit_date: None,
            purpose: akredit::inspection::Purpose::SelfAssessment,
        },
    )
    .expect("centre's file");
    own.apply(&[
        akredit::answers::Change::Grade {
            code: code("1.1.3"),
            column: Column::SelfAssessment,
            grade: Some(2),
        },
        akredit::answers::Change::Grade {
            code: code("1.1.1.1"),
            column: Column::SelfAssessment,
            grade: Some(3),
        },
    ])
    .expect("grades");
    let json = dir.path().join("self.json");
    let written = akredit::self_assessment::export_self(&own, None, "2026-11-20T10:00:00.000Z")
        .expect("export");
    std::fs::write(&json, &written.bytes).expect("write");

    let (mut h, file) = with_inspection(dir.path());
    // A self grade entered by hand that the file would change.
    h.state_mut()
        .push(Command::Apply(vec![akredit::answers::Change::Grade {
            code: code("1.1.3"),
            column: Column::SelfAssessment,
            grade: Some(1),
        }]));
    h.state_mut()
        .push(Command::Apply(vec![akredit::answers::Change::Grade {
            code: code("1.1.3"),
            column: Column::Commission,
            grade: Some(3),
        }]));
    h.run();
    h.state_mut()
        .push(Command::SelectTab(akredit::ui::Tab::Centre));
    h.run();
    h.get_by_label("Файл самооцінки").click();
    h.run();
    h.get_by_label("Файл самооцінки")
        .type_text(&json.display().to_string());
    h.run();
    let before = std::fs::read(&file).expect("read");
    h.get_by_role_and_label(Role::Button, "Імпортувати самооцінку")
        .click();
    h.run();
    assert!(
        h.query_by_label_contains("1.1.3: у перевірці 1, у файлі 2")
            .is_some(),
        "the conflict is shown"
    );
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "nothing changed"
    );
    assert_eq!(grade_of(&h, "1.1.3", Column::SelfAssessment), Some(1));
    h.get_by_role_and_label(Role::Button, "Замінити оцінками з файлу")
        .click();
    h.run();
    assert_eq!(grade_of(&h, "1.1.3", Column::SelfAssessment), Some(2));
    assert_eq!(grade_of(&h, "1.1.1.1", Column::SelfAssessment), Some(3));
    assert!(
        h.query_by_label_contains("розбіжностей із самооцінкою: 1")
            .is_some(),
        "the result panel counts the divergence"
    );
    assert!(h.query_by_label_contains("1.1: 1").is_some());
    // One Ctrl+Z takes the whole import back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(grade_of(&h, "1.1.3", Column::SelfAssessment), Some(1));
    assert_eq!(grade_of(&h, "1.1.1.1", Column::SelfAssessment), None);
}

#[test]
fn a_refused_change_and_a_file_that_is_no_inspection_are_said_in_ukrainian() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, file) = with_inspection(dir.path());
    let before = std::fs::read(&file).expect("read");
    let refused = || {
        Command::Apply(vec![akredit::answers::Change::Centre {
            field: "fax".into(),
            value: "0532 00-00-00".into(),
        }])
    };
    // A field the application form does not have: the store refuses it.
    h.state_mut().push(refused());
    h.run();
    let Status::Error(e) = &h.state().status else {
        panic!("{:?}", h.state().status)
    };
    assert!(e.starts_with("НЕ ЗБЕРЕЖЕНО: "), "{e}");
    assert!(e.contains("\"fax\" — такого поля в заяві немає"), "{e}");
    assert!(e.contains("Нічого не змінено"), "{e}");
    assert!(
        !e.contains("is not a field"),
        "English in the Ukrainian window: {e}"
    );
    assert!(
        h.query_by_label_contains("такого поля в заяві немає")
            .is_some(),
        "the status bar shows it"
    );
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "nothing changed"
    );

    // In English, the domain's own words.
    h.state_mut().push(Command::SetLanguage(Language::En));
    h.run();
    h.state_mut().push(refused());
    h.run();
    assert!(
        matches!(&h.state().status, Status::Error(e)
            if e.starts_with("NOT SAVED: ") && e.contains("is not a field of the application form")),
        "{:?}",
        h.state().status
    );

    // A file that is not an inspection, opened from the start screen, in Ukrainian.
    h.state_mut().push(Command::SetLanguage(Language::Uk));
    h.state_mut().push(Command::CloseInspection);
    h.run();
    let text = dir.path().join("notes.akredit");
    std::fs::write(&text, "нотатки, а не перевірка").expect("write");
    h.state_mut().push(Command::Open(text.clone()));
    h.run();
    assert_eq!(h.state().screen, Screen::Start);
    let Status::Error(e) = &h.state().status else {
        panic!("{:?}", h.state().status)
    };
    assert!(
        e.contains(&text.display().to_string()),
        "the path is kept: {e}"
    );
    assert!(e.contains("це не перевірка akredit"), "{e}");
    assert!(!e.contains("not an akredit inspection"), "{e}");
}

#[test]
fn a_damaged_inspection_says_what_is_wrong_with_it_in_ukrainian() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("damaged.akredit");
    let mut insp = Inspection::create(
        &file,
        catalogue(),
        &NewInspection {
            model: ModelId::Full,
            centre_name: "Центр".into(),
            expert: "Е.".into(),
            visit_date: None,
            purpose: Default::default(),
        },
    )
    .expect("create");
    insp.apply(&[akredit::answers::Change::Grade {
        code: code("1.1.3"),
        column: Column::Commission,
        grade: Some(2),
    }])
    .expect("grade");
    drop(insp);
    // Another program writes a grade the scale does not have.
    let conn = rusqlite::Connection::open(&file).expect("sqlite");
    conn.execute_batch(
        "PRAGMA ignore_check_constraints = ON; UPDATE answer SET commission = 7 WHERE code = '1.1.3';",
    )
    .expect("update");
    drop(conn);
    let mut h = harness(dir.path());
    h.state_mut().push(Command::Open(file.clone()));
    h.run();
    assert!(h.state().session.is_none(), "a damaged file is not opened");
    let Status::Error(e) = &h.state().status else {
        panic!("{:?}", h.state().status)
    };
    assert!(e.contains("файл перевірки пошкоджено"), "{e}");
    assert!(
        e.contains("1.1.3 має оцінку 7"),
        "what is wrong, in Ukrainian: {e}"
    );
    assert!(e.contains(&file.display().to_string()), "{e}");
}

// The keyboard flow (issue 14).

fn status_text(h: &Harness<'_, AkreditApp>) -> String {
    match &h.state().status {
        Status::Info(t) | Status::Error(t) | Status::Saved(t) => t.clone(),
        Status::Idle => String::new(),
    }
}

fn focused(h: &Harness<'_, AkreditApp>) -> Option<Code> {
    h.state().session.as_ref().expect("session").focused.clone()
}

fn focus(h: &mut Harness<'_, AkreditApp>, c: &str) {
    h.state_mut().push(Command::Focus(code(c)));
    h.run();
}

fn mark_na(h: &mut Harness<'_, AkreditApp>, c: &str) {
    h.state_mut().push(Command::Apply(vec![
        akredit::answers::Change::NotApplicable {
            code: code(c),
            reason: Some("не надає таких послуг".into()),
        },
    ]));
    h.run();
}

#[test]
fn a_key_that_does_nothing_says_why_in_the_status_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _) = with_inspection(dir.path());
    // "2" on a two-grade standard: the scale and its grades.
    focus(&mut h, "1.3.6.5");
    h.event(text("2"));
    h.run();
    assert_eq!(grade_of(&h, "1.3.6.5", Column::Commission), None);
    assert_eq!(
        status_text(&h),
        "1.3.6.5: «2» не оцінка — дворівнева шкала: 0 (Н), 3 (В)"
    );
    assert!(
        h.query_by_label_contains("«2» не оцінка").is_some(),
        "the status bar shows it"
    );
    // A lone В on a four-grade standard.
    focus(&mut h, "1.1.3");
    h.event(text("в"));
    h.run();
    assert_eq!(
        status_text(&h),
        "1.1.3: «В» не оцінка — чотирирівнева шкала: 0 (Н), 1 (МВ), 2 (НВ), 3 (ПВ)"
    );
    // A key that means nothing here.
    h.event(text("x"));
    h.run();
    assert!(
        status_text(&h).contains("«x» не клавіша"),
        "{}",
        status_text(&h)
    );
    // Delete where there is nothing to clear.
    h.key_press(Key::Delete);
    h.run();
    assert!(
        status_text(&h).contains("1.1.3: нічого очищати, немає оцінки в колонці «Комісія»"),
        "{}",
        status_text(&h)
    );
    // A grade on a standard that does not apply (its buttons are disabled too).
    mark_na(&mut h, "1.1.2");
    focus(&mut h, "1.1.2");
    h.event(text("3"));
    h.run();
    assert_eq!(grade_of(&h, "1.1.2", Column::Commission), None);
    assert!(
        status_text(&h).contains("1.1.2 не застосовується"),
        "{}",
        status_text(&h)
    );
    // Grade keys on the centre's tab, where no standard is shown.
    h.state_mut()
        .push(Command::SelectTab(akredit::ui::Tab::Centre));
    h.run();
    h.event(text("3"));
    h.run();
    assert!(
        status_text(&h).contains("вкладці групи"),
        "{}",
        status_text(&h)
    );
    // In English too.
    h.state_mut().push(Command::SetLanguage(Language::En));
    focus(&mut h, "1.3.6.5");
    h.event(text("7"));
    h.run();
    assert_eq!(
        status_text(&h),
        "1.3.6.5: «7» is no grade — two-grade scale: 0 (Н), 3 (В)"
    );
}

#[test]
fn a_lone_letter_is_shown_waiting_and_a_digit_after_it_grades() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _) = with_inspection(dir.path());
    focus(&mut h, "1.1.3");
    // Н on a four-grade standard waits for В: the status line and the row say so.
    h.event(text("н"));
    h.step();
    let waiting = "1.1.3: Н… (з В буде НВ 2; інакше Н 0)";
    assert!(
        h.query_by_label(waiting).is_some(),
        "the status line shows the letter"
    );
    assert!(
        h.query_by_label_contains("1.1.3 Комісія: Н… (з В буде НВ 2; інакше Н 0)")
            .is_some(),
        "the focused row shows it"
    );
    assert_eq!(grade_of(&h, "1.1.3", Column::Commission), None);
    // A digit is a whole grade: the waiting letter is dropped and the digit grades.
    h.event(text("0"));
    h.run();
    assert_eq!(grade_of(&h, "1.1.3", Column::Commission), Some(0));
    assert!(
        h.query_by_label(waiting).is_none(),
        "nothing waits any more"
    );
    h.event(text("м"));
    h.step();
    h.event(text("3"));
    h.run();
    assert_eq!(grade_of(&h, "1.1.3", Column::Commission), Some(3));
    // М and В make МВ.
    h.event(text("м"));
    h.step();
    h.event(text("в"));
    h.run();
    assert_eq!(grade_of(&h, "1.1.3", Column::Commission), Some(1));
    // A lone М that waits in vain says so, and changes nothing.
    h.event(text("м"));
    h.step();
    h.run_steps(8);
    assert_eq!(grade_of(&h, "1.1.3", Column::Commission), Some(1));
    assert!(
        status_text(&h).starts_with("1.1.3: «М» не оцінка"),
        "{}",
        status_text(&h)
    );
    // A lone Н that waits in vain is Н 0.
    h.event(text("н"));
    h.step();
    h.run_steps(8);
    assert_eq!(grade_of(&h, "1.1.3", Column::Commission), Some(0));
    // Another key ends the wait: Н, then Delete, leaves the grade cleared.
    h.event(text("н"));
    h.step();
    h.key_press(Key::Delete);
    h.step();
    h.run_steps(8);
    assert_eq!(grade_of(&h, "1.1.3", Column::Commission), None);
    // The help says the rule.
    h.key_press(Key::F1);
    h.run();
    assert!(h.query_by_label_contains("Н, потім 0 — це 0").is_some());
}

#[test]
fn down_passes_over_not_applicable_standards_unless_switched_off() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _) = with_inspection(dir.path());
    mark_na(&mut h, "1.1.1.2");
    mark_na(&mut h, "1.1.1.3");
    focus(&mut h, "1.1.1.1");
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(focused(&h), Some(code("1.1.1.4")));
    h.key_press(Key::K);
    h.run();
    assert_eq!(focused(&h), Some(code("1.1.1.1")));
    // The N/A filter walks them all the same.
    h.state_mut()
        .push(Command::SetFilter(akredit::ui::Filter::NotApplicable));
    focus(&mut h, "1.1.1.2");
    h.key_press(Key::J);
    h.run();
    assert_eq!(focused(&h), Some(code("1.1.1.3")));
    h.state_mut()
        .push(Command::SetFilter(akredit::ui::Filter::All));
    // Switched off in the settings (and remembered there).
    h.get_by_role_and_label(Role::Button, "Налаштування")
        .click();
    h.run();
    h.get_by_role_and_label(
        Role::CheckBox,
        "Стрілки вгору / вниз і J K пропускають стандарти, що не застосовуються",
    )
    .click();
    h.run();
    assert!(!Settings::load(&Home::at(dir.path().join("home"))).skip_not_applicable);
    h.get_by_role_and_label(Role::Button, "Назад").click();
    h.run();
    focus(&mut h, "1.1.1.1");
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(focused(&h), Some(code("1.1.1.2")));
}

#[test]
fn a_keyboard_grade_moves_on_only_when_auto_advance_is_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _) = with_inspection(dir.path());
    h.event(text("3"));
    h.run();
    assert_eq!(focused(&h), Some(code("1.1.1.1")), "off by default");
    h.get_by_role_and_label(Role::Button, "Налаштування")
        .click();
    h.run();
    h.get_by_role_and_label(
        Role::CheckBox,
        "Після оцінки з клавіатури переходити до наступного стандарту",
    )
    .click();
    h.run();
    assert!(Settings::load(&Home::at(dir.path().join("home"))).auto_advance);
    h.get_by_role_and_label(Role::Button, "Назад").click();
    h.run();
    h.event(text("н"));
    h.run();
    assert_eq!(grade_of(&h, "1.1.1.1", Column::Commission), Some(0));
    assert_eq!(focused(&h), Some(code("1.1.1.2")));
    // A key that is refused does not move on.
    h.event(text("2"));
    h.run();
    assert_eq!(focused(&h), Some(code("1.1.1.2")));
    // A lone Н on a four-grade standard moves on once it has become Н 0.
    focus(&mut h, "1.1.3");
    h.event(text("н"));
    h.step();
    assert_eq!(focused(&h), Some(code("1.1.3")));
    h.run_steps(8);
    assert_eq!(grade_of(&h, "1.1.3", Column::Commission), Some(0));
    assert_eq!(focused(&h), Some(code("1.1.4.1")));
}

#[test]
fn an_inspection_opens_where_the_expert_stopped_and_the_file_is_not_touched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, file) = with_inspection(dir.path());
    focus(&mut h, "1.3.6.5");
    let before = std::fs::read(&file).expect("read");
    h.get_by_role_and_label(Role::Button, "До початку").click();
    h.run();
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "the place is not in the inspection file"
    );
    // A new window opens it at 1.3.6.5, on its tab.
    drop(h);
    let mut h = harness(dir.path());
    h.state_mut().push(Command::Open(file.clone()));
    h.run();
    let s = h.state().session.as_ref().expect("session");
    assert_eq!(s.focused, Some(code("1.3.6.5")));
    assert_eq!(s.tab, akredit::ui::Tab::Group(2));
    assert!(
        h.query_by_label("1.3.6.5 Комісія: В 3").is_some(),
        "it is shown"
    );
    // The centre's tab is remembered as well.
    h.state_mut()
        .push(Command::SelectTab(akredit::ui::Tab::Centre));
    h.run();
    h.state_mut().push(Command::CloseInspection);
    h.run();
    h.state_mut().push(Command::Open(file.clone()));
    h.run();
    let s = h.state().session.as_ref().expect("session");
    assert_eq!(s.tab, akredit::ui::Tab::Centre);
    // Closing the window remembers the place too.
    focus(&mut h, "2.3.1.1.5");
    eframe::App::on_exit(h.state_mut(), None);
    let saved = Settings::load(&Home::at(dir.path().join("home")));
    let place = saved.place(&file).expect("a place for the file");
    assert_eq!(place.standard.as_deref(), Some("2.3.1.1.5"));
    assert!(!place.centre_tab);
}

#[test]
fn a_tab_switched_to_starts_at_its_top() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _) = with_inspection(dir.path());
    // Far down the first group.
    focus(&mut h, "1.1.9");
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.run();
    let heading = h.get_by_label("1.2 Кадри").rect();
    assert!(
        heading.top() > 0.0,
        "the next group's heading is in view, not above it: {heading:?}"
    );
    assert_eq!(focused(&h), Some(code("1.2.1")));
}

#[test]
fn undo_says_what_it_undid_and_redo_makes_it_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, file) = with_inspection(dir.path());
    let rows_at_start = {
        let s = h.state().session.as_ref().expect("session");
        s.inspection.history(None).expect("history").len()
    };
    focus(&mut h, "1.1.3");
    h.event(text("н"));
    h.event(text("в"));
    h.run();
    assert_eq!(grade_of(&h, "1.1.3", Column::Commission), Some(2));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(grade_of(&h, "1.1.3", Column::Commission), None);
    assert_eq!(status_text(&h), "Скасовано: 1.1.3: було НВ 2, тепер —");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(grade_of(&h, "1.1.3", Column::Commission), Some(2));
    assert_eq!(status_text(&h), "Повернуто: 1.1.3: було —, тепер НВ 2");
    // Ctrl+Shift+Z redoes too; the self column is named.
    h.key_press(Key::S);
    h.event(text("3"));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        status_text(&h),
        "Скасовано: 1.1.3 Самооцінка: було ПВ 3, тепер —"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(grade_of(&h, "1.1.3", Column::SelfAssessment), Some(3));
    // A new change after an undo leaves nothing to redo.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.event(text("1"));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(
        status_text(&h),
        "Немає скасованих змін, які можна повернути."
    );
    assert_eq!(grade_of(&h, "1.1.3", Column::SelfAssessment), Some(1));
    // In English.
    h.state_mut().push(Command::SetLanguage(Language::En));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        status_text(&h),
        "Undone: 1.1.3 Self-assessment: was МВ 1, now —"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(
        status_text(&h),
        "Redone: 1.1.3 Self-assessment: was —, now МВ 1"
    );
    // Every undo and redo is a change in the file's history.
    drop(h);
    let back = Inspection::open(&file, catalogue(), Access::ReadOnly).expect("reopen");
    let a = back.answers().get(&code("1.1.3"));
    assert_eq!((a.commission, a.self_grade), (Some(2), Some(1)));
    assert_eq!(
        back.history(None).expect("history").len(),
        rows_at_start + 10,
        "3 grades, 4 undos, 3 redos"
    );
}

#[test]
fn the_column_the_keys_grade_is_marked_and_a_divergence_in_both_columns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _) = with_inspection(dir.path());
    assert!(h.query_by_label("1.1.1.1 Комісія: клавіші ›").is_some());
    assert!(h.query_by_label_contains("САМООЦІНКИ").is_none());
    h.key_press(Key::S);
    h.run();
    assert!(
        h.query_by_label("1.1.1.1 Самооцінка: клавіші ›").is_some(),
        "the focused row marks the self column"
    );
    assert!(h.query_by_label("1.1.1.1 Комісія: клавіші ›").is_none());
    assert!(
        h.query_by_label_contains("Клавіші ставлять оцінки САМООЦІНКИ")
            .is_some(),
        "above the tab, too"
    );
    // Commission В 3, self Н 0: both columns are marked.
    h.event(text("н"));
    h.run();
    h.get_by_role_and_label(Role::Button, "1.1.1.1 Комісія: В 3")
        .click();
    h.run();
    assert!(h.query_by_label("1.1.1.1 Комісія: ≠ самооцінка").is_some());
    assert!(h.query_by_label("1.1.1.1 Самооцінка: ≠ комісія").is_some());
    // Agreeing: no mark.
    h.event(text("в"));
    h.run();
    assert_eq!(grade_of(&h, "1.1.1.1", Column::SelfAssessment), Some(3));
    assert!(h.query_by_label_contains("≠").is_none());
    // Back to the commission.
    h.key_press(Key::S);
    h.run();
    assert!(h.query_by_label("1.1.1.1 Комісія: клавіші ›").is_some());
    assert!(h.query_by_label_contains("САМООЦІНКИ").is_none());
}
