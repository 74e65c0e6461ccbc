//! The diagnostic catalogue: one small input per `check` code, with the
//! exact output and exit status, in tests/catalogue/*.trycmd.
//! `TRYCMD=overwrite cargo test --test catalogue` records new output;
//! review the diff before committing it.

#[test]
fn catalogue() {
    // No locale: the language is `--lang`, else English, whatever the machine's.
    trycmd::TestCases::new().env("LC_ALL", "").env("LC_MESSAGES", "").env("LANG", "C").case("tests/catalogue/*.trycmd");
}

/// Every code has a transcript that shows it (`error[code]` or
/// `warning[code]` in some recorded output) in each language: English in
/// `CODE.trycmd`, Chinese in `CODE.zh.trycmd` (run with `--lang zh`, on the
/// same input: `CODE.zh.in` links to `CODE.in`).
#[test]
fn every_code_has_a_transcript() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/catalogue");
    let mut en = Vec::new();
    let mut zh = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("tests/catalogue").filter_map(|e| e.ok()) {
        let path = entry.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
        if !name.ends_with(".trycmd") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a transcript reads");
        if name.ends_with(".zh.trycmd") {
            let commands: Vec<&str> = text.lines().filter(|l| l.starts_with("$ leadctl")).collect();
            assert!(commands.iter().all(|c| c.contains(" --lang zh")), "{name}: every command runs with --lang zh");
            zh.push(text);
        } else {
            en.push(text);
        }
    }
    let lacking = |transcripts: &[String]| -> Vec<&str> {
        leadctl::diag::Code::ALL
            .iter()
            .map(|c| c.as_str())
            .filter(|code| !transcripts.iter().any(|t| t.contains(&format!("[{code}]:"))))
            .collect()
    };
    let (no_en, no_zh) = (lacking(&en), lacking(&zh));
    assert!(no_en.is_empty(), "codes with no English transcript in tests/catalogue: {no_en:?}");
    assert!(no_zh.is_empty(), "codes with no Chinese transcript (CODE.zh.trycmd) in tests/catalogue: {no_zh:?}");
}

/// Fatal errors and help are pinned in both languages: every
/// `fatal_*.trycmd` and `help.trycmd` has its `.zh.trycmd`, and back.
#[test]
fn fatal_errors_and_help_have_both_languages() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/catalogue");
    let names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/catalogue")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".trycmd") && (n.starts_with("fatal_") || n.starts_with("help.")))
        .collect();
    assert!(names.len() >= 10, "{names:?}");
    for name in &names {
        let other = match name.strip_suffix(".zh.trycmd") {
            Some(stem) => format!("{stem}.trycmd"),
            None => name.replace(".trycmd", ".zh.trycmd"),
        };
        assert!(names.contains(&other), "{name} has no {other}");
    }
}
