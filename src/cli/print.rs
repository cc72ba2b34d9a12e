//! Printing shared by several commands.

use std::io::{self, Write};

use serde::Serialize;

use crate::catalogue::{Catalogue, Code};
use crate::inspection::Inspection;
use crate::scoring;

use super::error::CliError;

/// Writes `value` as pretty JSON and a newline.
pub fn write_json(value: &impl Serialize, out: &mut dyn Write) -> Result<(), CliError> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)?;
    Ok(())
}

/// Prints where the centre judged itself differently from the commission, per group.
pub fn print_divergences(
    catalogue: &Catalogue,
    insp: &Inspection,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let groups = scoring::divergences(catalogue, insp.meta().model, insp.answers());
    let total: usize = groups.iter().map(|(_, codes)| codes.len()).sum();
    writeln!(
        out,
        "divergences between the self-assessment and the commission: {total}"
    )?;
    for (group, codes) in &groups {
        writeln!(
            out,
            "  {group}: {} — {}",
            codes.len(),
            codes
                .iter()
                .map(Code::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    Ok(())
}
