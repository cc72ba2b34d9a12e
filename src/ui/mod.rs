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
//! | `forms.rs` | what is typed into the forms ([`NewForm`], [`ExportDialog`], [`SelfImport`]) |
//! | `recent.rs` | the start screen's recent files, read in the background |
//! | `command.rs` | [`Command`]: what the screens and keys ask for |
//! | `frame_loop.rs` | one frame: keys, screens, then the frame's commands |
//! | `command_handling/` | what each command does (files, changes, navigation, export, import, settings) |
//! | `keys.rs` | the keyboard, turned into commands |
//! | `screens/` | drawing: start, inspection (centre, group, result panel), export, settings, help |
//! | `commission/` | the commission overview: state, sort, runner, table, detail |
//! | `style.rs` | looks shared by the screens: text size, theme, category colours and names |
//! | `i18n/` | every word of the window, and the domain's errors, in Ukrainian and English |
//! | `dialogs.rs` | the native file dialogs ([`Dialogs`]) |
//! | `frames.rs` | the frame benchmark (`akredit bench`) |
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
pub mod frames;
pub mod i18n;
mod keys;
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
pub use command::Command;
pub use dialogs::{Dialogs, NativeDialogs};
pub use forms::{ExportDialog, NewForm, SelfImport};
pub use i18n::T;
pub use recent::{RecentInfo, RecentState};
pub use session::{Editing, Session};
pub use view::{Filter, Screen, Tab};

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
            let mut app = AkreditApp::for_window(catalogue, home, Box::new(NativeDialogs));
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
