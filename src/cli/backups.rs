//! The backups kept of an inspection each time it is opened for changes: `backups`
//! lists them, `restore` copies one to a new file.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;

use crate::catalogue::Catalogue;
use crate::inspection::backup;
use crate::support::home::Home;

use super::error::CliError;
use super::files::open_read_only;

/// `akredit backups`.
#[derive(Debug, Args)]
pub struct BackupsArgs {
    /// The inspection file.
    pub file: PathBuf,
}

/// `akredit restore`.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup file (see `akredit backups`).
    pub backup: PathBuf,
    /// Where to write the restored inspection.
    #[arg(long)]
    pub out: PathBuf,
}

/// `akredit backups`: the backups of the inspection, newest last.
pub fn list(
    catalogue: &Arc<Catalogue>,
    args: BackupsArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let insp = open_read_only(&args.file, catalogue.clone())?;
    let home = Home::from_env()?;
    let list = backup::list(&home.backups(), &insp.meta().inspection_id)?;
    if list.is_empty() {
        writeln!(
            out,
            "no backups of {} yet (one is kept each time it is opened for changes)",
            args.file.display()
        )?;
    }
    for b in &list {
        writeln!(
            out,
            "{}  {:>8} bytes  {}",
            b.taken_at,
            b.bytes,
            b.path.display()
        )?;
    }
    Ok(())
}

/// `akredit restore`: the backup to a new file, never over an existing one.
pub fn restore(
    catalogue: &Arc<Catalogue>,
    args: RestoreArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    backup::restore(&args.backup, &args.out, catalogue.clone())?;
    writeln!(
        out,
        "restored {} to {}",
        args.backup.display(),
        args.out.display()
    )?;
    Ok(())
}
