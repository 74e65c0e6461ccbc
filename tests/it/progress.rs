//! The progress bar on a real terminal (a pseudo-terminal): drawn on
//! standard error while reading, cleared afterwards, and the run finishes
//! with the same files as without a terminal.

use std::io::Read;
use std::os::fd::{FromRawFd, OwnedFd};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{CUSTOMERS, RULES, folder};

/// A pseudo-terminal: (the side the test reads, the side the child writes).
fn pty() -> (std::fs::File, OwnedFd) {
    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty writes two new descriptors into the two integers and
    // reads nothing else (null name, termios and window size).
    let rc = unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), std::ptr::null()) };
    assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
    // SAFETY: both descriptors were just opened and are owned by nobody else.
    unsafe { (std::fs::File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) }
}

fn claims(rows: usize) -> String {
    let mut text = String::from("date,rep,event,customer,phone,address\n");
    for i in 0..rows {
        text.push_str(&format!("2026-03-{:02},张伟,claim,客户{i},13{i:09},地址{i}\n", 1 + i % 28));
    }
    text
}

/// Runs leadctl in `dir` with standard error on a pseudo-terminal; fails
/// if it does not end within a minute. Returns its exit code and what the
/// terminal received.
fn on_terminal(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    let (mut terminal, child_side) = pty();
    let mut child = Command::new(env!("CARGO_BIN_EXE_leadctl"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(child_side))
        .spawn()
        .expect("spawn leadctl");
    let reader = std::thread::spawn(move || {
        let mut seen = Vec::new();
        let _ = terminal.read_to_end(&mut seen); // ends with EIO when the child exits
        seen
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("leadctl {args:?} did not finish with a terminal on standard error (a deadlock)");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (status.code(), String::from_utf8_lossy(&reader.join().unwrap()).into_owned())
}

#[test]
fn check_on_a_terminal_draws_the_bar_and_ends() {
    let dir = folder(&[("rules.toml", RULES), ("customers.csv", CUSTOMERS), ("claims.csv", &claims(20_000))]);
    let (code, seen) = on_terminal(dir.path(), &["check", "--as-of", "2026-03-31", "claims.csv", "customers.csv"]);
    assert!(code.is_some(), "{seen:?}");
    assert!(seen.contains("reading") && seen.contains("rows"), "the bar was drawn: {seen:?}");
}

#[test]
fn a_terminal_sees_the_bar_and_the_run_still_ends() {
    let dir = folder(&[("rules.toml", RULES), ("customers.csv", CUSTOMERS), ("claims.csv", &claims(20_000))]);
    let run = |out: &str, stderr: Stdio| {
        Command::new(env!("CARGO_BIN_EXE_leadctl"))
            .current_dir(dir.path())
            .args(["attribute", "--claims", "claims.csv", "--customers", "customers.csv", "--out", out])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .expect("spawn leadctl")
    };

    let (code, seen) = on_terminal(
        dir.path(),
        &["attribute", "--claims", "claims.csv", "--customers", "customers.csv", "--out", "on-terminal"],
    );
    assert_eq!(code, Some(0), "{seen:?}");
    assert!(seen.contains("reading"), "the bar was drawn: {seen:?}");
    assert!(seen.contains("rows"), "{seen:?}");

    let quiet = run("in-a-pipe", Stdio::piped()).wait_with_output().unwrap();
    assert!(quiet.status.success());
    assert!(!String::from_utf8_lossy(&quiet.stderr).contains("rows ("), "no bar in a pipe");
    for file in ["deals.csv", "claims.csv", "commissions.csv"] {
        let a = std::fs::read(dir.path().join("on-terminal").join(file)).unwrap();
        let b = std::fs::read(dir.path().join("in-a-pipe").join(file)).unwrap();
        assert!(a == b, "{file} differs with a terminal");
    }
}
