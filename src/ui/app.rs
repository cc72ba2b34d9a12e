//! The whole state of the window, [`AkreditApp`]: the catalogue and data folder, the
//! settings, the screen shown, the open [`Session`], the forms, the status bar, and the
//! commands pushed during the frame being drawn. Screens read it and push commands; only
//! the command handlers change it ([`crate::ui::command_handling`]).

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crate::catalogue::Catalogue;
use crate::support::home::{Home, documents};
use crate::support::settings::{Settings, Theme};
use crate::support::time::now_utc;
use crate::ui::command::Command;
use crate::ui::commission::state::CommissionView;
use crate::ui::dialogs::Dialogs;
use crate::ui::forms::{ExportDialog, NewForm};
use crate::ui::i18n::T;
use crate::ui::kep_view::KepView;
use crate::ui::recent::{Reads, RecentInfo, RecentReader, Request};
use crate::ui::session::Session;
use crate::ui::view::Screen;

/// What the status bar says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Nothing yet.
    Idle,
    /// The last change is on disk (UTC time).
    Saved(String),
    /// Information.
    Info(String),
    /// A failure, in words in the interface's language; what it concerns was not saved.
    Error(String),
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
    pub export: Option<ExportDialog>,
    /// The commission overview: its form, table and the result shown.
    pub commission: CommissionView,
    /// The КЕП screen: the files checked and what the check found.
    pub kep: KepView,
    /// The commands pushed during this frame, applied when it is drawn.
    pub(in crate::ui) commands: Vec<Command>,
    /// The file dialogs.
    pub(in crate::ui) dialogs: Box<dyn Dialogs>,
    /// The text size and theme last given to egui.
    pub(in crate::ui) applied_style: Option<(u16, Theme)>,
    /// The window title last set.
    pub(in crate::ui) title: String,
    /// Reads the recent list (here, or in the background).
    pub(in crate::ui) recent_reader: RecentReader,
    /// Set from outside the window (a termination signal): close at the next frame.
    pub(in crate::ui) close_requested: Arc<AtomicBool>,
}

impl AkreditApp {
    /// A new app with the given catalogue and data folder. The recent files are read on
    /// the calling thread, whenever asked for: what a test or a benchmark expects, which
    /// looks at the list right after asking. The window uses [`AkreditApp::for_window`].
    pub fn new(catalogue: Arc<Catalogue>, home: Option<Home>, dialogs: Box<dyn Dialogs>) -> Self {
        Self::build(catalogue, home, dialogs, Reads::Here)
    }

    /// The app as the window runs it: the recent files are read on a background thread,
    /// so that neither the first frame nor a return to the start screen waits for them.
    pub fn for_window(
        catalogue: Arc<Catalogue>,
        home: Option<Home>,
        dialogs: Box<dyn Dialogs>,
    ) -> Self {
        Self::build(catalogue, home, dialogs, Reads::Background)
    }

    fn build(
        catalogue: Arc<Catalogue>,
        home: Option<Home>,
        dialogs: Box<dyn Dialogs>,
        reads: Reads,
    ) -> Self {
        let settings = home.as_ref().map(Settings::load).unwrap_or_default();
        let form = NewForm::new(&now_utc(), &documents(), &settings.expert);
        let commission = CommissionView::remembered(&settings);
        let kep = KepView::remembered(&settings);
        let mut app = AkreditApp {
            catalogue,
            home,
            settings,
            screen: Screen::Start,
            previous_screen: Screen::Start,
            session: None,
            status: Status::Idle,
            form,
            recent: Vec::new(),
            help_open: false,
            export: None,
            commission,
            kep,
            commands: Vec::new(),
            dialogs,
            applied_style: None,
            title: String::new(),
            recent_reader: RecentReader::new(reads),
            close_requested: Arc::new(AtomicBool::new(false)),
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

    /// Reads the facts of the recent files again (when the start screen is shown): at
    /// once with [`AkreditApp::new`], in the background with [`AkreditApp::for_window`]
    /// (the list shown until then is the one read last).
    pub fn refresh_recent(&mut self) {
        let request = Request {
            paths: self.settings.recent.clone(),
            catalogue: self.catalogue.clone(),
            home: self.home.clone(),
            lang: self.settings.language,
        };
        if let Some(list) = self.recent_reader.request(request) {
            self.recent = list;
        }
    }

    /// The flag that closes the window at its next frame, as its close button does (where
    /// the expert stopped is remembered, the inspection is closed): set it from another
    /// thread, e.g. a termination signal's handler, then ask egui for a repaint.
    pub fn close_flag(&self) -> Arc<AtomicBool> {
        self.close_requested.clone()
    }

    /// Whether the recent list is still being read in the background.
    pub fn reading_recent(&self) -> bool {
        self.recent_reader.is_reading()
    }
}
