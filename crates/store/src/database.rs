//! The database a desk works on: the embedded SQLite file (one desk, the
//! default) or the dealership's PostgreSQL server (team mode). The shell holds
//! one `Database` and runs every store function on it; the functions themselves
//! are written once, against `crate::engine`.

use std::path::Path;

use caredesk_domain::settings::{BackupFormat, BackupInfo};
use chrono::{DateTime, Utc};

use crate::engine::{Dialect, Read, Write};
use crate::error::{Result, StoreError};
use crate::postgres::{Config, Server};
use crate::{Db, backup, settings};

#[allow(
    clippy::large_enum_variant,
    reason = "a desk holds one for its whole life; the connection with its hooks is what is large"
)]
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

    /// What this database's backups are: SQLite files, or the server's pg_dump archives.
    pub fn backup_format(&self) -> BackupFormat {
        match self {
            Database::File(_) => BackupFormat::File,
            Database::Server(_) => BackupFormat::ServerDump,
        }
    }

    /// The server's address, for work on connections of its own (its backups).
    pub fn server_config(&self) -> Option<&Config> {
        match self {
            Database::File(_) => None,
            Database::Server(server) => Some(server.config()),
        }
    }

    /// Replaces the database with the backup at `from` (of this database's
    /// kind) and returns the backup of what it replaced, taken into `dir` first.
    /// Records the restore, so that every desk signs its member out.
    pub fn restore_backup(&mut self, from: &Path, dir: &Path, now: DateTime<Utc>) -> Result<BackupInfo> {
        match self {
            Database::File(db) => {
                let safety = backup::restore(db, from, dir, now)?;
                let mark = format!("{} {}", now.to_rfc3339(), safety.path);
                db.write(|tx| settings::mark_restored(tx, &mark))?;
                db.announce_everything();
                Ok(safety)
            }
            Database::Server(server) => crate::postgres::dump::restore(server, from, dir, now),
        }
    }

    /// The file, for what only a file has (its path).
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
