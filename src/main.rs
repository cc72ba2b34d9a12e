//! The `akredit` binary: the window without a command (or with `open FILE`), the command
//! line otherwise; errors are reported in words.

use std::io::{self, Write};
use std::process::ExitCode;

use akredit::cli::{self, Cli, CliError, Command};
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let catalogue = match cli::load_catalogue(cli.catalogue.as_deref()) {
        Ok(c) => c,
        Err(e) => return report(e),
    };
    let command = match cli.command {
        None => Err(None),
        Some(Command::Open { file }) => Err(Some(file)),
        Some(other) => Ok(other),
    };
    let command = match command {
        Ok(command) => command,
        Err(file) => {
            return match akredit::ui::run(catalogue, file) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    let report = anyhow::anyhow!("{e}").context(
                    "cannot open the window (is a graphical session available? the command line works without one: akredit --help)",
                );
                    eprintln!(
                        "akredit: error: {}",
                        akredit::terminal::sanitize(&format!("{report:#}"))
                    );
                    ExitCode::FAILURE
                }
            };
        }
    };
    let stdout = io::stdout();
    // Whatever a file put into a name or a note reaches the terminal only escaped.
    let mut out = akredit::terminal::SafeWriter::new(io::BufWriter::new(stdout.lock()));
    let result =
        cli::run(catalogue, command, &mut out).and_then(|()| out.flush().map_err(CliError::from));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`akredit … | head`) is not a failure of the command.
        Err(CliError::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            drop(out);
            report(e)
        }
    }
}

fn report(e: CliError) -> ExitCode {
    let hint = cli::hint(&e);
    let report = anyhow::Error::new(e);
    eprintln!(
        "akredit: error: {}",
        akredit::terminal::sanitize(&report.to_string())
    );
    if let Some(hint) = hint {
        eprintln!("akredit: hint: {hint}");
    }
    ExitCode::FAILURE
}
