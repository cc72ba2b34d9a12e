//! The keys (F1 or ?).

use egui::Ui;

use crate::ui::app::AkreditApp;
use crate::ui::command::Command;
use crate::ui::i18n::T;

/// Draws the keyboard help.
pub fn show(app: &mut AkreditApp, ui: &mut Ui) {
    let mut open = true;
    egui::Window::new(app.t(T::Keys))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .open(&mut open)
        .show(ui.ctx(), |ui| {
            let moving = [
                (T::KeySkipsNa, app.settings.skip_not_applicable),
                (T::KeyAdvances, app.settings.auto_advance),
            ];
            for key in [T::KeyMove, T::KeyGrade, T::KeyLetterRule] {
                ui.label(app.t(key));
            }
            for (key, on) in moving {
                if on {
                    ui.label(app.t(key));
                }
            }
            for key in [
                T::KeySelf,
                T::KeyNa,
                T::KeyNote,
                T::KeyRecommend,
                T::KeyUndo,
                T::KeyRedo,
                T::KeyTabs,
                T::KeySearch,
                T::KeyExport,
                T::KeyHelp,
            ] {
                ui.label(app.t(key));
            }
            if ui.button(app.t(T::Close)).clicked() {
                app.push(Command::ToggleHelp);
            }
        });
    if !open {
        app.push(Command::ToggleHelp);
    }
}
