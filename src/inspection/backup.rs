//! Consistent copies of an inspection, kept in the program's data folder.
//!
//! A copy is taken with SQLite's backup API each time an inspection is opened for
//! writing, into `BACKUPS/<inspection id>/`; the newest [`KEEP`] are kept, fewer when
//! together they would take more than [`BUDGET_BYTES`] (never fewer than [`MIN_KEEP`]).
//!
//! The folder's name comes from the file, which may have been crafted, so it is only ever
//! an [`InspectionId`] (32 hexadecimal digits, checked when the file is read), and is
//! checked again here to be one plain name inside the backups folder. Pruning removes
//! only regular files named as akredit names its backups, never anything else, and never
//! through a link.

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use rusqlite::MAIN_DB;
use rusqlite::backup::NO_PROGRESS;

use super::{Access, Inspection, InspectionId, StoreError};
use crate::catalogue::Catalogue;
use crate::support::files;

/// How many backups are kept per inspection at most.
pub const KEEP: usize = 20;

/// How many bytes the backups of one inspection may take together, beyond the newest
/// [`MIN_KEEP`] (a 150 MB inspection would otherwise keep 3 GB of copies).
pub const BUDGET_BYTES: u64 = 512 * 1024 * 1024;

/// The newest backups kept whatever their size.
pub const MIN_KEEP: usize = 2;

/// One stored backup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupInfo {
    /// The backup file.
    pub path: PathBuf,
    /// When it was taken (UTC, RFC 3339).
    pub taken_at: String,
    /// Its size in bytes.
    pub bytes: u64,
}

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The folder holding the backups of one inspection: `backups_root/<id>`, refused unless
/// the id is one plain name (it always is: [`InspectionId`] holds only hex digits) and
/// the folder, if it exists, is a real folder and not a link.
pub fn folder(backups_root: &Path, id: &InspectionId) -> Result<PathBuf, StoreError> {
    let name = Path::new(id.as_str());
    let mut parts = name.components();
    let plain = matches!(parts.next(), Some(Component::Normal(_))) && parts.next().is_none();
    let dir = backups_root.join(name);
    if !plain || dir.parent() != Some(backups_root) {
        return Err(StoreError::Invalid(format!(
            "internal: the inspection id {id} is not a folder name"
        )));
    }
    if files::is_link(&dir) || dir.symlink_metadata().is_ok_and(|m| !m.is_dir()) {
        return Err(StoreError::File(files::FileError::Link(dir)));
    }
    Ok(dir)
}

/// Whether `name` is a backup's name: `20261123T141102.325Z[-n]--NAME`.
fn backup_stamp(name: &str) -> Option<&str> {
    let (stamp, rest) = name.split_once("--")?;
    let (time, _n) = stamp.split_once('-').unwrap_or((stamp, ""));
    let shape = time.len() >= 16
        && time.ends_with('Z')
        && time.as_bytes()[8] == b'T'
        && time[..8].bytes().all(|b| b.is_ascii_digit());
    (shape && !rest.is_empty()).then_some(stamp)
}

impl Inspection {
    /// Opens an inspection for changes and keeps a backup of it as it is now in
    /// `backups_root` (when there is a data folder). A backup that cannot be made does not
    /// stop the expert's work: its error comes back beside the inspection, to be reported.
    pub fn open_for_changes(
        path: &Path,
        catalogue: Arc<Catalogue>,
        backups_root: Option<&Path>,
    ) -> Result<(Inspection, Option<StoreError>), StoreError> {
        let insp = Inspection::open(path, catalogue, Access::ReadWrite)?;
        let not_backed_up = backups_root.and_then(|root| insp.backup_to(root).err());
        Ok((insp, not_backed_up))
    }

    /// Copies the inspection as it is now into `backups_root`, and prunes old copies.
    pub fn backup_to(&self, backups_root: &Path) -> Result<PathBuf, StoreError> {
        let dir = folder(backups_root, &self.meta.inspection_id)?;
        fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        // The folder is checked again now that it exists: it must not lead elsewhere.
        let dir = folder(backups_root, &self.meta.inspection_id)?;
        files::remove_stale_temps(&dir);
        // Names sort by time: 20261123T141102.325Z--poltava.akredit
        let stamp: String = crate::support::time::now_utc()
            .chars()
            .filter(|c| !matches!(c, '-' | ':'))
            .collect();
        let stem = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "inspection".into());
        let mut target = dir.join(format!("{stamp}--{stem}"));
        let mut n = 1;
        while files::occupied(&target) {
            n += 1;
            target = dir.join(format!("{stamp}-{n}--{stem}"));
        }
        // Written under a temporary name first, so that a listed backup is always whole.
        let partial = files::temp_sibling(&target);
        let copied = copy_into_new(&self.conn, &partial)
            .and_then(|()| Ok(files::place_without_overwrite(&partial, &target)?));
        if copied.is_err() {
            files::remove_if_there(&partial);
        }
        copied?;
        prune(&dir)?;
        Ok(target)
    }
}

/// Copies a database through SQLite's backup API into `target`, which must not exist: it
/// is created exclusively first, so SQLite never writes through a link.
fn copy_into_new(conn: &rusqlite::Connection, target: &Path) -> Result<(), StoreError> {
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(target)
        .map_err(io_err(target))?;
    conn.backup(MAIN_DB, target, NO_PROGRESS)
        .map_err(|e| StoreError::Sqlite {
            path: target.to_path_buf(),
            source: e,
        })?;
    Ok(files::sync_file(target)?)
}

/// The backups of the inspection with this id, oldest first.
pub fn list(backups_root: &Path, id: &InspectionId) -> Result<Vec<BackupInfo>, StoreError> {
    let dir = folder(backups_root, id)?;
    let entries = match fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_err(&dir)(e)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io_err(&dir))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stamp) = backup_stamp(&name) else {
            continue;
        };
        let meta = path.symlink_metadata().map_err(io_err(&path))?;
        if !meta.is_file() {
            continue;
        }
        out.push(BackupInfo {
            taken_at: readable_stamp(stamp),
            path,
            bytes: meta.len(),
        });
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn readable_stamp(stamp: &str) -> String {
    // 20261123T141102.325Z[-n] -> 2026-11-23T14:11:02.325Z
    let s = stamp.split('-').next().unwrap_or(stamp);
    if s.len() >= 15 && s.is_char_boundary(15) {
        let (d, t) = s.split_at(8);
        let t = &t[1..];
        if d.is_char_boundary(4)
            && d.is_char_boundary(6)
            && t.is_char_boundary(2)
            && t.is_char_boundary(4)
        {
            return format!(
                "{}-{}-{}T{}:{}:{}",
                &d[..4],
                &d[4..6],
                &d[6..],
                &t[..2],
                &t[2..4],
                &t[4..]
            );
        }
    }
    stamp.to_string()
}

/// Keeps the newest [`KEEP`] backups in `dir`, and of those only as many as fit in
/// [`BUDGET_BYTES`] (the newest [`MIN_KEEP`] always stay).
fn prune(dir: &Path) -> Result<(), StoreError> {
    prune_to(dir, KEEP, BUDGET_BYTES, MIN_KEEP)
}

fn prune_to(dir: &Path, keep: usize, budget: u64, min_keep: usize) -> Result<(), StoreError> {
    let mut backups: Vec<(PathBuf, u64)> = fs::read_dir(dir)
        .map_err(io_err(dir))?
        .filter_map(Result::ok)
        .filter(|e| backup_stamp(&e.file_name().to_string_lossy()).is_some())
        .filter_map(|e| {
            let meta = e.path().symlink_metadata().ok()?;
            meta.is_file().then(|| (e.path(), meta.len()))
        })
        .collect();
    // Newest first.
    backups.sort_by(|a, b| b.0.cmp(&a.0));
    let mut total = 0u64;
    for (i, (path, bytes)) in backups.iter().enumerate() {
        total = total.saturating_add(*bytes);
        let over = i >= keep || (i >= min_keep && total > budget);
        if over {
            files::remove_if_there(path);
        }
    }
    Ok(())
}

/// Restores a backup to a new file, never over an existing one.
///
/// The backup is checked first (it must be a sound inspection this program and
/// `catalogue` can read, and pass SQLite's full integrity check); the copy is made with
/// the backup API.
pub fn restore(backup: &Path, out: &Path, catalogue: Arc<Catalogue>) -> Result<(), StoreError> {
    if files::occupied(out) {
        return Err(StoreError::Exists(out.to_path_buf()));
    }
    let source = Inspection::open(backup, catalogue, Access::ReadOnly)?;
    source.ensure_sound()?;
    source.integrity_check()?;
    let tmp = files::temp_sibling(out);
    let copied = copy_into_new(&source.conn, &tmp).and_then(|()| {
        match files::place_without_overwrite(&tmp, out) {
            Err(files::FileError::Exists(p)) => Err(StoreError::Exists(p)),
            placed => Ok(placed?),
        }
    });
    files::remove_if_there(&tmp);
    copied
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pruning_keeps_the_newest_within_the_budget_and_nothing_else_goes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let name = |i: u32| format!("2026112{i}T141102.325Z--a.akredit");
        for i in 1..=6 {
            fs::write(dir.path().join(name(i)), vec![0u8; 100]).expect("backup");
        }
        fs::write(dir.path().join("scan--1.pdf"), b"not ours").expect("other");
        prune_to(dir.path(), 5, 250, 1).expect("prune");
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .expect("dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, [name(5), name(6), "scan--1.pdf".to_string()]);
        // The newest stay whatever their size.
        prune_to(dir.path(), 5, 10, 2).expect("prune");
        assert!(dir.path().join(name(5)).exists() && dir.path().join(name(6)).exists());
    }

    #[test]
    fn only_backup_names_are_backups() {
        assert!(backup_stamp("20261123T141102.325Z--a.akredit").is_some());
        assert!(backup_stamp("20261123T141102.325Z-2--a.akredit").is_some());
        for other in ["scan--1.pdf", "--a", "20261123T141102.325Z--", "x--y--z"] {
            assert!(backup_stamp(other).is_none(), "{other}");
        }
    }
}
