//! The КЕП screen's state: the document and signature files to check (typed, chosen or
//! dropped on the window), the trusted lists, CA certificates and CRLs, and what the
//! last check found. The check is [`crate::kep::files::check_paths`], as `akredit kep
//! check` runs it.

use std::path::PathBuf;

use crate::kep::KepCheck;
use crate::kep::files::KepPathsError;

/// What the КЕП screen shows.
#[derive(Debug, Default)]
pub struct KepView {
    /// The signed document's path (a conclusion or protocol PDF, a result); empty when
    /// an attached signature or a container holds it.
    pub document: String,
    /// The signature files (`.p7s`, `.asice`), one path per line; empty: those beside
    /// the document.
    pub signatures: String,
    /// The trusted lists (TL-UA-*.xml), CA certificates and CRLs, one path per line.
    pub trust: String,
    /// What the last check found, or why it could not be made.
    pub outcome: Option<Result<Box<KepCheck>, KepPathsError>>,
    /// The signature files the last check read (those beside the document, when none
    /// was given).
    pub checked: Vec<PathBuf>,
}

impl KepView {
    /// A new view with the trusted files remembered in the settings.
    pub fn remembered(settings: &crate::support::settings::Settings) -> KepView {
        KepView {
            trust: settings.kep_trust.clone(),
            ..KepView::default()
        }
    }

    /// The paths of a field of one path per line (or `;`-separated), without blanks.
    pub fn paths(text: &str) -> Vec<PathBuf> {
        text.split(['\n', ';'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
            .collect()
    }

    /// Fills the form from files given together (dropped or chosen): the document, and
    /// the signatures (those beside the document when only it was given).
    pub fn take_files(&mut self, files: &[PathBuf]) {
        let (document, signatures) = crate::kep::files::sort_given(files);
        self.document = document
            .map(|d| d.display().to_string())
            .unwrap_or_default();
        self.signatures = signatures
            .iter()
            .map(|s| s.display().to_string())
            .collect::<Vec<_>>()
            .join("\n");
        self.outcome = None;
    }

    /// Adds trusted files (chosen) to the field, each once.
    pub fn add_trust(&mut self, files: &[PathBuf]) {
        let mut paths = KepView::paths(&self.trust);
        for f in files {
            if !paths.contains(f) {
                paths.push(f.clone());
            }
        }
        self.trust = paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join("\n");
    }
}
