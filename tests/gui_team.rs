//! The expert group in the window: members added and edited on the Centre tab by clicking
//! and typing, a refusal said in the status line; who graded what on a group tab, with
//! the team filter; a member's part file opening on their groups; and the members' signed
//! parts dropped on the window, their disagreements decided side by side, merged in one
//! change that one Ctrl+Z takes back. The parts are made with the library, as a member's
//! laptop makes them.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use akredit::answers::{Change, Column, Role};
use akredit::catalogue::{Code, ModelId};
use akredit::inspection::{Inspection, NewInspection};
use akredit::signed::Identity;
use akredit::support::home::Home;
use akredit::ui::{AkreditApp, Command, Status, Tab};
use egui::accesskit::Role as A11y;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

mod common;
use common::Dropped;

const HEAD: &str = "Петренко Іван Іванович";
const KOVAL: &str = "Коваль Олена Петрівна";
const SYD: &str = "Сидоренко Марія Олегівна";

fn code(s: &str) -> Code {
    s.parse().expect("code")
}

fn status_text(h: &Harness<'_, AkreditApp>) -> String {
    match &h.state().status {
        Status::Info(t) | Status::Error(t) | Status::Saved(t) => t.clone(),
        Status::Idle => String::new(),
    }
}

fn session<'a>(h: &'a Harness<'_, AkreditApp>) -> &'a akredit::ui::Session {
    h.state().session.as_ref().expect("session")
}

/// Clicks the field captioned `label` and types `text` into it.
fn type_into(h: &mut Harness<'_, AkreditApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

fn click(h: &mut Harness<'_, AkreditApp>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

/// A new full-model inspection of `expert`'s.
fn new_inspection(path: &Path, expert: &str) -> Inspection {
    Inspection::create(
        path,
        common::catalogue(),
        &NewInspection {
            model: ModelId::Full,
            centre_name: "Тестовий центр здоров'я".into(),
            expert: expert.into(),
            visit_date: Some("2026-11-23".into()),
            purpose: Default::default(),
        },
    )
    .expect("create")
}

fn grade(c: &str, g: u8) -> Change {
    Change::Grade {
        code: code(c),
        column: Column::Commission,
        grade: Some(g),
    }
}

#[test]
fn members_are_added_and_edited_on_the_centre_tab_and_a_second_head_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("group.akredit");
    drop(new_inspection(&file, HEAD));
    let koval = Identity::create(&Home::at(dir.path().join("koval")), KOVAL).expect("key");
    let mut h = common::harness(dir.path().join("home"));
    h.state_mut().push(Command::Open(file));
    h.state_mut().push(Command::SelectTab(Tab::Centre));
    h.run();
    assert!(
        h.query_by_label_contains("Експертну групу ще не записано")
            .is_some()
    );

    let name = "Повне ім'я нового члена групи";
    type_into(&mut h, name, HEAD);
    click(&mut h, "Додати керівника");
    type_into(&mut h, name, KOVAL);
    click(&mut h, "Додати експерта");
    type_into(&mut h, name, SYD);
    click(&mut h, "Додати керівника");
    // The domain's refusal, said calmly in the status line; nothing is added.
    let said = status_text(&h);
    assert!(
        said.contains("НЕ ЗБЕРЕЖЕНО") && said.contains("вже має керівника"),
        "{said}"
    );
    let team = &session(&h).inspection.answers().team;
    assert_eq!(team.len(), 2);
    assert_eq!(team[HEAD].role, Role::Head);
    assert_eq!(team[KOVAL].role, Role::Expert);

    // Position, typed and saved when the field lets go of the keyboard.
    type_into(&mut h, &format!("{KOVAL} Посада"), "лікар-методист");
    h.key_press(Key::Enter);
    h.run();
    // Groups by their checkboxes.
    click(&mut h, &format!("{KOVAL} 1.2"));
    click(&mut h, &format!("{KOVAL} 1.1"));
    // A key that is no key is refused; the identity's key is recorded.
    let paste = format!("{KOVAL} ключ base64 або шлях до identity.json");
    type_into(&mut h, &paste, "не ключ");
    click(&mut h, &format!("{KOVAL} Вказати ключ"));
    assert!(status_text(&h).contains("не відкритий ключ akredit"));
    h.get_by_label(&paste).click();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label(&paste)
        .type_text(&koval.public.public_key.clone());
    h.run();
    click(&mut h, &format!("{KOVAL} Вказати ключ"));
    let m = &session(&h).inspection.answers().team[KOVAL];
    assert_eq!(m.position, "лікар-методист");
    assert_eq!(m.groups, vec![code("1.1"), code("1.2")]);
    assert_eq!(m.key.as_deref(), Some(koval.public.public_key.as_str()));
    assert!(
        h.query_by_label_contains(&koval.fingerprint()).is_some(),
        "the key's fingerprint is shown"
    );
    assert!(h.query_by_label_contains("ключ не вказано").is_some());

    // The role: a second head refused, then the head handed over.
    click(&mut h, &format!("{KOVAL} керівник"));
    assert!(status_text(&h).contains("вже має керівника"));
    click(&mut h, &format!("{HEAD} експерт"));
    click(&mut h, &format!("{KOVAL} керівник"));
    assert_eq!(
        session(&h).inspection.answers().head().map(String::as_str),
        Some(KOVAL)
    );
    // Removed, then back with one Ctrl+Z.
    click(&mut h, &format!("{HEAD} Вилучити"));
    assert!(!session(&h).inspection.answers().team.contains_key(HEAD));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(session(&h).inspection.answers().team.contains_key(HEAD));
}

/// The group's inspection (the head grades 1.1.3 as 2) and two members' signed parts:
/// Коваль (groups 1.1) grades 1.1.3 as 3 and 1.1.1.1 as 0; Сидоренко (groups 1.2)
/// grades 1.1.1.1 as 3 — outside her groups. Returns the group's file, the parts'
/// files and Сидоренко's part file.
fn group_with_parts(dir: &Path) -> (PathBuf, Vec<PathBuf>, PathBuf) {
    let file = dir.join("group.akredit");
    let mut head = new_inspection(&file, HEAD);
    let koval = Identity::create(&Home::at(dir.join("koval")), KOVAL).expect("key");
    let syd = Identity::create(&Home::at(dir.join("syd")), SYD).expect("key");
    let mut team = vec![];
    for (name, role, id, group) in [
        (HEAD, Role::Head, None, None),
        (KOVAL, Role::Expert, Some(&koval), Some("1.1")),
        (SYD, Role::Expert, Some(&syd), Some("1.2")),
    ] {
        team.push(Change::Member {
            name: name.into(),
            role: Some(role),
        });
        if let Some(id) = id {
            team.push(Change::MemberKey {
                name: name.into(),
                key: Some(id.public.public_key.clone()),
            });
        }
        if let Some(g) = group {
            team.push(Change::Assign {
                name: name.into(),
                groups: vec![code(g)],
            });
        }
    }
    head.apply(&team).expect("team");
    head.apply(&[grade("1.1.3", 2)]).expect("head's grade");
    let mut parts = Vec::new();
    let syd_file = dir.join("syd.akredit");
    for (name, id, grades, out) in [
        (
            KOVAL,
            &koval,
            vec![grade("1.1.3", 3), grade("1.1.1.1", 0)],
            dir.join("koval.akredit"),
        ),
        (SYD, &syd, vec![grade("1.1.1.1", 3)], syd_file.clone()),
    ] {
        let mut part = akredit::team::make_part(&head, name, &out).expect("part");
        part.apply(&grades).expect("grades");
        let signed = akredit::team::sign_part(&part, id).expect("sign");
        let json = dir.join(format!("{}.PART.json", id.fingerprint().replace(' ', "")));
        std::fs::write(&json, &signed.bytes).expect("write");
        parts.push(json);
    }
    (file, parts, syd_file)
}

fn grade_of(h: &Harness<'_, AkreditApp>, c: &str) -> Option<u8> {
    session(h).inspection.answers().get(&code(c)).commission
}

#[test]
fn dropped_parts_are_merged_side_by_side_in_one_change_that_one_undo_takes_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (file, parts, _) = group_with_parts(dir.path());
    let mut h = common::harness(dir.path().join("home"));
    h.state_mut().push(Command::Open(file.clone()));
    h.run();
    let history_before = session(&h).inspection.history(None).expect("history").len();
    for p in &parts {
        h.input_mut()
            .dropped_files
            .push(Arc::new(Dropped(p.clone())));
    }
    // Plus a file that is no part: refused, said, and the rest still read.
    let stranger = dir.path().join("notes.json");
    std::fs::write(&stranger, b"{\"hello\": 1}").expect("write");
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(stranger)));
    h.run();
    assert!(session(&h).merge.is_some(), "the merge dialog is open");
    assert_eq!(h.query_all_by_label_contains("нова частина").count(), 2);
    assert!(h.query_by_label_contains("не частина akredit").is_some());
    assert!(
        h.query_by_label_contains("оцінив(ла) поза своїми групами: 1.1.1.1")
            .is_some(),
        "Сидоренко graded outside her groups"
    );
    // Each disagreement side by side: whose, the grade with its letter, the choice.
    assert!(
        h.query_by_label_contains(&format!("{HEAD} (у цьому файлі)"))
            .is_some()
    );
    let merge = h.get_by_role_and_label(A11y::Button, "Об'єднати");
    assert!(merge.accesskit_node().is_disabled(), "undecided: no merge");
    click(&mut h, &format!("1.1.3 Взяти {KOVAL}"));
    assert!(
        h.get_by_role_and_label(A11y::Button, "Об'єднати")
            .accesskit_node()
            .is_disabled(),
        "one disagreement still undecided"
    );
    click(&mut h, &format!("1.1.1.1 Взяти {SYD}"));
    h.get_by_role_and_label(A11y::Button, "Об'єднати").click();
    h.run();
    assert!(
        h.query_by_label_contains("Частини об'єднано однією зміною")
            .is_some(),
        "{:?} {:?}",
        h.state().status,
        session(&h).merge.as_ref().map(|m| (
            &m.outcome,
            &m.decisions,
            m.ready_plan().map(|p| p.is_ready())
        ))
    );
    assert_eq!(grade_of(&h, "1.1.3"), Some(3));
    assert_eq!(grade_of(&h, "1.1.1.1"), Some(3));
    let answers = session(&h).inspection.answers();
    assert_eq!(answers.author_of(&code("1.1.3"), HEAD), Some(KOVAL));
    assert!(answers.team[KOVAL].part.is_some());

    // Who graded what, on the group tab: a mark beside the grade and on hover.
    h.state_mut().push(Command::CloseMerge);
    h.state_mut().push(Command::SelectTab(Tab::Group(0)));
    h.run();
    assert!(
        h.query_by_label(&format!("1.1.3 Оцінка члена групи: {KOVAL}"))
            .is_some()
    );
    // The team filter: only what Сидоренко graded.
    click(&mut h, &format!("Член групи: {SYD}"));
    click(&mut h, "оцінене ним");
    let s = session(&h);
    assert!(s.passes(&code("1.1.1.1")) && !s.passes(&code("1.1.3")));
    assert!(h.query_by_label_contains("1.1.3 Комісія").is_none());
    h.state_mut().push(Command::SetTeamFilter(None));
    h.run();

    // One Ctrl+Z takes the whole merge back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(grade_of(&h, "1.1.3"), Some(2));
    assert_eq!(grade_of(&h, "1.1.1.1"), None);
    let answers = session(&h).inspection.answers();
    assert_eq!(answers.author_of(&code("1.1.3"), HEAD), Some(HEAD));
    assert!(answers.team[KOVAL].part.is_none() && answers.team[SYD].part.is_none());
    assert!(session(&h).inspection.history(None).expect("history").len() > history_before);
}

#[test]
fn a_part_file_opens_on_its_members_groups_and_flags_a_grade_outside_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, _, syd_file) = group_with_parts(dir.path());
    let mut h = common::harness(dir.path().join("home"));
    h.state_mut().push(Command::Open(syd_file));
    h.run();
    let cat = common::catalogue();
    let own = cat
        .groups
        .iter()
        .position(|g| g.code.as_str() == "1.2")
        .expect("group 1.2");
    assert_eq!(session(&h).tab, Tab::Group(own), "opens on her group");
    assert!(
        h.query_by_label_contains(&format!("Частина перевірки групи. Оцінює {SYD}"))
            .is_some()
    );
    h.state_mut().push(Command::SelectTab(Tab::Group(0)));
    h.run();
    assert!(h.query_by_label("1.1.1.1 поза групами").is_some());
    assert!(h.query_by_label("1.1.3 поза групами").is_none());
    // A part is merged in the group's file, not in a part: no way in here.
    h.state_mut().push(Command::SelectTab(Tab::Centre));
    h.run();
    assert!(h.query_by_label("Об'єднати частини…").is_none());
}

/// Native dialogs that save where the test says.
struct SaveTo(PathBuf);

impl akredit::ui::Dialogs for SaveTo {
    fn save(&self, _: &str) -> Option<PathBuf> {
        None
    }
    fn open(&self) -> Option<PathBuf> {
        None
    }
    fn save_new(&self, _: &Path, _: &str, _: &str) -> Option<PathBuf> {
        Some(self.0.clone())
    }
}

/// The head makes an expert's part from the Centre tab; the expert, in their own window
/// with their key, grades it and signs it from the Export dialog; the signed part is one
/// the head's file takes.
#[test]
fn a_part_is_made_and_signed_in_the_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("group.akredit");
    let expert_home = dir.path().join("koval-home");
    let koval = Identity::create(&Home::at(&expert_home), KOVAL).expect("key");
    let mut head = new_inspection(&file, HEAD);
    head.apply(&[
        Change::Member {
            name: HEAD.into(),
            role: Some(Role::Head),
        },
        Change::Member {
            name: KOVAL.into(),
            role: Some(Role::Expert),
        },
        Change::MemberKey {
            name: KOVAL.into(),
            key: Some(koval.public.public_key.clone()),
        },
        Change::Assign {
            name: KOVAL.into(),
            groups: vec![code("1.2")],
        },
    ])
    .expect("team");
    drop(head);
    let part_path = dir.path().join("koval.akredit");
    let app = AkreditApp::new(
        common::catalogue(),
        Some(Home::at(dir.path().join("home"))),
        Box::new(SaveTo(part_path.clone())),
    );
    let mut h = Harness::builder()
        .with_size(egui::vec2(1500.0, 1100.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut AkreditApp| app.show(ui), app);
    h.state_mut().push(Command::Open(file.clone()));
    h.state_mut().push(Command::SelectTab(Tab::Centre));
    h.run();
    assert!(
        h.query_by_label(&format!("{HEAD} Частина для оцінювання…"))
            .is_none(),
        "the head grades in the group's file"
    );
    click(&mut h, &format!("{KOVAL} Частина для оцінювання…"));
    assert!(
        status_text(&h).contains("Частину зроблено для"),
        "{}",
        status_text(&h)
    );
    let part = Inspection::open(
        &part_path,
        common::catalogue(),
        akredit::inspection::Access::ReadOnly,
    )
    .expect("the part");
    assert_eq!(
        part.meta().part.as_ref().map(|p| p.member.as_str()),
        Some(KOVAL)
    );
    drop(part);

    // The expert's laptop: their own data folder and key.
    let signed = dir.path().join("koval.part.json");
    let mut e = common::harness(expert_home);
    e.state_mut().push(Command::Open(part_path.clone()));
    e.run();
    e.state_mut()
        .push(Command::Apply(vec![grade("1.2.1", 3), grade("1.2.2", 0)]));
    e.run();
    e.state_mut().push(Command::OpenExport);
    e.run();
    assert!(e.query_by_label_contains("Ваші оцінки, примітки").is_some());
    e.get_by_role_and_label(A11y::Button, "Підписати частину для керівника групи")
        .click();
    e.run();
    let said = status_text(&e);
    assert!(said.contains("Частину підписано"), "{said}");
    let bytes = std::fs::read(&signed).expect("the signed part beside the part file");
    let head = Inspection::open(
        &file,
        common::catalogue(),
        akredit::inspection::Access::ReadOnly,
    )
    .expect("open");
    let read = akredit::team::read_part(&bytes, &head).expect("the head takes it");
    assert_eq!(read.payload.member, KOVAL);
}
