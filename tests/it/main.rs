//! Integration tests: the real binary on real files, exact output pinned.

mod attribute;
mod bombs;
mod cases;
mod check;
mod cli;
mod closing;
mod errors;
mod examples;
mod explain;
mod faults;
mod hints;
mod hostile;
mod inputs;
mod links;
mod progress;
mod refunds;
mod sheets;
mod split;
mod statement;
mod workbooks;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The leadctl binary under test, with no locale: the language is the
/// rules file's `lang` or `--lang`, else English, whatever the machine's.
pub fn leadctl() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_leadctl"));
    cmd.env("LC_ALL", "").env("LC_MESSAGES", "").env("LANG", "C");
    cmd
}

/// Limits `cmd` to `bytes` of address space: a run whose memory grows past
/// it fails (an allocation aborts the process) instead of filling the machine.
pub fn limit_memory(cmd: &mut std::process::Command, bytes: u64) {
    use std::os::unix::process::CommandExt;
    // SAFETY: setrlimit is async-signal-safe.
    unsafe {
        cmd.pre_exec(move || {
            let r = libc::rlimit { rlim_cur: bytes as libc::rlim_t, rlim_max: bytes as libc::rlim_t };
            libc::setrlimit(libc::RLIMIT_AS, &r);
            Ok(())
        });
    }
}

/// `../shared` beside the project: the SPEC's worked cases.
pub fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// A temporary folder holding the given files.
pub fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write fixture");
    }
    dir
}

/// A roster of two reps on the SPEC's default rules.
pub const RULES: &str = r#"[channels.field]
expire_without_visit_days = 15
monthly_quota = 20

[reps."张伟"]
channel = "field"
region = "east"

[reps."刘洋"]
channel = "store"
region = "east"
"#;

pub const CLAIMS: &str = "date,rep,event,customer,phone,address\n\
2026-03-01,张伟,claim,王芳,13800000001,上海市浦东新区张杨路100号\n\
2026-03-02,刘洋,claim,王芳,13800000001,上海市浦东新区张杨路100号\n";

pub const CUSTOMERS: &str = "deal_id,date,phone,amount,closed_by\nD1,2026-03-05,13800000001,\"12,800.50\",刘洋\n";

/// Runs `attribute` in `dir` with its three files and extra arguments.
pub fn attribute(dir: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    leadctl()
        .current_dir(dir)
        .args(["attribute", "--rules", "rules.toml", "--claims", "claims.csv", "--customers", "customers.csv"])
        .args(extra)
        .env("COLUMNS", "80")
        .assert()
}
