//! The Centre tab's "import the centre's self-assessment" form: a file (the JSON of
//! `export-self` or a filled-in CSV template), the import, and — when self grades were
//! already entered by hand — the list of what would change, with a button to replace.

use egui::Ui;

use super::{AkreditApp, Command, Session, T};
use crate::self_assessment;
use crate::support::settings::Language;

/// The form's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SelfImport {
    /// The file to import.
    pub path: String,
    /// What the last attempt gave: a summary, or why it was refused.
    pub outcome: Option<Result<String, String>>,
    /// Self grades entered by hand that the file would change (`code: X → Y`).
    pub conflicts: Vec<String>,
}

/// Reads, checks and imports the file named in the form (as one batch, so Ctrl+Z
/// takes it back). Refuses, changing nothing, on any problem with the file, and when
/// hand-entered self grades would change unless `replace`.
pub fn run(app: &mut AkreditApp, replace: bool) {
    let lang = app.settings.language;
    let Some(session) = &mut app.session else {
        return;
    };
    let path = std::path::PathBuf::from(session.self_import.path.trim());
    let read = crate::support::files::read_bounded(
        &path,
        self_assessment::MAX_FILE_BYTES,
        "self-assessment",
    )
    .map_err(|e| e.to_string())
    .and_then(|bytes| {
        self_assessment::read(&bytes, session.inspection.catalogue(), session.model())
            .map_err(|e| e.to_string())
    });
    let sa = match read {
        Ok(sa) => sa,
        Err(e) => {
            session.self_import.outcome = Some(Err(e));
            session.self_import.conflicts.clear();
            return;
        }
    };
    let plan = self_assessment::plan(session.inspection.answers(), &sa);
    if !plan.conflicts.is_empty() && !replace {
        session.self_import.conflicts = plan
            .conflicts
            .iter()
            .map(|c| {
                let imported = c
                    .imported
                    .map_or_else(|| T::NotAssessed.get(lang).to_string(), |g| g.to_string());
                format!(
                    "{}: {} {}, {} {imported}",
                    c.code,
                    T::InInspection.get(lang),
                    c.current,
                    T::InFile.get(lang)
                )
            })
            .collect();
        session.self_import.outcome = Some(Err(T::SelfImportConflicts.get(lang).to_string()));
        return;
    }
    let mut summary = format!(
        "{}: {} · {} {} · {}",
        T::SelfImported.get(lang),
        path.display(),
        plan.changes.len(),
        T::SelfGradesSet.get(lang),
        sa.provenance
    );
    if let Some(other) = sa.other_centre(session.inspection.answers()) {
        summary.push_str(&format!(" · {}: {other}", T::SelfOtherCentre.get(lang)));
    }
    session.self_import.conflicts.clear();
    session.self_import.outcome = Some(Ok(summary));
    if !plan.changes.is_empty() {
        app.apply(plan.changes);
    }
}

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
    super::export::outcome_label(&session.self_import.outcome, ui);
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
