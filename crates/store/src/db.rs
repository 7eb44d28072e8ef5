//! Opening the database file the way every CareDesk connection must be.

use std::path::{Path, PathBuf};
use std::time::Duration;

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
        Ok(Db { conn, path: path.to_owned() })
    }

    pub fn path(&self) -> &Path {
        &self.path
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
    Ok(())
}

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
