//! Schema migrations, embedded in the binary. Each one is applied together with
//! its version bump (`PRAGMA user_version`) in one transaction: a migration that
//! fails leaves the database exactly as it was.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Result, StoreError};

/// In order; migration `i` brings the schema to version `i + 1`. Never edit one
/// that has shipped: add the next.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_archive.sql"),
    include_str!("../migrations/0002_staff_audit.sql"),
    include_str!("../migrations/0003_visits.sql"),
    include_str!("../migrations/0004_complaints.sql"),
    include_str!("../migrations/0005_follow_up.sql"),
    include_str!("../migrations/0006_campaigns.sql"),
    include_str!("../migrations/0007_segment_owner.sql"),
    include_str!("../migrations/0008_change_events.sql"),
    include_str!("../migrations/0009_pinyin_search.sql"),
    include_str!("../migrations/0010_imported_visits.sql"),
    include_str!("../migrations/0011_reports.sql"),
    include_str!("../migrations/0012_report_days.sql"),
];

/// `PRAGMA application_id` of every CareDesk database ('CDSK'), set by migration 2;
/// a backup without it is not ours.
pub const APPLICATION_ID: i64 = 0x4344_534B;

pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get("user_version"))?)
}

pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

/// Brings the schema up to date; refuses a database from a newer CareDesk.
/// Then writes what SQL cannot: the pinyin keys of the customers of a database
/// from before migration 9 (`search::fill_pinyin_if_missing`; once filled,
/// asking costs two index lookups).
pub fn migrate(conn: &mut Connection) -> Result<()> {
    apply(conn, MIGRATIONS)?;
    // Asked outside a write first: opening an up-to-date file takes no write lock.
    if crate::search::pinyin_missing(&*conn)? {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        crate::search::fill_pinyin_if_missing(&tx)?;
        tx.commit()?;
    }
    Ok(())
}

pub(crate) fn apply(conn: &mut Connection, migrations: &[&str]) -> Result<()> {
    let current = schema_version(conn)?;
    let known = migrations.len() as i64;
    if current > known {
        return Err(StoreError::NewerSchema { found: current, known });
    }
    for (index, sql) in migrations.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_migration_leaves_version_and_schema_untouched() {
        let mut conn = Connection::open_in_memory().unwrap();
        let good = "CREATE TABLE a (x);";
        let bad = "CREATE TABLE b (x); INSERT INTO nowhere VALUES (1);";
        assert!(apply(&mut conn, &[good, bad]).is_err());
        assert_eq!(schema_version(&conn).unwrap(), 1);
        let b_exists: i64 = conn
            .query_row("SELECT count(*) AS n FROM sqlite_master WHERE name = 'b'", [], |r| r.get("n"))
            .unwrap();
        assert_eq!(b_exists, 0, "the failed migration's first statement was rolled back");
        // Fixing the migration and opening again carries on from version 1.
        apply(&mut conn, &[good, "CREATE TABLE b (x);"]).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), 2);
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        assert!(matches!(migrate(&mut conn), Err(StoreError::NewerSchema { found: 99, .. })));
    }

    #[test]
    fn customers_from_before_the_pinyin_keys_get_them_once() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply(&mut conn, &MIGRATIONS[..8]).unwrap();
        conn.execute_batch(
            "INSERT INTO customers (id, name, mobile, created_at, updated_at)
             VALUES (1, '张伟', '13800138000', '2026-01-01', '2026-01-01'),
                    (2, '曾小明', '13700137000', '2026-01-01', '2026-01-01')",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let keys = |conn: &Connection| -> Vec<(String, i64)> {
            conn.prepare("SELECT key, customer_id FROM customer_pinyin ORDER BY key, customer_id")
                .unwrap()
                .query_map([], |r| Ok((r.get("key")?, r.get("customer_id")?)))
                .unwrap()
                .map(|r| r.unwrap())
                .collect()
        };
        let filled = keys(&conn);
        assert!(filled.contains(&("zw".to_owned(), 1)), "{filled:?}");
        assert!(filled.contains(&("cengxiaoming".to_owned(), 2)), "{filled:?}");
        migrate(&mut conn).unwrap();
        assert_eq!(keys(&conn), filled, "opened again, nothing changes");
    }

    #[test]
    fn all_migrations_apply_to_an_empty_database() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), latest());
        migrate(&mut conn).unwrap();
    }
}
