//! What a refused file or cell says to change when the cause is not the
//! cell as written: a file separated otherwise than it was read, a header
//! below 30 blank rows.

use std::path::Path;

use super::{RULES, folder, leadctl};

/// `check` of `files` in `dir` in `lang`: exit status and standard output.
fn check(dir: &Path, lang: &str, files: &[&str]) -> (i32, String) {
    let out = leadctl().current_dir(dir).args(["--lang", lang, "check", "--rules", "rules.toml", "--as-of", "2026-03-31"]).args(files).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap())
}

const CLAIMS: &str = "日期,业务员,类型,客户,手机,详细地址\r\n2026-03-01,张伟,报备,A,13800000001,x\r\n";

#[test]
fn a_file_separated_otherwise_than_it_was_read_says_how_to_save_it() {
    let dir = folder(&[("rules.toml", RULES), ("semi.csv", &CLAIMS.replace(',', ";"))]);
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(CLAIMS.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(dir.path().join("u16.csv"), utf16).unwrap();
    let (code, out) = check(dir.path(), "zh", &["u16.csv", "semi.csv"]);
    assert_eq!(code, 1);
    assert!(out.starts_with(
        "semi.csv:1: error[unknown_table]: 整行表头挤在一格里：这个文件像是用`;`分隔的，分不出列；请用 Excel 或 WPS 打开，另存为“CSV UTF-8（逗号分隔）”\n\
         u16.csv:1: error[unknown_table]: 整行表头挤在一格里：这个文件是 UTF-16（Excel 的“Unicode 文本”），按制表符分列，可它是用`,`分隔的；\
         请用 Excel 或 WPS 打开，另存为“CSV UTF-8（逗号分隔）”\n"
    ), "{out}");
    let (_, out) = check(dir.path(), "en", &["semi.csv"]);
    assert!(out.starts_with(
        "semi.csv:1: error[unknown_table]: the whole header is in one cell: this file seems separated by `;` and could not be split into columns; \
         open it in Excel or WPS and save it as \"CSV UTF-8 (Comma delimited)\" (CSV UTF-8（逗号分隔）)\n"
    ), "{out}");
    // A row naming no column at all says so in plain Chinese.
    let dir = folder(&[("rules.toml", RULES), ("notes.csv", "备注,说明\n")]);
    let (_, out) = check(dir.path(), "zh", &["notes.csv"]);
    assert!(out.contains("报备台账：一列都没认出；缺 date、rep · ") && !out.contains("有 无"), "{out}");
}

#[test]
fn blank_rows_above_a_header_too_low_are_not_an_empty_file() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", &format!("{}{CLAIMS}", "\n".repeat(30)))]);
    let (code, out) = check(dir.path(), "en", &["claims.csv"]);
    assert_eq!(code, 1);
    assert!(out.starts_with(
        "claims.csv: error[unknown_table]: no header row in the first 30 rows: they are all blank; delete the blank rows above the header\n"
    ), "{out}");
    let (_, out) = check(dir.path(), "zh", &["claims.csv"]);
    assert!(out.starts_with("claims.csv: error[unknown_table]: 前30行都是空行，找不到表头；表头要在前30行里：删掉上面多余的空行\n"), "{out}");
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", &format!("{}{CLAIMS}", "\n".repeat(29)))]);
    let (code, out) = check(dir.path(), "en", &["claims.csv"]);
    assert_eq!(code, 0, "{out}");
}
