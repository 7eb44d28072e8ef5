use caredesk_domain::{ErrorKind, Invalid, Issue};

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
    Postgres(#[from] ::postgres::Error),
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
            }],
            StoreError::NewerSchema { .. }
            | StoreError::Io { .. }
            | StoreError::Sqlite(_)
            | StoreError::Postgres(_)
            | StoreError::ForeignDatabase { .. }
            | StoreError::UnsuitableDatabase { .. }
            | StoreError::Corrupt(_) => vec![Issue {
                kind: ErrorKind::Storage,
                field: None,
                message: self.to_string(),
                conflict: None,
                action: None,
            }],
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
