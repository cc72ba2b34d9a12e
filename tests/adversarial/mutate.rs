//! Deterministic mutations of files: bytes, JSON structure, CSV lines.
//!
//! Every mutant is made by one [`Rng`] seeded from the run's seed and the case's index,
//! so a reported (seed, index) pair gives the same mutant again without running the
//! cases before it.

use serde_json::Value;

/// SplitMix64: small, fast, and good enough to choose mutations.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// The generator of one case: `seed`, the loop's name and the case's index mixed.
    pub fn for_case(seed: u64, lane: &str, index: u64) -> Rng {
        let lane_hash = lane.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        let mut rng = Rng(seed ^ lane_hash ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        rng.next();
        rng
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// True with probability `1 / n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// A random byte.
    pub fn byte(&mut self) -> u8 {
        self.next() as u8
    }

    /// `n` random bytes.
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.byte()).collect()
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The seed of this run: `AKREDIT_FUZZ_SEED` (decimal or 0x-hex) or the clock.
pub fn seed_from_env() -> u64 {
    match std::env::var("AKREDIT_FUZZ_SEED") {
        Ok(text) => {
            let text = text.trim();
            let parsed = match text.strip_prefix("0x") {
                Some(hex) => u64::from_str_radix(hex, 16),
                None => text.parse(),
            };
            parsed.unwrap_or_else(|_| panic!("AKREDIT_FUZZ_SEED={text:?} is not a number"))
        }
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0x5EED),
    }
}

/// How many cases a loop runs: `AKREDIT_FUZZ_CASES`, or `default`.
pub fn cases_from_env(default: u64) -> u64 {
    std::env::var("AKREDIT_FUZZ_CASES")
        .ok()
        .map(|t| {
            t.trim()
                .parse()
                .unwrap_or_else(|_| panic!("AKREDIT_FUZZ_CASES={t:?} is not a number"))
        })
        .unwrap_or(default)
}

/// A random position in `0..=len`, biased to the middle half half of the time (where a
/// file's content is, rather than its first bytes).
fn position(rng: &mut Rng, len: usize) -> usize {
    if len > 8 && rng.one_in(2) {
        len / 4 + rng.below(len / 2)
    } else {
        rng.below(len + 1)
    }
}

/// One byte-level edit: flip a bit, replace, insert or delete bytes or ranges,
/// duplicate a range, or truncate.
pub fn mutate_bytes(rng: &mut Rng, data: &mut Vec<u8>) {
    let len = data.len();
    let at = position(rng, len.saturating_sub(1));
    let widest = if rng.one_in(4) { 512 } else { 8 };
    let span = 1 + rng.below(widest);
    match rng.below(8) {
        0 | 1 if len > 0 => data[at] ^= 1 << rng.below(8),
        2 if len > 0 => data[at] = rng.byte(),
        3 => {
            let end = (at + span).min(len);
            let fresh = rng.bytes(end - at);
            data[at..end].copy_from_slice(&fresh);
        }
        4 => {
            let fresh = rng.bytes(span);
            data.splice(at.min(len)..at.min(len), fresh);
        }
        5 => {
            let end = (at + span).min(len);
            data.drain(at.min(len)..end);
        }
        6 => {
            let end = (at + span).min(len);
            let chunk = data[at.min(len)..end].to_vec();
            let to = rng.below(data.len() + 1);
            data.splice(to..to, chunk);
        }
        _ => data.truncate(rng.below(len + 1)),
    }
}

/// In-place byte edits only (flips and overwrites, the file keeps its size): what a
/// failing disk or a careless editor does to a database page.
pub fn mutate_in_place(rng: &mut Rng, data: &mut [u8]) {
    if data.is_empty() {
        return;
    }
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(data.len());
        if rng.one_in(3) {
            let end = (at + 1 + rng.below(64)).min(data.len());
            for b in &mut data[at..end] {
                *b = rng.byte();
            }
        } else {
            data[at] ^= 1 << rng.below(8);
        }
    }
}

/// One structure-aware edit of a JSON document: change a number or a string, drop or
/// duplicate a key, reorder an object's keys, change a value's type, drop or duplicate
/// an array element. Falls back to a byte edit when the input is not JSON.
pub fn mutate_json(rng: &mut Rng, data: &[u8]) -> Vec<u8> {
    let Ok(mut value) = serde_json::from_slice::<Value>(data) else {
        let mut out = data.to_vec();
        mutate_bytes(rng, &mut out);
        return out;
    };
    let nodes = count_nodes(&value);
    let target = rng.below(nodes);
    let mut layout = Layout::default();
    let mut seen = 0;
    edit_node(&mut value, target, &mut seen, rng, &mut layout);
    let mut out = Vec::with_capacity(data.len() + 64);
    write_json(&value, &layout, &mut 0, &mut out);
    out
}

/// How the writer lays out the object numbered `object`: keys reversed, or one key
/// written twice.
#[derive(Default)]
struct Layout {
    object: Option<usize>,
    reversed: bool,
    duplicate_key: Option<String>,
}

fn count_nodes(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(count_nodes).sum(),
        Value::Object(o) => o.values().map(count_nodes).sum(),
        _ => 0,
    }
}

/// Walks to the node numbered `target` (pre-order) and edits it.
fn edit_node(v: &mut Value, target: usize, seen: &mut usize, rng: &mut Rng, layout: &mut Layout) {
    if *seen == target {
        edit_here(v, *seen, rng, layout);
        *seen = usize::MAX / 2;
        return;
    }
    *seen += 1;
    match v {
        Value::Array(a) => a
            .iter_mut()
            .for_each(|c| edit_node(c, target, seen, rng, layout)),
        Value::Object(o) => o
            .values_mut()
            .for_each(|c| edit_node(c, target, seen, rng, layout)),
        _ => {}
    }
}

fn edit_here(v: &mut Value, index: usize, rng: &mut Rng, layout: &mut Layout) {
    match v {
        Value::Number(n) => {
            let x = n.as_i64().unwrap_or(0);
            let choices = [
                x.wrapping_add(1),
                x.wrapping_sub(1),
                x.wrapping_neg(),
                0,
                7,
                i64::MAX,
                1_000_000_007,
            ];
            *v = if rng.one_in(8) {
                Value::from(x as f64 + 0.5)
            } else {
                Value::from(*rng.pick(&choices))
            };
        }
        Value::String(s) => edit_string(s, rng),
        Value::Object(o) if !o.is_empty() => {
            let keys: Vec<String> = o.keys().cloned().collect();
            let key = rng.pick(&keys).clone();
            match rng.below(3) {
                0 => {
                    o.remove(&key);
                }
                1 => {
                    layout.object = Some(index);
                    layout.duplicate_key = Some(key);
                }
                _ => {
                    layout.object = Some(index);
                    layout.reversed = true;
                }
            }
        }
        Value::Array(a) if !a.is_empty() => {
            let i = rng.below(a.len());
            if rng.one_in(2) {
                a.remove(i);
            } else {
                let copy = a[i].clone();
                a.insert(i, copy);
            }
        }
        _ => {
            *v = rng
                .pick(&[Value::Null, Value::from(true), Value::from("")])
                .clone()
        }
    }
}

fn edit_string(s: &mut String, rng: &mut Rng) {
    let replacements = [
        "",
        "9.9.9",
        "1.1.4",
        "0",
        "3",
        "7",
        "../../outside",
        "akredit-result/1",
        "\u{202E}",
        "\u{1b}[8m",
        "ПВ",
        "null",
    ];
    match rng.below(4) {
        0 => *s = rng.pick(&replacements).to_string(),
        1 => s.push(*rng.pick(&['x', '0', 'Я', '"', '\\', '\u{0}'])),
        2 => {
            let mut chars: Vec<char> = s.chars().collect();
            if !chars.is_empty() {
                let i = rng.below(chars.len());
                chars[i] = *rng.pick(&['A', '1', 'ї', '.', ' ']);
            }
            *s = chars.into_iter().collect();
        }
        _ => *s = s.to_uppercase(),
    }
}

/// Compact JSON with sorted keys (the canonical layout of the subset results use),
/// except for the one object `layout` names.
fn write_json(v: &Value, layout: &Layout, index: &mut usize, out: &mut Vec<u8>) {
    let mine = *index;
    *index += 1;
    match v {
        Value::Array(a) => {
            out.push(b'[');
            for (i, c) in a.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_json(c, layout, index, out);
            }
            out.push(b']');
        }
        Value::Object(o) => {
            let here = layout.object == Some(mine);
            let mut entries: Vec<(&String, &Value)> = o.iter().collect();
            if here && layout.reversed {
                entries.reverse();
            }
            out.push(b'{');
            for (i, (k, c)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_member(k, c, layout, index, out);
                if here && layout.duplicate_key.as_deref() == Some(k.as_str()) {
                    out.push(b',');
                    let mut skip = *index;
                    write_member(k, c, &Layout::default(), &mut skip, out);
                }
            }
            out.push(b'}');
        }
        leaf => out.extend(serde_json::to_vec(leaf).unwrap_or_default()),
    }
}

fn write_member(k: &str, c: &Value, layout: &Layout, index: &mut usize, out: &mut Vec<u8>) {
    out.extend(serde_json::to_vec(k).unwrap_or_default());
    out.push(b':');
    write_json(c, layout, index, out);
}

/// One edit of a CSV sheet: drop, duplicate or swap lines, or change one cell to a
/// hostile value. Falls back to a byte edit for bytes that are not UTF-8.
pub fn mutate_csv(rng: &mut Rng, data: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(data) else {
        let mut out = data.to_vec();
        mutate_bytes(rng, &mut out);
        return out;
    };
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let i = rng.below(lines.len());
    let j = rng.below(lines.len());
    match rng.below(4) {
        0 => {
            lines.remove(i);
        }
        1 => {
            let copy = lines[i].clone();
            lines.insert(j, copy);
        }
        2 => lines.swap(i, j),
        _ => {
            let mut cells: Vec<String> = lines[i].split(',').map(str::to_string).collect();
            let c = rng.below(cells.len());
            let hostile = [
                "", "7", "-1", "ПВ", "9.9.9", "1.1.4", "\"", "3;3", "=cmd()", "В",
            ];
            cells[c] = rng.pick(&hostile).to_string();
            lines[i] = cells.join(",");
        }
    }
    lines.join("\n").into_bytes()
}
