//! Laying out the protocol's pages: text measured glyph by glyph in the embedded DejaVu
//! Sans Condensed, wrapped into cells, tables that go on across pages, and the PDF.

use std::sync::Arc;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

use super::ProtocolError;

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSansCondensed.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSansCondensed-Bold.ttf");

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
/// The page's margin on every side, in points.
pub(crate) const MARGIN: f32 = 40.0;
/// The width between the left and right margins: what a table or a paragraph may fill.
pub(crate) const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN;
const FOOTER: f32 = 28.0;

/// The lowest point, in points from the top of the page, that the body of the protocol
/// (text and table lines) may reach; below it are only the footer's page number and draft
/// mark, then the bottom margin.
pub const BODY_BOTTOM: f32 = PAGE_H - MARGIN - FOOTER;

#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

pub(crate) enum Op {
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
    /// A dashed line: a chart's reference line, told apart from the table rules.
    Dash {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
    /// A filled rectangle without a border: a chart's bar.
    Bar {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
}

pub(crate) struct Measure<'a> {
    pub(crate) regular: skrifa::FontRef<'a>,
    pub(crate) bold: skrifa::FontRef<'a>,
}

impl Measure<'static> {
    /// The embedded fonts, measured.
    pub(crate) fn embedded() -> Result<Measure<'static>, ProtocolError> {
        Ok(Measure {
            regular: skrifa::FontRef::new(REGULAR).map_err(|_| ProtocolError::Font)?,
            bold: skrifa::FontRef::new(BOLD).map_err(|_| ProtocolError::Font)?,
        })
    }
}

impl Measure<'_> {
    pub(crate) fn width(&self, text: &str, size: f32, weight: Weight) -> f32 {
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

    /// The width of the widest word of `text`: the least a column must give its header so
    /// that the header wraps only between words.
    pub(crate) fn widest_word(&self, text: &str, size: f32, weight: Weight) -> f32 {
        text.split_whitespace()
            .map(|w| self.width(w, size, weight))
            .fold(0.0, f32::max)
    }

    /// Breaks `text` into lines no wider than `width`; a word longer than a line is cut.
    pub(crate) fn wrap(&self, text: &str, size: f32, weight: Weight, width: f32) -> Vec<String> {
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
pub(crate) const CELL_PAD: f32 = 2.5;
/// The smallest size a table's header is shrunk to so that each of its words fits its
/// column; below it a word is cut after all (only a column narrower than any word does so).
const MIN_HEADER_SIZE: f32 = 6.0;
/// How many of a table's first rows stay on the page of its heading and header row: with
/// less room left there, heading, header and rows start on the next page together, so that
/// no heading or header is stranded at the foot of a page.
const KEEP_ROWS: usize = 2;
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
    pub(crate) fn height(&self) -> f32 {
        let lines = self.lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
        lines as f32 * self.size * CELL_LEADING + 2.0 * CELL_PAD
    }
}

/// A table to lay out: its header row (each title with its column's width) and its rows,
/// one text per column, in one font size.
pub(crate) struct Table<'t> {
    pub(crate) header: Vec<(&'t str, f32)>,
    pub(crate) rows: Vec<Vec<String>>,
    pub(crate) size: f32,
}

pub(crate) struct Layout<'a> {
    measure: Measure<'a>,
    pub(crate) pages: Vec<Vec<Op>>,
    y: f32,
    /// The header of the table being laid out, if any.
    header: Option<Header>,
}

impl<'a> Layout<'a> {
    pub(crate) fn new(measure: Measure<'a>) -> Self {
        Layout {
            measure,
            pages: vec![Vec::new()],
            y: MARGIN,
            header: None,
        }
    }

    pub(crate) fn page(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Starts a page; inside a table, its header row comes first.
    pub(crate) fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
        if let Some(header) = self.header.take() {
            self.cells(&header.widths, &header.lines, header.size, header.weight);
            self.header = Some(header);
        }
    }

    pub(crate) fn ensure(&mut self, height: f32) {
        if self.y + height > BODY_BOTTOM {
            self.new_page();
        }
    }

    pub(crate) fn paragraph(&mut self, text: &str, size: f32, weight: Weight) {
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

    pub(crate) fn gap(&mut self, h: f32) {
        self.y += h;
    }

    /// How many table lines of `size` fit in one cell from `y` down to the body's bottom.
    pub(crate) fn room(y: f32, size: f32) -> usize {
        // A hair of slack so that a row which fits exactly is not refused by rounding.
        let free = BODY_BOTTOM - y - 2.0 * CELL_PAD + 0.01;
        (free / (size * CELL_LEADING)).floor().max(0.0) as usize
    }

    /// Lays out a table under its heading paragraphs (text, size; bold): the heading, the
    /// header row and the first [`KEEP_ROWS`] rows start on the next page together if they
    /// do not fit on this one; the header row is drawn again on each page the table goes
    /// on to.
    pub(crate) fn table(&mut self, heading: &[(&str, f32, Weight)], table: &Table<'_>) {
        let size = self.header_size(&table.header, table.size);
        let header = Header {
            widths: table.header.iter().map(|(_, w)| *w).collect(),
            lines: self.wrap_cells(&table.header, size, Weight::Bold),
            size,
            weight: Weight::Bold,
        };
        let keep = self.keep_height(heading, &header, table);
        if self.y + keep > BODY_BOTTOM && MARGIN + keep <= BODY_BOTTOM {
            self.new_page();
        }
        for (text, size, weight) in heading {
            self.paragraph(text, *size, *weight);
        }
        self.header = None;
        self.cells(&header.widths, &header.lines, header.size, header.weight);
        self.header = Some(header);
        for row in &table.rows {
            let cells: Vec<(&str, f32)> = row
                .iter()
                .map(String::as_str)
                .zip(table.header.iter().map(|(_, w)| *w))
                .collect();
            self.row(&cells, table.size, Weight::Regular);
        }
        self.header = None;
    }

    /// The largest size, at most `size`, at which each word of each header title fits its
    /// column, so that a header wraps between words and never inside one ("Самооцінк/а").
    fn header_size(&self, header: &[(&str, f32)], size: f32) -> f32 {
        let fits = |s: f32| {
            header.iter().all(|(title, w)| {
                self.measure.widest_word(title, s, Weight::Bold) <= w - 2.0 * CELL_PAD
            })
        };
        let mut s = size;
        while !fits(s) && s > MIN_HEADER_SIZE {
            s -= 0.25;
        }
        s
    }

    /// The height the heading, the header row and the first rows of `table` take together.
    /// A row taller than a page counts with the lines it would start with.
    fn keep_height(
        &self,
        heading: &[(&str, f32, Weight)],
        header: &Header,
        table: &Table<'_>,
    ) -> f32 {
        let line_h = table.size * CELL_LEADING;
        let page_lines = Self::room(MARGIN + header.height(), table.size);
        let titles: f32 = heading
            .iter()
            .map(|(text, size, weight)| {
                let lines = self.measure.wrap(text, *size, *weight, TEXT_W).len();
                lines as f32 * size * 1.35
            })
            .sum();
        let rows: f32 = table
            .rows
            .iter()
            .take(KEEP_ROWS)
            .map(|row| {
                let cells: Vec<(&str, f32)> = row
                    .iter()
                    .map(String::as_str)
                    .zip(table.header.iter().map(|(_, w)| *w))
                    .collect();
                let wrapped = self.wrap_cells(&cells, table.size, Weight::Regular);
                let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
                let lines = if lines > page_lines {
                    MIN_SPLIT_LINES
                } else {
                    lines
                };
                lines as f32 * line_h + 2.0 * CELL_PAD
            })
            .sum();
        titles + header.height() + rows
    }

    /// The widths of a table's columns, given as (header title, least width, share): each
    /// column at least its least width and as wide as its header's widest word at `size`,
    /// bold; the columns with a share then split what the others leave of the page's width
    /// in proportion to their shares.
    pub(crate) fn columns(&self, columns: &[(&str, f32, f32)], size: f32) -> Vec<f32> {
        let base: Vec<f32> = columns
            .iter()
            .map(|(title, least, _)| {
                // Half a point of slack: a word that fits exactly must not be refused by
                // rounding when the header is laid out.
                let word =
                    self.measure.widest_word(title, size, Weight::Bold) + 2.0 * CELL_PAD + 0.5;
                least.max(word)
            })
            .collect();
        let fixed: f32 = base
            .iter()
            .zip(columns)
            .filter(|(_, c)| c.2 <= 0.0)
            .map(|(w, _)| w)
            .sum();
        let shares: f32 = columns.iter().map(|c| c.2.max(0.0)).sum();
        let left = (TEXT_W - fixed).max(0.0);
        base.iter()
            .zip(columns)
            .map(|(w, c)| {
                if c.2 > 0.0 {
                    w.max(left * c.2 / shares)
                } else {
                    *w
                }
            })
            .collect()
    }

    /// `text` broken into lines no wider than `width`, between words.
    pub(crate) fn wrap(&self, text: &str, size: f32, weight: Weight, width: f32) -> Vec<String> {
        self.measure.wrap(text, size, weight, width)
    }

    /// The width of `text` in the embedded font.
    pub(crate) fn text_width(&self, text: &str, size: f32, weight: Weight) -> f32 {
        self.measure.width(text, size, weight)
    }

    /// Where the next line of the body starts, in points from the top of the page.
    pub(crate) fn y(&self) -> f32 {
        self.y
    }

    /// Draws a line of text at a place of the current page (`y` its baseline), not moving on.
    pub(crate) fn text_at(&mut self, x: f32, y: f32, size: f32, weight: Weight, text: &str) {
        self.page().push(Op::Text {
            x,
            y,
            size,
            weight,
            text: text.to_string(),
        });
    }

    /// Draws a drawing's part on the current page (a line, a dashed line, a bar).
    pub(crate) fn draw_op(&mut self, op: Op) {
        self.page().push(op);
    }

    pub(crate) fn wrap_cells(
        &self,
        cells: &[(&str, f32)],
        size: f32,
        weight: Weight,
    ) -> Vec<Vec<String>> {
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
    pub(crate) fn row(&mut self, cells: &[(&str, f32)], size: f32, weight: Weight) {
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
    pub(crate) fn mark_continued(
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
    pub(crate) fn cells(
        &mut self,
        widths: &[f32],
        lines: &[Vec<String>],
        size: f32,
        weight: Weight,
    ) {
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

/// The colour of a chart's bars: a mid teal that prints as a clear grey in black and white.
const BAR_COLOUR: (u8, u8, u8) = (86, 140, 160);

/// What a document's PDF carries besides its pages.
pub(crate) struct PdfOptions<'a> {
    /// A draft: "ЧЕРНЕТКА" in every page's footer.
    pub(crate) draft: bool,
    /// A line above every page's number (the conclusion's hash and fingerprints).
    pub(crate) footer_note: Option<&'a str>,
    /// The document's title, in its metadata.
    pub(crate) title: &'a str,
    /// When it was made (RFC 3339, UTC): the metadata's date, which PDF/A requires.
    pub(crate) created: &'a str,
    /// A file embedded as the document's source (PDF/A-3's associated file).
    pub(crate) attachment: Option<Attachment<'a>>,
}

/// A file embedded in a PDF.
pub(crate) struct Attachment<'a> {
    /// Its name in the PDF's attachments.
    pub(crate) name: &'a str,
    /// What it is, in words.
    pub(crate) description: &'a str,
    /// Its bytes, exactly.
    pub(crate) bytes: &'a [u8],
}

/// The PDF of laid-out pages: PDF/A-3u, so that an archive keeps it and its text can be
/// extracted, with its source file embedded when there is one.
pub(crate) fn draw(
    pages: Vec<Vec<Op>>,
    options: &PdfOptions<'_>,
) -> Result<Vec<u8>, ProtocolError> {
    let regular = Font::new(Arc::new(REGULAR.to_vec()).into(), 0).ok_or(ProtocolError::Font)?;
    let bold = Font::new(Arc::new(BOLD.to_vec()).into(), 0).ok_or(ProtocolError::Font)?;
    let glyphs = Glyphs::embedded()?;
    let mut document = archival_document(options)?;
    let total = pages.len();
    for (n, ops) in pages.into_iter().enumerate() {
        let settings =
            PageSettings::from_wh(PAGE_W, PAGE_H).ok_or(ProtocolError::Pdf("page size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        // Bars first, so that the text and lines over them stay readable.
        draw_bars(&mut surface, &ops);
        surface.set_fill(Some(Fill::default()));
        surface.set_stroke(None);
        let mut text = |x: f32, y: f32, size: f32, weight: Weight, line: &str| {
            let font = if weight == Weight::Bold {
                bold.clone()
            } else {
                regular.clone()
            };
            let line = glyphs.printable(line, weight);
            surface.draw_text(
                Point::from_xy(x, y),
                font,
                size,
                &line,
                false,
                TextDirection::Auto,
            );
        };
        for op in &ops {
            if let Op::Text {
                x,
                y,
                size,
                weight,
                text: line,
            } = op
                && !line.is_empty()
            {
                text(*x, *y, *size, *weight, line);
            }
        }
        if let Some(note) = options.footer_note {
            text(MARGIN, PAGE_H - MARGIN - 2.0, 7.0, Weight::Regular, note);
        }
        let footer = format!(
            "{}Сторінка {} з {total}",
            if options.draft {
                "ЧЕРНЕТКА · "
            } else {
                ""
            },
            n + 1
        );
        let weight = if options.draft {
            Weight::Bold
        } else {
            Weight::Regular
        };
        text(MARGIN, PAGE_H - MARGIN + 8.0, 9.0, weight, &footer);
        draw_lines(&mut surface, &ops);
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| ProtocolError::Pdf(format!("{e:?}")))
}

/// A PDF/A-3u document with its metadata and, if any, its embedded source.
fn archival_document(options: &PdfOptions<'_>) -> Result<Document, ProtocolError> {
    use krilla::configure::{Archival, ConfigurationBuilder};
    use krilla::embed::{AssociationKind, EmbeddedFile, MimeType};
    use krilla::metadata::Metadata;
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A3_U)
        .finish()
        .map_err(|e| ProtocolError::Pdf(format!("{e:?}")))?;
    let settings = krilla::SerializeSettings {
        configuration,
        ..Default::default()
    };
    let mut document = Document::new_with(settings);
    let date = pdf_date(options.created);
    document.set_metadata(
        Metadata::new()
            .title(options.title.to_string())
            .language("uk".to_string())
            .creator(format!("akredit {}", env!("CARGO_PKG_VERSION")))
            .creation_date(date),
    );
    if let Some(a) = &options.attachment {
        document
            .embed_file(EmbeddedFile {
                path: a.name.to_string(),
                mime_type: MimeType::new("application/json"),
                description: Some(a.description.to_string()),
                association_kind: AssociationKind::Source,
                data: a.bytes.to_vec().into(),
                modification_date: Some(date),
                compress: Some(true),
                location: None,
            })
            .ok_or_else(|| ProtocolError::Pdf("the attachment is embedded twice".into()))?;
    }
    Ok(document)
}

/// An RFC 3339 UTC time (`2026-12-01T20:29:34.973Z`) as the PDF's date; a time that does
/// not read so (never one the program wrote) falls back to the epoch of the format.
fn pdf_date(rfc3339: &str) -> krilla::metadata::DateTime {
    let part = |from: usize, to: usize| rfc3339.get(from..to).and_then(|s| s.parse::<u16>().ok());
    let year = part(0, 4).unwrap_or(1970);
    let small = |from, to, fallback: u8| part(from, to).map_or(fallback, |v| v as u8);
    krilla::metadata::DateTime::new(year)
        .month(small(5, 7, 1))
        .day(small(8, 10, 1))
        .hour(small(11, 13, 0))
        .minute(small(14, 16, 0))
        .second(small(17, 19, 0))
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// Which characters the embedded fonts can draw: PDF/A refuses a glyph the font lacks, and
/// an expert's note may hold one (an emoji, a symbol), which is printed as "?".
struct Glyphs<'a> {
    regular: skrifa::charmap::Charmap<'a>,
    bold: skrifa::charmap::Charmap<'a>,
}

impl Glyphs<'static> {
    fn embedded() -> Result<Self, ProtocolError> {
        let regular = skrifa::FontRef::new(REGULAR).map_err(|_| ProtocolError::Font)?;
        let bold = skrifa::FontRef::new(BOLD).map_err(|_| ProtocolError::Font)?;
        Ok(Glyphs {
            regular: regular.charmap(),
            bold: bold.charmap(),
        })
    }
}

impl Glyphs<'_> {
    /// `text` with each character the font cannot draw (and each control character)
    /// replaced by "?".
    fn printable(&self, text: &str, weight: Weight) -> String {
        let map = if weight == Weight::Bold {
            &self.bold
        } else {
            &self.regular
        };
        text.chars()
            .map(|c| {
                if c == ' ' || (!c.is_control() && map.map(c).is_some_and(|g| g.to_u32() != 0)) {
                    c
                } else {
                    '?'
                }
            })
            .collect()
    }
}

/// Fills the page's bars in [`BAR_COLOUR`].
fn draw_bars(surface: &mut Surface<'_>, ops: &[Op]) {
    let mut bars = PathBuilder::new();
    let mut any = false;
    for op in ops {
        if let Op::Bar { x, y, w, h } = op
            && let Some(rect) = Rect::from_xywh(*x, *y, *w, *h)
        {
            bars.push_rect(rect);
            any = true;
        }
    }
    if any && let Some(path) = bars.finish() {
        let (r, g, b) = BAR_COLOUR;
        surface.set_stroke(None);
        surface.set_fill(Some(Fill {
            paint: rgb::Color::new(r, g, b).into(),
            ..Default::default()
        }));
        surface.draw_path(&path);
    }
}

/// Strokes the page's lines: the table rules thin and solid, the reference lines dashed.
fn draw_lines(surface: &mut Surface<'_>, ops: &[Op]) {
    for dashed in [false, true] {
        let mut lines = PathBuilder::new();
        let mut any = false;
        for op in ops {
            match (op, dashed) {
                (Op::Line { x1, y1, x2, y2 }, false) | (Op::Dash { x1, y1, x2, y2 }, true) => {
                    lines.move_to(*x1, *y1);
                    lines.line_to(*x2, *y2);
                    any = true;
                }
                _ => {}
            }
        }
        if any && let Some(path) = lines.finish() {
            surface.set_fill(None);
            surface.set_stroke(Some(Stroke {
                width: if dashed { 0.8 } else { 0.5 },
                dash: dashed.then(|| StrokeDash {
                    array: vec![3.0, 2.0],
                    offset: 0.0,
                }),
                ..Default::default()
            }));
            surface.draw_path(&path);
        }
    }
}
