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

// Item 12: remembered and sensible defaults.

#[test]
fn the_start_form_remembers_the_expert_and_names_the_file_after_the_centre_and_date() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_sized(dir.path(), 1400.0);
    let folder = Path::new(&h.state().form.path)
        .parent()
        .unwrap()
        .to_path_buf();
    assert_ne!(
        Path::new(&h.state().form.path).file_name().unwrap(),
        "inspection.akredit"
    );
    h.get_by_label("Назва центру здоров'я").click();
    h.run();
    h.get_by_label("Назва центру здоров'я")
        .type_text("Полтавський обласний центр здоров'я");
    h.run();
    let date = h.get_by_label("Дата візиту (РРРР-ММ-ДД)");
    date.click();
    h.run();
    h.key_press(egui::Key::Backspace);
    h.run();
    h.get_by_label("Дата візиту (РРРР-ММ-ДД)").type_text("3");
    h.run();
    let visit = h.state().form.visit_date.clone();
    assert_eq!(
        Path::new(&h.state().form.path),
        folder.join(format!(
            "Полтавський обласний центр здоров'я {visit}.akredit"
        )),
        "the path follows the name and the date as they are typed"
    );

    // A path edited by hand stays as the user made it.
    let mine = dir.path().join("моя перевірка.akredit");
    h.get_by_label("Файл перевірки").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label("Файл перевірки")
        .type_text(&mine.display().to_string());
    h.run();
    h.get_by_label("Назва центру здоров'я").click();
    h.run();
    h.get_by_label("Назва центру здоров'я").type_text(" №2");
    h.run();
    assert_eq!(Path::new(&h.state().form.path), mine);

    h.get_by_label("Експерт").click();
    h.run();
    h.get_by_label("Експерт")
        .type_text("Іваненко Іван Іванович");
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Створити")
        .click();
    h.run();
    assert_eq!(
        h.state().screen,
        Screen::Inspection,
        "{:?}",
        h.state().status
    );
    assert!(mine.exists());

    // Next time (a new window on the same data folder) the form offers the name.
    let h = harness_sized(dir.path(), 1400.0);
    assert_eq!(h.state().form.expert, "Іваненко Іван Іванович");
    assert_eq!(h.state().settings.expert, "Іваненко Іван Іванович");
}

#[test]
fn choose_without_a_file_dialog_says_so_and_points_to_the_path_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_sized(dir.path(), 1400.0);
    let before = h.state().form.path.clone();
    h.get_by_label("Обрати…").click();
    h.run();
    let Status::Info(text) = &h.state().status else {
        panic!("{:?}", h.state().status);
    };
    assert!(text.contains("«Файл перевірки»"), "{text}");
    assert_eq!(h.state().form.path, before, "the path is kept");
    assert!(
        h.query_by_label_contains("Вікно вибору файлу тут не відкривається")
            .is_some()
    );

    h.get_by_label("Відкрити файл…").click();
    h.run();
    let Status::Info(text) = &h.state().status else {
        panic!("{:?}", h.state().status);
    };
    assert!(text.contains("«Відкрити»"), "{text}");
}

#[test]
fn a_termination_signal_closes_the_window_as_its_close_button_does() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = with_inspection(dir.path(), 1400.0);
    let closes = |h: &Harness<'_, AkreditApp>| {
        h.output()
            .viewport_output
            .values()
            .any(|v| v.commands.contains(&egui::ViewportCommand::Close))
    };
    h.run();
    assert!(!closes(&h));
    // What the signal handler does, from its own thread.
    let flag = h.state().close_flag();
    std::thread::spawn(move || flag.store(true, std::sync::atomic::Ordering::Relaxed))
        .join()
        .unwrap();
    h.step();
    assert!(closes(&h), "the window is asked to close");
}

// Item 8: search and filters.

fn apply(h: &mut Harness<'static, AkreditApp>, changes: Vec<akredit::answers::Change>) {
    h.state_mut().push(Command::Apply(changes));
    h.run();
    assert!(
        matches!(h.state().status, Status::Saved(_)),
        "{:?}",
        h.state().status
    );
}

fn note(code: &str, text: &str) -> akredit::answers::Change {
    akredit::answers::Change::Note {
        code: code.parse().unwrap(),
        text: text.into(),
    }
}

/// The first `n` standards of group `index` in the full model.
fn standards_of(index: usize, n: usize) -> Vec<String> {
    let cat = catalogue();
    cat.model_standards(ModelId::Full)
        .filter(|s| cat.group_index(&s.code) == Some(index))
        .take(n)
        .map(|s| s.code.to_string())
        .collect()
}

fn search_for(h: &mut Harness<'static, AkreditApp>, text: &str) {
    h.state_mut().push(Command::Search(Some(text.into())));
    h.run();
}

fn hit_codes(h: &Harness<'_, AkreditApp>) -> Vec<String> {
    let s = h.state().session.as_ref().unwrap();
    s.hits.iter().map(|h| h.code.to_string()).collect()
}

#[test]
fn search_finds_words_of_notes_reasons_and_criteria_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = with_inspection(dir.path(), 1400.0);
    let noted = &standards_of(1, 1)[0];
    apply(
        &mut h,
        vec![note(noted, "Журнал обліку лежить у кабінеті здоров’я")],
    );
    let na = &standards_of(2, 1)[0];
    apply(
        &mut h,
        vec![akredit::answers::Change::NotApplicable {
            code: na.parse().unwrap(),
            reason: Some("Центр не має флюорографа".into()),
        }],
    );

    // Any case, and ' for ’.
    search_for(&mut h, "КАБІНЕТІ ЗДОРОВ'Я");
    assert_eq!(hit_codes(&h), vec![noted.clone()]);
    assert!(h.query_by_label("знайдено: у примітці").is_some());
    assert!(
        h.query_by_label("знайдено: 1").is_some(),
        "the count of hits"
    );

    search_for(&mut h, "флюорограф");
    assert_eq!(hit_codes(&h), vec![na.clone()]);
    assert!(
        h.query_by_label("знайдено: у причині «не застосовується»")
            .is_some()
    );

    // A word only a grading criterion has.
    let cat = catalogue();
    let (st, text) = cat
        .model_standards(ModelId::Full)
        .find_map(|s| {
            let text = s.criteria.values().next()?;
            let title = s.title.as_deref().unwrap_or("").to_lowercase();
            let word = text
                .split_whitespace()
                .find(|w| w.chars().count() > 8 && !title.contains(&w.to_lowercase()))?;
            Some((s, word.to_string()))
        })
        .unwrap();
    search_for(&mut h, &text);
    assert!(hit_codes(&h).contains(&st.code.to_string()), "{text}");
    assert!(
        h.query_all_by_label_contains("знайдено: у критеріях (")
            .count()
            >= 1
    );

    // The hits follow the answers.
    apply(&mut h, vec![note(noted, "")]);
    search_for(&mut h, "кабінеті здоров'я");
    assert!(
        hit_codes(&h).is_empty(),
        "a note removed is no longer found"
    );
}

#[test]
fn a_filter_with_none_here_says_where_there_are_some_and_jumps_there() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = with_inspection(dir.path(), 1400.0);
    let in_first = standards_of(0, 2);
    let in_second = standards_of(1, 3);
    apply(
        &mut h,
        vec![
            note(&in_first[0], "перша"),
            note(&in_first[1], "друга"),
            note(&in_second[2], "третя"),
        ],
    );
    h.state_mut()
        .push(Command::SelectTab(akredit::ui::Tab::Group(2)));
    h.state_mut()
        .push(Command::SetFilter(akredit::ui::Filter::WithNotes));
    h.run();

    assert!(h.query_by_label("Тут немає.").is_some());
    assert!(h.query_by_label("З примітками:").is_some());
    // The filter's count across the groups, and each tab's.
    assert!(h.query_by_label("з примітками (3)").is_some());
    let cat = catalogue();
    let (g1, g2) = (&cat.groups[0].code, &cat.groups[1].code);
    assert!(
        h.query_all_by_label_contains("\u{a0}% · (2)").count() == 1
            && h.query_all_by_label_contains("\u{a0}% · (1)").count() == 1
            && h.query_all_by_label_contains(" · (0)").count() == cat.groups.len() - 2,
        "every group tab shows its count"
    );
    assert!(h.query_by_label(&format!("{g1} (2)")).is_some());
    h.get_by_label(&format!("{g2} (1)")).click();
    h.run();
    let s = h.state().session.as_ref().unwrap();
    assert_eq!(s.tab, akredit::ui::Tab::Group(1));
    assert_eq!(
        s.focused.as_ref().map(|c| c.to_string()),
        Some(in_second[2].clone()),
        "the focus is on the group's standard with a note"
    );
    assert!(h.query_by_label("Тут немає.").is_none());

    // A filter nothing passes anywhere says so.
    h.state_mut()
        .push(Command::SetFilter(akredit::ui::Filter::Divergent));
    h.run();
    assert!(
        h.query_by_label("Розбіжності — немає в жодній групі.")
            .is_some()
    );
}

#[test]
fn the_filter_counts_follow_the_answers_and_equal_a_count_from_scratch() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = with_inspection(dir.path(), 1400.0);
    let code = &standards_of(3, 1)[0];
    let counts = |h: &Harness<'_, AkreditApp>| {
        let s = h.state().session.as_ref().unwrap();
        let fresh = akredit::ui::FilterCounts::of(
            s.inspection.catalogue(),
            s.model(),
            s.inspection.answers(),
            s.main_column(),
        );
        assert_eq!(
            s.filter_counts, fresh,
            "the kept counts are the answers' counts"
        );
        (
            s.filter_counts.total(akredit::ui::Filter::WithNotes),
            s.filter_counts.total(akredit::ui::Filter::Unscored),
        )
    };
    assert_eq!(counts(&h), (0, 235));
    apply(&mut h, vec![note(code, "примітка")]);
    apply(
        &mut h,
        vec![akredit::answers::Change::Grade {
            code: code.parse().unwrap(),
            column: akredit::answers::Column::Commission,
            grade: Some(0),
        }],
    );
    assert_eq!(counts(&h), (1, 234));
    h.state_mut().push(Command::Undo);
    h.run();
    assert_eq!(counts(&h), (1, 235));
}
