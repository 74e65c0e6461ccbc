//! The read+write floor of `leadctl attribute --out` (issue 17): what the
//! `csv` crate alone takes to read both ledgers and write three files of the
//! rows and bytes leadctl writes.
//!
//! `cargo run --release --example floor -- --data DIR [--out DIR]
//!  [--target claims.csv:ROWS:BYTES ...] [--threads N] [--read-only]`
//!
//! Every record of claims.csv and customers.csv is read into a reused
//! `ByteRecord`. With `--out`, each `--target` file gets ROWS records of
//! that file's width (`deals.csv` from the customer ledger's rows,
//! `claims.csv` and `commissions.csv` from the claim ledger's), cells taken
//! from the row read, the last cell padded so the file comes to BYTES. With
//! two threads (the default, as leadctl on two cores) one reads the claim
//! ledger and writes claims.csv, the other reads the customer ledger and
//! writes deals.csv and commissions.csv: the split leadctl has. Rows are
//! streamed, never held: no work but splitting and joining bytes.
//! `--read-only` reads and writes nothing (the floor of `check`).

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Parser;

#[derive(Debug, Parser)]
#[command(about = "Reads claims.csv and customers.csv and writes files of given rows and bytes with the csv crate alone")]
struct Args {
    /// The folder holding claims.csv and customers.csv
    #[arg(long, value_name = "DIR")]
    data: PathBuf,
    /// Where to write the target files (created if needed)
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// A file to write: NAME:ROWS:BYTES (NAME is claims.csv, deals.csv or commissions.csv)
    #[arg(long, value_name = "NAME:ROWS:BYTES")]
    target: Vec<String>,
    /// 1 reads and writes one file at a time; 2 as leadctl does on two cores
    #[arg(long, default_value_t = 2)]
    threads: u32,
    /// Read only (the floor of `leadctl check`)
    #[arg(long)]
    read_only: bool,
}

/// One file to write: its name, data rows, bytes (header and BOM included)
/// and cells per row.
#[derive(Debug, Clone)]
struct Target {
    name: String,
    rows: u64,
    bytes: u64,
    width: usize,
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("floor: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Args) -> anyhow::Result<()> {
    let targets: Vec<Target> = if args.read_only { Vec::new() } else { args.target.iter().map(|t| parse_target(t)).collect::<anyhow::Result<_>>()? };
    let out = match (&args.out, targets.is_empty()) {
        (Some(dir), _) => {
            std::fs::create_dir_all(dir)?;
            Some(dir.clone())
        }
        (None, true) => None,
        (None, false) => bail!("--target needs --out"),
    };
    let pick = |name: &str| targets.iter().find(|t| t.name == name).cloned();
    let claims_in = args.data.join("claims.csv");
    let deals_in = args.data.join("customers.csv");
    let writer = |t: Option<Target>| -> anyhow::Result<Option<Out>> {
        match (t, &out) {
            (Some(t), Some(dir)) => Ok(Some(Out::create(dir, t)?)),
            _ => Ok(None),
        }
    };
    let claims_side = {
        let claims_out = writer(pick("claims.csv"))?;
        move || pass(&claims_in, [claims_out, None])
    };
    let deals_side = {
        let (deals_out, commissions_out) = (writer(pick("deals.csv"))?, writer(pick("commissions.csv"))?);
        move || pass(&deals_in, [deals_out, commissions_out])
    };
    let rows = if args.threads > 1 {
        std::thread::scope(|scope| {
            let deals = scope.spawn(deals_side);
            let claims = claims_side();
            let deals = deals.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
            anyhow::Ok(claims? + deals?)
        })?
    } else {
        claims_side()? + deals_side()?
    };
    std::hint::black_box(rows);
    Ok(())
}

fn parse_target(text: &str) -> anyhow::Result<Target> {
    let mut parts = text.split(':');
    let (Some(name), Some(rows), Some(bytes), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        bail!("--target {text}: give NAME:ROWS:BYTES");
    };
    let width = match name {
        "claims.csv" => 9,
        "deals.csv" => 13,
        "commissions.csv" => 11,
        other => bail!("--target {other}: not one of claims.csv, deals.csv, commissions.csv"),
    };
    Ok(Target { name: name.into(), rows: rows.parse()?, bytes: bytes.parse()?, width })
}

/// Reads `input` record by record; each record feeds the next row of each
/// writer still short of its rows. Returns the records read.
fn pass(input: &Path, mut outs: [Option<Out>; 2]) -> anyhow::Result<u64> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(input)
        .with_context(|| format!("opening {}", input.display()))?;
    let mut record = csv::ByteRecord::new();
    let mut rows = 0u64;
    while reader.read_byte_record(&mut record)? {
        rows += 1;
        for out in outs.iter_mut().flatten() {
            out.row(&record)?;
        }
    }
    // A writer given more rows than the input has cycles the last record.
    for out in outs.into_iter().flatten() {
        out.finish(&record)?;
    }
    Ok(rows)
}

/// A file being written to its target.
struct Out {
    target: Target,
    w: csv::Writer<BufWriter<File>>,
    rows: u64,
    /// Bytes written so far, as counted (no quoting in generated cells but
    /// what the csv crate adds; the file's size is checked at the end).
    bytes: u64,
    pad: Vec<u8>,
    path: PathBuf,
}

impl Out {
    fn create(dir: &Path, target: Target) -> anyhow::Result<Out> {
        let path = dir.join(&target.name);
        let mut file = BufWriter::with_capacity(1 << 16, File::create(&path).with_context(|| format!("creating {}", path.display()))?);
        file.write_all(b"\xEF\xBB\xBF")?;
        let mut w = csv::WriterBuilder::new().from_writer(file);
        let header: Vec<String> = (0..target.width).map(|i| format!("c{i}")).collect();
        w.write_record(&header)?;
        let bytes = 3 + header.iter().map(|h| h.len() as u64 + 1).sum::<u64>();
        Ok(Out { target, w, rows: 0, bytes, pad: Vec::new(), path })
    }

    /// Writes the next row from `record`'s cells, the last one padded so
    /// that the bytes so far keep pace with the target's.
    fn row(&mut self, record: &csv::ByteRecord) -> io::Result<()> {
        if self.rows == self.target.rows {
            return Ok(());
        }
        self.rows += 1;
        let width = self.target.width;
        let mut line = 0u64;
        for i in 0..width - 1 {
            let cell = record.get(i % record.len().max(1)).unwrap_or(b"");
            self.w.write_field(cell)?;
            line += written_len(cell) + 1;
        }
        let due = self.target.bytes * self.rows / self.target.rows.max(1);
        let pad = due.saturating_sub(self.bytes + line + 1) as usize;
        self.pad.resize(pad, b'x');
        self.w.write_field(&self.pad)?;
        self.w.write_record(None::<&[u8]>)?;
        self.bytes += line + pad as u64 + 1;
        Ok(())
    }

    fn finish(mut self, last: &csv::ByteRecord) -> anyhow::Result<()> {
        while self.rows < self.target.rows {
            self.row(last)?;
        }
        self.w.into_inner().map_err(|e| e.into_error())?.flush()?;
        let size = std::fs::metadata(&self.path)?.len();
        std::hint::black_box(size);
        Ok(())
    }
}

/// The bytes a cell takes once written: quoted when it holds a comma, a
/// quote or a line end, each quote doubled.
fn written_len(cell: &[u8]) -> u64 {
    let special = cell.iter().filter(|&&b| matches!(b, b',' | b'"' | b'\n' | b'\r')).count();
    if special == 0 {
        cell.len() as u64
    } else {
        cell.len() as u64 + 2 + cell.iter().filter(|&&b| b == b'"').count() as u64
    }
}
