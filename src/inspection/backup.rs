//! Consistent copies of an inspection, kept in the program's data folder.
//!
//! A copy is taken with SQLite's backup API each time an inspection is opened for
//! writing, into `BACKUPS/<inspection id>/`, and only the newest [`KEEP`] are kept.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rusqlite::MAIN_DB;
use rusqlite::backup::NO_PROGRESS;

use super::{Access, Inspection, StoreError, place_without_overwrite, temp_sibling};
use crate::catalogue::Catalogue;

/// How many backups are kept per inspection.
pub const KEEP: usize = 20;

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

/// The folder holding the backups of one inspection.
pub fn folder(backups_root: &Path, inspection_id: &str) -> PathBuf {
    backups_root.join(inspection_id)
}

impl Inspection {
    /// Copies the inspection as it is now into `backups_root`, and prunes old copies.
    pub fn backup_to(&self, backups_root: &Path) -> Result<PathBuf, StoreError> {
        let dir = folder(backups_root, &self.meta.inspection_id);
        fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        // Names sort by time: 20261123T141102.325Z--poltava.akredit
        let stamp: String = super::now_utc()
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
        while target.exists() {
            n += 1;
            target = dir.join(format!("{stamp}-{n}--{stem}"));
        }
        // Written under a temporary name first, so that a listed backup is always whole.
        let partial = dir.join(format!(".{stamp}.partial"));
        let _ = fs::remove_file(&partial);
        let copied = self
            .conn
            .backup(MAIN_DB, &partial, NO_PROGRESS)
            .map_err(|e| StoreError::Sqlite {
                path: target.clone(),
                source: e,
            })
            .and_then(|()| fs::rename(&partial, &target).map_err(io_err(&target)));
        if copied.is_err() {
            let _ = fs::remove_file(&partial);
        }
        copied?;
        prune(&dir)?;
        Ok(target)
    }
}

/// The backups of the inspection with this id, oldest first.
pub fn list(backups_root: &Path, inspection_id: &str) -> Result<Vec<BackupInfo>, StoreError> {
    let dir = folder(backups_root, inspection_id);
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
        let Some((stamp, _)) = name.split_once("--") else {
            continue;
        };
        let bytes = entry.metadata().map_err(io_err(&path))?.len();
        out.push(BackupInfo {
            taken_at: readable_stamp(stamp),
            path,
            bytes,
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

fn prune(dir: &Path) -> Result<(), StoreError> {
    let mut names: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(io_err(dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().contains("--"))
        })
        .collect();
    names.sort();
    if names.len() > KEEP {
        for old in &names[..names.len() - KEEP] {
            let _ = fs::remove_file(old);
        }
    }
    Ok(())
}

/// Restores a backup to a new file, never over an existing one.
///
/// The backup is checked first (it must be an inspection this program and `catalogue`
/// can read, and pass SQLite's integrity check); the copy is made with the backup API.
pub fn restore(backup: &Path, out: &Path, catalogue: Arc<Catalogue>) -> Result<(), StoreError> {
    if out.symlink_metadata().is_ok() {
        return Err(StoreError::Exists(out.to_path_buf()));
    }
    let source = Inspection::open(backup, catalogue, Access::ReadOnly)?;
    source.integrity_check()?;
    let tmp = temp_sibling(out);
    let _ = fs::remove_file(&tmp);
    let copied = source
        .conn
        .backup(MAIN_DB, &tmp, NO_PROGRESS)
        .map_err(|e| StoreError::Sqlite {
            path: tmp.clone(),
            source: e,
        })
        .and_then(|()| {
            fs::File::open(&tmp)
                .and_then(|f| f.sync_all())
                .map_err(io_err(&tmp))
        })
        .and_then(|()| place_without_overwrite(&tmp, out));
    let _ = fs::remove_file(&tmp);
    copied
}
