//! The workbooks as a person opens them: every number and day fits its
//! column as shown (Excel, WPS and LibreOffice show `###` for one that does
//! not), and a statement's exact figures read as its page shows them.

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};
use scraper::{Html, Selector};
use unicode_width::UnicodeWidthStr;

use super::leadctl;

/// Each sheet's column widths (index → width) from the sheet XML; sheets
/// are `sheet1.xml`, `sheet2.xml`, … in the workbook's order.
fn column_widths(book: &Path, sheet: usize) -> Vec<f64> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(book).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{}.xml", sheet + 1)).unwrap().read_to_string(&mut xml).unwrap();
    let attr = |col: &str, name: &str| -> String {
        let at = col.find(&format!(" {name}=\"")).unwrap_or_else(|| panic!("no {name} in {col}")) + name.len() + 3;
        col[at..].split('"').next().unwrap().to_string()
    };
    let mut widths = Vec::new();
    for col in xml.split("<col ").skip(1).map(|c| format!(" {}", c.split("/>").next().unwrap())) {
        let (min, max): (usize, usize) = (attr(&col, "min").parse().unwrap(), attr(&col, "max").parse().unwrap());
        let width: f64 = attr(&col, "width").parse().unwrap();
        widths.resize(max.max(widths.len()), 0.0);
        widths[min - 1..max].fill(width);
    }
    widths
}

/// A number or day cell as its format shows it (money and counts `0.00`,
/// which is at least as wide as a count shows; days `yyyy-mm-dd`); `None`
/// for text, which runs on into the next cell rather than showing `###`.
fn shown(cell: &Data) -> Option<String> {
    match cell {
        Data::Float(f) => Some(format!("{f:.2}")),
        Data::Int(i) => Some(i.to_string()),
        Data::DateTime(_) => Some(leadctl::load::xlsx::cell_text(cell)),
        _ => None,
    }
}

/// Asserts that in every sheet of `book`, each column holding a number or a
/// day is at least as wide (in units of a digit, CJK counted two) as the
/// widest such cell shows; returns how many cells were checked.
fn assert_numbers_fit(book: &Path) -> usize {
    let mut wb = open_workbook_auto(book).unwrap();
    let mut checked = 0;
    for (i, name) in wb.sheet_names().into_iter().enumerate() {
        let range = wb.worksheet_range(&name).unwrap();
        let widths = column_widths(book, i);
        let (top, left) = range.start().unwrap_or_default();
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let Some(text) = shown(cell) else { continue };
                let col = left as usize + c;
                let width = widths.get(col).copied().unwrap_or(0.0);
                assert!(
                    width >= text.width() as f64,
                    "{}[{name}] row {} column {}: `{text}` is {} wide, its column {width}",
                    book.display(),
                    top as usize + r + 1,
                    col + 1,
                    text.width()
                );
                checked += 1;
            }
        }
    }
    checked
}

#[test]
fn money_and_days_fit_their_columns_in_statements_and_the_attribute_workbook() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    // 2026Q2 has adjustment lines, so negative money: `-12000.00`.
    for period in ["2026Q1", "2026Q2"] {
        let dir = out.path().join(period);
        leadctl().current_dir(root).args(["statement", "--period", period, "--out"]).arg(&dir).assert().success();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "xlsx") {
                assert!(assert_numbers_fit(&path) >= 2, "{}: at least the as-of day and to pay", path.display());
            }
        }
    }
    let book = out.path().join("report.xlsx");
    leadctl().current_dir(root).args(["attribute", "--format", "xlsx", "--out"]).arg(&book).assert().success();
    let checked = assert_numbers_fit(&book);
    assert!(checked > 300, "{checked}");
}

#[test]
fn a_column_of_wide_text_is_counted_two_units_a_character() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    leadctl().current_dir(root).args(["statement", "--period", "2026Q1", "--rep", "黄磊", "--out"]).arg(out.path()).assert().success();
    let book = out.path().join("2026Q1-黄磊.xlsx");
    let mut wb = open_workbook_auto(&book).unwrap();
    let summary = wb.worksheet_range("提成明细").unwrap();
    let widest = summary.rows().map(|r| leadctl::load::xlsx::cell_text(&r[0]).width()).max().unwrap();
    assert_eq!(widest, 8, "数据截至: four characters, eight units");
    assert!(column_widths(&book, 0)[0] >= 8.0);
}

/// The arithmetic sheet's exact figures are text (a double cannot hold
/// every decimal), with every decimal they have and at least two: as on the
/// page, `990.00` and `200.00`, never `990` and `200`.
#[test]
fn exact_figures_read_as_the_page_shows_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    leadctl().current_dir(root).args(["statement", "--period", "2026Q2", "--rep", "黄磊", "--out"]).arg(out.path()).assert().success();
    let mut wb = open_workbook_auto(out.path().join("2026Q2-黄磊.xlsx")).unwrap();
    let sheet = wb.worksheet_range("阶梯计算").unwrap();
    let texts: Vec<String> =
        sheet.rows().skip(1).take_while(|r| r.iter().any(|c| *c != Data::Empty)).filter_map(|r| match r.get(3) { Some(Data::String(s)) => Some(s.clone()), _ => None }).collect();
    assert_eq!(texts, ["990.00", "990.00", "200.00", "200.00"], "slice, commission exact, the bonus, bonus exact");
    // Below a blank row, the adjustment of 2026Q1 worked out.
    assert!(sheet.rows().any(|r| r.first() == Some(&Data::String("2026Q1 的调整怎么算".into()))));

    let page = std::fs::read_to_string(out.path().join("2026Q2-黄磊.html")).unwrap();
    let doc = Html::parse_document(&page);
    let text = |s: &str| doc.select(&Selector::parse(s).unwrap()).map(|e| e.text().collect::<String>().trim().to_string()).collect::<Vec<_>>();
    assert_eq!(text("#tiers tbody tr td:last-child"), ["990.00"]);
    assert_eq!(text("#commission-exact"), ["990.00"]);
    assert_eq!(text("#bonus-exact"), ["200.00"]);
    // The rate reads as on the page.
    assert_eq!(text("#tiers tbody tr td:nth-child(3)"), ["2%"]);
    assert_eq!(sheet.get((1, 2)), Some(&Data::String("2%".into())));
}
