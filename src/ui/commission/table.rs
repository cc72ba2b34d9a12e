//! The overview's table: the form (folder, trusted keys), the counts, and one row per
//! result, sortable by any column; a click on a row opens it.

use egui::{Align, Layout, RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use super::sort::SortKey;
use super::state::{CommissionView, SaveForm};
use crate::catalogue::Catalogue;
use crate::commission::{KepState, Overview, Row, Status};
use crate::support::settings::Language;
use crate::ui::command::Command;
use crate::ui::command::CommissionAction as Action;
use crate::ui::i18n::{T, verification};
use crate::ui::style;

/// A column's heading.
fn title(key: SortKey) -> T {
    match key {
        SortKey::Centre => T::ColCentre,
        SortKey::Model => T::ColModel,
        SortKey::VisitDate => T::ColVisitDate,
        SortKey::Expert => T::Expert,
        SortKey::Points => T::ColPoints,
        SortKey::Percent => T::ColPercent,
        SortKey::Category => T::ColCategory,
        SortKey::Status => T::ColStatus,
        SortKey::Key => T::ColKey,
        SortKey::Kep => T::ColKep,
        SortKey::File => T::ColFile,
    }
}

/// What the heading means, where it is short.
fn explained(key: SortKey) -> Option<T> {
    match key {
        SortKey::Model => Some(T::Model),
        SortKey::VisitDate => Some(T::VisitDate),
        SortKey::Key => Some(T::Fingerprint),
        SortKey::Percent => Some(T::Percent),
        SortKey::Status => Some(T::StatusHint),
        SortKey::Kep => Some(T::ColKepHint),
        SortKey::File => Some(T::FileHint),
        _ => None,
    }
}

/// The narrowest the centre's column starts.
const CENTRE_AT_LEAST: f32 = 160.0;

/// The columns' initial widths (in the order of [`SortKey::ALL`], the КЕП's left out
/// when `with_kep` is false) for a table `available` points wide: each short column what
/// its usual content needs, the expert, the key and the file more when there is room (the
/// key's fingerprint whole from about 1 600 points), and the centre the rest, never less
/// than [`CENTRE_AT_LEAST`]: at 1 366 pixels and 150 % about 170 points, at 1 920 pixels
/// and 100 % about 860. The КЕП column is shown only when a signature lies beside some
/// result; at 1 366 pixels and 150 % the table then scrolls sideways by its width.
pub fn initial_widths(available: f32, spacing: f32, with_kep: bool) -> Vec<f32> {
    // Centre, model, date, expert, points, %, category, status, КЕП, key, file.
    let mut w = [
        0.0, 66.0, 74.0, 88.0, 74.0, 44.0, 82.0, 74.0, 0.0, 64.0, 86.0,
    ];
    if with_kep {
        w[8] = 56.0;
    }
    let count = if with_kep { w.len() } else { w.len() - 1 };
    let spaces = spacing * count as f32;
    let spare = (available - w.iter().sum::<f32>() - spaces - CENTRE_AT_LEAST).max(0.0);
    w[3] += (spare * 0.12).min(80.0);
    if with_kep {
        w[8] += (spare * 0.06).min(60.0);
    }
    w[9] += (spare * 0.10).min(86.0);
    w[10] += (spare * 0.15).min(160.0);
    w[0] = (available - w.iter().sum::<f32>() - spaces).max(CENTRE_AT_LEAST);
    let mut widths = w.to_vec();
    if !with_kep {
        widths.remove(8);
    }
    widths
}

/// The columns shown: every one, the КЕП's only when `with_kep`.
fn shown_keys(with_kep: bool) -> Vec<SortKey> {
    SortKey::ALL
        .into_iter()
        .filter(|k| with_kep || *k != SortKey::Kep)
        .collect()
}

/// The column of `key`, `width` wide to begin with; every column but the last (the
/// file's, which takes what is left) can be resized by dragging its edge.
fn column(key: SortKey, width: f32) -> Column {
    match key {
        SortKey::File => Column::remainder().at_least(60.0).clip(true),
        SortKey::Centre => Column::initial(width).at_least(80.0).clip(true),
        _ => Column::initial(width).at_least(24.0).clip(true),
    }
}

/// The form, and the last run's counts, where its CSV goes, and its table.
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
    if let Some(form) = &mut view.csv {
        let actions = [Action::BrowseCsv, Action::SaveCsv];
        save_form(form, T::CsvFile, actions, lang, ui, commands);
    }
    ui.label(RichText::new(T::ClickARow.get(lang)).weak());
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
    let label = ui.label(T::KepCommissionTrust.get(lang));
    ui.add(
        egui::TextEdit::multiline(&mut view.kep_trust)
            .hint_text("/…/TL-UA-DSTU.xml")
            .desired_rows(1)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    let ready = !view.path.trim().is_empty() && view.pending.is_none();
    ui.horizontal(|ui| {
        let run = ui.add_enabled(
            ready,
            egui::Button::new(RichText::new(T::CommissionRun.get(lang)).strong()),
        );
        if ready && (run.clicked() || enter) {
            commands.push(Command::Commission(Action::Remember));
            commands.push(Command::RunCommission);
        }
        // The whole table as CSV, once there is one (then where to, below the counts).
        if view.overview.is_some()
            && view.csv.is_none()
            && ui.button(T::SaveCsv.get(lang)).clicked()
        {
            commands.push(Command::Commission(Action::StartCsv));
        }
    });
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
}

/// Where a new file goes: the label, Choose… (the native dialog), the path, Save, and
/// what the last attempt gave. Shared with a result's protocol.
pub fn save_form(
    form: &mut SaveForm,
    label: T,
    [browse, save]: [Action; 2],
    lang: Language,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    let label = ui.label(label.get(lang));
    ui.horizontal(|ui| {
        if ui.button(T::Choose.get(lang)).clicked() {
            commands.push(Command::Commission(browse));
        }
        let ready = !form.path.trim().is_empty();
        let button = egui::Button::new(RichText::new(T::Save.get(lang)).strong());
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if ui.add_enabled(ready, button).clicked() {
                commands.push(Command::Commission(save));
            }
            ui.add(egui::TextEdit::singleline(&mut form.path).desired_width(f32::INFINITY))
                .labelled_by(label.id);
        });
    });
    style::outcome_label(&form.outcome, ui);
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
    let with_kep = o.rows.iter().any(|r| r.kep.is_some());
    let keys = shown_keys(with_kep);
    let widths = initial_widths(ui.available_width(), ui.spacing().item_spacing.x, with_kep);
    let mut builder = TableBuilder::new(ui)
        .id_salt("commission_table")
        .striped(true)
        .resizable(true)
        .sense(Sense::click())
        .cell_layout(Layout::left_to_right(Align::Center))
        .min_scrolled_height(0.0)
        .max_scroll_height(f32::INFINITY);
    for (&key, width) in keys.iter().zip(widths) {
        builder = builder.column(column(key, width));
    }
    builder
        .header(row_height + 4.0, |mut header| {
            for &key in &keys {
                header.col(|ui| heading(key, sort, lang, ui, commands));
            }
        })
        .body(|body| {
            body.rows(row_height, order.len(), |mut row| {
                let r = &o.rows[order[row.index()]];
                let mut open = cells(r, catalogue, lang, with_kep, &mut row);
                open |= row.response().clicked();
                if open {
                    commands.push(Command::OpenCommissionResult(r.path.clone()));
                }
            });
        });
}

/// A column's heading: a button that sorts by it, marked with the direction when sorted.
fn heading(
    key: SortKey,
    sort: Option<(SortKey, bool)>,
    lang: Language,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    let title = title(key).get(lang);
    let (text, sorted) = match sort {
        // The mark first: a narrow column cuts the end of its heading.
        Some((k, true)) if k == key => (format!("^ {title}"), true),
        Some((k, false)) if k == key => (format!("v {title}"), true),
        _ => (title.to_string(), false),
    };
    let button = egui::Button::selectable(sorted, RichText::new(text).strong()).truncate();
    let hint = match explained(key) {
        Some(t) => format!("{}. {}", t.get(lang), T::SortHint.get(lang)),
        None => T::SortHint.get(lang).to_string(),
    };
    if ui.add(button).on_hover_text(hint).clicked() {
        commands.push(Command::SortCommission(key));
    }
}

/// The cells of one row; true when its centre (a button) was clicked.
fn cells(
    r: &Row,
    catalogue: &Catalogue,
    lang: Language,
    with_kep: bool,
    row: &mut egui_extras::TableRow,
) -> bool {
    let file = r
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut clicked = false;
    row.col(|ui| {
        let name = if r.centre.is_empty() {
            file.clone()
        } else {
            r.centre.clone()
        };
        let button = egui::Button::new(styled(r, name.clone(), ui))
            .frame(false)
            .truncate();
        clicked = ui.add(button).on_hover_text(name).clicked();
    });
    let short = r
        .model
        .map_or_else(String::new, |m| style::model_short(m, lang).to_string());
    let response = cell(r, row, short);
    if let Some(m) = r.model {
        response.on_hover_text(style::model_title(catalogue, m, lang));
    }
    cell(r, row, r.visit_date.clone());
    cell(r, row, r.expert.clone()).on_hover_text(&r.expert);
    let points = match (r.points, r.max_points) {
        (Some(p), Some(m)) => format!("{p} / {m}"),
        _ => String::new(),
    };
    cell(r, row, points);
    cell(r, row, style::decimal(&r.percent_text(), lang));
    category_and_status(r, lang, row);
    if with_kep {
        kep_cell(r, lang, row);
    }
    let key = cell(r, row, r.fingerprint.clone());
    if !r.fingerprint.is_empty() {
        key.on_hover_text(format!(
            "{} · {}: {}",
            r.fingerprint,
            T::Signer.get(lang),
            r.signer
        ));
    }
    cell(r, row, file).on_hover_text(r.path.display().to_string());
    clicked
}

/// The КЕП's cell: its word (a dash when no signature lies beside the result), the
/// signers on hover.
fn kep_cell(r: &Row, lang: Language, row: &mut egui_extras::TableRow) {
    let Some(kep) = &r.kep else {
        cell(r, row, "—".into());
        return;
    };
    let state = kep.state();
    let word = crate::ui::i18n::kep::state_word(state, lang).to_string();
    row.col(|ui| {
        let colour = match state {
            KepState::Valid => ui.visuals().text_color(),
            KepState::ChainNotChecked => ui.visuals().warn_fg_color,
            KepState::Invalid => ui.visuals().error_fg_color,
        };
        let label = ui.add(egui::Label::new(RichText::new(word).color(colour)).truncate());
        label.on_hover_text(format!(
            "{}: {}",
            T::KepSignedBy.get(lang),
            kep.signers().join(", ")
        ));
    });
}

/// A cell of one line, cut with "…" when its column is too narrow.
fn cell(r: &Row, row: &mut egui_extras::TableRow, text: String) -> egui::Response {
    row.col(|ui| {
        ui.add(egui::Label::new(styled(r, text, ui)).truncate());
    })
    .1
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

/// The category's and the status's cells: the status one word (a valid draft says so),
/// marked when there is a note; the reasons and notes are in the result's detail.
fn category_and_status(r: &Row, lang: Language, row: &mut egui_extras::TableRow) {
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
    let mut word = verification::status_word(r, lang).to_string();
    // A group's result: how many of its members have signed, beside its status.
    if let Some((signed, of)) = r.signed {
        word.push_str(&format!(" {signed}/{of}"));
    }
    if !r.notes.is_empty() {
        word.push_str(" *");
    }
    row.col(|ui| {
        let mut text = styled(r, word, ui);
        let draft = r.is_final == Some(false);
        if r.status == Status::Valid && (draft || !r.notes.is_empty()) {
            text = text.color(ui.visuals().warn_fg_color);
        }
        let label = ui.add(egui::Label::new(text).truncate());
        if !r.notes.is_empty() {
            label.on_hover_text(T::HasNoteMark.get(lang));
        } else if r.status != Status::Valid {
            label.on_hover_text(T::StatusHint.get(lang));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::{CENTRE_AT_LEAST, initial_widths};

    #[test]
    fn the_centre_is_the_widest_column_at_1366_and_1920_pixels() {
        // 1 366 pixels at 150 % and at 100 %, 1 920 at 100 % (less the window's margins).
        for available in [894.0, 1350.0, 1904.0] {
            let w = initial_widths(available, 8.0, false);
            assert_eq!(w.len(), 10);
            let (centre, others) = (w[0], &w[1..]);
            assert!(others.iter().all(|&o| o < centre), "{available}: {w:?}");
            let used: f32 = w.iter().sum::<f32>() + 8.0 * 10.0;
            assert!(used <= available + 0.5, "{available}: fits, {used}");
        }
        assert!(initial_widths(894.0, 8.0, false)[0] >= CENTRE_AT_LEAST);
        // The key stays narrow (cut, whole on hover) until there is room for all of it.
        assert!(initial_widths(894.0, 8.0, false)[8] < 100.0);
        assert!(initial_widths(894.0, 8.0, true)[9] < 100.0);
        assert!(initial_widths(1904.0, 8.0, false)[0] > 800.0);
        // Narrower than everything: the centre keeps its least width (the table scrolls).
        assert_eq!(initial_widths(500.0, 8.0, false)[0], CENTRE_AT_LEAST);
    }

    #[test]
    fn the_kep_column_fits_at_100_percent_and_the_centre_stays_widest() {
        for available in [1350.0, 1904.0] {
            let w = initial_widths(available, 8.0, true);
            assert_eq!(w.len(), 11);
            assert!(w[1..].iter().all(|&o| o < w[0]), "{available}: {w:?}");
            let used: f32 = w.iter().sum::<f32>() + 8.0 * 11.0;
            assert!(used <= available + 0.5, "{available}: fits, {used}");
        }
        // At 1 366 pixels and 150 % the centre keeps its least width; the table scrolls.
        assert_eq!(initial_widths(894.0, 8.0, true)[0], CENTRE_AT_LEAST);
    }
}
