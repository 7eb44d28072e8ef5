//! One definition per KPI (issue 16, item 6). The module screens and the
//! manager's dashboard both compute their figures here, so a figure never
//! differs between two screens. Every function takes plain counts or
//! durations — the store selects the records — and answers `None` when there
//! is nothing to measure: a period without data shows "no data", never 0% and
//! never NaN.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Fen;

/// A share of a whole, kept with its counts so a screen can show "17 / 20"
/// beside the percentage and a drill-down can list exactly the `part`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Ratio {
    pub part: u32,
    pub whole: u32,
    /// `part / whole` in percent, to one decimal (half away from zero).
    pub percent: f64,
}

/// The share `part / whole`; `None` when `whole` is 0, because there was
/// nothing to measure.
pub fn ratio(part: u32, whole: u32) -> Option<Ratio> {
    (whole > 0).then(|| Ratio {
        part,
        whole,
        percent: (f64::from(part) * 1000.0 / f64::from(whole)).round() / 10.0,
    })
}

/// The percentage of [`ratio`] alone, for the screens that show only that.
pub fn percent(part: u32, whole: u32) -> Option<f64> {
    ratio(part, whole).map(|r| r.percent)
}

/// The median in whole minutes; for an even count the mean of the two middle
/// values, rounded down — the complaint screen's definition since issue 5.
pub fn median_minutes(mut minutes: Vec<i64>) -> Option<i64> {
    minutes.sort_unstable();
    let n = minutes.len();
    (n > 0).then(|| if n % 2 == 1 { minutes[n / 2] } else { (minutes[n / 2 - 1] + minutes[n / 2]) / 2 })
}

/// The customer satisfaction index over a group of visits: the mean of each
/// surveyed visit's index (hundredths of a point, 0–10000), rounded half up.
/// A visit's own index is `follow_up::csi`.
pub fn csi(indexes: &[u32]) -> Option<u32> {
    csi_of_sum(indexes.iter().map(|&c| u64::from(c)).sum(), indexes.len() as u64)
}

/// [`csi`] from the sum of the visits' indexes and their number, for a store
/// that adds them up in the database rather than reading every survey, and
/// for the report's groups (by advisor, by month) that add them up as they go.
pub fn csi_of_sum(sum: u64, surveys: u64) -> Option<u32> {
    mean_half_up(sum, surveys)
}

/// A survey factor's mean score in hundredths (1–5 points → 100–500), from
/// the sum of its answers' points and their number, rounded half up.
pub fn factor_mean(points: u64, answers: u64) -> Option<u32> {
    mean_half_up(points.saturating_mul(100), answers)
}

/// `sum / n` rounded half up — the mean behind the CSI and the factor means.
fn mean_half_up(sum: u64, n: u64) -> Option<u32> {
    (n > 0).then(|| u32::try_from((sum.saturating_mul(2) + n) / (2 * n)).unwrap_or(u32::MAX))
}

/// Follow-up calls completed within their window, of the calls whose window
/// has closed or that were closed (DOMAIN.md §3.7: the call is made within
/// days 2–3 after handover).
pub fn calls_in_window(completed_in_window: u32, calls_due: u32) -> Option<Ratio> {
    ratio(completed_in_window, calls_due)
}

/// Closed calls that reached the customer (surveyed or refused), of the closed calls.
pub fn reach_rate(reached: u32, calls_closed: u32) -> Option<Ratio> {
    ratio(reached, calls_closed)
}

/// Complaints closed without being reopened or escalated, of the closed ones.
pub fn one_time_resolution(one_time: u32, closed: u32) -> Option<Ratio> {
    ratio(one_time, closed)
}

/// Complaints escalated, of all the complaints received.
pub fn escalation_rate(escalated: u32, received: u32) -> Option<Ratio> {
    ratio(escalated, received)
}

/// Appointments kept, of the appointments whose time has come (the booked ones
/// still ahead are neither kept nor missed, and cancelled ones are not counted).
pub fn show_rate(shown: u32, no_shows: u32) -> Option<Ratio> {
    ratio(shown, shown.saturating_add(no_shows))
}

/// Vehicles handed over by the promised time, of those handed over.
pub fn on_time_handover(on_time: u32, handed_over: u32) -> Option<Ratio> {
    ratio(on_time, handed_over)
}

/// The mean revenue per repair order handed over, rounded half up to the fen.
pub fn average_per_order(revenue: Fen, orders: u32) -> Option<Fen> {
    (orders > 0).then(|| {
        let n = i64::from(orders);
        Fen((revenue.0 * 2 + n).div_euclid(2 * n))
    })
}

/// Extra work the customer approved, of the extra work decided (approved or declined).
pub fn extra_work_approval(approved: u32, declined: u32) -> Option<Ratio> {
    ratio(approved, approved.saturating_add(declined))
}

/// Declined work recovered: of the work declined, how much was done at a
/// later visit of the same vehicle within the window the caller chose.
pub fn declined_recovered(recovered: u32, declined: u32) -> Option<Ratio> {
    ratio(recovered, declined)
}

/// Proactive care's conversion, the two steps of the funnel: care calls that
/// led to a booking, and bookings that led to a visit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CareConversion {
    #[ts(optional)]
    pub booked: Option<Ratio>,
    #[ts(optional)]
    pub visited: Option<Ratio>,
}

pub fn care_conversion(calls: u32, booked: u32, visited: u32) -> CareConversion {
    CareConversion { booked: ratio(booked, calls), visited: ratio(visited, booked) }
}

/// Guests who came, of those invited (walk-ins count as attending but were
/// not invited, so the share can pass 100%).
pub fn campaign_attendance(attended: u32, invited: u32) -> Option<Ratio> {
    ratio(attended, invited)
}

/// Revenue over cost in whole percent, rounded half up (150 = the revenue is
/// 1.5 times the cost); `None` for an event that cost nothing.
pub fn return_on_budget(revenue: Fen, cost: Fen) -> Option<u32> {
    (cost.0 > 0).then(|| {
        let percent = (i128::from(revenue.0) * 200 + i128::from(cost.0)) / (2 * i128::from(cost.0));
        u32::try_from(percent).unwrap_or(u32::MAX)
    })
}

/// The cost of the event per guest who came, rounded half up to the fen.
pub fn cost_per_attendee(cost: Fen, attended: u32) -> Option<Fen> {
    average_per_order(cost, attended)
}

/// Declined work counts as recovered when it is done within this many months.
pub const RECOVERY_MONTHS: u32 = 6;

/// A reached care call counts as booked when the customer books within this many days.
pub const CARE_BOOKING_DAYS: u32 = 30;

/// A customer is lost (流失) after this many months without a visit, unless
/// the dealer sets otherwise.
pub const LOST_AFTER_MONTHS: u32 = 12;

/// Customers lost and won back over a period: of those who became lost in the
/// period, how many have visited again since.
pub fn came_back(returned: u32, lost: u32) -> Option<Ratio> {
    ratio(returned, lost)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_data_is_none_never_zero_or_nan() {
        assert_eq!(ratio(0, 0), None);
        assert_eq!(percent(0, 0), None);
        assert_eq!(csi(&[]), None);
        assert_eq!(median_minutes(vec![]), None);
        assert_eq!(show_rate(0, 0), None);
        assert_eq!(extra_work_approval(0, 0), None);
        assert_eq!(average_per_order(Fen(0), 0), None);
        assert_eq!(return_on_budget(Fen(5_000), Fen(0)), None);
        assert_eq!(care_conversion(0, 0, 0), CareConversion { booked: None, visited: None });
        // Zero of something is a figure, not "no data".
        assert_eq!(ratio(0, 4).map(|r| r.percent), Some(0.0));
    }

    #[test]
    fn ratios_keep_their_counts_and_round_to_a_tenth() {
        // 2 of 3 = 66.666…% → 66.7; 1 of 8 = 12.5% exactly; 1 of 6 = 16.666…% → 16.7.
        assert_eq!(ratio(2, 3), Some(Ratio { part: 2, whole: 3, percent: 66.7 }));
        assert_eq!(percent(1, 8), Some(12.5));
        assert_eq!(percent(1, 6), Some(16.7));
        assert_eq!(percent(7, 7), Some(100.0));
    }

    #[test]
    fn csi_is_the_mean_of_the_visits_half_up() {
        // (9000 + 8000 + 8001) / 3 = 8333.67 → 8334; (9000 + 8001) / 2 = 8500.5 → 8501.
        assert_eq!(csi(&[9000, 8000, 8001]), Some(8334));
        assert_eq!(csi(&[9000, 8001]), Some(8501));
        assert_eq!(csi(&[10_000]), Some(10_000));
    }

    #[test]
    fn factor_means_are_in_hundredths_half_up() {
        // Answers 4, 5, 5: 14 / 3 = 4.666… → 467 hundredths; 4 and 5: 4.5 → 450.
        assert_eq!(factor_mean(14, 3), Some(467));
        assert_eq!(factor_mean(9, 2), Some(450));
        // 1, 2 and 2: 5 / 3 = 1.666… → 167; 0.5 hundredths round up: 1, 1, 1, 2, 2, 2, 2, 2 → 1.625 → 163.
        assert_eq!(factor_mean(5, 3), Some(167));
        assert_eq!(factor_mean(13, 8), Some(163));
        assert_eq!(factor_mean(0, 0), None);
        // The CSI of a group from its sum: (9000 + 8001) / 2 = 8500.5 → 8501.
        assert_eq!(csi_of_sum(17_001, 2), Some(8501));
        assert_eq!(csi_of_sum(0, 0), None);
    }

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median_minutes(vec![30, 10, 20]), Some(20));
        // (20 + 35) / 2 = 27.5 → 27, rounded down.
        assert_eq!(median_minutes(vec![40, 10, 35, 20]), Some(27));
    }

    #[test]
    fn the_call_rates() {
        // Ten calls due, eight completed in the window; nine closed, of which seven
        // surveyed and one refused reached the customer, one unreachable did not.
        assert_eq!(calls_in_window(8, 10).map(|r| r.percent), Some(80.0));
        assert_eq!(reach_rate(8, 9).map(|r| r.percent), Some(88.9));
    }

    #[test]
    fn the_complaint_rates() {
        // Five received, four closed: three without reopening or escalation; one escalated.
        assert_eq!(one_time_resolution(3, 4).map(|r| r.percent), Some(75.0));
        assert_eq!(escalation_rate(1, 5).map(|r| r.percent), Some(20.0));
    }

    #[test]
    fn show_rate_counts_only_appointments_whose_time_came() {
        // 17 came, 3 did not: 85%; appointments still ahead are not passed in.
        assert_eq!(show_rate(17, 3), Some(Ratio { part: 17, whole: 20, percent: 85.0 }));
        assert_eq!(on_time_handover(9, 12).map(|r| r.percent), Some(75.0));
    }

    #[test]
    fn orders_and_revenue() {
        // 3 orders worth 100.00 + 200.00 + 50.01 yuan: 350.01 / 3 = 116.67 yuan.
        assert_eq!(average_per_order(Fen(35_001), 3), Some(Fen(11_667)));
        // 0.05 fen rounds up: 1 fen over 2 orders → 0.5 → 1.
        assert_eq!(average_per_order(Fen(1), 2), Some(Fen(1)));
        assert_eq!(extra_work_approval(6, 2).map(|r| r.percent), Some(75.0));
        assert_eq!(declined_recovered(1, 4).map(|r| r.percent), Some(25.0));
    }

    #[test]
    fn care_funnel() {
        // 40 care calls, 10 bookings, 8 came.
        let c = care_conversion(40, 10, 8);
        assert_eq!(c.booked.map(|r| r.percent), Some(25.0));
        assert_eq!(c.visited.map(|r| r.percent), Some(80.0));
    }

    #[test]
    fn campaign_figures_match_the_campaign_results() {
        use crate::campaign::{ResultFacts, results};
        let facts = ResultFacts {
            invited: 40,
            confirmed: 30,
            attended: 27,
            walk_ins: 2,
            repair_orders: 9,
            revenue: Fen(1_234_567),
            budget: Fen(800_000),
            prizes_given: Fen(23_456),
        };
        let r = results(&facts, chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap_or_default());
        assert_eq!(return_on_budget(facts.revenue, r.cost), r.return_percent);
        assert_eq!(cost_per_attendee(r.cost, facts.attended), r.cost_per_attendee);
        // 1,234,567 / 823,456 = 149.92% → 150.
        assert_eq!(return_on_budget(Fen(1_234_567), Fen(823_456)), Some(150));
        assert_eq!(campaign_attendance(27, 40).map(|r| r.percent), Some(67.5));
    }

    #[test]
    fn lost_and_back() {
        assert_eq!(came_back(3, 12).map(|r| r.percent), Some(25.0));
        assert_eq!(came_back(0, 0), None);
    }
    /// The module screens' figures are computed by the functions above; this
    /// pins that, on a hand-worked set, they are the same figures.
    #[test]
    fn the_module_screens_agree_with_these_definitions() {
        use crate::complaint::{Category, KpiFacts, kpis};
        use crate::follow_up::{CallFact, CallStatus, Survey, SurveyFact, report};
        use chrono::{Duration, NaiveDate, TimeZone, Utc};

        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap_or_default();
        let at = Utc.with_ymd_and_hms(2026, 11, 3, 2, 0, 0).single().unwrap_or_default();
        let complaint = |assign: i64, close: Option<i64>, escalated, reopened| KpiFacts {
            category: Category::Reliability,
            received_at: at,
            received_on: day(3),
            assigned_at: Some(at + Duration::minutes(assign)),
            closed_at: close.map(|m| at + Duration::minutes(m)),
            escalated,
            reopened,
        };
        let facts = [
            complaint(30, Some(3000), false, false),
            complaint(90, Some(6000), true, false),
            complaint(10, None, false, false),
            complaint(45, Some(100), false, true),
        ];
        let k = kpis(&facts);
        assert_eq!(k.one_time_resolution_percent, one_time_resolution(1, 3).map(|r| r.percent));
        assert_eq!(k.escalation_percent, escalation_rate(1, 4).map(|r| r.percent));
        assert_eq!(k.median_minutes_to_assign, median_minutes(vec![30, 90, 10, 45]));
        assert_eq!(k.median_minutes_to_close, median_minutes(vec![3000, 6000, 100]));

        let survey = |csi| SurveyFact {
            advisor_id: crate::StaffId(2),
            advisor_name: "王芳".into(),
            surveyed_on: day(5),
            survey: Survey { version: 1, answers: vec![], comment: String::new(), flagged: false, csi },
            alert: false,
        };
        let call = |status, closed_on| CallFact { status, due_to: day(6), closed_on };
        let calls = [
            call(CallStatus::Completed, Some(day(5))),
            call(CallStatus::Completed, Some(day(8))),
            call(CallStatus::Unreachable, Some(day(7))),
            call(CallStatus::Refused, Some(day(6))),
            call(CallStatus::Open, None),
        ];
        let r = report(day(1), day(20), day(23), &[survey(9000), survey(8001)], &calls, &Default::default());
        assert_eq!(r.csi, csi(&[9000, 8001]));
        assert_eq!(percent(r.completed_in_window, r.calls_due), calls_in_window(1, 5).map(|r| r.percent));
        assert_eq!(percent(r.reached, r.calls_closed), reach_rate(3, 4).map(|r| r.percent));
    }
}
