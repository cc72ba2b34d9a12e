//! The merge dialog: the members' signed parts handed in (each with its status, or why it
//! was refused), what changed in a newer part, what else there is to know, and the
//! standards whose grades disagree side by side — each author's grade with the Order's
//! letter, its criterion and note — with a choice of whose to take. «Об'єднати» is
//! pressed once every disagreement is decided. The reading, planning and merging:
//! `command_handling::merge`.

use egui::{RichText, Ui};

use crate::catalogue::Catalogue;
use crate::support::settings::Language;
use crate::team::{Conflict, MergePlan, Notice, PartStatus};
use crate::ui::app::AkreditApp;
use crate::ui::command::Command;
use crate::ui::i18n::T;
use crate::ui::merge::MergeView;
use crate::ui::style::outcome_label;

/// Draws the dialog.
pub fn show(app: &mut AkreditApp, ui: &Ui) {
    let lang = app.settings.language;
    let Some(session) = &app.session else {
        return;
    };
    let Some(view) = &session.merge else {
        return;
    };
    let catalogue = session.inspection.catalogue();
    let mut commands = Vec::new();
    let mut open = true;
    let screen = ui.ctx().content_rect();
    egui::Window::new(T::MergeTitle.get(lang))
        .collapsible(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .default_width((screen.width() * 0.8).min(900.0))
        .open(&mut open)
        .show(ui.ctx(), |ui| {
            // The parts and disagreements scroll; the merge button stays in view below.
            egui::ScrollArea::vertical()
                .id_salt("merge_body")
                .max_height(screen.height() * 0.6)
                .show(ui, |ui| body(view, catalogue, lang, ui, &mut commands));
            merge_line(view, lang, ui, &mut commands);
        });
    if !open {
        commands.push(Command::CloseMerge);
    }
    for c in commands {
        app.push(c);
    }
}

/// The dialog's content, top to bottom.
fn body(
    view: &MergeView,
    catalogue: &Catalogue,
    lang: Language,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    ui.add(egui::Label::new(T::MergeHelp.get(lang)).wrap());
    if ui.button(T::MergeChoose.get(lang)).clicked() {
        commands.push(Command::BrowseParts);
    }
    if view.files.is_empty() {
        ui.label(RichText::new(T::MergeNoParts.get(lang)).weak());
    }
    let plan = view.ready_plan();
    for file in &view.files {
        match &file.read {
            Ok(member) => part_line(plan, view, member, lang, ui),
            Err(why) => {
                ui.add(
                    egui::Label::new(RichText::new(why).color(ui.visuals().error_fg_color)).wrap(),
                );
            }
        }
    }
    if let Some(Err(why)) = &view.plan {
        ui.add(egui::Label::new(RichText::new(why).color(ui.visuals().error_fg_color)).wrap());
    }
    if let Some(plan) = plan {
        beside(plan, lang, ui);
        if !plan.conflicts.is_empty() {
            ui.add_space(6.0);
            ui.heading(T::MergeConflicts.get(lang));
            for conflict in &plan.conflicts {
                conflict_block(conflict, catalogue, lang, ui, commands);
            }
        }
    }
}

/// What the last merge did, how many disagreements are still undecided, and the button.
fn merge_line(view: &MergeView, lang: Language, ui: &mut Ui, commands: &mut Vec<Command>) {
    let plan = view.ready_plan();
    ui.separator();
    outcome_label(&view.outcome, ui);
    let undecided = plan.map_or(0, |p| p.undecided().count());
    if undecided > 0 {
        ui.label(
            RichText::new(format!("{}: {undecided}", T::MergeUndecided.get(lang)))
                .color(ui.visuals().warn_fg_color),
        );
    }
    let ready = plan.is_some_and(|p| p.is_ready() && !p.changes().is_empty());
    if ui
        .add_enabled(ready, egui::Button::new(T::MergeButton.get(lang)))
        .clicked()
    {
        commands.push(Command::RunMerge);
    }
}

/// A part read: whose, what becomes of it, how many standards it records, its key.
fn part_line(
    plan: Option<&MergePlan>,
    view: &MergeView,
    member: &str,
    lang: Language,
    ui: &mut Ui,
) {
    let Some((_, status, count)) = plan.and_then(|p| p.parts.iter().find(|(m, ..)| m == member))
    else {
        ui.label(RichText::new(member).strong());
        return;
    };
    let status = match status {
        PartStatus::New => T::PartNew.get(lang).to_string(),
        PartStatus::Newer(at) => format!("{} {at})", T::PartNewer.get(lang)),
        PartStatus::AlreadyMerged => T::PartAlreadyMerged.get(lang).to_string(),
    };
    let key = view
        .parts
        .iter()
        .find(|p| p.payload.member == member)
        .map_or(String::new(), |p| {
            format!(" · {} {}", T::PartKey.get(lang), p.fingerprint)
        });
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(member).strong());
        ui.label(format!(
            "— {status} · {}: {count}{key}",
            T::PartRecorded.get(lang)
        ));
    });
}

/// What changed in a member's newer part, and the notices.
fn beside(plan: &MergePlan, lang: Language, ui: &mut Ui) {
    if !plan.differences.is_empty() {
        ui.label(RichText::new(T::MergeChanged.get(lang)).strong());
        for d in &plan.differences {
            ui.label(format!(
                "{} · {}: {} → {}",
                d.code, d.member, d.before, d.after
            ));
        }
    }
    for notice in &plan.notices {
        let line = match notice {
            Notice::OutsideAssignment { member, codes } => format!(
                "{member} {}: {}",
                T::NoticeOutside.get(lang),
                codes
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Notice::RecommendationKept { code, member } => {
                format!(
                    "{code} · {member}: {}",
                    T::NoticeRecommendationKept.get(lang)
                )
            }
            Notice::OlderIgnored { member } => {
                format!("{member}: {}", T::NoticeOlderIgnored.get(lang))
            }
        };
        ui.add(egui::Label::new(RichText::new(line).color(ui.visuals().warn_fg_color)).wrap());
    }
}

/// A standard whose grades disagree: its code and title, then each assessment in a column
/// of its own — whose, the grade with the Order's letter, its criterion, the note — with
/// the button that takes it.
fn conflict_block(
    conflict: &Conflict,
    catalogue: &Catalogue,
    lang: Language,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    let code = &conflict.code;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let title = catalogue
            .standard(code)
            .and_then(|s| s.title.as_deref())
            .unwrap_or(T::NoWordingShort.get(lang));
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(code.as_str()).monospace().strong());
            ui.add(egui::Label::new(title).wrap());
        });
        let n = conflict.candidates.len().max(1);
        ui.columns(n, |columns| {
            for (ui, c) in columns.iter_mut().zip(&conflict.candidates) {
                let taken = conflict.taken.as_deref() == Some(c.author.as_str());
                let mut whose = c.author.clone();
                if c.current {
                    whose = format!("{whose} ({})", T::InThisFile.get(lang));
                }
                ui.label(RichText::new(whose).strong());
                ui.label(RichText::new(c.label(catalogue, code)).monospace().strong());
                if let Some(criterion) = c.criterion(catalogue, code) {
                    ui.add(egui::Label::new(RichText::new(criterion).weak()).wrap());
                }
                if let Some(reason) = &c.na_reason {
                    let reason = crate::answers::shown_reason(catalogue, reason);
                    ui.add(egui::Label::new(RichText::new(reason).italics()).wrap());
                }
                if !c.note.is_empty() {
                    ui.add(egui::Label::new(format!("{}: {}", T::Note.get(lang), c.note)).wrap());
                }
                let word = if taken { T::MergeTaken } else { T::MergeTake };
                let take = ui.add(egui::Button::new(word.get(lang)).selected(taken));
                let label = format!("{code} {} {}", T::MergeTake.get(lang), c.author);
                take.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::Button, true, taken, &label)
                });
                if take.clicked() && !taken {
                    commands.push(Command::TakeAssessment {
                        code: code.clone(),
                        author: c.author.clone(),
                    });
                }
            }
        });
    });
}
