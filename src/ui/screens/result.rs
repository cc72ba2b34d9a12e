//! The result panel: the running figures of both columns and the chart by group, always
//! in view (scrolled where the window is short).

use egui::{RichText, Ui};

use crate::scoring::Tally;
use crate::support::settings::Language;
use crate::ui::i18n::{self, T};
use crate::ui::session::Session;
use crate::ui::style::{self, category_colour, category_name};

/// Draws the panel; on a short window (768 pixels at 150 % text) it scrolls.
pub fn panel(session: &Session, lang: Language, ui: &mut Ui) {
    egui::ScrollArea::vertical()
        .id_salt("result_panel")
        .show(ui, |ui| figures(session, lang, ui));
}

fn figures(session: &Session, lang: Language, ui: &mut Ui) {
    let t = &session.totals;
    ui.heading(T::Result.get(lang));
    ui.label(i18n::applicable_counts(
        t.applicable,
        t.not_applicable,
        lang,
    ));
    ui.separator();
    if session.is_self_assessment() {
        // A centre's own file: its figures only, as the commission will see them.
        tally(
            T::SelfAssessment,
            &t.self_assessment,
            t.max_points,
            lang,
            ui,
            true,
        );
        ui.separator();
        super::chart::chart(session, lang, ui);
        return;
    }
    tally(T::Commission, &t.commission, t.max_points, lang, ui, true);
    if t.complete {
        ui.label(RichText::new(T::Complete.get(lang)).small());
    }
    ui.separator();
    super::chart::chart(session, lang, ui);
    ui.separator();
    tally(
        T::SelfAssessment,
        &t.self_assessment,
        t.max_points,
        lang,
        ui,
        false,
    );
    ui.separator();
    evidence_line(session, lang, ui);
    let groups = &session.divergences;
    let divergent: usize = groups.iter().map(|(_, codes)| codes.len()).sum();
    ui.label(format!("{}: {divergent}", T::Divergences.get(lang)));
    if !groups.is_empty() {
        let line = groups
            .iter()
            .map(|(group, codes)| format!("{group}: {}", codes.len()))
            .collect::<Vec<_>>()
            .join(" · ");
        ui.label(format!("{} — {line}", T::DivergencesByGroup.get(lang)));
    }
}

fn tally(title: T, tally: &Tally, max: u32, lang: Language, ui: &mut Ui, main: bool) {
    let heading = RichText::new(title.get(lang)).strong();
    ui.label(if main {
        heading.size(style::PANEL_HEADING_SIZE)
    } else {
        heading
    });
    let percent = style::percent(tally.percent, lang);
    let big = RichText::new(format!("{} / {max}  ·  {percent}", tally.points));
    ui.label(if main {
        big.size(style::PANEL_FIGURE_SIZE).strong()
    } else {
        big
    });
    ui.label(
        RichText::new(category_name(tally.category, lang))
            .color(category_colour(tally.category, ui))
            .strong(),
    );
    if tally.unscored > 0 {
        let best = style::percent(tally.best_percent, lang);
        ui.label(format!("{}: {}", T::Unscored.get(lang), tally.unscored));
        ui.label(format!("{}:", T::Forecast.get(lang)));
        ui.indent(("forecast", main), |ui| {
            ui.label(format!(
                "{} 0: {percent}, {}",
                T::IfUnscoredGet.get(lang),
                category_name(tally.category, lang)
            ));
            ui.label(format!(
                "{} 3: {best}, {}",
                T::IfUnscoredGet.get(lang),
                category_name(tally.best_category, lang)
            ));
        });
    }
}

/// "Докази: 12 — 1.1: 3 · 1.6: 7 · документи: 2", when there are any.
fn evidence_line(session: &Session, lang: Language, ui: &mut Ui) {
    let counts = session.evidence_counts();
    if counts.total() == 0 {
        return;
    }
    let mut parts: Vec<String> = counts
        .groups
        .iter()
        .map(|(group, n)| format!("{group}: {n}"))
        .collect();
    if counts.documents > 0 {
        parts.push(format!(
            "{}: {}",
            T::EvidenceDocuments.get(lang),
            counts.documents
        ));
    }
    ui.label(format!(
        "{}: {} — {}",
        T::EvidenceCount.get(lang),
        counts.total(),
        parts.join(" · ")
    ));
    ui.separator();
}
