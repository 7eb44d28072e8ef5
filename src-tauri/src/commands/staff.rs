//! Staff accounts, managed by the administrator.

use caredesk_domain::StaffId;
use caredesk_domain::audit::AuditEntry;
use caredesk_domain::staff::{StaffInput, StaffMember};
use caredesk_store::{audit, staff};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

#[tauri::command]
pub async fn list_staff(state: State<'_, AppState>) -> Result<Vec<StaffMember>, CommandError> {
    state.with_db(|db| staff::list(db.conn())).await
}

#[tauri::command]
pub async fn create_staff(
    state: State<'_, AppState>,
    input: StaffInput,
    password: String,
) -> Result<StaffMember, CommandError> {
    state
        .as_member(move |db, actor, now| {
            let id = db.write(|tx| staff::create(tx, actor, &input, &password, now))?;
            staff::get(db.conn(), id)
        })
        .await
}

#[tauri::command]
pub async fn update_staff(
    state: State<'_, AppState>,
    id: StaffId,
    input: StaffInput,
) -> Result<StaffMember, CommandError> {
    let member = state
        .as_member(move |db, actor, now| {
            db.write(|tx| staff::update(tx, actor, id, &input, now))?;
            staff::get(db.conn(), id)
        })
        .await?;
    // A disabled or re-roled member's open session follows the change at once.
    let mut session = state.session();
    if session.as_ref().is_some_and(|s| s.member.id == id) {
        if member.active {
            if let Some(s) = session.as_mut() {
                s.member = member.clone();
            }
        } else {
            *session = None;
        }
    }
    Ok(member)
}

#[tauri::command]
pub async fn reset_password(
    state: State<'_, AppState>,
    id: StaffId,
    password: String,
) -> Result<(), CommandError> {
    state
        .as_member(move |db, actor, now| db.write(|tx| staff::reset_password(tx, actor, id, &password, now)))
        .await
}

#[tauri::command]
pub async fn staff_history(state: State<'_, AppState>, id: StaffId) -> Result<Vec<AuditEntry>, CommandError> {
    state.with_db(move |db| audit::of_staff(db.conn(), id)).await
}
