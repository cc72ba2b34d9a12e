//! One frame of the window, the rerun viewer's pattern: read the keys and draw the
//! screens (both only push [`crate::ui::Command`]s), then apply the frame's commands in
//! the order they came. Also what a frame keeps in step with the state: the text size
//! and theme, the window's title, the recent list arriving from its background read, the
//! texts typed whose field let go of the keyboard (saved), and a panic in drawing turned
//! into a message instead of a closed window.

use std::sync::atomic::Ordering;

use crate::ui::app::{AkreditApp, Status};
use crate::ui::command::{Command, EvidenceAction};
use crate::ui::i18n::T;
use crate::ui::view::Screen;
use crate::ui::{keys, screens, style};

/// How soon to look again for a recent list being read in the background.
const RECENT_POLL: std::time::Duration = std::time::Duration::from_millis(15);

impl AkreditApp {
    /// Draws one frame and applies the commands it produced.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        if self.close_requested.load(Ordering::Relaxed) {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        style::apply(ui.ctx(), &self.settings, &mut self.applied_style);
        self.take_recent(ui.ctx());
        self.take_dropped_files(ui.ctx());
        self.take_pasted_image(ui.ctx());
        if let Some(s) = &mut self.session {
            // Where rows are is learnt again as they are drawn.
            s.drop_targets.clear();
            s.pictures.begin_frame(ui.ctx());
        }
        let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            keys::handle(self, ui.ctx());
            screens::show(self, ui);
        }));
        if let Err(panic) = drawn {
            self.recover_from_panic(panic);
        }
        self.save_typed_texts(ui.ctx());
        self.update_title(ui.ctx());
        if !self.commands.is_empty() {
            let commands = std::mem::take(&mut self.commands);
            for c in commands {
                self.execute(c);
            }
            ui.ctx().request_repaint();
        }
    }

    /// Saves the recommendations and the conclusion typed whose field no longer has the
    /// keyboard (Esc drops them instead), each as a change of its own. They go before the
    /// frame's other commands: the click that took the keyboard away may be on "To start",
    /// which closes the inspection.
    fn save_typed_texts(&mut self, ctx: &egui::Context) {
        let cancel = ctx.input(|i| i.key_pressed(egui::Key::Escape));
        let Some(s) = &mut self.session else {
            return;
        };
        if s.texts.is_empty() {
            return;
        }
        let changes = s.unsaved_texts(|id| ctx.memory(|m| m.has_focus(id)), cancel);
        if changes.is_empty() {
            return;
        }
        let mut commands: Vec<Command> = changes
            .into_iter()
            .map(|c| Command::Apply(vec![c]))
            .collect();
        commands.append(&mut self.commands);
        self.commands = commands;
    }

    /// Files dropped on the window: one inspection file is opened; files among which is a
    /// signature (`.p7s`, `.asice`) go to the КЕП screen, checked; photos and scans
    /// dropped on an open inspection are attached to the standard or document they were
    /// dropped onto (elsewhere: to the focused standard); anything else is
    /// handed to the merge dialog as the members' signed parts (which says what each is).
    fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<std::path::PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        let inspection = |p: &std::path::PathBuf| {
            p.extension()
                .is_some_and(|e| e == crate::inspection::EXTENSION)
        };
        match dropped.as_slice() {
            [] => {}
            [one] if inspection(one) => self.push(Command::Open(one.clone())),
            files
                if files
                    .iter()
                    .any(|f| crate::kep::files::is_signature_name(f)) =>
            {
                self.push(Command::KepFiles(files.to_vec()))
            }
            files
                if self.screen == Screen::Inspection
                    && files
                        .iter()
                        .all(|f| crate::ui::command_handling::is_evidence_name(f)) =>
            {
                let target = self.session.as_ref().and_then(|s| s.drop_target(ctx));
                self.push(Command::Evidence(EvidenceAction::Attach {
                    target,
                    files: files.to_vec(),
                }))
            }
            _ => self.push(Command::ReadParts(dropped)),
        }
    }

    /// A picture pasted on the inspection screen (Ctrl+V with an image, not text, on the
    /// clipboard) is attached to the focused standard.
    fn take_pasted_image(&mut self, ctx: &egui::Context) {
        if self.screen != Screen::Inspection || self.session.is_none() {
            return;
        }
        let pasted = ctx.input(|i| {
            i.events.iter().find_map(|e| match e {
                egui::Event::PasteImage(image) => Some(image.clone()),
                _ => None,
            })
        });
        if let Some(image) = pasted {
            self.push(Command::Evidence(EvidenceAction::Paste(image)));
        }
    }

    /// Saves every text still being typed, whatever has the keyboard: the window is
    /// closing.
    pub(in crate::ui) fn save_all_typed_texts(&mut self) {
        let Some(s) = &mut self.session else {
            return;
        };
        let changes = s.unsaved_texts(|_| false, false);
        for change in changes {
            self.execute(Command::Apply(vec![change]));
        }
    }

    /// Takes the recent list when its background read has finished; until then, looks
    /// again soon (nothing else would wake an idle window).
    fn take_recent(&mut self, ctx: &egui::Context) {
        if let Some(list) = self.recent_reader.poll() {
            self.recent = list;
            ctx.request_repaint();
        } else if self.recent_reader.is_reading() {
            ctx.request_repaint_after(RECENT_POLL);
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
}

impl eframe::App for AkreditApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    /// The window closes: where the expert stopped is remembered for next time.
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.save_all_typed_texts();
        self.remember_place();
    }
}
