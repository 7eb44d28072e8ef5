//! The desks' own account on the server, made exactly as README's "Team mode"
//! says (the SQL block is read from README and run as it stands, only its role
//! and database names made unique to this test): an owner migrates, the desks'
//! account works — writes, audit, backups — and may neither change nor delete
//! the audit trail, nor change the schema, nor restore.

use std::path::Path;

use caredesk_domain::archive::{CustomerInput, NewCustomer};
use caredesk_domain::settings::BackupKind;
use caredesk_domain::{Actor, ErrorKind};
use caredesk_store::postgres::dump;
use caredesk_store::postgres::testing::URL_VARIABLE;
use caredesk_store::postgres::{Client, Config, Server, connect};
use caredesk_store::{Database, Now, StoreError, customers, migrations, postgres_test_database};
use chrono::{TimeZone, Utc};

fn now() -> Now {
    Now::at(Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0).unwrap(), 8)
}

fn customer(name: &str, mobile: &str) -> NewCustomer {
    NewCustomer {
        customer: CustomerInput { name: name.into(), mobile: mobile.into(), ..CustomerInput::default() },
        vehicles: vec![],
    }
}

/// The SQL block README gives for the desks' account (the first `sql` block after its marker).
fn readme_sql() -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    let marker = "run as it stands by crates/store/tests/app_role.rs";
    let after = &readme[readme.find(marker).expect("README marks the desks' account SQL")..];
    let start = after.find("```sql\n").expect("an sql block after the marker") + "```sql\n".len();
    let end = start + after[start..].find("```").unwrap();
    after[start..end].to_owned()
}

/// `sql` with each whole identifier in `names` replaced (`caredesk` but not the
/// `caredesk` in `caredesk_app`); quoted text and `--` comments are left alone.
fn renamed(sql: &str, names: &[(&str, &str)]) -> String {
    let rename = |code: &str| {
        let mut out = String::new();
        let mut word = String::new();
        let mut quoted = false;
        let flush = |word: &mut String, out: &mut String| {
            out.push_str(names.iter().find(|(from, _)| from == word).map_or(word.as_str(), |(_, to)| to));
            word.clear();
        };
        for c in code.chars() {
            if !quoted && (c.is_ascii_alphanumeric() || c == '_') {
                word.push(c);
                continue;
            }
            flush(&mut word, &mut out);
            quoted ^= c == '\'';
            out.push(c);
        }
        flush(&mut word, &mut out);
        out
    };
    sql.lines()
        .map(|line| match line.split_once("--") {
            Some((code, comment)) => format!("{}--{comment}\n", rename(code)),
            None => format!("{}\n", rename(line)),
        })
        .collect()
}

/// Roles are the cluster's, not a database's: dropped when the test ends
/// (after its database, which is declared later and so dropped first).
struct Roles {
    admin: Config,
    names: Vec<String>,
}

impl Drop for Roles {
    fn drop(&mut self) {
        if let Ok(mut client) = connect(&self.admin) {
            for name in &self.names {
                let _ = client.batch_execute(&format!("DROP ROLE IF EXISTS {name}"));
            }
        }
    }
}

fn as_user(config: &Config, user: &str) -> Config {
    let mut config = config.clone();
    config.user(user);
    config
}

fn refused_by_permission(client: &mut Client, sql: &str) {
    let error = client.batch_execute(sql).expect_err(sql);
    let code = error.code().map(|c| c.code().to_owned());
    assert_eq!(code.as_deref(), Some("42501"), "{sql}: {}", StoreError::from(error));
}

#[test]
fn the_desks_account_readme_describes_writes_but_never_changes_the_audit_trail() {
    let admin: Option<Config> =
        std::env::var(URL_VARIABLE).ok().filter(|u| !u.is_empty()).map(|u| u.parse().unwrap());
    let Some(admin) = admin else {
        eprintln!("skipped: no PostgreSQL test cluster ({URL_VARIABLE})");
        return;
    };
    let (owner, app) =
        (format!("caredesk_owner_{}", std::process::id()), format!("caredesk_app_{}", std::process::id()));
    let _roles = Roles { admin, names: vec![app.clone(), owner.clone()] };
    let database = postgres_test_database!();
    let name = database.config().get_dbname().unwrap().to_owned();

    // README's set-up: the owner role owns the database, and the first start migrates as it.
    let mut superuser = database.client();
    superuser
        .batch_execute(&format!("CREATE ROLE {owner} LOGIN; ALTER DATABASE {name} OWNER TO {owner};"))
        .unwrap();
    let owner_config = as_user(database.config(), &owner);
    Server::open(&owner_config).unwrap();
    // The desks' account, as README gives it.
    let sql = renamed(&readme_sql(), &[("caredesk", &owner), ("caredesk_app", &app)]);
    let sql = sql.replace(&format!("DATABASE {owner} "), &format!("DATABASE {name} "));
    superuser.batch_execute(&sql).unwrap_or_else(|e| panic!("README's SQL: {}\n{sql}", StoreError::from(e)));

    // A desk on it opens the database (already migrated: nothing to change) and works.
    let app_config = as_user(database.config(), &app);
    let mut desk = Server::open(&app_config).unwrap();
    let id = desk
        .write(|tx| customers::create(tx, &Actor::system(), &customer("周杰", "13100131000"), now()))
        .unwrap();
    let audited: i64 = superuser
        .query_one(
            "SELECT count(*) AS n FROM audit_log WHERE entity = 'customer' AND entity_id = $1",
            &[&id.0],
        )
        .unwrap()
        .get("n");
    assert!(audited > 0, "the write was audited");

    // The audit trail: added to, read, never changed or deleted — refused by permission.
    let mut client = connect(&app_config).unwrap();
    let read: i64 = client.query_one("SELECT count(*) AS n FROM audit_log", &[]).unwrap().get("n");
    assert!(read > 0);
    refused_by_permission(&mut client, "UPDATE audit_log SET staff_name = 'x'");
    refused_by_permission(&mut client, "DELETE FROM audit_log");
    refused_by_permission(&mut client, "TRUNCATE audit_log");
    refused_by_permission(&mut client, "UPDATE caredesk_schema SET version = 1");
    refused_by_permission(&mut client, "CREATE TABLE notes (n BIGINT)");
    refused_by_permission(&mut client, "DROP TABLE customers");

    // The desks' backups run on their account; restoring one needs the owner's.
    let dir = tempfile::tempdir().unwrap();
    let backup = dump::back_up(&app_config, dir.path(), BackupKind::Manual, now().instant).unwrap();
    assert_eq!(backup.customers, 1);
    desk.write(|tx| customers::create(tx, &Actor::system(), &customer("吴刚", "13000130000"), now()))
        .unwrap();
    let mut on_app = Database::from(desk);
    let error = on_app.restore_backup(Path::new(&backup.path), dir.path(), now().instant).unwrap_err();
    let issue = &error.issues()[0];
    assert_eq!(issue.kind, ErrorKind::BackupFailed, "{}", issue.message);
    assert!(issue.message.contains("owner's account"), "{}", issue.message);
    let customers = |client: &mut Client| -> i64 {
        client.query_one("SELECT count(*) AS n FROM customers", &[]).unwrap().get("n")
    };
    assert_eq!(customers(&mut superuser), 2, "the refused restore changed nothing");
    let mut on_owner = Database::from(Server::open(&owner_config).unwrap());
    on_owner.restore_backup(Path::new(&backup.path), dir.path(), now().instant).unwrap();
    assert_eq!(customers(&mut superuser), 1);
    // The restored tables are the owner's again, and the desks' account works on them as before.
    let mut desk = Server::open(&app_config).unwrap();
    desk.write(|tx| customers::create(tx, &Actor::system(), &customer("吴刚", "13000130000"), now()))
        .unwrap();
    refused_by_permission(&mut connect(&app_config).unwrap(), "DELETE FROM audit_log");

    // A desk on the desks' account that finds the schema behind its CareDesk changes nothing and asks for the owner.
    superuser
        .batch_execute(&format!("UPDATE caredesk_schema SET version = {}", migrations::latest() - 1))
        .unwrap();
    let Err(error) = Server::open(&app_config) else { panic!("the desks' account migrated") };
    assert!(
        matches!(&error, StoreError::UnsuitableDatabase { reason, .. } if reason.contains("owner's account")),
        "{error}"
    );
    let version: i64 =
        superuser.query_one("SELECT version FROM caredesk_schema", &[]).unwrap().get("version");
    assert_eq!(version, migrations::latest() - 1);
}
