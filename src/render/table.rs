//! The three reports as terminal tables (comfy-table), readable in 80
//! columns; columns are aligned by display width, so 中文 names line up.

use std::io::{self, Write};

use comfy_table::{CellAlignment, ContentArrangement, Table};
use comfy_table::{ContentLineStyle, LineStyle, TableStyle};

use super::columns::{CLAIMS, COMMISSIONS, Column, DEALS, Kind, When};
use super::view::{Cell, Report};
use crate::engine::Status;
use crate::messages::{Lang, labels};

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

/// A cell of the column `column` as a table shows it, controls escaped
/// (SPEC §16); the stable values of status, reason, basis and kind as
/// their labels.
fn text(cell: &Cell, column: &str, lang: Lang, options: TableOptions) -> String {
    let text = match cell {
        Cell::House => labels::house(lang).into(),
        Cell::Text(t) if labels::labelled(column) => labels::value(lang, column, t).into(),
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

/// A report's terminal table: the columns it shows (by their place in the
/// report), their titles as the header, numbers right-aligned, and the
/// columns that must never wrap kept whole (the others give way).
struct Shown<'c> {
    table: Table,
    pick: Vec<usize>,
    columns: &'c [Column],
    lang: Lang,
}

impl<'c> Shown<'c> {
    fn new(columns: &'c [Column], when: When, options: TableOptions, lang: Lang) -> Shown<'c> {
        let pick: Vec<usize> = (0..columns.len()).filter(|&i| columns[i].show.holds(when)).collect();
        let mut table = Table::new();
        table.load_style(STYLE).set_header(pick.iter().map(|&i| columns[i].title(lang)).collect::<Vec<_>>());
        arrange(&mut table, options.wrap);
        for (c, &i) in table.column_iter_mut().zip(&pick) {
            c.set_padding((0, 0));
            if matches!(columns[i].kind, Kind::Money | Kind::Count) {
                c.set_cell_alignment(CellAlignment::Right);
            }
            if columns[i].whole.holds(when) {
                c.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
            }
        }
        Shown { table, pick, columns, lang }
    }

    fn add(&mut self, cells: &[Cell], options: TableOptions) {
        let row = self.pick.iter().map(|&i| text(&cells[i], self.columns[i].name, self.lang, options));
        self.table.add_row(row.collect::<Vec<_>>());
    }
}

/// Writes the deals, the claims that are not valid and the commissions.
pub fn write_tables(report: &Report, out: &mut dyn Write, options: TableOptions) -> io::Result<()> {
    let when = when(report);
    let lang = report.lang;
    let mut deals = Shown::new(&DEALS.list, when, options, lang);
    let mut n_deals = 0;
    for cells in report.deals() {
        deals.add(&cells, options);
        n_deals += 1;
    }
    // A heading that counts none stands alone: no header row over nothing.
    writeln!(out, "{}", labels::deals_heading(lang, n_deals))?;
    if n_deals > 0 {
        print_table(out, &deals.table)?;
    }
    writeln!(out)?;

    let mut invalid = Shown::new(&CLAIMS.list, when, options, lang);
    let (mut n_invalid, mut n_claims) = (0, 0);
    for (status, cells) in report.claims() {
        n_claims += 1;
        if status == Status::Invalid {
            invalid.add(&cells, options);
            n_invalid += 1;
        }
    }
    writeln!(out, "{}", labels::invalid_heading(lang, n_invalid, n_claims))?;
    if n_invalid > 0 {
        print_table(out, &invalid.table)?;
    }
    writeln!(out)?;
    write_commissions(report, out, options)
}

/// What decides the columns shown: the net amount only when some deal has
/// a refund (SPEC §13), the kind once a period is closed (SPEC §14).
fn when(report: &Report) -> When {
    When {
        refunds: report.x.outcome.refunded.iter().any(|r| !r.is_zero()),
        closed: !report.settlement.snapshots.is_empty(),
    }
}

/// Writes the commissions table alone.
pub fn write_commissions(report: &Report, out: &mut dyn Write, options: TableOptions) -> io::Result<()> {
    const KIND: usize = COMMISSIONS.index("kind");
    const RESTATES: usize = COMMISSIONS.index("restates");
    let mut t = Shown::new(&COMMISSIONS.list, when(report), options, report.lang);
    let mut n = 0;
    for mut cells in report.commissions() {
        // One narrow column for people: `earned`, or `adj. 2026Q1` for an
        // adjustment restating 2026Q1 (CSV and JSON keep kind and restates).
        if !matches!(cells[RESTATES], Cell::Empty) {
            cells[KIND] = Cell::Owned(labels::adjustment(report.lang, &cells[RESTATES].to_string()));
        }
        t.add(&cells, options);
        n += 1;
    }
    writeln!(out, "{}", labels::commissions_heading(report.lang, n))?;
    print_table(out, &t.table)
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
