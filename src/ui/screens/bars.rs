//! The top bar (back, the heading, language, export, settings) and the status bar (what
//! was saved or went wrong, or the letters waiting for their next key; the key column,
//! the help hint).

use egui::{Align, RichText, Ui};

use crate::support::settings::Language;
use crate::ui::app::{AkreditApp, Status};
use crate::ui::command::Command;
use crate::ui::i18n::{T, keyboard};
use crate::ui::style;
use crate::ui::view::Screen;

/// The top bar.
pub fn top_bar(app: &mut AkreditApp, ui: &mut Ui) {
    ui.horizontal(|ui| {
        match app.screen {
            Screen::Inspection => {
                if ui.button(app.t(T::ToStart)).clicked() {
                    app.push(Command::CloseInspection);
                }
            }
            Screen::Settings => {
                if ui.button(app.t(T::Back)).clicked() {
                    app.push(Command::ShowScreen(app.previous_screen));
                }
            }
            Screen::Commission => {
                if ui.button(app.t(T::ToStart)).clicked() {
                    app.push(Command::ShowScreen(Screen::Start));
                }
            }
            Screen::Kep => {
                let back = if app.session.is_some() {
                    Screen::Inspection
                } else {
                    Screen::Start
                };
                if ui.button(app.t(T::Back)).clicked() {
                    app.push(Command::ShowScreen(back));
                }
            }
            Screen::Start => {}
        }
        let heading = heading(app);
        ui.with_layout(egui::Layout::right_to_left(Align::Center), |ui| {
            if app.screen != Screen::Settings && ui.button(app.t(T::Settings)).clicked() {
                app.push(Command::ShowScreen(Screen::Settings));
            }
            if app.screen == Screen::Inspection && ui.button(app.t(T::ExportButton)).clicked() {
                app.push(Command::OpenExport);
            }
            let other = match app.settings.language {
                Language::Uk => (Language::En, "English"),
                Language::En => (Language::Uk, "Українська"),
            };
            if ui.button(other.1).clicked() {
                app.push(Command::SetLanguage(other.0));
            }
            ui.with_layout(egui::Layout::left_to_right(Align::Center), |ui| {
                let (shown, whole) = heading;
                ui.add(egui::Label::new(RichText::new(shown).heading()).truncate())
                    .on_hover_text(whole);
            });
        });
    });
}

/// The heading as shown and whole (on hover): on the inspection screen the model, short,
/// then the centre — a long centre name is cut at its end, never the model; elsewhere the
/// screen's name.
fn heading(app: &AkreditApp) -> (String, String) {
    let lang = app.settings.language;
    match &app.session {
        Some(s) if app.screen == Screen::Inspection => {
            let centre = s.inspection.answers().centre_name().to_string();
            let model = style::model_title(s.inspection.catalogue(), s.model(), lang);
            (
                format!("{} · {centre}", style::model_short(s.model(), lang)),
                format!("{centre} · {model}"),
            )
        }
        _ if app.screen == Screen::Commission => {
            let name = app.t(T::CommissionOverview).to_string();
            (name.clone(), name)
        }
        _ if app.screen == Screen::Kep => {
            let name = app.t(T::KepHeading).to_string();
            (name.clone(), name)
        }
        _ => {
            let name = app.t(T::AppName).to_string();
            (name.clone(), name)
        }
    }
}

/// The letters typed on the focused standard that wait for their next key, and what they
/// may become: "1.1.3: Н… (з В буде НВ 2; інакше Н 0)".
fn pending_letters(app: &AkreditApp) -> Option<String> {
    let s = app
        .session
        .as_ref()
        .filter(|_| app.screen == Screen::Inspection)?;
    let pending = &s.pending_letters;
    let code = pending.code.as_ref().filter(|_| !pending.text.is_empty())?;
    let scale = s.inspection.catalogue().standard(code)?.scale;
    let hint = keyboard::pending(scale, &pending.text, app.settings.language);
    Some(format!("{code}: {hint}"))
}

/// The status bar: the key hint (and the key column) on the right, always whole; the one
/// message in the width that remains, cut with "…" when it is longer (the whole text on
/// hover).
pub fn status_bar(app: &mut AkreditApp, ui: &mut Ui) {
    let message = message(app, ui.visuals());
    ui.horizontal(|ui| {
        ui.with_layout(egui::Layout::right_to_left(Align::Center), |ui| {
            ui.label(app.t(T::HelpHint));
            if let Some(s) = &app.session
                && app.screen == Screen::Inspection
            {
                let column = keyboard::column_name(s.key_column, app.settings.language);
                let text = RichText::new(format!("{}: {column} ·", app.t(T::KeyColumn)));
                // The keys grading the centre's column, in the commission's file, stand out.
                ui.label(if s.key_column != s.main_column() {
                    text.strong().color(ui.visuals().selection.stroke.color)
                } else {
                    text
                });
            }
            ui.with_layout(egui::Layout::left_to_right(Align::Center), |ui| {
                if let Some(message) = message {
                    ui.add(
                        egui::Label::new(message)
                            .truncate()
                            .show_tooltip_when_elided(true),
                    );
                }
            });
        });
    });
}

/// What the status bar says: the letters waiting for their next key, or the status.
fn message(app: &AkreditApp, visuals: &egui::Visuals) -> Option<RichText> {
    if let Some(letters) = pending_letters(app) {
        return Some(
            RichText::new(letters)
                .strong()
                .color(visuals.selection.stroke.color),
        );
    }
    match &app.status {
        // Only an open inspection saves anything.
        Status::Idle if app.screen == Screen::Inspection => {
            Some(RichText::new(app.t(T::NoSaveButton)))
        }
        Status::Idle => None,
        Status::Saved(at) => {
            let time: String = at.chars().skip(11).take(8).collect();
            Some(RichText::new(format!("{} {time} UTC", app.t(T::Saved))))
        }
        Status::Info(text) => Some(RichText::new(text)),
        Status::Error(text) => Some(RichText::new(text).color(visuals.error_fg_color)),
    }
}
