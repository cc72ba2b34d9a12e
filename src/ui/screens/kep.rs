//! The КЕП screen: the document and its signature files (typed, chosen, or dropped on
//! the window), the trusted lists, CA certificates and CRLs, and the check's report —
//! the document's own result, then each signature and each signer, in plain words, with
//! every step the check could not do said.

use egui::{RichText, ScrollArea, Ui};

use crate::kep::certificate::Chain;
use crate::kep::{ExpertMatch, KepCheck, Revocation, SignatureCheck, SignerReport, Status};
use crate::support::settings::Language;
use crate::support::time::format_unix;
use crate::ui::app::AkreditApp;
use crate::ui::command::Command;
use crate::ui::i18n::{T, kep as words};

/// Draws the КЕП screen.
pub fn show(app: &mut AkreditApp, ui: &mut Ui) {
    let lang = app.settings.language;
    let mut commands = Vec::new();
    ScrollArea::vertical().show(ui, |ui| {
        form(app, lang, ui, &mut commands);
        ui.add_space(8.0);
        match &app.kep.outcome {
            None => {}
            Some(Err(e)) => {
                ui.label(
                    RichText::new(words::paths_error(e, lang)).color(ui.visuals().error_fg_color),
                );
            }
            Some(Ok(check)) => report(check, lang, ui),
        }
    });
    for c in commands {
        app.push(c);
    }
}

/// The files to check and to trust, and the Check button.
fn form(app: &mut AkreditApp, lang: Language, ui: &mut Ui, commands: &mut Vec<Command>) {
    ui.label(T::KepHelp.get(lang));
    ui.add_space(4.0);
    let label = ui.label(T::KepDocument.get(lang));
    ui.horizontal(|ui| {
        if ui.button(T::Choose.get(lang)).clicked() {
            commands.push(Command::BrowseKepFiles);
        }
        ui.add(
            egui::TextEdit::singleline(&mut app.kep.document)
                .hint_text("/…/висновок.pdf")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    });
    let label = ui.label(T::KepSignatures.get(lang));
    ui.add(
        egui::TextEdit::multiline(&mut app.kep.signatures)
            .hint_text("/…/висновок.pdf.p7s")
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    let label = ui.label(T::KepTrust.get(lang));
    ui.horizontal(|ui| {
        if ui.button(T::KepAddTrust.get(lang)).clicked() {
            commands.push(Command::BrowseKepTrust);
        }
        ui.label(RichText::new(T::KepTrustHelp.get(lang)).weak());
    });
    ui.add(
        egui::TextEdit::multiline(&mut app.kep.trust)
            .hint_text("/…/TL-UA-DSTU.xml")
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    ui.add_space(4.0);
    let ready = !app.kep.document.trim().is_empty() || !app.kep.signatures.trim().is_empty();
    let button = egui::Button::new(RichText::new(T::KepRun.get(lang)).strong());
    if ui.add_enabled(ready, button).clicked() {
        commands.push(Command::CheckKep);
    }
}

/// The verdict, the document, then each signature.
fn report(check: &KepCheck, lang: Language, ui: &mut Ui) {
    let (verdict, colour) = if check.holds() {
        (T::KepAllValid, ui.visuals().text_color())
    } else {
        (T::KepNotAllValid, ui.visuals().error_fg_color)
    };
    ui.label(RichText::new(verdict.get(lang)).heading().color(colour));
    ui.add_space(4.0);
    document(check, lang, ui);
    for note in &check.notes {
        ui.label(RichText::new(note.as_str()).weak());
    }
    for signature in &check.signatures {
        ui.add_space(6.0);
        ui.separator();
        one_signature(signature, &check.document.experts, lang, ui);
    }
}

/// What the document is, and whether its own result verifies.
fn document(check: &KepCheck, lang: Language, ui: &mut Ui) {
    let doc = &check.document;
    line(
        ui,
        T::KepDocumentKind.get(lang),
        words::document_kind(doc.kind, lang),
    );
    if let Some(v) = &doc.verification {
        let (text, bad) = if doc.fails() {
            (T::KepResultFails.get(lang), true)
        } else {
            (T::KepResultVerifies.get(lang), false)
        };
        flagged(ui, T::KepResult.get(lang), text, bad);
        if let Some(r) = &v.result {
            let tally = &r.payload.totals.commission;
            let percent = crate::scoring::Percent::with_sign_or_dash(tally.percent);
            let totals = format!(
                "{} / {} · {} · {}",
                tally.points,
                r.payload.totals.max_points,
                crate::ui::style::decimal(&percent, lang),
                crate::ui::style::category_name(tally.category, lang)
            );
            line(ui, T::KepTotals.get(lang), &totals);
        }
    }
    if !doc.experts.is_empty() {
        line(ui, T::KepExperts.get(lang), &doc.experts.join("; "));
    }
}

/// One signature file: its container's part, each signer, what was not checked.
fn one_signature(s: &SignatureCheck, experts: &[String], lang: Language, ui: &mut Ui) {
    ui.label(RichText::new(format!("{} {}", T::KepSignatureFile.get(lang), s.name)).strong());
    let report = match &s.report {
        Ok(r) => r,
        Err(e) => {
            let text = format!("{}: {e}", T::KepNotASignature.get(lang));
            ui.label(RichText::new(text).color(ui.visuals().error_fg_color));
            return;
        }
    };
    if s.container.as_ref().is_some_and(|c| !c.document_signed) {
        let text = T::KepNotInContainer.get(lang);
        ui.label(RichText::new(text).color(ui.visuals().error_fg_color));
    }
    if report.attached {
        ui.label(T::KepAttached.get(lang));
    }
    for (i, signer) in report.signers.iter().enumerate() {
        ui.add_space(4.0);
        one_signer(i + 1, signer, experts, lang, ui);
    }
    for step in &report.not_checked {
        let text = format!(
            "{}: {}",
            T::KepNotChecked.get(lang),
            words::not_checked(*step, lang)
        );
        ui.label(RichText::new(text).color(ui.visuals().warn_fg_color));
    }
}

/// One signer: the status, who the certificate names, its issuer and validity, the
/// signing time and timestamps, the chain, revocation, and the match to an expert.
fn one_signer(n: usize, s: &SignerReport, experts: &[String], lang: Language, ui: &mut Ui) {
    let heading = format!(
        "{} {n}: {}",
        T::KepSigner.get(lang),
        words::status(&s.status, lang)
    );
    let colour = match s.status {
        Status::Valid => ui.visuals().text_color(),
        _ => ui.visuals().error_fg_color,
    };
    ui.label(RichText::new(heading).strong().color(colour));
    let holder = s
        .certificate
        .as_ref()
        .map(|c| c.holder.name())
        .unwrap_or_default();
    if let Some(c) = &s.certificate {
        line(ui, T::KepName.get(lang), &holder);
        for (label, value) in [
            ("РНОКПП", &c.holder.tax_number),
            (T::KepOrganisation.get(lang), &c.holder.organisation),
            (T::KepUnit.get(lang), &c.holder.unit),
            (T::KepPosition.get(lang), &c.holder.position),
        ] {
            if let Some(v) = value {
                line(ui, label, v);
            }
        }
        line(ui, T::KepIssuer.get(lang), &c.issuer);
        line(ui, T::KepSerial.get(lang), &c.serial);
        let validity = format!(
            "{} – {}",
            format_unix(c.not_before),
            format_unix(c.not_after)
        );
        line(ui, T::KepValidity.get(lang), &validity);
    }
    line(
        ui,
        T::KepAlgorithm.get(lang),
        &format!("{} / {}", s.algorithm, s.digest),
    );
    let signed_at = match s.signing_time {
        Some(t) => format!("{} ({})", format_unix(t), T::KepStatedTime.get(lang)),
        None => T::KepNoTime.get(lang).to_string(),
    };
    line(ui, T::KepSigningTime.get(lang), &signed_at);
    for t in &s.timestamps {
        let time = t.time.map(format_unix).unwrap_or_default();
        let by = t.authority.clone().unwrap_or_default();
        let (state, bad) = match &t.holds {
            Ok(()) => (T::KepHolds.get(lang).to_string(), false),
            Err(why) => (format!("{} — {why}", T::KepDoesNotHold.get(lang)), true),
        };
        flagged(
            ui,
            T::KepTimestamp.get(lang),
            &format!("{time}, {by}: {state}"),
            bad,
        );
    }
    let chain_bad = matches!(s.chain, Chain::NotTrusted(_));
    flagged(
        ui,
        T::KepChain.get(lang),
        &words::chain(&s.chain, lang),
        chain_bad,
    );
    let revoked = matches!(
        s.revocation,
        Revocation::Revoked { .. } | Revocation::CrlInvalid
    );
    flagged(
        ui,
        T::KepRevocation.get(lang),
        &words::revocation(&s.revocation, lang),
        revoked,
    );
    let differs = s.expert == ExpertMatch::Differs;
    let expert = words::expert(&s.expert, &holder, experts, lang);
    flagged(ui, T::KepExpert.get(lang), &expert, differs);
}

/// A labelled line.
fn line(ui: &mut Ui, label: &str, value: &str) {
    flagged(ui, label, value, false);
}

/// A labelled line, in the error colour when `bad`.
fn flagged(ui: &mut Ui, label: &str, value: &str, bad: bool) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{label}:")).weak());
        let text = RichText::new(value);
        ui.label(if bad {
            text.color(ui.visuals().error_fg_color)
        } else {
            text
        });
    });
}
