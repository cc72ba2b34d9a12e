//! The conclusion as an editable DOCX, for a secretary who must adjust a word in Word or
//! LibreOffice: the same blocks as the PDF, in Times New Roman 14 pt on A4 with the
//! margins of ДСТУ 4163:2020, tables whose header rows repeat on every page, and the
//! result's hash, the draft mark and the page number in every page's footer.
//!
//! docx-rs writes the document; it has no switch for a repeated header row, so the header
//! rows, and only they, are marked "can't split" and then also given `w:tblHeader` in the
//! XML before it is zipped.

use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, Header, PageMargin, PageNum, Paragraph, Run, RunFonts,
    Table, TableCell, TableLayoutType, TableRow, WidthType,
};

use super::form::{Block, Conclusion, DocTable};

/// The typeface the form is printed in.
const FONT: &str = "Times New Roman";
/// Sizes, in half-points: the body (14 pt), the title, the annexes' tables, the footer.
const BODY: usize = 28;
const TITLE: usize = 32;
const TABLE: usize = 16;
const FOOTER: usize = 16;
/// A4's width and height, and the width between the margins, in twentieths of a point.
const A4: (u32, u32) = (11906, 16838);
const TEXT_W: usize = 11906 - 1701 - 567;

/// Why the DOCX could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// The document's XML was not UTF-8 (a defect of the writer).
    #[error("the DOCX's XML could not be prepared")]
    Xml,
    /// Zipping the parts failed.
    #[error("the DOCX could not be packed: {0}")]
    Pack(String),
}

/// The DOCX of a conclusion.
pub fn render(doc: &Conclusion, created: &str) -> Result<Vec<u8>, DocxError> {
    let fonts = RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT);
    let mut docx = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(1134)
                .bottom(1134)
                .left(1701)
                .right(567)
                .header(567)
                .footer(567),
        )
        .default_fonts(fonts)
        .default_size(BODY)
        .created_at(created)
        .updated_at(created)
        .footer(footer(doc));
    if doc.draft {
        docx = docx.header(
            Header::new().add_paragraph(
                Paragraph::new().align(AlignmentType::Right).add_run(
                    Run::new()
                        .add_text("ЧЕРНЕТКА — не для подання")
                        .bold()
                        .size(24)
                        .color("C00000"),
                ),
            ),
        );
    }
    for block in &doc.blocks {
        docx = add_block(docx, block);
    }
    let mut xml = docx.build();
    let document = String::from_utf8(xml.document).map_err(|_| DocxError::Xml)?;
    // Only header rows are "can't split" (see `table`): each of them repeats on every page.
    let document = document.replace("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />");
    xml.document = references_first(&document).into_bytes();
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| DocxError::Pack(e.to_string()))?;
    Ok(out.into_inner())
}

/// The section's header and footer references moved to the front of its properties, where
/// ECMA-376's schema puts them (CT_SectPr: the references, then the page size, margins…);
/// docx-rs writes them last, which LibreOffice accepts but a strict reader need not.
fn references_first(document: &str) -> String {
    const OPEN: &str = "<w:sectPr>";
    let (Some(start), Some(end)) = (document.rfind(OPEN), document.rfind("</w:sectPr>")) else {
        return document.to_string();
    };
    if end < start {
        return document.to_string();
    }
    let inner = &document[start + OPEN.len()..end];
    let mut references = String::new();
    let mut rest = String::new();
    let mut tail = inner;
    while let Some(at) = tail.find('<') {
        rest.push_str(&tail[..at]);
        let element = &tail[at..];
        let Some(close) = element.find("/>").map(|c| c + 2) else {
            rest.push_str(element);
            tail = "";
            break;
        };
        let is_reference = element.starts_with("<w:headerReference ")
            || element.starts_with("<w:footerReference ");
        if is_reference {
            references.push_str(&element[..close]);
        } else {
            rest.push_str(&element[..close]);
        }
        tail = &element[close..];
    }
    rest.push_str(tail);
    format!(
        "{}{OPEN}{references}{rest}{}",
        &document[..start],
        &document[end..]
    )
}

/// Every page's footer: the draft's mark, the result's hash and key, the page's number.
fn footer(doc: &Conclusion) -> Footer {
    let mut p = Paragraph::new();
    if doc.draft {
        p = p.add_run(Run::new().add_text("ЧЕРНЕТКА · ").bold().size(FOOTER));
    }
    p = p
        .add_run(Run::new().add_text(doc.footer.as_str()).size(FOOTER))
        .add_run(Run::new().add_text(" · Сторінка ").size(FOOTER))
        .add_page_num(PageNum::new());
    Footer::new().add_paragraph(p)
}

/// `text`, its line breaks kept as breaks (Word ignores a newline inside a run's text).
fn run(text: &str, size: usize, bold: bool) -> Run {
    let mut r = Run::new().size(size);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        r = r.add_text(line);
    }
    if bold { r.bold() } else { r }
}

fn add_block(docx: Docx, block: &Block) -> Docx {
    match block {
        Block::Title(t) => docx.add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(run(t, TITLE, true)),
        ),
        Block::Centred(t) => docx.add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(run(t, BODY, false)),
        ),
        Block::Field { label, value } => docx.add_paragraph(
            Paragraph::new()
                .add_run(run(&format!("{label}: "), BODY, false))
                .add_run(run(value, BODY, false)),
        ),
        Block::Text(t) => docx.add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Both)
                .add_run(run(t, BODY, false)),
        ),
        Block::Heading(t) => {
            docx.add_paragraph(Paragraph::new().keep_next(true).add_run(run(t, BODY, true)))
        }
        Block::Gap => docx.add_paragraph(Paragraph::new()),
        Block::Signature { role, name } => signature(docx, role, name),
        Block::Acknowledgement { head } => acknowledgement(docx, head),
        Block::Table(t) | Block::GroupSummary(t) => docx.add_table(table(t)),
        Block::PageBreak => {
            docx.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)))
        }
    }
}

/// The role, a blank to sign on, and the name (or what goes there) under it.
fn signature(mut docx: Docx, role: &str, name: &str) -> Docx {
    if !role.is_empty() {
        docx = docx.add_paragraph(
            Paragraph::new()
                .keep_next(true)
                .add_run(run(role, BODY, false)),
        );
    }
    let under = if name.trim().is_empty() {
        run("(підпис, власне ім'я ПРІЗВИЩЕ)", FOOTER, false)
    } else {
        run(name, BODY, false)
    };
    docx.add_paragraph(Paragraph::new().keep_next(true).add_run(run(
        "______________________________",
        BODY,
        false,
    )))
    .add_paragraph(Paragraph::new().add_run(under))
}

/// «Ознайомлений:», the date's blanks, the head of the facility, М.П. and «(підпис)».
fn acknowledgement(mut docx: Docx, head: &str) -> Docx {
    let lines: [(&str, usize, bool); 3] = [
        ("Ознайомлений:", BODY, true),
        ("«_____» _________________ 20___ року", BODY, false),
        ("Керівник закладу", BODY, false),
    ];
    for (text, size, bold) in lines {
        docx = docx.add_paragraph(
            Paragraph::new()
                .keep_next(true)
                .add_run(run(text, size, bold)),
        );
    }
    if !head.trim().is_empty() {
        docx = docx.add_paragraph(
            Paragraph::new()
                .keep_next(true)
                .add_run(run(head, BODY, false)),
        );
    }
    docx.add_paragraph(
        Paragraph::new()
            .keep_next(true)
            .add_run(run("М.П.", BODY, false))
            .add_run(Run::new().add_tab())
            .add_run(Run::new().add_tab())
            .add_run(Run::new().add_tab())
            .add_run(run("__________________", BODY, false)),
    )
    .add_paragraph(Paragraph::new().align(AlignmentType::Right).add_run(run(
        "(підпис)",
        FOOTER,
        false,
    )))
}

/// A table on the page's width: a column without a share as wide as its widest cell or
/// its header's longest word (at most a fifth of the page), the others sharing the rest;
/// its header row repeats on every page.
fn table(t: &DocTable) -> Table {
    let widths = column_widths(t);
    let cell = |text: &str, w: usize, bold: bool| {
        TableCell::new()
            .width(w, WidthType::Dxa)
            .add_paragraph(Paragraph::new().add_run(run(text, TABLE, bold)))
    };
    let header = TableRow::new(
        t.columns
            .iter()
            .zip(&widths)
            .map(|((title, _), w)| cell(title, *w, true))
            .collect(),
    )
    .cant_split();
    let mut rows = vec![header];
    rows.extend(t.rows.iter().map(|r| {
        TableRow::new(
            r.iter()
                .zip(&widths)
                .map(|(text, w)| cell(text, *w, false))
                .collect(),
        )
    }));
    Table::new(rows)
        .set_grid(widths)
        .layout(TableLayoutType::Fixed)
}

/// Each column's width in twentieths of a point, estimated from the characters: Word lays
/// the text out itself, so an average Times New Roman letter at the tables' size stands in
/// for measuring. No column is narrower than its header's longest word (bold, so a tenth
/// or so wider), which must not break; one without a share is as wide as its widest cell
/// (up to a fifth of the page); the others share what is left.
fn column_widths(t: &DocTable) -> Vec<usize> {
    /// An average letter at 8 pt (digits are wider than most), and a cell's padding, in
    /// twentieths of a point.
    const LETTER: usize = 90;
    const PAD: usize = 320;
    let least: Vec<usize> = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, (title, share))| {
            let word = title
                .split_whitespace()
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(1);
            let header = word * LETTER * 23 / 20 + PAD;
            if *share > 0.0 {
                return header;
            }
            let cell = t
                .rows
                .iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.chars().count() * LETTER + PAD)
                .max()
                .unwrap_or(0);
            header.max(cell.min(TEXT_W / 5))
        })
        .collect();
    let fixed: usize = t
        .columns
        .iter()
        .zip(&least)
        .filter(|((_, share), _)| *share <= 0.0)
        .map(|(_, w)| w)
        .sum();
    let shared: usize = t
        .columns
        .iter()
        .zip(&least)
        .filter(|((_, share), _)| *share > 0.0)
        .map(|(_, w)| w)
        .sum();
    let shares: f32 = t.columns.iter().map(|c| c.1.max(0.0)).sum();
    // What the page leaves after every column's least width goes to the shares.
    let extra = TEXT_W.saturating_sub(fixed + shared) as f32;
    t.columns
        .iter()
        .zip(least)
        .map(|((_, share), w)| {
            if *share > 0.0 && shares > 0.0 {
                w + (extra * share / shares) as usize
            } else {
                w
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::references_first;

    #[test]
    fn the_sections_references_come_before_its_page_size() {
        let written = r#"<w:body><w:p/><w:sectPr><w:pgSz w:w="1" /><w:cols w:num="1" /><w:headerReference w:type="default" r:id="h" /><w:footerReference w:type="default" r:id="f" /></w:sectPr></w:body>"#;
        assert_eq!(
            references_first(written),
            r#"<w:body><w:p/><w:sectPr><w:headerReference w:type="default" r:id="h" /><w:footerReference w:type="default" r:id="f" /><w:pgSz w:w="1" /><w:cols w:num="1" /></w:sectPr></w:body>"#
        );
        let none = "<w:body><w:p/></w:body>";
        assert_eq!(references_first(none), none);
    }
}
