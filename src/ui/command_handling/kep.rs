//! The КЕП screen's commands: files given (dropped or chosen) filled into its form, the
//! trusted files chosen, and the check run ([`crate::kep::files::check_paths`]); the
//! trusted files are remembered in the settings.

use std::path::PathBuf;

use crate::kep::files::{check_paths, document_beside, read_trust_mixed};
use crate::ui::app::AkreditApp;
use crate::ui::i18n::T;
use crate::ui::kep_view::KepView;
use crate::ui::view::Screen;

impl AkreditApp {
    /// Shows the КЕП screen with `files` (a document and its signatures, in any order)
    /// and checks them.
    pub(super) fn kep_files(&mut self, files: &[PathBuf]) {
        self.kep.take_files(files);
        self.show_screen(Screen::Kep);
        self.check_kep();
    }

    /// Asks the native dialog for the document and its signature files.
    pub(super) fn browse_kep_files(&mut self) {
        let chosen = self.choose_files(|d| d.signed_files(), T::NoDialogKep);
        if !chosen.is_empty() {
            self.kep_files(&chosen);
        }
    }

    /// Asks the native dialog for trusted lists, CA certificates or CRLs, added to the
    /// form.
    pub(super) fn browse_kep_trust(&mut self) {
        let chosen = self.choose_files(|d| d.trust_files(), T::NoDialogKepTrust);
        if !chosen.is_empty() {
            self.kep.add_trust(&chosen);
        }
    }

    /// Checks the files of the form: the signatures given, else those beside the
    /// document; without a document, the one the first signature lies beside, else the
    /// one it holds. The document's own result is verified with the commission form's
    /// trusted keys, when they read.
    pub(super) fn check_kep(&mut self) {
        self.remember_kep_trust();
        let document = KepView::paths(&self.kep.document).into_iter().next();
        let mut signatures = KepView::paths(&self.kep.signatures);
        if signatures.is_empty()
            && let Some(doc) = &document
        {
            signatures = crate::kep::signatures_beside(doc);
        }
        let document = document.or_else(|| signatures.first().and_then(|s| document_beside(s)));
        let keys = self
            .commission
            .trusted
            .split([',', '\n'])
            .map(str::trim)
            .filter(|k| !k.is_empty());
        let keys = crate::signed::keys::trust_list(keys).unwrap_or_default();
        let outcome = read_trust_mixed(&KepView::paths(&self.kep.trust)).and_then(|trust| {
            check_paths(
                document.as_deref(),
                &signatures,
                &self.catalogue,
                &keys,
                &trust,
            )
        });
        self.kep.checked = signatures;
        self.kep.outcome = Some(outcome.map(Box::new));
    }

    /// Keeps the trusted files typed in the settings (saved at once).
    fn remember_kep_trust(&mut self) {
        let trust = self.kep.trust.trim().to_string();
        if self.settings.kep_trust != trust {
            self.settings.kep_trust = trust.clone();
            self.commission.kep_trust = trust;
            self.save_settings();
        }
    }
}
