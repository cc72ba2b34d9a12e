//! The expert's window. Screens read the app's state and push [`Command`]s; the app
//! applies them once per frame, after drawing (the rerun viewer's pattern). Every change
//! to an inspection goes through [`crate::inspection::Inspection::apply`]; every figure
//! comes from [`crate::scoring::totals`]. No SQL and no arithmetic on scores live here.

pub mod commission;
mod export;
pub mod frames;
pub mod i18n;
mod keys;
mod result;
mod screens;
mod self_import;
mod standards;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::answers::{Altered, Change, Column};
use crate::catalogue::{Catalogue, Code, ModelId};
use crate::inspection::{Access, Inspection, NewInspection, Purpose};
use crate::scoring::{self, Tally, Totals};
use crate::support::home::Home;
use crate::support::settings::{Language, Settings, Theme};
use crate::support::time::now_utc;

pub use i18n::T;

/// The screens of the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Create or open an inspection.
    Start,
    /// The open inspection.
    Inspection,
    /// Settings and about.
    Settings,
    /// The commission's overview of many signed results (read-only).
    Commission,
}

/// The tabs of an open inspection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// The application form, documents and the N/A preset.
    Centre,
    /// A group of standards, by its position in the catalogue.
    Group(usize),
}

/// Which standards a group tab shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    /// All of them.
    #[default]
    All,
    /// Applicable and without a commission grade.
    Unscored,
    /// Not applicable.
    NotApplicable,
    /// With a note.
    WithNotes,
    /// Where the self-assessment differs from the commission.
    Divergent,
}

/// What the screens ask the app to do; applied once per frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Apply a batch of changes to the open inspection.
    Apply(Vec<Change>),
    /// Undo the last batch of this session (as new changes).
    Undo,
    /// Open an inspection file.
    Open(PathBuf),
    /// Create an inspection file and open it.
    Create(PathBuf, NewInspection),
    /// Ask for a file to open with the native dialog.
    BrowseOpen,
    /// Ask where to create the file with the native dialog.
    BrowseSave,
    /// Close the inspection and go to the start screen.
    CloseInspection,
    /// Show a screen.
    ShowScreen(Screen),
    /// Show a tab.
    SelectTab(Tab),
    /// Focus a standard (switching to its tab).
    Focus(Code),
    /// Move the focus by this many standards, across groups.
    MoveFocus(isize),
    /// Start typing the N/A reason of a standard.
    EditNaReason(Code),
    /// Start editing the note of a standard.
    EditNote(Code),
    /// Stop editing; save the text when true.
    FinishEditing(bool),
    /// Set the filter of group tabs.
    SetFilter(Filter),
    /// Open (Some) or close (None) the search.
    Search(Option<String>),
    /// Switch the column the keyboard grades.
    ToggleKeyColumn,
    /// Show or hide the keyboard help.
    ToggleHelp,
    /// Interface language.
    SetLanguage(Language),
    /// Text size in percent.
    SetTextPercent(u16),
    /// Colour scheme.
    SetTheme(Theme),
    /// Open the Export dialog.
    OpenExport,
    /// Sign and write the result (from the Export dialog).
    RunExport,
    /// Close the Export dialog.
    CloseExport,
    /// Import the centre's self-assessment named in the Centre tab's form.
    ImportSelf {
        /// Overwrite self grades already entered that differ.
        replace: bool,
    },
    /// Choose the centre's self-assessment file with the native dialog.
    BrowseSelfAssessment,
    /// Verify the results named in the commission overview's form and list them.
    RunCommission,
    /// Choose the commission overview's folder with the native dialog.
    BrowseCommissionFolder,
    /// Sort the commission overview by a column (the same column again: reverse).
    SortCommission(commission::SortKey),
    /// Show a result of the commission overview, read-only.
    OpenCommissionResult(PathBuf),
    /// Go back from a result to the commission overview's table.
    CloseCommissionResult,
    /// Restore a backup of a damaged inspection into a new file beside it, and open that.
    RestoreBackup {
        /// The backup.
        backup: PathBuf,
        /// The damaged inspection it is a backup of.
        damaged: PathBuf,
    },
}

/// What the status bar says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Nothing yet.
    Idle,
    /// The last change is on disk (UTC time).
    Saved(String),
    /// Information.
    Info(String),
    /// A failure, in words; what it concerns was not saved.
    Error(String),
}

/// A text being typed for a standard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Editing {
    /// The reason for N/A.
    NaReason {
        /// The standard.
        code: Code,
        /// The text so far.
        text: String,
    },
    /// The note.
    Note {
        /// The standard.
        code: Code,
        /// The text so far.
        text: String,
    },
}

/// The open inspection and how it is being viewed.
pub struct Session {
    /// The file.
    pub inspection: Inspection,
    /// Figures for the current answers.
    pub totals: Totals,
    /// Where the self-assessment and the commission differ, per group (kept with the
    /// totals, recomputed only when the answers change).
    pub divergences: Vec<(Code, Vec<Code>)>,
    /// The tab shown.
    pub tab: Tab,
    /// The standard the keyboard acts on.
    pub focused: Option<Code>,
    /// The filter of group tabs.
    pub filter: Filter,
    /// The search text, while the search is open.
    pub search: Option<String>,
    /// Whether keys grade the commission or the self-assessment column.
    pub key_column: Column,
    /// Text being typed for a standard.
    pub editing: Option<Editing>,
    /// Texts of centre fields and document notes being edited, by widget key.
    pub buffers: BTreeMap<String, String>,
    /// Letters typed towards a grade (МВ, НВ, ПВ) and when the first one came.
    pub pending_letters: (String, f64),
    /// Scroll the focused standard into view on the next frame.
    pub scroll_to_focus: bool,
    /// Give the keyboard to the text field just opened (search, reason, note).
    pub focus_pending: bool,
    /// The height of each standard's row when last drawn (to skip rows out of view).
    pub row_heights: std::collections::HashMap<Code, f32>,
    /// The "import the centre's self-assessment" form of the Centre tab.
    pub self_import: self_import::SelfImport,
    undo: Vec<Vec<Altered>>,
}

impl Session {
    fn new(inspection: Inspection) -> Session {
        let totals = scoring::totals(
            inspection.catalogue(),
            inspection.meta().model,
            inspection.answers(),
        );
        let divergences = scoring::divergences(
            inspection.catalogue(),
            inspection.meta().model,
            inspection.answers(),
        );
        let first = inspection
            .catalogue()
            .model_standards(inspection.meta().model)
            .next()
            .map(|s| s.code.clone());
        let key_column = inspection.meta().purpose.column();
        Session {
            inspection,
            totals,
            divergences,
            tab: Tab::Group(0),
            focused: first,
            filter: Filter::All,
            search: None,
            // A centre's own file has only the self-assessment column.
            key_column,
            editing: None,
            buffers: BTreeMap::new(),
            pending_letters: (String::new(), 0.0),
            scroll_to_focus: false,
            focus_pending: false,
            row_heights: std::collections::HashMap::new(),
            self_import: Default::default(),
            undo: Vec::new(),
        }
    }

    /// Whether the open file is a centre's self-assessment (only the self column).
    pub fn is_self_assessment(&self) -> bool {
        self.inspection.meta().purpose == Purpose::SelfAssessment
    }

    /// The column this file is about: the commission's, or the centre's own.
    pub fn main_column(&self) -> Column {
        self.inspection.meta().purpose.column()
    }

    /// The figures of [`Session::main_column`].
    pub fn main_tally<'a>(&self, commission: &'a Tally, own: &'a Tally) -> &'a Tally {
        if self.is_self_assessment() {
            own
        } else {
            commission
        }
    }

    /// The inspection's model.
    pub fn model(&self) -> ModelId {
        self.inspection.meta().model
    }

    fn refresh(&mut self) {
        let (catalogue, model, answers) = (
            self.inspection.catalogue(),
            self.model(),
            self.inspection.answers(),
        );
        self.totals = scoring::totals(catalogue, model, answers);
        self.divergences = scoring::divergences(catalogue, model, answers);
    }

    /// After a write was refused: when another program had changed the file, the
    /// inspection has been read again, so the figures are recomputed from what is on disk
    /// and the undo steps (which knew the old state) are dropped.
    fn after_refused_write(&mut self, e: &crate::inspection::StoreError) {
        if matches!(e, crate::inspection::StoreError::ChangedElsewhere(_)) {
            self.undo.clear();
            self.refresh();
        }
    }

    /// Whether a standard passes the current filter.
    pub fn passes(&self, code: &Code) -> bool {
        let a = self.inspection.answers().get(code);
        match self.filter {
            Filter::All => true,
            Filter::Unscored => !a.is_na() && a.grade(self.main_column()).is_none(),
            Filter::NotApplicable => a.is_na(),
            Filter::WithNotes => !a.note.is_empty(),
            Filter::Divergent => a.diverges(),
        }
    }
}

/// Native file dialogs, replaceable in tests.
pub trait Dialogs {
    /// Where to save a new inspection.
    fn save(&self, suggested_name: &str) -> Option<PathBuf>;
    /// Which inspection to open.
    fn open(&self) -> Option<PathBuf>;
    /// Which folder of results the commission overview reads (none by default: the
    /// path is typed).
    fn folder(&self) -> Option<PathBuf> {
        None
    }
}

/// The operating system's dialogs (through the XDG desktop portal on Linux).
pub struct NativeDialogs;

impl Dialogs for NativeDialogs {
    fn save(&self, suggested_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .add_filter("akredit", &[crate::inspection::EXTENSION])
            .set_file_name(suggested_name)
            .save_file()
    }

    fn open(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .add_filter("akredit", &[crate::inspection::EXTENSION])
            .pick_file()
    }

    fn folder(&self) -> Option<PathBuf> {
        rfd::FileDialog::new().pick_folder()
    }
}

/// The fields of the "new inspection" form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewForm {
    /// Centre's name.
    pub centre: String,
    /// Model.
    pub model: ModelId,
    /// Expert's name.
    pub expert: String,
    /// Visit date.
    pub visit_date: String,
    /// Where to create the file.
    pub path: String,
    /// A path typed into the "open" field.
    pub open_path: String,
    /// Make the centre's self-assessment instead of an inspection.
    pub self_assessment: bool,
}

/// A line of the recent-files list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecentInfo {
    /// The file.
    pub path: PathBuf,
    /// What could be read of it.
    pub state: RecentState,
}

/// What is known of a recent file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecentState {
    /// The file is gone.
    Missing,
    /// It cannot be read (the reason).
    Unreadable(String),
    /// It can be read, but is damaged: it opens only from a backup.
    Damaged {
        /// What is wrong.
        why: String,
        /// Its backups, newest first (at most a few).
        backups: Vec<crate::inspection::backup::BackupInfo>,
    },
    /// Its facts.
    Ok {
        /// The centre's name.
        centre: String,
        /// The model.
        model: ModelId,
        /// Graded standards.
        scored: usize,
        /// Applicable standards.
        applicable: usize,
        /// Time of the last change.
        last_change: String,
    },
}

/// The whole application state.
pub struct AkreditApp {
    /// The catalogue new inspections are made with and files are read with.
    pub catalogue: Arc<Catalogue>,
    /// The data folder, if one is known.
    pub home: Option<Home>,
    /// Preferences.
    pub settings: Settings,
    /// The screen shown.
    pub screen: Screen,
    /// The screen to go back to from settings.
    pub previous_screen: Screen,
    /// The open inspection.
    pub session: Option<Session>,
    /// The status bar.
    pub status: Status,
    /// The "new inspection" form.
    pub form: NewForm,
    /// The recent files, read when the start screen is shown.
    pub recent: Vec<RecentInfo>,
    /// Whether the keyboard help is shown.
    pub help_open: bool,
    /// The Export dialog, while open.
    pub export: Option<export::ExportDialog>,
    /// The commission overview: its form, table and the result shown.
    pub commission: commission::CommissionView,
    commands: Vec<Command>,
    dialogs: Box<dyn Dialogs>,
    applied_style: Option<(u16, Theme)>,
    title: String,
}

impl AkreditApp {
    /// A new app with the given catalogue and data folder.
    pub fn new(catalogue: Arc<Catalogue>, home: Option<Home>, dialogs: Box<dyn Dialogs>) -> Self {
        let settings = home.as_ref().map(Settings::load).unwrap_or_default();
        let documents = dirs::document_dir()
            .or_else(dirs::home_dir)
            .unwrap_or_default();
        let mut app = AkreditApp {
            catalogue,
            home,
            settings,
            screen: Screen::Start,
            previous_screen: Screen::Start,
            session: None,
            status: Status::Idle,
            form: NewForm {
                centre: String::new(),
                model: ModelId::Full,
                expert: String::new(),
                visit_date: now_utc().chars().take(10).collect(),
                path: documents.join("inspection.akredit").display().to_string(),
                open_path: String::new(),
                self_assessment: false,
            },
            recent: Vec::new(),
            help_open: false,
            export: None,
            commission: Default::default(),
            commands: Vec::new(),
            dialogs,
            applied_style: None,
            title: String::new(),
        };
        app.refresh_recent();
        app
    }

    /// A string of the interface in the chosen language.
    pub fn t(&self, key: T) -> &'static str {
        key.get(self.settings.language)
    }

    /// Queues a command for the end of the frame.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Draws one frame and applies the commands it produced.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        self.apply_style(ui.ctx());
        let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            keys::handle(self, ui.ctx());
            screens::show(self, ui);
        }));
        if let Err(panic) = drawn {
            self.recover_from_panic(panic);
        }
        self.update_title(ui.ctx());
        if !self.commands.is_empty() {
            let commands = std::mem::take(&mut self.commands);
            for c in commands {
                self.execute(c);
            }
            ui.ctx().request_repaint();
        }
    }

    fn recover_from_panic(&mut self, panic: Box<dyn std::any::Any + Send>) {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        // Dropping the session closes the file; everything acknowledged is already on disk.
        self.session = None;
        self.commands.clear();
        self.screen = Screen::Start;
        self.status = Status::Error(format!("{} ({what})", self.t(T::InternalError)));
        self.refresh_recent();
    }

    fn apply_style(&mut self, ctx: &egui::Context) {
        let wanted = (self.settings.text_percent, self.settings.theme);
        if self.applied_style == Some(wanted) {
            return;
        }
        ctx.set_zoom_factor(f32::from(wanted.0) / 100.0);
        ctx.set_theme(match wanted.1 {
            Theme::Light => egui::Theme::Light,
            Theme::Dark => egui::Theme::Dark,
        });
        self.applied_style = Some(wanted);
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.session {
            Some(s) => format!(
                "{} — {} — akredit",
                s.inspection.answers().centre_name(),
                s.inspection
                    .path()
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            ),
            None => "akredit".to_string(),
        };
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn save_settings(&mut self) {
        if let Some(home) = &self.home
            && let Err(e) = self.settings.save(home)
        {
            self.status = Status::Error(format!("{}: {e}", Settings::path(home).display()));
        }
    }

    /// Reads the facts of the recent files (when the start screen is shown).
    pub fn refresh_recent(&mut self) {
        self.recent = self
            .settings
            .recent
            .iter()
            .map(|path| RecentInfo {
                path: path.clone(),
                state: recent_state(
                    path,
                    &self.catalogue,
                    self.home.as_ref(),
                    self.settings.language,
                ),
            })
            .collect();
    }

    fn execute(&mut self, command: Command) {
        match command {
            Command::Apply(changes) => self.apply(changes),
            Command::Undo => self.undo(),
            Command::Open(path) => self.open(&path),
            Command::Create(path, new) => self.create(&path, &new),
            Command::BrowseOpen => {
                if let Some(path) = self.dialogs.open() {
                    self.open(&path);
                }
            }
            Command::BrowseSave => {
                let name = suggested_file_name(&self.form.centre);
                if let Some(path) = self.dialogs.save(&name) {
                    self.form.path = path.display().to_string();
                }
            }
            Command::CloseInspection => {
                self.session = None;
                self.screen = Screen::Start;
                self.refresh_recent();
            }
            Command::ShowScreen(screen) => {
                if screen == Screen::Settings && self.screen != Screen::Settings {
                    self.previous_screen = self.screen;
                }
                if screen == Screen::Start {
                    self.refresh_recent();
                }
                self.screen = screen;
            }
            Command::SelectTab(tab) => {
                if let Some(s) = &mut self.session {
                    s.tab = tab;
                    if let Tab::Group(i) = tab {
                        let keep = s
                            .focused
                            .as_ref()
                            .is_some_and(|c| s.inspection.catalogue().group_index(c) == Some(i));
                        if !keep {
                            let first = s
                                .inspection
                                .catalogue()
                                .model_standards(s.inspection.meta().model)
                                .find(|st| {
                                    s.inspection.catalogue().group_index(&st.code) == Some(i)
                                })
                                .map(|st| st.code.clone());
                            s.focused = first;
                        }
                    }
                }
            }
            Command::Focus(code) => self.focus(code),
            Command::MoveFocus(step) => self.move_focus(step),
            Command::EditNaReason(code) => {
                if let Some(s) = &mut self.session {
                    s.focused = Some(code.clone());
                    let text = s
                        .inspection
                        .answers()
                        .get(&code)
                        .na_reason
                        .clone()
                        .unwrap_or_default();
                    s.editing = Some(Editing::NaReason { code, text });
                    s.focus_pending = true;
                }
            }
            Command::EditNote(code) => {
                if let Some(s) = &mut self.session {
                    s.focused = Some(code.clone());
                    let text = s.inspection.answers().get(&code).note.clone();
                    s.editing = Some(Editing::Note { code, text });
                    s.focus_pending = true;
                }
            }
            Command::FinishEditing(save) => self.finish_editing(save),
            Command::SetFilter(filter) => {
                if let Some(s) = &mut self.session {
                    s.filter = filter;
                }
            }
            Command::Search(text) => {
                if let Some(s) = &mut self.session {
                    s.focus_pending |= s.search.is_none() && text.is_some();
                    s.search = text;
                }
            }
            Command::ToggleKeyColumn => {
                if let Some(s) = &mut self.session
                    && !s.is_self_assessment()
                {
                    s.key_column = match s.key_column {
                        Column::Commission => Column::SelfAssessment,
                        Column::SelfAssessment => Column::Commission,
                    };
                }
            }
            Command::ToggleHelp => self.help_open = !self.help_open,
            Command::OpenExport => {
                if let Some(s) = &self.session {
                    self.export = Some(export::ExportDialog {
                        path: export::suggested_path(s.inspection.path(), s.is_self_assessment())
                            .display()
                            .to_string(),
                        with_pdf: !s.is_self_assessment(),
                        ..Default::default()
                    });
                }
            }
            Command::RunExport => {
                let outcome = export::run(self);
                match &outcome {
                    Ok(summary) => self.status = Status::Info(summary.clone()),
                    Err(e) => self.status = Status::Error(e.clone()),
                }
                if let Some(d) = &mut self.export {
                    d.outcome = Some(outcome);
                }
            }
            Command::CloseExport => self.export = None,
            Command::ImportSelf { replace } => self_import::run(self, replace),
            Command::BrowseSelfAssessment => {
                if let Some(path) = rfd::FileDialog::new()
                    .add_filter("JSON, CSV", &["json", "csv"])
                    .pick_file()
                    && let Some(s) = &mut self.session
                {
                    s.self_import.path = path.display().to_string();
                }
            }
            Command::RunCommission => commission::run(self),
            Command::BrowseCommissionFolder => {
                if let Some(path) = self.dialogs.folder() {
                    self.commission.path = path.display().to_string();
                }
            }
            Command::SortCommission(key) => self.commission.sort_by(key),
            Command::OpenCommissionResult(path) => commission::open(self, &path),
            Command::CloseCommissionResult => self.commission.detail = None,
            Command::RestoreBackup { backup, damaged } => self.restore(&backup, &damaged),
            Command::SetLanguage(lang) => {
                self.settings.language = lang;
                self.save_settings();
                // The recent list words what is wrong with a damaged file in the language.
                self.refresh_recent();
            }
            Command::SetTextPercent(p) => {
                self.settings.text_percent = p;
                self.save_settings();
            }
            Command::SetTheme(theme) => {
                self.settings.theme = theme;
                self.save_settings();
            }
        }
    }

    fn apply(&mut self, changes: Vec<Change>) {
        let Some(s) = &mut self.session else {
            return;
        };
        match s.inspection.apply(&changes) {
            Ok(written) => {
                if let Some(last) = written.last() {
                    self.status = Status::Saved(last.at.clone());
                    s.undo
                        .push(written.into_iter().map(|e| e.altered).collect());
                }
                s.refresh();
            }
            Err(e) => {
                s.after_refused_write(&e);
                self.status =
                    Status::Error(format!("{}: {e}", T::NotSaved.get(self.settings.language)));
            }
        }
    }

    fn undo(&mut self) {
        let lang = self.settings.language;
        let Some(s) = &mut self.session else {
            return;
        };
        let Some(batch) = s.undo.pop() else {
            self.status = Status::Info(T::UndoNothing.get(lang).to_string());
            return;
        };
        let changes: Vec<Change> = batch.iter().rev().map(Altered::undo).collect();
        match s.inspection.apply(&changes) {
            Ok(_) => {
                if let Some(crate::answers::Subject::Standard(code)) =
                    batch.first().map(Altered::subject)
                {
                    let code = code.clone();
                    s.refresh();
                    self.focus(code);
                } else if let Some(s) = &mut self.session {
                    s.refresh();
                }
                self.status = Status::Info(T::Undone.get(lang).to_string());
            }
            Err(e) => {
                s.undo.push(batch);
                s.after_refused_write(&e);
                self.status = Status::Error(format!("{}: {e}", T::NotSaved.get(lang)));
            }
        }
    }

    fn open(&mut self, path: &Path) {
        let backups = self.home.as_ref().map(Home::backups);
        match Inspection::open_for_changes(path, self.catalogue.clone(), backups.as_deref()) {
            Ok((insp, not_backed_up)) => {
                if let Some(e) = not_backed_up {
                    self.status = Status::Error(format!("backup: {e}"));
                }
                self.settings.remember(path);
                self.save_settings();
                self.session = Some(Session::new(insp));
                self.screen = Screen::Inspection;
                if !matches!(self.status, Status::Error(_)) {
                    self.status = Status::Idle;
                }
            }
            Err(e) => self.status = Status::Error(e.to_string()),
        }
    }

    /// Restores `backup` into a new file beside the damaged inspection
    /// (`NAME.restored-STAMP.akredit`, never over anything) and opens it; the damaged file
    /// stays as it is.
    fn restore(&mut self, backup: &Path, damaged: &Path) {
        let lang = self.settings.language;
        let stem = damaged
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "inspection".into());
        let stamp: String = crate::support::time::now_utc()
            .chars()
            .filter(char::is_ascii_digit)
            .take(14)
            .collect();
        let mut target = damaged.with_file_name(format!("{stem}.restored-{stamp}.akredit"));
        let mut n = 1;
        while crate::support::files::occupied(&target) {
            n += 1;
            target = damaged.with_file_name(format!("{stem}.restored-{stamp}-{n}.akredit"));
        }
        match crate::inspection::backup::restore(backup, &target, self.catalogue.clone()) {
            Ok(()) => {
                self.open(&target);
                if self.session.is_some() {
                    self.status =
                        Status::Info(format!("{} {}", T::Restored.get(lang), target.display()));
                }
            }
            Err(e) => self.status = Status::Error(e.to_string()),
        }
        self.refresh_recent();
    }

    fn create(&mut self, path: &Path, new: &NewInspection) {
        match Inspection::create(path, self.catalogue.clone(), new) {
            Ok(insp) => {
                self.settings.remember(path);
                self.save_settings();
                self.session = Some(Session::new(insp));
                self.screen = Screen::Inspection;
                self.status = Status::Idle;
            }
            Err(e) => self.status = Status::Error(e.to_string()),
        }
    }

    fn focus(&mut self, code: Code) {
        if let Some(s) = &mut self.session {
            if let Some(i) = s.inspection.catalogue().group_index(&code) {
                s.tab = Tab::Group(i);
            }
            s.focused = Some(code);
            s.scroll_to_focus = true;
            s.pending_letters.0.clear();
        }
    }

    fn move_focus(&mut self, step: isize) {
        let Some(s) = &self.session else {
            return;
        };
        let order: Vec<Code> = match &s.search {
            Some(q) => s
                .inspection
                .catalogue()
                .search(s.model(), q)
                .into_iter()
                .map(|st| st.code.clone())
                .collect(),
            None => s
                .inspection
                .catalogue()
                .model_standards(s.model())
                .filter(|st| s.passes(&st.code) || Some(&st.code) == s.focused.as_ref())
                .map(|st| st.code.clone())
                .collect(),
        };
        if order.is_empty() {
            return;
        }
        let current = s
            .focused
            .as_ref()
            .and_then(|c| order.iter().position(|o| o == c));
        let next = match current {
            Some(i) => i.saturating_add_signed(step).min(order.len() - 1),
            None => 0,
        };
        let code = order[next].clone();
        if s.search.is_some() {
            if let Some(s) = &mut self.session {
                s.focused = Some(code);
                s.scroll_to_focus = true;
            }
        } else {
            self.focus(code);
        }
    }

    fn finish_editing(&mut self, save: bool) {
        let lang = self.settings.language;
        let Some(s) = &mut self.session else {
            return;
        };
        let Some(editing) = s.editing.take() else {
            return;
        };
        if !save {
            return;
        }
        let change = match editing {
            Editing::NaReason { code, text } => {
                if text.trim().is_empty() {
                    self.status = Status::Info(T::NaReasonNeeded.get(lang).to_string());
                    s.editing = Some(Editing::NaReason { code, text });
                    return;
                }
                Change::NotApplicable {
                    code,
                    reason: Some(text.trim().to_string()),
                }
            }
            Editing::Note { code, text } => Change::Note {
                code,
                text: text.trim().to_string(),
            },
        };
        self.apply(vec![change]);
    }
}

fn suggested_file_name(centre: &str) -> String {
    let cleaned: String = centre
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let cleaned = cleaned.trim_matches('_');
    if cleaned.is_empty() {
        "inspection.akredit".into()
    } else {
        format!("{cleaned}.akredit")
    }
}

/// How many backups of a damaged inspection the start screen offers to restore.
const BACKUPS_OFFERED: usize = 3;

fn recent_state(
    path: &Path,
    catalogue: &Arc<Catalogue>,
    home: Option<&Home>,
    lang: Language,
) -> RecentState {
    if !path.exists() {
        return RecentState::Missing;
    }
    match Inspection::open(path, catalogue.clone(), Access::ReadOnly) {
        // A damaged file cannot be opened for changes: say so before it is clicked.
        Ok(insp) if !insp.problems().is_empty() => {
            let mut backups = home
                .and_then(|h| {
                    crate::inspection::backup::list(&h.backups(), &insp.meta().inspection_id).ok()
                })
                .unwrap_or_default();
            backups.reverse();
            backups.truncate(BACKUPS_OFFERED);
            RecentState::Damaged {
                why: i18n::problems(insp.problems(), lang),
                backups,
            }
        }
        Ok(insp) => {
            let totals = scoring::totals(catalogue, insp.meta().model, insp.answers());
            let last_change = insp.last_change_at().ok().flatten().unwrap_or_default();
            RecentState::Ok {
                centre: insp.answers().centre_name().to_string(),
                model: insp.meta().model,
                scored: totals.commission.scored,
                applicable: totals.applicable,
                last_change,
            }
        }
        Err(e) => RecentState::Unreadable(e.to_string()),
    }
}

impl eframe::App for AkreditApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}

/// With this variable set, the window reports its start-up for `akredit bench` on stderr
/// (one line, [`STARTUP_REPORT`], resident memory) once the inspection it was opened on has
/// been drawn, and closes.
pub const STARTUP_PROBE_VAR: &str = "AKREDIT_STARTUP_PROBE";

/// The start of the line the start-up probe writes.
pub const STARTUP_REPORT: &str = "akredit-startup";

/// The window under `akredit bench`: the app itself, closed after its first full frame.
struct StartupProbe {
    app: AkreditApp,
    frames: u32,
}

impl eframe::App for StartupProbe {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.app.show(ui);
        self.frames += 1;
        // Frame 1 opens the file; frame 2 draws the inspection; when frame 3 begins, frame
        // 2 has been painted.
        if self.frames >= 3 && self.app.screen == Screen::Inspection {
            eprintln!("{STARTUP_REPORT} {}", memory_report());
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        } else if self.frames > 120 {
            eprintln!("{STARTUP_REPORT} failed: {:?}", self.app.status);
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        } else {
            ui.ctx().request_repaint();
        }
    }
}

/// `rss_kib=… peak_kib=…` from /proc/self/status (Linux), or `unknown`.
fn memory_report() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return "unknown".into();
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .unwrap_or("0")
            .to_string()
    };
    format!("rss_kib={} peak_kib={}", field("VmRSS:"), field("VmHWM:"))
}

/// Opens the window, optionally on an inspection file.
pub fn run(catalogue: Arc<Catalogue>, file: Option<PathBuf>) -> eframe::Result {
    let home = Home::from_env().ok();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("akredit")
            .with_inner_size([1200.0, 800.0])
            .with_min_inner_size([760.0, 480.0]),
        ..Default::default()
    };
    eframe::run_native(
        "akredit",
        options,
        Box::new(move |_cc| {
            let mut app = AkreditApp::new(catalogue, home, Box::new(NativeDialogs));
            if let Some(file) = file {
                app.push(Command::Open(file));
            }
            if std::env::var_os(STARTUP_PROBE_VAR).is_some() {
                return Ok(Box::new(StartupProbe { app, frames: 0 }));
            }
            Ok(Box::new(app))
        }),
    )
}
