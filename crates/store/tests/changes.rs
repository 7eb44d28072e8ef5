//! Change events: every table a screen shows is announced on both engines, and
//! the server's listener hears what other desks commit — never a rollback —
//! and, after losing the server, tells the desk to reread everything.

use std::collections::BTreeSet;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use caredesk_domain::changes::{ChangeBatch, ChangeKind};
use caredesk_store::Announce;
use caredesk_store::postgres::listen::{APPLICATION_NAME, Listener, listen};
use caredesk_store::postgres_test_database;

/// Tables no screen shows as such: the audit trail and the search indexes.
const NEVER_SHOWN: [&str; 4] = ["audit_log", "customer_name_grams", "customer_pinyin", "customer_search"];

const ADD_STAFF: &str = "INSERT INTO staff (login, name, role, password_hash, active, created_at, updated_at) \
     VALUES ($1, 'A', 'service_advisor', 'x', 1, '2026-12-05T08:00:00Z', '2026-12-05T08:00:00Z')";

fn sqlite_tables() -> Vec<String> {
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    caredesk_store::migrations::migrate(&mut conn).unwrap();
    let mut statement = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'customer_search_%'",
        )
        .unwrap();
    statement.query_map([], |r| r.get::<_, String>("name")).unwrap().map(Result::unwrap).collect()
}

#[test]
fn every_table_has_a_kind_or_is_never_shown() {
    for table in sqlite_tables() {
        assert!(
            ChangeKind::of_table(&table).is_some() || NEVER_SHOWN.contains(&table.as_str()),
            "a change to `{table}` would reach no screen: give it a kind in ChangeKind::of_table"
        );
    }
}

#[test]
fn the_server_announces_every_table_a_screen_shows() {
    let database = postgres_test_database!();
    let mut client = database.client();
    caredesk_store::postgres::migrations::migrate(&mut client).unwrap();
    let triggered: BTreeSet<String> = client
        .query(
            "SELECT event_object_table::text AS name FROM information_schema.triggers
             WHERE trigger_name = event_object_table || '_changed'",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get("name"))
        .collect();
    let shown: BTreeSet<String> =
        sqlite_tables().into_iter().filter(|t| ChangeKind::of_table(t).is_some()).collect();
    assert_eq!(triggered, shown);
}

fn listening(
    database: &caredesk_store::postgres::testing::TestDatabase,
) -> (Listener, Receiver<ChangeBatch>) {
    let (to, heard) = channel();
    let announce = Announce::new(move |batch| {
        let _ = to.send(batch);
    });
    (listen(database.config().clone(), announce).unwrap(), heard)
}

/// The next batch that `wanted` accepts, within `within`.
fn hear(
    heard: &Receiver<ChangeBatch>,
    within: Duration,
    wanted: impl Fn(&ChangeBatch) -> bool,
) -> Option<ChangeBatch> {
    let until = Instant::now() + within;
    while let Ok(batch) = heard.recv_timeout(until.saturating_duration_since(Instant::now())) {
        if wanted(&batch) {
            return Some(batch);
        }
    }
    None
}

fn names_staff(batch: &ChangeBatch) -> bool {
    batch.changes.iter().any(|c| c.kind == ChangeKind::Staff)
}

/// The server process of the listener's newest connection (a terminated one may linger a moment).
fn listener_pid(client: &mut caredesk_store::postgres::Client) -> i32 {
    client
        .query_one(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1
             ORDER BY backend_start DESC LIMIT 1",
            &[&APPLICATION_NAME],
        )
        .unwrap()
        .get("pid")
}

const CONNECTED_WITHIN: Duration = Duration::from_secs(10);

#[test]
fn another_desks_commit_is_heard_and_its_rollback_is_not() {
    let database = postgres_test_database!();
    let mut client = database.client();
    caredesk_store::postgres::migrations::migrate(&mut client).unwrap();
    let (listener, heard) = listening(&database);
    assert!(listener.wait_for_connections(1, CONNECTED_WITHIN), "the listener never connected");

    let mut rolled_back = client.transaction().unwrap();
    rolled_back.execute(ADD_STAFF, &[&"gone"]).unwrap();
    rolled_back.rollback().unwrap();
    assert_eq!(hear(&heard, Duration::from_millis(1500), names_staff), None, "a rollback announces nothing");

    let started = Instant::now();
    let mut committed = client.transaction().unwrap();
    for login in ["a", "b", "c"] {
        committed.execute(ADD_STAFF, &[&login]).unwrap();
    }
    committed.commit().unwrap();
    let batch = hear(&heard, Duration::from_secs(5), names_staff).expect("the commit is heard");
    assert!(!batch.everything);
    assert_eq!(batch.changes.iter().filter(|c| c.kind == ChangeKind::Staff).count(), 1, "{batch:?}");
    assert!(started.elapsed() < Duration::from_secs(1), "heard after {:?}", started.elapsed());
}

#[test]
fn a_listener_that_lost_the_server_says_reread_everything_and_hears_again() {
    let database = postgres_test_database!();
    let mut client = database.client();
    caredesk_store::postgres::migrations::migrate(&mut client).unwrap();
    let (listener, heard) = listening(&database);
    assert!(listener.wait_for_connections(1, CONNECTED_WITHIN), "the listener never connected");
    let first = listener_pid(&mut client);

    client.execute("SELECT pg_terminate_backend($1)", &[&first]).unwrap();
    hear(&heard, Duration::from_secs(10), |b| b.everything)
        .expect("told to reread everything after reconnecting");
    assert!(listener.wait_for_connections(2, CONNECTED_WITHIN), "the listener never connected again");
    assert_ne!(listener_pid(&mut client), first);

    client.execute(ADD_STAFF, &[&"after"]).unwrap();
    hear(&heard, Duration::from_secs(5), names_staff).expect("heard after reconnecting");
}
