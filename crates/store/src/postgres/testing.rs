//! A database of its own for each test, on the throw-away cluster
//! `cargo xtask test` starts (its address in `CAREDESK_TEST_POSTGRES`); dropped
//! with the value.

use std::sync::atomic::{AtomicU32, Ordering};

use caredesk_domain::server::{ServerAddress, TlsMode};

use super::{Client, Config, connect};

/// Where `cargo xtask test` puts the cluster's address.
pub const URL_VARIABLE: &str = "CAREDESK_TEST_POSTGRES";

pub struct TestDatabase {
    admin: Config,
    name: String,
    config: Config,
}

impl TestDatabase {
    /// A new, empty database; `None` when no cluster was given (a plain
    /// `cargo test`): the caller then says that it skipped the test.
    pub fn create() -> Option<TestDatabase> {
        TestDatabase::create_with("")
    }

    /// As `create`, with `options` after `CREATE DATABASE name` (a locale, a template).
    pub fn create_with(options: &str) -> Option<TestDatabase> {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let url = std::env::var(URL_VARIABLE).ok().filter(|u| !u.is_empty())?;
        let admin: Config =
            url.parse().unwrap_or_else(|e| panic!("{URL_VARIABLE} is not a PostgreSQL URL: {e}"));
        let name = format!("caredesk_test_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
        let mut client = connect(&admin).unwrap_or_else(|e| panic!("the test cluster at {url}: {e}"));
        client.batch_execute(&format!("CREATE DATABASE {name} {options}")).unwrap();
        let mut config = admin.clone();
        config.dbname(&name);
        Some(TestDatabase { admin, name, config })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The database's address as the server form gives it (TLS when the cluster offers it).
    pub fn address(&self) -> ServerAddress {
        let host = match self.config.get_hosts().first() {
            Some(::postgres::config::Host::Tcp(name)) => name.clone(),
            _ => "localhost".into(),
        };
        ServerAddress {
            host,
            port: self.config.get_ports().first().copied().unwrap_or(5432),
            database: self.name.clone(),
            user: self.config.get_user().unwrap_or_default().into(),
            tls: TlsMode::Prefer,
        }
    }

    pub fn client(&self) -> Client {
        connect(&self.config).unwrap_or_else(|e| panic!("the test database {}: {e}", self.name))
    }

    /// How many tables the database holds: 0 while nothing was written into it.
    pub fn tables(&self) -> i64 {
        self.client()
            .query_one(
                "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema()",
                &[],
            )
            .unwrap_or_else(|e| panic!("the test database {}: {e}", self.name))
            .get("n")
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Ok(mut client) = connect(&self.admin) {
            let _ = client.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}

/// `TestDatabase::create()`, or a line on stderr saying the test did not run.
#[macro_export]
macro_rules! postgres_test_database {
    () => {
        match $crate::postgres::testing::TestDatabase::create() {
            Some(database) => database,
            None => {
                eprintln!(
                    "skipped: no PostgreSQL test cluster ({}); `cargo xtask test` starts one",
                    $crate::postgres::testing::URL_VARIABLE
                );
                return;
            }
        }
    };
}
