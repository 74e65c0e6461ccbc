//! Writing generated rows: the claim ledger and the customer (deal) ledger
//! as CSV, streamed through buffered writers.
//!
//! Cells are written the ways real ledgers carry them (three date forms,
//! Chinese event words, `¥12800`, `"12,800"`, `12800元`), all of them
//! readable by leadctl.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use super::calendar::Calendar;
use super::people::{Customers, Roster};
use super::rng::Rng;
use super::stories::{Event, Kind, flag};
use super::vocab::{CLAIM_WORDS, CROSS_REGION_REASONS, FOLLOW_UP_WORDS, REGIONS, VISIT_WORDS};

pub const CLAIMS_HEADER: &str = "date,rep,event,customer,phone,address,region,first_contact,cross_region_reason\n";
pub const DEALS_HEADER: &str = "deal_id,date,customer,phone,address,region,amount,closed_by\n";

/// Rows written so far, by kind.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub claim_rows: u64,
    pub claims: u64,
    pub touches: u64,
    pub deals: u64,
}

pub struct Ledgers<'a> {
    calendar: &'a Calendar,
    roster: &'a Roster,
    customers: &'a Customers,
    claims: BufWriter<File>,
    deals: BufWriter<File>,
    line: String,
    counts: Counts,
    /// A uniform sample of customers who bought, for rulings to name.
    buyers: Vec<u32>,
    sampler: Rng,
}

/// How many buyers [`Ledgers::finish`] returns at most.
const BUYER_SAMPLE: usize = 64;

impl<'a> Ledgers<'a> {
    pub fn create(dir: &Path, seed: u64, calendar: &'a Calendar, roster: &'a Roster, customers: &'a Customers) -> io::Result<Self> {
        let mut claims = BufWriter::with_capacity(1 << 20, File::create(dir.join("claims.csv"))?);
        let mut deals = BufWriter::with_capacity(1 << 20, File::create(dir.join("customers.csv"))?);
        claims.write_all(CLAIMS_HEADER.as_bytes())?;
        deals.write_all(DEALS_HEADER.as_bytes())?;
        let (line, counts, buyers) = (String::new(), Counts::default(), Vec::new());
        let sampler = Rng::new(seed ^ 0xB0B5);
        Ok(Ledgers { calendar, roster, customers, claims, deals, line, counts, buyers, sampler })
    }

    /// Writes one row of `day` to the ledger it belongs to.
    pub fn write(&mut self, rng: &mut Rng, day: usize, event: &Event) -> io::Result<()> {
        self.line.clear();
        if event.kind == Kind::Deal {
            self.deal_row(rng, day, event);
            self.counts.deals += 1;
            self.sample_buyer(event.customer);
            return self.deals.write_all(self.line.as_bytes());
        }
        self.claim_ledger_row(rng, day, event);
        self.counts.claim_rows += 1;
        match event.kind {
            Kind::Claim => self.counts.claims += 1,
            _ => self.counts.touches += 1,
        }
        self.claims.write_all(self.line.as_bytes())
    }

    /// Flushes both files; returns the counts and a sample of buyers.
    pub fn finish(mut self) -> io::Result<(Counts, Vec<u32>)> {
        self.claims.flush()?;
        self.deals.flush()?;
        Ok((self.counts, self.buyers))
    }

    /// Reservoir sampling, with its own generator so the rows do not change.
    fn sample_buyer(&mut self, customer: u32) {
        if self.buyers.len() < BUYER_SAMPLE {
            self.buyers.push(customer);
        } else {
            let slot = self.sampler.below(self.counts.deals) as usize;
            if slot < BUYER_SAMPLE {
                self.buyers[slot] = customer;
            }
        }
    }

    /// `date,rep,event,customer,phone,address,region,first_contact,cross_region_reason`
    fn claim_ledger_row(&mut self, rng: &mut Rng, day: usize, e: &Event) {
        self.date(rng, day, [850, 100, 50]);
        if e.minute > 0 {
            let m = e.minute - 1;
            let _ = write!(self.line, " {:02}:{:02}", m / 60, m % 60);
        }
        let word = match e.kind {
            Kind::Claim => CLAIM_WORDS[usize::from(rng.chance(80))],
            Kind::FollowUp => FOLLOW_UP_WORDS[usize::from(rng.chance(80))],
            _ => VISIT_WORDS[rng.weighted(&[900, 60, 40])],
        };
        let _ = write!(self.line, ",{},{word},", self.roster.name(e.rep));
        self.customers.write_name(e.customer, &mut self.line);
        self.line.push(',');
        self.customers.write_phone(e.customer, &mut self.line);
        self.line.push(',');
        if e.kind == Kind::Claim {
            self.claim_cells(rng, day, e);
        } else {
            if e.flags & flag::WITH_ADDRESS != 0 {
                self.customers.write_address(e.customer, &mut self.line);
            }
            self.line.push_str(",,,");
        }
        self.line.push('\n');
    }

    /// `address,region,first_contact,cross_region_reason` of a claim.
    fn claim_cells(&mut self, rng: &mut Rng, day: usize, e: &Event) {
        if e.flags & flag::NO_ADDRESS == 0 {
            self.customers.write_address(e.customer, &mut self.line);
        }
        self.line.push(',');
        if e.flags & flag::BLANK_REGION == 0 {
            self.line.push_str(REGIONS[self.customers.region(e.customer)]);
        }
        self.line.push(',');
        let contact = usize::from(e.flags & flag::FIRST_CONTACT);
        if contact > 0 && day + 1 >= contact {
            self.date(rng, day + 1 - contact, [900, 80, 20]);
        }
        self.line.push(',');
        let reason = usize::from(e.flags >> flag::REASON_SHIFT & 0b11);
        if reason > 0 {
            self.line.push_str(CROSS_REGION_REASONS[reason - 1]);
        }
    }

    /// `deal_id,date,customer,phone,address,region,amount,closed_by`
    fn deal_row(&mut self, rng: &mut Rng, day: usize, e: &Event) {
        let _ = write!(self.line, "SO-2026-{:07},", self.counts.deals + 1);
        self.date(rng, day, [920, 50, 30]);
        self.line.push(',');
        self.customers.write_name(e.customer, &mut self.line);
        self.line.push(',');
        self.customers.write_phone(e.customer, &mut self.line);
        self.line.push(',');
        self.customers.write_address(e.customer, &mut self.line);
        let _ = write!(self.line, ",{},", REGIONS[self.customers.region(e.customer)]);
        amount(rng, &mut self.line);
        let _ = writeln!(self.line, ",{}", self.roster.name(e.rep));
    }

    /// The day as `2026-03-05`, `2026/3/5` or `2026年3月5日`, by weight.
    fn date(&mut self, rng: &mut Rng, day: usize, weights: [u64; 3]) {
        let text = match rng.weighted(&weights) {
            0 => self.calendar.iso(day),
            1 => self.calendar.slash(day),
            _ => self.calendar.chinese(day),
        };
        self.line.push_str(text);
    }
}

/// A deal value between 2,000 and 300,000, written one of five ways.
fn amount(rng: &mut Rng, out: &mut String) {
    let bands = [(20, 80), (80, 300), (300, 800), (800, 3000)];
    let (lo, hi) = bands[rng.weighted(&[30, 40, 20, 10])];
    let hundreds = rng.between(lo, hi);
    let yuan = hundreds * 100;
    match rng.weighted(&[65, 12, 10, 5, 8]) {
        0 => write_u64(out, yuan),
        1 => {
            out.push('"');
            grouped(out, yuan);
            out.push('"');
        }
        2 => {
            write_u64(out, yuan);
            out.push('元');
        }
        3 => {
            out.push('¥');
            write_u64(out, yuan);
        }
        _ => {
            let cents = if rng.chance(500) { "50" } else { "00" };
            let _ = write!(out, "{}.{cents}", yuan + rng.below(100));
        }
    }
}

fn write_u64(out: &mut String, n: u64) {
    let _ = write!(out, "{n}");
}

/// `128000` → `128,000`
fn grouped(out: &mut String, n: u64) {
    let digits = n.to_string();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
}
