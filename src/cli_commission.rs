//! `akredit commission PATH… [--trust KEY]… [--csv OUT.csv] [--json]`: the printing side
//! of the [`commission`](crate::commission) overview.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::catalogue::Catalogue;
use crate::cli::CliError;
use crate::commission::{self, Overview, Row, Status};
use crate::inspection::StoreError;

/// How many invalid files the closing error message names (the table lists them all).
const NAMED_INVALID: usize = 10;

/// Runs the command: lists the result files in `paths`, verifies them against
/// `catalogue` and the `trusted` keys, writes the CSV (never over an existing file) and
/// prints the table, or the JSON with `json`.
///
/// Fails (exit status 1) after printing when any result is invalid, and when no result
/// file is found.
pub fn run(
    catalogue: &Catalogue,
    paths: &[PathBuf],
    trusted: &[crate::signed::TrustedKey],
    csv: Option<&Path>,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if let Some(target) = csv
        && target.symlink_metadata().is_ok()
    {
        return Err(StoreError::Exists(target.to_path_buf()).into());
    }
    let files = commission::collect_files(paths).map_err(|e| CliError::Usage(e.to_string()))?;
    if files.is_empty() {
        let given: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(CliError::NotVerified(format!(
            "no result files (*.json) found in {}",
            given.join(", ")
        )));
    }
    let overview = commission::overview(&files, catalogue, trusted);
    if let Some(target) = csv {
        let bytes = overview
            .to_csv()
            .map_err(|e| CliError::Usage(e.to_string()))?;
        crate::signed::write_new_file(target, &bytes)?;
    }
    if json {
        serde_json::to_writer_pretty(&mut *out, &overview.to_json()).map_err(io::Error::from)?;
        writeln!(out)?;
    } else {
        print_table(&overview, out)?;
        writeln!(out)?;
        writeln!(out, "{}", summary_line(&overview))?;
        if let Some(target) = csv {
            writeln!(out, "CSV written to {}", target.display())?;
        }
    }
    out.flush()?;
    if json && let Some(target) = csv {
        eprintln!(
            "akredit: CSV written to {}",
            crate::terminal::sanitize(&target.display().to_string())
        );
    }
    if trusted.is_empty() {
        crate::terminal::warn(
            "no --trust given, so a valid result may be signed by anyone's key; compare the key fingerprints with the experts'",
        );
    }
    if overview.counts.unresolved > 0 {
        crate::terminal::warn(&format!(
            "{} current results share their centre or inspection with another one that does not supersede it (some may be signed by different experts); the commission has to decide between them (see the notes)",
            overview.counts.unresolved
        ));
    }
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

fn print_table(o: &Overview, out: &mut dyn Write) -> io::Result<()> {
    const HEADER: [&str; 11] = [
        "centre",
        "model",
        "visit date",
        "expert",
        "key",
        "points/max",
        "percent",
        "category",
        "final/draft",
        "status",
        "file",
    ];
    // The widest a column gets; the file, last, is never cut.
    const CAP: [usize; 11] = [36, 8, 10, 24, 19, 10, 7, 8, 11, 10, usize::MAX];
    let cells: Vec<[String; 11]> = o
        .rows
        .iter()
        .map(|r| {
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
                points,
                r.percent.map(|p| format!("{p} %")).unwrap_or_default(),
                r.category_id().to_string(),
                r.final_or_draft().to_string(),
                status,
                r.path.display().to_string(),
            ]
            .map(|c| c.replace(['\n', '\r', '\t'], " "))
        })
        .collect();
    let mut widths: [usize; 11] = HEADER.map(|h| h.chars().count());
    for row in &cells {
        for (i, c) in row.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count().min(CAP[i]));
        }
    }
    let line = |cells: &[String; 11]| -> String {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let text = fit(c, CAP[i]);
            if i + 1 == cells.len() {
                s.push_str(&text);
            } else {
                // Numbers to the right, text to the left.
                if i == 5 || i == 6 {
                    s.push_str(&format!("{text:>w$}  ", w = widths[i]));
                } else {
                    s.push_str(&format!("{text:<w$}  ", w = widths[i]));
                }
            }
        }
        s.trim_end().to_string()
    };
    writeln!(out, "{}", line(&HEADER.map(str::to_string)))?;
    for (r, row) in o.rows.iter().zip(&cells) {
        writeln!(out, "{}", line(row))?;
        if !matches!(r.status, Status::Valid) {
            writeln!(out, "    {}", r.status.detail())?;
        }
        for note in &r.notes {
            writeln!(out, "    note: {note}")?;
        }
    }
    Ok(())
}
