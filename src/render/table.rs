//! The three reports as terminal tables (comfy-table), readable in 80
//! columns; columns are aligned by display width, so 中文 names line up.

use std::io::{self, Write};

use comfy_table::{CellAlignment, ContentArrangement, Table};
use comfy_table::{ContentLineStyle, LineStyle, TableStyle};

use super::view::{Cell, Report};
use crate::engine::Status;

/// Columns separated by a space, a rule under the header: dense enough for
/// eight columns in 80 characters, and plain enough to paste into a chat.
/// ASCII only: box-drawing characters are double width in many CJK terminals.
const STYLE: TableStyle = TableStyle::new()
    .header_lines(ContentLineStyle::none().junction(' '))
    .header_separator(LineStyle::none().fill('-').junction(' '))
    .content_lines(ContentLineStyle::none().junction(' '));

/// How wide a table may be: wrapped to the terminal, to a given width, or
/// never (piped tables are not wrapped: SPEC §16).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrap {
    Terminal,
    Width(u16),
    Never,
}

/// Lays a table out as `wrap` says.
pub fn arrange(t: &mut Table, wrap: Wrap) {
    match wrap {
        Wrap::Terminal => t.set_content_arrangement(ContentArrangement::Dynamic),
        Wrap::Width(width) => t.set_content_arrangement(ContentArrangement::Dynamic).set_width(width),
        Wrap::Never => t.set_content_arrangement(ContentArrangement::Disabled),
    };
}

/// How tables are laid out.
#[derive(Debug, Clone, Copy)]
pub struct TableOptions {
    /// How wide lines may grow.
    pub wrap: Wrap,
    /// Print phones as `138****8000`.
    pub mask_phones: bool,
}

/// A cell as a table shows it, controls escaped (SPEC §16).
fn text(cell: &Cell, options: TableOptions) -> String {
    let text = match cell {
        Cell::House => "(house)".into(),
        Cell::Row(r) => short_row(r),
        Cell::Phone(p) if options.mask_phones => mask(&p.to_string()),
        other => other.to_string(),
    };
    crate::messages::escaped(&text).into_owned()
}

/// `claims.csv:41` for `examples/claims.csv:41`: tables name a row by the
/// file's base name to fit 80 columns; CSV and JSON keep the path as given.
pub fn short_row(row: &crate::domain::ledger::RowName) -> String {
    let base = std::path::Path::new(row.file).file_name().map_or(row.file.into(), |b| b.to_string_lossy());
    crate::domain::ledger::RowName { file: &base, ..*row }.to_string()
}

/// [`short_row`] of a row name already written as `FILE:LINE`.
pub fn short_row_text(row: &str) -> String {
    match row.rsplit_once(':') {
        Some((file, line)) => {
            let (file, sheet) = match file.strip_suffix(']').and_then(|f| f.rsplit_once('[')) {
                Some((file, sheet)) => (file, Some(sheet)),
                None => (file, None),
            };
            short_row(&crate::domain::ledger::RowName { file, sheet, line: line.parse().unwrap_or(0) })
        }
        // A file, not a row (a closed-period snapshot): its base name.
        None => std::path::Path::new(row).file_name().map_or(row.into(), |b| b.to_string_lossy().into_owned()),
    }
}

/// `13800138000` → `138****8000`: the first three and last four digits.
pub fn mask(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 8 {
        return "*".repeat(chars.len());
    }
    let keep_end = 4;
    let keep_start = 3.min(chars.len() - keep_end);
    let stars = chars.len() - keep_start - keep_end;
    chars[..keep_start].iter().chain(std::iter::repeat_n(&'*', stars)).chain(&chars[chars.len() - keep_end..]).collect()
}

/// The table style every leadctl table uses.
pub fn style() -> TableStyle {
    STYLE
}

fn new_table(header: &[&str], options: TableOptions) -> Table {
    let mut t = Table::new();
    t.load_style(STYLE).set_header(header.to_vec());
    arrange(&mut t, options.wrap);
    for column in t.column_iter_mut() {
        column.set_padding((0, 0));
    }
    t
}

fn add<const N: usize>(t: &mut Table, cells: &[Cell; N], pick: &[usize], options: TableOptions) {
    t.add_row(pick.iter().map(|&i| text(&cells[i], options)).collect::<Vec<_>>());
    for (col, &i) in pick.iter().enumerate() {
        if cells[i].is_number()
            && let Some(c) = t.column_mut(col) {
                c.set_cell_alignment(CellAlignment::Right);
            }
    }
}

/// Writes the deals, the claims that are not valid and the commissions.
pub fn write_tables(report: &Report, out: &mut dyn Write, options: TableOptions) -> io::Result<()> {
    // The net amount is shown only when some deal has a refund (SPEC §13).
    let refunds = report.x.outcome.refunded.iter().any(|r| !r.is_zero());
    let (header, pick, whole): (&[&str], &[usize], &[usize]) = if refunds {
        (&["deal", "day", "customer", "amount", "net", "closer", "owner", "basis", "claim row"], &[0, 1, 2, 4, 6, 7, 8, 9, 10], &[0, 1, 3, 4, 8])
    } else {
        (&["deal", "day", "customer", "amount", "closer", "owner", "basis", "claim row"], &[0, 1, 2, 4, 7, 8, 9, 10], &[0, 1, 3, 7])
    };
    let mut deals = new_table(header, options);
    let mut n_deals = 0;
    for cells in report.deals() {
        add(&mut deals, &cells, pick, options);
        n_deals += 1;
    }
    keep_whole(&mut deals, whole);
    writeln!(out, "Deals ({n_deals})")?;
    print_table(out, &deals)?;
    writeln!(out)?;

    let mut invalid = new_table(&["row", "rep", "customer", "reason", "detail"], options);
    let (mut n_invalid, mut n_claims) = (0, 0);
    for (status, cells) in report.claims() {
        n_claims += 1;
        if status == Status::Invalid {
            add(&mut invalid, &cells, &[0, 2, 3, 6, 8], options);
            n_invalid += 1;
        }
    }
    keep_whole(&mut invalid, &[0, 3]);
    writeln!(out, "Claims that are not valid ({n_invalid} of {n_claims} claims)")?;
    print_table(out, &invalid)?;
    writeln!(out)?;
    write_commissions(report, out, options)
}

/// Writes the commissions table alone.
pub fn write_commissions(report: &Report, out: &mut dyn Write, options: TableOptions) -> io::Result<()> {
    // Kind and restates are shown once a period is closed (SPEC §14).
    let closing = !report.settlement.snapshots.is_empty();
    let (header, pick): (&[&str], &[usize]) = if closing {
        (&["period", "rep", "channel", "deals", "performance", "commission", "bonus", "total", "kind"], &[0, 1, 2, 3, 4, 5, 6, 7, 8])
    } else {
        (&["period", "rep", "channel", "deals", "performance", "commission", "bonus", "total"], &[0, 1, 2, 3, 4, 5, 6, 7])
    };
    let mut t = new_table(header, options);
    let mut n = 0;
    for mut cells in report.commissions() {
        // One narrow column for people: `earned`, or `adj. 2026Q1` for an
        // adjustment restating 2026Q1 (CSV and JSON keep kind and restates).
        if !matches!(cells[9], Cell::Empty) {
            cells[8] = Cell::Owned(crate::messages::closing::adjustment_label(&cells[9].to_string()));
        }
        add(&mut t, &cells, pick, options);
        n += 1;
    }
    if closing {
        keep_whole(&mut t, &[4, 5, 7, 8]);
    }
    writeln!(out, "Commissions ({n} lines)")?;
    print_table(out, &t)
}

/// Columns that must never wrap (ids, days, amounts, row names): the
/// others give way.
fn keep_whole(t: &mut Table, columns: &[usize]) {
    for &i in columns {
        if let Some(c) = t.column_mut(i) {
            c.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
        }
    }
}

/// Prints a table without the padding comfy-table leaves at line ends.
pub fn print_table(out: &mut dyn Write, t: &Table) -> io::Result<()> {
    for line in t.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Tables wrap to the terminal when printed to one; piped or redirected
/// (a script, a file, cron mail) they are never wrapped, unless `$COLUMNS`
/// is exported to ask for a width.
pub fn default_wrap() -> Wrap {
    use std::io::IsTerminal;
    if io::stdout().is_terminal() {
        return Wrap::Terminal;
    }
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).map_or(Wrap::Never, Wrap::Width)
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn masks_keep_the_ends() {
        assert_eq!(mask("13800138000"), "138****8000");
        assert_eq!(mask("02155556666"), "021****6666");
        assert_eq!(mask("6234567"), "*******");
        assert_eq!(mask("62345678"), "623*5678");
    }
}
