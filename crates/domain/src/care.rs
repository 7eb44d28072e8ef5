//! Proactive care (DOMAIN.md §6): "we go to the customer". The lists —
//! maintenance due, insurance expiring, annual inspection due, birthdays this
//! month, work declined at an earlier visit — are call lists worked like the
//! follow-up calls: the same outcomes, retried the next day, closed as
//! unreachable after the last attempt. Each list is also a campaign segment.
//!
//! Architecture invariant: no clock; "today" is an argument.

use chrono::{Days, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::campaign::Segment;
use crate::error::{ErrorKind, Invalid, Issue, Issues};
use crate::follow_up::{self, CallStatus, Due, Outcome};
use crate::{CustomerId, StaffId, VehicleId, validate};

/// A care call's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct CareCallId(#[ts(type = "number")] pub i64);

/// Why we call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CareKind {
    /// The next service is due: recommended at handover, or estimated from the mileage.
    MaintenanceDue,
    InsuranceExpiring,
    InspectionDue,
    Birthday,
    /// Work the customer declined at an earlier visit.
    DeclinedWork,
}

impl CareKind {
    pub const ALL: [CareKind; 5] = [
        CareKind::MaintenanceDue,
        CareKind::InsuranceExpiring,
        CareKind::InspectionDue,
        CareKind::Birthday,
        CareKind::DeclinedWork,
    ];
}

/// How far ahead each list looks, and the service interval for estimates. A manager's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CareSettings {
    /// Maintenance due within this many days (overdue ones included).
    pub maintenance_days: u32,
    pub insurance_days: u32,
    pub inspection_days: u32,
    /// Declined work from visits handed over within this many days.
    pub declined_days: u32,
    /// The service interval used when no next service was recommended.
    pub service_interval_km: u32,
    /// Attempts without reaching the customer before the call closes.
    pub max_attempts: u32,
}

impl Default for CareSettings {
    fn default() -> Self {
        CareSettings {
            maintenance_days: 14,
            insurance_days: 30,
            inspection_days: 30,
            declined_days: 180,
            service_interval_km: 7_500,
            max_attempts: 3,
        }
    }
}

impl CareSettings {
    pub fn validate(&self) -> Result<CareSettings, Invalid> {
        let mut issues = Issues::default();
        issues.take(validate::in_range("maintenanceDays", Some(self.maintenance_days), 1..=180));
        issues.take(validate::in_range("insuranceDays", Some(self.insurance_days), 1..=180));
        issues.take(validate::in_range("inspectionDays", Some(self.inspection_days), 1..=180));
        issues.take(validate::in_range("declinedDays", Some(self.declined_days), 1..=730));
        issues.take(validate::in_range("serviceIntervalKm", Some(self.service_interval_km), 1_000..=50_000));
        issues.take(validate::in_range("maxAttempts", Some(self.max_attempts), 1..=10));
        issues.finish()?;
        Ok(self.clone())
    }

    /// The list as a campaign segment: the same customers, to invite rather than call.
    pub fn segment(&self, kind: CareKind) -> Segment {
        match kind {
            CareKind::MaintenanceDue => {
                Segment { service_due_days: Some(self.maintenance_days), ..Segment::default() }
            }
            CareKind::InsuranceExpiring => {
                Segment { insurance_days: Some(self.insurance_days), ..Segment::default() }
            }
            CareKind::InspectionDue => {
                Segment { inspection_days: Some(self.inspection_days), ..Segment::default() }
            }
            CareKind::Birthday => Segment { birthday_this_month: true, ..Segment::default() },
            CareKind::DeclinedWork => Segment { declined_work: true, ..Segment::default() },
        }
    }
}

/// One reading of the odometer: on a day, this many kilometres.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub on: NaiveDate,
    pub km: u32,
}

/// The day the next service falls due when no recommendation was given: the
/// average daily mileage between the first and the last reading (at least a
/// week apart, the odometer having moved), run on from the last reading to the
/// next service — one `interval_km` after it when the last reading was a service
/// here, else the next multiple of the interval on the odometer. `None` when the
/// readings cannot tell.
pub fn estimate_service_due(
    readings: &[Reading],
    interval_km: u32,
    last_is_service: bool,
) -> Option<NaiveDate> {
    let first = readings.iter().min_by_key(|r| (r.on, r.km))?;
    let last = readings.iter().max_by_key(|r| (r.on, r.km))?;
    let days = (last.on - first.on).num_days();
    let km = i64::from(last.km) - i64::from(first.km);
    if days < 7 || km <= 0 {
        return None;
    }
    let interval = i64::from(interval_km.max(1));
    let to_go = if last_is_service { interval } else { interval - i64::from(last.km) % interval };
    // Days to cover the distance at the average pace, rounded up.
    let needed = (to_go * days + km - 1) / km;
    last.on.checked_add_days(Days::new(u64::try_from(needed.min(3_650)).ok()?))
}

/// A call on a care list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CareCall {
    pub id: CareCallId,
    /// The row number on the day's list: the same on screen and on paper.
    pub row: u32,
    pub kind: CareKind,
    pub customer_id: CustomerId,
    pub customer_name: String,
    pub mobile: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vehicle_id: Option<VehicleId>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plate: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vehicle_label: Option<String>,
    /// The occasion's day (due date, expiry, birthday, the declining visit's handover).
    pub due_on: NaiveDate,
    pub reason: String,
    pub status: CallStatus,
    pub due: Due,
    pub next_on: NaiveDate,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_back_at: Option<NaiveDateTime>,
    pub attempts: u32,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_outcome: Option<Outcome>,
    pub last_note: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller_id: Option<StaffId>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller_name: Option<String>,
    /// Whether the member reading the list may work this call (`follow_up::may_work`).
    #[serde(default)]
    pub may_work: bool,
}

/// One attempt at a care call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CareAttemptInput {
    pub outcome: Outcome,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_back_at: Option<NaiveDateTime>,
    /// What was said or agreed ("booked for Tuesday", "renewed elsewhere").
    pub note: String,
}

/// What an attempt does to a care call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarePlan {
    pub outcome: Outcome,
    pub status: CallStatus,
    pub next_on: Option<NaiveDate>,
    pub call_back_at: Option<NaiveDateTime>,
    pub not_reached: u32,
    pub note: String,
}

/// The rule of one attempt: as for follow-up calls, but a reached customer needs
/// only a note of what was agreed.
pub fn attempt(
    status: CallStatus,
    not_reached: u32,
    input: &CareAttemptInput,
    max_attempts: u32,
    now: NaiveDateTime,
) -> Result<CarePlan, Invalid> {
    let mut issues = Issues::default();
    let next = follow_up::schedule(status, input.outcome, input.call_back_at, not_reached, max_attempts, now)
        .map_err(|invalid| invalid.0.into_iter().for_each(|issue| issues.push(issue)))
        .ok();
    let note = issues.take(validate::optional_text("note", &input.note, 500)).unwrap_or_default();
    if input.outcome == Outcome::Reached && note.is_empty() {
        issues.push(Issue::new(ErrorKind::Required, "note", "note what the customer said or agreed"));
    }
    issues.finish()?;
    let next = next.ok_or(Invalid(Vec::new()))?;
    Ok(CarePlan {
        outcome: input.outcome,
        status: next.status,
        next_on: next.next_on,
        call_back_at: next.call_back_at,
        not_reached: next.not_reached,
        note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn the_service_is_estimated_from_the_average_daily_mileage() {
        // 6,000 km in 120 days = 50 km a day; 7,500 km more is 150 days after the last reading.
        let readings = [Reading { on: day(1, 10), km: 20_000 }, Reading { on: day(5, 10), km: 26_000 }];
        assert_eq!(estimate_service_due(&readings, 7_500, true), Some(day(10, 7)));
        // Order does not matter; a reading in between does not change the average.
        let more = [readings[1], Reading { on: day(3, 1), km: 23_000 }, readings[0]];
        assert_eq!(estimate_service_due(&more, 7_500, true), Some(day(10, 7)));
        // Not a service here: the next multiple of 7,500 (30,000) is 4,000 km = 80 days on.
        assert_eq!(estimate_service_due(&readings, 7_500, false), Some(day(7, 29)));
    }

    #[test]
    fn no_estimate_without_two_readings_a_week_apart_and_distance() {
        let one = [Reading { on: day(1, 10), km: 20_000 }];
        assert_eq!(estimate_service_due(&one, 7_500, true), None);
        let close = [Reading { on: day(1, 10), km: 20_000 }, Reading { on: day(1, 15), km: 20_400 }];
        assert_eq!(estimate_service_due(&close, 7_500, true), None);
        let still = [Reading { on: day(1, 10), km: 20_000 }, Reading { on: day(6, 10), km: 20_000 }];
        assert_eq!(estimate_service_due(&still, 7_500, true), None);
        assert_eq!(estimate_service_due(&[], 7_500, true), None);
    }

    #[test]
    fn a_care_call_is_retried_like_a_follow_up_call() {
        let now = day(11, 23).and_hms_opt(10, 0, 0).unwrap();
        let busy = CareAttemptInput { outcome: Outcome::Busy, call_back_at: None, note: String::new() };
        let plan = attempt(CallStatus::Open, 0, &busy, 3, now).unwrap();
        assert_eq!((plan.status, plan.next_on), (CallStatus::Open, Some(day(11, 24))));
        let plan = attempt(CallStatus::Open, 2, &busy, 3, now).unwrap();
        assert_eq!(plan.status, CallStatus::Unreachable);
        let reached = CareAttemptInput { outcome: Outcome::Reached, call_back_at: None, note: String::new() };
        let refused = attempt(CallStatus::Open, 0, &reached, 3, now).unwrap_err();
        assert_eq!(refused.0[0].field.as_deref(), Some("note"));
        let reached = CareAttemptInput { note: "已预约周二保养".into(), ..reached };
        assert_eq!(attempt(CallStatus::Open, 0, &reached, 3, now).unwrap().status, CallStatus::Completed);
        assert!(attempt(CallStatus::Completed, 0, &reached, 3, now).is_err());
    }

    #[test]
    fn each_list_is_a_segment() {
        let s = CareSettings::default();
        assert_eq!(s.segment(CareKind::MaintenanceDue).service_due_days, Some(14));
        assert_eq!(s.segment(CareKind::InsuranceExpiring).insurance_days, Some(30));
        assert!(s.segment(CareKind::Birthday).birthday_this_month);
        assert!(s.segment(CareKind::DeclinedWork).declined_work);
        assert_eq!(s.segment(CareKind::InspectionDue).inspection_days, Some(30));
        let bad = CareSettings { service_interval_km: 10, ..CareSettings::default() };
        assert_eq!(bad.validate().unwrap_err().0[0].field.as_deref(), Some("serviceIntervalKm"));
    }
}
