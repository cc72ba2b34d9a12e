//! The ASiC-E container (ETSI EN 319 162-1), as Дія.Підпис and czo.gov.ua/sign make it:
//! a zip file whose first entry `mimetype` reads `application/vnd.etsi.asic-e+zip`, the
//! signed documents (the data objects, every entry outside `META-INF/`), and in
//! `META-INF/` the signatures.
//!
//! * CAdES: each `META-INF/ASiCManifest*.xml` names its signature file with
//!   `<SigReference URI="META-INF/signature….p7s"/>` and each data object it covers with
//!   `<DataObjectReference URI="…"><ds:DigestMethod Algorithm="…"/><ds:DigestValue>base64
//!   </ds:DigestValue></DataObjectReference>`; the `.p7s` is a detached CMS signature over
//!   the manifest file's exact bytes (EN 319 162-1, clause 4.4.3 and annex A.4: the
//!   `ASiCManifest` element of namespace `http://uri.etsi.org/02918/v1.2.1#`; the older
//!   `http://uri.etsi.org/2918/v1.1.1#` of TS 102 918 is the same shape, so elements are
//!   matched by local name). Examples consulted: the schema `en_31916201v010101.xsd`, and
//!   the containers documented by felleslosninger/efm-asic (README, checked there with
//!   `openssl cms -verify -content META-INF/asicmanifest.xml`).
//! * The simple variant some tools write: one `META-INF/signature.p7s` and no manifest,
//!   signing the single data object directly (as ASiC-S does); [`ContainerSignature::manifest`]
//!   is then `None` and [`Container::notes`] says so.
//! * XAdES: `META-INF/signatures*.xml`. Its verification needs XML canonicalisation,
//!   which akredit does not do; such a signature is listed in [`Container::xades`] and the
//!   rest of the container is read as usual.
//!
//! The digest algorithm URIs are those of XML-DSig and RFC 6931 for SHA-2, and for the
//! Ukrainian digests the `xmldsig-more#gost34311` / `xmlenc#dstu7564-256` spellings that
//! Ukrainian XAdES/ASiC implementations write (as collected by the tamga project's
//! `XmlDigestEngine.cpp`, from Дія's containers); `urn:oid:` and a bare object identifier
//! are read through [`Digest::from_oid`].
//!
//! Nothing in the container is written out or executed; its size, its number of entries
//! and their total unpacked size are bounded.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};

use base64::Engine as _;
use quick_xml::XmlVersion;
use quick_xml::encoding::Decoder;
use quick_xml::events::{BytesStart, Event};

use super::algorithms::{self, Digest};

/// The largest container akredit reads.
pub const MAX_CONTAINER_BYTES: usize = 200 * 1024 * 1024;
/// The most entries a container may have.
pub const MAX_ENTRIES: usize = 10_000;
/// The largest total of the entries' unpacked sizes.
pub const MAX_UNPACKED_BYTES: u64 = 200 * 1024 * 1024;
/// What the `mimetype` entry of an ASiC-E container says.
pub const MIMETYPE: &str = "application/vnd.etsi.asic-e+zip";
/// What the check reports for a XAdES signature in a container.
pub const XADES_NOT_CHECKED: &str =
    "XAdES-підпис у контейнері не перевіряється: підпишіть як CAdES (.p7s)";

/// A container's contents, as far as the signatures' check needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Container {
    /// The signed documents: each entry outside `META-INF/` (but `mimetype`), by name.
    pub data_objects: Vec<(String, Vec<u8>)>,
    /// The CAdES signatures and what each signs.
    pub signatures: Vec<ContainerSignature>,
    /// The XAdES signatures, which akredit does not check.
    pub xades: Vec<XadesSignature>,
    /// What the reader noticed that does not stop the check (a missing `mimetype`, the
    /// simple variant, files in `META-INF/` it does not read), one sentence each.
    pub notes: Vec<String>,
}

/// A CAdES signature of the container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerSignature {
    /// The signature file's name (`META-INF/signature001.p7s`).
    pub signature_name: String,
    /// Its bytes: a detached CMS SignedData.
    pub p7s: Vec<u8>,
    /// The name of what it signs: the manifest, or (simple variant) the data object.
    pub signed_name: String,
    /// The bytes it signs: the ASiCManifest file, or (simple variant) the data object.
    pub signed_bytes: Vec<u8>,
    /// The manifest's digests checked against the data objects; `None` in the simple
    /// variant, where the signature signs the data object itself.
    pub manifest: Option<ManifestCheck>,
}

/// A XAdES signature in the container, which akredit does not check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XadesSignature {
    /// The signature file's name (`META-INF/signatures0.xml`).
    pub name: String,
}

impl XadesSignature {
    /// The report's sentence about it.
    pub fn message(&self) -> String {
        format!("{XADES_NOT_CHECKED} ({})", self.name)
    }
}

/// An ASiCManifest's references checked against the container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestCheck {
    /// The manifest's name.
    pub manifest_name: String,
    /// Each data object it references, in its order.
    pub references: Vec<ManifestReference>,
    /// Referenced names the container does not have.
    pub missing: Vec<String>,
    /// Data objects of the container the manifest does not reference (not signed by this
    /// signature).
    pub unreferenced: Vec<String>,
}

impl ManifestCheck {
    /// Whether every reference matches its object and every data object is referenced.
    pub fn all_match(&self) -> bool {
        self.unreferenced.is_empty()
            && self
                .references
                .iter()
                .all(|r| r.outcome == DigestOutcome::Matches)
    }
}

/// One `DataObjectReference` of a manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestReference {
    /// The object's name in the container (the URI, percent-decoded).
    pub name: String,
    /// The digest algorithm's URI, as written.
    pub algorithm_uri: String,
    /// The algorithm, when akredit knows the URI.
    pub digest: Option<Digest>,
    /// Whether the object's digest is the manifest's.
    pub outcome: DigestOutcome,
}

/// Whether a data object's digest is the one its manifest records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DigestOutcome {
    /// It is: the object is as signed.
    Matches,
    /// It is not: the object was changed after signing.
    Differs,
    /// The container has no such object.
    Missing,
    /// It could not be computed (the reason: an unknown algorithm, a bad value).
    Unchecked(String),
}

/// Why a container could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AsiceError {
    /// Larger than any container akredit reads.
    #[error(
        "the container is {0} bytes, more than the {MAX_CONTAINER_BYTES} akredit reads; sign the documents separately"
    )]
    TooBig(usize),
    /// Not a zip file, or a damaged one.
    #[error(
        "the container (.asice) is not a readable zip file: {0}; it is damaged or not a container — ask for the signed file again"
    )]
    NotZip(String),
    /// More entries than a container should have.
    #[error(
        "the container has more than {MAX_ENTRIES} files; it is not a signed document akredit reads"
    )]
    TooManyEntries,
    /// The entries unpack to more than the limit (a zip bomb, or far too large).
    #[error(
        "the container's files unpack to more than {MAX_UNPACKED_BYTES} bytes; it is not a signed document akredit reads"
    )]
    TooLarge,
    /// An entry does not unpack.
    #[error(
        "the container's file {name} cannot be unpacked: {reason}; the container is damaged — ask for it again"
    )]
    BadEntry {
        /// The entry's name (or number).
        name: String,
        /// Why.
        reason: String,
    },
    /// Two entries of the same name: which of them was signed cannot be told.
    #[error(
        "the container has files of the same name ({0}); it cannot be told which was signed — ask for the container again"
    )]
    DuplicateEntry(String),
    /// An ASiCManifest does not read.
    #[error(
        "the container's {name} cannot be read: {reason}; the container is damaged — ask for it again"
    )]
    BadManifest {
        /// The manifest's name.
        name: String,
        /// Why.
        reason: String,
    },
    /// Nothing in the container is a signature.
    #[error(
        "the container holds no signature it can be checked by{found}; sign the document as CAdES (.p7s) or an ASiC-E container with a .p7s signature"
    )]
    NoSignature {
        /// What was noticed (starts with ": " or is empty).
        found: String,
    },
}

/// Whether the bytes start as a zip file does (an ASiC container, or another zip).
pub fn is_container(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Reads a container: its data objects, its CAdES signatures with what each signs and
/// its manifest's digests checked, its XAdES signatures listed.
pub fn read_container(bytes: &[u8]) -> Result<Container, AsiceError> {
    if bytes.len() > MAX_CONTAINER_BYTES {
        return Err(AsiceError::TooBig(bytes.len()));
    }
    if listed_entries(bytes).is_some_and(|n| n > MAX_ENTRIES as u64) {
        return Err(AsiceError::TooManyEntries);
    }
    let entries = read_entries(bytes)?;
    let mut container = Container {
        data_objects: Vec::new(),
        signatures: Vec::new(),
        xades: Vec::new(),
        notes: Vec::new(),
    };
    let mut meta = Meta::default();
    let mut mimetype = None;
    for (name, data) in entries {
        if name == "mimetype" {
            mimetype = Some(data);
        } else if let Some(file) = meta_file(&name) {
            meta.sort(&name, &file, data, &mut container);
        } else {
            container.data_objects.push((name, data));
        }
    }
    note_mimetype(mimetype.as_deref(), &mut container.notes);
    bind_signatures(meta, &mut container)?;
    if container.signatures.is_empty() && container.xades.is_empty() {
        let found = if container.notes.is_empty() {
            String::new()
        } else {
            format!(": {}", container.notes.join(" "))
        };
        return Err(AsiceError::NoSignature { found });
    }
    Ok(container)
}

/// The name inside `META-INF/` (its case as written), when the entry is there.
fn meta_file(name: &str) -> Option<String> {
    let (dir, file) = name.split_once('/')?;
    dir.eq_ignore_ascii_case("META-INF")
        .then(|| file.to_string())
}

fn note_mimetype(mimetype: Option<&[u8]>, notes: &mut Vec<String>) {
    match mimetype.map(|m| String::from_utf8_lossy(m).trim().to_string()) {
        None => notes.push(format!(
            "The container has no mimetype file (an ASiC-E container's says {MIMETYPE}); read as ASiC-E all the same."
        )),
        Some(m) if m == MIMETYPE => {}
        Some(m) => notes.push(format!(
            "The container's mimetype says {m}, not {MIMETYPE}; read as ASiC-E all the same."
        )),
    }
}

/// The signature files and manifests of `META-INF/`.
#[derive(Default)]
struct Meta {
    manifests: BTreeMap<String, Vec<u8>>,
    p7s: BTreeMap<String, Vec<u8>>,
}

impl Meta {
    fn sort(&mut self, name: &str, file: &str, data: Vec<u8>, container: &mut Container) {
        let lower = file.to_ascii_lowercase();
        if lower.starts_with("asicmanifest") && lower.ends_with(".xml") {
            self.manifests.insert(name.to_string(), data);
        } else if lower.ends_with(".p7s") {
            self.p7s.insert(name.to_string(), data);
        } else if lower.contains("signatures") && lower.ends_with(".xml") {
            container.xades.push(XadesSignature { name: name.into() });
        } else if lower == "manifest.xml" || lower.is_empty() {
            // The OpenDocument manifest some tools add lists the files; it signs nothing.
        } else {
            container.notes.push(format!(
                "{name} is not read (akredit checks CAdES signatures and their ASiCManifest files)."
            ));
        }
    }
}

/// Binds each signature to what it signs: through its manifest, or (simple variant) to
/// the single data object.
fn bind_signatures(meta: Meta, container: &mut Container) -> Result<(), AsiceError> {
    let Meta { manifests, p7s } = meta;
    let mut bound = BTreeSet::new();
    for (manifest_name, manifest_bytes) in &manifests {
        let manifest = parse_manifest(manifest_name, manifest_bytes)?;
        let signature_name = resolve_uri(&manifest.signature_uri);
        let Some(signature) = p7s.get(&signature_name) else {
            return Err(AsiceError::BadManifest {
                name: manifest_name.clone(),
                reason: format!(
                    "its SigReference names {signature_name}, which the container does not have"
                ),
            });
        };
        bound.insert(signature_name.clone());
        let check = check_manifest(manifest_name, &manifest, &container.data_objects);
        container.signatures.push(ContainerSignature {
            signature_name,
            p7s: signature.clone(),
            signed_name: manifest_name.clone(),
            signed_bytes: manifest_bytes.clone(),
            manifest: Some(check),
        });
    }
    let unbound: Vec<_> = p7s.iter().filter(|(n, _)| !bound.contains(*n)).collect();
    match (
        manifests.is_empty(),
        unbound.as_slice(),
        container.data_objects.as_slice(),
    ) {
        (true, [(name, signature)], [(object, bytes)]) => {
            container.notes.push(format!(
                "{name} signs {object} directly, without an ASiCManifest (the simple, ASiC-S-like variant)."
            ));
            container.signatures.push(ContainerSignature {
                signature_name: (*name).clone(),
                p7s: (*signature).clone(),
                signed_name: object.clone(),
                signed_bytes: bytes.clone(),
                manifest: None,
            });
        }
        (_, unbound, _) => {
            for (name, _) in unbound {
                container.notes.push(format!(
                    "{name} is named by no ASiCManifest, so what it signs cannot be told; it is not checked."
                ));
            }
        }
    }
    Ok(())
}

/// What an ASiCManifest says.
struct Manifest {
    signature_uri: String,
    /// Each DataObjectReference: URI, digest algorithm URI, digest value (base64).
    references: Vec<(String, String, String)>,
}

/// The manifest's SigReference and DataObjectReferences.
fn parse_manifest(name: &str, bytes: &[u8]) -> Result<Manifest, AsiceError> {
    let bad = |reason: String| AsiceError::BadManifest {
        name: name.into(),
        reason,
    };
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut signature_uri = None;
    let mut references: Vec<(String, String, String)> = Vec::new();
    let mut in_value = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| bad(format!("near byte {}: {e}", reader.buffer_position())))?;
        match &event {
            Event::Start(element) | Event::Empty(element) => {
                let empty = matches!(event, Event::Empty(_));
                match element.local_name().as_ref() {
                    b"SigReference" => {
                        signature_uri = Some(attribute(element, b"URI", reader.decoder())?)
                    }
                    b"DataObjectReference" => {
                        if references.len() >= MAX_ENTRIES {
                            return Err(bad("it references too many objects".into()));
                        }
                        references.push((
                            attribute(element, b"URI", reader.decoder())?,
                            String::new(),
                            String::new(),
                        ));
                    }
                    b"DigestMethod" => {
                        if let Some(last) = references.last_mut() {
                            last.1 = attribute(element, b"Algorithm", reader.decoder())?;
                        }
                    }
                    b"DigestValue" => in_value = !empty,
                    _ => {}
                }
            }
            Event::Text(text) if in_value => {
                let text = text.decode().map_err(|e| bad(e.to_string()))?;
                if let Some(last) = references.last_mut() {
                    last.2.push_str(&text);
                }
            }
            Event::End(_) => in_value = false,
            Event::Eof => break,
            _ => {}
        }
    }
    let signature_uri = signature_uri.ok_or_else(|| bad("it has no SigReference".into()))?;
    Ok(Manifest {
        signature_uri,
        references,
    })
}

/// An attribute's value; its absence or a bad value is a bad manifest.
fn attribute(element: &BytesStart<'_>, key: &[u8], decoder: Decoder) -> Result<String, AsiceError> {
    let element_name = String::from_utf8_lossy(element.local_name().as_ref()).into_owned();
    let bad = |reason: String| AsiceError::BadManifest {
        name: "ASiCManifest".into(),
        reason: format!("its {element_name} {reason}"),
    };
    for attribute in element.attributes() {
        let attribute = attribute.map_err(|e| bad(format!("has a bad attribute: {e}")))?;
        if attribute.key.local_name().as_ref() == key {
            let value = attribute
                .decoded_and_normalized_value(XmlVersion::Implicit1_0, decoder)
                .map_err(|e| bad(format!("has a bad attribute: {e}")))?;
            return Ok(value.into_owned());
        }
    }
    Err(bad(format!(
        "has no {} attribute",
        String::from_utf8_lossy(key)
    )))
}

/// The manifest's digests against the container's data objects.
fn check_manifest(
    manifest_name: &str,
    manifest: &Manifest,
    objects: &[(String, Vec<u8>)],
) -> ManifestCheck {
    let by_name: BTreeMap<&str, &[u8]> = objects
        .iter()
        .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
        .collect();
    let mut referenced = BTreeSet::new();
    let mut missing = Vec::new();
    let mut references = Vec::new();
    for (uri, algorithm_uri, value) in &manifest.references {
        let name = resolve_uri(uri);
        let digest = digest_of_uri(algorithm_uri);
        let outcome = match by_name.get(name.as_str()) {
            None => {
                missing.push(name.clone());
                DigestOutcome::Missing
            }
            Some(bytes) => {
                referenced.insert(name.clone());
                compare_digest(digest, algorithm_uri, value, bytes)
            }
        };
        references.push(ManifestReference {
            name,
            algorithm_uri: algorithm_uri.clone(),
            digest,
            outcome,
        });
    }
    let unreferenced = objects
        .iter()
        .filter(|(name, _)| !referenced.contains(name))
        .map(|(name, _)| name.clone())
        .collect();
    ManifestCheck {
        manifest_name: manifest_name.into(),
        references,
        missing,
        unreferenced,
    }
}

fn compare_digest(
    digest: Option<Digest>,
    algorithm_uri: &str,
    value: &str,
    bytes: &[u8],
) -> DigestOutcome {
    let Some(digest) = digest else {
        return DigestOutcome::Unchecked(format!(
            "the digest algorithm {algorithm_uri:?} is not one akredit knows"
        ));
    };
    let clean: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    let Ok(expected) = base64::engine::general_purpose::STANDARD.decode(clean) else {
        return DigestOutcome::Unchecked("the DigestValue is not base64".into());
    };
    match algorithms::digest(digest, None, bytes) {
        Ok(actual) if actual == expected => DigestOutcome::Matches,
        Ok(_) => DigestOutcome::Differs,
        Err(e) => DigestOutcome::Unchecked(e.to_string()),
    }
}

/// The digest a DigestMethod URI names.
pub fn digest_of_uri(uri: &str) -> Option<Digest> {
    let uri = uri.trim();
    if let Some((space, name)) = uri.split_once('#') {
        let known = [
            "http://www.w3.org/2000/09/xmldsig",
            "http://www.w3.org/2001/04/xmlenc",
            "http://www.w3.org/2001/04/xmldsig-more",
        ];
        if !known.contains(&space) {
            return None;
        }
        return match name {
            "sha256" => Some(Digest::Sha256),
            "sha384" => Some(Digest::Sha384),
            "sha512" => Some(Digest::Sha512),
            "gost34311" => Some(Digest::Gost34311),
            "kupyna256" | "dstu7564-256" => Some(Digest::Kupyna(32)),
            "kupyna384" | "dstu7564-384" => Some(Digest::Kupyna(48)),
            "kupyna512" | "dstu7564-512" => Some(Digest::Kupyna(64)),
            _ => None,
        };
    }
    let oid = uri.strip_prefix("urn:oid:").unwrap_or(uri);
    der::asn1::ObjectIdentifier::new(oid)
        .ok()
        .and_then(|oid| Digest::from_oid(&oid))
}

/// A reference's URI as an entry name: percent-decoded, without a leading `./` or `/`.
fn resolve_uri(uri: &str) -> String {
    let bytes = uri.trim().as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(value)) => {
                out.push(value);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    let text = String::from_utf8_lossy(&out).into_owned();
    let text = text.strip_prefix("./").unwrap_or(&text);
    text.trim_start_matches('/').to_string()
}

/// How many entries the archive's end record lists (the zip64 record's count when the
/// plain one says 0xFFFF), when an end record is found.
fn listed_entries(bytes: &[u8]) -> Option<u64> {
    let tail_start = bytes.len().saturating_sub(65_557);
    let at = (tail_start..bytes.len().saturating_sub(21))
        .rev()
        .find(|&at| {
            bytes.get(at..at + 4) == Some(b"PK\x05\x06")
                && read_le(bytes, at + 20, 2)
                    .is_some_and(|comment| at as u64 + 22 + comment == bytes.len() as u64)
        })?;
    let count = read_le(bytes, at + 10, 2)?;
    if count != 0xFFFF {
        return Some(count);
    }
    let locator = at.checked_sub(20)?;
    if bytes.get(locator..locator + 4) != Some(b"PK\x06\x07") {
        return Some(count);
    }
    let record = usize::try_from(read_le(bytes, locator + 8, 8)?).ok()?;
    if bytes.get(record..record.checked_add(4)?) != Some(b"PK\x06\x06") {
        return None;
    }
    read_le(bytes, record + 32, 8)
}

fn read_le(bytes: &[u8], at: usize, len: usize) -> Option<u64> {
    let field = bytes.get(at..at.checked_add(len)?)?;
    Some(
        field
            .iter()
            .rev()
            .fold(0u64, |value, byte| (value << 8) | u64::from(*byte)),
    )
}

/// Every file of the archive, unpacked within the limits, refusing two of one name.
fn read_entries(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, AsiceError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| AsiceError::NotZip(e.to_string()))?;
    if archive.len() > MAX_ENTRIES {
        return Err(AsiceError::TooManyEntries);
    }
    // The zip reader keeps one entry of each name; the end record counts them all.
    if let Some(listed) = listed_entries(bytes).filter(|&n| n > archive.len() as u64) {
        return Err(AsiceError::DuplicateEntry(format!(
            "{} of its {listed} listed files",
            listed - archive.len() as u64
        )));
    }
    let mut budget = MAX_UNPACKED_BYTES;
    let mut names = BTreeSet::new();
    let mut entries = Vec::new();
    for index in 0..archive.len() {
        let bad = |name: String, e: &dyn std::fmt::Display| AsiceError::BadEntry {
            name,
            reason: e.to_string(),
        };
        let mut file = archive
            .by_index(index)
            .map_err(|e| bad(format!("number {}", index + 1), &e))?;
        let name = file.name().to_string();
        if file.is_dir() {
            continue;
        }
        if !names.insert(name.clone()) {
            return Err(AsiceError::DuplicateEntry(name));
        }
        let mut data = Vec::new();
        (&mut file)
            .take(budget.saturating_add(1))
            .read_to_end(&mut data)
            .map_err(|e| bad(name.clone(), &e))?;
        let unpacked = data.len() as u64;
        if unpacked > budget {
            return Err(AsiceError::TooLarge);
        }
        budget -= unpacked;
        entries.push((name, data));
    }
    Ok(entries)
}
