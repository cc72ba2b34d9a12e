//! A result's qualified signatures (КЕП) in its detail: each signed document beside it,
//! who signed it and where each signature stands, what does not count, and the way to
//! the КЕП screen's whole report.

use egui::{RichText, Ui};

use crate::commission::{KepDocument, KepSummary};
use crate::kep::certificate::Chain;
use crate::kep::{ExpertMatch, Status};
use crate::support::settings::Language;
use crate::ui::command::Command;
use crate::ui::i18n::{T, kep as words};

/// The section: a heading, then each document.
pub fn section(kep: &KepSummary, lang: Language, ui: &mut Ui, commands: &mut Vec<Command>) {
    ui.heading(T::KepSection.get(lang));
    let state = words::state_word(kep.state(), lang);
    ui.label(RichText::new(state).strong());
    for d in &kep.documents {
        ui.add_space(4.0);
        document(d, lang, ui, commands);
    }
}

/// One signed document beside the result.
fn document(d: &KepDocument, lang: Language, ui: &mut Ui, commands: &mut Vec<Command>) {
    let error = ui.visuals().error_fg_color;
    ui.horizontal_wrapped(|ui| {
        let name = crate::kep::files::display_name(&d.path);
        let signatures: Vec<String> = d
            .signatures
            .iter()
            .map(|s| crate::kep::files::display_name(s))
            .collect();
        ui.label(RichText::new(format!("{name}: {}", signatures.join(", "))).strong());
        if ui.button(T::KepOpenCheck.get(lang)).clicked() {
            let mut files = vec![d.path.clone()];
            files.extend(d.signatures.iter().cloned());
            commands.push(Command::KepFiles(files));
        }
    });
    for p in &d.problems {
        let text = format!("• {}", words::problem(p, lang));
        ui.add(egui::Label::new(RichText::new(text).color(error)).wrap());
    }
    for s in &d.signers {
        let bad = s.status != Status::Valid
            || matches!(s.chain, Chain::NotTrusted(_))
            || s.expert == ExpertMatch::Differs;
        let mut parts = vec![s.name.clone()];
        if let Some(tax) = &s.tax_number {
            parts.push(format!("РНОКПП {tax}"));
        }
        if let Some(at) = s.signed_at {
            parts.push(crate::support::time::format_unix(at));
        }
        let text = format!("• {}: {}", parts.join(", "), words::status(&s.status, lang));
        let colour = if bad {
            error
        } else {
            ui.visuals().text_color()
        };
        ui.add(egui::Label::new(RichText::new(text).color(colour)).wrap());
        let chain = format!(
            "   {}: {}",
            T::KepChain.get(lang),
            words::chain(&s.chain, lang)
        );
        ui.add(egui::Label::new(chain).wrap());
        let expert = words::expert(&s.expert, &s.name, &[], lang);
        ui.add(egui::Label::new(format!("   {}: {expert}", T::KepExpert.get(lang))).wrap());
    }
    for step in &d.not_checked {
        let text = format!(
            "   {}: {}",
            T::KepNotChecked.get(lang),
            words::not_checked(*step, lang)
        );
        ui.add(egui::Label::new(RichText::new(text).color(ui.visuals().warn_fg_color)).wrap());
    }
}
