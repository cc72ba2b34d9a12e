//! The Export dialog's work: open it (reading once whether a signing key exists), sign and
//! write the result with [`crate::signed::export`] and the protocol beside it with
//! [`crate::protocol::write_beside`] — or, in a centre's own file, write its
//! self-assessment with [`crate::self_assessment::export_self`].

use std::path::PathBuf;

use crate::signed::{self, Identity, KeyError};
use crate::support::files;
use crate::support::home::Home;
use crate::support::settings::Language;
use crate::support::time::now_utc;
use crate::ui::app::{AkreditApp, Status};
use crate::ui::forms::ExportDialog;
use crate::ui::i18n::{self, T};

impl AkreditApp {
    /// Opens the Export dialog with the file suggested beside the inspection.
    pub(super) fn open_export(&mut self) {
        if let Some(s) = &self.session {
            let is_self = s.is_self_assessment();
            let is_part = s.part_member().is_some();
            let path = if is_part {
                // A member's part: signed for the head, with no protocol or conclusion.
                s.inspection.path().with_extension("part.json")
            } else {
                ExportDialog::suggested_path(s.inspection.path(), is_self)
            };
            self.export = Some(ExportDialog {
                path: path.display().to_string(),
                with_pdf: !is_part,
                with_conclusion: !is_self && !is_part,
                has_key: has_key(self.home.as_ref()),
                ..Default::default()
            });
        }
    }

    /// Runs the export the dialog describes; its outcome goes to the dialog and the
    /// status bar.
    pub(super) fn run_export(&mut self) {
        let Some(dialog) = self.export.clone() else {
            return;
        };
        let outcome = self.export_as(&dialog);
        self.status = match &outcome {
            Ok(summary) => Status::Info(summary.clone()),
            Err(e) => Status::Error(e.clone()),
        };
        let made_key = !dialog.has_key && has_key(self.home.as_ref());
        if let Some(d) = &mut self.export {
            d.outcome = Some(outcome);
            d.has_key |= made_key;
        }
    }

    fn export_as(&mut self, dialog: &ExportDialog) -> Result<String, String> {
        let lang = self.settings.language;
        let home = self
            .home
            .clone()
            .ok_or_else(|| T::NoDataFolder.get(lang).to_string())?;
        if self
            .session
            .as_ref()
            .is_some_and(|s| s.is_self_assessment())
        {
            return self.export_self(dialog);
        }
        let identity = match Identity::load(&home) {
            Ok(i) => i,
            // The name goes into every result the key signs: made only once confirmed.
            Err(KeyError::Missing(_)) if !dialog.key_name_confirmed => {
                return Err(T::SignBlockedKeyConfirm.get(lang).to_string());
            }
            Err(KeyError::Missing(_)) => {
                Identity::create(&home, &dialog.key_name).map_err(|e| i18n::error(&e, lang))?
            }
            Err(e) => return Err(i18n::error(&e, lang)),
        };
        let path = new_file(&dialog.path, lang)?;
        let catalogue = self.catalogue.clone();
        let Some(session) = &mut self.session else {
            return Err(String::new());
        };
        if session.part_member().is_some() {
            return export_part(&session.inspection, &identity, &path, lang);
        }
        let signed = signed::export(&mut session.inspection, &identity, dialog.draft, &path)
            .map_err(|e| i18n::error(&e, lang))?;
        let mut summary = format!(
            "{} {} · SHA-256 {} · {} {}",
            T::ExportWritten.get(lang),
            path.display(),
            signed.sha256,
            T::Fingerprint.get(lang),
            signed.fingerprint
        );
        if dialog.with_pdf {
            let pdf = crate::protocol::write_beside(&path, &signed, &catalogue)
                .map_err(|e| i18n::error(&e, lang))?;
            summary.push_str(&format!(" · PDF {}", pdf.display()));
        }
        if dialog.with_conclusion {
            let beside = crate::conclusion::write_beside(&path, &signed, &catalogue)
                .map_err(|e| i18n::error(&e, lang))?;
            summary.push_str(&format!(
                " · {} {}, {} · {} {}",
                T::ConclusionWritten.get(lang),
                beside.pdf.display(),
                beside.docx.display(),
                T::ActionPlanWritten.get(lang),
                beside.plan.display()
            ));
            // What comes next for the conclusion: the qualified signature, checked here.
            summary.push_str(&format!(" · {}", T::KepNextStep.get(lang)));
        }
        Ok(summary)
    }

    /// Writes a centre's self-assessment: signed when this computer has a key (or one is
    /// made with the name given), unsigned otherwise.
    fn export_self(&mut self, dialog: &ExportDialog) -> Result<String, String> {
        let lang = self.settings.language;
        let identity = match &self.home {
            None => None,
            Some(home) => match Identity::load_if_any(home).map_err(|e| i18n::error(&e, lang))? {
                None if !dialog.key_name.trim().is_empty() && !dialog.key_name_confirmed => {
                    return Err(T::SignBlockedKeyConfirm.get(lang).to_string());
                }
                None if !dialog.key_name.trim().is_empty() => Some(
                    Identity::create(home, &dialog.key_name).map_err(|e| i18n::error(&e, lang))?,
                ),
                found => found,
            },
        };
        let path = new_file(&dialog.path, lang)?;
        let Some(session) = &self.session else {
            return Err(String::new());
        };
        let written =
            crate::self_assessment::export_self(&session.inspection, identity.as_ref(), &now_utc())
                .map_err(|e| i18n::error(&e, lang))?;
        signed::write_new_file(&path, &written.bytes).map_err(|e| i18n::error(&e, lang))?;
        let mut summary = format!(
            "{} {} · {}/{} · SHA-256 {} · {}",
            T::ExportWritten.get(lang),
            path.display(),
            written.graded,
            written.standards,
            crate::catalogue::sha256_hex(&written.bytes),
            written.fingerprint.map_or_else(
                || T::Unsigned.get(lang).to_string(),
                |f| format!("{} {f}", T::Fingerprint.get(lang))
            )
        );
        if dialog.with_pdf {
            // The centre's own print of its self-assessment, beside the file.
            let pdf = path.with_extension("pdf");
            let payload = crate::protocol::of_inspection(&session.inspection)
                .map_err(|e| i18n::error(&e, lang))?;
            let bytes = crate::protocol::render(&payload, session.inspection.catalogue(), None)
                .map_err(|e| i18n::error(&e, lang))?;
            signed::write_new_file(&pdf, &bytes).map_err(|e| i18n::error(&e, lang))?;
            summary.push_str(&format!(" · PDF {}", pdf.display()));
        }
        Ok(summary)
    }
}

/// Signs a member's part file with `identity` (as `akredit export-part` does) into the
/// new file `path`, and says where it went and what it holds.
fn export_part(
    part: &crate::inspection::Inspection,
    identity: &Identity,
    path: &std::path::Path,
    lang: Language,
) -> Result<String, String> {
    let exported = crate::team::sign_part(part, identity).map_err(|e| i18n::error(&e, lang))?;
    signed::write_new_file(path, &exported.bytes).map_err(|e| i18n::error(&e, lang))?;
    let mut summary = format!(
        "{} {} · {} {} · {} {}",
        T::PartWritten.get(lang),
        path.display(),
        T::PartStandards.get(lang),
        exported.payload.standards.len(),
        T::Fingerprint.get(lang),
        identity.fingerprint()
    );
    let outside = crate::team::outside_assignment(part);
    if !outside.is_empty() {
        let codes: Vec<&str> = outside.iter().map(|c| c.as_str()).collect();
        summary.push_str(&format!(
            " · {} {}",
            T::PartOutside.get(lang),
            codes.join(", ")
        ));
    }
    Ok(summary)
}

/// Whether this computer has a usable signing key (read from the data folder).
fn has_key(home: Option<&Home>) -> bool {
    home.is_some_and(|h| Identity::load(h).is_ok())
}

/// The path typed for the new file, refused when empty or already taken (before a key is
/// made or anything is signed).
fn new_file(typed: &str, lang: Language) -> Result<PathBuf, String> {
    let path = PathBuf::from(typed.trim());
    if path.as_os_str().is_empty() || files::occupied(&path) {
        return Err(format!("{}: {}", path.display(), T::ExportExists.get(lang)));
    }
    Ok(path)
}
