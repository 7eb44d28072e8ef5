//! What the appointment board, the workshop board and the history lists show.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::visit::VisitSummary;
use crate::{ExtraWorkId, Fen, StaffId, VisitId};

/// An advisor's column on the appointment board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BoardAdvisor {
    pub id: StaffId,
    pub name: String,
    /// Their reception hours that day.
    pub from: NaiveTime,
    pub to: NaiveTime,
}

/// One day's workshop load: expected repair time booked against capacity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DayLoad {
    pub date: NaiveDate,
    pub booked_minutes: u32,
    pub capacity_minutes: u32,
}

/// How many of an advisor's appointments on a day came (show rate).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShowRate {
    pub date: NaiveDate,
    pub advisor_id: StaffId,
    /// Appointments not cancelled.
    pub booked: u32,
    /// Of those, the vehicles received.
    pub shown: u32,
    pub no_shows: u32,
}

/// The appointment board for one day or a week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentBoard {
    /// The desk's clock as the board was read: what "now" and "today" mean on it.
    pub now: NaiveDateTime,
    pub from: NaiveDate,
    pub days: u32,
    pub slot_minutes: u32,
    /// Every slot start of a day.
    pub slots: Vec<NaiveTime>,
    pub advisors: Vec<BoardAdvisor>,
    /// The appointments of the days shown, cancelled ones included.
    pub visits: Vec<VisitSummary>,
    pub load: Vec<DayLoad>,
    pub show_rates: Vec<ShowRate>,
}

/// Handovers against the promised time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OnTime {
    pub handed_over: u32,
    pub on_time: u32,
}

/// The workshop board: vehicles at the dealership by stage, and today's handovers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkshopBoard {
    /// The desk's clock as the board was read: what "now" and "today" mean on it.
    pub now: NaiveDateTime,
    pub today: NaiveDate,
    /// Received, in repair, in quality check, ready; and handed over today.
    pub visits: Vec<VisitSummary>,
    pub on_time_today: OnTime,
    pub on_time_30_days: OnTime,
    pub load_today: DayLoad,
}

/// Extra work a customer declined: kept on the vehicle for proactive care.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeclinedWork {
    pub id: ExtraWorkId,
    pub visit_id: VisitId,
    pub visit_number: String,
    pub description: String,
    pub amount: Fen,
    pub declined_at: DateTime<Utc>,
}

/// A vehicle's service history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VehicleVisits {
    pub visits: Vec<VisitSummary>,
    pub declined_work: Vec<DeclinedWork>,
}
