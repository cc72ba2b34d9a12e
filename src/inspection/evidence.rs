//! Evidence in the inspection file: a photo or a scan attached to a standard or a
//! document — what kind of file it is (read from its bytes, never its name), when a photo
//! was taken (its EXIF), the limits that keep the file usable — and the one batch that
//! writes its bytes and its [`Change::Attach`] together, so that a crash leaves the file
//! as it was before or after, never with half an attachment.

use std::io::Cursor;

use super::{Inspection, StoreError, downscale, rows};
use crate::answers::{Attachment, Change, Target};

/// The largest file one attachment may be: a photo of a page at full resolution, a
/// scanned document of many pages.
pub const ATTACHMENT_LIMIT: u64 = 20 * 1024 * 1024;

/// The most bytes of evidence one inspection keeps (counted once per file however many
/// standards it is attached to): the inspection file stays one that a laptop copies, a
/// mail carries and a USB stick holds.
pub const INSPECTION_EVIDENCE_LIMIT: u64 = 500 * 1024 * 1024;

/// The kinds of file evidence may be, read from their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceKind {
    /// A JPEG photo.
    Jpeg,
    /// A PNG image (a screenshot, a scan).
    Png,
    /// A WebP image.
    Webp,
    /// A HEIC/HEIF photo (what iPhones take).
    Heic,
    /// A PDF (a scan).
    Pdf,
}

impl EvidenceKind {
    /// The kind of `bytes`, if evidence may be of it.
    pub fn of(bytes: &[u8]) -> Option<EvidenceKind> {
        let brand = bytes.get(8..12);
        match bytes {
            [0xFF, 0xD8, 0xFF, ..] => Some(EvidenceKind::Jpeg),
            [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some(EvidenceKind::Png),
            [
                b'R',
                b'I',
                b'F',
                b'F',
                _,
                _,
                _,
                _,
                b'W',
                b'E',
                b'B',
                b'P',
                ..,
            ] => Some(EvidenceKind::Webp),
            [b'%', b'P', b'D', b'F', b'-', ..] => Some(EvidenceKind::Pdf),
            [_, _, _, _, b'f', b't', b'y', b'p', ..]
                if brand.is_some_and(|b| {
                    [
                        b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1",
                    ]
                    .iter()
                    .any(|known| b == *known)
                }) =>
            {
                Some(EvidenceKind::Heic)
            }
            _ => None,
        }
    }

    /// Its media type.
    pub fn media_type(self) -> &'static str {
        match self {
            EvidenceKind::Jpeg => "image/jpeg",
            EvidenceKind::Png => "image/png",
            EvidenceKind::Webp => "image/webp",
            EvidenceKind::Heic => "image/heic",
            EvidenceKind::Pdf => "application/pdf",
        }
    }
}

/// Why a file was not attached. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum AttachError {
    /// The file is empty.
    #[error("{name}: the file is empty; choose the photo or scan itself")]
    Empty {
        /// The file's name.
        name: String,
    },
    /// Larger than an attachment may be.
    #[error(
        "{name}: {size} bytes, more than the {limit} bytes one attachment may be; take the photo at a lower resolution or scan fewer pages into one file"
    )]
    TooLarge {
        /// The file's name.
        name: String,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The inspection's evidence would grow past its limit.
    #[error(
        "{name}: the inspection's evidence would be {total} bytes, more than the {limit} it may keep (a removed attachment keeps its bytes, so that the removal can be undone); attach smaller files: a photo at a lower resolution, fewer pages per scan"
    )]
    InspectionFull {
        /// The file's name.
        name: String,
        /// What the evidence would take with it.
        total: u64,
        /// The limit.
        limit: u64,
    },
    /// Not an image or a PDF.
    #[error(
        "{name}: not a photo or a scan akredit keeps (JPEG, PNG, WebP, HEIC or PDF, read from the file's contents, not its name)"
    )]
    NotEvidence {
        /// The file's name.
        name: String,
    },
    /// A photo to be made smaller could not be read as a picture.
    #[error(
        "{name}: cannot be made smaller, it does not read as a picture ({why}); check the file, or attach it as it is"
    )]
    Unreadable {
        /// The file's name.
        name: String,
        /// What the decoder said.
        why: String,
    },
    /// The inspection refused the change or could not write it.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The file an attachment keeps: as given, or its smaller copy.
struct Kept<'a> {
    name: String,
    bytes: &'a [u8],
    media_type: &'static str,
    original: Option<crate::answers::Original>,
}

/// An attachment made: its number, and the history rows written (one undo step).
#[derive(Debug)]
pub struct Attached {
    /// The attachment's number.
    pub number: u32,
    /// The rows written: the record, and the caption when one was given.
    pub written: Vec<super::HistoryEntry>,
}

/// When a photo was taken, from its EXIF (`DateTimeOriginal`, else `DateTime`), as
/// `YYYY-MM-DD HH:MM:SS` on the camera's clock; `None` when the file does not say.
pub fn taken_at(bytes: &[u8]) -> Option<String> {
    let exif = exif::Reader::new()
        .read_from_container(&mut Cursor::new(bytes))
        .ok()?;
    [exif::Tag::DateTimeOriginal, exif::Tag::DateTime]
        .into_iter()
        .find_map(|tag| {
            let field = exif.get_field(tag, exif::In::PRIMARY)?;
            let exif::Value::Ascii(values) = &field.value else {
                return None;
            };
            let t = exif::DateTime::from_ascii(values.first()?).ok()?;
            Some(format!(
                "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
                t.year, t.month, t.day, t.hour, t.minute, t.second
            ))
        })
}

impl Inspection {
    /// Attaches `bytes` (a file named `name`) to `target` with `caption`, in one batch:
    /// its bytes (kept once however often attached) and its record, or nothing. Returns
    /// the attachment's number and the rows written.
    pub fn attach(
        &mut self,
        target: Target,
        name: &str,
        bytes: &[u8],
        caption: &str,
    ) -> Result<Attached, AttachError> {
        self.attach_fitted(target, name, bytes, caption, None)
    }

    /// [`Inspection::attach`], with a photo longer than `max_side` pixels (at least
    /// [`downscale::MIN_SIDE`]) kept as a smaller copy whose record names the original
    /// ([`downscale::reduce`]); `None` keeps every file as given.
    pub fn attach_fitted(
        &mut self,
        target: Target,
        name: &str,
        bytes: &[u8],
        caption: &str,
        max_side: Option<u32>,
    ) -> Result<Attached, AttachError> {
        let name = name.to_string();
        let size = bytes.len() as u64;
        if size == 0 {
            return Err(AttachError::Empty { name });
        }
        if size > ATTACHMENT_LIMIT {
            return Err(AttachError::TooLarge {
                name,
                size,
                limit: ATTACHMENT_LIMIT,
            });
        }
        let kind = EvidenceKind::of(bytes)
            .ok_or_else(|| AttachError::NotEvidence { name: name.clone() })?;
        let reduced = match max_side {
            Some(side) => {
                downscale::reduce(bytes, kind.media_type(), side.max(downscale::MIN_SIDE)).map_err(
                    |why| AttachError::Unreadable {
                        name: name.clone(),
                        why,
                    },
                )?
            }
            None => None,
        };
        // The time taken is the original's: a smaller copy carries no EXIF.
        let taken_at = taken_at(bytes);
        let kept = match &reduced {
            Some(r) => Kept {
                name: downscale::reduced_name(&name, kind.media_type(), r.media_type),
                bytes: &r.bytes,
                media_type: r.media_type,
                original: Some(r.original.clone()),
            },
            None => Kept {
                name,
                bytes,
                media_type: kind.media_type(),
                original: None,
            },
        };
        self.keep(target, kept, taken_at, caption)
    }

    /// Writes the bytes kept and their record (and caption) in one batch, within the
    /// inspection's limit.
    fn keep(
        &mut self,
        target: Target,
        kept: Kept<'_>,
        taken_at: Option<String>,
        caption: &str,
    ) -> Result<Attached, AttachError> {
        let size = kept.bytes.len() as u64;
        let sha256 = crate::support::hash::sha256_hex(kept.bytes);
        let known = rows::evidence_bytes(&self.conn, &self.path, &sha256)?.is_some();
        let total = rows::evidence_total(&self.conn, &self.path)? + if known { 0 } else { size };
        if total > INSPECTION_EVIDENCE_LIMIT {
            return Err(AttachError::InspectionFull {
                name: kept.name,
                total,
                limit: INSPECTION_EVIDENCE_LIMIT,
            });
        }
        let history = self.history(None)?;
        let number = self
            .answers
            .next_evidence_number(history.iter().map(|e| &e.altered));
        let attachment = Attachment {
            target,
            sha256: sha256.clone(),
            name: kept.name,
            media_type: kept.media_type.to_string(),
            size,
            taken_at,
            attached_at: crate::support::time::now_utc(),
            original: kept.original,
        };
        let mut changes = vec![Change::Attach {
            number,
            attachment: Some(attachment),
        }];
        if !caption.trim().is_empty() {
            changes.push(Change::Caption {
                number,
                text: caption.trim().to_string(),
            });
        }
        let written = self.apply_with_bytes(&changes, &[(sha256.as_str(), kept.bytes)])?;
        Ok(Attached { number, written })
    }

    /// The bytes of attachment `number`, as attached.
    pub fn evidence_bytes(&self, number: u32) -> Result<Option<Vec<u8>>, StoreError> {
        let Some(e) = self.answers.evidence.get(&number) else {
            return Ok(None);
        };
        rows::evidence_bytes(&self.conn, &self.path, &e.attachment.sha256)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_read_from_the_bytes() {
        assert_eq!(
            EvidenceKind::of(b"\xFF\xD8\xFF\xE0rest"),
            Some(EvidenceKind::Jpeg)
        );
        assert_eq!(
            EvidenceKind::of(b"\x89PNG\r\n\x1a\nrest"),
            Some(EvidenceKind::Png)
        );
        assert_eq!(
            EvidenceKind::of(b"RIFF1234WEBPVP8 "),
            Some(EvidenceKind::Webp)
        );
        assert_eq!(
            EvidenceKind::of(b"\0\0\0\x18ftypheic"),
            Some(EvidenceKind::Heic)
        );
        assert_eq!(EvidenceKind::of(b"%PDF-1.7"), Some(EvidenceKind::Pdf));
        assert_eq!(
            EvidenceKind::of(b"\0\0\0\x18ftypisom"),
            None,
            "an MP4 video"
        );
        assert_eq!(EvidenceKind::of(b"MZ\x90\0"), None, "a program");
        assert_eq!(EvidenceKind::of(b""), None);
    }
}
