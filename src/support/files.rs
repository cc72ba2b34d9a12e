//! Reading and writing the files akredit is handed or makes, safely.
//!
//! Files come from other people (by e-mail, on a USB stick), so every read is of a regular
//! file only — never a FIFO that would hang, never a device such as `/dev/zero` that never
//! ends — and bounded in size. Every file akredit writes is new: it is written under a
//! temporary name (created exclusively, so never through a link), synced, and only then
//! given its final name without replacing anything, so a full disk or a killed program
//! never leaves a truncated file under the final name. Temporary files left by a killed
//! program are removed by a later run.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// A temporary file older than this, with one of akredit's temporary names, belongs to a
/// program that was killed: no write of ours takes anywhere near this long.
pub const STALE_AFTER: Duration = Duration::from_secs(15 * 60);

/// The mark in every temporary name (`.NAME.akredit-tmp-PID-NANOS`).
const TEMP_MARK: &str = ".akredit-tmp-";

/// Why a file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// No file at the path.
    #[error("{0}: no such file; check the path")]
    NotFound(PathBuf),
    /// A folder where a file was expected.
    #[error("{0}: this is a folder, not a file")]
    IsDirectory(PathBuf),
    /// A FIFO, a device, a socket.
    #[error("{0}: not a regular file (a pipe, a device or a socket); give a file saved on disk")]
    NotRegular(PathBuf),
    /// Larger than any file of this kind can be.
    #[error(
        "{path}: {bytes} bytes, larger than {limit} bytes, the most a {what} can be; check that this is the right file"
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size (at least).
        bytes: u64,
        /// The limit.
        limit: u64,
        /// What kind of file was expected.
        what: &'static str,
    },
    /// Something is already there; akredit never overwrites.
    #[error(
        "{0}: a file already exists there; choose another name (akredit never overwrites a file)"
    )]
    Exists(PathBuf),
    /// A link where akredit would write.
    #[error(
        "{0}: this is a link to another file; akredit does not write through links: give the path of the file itself, or another name"
    )]
    Link(PathBuf),
    /// Any other error of the file system.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: io::Error,
    },
}

fn io_error(path: &Path) -> impl Fn(io::Error) -> FileError + '_ {
    move |source| match source.kind() {
        io::ErrorKind::NotFound => FileError::NotFound(path.to_path_buf()),
        io::ErrorKind::AlreadyExists => FileError::Exists(path.to_path_buf()),
        _ => FileError::Io {
            path: path.to_path_buf(),
            source,
        },
    }
}

/// Opens a file for reading only if it is a regular file (following a link to one).
///
/// On Unix the open does not wait for a writer when the path is a FIFO; the kind of the
/// opened file is then checked on the handle itself, so it cannot be swapped in between.
pub fn open_regular(path: &Path) -> Result<File, FileError> {
    match fs::metadata(path) {
        Ok(m) if m.is_dir() => return Err(FileError::IsDirectory(path.to_path_buf())),
        Ok(_) => {}
        Err(e) => return Err(io_error(path)(e)),
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(io_error(path))?;
    let meta = file.metadata().map_err(io_error(path))?;
    if meta.is_dir() {
        return Err(FileError::IsDirectory(path.to_path_buf()));
    }
    if !meta.is_file() {
        return Err(FileError::NotRegular(path.to_path_buf()));
    }
    Ok(file)
}

/// Reads a whole regular file of at most `limit` bytes; `what` names the kind of file in
/// the message when it is larger.
pub fn read_bounded(path: &Path, limit: u64, what: &'static str) -> Result<Vec<u8>, FileError> {
    let file = open_regular(path)?;
    let len = file.metadata().map_err(io_error(path))?.len();
    let too_large = |bytes| FileError::TooLarge {
        path: path.to_path_buf(),
        bytes,
        limit,
        what,
    };
    if len > limit {
        return Err(too_large(len));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    // The file may grow while it is read: never more than the limit.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error(path))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Whether something (a file, a folder, a link — even one leading nowhere) is at `path`.
pub fn occupied(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

/// `path`, or `STEM-2.EXT`, `STEM-3.EXT`, … beside it when it is taken: a free name to
/// suggest for a new file.
pub fn free_name(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let extension = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let mut candidate = path.to_path_buf();
    let mut n = 1;
    while occupied(&candidate) {
        n += 1;
        candidate = path.with_file_name(format!("{stem}-{n}{extension}"));
    }
    candidate
}

/// Whether `path` itself is a symbolic link (on Windows also a junction).
///
/// Other Windows reparse points are not links: OneDrive keeps the files of a synced
/// Documents folder as cloud reparse points, and an inspection there must open as any other.
pub fn is_link(path: &Path) -> bool {
    path.symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
}

/// A temporary name beside `path`: `.NAME.akredit-tmp-PID-NANOS`, unique per process and
/// moment, recognised by [`remove_stale_temps`].
pub fn temp_sibling(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "akredit".into());
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}{TEMP_MARK}{}-{nanos}", std::process::id()))
}

/// Whether `name` is one of the temporary names akredit uses or used: this version's
/// `.NAME.akredit-tmp-PID-NANOS`, and the `.NAME.creating-PID` (new inspections) and
/// `.STAMP.partial` (backups) of earlier versions.
fn is_temp_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix('.') else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some((_, tail)) = rest.rsplit_once(TEMP_MARK) {
        return tail.split('-').all(digits) && tail.contains('-');
    }
    if let Some((_, pid)) = rest.rsplit_once(".creating-") {
        return digits(pid);
    }
    rest.strip_suffix(".partial")
        .is_some_and(|stamp| stamp.starts_with(|c: char| c.is_ascii_digit()))
}

/// Removes akredit's temporary files in `dir` that a killed program left behind (older
/// than [`STALE_AFTER`]); only regular files with akredit's temporary names are touched.
/// Returns how many were removed. Errors are ignored: this is housekeeping.
pub fn remove_stale_temps(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !is_temp_name(&name.to_string_lossy()) {
            continue;
        }
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if meta.is_file() && old && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Removes a file akredit made itself (a temporary file, a label, a result it could not
/// record), where failing changes nothing for the user: the file is already gone, or a
/// later run removes it as stale. The name says so at every call.
pub fn remove_if_there(path: &Path) {
    if let Err(e) = fs::remove_file(path)
        && e.kind() != io::ErrorKind::NotFound
    {
        // Left for the next run's clean-up of stale temporary files.
    }
}

/// Removes a folder akredit made itself (the benchmark's), as [`remove_if_there`].
pub fn remove_folder_if_there(path: &Path) {
    if fs::remove_dir_all(path).is_err() {
        // Left behind in the system's temporary folder, which the system empties.
    }
}

/// The folder a path is in (`.` for a bare name).
pub fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Flushes a file's content to the disk. (Windows flushes only through a handle that may
/// write, so the file is opened for writing, which changes nothing in it.)
pub fn sync_file(path: &Path) -> Result<(), FileError> {
    OpenOptions::new()
        .write(true)
        .open(path)
        .and_then(|f| f.sync_all())
        .map_err(io_error(path))
}

/// Makes a folder's entries (a file just named) durable; a no-op where folders cannot be
/// synced (Windows).
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir)
        && d.sync_all().is_err()
    {
        // Some file systems cannot sync a folder; the file itself is synced already.
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Gives the complete file `tmp` the name `path`, never replacing anything there.
///
/// A hard link fails when the name is taken (even by a link leading nowhere); on file
/// systems without hard links (FAT on a USB stick) the name is checked, then the file
/// renamed. `tmp` is gone afterwards either way on success.
pub fn place_without_overwrite(tmp: &Path, path: &Path) -> Result<(), FileError> {
    match fs::hard_link(tmp, path) {
        Ok(()) => remove_if_there(tmp),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Err(FileError::Exists(path.to_path_buf()));
        }
        Err(_) => {
            if occupied(path) {
                return Err(FileError::Exists(path.to_path_buf()));
            }
            fs::rename(tmp, path).map_err(io_error(path))?;
        }
    }
    sync_dir(&parent_dir(path));
    Ok(())
}

/// Writes a new file durably, never over anything and never through a link: the bytes go
/// to a temporary file beside it, are synced, and the file is then named `path`. On any
/// failure nothing is left: neither `path` nor the temporary file.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    if is_link(path) {
        return Err(FileError::Link(path.to_path_buf()));
    }
    if occupied(path) {
        return Err(FileError::Exists(path.to_path_buf()));
    }
    remove_stale_temps(&parent_dir(path));
    let tmp = temp_sibling(path);
    let written = write_temp(&tmp, bytes).and_then(|()| place_without_overwrite(&tmp, path));
    if written.is_err() {
        remove_if_there(&tmp);
    }
    written
}

/// Replaces the regular file at `path` durably and at once: the bytes go to a new
/// temporary file beside it, are synced, and take its name in one rename (which replaces
/// the name itself, never writing through it). A link at `path` is refused; on any
/// failure the old file stays as it was and no temporary file is left.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    if is_link(path) {
        return Err(FileError::Link(path.to_path_buf()));
    }
    let tmp = temp_sibling(path);
    let written =
        write_temp(&tmp, bytes).and_then(|()| fs::rename(&tmp, path).map_err(io_error(path)));
    if written.is_err() {
        remove_if_there(&tmp);
    }
    sync_dir(&parent_dir(path));
    written
}

fn write_temp(tmp: &Path, bytes: &[u8]) -> Result<(), FileError> {
    // create_new fails on anything at the name, a link included: nothing is followed.
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(tmp)
        .map_err(io_error(tmp))?;
    file.write_all(bytes).map_err(io_error(tmp))?;
    file.sync_all().map_err(io_error(tmp))
}

/// The identity of the file at `path` (device and inode), to tell whether a path still
/// names the file that was opened. `None` where the system does not say (Windows, where
/// an open inspection cannot be replaced anyway: SQLite opens it without delete sharing).
pub fn identity(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// The identity of an open file (see [`identity`]).
pub fn identity_of(file: &File) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        file.metadata().ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_recognised_and_nothing_else() {
        let tmp = temp_sibling(Path::new("dir/r.json"));
        let name = tmp.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        assert!(is_temp_name(name), "{name}");
        assert!(is_temp_name(".a.akredit.creating-1234"));
        assert!(is_temp_name(".20261123T141102.325Z.partial"));
        for not_ours in [
            "r.json",
            ".a.akredit.lock",
            ".hidden",
            "a.akredit.creating-12",
            ".a.creating-x",
            ".notes.partial",
            ".x.akredit-tmp-",
            ".x.akredit-tmp-12",
        ] {
            assert!(!is_temp_name(not_ours), "{not_ours}");
        }
    }

    #[test]
    fn a_new_file_never_replaces_or_follows_anything() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("r.json");
        write_new(&path, b"first").expect("write");
        assert!(matches!(
            write_new(&path, b"second"),
            Err(FileError::Exists(_))
        ));
        assert_eq!(fs::read(&path).expect("read"), b"first");
        let names: Vec<_> = fs::read_dir(dir.path()).expect("dir").collect();
        assert_eq!(names.len(), 1, "no temporary file is left");
        #[cfg(unix)]
        {
            let victim = dir.path().join("victim");
            fs::write(&victim, b"precious").expect("write");
            let link = dir.path().join("link.json");
            std::os::unix::fs::symlink(&victim, &link).expect("symlink");
            assert!(matches!(write_new(&link, b"x"), Err(FileError::Link(_))));
            let dangling = dir.path().join("dangling.json");
            std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).expect("link");
            assert!(write_new(&dangling, b"x").is_err());
            assert!(!dir.path().join("nowhere").exists());
            assert_eq!(fs::read(&victim).expect("read"), b"precious");
        }
    }

    #[test]
    fn reads_are_bounded_and_of_regular_files_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("f");
        fs::write(&path, vec![b'x'; 100]).expect("write");
        assert_eq!(read_bounded(&path, 100, "test").expect("read").len(), 100);
        assert!(matches!(
            read_bounded(&path, 99, "test"),
            Err(FileError::TooLarge { bytes: 100, .. })
        ));
        assert!(matches!(
            read_bounded(dir.path(), 99, "test"),
            Err(FileError::IsDirectory(_))
        ));
        assert!(matches!(
            read_bounded(&dir.path().join("none"), 99, "test"),
            Err(FileError::NotFound(_))
        ));
        #[cfg(unix)]
        assert!(matches!(
            read_bounded(Path::new("/dev/zero"), 99, "test"),
            Err(FileError::NotRegular(_))
        ));
    }
}
