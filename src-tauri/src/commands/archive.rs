//! The customer archive: customers, leads, vehicles and their owners.

use caredesk_domain::archive::{
    ArchiveStats, CustomerDetail, CustomerInput, CustomerQuery, CustomerSummary, NewCustomer, OwnerChange,
    VehicleDetail, VehicleInput,
};
use caredesk_domain::audit::AuditEntry;
use caredesk_domain::{CustomerId, VehicleId};
use caredesk_store::{audit, customers, search, vehicles};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

#[tauri::command]
pub async fn archive_stats(state: State<'_, AppState>) -> Result<ArchiveStats, CommandError> {
    state.with_db(|db| customers::stats(db.conn())).await
}

#[tauri::command]
pub async fn search_customers(
    state: State<'_, AppState>,
    query: CustomerQuery,
) -> Result<Vec<CustomerSummary>, CommandError> {
    state.with_db(move |db| search::customers(db.conn(), &query)).await
}

#[tauri::command]
pub async fn get_customer(
    state: State<'_, AppState>,
    id: CustomerId,
) -> Result<CustomerDetail, CommandError> {
    state.with_db(move |db| customers::detail(db.conn(), id)).await
}

#[tauri::command]
pub async fn create_customer(
    state: State<'_, AppState>,
    input: NewCustomer,
) -> Result<CustomerDetail, CommandError> {
    state
        .as_member(move |db, actor, now| {
            let id = db.write(|tx| customers::create(tx, actor, &input, now))?;
            customers::detail(db.conn(), id)
        })
        .await
}

#[tauri::command]
pub async fn update_customer(
    state: State<'_, AppState>,
    id: CustomerId,
    input: CustomerInput,
) -> Result<CustomerDetail, CommandError> {
    state
        .as_member(move |db, actor, now| {
            db.write(|tx| customers::update(tx, actor, id, &input, now))?;
            customers::detail(db.conn(), id)
        })
        .await
}

#[tauri::command]
pub async fn set_customer_archived(
    state: State<'_, AppState>,
    id: CustomerId,
    archived: bool,
) -> Result<CustomerDetail, CommandError> {
    state
        .as_member(move |db, actor, now| {
            db.write(|tx| customers::set_archived(tx, actor, id, archived, now))?;
            customers::detail(db.conn(), id)
        })
        .await
}

#[tauri::command]
pub async fn add_vehicle(
    state: State<'_, AppState>,
    customer_id: CustomerId,
    input: VehicleInput,
) -> Result<CustomerDetail, CommandError> {
    state
        .as_member(move |db, actor, now| {
            db.write(|tx| vehicles::add(tx, actor, customer_id, &input, now))?;
            customers::detail(db.conn(), customer_id)
        })
        .await
}

#[tauri::command]
pub async fn update_vehicle(
    state: State<'_, AppState>,
    id: VehicleId,
    input: VehicleInput,
) -> Result<CustomerDetail, CommandError> {
    state
        .as_member(move |db, actor, now| {
            db.write(|tx| vehicles::update(tx, actor, id, &input, now))?;
            let owner = vehicles::get(db.conn(), id)?.customer_id;
            customers::detail(db.conn(), owner)
        })
        .await
}

#[tauri::command]
pub async fn get_vehicle(state: State<'_, AppState>, id: VehicleId) -> Result<VehicleDetail, CommandError> {
    state.with_db(move |db| vehicles::detail(db.conn(), id)).await
}

#[tauri::command]
pub async fn change_owner(
    state: State<'_, AppState>,
    change: OwnerChange,
) -> Result<VehicleDetail, CommandError> {
    state
        .as_member(move |db, actor, now| {
            db.write(|tx| vehicles::change_owner(tx, actor, &change, now))?;
            vehicles::detail(db.conn(), change.vehicle_id)
        })
        .await
}

/// Fills an empty archive with the demo dealership (the first-start offer).
#[tauri::command]
pub async fn load_demo_data(state: State<'_, AppState>) -> Result<ArchiveStats, CommandError> {
    state
        .as_member(move |db, actor, now| {
            caredesk_demo::seed(db, actor, now)?;
            customers::stats(db.conn())
        })
        .await
}

#[tauri::command]
pub async fn customer_history(
    state: State<'_, AppState>,
    id: CustomerId,
) -> Result<Vec<AuditEntry>, CommandError> {
    state.with_db(move |db| audit::of_customer(db.conn(), id)).await
}

#[tauri::command]
pub async fn vehicle_history(
    state: State<'_, AppState>,
    id: VehicleId,
) -> Result<Vec<AuditEntry>, CommandError> {
    state.with_db(move |db| audit::of_vehicle(db.conn(), id)).await
}
