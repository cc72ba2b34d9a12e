//! The program's data folder: settings, keys, recent files and backups; and the user's
//! documents folder, where a new inspection is suggested.
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

/// The user's documents folder, where a new inspection file is suggested: on Windows the
/// Documents known folder (`%USERPROFILE%\Documents` unless moved); elsewhere
/// `$XDG_DOCUMENTS_DIR`, the desktop's configured documents folder, or `~/Documents` when it
/// exists; otherwise the home folder (empty when not even that is known).
pub fn documents() -> PathBuf {
    let env = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let home = dirs::home_dir();
    let candidates: Vec<Option<PathBuf>> = if cfg!(windows) {
        vec![
            dirs::document_dir(),
            env("USERPROFILE").map(|p| p.join("Documents")),
        ]
    } else {
        vec![
            env("XDG_DOCUMENTS_DIR"),
            dirs::document_dir(),
            home.as_ref().map(|h| h.join("Documents")),
        ]
    };
    documents_among(candidates, home, Path::is_dir)
}

/// The first of `candidates` that is an absolute folder (`is_dir`), else `home`.
pub fn documents_among(
    candidates: impl IntoIterator<Item = Option<PathBuf>>,
    home: Option<PathBuf>,
    is_dir: impl Fn(&Path) -> bool,
) -> PathBuf {
    candidates
        .into_iter()
        .flatten()
        .find(|p| p.is_absolute() && is_dir(p))
        .or(home)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_the_first_folder_that_exists_else_home() {
        let dir = tempfile::tempdir().expect("tempdir");
        let home = dir.path().to_path_buf();
        let docs = home.join("Documents");
        let xdg = home.join("Документи");
        let pick = |candidates: Vec<Option<PathBuf>>| {
            documents_among(candidates, Some(home.clone()), Path::is_dir)
        };
        // Nothing exists yet: the home folder, never a folder that is not there.
        assert_eq!(pick(vec![Some(xdg.clone()), Some(docs.clone())]), home);
        std::fs::create_dir(&docs).expect("mkdir");
        assert_eq!(pick(vec![Some(xdg.clone()), Some(docs.clone())]), docs);
        std::fs::create_dir(&xdg).expect("mkdir");
        assert_eq!(pick(vec![Some(xdg.clone()), Some(docs.clone())]), xdg);
        // A relative $XDG_DOCUMENTS_DIR is not taken.
        assert_eq!(pick(vec![Some("Documents".into()), None]), home);
    }
}
