//! Rows of delimited text read ahead on a second thread.
//!
//! Splitting a big claim ledger into cells (the CSV parser, UTF-8 checks,
//! the row cap) takes about as long as turning the cells into claims, and
//! one ledger is read by one thread: the parser runs ahead on its own
//! thread and hands rows over in batches, in order, with the same results
//! (rows, bad rows, errors, how the file ended) as reading on one thread.

use std::io;
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};
use std::thread::JoinHandle;

use csv::StringRecord;

use super::row_source::{Next, RowSource, Tail};

/// Rows per hand-over: large enough that the channel costs nothing per
/// row, small enough that a sniffed header does not parse much more.
const BATCH: usize = 512;

/// Batches parsed ahead of the reader at most (memory stays bounded).
const AHEAD: usize = 4;

/// One row as the parser gave it, with the cells it read.
struct Slot {
    record: StringRecord,
    next: Option<io::Result<Next>>,
}

/// Rows in order; the last batch also says how the file ended.
struct Batch {
    slots: Vec<Slot>,
    tail: Option<Tail>,
}

/// A [`RowSource`] whose rows are read by `make()`'s source on a thread of
/// their own.
pub struct Ahead {
    /// `None` once dropping: the parser then stops at its next hand-over.
    batches: Option<Receiver<Batch>>,
    /// Cell buffers handed back for reuse.
    spent: Sender<Vec<StringRecord>>,
    batch: Vec<Slot>,
    at: usize,
    tail: Option<Tail>,
    parser: Option<JoinHandle<()>>,
}

impl Ahead {
    /// Starts the thread that builds the source and reads it.
    pub fn start<S: RowSource>(make: impl FnOnce() -> S + Send + 'static) -> Ahead {
        let (send, batches) = sync_channel(AHEAD);
        let (spent, recycled) = channel();
        let parser = std::thread::spawn(move || parse(make(), &send, &recycled));
        Ahead { batches: Some(batches), spent, batch: Vec::new(), at: 0, tail: None, parser: Some(parser) }
    }
}

/// Reads every row into batches until the end, an IO error, or a reader
/// that stopped listening.
fn parse<S: RowSource>(mut rows: S, send: &SyncSender<Batch>, recycled: &Receiver<Vec<StringRecord>>) {
    let mut spare: Vec<StringRecord> = Vec::new();
    loop {
        spare.extend(recycled.try_iter().flatten());
        let mut slots = Vec::with_capacity(BATCH);
        let mut ended = false;
        while slots.len() < BATCH && !ended {
            let mut record = spare.pop().unwrap_or_default();
            let next = rows.next_row(&mut record);
            ended = !matches!(next, Ok(Next::Row(_) | Next::Bad { .. }));
            slots.push(Slot { record, next: Some(next) });
        }
        let tail = ended.then(|| rows.tail());
        if send.send(Batch { slots, tail }).is_err() || ended {
            return;
        }
    }
}

impl RowSource for Ahead {
    fn next_row(&mut self, record: &mut StringRecord) -> io::Result<Next> {
        loop {
            if let Some(slot) = self.batch.get_mut(self.at) {
                self.at += 1;
                std::mem::swap(record, &mut slot.record);
                return slot.next.take().unwrap_or(Ok(Next::End));
            }
            if self.tail.is_some() {
                return Ok(Next::End);
            }
            let spent: Vec<StringRecord> = std::mem::take(&mut self.batch).into_iter().map(|s| s.record).collect();
            // The parser may have ended already; its buffers are then dropped.
            let _ = self.spent.send(spent);
            match self.batches.as_ref().map(Receiver::recv) {
                Some(Ok(batch)) => {
                    self.tail = batch.tail;
                    self.batch = batch.slots;
                    self.at = 0;
                }
                // The parser ended without a last batch: it panicked.
                _ => match self.parser.take().map(JoinHandle::join) {
                    Some(Err(panic)) => std::panic::resume_unwind(panic),
                    _ => return Ok(Next::End),
                },
            }
        }
    }

    fn tail(&self) -> Tail {
        self.tail.unwrap_or_default()
    }
}

impl Drop for Ahead {
    /// A reader that stops early (a sniffed header, an error) stops the
    /// parser too, and waits for it: no thread outlives its file.
    fn drop(&mut self) {
        drop(self.batches.take());
        if let Some(parser) = self.parser.take() {
            let _ = parser.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::row_source::BadRow;

    /// Rows from a list, then an end or an error.
    struct Listed {
        rows: std::vec::IntoIter<io::Result<Next>>,
    }

    impl RowSource for Listed {
        fn next_row(&mut self, record: &mut StringRecord) -> io::Result<Next> {
            let next = self.rows.next().unwrap_or(Ok(Next::End));
            if let Ok(Next::Row(line)) = next {
                *record = StringRecord::from(vec![line.to_string(), "x".repeat(line as usize % 7)]);
            }
            next
        }

        fn tail(&self) -> Tail {
            Tail { no_final_newline: true, open_quote: false }
        }
    }

    fn listed(n: u32, last: io::Result<Next>) -> impl FnOnce() -> Listed + Send + 'static {
        move || {
            let mut rows: Vec<io::Result<Next>> = (1..=n).map(|l| Ok(if l % 100 == 0 { Next::Bad { line: Some(l), column: None, why: BadRow::Encoding } } else { Next::Row(l) })).collect();
            rows.push(last);
            Listed { rows: rows.into_iter() }
        }
    }

    #[test]
    fn rows_come_in_order_with_their_cells_then_the_end_and_the_tail() {
        for n in [0, 1, BATCH as u32 - 1, BATCH as u32, BATCH as u32 * 9 + 3] {
            let mut ahead = Ahead::start(listed(n, Ok(Next::End)));
            let mut record = StringRecord::new();
            for l in 1..=n {
                let next = ahead.next_row(&mut record).unwrap();
                if l % 100 == 0 {
                    assert!(matches!(next, Next::Bad { line: Some(x), .. } if x == l));
                } else {
                    assert_eq!(next, Next::Row(l));
                    assert_eq!(record.get(0), Some(l.to_string().as_str()));
                    assert_eq!(record.get(1).map(str::len), Some(l as usize % 7));
                }
            }
            assert_eq!(ahead.next_row(&mut record).unwrap(), Next::End, "{n} rows");
            assert_eq!(ahead.next_row(&mut record).unwrap(), Next::End, "and again");
            assert!(ahead.tail().no_final_newline);
        }
    }

    #[test]
    fn an_io_error_reaches_the_reader_after_the_rows_before_it() {
        let mut ahead = Ahead::start(listed(700, Err(io::Error::other("disk"))));
        let mut record = StringRecord::new();
        for _ in 0..700 {
            ahead.next_row(&mut record).unwrap();
        }
        assert_eq!(ahead.next_row(&mut record).unwrap_err().to_string(), "disk");
    }

    #[test]
    fn a_reader_that_stops_early_does_not_hang_the_parser() {
        let mut ahead = Ahead::start(listed(100_000, Ok(Next::End)));
        let mut record = StringRecord::new();
        assert_eq!(ahead.next_row(&mut record).unwrap(), Next::Row(1));
        drop(ahead);
    }
}
