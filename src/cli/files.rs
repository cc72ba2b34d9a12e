//! The files a command opens and writes: the catalogue it runs with, an inspection for
//! reading or for changes (with the warnings the command line prints about it), and new
//! output files, never written over anything.

use std::path::Path;
use std::sync::Arc;

use crate::catalogue::Catalogue;
use crate::inspection::{Access, Inspection, StoreError};
use crate::support::files::{self, FileError};
use crate::support::home::Home;

use super::error::CliError;
use super::terminal::warn;

/// The largest catalogue file read (the Order's is about 400 KiB).
const MAX_CATALOGUE_BYTES: u64 = 16 * 1024 * 1024;

/// Loads the catalogue a command runs with: the built-in one, or the file `path`.
pub fn load_catalogue(path: Option<&Path>) -> Result<Arc<Catalogue>, CliError> {
    let catalogue = match path {
        None => Catalogue::builtin().map_err(|source| CliError::Catalogue {
            origin: "built into this program".into(),
            source,
        })?,
        Some(path) => {
            let bytes = files::read_bounded(path, MAX_CATALOGUE_BYTES, "catalogue")
                .map_err(CliError::CatalogueFile)?;
            let text = String::from_utf8(bytes).map_err(|_| {
                CliError::Usage(format!(
                    "{}: the catalogue is not UTF-8 text; give a catalogue JSON file",
                    path.display()
                ))
            })?;
            Catalogue::from_json(&text).map_err(|source| CliError::Catalogue {
                origin: path.display().to_string(),
                source,
            })?
        }
    };
    Ok(Arc::new(catalogue))
}

/// Opens an inspection for changes and keeps a backup of it as it was.
///
/// A backup that cannot be made is reported but does not stop the expert's work.
pub fn open_for_writing(file: &Path, catalogue: Arc<Catalogue>) -> Result<Inspection, CliError> {
    let home = Home::from_env();
    let backups = home.as_ref().ok().map(Home::backups);
    let (insp, not_backed_up) = Inspection::open_for_changes(file, catalogue, backups.as_deref())?;
    if let Err(e) = &home {
        warn(&format!("no backup was made before this change: {e}"));
    }
    if let Some(e) = not_backed_up {
        warn(&format!("no backup was made before this change: {e}"));
    }
    Ok(insp)
}

/// Opens an inspection for reading; a damaged one is opened all the same, after a warning
/// on standard error that says what is wrong, so that nothing shown is taken at face value.
pub fn open_read_only(file: &Path, catalogue: Arc<Catalogue>) -> Result<Inspection, CliError> {
    let insp = Inspection::open(file, catalogue, Access::ReadOnly)?;
    if !insp.problems().is_empty() {
        warn(&format!(
            "{} is damaged ({}); what follows may be wrong. Nothing can be changed in it: restore it from a backup (akredit backups FILE lists them; akredit restore BACKUP --out NEW.akredit)",
            file.display(),
            crate::inspection::health::describe(insp.problems())
        ));
    }
    Ok(insp)
}

/// Writes `bytes` to a new file at `path`, never over an existing one.
pub fn write_new_file(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    Ok(crate::signed::write_new_file(path, bytes)?)
}

/// Refuses an output path where something (a file, a folder, a link) already is, before
/// any work is done for it.
pub fn refuse_occupied(target: &Path) -> Result<(), CliError> {
    if files::is_link(target) {
        return Err(CliError::File(FileError::Link(target.to_path_buf())));
    }
    if files::occupied(target) {
        return Err(StoreError::Exists(target.to_path_buf()).into());
    }
    Ok(())
}
