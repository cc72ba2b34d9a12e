//! Issue 14, item 9: the window holds on a 1366×768 laptop at 150 % text (as it first
//! opens there, 1200 wide, and maximized), and at
//! 1920×1080, at 100 % and 150 %. On each screen the expert uses during a visit (the
//! start screen, a group of standards, the Centre tab, the export dialog), no text and
//! no field runs past the edge of the part of the window it is in, and every text
//! field is wide enough to read what is typed in it.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use akredit::support::home::Home;
use akredit::ui::{AkreditApp, Command, Tab};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};

mod common;

/// The narrowest a text field may be, in points: about twenty characters.
const FIELD_MIN: f32 = 150.0;

/// The window at `size` (pixels) with text at `percent`, on a copy of the fixture
/// inspection (fully scored, the form and documents filled in).
fn window(dir: &Path, size: (f32, f32), percent: u16) -> Harness<'static, AkreditApp> {
    let file = dir.join("visit.akredit");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/2026-12/inspection.akredit"
        ),
        &file,
    )
    .expect("copy");
    let app = AkreditApp::new(
        common::catalogue(),
        Some(Home::at(dir.join("home"))),
        Box::new(common::NoDialogs),
    );
    let mut h = Harness::builder()
        .with_size(egui::vec2(size.0, size.1))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut AkreditApp| app.show(ui), app);
    h.state_mut().push(Command::SetTextPercent(percent));
    h.run();
    h.state_mut().push(Command::Open(file));
    h.run();
    h
}

/// The screen's main area, between the top and bottom bars and left of the result
/// panel on the inspection screen (in points).
fn main_area(h: &Harness<'_, AkreditApp>) -> egui::Rect {
    let window = h.ctx.content_rect();
    let placed = |label: &str| {
        h.query_by_label_contains(label)
            .filter(|n| n.accesskit_node().bounding_box().is_some())
            .map(|n| n.rect())
    };
    let mut area = window;
    if let Some(heading) = placed("Результат") {
        area.max.x = heading.left() - 2.0;
        area.min.y = heading.top() - 8.0;
    }
    if let Some(hint) = placed("F1 —") {
        area.max.y = hint.top() - 2.0;
    }
    area
}

/// Every label, button and field of the main area ends inside it, and every text field
/// is at least [`FIELD_MIN`] wide; `what` names the screen in the message.
fn assert_fits(h: &Harness<'_, AkreditApp>, what: &str) {
    let area = main_area(h);
    let right = area.right();
    let mut overflowing = Vec::new();
    let mut narrow = Vec::new();
    for node in h.query_all(by().include_labels().predicate(|n| {
        n.bounding_box().is_some()
            && matches!(n.role(), Role::Label | Role::Button | Role::TextInput)
    })) {
        let rect = node.rect();
        let a = node.accesskit_node();
        let role = a.role();
        // Only what is on screen, and in the main area (not the result panel).
        let visible = rect.top() >= area.top()
            && rect.bottom() <= area.bottom()
            && rect.left() < right
            && rect.width() > 0.0;
        if !visible {
            continue;
        }
        let name = a.label().unwrap_or_default();
        if rect.right() > right + 1.0 {
            overflowing.push(format!(
                "{role:?} {name:?} ends at {:.0} > {right:.0}",
                rect.right()
            ));
        }
        if role == Role::TextInput && rect.width() < FIELD_MIN {
            narrow.push(format!("{name:?} is {:.0} wide", rect.width()));
        }
    }
    assert!(
        overflowing.is_empty(),
        "{what}: runs past the edge: {overflowing:#?}"
    );
    assert!(narrow.is_empty(), "{what}: fields too narrow: {narrow:#?}");
}

fn each_size(check: impl Fn(&mut Harness<'static, AkreditApp>, &str)) {
    for (size, percent) in [
        // The window as it first opens on a 1366×768 laptop (1200 wide), then maximized.
        ((1200.0, 768.0), 150),
        ((1366.0, 768.0), 150),
        ((1366.0, 768.0), 100),
        ((1920.0, 1080.0), 100),
        ((1920.0, 1080.0), 150),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut h = window(dir.path(), size, percent);
        check(&mut h, &format!("{}×{} at {percent} %", size.0, size.1));
    }
}

#[test]
fn the_centre_tab_fits_every_size() {
    each_size(|h, at| {
        h.state_mut().push(Command::SelectTab(Tab::Centre));
        h.run();
        assert_fits(h, &format!("Centre tab, {at}"));
        // The documents at the end of the tab too.
        h.get_by_label("13 не застосовується").scroll_to_me();
        h.run();
        assert_fits(h, &format!("Centre tab's documents, {at}"));
    });
}

#[test]
fn a_group_of_standards_fits_every_size() {
    each_size(|h, at| {
        h.state_mut().push(Command::SelectTab(Tab::Group(0)));
        h.run();
        assert_fits(h, &format!("group 1.1, {at}"));
    });
}

#[test]
fn the_start_screen_fits_every_size() {
    each_size(|h, at| {
        h.state_mut().push(Command::CloseInspection);
        h.run();
        h.run();
        assert_fits(h, &format!("start screen, {at}"));
    });
}

#[test]
fn the_result_panel_never_breaks_a_percent_from_its_sign() {
    each_size(|h, at| {
        for node in h.query_all(by().include_labels().role(Role::Label)) {
            let text = node.accesskit_node().label().unwrap_or_default();
            assert!(
                !text.contains(" %"),
                "{at}: {text:?} may break between the number and %"
            );
        }
    });
}

#[test]
fn the_title_keeps_the_model_and_cuts_only_a_long_centre_name() {
    each_size(|h, at| {
        assert!(
            h.query_by_label_contains("СО+ДО · Полтавський обласний центр")
                .is_some(),
            "{at}: the model comes first in the title"
        );
    });
}

#[test]
fn the_recommendations_tab_fits_every_size() {
    each_size(|h, at| {
        h.state_mut().push(Command::SelectTab(Tab::Recommendations));
        h.run();
        assert!(
            h.query_all_by_label_contains("без рекомендації").count() > 0,
            "{at}: the tab is shown"
        );
        assert_fits(h, &format!("Recommendations tab, {at}"));
    });
}
