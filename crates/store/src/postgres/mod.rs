//! Team mode's engine: the dealership's PostgreSQL 15+ server, which every desk
//! works on at once. The store stays synchronous (the shell runs it on a
//! blocking thread), so it uses the synchronous `postgres` client.
//!
//! Here: connecting; the schema — the same numbered migrations as the embedded
//! SQLite file's, in PostgreSQL's dialect (`migrations/postgres/`); moving a
//! desk's file up (`copy`); the server's backups (`dump`, with the client tools
//! in `tools`); and `Server`, what `Db` is for the file, on which
//! the store functions written against `crate::engine` run.

pub mod copy;
pub mod dump;
pub mod migrations;
pub mod testing;
pub mod tools;

use std::cell::{RefCell, RefMut};
use std::time::Duration;

pub use ::postgres::{Client, Config};

use crate::engine::{Dialect, Params, PgRead, PgWrite, Read, Row};
use crate::error::Result;

/// How long a desk waits for the server before it says it cannot be reached.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a server may leave what a desk sent unacknowledged before the
/// connection counts as lost.
pub const LOST_AFTER: Duration = Duration::from_secs(15);

/// Connects with `config`, waiting at most `CONNECT_TIMEOUT` unless the config says otherwise.
pub fn connect(config: &Config) -> Result<Client> {
    let mut config = config.clone();
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    if config.get_application_name().is_none() {
        config.application_name("CareDesk");
    }
    // A server that stops answering mid-command (a pulled cable, a powered-off
    // switch) fails the command within seconds as `Unavailable`, instead of the
    // operating system's minutes; where TCP_USER_TIMEOUT does not exist it has no effect.
    if config.get_tcp_user_timeout().is_none() {
        config.tcp_user_timeout(LOST_AFTER);
    }
    if config.get_keepalives_idle() == Duration::from_secs(2 * 60 * 60) {
        config.keepalives_idle(Duration::from_secs(30));
    }
    // A desk's queries read a few rows each: starting parallel workers costs
    // more than it saves, and many desks would compete for them.
    let options = config.get_options().map(|o| format!("{o} ")).unwrap_or_default();
    config.options(&format!("{options}-c max_parallel_workers_per_gather=0"));
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

/// How many times a write that lost a conflict with another desk's (a deadlock,
/// a serialization failure) is run again before its error is given back.
pub const WRITE_ATTEMPTS: u32 = 5;

/// A desk's connection to the dealership's server: what `Db` is for the file.
///
/// A connection lost mid-work makes that command fail as `Unavailable` (nothing
/// of it was saved: its transaction never committed); the next command connects
/// again, so a desk carries on after a network blip or a server restart.
pub struct Server {
    config: Config,
    client: RefCell<Client>,
}

impl Server {
    /// Connects and brings the schema up to date (or refuses a newer or a foreign one).
    pub fn open(config: &Config) -> Result<Server> {
        let mut client = connect(config)?;
        check_character_type(&mut client)?;
        migrations::migrate(&mut client)?;
        Ok(Server { config: config.clone(), client: RefCell::new(client) })
    }

    /// Where this desk connects (without the password, which `Config` never prints).
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The connection, made again if it was lost.
    fn client(&self) -> Result<RefMut<'_, Client>> {
        let mut client = self.client.borrow_mut();
        if client.is_closed() {
            *client = connect(&self.config)?;
        }
        Ok(client)
    }

    /// Reads outside a transaction.
    pub fn read<T>(&mut self, f: impl FnOnce(&PgRead<'_>) -> Result<T>) -> Result<T> {
        let mut client = self.client()?;
        f(&PgRead::new(&mut client))
    }

    /// Runs `f` in a transaction: committed if it succeeds, rolled back (nothing
    /// written) if it fails. A deadlock or serialization failure with another
    /// desk's write runs `f` again, at most `WRITE_ATTEMPTS` times in all
    /// (it waits for the other desk's locks); the user never sees that conflict.
    pub fn write<T>(&mut self, mut f: impl FnMut(&PgWrite<'_>) -> Result<T>) -> Result<T> {
        let mut attempt = 1;
        loop {
            let result: Result<T> = (|| {
                let mut client = self.client()?;
                let tx = PgWrite::new(client.transaction()?);
                let out = f(&tx)?;
                tx.commit()?;
                Ok(out)
            })();
            match result {
                // The other desk's transaction keeps its locks until it ends, so
                // the write run again waits for it there: no pause is needed.
                Err(error) if error.is_retryable() && attempt < WRITE_ATTEMPTS => attempt += 1,
                result => return result,
            }
        }
    }
}

/// Reads straight on the server's connection, outside a transaction, so a
/// `Server` reads wherever a `&Connection` does on the file.
impl Read for Server {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn rows(&self, sql: &str, params: Params<'_>) -> Result<Vec<Row>> {
        let mut client = self.client()?;
        PgRead::new(&mut client).rows(sql, params)
    }

    fn each(&self, sql: &str, params: Params<'_>, f: &mut dyn FnMut(&Row) -> Result<()>) -> Result<()> {
        let mut client = self.client()?;
        PgRead::new(&mut client).each(sql, params, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::StoreError;

    fn server() -> Option<(testing::TestDatabase, Server)> {
        let Some(database) = testing::TestDatabase::create() else {
            eprintln!("skipped: no PostgreSQL test cluster ({})", testing::URL_VARIABLE);
            return None;
        };
        let server = Server::open(database.config()).unwrap();
        Some((database, server))
    }

    #[test]
    fn a_lost_connection_fails_one_command_as_unavailable_and_the_next_connects_again() {
        use crate::engine::{Read, Write};
        let Some((database, mut server)) = server() else { return };
        server.write(|tx| tx.run("CREATE TABLE notes (n BIGINT)", &[])).unwrap();
        // The server ends this desk's session (as a restart or a dropped network does).
        let pid: i32 = server
            .read(|c| c.one("SELECT pg_backend_pid()::bigint AS pid", &[])?.get::<i64>("pid"))
            .unwrap() as i32;
        database.client().execute("SELECT pg_terminate_backend($1)", &[&pid]).unwrap();
        let lost = server.write(|tx| tx.run("INSERT INTO notes VALUES (1)", &[]));
        assert!(matches!(lost, Err(StoreError::Unavailable { .. })), "{lost:?}");
        assert_eq!(lost.unwrap_err().issues()[0].kind, caredesk_domain::ErrorKind::Unavailable);
        // The next command reconnects; the failed one saved nothing.
        server.write(|tx| tx.run("INSERT INTO notes VALUES (2)", &[])).unwrap();
        let rows: Vec<i64> = server
            .read(|c| c.rows("SELECT n FROM notes", &[])?.iter().map(|r| r.get("n")).collect())
            .unwrap();
        assert_eq!(rows, [2]);
    }

    #[test]
    fn a_deadlock_between_two_desks_is_run_again_and_both_writes_land() {
        use std::sync::{Arc, Barrier};

        use crate::engine::Write;
        let Some((database, mut first)) = server() else { return };
        first
            .write(|tx| {
                tx.run("CREATE TABLE counters (id BIGINT PRIMARY KEY, n BIGINT NOT NULL)", &[])?;
                tx.run("INSERT INTO counters VALUES (1, 0), (2, 0)", &[])
            })
            .unwrap();
        let mut second = Server::open(database.config()).unwrap();
        // Each desk locks one row, waits for the other to lock the other row, then
        // asks for the other's: one of them is chosen as the deadlock's victim.
        let barrier = Arc::new(Barrier::new(2));
        let desk = |server: &mut Server, a: i64, b: i64, barrier: Arc<Barrier>| {
            let mut attempts = 0;
            server.write(|tx| {
                attempts += 1;
                tx.run("UPDATE counters SET n = n + 1 WHERE id = ?1", rusqlite::params![a])?;
                if attempts == 1 {
                    barrier.wait();
                }
                tx.run("UPDATE counters SET n = n + 1 WHERE id = ?1", rusqlite::params![b])
            })?;
            Ok::<_, StoreError>(attempts)
        };
        let other = {
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || desk(&mut second, 2, 1, barrier))
        };
        let mine = desk(&mut first, 1, 2, barrier).unwrap();
        let theirs = other.join().unwrap().unwrap();
        // The deadlock's victim ran again (on a loaded machine PostgreSQL may, rarely,
        // pick both desks' transactions, and then both ran again).
        assert!(mine + theirs >= 3, "a deadlock's victim runs again: {mine} + {theirs} attempts");
        let total: i64 = database
            .client()
            .query_one("SELECT sum(n)::bigint AS total FROM counters", &[])
            .unwrap()
            .get("total");
        assert_eq!(total, 4);
    }

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
