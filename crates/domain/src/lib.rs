//! The trade of after-sales customer care, as plain Rust: the customer archive's
//! records and the rules that decide whether a record may be saved.
//!
//! Architecture invariant: this crate does no I/O and knows nothing of SQLite,
//! Tauri or the UI. Time comes in as an argument (`today`), never from the clock,
//! so every rule can be tested on a fixed date.

pub mod archive;
pub mod audit;
pub mod board;
pub mod campaign;
pub mod care;
pub mod changes;
pub mod complaint;
pub mod error;
pub mod follow_up;
pub mod ids;
pub mod kpi;
pub mod money;
pub mod report;
pub mod server;
pub mod settings;
pub mod staff;
pub mod validate;
pub mod visit;

pub use error::{Changed, ErrorKind, Invalid, Issue, RecordRef};
pub use ids::{ComplaintId, CustomerId, ExtraWorkId, FollowUpId, LineId, VehicleId, VisitId};
pub use money::Fen;
pub use staff::{Action, Actor, Role, StaffId};
