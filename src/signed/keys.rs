//! The expert's signing key: an Ed25519 key pair kept in `$AKREDIT_HOME/keys/`.
//!
//! The private key file is readable by its owner only (mode 0600); like ssh, akredit
//! refuses to use one that others can read. A key is never overwritten.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

use crate::catalogue::sha256_hex;
use crate::support::home::Home;

/// Why a key could not be made, read or used.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// There is no key yet.
    #[error("no signing key in {0}; make one, with your full name, first")]
    Missing(PathBuf),
    /// The public half is there, the private half is gone.
    #[error(
        "the private half of your signing key ({0}) is missing, though its public half (identity.json beside it) is there; put signing.key back from your backup. If it is lost for good, move identity.json out of that folder (keep it: results already signed are checked with it) and make a new key"
    )]
    PrivateKeyMissing(PathBuf),
    /// A key exists and is never overwritten.
    #[error(
        "a signing key already exists in {0}; akredit never overwrites a key (results signed with it could no longer be traced to you)"
    )]
    Exists(PathBuf),
    /// The private key is readable by others.
    #[error("{0}: the private key is readable by other users; make it private with: chmod 600 {0}")]
    TooOpen(PathBuf),
    /// The key files are damaged.
    #[error("{path}: the key file is damaged ({detail})")]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        detail: String,
    },
    /// A name is required.
    #[error("a signing key needs your full name")]
    NoName,
    /// The system's random source failed.
    #[error("the system's random number source failed: {0}")]
    Random(String),
    /// Writing a key file (a link at its name, a folder that cannot be written).
    #[error(transparent)]
    File(#[from] crate::support::files::FileError),
    /// A file-system error.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

/// The public half, as stored beside the private key and shown to others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicIdentity {
    /// The key holder's name.
    pub name: String,
    /// The public key, base64.
    pub public_key: String,
    /// When the key was made (UTC).
    pub created_at: String,
    /// The names the key signed with before `akredit key rename`, oldest first: results
    /// signed then name their signer so, and stay the key holder's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub former_names: Vec<String>,
}

/// A usable signing key.
pub struct Identity {
    /// The public half.
    pub public: PublicIdentity,
    signing: SigningKey,
}

fn keys_dir(home: &Home) -> PathBuf {
    home.root().join("keys")
}

fn private_path(home: &Home) -> PathBuf {
    keys_dir(home).join("signing.key")
}

fn public_path(home: &Home) -> PathBuf {
    keys_dir(home).join("identity.json")
}

/// The fingerprint of a public key: the first 16 hex digits of its SHA-256, in groups of
/// four for reading aloud (`3f2a 9c01 77be 4d10`).
pub fn fingerprint(public_key: &[u8; 32]) -> String {
    let hex = sha256_hex(public_key);
    hex.as_bytes()[..16]
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A key the commission trusts, with the name of its holder when the key was given as
/// an `identity.json` (which carries the name the key was made with).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedKey {
    /// The public key.
    pub key: [u8; 32],
    /// Whose it is, when the identity says.
    pub name: Option<String>,
    /// The names the identity says its key signed with before (see
    /// [`PublicIdentity::former_names`]).
    pub former_names: Vec<String>,
}

impl TrustedKey {
    /// A key trusted without a name (given as base64).
    pub fn unnamed(key: [u8; 32]) -> TrustedKey {
        TrustedKey {
            key,
            name: None,
            former_names: Vec::new(),
        }
    }

    /// The name under which the key may have signed `claimed`: its holder's name now or a
    /// former one (compared as names are: case, spaces, apostrophes aside).
    pub fn signed_as(&self, claimed: &str) -> Option<&str> {
        let key = crate::answers::centre_name_key(claimed);
        self.name
            .iter()
            .chain(&self.former_names)
            .find(|n| crate::answers::centre_name_key(n) == key)
            .map(String::as_str)
    }
}

/// The largest key file read (an identity.json is a few hundred bytes).
const KEY_FILE_LIMIT: u64 = 64 * 1024;

/// A trusted key as `--trust` takes it: a path to a file holding an `identity.json` (its
/// `public_key` and `name`) or a base64 key, or the base64 key itself. The error says
/// what is wrong in words.
pub fn read_trusted_key(arg: &str) -> Result<TrustedKey, String> {
    let path = Path::new(arg);
    let text = if crate::support::files::occupied(path) {
        let bytes = crate::support::files::read_bounded(path, KEY_FILE_LIMIT, "key file")
            .map_err(|e| e.to_string())?;
        String::from_utf8_lossy(&bytes).into_owned()
    } else {
        arg.to_string()
    };
    let identity = serde_json::from_str::<serde_json::Value>(&text).ok();
    let (key_text, name) = match &identity {
        Some(v) => (
            v.get("public_key")
                .and_then(|k| k.as_str())
                .unwrap_or_default()
                .to_string(),
            v.get("name")
                .and_then(|n| n.as_str())
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string),
        ),
        None => (text.clone(), None),
    };
    let key = decode_public_key(&key_text).ok_or_else(|| {
        format!("{arg:?}: not a base64 Ed25519 public key, nor a file holding one (such as identity.json)")
    })?;
    let former_names = identity
        .as_ref()
        .and_then(|v| v.get("former_names"))
        .and_then(|n| n.as_array())
        .map(|names| {
            names
                .iter()
                .filter_map(|n| n.as_str())
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    Ok(TrustedKey {
        key: key.to_bytes(),
        name,
        former_names,
    })
}

/// The trusted keys of several `--trust` arguments; refuses one key given twice with two
/// different names (which of them would the commission believe?).
pub fn trust_list<'a>(args: impl IntoIterator<Item = &'a str>) -> Result<Vec<TrustedKey>, String> {
    let mut list: Vec<TrustedKey> = Vec::new();
    for arg in args {
        let t = read_trusted_key(arg)?;
        match list.iter_mut().find(|k| k.key == t.key) {
            Some(k) => match (&k.name, &t.name) {
                (Some(a), Some(b))
                    if crate::answers::centre_name_key(a) != crate::answers::centre_name_key(b) =>
                {
                    return Err(format!(
                        "the key {} is given twice, as {a:?}'s and as {b:?}'s; give each expert's identity once",
                        fingerprint(&t.key)
                    ));
                }
                (None, Some(_)) => k.name = t.name,
                _ => {}
            },
            None => list.push(t),
        }
    }
    Ok(list)
}

/// Decodes a base64 Ed25519 public key.
pub fn decode_public_key(text: &str) -> Option<VerifyingKey> {
    let bytes = B64.decode(text.trim()).ok()?;
    let array: [u8; 32] = bytes.try_into().ok()?;
    VerifyingKey::from_bytes(&array).ok()
}

impl Identity {
    /// Makes a new key pair; refuses if one exists.
    pub fn create(home: &Home, name: &str) -> Result<Identity, KeyError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(KeyError::NoName);
        }
        let private = private_path(home);
        match (
            crate::support::files::occupied(&private),
            crate::support::files::occupied(&public_path(home)),
        ) {
            (false, false) => {}
            (false, true) => return Err(KeyError::PrivateKeyMissing(private)),
            _ => return Err(KeyError::Exists(keys_dir(home))),
        }
        let dir = keys_dir(home);
        fs::create_dir_all(&dir).map_err(|source| KeyError::Io {
            path: dir.clone(),
            source,
        })?;
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| KeyError::Random(e.to_string()))?;
        let signing = SigningKey::from_bytes(&seed);
        let public = PublicIdentity {
            name: name.to_string(),
            public_key: B64.encode(signing.verifying_key().to_bytes()),
            created_at: crate::support::time::now_utc(),
            former_names: Vec::new(),
        };
        write_new(&private, B64.encode(seed).as_bytes(), true)?;
        let json = serde_json::to_string_pretty(&public).map_err(|e| KeyError::Damaged {
            path: public_path(home),
            detail: e.to_string(),
        })?;
        write_new(&public_path(home), json.as_bytes(), false)?;
        Ok(Identity { public, signing })
    }

    /// The key pair if one was made, `None` if not (a centre may hand in an unsigned
    /// self-assessment); any other problem with the key is an error.
    pub fn load_if_any(home: &Home) -> Result<Option<Identity>, KeyError> {
        match Identity::load(home) {
            Ok(identity) => Ok(Some(identity)),
            Err(KeyError::Missing(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Reads the key pair, checking that the private key is private.
    pub fn load(home: &Home) -> Result<Identity, KeyError> {
        let private = private_path(home);
        if !crate::support::files::occupied(&private) {
            if crate::support::files::occupied(&public_path(home)) {
                return Err(KeyError::PrivateKeyMissing(private));
            }
            return Err(KeyError::Missing(keys_dir(home)));
        }
        check_private(&private)?;
        let damaged = |path: &Path, detail: &str| KeyError::Damaged {
            path: path.to_path_buf(),
            detail: detail.to_string(),
        };
        let text = fs::read_to_string(&private).map_err(|source| KeyError::Io {
            path: private.clone(),
            source,
        })?;
        let seed: [u8; 32] = B64
            .decode(text.trim())
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| damaged(&private, "not a base64 Ed25519 key"))?;
        let signing = SigningKey::from_bytes(&seed);
        let public_file = public_path(home);
        let public: PublicIdentity = fs::read_to_string(&public_file)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .ok_or_else(|| damaged(&public_file, "unreadable identity.json"))?;
        if public.public_key != B64.encode(signing.verifying_key().to_bytes()) {
            return Err(damaged(
                &public_file,
                "its public key does not match the private key",
            ));
        }
        Ok(Identity { public, signing })
    }

    /// Corrects the name the key signs with (a typo made when it was created): the key
    /// itself, and so its fingerprint, stay; only `identity.json` is rewritten, at once.
    /// Results signed before keep the name they were signed with.
    pub fn rename(home: &Home, name: &str) -> Result<Identity, KeyError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(KeyError::NoName);
        }
        let mut identity = Identity::load(home)?;
        if identity.public.name == name {
            return Ok(identity);
        }
        let former = std::mem::replace(&mut identity.public.name, name.to_string());
        identity.public.former_names.push(former);
        let path = public_path(home);
        let json =
            serde_json::to_string_pretty(&identity.public).map_err(|e| KeyError::Damaged {
                path: path.clone(),
                detail: e.to_string(),
            })?;
        crate::support::files::replace(&path, json.as_bytes())?;
        Ok(identity)
    }

    /// The public key.
    pub fn verifying_key(&self) -> VerifyingKey {
        self.signing.verifying_key()
    }

    /// The fingerprint of the public key.
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.verifying_key().to_bytes())
    }

    /// Signs a message.
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        use ed25519_dalek::Signer;
        self.signing.sign(message).to_bytes()
    }
}

fn write_new(path: &Path, bytes: &[u8], private: bool) -> Result<(), KeyError> {
    let io = |source| KeyError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(if private { 0o600 } else { 0o644 });
    }
    #[cfg(windows)]
    if private {
        use std::os::windows::fs::OpenOptionsExt;
        use windows_sys::Win32::Storage::FileSystem::{
            FILE_GENERIC_WRITE, READ_CONTROL, WRITE_DAC,
        };
        // Allowed to set its own access list (below), besides writing.
        options.access_mode(FILE_GENERIC_WRITE | READ_CONTROL | WRITE_DAC);
    }
    #[cfg(not(any(unix, windows)))]
    let _ = private;
    let mut file = options.open(path).map_err(io)?;
    #[cfg(windows)]
    if private {
        // Owner-only before the key is written (see support::owner_only); should it fail,
        // the empty file is removed and no key is made rather than a key others may read.
        if let Err(source) = crate::support::owner_only::restrict(&file) {
            drop(file);
            crate::support::files::remove_if_there(path);
            return Err(KeyError::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    }
    file.write_all(bytes).map_err(io)?;
    file.sync_all().map_err(io)
}

#[cfg(unix)]
fn check_private(path: &Path) -> Result<(), KeyError> {
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(path)
        .map_err(|source| KeyError::Io {
            path: path.to_path_buf(),
            source,
        })?
        .permissions()
        .mode();
    if mode & 0o077 != 0 {
        return Err(KeyError::TooOpen(path.to_path_buf()));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_path: &Path) -> Result<(), KeyError> {
    Ok(())
}

/// Whether two ways of writing a person's name agree: the same surname (the first word),
/// and each further word the same or its initial ("Іваненко І. І." and "Іваненко Іван
/// Іванович" agree; "Іваненко І." and "Петренко І." do not). Case, apostrophes and spaces
/// do not matter.
pub fn names_agree(a: &str, b: &str) -> bool {
    let words = |name: &str| -> Vec<Vec<char>> {
        crate::answers::centre_name_key(name)
            .split(|c: char| c.is_whitespace() || c == '.')
            .filter(|w| !w.is_empty())
            .map(|w| w.chars().collect())
            .collect()
    };
    let (a, b) = (words(a), words(b));
    match (a.split_first(), b.split_first()) {
        (Some((surname_a, rest_a)), Some((surname_b, rest_b))) => {
            surname_a == surname_b
                && rest_a.iter().zip(rest_b).all(|(x, y)| {
                    x == y || ((x.len() == 1 || y.len() == 1) && x.first() == y.first())
                })
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_load_sign_and_never_overwrite() {
        let dir = tempfile::tempdir().expect("tempdir");
        let home = Home::at(dir.path());
        assert!(matches!(Identity::load(&home), Err(KeyError::Missing(_))));
        let made = Identity::create(&home, "Іваненко Іван").expect("create");
        assert!(matches!(
            Identity::create(&home, "Інший"),
            Err(KeyError::Exists(_))
        ));
        let loaded = Identity::load(&home).expect("load");
        assert_eq!(loaded.public, made.public);
        let sig = loaded.sign(b"message");
        let vk = decode_public_key(&made.public.public_key).expect("public key");
        let sig = ed25519_dalek::Signature::from_bytes(&sig);
        assert!(vk.verify_strict(b"message", &sig).is_ok());
        let fp = loaded.fingerprint();
        assert_eq!(fp.len(), 19);
        assert_eq!(fp.split(' ').count(), 4);
    }

    #[cfg(unix)]
    #[test]
    fn a_private_key_others_can_read_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let home = Home::at(dir.path());
        Identity::create(&home, "Експерт").expect("create");
        let private = private_path(&home);
        assert_eq!(
            fs::metadata(&private).expect("meta").permissions().mode() & 0o777,
            0o600
        );
        fs::set_permissions(&private, fs::Permissions::from_mode(0o644)).expect("chmod");
        assert!(matches!(Identity::load(&home), Err(KeyError::TooOpen(_))));
    }

    #[cfg(windows)]
    #[test]
    fn on_windows_the_private_key_is_for_its_owner_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let home = Home::at(dir.path());
        Identity::create(&home, "Експерт").expect("create");
        Identity::load(&home).expect("the owner reads it");
        if std::env::var_os("WINEPREFIX").is_some() {
            // Wine keeps no access lists on files: it reports one made from the Unix
            // permissions (packaging/windows/build-and-test sets WINEPREFIX). So this is
            // checked on a real Windows only (README: "Wine is not Windows").
            eprintln!("under Wine: the access list is not kept, so not compared");
            return;
        }
        let access = crate::support::owner_only::access_list(&private_path(&home)).expect("acl");
        assert_eq!(access, crate::support::owner_only::OWNER_ONLY);
    }
}
