//! The printable protocol: an A4 PDF of a result, with the Order's title, the centre's
//! application fields, per-group tables, totals, N/A standards, documents, the result's
//! hash and the signer's fingerprint, and lines for signatures.
//!
//! Text is real text in an embedded DejaVu Sans Condensed (Cyrillic), measured glyph by
//! glyph so that it wraps inside its cell instead of overflowing.

use crate::answers::Presented;
use crate::catalogue::{Catalogue, Code};
use crate::signed::{DocumentEntry, Payload};

pub(crate) mod chart;
mod layout;
mod official;

pub use layout::BODY_BOTTOM;
use layout::{Attachment, Layout, Measure, PdfOptions, Table, Weight, draw};
pub(crate) mod layout_api {
    //! What the other documents (the conclusion) lay out their pages with.
    pub(crate) use super::layout::{
        Attachment, CELL_PAD, Layout, MARGIN, Measure, PdfOptions, TEXT_W, Table, Weight, draw,
    };
}

/// The protocol could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ProtocolError {
    /// The embedded font could not be read (a build defect).
    #[error("the embedded font cannot be read")]
    Font,
    /// The PDF writer failed.
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
    /// The PDF file could not be written.
    #[error(transparent)]
    File(#[from] crate::support::files::FileError),
}

/// Who signed and what, when the protocol is made from a signed result.
#[derive(Debug, Clone)]
pub struct Provenance {
    /// SHA-256 of the result's canonical payload.
    pub result_sha256: String,
    /// The signer's key fingerprint.
    pub fingerprint: String,
    /// The signed result file, byte for byte: embedded in the PDF, so that the document
    /// carries what it was made from and `akredit verify` can check it.
    pub result_file: Vec<u8>,
}

impl Provenance {
    /// The provenance of a result just signed.
    pub fn of(signed: &crate::signed::SignedResult) -> Provenance {
        Provenance {
            result_sha256: signed.sha256.clone(),
            fingerprint: signed.fingerprint.clone(),
            result_file: signed.bytes.clone(),
        }
    }
}

fn grade_text(grade: Option<u8>, catalogue: &Catalogue, code: &Code) -> String {
    catalogue.grade_label(code, grade)
}

/// The standards where the centre's self-assessment and the commission's grade differ,
/// by group, with both grades.
fn divergences(l: &mut Layout<'_>, payload: &Payload, catalogue: &Catalogue) {
    l.ensure(40.0);
    l.paragraph(
        "Розбіжності між самооцінкою закладу та оцінкою комісії",
        11.0,
        Weight::Bold,
    );
    let model = payload
        .model
        .parse()
        .unwrap_or(crate::catalogue::ModelId::Full);
    let answers = payload.answers();
    let by_group: Vec<(Code, Vec<String>)> =
        crate::scoring::divergences(catalogue, model, &answers)
            .into_iter()
            .map(|(group, codes)| {
                let lines = codes
                    .iter()
                    .map(|code| {
                        let a = answers.get(code);
                        format!(
                            "{code}: самооцінка {}, комісія {}",
                            grade_text(a.self_grade, catalogue, code),
                            grade_text(a.commission, catalogue, code)
                        )
                    })
                    .collect();
                (group, lines)
            })
            .collect();
    if by_group.is_empty() {
        let any_self = payload.standards.iter().any(|e| e.self_grade.is_some());
        l.paragraph(
            if any_self {
                "Немає."
            } else {
                "Самооцінку закладу не внесено."
            },
            10.0,
            Weight::Regular,
        );
    }
    let total: usize = by_group.iter().map(|(_, lines)| lines.len()).sum();
    if total > 0 {
        l.paragraph(&format!("Усього: {total}."), 10.0, Weight::Regular);
    }
    for (group, lines) in by_group {
        l.paragraph(
            &format!("Група {group} ({}):", lines.len()),
            9.0,
            Weight::Bold,
        );
        for line in lines {
            l.paragraph(&line, 9.0, Weight::Regular);
        }
    }
}

/// Why there is nothing to make a protocol of.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The inspection file.
    #[error(transparent)]
    Store(#[from] crate::inspection::StoreError),
    /// The result file could not be read.
    #[error(transparent)]
    File(#[from] crate::support::files::FileError),
    /// The inspection's payload could not be built.
    #[error(transparent)]
    Export(#[from] crate::signed::ExportError),
    /// The result does not verify.
    #[error("{path}: the result does not verify, so no protocol is made of it:\n{}", .failed.join("\n"))]
    NotVerified {
        /// The result file.
        path: std::path::PathBuf,
        /// The checks that failed.
        failed: Vec<String>,
    },
}

/// What a protocol is made of: a signed result (which must verify; its hash and signer
/// go into the protocol) or an inspection file (which must be sound; the protocol is then
/// a draft unless nothing keeps it from being final). Which one `path` is, its first
/// bytes say.
pub fn load_source(
    path: &std::path::Path,
    catalogue: &std::sync::Arc<Catalogue>,
) -> Result<(Payload, Option<Provenance>), SourceError> {
    use crate::inspection::{Access, Inspection};
    if crate::inspection::is_sqlite_file(path)? {
        let insp = Inspection::open(path, catalogue.clone(), Access::ReadOnly)?;
        return Ok((of_inspection(&insp)?, None));
    }
    let bytes = crate::signed::read_result_file(path)?;
    let v = crate::signed::verify(&bytes, catalogue, &[]);
    let failed: Vec<String> = v.failed().map(ToString::to_string).collect();
    match v.into_verified() {
        Some((result, sha)) => {
            let provenance = Provenance {
                result_sha256: sha,
                fingerprint: result.signature.fingerprint().unwrap_or_default(),
                result_file: bytes,
            };
            Ok((result.payload, Some(provenance)))
        }
        None => Err(SourceError::NotVerified {
            path: path.to_path_buf(),
            failed,
        }),
    }
}

/// What the protocol of an open inspection prints (it must be sound): a draft unless
/// nothing keeps it from being final; a centre's own file prints as its self-assessment
/// (never "final", and no draft warning on its pages: it is not the commission's result).
pub fn of_inspection(insp: &crate::inspection::Inspection) -> Result<Payload, SourceError> {
    insp.ensure_sound()?;
    let own = insp.meta().purpose == crate::inspection::Purpose::SelfAssessment;
    let complete = own || crate::signed::what_final_lacks(insp).is_empty();
    let mut payload = crate::signed::payload(insp, "", complete, &crate::support::time::now_utc())?;
    if own {
        payload.kind = SELF_KIND.to_string();
    }
    Ok(payload)
}

/// Writes the protocol of a result just signed and written at `result_path` beside it
/// (`NAME.pdf`, never over anything); returns where.
pub fn write_beside(
    result_path: &std::path::Path,
    signed: &crate::signed::SignedResult,
    catalogue: &Catalogue,
) -> Result<std::path::PathBuf, ProtocolError> {
    let pdf_path = result_path.with_extension("pdf");
    let provenance = Provenance::of(signed);
    let pdf = render(&signed.payload, catalogue, Some(&provenance))?;
    crate::support::files::write_new(&pdf_path, &pdf)?;
    Ok(pdf_path)
}

/// A percent as the official documents print it: `88,0`, with the decimal comma (`—`
/// when there is none).
pub fn official_percent(percent: Option<crate::scoring::Percent>) -> String {
    official::percent(percent)
}

fn percent_text(percent: Option<crate::scoring::Percent>) -> String {
    official_percent(percent)
}

/// Whether the protocol shows self-assessment figures: a centre's own print always does;
/// the commission's only when the centre gave at least one self-assessment grade, since
/// "0 з 705 — 0,0 %" for a centre that gave none reads as a self-assessment of nothing.
fn shows_self(payload: &Payload) -> bool {
    is_self_assessment(payload) || payload.standards.iter().any(|e| e.self_grade.is_some())
}

/// Renders the protocol of a result.
pub fn render(
    payload: &Payload,
    catalogue: &Catalogue,
    provenance: Option<&Provenance>,
) -> Result<Vec<u8>, ProtocolError> {
    let measure = Measure::embedded()?;
    let mut l = Layout::new(measure);
    heading(&mut l, payload, catalogue);
    tables(&mut l, payload, catalogue);
    lists(&mut l, payload, catalogue);
    signatures(&mut l, payload, provenance);
    let options = PdfOptions {
        draft: !payload.is_final,
        footer_note: None,
        title: if is_self_assessment(payload) {
            "Самооцінка центру здоров'я"
        } else {
            "Протокол акредитаційної експертизи"
        },
        created: &payload.exported_at,
        attachment: provenance
            .filter(|p| !p.result_file.is_empty())
            .map(|p| Attachment {
                name: RESULT_ATTACHMENT,
                description: "Підписаний результат оцінки (akredit), з якого складено документ",
                bytes: &p.result_file,
            }),
    };
    draw(l.pages, &options)
}

/// The name of the signed result embedded in a document's PDF.
pub const RESULT_ATTACHMENT: &str = "result.akredit.json";

/// Whether the payload is a centre's own self-assessment (made from its file for the
/// centre to print), not the commission's result.
pub fn is_self_assessment(payload: &Payload) -> bool {
    payload.kind == SELF_KIND
}

/// The payload kind of a centre's self-assessment printed from its file.
const SELF_KIND: &str = "self";

/// The Order's title, the centre's application fields, the visit and the results.
fn heading(l: &mut Layout<'_>, payload: &Payload, catalogue: &Catalogue) {
    let own = is_self_assessment(payload);
    l.paragraph(
        if own {
            "САМООЦІНКА центру здоров'я за стандартами акредитації"
        } else {
            "ПРОТОКОЛ акредитаційної експертизи центру здоров'я"
        },
        15.0,
        Weight::Bold,
    );
    l.paragraph(
        "Стандарти акредитації центрів здоров'я України, затверджені наказом МОЗ України від 17.07.2000 № 169",
        10.0,
        Weight::Regular,
    );
    l.gap(6.0);
    for field in &catalogue.application_form {
        let value = payload.centre.get(&field.id).map_or("—", String::as_str);
        l.paragraph(&format!("{}: {value}", field.title), 10.0, Weight::Regular);
    }
    let model = payload
        .model
        .parse()
        .ok()
        .map(|m| catalogue.model(m).title.clone())
        .unwrap_or_else(|| payload.model.clone());
    l.paragraph(
        &format!("Модель діяльності: {model}"),
        10.0,
        Weight::Regular,
    );
    if !own {
        visit(l, payload);
    }
    l.gap(6.0);
    results(l, payload, own);
    l.gap(8.0);
    chart::summary(l, payload, catalogue, own);
    l.gap(8.0);
}

/// The visit's date, the expert and the signer, and whether their names differ.
fn visit(l: &mut Layout<'_>, payload: &Payload) {
    let or_dash = |s: &str| {
        if s.is_empty() {
            "—".to_string()
        } else {
            s.to_string()
        }
    };
    // A name ends with its initial's period ("Іваненко І. І."): each sentence is closed
    // with one period, never two.
    l.paragraph(
        &format!(
            "Дата візиту: {} Експерт: {} Підписав: {}",
            official::sentence(
                &payload
                    .visit_date
                    .as_deref()
                    .map_or("—".into(), official::date)
            ),
            official::sentence(&or_dash(&payload.expert)),
            official::sentence(&or_dash(&payload.signer))
        ),
        10.0,
        Weight::Regular,
    );
    if !payload.signer.is_empty()
        && !crate::signed::keys::names_agree(&payload.expert, &payload.signer)
    {
        l.paragraph(
            "Увага: ім'я експерта й ім'я, яким підписано результат, різняться.",
            10.0,
            Weight::Bold,
        );
    }
}

/// The commission's result and the self-assessment (a centre's own print: only its own),
/// and the draft's warning.
fn results(l: &mut Layout<'_>, payload: &Payload, own: bool) {
    let t = &payload.totals;
    if !own {
        for line in figure_lines(payload) {
            l.paragraph(&line, 12.0, Weight::Bold);
        }
    }
    let s = &t.self_assessment;
    let counts = format!(
        "Застосовних стандартів: {}, не застосовується: {}.",
        t.applicable, t.not_applicable
    );
    if shows_self(payload) {
        l.paragraph(
            &format!(
                "Самооцінка центру: {} з {} балів — {} % — {}. {counts}",
                s.points,
                t.max_points,
                percent_text(s.percent),
                s.category.title_uk(),
            ),
            if own { 12.0 } else { 10.0 },
            if own { Weight::Bold } else { Weight::Regular },
        );
    } else {
        l.paragraph(&counts, 10.0, Weight::Regular);
    }
    if own {
        l.paragraph(
            &format!(
                "Оцінено {} з {} застосовних стандартів. Це самооцінка закладу, а не результат акредитаційної експертизи.",
                s.scored, t.applicable
            ),
            10.0,
            Weight::Regular,
        );
    } else if !payload.is_final {
        l.paragraph(
            "ЧЕРНЕТКА: не всі стандарти оцінено; це не остаточний результат.",
            11.0,
            Weight::Bold,
        );
    }
}

/// The line that carries the commission's figures, exactly as the protocol prints it:
/// what `akredit verify` looks for in a protocol's PDF.
pub fn figure_lines(payload: &Payload) -> Vec<String> {
    let t = &payload.totals;
    let c = &t.commission;
    vec![format!(
        "Результат комісії: {} з {} балів — {} % — {}",
        c.points,
        t.max_points,
        percent_text(c.percent),
        c.category.title_uk()
    )]
}

/// The font size of the standards' tables.
const TABLE_SIZE: f32 = 8.0;
/// Stands for "не застосовується" in a compact table, where there is no room for it (the
/// note above the first such table says so).
const NA_MARK: &str = "н/з";

/// A group's standards in the protocol: those whose wording the catalogue has, each a row
/// with its words, and those whose wording is lost, compactly (see [`compact`]).
struct GroupRows<'p> {
    worded: Vec<(&'p crate::signed::StandardEntry, String)>,
    lost: Vec<&'p crate::signed::StandardEntry>,
}

/// The payload's standards of `group`, split by whether their wording is preserved.
fn group_rows<'p>(
    payload: &'p Payload,
    catalogue: &Catalogue,
    group: &crate::catalogue::Group,
) -> GroupRows<'p> {
    let mut rows = GroupRows {
        worded: Vec::new(),
        lost: Vec::new(),
    };
    for e in &payload.standards {
        let Ok(code) = e.code.parse::<Code>() else {
            continue;
        };
        if !(code.starts_with(&group.code) && code.group_prefix() == group.code.as_str()) {
            continue;
        }
        match catalogue.standard(&code).and_then(|s| s.title.clone()) {
            Some(title) => rows.worded.push((e, title)),
            None => rows.lost.push(e),
        }
    }
    rows
}

/// The group's heading: its code, title and figures (a centre's own print: its own).
fn group_heading(payload: &Payload, group: &crate::catalogue::Group) -> String {
    let figures = payload
        .totals
        .groups
        .iter()
        .find(|g| g.code == group.code)
        .map(|g| {
            let tally = if is_self_assessment(payload) {
                &g.self_assessment
            } else {
                &g.commission
            };
            format!(
                " — {} з {} балів, {} %",
                tally.points,
                g.max_points,
                percent_text(tally.percent)
            )
        })
        .unwrap_or_default();
    format!("{} {}{figures}", group.code, group.title)
}

/// A table of the standards of each group, with the group's figures above it; the
/// self-assessment's column only where the protocol shows self-assessment figures.
fn tables(l: &mut Layout<'_>, payload: &Payload, catalogue: &Catalogue) {
    let with_self = shows_self(payload);
    let header = standard_columns(l, payload, with_self);
    let authors = names_authors(payload);
    let groups: Vec<(&crate::catalogue::Group, GroupRows<'_>)> = catalogue
        .groups
        .iter()
        .map(|g| (g, group_rows(payload, catalogue, g)))
        .filter(|(_, r)| !(r.worded.is_empty() && r.lost.is_empty()))
        .collect();
    let lost: Vec<&str> = groups
        .iter()
        .filter(|(_, r)| !r.lost.is_empty())
        .map(|(g, _)| g.code.as_str())
        .collect();
    // One note for all the standards whose wording is lost, above the first of them.
    let mut lost_note = (!lost.is_empty()).then(|| {
        format!(
            "Текст стандартів груп {} у наявній копії Наказу не зберігся, тому для них \
             наведено лише коди та оцінки ({NA_MARK} — не застосовується); примітки й \
             причини незастосування — під таблицею групи.",
            lost.join(", ")
        )
    });
    for (group, rows) in &groups {
        let heading = group_heading(payload, group);
        let mut heading = Some(heading.as_str());
        if !rows.worded.is_empty() {
            let rows = rows
                .worded
                .iter()
                .map(|(e, title)| standard_row(e, title, catalogue, with_self, authors))
                .collect();
            let head: Vec<_> = heading
                .take()
                .map(|h| (h, 11.0, Weight::Bold))
                .into_iter()
                .collect();
            l.table(
                &head,
                &Table {
                    header: header.clone(),
                    rows,
                    size: TABLE_SIZE,
                },
            );
        }
        if !rows.lost.is_empty() {
            let note = lost_note.take();
            let mut head = Vec::new();
            if let Some(note) = &note {
                head.push((note.as_str(), 9.0, Weight::Regular));
            }
            if let Some(h) = heading {
                head.push((h, 11.0, Weight::Bold));
            }
            compact(l, &head, &rows.lost, catalogue, with_self);
        }
        l.gap(8.0);
    }
}

/// The columns of a standards' table, each at least as wide as its header's longest word
/// (so that a header wraps only between words) and the code's column as wide as the
/// longest code; the standard's words and the note share what is left.
fn standard_columns(
    l: &Layout<'_>,
    payload: &Payload,
    with_self: bool,
) -> Vec<(&'static str, f32)> {
    let code_w = code_width(l, payload.standards.iter().map(|e| e.code.as_str()));
    let mut columns = vec![("Код", code_w, 0.0), ("Стандарт", 0.0, 2.4)];
    if with_self {
        columns.push(("Самооцінка", 0.0, 0.0));
    }
    columns.extend([
        ("Оцінка комісії", 0.0, 0.0),
        ("Не застосовується", 80.0, 0.0),
    ]);
    if names_authors(payload) {
        columns.push(("Оцінив", 0.0, 0.7));
    }
    columns.push(("Примітка", 0.0, 1.0));
    let widths = l.columns(&columns, TABLE_SIZE);
    columns.iter().map(|c| c.0).zip(widths).collect()
}

/// The width a code column needs for the longest of `codes`.
fn code_width<'c>(l: &Layout<'_>, codes: impl Iterator<Item = &'c str>) -> f32 {
    codes
        .map(|c| l.text_width(c, TABLE_SIZE, Weight::Regular))
        .fold(0.0, f32::max)
        + 2.0 * layout::CELL_PAD
        + 1.0
}

/// Whether the result names the author of any standard's grade (a member of the expert
/// group other than the inspection's expert): then the standards' tables have a column
/// «Оцінив», filled where a member other than the inspection's expert graded.
fn names_authors(payload: &Payload) -> bool {
    payload.standards.iter().any(|e| e.author.is_some())
}

/// A full name as `Прізвище І. Б.`, short enough for a narrow column.
fn surname_initials(name: &str) -> String {
    let mut words = name.split_whitespace();
    let Some(surname) = words.next() else {
        return String::new();
    };
    let initials: Vec<String> = words
        .filter_map(|w| w.chars().next())
        .map(|c| format!("{c}."))
        .collect();
    if initials.is_empty() {
        surname.to_string()
    } else {
        format!("{surname} {}", initials.join(" "))
    }
}

/// One standard's row: code, words, grades, the N/A reason, who graded it (when
/// `authors`: the member the result names, as `Прізвище І. Б.`; empty for the
/// inspection's own expert, so that rows stay one line), the note.
fn standard_row(
    e: &crate::signed::StandardEntry,
    title: &str,
    catalogue: &Catalogue,
    with_self: bool,
    authors: bool,
) -> Vec<String> {
    let (own, commission) = grades(e, catalogue);
    let na = e
        .na_reason
        .as_deref()
        .map(|r| official::reason(catalogue, r).to_string())
        .unwrap_or_default();
    let mut row = vec![e.code.clone(), title.to_string()];
    if with_self {
        row.push(own);
    }
    row.extend([commission, na]);
    if authors {
        row.push(
            e.author
                .as_deref()
                .map(surname_initials)
                .unwrap_or_default(),
        );
    }
    row.push(e.note.clone());
    row
}

/// A standard's self-assessment and commission grades as printed.
fn grades(e: &crate::signed::StandardEntry, catalogue: &Catalogue) -> (String, String) {
    match e.code.parse::<Code>() {
        Ok(c) => (
            grade_text(e.self_grade, catalogue, &c),
            grade_text(e.commission, catalogue, &c),
        ),
        Err(_) => ("—".into(), "—".into()),
    }
}

/// The standards whose wording is lost, as a narrow grid of code and grade(s), several
/// standards a line, instead of a tall row each that says only that the words are lost;
/// below it, each one's N/A reason and note, which the grid has no room for.
fn compact(
    l: &mut Layout<'_>,
    heading: &[(&str, f32, Weight)],
    lost: &[&crate::signed::StandardEntry],
    catalogue: &Catalogue,
    with_self: bool,
) {
    let code_w = code_width(l, lost.iter().map(|e| e.code.as_str()));
    let mut set = vec![("Код", code_w, 0.0)];
    if with_self {
        set.push(("Самооцінка", 0.0, 0.0));
    }
    set.push(("Оцінка комісії", 0.0, 0.0));
    let widths = l.columns(&set, TABLE_SIZE);
    let per: f32 = widths.iter().sum();
    let sets = ((layout::TEXT_W / per).floor() as usize).max(1);
    // The sets widened evenly to the page's width, so that the grid lines up with the
    // other tables.
    let stretch = layout::TEXT_W / (per * sets as f32);
    let header: Vec<(&str, f32)> = (0..sets)
        .flat_map(|_| {
            set.iter()
                .map(|c| c.0)
                .zip(widths.iter().map(|w| w * stretch))
        })
        .collect();
    let rows = lost
        .chunks(sets)
        .map(|chunk| {
            let mut row = Vec::with_capacity(header.len());
            for e in chunk {
                let (own, commission) = grades(e, catalogue);
                row.push(e.code.clone());
                if with_self {
                    row.push(own);
                }
                row.push(if e.na { NA_MARK.into() } else { commission });
            }
            row.resize(header.len(), String::new());
            row
        })
        .collect();
    l.table(
        heading,
        &Table {
            header,
            rows,
            size: TABLE_SIZE,
        },
    );
    for e in lost {
        if let Some(reason) = e.na_reason.as_deref().filter(|_| e.na) {
            let reason = official::reason(catalogue, reason);
            l.paragraph(
                &format!("{} — не застосовується: {reason}", e.code),
                9.0,
                Weight::Regular,
            );
        }
        if !e.note.is_empty() {
            l.paragraph(
                &format!("{} — примітка: {}", e.code, e.note),
                9.0,
                Weight::Regular,
            );
        }
    }
}

/// The standards that do not apply, the divergences, and the documents to the application.
fn lists(l: &mut Layout<'_>, payload: &Payload, catalogue: &Catalogue) {
    l.ensure(40.0);
    l.paragraph("Стандарти, що не застосовуються", 11.0, Weight::Bold);
    let na: Vec<_> = payload.standards.iter().filter(|e| e.na).collect();
    if na.is_empty() {
        l.paragraph("Немає.", 10.0, Weight::Regular);
    }
    for e in na {
        l.paragraph(
            &format!(
                "{} — {}",
                e.code,
                official::reason(catalogue, e.na_reason.as_deref().unwrap_or(""))
            ),
            9.0,
            Weight::Regular,
        );
    }
    l.gap(6.0);
    divergences(l, payload, catalogue);
    l.gap(6.0);
    l.ensure(40.0);
    l.paragraph("Обов'язкові документи до заяви", 11.0, Weight::Bold);
    for d in &catalogue.documents {
        let check = payload.documents.iter().find(|x| x.number == d.number);
        let state = match check.and_then(DocumentEntry::check) {
            Some(Presented::Yes) => "подано",
            Some(Presented::No) => "НЕ подано",
            Some(Presented::NotApplicable) => "не застосовується (діяльність не проводиться)",
            None => "не перевірено",
        };
        let note = check
            .map(|c| c.note.as_str())
            .filter(|n| !n.is_empty())
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        l.paragraph(
            &format!("{}. {} — {state}{note}", d.number, d.title),
            9.0,
            Weight::Regular,
        );
    }
    l.gap(8.0);
    evidence(l, payload);
}

/// The evidence, standard by standard (then the documents): each file with the first 16
/// characters of its SHA-256, which the signed result gives whole. Only when there is
/// evidence: a protocol without it is as before.
fn evidence(l: &mut Layout<'_>, payload: &Payload) {
    if payload.evidence.is_empty() {
        return;
    }
    l.ensure(40.0);
    l.paragraph("Докази (вкладення)", 11.0, Weight::Bold);
    for line in evidence_lines(payload) {
        l.paragraph(&line, 9.0, Weight::Regular);
    }
    l.gap(8.0);
}

/// The evidence as the protocol and the conclusion list it, a line per attachment,
/// ordered by standard (in the catalogue's order of codes), then by document.
pub fn evidence_lines(payload: &Payload) -> Vec<String> {
    let mut entries: Vec<&crate::signed::EvidenceEntry> = payload.evidence.iter().collect();
    let order = |e: &crate::signed::EvidenceEntry| match crate::answers::Target::parse(&e.target) {
        Some(crate::answers::Target::Standard(code)) => (0, Some(code), 0, e.number),
        Some(crate::answers::Target::Document(n)) => (1, None, n, e.number),
        None => (2, None, 0, e.number),
    };
    entries.sort_by_key(|e| order(e));
    entries
        .into_iter()
        .map(|e| {
            let target = match e.target.strip_prefix("doc:") {
                Some(n) => format!("документ {n}"),
                None => e.target.clone(),
            };
            let mut line = format!(
                "{target} — {} ({}, {} Б), SHA-256 {}…",
                e.name,
                e.media_type,
                e.size,
                e.sha256.get(..16).unwrap_or(&e.sha256)
            );
            if let Some(o) = &e.original {
                line.push_str(&format!(
                    ", зменшено з {}×{} ({} Б); оригінал SHA-256 {}…",
                    o.width,
                    o.height,
                    o.size,
                    o.sha256.get(..16).unwrap_or(&o.sha256)
                ));
            }
            if let Some(t) = &e.taken_at {
                line.push_str(&format!(", знято {t}"));
            }
            if !e.caption.is_empty() {
                line.push_str(&format!(" — «{}»", e.caption));
            }
            line
        })
        .collect()
}

/// The result's hash and signer (or that there is none), the date, and signature lines.
fn signatures(l: &mut Layout<'_>, payload: &Payload, provenance: Option<&Provenance>) {
    l.ensure(120.0);
    match provenance {
        Some(p) => {
            l.paragraph(
                &format!("SHA-256 результату: {}", p.result_sha256),
                9.0,
                Weight::Regular,
            );
            l.paragraph(
                &format!("Відбиток ключа підписувача: {}", p.fingerprint),
                9.0,
                Weight::Regular,
            );
        }
        None if is_self_assessment(payload) => l.paragraph(
            "Складено з файлу самооцінки закладу; електронного підпису немає.",
            9.0,
            Weight::Regular,
        ),
        None => l.paragraph(
            "Протокол складено з файлу перевірки; електронного підпису немає.",
            9.0,
            Weight::Regular,
        ),
    }
    l.paragraph(
        &format!("Складено: {}", official::time(&payload.exported_at)),
        9.0,
        Weight::Regular,
    );
    l.gap(18.0);
    let signers: &[&str] = if is_self_assessment(payload) {
        &["Керівник центру здоров'я"]
    } else if !payload.team.is_empty() {
        team_signatures(l, payload);
        &["Голова акредитаційної комісії"]
    } else {
        &["Експерт", "Голова акредитаційної комісії"]
    };
    for who in signers {
        signature_line(l, who);
        l.gap(10.0);
    }
}

/// The members of the expert group, head first, each under a signature line: their
/// role, and under it their name, position and key fingerprint.
fn team_signatures(l: &mut Layout<'_>, payload: &Payload) {
    for member in &payload.team {
        signature_line(l, member_role(&member.role));
        l.paragraph(&member_line(member), 9.0, Weight::Regular);
        l.gap(10.0);
    }
}

/// A member's role as the documents word it.
pub fn member_role(role: &str) -> &'static str {
    if role == "head" {
        "Керівник експертної групи"
    } else {
        "Експерт"
    }
}

/// A member's name, position and key fingerprint, as printed under their signature.
pub fn member_line(member: &crate::signed::TeamEntry) -> String {
    let mut line = member.name.clone();
    if !member.position.trim().is_empty() {
        line.push_str(&format!(", {}", member.position.trim()));
    }
    match member.fingerprint() {
        Some(fp) => line.push_str(&format!(" · ключ {fp}")),
        None => line.push_str(" · ключ не записано"),
    }
    line
}

/// One signature line: who signs, a blank for the signature and one for the name, each
/// captioned under its middle, and the date. The captions are placed by measure: spaces
/// in a paragraph would be folded into one and put both captions at the left.
fn signature_line(l: &mut Layout<'_>, who: &str) {
    const BLANK: &str = "______________________";
    const SIZE: f32 = 10.0;
    const CAPTION: f32 = 7.0;
    l.ensure(SIZE * 1.35 + CAPTION + 4.0);
    let lead = format!("{who}: ");
    l.paragraph(
        &format!("{lead}{BLANK}  {BLANK}  «___» __________ 20___ р."),
        SIZE,
        Weight::Regular,
    );
    let blank = l.text_width(BLANK, SIZE, Weight::Regular);
    let sign_x = layout::MARGIN + l.text_width(&lead, SIZE, Weight::Regular);
    let name_x = sign_x + l.text_width(&format!("{BLANK}  "), SIZE, Weight::Regular);
    let y = l.y() + CAPTION;
    for (x, caption) in [(sign_x, "(підпис)"), (name_x, "(П.І.Б.)")] {
        let w = l.text_width(caption, CAPTION, Weight::Regular);
        l.text_at(x + (blank - w) / 2.0, y, CAPTION, Weight::Regular, caption);
    }
    l.gap(CAPTION + 3.0);
}
