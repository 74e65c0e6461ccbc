//! Hostile and broken files: each gets a clear message with its position
//! and exit 2 (`attribute`) or 1 (`check`), never a panic.

use super::{CUSTOMERS, RULES, attribute, folder, leadctl};

const HEADER: &str = "date,rep,event,customer,phone,address\n";
const ROW: &str = "2026-03-01,张伟,claim,王芳,13800000001,上海市浦东新区张杨路100号\n";

fn with_claims(bytes: &[u8]) -> tempfile::TempDir {
    let dir = folder(&[("rules.toml", RULES), ("customers.csv", CUSTOMERS)]);
    std::fs::write(dir.path().join("claims.csv"), bytes).unwrap();
    dir
}

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

fn check_out(dir: &std::path::Path, extra: &[&str]) -> (i32, String) {
    let a = leadctl().current_dir(dir).args(["check", "--as-of", "2026-03-10", "claims.csv"]).args(extra).assert();
    let code = a.get_output().status.code().unwrap_or(-1);
    (code, String::from_utf8_lossy(&a.get_output().stdout).into_owned())
}

#[test]
fn invalid_utf8_after_chinese_text() {
    let mut bytes = format!("{HEADER}{ROW}").into_bytes();
    bytes.extend_from_slice(b"2026-03-02,\xE5\xBC,claim,x,13800000002,y\n");
    let dir = with_claims(&bytes);
    let a = attribute(dir.path(), &[]).code(2);
    assert!(stderr(&a).starts_with("claims.csv:3:2: error[bad_encoding]: bytes that are not valid UTF-8"), "{}", stderr(&a));
}

#[test]
fn a_file_cut_mid_row() {
    let dir = with_claims(format!("{HEADER}{ROW}2026-03-02,张伟,cla").as_bytes());
    let a = attribute(dir.path(), &[]).code(2);
    assert!(stderr(&a).starts_with("claims.csv:3:3: error[unknown_event]: `event` `cla`"), "{}", stderr(&a));
    let dir = with_claims(format!("{HEADER}{ROW}2026-03-02,\"张伟,claim,x,1380000").as_bytes());
    let a = attribute(dir.path(), &[]).code(2);
    assert!(stderr(&a).starts_with("claims.csv:3: error[bad_csv]: a quoted cell is never closed"), "{}", stderr(&a));
    let dir = with_claims(format!("{HEADER}{ROW}2026-03-02,张伟,follow_up").as_bytes());
    let (code, out) = check_out(dir.path(), &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("claims.csv:3:3: warning[cut_short]: the last row has 3 of 6 cells and no line end"), "{out}");
}

#[test]
fn a_ten_megabyte_field() {
    let big = "x".repeat(10 << 20);
    let dir = with_claims(format!("{HEADER}2026-03-01,{big},claim,王芳,13800000001,地址\n").as_bytes());
    let (code, out) = check_out(dir.path(), &[]);
    assert_eq!(code, 1);
    let first = out.lines().next().unwrap();
    assert!(first.len() < 300, "the message repeats at most 60 characters: {}", first.len());
    assert!(first.ends_with("… (10485700 more characters)` is not in the roster ([reps] in rules.toml)"), "{first}");
}

#[test]
fn a_million_columns_in_the_header() {
    let mut header: Vec<String> = ["date", "rep", "customer", "phone", "address"].map(String::from).to_vec();
    header.extend((0..1_000_000).map(|i| format!("c{i}")));
    let dir = with_claims(format!("{}\n2026-03-01,张伟\n", header.join(",")).as_bytes());
    let (code, out) = check_out(dir.path(), &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with("claims.csv:2:3: error[missing_fields]: customer, phone, address missing"), "{out}");
    let dir = with_claims(format!("{}\n", header[5..].join(",")).as_bytes());
    let (code, out) = check_out(dir.path(), &[]);
    assert_eq!(code, 1);
    assert!(out.starts_with("claims.csv:1: error[unknown_table]: no header row in the first 30 rows:"), "{out}");
    assert!(out.contains("claim ledger: found nothing; missing date, rep"), "{out}");
}

#[test]
fn nul_bytes_are_shown_escaped() {
    let dir = with_claims(format!("{HEADER}2026-03-01,张\0伟,claim,王芳,13800000001,地址\n").as_bytes());
    let (code, out) = check_out(dir.path(), &[]);
    assert_eq!(code, 1);
    assert!(out.starts_with("claims.csv:2:2: error[unknown_rep]: `张\\u{0}伟` is not in the roster"), "{out}");
}

#[test]
fn crlf_and_cr_line_ends_keep_their_line_numbers() {
    for end in ["\r\n", "\r"] {
        let text = format!("{HEADER}{ROW}2026-03-02,张伟,claim,李雷,bad,地址\n").replace('\n', end);
        let dir = with_claims(text.as_bytes());
        let (code, out) = check_out(dir.path(), &[]);
        assert_eq!(code, 1);
        assert!(out.contains("claims.csv:3:5: error[bad_phone]: `phone` `bad`: has no digits\n"), "{end:?}: {out}");
    }
}

#[test]
fn mixed_quoting_reads_as_text() {
    let dir = with_claims(format!("{HEADER}\"2026-03-01\",张伟,\"claim\",王芳,\"13800000001\",\"上海市,浦东新区\"\n").as_bytes());
    let (code, out) = check_out(dir.path(), &[]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_header_only_file_decides_nothing_and_balances() {
    let dir = with_claims(HEADER.as_bytes());
    let a = attribute(dir.path(), &["--format", "json"]).success();
    let doc: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert_eq!(doc["claims"].as_array().unwrap().len(), 0);
    assert_eq!(doc["reconciliation"]["balanced"], true);
}

#[test]
fn an_empty_file() {
    let dir = with_claims(b"");
    let a = attribute(dir.path(), &[]).code(2);
    assert!(stderr(&a).starts_with("claims.csv: error[empty_file]: the file is empty; a claim ledger needs a header row"), "{}", stderr(&a));
}

#[test]
fn errors_are_capped_with_and_n_more() {
    let rows: String = (0..1000).map(|i| format!("2026-13-{i},张伟,claim,x,13800000001,y\n")).collect();
    let dir = with_claims(format!("{HEADER}{rows}").as_bytes());
    let a = attribute(dir.path(), &["--max-errors", "5"]).code(2);
    let err = stderr(&a);
    assert_eq!(err.lines().count(), 7, "{err}");
    assert!(err.contains("… and 995 more errors (raise --max-errors to see them)\n"), "{err}");
    assert!(err.ends_with("error: the ledgers have 1000 errors; nothing was decided (fix them; `leadctl check` lists every problem)\n"));
}

#[test]
fn huge_and_recursive_rules() {
    let deep = format!("a = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let dir = folder(&[("rules.toml", &deep), ("claims.csv", ROW), ("customers.csv", CUSTOMERS)]);
    let a = attribute(dir.path(), &[]).code(2);
    assert!(stderr(&a).starts_with("rules.toml:1:"), "{}", stderr(&a));
    let huge = format!("{RULES}\n# {}\n", "x".repeat(20 << 20));
    let dir = folder(&[("rules.toml", &huge), ("claims.csv", ROW), ("customers.csv", CUSTOMERS)]);
    let a = attribute(dir.path(), &[]).code(2);
    assert_eq!(stderr(&a), format!("error: rules.toml: {} bytes is too large for a rules file (at most 16777216); check --rules\n", huge.len()));
}

#[test]
fn amounts_too_large_or_too_precise_are_refused_not_rounded() {
    let customers = "deal_id,date,phone,amount,closed_by\nD1,2026-03-05,13800000001,99999999999999999999999999999,刘洋\nD2,2026-03-05,13800000002,0.001,刘洋\n";
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", HEADER), ("customers.csv", customers)]);
    let a = attribute(dir.path(), &[]).code(2);
    assert_eq!(
        stderr(&a),
        "customers.csv:2:4: error[bad_amount]: `amount` `99999999999999999999999999999`: is not below 10000000000000, the largest amount leadctl accepts\n\
         customers.csv:3:4: error[bad_amount]: `amount` `0.001`: has 3 decimals; amounts have at most two (cents)\n\
         error: the ledgers have 2 errors; nothing was decided (fix them; `leadctl check` lists every problem)\n"
    );
}

/// Found by fuzzing (fuzz/regressions/xlsx/): workbooks whose cell
/// references make a dense grid impossible to hold. Saved as `claims.csv`:
/// a workbook is known by its bytes, whatever its name.
fn hostile_workbook(name: &str) -> tempfile::TempDir {
    let bytes = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/xlsx").join(name)).unwrap();
    let dir = folder(&[("rules.toml", RULES), ("customers.csv", CUSTOMERS)]);
    std::fs::write(dir.path().join("claims.csv"), bytes).unwrap();
    dir
}

#[test]
fn a_workbook_with_a_cell_past_the_last_column_is_refused() {
    // `<c r="AAAAAAAA1">`: eight column letters, far past XFD. Once this
    // allocated gigabytes for the grid up to that column.
    let dir = hostile_workbook("column_letters_overflow.xlsx");
    let a = attribute(dir.path(), &[]).code(2);
    let err = stderr(&a);
    assert!(err.starts_with("error: claims.csv: cannot read this workbook: a cell lies at row 1, column "), "{err}");
    assert!(err.contains("outside the 1048576 rows and 16384 columns a worksheet can have"), "{err}");
    let a = leadctl().current_dir(dir.path()).args(["check", "claims.csv"]).assert().code(2);
    assert!(stderr(&a).contains("cannot read this workbook"), "{}", stderr(&a));
}

#[test]
fn a_workbook_whose_one_far_cell_spans_the_whole_sheet_reads_sparsely() {
    // A header in row 1 and one cell at XFD1048576: a dense grid would be
    // 17 billion cells. Read sparsely, it is one row holding a cell in no
    // column: a blank row (SPEC §11).
    let dir = hostile_workbook("far_cell_dense_range.xlsx");
    let a = leadctl().current_dir(dir.path()).args(["check", "claims.csv"]).assert().code(1);
    let out = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(out.contains("checked claims.csv (claim ledger, xlsx, 1 row) with rules.toml, as of "), "{out}");
    assert!(out.ends_with("): 3 errors, 0 warnings\n"), "{out}");
}
