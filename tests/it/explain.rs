//! `explain` on the shipped example: the timeline behind a duplicate, a
//! lapsed claim that lost to a colleague, an expired field claim, an
//! over-quota claim, a ruling and a repeat deal, pinned verbatim.

use std::path::Path;

use super::leadctl;

fn explain(key: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let a = leadctl().current_dir(root).args(["--lang", "en", "explain", key]).env("COLUMNS", "150").assert().success();
    String::from_utf8(a.get_output().stdout.clone()).unwrap()
}

#[test]
fn a_duplicate_names_the_holder_and_its_protection() {
    assert_eq!(
        explain("examples/claims.csv:12"),
        r#"customer 13816625471 (王芳) (as of 2026-06-25)
day              row             who  event     decision
---------------- --------------- ---- --------- ------------------------------------------------------------------------------------------------------
2026-01-05 09:30 claims.csv:2    张伟 claim     valid claim, won deal SO-2026-0004 (examples/customers.csv:5); protected 2026-01-05 → 2026-02-06;
                                                lapse: last touch 2026-01-27 + claims.lapse_after_days 10 = 2026-02-06
2026-01-08       claims.csv:3    张伟 follow_up touch of examples/claims.csv:2
2026-01-12       claims.csv:5    张伟 visit     touch of examples/claims.csv:2
2026-01-19       claims.csv:11   张伟 follow_up touch of examples/claims.csv:2
2026-01-20       claims.csv:12   陈静 claim     refused: duplicate: 张伟 examples/claims.csv:2 protects this customer 2026-01-05 → 2026-02-06
                                                (先报先保)
2026-01-27       claims.csv:15   张伟 follow_up touch of examples/claims.csv:2
2026-01-30       customers.csv:5 李娜 deal      SO-2026-0004 68500.00, closed by 李娜 → owner 张伟 (claim): 张伟 examples/claims.csv:2 protects
                                                2026-01-05 → 2026-02-06 on the deal day 2026-01-30
2026-04-05       2026Q1.json          closed    2026Q1 closed as of 2026-04-05 (examples/closed/2026Q1.json): SO-2026-0004 counted 68500.00 net when
                                                paid; now 68500.00 (owner 张伟); unchanged since
"#
    );
}

#[test]
fn a_lapsed_claim_lost_to_a_colleague() {
    assert_eq!(
        explain("13671928355"),
        r#"customer 13671928355 (严国华) (as of 2026-06-25)
day              row              who  event decision
---------------- ---------------- ---- ----- ---------------------------------------------------------------------------------------------------------
2026-05-02 10:15 claims.csv:108   张伟 claim valid claim, lapsed: protected 2026-05-02 → 2026-05-12; lapse: last touch 2026-05-02 +
                                             claims.lapse_after_days 10 = 2026-05-12
2026-05-14       claims.csv:109   李娜 claim valid claim, won deal SO-2026-0032 (examples/customers.csv:33); protected 2026-05-14 → 2026-05-24; lapse:
                                             last touch 2026-05-14 + claims.lapse_after_days 10 = 2026-05-24
2026-05-20       customers.csv:33 李娜 deal  SO-2026-0032 35800.00, closed by 李娜 → owner 李娜 (claim): 李娜 examples/claims.csv:109 protects
                                             2026-05-14 → 2026-05-24 on the deal day 2026-05-20
"#
    );
}

#[test]
fn an_expired_field_claim() {
    assert_eq!(
        explain("examples/claims.csv:16"),
        r#"customer 15921376604 (郑小红) (as of 2026-06-25)
day              row              who  event     decision
---------------- ---------------- ---- --------- -----------------------------------------------------------------------------------------------------
2026-02-02       claims.csv:16    黄磊 claim     valid claim, expired: protected 2026-02-02 → 2026-02-17; expiry: no visit by 2026-02-17
                                                 (channels.field.expire_without_visit_days 15)
2026-02-09       claims.csv:21    黄磊 follow_up touch of examples/claims.csv:16
2026-02-16       claims.csv:25    黄磊 follow_up touch of examples/claims.csv:16
2026-02-18 09:10 claims.csv:26    刘洋 claim     valid claim, won deal SO-2026-0010 (examples/customers.csv:11); protected 2026-02-18 → 2026-03-02;
                                                 lapse: last touch 2026-02-20 + claims.lapse_after_days 10 = 2026-03-02
2026-02-19       claims.csv:27    黄磊 follow_up orphan: the rep's claim examples/claims.csv:16 ended on 2026-02-17
2026-02-20       claims.csv:28    刘洋 visit     touch of examples/claims.csv:26
2026-03-01       customers.csv:11 刘洋 deal      SO-2026-0010 36000.00, closed by 刘洋 → owner 刘洋 (claim): 刘洋 examples/claims.csv:26 protects
                                                 2026-02-18 → 2026-03-02 on the deal day 2026-03-01
2026-04-05       2026Q1.json           closed    2026Q1 closed as of 2026-04-05 (examples/closed/2026Q1.json): SO-2026-0010 counted 36000.00 net when
                                                 paid; now 36000.00 (owner 刘洋); unchanged since
"#
    );
}

#[test]
fn an_over_quota_claim() {
    assert_eq!(
        explain("examples/claims.csv:52"),
        r#"customer 13651824730 (杜海峰) (as of 2026-06-25)
day        row              who  event     decision
---------- ---------------- ---- --------- -----------------------------------------------------------------------------------------------------------
2026-03-26 claims.csv:52    王磊 claim     refused: over_quota: already 20 valid claims this month on customers without a deal;
                                           channels.field.monthly_quota = 20
2026-04-01 claims.csv:65    王磊 claim     valid claim, won deal SO-2026-0018 (examples/customers.csv:19); protected 2026-04-01 → 2026-04-24; lapse:
                                           last touch 2026-04-14 + claims.lapse_after_days 10 = 2026-04-24
2026-04-06 claims.csv:68    王磊 visit     touch of examples/claims.csv:65
2026-04-14 claims.csv:73    王磊 follow_up touch of examples/claims.csv:65
2026-04-20 customers.csv:19 王磊 deal      SO-2026-0018 26500.00, closed by 王磊 → owner 王磊 (claim): 王磊 examples/claims.csv:65 protects 2026-04-01
                                           → 2026-04-24 on the deal day 2026-04-20
"#
    );
}

#[test]
fn a_ruling_overrides_the_claims() {
    assert_eq!(
        explain("SO-2026-0003"),
        r#"customer 15800937264 (吴海燕) (as of 2026-06-25)
day        row             who  event  decision
---------- --------------- ---- ------ ---------------------------------------------------------------------------------------------------------------
           rulings.csv:2   陈静 ruling ruling: every deal of this customer belongs to 陈静;
                                       客户1月14日首次到浦东店由陈静接待，有到店登记和聊天记录，张伟报备在后，部门负责人裁定归陈静
2026-01-15 claims.csv:7    张伟 claim  valid claim, lapsed: protected 2026-01-15 → 2026-01-28; lapse: last touch 2026-01-18 + claims.lapse_after_days
                                       10 = 2026-01-28
2026-01-16 claims.csv:9    陈静 claim  refused: duplicate: 张伟 examples/claims.csv:7 protects this customer 2026-01-15 → 2026-01-28 (先报先保)
2026-01-18 claims.csv:10   张伟 visit  touch of examples/claims.csv:7
2026-01-25 customers.csv:4 陈静 deal   SO-2026-0003 39800.00, closed by 陈静 → owner 陈静 (ruling): ruling examples/rulings.csv:2 gives the customer
                                       to 陈静: 客户1月14日首次到浦东店由陈静接待，有到店登记和聊天记录，张伟报备在后，部门负责人裁定归陈静
2026-04-05 2026Q1.json          closed 2026Q1 closed as of 2026-04-05 (examples/closed/2026Q1.json): SO-2026-0003 counted 39800.00 net when paid; now
                                       39800.00 (owner 陈静); unchanged since
"#
    );
}

#[test]
fn a_repeat_deal_follows_the_first_owner() {
    assert_eq!(
        explain("SO-2026-0021"),
        r#"customer 13764218853 (周立新) (as of 2026-06-25)
day              row              who  event  decision
---------------- ---------------- ---- ------ --------------------------------------------------------------------------------------------------------
2026-01-12 16:20 claims.csv:6     刘洋 claim  valid claim, won deal SO-2026-0002 (examples/customers.csv:3); protected 2026-01-12 → 2026-01-25; lapse:
                                              last touch 2026-01-15 + claims.lapse_after_days 10 = 2026-01-25
2026-01-15       claims.csv:8     刘洋 visit  touch of examples/claims.csv:6
2026-01-22       customers.csv:3  杨帆 deal   SO-2026-0002 45600.00, closed by 杨帆 → owner 刘洋 (claim): 刘洋 examples/claims.csv:6 protects
                                              2026-01-12 → 2026-01-25 on the deal day 2026-01-22
2026-02-05       claims.csv:19    周婷 claim  refused: after_deal: registered after the customer's first deal SO-2026-0002 (examples/customers.csv:3)
                                              on 2026-01-22; a claim must come on or before the deal day
2026-04-05       2026Q1.json           closed 2026Q1 closed as of 2026-04-05 (examples/closed/2026Q1.json): SO-2026-0002 counted 45600.00 net when
                                              paid; now 45600.00 (owner 刘洋); unchanged since
2026-05-08       customers.csv:22 杨帆 deal   SO-2026-0021 8900.00, closed by 杨帆 → owner 刘洋 (repeat): repeat deal: the customer's first deal is
                                              SO-2026-0002 (examples/customers.csv:3); attribution.repeat_deals = first_owner
"#
    );
}

#[test]
fn keys_in_any_written_form_and_json() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let by_phone = explain("+86 136-7192-8355");
    assert_eq!(by_phone, explain("claims.csv:109"));
    let a = leadctl().current_dir(root).args(["--lang", "en", "explain", "13671928355", "--format", "json"]).assert().success();
    let doc: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert_eq!(doc["subject"], "customer 13671928355 (严国华)");
    assert_eq!(doc["timeline"][0]["row"], "examples/claims.csv:108");
    assert_eq!(doc["timeline"][2]["event"], "deal");
    let masked = leadctl().current_dir(root).args(["--lang", "en", "explain", "13671928355", "--mask-phones"]).assert().success();
    assert!(String::from_utf8_lossy(&masked.get_output().stdout).starts_with("customer 136****8355 (严国华)"));
    // In Chinese too the number is masked everywhere, decisions included.
    let masked = leadctl().current_dir(root).args(["explain", "13816625471", "--mask-phones"]).assert().success();
    let text = String::from_utf8_lossy(&masked.get_output().stdout).into_owned();
    assert!(text.contains("重复报备：这位客户已由张伟于 2026-01-05 报备") && !text.contains("13816625471"), "{text}");
}

#[test]
fn unknown_keys() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let a = leadctl().current_dir(root).args(["--lang", "en", "explain", "nobody"]).assert().code(2);
    assert_eq!(
        String::from_utf8_lossy(&a.get_output().stderr),
        "error: `nobody` is not a phone, a deal id or a row like examples/claims.csv:2 in these ledgers\n"
    );
    let a = leadctl().current_dir(root).args(["--lang", "en", "explain", "13999999999"]).assert().code(1);
    assert_eq!(String::from_utf8_lossy(&a.get_output().stderr), "no claim, deal or ruling mentions customer 13999999999\n");
}

#[test]
fn a_refund_after_the_close_shows_what_was_paid_and_what_moved() {
    // The refund row says where its difference went, as the close row does
    // (it used to say the refund counts in the closed period).
    assert_eq!(
        explain("SO-2026-0011"),
        r#"customer 18516407732 (梁子豪) (as of 2026-06-25)
day        row              who  event  decision
---------- ---------------- ---- ------ --------------------------------------------------------------------------------------------------------------
2026-03-08 customers.csv:12 陈静 deal   SO-2026-0011 15200.00 (net 0.00 after 15200.00 refunded), closed by 陈静 → owner 陈静 (closer): no valid claim
                                        protects the customer on 2026-03-08
2026-04-05 2026Q1.json           closed 2026Q1 closed as of 2026-04-05 (examples/closed/2026Q1.json): SO-2026-0011 counted 15200.00 net when paid; now
                                        0.00 (owner 陈静); the difference is in 2026Q2, in the adjustment restating 2026Q1
2026-04-20 customers.csv:12      refund SO-2026-0011 refunded in full (15200.00): net 0.00; it keeps its owner and its place as the customer's first
                                        deal; the deal's period 2026Q1 was closed as of 2026-04-05: the difference is in 2026Q2, in the adjustment
                                        restating 2026Q1
"#
    );
}

/// `who` in explain's JSON is for scripts: a ruling for the house leaves it
/// empty in every language, as `owner` is in attribute's outputs.
#[test]
fn a_house_ruling_has_no_who_in_any_language() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let who = |lang: &str| {
        let a = leadctl().current_dir(root).args(["--lang", lang, "explain", "18621547390", "--format", "json"]).assert().success();
        let doc: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
        let ruling = doc["timeline"].as_array().unwrap().iter().find(|e| e["event"] == "ruling").cloned().expect("a ruling");
        ruling["who"].clone()
    };
    assert_eq!(who("zh"), "");
    assert_eq!(who("en"), "");
}
