//! What each [`Command`] does, applied after the frame that pushed it. [`AkreditApp::execute`]
//! only dispatches; the handlers sit by the job they do:
//!
//! - [`files`]: create, open, restore from a backup, close; the native file dialogs;
//! - [`changes`]: a change to the inspection (through
//!   [`crate::inspection::Inspection::apply`]), grades from the keyboard, undo and redo,
//!   why a key did nothing, the N/A reason and note being typed;
//! - [`navigation`]: screens, tabs, the focused standard, filter, search, the key column;
//! - [`export`]: the Export dialog (sign and write the result and the protocol, or a
//!   centre's self-assessment);
//! - [`self_import`]: importing the centre's self-assessment
//!   ([`crate::self_assessment::import`]);
//! - [`team`]: the expert group of the Centre tab (a member added, a member's key), the
//!   team filter;
//! - [`merge`]: the merge dialog of the members' signed parts ([`crate::team::plan`]);
//! - [`evidence`]: photos and scans dropped on the window, attached to the focused
//!   standard;
//! - [`kep`]: the КЕП screen (the files to check, the trusted files, the check);
//! - [`settings`]: language, text size, theme, how the keys move.

mod changes;
mod evidence;
mod export;
mod files;
mod kep;
mod merge;
mod navigation;
mod self_import;
mod settings;
mod team;

pub(in crate::ui) use evidence::is_evidence_name;

use crate::ui::app::AkreditApp;
use crate::ui::command::Command;
use crate::ui::commission::runner;

impl AkreditApp {
    /// Applies one command.
    pub(in crate::ui) fn execute(&mut self, command: Command) {
        let lang = self.settings.language;
        if command.clears_status() {
            self.status = crate::ui::app::Status::Idle;
        }
        match command {
            Command::Apply(changes) => {
                self.apply(changes);
            }
            Command::KeyGrade {
                code,
                column,
                grade,
            } => self.key_grade(code, column, grade),
            Command::Refused(refused) => self.refused(&refused),
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::Open(path) => self.open(&path),
            Command::Create(path, new) => self.create(&path, &new),
            Command::BrowseOpen => self.browse_open(),
            Command::BrowseSave => self.browse_save(),
            Command::CloseInspection => self.close_inspection(),
            Command::RestoreBackup { backup, damaged } => self.restore(&backup, &damaged),
            Command::ShowScreen(screen) => self.show_screen(screen),
            Command::SelectTab(tab) => self.select_tab(tab),
            Command::Focus(code) => self.focus(code),
            Command::MoveFocus(step) => self.move_focus(step),
            Command::EditNaReason(code) => self.edit_na_reason(code),
            Command::EditNote(code) => self.edit_note(code),
            Command::EditRecommendation(code) => self.edit_recommendation(code),
            Command::FinishEditing(save) => self.finish_editing(save),
            Command::SetFilter(filter) => self.set_filter(filter),
            Command::Search(text) => self.search(text),
            Command::ToggleKeyColumn => self.toggle_key_column(),
            Command::ToggleHelp => self.help_open = !self.help_open,
            Command::OpenExport => self.open_export(),
            Command::RunExport => self.run_export(),
            Command::CloseExport => self.export = None,
            Command::ImportSelf { replace } => self.import_self(replace),
            Command::BrowseSelfAssessment => self.browse_self_assessment(),
            Command::RunCommission => runner::run(&mut self.commission, &self.catalogue, lang),
            Command::BrowseCommissionFolder => self.browse_commission_folder(),
            Command::SortCommission(key) => self.commission.sort_by(key),
            Command::OpenCommissionResult(path) => {
                runner::open(&mut self.commission, &self.catalogue, &path, lang)
            }
            Command::CloseCommissionResult => self.commission.detail = None,
            Command::Commission(action) => self.commission_action(action),
            Command::AddMember(role) => self.add_member(role),
            Command::SetMemberKey { name, source } => self.set_member_key(name, &source),
            Command::BrowseMemberKey(name) => self.browse_member_key(name),
            Command::SetTeamFilter(filter) => self.set_team_filter(filter),
            Command::MakePart(name) => self.make_part(&name),
            Command::OpenMerge => self.open_merge(),
            Command::BrowseParts => self.browse_parts(),
            Command::ReadParts(paths) => self.read_parts(paths),
            Command::TakeAssessment { code, author } => self.take_assessment(code, author),
            Command::RunMerge => self.run_merge(),
            Command::CloseMerge => {
                if let Some(s) = &mut self.session {
                    s.merge = None;
                }
            }
            Command::Evidence(action) => self.evidence(action),
            Command::KepFiles(files) => self.kep_files(&files),
            Command::BrowseKepFiles => self.browse_kep_files(),
            Command::BrowseKepTrust => self.browse_kep_trust(),
            Command::CheckKep => self.check_kep(),
            Command::SetLanguage(lang) => self.set_language(lang),
            Command::SetTextPercent(p) => self.set_text_percent(p),
            Command::SetTheme(theme) => self.set_theme(theme),
            Command::SetSkipNotApplicable(on) => self.set_skip_not_applicable(on),
            Command::SetAutoAdvance(on) => self.set_auto_advance(on),
            Command::SetReducePhotos(on) => {
                self.settings.reduce_photos = on;
                self.save_settings();
            }
        }
    }
}
