//! What a refused file or cell says to change when the cause is not the
//! cell as written: a file separated otherwise than it was read, a header
//! below 30 blank rows, Excel's error values and day numbers; full-width
//! forms that read; English counts of one.

use std::io::Write;
use std::path::Path;

use zip::write::SimpleFileOptions;

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
    // A month sheet pasted into one column of a workbook is never skipped unseen.
    let mut book = rust_xlsxwriter::Workbook::new();
    let march = book.add_worksheet().set_name("3月").unwrap();
    for (r, line) in CLAIMS.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            march.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    let april = book.add_worksheet().set_name("4月").unwrap();
    for (r, line) in CLAIMS.lines().enumerate() {
        april.write_string(r as u32, 0, line).unwrap();
    }
    book.save(dir.path().join("book.xlsx")).unwrap();
    let (code, out) = check(dir.path(), "en", &["book.xlsx"]);
    assert_eq!(code, 1);
    assert!(out.starts_with(
        "book.xlsx[4月]: warning[policy_skipped]: book.xlsx[4月] has 1 error, and `attribute` stops on it: each row's own problems are listed, the checks across rows (duplicates, quotas, follow-ups) were skipped; fix and check again\n\
         book.xlsx[4月]:1: error[unknown_table]: the whole header is in one cell, separated by `,`: select the column and split it with \
         Data → Text to Columns (数据 → 分列); fix the header, or read only the other sheets with --sheet NAME\n"
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

/// An .xlsx of one sheet whose cells are given as XML (`t="e"` for an
/// error value, as Excel stores a formula that failed).
fn xlsx(path: &Path, rows: &[&str]) {
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let o = SimpleFileOptions::default();
    let sheet: String = rows.iter().enumerate().map(|(r, cells)| format!(r#"<row r="{}">{cells}</row>"#, r + 1)).collect();
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
        ("xl/workbook.xml", r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="成交" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
        ("xl/worksheets/sheet1.xml", format!(r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet}</sheetData></worksheet>"#)),
    ];
    for (name, text) in parts {
        z.start_file(name, o).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap();
}

/// An inline-string cell.
fn s(at: &str, text: &str) -> String {
    format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

#[test]
fn excel_error_values_are_never_read_as_data() {
    let dir = folder(&[("rules.toml", RULES), ("customers.csv", "单号,日期,手机,金额,成交人\nD1,#DIV/0!,13800000001,100,刘洋\nD2,2026-03-05,13800000002,#n/a,刘洋\n")]);
    let header = ["A", "B", "C", "D", "E"].iter().zip(["单号", "日期", "手机", "金额", "成交人"]).map(|(c, t)| s(&format!("{c}1"), t)).collect::<String>();
    let na = |at: &str| format!(r#"<c r="{at}" t="e"><v>#N/A</v></c>"#);
    let row2 = [s("A2", "D1"), s("B2", "2026-03-05"), na("C2"), r#"<c r="D2"><v>100</v></c>"#.to_string(), s("E2", "刘洋")].concat();
    let row3 = [s("A3", "D2"), s("B3", "2026-03-05"), s("C3", "13800000002"), r#"<c r="D3" t="e"><v>#VALUE!</v></c>"#.to_string(), na("E3")].concat();
    xlsx(&dir.path().join("deals.xlsx"), &[&header, &row2, &row3]);
    let (code, out) = check(dir.path(), "en", &["deals.xlsx", "customers.csv"]);
    let why = "is an Excel error value (its formula failed, as a VLOOKUP that finds nothing does); fix the formula, or copy the column and paste it as values";
    assert_eq!(
        (code, out.as_str()),
        (
            1,
            format!(
                "customers.csv:2:2: error[bad_date]: `date` `#DIV/0!`: {why}\n\
                 customers.csv:3:4: error[bad_amount]: `amount` `#n/a`: {why}\n\
                 deals.xlsx:2:3: warning[bad_phone]: `phone` `#N/A`: {why}; the deal goes to its closer\n\
                 deals.xlsx:3:4: error[bad_amount]: `amount` `#VALUE!`: {why}\n\
                 deals.xlsx:3:5: error[missing_field]: `closed_by` `#N/A`: {why}\n\
                 checked deals.xlsx (customer ledger, xlsx, 2 rows), customers.csv (customer ledger, UTF-8, 2 rows) with rules.toml: 4 errors, 1 warning\n"
            )
            .as_str()
        )
    );
    let (_, out) = check(dir.path(), "zh", &["deals.xlsx"]);
    assert!(out.starts_with("deals.xlsx:2:3: warning[bad_phone]: 电话 `#N/A`：是 Excel 的错误值，公式没算出结果（比如 VLOOKUP 没找到）；改好公式，或复制这一列再“选择性粘贴 → 数值”；这单算给成交人\n"), "{out}");
    // A claim whose phone is an error value will be lost: an error on any event.
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", "日期,业务员,类型,客户,手机,地址\n2026-03-01,张伟,#N/A,A,13800000001,x\n2026-03-02,张伟,跟进,A,#N/A,\n")]);
    let (_, out) = check(dir.path(), "en", &["claims.csv"]);
    let lost = format!(
        "claims.csv:2:3: error[unknown_event]: `event` `#N/A`: {why}\n\
         claims.csv:3:3: warning[orphan_touch]: follow_up is ignored: the phone does not identify a customer\n\
         claims.csv:3:5: error[bad_phone]: `phone` `#N/A`: {why}; this row will be lost\n\
         checked claims.csv (claim ledger, UTF-8, 2 rows) with rules.toml: 2 errors, 1 warning\n"
    );
    assert_eq!(out, lost);
    // In a text cell it counts as empty, with the same words.
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", "date,rep,event,customer,phone,address\n2026-03-01,张伟,claim,#N/A,13800000001,x\n")]);
    let (_, out) = check(dir.path(), "en", &["claims.csv"]);
    let empty = format!(
        "claims.csv:2:4: warning[missing_field]: `customer` `#N/A`: {why}\n\
         claims.csv:2:4: error[missing_fields]: customer missing (claims.required)\n"
    );
    assert!(out.starts_with(&empty), "{out}");
    // In `status` it is no status to add to rules.toml, in `refund_of` no deal id.
    let customers = "deal_id,date,phone,amount,closed_by,status,refund_of\nD1,2026-03-05,13800000001,100,刘洋,#N/A,\nR1,2026-03-06,,-10,,,#REF!\n";
    let dir = folder(&[("rules.toml", RULES), ("customers.csv", customers)]);
    let (_, out) = check(dir.path(), "en", &["customers.csv"]);
    let refund = format!(
        "customers.csv:2:6: error[bad_status]: `status` `#N/A`: {why}\n\
         customers.csv:3:7: error[bad_refund]: `refund_of` `#REF!`: {why}\n"
    );
    assert!(out.starts_with(&refund), "{out}");
}

#[test]
fn excel_day_numbers_get_a_hint_and_full_width_forms_read() {
    let customers = "单号,日期,手机,金额,成交人\n\
D1,46086,13800000001,100,刘洋\n\
D2,２０２６－０３－０５,13800000002,12800．00,刘洋\n\
D3,2026／3／6,13800000003,\"12，800\",刘洋\n\
D4,２０２６．３．７　１４：３０,13800000004,１２８００,刘洋\n";
    let dir = folder(&[("rules.toml", RULES), ("customers.csv", customers)]);
    let (code, out) = check(dir.path(), "en", &["customers.csv"]);
    assert_eq!(
        (code, out.as_str()),
        (
            1,
            "customers.csv:2:2: error[bad_date]: `date` `46086`: looks like an Excel day number (2026-03-05) from a column formatted as a number; \
             format the column as a date and check the days\n\
             checked customers.csv (customer ledger, UTF-8, 4 rows) with rules.toml: 1 error, 0 warnings\n"
        )
    );
    let (_, out) = check(dir.path(), "zh", &["customers.csv"]);
    assert!(out.starts_with("customers.csv:2:2: error[bad_date]: 日期 `46086`：像是 Excel 的日期序号（2026-03-05），这一列被设成了数字格式；请把这一列设成日期格式，再核对日期\n"), "{out}");
    // The full-width rows read as their half-width twins.
    std::fs::write(dir.path().join("customers.csv"), customers.replace("D1,46086", "D1,2026-03-04")).unwrap();
    std::fs::write(dir.path().join("claims.csv"), "date,rep,event,customer,phone,address\n").unwrap();
    let o = leadctl().current_dir(dir.path()).args(["attribute", "--rules", "rules.toml", "--claims", "claims.csv", "--customers", "customers.csv", "--format", "csv"]).output().unwrap();
    let csv = String::from_utf8(o.stdout).unwrap();
    for row in ["deals,D2,,,2026-03-05,,,13800000002,12800.00,", "deals,D3,,,2026-03-06,,,13800000003,12800.00,", "deals,D4,,,2026-03-07,"] {
        assert!(csv.contains(row), "{row}: {csv}");
    }
    assert!(csv.contains(",4,38500.00,"), "performance 100 + 12800 × 3: {csv}");
}

#[test]
fn english_counts_of_one_are_singular() {
    let rules = RULES.replace("monthly_quota = 20", "monthly_quota = 1");
    let claims = "date,rep,event,customer,phone,address\n\
2026-03-01,张伟,claim,王芳,13800000001,张杨路1号\n\
2026-03-02,张伟,claim,李雷,13800000002,张杨路2号\n\
2026-03-03,张伟,claim,韩梅,1,张杨路3号\n";
    let customers = "deal_id,date,phone,amount,closed_by\nD1,2026-03-05,13800000001,100,张伟\n";
    let dir = folder(&[("rules.toml", &rules), ("claims.csv", claims), ("customers.csv", customers)]);
    let (_, out) = check(dir.path(), "en", &["claims.csv", "customers.csv"]);
    assert!(out.starts_with(
        "claims.csv:3:2: error[over_quota]: already 1 valid claim this month on customers without a deal; channels.field.monthly_quota = 1\n\
         claims.csv:4:5: error[bad_phone]: `phone` `1`: has 1 digit (a +86/0086 in front not counted);"
    ), "{out}");
    let run = |format: &str| {
        let args = ["--lang", "en", "attribute", "--rules", "rules.toml", "--as-of", "2026-03-31", "--claims", "claims.csv", "--customers", "customers.csv", "--format", format];
        String::from_utf8(leadctl().current_dir(dir.path()).env("COLUMNS", "250").args(args).output().unwrap().stdout).unwrap()
    };
    let table = run("table");
    assert!(table.contains("\nCommissions (1 line)\n") && table.contains("Claims that are not valid (2 of 3 claims)"), "{table}");
    assert!(run("csv").contains("marginal tiers on 100.00; 1 new customer × 200; champion 2000"));
    let one = "date,rep,event,customer,phone,address\n2026-03-01,张伟,claim,王芳,13800000001,张杨路1号\n";
    std::fs::write(dir.path().join("claims.csv"), one).unwrap();
    assert!(run("table").contains("Claims that are not valid (0 of 1 claim)"));
}
