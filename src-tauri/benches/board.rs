//! The day board with 200 appointments, loaded through the `appointment_board`
//! command (Tauri's IPC layer on the mock runtime: the permission guard,
//! argument parsing, the store, serialisation), and the workshop board with
//! its open visits, in an archive of 1,000,000 customers. Target: median under
//! 50 ms. Run with `cargo xtask bench`, which runs the search benchmark first:
//! its data set (a copy of it here) is the archive; with
//! `CAREDESK_BENCH_POSTGRES` (set by `cargo xtask bench`) the database it moved
//! up to the server (copied here with it as the template) is the archive there.

#[path = "../tests/common/ipc.rs"]
mod ipc;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use caredesk_domain::settings::ServiceSettings;
use caredesk_domain::staff::{AdminSetup, StaffInput};
use caredesk_domain::visit::{AppointmentInput, Booking, Reception, WalkIn};
use caredesk_domain::{Actor, CustomerId, Role};
use caredesk_lib::state::AppState;
use caredesk_store::{Database, Db, Now, customers, settings, staff, vehicles, visits};
use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use serde_json::{Value, json};
use tauri::test::{MockRuntime, mock_builder, mock_context, noop_assets};
use tauri::{WebviewWindow, WebviewWindowBuilder};

const APPOINTMENTS: usize = 200;
/// The archive the boards are loaded in: the search benchmark's.
const ARCHIVE: usize = 1_000_000;
const ADVISORS: usize = 8;
const TARGET_MEDIAN: Duration = Duration::from_millis(50);

fn now() -> Now {
    Now::at(Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0).single().expect("valid instant"), 8)
}

fn call(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Value {
    ipc::call(window, cmd, args).unwrap_or_else(|e| panic!("{cmd} failed: {e:?}"))
}

/// A dealership with 8 advisors on 10-minute slots and 200 appointments tomorrow,
/// plus 40 vehicles in today's workshop, for customers of the archive.
fn dealership(db: &mut Database) {
    let setup =
        AdminSetup { name: "管理员".into(), login: "admin".into(), password: "admin-pass-1".into() };
    let admin = db.write(|tx| staff::create_administrator(tx, &setup, now())).expect("admin");
    let admin = Actor { id: admin.id, name: admin.name, role: Role::Administrator };
    let mut advisors = Vec::new();
    for i in 0..ADVISORS {
        let input = StaffInput {
            name: format!("顾问{i}"),
            login: format!("advisor{i}"),
            role: Role::ServiceAdvisor,
            active: true,
        };
        let id = db.write(|tx| staff::create(tx, &admin, &input, "advisor-pass-1", now())).expect("advisor");
        advisors.push(Actor { id, name: input.name, role: Role::ServiceAdvisor });
    }
    let manager = Actor { id: admin.id, name: "经理".into(), role: Role::ServiceManager };
    let schedule = ServiceSettings {
        slot_minutes: 10,
        opens: NaiveTime::from_hms_opt(8, 0, 0).expect("time"),
        closes: NaiveTime::from_hms_opt(18, 0, 0).expect("time"),
        ..ServiceSettings::default()
    };
    db.write(|tx| settings::update_service(tx, &manager, &schedule, now())).expect("settings");
    let tomorrow = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    db.write(|tx| {
        // The archive's first customers with a vehicle, spread over the board.
        let mut ids = (1..).map(CustomerId);
        for i in 0..APPOINTMENTS + 40 {
            let (customer, vehicle) = loop {
                let id = ids.next().expect("more customers");
                let active = customers::get(tx, id).is_ok_and(|c| c.archived_at.is_none());
                match vehicles::of_customer(tx, id)?.first() {
                    Some(v) if active => break (id, v.id),
                    _ => continue,
                }
            };
            let advisor = &advisors[i % ADVISORS];
            if i < APPOINTMENTS {
                let slot = (i / ADVISORS) as u32;
                let at = tomorrow
                    .and_time(NaiveTime::from_hms_opt(8 + slot / 6, (slot % 6) * 10, 0).expect("time"));
                let appointment = AppointmentInput {
                    customer_id: customer,
                    vehicle_id: vehicle,
                    advisor_id: advisor.id,
                    at,
                    expected_minutes: 60,
                    requested_work: "常规保养".into(),
                    concerns: "发动机有异响".into(),
                    replacement_car: i % 5 == 0,
                };
                visits::book(tx, advisor, &Booking { appointment, new_customer: None }, now())?;
            } else {
                let walk_in = WalkIn {
                    customer_id: customer,
                    vehicle_id: vehicle,
                    advisor_id: advisor.id,
                    requested_work: "更换刹车片".into(),
                    expected_minutes: 90,
                    replacement_car: false,
                    reception: Reception {
                        mileage_km: 900_000,
                        mileage_reason: None,
                        fuel_eighths: 4,
                        damages: Vec::new(),
                        valuables: String::new(),
                        accessories: String::new(),
                        concerns: "刹车异响".into(),
                    },
                };
                visits::walk_in(tx, advisor, &walk_in, now())?;
            }
        }
        Ok::<_, caredesk_store::StoreError>(())
    })
    .expect("appointments");
}

fn measure(label: &str, runs: usize, mut f: impl FnMut() -> usize) -> Duration {
    for _ in 0..5 {
        f();
    }
    let mut times = Vec::with_capacity(runs);
    let mut size = 0;
    for _ in 0..runs {
        let start = Instant::now();
        size = f();
        times.push(start.elapsed());
    }
    times.sort();
    let median = times[runs / 2];
    let p95 = times[runs * 95 / 100];
    println!("{label:<44} median {:>7.2} ms   p95 {:>7.2} ms   ({size} items)", ms(median), ms(p95));
    median
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The boards on `database`, through the commands; the day board's median.
fn run(engine: &str, mut database: Database, dir: &Path) -> Duration {
    println!("\n{engine}:");
    dealership(&mut database);
    let app = mock_builder()
        .manage(AppState::on(database, dir, now, caredesk_print::source_tree_font()))
        .invoke_handler(caredesk_lib::commands::handler())
        .build(mock_context(noop_assets()))
        .expect("app");
    let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("window");
    call(&window, "sign_in", json!({ "login": "advisor0", "password": "advisor-pass-1" }));

    let day = measure("appointment_board, 1 day, 200 appointments", 200, || {
        let board = call(&window, "appointment_board", json!({ "from": "2026-11-23", "days": 1 }));
        board["visits"].as_array().map_or(0, Vec::len)
    });
    measure("appointment_board, 7 days", 100, || {
        let board = call(&window, "appointment_board", json!({ "from": "2026-11-22", "days": 7 }));
        board["visits"].as_array().map_or(0, Vec::len)
    });
    measure("workshop_board, 40 vehicles", 200, || {
        let board = call(&window, "workshop_board", json!({}));
        board["visits"].as_array().map_or(0, Vec::len)
    });
    day
}

/// The search benchmark's archive of 1,000,000 customers (`target/bench-data`).
fn archive() -> PathBuf {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-data");
    // The search benchmark's name for it: keyed by the schema's text.
    let schema = caredesk_store::migrations::MIGRATIONS
        .iter()
        .flat_map(|sql| sql.bytes())
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3));
    let source = data.join(format!("archive-{ARCHIVE}-{schema:016x}.sqlite"));
    assert!(
        source.with_extension("ready").exists(),
        "no archive of {ARCHIVE} customers at {}: run the search benchmark first (`cargo xtask bench` does)",
        source.display()
    );
    source
}

/// A copy of the file `source` (with its write-ahead log) in `dir`, opened.
fn copy_of(source: &Path, dir: &Path) -> Db {
    let file = dir.join("caredesk.sqlite");
    for suffix in ["", "-wal"] {
        let from = PathBuf::from(format!("{}{suffix}", source.display()));
        if from.exists() {
            std::fs::copy(&from, format!("{}{suffix}", file.display())).expect("copy the archive");
        }
    }
    Db::open(&file).expect("open the archive's copy")
}

/// A database of its own on the server `CAREDESK_BENCH_POSTGRES` names (`cargo
/// xtask bench` starts a throw-away cluster): a copy of the search benchmark's
/// archive there when it was kept (`cargo xtask bench` keeps it), else the file
/// `archive` moved up; dropped at the end.
fn on_postgres(url: &str, archive: &Path, dir: &Path) -> Duration {
    use caredesk_store::postgres::{self, Config, Server};
    let admin: Config = url.parse().expect("CAREDESK_BENCH_POSTGRES is a PostgreSQL URL");
    let name = format!("caredesk_bench_board_{}", std::process::id());
    let template = format!("caredesk_bench_archive_{ARCHIVE}");
    let mut client = postgres::connect(&admin).expect("connect to the benchmark's server");
    let kept = client
        .query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&template])
        .expect("look for the kept archive")
        .is_some();
    let mut config = admin.clone();
    config.dbname(&name);
    if kept {
        client
            .batch_execute(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
            .expect("copy the archive on the server");
    } else {
        client.batch_execute(&format!("CREATE DATABASE {name}")).expect("create the benchmark's database");
        println!("\nmoving the archive up to PostgreSQL ...");
        let archive = Db::open(archive).expect("open the archive");
        postgres::copy::copy_from_sqlite(archive.conn(), &mut postgres::connect(&config).expect("connect"))
            .expect("move the archive up");
    }
    let day = run("PostgreSQL", Database::from(Server::open(&config).expect("open")), dir);
    let _ = client.batch_execute(&format!("DROP DATABASE {name} WITH (FORCE)"));
    day
}

fn main() {
    // `cargo bench` passes --bench; a plain `cargo test --benches` must not copy gigabytes.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let source = archive();
    let db = copy_of(&source, dir.path());
    let stats = customers::stats(db.conn()).expect("the archive's size");
    println!("archive: {} customers, {} vehicles", stats.customers + stats.leads, stats.vehicles);
    let mut medians = vec![("SQLite", run("SQLite", Database::File(db), dir.path()))];
    if let Some(url) = std::env::var("CAREDESK_BENCH_POSTGRES").ok().filter(|u| !u.is_empty()) {
        medians.push(("PostgreSQL", on_postgres(&url, &source, dir.path())));
    }
    let mut missed = false;
    for (engine, day) in medians {
        let verdict = if day > TARGET_MEDIAN { "MISSED" } else { "met" };
        missed |= day > TARGET_MEDIAN;
        println!(
            "{engine}: the day board's median {:.2} ms, target under {} ms — {verdict}",
            ms(day),
            TARGET_MEDIAN.as_millis()
        );
    }
    if missed {
        std::process::exit(1);
    }
}
