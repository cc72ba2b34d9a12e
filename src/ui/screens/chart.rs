//! The result panel's chart: one bar a group with its percent written beside it, and a
//! dashed line at each category's least percent, read from the catalogue (as the category
//! is computed, and as the protocol's chart draws them) with that percent written above
//! it. Drawn with the painter, so it stays sharp at any text size; what it shows is also
//! said in words, for a screen reader and the tests.

use egui::{Align2, FontId, Pos2, Rect, RichText, Sense, Shape, Stroke, Ui, pos2, vec2};

use crate::catalogue::Catalogue;
use crate::scoring::Percent;
use crate::support::settings::Language;
use crate::ui::i18n::{self, T};
use crate::ui::session::Session;
use crate::ui::style;

/// Room between the chart's columns, in points.
const GAP: f32 = 4.0;

/// One bar: the group's code, title and percent.
struct Bar {
    code: String,
    title: String,
    percent: Option<Percent>,
}

/// Draws the chart of the file's main column, its title above and its legend below.
pub fn chart(session: &Session, lang: Language, ui: &mut Ui) {
    let catalogue = session.inspection.catalogue();
    let bars: Vec<Bar> = session
        .totals
        .groups
        .iter()
        .map(|g| Bar {
            code: g.code.to_string(),
            title: catalogue
                .groups
                .iter()
                .find(|c| c.code == g.code)
                .map(|c| c.title.clone())
                .unwrap_or_default(),
            percent: session
                .main_tally(&g.commission, &g.self_assessment)
                .percent,
        })
        .collect();
    if bars.is_empty() {
        return;
    }
    ui.label(RichText::new(T::ChartTitle.get(lang)).strong());
    let font = egui::TextStyle::Small.resolve(ui.style());
    let row = (font.size * 1.45).round();
    let label_row = font.size + 2.0;
    let height = 2.0 * label_row + row * bars.len() as f32 + 2.0;
    let (rect, response) =
        ui.allocate_exact_size(vec2(ui.available_width(), height), Sense::hover());
    if ui.is_rect_visible(rect) {
        let geometry = Geometry::of(ui, rect, &bars, &font, label_row);
        draw_bars(ui, &geometry, &bars, &font, row, lang);
        draw_thresholds(ui, &geometry, catalogue, &font, label_row);
    }
    let said = described(&bars, catalogue, lang);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &said));
    let hover: Vec<String> = bars
        .iter()
        .map(|b| {
            format!(
                "{} {}: {}",
                b.code,
                b.title,
                style::percent(b.percent, lang)
            )
        })
        .collect();
    response.on_hover_text(hover.join("\n"));
    ui.add(egui::Label::new(RichText::new(legend(catalogue, lang)).small()).wrap());
}

/// Where the chart's parts go: the bars' scale from `x0` (0 %) to `x1` (100 %), between the
/// codes' column on the left and the percents' on the right, and from `top` down.
struct Geometry {
    rect: Rect,
    x0: f32,
    x1: f32,
    top: f32,
    bottom: f32,
}

impl Geometry {
    fn of(ui: &Ui, rect: Rect, bars: &[Bar], font: &FontId, label_row: f32) -> Geometry {
        let width = |text: String| {
            ui.painter()
                .layout_no_wrap(text, font.clone(), egui::Color32::PLACEHOLDER)
                .size()
                .x
        };
        let codes = bars
            .iter()
            .map(|b| width(b.code.clone()))
            .fold(0.0, f32::max);
        let percents = width(style::percent(Some(Percent(1000)), Language::En));
        let top = rect.top() + 2.0 * label_row;
        Geometry {
            rect,
            x0: rect.left() + codes + GAP,
            x1: (rect.right() - percents - GAP).max(rect.left() + codes + GAP + 1.0),
            top,
            bottom: rect.bottom() - 2.0,
        }
    }

    /// The x of a percent on the scale.
    fn x(&self, percent: f32) -> f32 {
        self.x0 + (self.x1 - self.x0) * percent.clamp(0.0, 100.0) / 100.0
    }
}

/// The bars, each group's code before it and its percent in a column of its own (written
/// at the bar's end it would run over the lines near a threshold), and the axis.
fn draw_bars(ui: &Ui, g: &Geometry, bars: &[Bar], font: &FontId, row: f32, lang: Language) {
    let painter = ui.painter_at(g.rect);
    let visuals = ui.visuals();
    let text = visuals.text_color();
    let fill = style::chart_bar_colour(ui);
    for (i, bar) in bars.iter().enumerate() {
        let y = g.top + row * i as f32;
        let middle = y + row / 2.0;
        painter.text(
            pos2(g.rect.left(), middle),
            Align2::LEFT_CENTER,
            &bar.code,
            font.clone(),
            text,
        );
        if let Some(p) = bar.percent {
            let end = g.x(p.0 as f32 / 10.0);
            let bar_rect = Rect::from_min_max(pos2(g.x0, y + row * 0.2), pos2(end, y + row * 0.8));
            painter.rect_filled(bar_rect, 0.0, fill);
        }
        painter.text(
            pos2(g.rect.right(), middle),
            Align2::RIGHT_CENTER,
            style::percent(bar.percent, lang),
            font.clone(),
            text,
        );
    }
    let axis = Stroke::new(1.0, visuals.weak_text_color());
    painter.line_segment([pos2(g.x0, g.top), pos2(g.x0, g.bottom)], axis);
    painter.line_segment([pos2(g.x0, g.bottom), pos2(g.x1, g.bottom)], axis);
}

/// A dashed line at each category's least percent, its percent above it; where two
/// labels would touch, the second goes a line higher.
fn draw_thresholds(ui: &Ui, g: &Geometry, catalogue: &Catalogue, font: &FontId, label_row: f32) {
    let painter = ui.painter_at(g.rect);
    let colour = ui.visuals().strong_text_color();
    let stroke = Stroke::new(1.0, colour);
    let mut rules: Vec<u32> = catalogue.categories.iter().map(|r| r.min_percent).collect();
    rules.sort_unstable();
    // The right edge of the last label on each of the two label lines.
    let mut ends = [f32::MIN; 2];
    for percent in rules {
        let x = g.x(percent as f32);
        let line = [Pos2::new(x, g.top - 2.0), Pos2::new(x, g.bottom)];
        painter.extend(Shape::dashed_line(&line, stroke, 3.0, 2.0));
        let label = percent.to_string();
        let galley = painter.layout_no_wrap(label, font.clone(), colour);
        let half = galley.size().x / 2.0;
        // The line just above the bars (1), or the one above it (0) when crowded.
        let crowded = x - half < ends[1] + GAP;
        let line_index = if crowded { 0 } else { 1 };
        let y = g.rect.top() + label_row * line_index as f32;
        ends[line_index] = x + half;
        painter.galley(pos2(x - half, y), galley, colour);
    }
}

/// What the dashed lines mean, in the window's language: "Пунктир — найменший відсоток
/// категорії: 75 % — друга, 81 % — перша, 92 % — вища".
fn legend(catalogue: &Catalogue, lang: Language) -> String {
    let mut rules: Vec<&crate::catalogue::CategoryRule> = catalogue.categories.iter().collect();
    rules.sort_by_key(|r| r.min_percent);
    let parts: Vec<String> = rules
        .iter()
        .map(|r| {
            format!(
                "{}\u{a0}% — {}",
                r.min_percent,
                i18n::category_rule_name(r, lang)
            )
        })
        .collect();
    format!("{}: {}", T::ChartLegend.get(lang), parts.join(", "))
}

/// The chart in words: its title, each group's percent, and the lines.
fn described(bars: &[Bar], catalogue: &Catalogue, lang: Language) -> String {
    let groups: Vec<String> = bars
        .iter()
        .map(|b| format!("{} {}", b.code, style::percent(b.percent, lang)))
        .collect();
    format!(
        "{}: {}. {}",
        T::ChartTitle.get(lang),
        groups.join(", "),
        legend(catalogue, lang)
    )
}
