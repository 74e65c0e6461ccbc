//! The shipped example runs in the suite and is compared byte for byte with
//! its expected output in examples/expected, so it cannot rot.
//! `LEADCTL_BLESS=1 cargo test` rewrites the expected files after a
//! deliberate change; review the diff before committing it.

use std::path::Path;

use super::leadctl;

const FILES: [&str; 3] = ["deals.csv", "claims.csv", "commissions.csv"];

#[test]
fn the_example_alliance_matches_its_expected_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    leadctl().current_dir(root).args(["attribute", "--out"]).arg(out.path()).assert().success();
    let expected = root.join("examples/expected");
    for name in FILES {
        let actual = std::fs::read_to_string(out.path().join(name)).unwrap();
        if std::env::var_os("LEADCTL_BLESS").is_some() {
            std::fs::create_dir_all(&expected).unwrap();
            std::fs::write(expected.join(name), &actual).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(expected.join(name)).unwrap_or_default();
        assert!(actual == want, "examples/expected/{name} differs from attribute --out; if intended, rerun with LEADCTL_BLESS=1:\n{}",
            first_difference(&want, &actual));
    }
}

#[test]
fn check_on_the_example_prints_its_findings_and_exits_1() {
    // The example's rules.toml says lang = "zh"; both languages are pinned.
    for (lang, file) in [("zh", "check.zh.txt"), ("en", "check.en.txt")] {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let a = leadctl().current_dir(root).args(["--lang", lang, "check", "--as-of", "2026-06-20"]).assert().code(1);
        let actual = String::from_utf8(a.get_output().stdout.clone()).unwrap();
        let path = root.join("examples/expected").join(file);
        if std::env::var_os("LEADCTL_BLESS").is_some() {
            std::fs::write(&path, &actual).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(actual == want, "examples/expected/{file} differs:\n{}", first_difference(&want, &actual));
    }
}

#[test]
fn check_on_the_example_speaks_its_rules_language() {
    if std::env::var_os("LEADCTL_BLESS").is_some() {
        return; // check.zh.txt is being rewritten by the test above
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let a = leadctl().current_dir(root).args(["check", "--as-of", "2026-06-20"]).assert().code(1);
    let actual = String::from_utf8(a.get_output().stdout.clone()).unwrap();
    let want = std::fs::read_to_string(root.join("examples/expected/check.zh.txt")).unwrap_or_default();
    assert!(actual == want, "check without --lang on the example differs from check.zh.txt:\n{}", first_difference(&want, &actual));
}

fn first_difference(want: &str, got: &str) -> String {
    for (i, (w, g)) in want.lines().zip(got.lines()).enumerate() {
        if w != g {
            return format!("line {}:\n  want: {w}\n  got:  {g}", i + 1);
        }
    }
    format!("want {} lines, got {}", want.lines().count(), got.lines().count())
}

#[test]
fn the_example_has_every_reason_basis_and_status() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = leadctl().current_dir(root).args(["attribute", "--format", "json"]).assert().success().get_output().stdout.clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let values = |list: &str, key: &str| -> Vec<String> {
        doc[list].as_array().unwrap().iter().filter_map(|r| r[key].as_str().map(String::from)).collect()
    };
    let (reasons, statuses, bases) = (values("claims", "reason"), values("claims", "status"), values("deals", "basis"));
    for r in ["unknown_rep", "missing_fields", "bad_phone", "after_deal", "late_claim", "cross_region", "duplicate", "over_quota"] {
        assert!(reasons.iter().any(|x| x == r), "no {r}");
    }
    for s in ["invalid", "won", "active", "expired", "lapsed"] {
        assert!(statuses.iter().any(|x| x == s), "no {s}");
    }
    for b in ["ruling", "repeat", "claim", "closer"] {
        assert!(bases.iter().any(|x| x == b), "no {b}");
    }
    let rows = doc["claims"].as_array().unwrap().len();
    assert!(rows >= 60 && doc["deals"].as_array().unwrap().len() >= 25);
}

/// `leadctl ARGS` on the shipped example, its standard output pinned in
/// examples/expected/NAME (`LEADCTL_BLESS=1` rewrites it), never wrapped.
fn pinned(name: &str, args: &[&str]) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let a = leadctl().current_dir(root).env_remove("COLUMNS").args(args).assert().success();
    let actual = String::from_utf8(a.get_output().stdout.clone()).unwrap();
    let path = root.join("examples/expected").join(name);
    if std::env::var_os("LEADCTL_BLESS").is_some() {
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(actual == want, "examples/expected/{name} differs from leadctl {}:\n{}", args.join(" "), first_difference(&want, &actual));
}

#[test]
fn attribute_on_the_example_in_chinese_and_english() {
    pinned("attribute.zh.txt", &["--lang", "zh", "attribute"]);
    pinned("attribute.en.txt", &["--lang", "en", "attribute"]);
}

#[test]
fn explain_on_the_example_in_chinese_and_english() {
    // A duplicate, a won claim and a closed period; an expiry and an orphan touch.
    for phone in ["13816625471", "15921376604"] {
        pinned(&format!("explain-{phone}.zh.txt"), &["--lang", "zh", "explain", phone]);
        pinned(&format!("explain-{phone}.en.txt"), &["--lang", "en", "explain", phone]);
    }
}

/// The files `attribute --out` writes: the same identifiers in both
/// languages, the `detail` column in each (examples/expected holds the
/// Chinese the example's rules.toml asks for; en/ the English).
#[test]
fn the_detail_column_is_in_the_language_and_nothing_else_changes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    for (lang, dir) in [("zh", "examples/expected"), ("en", "examples/expected/en")] {
        let to = out.path().join(lang);
        leadctl().current_dir(root).args(["--lang", lang, "attribute", "--out"]).arg(&to).assert().success();
        for name in FILES {
            let actual = std::fs::read_to_string(to.join(name)).unwrap();
            let path = root.join(dir).join(name);
            if std::env::var_os("LEADCTL_BLESS").is_some() {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &actual).unwrap();
                continue;
            }
            let want = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(actual == want, "{dir}/{name} differs:\n{}", first_difference(&want, &actual));
        }
    }
    // Every column but `detail` is the same in both languages.
    for name in FILES {
        let strip = |lang: &str| -> Vec<String> {
            let text = std::fs::read_to_string(out.path().join(lang).join(name)).unwrap();
            let mut r = csv::Reader::from_reader(text.as_bytes());
            let detail = r.headers().unwrap().iter().position(|h| h == "detail").unwrap();
            r.records().map(|rec| rec.unwrap().iter().enumerate().filter(|(i, _)| *i != detail).map(|(_, c)| c).collect::<Vec<_>>().join(",")).collect()
        };
        assert_eq!(strip("zh"), strip("en"), "{name}");
    }
}
