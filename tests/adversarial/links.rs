//! The link cases of the corpus (Unix): links where akredit writes its lock, in place
//! of the inspection, in place of its backup folder, and as the output of `export`,
//! `protocol`, `action-plan`, `conclusion-doc` (PDF and DOCX) and `commission --csv`.
//! Each points into `outside/`, which must stay as it was.

use std::fs;
use std::os::unix::fs::symlink;
use std::path::PathBuf;

use crate::corpus::{
    Build, Case, Class, Cmd, action_plan_command, commission_command, conclusion_docx_command,
    conclusion_pdf_command, export_command, inspection_commands, protocol_command,
};
use crate::genuine::genuine;
use crate::sandbox::Sandbox;

fn link_case(name: &str, commands: Vec<Cmd>, linked: &[&'static str], build: Build) -> Case {
    Case {
        name: name.to_string(),
        class: Class::Link,
        commands,
        linked_outputs: linked.to_vec(),
        build,
    }
}

fn victim(s: &Sandbox) -> PathBuf {
    s.outside().join("victim.akredit")
}

/// Links each of `names` (in `insp/`) to what `target` gives for it.
fn links(names: &'static [&'static str], target: fn(&Sandbox, &str) -> PathBuf) -> Build {
    Box::new(move |s: &Sandbox| {
        for name in names {
            symlink(target(s, name), s.insp().join(name)).expect("symlink");
        }
    })
}

/// The link cases.
pub fn cases() -> Vec<Case> {
    let outs: &'static [&'static str] = &["r.json", "p.pdf", "a.csv", "c.pdf", "c.docx"];
    let out_commands = || {
        vec![
            export_command(),
            protocol_command(),
            action_plan_command(),
            conclusion_pdf_command(),
            conclusion_docx_command(),
        ]
    };
    vec![
        link_case(
            "lock file is a symlink to outside/victim.akredit",
            inspection_commands(),
            &[],
            links(&[".h.akredit.lock"], |s, _| victim(s)),
        ),
        link_case(
            "lock file is a hard link to outside/victim.akredit",
            inspection_commands(),
            &[],
            Box::new(|s: &Sandbox| {
                fs::hard_link(victim(s), s.insp().join(".h.akredit.lock")).expect("hard link")
            }),
        ),
        link_case(
            "h.akredit is a symlink to outside/victim.akredit",
            inspection_commands(),
            &[],
            Box::new(|s: &Sandbox| {
                fs::remove_file(s.insp().join("h.akredit")).expect("remove");
                symlink(victim(s), s.insp().join("h.akredit")).expect("symlink");
            }),
        ),
        link_case(
            "backup folder home/backups/<inspection_id> is a symlink to outside/",
            inspection_commands(),
            &[],
            Box::new(|s: &Sandbox| {
                let backups = s.home().join("backups");
                fs::create_dir_all(&backups).expect("backups");
                symlink(s.outside(), backups.join(&genuine().inspection_id)).expect("symlink");
            }),
        ),
        link_case(
            "--out targets are symlinks to outside/victim.akredit",
            out_commands(),
            outs,
            links(outs, |s, _| victim(s)),
        ),
        link_case(
            "--out targets are dangling symlinks into outside/",
            out_commands(),
            outs,
            links(outs, |s, name| s.outside().join(name)),
        ),
        link_case(
            "--csv target is a symlink to outside/victim.akredit",
            vec![commission_command()],
            &["o.csv"],
            links(&["o.csv"], |s, _| victim(s)),
        ),
        link_case(
            "--csv target is a dangling symlink into outside/",
            vec![commission_command()],
            &["o.csv"],
            links(&["o.csv"], |s, name| s.outside().join(name)),
        ),
    ]
}
