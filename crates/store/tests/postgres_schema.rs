//! The two engines' schemas stay one: every table and column of the SQLite
//! migrations exists on PostgreSQL under the same name, and so does every named index.

use std::collections::{BTreeMap, BTreeSet};

use caredesk_store::postgres_test_database;

type Tables = BTreeMap<String, BTreeSet<String>>;

fn sqlite_schema() -> (Tables, BTreeSet<String>) {
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    caredesk_store::migrations::migrate(&mut conn).unwrap();
    let names = |sql: &str| -> Vec<String> {
        let mut statement = conn.prepare(sql).unwrap();
        statement.query_map([], |r| r.get::<_, String>("name")).unwrap().map(Result::unwrap).collect()
    };
    // The full-text index's shadow tables are FTS5's own.
    let table_names = names(
        "SELECT name FROM sqlite_master WHERE type = 'table'
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'customer_search_%'",
    );
    let mut tables = Tables::new();
    for table in table_names {
        let mut columns: BTreeSet<String> =
            names(&format!("SELECT name FROM pragma_table_info('{table}')")).into_iter().collect();
        if table == "customer_search" {
            // FTS5's implicit rowid is an ordinary column on PostgreSQL, and the
            // text is kept lower-cased beside it for its indexes.
            columns.insert("rowid".into());
            columns.insert("text_lower".into());
        }
        tables.insert(table, columns);
    }
    let indexes =
        names("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex_%'");
    (tables, indexes.into_iter().collect())
}

#[test]
fn both_engines_have_the_same_tables_columns_and_indexes() {
    let database = postgres_test_database!();
    let mut client = database.client();
    caredesk_store::postgres::migrations::migrate(&mut client).unwrap();
    let mut tables = Tables::new();
    for row in client
        .query(
            "SELECT table_name::text AS table_name, column_name::text AS column_name
             FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name <> 'caredesk_schema'",
            &[],
        )
        .unwrap()
    {
        tables.entry(row.get("table_name")).or_default().insert(row.get("column_name"));
    }
    let indexes: BTreeSet<String> = client
        .query("SELECT indexname::text AS name FROM pg_indexes WHERE schemaname = current_schema()", &[])
        .unwrap()
        .iter()
        .map(|r| r.get("name"))
        .collect();

    let (sqlite_tables, sqlite_indexes) = sqlite_schema();
    assert_eq!(tables, sqlite_tables);
    let missing: Vec<_> = sqlite_indexes.difference(&indexes).collect();
    assert!(missing.is_empty(), "indexes missing on PostgreSQL: {missing:?}");
}
