//! Every worked case of ../shared/cases agrees with `attribute --out`,
//! compared on the SPEC §9 columns by the cases' own compare script.

use std::process::Command;

use super::shared;

fn case(name: &str) {
    let run = shared().join("cases/run.sh");
    assert!(run.exists(), "{} is missing: ../shared must sit beside the project", run.display());
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

/// No case is left out of the list above.
#[test]
fn every_case_has_a_test() {
    let mut names: Vec<String> = std::fs::read_dir(shared().join("cases"))
        .expect("cases folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["basics", "commission", "ownership", "phones", "protection", "validity"]);
}
