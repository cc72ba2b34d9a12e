//! One writer at a time: an operating-system lock on the inspection file itself.
//!
//! The lock is taken on the file, not on its name, so a second path to the same file (a
//! hard link, a link, another spelling of the path) meets the same lock. It is advisory
//! and independent of SQLite's own locks: on Unix a `flock` on the file (SQLite uses
//! `fcntl` byte-range locks, which do not interact with it); on Windows a byte-range lock
//! far beyond any data, where SQLite never reads or locks. The operating system releases
//! it when its holder exits, however it exits, so a crashed program never blocks the file.
//!
//! Beside the file, `.NAME.lock` says who holds the lock, so that a refusal can say where
//! the inspection is open; its leading dot hides it, and on Windows its hidden attribute.
//! It is only a label: it is always made anew (never written through a link) and its
//! absence changes nothing.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::StoreError;
use crate::support::files;
use crate::support::time::now_utc;

/// Held while an inspection is open for writing; released on drop.
#[derive(Debug)]
pub struct WriterLock {
    file: File,
    /// The label made, and what it says.
    label: Option<(PathBuf, String)>,
}

/// The label file for an inspection: `.NAME.lock` in the same folder.
pub fn lock_path(inspection: &Path) -> PathBuf {
    let name = inspection
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    inspection.with_file_name(format!(".{name}.lock"))
}

/// The longest label read back (a label is one short line).
const LABEL_LIMIT: u64 = 4096;

impl WriterLock {
    /// Takes the lock on the inspection file, or says who holds it.
    pub fn acquire(inspection: &Path) -> Result<WriterLock, StoreError> {
        let file = files::open_regular(inspection)?;
        match try_lock(&file) {
            Ok(true) => {}
            Ok(false) => {
                return Err(StoreError::Busy {
                    path: inspection.to_path_buf(),
                    holder: read_label(&lock_path(inspection)),
                });
            }
            Err(source) => {
                return Err(StoreError::Io {
                    path: inspection.to_path_buf(),
                    source,
                });
            }
        }
        let label = write_label(&lock_path(inspection));
        Ok(WriterLock { file, label })
    }

    /// The locked file's identity (see [`files::identity`]).
    pub fn identity(&self) -> Option<(u64, u64)> {
        files::identity_of(&self.file)
    }
}

impl Drop for WriterLock {
    fn drop(&mut self) {
        // Remove the label while still holding the lock, and only if it still says what
        // it said when made (a label another program put in its place stays); closing the
        // file then releases the lock. A label left by a crash is harmless (the lock went
        // with the program) and is made anew by the next writer.
        if let Some((label, ours)) = &self.label
            && read_label(label) == *ours
        {
            files::remove_if_there(label);
        }
        unlock(&self.file);
    }
}

/// Who holds the lock, as the label says; empty when there is no readable label.
fn read_label(label: &Path) -> String {
    if !label.symlink_metadata().is_ok_and(|m| m.is_file()) {
        return String::new();
    }
    let Ok(bytes) = files::read_bounded(label, LABEL_LIMIT, "lock label") else {
        return String::new();
    };
    String::from_utf8_lossy(&bytes)
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_string()
}

/// Makes the label anew. Whatever was at its name (a label a crashed program left, or a
/// link someone put there) is removed first — removing a link never touches what it leads
/// to — and the new one is created exclusively, so it is never written through a link.
/// The label and what it says; `None` when no label could be made (the lock holds all the
/// same).
fn write_label(label: &Path) -> Option<(PathBuf, String)> {
    if label.symlink_metadata().is_ok_and(|m| !m.is_dir()) {
        files::remove_if_there(label);
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    // Hidden on Windows too, as its leading dot hides it elsewhere: it is not the expert's.
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        options.attributes(windows_sys::Win32::Storage::FileSystem::FILE_ATTRIBUTE_HIDDEN);
    }
    let mut file = options.open(label).ok()?;
    let holder = format!(
        "akredit {} (process {}) since {}",
        env!("CARGO_PKG_VERSION"),
        std::process::id(),
        now_utc()
    );
    if file.write_all(holder.as_bytes()).is_err() {
        // An empty label: the refusal then names no holder; the lock holds all the same.
        return Some((label.to_path_buf(), String::new()));
    }
    Some((label.to_path_buf(), holder))
}

/// Tries to take the lock: `Ok(false)` when another holder has it.
#[cfg(not(windows))]
fn try_lock(file: &File) -> std::io::Result<bool> {
    match file.try_lock() {
        Ok(()) => Ok(true),
        Err(std::fs::TryLockError::WouldBlock) => Ok(false),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

#[cfg(not(windows))]
fn unlock(file: &File) {
    if file.unlock().is_err() {
        // Closing the file, which follows, releases the lock anyway.
    }
}

/// Where the Windows lock lies: far beyond any data and beyond SQLite's own lock bytes
/// (at 1 GiB), so neither SQLite's reads nor its locks ever meet it.
#[cfg(windows)]
const WINDOWS_LOCK_OFFSET: u64 = 0x7FFF_FFFF_0000_0000;

#[cfg(windows)]
fn overlapped() -> windows_sys::Win32::System::IO::OVERLAPPED {
    let mut o: windows_sys::Win32::System::IO::OVERLAPPED =
        // SAFETY: OVERLAPPED is plain data; all zeros is its documented initial state.
        unsafe { std::mem::zeroed() };
    o.Anonymous.Anonymous.Offset = WINDOWS_LOCK_OFFSET as u32;
    o.Anonymous.Anonymous.OffsetHigh = (WINDOWS_LOCK_OFFSET >> 32) as u32;
    o
}

#[cfg(windows)]
fn try_lock(file: &File) -> std::io::Result<bool> {
    use std::os::windows::io::AsRawHandle;
    use windows_sys::Win32::Foundation::ERROR_LOCK_VIOLATION;
    use windows_sys::Win32::Storage::FileSystem::{
        LOCKFILE_EXCLUSIVE_LOCK, LOCKFILE_FAIL_IMMEDIATELY, LockFileEx,
    };
    let mut o = overlapped();
    // SAFETY: the handle is open for the whole call and `o` outlives it; the call is
    // synchronous (the file is not opened for overlapped I/O).
    let ok = unsafe {
        LockFileEx(
            file.as_raw_handle(),
            LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY,
            0,
            1,
            0,
            &mut o,
        )
    };
    if ok != 0 {
        return Ok(true);
    }
    let e = std::io::Error::last_os_error();
    if e.raw_os_error() == Some(ERROR_LOCK_VIOLATION as i32) {
        Ok(false)
    } else {
        Err(e)
    }
}

#[cfg(windows)]
fn unlock(file: &File) {
    use std::os::windows::io::AsRawHandle;
    use windows_sys::Win32::Storage::FileSystem::UnlockFileEx;
    let mut o = overlapped();
    // SAFETY: as in `try_lock`.
    unsafe {
        UnlockFileEx(file.as_raw_handle(), 0, 1, 0, &mut o);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn inspection(dir: &Path) -> PathBuf {
        let file = dir.join("a.akredit");
        fs::write(&file, b"stand-in for an inspection").expect("write");
        file
    }

    #[test]
    fn second_writer_is_told_who_holds_the_lock() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = inspection(dir.path());
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
            "the label is removed on release"
        );
        let _again = WriterLock::acquire(&file).expect("free again");
    }

    #[cfg(unix)]
    #[test]
    fn a_hard_link_meets_the_same_lock() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = inspection(dir.path());
        let other = dir.path().join("hard.akredit");
        fs::hard_link(&file, &other).expect("link");
        let _first = WriterLock::acquire(&file).expect("first");
        assert!(matches!(
            WriterLock::acquire(&other),
            Err(StoreError::Busy { .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_in_place_of_the_label_is_replaced_not_followed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = inspection(dir.path());
        let victim = dir.path().join("b.akredit");
        fs::write(&victim, b"precious").expect("write");
        std::os::unix::fs::symlink(&victim, lock_path(&file)).expect("symlink");
        let lock = WriterLock::acquire(&file).expect("lock");
        assert_eq!(fs::read(&victim).expect("read"), b"precious");
        assert!(
            lock_path(&file)
                .symlink_metadata()
                .expect("label")
                .is_file()
        );
        drop(lock);
        assert_eq!(fs::read(&victim).expect("read"), b"precious");
    }
}
