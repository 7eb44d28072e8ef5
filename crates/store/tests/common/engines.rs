//! One test source, both engines: a temp SQLite file, and a database of its own on
//! the PostgreSQL test cluster when there is one (`cargo xtask test` starts it).

#![allow(dead_code, reason = "each test file uses the part it needs")]

use caredesk_store::engine::{Read, Write};
use caredesk_store::postgres::Server;
use caredesk_store::postgres::testing::TestDatabase;
use caredesk_store::{Db, StoreError};

#[allow(clippy::large_enum_variant, reason = "one or two per test, never moved around")]
pub enum Store {
    Sqlite { _dir: tempfile::TempDir, db: Db },
    Postgres { server: Server, _database: TestDatabase },
}

impl Store {
    /// A fresh SQLite file.
    pub fn sqlite() -> Store {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("caredesk.sqlite")).unwrap();
        Store::Sqlite { _dir: dir, db }
    }

    /// A fresh store on each engine there is: SQLite always, PostgreSQL when
    /// the test cluster is given (otherwise a line on stderr says it was skipped).
    pub fn each() -> Vec<Store> {
        let mut stores = vec![Store::sqlite()];
        match TestDatabase::create() {
            Some(database) => {
                let server = Server::open(database.config()).unwrap();
                stores.push(Store::Postgres { server, _database: database });
            }
            None => eprintln!(
                "PostgreSQL skipped: no test cluster ({}); `cargo xtask test` starts one",
                caredesk_store::postgres::testing::URL_VARIABLE
            ),
        }
        stores
    }

    pub fn engine(&self) -> &'static str {
        match self {
            Store::Sqlite { .. } => "SQLite",
            Store::Postgres { .. } => "PostgreSQL",
        }
    }

    /// The SQLite file, for functions not yet written against both engines.
    pub fn db(&mut self) -> &mut Db {
        match self {
            Store::Sqlite { db, .. } => db,
            Store::Postgres { .. } => panic!("this test runs on SQLite only"),
        }
    }

    pub fn write<T>(
        &mut self,
        mut f: impl FnMut(&dyn Write) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        match self {
            Store::Sqlite { db, .. } => db.write(|tx| f(tx)),
            Store::Postgres { server, .. } => server.write(|tx| f(tx)),
        }
    }

    pub fn read<T>(&mut self, f: impl FnOnce(&dyn Read) -> Result<T, StoreError>) -> Result<T, StoreError> {
        match self {
            Store::Sqlite { db, .. } => f(db.conn()),
            Store::Postgres { server, .. } => server.read(|conn| f(conn)),
        }
    }
}
