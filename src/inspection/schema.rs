//! The inspection file's schema: numbered migrations, the exact set of tables a file of
//! each version has, and the settings every connection runs with.
//!
//! A file is someone else's work as much as ours: a trigger, a view or an extra column
//! put into it with another program would run, or be read, as if it were akredit's. So a
//! file whose schema is not exactly the one akredit makes for its version is refused
//! before anything is read or written (application-services' "the schema must match a
//! new database's" rule), and connections never trust what the schema says.

use std::path::Path;
use std::sync::OnceLock;

use rusqlite::Connection;
use rusqlite::config::DbConfig;

use super::StoreError;

/// The schema version this program writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

/// The oldest version that today's reading code reads as it is, without upgrading the
/// file: every migration since only widens what a file may hold (version 2 lets a
/// document be not applicable, version 3 adds recommendations, version 4 the team and
/// the authors of grades, version 5 evidence, which an older file has none of), so an
/// older file's rows mean the same. A migration that
/// changes what the rows mean raises this, and older files are then read only after the
/// upgrade that opening for changes makes (with a backup).
pub const READ_AS_IS_FROM: i32 = 1;

/// Numbered migrations: `MIGRATIONS[n]` takes a file from version `n` to `n + 1`.
pub(super) const MIGRATIONS: &[&str] = &[
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
    // 2: a document may be not applicable (2), where the Order asks for it only "за умови
    // її проведення" (document 13). SQLite cannot change a CHECK, so the table is made
    // anew and its rows copied, inside the migration's one transaction.
    "CREATE TABLE document_v2 (
        number     INTEGER PRIMARY KEY NOT NULL,
        present    INTEGER CHECK (present IN (0, 1, 2)),
        note       TEXT NOT NULL DEFAULT '',
        changed_at TEXT NOT NULL
    );
    INSERT INTO document_v2 (number, present, note, changed_at)
        SELECT number, present, note, changed_at FROM document;
    DROP TABLE document;
    ALTER TABLE document_v2 RENAME TO document;",
    // 3: a recommendation per standard (what to remedy, by when, who is responsible),
    // the corrective-action plan's rows. The general conclusion is a meta row
    // (`conclusion`), which needs no table.
    "CREATE TABLE recommendation (
        code       TEXT PRIMARY KEY NOT NULL,
        text       TEXT NOT NULL DEFAULT '',
        due        TEXT CHECK (due IS NULL OR due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        owner      TEXT NOT NULL DEFAULT '',
        changed_at TEXT NOT NULL
    );",
    // 4: the expert group — its members, one head at most — and who graded each
    // standard when it was not the inspection's own expert (a merged part's member).
    "CREATE TABLE team_member (
        name       TEXT PRIMARY KEY NOT NULL CHECK (length(trim(name)) > 0),
        role       TEXT NOT NULL CHECK (role IN ('head', 'expert')),
        position   TEXT NOT NULL DEFAULT '',
        public_key TEXT,
        groups     TEXT NOT NULL DEFAULT '',
        part       TEXT,
        changed_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX team_one_head ON team_member (role) WHERE role = 'head';
    ALTER TABLE answer ADD COLUMN author TEXT CHECK (author IS NULL OR length(trim(author)) > 0);",
    // 5: evidence — photos and scans attached to a standard or a document. The bytes are
    // kept once per SHA-256 (the same photo on two standards is stored once) and never
    // deleted, so that undoing a removal finds them; an attachment's record is the JSON
    // its history rows hold.
    "CREATE TABLE evidence_blob (
        sha256 TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
        bytes  BLOB NOT NULL
    );
    CREATE TABLE evidence (
        number     INTEGER PRIMARY KEY NOT NULL CHECK (number > 0),
        record     TEXT NOT NULL,
        sha256     TEXT NOT NULL REFERENCES evidence_blob (sha256),
        caption    TEXT NOT NULL DEFAULT '',
        changed_at TEXT NOT NULL
    );",
];

/// One object of a schema, as `sqlite_schema` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SchemaObject {
    kind: String,
    name: String,
    table: String,
    sql: Option<String>,
}

impl SchemaObject {
    fn describe(&self) -> String {
        format!("{} {:?}", self.kind, self.name)
    }
}

/// Settings for every connection to an inspection: nothing stored in the file's schema
/// (a view's or trigger's functions) is trusted, the schema itself cannot be written
/// through SQL, and damaged pages are noticed as early as SQLite can.
pub(super) fn harden(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let sqlite = |source| StoreError::Sqlite {
        path: path.to_path_buf(),
        source,
    };
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)
        .map_err(sqlite)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)
        .map_err(sqlite)?;
    conn.execute_batch("PRAGMA cell_size_check = ON;")
        .map_err(sqlite)
}

fn objects(conn: &Connection) -> rusqlite::Result<Vec<SchemaObject>> {
    let mut stmt =
        conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name")?;
    let rows = stmt.query_map([], |r| {
        Ok(SchemaObject {
            kind: r.get(0)?,
            name: r.get(1)?,
            table: r.get(2)?,
            sql: r.get(3)?,
        })
    })?;
    rows.collect()
}

/// The schema a new file has at each version, made once from the migrations; `None` if
/// SQLite could not make it (it always can) or for a version that does not exist.
fn expected(version: i32) -> Option<&'static [SchemaObject]> {
    static SCHEMAS: OnceLock<Option<Vec<Vec<SchemaObject>>>> = OnceLock::new();
    let schemas = SCHEMAS.get_or_init(|| {
        let build = || -> rusqlite::Result<Vec<Vec<SchemaObject>>> {
            let conn = Connection::open_in_memory()?;
            let mut all = vec![objects(&conn)?];
            for step in MIGRATIONS {
                conn.execute_batch(step)?;
                all.push(objects(&conn)?);
            }
            Ok(all)
        };
        build().ok()
    });
    let v = usize::try_from(version).ok()?;
    schemas.as_ref()?.get(v).map(Vec::as_slice)
}

/// Refuses a file whose tables, indexes, views and triggers are not exactly those of a
/// new file of its `version`.
pub(super) fn check(conn: &Connection, version: i32, path: &Path) -> Result<(), StoreError> {
    let found = objects(conn).map_err(|e| super::damaged(path, e))?;
    let expected = expected(version).ok_or_else(|| {
        StoreError::Invalid(format!(
            "internal: the schema of version {version} could not be made to compare {} with",
            path.display()
        ))
    })?;
    if found == expected {
        return Ok(());
    }
    let differences: Vec<String> = found
        .iter()
        .filter(|f| !expected.contains(f))
        .map(|f| match expected.iter().find(|e| e.name == f.name) {
            Some(_) => format!("{} is defined differently", f.describe()),
            None => format!("an extra {} (on {:?})", f.describe(), f.table),
        })
        .chain(
            expected
                .iter()
                .filter(|e| !found.iter().any(|f| f.name == e.name))
                .map(|e| format!("{} is missing", e.describe())),
        )
        .collect();
    Err(StoreError::ForeignSchema {
        path: path.to_path_buf(),
        detail: differences.join("; "),
    })
}

/// Refuses a file that SQLite would open in write-ahead-log mode (bytes 18 and 19 of the
/// header are 2): akredit never makes one, and its `-wal` file would hold part of the
/// inspection outside the one file.
pub(super) fn check_journal_kind(header: &[u8; 100], path: &Path) -> Result<(), StoreError> {
    if header[18] == 1 && header[19] == 1 {
        Ok(())
    } else {
        Err(StoreError::ForeignSchema {
            path: path.to_path_buf(),
            detail: "the file is set to use a write-ahead log, which akredit never does".into(),
        })
    }
}

/// Applies the migrations from `from` to [`SCHEMA_VERSION`] inside the caller's
/// transaction, and stamps the file with akredit's id and the new version.
pub(super) fn migrate(
    tx: &rusqlite::Transaction<'_>,
    from: i32,
    path: &Path,
) -> Result<(), StoreError> {
    let from = usize::try_from(from).unwrap_or(0);
    for step in MIGRATIONS.iter().skip(from) {
        tx.execute_batch(step)
            .map_err(|e| super::classify_write_error(path, e))?;
    }
    tx.execute_batch(&format!(
        "PRAGMA application_id = {}; PRAGMA user_version = {SCHEMA_VERSION};",
        super::APPLICATION_ID
    ))
    .map_err(|e| super::classify_write_error(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_has_exactly_the_expected_schema() {
        let conn = Connection::open_in_memory().expect("open");
        for step in MIGRATIONS {
            conn.execute_batch(step).expect("migrate");
        }
        check(&conn, SCHEMA_VERSION, Path::new("x")).expect("same schema");
        conn.execute_batch("CREATE VIEW v AS SELECT 1")
            .expect("view");
        let err = check(&conn, SCHEMA_VERSION, Path::new("x")).expect_err("refused");
        assert!(err.to_string().contains("an extra view \"v\""), "{err}");
    }
}
