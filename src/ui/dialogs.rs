//! The operating system's file dialogs, behind a trait so that tests (which type paths
//! instead) replace them. Nothing else in the window calls `rfd`.

use std::path::{Path, PathBuf};

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
    /// Which identity.json holds a member's key (none by default: the key is pasted).
    fn identity(&self) -> Option<PathBuf> {
        None
    }
    /// Which members' signed parts to merge (none by default: the files are dropped).
    fn parts(&self) -> Vec<PathBuf> {
        Vec::new()
    }
    /// Which signed document and signature files (`.p7s`, `.asice`) to check (none by
    /// default: the paths are typed or the files dropped).
    fn signed_files(&self) -> Vec<PathBuf> {
        Vec::new()
    }
    /// Which trusted lists, CA certificates or CRLs the КЕП check trusts (none by
    /// default: the paths are typed).
    fn trust_files(&self) -> Vec<PathBuf> {
        Vec::new()
    }
    /// Which photos and scans to attach (none by default: the files are dropped).
    fn evidence_files(&self) -> Vec<PathBuf> {
        Vec::new()
    }
    /// Where to save a new file of the kind `kind` (`CSV`, `PDF`) with the extension
    /// `extension`, `suggested` first (none by default: the path is typed).
    fn save_new(&self, _suggested: &Path, _kind: &str, _extension: &str) -> Option<PathBuf> {
        None
    }
    /// Shows `folder` in the system's file manager (nothing by default).
    fn reveal(&self, _folder: &Path) -> std::io::Result<()> {
        Ok(())
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

    fn evidence_files(&self) -> Vec<PathBuf> {
        rfd::FileDialog::new()
            .add_filter(
                "JPEG, PNG, WebP, HEIC, PDF",
                &["jpg", "jpeg", "png", "webp", "heic", "heif", "pdf"],
            )
            .pick_files()
            .unwrap_or_default()
    }

    fn self_assessment(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .add_filter("JSON, CSV", &["json", "csv"])
            .pick_file()
    }

    fn identity(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .add_filter("identity.json", &["json"])
            .pick_file()
    }

    fn signed_files(&self) -> Vec<PathBuf> {
        rfd::FileDialog::new()
            .add_filter(
                "PDF, JSON, P7S, ASiC-E",
                &["pdf", "json", "p7s", "asice", "sce"],
            )
            .pick_files()
            .unwrap_or_default()
    }

    fn trust_files(&self) -> Vec<PathBuf> {
        rfd::FileDialog::new()
            .add_filter(
                "XML, CER, CRT, PEM, P7B, CRL",
                &["xml", "cer", "crt", "der", "pem", "p7b", "crl"],
            )
            .pick_files()
            .unwrap_or_default()
    }

    fn parts(&self) -> Vec<PathBuf> {
        rfd::FileDialog::new()
            .add_filter("PART.json", &["json"])
            .pick_files()
            .unwrap_or_default()
    }

    fn save_new(&self, suggested: &Path, kind: &str, extension: &str) -> Option<PathBuf> {
        let mut dialog = rfd::FileDialog::new().add_filter(kind, &[extension]);
        if let Some(folder) = suggested.parent().filter(|f| f.is_dir()) {
            dialog = dialog.set_directory(folder);
        }
        if let Some(name) = suggested.file_name() {
            dialog = dialog.set_file_name(name.to_string_lossy());
        }
        dialog.save_file()
    }

    fn reveal(&self, folder: &Path) -> std::io::Result<()> {
        let opener = if cfg!(windows) {
            "explorer"
        } else if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        // The file manager runs on its own; it is not waited for.
        std::process::Command::new(opener)
            .arg(folder)
            .spawn()
            .map(drop)
    }
}
