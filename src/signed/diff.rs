//! What changed between two verified results.

use std::collections::{BTreeMap, BTreeSet};

use super::{Payload, ResultFile, StandardEntry, fingerprint, keys};
use crate::catalogue::Code;

/// What changed between two results (the caller has verified both).
///
/// The newer one supersedes the older only when it names it, comes from the same
/// inspection and is signed with the same key, as in the commission overview.
pub fn diff(old_file: &ResultFile, new_file: &ResultFile, old_sha: &str) -> Vec<String> {
    let (old, new) = (&old_file.payload, &new_file.payload);
    let key = |f: &ResultFile| {
        keys::decode_public_key(&f.signature.public_key)
            .map_or_else(|| "?".to_string(), |k| fingerprint(&k.to_bytes()))
    };
    let same_signer = old_file.signature.public_key == new_file.signature.public_key;
    let mut lines = Vec::new();
    match &new.supersedes {
        Some(s) if s == old_sha && same_signer && old.inspection_id == new.inspection_id => {
            lines.push("the new result supersedes the old one".to_string())
        }
        Some(s) if s == old_sha => lines.push(
            "the new result names the old one as superseded, but it does not supersede it: it is signed with a different key, or comes from another inspection".to_string(),
        ),
        Some(s) => lines.push(format!("the new result supersedes another result ({s})")),
        None => lines.push("the new result does not name the old one as superseded".to_string()),
    }
    if !same_signer {
        lines.push(format!(
            "DIFFERENT SIGNERS: the old result is signed with key {}, the new one with key {}",
            key(old_file),
            key(new_file)
        ));
    }
    if old.inspection_id != new.inspection_id {
        lines.push("the results come from different inspections".into());
    }
    if old.model != new.model {
        lines.push(format!("model: {} → {}", old.model, new.model));
    }
    if old.is_final != new.is_final {
        lines.push(format!("final: {} → {}", old.is_final, new.is_final));
    }
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    let keys: BTreeSet<&String> = old.centre.keys().chain(new.centre.keys()).collect();
    for k in keys {
        let (a, b) = (old.centre.get(k).cloned(), new.centre.get(k).cloned());
        if a != b {
            lines.push(format!("centre {k}: {} → {}", show(&a), show(&b)));
        }
    }
    let old_std: BTreeMap<&str, &StandardEntry> =
        old.standards.iter().map(|s| (s.code.as_str(), s)).collect();
    let mut codes: Vec<Code> = old
        .standards
        .iter()
        .chain(&new.standards)
        .filter_map(|s| s.code.parse().ok())
        .collect();
    codes.sort();
    codes.dedup();
    let new_std: BTreeMap<&str, &StandardEntry> =
        new.standards.iter().map(|s| (s.code.as_str(), s)).collect();
    let grade = |g: Option<u8>| g.map_or("—".to_string(), |g| g.to_string());
    for code in codes {
        let (a, b) = (old_std.get(code.as_str()), new_std.get(code.as_str()));
        match (a, b) {
            (Some(a), Some(b)) => {
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
            }
            (Some(_), None) => lines.push(format!("{code}: only in the old result")),
            (None, Some(_)) => lines.push(format!("{code}: only in the new result")),
            (None, None) => {}
        }
    }
    for (a, b) in old.documents.iter().zip(&new.documents) {
        if a != b {
            lines.push(format!(
                "document {}: {:?} {:?} → {:?} {:?}",
                a.number, a.present, a.note, b.present, b.note
            ));
        }
    }
    let total = |p: &Payload| {
        let c = &p.totals.commission;
        format!(
            "{} / {} points, {} %, {}",
            c.points,
            p.totals.max_points,
            c.percent.map_or_else(|| "—".to_string(), |x| x.to_string()),
            c.category
        )
    };
    if old.totals != new.totals {
        lines.push(format!("totals: {} → {}", total(old), total(new)));
    }
    lines
}
