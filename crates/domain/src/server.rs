//! Where a desk's data lives: this computer's database file (one desk, the
//! default) or the dealership's PostgreSQL server (team mode, every desk at
//! once). The server's form is checked here; connecting is the store's, and
//! keeping the choice and the password the shell's.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ErrorKind, Invalid, Issue, Issues};
use crate::validate::{in_range, text};

/// PostgreSQL's port unless the dealership's server says otherwise.
pub const DEFAULT_PORT: u16 = 5432;

/// Whether the connection to the server is encrypted, as PostgreSQL's `sslmode`
/// names it. Like libpq's modes of the same names, `prefer` and `require` do
/// not check the server's certificate (a dealership's server usually has a
/// self-signed one): they keep the network from reading along, not a
/// machine from pretending to be the server.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TlsMode {
    /// Never encrypted.
    Disable,
    /// Encrypted when the server offers it.
    #[default]
    Prefer,
    /// Encrypted, or no connection at all.
    Require,
}

/// The server form as typed: the chooser's on first start, and Settings' "move
/// this database to the server".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServerInput {
    /// The server's name or IP address on the dealership's network.
    pub host: String,
    /// `None` when the field was left empty.
    pub port: Option<u32>,
    pub database: String,
    pub user: String,
    /// May be empty: a server can trust the dealership's network.
    pub password: String,
    pub tls: TlsMode,
}

/// Where a desk connects, without the password (which the operating system's
/// credential store keeps).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServerAddress {
    pub host: String,
    pub port: u16,
    pub database: String,
    pub user: String,
    pub tls: TlsMode,
}

impl std::fmt::Display for ServerAddress {
    /// `user@host:port/database`: how Settings and the messages name the server.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let host = if self.host.contains(':') { format!("[{}]", self.host) } else { self.host.clone() };
        write!(f, "{}@{host}:{}/{}", self.user, self.port, self.database)
    }
}

/// PostgreSQL's identifiers (database and user names) have at most 63 bytes.
const NAME_BYTES: usize = 63;

fn name(field: &str, value: &str) -> Result<String, Issue> {
    let value = text(field, value, NAME_BYTES)?;
    if value.len() > NAME_BYTES {
        // Chinese characters take three bytes each.
        return Err(Issue::new(
            ErrorKind::TooLong,
            field,
            format!("{field} is longer than {NAME_BYTES} bytes, PostgreSQL's limit"),
        ));
    }
    Ok(value)
}

impl ServerInput {
    /// The address to connect to, with every field's issue at once. The
    /// password is taken as typed (spaces may belong to it).
    pub fn validate(&self) -> Result<ServerAddress, Invalid> {
        let mut issues = Issues::default();
        // A host name has at most 253 characters (RFC 1035).
        let host = issues.take(text("host", &self.host, 253));
        let port = match self.port {
            None => {
                issues.push(Issue::new(ErrorKind::Required, "port", "port is required"));
                None
            }
            Some(port) => issues.take(in_range("port", Some(port), 1..=u32::from(u16::MAX))).flatten(),
        };
        let database = issues.take(name("database", &self.database));
        let user = issues.take(name("user", &self.user));
        if self.password.chars().count() > 1000 {
            issues.push(Issue::new(
                ErrorKind::TooLong,
                "password",
                "password is longer than 1000 characters",
            ));
        }
        issues.finish()?;
        match (host, port.and_then(|p| u16::try_from(p).ok()), database, user) {
            (Some(host), Some(port), Some(database), Some(user)) => {
                Ok(ServerAddress { host, port, database, user, tls: self.tls })
            }
            // Every `None` above pushed its issue.
            _ => Err(Invalid(vec![Issue::new(ErrorKind::Required, "host", "host is required")])),
        }
    }
}

/// What a test of the server found, when it could be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServerCheck {
    /// Where it connected (`user@host:port/database`).
    pub server: String,
    /// PostgreSQL's version as the server gives it, e.g. `15.8`.
    pub server_version: String,
    /// CareDesk's schema version in the database; 0 for an empty database,
    /// which CareDesk sets up when the desk first opens it.
    pub schema_version: i64,
    /// Whether the database already holds CareDesk records (moving a desk's
    /// database up needs one that does not).
    pub holds_data: bool,
}

/// The database a desk opens when no command line names one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DatabaseChoice {
    /// The database file in this computer's app-data folder: one desk.
    ThisComputer,
    /// The dealership's server: every desk at once.
    Server(ServerAddress),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ServerInput {
        ServerInput {
            host: " caredesk-server ".into(),
            port: Some(5432),
            database: "caredesk".into(),
            user: "desk".into(),
            password: " secret ".into(),
            tls: TlsMode::Require,
        }
    }

    fn fields(invalid: Invalid) -> Vec<(String, ErrorKind)> {
        invalid.0.into_iter().map(|i| (i.field.unwrap_or_default(), i.kind)).collect()
    }

    #[test]
    fn a_complete_form_gives_the_address_trimmed() {
        let address = input().validate().unwrap();
        assert_eq!(
            address,
            ServerAddress {
                host: "caredesk-server".into(),
                port: 5432,
                database: "caredesk".into(),
                user: "desk".into(),
                tls: TlsMode::Require,
            }
        );
        assert_eq!(address.to_string(), "desk@caredesk-server:5432/caredesk");
        let v6 = ServerAddress { host: "fd00::7".into(), ..address };
        assert_eq!(v6.to_string(), "desk@[fd00::7]:5432/caredesk");
    }

    #[test]
    fn every_missing_or_impossible_field_is_named_at_once() {
        let empty = ServerInput {
            host: "  ".into(),
            port: None,
            database: String::new(),
            user: String::new(),
            password: String::new(),
            tls: TlsMode::Prefer,
        };
        assert_eq!(
            fields(empty.validate().unwrap_err()),
            [
                ("host".into(), ErrorKind::Required),
                ("port".into(), ErrorKind::Required),
                ("database".into(), ErrorKind::Required),
                ("user".into(), ErrorKind::Required),
            ]
        );
        for port in [0, 65536, 99999] {
            let bad = ServerInput { port: Some(port), ..input() };
            assert_eq!(fields(bad.validate().unwrap_err()), [("port".into(), ErrorKind::OutOfRange)]);
        }
        assert!(ServerInput { port: Some(65535), ..input() }.validate().is_ok());
        // 21 Chinese characters are 63 bytes; 22 are too many for PostgreSQL.
        assert!(ServerInput { database: "库".repeat(21), ..input() }.validate().is_ok());
        let long = ServerInput { database: "库".repeat(22), ..input() };
        assert_eq!(fields(long.validate().unwrap_err()), [("database".into(), ErrorKind::TooLong)]);
    }

    #[test]
    fn an_empty_password_is_allowed_and_a_password_keeps_its_spaces() {
        assert!(ServerInput { password: String::new(), ..input() }.validate().is_ok());
        assert_eq!(input().password, " secret ");
    }

    #[test]
    fn the_choice_is_saved_as_a_tagged_record() {
        let choice = DatabaseChoice::Server(input().validate().unwrap());
        let json = serde_json::to_value(&choice).unwrap();
        assert_eq!(json["kind"], "server");
        assert_eq!(json["host"], "caredesk-server");
        assert_eq!(json["tls"], "require");
        assert_eq!(serde_json::from_value::<DatabaseChoice>(json).unwrap(), choice);
        let here = serde_json::to_value(DatabaseChoice::ThisComputer).unwrap();
        assert_eq!(here, serde_json::json!({ "kind": "this_computer" }));
    }
}
