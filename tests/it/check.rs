//! `check` exit statuses: 0 clean, 1 findings, 2 could not run.

use super::{CLAIMS, RULES, folder, leadctl};

fn run(dir: &std::path::Path, args: &[&str]) -> assert_cmd::assert::Assert {
    leadctl().current_dir(dir).arg("check").args(args).assert()
}

#[test]
fn a_file_that_cannot_be_opened_is_2() {
    let dir = folder(&[("rules.toml", RULES)]);
    let a = run(dir.path(), &["nope.csv"]).code(2);
    assert!(String::from_utf8_lossy(&a.get_output().stderr).starts_with("error: nope.csv: cannot open: "));
    std::fs::create_dir(dir.path().join("folder.csv")).unwrap();
    let a = run(dir.path(), &["folder.csv"]).code(2);
    assert_eq!(String::from_utf8_lossy(&a.get_output().stderr), "error: folder.csv: is a folder, not a file; give the path of the ledger file\n");
}

#[test]
fn a_bad_rules_file_is_2() {
    let dir = folder(&[("rules.toml", "[claims]\nlapse_after_days = \"ten\"\n"), ("claims.csv", CLAIMS)]);
    let a = run(dir.path(), &["claims.csv"]).code(2);
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert_eq!(err, "rules.toml:2:20: error[rules]: key `claims.lapse_after_days`: this is text; write a whole number, like 10\n");
}

#[test]
fn problems_inside_a_file_are_1_and_warnings_alone_are_0() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", "date,rep\nsoon,张伟\n")]);
    run(dir.path(), &["claims.csv"]).code(1);
    let formula = "deal_id,date,phone,amount,closed_by\nD1,2026-03-05,13800000001,100,=刘洋\n";
    let dir = folder(&[("rules.toml", RULES), ("customers.csv", formula)]);
    run(dir.path(), &["customers.csv"]).code(0);
    run(dir.path(), &["--strict", "customers.csv"]).code(1);
    // --quiet keeps a clean run silent, but never the warning --strict fails on.
    assert_eq!(run(dir.path(), &["--quiet", "customers.csv"]).code(0).get_output().stdout, b"");
    let a = run(dir.path(), &["--strict", "--quiet", "customers.csv"]).code(1);
    let out = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(out.starts_with("customers.csv:2:5: warning["), "{out}");
}

#[test]
fn nothing_to_check_is_2() {
    let dir = folder(&[("rules.toml", RULES)]);
    let a = run(dir.path(), &[]).code(2);
    assert_eq!(
        String::from_utf8_lossy(&a.get_output().stderr),
        "error: nothing to check: give FILE..., or name the ledgers under [ledgers] in rules.toml\n"
    );
}

/// Warnings beyond `--max-errors` are counted, and `--strict` still fails on
/// them when none is shown.
#[test]
fn warnings_beyond_the_cap_are_counted() {
    let deals = "deal_id,date,phone,amount,closed_by\nD1,2026-03-05,12345,100,张伟\nD2,2026-03-06,67890,100,张伟\n";
    let dir = folder(&[("rules.toml", RULES), ("customers.csv", deals)]);
    let summary = |args: &[&str], code: i32| {
        let a = run(dir.path(), args).code(code);
        let out = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
        out.lines().last().unwrap_or_default().to_string()
    };
    assert!(summary(&["--max-errors", "1", "customers.csv"], 0).ends_with(": 0 errors, 2 warnings"));
    assert!(summary(&["--max-errors", "0", "customers.csv"], 0).ends_with(": 0 errors, 2 warnings"));
    run(dir.path(), &["--strict", "--max-errors", "0", "customers.csv"]).code(1);
}

/// The operating system's reason is said once.
#[test]
fn a_missing_file_says_why_once() {
    let dir = folder(&[("rules.toml", RULES)]);
    let a = run(dir.path(), &["nope.csv"]).code(2);
    assert_eq!(String::from_utf8_lossy(&a.get_output().stderr), "error: nope.csv: cannot open: no such file; check the path and the name\n");
}

/// The summary names the files in the order they were given.
#[test]
fn the_summary_keeps_the_order_given() {
    let deals = "deal_id,date,phone,amount,closed_by\nD1,2026-03-05,13800000001,100,张伟\n";
    let dir = folder(&[("rules.toml", RULES), ("d.csv", deals), ("e.csv", ""), ("c.csv", CLAIMS)]);
    let a = run(dir.path(), &["d.csv", "e.csv", "c.csv"]).code(1);
    let out = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    let summary = out.lines().last().unwrap_or_default();
    assert!(summary.starts_with("checked d.csv (customer ledger, UTF-8, 1 row), e.csv (empty), c.csv (claim ledger, UTF-8, 2 rows) with rules.toml"), "{summary}");
}

/// Without `--as-of`, `check` takes today in rules.toml's time zone
/// (`LEADCTL_TODAY` stands in for the clock) and says so.
#[test]
fn today_is_the_alliance_s_day_and_check_says_which() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS)]);
    let a = leadctl().current_dir(dir.path()).args(["check", "claims.csv"]).env("LEADCTL_TODAY", "2026-03-02").assert().code(1);
    let out = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(out.ends_with("with rules.toml, as of 2026-03-02 (today in Asia/Shanghai): 1 error, 0 warnings\n"), "{out}");
    let rules = format!("timezone = \"Asia/Urumqi\"\n{RULES}");
    let dir = folder(&[("rules.toml", &rules), ("claims.csv", CLAIMS)]);
    let a = leadctl().current_dir(dir.path()).args(["check", "--format", "json", "claims.csv"]).env("LEADCTL_TODAY", "2026-03-02").assert().code(1);
    let doc: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert_eq!((doc["as_of"].as_str(), doc["today_in"].as_str()), (Some("2026-03-02"), Some("Asia/Urumqi")));
    let a = leadctl().current_dir(dir.path()).args(["check", "--as-of", "2026-03-02", "claims.csv"]).assert().code(1);
    assert!(String::from_utf8_lossy(&a.get_output().stdout).ends_with("with rules.toml: 1 error, 0 warnings\n"), "a day given is not today");
}

#[test]
fn a_bad_timezone_or_lang_names_the_key() {
    for (text, want) in [
        ("timezone = \"Shanghai\"\n", "rules.toml:1:12: error[rules]: key `timezone`: `Shanghai` is not a time zone; write an IANA time zone name such as \"Asia/Shanghai\" or \"Asia/Hong_Kong\"\n"),
        ("lang = \"cn\"\n", "rules.toml:1:8: error[rules]: key `lang`: `cn` is not a language; write \"zh\" or \"en\"\n"),
    ] {
        let dir = folder(&[("rules.toml", text), ("claims.csv", CLAIMS)]);
        let a = run(dir.path(), &["claims.csv"]).code(2);
        assert_eq!(String::from_utf8_lossy(&a.get_output().stderr), want);
    }
}

/// A `LEADCTL_TODAY` that is not a day stops `check`, in either language.
#[test]
fn a_bad_stand_in_for_the_clock_is_2() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS)]);
    for (lang, want) in [
        ("en", "error: LEADCTL_TODAY=`soon`: write a day as YYYY-MM-DD, or unset the variable\n"),
        ("zh", "error: LEADCTL_TODAY=`soon`：请写成 YYYY-MM-DD 这样的日期，或者不设这个变量\n"),
    ] {
        let a = leadctl().current_dir(dir.path()).args(["--lang", lang, "check", "claims.csv"]).env("LEADCTL_TODAY", "soon").assert().code(2);
        assert_eq!(String::from_utf8_lossy(&a.get_output().stderr), want);
    }
}
