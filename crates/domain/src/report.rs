//! The manager's dashboard as data (issue 16): the period asked for, the
//! figures of each KPI (`kpi` holds their formulas), the league and the
//! records behind a figure — what the store reads (`caredesk_store::reports`),
//! the screen shows and the workbook and the paper print, so all three say
//! the same. The comparison periods and "met or missed" are decided here once.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::kpi::Ratio;
use crate::{Fen, StaffId};

/// The period asked for (local days, both inclusive) and, optionally, one advisor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportQuery {
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advisor: Option<StaffId>,
}

/// Every figure of the dashboard, by the name the UI, the export and the
/// drill-down share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum KpiKey {
    /// Points, 0–100.
    Csi,
    CallsInWindow,
    ReachRate,
    OneTimeResolution,
    EscalationRate,
    MinutesToAssign,
    MinutesToClose,
    ShowRate,
    OnTimeHandover,
    RepairOrders,
    /// Fen.
    Revenue,
    /// Fen.
    AveragePerOrder,
    ExtraWorkApproval,
    DeclinedRecovered,
    CareBooked,
    CareVisited,
    CampaignAttendance,
    /// Fen.
    CampaignRevenue,
    /// Percent of the events' cost.
    CampaignReturn,
    CustomersLost,
    CustomersBack,
}

impl KpiKey {
    pub const ALL: [KpiKey; 21] = [
        KpiKey::Csi,
        KpiKey::CallsInWindow,
        KpiKey::ReachRate,
        KpiKey::OneTimeResolution,
        KpiKey::EscalationRate,
        KpiKey::MinutesToAssign,
        KpiKey::MinutesToClose,
        KpiKey::ShowRate,
        KpiKey::OnTimeHandover,
        KpiKey::RepairOrders,
        KpiKey::Revenue,
        KpiKey::AveragePerOrder,
        KpiKey::ExtraWorkApproval,
        KpiKey::DeclinedRecovered,
        KpiKey::CareBooked,
        KpiKey::CareVisited,
        KpiKey::CampaignAttendance,
        KpiKey::CampaignRevenue,
        KpiKey::CampaignReturn,
        KpiKey::CustomersLost,
        KpiKey::CustomersBack,
    ];

    /// The unit of the figure's value.
    pub fn unit(self) -> Unit {
        match self {
            KpiKey::Csi => Unit::Points,
            KpiKey::MinutesToAssign | KpiKey::MinutesToClose => Unit::Minutes,
            KpiKey::RepairOrders | KpiKey::CustomersLost => Unit::Count,
            KpiKey::Revenue | KpiKey::AveragePerOrder | KpiKey::CampaignRevenue => Unit::Money,
            _ => Unit::Percent,
        }
    }

    /// Whether a higher value is the better one, for red or green against the target.
    pub fn higher_is_better(self) -> bool {
        !matches!(
            self,
            KpiKey::EscalationRate | KpiKey::MinutesToAssign | KpiKey::MinutesToClose | KpiKey::CustomersLost
        )
    }
}

/// What a figure's value counts; money is in fen. Its printed form is the
/// locale's `unit` section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Unit {
    Percent,
    Points,
    Minutes,
    Count,
    Money,
}

/// One figure: the value in the KPI's unit (percent for a share, points for
/// the CSI, minutes, a count, fen), with the counts of a share. `value` is
/// absent when there was nothing to measure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Figure {
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<u32>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whole: Option<u32>,
}

impl Figure {
    pub fn share(ratio: Option<Ratio>) -> Figure {
        ratio.map_or_else(Figure::default, |r| Figure {
            value: Some(r.percent),
            part: Some(r.part),
            whole: Some(r.whole),
        })
    }

    pub fn value(value: Option<f64>) -> Figure {
        Figure { value, part: None, whole: None }
    }

    pub fn count(n: u32) -> Figure {
        Figure::value(Some(f64::from(n)))
    }

    pub fn fen(fen: Option<Fen>) -> Figure {
        Figure::value(fen.map(|f| f.0 as f64))
    }
}

/// One month of a trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonthFigure {
    /// `2026-11`.
    pub month: String,
    pub figure: Figure,
}

/// A card of the dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KpiCard {
    pub key: KpiKey,
    pub current: Figure,
    /// The period of the same length just before.
    pub previous: Figure,
    /// The same period a year earlier.
    pub year_ago: Figure,
    /// The dealer's target from the settings; absent where there is none.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    pub unit: Unit,
    pub higher_is_better: bool,
    /// Whether the period's figure met its target (at or above it, or at or
    /// below it where lower is better); absent without a target or a figure.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub met: Option<bool>,
    /// Twelve months, oldest first, ending with the period's last month.
    pub trend: Vec<MonthFigure>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advisor: Option<StaffId>,
    pub cards: Vec<KpiCard>,
}

/// One advisor's row of the league table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LeagueRow {
    pub advisor_id: StaffId,
    pub advisor_name: String,
    pub csi: Figure,
    pub show_rate: Figure,
    pub on_time_handover: Figure,
    pub extra_work_approval: Figure,
    /// Complaints received about the advisor's visits.
    pub complaints: u32,
}

/// What a record behind a figure is, so the UI opens its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum RecordKind {
    Visit,
    Complaint,
    FollowUpCall,
    CareCall,
    Campaign,
    Customer,
}

/// A record behind a figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportRecord {
    pub kind: RecordKind,
    #[ts(type = "number")]
    pub id: i64,
    /// The visit's, complaint's or campaign's number or name.
    pub number: String,
    pub customer_name: String,
    /// The local day that put it in the period.
    pub on: NaiveDate,
}

/// The period of the same length that ends the day before `from`.
pub fn previous(from: NaiveDate, to: NaiveDate) -> (NaiveDate, NaiveDate) {
    let days = (to - from).num_days().max(0) as u64;
    let end = from - Days::new(1);
    (end - Days::new(days), end)
}

/// The same day a year earlier (29 February gives 28 February).
pub fn year_before(day: NaiveDate) -> NaiveDate {
    day - Months::new(12)
}

/// The same period a year earlier.
pub fn year_ago(from: NaiveDate, to: NaiveDate) -> (NaiveDate, NaiveDate) {
    (year_before(from), year_before(to))
}

impl KpiCard {
    /// The card of `key`: its unit and direction are the key's, and whether
    /// the period met the target is decided here, once, for the screen, the
    /// workbook and the paper.
    pub fn new(
        key: KpiKey,
        [current, previous, year_ago]: [Figure; 3],
        target: Option<f64>,
        trend: Vec<MonthFigure>,
    ) -> KpiCard {
        let higher_is_better = key.higher_is_better();
        let met = current
            .value
            .zip(target)
            .map(|(value, target)| if higher_is_better { value >= target } else { value <= target });
        KpiCard { key, current, previous, year_ago, target, unit: key.unit(), higher_is_better, met, trend }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_comparison_periods() {
        assert_eq!(previous(day("2026-11-01"), day("2026-11-30")), (day("2026-10-02"), day("2026-10-31")));
        assert_eq!(previous(day("2026-11-01"), day("2026-11-01")), (day("2026-10-31"), day("2026-10-31")));
        assert_eq!(year_ago(day("2024-02-01"), day("2024-02-29")), (day("2023-02-01"), day("2023-02-28")));
    }

    #[test]
    fn met_or_missed_follows_which_way_is_better() {
        let card = |key, value: Option<f64>, target: Option<f64>| {
            KpiCard::new(
                key,
                [Figure::value(value), Figure::default(), Figure::default()],
                target,
                Vec::new(),
            )
        };
        let (csi, escalation) = (KpiKey::Csi, KpiKey::EscalationRate);
        assert_eq!(card(csi, Some(90.0), Some(90.0)).met, Some(true));
        assert_eq!(card(csi, Some(89.9), Some(90.0)).met, Some(false));
        assert_eq!(card(escalation, Some(5.0), Some(5.0)).met, Some(true));
        assert_eq!(card(escalation, Some(5.1), Some(5.0)).met, Some(false));
        assert_eq!(card(escalation, None, Some(5.0)).met, None);
        assert_eq!(card(escalation, Some(5.0), None).met, None);
    }
}
