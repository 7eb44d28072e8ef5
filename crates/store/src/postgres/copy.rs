//! Moving up: a desk's SQLite database copied into an empty PostgreSQL
//! database — every table, ids kept, identity sequences advanced past them —
//! then every table's row count and checksum compared on both sides. All in
//! one transaction on the server: a copy that fails or does not verify leaves
//! the server's database empty. The SQLite file is only read.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use rusqlite::Connection;
use rusqlite::types::Value;

use super::Client;
use crate::engine::{PgWrite, Read};
use crate::error::{Result, StoreError};

/// One table as copied: its rows and their checksum, the same on both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCopy {
    pub table: String,
    pub rows: u64,
    /// Order-independent: the sum of each row's FNV-1a hash, in hex.
    pub checksum: String,
}

/// FTS5's own tables behind `customer_search`; PostgreSQL has an index instead.
fn is_fts_shadow(table: &str) -> bool {
    table.starts_with("customer_search_")
}

/// Moves a desk's database up to the server `config` names: checks the server
/// as the chooser's test does, refuses a database that holds records, then
/// copies (`copy_from_sqlite`). The file is only read.
pub fn move_up(source: &Connection, config: &super::Config) -> Result<Vec<TableCopy>> {
    let mut target = super::connect_checked(config)?;
    super::migrations::usable_version(&mut target)?;
    if let Some((table, rows)) = super::check::first_with_rows(&mut target)? {
        return Err(not_empty(&mut target, table, rows));
    }
    copy_from_sqlite(source, &mut target)
}

fn not_empty(target: &mut Client, table: String, rows: i64) -> StoreError {
    let database = target
        .query_one("SELECT current_database() AS name", &[])
        .map(|r| r.get::<_, String>("name"))
        .unwrap_or_else(|_| "?".into());
    StoreError::NotEmpty { database, table, rows }
}

/// Copies `source` into the (empty, or new) database `target` is connected to.
pub fn copy_from_sqlite(source: &Connection, target: &mut Client) -> Result<Vec<TableCopy>> {
    let version = crate::migrations::schema_version(source)?;
    if version != crate::migrations::latest() {
        return Err(StoreError::Corrupt(format!(
            "the file's schema is version {version}, this CareDesk's is {}: open it in this CareDesk first",
            crate::migrations::latest()
        )));
    }
    super::migrations::migrate(target)?;
    let tables = tables_in_order(source)?;
    let tx = PgWrite::new(target.transaction()?);
    for table in &tables {
        let rows: i64 = tx.one(&format!("SELECT count(*) AS n FROM {table}"), &[])?.get("n")?;
        if rows > 0 {
            let database: String = tx.one("SELECT current_database() AS name", &[])?.get("name")?;
            return Err(StoreError::NotEmpty { database, table: table.clone(), rows });
        }
    }
    let mut copies = Vec::new();
    for table in &tables {
        let columns = columns(source, table)?;
        let rows = copy_table(source, &tx, table, &columns)?;
        let here = checksum(source, table, &columns)?;
        let there = checksum(&tx, table, &columns)?;
        if here != there || here.0 != rows {
            return Err(StoreError::Corrupt(format!(
                "{table} did not arrive whole: {} rows (checksum {:016x}) in the file, {} (checksum {:016x}) on the server",
                here.0, here.1, there.0, there.1
            )));
        }
        copies.push(TableCopy { table: table.clone(), rows, checksum: format!("{:016x}", here.1) });
    }
    advance_identities(&tx)?;
    tx.commit()?;
    // The planner's statistics for what just arrived (the trigram index's among
    // them), and the visibility map, without which a search reads the table
    // where its index alone would do.
    target.batch_execute("VACUUM (ANALYZE)")?;
    Ok(copies)
}

/// CareDesk's tables, each after the tables its foreign keys point at.
fn tables_in_order(source: &Connection) -> Result<Vec<String>> {
    let names: Vec<String> = source
        .rows(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            &[],
        )?
        .iter()
        .map(|r| r.get("name"))
        .collect::<Result<Vec<String>>>()?
        .into_iter()
        .filter(|t| !is_fts_shadow(t))
        .collect();
    let mut parents: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for table in &names {
        let referenced: BTreeSet<String> = source
            .rows(&format!("SELECT \"table\" AS parent FROM pragma_foreign_key_list('{table}')"), &[])?
            .iter()
            .map(|r| r.get("parent"))
            .collect::<Result<_>>()?;
        parents.insert(table.clone(), referenced.into_iter().filter(|p| p != table).collect());
    }
    let mut ordered = Vec::new();
    while ordered.len() < names.len() {
        let ready: Vec<String> = names
            .iter()
            .filter(|t| !ordered.contains(*t) && parents[*t].iter().all(|p| ordered.contains(p)))
            .cloned()
            .collect();
        if ready.is_empty() {
            return Err(StoreError::Corrupt("the tables' foreign keys form a cycle".into()));
        }
        ordered.extend(ready);
    }
    Ok(ordered)
}

fn columns(source: &Connection, table: &str) -> Result<Vec<String>> {
    if table == "customer_search" {
        // FTS5's rowid is an ordinary column on the server.
        return Ok(vec!["rowid".into(), "text".into()]);
    }
    source
        .rows(&format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"), &[])?
        .iter()
        .map(|r| r.get("name"))
        .collect()
}

/// COPY's text format: tab-separated, `\N` for NULL, backslash escapes.
fn copy_field(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("\\N"),
        Value::Integer(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Real(r) => {
            let _ = write!(out, "{r:?}");
        }
        Value::Text(text) => {
            for c in text.chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    '\t' => out.push_str("\\t"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    c => out.push(c),
                }
            }
        }
        Value::Blob(bytes) => {
            out.push_str("\\\\x");
            for b in bytes {
                let _ = write!(out, "{b:02x}");
            }
        }
    }
}

fn column_list(columns: &[String]) -> String {
    columns.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ")
}

fn select_all(table: &str, columns: &[String]) -> String {
    format!("SELECT {} FROM {table}", column_list(columns))
}

fn copy_table(source: &Connection, tx: &PgWrite<'_>, table: &str, columns: &[String]) -> Result<u64> {
    let list = column_list(columns);
    let mut statement = source.prepare(&select_all(table, columns))?;
    let mut rows = statement.query([])?;
    let mut copied = 0;
    tx.copy_in(&format!("COPY {table} ({list}) FROM STDIN"), |writer| {
        let mut line = String::new();
        while let Some(row) = rows.next()? {
            line.clear();
            for i in 0..columns.len() {
                if i > 0 {
                    line.push('\t');
                }
                copy_field(&mut line, &row.get::<_, Value>(i)?);
            }
            line.push('\n');
            writer
                .write_all(line.as_bytes())
                .map_err(|e| StoreError::Corrupt(format!("copying {table}: {e}")))?;
            copied += 1;
        }
        Ok(())
    })?;
    Ok(copied)
}

/// The row count and the order-independent checksum of a table, read through either engine.
fn checksum(conn: &(impl Read + ?Sized), table: &str, columns: &[String]) -> Result<(u64, u64)> {
    let mut count = 0_u64;
    let mut sum = 0_u64;
    let mut text = String::new();
    conn.each(&select_all(table, columns), &[], &mut |row| {
        text.clear();
        for column in columns {
            let value: Value = row.get(column)?;
            copy_field(&mut text, &value);
            text.push('\t');
        }
        let hash = text
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
        sum = sum.wrapping_add(hash);
        count += 1;
        Ok(())
    })?;
    Ok((count, sum))
}

/// Every identity column's sequence moved past the copied ids, so the next
/// record the server numbers does not collide with one the file numbered.
fn advance_identities(tx: &PgWrite<'_>) -> Result<()> {
    let identities = tx.rows(
        "SELECT table_name::text AS table_name, column_name::text AS column_name FROM information_schema.columns
         WHERE table_schema = current_schema() AND is_identity = 'YES'",
        &[],
    )?;
    for identity in identities {
        let (table, column): (String, String) = (identity.get("table_name")?, identity.get("column_name")?);
        tx.one(
            &format!(
                "SELECT setval(pg_get_serial_sequence('{table}', '{column}'), coalesce(max({column}), 0) + 1, false)
                 AS next FROM {table}"
            ),
            &[],
        )?;
    }
    Ok(())
}
