//! Random choices among fixed lists.

use rand::Rng;

/// A weighted choice among fixed items, with the running totals computed once
/// (surnames and offices are drawn millions of times in a benchmark archive).
#[derive(Debug, Clone)]
pub(crate) struct Weighted<T: 'static> {
    items: &'static [T],
    ends: Vec<u32>,
}

impl<T> Weighted<T> {
    pub(crate) fn new(items: &'static [T], weight: impl Fn(&T) -> u32) -> Self {
        let mut total = 0;
        let ends = items
            .iter()
            .map(|item| {
                total += weight(item);
                total
            })
            .collect();
        Self { items, ends }
    }

    pub(crate) fn pick(&self, rng: &mut impl Rng) -> &'static T {
        let total = self.ends.last().copied().unwrap_or(0);
        let x = rng.random_range(0..total.max(1));
        let i = self.ends.partition_point(|&end| end <= x);
        &self.items[i.min(self.items.len() - 1)]
    }
}

/// A weighted choice among a few items: small tables, or lists filtered on the spot.
pub(crate) fn weighted<'a, T>(rng: &mut impl Rng, items: &'a [T], weight: impl Fn(&T) -> u32) -> &'a T {
    let total: u32 = items.iter().map(&weight).sum();
    let mut x = rng.random_range(0..total.max(1));
    for item in items {
        let w = weight(item);
        if x < w {
            return item;
        }
        x -= w;
    }
    &items[items.len() - 1]
}

/// Any one of `items`, evenly.
pub(crate) fn one_of<'a, T>(rng: &mut impl Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// A character of `pool`, favouring the front: pools list the commonest first,
/// so 伟 and 芳 come up far more often than 睿 or 璐, as in life.
pub(crate) fn front_weighted_char(rng: &mut impl Rng, pool: &str) -> char {
    let n = pool.chars().count();
    let u: f64 = rng.random();
    let k = ((u * u) * n as f64) as usize;
    pool.chars().nth(k.min(n.saturating_sub(1))).unwrap_or('明')
}

/// `true` with probability `p`.
pub(crate) fn chance(rng: &mut impl Rng, p: f64) -> bool {
    rng.random_bool(p.clamp(0.0, 1.0))
}
