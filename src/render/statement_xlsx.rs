//! A statement as a workbook: sheets statement (the rep and what to pay),
//! deals, lines, arithmetic, invalid claims and active claims. Days are
//! dates, money numbers with two decimals, exact amounts text (a double
//! cannot hold every decimal); the workbook's creation time is the as-of
//! day, so the same run gives the same bytes.

use chrono::Datelike;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::html::exact;
use super::table::mask;
use super::view::Cell;
use super::xlsx_out::write_cells;
use super::xlsx_width::Widths;
use crate::domain::money::Money;
use crate::engine::closing::Figures;
use crate::engine::statement::{ClaimItem, Run, Statement};
use crate::messages::statements::Words;

/// The statement as the bytes of an `.xlsx` file.
pub fn statement_workbook(st: &Statement, run: Run, words: &Words, mask_phones: bool) -> Result<Vec<u8>, XlsxError> {
    let w = words;
    let mut book = Workbook::new();
    let stamp = ExcelDateTime::from_ymd(st.as_of.year() as u16, st.as_of.month() as u8, st.as_of.day() as u8)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&stamp).set_title(w.statement_title));
    let phone = |p: &crate::domain::ledger::PhoneText| Cell::Owned(if mask_phones { mask(&p.to_string()) } else { p.to_string() });
    let text = |t: Option<&str>| t.map_or(Cell::Empty, |t| Cell::Owned(t.to_string()));

    let roster = st.roster;
    let (pay_label, pay) = w.to_pay_or_back(st.to_pay);
    let summary = vec![
        vec![Cell::Text(w.rep), Cell::Text(st.rep)],
        vec![Cell::Text(w.channel), text(st.channel.map(|c| w.value("channel", c)))],
        vec![Cell::Text(w.region), text(roster.and_then(|r| r.region.as_deref()))],
        vec![Cell::Text(w.target), roster.and_then(|r| r.target).map_or(Cell::Empty, Cell::Money)],
        vec![Cell::Text(w.period), Cell::Owned(st.period.to_string())],
        vec![Cell::Text(w.as_of), Cell::Day(st.as_of)],
        vec![Cell::Text(pay_label), Cell::Money(pay)],
    ];
    sheet(book.add_worksheet(), w.sheet_summary, &[], summary)?;

    let deals = st.deals.iter().map(|d| {
        vec![
            Cell::Text(d.id),
            Cell::Day(d.day),
            text(d.customer),
            phone(&d.phone),
            Cell::Money(d.amount),
            Cell::Money(d.refunded),
            Cell::Money(d.net),
            Cell::Text(w.value("basis", d.basis.as_str())),
            d.claim_row.map_or(Cell::Empty, Cell::Row),
        ]
    });
    let header = [w.deal, w.day, w.customer, w.phone, w.amount, w.refunded, w.net, w.basis, w.claim_row];
    sheet(book.add_worksheet(), w.sheet_deals, &header, deals.collect())?;

    let x = run.settled;
    let line_row = |l: &crate::engine::statement::PayLine| {
        let f = l.figures;
        vec![
            Cell::Owned(l.period.to_string()),
            Cell::Text(w.value("kind", l.kind)),
            l.restates.map_or(Cell::Empty, |p| Cell::Owned(p.to_string())),
            Cell::Int(f.deals),
            Cell::Money(f.performance),
            Cell::Money(f.commission),
            Cell::Money(f.bonus),
            Cell::Money(f.total),
            Cell::Owned(super::view::line_detail(&x, w.language, run.settlement, l.line)),
        ]
    };
    let lines = st.lines.iter().map(line_row);
    let mut lines: Vec<_> = lines.collect();
    lines.push(vec![Cell::Text(pay_label), Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty, Cell::Money(pay)]);
    if !st.restated_by.is_empty() {
        lines.push(Vec::new());
        lines.push(vec![Cell::Text(w.restated_title), Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty, Cell::Text(w.restated_note)]);
        lines.extend(st.restated_by.iter().map(line_row));
    }
    let header = [w.period, w.kind, w.restates, w.deals, w.performance, w.commission, w.bonus, w.total, w.detail];
    sheet(book.add_worksheet(), w.sheet_lines, &header, lines)?;

    sheet(book.add_worksheet(), w.sheet_arithmetic, &[w.tier, w.base, w.rate, w.commission], arithmetic_rows(st, w))?;

    let invalid = st.invalid.iter().map(|c| {
        let why = c.invalid.map(|why| (why.code(), x.invalid(w.language, c.row, why)));
        let (code, detail) =
            why.map_or((Cell::Empty, Cell::Empty), |(code, detail)| (Cell::Text(w.value("reason", code.as_str())), Cell::Owned(detail)));
        vec![Cell::Row(c.name), Cell::Day(c.day), text(c.customer), phone(&c.phone), code, detail]
    });
    let header = [w.row, w.day, w.customer, w.phone, w.reason, w.detail];
    sheet(book.add_worksheet(), w.sheet_invalid, &header, invalid.collect())?;

    let active = st.active.iter().map(|c: &ClaimItem| {
        vec![
            Cell::Row(c.name),
            Cell::Day(c.day),
            text(c.customer),
            phone(&c.phone),
            c.end_day.map_or(Cell::Empty, Cell::Day),
            c.days_left.map_or(Cell::Empty, |n| Cell::Owned(w.days_left(n))),
            match (c.end_cause, c.end_day, c.days_left) {
                (Some(cause), Some(end), Some(n)) => Cell::Owned(w.to_do_by(cause, end, n)),
                _ => Cell::Empty,
            },
        ]
    });
    let header = [w.row, w.claimed_on, w.customer, w.phone, w.end_day, w.days_left, w.to_do];
    sheet(book.add_worksheet(), w.sheet_active, &header, active.collect())?;
    book.save_to_buffer()
}

/// One figure of an adjustment's sides (paid, now, difference).
type FigureOf = fn(&Figures) -> Money;

/// The tier slices, then the commission exact and rounded, then each bonus
/// and the bonus exact and rounded; then each adjustment worked out, as the
/// page shows it: paid, now and the difference, and each side slice by slice.
fn arithmetic_rows<'a>(st: &'a Statement, w: &'a Words) -> Vec<Vec<Cell<'a>>> {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    if let Some(a) = &st.arithmetic {
        rows.extend(a.slices.iter().map(|s| {
            vec![Cell::Owned(w.tier_label(s, a.flat)), Cell::Money(s.base), Cell::Owned(Words::percent(s.rate)), Cell::Owned(exact(s.amount))]
        }));
        let pair = |label: &'a str, value: Cell<'a>| vec![Cell::Text(label), Cell::Empty, Cell::Empty, value];
        rows.push(pair(w.commission_exact, Cell::Owned(exact(a.commission_exact))));
        rows.push(pair(w.commission_rounded, Cell::Money(a.commission)));
        for b in &a.bonuses {
            let reason = Cell::Owned(w.bonus_reason(b, a.performance));
            rows.push(vec![reason, Cell::Empty, Cell::Empty, Cell::Owned(exact(b.amount()))]);
        }
        rows.push(pair(w.bonus_exact, Cell::Owned(exact(a.bonus_exact))));
        rows.push(pair(w.bonus_rounded, Cell::Money(a.bonus)));
        if !st.not_new_customers.is_empty() {
            rows.push(vec![Cell::Owned(w.not_new_customers(&st.not_new_customers))]);
        }
    }
    for r in &st.restatements {
        if !rows.is_empty() {
            rows.push(Vec::new());
        }
        rows.push(vec![Cell::Owned(w.restatement_title(r.restates))]);
        rows.push(vec![Cell::Owned(w.restatement_note(r.restates, r.closed_on))]);
        rows.push(vec![Cell::Empty, Cell::Text(w.paid), Cell::Text(w.now), Cell::Text(w.difference)]);
        rows.push(vec![Cell::Text(w.deals), Cell::Int(r.paid.deals), Cell::Int(r.fresh.deals), Cell::Int(r.difference.deals)]);
        let figures: [(&str, FigureOf); 4] =
            [(w.performance, |f| f.performance), (w.commission, |f| f.commission), (w.bonus, |f| f.bonus), (w.total, |f| f.total)];
        for (label, of) in figures {
            rows.push(vec![Cell::Text(label), Cell::Money(of(&r.paid)), Cell::Money(of(&r.fresh)), Cell::Money(of(&r.difference))]);
        }
        for (paid, a) in [(true, &r.paid_arithmetic), (false, &r.fresh_arithmetic)] {
            if let Some(a) = a {
                rows.push(vec![Cell::Owned(super::html::worked(a, paid, w))]);
            }
        }
    }
    rows
}

/// One sheet: a bold frozen header (when given), then rows of typed cells.
fn sheet(ws: &mut Worksheet, name: &str, header: &[&str], rows: Vec<Vec<Cell>>) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    ws.set_name(name)?;
    let mut widths = Widths::default();
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
        widths.see(c, h);
    }
    if !header.is_empty() {
        ws.set_freeze_panes(1, 0)?;
    }
    write_cells(ws, u32::from(!header.is_empty()), rows.iter(), &mut widths)?;
    widths.set(ws)
}
