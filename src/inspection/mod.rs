//! The inspection file: one SQLite database per inspection, written only through
//! [`Inspection::apply`], with every change in a history table.
//!
//! The file uses a rollback journal (never WAL), so the single `.akredit` file is always
//! the whole inspection and can be copied safely; `synchronous=FULL`, so a change that
//! `apply` reports as saved survives a power cut. Before anything is written the file is
//! checked (SQLite header, `application_id`, schema version, catalogue hash), and a
//! refused operation leaves the file byte-identical.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rusqlite::{
    Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior, params,
};

pub mod backup;
mod lock;

pub use lock::lock_path;

use crate::answers::{
    self, Altered, Answer, Answers, Change, Column, DocumentCheck, Refusal, Subject,
};
use crate::catalogue::{Catalogue, Code, ModelId};

/// `PRAGMA application_id` of every akredit inspection ("AKRD").
pub const APPLICATION_ID: i32 = 0x414B_5244;

/// The schema version this program writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

/// The suggested file extension.
pub const EXTENSION: &str = "akredit";

/// Numbered migrations: `MIGRATIONS[n]` takes a file from version `n` to `n + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: the first schema.
    "CREATE TABLE meta (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    );
    CREATE TABLE centre (
        field TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    );
    CREATE TABLE answer (
        code       TEXT PRIMARY KEY NOT NULL,
        commission INTEGER CHECK (commission BETWEEN 0 AND 3),
        self       INTEGER CHECK (self BETWEEN 0 AND 3),
        na_reason  TEXT CHECK (na_reason IS NULL OR length(trim(na_reason)) > 0),
        note       TEXT NOT NULL DEFAULT '',
        changed_at TEXT NOT NULL
    );
    CREATE TABLE document (
        number     INTEGER PRIMARY KEY NOT NULL,
        present    INTEGER CHECK (present IN (0, 1)),
        note       TEXT NOT NULL DEFAULT '',
        changed_at TEXT NOT NULL
    );
    CREATE TABLE history (
        -- Rows are never deleted, so the rowid grows with time (no AUTOINCREMENT: its
        -- sqlite_sequence table would cost one more page write per change).
        id      INTEGER PRIMARY KEY,
        at      TEXT NOT NULL,
        subject TEXT NOT NULL,
        code    TEXT,
        field   TEXT NOT NULL,
        old     TEXT,
        new     TEXT
    );",
];

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Why an inspection file could not be created, opened or changed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No file at the path.
    #[error("{0}: no such file; check the path, or create an inspection with `akredit new`")]
    NotFound(PathBuf),
    /// `new` never overwrites.
    #[error(
        "{0}: a file already exists there; choose another name (akredit never overwrites a file)"
    )]
    Exists(PathBuf),
    /// The path is a folder.
    #[error("{0}: this is a folder, not an inspection file")]
    IsDirectory(PathBuf),
    /// Zero bytes.
    #[error(
        "{0}: the file is empty (0 bytes), so it holds no inspection; it may have been cut off while copying — look for a backup or the original"
    )]
    Empty(PathBuf),
    /// Not an SQLite database at all.
    #[error(
        "{0}: this is not an akredit inspection (not an SQLite database); check that you chose the right file"
    )]
    NotSqlite(PathBuf),
    /// An SQLite database of another program.
    #[error("{0}: this is an SQLite database of another program, not an akredit inspection")]
    Foreign(PathBuf),
    /// Written by a newer akredit.
    #[error(
        "{path}: the inspection was written by a newer akredit (file schema version {file}, this program reads up to {ours}); update akredit to open it. The file was not changed"
    )]
    NewerSchema {
        /// The file.
        path: PathBuf,
        /// The file's schema version.
        file: i32,
        /// The newest this program knows.
        ours: i32,
    },
    /// The database is damaged.
    #[error(
        "{path}: the inspection file is damaged ({detail}); restore it from a backup. The file was not changed"
    )]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What SQLite said.
        detail: String,
    },
    /// The file was made with another catalogue.
    #[error(
        "{path}: this inspection was made with catalogue {file_id} (SHA-256 {file_sha}), but the loaded catalogue is {loaded_id} (SHA-256 {loaded_sha}); open it with --catalogue FILE naming the catalogue it was made with"
    )]
    CatalogueMismatch {
        /// The file.
        path: PathBuf,
        /// The catalogue id in the file.
        file_id: String,
        /// The catalogue hash in the file.
        file_sha: String,
        /// The loaded catalogue's id.
        loaded_id: String,
        /// The loaded catalogue's hash.
        loaded_sha: String,
    },
    /// The file or its folder cannot be written.
    #[error(
        "{path}: cannot write the inspection ({detail}); check that the file and its folder are writable, or copy it somewhere writable. The file was not changed"
    )]
    ReadOnly {
        /// The file.
        path: PathBuf,
        /// What the system said.
        detail: String,
    },
    /// Another program holds the inspection open for writing.
    #[error("{path}: the inspection is open for changes elsewhere{}; close it there first. Read-only commands such as `akredit summary` still work", if holder.is_empty() { String::new() } else { format!(" ({holder})") })]
    Busy {
        /// The file.
        path: PathBuf,
        /// Who holds it, as the holder wrote it.
        holder: String,
    },
    /// The inspection was opened read-only.
    #[error("the inspection was opened read-only")]
    OpenedReadOnly,
    /// A change was refused; nothing of its batch was applied.
    #[error("{0}. Nothing was changed")]
    Refused(#[from] Refusal),
    /// A value the program itself must supply is wrong (e.g. a bad visit date).
    #[error("{0}")]
    Invalid(String),
    /// A file-system error.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: io::Error,
    },
    /// Any other SQLite error.
    #[error("{path}: the database reported an error: {source}")]
    Sqlite {
        /// The file.
        path: PathBuf,
        /// The error.
        source: rusqlite::Error,
    },
}

/// How an inspection is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// For reading only: the file is never written.
    ReadOnly,
    /// For changes.
    ReadWrite,
}

/// What a new inspection starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInspection {
    /// The model of the centre's activity.
    pub model: ModelId,
    /// The centre's name (the application form's first field).
    pub centre_name: String,
    /// The expert's name.
    pub expert: String,
    /// The date of the visit, `YYYY-MM-DD`.
    pub visit_date: Option<String>,
    /// An expert's inspection or a centre's self-assessment.
    pub purpose: Purpose,
}

/// Whose grades a file records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Purpose {
    /// The commission expert's inspection of a centre (both columns).
    #[default]
    Inspection,
    /// The centre's own self-assessment before the visit ("Самооцінка"): only the
    /// self-assessment column, exported with `export-self` for the expert to import.
    SelfAssessment,
}

impl Purpose {
    /// A centre's self-assessment when `self_assessment`, otherwise an inspection.
    pub fn from_self_assessment(self_assessment: bool) -> Purpose {
        if self_assessment {
            Purpose::SelfAssessment
        } else {
            Purpose::Inspection
        }
    }

    /// The column such a file grades: the commission's, or (only) the centre's own.
    pub fn column(self) -> Column {
        match self {
            Purpose::Inspection => Column::Commission,
            Purpose::SelfAssessment => Column::SelfAssessment,
        }
    }

    /// The id kept in the file's meta table.
    pub fn id(self) -> &'static str {
        match self {
            Purpose::Inspection => "inspection",
            Purpose::SelfAssessment => "self-assessment",
        }
    }
}

/// The inspection's fixed facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// A random id given at creation; names the inspection's backup folder.
    pub inspection_id: String,
    /// The model.
    pub model: ModelId,
    /// The expert's name.
    pub expert: String,
    /// The visit date, `YYYY-MM-DD`.
    pub visit_date: Option<String>,
    /// When the file was created (UTC, RFC 3339).
    pub created_at: String,
    /// The catalogue's id.
    pub catalogue_id: String,
    /// The catalogue's SHA-256.
    pub catalogue_sha256: String,
    /// The schema version of the file.
    pub schema_version: i32,
    /// SHA-256 of the last result exported from this inspection.
    pub last_result_sha256: Option<String>,
    /// An expert's inspection or a centre's self-assessment (files before this field
    /// existed are inspections).
    pub purpose: Purpose,
}

/// One row of the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    /// Sequence number (1, 2, …).
    pub id: i64,
    /// When (UTC, RFC 3339 with milliseconds).
    pub at: String,
    /// What was altered.
    pub altered: Altered,
}

/// An open inspection.
pub struct Inspection {
    // Declared before `_lock` so that the connection closes before the lock is released.
    conn: Connection,
    path: PathBuf,
    access: Access,
    catalogue: Arc<Catalogue>,
    meta: Meta,
    answers: Answers,
    _lock: Option<lock::WriterLock>,
}

/// The current time in UTC, RFC 3339 with milliseconds.
pub fn now_utc() -> String {
    humantime::format_rfc3339_millis(SystemTime::now()).to_string()
}

/// Checks a `YYYY-MM-DD` date.
pub fn check_date(text: &str) -> Result<(), StoreError> {
    let bad = || {
        StoreError::Invalid(format!(
            "{text:?} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-23"
        ))
    };
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(bad());
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(bad());
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Err(bad());
    };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if !(1900..=2999).contains(&y) || d == 0 || d > days {
        return Err(bad());
    }
    Ok(())
}

impl Inspection {
    /// Creates a new inspection file. Refuses to overwrite anything.
    ///
    /// The file is built beside its final name and moved into place only when complete,
    /// so an interrupted creation never leaves a half-made inspection under that name.
    pub fn create(
        path: &Path,
        catalogue: Arc<Catalogue>,
        new: &NewInspection,
    ) -> Result<Inspection, StoreError> {
        if path.symlink_metadata().is_ok() {
            return Err(StoreError::Exists(path.to_path_buf()));
        }
        if new.centre_name.trim().is_empty() {
            return Err(StoreError::Invalid(
                "the centre's name is empty; give it with --centre \"…\"".into(),
            ));
        }
        if let Some(date) = &new.visit_date {
            check_date(date)?;
        }
        let tmp = temp_sibling(path);
        let result = build_new_file(&tmp, &catalogue, new)
            .and_then(|()| place_without_overwrite(&tmp, path));
        // Whatever happened, the temporary file must not stay behind.
        let _ = fs::remove_file(&tmp);
        result?;
        Inspection::open(path, catalogue, Access::ReadWrite)
    }

    /// Opens an existing inspection after checking that it is one, and that this
    /// program and `catalogue` can read it. Upgrades an older schema when opened for
    /// writing.
    pub fn open(
        path: &Path,
        catalogue: Arc<Catalogue>,
        access: Access,
    ) -> Result<Inspection, StoreError> {
        let header = read_header(path)?;
        let app_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
        let version = i32::from_be_bytes([header[60], header[61], header[62], header[63]]);
        if app_id != APPLICATION_ID {
            return Err(StoreError::Foreign(path.to_path_buf()));
        }
        if version > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                path: path.to_path_buf(),
                file: version,
                ours: SCHEMA_VERSION,
            });
        }
        // Read and check everything through a read-only connection first: a refused
        // file is never opened for writing.
        let lock = match access {
            Access::ReadOnly => None,
            Access::ReadWrite => {
                check_writable(path)?;
                Some(lock::WriterLock::acquire(path)?)
            }
        };
        recover_interrupted_write(path, lock.is_some())?;
        let ro = open_connection(path, Access::ReadOnly)?;
        let (meta, answers) = if version == SCHEMA_VERSION {
            let meta = read_meta(&ro, path)?;
            check_catalogue(&meta, &catalogue, path)?;
            let answers = read_answers(&ro, path)?;
            (Some(meta), Some(answers))
        } else {
            (None, None)
        };
        drop(ro);

        let mut conn = match access {
            Access::ReadOnly => open_connection(path, Access::ReadOnly)?,
            Access::ReadWrite => {
                let conn = open_connection(path, Access::ReadWrite)?;
                configure_for_writing(&conn, path)?;
                conn
            }
        };
        let (meta, answers) = match (meta, answers) {
            (Some(m), Some(a)) => (m, a),
            _ => {
                if access == Access::ReadOnly {
                    return Err(StoreError::Invalid(format!(
                        "{}: the inspection uses schema version {version} and must be upgraded to {SCHEMA_VERSION}; open it once for writing (e.g. with `akredit score`)",
                        path.display()
                    )));
                }
                keep_pre_migration_copy(path, version)?;
                migrate(&mut conn, path)?;
                let meta = read_meta(&conn, path)?;
                check_catalogue(&meta, &catalogue, path)?;
                (meta, read_answers(&conn, path)?)
            }
        };
        Ok(Inspection {
            conn,
            path: path.to_path_buf(),
            access,
            catalogue,
            meta,
            answers,
            _lock: lock,
        })
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The inspection's fixed facts.
    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    /// The catalogue the inspection is read with.
    pub fn catalogue(&self) -> &Arc<Catalogue> {
        &self.catalogue
    }

    /// The current answers.
    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// Checks a batch of changes without applying it.
    pub fn check(&self, changes: &[Change]) -> Result<(), Refusal> {
        changes.iter().try_for_each(|c| {
            answers::validate(&self.catalogue, self.meta.model, c)?;
            match c {
                Change::Grade {
                    code,
                    column: Column::Commission,
                    ..
                }
                | Change::NotApplicable { code, .. }
                    if self.meta.purpose == Purpose::SelfAssessment =>
                {
                    Err(Refusal::CommissionOnly(code.clone()))
                }
                _ => Ok(()),
            }
        })
    }

    /// Applies a batch of changes in one transaction: all of them or none.
    ///
    /// Returns the history rows written (changes that set a value to what it already was
    /// write none). When this returns `Ok`, the changes are on disk.
    pub fn apply(&mut self, changes: &[Change]) -> Result<Vec<HistoryEntry>, StoreError> {
        if self.access == Access::ReadOnly {
            return Err(StoreError::OpenedReadOnly);
        }
        self.check(changes)?;
        let mut next = self.answers.clone();
        let altered: Vec<Altered> = changes.iter().filter_map(|c| next.apply(c)).collect();
        if altered.is_empty() {
            return Ok(Vec::new());
        }
        let at = now_utc();
        let entries = write_batch(&mut self.conn, &self.path, &next, &altered, &at)?;
        self.answers = next;
        Ok(entries)
    }

    /// The history, oldest first; only rows about `code` (and its sub-items) if given.
    pub fn history(&self, code: Option<&Code>) -> Result<Vec<HistoryEntry>, StoreError> {
        read_history(&self.conn, &self.path, code)
    }

    /// When the last change was made (UTC), without reading the whole history.
    pub fn last_change_at(&self) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row("SELECT at FROM history ORDER BY id DESC LIMIT 1", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| damaged(&self.path, e))
    }

    /// SHA-256 of the last result exported from this inspection.
    pub fn last_result_sha256(&self) -> Option<String> {
        self.meta.last_result_sha256.clone()
    }

    /// Remembers the result just exported, so that the next one names it as superseded.
    pub fn record_result(&mut self, sha256: &str) -> Result<(), StoreError> {
        if self.access == Access::ReadOnly {
            return Err(StoreError::OpenedReadOnly);
        }
        self.conn
            .execute(
                "INSERT INTO meta (key, value) VALUES ('last_result_sha256', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [sha256],
            )
            .map_err(|e| classify_write_error(&self.path, e))?;
        self.meta.last_result_sha256 = Some(sha256.to_string());
        Ok(())
    }

    /// Runs SQLite's integrity check; `Ok(())` when it says "ok".
    pub fn integrity_check(&self) -> Result<(), StoreError> {
        let result: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| sqlite_err(&self.path, e))?;
        if result == "ok" {
            Ok(())
        } else {
            Err(StoreError::Damaged {
                path: self.path.clone(),
                detail: result,
            })
        }
    }
}

/// Rolls back a write that a crashed program left half-done, so that a read-only open
/// sees the last saved state (SQLite cannot roll back through a read-only connection).
///
/// Does nothing when no journal is left, or when a live writer holds the inspection (its
/// journal is then not a crash's leftover). `locked`: the caller holds the writer lock.
fn recover_interrupted_write(path: &Path, locked: bool) -> Result<(), StoreError> {
    let mut journal = path.as_os_str().to_owned();
    journal.push("-journal");
    let hot = fs::metadata(PathBuf::from(journal)).is_ok_and(|m| m.len() > 0);
    if !hot || check_writable(path).is_err() {
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
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(|e| damaged(path, e))?;
    Ok(())
}

/// Refuses a file or folder the user has write-protected (even when running as an
/// administrator, who could write it anyway: the protection is the user's intent).
fn check_writable(path: &Path) -> Result<(), StoreError> {
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
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    read_only(
        &dir,
        "its folder is read-only, and SQLite needs to write a journal file beside it",
    )
}

/// `NAME.v<old>.bak` beside the file, before a migration touches it.
fn keep_pre_migration_copy(path: &Path, old_version: i32) -> Result<PathBuf, StoreError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut target = path.with_file_name(format!("{name}.v{old_version}.bak"));
    let mut n = 1;
    while target.symlink_metadata().is_ok() {
        n += 1;
        target = path.with_file_name(format!("{name}.v{old_version}.{n}.bak"));
    }
    fs::copy(path, &target).map_err(|source| StoreError::Io {
        path: target.clone(),
        source,
    })?;
    fs::File::open(&target)
        .and_then(|f| f.sync_all())
        .map_err(|source| StoreError::Io {
            path: target.clone(),
            source,
        })?;
    Ok(target)
}

fn new_inspection_id(seed: &Path) -> String {
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let material = format!("{nanos}:{}:{}", std::process::id(), seed.display());
    crate::catalogue::sha256_hex(material.as_bytes())[..32].to_string()
}

fn temp_sibling(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "inspection".into());
    path.with_file_name(format!(".{name}.creating-{}", std::process::id()))
}

fn build_new_file(
    tmp: &Path,
    catalogue: &Catalogue,
    new: &NewInspection,
) -> Result<(), StoreError> {
    let _ = fs::remove_file(tmp);
    let mut conn = Connection::open_with_flags(
        tmp,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| classify_open_error(tmp, e))?;
    configure_for_writing(&conn, tmp)?;
    migrate(&mut conn, tmp)?;
    let created_at = now_utc();
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| sqlite_err(tmp, e))?;
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
        ("inspection_id", new_inspection_id(tmp)),
        ("purpose", new.purpose.id().to_string()),
    ];
    for (k, v) in meta {
        tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)",
            params![k, v],
        )
        .map_err(|e| sqlite_err(tmp, e))?;
    }
    let mut answers = Answers::default();
    let name = Change::Centre {
        field: "centre_name".into(),
        value: new.centre_name.trim().to_string(),
    };
    let altered: Vec<Altered> = answers.apply(&name).into_iter().collect();
    insert_rows(&tx, tmp, &answers, &altered, &created_at)?;
    tx.commit().map_err(|e| sqlite_err(tmp, e))?;
    drop(conn);
    // Make the directory entry durable too before the file is moved into place.
    fs::File::open(tmp)
        .and_then(|f| f.sync_all())
        .map_err(|source| StoreError::Io {
            path: tmp.to_path_buf(),
            source,
        })
}

fn place_without_overwrite(tmp: &Path, path: &Path) -> Result<(), StoreError> {
    // A hard link fails if the target exists, so a file that appeared meanwhile is safe.
    match fs::hard_link(tmp, path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Err(StoreError::Exists(path.to_path_buf()));
        }
        Err(_) => {
            // File systems without hard links (FAT on a USB stick): check, then rename.
            if path.symlink_metadata().is_ok() {
                return Err(StoreError::Exists(path.to_path_buf()));
            }
            fs::rename(tmp, path).map_err(|source| StoreError::Io {
                path: path.to_path_buf(),
                source,
            })?;
        }
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
    Ok(())
}

fn read_header(path: &Path) -> Result<[u8; 100], StoreError> {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(StoreError::NotFound(path.to_path_buf()));
        }
        Err(source) => {
            return Err(StoreError::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    if meta.is_dir() {
        return Err(StoreError::IsDirectory(path.to_path_buf()));
    }
    if meta.len() == 0 {
        return Err(StoreError::Empty(path.to_path_buf()));
    }
    let mut header = [0u8; 100];
    let mut file = fs::File::open(path).map_err(|source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut filled = 0;
    while filled < header.len() {
        match file.read(&mut header[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
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

fn open_connection(path: &Path, access: Access) -> Result<Connection, StoreError> {
    let flags = match access {
        Access::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
        Access::ReadWrite => OpenFlags::SQLITE_OPEN_READ_WRITE,
    } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn =
        Connection::open_with_flags(path, flags).map_err(|e| classify_open_error(path, e))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(|e| sqlite_err(path, e))?;
    Ok(conn)
}

fn configure_for_writing(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    // Rollback journal, never WAL: the inspection must stay one self-contained file.
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

fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| classify_write_error(path, e))?;
    let version: i32 = tx
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| damaged(path, e))?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            file: version,
            ours: SCHEMA_VERSION,
        });
    }
    let from = usize::try_from(version).unwrap_or(0);
    for step in &MIGRATIONS[from..] {
        tx.execute_batch(step)
            .map_err(|e| classify_write_error(path, e))?;
    }
    tx.execute_batch(&format!(
        "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {SCHEMA_VERSION};"
    ))
    .map_err(|e| classify_write_error(path, e))?;
    tx.commit().map_err(|e| classify_write_error(path, e))
}

fn check_catalogue(meta: &Meta, catalogue: &Catalogue, path: &Path) -> Result<(), StoreError> {
    if meta.catalogue_sha256 == catalogue.sha256 {
        Ok(())
    } else {
        Err(StoreError::CatalogueMismatch {
            path: path.to_path_buf(),
            file_id: meta.catalogue_id.clone(),
            file_sha: meta.catalogue_sha256.clone(),
            loaded_id: catalogue.id.clone(),
            loaded_sha: catalogue.sha256.clone(),
        })
    }
}

fn read_meta(conn: &Connection, path: &Path) -> Result<Meta, StoreError> {
    let get = |key: &str| -> Result<Option<String>, StoreError> {
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| damaged(path, e))
    };
    let missing = |key: &str| StoreError::Damaged {
        path: path.to_path_buf(),
        detail: format!("the meta table has no {key}"),
    };
    let model_text = get("model")?.ok_or_else(|| missing("model"))?;
    let model = model_text.parse().map_err(|_| StoreError::Damaged {
        path: path.to_path_buf(),
        detail: format!("unknown model {model_text:?}"),
    })?;
    let version: i32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| damaged(path, e))?;
    Ok(Meta {
        inspection_id: get("inspection_id")?.ok_or_else(|| missing("inspection_id"))?,
        model,
        expert: get("expert")?.unwrap_or_default(),
        visit_date: get("visit_date")?.filter(|d| !d.is_empty()),
        created_at: get("created_at")?.unwrap_or_default(),
        catalogue_id: get("catalogue_id")?.ok_or_else(|| missing("catalogue_id"))?,
        catalogue_sha256: get("catalogue_sha256")?.ok_or_else(|| missing("catalogue_sha256"))?,
        schema_version: version,
        last_result_sha256: get("last_result_sha256")?.filter(|s| !s.is_empty()),
        purpose: match get("purpose")?.as_deref() {
            None | Some("inspection") => Purpose::Inspection,
            Some("self-assessment") => Purpose::SelfAssessment,
            Some(other) => {
                return Err(StoreError::Damaged {
                    path: path.to_path_buf(),
                    detail: format!("unknown purpose {other:?}"),
                });
            }
        },
    })
}

fn read_answers(conn: &Connection, path: &Path) -> Result<Answers, StoreError> {
    let mut answers = Answers::default();
    let mut stmt = conn
        .prepare("SELECT code, commission, self, na_reason, note FROM answer")
        .map_err(|e| damaged(path, e))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Answer {
                    commission: r.get(1)?,
                    self_grade: r.get(2)?,
                    na_reason: r.get(3)?,
                    note: r.get(4)?,
                },
            ))
        })
        .map_err(|e| damaged(path, e))?;
    for row in rows {
        let (code, answer) = row.map_err(|e| damaged(path, e))?;
        let code: Code = code.parse().map_err(|_| StoreError::Damaged {
            path: path.to_path_buf(),
            detail: format!("an answer has the code {code:?}"),
        })?;
        answers.standards.insert(code, answer);
    }
    let mut stmt = conn
        .prepare("SELECT field, value FROM centre")
        .map_err(|e| damaged(path, e))?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .map_err(|e| damaged(path, e))?;
    for row in rows {
        let (field, value) = row.map_err(|e| damaged(path, e))?;
        answers.centre.insert(field, value);
    }
    let mut stmt = conn
        .prepare("SELECT number, present, note FROM document")
        .map_err(|e| damaged(path, e))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, u8>(0)?,
                DocumentCheck {
                    present: r.get(1)?,
                    note: r.get(2)?,
                },
            ))
        })
        .map_err(|e| damaged(path, e))?;
    for row in rows {
        let (number, check) = row.map_err(|e| damaged(path, e))?;
        answers.documents.insert(number, check);
    }
    Ok(answers)
}

fn write_batch(
    conn: &mut Connection,
    path: &Path,
    next: &Answers,
    altered: &[Altered],
    at: &str,
) -> Result<Vec<HistoryEntry>, StoreError> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| classify_write_error(path, e))?;
    let entries = insert_rows(&tx, path, next, altered, at)?;
    tx.commit().map_err(|e| classify_write_error(path, e))?;
    Ok(entries)
}

fn insert_rows(
    tx: &Transaction<'_>,
    path: &Path,
    next: &Answers,
    altered: &[Altered],
    at: &str,
) -> Result<Vec<HistoryEntry>, StoreError> {
    let w = |e| classify_write_error(path, e);
    let mut entries = Vec::with_capacity(altered.len());
    for a in altered {
        match &a.subject {
            Subject::Standard(code) => match next.standards.get(code) {
                Some(ans) => {
                    tx.execute(
                        "INSERT INTO answer (code, commission, self, na_reason, note, changed_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                         ON CONFLICT (code) DO UPDATE SET commission = excluded.commission,
                           self = excluded.self, na_reason = excluded.na_reason,
                           note = excluded.note, changed_at = excluded.changed_at",
                        params![
                            code.as_str(),
                            ans.commission,
                            ans.self_grade,
                            ans.na_reason,
                            ans.note,
                            at
                        ],
                    )
                    .map_err(w)?;
                }
                None => {
                    tx.execute("DELETE FROM answer WHERE code = ?1", [code.as_str()])
                        .map_err(w)?;
                }
            },
            Subject::Centre => match next.centre.get(&a.field) {
                Some(value) => {
                    tx.execute(
                        "INSERT INTO centre (field, value) VALUES (?1, ?2)
                         ON CONFLICT (field) DO UPDATE SET value = excluded.value",
                        params![a.field, value],
                    )
                    .map_err(w)?;
                }
                None => {
                    tx.execute("DELETE FROM centre WHERE field = ?1", [&a.field])
                        .map_err(w)?;
                }
            },
            Subject::Document(number) => match next.documents.get(number) {
                Some(doc) => {
                    tx.execute(
                        "INSERT INTO document (number, present, note, changed_at)
                         VALUES (?1, ?2, ?3, ?4)
                         ON CONFLICT (number) DO UPDATE SET present = excluded.present,
                           note = excluded.note, changed_at = excluded.changed_at",
                        params![number, doc.present, doc.note, at],
                    )
                    .map_err(w)?;
                }
                None => {
                    tx.execute("DELETE FROM document WHERE number = ?1", [number])
                        .map_err(w)?;
                }
            },
        }
        let (subject, code) = match &a.subject {
            Subject::Standard(c) => ("standard".to_string(), Some(c.as_str().to_string())),
            Subject::Centre => ("centre".to_string(), None),
            Subject::Document(n) => (format!("document:{n}"), None),
        };
        tx.execute(
            "INSERT INTO history (at, subject, code, field, old, new) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![at, subject, code, a.field, a.old, a.new],
        )
        .map_err(w)?;
        entries.push(HistoryEntry {
            id: tx.last_insert_rowid(),
            at: at.to_string(),
            altered: a.clone(),
        });
    }
    Ok(entries)
}

fn read_history(
    conn: &Connection,
    path: &Path,
    code: Option<&Code>,
) -> Result<Vec<HistoryEntry>, StoreError> {
    let mut stmt = conn
        .prepare("SELECT id, at, subject, code, field, old, new FROM history ORDER BY id")
        .map_err(|e| damaged(path, e))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })
        .map_err(|e| damaged(path, e))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, at, subject, row_code, field, old, new) = row.map_err(|e| damaged(path, e))?;
        let bad = || StoreError::Damaged {
            path: path.to_path_buf(),
            detail: format!("history row {id} has an unknown subject {subject:?}"),
        };
        let subject = match (subject.as_str(), row_code) {
            ("standard", Some(c)) => Subject::Standard(c.parse().map_err(|_| bad())?),
            ("centre", _) => Subject::Centre,
            (s, _) if s.starts_with("document:") => {
                Subject::Document(s["document:".len()..].parse().map_err(|_| bad())?)
            }
            _ => return Err(bad()),
        };
        if let (Some(filter), Subject::Standard(c)) = (code, &subject) {
            if !c.starts_with(filter) {
                continue;
            }
        } else if code.is_some() {
            continue;
        }
        out.push(HistoryEntry {
            id,
            at,
            altered: Altered {
                subject,
                field,
                old,
                new,
            },
        });
    }
    Ok(out)
}

fn sqlite_err(path: &Path, source: rusqlite::Error) -> StoreError {
    StoreError::Sqlite {
        path: path.to_path_buf(),
        source,
    }
}

fn damaged(path: &Path, e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) | None => StoreError::Damaged {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
        _ => classify_open_error(path, e),
    }
}

fn classify_open_error(path: &Path, e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotSqlite(path.to_path_buf()),
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Damaged {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            StoreError::ReadOnly {
                path: path.to_path_buf(),
                detail: e.to_string(),
            }
        }
        _ => sqlite_err(path, e),
    }
}

fn classify_write_error(path: &Path, e: rusqlite::Error) -> StoreError {
    classify_open_error(path, e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Column;

    fn cat() -> Arc<Catalogue> {
        Arc::new(Catalogue::builtin().expect("catalogue"))
    }

    fn new_full() -> NewInspection {
        NewInspection {
            model: ModelId::Full,
            centre_name: "Полтавський обласний центр здоров'я".into(),
            expert: "Експерт".into(),
            visit_date: Some("2026-11-23".into()),
            purpose: Default::default(),
        }
    }

    fn grade(code: &str, g: Option<u8>) -> Change {
        Change::Grade {
            code: code.parse().expect("code"),
            column: Column::Commission,
            grade: g,
        }
    }

    #[test]
    fn create_apply_reopen_round_trip() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.akredit");
        let mut insp = Inspection::create(&path, cat(), &new_full()).expect("create");
        assert_eq!(insp.meta().model, ModelId::Full);
        let written = insp
            .apply(&[grade("1.1.1.1", Some(3)), grade("1.1.3", Some(2))])
            .expect("apply");
        assert_eq!(written.len(), 2);
        drop(insp);
        let insp = Inspection::open(&path, cat(), Access::ReadOnly).expect("open");
        let a = insp.answers();
        assert_eq!(a.get(&"1.1.1.1".parse().expect("code")).commission, Some(3));
        assert_eq!(
            a.centre["centre_name"],
            "Полтавський обласний центр здоров'я"
        );
        assert_eq!(insp.meta().visit_date.as_deref(), Some("2026-11-23"));
        let h = insp.history(None).expect("history");
        assert_eq!(h.len(), 3, "the centre's name and two grades");
        assert_eq!(insp.last_change_at().expect("last"), Some(h[2].at.clone()));
        assert_eq!(Answers::replay(h.iter().map(|e| &e.altered)), *a);
        insp.integrity_check().expect("ok");
    }

    #[test]
    fn a_refused_batch_changes_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.akredit");
        let mut insp = Inspection::create(&path, cat(), &new_full()).expect("create");
        let before = fs::read(&path).expect("read");
        let err = insp
            .apply(&[grade("1.1.1.1", Some(3)), grade("1.1.1.2", Some(1))])
            .unwrap_err();
        assert!(matches!(err, StoreError::Refused(_)), "{err}");
        assert_eq!(fs::read(&path).expect("read"), before);
        assert!(insp.answers().standards.is_empty());
    }

    #[test]
    fn create_never_overwrites() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.akredit");
        fs::write(&path, b"precious").expect("write");
        let err = Inspection::create(&path, cat(), &new_full())
            .err()
            .expect("refused");
        assert!(matches!(err, StoreError::Exists(_)), "{err}");
        assert_eq!(fs::read(&path).expect("read"), b"precious");
        assert_eq!(
            fs::read_dir(dir.path()).expect("dir").count(),
            1,
            "no temp file left"
        );
    }

    #[test]
    fn foreign_and_broken_files_are_named_as_such() {
        let dir = tempfile::tempdir().expect("tempdir");
        let empty = dir.path().join("empty");
        fs::write(&empty, b"").expect("write");
        assert!(matches!(
            Inspection::open(&empty, cat(), Access::ReadOnly).err(),
            Some(StoreError::Empty(_))
        ));
        let text = dir.path().join("text");
        fs::write(&text, "hello, this is not a database at all; it is long enough to have a header of a hundred bytes, surely, yes.").expect("write");
        assert!(matches!(
            Inspection::open(&text, cat(), Access::ReadWrite).err(),
            Some(StoreError::NotSqlite(_))
        ));
        let other = dir.path().join("other.db");
        let conn = Connection::open(&other).expect("open");
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .expect("sql");
        drop(conn);
        assert!(matches!(
            Inspection::open(&other, cat(), Access::ReadWrite).err(),
            Some(StoreError::Foreign(_))
        ));
        assert!(matches!(
            Inspection::open(&dir.path().join("missing"), cat(), Access::ReadOnly).err(),
            Some(StoreError::NotFound(_))
        ));
    }

    #[test]
    fn an_older_schema_is_copied_aside_before_migrating() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("old.akredit");
        // A file of ours at version 0: our application id, no tables yet.
        let conn = Connection::open(&path).expect("open");
        conn.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; CREATE TABLE scratch (x); INSERT INTO scratch VALUES (42);"
        ))
        .expect("sql");
        drop(conn);
        let original = fs::read(&path).expect("read");
        let err = Inspection::open(&path, cat(), Access::ReadWrite).err();
        // Version 0 has no meta: the migration runs, then the missing facts are reported.
        assert!(matches!(err, Some(StoreError::Damaged { .. })), "{err:?}");
        let bak = dir.path().join("old.akredit.v0.bak");
        assert_eq!(
            fs::read(&bak).expect("bak"),
            original,
            "the copy is the file as it was"
        );
        let conn = Connection::open(&path).expect("open");
        let version: i32 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(version, SCHEMA_VERSION);
    }

    #[test]
    fn dates_are_checked() {
        assert!(check_date("2026-11-23").is_ok());
        assert!(check_date("2024-02-29").is_ok());
        assert!(check_date("2026-02-29").is_err());
        assert!(check_date("23.11.2026").is_err());
        assert!(check_date("2026-13-01").is_err());
    }
}
