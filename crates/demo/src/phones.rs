//! Mobile and landline numbers, unique by construction: a number slot is
//! spread over the mainland prefixes by their popularity, then the eight
//! trailing digits come from a keyed permutation of the prefix's 10^8 numbers.

use crate::apportion::Apportion;
use crate::permute::{Permutation, mix};

/// Mainland mobile prefixes with a rough share of subscribers: China Mobile's
/// 13x and 15x are the oldest and most common among car owners, then the 18x,
/// 17x and 19x ranges of all three carriers.
#[rustfmt::skip]
const MOBILE_PREFIXES: &[(u16, u64)] = &[
    // China Mobile
    (134, 5), (135, 7), (136, 7), (137, 8), (138, 10), (139, 10), (147, 1), (150, 6), (151, 5), (152, 4),
    (157, 2), (158, 6), (159, 6), (178, 2), (182, 4), (183, 3), (184, 1), (187, 5), (188, 5), (195, 1),
    (198, 2),
    // China Unicom
    (130, 4), (131, 4), (132, 4), (155, 3), (156, 4), (166, 1), (175, 1), (176, 2), (185, 4), (186, 6),
    (196, 1),
    // China Telecom
    (133, 4), (153, 3), (173, 2), (177, 2), (180, 3), (181, 3), (189, 5), (191, 1), (193, 1), (199, 2),
];

const SUFFIXES: u64 = 100_000_000;

/// Landline local numbers: eight digits, starting 5, 6 or 8 as most city
/// numbers do; the seven after the first come from the customer's index.
const LANDLINE_FIRST_DIGITS: [u64; 3] = [5, 6, 8];
const LANDLINE_REST: u64 = 10_000_000;

#[derive(Debug, Clone)]
pub(crate) struct PhoneBook {
    prefixes: Apportion,
    key: u64,
}

impl PhoneBook {
    pub(crate) fn new(seed: u64) -> Self {
        let prefixes = Apportion::new(MOBILE_PREFIXES.iter().map(|&(_, weight)| (SUFFIXES, weight)));
        Self { prefixes, key: mix(seed ^ 0x0070_686F_6E65) }
    }

    /// How many distinct mobile numbers there are to give out.
    pub(crate) fn mobile_capacity(&self) -> u64 {
        self.prefixes.capacity()
    }

    /// The mobile number in `slot`: distinct slots give distinct numbers.
    pub(crate) fn mobile(&self, slot: u64) -> String {
        let (part, number) = self.prefixes.locate(self.key, slot);
        let prefix = MOBILE_PREFIXES[part].0;
        let suffix = Permutation::new(SUFFIXES, mix(self.key ^ u64::from(prefix))).apply(number);
        format!("{prefix}{suffix:08}")
    }

    /// How many customers can have a landline of their own.
    pub(crate) fn landline_capacity() -> u64 {
        LANDLINE_FIRST_DIGITS.len() as u64 * LANDLINE_REST
    }

    /// A landline for customer `index` in the city of `area_code`, unique
    /// whatever the city because the local number alone is.
    pub(crate) fn landline(&self, index: u64, area_code: &str) -> String {
        let local = Permutation::new(Self::landline_capacity(), self.key ^ 0x1A4D).apply(index);
        let first = LANDLINE_FIRST_DIGITS[(local / LANDLINE_REST) as usize];
        format!("{area_code}-{first}{:07}", local % LANDLINE_REST)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use caredesk_domain::validate;
    use std::collections::HashSet;

    #[test]
    fn mobiles_are_valid_and_distinct_even_far_out() {
        let book = PhoneBook::new(42);
        assert!(book.mobile_capacity() >= 2 * crate::MAX_CUSTOMERS as u64);
        let far = 2 * crate::MAX_CUSTOMERS as u64 - 50_000;
        let mut seen = HashSet::new();
        for slot in (0..50_000).chain(far..far + 50_000) {
            let mobile = book.mobile(slot);
            assert_eq!(validate::mobile("m", &mobile).unwrap(), mobile);
            assert!(seen.insert(mobile), "slot {slot} repeats a number");
        }
    }

    #[test]
    fn popular_prefixes_come_up_more_often() {
        let book = PhoneBook::new(7);
        let count = |prefix: &str| (0..20_000).filter(|&s| book.mobile(s).starts_with(prefix)).count();
        assert!(count("139") > 3 * count("199"));
    }

    #[test]
    fn landlines_are_valid_and_distinct() {
        let book = PhoneBook::new(42);
        assert!(PhoneBook::landline_capacity() >= crate::MAX_CUSTOMERS as u64);
        let mut seen = HashSet::new();
        for index in 0..20_000 {
            let area = if index % 2 == 0 { "010" } else { "0431" };
            let phone = book.landline(index, area);
            assert_eq!(validate::phone("p", &phone).unwrap(), phone);
            assert!(seen.insert(phone[phone.len() - 8..].to_owned()));
        }
    }
}
