//! Two desks writing at once on the dealership's server: what a write locks
//! first, so that the check it makes still holds when it writes. SQLite needs
//! none of it — its write transactions (`BEGIN IMMEDIATE`) already run one at a
//! time — so each function does nothing there.

use rusqlite::params;

use crate::engine::{Dialect, Write};
use crate::error::Result;

/// Until the transaction ends, the lock of `what` `key`, for a rule about rows
/// that may not exist yet (an advisor's slot, a day's numbering): every other
/// transaction taking the same one waits for this one to commit or roll back,
/// then reads what it wrote (PostgreSQL's default READ COMMITTED isolation gives
/// each statement a new snapshot). That makes a check-then-write — a free slot,
/// the next number — hold when two desks write at once.
///
/// A transaction-level advisory lock on two 32-bit keys, hashes of `what` and
/// `key`: the two-key space never meets the migrations' 64-bit lock, and a hash
/// collision only makes two unrelated writes take turns.
pub(crate) fn advisory(tx: &(impl Write + ?Sized), what: &str, key: &str) -> Result<()> {
    if tx.dialect() == Dialect::Postgres {
        tx.run("SELECT pg_advisory_xact_lock(hashtext(?1), hashtext(?2))", params![what, key])?;
    }
    Ok(())
}

/// The row `id` of `table`, locked until the transaction ends, so that two desks
/// changing one record take turns and each checks it as the other left it.
/// `FOR NO KEY UPDATE` is the lock an `UPDATE` of the row takes: it does not
/// block the inserts of rows that reference it, which only need its key.
pub(crate) fn row(tx: &(impl Write + ?Sized), table: &str, id: i64) -> Result<()> {
    if tx.dialect() == Dialect::Postgres {
        tx.rows(&format!("SELECT id FROM {table} WHERE id = ?1 FOR NO KEY UPDATE"), params![id])?;
    }
    Ok(())
}
