//! The overview's table: the form (folder, trusted keys), the counts, and one row per
//! result, sortable by any column; a click on a row opens it.

use std::path::Path;

use egui::{Align, Layout, RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use super::sort::SortKey;
use super::state::CommissionView;
use crate::catalogue::Catalogue;
use crate::commission::{Overview, Row, Status};
use crate::support::settings::Language;
use crate::ui::command::Command;
use crate::ui::i18n::T;
use crate::ui::style;

/// A column's heading.
fn title(key: SortKey) -> T {
    match key {
        SortKey::Centre => T::ColCentre,
        SortKey::Model => T::ColModel,
        SortKey::VisitDate => T::ColVisitDate,
        SortKey::Expert => T::Expert,
        SortKey::Key => T::ColKey,
        SortKey::Points => T::ColPoints,
        SortKey::Percent => T::ColPercent,
        SortKey::Category => T::ColCategory,
        SortKey::Kind => T::ColKind,
        SortKey::Status => T::ColStatus,
    }
}

/// What the heading means, where it is short.
fn explained(key: SortKey) -> Option<T> {
    match key {
        SortKey::Model => Some(T::Model),
        SortKey::VisitDate => Some(T::VisitDate),
        SortKey::Key => Some(T::Fingerprint),
        SortKey::Percent => Some(T::Percent),
        SortKey::Kind => Some(T::KindHint),
        _ => None,
    }
}

/// The column, its initial width `scale` times one that fits the default window (1 200
/// pixels at 125 %); the status takes what is left.
fn column(key: SortKey, scale: f32) -> Column {
    let width = match key {
        SortKey::Centre => 156.0,
        SortKey::Model => 68.0,
        SortKey::VisitDate => 70.0,
        SortKey::Expert => 88.0,
        SortKey::Key => 126.0,
        SortKey::Points => 58.0,
        SortKey::Percent => 36.0,
        SortKey::Category => 80.0,
        SortKey::Kind => 72.0,
        SortKey::Status => return Column::remainder().at_least(100.0).clip(true),
    };
    Column::initial(width * scale).at_least(24.0).clip(true)
}

/// The form, and the last run's counts and table.
pub fn overview(
    view: &mut CommissionView,
    catalogue: &Catalogue,
    lang: Language,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    form(view, lang, ui, commands);
    let Some(o) = &view.overview else {
        return;
    };
    summary(o, &view.trusted_fingerprints, lang, ui);
    ui.add_space(4.0);
    egui::ScrollArea::horizontal()
        .id_salt("commission_table_h")
        .show(ui, |ui| {
            table(o, &view.order, view.sort, catalogue, lang, ui, commands);
        });
}

/// The folder, the trusted keys, the Verify button, and what the last run said.
fn form(view: &mut CommissionView, lang: Language, ui: &mut Ui, commands: &mut Vec<Command>) {
    ui.label(T::CommissionHelp.get(lang));
    ui.add_space(4.0);
    let label = ui.label(T::CommissionFolder.get(lang));
    let mut enter = false;
    ui.horizontal(|ui| {
        if ui.button(T::Choose.get(lang)).clicked() {
            commands.push(Command::BrowseCommissionFolder);
        }
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut view.path)
                    .hint_text("/…/results")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    });
    let label = ui.label(T::TrustedKeys.get(lang));
    ui.add(
        egui::TextEdit::multiline(&mut view.trusted)
            .hint_text("/…/ivanenko-identity.json, /…/petrenko-identity.json")
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    let ready = !view.path.trim().is_empty() && view.pending.is_none();
    let run = ui.add_enabled(
        ready,
        egui::Button::new(RichText::new(T::CommissionRun.get(lang)).strong()),
    );
    if ready && (run.clicked() || enter) {
        commands.push(Command::RunCommission);
    }
    if let Some(e) = &view.error {
        ui.label(RichText::new(e.as_str()).color(ui.visuals().error_fg_color));
    }
    if let Some(p) = &view.pending {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(format!("{} {}", T::Verifying.get(lang), p.files));
        });
    }
}

/// The counts of the run, and which keys were trusted.
fn summary(o: &Overview, trusted_fingerprints: &[String], lang: Language, ui: &mut Ui) {
    ui.add_space(6.0);
    let c = &o.counts;
    ui.label(
        RichText::new(format!(
            "{} {} · {} {} · {} {} · {} {} · {} {} · {} {}",
            T::CountFiles.get(lang),
            c.total,
            T::CountValidFinal.get(lang),
            c.valid_final,
            T::CountDrafts.get(lang),
            c.valid_drafts,
            T::CountSuperseded.get(lang),
            c.superseded,
            T::CountDuplicates.get(lang),
            c.duplicates,
            T::CountInvalid.get(lang),
            c.invalid
        ))
        .strong(),
    );
    if c.unresolved > 0 {
        ui.label(
            RichText::new(format!("{} {}", T::CountUnresolved.get(lang), c.unresolved))
                .color(ui.visuals().warn_fg_color),
        );
    }
    if trusted_fingerprints.is_empty() {
        ui.label(RichText::new(T::NoTrustWarning.get(lang)).color(ui.visuals().warn_fg_color));
    } else {
        ui.label(format!(
            "{}: {}",
            T::TrustedAre.get(lang),
            trusted_fingerprints.join(", ")
        ));
    }
    ui.label(RichText::new(T::ClickARow.get(lang)).weak());
    ui.label(RichText::new(T::ClickARow.get(lang)).weak());
}

fn table(
    o: &Overview,
    order: &[usize],
    sort: Option<(SortKey, bool)>,
    catalogue: &Catalogue,
    lang: Language,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    // A click anywhere on a row opens it: no text selection to catch it first.
    ui.style_mut().interaction.selectable_labels = false;
    let row_height = ui.spacing().interact_size.y + 2.0;
    let scale = (ui.available_width() / 944.0).max(1.0);
    let mut builder = TableBuilder::new(ui)
        .id_salt("commission_table")
        .striped(true)
        .resizable(true)
        .sense(Sense::click())
        .cell_layout(Layout::left_to_right(Align::Center))
        .min_scrolled_height(0.0)
        .max_scroll_height(f32::INFINITY);
    for key in SortKey::ALL {
        builder = builder.column(column(key, scale));
    }
    builder
        .header(row_height + 4.0, |mut header| {
            for key in SortKey::ALL {
                header.col(|ui| {
                    let title = title(key).get(lang);
                    let (text, sorted) = match sort {
                        // The mark first: a narrow column cuts the end of its heading.
                        Some((k, true)) if k == key => (format!("^ {title}"), true),
                        Some((k, false)) if k == key => (format!("v {title}"), true),
                        _ => (title.to_string(), false),
                    };
                    let button = egui::Button::selectable(sorted, RichText::new(text).strong());
                    let hint = match explained(key) {
                        Some(t) => format!("{}. {}", t.get(lang), T::SortHint.get(lang)),
                        None => T::SortHint.get(lang).to_string(),
                    };
                    if ui.add(button).on_hover_text(hint).clicked() {
                        commands.push(Command::SortCommission(key));
                    }
                });
            }
        })
        .body(|body| {
            body.rows(row_height, order.len(), |mut row| {
                let r = &o.rows[order[row.index()]];
                let mut open = cells(r, catalogue, lang, &mut row);
                open |= row.response().clicked();
                if open {
                    commands.push(Command::OpenCommissionResult(r.path.clone()));
                }
            });
        });
}

/// The cells of one row; true when its centre (a button) was clicked.
fn cells(r: &Row, catalogue: &Catalogue, lang: Language, row: &mut egui_extras::TableRow) -> bool {
    let look = |text: String, ui: &Ui| styled(r, text, ui);
    let cell = |row: &mut egui_extras::TableRow, text: String| {
        row.col(|ui| {
            let text = look(text, ui);
            ui.add(egui::Label::new(text).truncate());
        })
        .1
    };
    let mut clicked = false;
    row.col(|ui| {
        let file = r
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = if r.centre.is_empty() {
            file
        } else {
            r.centre.clone()
        };
        let hover = format!("{name}\n{}", r.path.display());
        let button = egui::Button::new(look(name, ui)).frame(false).truncate();
        clicked = ui.add(button).on_hover_text(hover).clicked();
    });
    let short = r
        .model
        .map_or_else(String::new, |m| style::model_short(m, lang).to_string());
    let response = cell(row, short);
    if let Some(m) = r.model {
        response.on_hover_text(style::model_title(catalogue, m, lang));
    }
    cell(row, r.visit_date.clone());
    cell(row, r.expert.clone()).on_hover_text(&r.expert);
    row.col(|ui| {
        let text = look(r.fingerprint.clone(), ui);
        ui.add(egui::Label::new(text).truncate())
            .on_hover_text(format!("{}: {}", T::Signer.get(lang), r.signer));
    });
    let points = match (r.points, r.max_points) {
        (Some(p), Some(m)) => format!("{p} / {m}"),
        _ => String::new(),
    };
    cell(row, points);
    cell(row, r.percent_text());
    trailing_cells(r, lang, row);
    clicked
}

/// A cell's text as its row's status shows it: red when invalid, weak when superseded or
/// a duplicate.
fn styled(r: &Row, text: String, ui: &Ui) -> RichText {
    let t = RichText::new(text);
    match r.status {
        Status::Invalid { .. } => t.color(ui.visuals().error_fg_color),
        Status::Superseded { .. } | Status::Duplicate { .. } => t.weak(),
        Status::Valid => t,
    }
}

/// The category, kind and status cells.
fn trailing_cells(r: &Row, lang: Language, row: &mut egui_extras::TableRow) {
    row.col(|ui| {
        let Some(category) = r.category else {
            return;
        };
        let mut text = styled(r, style::category_short(category, lang).to_string(), ui);
        if r.status == Status::Valid {
            text = text.color(style::category_colour(category, ui));
        }
        ui.add(egui::Label::new(text).truncate())
            .on_hover_text(style::category_name(category, lang));
    });
    row.col(|ui| {
        let kind = match r.is_final {
            Some(true) => T::KindFinal.get(lang),
            Some(false) => T::KindDraft.get(lang),
            None => "",
        };
        let mut text = styled(r, kind.to_string(), ui);
        if r.is_final == Some(false) && r.status == Status::Valid {
            text = text.color(ui.visuals().warn_fg_color);
        }
        ui.add(egui::Label::new(text).truncate());
    });
    let mut status = status_text(&r.status, lang, false);
    if !r.notes.is_empty() {
        status.push_str(&format!(" · {}", T::HasNotes.get(lang)));
    }
    let mut hover = vec![r.path.display().to_string()];
    if r.status != Status::Valid {
        hover.push(r.status.detail());
    }
    hover.extend(r.notes.iter().map(ToString::to_string));
    row.col(|ui| {
        let mut text = styled(r, status, ui);
        if r.status == Status::Valid && !r.notes.is_empty() {
            text = text.color(ui.visuals().warn_fg_color);
        }
        ui.add(egui::Label::new(text).truncate())
            .on_hover_text(hover.join("\n"));
    });
}

/// The status in words, with what it concerns: the failed checks, or the file that
/// supersedes or stands for it.
/// Files are named by their file name only, or by their whole path when `full`.
pub fn status_text(status: &Status, lang: Language, full: bool) -> String {
    let name = |p: &Path| match p.file_name() {
        Some(n) if !full => n.to_string_lossy().into_owned(),
        _ => p.display().to_string(),
    };
    match status {
        Status::Valid => T::StatusValid.get(lang).to_string(),
        Status::Invalid { reasons } => {
            format!("{}: {}", T::StatusInvalid.get(lang), reasons.join("; "))
        }
        Status::Superseded { by } => format!("{}: {}", T::StatusSuperseded.get(lang), name(by)),
        Status::Duplicate { of } => format!("{}: {}", T::StatusDuplicate.get(lang), name(of)),
    }
}
