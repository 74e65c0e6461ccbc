//! SPEC §14 through the binary: `close`, its refusals with their exact
//! messages, frozen and adjustment lines, and `closed_period_edited`.

use std::path::Path;

use super::{folder, leadctl};

const RULES: &str = "[channels.store]\n\n[reps.\"张伟\"]\nchannel = \"store\"\n\n[reps.\"李娜\"]\nchannel = \"store\"\n";
const CLAIMS: &str = "date,rep,event,customer,phone,address\n2026-03-01,张伟,claim,客户一,13700000001,地址一\n";
const CUSTOMERS: &str = "deal_id,date,phone,amount,closed_by,status,refund_date,refund_of\n\
    C1,2026-03-05,13700000001,120000,张伟,,,\n\
    C2,2026-03-10,13700000002,50000,李娜,退单,2026-04-03,\n\
    C3,2026-03-20,13700000003,30000,李娜,,,\n\
    R1,2026-04-05,,-20000,,,,C1\n\
    C4,2026-04-10,13700000004,10000,张伟,,,\n";

fn run(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    leadctl()
        .current_dir(dir)
        .args(args)
        .args(["--rules", "rules.toml", "--claims", "claims.csv", "--customers", "customers.csv"])
        .env("COLUMNS", "100")
        .env("LEADCTL_TODAY", "2026-04-02")
        .assert()
}

fn stderr_of(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

fn stdout_of(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).into_owned()
}

fn alliance() -> tempfile::TempDir {
    folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)])
}

#[test]
fn close_writes_a_snapshot_once_and_never_rewrites_it() {
    let dir = alliance();
    let a = run(dir.path(), &["close", "2026Q1", "--as-of", "2026-04-02"]).success();
    assert_eq!(
        stderr_of(&a),
        "closed 2026Q1 as of 2026-04-02: wrote closed/2026Q1.json (2 commission lines, 4 rows hashed); it is never rewritten\n"
    );
    assert!(stdout_of(&a).contains("2026Q1 张伟 store       1   120000.00    2600.00 2200.00 4800.00\n"), "{}", stdout_of(&a));
    let path = dir.path().join("closed/2026Q1.json");
    let written = std::fs::read(&path).unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&written).unwrap();
    assert_eq!((doc["version"].as_u64(), doc["period"].as_str(), doc["as_of"].as_str()), (Some(1), Some("2026Q1"), Some("2026-04-02")));
    assert_eq!(doc["rules"].as_str(), Some(RULES));
    assert_eq!(doc["commissions"][0]["total"].as_str(), Some("4800.00"));
    assert_eq!(doc["rows"]["customers"].as_array().unwrap().len(), 3);
    let a = run(dir.path(), &["close", "2026Q1"]).code(2);
    assert_eq!(stderr_of(&a), "error: 2026Q1 is already closed: closed/2026Q1.json; a snapshot is never rewritten\n");
    assert_eq!(std::fs::read(&path).unwrap(), written);
}

#[test]
fn close_refuses_a_period_not_ended_out_of_order_or_not_a_commission_period() {
    let dir = alliance();
    let a = run(dir.path(), &["close", "2026Q1", "--as-of", "2026-03-30"]).code(2);
    assert_eq!(
        stderr_of(&a),
        "error: 2026Q1 ends on 2026-03-31, after the as-of day 2026-03-30; close a period once it has ended (give --as-of 2026-03-31 or later)\n"
    );
    let a = run(dir.path(), &["close", "2026-03"]).code(2);
    assert_eq!(stderr_of(&a), "error: 2026-03 is not a commission period: commission.period = \"quarter\"; close one like 2026Q1\n");
    assert!(!dir.path().join("closed").exists());
    run(dir.path(), &["close", "2026Q1", "--as-of", "2026-04-02"]).success();
    let a = run(dir.path(), &["close", "2026Q3", "--as-of", "2026-10-01"]).code(2);
    assert_eq!(stderr_of(&a), "error: 2026Q2 is still open; periods close in order: close 2026Q2 first\n");
    let a = run(dir.path(), &["close", "2025Q4", "--as-of", "2026-10-01"]).code(2);
    assert_eq!(stderr_of(&a), "error: 2025Q4 comes before 2026Q1, which is already closed; periods close in order, so 2025Q4's commission is recomputed on every run and never frozen\n");
    let names: Vec<_> = std::fs::read_dir(dir.path().join("closed")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["2026Q1.json"]);
}

#[test]
fn later_runs_freeze_the_closed_period_and_post_adjustments() {
    let dir = alliance();
    run(dir.path(), &["close", "2026Q1", "--as-of", "2026-04-02"]).success();
    run(dir.path(), &["attribute", "--out", "out"]).success();
    let lines = std::fs::read_to_string(dir.path().join("out/commissions.csv")).unwrap();
    assert_eq!(
        lines,
        "\u{feff}period,rep,channel,deals,performance,commission,bonus,total,kind,restates,detail\n\
         2026Q1,张伟,store,1,120000.00,2600.00,2200.00,4800.00,earned,,\"frozen in closed/2026Q1.json (closed as of 2026-04-02); paid, never recomputed here\"\n\
         2026Q1,李娜,store,2,80000.00,1600.00,0.00,1600.00,earned,,\"frozen in closed/2026Q1.json (closed as of 2026-04-02); paid, never recomputed here\"\n\
         2026Q2,张伟,store,1,10000.00,200.00,2000.00,2200.00,earned,,marginal tiers on 10000.00; champion 2000\n\
         2026Q2,张伟,store,0,-20000.00,-600.00,0.00,-600.00,adjustment,2026Q1,\"2026Q1 recomputed now under the rules of closed/2026Q1.json, minus what was paid: refund after the close: C1 20000.00 on 2026-04-05 (customers.csv:5)\"\n\
         2026Q2,李娜,store,0,-50000.00,-1000.00,0.00,-1000.00,adjustment,2026Q1,\"2026Q1 recomputed now under the rules of closed/2026Q1.json, minus what was paid: refund after the close: C2 50000.00 on 2026-04-03 (customers.csv:3)\"\n"
    );
}

/// A refund row added to a closed quarter after its close concerns the
/// rep of the deal it refunds: it is named on that rep's adjustment, not on
/// every rep's.
#[test]
fn a_refund_row_added_after_the_close_is_a_cause_for_its_deals_rep_only() {
    let dir = alliance();
    run(dir.path(), &["close", "2026Q1", "--as-of", "2026-04-02"]).success();
    let backdated = format!("{CUSTOMERS}R2,2026-03-31,,-10000,,,,C3\n");
    std::fs::write(dir.path().join("customers.csv"), backdated).unwrap();
    run(dir.path(), &["attribute", "--out", "out"]).success();
    let lines = std::fs::read_to_string(dir.path().join("out/commissions.csv")).unwrap();
    let adjustment = |rep: &str| lines.lines().find(|l| l.starts_with(&format!("2026Q2,{rep},")) && l.contains(",adjustment,")).unwrap().to_string();
    assert!(adjustment("张伟").ends_with("minus what was paid: refund after the close: C1 20000.00 on 2026-04-05 (customers.csv:5)\""), "{lines}");
    assert!(adjustment("李娜").contains("row added: customers.csv:7"), "{lines}");
}

#[test]
fn a_closed_period_keeps_the_rules_it_was_paid_under() {
    let dir = alliance();
    run(dir.path(), &["close", "2026Q1", "--as-of", "2026-04-02"]).success();
    // Champion is raised afterwards: 2026Q1 is recomputed under the stored rules, so no adjustment for it.
    std::fs::write(dir.path().join("rules.toml"), format!("[commission]\nchampion = 5000\n{RULES}")).unwrap();
    let a = run(dir.path(), &["attribute", "--format", "json"]).success();
    let doc: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    let lines: Vec<String> = doc["commissions"].as_array().unwrap().iter()
        .map(|c| format!("{} {} {} {} {}", c["period"].as_str().unwrap(), c["rep"].as_str().unwrap(), c["kind"].as_str().unwrap(), c["bonus"].as_str().unwrap(), c["deals"]))
        .collect();
    assert_eq!(lines, [
        "2026Q1 张伟 earned 2200.00 1",
        "2026Q1 李娜 earned 0.00 2",
        "2026Q2 张伟 earned 5000.00 1",
        "2026Q2 张伟 adjustment 0.00 0",
        "2026Q2 李娜 adjustment 0.00 0",
    ]);
}

#[test]
fn rows_edited_in_a_closed_period_are_warned_about_by_file_and_line() {
    let dir = alliance();
    run(dir.path(), &["close", "2026Q1", "--as-of", "2026-04-02"]).success();
    let edited = CUSTOMERS.replace("C3,2026-03-20,13700000003,30000", "C3,2026-03-20,13700000003,35000").replace("C2,2026-03-10,13700000002,50000,李娜,退单,2026-04-03,\n", "")
        + "C5,2026-03-25,13700000005,1000,李娜,,,\n";
    std::fs::write(dir.path().join("customers.csv"), edited).unwrap();
    let a = run(dir.path(), &["attribute", "--format", "csv", "--out", "-"]).success();
    let tail = "its commission stays frozen; any difference is paid in 2026Q2 as an adjustment";
    assert_eq!(
        stderr_of(&a),
        format!(
            "customers.csv:3: warning[closed_period_edited]: this row of closed period 2026Q1 changed after it was closed (closed/2026Q1.json); {tail}\n\
             customers.csv:3: warning[closed_period_edited]: the row on this line when 2026Q1 was closed (closed/2026Q1.json) is gone; {tail}\n\
             customers.csv:6: warning[closed_period_edited]: this row was added to closed period 2026Q1 after it was closed (closed/2026Q1.json); {tail}\n"
        )
    );
    let out = stdout_of(&a);
    assert!(out.contains("2026Q2,,李娜,,,,,,,,,,,,,,store,0,-44000.00,-880.00,0.00,-880.00,adjustment,2026Q1,\"2026Q1 recomputed now under the rules of closed/2026Q1.json, minus what was paid: row changed: customers.csv:3; row removed: customers.csv:3; row added: customers.csv:6\""), "{out}");
    let a = leadctl().current_dir(dir.path()).args(["check", "--rules", "rules.toml", "--as-of", "2026-04-10", "customers.csv"]).assert().success();
    let lines: Vec<String> = stdout_of(&a).lines().map(|l| l.split(": ").take(2).collect::<Vec<_>>().join(": ")).collect();
    assert_eq!(lines[..3], [
        "customers.csv:3: warning[closed_period_edited]",
        "customers.csv:3: warning[closed_period_edited]",
        "customers.csv:6: warning[closed_period_edited]",
    ]);
}

#[test]
fn a_snapshot_that_cannot_be_read_stops_the_run() {
    let dir = alliance();
    std::fs::create_dir(dir.path().join("closed")).unwrap();
    std::fs::write(dir.path().join("closed/2026Q1.json"), "{\"version\": 1}").unwrap();
    let a = run(dir.path(), &["attribute"]).code(2);
    assert_eq!(stderr_of(&a), "error: closed/2026Q1.json: cannot read this closed-period snapshot: it is not what leadctl close writes (edited, or cut short); only leadctl close writes snapshots: restore it from a backup\n");
}

#[test]
fn stored_rules_that_no_longer_read_stop_the_run() {
    let dir = alliance();
    run(dir.path(), &["close", "2026Q1", "--as-of", "2026-04-02"]).success();
    let path = dir.path().join("closed/2026Q1.json");
    let text = std::fs::read_to_string(&path).unwrap().replace("[channels.store]", "[channels.store]\\nbogus = 1");
    std::fs::write(&path, text).unwrap();
    let a = run(dir.path(), &["attribute"]).code(2);
    assert_eq!(
        stderr_of(&a),
        "error: closed/2026Q1.json: the rules stored in this snapshot no longer read: line 2, key `channels.store.bogus`: there is no key `bogus` (a typo?); keys here: `expire_without_visit_days`, `monthly_quota`\n"
    );
}

#[test]
fn the_closed_folder_is_set_in_rules_toml() {
    let dir = folder(&[("rules.toml", &format!("[ledgers]\nclosed = \"paid\"\n{RULES}")), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    let a = run(dir.path(), &["close", "2026Q1"]).success();
    assert!(stderr_of(&a).starts_with("closed 2026Q1 as of 2026-04-10: wrote paid/2026Q1.json"), "{}", stderr_of(&a));
    let a = run(dir.path(), &["explain", "C2", "--format", "json"]).success();
    let doc: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    let closed = doc["timeline"].as_array().unwrap().iter().find(|e| e["event"] == "closed").unwrap();
    assert_eq!(closed["row"], "paid/2026Q1.json");
    assert_eq!(closed["decision"], "2026Q1 closed as of 2026-04-10 (paid/2026Q1.json): C2 counted 0.00 net when paid; now 0.00 (owner 李娜); unchanged since");
}

#[test]
fn a_replay_before_the_close_sees_the_period_open_and_the_default_day_counts_the_close() {
    let dir = alliance();
    std::fs::write(dir.path().join("customers.csv"), "deal_id,date,phone,amount,closed_by\nC1,2026-03-05,13700000001,120000,张伟\n").unwrap();
    run(dir.path(), &["close", "2026Q1", "--as-of", "2026-04-30"]).success();
    let kinds = |args: &[&str]| {
        let a = run(dir.path(), args).success();
        let doc: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
        let lines = doc["commissions"].as_array().unwrap().iter().map(|c| format!("{} {}", c["kind"].as_str().unwrap(), c["detail"].as_str().unwrap())).collect::<Vec<_>>();
        (doc["as_of"].as_str().unwrap().to_string(), lines)
    };
    let (as_of, lines) = kinds(&["attribute", "--format", "json"]);
    assert_eq!(as_of, "2026-04-30");
    assert_eq!(lines, ["earned frozen in closed/2026Q1.json (closed as of 2026-04-30); paid, never recomputed here"]);
    let (_, lines) = kinds(&["attribute", "--format", "json", "--as-of", "2026-03-31"]);
    assert_eq!(lines, ["earned marginal tiers on 120000.00; 1 new customer × 200; champion 2000"]);
}

#[test]
fn a_ruling_added_after_the_close_is_named_in_the_adjustment() {
    let dir = alliance();
    run(dir.path(), &["close", "2026Q1", "--as-of", "2026-04-02"]).success();
    std::fs::write(dir.path().join("rulings.csv"), "phone,owner,reason\n13700000003,张伟,重新裁决\n").unwrap();
    let a = run(dir.path(), &["attribute", "--rulings", "rulings.csv", "--format", "csv", "--out", "-"]).success();
    assert_eq!(
        stderr_of(&a),
        "rulings.csv:2: warning[closed_period_edited]: this row was added to closed period 2026Q1 after it was closed (closed/2026Q1.json); \
         its commission stays frozen; any difference is paid in 2026Q2 as an adjustment\n"
    );
    let out = stdout_of(&a);
    assert!(out.contains("2026Q2,,张伟,,,,,,,,,,,,,,store,1,10000.00,300.00,0.00,300.00,adjustment,2026Q1,\"2026Q1 recomputed now under the rules of closed/2026Q1.json, minus what was paid: refund after the close: C1 20000.00 on 2026-04-05 (customers.csv:5); ruling added since: rulings.csv:2\""), "{out}");
}

const LINK: &str = "phone,same_as,reason\n13700000003,13700000001,同一家庭\n";

#[test]
fn a_link_added_after_the_close_is_warned_and_named_in_the_adjustment() {
    let dir = alliance();
    run(dir.path(), &["close", "2026Q1", "--as-of", "2026-04-02"]).success();
    std::fs::write(dir.path().join("links.csv"), LINK).unwrap();
    let a = run(dir.path(), &["attribute", "--links", "links.csv", "--format", "csv", "--out", "-"]).success();
    let (err, out) = (stderr_of(&a), stdout_of(&a));
    assert_eq!(
        err,
        "links.csv:2: warning[closed_period_edited]: this row was added to closed period 2026Q1 after it was closed (closed/2026Q1.json); \
         its commission stays frozen; any difference is paid in 2026Q2 as an adjustment\n"
    );
    let adjustments: Vec<&str> = out.lines().filter(|l| l.contains(",adjustment,2026Q1,")).collect();
    assert_eq!(adjustments.len(), 2, "the deal moved from 李娜 to 张伟: {out}");
    for line in adjustments {
        assert!(line.ends_with("link added since: links.csv:2\""), "{line}");
    }
    let ledgers = "[ledgers]\nclaims = \"claims.csv\"\ncustomers = \"customers.csv\"\nlinks = \"links.csv\"\n\n";
    std::fs::write(dir.path().join("rules.toml"), format!("{ledgers}{RULES}")).unwrap();
    let c = leadctl().current_dir(dir.path()).args(["check", "--rules", "rules.toml", "links.csv"]).assert().success();
    let found = stdout_of(&c);
    assert!(found.starts_with("links.csv:2: warning[closed_period_edited]: this row was added to closed period 2026Q1"), "{found}");
}

#[test]
fn a_link_of_a_closed_periods_customer_is_hashed_and_its_removal_warned() {
    let dir = alliance();
    std::fs::write(dir.path().join("links.csv"), LINK).unwrap();
    run(dir.path(), &["close", "2026Q1", "--as-of", "2026-04-02", "--links", "links.csv"]).success();
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.path().join("closed/2026Q1.json")).unwrap()).unwrap();
    assert_eq!(doc["rows"]["links"].as_array().unwrap().len(), 1, "{}", doc["rows"]);
    // The link is removed; the one left joins no customer of the period and does not bear on it.
    std::fs::write(dir.path().join("links.csv"), "phone,same_as,reason\n13900000001,13900000002,无关\n").unwrap();
    let a = run(dir.path(), &["attribute", "--links", "links.csv", "--format", "csv", "--out", "-"]).success();
    let err = stderr_of(&a);
    assert_eq!(
        err,
        "links.csv:2: warning[closed_period_edited]: the row on this line when 2026Q1 was closed (closed/2026Q1.json) is gone; \
         its commission stays frozen; any difference is paid in 2026Q2 as an adjustment\n"
    );
    assert!(stdout_of(&a).contains("link removed: links.csv:2"), "{}", stdout_of(&a));
    // The link put back: nothing moved.
    std::fs::write(dir.path().join("links.csv"), LINK).unwrap();
    let a = run(dir.path(), &["attribute", "--links", "links.csv", "--format", "csv", "--out", "-"]).success();
    assert_eq!(stderr_of(&a), "");
}

/// `closed_on` is today (SPEC §12): `LEADCTL_TODAY` when set, else the day in
/// rules.toml's `timezone`; a bad `LEADCTL_TODAY` stops before anything is written.
#[test]
fn the_snapshot_is_stamped_today_in_the_rules_time_zone() {
    let dir = alliance();
    run(dir.path(), &["close", "2026Q1", "--as-of", "2026-04-02"]).success();
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.path().join("closed/2026Q1.json")).unwrap()).unwrap();
    assert_eq!(doc["closed_on"].as_str(), Some("2026-04-02"));

    let dir = alliance();
    // A zone whose day differs from UTC's now (and so from a machine on UTC).
    use chrono::Timelike;
    let now = chrono::Utc::now();
    let (zone, hours) = if now.hour() < 12 { ("Etc/GMT+12", -12) } else { ("Etc/GMT-14", 14) };
    std::fs::write(dir.path().join("rules.toml"), format!("timezone = \"{zone}\"\n\n{RULES}")).unwrap();
    let close = || {
        let mut c = leadctl();
        c.current_dir(dir.path()).args(["close", "2026Q1", "--as-of", "2026-04-02", "--rules", "rules.toml", "--claims", "claims.csv", "--customers", "customers.csv"]);
        c
    };
    let a = close().env("LEADCTL_TODAY", "2026-04-3x").assert().code(2);
    assert!(stderr_of(&a).contains("LEADCTL_TODAY=`2026-04-3x`"), "{}", stderr_of(&a));
    assert!(!dir.path().join("closed/2026Q1.json").exists());
    close().env_remove("LEADCTL_TODAY").assert().success();
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.path().join("closed/2026Q1.json")).unwrap()).unwrap();
    let there = (now + chrono::Duration::hours(hours)).date_naive().to_string();
    assert_ne!(there, now.date_naive().to_string());
    assert_eq!(doc["closed_on"].as_str(), Some(there.as_str()), "today in {zone}, whatever the machine's zone");
}

/// `explain` says where a refund made after a close was paid: in the
/// adjustment that carries it (here frozen when 2026Q2 was closed too), not in
/// the next open period; a refund row added after the close but dated before
/// it was not in what was paid (found in review).
#[test]
fn explain_names_the_period_that_carried_a_refund_made_after_the_close() {
    let dir = folder(&[
        ("rules.toml", RULES),
        ("claims.csv", CLAIMS),
        ("customers.csv", "deal_id,date,phone,amount,closed_by,status,refund_date,refund_of\nC1,2026-03-05,13700000001,120000,张伟,,,\n"),
    ]);
    run(dir.path(), &["close", "2026Q1", "--as-of", "2026-04-02"]).success();
    let refunds = "R1,2026-04-05,,-500,,,,C1\nR2,2026-03-31,,-100,,,,C1\n";
    let customers = dir.path().join("customers.csv");
    let mut text = std::fs::read_to_string(&customers).unwrap();
    text.push_str(refunds);
    std::fs::write(&customers, text).unwrap();
    run(dir.path(), &["close", "2026Q2", "--as-of", "2026-07-02"]).success();
    let out = stdout_of(&run(dir.path(), &["--lang", "en", "explain", "C1", "--as-of", "2026-07-02", "--format", "json"]).success());
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let decisions: Vec<&str> = doc["timeline"].as_array().unwrap().iter().filter_map(|e| e["decision"].as_str()).collect();
    let closed = decisions.iter().find(|d| d.starts_with("2026Q1 closed")).unwrap();
    assert!(closed.contains("C1 counted 120000.00 net when paid; now 119400.00") && closed.contains("the difference is in 2026Q2"), "{closed}");
    let refunds: Vec<&&str> = decisions.iter().filter(|d| d.starts_with("refund of C1")).collect();
    assert_eq!(refunds.len(), 2, "{decisions:?}");
    for r in refunds {
        assert!(r.ends_with("the difference is in 2026Q2, in the adjustment restating 2026Q1"), "{r}");
    }
    assert!(!out.contains("2026Q3"), "{out}");
}

/// A closed quarter re-exported with every row changed, and every deal
/// refunded after the close: each rep's adjustment names its own refund
/// first and counts the rest. The causes are held once for all reps (a copy
/// per rep is rows × reps: 14 GB for a 1M-row ledger), so this runs under
/// 1 GiB of address space.
#[test]
fn a_closed_quarter_with_every_row_changed_settles_in_bounded_memory() {
    const REPS: usize = 800;
    const CLAIMS_EACH: usize = 40;
    let mut rules = String::from("[channels.store]\n");
    let mut claims = String::from("date,rep,event,customer,phone,address\n");
    let mut customers = String::from("deal_id,date,phone,amount,closed_by,status,refund_date\n");
    for r in 0..REPS {
        rules += &format!("\n[reps.\"R{r:03}\"]\nchannel = \"store\"\n");
        for c in 0..CLAIMS_EACH {
            claims += &format!("2026-02-{:02},R{r:03},claim,客户{r}-{c},139{:08},地址\n", 1 + c % 28, r * CLAIMS_EACH + c);
        }
        customers += &format!("D{r},2026-03-10,139{:08},10000,R{r:03},,\n", r * CLAIMS_EACH);
    }
    let dir = folder(&[("rules.toml", &rules), ("claims.csv", &claims), ("customers.csv", &customers)]);
    run(dir.path(), &["close", "2026Q1", "--as-of", "2026-04-02"]).success();
    std::fs::write(dir.path().join("claims.csv"), claims.replace(",地址\n", ",新地址\n")).unwrap();
    std::fs::write(dir.path().join("customers.csv"), customers.replace(",,\n", ",退单,2026-04-05\n")).unwrap();

    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_leadctl"));
    c.current_dir(dir.path()).env("LC_ALL", "").env("LC_MESSAGES", "").env("LANG", "C").env("LEADCTL_TODAY", "2026-04-10");
    c.args(["attribute", "--quiet", "--rules", "rules.toml", "--claims", "claims.csv", "--customers", "customers.csv", "--out", "out"]);
    super::limit_memory(&mut c, 1 << 30);
    let out = c.output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));

    let commissions = std::fs::read_to_string(dir.path().join("out/commissions.csv")).unwrap();
    let adjustments: Vec<&str> = commissions.lines().filter(|l| l.contains(",adjustment,")).collect();
    assert_eq!(adjustments.len(), REPS, "{commissions}");
    // Its refund, its deal's row changed, and every claim row of the quarter.
    let more = 2 + REPS * CLAIMS_EACH - 5;
    let r7 = adjustments.iter().find(|l| l.starts_with("2026Q2,R007,")).unwrap();
    assert!(r7.contains("refund after the close: D7 10000.00 on 2026-04-05 (customers.csv:9)"), "{r7}");
    assert!(r7.contains(&format!("row changed: claims.csv:2; row changed: claims.csv:3; row changed: claims.csv:4; row changed: claims.csv:5; and {more} more")), "{r7}");
}

/// The first close may be any period (SPEC §14), but one that skips an
/// earlier period with lines leaves it open for good: `close` and every
/// later `attribute` warn, and the refusal to close it says what that means.
#[test]
fn a_first_close_that_skips_a_period_warns_that_it_stays_open() {
    let dir = alliance();
    let a = run(dir.path(), &["close", "2026Q2", "--as-of", "2026-07-01"]).success();
    let warning = "closed/2026Q2.json: warning[open_before_closed]: 2026Q1 is open but comes before the closed 2026Q2 (closed/2026Q2.json): \
                   its commission is recomputed on every run and never frozen, so refunds and edited rows move it; periods close in order, so 2026Q1 can no longer be closed\n";
    assert!(stderr_of(&a).starts_with(warning), "{}", stderr_of(&a));
    let a = run(dir.path(), &["close", "2026Q1", "--as-of", "2026-07-01"]).code(2);
    assert_eq!(
        stderr_of(&a),
        "error: 2026Q1 comes before 2026Q2, which is already closed; periods close in order, so 2026Q1's commission is recomputed on every run and never frozen\n"
    );
    let a = run(dir.path(), &["attribute", "--as-of", "2026-07-01"]).success();
    assert!(stderr_of(&a).contains(warning), "{}", stderr_of(&a));
    // Closed in order, nothing is left open before.
    let dir = alliance();
    run(dir.path(), &["close", "2026Q1", "--as-of", "2026-07-01"]).success();
    let a = run(dir.path(), &["close", "2026Q2", "--as-of", "2026-07-01"]).success();
    assert!(!stderr_of(&a).contains("open_before_closed"), "{}", stderr_of(&a));
}

/// A status word moved into `refunded_status` after the close refunds a
/// paid deal with no row changed: the adjustment names that as its cause,
/// not "an earlier claim" (trial 7 F1).
#[test]
fn an_adjustment_from_status_words_changed_since_the_close_says_so() {
    let customers = CUSTOMERS.replace("C3,2026-03-20,13700000003,30000,李娜,,,", "C3,2026-03-20,13700000003,30000,李娜,待交付,,");
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", &customers)]);
    run(dir.path(), &["close", "2026Q1", "--as-of", "2026-04-02"]).success();
    let rules = format!("{RULES}\n[deals]\nrefunded_status = [\"退单\", \"待交付\"]\nnormal_status = [\"成交\"]\n");
    std::fs::write(dir.path().join("rules.toml"), rules).unwrap();
    run(dir.path(), &["attribute", "--out", "out"]).success();
    let lines = std::fs::read_to_string(dir.path().join("out/commissions.csv")).unwrap();
    let adjustment = lines.lines().find(|l| l.starts_with("2026Q2,李娜,") && l.contains(",adjustment,")).unwrap();
    assert!(adjustment.contains("-80000.00") && adjustment.contains(
        "the status words of rules.toml [deals] differ from those of closed/2026Q1.json, and today's read the ledgers"
    ), "{lines}");
    assert!(!adjustment.contains("earlier claim"), "{adjustment}");
}

/// `explain` on a closed deal whose net did not move but whose owner did
/// (its claim row changed since the close) does not say "unchanged since":
/// the snapshot keeps no owner per deal, so it points at the adjustment
/// (trial 7 F3).
#[test]
fn explain_does_not_call_a_closed_deal_unchanged_when_its_period_was_adjusted() {
    let dir = alliance();
    run(dir.path(), &["close", "2026Q1", "--as-of", "2026-04-02"]).success();
    std::fs::write(dir.path().join("claims.csv"), CLAIMS.replace("2026-03-01,张伟,", "2026-03-01,李娜,")).unwrap();
    let a = leadctl()
        .current_dir(dir.path())
        .args(["explain", "C1", "--as-of", "2026-04-02", "--rules", "rules.toml", "--claims", "claims.csv", "--customers", "customers.csv"])
        .env("COLUMNS", "400")
        .assert()
        .success();
    let out = stdout_of(&a);
    assert!(out.contains("C1 counted 120000.00 net when paid; now 120000.00 (owner 李娜); the net is unchanged, but rows of 2026Q1 changed since the close and the owner may have too: see the adjustments restating it in 2026Q2"), "{out}");
    assert!(!out.contains("unchanged since"), "{out}");
}
