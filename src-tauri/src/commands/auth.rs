//! Signing in and out, the first start's administrator, locking.

use caredesk_domain::staff::{AdminSetup, StaffMember, allowed_actions};
use caredesk_domain::{Action, ErrorKind, Issue};
use caredesk_store::staff::{self, SignIn};
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use crate::error::CommandError;
use crate::state::{AppState, Session};

/// Who is signed in, and what the screens should offer them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuthStatus {
    /// No staff account exists yet: the first start asks for the administrator.
    pub needs_setup: bool,
    pub session: Option<SessionInfo>,
    /// Minutes without activity before the screen locks (0 = never).
    pub lock_minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    pub staff: StaffMember,
    /// What this member's role may do; the UI hides the rest.
    pub allowed_actions: Vec<Action>,
    pub locked: bool,
}

async fn status(state: &AppState) -> Result<AuthStatus, CommandError> {
    // With `--demo` this waits until the demo dealership is written.
    let needs_setup = state.with_db(|db| Ok(staff::count(db.conn())? == 0)).await?;
    if let Some(failure) = state.demo_failure() {
        return Err(CommandError::internal(format!("the demo dealership could not be loaded: {failure}")));
    }
    let session = state.session().as_ref().map(|s| SessionInfo {
        staff: s.member.clone(),
        allowed_actions: allowed_actions(s.member.role),
        locked: s.locked,
    });
    Ok(AuthStatus { needs_setup, session, lock_minutes: state.lock_minutes() })
}

fn start_session(state: &AppState, member: StaffMember) {
    log::info!("signed in: staff #{} ({:?})", member.id.0, member.role);
    *state.session() = Some(Session { member, last_activity: state.now().instant, locked: false });
}

#[tauri::command]
pub async fn auth_status(state: State<'_, AppState>) -> Result<AuthStatus, CommandError> {
    status(&state).await
}

/// The first start: the administrator's account, then signed in as them.
#[tauri::command]
pub async fn create_administrator(
    state: State<'_, AppState>,
    setup: AdminSetup,
) -> Result<AuthStatus, CommandError> {
    let now = state.now();
    let admin = state.with_db(move |db| db.write(|tx| staff::create_administrator(tx, &setup, now))).await?;
    start_session(&state, admin);
    status(&state).await
}

async fn check_password(
    state: &AppState,
    login: String,
    password: String,
) -> Result<StaffMember, CommandError> {
    let now = state.now();
    match state.with_db(move |db| db.write(|tx| staff::sign_in(tx, &login, &password, now))).await? {
        SignIn::Accepted(member) => Ok(member),
        SignIn::Refused(issue) => Err(issue.into()),
    }
}

#[tauri::command]
pub async fn sign_in(
    state: State<'_, AppState>,
    login: String,
    password: String,
) -> Result<AuthStatus, CommandError> {
    let member = check_password(&state, login, password).await?;
    start_session(&state, member);
    status(&state).await
}

/// Unlocks a locked screen with the signed-in member's own password.
#[tauri::command]
pub async fn unlock(state: State<'_, AppState>, password: String) -> Result<AuthStatus, CommandError> {
    let Some(login) = state.session().as_ref().map(|s| s.member.login.clone()) else {
        return Err(Issue {
            kind: ErrorKind::Unauthenticated,
            field: None,
            message: "sign in first".into(),
            conflict: None,
            action: None,
            changed: None,
        }
        .into());
    };
    let member = check_password(&state, login, password).await?;
    start_session(&state, member);
    status(&state).await
}

#[tauri::command]
pub async fn sign_out(state: State<'_, AppState>) -> Result<(), CommandError> {
    if let Some(session) = state.session().take() {
        log::info!("signed out: staff #{}", session.member.id.0);
    }
    Ok(())
}

/// Locks the screen now (the UI calls this when nobody has touched it for the set time).
#[tauri::command]
pub async fn lock(state: State<'_, AppState>) -> Result<AuthStatus, CommandError> {
    if let Some(session) = state.session().as_mut() {
        session.locked = true;
    }
    status(&state).await
}

/// Tells the backend someone is working (typing a long form sends no command).
#[tauri::command]
pub async fn touch(_state: State<'_, AppState>) -> Result<(), CommandError> {
    // The guard in front of every command has already recorded the activity.
    Ok(())
}

#[tauri::command]
pub async fn change_password(
    state: State<'_, AppState>,
    current_password: String,
    new_password: String,
) -> Result<(), CommandError> {
    state
        .as_member(move |db, actor, now| {
            db.write(|tx| staff::change_own_password(tx, actor, &current_password, &new_password, now))
        })
        .await
}
