//! CareDesk's store: one SQLite file, opened with WAL, foreign keys and a busy
//! timeout, migrated on open. One module per table or aggregate; reads take a
//! `&Connection`, writes a `&Transaction`, so a write is all-or-nothing.
//!
//! Architecture invariant: no Tauri, no async. The shell runs these functions
//! on a blocking thread.

pub mod audit;
pub mod backup;
pub mod campaigns;
pub mod care;
pub mod complaints;
pub mod customers;
pub mod database;
pub mod db;
pub mod engine;
pub mod error;
pub mod follow_up;
pub mod import;
mod locks;
pub mod migrations;
pub mod postgres;
pub mod preferences;
pub mod reports;
pub mod search;
pub mod settings;
mod sql;
pub mod staff;
pub mod vehicles;
mod versions;
pub mod visits;

pub use database::Database;
pub use db::{Announce, Db};
pub use error::StoreError;

/// The moment a write happens, as the shell's clock saw it: the instant is
/// stored (UTC), the local date is what "today" means for validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    pub instant: chrono::DateTime<chrono::Utc>,
    pub today: chrono::NaiveDate,
    /// The local wall-clock time: appointments and promised times are local.
    pub local: chrono::NaiveDateTime,
}

impl Now {
    /// The system clock, with the machine's time zone for "today".
    pub fn system() -> Now {
        let local = chrono::Local::now().naive_local();
        Now { instant: chrono::Utc::now(), today: local.date(), local }
    }

    /// A fixed moment in a time zone `offset_hours` east of UTC, for tests and demos.
    pub fn at(instant: chrono::DateTime<chrono::Utc>, offset_hours: i32) -> Now {
        let local = instant.naive_utc() + chrono::Duration::hours(i64::from(offset_hours));
        Now { instant, today: local.date(), local }
    }
}
