//! `statement` and `report --html` (SPEC §17): every figure of a statement
//! equals deals.csv and commissions.csv of the same run, read back from the
//! HTML and from the workbook; values are escaped; pages reach no network.

use std::collections::HashMap;
use std::path::Path;

use calamine::{Reader, open_workbook_auto};
use scraper::{Html, Selector};

use super::{CLAIMS, RULES, folder, leadctl};

type Row = HashMap<String, String>;

/// A CSV file written by `attribute`, as rows keyed by column.
fn csv_rows(path: &Path) -> Vec<Row> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader.records().map(|r| header.iter().cloned().zip(r.unwrap().iter().map(String::from)).collect()).collect()
}

/// The text of each cell of the rows a selector picks.
fn cells(doc: &Html, rows: &str) -> Vec<Vec<String>> {
    let (rows, td) = (Selector::parse(rows).unwrap(), Selector::parse("td").unwrap());
    doc.select(&rows).map(|r| r.select(&td).map(|c| c.text().collect::<String>().trim().to_string()).collect()).collect()
}

fn one(doc: &Html, selector: &str) -> String {
    let s = Selector::parse(selector).unwrap();
    doc.select(&s).next().unwrap_or_else(|| panic!("no {selector}")).text().collect::<String>().trim().to_string()
}

/// A sheet of a workbook as rows of text; numbers as written with two decimals.
fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut book = open_workbook_auto(path).unwrap();
    let range = book.worksheet_range(name).unwrap();
    let text = |c: &calamine::Data| match c {
        calamine::Data::Float(f) => format!("{f:.2}"),
        other => leadctl::load::xlsx::cell_text(other),
    };
    range.rows().map(|r| r.iter().map(text).collect()).collect()
}

/// The deals.csv columns a statement shows, in its order; refunded and net
/// from the CSV once it carries them (SPEC §13), else 0.00 and the amount.
fn deal_columns(d: &Row) -> Vec<String> {
    let refunded = d.get("refunded").cloned().unwrap_or_else(|| "0.00".into());
    let net = d.get("net_amount").cloned().unwrap_or_else(|| d["amount"].clone());
    let cols = [&d["deal_id"], &d["date"], &d["customer"], &d["phone"], &d["amount"], &refunded, &net, &d["basis"], &d["claim_row"]];
    cols.into_iter().cloned().collect()
}

/// The commissions.csv columns a statement shows, in its order.
fn line_columns(c: &Row) -> Vec<String> {
    let kind = c.get("kind").cloned().unwrap_or_else(|| "earned".into());
    let restates = c.get("restates").cloned().unwrap_or_default();
    let cols = [&c["period"], &kind, &restates, &c["deals"], &c["performance"], &c["commission"], &c["bonus"], &c["total"]];
    cols.into_iter().cloned().collect()
}

fn cents(s: &str) -> i64 {
    let (whole, frac) = s.split_once('.').unwrap_or((s, "0"));
    let frac = format!("{frac:0<2}");
    let sign = if whole.starts_with('-') { -1 } else { 1 };
    whole.parse::<i64>().unwrap() * 100 + sign * frac[..2].parse::<i64>().unwrap()
}

/// Half up to the cent of an exact decimal text like `2276.015`.
fn round_half_up(exact: &str) -> String {
    let (whole, frac) = exact.split_once('.').unwrap_or((exact, ""));
    let frac = format!("{frac:0<3}");
    let mut c = whole.parse::<i64>().unwrap() * 100 + frac[..2].parse::<i64>().unwrap();
    if frac.as_bytes()[2] >= b'5' {
        c += 1;
    }
    format!("{}.{:02}", c / 100, c % 100)
}

#[test]
fn every_figure_of_the_examples_statements_equals_the_csv_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let (csv_dir, st_dir) = (out.path().join("csv"), out.path().join("st"));
    leadctl().current_dir(root).args(["--lang", "en", "attribute", "--raw", "--out"]).arg(&csv_dir).assert().success();
    let a = leadctl().current_dir(root).args(["--lang", "en", "statement", "--out"]).arg(&st_dir).assert().success();
    let stderr = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    let deals = csv_rows(&csv_dir.join("deals.csv"));
    let claims = csv_rows(&csv_dir.join("claims.csv"));
    let lines: Vec<Row> = csv_rows(&csv_dir.join("commissions.csv")).into_iter().filter(|c| c["period"] == "2026Q1").collect();
    assert_eq!(lines.len(), 9, "the example pays nine reps in 2026Q1 (the latest quarter ended by 2026-06-25)");
    for line in &lines {
        let rep = &line["rep"];
        let stem = st_dir.join(format!("2026Q1-{rep}"));
        assert!(stderr.contains(&format!("wrote {}.html", stem.display())), "{stderr}");
        let want_deals: Vec<Vec<String>> =
            deals.iter().filter(|d| &d["owner"] == rep && d["date"].starts_with("2026-0") && d["date"].as_str() < "2026-04").map(deal_columns).collect();
        assert_eq!(want_deals.len().to_string(), line["deals"], "{rep}");

        let doc = Html::parse_document(&std::fs::read_to_string(stem.with_extension("html")).unwrap());
        assert_eq!(one(&doc, "table.meta strong"), *rep);
        assert_eq!(cells(&doc, "#deals tbody tr"), want_deals, "{rep}: deals");
        assert_eq!(cells(&doc, "#lines tbody tr.line"), vec![line_columns(line)], "{rep}: commission line");
        assert_eq!(one(&doc, "#to-pay"), line["total"], "{rep}: to pay");
        assert_eq!(one(&doc, "#lines tr.why td.detail"), line["detail"], "{rep}: how the line was computed");
        assert_eq!(one(&doc, "#commission"), line["commission"]);
        let exact = one(&doc, "#commission-exact");
        assert_eq!(round_half_up(&exact), line["commission"], "{rep}: rounded once from {exact}");
        let slices = cells(&doc, "#tiers tbody tr");
        let bases: i64 = slices.iter().map(|s| cents(&s[1])).sum();
        assert_eq!(bases, cents(&line["performance"]), "{rep}: the slices cover the performance");
        let bonus = doc.select(&Selector::parse("#bonus").unwrap()).next().map_or("0.00".into(), |b| b.text().collect::<String>());
        assert_eq!(bonus, line["bonus"], "{rep}: bonus");

        let pick = |rows: Vec<Vec<String>>, cols: [usize; 3]| -> Vec<[String; 3]> { rows.into_iter().map(|r| cols.map(|i| r[i].clone())).collect() };
        let mine = |status: &'static str| claims.iter().filter(move |c| &c["rep"] == rep && c["status"] == status);
        let invalid: Vec<[String; 3]> =
            mine("invalid").filter(|c| c["date"].as_str() < "2026-04").map(|c| [c["row"].clone(), c["date"].clone(), c["reason"].clone()]).collect();
        assert_eq!(pick(cells(&doc, "#invalid tbody tr"), [0, 1, 4]), invalid, "{rep}: invalid claims");
        let mut active: Vec<[String; 3]> = mine("active").map(|c| [c["row"].clone(), c["date"].clone(), c["end_day"].clone()]).collect();
        active.sort_by(|a, b| (&a[2], &a[0]).cmp(&(&b[2], &b[0])));
        assert_eq!(pick(cells(&doc, "#active tbody tr"), [0, 1, 4]), active, "{rep}: active claims");

        let book = stem.with_extension("xlsx");
        let rows = sheet(&book, "deals");
        assert_eq!(rows[0], ["Deal", "Day", "Customer", "Phone", "Amount", "Refunded", "Net", "Basis", "Won by claim"]);
        let got: Vec<Vec<String>> = rows[1..].iter().map(|r| (0..9).map(|i| r.get(i).cloned().unwrap_or_default()).collect()).collect();
        assert_eq!(got, want_deals, "{rep}: workbook deals");
        let lines_sheet = sheet(&book, "lines");
        assert_eq!(lines_sheet[1].iter().take(3).cloned().collect::<Vec<_>>(), ["2026Q1", "earned", ""]);
        let numbers: Vec<String> = lines_sheet[1][3..8].to_vec();
        let want = line_columns(line);
        assert_eq!(numbers[1..], want[4..], "{rep}: workbook line");
        assert_eq!(numbers[0].parse::<f64>().unwrap().to_string(), want[3]);
        assert_eq!(lines_sheet[1][8], line["detail"]);
        assert_eq!(lines_sheet[2][0], "To pay");
        assert_eq!(lines_sheet[2][7], line["total"]);
    }
    let files = std::fs::read_dir(&st_dir).unwrap().count();
    assert_eq!(files, 18, "one .html and one .xlsx per rep, nothing else (no temporary file left)");
}

/// A roster whose names are hostile to HTML and to file systems.
const HOSTILE_RULES: &str = r#"[reps."张伟"]
channel = "field"
region = "east"
target = 10000

[reps."a/b"]
channel = "store"

[reps."a_b"]
channel = "store"

[reps.".hid"]
channel = "store"

[reps."王:磊?"]
channel = "store"
"#;

const HOSTILE_CLAIMS: &str = "date,rep,event,customer,phone,address\n\
2026-03-01,张伟,claim,<script>alert(1)</script>,13800000001,\"<img src=x onerror=alert(2)>\"\n\
2026-03-02,a/b,claim,<b>bold</b>,13800000002,上海\n\
2026-03-03,a_b,claim,甲,13800000001,上海\n";

const HOSTILE_DEALS: &str = "deal_id,date,customer,phone,amount,closed_by\n\
D1,2026-03-05,<script>alert(1)</script>,13800000001,20000,张伟\n\
D2,2026-03-06,乙,13800000009,100,a/b\n\
D3,2026-03-07,丙,13800000008,100,a_b\n\
D4,2026-03-08,丁,13800000007,100,.hid\n\
D5,2026-03-09,戊,13800000006,100,王:磊?\n";

fn hostile() -> tempfile::TempDir {
    folder(&[("rules.toml", HOSTILE_RULES), ("claims.csv", HOSTILE_CLAIMS), ("customers.csv", HOSTILE_DEALS)])
}

fn run_in(dir: &Path, cmd: &[&str]) -> assert_cmd::assert::Assert {
    leadctl().current_dir(dir).args(cmd).args(["--rules", "rules.toml", "--claims", "claims.csv", "--customers", "customers.csv"]).assert()
}

/// No external URL: nothing a browser would fetch.
fn assert_offline(page: &str) {
    for bad in ["http://", "https://", "src=\"//", "href=\"//", "<script", "<link", "@import", "url("] {
        assert!(!page.contains(bad), "page holds {bad}");
    }
}

#[test]
fn customers_named_like_markup_are_escaped_and_pages_reach_no_network() {
    let dir = hostile();
    run_in(dir.path(), &["statement", "--period", "2026Q1", "--out", "st"]).success();
    run_in(dir.path(), &["report", "--html", "overview.html", "--period", "2026Q1", "--as-of", "2026-03-05", "--warn-days", "30"]).success();
    let page = std::fs::read_to_string(dir.path().join("st/2026Q1-张伟.html")).unwrap();
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{page}");
    assert_offline(&page);
    let overview = std::fs::read_to_string(dir.path().join("overview.html")).unwrap();
    assert_offline(&overview);
    // The overview lists 张伟's claim ending in the next 30 days, customer escaped.
    let doc = Html::parse_document(&overview);
    let ending = cells(&doc, "#ending tbody tr");
    assert!(ending.iter().any(|r| r[0] == "a/b" && r[3] == "<b>bold</b>"), "{ending:?}");
    assert!(overview.contains("&lt;b&gt;bold&lt;/b&gt;"));
    // The workbook holds the name as text, as written.
    let rows = sheet(&dir.path().join("st/2026Q1-张伟.xlsx"), "deals");
    assert_eq!(rows[1][2], "<script>alert(1)</script>");
}

#[test]
fn file_names_replace_separators_and_a_leading_dot_and_never_collide() {
    let dir = hostile();
    let a = run_in(dir.path(), &["statement", "--period", "2026Q1", "--out", "st"]).success();
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("st")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(names, [
        "2026Q1-_hid.html", "2026Q1-_hid.xlsx", "2026Q1-a_b-2.html", "2026Q1-a_b-2.xlsx", "2026Q1-a_b.html", "2026Q1-a_b.xlsx",
        "2026Q1-张伟.html", "2026Q1-张伟.xlsx", "2026Q1-王_磊_.html", "2026Q1-王_磊_.xlsx",
    ]);
    // Reps come in name order: `.hid`, `a/b`, `a_b`, 张伟, 王:磊?; `a_b` needs no
    // change and keeps its exact file name, so the altered `a/b` takes `-2`.
    let rep = |file: &str| one(&Html::parse_document(&std::fs::read_to_string(dir.path().join("st").join(file)).unwrap()), "table.meta strong");
    assert_eq!(rep("2026Q1-a_b.html"), "a_b");
    assert_eq!(rep("2026Q1-a_b-2.html"), "a/b");
    // `:` and `?` cannot be stored on Windows; the page keeps the name as written.
    assert_eq!(rep("2026Q1-王_磊_.html"), "王:磊?");
    assert!(String::from_utf8_lossy(&a.get_output().stderr).contains("wrote st/2026Q1-a_b-2.html"));
}

#[test]
fn a_rep_without_a_line_still_gets_the_claim_sections() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", super::CUSTOMERS)]);
    run_in(dir.path(), &["statement", "--period", "2026Q1", "--rep", " 刘洋 ", "--out", "st"]).success();
    let names: Vec<_> = std::fs::read_dir(dir.path().join("st")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2);
    let page = std::fs::read_to_string(dir.path().join("st/2026Q1-刘洋.html")).unwrap();
    let doc = Html::parse_document(&page);
    assert_eq!(cells(&doc, "#lines tbody tr"), Vec::<Vec<String>>::new());
    assert_eq!(cells(&doc, "#lines tbody tr.why"), Vec::<Vec<String>>::new());
    assert_eq!(one(&doc, "#to-pay"), "0.00");
    assert!(page.contains("No commission line for this rep in the period."));
    let invalid = cells(&doc, "#invalid tbody tr");
    assert_eq!(invalid.len(), 1);
    assert_eq!(invalid[0][..5], ["claims.csv:3", "2026-03-02", "王芳", "13800000001", "duplicate"]);
    assert!(invalid[0][5].starts_with("张伟 claims.csv:2 protects this customer 2026-03-01 → "), "{invalid:?}");
    let rows = sheet(&dir.path().join("st/2026Q1-刘洋.xlsx"), "invalid claims");
    assert_eq!(rows[1][..5], ["claims.csv:3", "2026-03-02", "王芳", "13800000001", "duplicate"]);
}

#[test]
fn claims_still_protecting_are_listed_with_their_end_days() {
    let claims = format!("{CLAIMS}2026-03-20,刘洋,claim,李雷,13900000002,北京路1号\n");
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", &claims), ("customers.csv", super::CUSTOMERS)]);
    run_in(dir.path(), &["statement", "--period", "2026Q1", "--rep", "刘洋", "--as-of", "2026-03-25", "--out", "st"]).success();
    let doc = Html::parse_document(&std::fs::read_to_string(dir.path().join("st/2026Q1-刘洋.html")).unwrap());
    // A store claim lapses 10 days after its last touch: 2026-03-30, 5 days after the as-of day; any follow-up keeps it.
    assert_eq!(cells(&doc, "#active tbody tr"), [["claims.csv:4", "2026-03-20", "李雷", "13900000002", "2026-03-30", "5", "follow up by Mar\u{a0}30"]]);
}

/// What keeps each claim (trial 6 F5): a field claim that ends by expiry
/// needs a visit or a deposit, a follow-up call will not move its end day;
/// on its end day it is due today. The same column is on the overview.
#[test]
fn each_protecting_claim_says_what_keeps_it() {
    let claims = format!(
        "{CLAIMS}2026-03-20,张伟,claim,李雷,13900000002,北京路1号\n2026-03-24,张伟,follow_up,李雷,13900000002,\n\
         2026-03-30,张伟,follow_up,李雷,13900000002,\n2026-03-28,刘洋,claim,韩梅,13900000003,北京路2号\n"
    );
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", &claims), ("customers.csv", super::CUSTOMERS)]);
    let page = |lang: &str, as_of: &str| {
        leadctl().current_dir(dir.path()).args(["--lang", lang, "report", "--period", "2026Q1", "--warn-days", "30", "--as-of", as_of, "--html", "r.html"])
            .args(["--rules", "rules.toml", "--claims", "claims.csv", "--customers", "customers.csv"]).assert().success();
        let doc = Html::parse_document(&std::fs::read_to_string(dir.path().join("r.html")).unwrap());
        cells(&doc, "#ending tbody tr").into_iter().map(|r| r[5..].to_vec()).collect::<Vec<_>>()
    };
    // Touched on 03-30, 李雷's claim would lapse on 04-09, but 15 days without a visit end it on 04-04.
    assert_eq!(page("en", "2026-04-01"), [["2026-04-07", "6", "follow up by Apr\u{a0}7"], ["2026-04-04", "3", "visit (量尺) or take a deposit by Apr\u{a0}4"]]);
    assert_eq!(page("zh", "2026-04-01"), [["2026-04-07", "6", "最迟 4月7日 跟进一次"], ["2026-04-04", "3", "最迟 4月4日 上门量尺或下定"]]);
    assert_eq!(page("zh", "2026-04-04"), [["2026-04-07", "3", "最迟 4月7日 跟进一次"], ["2026-04-04", "今天到期", "今天上门量尺或下定"]]);
    run_in(dir.path(), &["statement", "--period", "2026Q1", "--rep", "张伟", "--as-of", "2026-04-04", "--out", "st"]).success();
    let rows = sheet(&dir.path().join("st/2026Q1-张伟.xlsx"), "active claims");
    assert_eq!(rows[0][4..], ["Protected through", "Days left", "To keep it"]);
    assert_eq!(rows[1][5..], ["ends today", "visit (量尺) or take a deposit today"]);
}

#[test]
fn phones_follow_mask_phones_in_both_files() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", super::CUSTOMERS)]);
    run_in(dir.path(), &["statement", "--mask-phones", "--out", "st", "--as-of", "2026-03-31"]).success();
    let page = std::fs::read_to_string(dir.path().join("st/2026Q1-张伟.html")).unwrap();
    assert!(page.contains("138****0001") && !page.contains("13800000001"), "{page}");
    let rows = sheet(&dir.path().join("st/2026Q1-张伟.xlsx"), "deals");
    assert_eq!(rows[1][3], "138****0001");
}

#[test]
fn the_same_run_gives_the_same_bytes() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", super::CUSTOMERS)]);
    let read = |sub: &str| -> Vec<Vec<u8>> {
        run_in(dir.path(), &["statement", "--period", "2026Q1", "--out", sub]).success();
        run_in(dir.path(), &["report", "--period", "2026Q1", "--html", &format!("{sub}/overview.html")]).success();
        ["2026Q1-张伟.html", "2026Q1-张伟.xlsx", "overview.html"].map(|f| std::fs::read(dir.path().join(sub).join(f)).unwrap()).to_vec()
    };
    let first = read("a");
    // A second later: no clock may leak in (a workbook's creation time is the as-of day).
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(first, read("b"));
}

#[test]
fn bad_periods_and_unknown_reps_are_refused() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", super::CUSTOMERS)]);
    let err = |a: assert_cmd::assert::Assert| String::from_utf8_lossy(&a.code(2).get_output().stderr).into_owned();
    assert_eq!(
        err(run_in(dir.path(), &["statement", "--period", "2026-03", "--out", "st"])),
        "error: --period 2026-03 is not one commission period; commission.period = \"quarter\", so give one like 2026Q1\n"
    );
    assert_eq!(
        err(run_in(dir.path(), &["statement", "--rep", "李四", "--out", "st"])),
        "error: --rep `李四`: nobody of that name is in the roster or the ledgers\n"
    );
    assert!(!dir.path().join("st").exists());
    let a = run_in(dir.path(), &["statement", "--period", "2025Q4", "--out", "st"]).success();
    assert_eq!(
        String::from_utf8_lossy(&a.get_output().stderr),
        "no rep has a commission line in 2025Q4; no statement written (--rep NAME writes one anyway)\n"
    );
    // The default period is the latest one ended: when it has no line, the
    // message names the period still running.
    let a = run_in(dir.path(), &["statement", "--as-of", "2026-01-15", "--out", "st"]).success();
    let said = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(said.contains("(the latest period ended by the as-of day 2026-01-15)"), "{said}");
    assert!(said.contains("give --period 2026Q1 for the period still running"), "{said}");
}

/// `report` writes its page even when no rep has a line in the period, and
/// says so as `statement` does (the same wording), on standard error and on
/// the page, in the language of the run; a period with lines has no notice.
#[test]
fn an_overview_without_a_line_says_so_and_names_the_period_to_give() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", super::CUSTOMERS)]);
    let notice = |page: &str| {
        let doc = Html::parse_document(&std::fs::read_to_string(dir.path().join(page)).unwrap());
        doc.select(&Selector::parse("#no-lines").unwrap()).map(|e| e.text().collect::<String>()).collect::<Vec<_>>()
    };
    let a = run_in(dir.path(), &["report", "--as-of", "2026-01-15", "--html", "en.html"]).success();
    let want = "no rep has a commission line in 2025Q4 (the latest period ended by the as-of day 2026-01-15); \
                the overview's performance bars are all zero: give --period 2026Q1 for the period still running";
    assert_eq!(String::from_utf8_lossy(&a.get_output().stderr), format!("wrote en.html\n{want}\n"));
    assert_eq!(notice("en.html"), [want]);

    let a = run_in(dir.path(), &["--lang", "zh", "report", "--as-of", "2026-01-15", "--html", "zh.html"]).success();
    let want = "2025Q4（截止日 2026-01-15 前最近结束的结算期）没有人有提成，概览页的业绩柱都是 0：要看还没结束的结算期，请加 --period 2026Q1";
    assert_eq!(String::from_utf8_lossy(&a.get_output().stderr), format!("已写入 zh.html\n{want}\n"));
    assert_eq!(notice("zh.html"), [want]);
    // statement words the same situation from the same function.
    let a = run_in(dir.path(), &["--lang", "zh", "statement", "--as-of", "2026-01-15", "--out", "st"]).success();
    let said = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(said.starts_with("2025Q4（截止日 2026-01-15 前最近结束的结算期）没有人有提成，未生成提成明细：要看还没结束的结算期，请加 --period 2026Q1；"), "{said}");

    // A period given explicitly: the notice without the hint.
    let a = run_in(dir.path(), &["report", "--period", "2025Q3", "--html", "q3.html"]).success();
    let want = "no rep has a commission line in 2025Q3; the overview's performance bars are all zero";
    assert_eq!(String::from_utf8_lossy(&a.get_output().stderr), format!("wrote q3.html\n{want}\n"));
    assert_eq!(notice("q3.html"), [want]);
    // A period with a line: no notice.
    let a = run_in(dir.path(), &["report", "--period", "2026Q1", "--html", "q1.html"]).success();
    assert_eq!(String::from_utf8_lossy(&a.get_output().stderr), "wrote q1.html\n");
    assert_eq!(notice("q1.html"), Vec::<String>::new());
}

#[test]
fn the_overview_shows_performance_reasons_bases_and_the_reconciliation() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let page = out.path().join("overview.html");
    leadctl().current_dir(root).args(["--lang", "en", "attribute", "--raw", "--out"]).arg(out.path()).assert().success();
    leadctl().current_dir(root).args(["--lang", "en", "report", "--period", "2026Q1", "--warn-days", "7", "--html"]).arg(&page).assert().success();
    let text = std::fs::read_to_string(&page).unwrap();
    assert_offline(&text);
    let doc = Html::parse_document(&text);
    let lines: Vec<Row> = csv_rows(&out.path().join("commissions.csv")).into_iter().filter(|c| c["period"] == "2026Q1").collect();
    let perf = cells(&doc, "#performance tbody tr");
    assert_eq!(perf.len(), 9, "every roster rep");
    for line in &lines {
        let row = perf.iter().find(|r| r[0] == line["rep"]).unwrap();
        assert_eq!(row[1], line["performance"]);
    }
    assert_eq!(perf[0][..4], ["刘洋", "109200.50", "200000.00", "54%"]);
    // One bar and one target mark per rep with a target.
    let svg = Selector::parse("svg rect").unwrap();
    assert_eq!(doc.select(&svg).count(), 1 + 9, "the legend's swatch and nine bars");
    let claims = csv_rows(&out.path().join("claims.csv"));
    let q1_invalid = claims.iter().filter(|c| c["status"] == "invalid" && c["date"].as_str() < "2026-04").count();
    let reasons = cells(&doc, "#reasons tfoot tr");
    assert_eq!(reasons, [["Total", &q1_invalid.to_string()]]);
    let deals = csv_rows(&out.path().join("deals.csv"));
    let q1: Vec<&Row> = deals.iter().filter(|d| d["date"].as_str() < "2026-04").collect();
    for basis in cells(&doc, "#bases tbody tr") {
        let of: Vec<&&Row> = q1.iter().filter(|d| d["basis"] == basis[0]).collect();
        assert_eq!(basis[1], of.len().to_string(), "{basis:?}");
        assert_eq!(cents(&basis[2]), of.iter().map(|d| cents(&d["net_amount"])).sum::<i64>(), "{basis:?}");
    }
    // Claims whose protection ends by 2026-07-02, per rep.
    let as_of = "2026-06-25";
    let want: Vec<(String, String)> = claims
        .iter()
        .filter(|c| c["status"] == "active" && c["end_day"].as_str() >= as_of && c["end_day"].as_str() <= "2026-07-02")
        .map(|c| (c["rep"].clone(), c["end_day"].clone()))
        .collect();
    let mut got: Vec<(String, String)> = cells(&doc, "#ending tbody tr").into_iter().map(|r| (r[0].clone(), r[5].clone())).collect();
    let mut want = want;
    got.sort();
    want.sort();
    assert!(!want.is_empty());
    assert_eq!(got, want);
    let recon = cells(&doc, "#reconciliation tbody tr");
    assert_eq!(recon[2], ["deal amounts 1272660.50 = 1228660.50 credited to reps + 16800.00 owned by the house + 27200.00 refunded", "ok"]);
}

#[test]
fn the_page_is_never_written_over_an_input() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", super::CUSTOMERS)]);
    let a = run_in(dir.path(), &["report", "--html", "./claims.csv"]).code(2);
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(err.starts_with("error: ./claims.csv is an input of this run ("), "{err}");
    assert_eq!(std::fs::read_to_string(dir.path().join("claims.csv")).unwrap(), CLAIMS);
}

/// A statement of the period an adjustment is posted to shows it as
/// commissions.csv has it (kind, restates, figures, detail); the closed
/// period's own statement shows its frozen line and, beside it, the same
/// adjustment as the difference today's deals make.
#[test]
fn an_adjustment_restating_a_closed_period_is_on_both_statements_as_commissions_csv_has_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let (csv_dir, st_dir) = (out.path().join("csv"), out.path().join("st"));
    leadctl().current_dir(root).args(["--lang", "en", "attribute", "--raw", "--out"]).arg(&csv_dir).assert().success();
    leadctl().current_dir(root).args(["--lang", "en", "statement", "--period", "2026Q2", "--out"]).arg(&st_dir).assert().success();
    leadctl().current_dir(root).args(["--lang", "en", "statement", "--period", "2026Q1", "--out"]).arg(&st_dir).assert().success();
    let all = csv_rows(&csv_dir.join("commissions.csv"));
    let adjustments: Vec<&Row> = all.iter().filter(|c| c["kind"] == "adjustment").collect();
    assert_eq!(adjustments.iter().map(|c| c["rep"].as_str()).collect::<Vec<_>>(), ["陈静", "黄磊"], "the example's two refunds after the close");
    // The overview's bars count the period's earned lines; the adjustments posted to it have their own column.
    let page = out.path().join("q2.html");
    leadctl().current_dir(root).args(["--lang", "en", "report", "--period", "2026Q2", "--html"]).arg(&page).assert().success();
    let perf = cells(&Html::parse_document(&std::fs::read_to_string(&page).unwrap()), "#performance tbody tr");
    for row in &perf {
        let sum = |kind: &str| -> i64 {
            all.iter().filter(|c| c["rep"] == row[0] && c["period"] == "2026Q2" && c["kind"] == kind).map(|c| cents(&c["performance"])).sum()
        };
        assert_eq!(cents(&row[1]), sum("earned"), "{row:?}");
        assert_eq!(if row[4].is_empty() { 0 } else { cents(&row[4]) }, sum("adjustment"), "{row:?}");
    }
    for adj in adjustments {
        let rep = &adj["rep"];
        assert_eq!((adj["period"].as_str(), adj["restates"].as_str()), ("2026Q2", "2026Q1"));
        let q2: Vec<&Row> = all.iter().filter(|c| &c["rep"] == rep && c["period"] == "2026Q2").collect();
        let doc = Html::parse_document(&std::fs::read_to_string(st_dir.join(format!("2026Q2-{rep}.html"))).unwrap());
        assert_eq!(cells(&doc, "#lines tbody tr.line"), q2.iter().map(|c| line_columns(c)).collect::<Vec<_>>(), "{rep}: 2026Q2 lines");
        let details: Vec<String> = doc.select(&Selector::parse("#lines tr.why td.detail").unwrap()).map(|e| e.text().collect()).collect();
        assert_eq!(details, q2.iter().map(|c| c["detail"].clone()).collect::<Vec<_>>(), "{rep}: details name the refund");
        assert!(adj["detail"].contains("refund after the close"), "{}", adj["detail"]);
        let to_pay: i64 = q2.iter().map(|c| cents(&c["total"])).sum();
        assert_eq!(cents(&one(&doc, "#to-pay")), to_pay, "{rep}: to pay is the sum of the lines");
        // How the adjustment is computed (trial 6 F4): what was paid for 2026Q1 (its frozen line), what
        // today's deals make it, and the difference, which is the adjustment line.
        let frozen = all.iter().find(|c| &c["rep"] == rep && c["period"] == "2026Q1").unwrap();
        let worked = cells(&doc, "#restatement-2026Q1 tbody tr");
        let col = |i: usize| worked.iter().map(|r| r[i].clone()).collect::<Vec<_>>();
        assert_eq!(col(0), ["Deals", "Performance", "Commission", "Bonus", "Total"]);
        let figures = |c: &Row| ["deals", "performance", "commission", "bonus", "total"].map(|k| c[k].clone()).to_vec();
        assert_eq!(col(1), figures(frozen), "{rep}: paid is the frozen line");
        assert_eq!(col(3), figures(adj), "{rep}: the difference is the adjustment line");
        for r in &worked[1..] {
            assert_eq!(cents(&r[2]), cents(&r[1]) + cents(&r[3]), "{rep}: now = paid + difference: {r:?}");
        }
        let notes: Vec<String> = doc.select(&Selector::parse("p.worked").unwrap()).map(|e| e.text().collect()).collect();
        if rep == "黄磊" {
            assert_eq!(notes, [
                "Paid: commission 0.00 – 100000.00: 100000.00 × 2% = 2000.00; 100000.00 – 300000.00: 2000.00 × 3% = 60.00; \
                 bonus the total frozen at the close = 220.00",
                "Now: commission 0.00 – 100000.00: 90000.00 × 2% = 1800.00; bonus new customers: 1 deal won by a claim with net above 0 × 200.00 = 200.00",
            ]);
        }
        let rows = sheet(&st_dir.join(format!("2026Q2-{rep}.xlsx")), "lines");
        let adj_row = rows.iter().find(|r| r[1] == "adjustment").unwrap();
        assert_eq!((adj_row[2].as_str(), adj_row[7].as_str(), adj_row[8].as_str()), ("2026Q1", adj["total"].as_str(), adj["detail"].as_str()));

        // The closed quarter: the frozen line is what was paid; the adjustment is shown beside it.
        let frozen = all.iter().find(|c| &c["rep"] == rep && c["period"] == "2026Q1").unwrap();
        let doc = Html::parse_document(&std::fs::read_to_string(st_dir.join(format!("2026Q1-{rep}.html"))).unwrap());
        assert_eq!(cells(&doc, "#lines tbody tr.line"), vec![line_columns(frozen)]);
        assert!(frozen["detail"].starts_with("frozen in"), "{}", frozen["detail"]);
        assert_eq!(cells(&doc, "#restated tbody tr.line"), vec![line_columns(adj)], "{rep}: the difference today's deals make");
        let worked = cells(&doc, "#restatement-2026Q1 tbody tr");
        assert_eq!((&worked[1][1], &worked[1][3]), (&frozen["performance"], &adj["performance"]), "{rep}: the same arithmetic on the closed period's own statement");
        let note = one(&doc, "#frozen");
        assert!(note.starts_with(&format!("Closed on 2026-04-05: computed on the performance frozen then, {}", frozen["performance"])), "{note}");
        let rows = sheet(&st_dir.join(format!("2026Q1-{rep}.xlsx")), "lines");
        let restated = rows.iter().find(|r| r.get(1).is_some_and(|k| k == "adjustment")).unwrap();
        assert_eq!((restated[0].as_str(), restated[2].as_str(), restated[7].as_str()), ("2026Q2", "2026Q1", adj["total"].as_str()));
        // Today's deals of the quarter, net, add up to the frozen performance plus the adjustment's.
        let deals = cells(&doc, "#deals tbody tr");
        let net: i64 = deals.iter().map(|d| cents(&d[6])).sum();
        assert_eq!(net, cents(&frozen["performance"]) + cents(&adj["performance"]), "{rep}");
    }
}

/// In Chinese (the example's rules.toml says `lang = "zh"`): the pages'
/// titles, headers and the labels of basis and kind, the workbook's sheet
/// names and headers, and the overview's reconciliation; the figures are
/// those of the English run.
#[test]
fn statements_and_the_overview_speak_chinese() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let st_dir = out.path().join("st");
    let a = leadctl().current_dir(root).args(["statement", "--out"]).arg(&st_dir).assert().success();
    assert!(String::from_utf8_lossy(&a.get_output().stderr).contains("已写入 "));
    let page = std::fs::read_to_string(st_dir.join("2026Q1-黄磊.html")).unwrap();
    let doc = Html::parse_document(&page);
    assert!(page.contains(r#"<html lang="zh-CN">"#));
    assert_eq!(one(&doc, "h1"), "提成明细");
    // Plain words (trial 6 F13): 数据截至 for the as-of day, rounded 到分, 调整哪一期, 提成汇总, no 此人.
    let meta = cells(&doc, "table.meta tr");
    assert_eq!(meta[5], ["数据截至", "2026-06-25"]);
    for words in ["提成（四舍五入到分）", "奖金（四舍五入到分）", "<th>调整哪一期</th>", "<h2>提成汇总</h2>"] {
        assert!(page.contains(words), "{words}");
    }
    assert!(!page.contains("此人") && !page.contains("（四舍五入一次）"));
    let heads: Vec<String> = doc.select(&Selector::parse("#deals th").unwrap()).map(|e| e.text().collect()).collect();
    assert_eq!(heads, ["单号", "日期", "客户", "电话", "金额", "退单", "净额", "归属依据", "报备行"]);
    assert_eq!(cells(&doc, "#deals tbody tr")[0][7], "报备", "basis claim as its label");
    assert_eq!(cells(&doc, "#lines tbody tr.line")[0][1], "本期");
    assert_eq!(cells(&doc, "#restated tbody tr.line")[0][..3], ["2026Q2", "调整", "2026Q1"]);
    assert!(one(&doc, "#restated tr.why td.detail").contains("结账后退单 SO-2026-0008"), "{page}");
    let book = st_dir.join("2026Q1-黄磊.xlsx");
    assert_eq!(sheet(&book, "提成明细")[6][0], "应发");
    assert_eq!(sheet(&book, "成交")[0][..3], ["单号", "日期", "客户"]);
    assert!(sheet(&book, "无效报备").len() == 1 && sheet(&book, "保护中的报备").len() == 2);
    // The invalid claims say the rule and the facts.
    let page = std::fs::read_to_string(st_dir.join("2026Q1-陈静.html")).unwrap();
    let invalid = cells(&Html::parse_document(&page), "#invalid tbody tr");
    assert_eq!(invalid[0][4], "重复报备");
    assert!(invalid[0][5].starts_with("重复报备：") && invalid[0][5].contains("已由张伟于 2026-01-15 报备") && invalid[0][5].contains("先报先保"), "{:?}", invalid[0]);

    let html = out.path().join("overview.html");
    leadctl().current_dir(root).args(["report", "--period", "2026Q1", "--html"]).arg(&html).assert().success();
    let doc = Html::parse_document(&std::fs::read_to_string(&html).unwrap());
    assert_eq!(one(&doc, "h1"), "经营概览");
    assert_eq!(doc.select(&Selector::parse("h2").unwrap()).map(|h| h.text().collect::<String>()).find(|h| h.starts_with("即将到期")).unwrap(), "即将到期的报备：2026-06-25 起 3 天内到期");
    let reasons = cells(&doc, "#reasons tbody tr");
    assert!(reasons.iter().any(|r| r[0] == "重复报备"), "{reasons:?}");
    let recon = cells(&doc, "#reconciliation tbody tr");
    assert!(recon.iter().all(|r| r[1] == "相符"), "{recon:?}");
    assert!(recon[2][0].starts_with("成交金额 1272660.50 = 1228660.50 计给业务员"), "{recon:?}");
}

/// Printed on A4 (trial 6 F3, F6): a long claim ledger name is given once at
/// the top and its rows as `Claim ledger:LINE`; a short one keeps its name,
/// free to break before `:LINE`; names may wrap; sum rows do not repeat on
/// every printed page and the short tier table stays whole.
#[test]
fn long_file_names_are_named_once_and_sums_do_not_repeat_in_print() {
    let long = "2026年一季度意向客户跟踪表-浦东店-业务一部（最终版）.csv";
    let dir = folder(&[("rules.toml", RULES), (long, CLAIMS), ("customers.csv", super::CUSTOMERS)]);
    let st = |claims: &str| {
        leadctl().current_dir(dir.path()).args(["--lang", "en", "statement", "--period", "2026Q1", "--as-of", "2026-03-05", "--out", "st"])
            .args(["--rules", "rules.toml", "--claims", claims, "--customers", "customers.csv"]).assert().success();
        std::fs::read_to_string(dir.path().join("st/2026Q1-张伟.html")).unwrap()
    };
    let page = st(long);
    let doc = Html::parse_document(&page);
    let meta = cells(&doc, "table.meta tr");
    assert_eq!(meta.last().unwrap(), &["Claim ledger", long]);
    assert_eq!(page.matches(long).count(), 1, "the file is named once");
    assert_eq!(cells(&doc, "#deals tbody tr")[0][8], "Claim ledger:2");
    assert!(page.contains("tfoot { display: table-row-group; }") && page.contains("table.whole { break-inside: avoid; }"));
    assert!(page.contains(r#"<table class="whole" id="tiers">"#), "{page}");
    std::fs::copy(dir.path().join(long), dir.path().join("claims.csv")).unwrap();
    let page = st("claims.csv");
    assert_eq!(cells(&Html::parse_document(&page), "#deals tbody tr")[0][8], "claims.csv:2");
    assert!(page.contains(">claims.csv:2<"), "{page}");
    assert!(!page.contains("Claim ledger"));
}

/// The new-customer bonus says which deals count (trial 6 F7): claim deals
/// with net above 0; the claim deals refunded to 0 or worth 0 are named as
/// not counting. A bonus the rules price at 0 (`champion = 0`) is not listed.
#[test]
fn the_new_customer_bonus_names_the_deals_it_does_not_count() {
    let rules = "[channels.store]\n[commission]\ntiers = [{ from = 0, rate = 0.02 }]\nnew_customer = 200\nchampion = 0\n\
                 [reps.\"张伟\"]\nchannel = \"store\"\n";
    let claims = "date,rep,event,customer,phone,address\n2026-02-01,张伟,claim,王芳,13800000001,浦东1号\n\
                  2026-02-01,张伟,claim,孙建国,13800000002,徐汇2号\n2026-02-01,张伟,claim,周立新,13800000003,长宁3号\n";
    let deals = "deal_id,date,phone,amount,closed_by,status\nD1,2026-02-05,13800000001,70000.01,张伟,\n\
                 D2,2026-02-06,13800000002,30000,张伟,refunded\nD3,2026-02-07,13800000003,0,张伟,\n";
    let dir = folder(&[("rules.toml", rules), ("claims.csv", claims), ("customers.csv", deals)]);
    let st = |lang: &str| {
        leadctl().current_dir(dir.path()).args(["--lang", lang, "statement", "--period", "2026Q1", "--out", "st"])
            .args(["--rules", "rules.toml", "--claims", "claims.csv", "--customers", "customers.csv"]).assert().success();
        Html::parse_document(&std::fs::read_to_string(dir.path().join("st/2026Q1-张伟.html")).unwrap())
    };
    let doc = st("en");
    assert_eq!(cells(&doc, "#bonuses tbody tr"), [["new customers: 1 deal won by a claim with net above 0 × 200.00", "200.00"]]);
    assert_eq!(one(&doc, "#not-new"), "D2, D3 won by a claim: net 0, so no new-customer bonus.");
    assert_eq!(one(&doc, "#bonus"), "200.00");
    let doc = st("zh");
    assert_eq!(cells(&doc, "#bonuses tbody tr")[0][0], "新客奖励：净额大于 0 的报备成交 1 单 × 200.00");
    assert_eq!(one(&doc, "#not-new"), "报备成交 D2、D3 净额为 0，不计新客奖励。");
}

/// Flat mode pays the whole performance at the rate of the highest tier
/// reached: its one row says so, not "10000.30 and above" (trial 6 F8);
/// rates read as percents.
#[test]
fn flat_mode_shows_the_whole_performance_at_the_tier_reached() {
    let rules = "[channels.store]\n[commission]\nmode = \"flat\"\ntiers = [{ from = 0, rate = 0.015 }, { from = 10000.30, rate = 0.025 }]\n\
                 [reps.\"李娜\"]\nchannel = \"store\"\n";
    let claims = "date,rep,event,customer,phone,address\n";
    let deals = "deal_id,date,phone,amount,closed_by\nD1,2026-01-20,13800000001,10000.30,李娜\nD2,2026-01-25,13800000002,5000.70,李娜\n";
    let dir = folder(&[("rules.toml", rules), ("claims.csv", claims), ("customers.csv", deals)]);
    let st = |lang: &str| {
        leadctl().current_dir(dir.path()).args(["--lang", lang, "statement", "--period", "2026Q1", "--out", "st"])
            .args(["--rules", "rules.toml", "--claims", "claims.csv", "--customers", "customers.csv"]).assert().success();
        Html::parse_document(&std::fs::read_to_string(dir.path().join("st/2026Q1-李娜.html")).unwrap())
    };
    assert_eq!(cells(&st("en"), "#tiers tbody tr"), [["whole performance (tier from 10000.30 reached)", "15001.00", "2.5%", "375.025"]]);
    let doc = st("zh");
    assert_eq!(cells(&doc, "#tiers tbody tr")[0][0], "全额（达到 10000.30 档）");
    assert_eq!(doc.select(&Selector::parse("#tiers th").unwrap()).map(|e| e.text().collect::<String>()).collect::<Vec<_>>(), ["阶梯", "业绩", "提成比例", "提成"]);
}

/// The overview says what each figure counts (trial 6 F1): the bars are the
/// period's own earned lines, adjustments apart; a closed period says when it was
/// closed, that its bars are frozen and where the later difference went, per
/// rep too; deals by basis are today's net amounts; the reconciliation is
/// the whole ledgers'.
#[test]
fn the_overview_labels_its_bases_and_says_when_a_period_is_closed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let page = |period: &str| {
        let page = out.path().join(format!("{period}.html"));
        leadctl().current_dir(root).args(["--lang", "en", "report", "--period", period, "--html"]).arg(&page).assert().success();
        Html::parse_document(&std::fs::read_to_string(&page).unwrap())
    };
    let q1 = page("2026Q1");
    assert_eq!(
        one(&q1, "#closed"),
        "2026Q1 was closed on 2026-04-05: the bars and the table are the figures frozen then; \
         the later difference (performance -27200.00) is posted to 2026Q2 as an adjustment of 2026Q1."
    );
    assert!(one(&q1, "#bars-basis").starts_with("By the period's own performance"));
    let perf = cells(&q1, "#performance tbody tr");
    let later: Vec<(&str, &str)> = perf.iter().filter(|r| !r[4].is_empty()).map(|r| (r[0].as_str(), r[4].as_str())).collect();
    assert_eq!(later, [("黄磊", "-12000.00"), ("陈静", "-15200.00")]);
    assert_eq!(perf.iter().find(|r| r[0] == "黄磊").unwrap()[1], "102000.00", "the frozen figure");
    assert!(one(&q1, "#bases-basis").starts_with("Net amounts on today's ledgers"));
    assert!(one(&q1, "#reconciliation-basis").starts_with("Over the whole ledgers (every period)"));
    let q2 = page("2026Q2");
    assert!(q2.select(&Selector::parse("#closed").unwrap()).next().is_none());
    assert!(one(&q2, "#bars-basis").contains("Posted to this period: the adjustments of 2026Q1 after its close (performance -27200.00), in the Adjustments column"));
    assert_eq!(cells(&q2, "#performance tbody tr")[0].len(), 5, "a column of adjustments, none of differences on an open period");
    let q3 = page("2026Q3");
    assert_eq!(cells(&q3, "#performance tbody tr")[0].len(), 4, "no adjustments posted, no column");
}

/// A statement that holds only an adjustment (trial 6 F4, F13): a refund
/// after the close takes back more than the period earns, so the box says
/// "to claw back 1100.00", and the adjustment is worked out: paid for
/// 2026Q1, what today's deals make it, the difference.
#[test]
fn a_statement_of_only_an_adjustment_shows_where_the_claw_back_comes_from() {
    let rules = "[channels.store]\n[commission]\ntiers = [{ from = 0, rate = 0.02 }, { from = 50000, rate = 0.03 }]\n\
                 over_target_rate = 0.01\nnew_customer = 200\nchampion = 500\n\
                 [reps.\"张伟\"]\nchannel = \"store\"\ntarget = 40000\n[reps.\"李娜\"]\nchannel = \"store\"\ntarget = 60000\n";
    let claims = "date,rep,event,customer,phone,address\n2026-02-01,张伟,claim,王芳,13816625471,浦东1号\n\
                  2026-02-03,李娜,claim,孙建国,13900000002,徐汇2号\n";
    let deals = "deal_id,date,phone,amount,closed_by,refund_of\nD1,2026-02-05,13816625471,70000,张伟,\nD2,2026-02-06,13900000002,30000,李娜,\n\
                 ,2026-04-10,,-30000,,D1\nD3,2026-04-12,13900000009,10000,李娜,\n";
    let dir = folder(&[("rules.toml", rules), ("claims.csv", claims), ("customers.csv", deals)]);
    run_in(dir.path(), &["close", "2026Q1", "--as-of", "2026-04-02"]).success();
    for (lang, label) in [("en", "To claw back"), ("zh", "应扣回")] {
        leadctl().current_dir(dir.path()).args(["--lang", lang, "statement", "--period", "2026Q2", "--as-of", "2026-04-12", "--rep", "张伟", "--out", "st"])
            .args(["--rules", "rules.toml", "--claims", "claims.csv", "--customers", "customers.csv"]).assert().success();
        let doc = Html::parse_document(&std::fs::read_to_string(dir.path().join("st/2026Q2-张伟.html")).unwrap());
        assert_eq!((one(&doc, "#to-pay-label"), one(&doc, "#to-pay")), (label.to_string(), "1100.00".to_string()));
        assert_eq!(one(&doc, ".topay"), format!("{label}1100.00"));
        assert_eq!(cells(&doc, "#lines tbody tr.line"), [["2026Q2", if lang == "en" { "adjustment" } else { "调整" }, "2026Q1", "0", "-30000.00", "-800.00", "-300.00", "-1100.00"]]);
        let worked: Vec<Vec<String>> = cells(&doc, "#restatement-2026Q1 tbody tr").into_iter().map(|r| r[1..].to_vec()).collect();
        assert_eq!(worked, [
            ["1", "1", "0"],
            ["70000.00", "40000.00", "-30000.00"],
            ["1600.00", "800.00", "-800.00"],
            ["1000.00", "700.00", "-300.00"],
            ["2600.00", "1500.00", "-1100.00"],
        ]);
        if lang == "en" {
            // The note under it reads as one sentence (its source line once broke into a run of spaces).
            let page = std::fs::read_to_string(dir.path().join("st/2026Q2-张伟.html")).unwrap();
            assert!(page.contains("under the rules it was paid under; less what was paid, the difference is this adjustment."), "{page}");
        }
    }
    let summary = sheet(&dir.path().join("st/2026Q2-张伟.xlsx"), "提成明细");
    assert_eq!(summary[6], ["应扣回", "1100.00"]);
    // The workbook works it out too, under the page's words.
    let worked = sheet(&dir.path().join("st/2026Q2-张伟.xlsx"), "阶梯计算");
    assert_eq!(worked[1][0], "2026Q1 的调整怎么算");
    assert!(worked[2][0].starts_with("2026Q1 已于 2026-04-02 结账发放。"), "{worked:?}");
    assert_eq!(worked[3..9], [
        ["", "已发", "现在重算", "差额"],
        ["成交数", "1.00", "1.00", "0.00"],
        ["业绩", "70000.00", "40000.00", "-30000.00"],
        ["提成", "1600.00", "800.00", "-800.00"],
        ["奖金", "1000.00", "700.00", "-300.00"],
        ["合计", "2600.00", "1500.00", "-1100.00"],
    ]);
    assert!(worked[9][0].starts_with("已发：提成 0.00 – 50000.00：50000.00 × 2% = 1000.00；"), "{worked:?}");
    assert!(worked[10][0].starts_with("现在重算：提成 0.00 – 50000.00：40000.00 × 2% = 800.00；"), "{worked:?}");
}

/// A rep whose only line of the period is a claw-back of a closed quarter
/// (trial 7 F5): the completion counts the period's own performance, 0%,
/// never "-200%"; the claw-back stands in its own column.
#[test]
fn a_claw_back_is_no_negative_completion_of_the_period() {
    let rules = "[ledgers]\nclaims = \"claims.csv\"\ncustomers = \"customers.csv\"\nclosed = \"closed\"\n\n[channels.store]\n\n\
                 [reps.\"张伟\"]\nchannel = \"store\"\ntarget = 50000\n[reps.\"王磊\"]\nchannel = \"store\"\n";
    let claims = "日期,业务员,类型,客户,电话,地址\n2026-01-05,张伟,报备,客户甲,13800000001,浦东一路1号\n2026-04-01,王磊,报备,客户丁,13800000004,徐汇四路4号\n";
    let customers = "单号,日期,电话,金额,成交人\nD1,2026-01-12,13800000001,100000,王磊\nD5,2026-04-03,13800000004,10000,王磊\n";
    let dir = folder(&[("rules.toml", rules), ("claims.csv", claims), ("customers.csv", customers)]);
    leadctl().current_dir(dir.path()).args(["close", "2026Q1", "--as-of", "2026-04-05", "-q"]).assert().success();
    // The Q1 claim is now 王磊's: 张伟's Q1 line is clawed back in Q2.
    std::fs::write(dir.path().join("claims.csv"), claims.replacen("张伟", "王磊", 1)).unwrap();
    let page = dir.path().join("q2.html");
    leadctl().current_dir(dir.path()).args(["--lang", "zh", "report", "--period", "2026Q2", "--as-of", "2026-07-01", "-q", "--html"]).arg(&page).assert().success();
    let doc = Html::parse_document(&std::fs::read_to_string(&page).unwrap());
    let perf = cells(&doc, "#performance tbody tr");
    let zhang = perf.iter().find(|r| r[0] == "张伟").unwrap();
    assert_eq!(zhang[1..], ["0.00", "50000.00", "0%", "-100000.00"]);
    assert!(!perf.iter().flatten().any(|c| c.ends_with('%') && c.starts_with('-')), "{perf:?}");
    assert!(one(&doc, "#bars-basis").contains("单列在“往期调整”一栏"), "{}", one(&doc, "#bars-basis"));
    assert!(!one(&doc, "svg").contains("-100000"), "the bar is the earned figure");
}
