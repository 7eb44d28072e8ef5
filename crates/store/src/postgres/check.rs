//! Testing a server before a desk is set to use it: the chooser's "test
//! connection" and the checks before moving a desk's database up. Nothing is
//! written: an empty database is set up only when a desk first opens it.

use caredesk_domain::server::ServerCheck;

use super::{Client, Config, connect_checked, describe, migrations};
use crate::error::Result;

/// Connects and says what a desk would find: the server's version and
/// CareDesk's schema there. Refuses (each with its own error) what a desk
/// could not use: nothing answers, a refused login, no such database, no
/// encrypted connection where one is required, a server older than
/// PostgreSQL 15, a character type that cannot index Chinese, another
/// application's database, a newer CareDesk's.
pub fn check(config: &Config) -> Result<ServerCheck> {
    let mut client = connect_checked(config)?;
    let schema_version = migrations::usable_version(&mut client)?;
    let holds_data = schema_version > 0 && first_with_rows(&mut client)?.is_some();
    let server_version: String =
        client.query_one("SELECT current_setting('server_version') AS version", &[])?.get("version");
    Ok(ServerCheck { server: describe(config), server_version, schema_version, holds_data })
}

/// The first of CareDesk's tables (by name) that holds rows, with its count.
pub fn first_with_rows(client: &mut Client) -> Result<Option<(String, i64)>> {
    let tables: Vec<String> = client
        .query(
            "SELECT table_name::text AS name FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'caredesk_schema'
             ORDER BY 1",
            &[],
        )?
        .iter()
        .map(|row| row.get("name"))
        .collect();
    for table in tables {
        let rows: i64 = client.query_one(&format!("SELECT count(*) AS n FROM \"{table}\""), &[])?.get("n");
        if rows > 0 {
            return Ok(Some((table, rows)));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use caredesk_domain::ErrorKind;
    use caredesk_domain::server::TlsMode;

    use super::*;
    use crate::error::StoreError;
    use crate::postgres::{Server, config};
    use crate::postgres_test_database;

    fn kind_and_field(error: &StoreError) -> (ErrorKind, Option<String>) {
        let issue = error.issues().remove(0);
        (issue.kind, issue.field)
    }

    #[test]
    fn an_empty_database_is_usable_and_nothing_is_written_by_the_test() {
        let database = postgres_test_database!();
        let address = database.address();
        let found = check(&config(&address, "")).unwrap();
        assert_eq!(found.schema_version, 0);
        assert!(!found.holds_data);
        assert!(found.server_version.starts_with("1"), "{}", found.server_version);
        assert_eq!(found.server, address.to_string());
        let tables = database.tables();
        assert_eq!(tables, 0, "testing the connection wrote nothing");
    }

    #[test]
    fn a_caredesk_database_gives_its_version_and_whether_it_holds_records() {
        let database = postgres_test_database!();
        let server = Server::open(database.config()).unwrap();
        drop(server);
        let found = check(database.config()).unwrap();
        assert_eq!(found.schema_version, migrations::MIGRATIONS.len() as i64);
        assert!(!found.holds_data, "a fresh schema holds no records");
        database
            .client()
            .batch_execute("INSERT INTO preferences (key, value) VALUES ('language', 'en')")
            .unwrap();
        assert!(check(database.config()).unwrap().holds_data);
        assert_eq!(first_with_rows(&mut database.client()).unwrap(), Some(("preferences".to_owned(), 1)));
    }

    #[test]
    fn another_applications_database_is_refused_on_the_database_field() {
        let database = postgres_test_database!();
        database
            .client()
            .batch_execute("CREATE TABLE invoices (id BIGINT); INSERT INTO invoices VALUES (1)")
            .unwrap();
        let error = check(database.config()).unwrap_err();
        assert!(matches!(error, StoreError::ForeignDatabase { .. }), "{error}");
        assert_eq!(kind_and_field(&error), (ErrorKind::ForeignDatabase, Some("database".into())));
    }

    #[test]
    fn a_newer_caredesks_database_asks_for_an_update_of_this_computer() {
        let database = postgres_test_database!();
        drop(Server::open(database.config()).unwrap());
        database.client().batch_execute("UPDATE caredesk_schema SET version = 999").unwrap();
        let error = check(database.config()).unwrap_err();
        assert!(matches!(error, StoreError::NewerSchema { found: 999, .. }), "{error}");
        assert_eq!(kind_and_field(&error), (ErrorKind::NewerSchema, None));
        // And a desk that starts on it refuses to, the same way.
        let Err(error) = Server::open(database.config()) else { panic!("a newer schema was opened") };
        assert!(matches!(error, StoreError::NewerSchema { .. }), "{error}");
    }

    #[test]
    fn a_database_that_does_not_exist_and_a_user_the_server_refuses_are_named() {
        let database = postgres_test_database!();
        let mut wrong = database.address();
        wrong.database = "no_such_caredesk".into();
        let error = check(&config(&wrong, "")).unwrap_err();
        assert!(matches!(&error, StoreError::NoSuchDatabase { database } if database == "no_such_caredesk"));
        assert_eq!(kind_and_field(&error), (ErrorKind::NoSuchDatabase, Some("database".into())));

        let mut stranger = database.address();
        stranger.user = "nobody_at_this_dealership".into();
        let error = check(&config(&stranger, "secret")).unwrap_err();
        assert!(
            matches!(&error, StoreError::LoginRefused { user, .. } if user == "nobody_at_this_dealership")
        );
        assert_eq!(kind_and_field(&error), (ErrorKind::ServerLogin, Some("password".into())));
    }

    #[test]
    fn a_port_where_nothing_listens_is_unreachable_and_says_where() {
        let database = postgres_test_database!();
        // A port that was free a moment ago: nothing listens there now.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut closed = database.address();
        closed.host = "127.0.0.1".into();
        closed.port = port;
        let error = check(&config(&closed, "")).unwrap_err();
        let StoreError::Unreachable { address, .. } = &error else { panic!("{error}") };
        assert_eq!(address, &format!("{}@127.0.0.1:{port}/{}", closed.user, closed.database));
        assert_eq!(kind_and_field(&error), (ErrorKind::ServerUnreachable, Some("host".into())));
    }

    #[test]
    fn required_encryption_from_a_server_without_tls_is_refused_on_the_tls_field() {
        let database = postgres_test_database!();
        let mut client = database.client();
        let ssl: String = client.query_one("SELECT current_setting('ssl') AS ssl", &[]).unwrap().get("ssl");
        let mut required = database.address();
        required.tls = TlsMode::Require;
        let result = check(&config(&required, ""));
        if ssl == "on" {
            // A cluster with TLS: the encrypted connection works (its certificate unchecked, as libpq's require).
            result.unwrap();
            return;
        }
        let error = result.unwrap_err();
        assert!(matches!(error, StoreError::Tls { .. }), "{error}");
        assert_eq!(kind_and_field(&error), (ErrorKind::ServerTls, Some("tls".into())));
        // `prefer` falls back to an unencrypted connection, as libpq's does.
        required.tls = TlsMode::Prefer;
        check(&config(&required, "")).unwrap();
    }
}
