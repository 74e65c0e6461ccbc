//! Statements and the manager's overview as self-contained printable HTML
//! pages (SPEC §17): one file, A4 portrait, inline CSS and SVG, no script,
//! no network, system CJK fonts.
//!
//! Templates are maud: checked when leadctl compiles, and every value put
//! into them is HTML-escaped. Labels come from `messages::statements`.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::bars;
use super::table::mask;
use crate::domain::day::Ymd;
use crate::domain::ledger::{PhoneText, RowName};
use crate::domain::money::{Money, cents};
use crate::engine::overview::Overview;
use crate::engine::closing::Figures;
use crate::engine::statement::{Arithmetic, Bonus, ClaimItem, PayLine, Restatement, Run, Statement};
use crate::messages::decisions::balance_mark;
use crate::messages::statements::Words;

/// How pages are written.
#[derive(Clone, Copy)]
pub struct HtmlOptions<'a> {
    pub words: &'a Words,
    /// Show phones as 138****8000.
    pub mask_phones: bool,
}

/// The style of every page: A4 portrait on paper, a readable column on screen.
const CSS: &str = r#"
@page { size: A4 portrait; margin: 14mm 12mm 16mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif;
  font-size: 10pt; line-height: 1.4; color: #1a1a1a; margin: 0 auto; max-width: 186mm; padding: 8mm 0; }
@media print { body { max-width: none; padding: 0; } }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 12pt; margin: 5mm 0 1.5mm; padding-bottom: 1mm; border-bottom: 1.5px solid #34568b; color: #34568b; break-after: avoid; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0; }
th, td { padding: 0.9mm 1.6mm; text-align: left; vertical-align: baseline; border-bottom: 0.5px solid #c8c8c8; }
th { background: #eef2f8; font-weight: 600; font-size: 9pt; }
tr { break-inside: avoid; }
tfoot { display: table-row-group; }
table.whole { break-inside: avoid; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.code { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 8pt; white-space: nowrap; }
td.d, td.lbl { white-space: nowrap; }
th { overflow-wrap: anywhere; }
td.nm { overflow-wrap: anywhere; min-width: 7em; }
td.todo { font-weight: 600; min-width: 7em; word-break: keep-all; }
td.detail { font-size: 8.5pt; color: #444; }
tr.line td { border-bottom: none; }
tr.sum td { font-weight: 600; border-top: 1px solid #888; border-bottom: none; }
tr.pay td { font-size: 12pt; font-weight: 700; border-top: 2px solid #1a1a1a; }
table.meta td { border: none; padding: 0.6mm 3mm 0.6mm 0; }
table.meta td.k { color: #555; width: 22mm; }
.topay { float: right; text-align: right; border: 2px solid #34568b; padding: 2mm 4mm; margin-top: 1mm; }
.topay .v { font-size: 16pt; font-weight: 700; }
.note { color: #555; font-size: 8.5pt; margin: 1mm 0; }
.banner { border-left: 4px solid #b7791f; background: #fdf6e3; padding: 2mm 3mm; margin: 3mm 0; font-weight: 600; break-inside: avoid; }
.empty { color: #555; font-style: italic; }
.sign { display: flex; gap: 12mm; margin-top: 12mm; break-inside: avoid; }
.sign div { flex: 1; border-top: 1px solid #1a1a1a; padding-top: 1mm; color: #555; }
svg { width: 100%; height: auto; display: block; }
.ok { color: #1f7a3a; font-weight: 600; }
.bad { color: #b3261e; font-weight: 700; }
.notice { border-left: 3px solid #b3261e; padding: 1.5mm 3mm; margin: 2mm 0; background: #fbf1f0; }
"#;

fn page(lang: &str, title: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang=(lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body { (body) }
        }
    }
    .into_string()
}

/// Money with two decimals, as in the CSV files.
fn money(m: Money) -> String {
    cents(m).to_string()
}

/// An exact amount: every decimal it has, at least two.
pub(super) fn exact(m: Money) -> String {
    let n = m.normalize();
    if n.scale() < 2 { money(n) } else { n.to_string() }
}

/// A claim ledger named by more characters than this is named once at the
/// top of a page, and its rows as `报备表:12`: a long WPS file name on every
/// row would fill the page (trial 6 F3).
const LONG_FILE: usize = 24;

fn long_file(file: &str) -> bool {
    file.chars().count() > LONG_FILE
}

/// The meta row naming a long claim ledger once.
fn claims_file_row(file: &str, w: &Words) -> Markup {
    html! { @if long_file(file) { tr { td.k { (w.claims_ledger) } td.nm { (file) } } } }
}

/// `FILE:LINE` of a claim row, free to break after each folder only, so
/// the line number stays with its file; a long file is the word `报备表`.
fn row_name(r: RowName, w: &Words) -> Markup {
    if long_file(r.file) {
        return html! { (RowName { file: w.claims_ledger, ..r }) };
    }
    let text = r.to_string();
    let mut parts = text.split('/').peekable();
    html! { @while let Some(part) = parts.next() { (part) @if parts.peek().is_some() { "/" wbr; } } }
}

fn phone(p: &PhoneText, options: HtmlOptions) -> String {
    if options.mask_phones { mask(&p.to_string()) } else { p.to_string() }
}

/// One rep's statement as a page.
pub fn statement_page(st: &Statement, run: Run, options: HtmlOptions) -> String {
    let w = options.words;
    let title = format!("{} {} {}", w.statement_title, st.period, st.rep);
    let (pay_label, pay) = w.to_pay_or_back(st.to_pay);
    let body = html! {
        div.topay { div { (pay_label) } div.v { (money(pay)) } }
        h1 { (w.statement_title) }
        table.meta {
            tr { td.k { (w.rep) } td { strong { (st.rep) } @if st.roster.is_none() { (w.aside(w.not_in_roster)) } } }
            tr { td.k { (w.channel) } td { (st.channel.map_or(w.none, |c| w.value("channel", c))) } }
            tr { td.k { (w.region) } td { (st.roster.and_then(|r| r.region.as_deref()).unwrap_or(w.none)) } }
            tr { td.k { (w.target) } td { (st.roster.and_then(|r| r.target).map_or(w.none.to_string(), money)) } }
            tr { td.k { (w.period) } td { (st.period) } }
            tr { td.k { (w.as_of) } td { (Ymd(st.as_of)) } }
            (claims_file_row(&run.settled.ledgers.claims.file, w))
        }
        (deals_section(st, options))
        @if let Some(a) = &st.arithmetic { (arithmetic_section(a, &st.not_new_customers, options)) }
        (lines_section(st, run, options))
        @for r in &st.restatements { (restatement_section(r, w)) }
        (invalid_section(st, run, options))
        (active_section(st, options))
        div.sign { div { (w.signature) } div { (w.signed_on) } }
    };
    page(w.lang(), &title, body)
}

fn deals_section(st: &Statement, options: HtmlOptions) -> Markup {
    let w = options.words;
    let sum = |f: fn(&crate::engine::statement::CreditedDeal) -> Money| st.deals.iter().map(f).sum::<Money>();
    html! {
        h2 { (w.deals_title) }
        @if st.deals.is_empty() { p.empty { (w.no_deals) } } @else {
            table #deals {
                thead { tr {
                    th { (w.deal) } th { (w.day) } th { (w.customer) } th { (w.phone) } th.n { (w.amount) }
                    th.n { (w.refunded) } th.n { (w.net) } th { (w.basis) } th { (w.claim_row) }
                } }
                tbody { @for d in &st.deals { tr {
                    td.code { (d.id) } td.d { (Ymd(d.day)) } td.nm { (d.customer.unwrap_or("")) } td.code { (phone(&d.phone, options)) }
                    td.n { (money(d.amount)) } td.n { (money(d.refunded)) } td.n { (money(d.net)) }
                    td.lbl { (w.value("basis", d.basis.as_str())) } td.code { @if let Some(r) = d.claim_row { (row_name(r, w)) } }
                } } }
                tfoot { tr.sum {
                    td colspan="4" { (w.deals_total(st.deals.len())) }
                    td.n { (money(sum(|d| d.amount))) } td.n { (money(sum(|d| d.refunded))) } td.n { (money(sum(|d| d.net))) }
                    td {} td {}
                } }
            }
        }
    }
}

fn arithmetic_section(a: &Arithmetic, not_new: &[&str], options: HtmlOptions) -> Markup {
    let w = options.words;
    html! {
        h2 { (w.tiers_title) }
        @if let Some(on) = a.frozen_on { p.note #frozen { (w.frozen_note(on, a.performance)) } }
        table.whole #tiers {
            thead { tr { th { (w.tier) } th.n { (if a.flat { w.performance } else { w.base }) } th.n { (w.rate) } th.n { (w.commission) } } }
            tbody { @for s in &a.slices { tr {
                td { (w.tier_label(s, a.flat)) } td.n { (money(s.base)) } td.n { (Words::percent(s.rate)) } td.n { (exact(s.amount)) }
            } } }
            tfoot {
                tr.sum { td colspan="3" { (w.commission_exact) } td.n #commission-exact { (exact(a.commission_exact)) } }
                tr.sum { td colspan="3" { (w.commission_rounded) } td.n #commission { (money(a.commission)) } }
            }
        }
        h2 { (w.bonuses_title) }
        @if a.bonuses.is_empty() { p.empty { (w.no_bonus) } } @else {
            table.whole #bonuses {
                thead { tr { th { (w.reason) } th.n { (w.bonus) } } }
                tbody { @for b in &a.bonuses { tr { td { (w.bonus_reason(b, a.performance)) } td.n { (exact(b.amount())) } } } }
                tfoot {
                    tr.sum { td { (w.bonus_exact) } td.n #bonus-exact { (exact(a.bonus_exact)) } }
                    tr.sum { td { (w.bonus_rounded) } td.n #bonus { (money(a.bonus)) } }
                }
            }
        }
        @if !not_new.is_empty() { p.note #not-new { (w.not_new_customers(not_new)) } }
        p.note { (w.rounding_note) }
    }
}

fn lines_section(st: &Statement, run: Run, options: HtmlOptions) -> Markup {
    let w = options.words;
    let (pay_label, pay) = w.to_pay_or_back(st.to_pay);
    html! {
        h2 { (w.lines_title) }
        @if st.lines.is_empty() { p.empty { (w.no_lines) } }
        table #lines {
            (lines_head(w))
            tbody { @for l in &st.lines { (line_rows(l, run, w)) } }
            tfoot { tr.pay { td colspan="7" #to-pay-label { (pay_label) } td.n #to-pay { (money(pay)) } } }
        }
        @if !st.restated_by.is_empty() {
            h2 { (w.restated_title) }
            p.note { (w.restated_note) }
            table #restated {
                (lines_head(w))
                tbody { @for l in &st.restated_by { (line_rows(l, run, w)) } }
            }
        }
    }
}

/// A row of an adjustment's table: its label and how a side shows it.
type FigureRow<'w> = (&'w str, fn(&Figures) -> String);

/// An adjustment worked out: paid, now and the difference, then each
/// side's slices and bonuses.
fn restatement_section(r: &Restatement, w: &Words) -> Markup {
    let rows: [FigureRow; 5] = [
        (w.deals, |f| f.deals.to_string()),
        (w.performance, |f| money(f.performance)),
        (w.commission, |f| money(f.commission)),
        (w.bonus, |f| money(f.bonus)),
        (w.total, |f| money(f.total)),
    ];
    html! {
        h2 { (w.restatement_title(r.restates)) }
        p.note { (w.restatement_note(r.restates, r.closed_on)) }
        table.whole.restatement id=(format!("restatement-{}", r.restates)) {
            thead { tr { th {} th.n { (w.paid) } th.n { (w.now) } th.n { (w.difference) } } }
            tbody { @for (label, f) in rows { tr { td { (label) } td.n { (f(&r.paid)) } td.n { (f(&r.fresh)) } td.n { (f(&r.difference)) } } } }
        }
        @if let Some(a) = &r.paid_arithmetic { p.note.worked { (worked(a, true, w)) } }
        @if let Some(a) = &r.fresh_arithmetic { p.note.worked { (worked(a, false, w)) } }
    }
}

/// One side of an adjustment, slice by slice and bonus by bonus.
pub(super) fn worked(a: &Arithmetic, paid: bool, w: &Words) -> String {
    let slices: Vec<String> = a.slices.iter().map(|s| w.slice_line(s, a.flat, &exact(s.amount))).collect();
    let reason = |b: &Bonus| match b {
        Bonus::Frozen { .. } => w.frozen_total().to_string(),
        _ => w.bonus_reason(b, a.performance),
    };
    let bonuses: Vec<String> = a.bonuses.iter().map(|b| w.bonus_line(&reason(b), &exact(b.amount()))).collect();
    w.worked(paid, &slices, &bonuses)
}

fn lines_head(w: &Words) -> Markup {
    html! {
        thead { tr {
            th { (w.period) } th { (w.kind) } th { (w.restates) } th.n { (w.deals) } th.n { (w.performance) }
            th.n { (w.commission) } th.n { (w.bonus) } th.n { (w.total) }
        } }
    }
}

fn line_rows(l: &PayLine, run: Run, w: &Words) -> Markup {
    let x = run.settled;
    let f = l.figures;
    html! {
        tr.line {
        td { (l.period) } td.lbl { (w.value("kind", l.kind)) } td { @if let Some(p) = l.restates { (p) } }
        td.n { (f.deals) } td.n { (money(f.performance)) } td.n { (money(f.commission)) }
        td.n { (money(f.bonus)) } td.n { (money(f.total)) }
        }
        tr.why { td {} td.detail colspan="7" { (super::view::line_detail(&x, w.language, run.settlement, l.line)) } }
    }
}

fn invalid_section(st: &Statement, run: Run, options: HtmlOptions) -> Markup {
    let w = options.words;
    let x = run.settled;
    html! {
        h2 { (w.invalid_title) }
        @if st.invalid.is_empty() { p.empty { (w.no_invalid) } } @else {
            table #invalid {
                thead { tr { th { (w.row) } th { (w.day) } th { (w.customer) } th { (w.phone) } th { (w.reason) } th { (w.detail) } } }
                tbody { @for c in &st.invalid { tr {
                    td.code { (row_name(c.name, w)) } td.d { (Ymd(c.day)) } td.nm { (c.customer.unwrap_or("")) } td.code { (phone(&c.phone, options)) }
                    td.lbl { @if let Some(why) = c.invalid { (w.value("reason", why.code().as_str())) } }
                    td.detail { @if let Some(why) = c.invalid { (x.invalid(w.language, c.row, why)) } }
                } } }
            }
        }
    }
}

fn active_section(st: &Statement, options: HtmlOptions) -> Markup {
    let w = options.words;
    html! {
        h2 { (w.active_title) }
        @if st.active.is_empty() { p.empty { (w.no_active) } } @else { (claims_table("active", &st.active, false, options)) }
    }
}

/// Valid claims with their end days; with the rep's name when `with_rep`.
fn claims_table(id: &str, claims: &[ClaimItem], with_rep: bool, options: HtmlOptions) -> Markup {
    let w = options.words;
    html! {
        table id=(id) {
            thead { tr {
                @if with_rep { th { (w.rep) } }
                th { (w.row) } th { (w.claimed_on) } th { (w.customer) } th { (w.phone) } th.n { (w.end_day) } th.n { (w.days_left) }
                th { (w.to_do) }
            } }
            tbody { @for c in claims { tr {
                @if with_rep { td.nm { (c.rep.unwrap_or("")) } }
                td.code { (row_name(c.name, w)) } td.d { (Ymd(c.day)) } td.nm { (c.customer.unwrap_or("")) } td.code { (phone(&c.phone, options)) }
                td.n { @if let Some(end) = c.end_day { (Ymd(end)) } } td.n { @if let Some(n) = c.days_left { (w.days_left(n)) } }
                td.todo { @if let (Some(cause), Some(end), Some(n)) = (c.end_cause, c.end_day, c.days_left) { (w.to_do_by(cause, end, n)) } }
            } } }
        }
    }
}

/// The manager's overview as a page; `reconciliation` holds the run's
/// identities, one a line, as `attribute` prints them.
/// `notice`, when given, stands under the heading: why the page is empty.
pub fn overview_page(ov: &Overview, reconciliation: &[(String, bool)], notice: Option<&str>, options: HtmlOptions) -> String {
    let w = options.words;
    let title = format!("{} {}", w.overview_title, ov.period);
    let body = html! {
        h1 { (w.overview_title) }
        table.meta {
            tr { td.k { (w.period) } td { (ov.period) } }
            tr { td.k { (w.as_of) } td { (Ymd(ov.as_of)) } }
            (claims_file_row(ov.claims_file, w))
        }
        @if let Some(notice) = notice { p.notice #no-lines { (notice) } }
        @if let Some(c) = &ov.closed { p.banner #closed { (w.closed_banner(ov.period, c.on, &c.posted)) } }
        h2 { (w.bars_title) }
        p.note #bars-basis { (w.bars_basis()) @if !ov.adjustments.is_empty() { " " (w.adjustments_in(&ov.adjustments)) } }
        (PreEscaped(bars::performance_svg(&ov.bars, w)))
        table #performance {
            thead { tr {
                th { (w.rep) } th.n { (w.performance) } th.n { (w.target) } th.n { (w.of_target) }
                @if !ov.adjustments.is_empty() { th.n { (w.posted_adjustments) } }
                @if ov.closed.is_some() { th.n { (w.since_close) } }
            } }
            tbody { @for b in &ov.bars { tr {
                td { (b.rep) } td.n { (money(b.earned)) }
                td.n { (b.target.map_or(w.none.to_string(), money)) }
                td.n { (bars::percent(b.earned, b.target).unwrap_or_else(|| w.none.to_string())) }
                @if !ov.adjustments.is_empty() { td.n { @if !b.adjustments.is_zero() { (money(b.adjustments)) } } }
                @if let Some(c) = &ov.closed {
                    td.n { (c.by_rep.iter().find(|(rep, _)| *rep == b.rep).map_or(String::new(), |(_, m)| money(*m))) }
                }
            } } }
        }
        h2 { (w.invalid_by_reason_title) }
        table #reasons {
            thead { tr { th { (w.reason) } th.n { (w.claims) } } }
            tbody { @for (reason, n) in &ov.invalid { tr { td.lbl { (w.value("reason", reason)) } td.n { (n) } } } }
            tfoot { tr.sum { td { (w.total) } td.n { (ov.invalid.iter().map(|(_, n)| n).sum::<u32>()) } } }
        }
        h2 { (w.by_basis_title) }
        p.note #bases-basis { (w.bases_basis()) }
        table #bases {
            thead { tr { th { (w.basis) } th.n { (w.deals) } th.n { (w.net) } } }
            tbody { @for b in &ov.bases { tr { td.lbl { (w.value("basis", b.basis)) } td.n { (b.deals) } td.n { (money(b.amount)) } } } }
            tfoot {
                tr.sum { td { (w.total) } td.n { (ov.bases.iter().map(|b| b.deals).sum::<u32>()) } td.n { (money(ov.bases.iter().map(|b| b.amount).sum())) } }
            }
        }
        p.note { (w.house_line(&money(ov.house))) }
        h2 { (w.ending_within(ov.warn_days, Ymd(ov.as_of))) }
        @if ov.ending.is_empty() { p.empty { (w.no_ending) } } @else { (claims_table("ending", &ov.ending, true, options)) }
        h2 { (w.reconciliation_title) }
        p.note #reconciliation-basis { (w.reconciliation_basis()) }
        table #reconciliation {
            tbody { @for (line, ok) in reconciliation { tr {
                td { (line) } td.n { @if *ok { span.ok { (balance_mark(w.language, true)) } } @else { span.bad { (balance_mark(w.language, false)) } } }
            } } }
        }
    };
    page(w.lang(), &title, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn exact_amounts_keep_every_decimal_and_at_least_two() {
        assert_eq!(exact(dec!(683.0000)), "683.00");
        assert_eq!(exact(dec!(2276.0150)), "2276.015");
        assert_eq!(exact(dec!(0.0003)), "0.0003");
        assert_eq!(exact(dec!(2000)), "2000.00");
    }
}
