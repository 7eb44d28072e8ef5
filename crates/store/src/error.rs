use caredesk_domain::{Changed, ErrorKind, Invalid, Issue};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The user's input broke a rule; nothing was written.
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error("{what} {id} does not exist")]
    NotFound { what: &'static str, id: i64 },
    #[error(
        "the database was written by a newer CareDesk (schema version {found}, this one knows up to {known})"
    )]
    NewerSchema { found: i64, known: i64 },
    #[error("cannot use the data folder {path}: {source}")]
    Io { path: std::path::PathBuf, source: std::io::Error },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("database server error: {}", server_message(.0))]
    Postgres(::postgres::Error),
    /// Team mode: the server cannot be reached (or went away mid-command); nothing was saved.
    #[error("the dealership's server cannot be reached; nothing was saved ({reason})")]
    Unavailable { reason: String },
    /// Team mode: the record changed on another desk since this one read it.
    #[error("{what} {id} was changed by {by} at {at}; nothing was saved: reload it")]
    Stale { what: &'static str, id: i64, by: String, at: chrono::DateTime<chrono::Utc> },
    /// Team mode: the server's database is set up in a way CareDesk cannot work with.
    #[error("the database {database} cannot be used: {reason}")]
    UnsuitableDatabase { database: String, reason: String },
    /// Team mode: the server's database has tables, but not CareDesk's.
    #[error(
        "the database {database} belongs to another application: choose an empty database or one of CareDesk's"
    )]
    ForeignDatabase { database: String },
    #[error("a stored value could not be read: {0}")]
    Corrupt(String),
    /// Choosing or opening the server: nothing answers at that address.
    #[error("the server {address} cannot be reached: {reason}")]
    Unreachable { address: String, reason: String },
    /// The server refused the user name and password, or this computer.
    #[error("the server refused user {user}: {reason}")]
    LoginRefused { user: String, reason: String },
    #[error("the server has no database named {database}")]
    NoSuchDatabase { database: String },
    #[error("the server runs PostgreSQL {version}; CareDesk needs PostgreSQL 15 or newer")]
    ServerTooOld { version: String },
    /// An encrypted connection was asked for and could not be made.
    #[error("no encrypted connection to the server: {reason}")]
    Tls { reason: String },
    /// Under the C or POSIX character type `pg_trgm` skips every Chinese character.
    #[error(
        "the database {database} cannot be used: its character type is {ctype}, under which Chinese \
         cannot be searched; create it with LC_CTYPE and LC_COLLATE 'C.UTF-8'"
    )]
    CharacterType { database: String, ctype: String },
    /// Moving up: the server's database already holds records.
    #[error(
        "the server's database {database} already holds data ({rows} rows in {table}): move up into an empty database"
    )]
    NotEmpty { database: String, table: String, rows: i64 },
}

impl StoreError {
    /// The issue as the UI sees it: a kind, maybe a field, an English message.
    pub fn issues(&self) -> Vec<Issue> {
        match self {
            StoreError::Invalid(invalid) => invalid.0.clone(),
            StoreError::NotFound { .. } => vec![Issue {
                kind: ErrorKind::NotFound,
                field: None,
                message: self.to_string(),
                conflict: None,
                action: None,
                changed: None,
            }],
            StoreError::Unavailable { .. } => vec![Issue {
                kind: ErrorKind::Unavailable,
                field: None,
                message: self.to_string(),
                conflict: None,
                action: None,
                changed: None,
            }],
            StoreError::Stale { by, at, .. } => vec![Issue {
                kind: ErrorKind::Stale,
                field: None,
                message: self.to_string(),
                conflict: None,
                action: None,
                changed: Some(Box::new(Changed { by: by.clone(), at: *at })),
            }],
            StoreError::Io { .. }
            | StoreError::Sqlite(_)
            | StoreError::Postgres(_)
            | StoreError::UnsuitableDatabase { .. }
            | StoreError::Corrupt(_) => vec![Issue {
                kind: ErrorKind::Storage,
                field: None,
                message: self.to_string(),
                conflict: None,
                action: None,
                changed: None,
            }],
            // Connecting to the server: each on the server form's field it is about.
            StoreError::Unreachable { .. } => vec![self.issue(ErrorKind::ServerUnreachable, Some("host"))],
            StoreError::LoginRefused { .. } => vec![self.issue(ErrorKind::ServerLogin, Some("password"))],
            StoreError::NoSuchDatabase { .. } => {
                vec![self.issue(ErrorKind::NoSuchDatabase, Some("database"))]
            }
            StoreError::ServerTooOld { .. } => vec![self.issue(ErrorKind::ServerTooOld, Some("host"))],
            StoreError::Tls { .. } => vec![self.issue(ErrorKind::ServerTls, Some("tls"))],
            StoreError::ForeignDatabase { .. } => {
                vec![self.issue(ErrorKind::ForeignDatabase, Some("database"))]
            }
            StoreError::CharacterType { .. } => {
                vec![self.issue(ErrorKind::DatabaseCharacterType, Some("database"))]
            }
            StoreError::NotEmpty { .. } => vec![self.issue(ErrorKind::DatabaseNotEmpty, Some("database"))],
            StoreError::NewerSchema { .. } => vec![self.issue(ErrorKind::NewerSchema, None)],
        }
    }

    fn issue(&self, kind: ErrorKind, field: Option<&str>) -> Issue {
        Issue {
            kind,
            field: field.map(str::to_owned),
            message: self.to_string(),
            conflict: None,
            action: None,
            changed: None,
        }
    }
}

impl From<::postgres::Error> for StoreError {
    /// A lost or refused connection is `Unavailable`, whatever the command was.
    fn from(error: ::postgres::Error) -> Self {
        if lost_connection(&error) {
            StoreError::Unavailable { reason: server_message(&error) }
        } else {
            StoreError::Postgres(error)
        }
    }
}

/// The connection is gone, could not be made, or the server is shutting down.
fn lost_connection(error: &::postgres::Error) -> bool {
    if error.is_closed() {
        return true;
    }
    match error.as_db_error() {
        // Class 08: connection exception; 57P01–57P03: the server is shutting down or starting.
        Some(db) => {
            let code = db.code().code();
            code.starts_with("08") || matches!(code, "57P01" | "57P02" | "57P03")
        }
        None => std::error::Error::source(error).is_some_and(|s| s.is::<std::io::Error>()),
    }
}

impl StoreError {
    /// A conflict between two transactions that running again resolves
    /// (PostgreSQL's serialization failure and deadlock).
    pub fn is_retryable(&self) -> bool {
        match self {
            StoreError::Postgres(e) => {
                e.as_db_error().is_some_and(|db| matches!(db.code().code(), "40001" | "40P01"))
            }
            _ => false,
        }
    }
}

/// The server's own words for an error it raised (the client's `Display` says only "db error").
fn server_message(error: &::postgres::Error) -> String {
    match error.as_db_error() {
        Some(db) => format!("{} ({})", db.message(), db.code().code()),
        None => error.to_string(),
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl From<Issue> for StoreError {
    fn from(issue: Issue) -> Self {
        StoreError::Invalid(Invalid::from(issue))
    }
}
