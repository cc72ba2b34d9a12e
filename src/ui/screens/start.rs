//! The start screen: a new inspection (left), opening one and the recent inspections
//! (right), and the way to the commission overview.

use std::path::PathBuf;

use egui::{RichText, ScrollArea, Ui};

use crate::catalogue::ModelId;
use crate::support::settings::Language;
use crate::ui::app::AkreditApp;
use crate::ui::command::Command;
use crate::ui::i18n::{self, T};
use crate::ui::recent::{RecentInfo, RecentState};
use crate::ui::view::Screen;

/// Draws the start screen.
pub fn show(app: &mut AkreditApp, ui: &mut Ui) {
    ScrollArea::vertical().show(ui, |ui| {
        ui.label(app.t(T::OrderLine));
        ui.add_space(8.0);
        ui.columns(2, |cols| {
            new_form(app, &mut cols[0]);
            open_panel(app, &mut cols[1]);
        });
    });
}

fn new_form(app: &mut AkreditApp, ui: &mut Ui) {
    ui.heading(app.t(T::NewInspection));
    ui.add_space(4.0);
    let label = ui.label(app.t(T::CentreName));
    let centre = ui
        .add(egui::TextEdit::singleline(&mut app.form.centre).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    ui.add_space(4.0);
    ui.label(app.t(T::Model));
    for (model, help) in [
        (ModelId::Sanitary, T::ModelSanitaryHelp),
        (ModelId::Full, T::ModelFullHelp),
    ] {
        ui.radio_value(&mut app.form.model, model, help.get(app.settings.language));
    }
    ui.add_space(4.0);
    let label = ui.label(app.t(T::Expert));
    ui.add(egui::TextEdit::singleline(&mut app.form.expert).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    let label = ui.label(app.t(T::VisitDate));
    let date = ui
        .add(egui::TextEdit::singleline(&mut app.form.visit_date).desired_width(160.0))
        .labelled_by(label.id);
    // The suggested file follows the name and the date (until the path is edited by hand).
    if centre.changed() || date.changed() {
        app.form.follow_facts();
    }
    let text = app.t(T::SelfAssessmentCheckbox);
    ui.checkbox(&mut app.form.self_assessment, text);
    let label = ui.label(app.t(T::FileLocation));
    ui.horizontal(|ui| {
        let choose = ui.button(app.t(T::Choose));
        ui.add(egui::TextEdit::singleline(&mut app.form.path).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        if choose.clicked() {
            app.push(Command::BrowseSave);
        }
    });
    ui.add_space(8.0);
    if ui
        .button(RichText::new(app.t(T::Create)).strong())
        .clicked()
    {
        app.push(Command::Create(
            app.form.path.trim().into(),
            app.form.new_inspection(),
        ));
    }
}

fn open_panel(app: &mut AkreditApp, ui: &mut Ui) {
    ui.heading(app.t(T::OpenInspection));
    ui.horizontal(|ui| {
        if ui.button(app.t(T::OpenFile)).clicked() {
            app.push(Command::BrowseOpen);
        }
    });
    ui.horizontal(|ui| {
        let open = ui.button(app.t(T::OpenPath));
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut app.form.open_path)
                    .hint_text("/…/centre.akredit")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(open.id);
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (open.clicked() || enter) && !app.form.open_path.trim().is_empty() {
            app.push(Command::Open(app.form.open_path.trim().into()));
        }
    });
    ui.add_space(8.0);
    if ui.button(app.t(T::CommissionOverview)).clicked() {
        app.push(Command::ShowScreen(Screen::Commission));
    }
    ui.label(RichText::new(app.t(T::CommissionStartHelp)).weak());
    ui.add_space(4.0);
    if ui.button(app.t(T::KepCheckButton)).clicked() {
        app.push(Command::ShowScreen(Screen::Kep));
    }
    ui.label(RichText::new(app.t(T::KepStartHelp)).weak());
    ui.add_space(8.0);
    ui.heading(app.t(T::Recent));
    recent_list(app, ui);
}

/// The recent inspections, each in a frame: a link that opens it, or why it cannot be
/// opened (and the backups of a damaged one).
fn recent_list(app: &mut AkreditApp, ui: &mut Ui) {
    if app.recent.is_empty() {
        if app.reading_recent() {
            ui.spinner();
        } else {
            ui.label(app.t(T::NoRecent));
        }
    }
    let lang = app.settings.language;
    let mut commands = Vec::new();
    for r in &app.recent {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            recent_entry(r, lang, ui, &mut commands);
        });
    }
    for c in commands {
        app.push(c);
    }
}

fn recent_entry(r: &RecentInfo, lang: Language, ui: &mut Ui, commands: &mut Vec<Command>) {
    let name = r
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match &r.state {
        RecentState::Ok {
            centre,
            model,
            scored,
            applicable,
            last_change,
        } => {
            if ui.link(RichText::new(centre).strong()).clicked() {
                commands.push(Command::Open(r.path.clone()));
            }
            ui.label(format!(
                "{name} · {} · {} {scored}/{applicable} · {} {}",
                i18n::model_name(*model, lang),
                T::Scored.get(lang),
                T::LastChange.get(lang),
                minutes(last_change)
            ));
        }
        RecentState::Missing => {
            ui.label(RichText::new(format!("{name} — {}", T::Missing.get(lang))).weak());
            ui.label(RichText::new(r.path.display().to_string()).weak().small());
        }
        RecentState::Unreadable(why) => {
            ui.label(RichText::new(format!("{name} — {}", T::Unreadable.get(lang))).weak());
            ui.label(RichText::new(why).weak().small());
        }
        RecentState::Damaged { why, backups } => {
            ui.label(
                RichText::new(format!("{name} — {}", T::Damaged.get(lang)))
                    .color(ui.visuals().error_fg_color),
            );
            ui.label(RichText::new(why).weak().small());
            if backups.is_empty() {
                ui.label(RichText::new(T::NoBackups.get(lang)).weak());
            }
            for b in backups {
                let label = format!(
                    "{} {} UTC",
                    T::RestoreBackup.get(lang),
                    minutes(&b.taken_at)
                );
                if ui.button(label).clicked() {
                    commands.push(restore(b.path.clone(), r.path.clone()));
                }
            }
        }
    }
}

/// `2026-11-23 14:11` of an RFC 3339 time.
fn minutes(at: &str) -> String {
    at.replace('T', " ").chars().take(16).collect()
}

fn restore(backup: PathBuf, damaged: PathBuf) -> Command {
    Command::RestoreBackup { backup, damaged }
}
