//! Importing the centre's self-assessment named in the Centre tab's form: read and
//! checked by [`crate::self_assessment::read`], imported by
//! [`crate::self_assessment::import`] in one transaction (so that Ctrl+Z takes it back
//! as one step). When self grades typed in by hand would change, the import refuses
//! ([`SelfError::WouldReplace`]) and the form lists them, with a button to replace them.

use std::path::Path;

use crate::inspection::HistoryEntry;
use crate::self_assessment::{self, ImportError, ImportPlan, SelfAssessment, SelfError};
use crate::support::files;
use crate::support::settings::Language;
use crate::ui::app::AkreditApp;
use crate::ui::i18n::{self, T};
use crate::ui::session::Session;

impl AkreditApp {
    /// Reads, checks and imports the file named in the form. Refuses, changing nothing, on
    /// any problem with the file, and when hand-entered self grades would change unless
    /// `replace`.
    pub(super) fn import_self(&mut self, replace: bool) {
        let lang = self.settings.language;
        let Some(session) = &mut self.session else {
            return;
        };
        let path = std::path::PathBuf::from(session.self_import.path.trim());
        let sa = match read(&path, session, lang) {
            Ok(sa) => sa,
            Err(e) => {
                session.self_import.outcome = Some(Err(e));
                session.self_import.conflicts.clear();
                return;
            }
        };
        match self_assessment::import(&mut session.inspection, &sa, replace) {
            Ok(plan) => {
                session.refresh();
                let summary = summary(&path, &plan, &sa, session, lang);
                session.self_import.conflicts.clear();
                session.self_import.outcome = Some(Ok(summary));
                let written = written_rows(session, plan.changes.len());
                self.after_written(written);
            }
            Err(ImportError::SelfAssessment(SelfError::WouldReplace(conflicts))) => {
                session.self_import.conflicts =
                    conflicts.iter().map(|c| i18n::conflict(c, lang)).collect();
                session.self_import.outcome =
                    Some(Err(T::SelfImportConflicts.get(lang).to_string()));
            }
            Err(ImportError::Store(e)) => {
                session.after_refused_write(&e);
                session.self_import.conflicts.clear();
                session.self_import.outcome = Some(Err(i18n::error(&e, lang)));
                self.not_saved(&e);
            }
            Err(e) => {
                session.self_import.conflicts.clear();
                session.self_import.outcome = Some(Err(i18n::error(&e, lang)));
            }
        }
    }
}

/// The self-assessment file, read (a regular file of bounded size) and checked against
/// the inspection's catalogue and model; the error in words.
fn read(path: &Path, session: &Session, lang: Language) -> Result<SelfAssessment, String> {
    let bytes = files::read_bounded(path, self_assessment::MAX_FILE_BYTES, "self-assessment")
        .map_err(|e| i18n::error(&e, lang))?;
    self_assessment::read(&bytes, session.inspection.catalogue(), session.model())
        .map_err(|e| i18n::error(&e, lang))
}

/// What the import did, for the form.
fn summary(
    path: &Path,
    plan: &ImportPlan,
    sa: &SelfAssessment,
    session: &Session,
    lang: Language,
) -> String {
    let mut summary = format!(
        "{}: {} · {} {} · {}",
        T::SelfImported.get(lang),
        path.display(),
        plan.changes.len(),
        T::SelfGradesSet.get(lang),
        i18n::provenance(&sa.provenance, lang)
    );
    if let Some(other) = sa.other_centre(session.inspection.answers()) {
        summary.push_str(&format!(" · {}: {other}", T::SelfOtherCentre.get(lang)));
    }
    if !plan.not_applicable.is_empty() {
        let codes: Vec<&str> = plan.not_applicable.iter().map(|c| c.as_str()).collect();
        summary.push_str(&format!(
            " · {}: {}",
            T::SelfNotTakenNa.get(lang),
            codes.join(", ")
        ));
    }
    summary
}

/// The history rows the import just wrote, for Ctrl+Z and the status bar.
///
/// [`self_assessment::import`] returns its plan, not the rows it wrote, so they are read
/// back: each change of the plan sets a self grade that differs from the current one, and
/// so writes exactly one row, at the end of the history; the window holds the file's
/// writer lock, so no other program wrote in between. Rows of one batch share their time:
/// if the last `count` rows do not, nothing is offered for undo rather than a wrong step.
fn written_rows(session: &Session, count: usize) -> Vec<HistoryEntry> {
    if count == 0 {
        return Vec::new();
    }
    let Ok(mut history) = session.inspection.history(None) else {
        return Vec::new();
    };
    let rows = history.split_off(history.len().saturating_sub(count));
    let one_batch = rows.len() == count && rows.windows(2).all(|w| w[0].at == w[1].at);
    if one_batch { rows } else { Vec::new() }
}
