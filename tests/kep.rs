//! `akredit kep check` end to end with ECDSA: a test CA and expert certificates made with
//! `openssl` in the test, the conclusion's PDF signed with `openssl cms -sign` (detached
//! and attached, signed attributes), and every status the check words: valid, document
//! changed, another person, chain trusted / not trusted / not checked, not a signature.
//! A few thousand mutated signature files are checked without a panic.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use akredit::answers::{Change, Column};
use akredit::catalogue::{Catalogue, ModelId};
use akredit::conclusion::{self, DocumentFormat};
use akredit::inspection::{Inspection, NewInspection};
use akredit::kep::{self, ExpertMatch, Status, Trust};
use akredit::protocol::Provenance;
use akredit::signed::{self, Identity};
use akredit::support::home::Home;

mod common;
use common::Run;

// ДСТУ 4145 (vectors, NBU certificates, jkurwa) and the trusted lists, CRLs and
// containers, in this one test binary: each binary more links the whole program again.
#[path = "kep/commission.rs"]
mod commission;
#[path = "kep/dstu.rs"]
mod dstu;
#[path = "kep/trust.rs"]
mod trust;
#[path = "kep/window.rs"]
mod window;

const EXPERT: &str = "Петренко Олена Іванівна";

fn catalogue() -> Arc<Catalogue> {
    Arc::new(Catalogue::builtin().expect("catalogue"))
}

/// The expert conclusion's PDF of a complete inspection by [`EXPERT`], written to `dir`.
fn conclusion_pdf(dir: &Path) -> PathBuf {
    let cat = catalogue();
    let mut insp = Inspection::create(
        &dir.join("a.akredit"),
        cat.clone(),
        &NewInspection {
            model: ModelId::Full,
            centre_name: "Полтавський обласний центр здоров'я".into(),
            expert: EXPERT.into(),
            visit_date: Some("2026-11-23".into()),
            purpose: Default::default(),
        },
    )
    .expect("create");
    let mut changes: Vec<Change> = cat
        .model_standards(ModelId::Full)
        .map(|s| Change::Grade {
            code: s.code.clone(),
            column: Column::Commission,
            grade: Some(*s.scale.grades().last().expect("grades")),
        })
        .collect();
    changes.extend(common::fact_changes());
    insp.apply(&changes).expect("apply");
    let id = Identity::create(&Home::at(dir.join("home")), EXPERT).expect("key");
    let signed = signed::export(&mut insp, &id, false, &dir.join("a.result.json")).expect("export");
    let provenance = Provenance {
        result_sha256: signed.sha256.clone(),
        fingerprint: signed.fingerprint.clone(),
        result_file: signed.bytes.clone(),
    };
    let pdf = conclusion::render(
        &signed.payload,
        &cat,
        Some(&provenance),
        DocumentFormat::Pdf,
    )
    .expect("render");
    let path = dir.join("висновок.pdf");
    std::fs::write(&path, pdf).expect("write");
    path
}

/// Runs openssl in `dir`; None when it is not installed (CI installs it).
fn openssl(dir: &Path, args: &[&str]) -> Option<()> {
    let out = match Command::new("openssl").args(args).current_dir(dir).output() {
        Ok(out) => out,
        Err(_) => return None,
    };
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(())
}

/// A CA `NAME.key`/`NAME.pem` (P-256, self-signed) in `dir`.
fn make_ca(dir: &Path, name: &str, common_name: &str) -> Option<()> {
    let key = format!("{name}.key");
    openssl(
        dir,
        &[
            "ecparam",
            "-name",
            "prime256v1",
            "-genkey",
            "-noout",
            "-out",
            &key,
        ],
    )?;
    let subject = format!("/CN={common_name}/O=Тестовий надавач/C=UA");
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-new",
            "-utf8",
            "-key",
            &key,
            "-subj",
            &subject,
            "-days",
            "3650",
            "-sha256",
            "-out",
            &format!("{name}.pem"),
        ],
    )
}

/// A person's certificate `NAME.pem` (its key `NAME.key`), issued by the CA `ca`.
fn make_person(dir: &Path, name: &str, ca: &str, subject: &str, curve: &str) -> Option<()> {
    let key = format!("{name}.key");
    openssl(
        dir,
        &["ecparam", "-name", curve, "-genkey", "-noout", "-out", &key],
    )?;
    let csr = format!("{name}.csr");
    openssl(
        dir,
        &[
            "req", "-new", "-utf8", "-key", &key, "-subj", subject, "-out", &csr,
        ],
    )?;
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            &csr,
            "-CA",
            &format!("{ca}.pem"),
            "-CAkey",
            &format!("{ca}.key"),
            "-CAcreateserial",
            "-days",
            "365",
            "-sha256",
            "-out",
            &format!("{name}.pem"),
        ],
    )
}

/// `document` signed by `signer` (CAdES-BES as openssl makes it: contentType,
/// messageDigest, signingTime signed), to `out`; `attached` keeps the document inside.
fn sign(
    dir: &Path,
    document: &str,
    signer: &str,
    out: &str,
    attached: bool,
    md: &str,
) -> Option<()> {
    let mut args = vec![
        "cms", "-sign", "-binary", "-outform", "DER", "-md", md, "-in", document, "-out", out,
    ];
    let cert = format!("{signer}.pem");
    let key = format!("{signer}.key");
    args.extend(["-signer", &cert, "-inkey", &key]);
    if attached {
        args.push("-nodetach");
    }
    openssl(dir, &args)
}

const EXPERT_SUBJECT: &str = "/CN=Петренко Олена Іванівна/SN=Петренко/GN=Олена Іванівна/serialNumber=TINUA-1234567890/O=Міністерство охорони здоров'я України/title=Експерт з акредитації/C=UA";

/// A folder with the conclusion, a CA and the expert's certificate; None without openssl.
fn setup() -> Option<(tempfile::TempDir, PathBuf)> {
    let dir = tempfile::tempdir().expect("tempdir");
    if Command::new("openssl").arg("version").output().is_err() {
        eprintln!(
            "openssl is not installed: the КЕП end-to-end tests are skipped (CI installs it)"
        );
        return None;
    }
    let pdf = conclusion_pdf(dir.path());
    make_ca(dir.path(), "ca", "Тестовий КНЕДП")?;
    make_person(dir.path(), "expert", "ca", EXPERT_SUBJECT, "prime256v1")?;
    Some((dir, pdf))
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let mut full = vec!["kep", "check"];
    full.extend_from_slice(args);
    Run::of(&full, dir, &dir.join("home"))
}

#[test]
fn a_detached_signature_over_the_conclusion_is_valid_and_names_the_expert() {
    let Some((dir, _pdf)) = setup() else { return };
    let d = dir.path();
    sign(
        d,
        "висновок.pdf",
        "expert",
        "висновок.pdf.p7s",
        false,
        "sha256",
    )
    .unwrap();
    // The signature is found beside the document.
    let r = run(d, &["висновок.pdf"]);
    assert_eq!(r.code(), Some(0), "{}", r.describe());
    for expected in [
        "document:  the expert conclusion (PDF)",
        "result:    verifies",
        "signer 1: VALID",
        "name:         Петренко Олена Іванівна",
        "РНОКПП:       1234567890",
        "position:     Експерт з акредитації",
        "issuer:       Тестовий КНЕДП",
        "ECDSA with SHA-256 / SHA-256",
        "Петренко Олена Іванівна = Петренко Олена Іванівна (named in the document)",
        "ланцюжок сертифіката не перевірено",
        "revocation:   NOT CHECKED",
        "VALID: every qualified signature",
    ] {
        assert!(
            r.stdout.contains(expected),
            "{expected:?} missing:\n{}",
            r.stdout
        );
    }
    // With the CA given, the chain is trusted.
    let r = run(d, &["висновок.pdf", "висновок.pdf.p7s", "--ca", "ca.pem"]);
    assert_eq!(r.code(), Some(0), "{}", r.describe());
    assert!(
        r.stdout.contains(
            "chain:        trusted: Петренко Олена Іванівна → Тестовий КНЕДП (from ca.pem)"
        ),
        "{}",
        r.stdout
    );
    assert!(
        !r.stdout.contains("ланцюжок сертифіката не перевірено"),
        "{}",
        r.stdout
    );
}

#[test]
fn another_ca_does_not_make_the_chain_trusted() {
    let Some((dir, _pdf)) = setup() else { return };
    let d = dir.path();
    make_ca(d, "other", "Інший КНЕДП").unwrap();
    sign(
        d,
        "висновок.pdf",
        "expert",
        "висновок.pdf.p7s",
        false,
        "sha256",
    )
    .unwrap();
    let r = run(d, &["висновок.pdf", "--ca", "other.pem"]);
    assert_eq!(r.code(), Some(1), "{}", r.describe());
    assert!(r.stdout.contains("signer 1: VALID"), "{}", r.stdout);
    assert!(
        r.stdout.contains(
            "NOT TRUSTED — the issuer «Тестовий КНЕДП» is not among the trusted certificates"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn the_pdf_changed_by_one_byte_is_a_changed_document() {
    let Some((dir, pdf)) = setup() else { return };
    let d = dir.path();
    sign(
        d,
        "висновок.pdf",
        "expert",
        "висновок.pdf.p7s",
        false,
        "sha256",
    )
    .unwrap();
    let mut bytes = std::fs::read(&pdf).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x01;
    std::fs::write(&pdf, &bytes).unwrap();
    let r = run(d, &["висновок.pdf"]);
    assert_eq!(r.code(), Some(1), "{}", r.describe());
    assert!(
        r.stdout.contains("signer 1: DOCUMENT CHANGED"),
        "{}",
        r.stdout
    );
}

#[test]
fn another_persons_certificate_is_shown_beside_the_expert() {
    let Some((dir, _pdf)) = setup() else { return };
    let d = dir.path();
    make_person(
        d,
        "stranger",
        "ca",
        "/CN=Сидоренко Петро Миколайович/SN=Сидоренко/GN=Петро Миколайович/C=UA",
        "secp384r1",
    )
    .unwrap();
    sign(
        d,
        "висновок.pdf",
        "stranger",
        "висновок.pdf.p7s",
        false,
        "sha384",
    )
    .unwrap();
    let r = run(d, &["висновок.pdf", "--ca", "ca.pem"]);
    assert_eq!(r.code(), Some(1), "{}", r.describe());
    assert!(r.stdout.contains("signer 1: VALID"), "{}", r.stdout);
    assert!(
        r.stdout.contains("ECDSA with SHA-384 / SHA-384"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "NOT AN EXPERT OF THE DOCUMENT — the certificate names «Сидоренко Петро Миколайович»; the document names «Петренко Олена Іванівна»"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn an_attached_signature_holds_the_document_and_is_checked_alone() {
    let Some((dir, _pdf)) = setup() else { return };
    let d = dir.path();
    sign(
        d,
        "висновок.pdf",
        "expert",
        "підписаний.p7s",
        true,
        "sha256",
    )
    .unwrap();
    let r = run(d, &["підписаний.p7s"]);
    assert_eq!(r.code(), Some(0), "{}", r.describe());
    assert!(
        r.stdout
            .contains("attached: the signature file holds the document itself"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("document:  the expert conclusion (PDF)"),
        "{}",
        r.stdout
    );
    // Given beside another document, it says the document is not the one it holds.
    std::fs::write(d.join("інший.pdf"), b"%PDF-1.7 not the conclusion").unwrap();
    let r = run(d, &["інший.pdf", "підписаний.p7s"]);
    assert_eq!(r.code(), Some(1), "{}", r.describe());
    assert!(
        r.stdout.contains("holds a document of its own"),
        "{}",
        r.stdout
    );
}

#[test]
fn two_experts_each_with_a_signature_file_are_both_checked() {
    let Some((dir, _pdf)) = setup() else { return };
    let d = dir.path();
    make_person(d, "second", "ca", EXPERT_SUBJECT, "prime256v1").unwrap();
    sign(
        d,
        "висновок.pdf",
        "expert",
        "висновок.pdf.p7s",
        false,
        "sha256",
    )
    .unwrap();
    sign(
        d,
        "висновок.pdf",
        "second",
        "висновок.pdf.2.p7s",
        false,
        "sha512",
    )
    .unwrap();
    let r = run(d, &["висновок.pdf", "--ca", "ca.pem"]);
    assert_eq!(r.code(), Some(0), "{}", r.describe());
    assert!(
        r.stdout.contains("signature file висновок.pdf.p7s:"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("signature file висновок.pdf.2.p7s:"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("ECDSA with SHA-512 / SHA-512"),
        "{}",
        r.stdout
    );
}

#[test]
fn what_is_not_a_signature_is_refused_with_a_reason() {
    let Some((dir, _pdf)) = setup() else { return };
    let d = dir.path();
    // No signature beside the document.
    let r = run(d, &["висновок.pdf"]);
    assert_eq!(r.code(), Some(1), "{}", r.describe());
    assert!(
        r.stderr.contains("no signature file lies beside"),
        "{}",
        r.describe()
    );
    // A certificate given as a signature.
    let r = run(d, &["висновок.pdf", "expert.pem"]);
    assert_eq!(r.code(), Some(1), "{}", r.describe());
    assert!(
        r.stdout
            .contains("NOT A SIGNATURE: this is not a signature file"),
        "{}",
        r.stdout
    );
    // A certificate bundle (signed data without signers).
    openssl(
        d,
        &[
            "crl2pkcs7",
            "-nocrl",
            "-certfile",
            "ca.pem",
            "-outform",
            "DER",
            "-out",
            "bundle.p7b",
        ],
    )
    .unwrap();
    let r = run(d, &["висновок.pdf", "bundle.p7b"]);
    assert_eq!(r.code(), Some(1), "{}", r.describe());
    assert!(r.stdout.contains("no signature in it"), "{}", r.stdout);
    // A folder, and a trusted list that is not one.
    std::fs::create_dir(d.join("теки.p7s")).unwrap();
    let r = run(d, &["висновок.pdf", "теки.p7s"]);
    assert_eq!(r.code(), Some(1), "{}", r.describe());
    let r = run(d, &["висновок.pdf", "--ca", "висновок.pdf"]);
    assert_eq!(r.code(), Some(1), "{}", r.describe());
    assert!(r.stderr.contains("висновок.pdf"), "{}", r.describe());
}

#[test]
fn a_signature_of_a_result_file_names_its_expert_too() {
    let Some((dir, _pdf)) = setup() else { return };
    let d = dir.path();
    sign(
        d,
        "a.result.json",
        "expert",
        "a.result.json.p7s",
        false,
        "sha256",
    )
    .unwrap();
    let r = run(d, &["a.result.json"]);
    assert_eq!(r.code(), Some(0), "{}", r.describe());
    assert!(
        r.stdout.contains("document:  a signed result"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("(named in the document)"), "{}", r.stdout);
}

#[test]
fn the_domain_reports_each_status_and_mutations_never_panic() {
    let Some((dir, pdf)) = setup() else { return };
    let d = dir.path();
    sign(d, "висновок.pdf", "expert", "s.p7s", false, "sha256").unwrap();
    let document = std::fs::read(&pdf).unwrap();
    let signature = std::fs::read(d.join("s.p7s")).unwrap();
    let experts = vec![EXPERT.to_string()];
    let report = kep::check::check(&document, &signature, &experts, &Trust::default()).unwrap();
    assert!(report.holds());
    let signer = &report.signers[0];
    assert_eq!(signer.status, Status::Valid);
    assert_eq!(signer.expert, ExpertMatch::Matches(EXPERT.into()));
    assert!(signer.signing_time.is_some());
    assert_eq!(
        signer
            .certificate
            .as_ref()
            .unwrap()
            .holder
            .tax_number
            .as_deref(),
        Some("1234567890")
    );
    // The signature value changed: invalid; the signed attributes changed: invalid.
    let mut seed = 0x9e37_79b9_u32;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed
    };
    let mut outcomes = std::collections::BTreeMap::<String, usize>::new();
    for _ in 0..3000 {
        let mut mutated = signature.clone();
        match next() % 3 {
            0 => {
                let at = next() as usize % mutated.len();
                mutated[at] ^= 1 << (next() % 8);
            }
            1 => mutated.truncate(next() as usize % mutated.len()),
            _ => {
                let at = next() as usize % mutated.len();
                mutated.insert(at, next() as u8);
            }
        }
        let key = match kep::check::check(&document, &mutated, &experts, &Trust::default()) {
            Err(_) => "refused".to_string(),
            Ok(r) => format!(
                "{:?}",
                r.signers.iter().map(|s| &s.status).collect::<Vec<_>>()
            ),
        };
        *outcomes.entry(key).or_default() += 1;
    }
    // Never valid but where the mutation fell on bytes nothing signs (unsigned parts of
    // the file): far fewer than were refused or found invalid.
    let valid = outcomes.get("[Valid]").copied().unwrap_or(0);
    assert!(valid < 1500, "{outcomes:?}");
    assert!(
        outcomes.get("refused").copied().unwrap_or(0) > 500,
        "{outcomes:?}"
    );
}

/// An ASiC-E (CAdES) container of `document` named висновок.pdf, its manifest signed
/// by the expert.
fn container(d: &Path, document: &[u8], manifest_document: &[u8]) -> Vec<u8> {
    use base64::Engine;
    use sha2::Digest;
    let digest =
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(manifest_document));
    let manifest = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<asic:ASiCManifest xmlns:asic="http://uri.etsi.org/02918/v1.2.1#" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
  <asic:SigReference MimeType="application/pkcs7-signature" URI="META-INF/signature001.p7s"/>
  <asic:DataObjectReference MimeType="application/pdf" URI="%D0%B2%D0%B8%D1%81%D0%BD%D0%BE%D0%B2%D0%BE%D0%BA.pdf">
    <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
    <ds:DigestValue>{digest}</ds:DigestValue>
  </asic:DataObjectReference>
</asic:ASiCManifest>
"#
    );
    std::fs::write(d.join("manifest.xml"), &manifest).unwrap();
    sign(d, "manifest.xml", "expert", "manifest.p7s", false, "sha256").unwrap();
    let p7s = std::fs::read(d.join("manifest.p7s")).unwrap();
    trust::zip_of(&[
        ("mimetype", b"application/vnd.etsi.asic-e+zip"),
        ("висновок.pdf", document),
        ("META-INF/ASiCManifest.xml", manifest.as_bytes()),
        ("META-INF/signature001.p7s", &p7s),
    ])
}

#[test]
fn an_asic_e_container_of_the_conclusion_is_checked_through_its_manifest() {
    let Some((dir, pdf)) = setup() else { return };
    let d = dir.path();
    let document = std::fs::read(&pdf).unwrap();
    std::fs::write(d.join("висновок.asice"), container(d, &document, &document)).unwrap();
    let r = run(d, &["висновок.asice", "--ca", "ca.pem"]);
    assert_eq!(r.code(), Some(0), "{}", r.describe());
    for expected in [
        "document:  the expert conclusion (PDF)",
        "signature file висновок.asice: META-INF/signature001.p7s:",
        "signs the manifest META-INF/ASiCManifest.xml:",
        "висновок.pdf: as signed",
        "signer 1: VALID",
        "(named in the document)",
    ] {
        assert!(
            r.stdout.contains(expected),
            "{expected:?} missing:\n{}",
            r.stdout
        );
    }
    // Given beside the PDF itself, the container is found and checked over it.
    let r = run(d, &["висновок.pdf", "--ca", "ca.pem"]);
    assert_eq!(r.code(), Some(0), "{}", r.describe());
    // The PDF in the container changed after its manifest was signed.
    let mut changed = document.clone();
    let at = changed.len() / 3;
    changed[at] ^= 0x20;
    std::fs::write(d.join("змінений.asice"), container(d, &changed, &document)).unwrap();
    let r = run(d, &["змінений.asice"]);
    assert_eq!(r.code(), Some(1), "{}", r.describe());
    assert!(
        r.stdout.contains("висновок.pdf: CHANGED after signing"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("THE DOCUMENT IS NOT SIGNED"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_dstu_4145_signature_made_by_jkurwa_is_checked_on_the_command_line() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kep");
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    for name in ["dstu-jkurwa-data.txt", "dstu-jkurwa.p7s", "dstu-jkurwa.cer"] {
        std::fs::copy(fixtures.join(name), d.join(name)).unwrap();
    }
    let r = run(
        d,
        &[
            "dstu-jkurwa-data.txt",
            "dstu-jkurwa.p7s",
            "--ca",
            "dstu-jkurwa.cer",
        ],
    );
    assert_eq!(r.code(), Some(0), "{}", r.describe());
    for expected in [
        "document:  not akredit's",
        "signer 1: VALID",
        "ДСТУ 4145-2002 (ГОСТ 34.311) / ГОСТ 34.311-95",
        "chain:        trusted",
    ] {
        assert!(
            r.stdout.contains(expected),
            "{expected:?} missing:\n{}",
            r.stdout
        );
    }
    let mut data = std::fs::read(d.join("dstu-jkurwa-data.txt")).unwrap();
    data[0] ^= 1;
    std::fs::write(d.join("dstu-jkurwa-data.txt"), data).unwrap();
    let r = run(d, &["dstu-jkurwa-data.txt", "dstu-jkurwa.p7s"]);
    assert_eq!(r.code(), Some(1), "{}", r.describe());
    assert!(
        r.stdout.contains("signer 1: DOCUMENT CHANGED"),
        "{}",
        r.stdout
    );
}

/// A timestamp authority `tsa.pem`/`tsa.key` issued by the CA, and openssl's TSA config.
fn make_tsa(d: &Path) -> Option<()> {
    openssl(
        d,
        &[
            "ecparam",
            "-name",
            "prime256v1",
            "-genkey",
            "-noout",
            "-out",
            "tsa.key",
        ],
    )?;
    openssl(
        d,
        &[
            "req",
            "-new",
            "-utf8",
            "-key",
            "tsa.key",
            "-subj",
            "/CN=Тестовий TSA/C=UA",
            "-out",
            "tsa.csr",
        ],
    )?;
    std::fs::write(
        d.join("tsa.ext"),
        "extendedKeyUsage=critical,timeStamping\n",
    )
    .unwrap();
    openssl(
        d,
        &[
            "x509",
            "-req",
            "-in",
            "tsa.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "365",
            "-sha256",
            "-extfile",
            "tsa.ext",
            "-out",
            "tsa.pem",
        ],
    )?;
    std::fs::write(
        d.join("ts.cnf"),
        "[ tsa ]\ndefault_tsa = t\n[ t ]\nserial = ./tsaserial\nsigner_cert = ./tsa.pem\n\
         signer_key = ./tsa.key\nsigner_digest = sha256\ndefault_policy = 1.2.3.4.1\n\
         digests = sha256\ness_cert_id_alg = sha256\n",
    )
    .unwrap();
    std::fs::write(d.join("tsaserial"), "01\n").unwrap();
    Some(())
}

/// `p7s` with a signature timestamp (CAdES-T) over `stamped` added to its first signer.
fn with_timestamp(d: &Path, p7s: &[u8], stamped: &[u8]) -> Vec<u8> {
    use der::{Decode, Encode};
    std::fs::write(d.join("stamped.bin"), stamped).unwrap();
    openssl(
        d,
        &[
            "ts",
            "-query",
            "-data",
            "stamped.bin",
            "-sha256",
            "-cert",
            "-no_nonce",
            "-out",
            "q.tsq",
        ],
    )
    .unwrap();
    openssl(
        d,
        &[
            "ts",
            "-reply",
            "-config",
            "ts.cnf",
            "-queryfile",
            "q.tsq",
            "-token_out",
            "-out",
            "token.der",
        ],
    )
    .unwrap();
    let token = der::Any::from_der(&std::fs::read(d.join("token.der")).unwrap()).unwrap();
    let mut info = cms::content_info::ContentInfo::from_der(p7s).unwrap();
    let mut signed: cms::signed_data::SignedData = info.content.decode_as().unwrap();
    let mut signers = signed.signer_infos.0.into_vec();
    let attribute = x509_cert::attr::Attribute {
        oid: der::asn1::ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14"),
        values: der::asn1::SetOfVec::try_from(vec![token]).unwrap(),
    };
    signers[0].unsigned_attrs = Some(der::asn1::SetOfVec::try_from(vec![attribute]).unwrap());
    signed.signer_infos =
        cms::signed_data::SignerInfos(der::asn1::SetOfVec::try_from(signers).unwrap());
    info.content = der::Any::encode_from(&signed).unwrap();
    info.to_der().unwrap()
}

#[test]
fn a_signature_timestamp_is_checked_and_gives_the_trusted_time() {
    let Some((dir, _pdf)) = setup() else { return };
    let d = dir.path();
    make_tsa(d).unwrap();
    sign(d, "висновок.pdf", "expert", "plain.p7s", false, "sha256").unwrap();
    let plain = std::fs::read(d.join("plain.p7s")).unwrap();
    let file = kep::cms::read(&plain).unwrap();
    let value = file.signers[0].signature.clone();
    std::fs::write(
        d.join("висновок.pdf.p7s"),
        with_timestamp(d, &plain, &value),
    )
    .unwrap();
    let r = run(d, &["висновок.pdf", "--ca", "ca.pem"]);
    assert_eq!(r.code(), Some(0), "{}", r.describe());
    assert!(
        r.stdout
            .contains("of the signature, by Тестовий TSA: holds"),
        "{}",
        r.stdout
    );
    assert!(
        !r.stdout.contains("NOT CHECKED: a trusted signing time"),
        "{}",
        r.stdout
    );
    // A token over other bytes does not hold, and the time is the signer's computer's.
    std::fs::write(
        d.join("висновок.pdf.p7s"),
        with_timestamp(d, &plain, b"other bytes"),
    )
    .unwrap();
    let r = run(d, &["висновок.pdf", "--ca", "ca.pem"]);
    assert_eq!(
        r.code(),
        Some(1),
        "a timestamp that does not hold fails the check: {}",
        r.describe()
    );
    assert!(
        r.stdout
            .contains("DOES NOT HOLD — its imprint is not that of this signature"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("NOT CHECKED: a trusted signing time"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_certificate_not_valid_at_the_signing_time_is_said() {
    let Some((dir, pdf)) = setup() else { return };
    let d = dir.path();
    sign(d, "висновок.pdf", "expert", "s.p7s", false, "sha256").unwrap();
    let document = std::fs::read(&pdf).unwrap();
    let mut file = kep::cms::read(&std::fs::read(d.join("s.p7s")).unwrap()).unwrap();
    let facts =
        kep::certificate::CertificateFacts::of(file.signers[0].certificate.as_ref().unwrap());
    // The time the signer states, two years on: after the certificate's year.
    let late = facts.not_after + 365 * 24 * 3600;
    file.signers[0].signing_time = Some(late);
    let experts = vec![EXPERT.to_string()];
    let report = kep::check::report(&document, &file, &experts, &Trust::default(), false);
    assert_eq!(
        report.signers[0].status,
        Status::CertificateExpired { at: late }
    );
    assert!(!report.holds());
}

#[test]
fn a_streamed_ber_signature_detached_or_attached_is_read() {
    let Some((dir, _pdf)) = setup() else { return };
    let d = dir.path();
    let signer = [
        "-signer",
        "expert.pem",
        "-inkey",
        "expert.key",
        "-md",
        "sha256",
    ];
    let mut detached = vec!["cms", "-sign", "-binary", "-stream", "-outform", "DER"];
    detached.extend(["-in", "висновок.pdf", "-out", "висновок.pdf.p7s"]);
    detached.extend(signer);
    openssl(d, &detached).unwrap();
    let r = run(d, &["висновок.pdf"]);
    assert_eq!(r.code(), Some(0), "{}", r.describe());
    let mut attached = vec![
        "cms",
        "-sign",
        "-binary",
        "-stream",
        "-nodetach",
        "-outform",
        "DER",
    ];
    attached.extend(["-in", "висновок.pdf", "-out", "з-документом.p7s"]);
    attached.extend(signer);
    openssl(d, &attached).unwrap();
    let r = run(d, &["з-документом.p7s"]);
    assert_eq!(r.code(), Some(0), "{}", r.describe());
    assert!(
        r.stdout.contains("document:  the expert conclusion (PDF)"),
        "{}",
        r.stdout
    );
}
