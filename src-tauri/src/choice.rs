//! Which database this desk opens when the command line names none: the choice
//! made on the first start (or by moving the desk's database up), kept as a
//! small JSON file in the app's config folder. A server's password is not in
//! it: the operating system's credential store keeps that (`credentials`).

use std::path::{Path, PathBuf};

use caredesk_domain::server::DatabaseChoice;
use caredesk_domain::{ErrorKind, Issue};
use serde::{Deserialize, Serialize};

use crate::error::CommandError;

/// The file in the app's config folder.
pub const CHOICE_FILE: &str = "database.json";

/// What is saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SavedChoice {
    pub database: DatabaseChoice,
    /// Whether the credential store holds a password for the server (a server
    /// that trusts the dealership's network needs none).
    #[serde(default)]
    pub has_password: bool,
}

pub fn path(config_dir: &Path) -> PathBuf {
    config_dir.join(CHOICE_FILE)
}

fn file_error(path: &Path, what: &str, error: impl std::fmt::Display) -> CommandError {
    Issue {
        kind: ErrorKind::Storage,
        field: None,
        message: format!("the database choice {} could not be {what}: {error}", path.display()),
        conflict: None,
        action: None,
        changed: None,
    }
    .into()
}

/// The saved choice; `None` when none was made yet.
pub fn load(config_dir: &Path) -> Result<Option<SavedChoice>, CommandError> {
    let path = path(config_dir);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(file_error(&path, "read", error)),
    };
    serde_json::from_str(&text).map(Some).map_err(|error| file_error(&path, "read", error))
}

/// Saves the choice whole or not at all: written beside the file, then put in its place.
pub fn save(config_dir: &Path, choice: &SavedChoice) -> Result<(), CommandError> {
    let path = path(config_dir);
    std::fs::create_dir_all(config_dir).map_err(|error| file_error(&path, "saved", error))?;
    let text = serde_json::to_string_pretty(choice).map_err(|error| file_error(&path, "saved", error))?;
    let mut partial = path.clone().into_os_string();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    std::fs::write(&partial, text).map_err(|error| file_error(&path, "saved", error))?;
    std::fs::rename(&partial, &path).map_err(|error| file_error(&path, "saved", error))
}

#[cfg(test)]
mod tests {
    use caredesk_domain::server::{ServerAddress, TlsMode};

    use super::*;

    #[test]
    fn a_choice_is_saved_and_read_back_without_the_password() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("nested").join("config");
        assert_eq!(load(&config).unwrap(), None, "nothing chosen yet");
        let server = SavedChoice {
            database: DatabaseChoice::Server(ServerAddress {
                host: "192.168.1.20".into(),
                port: 5433,
                database: "caredesk".into(),
                user: "desk".into(),
                tls: TlsMode::Require,
            }),
            has_password: true,
        };
        save(&config, &server).unwrap();
        assert_eq!(load(&config).unwrap(), Some(server));
        let text = std::fs::read_to_string(path(&config)).unwrap();
        assert!(!text.to_lowercase().contains("password\":\""), "{text}");
        // Choosing again replaces it.
        let here = SavedChoice { database: DatabaseChoice::ThisComputer, has_password: false };
        save(&config, &here).unwrap();
        assert_eq!(load(&config).unwrap(), Some(here));
        assert_eq!(std::fs::read_dir(&config).unwrap().count(), 1, "no partial file is left behind");
    }

    #[test]
    fn a_damaged_choice_is_reported_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(path(dir.path()), "{ not json").unwrap();
        let error = load(dir.path()).unwrap_err();
        assert_eq!(error.kind, ErrorKind::Storage);
        assert!(error.message.contains(CHOICE_FILE), "{}", error.message);
    }
}
