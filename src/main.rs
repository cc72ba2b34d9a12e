//! The `akredit` binary: the window without a command (or with `open FILE`), the command
//! line otherwise; errors are reported in words.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use akredit::catalogue::Catalogue;
use akredit::cli::{self, Command};

fn main() -> ExitCode {
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(status) => return status,
    };
    let catalogue = match cli::load_catalogue(cli.catalogue.as_deref()) {
        Ok(c) => c,
        Err(e) => return cli::report(e),
    };
    match cli.command {
        None => window(catalogue, None),
        Some(Command::Open { file }) => window(catalogue, Some(file)),
        Some(command) => cli::execute(catalogue, command),
    }
}

/// Opens the window, on `file` if given.
fn window(catalogue: Arc<Catalogue>, file: Option<PathBuf>) -> ExitCode {
    let opened = if std::env::var_os(akredit::bench::startup::PROBE_VAR).is_some() {
        akredit::ui::run_in(
            catalogue,
            file,
            akredit::bench::startup::StartupProbe::shell,
        )
    } else {
        akredit::ui::run(catalogue, file)
    };
    match opened {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let report = anyhow::anyhow!("{e}").context(
                "cannot open the window (is a graphical session available? the command line works without one: akredit --help)",
            );
            eprintln!(
                "akredit: error: {}",
                cli::terminal::sanitize(&format!("{report:#}"))
            );
            ExitCode::FAILURE
        }
    }
}
