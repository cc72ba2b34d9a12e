//! The `akredit` binary: parses the command line and reports errors in words.

use std::io::{self, Write};
use std::process::ExitCode;

use akredit::cli::{self, Cli, CliError};
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = cli::run(cli, &mut out).and_then(|()| out.flush().map_err(CliError::from));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`akredit … | head`) is not a failure of the command.
        Err(CliError::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            drop(out);
            let report = anyhow::Error::new(e);
            eprintln!("akredit: error: {report}");
            ExitCode::FAILURE
        }
    }
}
