//! What every ledger target does with its ledgers: the ops the commands run
//! (`ops::check`, which decides even when rows could not be read and words
//! policy findings; `ops::settle`), then the paths of `attribute` (reconcile,
//! render CSV, JSON and tables) and of `explain` (timelines). None of them
//! may panic.
#![allow(dead_code)]

use chrono::NaiveDate;

use leadctl::check::Horizon;
use leadctl::engine::{self, reconcile::Reconciliation};
use leadctl::load::{Input, LedgerInputs, LoadOptions, Loaded, Resolved};
use leadctl::ops::{self, CheckOptions, SettleError, SettleOptions};
use leadctl::engine::Settled;
use leadctl::messages::decisions;
use leadctl::policy::Policy;
use leadctl::policy::rules_toml;
use leadctl::render::csv_out::{CsvOptions, write_rows};
use leadctl::render::table::{self, TableOptions};
use leadctl::render::columns::{CLAIMS, COMMISSIONS, DEALS};
use leadctl::messages::Lang;
use leadctl::render::{Report, json, timeline};

/// Two reps, named as in tests/catalogue/rules.toml so that the catalogue
/// seeds decide real claims.
const ROSTER: &str = r#"
[reps."张伟"]
channel = "field"
region = "east"
target = 300000

[reps."刘洋"]
channel = "store"
region = "east"
target = 150000
"#;

/// The record separator (0x1E) splits one fuzz input into ledgers.
pub const SEPARATOR: u8 = 0x1e;

/// Splits `data` at [`SEPARATOR`] into claims, customers, rulings and an
/// optional as-of day. A ledger whose part is absent or empty is not given
/// (an empty file given is an error finding, which would stop the engine).
pub fn split(data: &[u8], ext: &str) -> (LedgerInputs, Option<NaiveDate>) {
    let mut parts = data.split(|&b| b == SEPARATOR);
    let mut next = |name: &str| {
        parts.next().filter(|p| !p.is_empty()).map(|p| Input::from_bytes(&format!("{name}.{ext}"), p.to_vec()))
    };
    let claims = next("claims");
    let customers = next("customers");
    let rulings = next("rulings");
    let as_of = next("as_of").and_then(|i| {
        let bytes = i.bytes.unwrap();
        leadctl::domain::day::parse_day(std::str::from_utf8(&bytes).ok()?).ok()
    });
    (LedgerInputs { claims, customers, rulings, links: None }, as_of)
}

/// SPEC §10 with [`ROSTER`], parsed once.
pub fn rules() -> &'static rules_toml::RulesFile {
    static RULES: std::sync::OnceLock<rules_toml::RulesFile> = std::sync::OnceLock::new();
    let text = || format!("{}{ROSTER}", rules_toml::SPEC_POLICY_TOML);
    RULES.get_or_init(|| rules_toml::parse(&text()).expect("the fixed rules parse"))
}

/// Runs the ops the commands run, `check` and `settle`, on `inputs`, then
/// everything downstream of them.
pub fn load_and_exercise(inputs: &LedgerInputs, rules: &rules_toml::RulesFile, as_of: Option<NaiveDate>) {
    let policy = &rules.policy;
    // Only a file that cannot be read at all is an error; in-memory bytes
    // always can be, except a spreadsheet that is not one.
    let load = LoadOptions { parallel: false, ..LoadOptions::new(100, None) };
    let horizon = Horizon { as_of: as_of.unwrap_or(NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()), warn_days: 3 };
    let given: Vec<Input> = inputs.iter().cloned().collect();
    let options = CheckOptions { given, context: LedgerInputs::default(), policy, load: load.clone(), horizon, snapshots: &[], today_in: None };
    match ops::check(&options, &mut |_, _| {}) {
        Ok(report) => {
            for d in &report.findings.kept {
                // Every finding words in both languages without panicking.
                let shown = d.to_string();
                let _ = d.paint(false, leadctl::messages::Lang::Zh);
                if debug() {
                    eprintln!("check: {shown}");
                }
            }
        }
        Err(e) if debug() => eprintln!("check could not run: {e}"),
        Err(_) => {}
    }
    let resolved = Resolved { rules_path: "rules.toml".into(), rules: rules.clone(), ledgers: inputs.clone() };
    let loaded = match ops::settle(resolved, SettleOptions { load, as_of, closed: None, hashes: false }) {
        Ok(run) => run.loaded,
        Err(SettleError::Unreadable(loaded)) => *loaded,
        Err(e) => {
            let shown = e.to_string();
            if debug() {
                eprintln!("load error: {shown}");
            }
            return;
        }
    };
    exercise(&loaded, policy, as_of);
}

/// `LEADCTL_FUZZ_DEBUG=1` prints what each input did, to read a crash or
/// check that a seed reaches the engine.
fn debug() -> bool {
    static DEBUG: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *DEBUG.get_or_init(|| std::env::var_os("LEADCTL_FUZZ_DEBUG").is_some())
}

pub fn exercise(loaded: &Loaded, policy: &Policy, as_of: Option<NaiveDate>) {
    for d in &loaded.findings.kept {
        let shown = d.to_string();
        if debug() {
            eprintln!("{shown}");
        }
    }
    if debug() {
        let (c, d, r) = (&loaded.ledgers.claims.rows, &loaded.ledgers.deals.rows, &loaded.ledgers.rulings.rows);
        eprintln!("loaded {} claim rows, {} deals, {} rulings; errors: {}", c.len(), d.len(), r.len(), loaded.findings.errors);
    }
    if !loaded.findings.has_errors() {
        attribute_path(loaded, policy, as_of);
    }
}

/// `leadctl attribute` and `leadctl explain` on ledgers without unreadable rows.
fn attribute_path(loaded: &Loaded, policy: &Policy, as_of: Option<NaiveDate>) {
    let outcome = engine::decide(&loaded.ledgers, policy, as_of);
    let reconciliation = Reconciliation::new(&loaded.ledgers, &outcome, loaded.claims.rows, loaded.customers.rows);
    let footer = decisions::reconciliation(Lang::En, &reconciliation);
    if debug() {
        eprintln!("attribute: as of {:?}\n{}", outcome.as_of, footer.join("\n"));
    }
    assert!(reconciliation.balanced, "reconciliation failed:\n{}\n{reconciliation:#?}", footer.join("\n"));

    let x = Settled { ledgers: &loaded.ledgers, policy, outcome: &outcome };
    let settlement = engine::closing::settle(&loaded.ledgers, &outcome, Vec::new()).expect("no snapshot, no stored rules");
    let report = Report { x, period: None, settlement: &settlement, mask_phones: false, lang: Lang::En };

    let options = CsvOptions { bom: true, neutralise: true };
    let mut out = Vec::new();
    write_rows(&mut out, &DEALS.names(), report.deals(), options).unwrap();
    write_rows(&mut out, &CLAIMS.names(), report.claims().map(|(_, c)| c), options).unwrap();
    write_rows(&mut out, &COMMISSIONS.names(), report.commissions(), options).unwrap();

    let mut out = Vec::new();
    json::write_json(&report, &reconciliation, &mut out).unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out).expect("write_json writes JSON");
    assert!(doc.get("deals").is_some_and(|d| d.is_array()));

    let mut out = Vec::new();
    let options = TableOptions { wrap: table::Wrap::Width(80), mask_phones: true };
    table::write_tables(&report, &mut out, options).unwrap();
    // The same tables in Chinese: every decision worded in both languages.
    table::write_tables(&Report { lang: Lang::Zh, ..report }, &mut out, options).unwrap();
    table::write_commissions(&report, &mut out, TableOptions { wrap: table::Wrap::Width(20), mask_phones: false }).unwrap();

    // `leadctl explain KEY` on a few keys: deal ids, claim rows, phones.
    let l = &loaded.ledgers;
    let mut keys: Vec<String> = Vec::new();
    keys.extend(l.deals.rows.iter().take(4).map(|d| l.text(d.id).to_string()));
    keys.extend(l.claims.rows.iter().take(4).map(|r| format!("{}:{}", l.claims.file, r.line)));
    keys.extend(l.rulings.rows.iter().take(2).map(|r| format!("{}:{}", l.rulings.file, r.line)));
    for key in keys {
        for lang in Lang::ALL {
            if let Ok(subject) = timeline::subject(lang, &key, l) {
                let entries = timeline::timeline(&x, lang, subject);
                let _ = serde_json::to_string(&entries).unwrap();
            }
        }
    }
}
