//! The printable protocol: real Ukrainian text (read back with pdftotext), A4, page
//! numbers, DRAFT on every page of a draft.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use akredit::answers::{Change, Column};
use akredit::catalogue::{Catalogue, ModelId};
use akredit::export::{self, Identity};
use akredit::home::Home;
use akredit::inspection::{Inspection, NewInspection};
use akredit::protocol::{self, Provenance};

fn catalogue() -> Arc<Catalogue> {
    Arc::new(Catalogue::builtin().expect("catalogue"))
}

/// The text of each page, or None when pdftotext is not installed (CI requires it).
fn pages_text(pdf: &Path) -> Option<Vec<String>> {
    let info = Command::new("pdfinfo").arg(pdf).output();
    let Ok(info) = info else {
        assert!(
            std::env::var_os("AKREDIT_REQUIRE_PDFTOTEXT").is_none(),
            "pdfinfo/pdftotext (poppler-utils) are required here"
        );
        eprintln!("poppler-utils not installed: the PDF text is not read back");
        return None;
    };
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    assert!(info.contains("595 x 842 pts (A4)"), "{info}");
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count");
    Some(
        (1..=pages)
            .map(|p| {
                let out = Command::new("pdftotext")
                    .args(["-f", &p.to_string(), "-l", &p.to_string(), "-layout"])
                    .arg(pdf)
                    .arg("-")
                    .output()
                    .expect("pdftotext");
                String::from_utf8_lossy(&out.stdout).into_owned()
            })
            .collect(),
    )
}

fn inspection(dir: &Path, complete: bool) -> Inspection {
    let mut insp = Inspection::create(
        &dir.join("a.akredit"),
        catalogue(),
        &NewInspection {
            model: ModelId::Full,
            centre_name: "Полтавський обласний центр здоров'я".into(),
            expert: "Іваненко Іван Іванович".into(),
            visit_date: Some("2026-11-23".into()),
            purpose: Default::default(),
        },
    )
    .expect("create");
    let cat = catalogue();
    let mut changes: Vec<Change> = cat
        .model_standards(ModelId::Full)
        .filter(|_| complete)
        .map(|s| Change::Grade {
            code: s.code.clone(),
            column: Column::Commission,
            grade: Some(*s.scale.grades().last().expect("grades")),
        })
        .collect();
    changes.push(Change::Grade {
        code: "1.1.3".parse().expect("code"),
        column: Column::Commission,
        grade: Some(2),
    });
    changes.push(Change::Note {
        code: "1.1.3".parse().expect("code"),
        text: "Атестаційну категорію підтверджено наказом № 12 від 2024 р.; копія в справі".into(),
    });
    changes.push(Change::NotApplicable {
        code: "1.1.1.5".parse().expect("code"),
        reason: Some("Госпрозрахункової діяльності немає".into()),
    });
    insp.apply(&changes).expect("apply");
    insp
}

#[test]
fn the_protocol_of_a_signed_result_has_real_ukrainian_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let id = Identity::create(&Home::at(dir.path()), "Іваненко Іван Іванович").expect("key");
    let mut insp = inspection(dir.path(), true);
    let signed =
        export::export(&mut insp, &id, false, &dir.path().join("a.result.json")).expect("export");
    let v = export::verify(&signed.bytes, &catalogue(), &[]);
    let payload = v.result.expect("result").payload;
    let pdf = protocol::render(
        &payload,
        &catalogue(),
        Some(&Provenance {
            result_sha256: signed.sha256.clone(),
            fingerprint: signed.fingerprint.clone(),
        }),
    )
    .expect("render");
    assert!(pdf.starts_with(b"%PDF-"));
    let path = dir.path().join("p.pdf");
    std::fs::write(&path, &pdf).expect("write");
    let Some(pages) = pages_text(&path) else {
        return;
    };
    let all = pages.join("\n");
    for expected in [
        "ПРОТОКОЛ акредитаційної експертизи центру здоров'я",
        "наказом МОЗ України від 17.07.2000 № 169",
        "Полтавський обласний центр здоров'я",
        "1.1 Управління закладом",
        "2.4 Загальні положення про лікарів центру здоров'я",
        "Кваліфікація керівника центру здоров'я",
        "Госпрозрахункової діяльності немає",
        "вища категорія",
        "Голова акредитаційної комісії",
        &signed.sha256,
        &signed.fingerprint,
    ] {
        assert!(all.contains(expected), "the protocol lacks {expected:?}");
    }
    let n = pages.len();
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("Сторінка {} з {n}", i + 1)),
            "page {}",
            i + 1
        );
        assert!(!page.contains("ЧЕРНЕТКА"));
    }
}

#[test]
fn a_draft_says_so_on_every_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let insp = inspection(dir.path(), false);
    let payload = export::payload(&insp, "", false, "2026-11-23T10:00:00.000Z").expect("payload");
    let pdf = protocol::render(&payload, &catalogue(), None).expect("render");
    let path = dir.path().join("draft.pdf");
    std::fs::write(&path, &pdf).expect("write");
    let Some(pages) = pages_text(&path) else {
        return;
    };
    assert!(pages.len() >= 5, "235 standards take several pages");
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains("ЧЕРНЕТКА"),
            "page {} does not say DRAFT",
            i + 1
        );
    }
    assert!(pages.join("\n").contains("електронного підпису немає"));
}
