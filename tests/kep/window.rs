//! The КЕП in the window, driven headlessly: the conclusion's PDF and its `.p7s` dropped
//! on the window are checked on the КЕП screen (the signer's name, the chain not checked
//! said; trusted with the test CA given), a changed PDF is said to be changed; and the
//! commission overview's КЕП column and a result's КЕП section.

use std::fs;
use std::path::PathBuf;
use std::sync::Arc;

use akredit::ui::{AkreditApp, Screen};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::common::Dropped;
use super::{EXPERT, setup, sign};

fn drop_files(h: &mut Harness<'_, AkreditApp>, files: &[PathBuf]) {
    for f in files {
        h.input_mut()
            .dropped_files
            .push(Arc::new(Dropped(f.clone())));
    }
    h.run();
}

#[test]
fn a_signature_dropped_with_its_pdf_is_checked_on_the_kep_screen() {
    let Some((dir, pdf)) = setup() else { return };
    let d = dir.path();
    sign(
        d,
        "висновок.pdf",
        "expert",
        "висновок.pdf.p7s",
        false,
        "sha256",
    )
    .unwrap();
    let mut h = super::common::harness(d.join("home"));
    // The signature alone: the PDF beside it is found.
    drop_files(&mut h, &[d.join("висновок.pdf.p7s")]);
    assert_eq!(h.state().screen, Screen::Kep);
    assert!(
        h.query_by_label("Усі кваліфіковані підписи над цим документом дійсні")
            .is_some(),
        "{:?}",
        h.state().kep.outcome
    );
    // The signer's name, beside the experts the conclusion names.
    assert_eq!(h.query_all_by_label(EXPERT).count(), 2);
    assert!(h.query_by_label("1234567890").is_some(), "the РНОКПП");
    assert!(h.query_by_label("експертний висновок (PDF)").is_some());
    // The signer's chain, and the steps not checked.
    assert_eq!(
        h.query_all_by_label_contains("ланцюжок сертифіката не перевірено")
            .count(),
        2,
        "the chain not checked is said"
    );
    assert!(
        h.query_by_label_contains(&format!("{EXPERT} = {EXPERT} (названий у документі)"))
            .is_some()
    );

    // The test CA typed as trusted: the chain is trusted, and remembered.
    h.state_mut().kep.trust = d.join("ca.pem").display().to_string();
    h.get_by_role_and_label(Role::Button, "Перевірити").click();
    h.run();
    assert!(h.query_by_label_contains("довірений: ").is_some());
    assert!(h.state().settings.kep_trust.ends_with("ca.pem"));

    // The PDF changed by one byte, dropped again with its signature.
    let mut bytes = fs::read(&pdf).unwrap();
    let last = bytes.len() - 2;
    bytes[last] ^= 0x20;
    fs::write(&pdf, bytes).unwrap();
    drop_files(&mut h, &[pdf.clone(), d.join("висновок.pdf.p7s")]);
    assert!(
        h.query_by_label("Не всі кваліфіковані підписи дійсні — див. нижче")
            .is_some()
    );
    assert!(h.query_by_label_contains("ДОКУМЕНТ ЗМІНЕНО").is_some());
}

#[test]
fn what_is_not_a_signature_is_said_on_the_kep_screen() {
    let Some((dir, pdf)) = setup() else { return };
    let d = dir.path();
    fs::write(d.join("висновок.pdf.p7s"), b"not a signature at all").unwrap();
    let mut h = super::common::harness(d.join("home"));
    drop_files(&mut h, &[pdf, d.join("висновок.pdf.p7s")]);
    assert_eq!(h.state().screen, Screen::Kep);
    assert!(h.query_by_label_contains("НЕ ПІДПИС").is_some());
    // A trusted file that does not read: said, nothing checked.
    h.state_mut().kep.trust = d.join("висновок.pdf").display().to_string();
    h.get_by_role_and_label(Role::Button, "Перевірити").click();
    h.run();
    assert!(
        h.query_by_label_contains("довірені сертифікати не прочитано")
            .is_some()
    );
}

#[test]
fn the_commission_overview_shows_the_kep_column_and_section() {
    let Some((dir, _pdf)) = setup() else { return };
    let d = dir.path();
    super::commission::results_folder(d);
    let mut h = super::common::harness(d.join("home"));
    h.state_mut().commission.path = d.join("results").display().to_string();
    h.state_mut()
        .push(akredit::ui::Command::ShowScreen(Screen::Commission));
    h.run();
    h.get_by_role_and_label(Role::Button, "Перевірити").click();
    h.run();
    assert!(h.query_by_label("ланцюжок не перевірено").is_some());
    h.state_mut().commission.kep_trust = d.join("ca.pem").display().to_string();
    h.get_by_role_and_label(Role::Button, "Перевірити").click();
    h.run();
    // The status column's word and the КЕП column's.
    assert_eq!(h.query_all_by_label("дійсний").count(), 2, "the КЕП column");
    // The row opened: its КЕП section names the signer; «Докладно…» opens the КЕП screen.
    h.get_by_role_and_label(Role::Button, "Полтавський обласний центр здоров'я")
        .click();
    h.run();
    assert!(h.query_by_label("Кваліфіковані підписи (КЕП)").is_some());
    assert!(
        h.query_by_label_contains(&format!("• {EXPERT}, РНОКПП 1234567890"))
            .is_some()
    );
    h.get_by_role_and_label(Role::Button, "Докладно…").click();
    h.run();
    assert_eq!(h.state().screen, Screen::Kep);
    assert!(
        h.query_by_label("Усі кваліфіковані підписи над цим документом дійсні")
            .is_some()
    );
}

#[test]
fn the_whole_path_in_the_window_export_sign_drop_and_check() {
    let Some((dir, _pdf)) = setup() else { return };
    let d = dir.path();
    let mut h = super::common::harness(d.join("home"));
    h.state_mut()
        .push(akredit::ui::Command::Open(d.join("a.akredit")));
    h.run();
    h.state_mut().push(akredit::ui::Command::OpenExport);
    h.run();
    fs::create_dir(d.join("out")).unwrap();
    let result = d.join("out/w.result.json");
    let dialog = h.state_mut().export.as_mut().expect("the Export dialog");
    dialog.path = result.display().to_string();
    dialog.with_conclusion = true;
    h.state_mut().push(akredit::ui::Command::RunExport);
    h.run();
    let outcome = h.state().export.as_ref().and_then(|e| e.outcome.clone());
    assert!(
        matches!(&outcome, Some(Ok(text)) if text.contains("Далі: підпишіть PDF висновку КЕП")),
        "the next step is said: {outcome:?}"
    );
    // The expert signs the conclusion (here with openssl, as Дія would) and drops the
    // signature on the window.
    sign(
        d,
        "out/w.result.conclusion.pdf",
        "expert",
        "out/w.result.conclusion.pdf.p7s",
        false,
        "sha256",
    )
    .unwrap();
    drop_files(&mut h, &[d.join("out/w.result.conclusion.pdf.p7s")]);
    assert_eq!(h.state().screen, Screen::Kep);
    assert!(
        h.query_by_label("Усі кваліфіковані підписи над цим документом дійсні")
            .is_some(),
        "{:?}",
        h.state().kep.outcome
    );
    // Back goes to the inspection still open.
    h.get_by_role_and_label(Role::Button, "Назад").click();
    h.run();
    assert_eq!(h.state().screen, Screen::Inspection);
}
