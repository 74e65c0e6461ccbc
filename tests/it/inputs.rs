//! The files people really have: a GBK CSV as Excel and WPS save it on
//! Chinese Windows, an .xlsx workbook, and Excel's "Unicode text" (UTF-16,
//! tab-separated) all check clean and attribute exactly like their UTF-8 twin.

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use super::{RULES, leadctl};

const CLAIMS: &str = "date,rep,event,customer,phone,address,region\n\
2026-03-01 09:30,张伟,claim,王芳,13800000001,上海市浦东新区张杨路100号,east\n\
2026-03-03,张伟,visit,,13800000001,,\n\
2026-03-05,刘洋,claim,李雷,13800000002,上海市浦东新区张杨路200号,east\n";
const CUSTOMERS: &str = "deal_id,date,customer,phone,amount,closed_by\n\
D1,2026-03-05,王芳,13800000001,12800.5,刘洋\n\
D2,2026-03-06,李雷,13800000002,3000,刘洋\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

/// `attribute --format json` in `dir` over the two ledgers, with row names
/// reduced to `claims:LINE` / `customers:LINE` so twins compare equal.
fn attribute_json(dir: &Path, claims: &str, customers: &str) -> serde_json::Value {
    let out = leadctl()
        .current_dir(dir)
        .args(["attribute", "--rules", "rules.toml", "--claims", claims, "--customers", customers, "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap().replace(claims, "claims").replace(customers, "customers");
    serde_json::from_str(&text).unwrap()
}

fn check(dir: &Path, files: &[&str]) -> String {
    let out = leadctl()
        .current_dir(dir)
        .args(["check", "--rules", "rules.toml", "--as-of", "2026-03-31"])
        .args(files)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn gbk_csv_reads_like_its_utf8_twin() {
    let dir = super::folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    let gbk = |s: &str| encoding_rs::GB18030.encode(s).0.into_owned();
    write(dir.path(), "claims-gbk.csv", &gbk(CLAIMS));
    write(dir.path(), "customers-gbk.csv", &gbk(CUSTOMERS));
    let summary = check(dir.path(), &["claims-gbk.csv", "customers-gbk.csv"]);
    assert_eq!(
        summary,
        "checked claims-gbk.csv (claim ledger, GB18030, 3 rows), customers-gbk.csv (customer ledger, GB18030, 2 rows) \
         with rules.toml: 0 errors, 0 warnings\n"
    );
    let twin = attribute_json(dir.path(), "claims.csv", "customers.csv");
    assert_eq!(attribute_json(dir.path(), "claims-gbk.csv", "customers-gbk.csv"), twin);
    assert_eq!(twin["deals"][0]["owner"], "张伟");
}

#[test]
fn excel_unicode_text_reads_like_its_utf8_twin() {
    let dir = super::folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    let utf16 = |s: &str| -> Vec<u8> {
        let tabbed = s.replace(',', "\t");
        [0xFF, 0xFE].into_iter().chain(tabbed.encode_utf16().flat_map(u16::to_le_bytes)).collect()
    };
    write(dir.path(), "claims.txt", &utf16(CLAIMS));
    write(dir.path(), "customers.txt", &utf16(CUSTOMERS));
    let summary = check(dir.path(), &["claims.txt", "customers.txt"]);
    assert!(summary.contains("claims.txt (claim ledger, UTF-16LE, 3 rows)"), "{summary}");
    let twin = attribute_json(dir.path(), "claims.csv", "customers.csv");
    assert_eq!(attribute_json(dir.path(), "claims.txt", "customers.txt"), twin);
}

/// A workbook as people keep it: phones typed as numbers, real Excel dates
/// (one with a time), amounts as numbers, a full-width phone.
fn workbook(path: &Path) {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let stamp = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let sheet = book.add_worksheet();
    for (c, h) in ["date", "rep", "event", "customer", "phone", "address", "region"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let day = |d: u8| ExcelDateTime::from_ymd(2026, 3, d).unwrap();
    sheet.write_datetime_with_format(1, 0, day(1).and_hms(9, 30, 0).unwrap(), &stamp).unwrap();
    sheet.write_datetime_with_format(2, 0, day(3), &date).unwrap();
    sheet.write_datetime_with_format(3, 0, day(5), &date).unwrap();
    for (r, row) in [["张伟", "claim", "王芳"], ["张伟", "visit", ""], ["刘洋", "claim", "李雷"]].iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16 + 1, *v).unwrap();
        }
    }
    sheet.write_number(1, 4, 13800000001.0).unwrap();
    sheet.write_string(2, 4, "１３８０００００００１").unwrap();
    sheet.write_number(3, 4, 13800000002.0).unwrap();
    sheet.write_string(1, 5, "上海市浦东新区张杨路100号").unwrap();
    sheet.write_string(3, 5, "上海市浦东新区张杨路200号").unwrap();
    sheet.write_string(1, 6, "east").unwrap();
    sheet.write_string(3, 6, "east").unwrap();
    book.save(path).unwrap();
}

#[test]
fn xlsx_reads_like_its_utf8_twin() {
    let dir = super::folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    workbook(&dir.path().join("claims.xlsx"));
    let summary = check(dir.path(), &["claims.xlsx", "customers.csv"]);
    assert!(summary.starts_with("checked claims.xlsx (claim ledger, xlsx, 3 rows)"), "{summary}");
    let twin = attribute_json(dir.path(), "claims.csv", "customers.csv");
    assert_eq!(attribute_json(dir.path(), "claims.xlsx", "customers.csv"), twin);
}

#[test]
fn strict_gb18030_reports_bytes_that_do_not_decode() {
    let mut bytes = encoding_rs::GB18030.encode(CLAIMS).0.into_owned();
    bytes.extend_from_slice(b"2026-03-06,\xff\xff,claim,x,13800000003,y,east\n");
    let dir = super::folder(&[("rules.toml", RULES)]);
    write(dir.path(), "claims.csv", &bytes);
    let a = leadctl().current_dir(dir.path()).args(["check", "--rules", "rules.toml", "--as-of", "2026-03-31", "claims.csv"]).assert().code(1);
    let out = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(out.contains("\nclaims.csv:5: error[bad_encoding]: bytes that are not valid GB18030;"), "{out}");
    assert!(!out.contains('\u{FFFD}'));
}

#[test]
fn forced_encoding() {
    let dir = super::folder(&[("rules.toml", RULES)]);
    write(dir.path(), "claims.csv", &encoding_rs::GB18030.encode(CLAIMS).0);
    let a = leadctl()
        .current_dir(dir.path())
        .args(["check", "--rules", "rules.toml", "--as-of", "2026-03-31", "--encoding", "utf-8", "claims.csv"])
        .assert()
        .code(1);
    let out = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(out.contains("error[bad_encoding]"), "{out}");
}
