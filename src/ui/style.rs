//! How the window looks, shared by every screen: the text size and theme chosen in the
//! settings, the sizes of the big figures, the category's colour and name, a model's
//! name, and the line that says what a form's last submission gave.

use egui::{Color32, RichText, Ui};

use crate::catalogue::{Catalogue, ModelId};
use crate::scoring::Category;
use crate::support::settings::{Language, Settings, Theme};
use crate::ui::i18n::T;

/// The size of a banner across the inspection (a centre's self-assessment file).
pub const BANNER_SIZE: f32 = 16.0;

/// The size of the main figures' line of a result shown read-only.
pub const RESULT_LINE_SIZE: f32 = 17.0;

/// The size of the main column's heading in the result panel.
pub const PANEL_HEADING_SIZE: f32 = 18.0;

/// The size of the main column's points and percent in the result panel.
pub const PANEL_FIGURE_SIZE: f32 = 20.0;

/// Applies the text size and theme of `settings` when they differ from what was applied
/// last (`applied`): egui keeps them, so this is nothing most frames.
pub fn apply(ctx: &egui::Context, settings: &Settings, applied: &mut Option<(u16, Theme)>) {
    let wanted = (settings.text_percent, settings.theme);
    if *applied == Some(wanted) {
        return;
    }
    ctx.set_zoom_factor(f32::from(wanted.0) / 100.0);
    ctx.set_theme(match wanted.1 {
        Theme::Light => egui::Theme::Light,
        Theme::Dark => egui::Theme::Dark,
    });
    *applied = Some(wanted);
}

/// The colour of a category, calm rather than alarming.
pub fn category_colour(category: Category, ui: &Ui) -> Color32 {
    let dark = ui.visuals().dark_mode;
    match (category, dark) {
        (Category::Higher, false) => Color32::from_rgb(0x1b, 0x6e, 0x3a),
        (Category::Higher, true) => Color32::from_rgb(0x7e, 0xd3, 0x9a),
        (Category::First, false) => Color32::from_rgb(0x1f, 0x5f, 0x9e),
        (Category::First, true) => Color32::from_rgb(0x8a, 0xbd, 0xef),
        (Category::Second, false) => Color32::from_rgb(0x8a, 0x5a, 0x00),
        (Category::Second, true) => Color32::from_rgb(0xe8, 0xc0, 0x6a),
        (Category::None, _) => ui.visuals().weak_text_color(),
    }
}

/// The category in words.
pub fn category_name(category: Category, lang: Language) -> &'static str {
    match category {
        Category::Higher => T::CatHigher.get(lang),
        Category::First => T::CatFirst.get(lang),
        Category::Second => T::CatSecond.get(lang),
        Category::None => T::CatNone.get(lang),
    }
}

/// The category in one word, for a table whose heading says "category".
pub fn category_short(category: Category, lang: Language) -> &'static str {
    match category {
        Category::Higher => T::CatHigherShort.get(lang),
        Category::First => T::CatFirstShort.get(lang),
        Category::Second => T::CatSecondShort.get(lang),
        Category::None => T::CatNoneShort.get(lang),
    }
}

/// The model's title in the catalogue, in the language.
pub fn model_title(catalogue: &Catalogue, model: ModelId, lang: Language) -> String {
    let m = catalogue.model(model);
    match lang {
        Language::Uk => m.title.clone(),
        Language::En => m.title_en.clone(),
    }
}

/// A percent as the window shows it: `91,9 %` in Ukrainian (the decimal comma, as the
/// protocol and the conclusion print it), `91.9 %` in English, with a space that never
/// breaks (a line never ends between the number and its sign), or `—` when there is none.
pub fn percent(percent: Option<crate::scoring::Percent>, lang: Language) -> String {
    percent.map_or_else(
        || "—".to_string(),
        |p| format!("{}\u{a0}%", decimal(&p.to_string(), lang)),
    )
}

/// A decimal number written as the language writes it: `81,7` in Ukrainian, `81.7` in
/// English.
pub fn decimal(number: &str, lang: Language) -> String {
    match lang {
        Language::Uk => number.replace('.', ","),
        Language::En => number.to_string(),
    }
}

/// The model abbreviated, for a table column.
pub fn model_short(model: ModelId, lang: Language) -> &'static str {
    match model {
        ModelId::Sanitary => T::ModelSanitaryShort.get(lang),
        ModelId::Full => T::ModelFullShort.get(lang),
    }
}

/// What a form's last submission gave, in red when it failed.
pub fn outcome_label(outcome: &Option<Result<String, String>>, ui: &mut Ui) {
    match outcome {
        Some(Ok(summary)) => {
            ui.label(summary);
        }
        Some(Err(e)) => {
            ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
        }
        None => {}
    }
}

/// The colour of the result panel's bars: one calm blue for every group (the category is
/// the whole inspection's, not a group's, so the bars are not coloured by it).
pub fn chart_bar_colour(ui: &Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(0x5a, 0x8f, 0xc8)
    } else {
        Color32::from_rgb(0x6a, 0x9a, 0xd0)
    }
}
