//! The segment builder's live count on an archive of 1,000,000 vehicles,
//! through `campaigns::count`, the function the `segment_count` command calls.
//! Run with `cargo xtask bench`. The target: a combined segment counted in
//! under 200 ms (median and p95).
//!
//! The data set is generated once (a few minutes) into target/bench-data/:
//! synthetic customers and vehicles through `customers::create`, then each
//! vehicle's last visit and next service spread over the past and coming
//! years (the columns handover keeps). CAREDESK_BENCH_VEHICLES sets the size.
//! With `CAREDESK_BENCH_POSTGRES`, the same data moved up to PostgreSQL is
//! counted there too (see `common/server.rs`).

#[path = "common/server.rs"]
mod server;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use caredesk_domain::archive::{CustomerGrade, LeadGrade};
use caredesk_domain::campaign::Segment;
use caredesk_store::engine::Read;
use caredesk_store::{Db, Now, campaigns, customers};
use chrono::{NaiveDate, TimeZone, Utc};

const SEED: u64 = 1_000_003;
const TARGET: Duration = Duration::from_millis(200);

fn now() -> Now {
    Now::at(Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0).single().expect("valid instant"), 8)
}

fn vehicles(db: &Db) -> i64 {
    db.conn().query_row("SELECT count(*) FROM vehicles", [], |r| r.get(0)).expect("count vehicles")
}

fn data_set(target: i64) -> Db {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data");
    let schema = caredesk_store::migrations::MIGRATIONS
        .iter()
        .flat_map(|sql| sql.bytes())
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3));
    let path = dir.join(format!("segment-{target}-{schema:016x}.sqlite"));
    let ready = path.with_extension("ready");
    if ready.exists() {
        return Db::open(&path).expect("open the benchmark database");
    }
    let _ = std::fs::remove_file(&path);
    let mut db = Db::open(&path).expect("create the benchmark database");
    println!("generating {target} vehicles into {} ...", path.display());
    let start = Instant::now();
    // Enough customers for the vehicles (most have one, some two or three).
    let mut records = caredesk_demo::synthetic(SEED, caredesk_demo::MAX_CUSTOMERS, now().today);
    while vehicles(&db) < target {
        let chunk: Vec<_> = records.by_ref().take(20_000).collect();
        if chunk.is_empty() {
            break;
        }
        db.write(|tx| {
            for record in &chunk {
                customers::create(tx, &caredesk_domain::Actor::system(), record, now())?;
            }
            Ok::<_, caredesk_store::StoreError>(())
        })
        .expect("insert a chunk");
    }
    // What handover keeps on the vehicle: the last visit (none for a fifth of them) and
    // the next service recommended, spread deterministically over the years around today.
    db.conn()
        .execute_batch(
            "UPDATE vehicles SET
                last_visit_on = CASE WHEN id % 5 = 0 THEN NULL
                                     ELSE date('2026-11-22', '-' || ((id * 7919) % 1500) || ' days') END,
                next_service_date = CASE WHEN id % 3 = 0 THEN NULL
                                         ELSE date('2026-11-22', '+' || ((id * 104729) % 400 - 200) || ' days') END;
             PRAGMA optimize;",
        )
        .expect("visits and services");
    std::fs::write(&ready, b"").expect("mark the data set ready");
    println!("generated in {:.1} s", start.elapsed().as_secs_f64());
    db
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

/// Counts each segment 15 times on `conn`; whether a targeted one missed.
fn measure(engine: &str, conn: &dyn Read, segments: &[(&str, bool, Segment)], today: NaiveDate) -> bool {
    println!("\n{engine}:");
    let mut missed = false;
    println!(
        "\n{:<52} {:>5} {:>9} {:>9} {:>9} {:>10} {:>10}",
        "segment", "n", "p50 ms", "p95 ms", "max ms", "customers", "no consent"
    );
    for (name, targeted, segment) in segments {
        // Warm the page cache the way a manager clicking filters has it.
        campaigns::count(conn, segment, today).expect("count");
        let mut times = Vec::new();
        let mut result = None;
        for _ in 0..15 {
            let start = Instant::now();
            result = Some(campaigns::count(conn, segment, today).expect("count"));
            times.push(start.elapsed());
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let result = result.expect("counted");
        let p95 = percentile(&times, 0.95);
        let verdict = if !targeted {
            ""
        } else if p95 < TARGET {
            " MET"
        } else {
            missed = true;
            " MISSED"
        };
        println!(
            "{:<52} {:>5} {:>9.1} {:>9.1} {:>9.1} {:>10} {:>10}{verdict}",
            name,
            times.len(),
            ms(percentile(&times, 0.5)),
            ms(p95),
            ms(*times.last().expect("some")),
            result.customers,
            result.excluded_no_consent,
        );
    }
    missed
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let target: i64 =
        std::env::var("CAREDESK_BENCH_VEHICLES").ok().and_then(|n| n.parse().ok()).unwrap_or(1_000_000);
    let db = data_set(target);
    let today = now().today;
    let (customers, vehicles): (i64, i64) = db
        .conn()
        .query_row("SELECT (SELECT count(*) FROM customers), (SELECT count(*) FROM vehicles)", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("sizes");
    // The most common model: the worst case for a model filter.
    let model: String = db
        .conn()
        .query_row("SELECT model FROM vehicles GROUP BY model ORDER BY count(*) DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .expect("a model");
    let second: String = db
        .conn()
        .query_row(
            "SELECT model FROM vehicles GROUP BY model ORDER BY count(*) DESC LIMIT 1 OFFSET 1",
            [],
            |r| r.get(0),
        )
        .expect("a second model");
    println!("archive: {customers} customers, {vehicles} vehicles; most common model {model}");

    let segments: Vec<(&str, bool, Segment)> = vec![
        (
            "model + last visit older than 6 months",
            true,
            Segment { models: vec![model.clone()], last_visit_months: Some(6), ..Segment::default() },
        ),
        (
            "2 models + years + service due 30 d + VIP/ordinary",
            true,
            Segment {
                models: vec![model.clone(), second],
                model_year_from: Some(2018),
                model_year_to: Some(2024),
                service_due_days: Some(30),
                grades: vec![CustomerGrade::Ordinary, CustomerGrade::Vip],
                ..Segment::default()
            },
        ),
        (
            "purchased 2020–2022 + insurance 60 d",
            true,
            Segment {
                purchased_from: NaiveDate::from_ymd_opt(2020, 1, 1),
                purchased_to: NaiveDate::from_ymd_opt(2022, 12, 31),
                insurance_days: Some(60),
                ..Segment::default()
            },
        ),
        (
            "last visit older than 12 months (no model)",
            false,
            Segment { last_visit_months: Some(12), ..Segment::default() },
        ),
        (
            "birthday this month + VIP",
            false,
            Segment { birthday_this_month: true, grades: vec![CustomerGrade::Vip], ..Segment::default() },
        ),
        ("leads A/B", false, Segment { lead_grades: vec![LeadGrade::A, LeadGrade::B], ..Segment::default() }),
        ("the whole archive", false, Segment::default()),
    ];
    let mut missed = measure("SQLite", db.conn(), &segments, today);
    if let Some(url) = server::url() {
        let (server, _dropper) = server::moved_up(&url, &db, &format!("segment_{target}"));
        missed |= measure("PostgreSQL", &server, &segments, today);
    }
    println!("\ntarget: the combined segments (marked) counted in under {} ms at p95", TARGET.as_millis());
    if missed {
        std::process::exit(1);
    }
}
