//! Frame timing without a GPU: the app's whole `show` pass run through an
//! [`egui::Context`], as the window runs it, measuring CPU time per frame.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::answers::{Change, Column};
use crate::catalogue::{Catalogue, Code};
use crate::ui::pictures::Size;
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
    /// Group 2.3 open and the focus moved to its next standard every frame, so that the
    /// list scrolls through all of it; with evidence, through its photos' thumbnails.
    ScrollGroup {
        /// The thumbnails to be decoded in the warm-up before any frame is timed.
        thumbnails: usize,
    },
}

/// What the timed frames of a scenario took and drew.
#[derive(Debug)]
pub struct Measured {
    /// CPU time of each frame, sorted ascending.
    pub times: Vec<Duration>,
    /// Pictures (shapes with a texture other than the font's) drawn, over all frames.
    pub pictures_drawn: usize,
}

/// CPU time of `frames` frames of a scenario (after a warm-up), sorted ascending.
pub fn measure(
    catalogue: Arc<Catalogue>,
    inspection: &Path,
    scenario: Scenario,
    frames: usize,
) -> Result<Measured, String> {
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
        // What the frame would paint is not tessellated: the figure is the CPU time of
        // the pass; only its pictures are counted (after the clock stops).
        ctx.run_ui(input(), |ui| app.show(ui)).shapes
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
        Scenario::LargestGroup | Scenario::GradeEveryFrame | Scenario::ScrollGroup { .. } => {
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
    if let Scenario::ScrollGroup { thumbnails } = scenario {
        warm_thumbnails(&mut app, &codes, thumbnails, frame)?;
    }
    let mut times = Vec::with_capacity(frames);
    let mut pictures_drawn = 0;
    for i in 0..frames {
        match scenario {
            Scenario::GradeEveryFrame => app.push(Command::Apply(vec![Change::Grade {
                code: codes[i % codes.len()].clone(),
                column: Column::Commission,
                grade: Some(u8::try_from(i % 4).unwrap_or(0)),
            }])),
            Scenario::ScrollGroup { .. } => {
                app.push(Command::Focus(codes[i % codes.len()].clone()))
            }
            Scenario::LargestGroup | Scenario::SearchAll => {}
        }
        let start = Instant::now();
        let shapes = frame(&mut app);
        times.push(start.elapsed());
        pictures_drawn += shapes.iter().map(|s| pictures(&s.shape)).sum::<usize>();
    }
    times.sort();
    Ok(Measured {
        times,
        pictures_drawn,
    })
}

/// The shapes drawing a texture other than the font's in `shape`.
fn pictures(shape: &egui::Shape) -> usize {
    match shape {
        egui::Shape::Vec(shapes) => shapes.iter().map(pictures).sum(),
        other => usize::from(other.texture_id() != egui::TextureId::default()),
    }
}

/// Scrolls through the group until every one of its `thumbnails` is decoded (a few are
/// read per frame), so that the timed frames draw cached pictures, as the window does
/// once the photos have been seen.
fn warm_thumbnails(
    app: &mut AkreditApp,
    codes: &[Code],
    thumbnails: usize,
    frame: impl Fn(&mut AkreditApp) -> Vec<egui::epaint::ClippedShape>,
) -> Result<(), String> {
    let ready = |app: &AkreditApp| {
        app.session
            .as_ref()
            .map_or(0, |s| s.pictures.ready(Size::Thumbnail))
    };
    for _ in 0..20 {
        for code in codes {
            app.push(Command::Focus(code.clone()));
            for _ in 0..8 {
                drop(frame(app));
            }
        }
        if ready(app) >= thumbnails {
            return Ok(());
        }
    }
    Err(format!(
        "only {} of {thumbnails} thumbnails were decoded while scrolling through the group",
        ready(app)
    ))
}
