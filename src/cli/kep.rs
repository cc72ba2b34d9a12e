//! `akredit kep check`: a qualified signature (КЕП) over a conclusion, a protocol or a
//! result, checked offline — the arguments read into the domain's inputs, its report
//! printed in plain words.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::error::CliError;
use super::results::trust_list;
use super::terminal::sanitize as safe;
use crate::catalogue::Catalogue;
use crate::kep::certificate::Chain;
use crate::kep::{
    self, ExpertMatch, KepCheck, NotChecked, Revocation, SignerReport, Status, TimestampCheck,
    Trust,
};
use crate::support::files::read_bounded;

/// What `akredit kep` does.
#[derive(Debug, Subcommand)]
pub enum KepAction {
    /// Check the qualified signatures (.p7s, .asice) over a document, offline.
    Check(KepCheckArgs),
}

/// `akredit kep check`.
#[derive(Debug, Args)]
pub struct KepCheckArgs {
    /// The signed document (the conclusion's PDF, the protocol's, or a result); or an
    /// attached .p7s or an .asice container, which hold the document themselves.
    pub document: PathBuf,
    /// The signature files (.p7s) or container (.asice); when none is given, those
    /// beside the document whose names begin with its name are checked.
    pub signatures: Vec<PathBuf>,
    /// The trusted lists, CA certificates and CRLs.
    #[command(flatten)]
    pub trust_files: KepTrustArgs,
    /// A trusted akredit key (base64, or identity.json) for the document's own result.
    #[arg(long, value_name = "PUBKEY_OR_FILE")]
    pub trust: Vec<String>,
}

/// The trusted certificates and CRLs of a КЕП check, as `kep check` and `commission`
/// take them.
#[derive(Debug, Args)]
pub struct KepTrustArgs {
    /// A trusted list (TL-UA-DSTU.xml, TL-UA-EC.xml), downloaded once from czo.gov.ua.
    #[arg(long = "trust-list", value_name = "FILE.xml")]
    pub trust_lists: Vec<PathBuf>,
    /// A CA certificate to trust (DER or PEM, or a .p7b bundle).
    #[arg(long = "ca", value_name = "CERT")]
    pub cas: Vec<PathBuf>,
    /// A certificate revocation list (.crl) of a signer's issuer.
    #[arg(long = "crl", value_name = "FILE.crl")]
    pub crls: Vec<PathBuf>,
}

impl KepTrustArgs {
    /// The trusted lists, CA certificates and CRLs given, read.
    pub fn read(&self) -> Result<Trust, CliError> {
        let certificates: Vec<PathBuf> =
            self.trust_lists.iter().chain(&self.cas).cloned().collect();
        kep::files::read_trust(&certificates, &self.crls)
            .map_err(|e| CliError::Usage(e.to_string()))
    }
}

/// `akredit kep …`.
pub fn run(catalogue: &Catalogue, action: KepAction, out: &mut dyn Write) -> Result<(), CliError> {
    match action {
        KepAction::Check(args) => check(catalogue, args, out),
    }
}

/// `akredit kep check`.
fn check(catalogue: &Catalogue, args: KepCheckArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let trust = args.trust_files.read()?;
    let trusted_keys = trust_list(&args.trust)?;
    let signatures = signature_paths(&args)?;
    // A signature file or container given alone holds the document itself.
    let document = match args.signatures.is_empty() && kep::files::is_signature_name(&args.document)
    {
        true => None,
        false => Some(read_bounded(
            &args.document,
            kep::files::DOCUMENT_LIMIT,
            "document",
        )?),
    };
    let mut files = Vec::new();
    for path in &signatures {
        let bytes = read_bounded(path, kep::cms::SIGNATURE_LIMIT, "signature")?;
        files.push((kep::files::display_name(path), bytes));
    }
    let result = kep::check_files(
        document.as_deref(),
        &files,
        catalogue,
        &trusted_keys,
        &trust,
    )
    .map_err(|e| CliError::Usage(e.to_string()))?;
    print_check(&result, out)?;
    if result.holds() {
        writeln!(
            out,
            "VALID: every qualified signature over this document holds"
        )?;
        return Ok(());
    }
    Err(CliError::NotVerified(format!(
        "the qualified signatures over {} do not all hold (see above)",
        args.document.display()
    )))
}

/// The signature files: those given, else those beside the document (`висновок.pdf.p7s`,
/// `висновок.p7s`, `висновок.pdf.Петренко.p7s`, `висновок.asice`); the document itself
/// when it is a signature file or a container.
fn signature_paths(args: &KepCheckArgs) -> Result<Vec<PathBuf>, CliError> {
    if !args.signatures.is_empty() {
        return Ok(args.signatures.clone());
    }
    if kep::files::is_signature_name(&args.document) {
        return Ok(vec![args.document.clone()]);
    }
    let found = kep::signatures_beside(&args.document);
    if found.is_empty() {
        return Err(CliError::Usage(format!(
            "no signature file lies beside {}: give the .p7s or .asice that Дія.Підпис or czo.gov.ua/sign saved, after the document",
            args.document.display()
        )));
    }
    Ok(found)
}

/// The whole report.
fn print_check(check: &KepCheck, out: &mut dyn Write) -> Result<(), CliError> {
    print_document(check, out)?;
    for note in &check.notes {
        writeln!(out, "note:      {}", safe(note))?;
    }
    for signature in &check.signatures {
        writeln!(out, "\nsignature file {}:", safe(&signature.name))?;
        let report = match &signature.report {
            Ok(r) => r,
            Err(e) => {
                writeln!(out, "  NOT A SIGNATURE: {e}")?;
                continue;
            }
        };
        if let Some(part) = &signature.container {
            print_container(part, out)?;
        }
        if report.attached {
            writeln!(
                out,
                "  attached: the signature file holds the document itself"
            )?;
        }
        for (i, signer) in report.signers.iter().enumerate() {
            print_signer(i + 1, signer, &check.document.experts, out)?;
        }
        for step in &report.not_checked {
            writeln!(out, "  NOT CHECKED: {}", not_checked(*step))?;
        }
    }
    Ok(())
}

/// What a container's signature signs: its manifest's references, and the document.
fn print_container(part: &kep::ContainerPart, out: &mut dyn Write) -> Result<(), CliError> {
    use crate::kep::asice::DigestOutcome;
    if let Some(manifest) = &part.manifest {
        writeln!(
            out,
            "  signs the manifest {}:",
            safe(&manifest.manifest_name)
        )?;
        for r in &manifest.references {
            let state = match &r.outcome {
                DigestOutcome::Matches => "as signed".to_string(),
                DigestOutcome::Differs => "CHANGED after signing".to_string(),
                DigestOutcome::Missing => "MISSING from the container".to_string(),
                DigestOutcome::Unchecked(why) => format!("NOT CHECKED — {}", safe(why)),
            };
            writeln!(out, "    {}: {state}", safe(&r.name))?;
        }
        for name in &manifest.unreferenced {
            writeln!(
                out,
                "    {}: NOT SIGNED (the manifest does not list it)",
                safe(name)
            )?;
        }
    }
    if !part.document_signed {
        writeln!(
            out,
            "  THE DOCUMENT IS NOT SIGNED by this signature: the container's signed documents do not include it unchanged"
        )?;
    }
    Ok(())
}

/// The document's own result.
fn print_document(check: &KepCheck, out: &mut dyn Write) -> Result<(), CliError> {
    let doc = &check.document;
    let kind = match doc.kind {
        kep::DocumentKind::Conclusion => "the expert conclusion (PDF)",
        kep::DocumentKind::Protocol => "the protocol (PDF)",
        kep::DocumentKind::Result => "a signed result",
        kep::DocumentKind::Other => "not akredit's (no signed result in it)",
    };
    writeln!(out, "document:  {kind}")?;
    if let Some(v) = &doc.verification {
        let state = if !doc.fails() {
            "verifies (akredit signature, totals and printed figures)"
        } else {
            "DOES NOT VERIFY: run `akredit verify` on the document for each check"
        };
        writeln!(out, "result:    {state}")?;
        if let Some(r) = &v.result {
            let tally = &r.payload.totals.commission;
            writeln!(
                out,
                "totals:    {} of {} points, {}, category: {}",
                tally.points,
                r.payload.totals.max_points,
                crate::scoring::Percent::with_sign_or_dash(tally.percent),
                tally.category
            )?;
        }
    }
    if !doc.experts.is_empty() {
        writeln!(out, "experts:   {}", safe(&doc.experts.join("; ")))?;
    }
    Ok(())
}

/// One signer.
fn print_signer(
    n: usize,
    signer: &SignerReport,
    experts: &[String],
    out: &mut dyn Write,
) -> Result<(), CliError> {
    writeln!(out, "  signer {n}: {}", status(&signer.status))?;
    if let Some(c) = &signer.certificate {
        let h = &c.holder;
        let name = h.name();
        let name = if name.is_empty() {
            "(the certificate names no person)".into()
        } else {
            safe(&name)
        };
        writeln!(out, "    name:         {name}")?;
        for (label, value) in [
            ("РНОКПП:", &h.tax_number),
            ("organisation:", &h.organisation),
            ("unit:", &h.unit),
            ("position:", &h.position),
        ] {
            if let Some(v) = value {
                writeln!(out, "    {label:<13} {}", safe(v))?;
            }
        }
        writeln!(out, "    issuer:       {}", safe(&c.issuer))?;
        writeln!(out, "    serial:       {}", c.serial)?;
        writeln!(
            out,
            "    valid:        {} – {}",
            date_time(c.not_before),
            date_time(c.not_after)
        )?;
    }
    writeln!(
        out,
        "    algorithm:    {} / {}",
        signer.algorithm, signer.digest
    )?;
    match signer.signing_time {
        Some(t) => writeln!(
            out,
            "    signing time: {} (stated by the signer's computer)",
            date_time(t)
        )?,
        None => writeln!(out, "    signing time: not stated")?,
    }
    for t in &signer.timestamps {
        writeln!(out, "    timestamp:    {}", timestamp(t))?;
    }
    writeln!(out, "    chain:        {}", chain(&signer.chain))?;
    writeln!(out, "    revocation:   {}", revocation(&signer.revocation))?;
    writeln!(
        out,
        "    expert:       {}",
        expert(&signer.expert, signer, experts)
    )?;
    Ok(())
}

fn status(status: &Status) -> String {
    match status {
        Status::Valid => "VALID — the signature holds over this document's exact bytes".into(),
        Status::DocumentChanged => {
            "DOCUMENT CHANGED — the document is not the one signed (changed after signing, or another file)".into()
        }
        Status::SignatureInvalid => "SIGNATURE INVALID — it does not verify with the certificate's key".into(),
        Status::CertificateExpired { at } => format!(
            "CERTIFICATE NOT VALID AT SIGNING TIME ({}) — the signature verifies, but the certificate had expired or was not yet valid",
            date_time(*at)
        ),
        Status::CertificateMissing => {
            "CERTIFICATE MISSING — the signature file does not carry the signer's certificate: give it with --ca".into()
        }
        Status::NotCheckable(why) => format!("NOT CHECKED — {why}"),
    }
}

fn timestamp(t: &TimestampCheck) -> String {
    let kind = match t.kind {
        kep::cms::TimestampKind::Signature => "of the signature",
        kep::cms::TimestampKind::Content => "of the document",
    };
    let time = t
        .time
        .map(date_time)
        .unwrap_or_else(|| "time unread".into());
    let by = t.authority.as_deref().map(safe).unwrap_or_default();
    match &t.holds {
        Ok(()) => format!("{time} {kind}, by {by}: holds"),
        Err(why) => format!("{time} {kind}, by {by}: DOES NOT HOLD — {why}"),
    }
}

fn chain(chain: &Chain) -> String {
    match chain {
        Chain::NotChecked => {
            "NOT CHECKED — no trusted list or CA certificate was given (--trust-list, --ca)".into()
        }
        Chain::Trusted { path, anchor } => {
            format!(
                "trusted: {} (from {})",
                safe(&path.join(" → ")),
                safe(anchor)
            )
        }
        Chain::NotTrusted(why) => format!("NOT TRUSTED — {}", safe(why)),
    }
}

fn revocation(r: &Revocation) -> String {
    match r {
        Revocation::NotChecked => {
            "NOT CHECKED — offline, OCSP cannot be asked; give the issuer's CRL with --crl".into()
        }
        Revocation::NotRevoked { this_update } => {
            format!(
                "not revoked, by the issuer's CRL of {}",
                date_time(*this_update)
            )
        }
        Revocation::Revoked { at } => format!("REVOKED since {}", date_time(*at)),
        Revocation::CrlInvalid => "the CRL given for its issuer DOES NOT VERIFY".into(),
    }
}

fn expert(m: &ExpertMatch, signer: &SignerReport, experts: &[String]) -> String {
    let holder = signer
        .certificate
        .as_ref()
        .map(|c| c.holder.name())
        .unwrap_or_default();
    match m {
        ExpertMatch::Matches(e) => {
            format!("{} = {} (named in the document)", safe(&holder), safe(e))
        }
        ExpertMatch::Differs => format!(
            "NOT AN EXPERT OF THE DOCUMENT — the certificate names «{}»; the document names «{}»",
            safe(&holder),
            safe(&experts.join("», «"))
        ),
        ExpertMatch::NoExperts => "not matched — the document names no expert".into(),
    }
}

fn not_checked(step: NotChecked) -> &'static str {
    match step {
        NotChecked::Chain => {
            "the certificate chain (ланцюжок сертифіката не перевірено): give the trusted list with --trust-list"
        }
        NotChecked::Revocation => "revocation: akredit is offline; a CRL given with --crl is read",
        NotChecked::TrustedTime => {
            "a trusted signing time: no timestamp holds, so the time is only what the signer's computer said"
        }
        NotChecked::Experts => "that the signer is an expert: the document names none",
    }
}

/// A time as `YYYY-MM-DD HH:MM:SS UTC`.
fn date_time(seconds: i64) -> String {
    crate::support::time::format_unix(seconds)
}
