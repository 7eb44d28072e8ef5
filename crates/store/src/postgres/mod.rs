//! Team mode's engine: the dealership's PostgreSQL 15+ server, which every desk
//! works on at once. The store stays synchronous (the shell runs it on a
//! blocking thread), so it uses the synchronous `postgres` client.
//!
//! Here: connecting; the schema — the same numbered migrations as the embedded
//! SQLite file's, in PostgreSQL's dialect (`migrations/postgres/`); moving a
//! desk's file up (`copy`); the server's backups (`dump`, with the client tools
//! in `tools`); and `Server`, what `Db` is for the file, on which
//! the store functions written against `crate::engine` run.

pub mod check;
pub mod copy;
pub mod dump;
pub mod listen;
pub mod migrations;
pub mod testing;
pub mod tools;

use std::cell::{RefCell, RefMut};
use std::time::Duration;

pub use ::postgres::{Client, Config};

use caredesk_domain::server::{ServerAddress, TlsMode};

use crate::engine::{Dialect, Params, PgRead, PgWrite, Read, Row};
use crate::error::{Result, StoreError};

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
    if config.get_ssl_mode() == ::postgres::config::SslMode::Disable {
        return Ok(config.connect(::postgres::NoTls)?);
    }
    Ok(config.connect(tls()?)?)
}

/// The TLS of `prefer` and `require`, as libpq has them: encrypted, without
/// checking the server's certificate — a dealership's server has a
/// self-signed one, which no desk could check against anything.
fn tls() -> Result<postgres_native_tls::MakeTlsConnector> {
    let connector = native_tls::TlsConnector::builder()
        .danger_accept_invalid_certs(true)
        .danger_accept_invalid_hostnames(true)
        .build()
        .map_err(|e| StoreError::Tls { reason: e.to_string() })?;
    Ok(postgres_native_tls::MakeTlsConnector::new(connector))
}

/// The connection settings for `address` with its password.
pub fn config(address: &ServerAddress, password: &str) -> Config {
    let mut config = Config::new();
    config.host(&address.host).port(address.port).dbname(&address.database).user(&address.user);
    config.ssl_mode(match address.tls {
        TlsMode::Disable => ::postgres::config::SslMode::Disable,
        TlsMode::Prefer => ::postgres::config::SslMode::Prefer,
        TlsMode::Require => ::postgres::config::SslMode::Require,
    });
    if !password.is_empty() {
        config.password(password);
    }
    config
}

/// `user@host:port/database`, never the password.
pub fn describe(config: &Config) -> String {
    let host = match config.get_hosts().first() {
        Some(::postgres::config::Host::Tcp(name)) if name.contains(':') => format!("[{name}]"),
        Some(::postgres::config::Host::Tcp(name)) => name.clone(),
        #[cfg(unix)]
        Some(::postgres::config::Host::Unix(path)) => path.display().to_string(),
        None => "localhost".into(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let user = config.get_user().unwrap_or_default();
    let database = config.get_dbname().unwrap_or(user);
    format!("{user}@{host}:{port}/{database}")
}

/// Connects for a desk that starts on the server or for someone choosing it,
/// saying what is wrong in the terms of the server form: nothing answers, the
/// login is refused, there is no such database, TLS cannot be had, the server
/// is older than PostgreSQL 15, Chinese cannot be indexed in the database.
pub fn connect_checked(config: &Config) -> Result<Client> {
    let mut client = connect(config).map_err(|error| connect_error(config, error))?;
    check_server_version(&mut client)?;
    check_character_type(&mut client)?;
    Ok(client)
}

/// The first connection's error in the server form's terms.
fn connect_error(config: &Config, error: StoreError) -> StoreError {
    let StoreError::Postgres(inner) = &error else {
        return match error {
            StoreError::Unavailable { reason } => {
                StoreError::Unreachable { address: describe(config), reason }
            }
            error => error,
        };
    };
    let user = config.get_user().unwrap_or_default().to_owned();
    if let Some(db) = inner.as_db_error() {
        // 28P01 a wrong password (or a user the server does not know); 28000 no
        // pg_hba.conf line lets this user in from this computer.
        return match db.code().code() {
            "28P01" | "28000" => StoreError::LoginRefused { user, reason: db.message().to_owned() },
            "3D000" => {
                StoreError::NoSuchDatabase { database: config.get_dbname().unwrap_or(&user).to_owned() }
            }
            _ => error,
        };
    }
    // The client's own errors carry no code: its messages are what tell them apart.
    let text = inner.to_string();
    if text.contains("password missing") {
        StoreError::LoginRefused { user, reason: "the server asks for a password".into() }
    } else if text.starts_with("error performing TLS handshake") {
        StoreError::Tls { reason: text }
    } else {
        error
    }
}

/// PostgreSQL 15 is the oldest CareDesk's schema and queries are written for.
pub const OLDEST_SERVER: i32 = 150000;

fn check_server_version(client: &mut Client) -> Result<()> {
    let row = client.query_one(
        "SELECT current_setting('server_version_num')::int AS number, current_setting('server_version') AS version",
        &[],
    )?;
    let (number, version): (i32, String) = (row.get("number"), row.get("version"));
    if number < OLDEST_SERVER {
        return Err(StoreError::ServerTooOld { version });
    }
    Ok(())
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
        return Err(StoreError::CharacterType { database, ctype });
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
        let mut client = connect_checked(config)?;
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
            matches!(&error, StoreError::CharacterType { database: name, .. } if name.starts_with("caredesk_test_")),
            "{error}"
        );
        assert!(error.to_string().contains("C.UTF-8"), "{error}");
        // Nothing was written into it.
        let tables = database.tables();
        assert_eq!(tables, 0);
    }
}
