//! Times `leadctl attribute` and `leadctl check` on
//! generated ledgers of growing size, against a bare CSV parsing floor:
//! `cargo run --release --example bench -- [--sizes 100000,1000000] [--keep DIR]`.
//!
//! The release binary is run as a child process; its wall time is the best
//! of `--runs`, its peak memory the child's max RSS as reported by `wait4`.

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
#[command(about = "Benchmarks leadctl on generated ledgers against a bare CSV parsing floor")]
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
    /// Runs of each measurement; the best counts
    #[arg(long, default_value_t = 3)]
    runs: u32,
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

/// Best wall time and highest peak memory over the runs of one command.
#[derive(Debug, Clone, Copy)]
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
    floor: f64,
    attribute: Measure,
    check: Option<Measure>,
}

/// What this leadctl binary can do.
struct Binary {
    path: PathBuf,
    quiet: bool,
    check: bool,
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
    let binary = probe(args.bin.clone().map_or_else(default_binary, Ok)?)?;
    let temp = match &args.keep {
        Some(_) => None,
        None => Some(tempfile::Builder::new().prefix("leadctl-bench-").tempdir_in("/tmp")?),
    };
    let root = args.keep.clone().unwrap_or_else(|| temp.as_ref().map(|t| t.path().to_path_buf()).unwrap_or_default());
    eprintln!("bench: {} (check {}), data in {}", binary.path.display(), if binary.check { "available" } else { "not available yet" }, root.display());
    let mut rows = Vec::new();
    for &size in &args.sizes {
        rows.push(bench_size(&args, &binary, &root, size)?);
    }
    print_table(&rows, binary.check);
    Ok(())
}

/// target/release/leadctl, beside target/release/examples/bench.
fn default_binary() -> anyhow::Result<PathBuf> {
    let exe = std::env::current_exe()?;
    let release = exe.parent().and_then(Path::parent).context("cannot locate the target folder")?;
    Ok(release.join("leadctl"))
}

/// Checks the binary exists and asks it which flags and subcommands it has.
fn probe(path: PathBuf) -> anyhow::Result<Binary> {
    if !path.is_file() {
        bail!("{} not found; build it first with `cargo build --release` (benches/bench.sh does)", path.display());
    }
    let succeeds = |args: &[&str]| {
        Command::new(&path).args(args).stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
    };
    let quiet = succeeds(&["attribute", "--quiet", "--help"]);
    let check = succeeds(&["check", "--help"]);
    Ok(Binary { path, quiet, check })
}

/// Generates one data set, measures it, and removes it unless kept.
fn bench_size(args: &Args, binary: &Binary, root: &Path, size: u64) -> anyhow::Result<Row> {
    let data = root.join(format!("n{size}"));
    let out = root.join(format!("n{size}-out"));
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
    let floor = best_of(args.runs, || parse_floor(&data))?;
    let rules = data.join("rules.toml");
    let mut attribute = vec!["attribute".into(), "--rules".into(), path_arg(&rules), "--out".into(), path_arg(&out)];
    if binary.quiet {
        attribute.push("--quiet".into());
    }
    let attribute = measure(binary, &attribute, args.runs, &[0], &root.join(format!("n{size}-attribute.stderr")))?;
    let check = if binary.check {
        let check = ["check".into(), "--rules".into(), path_arg(&rules)];
        Some(measure(binary, &check, args.runs, &[0, 1], &root.join(format!("n{size}-check.stderr")))?)
    } else {
        None
    };
    if args.keep.is_none() {
        fs::remove_dir_all(&data)?;
        let _ = fs::remove_dir_all(&out);
    }
    Ok(Row { size, input_mb, floor, attribute, check })
}

fn file_len(path: &Path) -> io::Result<u64> {
    Ok(fs::metadata(path)?.len())
}

fn path_arg(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// The best wall time of `runs` runs of `f`, in seconds.
fn best_of(runs: u32, mut f: impl FnMut() -> anyhow::Result<()>) -> anyhow::Result<f64> {
    let mut best = f64::INFINITY;
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        f()?;
        best = best.min(started.elapsed().as_secs_f64());
    }
    Ok(best)
}

/// The parsing floor: a bare `csv` pass over both ledgers into one reused
/// `ByteRecord`, counting rows.
fn parse_floor(dir: &Path) -> anyhow::Result<()> {
    let rows = count_rows(&dir.join("claims.csv"))? + count_rows(&dir.join("customers.csv"))?;
    std::hint::black_box(rows);
    Ok(())
}

fn count_rows(path: &Path) -> csv::Result<u64> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_path(path)?;
    let mut record = csv::ByteRecord::new();
    let mut rows = 0;
    while reader.read_byte_record(&mut record)? {
        rows += 1;
    }
    Ok(rows)
}

/// Runs `leadctl ARGS` `runs` times (stdout discarded, stderr to a file);
/// every exit status must be in `ok`.
fn measure(binary: &Binary, args: &[String], runs: u32, ok: &[i32], stderr: &Path) -> anyhow::Result<Measure> {
    let mut best = Measure { seconds: f64::INFINITY, peak_rss_mb: 0.0 };
    for _ in 0..runs.max(1) {
        let mut command = Command::new(&binary.path);
        command.args(args).stdin(Stdio::null()).stdout(Stdio::null()).stderr(fs::File::create(stderr)?);
        let run = run_measured(&mut command)?;
        if !run.code.is_some_and(|c| ok.contains(&c)) {
            let said = fs::read_to_string(stderr).unwrap_or_default();
            let tail: Vec<&str> = said.lines().rev().take(20).collect();
            bail!("leadctl {} ended with {:?}:\n{}", args.join(" "), run.code, tail.into_iter().rev().collect::<Vec<_>>().join("\n"));
        }
        best.seconds = best.seconds.min(run.wall.as_secs_f64());
        best.peak_rss_mb = best.peak_rss_mb.max(run.max_rss_kib as f64 * 1024.0 / 1e6);
    }
    Ok(best)
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

/// The results, one line per size, then `check` if it exists.
fn print_table(rows: &[Row], check: bool) {
    println!(
        "{:>10} {:>9} {:>9} {:>12} {:>11} {:>9} {:>10} {:>18}",
        "size", "input MB", "floor s", "attribute s", "attr/floor", "peak MB", "RSS/input", "growth (time/size)"
    );
    for (i, row) in rows.iter().enumerate() {
        let growth = match i.checked_sub(1).map(|p| &rows[p]) {
            Some(prev) => format!("x{:.2} / x{:.1}", row.attribute.seconds / prev.attribute.seconds, row.size as f64 / prev.size as f64),
            None => "-".into(),
        };
        println!(
            "{:>10} {:>9.1} {:>9.3} {:>12.3} {:>11.1} {:>9.1} {:>10.2} {:>18}",
            row.size,
            row.input_mb,
            row.floor,
            row.attribute.seconds,
            row.attribute.seconds / row.floor,
            row.attribute.peak_rss_mb,
            row.attribute.peak_rss_mb / row.input_mb,
            growth
        );
    }
    if !check {
        println!("check: not available yet");
        return;
    }
    println!("{:>10} {:>9} {:>11} {:>9}", "size", "check s", "check/floor", "peak MB");
    for row in rows {
        if let Some(c) = row.check {
            println!("{:>10} {:>9.3} {:>11.1} {:>9.1}", row.size, c.seconds, c.seconds / row.floor, c.peak_rss_mb);
        }
    }
}
