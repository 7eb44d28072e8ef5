//! Money is stored and computed in integer fen (1 yuan = 100 fen); only the UI
//! formats it, in the user's locale.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An amount of money in fen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct Fen(#[ts(type = "number")] pub i64);

impl Fen {
    /// The amount of `quantity` units at `self` each; `None` on overflow.
    pub fn times(self, quantity: i64) -> Option<Fen> {
        self.0.checked_mul(quantity).map(Fen)
    }

    pub fn checked_add(self, other: Fen) -> Option<Fen> {
        self.0.checked_add(other.0).map(Fen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_amounts_are_exact_in_fen() {
        // The seed's fuel line: 1.9 yuan x 2 x 7 x 8 x 10 = 2128 yuan, exactly.
        let fuel = Fen(190).times(2 * 7 * 8 * 10);
        assert_eq!(fuel, Some(Fen(212_800)));
        assert_eq!(Fen(i64::MAX).times(2), None);
    }
}
