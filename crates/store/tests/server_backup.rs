//! Team mode's backups: pg_dump archives of the server's database, listed beside
//! the file backups, restored in one transaction, and taken on a schedule by one
//! desk at a time. Each test makes databases of its own on the test cluster and
//! skips when there is none (`CAREDESK_TEST_POSTGRES`).

use std::path::{Path, PathBuf};

use caredesk_domain::archive::{CustomerInput, CustomerQuery, NewCustomer};
use caredesk_domain::settings::{BackupFormat, BackupKind};
use caredesk_domain::{Actor, ErrorKind};
use caredesk_store::engine::Read;
use caredesk_store::postgres::dump::{self, ScheduleLock, Scheduled};
use caredesk_store::postgres::testing::TestDatabase;
use caredesk_store::postgres::tools::{Tool, Tools};
use caredesk_store::postgres::{Config, Server};
use caredesk_store::{Database, Db, Now, StoreError, backup, customers, migrations, search, settings};
use chrono::{DateTime, Duration, TimeZone, Utc};

fn now() -> Now {
    Now::at(Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0).unwrap(), 8)
}

fn at(d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, h, min, 0).unwrap()
}

fn one(name: &str, mobile: &str) -> NewCustomer {
    NewCustomer {
        customer: CustomerInput { name: name.into(), mobile: mobile.into(), ..CustomerInput::default() },
        vehicles: vec![],
    }
}

/// A server database with the demo dealership's first `n` customers and their vehicles.
fn shop(n: usize) -> Option<(TestDatabase, Server)> {
    let database = TestDatabase::create()?;
    let mut server = Server::open(database.config()).unwrap();
    let records = caredesk_demo::dealership(4, n, now().today);
    server
        .write(|tx| {
            records.iter().try_for_each(|r| customers::create(tx, &Actor::system(), r, now()).map(drop))
        })
        .unwrap();
    Some((database, server))
}

macro_rules! shop {
    ($n:expr) => {
        match shop($n) {
            Some(shop) => shop,
            None => {
                eprintln!(
                    "skipped: no PostgreSQL test cluster ({})",
                    caredesk_store::postgres::testing::URL_VARIABLE
                );
                return;
            }
        }
    };
}

fn names(server: &mut Server, text: &str) -> Vec<String> {
    let query =
        CustomerQuery { text: text.into(), include_archived: true, limit: Some(500), ..Default::default() };
    server.read(|c| search::customers(c, &query)).unwrap().into_iter().map(|c| c.name).collect()
}

fn count(server: &mut Server, table: &str) -> i64 {
    server.read(|c| c.one(&format!("SELECT count(*) AS n FROM {table}"), &[])?.get("n")).unwrap()
}

fn files_in(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut names: Vec<String> = entries.map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    names
}

fn issue(error: &StoreError) -> (ErrorKind, String) {
    let issue = error.issues().into_iter().next().unwrap();
    (issue.kind, issue.message)
}

/// A pg_dump of `config`'s database as the tools make it, without CareDesk's checks.
fn raw_dump(config: &Config, to: &Path) {
    let tools = Tools::find().unwrap();
    let mut command = tools.connected(Tool::Dump, config);
    let output = command.arg("--format=custom").arg("--file").arg(to).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn a_dump_is_listed_and_restored_and_what_changed_after_it_is_gone() {
    let (database, mut server) = shop!(30);
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("backups");
    let info = dump::back_up(database.config(), &backups, BackupKind::Manual, at(22, 9, 30)).unwrap();
    assert_eq!((info.kind, info.format, info.customers), (BackupKind::Manual, BackupFormat::ServerDump, 30));
    assert_eq!(info.schema_version, migrations::latest());
    assert_eq!(Path::new(&info.path), backups.join("caredesk-20261122-093000-manual.dump"));
    assert_eq!(info.bytes, std::fs::metadata(&info.path).unwrap().len());
    assert_eq!(backup::inspect(Path::new(&info.path)).unwrap(), info);
    assert_eq!(files_in(&backups), ["caredesk-20261122-093000-manual.dump"], "no partial file is left");
    assert_eq!(backup::list(&backups).unwrap(), std::slice::from_ref(&info));
    let recorded = server.read(|c| settings::last_backup_at(c)).unwrap();
    assert!(recorded.is_some(), "the backup is recorded in the database for the schedule");

    let before = names(&mut server, "");
    let audit_before = count(&mut server, "audit_log");
    // After the backup: a new customer, and another one removed from the index by a change.
    server.write(|tx| customers::create(tx, &Actor::system(), &one("孙丽", "13700137000"), now())).unwrap();
    assert_eq!(names(&mut server, "孙丽"), ["孙丽"]);

    let mut desk = Database::from(server);
    let safety = desk.restore_backup(Path::new(&info.path), &backups, at(22, 10, 0)).unwrap();
    assert_eq!(
        (safety.kind, safety.format, safety.customers),
        (BackupKind::BeforeRestore, BackupFormat::ServerDump, 31)
    );
    assert!(Path::new(&safety.path).is_file(), "the database as it was is kept");
    assert_eq!(
        backup::list(&backups).unwrap().iter().map(|b| b.kind).collect::<Vec<_>>(),
        [BackupKind::BeforeRestore, BackupKind::Manual]
    );

    let Database::Server(server) = &mut desk else { unreachable!() };
    let server = &mut **server;
    assert!(
        names(server, "孙丽").is_empty(),
        "the customer written after the backup is gone, from the index too"
    );
    assert_eq!(names(server, ""), before);
    assert_eq!(count(server, "audit_log"), audit_before);
    assert!(
        !server.read(|c| settings::restore_mark(c)).unwrap().is_empty(),
        "the desks are told to sign in again"
    );
    // The database works as before: ids go on after the restored ones, the audit trail stays append-only.
    let id = server
        .write(|tx| customers::create(tx, &Actor::system(), &one("周杰", "13600136000"), now()))
        .unwrap();
    assert_eq!(id.0, 31);
    let mut client = database.client();
    let refused = client.batch_execute("DELETE FROM audit_log").unwrap_err();
    assert!(StoreError::from(refused).to_string().contains("the audit trail cannot be changed"));
    // And a desk opening it finds its schema as it should be.
    Server::open(database.config()).unwrap();
}

#[test]
fn what_is_not_a_caredesk_dump_is_refused_and_changes_nothing() {
    let (database, mut server) = shop!(5);
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    let backups = dir.path().join("backups");

    let text = bad.join("notes.dump");
    std::fs::write(&text, "hello").unwrap();
    // pg_dump's magic, then nonsense.
    let garbage = bad.join("garbage.dump");
    std::fs::write(&garbage, b"PGDMP\x01\x0e\x00\x04\x08\x01\x01nonsense").unwrap();
    // Another database on the same server, with tables that are not CareDesk's.
    let other = TestDatabase::create().unwrap();
    other
        .client()
        .batch_execute("CREATE TABLE invoices (id BIGINT); INSERT INTO invoices VALUES (7);")
        .unwrap();
    let foreign = bad.join("invoices.dump");
    raw_dump(other.config(), &foreign);
    // CareDesk's backup taken by pg_dump itself refuses a database that is not CareDesk's, leaving no file.
    let (kind, message) =
        issue(&dump::take(other.config(), &backups, BackupKind::Manual, at(22, 8, 0)).unwrap_err());
    assert_eq!(kind, ErrorKind::InvalidBackup, "{message}");
    assert!(files_in(&backups).is_empty(), "{:?}", files_in(&backups));
    // A desk's file backup.
    let file_dir = tempfile::tempdir().unwrap();
    let db = Db::open(&file_dir.path().join("caredesk.sqlite")).unwrap();
    let file_backup = backup::take(db.conn(), file_dir.path(), BackupKind::Manual, at(22, 8, 0)).unwrap();

    let before = names(&mut server, "");
    let mut desk = Database::from(server);
    let cases: [(&Path, ErrorKind, &str); 5] = [
        (&text, ErrorKind::InvalidBackup, "not a CareDesk backup"),
        (&garbage, ErrorKind::InvalidBackup, "not a CareDesk backup"),
        (&foreign, ErrorKind::InvalidBackup, "another PostgreSQL database"),
        (Path::new(&file_backup.path), ErrorKind::OtherBackupFormat, "a desk's database file"),
        (&bad.join("missing.dump"), ErrorKind::InvalidBackup, "does not exist"),
    ];
    for (file, expected, says) in cases {
        let (kind, message) = issue(&desk.restore_backup(file, &backups, at(22, 10, 0)).unwrap_err());
        assert_eq!(kind, expected, "{file:?}: {message}");
        assert!(message.contains(says), "{file:?}: {message}");
    }
    assert!(
        files_in(&backups).is_empty(),
        "nothing was restored, so no backup was taken before: {:?}",
        files_in(&backups)
    );
    let Database::Server(server) = &mut desk else { unreachable!() };
    assert_eq!(names(server, ""), before);

    // The other way round: a server backup offered to a desk's file.
    let dump = dump::take(database.config(), &backups, BackupKind::Manual, at(22, 11, 0)).unwrap();
    let mut file = Database::File(db);
    let (kind, message) =
        issue(&file.restore_backup(Path::new(&dump.path), file_dir.path(), at(22, 11, 5)).unwrap_err());
    assert_eq!(kind, ErrorKind::OtherBackupFormat, "{message}");
    assert!(message.contains("only onto the server"), "{message}");
}

#[test]
fn a_dump_from_a_newer_caredesk_is_refused_asking_for_an_update() {
    let (database, server) = shop!(3);
    let dir = tempfile::tempdir().unwrap();
    // The same database as a newer CareDesk would have left it.
    let newer = TestDatabase::create().unwrap();
    Server::open(newer.config()).unwrap();
    newer
        .client()
        .batch_execute(&format!("UPDATE caredesk_schema SET version = {}", migrations::latest() + 1))
        .unwrap();
    let file = dir.path().join("newer.dump");
    raw_dump(newer.config(), &file);
    let (kind, message) = issue(&backup::inspect(&file).unwrap_err());
    assert_eq!(kind, ErrorKind::InvalidBackup);
    assert!(message.contains("update CareDesk"), "{message}");
    let mut desk = Database::from(server);
    let (kind, message) = issue(&desk.restore_backup(&file, dir.path(), at(22, 10, 0)).unwrap_err());
    assert_eq!(kind, ErrorKind::InvalidBackup);
    assert!(message.contains("update CareDesk"), "{message}");
    let _ = database;
}

#[test]
fn a_restore_that_fails_half_way_leaves_the_database_as_it_was() {
    let (database, mut server) = shop!(300);
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("backups");
    // A backup whose data breaks a rule: a vehicle of a customer who does not
    // exist (written with the server's checks off). The server refuses it when it
    // checks the foreign keys, after the archive's tables have replaced the database's.
    let broken = TestDatabase::create().unwrap();
    Server::open(broken.config()).unwrap();
    let records = caredesk_demo::dealership(5, 3, now().today);
    Server::open(broken.config())
        .unwrap()
        .write(|tx| {
            records.iter().try_for_each(|r| customers::create(tx, &Actor::system(), r, now()).map(drop))
        })
        .unwrap();
    broken
        .client()
        .batch_execute("SET session_replication_role = replica; UPDATE vehicles SET customer_id = 999999;")
        .unwrap();
    let orphans = dir.path().join("orphans.dump");
    raw_dump(broken.config(), &orphans);
    let info = dump::take(database.config(), &backups, BackupKind::Manual, at(22, 9, 0)).unwrap();
    // A backup cut short: its table of contents and its first tables' data read
    // (it is listed), the last tables' data does not.
    let bytes = std::fs::read(&info.path).unwrap();
    let cut = dir.path().join("cut.dump");
    std::fs::write(&cut, &bytes[..bytes.len() * 19 / 20]).unwrap();
    assert_eq!(backup::inspect(&cut).unwrap().customers, 300, "the cut is after the customers");

    server.write(|tx| customers::create(tx, &Actor::system(), &one("孙丽", "13700137000"), now())).unwrap();
    let before = (names(&mut server, ""), count(&mut server, "audit_log"));
    let mut desk = Database::from(server);

    let (kind, message) = issue(&desk.restore_backup(&orphans, &backups, at(22, 10, 0)).unwrap_err());
    assert_eq!(kind, ErrorKind::BackupFailed, "{message}");
    assert!(message.contains("foreign key") && message.contains("changed nothing"), "{message}");
    assert!(message.contains("before-restore"), "the message names the backup taken before: {message}");

    let refused = desk.restore_backup(&cut, &backups, at(22, 10, 5));
    if let Err(error) = refused {
        let (kind, message) = issue(&error);
        assert_eq!(kind, ErrorKind::InvalidBackup, "{message}");
        assert!(message.contains("could not be read to the end"), "{message}");
    } else {
        panic!("a backup cut short was restored");
    }

    let Database::Server(server) = &mut desk else { unreachable!() };
    assert_eq!((names(server, ""), count(server, "audit_log")), before, "the database is as it was");
    assert!(server.read(|c| settings::restore_mark(c)).unwrap().is_empty());
    server.write(|tx| customers::create(tx, &Actor::system(), &one("周杰", "13600136000"), now())).unwrap();
}

#[test]
fn one_desk_takes_the_scheduled_backup_and_the_others_skip() {
    let (database, _server) = shop!(4);
    let config = database.config();
    let desks: Vec<tempfile::TempDir> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let day = Duration::hours(24);

    // Desk A is in the middle of the automatic backup: B skips it, without waiting.
    let a = ScheduleLock::try_take(config).unwrap().expect("nobody holds it yet");
    assert!(ScheduleLock::try_take(config).unwrap().is_none());
    let skipped = dump::scheduled(config, desks[1].path(), day, at(22, 8, 0)).unwrap();
    assert!(matches!(skipped, Scheduled::OtherDesk), "{skipped:?}");
    assert!(files_in(desks[1].path()).is_empty());
    drop(a);

    // Then B takes it, into its own folder …
    let taken = dump::scheduled(config, desks[1].path(), day, at(22, 8, 5)).unwrap();
    let Scheduled::Taken(info) = taken else { panic!("{taken:?}") };
    assert_eq!((info.kind, info.format), (BackupKind::Automatic, BackupFormat::ServerDump));
    // … and C, whose folder is empty, learns from the database that it is not due.
    let not_due = dump::scheduled(config, desks[2].path(), day, at(22, 9, 0)).unwrap();
    assert!(matches!(not_due, Scheduled::NotDue { .. }), "{not_due:?}");
    assert!(files_in(desks[2].path()).is_empty());

    // Two desks at once on a database whose last backup is a day old: one takes it.
    database.client().batch_execute("DELETE FROM preferences WHERE key = 'last_backup_at'").unwrap();
    let outcomes: Vec<Scheduled> = std::thread::scope(|scope| {
        let runs: Vec<_> = desks[..2]
            .iter()
            .map(|desk| scope.spawn(move || dump::scheduled(config, desk.path(), day, at(23, 8, 0)).unwrap()))
            .collect();
        runs.into_iter().map(|run| run.join().unwrap()).collect()
    });
    let taken = outcomes.iter().filter(|o| matches!(o, Scheduled::Taken(_))).count();
    assert_eq!(taken, 1, "{outcomes:?}");
    let files: usize = desks.iter().map(|d| files_in(d.path()).len()).sum();
    assert_eq!(files, 2, "yesterday's and today's, nothing more");
}

#[test]
fn a_folder_lists_file_and_server_backups_and_rotates_each_on_its_own() {
    let (database, _server) = shop!(2);
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("backups");
    let db = Db::open(&dir.path().join("caredesk.sqlite")).unwrap();
    // A week of automatic file backups, before the desk moved to the server …
    for d in 1..=7 {
        backup::take(db.conn(), &backups, BackupKind::Automatic, at(d, 8, 0)).unwrap();
    }
    // … then a week of the server's.
    for d in 11..=17 {
        dump::take(database.config(), &backups, BackupKind::Automatic, at(d, 8, 0)).unwrap();
    }
    let listed = backup::list(&backups).unwrap();
    assert_eq!(listed.len(), 14);
    assert_eq!(listed[0].format, BackupFormat::ServerDump);
    assert_eq!(listed[13].format, BackupFormat::File);
    let deleted = backup::prune(&backups, 3, 0, at(18, 0, 0)).unwrap();
    assert_eq!(deleted.len(), 8, "{deleted:?}");
    let kept: Vec<PathBuf> =
        backup::list(&backups).unwrap().into_iter().map(|b| PathBuf::from(b.path)).collect();
    let names: Vec<String> =
        kept.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(
        names,
        [
            "caredesk-20261117-080000-automatic.dump",
            "caredesk-20261116-080000-automatic.dump",
            "caredesk-20261115-080000-automatic.dump",
            "caredesk-20261107-080000-automatic.sqlite",
            "caredesk-20261106-080000-automatic.sqlite",
            "caredesk-20261105-080000-automatic.sqlite",
        ]
    );
}
