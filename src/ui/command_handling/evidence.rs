//! Evidence in the window: photos and scans dropped onto a standard or a document, chosen
//! with the native dialog or pasted from the clipboard, each read within the limit and
//! attached ([`crate::inspection::Inspection::attach`]) as an undo step of its own; the
//! viewer opened, zoomed and closed; a piece removed (recorded, undoable) or saved as a
//! copy. The status line says what was done, or why not.

use std::path::{Path, PathBuf};

use crate::answers::{Change, Target};
use crate::inspection::ATTACHMENT_LIMIT;
use crate::support::files::read_bounded;
use crate::ui::app::{AkreditApp, Status};
use crate::ui::command::EvidenceAction;
use crate::ui::i18n::{self, T};
use crate::ui::session::Viewing;

/// Whether a dropped file's name says it is a photo or a scan (its bytes decide when it
/// is attached).
pub fn is_evidence_name(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["jpg", "jpeg", "png", "webp", "heic", "heif", "pdf"]
            .contains(&e.to_ascii_lowercase().as_str())
    })
}

/// The zoom's bounds in the viewer.
const ZOOM: std::ops::RangeInclusive<f32> = 0.05..=8.0;

impl AkreditApp {
    /// Does what the window asked of the evidence.
    pub(super) fn evidence(&mut self, action: EvidenceAction) {
        match action {
            EvidenceAction::Attach { target, files } => self.attach_files(target, &files),
            EvidenceAction::Browse(target) => {
                let files = self.choose_files(|d| d.evidence_files(), T::NoDialogEvidence);
                if !files.is_empty() {
                    self.attach_files(Some(target), &files);
                }
            }
            EvidenceAction::Paste(image) => self.attach_pasted(&image),
            EvidenceAction::View(number) => {
                if let Some(s) = &mut self.session {
                    s.viewing = number.map(|number| Viewing { number, zoom: None });
                }
            }
            EvidenceAction::Zoom(zoom) => {
                if let Some(v) = self.session.as_mut().and_then(|s| s.viewing.as_mut()) {
                    v.zoom = zoom.map(|z| z.clamp(*ZOOM.start(), *ZOOM.end()));
                }
            }
            EvidenceAction::Remove(number) => self.remove_evidence(number),
            EvidenceAction::SaveCopy(number) => self.save_evidence_copy(number),
        }
    }

    /// The focused standard as a target, or the status says to choose one.
    fn focused_target(&mut self) -> Option<Target> {
        let focused = self.session.as_ref().and_then(|s| s.focused.clone());
        if focused.is_none() {
            let lang = self.settings.language;
            self.status = Status::Error(T::AttachNeedsStandard.get(lang).to_string());
        }
        focused.map(Target::Standard)
    }

    /// Attaches `files` to `target` (none: the focused standard), each in a transaction
    /// and an undo step of its own; the first that is refused stops the rest, and says why.
    fn attach_files(&mut self, target: Option<Target>, files: &[PathBuf]) {
        let lang = self.settings.language;
        let Some(target) = target.or_else(|| self.focused_target()) else {
            return;
        };
        let mut attached = Vec::new();
        for path in files {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string());
            let bytes = match read_bounded(path, ATTACHMENT_LIMIT, "attachment") {
                Ok(b) => b,
                Err(e) => {
                    self.status = Status::Error(i18n::error(&e, lang));
                    return;
                }
            };
            let Some(number) = self.attach_bytes(&target, &name, &bytes) else {
                return;
            };
            let original = self.session.as_ref().and_then(|s| {
                let e = s.inspection.answers().evidence.get(&number)?;
                e.attachment.original.clone()
            });
            attached.push(match original {
                Some(o) => format!(
                    "{name} ({} {number}, {} {}×{})",
                    T::EvidenceShort.get(lang),
                    T::EvidenceReducedFrom.get(lang),
                    o.width,
                    o.height
                ),
                None => format!("{name} ({} {number})", T::EvidenceShort.get(lang)),
            });
        }
        self.status = Status::Info(format!(
            "{} {}: {}",
            T::AttachedTo.get(lang),
            i18n::target_name(&target, lang),
            attached.join(", ")
        ));
    }

    /// Attaches one file's bytes; its number, or `None` with the status saying why not.
    fn attach_bytes(&mut self, target: &Target, name: &str, bytes: &[u8]) -> Option<u32> {
        let lang = self.settings.language;
        let s = self.session.as_mut()?;
        let max_side = self
            .settings
            .reduce_photos
            .then_some(crate::inspection::downscale::WINDOW_SIDE);
        match s
            .inspection
            .attach_fitted(target.clone(), name, bytes, "", max_side)
        {
            Ok(done) => {
                s.refresh();
                self.after_written(done.written);
                Some(done.number)
            }
            Err(e) => {
                self.status = Status::Error(i18n::error(&e, lang));
                None
            }
        }
    }

    /// A picture pasted from the clipboard, as `вставлено-YYYYMMDD-HHMMSS.png`, on the
    /// focused standard.
    fn attach_pasted(&mut self, image: &egui::ColorImage) {
        let lang = self.settings.language;
        let Some(target) = self.focused_target() else {
            return;
        };
        let png = match crate::ui::pictures::png_of(image) {
            Ok(png) => png,
            Err(why) => {
                self.status = Status::Error(format!("{}: {why}", T::PasteFailed.get(lang)));
                return;
            }
        };
        let digits: String = crate::support::time::now_utc()
            .chars()
            .filter(char::is_ascii_digit)
            .take(14)
            .collect();
        let (day, time) = digits.split_at(digits.len().min(8));
        let name = format!("{}-{day}-{time}.png", T::PastedName.get(lang));
        if let Some(number) = self.attach_bytes(&target, &name, &png) {
            self.status = Status::Info(format!(
                "{} {}: {name} ({} {number})",
                T::AttachedTo.get(lang),
                i18n::target_name(&target, lang),
                T::EvidenceShort.get(lang)
            ));
        }
    }

    /// Removes a piece of evidence (its caption with it): one undo step; the viewer closes.
    fn remove_evidence(&mut self, number: u32) {
        let change = Change::Attach {
            number,
            attachment: None,
        };
        if self.apply(vec![change])
            && let Some(s) = &mut self.session
        {
            s.viewing = None;
            let lang = self.settings.language;
            self.status = Status::Info(format!(
                "{} {number} {}",
                T::EvidenceShortCapital.get(lang),
                T::EvidenceRemoved.get(lang)
            ));
        }
    }

    /// Writes a piece of evidence's bytes where the native dialog says (never over a file).
    fn save_evidence_copy(&mut self, number: u32) {
        let lang = self.settings.language;
        let Some(s) = &self.session else {
            return;
        };
        let Some(e) = s.inspection.answers().evidence.get(&number) else {
            return;
        };
        let name = crate::signed::evidence::safe_file_name(&e.attachment.name);
        let extension = Path::new(&name)
            .extension()
            .map(|x| x.to_string_lossy().into_owned())
            .unwrap_or_default();
        let suggested = crate::support::files::parent_dir(s.inspection.path()).join(&name);
        let kind = e.attachment.media_type.clone();
        let bytes = match s.inspection.evidence_bytes(number) {
            Ok(Some(b)) => b,
            Ok(None) => return,
            Err(e) => {
                self.status = Status::Error(i18n::error(&e, lang));
                return;
            }
        };
        let Some(path) = self.choose(
            |d| d.save_new(&suggested, &kind, &extension),
            T::NoDialogEvidenceCopy,
        ) else {
            return;
        };
        self.status = match crate::support::files::write_new(&path, &bytes) {
            Ok(()) => Status::Info(format!("{}: {}", T::Saved.get(lang), path.display())),
            Err(e) => Status::Error(i18n::error(&e, lang)),
        };
    }
}
