//! The three reports as one JSON document, streamed row by row.
//!
//! Money and days are strings (exact, never floats); counts are numbers;
//! an empty cell is `null`.

use std::cell::RefCell;
use std::io::{self, Write};

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};

use crate::engine::reconcile::Reconciliation;

use super::columns::{CLAIMS, COMMISSIONS, DEALS};
use super::view::{Cell, Report};

impl Serialize for Cell<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Count(n) => s.serialize_u64(*n),
            Cell::Int(n) => s.serialize_i64(*n),
            Cell::House | Cell::Empty => s.serialize_none(),
            other => s.collect_str(other),
        }
    }
}

/// A sequence of rows serialised as objects keyed by column name, consumed
/// once as it is written.
struct Rows<'h, I> {
    header: &'h [&'h str],
    rows: RefCell<Option<I>>,
}

impl<'a, 'h, I: Iterator<Item = [Cell<'a>; N]>, const N: usize> Serialize for Rows<'h, I> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let rows = self.rows.borrow_mut().take().expect("rows are serialised once");
        let mut seq = s.serialize_seq(None)?;
        for row in rows {
            seq.serialize_element(&Object { header: self.header, cells: &row })?;
        }
        seq.end()
    }
}

struct Object<'r, 'a> {
    header: &'r [&'r str],
    cells: &'r [Cell<'a>],
}

impl Serialize for Object<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.header.len()))?;
        for (k, v) in self.header.iter().zip(self.cells) {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

fn rows<'h, I>(header: &'h [&'h str], rows: I) -> Rows<'h, I> {
    Rows { header, rows: RefCell::new(Some(rows)) }
}

/// Writes `{"as_of": …, "deals": […], "claims": […], "commissions": […], "reconciliation": {…}}`.
pub fn write_json(report: &Report, reconciliation: &Reconciliation, out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    let mut ser = serde_json::Serializer::pretty(&mut out);
    let mut map = ser.serialize_map(None).map_err(io::Error::from)?;
    let as_of = report.x.outcome.as_of.map(|d| d.to_string());
    let result: serde_json::Result<()> = (|| {
        map.serialize_entry("as_of", &as_of)?;
        map.serialize_entry(DEALS.report, &rows(&DEALS.names(), report.deals()))?;
        map.serialize_entry(CLAIMS.report, &rows(&CLAIMS.names(), report.claims().map(|(_, c)| c)))?;
        map.serialize_entry(COMMISSIONS.report, &rows(&COMMISSIONS.names(), report.commissions()))?;
        map.serialize_entry("reconciliation", reconciliation)?;
        SerializeMap::end(map)
    })();
    result.map_err(io::Error::from)?;
    writeln!(out)?;
    out.flush()
}
