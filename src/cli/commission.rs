//! `akredit commission PATH… [--trust KEY]… [--csv OUT.csv] [--json]`: the printing side
//! of the [`commission`](crate::commission) overview.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use crate::catalogue::Catalogue;
use crate::commission::{self, KepState, KepSummary, Overview, Row, Status};
use crate::inspection::StoreError;

use super::error::CliError;
use super::print::write_json;
use super::results::trust_list;
use super::terminal::{sanitize, warn};

/// `akredit commission`.
#[derive(Debug, Args)]
pub struct CommissionArgs {
    /// Result files, or folders to search recursively for *.json.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// A trusted public key (base64) or a file holding one; repeat for each expert.
    #[arg(long, value_name = "PUBKEY_OR_FILE")]
    pub trust: Vec<String>,
    /// Also write the table as CSV (UTF-8 with BOM) to this file (never over one).
    #[arg(long, value_name = "OUT.csv")]
    pub csv: Option<PathBuf>,
    /// Print the table as JSON instead.
    #[arg(long)]
    pub json: bool,
    /// The trusted lists, CA certificates and CRLs for the qualified signatures (КЕП)
    /// beside the results.
    #[command(flatten)]
    pub kep_trust: super::kep::KepTrustArgs,
}

/// How many invalid files the closing error message names (the table lists them all).
const NAMED_INVALID: usize = 10;

/// Runs the command: lists the result files in the paths, verifies them against
/// `catalogue` and the trusted keys, writes the CSV (never over an existing file) and
/// prints the table, or the JSON with `--json`.
///
/// Fails (exit status 1) after printing when any result is invalid, and when no result
/// file is found.
pub fn run(
    catalogue: &Catalogue,
    args: CommissionArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let trusted = trust_list(&args.trust)?;
    let kep_trust = args.kep_trust.read()?;
    let csv = args.csv.as_deref();
    if let Some(target) = csv
        && target.symlink_metadata().is_ok()
    {
        return Err(StoreError::Exists(target.to_path_buf()).into());
    }
    let files =
        commission::collect_files(&args.paths).map_err(|e| CliError::Usage(e.to_string()))?;
    if files.is_empty() {
        let given: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        return Err(CliError::NotVerified(format!(
            "no result files (*.json) found in {}",
            given.join(", ")
        )));
    }
    let overview = commission::overview_with(&files, catalogue, &trusted, &kep_trust);
    if let Some(target) = csv {
        let bytes = overview
            .to_csv()
            .map_err(|e| CliError::Usage(e.to_string()))?;
        crate::signed::write_new_file(target, &bytes)?;
    }
    if args.json {
        write_json(&overview.to_json(), out)?;
    } else {
        print_table(&overview, out)?;
        writeln!(out)?;
        writeln!(out, "{}", summary_line(&overview))?;
        if let Some(target) = csv {
            writeln!(out, "CSV written to {}", target.display())?;
        }
    }
    out.flush()?;
    if args.json
        && let Some(target) = csv
    {
        eprintln!(
            "akredit: CSV written to {}",
            sanitize(&target.display().to_string())
        );
    }
    warn_of(&overview, trusted.is_empty());
    refuse_invalid(&overview)?;
    refuse_invalid_kep(&overview)
}

/// Fails when a qualified signature beside a result does not hold; warns when chains
/// were not checked.
fn refuse_invalid_kep(overview: &Overview) -> Result<(), CliError> {
    let with_kep = || {
        overview
            .rows
            .iter()
            .filter_map(|r| r.kep.as_ref().map(|k| (r, k)))
    };
    if with_kep().any(|(_, k)| k.state() == KepState::ChainNotChecked) {
        warn(
            "the certificate chains of the qualified signatures (КЕП) were not checked (ланцюжок сертифіката не перевірено): give the trusted list with --trust-list",
        );
    }
    let invalid: Vec<String> = with_kep()
        .filter(|(_, k)| k.state() == KepState::Invalid)
        .map(|(r, k)| format!("  {}: {}", r.path.display(), k.detail()))
        .collect();
    if invalid.is_empty() {
        return Ok(());
    }
    Err(CliError::NotVerified(format!(
        "the qualified signatures (КЕП) beside {} results do not hold:\n{}",
        invalid.len(),
        invalid.join("\n")
    )))
}

/// The warnings on standard error: no key trusted, results the commission must decide
/// between.
fn warn_of(overview: &Overview, nothing_trusted: bool) {
    if nothing_trusted {
        warn(
            "no --trust given, so a valid result may be signed by anyone's key; compare the key fingerprints with the experts'",
        );
    }
    if overview.counts.unresolved > 0 {
        warn(&format!(
            "{} current results share their centre or inspection with another one that does not supersede it (some may be signed by different experts); the commission has to decide between them (see the notes)",
            overview.counts.unresolved
        ));
    }
}

/// Fails, naming the first few, when any result is invalid.
fn refuse_invalid(overview: &Overview) -> Result<(), CliError> {
    let invalid: Vec<&Row> = overview.invalid().collect();
    if invalid.is_empty() {
        return Ok(());
    }
    let mut lines: Vec<String> = invalid
        .iter()
        .take(NAMED_INVALID)
        .map(|r| format!("  {}: {}", r.path.display(), r.status.detail()))
        .collect();
    if invalid.len() > NAMED_INVALID {
        lines.push(format!(
            "  … and {} more (see the table)",
            invalid.len() - NAMED_INVALID
        ));
    }
    Err(CliError::NotVerified(format!(
        "{} of {} results invalid, not counted:\n{}",
        invalid.len(),
        overview.counts.total,
        lines.join("\n")
    )))
}

/// The counts in words.
fn summary_line(o: &Overview) -> String {
    let c = &o.counts;
    let mut s = format!(
        "{} results: {} valid final, {} valid drafts (not a final decision), {} superseded, {} invalid",
        c.total, c.valid_final, c.valid_drafts, c.superseded, c.invalid
    );
    if c.duplicates > 0 {
        s.push_str(&format!(", {} duplicate copies", c.duplicates));
    }
    if c.unresolved > 0 {
        s.push_str(&format!(
            "; {} current results are unresolved (same centre or inspection)",
            c.unresolved
        ));
    }
    s
}

/// `text` cut to `width` characters, with an ellipsis when cut.
fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(width.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// How many columns the table has.
const COLUMNS: usize = 13;

/// The columns of the table.
const HEADER: [&str; COLUMNS] = [
    "centre",
    "model",
    "visit date",
    "expert",
    "key",
    "signed",
    "points/max",
    "percent",
    "category",
    "final/draft",
    "status",
    "КЕП",
    "file",
];

/// The widest a column gets; the file, last, is never cut.
const CAP: [usize; COLUMNS] = [36, 8, 10, 24, 19, 8, 10, 7, 8, 11, 10, 17, usize::MAX];

/// The table: one row per result, and under a row its status and notes.
fn print_table(o: &Overview, out: &mut dyn Write) -> std::io::Result<()> {
    let cells: Vec<[String; COLUMNS]> = o.rows.iter().map(row_cells).collect();
    let mut widths: [usize; COLUMNS] = HEADER.map(|h| h.chars().count());
    for row in &cells {
        for (i, c) in row.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count().min(CAP[i]));
        }
    }
    writeln!(out, "{}", table_line(&HEADER.map(str::to_string), &widths))?;
    for (r, row) in o.rows.iter().zip(&cells) {
        writeln!(out, "{}", table_line(row, &widths))?;
        if !matches!(r.status, Status::Valid) {
            writeln!(out, "    {}", r.status.detail())?;
        }
        for note in &r.notes {
            writeln!(out, "    note: {note}")?;
        }
        if let Some(kep) = &r.kep {
            writeln!(out, "    КЕП: {}", kep_line(kep))?;
        }
    }
    Ok(())
}

/// The cells of a result's row, each on one line.
fn row_cells(r: &Row) -> [String; COLUMNS] {
    let points = match (r.points, r.max_points) {
        (Some(p), Some(m)) => format!("{p}/{m}"),
        _ => String::new(),
    };
    let status = match r.status {
        Status::Invalid { .. } => "INVALID".to_string(),
        _ => r.status.id().to_string(),
    };
    [
        r.centre.clone(),
        r.model_id().to_string(),
        r.visit_date.clone(),
        r.expert.clone(),
        r.fingerprint.clone(),
        r.signed_text(),
        points,
        r.percent.map(|p| format!("{p} %")).unwrap_or_default(),
        r.category_id().to_string(),
        r.final_or_draft().to_string(),
        status,
        r.kep.as_ref().map_or("—", kep_word).to_string(),
        r.path.display().to_string(),
    ]
    .map(|c| c.replace(['\n', '\r', '\t'], " "))
}

/// The КЕП column's word.
fn kep_word(kep: &KepSummary) -> &'static str {
    match kep.state() {
        KepState::Valid => "valid",
        KepState::ChainNotChecked => "chain not checked",
        KepState::Invalid => "INVALID",
    }
}

/// Under a row with a КЕП: who signed which document, and what does not hold.
fn kep_line(kep: &KepSummary) -> String {
    let documents: Vec<String> = kep
        .documents
        .iter()
        .map(|d| {
            let names: Vec<String> = d.signers.iter().map(|s| s.name.clone()).collect();
            format!(
                "{} signed by {}",
                crate::kep::files::display_name(&d.path),
                if names.is_empty() {
                    "nobody readable".into()
                } else {
                    names.join(", ")
                }
            )
        })
        .collect();
    let detail = kep.detail();
    let line = if detail.is_empty() {
        documents.join("; ")
    } else {
        format!("{} — {detail}", documents.join("; "))
    };
    sanitize(&line).into_owned()
}

/// A line of the table: each cell cut to its column's cap and padded to its width
/// (numbers to the right, text to the left); the last cell, the file, as it is.
fn table_line(cells: &[String; COLUMNS], widths: &[usize; COLUMNS]) -> String {
    let mut s = String::new();
    for (i, c) in cells.iter().enumerate() {
        let text = fit(c, CAP[i]);
        if i + 1 == cells.len() {
            s.push_str(&text);
        } else if i == 6 || i == 7 {
            s.push_str(&format!("{text:>w$}  ", w = widths[i]));
        } else {
            s.push_str(&format!("{text:<w$}  ", w = widths[i]));
        }
    }
    s.trim_end().to_string()
}
