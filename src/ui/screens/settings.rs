//! Settings and about: language, text size, theme, how the keys move; the catalogue in
//! use and its SHA-256, the data folder.

use egui::{RichText, ScrollArea, Ui};

use crate::support::settings::{Language, TEXT_SIZES, Theme};
use crate::ui::app::AkreditApp;
use crate::ui::command::Command;
use crate::ui::i18n::T;

/// Draws the settings screen.
pub fn show(app: &mut AkreditApp, ui: &mut Ui) {
    ScrollArea::vertical().show(ui, |ui| {
        ui.heading(app.t(T::Settings));
        ui.add_space(6.0);
        ui.label(app.t(T::Language));
        ui.horizontal(|ui| {
            for (lang, name) in [(Language::Uk, "Українська"), (Language::En, "English")]
            {
                if ui.radio(app.settings.language == lang, name).clicked() {
                    app.push(Command::SetLanguage(lang));
                }
            }
        });
        ui.label(app.t(T::TextSize));
        ui.horizontal(|ui| {
            for p in TEXT_SIZES {
                if ui
                    .radio(app.settings.text_percent == p, format!("{p} %"))
                    .clicked()
                {
                    app.push(Command::SetTextPercent(p));
                }
            }
        });
        ui.label(app.t(T::Theme));
        ui.horizontal(|ui| {
            for (theme, key) in [(Theme::Light, T::Light), (Theme::Dark, T::Dark)] {
                if ui.radio(app.settings.theme == theme, app.t(key)).clicked() {
                    app.push(Command::SetTheme(theme));
                }
            }
        });
        keyboard(app, ui);
        evidence(app, ui);
        ui.add_space(12.0);
        ui.heading(app.t(T::About));
        ui.label(format!("akredit {}", env!("CARGO_PKG_VERSION")));
        ui.label(app.t(T::CatalogueInUse));
        ui.label(RichText::new(&app.catalogue.title).strong());
        ui.label(
            RichText::new(format!(
                "{} · SHA-256 {}",
                app.catalogue.id, app.catalogue.sha256
            ))
            .monospace(),
        );
        for m in &app.catalogue.models {
            ui.label(format!("{}: {} / {}", m.title, m.standards, m.max_points));
        }
        ui.label(app.t(T::SourceIncomplete));
        ui.add_space(6.0);
        ui.label(app.t(T::DataFolder));
        let folder = app
            .home
            .as_ref()
            .map(|h| h.root().display().to_string())
            .unwrap_or_else(|| "—".into());
        ui.label(RichText::new(folder).monospace());
    });
}

/// How photos are kept: as given, or large ones as smaller copies.
fn evidence(app: &mut AkreditApp, ui: &mut Ui) {
    ui.add_space(12.0);
    ui.heading(app.t(T::EvidenceHeading));
    let mut reduce = app.settings.reduce_photos;
    if ui
        .checkbox(&mut reduce, app.t(T::SettingsReducePhotos))
        .changed()
    {
        app.push(Command::SetReducePhotos(reduce));
    }
}

/// How the keys move: passing over standards that do not apply, moving on after a grade.
fn keyboard(app: &mut AkreditApp, ui: &mut Ui) {
    ui.add_space(12.0);
    ui.heading(app.t(T::KeyboardHeading));
    let mut skip = app.settings.skip_not_applicable;
    if ui.checkbox(&mut skip, app.t(T::SettingSkipNa)).changed() {
        app.push(Command::SetSkipNotApplicable(skip));
    }
    let mut advance = app.settings.auto_advance;
    if ui
        .checkbox(&mut advance, app.t(T::SettingAutoAdvance))
        .changed()
    {
        app.push(Command::SetAutoAdvance(advance));
    }
    ui.label(RichText::new(app.t(T::SettingPlaceNote)).weak());
}
