//! SPEC §15 on real files: links.csv and cells of several numbers through
//! `attribute`, `explain` and `dupes`, output pinned.

use super::{RULES, attribute, folder, leadctl};

const CLAIMS: &str = "date,rep,event,customer,phone,address\n\
2026-03-01,张伟,claim,陈先生,13800000001,翠湖天地1栋\n\
2026-03-02,刘洋,claim,陈静,13800000002,翠湖天地1栋\n\
2026-03-03,刘洋,claim,林女士,13900000001或13900000002,滨江大道8号\n\
2026-03-04,张伟,claim,林女士,13900000003,滨江大道8号\n\
2026-03-05,张伟,claim,李娜,13700000012,学府路9号\n\
2026-03-06,刘洋,claim,李娜,13700000021,学府路10号\n";

const CUSTOMERS: &str = "deal_id,date,phone,amount,closed_by\nD1,2026-03-08,13800000002,10000,刘洋\n";

fn rules_with_links() -> String {
    format!("[ledgers]\nlinks = \"links.csv\"\n\n{RULES}")
}

#[test]
fn a_link_from_rules_toml_gives_the_deal_to_the_first_claim() {
    let rules = rules_with_links();
    let dir = folder(&[("rules.toml", &rules), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS), ("links.csv", "电话,同一客户电话,原因\n13800000002,13800000001,客户换号\n")]);
    let a = attribute(dir.path(), &["--format", "csv", "--out", "-"]).success();
    let out = String::from_utf8(a.get_output().stdout.clone()).unwrap();
    assert!(out.contains("deals,D1,,,2026-03-08,,,13800000002,10000.00,0.00,10000.00,刘洋,张伟,claim,claims.csv:2,"), "{out}");
    assert!(out.contains("claims,,claims.csv:3,,2026-03-02,刘洋,陈静,13800000002,,,,,,,,,invalid,duplicate,"), "{out}");
}

#[test]
fn no_links_and_an_empty_links_file_write_the_same_bytes() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", super::CLAIMS), ("customers.csv", super::CUSTOMERS), ("links.csv", "phone,same_as,reason\n")]);
    let run = |extra: &[&str]| {
        let a = attribute(dir.path(), &[&["--format", "json"], extra].concat()).success();
        a.get_output().stdout.clone()
    };
    assert_eq!(run(&[]), run(&["--links", "links.csv"]));
}

#[test]
fn explain_shows_the_whole_group_and_the_link_that_joined_it() {
    let rules = rules_with_links();
    let dir = folder(&[("rules.toml", &rules), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS), ("links.csv", "phone,same_as,reason\n13800000002,13800000001,客户换号\n")]);
    let a = leadctl().current_dir(dir.path()).args(["explain", "139 0000 0002", "--claims", "claims.csv", "--customers", "customers.csv"]).env("COLUMNS", "150").assert().success();
    assert_eq!(
        String::from_utf8(a.get_output().stdout.clone()).unwrap(),
        "customer 13900000001 = 13900000002 (林女士) (as of 2026-03-08)
day        row          who  event decision
---------- ------------ ---- ----- -------------------------------------------------------------------------------------------------------------------
           claims.csv:4      link  13900000001 is the same customer as 13900000002 (written in one cell)
2026-03-03 claims.csv:4 刘洋 claim valid claim, active: protected 2026-03-03 → 2026-03-13; lapse: last touch 2026-03-03 + claims.lapse_after_days 10 =
                                   2026-03-13
"
    );
}

#[test]
fn dupes_lists_pairs_not_yet_linked_as_a_links_file() {
    let rules = rules_with_links();
    let dir = folder(&[("rules.toml", &rules), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS), ("links.csv", "phone,same_as,reason\n13800000002,13800000001,客户换号\n")]);
    let dupes = || {
        let mut c = leadctl();
        c.current_dir(dir.path()).args(["dupes", "--claims", "claims.csv", "--customers", "customers.csv"]).env("COLUMNS", "120");
        c
    };
    let a = dupes().args(["--format", "csv", "--no-bom"]).assert().success();
    assert_eq!(
        String::from_utf8(a.get_output().stdout.clone()).unwrap(),
        "phone,same_as,reason,customer,address,rows\n\
13900000003,13900000001,same_name_address,林女士,滨江大道8号,claims.csv:5 claims.csv:4\n\
13700000021,13700000012,similar_phone,李娜,学府路10号,claims.csv:7 claims.csv:6\n"
    );
    let a = dupes().args(["--format", "csv", "--no-bom", "--as-of", "2026-03-05"]).assert().success();
    assert_eq!(
        String::from_utf8(a.get_output().stdout.clone()).unwrap(),
        "phone,same_as,reason,customer,address,rows\n13900000003,13900000001,same_name_address,林女士,滨江大道8号,claims.csv:5 claims.csv:4\n"
    );
    dupes().args(["--out", "links.csv"]).assert().failure().code(2);
    dupes().args(["--out", "pairs.csv", "--no-bom"]).assert().success();
    let written = std::fs::read_to_string(dir.path().join("pairs.csv")).unwrap();
    assert_eq!(written.lines().count(), 3);
    std::fs::write(dir.path().join("links.csv"), format!("{written}13800000002,13800000001,客户换号,,,\n")).unwrap();
    let a = dupes().args(["--format", "table"]).assert().success();
    assert_eq!(String::from_utf8(a.get_output().stdout.clone()).unwrap(), "phone  same_as  reason  customer  address  rows\n------ -------- ------- --------- -------- -----\n");
}

#[test]
fn check_reports_likely_pairs_in_the_customer_ledger_and_skips_linked_ones() {
    let customers = "deal_id,date,customer,phone,address,amount,closed_by\n\
D1,2026-03-08,周女士,13700000001,学府路9号,10000,刘洋\n\
D2,2026-03-09,周敏,13700000002,学府路9号,10000,刘洋\n\
D3,2026-03-09,吴昊,13600000001,江湾路1号,10000,刘洋\n\
D4,2026-03-10,吴昊,13600000002,江湾路1号,10000,刘洋\n";
    let dir = folder(&[("rules.toml", RULES), ("customers.csv", customers), ("links.csv", "phone,same_as\n13600000002,13600000001\n")]);
    let a = leadctl().current_dir(dir.path()).args(["check", "--as-of", "2026-03-10", "customers.csv", "links.csv"]).assert().success();
    assert_eq!(
        String::from_utf8(a.get_output().stdout.clone()).unwrap(),
        "customers.csv:3:4: warning[possible_duplicate_customer]: 周敏 at 学府路9号 shares a surname with 周女士 under 13700000001 (customers.csv:2); \
the same customer under two phones? if so, link them in links.csv\n\
checked customers.csv (customer ledger, UTF-8, 4 rows), links.csv (links, UTF-8, 1 row) with rules.toml: 0 errors, 1 warning\n"
    );
}
