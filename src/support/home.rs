//! The program's data folder: settings, keys, recent files and backups.
//!
//! `$AKREDIT_HOME` overrides the location (tests use it so that they never touch the real
//! home folder); otherwise it is the operating system's data folder for `akredit`
//! (`~/.local/share/akredit` on Linux, `~/Library/Application Support/akredit` on macOS,
//! `%APPDATA%\akredit` on Windows).

use std::path::{Path, PathBuf};

/// The environment variable that sets the data folder.
pub const ENV: &str = "AKREDIT_HOME";

/// The data folder could not be determined.
#[derive(Debug, thiserror::Error)]
#[error(
    "cannot tell where to keep akredit's data (no data folder is known for this user); set {ENV} to a writable folder"
)]
pub struct NoHome;

/// The program's data folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Home {
    root: PathBuf,
}

impl Home {
    /// The folder from `$AKREDIT_HOME`, or the OS data folder.
    pub fn from_env() -> Result<Home, NoHome> {
        match std::env::var_os(ENV).filter(|v| !v.is_empty()) {
            Some(dir) => Ok(Home::at(PathBuf::from(dir))),
            None => dirs::data_dir()
                .map(|d| Home::at(d.join("akredit")))
                .ok_or(NoHome),
        }
    }

    /// A data folder at an explicit place.
    pub fn at(root: impl Into<PathBuf>) -> Home {
        Home { root: root.into() }
    }

    /// The folder itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where backups of inspections are kept (one sub-folder per inspection).
    pub fn backups(&self) -> PathBuf {
        self.root.join("backups")
    }
}
