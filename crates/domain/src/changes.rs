//! What a committed write changed, as every desk is told it: the kind of record
//! and, where the row is the record itself, its id. The screens reread what they
//! show of that kind; a write that was rolled back announces nothing.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The kind of record a change touched: what a screen rereads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Customer,
    Vehicle,
    Staff,
    /// The dealership's settings and a desk's preferences.
    Settings,
    /// Appointments, visits and repair orders (an appointment is a visit that has not begun).
    Visit,
    FollowUp,
    Complaint,
    Campaign,
    /// Proactive care calls.
    Care,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 9] = [
        ChangeKind::Customer,
        ChangeKind::Vehicle,
        ChangeKind::Staff,
        ChangeKind::Settings,
        ChangeKind::Visit,
        ChangeKind::FollowUp,
        ChangeKind::Complaint,
        ChangeKind::Campaign,
        ChangeKind::Care,
    ];

    /// The kind of record a row of `table` belongs to, and whether the row's id
    /// is the record's (`visits`) rather than a part's (`extra_work`). `None`
    /// for what no screen shows as such: the audit trail, the search index.
    pub fn of_table(table: &str) -> Option<(ChangeKind, bool)> {
        use ChangeKind::*;
        Some(match table {
            "customers" => (Customer, true),
            "customer_phones" => (Customer, false),
            "vehicles" => (Vehicle, true),
            "vehicle_owners" => (Vehicle, false),
            "staff" => (Staff, true),
            "preferences" | "questionnaires" => (Settings, false),
            "visits" => (Visit, true),
            "visit_steps" | "extra_work" | "order_lines" | "qc_checks" => (Visit, false),
            "follow_up_calls" => (FollowUp, true),
            "follow_up_attempts" | "follow_up_surveys" => (FollowUp, false),
            "complaints" => (Complaint, true),
            "complaint_events" | "complaint_recovery" | "complaint_escalations" => (Complaint, false),
            "campaigns" => (Campaign, true),
            "campaign_prizes" | "campaign_budget" | "campaign_invitations" | "campaign_draws" => {
                (Campaign, false)
            }
            "care_calls" => (Care, true),
            "care_attempts" => (Care, false),
            _ => return None,
        })
    }
}

/// One changed record: `id` when the changed row was the record itself, else
/// `None` (a part of some record of that kind changed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    pub kind: ChangeKind,
    pub id: Option<i64>,
}

impl Change {
    /// The change a write to row `id` of `table` makes, if any screen shows it.
    pub fn of_row(table: &str, id: i64) -> Option<Change> {
        ChangeKind::of_table(table).map(|(kind, own)| Change { kind, id: own.then_some(id) })
    }
}

/// What the screens are told at once: the changes of the last moments, each
/// once; `everything` when a desk may have missed some (its connection to the
/// server was lost, a backup was restored) and must reread all it shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChangeBatch {
    pub changes: Vec<Change>,
    pub everything: bool,
}

impl ChangeBatch {
    /// Adds `more`, keeping each change once and in order.
    pub fn merge(&mut self, more: ChangeBatch) {
        self.everything |= more.everything;
        self.changes.extend(more.changes);
        self.changes.sort_unstable();
        self.changes.dedup();
    }

    pub fn is_empty(&self) -> bool {
        !self.everything && self.changes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_names_its_kind_and_the_record_its_id() {
        assert_eq!(Change::of_row("visits", 7), Some(Change { kind: ChangeKind::Visit, id: Some(7) }));
        assert_eq!(Change::of_row("extra_work", 7), Some(Change { kind: ChangeKind::Visit, id: None }));
        assert_eq!(Change::of_row("audit_log", 7), None);
        assert_eq!(Change::of_row("customer_name_grams", 7), None);
    }

    #[test]
    fn a_batch_keeps_each_change_once() {
        let visit = |id| Change { kind: ChangeKind::Visit, id: Some(id) };
        let mut batch = ChangeBatch { changes: vec![visit(2), visit(1)], everything: false };
        batch.merge(ChangeBatch { changes: vec![visit(1), visit(3)], everything: false });
        assert_eq!(batch.changes, vec![visit(1), visit(2), visit(3)]);
        assert!(!batch.everything);
        batch.merge(ChangeBatch { changes: vec![], everything: true });
        assert!(batch.everything && !batch.is_empty());
        assert!(ChangeBatch::default().is_empty());
    }
}
