//! Importing a dealership's archive (issue 15): 100,000 customers with a
//! vehicle each and 300,000 past visits, as an old system's service-history
//! export gives them — one row per visit, the customer and vehicle repeated on
//! each — through `import::plan` (validation, the archive's and the file's
//! duplicate checks) and `import::commit` (the forms' checks again, the search
//! index, the audit trail), into an empty database. Run with `cargo xtask bench`.
//!
//! Prints the time of the dry run and of the commit, and the process's peak
//! memory (VmHWM, Linux only); exits non-zero when SQLite's import takes more
//! than 60 s, the issue's target. With `CAREDESK_BENCH_POSTGRES` (a server's
//! URL; `cargo xtask bench` sets it) a tenth of the file is imported into a new
//! database there too, and its time printed: team mode misses the target. Set CAREDESK_BENCH_CUSTOMERS for
//! another size (three visits each).

use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use caredesk_domain::staff::AdminSetup;
use caredesk_domain::{Actor, Role};
use caredesk_import::{Field, ImportRow};
use caredesk_store::import::{self, ImportSummary};
use caredesk_store::postgres::{self, Config, Server};
use caredesk_store::{Announce, Database, Db, Now, staff};
use chrono::{Days, NaiveDate, TimeZone, Utc};

const TARGET: Duration = Duration::from_secs(60);
const VISITS_EACH: u32 = 3;
/// Team mode's import is measured on a tenth of the file (see `on_postgres`).
const POSTGRES_SHARE: u32 = 10;

fn now() -> Now {
    Now::at(Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0).single().expect("valid instant"), 8)
}

const SURNAMES: &[&str] = &["张", "王", "李", "刘", "陈", "杨", "赵", "黄", "周", "吴", "欧阳", "孙"];
const GIVEN: &[&str] =
    &["伟", "芳", "娜", "秀英", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟"];
const ADVISORS: &[&str] = &["王顾问", "李顾问", "陈顾问", "老周", ""];
const WORK: &[&str] = &["常规保养", "更换机油机滤", "刹车片更换", "四轮定位", "空调清洗", "更换轮胎"];

/// A valid VIN, numbered: the check digit put in position 9.
fn vin(n: u32) -> String {
    let base = format!("LFV2A21K067{n:06}");
    let mut chars: Vec<char> = base.chars().collect();
    chars[8] = caredesk_domain::validate::vin_check_digit(&base).expect("a VIN's characters");
    chars.into_iter().collect()
}

/// The old system's export: for each customer, three visit rows repeating the
/// customer and the vehicle, a few months apart.
fn rows(customers: u32) -> Vec<ImportRow> {
    let first_visit = NaiveDate::from_ymd_opt(2021, 1, 4).expect("a day");
    let mut rows = Vec::with_capacity((customers * VISITS_EACH) as usize);
    for n in 0..customers {
        let name = format!(
            "{}{}",
            SURNAMES[n as usize % SURNAMES.len()],
            GIVEN[(n as usize / SURNAMES.len()) % GIVEN.len()]
        );
        let customer = [
            (Field::CustomerName, name),
            (Field::Mobile, format!("139{n:08}")),
            (
                Field::Plate,
                format!("京{}{:05}", ['A', 'B', 'C', 'E'][(n / 100_000) as usize % 4], n % 100_000),
            ),
            (Field::Vin, vin(n)),
            (Field::Brand, "一汽-大众".to_owned()),
            (Field::Model, ["迈腾", "速腾", "宝来", "探岳"][n as usize % 4].to_owned()),
            (Field::ModelYear, (2015 + n % 8).to_string()),
            (Field::PurchaseDate, "2020-06-01".to_owned()),
        ];
        for visit in 0..VISITS_EACH {
            let on = first_visit + Days::new(u64::from(n % 300 + visit * 200));
            let index = n * VISITS_EACH + visit;
            let mut values: std::collections::BTreeMap<Field, String> = customer.iter().cloned().collect();
            values.insert(Field::VisitDate, on.to_string());
            values.insert(Field::RoNumber, format!("RO{index:07}"));
            values.insert(Field::MileageKm, (8_000 * (visit + 1) + n % 5_000).to_string());
            values.insert(Field::Advisor, ADVISORS[index as usize % ADVISORS.len()].to_owned());
            values.insert(Field::WorkDone, WORK[index as usize % WORK.len()].to_owned());
            values.insert(Field::Amount, format!("{}.{:02}", 300 + index % 2_000, index % 100));
            rows.push(ImportRow { row: index + 1, values, issues: Vec::new() });
        }
    }
    rows
}

/// A line of /proc/self/status (`VmHWM`, the peak; `VmRSS`, now) in MiB; "n/a"
/// where there is no such file (not Linux).
fn memory(line: &str) -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(line)).map(str::to_owned))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse::<u64>().ok()))
        .map_or_else(|| "n/a".to_owned(), |kib| format!("{:.1} MiB", kib as f64 / 1024.0))
}

fn peak_memory() -> String {
    memory("VmHWM:")
}

/// The administrator who imports, and the advisors the file names.
fn people(db: &mut Database) -> Actor {
    let setup =
        AdminSetup {
            name: "赵建国".into(), login: "admin".into(), password: "correct horse battery".into()
        };
    let admin = db.write(|tx| staff::create_administrator(tx, &setup, now())).expect("the administrator");
    let admin = Actor { id: admin.id, name: admin.name, role: Role::Administrator };
    for (i, name) in ADVISORS.iter().filter(|a| !a.is_empty() && a.contains("顾问")).enumerate() {
        let input = caredesk_domain::staff::StaffInput {
            name: (*name).to_owned(),
            login: format!("advisor{i}"),
            role: Role::ServiceAdvisor,
            active: true,
        };
        db.write(|tx| staff::create(tx, &admin, &input, "correct horse battery", now())).expect("an advisor");
    }
    admin
}

/// Plans and commits the file; the seconds of each and what was written.
fn import(db: &mut Database, rows: &[ImportRow]) -> (Duration, Duration, ImportSummary) {
    let actor = people(db);
    let batch =
        std::env::var("CAREDESK_BENCH_BATCH").ok().and_then(|n| n.parse().ok()).unwrap_or(import::BATCH_SIZE);
    let start = Instant::now();
    let planned = import::plan(db.conn(), rows, now().today).expect("plan");
    let planned_in = start.elapsed();
    println!("memory in use with the file and its dry run: {}", memory("VmRSS:"));
    let start = Instant::now();
    let mut last = 0;
    let summary = import::commit(
        db,
        &actor,
        now(),
        "old-dms.xlsx",
        &planned,
        batch,
        &AtomicBool::new(false),
        &mut |done, total| {
            if done * 10 / total > last {
                last = done * 10 / total;
                eprint!(" {}%", last * 10);
            }
        },
    )
    .expect("commit");
    eprintln!();
    (planned_in, start.elapsed(), summary)
}

fn report(
    engine: &str,
    (plan, commit, summary): &(Duration, Duration, ImportSummary),
    customers: u32,
) -> bool {
    let total = *plan + *commit;
    println!(
        "\n{engine}: {} rows ({customers} customers, {} visits)\n  dry run {:.1} s, commit {:.1} s, total {:.1} s \
         (target < {} s): {}\n  imported {}, updated {}, skipped {}, failed {}; visits imported {}, skipped {}\n  \
         peak memory so far: {}",
        customers * VISITS_EACH,
        customers * VISITS_EACH,
        plan.as_secs_f64(),
        commit.as_secs_f64(),
        total.as_secs_f64(),
        TARGET.as_secs(),
        if total < TARGET { "MET" } else { "MISSED" },
        summary.imported,
        summary.updated,
        summary.skipped,
        summary.failed,
        summary.visits_imported,
        summary.visits_skipped,
        peak_memory(),
    );
    assert_eq!(summary.failed, 0, "{engine}: {:?}", summary.failed_rows.first());
    assert_eq!(summary.imported, customers, "{engine}");
    assert_eq!(summary.visits_imported, customers * VISITS_EACH, "{engine}");
    total < TARGET
}

/// A tenth of the file (the first customers' rows) into a new database on the
/// server, dropped afterwards. Each statement is a round trip to the server
/// (about 25 a row), so the whole file takes minutes there: measured on a
/// tenth, the time printed for the whole file is ten times that.
fn on_postgres(url: &str, rows: &[ImportRow], customers: u32) {
    let customers = customers / POSTGRES_SHARE;
    let rows = &rows[..(customers * VISITS_EACH) as usize];
    let admin: Config = url.parse().expect("CAREDESK_BENCH_POSTGRES is a PostgreSQL URL");
    let name = format!("caredesk_bench_import_{}", std::process::id());
    let mut client = postgres::connect(&admin).expect("connect to the benchmark's server");
    client.batch_execute(&format!("CREATE DATABASE {name}")).expect("create the benchmark's database");
    let mut config = admin.clone();
    config.dbname(&name);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut db = Database::Server(Box::new(Server::open(&config).expect("open the server's database")));
        let measured = import(&mut db, rows);
        report("PostgreSQL (a tenth of the file)", &measured, customers);
        println!(
            "  the whole file on PostgreSQL: about {:.0} s",
            (measured.0 + measured.1).as_secs_f64() * f64::from(POSTGRES_SHARE)
        );
    }));
    let _ = client.batch_execute(&format!("DROP DATABASE {name} WITH (FORCE)"));
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

fn main() {
    // `cargo bench` passes --bench; a plain `cargo test --benches` passes nothing.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let customers: u32 =
        std::env::var("CAREDESK_BENCH_CUSTOMERS").ok().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let start = Instant::now();
    let rows = rows(customers);
    println!(
        "generated {} rows in {:.1} s; memory in use with the file: {}",
        rows.len(),
        start.elapsed().as_secs_f64(),
        memory("VmRSS:")
    );

    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut file = Db::open(&dir.path().join("import.sqlite")).expect("a new database");
    // As in the app: every commit announces what it changed (the screens' triggers).
    file.announce_changes(Announce::new(|_| {})).expect("the change triggers");
    let mut db = Database::File(file);
    let measured = import(&mut db, &rows);
    let met = report("SQLite", &measured, customers);
    drop(db);
    if let Some(url) = std::env::var("CAREDESK_BENCH_POSTGRES").ok().filter(|u| !u.is_empty()) {
        on_postgres(&url, &rows, customers);
    }
    println!("\npeak memory: {}", peak_memory());
    if !met {
        eprintln!("the import took longer than {} s on SQLite", TARGET.as_secs());
        std::process::exit(1);
    }
}
