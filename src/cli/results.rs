//! Signed results for the commission: `export` signs one, `cosign` adds an expert's
//! signature to a group's, `verify` checks one, `diff` compares two that verify,
//! `protocol` prints one (or an inspection) as a PDF.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::Args;

use crate::catalogue::Catalogue;
use crate::inspection::Purpose;
use crate::signed::{self, ExportError, Identity, ResultFile, TrustedKey};
use crate::support::home::Home;

use super::error::CliError;
use super::files::{open_for_writing, refuse_occupied, write_new_file};
use super::terminal::one_line;

/// `akredit export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The inspection file.
    pub file: PathBuf,
    /// Where to write the result (never over an existing file).
    #[arg(long)]
    pub out: PathBuf,
    /// Export an incomplete inspection as a draft ("final": false).
    #[arg(long)]
    pub draft: bool,
    /// Also write each attachment into this folder (which must exist), named by its
    /// target, number and SHA-256, for `verify --evidence`.
    #[arg(long = "with-evidence", value_name = "DIR")]
    pub with_evidence: Option<PathBuf>,
}

/// `akredit cosign`.
#[derive(Debug, Args)]
pub struct CosignArgs {
    /// The result of the expert group (the head's export, or a result already co-signed).
    pub result: PathBuf,
    /// Where to write the co-signed result (never over an existing file).
    #[arg(long)]
    pub out: PathBuf,
}

/// `akredit verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The result file, or a conclusion's or protocol's PDF with the result embedded.
    pub result: PathBuf,
    /// A trusted public key (base64) or a file holding one (e.g. identity.json).
    #[arg(long, value_name = "PUBKEY_OR_FILE")]
    pub trust: Vec<String>,
    /// A folder of the evidence files: each attachment the result lists must be there
    /// with its SHA-256; missing, altered and extra files are reported.
    #[arg(long, value_name = "DIR")]
    pub evidence: Option<PathBuf>,
}

/// `akredit protocol`.
#[derive(Debug, Args)]
pub struct ProtocolArgs {
    /// A result (RESULT.json) or an inspection file.
    pub input: PathBuf,
    /// The PDF to write (never over an existing file).
    #[arg(long)]
    pub out: PathBuf,
}

/// `akredit diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The older result.
    pub old: PathBuf,
    /// The newer result.
    pub new: PathBuf,
    /// A trusted public key (base64) or a file holding one; repeat for each expert.
    #[arg(long, value_name = "PUBKEY_OR_FILE")]
    pub trust: Vec<String>,
}

/// `akredit export`: signs the inspection's result with the expert's key and writes it
/// to a new file (refused while incomplete, unless a draft).
pub fn export(
    catalogue: &Arc<Catalogue>,
    args: ExportArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let target = &args.out;
    refuse_occupied(target)?;
    let mut insp = open_for_writing(&args.file, catalogue.clone())?;
    // Say what a centre's file needs before asking for a key it does not need.
    if insp.meta().purpose == Purpose::SelfAssessment {
        return Err(ExportError::SelfAssessment.into());
    }
    let home = Home::from_env()?;
    let identity = Identity::load(&home)?;
    let signed = signed::export(&mut insp, &identity, args.draft, target)?;
    writeln!(
        out,
        "{} result written to {}",
        if signed.is_final { "final" } else { "DRAFT" },
        target.display()
    )?;
    writeln!(out, "result SHA-256: {}", signed.sha256)?;
    writeln!(
        out,
        "signed by {} — key {}",
        identity.public.name, signed.fingerprint
    )?;
    if let Some(dir) = &args.with_evidence {
        let written = signed::evidence::write_files(&insp, &signed.payload.evidence, dir)
            .map_err(|e| CliError::Usage(e.to_string()))?;
        writeln!(
            out,
            "{} evidence files written to {}",
            written.len(),
            dir.display()
        )?;
    }
    Ok(())
}

/// `akredit cosign`: adds the signature of this computer's key (a member of the result's
/// expert group) to a result that verifies, and writes it to a new file.
pub fn cosign(
    catalogue: &Catalogue,
    args: CosignArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    refuse_occupied(&args.out)?;
    let bytes = signed::read_result_file(&args.result)?;
    let home = Home::from_env()?;
    let identity = Identity::load(&home)?;
    let c = signed::cosign_to(&bytes, catalogue, &identity, &args.out)?;
    if c.by_name {
        super::terminal::warn(&format!(
            "the expert group records no key for {}: you were found by your key's name ({}) alone; the commission compares your key's fingerprint {} with yours",
            c.name, identity.public.name, c.fingerprint
        ));
    }
    writeln!(out, "co-signed result written to {}", args.out.display())?;
    writeln!(
        out,
        "signed by {} ({}) — key {}",
        one_line(&c.name),
        c.role,
        c.fingerprint
    )?;
    let (signed, of) = c.signed_of;
    if c.waiting.is_empty() {
        writeln!(out, "signed by {signed} of {of}: every member has signed")?;
    } else {
        let waiting: Vec<String> = c.waiting.iter().map(|n| one_line(n).into_owned()).collect();
        writeln!(
            out,
            "signed by {signed} of {of}; not yet: {}",
            waiting.join(", ")
        )?;
    }
    writeln!(out, "result SHA-256: {} (unchanged)", c.sha256)?;
    Ok(())
}

/// `akredit verify`: prints every check and `VERIFIED`, or fails naming the checks that
/// failed.
pub fn verify(
    catalogue: &Catalogue,
    args: VerifyArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let bytes = signed::read_result_file(&args.result)?;
    let trusted = trust_list(&args.trust)?;
    if bytes.starts_with(b"%PDF-") {
        return verify_pdf(catalogue, &args, &bytes, &trusted, out);
    }
    let v = signed::verify(&bytes, catalogue, &trusted);
    print_verification(&v, out)?;
    let evidence_holds = match (&args.evidence, &v.result) {
        (Some(dir), Some(r)) => print_evidence_check(&r.payload.evidence, dir, out)?,
        _ => true,
    };
    if v.holds() && evidence_holds {
        writeln!(out, "VERIFIED")?;
        return Ok(());
    }
    let mut failed: Vec<&str> = v.failed().map(|c| c.name).collect();
    if !evidence_holds {
        failed.push("the evidence files");
    }
    Err(CliError::NotVerified(format!(
        "{} does not verify: {} failed (see above)",
        args.result.display(),
        failed.join(", ")
    )))
}

/// The evidence files in `dir` against the manifest, a line each; whether every
/// attachment is there unchanged.
fn print_evidence_check(
    manifest: &[signed::EvidenceEntry],
    dir: &std::path::Path,
    out: &mut dyn Write,
) -> Result<bool, CliError> {
    let check =
        signed::evidence::check_files(manifest, dir).map_err(|e| CliError::Usage(e.to_string()))?;
    let name =
        |p: &std::path::Path| super::terminal::sanitize(&p.display().to_string()).into_owned();
    for (n, path) in &check.present {
        writeln!(
            out,
            "evidence {n}: present, SHA-256 as listed: {}",
            name(path)
        )?;
    }
    for (n, path) in &check.altered {
        writeln!(
            out,
            "evidence {n}: ALTERED — {} is not the file the result lists (its SHA-256 differs)",
            name(path)
        )?;
    }
    for n in &check.missing {
        writeln!(
            out,
            "evidence {n}: MISSING — no file in the folder has its SHA-256"
        )?;
    }
    for path in &check.extra {
        writeln!(
            out,
            "evidence: extra file, not in the result: {}",
            name(path)
        )?;
    }
    writeln!(
        out,
        "evidence: {} of {} attachments present unchanged",
        check.present.len(),
        manifest.len()
    )?;
    Ok(check.holds())
}

/// `akredit verify DOCUMENT.pdf`: the result embedded in a conclusion or a protocol, and
/// whether the pages print its figures.
fn verify_pdf(
    catalogue: &Catalogue,
    args: &VerifyArgs,
    bytes: &[u8],
    trusted: &[signed::TrustedKey],
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let check = crate::conclusion::check_pdf(bytes, catalogue, trusted)?;
    let kind = if check.conclusion {
        "expert conclusion"
    } else {
        "protocol"
    };
    writeln!(out, "{kind} PDF with an embedded result:")?;
    print_verification(&check.verification, out)?;
    for (line, found) in &check.figures {
        let state = if *found { "printed" } else { "NOT printed" };
        writeln!(out, "figures: {state}: {}", one_line(line))?;
    }
    if check.holds() {
        writeln!(
            out,
            "VERIFIED: the embedded result verifies and the pages print its figures"
        )?;
        return Ok(());
    }
    let mut failed: Vec<&str> = check.verification.failed().map(|c| c.name).collect();
    if check.verification.result.is_some() && !check.figures_match() {
        failed.push("the figures printed on the pages");
    }
    Err(CliError::NotVerified(format!(
        "{} does not verify: {} failed (see above)",
        args.result.display(),
        failed.join(", ")
    )))
}

/// The checks of a verification, the result's centre, model and state, the trusted
/// signer and the hash.
fn print_verification(v: &signed::Verification, out: &mut dyn Write) -> Result<(), CliError> {
    for check in &v.checks {
        writeln!(out, "{}", one_line(&check.to_string()))?;
    }
    if let Some(r) = &v.result {
        writeln!(
            out,
            "{} — {} — {}",
            one_line(r.payload.centre_name()),
            one_line(&r.payload.model),
            if r.payload.is_final { "final" } else { "DRAFT" }
        )?;
    }
    if let Some(name) = &v.trusted_name {
        writeln!(out, "signed by (trusted identity): {}", one_line(name))?;
    }
    if let Some(sha) = &v.sha256 {
        writeln!(out, "result SHA-256: {sha}")?;
    }
    Ok(())
}

/// `akredit protocol`: the printable protocol of a signed result or an inspection file.
pub fn protocol(
    catalogue: &Arc<Catalogue>,
    args: ProtocolArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let target = &args.out;
    refuse_occupied(target)?;
    let (payload, provenance) = crate::protocol::load_source(&args.input, catalogue)?;
    let pdf = crate::protocol::render(&payload, catalogue, provenance.as_ref())?;
    write_new_file(target, &pdf)?;
    writeln!(out, "protocol written to {}", target.display())?;
    Ok(())
}

/// `akredit diff`: what changed between two results, both of which must verify.
pub fn diff(catalogue: &Catalogue, args: DiffArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let trusted = trust_list(&args.trust)?;
    let (a, sha_a) = read_verified(&args.old, catalogue, &trusted, "older")?;
    let (b, _) = read_verified(&args.new, catalogue, &trusted, "newer")?;
    for l in signed::diff(&a, &b, &sha_a) {
        writeln!(out, "{}", one_line(&l))?;
    }
    Ok(())
}

/// The trusted keys of the `--trust` arguments (base64, or files holding a key or an
/// identity.json). They are read when the command runs, not while the command line is
/// parsed: a file named is read only by the command that needs it.
pub fn trust_list(args: &[String]) -> Result<Vec<TrustedKey>, CliError> {
    signed::keys::trust_list(args.iter().map(String::as_str))
        .map_err(|e| CliError::Usage(format!("--trust {e}")))
}

/// Reads and verifies one result of `diff`; one that does not verify is refused, saying
/// which checks failed, so that no diff is ever made of a tampered or foreign result.
fn read_verified(
    path: &Path,
    catalogue: &Catalogue,
    trusted: &[TrustedKey],
    which: &str,
) -> Result<(ResultFile, String), CliError> {
    let bytes = signed::read_result_file(path)?;
    let v = signed::verify(&bytes, catalogue, trusted);
    let failed: Vec<String> = v.failed().map(|c| format!("  {c}")).collect();
    match v.into_verified() {
        Some(verified) => Ok(verified),
        None => Err(CliError::NotVerified(format!(
            "the {which} result {} does not verify, so no diff is made of it:\n{}",
            path.display(),
            one_line_each(&failed)
        ))),
    }
}

/// Lines of text, each made safe on its own.
fn one_line_each(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| one_line(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}
