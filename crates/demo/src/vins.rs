//! Vehicle identification numbers (ISO 3779 / GB 16735): the maker's WMI, the
//! model's descriptor, the check digit in place 9, the model-year code, an
//! assembly plant and a serial. Plant and serial come from a keyed permutation
//! of the vehicle slot, so no two vehicles share a VIN whatever their model.

use caredesk_domain::validate::vin_check_digit;

use crate::permute::{Permutation, mix};

/// Model-year codes (place 10) repeat every 30 years: 1980 and 2010 are A,
/// 2001 is 1, 2030 is Y; I, O, Q, U, Z and 0 are never used.
const YEAR_CODES: &[u8; 30] = b"ABCDEFGHJKLMNPRSTVWXY123456789";

/// Place 11: the assembly plant, here a digit.
const PLANTS: u64 = 10;
/// Places 12–17: six-digit serials.
const SERIALS: u64 = 1_000_000;

/// How many vehicles can have distinct VINs.
pub(crate) const CAPACITY: u64 = PLANTS * SERIALS;

pub(crate) fn year_code(year: i32) -> char {
    char::from(YEAR_CODES[(year - 1980).rem_euclid(30) as usize])
}

#[derive(Debug, Clone)]
pub(crate) struct VinRegistry {
    key: u64,
}

impl VinRegistry {
    pub(crate) fn new(seed: u64) -> Self {
        Self { key: mix(seed ^ 0x0076_696E) }
    }

    /// The VIN of vehicle `slot`, a `descriptor` (places 4–8) of `wmi`'s model
    /// built for `model_year`.
    pub(crate) fn vin(&self, slot: u64, wmi: &str, descriptor: &str, model_year: i32) -> String {
        let number = Permutation::new(CAPACITY, self.key).apply(slot);
        let (plant, serial) = (number / SERIALS, number % SERIALS);
        let mut vin = format!("{wmi}{descriptor}0{}{plant}{serial:06}", year_code(model_year));
        // Place 9 weighs nothing in the sum, so the placeholder does not matter.
        if let Some(check) = vin_check_digit(&vin) {
            vin.replace_range(8..9, check.encode_utf8(&mut [0; 4]));
        }
        vin
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use caredesk_domain::validate;
    use std::collections::HashSet;

    #[test]
    fn model_year_codes_follow_the_standard_table() {
        let codes: String = (2010..=2030).map(year_code).collect();
        assert_eq!(codes, "ABCDEFGHJKLMNPRSTVWXY");
        assert_eq!(year_code(2009), '9');
        assert_eq!(year_code(2001), '1');
        assert_eq!(year_code(2031), '1');
        assert_eq!(year_code(1980), 'A');
    }

    #[test]
    fn vins_carry_their_check_digit_and_never_repeat() {
        let registry = VinRegistry::new(9);
        let slots = 2 * crate::MAX_CUSTOMERS as u64;
        assert!(CAPACITY >= slots);
        let mut seen = HashSet::new();
        for slot in (0..50_000).chain(slots - 50_000..slots) {
            let vin = registry.vin(slot, "LFV", "3A23C", 2021);
            assert_eq!(vin.len(), 17);
            assert_eq!(&vin[9..10], "M");
            assert_eq!(validate::vin("vin", &vin, false).unwrap(), vin);
            assert!(seen.insert(vin));
        }
    }
}
