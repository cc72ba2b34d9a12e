//! Co-signed results (`akredit-result/2`): the head of the expert group exports, each
//! expert adds their signature with `akredit cosign`, and `verify` and `commission` check
//! every signature against the team the payload records.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};

use akredit::answers::{Change, Column, Role};
use akredit::catalogue::ModelId;
use akredit::inspection::{Inspection, NewInspection};
use akredit::signed::{self, ExportError, Identity, Outcome, SignatureState, canonical_json};
use akredit::support::home::Home;
use serde_json::Value;

mod common;
use common::Run;

const HEAD: &str = "Петренко Петро Петрович";
const EXPERT_1: &str = "Сидоренко Олена Іванівна";
const EXPERT_2: &str = "Коваль Іван Миколайович";

/// A folder with three data folders (the head's and two experts'), each with its key,
/// and an inspection, complete, whose expert group records the three with their keys.
struct Group {
    dir: tempfile::TempDir,
    ids: Vec<Identity>,
}

impl Group {
    fn new() -> Group {
        Group::with_keys(&[true, true, true])
    }

    /// A group whose members' keys are recorded where `recorded` says so.
    fn with_keys(recorded: &[bool; 3]) -> Group {
        let dir = tempfile::tempdir().expect("tempdir");
        let names = [HEAD, EXPERT_1, EXPERT_2];
        let ids: Vec<Identity> = ["head", "e1", "e2"]
            .iter()
            .zip(names)
            .map(|(home, name)| Identity::create(&Home::at(dir.path().join(home)), name).unwrap())
            .collect();
        let mut insp = complete_inspection(&dir.path().join("a.akredit"));
        let roles = [Role::Head, Role::Expert, Role::Expert];
        let mut changes = Vec::new();
        for (i, name) in names.iter().enumerate() {
            changes.push(Change::Member {
                name: (*name).into(),
                role: Some(roles[i]),
            });
            changes.push(Change::Position {
                name: (*name).into(),
                text: "лікар-епідеміолог".into(),
            });
            if recorded[i] {
                changes.push(Change::MemberKey {
                    name: (*name).into(),
                    key: Some(ids[i].public.public_key.clone()),
                });
            }
        }
        insp.apply(&changes).expect("team");
        Group { dir, ids }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs the binary in the folder with the data folder `home` (`head`, `e1`, `e2`, …).
    fn run(&self, home: &str, args: &[&str]) -> Run {
        Run::of(args, self.dir.path(), &self.path(home))
    }

    /// The head exports `out`.
    fn export(&self, out: &str) {
        let run = self.run("head", &["export", "a.akredit", "--out", out]);
        assert_eq!(run.code(), Some(0), "{run:?}");
    }

    /// `home` co-signs `input` into `out`.
    fn cosign(&self, home: &str, input: &str, out: &str) -> Run {
        self.run(home, &["cosign", input, "--out", out])
    }

    fn verify(&self, name: &str) -> signed::Verification {
        let bytes = fs::read(self.path(name)).expect("result");
        signed::verify(&bytes, &common::catalogue(), &[])
    }

    fn json(&self, name: &str) -> Value {
        serde_json::from_slice(&fs::read(self.path(name)).expect("result")).expect("JSON")
    }

    /// Writes `doc` in canonical form to `name`.
    fn write(&self, name: &str, doc: &Value) {
        fs::write(self.path(name), canonical_json(doc).expect("canonical")).expect("write");
    }
}

/// A new inspection with every standard graded and the facts recorded.
fn complete_inspection(path: &Path) -> Inspection {
    let cat = common::catalogue();
    let mut insp = Inspection::create(
        path,
        cat.clone(),
        &NewInspection {
            model: ModelId::Sanitary,
            centre_name: "Сумський обласний центр здоров'я".into(),
            expert: HEAD.into(),
            visit_date: Some("2026-11-23".into()),
            purpose: Default::default(),
        },
    )
    .expect("create");
    common::record_facts(&mut insp);
    let grades: Vec<Change> = cat
        .model_standards(ModelId::Sanitary)
        .map(|s| Change::Grade {
            code: s.code.clone(),
            column: Column::Commission,
            grade: Some(if s.scale.allows(2) { 2 } else { 3 }),
        })
        .collect();
    insp.apply(&grades).expect("grades");
    insp
}

fn failed(v: &signed::Verification) -> Vec<(&'static str, String)> {
    v.checks
        .iter()
        .filter_map(|c| match &c.outcome {
            Outcome::Fail(why) => Some((c.name, why.clone())),
            _ => None,
        })
        .collect()
}

fn outcome<'a>(v: &'a signed::Verification, name: &str) -> &'a Outcome {
    &v.checks
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no {name} check: {:#?}", v.checks))
        .outcome
}

#[test]
fn the_head_exports_format_2_and_each_expert_co_signs_it() {
    let g = Group::new();
    g.export("r1.json");
    let doc = g.json("r1.json");
    assert_eq!(doc["format"], "akredit-result/2");
    assert!(doc.get("signature").is_none(), "{doc}");
    let sigs = doc["signatures"].as_array().expect("signatures");
    assert_eq!(sigs.len(), 1);
    assert_eq!(sigs[0]["name"], HEAD);
    assert_eq!(sigs[0]["role"], "head");
    let mut fields: Vec<&str> = sigs[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    fields.sort_unstable();
    assert_eq!(fields, ["name", "public_key", "role", "value"]);

    let v = g.verify("r1.json");
    assert!(v.holds(), "{:#?}", v.checks);
    assert_eq!(v.signed_of(), Some((1, 3)));
    let states: Vec<(&str, &SignatureState)> = v
        .signatures
        .iter()
        .map(|s| (s.name.as_str(), &s.state))
        .collect();
    assert_eq!(states[0], (HEAD, &SignatureState::Valid));
    assert!(
        states[1..]
            .iter()
            .all(|(_, s)| **s == SignatureState::NotYet)
    );
    let Outcome::Warning(said) = outcome(&v, "co-signed") else {
        panic!("{:#?}", v.checks);
    };
    assert!(said.starts_with("signed by 1 of 3"), "{said}");
    assert!(
        said.contains(&format!("not yet: {EXPERT_2}, {EXPERT_1}")),
        "{said}"
    );
    let run = g.run("head", &["verify", "r1.json"]);
    assert_eq!(run.code(), Some(0), "{run:?}");
    assert!(run.stdout.contains("signed by 1 of 3"), "{run:?}");

    let run = g.cosign("e1", "r1.json", "r2.json");
    assert_eq!(run.code(), Some(0), "{run:?}");
    assert!(run.stdout.contains("signed by 2 of 3"), "{run:?}");
    let run = g.cosign("e2", "r2.json", "r3.json");
    assert_eq!(run.code(), Some(0), "{run:?}");
    assert!(run.stdout.contains("signed by 3 of 3"), "{run:?}");

    let v = g.verify("r3.json");
    assert!(v.holds(), "{:#?}", v.checks);
    assert_eq!(v.signed_of(), Some((3, 3)));
    assert!(v.signatures.iter().all(|s| s.valid()));
    assert!(
        matches!(outcome(&v, "co-signed"), Outcome::Pass(p) if p.starts_with("signed by 3 of 3"))
    );
    // The payload is the one the head signed: the same result.
    assert_eq!(g.json("r3.json")["payload"], doc["payload"]);
    assert_eq!(v.sha256, g.verify("r1.json").sha256);

    // --trust applies to every signature.
    let trust = |home: &str| {
        g.path(home)
            .join("keys/identity.json")
            .display()
            .to_string()
    };
    let (t0, t1, t2) = (trust("head"), trust("e1"), trust("e2"));
    let run = g.run(
        "head",
        &[
            "verify", "r3.json", "--trust", &t0, "--trust", &t1, "--trust", &t2,
        ],
    );
    assert_eq!(run.code(), Some(0), "{run:?}");
    assert!(run.stdout.contains("VERIFIED"), "{run:?}");
    let run = g.run(
        "head",
        &["verify", "r3.json", "--trust", &t0, "--trust", &t1],
    );
    assert_eq!(run.code(), Some(1), "{run:?}");
    assert!(run.stdout.contains("FAILED   trusted signer"), "{run:?}");
}

#[test]
fn a_member_signs_once_and_a_stranger_not_at_all() {
    let g = Group::new();
    g.export("r1.json");
    assert_eq!(g.cosign("e1", "r1.json", "r2.json").code(), Some(0));
    for (home, input) in [("e1", "r2.json"), ("head", "r1.json")] {
        let run = g.cosign(home, input, "again.json");
        assert_eq!(run.code(), Some(1), "{run:?}");
        assert!(
            run.stderr.contains("has signed this result already"),
            "{run:?}"
        );
        assert!(!g.path("again.json").exists());
    }
    Identity::create(&Home::at(g.path("stranger")), "Мельник Андрій").unwrap();
    let run = g.cosign("stranger", "r1.json", "s.json");
    assert_eq!(run.code(), Some(1), "{run:?}");
    assert!(
        run.stderr
            .contains("not a member's of the result's expert group"),
        "{run:?}"
    );
    assert!(!g.path("s.json").exists());
    // Never over a file.
    fs::write(g.path("taken.json"), b"x").unwrap();
    let run = g.cosign("e2", "r2.json", "taken.json");
    assert_eq!(run.code(), Some(1), "{run:?}");
    assert_eq!(fs::read(g.path("taken.json")).unwrap(), b"x");
}

#[test]
fn a_co_signature_changed_by_one_byte_makes_the_result_invalid() {
    let g = Group::new();
    g.export("r1.json");
    assert_eq!(g.cosign("e1", "r1.json", "r2.json").code(), Some(0));
    let mut doc = g.json("r2.json");
    let value = doc["signatures"][1]["value"].as_str().unwrap().to_string();
    let mut bytes = value.into_bytes();
    bytes[3] = if bytes[3] == b'A' { b'B' } else { b'A' };
    doc["signatures"][1]["value"] = Value::String(String::from_utf8(bytes).unwrap());
    g.write("tampered.json", &doc);
    let v = g.verify("tampered.json");
    assert!(!v.holds());
    let failed = failed(&v);
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(failed[0].0, "signature");
    assert!(failed[0].1.contains(EXPERT_1), "{failed:?}");
    assert!(
        matches!(v.signatures[2].state, SignatureState::Invalid(_)),
        "{:?}",
        v.signatures
    );
    // Nothing is added to a result that does not verify.
    let run = g.cosign("e2", "tampered.json", "r3.json");
    assert_eq!(run.code(), Some(1), "{run:?}");
    assert!(run.stderr.contains("does not verify"), "{run:?}");
    assert!(!g.path("r3.json").exists());
}

#[test]
fn a_co_signature_from_another_result_does_not_hold() {
    let g = Group::new();
    g.export("r1.json");
    // A later result of the same inspection, co-signed by the first expert.
    let mut insp = Inspection::open(
        &g.path("a.akredit"),
        common::catalogue(),
        akredit::inspection::Access::ReadWrite,
    )
    .expect("open");
    insp.apply(&[Change::Note {
        code: "1.1.3".parse().unwrap(),
        text: "Перевірено повторно".into(),
    }])
    .expect("note");
    drop(insp);
    g.export("later.json");
    assert_eq!(g.cosign("e1", "later.json", "later2.json").code(), Some(0));
    let mut doc = g.json("r1.json");
    let borrowed = g.json("later2.json")["signatures"][1].clone();
    doc["signatures"].as_array_mut().unwrap().push(borrowed);
    g.write("swapped.json", &doc);
    let v = g.verify("swapped.json");
    let failed = failed(&v);
    assert_eq!(
        failed.iter().map(|f| f.0).collect::<Vec<_>>(),
        ["signature"],
        "{failed:?}"
    );
    assert!(failed[0].1.contains("another result"), "{failed:?}");
}

/// A change made to a result's JSON.
type Forgery = Box<dyn Fn(&mut Value)>;

#[test]
fn a_signature_under_another_member_s_name_or_role_or_twice_does_not_hold() {
    let g = Group::new();
    g.export("r1.json");
    assert_eq!(g.cosign("e1", "r1.json", "r2.json").code(), Some(0));
    let doc = g.json("r2.json");
    let cases: [(&str, Forgery, &str); 4] = [
        (
            "name",
            Box::new(|d| d["signatures"][1]["name"] = EXPERT_2.into()),
            "not the key the group records",
        ),
        (
            "role",
            Box::new(|d| d["signatures"][1]["role"] = "head".into()),
            "the group records them as",
        ),
        (
            "twice",
            Box::new(|d| {
                let again = d["signatures"][1].clone();
                d["signatures"].as_array_mut().unwrap().push(again);
            }),
            "signed twice",
        ),
        (
            "stranger",
            Box::new(|d| d["signatures"][1]["name"] = "Мельник Андрій".into()),
            "not a member of the expert group",
        ),
    ];
    for (what, change, why) in cases {
        let mut forged = doc.clone();
        change(&mut forged);
        let name = format!("{what}.json");
        g.write(&name, &forged);
        let v = g.verify(&name);
        let failed = failed(&v);
        assert!(
            failed
                .iter()
                .any(|(check, said)| *check == "signers" && said.contains(why)),
            "{what}: {failed:?}"
        );
        let run = g.run("head", &["verify", &name]);
        assert_eq!(run.code(), Some(1), "{what}: {run:?}");
    }
    // The head's signature moved behind an expert's: the head signs first.
    let mut forged = doc.clone();
    forged["signatures"].as_array_mut().unwrap().reverse();
    g.write("order.json", &forged);
    let failed = failed(&g.verify("order.json"));
    assert!(
        failed.iter().any(|(_, s)| s.contains("not the head's")),
        "{failed:?}"
    );
}

#[test]
fn only_the_head_exports_a_group_s_result() {
    let g = Group::new();
    let run = g.run("e1", &["export", "a.akredit", "--out", "e1.json"]);
    assert_eq!(run.code(), Some(1), "{run:?}");
    assert!(
        run.stderr
            .contains(&format!("only the head of the expert group, {HEAD}")),
        "{run:?}"
    );
    assert!(run.stderr.contains("akredit cosign"), "{run:?}");
    assert!(!g.path("e1.json").exists());
    let insp = Inspection::open(
        &g.path("a.akredit"),
        common::catalogue(),
        akredit::inspection::Access::ReadOnly,
    )
    .expect("open");
    let payload = signed::payload(&insp, EXPERT_1, true, "2026-11-23T12:00:00.000Z").unwrap();
    assert!(matches!(
        signed::sign(&payload, &g.ids[1]),
        Err(ExportError::NotHead { head: Some(h), .. }) if h == HEAD
    ));
    assert!(signed::sign(&payload, &g.ids[0]).is_ok());
}

#[test]
fn without_keys_recorded_names_decide_and_it_is_said() {
    let g = Group::with_keys(&[false, true, false]);
    g.export("r1.json");
    let run = g.cosign("e2", "r1.json", "r2.json");
    assert_eq!(run.code(), Some(0), "{run:?}");
    assert!(run.stderr.contains("records no key for"), "{run:?}");
    let v = g.verify("r2.json");
    assert!(v.holds(), "{:#?}", v.checks);
    assert!(matches!(outcome(&v, "signers"), Outcome::Warning(w) if w.contains(EXPERT_2)));
    assert_eq!(v.signed_of(), Some((2, 3)));
}

#[test]
fn the_commission_shows_who_signed_and_refuses_a_bad_co_signature() {
    let g = Group::new();
    g.export("r1.json");
    assert_eq!(g.cosign("e1", "r1.json", "r2.json").code(), Some(0));
    let mut doc = g.json("r2.json");
    doc["signatures"][1]["value"] = doc["signatures"][0]["value"].clone();
    fs::create_dir(g.path("results")).unwrap();
    fs::rename(g.path("r2.json"), g.path("results/r2.json")).unwrap();
    g.write("results/bad.json", &doc);
    let run = g.run("head", &["commission", "results", "--csv", "table.csv"]);
    assert_eq!(run.code(), Some(1), "{run:?}");
    let row = |file: &str| {
        run.stdout
            .lines()
            .find(|l| l.ends_with(file))
            .unwrap_or_else(|| panic!("{file}: {run:?}"))
            .to_string()
    };
    assert!(
        row("r2.json").contains("2 of 3") && row("r2.json").contains("valid"),
        "{run:?}"
    );
    assert!(row("bad.json").contains("INVALID"), "{run:?}");
    assert!(run.stdout.contains("not yet: "), "{run:?}");
    let csv = fs::read_to_string(g.path("table.csv")).unwrap();
    assert!(csv.contains(",signed,"), "{csv}");
    assert!(csv.contains(",2 of 3,"), "{csv}");
    let run = g.run("head", &["commission", "results/r2.json", "--json"]);
    assert_eq!(run.code(), Some(0), "{run:?}");
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["rows"][0]["signed"], "2 of 3");
}

#[test]
fn a_result_of_one_expert_is_still_format_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let id = Identity::create(&Home::at(dir.path().join("home")), HEAD).unwrap();
    let mut insp = complete_inspection(&dir.path().join("one.akredit"));
    let signed = signed::export(&mut insp, &id, false, &dir.path().join("one.json")).unwrap();
    let doc: Value = serde_json::from_slice(&signed.bytes).unwrap();
    assert_eq!(doc["format"], "akredit-result/1");
    assert!(doc.get("signatures").is_none());
    assert_eq!(doc["signature"]["algorithm"], "ed25519");
    let v = signed::verify(&signed.bytes, &common::catalogue(), &[]);
    assert!(v.holds(), "{:#?}", v.checks);
    assert_eq!(v.signed_of(), None);
    assert!(v.signatures.is_empty());
    // And a one-expert result cannot be co-signed.
    let err = signed::cosign(&signed.bytes, &common::catalogue(), &id).unwrap_err();
    assert!(matches!(err, signed::CosignError::OneExpert), "{err}");
}

/// Text without any whitespace, to find words a PDF may have broken across lines.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_protocol_and_the_conclusion_print_each_member_under_a_signature_line() {
    let g = Group::new();
    g.export("r1.json");
    assert_eq!(g.cosign("e1", "r1.json", "r2.json").code(), Some(0));
    let run = g.run("head", &["protocol", "r2.json", "--out", "p.pdf"]);
    assert_eq!(run.code(), Some(0), "{run:?}");
    let run = g.run("head", &["conclusion-doc", "r2.json", "--out", "c.pdf"]);
    assert_eq!(run.code(), Some(0), "{run:?}");
    let fingerprints: Vec<String> = g.ids.iter().map(Identity::fingerprint).collect();
    for doc in ["p.pdf", "c.pdf"] {
        let pdf = akredit::support::pdf::read(&fs::read(g.path(doc)).unwrap()).unwrap();
        let text = squeeze(&pdf.pages.concat());
        for (name, fp) in [HEAD, EXPERT_1, EXPERT_2].iter().zip(&fingerprints) {
            let line = format!("{name}, лікар-епідеміолог · ключ {fp}");
            assert!(text.contains(&squeeze(&line)), "{doc}: {line}");
        }
        assert!(
            text.contains(&squeeze("Керівник експертної групи")),
            "{doc}"
        );
    }
    // The standards a member of the group graded name them.
    let mut payload = g.verify("r2.json").result.unwrap().payload;
    payload.standards[0].author = Some(EXPERT_1.into());
    let code = payload.standards[0].code.clone();
    let cat = common::catalogue();
    let protocol = akredit::protocol::render(&payload, &cat, None).unwrap();
    let text = squeeze(
        &akredit::support::pdf::read(&protocol)
            .unwrap()
            .pages
            .concat(),
    );
    assert!(text.contains("Оцінив"), "no author column");
    assert!(text.contains(&squeeze("Сидоренко О. І.")), "no author");
    if let Some(dir) = std::env::var_os("AKREDIT_COSIGN_PDF_DIR") {
        fs::write(Path::new(&dir).join("authors.pdf"), &protocol).unwrap();
        fs::copy(g.path("p.pdf"), Path::new(&dir).join("p.pdf")).unwrap();
        fs::copy(g.path("c.pdf"), Path::new(&dir).join("c.pdf")).unwrap();
    }
    assert!(!code.is_empty());
}
