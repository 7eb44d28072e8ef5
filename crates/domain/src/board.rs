//! What the appointment board, the workshop board and the history lists show.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::kpi::{self, Ratio};
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

/// An advisor's show rate over the board's days up to today: `kpi::show_rate`,
/// the dashboard's formula (appointments still to come are not counted).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AdvisorShowRate {
    pub advisor_id: StaffId,
    pub booked: u32,
    pub shown: u32,
    pub no_shows: u32,
    /// `None` when none has come or failed to come yet.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<Ratio>,
}

impl AdvisorShowRate {
    /// The advisor's days of `rates` on or before `today`, summed.
    pub fn to_date(advisor_id: StaffId, rates: &[ShowRate], today: NaiveDate) -> Option<AdvisorShowRate> {
        let days: Vec<&ShowRate> =
            rates.iter().filter(|r| r.advisor_id == advisor_id && r.date <= today).collect();
        if days.is_empty() {
            return None;
        }
        let (booked, shown, no_shows) =
            days.iter().fold((0, 0, 0), |(b, s, n), r| (b + r.booked, s + r.shown, n + r.no_shows));
        Some(AdvisorShowRate { advisor_id, booked, shown, no_shows, rate: kpi::show_rate(shown, no_shows) })
    }
}

/// The appointment board for one day or a week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
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
    /// Each advisor's show rate over the days shown up to today, in the columns' order.
    pub show_rate_to_date: Vec<AdvisorShowRate>,
}

/// Handovers against the promised time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OnTime {
    pub handed_over: u32,
    pub on_time: u32,
    /// `kpi::on_time_handover`; `None` when none was handed over.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<Ratio>,
}

impl OnTime {
    pub fn new(handed_over: u32, on_time: u32) -> OnTime {
        OnTime { handed_over, on_time, rate: kpi::on_time_handover(on_time, handed_over) }
    }
}

/// The workshop board: vehicles at the dealership by stage, and today's handovers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
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
