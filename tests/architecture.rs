//! The rules of ARCHITECTURE.md that a test can check, read off the source files:
//! dependencies run one way (`main` → `cli` | `ui` | `bench` → domain → `support`), the
//! domain knows no user interface (no egui, clap, rfd; no command-line flag in its
//! texts), and no two files depend on each other, directly or around a circle.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The domain: what an inspection is, whatever shows it.
const DOMAIN: &[&str] = &[
    "catalogue",
    "answers",
    "scoring",
    "inspection",
    "signed",
    "self_assessment",
    "protocol",
    "commission",
];

/// The outer layers: the ways in.
const OUTER: &[&str] = &["cli", "ui", "bench"];

/// One source file as a module path (`inspection::backup`) and its text without its tests.
struct Source {
    module: Vec<String>,
    text: String,
}

fn sources() -> Vec<Source> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files
        .into_iter()
        .filter_map(|path| {
            let rel = path.strip_prefix(&root).ok()?.with_extension("");
            let mut module: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if module.last().is_some_and(|m| m == "mod" || m == "lib") {
                module.pop();
            }
            let text = fs::read_to_string(&path).ok()?;
            // Tests sit in a `#[cfg(test)]` module at the end of a file.
            let text = match text.find("#[cfg(test)]") {
                Some(at) => text[..at].to_string(),
                None => text,
            };
            Some(Source { module, text })
        })
        .collect()
}

fn walk(dir: &Path, into: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

/// The text without comments, so that a doc comment naming a module is no dependency.
fn code_of(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(at) if !l[..at].contains('"') => &l[..at],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules a file refers to: `crate::a::b` paths, and `super::x` where `x` is a
/// module beside the file (as far as such a module exists).
fn references(src: &Source, modules: &BTreeSet<Vec<String>>) -> BTreeSet<Vec<String>> {
    let code = code_of(&src.text);
    let mut found = BTreeSet::new();
    let deepest = |mut path: Vec<String>| {
        while !path.is_empty() && !modules.contains(&path) {
            path.pop();
        }
        path
    };
    for (at, _) in code.match_indices("crate::") {
        let path: Vec<String> = code[at + 7..]
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .next()
            .unwrap_or("")
            .split("::")
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        found.insert(deepest(path));
    }
    // `super::x` and `use super::{x, y}` from a file: its parent module's children.
    let parent: Vec<String> = src.module[..src.module.len().saturating_sub(1)].to_vec();
    for (at, _) in code.match_indices("super::") {
        let rest = &code[at + 7..];
        let names: Vec<&str> = if let Some(list) = rest.strip_prefix('{') {
            list.split('}').next().unwrap_or("").split(',').collect()
        } else {
            vec![rest]
        };
        for name in names {
            let first: String = name
                .trim()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let mut path = parent.clone();
            path.push(first);
            found.insert(deepest(path));
        }
    }
    found.remove(&src.module);
    found
}

fn top(module: &[String]) -> &str {
    module.first().map_or("", String::as_str)
}

/// Which modules each file refers to.
type Edges = BTreeMap<Vec<String>, BTreeSet<Vec<String>>>;

fn graph() -> Edges {
    let sources = sources();
    let modules: BTreeSet<Vec<String>> = sources.iter().map(|s| s.module.clone()).collect();
    sources
        .iter()
        .map(|s| (s.module.clone(), references(s, &modules)))
        .collect()
}

#[test]
fn dependencies_run_one_way() {
    let edges = graph();
    let mut wrong = Vec::new();
    for (from, tos) in &edges {
        for to in tos {
            let (f, t) = (top(from), top(to));
            let bad = (f == "support" && (DOMAIN.contains(&t) || OUTER.contains(&t)))
                || (DOMAIN.contains(&f) && OUTER.contains(&t))
                || (f == "ui" && (t == "cli" || t == "bench"))
                || (f == "cli" && t == "ui")
                || (f == "bench" && t == "cli");
            if bad {
                wrong.push(format!("{} → {}", from.join("::"), to.join("::")));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "dependencies against the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_domain_knows_no_user_interface() {
    let mut wrong = Vec::new();
    for src in sources() {
        let t = top(&src.module).to_string();
        if !(DOMAIN.contains(&t.as_str()) || t == "support") {
            continue;
        }
        let code = code_of(&src.text);
        for word in ["egui", "eframe", "clap", "rfd::"] {
            if code.contains(word) {
                wrong.push(format!("{} names {word}", src.module.join("::")));
            }
        }
        // A command-line flag in a text: `--draft`, `--catalogue` … (a `--` that is not
        // followed by a letter, as in backup names, is no flag).
        for (at, _) in code.match_indices("--") {
            let next = code[at + 2..].chars().next().unwrap_or(' ');
            let before = code[..at].chars().last().unwrap_or(' ');
            if next.is_ascii_lowercase() && (before == ' ' || before == '"' || before == '(') {
                let line = code[..at].lines().count();
                wrong.push(format!(
                    "{} names a flag at line {line}",
                    src.module.join("::")
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_two_files_depend_on_each_other() {
    let edges = graph();
    // A module's own files (its mod.rs and the files under it) are one house: only edges
    // between files where neither is inside the other count.
    let outside = |a: &Vec<String>, b: &Vec<String>| !a.starts_with(b) && !b.starts_with(a);
    let mut cycles = Vec::new();
    for (a, tos) in &edges {
        for b in tos.iter().filter(|b| outside(a, b)) {
            // Is `a` reachable from `b`?
            let mut seen = BTreeSet::new();
            let mut stack = vec![b.clone()];
            while let Some(m) = stack.pop() {
                if !seen.insert(m.clone()) {
                    continue;
                }
                for next in edges.get(&m).into_iter().flatten() {
                    if outside(&m, next) {
                        if next == a {
                            cycles.push(format!("{} ⇄ {}", a.join("::"), b.join("::")));
                        }
                        stack.push(next.clone());
                    }
                }
            }
        }
    }
    cycles.sort();
    cycles.dedup();
    assert!(
        cycles.is_empty(),
        "files that depend on each other:\n{}",
        cycles.join("\n")
    );
}
