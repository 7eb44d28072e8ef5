//! The `preferences` table: small per-installation settings such as the language.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::error::Result;

pub const LANGUAGE: &str = "language";

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM preferences WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

pub fn set(tx: &Transaction, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO preferences (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}
