//! Text from files, made safe to print on a terminal.
//!
//! A centre's name, a note or a signer's name comes from a file someone else made. Printed
//! as it is, an escape sequence in it could hide what follows (`ESC[8m` conceals the
//! "INVALID" after it), move the cursor over earlier lines, or change the window's title;
//! a bidirectional override could make `…FAILED` read as something else. Such characters
//! are shown as `\uXXXX` escapes instead — the form JSON itself uses, so JSON output keeps
//! its meaning — and everything else is printed as it is, Cyrillic included.

use std::borrow::Cow;
use std::io::{self, Write};

/// Whether `c` must not reach a terminal as it is. Newline and tab are the caller's
/// business: multi-line output keeps them ([`sanitize`]), single fields escape them
/// ([`one_line`]).
fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // Bidirectional marks, embeddings, overrides and isolates.
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        // Invisible separators and joiners that hide or split text.
        | '\u{200b}' | '\u{2028}' | '\u{2029}' | '\u{2060}'..='\u{2064}' | '\u{feff}'
        // Tag characters (invisible).
        | '\u{e0000}'..='\u{e007f}')
}

/// Appends `c` to `out` as JSON's `\uXXXX` escape (two for a character beyond the BMP).
fn escape_into(c: char, out: &mut String) {
    let mut units = [0u16; 2];
    for unit in c.encode_utf16(&mut units) {
        out.push_str(&format!("\\u{unit:04X}"));
    }
}

/// `text` with every character for which `bad` holds escaped; borrowed when there is none.
fn escape_where(text: &str, bad: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&bad) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if bad(c) {
            escape_into(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` with every character that could hide or rewrite terminal output escaped;
/// newlines and tabs are kept.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    escape_where(text, is_unsafe)
}

/// One field on one line: as [`sanitize`], and newlines, carriage returns and tabs
/// escaped too, so that a value cannot print a line of its own (a fake "VERIFIED").
pub fn one_line(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| is_unsafe(c) || matches!(c, '\n' | '\r' | '\t'))
}

/// A writer that passes everything through [`sanitize`] on its way to the terminal: the
/// last line of defence, behind the escaping of each field where it is printed.
pub struct SafeWriter<W: Write> {
    inner: W,
    /// The start of a character split between two writes.
    pending: Vec<u8>,
}

impl<W: Write> SafeWriter<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        SafeWriter {
            inner,
            pending: Vec::new(),
        }
    }
}

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let bytes = std::mem::take(&mut self.pending);
        let (valid, rest) = match std::str::from_utf8(&bytes) {
            Ok(text) => (text.to_string(), &[][..]),
            Err(e) => {
                let cut = e.valid_up_to();
                match e.error_len() {
                    // An incomplete character at the end: keep it for the next write.
                    None => (
                        String::from_utf8_lossy(&bytes[..cut]).into_owned(),
                        &bytes[cut..],
                    ),
                    Some(_) => (String::from_utf8_lossy(&bytes).into_owned(), &[][..]),
                }
            }
        };
        self.pending = rest.to_vec();
        self.inner.write_all(sanitize(&valid).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let rest = String::from_utf8_lossy(&std::mem::take(&mut self.pending)).into_owned();
            self.inner.write_all(rest.as_bytes())?;
        }
        self.inner.flush()
    }
}

/// Prints a warning on standard error, made safe for the terminal.
pub fn warn(message: &str) {
    eprintln!("akredit: warning: {}", sanitize(message));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_hide_nothing_and_keep_cyrillic() {
        assert_eq!(sanitize("Центр здоров'я"), "Центр здоров'я");
        assert_eq!(sanitize("a\u{1b}[8mb\n"), "a\\u001B[8mb\n");
        assert_eq!(one_line("a\nVERIFIED"), "a\\u000AVERIFIED");
        assert_eq!(sanitize("x\u{202e}y"), "x\\u202Ey");
        assert_eq!(sanitize("\u{e0041}"), "\\uDB40\\uDC41");
        let json: serde_json::Value =
            serde_json::from_str(&format!("\"{}\"", sanitize("a\u{202e}b"))).expect("json");
        assert_eq!(json, "a\u{202e}b", "the escape is JSON's own");
    }

    #[test]
    fn a_character_split_between_writes_is_whole() {
        let mut out = SafeWriter::new(Vec::new());
        let bytes = "ї\u{1b}".as_bytes();
        out.write_all(&bytes[..1]).expect("write");
        out.write_all(&bytes[1..]).expect("write");
        out.flush().expect("flush");
        assert_eq!(String::from_utf8(out.inner).expect("utf8"), "ї\\u001B");
    }
}
