//! The Centre tab: the inspection's facts, the expert group ([`team`]), the import of the centre's self-assessment,
//! the N/A presets (the note after Table 1), the application form and the 13 mandatory
//! documents. A text field's change is applied when it loses the keyboard.

use egui::{RichText, ScrollArea, Ui};

use super::text_field::{self, Look};
use super::{evidence, self_import, team};
use crate::answers::{self, Change, Fact, Presented, Target};
use crate::catalogue::{Catalogue, Code, ModelId, Preset};
use crate::support::settings::Language;
use crate::ui::app::AkreditApp;
use crate::ui::command::{Command, EvidenceAction};
use crate::ui::i18n::T;
use crate::ui::session::{Session, TextKey};

/// Draws the Centre tab.
pub fn show(app: &mut AkreditApp, ui: &mut Ui) {
    let lang = app.settings.language;
    let Some(session) = &mut app.session else {
        return;
    };
    let mut changes = Vec::new();
    let mut commands = Vec::new();
    ScrollArea::vertical().show(ui, |ui| {
        let catalogue = session.inspection.catalogue().clone();
        facts(session, lang, ui, &mut changes);
        // "Not applicable" is the commission's decision: no presets in a centre's file.
        if !session.is_self_assessment() {
            ui.add_space(6.0);
            team::section(session, &catalogue, lang, ui, &mut commands);
            ui.add_space(6.0);
            self_import::section(session, lang, ui, &mut commands);
            ui.add_space(6.0);
            for preset in &catalogue.presets {
                preset_switch(session, &catalogue, preset, lang, ui, &mut changes);
            }
        }
        ui.add_space(8.0);
        ui.heading(T::ApplicationForm.get(lang));
        application_form(session, &catalogue, ui);
        ui.add_space(8.0);
        ui.heading(T::Documents.get(lang));
        documents(session, &catalogue, lang, ui, (&mut changes, &mut commands));
        ui.add_space(8.0);
    });
    if !changes.is_empty() {
        app.push(Command::Apply(changes));
    }
    for c in commands {
        app.push(c);
    }
}

/// Expert, visit date and model, each correctable (a change in the history), and the
/// file.
fn facts(session: &mut Session, lang: Language, ui: &mut Ui, changes: &mut Vec<Change>) {
    ui.heading(T::InspectionFacts.get(lang));
    egui::Grid::new("facts")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for (fact, label) in [(Fact::Expert, T::Expert), (Fact::VisitDate, T::VisitDate)] {
                let caption = ui.label(label.get(lang));
                let width = field_width(ui, 320.0);
                typed_field(session, TextKey::Fact(fact), ("", width), caption.id, ui);
                ui.end_row();
            }
        });
    // The model's names are long: they wrap below their caption.
    ui.label(T::Model.get(lang));
    ui.horizontal_wrapped(|ui| {
        let current = session.model();
        for (model, name) in [
            (ModelId::Sanitary, T::ModelSanitaryName),
            (ModelId::Full, T::ModelFullName),
        ] {
            if ui.radio(current == model, name.get(lang)).clicked() && current != model {
                changes.push(Change::Fact {
                    fact: Fact::Model,
                    value: model.id().to_string(),
                });
            }
        }
    });
    ui.label(RichText::new(session.inspection.path().display().to_string()).weak());
}

/// A preset's switch (its state and changes worked out by [`answers::preset_applied`]
/// and [`answers::preset_plan`]), which standards it drops, and why.
fn preset_switch(
    session: &Session,
    catalogue: &Catalogue,
    preset: &Preset,
    lang: Language,
    ui: &mut Ui,
    changes: &mut Vec<Change>,
) {
    let model = session.model();
    let answers = session.inspection.answers();
    let mut on = answers::preset_applied(catalogue, model, preset, answers);
    let codes: Vec<&Code> = answers::preset_plan(catalogue, model, preset, true)
        .dropped
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    let title = match lang {
        Language::Uk => &preset.title,
        Language::En => &preset.title_en,
    };
    if ui
        .checkbox(&mut on, RichText::new(title).strong())
        .changed()
    {
        changes.extend(answers::preset_plan(catalogue, model, preset, on).changes);
    }
    ui.label(format!(
        "{} {}",
        T::PresetDrops.get(lang),
        codes
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    ));
    egui::CollapsingHeader::new(T::PresetWhy.get(lang))
        .id_salt(("preset_why", &preset.id))
        .show(ui, |ui| {
            for c in &codes {
                let why = preset.reasons.get(*c).map_or("", String::as_str);
                ui.label(format!("{c} — {why}"));
            }
            ui.label(RichText::new(T::PresetKeeps.get(lang)).strong());
            for (c, why) in &preset.not_dropped {
                ui.label(format!("{c} — {why}"));
            }
        });
}

/// Below this width (in points) a caption goes above its field instead of beside it:
/// a 1366 px laptop at 150 % text leaves the tab about 500 points.
const SIDE_BY_SIDE_MIN: f32 = 640.0;

/// The width a text field gets: what is left in the row, at most `most`, at least enough
/// to read a few words.
fn field_width(ui: &Ui, most: f32) -> f32 {
    ui.available_width().clamp(160.0, most)
}

/// The application form's fields: caption beside the field where the tab is wide, above
/// it where it is narrow, so that no field is squeezed and nothing runs off the edge.
fn application_form(session: &mut Session, catalogue: &Catalogue, ui: &mut Ui) {
    let side_by_side = ui.available_width() >= SIDE_BY_SIDE_MIN;
    for field in &catalogue.application_form {
        let key = TextKey::Form(field.id.clone());
        if side_by_side {
            ui.horizontal(|ui| {
                let caption = ui.add_sized(
                    [SIDE_BY_SIDE_MIN * 0.45, ui.spacing().interact_size.y],
                    egui::Label::new(&field.title).wrap(),
                );
                let width = field_width(ui, 520.0);
                typed_field(session, key, ("", width), caption.id, ui);
            });
        } else {
            let caption = ui.add(egui::Label::new(&field.title).wrap());
            let width = field_width(ui, 520.0);
            typed_field(session, key, ("", width), caption.id, ui);
        }
        ui.add_space(2.0);
    }
}

/// The documents of the application, one block each: the title across the tab (wrapped),
/// then its check, its note and the button that adds a scan on one line, wrapping to the
/// next where the tab is narrow; then its scans and photos. A file dropped on a document
/// is attached to it.
fn documents(
    session: &mut Session,
    catalogue: &Catalogue,
    lang: Language,
    ui: &mut Ui,
    (changes, commands): (&mut Vec<Change>, &mut Vec<Command>),
) {
    for doc in &catalogue.documents {
        let check = session
            .inspection
            .answers()
            .documents
            .get(&doc.number)
            .cloned()
            .unwrap_or_default();
        let target = Target::Document(doc.number);
        let block = ui.vertical(|ui| {
            let title = format!("{}. {}", doc.number, doc.title);
            let caption = ui.add(egui::Label::new(title).wrap());
            ui.horizontal_wrapped(|ui| {
                presence(doc, check.present, lang, ui, changes);
                let key = TextKey::DocumentNote(doc.number);
                // The note takes the rest of the line, or a line of its own when too
                // little is left.
                if ui.available_width() < 200.0 {
                    ui.end_row();
                }
                let width = field_width(ui, 520.0);
                typed_field(session, key, (T::DocNote.get(lang), width), caption.id, ui);
                let add = ui.button(T::EvidenceAddScan.get(lang));
                let label = format!("{} {}", doc.number, T::EvidenceAddScan.get(lang));
                add.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                if add
                    .on_hover_text(T::EvidenceAddDocumentHint.get(lang))
                    .clicked()
                {
                    commands.push(Command::Evidence(EvidenceAction::Browse(target.clone())));
                }
            });
            let Session {
                inspection,
                pictures,
                ..
            } = &mut *session;
            evidence::strip(inspection, pictures, &target, false, lang, ui, commands);
        });
        session.drop_targets.push((target, block.response.rect));
        evidence::mark_drop_target(ui, &block.response);
        ui.separator();
    }
}

/// The buttons of a document's check: present, missing, not checked, and "not
/// applicable" for a document the Order asks for only "за умови її проведення".
fn presence(
    doc: &crate::catalogue::Document,
    present: Option<Presented>,
    lang: Language,
    ui: &mut Ui,
    changes: &mut Vec<Change>,
) {
    let mut choices = vec![
        (Some(Presented::Yes), T::Present),
        (Some(Presented::No), T::Absent),
    ];
    if doc.may_be_not_applicable() {
        choices.push((Some(Presented::NotApplicable), T::DocNotApplicable));
    }
    choices.push((None, T::NotChecked));
    for (value, key) in choices {
        let r = ui.selectable_label(present == value, key.get(lang));
        r.widget_info(|| {
            egui::WidgetInfo::selected(
                egui::Role::Button,
                true,
                present == value,
                format!("{} {}", doc.number, key.get(lang)),
            )
        });
        if r.clicked() && present != value {
            changes.push(Change::DocumentPresent {
                number: doc.number,
                present: value,
            });
        }
    }
}

/// A one-line field of the tab, labelled by `caption`, with its hint and width: what is
/// typed is saved when the field lets go of the keyboard, whatever takes it away (a click,
/// Tab, Enter, another tab, closing the inspection), by the frame ([`text_field`]).
fn typed_field(
    session: &mut Session,
    key: TextKey,
    (hint, width): (&str, f32),
    caption: egui::Id,
    ui: &mut Ui,
) {
    let look = Look {
        width,
        rows: 1,
        hint,
    };
    let Session {
        inspection, texts, ..
    } = session;
    text_field::field(texts, inspection, key, &look, caption, false, ui);
}
