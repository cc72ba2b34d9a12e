//! Photos and scans dropped on an open inspection: each read within the limit and
//! attached to the focused standard ([`crate::inspection::Inspection::attach`]), an undo
//! step of its own; the status line says what was attached, or why not.

use std::path::{Path, PathBuf};

use crate::answers::Target;
use crate::inspection::ATTACHMENT_LIMIT;
use crate::support::files::read_bounded;
use crate::ui::app::{AkreditApp, Status};
use crate::ui::i18n::{self, T};

/// Whether a dropped file's name says it is a photo or a scan (its bytes decide when it
/// is attached).
pub fn is_evidence_name(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["jpg", "jpeg", "png", "webp", "heic", "heif", "pdf"]
            .contains(&e.to_ascii_lowercase().as_str())
    })
}

impl AkreditApp {
    /// Attaches `files` to the focused standard, each in a transaction and an undo step
    /// of its own; the first that is refused stops the rest, and says why.
    pub(super) fn attach_files(&mut self, files: &[PathBuf]) {
        let lang = self.settings.language;
        let Some(code) = self.session.as_ref().and_then(|s| s.focused.clone()) else {
            self.status = Status::Error(T::AttachNeedsStandard.get(lang).to_string());
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
            let Some(s) = &mut self.session else {
                return;
            };
            match s
                .inspection
                .attach(Target::Standard(code.clone()), &name, &bytes, "")
            {
                Ok(done) => {
                    s.refresh();
                    self.after_written(done.written);
                    attached.push(format!(
                        "{name} ({} {})",
                        T::EvidenceShort.get(lang),
                        done.number
                    ));
                }
                Err(e) => {
                    self.status = Status::Error(i18n::error(&e, lang));
                    return;
                }
            }
        }
        self.status = Status::Info(format!(
            "{} {code}: {}",
            T::AttachedTo.get(lang),
            attached.join(", ")
        ));
    }
}
