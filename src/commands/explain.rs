//! `leadctl explain KEY`: one customer's timeline, with every decision and
//! the rule and numbers behind it.

use clap::ValueEnum;
use comfy_table::Table;

use crate::ops::SettledRun;
use super::{Exit, Io, Warnings, load_and_decide};
use super::args::InputArgs;
use crate::messages::{self as msg, Lang};
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
    let lang = io.ui.lang;
    let subject = timeline::subject(lang, &args.key, &loaded.ledgers).map_err(anyhow::Error::msg)?;
    let settlement = super::settle(&loaded.ledgers, &outcome, snapshots)?;
    let mut entries = timeline::timeline_with(&x, lang, subject, Some(&settlement));
    if args.mask_phones {
        // Decisions quote phones: the customer's (a duplicate, a link), or a
        // row's phone that names no customer.
        let texts: Vec<String> = match subject {
            Subject::ClaimRow(i) => vec![loaded.ledgers.claims.rows[i].phone.display(&loaded.ledgers.strings).to_string()],
            Subject::Customer(p) => outcome.customers.members(p).iter().map(|p| p.to_string()).collect(),
            Subject::Deal(_) => Vec::new(),
        };
        for text in texts.iter().filter(|t| !t.is_empty()) {
            let (plain, masked) = (msg::shown(text), msg::shown(&mask(text)));
            entries.iter_mut().for_each(|e| e.decision = e.decision.replace(&plain, &masked));
        }
    }
    let title = title(lang, subject, &x, args.mask_phones);
    if entries.is_empty() {
        writeln!(io.err, "{}", msg::escaped(&msg::timeline::nothing_mentions(lang, &title)))?;
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
            let as_of = outcome.as_of.map_or(String::new(), |d| msg::timeline::as_of(lang, d));
            writeln!(io.out, "{}{as_of}", msg::escaped(&title))?;
            print_table(io.out, &table(lang, &entries))?;
        }
    }
    Ok(Exit::Clean)
}

fn title(lang: Lang, subject: Subject, x: &Settled, masked: bool) -> String {
    let l = x.ledgers;
    match subject {
        Subject::Customer(p) => {
            let shown = |p: crate::domain::phone::Phone| if masked { mask(&p.to_string()) } else { p.to_string() };
            let group = x.outcome.customers.members(p);
            let phone = group.iter().map(|&p| shown(p)).collect::<Vec<_>>().join(" = ");
            let on = |cell: crate::domain::ledger::PhoneCell| cell.valid().is_some_and(|c| group.contains(&c));
            let name = l.claims.rows.iter().filter(|r| on(r.phone)).find_map(|r| r.customer);
            let name = name.or_else(|| l.deals.rows.iter().filter(|d| on(d.phone)).find_map(|d| d.customer));
            msg::timeline::customer(lang, &phone, name.map(|n| l.text(n)))
        }
        Subject::ClaimRow(i) => msg::timeline::claim_row(lang, l.claims.at(l.claims.rows[i].line)),
        Subject::Deal(i) => msg::timeline::deal(lang, l.text(l.deals.rows[i].id)),
    }
}

fn table(lang: Lang, entries: &[Entry]) -> Table {
    let mut t = Table::new();
    t.load_style(style());
    arrange(&mut t, default_wrap());
    t.set_header(msg::labels::timeline_header(lang).to_vec());
    for e in entries {
        let event = msg::labels::event(lang, &e.event).to_string();
        let cells = [e.day.clone(), short_row_text(&e.row), e.who.clone(), event, e.decision.clone()];
        t.add_row(cells.iter().map(|c| msg::escaped(c).into_owned()).collect::<Vec<_>>());
    }
    for column in t.column_iter_mut() {
        column.set_padding((0, 0));
    }
    t
}
