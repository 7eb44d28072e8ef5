//! Customer-care campaigns and the proactive care lists: the plan, the live
//! segment count and preview, invitations and RSVP, check-in at the door, the
//! lottery (drawn with the operating system's secure random source), results;
//! the care lists, refreshed from the archive when read, and their calls.

use caredesk_domain::campaign::{
    Campaign, CampaignId, CampaignInput, CampaignStatus, CampaignSummary, Draw, Invitation, InvitationId,
    Results, Rsvp, Segment, SegmentCount, SegmentMember,
};
use caredesk_domain::care::{CareAttemptInput, CareCall, CareCallId, CareKind, CareSettings};
use caredesk_domain::follow_up::Attempt;
use caredesk_domain::{Actor, CustomerId, ErrorKind, Issue};
use caredesk_store::engine::Read;
use caredesk_store::{StoreError, campaigns, care, vehicles};
use chrono::NaiveDate;
use rand::TryRngCore;
use rand::rngs::OsRng;
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use crate::error::CommandError;
use crate::state::AppState;

/// How many customers the segment preview shows.
const PREVIEW: u32 = 50;

#[tauri::command]
pub async fn list_campaigns(state: State<'_, AppState>) -> Result<Vec<CampaignSummary>, CommandError> {
    state.with_db(|db| campaigns::list(db.conn())).await
}

#[tauri::command]
pub async fn get_campaign(state: State<'_, AppState>, id: CampaignId) -> Result<Campaign, CommandError> {
    state.with_db(move |db| campaigns::get(db.conn(), id)).await
}

#[tauri::command]
pub async fn create_campaign(
    state: State<'_, AppState>,
    input: CampaignInput,
) -> Result<Campaign, CommandError> {
    state
        .as_member(move |db, actor, now| {
            let id = db.write(|tx| campaigns::create(tx, actor, &input, now))?;
            campaigns::get(db.conn(), id)
        })
        .await
}

#[tauri::command]
pub async fn update_campaign(
    state: State<'_, AppState>,
    id: CampaignId,
    input: CampaignInput,
) -> Result<Campaign, CommandError> {
    state
        .as_member(move |db, actor, now| {
            db.write(|tx| campaigns::update(tx, actor, id, &input, now))?;
            campaigns::get(db.conn(), id)
        })
        .await
}

#[tauri::command]
pub async fn set_campaign_status(
    state: State<'_, AppState>,
    id: CampaignId,
    status: CampaignStatus,
) -> Result<Campaign, CommandError> {
    state
        .as_member(move |db, actor, now| {
            db.write(|tx| campaigns::set_status(tx, actor, id, status, now))?;
            campaigns::get(db.conn(), id)
        })
        .await
}

/// The live count of a segment being built, with the customers left out for want of consent.
#[tauri::command]
pub async fn segment_count(
    state: State<'_, AppState>,
    segment: Segment,
) -> Result<SegmentCount, CommandError> {
    let today = state.now().today;
    state.with_db(move |db| campaigns::count(db.conn(), &segment, today)).await
}

/// The first customers of a segment, by name.
#[tauri::command]
pub async fn segment_preview(
    state: State<'_, AppState>,
    segment: Segment,
) -> Result<Vec<SegmentMember>, CommandError> {
    let today = state.now().today;
    state.with_db(move |db| campaigns::members(db.conn(), &segment, today, PREVIEW)).await
}

/// The models in the archive, for the segment builder's choice.
#[tauri::command]
pub async fn vehicle_models(state: State<'_, AppState>) -> Result<Vec<String>, CommandError> {
    state.with_db(|db| vehicles::models(db.conn())).await
}

#[tauri::command]
pub async fn save_campaign_segment(
    state: State<'_, AppState>,
    id: CampaignId,
    segment: Segment,
) -> Result<Campaign, CommandError> {
    state
        .as_member(move |db, actor, now| {
            db.write(|tx| campaigns::set_segment(tx, actor, id, &segment, now))?;
            campaigns::get(db.conn(), id)
        })
        .await
}

/// Invites the saved segment's customers not yet invited.
#[tauri::command]
pub async fn invite_segment(state: State<'_, AppState>, id: CampaignId) -> Result<Campaign, CommandError> {
    state
        .as_member(move |db, actor, now| {
            db.write(|tx| campaigns::invite(tx, actor, id, now))?;
            campaigns::get(db.conn(), id)
        })
        .await
}

#[tauri::command]
pub async fn campaign_invitations(
    state: State<'_, AppState>,
    id: CampaignId,
) -> Result<Vec<Invitation>, CommandError> {
    state.with_db(move |db| campaigns::invitations(db.conn(), id)).await
}

fn guest(conn: &dyn Read, id: CampaignId, invitation: InvitationId) -> Result<Invitation, StoreError> {
    campaigns::invitations(conn, id)?
        .into_iter()
        .find(|i| i.id == invitation)
        .ok_or(StoreError::NotFound { what: "invitation", id: invitation.0 })
}

#[tauri::command]
pub async fn record_rsvp(
    state: State<'_, AppState>,
    invitation_id: InvitationId,
    rsvp: Rsvp,
    note: String,
) -> Result<Invitation, CommandError> {
    state
        .as_member(move |db, actor, now| {
            let id = db.write(|tx| campaigns::record_rsvp(tx, actor, invitation_id, rsvp, &note, now))?;
            guest(db.conn(), id, invitation_id)
        })
        .await
}

/// Checks a guest in: an invited customer, or a walk-in guest when asked.
#[tauri::command]
pub async fn check_in_guest(
    state: State<'_, AppState>,
    id: CampaignId,
    customer_id: CustomerId,
    walk_in: bool,
) -> Result<Invitation, CommandError> {
    state
        .as_member(move |db, actor, now| {
            let invitation = db.write(|tx| campaigns::check_in(tx, actor, id, customer_id, walk_in, now))?;
            guest(db.conn(), id, invitation)
        })
        .await
}

/// A uniformly random number below `n` from the operating system's secure source
/// (rejection sampling, so no number is more likely than another).
fn secure_below(n: u32) -> Result<u32, Issue> {
    let n = u64::from(n.max(1));
    let zone = (1u64 << 32) / n * n;
    loop {
        let x = u64::from(OsRng.try_next_u32().map_err(|e| {
            Issue::new(ErrorKind::Internal, "prizes", format!("the system's random source failed: {e}"))
        })?);
        if x < zone {
            return Ok(u32::try_from(x % n).unwrap_or(0));
        }
    }
}

/// One draw for a checked-in attendee, with the operating system's secure random source.
#[tauri::command]
pub async fn draw_prize(
    state: State<'_, AppState>,
    invitation_id: InvitationId,
) -> Result<Draw, CommandError> {
    state
        .as_member(move |db, actor, now| {
            db.write(|tx| campaigns::draw(tx, actor, invitation_id, now, secure_below))
        })
        .await
}

#[tauri::command]
pub async fn campaign_draws(state: State<'_, AppState>, id: CampaignId) -> Result<Vec<Draw>, CommandError> {
    state.with_db(move |db| campaigns::draws(db.conn(), id)).await
}

#[tauri::command]
pub async fn campaign_results(state: State<'_, AppState>, id: CampaignId) -> Result<Results, CommandError> {
    state.with_db(move |db| campaigns::results(db.conn(), id)).await
}

// ---------------------------------------------------------------------------
// Proactive care

/// A care list of a day: the list is first filled with what the archive says is due now.
#[tauri::command]
pub async fn care_list(
    state: State<'_, AppState>,
    kind: CareKind,
    date: NaiveDate,
) -> Result<Vec<CareCall>, CommandError> {
    state
        .as_member(move |db, actor, now| {
            db.write(|tx| care::refresh(tx, kind, now))?;
            care::list(db.conn(), actor, kind, date, now.today)
        })
        .await
}

/// A care call with its attempts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CareCallDetail {
    pub call: CareCall,
    pub attempts: Vec<Attempt>,
}

/// The call as `actor` sees it: whether they may work it.
fn worked_by(call: CareCall, actor: &Actor) -> CareCall {
    CareCall { may_work: caredesk_domain::follow_up::may_work(call.status, call.caller_id, actor), ..call }
}

#[tauri::command]
pub async fn get_care_call(
    state: State<'_, AppState>,
    id: CareCallId,
) -> Result<CareCallDetail, CommandError> {
    state
        .as_member(move |db, actor, now| {
            Ok(CareCallDetail {
                call: worked_by(care::get(db.conn(), id, now.today)?, actor),
                attempts: care::attempts(db.conn(), id)?,
            })
        })
        .await
}

#[tauri::command]
pub async fn record_care_attempt(
    state: State<'_, AppState>,
    id: CareCallId,
    attempt: CareAttemptInput,
) -> Result<CareCallDetail, CommandError> {
    state
        .as_member(move |db, actor, now| {
            db.write(|tx| care::record_attempt(tx, actor, id, &attempt, now))?;
            Ok(CareCallDetail {
                call: worked_by(care::get(db.conn(), id, now.today)?, actor),
                attempts: care::attempts(db.conn(), id)?,
            })
        })
        .await
}

#[tauri::command]
pub async fn get_care_settings(state: State<'_, AppState>) -> Result<CareSettings, CommandError> {
    state.with_db(|db| care::settings(db.conn())).await
}

#[tauri::command]
pub async fn update_care_settings(
    state: State<'_, AppState>,
    settings: CareSettings,
) -> Result<CareSettings, CommandError> {
    state
        .as_member(move |db, actor, now| db.write(|tx| care::update_settings(tx, actor, &settings, now)))
        .await
}

/// The care list `kind` as a campaign segment: the same customers, to invite.
#[tauri::command]
pub async fn care_segment(state: State<'_, AppState>, kind: CareKind) -> Result<Segment, CommandError> {
    state.with_db(move |db| Ok(care::settings(db.conn())?.segment(kind))).await
}
