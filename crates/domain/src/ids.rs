//! Typed row ids, so a customer id can't be passed where a vehicle id is meant.
//! They cross IPC as plain numbers (SQLite rowids stay far below 2^53).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[serde(transparent)]
        pub struct $name(#[ts(type = "number")] pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// A customer (or sales lead) in the archive.
    CustomerId
);
id_type!(
    /// A vehicle in the archive; it keeps its id when its owner changes.
    VehicleId
);
id_type!(
    /// A service visit: an appointment, a walk-in, its repair order and handover.
    VisitId
);
id_type!(
    /// A line of a repair order (labour or part).
    LineId
);
id_type!(
    /// Extra work found during repair, awaiting the customer's decision.
    ExtraWorkId
);
id_type!(
    /// A follow-up call created at handover.
    FollowUpId
);
id_type!(
    /// A complaint.
    ComplaintId
);
