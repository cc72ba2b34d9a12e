//! The expert group on three laptops: the team as changes, parts made, graded and signed
//! on three data folders (`AKREDIT_HOME`), merged with every disagreement decided, the
//! merge undone, each refusal, and a kill during a merge.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::path::PathBuf;

use akredit::answers::{Answers, Change, Column};
use akredit::catalogue::{Code, ModelId};
use akredit::inspection::{Access, Inspection};
use akredit::signed::Identity;
use akredit::support::home::Home;
use akredit::team::{self, PartFile, TeamError};
use common::{Run, catalogue};

const HEAD: &str = "Коваленко Олена Петрівна";
const A: &str = "Петренко Іван Іванович";
const B: &str = "Сидоренко Марія Олексіївна";

/// An inspection with a head and two experts, each with a data folder and a key; expert
/// A is assigned 1.2, expert B 1.2 and 1.3 (two assessors of 1.2 on purpose).
struct Group {
    dir: tempfile::TempDir,
}

impl Group {
    fn new() -> Group {
        let group = Group {
            dir: tempfile::tempdir().unwrap(),
        };
        for (who, name) in [("head", HEAD), ("a", A), ("b", B)] {
            group.ok(who, &["key", "init", "--name", name]);
        }
        group.ok(
            "head",
            &[
                "new",
                "h.akredit",
                "--model",
                "full",
                "--centre",
                "Полтавський обласний центр здоров'я",
                "--expert",
                HEAD,
                "--visit-date",
                "2026-12-01",
            ],
        );
        for (who, name, role, groups) in [
            ("head", HEAD, "head", "1.1"),
            ("a", A, "expert", "1.2"),
            ("b", B, "expert", "1.2,1.3"),
        ] {
            let key = group.identity(who);
            group.ok(
                "head",
                &[
                    "team",
                    "h.akredit",
                    "add",
                    name,
                    "--role",
                    role,
                    "--key",
                    &key,
                    "--groups",
                    groups,
                ],
            );
        }
        group
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn home(&self, who: &str) -> PathBuf {
        self.path(&format!("home-{who}"))
    }

    fn identity(&self, who: &str) -> String {
        self.home(who)
            .join("keys/identity.json")
            .to_string_lossy()
            .into_owned()
    }

    fn run(&self, who: &str, args: &[&str]) -> Run {
        Run::of(args, self.dir.path(), &self.home(who))
    }

    fn ok(&self, who: &str, args: &[&str]) -> Run {
        let run = self.run(who, args);
        assert_eq!(run.code(), Some(0), "{args:?}: {}", run.describe());
        run
    }

    fn refused(&self, who: &str, args: &[&str]) -> Run {
        let run = self.run(who, args);
        assert_eq!(run.code(), Some(1), "{args:?}: {}", run.describe());
        run
    }

    /// The head grades, the parts are made, each expert grades and signs theirs:
    /// 1.2.1 head 3 / A 0; 1.2.2 A 3 / B 0; 1.2.3 B 3; 1.3.1.1 B 3; 1.1.1.2 A 3 (outside
    /// A's groups).
    fn graded_parts(&self) {
        self.ok("head", &["score", "h.akredit", "1.1.1.1=3", "1.2.1=3"]);
        self.ok(
            "head",
            &["na", "h.akredit", "1.1.1.5", "--reason", "не проводиться"],
        );
        self.ok(
            "head",
            &["part", "h.akredit", "--for", A, "--out", "a.akredit"],
        );
        self.ok(
            "head",
            &["part", "h.akredit", "--for", B, "--out", "b.akredit"],
        );
        self.ok(
            "a",
            &["score", "a.akredit", "1.2.1=0", "1.2.2=3", "1.1.1.2=3"],
        );
        self.ok(
            "a",
            &["note", "a.akredit", "1.2.1", "лікарів 3 із 5 за штатом"],
        );
        self.ok(
            "b",
            &["score", "b.akredit", "1.2.2=0", "1.2.3=3", "1.3.1.1=3"],
        );
        let a = self.ok("a", &["export-part", "a.akredit", "--out", "a.json"]);
        assert!(
            a.stdout.contains("outside your groups") && a.stdout.contains("1.1.1.2"),
            "{}",
            a.describe()
        );
        self.ok("b", &["export-part", "b.akredit", "--out", "b.json"]);
    }

    /// `merge FILE a.json b.json` with the two disagreements decided: A's 1.2.1, B's 1.2.2.
    fn decided_merge(file: &str) -> Vec<String> {
        let take_a = format!("{A}:1.2.1");
        let take_b = format!("{B}:1.2.2");
        [
            "merge", file, "a.json", "b.json", "--take", &take_a, "--take", &take_b,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    /// Merges both parts into h.akredit, the disagreements decided ([`Group::decided_merge`]).
    fn merge_decided(&self) {
        let args = Group::decided_merge("h.akredit");
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        self.ok("head", &args);
    }

    fn open(&self, name: &str) -> Inspection {
        Inspection::open(&self.path(name), catalogue(), Access::ReadOnly).unwrap()
    }
}

fn code(text: &str) -> Code {
    text.parse().unwrap()
}

#[test]
fn the_team_is_listed_and_every_change_of_it_is_in_the_history() {
    let g = Group::new();
    let listed = g.ok("head", &["team", "h.akredit"]);
    assert!(
        listed.stdout.contains(&format!("{HEAD} — head")),
        "{}",
        listed.stdout
    );
    assert!(
        listed.stdout.contains("groups: 1.2, 1.3"),
        "{}",
        listed.stdout
    );
    let second = g.refused("head", &["team", "h.akredit", "edit", A, "--role", "head"]);
    assert!(
        second.stderr.contains("already has a head"),
        "{}",
        second.stderr
    );
    let group = g.refused(
        "head",
        &["team", "h.akredit", "assign", A, "--groups", "1.2.1"],
    );
    assert!(group.stderr.contains("not a group"), "{}", group.stderr);
    let key = g.refused("head", &["team", "h.akredit", "edit", A, "--key", "AAAA"]);
    assert!(key.stderr.contains("public key"), "{}", key.stderr);
    g.ok(
        "head",
        &[
            "team",
            "h.akredit",
            "edit",
            A,
            "--position",
            "лікар-методист",
        ],
    );
    g.ok("head", &["team", "h.akredit", "remove", B]);
    let insp = g.open("h.akredit");
    assert!(!insp.answers().team.contains_key(B));
    assert_eq!(insp.answers().team[A].position, "лікар-методист");
    let history = insp.history(None).unwrap();
    let about_b = history
        .iter()
        .filter(|e| e.altered.subject().to_string() == format!("member {B}"))
        .count();
    assert_eq!(
        about_b, 6,
        "added with a key and groups, then removed field by field"
    );
    assert_eq!(
        Answers::replay(history.iter().map(|e| &e.altered)),
        *insp.answers()
    );
}

#[test]
fn three_experts_merge_with_every_disagreement_decided_on_the_record() {
    let g = Group::new();
    g.graded_parts();
    let before = fs::read(g.path("h.akredit")).unwrap();
    let listed = g.refused("head", &["merge", "h.akredit", "a.json", "b.json"]);
    for expected in [
        "1.2.1 — graded differently",
        "1.2.2 — graded differently",
        &format!("{HEAD} (in this file): В 3"),
        "лікарів 3 із 5 за штатом",
        "criterion:",
        "graded outside their groups: 1.1.1.2",
    ] {
        assert!(
            listed.stdout.contains(expected),
            "{expected}: {}",
            listed.describe()
        );
    }
    assert!(listed.stderr.contains("2 standards are graded differently"));
    assert_eq!(
        fs::read(g.path("h.akredit")).unwrap(),
        before,
        "nothing changed"
    );

    g.merge_decided();
    let insp = g.open("h.akredit");
    let answers = insp.answers();
    let graded = |c: &str| {
        (
            answers.get(&code(c)).commission,
            answers.author_of(&code(c), HEAD),
        )
    };
    assert_eq!(graded("1.1.1.1"), (Some(3), Some(HEAD)));
    assert_eq!(graded("1.2.1"), (Some(0), Some(A)));
    assert_eq!(graded("1.2.2"), (Some(0), Some(B)));
    assert_eq!(graded("1.2.3"), (Some(3), Some(B)));
    assert_eq!(graded("1.3.1.1"), (Some(3), Some(B)));
    assert_eq!(
        graded("1.1.1.2"),
        (Some(3), Some(A)),
        "outside A's groups, taken"
    );
    assert!(
        answers.get(&code("1.1.1.5")).is_na(),
        "the head's decision stays"
    );
    assert_eq!(answers.get(&code("1.2.1")).note, "лікарів 3 із 5 за штатом");
    let decisions: Vec<String> = insp
        .history(None)
        .unwrap()
        .iter()
        .filter(|e| e.altered.field().as_str() == "decision")
        .map(|e| e.altered.new_value().unwrap().to_string())
        .collect();
    assert_eq!(decisions.len(), 2, "{decisions:?}");
    assert!(decisions[0].contains(&format!("{A} (Н 0) taken over {HEAD} (В 3)")));
    assert!(decisions[1].ends_with(&format!("decided by {HEAD}")));

    // The totals are those of the decided grades, scored afresh.
    let mut decided = Answers::default();
    for (c, grade) in [
        ("1.1.1.1", 3),
        ("1.2.1", 0),
        ("1.2.2", 0),
        ("1.2.3", 3),
        ("1.3.1.1", 3),
        ("1.1.1.2", 3),
    ] {
        decided.apply(&Change::Grade {
            code: code(c),
            column: Column::Commission,
            grade: Some(grade),
        });
    }
    decided.apply(&Change::NotApplicable {
        code: code("1.1.1.5"),
        reason: Some("не проводиться".into()),
    });
    let cat = catalogue();
    let merged = akredit::scoring::totals(&cat, ModelId::Full, answers);
    let expected = akredit::scoring::totals(&cat, ModelId::Full, &decided);
    assert_eq!(merged.commission.points, 12);
    assert_eq!(merged, expected);

    // The same parts again change nothing.
    let after = fs::read(g.path("h.akredit")).unwrap();
    let again = g.ok("head", &["merge", "h.akredit", "a.json", "b.json"]);
    assert!(
        again.stdout.contains("nothing changed"),
        "{}",
        again.describe()
    );
    let reopened = g.open("h.akredit");
    assert_eq!(reopened.answers(), g.open("h.akredit").answers());
    assert_eq!(
        reopened.history(None).unwrap().len(),
        Inspection::open(&g.path("h.akredit"), catalogue(), Access::ReadOnly)
            .unwrap()
            .history(None)
            .unwrap()
            .len()
    );
    drop(after);
}

#[test]
fn a_newer_part_supersedes_the_merged_one_and_its_differences_are_shown() {
    let g = Group::new();
    g.graded_parts();
    g.merge_decided();
    // A changes their mind on 1.2.1 and grades one more; 1.2.2 (decided for B) is as it was.
    g.ok("a", &["score", "a.akredit", "1.2.1=3", "1.2.4=3"]);
    g.ok("a", &["export-part", "a.akredit", "--out", "a2.json"]);
    let newer = g.ok("head", &["merge", "h.akredit", "a2.json"]);
    assert!(
        newer.stdout.contains("newer than the part merged before"),
        "{}",
        newer.stdout
    );
    assert!(
        newer.stdout.contains("1.2.1 changed in"),
        "{}",
        newer.stdout
    );
    assert!(
        !newer.stdout.contains("graded differently"),
        "1.2.2 is not asked again"
    );
    let insp = g.open("h.akredit");
    assert_eq!(insp.answers().get(&code("1.2.1")).commission, Some(3));
    assert_eq!(
        insp.answers().get(&code("1.2.2")).commission,
        Some(0),
        "B's, as decided"
    );
    assert_eq!(insp.answers().author_of(&code("1.2.4"), HEAD), Some(A));
    // The older part now is refused.
    let older = g.refused("head", &["merge", "h.akredit", "a.json"]);
    assert!(
        older.stderr.contains("before the one already merged"),
        "{}",
        older.stderr
    );
}

#[test]
fn undoing_the_merge_gives_the_inspection_back_as_it_was() {
    let g = Group::new();
    g.graded_parts();
    let path = g.path("h.akredit");
    let mut insp = Inspection::open(&path, catalogue(), Access::ReadWrite).unwrap();
    let before = insp.answers().clone();
    let parts: Vec<_> = ["a.json", "b.json"]
        .iter()
        .map(|p| team::read_part(&fs::read(g.path(p)).unwrap(), &insp).unwrap())
        .collect();
    let decisions = [
        (A.to_string(), code("1.2.1")),
        (B.to_string(), code("1.2.2")),
    ];
    let plan = team::plan(&insp, &parts, &decisions).unwrap();
    assert!(plan.is_ready());
    let written = insp.apply(plan.changes()).unwrap();
    assert_ne!(*insp.answers(), before);
    let undo: Vec<Change> = written.iter().rev().map(|e| e.altered.undo()).collect();
    insp.apply(&undo).unwrap();
    assert_eq!(
        *insp.answers(),
        before,
        "one undo takes the whole merge back"
    );
    // Undone, the parts are new again.
    let again = team::plan(&insp, &parts, &decisions).unwrap();
    assert_eq!(again.changes(), plan.changes());
}

#[test]
fn parts_that_are_not_this_inspection_s_members_own_are_refused_untouched() {
    let g = Group::new();
    g.graded_parts();
    // Another inspection with the same team.
    g.ok(
        "head",
        &[
            "new",
            "other.akredit",
            "--model",
            "full",
            "--centre",
            "Інший центр",
            "--expert",
            HEAD,
        ],
    );
    let key = g.identity("a");
    g.ok(
        "head",
        &[
            "team",
            "other.akredit",
            "add",
            A,
            "--role",
            "expert",
            "--key",
            &key,
        ],
    );
    let other = fs::read(g.path("other.akredit")).unwrap();
    let refused = g.refused("head", &["merge", "other.akredit", "a.json"]);
    assert!(
        refused.stderr.contains("belongs to another inspection"),
        "{}",
        refused.stderr
    );
    assert!(
        fs::read(g.path("other.akredit")).unwrap() == other,
        "changed"
    );

    // A result to give as a part (exporting records it in the file, so before the rest).
    g.ok(
        "head",
        &["export", "h.akredit", "--draft", "--out", "r.json"],
    );
    let head_file = fs::read(g.path("h.akredit")).unwrap();
    let unchanged = |g: &Group| {
        assert!(
            fs::read(g.path("h.akredit")).unwrap() == head_file,
            "the inspection file changed"
        )
    };
    // Tampered: one grade changed after signing.
    let text = fs::read_to_string(g.path("a.json")).unwrap();
    let tampered = text.replacen("\"commission\":0", "\"commission\":3", 1);
    assert_ne!(tampered, text);
    fs::write(g.path("tampered.json"), tampered).unwrap();
    let run = g.refused("head", &["merge", "h.akredit", "tampered.json"]);
    assert!(
        run.stderr.contains("changed after it was signed"),
        "{}",
        run.stderr
    );
    unchanged(&g);
    // A result given as a part.
    let run = g.refused("head", &["merge", "h.akredit", "r.json"]);
    assert!(run.stderr.contains("not a part"), "{}", run.stderr);
    // A part an expert signed with another expert's key.
    let run = g.refused("b", &["export-part", "a.akredit", "--out", "a-by-b.json"]);
    assert!(
        run.stderr.contains("is not the one the head recorded"),
        "{}",
        run.stderr
    );
    assert!(!g.path("a-by-b.json").exists());
    // The head records another key for A: A's part no longer is A's.
    let h_copy = g.path("h2.akredit");
    fs::copy(g.path("h.akredit"), &h_copy).unwrap();
    let b_key = g.identity("b");
    g.ok("head", &["team", "h2.akredit", "edit", A, "--key", &b_key]);
    let run = g.refused("head", &["merge", "h2.akredit", "a.json"]);
    assert!(
        run.stderr.contains("not Петренко Іван Іванович's"),
        "{}",
        run.stderr
    );
    unchanged(&g);
}

/// A's part re-signed with A's own key after `edit` changed its payload: signed, and
/// still refused for what it says.
fn resigned(g: &Group, edit: impl FnOnce(&mut PartFile)) -> Vec<u8> {
    let mut file: PartFile = serde_json::from_slice(&fs::read(g.path("a.json")).unwrap()).unwrap();
    edit(&mut file);
    let identity = Identity::load(&Home::at(g.home("a"))).unwrap();
    let message = serde_json::to_vec(&file.payload).unwrap();
    use base64::Engine;
    file.signature.value =
        base64::engine::general_purpose::STANDARD.encode(identity.sign(&message));
    serde_json::to_vec(&file).unwrap()
}

#[test]
fn a_part_of_another_catalogue_or_model_or_member_is_refused() {
    let g = Group::new();
    g.graded_parts();
    let insp = g.open("h.akredit");
    let catalogue_changed = resigned(&g, |f| f.payload.catalogue.sha256 = "0".repeat(64));
    assert!(matches!(
        team::read_part(&catalogue_changed, &insp),
        Err(TeamError::OtherCatalogue { .. })
    ));
    let model_changed = resigned(&g, |f| f.payload.model = "sanitary".into());
    assert!(matches!(
        team::read_part(&model_changed, &insp),
        Err(TeamError::OtherModel { .. })
    ));
    let renamed = resigned(&g, |f| f.payload.member = B.into());
    assert!(matches!(
        team::read_part(&renamed, &insp),
        Err(TeamError::WrongKey { .. })
    ));
    let stranger = resigned(&g, |f| f.payload.member = "Хтось Інший".into());
    assert!(matches!(
        team::read_part(&stranger, &insp),
        Err(TeamError::NotAMember(_))
    ));
    let rewritten = resigned(&g, |f| f.payload.standards[0].commission = Some(0));
    assert!(matches!(
        team::read_part(&rewritten, &insp),
        Err(TeamError::Tampered(_))
    ));
    assert!(team::read_part(&resigned(&g, |_| {}), &insp).is_ok());
}

/// Kills `akredit merge` at random moments: the file afterwards is the inspection as it
/// was or as the merge leaves it, never between, and sound.
#[cfg(unix)]
#[test]
fn a_kill_during_a_merge_leaves_the_file_as_before_or_as_after() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant, SystemTime};
    let g = Group::new();
    g.graded_parts();
    let merge_args = Group::decided_merge;
    let before = g.open("h.akredit").answers().clone();
    fs::copy(g.path("h.akredit"), g.path("after.akredit")).unwrap();
    let started = Instant::now();
    let args = merge_args("after.akredit");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    g.ok("head", &args);
    let duration = started.elapsed();
    let after = g.open("after.akredit").answers().clone();
    assert_ne!(before, after);
    let mut seed = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64
        | 1;
    let (mut as_before, mut as_after) = (0, 0);
    for round in 0..24 {
        let work = format!("work{round}.akredit");
        fs::copy(g.path("h.akredit"), g.path(&work)).unwrap();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = duration.mul_f64((seed % 1000) as f64 / 1000.0 * 1.2);
        let mut command = Command::new(common::BIN);
        command
            .args(merge_args(&work))
            .current_dir(g.dir.path())
            .env("AKREDIT_HOME", g.home("head"))
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let mut child = common::spawn(&mut command).unwrap();
        std::thread::sleep(delay.min(Duration::from_secs(5)));
        // The child may have finished already: then there is nothing to kill.
        child.kill().ok();
        child.wait().unwrap();
        let insp = Inspection::open(&g.path(&work), catalogue(), Access::ReadWrite).unwrap();
        insp.integrity_check().unwrap();
        let state = insp.answers();
        if *state == before {
            as_before += 1;
        } else {
            assert_eq!(*state, after, "round {round}: a half-merged inspection");
            as_after += 1;
        }
    }
    eprintln!("killed 24 merges: {as_before} left the file as before, {as_after} as after");
    assert_eq!(as_before + as_after, 24);
}

#[test]
fn a_part_opens_bound_to_the_group_s_inspection() {
    let g = Group::new();
    g.graded_parts();
    let head = g.open("h.akredit");
    let part = g.open("a.akredit");
    let of = part.meta().part.clone().unwrap();
    assert_eq!(of.inspection_id, head.meta().inspection_id);
    assert_eq!(of.member, A);
    assert_ne!(
        part.meta().inspection_id,
        head.meta().inspection_id,
        "its own backups"
    );
    assert_eq!(part.meta().expert, A);
    assert_eq!(part.answers().team, {
        let mut t = head.answers().team.clone();
        for m in t.values_mut() {
            m.part = None;
        }
        t
    });
    assert!(
        part.answers().get(&code("1.1.1.5")).is_na(),
        "the group's N/A decisions"
    );
    assert_eq!(part.answers().author_of(&code("1.1.1.5"), A), Some(HEAD));
    assert_eq!(team::outside_assignment(&part), vec![code("1.1.1.2")]);
    // A part of a part, or for a stranger, is refused.
    let run = g.refused(
        "a",
        &["part", "a.akredit", "--for", B, "--out", "x.akredit"],
    );
    assert!(run.stderr.contains("already"), "{}", run.stderr);
    let run = g.refused(
        "head",
        &["part", "h.akredit", "--for", "Хтось", "--out", "x.akredit"],
    );
    assert!(run.stderr.contains("not a member"), "{}", run.stderr);
    assert!(!g.path("x.akredit").exists());
    // A part is not the group's result: it is signed as a part.
    let run = g.refused("a", &["export", "a.akredit", "--draft", "--out", "x.json"]);
    assert!(run.stderr.contains("export-part"), "{}", run.stderr);
    assert!(!g.path("x.json").exists());
    // Export-part of the group's own file is refused: it is not a part.
    let run = g.refused("head", &["export-part", "h.akredit", "--out", "x.json"]);
    assert!(run.stderr.contains("not a member's part"), "{}", run.stderr);
}

/// Thousands of mutants of a genuine signed part: each is refused with an error, none
/// panics, and none but the genuine bytes is taken.
#[test]
fn mutated_parts_are_refused_never_taken() {
    let g = Group::new();
    g.graded_parts();
    let insp = g.open("h.akredit");
    let genuine = fs::read(g.path("a.json")).unwrap();
    assert!(team::read_part(&genuine, &insp).is_ok());
    let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut refused = 0;
    for _ in 0..3_000 {
        let mut bytes = genuine.clone();
        for _ in 0..=(next() % 3) {
            let at = (next() as usize) % bytes.len().max(1);
            match next() % 4 {
                0 => bytes[at] ^= 1 << (next() % 8),
                1 => {
                    bytes.remove(at);
                }
                2 => bytes.insert(at, b"{}[]\",:0\\"[(next() % 8) as usize]),
                _ => bytes.truncate(at),
            }
        }
        // A panic fails the test.
        let outcome = team::read_part(&bytes, &insp).is_ok();
        if bytes != genuine {
            assert!(
                !outcome,
                "a mutant was taken: {}",
                String::from_utf8_lossy(&bytes)
            );
            refused += 1;
        }
    }
    assert!(refused > 2_900, "{refused}");
}

/// A part handed in through a link is read as the file it leads to (reading follows a
/// link as any program does); an output that is a link is never written through.
#[cfg(unix)]
#[test]
fn a_part_through_a_link_is_read_and_no_output_goes_through_one() {
    let g = Group::new();
    g.graded_parts();
    std::os::unix::fs::symlink(g.path("a.json"), g.path("link.json")).unwrap();
    let before = fs::read(g.path("h.akredit")).unwrap();
    let run = g.refused("head", &["merge", "h.akredit", "link.json"]);
    assert!(
        run.stdout.contains("1.2.1 — graded differently"),
        "{}",
        run.stdout
    );
    assert!(fs::read(g.path("h.akredit")).unwrap() == before);
    std::os::unix::fs::symlink(g.path("elsewhere.akredit"), g.path("out-link.akredit")).unwrap();
    let run = g.refused(
        "head",
        &["part", "h.akredit", "--for", A, "--out", "out-link.akredit"],
    );
    assert!(run.stderr.contains("link"), "{}", run.stderr);
    assert!(
        !g.path("elsewhere.akredit").exists(),
        "nothing written through the link"
    );
}

/// Done when three experts score one centre on three laptops and the commission gets one
/// result all three signed: the merged inspection finished by the head, exported final
/// (format 2), co-signed on each expert's laptop, verified and tabulated as 3 of 3.
#[test]
fn three_laptops_give_the_commission_one_result_signed_by_all_three() {
    let g = Group::new();
    g.graded_parts();
    g.merge_decided();
    {
        // The head grades what nobody graded, and records the facts.
        let mut insp =
            Inspection::open(&g.path("h.akredit"), catalogue(), Access::ReadWrite).unwrap();
        let cat = catalogue();
        let rest: Vec<Change> = cat
            .model_standards(ModelId::Full)
            .filter(|s| !insp.answers().get(&s.code).is_decided())
            .map(|s| Change::Grade {
                code: s.code.clone(),
                column: Column::Commission,
                grade: s.scale.grades().last().copied(),
            })
            .collect();
        insp.apply(&rest).unwrap();
        common::record_facts(&mut insp);
    }
    g.ok("head", &["export", "h.akredit", "--out", "result.json"]);
    g.ok("a", &["cosign", "result.json", "--out", "result-a.json"]);
    g.ok("b", &["cosign", "result-a.json", "--out", "result-ab.json"]);
    let verified = g.ok("head", &["verify", "result-ab.json"]);
    assert!(
        verified.stdout.contains("signed by 3 of 3"),
        "{}",
        verified.stdout
    );
    assert!(verified.stdout.contains("VERIFIED"), "{}", verified.stdout);
    let table = g.ok("head", &["commission", "result-ab.json"]);
    assert!(table.stdout.contains("3 of 3"), "{}", table.stdout);
    assert!(table.stdout.contains("1 valid final"), "{}", table.stdout);
    // The result names who graded what, and the decisions are in its history.
    let result: serde_json::Value =
        serde_json::from_slice(&fs::read(g.path("result-ab.json")).unwrap()).unwrap();
    let payload = &result["payload"];
    assert_eq!(payload["team"].as_array().unwrap().len(), 3);
    let author = |c: &str| {
        payload["standards"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["code"] == c)
            .map(|s| s["author"].clone())
            .unwrap()
    };
    assert_eq!(author("1.2.1"), A);
    assert_eq!(author("1.2.2"), B);
    assert!(
        author("1.1.1.1").is_null(),
        "the head's own grade names no other author"
    );
    let decisions = payload["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["field"] == "decision")
        .count();
    assert_eq!(decisions, 2);
    // The conclusion says who graded which standards.
    let file: akredit::signed::ResultFile =
        serde_json::from_slice(&fs::read(g.path("result-ab.json")).unwrap()).unwrap();
    let lines: Vec<String> = akredit::conclusion::who_graded(&file.payload)
        .into_iter()
        .filter_map(|b| match b {
            akredit::conclusion::Block::Text(t) => Some(t),
            _ => None,
        })
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l == &format!("{A} (експерт) — 2: 1.1.1.2, 1.2.1")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l == &format!("{B} (експерт) — 3: 1.2.2, 1.2.3, 1.3.1.1")),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(
            |l| l.starts_with(&format!("{HEAD} (керівник експертної групи) — "))
                && l.contains("1.1 (")
        ),
        "the head's many standards counted per group: {lines:?}"
    );
}
