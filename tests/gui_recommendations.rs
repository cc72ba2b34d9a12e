//! Issue 16 in the window: a recommendation under a standard (what to remedy, deadline,
//! responsible), the «Рекомендації» tab with its flags, the general conclusion, and the
//! result panel's chart by group. Driven as a user drives it — clicking fields by their
//! captions, typing, pressing keys — and read back from the file.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use akredit::answers::{Change, Column};
use akredit::catalogue::{Code, ModelId};
use akredit::inspection::{Access, Inspection, NewInspection};
use akredit::support::settings::Language;
use akredit::ui::{AkreditApp, Command, Status, Tab};
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};

mod common;

fn code(s: &str) -> Code {
    s.parse().expect("code")
}

/// A harness with a new full-model inspection open.
fn with_inspection(dir: &Path) -> (Harness<'static, AkreditApp>, PathBuf) {
    let mut h = common::harness(dir.join("home"));
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
    (h, file)
}

fn grade(h: &mut Harness<'_, AkreditApp>, c: &str, grade: u8) {
    h.state_mut().push(Command::Apply(vec![Change::Grade {
        code: code(c),
        column: Column::Commission,
        grade: Some(grade),
    }]));
    h.run();
}

fn history_len(h: &Harness<'_, AkreditApp>) -> usize {
    let s = h.state().session.as_ref().expect("session");
    s.inspection.history(None).expect("history").len()
}

fn status_text(h: &Harness<'_, AkreditApp>) -> String {
    match &h.state().status {
        Status::Info(t) | Status::Error(t) | Status::Saved(t) => t.clone(),
        Status::Idle => String::new(),
    }
}

/// Clicks the field captioned `label` and types `text` into it.
fn type_into(h: &mut Harness<'_, AkreditApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

#[test]
fn a_recommendation_typed_under_a_standard_is_saved_part_by_part_and_undone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, file) = with_inspection(dir.path());
    let what = "1.1.3 Рекомендація — що усунути";
    assert!(
        h.query_by_label(what).is_none(),
        "no recommendation on an ungraded standard"
    );
    grade(&mut h, "1.1.3", 2);
    let rows_before = history_len(&h);
    type_into(&mut h, what, "Оновити інформаційний стенд");
    // Nothing is saved while the field has the keyboard: not a row per character.
    assert_eq!(history_len(&h), rows_before);
    // Clicking the deadline lets go of the text, which is saved; a date written as
    // Ukrainians write it is stored as the file's dates are.
    type_into(&mut h, "1.1.3 Строк виконання (РРРР-ММ-ДД)", "31.03.2027");
    type_into(&mut h, "1.1.3 Відповідальний", "Головний лікар");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(history_len(&h), rows_before + 3, "one row per part");
    {
        let s = h.state().session.as_ref().expect("session");
        let r = &s.inspection.answers().get(&code("1.1.3")).recommendation;
        assert_eq!(r.text, "Оновити інформаційний стенд");
        assert_eq!(r.due.as_deref(), Some("2027-03-31"));
        assert_eq!(r.owner, "Головний лікар");
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        status_text(&h),
        "Скасовано: 1.1.3 Відповідальний: було «Головний лікар», тепер —"
    );
    h.state_mut().push(Command::SetLanguage(Language::En));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        status_text(&h),
        "Undone: 1.1.3 Deadline: was «2027-03-31», now —"
    );
    drop(h);
    let back = Inspection::open(&file, common::catalogue(), Access::ReadOnly).expect("reopen");
    let r = &back.answers().get(&code("1.1.3")).recommendation;
    assert_eq!(
        (r.text.as_str(), r.due.as_deref(), r.owner.as_str()),
        ("Оновити інформаційний стенд", None, "")
    );
}

#[test]
fn a_deadline_that_is_no_date_is_refused_and_the_file_is_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, file) = with_inspection(dir.path());
    grade(&mut h, "1.1.3", 1);
    let rows_before = history_len(&h);
    let bytes_before = std::fs::read(&file).expect("read");
    type_into(
        &mut h,
        "1.1.3 Строк виконання (РРРР-ММ-ДД)",
        "до кінця року",
    );
    h.key_press(Key::Enter);
    h.run();
    // The domain's refusal, worded: what was typed, and how to write a date.
    assert!(
        matches!(&h.state().status, Status::Error(e)
            if e.contains("НЕ ЗБЕРЕЖЕНО") && e.contains("до кінця року") && e.contains("не дата")),
        "{:?}",
        h.state().status
    );
    assert_eq!(history_len(&h), rows_before);
    let s = h.state().session.as_ref().expect("session");
    assert_eq!(
        s.inspection
            .answers()
            .get(&code("1.1.3"))
            .recommendation
            .due,
        None
    );
    assert_eq!(std::fs::read(&file).expect("read"), bytes_before);
}

#[test]
fn r_opens_the_recommendation_of_any_standard_with_the_keyboard() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _) = with_inspection(dir.path());
    let what = "1.1.1.1 Рекомендація — що усунути";
    assert!(h.query_by_label(what).is_none());
    h.key_press(Key::R);
    h.run();
    assert!(h.query_by_label(what).is_some(), "R shows the fields");
    assert!(
        !status_text(&h).contains("не клавіша"),
        "R is a key: {}",
        status_text(&h)
    );
    // What to remedy has the keyboard: typing goes there, Tab lets go of it.
    h.event(Event::Text("Скласти план".into()));
    h.run();
    h.key_press(Key::Tab);
    h.run();
    let s = h.state().session.as_ref().expect("session");
    assert_eq!(
        s.inspection
            .answers()
            .get(&code("1.1.1.1"))
            .recommendation
            .text,
        "Скласти план"
    );
    // The help lists the key.
    h.key_press(Key::Escape);
    h.key_press(Key::F1);
    h.run();
    assert!(h.query_by_label_contains("R — рекомендація").is_some());
}

#[test]
fn the_recommendations_tab_flags_a_zero_without_one_and_goes_to_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _) = with_inspection(dir.path());
    grade(&mut h, "1.1.1.1", 3);
    grade(&mut h, "1.1.1.2", 0);
    grade(&mut h, "1.1.3", 2);
    h.state_mut()
        .push(Command::Apply(vec![Change::Recommendation {
            code: code("1.1.3"),
            text: "Провести навчання".into(),
        }]));
    h.run();
    h.get_by_role_and_label(Role::Tab, "Рекомендації · 1/2")
        .click();
    h.run();
    assert_eq!(
        h.state().session.as_ref().expect("session").tab,
        Tab::Recommendations
    );
    assert!(
        h.query_by_label("1 рекомендація; 1 стандарт без рекомендації, з них 1 з оцінкою 0")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("1.1.3 · НВ 2 з 3 · Провести навчання")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("1.1.1.1 ·").is_none(),
        "a standard at its maximum is not listed"
    );
    let flagged = "1.1.1.2 · Н 0 з 3 · ОЦІНКА 0 — немає рекомендації";
    h.get_by_role_and_label(Role::Button, flagged).click();
    h.run();
    let s = h.state().session.as_ref().expect("session");
    assert_eq!(s.tab, Tab::Group(0));
    assert_eq!(s.focused, Some(code("1.1.1.2")));
    // Its recommendation is under it, ready to be written.
    assert!(
        h.query_by_label("1.1.1.2 Рекомендація — що усунути")
            .is_some()
    );
}

#[test]
fn the_general_conclusion_is_saved_from_the_recommendations_tab() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, file) = with_inspection(dir.path());
    h.state_mut().push(Command::SelectTab(Tab::Recommendations));
    h.run();
    let field = "Пропозиції, зауваження і рекомендації експертної групи (загальний висновок)";
    type_into(
        &mut h,
        field,
        "Центр відповідає стандартам першої категорії.",
    );
    // Going to another tab lets go of the field: the text is saved, not lost.
    h.get_by_role_and_label(Role::Tab, "Центр").click();
    h.run();
    let s = h.state().session.as_ref().expect("session");
    assert_eq!(
        s.inspection.answers().conclusion,
        "Центр відповідає стандартам першої категорії."
    );
    assert_eq!(s.tab, Tab::Centre);
    drop(h);
    let back = Inspection::open(&file, common::catalogue(), Access::ReadOnly).expect("reopen");
    assert_eq!(
        back.answers().conclusion,
        "Центр відповідає стандартам першої категорії."
    );
}

#[test]
fn esc_drops_a_text_being_typed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _) = with_inspection(dir.path());
    h.state_mut().push(Command::SelectTab(Tab::Recommendations));
    h.run();
    let rows_before = history_len(&h);
    let field = "Пропозиції, зауваження і рекомендації експертної групи (загальний висновок)";
    type_into(&mut h, field, "Чернетка");
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(history_len(&h), rows_before);
    let s = h.state().session.as_ref().expect("session");
    assert_eq!(s.inspection.answers().conclusion, "");
}

/// The chart's description, as a screen reader reads it.
fn chart_label(h: &Harness<'_, AkreditApp>, title: &str) -> String {
    let node = h
        .query_all(by().role(Role::Image))
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with(title))
        })
        .expect("the chart");
    node.accesskit_node().label().unwrap_or_default()
}

#[test]
fn the_result_panel_charts_each_group_against_the_catalogues_thresholds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _) = with_inspection(dir.path());
    grade(&mut h, "1.1.1.1", 3);
    let catalogue = common::catalogue();
    let said = chart_label(&h, "Відсоток балів за групами");
    let totals = h.state().session.as_ref().expect("session").totals.clone();
    assert_eq!(totals.groups.len(), catalogue.groups.len());
    for g in &totals.groups {
        // In Ukrainian with the decimal comma, as the documents print it.
        let percent = g
            .commission
            .percent
            .expect("a percent")
            .to_string()
            .replace('.', ",");
        assert!(
            said.contains(&format!("{} {percent}\u{a0}%", g.code)),
            "{} in {said}",
            g.code
        );
    }
    assert!(
        totals.groups[0].commission.percent.expect("percent").0 > 0,
        "group 1.1 is not at 0"
    );
    for rule in &catalogue.categories {
        assert!(
            said.contains(&format!("{}\u{a0}%", rule.min_percent)),
            "the line at {} in {said}",
            rule.min_percent
        );
    }
    assert!(
        h.query_all_by_label_contains("Пунктир — найменший відсоток категорії: ")
            .count()
            > 0,
        "the legend"
    );
    h.state_mut().push(Command::SetLanguage(Language::En));
    h.run();
    let said = chart_label(&h, "Percent of points by group");
    assert!(said.contains("— higher"), "{said}");
    let first = totals.groups[0].commission.percent.expect("percent");
    assert!(
        said.contains(&format!("1.1 {first}\u{a0}%")),
        "English keeps the point: {said}"
    );
}
