//! The printable protocol: real Ukrainian text (read back with pdftotext), A4, page
//! numbers, DRAFT on every page of a draft.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use akredit::answers::{Change, Column};
use akredit::catalogue::{Catalogue, ModelId};

mod common;
use akredit::inspection::{Inspection, NewInspection};
use akredit::protocol::{self, Provenance};
use akredit::signed::{self, Identity};
use akredit::support::home::Home;

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
    changes.extend(common::fact_changes());
    insp.apply(&changes).expect("apply");
    insp
}

#[test]
fn the_protocol_of_a_signed_result_has_real_ukrainian_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let id = Identity::create(&Home::at(dir.path()), "Іваненко Іван Іванович").expect("key");
    let mut insp = inspection(dir.path(), true);
    let signed =
        signed::export(&mut insp, &id, false, &dir.path().join("a.result.json")).expect("export");
    let v = signed::verify(&signed.bytes, &catalogue(), &[]);
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
    let payload = signed::payload(&insp, "", false, "2026-11-23T10:00:00.000Z").expect("payload");
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

/// Issue 14: a centre prints its own self-assessment from its file: titled so, with its
/// own figures only, no commission result, no draft banner, signed by its head.
#[test]
fn a_centres_self_assessment_prints_as_its_own_not_as_the_commissions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("poltava-self.akredit");
    let mut insp = Inspection::create(
        &path,
        catalogue(),
        &NewInspection {
            model: ModelId::Sanitary,
            centre_name: "Полтавський обласний центр здоров'я".into(),
            expert: String::new(),
            visit_date: None,
            purpose: akredit::inspection::Purpose::SelfAssessment,
        },
    )
    .expect("create");
    insp.apply(&[Change::Grade {
        code: "1.1.3".parse().expect("code"),
        column: Column::SelfAssessment,
        grade: Some(2),
    }])
    .expect("grade");
    let payload = protocol::of_inspection(&insp).expect("payload");
    let pdf = protocol::render(&payload, &catalogue(), None).expect("render");
    let out = dir.path().join("self.pdf");
    std::fs::write(&out, &pdf).expect("write");
    let Some(pages) = pages_text(&out) else {
        return;
    };
    let text = pages.join("\n");
    assert!(text.contains("САМООЦІНКА центру здоров'я"), "{text}");
    assert!(text.contains("Самооцінка центру: 2 з 573 балів"), "{text}");
    assert!(
        text.contains("Оцінено 1 з 191 застосовних стандартів"),
        "{text}"
    );
    assert!(
        text.contains("1.1 Управління закладом — 2 з 84 балів"),
        "{text}"
    );
    assert!(text.contains("Керівник центру здоров'я"), "{text}");
    for absent in [
        "ПРОТОКОЛ акредитаційної",
        "Результат комісії",
        "ЧЕРНЕТКА",
        "Голова акредитаційної комісії",
    ] {
        assert!(!text.contains(absent), "{absent} in a centre's own print");
    }
}

/// A draft protocol whose 1.1.3 note is 1 000 numbered words (6 000 characters, "н0001"
/// to "н1000") and whose 2.4.1.3 N/A reason is 500 more ("п0001" to "п0500"), written to
/// `dir`.
fn long_cells_pdf(dir: &Path) -> std::path::PathBuf {
    let mut insp = inspection(dir, false);
    let words = |prefix: &str, n: usize| {
        (1..=n)
            .map(|i| format!("{prefix}{i:04}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let note = words("н", 1000);
    let reason = words("п", 500);
    assert!((5_900..=6_100).contains(&note.chars().count()));
    assert!((2_900..=3_100).contains(&reason.chars().count()));
    insp.apply(&[
        Change::Note {
            code: "1.1.3".parse().expect("code"),
            text: note,
        },
        Change::NotApplicable {
            code: "2.4.1.3".parse().expect("code"),
            reason: Some(reason),
        },
    ])
    .expect("apply");
    let payload = signed::payload(&insp, "", false, "2026-11-23T10:00:00.000Z").expect("payload");
    let pdf = protocol::render(&payload, &catalogue(), None).expect("render");
    let path = dir.join("long.pdf");
    std::fs::write(&path, &pdf).expect("write");
    path
}

/// The numbered words (`prefix` and four digits) in the order they are read, page by page.
fn numbered(pages: &[String], prefix: char) -> Vec<String> {
    pages
        .iter()
        .flat_map(|p| p.split_whitespace())
        .filter(|w| {
            let mut chars = w.chars();
            chars.next() == Some(prefix)
                && chars.clone().count() == 4
                && chars.all(|c| c.is_ascii_digit())
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn a_long_note_continues_on_the_next_page_and_no_word_is_lost() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = long_cells_pdf(dir.path());
    let Some(pages) = pages_text(&path) else {
        return;
    };
    let note: Vec<String> = (1..=1000).map(|i| format!("н{i:04}")).collect();
    let found = numbered(&pages, 'н');
    assert_eq!(
        found.len(),
        note.len(),
        "note words read back: {}",
        found.len()
    );
    assert_eq!(found, note, "every note word once, in order");
    // The reason is in its row and again in the list of standards that do not apply.
    let reason: Vec<String> = (1..=500).map(|i| format!("п{i:04}")).collect();
    let twice: Vec<String> = reason.iter().chain(&reason).cloned().collect();
    let found = numbered(&pages, 'п');
    assert_eq!(
        found.len(),
        twice.len(),
        "reason words read back: {}",
        found.len()
    );
    assert_eq!(found, twice, "every reason word twice, in order");
    let n = pages.len();
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains(&format!("Сторінка {} з {n}", i + 1)));
    }
}

/// One word as `pdftotext -bbox` places it: its text and its top and bottom, in points
/// from the top of the page.
struct Word {
    text: String,
    y_min: f32,
    y_max: f32,
}

/// The words of each page with their boxes, or None when pdftotext is not installed.
fn pages_words(pdf: &Path) -> Option<Vec<Vec<Word>>> {
    let Ok(out) = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
    else {
        assert!(
            std::env::var_os("AKREDIT_REQUIRE_PDFTOTEXT").is_none(),
            "pdftotext (poppler-utils) is required here"
        );
        return None;
    };
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    let attr = |tag: &str, name: &str| -> f32 {
        tag.split(&format!(" {name}=\""))
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{name} in {tag}"))
    };
    let pages = html
        .split("<page ")
        .skip(1)
        .map(|page| {
            page.split("<word ")
                .skip(1)
                .map(|w| {
                    let (tag, rest) = w.split_once('>').expect("word tag");
                    let text = rest.split_once("</word>").expect("word end").0;
                    Word {
                        text: text.to_string(),
                        y_min: attr(&format!(" {tag}"), "yMin"),
                        y_max: attr(&format!(" {tag}"), "yMax"),
                    }
                })
                .collect()
        })
        .collect();
    Some(pages)
}

#[test]
fn nothing_but_the_page_number_and_the_draft_mark_is_in_the_footer_band() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = long_cells_pdf(dir.path());
    let Some(pages) = pages_words(&path) else {
        return;
    };
    let n = pages.len();
    assert!(n >= 5);
    for (i, words) in pages.iter().enumerate() {
        let (footer, body): (Vec<&Word>, Vec<&Word>) =
            words.iter().partition(|w| w.y_max > protocol::BODY_BOTTOM);
        let footer: Vec<&str> = footer.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(
            footer.join(" "),
            format!("ЧЕРНЕТКА · Сторінка {} з {n}", i + 1),
            "page {}: only the footer is below the body",
            i + 1
        );
        assert!(
            body.iter().all(|w| w.y_min >= 0.0),
            "page {}: text above the page",
            i + 1
        );
    }
}
