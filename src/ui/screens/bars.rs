//! The top bar (back, the heading, language, export, settings) and the status bar (what
//! was saved or went wrong, the key column, the help hint).

use egui::{Align, RichText, Ui};

use crate::answers::Column;
use crate::support::settings::Language;
use crate::ui::app::{AkreditApp, Status};
use crate::ui::command::Command;
use crate::ui::i18n::T;
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
                ui.add(egui::Label::new(RichText::new(heading).heading()).truncate());
            });
        });
    });
}

/// The centre and model of the open inspection, or the screen's name.
fn heading(app: &AkreditApp) -> String {
    match &app.session {
        Some(s) if app.screen == Screen::Inspection => {
            let centre = s.inspection.answers().centre_name().to_string();
            let model = s.inspection.catalogue().model(s.model());
            format!("{centre} · {}", model.title)
        }
        _ if app.screen == Screen::Commission => app.t(T::CommissionOverview).to_string(),
        _ => app.t(T::AppName).to_string(),
    }
}

/// The status bar.
pub fn status_bar(app: &mut AkreditApp, ui: &mut Ui) {
    ui.horizontal(|ui| {
        match &app.status {
            // Only an open inspection saves anything.
            Status::Idle if app.screen == Screen::Inspection => {
                ui.label(app.t(T::NoSaveButton));
            }
            Status::Idle => {}
            Status::Saved(at) => {
                let time: String = at.chars().skip(11).take(8).collect();
                ui.label(format!("{} {time} UTC", app.t(T::Saved)));
            }
            Status::Info(text) => {
                ui.label(text);
            }
            Status::Error(text) => {
                ui.label(RichText::new(text.as_str()).color(ui.visuals().error_fg_color));
            }
        }
        ui.with_layout(egui::Layout::right_to_left(Align::Center), |ui| {
            ui.label(app.t(T::HelpHint));
            if let Some(s) = &app.session
                && app.screen == Screen::Inspection
            {
                let column = match s.key_column {
                    Column::Commission => app.t(T::Commission),
                    Column::SelfAssessment => app.t(T::SelfAssessment),
                };
                ui.label(format!("{}: {column} ·", app.t(T::KeyColumn)));
            }
        });
    });
}
