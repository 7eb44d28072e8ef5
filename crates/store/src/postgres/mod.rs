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

/// Under the C (or POSIX) character type `pg_trgm` skips every Chinese
/// character, so a name could only be found by reading the whole archive.
fn check_character_type(client: &mut Client) -> Result<()> {
    let row = client.query_one(
        "SELECT datname::text AS name, datctype::text AS ctype FROM pg_database WHERE datname = current_database()",
        &[],
    )?;
    let (database, ctype): (String, String) = (row.get("name"), row.get("ctype"));
    if matches!(ctype.as_str(), "C" | "POSIX") {
        return Err(crate::error::StoreError::UnsuitableDatabase {
            database,
            reason: format!(
                "its character type is {ctype}, under which Chinese cannot be searched; \
                 create it with LC_CTYPE and LC_COLLATE 'C.UTF-8'"
            ),
        });
    }
    Ok(())
}

/// A desk's connection to the dealership's server: what `Db` is for the file.
pub struct Server {
    client: Client,
}

impl Server {
    /// Connects and brings the schema up to date (or refuses a newer or a foreign one).
    pub fn open(config: &Config) -> Result<Server> {
        let mut client = connect(config)?;
        check_character_type(&mut client)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::StoreError;

    #[test]
    fn a_database_where_chinese_cannot_be_indexed_is_refused_by_name() {
        let Some(database) =
            testing::TestDatabase::create_with("TEMPLATE template0 LC_CTYPE 'C' LC_COLLATE 'C'")
        else {
            eprintln!("skipped: no PostgreSQL test cluster ({})", testing::URL_VARIABLE);
            return;
        };
        let Err(error) = Server::open(database.config()) else { panic!("a C database was accepted") };
        assert!(
            matches!(&error, StoreError::UnsuitableDatabase { database: name, .. } if name.starts_with("caredesk_test_")),
            "{error}"
        );
        assert!(error.to_string().contains("C.UTF-8"), "{error}");
        // Nothing was written into it.
        let tables: i64 = database
            .client()
            .query_one(
                "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema()",
                &[],
            )
            .unwrap()
            .get("n");
        assert_eq!(tables, 0);
    }
}
