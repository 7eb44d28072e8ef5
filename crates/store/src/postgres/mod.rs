//! Team mode's engine: the dealership's PostgreSQL 15+ server, which every desk
//! works on at once. The store stays synchronous (the shell runs it on a
//! blocking thread), so it uses the synchronous `postgres` client.
//!
//! So far: connecting; the schema — the same numbered migrations as the
//! embedded SQLite file's, in PostgreSQL's dialect (`migrations/postgres/`);
//! and `Server`, what `Db` is for the file, on which the store functions written
//! against `crate::engine` run (staff, the audit trail, settings and preferences).

pub mod copy;
pub mod migrations;
pub mod testing;

use std::time::Duration;

pub use ::postgres::{Client, Config};

use crate::engine::{PgRead, PgWrite};
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

/// A desk's connection to the dealership's server: what `Db` is for the file.
pub struct Server {
    client: Client,
}

impl Server {
    /// Connects and brings the schema up to date (or refuses a newer or a foreign one).
    pub fn open(config: &Config) -> Result<Server> {
        let mut client = connect(config)?;
        migrations::migrate(&mut client)?;
        Ok(Server { client })
    }

    /// Reads outside a transaction.
    pub fn read<T>(&mut self, f: impl FnOnce(&PgRead<'_>) -> Result<T>) -> Result<T> {
        f(&PgRead::new(&mut self.client))
    }

    /// Runs `f` in a transaction: committed if it succeeds, rolled back (nothing
    /// written) if it fails.
    pub fn write<T>(&mut self, f: impl FnOnce(&PgWrite<'_>) -> Result<T>) -> Result<T> {
        let tx = PgWrite::new(self.client.transaction()?);
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}
