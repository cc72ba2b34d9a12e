//! kep::trust (trusted lists, CA certificates, CRLs) and kep::asice (ASiC-E containers),
//! with test material made here by `openssl` in temporary directories: a CA, an ECDSA
//! P-256 expert certificate, a CRL revoking another certificate, a trusted list in the
//! shape of czo.gov.ua's, a .p7b bundle, and containers built with the `zip` crate.
//! Without `openssl` on the PATH those tests say so and pass; the rest need nothing.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use akredit::kep::asice::{self, AsiceError, DigestOutcome};
use akredit::kep::trust::{self, TrustError};
use base64::Engine as _;
use der::Decode;
use sha2::Digest as _;
use zip::write::SimpleFileOptions;

/// The test material: paths in a temporary directory.
struct Material {
    dir: tempfile::TempDir,
}

impl Material {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).unwrap()
    }

    fn certificate(&self, name: &str) -> x509_cert::Certificate {
        let der = pem_to_der(&self.read(name));
        x509_cert::Certificate::from_der(&der).unwrap()
    }

    fn openssl(&self, args: &[&str]) {
        run_openssl(self.dir.path(), args);
    }
}

fn have_openssl() -> bool {
    let found = Command::new("openssl")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("openssl is not on the PATH: this test is skipped (CI has it)");
    }
    found
}

fn run_openssl(dir: &Path, args: &[&str]) {
    let output = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn pem_to_der(pem: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(pem);
    let body: String = text
        .lines()
        .skip_while(|l| !l.starts_with("-----BEGIN"))
        .skip(1)
        .take_while(|l| !l.starts_with("-----END"))
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap()
}

const CA_CONFIG: &str = "[ca]\ndefault_ca = test\n[test]\ndatabase = index.txt\ncrlnumber = crlnumber\ndefault_md = sha256\ndefault_crl_days = 30\n";

/// A CA, another CA, an expert certificate, a revoked certificate and the CA's CRL.
fn material() -> Material {
    let m = Material {
        dir: tempfile::tempdir().unwrap(),
    };
    for ca in ["ca", "other"] {
        m.openssl(&[
            "ecparam",
            "-name",
            "prime256v1",
            "-genkey",
            "-noout",
            "-out",
            &format!("{ca}.key"),
        ]);
        m.openssl(&[
            "req",
            "-x509",
            "-new",
            "-key",
            &format!("{ca}.key"),
            "-subj",
            &format!("/CN=Test {ca}"),
            "-days",
            "3650",
            "-sha256",
            "-out",
            &format!("{ca}.pem"),
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ]);
    }
    for (who, serial) in [("expert", "0x0a11ce"), ("revoked", "0x1234")] {
        m.openssl(&[
            "ecparam",
            "-name",
            "prime256v1",
            "-genkey",
            "-noout",
            "-out",
            &format!("{who}.key"),
        ]);
        m.openssl(&[
            "req",
            "-new",
            "-key",
            &format!("{who}.key"),
            "-subj",
            &format!("/CN=Test {who}"),
            "-out",
            &format!("{who}.csr"),
        ]);
        m.openssl(&[
            "x509",
            "-req",
            "-in",
            &format!("{who}.csr"),
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-set_serial",
            serial,
            "-days",
            "365",
            "-sha256",
            "-out",
            &format!("{who}.pem"),
        ]);
    }
    std::fs::write(m.path("ca.cnf"), CA_CONFIG).unwrap();
    std::fs::write(m.path("index.txt"), "").unwrap();
    std::fs::write(m.path("crlnumber"), "01\n").unwrap();
    let ca = ["-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.pem"];
    m.openssl(&[&["ca"], &ca[..], &["-revoke", "revoked.pem"]].concat());
    m.openssl(&[&["ca"], &ca[..], &["-gencrl", "-out", "crl.pem"]].concat());
    m.openssl(&[
        "crl", "-in", "crl.pem", "-outform", "DER", "-out", "crl.der",
    ]);
    m.openssl(&["x509", "-in", "ca.pem", "-outform", "DER", "-out", "ca.der"]);
    m
}

/// A trusted list in the shape of TL-UA-EC.xml: the CA under a provider and a service,
/// and another certificate in the list's own signature (which is no anchor).
fn trusted_list(m: &Material) -> Vec<u8> {
    let ca = base64::engine::general_purpose::STANDARD.encode(m.read("ca.der"));
    let wrapped: Vec<String> = ca
        .as_bytes()
        .chunks(64)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    let seal = base64::engine::general_purpose::STANDARD.encode(pem_to_der(&m.read("other.pem")));
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tsl:TrustServiceStatusList xmlns:tsl="http://uri.etsi.org/02231/v2#" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" TSLTag="http://uri.etsi.org/19612/TSLTag">
  <tsl:SchemeInformation><tsl:TSLVersionIdentifier>5</tsl:TSLVersionIdentifier></tsl:SchemeInformation>
  <tsl:TrustServiceProviderList>
    <tsl:TrustServiceProvider>
      <tsl:TSPInformation>
        <tsl:TSPName><tsl:Name xml:lang="uk">ТОВ &quot;Тестовий КНЕДП&quot;</tsl:Name><tsl:Name xml:lang="en">Test QTSP</tsl:Name></tsl:TSPName>
      </tsl:TSPInformation>
      <tsl:TSPServices><tsl:TSPService><tsl:ServiceInformation>
        <tsl:ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/CA/QC</tsl:ServiceTypeIdentifier>
        <tsl:ServiceName><tsl:Name xml:lang="uk">Кваліфікована ЕДП</tsl:Name></tsl:ServiceName>
        <tsl:ServiceDigitalIdentity><tsl:DigitalId><tsl:X509Certificate>
{}
        </tsl:X509Certificate></tsl:DigitalId></tsl:ServiceDigitalIdentity>
        <tsl:ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted</tsl:ServiceStatus>
      </tsl:ServiceInformation></tsl:TSPService></tsl:TSPServices>
    </tsl:TrustServiceProvider>
  </tsl:TrustServiceProviderList>
  <ds:Signature><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{seal}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature>
</tsl:TrustServiceStatusList>
"#,
        wrapped.join("\n")
    )
    .into_bytes()
}

#[test]
fn anchors_are_read_from_a_trusted_list_pem_der_and_p7b() {
    if !have_openssl() {
        return;
    }
    let m = material();
    let ca = m.read("ca.der");

    let list = trust::read_anchors("TL-UA-EC.xml", &trusted_list(&m)).unwrap();
    assert_eq!(list.len(), 1, "the list's own seal is not an anchor");
    assert_eq!(list[0].der, ca);
    assert_eq!(
        list[0].source,
        "TL-UA-EC.xml: ТОВ \"Тестовий КНЕДП\" — Кваліфікована ЕДП"
    );

    let der = trust::read_anchors("ca.cer", &ca).unwrap();
    assert_eq!((der.len(), der[0].source.as_str()), (1, "ca.cer"));
    let pem = trust::read_anchors("ca.pem", &m.read("ca.pem")).unwrap();
    assert_eq!(pem[0].der, ca);

    let mut two = m.read("ca.pem");
    two.extend(m.read("expert.pem"));
    let two = trust::read_anchors("chain.pem", &two).unwrap();
    assert_eq!(two.len(), 2);
    assert_eq!(two[1].source, "chain.pem, PEM block 2");

    let bare = base64::engine::general_purpose::STANDARD.encode(&ca);
    assert_eq!(
        trust::read_anchors("ca.cer", bare.as_bytes()).unwrap()[0].der,
        ca
    );

    for form in ["DER", "PEM"] {
        let out = format!("bundle-{form}.p7b");
        m.openssl(&[
            "crl2pkcs7",
            "-nocrl",
            "-certfile",
            "ca.pem",
            "-certfile",
            "other.pem",
            "-outform",
            form,
            "-out",
            &out,
        ]);
        let bundle = trust::read_anchors("CACertificates.p7b", &m.read(&out)).unwrap();
        assert_eq!(bundle.len(), 2, "{form}");
        assert!(bundle.iter().any(|a| a.der == ca), "{form}");
    }
}

#[test]
fn a_crl_verifies_with_its_ca_and_names_the_revoked_serial() {
    if !have_openssl() {
        return;
    }
    let m = material();
    let crl = trust::read_crl(&m.read("crl.der")).unwrap();
    let from_pem = trust::read_crl(&m.read("crl.pem")).unwrap();
    assert_eq!(crl.der, from_pem.der);

    let ca = m.certificate("ca.pem");
    let other = m.certificate("other.pem");
    assert_eq!(crl.issuer, ca.tbs_certificate.subject);
    assert!(crl.next_update.is_some_and(|next| next > crl.this_update));
    assert_eq!(
        crl.verify_signature(&ca.tbs_certificate.subject_public_key_info),
        Ok(true)
    );
    assert_eq!(
        crl.verify_signature(&other.tbs_certificate.subject_public_key_info),
        Ok(false)
    );

    let revoked = m.certificate("revoked.pem");
    let expert = m.certificate("expert.pem");
    assert!(
        crl.revocation_of(revoked.tbs_certificate.serial_number.as_bytes())
            .is_some()
    );
    assert_eq!(
        crl.revocation_of(&[0, 0x12, 0x34]),
        crl.revocation_of(&[0x12, 0x34])
    );
    assert!(
        crl.revocation_of(expert.tbs_certificate.serial_number.as_bytes())
            .is_none()
    );

    let mut altered = crl.clone();
    let last = altered.tbs_der.len() - 1;
    altered.tbs_der[last] ^= 1;
    assert_eq!(
        altered.verify_signature(&ca.tbs_certificate.subject_public_key_info),
        Ok(false)
    );
    assert!(matches!(
        trust::read_crl(&m.read("ca.der")),
        Err(TrustError::BadCrl(_))
    ));
}

#[test]
fn trust_files_that_are_not_are_refused_clearly() {
    let refused = |name: &str, bytes: &[u8]| trust::read_anchors(name, bytes).unwrap_err();
    assert!(matches!(
        refused("a.txt", b"hello"),
        TrustError::NotRecognised { .. }
    ));
    assert!(matches!(
        refused("a.bin", &[0x30, 0x03, 1, 2, 3]),
        TrustError::NotRecognised { .. }
    ));
    assert!(matches!(
        refused(
            "TL.xml",
            b"<TrustServiceStatusList><SchemeInformation/></TrustServiceStatusList>"
        ),
        TrustError::NoCertificates { .. }
    ));
    assert!(matches!(
        refused("TL.xml", b"<a><b></a>"),
        TrustError::BadXml { .. }
    ));
    let bad = refused(
        "TL.xml",
        b"<L><TSPName><Name>P</Name></TSPName><X509Certificate>MIIB</X509Certificate><X509Certificate>!!</X509Certificate></L>",
    );
    match &bad {
        TrustError::BadCertificate { position, .. } => assert_eq!(*position, 1),
        other => panic!("{other:?}"),
    }
    assert!(bad.to_string().contains("certificate 1"), "{bad}");
    let pem = refused("a.pem", b"-----BEGIN CERTIFICATE-----\nMIIB\n");
    assert!(pem.to_string().contains("no END"), "{pem}");
    let huge = vec![b' '; trust::MAX_FILE_BYTES + 1];
    assert!(matches!(
        refused("big.xml", &huge),
        TrustError::TooBig { .. }
    ));
    assert!(matches!(
        trust::read_crl(b"nonsense"),
        Err(TrustError::BadCrl(_))
    ));
}

/// A zip of `entries` (`mimetype` stored, the rest deflated); tests/kep.rs's containers too.
pub(crate) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        let method = if *name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        writer
            .start_file(
                *name,
                SimpleFileOptions::default().compression_method(method),
            )
            .unwrap();
        writer.write_all(data).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

const DOCUMENT: &[u8] = b"%PDF-1.7 the conclusion of the accreditation commission";

fn manifest_for(document: &[u8], extra: &str) -> Vec<u8> {
    let digest = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(document));
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<asic:ASiCManifest xmlns:asic="http://uri.etsi.org/02918/v1.2.1#" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
  <asic:SigReference MimeType="application/pkcs7-signature" URI="META-INF/signature001.p7s"/>
  <asic:DataObjectReference MimeType="application/pdf" URI="%D0%B2%D0%B8%D1%81%D0%BD%D0%BE%D0%B2%D0%BE%D0%BA.pdf">
    <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
    <ds:DigestValue>{digest}</ds:DigestValue>
  </asic:DataObjectReference>{extra}
</asic:ASiCManifest>
"#
    )
    .into_bytes()
}

/// A detached CMS signature by the expert over `content`.
fn sign(m: &Material, content: &[u8]) -> Vec<u8> {
    std::fs::write(m.path("to-sign"), content).unwrap();
    m.openssl(&[
        "cms",
        "-sign",
        "-binary",
        "-outform",
        "DER",
        "-in",
        "to-sign",
        "-signer",
        "expert.pem",
        "-inkey",
        "expert.key",
        "-md",
        "sha256",
        "-out",
        "signed.p7s",
    ]);
    m.read("signed.p7s")
}

fn cades_container(m: &Material, document: &[u8], manifest: &[u8]) -> Vec<u8> {
    let p7s = sign(m, manifest);
    zip_of(&[
        ("mimetype", asice::MIMETYPE.as_bytes()),
        ("висновок.pdf", document),
        ("META-INF/ASiCManifest.xml", manifest),
        ("META-INF/signature001.p7s", &p7s),
    ])
}

#[test]
fn a_cades_container_binds_its_signature_to_the_manifest_and_the_document() {
    if !have_openssl() {
        return;
    }
    let m = material();
    let manifest = manifest_for(DOCUMENT, "");
    let bytes = cades_container(&m, DOCUMENT, &manifest);
    assert!(asice::is_container(&bytes));
    let container = asice::read_container(&bytes).unwrap();
    assert_eq!(
        container.data_objects,
        vec![("висновок.pdf".to_string(), DOCUMENT.to_vec())]
    );
    assert!(container.notes.is_empty(), "{:?}", container.notes);
    assert_eq!(container.signatures.len(), 1);
    let signature = &container.signatures[0];
    assert_eq!(signature.signature_name, "META-INF/signature001.p7s");
    assert_eq!(signature.signed_name, "META-INF/ASiCManifest.xml");
    assert_eq!(signature.signed_bytes, manifest);
    let check = signature.manifest.as_ref().unwrap();
    assert!(check.all_match(), "{check:?}");
    assert_eq!(
        check.references[0].digest,
        Some(akredit::kep::algorithms::Digest::Sha256)
    );

    // The signature is over exactly the bytes handed on.
    std::fs::write(m.path("p7s"), &signature.p7s).unwrap();
    std::fs::write(m.path("content"), &signature.signed_bytes).unwrap();
    m.openssl(&[
        "cms",
        "-verify",
        "-binary",
        "-inform",
        "DER",
        "-in",
        "p7s",
        "-content",
        "content",
        "-noverify",
        "-out",
        "/dev/null",
    ]);

    // One byte of the document changed after signing.
    let mut changed = DOCUMENT.to_vec();
    changed[3] ^= 0x20;
    let tampered = zip_of(&[
        ("mimetype", asice::MIMETYPE.as_bytes()),
        ("висновок.pdf", &changed),
        ("META-INF/ASiCManifest.xml", &manifest),
        ("META-INF/signature001.p7s", &signature.p7s),
    ]);
    let container = asice::read_container(&tampered).unwrap();
    let check = container.signatures[0].manifest.as_ref().unwrap();
    assert!(!check.all_match());
    assert_eq!(check.references[0].outcome, DigestOutcome::Differs);
}

#[test]
fn a_manifest_reports_missing_and_unreferenced_objects() {
    if !have_openssl() {
        return;
    }
    let m = material();
    let extra = r#"
  <asic:DataObjectReference URI="annex.pdf"><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>AAAA</ds:DigestValue></asic:DataObjectReference>"#;
    let manifest = manifest_for(DOCUMENT, extra);
    let p7s = sign(&m, &manifest);
    let bytes = zip_of(&[
        ("висновок.pdf", DOCUMENT),
        ("added-later.txt", b"not signed"),
        ("META-INF/ASiCManifest.xml", &manifest),
        ("META-INF/signature001.p7s", &p7s),
    ]);
    let container = asice::read_container(&bytes).unwrap();
    assert!(
        container.notes.iter().any(|n| n.contains("no mimetype")),
        "{:?}",
        container.notes
    );
    let check = container.signatures[0].manifest.as_ref().unwrap();
    assert_eq!(check.missing, vec!["annex.pdf".to_string()]);
    assert_eq!(check.unreferenced, vec!["added-later.txt".to_string()]);
    assert_eq!(check.references[0].outcome, DigestOutcome::Matches);
    assert_eq!(check.references[1].outcome, DigestOutcome::Missing);
}

#[test]
fn the_simple_variant_signs_the_single_document() {
    if !have_openssl() {
        return;
    }
    let m = material();
    let p7s = sign(&m, DOCUMENT);
    let bytes = zip_of(&[
        ("mimetype", asice::MIMETYPE.as_bytes()),
        ("висновок.pdf", DOCUMENT),
        ("META-INF/signature.p7s", &p7s),
    ]);
    let container = asice::read_container(&bytes).unwrap();
    let signature = &container.signatures[0];
    assert!(signature.manifest.is_none());
    assert_eq!(signature.signed_bytes, DOCUMENT);
    assert!(
        container.notes.iter().any(|n| n.contains("simple")),
        "{:?}",
        container.notes
    );
}

#[test]
fn a_xades_container_is_read_with_its_signature_named_unchecked() {
    let bytes = zip_of(&[
        ("mimetype", asice::MIMETYPE.as_bytes()),
        ("висновок.pdf", DOCUMENT),
        ("META-INF/signatures0.xml", b"<asic:XAdESSignatures/>"),
    ]);
    let container = asice::read_container(&bytes).unwrap();
    assert!(container.signatures.is_empty());
    assert_eq!(container.xades.len(), 1);
    assert!(
        container.xades[0]
            .message()
            .starts_with(asice::XADES_NOT_CHECKED)
    );
    assert_eq!(container.data_objects.len(), 1);
}

#[test]
fn broken_containers_are_refused_clearly() {
    let read = |bytes: &[u8]| asice::read_container(bytes).unwrap_err();
    assert!(matches!(read(b"PK\x03\x04garbage"), AsiceError::NotZip(_)));
    assert!(matches!(read(b""), AsiceError::NotZip(_)));
    let no_signature = zip_of(&[("mimetype", asice::MIMETYPE.as_bytes()), ("a.pdf", b"x")]);
    assert!(matches!(
        read(&no_signature),
        AsiceError::NoSignature { .. }
    ));
    let dangling = zip_of(&[
        ("a.pdf", b"x"),
        ("META-INF/ASiCManifest.xml", &manifest_for(b"x", "")),
    ]);
    let error = read(&dangling);
    assert!(error.to_string().contains("signature001.p7s"), "{error}");
    let bad_xml = zip_of(&[
        ("META-INF/ASiCManifest.xml", b"<a><b></a>"),
        ("META-INF/s.p7s", b"0"),
    ]);
    assert!(matches!(read(&bad_xml), AsiceError::BadManifest { .. }));

    // Two entries of one name (patched in: the zip writer refuses them).
    let mut twins = zip_of(&[
        ("a.pdf", b"one"),
        ("b.pdf", b"two"),
        ("META-INF/signature.p7s", b"0"),
    ]);
    for i in 0..twins.len() - 5 {
        if &twins[i..i + 5] == b"b.pdf" {
            twins[i] = b'a';
        }
    }
    assert!(matches!(read(&twins), AsiceError::DuplicateEntry(_)));

    // Truncated anywhere.
    let good = zip_of(&[
        ("mimetype", asice::MIMETYPE.as_bytes()),
        ("a.pdf", DOCUMENT),
        ("META-INF/signature.p7s", b"0"),
    ]);
    for cut in 0..good.len() {
        assert!(asice::read_container(&good[..cut]).is_err());
    }
}

#[test]
fn zip_bombs_and_crowds_are_refused() {
    let entries: Vec<(String, Vec<u8>)> = (0..=asice::MAX_ENTRIES)
        .map(|i| (format!("f{i}"), Vec::new()))
        .collect();
    let borrowed: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    assert!(matches!(
        asice::read_container(&zip_of(&borrowed)),
        Err(AsiceError::TooManyEntries)
    ));

    let zeros = vec![0u8; 64 * 1024 * 1024];
    let bomb = zip_of(&[("a", &zeros), ("b", &zeros), ("c", &zeros), ("d", &zeros)]);
    assert!(bomb.len() < 2 * 1024 * 1024);
    assert!(matches!(
        asice::read_container(&bomb),
        Err(AsiceError::TooLarge)
    ));
}

/// A small deterministic generator for the mutations.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn mutate(rng: &mut Xorshift, original: &[u8]) -> Vec<u8> {
    let mut bytes = original.to_vec();
    for _ in 0..1 + rng.below(4) {
        if bytes.is_empty() {
            break;
        }
        let at = rng.below(bytes.len());
        match rng.below(4) {
            0 => bytes[at] = rng.next() as u8,
            1 => bytes[at] ^= 1 << rng.below(8),
            2 => bytes.truncate(at),
            _ => bytes.insert(at, rng.next() as u8),
        }
    }
    bytes
}

#[test]
fn mutated_inputs_never_panic() {
    let mut rng = Xorshift(0x5eed_1234_abcd_ef01);
    let mut seeds: Vec<Vec<u8>> = vec![
        zip_of(&[("mimetype", asice::MIMETYPE.as_bytes()), ("a.pdf", DOCUMENT), ("META-INF/signature.p7s", b"0")]),
        zip_of(&[("a.pdf", DOCUMENT), ("META-INF/ASiCManifest.xml", &manifest_for(DOCUMENT, "")), ("META-INF/signature001.p7s", b"0")]),
        b"<L><TSPName><Name>P &amp; Q</Name></TSPName><X509Certificate>MIIBAAAA</X509Certificate></L>".to_vec(),
        b"-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n".to_vec(),
    ];
    if have_openssl() {
        let m = material();
        m.openssl(&[
            "crl2pkcs7",
            "-nocrl",
            "-certfile",
            "ca.pem",
            "-outform",
            "DER",
            "-out",
            "b.p7b",
        ]);
        seeds.extend([
            m.read("ca.der"),
            m.read("b.p7b"),
            m.read("crl.der"),
            trusted_list(&m),
        ]);
        let manifest = manifest_for(DOCUMENT, "");
        seeds.push(cades_container(&m, DOCUMENT, &manifest));
    }
    for round in 0..4000 {
        let seed = &seeds[round % seeds.len()];
        let input = mutate(&mut rng, seed);
        // Every refusal says something (and nothing panics on the way).
        if let Err(e) = asice::read_container(&input) {
            assert!(!e.to_string().is_empty());
        }
        if let Err(e) = trust::read_anchors("mutated", &input) {
            assert!(e.to_string().starts_with("mutated"), "{e}");
        }
        if let Err(e) = trust::read_crl(&input) {
            assert!(!e.to_string().is_empty());
        }
    }
}
