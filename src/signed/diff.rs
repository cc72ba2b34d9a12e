//! What changed between two verified results.

use std::collections::{BTreeMap, BTreeSet};

use super::{Payload, ResultFile, StandardEntry};
use crate::catalogue::Code;
use crate::scoring::Percent;

/// What changed between two results (the caller has verified both).
///
/// The newer one supersedes the older only when it names it, comes from the same
/// inspection and is signed with the same key, as in the commission overview.
pub fn diff(old_file: &ResultFile, new_file: &ResultFile, old_sha: &str) -> Vec<String> {
    let (old, new) = (&old_file.payload, &new_file.payload);
    let mut lines = provenance(old_file, new_file, old_sha);
    if old.model != new.model {
        lines.push(format!("model: {} → {}", old.model, new.model));
    }
    if old.is_final != new.is_final {
        lines.push(format!("final: {} → {}", old.is_final, new.is_final));
    }
    let show = |v: Option<&String>| v.cloned().unwrap_or_else(|| "—".into());
    let keys: BTreeSet<&String> = old.centre.keys().chain(new.centre.keys()).collect();
    for k in keys {
        let (a, b) = (old.centre.get(k), new.centre.get(k));
        if a != b {
            lines.push(format!("centre {k}: {} → {}", show(a), show(b)));
        }
    }
    lines.extend(standards(old, new));
    for (a, b) in old.documents.iter().zip(&new.documents) {
        if a != b {
            lines.push(format!(
                "document {}: {} {:?} → {} {:?}",
                a.number,
                checked(a.check()),
                a.note,
                checked(b.check()),
                b.note
            ));
        }
    }
    if old.totals != new.totals {
        lines.push(format!("totals: {} → {}", totals(old), totals(new)));
    }
    lines
}

/// Whether the new result supersedes the old, and whether they have one signer and one
/// inspection.
fn provenance(old_file: &ResultFile, new_file: &ResultFile, old_sha: &str) -> Vec<String> {
    let (old, new) = (&old_file.payload, &new_file.payload);
    let same_signer = old_file.signature.public_key == new_file.signature.public_key;
    let mut lines = vec![match &new.supersedes {
        Some(s) if s == old_sha && same_signer && old.inspection_id == new.inspection_id => {
            "the new result supersedes the old one".to_string()
        }
        Some(s) if s == old_sha => "the new result names the old one as superseded, but it does not supersede it: it is signed with a different key, or comes from another inspection".to_string(),
        Some(s) => format!("the new result supersedes another result ({s})"),
        None => "the new result does not name the old one as superseded".to_string(),
    }];
    if !same_signer {
        let key = |f: &ResultFile| f.signature.fingerprint().unwrap_or_else(|| "?".into());
        lines.push(format!(
            "DIFFERENT SIGNERS: the old result is signed with key {}, the new one with key {}",
            key(old_file),
            key(new_file)
        ));
    }
    if old.inspection_id != new.inspection_id {
        lines.push("the results come from different inspections".into());
    }
    lines
}

/// The standards whose grades, N/A or note changed, in code order.
fn standards(old: &Payload, new: &Payload) -> Vec<String> {
    let index = |p: &Payload| -> BTreeMap<String, StandardEntry> {
        p.standards
            .iter()
            .map(|s| (s.code.clone(), s.clone()))
            .collect()
    };
    let (old_std, new_std) = (index(old), index(new));
    let mut codes: Vec<Code> = old_std
        .keys()
        .chain(new_std.keys())
        .filter_map(|c| c.parse().ok())
        .collect();
    codes.sort();
    codes.dedup();
    let mut lines = Vec::new();
    for code in codes {
        match (old_std.get(code.as_str()), new_std.get(code.as_str())) {
            (Some(a), Some(b)) => lines.extend(standard_changes(&code, a, b)),
            (Some(_), None) => lines.push(format!("{code}: only in the old result")),
            (None, Some(_)) => lines.push(format!("{code}: only in the new result")),
            (None, None) => {}
        }
    }
    lines
}

fn standard_changes(code: &Code, a: &StandardEntry, b: &StandardEntry) -> Vec<String> {
    let grade = |g: Option<u8>| g.map_or("—".to_string(), |g| g.to_string());
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    let mut lines = Vec::new();
    if a.commission != b.commission {
        lines.push(format!(
            "{code} commission: {} → {}",
            grade(a.commission),
            grade(b.commission)
        ));
    }
    if a.self_grade != b.self_grade {
        lines.push(format!(
            "{code} self: {} → {}",
            grade(a.self_grade),
            grade(b.self_grade)
        ));
    }
    if a.na_reason != b.na_reason {
        lines.push(format!(
            "{code} not applicable: {} → {}",
            show(&a.na_reason),
            show(&b.na_reason)
        ));
    }
    if a.note != b.note {
        lines.push(format!("{code} note: {:?} → {:?}", a.note, b.note));
    }
    lines
}

fn totals(p: &Payload) -> String {
    let c = &p.totals.commission;
    format!(
        "{} / {} points, {} %, {}",
        c.points,
        p.totals.max_points,
        Percent::or_dash(c.percent),
        c.category
    )
}

/// A document's check as `diff` prints it: `yes`, `no`, `na` or `unchecked`.
fn checked(check: Option<crate::answers::Presented>) -> &'static str {
    check.map_or("unchecked", crate::answers::Presented::id)
}
