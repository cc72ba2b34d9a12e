//! The screens: they read the app's state and push [`crate::ui::Command`]s, and change
//! nothing else but the text being typed into their fields.
//!
//! - [`bars`]: the top bar and the status bar, on every screen;
//! - [`start`]: a new inspection, opening one, the recent inspections;
//! - [`inspection`]: the open inspection — its tabs, filters and search — with
//!   [`centre`] (the application form, documents, N/A preset, [`team`] the expert
//!   group, [`self_import`]),
//!   [`group`] (a group's standards with their grades and recommendations),
//!   [`recommendations`] (a standard's recommendation, the «Рекомендації» tab and the
//!   general conclusion) and [`result`] (the result panel, with [`chart`]);
//! - [`text_field`]: a text saved when its field lets go of the keyboard;
//! - [`evidence`]: the thumbnails under a standard or document, and the viewer;
//! - [`export`]: the Export dialog; [`merge`]: the merge of the members' parts;
//! - [`kep`]: the check of qualified signatures (КЕП) over a conclusion or a result;
//! - [`settings`], [`help`] (the keys).
//!
//! The commission overview draws itself: [`crate::ui::commission`].

mod bars;
mod centre;
mod chart;
mod evidence;
mod export;
mod group;
mod help;
mod inspection;
mod kep;
mod merge;
mod recommendations;
mod result;
mod self_import;
mod settings;
mod start;
mod team;
mod text_field;

use egui::Ui;

use crate::ui::app::AkreditApp;
use crate::ui::commission;
use crate::ui::view::Screen;

/// Draws the current screen.
pub fn show(app: &mut AkreditApp, ui: &mut Ui) {
    egui::Panel::top("top_bar").show(ui, |ui| bars::top_bar(app, ui));
    egui::Panel::bottom("status_bar").show(ui, |ui| bars::status_bar(app, ui));
    match app.screen {
        Screen::Start => {
            egui::CentralPanel::default().show(ui, |ui| start::show(app, ui));
        }
        Screen::Settings => {
            egui::CentralPanel::default().show(ui, |ui| settings::show(app, ui));
        }
        Screen::Inspection => inspection::show(app, ui),
        Screen::Commission => {
            egui::CentralPanel::default().show(ui, |ui| commission::show(app, ui));
        }
        Screen::Kep => {
            egui::CentralPanel::default().show(ui, |ui| kep::show(app, ui));
        }
    }
    if app.export.is_some() && app.screen == Screen::Inspection {
        export::show(app, ui);
    }
    if app.screen == Screen::Inspection && app.session.as_ref().is_some_and(|s| s.merge.is_some()) {
        merge::show(app, ui);
    }
    if app.screen == Screen::Inspection && app.session.as_ref().is_some_and(|s| s.viewing.is_some())
    {
        evidence::viewer(app, ui);
    }
    if app.help_open {
        help::show(app, ui);
    }
}
