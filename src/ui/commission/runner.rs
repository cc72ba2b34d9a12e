//! Running the overview: the trusted keys read by [`crate::signed::keys::trust_list`], the
//! files listed and verified by [`crate::commission`] exactly as `akredit commission`
//! does — in a background thread for large folders, so that the window keeps drawing —
//! and one result verified again to be shown read-only.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::TryRecvError;

use super::state::{CommissionView, Detail, Pending};
use crate::catalogue::Catalogue;
use crate::commission::{self as domain, Overview};
use crate::signed::TrustedKey;
use crate::support::settings::Language;
use crate::ui::i18n::{self, T};

/// Folders with more results than this are verified in a background thread, so that the
/// window keeps drawing (about 0.6 ms per result on two cores: 0.1 s here).
pub const BACKGROUND_FROM: usize = 200;

/// The trusted keys typed in the form, read as `akredit commission --trust` reads them:
/// files holding an identity.json (its `public_key` and `name`) or a base64 key, or base64
/// keys.
fn parse_trusted(text: &str, lang: Language) -> Result<Vec<TrustedKey>, String> {
    let items = text
        .split([',', '\n'])
        .map(str::trim)
        .filter(|i| !i.is_empty());
    crate::signed::keys::trust_list(items)
        .map_err(|e| format!("{e} ({})", T::BadTrustedKey.get(lang)))
}

/// Lists and verifies the results named in the form (all cores; 1 000 results take well
/// under a second), and shows the table, keeping the chosen sort.
pub fn run(view: &mut CommissionView, catalogue: &Arc<Catalogue>, lang: Language) {
    // Nothing of an earlier run stays on screen under a new error.
    view.detail = None;
    view.overview = None;
    view.order.clear();
    let trusted = match parse_trusted(&view.trusted, lang) {
        Ok(t) => t,
        Err(e) => {
            view.error = Some(e);
            return;
        }
    };
    let kep_paths = crate::ui::kep_view::KepView::paths(&view.kep_trust);
    let kep_trust = match crate::kep::files::read_trust_mixed(&kep_paths) {
        Ok(t) => t,
        Err(e) => {
            view.error = Some(i18n::kep::paths_error(&e, lang));
            return;
        }
    };
    let path = PathBuf::from(view.path.trim());
    let files = match domain::collect_files(std::slice::from_ref(&path)) {
        Ok(f) if f.is_empty() => {
            view.error = Some(format!(
                "{}: {}",
                T::NoResultFiles.get(lang),
                path.display()
            ));
            return;
        }
        Ok(f) => f,
        Err(e) => {
            view.error = Some(i18n::error(&e, lang));
            return;
        }
    };
    view.error = None;
    if files.len() < BACKGROUND_FROM {
        let overview = domain::overview_with(&files, catalogue, &trusted, &kep_trust);
        finish(view, overview, trusted);
        return;
    }
    let (sender, receiver) = std::sync::mpsc::channel();
    let catalogue = catalogue.clone();
    let keys = trusted.clone();
    view.pending = Some(Pending {
        files: files.len(),
        trusted,
        receiver,
    });
    std::thread::spawn(move || {
        // The window may have gone on to another run; then nobody listens, which is fine.
        sender
            .send(domain::overview_with(&files, &catalogue, &keys, &kep_trust))
            .ok();
    });
}

fn finish(view: &mut CommissionView, overview: Overview, trusted: Vec<TrustedKey>) {
    view.overview = Some(overview);
    view.trusted_fingerprints = trusted
        .iter()
        .map(|t| crate::signed::fingerprint(&t.key))
        .collect();
    view.trusted_keys = trusted;
    view.reorder();
}

/// Takes the background verification's table when it has arrived; true while it runs.
pub fn poll(view: &mut CommissionView, lang: Language) -> bool {
    let Some(pending) = &view.pending else {
        return false;
    };
    match pending.receiver.try_recv() {
        Ok(overview) => {
            if let Some(p) = view.pending.take() {
                finish(view, overview, p.trusted);
            }
            false
        }
        Err(TryRecvError::Empty) => true,
        Err(TryRecvError::Disconnected) => {
            view.pending = None;
            view.error = Some(T::VerificationStopped.get(lang).to_string());
            false
        }
    }
}

/// Shows `path` read-only: verified again (with the keys of the last run) and read.
pub fn open(view: &mut CommissionView, catalogue: &Catalogue, path: &Path, lang: Language) {
    let row = view
        .overview
        .as_ref()
        .and_then(|o| o.rows.iter().find(|r| r.path == path).cloned());
    let (verification, read_error) = match crate::signed::read_result_file(path) {
        Ok(bytes) => (
            Some(crate::signed::verify(&bytes, catalogue, &view.trusted_keys)),
            None,
        ),
        Err(e) => (None, Some(i18n::error(&e, lang))),
    };
    view.detail = Some(Detail {
        path: path.to_path_buf(),
        verification,
        read_error,
        row,
        protocol: None,
        cosign: None,
    });
}
