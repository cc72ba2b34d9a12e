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
            result_file: signed.bytes.clone(),
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

/// What a realistic signed result is made of: every standard graded (the commission's
/// grades varied; the centre's own only when `self_grades`), the no-self-financed preset
/// applied, the expert and the key named "Іваненко І. І.", a note of `note_words` words
/// on 1.1.3.
struct Realistic {
    self_grades: bool,
    note_words: usize,
}

/// The signed result's protocol, written to `dir`, with its pages' text.
fn realistic_pdf(dir: &Path, spec: &Realistic) -> (std::path::PathBuf, Option<Vec<String>>) {
    let cat = catalogue();
    let name = "Іваненко І. І.";
    let id = Identity::create(&Home::at(dir), name).expect("key");
    let mut insp = Inspection::create(
        &dir.join("r.akredit"),
        cat.clone(),
        &NewInspection {
            model: ModelId::Full,
            centre_name: "Центр здоров'я м. Полтава".into(),
            expert: name.into(),
            visit_date: Some("2026-11-23".into()),
            purpose: Default::default(),
        },
    )
    .expect("create");
    let mut changes = Vec::new();
    for (i, s) in cat.model_standards(ModelId::Full).enumerate() {
        let grades = s.scale.grades();
        let pick = |k: usize| grades[(i * 7 + k) % grades.len()];
        changes.push(Change::Grade {
            code: s.code.clone(),
            column: Column::Commission,
            grade: Some(pick(0)),
        });
        if spec.self_grades {
            changes.push(Change::Grade {
                code: s.code.clone(),
                column: Column::SelfAssessment,
                grade: Some(pick(1)),
            });
        }
    }
    changes.push(Change::Note {
        code: "1.1.3".parse().expect("code"),
        text: (0..spec.note_words)
            .map(|i| format!("слово{i}"))
            .collect::<Vec<_>>()
            .join(" "),
    });
    changes.extend(common::fact_changes());
    insp.apply(&changes).expect("grades");
    let preset = cat
        .presets
        .iter()
        .find(|p| p.id == "no-self-financed")
        .expect("preset");
    let plan = akredit::answers::preset_plan(&cat, ModelId::Full, preset, true);
    insp.apply(&plan.changes).expect("preset");
    let out = dir.join("r.result.json");
    let signed = signed::export(&mut insp, &id, false, &out).expect("export");
    let pdf = protocol::render(
        &signed.payload,
        &cat,
        Some(&Provenance {
            result_sha256: signed.sha256.clone(),
            fingerprint: signed.fingerprint.clone(),
            result_file: signed.bytes.clone(),
        }),
    )
    .expect("render");
    let path = dir.join("r.pdf");
    std::fs::write(&path, &pdf).expect("write");
    let pages = pages_text(&path);
    (path, pages)
}

/// Whether `text` has a number with a decimal point before a percent sign ("88.0 %").
fn has_point_percent(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(5).find_map(|w| {
        (w[0].is_ascii_digit()
            && w[1] == '.'
            && w[2].is_ascii_digit()
            && w[3] == ' '
            && w[4] == '%')
            .then(|| w.iter().collect())
    })
}

/// A `dd.mm.yyyy` date at the start of `text`.
fn starts_with_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 10
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 2 || i == 5 {
                *c == b'.'
            } else {
                c.is_ascii_digit()
            }
        })
}

#[test]
fn numbers_dates_names_and_reasons_are_written_as_an_official_paper_writes_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, pages) = realistic_pdf(
        dir.path(),
        &Realistic {
            self_grades: true,
            note_words: 3,
        },
    );
    let Some(pages) = pages else {
        return;
    };
    let all = pages.join("\n");
    assert_eq!(
        has_point_percent(&all),
        None,
        "a decimal point in a percent"
    );
    assert!(all.contains(",") && all.contains(" %"));
    let comma_percents = all
        .split(" %")
        .filter(|before| {
            let tail: Vec<char> = before.chars().rev().take(3).collect();
            tail.len() == 3
                && tail[0].is_ascii_digit()
                && tail[1] == ','
                && tail[2].is_ascii_digit()
        })
        .count();
    assert!(
        comma_percents > 20,
        "percents with a decimal comma: {comma_percents}"
    );
    assert!(all.contains("Дата візиту: 23.11.2026."), "{}", pages[0]);
    assert!(!all.contains("2026-11-23"), "an ISO date is printed");
    let made = all
        .split("Складено: ")
        .nth(1)
        .expect("the time the protocol was made");
    assert!(
        starts_with_date(made),
        "Складено: {}",
        &made[..made.len().min(30)]
    );
    assert!(
        made[10..].starts_with(", ") && made[17..].starts_with(" (UTC)"),
        "{made:.40}"
    );
    assert!(
        all.contains("Експерт: Іваненко І. І. Підписав: Іваненко І. І."),
        "{}",
        pages[0]
    );
    assert!(!all.contains(".."), "a doubled period");
    assert!(!all.contains('['), "an internal id in brackets");
    assert!(all.contains("Центр здоров'я не проводить діяльність на госпрозрахункових засадах"));
}

#[test]
fn page_one_has_the_summary_by_group_and_the_chart_with_the_thresholds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, pages) = realistic_pdf(
        dir.path(),
        &Realistic {
            self_grades: false,
            note_words: 3,
        },
    );
    let Some(pages) = pages else {
        return;
    };
    let first = &pages[0];
    let cat = catalogue();
    assert!(
        first.contains("Результати за групами стандартів"),
        "{first}"
    );
    for header in ["Група", "Назва групи", "Застосовних", "Бали /", "Відсоток"]
    {
        assert!(first.contains(header), "summary header {header:?}: {first}");
    }
    for group in &cat.groups {
        let line = first
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{} ", group.code)))
            .unwrap_or_else(|| panic!("no summary row of {}: {first}", group.code));
        assert!(line.contains('/') && line.contains(" %"), "{line}");
    }
    assert!(first.contains("Усього"), "{first}");
    assert!(first.contains("Відсоток балів за групами"), "{first}");
    assert!(!cat.categories.is_empty());
    for rule in &cat.categories {
        let label = format!("{} %", rule.min_percent);
        assert!(
            first.contains(&label),
            "threshold {label} on page 1: {first}"
        );
        assert!(
            first.contains(&format!("{label} — {}", rule.title)),
            "the legend names {label}"
        );
    }
    // The bars are drawn: page 1 has the bars' colour, and no other page has it.
    let bar_pixels = |page: usize| coloured_pixels(&path, page, (86, 140, 160));
    let Some(on_first) = bar_pixels(1) else {
        return;
    };
    assert!(on_first > 500, "bar pixels on page 1: {on_first}");
    assert_eq!(bar_pixels(2), Some(0), "bars off page 1");
}

/// How many pixels of page `page` of `pdf`, rendered at 40 dpi, are close to `rgb`; None
/// when pdftoppm is not installed.
fn coloured_pixels(pdf: &Path, page: usize, rgb: (u8, u8, u8)) -> Option<usize> {
    let out = Command::new("pdftoppm")
        .args(["-r", "40", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .output()
        .ok()?;
    let ppm = out.stdout;
    // P6, width, height, 255, one whitespace, then the pixels.
    let mut fields = 0;
    let mut at = 0;
    while fields < 4 {
        while ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        while !ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields += 1;
    }
    let pixels = &ppm[at + 1..];
    let near = |a: u8, b: u8| a.abs_diff(b) <= 12;
    Some(
        pixels
            .chunks_exact(3)
            .filter(|p| near(p[0], rgb.0) && near(p[1], rgb.1) && near(p[2], rgb.2))
            .count(),
    )
}

#[test]
fn without_self_grades_there_is_no_self_assessment_line_or_column() {
    for self_grades in [false, true] {
        let dir = tempfile::tempdir().expect("tempdir");
        let (_, pages) = realistic_pdf(
            dir.path(),
            &Realistic {
                self_grades,
                note_words: 3,
            },
        );
        let Some(pages) = pages else {
            return;
        };
        let all = pages.join("\n");
        assert_eq!(
            all.contains("Самооцінка центру:"),
            self_grades,
            "the self-assessment's line"
        );
        assert_eq!(
            all.contains("Самооцінка"),
            self_grades,
            "the self-assessment's column"
        );
        let words = all.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words.contains("Застосовних стандартів: "),
            "the counts stay, with or without the self-assessment"
        );
    }
}

/// Words of the tables' headers, which must never be cut (those whose first five letters
/// begin no other word of the protocol, so that a word read back which is the start of one
/// is a cut header word).
const HEADER_WORDS: [&str; 8] = [
    "Самооцінка",
    "комісії",
    "застосовується",
    "Примітка",
    "Стандарт",
    "Застосовних",
    "максимум",
    "Відсоток",
];

#[test]
fn headers_wrap_between_words_and_repeat_on_every_page_a_table_goes_on_to() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, pages) = realistic_pdf(
        dir.path(),
        &Realistic {
            self_grades: true,
            note_words: 3,
        },
    );
    let Some(pages) = pages else {
        return;
    };
    let Some(words) = pages_words(&path) else {
        return;
    };
    for (i, page) in words.iter().enumerate() {
        for w in page {
            for h in HEADER_WORDS {
                let cut = w.text != h && h.starts_with(&w.text) && w.text.chars().count() >= 5;
                assert!(!cut, "page {}: {:?} is {h:?} cut", i + 1, w.text);
            }
        }
    }
    assert!(pages.join("\n").contains("Самооцінка"));
    let mut continued = 0;
    for (i, page) in pages.iter().enumerate().skip(1) {
        let first = page.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let first = first.trim_start();
        assert!(
            !is_code_row(first) || is_group_heading(first),
            "page {} begins with a row, not the table's header: {first}",
            i + 1
        );
        if first.starts_with("Код") {
            continued += 1;
        }
    }
    assert!(
        continued >= 3,
        "pages that go on with a header row: {continued}"
    );
}

/// Whether a line is (the start of) a group's heading: its code, then its title.
fn is_group_heading(line: &str) -> bool {
    catalogue().groups.iter().any(|g| {
        let first_word = g.title.split_whitespace().next().unwrap_or("");
        line.starts_with(&format!("{} {first_word}", g.code))
    })
}

/// Whether a line of the tables begins with a standard's code (`1.1.4.2 …`).
fn is_code_row(line: &str) -> bool {
    let code = line.split_whitespace().next().unwrap_or("");
    let parts: Vec<&str> = code.split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// A heading and a header row go to the next page with at least the first rows: whatever
/// the length of the note that moves everything below it, no page ends with a group's
/// heading or a header row.
#[test]
fn no_page_ends_with_a_heading_or_a_header_row() {
    for note_words in (0..120).step_by(10) {
        let dir = tempfile::tempdir().expect("tempdir");
        let (_, pages) = realistic_pdf(
            dir.path(),
            &Realistic {
                self_grades: note_words % 20 == 0,
                note_words,
            },
        );
        let Some(pages) = pages else {
            return;
        };
        for (i, page) in pages.iter().enumerate() {
            let body: Vec<&str> = page
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.contains("Сторінка"))
                .collect();
            for line in body.iter().rev().take(3) {
                let line = line.trim_start();
                assert!(
                    !line.starts_with("Код") && !line.contains(" балів, "),
                    "note of {note_words} words: page {} ends with a heading or header: {line}",
                    i + 1
                );
            }
        }
    }
}

#[test]
fn standards_whose_wording_is_lost_are_listed_compactly_under_one_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, pages) = realistic_pdf(
        dir.path(),
        &Realistic {
            self_grades: false,
            note_words: 3,
        },
    );
    let Some(pages) = pages else {
        return;
    };
    let all = pages.join("\n");
    assert!(
        !all.contains("(текст не зберігся"),
        "a tall row per lost wording"
    );
    assert_eq!(
        all.matches("не зберігся").count(),
        1,
        "one note for them all"
    );
    // Several standards of 1.8 (whose words are lost) on one line, each with its grade.
    let line = all
        .lines()
        .find(|l| l.contains("1.8.1 ") && l.contains("1.8.2 ") && l.contains("1.8.3 "))
        .unwrap_or_else(|| panic!("no line with 1.8.1–1.8.3:\n{all}"));
    assert!(line.split_whitespace().count() >= 6, "{line}");
    // The whole full-model protocol: 11 pages when each lost wording took a row.
    assert!(pages.len() <= 9, "{} pages", pages.len());
}
