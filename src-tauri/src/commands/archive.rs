//! The customer archive: customers, leads, vehicles and their owners.

use caredesk_domain::archive::{
    ArchiveStats, CustomerDetail, CustomerInput, CustomerQuery, CustomerSummary, NewCustomer, OwnerChange,
    VehicleDetail, VehicleInput,
};
use caredesk_domain::audit::AuditEntry;
use caredesk_domain::staff::{StaffInput, StaffMember};
use caredesk_domain::{Actor, CustomerId, ErrorKind, Invalid, Issue, Role, VehicleId};
use caredesk_store::{Db, Now, StoreError, audit, customers, search, staff, vehicles};
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
            seed_demo(db, actor, now)?;
            customers::stats(db.conn())
        })
        .await
}

/// The demo dealership's staff, one per role, with the passwords the README lists.
pub const DEMO_STAFF: [(&str, &str, Role); 7] = [
    ("赵建国", "admin", Role::Administrator),
    ("王丽", "advisor", Role::ServiceAdvisor),
    ("孙悦", "advisor2", Role::ServiceAdvisor),
    ("刘强", "foreman", Role::Technician),
    ("陈静", "inspector", Role::QcInspector),
    ("李娜", "followup", Role::FollowUp),
    ("张伟", "manager", Role::ServiceManager),
];

/// A demo account's password: `caredesk-` and the login.
pub fn demo_password(login: &str) -> String {
    format!("caredesk-{login}")
}

/// Writes the demo dealership into an empty archive, all or nothing: its
/// staff (the logins not taken yet) and its customers.
pub fn seed_demo(db: &mut Db, actor: &Actor, now: Now) -> Result<(), StoreError> {
    if !customers::is_empty(db.conn())? {
        return Err(Invalid::from(Issue {
            kind: ErrorKind::InvalidState,
            field: None,
            message: "demo data can only be loaded into an empty archive".into(),
            conflict: None,
            action: None,
        })
        .into());
    }
    let dealership = caredesk_demo::dealership(DEMO_SEED, DEMO_CUSTOMERS, now.today);
    db.write(|tx| {
        let mut admin = actor.clone();
        for (name, login, role) in DEMO_STAFF {
            let taken = staff::list(tx)?.iter().any(|m: &StaffMember| m.login == login);
            if taken {
                continue;
            }
            let password = demo_password(login);
            if role == Role::Administrator && staff::count(tx)? == 0 {
                let setup =
                    caredesk_domain::staff::AdminSetup { name: name.into(), login: login.into(), password };
                let member = staff::create_administrator(tx, &setup, now)?;
                admin = Actor { id: member.id, name: member.name, role: Role::Administrator };
            } else {
                let input = StaffInput { name: name.into(), login: login.into(), role, active: true };
                staff::create(tx, &admin, &input, &password, now)?;
            }
        }
        for customer in &dealership {
            customers::create(tx, &Actor::system(), customer, now)?;
        }
        let member = |login: &str| -> Result<Actor, StoreError> {
            let found = staff::list(tx)?.into_iter().find(|m| m.login == login);
            found
                .map(|m| Actor { id: m.id, name: m.name, role: m.role })
                .ok_or(StoreError::NotFound { what: "demo staff member", id: 0 })
        };
        let team = crate::demo::Team {
            advisors: vec![member("advisor")?, member("advisor2")?],
            technician: member("foreman")?,
            inspector: member("inspector")?,
            caller: member("followup")?,
            manager: member("manager")?,
        };
        crate::demo::seed_visits(tx, &team, now)?;
        crate::demo::seed_campaigns(tx, &team, now)
    })
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
