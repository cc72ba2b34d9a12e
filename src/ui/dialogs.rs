//! The operating system's file dialogs, behind a trait so that tests (which type paths
//! instead) replace them. Nothing else in the window calls `rfd`.

use std::path::PathBuf;

/// Native file dialogs, replaceable in tests.
pub trait Dialogs {
    /// Where to save a new inspection.
    fn save(&self, suggested_name: &str) -> Option<PathBuf>;
    /// Which inspection to open.
    fn open(&self) -> Option<PathBuf>;
    /// Which folder of results the commission overview reads (none by default: the
    /// path is typed).
    fn folder(&self) -> Option<PathBuf> {
        None
    }
    /// Which centre's self-assessment (JSON or CSV) to import (none by default: the path
    /// is typed).
    fn self_assessment(&self) -> Option<PathBuf> {
        None
    }
}

/// The operating system's dialogs (through the XDG desktop portal on Linux).
pub struct NativeDialogs;

impl Dialogs for NativeDialogs {
    fn save(&self, suggested_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .add_filter("akredit", &[crate::inspection::EXTENSION])
            .set_file_name(suggested_name)
            .save_file()
    }

    fn open(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .add_filter("akredit", &[crate::inspection::EXTENSION])
            .pick_file()
    }

    fn folder(&self) -> Option<PathBuf> {
        rfd::FileDialog::new().pick_folder()
    }

    fn self_assessment(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .add_filter("JSON, CSV", &["json", "csv"])
            .pick_file()
    }
}
