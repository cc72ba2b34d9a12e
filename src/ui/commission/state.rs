//! What the commission overview holds: its form, the last run's table and its order, the
//! result shown read-only, and a verification running in the background.

use std::path::PathBuf;
use std::sync::mpsc::Receiver;

use super::sort::{self, SortKey};
use crate::commission::{Overview, Row};
use crate::signed::{TrustedKey, Verification};
use crate::support::settings::Settings;

/// The state of the commission overview.
#[derive(Debug, Default)]
pub struct CommissionView {
    /// The folder (or file) of results, as typed or chosen.
    pub path: String,
    /// Trusted keys as typed: paths or base64, comma- or line-separated.
    pub trusted: String,
    /// The trusted lists, CA certificates and CRLs of the КЕП column, one path per line.
    pub kep_trust: String,
    /// Why the last run gave no table (a missing folder, a bad key, no results).
    pub error: Option<String>,
    /// The last run's table, rows in the order the files were found.
    pub overview: Option<Overview>,
    /// The fingerprints of the trusted keys the last run used.
    pub trusted_fingerprints: Vec<String>,
    /// The column sorted by, and whether ascending; `None`: the order found.
    pub sort: Option<(SortKey, bool)>,
    /// The rows' indices in the order shown.
    pub order: Vec<usize>,
    /// The result shown read-only, when one is.
    pub detail: Option<Detail>,
    /// A verification running in the background (large folders), if any.
    pub pending: Option<Pending>,
    /// The trusted keys of the last run (a result shown is verified with them again).
    pub(super) trusted_keys: Vec<TrustedKey>,
    /// Where the table's CSV goes, while that form is open.
    pub csv: Option<SaveForm>,
    /// Whether the remembered folder was verified on the screen's first showing.
    pub(super) remembered_run: bool,
}

/// A new file being saved (the table's CSV, a result's protocol): the path the user
/// confirms, and what the last attempt gave.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SaveForm {
    /// Where to write, as suggested, chosen or typed.
    pub path: String,
    /// What the last attempt gave: the summary, or why nothing was written.
    pub outcome: Option<Result<String, String>>,
}

/// A verification running in the background.
#[derive(Debug)]
pub struct Pending {
    /// How many files are being verified.
    pub files: usize,
    /// The trusted keys it uses.
    pub(super) trusted: Vec<TrustedKey>,
    /// Where the table arrives.
    pub(super) receiver: Receiver<Overview>,
}

/// A result shown read-only.
#[derive(Debug)]
pub struct Detail {
    /// The file.
    pub path: PathBuf,
    /// What verification found; `None` when the file could not be read at all.
    pub verification: Option<Verification>,
    /// Why the file could not be read.
    pub read_error: Option<String>,
    /// Its row in the table (status and notes within the set).
    pub row: Option<Row>,
    /// Where its protocol goes, while that form is open.
    pub protocol: Option<SaveForm>,
    /// Where the result co-signed with this computer's key goes, while that form is open.
    pub cosign: Option<SaveForm>,
}

impl CommissionView {
    /// The overview with the folder and trusted keys remembered in the settings.
    pub fn remembered(settings: &Settings) -> CommissionView {
        CommissionView {
            path: settings.commission_folder.clone(),
            trusted: settings.commission_trusted.clone(),
            kep_trust: settings.kep_trust.clone(),
            ..CommissionView::default()
        }
    }

    /// Sorts by `key`; the same key again reverses the order.
    pub fn sort_by(&mut self, key: SortKey) {
        self.sort = match self.sort {
            Some((k, ascending)) if k == key => Some((key, !ascending)),
            _ => Some((key, true)),
        };
        self.reorder();
    }

    /// Puts the rows in the order of the chosen sort.
    pub(super) fn reorder(&mut self) {
        self.order = match &self.overview {
            Some(o) => sort::order(&o.rows, self.sort),
            None => Vec::new(),
        };
    }
}
