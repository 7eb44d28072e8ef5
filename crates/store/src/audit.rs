//! The `audit_log` table: appended in the same transaction as every change
//! (so a failed write leaves neither), never updated or deleted (triggers
//! refuse it), read by the history panels.

use caredesk_domain::audit::{AuditAction, AuditEntity, AuditEntry, FieldChange};
use caredesk_domain::{Actor, CustomerId, StaffId, VehicleId};
use rusqlite::params;

use crate::Now;
use crate::engine::{Read, Row, Write};
use crate::error::{Result, StoreError};
use crate::sql::{enum_text, parse_enum};

/// Fields never shown as changes: ids and the timestamps every write moves.
pub const SKIP: &[&str] = &["id", "customerId", "createdAt", "updatedAt", "archivedAt"];

/// What one change did, before it is stamped with who and when.
pub struct Change {
    pub entity: AuditEntity,
    pub entity_id: Option<i64>,
    /// The customer the change concerns, so their history panel shows it.
    pub customer_id: Option<CustomerId>,
    pub action: AuditAction,
    pub changes: Vec<FieldChange>,
}

/// The JSON of a record, for `caredesk_domain::audit::diff`.
pub fn json<T: serde::Serialize>(record: &T) -> Result<serde_json::Value> {
    serde_json::to_value(record).map_err(|e| StoreError::Corrupt(format!("cannot serialise a record: {e}")))
}

/// Records a record's change as the fields that differ between `before`
/// (`None` for a new record) and `after`. An update that changed nothing
/// visible leaves no entry.
#[allow(clippy::too_many_arguments, reason = "one entry's parts, named at each call")]
pub fn record_diff<T: serde::Serialize>(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    now: Now,
    entity: AuditEntity,
    customer_id: Option<CustomerId>,
    before: Option<&T>,
    after: (i64, &T),
    action: AuditAction,
) -> Result<()> {
    record_diff_from(tx, actor, now, entity, customer_id, before, after, action, None)
}

/// Where an imported record came from (`customers.xlsx row 17`), as a change
/// of its own in the record's entry: the history panel names the file and row.
pub fn imported_from(source: &str) -> FieldChange {
    FieldChange {
        field: "importedFrom".into(),
        before: serde_json::Value::Null,
        after: serde_json::Value::from(source),
    }
}

/// As [`record_diff`], with [`imported_from`] added when the change came from
/// an import (`source`). An import that changed nothing still leaves no entry.
#[allow(clippy::too_many_arguments, reason = "one entry's parts, named at each call")]
pub fn record_diff_from<T: serde::Serialize>(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    now: Now,
    entity: AuditEntity,
    customer_id: Option<CustomerId>,
    before: Option<&T>,
    after: (i64, &T),
    action: AuditAction,
    source: Option<&str>,
) -> Result<()> {
    let before = match before {
        Some(record) => json(record)?,
        None => serde_json::Value::Null,
    };
    let (entity_id, after) = after;
    let changes = caredesk_domain::audit::diff(&before, &json(after)?, SKIP);
    if changes.is_empty() && action == AuditAction::Updated {
        return Ok(());
    }
    let mut changes = changes;
    changes.extend(source.map(imported_from));
    record(tx, actor, now, Change { entity, entity_id: Some(entity_id), customer_id, action, changes })
}

pub fn record(tx: &(impl Write + ?Sized), actor: &Actor, now: Now, change: Change) -> Result<()> {
    let changes = serde_json::to_string(&change.changes)
        .map_err(|e| StoreError::Corrupt(format!("cannot serialise changes: {e}")))?;
    tx.run(
        "INSERT INTO audit_log (at, staff_id, staff_name, entity, entity_id, customer_id, action, changes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            now.instant,
            actor.id.0,
            actor.name,
            enum_text(&change.entity),
            change.entity_id,
            change.customer_id.map(|c| c.0),
            enum_text(&change.action),
            changes,
        ],
    )?;
    Ok(())
}

/// Data left CareDesk as a workbook: `what` (the list), how many rows of
/// each table, and the filter it was taken with, on the database's trail.
pub fn record_export(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    now: Now,
    what: &str,
    rows: &[(&str, usize)],
    filter: &str,
) -> Result<()> {
    actor.require(caredesk_domain::Action::ExportData)?;
    let mut changes = vec![FieldChange {
        field: "what".into(),
        before: serde_json::Value::Null,
        after: serde_json::Value::from(what),
    }];
    changes.extend(rows.iter().map(|(table, count)| FieldChange {
        field: format!("rows.{table}"),
        before: serde_json::Value::Null,
        after: serde_json::Value::from(*count),
    }));
    if !filter.is_empty() {
        changes.push(FieldChange {
            field: "filter".into(),
            before: serde_json::Value::Null,
            after: serde_json::Value::from(filter),
        });
    }
    record(
        tx,
        actor,
        now,
        Change {
            entity: AuditEntity::Database,
            entity_id: None,
            customer_id: None,
            action: AuditAction::Exported,
            changes,
        },
    )
}

/// An entry as stored, before its enums and changes are parsed.
struct RawEntry {
    id: i64,
    at: chrono::DateTime<chrono::Utc>,
    staff_id: i64,
    staff_name: String,
    entity: String,
    entity_id: Option<i64>,
    action: String,
    changes: String,
}

fn from_row(row: &Row) -> Result<RawEntry> {
    Ok(RawEntry {
        id: row.get("id")?,
        at: row.get("at")?,
        staff_id: row.get("staff_id")?,
        staff_name: row.get("staff_name")?,
        entity: row.get("entity")?,
        entity_id: row.get("entity_id")?,
        action: row.get("action")?,
        changes: row.get("changes")?,
    })
}

fn entries(conn: &(impl Read + ?Sized), filter: &str, id: i64) -> Result<Vec<AuditEntry>> {
    let rows = conn.rows(
        &format!(
            "SELECT id, at, staff_id, staff_name, entity, entity_id, action, changes FROM audit_log
             WHERE {filter} ORDER BY id DESC LIMIT 500"
        ),
        params![id],
    )?;
    rows.iter()
        .map(from_row)
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .map(|RawEntry { id, at, staff_id, staff_name, entity, entity_id, action, changes }| {
            Ok(AuditEntry {
                id,
                at,
                staff_id: StaffId(staff_id),
                staff_name,
                entity: parse_enum(&entity)?,
                entity_id,
                action: parse_enum(&action)?,
                changes: serde_json::from_str(&changes)
                    .map_err(|e| StoreError::Corrupt(format!("audit entry {id}: {e}")))?,
            })
        })
        .collect()
}

/// A customer's history: changes to the customer and to their vehicles, newest first.
pub fn of_customer(conn: &(impl Read + ?Sized), id: CustomerId) -> Result<Vec<AuditEntry>> {
    entries(conn, "(entity = 'customer' AND entity_id = ?1) OR customer_id = ?1", id.0)
}

/// A vehicle's history across all its owners, newest first.
pub fn of_vehicle(conn: &(impl Read + ?Sized), id: VehicleId) -> Result<Vec<AuditEntry>> {
    entries(conn, "entity = 'vehicle' AND entity_id = ?1", id.0)
}

/// A staff account's history, newest first.
pub fn of_staff(conn: &(impl Read + ?Sized), id: StaffId) -> Result<Vec<AuditEntry>> {
    entries(conn, "entity = 'staff' AND entity_id = ?1", id.0)
}

/// A visit's history, newest first.
pub fn of_visit(conn: &(impl Read + ?Sized), id: caredesk_domain::VisitId) -> Result<Vec<AuditEntry>> {
    entries(conn, "entity = 'visit' AND entity_id = ?1", id.0)
}

/// The exports of data out of CareDesk (who, what, how many rows), newest first.
pub fn exports(conn: &(impl Read + ?Sized)) -> Result<Vec<AuditEntry>> {
    entries(conn, "entity = 'database' AND action = 'exported' AND id > ?1", 0)
}

/// A complaint's history, newest first.
pub fn of_complaint(conn: &(impl Read + ?Sized), id: i64) -> Result<Vec<AuditEntry>> {
    entries(conn, "entity = 'complaint' AND entity_id = ?1", id)
}
