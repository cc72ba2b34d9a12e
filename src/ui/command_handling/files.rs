//! Creating, opening, restoring and closing inspection files (each opened where the
//! expert stopped in it), and the native dialogs that choose files.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::inspection::{Access, Inspection, NewInspection, StoreError, backup};
use crate::support::files;
use crate::support::home::Home;
use crate::support::settings::Language;
use crate::support::time::now_utc;
use crate::ui::app::{AkreditApp, Status};
use crate::ui::dialogs::Dialogs;
use crate::ui::i18n::{self, T};
use crate::ui::session::Session;
use crate::ui::view::{Screen, Tab};

/// A file dialog answering nothing sooner than this never appeared (see
/// [`AkreditApp::choose`]).
const NO_DIALOG: Duration = Duration::from_millis(250);

impl AkreditApp {
    /// Opens an inspection for changes (taking a backup of it first) and shows it.
    pub(super) fn open(&mut self, path: &Path) {
        let lang = self.settings.language;
        let backups = self.home.as_ref().map(Home::backups);
        match Inspection::open_for_changes(path, self.catalogue.clone(), backups.as_deref()) {
            Ok((insp, not_backed_up)) => {
                // A message of before (a refusal on the start screen) does not stay.
                self.status = match not_backed_up {
                    Some(e) => Status::Error(format!(
                        "{}: {}",
                        T::BackupFailed.get(lang),
                        i18n::error(&e, lang)
                    )),
                    None => Status::Idle,
                };
                self.note_place();
                self.settings.remember(path);
                self.save_settings();
                let mut session = Session::new(insp);
                if let Some(place) = self.settings.place(path) {
                    session.go_to(place);
                }
                self.show_session(session);
            }
            Err(e) => self.status = Status::Error(self.open_refused(path, &e)),
        }
    }

    /// Why a file was not opened, in words. A damaged inspection is read once more,
    /// read-only, so that what is wrong with it is said in the interface's language too
    /// (the store's error carries it in English only).
    fn open_refused(&self, path: &Path, e: &StoreError) -> String {
        let lang = self.settings.language;
        if let (Language::Uk, StoreError::Damaged { path: file, .. }) = (lang, e)
            && let Ok(insp) = Inspection::open(path, self.catalogue.clone(), Access::ReadOnly)
            && !insp.problems().is_empty()
        {
            return i18n::damaged(file, &i18n::problems(insp.problems(), lang));
        }
        i18n::error(e, lang)
    }

    /// Creates an inspection and shows it.
    pub(super) fn create(&mut self, path: &Path, new: &NewInspection) {
        let lang = self.settings.language;
        // The store refuses a nameless centre too; said here in the user's words.
        if new.centre_name.trim().is_empty() {
            self.status = Status::Error(T::CentreNameNeeded.get(lang).to_string());
            return;
        }
        match Inspection::create(path, self.catalogue.clone(), new) {
            Ok(insp) => {
                self.note_place();
                // The start form offers the expert's name next time.
                self.settings.expert = new.expert.trim().to_string();
                self.settings.remember(path);
                self.save_settings();
                self.show_session(Session::new(insp));
                self.status = Status::Idle;
            }
            Err(e) => self.status = Status::Error(i18n::error(&e, lang)),
        }
    }

    /// Shows a session just opened or created.
    fn show_session(&mut self, mut session: Session) {
        // Photos are decoded where the recent list is read: on a thread in the window.
        session.pictures = crate::ui::pictures::Pictures::new(self.recent_reader.reads());
        self.session = Some(session);
        self.screen = Screen::Inspection;
    }

    /// Restores `backup` into a new file beside the damaged inspection
    /// (`NAME.restored-STAMP.akredit`, never over anything) and opens it; the damaged file
    /// stays as it is.
    pub(super) fn restore(&mut self, backup: &Path, damaged: &Path) {
        let lang = self.settings.language;
        let target = restored_name(damaged);
        match backup::restore(backup, &target, self.catalogue.clone()) {
            Ok(()) => {
                self.open(&target);
                if self.session.is_some() {
                    self.status =
                        Status::Info(format!("{} {}", T::Restored.get(lang), target.display()));
                }
            }
            Err(e) => self.status = Status::Error(i18n::error(&e, lang)),
        }
        self.refresh_recent();
    }

    /// Closes the inspection (everything acknowledged is on disk) and shows the start.
    pub(super) fn close_inspection(&mut self) {
        self.remember_place();
        self.session = None;
        self.screen = Screen::Start;
        self.refresh_recent();
    }

    /// Writes into the settings file where the expert stopped in the open inspection (its
    /// tab and focused standard), so that it opens there next time; never into the file.
    pub(in crate::ui) fn remember_place(&mut self) {
        if self.session.is_some() {
            self.note_place();
            self.save_settings();
        }
    }

    /// Notes in the settings (not yet on disk) where the expert stopped in the open
    /// inspection.
    fn note_place(&mut self) {
        if let Some(s) = &self.session {
            let standard = s.focused.as_ref().map(|c| c.to_string());
            let centre_tab = s.tab == Tab::Centre;
            self.settings
                .set_place(s.inspection.path(), standard, centre_tab);
        }
    }

    /// Opens the file the native dialog gives.
    pub(super) fn browse_open(&mut self) {
        if let Some(path) = self.choose(|d| d.open(), T::NoDialogOpen) {
            self.open(&path);
        }
    }

    /// Puts where the native dialog says to save into the "new inspection" form.
    pub(super) fn browse_save(&mut self) {
        let name = self.form.suggested_file_name();
        if let Some(path) = self.choose(|d| d.save(&name), T::NoDialogSave) {
            self.form.path = path.display().to_string();
        }
    }

    /// Puts the self-assessment file the native dialog gives into the Centre tab's form.
    pub(super) fn browse_self_assessment(&mut self) {
        if let Some(path) = self.choose(|d| d.self_assessment(), T::NoDialogSelf)
            && let Some(s) = &mut self.session
        {
            s.self_import.path = path.display().to_string();
        }
    }

    /// Asks a native dialog for a file. A dialog that gives nothing at once never
    /// appeared (no dialog on this system, e.g. no desktop portal on Linux: rfd then
    /// answers as if cancelled; no person cancels a dialog that fast): the status line
    /// then says so and points to the field where the path can be typed (`instead`).
    pub(super) fn choose(
        &mut self,
        ask: impl FnOnce(&dyn Dialogs) -> Option<PathBuf>,
        instead: T,
    ) -> Option<PathBuf> {
        self.choose_files(|d| ask(d).into_iter().collect(), instead)
            .pop()
    }

    /// Asks a native dialog for files, as [`AkreditApp::choose`] asks for one.
    pub(super) fn choose_files(
        &mut self,
        ask: impl FnOnce(&dyn Dialogs) -> Vec<PathBuf>,
        instead: T,
    ) -> Vec<PathBuf> {
        let started = Instant::now();
        let chosen = ask(self.dialogs.as_ref());
        if chosen.is_empty() && started.elapsed() < NO_DIALOG {
            self.status = Status::Info(instead.get(self.settings.language).to_string());
        }
        chosen
    }

    /// Puts the folder the native dialog gives into the commission overview's form.
    pub(super) fn browse_commission_folder(&mut self) {
        if let Some(path) = self.dialogs.folder() {
            self.commission.path = path.display().to_string();
        }
    }
}

/// `NAME.restored-STAMP.akredit` beside the damaged file, numbered when taken.
fn restored_name(damaged: &Path) -> PathBuf {
    let stem = damaged
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "inspection".into());
    let stamp: String = now_utc()
        .chars()
        .filter(char::is_ascii_digit)
        .take(14)
        .collect();
    files::free_name(&damaged.with_file_name(format!("{stem}.restored-{stamp}.akredit")))
}
