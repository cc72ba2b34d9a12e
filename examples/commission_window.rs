//! The window behind the README's screenshot of the commission overview: it opens on the
//! overview, which verifies the folder remembered in the settings (the start screen's
//! button cannot be clicked under Xvfb by a script).

use std::error::Error;
use std::sync::Arc;

use akredit::catalogue::Catalogue;
use akredit::ui::{AkreditApp, Command, Screen};

fn main() -> Result<(), Box<dyn Error>> {
    let catalogue = Arc::new(Catalogue::builtin()?);
    akredit::ui::run_in(catalogue, None, on_the_overview)?;
    Ok(())
}

fn on_the_overview(mut app: AkreditApp) -> Box<dyn eframe::App> {
    app.push(Command::ShowScreen(Screen::Commission));
    Box::new(app)
}
