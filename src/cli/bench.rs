//! `akredit bench`: runs the measurements of [`crate::bench`], prints the figures, and
//! writes them as JSON when asked.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;

use crate::catalogue::Catalogue;
use crate::inspection::StoreError;

use super::error::CliError;

/// `akredit bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Fewer samples (for CI).
    #[arg(long)]
    pub quick: bool,
    /// Also write the figures as JSON to this file.
    #[arg(long, value_name = "OUT")]
    pub json: Option<PathBuf>,
    /// The folder to write the test files in (default: the system's temporary folder).
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

/// `akredit bench`: measures, prints the figures, and writes them to `--json`'s file.
pub fn run(
    catalogue: Arc<Catalogue>,
    args: BenchArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let dir = args.dir.unwrap_or_else(std::env::temp_dir);
    let report = crate::bench::run(catalogue, &dir, args.quick)?;
    print(&report, out)?;
    if let Some(path) = args.json {
        let text = serde_json::to_string_pretty(&report).map_err(std::io::Error::from)?;
        std::fs::write(&path, text + "\n").map_err(|source| StoreError::Io {
            path: path.clone(),
            source,
        })?;
        writeln!(out, "\nfigures written to {}", path.display())?;
    }
    Ok(())
}

/// Prints a report as a table.
fn print(report: &crate::bench::Report, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "akredit bench{} — {} CPUs, files in {}",
        if report.quick { " --quick" } else { "" },
        report.cpus,
        report.folder
    )?;
    for fact in &report.facts {
        writeln!(out, "{}: {}", fact.name, fact.value)?;
    }
    for f in &report.figures {
        writeln!(out, "\n{}", f.name)?;
        writeln!(
            out,
            "  median {} ms, p99 {} ms ({} samples); baseline ({}) {} ms; ratio {}; goal {}: {}",
            f.median_ms,
            f.p99_ms,
            f.samples,
            f.baseline,
            f.baseline_ms,
            f.ratio,
            f.goal,
            if f.met { "met" } else { "NOT met" }
        )?;
    }
    Ok(())
}
