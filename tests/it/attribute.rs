//! `attribute` end to end: outputs, determinism, safe writing.

use super::{CLAIMS, CUSTOMERS, RULES, attribute, folder};

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn writes_three_files_with_the_spec_columns() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    attribute(dir.path(), &["--out", "out"]).success();
    let out = dir.path().join("out");
    assert_eq!(
        read(&out.join("deals.csv")),
        "\u{feff}deal_id,date,customer,phone,amount,refunded,net_amount,closed_by,owner,basis,claim_row,deal_row,detail\n\
         D1,2026-03-05,,13800000001,12800.50,0.00,12800.50,刘洋,张伟,claim,claims.csv:2,customers.csv:2,\
         张伟 claims.csv:2 protects 2026-03-01 → 2026-03-11 on the deal day 2026-03-05\n"
    );
    assert_eq!(
        read(&out.join("claims.csv")),
        "\u{feff}row,date,rep,customer,phone,status,reason,end_day,detail\n\
         claims.csv:2,2026-03-01,张伟,王芳,13800000001,won,,2026-03-11,\
         won deal D1 (customers.csv:2); protected 2026-03-01 → 2026-03-11; lapse: last touch 2026-03-01 + claims.lapse_after_days 10 = 2026-03-11\n\
         claims.csv:3,2026-03-02,刘洋,王芳,13800000001,invalid,duplicate,,\
         张伟 claims.csv:2 protects this customer 2026-03-01 → 2026-03-11 (先报先保)\n"
    );
    assert_eq!(
        read(&out.join("commissions.csv")),
        "\u{feff}period,rep,channel,deals,performance,commission,bonus,total,kind,restates,detail\n\
         2026Q1,张伟,field,1,12800.50,256.01,2200.00,2456.01,earned,,marginal tiers on 12800.50; 1 new customer × 200; champion 2000\n"
    );
}

#[test]
fn same_input_same_bytes() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    let first = attribute(dir.path(), &["--format", "json"]).success().get_output().stdout.clone();
    let second = attribute(dir.path(), &["--format", "json"]).success().get_output().stdout.clone();
    assert_eq!(first, second);
    attribute(dir.path(), &["--out", "a"]).success();
    attribute(dir.path(), &["--out", "b"]).success();
    for name in ["deals.csv", "claims.csv", "commissions.csv"] {
        assert_eq!(read(&dir.path().join("a").join(name)), read(&dir.path().join("b").join(name)), "{name}");
    }
}

#[test]
fn json_is_one_document_with_exact_money() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    let out = attribute(dir.path(), &["--format", "json"]).success().get_output().stdout.clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
    assert_eq!(doc["as_of"], "2026-03-05");
    assert_eq!(doc["deals"][0]["amount"], "12800.50");
    assert_eq!(doc["deals"][0]["owner"], "张伟");
    assert_eq!(doc["claims"][1]["reason"], "duplicate");
    assert_eq!(doc["claims"][0]["reason"], serde_json::Value::Null);
    assert_eq!(doc["commissions"][0]["deals"], 1);
    assert_eq!(doc["commissions"][0]["total"], "2456.01");
}

#[test]
fn tables_fit_eighty_columns() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    let out = attribute(dir.path(), &[]).success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("Deals (1)\ndeal day        customer   amount closer owner basis claim row\n"), "{text}");
    for line in text.lines() {
        let width = unicode_width::UnicodeWidthStr::width_cjk(line);
        assert!(width <= 80, "{width} columns: {line}");
    }
}

#[test]
fn period_filters_commissions_only() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    let out = attribute(dir.path(), &["--format", "json", "--period", "2026Q2"]).success().get_output().stdout.clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["commissions"].as_array().unwrap().len(), 0);
    assert_eq!(doc["deals"].as_array().unwrap().len(), 1);
    let a = attribute(dir.path(), &["--period", "2026-03"]).code(2);
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert_eq!(err, "error: --period 2026-03 is shorter than commission.period = \"quarter\"; give a whole quarter or a year\n");
}

#[test]
fn out_refuses_to_overwrite_an_input() {
    let dir = folder(&[("rules.toml", RULES), ("deals.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    let a = super::leadctl()
        .current_dir(dir.path())
        .args(["attribute", "--claims", "deals.csv", "--customers", "customers.csv", "--out", "."])
        .assert()
        .code(2);
    assert_eq!(String::from_utf8_lossy(&a.get_output().stderr), "error: --out .: give the folder a name, like --out out/2026-03\n");
    assert_eq!(read(&dir.path().join("deals.csv")), CLAIMS);
    // A folder of leadctl's own file names, one of them the claim ledger.
    std::fs::create_dir(dir.path().join("out")).unwrap();
    std::fs::rename(dir.path().join("deals.csv"), dir.path().join("out/deals.csv")).unwrap();
    let a = super::leadctl()
        .current_dir(dir.path())
        .args(["attribute", "--claims", "out/deals.csv", "--customers", "customers.csv", "--out", "out"])
        .assert()
        .code(2);
    assert_eq!(
        String::from_utf8_lossy(&a.get_output().stderr),
        "error: --out out holds an input of this run; replacing it would destroy the input: choose another folder\n"
    );
    assert_eq!(read(&dir.path().join("out/deals.csv")), CLAIMS);
}

#[test]
fn as_of_replays_an_earlier_day() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    let out = attribute(dir.path(), &["--format", "json", "--as-of", "2026-03-04"]).success().get_output().stdout.clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["deals"].as_array().unwrap().len(), 0);
    assert_eq!(doc["claims"][0]["status"], "active");
}

#[test]
fn formulas_are_neutralised_in_csv_unless_raw() {
    let customers = "deal_id,date,customer,phone,amount,closed_by\nD1,2026-03-05,\"=HYPERLINK(\"\"x\"\")\",13800000001,100,刘洋\n";
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", customers)]);
    attribute(dir.path(), &["--out", "safe"]).success();
    let deals = read(&dir.path().join("safe/deals.csv"));
    assert!(deals.contains(",\"'=HYPERLINK(\"\"x\"\")\","), "{deals}");
    attribute(dir.path(), &["--out", "raw", "--raw"]).success();
    let deals = read(&dir.path().join("raw/deals.csv"));
    assert!(deals.contains(",\"=HYPERLINK(\"\"x\"\")\","), "{deals}");
}

#[test]
fn reconciliation_is_in_the_footer_and_the_json() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    let text = String::from_utf8(attribute(dir.path(), &[]).success().get_output().stdout.clone()).unwrap();
    assert!(text.ends_with(
        "Reconciliation\n  \
         claim-ledger rows 2 = 1 valid + 1 invalid + 0 refresh + 0 touches\n      \
         + 0 orphans + 0 blank + 0 after as-of: ok\n  \
         deal rows 1 = 1 attributed + 0 refund rows + 0 blank + 0 after as-of: ok\n  \
         deal amounts 12800.50 = 12800.50 credited to reps\n      \
         + 0.00 owned by the house + 0.00 refunded: ok\n"
    ), "{text}");
    let out = attribute(dir.path(), &["--format", "json"]).success().get_output().stdout.clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["reconciliation"]["balanced"], true);
    assert_eq!(doc["reconciliation"]["claim_rows_read"], 2);
    assert_eq!(doc["reconciliation"]["amount"], "12800.50");
}

/// Piped tables are not wrapped: a script or a file gets whole lines.
#[test]
fn piped_tables_are_not_wrapped() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    let a = super::leadctl()
        .current_dir(dir.path())
        .args(["attribute", "--rules", "rules.toml", "--claims", "claims.csv", "--customers", "customers.csv"])
        .env_remove("COLUMNS")
        .assert()
        .success();
    let text = String::from_utf8(a.get_output().stdout.clone()).unwrap();
    let duplicate = text.lines().find(|l| l.starts_with("claims.csv:3")).expect("the duplicate claim's row");
    assert!(duplicate.ends_with("(先报先保)"), "one whole line: {duplicate}");
}

/// The `detail` of each decision in Chinese says the rule in the alliance's
/// words with the numbers rules.toml sets, not the defaults, and the facts.
#[test]
fn chinese_details_use_the_configured_numbers() {
    let rules = "lang = \"zh\"\n\
        [claims]\nclaim_within_days = 2\nlapse_after_days = 7\n\
        [channels.field]\nexpire_without_visit_days = 5\nmonthly_quota = 1\n\
        [reps.\"张伟\"]\nchannel = \"field\"\n\
        [reps.\"刘洋\"]\nchannel = \"store\"\n";
    let claims = "date,rep,event,customer,phone,address,first_contact\n\
        2026-03-01,张伟,claim,王芳,13800000001,浦东张杨路100号,\n\
        2026-03-02,刘洋,claim,王芳,13800000001,浦东张杨路100号,\n\
        2026-03-03,张伟,claim,李雷,13900000002,徐汇漕溪路1号,\n\
        2026-03-10,刘洋,claim,韩梅,13700000003,徐汇漕溪路2号,2026-03-05\n\
        2026-03-20,刘洋,claim,赵六,13600000004,徐汇漕溪路3号,\n";
    let customers = "deal_id,date,phone,amount,closed_by\nD1,2026-04-30,13900000009,100,刘洋\n";
    let dir = super::folder(&[("rules.toml", rules), ("claims.csv", claims), ("customers.csv", customers)]);
    super::attribute(dir.path(), &["--out", "out"]).success();
    let text = std::fs::read_to_string(dir.path().join("out/claims.csv")).unwrap();
    let detail = |row: &str| text.lines().find(|l| l.starts_with(row)).unwrap_or_else(|| panic!("{row} in {text}")).to_string();
    assert!(detail("claims.csv:2,").contains("5日内未上门量尺或下定，报备过期（channels.field.expire_without_visit_days = 5）"), "{text}");
    assert!(detail("claims.csv:3,").ends_with(",duplicate,,重复报备：这位客户已由张伟于 2026-03-01 报备（claims.csv:2），保护至 2026-03-06；先报先保，后报放弃"), "{text}");
    assert!(detail("claims.csv:4,").contains("超出每月限额1个：本月已有1个未成交客户的有效报备，这些客户成交后才空出名额（channels.field.monthly_quota = 1）"), "{text}");
    assert!(detail("claims.csv:5,").contains("首次接触是 2026-03-05，5天后才报备，未在2天内报备（claims.claim_within_days = 2）"), "{text}");
    assert!(detail("claims.csv:6,").contains("最后跟进 2026-03-20 后七日内未再跟进即失效（claims.lapse_after_days = 7）"), "{text}");
    // The identifiers stay English.
    assert!(text.starts_with("\u{feff}row,date,rep,customer,phone,status,reason,end_day,detail\n"), "{text}");
}

/// A table with no row is its heading alone ("0 invalid"): no header row
/// over nothing.
#[test]
fn an_empty_table_is_its_heading_alone() {
    let claims = "date,rep,event,customer,phone,address\n2026-03-01,张伟,claim,王芳,13800000001,上海市浦东新区张杨路100号\n";
    let customers = "deal_id,date,customer,phone,amount,closed_by\n";
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", claims), ("customers.csv", customers)]);
    let out = String::from_utf8(attribute(dir.path(), &[]).success().get_output().stdout.clone()).unwrap();
    assert!(out.starts_with("Deals (0)\n\nClaims that are not valid (0 of 1 claim)\n\n"), "{out}");
    assert!(!out.contains("reason"), "{out}");
}
