//! Times `leadctl attribute --out` and `leadctl check` on generated ledgers
//! of growing size against the read+write floor (examples/floor.rs: the
//! `csv` crate alone reading both ledgers and writing three files of
//! leadctl's rows and bytes) and the read-only floor:
//! `cargo run --release --example bench -- [--sizes 100000,1000000] [--runs 5] [--keep DIR]`.
//!
//! Every program runs as a child process; the runs of one size alternate
//! (floor, attribute, read-only floor, check, floor, …) so that whatever
//! else the machine does hits all of them alike, and each figure is the
//! median of `--runs`. Peak memory is the child's max RSS as `wait4`
//! reports it.

mod common;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::Parser;

use common::gen_data::{Config, generate};

#[derive(Debug, Parser)]
#[command(about = "Benchmarks leadctl on generated ledgers against the read+write floor")]
struct Args {
    /// Claim-ledger rows of each generated data set
    #[arg(long, value_name = "N,N,...", value_delimiter = ',', default_values_t = [100_000u64, 1_000_000, 10_000_000])]
    sizes: Vec<u64>,
    /// Keep the generated ledgers and outputs here instead of a temporary folder under /tmp
    #[arg(long, value_name = "DIR")]
    keep: Option<PathBuf>,
    /// Seed of the generator
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Runs of each measurement, alternating; the median counts
    #[arg(long, default_value_t = 5)]
    runs: u32,
    /// Threads for leadctl and the floor alike (`--threads N`) [default: leadctl's own choice, the floor's 2]
    #[arg(long, value_name = "N")]
    threads: Option<u32>,
    /// The leadctl binary [default: target/release/leadctl beside this example]
    #[arg(long, value_name = "PATH")]
    bin: Option<PathBuf>,
}

/// One timed run of a child process.
#[derive(Debug, Clone, Copy)]
struct Run {
    wall: Duration,
    max_rss_kib: u64,
    /// The exit status, or `None` when a signal ended it.
    code: Option<i32>,
}

/// Median wall time and highest peak memory over the runs of one command.
#[derive(Debug, Clone, Copy, Default)]
struct Measure {
    seconds: f64,
    /// Megabytes of 10^6 bytes, like the input sizes.
    peak_rss_mb: f64,
}

/// The measurements of one data-set size.
#[derive(Debug)]
struct Row {
    size: u64,
    input_mb: f64,
    floor: Measure,
    attribute: Measure,
    read_floor: Measure,
    check: Measure,
}

/// A program to time: its path and arguments, the exit statuses that are
/// success, and where its standard error goes.
struct Job {
    name: &'static str,
    program: PathBuf,
    args: Vec<String>,
    ok: &'static [i32],
    stderr: PathBuf,
    runs: Vec<Run>,
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Args) -> anyhow::Result<()> {
    let bin = args.bin.clone().map_or_else(|| beside("leadctl"), Ok)?;
    let floor = beside("examples/floor")?;
    for p in [&bin, &floor] {
        if !p.is_file() {
            bail!("{} not found; benches/bench.sh builds it (cargo build --release --bin leadctl --example floor)", p.display());
        }
    }
    let temp = match &args.keep {
        Some(_) => None,
        None => Some(tempfile::Builder::new().prefix("leadctl-bench-").tempdir_in("/tmp")?),
    };
    let root = args.keep.clone().unwrap_or_else(|| temp.as_ref().map(|t| t.path().to_path_buf()).unwrap_or_default());
    eprintln!("bench: {} against {}, data in {}, median of {} alternating runs", bin.display(), floor.display(), root.display(), args.runs);
    let mut rows = Vec::new();
    for &size in &args.sizes {
        rows.push(bench_size(&args, &bin, &floor, &root, size)?);
    }
    print_table(&rows);
    Ok(())
}

/// A file beside this example's folder: target/release/NAME.
fn beside(name: &str) -> anyhow::Result<PathBuf> {
    let exe = std::env::current_exe()?;
    let release = exe.parent().and_then(Path::parent).context("cannot locate the target folder")?;
    Ok(release.join(name))
}

/// Generates one data set, measures it, and removes it unless kept.
fn bench_size(args: &Args, bin: &Path, floor: &Path, root: &Path, size: u64) -> anyhow::Result<Row> {
    let data = root.join(format!("n{size}"));
    let out = root.join(format!("n{size}-out"));
    let floor_out = root.join(format!("n{size}-floor"));
    let started = Instant::now();
    let summary = generate(&Config { claim_rows: size, seed: args.seed }, &data).with_context(|| format!("generating {}", data.display()))?;
    eprintln!(
        "bench: n={size}: {} claim-ledger rows ({} claims, {} touches), {} deals, {} customers, {} reps, {} rulings, generated in {:.2} s",
        summary.claim_rows,
        summary.claims,
        summary.touches,
        summary.deals,
        summary.customers,
        summary.reps,
        summary.rulings,
        started.elapsed().as_secs_f64()
    );
    let input_mb = (file_len(&data.join("claims.csv"))? + file_len(&data.join("customers.csv"))?) as f64 / 1e6;
    let rules = path_arg(&data.join("rules.toml"));
    let threads: Vec<String> = args.threads.map(|n| vec!["--threads".into(), n.to_string()]).unwrap_or_default();
    let mut attribute = vec!["attribute".into(), "--quiet".into(), "--rules".into(), rules.clone(), "--out".into(), path_arg(&out)];
    attribute.extend(threads.iter().cloned());
    let mut check = vec!["check".into(), "--rules".into(), rules];
    check.extend(threads.iter().cloned());
    let stderr = |what: &str| root.join(format!("n{size}-{what}.stderr"));
    let job = |name, program: &Path, args: Vec<String>, ok| Job { name, program: program.to_path_buf(), args, ok, stderr: stderr(name), runs: Vec::new() };
    // A first run of attribute, untimed, says what the floor must write.
    let mut first = job("attribute", bin, attribute.clone(), &[0]);
    first.run()?;
    let mut floor_args = vec!["--data".into(), path_arg(&data), "--out".into(), path_arg(&floor_out)];
    for name in ["claims.csv", "deals.csv", "commissions.csv"] {
        let file = out.join(name);
        floor_args.extend(["--target".into(), format!("{name}:{}:{}", count_records(&file)?, file_len(&file)?)]);
    }
    let mut read_only = vec!["--data".into(), path_arg(&data), "--read-only".into()];
    if let Some(n) = args.threads {
        floor_args.extend(["--threads".into(), n.to_string()]);
        read_only.extend(["--threads".into(), n.to_string()]);
    }
    let mut jobs = [
        job("floor", floor, floor_args, &[0]),
        job("attribute", bin, attribute, &[0]),
        job("read-floor", floor, read_only, &[0]),
        job("check", bin, check, &[0, 1]),
    ];
    for _ in 0..args.runs.max(1) {
        for j in &mut jobs {
            j.run()?;
        }
    }
    let [floor, attribute, read_floor, check] = jobs.map(|j| j.measure());
    if args.keep.is_none() {
        fs::remove_dir_all(&data)?;
        let _ = fs::remove_dir_all(&out);
        let _ = fs::remove_dir_all(&floor_out);
    }
    Ok(Row { size, input_mb, floor, attribute, read_floor, check })
}

fn file_len(path: &Path) -> io::Result<u64> {
    Ok(fs::metadata(path)?.len())
}

/// Data rows of a CSV file written by leadctl (the header not counted).
fn count_records(path: &Path) -> anyhow::Result<u64> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_path(path)?;
    let mut record = csv::ByteRecord::new();
    let mut rows = 0;
    while reader.read_byte_record(&mut record)? {
        rows += 1;
    }
    Ok(rows)
}

fn path_arg(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

impl Job {
    /// Runs the program once (stdout discarded, stderr to a file); its exit
    /// status must be one of `ok`.
    fn run(&mut self) -> anyhow::Result<()> {
        let mut command = Command::new(&self.program);
        command.args(&self.args).stdin(Stdio::null()).stdout(Stdio::null()).stderr(fs::File::create(&self.stderr)?);
        let run = run_measured(&mut command)?;
        if !run.code.is_some_and(|c| self.ok.contains(&c)) {
            let said = fs::read_to_string(&self.stderr).unwrap_or_default();
            let tail: Vec<&str> = said.lines().rev().take(20).collect();
            bail!("{} {} ended with {:?}:\n{}", self.name, self.args.join(" "), run.code, tail.into_iter().rev().collect::<Vec<_>>().join("\n"));
        }
        self.runs.push(run);
        Ok(())
    }

    /// The median wall time and the highest peak memory of the runs.
    fn measure(&self) -> Measure {
        let mut walls: Vec<f64> = self.runs.iter().map(|r| r.wall.as_secs_f64()).collect();
        walls.sort_by(f64::total_cmp);
        let seconds = match walls.len() {
            0 => 0.0,
            n if n % 2 == 1 => walls[n / 2],
            n => (walls[n / 2 - 1] + walls[n / 2]) / 2.0,
        };
        let peak = self.runs.iter().map(|r| r.max_rss_kib).max().unwrap_or(0);
        Measure { seconds, peak_rss_mb: peak as f64 * 1024.0 / 1e6 }
    }
}

/// Spawns the command and reaps it with `wait4`, which reports the child's
/// own resource usage (its max RSS in KiB on Linux), not that of every
/// child this process has had.
fn run_measured(command: &mut Command) -> io::Result<Run> {
    let started = Instant::now();
    let child = command.spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data; all-zero is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: pid is our unreaped child; both pointers are valid for the call.
        let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if reaped == pid {
            break;
        }
        let err = io::Error::last_os_error();
        if err.kind() != io::ErrorKind::Interrupted {
            return Err(err);
        }
    }
    let wall = started.elapsed();
    drop(child); // already reaped; dropping a Child neither waits nor kills
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    Ok(Run { wall, max_rss_kib: u64::try_from(usage.ru_maxrss).unwrap_or(0), code })
}

/// The results, one line per size for `attribute`, then for `check`.
fn print_table(rows: &[Row]) {
    println!(
        "{:>10} {:>8} {:>8} {:>11} {:>10} {:>8} {:>9} {:>14}",
        "size", "input MB", "floor s", "attribute s", "attr/floor", "peak MB", "RSS/input", "growth"
    );
    for (i, row) in rows.iter().enumerate() {
        let growth = match i.checked_sub(1).map(|p| &rows[p]) {
            Some(prev) => format!("x{:.2} / x{:.1}", row.attribute.seconds / prev.attribute.seconds, row.size as f64 / prev.size as f64),
            None => "-".into(),
        };
        println!(
            "{:>10} {:>8.1} {:>8.3} {:>11.3} {:>10.2} {:>8.1} {:>9.2} {:>14}",
            row.size,
            row.input_mb,
            row.floor.seconds,
            row.attribute.seconds,
            row.attribute.seconds / row.floor.seconds,
            row.attribute.peak_rss_mb,
            row.attribute.peak_rss_mb / row.input_mb,
            growth
        );
    }
    println!("{:>10} {:>8} {:>12} {:>8} {:>11} {:>8} {:>9}", "size", "input MB", "read floor s", "check s", "check/floor", "peak MB", "RSS/input");
    for row in rows {
        println!(
            "{:>10} {:>8.1} {:>12.3} {:>8.3} {:>11.2} {:>8.1} {:>9.2}",
            row.size,
            row.input_mb,
            row.read_floor.seconds,
            row.check.seconds,
            row.check.seconds / row.read_floor.seconds,
            row.check.peak_rss_mb,
            row.check.peak_rss_mb / row.input_mb
        );
    }
}
