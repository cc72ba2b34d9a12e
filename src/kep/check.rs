//! The whole КЕП check of a document: each signer's signature over its exact bytes, the
//! certificate's holder and validity at signing time, its timestamps, its chain to the
//! certificates the user trusts, revocation where a CRL is given — and that the signer
//! is an expert the document names, whose embedded result verifies. What the check could
//! not do is said in the report, never left out.

use x509_cert::Certificate;

use super::algorithms::{self, Digest};
use super::certificate::{self, CertificateFacts, Chain, TrustedCertificate};
use super::cms::{self, CmsError, SignatureFile, Signer, TimestampKind};
pub use super::signer::{Status, signature_status};
use super::timestamp;
pub use super::timestamp::TimestampCheck;

/// Whether a certificate was revoked, as far as a CRL given tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revocation {
    /// No CRL for its issuer was given: revocation was not checked (OCSP needs a network).
    NotChecked,
    /// The issuer's CRL does not list it.
    NotRevoked {
        /// The CRL's date (seconds since 1970).
        this_update: i64,
    },
    /// The issuer's CRL lists it as revoked.
    Revoked {
        /// Since when (seconds since 1970).
        at: i64,
    },
    /// A CRL of its issuer was given, but its own signature does not verify.
    CrlInvalid,
}

/// Whether the signer is an expert the document names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExpertMatch {
    /// The certificate's holder is this expert.
    Matches(String),
    /// The holder is none of the experts the document names.
    Differs,
    /// The document names no expert (it is not akredit's, or its result does not read).
    NoExperts,
}

/// What the check found of one signer.
#[derive(Debug, Clone)]
pub struct SignerReport {
    /// The certificate's facts, when there is a certificate.
    pub certificate: Option<CertificateFacts>,
    /// The digest algorithm, by name.
    pub digest: String,
    /// The signature algorithm, by name.
    pub algorithm: String,
    /// The signingTime attribute (seconds since 1970).
    pub signing_time: Option<i64>,
    /// The timestamps.
    pub timestamps: Vec<TimestampCheck>,
    /// The signature's status.
    pub status: Status,
    /// The certificate's chain.
    pub chain: Chain,
    /// The certificate's revocation.
    pub revocation: Revocation,
    /// Whether the holder is an expert of the document.
    pub expert: ExpertMatch,
}

impl SignerReport {
    /// The time the check takes as the signing time: a verified timestamp's over the
    /// signature, else the signingTime attribute (which only the signer's computer states).
    pub fn signed_at(&self) -> Option<i64> {
        self.timestamps
            .iter()
            .find(|t| t.kind == TimestampKind::Signature && t.holds.is_ok())
            .and_then(|t| t.time)
            .or(self.signing_time)
    }
}

/// The certificates and CRLs the user supplies, and today's date.
#[derive(Debug, Clone, Default)]
pub struct Trust {
    /// Trusted certificates (a trusted list's, or CA certificates given).
    pub trusted: Vec<TrustedCertificate>,
    /// Further certificates a chain may pass through (not trusted by themselves).
    pub intermediates: Vec<Certificate>,
    /// Revocation lists, already read.
    pub crls: Vec<super::trust::Crl>,
}

/// What the check of one signature file found.
#[derive(Debug, Clone)]
pub struct KepReport {
    /// SHA-256 of the document checked, hexadecimal.
    pub document_sha256: String,
    /// Whether the signature file held the document itself (an attached signature).
    pub attached: bool,
    /// Each signer.
    pub signers: Vec<SignerReport>,
    /// What the check could not do, in the report's words (chain not checked, revocation
    /// not checked…), each once.
    pub not_checked: Vec<NotChecked>,
}

/// A step the check could not do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotChecked {
    /// No trusted certificate was given, so no chain was checked.
    Chain,
    /// No CRL was given for a signer's issuer (and OCSP needs a network).
    Revocation,
    /// A signer has no timestamp: the signing time is only what their computer said.
    TrustedTime,
    /// The document names no expert, so the signer could not be matched to one.
    Experts,
}

impl KepReport {
    /// Every signer's signature is valid.
    pub fn holds(&self) -> bool {
        !self.signers.is_empty() && self.signers.iter().all(|s| s.status == Status::Valid)
    }
}

/// Why a check could not be made at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KepError {
    /// The signature file does not read.
    #[error(transparent)]
    Cms(#[from] CmsError),
    /// An attached signature holds another document than the one given.
    #[error(
        "the signature file holds a document of its own, and it is not the one given: check the signature against the document it was made over"
    )]
    OtherDocument,
    /// A container that does not read.
    #[error(transparent)]
    Container(#[from] super::asice::AsiceError),
}

/// Checks a signature file's signers over `document`, with the experts the document
/// names (`experts`; empty when it names none).
pub fn check(
    document: &[u8],
    signature: &[u8],
    experts: &[String],
    trust: &Trust,
) -> Result<KepReport, KepError> {
    let file = cms::read(signature)?;
    let attached = file.content.is_some();
    if let Some(content) = &file.content
        && content.as_slice() != document
    {
        return Err(KepError::OtherDocument);
    }
    Ok(report(document, &file, experts, trust, attached))
}

/// The report of a signature file read, over `document`.
pub fn report(
    document: &[u8],
    file: &SignatureFile,
    experts: &[String],
    trust: &Trust,
    attached: bool,
) -> KepReport {
    let mut pool = file.certificates.clone();
    pool.extend(trust.intermediates.iter().cloned());
    pool.extend(trust.trusted.iter().map(|t| t.certificate.clone()));
    let signers: Vec<SignerReport> = file
        .signers
        .iter()
        .map(|s| signer_report(s, document, &pool, experts, trust))
        .collect();
    let mut not_checked = Vec::new();
    let mut note = |n: NotChecked| {
        if !not_checked.contains(&n) {
            not_checked.push(n);
        }
    };
    for s in &signers {
        if s.chain == Chain::NotChecked {
            note(NotChecked::Chain);
        }
        if s.revocation == Revocation::NotChecked {
            note(NotChecked::Revocation);
        }
        if !s.timestamps.iter().any(|t| t.holds.is_ok()) {
            note(NotChecked::TrustedTime);
        }
        if s.expert == ExpertMatch::NoExperts {
            note(NotChecked::Experts);
        }
    }
    KepReport {
        document_sha256: crate::support::hash::sha256_hex(document),
        attached,
        signers,
        not_checked,
    }
}

/// One signer's report.
fn signer_report(
    signer: &Signer,
    document: &[u8],
    pool: &[Certificate],
    experts: &[String],
    trust: &Trust,
) -> SignerReport {
    let certificate = signer
        .certificate
        .clone()
        .or_else(|| cms::find_certificate(&signer.identifier, pool).cloned());
    let facts = certificate.as_ref().map(CertificateFacts::of);
    let timestamps: Vec<TimestampCheck> = signer
        .timestamps
        .iter()
        .map(|t| timestamp::check(t, signer, document, pool))
        .collect();
    let mut status = match &certificate {
        None => Status::CertificateMissing,
        Some(c) => signature_status(signer, c, document),
    };
    let mut report = SignerReport {
        digest: Digest::from_oid(&signer.digest_algorithm.oid)
            .map(Digest::name)
            .unwrap_or_else(|| signer.digest_algorithm.oid.to_string()),
        algorithm: algorithms::signature_name(&signer.signature_algorithm),
        signing_time: signer.signing_time,
        timestamps,
        status: Status::Valid,
        chain: Chain::NotChecked,
        revocation: Revocation::NotChecked,
        expert: expert_match(facts.as_ref(), experts),
        certificate: facts,
    };
    if let (Status::Valid, Some(facts)) = (&status, &report.certificate)
        && let Some(at) = report.signed_at()
        && !facts.valid_at(at)
    {
        status = Status::CertificateExpired { at };
    }
    report.status = status;
    if let Some(c) = &certificate {
        report.chain = certificate::chain(c, pool, &trust.trusted);
        report.revocation = revocation(c, pool, trust);
    }
    report
}

/// The certificate against the CRLs given for its issuer.
fn revocation(certificate: &Certificate, pool: &[Certificate], trust: &Trust) -> Revocation {
    let issuer_name = &certificate.tbs_certificate.issuer;
    let Some(crl) = trust.crls.iter().find(|c| &c.issuer == issuer_name) else {
        return Revocation::NotChecked;
    };
    let issuer = pool
        .iter()
        .find(|c| &c.tbs_certificate.subject == issuer_name);
    let verified = issuer
        .map(|i| {
            crl.verify_signature(&i.tbs_certificate.subject_public_key_info)
                .unwrap_or(false)
        })
        .unwrap_or(false);
    if !verified {
        return Revocation::CrlInvalid;
    }
    match crl.revocation_of(certificate.tbs_certificate.serial_number.as_bytes()) {
        Some(at) => Revocation::Revoked { at: unix_of(at) },
        None => Revocation::NotRevoked {
            this_update: unix_of(crl.this_update),
        },
    }
}

/// Seconds since 1970 of a CRL's time.
fn unix_of(time: der::DateTime) -> i64 {
    i64::try_from(time.unix_duration().as_secs()).unwrap_or(i64::MAX)
}

/// Whether the certificate's holder is one of `experts`.
fn expert_match(facts: Option<&CertificateFacts>, experts: &[String]) -> ExpertMatch {
    if experts.is_empty() {
        return ExpertMatch::NoExperts;
    }
    let Some(facts) = facts else {
        return ExpertMatch::Differs;
    };
    let candidates = [
        facts.holder.full_name.clone(),
        Some(facts.holder.name()),
        match (&facts.holder.surname, &facts.holder.given_name) {
            (Some(s), Some(g)) => Some(format!("{s} {g}")),
            _ => None,
        },
    ];
    experts
        .iter()
        .find(|expert| {
            candidates
                .iter()
                .flatten()
                .any(|name| same_person(name, expert))
        })
        .map(|e| ExpertMatch::Matches(e.clone()))
        .unwrap_or(ExpertMatch::Differs)
}

/// Whether two full names are one person's: the same words, whatever their order, case,
/// spacing or apostrophe (Ukrainian names are written with ', ’ or ʼ alike) — or, where
/// one writes initials («Іваненко І. І.», as the conclusion's form does), the same surname
/// and initials that are the first letters of the other's given name and patronymic.
pub fn same_person(a: &str, b: &str) -> bool {
    let (a, b) = (name_words(a), name_words(b));
    let whole = |w: &[String]| w.iter().any(|w| !w.ends_with('.'));
    if !whole(&a) || !whole(&b) {
        return false;
    }
    let sorted = |w: &[String]| {
        let mut w = w.to_vec();
        w.sort();
        w
    };
    sorted(&a) == sorted(&b) || initials_match(&a, &b) || initials_match(&b, &a)
}

/// A name's words, lower case, apostrophes made one; initials («І.І.») one word each,
/// ending with their point.
fn name_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    for word in name.split(|c: char| c.is_whitespace() || c == ',') {
        let word: String = word
            .chars()
            .map(|c| match c {
                '’' | 'ʼ' | '`' | '‘' | '′' => '\'',
                c => c,
            })
            .flat_map(char::to_lowercase)
            .collect();
        if word.contains('.') {
            words.extend(
                word.split('.')
                    .filter(|p| !p.is_empty())
                    .map(|p| format!("{p}.")),
            );
        } else if !word.is_empty() {
            words.push(word);
        }
    }
    words
}

/// Whether `short`'s whole words are among `full`'s and its initials, in order, begin
/// `full`'s other words.
fn initials_match(short: &[String], full: &[String]) -> bool {
    let (initials, whole): (Vec<&String>, Vec<&String>) =
        short.iter().partition(|w| w.ends_with('.'));
    if initials.is_empty() || whole.is_empty() || full.iter().any(|w| w.ends_with('.')) {
        return false;
    }
    if !whole.iter().all(|w| full.contains(w)) {
        return false;
    }
    let rest: Vec<&String> = full.iter().filter(|w| !whole.contains(w)).collect();
    rest.len() == initials.len()
        && rest
            .iter()
            .zip(&initials)
            .all(|(word, initial)| word.starts_with(initial.trim_end_matches('.')))
}

#[cfg(test)]
mod tests {
    use super::same_person;

    #[test]
    fn names_match_whole_or_by_initials() {
        assert!(same_person(
            "Іваненко Іван Іванович",
            "іваненко  іван іванович"
        ));
        assert!(same_person(
            "Іван Іванович Іваненко",
            "Іваненко Іван Іванович"
        ));
        assert!(same_person("Іваненко І. І.", "Іваненко Іван Іванович"));
        assert!(same_person("Іваненко Іван Іванович", "Іваненко І.І."));
        assert!(same_person("Мар’яненко Ольга", "Мар'яненко Ольга"));
        assert!(!same_person("Іваненко П. І.", "Іваненко Іван Іванович"));
        assert!(!same_person("Петренко І. І.", "Іваненко Іван Іванович"));
        assert!(!same_person("Іваненко І.", "Іваненко Іван Іванович"));
        assert!(!same_person("Іваненко Іван", "Іваненко Іван Іванович"));
        assert!(!same_person("", ""));
        assert!(!same_person("І. І.", "І. І."));
    }
}
