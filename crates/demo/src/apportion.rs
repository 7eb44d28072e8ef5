//! Sharing one numbering space among parts of unequal popularity (mobile
//! prefixes, plate issuing offices, plate patterns) without ever handing out a
//! number twice.

use crate::permute::{Permutation, mix};

/// Maps an index to `(part, number within the part)` injectively, so that parts
/// come up in proportion to their weights and each part is filled from 0
/// upward (which lets a second `Apportion` split a part's numbers further and
/// still see realistic proportions).
///
/// Indices are dealt in rounds of `total weight`: each round gives every part
/// exactly its weight's worth of numbers, in an order shuffled per round. When
/// the smallest part (relative to its weight) is full, the remaining numbers of
/// every part are handed out in proportion to what is left: still unique and
/// valid, only less true to the weights.
#[derive(Debug, Clone)]
pub(crate) struct Apportion {
    parts: Vec<Part>,
    total_weight: u64,
    rounds: u64,
    leftover: u64,
}

#[derive(Debug, Clone, Copy)]
struct Part {
    weight: u64,
    /// Where this part's share starts within a round.
    weight_start: u64,
    /// Numbers left once the weighted rounds are used up.
    leftover: u64,
    leftover_start: u64,
}

impl Apportion {
    /// `parts` are `(size, weight)`; every weight must be at least 1 and no
    /// larger than its size.
    pub(crate) fn new(parts: impl IntoIterator<Item = (u64, u64)>) -> Self {
        let sized: Vec<(u64, u64)> = parts.into_iter().collect();
        debug_assert!(sized.iter().all(|&(size, weight)| weight >= 1 && weight <= size));
        let rounds = sized.iter().map(|&(size, weight)| size / weight.max(1)).min().unwrap_or(0);
        let mut parts = Vec::with_capacity(sized.len());
        let (mut weight_start, mut leftover_start) = (0, 0);
        for (size, weight) in sized {
            let leftover = size - rounds * weight;
            parts.push(Part { weight, weight_start, leftover, leftover_start });
            weight_start += weight;
            leftover_start += leftover;
        }
        Self { parts, total_weight: weight_start, rounds, leftover: leftover_start }
    }

    /// How many indices map to distinct numbers.
    pub(crate) fn capacity(&self) -> u64 {
        self.rounds * self.total_weight + self.leftover
    }

    /// How many indices keep the weighted proportions.
    #[cfg(test)]
    pub(crate) fn weighted_capacity(&self) -> u64 {
        self.rounds * self.total_weight
    }

    /// The part and the number within it for `index` (below [`Self::capacity`]).
    pub(crate) fn locate(&self, key: u64, index: u64) -> (usize, u64) {
        debug_assert!(index < self.capacity(), "{index} is beyond {}", self.capacity());
        let weighted = self.rounds * self.total_weight;
        if index < weighted {
            let (round, within) = (index / self.total_weight, index % self.total_weight);
            let at = Permutation::new(self.total_weight, mix(key ^ round)).apply(within);
            let i = self.parts.partition_point(|p| p.weight_start + p.weight <= at);
            let part = self.parts[i];
            (i, round * part.weight + (at - part.weight_start))
        } else {
            let at = Permutation::new(self.leftover, key).apply(index - weighted);
            let i = self.parts.partition_point(|p| p.leftover_start + p.leftover <= at);
            let part = self.parts[i.min(self.parts.len() - 1)];
            (i, self.rounds * part.weight + (at - part.leftover_start))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_index_gets_its_own_number_even_past_the_weighted_rounds() {
        let sizes = [(50, 5), (30, 1), (7, 2), (100, 10)];
        let apportion = Apportion::new(sizes);
        assert_eq!(apportion.capacity(), 187);
        assert_eq!(apportion.weighted_capacity(), 3 * 18);
        let mut seen = HashSet::new();
        for index in 0..apportion.capacity() {
            let (part, number) = apportion.locate(7, index);
            assert!(number < sizes[part].0, "{index} -> {part}/{number}");
            assert!(seen.insert((part, number)), "{index} -> {part}/{number} twice");
        }
    }

    #[test]
    fn parts_come_up_in_proportion_and_fill_from_zero() {
        let apportion = Apportion::new([(1_000_000, 60), (1_000_000, 30), (1_000_000, 10)]);
        let mut counts = [0u64; 3];
        let mut highest = [0u64; 3];
        for index in 0..10_000 {
            let (part, number) = apportion.locate(1, index);
            counts[part] += 1;
            highest[part] = highest[part].max(number);
        }
        assert_eq!(counts, [6_000, 3_000, 1_000]);
        assert_eq!(highest, [5_999, 2_999, 999]);
        // The first round is not simply the parts in order.
        let first: Vec<usize> = (0..10).map(|i| apportion.locate(1, i).0).collect();
        assert_ne!(first, [0, 0, 0, 0, 0, 0, 1, 1, 1, 2]);
    }
}
