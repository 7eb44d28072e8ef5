//! Archive search on 1,000,000 customers and their vehicles, through
//! `search::customers`, the function the `search_customers` command calls.
//! Run with `cargo xtask bench`. Prints latency percentiles per fragment kind;
//! the target is p95 under 20 ms for fragments of three or more characters and
//! for pinyin initials (`zw`).
//!
//! The data set is generated once (about a minute) and kept in
//! target/bench-data/; set CAREDESK_BENCH_CUSTOMERS to use another size.
//!
//! With `CAREDESK_BENCH_POSTGRES` (a server's URL; `cargo xtask bench` starts a
//! throw-away cluster and sets it), the same archive is moved up to a new
//! database there (`postgres::copy`, as a dealership moves up) and the same
//! fragments are searched on PostgreSQL too. With `CAREDESK_BENCH_KEEP` set, that
//! database is kept on the server and used again by the next run.

#[path = "common/server.rs"]
mod server;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use caredesk_domain::archive::CustomerQuery;
use caredesk_store::engine::Read;
use caredesk_store::{Db, Now, customers, search};
use chrono::{TimeZone, Utc};

const SEED: u64 = 42;
const TARGET_P95: Duration = Duration::from_millis(20);

fn now() -> Now {
    Now::at(Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0).single().expect("valid instant"), 8)
}

fn data_set(count: usize) -> Db {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data");
    // Keyed by the schema's text, so a changed migration never reuses an old file.
    let schema = caredesk_store::migrations::MIGRATIONS
        .iter()
        .flat_map(|sql| sql.bytes())
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3));
    let path = dir.join(format!("archive-{count}-{schema:016x}.sqlite"));
    let ready = path.with_extension("ready");
    if ready.exists() {
        return Db::open(&path).expect("open the benchmark database");
    }
    let _ = std::fs::remove_file(&path);
    let mut db = Db::open(&path).expect("create the benchmark database");
    println!("generating {count} customers into {} ...", path.display());
    let start = Instant::now();
    let mut records = caredesk_demo::synthetic(SEED, count, now().today).peekable();
    while records.peek().is_some() {
        let chunk: Vec<_> = records.by_ref().take(20_000).collect();
        db.write(|tx| {
            for record in &chunk {
                customers::create(tx, &caredesk_domain::Actor::system(), record, now())?;
            }
            Ok::<_, caredesk_store::StoreError>(())
        })
        .expect("insert a chunk");
    }
    db.conn()
        .execute_batch("PRAGMA optimize; INSERT INTO customer_search(customer_search) VALUES ('optimize');")
        .expect("optimize");
    std::fs::write(&ready, b"").expect("mark the data set ready");
    println!(
        "generated in {:.1} s (through customers::create, validation and duplicate checks included)",
        start.elapsed().as_secs_f64()
    );
    db
}

/// Fragments people type, taken from stored records spread over the archive.
fn fragments(db: &Db, count: usize) -> Vec<(&'static str, String)> {
    let mut stmt = db
        .conn()
        .prepare(
            "SELECT c.name, c.mobile, v.plate, v.vin FROM customers c JOIN vehicles v ON v.customer_id = c.id
             WHERE c.id % ?1 = 7 AND v.plate IS NOT NULL LIMIT 200",
        )
        .expect("prepare");
    let step = (count / 200).max(1) as i64;
    let rows: Vec<(String, String, String, String)> = stmt
        .query_map([step], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let mut out = Vec::new();
    for (name, mobile, plate, vin) in rows {
        let plate: Vec<char> = plate.chars().collect();
        out.push(("plate, 4 characters", plate[plate.len() - 4..].iter().collect()));
        out.push(("plate, 5 characters", plate[1..6].iter().collect()));
        out.push(("phone, last 4 digits", mobile[7..].to_owned()));
        out.push(("phone, 7 digits", mobile[3..10].to_owned()));
        out.push(("VIN, last 6", vin[11..].to_owned()));
        out.push(("3 digits", mobile[4..7].to_owned()));
        let name: Vec<char> = name.chars().collect();
        if name.len() >= 3 {
            out.push(("name, 3 characters", name.iter().collect()));
        }
        out.push(("name, 2 characters (fallback)", name[name.len() - 2..].iter().collect()));
        out.push(("name, 1 character (fallback)", name[..1].iter().collect()));
        // As Chinese users type a name: its initials (`zw`), its full pinyin
        // (`zhangwei`), both of the usual reading; and the whole name, listed first.
        let keys = search::pinyin_keys(&name.iter().collect::<String>());
        if let Some(initials) = keys.iter().find(|k| k.chars().count() == name.len()) {
            out.push(("pinyin initials (zw)", initials.clone()));
        }
        if let Some(full) = keys.iter().max_by_key(|k| k.len()) {
            out.push(("pinyin, full (zhangwei)", full.clone()));
        }
        out.push(("name, exact (listed first)", name.iter().collect()));
    }
    // The initials of the commonest name, whichever customers were sampled.
    for _ in 0..50 {
        out.push(("pinyin initials: \"zw\" itself", "zw".to_owned()));
    }
    out
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn peak_memory_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(str::to_owned))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}

/// Searches every fragment through `conn`, and prints the latencies per fragment kind.
fn measure(engine: &str, conn: &(impl Read + ?Sized), queries: &[(&'static str, String)]) {
    println!("\n{engine}:");
    // Warm the page cache the way a running app has it.
    for (_, text) in queries.iter().take(50) {
        let query = CustomerQuery { text: text.clone(), ..CustomerQuery::default() };
        search::customers(conn, &query).expect("search");
    }
    let mut kinds: Vec<&str> = queries.iter().map(|(k, _)| *k).collect();
    kinds.dedup();
    kinds.sort();
    kinds.dedup();
    let mut long_all = Vec::new();
    println!(
        "\n{:<32} {:>6} {:>9} {:>9} {:>9} {:>9} {:>8}",
        "fragment", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "hits"
    );
    for kind in kinds {
        let mut times = Vec::new();
        let mut hits = 0;
        for (k, text) in queries.iter().filter(|(k, _)| *k == kind) {
            let query = CustomerQuery { text: text.clone(), ..CustomerQuery::default() };
            let start = Instant::now();
            let found = search::customers(conn, &query).expect("search");
            times.push(start.elapsed());
            hits += found.len();
            if !k.contains("fallback") {
                long_all.push(*times.last().expect("just pushed"));
            }
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{:<32} {:>6} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>8.1}",
            kind,
            times.len(),
            ms(percentile(&times, 0.50)),
            ms(percentile(&times, 0.95)),
            ms(percentile(&times, 0.99)),
            ms(*times.last().expect("some")),
            hits as f64 / times.len() as f64
        );
    }
    long_all.sort();
    let p95 = percentile(&long_all, 0.95);
    println!(
        "\nall fragments of 3+ characters: n = {}, p50 {:.3} ms, p95 {:.3} ms (target < {} ms): {}",
        long_all.len(),
        percentile(&long_all, 0.50).as_secs_f64() * 1000.0,
        p95.as_secs_f64() * 1000.0,
        TARGET_P95.as_millis(),
        if p95 < TARGET_P95 { "MET" } else { "MISSED" }
    );
}

/// The same archive moved up to the server, then the same fragments.
fn on_postgres(url: &str, db: &Db, count: usize, queries: &[(&'static str, String)]) {
    let (server, _dropper) = server::moved_up(url, db, &format!("archive_{count}"));
    measure("PostgreSQL", &server, queries);
}

fn main() {
    // `cargo bench` passes --bench; a plain `cargo test --benches` passes nothing and
    // must not spend minutes generating data.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let count: usize =
        std::env::var("CAREDESK_BENCH_CUSTOMERS").ok().and_then(|n| n.parse().ok()).unwrap_or(1_000_000);
    let db = data_set(count);
    let stats = customers::stats(db.conn()).expect("stats");
    println!("archive: {} customers, {} vehicles, {} leads", stats.customers, stats.vehicles, stats.leads);

    let queries = fragments(&db, count);
    measure("SQLite", db.conn(), &queries);
    if let Some(url) = server::url() {
        on_postgres(&url, &db, count, &queries);
    }
    println!("peak memory: {:.1} MiB", peak_memory_kib() as f64 / 1024.0);
}
