//! The benchmarks' archive on PostgreSQL: the SQLite data set moved up to a
//! database of its own on the server `CAREDESK_BENCH_POSTGRES` names (`cargo
//! xtask bench` starts a throw-away cluster and sets it), as a dealership moves up.

use std::time::Instant;

use caredesk_store::Db;
use caredesk_store::postgres::{self, Config, Server};

/// The server's address, when the benchmark is to run there too.
pub fn url() -> Option<String> {
    std::env::var("CAREDESK_BENCH_POSTGRES").ok().filter(|u| !u.is_empty())
}

/// A database on the server holding `db`'s data, named after `name`, and a
/// guard that drops it at the end. With `CAREDESK_BENCH_KEEP` set it is kept
/// for the next run, which then uses it again instead of moving the data up.
pub fn moved_up(url: &str, db: &Db, name: &str) -> (Server, Dropper) {
    let admin: Config = url.parse().expect("CAREDESK_BENCH_POSTGRES is a PostgreSQL URL");
    let keep = std::env::var_os("CAREDESK_BENCH_KEEP").is_some();
    let name = if keep {
        format!("caredesk_bench_{name}")
    } else {
        format!("caredesk_bench_{name}_{}", std::process::id())
    };
    let mut client = postgres::connect(&admin).expect("connect to the benchmark's server");
    let exists = client
        .query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&name])
        .expect("look for a kept database")
        .is_some();
    let mut config = admin.clone();
    config.dbname(&name);
    if exists {
        println!("\nthe data kept on the server from an earlier run: {name}");
    } else {
        client.batch_execute(&format!("CREATE DATABASE {name}")).expect("create the benchmark's database");
        let start = Instant::now();
        let copied =
            postgres::copy::copy_from_sqlite(db.conn(), &mut postgres::connect(&config).expect("connect"));
        let copies = copied.unwrap_or_else(|e| {
            let _ = client.batch_execute(&format!("DROP DATABASE {name} WITH (FORCE)"));
            panic!("move the data up: {e}")
        });
        let rows: u64 = copies.iter().map(|c| c.rows).sum();
        println!(
            "\nmoved up to PostgreSQL: {rows} rows in {} tables, counted and checksummed on both sides, in {:.1} s",
            copies.len(),
            start.elapsed().as_secs_f64()
        );
    }
    let server = Server::open(&config).expect("open the server's database");
    (server, Dropper { admin, name: (!keep).then_some(name) })
}

/// Drops the benchmark's database when it goes, unless it is kept.
pub struct Dropper {
    admin: Config,
    name: Option<String>,
}

impl Drop for Dropper {
    fn drop(&mut self) {
        if let Some(name) = &self.name {
            let _ = postgres::connect(&self.admin)
                .map(|mut c| c.batch_execute(&format!("DROP DATABASE {name} WITH (FORCE)")));
        }
    }
}
