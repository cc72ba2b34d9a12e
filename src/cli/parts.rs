//! Team work on several laptops: `part` (a member's inspection file), `export-part` (the
//! member's signed part) and `merge` (the parts into the group's inspection, every
//! disagreement decided with `--take`).

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;

use crate::catalogue::{Catalogue, Code};
use crate::signed::Identity;
use crate::support::home::Home;
use crate::team::{self, MergePlan, Notice, PartStatus, SignedPart};

use super::error::CliError;
use super::files::{open_for_writing, open_read_only, refuse_occupied, write_new_file};
use super::terminal::one_line as safe;

/// `akredit part`.
#[derive(Debug, Args)]
pub struct PartArgs {
    /// The group's inspection file (the head's).
    pub file: PathBuf,
    /// The member the part is for (their full name, as the team lists it).
    #[arg(long = "for", value_name = "NAME")]
    pub member: String,
    /// The part's inspection file to create (never over an existing file).
    #[arg(long)]
    pub out: PathBuf,
}

/// `akredit export-part`.
#[derive(Debug, Args)]
pub struct ExportPartArgs {
    /// The member's part file (made with `akredit part`).
    pub file: PathBuf,
    /// The signed part to write (never over an existing file).
    #[arg(long)]
    pub out: PathBuf,
}

/// `akredit merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The group's inspection file (the head's).
    pub file: PathBuf,
    /// The members' signed parts (PART.json of `akredit export-part`).
    #[arg(required = true, value_name = "PART.json")]
    pub parts: Vec<PathBuf>,
    /// Decide a disagreement: take NAME's assessment of standard CODE (repeat for each).
    #[arg(long = "take", value_name = "NAME:CODE", value_parser = parse_take)]
    pub take: Vec<(String, Code)>,
}

fn parse_take(text: &str) -> Result<(String, Code), String> {
    let (name, code) = text
        .rsplit_once(':')
        .ok_or_else(|| format!("{text:?} is not NAME:CODE, e.g. \"Петренко Іван:1.2.1.1\""))?;
    let code = code.trim().parse().map_err(|e| format!("{e}"))?;
    Ok((name.trim().to_string(), code))
}

/// `akredit part`: makes a member's part of the group's inspection.
pub fn part(
    catalogue: &Arc<Catalogue>,
    args: PartArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    refuse_occupied(&args.out)?;
    let head = open_read_only(&args.file, catalogue.clone())?;
    let part = team::make_part(&head, &args.member, &args.out)?;
    let member = args.member.trim();
    let groups = head.answers().team.get(member).map_or(String::new(), |m| {
        m.groups
            .iter()
            .map(Code::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    });
    writeln!(
        out,
        "made {}: {}'s part of the inspection of {} ({} model){}",
        part.path().display(),
        safe(member),
        safe(head.answers().centre_name()),
        head.meta().model,
        if groups.is_empty() {
            String::new()
        } else {
            format!("; their groups: {groups}")
        }
    )?;
    writeln!(
        out,
        "give it to {0}: they grade it on their laptop and sign it with akredit export-part {1} --out PART.json",
        safe(member),
        args.out.display()
    )?;
    Ok(())
}

/// `akredit export-part`: signs a member's part with the key on this computer.
pub fn export_part(
    catalogue: &Arc<Catalogue>,
    args: ExportPartArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    refuse_occupied(&args.out)?;
    let part = open_read_only(&args.file, catalogue.clone())?;
    let identity = Identity::load(&Home::from_env()?)?;
    let exported = team::sign_part(&part, &identity)?;
    write_new_file(&args.out, &exported.bytes)?;
    let p = &exported.payload;
    let graded = p
        .standards
        .iter()
        .filter(|s| s.author.is_none() && (s.commission.is_some() || s.na_reason.is_some()))
        .count();
    writeln!(
        out,
        "signed {}'s part: {graded} standards assessed, {} with anything recorded, with key {}",
        safe(&p.member),
        p.standards.len(),
        identity.fingerprint()
    )?;
    let outside = team::outside_assignment(&part);
    if !outside.is_empty() {
        writeln!(
            out,
            "graded outside your groups (the head sees it): {}",
            list(&outside)
        )?;
    }
    writeln!(
        out,
        "wrote {}; give it to the head, who merges it with akredit merge FILE {}",
        args.out.display(),
        args.out.display()
    )?;
    Ok(())
}

/// `akredit merge`: merges signed parts into the group's inspection in one change; with
/// a disagreement not decided by `--take`, lists them all and changes nothing.
pub fn merge(
    catalogue: &Arc<Catalogue>,
    args: MergeArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut insp = open_for_writing(&args.file, catalogue.clone())?;
    let mut parts: Vec<SignedPart> = Vec::new();
    for path in &args.parts {
        let bytes = crate::support::files::read_bounded(path, team::MAX_PART_BYTES, "signed part")?;
        let part = team::read_part(&bytes, &insp).map_err(|e| {
            CliError::Usage(format!("{}: {}", path.display(), anyhow::Error::new(e)))
        })?;
        parts.push(part);
    }
    let plan = team::plan(&insp, &parts, &args.take)?;
    print_plan(&plan, &parts, out)?;
    if !plan.is_ready() {
        print_conflicts(&plan, &insp, out)?;
        let count = plan.undecided().count();
        return Err(CliError::Usage(format!(
            "{count} standards are graded differently and must be decided by the head; nothing was changed. Take one assessment of each with --take NAME:CODE (e.g. --take \"{}:{}\")",
            plan.undecided()
                .next()
                .and_then(|c| c.candidates.last())
                .map_or("NAME", |c| c.author.as_str()),
            plan.undecided().next().map_or("CODE", |c| c.code.as_str()),
        )));
    }
    let written = insp.apply(plan.changes())?;
    if written.is_empty() {
        writeln!(out, "nothing changed: every part was merged before")?;
        return Ok(());
    }
    writeln!(
        out,
        "merged in one change ({} history rows): {} assessments taken from the parts, {} disagreements decided; saved to {} at {}",
        written.len(),
        plan.taken.len(),
        plan.conflicts.len(),
        insp.path().display(),
        written.last().map_or("", |e| e.at.as_str())
    )?;
    Ok(())
}

/// Each part, what changed since a member's earlier part, and the notices.
fn print_plan(plan: &MergePlan, parts: &[SignedPart], out: &mut dyn Write) -> Result<(), CliError> {
    for (member, status, count) in &plan.parts {
        let key = parts
            .iter()
            .find(|p| &p.payload.member == member)
            .map_or(String::new(), |p| format!(", key {}", p.fingerprint));
        let status = match status {
            PartStatus::New => "new".to_string(),
            PartStatus::Newer(at) => format!("newer than the part merged before (exported {at})"),
            PartStatus::AlreadyMerged => "merged before: it changes nothing".to_string(),
        };
        writeln!(
            out,
            "{}'s part ({count} standards recorded{key}): {status}",
            safe(member)
        )?;
    }
    for d in &plan.differences {
        writeln!(
            out,
            "  {} changed in {}'s newer part: {} → {}",
            d.code,
            safe(&d.member),
            d.before,
            d.after
        )?;
    }
    for n in &plan.notices {
        match n {
            Notice::OutsideAssignment { member, codes } => writeln!(
                out,
                "  {} graded outside their groups: {}",
                safe(member),
                list(codes)
            )?,
            Notice::RecommendationKept { code, member } => writeln!(
                out,
                "  {code}: {}'s recommendation differs from the one recorded, which was kept",
                safe(member)
            )?,
            Notice::OlderIgnored { member } => writeln!(
                out,
                "  two parts of {} were given: only the newest is merged",
                safe(member)
            )?,
        }
    }
    for c in plan.conflicts.iter().filter(|c| c.taken.is_some()) {
        writeln!(
            out,
            "  {}: decided — {}'s assessment taken",
            c.code,
            safe(c.taken.as_deref().unwrap_or_default())
        )?;
    }
    Ok(())
}

/// The undecided disagreements, each assessment with its author, grade, criterion and note.
fn print_conflicts(
    plan: &MergePlan,
    insp: &crate::inspection::Inspection,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let catalogue = insp.catalogue();
    for c in plan.undecided() {
        writeln!(out, "{} — graded differently:", c.code)?;
        for x in &c.candidates {
            let whose = if x.current { " (in this file)" } else { "" };
            writeln!(
                out,
                "    {}{whose}: {}",
                safe(&x.author),
                x.label(catalogue, &c.code)
            )?;
            if let Some(reason) = &x.na_reason {
                writeln!(out, "        not applicable: {}", safe(reason))?;
            }
            if let Some(criterion) = x.criterion(catalogue, &c.code) {
                writeln!(out, "        criterion: {}", safe(criterion))?;
            }
            if !x.note.trim().is_empty() {
                writeln!(out, "        note: {}", safe(&x.note))?;
            }
        }
    }
    Ok(())
}

/// Up to ten codes, then how many more.
fn list(codes: &[Code]) -> String {
    crate::catalogue::list_codes(codes, 10)
}
