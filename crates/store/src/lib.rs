//! CareDesk's store: one SQLite file, opened with WAL, foreign keys and a busy
//! timeout, migrated on open. One module per table or aggregate; reads take a
//! `&Connection`, writes a `&Transaction`, so a write is all-or-nothing.
//!
//! Architecture invariant: no Tauri, no async. The shell runs these functions
//! on a blocking thread.

pub mod audit;
pub mod backup;
pub mod customers;
pub mod db;
pub mod error;
pub mod migrations;
pub mod preferences;
pub mod search;
pub mod settings;
mod sql;
pub mod staff;
pub mod vehicles;

pub use db::Db;
pub use error::StoreError;

/// The moment a write happens, as the shell's clock saw it: the instant is
/// stored (UTC), the local date is what "today" means for validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    pub instant: chrono::DateTime<chrono::Utc>,
    pub today: chrono::NaiveDate,
}

impl Now {
    /// The system clock, with the machine's time zone for "today".
    pub fn system() -> Now {
        Now { instant: chrono::Utc::now(), today: chrono::Local::now().date_naive() }
    }
}
