//! Follow-up calls: the day's call list, taking calls, recording attempts and
//! answers (which may open a complaint), the questionnaire and its settings, and
//! the satisfaction report. An advisor reads only their own visits' calls; the
//! store enforces it with the signed-in actor.

use caredesk_domain::follow_up::{
    AttemptInput, CallDetail, CallFilter, CsiReport, FollowUpCall, FollowUpSettings, Questionnaire,
};
use caredesk_domain::staff::Colleague;
use caredesk_domain::{FollowUpId, StaffId, VisitId};
use caredesk_store::follow_up;
use chrono::NaiveDate;
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

/// Runs a read with the signed-in member (an advisor's view is narrower).
async fn read<T, F>(state: &AppState, f: F) -> Result<T, CommandError>
where
    T: Send + 'static,
    F: FnOnce(
            &dyn caredesk_store::engine::Read,
            &caredesk_domain::Actor,
            caredesk_store::Now,
        ) -> Result<T, caredesk_store::StoreError>
        + Send
        + 'static,
{
    let actor = state.actor()?;
    let now = state.now();
    state.with_db(move |db| f(db.conn(), &actor, now)).await
}

#[tauri::command]
pub async fn follow_up_calls(
    state: State<'_, AppState>,
    filter: CallFilter,
) -> Result<Vec<FollowUpCall>, CommandError> {
    read(&state, move |conn, actor, now| follow_up::list(conn, actor, &filter, now.today)).await
}

#[tauri::command]
pub async fn get_follow_up_call(
    state: State<'_, AppState>,
    id: FollowUpId,
) -> Result<CallDetail, CommandError> {
    read(&state, move |conn, actor, now| follow_up::get(conn, actor, id, now.today)).await
}

#[tauri::command]
pub async fn visit_follow_up(
    state: State<'_, AppState>,
    id: VisitId,
) -> Result<Option<CallDetail>, CommandError> {
    read(&state, move |conn, actor, now| follow_up::of_visit(conn, actor, id, now.today)).await
}

#[tauri::command]
pub async fn follow_up_callers(state: State<'_, AppState>) -> Result<Vec<Colleague>, CommandError> {
    state.with_db(|db| follow_up::callers(db.conn())).await
}

/// Gives calls to a caller (follow-up staff: to themselves).
#[tauri::command]
pub async fn take_follow_up_calls(
    state: State<'_, AppState>,
    ids: Vec<FollowUpId>,
    caller_id: StaffId,
) -> Result<(), CommandError> {
    state
        .as_member(move |db, actor, now| db.write(|tx| follow_up::assign(tx, actor, &ids, caller_id, now)))
        .await
}

/// Records an attempt and returns the call as it now is (with the complaint a hot alert opened).
#[tauri::command]
pub async fn record_call_attempt(
    state: State<'_, AppState>,
    id: FollowUpId,
    attempt: AttemptInput,
) -> Result<CallDetail, CommandError> {
    state
        .as_member(move |db, actor, now| {
            db.write(|tx| follow_up::record_attempt(tx, actor, id, &attempt, now))?;
            follow_up::get(db.conn(), actor, id, now.today)
        })
        .await
}

#[tauri::command]
pub async fn get_questionnaire(state: State<'_, AppState>) -> Result<Questionnaire, CommandError> {
    state.with_db(|db| follow_up::questionnaire(db.conn())).await
}

#[tauri::command]
pub async fn update_questionnaire(
    state: State<'_, AppState>,
    questionnaire: Questionnaire,
) -> Result<Questionnaire, CommandError> {
    state
        .as_member(move |db, actor, now| {
            db.write(|tx| follow_up::update_questionnaire(tx, actor, &questionnaire, now))
        })
        .await
}

#[tauri::command]
pub async fn get_follow_up_settings(state: State<'_, AppState>) -> Result<FollowUpSettings, CommandError> {
    state.with_db(|db| follow_up::settings(db.conn())).await
}

#[tauri::command]
pub async fn update_follow_up_settings(
    state: State<'_, AppState>,
    settings: FollowUpSettings,
) -> Result<FollowUpSettings, CommandError> {
    state
        .as_member(move |db, actor, now| db.write(|tx| follow_up::update_settings(tx, actor, &settings, now)))
        .await
}

/// The satisfaction report over surveys from `from` to `to` (local days, inclusive).
#[tauri::command]
pub async fn csi_report(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<CsiReport, CommandError> {
    read(&state, move |conn, actor, now| follow_up::report(conn, actor, from, to, now.today)).await
}
