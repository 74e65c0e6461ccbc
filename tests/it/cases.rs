//! Every worked case of ../shared/cases agrees with `attribute --out`,
//! compared on the SPEC §9 columns by the cases' own compare script.
//!
//! Without `../shared` beside the project (a bare clone) the cases cannot
//! run: each test then says so loudly on stderr and passes, so `cargo test`
//! still works on a fresh machine. `.ci/run` insists on `../shared`.

use std::process::Command;

use super::shared;

/// Whether `../shared/cases` is there; says so loudly when it is not.
fn have_cases(name: &str) -> bool {
    let here = shared().join("cases/run.sh").exists();
    if !here {
        // Written to the process's stderr, not through `eprintln!`, which
        // the test harness captures: a skip must be seen.
        let line = format!(
            "SKIPPED worked case `{name}`: {} is missing (../shared must sit beside the project to run the SPEC's worked cases)\n",
            shared().join("cases").display()
        );
        let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
    }
    here
}

fn case(name: &str) {
    if !have_cases(name) {
        return;
    }
    let run = shared().join("cases/run.sh");
    let output = Command::new("bash").arg(&run).arg(env!("CARGO_BIN_EXE_leadctl")).arg(name).output().expect("bash runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "case {name} disagrees:\n{text}{}", String::from_utf8_lossy(&output.stderr));
    assert!(text.contains("cases: 1/1 pass"), "{text}");
}

#[test]
fn basics() {
    case("basics");
}

#[test]
fn validity() {
    case("validity");
}

#[test]
fn protection() {
    case("protection");
}

#[test]
fn ownership() {
    case("ownership");
}

#[test]
fn commission() {
    case("commission");
}

#[test]
fn phones() {
    case("phones");
}

#[test]
fn sheets() {
    case("sheets");
}

#[test]
fn refunds() {
    case("refunds");
}

#[test]
fn closing() {
    case("closing");
}

#[test]
fn same_customer() {
    case("same_customer");
}

/// No case is left out of the list above.
#[test]
fn every_case_has_a_test() {
    if !have_cases("every_case_has_a_test") {
        return;
    }
    let mut names: Vec<String> = std::fs::read_dir(shared().join("cases"))
        .expect("cases folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["basics", "closing", "commission", "ownership", "phones", "protection", "refunds", "same_customer", "sheets", "validity"]
    );
}
