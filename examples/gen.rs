//! Generates realistic, clean ledgers for load tests:
//! `cargo run --release --example gen -- --claims N --seed S --out DIR`
//! writes DIR/claims.csv, customers.csv, rulings.csv and rules.toml.

mod common;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use common::gen_data::{Config, generate};

#[derive(Debug, Parser)]
#[command(about = "Writes claims.csv, customers.csv, rulings.csv and rules.toml for a load test")]
struct Args {
    /// About this many claim-ledger rows (a third of them claims)
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    claims: u64,
    /// Same size and seed give the same bytes
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// The folder to write into (created if needed)
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let config = Config { claim_rows: args.claims, seed: args.seed };
    match generate(&config, &args.out) {
        Ok(s) => {
            eprintln!(
                "wrote {}: {} claim-ledger rows ({} claims, {} touches), {} deals, {} customers, {} reps, {} rulings",
                args.out.display(),
                s.claim_rows,
                s.claims,
                s.touches,
                s.deals,
                s.customers,
                s.reps,
                s.rulings
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen: writing {}: {e}", args.out.display());
            ExitCode::from(2)
        }
    }
}
