//! Keyed bijections of `0..n`. They turn a record's index into identifiers
//! (phone numbers, plates, VINs) that look random yet can never repeat, so
//! uniqueness holds by construction instead of by remembering what was issued.

/// SplitMix64's finaliser: a fast, well-mixed hash of one word, used to derive
/// keys and per-record seeds.
pub(crate) fn mix(z: u64) -> u64 {
    let mut z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A pseudo-random permutation of `0..n`: a balanced Feistel network over the
/// smallest power of four that holds `n`, with cycle walking to stay below `n`
/// (so on average fewer than four passes). Not cryptographic, only scrambling.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Permutation {
    n: u64,
    half_bits: u32,
    key: u64,
}

impl Permutation {
    const ROUNDS: u64 = 4;

    pub(crate) fn new(n: u64, key: u64) -> Self {
        let bits = u64::BITS - n.saturating_sub(1).leading_zeros();
        Self { n, half_bits: bits.div_ceil(2).max(1), key }
    }

    /// The image of `x`; `x` must be below `n` (anything else is returned as is,
    /// because cycle walking from outside the range need not come back into it).
    pub(crate) fn apply(self, x: u64) -> u64 {
        debug_assert!(x < self.n, "{x} is outside 0..{}", self.n);
        if x >= self.n {
            return x;
        }
        let mut y = self.feistel(x);
        while y >= self.n {
            y = self.feistel(y);
        }
        y
    }

    fn feistel(self, x: u64) -> u64 {
        let mask = (1u64 << self.half_bits) - 1;
        let (mut left, mut right) = (x >> self.half_bits, x & mask);
        for round in 0..Self::ROUNDS {
            let f = mix(right ^ self.key.rotate_left(16 * round as u32) ^ round) & mask;
            (left, right) = (right, left ^ f);
        }
        (left << self.half_bits) | right
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_size_is_permuted_onto_itself() {
        for n in (1..=300).chain([1_000, 4_096, 4_097, 100_000]) {
            for key in [0, 1, 0xDEAD_BEEF] {
                let p = Permutation::new(n, key);
                let mut seen = vec![false; n as usize];
                for x in 0..n {
                    let y = p.apply(x);
                    assert!(y < n, "n={n} x={x} y={y}");
                    assert!(!seen[y as usize], "n={n}: {y} twice");
                    seen[y as usize] = true;
                }
            }
        }
    }

    #[test]
    fn keys_give_different_orders() {
        let a: Vec<u64> = (0..20).map(|x| Permutation::new(1_000_000, 1).apply(x)).collect();
        let b: Vec<u64> = (0..20).map(|x| Permutation::new(1_000_000, 2).apply(x)).collect();
        assert_ne!(a, b);
        // Consecutive inputs do not give neighbouring outputs.
        assert!(a.windows(2).all(|w| w[0].abs_diff(w[1]) > 1));
    }
}
