//! `rules.toml`: any text is a rules file or an error naming a key and a line.
//! A rules file that parses is then used to decide the shipped example
//! ledgers, so that every value the checker lets through is one the engine
//! and the renderers can live with.
#![no_main]

#[path = "common/mod.rs"]
mod common;

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

use leadctl::load::{Input, LedgerInputs};
use leadctl::policy::rules_toml;

fn example() -> &'static LedgerInputs {
    static INPUTS: OnceLock<LedgerInputs> = OnceLock::new();
    INPUTS.get_or_init(|| LedgerInputs {
        claims: Some(Input::from_bytes("examples/claims.csv", &include_bytes!("../../examples/claims.csv")[..])),
        customers: Some(Input::from_bytes("examples/customers.csv", &include_bytes!("../../examples/customers.csv")[..])),
        rulings: Some(Input::from_bytes("examples/rulings.csv", &include_bytes!("../../examples/rulings.csv")[..])),
        links: None,
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match rules_toml::parse(&text) {
        Ok(rules) => {
            let _ = rules.policy.rep_names().count();
            common::load_and_exercise(example(), &rules, None);
        }
        Err(e) => {
            for lang in leadctl::messages::Lang::ALL {
                let shown = e.text("rules.toml", lang);
                assert!(shown.starts_with("rules.toml:"), "{shown}");
            }
            let shown = e.text("rules.toml", leadctl::messages::Lang::En);
            assert!(e.line >= 1, "line {} in {shown}", e.line);
        }
    }
});
