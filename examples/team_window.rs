//! The files and the window behind the README's screenshots of the expert group and of
//! the merge dialog (a dropped file cannot be scripted under Xvfb):
//!
//! - `team_window setup DIR`: a group's inspection (`DIR/group.akredit`: a head and two
//!   experts, their keys and groups) and each expert's signed part
//!   (`DIR/koval.PART.json`, `DIR/syd.PART.json`), graded so that they disagree;
//! - `team_window merge FILE PART.json…`: the window on FILE with the parts handed to the
//!   merge dialog, as dropping them on the window does.

use std::error::Error;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use akredit::answers::{Change, Column, Role};
use akredit::catalogue::{Catalogue, Code, ModelId};
use akredit::inspection::{Inspection, NewInspection};
use akredit::signed::Identity;
use akredit::support::home::Home;
use akredit::ui::{AkreditApp, Command};

const HEAD: &str = "Петренко Іван Іванович";
const KOVAL: &str = "Коваль Олена Петрівна";
const SYD: &str = "Сидоренко Марія Олегівна";

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let catalogue = Arc::new(Catalogue::builtin()?);
    match args.first().map(String::as_str) {
        Some("setup") => {
            let dir = PathBuf::from(args.get(1).ok_or("setup DIR")?);
            setup(&catalogue, &dir)
        }
        Some("merge") => {
            let file = PathBuf::from(args.get(1).ok_or("merge FILE PART.json…")?);
            let parts = args.iter().skip(2).map(PathBuf::from).collect();
            // The shell is a plain function: the parts reach it through a static.
            PARTS.get_or_init(|| parts);
            akredit::ui::run_in(catalogue, Some(file), with_parts)?;
            Ok(())
        }
        _ => Err("usage: team_window setup DIR | merge FILE PART.json…".into()),
    }
}

/// The parts the merge dialog is given.
static PARTS: std::sync::OnceLock<Vec<PathBuf>> = std::sync::OnceLock::new();

/// The app, with [`PARTS`] handed to the merge dialog.
fn with_parts(mut app: AkreditApp) -> Box<dyn eframe::App> {
    app.push(Command::ReadParts(PARTS.get().cloned().unwrap_or_default()));
    Box::new(app)
}

/// The standards of group `group` of the full model, with their highest grade.
fn standards(catalogue: &Catalogue, group: &str) -> Vec<(Code, u8)> {
    catalogue
        .model_standards(ModelId::Full)
        .filter(|s| s.group.as_str() == group)
        .filter_map(|s| s.scale.grades().last().map(|g| (s.code.clone(), *g)))
        .collect()
}

fn grade(code: &Code, grade: u8) -> Change {
    Change::Grade {
        code: code.clone(),
        column: Column::Commission,
        grade: Some(grade),
    }
}

/// The group's file, the team, and the two experts' signed parts.
fn setup(catalogue: &Arc<Catalogue>, dir: &Path) -> Result<(), Box<dyn Error>> {
    std::fs::create_dir_all(dir)?;
    let mut head = Inspection::create(
        &dir.join("group.akredit"),
        catalogue.clone(),
        &NewInspection {
            model: ModelId::Full,
            centre_name: "Полтавський обласний центр здоров'я".into(),
            expert: HEAD.into(),
            visit_date: Some("2026-11-23".into()),
            purpose: Default::default(),
        },
    )?;
    let koval = Identity::create(&Home::at(dir.join("keys-koval")), KOVAL)?;
    let syd = Identity::create(&Home::at(dir.join("keys-syd")), SYD)?;
    let mut team = Vec::new();
    for (name, role, position, key, groups) in [
        (HEAD, Role::Head, "заступник директора", None, vec!["2.1"]),
        (
            KOVAL,
            Role::Expert,
            "лікар-методист",
            Some(&koval),
            vec!["1.1", "1.2"],
        ),
        (SYD, Role::Expert, "психолог", Some(&syd), vec!["1.3"]),
    ] {
        let name = name.to_string();
        team.push(Change::Member {
            name: name.clone(),
            role: Some(role),
        });
        team.push(Change::Position {
            name: name.clone(),
            text: position.into(),
        });
        if let Some(id) = key {
            team.push(Change::MemberKey {
                name: name.clone(),
                key: Some(id.public.public_key.clone()),
            });
        }
        let groups = groups.iter().map(|g| g.parse()).collect::<Result<_, _>>()?;
        team.push(Change::Assign { name, groups });
    }
    head.apply(&team)?;
    let first = standards(catalogue, "1.1");
    head.apply(&[grade(&first[2].0, 0)])?;
    let koval_grades: Vec<Change> = first.iter().take(6).map(|(c, g)| grade(c, *g)).collect();
    let syd_grades: Vec<Change> = first
        .iter()
        .skip(3)
        .take(2)
        .map(|(c, _)| grade(c, 0))
        .chain(
            standards(catalogue, "1.3")
                .iter()
                .take(4)
                .map(|(c, g)| grade(c, *g)),
        )
        .collect();
    let mut syd_extra = syd_grades;
    syd_extra.push(Change::Note {
        code: first[3].0.clone(),
        text: "Журнал обліку заходів за 2026 рік не ведеться".into(),
    });
    for (name, id, grades, out) in [
        (KOVAL, &koval, koval_grades, "koval"),
        (SYD, &syd, syd_extra, "syd"),
    ] {
        let mut part = akredit::team::make_part(&head, name, &dir.join(format!("{out}.akredit")))?;
        part.apply(&grades)?;
        let signed = akredit::team::sign_part(&part, id)?;
        std::fs::write(dir.join(format!("{out}.PART.json")), &signed.bytes)?;
    }
    println!("made {}", dir.display());
    Ok(())
}
