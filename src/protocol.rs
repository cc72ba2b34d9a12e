//! The printable protocol: an A4 PDF of a result, with the Order's title, the centre's
//! application fields, per-group tables, totals, N/A standards, documents, the result's
//! hash and the signer's fingerprint, and lines for signatures.
//!
//! Text is real text in an embedded DejaVu Sans Condensed (Cyrillic), measured glyph by
//! glyph so that it wraps inside its cell instead of overflowing.

use std::sync::Arc;

use krilla::Document;
use krilla::geom::{PathBuilder, Point};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

use crate::catalogue::{Catalogue, Code};
use crate::signed::Payload;

const REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSansCondensed.ttf");
const BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSansCondensed-Bold.ttf");

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 40.0;
const FOOTER: f32 = 28.0;

/// The lowest point, in points from the top of the page, that the body of the protocol
/// (text and table lines) may reach; below it are only the footer's page number and draft
/// mark, then the bottom margin.
pub const BODY_BOTTOM: f32 = PAGE_H - MARGIN - FOOTER;

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
}

#[derive(Clone, Copy, PartialEq)]
enum Weight {
    Regular,
    Bold,
}

enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        weight: Weight,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
}

struct Measure<'a> {
    regular: skrifa::FontRef<'a>,
    bold: skrifa::FontRef<'a>,
}

impl Measure<'_> {
    fn width(&self, text: &str, size: f32, weight: Weight) -> f32 {
        let font = match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
        text.chars()
            .map(|c| {
                let glyph = charmap.map(c).unwrap_or_default();
                metrics.advance_width(glyph).unwrap_or(size * 0.6)
            })
            .sum()
    }

    /// Breaks `text` into lines no wider than `width`; a word longer than a line is cut.
    fn wrap(&self, text: &str, size: f32, weight: Weight, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, size, weight) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // A single word wider than the cell: cut it.
                let mut piece = String::new();
                for c in word.chars() {
                    piece.push(c);
                    if self.width(&piece, size, weight) > width {
                        piece.pop();
                        lines.push(std::mem::take(&mut piece));
                        piece.push(c);
                    }
                }
                line = piece;
            }
            lines.push(line);
        }
        lines
    }
}

/// The space between a cell's border and its text.
const CELL_PAD: f32 = 2.5;
/// A table line's height, as a multiple of the font size.
const CELL_LEADING: f32 = 1.25;
/// The fewest lines of a row taller than a page that are worth starting at the foot of a
/// page; with less room there, the row starts on the next page instead, so that a page
/// does not end on a sliver of a cell.
const MIN_SPLIT_LINES: usize = 3;
/// Said in the code cell of a row that goes on from the previous page.
const CONTINUED: &str = "(продовж.)";

/// A table's header row, already wrapped, drawn again at the top of each page the table
/// goes on to.
struct Header {
    widths: Vec<f32>,
    lines: Vec<Vec<String>>,
    size: f32,
    weight: Weight,
}

impl Header {
    fn height(&self) -> f32 {
        let lines = self.lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
        lines as f32 * self.size * CELL_LEADING + 2.0 * CELL_PAD
    }
}

struct Layout<'a> {
    measure: Measure<'a>,
    pages: Vec<Vec<Op>>,
    y: f32,
    /// The header of the table being laid out, if any.
    header: Option<Header>,
}

impl<'a> Layout<'a> {
    fn new(measure: Measure<'a>) -> Self {
        Layout {
            measure,
            pages: vec![Vec::new()],
            y: MARGIN,
            header: None,
        }
    }

    fn page(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Starts a page; inside a table, its header row comes first.
    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
        if let Some(header) = self.header.take() {
            self.cells(&header.widths, &header.lines, header.size, header.weight);
            self.header = Some(header);
        }
    }

    fn ensure(&mut self, height: f32) {
        if self.y + height > BODY_BOTTOM {
            self.new_page();
        }
    }

    fn paragraph(&mut self, text: &str, size: f32, weight: Weight) {
        let lines = self.measure.wrap(text, size, weight, PAGE_W - 2.0 * MARGIN);
        for line in lines {
            self.ensure(size * 1.35);
            let y = self.y + size;
            self.page().push(Op::Text {
                x: MARGIN,
                y,
                size,
                weight,
                text: line,
            });
            self.y += size * 1.35;
        }
    }

    fn gap(&mut self, h: f32) {
        self.y += h;
    }

    /// How many table lines of `size` fit in one cell from `y` down to the body's bottom.
    fn room(y: f32, size: f32) -> usize {
        // A hair of slack so that a row which fits exactly is not refused by rounding.
        let free = BODY_BOTTOM - y - 2.0 * CELL_PAD + 0.01;
        (free / (size * CELL_LEADING)).floor().max(0.0) as usize
    }

    /// Starts a table: draws its header row and keeps it to repeat on the pages the table
    /// goes on to.
    fn table(&mut self, cells: &[(&str, f32)], size: f32, weight: Weight) {
        self.header = None;
        self.row(cells, size, weight);
        self.header = Some(Header {
            widths: cells.iter().map(|(_, w)| *w).collect(),
            lines: self.wrap_cells(cells, size, weight),
            size,
            weight,
        });
    }

    /// Ends the table: pages from here on have no header row.
    fn end_table(&mut self) {
        self.header = None;
    }

    fn wrap_cells(&self, cells: &[(&str, f32)], size: f32, weight: Weight) -> Vec<Vec<String>> {
        cells
            .iter()
            .map(|(t, w)| self.measure.wrap(t, size, weight, w - 2.0 * CELL_PAD))
            .collect()
    }

    /// A table row: cells wrapped into their columns, borders around each.
    ///
    /// A row that does not fit in the room left on the page but fits on a new one moves
    /// whole to the next page. A row taller than a whole page is split: it starts here if
    /// at least [`MIN_SPLIT_LINES`] lines fit (else on the next page), each page takes the
    /// lines that fit with the borders closed at the body's bottom, and the rest goes on
    /// under the repeated header of the next page, its code cell marked [`CONTINUED`].
    fn row(&mut self, cells: &[(&str, f32)], size: f32, weight: Weight) {
        let wrapped = self.wrap_cells(cells, size, weight);
        let widths: Vec<f32> = cells.iter().map(|(_, w)| *w).collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        if lines > Self::room(self.y, size) {
            let top = MARGIN + self.header.as_ref().map_or(0.0, Header::height);
            if lines <= Self::room(top, size) || Self::room(self.y, size) < MIN_SPLIT_LINES {
                self.new_page();
            }
        }
        let mut from = 0;
        loop {
            // At least one line a page, so that the loop always ends.
            let to = lines.min(from + Self::room(self.y, size).max(1));
            let mut part: Vec<Vec<String>> = wrapped
                .iter()
                .map(|cell| cell[from.min(cell.len())..to.min(cell.len())].to_vec())
                .collect();
            if from > 0 {
                let room = Self::room(self.y, size);
                self.mark_continued(&mut part, &wrapped, &widths, size, weight, room);
            }
            self.cells(&widths, &part, size, weight);
            if to >= lines {
                break;
            }
            from = to;
            self.new_page();
        }
    }

    /// On a page a row goes on to, writes the row's code and [`CONTINUED`] in its first
    /// cell, when that cell has no lines left there and the mark fits in the `room` left.
    fn mark_continued(
        &self,
        part: &mut [Vec<String>],
        wrapped: &[Vec<String>],
        widths: &[f32],
        size: f32,
        weight: Weight,
        room: usize,
    ) {
        let (Some(first), Some(all), Some(width)) =
            (part.first_mut(), wrapped.first(), widths.first())
        else {
            return;
        };
        if !first.is_empty() {
            return;
        }
        let text = format!("{} {CONTINUED}", all.join(" "));
        let mark = self
            .measure
            .wrap(&text, size, weight, width - 2.0 * CELL_PAD);
        if mark.len() <= room {
            *first = mark;
        }
    }

    /// Draws one box of cells at the current y, lines already wrapped, and moves below it.
    fn cells(&mut self, widths: &[f32], lines: &[Vec<String>], size: f32, weight: Weight) {
        let line_h = size * CELL_LEADING;
        let count = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let height = count as f32 * line_h + 2.0 * CELL_PAD;
        let top = self.y;
        let mut x = MARGIN;
        let mut ops = Vec::new();
        for (w, text_lines) in widths.iter().zip(lines) {
            for (i, l) in text_lines.iter().enumerate() {
                ops.push(Op::Text {
                    x: x + CELL_PAD,
                    y: top + CELL_PAD + size + i as f32 * line_h,
                    size,
                    weight,
                    text: l.clone(),
                });
            }
            ops.push(Op::Line {
                x1: x,
                y1: top,
                x2: x,
                y2: top + height,
            });
            x += w;
        }
        for (x1, y1, x2, y2) in [
            (x, top, x, top + height),
            (MARGIN, top, x, top),
            (MARGIN, top + height, x, top + height),
        ] {
            ops.push(Op::Line { x1, y1, x2, y2 });
        }
        self.page().extend(ops);
        self.y += height;
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
    let mut by_group: Vec<(Code, Vec<String>)> = Vec::new();
    for e in &payload.standards {
        let (Some(own), Some(commission)) = (e.self_grade, e.commission) else {
            continue;
        };
        let Ok(code) = e.code.parse::<Code>() else {
            continue;
        };
        let Some(group) = catalogue.standard(&code).map(|s| s.group.clone()) else {
            continue;
        };
        if e.na || own == commission {
            continue;
        }
        let line = format!(
            "{code}: самооцінка {}, комісія {}",
            grade_text(Some(own), catalogue, &code),
            grade_text(Some(commission), catalogue, &code)
        );
        match by_group.last_mut() {
            Some((g, lines)) if *g == group => lines.push(line),
            _ => by_group.push((group, vec![line])),
        }
    }
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
/// a draft unless every standard is graded). Which one `path` is, its first bytes say.
pub fn load_source(
    path: &std::path::Path,
    catalogue: &std::sync::Arc<Catalogue>,
) -> Result<(Payload, Option<Provenance>), SourceError> {
    use crate::inspection::{Access, Inspection};
    if crate::inspection::is_sqlite_file(path)? {
        let insp = Inspection::open(path, catalogue.clone(), Access::ReadOnly)?;
        insp.ensure_sound()?;
        let complete =
            crate::signed::missing_for_final(catalogue, insp.meta().model, insp.answers())
                .is_empty();
        let payload =
            crate::signed::payload(&insp, "", complete, &crate::support::time::now_utc())?;
        return Ok((payload, None));
    }
    let bytes = crate::signed::read_result_file(path)?;
    let v = crate::signed::verify(&bytes, catalogue, &[]);
    let failed: Vec<String> = v
        .checks
        .iter()
        .filter(|c| matches!(c.outcome, crate::signed::Outcome::Fail(_)))
        .map(ToString::to_string)
        .collect();
    match (v.result, v.sha256) {
        (Some(result), Some(sha)) if failed.is_empty() => {
            let provenance = Provenance {
                result_sha256: sha,
                fingerprint: result.signature.fingerprint().unwrap_or_default(),
            };
            Ok((result.payload, Some(provenance)))
        }
        _ => Err(SourceError::NotVerified {
            path: path.to_path_buf(),
            failed,
        }),
    }
}

/// Writes the protocol of a result just signed and written at `result_path` beside it
/// (`NAME.pdf`, never over anything); returns where.
pub fn write_beside(
    result_path: &std::path::Path,
    signed: &crate::signed::SignedResult,
    catalogue: &Catalogue,
) -> Result<std::path::PathBuf, ProtocolError> {
    let pdf_path = result_path.with_extension("pdf");
    let provenance = Provenance {
        result_sha256: signed.sha256.clone(),
        fingerprint: signed.fingerprint.clone(),
    };
    let pdf = render(&signed.payload, catalogue, Some(&provenance))?;
    crate::support::files::write_new(&pdf_path, &pdf)?;
    Ok(pdf_path)
}

/// A percent as the protocol prints it (`—` when there is none).
fn percent_text(percent: Option<crate::scoring::Percent>) -> String {
    crate::scoring::Percent::or_dash(percent)
}

/// Renders the protocol of a result.
pub fn render(
    payload: &Payload,
    catalogue: &Catalogue,
    provenance: Option<&Provenance>,
) -> Result<Vec<u8>, ProtocolError> {
    let measure = Measure {
        regular: skrifa::FontRef::new(REGULAR).map_err(|_| ProtocolError::Font)?,
        bold: skrifa::FontRef::new(BOLD).map_err(|_| ProtocolError::Font)?,
    };
    let mut l = Layout::new(measure);
    heading(&mut l, payload, catalogue);
    tables(&mut l, payload, catalogue);
    lists(&mut l, payload, catalogue);
    signatures(&mut l, payload, provenance);
    draw(l.pages, !payload.is_final)
}

/// The Order's title, the centre's application fields, the visit and both results.
fn heading(l: &mut Layout<'_>, payload: &Payload, catalogue: &Catalogue) {
    let t = &payload.totals;
    let draft = !payload.is_final;

    l.paragraph(
        "ПРОТОКОЛ акредитаційної експертизи центру здоров'я",
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
    l.paragraph(
        &format!(
            "Дата візиту: {}. Експерт: {}. Підписав: {}.",
            payload.visit_date.as_deref().unwrap_or("—"),
            payload.expert,
            if payload.signer.is_empty() {
                "—"
            } else {
                &payload.signer
            }
        ),
        10.0,
        Weight::Regular,
    );
    l.gap(6.0);
    let c = &t.commission;
    l.paragraph(
        &format!(
            "Результат комісії: {} з {} балів — {} % — {}",
            c.points,
            t.max_points,
            percent_text(c.percent),
            c.category.title_uk()
        ),
        12.0,
        Weight::Bold,
    );
    let s = &t.self_assessment;
    l.paragraph(
        &format!(
            "Самооцінка центру: {} з {} балів — {} % — {}. Застосовних стандартів: {}, не застосовується: {}.",
            s.points,
            t.max_points,
            percent_text(s.percent),
            s.category.title_uk(),
            t.applicable,
            t.not_applicable
        ),
        10.0,
        Weight::Regular,
    );
    if draft {
        l.paragraph(
            "ЧЕРНЕТКА: не всі стандарти оцінено; це не остаточний результат.",
            11.0,
            Weight::Bold,
        );
    }
    l.gap(8.0);
}

/// A table of the standards of each group, with the group's figures above it.
fn tables(l: &mut Layout<'_>, payload: &Payload, catalogue: &Catalogue) {
    let t = &payload.totals;
    let widths = [54.0, 196.0, 52.0, 52.0, 80.0, 81.0];
    let header = [
        "Код",
        "Стандарт",
        "Самооцінка",
        "Оцінка комісії",
        "Не застосовується",
        "Примітка",
    ];
    for group in &catalogue.groups {
        let entries: Vec<_> = payload
            .standards
            .iter()
            .filter(|e| {
                e.code.parse::<Code>().is_ok_and(|c| {
                    c.starts_with(&group.code) && c.group_prefix() == group.code.as_str()
                })
            })
            .collect();
        if entries.is_empty() {
            continue;
        }
        let figures = t
            .groups
            .iter()
            .find(|g| g.code == group.code)
            .map(|g| {
                format!(
                    " — {} з {} балів, {} %",
                    g.commission.points,
                    g.max_points,
                    percent_text(g.commission.percent)
                )
            })
            .unwrap_or_default();
        l.ensure(60.0);
        l.paragraph(
            &format!("{} {}{figures}", group.code, group.title),
            11.0,
            Weight::Bold,
        );
        let head: Vec<(&str, f32)> = header.iter().copied().zip(widths).collect();
        l.table(&head, 8.0, Weight::Bold);
        for e in entries {
            let code: Code = match e.code.parse() {
                Ok(c) => c,
                Err(_) => continue,
            };
            let title = catalogue
                .standard(&code)
                .and_then(|s| s.title.clone())
                .unwrap_or_else(|| "(текст не зберігся в наявній копії Наказу)".into());
            let own = grade_text(e.self_grade, catalogue, &code);
            let commission = grade_text(e.commission, catalogue, &code);
            let na = e.na_reason.clone().unwrap_or_default();
            let cells = [
                (e.code.as_str(), widths[0]),
                (title.as_str(), widths[1]),
                (own.as_str(), widths[2]),
                (commission.as_str(), widths[3]),
                (na.as_str(), widths[4]),
                (e.note.as_str(), widths[5]),
            ];
            l.row(&cells, 8.0, Weight::Regular);
        }
        l.end_table();
        l.gap(8.0);
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
            &format!("{} — {}", e.code, e.na_reason.as_deref().unwrap_or("")),
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
        let state = match check.and_then(|c| c.present) {
            Some(true) => "подано",
            Some(false) => "НЕ подано",
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
        None => l.paragraph(
            "Протокол складено з файлу перевірки; електронного підпису немає.",
            9.0,
            Weight::Regular,
        ),
    }
    l.paragraph(
        &format!("Складено: {}", payload.exported_at),
        9.0,
        Weight::Regular,
    );
    l.gap(18.0);
    for who in ["Експерт", "Голова акредитаційної комісії"] {
        l.paragraph(
            &format!(
                "{who}: ______________________  ______________________  «___» __________ 20___ р."
            ),
            10.0,
            Weight::Regular,
        );
        l.paragraph(
            "                      (підпис)                         (П.І.Б.)",
            7.0,
            Weight::Regular,
        );
        l.gap(10.0);
    }
}

fn draw(pages: Vec<Vec<Op>>, draft: bool) -> Result<Vec<u8>, ProtocolError> {
    let regular = Font::new(Arc::new(REGULAR.to_vec()).into(), 0).ok_or(ProtocolError::Font)?;
    let bold = Font::new(Arc::new(BOLD.to_vec()).into(), 0).ok_or(ProtocolError::Font)?;
    let mut document = Document::new();
    let total = pages.len();
    for (n, ops) in pages.into_iter().enumerate() {
        let settings =
            PageSettings::from_wh(PAGE_W, PAGE_H).ok_or(ProtocolError::Pdf("page size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        surface.set_fill(Some(Fill::default()));
        surface.set_stroke(None);
        let mut lines = PathBuilder::new();
        let mut any_line = false;
        for op in &ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    weight,
                    text,
                } => {
                    if text.is_empty() {
                        continue;
                    }
                    let font = if *weight == Weight::Bold {
                        bold.clone()
                    } else {
                        regular.clone()
                    };
                    surface.draw_text(
                        Point::from_xy(*x, *y),
                        font,
                        *size,
                        text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Line { x1, y1, x2, y2 } => {
                    lines.move_to(*x1, *y1);
                    lines.line_to(*x2, *y2);
                    any_line = true;
                }
            }
        }
        let footer = format!(
            "{}Сторінка {} з {total}",
            if draft { "ЧЕРНЕТКА · " } else { "" },
            n + 1
        );
        surface.draw_text(
            Point::from_xy(MARGIN, PAGE_H - MARGIN + 8.0),
            if draft { bold.clone() } else { regular.clone() },
            9.0,
            &footer,
            false,
            TextDirection::Auto,
        );
        if any_line && let Some(path) = lines.finish() {
            surface.set_fill(None);
            surface.set_stroke(Some(Stroke {
                width: 0.5,
                ..Default::default()
            }));
            surface.draw_path(&path);
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| ProtocolError::Pdf(format!("{e:?}")))
}
