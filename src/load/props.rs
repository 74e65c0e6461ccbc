//! Properties of the loaders and the whole pipeline on generated files.

use proptest::prelude::*;

use super::{Input, LedgerInputs, load_ledgers};
use crate::domain::day::parse_stamp;
use crate::domain::money::parse_amount;
use crate::domain::phone::Phone;
use crate::engine::{self, reconcile::Reconciliation};
use crate::engine::Settled;
use crate::policy::rules_toml;
use crate::render::columns::{self, CLAIMS, COMMISSIONS};
use crate::render::{Report, csv_out, json};

const RULES: &str = "[channels.field]\nexpire_without_visit_days = 15\nmonthly_quota = 2\n\
    [reps.\"张伟\"]\nchannel = \"field\"\nregion = \"east\"\n[reps.\"刘洋\"]\nchannel = \"store\"\n";

fn inputs(claims: &str, customers: &str) -> LedgerInputs {
    LedgerInputs {
        claims: Some(Input::from_bytes("claims.csv", claims.as_bytes().to_vec())),
        customers: Some(Input::from_bytes("customers.csv", customers.as_bytes().to_vec())),
        rulings: None,
        links: None,
    }
}

/// Everything `attribute --out` and `--format json` would write, as bytes.
fn outputs(claims: &str, customers: &str) -> Option<Vec<u8>> {
    let loaded = load_ledgers(&inputs(claims, customers), super::LoadOptions::new(100, None)).expect("in-memory input always opens");
    if loaded.findings.has_errors() {
        return None;
    }
    let policy = rules_toml::parse(RULES).unwrap().policy;
    let outcome = engine::decide(&loaded.ledgers, &policy, None);
    let r = Reconciliation::new(&loaded.ledgers, &outcome, loaded.claims.rows, loaded.customers.rows);
    assert!(r.balanced, "{r:?}");
    let settlement = engine::closing::settle(&loaded.ledgers, &outcome, Vec::new()).unwrap();
    let report = Report { x: Settled { ledgers: &loaded.ledgers, policy: &policy, outcome: &outcome }, period: None, settlement: &settlement, mask_phones: false, lang: crate::messages::Lang::En };
    let mut out = Vec::new();
    let options = csv_out::CsvOptions { bom: true, neutralise: true };
    csv_out::write_rows(&mut out, &columns::DEALS.names(), report.deals(), options).unwrap();
    csv_out::write_rows(&mut out, &CLAIMS.names(), report.claims().map(|(_, c)| c), options).unwrap();
    csv_out::write_rows(&mut out, &COMMISSIONS.names(), report.commissions(), options).unwrap();
    json::write_json(&report, &r, &mut out).unwrap();
    Some(out)
}

/// A CSV cell: anything, quoted so it stays one cell.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[0-9０-９年月日/:. ,+-]{0,20}", "[ -~]{0,12}"]
        .prop_map(|s| format!("\"{}\"", s.replace('"', "\"\"")))
}

fn claim_line() -> impl Strategy<Value = String> {
    (0u32..60, prop::option::of(0u32..24), 0usize..3, 0usize..3, 1u32..6)
        .prop_map(|(day, hour, rep, event, phone)| {
            let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap() + chrono::Days::new(u64::from(day));
            let time = hour.map_or(String::new(), |h| format!(" {h:02}:00"));
            let rep = ["张伟", "刘洋", "赵六"][rep];
            let event = ["claim", "follow_up", "visit"][event];
            format!("{date}{time},{rep},{event},客户{phone},1380000000{phone},地址{phone}\n")
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_text_is_a_value_or_a_typed_error(s in any::<String>()) {
        if let Ok(stamp) = parse_stamp(&s) {
            prop_assert!((2000..=2100).contains(&chrono::Datelike::year(&stamp.day)));
        }
        if let Ok(amount) = parse_amount(&s) {
            prop_assert!(amount.scale() <= 2 && !amount.is_sign_negative() || amount.is_zero());
        }
        if let Ok(phone) = Phone::parse(&s) {
            let text = phone.to_string();
            prop_assert!((7..=12).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()));
            prop_assert_eq!(Phone::parse(&text), Ok(phone));
        }
    }

    #[test]
    fn any_cells_load_or_become_findings(cells in prop::collection::vec(cell(), 6..12)) {
        let header = "date,rep,event,customer,phone,address,region,first_contact,cross_region_reason\n";
        let claims = format!("{header}{}\n", cells[..9.min(cells.len())].join(","));
        let customers = format!("deal_id,date,phone,amount,closed_by\n{}\n", cells[..5].join(","));
        let loaded = load_ledgers(&inputs(&claims, &customers), super::LoadOptions::new(100, None)).expect("in-memory input always opens");
        let rows = loaded.ledgers.claims.rows.len() + loaded.ledgers.deals.rows.len();
        prop_assert!(rows == 2 || loaded.findings.has_errors() || loaded.ledgers.claims.blank_rows + loaded.ledgers.deals.blank_rows > 0);
        let _ = outputs(&claims, &customers);
    }

    #[test]
    fn the_same_files_give_the_same_bytes(lines in prop::collection::vec(claim_line(), 0..40), deals in 0usize..4) {
        let claims = format!("date,rep,event,customer,phone,address\n{}", lines.concat());
        let customers: String = (1..=deals).map(|i| format!("D{i},2026-03-{:02},1380000000{i},{}00,刘洋\n", 10 + i, i)).collect();
        let customers = format!("deal_id,date,phone,amount,closed_by\n{customers}");
        prop_assert_eq!(outputs(&claims, &customers), outputs(&claims, &customers));
    }

    #[test]
    fn shuffled_files_with_distinct_times_decide_the_same(lines in prop::collection::vec(claim_line(), 1..30), seed in any::<u64>()) {
        // Distinct (day, time) per row: drop repeats of a timestamp.
        let mut seen = std::collections::HashSet::new();
        // A row without a time sorts as 00:00, so `D` and `D 00:00` are one time.
        let stamp = |l: &str| parse_stamp(l.split(',').next().unwrap()).map(|s| (s.day, s.time.unwrap_or_default())).ok();
        let lines: Vec<String> = lines.into_iter().filter(|l| seen.insert(stamp(l))).collect();
        let mut shuffled = lines.clone();
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let decisions = |lines: &[String]| decisions(&format!("date,rep,event,customer,phone,address\n{}", lines.concat()), DEALS);
        prop_assert_eq!(decisions(&lines), decisions(&shuffled));
    }

    /// SPEC §11: a title row, a blank line, 序号 and 备注 columns, rows
    /// holding only a 序号, a 合计 row and §11 aliases change nothing that
    /// is decided.
    #[test]
    fn a_sheet_as_people_keep_it_decides_like_the_clean_one(
        lines in prop::collection::vec(claim_line(), 1..25),
        blanks in prop::collection::vec(any::<bool>(), 25),
    ) {
        let clean = format!("date,rep,event,customer,phone,address\n{}", lines.concat());
        let mut kept = String::from("2026年3月 意向客户跟踪表 —— 浦东店,,,,,,,\n,,,,,,,\n序号,日期*,报备人,类型,客户姓名(必填),手机号,小区,备注\n");
        for (i, line) in lines.iter().enumerate() {
            kept.push_str(&format!("{},{},\n", i + 1, line.trim_end()));
            if blanks[i] {
                kept.push_str(&format!("{},,,,,,,备注\n", i + 100));
            }
        }
        kept.push_str(&format!("合计：共{}条,,,,,,,\n", lines.len()));
        prop_assert_eq!(decisions(&kept, DEALS), decisions(&clean, DEALS));
    }
}

const DEALS: &str = "deal_id,date,phone,amount,closed_by\nD1,2026-03-20,13800000001,500,刘洋\n";

/// What is decided over two ledgers, without row names: claims (sorted),
/// deals and commissions.
fn decisions(claims: &str, customers: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
    let loaded = load_ledgers(&inputs(claims, customers), super::LoadOptions::new(100, None)).unwrap();
    assert!(!loaded.findings.has_errors(), "{:?}", loaded.findings.kept);
    let policy = rules_toml::parse(RULES).unwrap().policy;
    let outcome = engine::decide(&loaded.ledgers, &policy, None);
    let x = Settled { ledgers: &loaded.ledgers, policy: &policy, outcome: &outcome };
    let settlement = engine::closing::settle(&loaded.ledgers, &outcome, Vec::new()).unwrap();
    let report = Report { x, period: None, settlement: &settlement, mask_phones: false, lang: crate::messages::Lang::En };
    let pick = |cells: &[crate::render::view::Cell], names: &[usize]| names.iter().map(|&i| cells[i].to_string()).collect::<Vec<_>>().join(" ");
    let names = ["date", "rep", "phone", "status", "reason", "end_day"].map(|n| CLAIMS.index(n));
    let mut claims: Vec<String> = report.claims().map(|(_, c)| pick(&c, &names)).collect();
    claims.sort();
    let names = ["deal_id", "owner", "basis"].map(|n| columns::DEALS.index(n));
    let deals: Vec<String> = report.deals().map(|c| pick(&c, &names)).collect();
    let names = ["period", "rep", "channel", "deals", "performance", "commission", "bonus", "total"].map(|n| COMMISSIONS.index(n));
    let commissions: Vec<String> = report.commissions().map(|c| pick(&c, &names)).collect();
    (claims, deals, commissions)
}
