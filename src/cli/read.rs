//! Reading an inspection without changing it: `show`, `summary`, `history`. A damaged
//! file is read all the same, after a warning ([`open_read_only`]).

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;

use crate::catalogue::{Catalogue, Code};
use crate::inspection::{HistoryEntry, Inspection, Purpose};
use crate::scoring::{self, Percent, Tally, Totals};

use super::error::CliError;
use super::files::open_read_only;
use super::print::{print_divergences, write_json};
use super::terminal::one_line;

/// `akredit show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The inspection file.
    pub file: PathBuf,
    /// Only this group or sub-tree (e.g. 1.1 or 1.1.4).
    pub code: Option<Code>,
}

/// `akredit history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The inspection file.
    pub file: PathBuf,
    /// Only changes of this standard (or of its sub-items).
    pub code: Option<Code>,
    /// As JSON.
    #[arg(long)]
    pub json: bool,
}

/// `akredit summary`.
#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// The inspection file.
    pub file: PathBuf,
    /// As JSON.
    #[arg(long)]
    pub json: bool,
}

/// `akredit show`: the standards (of one sub-tree) with their grades, notes and reasons.
pub fn show(
    catalogue: &Arc<Catalogue>,
    args: ShowArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let insp = open_read_only(&args.file, catalogue.clone())?;
    refuse_unknown(&insp, args.code.as_ref())?;
    for line in show_lines(&insp, args.code.as_ref()) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// `akredit history`: every change (of one sub-tree), oldest first.
pub fn history(
    catalogue: &Arc<Catalogue>,
    args: HistoryArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let insp = open_read_only(&args.file, catalogue.clone())?;
    refuse_unknown(&insp, args.code.as_ref())?;
    let entries = insp.history(args.code.as_ref())?;
    if args.json {
        print_history_json(&entries, out)
    } else {
        print_history(&entries, out)
    }
}

/// `akredit summary`: points, percent and category, in words or as JSON.
pub fn summary(
    catalogue: &Arc<Catalogue>,
    args: SummaryArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let insp = open_read_only(&args.file, catalogue.clone())?;
    let totals = scoring::totals(catalogue, insp.meta().model, insp.answers());
    if args.json {
        write_json(&totals, out)
    } else {
        print_summary(&insp, &totals, out)
    }
}

/// Refuses a filter that is no code of the catalogue.
fn refuse_unknown(insp: &Inspection, filter: Option<&Code>) -> Result<(), CliError> {
    match filter {
        Some(f) if insp.catalogue().entry(f).is_none() => {
            Err(crate::answers::Refusal::UnknownCode(f.clone()).into())
        }
        _ => Ok(()),
    }
}

/// The lines of `show`: groups, headings and standards interleaved in code order.
fn show_lines(insp: &Inspection, filter: Option<&Code>) -> Vec<String> {
    let cat = insp.catalogue();
    let model = insp.meta().model;
    let wanted = |c: &Code| filter.is_none_or(|f| c.starts_with(f) || f.starts_with(c));
    let mut rows: Vec<(Code, String)> = Vec::new();
    for g in &cat.groups {
        if wanted(&g.code)
            && cat.model_standards(model).any(|s| s.group == g.code)
            && cat.standard(&g.code).is_none()
        {
            rows.push((g.code.clone(), format!("{}  {}", g.code, g.title)));
        }
    }
    for h in &cat.headings {
        if wanted(&h.code)
            && cat
                .model_standards(model)
                .any(|s| s.code.starts_with(&h.code))
        {
            rows.push((
                h.code.clone(),
                format!(
                    "  {}  {}",
                    h.code,
                    h.title.as_deref().unwrap_or("(wording not in the source)")
                ),
            ));
        }
    }
    for s in cat.model_standards(model).filter(|s| wanted(&s.code)) {
        rows.push((s.code.clone(), standard_line(insp, s)));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    rows.into_iter().map(|(_, line)| line).collect()
}

/// A standard in `show`: its grades, its wording, and under it its reason and note.
fn standard_line(insp: &Inspection, s: &crate::catalogue::Standard) -> String {
    let a = insp.answers().get(&s.code);
    let grade = |g: Option<u8>| match g {
        Some(g) => match s.scale.order_letter(g) {
            Some(l) => format!("{g} {l}"),
            None => g.to_string(),
        },
        None => "·".into(),
    };
    let mut line = format!(
        "    {:<12} commission {:<5} self {:<5} {}",
        s.code.as_str(),
        grade(a.commission),
        grade(a.self_grade),
        s.title.as_deref().unwrap_or("(wording not in the source)")
    );
    if let Some(r) = &a.na_reason {
        line.push_str(&format!("\n        not applicable: {}", indented(r)));
    }
    // With a team, who graded it; an inspection of one expert is all theirs.
    let answers = insp.answers();
    if !answers.team.is_empty()
        && let Some(author) = answers.author_of(&s.code, &insp.meta().expert)
    {
        line.push_str(&format!("\n        graded by: {}", one_line(author)));
    }
    if !a.note.is_empty() {
        line.push_str(&format!("\n        note: {}", indented(&a.note)));
    }
    line
}

/// A multi-line text under a standard: each of its lines on a line of its own, indented
/// under the first, so that no line of a note can pass for a line of the listing.
fn indented(text: &str) -> String {
    text.lines()
        .map(|l| one_line(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n              ")
}

/// `history --json`: one object per change.
fn print_history_json(entries: &[HistoryEntry], out: &mut dyn Write) -> Result<(), CliError> {
    // The same rows, in the same shape, as a result's history.
    let rows: Vec<_> = entries
        .iter()
        .map(|e| crate::signed::history_row(e.id, &e.at, &e.altered))
        .collect();
    write_json(&rows, out)
}

/// `history`: one line per change.
fn print_history(entries: &[HistoryEntry], out: &mut dyn Write) -> Result<(), CliError> {
    if entries.is_empty() {
        writeln!(out, "no changes recorded")?;
    }
    for e in entries {
        let a = &e.altered;
        writeln!(
            out,
            "{:>5}  {}  {:<12} {:<12} {} → {}",
            e.id,
            e.at,
            a.subject().to_string(),
            a.field().as_str(),
            a.old_value().map_or("—".to_string(), |v| format!("{v:?}")),
            a.new_value().map_or("—".to_string(), |v| format!("{v:?}")),
        )?;
    }
    Ok(())
}

/// One column's points, percent and category, and its forecast while standards are
/// unscored.
fn tally_line(t: &Tally, max: u32) -> String {
    let percent = Percent::with_sign_or_dash(t.percent);
    let best = Percent::with_sign_or_dash(t.best_percent);
    let mut s = format!(
        "{} of {max} points = {percent}, category: {}",
        t.points, t.category
    );
    if t.unscored > 0 {
        s.push_str(&format!(
            "; {} unscored — if each got 3: {best}, {}",
            t.unscored, t.best_category
        ));
    }
    s
}

/// `summary` in words: the totals, a table per group, and the divergences from the
/// centre's self-assessment.
fn print_summary(insp: &Inspection, t: &Totals, out: &mut dyn Write) -> Result<(), CliError> {
    let cat = insp.catalogue();
    writeln!(out, "{}", one_line(insp.answers().centre_name()))?;
    writeln!(
        out,
        "model {} ({}); {} standards, {} not applicable, {} applicable, {} points at most",
        t.model,
        cat.model(t.model).title,
        t.standards,
        t.not_applicable,
        t.applicable,
        t.max_points
    )?;
    let max = t.max_points;
    writeln!(out, "commission: {}", tally_line(&t.commission, max))?;
    writeln!(
        out,
        "self-assessment: {}",
        tally_line(&t.self_assessment, max)
    )?;
    writeln!(
        out,
        "{}",
        if t.complete {
            "complete: every applicable standard has a commission grade"
        } else {
            "not complete"
        }
    )?;
    writeln!(out)?;
    print_groups(t, out)?;
    match insp.meta().purpose {
        Purpose::SelfAssessment => writeln!(
            out,
            "\nthis is the centre's SELF-ASSESSMENT file: its grades are in the self column; write it for the expert with akredit export-self"
        )?,
        Purpose::Inspection if t.self_assessment.scored > 0 => {
            writeln!(out)?;
            print_divergences(cat, insp, out)?;
        }
        Purpose::Inspection => {}
    }
    Ok(())
}

/// The table of groups in `summary`.
fn print_groups(t: &Totals, out: &mut dyn Write) -> Result<(), CliError> {
    writeln!(
        out,
        "group  applicable  scored  points/max   percent  category  self points"
    )?;
    for g in &t.groups {
        writeln!(
            out,
            "{:<6} {:>10}  {:>6}  {:>10}  {:>8}  {:<8}  {:>11}",
            g.code.as_str(),
            g.applicable,
            g.commission.scored,
            format!("{}/{}", g.commission.points, g.max_points),
            Percent::with_sign_or_dash(g.commission.percent),
            g.commission.category.id(),
            g.self_assessment.points,
        )?;
    }
    Ok(())
}
