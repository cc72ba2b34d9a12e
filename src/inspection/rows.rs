//! Rows of the inspection file to values and back: the meta facts, the answers, the
//! history, and what SQLite's errors mean for the user.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::{HistoryEntry, InspectionId, Meta, Purpose, StoreError};
use crate::answers::{
    Altered, Answer, Answers, Attachment, DocumentCheck, Evidence, Field, MergedPart, Presented,
    Recommendation, Role, Subject,
};
use crate::catalogue::Code;

pub(super) fn read_meta(conn: &Connection, path: &Path) -> Result<Meta, StoreError> {
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
        inspection_id: {
            let text = get("inspection_id")?.ok_or_else(|| missing("inspection_id"))?;
            InspectionId::parse(&text).ok_or_else(|| StoreError::Damaged {
                path: path.to_path_buf(),
                detail: format!(
                    "its inspection id {:?} is not one akredit makes (32 hexadecimal digits)",
                    text.chars().take(80).collect::<String>()
                ),
            })?
        },
        model,
        expert: get("expert")?.unwrap_or_default(),
        visit_date: get("visit_date")?.filter(|d| !d.is_empty()),
        created_at: get("created_at")?.unwrap_or_default(),
        catalogue_id: get("catalogue_id")?.ok_or_else(|| missing("catalogue_id"))?,
        catalogue_sha256: get("catalogue_sha256")?.ok_or_else(|| missing("catalogue_sha256"))?,
        schema_version: version,
        last_result_sha256: get("last_result_sha256")?.filter(|s| !s.is_empty()),
        part: match (get("part_of")?, get("part_for")?) {
            (None, None) => None,
            (Some(id), Some(member)) if !member.trim().is_empty() => Some(super::PartOf {
                inspection_id: InspectionId::parse(&id).ok_or_else(|| StoreError::Damaged {
                    path: path.to_path_buf(),
                    detail: "the inspection it is a part of has a malformed id".into(),
                })?,
                member,
            }),
            _ => {
                return Err(StoreError::Damaged {
                    path: path.to_path_buf(),
                    detail: "it names half of the inspection it is a part of".into(),
                });
            }
        },
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

/// The answers of a file of schema `version` (an older file read as it is has no
/// recommendations: version 3 added them).
pub(super) fn read_answers(
    conn: &Connection,
    path: &Path,
    version: i32,
) -> Result<Answers, StoreError> {
    let mut answers = Answers::default();
    // Version 4 added who graded a standard; an older file's grades are all its expert's.
    let sql = if version >= 4 {
        "SELECT code, commission, self, na_reason, note, author FROM answer"
    } else {
        "SELECT code, commission, self, na_reason, note, NULL FROM answer"
    };
    let mut stmt = conn.prepare(sql).map_err(|e| damaged(path, e))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Answer {
                    commission: r.get(1)?,
                    self_grade: r.get(2)?,
                    na_reason: r.get(3)?,
                    note: r.get(4)?,
                    recommendation: Recommendation::default(),
                    author: r.get(5)?,
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
                    // A value akredit never stores reads as not checked; the health
                    // check names the file damaged for it (`health::document_problems`).
                    present: r
                        .get::<_, Option<i64>>(1)?
                        .and_then(|v| u8::try_from(v).ok())
                        .and_then(Presented::from_stored),
                    note: r.get(2)?,
                },
            ))
        })
        .map_err(|e| damaged(path, e))?;
    for row in rows {
        let (number, check) = row.map_err(|e| damaged(path, e))?;
        answers.documents.insert(number, check);
    }
    if version >= 3 {
        read_recommendations(conn, path, &mut answers)?;
    }
    if version >= 4 {
        read_team(conn, path, &mut answers)?;
    }
    if version >= 5 {
        read_evidence(conn, path, &mut answers)?;
    }
    answers.conclusion = conn
        .query_row("SELECT value FROM meta WHERE key = 'conclusion'", [], |r| {
            r.get(0)
        })
        .optional()
        .map_err(|e| damaged(path, e))?
        .unwrap_or_default();
    Ok(answers)
}

fn read_recommendations(
    conn: &Connection,
    path: &Path,
    answers: &mut Answers,
) -> Result<(), StoreError> {
    let mut stmt = conn
        .prepare("SELECT code, text, due, owner FROM recommendation")
        .map_err(|e| damaged(path, e))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Recommendation {
                    text: r.get(1)?,
                    due: r.get(2)?,
                    owner: r.get(3)?,
                },
            ))
        })
        .map_err(|e| damaged(path, e))?;
    for row in rows {
        let (code, recommendation) = row.map_err(|e| damaged(path, e))?;
        let code: Code = code.parse().map_err(|_| StoreError::Damaged {
            path: path.to_path_buf(),
            detail: format!("a recommendation has the code {code:?}"),
        })?;
        answers.standards.entry(code).or_default().recommendation = recommendation;
    }
    Ok(())
}

/// The expert group's rows; a value akredit would not write (an unknown role, a key or
/// groups that are not ones) is a damaged file.
fn read_team(conn: &Connection, path: &Path, answers: &mut Answers) -> Result<(), StoreError> {
    let mut stmt = conn
        .prepare("SELECT name, role, position, public_key, groups, part FROM team_member")
        .map_err(|e| damaged(path, e))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })
        .map_err(|e| damaged(path, e))?;
    for row in rows {
        let (name, role, position, key, groups, part) = row.map_err(|e| damaged(path, e))?;
        let bad = |what: &str| StoreError::Damaged {
            path: path.to_path_buf(),
            detail: format!("the team member {name:?} has {what}"),
        };
        let member = crate::answers::Member {
            role: Role::parse(&role).ok_or_else(|| bad("an unknown role"))?,
            position,
            key: match key {
                Some(k) if !crate::answers::is_public_key(&k) => return Err(bad("a bad key")),
                key => key,
            },
            groups: crate::answers::groups_parse(&groups).ok_or_else(|| bad("bad groups"))?,
            part: match part {
                Some(p) => Some(MergedPart::parse(&p).ok_or_else(|| bad("a bad merged part"))?),
                None => None,
            },
        };
        answers.team.insert(name, member);
    }
    Ok(())
}

/// The bytes of the evidence whose SHA-256 is `sha256`, if the file holds them.
pub(super) fn evidence_bytes(
    conn: &Connection,
    path: &Path,
    sha256: &str,
) -> Result<Option<Vec<u8>>, StoreError> {
    conn.query_row(
        "SELECT bytes FROM evidence_blob WHERE sha256 = ?1",
        [sha256],
        |r| r.get(0),
    )
    .optional()
    .map_err(|e| damaged(path, e))
}

/// The bytes the file's evidence takes, counted once per SHA-256.
pub(super) fn evidence_total(conn: &Connection, path: &Path) -> Result<u64, StoreError> {
    conn.query_row(
        "SELECT COALESCE(SUM(length(bytes)), 0) FROM evidence_blob",
        [],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| u64::try_from(n).unwrap_or(0))
    .map_err(|e| damaged(path, e))
}

/// The evidence rows; a record akredit would not write, or one whose bytes the file does
/// not hold, is a damaged file.
fn read_evidence(conn: &Connection, path: &Path, answers: &mut Answers) -> Result<(), StoreError> {
    let mut stmt = conn
        .prepare(
            "SELECT e.number, e.record, e.sha256, e.caption, b.sha256 IS NOT NULL
             FROM evidence e LEFT JOIN evidence_blob b ON b.sha256 = e.sha256",
        )
        .map_err(|e| damaged(path, e))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, u32>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, bool>(4)?,
            ))
        })
        .map_err(|e| damaged(path, e))?;
    for row in rows {
        let (number, record, sha256, caption, has_bytes) = row.map_err(|e| damaged(path, e))?;
        let bad = |what: &str| StoreError::Damaged {
            path: path.to_path_buf(),
            detail: format!("attachment {number} {what}"),
        };
        let attachment = Attachment::parse(&record).ok_or_else(|| bad("has a bad record"))?;
        if attachment.sha256 != sha256 {
            return Err(bad("names other bytes than its record"));
        }
        if !has_bytes {
            return Err(bad("has lost its bytes"));
        }
        answers.evidence.insert(
            number,
            Evidence {
                attachment,
                caption,
            },
        );
    }
    Ok(())
}

/// SQLite's count of changes made to the file by other connections (other programs):
/// unchanged as long as this connection's view of the file is the file.
pub(super) fn data_version(conn: &Connection, path: &Path) -> Result<i64, StoreError> {
    conn.query_row("PRAGMA data_version", [], |r| r.get(0))
        .map_err(|e| damaged(path, e))
}

/// Writes a batch in one transaction, unless another program changed the file since this
/// connection read it (`seen` is the [`data_version`] then): the file's rows would be
/// overwritten from a stale copy, so nothing is written and the caller reads it again.
pub(super) fn write_batch(
    conn: &mut Connection,
    path: &Path,
    seen: i64,
    next: &Answers,
    altered: &[Altered],
    at: &str,
    blobs: &[(&str, &[u8])],
) -> Result<Vec<HistoryEntry>, StoreError> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| classify_write_error(path, e))?;
    if data_version(&tx, path)? != seen {
        return Err(StoreError::ChangedElsewhere(path.to_path_buf()));
    }
    for (sha256, bytes) in blobs {
        // The same bytes attached before are kept once.
        tx.execute(
            "INSERT OR IGNORE INTO evidence_blob (sha256, bytes) VALUES (?1, ?2)",
            params![sha256, bytes],
        )
        .map_err(|e| classify_write_error(path, e))?;
    }
    let entries = insert_rows(&tx, path, next, altered, at)?;
    tx.commit().map_err(|e| classify_write_error(path, e))?;
    Ok(entries)
}

pub(super) fn insert_rows(
    tx: &Transaction<'_>,
    path: &Path,
    next: &Answers,
    altered: &[Altered],
    at: &str,
) -> Result<Vec<HistoryEntry>, StoreError> {
    let w = |e| classify_write_error(path, e);
    let mut entries = Vec::with_capacity(altered.len());
    for a in altered {
        match a.subject() {
            Subject::Standard(code) if is_recommendation(a.field()) => {
                write_recommendation(tx, code, next.standards.get(code), at).map_err(w)?;
            }
            Subject::Standard(code) => {
                match next.standards.get(code).filter(|a| a.has_assessment()) {
                    Some(ans) => {
                        tx.execute(
                        "INSERT INTO answer (code, commission, self, na_reason, note, author, changed_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                         ON CONFLICT (code) DO UPDATE SET commission = excluded.commission,
                           self = excluded.self, na_reason = excluded.na_reason,
                           note = excluded.note, author = excluded.author,
                           changed_at = excluded.changed_at",
                        params![
                            code.as_str(),
                            ans.commission,
                            ans.self_grade,
                            ans.na_reason,
                            ans.note,
                            ans.author,
                            at
                        ],
                    )
                    .map_err(w)?;
                    }
                    None => {
                        tx.execute("DELETE FROM answer WHERE code = ?1", [code.as_str()])
                            .map_err(w)?;
                    }
                }
            }
            Subject::Centre => match next.centre.get(a.field().as_str()) {
                Some(value) => {
                    tx.execute(
                        "INSERT INTO centre (field, value) VALUES (?1, ?2)
                         ON CONFLICT (field) DO UPDATE SET value = excluded.value",
                        params![a.field().as_str(), value],
                    )
                    .map_err(w)?;
                }
                None => {
                    tx.execute("DELETE FROM centre WHERE field = ?1", [a.field().as_str()])
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
                        params![number, doc.present.map(Presented::stored), doc.note, at],
                    )
                    .map_err(w)?;
                }
                None => {
                    tx.execute("DELETE FROM document WHERE number = ?1", [number])
                        .map_err(w)?;
                }
            },
            Subject::Member(name) => write_member(tx, name, next, at).map_err(w)?,
            Subject::Evidence(number) => write_evidence(tx, path, *number, next, at)?,
            // A fact lives in the header, under its own name (an empty visit date is "").
            Subject::Inspection => {
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![a.field().as_str(), a.new_value().unwrap_or_default()],
                )
                .map_err(w)?;
            }
        }
        let (subject, code) = stored_subject(a.subject());
        tx.execute(
            "INSERT INTO history (at, subject, code, field, old, new) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![at, subject, code, a.field().as_str(), a.old_value(), a.new_value()],
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

/// A member's row as the team now has them: written, or deleted when they left.
fn write_member(
    tx: &Transaction<'_>,
    name: &str,
    next: &Answers,
    at: &str,
) -> rusqlite::Result<()> {
    match next.team.get(name) {
        Some(m) => tx
            .execute(
                "INSERT INTO team_member (name, role, position, public_key, groups, part, changed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (name) DO UPDATE SET role = excluded.role,
                   position = excluded.position, public_key = excluded.public_key,
                   groups = excluded.groups, part = excluded.part,
                   changed_at = excluded.changed_at",
                params![
                    name,
                    m.role.id(),
                    m.position,
                    m.key,
                    crate::answers::groups_stored(&m.groups).unwrap_or_default(),
                    m.part.as_ref().map(MergedPart::stored),
                    at
                ],
            )
            .map(|_| ()),
        None => tx
            .execute("DELETE FROM team_member WHERE name = ?1", [name])
            .map(|_| ()),
    }
}

/// An attachment's row as the answers now have it: written (its bytes must already be in
/// the file: they go in with the batch that attaches it), or deleted when it was removed.
fn write_evidence(
    tx: &Transaction<'_>,
    path: &Path,
    number: u32,
    next: &Answers,
    at: &str,
) -> Result<(), StoreError> {
    let w = |e| classify_write_error(path, e);
    let Some(e) = next.evidence.get(&number) else {
        tx.execute("DELETE FROM evidence WHERE number = ?1", [number])
            .map_err(w)?;
        return Ok(());
    };
    let sha256 = &e.attachment.sha256;
    let has_bytes: bool = tx
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM evidence_blob WHERE sha256 = ?1)",
            [sha256],
            |r| r.get(0),
        )
        .map_err(w)?;
    if !has_bytes {
        return Err(StoreError::Invalid(format!(
            "attachment {number} ({}): its bytes are not in the inspection file; attach the file again",
            e.attachment.name
        )));
    }
    tx.execute(
        "INSERT INTO evidence (number, record, sha256, caption, changed_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (number) DO UPDATE SET record = excluded.record,
           sha256 = excluded.sha256, caption = excluded.caption,
           changed_at = excluded.changed_at",
        params![number, e.attachment.stored(), sha256, e.caption, at],
    )
    .map_err(w)?;
    Ok(())
}

fn is_recommendation(field: &Field) -> bool {
    matches!(field, Field::Recommendation | Field::Due | Field::Owner)
}

/// The `recommendation` row of a standard as `answer` now has it: written, or deleted when
/// nothing of it is left.
fn write_recommendation(
    tx: &Transaction<'_>,
    code: &Code,
    answer: Option<&Answer>,
    at: &str,
) -> rusqlite::Result<()> {
    match answer.map(|a| &a.recommendation).filter(|r| !r.is_empty()) {
        Some(r) => tx
            .execute(
                "INSERT INTO recommendation (code, text, due, owner, changed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (code) DO UPDATE SET text = excluded.text, due = excluded.due,
                   owner = excluded.owner, changed_at = excluded.changed_at",
                params![code.as_str(), r.text, r.due, r.owner, at],
            )
            .map(|_| ()),
        None => tx
            .execute(
                "DELETE FROM recommendation WHERE code = ?1",
                [code.as_str()],
            )
            .map(|_| ()),
    }
}

pub(super) fn read_history(
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
        let damaged_row = |detail: String| StoreError::Damaged {
            path: path.to_path_buf(),
            detail: format!("history row {id}: {detail}"),
        };
        let subject = read_subject(&subject, row_code)
            .ok_or_else(|| damaged_row(format!("unknown subject {subject:?}")))?;
        if let (Some(filter), Subject::Standard(c)) = (code, &subject) {
            if !c.starts_with(filter) {
                continue;
            }
        } else if code.is_some() {
            continue;
        }
        let altered =
            Altered::parse(subject, &field, old, new).map_err(|e| damaged_row(e.to_string()))?;
        out.push(HistoryEntry { id, at, altered });
    }
    Ok(out)
}

/// A subject as the history table stores it: `standard` (with the code in its own
/// column), `centre`, `document:N`, `inspection`.
fn stored_subject(subject: &Subject) -> (String, Option<&str>) {
    match subject {
        Subject::Standard(c) => ("standard".to_string(), Some(c.as_str())),
        Subject::Centre => ("centre".to_string(), None),
        Subject::Document(n) => (format!("document:{n}"), None),
        Subject::Inspection => ("inspection".to_string(), None),
        Subject::Member(name) => (format!("member:{name}"), None),
        Subject::Evidence(n) => (format!("evidence:{n}"), None),
    }
}

/// The subject of a stored history row, if it is one akredit writes.
fn read_subject(subject: &str, code: Option<String>) -> Option<Subject> {
    match (subject, code) {
        ("standard", Some(c)) => c.parse().ok().map(Subject::Standard),
        ("centre", None) => Some(Subject::Centre),
        ("inspection", None) => Some(Subject::Inspection),
        (s, None) if s.starts_with("evidence:") => s
            .strip_prefix("evidence:")?
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .map(Subject::Evidence),
        (s, None) if s.starts_with("member:") => s
            .strip_prefix("member:")
            .filter(|name| !name.trim().is_empty())
            .map(|name| Subject::Member(name.to_string())),
        (s, None) => s
            .strip_prefix("document:")?
            .parse()
            .ok()
            .map(Subject::Document),
        _ => None,
    }
}

pub(super) fn sqlite_err(path: &Path, source: rusqlite::Error) -> StoreError {
    StoreError::Sqlite {
        path: path.to_path_buf(),
        source,
    }
}

pub(super) fn damaged(path: &Path, e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) | None => StoreError::Damaged {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
        _ => classify_open_error(path, e),
    }
}

pub(super) fn classify_open_error(path: &Path, e: rusqlite::Error) -> StoreError {
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

pub(super) fn classify_write_error(path: &Path, e: rusqlite::Error) -> StoreError {
    classify_open_error(path, e)
}
