//! The `preferences` table: small per-installation settings such as the language.

use caredesk_domain::Actor;
use caredesk_domain::audit::{AuditAction, AuditEntity, diff};
use rusqlite::params;

use crate::Now;
use crate::audit::{self, Change};
use crate::engine::{Read, Write};
use crate::error::{Result, StoreError};

pub const LANGUAGE: &str = "language";

pub fn get(conn: &(impl Read + ?Sized), key: &str) -> Result<Option<String>> {
    conn.optional("SELECT value FROM preferences WHERE key = ?1", params![key])?
        .map(|r| r.get("value"))
        .transpose()
}

pub fn set(tx: &(impl Write + ?Sized), key: &str, value: &str) -> Result<()> {
    tx.run(
        "INSERT INTO preferences (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// A setting kept as one JSON value under `key`, or its default when never set.
pub fn get_json<T: serde::de::DeserializeOwned + Default>(
    conn: &(impl Read + ?Sized),
    key: &str,
) -> Result<T> {
    match get(conn, key)? {
        Some(json) => serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(format!("{key}: {e}"))),
        None => Ok(T::default()),
    }
}

/// Writes a setting as JSON under `key` and records what changed from `before`.
pub fn set_json<T: serde::Serialize>(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    now: Now,
    key: &str,
    before: &T,
    after: &T,
) -> Result<()> {
    set(tx, key, &audit::json(after)?.to_string())?;
    record_change(tx, actor, now, before, after)
}

/// Records a change of settings in the audit trail, field by field; nothing when nothing changed.
pub fn record_change<T: serde::Serialize>(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    now: Now,
    before: &T,
    after: &T,
) -> Result<()> {
    let changes = diff(&audit::json(before)?, &audit::json(after)?, &[]);
    if changes.is_empty() {
        return Ok(());
    }
    audit::record(
        tx,
        actor,
        now,
        Change {
            entity: AuditEntity::Settings,
            entity_id: None,
            customer_id: None,
            action: AuditAction::Updated,
            changes,
        },
    )
}
