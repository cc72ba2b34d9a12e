//! The inspection file on disk: its header, connections to it, the write protection a
//! user set, a write a crash left half-done, the copy kept before an upgrade, and how a
//! new file is built.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, TransactionBehavior, params};

use super::rows::{classify_open_error, classify_write_error, damaged, insert_rows, sqlite_err};
use super::{Access, NewInspection, StoreError, lock, schema};
use crate::answers::{Altered, Answers, Change};
use crate::catalogue::Catalogue;
use crate::support::files;
use crate::support::time::now_utc;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// The first 100 bytes of an SQLite file: what the file is, before SQLite opens it.
pub(super) fn read_header(path: &Path) -> Result<[u8; 100], StoreError> {
    let mut file = match files::open_regular(path) {
        Ok(f) => f,
        Err(files::FileError::NotFound(p)) => return Err(StoreError::NotFound(p)),
        Err(files::FileError::IsDirectory(p)) => return Err(StoreError::IsDirectory(p)),
        Err(e) => return Err(e.into()),
    };
    let len = file
        .metadata()
        .map_err(|source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        })?
        .len();
    if len == 0 {
        return Err(StoreError::Empty(path.to_path_buf()));
    }
    let mut header = [0u8; 100];
    let mut filled = 0;
    while filled < header.len() {
        match file.read(&mut header[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(source) => {
                return Err(StoreError::Io {
                    path: path.to_path_buf(),
                    source,
                });
            }
        }
    }
    if filled < header.len() || &header[..16] != SQLITE_MAGIC {
        return Err(StoreError::NotSqlite(path.to_path_buf()));
    }
    Ok(header)
}

/// A connection that trusts nothing in the file's schema (see [`schema::harden`]).
pub(super) fn open_connection(path: &Path, access: Access) -> Result<Connection, StoreError> {
    let flags = match access {
        Access::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
        Access::ReadWrite => OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NOFOLLOW,
    } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn =
        Connection::open_with_flags(path, flags).map_err(|e| classify_open_error(path, e))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(|e| sqlite_err(path, e))?;
    schema::harden(&conn, path)?;
    Ok(conn)
}

/// Rollback journal, full sync, foreign keys: a saved change survives a power cut, and
/// the inspection stays one self-contained file (never WAL).
pub(super) fn configure_for_writing(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let mode: String = conn
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .map_err(|e| classify_write_error(path, e))?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(StoreError::ReadOnly {
            path: path.to_path_buf(),
            detail: format!("journal mode is {mode}"),
        });
    }
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
        .map_err(|e| sqlite_err(path, e))
}

/// Rolls back a write that a crashed program left half-done, so that a read-only open
/// sees the last saved state (SQLite cannot roll back through a read-only connection).
///
/// Does nothing when no journal is left, or when a live writer holds the inspection (its
/// journal is then not a crash's leftover). `locked`: the caller holds the writer lock.
pub(super) fn recover_interrupted_write(path: &Path, locked: bool) -> Result<(), StoreError> {
    let mut journal = path.as_os_str().to_owned();
    journal.push("-journal");
    let journal = PathBuf::from(journal);
    let hot = journal
        .symlink_metadata()
        .is_ok_and(|m| m.is_file() && m.len() > 0);
    if !hot || check_writable(path).is_err() || files::is_link(path) {
        return Ok(());
    }
    let _lock = if locked {
        None
    } else {
        match lock::WriterLock::acquire(path) {
            Ok(l) => Some(l),
            Err(_) => return Ok(()),
        }
    };
    let conn = open_connection(path, Access::ReadWrite)?;
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(|e| damaged(path, e))?;
    Ok(())
}

/// Refuses a file or folder the user has write-protected (even when running as an
/// administrator, who could write it anyway: the protection is the user's intent).
pub(super) fn check_writable(path: &Path) -> Result<(), StoreError> {
    let read_only = |p: &Path, what: &str| -> Result<(), StoreError> {
        match fs::metadata(p) {
            Ok(m) if m.permissions().readonly() => Err(StoreError::ReadOnly {
                path: path.to_path_buf(),
                detail: what.to_string(),
            }),
            _ => Ok(()),
        }
    };
    read_only(path, "the file is marked read-only")?;
    read_only(
        &files::parent_dir(path),
        "its folder is read-only, and SQLite needs to write a journal file beside it",
    )
}

/// `NAME.v<old>.bak` beside the file, before a migration touches it; an identical copy
/// made by an earlier attempt is used again. Returns the copy and whether it was made now.
pub(super) fn keep_pre_migration_copy(
    path: &Path,
    old_version: i32,
) -> Result<(PathBuf, bool), StoreError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let original = fs::read(path).map_err(|source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut target = path.with_file_name(format!("{name}.v{old_version}.bak"));
    let mut n = 1;
    while files::occupied(&target) {
        let same = target.symlink_metadata().is_ok_and(|m| m.is_file())
            && fs::read(&target).is_ok_and(|copy| copy == original);
        if same {
            return Ok((target, false));
        }
        n += 1;
        target = path.with_file_name(format!("{name}.v{old_version}.{n}.bak"));
    }
    files::write_new(&target, &original)?;
    Ok((target, true))
}

/// A new inspection's id: 128 random bits, in hex.
fn new_inspection_id() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // No random source: the time and process make an id as unique in practice.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::SystemTime::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let material = format!("{nanos}:{}", std::process::id());
        return crate::catalogue::sha256_hex(material.as_bytes())[..32].to_string();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Builds a complete new inspection at the temporary path `tmp`, which must not exist:
/// it is created exclusively first, so SQLite never writes through a link.
pub(super) fn build_new_file(
    tmp: &Path,
    catalogue: &Catalogue,
    new: &NewInspection,
    part: Option<&super::PartOf>,
) -> Result<(), StoreError> {
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(tmp)
        .map_err(|source| StoreError::Io {
            path: tmp.to_path_buf(),
            source,
        })?;
    let mut conn = Connection::open_with_flags(
        tmp,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_NOFOLLOW
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| classify_open_error(tmp, e))?;
    schema::harden(&conn, tmp)?;
    configure_for_writing(&conn, tmp)?;
    let created_at = now_utc();
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| sqlite_err(tmp, e))?;
    schema::migrate(&tx, 0, tmp)?;
    let part_meta = part.map(|p| {
        [
            ("part_of", p.inspection_id.to_string()),
            ("part_for", p.member.clone()),
        ]
    });
    let meta = [
        ("model", new.model.id().to_string()),
        ("expert", new.expert.trim().to_string()),
        ("visit_date", new.visit_date.clone().unwrap_or_default()),
        ("created_at", created_at.clone()),
        ("catalogue_id", catalogue.id.clone()),
        ("catalogue_sha256", catalogue.sha256.clone()),
        (
            "created_by",
            format!("akredit {}", env!("CARGO_PKG_VERSION")),
        ),
        ("inspection_id", new_inspection_id()),
        ("purpose", new.purpose.id().to_string()),
    ];
    for (k, v) in meta.into_iter().chain(part_meta.into_iter().flatten()) {
        tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)",
            params![k, v],
        )
        .map_err(|e| sqlite_err(tmp, e))?;
    }
    let mut answers = Answers::default();
    let name = Change::Centre {
        field: crate::answers::CENTRE_NAME.into(),
        value: new.centre_name.trim().to_string(),
    };
    let altered: Vec<Altered> = answers.apply(&name).into_iter().collect();
    insert_rows(&tx, tmp, &answers, &altered, &created_at)?;
    tx.commit().map_err(|e| sqlite_err(tmp, e))?;
    drop(conn);
    Ok(files::sync_file(tmp)?)
}
