//! SPEC §16 under faults: runs killed at any moment, two runs at once, a
//! write that fails half way, inputs that must survive, pipes that close.

use std::fs;
use std::io::{BufRead, Read};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use sha2::{Digest, Sha256};

use super::{CLAIMS, CUSTOMERS, RULES, leadctl};

/// A folder with rules.toml naming claims.csv and customers.csv, and the files given.
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let rules = format!("[ledgers]\nclaims = \"claims.csv\"\ncustomers = \"customers.csv\"\n\n{RULES}");
    let dir = super::folder(files);
    fs::write(dir.path().join("rules.toml"), rules).unwrap();
    dir
}

#[allow(dead_code, unused_imports)]
#[path = "../../examples/common/mod.rs"]
mod common;

/// A generated ledger of about `rows` claim-ledger rows in `dir`, with its
/// rules.toml (a debug build takes about a second on 20,000).
fn generated(dir: &Path, rows: u64) {
    common::gen_data::generate(&common::gen_data::Config { claim_rows: rows, seed: 7 }, dir).unwrap();
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_leadctl"))
}

fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Checks that `out` is one whole set: the files its manifest lists, with
/// their sizes and hashes, and nothing else. Returns the manifest.
fn whole_set(out: &Path) -> serde_json::Value {
    let manifest: serde_json::Value = serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let mut names = vec!["manifest.json".to_string()];
    for f in manifest["files"].as_array().unwrap() {
        let name = f["name"].as_str().unwrap();
        let bytes = fs::read(out.join(name)).unwrap();
        assert_eq!(bytes.len() as u64, f["bytes"].as_u64().unwrap(), "{name}");
        assert_eq!(sha(&bytes), f["sha256"].as_str().unwrap(), "{name}");
        names.push(name.to_string());
    }
    names.sort();
    assert_eq!(names, ["claims.csv", "commissions.csv", "deals.csv", "manifest.json"]);
    assert_eq!(listing(out), names);
    manifest
}

fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

/// What sits beside the output folder `res/out`: the link, its lock, and
/// exactly one run folder, nothing temporary.
fn clean_beside(res: &Path) {
    let names = listing(res);
    assert_eq!(names.len(), 3, "{names:?}");
    assert_eq!((&names[0][..], &names[2][..]), ("out", "out.lock"), "{names:?}");
    assert!(names[1].starts_with("out.leadctl-run-"), "{names:?}");
}

/// Nothing of process `pid` is left beside or inside `res/out`: no run
/// folder (unless `out` is it: the run published) and no temporary file.
fn nothing_of(pid: u32, res: &Path, out: &Path) {
    let current = fs::read_link(out).unwrap().file_name().unwrap().to_string_lossy().into_owned();
    let run = format!(".leadctl-run-{pid}-");
    let temp = format!(".leadctl-{pid}-");
    let beside = listing(res).into_iter().filter(|n| (n.contains(&run) && *n != current) || n.starts_with(&temp));
    let inside = listing(out).into_iter().filter(|n| n.starts_with(&temp));
    let left: Vec<String> = beside.chain(inside).collect();
    assert!(left.is_empty(), "process {pid} left {left:?}");
}

fn run_into(ledger: &Path, out: &Path, as_of: &str) -> Command {
    let mut c = bin();
    c.current_dir(ledger).args(["attribute", "-q", "--as-of", as_of, "--out"]).arg(out);
    c
}

#[test]
fn killed_runs_leave_one_whole_set_and_the_next_run_clears_their_leftovers() {
    let root = tempfile::tempdir().unwrap();
    let ledger = root.path().join("ledger");
    generated(&ledger, 20_000);
    let res = root.path().join("res");
    let out = res.join("out");
    let started = std::time::Instant::now();
    assert!(run_into(&ledger, &out, "2026-12-01").status().unwrap().success());
    // Kills from early in the read to just after the switch, whatever the
    // machine's speed.
    let took = started.elapsed().as_millis() as u64;
    whole_set(&out);
    let mut killed = 0;
    for (i, delay) in [3u64, 20, 40, 60, 80, 95, 130].map(|percent| took * percent / 100).into_iter().enumerate() {
        for signal in [libc::SIGKILL, libc::SIGTERM] {
            let as_of = format!("2026-12-{:02}", 2 + i * 2 + usize::from(signal == libc::SIGTERM));
            let mut child = run_into(&ledger, &out, &as_of).spawn().unwrap();
            std::thread::sleep(Duration::from_millis(delay));
            // SAFETY: signals our own child.
            unsafe { libc::kill(child.id() as i32, signal) };
            let status = child.wait().unwrap();
            let manifest = whole_set(&out);
            let as_of_now = manifest["as_of"].to_string();
            if status.success() {
                assert_eq!(as_of_now, format!("\"{as_of}\""));
            } else {
                killed += 1;
            }
            if signal == libc::SIGTERM {
                // Caught: its temporaries are gone already. (The leftovers
                // of the run killed before it stay when the signal came
                // before it cleared them.)
                nothing_of(child.id(), &res, &out);
            }
        }
    }
    assert!(run_into(&ledger, &out, "2026-12-31").status().unwrap().success());
    assert_eq!(whole_set(&out)["as_of"], "2026-12-31");
    clean_beside(&res);
    assert!(killed > 0, "every run finished before its kill");
}

#[test]
fn two_runs_at_once_into_one_folder_never_mix() {
    let root = tempfile::tempdir().unwrap();
    let ledger = root.path().join("ledger");
    generated(&ledger, 5_000);
    let res = root.path().join("res");
    let out = res.join("out");
    for round in 0..3 {
        // Without --wait one of them may be turned away (exit 2); with it both finish.
        let wait = if round == 0 { "0" } else { "60" };
        let spawn = |as_of: &str| run_into(&ledger, &out, as_of).arg("--wait").arg(wait).stderr(Stdio::piped()).spawn().unwrap();
        let (a, b) = (spawn("2026-11-01"), spawn("2026-11-02"));
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        for o in [&a, &b] {
            let err = String::from_utf8_lossy(&o.stderr);
            match o.status.code() {
                Some(0) => assert_eq!(err, ""),
                Some(2) if wait == "0" => assert!(err.contains("another leadctl run (process "), "{err}"),
                other => panic!("exit {other:?}: {err}"),
            }
        }
        assert!(a.status.success() || b.status.success());
        whole_set(&out);
        clean_beside(&res);
    }
}

#[test]
fn a_held_lock_turns_a_run_away_naming_the_holder_and_wait_waits_for_it() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    let lock = fs::File::create(dir.path().join("out.lock")).unwrap();
    lock.lock().unwrap();
    fs::write(dir.path().join("out.lock"), "4242\n").unwrap();
    let a = leadctl().current_dir(dir.path()).args(["attribute", "--out", "out"]).assert().code(2);
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert_eq!(
        err,
        "error: --out out: another leadctl run (process 4242) is writing it (it holds ./out.lock); nothing was replaced. \
         Try again when it ends, or give --wait SECS\n"
    );
    let a = leadctl().current_dir(dir.path()).args(["--lang", "zh", "attribute", "--out", "out"]).assert().code(2);
    assert_eq!(
        String::from_utf8_lossy(&a.get_output().stderr),
        "error: --out out：另一个 leadctl（进程 4242）正在写（占着 ./out.lock）；什么都没替换。等它结束再试，或加 --wait 秒数\n"
    );
    assert!(!dir.path().join("out").exists());
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(500));
        drop(lock);
    });
    leadctl().current_dir(dir.path()).args(["attribute", "-q", "--wait", "20", "--out", "out"]).assert().success();
    release.join().unwrap();
    whole_set(&dir.path().join("out"));
    // The lock stays, naming the last holder.
    let holder: u32 = fs::read_to_string(dir.path().join("out.lock")).unwrap().trim().parse().unwrap();
    assert_ne!(holder, 4242);
}

#[test]
fn a_failure_writing_the_third_file_leaves_the_previous_set_and_exits_2() {
    let root = tempfile::tempdir().unwrap();
    let ledger = root.path().join("ledger");
    generated(&ledger, 3_000);
    let res = root.path().join("res");
    let out = res.join("out");
    assert!(run_into(&ledger, &out, "2026-12-01").arg("--threads").arg("1").status().unwrap().success());
    let before = whole_set(&out);
    let size = |name: &str| fs::metadata(out.join(name)).unwrap().len();
    // With one thread the files are written commissions, deals, claims: a
    // file-size limit between deals.csv and claims.csv fails the third.
    let limit = (size("deals.csv") + size("claims.csv")) / 2;
    assert!(size("commissions.csv") < limit && size("deals.csv") < limit && size("claims.csv") > limit);
    // With two threads claims.csv is hashed and written on a thread of its
    // own (render/pipe.rs): its failure must stop the run all the same.
    for threads in ["1", "2"] {
        let mut c = run_into(&ledger, &out, "2026-12-02");
        c.args(["--threads", threads]).stderr(Stdio::piped());
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            c.pre_exec(move || {
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                let r = libc::rlimit { rlim_cur: limit, rlim_max: limit };
                libc::setrlimit(libc::RLIMIT_FSIZE, &r);
                Ok(())
            });
        }
        let o = c.output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{threads} threads");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.starts_with(&format!("error: writing {} (nothing was replaced): the file would pass the largest size the system allows", out.display())), "{threads} threads: {err}");
        assert_eq!(whole_set(&out), before);
    }
    clean_beside(&res);
}

#[test]
fn standard_input_and_standard_output_are_inputs_too() {
    let dir = folder(&[("rules.toml", RULES), ("customers.csv", CUSTOMERS)]);
    fs::create_dir(dir.path().join("out")).unwrap();
    fs::write(dir.path().join("out/claims.csv"), CLAIMS).unwrap();
    let stdin = fs::File::open(dir.path().join("out/claims.csv")).unwrap();
    let o = bin().current_dir(dir.path()).args(["attribute", "--claims", "-", "--out", "out"]).stdin(stdin).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("holds an input of this run"));
    assert_eq!(fs::read_to_string(dir.path().join("out/claims.csv")).unwrap(), CLAIMS);
    // `--out .` in the folder holding the ledger read from standard input.
    let stdin = fs::File::open(dir.path().join("out/claims.csv")).unwrap();
    let o = bin()
        .current_dir(dir.path().join("out"))
        .args(["attribute", "--rules", "../rules.toml", "--customers", "../customers.csv", "--claims", "-", "--out", "."])
        .stdin(stdin)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(fs::read_to_string(dir.path().join("out/claims.csv")).unwrap(), CLAIMS);
    // `>> claims.csv`
    fs::write(dir.path().join("claims.csv"), CLAIMS).unwrap();
    let append = fs::OpenOptions::new().append(true).open(dir.path().join("claims.csv")).unwrap();
    let o = bin().current_dir(dir.path()).args(["attribute", "--claims", "claims.csv", "--format", "csv"]).stdout(append).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&o.stderr), format!("error: {}\n", "standard output is one of the input files; writing the report there would destroy it: redirect to another file"));
    assert_eq!(fs::read_to_string(dir.path().join("claims.csv")).unwrap(), CLAIMS);
}

#[test]
fn a_csv_stream_cut_by_head_is_not_an_error() {
    let root = tempfile::tempdir().unwrap();
    generated(root.path(), 20_000);
    let mut child = bin().current_dir(root.path()).args(["attribute", "--format", "csv"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert!(first.starts_with("report,deal_id,"));
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert_eq!((child.wait().unwrap().code(), err.as_str()), (Some(0), ""));
}

#[test]
fn row_references_to_a_ledger_named_like_a_formula_are_neutralised() {
    let dir = folder(&[("rules.toml", RULES), ("=1+1.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    leadctl().current_dir(dir.path()).args(["attribute", "-q", "--claims", "=1+1.csv", "--customers", "customers.csv", "--out", "out"]).assert().success();
    let claims = fs::read_to_string(dir.path().join("out/claims.csv")).unwrap();
    assert!(claims.contains("\n'=1+1.csv:2,2026-03-01,"), "{claims}");
    let deals = fs::read_to_string(dir.path().join("out/deals.csv")).unwrap();
    assert!(deals.contains(",'=1+1.csv:2,customers.csv:2,"), "{deals}");
}

#[test]
fn a_workbook_is_the_same_bytes_every_run_and_made_on_the_as_of_day() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    let run = |name: &str| {
        leadctl().current_dir(dir.path()).args(["attribute", "-q", "--format", "xlsx", "--out", name]).assert().success();
        fs::read(dir.path().join(name)).unwrap()
    };
    let a = run("a.xlsx");
    std::thread::sleep(Duration::from_millis(1100));
    assert_eq!(a, run("b.xlsx"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(a)).unwrap();
    let mut core = String::new();
    zip.by_name("docProps/core.xml").unwrap().read_to_string(&mut core).unwrap();
    assert!(core.contains(">2026-03-05T00:00:00Z<"), "{core}");
}

#[test]
fn out_naming_a_file_says_so_and_a_csv_stream_goes_into_a_csv_file() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS), ("report.csv", "keep")]);
    let a = leadctl().current_dir(dir.path()).args(["attribute", "--out", "report.csv"]).assert().code(2);
    assert_eq!(
        String::from_utf8_lossy(&a.get_output().stderr),
        "error: --out report.csv is a file, not a folder; --out takes a folder for deals.csv, claims.csv and commissions.csv \
         (or give --format csv, json or xlsx to write one file)\n"
    );
    assert_eq!(fs::read_to_string(dir.path().join("report.csv")).unwrap(), "keep");
    leadctl().current_dir(dir.path()).args(["attribute", "-q", "--format", "csv", "--out", "report.csv"]).assert().success();
    let text = fs::read_to_string(dir.path().join("report.csv")).unwrap();
    assert!(text.starts_with("\u{feff}report,deal_id,row,"), "{text}");
    let stdout = leadctl().current_dir(dir.path()).args(["attribute", "--format", "csv", "--no-bom"]).output().unwrap().stdout;
    assert_eq!(text.trim_start_matches('\u{feff}').as_bytes(), &stdout[..]);
    assert_eq!(listing(dir.path()), ["claims.csv", "customers.csv", "report.csv", "rules.toml"]);
}

#[test]
fn written_files_get_0666_less_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    for args in [&["--out", "out"][..], &["--format", "json", "--out", "r.json"], &["--format", "xlsx", "--out", "r.xlsx"]] {
        let mut c = bin();
        c.current_dir(dir.path()).args(["attribute", "-q"]).args(args);
        // SAFETY: umask is async-signal-safe.
        unsafe {
            c.pre_exec(|| {
                libc::umask(0o002);
                Ok(())
            });
        }
        assert!(c.status().unwrap().success());
    }
    let files: Vec<PathBuf> = ["out/deals.csv", "out/claims.csv", "out/commissions.csv", "out/manifest.json", "r.json", "r.xlsx"]
        .iter()
        .map(|f| dir.path().join(f))
        .collect();
    for f in files {
        assert_eq!(fs::metadata(&f).unwrap().permissions().mode() & 0o777, 0o664, "{}", f.display());
    }
}

#[test]
fn control_characters_from_cells_never_reach_the_terminal_raw() {
    let customers = "deal_id,date,phone,amount,closed_by\nD\u{1b}]0;title\u{7},2026-03-05,13800000001,100,\u{1b}[2J李四\u{202e}\n";
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", customers)]);
    let table = leadctl().current_dir(dir.path()).env("COLUMNS", "250").args(["attribute"]).output().unwrap();
    let explain = leadctl().current_dir(dir.path()).env("COLUMNS", "250").args(["explain", "13800000001"]).output().unwrap();
    for out in [&table, &explain] {
        let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
        assert!(!text.contains(['\u{1b}', '\u{7}', '\u{202e}']), "{text}");
        assert!(text.contains("\\u{1b}[2J李四\\u{202e}"), "{text}");
    }
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(table.contains("D\\u{1b}]0;title\\u{7}"), "{table}");
}

#[test]
fn mask_phones_masks_every_output() {
    let claims = format!("{CLAIMS}2026-03-03,张伟,claim,李雷,12345678901234,上海市\n");
    let customers = format!("{CUSTOMERS}D2,2026-03-06,99887766554433,100,张伟\n");
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", &claims), ("customers.csv", &customers)]);
    let run = |args: &[&str]| {
        let o = leadctl().current_dir(dir.path()).env("COLUMNS", "250").args(["attribute", "--mask-phones"]).args(args).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
    };
    let read = |name: &str| String::from_utf8_lossy(&fs::read(dir.path().join(name)).unwrap()).into_owned();
    let mut outputs = vec![run(&[]), run(&["--format", "json"]), run(&["--format", "csv"])];
    run(&["--out", "out"]);
    outputs.extend(["out/deals.csv", "out/claims.csv"].map(read));
    run(&["--format", "csv", "--out", "s.csv"]);
    outputs.push(read("s.csv"));
    run(&["--format", "xlsx", "--out", "r.xlsx"]);
    let mut zip = zip::ZipArchive::new(fs::File::open(dir.path().join("r.xlsx")).unwrap()).unwrap();
    let mut strings = String::new();
    zip.by_name("xl/sharedStrings.xml").unwrap().read_to_string(&mut strings).unwrap();
    outputs.push(strings);
    for (i, text) in outputs.iter().enumerate() {
        for phone in ["13800000001", "12345678901234", "99887766554433"] {
            assert!(!text.contains(phone), "output {i} shows {phone}: {text}");
        }
    }
    let json = &outputs[1];
    assert!(json.contains("\"phone\": \"138****0001\""), "{json}");
    assert!(json.contains("`phone` `123*******1234`: has 14 digits"), "{json}");
    // The bad deal phone's warning, on standard error.
    assert!(outputs[0].contains("`phone` `998*******4433`: has 14 digits"), "{}", outputs[0]);
    let explain = leadctl().current_dir(dir.path()).args(["explain", "--mask-phones", "claims.csv:4"]).output().unwrap();
    let explain = String::from_utf8_lossy(&explain.stdout);
    assert!(explain.contains("123*******1234") && !explain.contains("12345678901234"), "{explain}");
}

#[test]
fn check_and_explain_refuse_to_print_into_an_input() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    for args in [&["check"][..], &["check", "claims.csv"], &["explain", "13800000001"]] {
        let append = fs::OpenOptions::new().append(true).open(dir.path().join("claims.csv")).unwrap();
        let o = bin().current_dir(dir.path()).args(args).stdout(append).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("standard output is one of the input files"));
    }
    assert_eq!(fs::read_to_string(dir.path().join("claims.csv")).unwrap(), CLAIMS);
}

#[test]
fn trouble_removing_the_previous_set_after_the_switch_is_a_warning() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    leadctl().current_dir(dir.path()).args(["attribute", "-q", "--out", "out"]).assert().success();
    let old = fs::canonicalize(dir.path().join("out")).unwrap();
    // An immutable file (root ignores permissions): the old folder cannot go.
    let stuck = old.join("deals.csv");
    if !Command::new("chattr").arg("+i").arg(&stuck).status().is_ok_and(|s| s.success()) {
        eprintln!("skipped: chattr +i does not work here");
        return;
    }
    let o = bin().current_dir(dir.path()).args(["attribute", "-q", "--as-of", "2026-03-06", "--out", "out"]).output().unwrap();
    Command::new("chattr").arg("-i").arg(&stuck).status().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with("warning: out now holds this run's results, but the previous results at ./out.leadctl-run-"), "{err}");
    assert!(err.contains("could not be removed: permission denied"), "{err}");
    assert_eq!(whole_set(&dir.path().join("out"))["as_of"], "2026-03-06");
}

#[test]
fn file_names_with_controls_are_escaped_in_errors_and_notes() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    let o = leadctl().current_dir(dir.path()).args(["attribute", "--claims", "no\u{1b}[2Jsuch.csv"]).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with("error: no\\u{1b}[2Jsuch.csv: cannot open: ") && !err.contains('\u{1b}'), "{err}");
    let o = leadctl().current_dir(dir.path()).args(["attribute", "--out", "o\u{7}ut"]).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("wrote o\\u{7}ut/deals.csv\n") && !err.contains('\u{7}'), "{err}");
}

/// Every line leadctl prints for people, stdout and stderr together, with
/// the status; none may hold a raw control or bidi character.
fn said(dir: &Path, args: &[&str]) -> String {
    let o = leadctl().current_dir(dir).env("COLUMNS", "250").env("LEADCTL_TODAY", "2026-05-01").args(args).output().unwrap();
    let text = String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    assert!(o.status.code().is_some_and(|c| c < 2), "{args:?}: {text}");
    assert!(!text.contains(['\u{1b}', '\u{7}', '\u{202e}']), "{args:?}: {text}");
    text
}

#[test]
fn file_and_sheet_names_with_controls_are_escaped_in_summaries_notes_and_written_lines() {
    let red = "c\u{1b}[31mred.csv";
    let rules = format!("{RULES}\n[ledgers]\nclosed = \"c\\u0007losed\"\n");
    let dir = super::folder(&[("rules.toml", &rules), (red, CLAIMS), ("customers.csv", CUSTOMERS)]);
    let text = said(dir.path(), &["check", red]);
    assert!(text.contains("checked c\\u{1b}[31mred.csv (claim ledger, UTF-8, 2 rows)"), "{text}");
    let text = said(dir.path(), &["-v", "attribute", "--claims", red, "--customers", "customers.csv"]);
    assert!(text.contains("leadctl: read c\\u{1b}[31mred.csv: claim ledger"), "{text}");
    // A workbook whose second sheet is named to clear the screen.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("3月").unwrap();
    for (r, line) in CLAIMS.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    book.add_worksheet().set_name("说明SHEET").unwrap().write_string(0, 0, "请按模板填写").unwrap();
    book.save(dir.path().join("plain.xlsx")).unwrap();
    rename_sheet(&dir.path().join("plain.xlsx"), &dir.path().join("book.xlsx"), "说明SHEET", "说明\u{202e}\u{1b}[2J");
    let text = said(dir.path(), &["attribute", "--claims", "book.xlsx", "--customers", "customers.csv"]);
    assert!(text.contains("  skipped book.xlsx[说明\\u{202e}\\u{1b}[2J]: it has no header row"), "{text}");
    let text = said(dir.path(), &["check", "book.xlsx"]);
    assert!(text.contains("book.xlsx[说明\\u{202e}\\u{1b}[2J] (skipped:"), "{text}");
    let text = said(dir.path(), &["--lang", "zh", "check", "book.xlsx"]);
    assert!(text.contains("book.xlsx[说明\\u{202e}\\u{1b}[2J]"), "{text}");
    let run = ["--claims", red, "--customers", "customers.csv"];
    let text = said(dir.path(), &[&["statement", "--period", "2026Q1", "--out", "s\u{7}t"][..], &run].concat());
    assert!(text.contains("wrote s\\u{7}t/"), "{text}");
    let text = said(dir.path(), &[&["report", "--period", "2026Q1", "--html", "r\u{7}.html"][..], &run].concat());
    assert!(text.contains("wrote r\\u{7}.html"), "{text}");
    let text = said(dir.path(), &[&["dupes", "--out", "d\u{7}.csv"][..], &run].concat());
    assert!(text.contains("d\\u{7}.csv"), "{text}");
    let text = said(dir.path(), &[&["close", "2026Q1", "--as-of", "2026-04-02"][..], &run].concat());
    assert!(text.contains("wrote c\\u{7}losed/2026Q1.json (1 commission line, "), "{text}");
    let text = said(dir.path(), &["init", "i\u{7}nit"]);
    assert!(text.contains("wrote i\\u{7}nit/rules.toml") && text.contains("cd i\\u{7}nit && "), "{text}");
}

/// Copies a workbook, renaming a sheet to a name Excel would refuse (as a
/// hand-made or hostile file may hold).
fn rename_sheet(from: &Path, to: &Path, old: &str, new: &str) {
    let mut book = zip::ZipArchive::new(fs::File::open(from).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(fs::File::create(to).unwrap());
    for i in 0..book.len() {
        let part = book.by_index(i).unwrap();
        if part.name().unwrap() != "xl/workbook.xml" {
            out.raw_copy_file(part).unwrap();
            continue;
        }
        let mut xml = String::new();
        { part }.read_to_string(&mut xml).unwrap();
        out.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut out, xml.replace(old, new).as_bytes()).unwrap();
    }
    out.finish().unwrap();
}
