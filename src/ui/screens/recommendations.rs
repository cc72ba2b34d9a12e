//! Recommendations: the three parts under a standard on its group tab (what to remedy, by
//! when, who answers for it), and the «Рекомендації» tab — every standard the conclusion
//! must speak of, what is still lacking, and the expert group's general conclusion. Each
//! text is saved when its field lets go of the keyboard ([`super::text_field`]).

use std::collections::BTreeMap;

use egui::{Align, Layout, RichText, ScrollArea, Sense, Ui};

use super::text_field::{self, Look};
use crate::answers::{RecommendationRow, recommendation_rows};
use crate::catalogue::{Catalogue, Code};
use crate::inspection::Inspection;
use crate::support::settings::Language;
use crate::support::time::official_date;
use crate::ui::app::AkreditApp;
use crate::ui::command::Command;
use crate::ui::i18n::{self, T};
use crate::ui::session::{Session, TextKey};

/// The narrowest a one-line field is: about twenty characters.
const FIELD_MIN: f32 = 150.0;

/// A caption whose name, for a screen reader and the tests, says which standard it is of
/// ("1.1.3 Відповідальний"): every standard's fields are captioned alike.
fn caption(code: &Code, what: T, lang: Language, ui: &mut Ui) -> egui::Id {
    let caption = ui.label(format!("{}:", what.get(lang)));
    caption.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Label,
            true,
            format!("{code} {}", what.get(lang)),
        )
    });
    caption.id
}

/// Under a standard: what to remedy (a few lines), the deadline and who is responsible.
/// With `focus` (R was pressed on it), what to remedy takes the keyboard.
pub fn under_standard(
    texts: &mut BTreeMap<TextKey, String>,
    inspection: &Inspection,
    code: &Code,
    focus: bool,
    lang: Language,
    ui: &mut Ui,
) {
    let what = caption(code, T::RecommendationWhat, lang, ui);
    let look = Look {
        width: ui.available_width(),
        rows: 2,
        hint: T::RecommendationHint.get(lang),
    };
    let key = TextKey::Recommendation(code.clone());
    text_field::field(texts, inspection, key, &look, what, focus, ui);
    ui.horizontal_wrapped(|ui| {
        let due = caption(code, T::RecommendationDue, lang, ui);
        let look = Look {
            width: FIELD_MIN,
            rows: 1,
            hint: "2027-03-31",
        };
        let key = TextKey::Due(code.clone());
        text_field::field(texts, inspection, key, &look, due, false, ui);
        let owner = caption(code, T::RecommendationOwner, lang, ui);
        let look = Look {
            width: (ui.available_width() - 8.0).clamp(FIELD_MIN, 360.0),
            rows: 1,
            hint: T::OwnerHint.get(lang),
        };
        let key = TextKey::Owner(code.clone());
        text_field::field(texts, inspection, key, &look, owner, false, ui);
    });
}

/// The tab's label: "Рекомендації · 12/15", the standards with a recommendation of those
/// the list holds (as a group's tab says how many of its standards are graded).
pub fn tab_label(session: &Session, lang: Language) -> String {
    let rows = rows_of(session);
    let given = rows.iter().filter(|r| !r.lacks_recommendation()).count();
    format!(
        "{} · {given}/{}",
        T::RecommendationsTab.get(lang),
        rows.len()
    )
}

fn rows_of(session: &Session) -> Vec<RecommendationRow> {
    recommendation_rows(
        session.inspection.catalogue(),
        session.model(),
        session.inspection.answers(),
    )
}

/// The «Рекомендації» tab: the counts, the general conclusion, the table.
pub fn tab(app: &mut AkreditApp, ui: &mut Ui) {
    let lang = app.settings.language;
    let Some(session) = &mut app.session else {
        return;
    };
    let catalogue = session.inspection.catalogue().clone();
    let rows = rows_of(session);
    let mut commands = Vec::new();
    ScrollArea::vertical()
        .id_salt("recommendations_tab")
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.heading(T::RecommendationsTab.get(lang));
            ui.add(egui::Label::new(T::RecommendationsHelp.get(lang)).wrap());
            let given = rows.iter().filter(|r| !r.lacks_recommendation()).count();
            let zero = rows
                .iter()
                .filter(|r| r.zero_without_recommendation())
                .count();
            let counts = i18n::recommendation_counts(given, rows.len() - given, zero, lang);
            ui.label(RichText::new(counts).strong());
            // The conclusion before the table, which may list a hundred standards: it is
            // one scroll away from nothing.
            ui.add_space(6.0);
            conclusion(session, lang, ui);
            ui.add_space(10.0);
            if rows.is_empty() {
                ui.label(T::RecNothingListed.get(lang));
            } else {
                table(&rows, &catalogue, lang, ui, &mut commands);
            }
        });
    for c in commands {
        app.push(c);
    }
}

/// The widths of the table's columns — code, grade, recommendation, deadline, responsible
/// — in `width` points, the code's `code` wide: the recommendation takes what the others
/// leave.
fn widths(width: f32, spacing: f32, code: f32) -> [f32; 5] {
    let owner = (width * 0.2).clamp(90.0, 220.0);
    let fixed = code + 64.0 + 80.0 + owner + 4.0 * spacing;
    [code, 64.0, (width - fixed).max(120.0), 80.0, owner]
}

/// The width of the longest code, so that none breaks (1.1.4.11.1 would, in a fixed width).
fn code_width(rows: &[RecommendationRow], ui: &Ui) -> f32 {
    let font = egui::TextStyle::Monospace.resolve(ui.style());
    let longest = rows
        .iter()
        .map(|r| {
            ui.painter()
                .layout_no_wrap(r.code.to_string(), font.clone(), egui::Color32::PLACEHOLDER)
                .size()
                .x
        })
        .fold(0.0, f32::max);
    (longest + 2.0).max(48.0)
}

/// One cell: `text` wrapped in `width`.
fn cell(ui: &mut Ui, width: f32, text: RichText) {
    ui.allocate_ui_with_layout(egui::vec2(width, 0.0), Layout::top_down(Align::Min), |ui| {
        ui.set_width(width);
        ui.add(egui::Label::new(text).wrap().selectable(false));
    });
}

/// The table: a heading row, then one row per standard; a click on a row goes to it.
fn table(
    rows: &[RecommendationRow],
    catalogue: &Catalogue,
    lang: Language,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    let spacing = ui.spacing().item_spacing.x;
    let w = widths(ui.available_width(), spacing, code_width(rows, ui));
    ui.horizontal_top(|ui| {
        let heads = [
            T::ColCode,
            T::ColGrade,
            T::ColRecommendation,
            T::ColDue,
            T::RecommendationOwner,
        ];
        for (head, width) in heads.into_iter().zip(w) {
            cell(ui, width, RichText::new(head.get(lang)).strong());
        }
    });
    ui.separator();
    for r in rows {
        if row(r, catalogue, w, lang, ui).clicked() {
            commands.push(Command::Focus(r.code.clone()));
        }
    }
}

/// What a row's recommendation cell says: the text, or that it is lacking — a standard
/// graded 0 without one in the warning colour and in capitals, so that it is seen without
/// telling colours apart.
fn recommendation_cell(r: &RecommendationRow, lang: Language, ui: &Ui) -> RichText {
    if r.zero_without_recommendation() {
        return RichText::new(T::RecZeroLacking.get(lang))
            .strong()
            .color(ui.visuals().warn_fg_color);
    }
    if r.incomplete() {
        return RichText::new(T::RecIncomplete.get(lang)).italics();
    }
    if r.lacks_recommendation() {
        return RichText::new(T::RecLacking.get(lang)).italics();
    }
    RichText::new(&r.recommendation.text)
}

/// The grade as "МВ 1 з 3", or "не оцінено".
fn grade_text(r: &RecommendationRow, catalogue: &Catalogue, lang: Language) -> String {
    let scale = catalogue
        .standard(&r.code)
        .map_or(crate::catalogue::Scale::Unspecified, |s| s.scale);
    match r.grade {
        Some(g) => format!("{} {} {}", scale.label(g), T::OutOf.get(lang), r.max),
        None => T::NotAssessed.get(lang).to_string(),
    }
}

/// One row, highlighted under the pointer; the whole row is one button, named by what it
/// shows.
fn row(
    r: &RecommendationRow,
    catalogue: &Catalogue,
    w: [f32; 5],
    lang: Language,
    ui: &mut Ui,
) -> egui::Response {
    // The row's background goes under its text, painted once its size is known.
    let background = ui.painter().add(egui::Shape::Noop);
    let grade = grade_text(r, catalogue, lang);
    let recommendation = recommendation_cell(r, lang, ui);
    let due = r.recommendation.due.as_deref().map(official_date);
    let inner = ui.horizontal_top(|ui| {
        cell(
            ui,
            w[0],
            RichText::new(r.code.as_str()).monospace().strong(),
        );
        cell(ui, w[1], RichText::new(&grade));
        cell(ui, w[2], recommendation.clone());
        cell(ui, w[3], RichText::new(due.clone().unwrap_or_default()));
        cell(ui, w[4], RichText::new(&r.recommendation.owner));
    });
    let rect = inner.response.rect.expand(2.0);
    let id = egui::Id::unique(("recommendation_row", r.code.as_str()));
    let response = ui.interact(rect, id, Sense::click());
    let visuals = ui.visuals();
    let fill = if response.hovered() {
        Some(visuals.widgets.hovered.weak_bg_fill)
    } else if r.zero_without_recommendation() {
        Some(visuals.warn_fg_color.gamma_multiply(0.12))
    } else {
        None
    };
    if let Some(fill) = fill {
        ui.painter()
            .set(background, egui::Shape::rect_filled(rect, 2.0, fill));
    }
    let said = format!("{} · {grade} · {}", r.code, recommendation.text());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &said));
    response.on_hover_cursor(egui::CursorIcon::PointingHand)
}

/// The general conclusion: several lines, saved when the field lets go of the keyboard.
fn conclusion(session: &mut Session, lang: Language, ui: &mut Ui) {
    let caption =
        ui.add(egui::Label::new(RichText::new(T::ConclusionHeading.get(lang)).strong()).wrap());
    let look = Look {
        width: ui.available_width(),
        rows: 4,
        hint: T::ConclusionHint.get(lang),
    };
    let Session {
        inspection, texts, ..
    } = session;
    text_field::field(
        texts,
        inspection,
        TextKey::Conclusion,
        &look,
        caption.id,
        false,
        ui,
    );
    ui.label(RichText::new(T::SavedOnLeave.get(lang)).weak());
}
