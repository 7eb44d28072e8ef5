//! The import's dry run and commit through the store's public functions, on
//! temp databases — each test on both engines (SQLite, and PostgreSQL when the
//! test cluster is given).

#[path = "common/engines.rs"]
mod engines;

use std::sync::atomic::{AtomicBool, Ordering};

use caredesk_domain::archive::{CustomerInput, NewCustomer, VehicleInput};
use caredesk_domain::{Actor, CustomerId, ErrorKind};
use caredesk_import::{Field, ImportRow};
use caredesk_store::import::{ImportSummary, Outcome, Planned, commit, plan};
use caredesk_store::{Now, audit, customers, vehicles};
use chrono::{TimeZone, Utc};
use engines::Store;
use rusqlite::params;

const FILE: &str = "old-dms.xlsx";

fn now() -> Now {
    Now::at(Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0).unwrap(), 8)
}

/// A valid VIN, numbered: the check digit put in position 9.
fn vin(n: u32) -> String {
    let base = format!("LFV2A21K067{n:06}");
    let mut chars: Vec<char> = base.chars().collect();
    chars[8] = caredesk_domain::validate::vin_check_digit(&base).unwrap();
    chars.into_iter().collect()
}

/// A VIN whose check digit is wrong.
fn bad_vin(n: u32) -> String {
    let good = vin(n);
    let wrong = if good.as_bytes()[8] == b'1' { '2' } else { '1' };
    good.chars().enumerate().map(|(i, c)| if i == 8 { wrong } else { c }).collect()
}

fn mobile(n: u32) -> String {
    format!("1390000{n:04}")
}

fn plate(n: u32) -> String {
    format!("京A1{n:04}")
}

/// A converted row as `caredesk_import::convert_rows` gives it.
fn row(row: u32, values: &[(Field, &str)]) -> ImportRow {
    ImportRow { row, values: values.iter().map(|(f, v)| (*f, (*v).to_owned())).collect(), issues: Vec::new() }
}

/// A customer with a car, as a row.
fn car_row(at: u32, name: &str, mobile: &str, plate: &str, vin: &str) -> ImportRow {
    row(
        at,
        &[
            (Field::CustomerName, name),
            (Field::Mobile, mobile),
            (Field::Plate, plate),
            (Field::Vin, vin),
            (Field::Brand, "一汽-大众"),
            (Field::Model, "迈腾"),
            (Field::ModelYear, "2020"),
        ],
    )
}

fn archive_customer(db: &mut Store, name: &str, mobile: &str, plate: &str, vin: &str) -> CustomerId {
    let new = NewCustomer {
        customer: CustomerInput { name: name.into(), mobile: mobile.into(), ..CustomerInput::default() },
        vehicles: vec![VehicleInput {
            plate: plate.into(),
            vin: vin.into(),
            brand: "一汽-大众".into(),
            model: "迈腾".into(),
            model_year: Some(2020),
            mileage_km: Some(30_000),
            ..VehicleInput::default()
        }],
    };
    db.write(|tx| customers::create(tx, &Actor::system(), &new, now())).unwrap()
}

fn count(db: &mut Store, table: &str) -> i64 {
    db.read(|c| c.one(&format!("SELECT count(*) AS n FROM {table}"), params![])?.get("n")).unwrap()
}

fn counts(db: &mut Store) -> [i64; 3] {
    [count(db, "customers"), count(db, "vehicles"), count(db, "audit_log")]
}

fn dry_run(db: &mut Store, rows: &[ImportRow]) -> Vec<Planned> {
    db.read(|c| plan(c, rows, now().today)).unwrap_or_else(|e| panic!("{}: {e}", db.engine()))
}

fn run(
    db: &mut Store,
    planned: &[Planned],
    batch: usize,
    cancel: &AtomicBool,
) -> (ImportSummary, Vec<usize>) {
    let mut desk = db.beside();
    let mut seen = Vec::new();
    let summary = commit(&mut desk, &Actor::system(), now(), FILE, planned, batch, cancel, &mut |done, _| {
        seen.push(done)
    })
    .unwrap_or_else(|e| panic!("{}: {e}", db.engine()));
    (summary, seen)
}

/// The outcome's kind and the field its first issue names, for short asserts.
fn kind(planned: &Planned) -> (&'static str, Option<String>) {
    match &planned.outcome {
        Outcome::New { .. } => ("new", None),
        Outcome::Update { .. } => ("update", None),
        Outcome::Skip { .. } => ("skip", None),
        Outcome::Conflict { field, .. } => ("conflict", Some(field.as_str().to_owned())),
        Outcome::Invalid { issues, cells } => (
            "invalid",
            issues
                .first()
                .and_then(|i| i.field.clone())
                .or_else(|| cells.first().map(|c| c.field.as_str().to_owned())),
        ),
    }
}

/// The file of the main test: new rows, bad rows, rows the archive has, a repeat.
fn file() -> Vec<ImportRow> {
    vec![
        car_row(1, "张伟", &mobile(1), &plate(1), &vin(1)),
        row(2, &[(Field::CustomerName, "刘洋"), (Field::Mobile, "138 0013 8000")]),
        row(3, &[(Field::CustomerName, "赵敏"), (Field::Mobile, "12345")]),
        car_row(4, "孙丽", &mobile(4), &plate(4), &bad_vin(4)),
        // The archive's 王芳, with a newer mileage.
        ImportRow {
            values: {
                let mut values = car_row(5, "王芳", &mobile(100), "", &vin(100)).values;
                values.insert(Field::MileageKm, "52000".into());
                values
            },
            ..row(5, &[])
        },
        // The archive's 李强, as the archive has him (the plate left empty).
        car_row(6, "李强", &mobile(200), "", &vin(200)),
        // 王芳's plate with 李强's mobile.
        car_row(7, "王芳", &mobile(200), &plate(100), ""),
        // Row 2's VIN again.
        car_row(8, "张薇", &mobile(8), &plate(8), &vin(1)),
        // 张伟's second car.
        car_row(9, "张伟", &mobile(1), &plate(9), &vin(9)),
        // 李强's plate on a VIN the archive does not have.
        car_row(10, "周杰", &mobile(10), &plate(200), &vin(10)),
        // Consent given in its column.
        row(
            11,
            &[(Field::CustomerName, "陈静"), (Field::Mobile, &mobile(11)), (Field::MarketingConsent, "true")],
        ),
    ]
}

#[test]
fn a_file_is_planned_committed_and_imported_again_without_change() {
    for mut db in Store::each() {
        let engine = db.engine();
        let wang = archive_customer(&mut db, "王芳", &mobile(100), &plate(100), &vin(100));
        archive_customer(&mut db, "李强", &mobile(200), &plate(200), &vin(200));
        let rows = file();

        let planned = dry_run(&mut db, &rows);
        let kinds: Vec<_> = planned.iter().map(kind).collect();
        let s = |k: &'static str| (k, None);
        let f = |k: &'static str, field: &str| (k, Some(field.to_owned()));
        assert_eq!(
            kinds,
            [
                s("new"),
                s("new"),
                f("invalid", "mobile"),
                f("invalid", "vin"),
                s("update"),
                s("skip"),
                f("conflict", "mobile"),
                f("invalid", "vin"),
                s("new"),
                f("conflict", "plate"),
                s("new"),
            ],
            "{engine}"
        );
        let Outcome::Invalid { issues, .. } = &planned[3].outcome else { unreachable!() };
        assert_eq!(issues[0].kind, ErrorKind::VinCheckDigit, "{engine}");
        let Outcome::Invalid { issues, .. } = &planned[7].outcome else { unreachable!() };
        assert!(issues[0].message.contains("row 2"), "{engine}: {}", issues[0].message);
        let Outcome::Update { customer, changes, .. } = &planned[4].outcome else { unreachable!() };
        assert_eq!(customer.customer_id, wang, "{engine}");
        let changed: Vec<_> = changes.iter().map(|c| (c.field.as_str(), c.after.clone())).collect();
        assert_eq!(changed, [("vehicle.mileageKm", serde_json::json!(52000))], "{engine}");
        assert_eq!(planned[8].outcome, Outcome::New { same_customer_as: Some(1) }, "{engine}");
        let Outcome::Conflict { customers, .. } = &planned[6].outcome else { unreachable!() };
        assert_eq!(customers.iter().map(|c| c.label.as_str()).collect::<Vec<_>>(), ["王芳", "李强"]);
        // The preview crosses IPC in camel case, tagged by kind.
        let json = serde_json::to_value(&planned[8]).unwrap();
        assert_eq!(json["outcome"], serde_json::json!({ "kind": "new", "sameCustomerAs": 1 }), "{engine}");
        assert_eq!(json["marketingConsent"], serde_json::Value::Null, "{engine}");

        let before = counts(&mut db);
        let (summary, progress) = run(&mut db, &planned, 4, &AtomicBool::new(false));
        assert_eq!(
            (summary.imported, summary.updated, summary.skipped, summary.failed),
            (4, 1, 1, 5),
            "{engine}: {summary:?}"
        );
        assert!(!summary.cancelled);
        assert_eq!(summary.failed_rows.iter().map(|r| r.row).collect::<Vec<_>>(), [3, 4, 7, 8, 10]);
        assert_eq!(progress, [4, 8, 11], "{engine}");
        // Three customers (张伟, 刘洋, 陈静), three vehicles (张伟's two, …) — 陈静 has none.
        assert_eq!(counts(&mut db)[..2], [before[0] + 3, before[1] + 2], "{engine}");

        let zhang = db.read(|c| customers::all(c)).unwrap().into_iter().find(|c| c.name == "张伟").unwrap();
        let detail = db.read(|c| customers::detail(c, zhang.id)).unwrap();
        assert_eq!(detail.vehicles.len(), 2, "{engine}");
        assert!(!detail.customer.marketing_consent, "{engine}: absent consent is not given");
        let chen = db.read(|c| customers::all(c)).unwrap().into_iter().find(|c| c.name == "陈静").unwrap();
        assert!(chen.marketing_consent, "{engine}");
        let liu = db.read(|c| customers::all(c)).unwrap().into_iter().find(|c| c.name == "刘洋").unwrap();
        assert_eq!(liu.mobile, "13800138000", "{engine}");

        // Every created or updated record's entry names the file and the row.
        let imported_from = |entries: Vec<caredesk_domain::audit::AuditEntry>| -> Vec<String> {
            entries
                .into_iter()
                .flat_map(|e| e.changes)
                .filter(|c| c.field == "importedFrom")
                .map(|c| c.after.as_str().unwrap().to_owned())
                .collect()
        };
        let mut zhang_sources = imported_from(db.read(|c| audit::of_customer(c, zhang.id)).unwrap());
        zhang_sources.sort();
        assert_eq!(
            zhang_sources,
            ["old-dms.xlsx row 10", "old-dms.xlsx row 2", "old-dms.xlsx row 2"],
            "{engine}: the customer and the first car from row 2, the second car from row 10"
        );
        let wang_car = db.read(|c| vehicles::of_customer(c, wang)).unwrap().remove(0);
        assert_eq!(wang_car.mileage_km, Some(52_000), "{engine}");
        assert_eq!(
            imported_from(db.read(|c| audit::of_vehicle(c, wang_car.id)).unwrap()),
            ["old-dms.xlsx row 6"],
            "{engine}"
        );

        // The same file again: every row that was written is now a skip.
        let again = dry_run(&mut db, &rows);
        let kinds: Vec<_> = again.iter().map(|p| kind(p).0).collect();
        assert_eq!(
            kinds,
            [
                "skip", "skip", "invalid", "invalid", "skip", "skip", "conflict", "invalid", "skip",
                "conflict", "skip"
            ],
            "{engine}"
        );
        let written = counts(&mut db);
        let (summary, _) = run(&mut db, &again, 4, &AtomicBool::new(false));
        assert_eq!((summary.imported, summary.updated, summary.skipped), (0, 0, 6), "{engine}");
        assert_eq!(counts(&mut db), written, "{engine}: importing again changes nothing");
    }
}

/// `n` rows of new customers with a car each.
fn new_rows(n: u32) -> Vec<ImportRow> {
    (1..=n).map(|i| car_row(i, &format!("客户{i}"), &mobile(i), &plate(i), &vin(i))).collect()
}

#[test]
fn cancelling_keeps_only_whole_batches() {
    for mut db in Store::each() {
        let engine = db.engine();
        let planned = dry_run(&mut db, &new_rows(6));
        let cancel = AtomicBool::new(false);
        let mut desk = db.beside();
        let summary =
            commit(&mut desk, &Actor::system(), now(), FILE, &planned, 2, &cancel, &mut |done, total| {
                assert_eq!(total, 6);
                if done == 2 {
                    cancel.store(true, Ordering::SeqCst);
                }
            })
            .unwrap();
        assert!(summary.cancelled, "{engine}");
        assert_eq!((summary.imported, summary.failed), (2, 0), "{engine}");
        assert_eq!(counts(&mut db)[..2], [2, 2], "{engine}");
    }
}

#[test]
fn a_row_that_fails_at_write_time_rolls_back_only_its_batch() {
    for mut db in Store::each() {
        let engine = db.engine();
        let planned = dry_run(&mut db, &new_rows(7));
        assert!(planned.iter().all(|p| p.outcome == Outcome::New { same_customer_as: None }), "{engine}");
        // After the preview, someone takes row 5's mobile number.
        let new = NewCustomer {
            customer: CustomerInput { name: "抢先".into(), mobile: mobile(5), ..CustomerInput::default() },
            vehicles: Vec::new(),
        };
        db.write(|tx| customers::create(tx, &Actor::system(), &new, now())).unwrap();

        let (summary, progress) = run(&mut db, &planned, 3, &AtomicBool::new(false));
        assert_eq!((summary.imported, summary.failed), (4, 3), "{engine}: {summary:?}");
        assert_eq!(progress, [3, 6, 7], "{engine}");
        let failed: Vec<_> = summary.failed_rows.iter().map(|r| r.row).collect();
        assert_eq!(failed, [4, 5, 6], "{engine}");
        let culprit = &summary.failed_rows[1].issues[0];
        assert_eq!(
            (culprit.kind, culprit.field.as_deref()),
            (ErrorKind::Duplicate, Some("mobile")),
            "{engine}: {culprit:?}"
        );
        assert!(summary.failed_rows[0].issues[0].message.contains("row 6"), "{engine}");
        // Rows 1–3 and 7, and the customer who took the number.
        assert_eq!(counts(&mut db)[..2], [5, 4], "{engine}");
    }
}

#[test]
fn importing_needs_the_import_permission() {
    for mut db in Store::each() {
        let planned = dry_run(&mut db, &new_rows(1));
        let reception = Actor { role: caredesk_domain::staff::Role::Technician, ..Actor::system() };
        let mut desk = db.beside();
        let refused =
            commit(&mut desk, &reception, now(), FILE, &planned, 10, &AtomicBool::new(false), &mut |_, _| {});
        assert!(refused.is_err(), "{}", db.engine());
        assert_eq!(count(&mut db, "customers"), 0);
    }
}

#[test]
fn a_csv_file_is_read_planned_and_committed() {
    for mut db in Store::each() {
        let engine = db.engine();
        let csv = format!(
            "客户档案\n姓名,手机号码,车牌号,车架号,品牌,车型,行驶里程,营销许可\n\
             张伟,{},京Ａ１２３４５,{},大众,迈腾,\"45,000\",是\n\
             李娜,1.39001E+10,,,,,,\n",
            mobile(1),
            vin(1).to_lowercase(),
        );
        let workbook = caredesk_import::read_bytes("old.csv", csv.as_bytes()).unwrap();
        let sheet = workbook.sheet(None).unwrap();
        let mapping =
            caredesk_import::Mapping::guess(sheet, caredesk_import::find_header_row(sheet).unwrap());
        let rows = caredesk_import::convert_rows(sheet, &mapping).unwrap();

        let planned = dry_run(&mut db, &rows);
        assert_eq!(
            planned.iter().map(|p| kind(p)).collect::<Vec<_>>()[1],
            ("invalid", Some("mobile".into()))
        );
        let (summary, _) = run(&mut db, &planned, 100, &AtomicBool::new(false));
        assert_eq!((summary.imported, summary.failed), (1, 1), "{engine}: {summary:?}");
        let zhang = db.read(|c| customers::all(c)).unwrap().remove(0);
        assert!(zhang.marketing_consent, "{engine}");
        let car = db.read(|c| vehicles::of_customer(c, zhang.id)).unwrap().remove(0);
        assert_eq!(
            (car.plate.as_deref(), car.vin.as_str(), car.mileage_km),
            (Some("京A12345"), vin(1).as_str(), Some(45_000))
        );
    }
}

// ---------------------------------------------------------------------------
// Service history (issue 15, item 4)

/// An administrator, the service manager who imports, and an advisor whose
/// name the old system's files use.
fn importing_team(db: &mut Store) -> (Actor, Actor) {
    use caredesk_domain::Role;
    use caredesk_domain::staff::{AdminSetup, StaffInput};
    let setup =
        AdminSetup {
            name: "赵建国".into(), login: "admin".into(), password: "correct horse battery".into()
        };
    let admin = db.write(|tx| caredesk_store::staff::create_administrator(tx, &setup, now())).unwrap();
    let admin = Actor { id: admin.id, name: admin.name, role: Role::Administrator };
    let member = |db: &mut Store, name: &str, login: &str, role: Role| {
        let input = StaffInput { name: name.into(), login: login.into(), role, active: true };
        let id = db
            .write(|tx| caredesk_store::staff::create(tx, &admin, &input, "correct horse battery", now()))
            .unwrap();
        Actor { id, name: name.into(), role }
    };
    (member(db, "孙经理", "sun", Role::ServiceManager), member(db, "王顾问", "wang", Role::ServiceAdvisor))
}

/// A history row: the customer and car of `car_row` with a past visit.
fn visit_row(at: u32, car: u32, date: &str, ro: &str, km: &str, advisor: &str, amount: &str) -> ImportRow {
    let (name, phone) =
        if car == 300 { ("李强".to_owned(), mobile(300)) } else { ("张伟".to_owned(), mobile(car)) };
    let mut row = car_row(at, &name, &phone, &plate(car), &vin(car));
    for (field, value) in [
        (Field::VisitDate, date),
        (Field::RoNumber, ro),
        (Field::MileageKm, km),
        (Field::Advisor, advisor),
        (Field::WorkDone, "常规保养"),
        (Field::Amount, amount),
    ] {
        row.values.insert(field, value.to_owned());
    }
    row
}

fn history_file() -> Vec<ImportRow> {
    vec![
        visit_row(1, 1, "2025-03-05", "RO1", "10000", "王顾问", "800.00"),
        visit_row(2, 1, "2025-09-10", "RO2", "20000", "老李", "1200.50"),
        // Row 3 again.
        visit_row(3, 1, "2025-09-10", "RO2", "20000", "老李", "1200.50"),
        // The archive's car, older than its last visit here.
        visit_row(4, 300, "2025-01-01", "OLD-9", "30500", "", ""),
        // The archive's car, the old system's last visit dated today.
        visit_row(5, 300, "2026-11-22", "OLD-10", "45000", "王顾问", "300"),
        // A visit whose vehicle the row does not name.
        row(
            6,
            &[(Field::CustomerName, "赵敏"), (Field::Mobile, &mobile(6)), (Field::VisitDate, "2024-05-01")],
        ),
    ]
}

#[derive(Debug, PartialEq)]
struct StoredVisit {
    number: String,
    state: String,
    advisor_id: i64,
    imported_advisor: Option<String>,
    source_number: Option<String>,
    mileage_km: Option<i64>,
    total_fen: i64,
    handed_over_local: String,
}

fn stored_visits(db: &mut Store) -> Vec<StoredVisit> {
    db.read(|c| {
        c.rows(
            "SELECT number, state, advisor_id, imported_advisor, source_number, mileage_km, total_fen,
                    handed_over_local
             FROM visits WHERE imported = 1 ORDER BY handed_over_local, id",
            params![],
        )?
        .iter()
        .map(|r| {
            Ok(StoredVisit {
                number: r.get("number")?,
                state: r.get("state")?,
                advisor_id: r.get("advisor_id")?,
                imported_advisor: r.get("imported_advisor")?,
                source_number: r.get("source_number")?,
                mileage_km: r.get("mileage_km")?,
                total_fen: r.get("total_fen")?,
                handed_over_local: r.get("handed_over_local")?,
            })
        })
        .collect()
    })
    .unwrap()
}

fn last_visit_and_mileage(db: &mut Store, vin: &str) -> (Option<String>, Option<i64>) {
    db.read(|c| {
        let r = c.one("SELECT last_visit_on, mileage_km FROM vehicles WHERE vin = ?1", params![vin])?;
        Ok((r.get("last_visit_on")?, r.get("mileage_km")?))
    })
    .unwrap()
}

#[test]
fn past_visits_are_imported_once_as_history_that_no_kpi_counts() {
    use caredesk_store::import::PastVisitStatus;
    for mut db in Store::each() {
        let engine = db.engine();
        let (manager, advisor) = importing_team(&mut db);
        let li = archive_customer(&mut db, "李强", &mobile(300), &plate(300), &vin(300));
        // CareDesk saw 李强's car in June at 40,000 km.
        db.write(|tx| {
            tx.run(
                "UPDATE vehicles SET last_visit_on = '2026-06-01', mileage_km = 40000 WHERE customer_id = ?1",
                params![li.0],
            )
        })
        .unwrap();

        let rows = history_file();
        let planned = dry_run(&mut db, &rows);
        let kinds: Vec<_> = planned.iter().map(kind).collect();
        assert_eq!(
            kinds,
            [
                ("new", None),
                ("new", None),
                ("new", None),
                ("skip", None),
                ("skip", None),
                ("invalid", Some("plate".to_owned()))
            ],
            "{engine}"
        );
        assert_eq!(planned[1].outcome, Outcome::New { same_customer_as: Some(1) }, "{engine}");
        let visits: Vec<_> = planned.iter().map(|p| p.visit.as_ref().map(|v| v.status)).collect();
        use PastVisitStatus::{Known, New};
        assert_eq!(visits, [Some(New), Some(New), Some(Known), Some(New), Some(New), Some(New)], "{engine}");
        let repeat = planned[2].visit.as_ref().unwrap();
        assert_eq!((repeat.same_vehicle_as, repeat.same_visit_as), (Some(1), Some(2)), "{engine}");
        let first = planned[0].visit.as_ref().unwrap();
        assert_eq!(first.amount, caredesk_domain::Fen(80_000), "{engine}");
        assert_eq!(planned[0].vehicle.as_ref().unwrap().mileage_km, None, "{engine}: the visit's mileage");
        let json = serde_json::to_value(&planned[2]).unwrap();
        assert_eq!(json["visit"]["status"], "known", "{engine}");
        assert_eq!(json["visit"]["sameVisitAs"], 2, "{engine}");

        let mut desk = db.beside();
        let summary =
            commit(&mut desk, &manager, now(), FILE, &planned, 2, &AtomicBool::new(false), &mut |_, _| {})
                .unwrap_or_else(|e| panic!("{engine}: {e}"));
        assert_eq!(
            (summary.imported, summary.updated, summary.skipped, summary.failed),
            (1, 0, 4, 1),
            "{engine}: {summary:?}"
        );
        assert_eq!((summary.visits_imported, summary.visits_skipped), (4, 1), "{engine}");

        let stored = stored_visits(&mut db);
        let numbers: Vec<_> = stored.iter().map(|v| v.source_number.as_deref().unwrap()).collect();
        assert_eq!(numbers, ["OLD-9", "RO1", "RO2", "OLD-10"], "{engine}");
        assert!(stored.iter().all(|v| v.state == "handed_over" && v.number.starts_with("IMP-")), "{engine}");
        // The advisor of that name, else whoever imported; the old name kept.
        assert_eq!(
            (stored[1].advisor_id, stored[1].imported_advisor.as_deref()),
            (advisor.id.0, Some("王顾问"))
        );
        assert_eq!(
            (stored[2].advisor_id, stored[2].imported_advisor.as_deref()),
            (manager.id.0, Some("老李"))
        );
        assert_eq!((stored[0].advisor_id, stored[0].imported_advisor.as_deref()), (manager.id.0, None));
        assert_eq!((stored[2].mileage_km, stored[2].total_fen), (Some(20_000), 120_050), "{engine}");
        assert_eq!(stored[1].handed_over_local.replace('T', " "), "2025-03-05 12:00:00", "{engine}");

        // The last visit and the mileage only move forward.
        assert_eq!(last_visit_and_mileage(&mut db, &vin(1)), (Some("2025-09-10".into()), Some(20_000)));
        assert_eq!(last_visit_and_mileage(&mut db, &vin(300)), (Some("2026-11-22".into()), Some(45_000)));

        // In the vehicle's history, marked as imported.
        let car = db.read(|c| vehicles::of_customer(c, li)).unwrap().remove(0);
        let history = db.read(|c| caredesk_store::visits::of_vehicle(c, car.id, now())).unwrap();
        assert_eq!(history.visits.len(), 2, "{engine}");
        assert!(history.visits.iter().all(|v| v.imported), "{engine}");
        assert_eq!(history.visits[0].source_number.as_deref(), Some("OLD-10"), "{engine}");

        // Not CareDesk's work: no follow-up call, not on today's board, not in the on-time rate.
        assert_eq!(count(&mut db, "follow_up_calls"), 0, "{engine}");
        let filter = caredesk_domain::follow_up::CallFilter {
            date: now().today,
            advisor_id: None,
            caller_id: None,
            untaken: false,
        };
        let calls = db.read(|c| caredesk_store::follow_up::list(c, &manager, &filter, now().today)).unwrap();
        assert!(calls.is_empty(), "{engine}");
        let board = db.read(|c| caredesk_store::visits::workshop(c, now())).unwrap();
        assert!(board.visits.is_empty(), "{engine}: {:?}", board.visits);
        assert_eq!(board.on_time_today.handed_over, 0, "{engine}");
        assert_eq!(board.on_time_30_days.handed_over, 0, "{engine}");
        let from = now().today - chrono::Days::new(30);
        let report =
            db.read(|c| caredesk_store::follow_up::report(c, &manager, from, now().today, now().today));
        let report = serde_json::to_value(report.unwrap()).unwrap();
        assert_eq!(report["alerts"], serde_json::json!([]), "{engine}");

        // Each visit's audit entry names the file and the row.
        let zhang = db.read(|c| customers::all(c)).unwrap().into_iter().find(|c| c.name == "张伟").unwrap();
        let sources: Vec<String> = db
            .read(|c| audit::of_customer(c, zhang.id))
            .unwrap()
            .into_iter()
            .filter(|e| e.entity == caredesk_domain::audit::AuditEntity::Visit)
            .flat_map(|e| e.changes)
            .filter(|c| c.field == "importedFrom")
            .map(|c| c.after.as_str().unwrap().to_owned())
            .collect();
        let mut sources = sources;
        sources.sort();
        assert_eq!(sources, ["old-dms.xlsx row 2", "old-dms.xlsx row 3"], "{engine}");

        // The same file again changes nothing.
        let again = dry_run(&mut db, &rows);
        assert!(
            again
                .iter()
                .filter_map(|p| p.visit.as_ref())
                .all(|v| v.status == Known || v.same_visit_as.is_some())
                || kind(&again[5]).0 == "invalid",
            "{engine}"
        );
        assert_eq!(
            again.iter().map(|p| p.visit.as_ref().map(|v| v.status)).collect::<Vec<_>>()[..5],
            [Some(Known); 5],
            "{engine}"
        );
        let before = (counts(&mut db), count(&mut db, "visits"));
        let mut desk = db.beside();
        let summary =
            commit(&mut desk, &manager, now(), FILE, &again, 2, &AtomicBool::new(false), &mut |_, _| {})
                .unwrap();
        assert_eq!((summary.imported, summary.updated, summary.visits_imported), (0, 0, 0), "{engine}");
        assert_eq!(summary.visits_skipped, 5, "{engine}");
        assert_eq!((counts(&mut db), count(&mut db, "visits")), before, "{engine}: nothing changed");
    }
}

#[test]
fn a_refused_row_does_not_take_its_vehicles_later_visits_with_it() {
    for mut db in Store::each() {
        let engine = db.engine();
        // The old system's first row of the car is refused (a visit dated after today);
        // its next visit is good and is imported with the customer and the car.
        let rows = [
            visit_row(1, 1, "2027-01-01", "RO9", "30000", "", ""),
            visit_row(2, 1, "2025-09-10", "RO2", "20000", "", ""),
            visit_row(3, 1, "2026-01-10", "RO3", "25000", "", ""),
        ];
        let planned = dry_run(&mut db, &rows);
        assert_eq!(kind(&planned[0]).0, "invalid", "{engine}");
        assert_eq!(kind(&planned[1]), ("new", None), "{engine}");
        assert_eq!(kind(&planned[2]), ("new", None), "{engine}: the same customer and car as row 2");
        let (manager, _) = importing_team(&mut db);
        let mut desk = db.beside();
        commit(&mut desk, &manager, now(), FILE, &planned, 10, &AtomicBool::new(false), &mut |_, _| {})
            .unwrap();
        let stored = ["customers", "vehicles", "visits"].map(|table| count(&mut db, table));
        assert_eq!(stored, [1, 1, 2], "{engine}: one customer, one car, two past visits");
    }
}

#[test]
fn an_older_file_does_not_move_the_last_visit_back() {
    for mut db in Store::each() {
        let engine = db.engine();
        let (manager, _) = importing_team(&mut db);
        let newer = [visit_row(1, 1, "2025-09-10", "RO2", "20000", "", "")];
        let older = [visit_row(1, 1, "2024-02-01", "RO0", "5000", "", "")];
        for rows in [&newer[..], &older[..]] {
            let planned = dry_run(&mut db, rows);
            let mut desk = db.beside();
            commit(&mut desk, &manager, now(), FILE, &planned, 10, &AtomicBool::new(false), &mut |_, _| {})
                .unwrap();
        }
        assert_eq!(count(&mut db, "visits"), 2, "{engine}");
        assert_eq!(last_visit_and_mileage(&mut db, &vin(1)), (Some("2025-09-10".into()), Some(20_000)));
    }
}

#[test]
fn imported_visits_drive_the_mileage_estimate_of_the_care_list() {
    use caredesk_domain::care::CareKind;
    for mut db in Store::each() {
        let engine = db.engine();
        let (manager, _) = importing_team(&mut db);
        let rows: Vec<ImportRow> = [(1, "2026-05-01", "20000"), (2, "2026-09-01", "30000")]
            .into_iter()
            .map(|(at, date, km)| {
                let mut row = visit_row(at, 1, date, &format!("RO{at}"), km, "", "");
                row.values.insert(Field::MarketingConsent, "true".into());
                row
            })
            .collect();
        let planned = dry_run(&mut db, &rows);
        let mut desk = db.beside();
        commit(&mut desk, &manager, now(), FILE, &planned, 10, &AtomicBool::new(false), &mut |_, _| {})
            .unwrap();
        db.write(|tx| caredesk_store::care::refresh(tx, CareKind::MaintenanceDue, now())).unwrap();
        let list = db
            .read(|c| {
                caredesk_store::care::list(c, &manager, CareKind::MaintenanceDue, now().today, now().today)
            })
            .unwrap();
        let calls: Vec<_> = list.iter().map(|c| (c.customer_name.as_str(), c.due_on.to_string())).collect();
        // 10,000 km in 123 days; the next 7,500 km from the last visit, 93 days on.
        assert_eq!(calls, [("张伟", "2026-12-03".to_owned())], "{engine}");
    }
}
