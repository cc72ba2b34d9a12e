//! The Centre tab's "import the centre's self-assessment" form: a file (the JSON of
//! `export-self` or a filled-in CSV template), the import, and — when self grades were
//! already entered by hand — the list of what would change, with a button to replace.
//! The import itself: [`crate::ui::command_handling`].

use egui::Ui;

use crate::support::settings::Language;
use crate::ui::command::Command;
use crate::ui::i18n::T;
use crate::ui::session::Session;
use crate::ui::style;

/// Draws the form (only for an expert's inspection).
pub fn section(session: &mut Session, lang: Language, ui: &mut Ui, commands: &mut Vec<Command>) {
    ui.heading(T::SelfImportHeading.get(lang));
    ui.label(T::SelfImportHelp.get(lang));
    let label = ui.label(T::SelfImportFile.get(lang));
    ui.horizontal(|ui| {
        if ui.button(T::Choose.get(lang)).clicked() {
            commands.push(Command::BrowseSelfAssessment);
        }
        ui.add(
            egui::TextEdit::singleline(&mut session.self_import.path).desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    });
    let ready = !session.self_import.path.trim().is_empty();
    if ui
        .add_enabled(ready, egui::Button::new(T::SelfImportButton.get(lang)))
        .clicked()
    {
        commands.push(Command::ImportSelf { replace: false });
    }
    style::outcome_label(&session.self_import.outcome, ui);
    if !session.self_import.conflicts.is_empty() {
        egui::ScrollArea::vertical()
            .id_salt("self_import_conflicts")
            .max_height(140.0)
            .show(ui, |ui| {
                for line in &session.self_import.conflicts {
                    ui.label(line);
                }
            });
        if ui.button(T::SelfImportReplace.get(lang)).clicked() {
            commands.push(Command::ImportSelf { replace: true });
        }
    }
}
