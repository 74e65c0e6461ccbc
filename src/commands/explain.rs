//! `leadctl explain KEY`: one customer's timeline, with every decision and
//! the rule and numbers behind it.

use clap::ValueEnum;
use comfy_table::Table;

use crate::ops::SettledRun;
use super::{Exit, Io, Warnings, load_and_decide};
use super::args::InputArgs;
use crate::messages as msg;
use crate::engine::Settled;
use crate::render::table::{arrange, default_wrap, mask, print_table, short_row_text, style};
use crate::render::timeline::{self, Entry, Subject};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A phone (any written form), a deal id, or a claim-ledger row like claims.csv:41
    pub key: String,
    #[command(flatten)]
    pub input: InputArgs,
    /// Table for people, JSON for scripts
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Show phones as 138****8000 (KEY is still the full number)
    #[arg(long)]
    pub mask_phones: bool,
}

/// Exit 0 with a timeline; 1 when no row mentions the key's customer.
pub fn run(args: Args, io: &mut Io) -> anyhow::Result<Exit> {
    let resolved = args.input.resolve()?;
    super::attribute::inputs_of(&args.input, &resolved.ledgers, &resolved.rules_path).refuse_stdout()?;
    let SettledRun { resolved, loaded, outcome, snapshots, .. } = load_and_decide(resolved, &args.input, io, Warnings::Hide)?;
    let x = Settled { ledgers: &loaded.ledgers, policy: &resolved.rules.policy, outcome: &outcome };
    let subject = timeline::subject(&args.key, &loaded.ledgers).map_err(anyhow::Error::msg)?;
    let settlement = super::settle(&loaded.ledgers, &outcome, snapshots)?;
    let mut entries = timeline::timeline_with(&x, subject, Some(&settlement));
    if args.mask_phones
        && let Subject::ClaimRow(i) = subject
    {
        // The row's phone names no customer: the decision quotes it.
        let text = loaded.ledgers.claims.rows[i].phone.display(&loaded.ledgers.strings).to_string();
        if !text.is_empty() {
            let (plain, masked) = (msg::shown(&text), msg::shown(&mask(&text)));
            entries.iter_mut().for_each(|e| e.decision = e.decision.replace(&plain, &masked));
        }
    }
    let title = title(subject, &x, args.mask_phones);
    if entries.is_empty() {
        writeln!(io.err, "no claim, deal or ruling mentions {}", msg::escaped(&title))?;
        return Ok(Exit::Findings);
    }
    match args.format {
        Format::Json => {
            let doc = serde_json::json!({
                "subject": title,
                "as_of": outcome.as_of.map(|d| d.to_string()),
                "timeline": entries,
            });
            serde_json::to_writer_pretty(&mut *io.out, &doc)?;
            writeln!(io.out)?;
        }
        Format::Table => {
            let as_of = outcome.as_of.map_or(String::new(), |d| format!(" (as of {d})"));
            writeln!(io.out, "{}{as_of}", msg::escaped(&title))?;
            print_table(io.out, &table(&entries))?;
        }
    }
    Ok(Exit::Clean)
}

fn title(subject: Subject, x: &Settled, masked: bool) -> String {
    let l = x.ledgers;
    match subject {
        Subject::Customer(p) => {
            let shown = |p: crate::domain::phone::Phone| if masked { mask(&p.to_string()) } else { p.to_string() };
            let group = x.outcome.customers.members(p);
            let phone = group.iter().map(|&p| shown(p)).collect::<Vec<_>>().join(" = ");
            let on = |cell: crate::domain::ledger::PhoneCell| cell.valid().is_some_and(|c| group.contains(&c));
            let name = l.claims.rows.iter().filter(|r| on(r.phone)).find_map(|r| r.customer);
            let name = name.or_else(|| l.deals.rows.iter().filter(|d| on(d.phone)).find_map(|d| d.customer));
            match name {
                Some(n) => format!("customer {phone} ({})", l.text(n)),
                None => format!("customer {phone}"),
            }
        }
        Subject::ClaimRow(i) => format!("claim-ledger row {} (its phone names no customer)", l.claims.at(l.claims.rows[i].line)),
        Subject::Deal(i) => format!("deal {} (its phone names no customer)", l.text(l.deals.rows[i].id)),
    }
}

fn table(entries: &[Entry]) -> Table {
    let mut t = Table::new();
    t.load_style(style());
    arrange(&mut t, default_wrap());
    t.set_header(vec!["day", "row", "who", "event", "decision"]);
    for e in entries {
        let cells = [e.day.clone(), short_row_text(&e.row), e.who.clone(), e.event.clone(), e.decision.clone()];
        t.add_row(cells.iter().map(|c| msg::escaped(c).into_owned()).collect::<Vec<_>>());
    }
    for column in t.column_iter_mut() {
        column.set_padding((0, 0));
    }
    t
}
