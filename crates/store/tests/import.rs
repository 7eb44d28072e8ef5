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
