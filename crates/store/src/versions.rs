//! Two desks editing the same record: the second save must not silently undo
//! the first. A form carries the `updatedAt` of the record it was filled from
//! (its version); a save whose version is no longer the record's is refused as
//! `stale`, naming who changed it and when, and nothing is written.
//!
//! Every change stamps the record with a later `updated_at` than it had, even
//! when the desk's clock is behind another desk's or stands still (`stamp`), so
//! a version is never handed out twice.
//!
//! The record's row is locked first (`FOR UPDATE` on PostgreSQL; on SQLite the
//! write transaction already excludes other writers), so a check that passed
//! still holds when the transaction writes.

use caredesk_domain::audit::{AuditAction, AuditEntity};
use chrono::{DateTime, Utc};
use rusqlite::params;

use crate::engine::Write;
use crate::error::{Result, StoreError};
use crate::sql::enum_text;

/// The `updated_at` a change made at `now` gives a record stamped `current`: now,
/// or a microsecond after `current` when this desk's clock is not past it.
pub(crate) fn stamp(current: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    now.max(current + chrono::Duration::microseconds(1))
}

/// Locks the row `id` of `table` until the transaction ends; its `updated_at`.
pub(crate) fn lock(tx: &(impl Write + ?Sized), table: &str, id: i64) -> Result<Option<DateTime<Utc>>> {
    let for_update = tx.dialect().for_update();
    tx.optional(&format!("SELECT updated_at FROM {table} WHERE id = ?1{for_update}"), params![id])?
        .map(|row| row.get("updated_at"))
        .transpose()
}

/// Refuses the save as `stale` when the form's `version` is not the record's
/// `current` one; `None` (a new record, an import, a command with no form)
/// checks nothing.
pub(crate) fn check(
    tx: &(impl Write + ?Sized),
    entity: AuditEntity,
    what: &'static str,
    id: i64,
    current: DateTime<Utc>,
    version: Option<DateTime<Utc>>,
) -> Result<()> {
    let Some(version) = version else { return Ok(()) };
    if version == current {
        return Ok(());
    }
    // Who made the change the form has not seen: the trail's latest entry for
    // the record made by then. A change stamps the record no earlier than its
    // entry's time, so entries after `current` are of writes that left the
    // version alone (a follow-up call's attempts on the visit's trail). A
    // complaint's escalations leave it alone too, even when recorded in the
    // same transaction as the change.
    let last = tx.optional(
        "SELECT staff_name, at FROM audit_log
         WHERE entity = ?1 AND entity_id = ?2 AND at <= ?3 AND action <> ?4
         ORDER BY id DESC LIMIT 1",
        params![enum_text(&entity), id, current, enum_text(&AuditAction::Escalated)],
    )?;
    let (by, at) = match last {
        Some(row) => (row.get("staff_name")?, row.get("at")?),
        None => (String::new(), current),
    };
    Err(StoreError::Stale { what, id, by, at })
}

/// `check` then `stamp`, for a record whose row the caller has locked and read
/// (`current` its `updated_at`): the `updated_at` the change is to stamp it with.
pub(crate) fn check_and_stamp(
    tx: &(impl Write + ?Sized),
    entity: AuditEntity,
    what: &'static str,
    id: i64,
    current: DateTime<Utc>,
    version: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>> {
    check(tx, entity, what, id, current, version)?;
    Ok(stamp(current, now))
}

/// `lock` then `check`, for a record that must exist; the `updated_at` the
/// change is to stamp it with.
pub(crate) fn lock_and_check(
    tx: &(impl Write + ?Sized),
    table: &str,
    entity: AuditEntity,
    what: &'static str,
    id: i64,
    version: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>> {
    let current = lock(tx, table, id)?.ok_or(StoreError::NotFound { what, id })?;
    check(tx, entity, what, id, current, version)?;
    Ok(stamp(current, now))
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn a_change_always_stamps_a_later_time() {
        let at = Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0).unwrap();
        let later = at + chrono::Duration::seconds(5);
        assert_eq!(stamp(at, later), later);
        // A clock that stands still, or is behind the desk that changed it last.
        assert_eq!(stamp(at, at), at + chrono::Duration::microseconds(1));
        assert_eq!(stamp(later, at), later + chrono::Duration::microseconds(1));
    }
}
