//! Wording people read lives under `src/messages/` and nowhere else (issue
//! 中文界面): a string literal elsewhere in `src/` that reads as English prose
//! (two words or more) fails this test, so a message cannot be added in one
//! language only. Code that is not wording is left alone: tests, comments,
//! panics that mean a bug (`expect`, `unreachable!`, asserts), clap
//! attributes that are names, not help.

use std::path::Path;

/// Words of two letters or more, then a space and a lower-case word: prose.
fn reads_as_prose(literal: &str) -> bool {
    let words: Vec<&str> = literal.split(|c: char| !c.is_ascii_alphabetic() && c != '\'').filter(|w| !w.is_empty()).collect();
    let spaced = literal.split_whitespace().filter(|w| w.chars().all(|c| c.is_ascii_alphabetic() || ",.;:'?".contains(c)) && w.len() >= 2);
    words.len() >= 2 && spaced.count() >= 2
}

/// Lines that may hold English: a bug's panic, a comment, a name for clap.
fn exempt(line: &str) -> bool {
    let code = line.trim_start();
    code.starts_with("//")
        || code.starts_with("#[doc")
        || ["expect(", "unreachable!(", "panic!(", "assert!(", "assert_eq!(", "debug_assert", "todo!("].iter().any(|p| line.contains(p))
}

/// String literals of a line (plain `"…"` only; enough for this check).
fn literals(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    let mut prev = ' ';
    while let Some(c) = chars.next() {
        if c == '/' && chars.peek() == Some(&'/') {
            break;
        }
        if c == '\'' && prev != '\\' {
            // A char literal such as '"': skip it whole.
            let rest: String = chars.clone().take(3).collect();
            if let Some(end) = rest.find('\'') {
                (0..=end).for_each(|_| { chars.next(); });
                prev = '\'';
                continue;
            }
        }
        if c == '"' {
            let mut lit = String::new();
            let mut escaped = false;
            for d in chars.by_ref() {
                if escaped {
                    escaped = false;
                    lit.push(d);
                } else if d == '\\' {
                    escaped = true;
                } else if d == '"' {
                    break;
                } else {
                    lit.push(d);
                }
            }
            out.push(lit);
        }
        prev = c;
    }
    out
}

fn offenders(dir: &Path, found: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("src is readable").flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.ends_with("src/messages") {
            continue;
        }
        if path.is_dir() {
            offenders(&path, found);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") || path.file_name().is_some_and(|n| n == "testkit.rs" || n == "props.rs" || n == "link_props.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a source file reads");
        for (i, line) in text.lines().enumerate() {
            if line.starts_with("#[cfg(test)]") {
                break;
            }
            if exempt(line) {
                continue;
            }
            for lit in literals(line).into_iter().filter(|l| reads_as_prose(l)) {
                found.push(format!("{}:{}: \"{lit}\"", path.display(), i + 1));
            }
        }
    }
}

#[test]
fn the_prose_detector_tells_prose_from_names() {
    assert!(reads_as_prose("no such rules file"));
    assert!(reads_as_prose("{file}: cannot read it"));
    assert!(!reads_as_prose("claims.csv"));
    assert!(!reads_as_prose("{}: {}"));
    assert!(!reads_as_prose("FILE[SHEET]:LINE"));
    assert!(!reads_as_prose("报备 已失效"));
    assert_eq!(literals(r#"let x = f("a b", '"', "c\"d"); // "not this""#), vec!["a b".to_string(), "c\"d".to_string()]);
}

#[test]
fn no_english_prose_outside_messages() {
    let mut found = Vec::new();
    offenders(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut found);
    assert!(found.is_empty(), "{} literals read as English prose outside src/messages/ — word them in src/messages/ in zh and en:\n{}", found.len(), found.join("\n"));
}
