//! Demo data for CareDesk: the customer archive (DOMAIN.md §2) of a believable
//! FAW-Volkswagen / FAW Audi 4S shop, for the demo and screenshots, and the
//! same kind of records by the million for benchmarks.
//!
//! Every record passes the domain's validation on the given `today`. The
//! identifiers the store keeps unique (mobiles and further phones, plates,
//! VINs) are unique *by construction*: each is a keyed bijection of the
//! customer's index (see `permute` and `apportion`), so customer `i` is a pure
//! function of `(seed, today, i)` and nothing has to remember what was issued.
//!
//! Architecture invariant: the records are made without I/O and without a
//! clock; `today` is an argument, so a test can pin the archive to a date.
//! Only `seed` (with the past in `history` and the present in `service`)
//! writes, and only through the store's own functions, never with SQL of its
//! own, each step at the moment it would have happened.

mod apportion;
mod customers;
mod history;
mod names;
mod permute;
mod phones;
mod pick;
mod plates;
mod regions;
mod seed;
mod service;
mod vehicles;
mod vins;

pub use seed::{CUSTOMERS, SEED, STAFF, password, seed};

use caredesk_domain::archive::NewCustomer;
use chrono::NaiveDate;

use crate::customers::Dealership;

/// The most customers whose phones, plates and VINs are guaranteed unique.
/// (A real dealership has a few thousand; benchmarks go to a million.)
pub const MAX_CUSTOMERS: usize = 5_000_000;

/// The demo dealership: `count` customers (the app uses 300), deterministic for a seed.
///
/// It is the start of [`synthetic`] for the same seed and date, so the demo and
/// the benchmarks exercise one generator with one set of realism rules.
///
/// # Panics
/// If `count` exceeds [`MAX_CUSTOMERS`].
pub fn dealership(seed: u64, count: usize, today: NaiveDate) -> Vec<NewCustomer> {
    synthetic(seed, count, today).collect()
}

/// A large synthetic archive for benchmarks, generated lazily: customer `i` is a pure function of (seed, i),
/// so 1,000,000 can be streamed without holding them in memory.
///
/// Mobiles, further phones, plates and VINs never repeat within one seed, up
/// to [`MAX_CUSTOMERS`]. Proportions (offices, plate patterns) stay realistic
/// for the first million or so customers; beyond that they flatten while every
/// identifier stays valid and unique.
///
/// # Panics
/// If `count` exceeds [`MAX_CUSTOMERS`]: past it, uniqueness is no longer guaranteed.
pub fn synthetic(seed: u64, count: usize, today: NaiveDate) -> impl Iterator<Item = NewCustomer> {
    assert!(count <= MAX_CUSTOMERS, "at most {MAX_CUSTOMERS} customers have unique phones, plates and VINs");
    let dealership = Dealership::new(seed, today);
    debug_assert!(dealership.capacity() >= MAX_CUSTOMERS as u64);
    (0..count as u64).map(move |i| dealership.customer(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_numbering_plan_holds_the_largest_archive() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 15).unwrap();
        assert!(Dealership::new(0, today).capacity() >= MAX_CUSTOMERS as u64);
    }
}
