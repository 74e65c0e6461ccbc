//! Real sheets (SPEC §11): what store guides and field reps hand in — title
//! rows, two-row headers, 序号 and 备注 columns, totals rows, one sheet per
//! month after an instructions sheet, §11 aliases and cell forms — each
//! quirk with its exact `check` output, and a workbook that attributes
//! exactly like the same data in one clean CSV.

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

use super::{RULES, folder, leadctl};

/// `check` in `dir`: exit status and standard output.
fn check(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = leadctl().current_dir(dir).args(["check", "--rules", "rules.toml"]).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap())
}

/// Checks one claim ledger written as `text`, with `rules` (default: [`RULES`]).
fn check_claims(text: &str, rules: Option<&str>) -> (i32, String) {
    let dir = folder(&[("rules.toml", rules.unwrap_or(RULES)), ("claims.csv", text)]);
    check(dir.path(), &["--as-of", "2026-03-31", "claims.csv"])
}

fn write_row(sheet: &mut Worksheet, row: u32, cells: &[&str]) {
    for (c, v) in cells.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
        sheet.write_string(row, c as u16, *v).unwrap();
    }
}

/// The clean twin of [`month_book`]: one claim ledger, one customer ledger.
const CLEAN_CLAIMS: &str = "date,rep,event,customer,phone,address\n\
2026-01-05,张伟,claim,王芳,13800000001,张杨路100号\n\
2026-01-08,张伟,visit,王芳,13800000001,\n\
2026-01-10,刘洋,claim,李雷,13800000002,张杨路200号\n\
2026-02-02,刘洋,follow_up,李雷,13800000002,\n\
2026-02-03,张伟,claim,韩梅,13800000003,世纪大道1号\n\
2026-02-04,刘洋,claim,韩梅,13800000003,世纪大道1号\n";

const CLEAN_CUSTOMERS: &str = "deal_id,date,customer,phone,amount,closed_by\n\
D1,2026-01-12,王芳,13800000001,12800,刘洋\n\
D2,2026-02-05,李雷,13800000002,30000,刘洋\n\
D3,2026-02-06,韩梅,13800000003,50000,刘洋\n";

/// A workbook as a store keeps it: an instructions sheet first; a 1月
/// claim sheet with a title row, a two-row header under a merged 客户信息,
/// a row holding only its 序号 and a 合计 row; a 2月 claim sheet with §2
/// headers; a 成交 deal sheet with a title, a two-row header, a 小计 and a
/// 合计. Days, amounts and phones in the forms people type them.
fn month_book(path: &Path) {
    let mut book = Workbook::new();
    let merged = Format::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let notes = book.add_worksheet().set_name("填写说明").unwrap();
    write_row(notes, 0, &["填写说明"]);
    write_row(notes, 1, &["1. 每行一条报备记录，日期写成 2026.1.5"]);

    let jan = book.add_worksheet().set_name("1月").unwrap();
    write_row(jan, 0, &["2026年1月 意向客户跟踪表 —— 浦东店"]);
    write_row(jan, 1, &["序号", "日期*", "报备人", "类型", "", "", "", "备注"]);
    jan.merge_range(1, 4, 1, 6, "客户信息", &merged).unwrap();
    write_row(jan, 2, &["", "", "", "", "客户姓名", "手机号", "小区"]);
    write_row(jan, 3, &["1", "2026.1.5", "张伟", "新报备", "王芳", "", "张杨路100号", "老客户介绍"]);
    jan.write_number(3, 5, 13800000001.0).unwrap();
    write_row(jan, 4, &["2", "20260108", "张伟", "上门量尺", "王芳", "13800000001.0"]);
    write_row(jan, 5, &["3"]);
    write_row(jan, 6, &["4", "", "刘洋", "报备", "李雷", "138 0000 0002", "张杨路200号"]);
    jan.write_datetime_with_format(6, 1, ExcelDateTime::from_ymd(2026, 1, 10).unwrap(), &date).unwrap();
    write_row(jan, 7, &["合计：共3条"]);

    let feb = book.add_worksheet().set_name("2月").unwrap();
    write_row(feb, 0, &["序号", "日期", "业务员", "类型", "客户", "电话", "地址"]);
    write_row(feb, 1, &["1", "2026/2/2", "刘洋", "电话跟进", "李雷", "13800000002"]);
    write_row(feb, 2, &["2", "2026年2月3日", "张伟", "", "韩梅", "13800000003", "世纪大道1号"]);
    write_row(feb, 3, &["3", "2026.02.04", "刘洋", "首次报备", "韩梅", "13800000003", "世纪大道1号"]);
    write_row(feb, 4, &["4"]);

    let deals = book.add_worksheet().set_name("成交").unwrap();
    write_row(deals, 0, &["销售台账 2026"]);
    write_row(deals, 1, &["序号", "订单号", "成交日期", "", "", "成交金额", "签单人", "备注"]);
    deals.merge_range(1, 3, 1, 4, "客户信息", &merged).unwrap();
    write_row(deals, 2, &["", "", "", "客户姓名", "手机号码"]);
    write_row(deals, 3, &["1", "D1", "2026.1.12", "王芳", "13800000001", "1.28万", "刘洋", "定金已收"]);
    write_row(deals, 4, &["2", "D2", "20260205", "李雷", "13800000002", "3万元", "刘洋"]);
    write_row(deals, 5, &["小计", "", "", "", "", "42800"]);
    write_row(deals, 6, &["3", "D3", "2026-02-06", "韩梅", "13800000003", "RMB 50,000", "刘洋"]);
    write_row(deals, 7, &["合计", "", "", "", "", "92800"]);
    book.save(path).unwrap();
}

/// `attribute --format json` over `claims` and `customers` in `dir`, with
/// row names turned into their clean twin's by `rename`, and the
/// reconciliation (which counts blank and totals rows) left out.
fn decisions(dir: &Path, claims: &str, customers: &str, rename: &[(&str, &str)]) -> serde_json::Value {
    let out = leadctl()
        .current_dir(dir)
        .args(["attribute", "--rules", "rules.toml", "--claims", claims, "--customers", customers, "--format", "json"])
        .output()
        .unwrap();
    let mut text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut rename = rename.to_vec();
    rename.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
    for (from, to) in rename {
        text = text.replace(from, to);
    }
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    doc.as_object_mut().unwrap().remove("reconciliation");
    doc
}

#[test]
fn a_month_workbook_attributes_like_one_clean_csv() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLEAN_CLAIMS), ("customers.csv", CLEAN_CUSTOMERS)]);
    month_book(&dir.path().join("book.xlsx"));
    let clean = decisions(dir.path(), "claims.csv", "customers.csv", &[]);
    let rename = [
        ("book.xlsx[1月]:4", "claims.csv:2"),
        ("book.xlsx[1月]:5", "claims.csv:3"),
        ("book.xlsx[1月]:7", "claims.csv:4"),
        ("book.xlsx[2月]:2", "claims.csv:5"),
        ("book.xlsx[2月]:3", "claims.csv:6"),
        ("book.xlsx[2月]:4", "claims.csv:7"),
        ("book.xlsx[成交]:4", "customers.csv:2"),
        ("book.xlsx[成交]:5", "customers.csv:3"),
        ("book.xlsx[成交]:7", "customers.csv:4"),
    ];
    let book = decisions(dir.path(), "book.xlsx", "book.xlsx", &rename);
    assert_eq!(book, clean);
    assert_eq!(clean["deals"].as_array().unwrap().len(), 3);
    assert_eq!(clean["commissions"].as_array().unwrap().len(), 2);
}

#[test]
fn a_month_workbook_names_its_rows_by_sheet_and_counts_what_it_skips() {
    let dir = folder(&[("rules.toml", RULES)]);
    month_book(&dir.path().join("book.xlsx"));
    let out = leadctl()
        .current_dir(dir.path())
        .args(["-v", "attribute", "--rules", "rules.toml", "--claims", "book.xlsx", "--customers", "book.xlsx", "--out", "out"])
        .env("COLUMNS", "80")
        .output()
        .unwrap();
    assert!(out.status.success());
    let deals = std::fs::read_to_string(dir.path().join("out/deals.csv")).unwrap();
    assert!(deals.contains("\nD3,2026-02-06,韩梅,13800000003,50000.00,0.00,50000.00,刘洋,张伟,claim,book.xlsx[2月]:3,book.xlsx[成交]:7,"), "{deals}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("leadctl: read book.xlsx: claim ledger, xlsx, 9 rows (2 blank, 1 totals)\n"), "{err}");
    assert_eq!(err.matches("leadctl: skipped book.xlsx[填写说明]: it has no header row in its first 30 rows\n").count(), 1, "{err}");
    assert!(!err.contains("leadctl: skipped book.xlsx[成交]"), "read as the customer ledger: {err}");
    assert!(!err.contains("leadctl: skipped book.xlsx[1月]"), "read as the claim ledger: {err}");
    assert!(err.contains("leadctl: read book.xlsx: customer ledger, xlsx, 5 rows (0 blank, 2 totals)\n"), "{err}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("claim-ledger rows 9 = 3 valid + 1 invalid + 0 refresh + 1 touches"), "{text}");
    assert!(text.contains("+ 1 orphans + 2 blank + 1 totals + 0 after as-of: ok"), "{text}");
    assert!(text.contains("deal rows 5 = 3 attributed + 0 refund rows + 0 blank + 2 totals\n      + 0 after as-of: ok\n"), "{text}");
    assert!(text.ends_with("ok\n  skipped book.xlsx[填写说明]: it has no header row in its first 30 rows\n"), "{text}");
    let out = leadctl()
        .current_dir(dir.path())
        .args(["explain", "--rules", "rules.toml", "--claims", "book.xlsx", "--customers", "book.xlsx", "book.xlsx[2月]:4"])
        .env("COLUMNS", "200")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("customer 13800000003 (韩梅) (as of 2026-02-06)\n"), "{text}");
    assert!(text.contains("\n2026-02-04 book.xlsx[2月]:4  刘洋 claim refused: duplicate: 张伟 book.xlsx[2月]:3 protects"), "{text}");
}

#[test]
fn check_reads_every_sheet_as_its_kind() {
    let dir = folder(&[("rules.toml", RULES)]);
    month_book(&dir.path().join("book.xlsx"));
    let (code, out) = check(dir.path(), &["--as-of", "2026-02-06", "book.xlsx"]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "book.xlsx[2月]:2:4: warning[orphan_touch]: follow_up is ignored: the rep's claim book.xlsx[1月]:7 ended on 2026-01-20\n\
         book.xlsx[2月]:4:6: error[duplicate]: 张伟 book.xlsx[2月]:3 protects this customer 2026-02-03 → 2026-02-13 (先报先保)\n\
         checked book.xlsx[填写说明] (skipped: it has no header row in its first 30 rows), \
         book.xlsx[1月] (claim ledger, xlsx, 5 rows), book.xlsx[2月] (claim ledger, xlsx, 4 rows), \
         book.xlsx[成交] (customer ledger, xlsx, 5 rows) with rules.toml: 1 error, 1 warning\n"
    );
}

#[test]
fn check_says_in_chinese_which_sheets_it_skipped_and_why() {
    let dir = folder(&[("rules.toml", RULES)]);
    month_book(&dir.path().join("book.xlsx"));
    let (code, out) = check(dir.path(), &["--lang", "zh", "--as-of", "2026-02-06", "book.xlsx"]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "book.xlsx[2月]:2:4: warning[orphan_touch]: 这条跟进不算数：该业务员的报备 book.xlsx[1月]:7 已于 2026-01-20 结束；要继续跟这位客户，先重新报备\n\
         book.xlsx[2月]:4:6: error[duplicate]: 重复报备：这位客户已由张伟于 2026-02-03 报备（book.xlsx[2月]:3），保护至 2026-02-13；先报先保，后报放弃\n\
         已检查 book.xlsx[填写说明]（跳过：前30行里没有表头）、\
         book.xlsx[1月]（报备台账，xlsx，5行）、book.xlsx[2月]（报备台账，xlsx，4行）、\
         book.xlsx[成交]（成交台账，xlsx，5行），规则文件 rules.toml：1个错误，1个提醒\n"
    );
    let out = leadctl().current_dir(dir.path()).args(["--lang", "zh", "-v", "check", "--rules", "rules.toml", "--sheet", "1月", "book.xlsx"]).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("leadctl: 跳过 book.xlsx[2月]：没有被 --sheet 选中\n"), "{err}");
}

#[test]
fn a_title_row_marked_headers_and_the_sheet_aliases() {
    let claims = "2026年3月 意向客户跟踪表 —— 浦东店,,,,,,,\n\
,,,,,,,\n\
序号,*日期,报备人（必填）,类型,客户姓名＊,手机号,小区,备注\n\
1,2026-03-05,张伟,新报备,王芳,13800000001,张杨路100号,老客户\n\
2,,,,,,,回访过一次\n\
3,2026-03-06,张伟,电话跟进,王芳,13800000001,,\n\
合计：共2条,,,,,,,\n";
    let (code, out) = check_claims(claims, None);
    assert_eq!((code, out.as_str()), (0, "checked claims.csv (claim ledger, UTF-8, 4 rows) with rules.toml: 0 errors, 0 warnings\n"));
}

#[test]
fn full_width_header_letters_and_columns_of_rules_toml() {
    let rules = format!("{RULES}\n[columns]\n\"登记人\" = \"rep\"\n\"顾客手机\" = \"phone\"\n");
    let claims = "ＤＡＴＥ,业务员,登记人,客户,顾客手机,地址\n2026-03-05,王五,张伟,王芳,13800000001,张杨路100号\n";
    let (code, out) = check_claims(claims, Some(&rules));
    assert_eq!((code, out.as_str()), (0, "checked claims.csv (claim ledger, UTF-8, 1 row) with rules.toml: 0 errors, 0 warnings\n"));
}

#[test]
fn a_missing_column_names_the_closest_header_and_the_line_to_add() {
    let claims = "日期,报备人,客户,联系人手机,地址\n2026-03-05,张伟,王芳,13800000001,张杨路100号\n";
    let (code, out) = check_claims(claims, None);
    assert_eq!(
        (code, out.as_str()),
        (
            1,
            "claims.csv: warning[policy_skipped]: claims.csv has 1 error, and `attribute` stops on it: each row's own problems are listed, the checks across rows (duplicates, quotas, follow-ups) were skipped; fix and check again\n\
             claims.csv:1: error[missing_column]: no `phone` (or 电话, 手机) column in this claim ledger; \
             the header names: 日期, 报备人, 客户, 联系人手机, 地址; if `联系人手机` is the phone column, \
             add under [columns] in rules.toml: \"联系人手机\" = \"phone\"\n\
             checked claims.csv (claim ledger, UTF-8, 1 row) with rules.toml: 1 error, 1 warning\n"
        )
    );
}

#[test]
fn days_amounts_and_phones_as_people_type_them() {
    let claims = "日期,业务员,类型,客户,电话,地址\n\
2026.3.5,张伟,报备,王芳,13800000001.0,张杨路100号\n\
20260306,张伟,跟进,王芳,138****0001,\n\
3月7日,张伟,跟进,王芳,13800000001,\n\
2026.03.08 14:30,刘洋,报备,李雷,2158887777,世纪大道1号\n\
2026-03-09,张伟,上门,王芳,1.38E+10,\n";
    let (code, out) = check_claims(claims, None);
    assert_eq!(
        out,
        "claims.csv:3:3: warning[orphan_touch]: follow_up is ignored: the phone does not identify a customer\n\
         claims.csv:3:5: error[bad_phone]: `phone` `138****0001`: the number was hidden; ask for the full number; this row will be lost\n\
         claims.csv:4:1: error[bad_date]: `date` `3月7日`: has no year; write the year too, like 2026年3月5日\n\
         claims.csv:5:5: error[bad_phone]: `phone` `2158887777`: has 10 digits; a landline's leading 0 may have been dropped \
         by a number cell: format the column as text and write the number with its 0\n\
         claims.csv:6:3: warning[orphan_touch]: visit is ignored: the phone does not identify a customer\n\
         claims.csv:6:5: error[bad_phone]: `phone` `1.38E+10`: looks like Excel turned the phone into a number and lost \
         its digits; format the column as text and type the number again; this row will be lost\n\
         checked claims.csv (claim ledger, UTF-8, 5 rows) with rules.toml: 4 errors, 2 warnings\n"
    );
    assert_eq!(code, 1);
    let customers = "单号,日期,电话,金额,成交人\n\
D1,2026.3.9,13800000001,1.28万,刘洋\n\
D2,2026.3.9,13800000002,3.5万元,刘洋\n\
D3,2026.3.9,13800000003,rmb -8800,刘洋\n\
D4,2026.3.9,13800000004,CNY 0.88万,刘洋\n\
合计,,,,56600\n";
    let dir = folder(&[("rules.toml", RULES), ("customers.csv", customers)]);
    let (code, out) = check(dir.path(), &["--as-of", "2026-03-31", "customers.csv"]);
    assert_eq!(
        (code, out.as_str()),
        (
            1,
            "customers.csv:4:4: error[bad_refund]: `amount` `rmb -8800` is negative but `refund_of` (原单号) is empty: a \
             refund row must name the deal_id it refunds\n\
             checked customers.csv (customer ledger, UTF-8, 5 rows) with rules.toml: 1 error, 0 warnings\n"
        )
    );
}

#[test]
fn event_words_of_the_sheet_and_of_rules_toml() {
    let rules = format!("{RULES}\n[events]\nfollow_up = [\"短信跟进\"]\nvisit = [\"量房\"]\n");
    let claims = "日期,业务员,事件,客户,电话,地址\n\
2026-03-05,张伟,首次报备,王芳,13800000001,张杨路100号\n\
2026-03-06,张伟,短信跟进,王芳,13800000001,\n\
2026-03-07,张伟,量房,王芳,13800000001,\n\
2026-03-08,张伟,交 定 金,王芳,13800000001,\n\
2026-03-09,张伟,签单,王芳,13800000001,\n";
    let (code, out) = check_claims(claims, Some(&rules));
    assert_eq!(
        (code, out.as_str()),
        (
            1,
            "claims.csv:6:3: error[unknown_event]: `event` `签单`: a deal is not a claim-ledger event; deals belong in the \
             customer ledger (one row per deal with its 单号 and 金额)\n\
             checked claims.csv (claim ledger, UTF-8, 5 rows) with rules.toml: 1 error, 0 warnings\n"
        )
    );
}

#[test]
fn what_a_file_is_comes_from_its_bytes() {
    // A CRM export named .xls that is tab-separated GBK text.
    let text = "日期\t业务员\t客户\t电话\t地址\n2026-03-05\t张伟\t王芳\t13800000001\t张杨路100号\n";
    let dir = folder(&[("rules.toml", RULES)]);
    std::fs::write(dir.path().join("export.xls"), encoding_rs::GB18030.encode(text).0).unwrap();
    let (code, out) = check(dir.path(), &["--as-of", "2026-03-05", "export.xls"]);
    assert_eq!((code, out.as_str()), (0, "checked export.xls (claim ledger, GB18030, 1 row) with rules.toml: 0 errors, 0 warnings\n"));
    // A title line with neither tab nor comma does not decide the delimiter.
    std::fs::write(dir.path().join("titled.txt"), format!("CRM 导出 2026-03\n{text}")).unwrap();
    let (code, out) = check(dir.path(), &["--as-of", "2026-03-05", "titled.txt"]);
    assert_eq!((code, out.as_str()), (0, "checked titled.txt (claim ledger, UTF-8, 1 row) with rules.toml: 0 errors, 0 warnings\n"));
    // A workbook named .csv is a workbook.
    let mut book = Workbook::new();
    write_row(book.add_worksheet(), 0, &["日期", "业务员", "客户", "电话", "地址"]);
    book.save(dir.path().join("book.csv")).unwrap();
    let (code, out) = check(dir.path(), &["--as-of", "2026-03-05", "book.csv"]);
    assert_eq!((code, out.as_str()), (0, "checked book.csv (claim ledger, xlsx, 0 rows) with rules.toml: 0 errors, 0 warnings\n"));
}

#[test]
fn sheets_named_by_the_flag_and_a_workbook_without_its_kind() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLEAN_CLAIMS)]);
    month_book(&dir.path().join("book.xlsx"));
    let (code, out) = check(dir.path(), &["--as-of", "2026-02-06", "--sheet", "1月", "--sheet", "成交", "book.xlsx"]);
    assert_eq!(
        (code, out.as_str()),
        (
            0,
            "checked book.xlsx[填写说明] (skipped: it is not named by --sheet), book.xlsx[1月] (claim ledger, xlsx, 5 rows), \
             book.xlsx[2月] (skipped: it is not named by --sheet), book.xlsx[成交] (customer ledger, xlsx, 5 rows) \
             with rules.toml: 0 errors, 0 warnings\n"
        )
    );
    let out = leadctl().current_dir(dir.path()).args(["check", "--rules", "rules.toml", "--sheet", "3月", "book.xlsx"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: book.xlsx: no sheet named 3月; its sheets are: 填写说明, 1月, 2月, 成交\n"
    );
    let out = leadctl()
        .current_dir(dir.path())
        .args(["attribute", "--rules", "rules.toml", "--claims", "claims.csv", "--customers", "book.xlsx", "--sheet", "2月"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "book.xlsx: error[wrong_kind]: no sheet of this workbook is a customer ledger: sheet `填写说明` is not named by --sheet, \
         sheet `1月` is not named by --sheet, sheet `2月` is a claim ledger (give the workbook as --claims to read it), \
         sheet `成交` is not named by --sheet\n\
         error: the ledgers have 1 error; nothing was decided (fix it; `leadctl check` lists every problem)\n"
    );
}

#[test]
fn a_two_row_header_and_totals_rows_in_a_csv() {
    let customers = "销售台账 2026-03,,,,,,,\n\
序号,订单号,成交日期,客户信息,,成交金额,签单人,备注\n\
,,,客户姓名,手机号码,,,\n\
1,XS-001,2026.3.21,王女士,138 1234 5678,1.28万,刘洋,定金已收\n\
2,XS-002,2026.3.15,孙女士,13900001111,3.5万元,刘洋,\n\
小计,,,,,47800,,\n\
3,,,,,,,\n\
4,XS-003,2026.3.28,钱先生,021-5555 6666,\"RMB 8,800\",张伟,\n\
小计：1单,,,,,8800,,\n\
总计,,,,,56000,,\n";
    let dir = folder(&[("rules.toml", RULES), ("customers.csv", customers)]);
    let (code, out) = check(dir.path(), &["--as-of", "2026-03-31", "customers.csv"]);
    assert_eq!(
        (code, out.as_str()),
        (
            0,
            "customers.csv:10:6: warning[totals_mismatch]: this 总计 row says 56000.00 but the deals above it (since the \
             previous total) add up to 56600.00; check for a missing, extra or changed row\n\
             checked customers.csv (customer ledger, UTF-8, 7 rows) with rules.toml: 0 errors, 1 warning\n"
        )
    );
}

/// A workbook whose 3月 sheet has a header with 报备人员 (no rep column).
fn broken_month_book(path: &Path) {
    let mut book = Workbook::new();
    let notes = book.add_worksheet().set_name("填写说明").unwrap();
    write_row(notes, 0, &["每行一条报备记录"]);
    let feb = book.add_worksheet().set_name("2月").unwrap();
    write_row(feb, 0, &["日期", "业务员", "客户", "电话", "地址"]);
    write_row(feb, 1, &["2026-02-03", "张伟", "韩梅", "13800000003", "世纪大道1号"]);
    let mar = book.add_worksheet().set_name("3月").unwrap();
    write_row(mar, 0, &["日期", "报备人员", "客户", "电话", "地址"]);
    write_row(mar, 1, &["2026-03-03", "张伟", "王芳", "13800000001", "张杨路100号"]);
    book.save(path).unwrap();
}

#[test]
fn a_month_sheet_without_a_header_is_never_dropped_silently() {
    let dir = folder(&[("rules.toml", RULES), ("customers.csv", CLEAN_CUSTOMERS)]);
    broken_month_book(&dir.path().join("book.xlsx"));
    let (code, out) = check(dir.path(), &["--as-of", "2026-03-05", "book.xlsx"]);
    let march = "book.xlsx[3月]:1: error[unknown_table]: no header row in the first 30 rows: a header names at least two of \
        date and rep (claim ledger), deal_id, date, amount and closed_by (customer ledger), phone and owner (rulings), \
        or phone and same_as (links); the row that names most columns (line 1) names — claim ledger: found date, customer, phone, address; missing rep \
        (closest: `报备人员`; add \"报备人员\" = \"rep\" under [columns]) · customer ledger: found date, customer, phone, \
        address; missing deal_id, amount, closed_by · rulings: found phone; missing owner · links: found phone; missing \
        same_as; fix the header, or read only \
        the other sheets with --sheet NAME\n";
    assert_eq!(
        (code, out.as_str()),
        (
            1,
            format!(
                "book.xlsx[3月]: warning[policy_skipped]: book.xlsx[3月] has 1 error, and `attribute` stops on it: each row's own problems are listed, the checks across rows (duplicates, quotas, follow-ups) were skipped; fix and check again\n\
                 {march}checked book.xlsx[填写说明] (skipped: it has no header row in its first 30 rows), \
                 book.xlsx[2月] (claim ledger, xlsx, 1 row), book.xlsx[3月] (skipped: it has no header row in its first 30 rows) \
                 with rules.toml: 1 error, 1 warning\n"
            )
            .as_str()
        )
    );
    let (code, _) = check(dir.path(), &["--as-of", "2026-03-05", "--sheet", "2月", "book.xlsx"]);
    assert_eq!(code, 0);
    let out = leadctl()
        .current_dir(dir.path())
        .args(["attribute", "--rules", "rules.toml", "--claims", "book.xlsx", "--customers", "customers.csv", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stopped = "error: the ledgers have 1 error; nothing was decided (fix it; `leadctl check` lists every problem)\n";
    assert_eq!(String::from_utf8(out.stderr).unwrap(), format!("{march}{stopped}"));
    // Only the sheet without a header: nothing is read, and the run stops.
    let mut book = Workbook::new();
    write_row(book.add_worksheet().set_name("3月").unwrap(), 0, &["日期", "报备人员", "客户", "电话", "地址"]);
    book.save(dir.path().join("march.xlsx")).unwrap();
    let out = leadctl()
        .current_dir(dir.path())
        .args(["attribute", "--rules", "rules.toml", "--claims", "march.xlsx", "--customers", "customers.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let alone = march.replace("book.xlsx[3月]", "march.xlsx").replace("; fix the header, or read only the other sheets with --sheet NAME", "");
    assert_eq!(String::from_utf8(out.stderr).unwrap(), format!("{alone}{stopped}"));
}

#[test]
fn a_workbook_given_for_one_kind_names_its_sheets_of_the_other() {
    let dir = folder(&[("rules.toml", RULES), ("customers.csv", CLEAN_CUSTOMERS)]);
    month_book(&dir.path().join("book.xlsx"));
    let out = leadctl()
        .current_dir(dir.path())
        .args(["-v", "attribute", "--rules", "rules.toml", "--claims", "book.xlsx", "--customers", "customers.csv", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("leadctl: skipped book.xlsx[成交]: it is a customer ledger (give the workbook as --customers to read it)\n"), "{err}");
    assert!(err.contains("leadctl: skipped book.xlsx[填写说明]: it has no header row in its first 30 rows\n"), "{err}");
}

/// tests/fixtures/ods/march.ods (969 bytes, written by hand: a zip with
/// content.xml): an instructions sheet, then a 3月 claim sheet with a
/// title row, §11 aliases, `2026.3.5` and a 合计 row. Named `.dat`, it is
/// still a workbook.
#[test]
fn an_ods_workbook_is_read_by_its_content() {
    let dir = folder(&[("rules.toml", RULES)]);
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ods/march.ods");
    std::fs::copy(fixture, dir.path().join("claims.dat")).unwrap();
    let (code, out) = check(dir.path(), &["--as-of", "2026-03-06", "claims.dat"]);
    assert_eq!(
        (code, out.as_str()),
        (
            0,
            "checked claims.dat[填写说明] (skipped: it has no header row in its first 30 rows), \
             claims.dat[3月] (claim ledger, ods, 2 rows) with rules.toml: 0 errors, 0 warnings\n"
        )
    );
}

/// `=1999*0.88` is stored as 1759.1200000000001 and shown as 1759.12: the
/// amount is read as shown (15 significant digits), like its CSV export.
#[test]
fn amounts_computed_by_formulas_read_as_the_sheet_shows_them() {
    let customers = "deal_id,date,customer,phone,amount,closed_by\n\
D1,2026-01-12,王芳,13800000001,1759.12,刘洋\n\
D2,2026-02-05,李雷,13800000002,2849.05,刘洋\n";
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLEAN_CLAIMS), ("customers.csv", customers)]);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("成交").unwrap();
    write_row(sheet, 0, &["单号", "日期", "客户", "手机", "金额", "成交人"]);
    write_row(sheet, 1, &["D1", "2026-01-12", "王芳", "13800000001", "", "刘洋"]);
    write_row(sheet, 2, &["D2", "2026-02-05", "李雷", "13800000002", "", "刘洋"]);
    sheet.write_formula(1, 4, rust_xlsxwriter::Formula::new("=1999*0.88").set_result("1759.1200000000001")).unwrap();
    sheet.write_formula(2, 4, rust_xlsxwriter::Formula::new("=2999*0.95").set_result("2849.0499999999997")).unwrap();
    book.save(dir.path().join("deals.xlsx")).unwrap();
    let (code, out) = check(dir.path(), &["deals.xlsx"]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("bad_amount"), "{out}");
    let clean = decisions(dir.path(), "claims.csv", "customers.csv", &[]);
    let book = decisions(dir.path(), "claims.csv", "deals.xlsx", &[("deals.xlsx", "customers.csv")]);
    assert_eq!(book, clean);
    assert_eq!(clean["deals"][0]["amount"], "1759.12", "{clean}");
}

/// A deal's time is ignored (SPEC §2) in whatever form a CRM or Chinese
/// Excel writes it; a claim's time orders the day, so `下午 2:30` is 14:30
/// and a fraction of a second other than zero is refused.
#[test]
fn times_as_crm_exports_and_chinese_excel_write_them() {
    let crm = "deal_id,date,customer,phone,amount,closed_by\n\
D1,2026-01-12 14:30:05.000,王芳,13800000001,12800,刘洋\n\
D2,2026/2/5 下午 2:30,李雷,13800000002,30000,刘洋\n\
D3,2026-02-06 09:00:00.123,韩梅,13800000003,50000,刘洋\n";
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLEAN_CLAIMS), ("customers.csv", CLEAN_CUSTOMERS), ("crm.csv", crm)]);
    let clean = decisions(dir.path(), "claims.csv", "customers.csv", &[]);
    assert_eq!(decisions(dir.path(), "claims.csv", "crm.csv", &[("crm.csv", "customers.csv")]), clean);

    // 刘洋 claims at 下午 2:30, 张伟 at 14:00 the same day: 张伟 is first.
    let claims = "date,rep,event,customer,phone,address\n\
2026-03-02 下午 2:30,刘洋,claim,王芳,13800000001,张杨路100号\n\
2026-03-02 14:00,张伟,claim,王芳,13800000001,张杨路100号\n\
2026-03-03 10:00:00.000,刘洋,claim,李雷,13800000002,张杨路200号\n";
    let (code, out) = check_claims(claims, None);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("claims.csv:2:5: error[duplicate]: 张伟 claims.csv:3"), "{out}");
    assert_eq!(out.matches("error[").count(), 1, "{out}");

    let (code, out) = check_claims("date,rep,event,customer,phone,address\n2026-03-03 10:00:00.500,刘洋,claim,李雷,13800000002,张杨路200号\n", None);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("claims.csv:2:1: error[bad_date]"), "{out}");
    assert!(out.contains("write the time to the second"), "{out}");
}

/// One sheet without a column `attribute` needs does not hide what the
/// other sheets hold: their rows still get every finding no other row can
/// change, and a warning says the checks across rows were skipped.
#[test]
fn a_broken_sheet_does_not_hide_the_problems_of_the_others() {
    let dir = folder(&[("rules.toml", RULES)]);
    let mut book = Workbook::new();
    let header = ["日期", "业务员", "类型", "客户", "手机", "详细地址"];
    let march = book.add_worksheet().set_name("3月").unwrap();
    write_row(march, 0, &header);
    write_row(march, 1, &["2026-03-01", "孙强", "报备", "王芳", "13800000001", "张杨路100号"]);
    write_row(march, 2, &["2026-03-02", "张伟", "跟进", "王芳", "1.38E+10", "张杨路100号"]);
    let april = book.add_worksheet().set_name("4月").unwrap();
    write_row(april, 0, &header[..5]);
    write_row(april, 1, &["2026-04-01", "张伟", "报备", "李雷", "13800000002"]);
    book.save(dir.path().join("book.xlsx")).unwrap();
    let (code, out) = check(dir.path(), &["--as-of", "2026-04-30", "book.xlsx"]);
    assert_eq!(code, 1, "{out}");
    let codes: Vec<&str> = out.lines().filter(|l| !l.starts_with("checked")).filter_map(|l| l.split_once(": ")?.1.split(':').next()).collect();
    assert_eq!(codes, ["error[unknown_rep]", "error[bad_phone]", "warning[policy_skipped]", "error[missing_column]"], "{out}");
    assert!(out.contains("book.xlsx[3月]:2:2: error[unknown_rep]"), "{out}");
    assert!(out.contains("book.xlsx[3月]:3:5: error[bad_phone]"), "{out}");
    assert!(out.contains("book.xlsx[4月]: warning[policy_skipped]"), "{out}");
}

/// A file `attribute` refuses for a missing column still gets every problem
/// its rows hold on their own, looked at without that column: a bad phone or
/// another missing field does not hide behind it, and no row is said to miss
/// the column's field (the column's error says so once).
#[test]
fn a_refused_file_still_names_what_its_rows_hold_without_the_missing_column() {
    let claims = "日期,业务员,类型,客户姓名,电话\n\
2026-03-02,张伟,报备,王芳,13816625471\n\
2026-03-02,张三,报备,李四,13816625472\n\
2026-03-03,张伟,报备,李五,1381662547\n\
2026-03-03,张伟,报备,,13816625473\n\
2026-03-03,张伟,跟进,,1.38E+10\n";
    let (code, out) = check_claims(claims, None);
    assert_eq!(code, 1, "{out}");
    let lines: Vec<&str> = out.lines().map(|l| l.split_once(": ").map_or(l, |(at, rest)| if rest.starts_with("error") || rest.starts_with("warning") { &l[..at.len() + 2 + rest.find(']').map_or(0, |i| i + 1)] } else { l })).collect();
    assert_eq!(
        lines[..6],
        [
            "claims.csv: warning[policy_skipped]",
            "claims.csv:1: error[missing_column]",
            "claims.csv:3:2: error[unknown_rep]",
            "claims.csv:4:5: error[bad_phone]",
            "claims.csv:5:4: error[missing_fields]",
            "claims.csv:6:5: error[bad_phone]",
        ],
        "{out}"
    );
    assert!(out.contains("claims.csv:5:4: error[missing_fields]: customer missing"), "{out}");
    assert!(!out.contains("address missing"), "{out}");
}

/// An instructions sheet that names one column is a warning, and `attribute`
/// runs past it: `check` runs every rule too (it used to skip them all).
#[test]
fn a_sheet_that_only_warns_does_not_stop_the_rules() {
    let dir = folder(&[("rules.toml", RULES)]);
    let mut book = Workbook::new();
    let claims = book.add_worksheet().set_name("报备").unwrap();
    write_row(claims, 0, &["日期", "业务员", "类型", "客户", "手机", "详细地址"]);
    write_row(claims, 1, &["2026-03-02", "张伟", "报备", "王芳", "13800000001", "张杨路100号"]);
    write_row(claims, 2, &["2026-03-03", "刘洋", "报备", "王芳", "13800000001", "张杨路100号"]);
    let notes = book.add_worksheet().set_name("说明").unwrap();
    write_row(notes, 0, &["填写说明"]);
    write_row(notes, 1, &["电话", "请填写11位手机号"]);
    book.save(dir.path().join("book.xlsx")).unwrap();
    let (code, out) = check(dir.path(), &["--as-of", "2026-03-31", "book.xlsx"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("book.xlsx[报备]:3:5: error[duplicate]"), "{out}");
    assert!(!out.contains("policy_skipped"), "{out}");
}
