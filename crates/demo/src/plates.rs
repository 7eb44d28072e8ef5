//! Licence plates (车牌号), unique by construction. A vehicle slot is first
//! spread over the issuing offices by their weight, then (for blue plates) over
//! serial patterns, and finally a keyed permutation picks the serial within
//! the pattern. Blue and green plates differ in length, so the two series can
//! never collide; battery (D) and plug-in hybrid (F) green plates differ in
//! their energy letter.

use crate::apportion::Apportion;
use crate::permute::{Permutation, mix};
use crate::regions::{OFFICES, Office};

/// Serial letters: the alphabet without I and O, which read as 1 and 0.
const LETTERS: &[u8; 24] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
/// Serial characters of a green plate's second place: a letter or a digit.
const LETTERS_AND_DIGITS: &[u8; 34] = b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// Blue-plate serials (five characters) by how many letters they hold, with a
/// rough share of plates on the road: all-digit serials ran out long ago, and
/// newer plates carry one or two letters (self-chosen numbers allow at most two).
const PATTERNS: [(u64, u64); 3] = [
    (100_000, 12),              // 12345
    (5 * 24 * 10_000, 48),      // 1K234, A1234 …
    (10 * 24 * 24 * 1_000, 40), // 1K2M3, AB123 …
];
const ORDINARY_SERIALS: u64 = PATTERNS[0].0 + PATTERNS[1].0 + PATTERNS[2].0;

/// Green small-vehicle serials: energy letter, a letter or digit, four digits.
const NEV_SERIALS: u64 = 34 * 10_000;

/// The two places of a five-character serial that hold letters, for each
/// two-letter pattern.
const LETTER_PAIRS: [(usize, usize); 10] =
    [(0, 1), (0, 2), (0, 3), (0, 4), (1, 2), (1, 3), (1, 4), (2, 3), (2, 4), (3, 4)];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GreenPlate {
    /// Battery-electric: D.
    Battery,
    /// Plug-in hybrid: F.
    PlugIn,
}

pub(crate) struct Plate {
    pub(crate) text: String,
    pub(crate) office: &'static Office,
}

#[derive(Debug, Clone)]
pub(crate) struct PlateRegistry {
    offices: Apportion,
    green_offices: Apportion,
    patterns: Apportion,
    key: u64,
}

impl PlateRegistry {
    pub(crate) fn new(seed: u64) -> Self {
        Self {
            offices: Apportion::new(OFFICES.iter().map(|o| (ORDINARY_SERIALS, u64::from(o.weight)))),
            green_offices: Apportion::new(OFFICES.iter().map(|o| (NEV_SERIALS, u64::from(o.nev_weight)))),
            patterns: Apportion::new(PATTERNS),
            key: mix(seed ^ 0x0070_6C61_7465),
        }
    }

    /// How many vehicle slots get distinct plates of either colour.
    pub(crate) fn capacity(&self) -> u64 {
        self.offices.capacity().min(self.green_offices.capacity())
    }

    /// The blue plate for vehicle `slot`.
    pub(crate) fn ordinary(&self, slot: u64) -> Plate {
        let (office, number) = self.offices.locate(self.key, slot);
        let office_key = mix(self.key ^ office as u64);
        let (pattern, number) = self.patterns.locate(office_key, number);
        let serial = Permutation::new(PATTERNS[pattern].0, mix(office_key ^ pattern as u64)).apply(number);
        let mut chars = [b'0'; 5];
        match pattern {
            0 => write_digits(&mut chars, &[], serial),
            1 => {
                let (place, rest) = (serial / (24 * 10_000), serial % (24 * 10_000));
                let place = place as usize;
                chars[place] = LETTERS[(rest / 10_000) as usize];
                write_digits(&mut chars, &[place], rest % 10_000);
            }
            _ => {
                let (pair, rest) = (serial / (24 * 24 * 1_000), serial % (24 * 24 * 1_000));
                let (a, b) = LETTER_PAIRS[pair as usize];
                chars[a] = LETTERS[(rest / (24 * 1_000)) as usize];
                chars[b] = LETTERS[(rest / 1_000 % 24) as usize];
                write_digits(&mut chars, &[a, b], rest % 1_000);
            }
        }
        Plate { text: plate_text(OFFICES[office].prefix, &chars), office: &OFFICES[office] }
    }

    /// The green plate for vehicle `slot`, e.g. 京AD12345 or 粤BDK3721.
    pub(crate) fn new_energy(&self, slot: u64, kind: GreenPlate) -> Plate {
        let (office, number) = self.green_offices.locate(self.key ^ 0x6E65, slot);
        let serial = Permutation::new(NEV_SERIALS, mix(self.key ^ 0x6E65 ^ office as u64)).apply(number);
        let energy = match kind {
            GreenPlate::Battery => b'D',
            GreenPlate::PlugIn => b'F',
        };
        let second = LETTERS_AND_DIGITS[(serial / 10_000) as usize];
        let digits = format!("{:04}", serial % 10_000);
        let mut chars = vec![energy, second];
        chars.extend_from_slice(digits.as_bytes());
        Plate { text: plate_text(OFFICES[office].prefix, &chars), office: &OFFICES[office] }
    }
}

/// Fills the places of `chars` not in `letters` with the decimal digits of `n`.
fn write_digits(chars: &mut [u8; 5], letters: &[usize], mut n: u64) {
    for place in (0..5).rev().filter(|p| !letters.contains(p)) {
        chars[place] = b'0' + (n % 10) as u8;
        n /= 10;
    }
}

fn plate_text(prefix: &str, serial: &[u8]) -> String {
    let mut text = String::with_capacity(prefix.len() + serial.len());
    text.push_str(prefix);
    text.extend(serial.iter().map(|&b| char::from(b)));
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use caredesk_domain::validate;
    use std::collections::HashSet;

    #[test]
    fn plates_are_valid_and_distinct_even_far_out() {
        let registry = PlateRegistry::new(3);
        let slots = 2 * crate::MAX_CUSTOMERS as u64;
        assert!(registry.capacity() >= slots);
        let mut seen = HashSet::new();
        for slot in (0..40_000).chain(slots - 40_000..slots) {
            for plate in [
                registry.ordinary(slot),
                registry.new_energy(slot, GreenPlate::Battery),
                registry.new_energy(slot, GreenPlate::PlugIn),
            ] {
                assert_eq!(validate::plate("plate", &plate.text).unwrap(), plate.text);
                assert!(plate.text.starts_with(plate.office.prefix));
                assert!(seen.insert(plate.text.clone()), "{} twice", plate.text);
            }
        }
    }

    #[test]
    fn changchun_leads_and_blue_serials_mostly_carry_letters() {
        let registry = PlateRegistry::new(3);
        let plates: Vec<String> = (0..10_000).map(|s| registry.ordinary(s).text).collect();
        let changchun = plates.iter().filter(|p| p.starts_with("吉A")).count();
        assert!((3_000..4_000).contains(&changchun), "{changchun}");
        let all_digits = plates.iter().filter(|p| p.chars().skip(2).all(|c| c.is_ascii_digit())).count();
        assert!((900..1_500).contains(&all_digits), "{all_digits}");
    }
}
