//! Customer stories for generated ledgers: a rep claims a customer, touches
//! them (follow-ups, a visit), and the customer may buy; sometimes a
//! colleague claims the same customer, or a customer walks in and buys.
//!
//! A story is decided the day it starts and its rows are parked in per-day
//! buckets until that day is written, so only the coming weeks are held in
//! memory.

use super::calendar::DAYS;
use super::people::{Channel, Customers, Roster};
use super::rng::Rng;
use super::vocab::REGIONS;

/// One future row of the claim or customer ledger, in 12 bytes.
#[derive(Clone, Copy)]
pub struct Event {
    /// 0 when no time of day is written, else 1 + minutes after midnight.
    pub minute: u16,
    pub kind: Kind,
    pub flags: u8,
    pub rep: u16,
    pub customer: u32,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Claim,
    FollowUp,
    Visit,
    Deal,
}

/// Bits of [`Event::flags`].
pub mod flag {
    /// Claims: 0, or 1 + how many days before the claim `first_contact` was.
    pub const FIRST_CONTACT: u8 = 0b111;
    /// Claims: leave `region` empty.
    pub const BLANK_REGION: u8 = 1 << 3;
    /// Claims: leave `address` empty (a `missing_fields` claim).
    pub const NO_ADDRESS: u8 = 1 << 4;
    /// Claims: 0, or 1 + the index of the cross-region reason code.
    pub const REASON_SHIFT: u8 = 5;
    /// Touches: write the address too.
    pub const WITH_ADDRESS: u8 = 1 << 7;
}

pub struct Stories<'a> {
    roster: &'a Roster,
    customers: &'a Customers,
    pending: Vec<Vec<Event>>,
    next_customer: u32,
    /// How far back a returning customer may come from, in customer ids.
    recent: u32,
}

impl<'a> Stories<'a> {
    pub fn new(roster: &'a Roster, customers: &'a Customers, recent: u32) -> Self {
        Stories { roster, customers, pending: vec![Vec::new(); DAYS], next_customer: 0, recent: recent.max(1) }
    }

    /// Distinct customers so far.
    pub fn customers_seen(&self) -> u32 {
        self.next_customer
    }

    /// The rows of `day`, in ledger order: untimed first, then by time.
    pub fn take_day(&mut self, day: usize) -> Vec<Event> {
        let mut events = std::mem::take(&mut self.pending[day]);
        events.sort_by_key(|e| e.minute);
        events
    }

    /// A rep claims a customer on `day`, and what follows from it.
    pub fn start(&mut self, rng: &mut Rng, day: usize) {
        let customer = self.choose_customer(rng);
        let region = self.customers.region(customer);
        let channel = if rng.chance(550) { Channel::Field } else { Channel::Store };
        let cross = rng.chance(30);
        let rep_region = if cross { (region + 1 + rng.below(3) as usize) % REGIONS.len() } else { region };
        let rep = self.roster.pick(rng, rep_region, channel);
        self.claim(rng, day, rep, customer, cross);
        if channel == Channel::Store && rng.chance(300) {
            self.deal(rng, day, customer, rep, region);
        } else {
            let (last, visited) = self.touches(rng, day, rep, customer);
            let odds = match (channel, visited) {
                (Channel::Field, true) => 600,
                (Channel::Field, false) => 300,
                (Channel::Store, _) => 450,
            };
            if rng.chance(odds) {
                let closer = if rng.chance(200) { self.roster.pick(rng, region, Channel::Store) } else { rep };
                let day = last + rng.below(7) as usize;
                self.deal(rng, day, customer, closer, region);
            }
        }
        if rng.chance(100) {
            self.competitor(rng, day, customer, region, rep);
        }
        if rng.chance(10) {
            let stranger = self.roster.pick_other(rng, region, rep);
            let day = day + rng.between(1, 5) as usize;
            self.touch(rng, day, stranger, customer, Kind::FollowUp);
        }
    }

    /// A customer nobody claimed walks into a store and buys.
    pub fn walk_in(&mut self, rng: &mut Rng, day: usize) {
        let customer = self.new_customer();
        let region = self.customers.region(customer);
        let guide = self.roster.pick(rng, region, Channel::Store);
        self.deal(rng, day, customer, guide, region);
    }

    fn choose_customer(&mut self, rng: &mut Rng) -> u32 {
        if self.next_customer > 1000 && rng.chance(40) {
            self.next_customer - 1 - rng.below(u64::from(self.recent.min(self.next_customer))) as u32
        } else {
            self.new_customer()
        }
    }

    fn new_customer(&mut self) -> u32 {
        self.next_customer += 1;
        self.next_customer - 1
    }

    /// A claim row with every field a manager asks for, mostly.
    fn claim(&mut self, rng: &mut Rng, day: usize, rep: u16, customer: u32, cross: bool) {
        let field = self.roster.channel(rep) == Channel::Field;
        let minute = if rng.chance(if field { 500 } else { 850 }) { working_minute(rng) } else { 0 };
        let mut flags = 0;
        if rng.chance(if field { 600 } else { 200 }) {
            let days_before = [0u8, 1, 2, 3, 4][rng.weighted(&[50, 45, 2, 2, 1])];
            flags |= days_before + 1;
        }
        if rng.chance(if field { 50 } else { 500 }) {
            flags |= flag::BLANK_REGION;
        }
        if rng.chance(15) {
            flags |= flag::NO_ADDRESS;
        }
        if cross && rng.chance(500) {
            flags |= (1 + rng.below(3) as u8) << flag::REASON_SHIFT;
        }
        self.at(day, Event { minute, kind: Kind::Claim, flags, rep, customer });
    }

    /// The claimer's follow-ups and visits; returns the last day and whether
    /// a visit came within 15 days. Now and then a gap is long enough for
    /// the claim to lapse.
    fn touches(&mut self, rng: &mut Rng, day: usize, rep: u16, customer: u32) -> (usize, bool) {
        let field = self.roster.channel(rep) == Channel::Field;
        let count = match rng.weighted(&[8, 22, 28, 22, 12, 8]) {
            5 => rng.between(5, 8),
            n => n as u64,
        };
        let (mut t, mut visited) = (day, false);
        for _ in 0..count {
            t += if rng.chance(50) { rng.between(11, 20) as usize } else { 1 + rng.weighted(&[8, 14, 16, 14, 12, 10, 9, 8, 9]) };
            let kind = if field && !visited && t - day <= 14 && rng.chance(700) {
                visited = true;
                Kind::Visit
            } else if !field && rng.chance(80) {
                Kind::Visit
            } else if rng.chance(30) {
                Kind::Claim
            } else {
                Kind::FollowUp
            };
            self.touch(rng, t, rep, customer, kind);
        }
        (t, visited)
    }

    fn touch(&mut self, rng: &mut Rng, day: usize, rep: u16, customer: u32, kind: Kind) {
        let minute = if rng.chance(300) { working_minute(rng) } else { 0 };
        let flags = if kind == Kind::Claim || rng.chance(150) { flag::WITH_ADDRESS } else { 0 };
        self.at(day, Event { minute, kind, flags, rep, customer });
    }

    /// A deal, and now and then the same customer buying again months later.
    fn deal(&mut self, rng: &mut Rng, day: usize, customer: u32, closer: u16, region: usize) {
        self.at(day, Event { minute: 0, kind: Kind::Deal, flags: 0, rep: closer, customer });
        if rng.chance(80) {
            let again = if rng.chance(500) { closer } else { self.roster.pick_other(rng, region, closer) };
            let later = day + rng.between(15, 120) as usize;
            self.at(later, Event { minute: 0, kind: Kind::Deal, flags: 0, rep: again, customer });
        }
    }

    /// Another rep of the customer's region claims them a little later: a
    /// duplicate while the first claim protects, valid once it has ended.
    fn competitor(&mut self, rng: &mut Rng, day: usize, customer: u32, region: usize, first: u16) {
        let rival = self.roster.pick_other(rng, region, first);
        let day = day + rng.between(1, 25) as usize;
        self.claim(rng, day, rival, customer, false);
        if rng.chance(600) {
            let day = day + rng.between(1, 5) as usize;
            self.touch(rng, day, rival, customer, Kind::FollowUp);
        }
    }

    /// Parks a row until its day; rows after the year's end are dropped.
    fn at(&mut self, day: usize, event: Event) {
        if day < DAYS {
            self.pending[day].push(event);
        }
    }
}

/// 1 + a minute between 09:00 and 20:59.
fn working_minute(rng: &mut Rng) -> u16 {
    1 + rng.between(9 * 60, 21 * 60 - 1) as u16
}
