//! Frame timing without a GPU: the app's whole `show` pass run through an
//! [`egui::Context`], as the window runs it, measuring CPU time per frame.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::answers::{Change, Column};
use crate::catalogue::{Catalogue, Code};
use crate::ui::{AkreditApp, Command, Dialogs, Tab};

struct NoDialogs;

impl Dialogs for NoDialogs {
    fn save(&self, _: &str) -> Option<std::path::PathBuf> {
        None
    }
    fn open(&self) -> Option<std::path::PathBuf> {
        None
    }
}

/// A scenario of the frame benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scenario {
    /// The largest group (2.3, 41 standards) open, nothing changing.
    LargestGroup,
    /// The search open with an empty query: all standards of the model listed.
    SearchAll,
    /// A grade given every frame, so that the result panel and the file update.
    GradeEveryFrame,
}

/// CPU time of `frames` frames of a scenario (after a warm-up), sorted ascending.
pub fn measure(
    catalogue: Arc<Catalogue>,
    inspection: &Path,
    scenario: Scenario,
    frames: usize,
) -> Result<Vec<Duration>, String> {
    let ctx = egui::Context::default();
    let mut app = AkreditApp::new(catalogue.clone(), None, Box::new(NoDialogs));
    app.push(Command::Open(inspection.to_path_buf()));
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    };
    let frame = |app: &mut AkreditApp| {
        // What the frame would paint is dropped: the figure is the CPU time of the pass.
        drop(ctx.run_ui(input(), |ui| app.show(ui)));
    };
    frame(&mut app);
    let Some(session) = &app.session else {
        return Err(format!(
            "cannot open {}: {:?}",
            inspection.display(),
            app.status
        ));
    };
    let model = session.model();
    let largest = catalogue
        .groups
        .iter()
        .position(|g| g.code.as_str() == "2.3")
        .unwrap_or(0);
    match scenario {
        Scenario::LargestGroup | Scenario::GradeEveryFrame => {
            app.push(Command::SelectTab(Tab::Group(largest)))
        }
        Scenario::SearchAll => app.push(Command::Search(Some(String::new()))),
    }
    let codes: Vec<Code> = catalogue
        .model_standards(model)
        .filter(|s| s.group.as_str() == "2.3")
        .map(|s| s.code.clone())
        .collect();
    for _ in 0..5 {
        frame(&mut app);
    }
    let mut times = Vec::with_capacity(frames);
    for i in 0..frames {
        if scenario == Scenario::GradeEveryFrame {
            app.push(Command::Apply(vec![Change::Grade {
                code: codes[i % codes.len()].clone(),
                column: Column::Commission,
                grade: Some(u8::try_from(i % 4).unwrap_or(0)),
            }]));
        }
        let start = Instant::now();
        frame(&mut app);
        times.push(start.elapsed());
    }
    times.sort();
    Ok(times)
}
