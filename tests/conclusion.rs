//! The expert conclusion (PDF/A-3 with the signed result embedded, and DOCX), the
//! action plan read back as a spreadsheet would, recommendations through undo and the
//! history, and `verify` of a conclusion's PDF: its result, and the figures its pages print.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use akredit::answers::{Change, Column};
use akredit::catalogue::{Catalogue, ModelId};
use akredit::conclusion::{self, DocumentFormat};
use akredit::inspection::{Inspection, NewInspection};
use akredit::protocol::Provenance;
use akredit::signed::{self, Identity};
use akredit::support::home::Home;

mod common;
use common::Run;

fn catalogue() -> Arc<Catalogue> {
    Arc::new(Catalogue::builtin().expect("catalogue"))
}

fn code(s: &str) -> akredit::catalogue::Code {
    s.parse().expect("code")
}

/// A complete inspection, every standard at its top grade but 1.1.3 (2) and 1.2.1 (0),
/// with a recommendation on 1.1.3 only, and a general conclusion.
fn inspection(dir: &Path) -> Inspection {
    let cat = catalogue();
    let mut insp = Inspection::create(
        &dir.join("a.akredit"),
        cat.clone(),
        &NewInspection {
            model: ModelId::Full,
            centre_name: "Полтавський обласний центр здоров'я".into(),
            expert: "Іваненко Іван Іванович".into(),
            visit_date: Some("2026-11-23".into()),
            purpose: Default::default(),
        },
    )
    .expect("create");
    let mut changes: Vec<Change> = cat
        .model_standards(ModelId::Full)
        .map(|s| Change::Grade {
            code: s.code.clone(),
            column: Column::Commission,
            grade: Some(*s.scale.grades().last().expect("grades")),
        })
        .collect();
    for (c, g) in [("1.1.3", 2), ("1.2.1", 0)] {
        changes.push(Change::Grade {
            code: code(c),
            column: Column::Commission,
            grade: Some(g),
        });
    }
    changes.extend([
        Change::Recommendation {
            code: code("1.1.3"),
            text: "Підтвердити атестаційну категорію лікарів; =СУМ(A1) не формула".into(),
        },
        Change::Due {
            code: code("1.1.3"),
            due: Some("2027-03-31".into()),
        },
        Change::Owner {
            code: code("1.1.3"),
            name: "Головний лікар".into(),
        },
        Change::Conclusion {
            text: "Центр здоров'я відповідає стандартам за винятком зазначеного.\nРекомендації — у додатку."
                .into(),
        },
    ]);
    changes.extend(common::fact_changes());
    insp.apply(&changes).expect("apply");
    insp
}

/// A final signed result of [`inspection`], its file and its provenance.
fn signed_result(dir: &Path) -> (signed::SignedResult, Provenance) {
    let id = Identity::create(&Home::at(dir.join("home")), "Іваненко Іван Іванович").expect("key");
    let mut insp = inspection(dir);
    let signed = signed::export(&mut insp, &id, false, &dir.join("a.result.json")).expect("export");
    let provenance = Provenance {
        result_sha256: signed.sha256.clone(),
        fingerprint: signed.fingerprint.clone(),
        result_file: signed.bytes.clone(),
    };
    (signed, provenance)
}

/// A tool's output, or None when it is not installed (CI installs poppler-utils).
fn tool(program: &str, args: &[&str]) -> Option<String> {
    match Command::new(program).args(args).output() {
        Ok(out) => {
            assert!(out.status.success(), "{program} {args:?}: {out:?}");
            Some(String::from_utf8_lossy(&out.stdout).into_owned())
        }
        Err(_) => {
            assert!(
                std::env::var_os("AKREDIT_REQUIRE_PDFTOTEXT").is_none() || program == "qpdf",
                "{program} is required here"
            );
            eprintln!("{program} not installed: not checked");
            None
        }
    }
}

/// Each page's text, as pdftotext lays it out.
fn pages(pdf: &Path) -> Option<Vec<String>> {
    let text = tool("pdftotext", &["-layout", pdf.to_str()?, "-"])?;
    Some(
        text.split('\u{c}')
            .map(str::to_string)
            .filter(|p| !p.trim().is_empty())
            .collect(),
    )
}

#[test]
fn the_conclusion_pdf_is_the_official_form_filled_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (signed, provenance) = signed_result(dir.path());
    let cat = catalogue();
    let pdf = conclusion::render(
        &signed.payload,
        &cat,
        Some(&provenance),
        DocumentFormat::Pdf,
    )
    .expect("render");
    let path = dir.path().join("висновок.pdf");
    std::fs::write(&path, &pdf).expect("write");
    let Some(pages) = pages(&path) else { return };
    let all = pages.concat();
    let t = &signed.payload.totals;
    let percent = akredit::protocol::official_percent(t.commission.percent);
    assert!(percent.contains(','), "{percent}");
    for expected in [
        "ЕКСПЕРТНИЙ ВИСНОВОК",
        "про відповідність закладу охорони здоров'я стандартам акредитації",
        "Повне найменування закладу охорони здоров'я: Полтавський обласний центр здоров'я",
        "Місцезнаходження: м. Полтава, вул. Соборності, 1",
        "Дата проведення експертної оцінки: 23.11.2026",
        &format!("Сума балів закладу: {}", t.commission.points),
        &format!("Максимально можлива сума балів: {}", t.max_points),
        &format!("Показник досягнень результатів, у відсотках: {percent}"),
        "Пропозиції, зауваження і рекомендації членів експертної групи:",
        "Центр здоров'я відповідає стандартам за винятком зазначеного.",
        "Підписи:",
        "Керівник експертної групи",
        "Експерти:",
        "Ознайомлений:",
        "«_____» _________________ 20___ року",
        "Керівник закладу",
        "Петренко П. П., головний лікар",
        "М.П.",
        "(підпис)",
        "Додаток 1 до експертного висновку",
        "31.03.2027",
        "Головний лікар",
        "Додаток 2 до експертного висновку",
    ] {
        assert!(
            all.contains(expected),
            "{expected:?} is not printed:\n{all}"
        );
    }
    let category = conclusion::category_sentence(t.commission.category);
    assert!(all.contains(&category), "{category}\n{all}");
    assert!(category.ends_with("акредитаційної категорії.") || category.contains("відмовити"));
    // The head of the group's name under the signature line.
    let lines: Vec<&str> = all.lines().map(str::trim).collect();
    let blank = lines
        .iter()
        .position(|l| l.starts_with("______________________________"))
        .expect("a signature line");
    assert!(
        lines[blank + 1].contains("Іваненко Іван Іванович"),
        "{:?}",
        &lines[blank..blank + 2]
    );
    // Every page carries the hash and the page number; no draft mark on a final one; no
    // ISO dates, no preset ids, no decimal point in a percent.
    for (n, page) in pages.iter().enumerate() {
        assert!(page.contains(&signed.sha256), "page {}: no hash", n + 1);
        assert!(
            page.contains(&format!("Сторінка {} з {}", n + 1, pages.len())),
            "{page}"
        );
        assert!(!page.contains("ЧЕРНЕТКА"), "{page}");
        assert!(
            !page.contains("2026-11-23") && !page.contains("2027-03-31"),
            "{page}"
        );
        assert!(!page.contains("[no-"), "{page}");
    }
    assert!(!all.contains(&percent.replace(',', ".")), "{all}");
}

#[test]
fn the_conclusion_pdf_embeds_the_signed_result_and_verify_checks_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (signed, provenance) = signed_result(dir.path());
    let cat = catalogue();
    let pdf = conclusion::render(
        &signed.payload,
        &cat,
        Some(&provenance),
        DocumentFormat::Pdf,
    )
    .expect("render");
    let check = conclusion::check_pdf(&pdf, &cat, &[]).expect("check");
    assert!(check.conclusion);
    assert!(check.verification.holds());
    assert!(check.figures_match(), "{:?}", check.figures);
    assert_eq!(check.figures.len(), 4);

    let path = dir.path().join("v.pdf");
    std::fs::write(&path, &pdf).expect("write");
    if let Some(list) = tool("pdfdetach", &["-list", path.to_str().unwrap()]) {
        assert!(list.contains("result.akredit.json"), "{list}");
        let saved = dir.path().join("saved.json");
        tool(
            "pdfdetach",
            &[
                "-save",
                "1",
                "-o",
                saved.to_str().unwrap(),
                path.to_str().unwrap(),
            ],
        );
        assert_eq!(std::fs::read(&saved).expect("saved"), signed.bytes);
        let meta = tool("pdfinfo", &["-meta", path.to_str().unwrap()]).unwrap_or_default();
        assert!(meta.contains("<pdfaid:part>3</pdfaid:part>"), "{meta}");
        assert!(
            meta.contains("<pdfaid:conformance>U</pdfaid:conformance>"),
            "{meta}"
        );
    }
    if let Some(out) = tool("qpdf", &["--check", path.to_str().unwrap()]) {
        assert!(out.contains("No syntax or stream encoding errors"), "{out}");
    }

    // On the command line: VERIFIED, exit 0.
    let home = dir.path().join("home");
    let run = Run::of(&["verify", path.to_str().unwrap()], dir.path(), &home);
    assert_eq!(run.code(), Some(0), "{}", run.describe());
    assert!(
        run.stdout.contains("expert conclusion PDF"),
        "{}",
        run.describe()
    );
    assert!(run.stdout.contains("VERIFIED"), "{}", run.describe());
}

#[test]
fn a_pdf_whose_pages_disagree_with_its_result_does_not_verify() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (signed, provenance) = signed_result(dir.path());
    let cat = catalogue();
    // The pages of a result with other figures, with the genuine result embedded: what a
    // PDF edited after it was made amounts to.
    let mut other = signed.payload.clone();
    other.totals.commission.points -= 7;
    let pdf =
        conclusion::render(&other, &cat, Some(&provenance), DocumentFormat::Pdf).expect("render");
    let check = conclusion::check_pdf(&pdf, &cat, &[]).expect("check");
    assert!(
        check.verification.holds(),
        "the embedded result itself is genuine"
    );
    assert!(!check.figures_match(), "{:?}", check.figures);
    assert!(!check.holds());
    let path = dir.path().join("edited.pdf");
    std::fs::write(&path, &pdf).expect("write");
    let run = Run::of(
        &["verify", path.to_str().unwrap()],
        dir.path(),
        &dir.path().join("home"),
    );
    assert_eq!(run.code(), Some(1), "{}", run.describe());
    assert!(
        run.stdout.contains("NOT printed: Сума балів закладу"),
        "{}",
        run.describe()
    );
    assert!(
        run.stderr.contains("figures printed on the pages"),
        "{}",
        run.describe()
    );
}

#[test]
fn a_pdf_without_a_result_or_not_a_pdf_is_refused_with_a_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let insp = inspection(dir.path());
    let cat = catalogue();
    let payload = akredit::protocol::of_inspection(&insp).expect("payload");
    let draft = conclusion::render(&payload, &cat, None, DocumentFormat::Pdf).expect("render");
    let err = conclusion::check_pdf(&draft, &cat, &[]).expect_err("no result");
    assert!(err.to_string().contains("no signed result"), "{err}");
    let mut broken = b"%PDF-1.7\n".to_vec();
    broken.extend_from_slice(&[0u8; 64]);
    let err = conclusion::check_pdf(&broken, &cat, &[]).expect_err("damaged");
    assert!(err.to_string().contains("cannot be read"), "{err}");
    let path = dir.path().join("broken.pdf");
    std::fs::write(&path, &broken).expect("write");
    let before = std::fs::read(&path).expect("read");
    let run = Run::of(
        &["verify", path.to_str().unwrap()],
        dir.path(),
        &dir.path().join("home"),
    );
    assert_eq!(run.code(), Some(1), "{}", run.describe());
    assert!(run.stderr.contains("damaged"), "{}", run.describe());
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "left as it was"
    );
}

#[test]
fn a_draft_conclusion_says_so_on_every_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let insp = inspection(dir.path());
    let cat = catalogue();
    let payload = akredit::protocol::of_inspection(&insp).expect("payload");
    let pdf = conclusion::render(&payload, &cat, None, DocumentFormat::Pdf).expect("render");
    let path = dir.path().join("draft.pdf");
    std::fs::write(&path, &pdf).expect("write");
    let Some(pages) = pages(&path) else { return };
    assert!(pages.len() >= 2, "{pages:?}");
    for (n, page) in pages.iter().enumerate() {
        assert!(
            page.contains("ЧЕРНЕТКА"),
            "page {} has no draft mark:\n{page}",
            n + 1
        );
        assert!(page.contains("підписаного результату немає"), "{page}");
    }
}

/// The text of a DOCX, read back with docx-rs's reader: every run's text, in order, a
/// line each.
fn docx_text(bytes: &[u8]) -> String {
    let docx = docx_rs::read_docx(bytes).expect("the DOCX reads back");
    let tree: serde_json::Value = serde_json::from_str(&docx.json()).expect("json");
    let mut lines = Vec::new();
    collect_text(&tree["document"], &mut lines);
    lines.join("\n")
}

/// Every string under a `text` key, depth first.
fn collect_text(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                match v {
                    serde_json::Value::String(s) if k == "text" => out.push(s.clone()),
                    _ => collect_text(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| collect_text(i, out)),
        _ => {}
    }
}

/// `word/document.xml` of a DOCX, where `unzip` is installed (not under Wine).
fn document_xml(bytes: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("d.docx");
    std::fs::write(&path, bytes).expect("write");
    let out = Command::new("unzip")
        .args(["-p", path.to_str()?, "word/document.xml"])
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    String::from_utf8(out.stdout).ok()
}

#[test]
fn the_conclusion_docx_holds_the_same_form_and_libreoffice_opens_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (signed, provenance) = signed_result(dir.path());
    let cat = catalogue();
    let docx = conclusion::render(
        &signed.payload,
        &cat,
        Some(&provenance),
        DocumentFormat::Docx,
    )
    .expect("render");
    assert!(docx.starts_with(b"PK"), "a zip");
    let text = docx_text(&docx);
    for expected in conclusion::figure_lines(&signed.payload)
        .iter()
        .map(String::as_str)
        .chain([
            "ЕКСПЕРТНИЙ ВИСНОВОК",
            "Ознайомлений:",
            "Іваненко Іван Іванович",
            "31.03.2027",
        ])
    {
        let squeezed: String = expected.split(": ").collect::<Vec<_>>().join(": \n");
        assert!(
            text.contains(expected) || text.contains(&squeezed),
            "{expected:?} not in the DOCX:\n{text}"
        );
    }
    if let Some(xml) = document_xml(&docx) {
        assert!(xml.contains("<w:tblHeader />"), "header rows repeat");
        assert_eq!(
            xml.matches("<w:tblHeader />").count(),
            xml.matches("<w:cantSplit />").count(),
            "only header rows are marked"
        );
        let section = &xml[xml.rfind("<w:sectPr>").expect("sectPr")..];
        assert!(
            section.find("<w:footerReference").expect("a footer")
                < section.find("<w:pgSz").expect("a size"),
            "the references come first, as the schema orders them: {section}"
        );
    }
    let path = dir.path().join("висновок.docx");
    std::fs::write(&path, &docx).expect("write");
    let soffice = Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&path)
        .env("HOME", dir.path())
        .output();
    match soffice {
        Ok(out) if out.status.success() => {
            let pdf = dir.path().join("висновок.pdf");
            let Some(pages) = pages(&pdf) else { return };
            let all = pages.concat();
            for line in conclusion::figure_lines(&signed.payload) {
                assert!(
                    all.contains(&line),
                    "LibreOffice's PDF lacks {line:?}:\n{all}"
                );
            }
            assert!(all.contains("Ознайомлений:"), "{all}");
        }
        _ => {
            assert!(
                std::env::var_os("AKREDIT_REQUIRE_SOFFICE").is_none(),
                "LibreOffice (soffice) is required here"
            );
            eprintln!("LibreOffice not installed: the DOCX is not opened by it");
        }
    }
}

#[test]
fn conclusion_doc_on_the_command_line_writes_pdf_or_docx_by_extension() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, _) = signed_result(dir.path());
    let home = dir.path().join("home");
    let result = dir.path().join("a.result.json");
    let run = Run::of(
        &["conclusion-doc", result.to_str().unwrap(), "--out", "в.pdf"],
        dir.path(),
        &home,
    );
    assert_eq!(run.code(), Some(0), "{}", run.describe());
    assert!(
        std::fs::read(dir.path().join("в.pdf"))
            .expect("pdf")
            .starts_with(b"%PDF-")
    );
    let run = Run::of(
        &[
            "conclusion-doc",
            result.to_str().unwrap(),
            "--out",
            "в.DOCX",
        ],
        dir.path(),
        &home,
    );
    assert_eq!(run.code(), Some(0), "{}", run.describe());
    assert!(
        std::fs::read(dir.path().join("в.DOCX"))
            .expect("docx")
            .starts_with(b"PK")
    );
    // Not over an existing file; not in an unknown format; a draft says so.
    let run = Run::of(
        &["conclusion-doc", result.to_str().unwrap(), "--out", "в.pdf"],
        dir.path(),
        &home,
    );
    assert_eq!(run.code(), Some(1), "{}", run.describe());
    let run = Run::of(
        &["conclusion-doc", result.to_str().unwrap(), "--out", "в.odt"],
        dir.path(),
        &home,
    );
    assert_eq!(run.code(), Some(1), "{}", run.describe());
    assert!(run.stderr.contains(".pdf or .docx"), "{}", run.describe());
    assert!(!dir.path().join("в.odt").exists());
    let run = Run::of(
        &["conclusion-doc", "a.akredit", "--out", "draft.pdf"],
        dir.path(),
        &home,
    );
    assert_eq!(run.code(), Some(0), "{}", run.describe());
    assert!(run.stdout.contains("DRAFT"), "{}", run.describe());
    assert!(
        run.stdout.contains("graded 0 have no recommendation"),
        "{}",
        run.describe()
    );
    // A centre's own self-assessment file has no expert conclusion.
    let own = Run::of(
        &[
            "new",
            "own.akredit",
            "--model",
            "sanitary",
            "--centre",
            "Центр",
            "--self-assessment",
        ],
        dir.path(),
        &home,
    );
    assert_eq!(own.code(), Some(0), "{}", own.describe());
    let run = Run::of(
        &["conclusion-doc", "own.akredit", "--out", "own.pdf"],
        dir.path(),
        &home,
    );
    assert_eq!(run.code(), Some(1), "{}", run.describe());
    assert!(run.stderr.contains("self-assessment"), "{}", run.describe());
    assert!(!dir.path().join("own.pdf").exists());
}

#[test]
fn the_action_plan_reads_back_as_a_spreadsheet_would() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (signed, _) = signed_result(dir.path());
    let cat = catalogue();
    let bytes = conclusion::action_plan_csv(&signed.payload, &cat).expect("csv");
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("a BOM");
    assert!(body.windows(2).any(|w| w == b"\r\n"), "CR LF");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(body);
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(header, conclusion::ACTION_PLAN_HEADER);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let row = |c: &str| rows.iter().find(|r| &r[1] == c).expect(c).clone();
    let r113 = row("1.1.3");
    assert!(r113[4].starts_with("Підтвердити атестаційну"), "{r113:?}");
    assert_eq!(&r113[5], "31.03.2027");
    assert_eq!(&r113[6], "Головний лікар");
    let r121 = row("1.2.1");
    assert_eq!(&r121[4], "", "graded 0 and no recommendation yet");
    assert!(r121[3].contains("0 з"), "{r121:?}");
    for r in &rows {
        for cell in r.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "formula-safe: {cell:?}"
            );
        }
    }
}

#[test]
fn a_recommendation_goes_through_the_history_and_undo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut insp = inspection(dir.path());
    let c = code("1.2.1");
    insp.apply(&[Change::Recommendation {
        code: c.clone(),
        text: "Обладнати кабінет".into(),
    }])
    .expect("apply");
    let written = insp
        .apply(&[Change::Due {
            code: c.clone(),
            due: Some("2027-06-30".into()),
        }])
        .expect("apply");
    assert_eq!(
        insp.answers().get(&c).recommendation.due.as_deref(),
        Some("2027-06-30")
    );
    let history = insp.history(Some(&c)).expect("history");
    let fields: Vec<&str> = history.iter().map(|h| h.altered.field().as_str()).collect();
    assert!(
        fields.contains(&"recommendation") && fields.contains(&"due"),
        "{fields:?}"
    );
    // Undo the deadline: the text stays, the deadline goes, and the undo is itself a row.
    let undo: Vec<Change> = written.iter().map(|h| h.altered.undo()).collect();
    insp.apply(&undo).expect("undo");
    let r = &insp.answers().get(&c).recommendation;
    assert_eq!(r.due, None);
    assert_eq!(r.text, "Обладнати кабінет");
    assert_eq!(
        insp.history(Some(&c)).expect("history").len(),
        history.len() + 1
    );
    // A bad deadline is refused and changes nothing.
    let before = insp.answers().clone();
    insp.apply(&[Change::Due {
        code: c.clone(),
        due: Some("31.12.2027".into()),
    }])
    .expect_err("not a date");
    assert_eq!(insp.answers(), &before);
    // Reopened, it is all still there.
    drop(insp);
    let again = Inspection::open(
        &dir.path().join("a.akredit"),
        catalogue(),
        akredit::inspection::Access::ReadOnly,
    )
    .expect("open");
    assert_eq!(
        again.answers().get(&c).recommendation.text,
        "Обладнати кабінет"
    );
}

#[test]
fn verify_fails_when_a_recommendation_in_a_signed_result_is_altered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (signed, _) = signed_result(dir.path());
    let cat = catalogue();
    assert!(signed::verify(&signed.bytes, &cat, &[]).holds());
    let text = String::from_utf8(signed.bytes.clone()).expect("utf-8");
    for (from, to) in [
        ("Підтвердити атестаційну", "Не підтверджувати атестаційну"),
        ("2027-03-31", "2028-03-31"),
        ("Головний лікар", "Медична сестра"),
    ] {
        assert!(text.contains(from), "{from}");
        let altered = text.replacen(from, to, 1);
        let v = signed::verify(altered.as_bytes(), &cat, &[]);
        assert!(!v.holds(), "{from} → {to} still verifies");
        let failed: Vec<&str> = v.failed().map(|c| c.name).collect();
        assert!(!failed.is_empty(), "{failed:?}");
    }
}

#[test]
fn the_protocol_pdf_embeds_the_result_too_and_verifies() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (signed, provenance) = signed_result(dir.path());
    let cat = catalogue();
    let pdf = akredit::protocol::render(&signed.payload, &cat, Some(&provenance)).expect("render");
    let check = conclusion::check_pdf(&pdf, &cat, &[]).expect("check");
    assert!(!check.conclusion, "a protocol");
    assert!(check.holds(), "{:?}", check.figures);
    // Written beside the result by the export, with the conclusion and the plan.
    let beside =
        conclusion::write_beside(&dir.path().join("a.result.json"), &signed, &cat).expect("beside");
    for p in [&beside.pdf, &beside.docx, &beside.plan] {
        assert!(p.exists(), "{}", p.display());
    }
    // Never over anything: a second time is refused and changes nothing.
    let before = std::fs::read(&beside.pdf).expect("read");
    conclusion::write_beside(&dir.path().join("a.result.json"), &signed, &cat).expect_err("exists");
    assert_eq!(std::fs::read(&beside.pdf).expect("read"), before);
}

#[test]
fn a_damaged_conclusion_pdf_is_refused_or_checked_never_a_crash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (signed, provenance) = signed_result(dir.path());
    let cat = catalogue();
    let pdf = conclusion::render(
        &signed.payload,
        &cat,
        Some(&provenance),
        DocumentFormat::Pdf,
    )
    .expect("render");
    // A fixed sequence of mutants (overwritten bytes, cuts), each read as a stranger's file.
    let mut seed: u64 = 0x5eed_cafe;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut held = 0;
    for n in 0..150 {
        let mut bytes = pdf.clone();
        if n % 10 == 0 {
            bytes.truncate((next() as usize) % pdf.len());
        } else {
            for _ in 0..1 + n % 4 {
                let at = (next() as usize) % bytes.len();
                bytes[at] = next() as u8;
            }
        }
        if let Ok(check) = conclusion::check_pdf(&bytes, &cat, &[])
            && check.holds()
        {
            // Only when what it carries is the genuine result, untouched.
            assert_eq!(check.verification.sha256.as_ref(), Some(&signed.sha256));
            held += 1;
        }
    }
    assert!(held < 150, "some mutants must be caught");
}

#[test]
fn the_action_plans_header_is_repeated_on_every_page_it_runs_over() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut insp = inspection(dir.path());
    let cat = catalogue();
    // Sixty standards graded 0, each with a recommendation: the plan runs over pages.
    let zeros: Vec<Change> = cat
        .model_standards(ModelId::Full)
        .take(60)
        .flat_map(|s| {
            [
                Change::Grade {
                    code: s.code.clone(),
                    column: Column::Commission,
                    grade: Some(0),
                },
                Change::Recommendation {
                    code: s.code.clone(),
                    text: format!("Усунути недолік за стандартом {}", s.code),
                },
            ]
        })
        .collect();
    insp.apply(&zeros).expect("apply");
    let payload = akredit::protocol::of_inspection(&insp).expect("payload");
    let pdf = conclusion::render(&payload, &cat, None, DocumentFormat::Pdf).expect("render");
    let path = dir.path().join("long.pdf");
    std::fs::write(&path, &pdf).expect("write");
    let Some(pages) = pages(&path) else { return };
    let first = pages
        .iter()
        .position(|p| p.contains("Додаток 1 до експертного висновку"))
        .expect("annex 1");
    let last = pages
        .iter()
        .position(|p| p.contains("Додаток 2 до експертного висновку"))
        .expect("annex 2");
    assert!(
        last > first + 1,
        "the plan runs over pages: {first}..{last}"
    );
    for (n, page) in pages.iter().enumerate().take(last + 1).skip(first) {
        if n == last && !page.contains("Усунути недолік") {
            continue;
        }
        assert!(
            page.contains("Рекомендація (що усунути)") && page.contains("Відповідальний"),
            "page {} has plan rows without the header:\n{page}",
            n + 1
        );
    }
}
