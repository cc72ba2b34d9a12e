//! ДСТУ 4145-2002 signatures and the Ukrainian digests through akredit's public КЕП API
//! (`kep::algorithms` and `kep::dstu`): the published test vectors of GOST 34.311-95 and
//! Kupyna, two real NBU CA certificates, an independent signer (jkurwa, Node), and a few
//! thousand mutated keys and signatures that must be refused without a panic.

// Tests may unwrap (clippy.toml); the helpers outside `#[test]` functions too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use akredit::kep::algorithms::{Digest, digest, digest_of_signature, signature_name, verify};
use akredit::kep::dstu;
use base64::Engine as _;
use der::asn1::{ObjectIdentifier, OctetString};
use der::{Decode, Encode};
use x509_cert::Certificate;
use x509_cert::spki::SubjectPublicKeyInfoOwned;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/kep")
        .join(name)
}

fn hex(text: &str) -> Vec<u8> {
    let text: String = text.split_whitespace().collect();
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

fn pem(name: &str) -> Vec<u8> {
    let text = std::fs::read_to_string(fixture(name)).unwrap();
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap()
}

/// GOST 34.311-95 with the standard's DKE No. 1 (no key, as a timestamp's imprint is
/// taken): the vectors of gost89's test/test-hash.js (npm gost89 0.1.11, the library
/// jkurwa uses) and of RustCrypto gost94 0.11's tests/mod.rs (`gost_ua_engine_tests`).
#[test]
fn gost34311_published_vectors() {
    let cases: [(&[u8], &str); 4] = [
        (
            b"12345678901234567890123456789011",
            "7686f3f4b113aadc97bca9ea054f41821f0676c5c28ffb987e41797a568e1ed4",
        ),
        (
            b"123123",
            "34d4da2c04e9c1ceb933282069c864617d94ed7cc5c0a9840c0c1a99629df637",
        ),
        (
            b"IGNORE THIS FILE. This file does nothing, contains no useful data, and might go away in future releases.  Do not depend on this file or its contents.",
            "e9312d13d0e0d39aa4a00c77dcfb661883dd0ed8218af48a146168fc60f014dc",
        ),
        (
            b"test",
            "7c536414f8b5b9cc649fdf3cccb2685c1a12622956308e34f31c50ed7b3af56c",
        ),
    ];
    for (input, expected) in cases {
        assert_eq!(
            digest(Digest::Gost34311, None, input).unwrap(),
            hex(expected)
        );
    }
}

/// Kupyna (ДСТУ 7564:2014): the examples of its authors' description (Oliynykov et al.,
/// "A New Standard of Ukraine: The Kupyna Hash Function", IACR ePrint 2015/885, §3,
/// the ДСТУ 7564 annex examples): the 512-bit message 00 01 … 3F, and 1024 bits 00 … 7F.
#[test]
fn kupyna_published_vectors() {
    let m512: Vec<u8> = (0..64).collect();
    let m1024: Vec<u8> = (0..128).collect();
    assert_eq!(
        digest(Digest::Kupyna(32), None, &m512).unwrap(),
        hex("08F4EE6F1BE6903B324C4E27990CB24EF69DD58DBE84813EE0A52F6631239875")
    );
    assert_eq!(
        digest(Digest::Kupyna(32), None, &m1024).unwrap(),
        hex("0A9474E645A7D25E255E9E89FFF42EC7EB31349007059284F0B182E452BDA882")
    );
    assert_eq!(
        digest(Digest::Kupyna(64), None, &m512).unwrap(),
        hex(
            "3813E2109118CDFB5A6D5E72F7208DCCC80A2DFB3AFDFB02F46992B5EDBE536B
             3560DD1D7E29C6F53978AF58B444E37BA685C0DD910533BA5D78EFFFC13DE62A"
        )
    );
    assert_eq!(digest(Digest::Kupyna(48), None, b"").unwrap().len(), 48);
    assert!(digest(Digest::Kupyna(20), None, b"").is_err());
}

#[test]
fn digest_and_algorithm_identifiers() {
    let oid = |s| ObjectIdentifier::new_unwrap(s);
    assert_eq!(
        Digest::from_oid(&oid("1.2.804.2.1.1.1.1.2.1")),
        Some(Digest::Gost34311)
    );
    for (arc, bytes) in [("1", 32), ("2", 48), ("3", 64)] {
        let digest = oid(&*format!("1.2.804.2.1.1.1.1.2.2.{arc}").leak());
        assert_eq!(Digest::from_oid(&digest), Some(Digest::Kupyna(bytes)));
    }
    let alg = |s: &str| x509_cert::spki::AlgorithmIdentifierOwned {
        oid: ObjectIdentifier::new(s).unwrap(),
        parameters: None,
    };
    for (s, expected) in [
        ("1.2.804.2.1.1.1.1.3.1.1", Some(Digest::Gost34311)),
        ("1.2.804.2.1.1.1.1.3.1.2", Some(Digest::Gost34311)),
        ("1.2.804.2.1.1.1.1.3.6.1.1", Some(Digest::Kupyna(32))),
        ("1.2.804.2.1.1.1.1.3.6.3.2", Some(Digest::Kupyna(64))),
        ("1.2.804.2.1.1.1.1.3.1.1.2.6", None),
        ("1.2.804.2.1.1.1.1.3.1.3", None),
    ] {
        assert_eq!(digest_of_signature(&alg(s)), expected, "{s}");
    }
    assert_eq!(
        signature_name(&alg("1.2.804.2.1.1.1.1.3.1.1")),
        "ДСТУ 4145-2002 (ГОСТ 34.311)"
    );
    assert_eq!(
        signature_name(&alg("1.2.804.2.1.1.1.1.3.6.1.1")),
        "ДСТУ 4145-2002 (Купина-256)"
    );
}

/// The NBU CA's two self-signed certificates (structured-dstu4145's tests/data; the CZO
/// bundle's ordinals 760 and 761): explicit 431-bit parameters, one with a DKE and
/// GOST 34.311, the other without and Kupyna-256.
#[test]
fn nbu_certificates_verify() {
    for (name, expected) in [
        ("dstu-nbu-gost.pem", Digest::Gost34311),
        ("dstu-nbu-kupyna.pem", Digest::Kupyna(32)),
    ] {
        let cert = Certificate::from_der(&pem(name)).unwrap();
        let key = &cert.tbs_certificate.subject_public_key_info;
        assert!(dstu::is_dstu_key(key));
        let algorithm = digest_of_signature(&cert.signature_algorithm).unwrap();
        assert_eq!(algorithm, expected, "{name}");
        let mut tbs = cert.tbs_certificate.to_der().unwrap();
        let signature = cert.signature.raw_bytes();
        assert_eq!(verify(key, algorithm, &tbs, signature), Ok(true), "{name}");
        let last = tbs.len() - 1;
        tbs[last] ^= 1;
        assert_eq!(verify(key, algorithm, &tbs, signature), Ok(false), "{name}");
        tbs[last] ^= 1;
        // The bare r‖s (as a SignerInfo may hold it) verifies as the wrapped one does.
        let bare = OctetString::from_der(signature).unwrap();
        assert_eq!(verify(key, algorithm, &tbs, bare.as_bytes()), Ok(true));
        // The other digest is refused, as a mismatch, not an error.
        let other = match algorithm {
            Digest::Gost34311 => Digest::Kupyna(32),
            _ => Digest::Gost34311,
        };
        assert_eq!(verify(key, other, &tbs, signature), Ok(false), "{name}");
    }
}

/// What one jkurwa run wrote (`sign.js`): its certificate, its .p7s and the parts.
struct Signed {
    data: Vec<u8>,
    cert: Certificate,
    /// The signed attributes as the .p7s holds them (with the SET OF tag for [0]).
    signed_attrs: Vec<u8>,
    /// The same attributes as `cms`/`der` encode them again: in DER's order.
    reencoded: Vec<u8>,
    signature: Vec<u8>,
    message_digest: Vec<u8>,
    json: serde_json::Value,
}

fn read_signed(data: &Path, dir: &Path) -> Signed {
    let cert = Certificate::from_der(&std::fs::read(dir.join("dstu-jkurwa.cer")).unwrap()).unwrap();
    let p7s = std::fs::read(dir.join("dstu-jkurwa.p7s")).unwrap();
    let info = cms::content_info::ContentInfo::from_der(&p7s).unwrap();
    let signed: cms::signed_data::SignedData = info.content.decode_as().unwrap();
    let signer = signed.signer_infos.0.iter().next().unwrap();
    assert_eq!(
        Digest::from_oid(&signer.digest_alg.oid),
        Some(Digest::Gost34311)
    );
    assert_eq!(
        digest_of_signature(&signer.signature_algorithm),
        Some(Digest::Gost34311)
    );
    let attrs = signer.signed_attrs.as_ref().unwrap();
    let message_digest = attrs
        .iter()
        .find(|a| a.oid == ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4"))
        .unwrap()
        .values
        .iter()
        .next()
        .unwrap()
        .decode_as::<OctetString>()
        .unwrap()
        .as_bytes()
        .to_vec();
    let json = std::fs::read_to_string(dir.join("dstu-jkurwa.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    // The bytes signed are the attributes as written, [0] IMPLICIT read as a SET OF:
    // the JSON's copy, found in the .p7s itself.
    let signed_attrs = hex(json["signed_attrs"].as_str().unwrap());
    let in_file = [&[0xa0][..], &signed_attrs[1..]].concat();
    assert!(p7s.windows(in_file.len()).any(|w| w == in_file));
    Signed {
        data: std::fs::read(data).unwrap(),
        cert,
        signed_attrs,
        reencoded: attrs.to_der().unwrap(),
        signature: signer.signature.as_bytes().to_vec(),
        message_digest,
        json,
    }
}

/// akredit accepts jkurwa's certificate and CMS signature, and refuses them altered.
fn check_signed(signed: &Signed) {
    let key = &signed.cert.tbs_certificate.subject_public_key_info;
    let json_hex = |field: &str| hex(signed.json[field].as_str().unwrap());
    assert_eq!(key.to_der().unwrap(), json_hex("spki"));
    assert_eq!(signed.signature, json_hex("signature"));
    // The certificate: a BIT STRING holding an OCTET STRING of r‖s.
    let algorithm = digest_of_signature(&signed.cert.signature_algorithm).unwrap();
    let tbs = signed.cert.tbs_certificate.to_der().unwrap();
    let cert_signature = signed.cert.signature.raw_bytes();
    assert_eq!(cert_signature[0], 0x04);
    assert_eq!(verify(key, algorithm, &tbs, cert_signature), Ok(true));
    // The file's digest, with the key's (absent, so the standard's) DKE.
    let file_digest = digest(Digest::Gost34311, Some(key), &signed.data).unwrap();
    assert_eq!(file_digest, signed.message_digest);
    assert_eq!(file_digest, json_hex("digest"));
    let mut altered = signed.data.clone();
    altered[0] ^= 1;
    assert_ne!(
        digest(Digest::Gost34311, Some(key), &altered).unwrap(),
        signed.message_digest
    );
    // The SignerInfo: jkurwa writes the bare r‖s (64 octets for the 257-bit curve).
    let attrs = &signed.signed_attrs;
    let signature = &signed.signature;
    assert_eq!(signature.len(), 64);
    assert_eq!(verify(key, Digest::Gost34311, attrs, signature), Ok(true));
    let wrapped = OctetString::new(signature.clone())
        .unwrap()
        .to_der()
        .unwrap();
    assert_eq!(verify(key, Digest::Gost34311, attrs, &wrapped), Ok(true));
    for at in [0, 31, 32, 63] {
        let mut bad = signature.clone();
        bad[at] ^= 0x10;
        assert_eq!(
            verify(key, Digest::Gost34311, attrs, &bad),
            Ok(false),
            "{at}"
        );
    }
    // jkurwa (asn1.js) writes the SET OF in the order it was given, not DER's; what it
    // signed is that order, so a verifier must hash the attributes as the file holds
    // them: encoded again, they no longer verify.
    assert_ne!(&signed.reencoded, attrs);
    assert_eq!(
        verify(key, Digest::Gost34311, &signed.reencoded, signature),
        Ok(false)
    );
    let mut bad_attrs = attrs.clone();
    let last = bad_attrs.len() - 1;
    bad_attrs[last] ^= 1;
    assert_eq!(
        verify(key, Digest::Gost34311, &bad_attrs, signature),
        Ok(false)
    );
}

/// A jkurwa run kept in tests/fixtures/kep (so that this runs without Node): a named
/// curve (DSTU_PB_257, 1.2.804.2.1.1.1.1.3.1.1.2.6) and no DKE.
#[test]
fn jkurwa_fixture_verifies() {
    let signed = read_signed(&fixture("dstu-jkurwa-data.txt"), &fixture(""));
    check_signed(&signed);
}

/// A fresh key and signature from jkurwa, when Node and `npm ci --prefix
/// tests/kep/jkurwa` are there.
#[test]
fn jkurwa_fresh_signature_verifies() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/kep/jkurwa");
    if !root.join("node_modules/jkurwa").is_dir() {
        eprintln!(
            "skipped: tests/kep/jkurwa/node_modules is not installed (npm ci --prefix tests/kep/jkurwa)"
        );
        return;
    }
    if !Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        eprintln!("skipped: node is not on PATH");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("protocol.txt");
    std::fs::write(&data, "Протокол акредитації: a file to sign.\n".repeat(50)).unwrap();
    for _ in 0..3 {
        let out = Command::new("node")
            .arg(root.join("sign.js"))
            .arg(&data)
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        check_signed(&read_signed(&data, dir.path()));
    }
}

/// A small deterministic generator (xorshift64*), for the mutations.
struct Mutations(u64);
impl Mutations {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 32) as usize
    }
}

/// Mutated keys and signatures never panic, and never verify.
#[test]
fn mutated_keys_and_signatures_are_refused() {
    let gost = Certificate::from_der(&pem("dstu-nbu-gost.pem")).unwrap();
    let jkurwa = read_signed(&fixture("dstu-jkurwa-data.txt"), &fixture(""));
    let mut rng = Mutations(0x05ee_dd57_u64);
    let mut tried = 0;
    for (key, message, signature) in [
        (
            gost.tbs_certificate.subject_public_key_info.clone(),
            gost.tbs_certificate.to_der().unwrap(),
            gost.signature.raw_bytes().to_vec(),
        ),
        (
            jkurwa.cert.tbs_certificate.subject_public_key_info.clone(),
            jkurwa.signed_attrs.clone(),
            jkurwa.signature.clone(),
        ),
    ] {
        let spki = key.to_der().unwrap();
        let mut keys: Vec<Vec<u8>> = (0..spki.len()).map(|n| spki[..n].to_vec()).collect();
        for _ in 0..1200 {
            let mut k = spki.clone();
            for _ in 0..=rng.next() % 3 {
                let at = rng.next() % k.len();
                k[at] ^= 1 << (rng.next() % 8);
            }
            keys.push(k);
        }
        for k in keys {
            let Ok(k) = SubjectPublicKeyInfoOwned::from_der(&k) else {
                continue;
            };
            tried += 1;
            let verdict = verify(&k, Digest::Gost34311, &message, &signature);
            // A flip in the DKE, or in bits the key ignores, may leave it verifying;
            // nothing else may.
            if verdict == Ok(true) {
                assert_eq!(k.subject_public_key, key.subject_public_key);
            }
        }
        let mut signatures: Vec<Vec<u8>> = (0..signature.len())
            .map(|n| signature[..n].to_vec())
            .collect();
        for at in 0..signature.len() {
            for bit in [0, 3, 7] {
                let mut s = signature.clone();
                s[at] ^= 1 << bit;
                signatures.push(s);
            }
        }
        signatures.push([signature.clone(), vec![0]].concat());
        signatures.push([signature.clone(), vec![0, 0]].concat());
        signatures.push(vec![0x04, 0x81, 0x80]);
        signatures.push(vec![0; 200]);
        for s in signatures {
            tried += 1;
            assert_ne!(verify(&key, Digest::Gost34311, &message, &s), Ok(true));
        }
    }
    eprintln!("{tried} mutated keys and signatures checked");
    assert!(tried > 2000);
}
