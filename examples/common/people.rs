//! Who appears in generated ledgers: the roster of reps and the customers.
//! Both are derived from an id and the seed, so nothing is stored per
//! customer and memory stays flat however many rows are written.

use std::fmt::Write;

use super::rng::{Digits, Rng, hash};
use super::vocab::{COMMON_SURNAMES, GIVEN, REGION_WEIGHTS, REGIONS, SURNAMES, districts};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Field,
    Store,
}

/// The reps: `count` of them, spread evenly over the regions (rep `i` is in
/// region `i % 4`), two in five of them field reps, the rest store guides.
pub struct Roster {
    names: Vec<String>,
    per_region: u64,
    seed: u64,
}

impl Roster {
    /// `min(2000, max(8, rows / 500))` reps, rounded down to whole regions.
    pub fn for_rows(claim_rows: u64, seed: u64) -> Self {
        let count = (claim_rows / 500).clamp(8, 2000) / 4 * 4;
        let names = (0..count).map(|i| rep_name(i, seed)).collect();
        Roster { names, per_region: count / 4, seed }
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn name(&self, rep: u16) -> &str {
        &self.names[usize::from(rep)]
    }

    pub fn region(&self, rep: u16) -> usize {
        usize::from(rep) % REGIONS.len()
    }

    /// Field for slots 0 and 2 of every five in a region, so even the
    /// smallest roster (two per region) has both channels.
    pub fn channel(&self, rep: u16) -> Channel {
        match (rep / 4) % 5 {
            0 | 2 => Channel::Field,
            _ => Channel::Store,
        }
    }

    /// A per-period target for about two reps in three.
    pub fn target(&self, rep: u16) -> Option<u64> {
        let h = hash(self.seed ^ 0x7A26, u64::from(rep));
        let (lo, steps) = match self.channel(rep) {
            Channel::Field => (100_000, 31),
            Channel::Store => (80_000, 13),
        };
        (!h.is_multiple_of(3)).then(|| lo + (h / 3 % steps) * 10_000)
    }

    /// A rep of `channel` in `region`; busier reps (low slots) come up more.
    pub fn pick(&self, rng: &mut Rng, region: usize, channel: Channel) -> u16 {
        for _ in 0..8 {
            let rep = self.rep_at(region, self.skewed_slot(rng));
            if self.channel(rep) == channel {
                return rep;
            }
        }
        let first_slot = if channel == Channel::Field { 0 } else { 1 };
        self.rep_at(region, first_slot)
    }

    /// Any rep in `region` other than `not` (there are always two or more).
    pub fn pick_other(&self, rng: &mut Rng, region: usize, not: u16) -> u16 {
        let rep = self.rep_at(region, self.skewed_slot(rng));
        if rep != not { rep } else { self.rep_at(region, (u64::from(rep / 4) + 1) % self.per_region) }
    }

    fn skewed_slot(&self, rng: &mut Rng) -> u64 {
        let n = self.per_region;
        if rng.chance(500) { rng.below(n).min(rng.below(n)) } else { rng.below(n) }
    }

    fn rep_at(&self, region: usize, slot: u64) -> u16 {
        (slot * REGIONS.len() as u64 + region as u64) as u16
    }

    /// The `[reps."NAME"]` tables of rules.toml.
    pub fn write_toml(&self, out: &mut String) {
        for rep in 0..self.names.len() as u16 {
            let channel = if self.channel(rep) == Channel::Field { "field" } else { "store" };
            let _ = write!(out, "\n[reps.\"{}\"]\nchannel = \"{channel}\"\nregion = \"{}\"\n", self.name(rep), REGIONS[self.region(rep)]);
            if let Some(target) = self.target(rep) {
                let _ = writeln!(out, "target = {target}");
            }
        }
    }
}

/// Unique while `i < 100 × 70`: the surname and first given character
/// together name the rep (the character is shifted by the surname, so small
/// rosters do not all share one); one in three gets a second character.
fn rep_name(i: u64, seed: u64) -> String {
    let s = SURNAMES.len() as u64;
    let g = GIVEN.len() as u64;
    let first = (i / s + 13 * (i % s)) % g;
    let mut name = format!("{}{}", SURNAMES[(i % s) as usize], GIVEN[first as usize]);
    let h = hash(seed ^ 0x5E95, i);
    if h.is_multiple_of(3) {
        name.push_str(GIVEN[(h / 3 % g) as usize]);
    }
    name
}

/// Customers by id: name, phone, address and region all follow from the id.
pub struct Customers {
    seed: u64,
    phone_offset: u64,
}

/// An odd multiplier not divisible by 5: `id → id × M + c (mod 10^8)` is a
/// bijection, so the last eight digits, and hence phones, never repeat.
const PHONE_MULTIPLIER: u64 = 48_271_337;
const PHONE_SPACE: u64 = 100_000_000;

impl Customers {
    pub fn new(seed: u64) -> Self {
        Customers { seed, phone_offset: hash(seed, 0xF0E) % PHONE_SPACE }
    }

    pub fn region(&self, id: u32) -> usize {
        let mut roll = hash(self.seed ^ 0x4E61, u64::from(id)) % REGION_WEIGHTS.iter().sum::<u64>();
        for (r, &w) in REGION_WEIGHTS.iter().enumerate() {
            if roll < w {
                return r;
            }
            roll -= w;
        }
        0
    }

    /// Two or three characters; half the customers share a dozen surnames.
    pub fn write_name(&self, id: u32, out: &mut String) {
        let mut d = Digits(hash(self.seed ^ 0x4A3E, u64::from(id)));
        let surnames = if d.take(2) == 0 { COMMON_SURNAMES } else { SURNAMES.len() as u64 };
        out.push_str(SURNAMES[d.take(surnames) as usize]);
        out.push_str(GIVEN[d.take(GIVEN.len() as u64) as usize]);
        if d.take(3) != 0 {
            out.push_str(GIVEN[d.take(GIVEN.len() as u64) as usize]);
        }
    }

    /// An 11-digit mobile starting 13, 15 or 18, unique per id.
    pub fn write_phone(&self, id: u32, out: &mut String) {
        let h = hash(self.seed ^ 0x9403, u64::from(id));
        let prefix = ["13", "15", "18"][(h % 3) as usize];
        let low = (u64::from(id) * PHONE_MULTIPLIER + self.phone_offset) % PHONE_SPACE;
        let _ = write!(out, "{prefix}{}{low:08}", h / 3 % 10);
    }

    /// `上海市浦东新区张杨路1200弄5号302室`, in a district of the customer's region.
    pub fn write_address(&self, id: u32, out: &mut String) {
        let mut d = Digits(hash(self.seed ^ 0xADD7, u64::from(id)));
        let all = districts(self.region(id));
        let district = &all[d.take(all.len() as u64) as usize];
        let road = district.roads[d.take(district.roads.len() as u64) as usize];
        let number = 1 + d.take(2999);
        let _ = write!(out, "上海市{}{road}{number}", district.name);
        if d.take(5) == 0 {
            out.push('号');
        } else {
            let (building, floor, room) = (1 + d.take(60), 1 + d.take(30), 1 + d.take(4));
            let _ = write!(out, "弄{building}号{floor}{room:02}室");
        }
    }
}
