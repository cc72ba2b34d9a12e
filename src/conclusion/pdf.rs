//! The conclusion as an A4 PDF/A-3u: the form's blocks laid out in the protocol's font and
//! tables, the signed result embedded as the document's source, and the result's hash and
//! the signer's key at the foot of every page.

use super::form::{Block, Conclusion, DocTable, TITLE};
use crate::catalogue::Catalogue;
use crate::protocol::ProtocolError;
use crate::protocol::layout_api::{
    Attachment, CELL_PAD, Layout, MARGIN, Measure, PdfOptions, TEXT_W, Table, Weight, draw,
};
use crate::signed::Payload;

/// The body's font size: the form's running text.
const BODY: f32 = 11.0;
/// The annexes' tables.
const TABLE: f32 = 8.0;
/// The blank a signature goes on.
const BLANK: &str = "______________________________";

/// The PDF of a conclusion; `result_file`, the signed result it was made from, is embedded.
pub fn render(
    doc: &Conclusion,
    payload: &Payload,
    catalogue: &Catalogue,
    result_file: Option<&[u8]>,
) -> Result<Vec<u8>, ProtocolError> {
    let mut l = Layout::new(Measure::embedded()?);
    if doc.draft {
        draft_banner(&mut l);
    }
    for block in &doc.blocks {
        lay_out(&mut l, block, payload, catalogue);
    }
    let options = PdfOptions {
        draft: doc.draft,
        footer_note: Some(&doc.footer),
        title: TITLE,
        created: &payload.exported_at,
        attachment: result_file.map(|bytes| Attachment {
            name: crate::protocol::RESULT_ATTACHMENT,
            description: "Підписаний результат оцінки (akredit), з якого складено висновок",
            bytes,
        }),
    };
    draw(l.pages, &options)
}

/// A draft says so before anything else (and each page's footer says it again).
fn draft_banner(l: &mut Layout<'_>) {
    l.paragraph(
        "ЧЕРНЕТКА — не для подання: складено не з остаточного підписаного результату.",
        10.0,
        Weight::Bold,
    );
    l.gap(4.0);
}

fn lay_out(l: &mut Layout<'_>, block: &Block, payload: &Payload, catalogue: &Catalogue) {
    match block {
        Block::Title(t) => centred(l, t, 16.0, Weight::Bold),
        Block::Centred(t) => centred(l, t, 12.0, Weight::Regular),
        Block::Field { label, value } => {
            l.paragraph(&format!("{label}: {value}"), BODY, Weight::Regular)
        }
        Block::Text(t) => l.paragraph(t, BODY, Weight::Regular),
        Block::Heading(t) => {
            l.ensure(BODY * 4.0);
            l.paragraph(t, BODY, Weight::Bold);
        }
        Block::Gap => l.gap(8.0),
        Block::Signature { role, name } => signature(l, role, name),
        Block::Acknowledgement { head } => acknowledgement(l, head),
        Block::Table(t) => table(l, t),
        Block::GroupSummary(t) => {
            table(l, t);
            l.gap(6.0);
            let bars: Vec<(String, Option<crate::scoring::Percent>)> = payload
                .totals
                .groups
                .iter()
                .map(|g| (g.code.to_string(), g.commission.percent))
                .collect();
            crate::protocol::chart::chart(l, &bars, catalogue);
        }
        Block::PageBreak => l.new_page(),
    }
}

/// Lines centred between the margins.
fn centred(l: &mut Layout<'_>, text: &str, size: f32, weight: Weight) {
    for line in l.wrap(text, size, weight, TEXT_W) {
        l.ensure(size * 1.35);
        let w = l.text_width(&line, size, weight);
        let y = l.y() + size;
        l.text_at(MARGIN + (TEXT_W - w) / 2.0, y, size, weight, &line);
        l.gap(size * 1.35);
    }
}

/// A signature: the role, then a blank with the name printed under its middle (or a
/// caption saying what goes there, when the name is not known).
fn signature(l: &mut Layout<'_>, role: &str, name: &str) {
    const CAPTION: f32 = 8.0;
    l.ensure(BODY * 1.35 * 3.0 + CAPTION + 6.0);
    if !role.is_empty() {
        l.paragraph(role, BODY, Weight::Regular);
    }
    l.gap(10.0);
    l.paragraph(BLANK, BODY, Weight::Regular);
    let blank = l.text_width(BLANK, BODY, Weight::Regular);
    let (under, size) = if name.trim().is_empty() {
        ("(підпис, власне ім'я ПРІЗВИЩЕ)", CAPTION)
    } else {
        (name, BODY)
    };
    for line in l.wrap(under, size, Weight::Regular, TEXT_W) {
        let w = l.text_width(&line, size, Weight::Regular);
        let x = MARGIN + ((blank - w) / 2.0).max(0.0);
        let y = l.y() + size;
        l.text_at(x, y, size, Weight::Regular, &line);
        l.gap(size * 1.35);
    }
    l.gap(4.0);
}

/// «Ознайомлений:», as the form has it: the date's blanks, the head of the facility with
/// М.П., and a line with «(підпис)» under it; the head's name from the application.
fn acknowledgement(l: &mut Layout<'_>, head: &str) {
    l.ensure(BODY * 1.35 * 7.0);
    l.paragraph("Ознайомлений:", BODY, Weight::Bold);
    l.paragraph(
        "«_____» _________________ 20___ року",
        BODY,
        Weight::Regular,
    );
    l.gap(6.0);
    l.paragraph("Керівник закладу", BODY, Weight::Regular);
    if !head.trim().is_empty() {
        l.paragraph(head, BODY, Weight::Regular);
    }
    l.gap(10.0);
    let blank = "__________________";
    let lead = "М.П.";
    let x = MARGIN + TEXT_W - l.text_width(blank, BODY, Weight::Regular);
    let y = l.y() + BODY;
    l.text_at(MARGIN, y, BODY, Weight::Regular, lead);
    l.text_at(x, y, BODY, Weight::Regular, blank);
    l.gap(BODY * 1.35);
    let caption = "(підпис)";
    let w = l.text_width(caption, 8.0, Weight::Regular);
    let cx = x + (l.text_width(blank, BODY, Weight::Regular) - w) / 2.0;
    let y = l.y() + 8.0;
    l.text_at(cx, y, 8.0, Weight::Regular, caption);
    l.gap(8.0 * 1.35);
}

/// A table with its header repeated on every page; a column without a share is as wide as
/// its widest cell (up to a quarter of the page), so that codes and dates do not break.
fn table(l: &mut Layout<'_>, t: &DocTable) {
    let columns: Vec<(&str, f32, f32)> = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, (title, share))| {
            let least = if *share > 0.0 {
                0.0
            } else {
                t.rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(|c| l.text_width(c, TABLE, Weight::Regular))
                    .fold(0.0, f32::max)
                    .min(TEXT_W / 4.0)
                    + 2.0 * CELL_PAD
                    + 1.0
            };
            (*title, least, *share)
        })
        .collect();
    let widths = l.columns(&columns, TABLE);
    let header = t.columns.iter().map(|c| c.0).zip(widths).collect();
    l.table(
        &[],
        &Table {
            header,
            rows: t.rows.clone(),
            size: TABLE,
        },
    );
}
