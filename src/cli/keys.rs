//! `akredit key init|show`: the expert's signing key, kept in the data folder.

use std::io::Write;

use clap::Subcommand;

use crate::signed::Identity;
use crate::support::home::Home;

use super::error::CliError;

/// What to do with the signing key.
#[derive(Debug, Subcommand)]
pub enum KeyAction {
    /// Create your key pair (once; never overwritten).
    Init {
        /// Your full name, as it will appear in signed results.
        #[arg(long)]
        name: String,
    },
    /// Print your public key and its fingerprint.
    Show,
    /// Correct the name your key signs with (the key and its fingerprint stay).
    Rename {
        /// Your full name, as it will appear in results signed from now on.
        #[arg(long)]
        name: String,
    },
}

/// `akredit key`: makes the key (`init`, never over one), reads it (`show`) or corrects
/// its name (`rename`), and prints its name, public key and fingerprint.
pub fn run(action: KeyAction, out: &mut dyn Write) -> Result<(), CliError> {
    let home = Home::from_env()?;
    let identity = match action {
        KeyAction::Init { name } => Identity::create(&home, &name)?,
        KeyAction::Show => Identity::load(&home)?,
        KeyAction::Rename { name } => {
            let before = Identity::load(&home)?.public.name;
            let renamed = Identity::rename(&home, &name)?;
            writeln!(
                out,
                "renamed: {before} → {} (results signed before keep their name)",
                renamed.public.name
            )?;
            renamed
        }
    };
    writeln!(out, "name:        {}", identity.public.name)?;
    writeln!(out, "public key:  {}", identity.public.public_key)?;
    writeln!(out, "fingerprint: {}", identity.fingerprint())?;
    Ok(())
}
