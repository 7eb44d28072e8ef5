//! One test source, both engines: a temp SQLite file, and a database of its own on
//! the PostgreSQL test cluster when there is one (`cargo xtask test` starts it).

#![allow(dead_code, reason = "each test file uses the part it needs")]

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use caredesk_store::engine::{Read, Write};
use caredesk_store::postgres::testing::TestDatabase;
use caredesk_store::postgres::{Client, Server};
use caredesk_store::{Database, Db, StoreError};

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

    /// The same database opened again, as a desk does when it starts.
    pub fn reopened(self) -> Store {
        match self {
            Store::Sqlite { _dir, db } => {
                let path = db.path().to_owned();
                drop(db);
                Store::Sqlite { db: Db::open(&path).unwrap(), _dir }
            }
            Store::Postgres { server, _database } => {
                drop(server);
                Store::Postgres { server: Server::open(_database.config()).unwrap(), _database }
            }
        }
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

// ---------------------------------------------------------------------------
// Two desks at once: on PostgreSQL every desk writes at the same time, so the
// rules SQLite's single writer kept must hold there too.

impl Store {
    /// A second desk on the same database: another connection to the same file or server.
    pub fn beside(&self) -> Database {
        match self {
            Store::Sqlite { db, .. } => Database::File(Db::open(db.path()).unwrap()),
            Store::Postgres { _database: database, .. } => {
                Database::from(Server::open(database.config()).unwrap())
            }
        }
    }

    /// On PostgreSQL, a third connection that sees whether a desk waits for a lock.
    fn watcher(&self) -> Option<Client> {
        match self {
            Store::Sqlite { .. } => None,
            Store::Postgres { _database: database, .. } => Some(database.client()),
        }
    }
}

/// Desk A does `first`; before A's transaction ends, desk B starts `second`, and
/// A commits only once B waits for it (PostgreSQL: waits on a lock, as seen in
/// `pg_stat_activity`; SQLite: at once, its single writer making B wait
/// whenever it starts) — or once B is done, if it waited for nothing.
pub fn race<A, B: Send>(
    db: &mut Store,
    desk: &mut Database,
    mut first: impl FnMut(&dyn Write) -> Result<A, StoreError>,
    second: impl FnMut(&dyn Write) -> Result<B, StoreError> + Send,
) -> (A, Result<B, StoreError>) {
    let mut watcher = db.watcher();
    let b_done = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (go, started) = std::sync::mpsc::channel::<()>();
        let b_done = &b_done;
        let b = scope.spawn(move || {
            // A failed before it started B: nothing to race.
            started.recv().ok()?;
            let out = desk.write(second);
            b_done.store(true, Ordering::SeqCst);
            Some(out)
        });
        let a = db.write(move |tx| {
            let out = first(tx)?;
            go.send(()).unwrap();
            let waited = Instant::now();
            while !b_done.load(Ordering::SeqCst) && waited.elapsed() < Duration::from_secs(5) {
                let blocked = match &mut watcher {
                    Some(client) => {
                        client
                            .query_one(
                                "SELECT count(*) AS n FROM pg_stat_activity
                                 WHERE datname = current_database() AND wait_event_type = 'Lock'",
                                &[],
                            )
                            .unwrap()
                            .get::<_, i64>("n")
                            > 0
                    }
                    // SQLite: B waits for the single writer whenever it starts; nothing to race.
                    None => true,
                };
                // Each look at pg_stat_activity is a round trip to the server: no pause between them.
                if blocked {
                    break;
                }
            }
            Ok(out)
        });
        let a = a.unwrap_or_else(|e| panic!("desk A: {e}"));
        (a, b.join().unwrap().expect("desk B ran"))
    })
}
