//! The start-up probe: the window as the expert gets it, which reports once the inspection
//! it was opened on has been drawn, and closes. `akredit bench` starts the binary with
//! [`PROBE_VAR`] set and reads the [`REPORT`] line from its stderr.

use crate::ui::{AkreditApp, Screen};

/// With this variable set, `main` opens the window inside the probe.
pub const PROBE_VAR: &str = "AKREDIT_STARTUP_PROBE";

/// The start of the line the probe writes on stderr.
pub const REPORT: &str = "akredit-startup";

/// The window under `akredit bench`: the app itself, closed after its first full frame.
pub struct StartupProbe {
    app: AkreditApp,
    frames: u32,
}

impl StartupProbe {
    /// The app inside the probe, as [`crate::ui::run_in`] takes it.
    pub fn shell(app: AkreditApp) -> Box<dyn eframe::App> {
        Box::new(StartupProbe { app, frames: 0 })
    }
}

impl eframe::App for StartupProbe {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.app.show(ui);
        self.frames += 1;
        // Frame 1 opens the file; frame 2 draws the inspection; when frame 3 begins, frame
        // 2 has been painted.
        if self.frames >= 3 && self.app.screen == Screen::Inspection {
            eprintln!("{REPORT} {}", memory_report());
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        } else if self.frames > 120 {
            eprintln!("{REPORT} failed: {:?}", self.app.status);
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
