//! What the commission screen's buttons do besides verifying: remember the form in the
//! settings, save the table as CSV ([`crate::commission::Overview::to_csv`]: the bytes
//! `akredit commission --csv` writes), write the protocol of the result shown
//! ([`crate::protocol::render`], as `akredit protocol` does), and show a result's folder.
//! Nothing is ever written over an existing file.

use std::path::{Path, PathBuf};

use super::state::{Detail, SaveForm};
use crate::catalogue::Catalogue;
use crate::commission::Overview;
use crate::protocol::Provenance;
use crate::support::files::{self, free_name};
use crate::support::settings::Language;
use crate::support::time::now_utc;
use crate::ui::app::{AkreditApp, Status};
use crate::ui::command::CommissionAction as Action;
use crate::ui::i18n::{self, T};

impl AkreditApp {
    /// Does what the commission screen asked for.
    pub(in crate::ui) fn commission_action(&mut self, action: Action) {
        let lang = self.settings.language;
        let view = &mut self.commission;
        match action {
            Action::Remember => self.remember_commission_form(),
            Action::StartCsv => {
                view.csv = Some(SaveForm::at(&csv_suggestion(&view.path)));
            }
            Action::BrowseCsv => {
                if let Some(form) = &mut view.csv {
                    browse(form, self.dialogs.as_ref(), "CSV", "csv");
                }
            }
            Action::SaveCsv => {
                let Some(overview) = &view.overview else {
                    return;
                };
                let Some(form) = &mut view.csv else {
                    return;
                };
                let outcome = write_csv(overview, &form.path, lang);
                self.status = status_of(&outcome);
                form.outcome = Some(outcome);
            }
            Action::StartProtocol => {
                if let Some(d) = &mut view.detail {
                    d.protocol = Some(SaveForm::at(&free_name(&d.path.with_extension("pdf"))));
                }
            }
            Action::BrowseProtocol => {
                if let Some(form) = view.detail.as_mut().and_then(|d| d.protocol.as_mut()) {
                    browse(form, self.dialogs.as_ref(), "PDF", "pdf");
                }
            }
            Action::SaveProtocol => {
                let Some(d) = &mut view.detail else {
                    return;
                };
                let typed = d
                    .protocol
                    .as_ref()
                    .map(|f| f.path.clone())
                    .unwrap_or_default();
                let outcome = write_protocol(d, &self.catalogue, &typed, lang);
                self.status = status_of(&outcome);
                if let Some(form) = &mut d.protocol {
                    form.outcome = Some(outcome);
                }
            }
            Action::RevealFolder => self.reveal_result_folder(),
            Action::StartCosign => {
                if let Some(d) = &mut view.detail {
                    d.cosign = Some(SaveForm::at(&cosigned_suggestion(&d.path)));
                }
            }
            Action::BrowseCosign => {
                if let Some(form) = view.detail.as_mut().and_then(|d| d.cosign.as_mut()) {
                    browse(form, self.dialogs.as_ref(), "JSON", "json");
                }
            }
            Action::SaveCosign => self.save_cosigned(),
        }
    }

    /// Co-signs the result shown with this computer's key into the form's new file, and
    /// shows the new file (verified again) when it is written.
    fn save_cosigned(&mut self) {
        let lang = self.settings.language;
        let Some(d) = &mut self.commission.detail else {
            return;
        };
        let typed = d
            .cosign
            .as_ref()
            .map(|f| f.path.clone())
            .unwrap_or_default();
        let outcome = write_cosigned(d, &self.catalogue, self.home.as_ref(), &typed, lang);
        self.status = status_of(
            &outcome
                .as_ref()
                .map(|(text, _)| text.clone())
                .map_err(Clone::clone),
        );
        match outcome {
            Ok((_, written)) => {
                super::runner::open(&mut self.commission, &self.catalogue, &written, lang);
            }
            Err(e) => {
                if let Some(form) = &mut d.cosign {
                    form.outcome = Some(Err(e));
                }
            }
        }
    }

    /// Keeps the folder and trusted keys typed in the settings (saved at once), so the
    /// next start opens on them.
    fn remember_commission_form(&mut self) {
        let folder = self.commission.path.trim().to_string();
        let trusted = self.commission.trusted.trim().to_string();
        let kep_trust = self.commission.kep_trust.trim().to_string();
        if self.settings.commission_folder != folder
            || self.settings.commission_trusted != trusted
            || self.settings.kep_trust != kep_trust
        {
            self.settings.commission_folder = folder;
            self.settings.commission_trusted = trusted;
            self.kep.trust = kep_trust.clone();
            self.settings.kep_trust = kep_trust;
            self.save_settings();
        }
    }

    /// Opens the folder of the result shown in the file manager.
    fn reveal_result_folder(&mut self) {
        let Some(d) = &self.commission.detail else {
            return;
        };
        let folder = match d.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let lang = self.settings.language;
        self.status = match self.dialogs.reveal(&folder) {
            Ok(()) => Status::Info(format!(
                "{} {}",
                T::FolderOpened.get(lang),
                folder.display()
            )),
            Err(e) => Status::Error(format!(
                "{} {}: {e}",
                T::FolderNotOpened.get(lang),
                folder.display()
            )),
        };
    }
}

impl SaveForm {
    /// A form with `path` suggested.
    fn at(path: &Path) -> SaveForm {
        SaveForm {
            path: path.display().to_string(),
            outcome: None,
        }
    }
}

/// Puts what the native dialog chose into the form (nothing when it was cancelled).
fn browse(form: &mut SaveForm, dialogs: &dyn crate::ui::Dialogs, kind: &str, extension: &str) {
    let suggested = PathBuf::from(form.path.trim());
    if let Some(path) = dialogs.save_new(&suggested, kind, extension) {
        form.path = path.display().to_string();
        form.outcome = None;
    }
}

/// The status bar's line for what a save gave.
fn status_of(outcome: &Result<String, String>) -> Status {
    match outcome {
        Ok(summary) => Status::Info(summary.clone()),
        Err(e) => Status::Error(e.clone()),
    }
}

/// `commission-YYYY-MM-DD.csv` in the folder of results (beside the file, when one file
/// was verified), numbered when the name is taken.
fn csv_suggestion(typed: &str) -> PathBuf {
    let given = PathBuf::from(typed.trim());
    let folder = if given.is_dir() {
        given
    } else {
        given
            .parent()
            .map(Path::to_path_buf)
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| PathBuf::from("."))
    };
    let today = now_utc().get(..10).unwrap_or_default().to_string();
    free_name(&folder.join(format!("commission-{today}.csv")))
}

/// The path typed, refused when empty (a taken one is refused when writing).
fn typed_path(typed: &str, lang: Language) -> Result<PathBuf, String> {
    let path = PathBuf::from(typed.trim());
    if path.as_os_str().is_empty() {
        return Err(T::NoPathGiven.get(lang).to_string());
    }
    Ok(path)
}

/// Writes the table as CSV to a new file.
fn write_csv(overview: &Overview, typed: &str, lang: Language) -> Result<String, String> {
    let path = typed_path(typed, lang)?;
    let bytes = overview.to_csv().map_err(|e| i18n::error(&e, lang))?;
    files::write_new(&path, &bytes).map_err(|e| i18n::error(&e, lang))?;
    Ok(format!(
        "{} {} ({} {})",
        T::CsvWritten.get(lang),
        path.display(),
        T::CountFiles.get(lang),
        overview.rows.len()
    ))
}

/// `NAME-cosigned.json` beside the result (numbered when taken).
fn cosigned_suggestion(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "result".into());
    free_name(&path.with_file_name(format!("{stem}-cosigned.json")))
}

/// Adds this computer's key's signature to the result shown (as `akredit cosign` does)
/// and writes the co-signed result to a new file; returns what to say and the new file.
fn write_cosigned(
    d: &Detail,
    catalogue: &Catalogue,
    home: Option<&crate::support::home::Home>,
    typed: &str,
    lang: Language,
) -> Result<(String, PathBuf), String> {
    let path = typed_path(typed, lang)?;
    let home = home.ok_or_else(|| T::NoDataFolder.get(lang).to_string())?;
    let identity = crate::signed::Identity::load(home).map_err(|e| i18n::error(&e, lang))?;
    let bytes = crate::signed::read_result_file(&d.path).map_err(|e| i18n::error(&e, lang))?;
    let done = crate::signed::cosign_to(&bytes, catalogue, &identity, &path)
        .map_err(|e| i18n::error(&e, lang))?;
    let (signed, of) = done.signed_of;
    Ok((
        format!(
            "{} {} — {} {signed} {} {of}; {}",
            T::CosignDone.get(lang),
            done.name,
            T::SignedByCount.get(lang),
            T::OfCount.get(lang),
            path.display()
        ),
        path,
    ))
}

/// Writes the protocol of the result shown to a new file: only of a result that verifies
/// (with the keys of the last run), its hash and key printed in it.
fn write_protocol(
    d: &Detail,
    catalogue: &Catalogue,
    typed: &str,
    lang: Language,
) -> Result<String, String> {
    let path = typed_path(typed, lang)?;
    let verified = d
        .verification
        .as_ref()
        .filter(|v| v.holds())
        .and_then(|v| v.result.as_ref().zip(v.sha256.as_ref()));
    let Some((result, sha256)) = verified else {
        return Err(T::ProtocolNotVerified.get(lang).to_string());
    };
    // The file as it is now is embedded only if it is still the result that was verified.
    let result_file = crate::signed::read_result_file(&d.path)
        .ok()
        .filter(|bytes| {
            let again = crate::signed::verify(bytes, catalogue, &[]);
            again.holds() && again.sha256.as_ref() == Some(sha256)
        })
        .unwrap_or_default();
    let provenance = Provenance {
        result_sha256: sha256.clone(),
        fingerprint: result.signature.fingerprint().unwrap_or_default(),
        result_file,
    };
    let pdf = crate::protocol::render(&result.payload, catalogue, Some(&provenance))
        .map_err(|e| i18n::error(&e, lang))?;
    files::write_new(&path, &pdf).map_err(|e| i18n::error(&e, lang))?;
    Ok(format!(
        "{} {}",
        T::ProtocolWritten.get(lang),
        path.display()
    ))
}
