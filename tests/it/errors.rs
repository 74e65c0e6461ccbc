//! Input that cannot be used gives exit status 2 and a message naming the
//! file, line and column (or the rules key), never a panic.

use super::{CLAIMS, CUSTOMERS, RULES, attribute, folder};

fn stderr_of(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

#[test]
fn missing_required_column() {
    let dir = folder(&[
        ("rules.toml", RULES),
        ("claims.csv", CLAIMS),
        ("customers.csv", "deal_id,date,phone,closed_by\nD1,2026-03-05,13800000001,刘洋\n"),
    ]);
    let a = attribute(dir.path(), &[]).code(2);
    assert_eq!(
        stderr_of(&a),
        "customers.csv:1: error[missing_column]: no `amount` (or 金额) column in this customer ledger; \
         the header names: deal_id, date, phone, closed_by; name the column amount, or add its header text under \
         [columns] in rules.toml: \"HEADER\" = \"amount\"\n\
         error: the ledgers have 1 error; nothing was decided (fix it; `leadctl check` lists every problem)\n"
    );
    assert!(a.get_output().stdout.is_empty());
}

#[test]
fn bad_date_names_line_and_column() {
    let claims = format!("{CLAIMS}2026-02-30,张伟,claim,李雷,13800000002,地址\n26/3/5,张伟,跟进,,13800000002,\n");
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", &claims), ("customers.csv", CUSTOMERS)]);
    let a = attribute(dir.path(), &[]).code(2);
    assert_eq!(
        stderr_of(&a),
        "claims.csv:4:1: error[bad_date]: `date` `2026-02-30`: no such day in the calendar\n\
         claims.csv:5:1: error[bad_date]: `date` `26/3/5`: year 26 is outside 2000–2100; write the year with four digits\n\
         error: the ledgers have 2 errors; nothing was decided (fix them; `leadctl check` lists every problem)\n"
    );
}

#[test]
fn bad_amount_and_duplicate_deal_id() {
    let customers = "deal_id,date,phone,amount,closed_by\n\
        D1,2026-03-05,13800000001,12800,刘洋\n\
        D1,2026-03-06,13800000002,500,刘洋\n\
        D2,2026-03-06,13800000002,-500,刘洋\n\
        D3,2026-03-06,13800000002,12.345,刘洋\n";
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", customers)]);
    let a = attribute(dir.path(), &[]).code(2);
    assert_eq!(
        stderr_of(&a),
        "customers.csv:3:1: error[duplicate_deal_id]: deal_id `D1` repeats customers.csv:2; every deal needs its own order number\n\
         customers.csv:4:4: error[bad_refund]: `amount` `-500` is negative but `refund_of` (原单号) is empty: a refund row must name the deal_id it refunds\n\
         customers.csv:5:4: error[bad_amount]: `amount` `12.345`: has 3 decimals; amounts have at most two (cents)\n\
         error: the ledgers have 3 errors; nothing was decided (fix them; `leadctl check` lists every problem)\n"
    );
}

#[test]
fn bad_rules_key_names_key_and_line() {
    let rules = format!("{RULES}\n[claims]\nlapse_after_day = 10\n");
    let dir = folder(&[("rules.toml", &rules), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    let a = attribute(dir.path(), &[]).code(2);
    let err = stderr_of(&a);
    assert!(
        err == "rules.toml:14:1: error[rules]: key `claims.lapse_after_day`: there is no key `lapse_after_day` (a typo?); \
                keys here: `required`, `claim_within_days`, `follow_up_every_days`, `lapse_after_days`\n",
        "{err}"
    );
}

#[test]
fn bad_rules_value_names_key_and_line() {
    let rules = format!("{RULES}\n[commission]\ntiers = [{{ from = 0, rate = 0.02 }}, {{ from = 0, rate = 0.03 }}]\n");
    let dir = folder(&[("rules.toml", &rules), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    let a = attribute(dir.path(), &[]).code(2);
    assert_eq!(
        stderr_of(&a),
        "rules.toml:14:37: error[rules]: key `commission.tiers`: tiers must rise: `from = 0` does not come after 0\n"
    );
}

#[test]
fn missing_files_and_folders() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS)]);
    let a = attribute(dir.path(), &[]).code(2);
    assert!(stderr_of(&a).starts_with("error: customers.csv: cannot open: "), "{}", stderr_of(&a));
    std::fs::create_dir(dir.path().join("customers.csv")).unwrap();
    let a = attribute(dir.path(), &[]).code(2);
    assert_eq!(stderr_of(&a), "error: customers.csv: is a folder, not a file; give the path of the ledger file\n");
    let a = super::leadctl().current_dir(dir.path()).args(["attribute", "--rules", "nope.toml"]).assert().code(2);
    assert_eq!(stderr_of(&a), "error: nope.toml: no such rules file; check the path after --rules, or run `leadctl init` to start one\n");
}

#[test]
fn unknown_event_is_an_error() {
    let claims = format!("{CLAIMS}2026-03-03,张伟,约谈,,13800000001,\n");
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", &claims), ("customers.csv", CUSTOMERS)]);
    let a = attribute(dir.path(), &[]).code(2);
    assert!(stderr_of(&a).starts_with(
        "claims.csv:4:3: error[unknown_event]: `event` `约谈`: expected claim (报备), follow_up (跟进), visit (量尺, 上门), or empty for claim; \
         a word of your own goes under [events] in rules.toml, like follow_up = [\"约谈\"]\n"
    ));
}

#[test]
fn usage_errors_exit_2() {
    let a = super::leadctl().args(["attribute", "--as-of", "2026-13-01", "--lang", "en"]).assert().code(2);
    assert!(stderr_of(&a).contains("invalid value '2026-13-01' for '--as-of <DAY>': write a day like 2026-03-05"), "{}", stderr_of(&a));
    let a = super::leadctl().args(["--lang", "zh", "attribute", "--as-of", "2026-13-01"]).assert().code(2);
    assert_eq!(
        stderr_of(&a),
        "error: `--as-of <日期>` 的值 `2026-13-01` 不对：请写成 2026-03-05 这样的日期（也可写 2026/3/5 或 2026年3月5日）\n\n\
         用法：leadctl attribute [选项]\n\n想看全部选项，请运行 `leadctl attribute --help`。\n"
    );
    super::leadctl().args(["attribute", "--period", "2026Q7"]).assert().code(2);
}
