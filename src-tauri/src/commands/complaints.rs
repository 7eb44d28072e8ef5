//! Complaints: register from anywhere, the flow with its time limits and
//! escalation, service recovery, cause and improvement, and the KPIs. Every
//! read first records the escalations due at the clock's now, so the manager's
//! count and notifications never wait; a background check does the same every
//! minute (`lib.rs`), so a limit passes on the screens of every desk even when
//! nobody reads a complaint.

use caredesk_domain::audit::AuditEntry;
use caredesk_domain::complaint::{
    CauseInput, Complaint, ComplaintInput, ComplaintLimits, ComplaintStep, EscalationReason, Kpis,
    RecoveryInput,
};
use caredesk_domain::staff::Colleague;
use caredesk_domain::{Actor, ComplaintId, Role, StaffId};
use caredesk_store::engine::Write;
use caredesk_store::{Database, Now, StoreError, audit, complaints, staff};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use crate::error::CommandError;
use crate::state::AppState;

/// What the navigation and the manager's notifications show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ComplaintAlerts {
    /// Open complaints escalated to the service manager.
    pub escalated_open: u32,
    /// Complaints a low score on a follow-up call opened that nobody has taken yet.
    pub from_calls_unassigned: u32,
    /// Escalations raised by this check: complaint number and reason.
    pub raised: Vec<RaisedEscalation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RaisedEscalation {
    #[ts(type = "number")]
    pub complaint_id: i64,
    pub number: String,
    pub reason: EscalationReason,
}

/// The KPIs with the targets they are read against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ComplaintKpis {
    pub since: NaiveDate,
    pub kpis: Kpis,
    pub limits: ComplaintLimits,
}

/// Records the escalations due now, then reads (with the desk's clock).
async fn read<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&Database, Now) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, CommandError> {
    let now = state.now();
    state
        .with_db(move |db| {
            db.write(|tx| complaints::escalate_due(tx, now))?;
            f(db, now)
        })
        .await
}

/// Runs a complaint write in one transaction and returns the complaint as it now is.
async fn change(
    state: &AppState,
    id: ComplaintId,
    mut f: impl FnMut(&dyn Write, &Actor, Now) -> Result<(), StoreError> + Send + 'static,
) -> Result<Complaint, CommandError> {
    state
        .as_member(move |db, actor, now| {
            db.write(|tx| f(tx, actor, now))?;
            Ok(complaints::get(db.conn(), id.0)?.shown_at(now.instant))
        })
        .await
}

#[tauri::command]
pub async fn complaint_alerts(state: State<'_, AppState>) -> Result<ComplaintAlerts, CommandError> {
    let now = state.now();
    // What the background check raised since the last alerts check comes first.
    let earlier = state.take_raised();
    let kept = earlier.clone();
    let alerts = state
        .with_db(move |db| {
            let mut raised = earlier;
            raised.extend(raise_due(db, now)?);
            Ok(ComplaintAlerts {
                escalated_open: complaints::escalated_open(db.conn())?,
                from_calls_unassigned: complaints::unassigned_from_calls(db.conn())?,
                raised,
            })
        })
        .await;
    if alerts.is_err() {
        state.note_raised(kept);
    }
    alerts
}

/// Records the escalations due at `now`: each raised one with its complaint's number.
pub fn raise_due(db: &mut Database, now: Now) -> Result<Vec<RaisedEscalation>, StoreError> {
    let raised = db.write(|tx| complaints::escalate_due(tx, now))?;
    raised
        .into_iter()
        .map(|(complaint_id, reason)| {
            Ok(RaisedEscalation {
                complaint_id,
                number: complaints::get(db.conn(), complaint_id)?.number,
                reason,
            })
        })
        .collect()
}

#[tauri::command]
pub async fn list_complaints(
    state: State<'_, AppState>,
    open_only: bool,
) -> Result<Vec<Complaint>, CommandError> {
    read(&state, move |db, now| {
        Ok(complaints::list(db.conn(), open_only)?.into_iter().map(|c| c.shown_at(now.instant)).collect())
    })
    .await
}

#[tauri::command]
pub async fn get_complaint(state: State<'_, AppState>, id: ComplaintId) -> Result<Complaint, CommandError> {
    read(&state, move |db, now| Ok(complaints::get(db.conn(), id.0)?.shown_at(now.instant))).await
}

#[tauri::command]
pub async fn complaint_history(
    state: State<'_, AppState>,
    id: ComplaintId,
) -> Result<Vec<AuditEntry>, CommandError> {
    state.with_db(move |db| audit::of_complaint(db.conn(), id.0)).await
}

#[tauri::command]
pub async fn complaint_kpis(
    state: State<'_, AppState>,
    since: NaiveDate,
) -> Result<ComplaintKpis, CommandError> {
    read(&state, move |db, _| {
        Ok(ComplaintKpis {
            since,
            kpis: complaints::kpis(db.conn(), since)?,
            limits: complaints::limits(db.conn())?,
        })
    })
    .await
}

/// Everyone who may handle a complaint: active staff but administrators.
#[tauri::command]
pub async fn complaint_handlers(state: State<'_, AppState>) -> Result<Vec<Colleague>, CommandError> {
    state
        .with_db(|db| {
            Ok(staff::list(db.conn())?
                .into_iter()
                .filter(|m| m.active && m.role != Role::Administrator)
                .map(|m| Colleague { id: m.id, name: m.name, role: m.role })
                .collect())
        })
        .await
}

#[tauri::command]
pub async fn get_complaint_limits(state: State<'_, AppState>) -> Result<ComplaintLimits, CommandError> {
    state.with_db(|db| complaints::limits(db.conn())).await
}

#[tauri::command]
pub async fn update_complaint_limits(
    state: State<'_, AppState>,
    limits: ComplaintLimits,
) -> Result<ComplaintLimits, CommandError> {
    state
        .as_member(move |db, actor, now| db.write(|tx| complaints::update_limits(tx, actor, &limits, now)))
        .await
}

#[tauri::command]
pub async fn register_complaint(
    state: State<'_, AppState>,
    input: ComplaintInput,
) -> Result<Complaint, CommandError> {
    state
        .as_member(move |db, actor, now| {
            let id = db.write(|tx| complaints::register(tx, actor, &input, now))?;
            Ok(complaints::get(db.conn(), id)?.shown_at(now.instant))
        })
        .await
}

#[tauri::command]
pub async fn solve_complaint_on_the_spot(
    state: State<'_, AppState>,
    id: ComplaintId,
    solution: String,
) -> Result<Complaint, CommandError> {
    change(&state, id, move |tx, actor, now| complaints::solve_on_the_spot(tx, actor, id.0, &solution, now))
        .await
}

/// `version`: the `updatedAt` of the complaint the handler was picked on (a
/// change made meanwhile refuses it as stale); null checks nothing.
#[tauri::command]
pub async fn assign_complaint(
    state: State<'_, AppState>,
    id: ComplaintId,
    handler_id: StaffId,
    version: Option<DateTime<Utc>>,
) -> Result<Complaint, CommandError> {
    change(&state, id, move |tx, actor, now| complaints::assign(tx, actor, id.0, handler_id, version, now))
        .await
}

/// Contacting the customer, agreeing the solution, the return call: a step with its note.
#[tauri::command]
pub async fn complaint_step(
    state: State<'_, AppState>,
    id: ComplaintId,
    step: ComplaintStep,
    note: String,
) -> Result<Complaint, CommandError> {
    change(&state, id, move |tx, actor, now| complaints::step(tx, actor, id.0, step, &note, now)).await
}

#[tauri::command]
pub async fn resolve_complaint(
    state: State<'_, AppState>,
    id: ComplaintId,
    resolved_on: NaiveDate,
    solution: String,
) -> Result<Complaint, CommandError> {
    change(&state, id, move |tx, actor, now| {
        complaints::resolve(tx, actor, id.0, resolved_on, &solution, now)
    })
    .await
}

#[tauri::command]
pub async fn close_complaint(state: State<'_, AppState>, id: ComplaintId) -> Result<Complaint, CommandError> {
    change(&state, id, move |tx, actor, now| complaints::close(tx, actor, id.0, now)).await
}

#[tauri::command]
pub async fn reopen_complaint(
    state: State<'_, AppState>,
    id: ComplaintId,
    reason: String,
) -> Result<Complaint, CommandError> {
    change(&state, id, move |tx, actor, now| complaints::reopen(tx, actor, id.0, &reason, now)).await
}

#[tauri::command]
pub async fn record_recovery(
    state: State<'_, AppState>,
    id: ComplaintId,
    recovery: RecoveryInput,
) -> Result<Complaint, CommandError> {
    change(&state, id, move |tx, actor, now| complaints::record_recovery(tx, actor, id.0, &recovery, now))
        .await
}

#[tauri::command]
pub async fn record_complaint_cause(
    state: State<'_, AppState>,
    id: ComplaintId,
    cause: CauseInput,
) -> Result<Complaint, CommandError> {
    change(&state, id, move |tx, actor, now| complaints::record_cause(tx, actor, id.0, &cause, now)).await
}

/// `version`: the `updatedAt` of the complaint whose measure was checked.
#[tauri::command]
pub async fn check_improvement(
    state: State<'_, AppState>,
    id: ComplaintId,
    version: Option<DateTime<Utc>>,
) -> Result<Complaint, CommandError> {
    change(&state, id, move |tx, actor, now| complaints::check_measure(tx, actor, id.0, version, now)).await
}
