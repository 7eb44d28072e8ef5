//! The service visit: the appointment board, reception and the repair order,
//! repair, the quality check, handover, and the workshop board. Each command
//! is one store call and the visit as it now is.

use caredesk_domain::audit::AuditEntry;
use caredesk_domain::board::{AppointmentBoard, VehicleVisits, WorkshopBoard};
use caredesk_domain::settings::ServiceSettings;
use caredesk_domain::staff::Colleague;
use caredesk_domain::visit::{
    Booking, ExtraWorkInput, HandoverInput, OrderInput, Preparation, QcInput, Reception, Visit, VisitSummary,
    WalkIn,
};
use caredesk_domain::{CustomerId, ExtraWorkId, Role, StaffId, VehicleId, VisitId};
use caredesk_store::engine::Write;
use caredesk_store::{Database, Now, StoreError, audit, settings, staff, visits};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

/// Runs a visit write in one transaction and returns the visit as it now is.
async fn change(
    state: &AppState,
    id: VisitId,
    mut f: impl FnMut(&dyn Write, &caredesk_domain::Actor, Now) -> Result<(), StoreError> + Send + 'static,
) -> Result<Visit, CommandError> {
    state
        .as_member(move |db: &mut Database, actor, now| {
            db.write(|tx| f(tx, actor, now))?;
            Ok(visits::get(db.conn(), id)?.shown_at(now.local))
        })
        .await
}

#[tauri::command]
pub async fn appointment_board(
    state: State<'_, AppState>,
    from: NaiveDate,
    days: u32,
) -> Result<AppointmentBoard, CommandError> {
    let now = state.now();
    state.with_db(move |db| visits::board(db.conn(), from, days, now)).await
}

#[tauri::command]
pub async fn workshop_board(state: State<'_, AppState>) -> Result<WorkshopBoard, CommandError> {
    let now = state.now();
    state.with_db(move |db| visits::workshop(db.conn(), now)).await
}

#[tauri::command]
pub async fn get_visit(state: State<'_, AppState>, id: VisitId) -> Result<Visit, CommandError> {
    let now = state.now();
    state.with_db(move |db| Ok(visits::get(db.conn(), id)?.shown_at(now.local))).await
}

#[tauri::command]
pub async fn visit_history(state: State<'_, AppState>, id: VisitId) -> Result<Vec<AuditEntry>, CommandError> {
    state.with_db(move |db| audit::of_visit(db.conn(), id)).await
}

#[tauri::command]
pub async fn vehicle_visits(
    state: State<'_, AppState>,
    id: VehicleId,
) -> Result<VehicleVisits, CommandError> {
    let now = state.now();
    state.with_db(move |db| visits::of_vehicle(db.conn(), id, now)).await
}

#[tauri::command]
pub async fn customer_visits(
    state: State<'_, AppState>,
    id: CustomerId,
) -> Result<Vec<VisitSummary>, CommandError> {
    let now = state.now();
    state.with_db(move |db| visits::of_customer(db.conn(), id, now)).await
}

/// The active advisors, technicians and managers, for the service screens' pickers.
#[tauri::command]
pub async fn service_staff(state: State<'_, AppState>) -> Result<Vec<Colleague>, CommandError> {
    state
        .with_db(|db| {
            Ok(staff::list(db.conn())?
                .into_iter()
                .filter(|m| {
                    m.active
                        && matches!(m.role, Role::ServiceAdvisor | Role::Technician | Role::ServiceManager)
                })
                .map(|m| Colleague { id: m.id, name: m.name, role: m.role })
                .collect())
        })
        .await
}

#[tauri::command]
pub async fn get_service_settings(state: State<'_, AppState>) -> Result<ServiceSettings, CommandError> {
    state.with_db(|db| settings::service(db.conn())).await
}

#[tauri::command]
pub async fn update_service_settings(
    state: State<'_, AppState>,
    settings: ServiceSettings,
) -> Result<ServiceSettings, CommandError> {
    state
        .as_member(move |db, actor, now| db.write(|tx| settings::update_service(tx, actor, &settings, now)))
        .await
}

#[tauri::command]
pub async fn book_appointment(state: State<'_, AppState>, booking: Booking) -> Result<Visit, CommandError> {
    state
        .as_member(move |db, actor, now| {
            let id = db.write(|tx| visits::book(tx, actor, &booking, now))?;
            Ok(visits::get(db.conn(), id)?.shown_at(now.local))
        })
        .await
}

/// `version`: the `updatedAt` of the visit the form was filled from (a change
/// made meanwhile refuses the save as stale); null checks nothing.
#[tauri::command]
pub async fn reschedule_appointment(
    state: State<'_, AppState>,
    id: VisitId,
    at: NaiveDateTime,
    advisor_id: StaffId,
    version: Option<DateTime<Utc>>,
) -> Result<Visit, CommandError> {
    change(&state, id, move |tx, actor, now| visits::reschedule(tx, actor, id, at, advisor_id, version, now))
        .await
}

#[tauri::command]
pub async fn cancel_appointment(
    state: State<'_, AppState>,
    id: VisitId,
    reason: String,
) -> Result<Visit, CommandError> {
    change(&state, id, move |tx, actor, now| visits::cancel(tx, actor, id, &reason, now)).await
}

#[tauri::command]
pub async fn mark_no_show(state: State<'_, AppState>, id: VisitId) -> Result<Visit, CommandError> {
    change(&state, id, move |tx, actor, now| visits::no_show(tx, actor, id, now)).await
}

#[tauri::command]
pub async fn save_preparation(
    state: State<'_, AppState>,
    id: VisitId,
    checklist: Preparation,
    version: Option<DateTime<Utc>>,
) -> Result<Visit, CommandError> {
    change(&state, id, move |tx, actor, now| visits::prepare(tx, actor, id, &checklist, version, now)).await
}

#[tauri::command]
pub async fn receive_vehicle(
    state: State<'_, AppState>,
    id: VisitId,
    reception: Reception,
    version: Option<DateTime<Utc>>,
) -> Result<Visit, CommandError> {
    change(&state, id, move |tx, actor, now| visits::receive(tx, actor, id, &reception, version, now)).await
}

#[tauri::command]
pub async fn receive_walk_in(state: State<'_, AppState>, walk_in: WalkIn) -> Result<Visit, CommandError> {
    state
        .as_member(move |db, actor, now| {
            let id = db.write(|tx| visits::walk_in(tx, actor, &walk_in, now))?;
            Ok(visits::get(db.conn(), id)?.shown_at(now.local))
        })
        .await
}

#[tauri::command]
pub async fn write_repair_order(
    state: State<'_, AppState>,
    id: VisitId,
    order: OrderInput,
) -> Result<Visit, CommandError> {
    change(&state, id, move |tx, actor, now| visits::write_order(tx, actor, id, &order, now)).await
}

#[tauri::command]
pub async fn start_repair(
    state: State<'_, AppState>,
    id: VisitId,
    technician_id: StaffId,
    version: Option<DateTime<Utc>>,
) -> Result<Visit, CommandError> {
    change(&state, id, move |tx, actor, now| visits::start_repair(tx, actor, id, technician_id, version, now))
        .await
}

#[tauri::command]
pub async fn record_extra_work(
    state: State<'_, AppState>,
    id: VisitId,
    extra: ExtraWorkInput,
) -> Result<Visit, CommandError> {
    change(&state, id, move |tx, actor, now| visits::find_extra_work(tx, actor, id, &extra, now).map(|_| ()))
        .await
}

#[tauri::command]
pub async fn decide_extra_work(
    state: State<'_, AppState>,
    id: VisitId,
    extra_work_id: ExtraWorkId,
    approved: bool,
    note: String,
) -> Result<Visit, CommandError> {
    change(&state, id, move |tx, actor, now| {
        visits::decide_extra_work(tx, actor, id, extra_work_id, approved, &note, now)
    })
    .await
}

#[tauri::command]
pub async fn finish_repair(state: State<'_, AppState>, id: VisitId) -> Result<Visit, CommandError> {
    change(&state, id, move |tx, actor, now| visits::finish_repair(tx, actor, id, now)).await
}

#[tauri::command]
pub async fn record_quality_check(
    state: State<'_, AppState>,
    id: VisitId,
    check: QcInput,
) -> Result<Visit, CommandError> {
    change(&state, id, move |tx, actor, now| visits::quality_check(tx, actor, id, &check, now)).await
}

#[tauri::command]
pub async fn hand_over(
    state: State<'_, AppState>,
    id: VisitId,
    handover: HandoverInput,
) -> Result<Visit, CommandError> {
    change(&state, id, move |tx, actor, now| visits::hand_over(tx, actor, id, &handover, now)).await
}
