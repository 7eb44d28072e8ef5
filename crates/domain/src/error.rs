//! What goes wrong with a record, in a form the UI can translate and point at.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Why a request was refused. The UI translates by this kind (never by the
/// English message) and highlights the issue's `field`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Required,
    TooLong,
    InvalidMobile,
    InvalidPhone,
    InvalidPlate,
    InvalidVin,
    /// The VIN's 9th character is not the check digit its other characters
    /// give; the advisor may confirm the VIN (imported vehicles carry none).
    VinCheckDigit,
    InvalidDate,
    /// A date that may not be later than today (a birthday, a purchase date).
    DateInFuture,
    /// A time that must be later than now (an appointment, a promised time, the next service).
    InThePast,
    DateOrder,
    OutOfRange,
    /// Another record already has this VIN, plate or phone; see `conflict`.
    Duplicate,
    NotFound,
    /// The action needs a state the record is not in (e.g. editing an archived customer).
    InvalidState,
    InvalidLogin,
    WeakPassword,
    /// Nobody is signed in.
    Unauthenticated,
    /// The session was locked after inactivity; the password unlocks it.
    Locked,
    /// Wrong login or password (which of the two is not said).
    WrongPassword,
    /// The account is disabled.
    AccountDisabled,
    /// Too many wrong passwords in a row; try again after a short wait.
    TooManyAttempts,
    /// The signed-in role may not do this; the message names the action.
    Forbidden,
    /// The file is not a CareDesk backup, is damaged, or comes from a newer version.
    InvalidBackup,
    /// A backup of the other kind of database: a desk's file backup offered to
    /// the dealership's server, or a server backup (pg_dump) to a desk's file.
    OtherBackupFormat,
    /// Team mode: the PostgreSQL client tools (pg_dump, pg_restore, psql) that
    /// back the server's database up and restore it are not on this computer.
    PgToolsMissing,
    /// Team mode: the client tools on this computer are older than the server
    /// (or than the pg_dump that wrote the backup) and refuse to work with it.
    PgToolsTooOld,
    /// Team mode: pg_dump or the restore failed (the message says why); a failed
    /// backup left no file, a failed restore left the database as it was.
    BackupFailed,
    /// A folder or file path that cannot be used.
    InvalidPath,
    /// A paper could not be printed (the font is missing, a character has no glyph).
    Printing,
    /// The database could not be read or written.
    Storage,
    /// Team mode: the dealership's server cannot be reached; nothing was saved.
    /// The next command connects again.
    Unavailable,
    /// Team mode: someone else changed the record since this desk read it;
    /// nothing was saved, the user reloads it.
    Stale,
    /// Choosing the dealership's server: it cannot be reached at that host and port.
    ServerUnreachable,
    /// The server refused the user name and password (or this computer).
    ServerLogin,
    /// The server has no database of that name.
    NoSuchDatabase,
    /// The server is older than PostgreSQL 15; the message gives its version.
    ServerTooOld,
    /// An encrypted connection was required and could not be made.
    ServerTls,
    /// The database holds another application's tables.
    ForeignDatabase,
    /// The database was written by a newer CareDesk: update CareDesk on this computer.
    NewerSchema,
    /// Moving up needs an empty database, and this one holds records.
    DatabaseNotEmpty,
    /// The database's character type (C or POSIX) cannot index Chinese.
    DatabaseCharacterType,
    /// The server's password is not in this computer's credential store.
    CredentialMissing,
    /// The operating system's credential store could not be used.
    CredentialStore,
    Internal,
}

/// A record the user can be sent to, e.g. the customer who already has a VIN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecordRef {
    pub customer_id: crate::CustomerId,
    /// The customer's name, to show in the message's link.
    pub label: String,
}

/// One thing wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Issue {
    pub kind: ErrorKind,
    /// The input field, in the form's camelCase name (`vin`, `mobile`,
    /// `vehicles.0.vin`); `None` when the issue is with the whole request.
    #[ts(optional)]
    pub field: Option<String>,
    /// English, for logs and as the UI's last resort.
    pub message: String,
    #[ts(optional)]
    pub conflict: Option<RecordRef>,
    /// For `forbidden`: the action the role may not take, for the UI to name.
    #[ts(optional)]
    pub action: Option<crate::Action>,
    /// For `stale`: who changed the record since it was read, and when (boxed:
    /// the rare case should not make every issue larger).
    #[ts(optional, as = "Option<Changed>")]
    pub changed: Option<Box<Changed>>,
}

/// The last change of a record: who made it, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Changed {
    pub by: String,
    pub at: chrono::DateTime<chrono::Utc>,
}

impl Issue {
    pub fn new(kind: ErrorKind, field: impl Into<String>, message: impl Into<String>) -> Self {
        Issue {
            kind,
            field: Some(field.into()),
            message: message.into(),
            conflict: None,
            action: None,
            changed: None,
        }
    }

    pub fn with_conflict(mut self, conflict: RecordRef) -> Self {
        self.conflict = Some(conflict);
        self
    }

    /// The same issue for a field nested under `prefix` (`vehicles.0`).
    pub fn under(mut self, prefix: &str) -> Self {
        self.field = Some(match self.field {
            Some(field) => format!("{prefix}.{field}"),
            None => prefix.to_owned(),
        });
        self
    }
}

/// A record that may not be saved, with every issue found (first one first).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.iter().map(|i| i.message.as_str()).collect::<Vec<_>>().join("; "))]
pub struct Invalid(pub Vec<Issue>);

impl From<Issue> for Invalid {
    fn from(issue: Issue) -> Self {
        Invalid(vec![issue])
    }
}

/// Collects issues while a form is checked field by field.
#[derive(Debug, Default)]
pub struct Issues(Vec<Issue>);

impl Issues {
    pub fn push(&mut self, issue: Issue) {
        self.0.push(issue);
    }

    /// Keeps the value if it is good, records the issue otherwise.
    pub fn take<T>(&mut self, result: Result<T, Issue>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(issue) => {
                self.0.push(issue);
                None
            }
        }
    }

    pub fn extend(&mut self, invalid: Invalid, prefix: &str) {
        self.0.extend(invalid.0.into_iter().map(|i| i.under(prefix)));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn finish(self) -> Result<(), Invalid> {
        if self.0.is_empty() { Ok(()) } else { Err(Invalid(self.0)) }
    }
}
