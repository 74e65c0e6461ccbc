//! `leadctl dupes`: phones that are probably one customer and are not
//! linked yet, written as a links.csv a manager edits and keeps (SPEC §15).

use std::path::PathBuf;

use clap::ValueEnum;
use comfy_table::Table;

use super::{Exit, Io, print_findings, say_read};
use crate::check::dupes;
use super::args::InputArgs;
use crate::engine::Customers;
use crate::load::{self, LoadOptions};
use crate::messages as msg;
use crate::render::csv_out::{self, CsvOptions};
use crate::render::dupes::{DUPE_COLUMNS, rows};
use crate::render::table::{arrange, default_wrap, print_table, style};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,
    /// Write the pairs as a links.csv to FILE (never over an input)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// table or csv [default: table on a terminal, else csv]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write CSV without the UTF-8 byte-order mark Excel needs
    #[arg(long)]
    pub no_bom: bool,
}

pub fn run(args: Args, io: &mut Io) -> anyhow::Result<Exit> {
    let resolved = args.input.resolve()?;
    if let Some(out) = &args.out {
        refuse_overwrite(out, &resolved.ledgers)?;
    }
    let started = std::time::Instant::now();
    let progress = io.progress();
    let options = LoadOptions { parallel: args.input.read.parallel(), progress: progress.clone(), ..LoadOptions::new(args.input.read.max_errors, args.input.read.encoding) };
    let loaded = load::load_ledgers(&resolved.ledgers, options);
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let loaded = loaded?;
    say_read(io, &resolved.ledgers, &loaded)?;
    let lang = io.ui.lang;
    io.verbose(msg::reports::read_in(lang, started.elapsed().as_secs_f64()))?;
    let started = std::time::Instant::now();
    if loaded.findings.has_errors() {
        print_findings(io, &loaded.findings, true)?;
        return Err(crate::messages::errors::Fatal::Stopped { errors: loaded.findings.errors }.into());
    }
    let customers = Customers::new(&loaded.ledgers);
    let sightings = dupes::sightings(&loaded.ledgers, true, true, args.input.as_of);
    let pairs = dupes::find(sightings, &customers);
    io.verbose(msg::reports::pairs_found_in(lang, pairs.len(), started.elapsed().as_secs_f64()))?;
    let csv = CsvOptions { bom: !args.no_bom, neutralise: true };
    let table = args.format.map_or(std::io::IsTerminal::is_terminal(&std::io::stdout()), |f| f == Format::Table);
    match &args.out {
        Some(path) => {
            csv_out::atomic_write(path, |w| csv_out::write_rows(w, &DUPE_COLUMNS, rows(&pairs, &loaded.ledgers), csv))?;
            if !io.ui.quiet {
                writeln!(io.err, "{}", msg::escaped(&msg::dupes_written(lang, pairs.len(), &path.display().to_string())))?;
            }
        }
        None if table => {
            let mut t = Table::new();
            t.load_style(style());
            arrange(&mut t, default_wrap());
            t.set_header(DUPE_COLUMNS.iter().map(|c| msg::labels::title(lang, c)).collect::<Vec<_>>());
            for row in rows(&pairs, &loaded.ledgers) {
                let cells = row.iter().zip(DUPE_COLUMNS).map(|(c, column)| match (column, c) {
                    ("reason", crate::render::view::Cell::Text(r)) => msg::labels::dupe_reason(lang, r).to_string(),
                    _ => c.to_string(),
                });
                t.add_row(cells.map(|c| msg::escaped(&c).into_owned()).collect::<Vec<_>>());
            }
            for column in t.column_iter_mut() {
                column.set_padding((0, 1));
            }
            print_table(io.out, &t)?;
            if !io.ui.quiet {
                writeln!(io.err, "{}", msg::dupes_found(lang, pairs.len()))?;
            }
        }
        None => csv_out::write_rows(&mut *io.out, &DUPE_COLUMNS, rows(&pairs, &loaded.ledgers), csv)?,
    }
    Ok(Exit::Clean)
}

/// `--out` must not name an input: the links file a manager keeps least of all.
fn refuse_overwrite(out: &std::path::Path, inputs: &load::LedgerInputs) -> anyhow::Result<()> {
    let Ok(out_path) = out.canonicalize() else { return Ok(()) };
    let inputs = [&inputs.claims, &inputs.customers, &inputs.rulings, &inputs.links];
    for input in inputs.into_iter().flatten() {
        if input.path.canonicalize().is_ok_and(|p| p == out_path) {
            return Err(crate::messages::errors::Fatal::OutOverwritesInput { out: out.to_path_buf(), input: input.name.clone() }.into());
        }
    }
    Ok(())
}
