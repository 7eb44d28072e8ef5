//! The database a desk works on: the embedded SQLite file (one desk, the
//! default) or the dealership's PostgreSQL server (team mode). The shell holds
//! one `Database` and runs every store function on it; the functions themselves
//! are written once, against `crate::engine`.

use crate::Db;
use crate::engine::{Dialect, Read, Write};
use crate::error::{Result, StoreError};
use crate::postgres::Server;

pub enum Database {
    File(Db),
    /// Boxed: a server connection is several times the size of a file's.
    Server(Box<Server>),
}

impl Database {
    /// For reads: the file's connection, or the server's outside a transaction.
    pub fn conn(&self) -> &dyn Read {
        match self {
            Database::File(db) => db.conn(),
            Database::Server(server) => &**server,
        }
    }

    /// Runs `f` in one write transaction: committed if it returns `Ok`, rolled
    /// back (nothing written) if it returns `Err`. On the server, `f` may run
    /// again after a deadlock with another desk (see `Server::write`).
    pub fn write<T>(&mut self, mut f: impl FnMut(&dyn Write) -> Result<T>) -> Result<T> {
        match self {
            Database::File(db) => db.write(|tx| f(tx)),
            Database::Server(server) => server.write(|tx| f(tx)),
        }
    }

    /// Where the data is, for Settings: the file's path, or the server's
    /// address and database (never the password).
    pub fn location(&self) -> String {
        match self {
            Database::File(db) => db.path().display().to_string(),
            Database::Server(server) => format!("postgres://{}", crate::postgres::describe(server.config())),
        }
    }

    pub fn dialect(&self) -> Dialect {
        self.conn().dialect()
    }

    /// The file, for what only a file has (its backups, its path).
    pub fn file(&mut self) -> Option<&mut Db> {
        match self {
            Database::File(db) => Some(db),
            Database::Server(_) => None,
        }
    }

    /// The file, or the error a file-only operation gives in team mode.
    pub fn require_file(&mut self, what: &str) -> Result<&mut Db> {
        match self {
            Database::File(db) => Ok(db),
            Database::Server(_) => Err(StoreError::UnsuitableDatabase {
                database: "the dealership's server".into(),
                reason: format!("{what} works on this computer's database file only"),
            }),
        }
    }
}

impl From<Db> for Database {
    fn from(db: Db) -> Self {
        Database::File(db)
    }
}

impl From<Server> for Database {
    fn from(server: Server) -> Self {
        Database::Server(Box::new(server))
    }
}
