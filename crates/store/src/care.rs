//! Proactive care calls (`care_calls`, `care_attempts`): the lists are filled
//! from the archive when they are read (`refresh`: one call per reason and
//! occasion, so a call once made is not made again), and worked like the
//! follow-up calls by `care::attempt`'s rule. Customers without marketing
//! consent are never on a list.

use caredesk_domain::audit::{AuditAction, AuditEntity, FieldChange};
use caredesk_domain::care::{self, CareAttemptInput, CareCall, CareCallId, CareKind, CareSettings, Reading};
use caredesk_domain::follow_up::{Attempt, CallStatus, Outcome};
use caredesk_domain::{Action, Actor, CustomerId, ErrorKind, Issue, StaffId, VehicleId};
use chrono::{Datelike, Days, NaiveDate, NaiveDateTime};
use rusqlite::params;
use serde_json::json;

use crate::audit::{self, Change};
use crate::engine::{Read, Row, Write};
use crate::error::{Result, StoreError};
use crate::sql::{enum_text, parse_enum, parse_opt_enum};
use crate::{Now, locks, preferences};

const SETTINGS: &str = "care_settings";

pub fn settings(conn: &(impl Read + ?Sized)) -> Result<CareSettings> {
    preferences::get_json(conn, SETTINGS)
}

pub fn update_settings(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    settings: &CareSettings,
    now: Now,
) -> Result<CareSettings> {
    actor.require(Action::PlanCampaigns)?;
    let before = self::settings(tx)?;
    let settings = settings.validate()?;
    preferences::set_json(tx, actor, now, SETTINGS, &before, &settings)?;
    for kind in CareKind::ALL {
        tx.run("DELETE FROM preferences WHERE key = ?1", params![refreshed_key(kind)])?;
    }
    Ok(settings)
}

// ---------------------------------------------------------------------------
// Filling the lists

fn add(
    tx: &(impl Write + ?Sized),
    kind: CareKind,
    customer: i64,
    vehicle: Option<i64>,
    due_on: NaiveDate,
    reason: &str,
    now: Now,
) -> Result<()> {
    // Once per reason and occasion: the unique index `care_calls_once` keeps a call made once.
    tx.run(
        "INSERT INTO care_calls (kind, customer_id, vehicle_id, due_on, reason, next_on, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING",
        params![enum_text(&kind), customer, vehicle, due_on, reason, now.today, now.instant],
    )?;
    Ok(())
}

/// Vehicles of active customers who consent, with what the list needs.
const VEHICLES: &str = "FROM vehicles v JOIN customers c ON c.id = v.customer_id
     WHERE v.archived_at IS NULL AND c.archived_at IS NULL AND c.marketing_consent = 1";

fn refreshed_key(kind: CareKind) -> String {
    format!("care_refreshed:{}", enum_text(&kind))
}

/// Adds the calls now due on list `kind` that are not on it yet — once a day per
/// list (the archive is read whole); a change of the settings reads it again.
pub fn refresh(tx: &(impl Write + ?Sized), kind: CareKind, now: Now) -> Result<()> {
    let key = refreshed_key(kind);
    if preferences::get(tx, &key)?.is_some_and(|day| day == now.today.to_string()) {
        return Ok(());
    }
    preferences::set(tx, &key, &now.today.to_string())?;
    let s = settings(tx)?;
    let today = now.today;
    let ahead = |days: u32| today + Days::new(u64::from(days));
    match kind {
        CareKind::MaintenanceDue => {
            let by = ahead(s.maintenance_days);
            let rows = tx.rows(
                &format!(
                    "SELECT v.customer_id, v.id, v.next_service_date, v.next_service_km {VEHICLES}
                     AND v.next_service_date <= ?1"
                ),
                params![by],
            )?;
            for r in &rows {
                let due: NaiveDate = r.get("next_service_date")?;
                let reason = match r.get::<Option<i64>>("next_service_km")? {
                    Some(km) => format!("建议保养 {due} / {km} km"),
                    None => format!("建议保养 {due}"),
                };
                add(tx, kind, r.get("customer_id")?, Some(r.get("id")?), due, &reason, now)?;
            }
            // No recommendation: estimated from the odometer readings — at purchase (0 km), at
            // each visit here, and the archive's current mileage on the day it was recorded.
            // customer, vehicle, purchase date, "day=km,…" of the visits, archive mileage, its day.
            let readings =
                tx.dialect().group_concat("substr(vi.received_at, 1, 10) || '=' || vi.mileage_km", "','");
            let rows = tx.rows(
                &format!(
                    "SELECT v.customer_id, v.id, v.purchase_date,
                            coalesce((SELECT {readings}
                                      FROM visits vi WHERE vi.vehicle_id = v.id AND vi.mileage_km IS NOT NULL
                                        AND vi.received_at IS NOT NULL), '') AS visit_readings,
                            v.mileage_km, substr(v.updated_at, 1, 10) AS recorded_on
                     {VEHICLES} AND v.next_service_date IS NULL AND (v.purchase_date IS NOT NULL OR
                         EXISTS (SELECT 1 FROM visits vi WHERE vi.vehicle_id = v.id AND vi.mileage_km IS NOT NULL))"
                ),
                params![],
            )?;
            for r in &rows {
                let visits: String = r.get("visit_readings")?;
                let mut points: Vec<Reading> = visits
                    .split(',')
                    .filter_map(|p| {
                        let (on, km) = p.split_once('=')?;
                        Some(Reading { on: on.parse().ok()?, km: km.parse().ok()? })
                    })
                    .collect();
                let last_visit = points.iter().map(|r| (r.on, r.km)).max();
                if let Some(on) = r.get::<Option<NaiveDate>>("purchase_date")? {
                    points.push(Reading { on, km: 0 });
                }
                let recorded: String = r.get("recorded_on")?;
                // The archive's mileage is a reading of its own only above every visit's: an
                // imported history leaves the last visit's mileage on the vehicle, recorded on
                // the day of the import, which is no reading of that day.
                if let (Some(km), Ok(on)) =
                    (r.get::<Option<u32>>("mileage_km")?, recorded.parse::<NaiveDate>())
                    && last_visit.is_none_or(|(_, visit_km)| km > visit_km)
                {
                    points.push(Reading { on, km });
                }
                let last = points.iter().map(|r| (r.on, r.km)).max();
                let last_is_service = last.is_some() && last == last_visit;
                if let Some(due) = care::estimate_service_due(&points, s.service_interval_km, last_is_service)
                    && due <= by
                {
                    add(
                        tx,
                        kind,
                        r.get("customer_id")?,
                        Some(r.get("id")?),
                        due,
                        &format!("按平均行驶里程估算保养 {due}"),
                        now,
                    )?;
                }
            }
        }
        CareKind::InsuranceExpiring | CareKind::InspectionDue => {
            let (column, days, label) = match kind {
                CareKind::InsuranceExpiring => ("insurance_expiry", s.insurance_days, "保险到期"),
                _ => ("annual_inspection_due", s.inspection_days, "年检到期"),
            };
            let rows = tx.rows(
                &format!(
                    "SELECT v.customer_id, v.id, v.{column} {VEHICLES} AND v.{column} >= ?1 AND v.{column} <= ?2"
                ),
                params![today, ahead(days)],
            )?;
            for r in &rows {
                let due: NaiveDate = r.get(column)?;
                add(
                    tx,
                    kind,
                    r.get("customer_id")?,
                    Some(r.get("id")?),
                    due,
                    &format!("{label} {due}"),
                    now,
                )?;
            }
        }
        CareKind::Birthday => {
            // The month as text ('01'…'12'), as `substr` of the TEXT birthday gives it.
            let month = format!("{:02}", today.month());
            let rows = tx.rows(
                "SELECT id, birthday FROM customers
                 WHERE archived_at IS NULL AND marketing_consent = 1 AND birthday IS NOT NULL
                   AND substr(birthday, 6, 2) = ?1",
                params![month],
            )?;
            for r in &rows {
                let birthday: NaiveDate = r.get("birthday")?;
                let this_year = NaiveDate::from_ymd_opt(today.year(), birthday.month(), birthday.day())
                    .or_else(|| NaiveDate::from_ymd_opt(today.year(), birthday.month(), 28))
                    .unwrap_or(today);
                add(tx, kind, r.get("id")?, None, this_year, "生日问候", now)?;
            }
        }
        CareKind::DeclinedWork => {
            let since = today - Days::new(u64::from(s.declined_days));
            // One call per visit. The vehicle's columns are grouped too — one vehicle per
            // visit, so the groups are the same — as PostgreSQL wants every selected column
            // grouped (or of a grouped table's primary key).
            let rows = tx.rows(
                &format!(
                    "SELECT v.customer_id, v.id, substr(vi.handed_over_local, 1, 10) AS handed_over_on,
                            {work} AS work
                     FROM visits vi JOIN extra_work w ON w.visit_id = vi.id AND w.status = 'declined'
                     JOIN vehicles v ON v.id = vi.vehicle_id JOIN customers c ON c.id = v.customer_id
                     WHERE v.archived_at IS NULL AND c.archived_at IS NULL AND c.marketing_consent = 1
                       AND vi.handed_over_local >= ?1
                       AND (v.last_visit_on IS NULL OR v.last_visit_on <= substr(vi.handed_over_local, 1, 10))
                     GROUP BY vi.id, v.id, v.customer_id",
                    work = tx.dialect().group_concat("w.description", "'；'"),
                ),
                params![format!("{since}T00:00:00")],
            )?;
            for r in &rows {
                let work: String = r.get("work")?;
                add(
                    tx,
                    kind,
                    r.get("customer_id")?,
                    Some(r.get("id")?),
                    r.get("handed_over_on")?,
                    &work,
                    now,
                )?;
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Reading

const CALL_SELECT: &str = "
SELECT k.id, k.kind, k.customer_id, c.name AS customer_name, c.mobile, k.vehicle_id, v.plate,
       v.brand || ' ' || v.model AS vehicle_label, k.due_on, k.reason, k.status, k.next_on, k.call_back_at,
       k.attempts, k.last_outcome, k.last_note, k.caller_id, s.name AS caller_name, k.not_reached
FROM care_calls k
JOIN customers c ON c.id = k.customer_id
LEFT JOIN vehicles v ON v.id = k.vehicle_id
LEFT JOIN staff s ON s.id = k.caller_id";

/// A call as read, with the count of attempts that did not reach the customer;
/// the enum columns parsed after the row is read, so a bad value is a `StoreError`.
fn from_row(r: &Row, today: NaiveDate) -> Result<(CareCall, u32)> {
    let mut call = CareCall {
        id: CareCallId(r.get("id")?),
        row: 0,
        kind: CareKind::Birthday,
        customer_id: CustomerId(r.get("customer_id")?),
        customer_name: r.get("customer_name")?,
        mobile: r.get("mobile")?,
        vehicle_id: r.get::<Option<i64>>("vehicle_id")?.map(VehicleId),
        plate: r.get("plate")?,
        vehicle_label: r.get("vehicle_label")?,
        due_on: r.get("due_on")?,
        reason: r.get("reason")?,
        status: CallStatus::Open,
        due: caredesk_domain::follow_up::Due::Closed,
        next_on: r.get("next_on")?,
        call_back_at: r.get("call_back_at")?,
        attempts: r.get("attempts")?,
        last_outcome: None,
        last_note: r.get("last_note")?,
        caller_id: r.get::<Option<i64>>("caller_id")?.map(StaffId),
        caller_name: r.get("caller_name")?,
        may_work: false,
    };
    call.kind = parse_enum(&r.get::<String>("kind")?)?;
    call.status = parse_enum(&r.get::<String>("status")?)?;
    call.last_outcome = parse_opt_enum::<Outcome>(r.get("last_outcome")?)?;
    // A call is due from the day it was listed, and overdue once its occasion has passed.
    call.due =
        caredesk_domain::follow_up::due(call.status, call.next_on, call.due_on.max(call.next_on), today);
    Ok((call, r.get("not_reached")?))
}

/// The list `kind` of `day`, numbered: open calls due by then, and those worked that day.
pub fn list(
    conn: &(impl Read + ?Sized),
    actor: &Actor,
    kind: CareKind,
    day: NaiveDate,
    today: NaiveDate,
) -> Result<Vec<CareCall>> {
    actor.require(Action::ReadCampaigns)?;
    let rows = conn.rows(
        &format!(
            "{CALL_SELECT}
             WHERE k.id IN (SELECT id FROM care_calls WHERE kind = ?1 AND status = 'open' AND next_on <= ?2
                            UNION SELECT id FROM care_calls WHERE kind = ?1 AND last_on = ?2)
             ORDER BY k.due_on, k.id"
        ),
        params![enum_text(&kind), day],
    )?;
    rows.iter()
        .zip(1u32..)
        .map(|(r, row)| {
            let (mut call, _) = from_row(r, today)?;
            call.row = row;
            call.may_work = caredesk_domain::follow_up::may_work(call.status, call.caller_id, actor);
            Ok(call)
        })
        .collect()
}

fn read(conn: &(impl Read + ?Sized), id: CareCallId, today: NaiveDate) -> Result<(CareCall, u32)> {
    let found = conn
        .optional(&format!("{CALL_SELECT} WHERE k.id = ?1"), params![id.0])?
        .ok_or(StoreError::NotFound { what: "care call", id: id.0 })?;
    from_row(&found, today)
}

pub fn get(conn: &(impl Read + ?Sized), id: CareCallId, today: NaiveDate) -> Result<CareCall> {
    Ok(read(conn, id, today)?.0)
}

/// The attempts at a care call, oldest first.
pub fn attempts(conn: &(impl Read + ?Sized), id: CareCallId) -> Result<Vec<Attempt>> {
    let rows = conn.rows(
        "SELECT outcome, at, staff_name, call_back_at, note FROM care_attempts WHERE call_id = ?1 ORDER BY id",
        params![id.0],
    )?;
    rows.iter()
        .map(|r| {
            Ok(Attempt {
                outcome: parse_enum(&r.get::<String>("outcome")?)?,
                at: r.get("at")?,
                by: r.get("staff_name")?,
                call_back_at: r.get::<Option<NaiveDateTime>>("call_back_at")?,
                note: r.get("note")?,
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Writing

/// Records one attempt at a care call (recording it takes the call).
pub fn record_attempt(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: CareCallId,
    input: &CareAttemptInput,
    now: Now,
) -> Result<()> {
    actor.require(Action::CallCustomers)?;
    // The call's row is locked until the end (PostgreSQL; SQLite's one writer already
    // serialises): two desks recording at once each see the other's attempt — the
    // count of calls not reached, the status, who took the call.
    locks::row(tx, "care_calls", id.0)?;
    let (call, not_reached) = read(tx, id, now.today)?;
    if caredesk_domain::follow_up::taken_by_another(call.caller_id, actor) {
        return Err(Issue::new(
            ErrorKind::Forbidden,
            "callerId",
            format!("{} has taken this call", call.caller_name.clone().unwrap_or_default()),
        )
        .into());
    }
    let plan = care::attempt(call.status, not_reached, input, settings(tx)?.max_attempts, now.local)?;
    tx.run(
        "INSERT INTO care_attempts (call_id, outcome, at, staff_name, call_back_at, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id.0, enum_text(&plan.outcome), now.instant, actor.name, plan.call_back_at, plan.note],
    )?;
    let closed = plan.status != CallStatus::Open;
    tx.run(
        "UPDATE care_calls
         SET status = ?2, next_on = coalesce(?3, next_on), call_back_at = ?4, attempts = attempts + 1, not_reached = ?5,
             last_outcome = ?6, last_on = ?7, last_note = ?8, caller_id = coalesce(caller_id, ?9), closed_on = ?10
         WHERE id = ?1 AND status = 'open'",
        params![
            id.0,
            enum_text(&plan.status),
            plan.next_on,
            plan.call_back_at,
            plan.not_reached,
            enum_text(&plan.outcome),
            now.today,
            plan.note,
            actor.id.0,
            closed.then_some(now.today),
        ],
    )?;
    audit::record(
        tx,
        actor,
        now,
        Change {
            entity: AuditEntity::Customer,
            entity_id: Some(call.customer_id.0),
            customer_id: Some(call.customer_id),
            action: AuditAction::CareCallAttempted,
            changes: vec![
                FieldChange { field: "careKind".into(), before: json!(null), after: json!(call.kind) },
                FieldChange { field: "outcome".into(), before: json!(null), after: json!(plan.outcome) },
                FieldChange {
                    field: "callStatus".into(),
                    before: json!(call.status),
                    after: json!(plan.status),
                },
            ],
        },
    )
}
