//! One writer at a time: an advisory lock on a small file beside the inspection.
//!
//! The operating system releases the lock when its holder exits, however it exits, so a
//! crashed program never blocks the file. The lock file carries who holds it, so the
//! refusal can say where the inspection is open.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::{StoreError, now_utc};

/// Held while an inspection is open for writing; released on drop.
#[derive(Debug)]
pub struct WriterLock {
    file: File,
    path: PathBuf,
}

/// The lock file for an inspection: `.NAME.lock` in the same folder.
pub fn lock_path(inspection: &Path) -> PathBuf {
    let name = inspection
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    inspection.with_file_name(format!(".{name}.lock"))
}

impl WriterLock {
    /// Takes the lock, or says who holds it.
    pub fn acquire(inspection: &Path) -> Result<WriterLock, StoreError> {
        let path = lock_path(inspection);
        // A holder that just released the lock may have removed the file we opened;
        // retry on the new file then.
        for _ in 0..5 {
            let mut file = match OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
            {
                Ok(f) => f,
                Err(e) => {
                    return Err(StoreError::ReadOnly {
                        path: inspection.to_path_buf(),
                        detail: format!("cannot create the lock file {}: {e}", path.display()),
                    });
                }
            };
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    let mut holder = String::new();
                    let _ = file.read_to_string(&mut holder);
                    return Err(StoreError::Busy {
                        path: inspection.to_path_buf(),
                        holder: holder.trim().to_string(),
                    });
                }
                Err(TryLockError::Error(e)) => {
                    return Err(StoreError::Io {
                        path: path.clone(),
                        source: e,
                    });
                }
            }
            if !still_named(&file, &path) {
                continue;
            }
            let holder = format!(
                "akredit {} (process {}) since {}",
                env!("CARGO_PKG_VERSION"),
                std::process::id(),
                now_utc()
            );
            let _ = file.set_len(0);
            let _ = file.seek(SeekFrom::Start(0));
            let _ = file.write_all(holder.as_bytes());
            return Ok(WriterLock { file, path });
        }
        Err(StoreError::Busy {
            path: inspection.to_path_buf(),
            holder: String::new(),
        })
    }
}

impl Drop for WriterLock {
    fn drop(&mut self) {
        // Remove the name while still holding the lock; a waiter that opened the old file
        // notices that it is no longer named and retries.
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

#[cfg(unix)]
fn still_named(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_named(_file: &File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_writer_is_told_who_holds_the_lock() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("a.akredit");
        let first = WriterLock::acquire(&file).expect("first");
        let err = WriterLock::acquire(&file).expect_err("second must be refused");
        let text = err.to_string();
        assert!(text.contains("open for changes elsewhere"), "{text}");
        assert!(
            text.contains(&format!("process {}", std::process::id())),
            "{text}"
        );
        drop(first);
        assert!(
            !lock_path(&file).exists(),
            "the lock file is removed on release"
        );
        let _again = WriterLock::acquire(&file).expect("free again");
    }
}
