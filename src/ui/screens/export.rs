//! The Export dialog: completeness first (with links to what is missing), the signing key
//! (made on first use), then the signed result and, beside it, the PDF protocol. For a
//! centre's own file: its self-assessment, signed if it can be. The export itself:
//! `command_handling::export`.

use egui::{RichText, Ui};

use crate::catalogue::Code;
use crate::signed;
use crate::support::settings::Language;
use crate::ui::app::AkreditApp;
use crate::ui::command::Command;
use crate::ui::forms::ExportDialog;
use crate::ui::i18n::{self, T};
use crate::ui::style::outcome_label;
use crate::ui::view::Tab;

/// How many missing codes of a group are listed as links.
const LISTED_MISSING: usize = 40;

/// Draws the dialog.
pub fn show(app: &mut AkreditApp, ui: &Ui) {
    let lang = app.settings.language;
    let (Some(session), Some(dialog)) = (&app.session, &mut app.export) else {
        return;
    };
    let mut commands = Vec::new();
    let mut open = true;
    let is_self = session.is_self_assessment();
    let is_part = session.part_member().is_some();
    let title = if is_self {
        T::SaveSelfAssessment
    } else if is_part {
        T::SignPart
    } else {
        T::Export
    };
    egui::Window::new(title.get(lang))
        .collapsible(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .open(&mut open)
        .show(ui.ctx(), |ui| {
            if is_self {
                self_body(dialog, lang, ui, &mut commands);
                return;
            }
            if is_part {
                part_body(dialog, lang, ui, &mut commands);
                return;
            }
            let lacking = signed::what_final_lacks(&session.inspection);
            result_body(dialog, &lacking, lang, ui, &mut commands);
        });
    if !open {
        commands.push(Command::CloseExport);
    }
    for c in commands {
        app.push(c);
    }
}

/// The dialog for the commission's result: final only when nothing is lacking, or a
/// draft; the button says why it cannot be pressed.
fn result_body(
    dialog: &mut ExportDialog,
    lacking: &signed::Lacking,
    lang: Language,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    if lacking.is_empty() {
        ui.label(T::ExportComplete.get(lang));
        dialog.draft = false;
    } else {
        egui::ScrollArea::vertical()
            .max_height(220.0)
            .show(ui, |ui| lacking_list(lacking, lang, ui, commands));
        ui.checkbox(&mut dialog.draft, T::ExportDraft.get(lang));
    }
    key_and_path(dialog, T::ResultFile, lang, ui);
    ui.checkbox(&mut dialog.with_pdf, T::ExportPdf.get(lang));
    ui.checkbox(&mut dialog.with_conclusion, T::ExportConclusion.get(lang));
    let blocked = if !lacking.is_empty() && !dialog.draft {
        Some(T::SignBlockedLacking)
    } else {
        key_blocked(dialog)
    };
    sign_button(dialog, T::SignAndSave, blocked, lang, ui, commands);
}

/// Why signing waits for the key: no name typed for a new key, or the name not confirmed.
fn key_blocked(dialog: &ExportDialog) -> Option<T> {
    if !dialog.has_key && dialog.key_name.trim().is_empty() {
        Some(T::SignBlockedKeyName)
    } else if !dialog.has_key && !dialog.key_name_confirmed {
        Some(T::SignBlockedKeyConfirm)
    } else {
        None
    }
}

/// The button that signs and writes (`label`), enabled unless `blocked` says why not
/// (said beneath it), and what the last attempt gave.
fn sign_button(
    dialog: &ExportDialog,
    label: T,
    blocked: Option<T>,
    lang: Language,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    if ui
        .add_enabled(
            blocked.is_none(),
            egui::Button::new(RichText::new(label.get(lang)).strong()),
        )
        .clicked()
    {
        commands.push(Command::RunExport);
    }
    if let Some(why) = blocked {
        ui.label(RichText::new(why.get(lang)).weak());
    }
    outcome_label(&dialog.outcome, ui);
}

/// What keeps the result from being final: ungraded standards (links), missing facts
/// (a link to the Centre tab, where they are entered), contradictions (links).
fn lacking_list(
    lacking: &signed::Lacking,
    lang: Language,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    if !lacking.standards.is_empty() {
        ui.label(RichText::new(T::ExportIncomplete.get(lang)).strong());
        missing_links(&lacking.standards, ui, commands);
    }
    if !lacking.facts.is_empty() {
        ui.label(RichText::new(T::ExportFactsMissing.get(lang)).strong());
        for fact in &lacking.facts {
            ui.label(format!("• {}", i18n::missing_fact(fact, lang)));
        }
        if ui.link(T::GoToCentreTab.get(lang)).clicked() {
            commands.push(Command::SelectTab(Tab::Centre));
            commands.push(Command::CloseExport);
        }
    }
    if !lacking.contradictions.is_empty() {
        ui.label(RichText::new(T::ExportContradictions.get(lang)).strong());
        ui.horizontal_wrapped(|ui| {
            for code in &lacking.contradictions {
                if ui.link(code.as_str()).clicked() {
                    commands.push(Command::Focus(code.clone()));
                    commands.push(Command::CloseExport);
                }
            }
        });
    }
}

/// What is still ungraded, per group, each code a link to it.
fn missing_links(missing: &[(Code, Vec<Code>)], ui: &mut Ui, commands: &mut Vec<Command>) {
    for (group, codes) in missing {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{group}:"));
            for code in codes.iter().take(LISTED_MISSING) {
                if ui.link(code.as_str()).clicked() {
                    commands.push(Command::Focus(code.clone()));
                    commands.push(Command::CloseExport);
                }
            }
            if codes.len() > LISTED_MISSING {
                ui.label(format!("… +{}", codes.len() - LISTED_MISSING));
            }
        });
    }
}

/// The dialog for a centre's self-assessment: no completeness gate (a centre may leave
/// standards unassessed), the key optional.
fn self_body(dialog: &mut ExportDialog, lang: Language, ui: &mut Ui, commands: &mut Vec<Command>) {
    if !dialog.has_key {
        ui.label(T::SelfUnsignedNote.get(lang));
    }
    key_and_path(dialog, T::SelfExportFile, lang, ui);
    ui.checkbox(&mut dialog.with_pdf, T::SelfExportPdf.get(lang));
    // A name typed for a new key is made into one only once confirmed; with no name the
    // file is written unsigned.
    let unconfirmed =
        !dialog.has_key && !dialog.key_name.trim().is_empty() && !dialog.key_name_confirmed;
    if ui
        .add_enabled(
            !unconfirmed,
            egui::Button::new(RichText::new(T::SaveSelfAssessment.get(lang)).strong()),
        )
        .clicked()
    {
        commands.push(Command::RunExport);
    }
    if unconfirmed {
        ui.label(RichText::new(T::SignBlockedKeyConfirm.get(lang)).weak());
    }
    outcome_label(&dialog.outcome, ui);
}

/// The dialog for a member's part: no completeness gate (a member grades their groups),
/// their own key, the signed part's file.
fn part_body(dialog: &mut ExportDialog, lang: Language, ui: &mut Ui, commands: &mut Vec<Command>) {
    ui.add(egui::Label::new(T::PartExportNote.get(lang)).wrap());
    key_and_path(dialog, T::PartFile, lang, ui);
    sign_button(dialog, T::SignPart, key_blocked(dialog), lang, ui, commands);
}

/// The name for a new key (when there is none yet) and where to write the file.
fn key_and_path(dialog: &mut ExportDialog, file_label: T, lang: Language, ui: &mut Ui) {
    if !dialog.has_key {
        let label = ui.label(T::KeyName.get(lang));
        let typed = ui
            .add(egui::TextEdit::singleline(&mut dialog.key_name).desired_width(360.0))
            .labelled_by(label.id);
        if typed.changed() {
            // A confirmation is of the name as it now reads.
            dialog.key_name_confirmed = false;
        }
        if !dialog.key_name.trim().is_empty() {
            let confirm = T::KeyNameConfirm
                .get(lang)
                .replace("{name}", dialog.key_name.trim());
            ui.checkbox(&mut dialog.key_name_confirmed, confirm);
        }
    }
    let label = ui.label(file_label.get(lang));
    ui.add(egui::TextEdit::singleline(&mut dialog.path).desired_width(480.0))
        .labelled_by(label.id);
}
