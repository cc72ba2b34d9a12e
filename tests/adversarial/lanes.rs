//! What each fuzz loop mutates, which parser it feeds, and what it checks beyond "no
//! panic, no hang".

use std::fs;
use std::path::Path;
use std::sync::Arc;

use akredit::answers::{Change, Column};
use akredit::catalogue::{Catalogue, ModelId};
use akredit::inspection::{Access, Inspection};

use crate::fuzz::{CaseFn, Verdict};
use crate::genuine::genuine;
use crate::mutate::{Rng, mutate_bytes, mutate_csv, mutate_in_place, mutate_json};

/// The catalogue file as committed.
pub const CATALOGUE_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/standards/order-169.json");

fn catalogue() -> Arc<Catalogue> {
    Arc::new(Catalogue::builtin().expect("built-in catalogue"))
}

/// One to three edits, each structure-aware (JSON) or on bytes, half and half.
fn json_mutant(rng: &mut Rng, original: &[u8]) -> Vec<u8> {
    let mut out = original.to_vec();
    for _ in 0..1 + rng.below(3) {
        if rng.one_in(2) {
            out = mutate_json(rng, &out);
        } else {
            mutate_bytes(rng, &mut out);
        }
    }
    out
}

fn verdict(original: &[u8], mutant: &[u8], accepted: bool) -> Verdict {
    match (mutant == original, accepted) {
        (true, _) => Verdict::Unchanged,
        (false, true) => Verdict::Accepted,
        (false, false) => Verdict::Refused,
    }
}

/// A genuine signed result → `verify`: every mutant whose bytes differ fails it.
pub fn signed_result() -> Arc<CaseFn> {
    let cat = catalogue();
    let original = genuine().result.clone();
    let genuine_holds = akredit::signed::verify(&original, &cat, &[]).holds();
    assert!(genuine_holds, "the genuine result verifies");
    Arc::new(move |rng: &mut Rng| {
        let mutant = json_mutant(rng, &original);
        let holds = akredit::signed::verify(&mutant, &cat, &[]).holds();
        match verdict(&original, &mutant, holds) {
            Verdict::Accepted => Err(format!(
                "a mutant verifies although its bytes differ from the signed result: {}",
                String::from_utf8_lossy(&mutant[..mutant.len().min(300)])
            )),
            v => Ok(v),
        }
    })
}

/// A centre's self-assessment (JSON, signed or not, half and half) →
/// `self_assessment::read`.
pub fn self_assessment_json() -> Arc<CaseFn> {
    let cat = catalogue();
    let originals = [
        genuine().self_json.clone(),
        genuine().self_json_unsigned.clone(),
    ];
    Arc::new(move |rng: &mut Rng| {
        let original = rng.pick(&originals);
        let mutant = json_mutant(rng, original);
        let read = akredit::self_assessment::read(&mutant, &cat, ModelId::Full);
        Ok(verdict(original, &mutant, read.is_ok()))
    })
}

/// A filled-in CSV template → `self_assessment::read`.
pub fn self_assessment_csv() -> Arc<CaseFn> {
    let cat = catalogue();
    let original = genuine().filled_csv.clone();
    Arc::new(move |rng: &mut Rng| {
        let mut mutant = original.clone();
        for _ in 0..1 + rng.below(3) {
            if rng.one_in(2) {
                mutant = mutate_csv(rng, &mutant);
            } else {
                mutate_bytes(rng, &mut mutant);
            }
        }
        let read = akredit::self_assessment::read(&mutant, &cat, ModelId::Full);
        Ok(verdict(&original, &mutant, read.is_ok()))
    })
}

/// The catalogue JSON → `Catalogue::from_json`.
pub fn catalogue_json() -> Arc<CaseFn> {
    let original = fs::read(CATALOGUE_FILE).expect("catalogue file");
    Arc::new(move |rng: &mut Rng| {
        let mutant = json_mutant(rng, &original);
        let parsed = Catalogue::from_json(&String::from_utf8_lossy(&mutant));
        Ok(verdict(&original, &mutant, parsed.is_ok()))
    })
}

/// A byte-mutated inspection: mostly flips and overwrites in place (pages keep their
/// places), sometimes inserted, deleted or cut bytes.
pub fn inspection_mutant(rng: &mut Rng) -> Vec<u8> {
    let mut mutant = genuine().inspection.clone();
    if rng.one_in(5) {
        mutate_bytes(rng, &mut mutant);
    } else {
        mutate_in_place(rng, &mut mutant);
    }
    mutant
}

/// Byte-mutated inspections → `Inspection::open` read-only, then read-write and `apply`
/// of one grade: a read-only open never changes the file, nor does a refused open or
/// change.
pub fn inspection_file() -> Arc<CaseFn> {
    let cat = catalogue();
    let scratch = tempfile::tempdir().expect("scratch folder");
    Arc::new(move |rng: &mut Rng| {
        let mutant = inspection_mutant(rng);
        let dir = scratch.path().join(format!("{:016x}", rng.next()));
        fs::create_dir(&dir).expect("case folder");
        let path = dir.join("m.akredit");
        fs::write(&path, &mutant).expect("mutant");
        let result = open_and_grade(&path, &mutant, &cat);
        fs::remove_dir_all(&dir).ok();
        result.map(|accepted| verdict(&genuine().inspection, &mutant, accepted))
    })
}

/// `Ok(true)`: the grade was saved; `Ok(false)`: refused and the file unchanged.
fn open_and_grade(path: &Path, mutant: &[u8], cat: &Arc<Catalogue>) -> Result<bool, String> {
    let same = |what: &str, why: String| -> Result<bool, String> {
        match fs::read(path) {
            Ok(now) if now == mutant => Ok(false),
            _ => Err(format!("{what} changed the file ({why})")),
        }
    };
    let read_only = Inspection::open(path, cat.clone(), Access::ReadOnly).map(|_| ());
    same("a read-only open", format!("{read_only:?}"))?;
    let mut insp = match Inspection::open(path, cat.clone(), Access::ReadWrite) {
        Ok(insp) => insp,
        Err(e) => return same("a refused read-write open", e.to_string()),
    };
    let grade = Change::Grade {
        code: "1.1.3".parse().expect("code"),
        column: Column::Commission,
        grade: Some(1),
    };
    match insp.apply(&[grade]) {
        Ok(_) => Ok(true),
        Err(e) => {
            drop(insp);
            same("a refused change", e.to_string())
        }
    }
}
