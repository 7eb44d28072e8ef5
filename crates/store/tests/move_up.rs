//! Moving a desk's database up to the server: every row of every table arrives,
//! ids kept; the server numbers on from there; and it searches as the file did.

use caredesk_domain::Actor;
use caredesk_domain::archive::{CustomerInput, CustomerQuery, NewCustomer};
use caredesk_store::postgres::Server;
use caredesk_store::postgres::copy::copy_from_sqlite;
use caredesk_store::{Database, Db, Now, customers, postgres_test_database, search};
use chrono::{TimeZone, Utc};

fn now() -> Now {
    Now::at(Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0).unwrap(), 8)
}

fn names(found: Vec<caredesk_domain::archive::CustomerSummary>) -> Vec<String> {
    found.into_iter().map(|c| c.name).collect()
}

#[test]
fn the_demo_dealership_moves_up_whole_and_carries_on_there() {
    let database = postgres_test_database!();
    let dir = tempfile::tempdir().unwrap();
    let mut file = Database::File(Db::open(&dir.path().join("caredesk.sqlite")).unwrap());
    caredesk_demo::seed(&mut file, &Actor::system(), now()).unwrap();
    let Database::File(db) = file else { unreachable!("opened as a file") };

    let copies = copy_from_sqlite(db.conn(), &mut database.client()).unwrap();
    eprintln!("{:<28} {:>8}  checksum", "table", "rows");
    for copy in &copies {
        eprintln!("{:<28} {:>8}  {}", copy.table, copy.rows, copy.checksum);
    }
    let rows = |table: &str| copies.iter().find(|c| c.table == table).map(|c| c.rows).unwrap();
    assert_eq!(rows("customers"), 300);
    assert_eq!(rows("customer_search"), 300);
    for table in ["staff", "vehicles", "vehicle_owners", "visits", "audit_log", "campaigns", "complaints"] {
        assert!(rows(table) > 0, "{table}: the demo has some");
    }

    // The server numbers new records after the copied ones, and finds what the file finds.
    let mut server = Server::open(database.config()).unwrap();
    let new = NewCustomer {
        customer: CustomerInput {
            name: "新客户".into(),
            mobile: "13999999999".into(),
            ..CustomerInput::default()
        },
        vehicles: vec![],
    };
    let id = server.write(|tx| customers::create(tx, &Actor::system(), &new, now())).unwrap();
    assert_eq!(id.0, 301);
    for text in ["王", "李娜", "138", "A1", "ZZZ"] {
        let query = CustomerQuery { text: text.into(), include_archived: true, ..CustomerQuery::default() };
        let here = names(search::customers(db.conn(), &query).unwrap());
        let there = names(server.read(|c| search::customers(c, &query)).unwrap());
        let there: Vec<String> = there.into_iter().filter(|n| n != "新客户").collect();
        assert_eq!(here, there, "searching {text:?}");
    }

    // A second move into the same database is refused, and changes nothing there.
    let error = copy_from_sqlite(db.conn(), &mut database.client()).unwrap_err();
    assert!(error.to_string().contains("already holds data"), "{error}");
    let stats = server.read(|c| customers::stats(c)).unwrap();
    assert_eq!(stats.customers + stats.archived, 301);
}
