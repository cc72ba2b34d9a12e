//! The inspection file: one SQLite database per inspection, written only through
//! [`Inspection::apply`], with every change in a history table.
//!
//! The file uses a rollback journal (never WAL), so the single `.akredit` file is always
//! the whole inspection and can be copied safely; `synchronous=FULL`, so a change that
//! `apply` reports as saved survives a power cut. An inspection is often a file someone
//! sent, so before anything is read it is checked (SQLite header, `application_id`,
//! schema version, exactly akredit's schema, the id that names its backups, catalogue
//! hash), and before anything is written it must be sound ([`health`]); a refused
//! operation leaves the file byte-identical. One writer at a time holds a lock on the
//! file itself ([`lock`]), and a write is refused when another program changed the file
//! since it was read.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

pub mod backup;
pub mod downscale;
mod evidence;
mod file;
pub mod health;
mod lock;
mod rows;
mod schema;

pub use evidence::{
    ATTACHMENT_LIMIT, AttachError, EvidenceKind, INSPECTION_EVIDENCE_LIMIT, taken_at,
};
pub use health::Problem;
pub use lock::lock_path;
pub use schema::SCHEMA_VERSION;

use crate::answers::{self, Altered, Answers, Change, Column, Fact, Refusal};
use crate::catalogue::{Catalogue, Code, ModelId};
use crate::support::files;
use rows::{classify_write_error, damaged, read_history, sqlite_err};

/// `PRAGMA application_id` of every akredit inspection ("AKRD").
pub const APPLICATION_ID: i32 = 0x414B_5244;

/// The suggested file extension.
pub const EXTENSION: &str = "akredit";

/// Why an inspection file could not be created, opened or changed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No file at the path.
    #[error("{0}: no such file; check the path")]
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
    /// The database is damaged, or holds values akredit would never have written.
    #[error(
        "{path}: the inspection file is damaged ({detail}); restore it from one of its backups. The file was not changed"
    )]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What SQLite said.
        detail: String,
    },
    /// The file was made with another catalogue.
    #[error(
        "{path}: this inspection was made with catalogue {file_id} (SHA-256 {file_sha}), but the loaded catalogue is {loaded_id} (SHA-256 {loaded_sha}); open it with the catalogue it was made with"
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
    #[error("{path}: the inspection is open for changes elsewhere{}; close it there first (it can still be read meanwhile)", if holder.is_empty() { String::new() } else { format!(" ({holder})") })]
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
    /// A visit date that is not a date.
    #[error(transparent)]
    BadDate(#[from] crate::support::time::BadDate),
    /// A value the program itself must supply is wrong.
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
    /// Tables, views or triggers that akredit does not make: the file was edited with
    /// another program, and what it added would run or be read as akredit's.
    #[error(
        "{path}: this inspection file holds database objects akredit does not make ({detail}); it was edited with another program, so akredit does not open it (nothing hidden in it should run). Restore it from one of its backups, or ask for the original. The file was not changed"
    )]
    ForeignSchema {
        /// The file.
        path: PathBuf,
        /// What differs from the schema of a new file.
        detail: String,
    },
    /// Another program changed the file after it was read: nothing was written, and the
    /// inspection was read again.
    #[error(
        "{0}: the file was changed by another program after akredit read it; nothing was saved, and the inspection was read again from the file: check it and make the change again"
    )]
    ChangedElsewhere(PathBuf),
    /// The path no longer names the file that was opened (it was replaced).
    #[error(
        "{0}: the file was replaced by another one after akredit opened it; nothing was saved. Close the inspection and open the file again"
    )]
    Replaced(PathBuf),
    /// The path is a link; akredit changes only the file itself.
    #[error(
        "{0}: this is a link to another file; akredit changes an inspection only through its own path, not through a link: open the file it leads to"
    )]
    Link(PathBuf),
    /// Reading or writing a file beside the inspection.
    #[error(transparent)]
    File(#[from] crate::support::files::FileError),
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
    pub inspection_id: InspectionId,
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
    /// When the file is a member's part of the group's inspection: whose, and of which.
    pub part: Option<PartOf>,
}

/// What makes an inspection file one member's part of the expert group's inspection: the
/// inspection it belongs to (the head's file's id; the part has an id of its own, which
/// names its own backups) and the member who grades it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartOf {
    /// The group's inspection.
    pub inspection_id: InspectionId,
    /// The member's full name.
    pub member: String,
}

impl Meta {
    /// A fact as the header holds it (`None`: no visit date).
    pub fn fact(&self, fact: Fact) -> Option<String> {
        match fact {
            Fact::Expert => Some(self.expert.clone()).filter(|e| !e.is_empty()),
            Fact::VisitDate => self.visit_date.clone(),
            Fact::Model => Some(self.model.id().to_string()),
        }
    }

    /// Sets a fact whose value has been checked.
    fn set_fact(&mut self, fact: Fact, value: &str) {
        match fact {
            Fact::Expert => self.expert = value.to_string(),
            Fact::VisitDate => self.visit_date = Some(value.to_string()),
            Fact::Model => {
                if let Ok(model) = value.parse() {
                    self.model = model;
                }
            }
        }
    }
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

/// Whether the file at `path` is an SQLite database (by its first bytes), to tell an
/// inspection from a result given in its place; only regular files are read.
pub fn is_sqlite_file(path: &Path) -> Result<bool, StoreError> {
    match file::read_header(path) {
        Ok(_) => Ok(true),
        Err(StoreError::NotSqlite(_) | StoreError::Empty(_)) => Ok(false),
        Err(e) => Err(e),
    }
}

/// An inspection's id: 32 lowercase hexadecimal digits, given at creation. It names the
/// inspection's backup folder, so nothing else is ever accepted from a file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InspectionId(String);

impl InspectionId {
    /// The id, if `text` is one akredit makes.
    pub fn parse(text: &str) -> Option<InspectionId> {
        let ok = text.len() == 32 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        ok.then(|| InspectionId(text.to_string()))
    }

    /// The id's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for InspectionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An open inspection.
pub struct Inspection {
    // Declared before `lock` so that the connection closes before the lock is released.
    conn: Connection,
    path: PathBuf,
    access: Access,
    catalogue: Arc<Catalogue>,
    meta: Meta,
    answers: Answers,
    /// What is wrong with the file (only a read-only inspection can have any).
    problems: Vec<Problem>,
    /// `PRAGMA data_version` when the file was last read: another program's change
    /// shows as a new value.
    seen_version: i64,
    lock: Option<lock::WriterLock>,
}

/// What is read from a file whose schema is right.
struct Loaded {
    meta: Meta,
    answers: Answers,
    problems: Vec<Problem>,
}

/// Reads and checks everything in a file of the current schema.
fn load(conn: &Connection, catalogue: &Catalogue, path: &Path) -> Result<Loaded, StoreError> {
    let meta = rows::read_meta(conn, path)?;
    check_catalogue(&meta, catalogue, path)?;
    let answers = rows::read_answers(conn, path, meta.schema_version)?;
    let problems = health::problems(conn, catalogue, &meta, &answers, path);
    Ok(Loaded {
        meta,
        answers,
        problems,
    })
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

/// A file with problems is never written: the error that says so.
fn refuse_damaged(path: &Path, problems: &[Problem]) -> StoreError {
    StoreError::Damaged {
        path: path.to_path_buf(),
        detail: health::describe(problems),
    }
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
        Inspection::create_file(path, catalogue, new, None)
    }

    /// Creates a member's part of the group's inspection (see [`PartOf`]), as
    /// [`Inspection::create`] creates an inspection.
    pub fn create_part(
        path: &Path,
        catalogue: Arc<Catalogue>,
        new: &NewInspection,
        part: &PartOf,
    ) -> Result<Inspection, StoreError> {
        Inspection::create_file(path, catalogue, new, Some(part))
    }

    fn create_file(
        path: &Path,
        catalogue: Arc<Catalogue>,
        new: &NewInspection,
        part: Option<&PartOf>,
    ) -> Result<Inspection, StoreError> {
        if files::occupied(path) {
            return Err(StoreError::Exists(path.to_path_buf()));
        }
        if new.centre_name.trim().is_empty() {
            return Err(StoreError::Invalid(
                "the centre's name is empty; give the centre's name".into(),
            ));
        }
        if let Some(date) = &new.visit_date {
            crate::support::time::check_date(date)?;
        }
        files::remove_stale_temps(&files::parent_dir(path));
        let tmp = files::temp_sibling(path);
        let result = file::build_new_file(&tmp, &catalogue, new, part).and_then(|()| {
            match files::place_without_overwrite(&tmp, path) {
                Err(files::FileError::Exists(p)) => Err(StoreError::Exists(p)),
                placed => Ok(placed?),
            }
        });
        // Whatever happened, the temporary file must not stay behind.
        files::remove_if_there(&tmp);
        result?;
        Inspection::open(path, catalogue, Access::ReadWrite)
    }

    /// Opens an existing inspection after checking that it is one, that its schema is
    /// exactly akredit's, and that this program and `catalogue` can read it. Opened for
    /// writing, the file must be sound, and an older schema is upgraded; opened read-only,
    /// a damaged file is opened all the same and [`Inspection::problems`] says what is
    /// wrong.
    pub fn open(
        path: &Path,
        catalogue: Arc<Catalogue>,
        access: Access,
    ) -> Result<Inspection, StoreError> {
        if access == Access::ReadWrite && files::is_link(path) {
            return Err(StoreError::Link(path.to_path_buf()));
        }
        let header = file::read_header(path)?;
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
        schema::check_journal_kind(&header, path)?;
        let lock = match access {
            Access::ReadOnly => None,
            Access::ReadWrite => {
                file::check_writable(path)?;
                Some(lock::WriterLock::acquire(path)?)
            }
        };
        file::recover_interrupted_write(path, lock.is_some())?;
        // Everything is read and checked through a read-only connection first: a refused
        // file is never opened for writing.
        let ro = file::open_connection(path, Access::ReadOnly)?;
        schema::check(&ro, version, path)?;
        if version < SCHEMA_VERSION {
            match lock {
                Some(lock) => {
                    drop(ro);
                    return Inspection::upgrade(path, catalogue, version, lock);
                }
                // Read as it is, never changed: see `schema::READ_AS_IS_FROM`.
                None if version >= schema::READ_AS_IS_FROM => {}
                None => {
                    return Err(StoreError::Invalid(format!(
                        "{}: the inspection uses schema version {version} and must be upgraded to {SCHEMA_VERSION}; open it once for changes",
                        path.display()
                    )));
                }
            }
        }
        let loaded = load(&ro, &catalogue, path)?;
        let conn = match lock {
            None => ro,
            Some(_) if !loaded.problems.is_empty() => {
                return Err(refuse_damaged(path, &loaded.problems));
            }
            Some(_) => {
                drop(ro);
                let conn = file::open_connection(path, Access::ReadWrite)?;
                file::configure_for_writing(&conn, path)?;
                conn
            }
        };
        Inspection::assemble(conn, path, access, catalogue, loaded, lock)
    }

    fn assemble(
        conn: Connection,
        path: &Path,
        access: Access,
        catalogue: Arc<Catalogue>,
        loaded: Loaded,
        lock: Option<lock::WriterLock>,
    ) -> Result<Inspection, StoreError> {
        let seen_version = rows::data_version(&conn, path)?;
        Ok(Inspection {
            conn,
            path: path.to_path_buf(),
            access,
            catalogue,
            meta: loaded.meta,
            answers: loaded.answers,
            problems: loaded.problems,
            seen_version,
            lock,
        })
    }

    /// Upgrades a file of an older schema in one transaction, checking the result before
    /// it is committed; a copy of the file as it was is kept beside it. A refused upgrade
    /// leaves the file as it was and no new copy.
    fn upgrade(
        path: &Path,
        catalogue: Arc<Catalogue>,
        version: i32,
        lock: lock::WriterLock,
    ) -> Result<Inspection, StoreError> {
        let (copy, made_now) = file::keep_pre_migration_copy(path, version)?;
        let upgraded = (|| {
            let mut conn = file::open_connection(path, Access::ReadWrite)?;
            file::configure_for_writing(&conn, path)?;
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(|e| classify_write_error(path, e))?;
            schema::migrate(&tx, version, path)?;
            let loaded = load(&tx, &catalogue, path)?;
            if !loaded.problems.is_empty() {
                return Err(refuse_damaged(path, &loaded.problems));
            }
            tx.commit().map_err(|e| classify_write_error(path, e))?;
            Ok((conn, loaded))
        })();
        match upgraded {
            Ok((conn, loaded)) => {
                Inspection::assemble(conn, path, Access::ReadWrite, catalogue, loaded, Some(lock))
            }
            Err(e) => {
                if made_now {
                    files::remove_if_there(&copy);
                }
                Err(e)
            }
        }
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

    /// What is wrong with the file; always empty for an inspection opened for writing
    /// (a damaged file is not opened for writing).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Refuses to go on with a damaged file: for what makes a new file from it (a
    /// protocol, a self-assessment), which must not carry values nobody vouches for.
    pub fn ensure_sound(&self) -> Result<(), StoreError> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(refuse_damaged(&self.path, &self.problems))
        }
    }

    /// Checks one change against the catalogue, the inspection's model (as it is at that
    /// point of a batch) and its purpose; what depends on the answers is checked as the
    /// change is applied.
    fn check_one(&self, change: &Change) -> Result<(), Refusal> {
        answers::validate(&self.catalogue, self.meta.model, change)?;
        let self_assessment = self.meta.purpose == Purpose::SelfAssessment;
        match change {
            Change::Grade {
                code,
                column: Column::Commission,
                ..
            }
            | Change::NotApplicable { code, .. }
            | Change::Author { code, .. }
            | Change::Decision { code, .. }
                if self_assessment =>
            {
                Err(Refusal::CommissionOnly(code.clone()))
            }
            Change::Member { .. }
            | Change::Position { .. }
            | Change::MemberKey { .. }
            | Change::Assign { .. }
            | Change::PartMerged { .. }
                if self_assessment =>
            {
                Err(Refusal::TeamInSelfAssessment)
            }
            _ => Ok(()),
        }
    }

    /// Applies one change of a batch in memory, adding the rows it alters: a fact to the
    /// header, anything else to the answers under their rules.
    fn apply_one(&mut self, change: &Change, altered: &mut Vec<Altered>) -> Result<(), Refusal> {
        self.check_one(change)?;
        let Change::Fact { fact, value } = change else {
            return self.answers.apply_keeping_rules(change, altered);
        };
        let value = value.trim().to_string();
        let old = self.meta.fact(*fact);
        if *fact == Fact::Model {
            self.check_model_change(&value)?;
        }
        if old.as_deref() != Some(value.as_str()) {
            self.meta.set_fact(*fact, &value);
            altered.push(Altered::of_fact(*fact, old, value));
        }
        Ok(())
    }

    /// Refuses a change of model that would leave answers outside the new model.
    fn check_model_change(&self, value: &str) -> Result<(), Refusal> {
        let Ok(model) = value.parse::<ModelId>() else {
            return Err(Refusal::BadFact {
                fact: Fact::Model,
                value: value.to_string(),
            });
        };
        let codes: Vec<Code> = self
            .answers
            .standards
            .keys()
            .filter(|code| {
                self.catalogue
                    .standard(code)
                    .is_none_or(|s| !s.in_model(model))
            })
            .cloned()
            .collect();
        if codes.is_empty() {
            Ok(())
        } else {
            Err(Refusal::ModelWouldDrop { model, codes })
        }
    }

    /// Applies a batch of changes in one transaction: all of them or none, in order (a
    /// change may rely on one before it: a standard made applicable, then graded).
    ///
    /// Returns the history rows written (changes that set a value to what it already was
    /// write none). When this returns `Ok`, the changes are on disk. When another program
    /// changed the file since it was read, nothing is written, the inspection is read
    /// again, and the error says so ([`StoreError::ChangedElsewhere`]).
    pub fn apply(&mut self, changes: &[Change]) -> Result<Vec<HistoryEntry>, StoreError> {
        self.apply_with_bytes(changes, &[])
    }

    /// [`Inspection::apply`], with the bytes of evidence the changes attach (each by its
    /// SHA-256) written in the same transaction: the file has the attachment and its
    /// bytes, or neither.
    pub(super) fn apply_with_bytes(
        &mut self,
        changes: &[Change],
        blobs: &[(&str, &[u8])],
    ) -> Result<Vec<HistoryEntry>, StoreError> {
        if self.access == Access::ReadOnly {
            return Err(StoreError::OpenedReadOnly);
        }
        self.ensure_same_file()?;
        // The answers are changed in place and, if anything fails, put back change by
        // change (newest first): no copy of all answers per change.
        let meta_before = self.meta.clone();
        let mut altered: Vec<Altered> = Vec::new();
        for change in changes {
            if let Err(refusal) = self.apply_one(change, &mut altered) {
                self.answers.undo_all(&altered);
                self.meta = meta_before;
                return Err(refusal.into());
            }
        }
        if altered.is_empty() {
            return Ok(Vec::new());
        }
        let at = crate::support::time::now_utc();
        let written = rows::write_batch(
            &mut self.conn,
            &self.path,
            self.seen_version,
            &self.answers,
            &altered,
            &at,
            blobs,
        );
        if written.is_err() {
            self.answers.undo_all(&altered);
            self.meta = meta_before;
        }
        match written {
            Err(StoreError::ChangedElsewhere(path)) => {
                self.reload()?;
                Err(StoreError::ChangedElsewhere(path))
            }
            other => other,
        }
    }

    /// Refuses to write when the path now names another file than the one opened (it was
    /// replaced): the change would go into a file that no longer has a name.
    fn ensure_same_file(&self) -> Result<(), StoreError> {
        let opened = self.lock.as_ref().and_then(lock::WriterLock::identity);
        match (opened, files::identity(&self.path)) {
            (Some(a), Some(b)) if a != b => Err(StoreError::Replaced(self.path.clone())),
            (Some(_), None) => Err(StoreError::Replaced(self.path.clone())),
            _ => Ok(()),
        }
    }

    /// Reads the file again after another program changed it; a file that is no longer
    /// sound (or no longer this catalogue's) is refused.
    fn reload(&mut self) -> Result<(), StoreError> {
        schema::check(&self.conn, SCHEMA_VERSION, &self.path)?;
        let loaded = load(&self.conn, &self.catalogue, &self.path)?;
        if !loaded.problems.is_empty() && self.access == Access::ReadWrite {
            return Err(refuse_damaged(&self.path, &loaded.problems));
        }
        self.seen_version = rows::data_version(&self.conn, &self.path)?;
        self.meta = loaded.meta;
        self.answers = loaded.answers;
        self.problems = loaded.problems;
        Ok(())
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

    /// Remembers the result just written, so that the next one names it as superseded.
    /// Call it only once the result file is complete under its name.
    pub fn record_result(&mut self, sha256: &str) -> Result<(), StoreError> {
        if self.access == Access::ReadOnly {
            return Err(StoreError::OpenedReadOnly);
        }
        self.ensure_same_file()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| classify_write_error(&self.path, e))?;
        if rows::data_version(&tx, &self.path)? != self.seen_version {
            drop(tx);
            self.reload()?;
            return Err(StoreError::ChangedElsewhere(self.path.clone()));
        }
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('last_result_sha256', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [sha256],
        )
        .map_err(|e| classify_write_error(&self.path, e))?;
        tx.commit()
            .map_err(|e| classify_write_error(&self.path, e))?;
        self.meta.last_result_sha256 = Some(sha256.to_string());
        Ok(())
    }

    /// Runs SQLite's full integrity check; `Ok(())` when it says "ok".
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Column;
    use std::fs;

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
    fn an_older_file_with_foreign_tables_is_refused_untouched() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("old.akredit");
        // Our application id at version 0, with a table version 0 never has.
        let conn = Connection::open(&path).expect("open");
        conn.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; CREATE TABLE scratch (x); INSERT INTO scratch VALUES (42);"
        ))
        .expect("sql");
        drop(conn);
        let original = fs::read(&path).expect("read");
        let err = Inspection::open(&path, cat(), Access::ReadWrite).err();
        assert!(
            matches!(err, Some(StoreError::ForeignSchema { .. })),
            "{err:?}"
        );
        assert_eq!(fs::read(&path).expect("read"), original);
        assert_eq!(
            fs::read_dir(dir.path()).expect("dir").count(),
            1,
            "no copy, no lock"
        );
    }

    #[test]
    fn a_refused_upgrade_is_rolled_back_and_leaves_no_copy() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("old.akredit");
        // Version 0 of ours: the migration runs, then the missing facts are found, and the
        // whole upgrade is rolled back.
        let conn = Connection::open(&path).expect("open");
        conn.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID};"))
            .expect("sql");
        drop(conn);
        let original = fs::read(&path).expect("read");
        for _ in 0..2 {
            let err = Inspection::open(&path, cat(), Access::ReadWrite).err();
            assert!(matches!(err, Some(StoreError::Damaged { .. })), "{err:?}");
        }
        assert_eq!(fs::read(&path).expect("read"), original, "rolled back");
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("dir")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "no .v0.bak left: {names:?}");
    }
}
