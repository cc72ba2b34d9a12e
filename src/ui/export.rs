//! The Export dialog: completeness first (with links to what is missing), the signing key
//! (made on first use), then the signed result and, beside it, the PDF protocol.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use super::{AkreditApp, Command, T};
use crate::signed::{self, Identity, KeyError};

/// The state of the Export dialog.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportDialog {
    /// Where to write the result.
    pub path: String,
    /// Export although incomplete.
    pub draft: bool,
    /// Also write the PDF protocol beside the result.
    pub with_pdf: bool,
    /// The name for a new key.
    pub key_name: String,
    /// What the last attempt gave: the result's hash and fingerprint, or an error.
    pub outcome: Option<Result<String, String>>,
}

/// The file suggested beside an inspection: `NAME.result.json`, or `NAME.self.json` for
/// a centre's self-assessment.
pub fn suggested_path(inspection: &Path, self_assessment: bool) -> PathBuf {
    let stem = inspection
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "inspection".into());
    let kind = if self_assessment { "self" } else { "result" };
    inspection.with_file_name(format!("{stem}.{kind}.json"))
}

/// Writes a centre's self-assessment: signed when this computer has a key (or one is
/// made with the name given), unsigned otherwise.
fn run_self(app: &mut AkreditApp, dialog: &ExportDialog) -> Result<String, String> {
    let lang = app.settings.language;
    let identity = match &app.home {
        None => None,
        Some(home) => match Identity::load_if_any(home).map_err(|e| e.to_string())? {
            None if !dialog.key_name.trim().is_empty() => {
                Some(Identity::create(home, &dialog.key_name).map_err(|e| e.to_string())?)
            }
            found => found,
        },
    };
    let path = PathBuf::from(dialog.path.trim());
    if path.as_os_str().is_empty() || crate::support::files::occupied(&path) {
        return Err(format!("{}: {}", path.display(), T::ExportExists.get(lang)));
    }
    let Some(session) = &app.session else {
        return Err(String::new());
    };
    let written = crate::self_assessment::export_self(
        &session.inspection,
        identity.as_ref(),
        &crate::support::time::now_utc(),
    )
    .map_err(|e| e.to_string())?;
    write_new(&path, &written.bytes)?;
    Ok(format!(
        "{} {} · {}/{} · SHA-256 {} · {}",
        T::ExportWritten.get(lang),
        path.display(),
        written.graded,
        written.standards,
        crate::catalogue::sha256_hex(&written.bytes),
        written.fingerprint.map_or_else(
            || T::Unsigned.get(lang).to_string(),
            |f| format!("{} {f}", T::Fingerprint.get(lang))
        )
    ))
}

/// Signs and writes the result (and the protocol); returns a summary for the user.
pub fn run(app: &mut AkreditApp) -> Result<String, String> {
    let lang = app.settings.language;
    let home = app
        .home
        .clone()
        .ok_or_else(|| "no data folder for the signing key".to_string())?;
    let Some(dialog) = app.export.clone() else {
        return Err(String::new());
    };
    if app.session.as_ref().is_some_and(|s| s.is_self_assessment()) {
        return run_self(app, &dialog);
    }
    let identity = match Identity::load(&home) {
        Ok(i) => i,
        Err(KeyError::Missing(_)) => {
            Identity::create(&home, &dialog.key_name).map_err(|e| e.to_string())?
        }
        Err(e) => return Err(e.to_string()),
    };
    let path = PathBuf::from(dialog.path.trim());
    if path.as_os_str().is_empty() || crate::support::files::occupied(&path) {
        return Err(format!("{}: {}", path.display(), T::ExportExists.get(lang)));
    }
    let catalogue = app.catalogue.clone();
    let Some(session) = &mut app.session else {
        return Err(String::new());
    };
    let signed = signed::export(&mut session.inspection, &identity, dialog.draft, &path)
        .map_err(|e| e.to_string())?;
    let mut summary = format!(
        "{} {} · SHA-256 {} · {} {}",
        T::ExportWritten.get(lang),
        path.display(),
        signed.sha256,
        T::Fingerprint.get(lang),
        signed.fingerprint
    );
    if dialog.with_pdf {
        let pdf_path =
            crate::protocol::write_beside(&path, &signed, &catalogue).map_err(|e| e.to_string())?;
        summary.push_str(&format!(" · PDF {}", pdf_path.display()));
    }
    Ok(summary)
}

/// The dialog for a centre's self-assessment: no completeness gate (a centre may leave
/// standards unassessed), the key optional.
fn self_body(
    dialog: &mut ExportDialog,
    has_key: bool,
    lang: crate::support::settings::Language,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    if !has_key {
        ui.label(T::SelfUnsignedNote.get(lang));
    }
    key_and_path(dialog, has_key, T::SelfExportFile, lang, ui);
    if ui
        .button(RichText::new(T::SaveSelfAssessment.get(lang)).strong())
        .clicked()
    {
        commands.push(Command::RunExport);
    }
    outcome_label(&dialog.outcome, ui);
}

/// The name for a new key (when there is none yet) and where to write the file.
fn key_and_path(
    dialog: &mut ExportDialog,
    has_key: bool,
    file_label: T,
    lang: crate::support::settings::Language,
    ui: &mut Ui,
) {
    if !has_key {
        let label = ui.label(T::KeyName.get(lang));
        ui.add(egui::TextEdit::singleline(&mut dialog.key_name).desired_width(360.0))
            .labelled_by(label.id);
    }
    let label = ui.label(file_label.get(lang));
    ui.add(egui::TextEdit::singleline(&mut dialog.path).desired_width(480.0))
        .labelled_by(label.id);
}

/// What the last attempt gave, in red when it failed.
pub fn outcome_label(outcome: &Option<Result<String, String>>, ui: &mut Ui) {
    match outcome {
        Some(Ok(summary)) => {
            ui.label(summary);
        }
        Some(Err(e)) => {
            ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
        }
        None => {}
    }
}

fn write_new(path: &Path, bytes: &[u8]) -> Result<(), String> {
    signed::write_new_file(path, bytes).map_err(|e| e.to_string())
}

/// Draws the dialog.
pub fn show(app: &mut AkreditApp, ui: &Ui) {
    let lang = app.settings.language;
    let (Some(session), Some(dialog)) = (&app.session, &app.export) else {
        return;
    };
    let missing = signed::missing_for_final(
        session.inspection.catalogue(),
        session.model(),
        session.inspection.answers(),
    );
    let has_key = app.home.as_ref().is_some_and(|h| Identity::load(h).is_ok());
    let mut dialog = dialog.clone();
    let mut commands = Vec::new();
    let mut open = true;
    let title = if session.is_self_assessment() {
        T::SaveSelfAssessment
    } else {
        T::Export
    };
    egui::Window::new(title.get(lang))
        .collapsible(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .open(&mut open)
        .show(ui.ctx(), |ui| {
            if session.is_self_assessment() {
                self_body(&mut dialog, has_key, lang, ui, &mut commands);
                return;
            }
            if missing.is_empty() {
                ui.label(T::ExportComplete.get(lang));
                dialog.draft = false;
            } else {
                ui.label(RichText::new(T::ExportIncomplete.get(lang)).strong());
                egui::ScrollArea::vertical()
                    .max_height(160.0)
                    .show(ui, |ui| {
                        for (group, codes) in &missing {
                            ui.horizontal_wrapped(|ui| {
                                ui.label(format!("{group}:"));
                                for code in codes.iter().take(40) {
                                    if ui.link(code.as_str()).clicked() {
                                        commands.push(Command::Focus(code.clone()));
                                        commands.push(Command::CloseExport);
                                    }
                                }
                                if codes.len() > 40 {
                                    ui.label(format!("… +{}", codes.len() - 40));
                                }
                            });
                        }
                    });
                ui.checkbox(&mut dialog.draft, T::ExportDraft.get(lang));
            }
            key_and_path(&mut dialog, has_key, T::ResultFile, lang, ui);
            ui.checkbox(&mut dialog.with_pdf, T::ExportPdf.get(lang));
            let ready = (missing.is_empty() || dialog.draft)
                && (has_key || !dialog.key_name.trim().is_empty());
            if ui
                .add_enabled(
                    ready,
                    egui::Button::new(RichText::new(T::SignAndSave.get(lang)).strong()),
                )
                .clicked()
            {
                commands.push(Command::RunExport);
            }
            outcome_label(&dialog.outcome, ui);
        });
    if !open {
        commands.push(Command::CloseExport);
    }
    app.export = Some(dialog);
    for c in commands {
        app.push(c);
    }
}
