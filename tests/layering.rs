//! The core stays pure: `domain`, `engine`, `check`, `messages` and `policy`
//! never reach into the edges (`load`, `render`, `commands`, `cli`), so they
//! can be tested on in-memory values and reused by any front end.
//! Rerun with `cargo test --test layering`.

use std::path::{Path, PathBuf};

const CORE: [&str; 5] = ["domain", "engine", "check", "messages", "policy"];
const EDGES: [&str; 4] = ["load", "render", "commands", "cli"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The edge modules a line of Rust names through `crate::`, including
/// grouped imports such as `use crate::{load, render}`.
fn edges_named(line: &str) -> Vec<&'static str> {
    let code = line.split("//").next().unwrap_or("");
    EDGES
        .into_iter()
        .filter(|edge| {
            code.contains(&format!("crate::{edge}::"))
                || code.contains(&format!("crate::{edge};"))
                || code.contains(&format!("crate::{edge} "))
                || (code.contains("crate::{") && code.split("crate::{").nth(1).is_some_and(|g| g.split(['}', ',', ' ']).any(|w| w == *edge)))
        })
        .collect()
}

#[test]
fn the_core_imports_nothing_from_the_edges() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut offences = Vec::new();
    for core in CORE {
        let mut files = Vec::new();
        let dir = src.join(core);
        if dir.is_dir() {
            rust_files(&dir, &mut files);
        }
        for file in files {
            let text = std::fs::read_to_string(&file).expect("a source file reads");
            for (n, line) in text.lines().enumerate() {
                for edge in edges_named(line) {
                    offences.push(format!("{}:{}: {core} names {edge}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(offences.is_empty(), "the core reaches into the edges:\n{}", offences.join("\n"));
}

#[test]
fn the_check_sees_every_form_of_import() {
    assert_eq!(edges_named("use crate::load::columns::TableKind;"), ["load"]);
    assert_eq!(edges_named("    let x = crate::render::table::mask(p);"), ["render"]);
    assert_eq!(edges_named("use crate::{cli, domain};"), ["cli"]);
    assert!(edges_named("use crate::domain::columns; // not crate::load::x").is_empty());
    assert!(edges_named("use crate::loader_free::x;").is_empty());
}
