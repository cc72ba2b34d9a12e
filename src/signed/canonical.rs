//! The canonical form (RFC 8785 for the JSON subset results use): what is signed, hashed
//! and compared byte for byte.

use serde::Serialize;
use serde_json::Value;

use super::Payload;

/// Writes `value` in canonical form (RFC 8785 for the JSON subset results use).
pub fn canonical_json(value: &Value) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    write_canonical(value, &mut out)?;
    Ok(out)
}

fn write_canonical(value: &Value, out: &mut Vec<u8>) -> Result<(), String> {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Value::Number(n) => {
            if n.is_f64() {
                return Err(format!("a floating-point number ({n}) cannot be signed"));
            }
            out.extend_from_slice(n.to_string().as_bytes());
        }
        Value::String(s) => {
            serde_json::to_writer(&mut *out, s).map_err(|e| e.to_string())?;
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(item, out)?;
            }
            out.push(b']');
        }
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            if let Some((k, _)) = entries.iter().find(|(k, _)| !k.is_ascii()) {
                return Err(format!("the key {k:?} is not ASCII"));
            }
            entries.sort_by(|a, b| a.0.cmp(b.0));
            out.push(b'{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                serde_json::to_writer(&mut *out, k).map_err(|e| e.to_string())?;
                out.push(b':');
                write_canonical(v, out)?;
            }
            out.push(b'}');
        }
    }
    Ok(())
}

/// The canonical bytes of a payload: what is signed and hashed.
///
/// Serde writes the fields in declaration order, which is their sorted order, and maps
/// (a `BTreeMap` and `serde_json::Map`) sorted; what is left to check is what RFC 8785
/// and our subset forbid: floating-point numbers and non-ASCII keys.
pub fn canonical_payload(payload: &Payload) -> Result<Vec<u8>, String> {
    if let Some(key) = payload.centre.keys().find(|k| !k.is_ascii()) {
        return Err(format!("the centre field {key:?} is not ASCII"));
    }
    serde_json::to_vec(payload).map_err(|e| e.to_string())
}

/// The canonical bytes of a whole signed document (a result, a self-assessment) around
/// its canonical payload; `signature` is a [`Signature`] or, for an unsigned
/// self-assessment, `None`.
pub(crate) fn canonical_file(
    format: &str,
    message: &[u8],
    signature: &impl Serialize,
) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(message.len() + 256);
    out.extend_from_slice(b"{\"format\":");
    serde_json::to_writer(&mut out, format).map_err(|e| e.to_string())?;
    out.extend_from_slice(b",\"payload\":");
    out.extend_from_slice(message);
    out.extend_from_slice(b",\"signature\":");
    serde_json::to_writer(&mut out, signature).map_err(|e| e.to_string())?;
    out.push(b'}');
    Ok(out)
}

/// The canonical bytes of a co-signed result (`akredit-result/2`) around its canonical
/// payload: `{"format":…,"payload":…,"signatures":[…]}`, each signature an object of
/// exactly `name`, `public_key`, `role` and `value` (declared in that order, so serde
/// writes them sorted).
pub(crate) fn canonical_cosigned(
    format: &str,
    message: &[u8],
    signatures: &[super::MemberSignature],
) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(message.len() + 256 * (signatures.len() + 1));
    out.extend_from_slice(b"{\"format\":");
    serde_json::to_writer(&mut out, format).map_err(|e| e.to_string())?;
    out.extend_from_slice(b",\"payload\":");
    out.extend_from_slice(message);
    out.extend_from_slice(b",\"signatures\":");
    serde_json::to_writer(&mut out, signatures).map_err(|e| e.to_string())?;
    out.push(b'}');
    Ok(out)
}
