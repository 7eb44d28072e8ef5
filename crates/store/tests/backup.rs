//! Backups and restores through the store's public functions, on temp folders.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use caredesk_domain::Actor;
use caredesk_domain::archive::{CustomerDetail, CustomerInput, CustomerQuery, CustomerSummary, NewCustomer};
use caredesk_domain::settings::{BackupInfo, BackupKind};
use caredesk_domain::{CustomerId, ErrorKind};
use caredesk_store::{Db, Now, StoreError, backup, customers, migrations, search};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rand::{RngCore, SeedableRng};
use rusqlite::Connection;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn now() -> Now {
    Now::at(Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0).unwrap(), 8)
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn open(dir: &Path, name: &str) -> Db {
    Db::open(&dir.join(name)).unwrap()
}

fn create_all(db: &mut Db, records: &[NewCustomer]) -> Vec<CustomerId> {
    db.write(|tx| {
        records
            .iter()
            .map(|r| customers::create(tx, &Actor::system(), r, now()))
            .collect::<Result<Vec<_>, _>>()
    })
    .unwrap()
}

/// The demo dealership's first `n` customers, each with their vehicles.
fn populate(db: &mut Db, seed: u64, n: usize) -> Vec<CustomerId> {
    create_all(db, &caredesk_demo::dealership(seed, n, today()))
}

fn one(name: &str, mobile: &str) -> NewCustomer {
    NewCustomer {
        customer: CustomerInput { name: name.into(), mobile: mobile.into(), ..CustomerInput::default() },
        vehicles: vec![],
    }
}

fn search_text(db: &Db, text: &str) -> Vec<CustomerSummary> {
    let query =
        CustomerQuery { text: text.into(), include_archived: true, limit: Some(500), ..Default::default() };
    search::customers(db.conn(), &query).unwrap()
}

/// Everything a user could see of the archive.
fn snapshot(db: &Db) -> (Vec<CustomerSummary>, Vec<CustomerDetail>) {
    let list = search_text(db, "");
    let details = list.iter().map(|c| customers::detail(db.conn(), c.id).unwrap()).collect();
    (list, details)
}

fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

fn files_in(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut names: Vec<String> = entries.map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    names
}

fn issue_kind(err: &StoreError) -> (ErrorKind, Option<String>, String) {
    let issue = err.issues().into_iter().next().unwrap();
    (issue.kind, issue.field, issue.message)
}

#[test]
fn a_backup_restored_into_another_database_has_the_same_archive() {
    let dir = tempfile::tempdir().unwrap();
    let mut source = open(dir.path(), "shop.sqlite");
    populate(&mut source, 11, 40);
    let backups = dir.path().join("backups");
    let info = backup::take(source.conn(), &backups, BackupKind::Manual, at(2026, 11, 22, 9, 30)).unwrap();
    assert_eq!(info.kind, BackupKind::Manual);
    assert_eq!(info.taken_at, at(2026, 11, 22, 9, 30));
    assert_eq!(info.customers, 40);
    assert_eq!(info.schema_version, migrations::latest());
    assert_eq!(info.bytes, std::fs::metadata(&info.path).unwrap().len());
    assert_eq!(Path::new(&info.path), backups.join("caredesk-20261122-093000-manual.sqlite"));
    assert_eq!(backup::inspect(Path::new(&info.path)).unwrap(), info);

    // Another installation, with a record of its own that the restore replaces.
    let mut target = open(dir.path(), "other.sqlite");
    create_all(&mut target, &[one("孙丽", "13700137000")]);
    let safety_dir = dir.path().join("other-backups");
    let safety =
        backup::restore(&mut target, Path::new(&info.path), &safety_dir, at(2026, 11, 23, 8, 0)).unwrap();
    assert_eq!((safety.kind, safety.customers), (BackupKind::BeforeRestore, 1));

    assert_eq!(snapshot(&target), snapshot(&source));
    let (list, details) = snapshot(&source);
    let vehicle = details.iter().flat_map(|d| &d.vehicles).next().expect("the demo has vehicles");
    let vin_tail = &vehicle.vin[vehicle.vin.len() - 6..];
    let name_piece: String = list[0].name.chars().take(2).collect();
    for text in [list[3].mobile.as_str(), &list[3].mobile[7..], vin_tail, &name_piece, "孙丽"] {
        assert_eq!(search_text(&target, text), search_text(&source, text), "search for {text:?}");
    }
    assert!(search_text(&target, "孙丽").is_empty(), "the replaced record is gone from the index too");
    for table in
        ["customers", "customer_phones", "vehicles", "vehicle_owners", "customer_search", "audit_log"]
    {
        assert_eq!(count(target.conn(), table), count(source.conn(), table), "{table}");
    }
    // The open Db is still the app's database: WAL, foreign keys, writable.
    let mode: String = target.conn().pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    create_all(&mut target, &[one("周杰", "13600136000")]);
    assert_eq!(search_text(&target, "13600136000").len(), 1);
}

#[test]
fn a_backup_taken_while_another_connection_writes_is_one_consistent_state() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = open(dir.path(), "caredesk.sqlite");
    const START: usize = 3000;
    populate(&mut db, 5, START);

    let stop = Arc::new(AtomicBool::new(false));
    let committed = Arc::new(AtomicUsize::new(START));
    let (started_tx, started) = mpsc::channel();
    let writer = {
        let (path, stop, committed) = (db.path().to_owned(), stop.clone(), committed.clone());
        std::thread::spawn(move || {
            let mut db = Db::open(&path).unwrap();
            for record in caredesk_demo::synthetic(5, 1_000_000, today()).skip(START) {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                db.write(|tx| customers::create(tx, &Actor::system(), &record, now())).unwrap();
                if committed.fetch_add(1, Ordering::SeqCst) + 1 == START + 5 {
                    started_tx.send(()).unwrap();
                }
            }
        })
    };
    started.recv().unwrap();

    let backups = dir.path().join("backups");
    let mut overlapped = 0;
    for attempt in 0..10 {
        let before = committed.load(Ordering::SeqCst);
        let taken = at(2026, 11, 22, 9, attempt);
        let info = backup::take(db.conn(), &backups, BackupKind::Automatic, taken).unwrap();
        let after = committed.load(Ordering::SeqCst);
        if after > before {
            overlapped += 1;
        }
        // The counter trails the database by at most the commit in flight.
        let n = info.customers as usize;
        assert!((before..=after + 1).contains(&n), "{before} <= {n} <= {after} + 1");
        // take() checked integrity; the tables also agree with each other:
        // exactly the first n customers, each with their phones and index line.
        let copy =
            Connection::open_with_flags(&info.path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        let max_id: i64 = copy.query_row("SELECT max(id) FROM customers", [], |r| r.get(0)).unwrap();
        assert_eq!(max_id, n as i64);
        let with_mobile: i64 = copy
            .query_row(
                "SELECT count(DISTINCT customer_id) FROM customer_phones WHERE position = 0",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(with_mobile, n as i64);
        assert_eq!(count(&copy, "customer_search"), n as i64);
        let orphans: i64 = copy
            .query_row(
                "SELECT count(*) FROM vehicles WHERE customer_id NOT IN (SELECT id FROM customers)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(orphans, 0);
    }
    stop.store(true, Ordering::SeqCst);
    writer.join().unwrap();
    assert!(overlapped > 0, "at least one backup was taken while the other connection committed");
}

/// A real backup of a populated database, to spoil in various ways.
fn real_backup(dir: &Path) -> PathBuf {
    let mut db = open(dir, "donor.sqlite");
    populate(&mut db, 3, 300);
    let info =
        backup::take(db.conn(), &dir.join("donor"), BackupKind::Manual, at(2026, 11, 1, 8, 0)).unwrap();
    PathBuf::from(info.path)
}

#[test]
fn restore_refuses_what_is_not_a_good_backup_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad");
    std::fs::create_dir(&bad).unwrap();
    let good = real_backup(dir.path());
    let good_bytes = std::fs::read(&good).unwrap();

    let random = bad.join("random.sqlite");
    let mut noise = vec![0_u8; 64 * 1024];
    rand::rngs::StdRng::seed_from_u64(1).fill_bytes(&mut noise);
    std::fs::write(&random, &noise).unwrap();

    let empty = bad.join("empty.sqlite");
    std::fs::write(&empty, b"").unwrap();

    let truncated = bad.join("caredesk-20261101-080000-manual.sqlite");
    std::fs::write(&truncated, &good_bytes[..good_bytes.len() / 2]).unwrap();

    let scribbled = bad.join("scribbled.sqlite");
    let mut bytes = good_bytes.clone();
    bytes[4096..8192].fill(0x5A); // page 2, the first table's root
    std::fs::write(&scribbled, &bytes).unwrap();

    let newer = bad.join("newer.sqlite");
    std::fs::copy(&good, &newer).unwrap();
    Connection::open(&newer).unwrap().pragma_update(None, "user_version", migrations::latest() + 1).unwrap();

    let foreign = bad.join("someone-else.sqlite");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE customers (id INTEGER PRIMARY KEY);")
        .unwrap();

    let mut db = open(dir.path(), "caredesk.sqlite");
    populate(&mut db, 9, 12);
    let before = snapshot(&db);
    let safety_dir = dir.path().join("safety");
    let cases: [(&Path, &str); 8] = [
        (&random, "not a CareDesk backup"),
        (&empty, "empty"),
        (&truncated, "damaged"),
        (&scribbled, "damaged"),
        (&newer, "newer CareDesk"),
        (&foreign, "not a CareDesk backup"),
        (&bad.join("missing.sqlite"), "does not exist"),
        (&bad, "not a file"),
    ];
    for (file, says) in cases {
        let err = backup::restore(&mut db, file, &safety_dir, at(2026, 11, 22, 10, 0)).unwrap_err();
        let (kind, field, message) = issue_kind(&err);
        assert_eq!((kind, field.as_deref()), (ErrorKind::InvalidBackup, Some("path")), "{message}");
        assert!(message.contains(says), "{file:?}: {message}");
        assert!(backup::inspect(file).is_err());
        assert_eq!(snapshot(&db), before, "{file:?} changed the live database");
        assert!(files_in(&safety_dir).is_empty(), "no safety backup for a refused file");
    }
    let integrity: String = db.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    // Inspecting left nothing beside the files.
    let mut expected =
        vec!["empty.sqlite", "newer.sqlite", "random.sqlite", "scribbled.sqlite", "someone-else.sqlite"];
    expected.insert(0, "caredesk-20261101-080000-manual.sqlite");
    assert_eq!(files_in(&bad), expected);
    // The good one is still accepted.
    assert_eq!(backup::inspect(&good).unwrap().customers, 300);
}

#[test]
fn restoring_an_older_backup_keeps_a_safety_backup_of_what_it_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = open(dir.path(), "caredesk.sqlite");
    populate(&mut db, 21, 3);
    let backups = dir.path().join("backups");
    let monday = backup::take(db.conn(), &backups, BackupKind::Automatic, at(2026, 11, 16, 1, 0)).unwrap();
    let as_on_monday = snapshot(&db);
    create_all(&mut db, &[one("赵敏", "13500135000"), one("钱进", "13500135001")]);
    let as_now = snapshot(&db);

    let safety =
        backup::restore(&mut db, Path::new(&monday.path), &backups, at(2026, 11, 22, 14, 5)).unwrap();
    assert_eq!(snapshot(&db), as_on_monday);
    assert!(search_text(&db, "13500135000").is_empty());
    assert_eq!(safety.kind, BackupKind::BeforeRestore);
    assert_eq!(safety.customers, 5);
    assert_eq!(Path::new(&safety.path), backups.join("caredesk-20261122-140500-before-restore.sqlite"));
    let listed: Vec<(BackupKind, u32)> =
        backup::list(&backups).unwrap().iter().map(|b| (b.kind, b.customers)).collect();
    assert_eq!(listed, [(BackupKind::BeforeRestore, 5), (BackupKind::Automatic, 3)]);
    // Rotation keeps the safety backup however tight the settings.
    assert!(backup::prune(&backups, 0, 0, at(2026, 11, 22, 15, 0)).unwrap().is_empty());

    // The safety backup is the way back, even within the same second.
    let again = backup::restore(&mut db, Path::new(&safety.path), &backups, at(2026, 11, 22, 14, 5)).unwrap();
    assert_eq!(Path::new(&again.path), backups.join("caredesk-20261122-140500-before-restore-2.sqlite"));
    assert_eq!(again.customers, 3);
    assert_eq!(snapshot(&db), as_now);
    assert_eq!(search_text(&db, "13500135000")[0].name, "赵敏");
}

#[test]
fn prune_rotates_real_files_and_touches_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = open(dir.path(), "caredesk.sqlite");
    populate(&mut db, 2, 2);
    let backups = dir.path().join("backups");
    let take = |kind, when| backup::take(db.conn(), &backups, kind, when).unwrap();
    for day in 1..=20 {
        take(BackupKind::Automatic, at(2026, 11, day, 9, 0));
    }
    take(BackupKind::Manual, at(2026, 11, 20, 15, 0));
    take(BackupKind::BeforeRestore, at(2026, 11, 3, 10, 0));
    // Not backups: a note, and the live database itself if the folder is shared.
    std::fs::write(backups.join("notes.txt"), "keep me").unwrap();
    std::fs::copy(db.path(), backups.join("caredesk.sqlite")).unwrap();

    // 2026-11-20 is a Friday: ISO week 47 is 16–22 November, week 46 is 9–15.
    let deleted = backup::prune(&backups, 3, 2, at(2026, 11, 20, 16, 0)).unwrap();
    assert_eq!(deleted.len(), 16);
    assert!(deleted.iter().all(|p| !p.exists()));
    assert_eq!(
        files_in(&backups),
        [
            "caredesk-20261103-100000-before-restore.sqlite",
            "caredesk-20261115-090000-automatic.sqlite", // newest of week 46
            "caredesk-20261118-090000-automatic.sqlite", // the last three days
            "caredesk-20261119-090000-automatic.sqlite",
            "caredesk-20261120-090000-automatic.sqlite", // also the newest of week 47
            "caredesk-20261120-150000-manual.sqlite",    // manual backups are not rotated
            "caredesk.sqlite",
            "notes.txt",
        ]
    );
    assert!(backup::prune(&backups, 3, 2, at(2026, 11, 20, 16, 0)).unwrap().is_empty(), "idempotent");
    assert!(backup::prune(&dir.path().join("nowhere"), 3, 2, at(2026, 11, 20, 16, 0)).unwrap().is_empty());
}

#[test]
fn list_shows_good_backups_newest_first_and_skips_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = open(dir.path(), "caredesk.sqlite");
    populate(&mut db, 4, 5);
    let backups = dir.path().join("backups");
    assert!(backup::list(&backups).unwrap().is_empty(), "a missing folder has no backups");
    let first = backup::take(db.conn(), &backups, BackupKind::Automatic, at(2026, 11, 20, 9, 0)).unwrap();
    create_all(&mut db, &[one("吴昊", "13300133000")]);
    let second = backup::take(db.conn(), &backups, BackupKind::Manual, at(2026, 11, 21, 9, 0)).unwrap();
    // A damaged file with a backup's name, and an unrelated file.
    std::fs::write(backups.join("caredesk-20261122-090000-automatic.sqlite"), b"SQLite format 3\0garbage")
        .unwrap();
    std::fs::write(backups.join("readme.txt"), b"hello").unwrap();
    let listed: Vec<BackupInfo> = backup::list(&backups).unwrap();
    assert_eq!(listed, [second, first]);
    assert_eq!((listed[0].customers, listed[1].customers), (6, 5));
}

#[test]
fn an_unusable_backup_folder_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let db = open(dir.path(), "caredesk.sqlite");
    let file = dir.path().join("a-file");
    std::fs::write(&file, b"not a folder").unwrap();
    let err = backup::take(db.conn(), &file.join("backups"), BackupKind::Manual, at(2026, 11, 22, 9, 0))
        .unwrap_err();
    let (kind, field, message) = issue_kind(&err);
    assert_eq!((kind, field.as_deref()), (ErrorKind::InvalidPath, Some("backupDir")), "{message}");
}

#[test]
fn inspecting_a_copy_of_a_live_database_leaves_no_side_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = open(dir.path(), "caredesk.sqlite");
    populate(&mut db, 8, 4);
    drop(db);
    let copies = dir.path().join("copies");
    std::fs::create_dir(&copies).unwrap();
    let copy = copies.join("copied by hand.sqlite");
    std::fs::copy(dir.path().join("caredesk.sqlite"), &copy).unwrap();
    assert_eq!(std::fs::read(&copy).unwrap()[18], 2, "the copy is marked WAL");
    let info = backup::inspect(&copy).unwrap();
    assert_eq!((info.kind, info.customers), (BackupKind::Manual, 4), "a file named by hand counts as manual");
    assert_eq!(files_in(&copies), ["copied by hand.sqlite"]);
    // …and it can be restored like any backup.
    let mut other = open(dir.path(), "other.sqlite");
    backup::restore(&mut other, &copy, &dir.path().join("backups"), at(2026, 11, 22, 9, 0)).unwrap();
    assert_eq!(count(other.conn(), "customers"), 4);
    assert_eq!(files_in(&copies), ["copied by hand.sqlite"]);

    // A copy taken while the database was open, without its -wal, is refused
    // rather than read without the changes that are only in the -wal.
    let mut live = open(dir.path(), "caredesk.sqlite");
    create_all(&mut live, &[one("郑爽", "13200132000")]);
    let in_use = copies.join("in use.sqlite");
    std::fs::copy(live.path(), &in_use).unwrap();
    std::fs::copy(dir.path().join("caredesk.sqlite-wal"), copies.join("in use.sqlite-wal")).unwrap();
    let err = backup::inspect(&in_use).unwrap_err();
    let (kind, _, message) = issue_kind(&err);
    assert_eq!(kind, ErrorKind::InvalidBackup);
    assert!(message.contains("in use.sqlite-wal"), "{message}");
}
