//! The expert's window. Screens read the app's state and push [`Command`]s; the app
//! applies them once per frame, after drawing (the rerun viewer's pattern). Every change
//! to an inspection goes through [`crate::inspection::Inspection::apply`]; every figure
//! comes from [`crate::scoring::totals`]. No SQL and no arithmetic on scores live here.
//!
//! Where things are:
//!
//! | file | what it holds |
//! |---|---|
//! | `app.rs` | [`AkreditApp`]: the whole state, and the queue of commands |
//! | `view.rs` | [`Screen`], [`Tab`], [`Filter`]: where the window is |
//! | `session.rs` | [`Session`]: the open inspection and how it is viewed |
//! | `forms.rs` | what is typed into the forms ([`NewForm`], [`ExportDialog`], [`SelfImport`], [`TeamForm`]) |
//! | `merge.rs` | the merge dialog of the members' parts ([`MergeView`]) |
//! | `kep_view.rs` | the КЕП screen's files and what its check found ([`KepView`]) |
//! | `recent.rs` | the start screen's recent files, read in the background |
//! | `command.rs` | [`Command`]: what the screens and keys ask for |
//! | `frame_loop.rs` | one frame: keys, screens, then the frame's commands |
//! | `command_handling/` | what each command does (files, changes, navigation, export, import, team, merge, settings) |
//! | `keys.rs` | the keyboard, turned into commands |
//! | `screens/` | drawing: start, inspection (centre with its expert group, group, recommendations, result panel and its chart), export, merge, the КЕП check, settings, help |
//! | `commission/` | the commission overview: state, sort, runner, table, detail |
//! | `style.rs` | looks shared by the screens: text size, theme, category colours and names |
//! | `i18n/` | every word of the window, and the domain's errors, in Ukrainian and English |
//! | `dialogs.rs` | the native file dialogs ([`Dialogs`]) |
//!
//! Dependencies run one way: the screens, keys and handlers use the state files; the
//! state files use none of them.

mod app;
mod command;
mod command_handling;
pub mod commission;
mod dialogs;
mod forms;
mod frame_loop;
pub mod i18n;
mod kep_view;
mod keys;
mod merge;
pub mod pictures;
mod recent;
mod screens;
mod session;
mod style;
mod view;

use std::path::PathBuf;
use std::sync::Arc;

use crate::catalogue::Catalogue;
use crate::support::home::Home;

pub use app::{AkreditApp, Status};
pub use command::{Command, EvidenceAction, Refused};
pub use dialogs::{Dialogs, NativeDialogs};
pub use forms::{ExportDialog, NewForm, SelfImport, TeamForm};
pub use i18n::T;
pub use kep_view::KepView;
pub use merge::{MergeView, PartFileRead};
pub use recent::{RecentInfo, RecentState};
pub use session::{
    Editing, EvidenceCounts, FilterCounts, PendingLetters, Session, TextKey, Viewing,
};
pub use view::{Filter, Screen, Tab, TeamFilter};

/// Opens the window, optionally on an inspection file (or on the check of a signature
/// file, `.p7s` or `.asice`).
pub fn run(catalogue: Arc<Catalogue>, file: Option<PathBuf>) -> eframe::Result {
    run_in(catalogue, file, |app| Box::new(app))
}

/// Opens the window, optionally on an inspection file, with the app inside `shell`: the
/// app itself for the expert, or a harness around it (the start-up benchmark's probe).
pub fn run_in(
    catalogue: Arc<Catalogue>,
    file: Option<PathBuf>,
    shell: fn(AkreditApp) -> Box<dyn eframe::App>,
) -> eframe::Result {
    let home = Home::from_env().ok();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("akredit")
        .with_inner_size([1200.0, 800.0])
        .with_min_inner_size([760.0, 480.0]);
    if let Some(icon) = window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "akredit",
        options,
        Box::new(move |cc| {
            let mut app = AkreditApp::for_window(catalogue, home, Box::new(NativeDialogs));
            close_on_termination(&app, &cc.egui_ctx);
            match file {
                // A signature file (`висновок.pdf.p7s`, an `.asice`): its check, with the
                // document beside it.
                Some(file) if crate::kep::files::is_signature_name(&file) => {
                    app.push(Command::KepFiles(vec![file]));
                }
                Some(file) => app.push(Command::Open(file)),
                None => {}
            }
            Ok(shell(app))
        }),
    )
}

/// akredit's icon for the title bar, the taskbar and Alt+Tab (otherwise eframe shows its
/// own); `None` only if the PNG built into the program could not be read.
fn window_icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon/akredit-256.png")).ok()
}

/// A termination signal (SIGTERM, SIGINT, SIGHUP; on Windows the console's close, logoff
/// and shutdown) closes the window as its close button does — where the expert stopped is
/// remembered and the inspection closed, its lock label removed — instead of killing the
/// program mid-frame. The handler runs on a thread of its own ([`ctrlc`]), where it may set
/// the app's flag and wake the window, which closes at the frame this starts.
fn close_on_termination(app: &AkreditApp, ctx: &egui::Context) {
    let flag = app.close_flag();
    let ctx = ctx.clone();
    let handler = move || {
        flag.store(true, std::sync::atomic::Ordering::Relaxed);
        ctx.request_repaint();
    };
    if let Err(e) = ctrlc::set_handler(handler) {
        // Only when a handler is already set: the signal's default (ending at once) stays.
        eprintln!("akredit: a termination signal will end the program at once ({e})");
    }
}
