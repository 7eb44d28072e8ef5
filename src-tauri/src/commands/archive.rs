//! The customer archive: customers, leads, vehicles and their owners.

use caredesk_domain::archive::{
    ArchiveStats, CustomerDetail, CustomerInput, CustomerQuery, CustomerSummary, NewCustomer, OwnerChange,
    VehicleDetail, VehicleInput,
};
use caredesk_domain::{CustomerId, ErrorKind, Invalid, Issue, VehicleId};
use caredesk_store::{Db, Now, StoreError, customers, search, vehicles};
use tauri::State;

use crate::error::CommandError;
use crate::state::{AppState, DEMO_CUSTOMERS, DEMO_SEED};

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
    let now = state.now();
    state
        .with_db(move |db| {
            let id = db.write(|tx| customers::create(tx, &input, now))?;
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
    let now = state.now();
    state
        .with_db(move |db| {
            db.write(|tx| customers::update(tx, id, &input, now))?;
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
    let now = state.now();
    state
        .with_db(move |db| {
            db.write(|tx| customers::set_archived(tx, id, archived, now))?;
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
    let now = state.now();
    state
        .with_db(move |db| {
            db.write(|tx| vehicles::add(tx, customer_id, &input, now))?;
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
    let now = state.now();
    state
        .with_db(move |db| {
            db.write(|tx| vehicles::update(tx, id, &input, now))?;
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
    let now = state.now();
    state
        .with_db(move |db| {
            db.write(|tx| vehicles::change_owner(tx, &change, now))?;
            vehicles::detail(db.conn(), change.vehicle_id)
        })
        .await
}

/// Fills an empty archive with the demo dealership (the first-start offer).
#[tauri::command]
pub async fn load_demo_data(state: State<'_, AppState>) -> Result<ArchiveStats, CommandError> {
    let now = state.now();
    state
        .with_db(move |db| {
            seed_demo(db, now)?;
            customers::stats(db.conn())
        })
        .await
}

/// Writes the demo dealership into an empty archive, all or nothing.
pub fn seed_demo(db: &mut Db, now: Now) -> Result<(), StoreError> {
    if !customers::is_empty(db.conn())? {
        return Err(Invalid::from(Issue {
            kind: ErrorKind::InvalidState,
            field: None,
            message: "demo data can only be loaded into an empty archive".into(),
            conflict: None,
        })
        .into());
    }
    let dealership = caredesk_demo::dealership(DEMO_SEED, DEMO_CUSTOMERS, now.today);
    db.write(|tx| {
        for customer in &dealership {
            customers::create(tx, customer, now)?;
        }
        Ok(())
    })
}
