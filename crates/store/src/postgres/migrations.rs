//! The schema on PostgreSQL: the same numbered migrations as on SQLite, in
//! PostgreSQL's dialect. Each one is applied together with its version bump in
//! one transaction, so a migration that fails leaves the database as it was.
//!
//! When several desks start at once, one migrates and the others wait on an
//! advisory lock, then find nothing left to do. A desk whose binary knows fewer
//! migrations than the database has refuses to start ("update CareDesk on this
//! computer"), and a database with other tables but not CareDesk's is refused.
//!
//! The migrations are run by whichever account the desk connects with. A
//! dealership that gives the desks an account that may only read and write
//! rows (README, "Team mode": `caredesk_app`) starts CareDesk once with the
//! database owner's account after installing or updating it; a desk on the
//! restricted account then finds the schema up to date and changes nothing —
//! or, if it is not, says that the owner's account is needed.

use super::Client;
use crate::engine::PgWrite;
use crate::error::{Result, StoreError};
use crate::migrations::APPLICATION_ID;

/// In order; migration `i` brings the schema to version `i + 1`. The same list
/// as `crate::migrations::MIGRATIONS` (a test checks that both make the same tables).
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/postgres/0001_archive.sql"),
    include_str!("../../migrations/postgres/0002_staff_audit.sql"),
    include_str!("../../migrations/postgres/0003_visits.sql"),
    include_str!("../../migrations/postgres/0004_complaints.sql"),
    include_str!("../../migrations/postgres/0005_follow_up.sql"),
    include_str!("../../migrations/postgres/0006_campaigns.sql"),
    include_str!("../../migrations/postgres/0007_segment_owner.sql"),
    include_str!("../../migrations/postgres/0008_change_events.sql"),
    include_str!("../../migrations/postgres/0009_pinyin_search.sql"),
    include_str!("../../migrations/postgres/0010_imported_visits.sql"),
    include_str!("../../migrations/postgres/0011_reports.sql"),
    include_str!("../../migrations/postgres/0012_report_days.sql"),
];

/// The application and its schema version: what `PRAGMA application_id` and
/// `PRAGMA user_version` are on SQLite. One row.
const VERSION_TABLE: &str = "CREATE TABLE IF NOT EXISTS caredesk_schema (
    singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    application TEXT NOT NULL,
    version BIGINT NOT NULL
)";

const APPLICATION: &str = "CareDesk";

/// The schema version; 0 for a database CareDesk has not written yet.
pub fn schema_version(client: &mut Client) -> Result<i64> {
    match recorded(client)? {
        Some((application, version)) if application == APPLICATION => Ok(version),
        Some(_) => Err(foreign(client)),
        None => Ok(0),
    }
}

/// The schema version a desk would find, changing nothing: 0 for an empty
/// database; a newer CareDesk's or another application's database is refused.
pub fn usable_version(client: &mut Client) -> Result<i64> {
    let version = match recorded(client)? {
        Some((application, version)) if application == APPLICATION => version,
        Some(_) => return Err(foreign(client)),
        None if has_tables(client)? => return Err(foreign(client)),
        None => 0,
    };
    let known = MIGRATIONS.len() as i64;
    if version > known {
        return Err(StoreError::NewerSchema { found: version, known });
    }
    Ok(version)
}

/// Brings the schema up to date; refuses a database from a newer CareDesk or another application.
/// Then, still holding the migrations' lock, writes what SQL cannot: the pinyin
/// keys of the customers of a database from before migration 9 or restored
/// from a backup of one (`search::fill_pinyin_if_missing`; once filled, asking
/// costs two index lookups, and an account that may only write rows may fill them).
pub fn migrate(client: &mut Client) -> Result<()> {
    apply_then(client, MIGRATIONS, |client| {
        let tx = PgWrite::new(client.transaction()?);
        crate::search::fill_pinyin_if_missing(&tx)?;
        tx.commit()
    })
}

/// `migrations` alone, for tests of the runner and of older schemas.
#[cfg(test)]
pub(crate) fn apply(client: &mut Client, migrations: &[&str]) -> Result<()> {
    apply_then(client, migrations, |_| Ok(()))
}

fn apply_then(
    client: &mut Client,
    migrations: &[&str],
    then: impl FnOnce(&mut Client) -> Result<()>,
) -> Result<()> {
    // Held by this connection until it is unlocked (or the connection ends).
    client.execute("SELECT pg_advisory_lock($1)", &[&APPLICATION_ID])?;
    let result = apply_locked(client, migrations).and_then(|()| then(client));
    let unlocked = client.execute("SELECT pg_advisory_unlock($1)", &[&APPLICATION_ID]);
    result?;
    unlocked?;
    Ok(())
}

fn apply_locked(client: &mut Client, migrations: &[&str]) -> Result<()> {
    let current = match recorded(client)? {
        Some((application, version)) if application == APPLICATION => version,
        Some(_) => return Err(foreign(client)),
        None if has_tables(client)? => return Err(foreign(client)),
        None => 0,
    };
    let known = migrations.len() as i64;
    if current > known {
        return Err(StoreError::NewerSchema { found: current, known });
    }
    for (index, sql) in migrations.iter().enumerate().skip(current as usize) {
        let version = index as i64 + 1;
        let applied = (|| {
            let mut tx = client.transaction()?;
            tx.batch_execute(VERSION_TABLE)?;
            tx.batch_execute(sql)?;
            tx.execute(
                "INSERT INTO caredesk_schema (singleton, application, version) VALUES (TRUE, $1, $2)
                 ON CONFLICT (singleton) DO UPDATE SET version = excluded.version",
                &[&APPLICATION as &(dyn ::postgres::types::ToSql + Sync), &version],
            )?;
            tx.commit()
        })();
        match applied {
            Ok(()) => {}
            Err(error) if error.code() == Some(&::postgres::error::SqlState::INSUFFICIENT_PRIVILEGE) => {
                return Err(needs_owner(client, version - 1, known));
            }
            Err(error) => return Err(error.into()),
        }
    }
    Ok(())
}

/// The schema needs changing, and the account this desk connects with may not.
fn needs_owner(client: &mut Client, current: i64, known: i64) -> StoreError {
    let mut who = |sql: &str| {
        client.query_one(sql, &[]).map(|r| r.get::<_, String>("name")).unwrap_or_else(|_| "?".into())
    };
    let (user, database) =
        (who("SELECT current_user::text AS name"), who("SELECT current_database()::text AS name"));
    StoreError::UnsuitableDatabase {
        database,
        reason: format!(
            "its schema is at version {current} and this CareDesk brings it to version {known}, \
             which the account {user} may not do: start CareDesk once with the database owner's account"
        ),
    }
}

/// The SQL that brings a schema at version `from` up to date: the statements
/// `apply` runs, for a script that runs them inside a transaction of its own
/// (a server restore's, `dump`), so that a restored older backup is upgraded
/// in the same transaction that restored it.
pub(crate) fn upgrade_script(from: i64) -> String {
    let mut script = String::new();
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(usize::try_from(from).unwrap_or(0)) {
        let version = index + 1;
        script.push_str(VERSION_TABLE);
        script.push_str(";\n");
        script.push_str(sql);
        script.push_str(&format!(
            "\nINSERT INTO caredesk_schema (singleton, application, version) VALUES (TRUE, '{APPLICATION}', {version})\n    \
             ON CONFLICT (singleton) DO UPDATE SET version = excluded.version;\n"
        ));
    }
    script
}

/// The version a backup's `caredesk_schema` row may hold; anything else is not CareDesk's.
pub(crate) fn is_caredesk(application: &str) -> bool {
    application == APPLICATION
}

/// The version row, if the database has one.
fn recorded(client: &mut Client) -> Result<Option<(String, i64)>> {
    let exists: bool =
        client.query_one("SELECT to_regclass('caredesk_schema') IS NOT NULL AS found", &[])?.get("found");
    if !exists {
        return Ok(None);
    }
    let row = client.query_opt("SELECT application, version FROM caredesk_schema", &[])?;
    Ok(row.map(|r| (r.get("application"), r.get("version"))))
}

/// Whether the schema CareDesk works in already holds tables (someone else's).
fn has_tables(client: &mut Client) -> Result<bool> {
    Ok(client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema()) AS found",
            &[],
        )?
        .get("found"))
}

fn foreign(client: &mut Client) -> StoreError {
    let database = client
        .query_one("SELECT current_database() AS name", &[])
        .map(|r| r.get::<_, String>("name"))
        .unwrap_or_else(|_| "?".into());
    StoreError::ForeignDatabase { database }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::postgres_test_database;

    fn tables(client: &mut Client) -> Vec<String> {
        client
            .query(
                "SELECT table_name::text AS name FROM information_schema.tables
                 WHERE table_schema = current_schema() ORDER BY 1",
                &[],
            )
            .unwrap()
            .iter()
            .map(|r| r.get("name"))
            .collect()
    }

    #[test]
    fn all_migrations_apply_to_an_empty_database_and_again_change_nothing() {
        let database = postgres_test_database!();
        let mut client = database.client();
        migrate(&mut client).unwrap();
        assert_eq!(schema_version(&mut client).unwrap(), MIGRATIONS.len() as i64);
        let before = tables(&mut client);
        migrate(&mut client).unwrap();
        assert_eq!(tables(&mut client), before);
        assert_eq!(
            MIGRATIONS.len(),
            crate::migrations::MIGRATIONS.len(),
            "one PostgreSQL migration per SQLite one"
        );
    }

    #[test]
    fn a_failing_migration_leaves_version_and_schema_untouched() {
        let database = postgres_test_database!();
        let mut client = database.client();
        let good = "CREATE TABLE a (x BIGINT);";
        let bad = "CREATE TABLE b (x BIGINT); INSERT INTO nowhere VALUES (1);";
        assert!(apply(&mut client, &[good, bad]).is_err());
        assert_eq!(schema_version(&mut client).unwrap(), 1);
        assert_eq!(
            tables(&mut client),
            ["a", "caredesk_schema"],
            "the failed migration's first statement was rolled back"
        );
        // Fixed, it carries on from version 1.
        apply(&mut client, &[good, "CREATE TABLE b (x BIGINT);"]).unwrap();
        assert_eq!(schema_version(&mut client).unwrap(), 2);
    }

    #[test]
    fn a_database_from_a_newer_caredesk_is_refused() {
        let database = postgres_test_database!();
        let mut client = database.client();
        migrate(&mut client).unwrap();
        client.execute("UPDATE caredesk_schema SET version = 99", &[]).unwrap();
        let error = migrate(&mut client).unwrap_err();
        assert!(matches!(error, StoreError::NewerSchema { found: 99, .. }), "{error}");
    }

    #[test]
    fn a_database_of_another_application_is_refused_and_left_alone() {
        let database = postgres_test_database!();
        let mut client = database.client();
        client.batch_execute("CREATE TABLE invoices (id BIGINT); INSERT INTO invoices VALUES (7);").unwrap();
        let error = migrate(&mut client).unwrap_err();
        assert!(
            matches!(&error, StoreError::ForeignDatabase { database: name } if name.starts_with("caredesk_test_")),
            "{error}"
        );
        assert_eq!(tables(&mut client), ["invoices"]);
    }

    #[test]
    fn the_audit_trail_refuses_updates_deletes_and_truncation() {
        let database = postgres_test_database!();
        let mut client = database.client();
        migrate(&mut client).unwrap();
        client
            .batch_execute(
                "INSERT INTO audit_log (at, staff_id, staff_name, entity, entity_id, action, changes)
                 VALUES ('2026-12-04T10:02:00Z', 2, '王丽', 'customer', 1, 'update', '[]')",
            )
            .unwrap();
        for change in ["UPDATE audit_log SET staff_name = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log"]
        {
            let error = StoreError::from(client.batch_execute(change).unwrap_err());
            assert!(error.to_string().contains("the audit trail cannot be changed"), "{change}: {error}");
        }
        let rows: i64 = client.query_one("SELECT count(*) AS n FROM audit_log", &[]).unwrap().get("n");
        assert_eq!(rows, 1);
    }

    #[test]
    fn customers_from_before_the_pinyin_keys_get_them_once() {
        let database = postgres_test_database!();
        let mut client = database.client();
        apply(&mut client, &MIGRATIONS[..8]).unwrap();
        client
            .batch_execute(
                "INSERT INTO customers (id, name, mobile, created_at, updated_at)
                 VALUES (1, '张伟', '13800138000', '2026-01-01', '2026-01-01'),
                        (2, '曾小明', '13700137000', '2026-01-01', '2026-01-01')",
            )
            .unwrap();
        migrate(&mut client).unwrap();
        let keys = |client: &mut Client| -> Vec<(String, i64)> {
            client
                .query("SELECT key, customer_id FROM customer_pinyin ORDER BY key, customer_id", &[])
                .unwrap()
                .iter()
                .map(|r| (r.get("key"), r.get("customer_id")))
                .collect()
        };
        let filled = keys(&mut client);
        assert!(filled.contains(&("zw".to_owned(), 1)), "{filled:?}");
        assert!(filled.contains(&("cengxiaoming".to_owned(), 2)), "{filled:?}");
        migrate(&mut client).unwrap();
        assert_eq!(keys(&mut client), filled, "opened again, nothing changes");
    }

    #[test]
    fn desks_starting_at_once_migrate_once() {
        let database = postgres_test_database!();
        let desks: Vec<_> = (0..6)
            .map(|_| {
                let mut client = database.client();
                std::thread::spawn(move || migrate(&mut client).map_err(|e| e.to_string()))
            })
            .collect();
        for desk in desks {
            desk.join().unwrap().unwrap();
        }
        assert_eq!(schema_version(&mut database.client()).unwrap(), MIGRATIONS.len() as i64);
    }
}
