//! The manager's dashboard (issue 16): every KPI of the process for a period,
//! beside the previous period, the same period a year earlier, its target and
//! a twelve-month trend; the advisor league; and the records behind a figure.
//!
//! The store only counts; every formula is `caredesk_domain::kpi`, so the
//! dashboard and the module screens never disagree. Past visits imported from
//! the old system were not CareDesk's work and never count. With an advisor
//! given, only that advisor's visits, calls and complaints count; the
//! dealership-wide figures (campaigns, customers lost) are then "no data".

use std::collections::HashMap;

use caredesk_domain::campaign::{CampaignId, Results};
use caredesk_domain::kpi;
use caredesk_domain::staff::Role;
use caredesk_domain::{Actor, ErrorKind, Fen, Issue, StaffId};
use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::params;

use crate::engine::Read;
use crate::error::Result;
use crate::{Now, campaigns, complaints, staff};

pub use caredesk_domain::report::{
    Dashboard, Figure, KpiCard, KpiKey, LeagueRow, MonthFigure, RecordKind, ReportQuery, ReportRecord, Unit,
};
use caredesk_domain::report::{previous, year_before};

// ---------------------------------------------------------------------------
// The period

/// Refuses a period that ends before it starts, or starts after today, naming the field.
pub fn check(query: &ReportQuery, today: NaiveDate) -> Result<()> {
    if query.to < query.from {
        return Err(Issue::new(ErrorKind::DateOrder, "to", "the period must end after it starts").into());
    }
    if query.from > today {
        return Err(
            Issue::new(ErrorKind::DateInFuture, "from", "the period may not start in the future").into()
        );
    }
    Ok(())
}

/// The query an actor may run: an advisor reads only their own figures, so
/// theirs is forced to their own id and another advisor's is refused.
pub fn scoped(actor: &Actor, query: &ReportQuery) -> Result<ReportQuery> {
    actor.require(caredesk_domain::Action::ReadReports)?;
    if actor.role != Role::ServiceAdvisor {
        return Ok(query.clone());
    }
    match query.advisor {
        Some(other) if other != actor.id => Err(Issue {
            kind: ErrorKind::Forbidden,
            field: Some("advisor".into()),
            message: "an advisor sees only their own figures".into(),
            conflict: None,
            action: Some(caredesk_domain::Action::ReadReports),
            changed: None,
        }
        .into()),
        _ => Ok(ReportQuery { advisor: Some(actor.id), ..query.clone() }),
    }
}

fn day_start(date: NaiveDate) -> NaiveDateTime {
    date.and_time(NaiveTime::MIN)
}

fn next_day(date: NaiveDate) -> NaiveDate {
    date + Days::new(1)
}

fn month_start(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

fn month_end(date: NaiveDate) -> NaiveDate {
    month_start(date) + Months::new(1) - Days::new(1)
}

// ---------------------------------------------------------------------------
// Counting one period

/// The counts of one period, from which the figures are computed.
#[derive(Debug, Clone, Default)]
struct Counts {
    csi_sum: u64,
    surveys: u64,
    calls_due: u32,
    calls_in_window: u32,
    calls_closed: u32,
    calls_reached: u32,
    complaints: u32,
    complaints_closed: u32,
    complaints_one_time: u32,
    complaints_escalated: u32,
    minutes_to_assign: Vec<i64>,
    minutes_to_close: Vec<i64>,
    shown: u32,
    no_shows: u32,
    handed_over: u32,
    on_time: u32,
    revenue: i64,
    approved: u32,
    declined: u32,
    recovered: u32,
    care_reached: u32,
    care_booked: u32,
    care_visited: u32,
    /// Dealership-wide only.
    campaigns: Option<CampaignCounts>,
    lost: Option<(u32, u32)>,
}

#[derive(Debug, Clone, Default)]
struct CampaignCounts {
    events: u32,
    invited: u32,
    attended: u32,
    revenue: i64,
    cost: i64,
}

fn u(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

/// A complaint as the period's rates and medians need it.
#[derive(Debug, Clone)]
struct ComplaintFact {
    received_on: NaiveDate,
    minutes_to_assign: Option<i64>,
    minutes_to_close: Option<i64>,
    escalated: bool,
    reopened: bool,
}

/// `branch` once for each of `periods` periods, as one statement: a dashboard
/// counts each KPI family for all its periods (the current one, the one
/// before, a year ago, each month of the trend) in one round trip and one
/// plan, and each branch still walks its own index range, with no grouping to
/// sort. In `branch`, `:period` is the period's number, `:from` and `:to` its
/// bounds (`?2`, `?3` for the first, `?4`, `?5` for the next…), `?1` the advisor.
fn each_period(branch: &str, periods: usize) -> String {
    (0..periods)
        .map(|i| {
            branch
                .replace(":period", &i.to_string())
                .replace(":from", &format!("?{}", 2 + 2 * i))
                .replace(":to", &format!("?{}", 3 + 2 * i))
        })
        .collect::<Vec<_>>()
        .join("\n         UNION ALL ")
}

/// The record's visit (`column`) was not imported, and is `?1`'s when an
/// advisor is given. Not a join to every visit: the engine looks the visit up
/// among the few imported ones (the partial index of migration 0012), and
/// only reads the visit itself for one advisor's figures.
fn counted_visit(column: &str) -> String {
    format!(
        "NOT EXISTS (SELECT 1 FROM visits i WHERE i.id = {column} AND i.imported = 1)
           AND (CAST(?1 AS BIGINT) IS NULL
                OR EXISTS (SELECT 1 FROM visits a WHERE a.id = {column} AND a.advisor_id = ?1))"
    )
}

/// The counts of each period that the database adds up, in the order given.
fn period_counts(
    conn: &(impl Read + ?Sized),
    periods: &[(NaiveDate, NaiveDate)],
    adv: Option<i64>,
    today: NaiveDate,
) -> Result<Vec<Counts>> {
    let n = periods.len();
    let days: Vec<NaiveDate> = periods.iter().flat_map(|&(from, to)| [from, to]).collect();
    let times: Vec<NaiveDateTime> =
        periods.iter().flat_map(|&(from, to)| [day_start(from), day_start(next_day(to))]).collect();
    let adv_param: &dyn rusqlite::ToSql = &adv;
    let day_params: Vec<&dyn rusqlite::ToSql> =
        std::iter::once(adv_param).chain(days.iter().map(|d| d as &dyn rusqlite::ToSql)).collect();
    let time_params: Vec<&dyn rusqlite::ToSql> =
        std::iter::once(adv_param).chain(times.iter().map(|t| t as &dyn rusqlite::ToSql)).collect();
    let mut call_params = day_params.clone();
    call_params.push(&today);
    let mut counts = vec![Counts::default(); n];
    let period = |r: &crate::engine::Row| -> Result<usize> {
        usize::try_from(r.get::<i64>("period")?)
            .map_err(|_| crate::error::StoreError::Corrupt("a period".into()))
    };

    for r in conn.rows(
        &each_period(
            "SELECT :period AS period, count(*) AS n, CAST(coalesce(sum(s.csi), 0) AS BIGINT) AS total
             FROM follow_up_surveys s
             WHERE s.surveyed_on >= :from AND s.surveyed_on <= :to
               AND NOT EXISTS (SELECT 1 FROM visits i WHERE i.id = s.visit_id AND i.imported = 1)
               AND (CAST(?1 AS BIGINT) IS NULL OR s.advisor_id = ?1)",
            n,
        ),
        &day_params,
    )? {
        let c = &mut counts[period(&r)?];
        c.surveys = u64::try_from(r.get::<i64>("n")?).unwrap_or(0);
        c.csi_sum = u64::try_from(r.get::<i64>("total")?).unwrap_or(0);
    }

    let today_param = format!("?{}", 2 + 2 * n);
    for r in conn.rows(
        &each_period(
            &format!(
                "SELECT :period AS period,
                        CAST(coalesce(sum(CASE WHEN f.status <> 'open' OR f.due_to < {today_param} THEN 1 ELSE 0 END), 0)
                             AS BIGINT) AS due,
                        CAST(coalesce(sum(CASE WHEN f.status = 'completed' AND f.closed_on <= f.due_to THEN 1 ELSE 0 END),
                                      0) AS BIGINT) AS in_window,
                        CAST(coalesce(sum(CASE WHEN f.status <> 'open' THEN 1 ELSE 0 END), 0) AS BIGINT) AS closed,
                        CAST(coalesce(sum(CASE WHEN f.status IN ('completed', 'refused') THEN 1 ELSE 0 END), 0)
                             AS BIGINT) AS reached
                 FROM follow_up_calls f
                 WHERE f.due_from >= :from AND f.due_from <= :to AND {}",
                counted_visit("f.visit_id")
            ),
            n,
        ),
        &call_params,
    )? {
        let c = &mut counts[period(&r)?];
        c.calls_due = u(r.get("due")?);
        c.calls_in_window = u(r.get("in_window")?);
        c.calls_closed = u(r.get("closed")?);
        c.calls_reached = u(r.get("reached")?);
    }

    for r in conn.rows(
        &each_period(
            "SELECT :period AS period,
                    CAST(coalesce(sum(CASE WHEN state = 'no_show' THEN 1 ELSE 0 END), 0) AS BIGINT) AS no_shows,
                    CAST(coalesce(sum(CASE WHEN state NOT IN ('booked', 'prepared', 'cancelled', 'no_show')
                                           THEN 1 ELSE 0 END), 0) AS BIGINT) AS shown
             FROM visits
             WHERE appointment_at >= :from AND appointment_at < :to AND imported = 0
               AND (CAST(?1 AS BIGINT) IS NULL OR advisor_id = ?1)",
            n,
        ),
        &time_params,
    )? {
        let c = &mut counts[period(&r)?];
        c.no_shows = u(r.get("no_shows")?);
        c.shown = u(r.get("shown")?);
    }

    for r in conn.rows(
        &each_period(
            "SELECT :period AS period, count(*) AS n, CAST(coalesce(sum(on_time), 0) AS BIGINT) AS on_time_count,
                    CAST(coalesce(sum(total_fen), 0) AS BIGINT) AS revenue
             FROM visits
             WHERE handed_over_local >= :from AND handed_over_local < :to AND imported = 0
               AND (CAST(?1 AS BIGINT) IS NULL OR advisor_id = ?1)",
            n,
        ),
        &time_params,
    )? {
        let c = &mut counts[period(&r)?];
        c.handed_over = u(r.get("n")?);
        c.on_time = u(r.get("on_time_count")?);
        c.revenue = r.get("revenue")?;
    }

    Ok(counts)
}

/// The complaints received from `from` to `to` (about `adv`'s visits, when given).
fn complaint_facts(
    conn: &(impl Read + ?Sized),
    from: NaiveDate,
    to: NaiveDate,
    adv: Option<i64>,
) -> Result<Vec<ComplaintFact>> {
    conn.rows(
        "SELECT k.received_on, k.received_at, k.assigned_at, k.closed_at, k.reopened,
                EXISTS (SELECT 1 FROM complaint_escalations e WHERE e.complaint_id = k.id) AS escalated
         FROM complaints k LEFT JOIN visits v ON v.id = k.visit_id
         WHERE k.received_on >= ?1 AND k.received_on <= ?2
           AND (CAST(?3 AS BIGINT) IS NULL OR v.advisor_id = ?3)",
        params![from, to, adv],
    )?
    .iter()
    .map(|r| {
        let received: chrono::DateTime<chrono::Utc> = r.get("received_at")?;
        let minutes = |at: Option<chrono::DateTime<chrono::Utc>>| at.map(|a| (a - received).num_minutes());
        Ok(ComplaintFact {
            received_on: r.get("received_on")?,
            minutes_to_assign: minutes(r.get("assigned_at")?),
            minutes_to_close: minutes(r.get("closed_at")?),
            escalated: r.get("escalated")?,
            reopened: r.get("reopened")?,
        })
    })
    .collect()
}

/// A period's counts: what the database added up (`period_counts`), with what
/// is counted from the facts read once for the whole dashboard.
fn count_period(
    mut c: Counts,
    from: NaiveDate,
    to: NaiveDate,
    advisor: Option<StaffId>,
    facts: &Facts,
) -> Counts {
    for k in facts.complaints.iter().filter(|k| (from..=to).contains(&k.received_on)) {
        c.complaints += 1;
        c.complaints_escalated += u32::from(k.escalated);
        if let Some(m) = k.minutes_to_assign {
            c.minutes_to_assign.push(m);
        }
        if let Some(m) = k.minutes_to_close {
            c.complaints_closed += 1;
            c.complaints_one_time += u32::from(!k.escalated && !k.reopened);
            c.minutes_to_close.push(m);
        }
    }

    for d in facts.decided.iter().filter(|d| (from..=to).contains(&d.day)) {
        if d.approved {
            c.approved += 1;
        } else {
            c.declined += 1;
            c.recovered += u32::from(d.recovered);
        }
    }

    for (day, booked, visited) in &facts.care {
        if (from..=to).contains(day) {
            c.care_reached += 1;
            c.care_booked += u32::from(*booked);
            c.care_visited += u32::from(*visited);
        }
    }

    if advisor.is_none() {
        c.campaigns = Some(campaign_counts(&facts.campaigns, from, to));
        let losses = facts.losses.iter().filter(|(_, day, _)| (from..=to).contains(day));
        let (lost, back) = losses.fold((0, 0), |(lost, back), l| (lost + 1, back + u32::from(l.2)));
        c.lost = Some((lost, back));
    }
    c
}

/// Extra work decided at a visit: the day of the visit's handover, and whether
/// it was approved, or declined and then recovered.
#[derive(Debug, Clone, Copy)]
struct Decided {
    day: NaiveDate,
    approved: bool,
    recovered: bool,
}

/// The extra work approved or declined at the visits handed over between the
/// days; declined work is recovered when it was done at a later visit of the
/// same vehicle within `kpi::RECOVERY_MONTHS` (a later order line with the same
/// description). Read as records, once for every period of a dashboard.
fn decided(
    conn: &(impl Read + ?Sized),
    start: NaiveDateTime,
    end: NaiveDateTime,
    adv: Option<i64>,
) -> Result<Vec<Decided>> {
    // The first later handover of the vehicle whose order holds the work, if any; whether
    // it came within the months is decided here, where month arithmetic is the same on both engines.
    conn.rows(
        "SELECT v.handed_over_local, e.status,
                CASE WHEN e.status = 'declined' THEN
                    (SELECT min(w.handed_over_local) FROM visits w JOIN order_lines l ON l.visit_id = w.id
                     WHERE w.vehicle_id = v.vehicle_id AND w.handed_over_local > v.handed_over_local
                       AND w.imported = 0 AND l.description = e.description)
                END AS done_at
         FROM extra_work e JOIN visits v ON v.id = e.visit_id
         WHERE e.status IN ('approved', 'declined') AND v.handed_over_local >= ?1 AND v.handed_over_local < ?2
           AND v.imported = 0 AND (CAST(?3 AS BIGINT) IS NULL OR v.advisor_id = ?3)",
        params![start, end, adv],
    )?
    .iter()
    .map(|r| {
        let at: NaiveDateTime = r.get("handed_over_local")?;
        let done: Option<NaiveDateTime> = r.get("done_at")?;
        Ok(Decided {
            day: at.date(),
            approved: r.get::<String>("status")? == "approved",
            recovered: done.is_some_and(|d| d <= at + Months::new(kpi::RECOVERY_MONTHS)),
        })
    })
    .collect()
}

/// Care calls that reached the customer in the period, those followed by an
/// appointment booked within `kpi::CARE_BOOKING_DAYS`, and those whose
/// booking was kept. With an advisor, the bookings made with them.
fn care_funnel(
    conn: &(impl Read + ?Sized),
    from: NaiveDate,
    to: NaiveDate,
    adv: Option<i64>,
) -> Result<Vec<(NaiveDate, bool, bool)>> {
    let calls = conn.rows(
        "SELECT customer_id, closed_on FROM care_calls WHERE status = 'completed' AND closed_on >= ?1 AND closed_on <= ?2",
        params![from, to],
    )?;
    if calls.is_empty() {
        return Ok(Vec::new());
    }
    let until = to + Days::new(u64::from(kpi::CARE_BOOKING_DAYS) + 1);
    let mut bookings: HashMap<i64, Vec<(NaiveDate, bool)>> = HashMap::new();
    for r in conn.rows(
        "SELECT v.customer_id, v.created_at, v.state FROM visits v
         WHERE v.appointment_at IS NOT NULL AND v.created_at >= ?1 AND v.created_at < ?2 AND v.imported = 0
           AND (CAST(?3 AS BIGINT) IS NULL OR v.advisor_id = ?3)
           AND v.customer_id IN (SELECT customer_id FROM care_calls
                                 WHERE status = 'completed' AND closed_on >= ?4 AND closed_on <= ?5)",
        params![day_start(from), day_start(until), adv, from, to],
    )? {
        let created: chrono::DateTime<chrono::Utc> = r.get("created_at")?;
        let state: String = r.get("state")?;
        let kept = !matches!(state.as_str(), "booked" | "prepared" | "cancelled" | "no_show");
        bookings.entry(r.get("customer_id")?).or_default().push((created.date_naive(), kept));
    }
    calls
        .iter()
        .map(|r| {
            let closed: NaiveDate = r.get("closed_on")?;
            let last = closed + Days::new(u64::from(kpi::CARE_BOOKING_DAYS));
            let found = bookings.get(&r.get::<i64>("customer_id")?).and_then(|b| {
                b.iter().filter(|(d, _)| *d >= closed && *d <= last).max_by_key(|(_, kept)| *kept)
            });
            Ok((closed, found.is_some(), found.is_some_and(|(_, kept)| *kept)))
        })
        .collect()
}

/// The events that ended in the period, added up from each one's own results.
fn campaign_counts(events: &[(NaiveDate, Results)], from: NaiveDate, to: NaiveDate) -> CampaignCounts {
    let mut c = CampaignCounts::default();
    for (_, r) in events.iter().filter(|(ends_on, _)| (from..=to).contains(ends_on)) {
        c.events += 1;
        c.invited += r.invited;
        c.attended += r.attended;
        c.revenue += r.revenue.0;
        c.cost += r.cost.0;
    }
    c
}

fn ended_campaigns(
    conn: &(impl Read + ?Sized),
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(CampaignId, NaiveDate)>> {
    conn.rows(
        "SELECT id, ends_on FROM campaigns WHERE status IN ('running', 'finished') AND ends_on >= ?1 AND ends_on <= ?2
         ORDER BY ends_on, id",
        params![from, to],
    )?
    .iter()
    .map(|r| Ok((CampaignId(r.get("id")?), r.get("ends_on")?)))
    .collect()
}

/// The customers lost (no handover for `kpi::LOST_AFTER_MONTHS`) from `from`
/// to `to`, each as (customer, the day they became lost, whether they came
/// back by `today`). The database pairs each handover with the customer's
/// next one, so only the handovers a year before the period come back, and
/// only the customers who had one are paired at all.
fn losses(
    conn: &(impl Read + ?Sized),
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<Vec<(i64, NaiveDate, bool)>> {
    let day = |text: String| -> Result<NaiveDate> {
        text.parse().map_err(|_| {
            Issue::new(ErrorKind::InvalidDate, "handed_over_local", "a handover time that is not a date")
                .into()
        })
    };
    let mut out = Vec::new();
    for r in conn.rows(
        "SELECT customer_id, day, next_day FROM (
             SELECT customer_id, substr(handed_over_local, 1, 10) AS day,
                    lead(substr(handed_over_local, 1, 10))
                        OVER (PARTITION BY customer_id ORDER BY handed_over_local) AS next_day
             FROM visits WHERE handed_over_local IS NOT NULL AND handed_over_local >= ?1 AND imported = 0
               AND customer_id IN (SELECT c.customer_id FROM visits c
                                   WHERE c.handed_over_local >= ?1 AND c.handed_over_local < ?3 AND c.imported = 0)
         ) h WHERE day <= ?2
         ORDER BY customer_id, day",
        params![
            day_start(from - Months::new(kpi::LOST_AFTER_MONTHS)),
            (to - Months::new(kpi::LOST_AFTER_MONTHS)).to_string(),
            day_start(next_day(to - Months::new(kpi::LOST_AFTER_MONTHS)))
        ],
    )? {
        let lost_on = day(r.get("day")?)? + Months::new(kpi::LOST_AFTER_MONTHS);
        if lost_on < from || lost_on > to || lost_on > today {
            continue;
        }
        let next = r.get::<Option<String>>("next_day")?.map(day).transpose()?;
        match next {
            Some(next) if next <= lost_on => {}
            next => out.push((r.get("customer_id")?, lost_on, next.is_some_and(|n| n <= today))),
        }
    }
    Ok(out)
}

/// Everything a dashboard counts, read once for all its periods (from the
/// earliest day any of them starts to the end of the last month): per-day
/// counts from the database, and the facts counted record by record.
#[derive(Debug, Default)]
struct Facts {
    /// Each complaint received.
    complaints: Vec<ComplaintFact>,
    /// Each piece of extra work approved or declined.
    decided: Vec<Decided>,
    /// Each care call that reached the customer: the day, booked, and the booking kept.
    care: Vec<(NaiveDate, bool, bool)>,
    /// Each loss (dealership-wide only): the customer, the day they became lost, came back.
    losses: Vec<(i64, NaiveDate, bool)>,
    /// Each event that ended (dealership-wide only): its last day and its results.
    campaigns: Vec<(NaiveDate, Results)>,
}

impl Facts {
    fn read(
        conn: &(impl Read + ?Sized),
        from: NaiveDate,
        to: NaiveDate,
        advisor: Option<StaffId>,
        today: NaiveDate,
    ) -> Result<Facts> {
        let adv = advisor.map(|a| a.0);
        let (losses, campaigns) = match advisor {
            None => (
                losses(conn, from, to, today)?,
                ended_campaigns(conn, from, to)?
                    .into_iter()
                    .map(|(id, ends_on)| Ok((ends_on, campaigns::results(conn, id)?)))
                    .collect::<Result<_>>()?,
            ),
            Some(_) => (Vec::new(), Vec::new()),
        };
        Ok(Facts {
            complaints: complaint_facts(conn, from, to, adv)?,
            decided: decided(conn, day_start(from), day_start(next_day(to)), adv)?,
            care: care_funnel(conn, from, to, adv)?,
            losses,
            campaigns,
        })
    }
}

/// The figure of `key` from a period's counts: the one place the store turns
/// counts into figures, through the domain's formulas.
fn figure(key: KpiKey, c: &Counts) -> Figure {
    match key {
        KpiKey::Csi => Figure::value(kpi::csi_of_sum(c.csi_sum, c.surveys).map(|v| f64::from(v) / 100.0)),
        KpiKey::CallsInWindow => Figure::share(kpi::calls_in_window(c.calls_in_window, c.calls_due)),
        KpiKey::ReachRate => Figure::share(kpi::reach_rate(c.calls_reached, c.calls_closed)),
        KpiKey::OneTimeResolution => {
            Figure::share(kpi::one_time_resolution(c.complaints_one_time, c.complaints_closed))
        }
        KpiKey::EscalationRate => Figure::share(kpi::escalation_rate(c.complaints_escalated, c.complaints)),
        KpiKey::MinutesToAssign => {
            Figure::value(kpi::median_minutes(c.minutes_to_assign.clone()).map(|m| m as f64))
        }
        KpiKey::MinutesToClose => {
            Figure::value(kpi::median_minutes(c.minutes_to_close.clone()).map(|m| m as f64))
        }
        KpiKey::ShowRate => Figure::share(kpi::show_rate(c.shown, c.no_shows)),
        KpiKey::OnTimeHandover => Figure::share(kpi::on_time_handover(c.on_time, c.handed_over)),
        KpiKey::RepairOrders => Figure::count(c.handed_over),
        KpiKey::Revenue => Figure::fen(Some(Fen(c.revenue))),
        KpiKey::AveragePerOrder => Figure::fen(kpi::average_per_order(Fen(c.revenue), c.handed_over)),
        KpiKey::ExtraWorkApproval => Figure::share(kpi::extra_work_approval(c.approved, c.declined)),
        KpiKey::DeclinedRecovered => Figure::share(kpi::declined_recovered(c.recovered, c.declined)),
        KpiKey::CareBooked => Figure::share(kpi::care_conversion(c.care_reached, c.care_booked, 0).booked),
        KpiKey::CareVisited => {
            Figure::share(kpi::care_conversion(c.care_reached, c.care_booked, c.care_visited).visited)
        }
        KpiKey::CampaignAttendance => {
            Figure::share(c.campaigns.as_ref().and_then(|k| kpi::campaign_attendance(k.attended, k.invited)))
        }
        KpiKey::CampaignRevenue => {
            Figure::fen(c.campaigns.as_ref().filter(|k| k.events > 0).map(|k| Fen(k.revenue)))
        }
        KpiKey::CampaignReturn => Figure::value(
            c.campaigns
                .as_ref()
                .and_then(|k| kpi::return_on_budget(Fen(k.revenue), Fen(k.cost)))
                .map(f64::from),
        ),
        KpiKey::CustomersLost => Figure::value(c.lost.map(|(lost, _)| f64::from(lost))),
        KpiKey::CustomersBack => Figure::share(c.lost.and_then(|(lost, back)| kpi::came_back(back, lost))),
    }
}

/// The dealer's targets, from the existing settings; the complaint targets are the only ones set today.
fn targets(conn: &(impl Read + ?Sized)) -> Result<HashMap<KpiKey, f64>> {
    let limits = complaints::limits(conn)?;
    Ok(HashMap::from([
        (KpiKey::OneTimeResolution, f64::from(limits.one_time_target_percent)),
        (KpiKey::EscalationRate, f64::from(limits.escalation_target_percent)),
    ]))
}

// ---------------------------------------------------------------------------
// The reads

/// The dashboard for `query` as of `now`.
pub fn dashboard(conn: &(impl Read + ?Sized), query: &ReportQuery, now: Now) -> Result<Dashboard> {
    check(query, now.today)?;
    let today = now.today;
    let (from, to, advisor) = (query.from, query.to, query.advisor);
    // The earliest day any of the periods below begins, a year before which a loss in them starts.
    let earliest = previous(from, to).0.min(year_before(from)).min(month_start(to) - Months::new(11));
    let facts = Facts::read(conn, earliest, month_end(to), advisor, today)?;
    // The current period, the one before, a year ago, then the twelve months of the trend.
    let firsts: Vec<NaiveDate> = (0..12).rev().map(|back| month_start(to) - Months::new(back)).collect();
    let mut periods = vec![(from, to), previous(from, to), (year_before(from), year_before(to))];
    periods.extend(firsts.iter().map(|&first| (first, month_end(first))));
    let mut counted = period_counts(conn, &periods, advisor.map(|a| a.0), today)?
        .into_iter()
        .zip(&periods)
        .map(|(c, &(pf, pt))| count_period(c, pf, pt, advisor, &facts));
    let mut next = || counted.next().unwrap_or_default();
    let (current, previous, year_ago) = (next(), next(), next());
    let months: Vec<(String, Counts)> =
        firsts.iter().map(|first| (first.format("%Y-%m").to_string(), next())).collect();
    let targets = targets(conn)?;
    let cards = KpiKey::ALL
        .into_iter()
        .map(|key| {
            KpiCard::new(
                key,
                [figure(key, &current), figure(key, &previous), figure(key, &year_ago)],
                targets.get(&key).copied(),
                months
                    .iter()
                    .map(|(month, counts)| MonthFigure { month: month.clone(), figure: figure(key, counts) })
                    .collect(),
            )
        })
        .collect();
    Ok(Dashboard { from, to, advisor, cards })
}

/// Each advisor's figures for the period, side by side: every active advisor,
/// and anyone else whose visits count in it. With `query.advisor`, that row only.
pub fn advisor_league(conn: &(impl Read + ?Sized), query: &ReportQuery, now: Now) -> Result<Vec<LeagueRow>> {
    check(query, now.today)?;
    let mut advisors: Vec<(StaffId, String)> = staff::list(conn)?
        .into_iter()
        .filter(|m| m.active && m.role == Role::ServiceAdvisor)
        .map(|m| (m.id, m.name))
        .collect();
    for r in conn.rows(
        "SELECT DISTINCT a.id, a.name FROM visits v JOIN staff a ON a.id = v.advisor_id
         WHERE v.handed_over_local >= ?1 AND v.handed_over_local < ?2 AND v.imported = 0",
        params![day_start(query.from), day_start(next_day(query.to))],
    )? {
        let id = StaffId(r.get("id")?);
        if !advisors.iter().any(|(a, _)| *a == id) {
            advisors.push((id, r.get("name")?));
        }
    }
    if let Some(only) = query.advisor {
        advisors.retain(|(a, _)| *a == only);
    }
    advisors.sort_by(|a, b| a.1.cmp(&b.1));
    advisors
        .into_iter()
        .map(|(id, name)| {
            let facts = Facts::read(conn, query.from, query.to, Some(id), now.today)?;
            let counted = period_counts(conn, &[(query.from, query.to)], Some(id.0), now.today)?;
            let c = count_period(
                counted.into_iter().next().unwrap_or_default(),
                query.from,
                query.to,
                Some(id),
                &facts,
            );
            Ok(LeagueRow {
                advisor_id: id,
                advisor_name: name,
                csi: figure(KpiKey::Csi, &c),
                show_rate: figure(KpiKey::ShowRate, &c),
                on_time_handover: figure(KpiKey::OnTimeHandover, &c),
                extra_work_approval: figure(KpiKey::ExtraWorkApproval, &c),
                complaints: c.complaints,
            })
        })
        .collect()
}

fn visit_records(
    conn: &(impl Read + ?Sized),
    condition: &str,
    on: &str,
    query: &ReportQuery,
) -> Result<Vec<ReportRecord>> {
    let sql = format!(
        "SELECT v.id, v.number, c.name AS customer_name, v.{on} AS at FROM visits v JOIN customers c ON c.id = v.customer_id
         WHERE v.{on} >= ?1 AND v.{on} < ?2 AND v.imported = 0 AND (CAST(?3 AS BIGINT) IS NULL OR v.advisor_id = ?3)
           AND {condition}
         ORDER BY v.{on}, v.id"
    );
    conn.rows(
        &sql,
        params![day_start(query.from), day_start(next_day(query.to)), query.advisor.map(|a| a.0)],
    )?
    .iter()
    .map(|r| {
        Ok(ReportRecord {
            kind: RecordKind::Visit,
            id: r.get("id")?,
            number: r.get("number")?,
            customer_name: r.get("customer_name")?,
            on: r.get::<NaiveDateTime>("at")?.date(),
        })
    })
    .collect()
}

fn complaint_records(
    conn: &(impl Read + ?Sized),
    condition: &str,
    query: &ReportQuery,
) -> Result<Vec<ReportRecord>> {
    let sql = format!(
        "SELECT k.id, k.number, c.name AS customer_name, k.received_on FROM complaints k
         JOIN customers c ON c.id = k.customer_id LEFT JOIN visits v ON v.id = k.visit_id
         WHERE k.received_on >= ?1 AND k.received_on <= ?2 AND (CAST(?3 AS BIGINT) IS NULL OR v.advisor_id = ?3)
           AND {condition}
         ORDER BY k.received_on, k.id"
    );
    conn.rows(&sql, params![query.from, query.to, query.advisor.map(|a| a.0)])?
        .iter()
        .map(|r| {
            Ok(ReportRecord {
                kind: RecordKind::Complaint,
                id: r.get("id")?,
                number: r.get("number")?,
                customer_name: r.get("customer_name")?,
                on: r.get("received_on")?,
            })
        })
        .collect()
}

fn call_records(
    conn: &(impl Read + ?Sized),
    condition: &str,
    query: &ReportQuery,
    today: NaiveDate,
) -> Result<Vec<ReportRecord>> {
    let sql = format!(
        "SELECT f.id, v.number, c.name AS customer_name, f.due_from FROM follow_up_calls f
         JOIN visits v ON v.id = f.visit_id JOIN customers c ON c.id = f.customer_id
         WHERE f.due_from >= ?1 AND f.due_from <= ?2 AND v.imported = 0
           AND (CAST(?3 AS BIGINT) IS NULL OR v.advisor_id = ?3) AND {condition}
         ORDER BY f.due_from, f.id"
    );
    conn.rows(&sql, params![query.from, query.to, query.advisor.map(|a| a.0), today])?
        .iter()
        .map(|r| {
            Ok(ReportRecord {
                kind: RecordKind::FollowUpCall,
                id: r.get("id")?,
                number: r.get("number")?,
                customer_name: r.get("customer_name")?,
                on: r.get("due_from")?,
            })
        })
        .collect()
}

/// The records behind a figure of the period: what the figure counts against
/// itself — the escalated complaints, the no-shows, the calls out of their
/// window, the late handovers, the declined work — each with its id for its page.
pub fn dashboard_records(
    conn: &(impl Read + ?Sized),
    query: &ReportQuery,
    kpi: KpiKey,
    now: Now,
) -> Result<Vec<ReportRecord>> {
    check(query, now.today)?;
    match kpi {
        KpiKey::Csi => visit_records(
            conn,
            "EXISTS (SELECT 1 FROM follow_up_surveys s WHERE s.visit_id = v.id)",
            "handed_over_local",
            query,
        ),
        KpiKey::CallsInWindow => call_records(
            conn,
            "(f.status <> 'open' OR f.due_to < ?4) AND NOT (f.status = 'completed' AND f.closed_on <= f.due_to)",
            query,
            now.today,
        ),
        KpiKey::ReachRate => call_records(conn, "f.status = 'unreachable' AND f.closed_on <= ?4", query, now.today),
        KpiKey::OneTimeResolution => complaint_records(
            conn,
            "k.closed_at IS NOT NULL AND (k.reopened = 1
                OR EXISTS (SELECT 1 FROM complaint_escalations e WHERE e.complaint_id = k.id))",
            query,
        ),
        KpiKey::EscalationRate => complaint_records(
            conn,
            "EXISTS (SELECT 1 FROM complaint_escalations e WHERE e.complaint_id = k.id)",
            query,
        ),
        KpiKey::MinutesToAssign | KpiKey::MinutesToClose => complaint_records(conn, "1 = 1", query),
        KpiKey::ShowRate => visit_records(conn, "v.state = 'no_show'", "appointment_at", query),
        KpiKey::OnTimeHandover => visit_records(conn, "v.on_time = 0", "handed_over_local", query),
        KpiKey::RepairOrders | KpiKey::Revenue | KpiKey::AveragePerOrder => {
            visit_records(conn, "1 = 1", "handed_over_local", query)
        }
        KpiKey::ExtraWorkApproval | KpiKey::DeclinedRecovered => visit_records(
            conn,
            "EXISTS (SELECT 1 FROM extra_work e WHERE e.visit_id = v.id AND e.status = 'declined')",
            "handed_over_local",
            query,
        ),
        KpiKey::CareBooked | KpiKey::CareVisited => conn
            .rows(
                "SELECT k.id, c.name AS customer_name, k.kind, k.closed_on FROM care_calls k
                 JOIN customers c ON c.id = k.customer_id
                 WHERE k.status = 'completed' AND k.closed_on >= ?1 AND k.closed_on <= ?2 ORDER BY k.closed_on, k.id",
                params![query.from, query.to],
            )?
            .iter()
            .map(|r| {
                Ok(ReportRecord {
                    kind: RecordKind::CareCall,
                    id: r.get("id")?,
                    number: r.get("kind")?,
                    customer_name: r.get("customer_name")?,
                    on: r.get("closed_on")?,
                })
            })
            .collect(),
        KpiKey::CampaignAttendance | KpiKey::CampaignRevenue | KpiKey::CampaignReturn => {
            if query.advisor.is_some() {
                return Ok(Vec::new());
            }
            ended_campaigns(conn, query.from, query.to)?
                .into_iter()
                .map(|(id, _)| {
                    let c = campaigns::get(conn, id)?;
                    Ok(ReportRecord {
                        kind: RecordKind::Campaign,
                        id: id.0,
                        number: c.theme,
                        customer_name: String::new(),
                        on: c.ends_on,
                    })
                })
                .collect()
        }
        KpiKey::CustomersLost | KpiKey::CustomersBack => {
            if query.advisor.is_some() {
                return Ok(Vec::new());
            }
            let losses = losses(conn, query.from, query.to, now.today)?;
            let mut out = Vec::new();
            for (customer, lost_on, back) in losses {
                if kpi == KpiKey::CustomersBack && !back {
                    continue;
                }
                let name: String =
                    conn.one("SELECT name FROM customers WHERE id = ?1", params![customer])?.get("name")?;
                out.push(ReportRecord {
                    kind: RecordKind::Customer,
                    id: customer,
                    number: String::new(),
                    customer_name: name,
                    on: lost_on,
                });
            }
            Ok(out)
        }
    }
}
