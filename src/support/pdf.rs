//! Reading a PDF someone hands in (lopdf): the files embedded in it and the text of its
//! pages — each bounded, so that a small hostile file cannot inflate without limit.

use lopdf::{Document, Object};

/// How much one embedded file or one page's content may inflate to.
const MAX_INFLATED: usize = 64 * 1024 * 1024;
/// How deep a name tree of embedded files is followed.
const MAX_DEPTH: usize = 8;

/// What was read from a PDF.
#[derive(Debug, Clone, Default)]
pub struct PdfContents {
    /// The embedded files: each one's name and bytes.
    pub attachments: Vec<(String, Vec<u8>)>,
    /// Each page's text, in order.
    pub pages: Vec<String>,
}

/// The PDF could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct PdfReadError(pub String);

/// The embedded files and the pages' text of the PDF `bytes`. A PDF crafted to trip the
/// reader over is refused as damaged, like any other that does not read: a defect in
/// parsing a stranger's file must not end the program.
pub fn read(bytes: &[u8]) -> Result<PdfContents, PdfReadError> {
    std::panic::catch_unwind(|| read_unguarded(bytes)).unwrap_or_else(|_| {
        Err(PdfReadError(
            "its structure is malformed in a way the reader cannot follow".into(),
        ))
    })
}

fn read_unguarded(bytes: &[u8]) -> Result<PdfContents, PdfReadError> {
    let doc = Document::load_mem(bytes).map_err(|e| PdfReadError(e.to_string()))?;
    let mut attachments = Vec::new();
    if let Ok(names) = doc
        .catalog()
        .and_then(|c| c.get(b"Names"))
        .and_then(|n| doc.dereference(n))
        .and_then(|(_, n)| n.as_dict())
        && let Ok(tree) = names.get(b"EmbeddedFiles")
    {
        collect_files(&doc, tree, 0, &mut attachments)?;
    }
    let mut pages = Vec::new();
    for number in doc.get_pages().keys() {
        let text = doc
            .extract_text_with_limit(&[*number], MAX_INFLATED)
            .map_err(|e| PdfReadError(format!("page {number}: {e}")))?;
        pages.push(text);
    }
    Ok(PdfContents { attachments, pages })
}

/// The files of a name tree node: its `/Names` pairs, then its `/Kids`.
fn collect_files(
    doc: &Document,
    node: &Object,
    depth: usize,
    out: &mut Vec<(String, Vec<u8>)>,
) -> Result<(), PdfReadError> {
    if depth > MAX_DEPTH {
        return Err(PdfReadError(
            "the list of embedded files nests too deep".into(),
        ));
    }
    let Ok((_, Object::Dictionary(node))) = doc.dereference(node) else {
        return Ok(());
    };
    if let Ok(Object::Array(pairs)) = node
        .get(b"Names")
        .and_then(|n| doc.dereference(n).map(|(_, o)| o))
    {
        for pair in pairs.chunks(2) {
            if let [_, spec] = pair
                && let Some(file) = embedded(doc, spec)?
            {
                out.push(file);
            }
        }
    }
    if let Ok(Object::Array(kids)) = node
        .get(b"Kids")
        .and_then(|k| doc.dereference(k).map(|(_, o)| o))
    {
        for kid in kids {
            collect_files(doc, kid, depth + 1, out)?;
        }
    }
    Ok(())
}

/// One file specification's name and inflated bytes (`None`: it embeds no stream).
fn embedded(doc: &Document, spec: &Object) -> Result<Option<(String, Vec<u8>)>, PdfReadError> {
    let Ok((_, Object::Dictionary(spec))) = doc.dereference(spec) else {
        return Ok(None);
    };
    let name = [b"UF".as_slice(), b"F"]
        .iter()
        .find_map(|k| spec.get(k).ok().and_then(|o| o.as_str().ok()))
        .map(text_string)
        .unwrap_or_default();
    let Ok((_, Object::Dictionary(ef))) = spec.get(b"EF").and_then(|e| doc.dereference(e)) else {
        return Ok(None);
    };
    let Ok((_, Object::Stream(stream))) = ef.get(b"F").and_then(|f| doc.dereference(f)) else {
        return Ok(None);
    };
    let bytes = if stream.dict.get(b"Filter").is_ok() {
        stream
            .decompressed_content_with_limit(MAX_INFLATED)
            .map_err(|e| PdfReadError(format!("embedded file {name:?}: {e}")))?
    } else {
        stream.content.clone()
    };
    Ok(Some((name, bytes)))
}

/// A PDF text string: UTF-16BE after its byte-order mark, else (PDFDocEncoding, which for
/// the names akredit writes is ASCII) byte by byte.
fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}
