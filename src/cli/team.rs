//! `akredit team`: the expert group of an inspection — listed, and changed member by
//! member, every change a [`Change`] in the history.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use base64::Engine;
use clap::{Args, Subcommand};

use crate::answers::{Change, Role};
use crate::catalogue::{Catalogue, Code};
use crate::inspection::Inspection;

use super::error::CliError;
use super::files::{open_for_writing, open_read_only};
use super::inspection::print_saved;
use super::terminal::one_line as safe;

/// `akredit team`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = false)]
pub struct TeamArgs {
    /// The inspection file.
    pub file: PathBuf,
    /// What to change; without it, the team is listed.
    #[command(subcommand)]
    pub action: Option<TeamAction>,
}

/// What `akredit team` changes.
#[derive(Debug, Subcommand)]
pub enum TeamAction {
    /// Add a member: their full name and role.
    Add {
        /// The member's full name (as their key names them).
        name: String,
        /// `head` (керівник експертної групи) or `expert`.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// Their position.
        #[arg(long, default_value = "")]
        position: String,
        /// Their public key: an identity.json (as `akredit key show` describes) or the
        /// base64 key itself.
        #[arg(long, value_name = "IDENTITY.json|BASE64")]
        key: Option<String>,
        /// The groups of standards they assess, e.g. 1.1,1.2.
        #[arg(long, value_delimiter = ',', value_name = "GROUPS")]
        groups: Vec<Code>,
    },
    /// Change a member's role, position or key.
    Edit {
        /// The member's full name.
        name: String,
        /// `head` or `expert`.
        #[arg(long, value_parser = parse_role)]
        role: Option<Role>,
        /// Their position ("" clears it).
        #[arg(long)]
        position: Option<String>,
        /// Their public key (identity.json or base64; "" clears it).
        #[arg(long, value_name = "IDENTITY.json|BASE64")]
        key: Option<String>,
    },
    /// Assign a member the groups they assess (replacing the ones they had).
    Assign {
        /// The member's full name.
        name: String,
        /// The groups, e.g. 1.1,1.2 ("" assigns none).
        #[arg(long, value_delimiter = ',', value_name = "GROUPS", num_args = 0..)]
        groups: Vec<Code>,
    },
    /// Remove a member (refused while the inspection holds grades they made).
    Remove {
        /// The member's full name.
        name: String,
    },
}

fn parse_role(text: &str) -> Result<Role, String> {
    Role::parse(text.trim()).ok_or_else(|| format!("{text:?}: write head or expert"))
}

/// `akredit team`: lists the group, or applies one change of it.
pub fn run(
    catalogue: &Arc<Catalogue>,
    args: TeamArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let Some(action) = args.action else {
        let insp = open_read_only(&args.file, catalogue.clone())?;
        return list(&insp, out);
    };
    let changes = changes_of(action)?;
    let mut insp = open_for_writing(&args.file, catalogue.clone())?;
    let written = insp.apply(&changes)?;
    print_saved(&insp, &written, out)
}

/// The changes one action makes, in the order they are applied (one batch, one undo).
fn changes_of(action: TeamAction) -> Result<Vec<Change>, CliError> {
    let trimmed = |name: String| name.trim().to_string();
    Ok(match action {
        TeamAction::Add {
            name,
            role,
            position,
            key,
            groups,
        } => {
            let name = trimmed(name);
            let mut changes = vec![Change::Member {
                name: name.clone(),
                role: Some(role),
            }];
            if !position.trim().is_empty() {
                changes.push(Change::Position {
                    name: name.clone(),
                    text: position.trim().to_string(),
                });
            }
            if let Some(key) = key {
                changes.push(Change::MemberKey {
                    name: name.clone(),
                    key: Some(read_key(&key)?),
                });
            }
            if !groups.is_empty() {
                changes.push(Change::Assign { name, groups });
            }
            changes
        }
        TeamAction::Edit {
            name,
            role,
            position,
            key,
        } => {
            let name = trimmed(name);
            let mut changes = Vec::new();
            if let Some(role) = role {
                changes.push(Change::Member {
                    name: name.clone(),
                    role: Some(role),
                });
            }
            if let Some(text) = position {
                changes.push(Change::Position {
                    name: name.clone(),
                    text: text.trim().to_string(),
                });
            }
            if let Some(key) = key {
                let key = match key.trim() {
                    "" => None,
                    given => Some(read_key(given)?),
                };
                changes.push(Change::MemberKey { name, key });
            }
            if changes.is_empty() {
                return Err(CliError::Usage(
                    "nothing to change: give --role, --position or --key".into(),
                ));
            }
            changes
        }
        TeamAction::Assign { name, groups } => vec![Change::Assign {
            name: trimmed(name),
            groups,
        }],
        TeamAction::Remove { name } => vec![Change::Member {
            name: trimmed(name),
            role: None,
        }],
    })
}

/// A member's key as `--key` takes it: an identity file or the base64 key, as `verify
/// --trust` reads them.
fn read_key(arg: &str) -> Result<String, CliError> {
    let key = crate::signed::keys::read_trusted_key(arg).map_err(CliError::Usage)?;
    Ok(base64::engine::general_purpose::STANDARD.encode(key.key))
}

/// The group, a member a line: name, role, position, key fingerprint, groups, how many
/// standards they graded here, and their last part merged.
fn list(insp: &Inspection, out: &mut dyn Write) -> Result<(), CliError> {
    let answers = insp.answers();
    if answers.team.is_empty() {
        writeln!(
            out,
            "no expert group is recorded: the inspection is {}'s alone",
            safe(&insp.meta().expert)
        )?;
        writeln!(
            out,
            "add members with: akredit team {} add NAME --role head|expert",
            insp.path().display()
        )?;
        return Ok(());
    }
    let mut members: Vec<_> = answers.team.iter().collect();
    members.sort_by_key(|(name, m)| (m.role != Role::Head, (*name).clone()));
    for (name, m) in members {
        let key = m
            .key
            .as_deref()
            .and_then(crate::signed::keys::decode_public_key)
            .map_or("no key yet".to_string(), |k| {
                format!("key {}", crate::signed::fingerprint(&k.to_bytes()))
            });
        let groups = if m.groups.is_empty() {
            "no groups".to_string()
        } else {
            m.groups
                .iter()
                .map(Code::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let position = if m.position.is_empty() {
            String::new()
        } else {
            format!(", {}", safe(&m.position))
        };
        writeln!(out, "{} — {}{position}", safe(name), m.role)?;
        let expert = insp.meta().expert.as_str();
        let graded = answers.graded_count(name, expert);
        let part = m.part.as_ref().map_or(String::new(), |p| {
            format!("; part of {} merged", safe(&p.exported_at))
        });
        writeln!(
            out,
            "    {key}; groups: {groups}; {graded} standards graded here{part}"
        )?;
    }
    Ok(())
}
