//! The audit trail: who changed what, when, with each changed field's value
//! before and after. Entries are written with the change and never edited.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::staff::StaffId;

/// What kind of record changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AuditEntity {
    Customer,
    Vehicle,
    Staff,
    Settings,
    Database,
    Visit,
    Complaint,
    Campaign,
}

/// What happened to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    Created,
    Updated,
    Archived,
    Restored,
    OwnerChanged,
    PasswordChanged,
    PasswordReset,
    BackupRestored,
    DemoLoaded,
    /// A visit's appointment moved to another time or advisor.
    Rescheduled,
    /// The preparation checklist changed.
    PreparationUpdated,
    Prepared,
    /// The vehicle was received (a walk-in is created received).
    Received,
    /// The repair order's lines, promised time or confirmation changed.
    OrderUpdated,
    RepairStarted,
    ExtraWorkFound,
    ExtraWorkApproved,
    ExtraWorkDeclined,
    RepairFinished,
    QcPassed,
    QcFailed,
    HandedOver,
    FollowedUp,
    NoShow,
    Cancelled,
    /// A complaint moved a step along its flow.
    ComplaintStep,
    /// A complaint went to the service manager (a time limit passed, or a socially influential case).
    Escalated,
    /// A follow-up call was tried: its outcome, and the answers when the customer was reached.
    CallAttempted,
    /// Follow-up calls were taken by (or given to) a caller.
    CallsAssigned,
    /// A campaign moved along draft → planned → running → finished.
    StatusChanged,
    /// Customers of the segment were invited.
    Invited,
    /// A guest was checked in at the event.
    CheckedIn,
    /// A guest drew a prize in the lottery.
    PrizeDrawn,
    /// A proactive care call was tried.
    CareCallAttempted,
    /// Data left CareDesk as a workbook: what, how many rows, which filter.
    Exported,
}

/// One field's value before and after (`null` where there was none).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    /// The field's camelCase name, as in the forms (`mobile`, `mileageKm`).
    pub field: String,
    pub before: serde_json::Value,
    pub after: serde_json::Value,
}

/// One line of a history panel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    #[ts(type = "number")]
    pub id: i64,
    pub at: DateTime<Utc>,
    pub staff_id: StaffId,
    /// The name as it was when the change was made.
    pub staff_name: String,
    pub entity: AuditEntity,
    #[ts(type = "number | null")]
    pub entity_id: Option<i64>,
    pub action: AuditAction,
    pub changes: Vec<FieldChange>,
}

/// The fields that differ between two records serialised as JSON objects,
/// in field-name order; `skip` names fields never compared
/// (ids, timestamps, secrets).
pub fn diff(before: &serde_json::Value, after: &serde_json::Value, skip: &[&str]) -> Vec<FieldChange> {
    let empty = serde_json::Map::new();
    let before = before.as_object().unwrap_or(&empty);
    let Some(after) = after.as_object() else {
        return Vec::new();
    };
    after
        .iter()
        .filter(|(field, _)| !skip.contains(&field.as_str()))
        .filter_map(|(field, value)| {
            let old = before.get(field).cloned().unwrap_or(serde_json::Value::Null);
            (old != *value && !(is_blank(&old) && is_blank(value))).then(|| FieldChange {
                field: field.clone(),
                before: old,
                after: value.clone(),
            })
        })
        .collect()
}

/// Null, an empty string and an empty list all mean "not filled in".
fn is_blank(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Null => true,
        serde_json::Value::String(s) => s.is_empty(),
        serde_json::Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn only_changed_fields_are_kept() {
        let before =
            json!({ "id": 1, "name": "王芳", "mobile": "13800138000", "notes": "", "updatedAt": "a" });
        let after =
            json!({ "id": 1, "name": "王芳", "mobile": "13900139000", "notes": null, "updatedAt": "b" });
        let changes = diff(&before, &after, &["id", "updatedAt"]);
        assert_eq!(
            changes,
            [FieldChange {
                field: "mobile".into(),
                before: json!("13800138000"),
                after: json!("13900139000")
            }]
        );
    }

    #[test]
    fn a_new_record_lists_what_was_filled_in() {
        let after = json!({ "name": "王芳", "address": "", "otherPhones": [], "grade": "vip" });
        let fields: Vec<String> =
            diff(&serde_json::Value::Null, &after, &[]).into_iter().map(|c| c.field).collect();
        assert_eq!(fields, ["grade", "name"]);
    }
}
