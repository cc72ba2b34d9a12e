//! The commission's overview in the window: a folder (or a file) of signed results,
//! verified and tabulated by [`crate::commission`] exactly as `akredit commission` does,
//! shown as a sortable table; a click on a row shows that result read-only (its checks,
//! facts, totals and standards, as [`crate::signed::verify`] reads them). Nothing here
//! verifies or scores: it only shows what those functions found.
//!
//! - [`state`]: the form, the table, its order, the result shown;
//! - [`sort`]: the order of the rows;
//! - [`runner`]: running the verification (in the background for large folders);
//! - [`actions`]: remembering the form, the CSV, a result's protocol, its folder;
//! - `table` and `detail`: drawing the table and a result; `kep`: a result's qualified
//!   signatures (КЕП) in its detail.

pub mod actions;
mod detail;
mod kep;
pub mod runner;
pub mod sort;
pub mod state;
mod table;

pub use runner::BACKGROUND_FROM;
pub use sort::SortKey;
pub use state::{CommissionView, Detail, Pending, SaveForm};

use egui::Ui;

use crate::ui::app::AkreditApp;
use crate::ui::command::Command;

/// How soon to look again for a verification running in the background.
const POLL: std::time::Duration = std::time::Duration::from_millis(100);

/// Draws the overview, or the result shown.
pub fn show(app: &mut AkreditApp, ui: &mut Ui) {
    let lang = app.settings.language;
    if runner::poll(&mut app.commission, lang) {
        // Look again soon; nothing else would wake the window.
        ui.ctx().request_repaint_after(POLL);
    }
    let mut commands = Vec::new();
    let view = &mut app.commission;
    if !view.remembered_run {
        // The folder remembered from the last time is verified as the screen first shows.
        view.remembered_run = true;
        if view.overview.is_none() && view.pending.is_none() && !view.path.trim().is_empty() {
            commands.push(Command::RunCommission);
        }
    }
    match &mut app.commission.detail {
        Some(d) => detail::show(d, &app.catalogue, lang, ui, &mut commands),
        None => table::overview(&mut app.commission, &app.catalogue, lang, ui, &mut commands),
    }
    for c in commands {
        app.push(c);
    }
}
