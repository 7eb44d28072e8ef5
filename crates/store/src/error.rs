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

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl From<Issue> for StoreError {
    fn from(issue: Issue) -> Self {
        StoreError::Invalid(Invalid::from(issue))
    }
}
