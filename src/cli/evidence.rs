//! `akredit attach`, `akredit detach` and `akredit evidence`: photos and scans attached
//! to a standard or a document, kept inside the inspection file; listed with their
//! hashes, or written out.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;

use super::error::CliError;
use super::files::{open_for_writing, open_read_only};
use super::terminal::sanitize as safe;
use crate::answers::{Change, Target};
use crate::catalogue::Catalogue;
use crate::inspection::{ATTACHMENT_LIMIT, AttachError};
use crate::support::files::read_bounded;

/// `akredit attach`.
#[derive(Debug, Args)]
pub struct AttachArgs {
    /// The inspection file.
    pub file: PathBuf,
    /// The standard (1.1.1.6) or the document (doc:1 … doc:13) the files are evidence for.
    #[arg(value_parser = parse_target, value_name = "CODE|doc:N")]
    pub target: Target,
    /// The photos or scans (JPEG, PNG, WebP, HEIC, PDF), each attached in its own change.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// A caption for each of them.
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub caption: String,
    /// Keep a photo whose longer side is more than PX pixels (640 or more) as a smaller
    /// copy (JPEG, or PNG for a PNG); the record keeps the original's SHA-256, size and
    /// pixels, so that the original you keep can still be proven to be the one attached.
    #[arg(long, value_name = "PX", value_parser = clap::value_parser!(u32).range(640..=20_000))]
    pub max_side: Option<u32>,
}

/// `akredit detach`.
#[derive(Debug, Args)]
pub struct DetachArgs {
    /// The inspection file.
    pub file: PathBuf,
    /// The attachment's number (`akredit evidence FILE` lists them).
    pub number: u32,
}

/// `akredit evidence`.
#[derive(Debug, Args)]
pub struct EvidenceArgs {
    /// The inspection file.
    pub file: PathBuf,
    /// Write each attachment into this folder (which must exist), named by its target,
    /// its number and its name; never over a file.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

fn parse_target(text: &str) -> Result<Target, String> {
    Target::parse(text).ok_or_else(|| {
        format!("{text:?} is neither a standard's code (1.1.1.6) nor a document (doc:1 … doc:13)")
    })
}

fn attach_error(e: AttachError) -> CliError {
    match e {
        AttachError::Store(e) => e.into(),
        e => CliError::Usage(e.to_string()),
    }
}

/// `akredit attach`: each file read (within the limit) and attached in a change of its
/// own; a refused file stops the command, and what came before it stays attached.
pub fn attach(
    catalogue: &Arc<Catalogue>,
    args: AttachArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut insp = open_for_writing(&args.file, catalogue.clone())?;
    // Every file is read first: one that cannot be read attaches nothing.
    let mut files = Vec::with_capacity(args.paths.len());
    for path in &args.paths {
        let bytes = read_bounded(path, ATTACHMENT_LIMIT, "attachment")?;
        files.push((crate::kep::files::display_name(path), bytes));
    }
    for (name, bytes) in &files {
        let number = insp
            .attach_fitted(
                args.target.clone(),
                name,
                bytes,
                &args.caption,
                args.max_side,
            )
            .map_err(attach_error)?
            .number;
        let a = &insp.answers().evidence[&number].attachment;
        writeln!(
            out,
            "attached {} to {} as attachment {number}: {}, {} bytes, SHA-256 {}{}",
            safe(name),
            args.target,
            a.media_type,
            a.size,
            a.sha256,
            made_smaller(a)
        )?;
    }
    writeln!(out, "saved to {}", insp.path().display())?;
    Ok(())
}

/// `; made smaller from W×H (N bytes, TYPE), original SHA-256 …` for a photo kept as a
/// smaller copy; empty for one kept as given.
fn made_smaller(a: &crate::answers::Attachment) -> String {
    match &a.original {
        Some(o) => format!(
            "; made smaller from {}×{} ({} bytes, {}), original SHA-256 {}",
            o.width, o.height, o.size, o.media_type, o.sha256
        ),
        None => String::new(),
    }
}

/// `akredit detach`: removes an attachment (its record and caption; the bytes stay in
/// the file, so that the removal can be undone).
pub fn detach(
    catalogue: &Arc<Catalogue>,
    args: DetachArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut insp = open_for_writing(&args.file, catalogue.clone())?;
    insp.apply(&[Change::Attach {
        number: args.number,
        attachment: None,
    }])?;
    writeln!(
        out,
        "removed attachment {} from {}",
        args.number,
        insp.path().display()
    )?;
    Ok(())
}

/// `akredit evidence`: the attachments with their targets, names, sizes and hashes; with
/// `--out`, each written into the folder.
pub fn list(
    catalogue: &Arc<Catalogue>,
    args: EvidenceArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let insp = open_read_only(&args.file, catalogue.clone())?;
    let evidence = &insp.answers().evidence;
    if evidence.is_empty() {
        writeln!(out, "no evidence attached")?;
        return Ok(());
    }
    for (number, e) in evidence {
        let a = &e.attachment;
        writeln!(
            out,
            "{number:>4}  {:<8}  {}  {}  {} bytes  SHA-256 {}{}{}{}",
            a.target.to_string(),
            safe(&a.name),
            a.media_type,
            a.size,
            a.sha256,
            made_smaller(a),
            a.taken_at
                .as_ref()
                .map(|t| format!("  taken {t}"))
                .unwrap_or_default(),
            if e.caption.is_empty() {
                String::new()
            } else {
                format!("  «{}»", safe(&e.caption))
            }
        )?;
        if let Some(dir) = &args.out {
            let bytes = insp.evidence_bytes(*number)?.ok_or_else(|| {
                CliError::Usage(format!(
                    "attachment {number}: its bytes are missing from the file"
                ))
            })?;
            let target = dir.join(out_name(&a.target.to_string(), *number, &a.name));
            crate::signed::write_new_file(&target, &bytes)?;
            writeln!(out, "      written to {}", target.display())?;
        }
    }
    Ok(())
}

/// `1.1.1.6-3-licence.jpg`: the target, the number and the name, with no character a
/// file name cannot have on Windows.
fn out_name(target: &str, number: u32, name: &str) -> String {
    crate::signed::evidence::safe_file_name(&format!("{target}-{number}-{name}"))
}
