//! The commission's overview in the window: a folder (or a file) of signed results,
//! verified and tabulated by [`crate::commission`] exactly as `akredit commission` does,
//! shown as a sortable table; a click on a row shows that result read-only (its checks,
//! facts, totals and standards, as [`crate::signed::verify`] reads them). Nothing here
//! verifies or scores: it only shows what those functions found.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};

use egui::{Align, Layout, RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use super::{AkreditApp, Command, T, result::category_name, screens::category_colour};
use crate::catalogue::{Catalogue, ModelId};
use crate::commission::{self as domain, Overview, Row, Status};
use crate::scoring::Category;
use crate::signed::{Outcome, TrustedKey, Verification};
use crate::support::settings::Language;

/// The columns of the table; each is also what the table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// The centre's name (Ukrainian alphabetical order).
    Centre,
    /// The model.
    Model,
    /// The visit date.
    VisitDate,
    /// The expert.
    Expert,
    /// The signing key's fingerprint.
    Key,
    /// The commission's points.
    Points,
    /// The percent.
    Percent,
    /// The category, lowest first.
    Category,
    /// Draft, then final.
    Kind,
    /// Valid, duplicate, superseded, invalid.
    Status,
}

impl SortKey {
    const ALL: [SortKey; 10] = [
        SortKey::Centre,
        SortKey::Model,
        SortKey::VisitDate,
        SortKey::Expert,
        SortKey::Key,
        SortKey::Points,
        SortKey::Percent,
        SortKey::Category,
        SortKey::Kind,
        SortKey::Status,
    ];

    fn title(self) -> T {
        match self {
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
    fn explained(self) -> Option<T> {
        match self {
            SortKey::Model => Some(T::Model),
            SortKey::VisitDate => Some(T::VisitDate),
            SortKey::Key => Some(T::Fingerprint),
            SortKey::Percent => Some(T::Percent),
            SortKey::Kind => Some(T::KindHint),
            _ => None,
        }
    }

    /// The column, its initial width `scale` times one that fits the default window
    /// (1 200 pixels at 125 %); the status takes what is left.
    fn column(self, scale: f32) -> Column {
        let width = match self {
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
}

/// The state of the commission overview.
#[derive(Debug, Default)]
pub struct CommissionView {
    /// The folder (or file) of results, as typed or chosen.
    pub path: String,
    /// Trusted keys as typed: paths or base64, comma- or line-separated.
    pub trusted: String,
    /// Why the last run gave no table (a missing folder, a bad key, no results).
    pub error: Option<String>,
    /// The last run's table, rows in the order the files were found.
    pub overview: Option<Overview>,
    /// The fingerprints of the trusted keys the last run used.
    pub trusted_fingerprints: Vec<String>,
    /// The column sorted by, and whether ascending; `None`: the order found.
    pub sort: Option<(SortKey, bool)>,
    /// The rows' indices in the order shown.
    pub order: Vec<usize>,
    /// The result shown read-only, when one is.
    pub detail: Option<Detail>,
    /// A verification running in the background (large folders), if any.
    pub pending: Option<Pending>,
    trusted_keys: Vec<TrustedKey>,
}

/// Folders with more results than this are verified in a background thread, so that the
/// window keeps drawing (about 0.6 ms per result on two cores: 0.1 s here).
pub const BACKGROUND_FROM: usize = 200;

/// A verification running in the background.
#[derive(Debug)]
pub struct Pending {
    /// How many files are being verified.
    pub files: usize,
    /// The trusted keys it uses.
    trusted: Vec<TrustedKey>,
    /// Where the table arrives.
    receiver: std::sync::mpsc::Receiver<Overview>,
}

/// A result shown read-only.
#[derive(Debug)]
pub struct Detail {
    /// The file.
    pub path: PathBuf,
    /// What verification found; `None` when the file could not be read at all.
    pub verification: Option<Verification>,
    /// Why the file could not be read.
    pub read_error: Option<String>,
    /// Its row in the table (status and notes within the set).
    pub row: Option<Row>,
}

impl CommissionView {
    /// Sorts by `key`; the same key again reverses the order.
    pub fn sort_by(&mut self, key: SortKey) {
        self.sort = match self.sort {
            Some((k, ascending)) if k == key => Some((key, !ascending)),
            _ => Some((key, true)),
        };
        self.reorder();
    }

    fn reorder(&mut self) {
        let Some(o) = &self.overview else {
            self.order.clear();
            return;
        };
        let mut order: Vec<usize> = (0..o.rows.len()).collect();
        if let Some((key, ascending)) = self.sort {
            // Stable: rows that compare equal keep the order they were found in. Rows
            // without the value (an unreadable file) come last either way.
            order.sort_by(|&a, &b| {
                let (a, b) = (&o.rows[a], &o.rows[b]);
                let by_value = if ascending {
                    compare(a, b, key)
                } else {
                    compare(b, a, key)
                };
                lacks(a, key).cmp(&lacks(b, key)).then(by_value)
            });
        }
        self.order = order;
    }
}

/// Whether the row has no value in the column.
fn lacks(r: &Row, key: SortKey) -> bool {
    match key {
        SortKey::Centre => r.centre.is_empty(),
        SortKey::Model => r.model.is_none(),
        SortKey::VisitDate => r.visit_date.is_empty(),
        SortKey::Expert => r.expert.is_empty(),
        SortKey::Key => r.fingerprint.is_empty(),
        SortKey::Points => r.points.is_none(),
        SortKey::Percent => r.percent.is_none(),
        SortKey::Category => r.category.is_none(),
        SortKey::Kind => r.is_final.is_none(),
        SortKey::Status => false,
    }
}

fn compare(a: &Row, b: &Row, key: SortKey) -> Ordering {
    match key {
        SortKey::Centre => collation_key(&a.centre).cmp(&collation_key(&b.centre)),
        SortKey::Model => a.model.cmp(&b.model),
        SortKey::VisitDate => a.visit_date.cmp(&b.visit_date),
        SortKey::Expert => collation_key(&a.expert).cmp(&collation_key(&b.expert)),
        SortKey::Key => a.fingerprint.cmp(&b.fingerprint),
        SortKey::Points => a.points.cmp(&b.points),
        SortKey::Percent => a.percent.cmp(&b.percent),
        SortKey::Category => a.category.cmp(&b.category),
        SortKey::Kind => a.is_final.cmp(&b.is_final),
        SortKey::Status => status_rank(&a.status).cmp(&status_rank(&b.status)),
    }
}

/// Text compared in the order of the Ukrainian alphabet (І after И, Є after Е, Ґ after
/// Г), without case or apostrophes; other characters by their code.
fn collation_key(text: &str) -> Vec<u32> {
    const ALPHABET: &str = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя";
    text.chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '`'))
        .map(|c| match ALPHABET.chars().position(|a| a == c) {
            Some(i) => 0x10000 + i as u32,
            None => c as u32,
        })
        .collect()
}

fn status_rank(status: &Status) -> u8 {
    match status {
        Status::Valid => 0,
        Status::Duplicate { .. } => 1,
        Status::Superseded { .. } => 2,
        Status::Invalid { .. } => 3,
    }
}

/// The trusted keys typed in the form, read as `akredit commission --trust` reads them:
/// files holding an identity.json (its `public_key` and `name`) or a base64 key, or base64
/// keys.
fn parse_trusted(text: &str, lang: Language) -> Result<Vec<TrustedKey>, String> {
    let items = text
        .split([',', '\n'])
        .map(str::trim)
        .filter(|i| !i.is_empty());
    crate::signed::keys::trust_list(items)
        .map_err(|e| format!("{e} ({})", T::BadTrustedKey.get(lang)))
}

/// Lists and verifies the results named in the form (all cores; 1 000 results take well
/// under a second), and shows the table, keeping the chosen sort.
pub fn run(app: &mut AkreditApp) {
    let lang = app.settings.language;
    let view = &mut app.commission;
    // Nothing of an earlier run stays on screen under a new error.
    view.detail = None;
    view.overview = None;
    view.order.clear();
    let trusted = match parse_trusted(&view.trusted, lang) {
        Ok(t) => t,
        Err(e) => {
            view.error = Some(e);
            return;
        }
    };
    let path = PathBuf::from(view.path.trim());
    let files = match domain::collect_files(std::slice::from_ref(&path)) {
        Ok(f) if f.is_empty() => {
            view.error = Some(format!(
                "{}: {}",
                T::NoResultFiles.get(lang),
                path.display()
            ));
            return;
        }
        Ok(f) => f,
        Err(e) => {
            view.error = Some(e.to_string());
            return;
        }
    };
    view.error = None;
    if files.len() < BACKGROUND_FROM {
        let overview = domain::overview(&files, &app.catalogue, &trusted);
        view.finish(overview, trusted);
        return;
    }
    let (sender, receiver) = std::sync::mpsc::channel();
    let catalogue = app.catalogue.clone();
    let keys = trusted.clone();
    view.pending = Some(Pending {
        files: files.len(),
        trusted,
        receiver,
    });
    std::thread::spawn(move || {
        // The window may have gone on to another run; then nobody listens, which is fine.
        let _ = sender.send(domain::overview(&files, &catalogue, &keys));
    });
}

impl CommissionView {
    fn finish(&mut self, overview: Overview, trusted: Vec<TrustedKey>) {
        self.overview = Some(overview);
        self.trusted_fingerprints = trusted
            .iter()
            .map(|t| crate::signed::fingerprint(&t.key))
            .collect();
        self.trusted_keys = trusted;
        self.reorder();
    }

    /// Takes the background verification's table when it has arrived; true while it runs.
    pub fn poll(&mut self) -> bool {
        let Some(pending) = &self.pending else {
            return false;
        };
        match pending.receiver.try_recv() {
            Ok(overview) => {
                if let Some(p) = self.pending.take() {
                    self.finish(overview, p.trusted);
                }
                false
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => true,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.pending = None;
                self.error = Some("the verification stopped unexpectedly".into());
                false
            }
        }
    }
}

/// Shows `path` read-only: verified again (with the keys of the last run) and read.
pub fn open(app: &mut AkreditApp, path: &Path) {
    let view = &mut app.commission;
    let row = view
        .overview
        .as_ref()
        .and_then(|o| o.rows.iter().find(|r| r.path == path).cloned());
    let read = domain::read_result_file(path);
    let (verification, read_error) = match read {
        Ok(bytes) => (
            Some(crate::signed::verify(
                &bytes,
                &app.catalogue,
                &view.trusted_keys,
            )),
            None,
        ),
        Err(e) => (None, Some(format!("{}: {e}", path.display()))),
    };
    view.detail = Some(Detail {
        path: path.to_path_buf(),
        verification,
        read_error,
        row,
    });
}

/// Draws the overview, or the result shown.
pub fn show(app: &mut AkreditApp, ui: &mut Ui) {
    if app.commission.poll() {
        // Look again soon; nothing else would wake the window.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(100));
    }
    let mut commands = Vec::new();
    if app.commission.detail.is_some() {
        detail(app, ui, &mut commands);
    } else {
        overview(app, ui, &mut commands);
    }
    for c in commands {
        app.push(c);
    }
}

fn overview(app: &mut AkreditApp, ui: &mut Ui, commands: &mut Vec<Command>) {
    let lang = app.settings.language;
    let catalogue = app.catalogue.clone();
    let view = &mut app.commission;
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
    let Some(o) = &view.overview else {
        return;
    };
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
    if view.trusted_fingerprints.is_empty() {
        ui.label(RichText::new(T::NoTrustWarning.get(lang)).color(ui.visuals().warn_fg_color));
    } else {
        ui.label(format!(
            "{}: {}",
            T::TrustedAre.get(lang),
            view.trusted_fingerprints.join(", ")
        ));
    }
    ui.label(RichText::new(T::ClickARow.get(lang)).weak());
    ui.add_space(4.0);
    egui::ScrollArea::horizontal()
        .id_salt("commission_table_h")
        .show(ui, |ui| {
            table(o, &view.order, view.sort, &catalogue, lang, ui, commands);
        });
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
        builder = builder.column(key.column(scale));
    }
    builder
        .header(row_height + 4.0, |mut header| {
            for key in SortKey::ALL {
                header.col(|ui| {
                    let title = key.title().get(lang);
                    let (text, sorted) = match sort {
                        // The mark first: a narrow column cuts the end of its heading.
                        Some((k, true)) if k == key => (format!("^ {title}"), true),
                        Some((k, false)) if k == key => (format!("v {title}"), true),
                        _ => (title.to_string(), false),
                    };
                    let button = egui::Button::selectable(sorted, RichText::new(text).strong());
                    let hint = match key.explained() {
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
    let style = |text: String, ui: &Ui| {
        let t = RichText::new(text);
        match r.status {
            Status::Invalid { .. } => t.color(ui.visuals().error_fg_color),
            Status::Superseded { .. } | Status::Duplicate { .. } => t.weak(),
            Status::Valid => t,
        }
    };
    let cell = |row: &mut egui_extras::TableRow, text: String| {
        row.col(|ui| {
            let text = style(text, ui);
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
        let button = egui::Button::new(style(name, ui)).frame(false).truncate();
        clicked = ui.add(button).on_hover_text(hover).clicked();
    });
    let model = r.model;
    let short = match model {
        Some(ModelId::Sanitary) => T::ModelSanitaryShort.get(lang).to_string(),
        Some(ModelId::Full) => T::ModelFullShort.get(lang).to_string(),
        None => String::new(),
    };
    let hover = model.map(|m| model_title(catalogue, m, lang));
    let response = cell(row, short);
    if let Some(h) = hover {
        response.on_hover_text(h);
    }
    cell(row, r.visit_date.clone());
    cell(row, r.expert.clone()).on_hover_text(&r.expert);
    row.col(|ui| {
        let text = style(r.fingerprint.clone(), ui);
        ui.add(egui::Label::new(text).truncate())
            .on_hover_text(format!("{}: {}", T::Signer.get(lang), r.signer));
    });
    let points = match (r.points, r.max_points) {
        (Some(p), Some(m)) => format!("{p} / {m}"),
        _ => String::new(),
    };
    cell(row, points);
    cell(row, r.percent_text());
    row.col(|ui| {
        let Some(category) = r.category else {
            return;
        };
        let mut text = style(category_short(category, lang).to_string(), ui);
        if r.status == Status::Valid {
            text = text.color(category_colour(category, ui));
        }
        ui.add(egui::Label::new(text).truncate())
            .on_hover_text(category_name(category, lang));
    });
    row.col(|ui| {
        let kind = match r.is_final {
            Some(true) => T::KindFinal.get(lang),
            Some(false) => T::KindDraft.get(lang),
            None => "",
        };
        let mut text = style(kind.to_string(), ui);
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
        let mut text = style(status, ui);
        if r.status == Status::Valid && !r.notes.is_empty() {
            text = text.color(ui.visuals().warn_fg_color);
        }
        ui.add(egui::Label::new(text).truncate())
            .on_hover_text(hover.join("\n"));
    });
    clicked
}

/// The category in one word, for the table (its heading says "category").
fn category_short(category: Category, lang: Language) -> &'static str {
    match category {
        Category::Higher => T::CatHigherShort.get(lang),
        Category::First => T::CatFirstShort.get(lang),
        Category::Second => T::CatSecondShort.get(lang),
        Category::None => T::CatNoneShort.get(lang),
    }
}

fn model_title(catalogue: &Catalogue, model: ModelId, lang: Language) -> String {
    let m = catalogue.model(model);
    match lang {
        Language::Uk => m.title.clone(),
        Language::En => m.title_en.clone(),
    }
}

/// The status in words, with what it concerns: the failed checks, or the file that
/// supersedes or stands for it.
/// Files are named by their file name only, or by their whole path when `full`.
fn status_text(status: &Status, lang: Language, full: bool) -> String {
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

fn detail(app: &mut AkreditApp, ui: &mut Ui, commands: &mut Vec<Command>) {
    let lang = app.settings.language;
    let catalogue = app.catalogue.clone();
    let Some(d) = &app.commission.detail else {
        return;
    };
    ui.horizontal(|ui| {
        if ui.button(T::BackToTable.get(lang)).clicked() {
            commands.push(Command::CloseCommissionResult);
        }
        ui.label(RichText::new(T::ReadOnlyResult.get(lang)).weak());
    });
    if !ui.ctx().egui_wants_keyboard_input() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        commands.push(Command::CloseCommissionResult);
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("commission_result")
        .auto_shrink(false)
        .show(ui, |ui| detail_body(d, &catalogue, lang, ui));
}

fn detail_body(d: &Detail, catalogue: &Catalogue, lang: Language, ui: &mut Ui) {
    let result = d.verification.as_ref().and_then(|v| v.result.as_ref());
    let centre = result
        .map(|r| r.payload.centre_name().to_string())
        .unwrap_or_else(|| d.path.display().to_string());
    ui.heading(RichText::new(centre).strong());
    if result.is_some_and(|r| !r.payload.is_final) {
        ui.label(
            RichText::new(T::DraftBanner.get(lang))
                .strong()
                .color(ui.visuals().warn_fg_color),
        );
    }
    ui.label(
        RichText::new(d.path.display().to_string())
            .monospace()
            .small(),
    );
    if let Some(row) = &d.row {
        let colour = match row.status {
            Status::Invalid { .. } => ui.visuals().error_fg_color,
            _ => ui.visuals().text_color(),
        };
        let line = format!(
            "{}: {}",
            T::InTheTable.get(lang),
            status_text(&row.status, lang, true)
        );
        ui.add(egui::Label::new(RichText::new(line).color(colour)).wrap());
        for note in &row.notes {
            ui.add(
                egui::Label::new(RichText::new(note.to_string()).color(ui.visuals().warn_fg_color))
                    .wrap(),
            );
        }
    }
    if let Some(e) = &d.read_error {
        ui.label(RichText::new(e.as_str()).color(ui.visuals().error_fg_color));
    }
    if let Some(result) = result {
        ui.add_space(6.0);
        totals(&result.payload.totals, lang, ui);
    }
    ui.add_space(8.0);
    ui.heading(T::ChecksHeading.get(lang));
    for check in d.verification.iter().flat_map(|v| &v.checks) {
        let (word, detail, colour) = match &check.outcome {
            Outcome::Pass(s) => (T::CheckPassed, s, ui.visuals().text_color()),
            Outcome::Fail(s) => (T::CheckFailed, s, ui.visuals().error_fg_color),
            Outcome::Skipped(s) => (T::CheckSkipped, s, ui.visuals().weak_text_color()),
        };
        let text = format!("{} — {}: {detail}", word.get(lang), check.name);
        ui.add(egui::Label::new(RichText::new(text).color(colour)).wrap());
    }
    let Some(result) = result else {
        if d.read_error.is_none() {
            ui.label(RichText::new(T::NotAResult.get(lang)).color(ui.visuals().error_fg_color));
        }
        return;
    };
    let p = &result.payload;
    ui.add_space(8.0);
    ui.heading(T::ApplicationForm.get(lang));
    let fields: Vec<(&str, String, bool)> = catalogue
        .application_form
        .iter()
        .map(|field| {
            let title = match lang {
                Language::Uk => field.title.as_str(),
                Language::En => field.title_en.as_str(),
            };
            let value = p
                .centre
                .get(&field.id)
                .cloned()
                .unwrap_or_else(|| "—".into());
            (title, value, false)
        })
        .collect();
    facts("commission_result_form", &fields, ui);
    ui.add_space(8.0);
    ui.heading(T::InspectionFacts.get(lang));
    let model = p
        .model
        .parse::<ModelId>()
        .map_or_else(|_| p.model.clone(), |m| model_title(catalogue, m, lang));
    let fingerprint = result.signature.fingerprint().unwrap_or_default();
    let sha256 = d
        .verification
        .as_ref()
        .and_then(|v| v.sha256.clone())
        .unwrap_or_default();
    let kind = if p.is_final {
        T::KindFinal
    } else {
        T::KindDraft
    };
    facts(
        "commission_result_facts",
        &[
            (T::Model.get(lang), model, false),
            (
                T::VisitDate.get(lang),
                p.visit_date.clone().unwrap_or_else(|| "—".into()),
                false,
            ),
            (T::Expert.get(lang), p.expert.clone(), false),
            (T::Signer.get(lang), p.signer.clone(), false),
            (T::Fingerprint.get(lang), fingerprint, true),
            (T::KindHint.get(lang), kind.get(lang).to_string(), false),
            (
                T::ExportedAt.get(lang),
                p.exported_at.replace('T', " "),
                false,
            ),
            (T::ResultSha.get(lang), sha256, true),
            (
                T::SupersedesSha.get(lang),
                p.supersedes.clone().unwrap_or_else(|| "—".into()),
                true,
            ),
        ],
        ui,
    );
    ui.add_space(8.0);
    ui.heading(T::Documents.get(lang));
    for doc in &p.documents {
        let title = catalogue
            .documents
            .iter()
            .find(|c| c.number == doc.number)
            .map_or("", |c| c.title.as_str());
        let present = match doc.present {
            Some(true) => T::Present,
            Some(false) => T::Absent,
            None => T::NotChecked,
        };
        let mut line = format!("{}. {title} — {}", doc.number, present.get(lang));
        if !doc.note.is_empty() {
            line.push_str(&format!(" ({})", doc.note));
        }
        ui.add(egui::Label::new(line).wrap());
    }
    ui.add_space(8.0);
    ui.heading(T::StandardsHeading.get(lang));
    standards(p, catalogue, lang, ui);
}

/// Caption and value pairs, the value in monospace where marked.
fn facts(id: &str, rows: &[(&str, String, bool)], ui: &mut Ui) {
    egui::Grid::new(id)
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for (caption, value, mono) in rows {
                ui.label(*caption);
                let text = RichText::new(value);
                ui.label(if *mono { text.monospace() } else { text });
                ui.end_row();
            }
        });
}

/// The result's totals as it states them (`akredit summary --json`), the category in
/// words.
fn totals(t: &crate::signed::ResultTotals, lang: Language, ui: &mut Ui) {
    for (column, tally, main) in [
        (T::Commission, &t.commission, true),
        (T::SelfAssessment, &t.self_assessment, false),
    ] {
        if !main && tally.scored == 0 {
            continue; // no self-assessment was entered
        }
        let line = format!(
            "{}: {} / {} {} · {} % · {}",
            column.get(lang),
            tally.points,
            t.max_points,
            T::Points.get(lang),
            tally
                .percent
                .map_or_else(|| "—".to_string(), |p| p.to_string()),
            category_name(tally.category, lang)
        );
        let mut text = RichText::new(line);
        if main {
            text = text
                .strong()
                .size(17.0)
                .color(category_colour(tally.category, ui));
        }
        ui.label(text);
    }
    ui.label(format!(
        "{} {} · {} {}",
        T::Applicable.get(lang),
        t.applicable,
        T::NaCount.get(lang),
        t.not_applicable
    ));
}

fn standards(p: &crate::signed::Payload, catalogue: &Catalogue, lang: Language, ui: &mut Ui) {
    let row_height = ui.spacing().interact_size.y;
    TableBuilder::new(ui)
        .id_salt("commission_result_standards")
        .striped(true)
        .resizable(true)
        .vscroll(false)
        .cell_layout(Layout::left_to_right(Align::Center))
        .column(Column::initial(70.0).at_least(40.0))
        .column(Column::remainder().at_least(160.0).clip(true))
        .column(Column::initial(80.0).at_least(40.0).clip(true))
        .column(Column::initial(70.0).at_least(40.0).clip(true))
        .column(Column::initial(130.0).at_least(40.0).clip(true))
        .column(Column::initial(160.0).at_least(40.0).clip(true))
        .header(row_height + 4.0, |mut header| {
            for key in [
                T::ColCode,
                T::ColTitle,
                T::SelfAssessment,
                T::Commission,
                T::NaReason,
                T::Note,
            ] {
                header.col(|ui| {
                    ui.strong(key.get(lang));
                });
            }
        })
        .body(|body| {
            body.rows(row_height, p.standards.len(), |mut row| {
                let s = &p.standards[row.index()];
                let code = s.code.parse().ok();
                let standard = code.as_ref().and_then(|c| catalogue.standard(c));
                let grade = |g: Option<u8>| match &code {
                    Some(c) => catalogue.grade_label(c, g),
                    None => g.map_or_else(|| "—".into(), |g| g.to_string()),
                };
                let title = standard
                    .and_then(|st| st.title.clone())
                    .unwrap_or_else(|| T::NoWordingShort.get(lang).to_string());
                row.col(|ui| {
                    ui.label(RichText::new(&s.code).monospace());
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(&title).truncate())
                        .on_hover_text(&title);
                });
                row.col(|ui| {
                    ui.label(grade(s.self_grade));
                });
                row.col(|ui| {
                    if s.na {
                        ui.label(RichText::new(T::NaShort.get(lang)).strong());
                    } else {
                        ui.label(RichText::new(grade(s.commission)).strong());
                    }
                });
                for text in [s.na_reason.clone().unwrap_or_default(), s.note.clone()] {
                    row.col(|ui| {
                        if !text.is_empty() {
                            ui.add(egui::Label::new(&text).truncate())
                                .on_hover_text(&text);
                        }
                    });
                }
            });
        });
}
