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
    crate::bench::print(&report, out)?;
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
