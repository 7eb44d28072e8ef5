//! Opening the database file the way every CareDesk connection must be.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use caredesk_domain::changes::{Change, ChangeBatch, ChangeKind};
use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Result, StoreError};
use crate::migrations;

/// The page cache of a desk's connection, in KiB, at most (SQLite's default is
/// 2 MiB): the segment builder's live count walks the vehicles' segment index
/// again and again as filters change.
pub const DESK_CACHE_KIB: i64 = 128 * 1024;

/// The page cache of a one-off job that reads or writes each page about once.
pub const JOB_CACHE_KIB: i64 = 2 * 1024;

/// One open, migrated CareDesk database.
#[derive(Debug)]
pub struct Db {
    conn: Connection,
    path: PathBuf,
    /// Told what each commit changed, once [`Db::announce_changes`] has been called.
    announce: Option<Announce>,
}

/// Where a desk's commits are announced (the shell forwards them to the screens).
#[derive(Clone)]
pub struct Announce(Arc<dyn Fn(ChangeBatch) + Send + Sync>);

impl Announce {
    pub fn new(f: impl Fn(ChangeBatch) + Send + Sync + 'static) -> Announce {
        Announce(Arc::new(f))
    }

    pub fn send(&self, batch: ChangeBatch) {
        (self.0)(batch)
    }
}

impl std::fmt::Debug for Announce {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Announce")
    }
}

impl Db {
    /// Opens (or creates) the database at `path`, creating its folder, and
    /// brings the schema up to date.
    pub fn open(path: &Path) -> Result<Db> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io { path: dir.to_owned(), source })?;
        }
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )?;
        configure(&conn)?;
        migrations::migrate(&mut conn)?;
        Ok(Db { conn, path: path.to_owned(), announce: None })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// From now on, tells `announce` what each commit changed — a write
    /// transaction's, or a single statement's outside one — once it has
    /// committed; a rolled-back write announces nothing. A trigger notes each
    /// changed row of a table a screen shows; the commit hook hands them over.
    pub fn announce_changes(&mut self, announce: Announce) -> Result<()> {
        let noted = Arc::new(Mutex::new(Vec::<Change>::new()));
        let note = Arc::clone(&noted);
        self.conn.create_scalar_function("caredesk_changed", 2, FunctionFlags::SQLITE_UTF8, move |ctx| {
            // The function's arguments, not a row: the table, then the row's id.
            let [table, row] = [0, 1];
            let table: String = ctx.get(table)?;
            let row: Option<i64> = ctx.get(row)?;
            if let Some(change) = Change::of_row(&table, row.unwrap_or_default()) {
                note.lock().unwrap_or_else(PoisonError::into_inner).push(change);
            }
            Ok(0)
        })?;
        // Triggers of this connection only (TEMP: nothing is added to the file),
        // rather than SQLite's update hook, which does not see the tables
        // without a rowid (a customer's phones, the desk's preferences, a
        // complaint's escalations); those are parts, never named by id.
        let tables: Vec<(String, bool)> = self
            .conn
            .prepare("SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table'")?
            .query_map([], |r| Ok((r.get::<_, String>("name")?, r.get::<_, bool>("wr")?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut triggers = String::new();
        for (table, without_rowid) in tables.iter().filter(|(t, _)| ChangeKind::of_table(t).is_some()) {
            for (event, row) in [("INSERT", "NEW.rowid"), ("UPDATE", "NEW.rowid"), ("DELETE", "OLD.rowid")] {
                let row = if *without_rowid { "NULL" } else { row };
                triggers.push_str(&format!(
                    "CREATE TEMP TRIGGER IF NOT EXISTS caredesk_changed_{table}_{event} AFTER {event} ON main.{table} \
                     BEGIN SELECT caredesk_changed('{table}', {row}); END;\n",
                    event = event.to_lowercase()
                ));
            }
        }
        self.conn.execute_batch(&triggers)?;
        let committed = Arc::clone(&noted);
        let to = announce.clone();
        self.conn.commit_hook(Some(move || {
            let mut changes = std::mem::take(&mut *committed.lock().unwrap_or_else(PoisonError::into_inner));
            if !changes.is_empty() {
                changes.sort_unstable();
                changes.dedup();
                to.send(ChangeBatch { changes, everything: false });
            }
            // Let the commit go ahead.
            false
        }))?;
        self.conn.rollback_hook(Some(move || {
            noted.lock().unwrap_or_else(PoisonError::into_inner).clear();
        }))?;
        self.announce = Some(announce);
        Ok(())
    }

    /// Tells the screens to read everything again: the whole file was replaced
    /// (a restored backup), which no hook sees row by row.
    pub fn announce_everything(&self) {
        if let Some(announce) = &self.announce {
            announce.send(ChangeBatch { changes: Vec::new(), everything: true });
        }
    }

    /// Caps the page cache for a job that touches each page about once — the
    /// automatic backup's copy, writing the demo dealership — at
    /// [`JOB_CACHE_KIB`]. A large cache gains such a job nothing, and the pages it
    /// held stay in the process's heap after they are freed: the copy of a
    /// 1,000,000-customer file left the app 128 MiB larger for the rest of the day.
    /// [`Db::full_cache`] gives the desk its cache back.
    pub fn job_cache(&self) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", -JOB_CACHE_KIB)?;
        Ok(())
    }

    /// The desk's own page cache again, after [`Db::job_cache`].
    pub fn full_cache(&self) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", -DESK_CACHE_KIB)?;
        Ok(())
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The connection itself, for copying a backup into the open database
    /// (`backup::restore`): the `Db` stays valid for whoever holds it. Writes go
    /// through [`Db::write`].
    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Runs `f` in one write transaction: committed if it returns `Ok`,
    /// rolled back (nothing written) if it returns `Err`.
    pub fn write<T, E>(&mut self, f: impl FnOnce(&Transaction) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let tx =
            self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(StoreError::from)?;
        let value = f(&tx)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(value)
    }
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    let mode: String =
        conn.pragma_update_and_check(None, "journal_mode", "wal", |r| r.get("journal_mode"))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Corrupt(format!("journal mode is {mode}, not WAL")));
    }
    conn.pragma_update(None, "synchronous", "normal")?;
    conn.pragma_update(None, "cache_size", -DESK_CACHE_KIB)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // Every statement is prepared through the cache (`engine`); rusqlite keeps 16
    // by default, fewer than one import row's customer, vehicle, search index,
    // audit and visit statements, so each row parsed its SQL again (half the
    // time of importing an archive).
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(())
}

/// Prepared statements kept per connection: the desk's distinct statements
/// number a few hundred, each a few KiB once prepared.
const STATEMENT_CACHE: usize = 256;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_with_wal_foreign_keys_and_current_schema() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("nested/folder/caredesk.sqlite")).unwrap();
        let c = db.conn();
        let mode: String = c.pragma_query_value(None, "journal_mode", |r| r.get("journal_mode")).unwrap();
        let fk: i64 = c.pragma_query_value(None, "foreign_keys", |r| r.get("foreign_keys")).unwrap();
        let timeout: i64 = c.pragma_query_value(None, "busy_timeout", |r| r.get("timeout")).unwrap();
        assert_eq!(mode, "wal");
        assert_eq!(fk, 1);
        assert_eq!(timeout, 5000);
        assert_eq!(migrations::schema_version(c).unwrap(), migrations::latest());
    }

    #[test]
    fn a_job_works_through_a_small_cache_and_gives_the_desk_its_own_back() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("t.sqlite")).unwrap();
        let cache = |db: &Db| -> i64 {
            db.conn().pragma_query_value(None, "cache_size", |r| r.get("cache_size")).unwrap()
        };
        assert_eq!(cache(&db), -DESK_CACHE_KIB);
        db.job_cache().unwrap();
        assert_eq!(cache(&db), -JOB_CACHE_KIB);
        db.full_cache().unwrap();
        assert_eq!(cache(&db), -DESK_CACHE_KIB);
    }

    #[test]
    fn a_commit_announces_what_it_changed_and_a_rollback_nothing() {
        use caredesk_domain::changes::{Change, ChangeKind};
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("t.sqlite")).unwrap();
        let heard = Arc::new(Mutex::new(Vec::<ChangeBatch>::new()));
        let into = Arc::clone(&heard);
        db.announce_changes(Announce::new(move |batch| into.lock().unwrap().push(batch))).unwrap();
        let staff = "INSERT INTO staff (login, name, role, password_hash, active, created_at, updated_at) \
                     VALUES (?1, 'A', 'service_advisor', 'x', 1, '2026-12-05T08:00:00Z', '2026-12-05T08:00:00Z')";

        let failed: Result<()> = db.write(|tx| {
            tx.execute(staff, ["gone"]).map_err(StoreError::from)?;
            Err(StoreError::Corrupt("stop".into()))
        });
        assert!(failed.is_err());
        assert!(heard.lock().unwrap().is_empty(), "a rolled-back write announces nothing");

        db.write(|tx| {
            tx.execute(staff, ["a"]).map_err(StoreError::from)?;
            tx.execute(staff, ["b"]).map_err(StoreError::from)?;
            tx.execute("INSERT INTO preferences (key, value) VALUES ('k', 'v')", [])
                .map_err(StoreError::from)?;
            Ok::<_, StoreError>(())
        })
        .unwrap();
        let batches = std::mem::take(&mut *heard.lock().unwrap());
        assert_eq!(batches.len(), 1, "one commit, one announcement");
        let kinds: Vec<ChangeKind> = batches[0].changes.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [ChangeKind::Staff, ChangeKind::Staff, ChangeKind::Settings]);
        assert!(batches[0].changes.iter().filter(|c| c.kind == ChangeKind::Staff).all(|c| c.id.is_some()));
        assert!(batches[0].changes.contains(&Change { kind: ChangeKind::Settings, id: None }));

        // A statement outside a transaction commits, and is announced, on its own.
        db.conn().execute("UPDATE staff SET name = 'B' WHERE login = 'b'", []).unwrap();
        let batches = std::mem::take(&mut *heard.lock().unwrap());
        assert_eq!(batches.len(), 1);
        assert_eq!(batches[0].changes.len(), 1);

        db.announce_everything();
        assert!(heard.lock().unwrap()[0].everything);
    }

    #[test]
    fn a_failed_write_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("t.sqlite")).unwrap();
        let result: Result<()> = db.write(|tx| {
            tx.execute("INSERT INTO preferences (key, value) VALUES ('a', 'b')", [])?;
            Err(StoreError::Corrupt("stop".into()))
        });
        assert!(result.is_err());
        let n: i64 =
            db.conn().query_row("SELECT count(*) AS n FROM preferences", [], |r| r.get("n")).unwrap();
        assert_eq!(n, 0);
    }
}
