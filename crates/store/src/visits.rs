//! The `visits` aggregate: a visit with its repair-order lines, extra work,
//! quality checks and timeline (`visit_steps`), plus the follow-up call
//! handover creates. Every state change goes through a `Transition` the
//! domain's step functions made; this module only persists it.
//!
//! Two desks may write at once on PostgreSQL, where SQLite's single writer
//! serialised everything: each write first locks what its check-then-write
//! depends on (`get_for_update`, `lock`), so the rules hold on both engines.
//! A save from a form (the repair order, the reception, the preparation
//! checklist, a reschedule, the technician) carries the visit's `updatedAt` as
//! its version and is refused as `stale` after someone else's change; the
//! steps the state table guards (a second quality check or handover finds the
//! visit moved on) carry none.

use caredesk_domain::audit::{AuditAction, AuditEntity, FieldChange};
use caredesk_domain::board::{
    AdvisorShowRate, AppointmentBoard, BoardAdvisor, DayLoad, DeclinedWork, OnTime, ShowRate, VehicleVisits,
    WorkshopBoard,
};
use caredesk_domain::settings::ServiceSettings;
use caredesk_domain::staff::StaffMember;
use caredesk_domain::visit::{
    self, Booking, ExtraWork, ExtraWorkInput, ExtraWorkStatus, Handover, HandoverInput, LineInput, Order,
    OrderInput, OrderLine, Preparation, QcCheck, QcInput, Reception, StateChange, Step, Transition, Visit,
    VisitState, VisitSummary, WalkIn,
};
use caredesk_domain::{
    Action, Actor, CustomerId, ErrorKind, ExtraWorkId, Fen, Issue, LineId, RecordRef, Role, StaffId,
    VehicleId, VisitId,
};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rusqlite::params;
use serde_json::json;

use crate::audit::{self, Change};
use crate::engine::{Params, Read, Row, Write};
use crate::error::{Result, StoreError};
use crate::sql::{enum_text, parse_enum};
use crate::{Now, customers, locks, settings, staff, vehicles, versions};

// ---------------------------------------------------------------------------
// Reading

const SUMMARY_SELECT: &str = "SELECT v.id, v.number, v.state, v.walk_in, v.customer_id,
        c.name AS customer_name, c.mobile AS customer_mobile, v.vehicle_id, vh.plate,
        vh.brand || ' ' || vh.model AS vehicle_label, v.advisor_id, a.name AS advisor_name,
        t.name AS technician_name, v.appointment_at, v.expected_minutes, v.requested_work, v.replacement_car,
        v.parts_ready, v.order_prefilled, v.advisor_available, v.replacement_car_ready,
        v.promised_at, v.received_at, v.handed_over_at, v.total_fen, v.imported, v.imported_advisor,
        v.source_number,
        (SELECT count(*) FROM extra_work e WHERE e.visit_id = v.id AND e.status = 'awaiting_approval')
            AS extra_work_waiting
     FROM visits v
     JOIN customers c ON c.id = v.customer_id
     JOIN vehicles vh ON vh.id = v.vehicle_id
     JOIN staff a ON a.id = v.advisor_id
     LEFT JOIN staff t ON t.id = v.technician_id";

fn summary_from_row(row: &Row, now: NaiveDateTime) -> Result<VisitSummary> {
    let state: VisitState = parse_enum(&row.get::<String>("state")?)?;
    let preparation = Preparation {
        parts_ready: row.get("parts_ready")?,
        order_prefilled: row.get("order_prefilled")?,
        advisor_available: row.get("advisor_available")?,
        replacement_car_ready: row.get("replacement_car_ready")?,
    };
    let replacement_car: bool = row.get("replacement_car")?;
    let promised_at: Option<NaiveDateTime> = row.get("promised_at")?;
    Ok(VisitSummary {
        id: VisitId(row.get("id")?),
        number: row.get("number")?,
        state,
        walk_in: row.get("walk_in")?,
        customer_id: CustomerId(row.get("customer_id")?),
        customer_name: row.get("customer_name")?,
        customer_mobile: row.get("customer_mobile")?,
        vehicle_id: VehicleId(row.get("vehicle_id")?),
        plate: row.get("plate")?,
        vehicle_label: row.get("vehicle_label")?,
        advisor_id: StaffId(row.get("advisor_id")?),
        advisor_name: row.get("advisor_name")?,
        technician_name: row.get("technician_name")?,
        appointment_at: row.get("appointment_at")?,
        expected_minutes: row.get("expected_minutes")?,
        requested_work: row.get("requested_work")?,
        replacement_car,
        unprepared: if state.is_appointment() { preparation.missing(replacement_car) } else { Vec::new() },
        promised_at,
        received_at: row.get("received_at")?,
        handed_over_at: row.get("handed_over_at")?,
        overdue: caredesk_domain::visit::overdue(state, promised_at, now),
        total: Fen(row.get("total_fen")?),
        extra_work_waiting: row.get("extra_work_waiting")?,
        imported: row.get("imported")?,
        imported_advisor: row.get("imported_advisor")?,
        source_number: row.get("source_number")?,
    })
}

fn summaries(
    conn: &(impl Read + ?Sized),
    filter: &str,
    params: Params<'_>,
    now: NaiveDateTime,
) -> Result<Vec<VisitSummary>> {
    conn.rows(&format!("{SUMMARY_SELECT} WHERE {filter}"), params)?
        .iter()
        .map(|row| summary_from_row(row, now))
        .collect()
}

fn line_from_row(row: &Row) -> Result<OrderLine> {
    Ok(OrderLine {
        id: LineId(row.get("id")?),
        kind: parse_enum(&row.get::<String>("kind")?)?,
        description: row.get("description")?,
        part_number: row.get("part_number")?,
        quantity_centi: row.get("quantity_centi")?,
        unit_price: Fen(row.get("unit_price_fen")?),
        genuine: row.get("genuine")?,
        amount: Fen(row.get("amount_fen")?),
        extra_work_id: row.get::<Option<i64>>("extra_work_id")?.map(ExtraWorkId),
        explained: row.get("explained")?,
    })
}

fn lines(conn: &(impl Read + ?Sized), visit: VisitId) -> Result<Vec<OrderLine>> {
    conn.rows(
        "SELECT id, kind, description, part_number, quantity_centi, unit_price_fen, genuine, amount_fen,
                extra_work_id, explained
         FROM order_lines WHERE visit_id = ?1 ORDER BY extra_work_id IS NOT NULL, extra_work_id, position",
        params![visit.0],
    )?
    .iter()
    .map(line_from_row)
    .collect()
}

fn extra_work_from_row(row: &Row, lines: &[OrderLine]) -> Result<ExtraWork> {
    let id = ExtraWorkId(row.get("id")?);
    let own: Vec<OrderLine> = lines.iter().filter(|l| l.extra_work_id == Some(id)).cloned().collect();
    let amount = Fen(own.iter().map(|l| l.amount.0).sum());
    Ok(ExtraWork {
        id,
        description: row.get("description")?,
        status: parse_enum(&row.get::<String>("status")?)?,
        found_by: row.get("found_by")?,
        found_at: row.get("found_at")?,
        decided_at: row.get("decided_at")?,
        note: row.get("note")?,
        lines: own,
        amount,
    })
}

fn extra_work(conn: &(impl Read + ?Sized), visit: VisitId, lines: &[OrderLine]) -> Result<Vec<ExtraWork>> {
    conn.rows(
        "SELECT id, description, status, found_by, found_at, decided_at, note
         FROM extra_work WHERE visit_id = ?1 ORDER BY id",
        params![visit.0],
    )?
    .iter()
    .map(|row| extra_work_from_row(row, lines))
    .collect()
}

fn qc_from_row(row: &Row) -> Result<QcCheck> {
    let id: i64 = row.get("id")?;
    let items: String = row.get("items")?;
    Ok(QcCheck {
        id,
        inspector: row.get("inspector_name")?,
        at: row.get("at")?,
        passed: row.get("passed")?,
        items: serde_json::from_str(&items)
            .map_err(|e| StoreError::Corrupt(format!("quality check {id}: {e}")))?,
        parking_location: row.get("parking_location")?,
    })
}

fn qc_checks(conn: &(impl Read + ?Sized), visit: VisitId) -> Result<Vec<QcCheck>> {
    conn.rows(
        "SELECT id, inspector_name, at, passed, items, parking_location FROM qc_checks
         WHERE visit_id = ?1 ORDER BY id",
        params![visit.0],
    )?
    .iter()
    .map(qc_from_row)
    .collect()
}

fn step_from_row(row: &Row) -> Result<StateChange> {
    Ok(StateChange {
        step: parse_enum(&row.get::<String>("step")?)?,
        state: parse_enum(&row.get::<String>("state")?)?,
        at: row.get("at")?,
        by: row.get("staff_name")?,
    })
}

fn timeline(conn: &(impl Read + ?Sized), visit: VisitId) -> Result<Vec<StateChange>> {
    conn.rows(
        "SELECT step, state, at, staff_name FROM visit_steps WHERE visit_id = ?1 ORDER BY id",
        params![visit.0],
    )?
    .iter()
    .map(step_from_row)
    .collect()
}

const VISIT_SELECT: &str =
    "SELECT v.id, v.number, v.state, v.walk_in, v.customer_id, c.name AS customer_name,
        c.mobile AS customer_mobile, v.vehicle_id, vh.plate, vh.vin,
        vh.brand || ' ' || vh.model AS vehicle_label, v.advisor_id, a.name AS advisor_name,
        v.appointment_at, v.expected_minutes, v.requested_work, v.concerns, v.replacement_car,
        v.parts_ready, v.order_prefilled, v.advisor_available, v.replacement_car_ready,
        v.cancel_reason, v.reception, v.promised_at, v.confirmed_at, v.estimate_fen,
        v.tax_basis_points, v.technician_id, t.name AS technician_name, v.invoice_number,
        v.payment_method, v.amount_paid_fen, v.next_service_date, v.next_service_km,
        v.handed_over_at, v.handed_over_by, f.due_from, f.due_to, v.created_at, v.updated_at
     FROM visits v
     JOIN customers c ON c.id = v.customer_id
     JOIN vehicles vh ON vh.id = v.vehicle_id
     JOIN staff a ON a.id = v.advisor_id
     LEFT JOIN staff t ON t.id = v.technician_id
     LEFT JOIN follow_up_calls f ON f.visit_id = v.id";

/// A `visits` row with its joined names: the visit without its lines, extra
/// work, quality checks, timeline and totals, which `get` adds.
fn from_row(r: &Row) -> Result<Visit> {
    let id = VisitId(r.get("id")?);
    let reception: Option<Reception> = r
        .get::<Option<String>>("reception")?
        .map(|json| serde_json::from_str(&json))
        .transpose()
        .map_err(|e| StoreError::Corrupt(format!("visit {id} reception: {e}")))?;
    let next_service_date: Option<NaiveDate> = r.get("next_service_date")?;
    let next_service_km: Option<u32> = r.get("next_service_km")?;
    let handover = match (
        r.get::<Option<String>>("invoice_number")?,
        r.get::<Option<String>>("payment_method")?,
        r.get::<Option<i64>>("amount_paid_fen")?,
        r.get("handed_over_at")?,
        r.get::<Option<String>>("handed_over_by")?,
    ) {
        (Some(invoice_number), Some(method), Some(paid), Some(at), Some(by)) => Some(Handover {
            invoice_number,
            next_service_date,
            next_service_km,
            payment_method: parse_enum(&method)?,
            amount_paid: Fen(paid),
            handed_over_at: at,
            handed_over_by: by,
        }),
        _ => None,
    };
    let due_from: Option<NaiveDate> = r.get("due_from")?;
    let due_to: Option<NaiveDate> = r.get("due_to")?;
    Ok(Visit {
        id,
        number: r.get("number")?,
        state: parse_enum(&r.get::<String>("state")?)?,
        walk_in: r.get("walk_in")?,
        customer_id: CustomerId(r.get("customer_id")?),
        customer_name: r.get("customer_name")?,
        customer_mobile: r.get("customer_mobile")?,
        vehicle_id: VehicleId(r.get("vehicle_id")?),
        plate: r.get("plate")?,
        vin: r.get("vin")?,
        vehicle_label: r.get("vehicle_label")?,
        advisor_id: StaffId(r.get("advisor_id")?),
        advisor_name: r.get("advisor_name")?,
        appointment_at: r.get("appointment_at")?,
        expected_minutes: r.get("expected_minutes")?,
        requested_work: r.get("requested_work")?,
        concerns: r.get("concerns")?,
        replacement_car: r.get("replacement_car")?,
        preparation: Preparation {
            parts_ready: r.get("parts_ready")?,
            order_prefilled: r.get("order_prefilled")?,
            advisor_available: r.get("advisor_available")?,
            replacement_car_ready: r.get("replacement_car_ready")?,
        },
        cancel_reason: r.get("cancel_reason")?,
        reception,
        order: Order {
            lines: Vec::new(),
            promised_at: r.get("promised_at")?,
            confirmed_at: r.get("confirmed_at")?,
            estimate: r.get::<Option<i64>>("estimate_fen")?.map(Fen),
            tax_basis_points: r.get("tax_basis_points")?,
        },
        technician_id: r.get::<Option<i64>>("technician_id")?.map(StaffId),
        technician_name: r.get("technician_name")?,
        extra_work: Vec::new(),
        qc_checks: Vec::new(),
        handover,
        follow_up_due: due_from.zip(due_to),
        totals: Default::default(),
        timeline: Vec::new(),
        created_at: r.get("created_at")?,
        updated_at: r.get("updated_at")?,
        overdue: false,
    })
}

/// A visit with everything the visit page and the printed papers show.
pub fn get(conn: &(impl Read + ?Sized), id: VisitId) -> Result<Visit> {
    let row = conn
        .optional(&format!("{VISIT_SELECT} WHERE v.id = ?1"), params![id.0])?
        .ok_or(StoreError::NotFound { what: "visit", id: id.0 })?;
    let mut visit = from_row(&row)?;
    visit.order.lines = lines(conn, id)?;
    visit.extra_work = extra_work(conn, id, &visit.order.lines)?;
    visit.qc_checks = qc_checks(conn, id)?;
    visit.timeline = timeline(conn, id)?;
    visit.totals = visit::totals(visit.counted_lines(), visit.order.tax_basis_points);
    Ok(visit)
}

/// A vehicle's visits, newest first, and the extra work its owners declined.
pub fn of_vehicle(conn: &(impl Read + ?Sized), vehicle: VehicleId, now: Now) -> Result<VehicleVisits> {
    let visits =
        summaries(conn, "v.vehicle_id = ?1 ORDER BY v.id DESC LIMIT 500", params![vehicle.0], now.local)?;
    let declined_work = conn
        .rows(
            "SELECT e.id, e.visit_id, v.number, e.description,
                    (SELECT CAST(coalesce(sum(amount_fen), 0) AS BIGINT) FROM order_lines l
                     WHERE l.extra_work_id = e.id) AS amount_fen,
                    e.decided_at
             FROM extra_work e JOIN visits v ON v.id = e.visit_id
             WHERE v.vehicle_id = ?1 AND e.status = 'declined' ORDER BY e.decided_at DESC",
            params![vehicle.0],
        )?
        .iter()
        .map(|r| {
            Ok(DeclinedWork {
                id: ExtraWorkId(r.get("id")?),
                visit_id: VisitId(r.get("visit_id")?),
                visit_number: r.get("number")?,
                description: r.get("description")?,
                amount: Fen(r.get("amount_fen")?),
                declined_at: r.get("decided_at")?,
            })
        })
        .collect::<Result<_>>()?;
    Ok(VehicleVisits { visits, declined_work })
}

/// A customer's visits, newest first.
/// Every visit, oldest first: the archive's export.
pub fn all(conn: &(impl Read + ?Sized), now: Now) -> Result<Vec<VisitSummary>> {
    summaries(conn, "1 = 1 ORDER BY v.id", params![], now.local)
}

pub fn of_customer(conn: &(impl Read + ?Sized), customer: CustomerId, now: Now) -> Result<Vec<VisitSummary>> {
    summaries(conn, "v.customer_id = ?1 ORDER BY v.id DESC LIMIT 500", params![customer.0], now.local)
}

fn day_start(date: NaiveDate) -> NaiveDateTime {
    date.and_time(chrono::NaiveTime::MIN)
}

/// The workshop's load on `date` (issue 16, item 8): every vehicle in the
/// workshop that day, not only the appointments — the day's appointments still
/// to come or come, on `today` the vehicles in the shop whatever day they came,
/// and the vehicles handed over that day. Each weighs its repair order's labour
/// hours (extra work once approved) once there are any, else the time expected
/// at booking. A vehicle is counted once however many of these it is.
fn booked_minutes(conn: &(impl Read + ?Sized), date: NaiveDate, today: NaiveDate) -> Result<u32> {
    let minutes: i64 = conn
        .one(
            "SELECT CAST(coalesce(sum(coalesce(
                        (SELECT sum(l.quantity_centi) * 60 / 100 FROM order_lines l
                         LEFT JOIN extra_work e ON e.id = l.extra_work_id
                         WHERE l.visit_id = v.id AND l.kind = 'labour'
                           AND (l.extra_work_id IS NULL OR e.status = 'approved')),
                        v.expected_minutes)), 0) AS BIGINT) AS minutes
             FROM visits v
             WHERE v.imported = 0
               AND ((v.appointment_at >= ?1 AND v.appointment_at < ?2 AND v.state NOT IN ('cancelled', 'no_show'))
                    OR (CAST(?3 AS BIGINT) = 1 AND v.state IN ('received', 'in_repair', 'quality_check', 'ready'))
                    OR (v.handed_over_local >= ?1 AND v.handed_over_local < ?2))",
            params![day_start(date), day_start(date + chrono::Days::new(1)), i64::from(date == today)],
        )?
        .get("minutes")?;
    Ok(u32::try_from(minutes).unwrap_or(u32::MAX))
}

fn load(
    conn: &(impl Read + ?Sized),
    date: NaiveDate,
    today: NaiveDate,
    settings: &ServiceSettings,
) -> Result<DayLoad> {
    Ok(DayLoad {
        date,
        booked_minutes: booked_minutes(conn, date, today)?,
        capacity_minutes: settings.workshop_hours.saturating_mul(60),
    })
}

/// The appointment board for `days` days from `from`: a column per advisor,
/// the slots, the appointments, the load and the show rates.
pub fn board(conn: &(impl Read + ?Sized), from: NaiveDate, days: u32, now: Now) -> Result<AppointmentBoard> {
    let settings = settings::service(conn)?;
    let days = days.clamp(1, 31);
    let until = from + chrono::Days::new(u64::from(days));
    let visits = summaries(
        conn,
        "v.appointment_at >= ?1 AND v.appointment_at < ?2 ORDER BY v.appointment_at, a.name",
        params![day_start(from), day_start(until)],
        now.local,
    )?;
    let mut advisors: Vec<BoardAdvisor> = staff::list(conn)?
        .into_iter()
        .filter(|m| m.active && m.role == Role::ServiceAdvisor)
        .map(|m| {
            let (from, to) = settings.hours_of(m.id);
            BoardAdvisor { id: m.id, name: m.name, from, to }
        })
        .collect();
    // A manager or a since-disabled advisor with appointments still gets a column.
    for v in &visits {
        if !advisors.iter().any(|a| a.id == v.advisor_id) {
            let (from, to) = settings.hours_of(v.advisor_id);
            advisors.push(BoardAdvisor { id: v.advisor_id, name: v.advisor_name.clone(), from, to });
        }
    }
    let mut load_by_day = Vec::new();
    let mut show_rates = Vec::new();
    for offset in 0..days {
        let date = from + chrono::Days::new(u64::from(offset));
        load_by_day.push(load(conn, date, now.today, &settings)?);
        for advisor in &advisors {
            let of_day = visits.iter().filter(|v| {
                v.advisor_id == advisor.id
                    && v.appointment_at.is_some_and(|at| at.date() == date)
                    && v.state != VisitState::Cancelled
            });
            let mut rate = ShowRate { date, advisor_id: advisor.id, booked: 0, shown: 0, no_shows: 0 };
            for v in of_day {
                rate.booked += 1;
                match v.state {
                    VisitState::NoShow => rate.no_shows += 1,
                    VisitState::Booked | VisitState::Prepared => {}
                    _ => rate.shown += 1,
                }
            }
            if rate.booked > 0 {
                show_rates.push(rate);
            }
        }
    }
    let show_rate_to_date =
        advisors.iter().filter_map(|a| AdvisorShowRate::to_date(a.id, &show_rates, now.today)).collect();
    Ok(AppointmentBoard {
        now: now.local,
        from,
        days,
        slot_minutes: settings.slot_minutes,
        slots: settings.slots(),
        advisors,
        visits,
        load: load_by_day,
        show_rates,
        show_rate_to_date,
    })
}

/// The handovers between the days and how many were on time; imported past
/// visits were not CareDesk's handovers and are not counted.
fn on_time(conn: &(impl Read + ?Sized), since: NaiveDate, until: NaiveDate) -> Result<OnTime> {
    let row = conn.one(
        "SELECT count(*) AS handed_over, CAST(coalesce(sum(on_time), 0) AS BIGINT) AS on_time_count FROM visits
         WHERE handed_over_local >= ?1 AND handed_over_local < ?2 AND imported = 0",
        params![day_start(since), day_start(until)],
    )?;
    let (handed_over, on_time): (i64, i64) = (row.get("handed_over")?, row.get("on_time_count")?);
    Ok(OnTime::new(u32::try_from(handed_over).unwrap_or(0), u32::try_from(on_time).unwrap_or(0)))
}

/// Today's workshop: every vehicle at the dealership by stage, today's handovers,
/// and the on-time handover rate. An imported past visit is never on it, even
/// one the old system dated today.
pub fn workshop(conn: &(impl Read + ?Sized), now: Now) -> Result<WorkshopBoard> {
    let settings = settings::service(conn)?;
    let today = now.today;
    let tomorrow = today + chrono::Days::new(1);
    let visits = summaries(
        conn,
        "v.state IN ('received', 'in_repair', 'quality_check', 'ready')
            OR (v.handed_over_local >= ?1 AND v.handed_over_local < ?2 AND v.imported = 0)
         ORDER BY v.promised_at IS NULL, v.promised_at, v.id",
        params![day_start(today), day_start(tomorrow)],
        now.local,
    )?;
    Ok(WorkshopBoard {
        now: now.local,
        today,
        visits,
        on_time_today: on_time(conn, today, tomorrow)?,
        on_time_30_days: on_time(conn, today - chrono::Days::new(29), tomorrow)?,
        load_today: load(conn, today, today, &settings)?,
    })
}

// ---------------------------------------------------------------------------
// Writing

/// The visit, its row locked until the transaction ends (`locks::row`): two desks
/// changing one visit take turns, each checking it as the other left it.
///
/// A save from a form passes the `updatedAt` the form was filled from as its
/// `version`: when someone else changed the visit since, the save is refused as
/// `stale` (`versions`), naming who and when. Every write to the visit stamps
/// it with the `updated_at` returned here, later than the one read, so a
/// version is never handed out twice.
fn get_for_update(
    tx: &(impl Write + ?Sized),
    id: VisitId,
    version: Option<DateTime<Utc>>,
    now: Now,
) -> Result<(Visit, DateTime<Utc>)> {
    locks::row(tx, "visits", id.0)?;
    let visit = get(tx, id)?;
    let stamp = versions::check_and_stamp(
        tx,
        AuditEntity::Visit,
        "visit",
        id.0,
        visit.updated_at,
        version,
        now.instant,
    )?;
    Ok((visit, stamp))
}

fn audit_action(step: Step) -> AuditAction {
    match step {
        Step::Prepare => AuditAction::Prepared,
        Step::Receive => AuditAction::Received,
        Step::StartRepair => AuditAction::RepairStarted,
        Step::FinishRepair => AuditAction::RepairFinished,
        Step::PassQc => AuditAction::QcPassed,
        Step::FailQc => AuditAction::QcFailed,
        Step::HandOver => AuditAction::HandedOver,
        Step::FollowUp => AuditAction::FollowedUp,
        Step::NoShow => AuditAction::NoShow,
        Step::Cancel => AuditAction::Cancelled,
    }
}

fn change(field: &str, before: serde_json::Value, after: serde_json::Value) -> FieldChange {
    FieldChange { field: field.into(), before, after }
}

fn log(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    now: Now,
    visit: &Visit,
    action: AuditAction,
    changes: Vec<FieldChange>,
) -> Result<()> {
    audit::record(
        tx,
        actor,
        now,
        Change {
            entity: AuditEntity::Visit,
            entity_id: Some(visit.id.0),
            customer_id: Some(visit.customer_id),
            action,
            changes,
        },
    )
}

/// Persists a checked transition: the state (with the visit's new `stamp`), the
/// timeline, the audit trail.
fn apply(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    now: Now,
    stamp: DateTime<Utc>,
    visit: &Visit,
    transition: Transition,
    mut changes: Vec<FieldChange>,
) -> Result<()> {
    let updated = tx.run(
        "UPDATE visits SET state = ?2, updated_at = ?3 WHERE id = ?1 AND state = ?4",
        params![visit.id.0, enum_text(&transition.to()), stamp, enum_text(&transition.from())],
    )?;
    if updated != 1 {
        return Err(StoreError::Corrupt(format!(
            "visit {} changed state while it was being written",
            visit.id
        )));
    }
    tx.run(
        "INSERT INTO visit_steps (visit_id, step, state, at, staff_id, staff_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            visit.id.0,
            enum_text(&transition.step()),
            enum_text(&transition.to()),
            now.instant,
            actor.id.0,
            actor.name
        ],
    )?;
    changes.insert(0, change("state", json!(transition.from()), json!(transition.to())));
    log(tx, actor, now, visit, audit_action(transition.step()), changes)
}

/// Stamps a change to the visit's extra work or lines, which its row does not hold.
fn touch(tx: &(impl Write + ?Sized), id: VisitId, stamp: DateTime<Utc>) -> Result<()> {
    tx.run("UPDATE visits SET updated_at = ?2 WHERE id = ?1", params![id.0, stamp])?;
    Ok(())
}

/// The next repair-order number of the day: `20261122-001`. The day's numbering
/// is locked until the transaction ends, so two desks never hand out one number.
fn next_number(tx: &(impl Write + ?Sized), today: NaiveDate) -> Result<String> {
    let prefix = today.format("%Y%m%d").to_string();
    locks::advisory(tx, "visits.number", &prefix)?;
    let last: Option<String> = tx
        .one(
            "SELECT max(number) AS last FROM visits WHERE number >= ?1 AND number < ?2",
            params![format!("{prefix}-"), format!("{prefix}.")],
        )?
        .get("last")?;
    let n = last.and_then(|l| l.rsplit('-').next().and_then(|n| n.parse::<u32>().ok())).unwrap_or(0);
    Ok(format!("{prefix}-{:03}", n + 1))
}

fn check_member(
    conn: &(impl Read + ?Sized),
    field: &str,
    id: StaffId,
    roles: &[Role],
    what: &str,
) -> Result<StaffMember> {
    let member = staff::get(conn, id).map_err(|e| match e {
        StoreError::NotFound { .. } => {
            StoreError::from(Issue::new(ErrorKind::NotFound, field, format!("no staff member {}", id.0)))
        }
        other => other,
    })?;
    if !member.active {
        return Err(Issue::new(
            ErrorKind::InvalidState,
            field,
            format!("{}'s account is disabled", member.name),
        )
        .into());
    }
    if !roles.contains(&member.role) {
        return Err(Issue::new(ErrorKind::OutOfRange, field, format!("{} is not {what}", member.name)).into());
    }
    Ok(member)
}

fn check_advisor(conn: &(impl Read + ?Sized), id: StaffId) -> Result<StaffMember> {
    check_member(conn, "advisorId", id, &[Role::ServiceAdvisor, Role::ServiceManager], "a service advisor")
}

/// The customer and vehicle a visit is for: the vehicle must be theirs, neither archived.
fn check_customer_vehicle(
    conn: &(impl Read + ?Sized),
    customer: CustomerId,
    vehicle: VehicleId,
) -> Result<()> {
    let owner = customers::get(conn, customer)?;
    if owner.archived_at.is_some() {
        return Err(
            Issue::new(ErrorKind::InvalidState, "customerId", format!("{} is archived", owner.name)).into()
        );
    }
    let car = vehicles::get(conn, vehicle)?;
    if car.customer_id != customer {
        return Err(Issue::new(
            ErrorKind::InvalidState,
            "vehicleId",
            "the vehicle does not belong to this customer",
        )
        .into());
    }
    if car.archived_at.is_some() {
        return Err(Issue::new(ErrorKind::InvalidState, "vehicleId", "the vehicle is archived").into());
    }
    Ok(())
}

/// Refuses a slot the advisor already has an appointment in. The advisor's slot
/// is locked until the transaction ends, so that two desks booking it at once
/// take turns and the second is refused here (the partial unique index
/// `visits_advisor_slot` is only the last line of defence).
fn check_slot_free(
    tx: &(impl Write + ?Sized),
    advisor: &StaffMember,
    at: NaiveDateTime,
    except: Option<VisitId>,
) -> Result<()> {
    locks::advisory(tx, "visits.slot", &format!("{} {at}", advisor.id.0))?;
    let taken = tx.optional(
        "SELECT v.id AS visit_id, c.id AS customer_id, c.name AS customer_name
         FROM visits v JOIN customers c ON c.id = v.customer_id
         WHERE v.advisor_id = ?1 AND v.appointment_at = ?2 AND v.state IN ('booked', 'prepared')
           AND v.id IS DISTINCT FROM ?3",
        params![advisor.id.0, at, except.map(|v| v.0)],
    )?;
    match taken {
        None => Ok(()),
        Some(row) => {
            let (customer, name): (i64, String) = (row.get("customer_id")?, row.get("customer_name")?);
            Err(Issue::new(
                ErrorKind::Duplicate,
                "at",
                format!(
                    "{} already has an appointment at {} ({name})",
                    advisor.name,
                    at.format("%Y-%m-%d %H:%M")
                ),
            )
            .with_conflict(RecordRef { customer_id: CustomerId(customer), label: name })
            .into())
        }
    }
}

/// Books an appointment (creating the customer first when the booking brings one).
pub fn book(tx: &(impl Write + ?Sized), actor: &Actor, booking: &Booking, now: Now) -> Result<VisitId> {
    actor.require(Action::BookVisits)?;
    let settings = settings::service(tx)?;
    let mut input = booking.appointment.clone();
    if let Some(new_customer) = &booking.new_customer {
        if new_customer.vehicles.len() != 1 {
            return Err(Issue::new(
                ErrorKind::Required,
                "vehicles",
                "a new customer is booked with one vehicle",
            )
            .into());
        }
        input.customer_id = customers::create(tx, actor, new_customer, now)?;
        input.vehicle_id = vehicles::of_customer(tx, input.customer_id)?
            .first()
            .map(|v| v.id)
            .ok_or(StoreError::Corrupt("the new customer's vehicle was not saved".into()))?;
    }
    let input = input.validate(&settings, now.local)?;
    check_customer_vehicle(tx, input.customer_id, input.vehicle_id)?;
    let advisor = check_advisor(tx, input.advisor_id)?;
    check_slot_free(tx, &advisor, input.at, None)?;
    let number = next_number(tx, now.today)?;
    let id = tx.one(
        "INSERT INTO visits (number, state, customer_id, vehicle_id, advisor_id, appointment_at, expected_minutes,
                             requested_work, concerns, replacement_car, created_at, updated_at)
         VALUES (?1, 'booked', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10) RETURNING id",
        params![
            number,
            input.customer_id.0,
            input.vehicle_id.0,
            input.advisor_id.0,
            input.at,
            input.expected_minutes,
            input.requested_work,
            input.concerns,
            input.replacement_car,
            now.instant,
        ],
    )?;
    let id = VisitId(id.get("id")?);
    audit::record(
        tx,
        actor,
        now,
        Change {
            entity: AuditEntity::Visit,
            entity_id: Some(id.0),
            customer_id: Some(input.customer_id),
            action: AuditAction::Created,
            changes: vec![
                change("number", json!(null), json!(number)),
                change("advisor", json!(null), json!(advisor.name)),
                change("appointmentAt", json!(null), json!(input.at)),
                change("requestedWork", json!(null), json!(input.requested_work)),
            ],
        },
    )?;
    Ok(id)
}

/// Moves an appointment to another slot or advisor; `version` is the
/// `updatedAt` the form was filled from.
pub fn reschedule(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: VisitId,
    at: NaiveDateTime,
    advisor_id: StaffId,
    version: Option<DateTime<Utc>>,
    now: Now,
) -> Result<()> {
    actor.require(Action::BookVisits)?;
    let (visit, stamp) = get_for_update(tx, id, version, now)?;
    visit::reschedule(&visit)?;
    let settings = settings::service(tx)?;
    visit::check_slot(&settings, advisor_id, at, now.local)?;
    let advisor = check_advisor(tx, advisor_id)?;
    check_slot_free(tx, &advisor, at, Some(id))?;
    tx.run(
        "UPDATE visits SET appointment_at = ?2, advisor_id = ?3, updated_at = ?4 WHERE id = ?1",
        params![id.0, at, advisor_id.0, stamp],
    )?;
    let mut changes = vec![change("appointmentAt", json!(visit.appointment_at), json!(at))];
    if advisor_id != visit.advisor_id {
        changes.push(change("advisor", json!(visit.advisor_name), json!(advisor.name)));
    }
    log(tx, actor, now, &visit, AuditAction::Rescheduled, changes)
}

pub fn cancel(tx: &(impl Write + ?Sized), actor: &Actor, id: VisitId, reason: &str, now: Now) -> Result<()> {
    actor.require(Action::BookVisits)?;
    // A state change the state table guards: no form version to check.
    let (visit, stamp) = get_for_update(tx, id, None, now)?;
    let (transition, reason) = visit::cancel(&visit, reason)?;
    tx.run("UPDATE visits SET cancel_reason = ?2 WHERE id = ?1", params![id.0, reason])?;
    apply(tx, actor, now, stamp, &visit, transition, vec![change("cancelReason", json!(null), json!(reason))])
}

pub fn no_show(tx: &(impl Write + ?Sized), actor: &Actor, id: VisitId, now: Now) -> Result<()> {
    actor.require(Action::BookVisits)?;
    let (visit, stamp) = get_for_update(tx, id, None, now)?;
    let transition = visit::no_show(&visit, now.local)?;
    apply(tx, actor, now, stamp, &visit, transition, Vec::new())
}

/// Saves the preparation checklist; a complete list makes the appointment
/// prepared. `version` is the `updatedAt` the checklist was ticked on.
pub fn prepare(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: VisitId,
    checklist: &Preparation,
    version: Option<DateTime<Utc>>,
    now: Now,
) -> Result<()> {
    actor.require(Action::BookVisits)?;
    let (visit, stamp) = get_for_update(tx, id, version, now)?;
    let transition = visit::prepare(&visit, checklist)?;
    tx.run(
        "UPDATE visits SET parts_ready = ?2, order_prefilled = ?3, advisor_available = ?4,
                           replacement_car_ready = ?5, updated_at = ?6 WHERE id = ?1",
        params![
            id.0,
            checklist.parts_ready,
            checklist.order_prefilled,
            checklist.advisor_available,
            checklist.replacement_car_ready,
            stamp
        ],
    )?;
    let changes: Vec<FieldChange> =
        caredesk_domain::audit::diff(&audit::json(&visit.preparation)?, &audit::json(checklist)?, &[]);
    match transition {
        Some(transition) => apply(tx, actor, now, stamp, &visit, transition, changes),
        None if changes.is_empty() => Ok(()),
        None => log(tx, actor, now, &visit, AuditAction::PreparationUpdated, changes),
    }
}

/// The highest mileage known for a vehicle: its record (kept up to date at every reception).
fn last_mileage(conn: &(impl Read + ?Sized), vehicle: VehicleId) -> Result<Option<u32>> {
    Ok(vehicles::get(conn, vehicle)?.mileage_km)
}

fn store_reception(
    tx: &(impl Write + ?Sized),
    visit: VisitId,
    vehicle: VehicleId,
    reception: &Reception,
    now: Now,
    stamp: DateTime<Utc>,
) -> Result<()> {
    let json = audit::json(reception)?.to_string();
    let tax = settings::service(tx)?.tax_basis_points;
    tx.run(
        "UPDATE visits SET reception = ?2, mileage_km = ?3, concerns = CASE WHEN concerns = '' THEN ?4 ELSE concerns END,
                           received_at = ?5, tax_basis_points = ?6, updated_at = ?7 WHERE id = ?1",
        params![visit.0, json, reception.mileage_km, reception.concerns, now.instant, tax, stamp],
    )?;
    tx.run(
        "UPDATE vehicles SET mileage_km = ?2, updated_at = ?3 WHERE id = ?1",
        params![vehicle.0, reception.mileage_km, now.instant],
    )?;
    Ok(())
}

fn reception_changes(reception: &Reception) -> Vec<FieldChange> {
    vec![
        change("mileageKm", json!(null), json!(reception.mileage_km)),
        change("fuelEighths", json!(null), json!(reception.fuel_eighths)),
    ]
}

/// Receives the vehicle of an appointment: the walk-around record. `version` is
/// the `updatedAt` of the appointment the walk-around was recorded on.
pub fn receive(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: VisitId,
    reception: &Reception,
    version: Option<DateTime<Utc>>,
    now: Now,
) -> Result<()> {
    actor.require(Action::ServeVisits)?;
    let (visit, stamp) = get_for_update(tx, id, version, now)?;
    check_customer_vehicle(tx, visit.customer_id, visit.vehicle_id)?;
    let (transition, reception) = visit::receive(&visit, reception, last_mileage(tx, visit.vehicle_id)?)?;
    store_reception(tx, id, visit.vehicle_id, &reception, now, stamp)?;
    apply(tx, actor, now, stamp, &visit, transition, reception_changes(&reception))
}

/// Receives a vehicle that came without an appointment.
pub fn walk_in(tx: &(impl Write + ?Sized), actor: &Actor, walk_in: &WalkIn, now: Now) -> Result<VisitId> {
    actor.require(Action::ServeVisits)?;
    let walk_in = walk_in.validate(last_mileage(tx, walk_in.vehicle_id)?)?;
    check_customer_vehicle(tx, walk_in.customer_id, walk_in.vehicle_id)?;
    check_advisor(tx, walk_in.advisor_id)?;
    let number = next_number(tx, now.today)?;
    let id = tx.one(
        "INSERT INTO visits (number, state, walk_in, customer_id, vehicle_id, advisor_id, expected_minutes,
                             requested_work, replacement_car, created_at, updated_at)
         VALUES (?1, 'booked', 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) RETURNING id",
        params![
            number,
            walk_in.customer_id.0,
            walk_in.vehicle_id.0,
            walk_in.advisor_id.0,
            walk_in.expected_minutes,
            walk_in.requested_work,
            walk_in.replacement_car,
            now.instant,
        ],
    )?;
    let id = VisitId(id.get("id")?);
    // A new visit: no version was handed out before this one.
    store_reception(tx, id, walk_in.vehicle_id, &walk_in.reception, now, now.instant)?;
    let visit = get(tx, id)?;
    let mut changes = vec![change("number", json!(null), json!(number))];
    changes.extend(reception_changes(&walk_in.reception));
    apply(tx, actor, now, now.instant, &visit, visit::walk_in(), changes).map(|()| id)
}

fn insert_line(
    tx: &(impl Write + ?Sized),
    visit: VisitId,
    extra: Option<ExtraWorkId>,
    position: usize,
    line: &LineInput,
) -> Result<()> {
    let amount = visit::line_amount(line.unit_price, line.quantity_centi)
        .ok_or_else(|| Issue::new(ErrorKind::OutOfRange, "unitPrice", "the amount is too large"))?;
    tx.run(
        "INSERT INTO order_lines (visit_id, extra_work_id, position, kind, description, part_number,
                                  quantity_centi, unit_price_fen, genuine, amount_fen)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            visit.0,
            extra.map(|e| e.0),
            position as i64,
            enum_text(&line.kind),
            line.description,
            line.part_number,
            line.quantity_centi,
            line.unit_price.0,
            line.genuine,
            amount.0,
        ],
    )?;
    Ok(())
}

/// Keeps the stored total (for lists) equal to the order's.
fn refresh_total(tx: &(impl Write + ?Sized), id: VisitId) -> Result<Visit> {
    let visit = get(tx, id)?;
    tx.run("UPDATE visits SET total_fen = ?2 WHERE id = ?1", params![id.0, visit.totals.total.0])?;
    Ok(visit)
}

/// Writes the repair order: its lines (replacing the previous ones), the
/// promised time and the customer's confirmation, which fixes the estimate.
/// Saved from a form read before someone else's change (`order.version`), it is
/// refused as stale.
pub fn write_order(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: VisitId,
    order: &OrderInput,
    now: Now,
) -> Result<()> {
    actor.require(Action::ServeVisits)?;
    let (visit, stamp) = get_for_update(tx, id, order.version, now)?;
    let order = visit::write_order(&visit, order, now.local)?;
    tx.run("DELETE FROM order_lines WHERE visit_id = ?1 AND extra_work_id IS NULL", params![id.0])?;
    for (position, line) in order.lines.iter().enumerate() {
        insert_line(tx, id, None, position, line)?;
    }
    let after = refresh_total(tx, id)?;
    let (confirmed_at, estimate) =
        if order.customer_confirmed { (Some(now.instant), Some(after.totals.total.0)) } else { (None, None) };
    tx.run(
        "UPDATE visits SET promised_at = ?2, confirmed_at = ?3, estimate_fen = ?4, updated_at = ?5 WHERE id = ?1",
        params![id.0, order.promised_at, confirmed_at, estimate, stamp],
    )?;
    log(
        tx,
        actor,
        now,
        &visit,
        AuditAction::OrderUpdated,
        vec![
            change("lines", json!(visit.order.lines.len()), json!(order.lines.len())),
            change("total", json!(visit.totals.total), json!(after.totals.total)),
            change("promisedAt", json!(visit.order.promised_at), json!(order.promised_at)),
            change(
                "customerConfirmed",
                json!(visit.order.confirmed_at.is_some()),
                json!(order.customer_confirmed),
            ),
        ],
    )
}

/// Assigns the technician and starts the repair (or re-assigns during repair).
/// `version` is the `updatedAt` of the visit the technician was picked on: a
/// desk that still shows the repair unstarted must not silently re-assign the
/// one another desk just started it with.
pub fn start_repair(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: VisitId,
    technician: StaffId,
    version: Option<DateTime<Utc>>,
    now: Now,
) -> Result<()> {
    actor.require(Action::RecordRepair)?;
    let (visit, stamp) = get_for_update(tx, id, version, now)?;
    let transition = visit::start_repair(&visit)?;
    let member = check_member(tx, "technicianId", technician, &[Role::Technician], "a technician")?;
    tx.run(
        "UPDATE visits SET technician_id = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.0, technician.0, stamp],
    )?;
    let changes = vec![change("technician", json!(visit.technician_name), json!(member.name))];
    match transition {
        Some(transition) => apply(tx, actor, now, stamp, &visit, transition, changes),
        None => log(tx, actor, now, &visit, AuditAction::Updated, changes),
    }
}

/// Records extra work found during repair; it waits for the customer's approval.
pub fn find_extra_work(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: VisitId,
    input: &ExtraWorkInput,
    now: Now,
) -> Result<ExtraWorkId> {
    actor.require(Action::RecordRepair)?;
    // Adds a record of its own and overwrites nothing: no form version to check.
    let (visit, stamp) = get_for_update(tx, id, None, now)?;
    let input = visit::find_extra_work(&visit, input)?;
    let extra = tx.one(
        "INSERT INTO extra_work (visit_id, description, status, found_by, found_at)
         VALUES (?1, ?2, 'awaiting_approval', ?3, ?4) RETURNING id",
        params![id.0, input.description, actor.name, now.instant],
    )?;
    let extra = ExtraWorkId(extra.get("id")?);
    for (position, line) in input.lines.iter().enumerate() {
        insert_line(tx, id, Some(extra), position, line)?;
    }
    touch(tx, id, stamp)?;
    log(
        tx,
        actor,
        now,
        &visit,
        AuditAction::ExtraWorkFound,
        vec![change("extraWork", json!(null), json!(input.description))],
    )?;
    Ok(extra)
}

/// The customer's answer on extra work: approved lines join the order,
/// declined work stays on the vehicle for later.
pub fn decide_extra_work(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: VisitId,
    extra: ExtraWorkId,
    approved: bool,
    note: &str,
    now: Now,
) -> Result<()> {
    actor.require(Action::ServeVisits)?;
    // The customer answers once: a second answer is refused as already decided.
    let (visit, stamp) = get_for_update(tx, id, None, now)?;
    visit::decide_extra_work(&visit, extra)?;
    let note = caredesk_domain::validate::optional_text("note", note, 500)?;
    let status = if approved { ExtraWorkStatus::Approved } else { ExtraWorkStatus::Declined };
    tx.run(
        "UPDATE extra_work SET status = ?2, decided_at = ?3, note = ?4 WHERE id = ?1",
        params![extra.0, enum_text(&status), now.instant, note],
    )?;
    let after = refresh_total(tx, id)?;
    touch(tx, id, stamp)?;
    let description = visit.extra_work.iter().find(|w| w.id == extra).map(|w| w.description.clone());
    log(
        tx,
        actor,
        now,
        &visit,
        if approved { AuditAction::ExtraWorkApproved } else { AuditAction::ExtraWorkDeclined },
        vec![
            change("extraWork", json!(null), json!(description)),
            change("total", json!(visit.totals.total), json!(after.totals.total)),
        ],
    )
}

pub fn finish_repair(tx: &(impl Write + ?Sized), actor: &Actor, id: VisitId, now: Now) -> Result<()> {
    actor.require(Action::RecordRepair)?;
    let (visit, stamp) = get_for_update(tx, id, None, now)?;
    let transition = visit::finish_repair(&visit)?;
    apply(tx, actor, now, stamp, &visit, transition, Vec::new())
}

/// Records a quality check: passed → ready with the parking location; failed → back to repair.
pub fn quality_check(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: VisitId,
    input: &QcInput,
    now: Now,
) -> Result<()> {
    actor.require(Action::QualityCheck)?;
    // A state change the state table guards: a second check finds the visit moved on.
    let (visit, stamp) = get_for_update(tx, id, None, now)?;
    let (transition, input) = visit::quality_check(&visit, input)?;
    let passed = transition.to() == VisitState::Ready;
    let items = audit::json(&input.items)?.to_string();
    tx.run(
        "INSERT INTO qc_checks (visit_id, inspector_id, inspector_name, at, passed, items, parking_location)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id.0, actor.id.0, actor.name, now.instant, passed, items, input.parking_location],
    )?;
    let mut changes = Vec::new();
    if passed {
        tx.run(
            "UPDATE visits SET parking_location = ?2 WHERE id = ?1",
            params![id.0, input.parking_location],
        )?;
        changes.push(change("parkingLocation", json!(null), json!(input.parking_location)));
    } else {
        let failed: Vec<String> = input
            .items
            .iter()
            .filter(|i| i.result == visit::QcResult::Fail)
            .map(|i| format!("{}: {}", enum_text(&i.item), i.note))
            .collect();
        changes.push(change("failedItems", json!(null), json!(failed)));
    }
    apply(tx, actor, now, stamp, &visit, transition, changes)
}

/// Hands the vehicle over: settles the order, stores the next-service
/// recommendation on the vehicle and creates the follow-up call.
pub fn hand_over(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: VisitId,
    input: &HandoverInput,
    now: Now,
) -> Result<()> {
    actor.require(Action::ServeVisits)?;
    // A state change the state table guards: a second handover finds the visit handed over.
    let (visit, stamp) = get_for_update(tx, id, None, now)?;
    let (transition, input) = visit::hand_over(&visit, input, now.today)?;
    let settings = settings::service(tx)?;
    let on_time = visit.order.promised_at.is_none_or(|p| now.local <= p);
    tx.run(
        "UPDATE visits SET invoice_number = ?2, payment_method = ?3, amount_paid_fen = ?4, next_service_date = ?5,
                           next_service_km = ?6, handed_over_by = ?7, handed_over_at = ?8, handed_over_local = ?9,
                           on_time = ?10, updated_at = ?11
         WHERE id = ?1",
        params![
            id.0,
            input.invoice_number,
            enum_text(&input.payment_method),
            input.amount_paid.0,
            input.next_service_date,
            input.next_service_km,
            actor.name,
            now.instant,
            now.local,
            on_time,
            stamp,
        ],
    )?;
    for line in &input.explained_line_ids {
        tx.run(
            "UPDATE order_lines SET explained = 1 WHERE id = ?1 AND visit_id = ?2",
            params![line.0, id.0],
        )?;
    }
    if input.next_service_date.is_some() || input.next_service_km.is_some() {
        tx.run(
            "UPDATE vehicles SET next_service_date = ?2, next_service_km = ?3, updated_at = ?4 WHERE id = ?1",
            params![visit.vehicle_id.0, input.next_service_date, input.next_service_km, now.instant],
        )?;
    }
    tx.run("UPDATE vehicles SET last_visit_on = ?2 WHERE id = ?1", params![visit.vehicle_id.0, now.today])?;
    let (due_from, due_to) = visit::follow_up_window(now.today, &settings);
    tx.run(
        "INSERT INTO follow_up_calls (visit_id, customer_id, due_from, due_to, next_on, created_at)
         VALUES (?1, ?2, ?3, ?4, ?3, ?5)",
        params![id.0, visit.customer_id.0, due_from, due_to, now.instant],
    )?;
    apply(
        tx,
        actor,
        now,
        stamp,
        &visit,
        transition,
        vec![
            change("invoiceNumber", json!(null), json!(input.invoice_number)),
            change("amountPaid", json!(null), json!(input.amount_paid)),
            change("nextServiceDate", json!(null), json!(input.next_service_date)),
            change("nextServiceKm", json!(null), json!(input.next_service_km)),
            change("followUpDue", json!(null), json!([due_from, due_to])),
        ],
    )
}

/// The follow-up call reached the customer and recorded their answers: the
/// visit is followed up. The transition comes from `follow_up::attempt`, which
/// checked the visit was handed over.
pub fn follow_up(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: VisitId,
    transition: Transition,
    csi: u32,
    now: Now,
) -> Result<()> {
    let (visit, stamp) = get_for_update(tx, id, None, now)?;
    apply(tx, actor, now, stamp, &visit, transition, vec![change("csi", json!(null), json!(csi))])
}
