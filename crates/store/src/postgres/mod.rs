//! Team mode's engine: the dealership's PostgreSQL 15+ server, which every desk
//! works on at once. The store stays synchronous (the shell runs it on a
//! blocking thread), so it uses the synchronous `postgres` client.
//!
//! So far: connecting, and the schema — the same numbered migrations as the
//! embedded SQLite file's, in PostgreSQL's dialect (`migrations/postgres/`).

pub mod migrations;
pub mod testing;

use std::time::Duration;

pub use ::postgres::{Client, Config};

use crate::error::Result;

/// How long a desk waits for the server before it says it cannot be reached.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Connects with `config`, waiting at most `CONNECT_TIMEOUT` unless the config says otherwise.
pub fn connect(config: &Config) -> Result<Client> {
    let mut config = config.clone();
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    if config.get_application_name().is_none() {
        config.application_name("CareDesk");
    }
    Ok(config.connect(::postgres::NoTls)?)
}
