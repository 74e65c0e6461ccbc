//! A tiny deterministic PRNG (SplitMix64) and a stateless hash, so generated
//! ledgers are the same bytes for the same seed on every machine.
//!
//! Integer-only on purpose: no floating point, so no platform differences.

/// SplitMix64: fast, good enough for test data, and fully reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        finalize(self.0)
    }

    /// Uniform in `0..n` (`n > 0`), by the multiply-shift method.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `per_mille / 1000`.
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// An index chosen with the given integer weights.
    pub fn weighted(&mut self, weights: &[u64]) -> usize {
        let mut roll = self.below(weights.iter().sum());
        for (i, &w) in weights.iter().enumerate() {
            if roll < w {
                return i;
            }
            roll -= w;
        }
        weights.len() - 1
    }
}

/// A stateless hash of `(seed, key)`: the stable attributes of a customer or
/// rep (name, address, region) come from it, so nothing is stored per id.
pub fn hash(seed: u64, key: u64) -> u64 {
    finalize(seed.wrapping_mul(0xD6E8_FEB8_6659_FD93) ^ key.wrapping_add(0x9E37_79B9_7F4A_7C15))
}

fn finalize(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Successive small draws from one hash value.
pub struct Digits(pub u64);

impl Digits {
    /// Uniform-ish in `0..n` for small `n`, consuming part of the hash.
    pub fn take(&mut self, n: u64) -> u64 {
        let v = self.0 % n;
        self.0 /= n;
        v
    }
}
