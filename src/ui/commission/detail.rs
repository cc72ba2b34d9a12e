//! A result shown read-only: its checks, facts, totals and standards, as
//! [`crate::signed::verify`] read them. Nothing here verifies or scores.

use egui::{Align, Layout, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::state::Detail;
use super::table::save_form;
use crate::catalogue::{Catalogue, ModelId};
use crate::commission::{Row, Status};
use crate::signed::{Outcome, ResultFile};
use crate::support::settings::Language;
use crate::ui::command::Command;
use crate::ui::command::CommissionAction as Action;
use crate::ui::i18n::{self, T, verification};
use crate::ui::style;

/// Draws the result, with the way back to the table (a button, or Esc), its protocol
/// and its folder.
pub fn show(
    d: &mut Detail,
    catalogue: &Catalogue,
    lang: Language,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        if ui.button(T::BackToTable.get(lang)).clicked() {
            commands.push(Command::CloseCommissionResult);
        }
        let verified = d.verification.as_ref().is_some_and(|v| v.holds());
        if ui
            .add_enabled(verified, egui::Button::new(T::ProtocolPdf.get(lang)))
            .on_disabled_hover_text(T::ProtocolNotVerified.get(lang))
            .clicked()
        {
            commands.push(Command::Commission(Action::StartProtocol));
        }
        if ui.button(T::OpenFolder.get(lang)).clicked() {
            commands.push(Command::Commission(Action::RevealFolder));
        }
        if ui
            .add_enabled(can_cosign(d), egui::Button::new(T::Cosign.get(lang)))
            .on_hover_text(T::CosignHint.get(lang))
            .on_disabled_hover_text(T::CosignNotPossible.get(lang))
            .clicked()
        {
            commands.push(Command::Commission(Action::StartCosign));
        }
        ui.label(RichText::new(T::ReadOnlyResult.get(lang)).weak());
    });
    if let Some(form) = &mut d.protocol {
        save_form(
            form,
            T::ProtocolFile,
            [Action::BrowseProtocol, Action::SaveProtocol],
            lang,
            ui,
            commands,
        );
    }
    if let Some(form) = &mut d.cosign {
        save_form(
            form,
            T::CosignedFile,
            [Action::BrowseCosign, Action::SaveCosign],
            lang,
            ui,
            commands,
        );
    }
    if !ui.ctx().egui_wants_keyboard_input() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        commands.push(Command::CloseCommissionResult);
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("commission_result")
        .auto_shrink(false)
        .show(ui, |ui| body(d, catalogue, lang, ui, commands));
}

/// Whether the result shown can be co-signed: a result of an expert group that verifies
/// and that some member has not signed yet (whether this computer's key is one of
/// theirs is checked when signing, and said if not).
fn can_cosign(d: &Detail) -> bool {
    d.verification.as_ref().is_some_and(|v| {
        v.holds()
            && v.result.as_ref().is_some_and(|r| r.is_cosigned())
            && v.signed_of().is_some_and(|(signed, of)| signed < of)
    })
}

fn body(
    d: &Detail,
    catalogue: &Catalogue,
    lang: Language,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    let result = d.verification.as_ref().and_then(|v| v.result.as_ref());
    header(d, result, lang, ui);
    if let Some(result) = result {
        ui.add_space(6.0);
        totals(&result.payload.totals, lang, ui);
    }
    if let Some(v) = d.verification.as_ref().filter(|v| !v.signatures.is_empty()) {
        ui.add_space(8.0);
        ui.heading(T::SignaturesHeading.get(lang));
        signatures(v, lang, ui);
    }
    if let Some(kep) = d.row.as_ref().and_then(|r| r.kep.as_ref()) {
        ui.add_space(8.0);
        super::kep::section(kep, lang, ui, commands);
    }
    ui.add_space(8.0);
    ui.heading(T::ChecksHeading.get(lang));
    checks(d, lang, ui);
    let Some(result) = result else {
        if d.read_error.is_none() {
            ui.label(RichText::new(T::NotAResult.get(lang)).color(ui.visuals().error_fg_color));
        }
        return;
    };
    ui.add_space(8.0);
    ui.heading(T::ApplicationForm.get(lang));
    application_form(result, catalogue, lang, ui);
    ui.add_space(8.0);
    ui.heading(T::InspectionFacts.get(lang));
    inspection_facts(d, result, catalogue, lang, ui);
    ui.add_space(8.0);
    ui.heading(T::Documents.get(lang));
    documents(result, catalogue, lang, ui);
    if !result.payload.evidence.is_empty() {
        ui.add_space(8.0);
        ui.heading(T::EvidenceHeading.get(lang));
        evidence(&result.payload.evidence, lang, ui);
    }
    ui.add_space(8.0);
    ui.heading(T::StandardsHeading.get(lang));
    standards(&result.payload, catalogue, lang, ui);
}

/// The evidence manifest: for each attachment, what it is evidence for, its file, and
/// the SHA-256 that proves which file it is.
fn evidence(manifest: &[crate::signed::EvidenceEntry], lang: Language, ui: &mut Ui) {
    ui.label(RichText::new(T::EvidenceManifestHelp.get(lang)).weak());
    egui::Grid::new("commission_evidence")
        .num_columns(4)
        .striped(true)
        .show(ui, |ui| {
            for e in manifest {
                ui.label(format!("{} · {}", e.number, e.target));
                let mut name = format!("{} ({}, {} B)", e.name, e.media_type, e.size);
                if let Some(t) = &e.taken_at {
                    name.push_str(&format!(" · {} {t}", T::EvidenceTaken.get(lang)));
                }
                if let Some(o) = &e.original {
                    name.push_str(&format!(
                        " · {} {}×{} ({} B), {} SHA-256 {}",
                        T::EvidenceReducedFrom.get(lang),
                        o.width,
                        o.height,
                        o.size,
                        T::EvidenceOriginal.get(lang),
                        o.sha256
                    ));
                }
                ui.label(name);
                ui.label(RichText::new(&e.sha256).monospace());
                ui.label(e.caption.as_str());
                ui.end_row();
            }
        });
}

/// The centre, a draft's banner, the file, its status in the table and why it could not
/// be read.
fn header(d: &Detail, result: Option<&ResultFile>, lang: Language, ui: &mut Ui) {
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
        status(row, lang, ui);
    }
    if let Some(e) = &d.read_error {
        ui.label(RichText::new(e.as_str()).color(ui.visuals().error_fg_color));
    }
}

/// The row's status in full, why it is invalid (every reason) and its notes.
fn status(row: &Row, lang: Language, ui: &mut Ui) {
    let error = ui.visuals().error_fg_color;
    let warn = ui.visuals().warn_fg_color;
    let colour = match row.status {
        Status::Invalid { .. } => error,
        _ if row.is_final == Some(false) => warn,
        _ => ui.visuals().text_color(),
    };
    let line = format!(
        "{}: {}",
        T::StatusLine.get(lang),
        verification::status_full(row, lang)
    );
    ui.add(egui::Label::new(RichText::new(line).strong().color(colour)).wrap());
    if let Status::Invalid { reasons } = &row.status {
        ui.label(RichText::new(T::ReasonsHeading.get(lang)).strong());
        for reason in reasons {
            let text = format!("• {}", verification::reason(reason, lang));
            ui.add(egui::Label::new(RichText::new(text).color(error)).wrap());
        }
    }
    if !row.notes.is_empty() {
        ui.label(RichText::new(T::NotesHeading.get(lang)).strong());
        for note in &row.notes {
            let text = format!("• {}", verification::note(note, lang));
            ui.add(egui::Label::new(RichText::new(text).color(warn)).wrap());
        }
    }
}

/// Each check of the verification: passed, failed (in red), a warning or skipped, its
/// name and what it found in the user's language.
fn checks(d: &Detail, lang: Language, ui: &mut Ui) {
    for check in d.verification.iter().flat_map(|v| &v.checks) {
        let (word, detail, colour) = match &check.outcome {
            Outcome::Pass(s) => (T::CheckPassed, s, ui.visuals().text_color()),
            Outcome::Fail(s) => (T::CheckFailed, s, ui.visuals().error_fg_color),
            Outcome::Skipped(s) => (T::CheckSkipped, s, ui.visuals().weak_text_color()),
            Outcome::Warning(s) => (T::CheckWarning, s, ui.visuals().warn_fg_color),
        };
        let text = format!(
            "{} — {}: {}",
            word.get(lang),
            verification::check_name(check.name, lang),
            verification::check_detail(check.name, detail, lang)
        );
        ui.add(egui::Label::new(RichText::new(text).color(colour)).wrap());
    }
}

/// Each member of the expert group and where their signature stands: signed (valid),
/// signed but invalid (why, in red), or not yet.
fn signatures(v: &crate::signed::Verification, lang: Language, ui: &mut Ui) {
    use crate::signed::SignatureState;
    for s in &v.signatures {
        let role = match s.role.as_str() {
            "head" => T::SigRoleHead.get(lang),
            _ => T::SigRoleExpert.get(lang),
        };
        let key = s.fingerprint.as_deref().map_or(String::new(), |f| {
            format!(" · {} {f}", T::KeyWord.get(lang))
        });
        let (state, colour) = match &s.state {
            SignatureState::Valid => (
                T::SignatureValid.get(lang).to_string(),
                ui.visuals().text_color(),
            ),
            SignatureState::NotYet => (
                T::SignatureNotYet.get(lang).to_string(),
                ui.visuals().warn_fg_color,
            ),
            SignatureState::Invalid(why) => (
                format!("{}: {why}", T::SignatureInvalid.get(lang)),
                ui.visuals().error_fg_color,
            ),
        };
        let text = format!("{} — {role}{key}: {state}", s.name);
        ui.add(egui::Label::new(RichText::new(text).color(colour)).wrap());
    }
}

/// The application form as the result states it.
fn application_form(result: &ResultFile, catalogue: &Catalogue, lang: Language, ui: &mut Ui) {
    let fields: Vec<(&str, String, bool)> = catalogue
        .application_form
        .iter()
        .map(|field| {
            let title = match lang {
                Language::Uk => field.title.as_str(),
                Language::En => field.title_en.as_str(),
            };
            let value = result
                .payload
                .centre
                .get(&field.id)
                .cloned()
                .unwrap_or_else(|| "—".into());
            (title, value, false)
        })
        .collect();
    facts("commission_result_form", &fields, ui);
}

/// Model, visit, expert, signer and key, kind, export time and the hashes.
fn inspection_facts(
    d: &Detail,
    result: &ResultFile,
    catalogue: &Catalogue,
    lang: Language,
    ui: &mut Ui,
) {
    let p = &result.payload;
    let model = p.model.parse::<ModelId>().map_or_else(
        |_| p.model.clone(),
        |m| style::model_title(catalogue, m, lang),
    );
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
    let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    facts(
        "commission_result_facts",
        &[
            (T::Model.get(lang), model, false),
            (T::VisitDate.get(lang), dash(&p.visit_date), false),
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
            (T::SupersedesSha.get(lang), dash(&p.supersedes), true),
        ],
        ui,
    );
}

/// The documents as the result states them.
fn documents(result: &ResultFile, catalogue: &Catalogue, lang: Language, ui: &mut Ui) {
    for doc in &result.payload.documents {
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
            style::category_name(tally.category, lang)
        );
        let mut text = RichText::new(line);
        if main {
            text = text
                .strong()
                .size(style::RESULT_LINE_SIZE)
                .color(style::category_colour(tally.category, ui));
        }
        ui.label(text);
    }
    ui.label(i18n::applicable_counts(
        t.applicable,
        t.not_applicable,
        lang,
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
                let reason = s
                    .na_reason
                    .as_deref()
                    .map(|r| crate::answers::shown_reason(catalogue, r).to_string())
                    .unwrap_or_default();
                for text in [reason, s.note.clone()] {
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
