//! The `complaints` aggregate: a complaint with its timeline
//! (`complaint_events`), the five recovery steps (`complaint_recovery`) and its
//! escalations (`complaint_escalations`). State changes go through the domain's
//! `ComplaintTransition`s; escalations through `complaint::escalations_due` on
//! the clock the caller passes in, so nothing here reads the time itself.

use caredesk_domain::audit::{AuditAction, AuditEntity, FieldChange};
use caredesk_domain::complaint::{
    self, CauseInput, CauseRecord, Clock, Complaint, ComplaintEvent, ComplaintInput, ComplaintLimits,
    ComplaintState, ComplaintStep, ComplaintTransition, Escalation, EscalationReason, KpiFacts, Kpis,
    Recovery, RecoveryInput, Severity,
};
use caredesk_domain::{Action, Actor, ErrorKind, Fen, Issue, Role, StaffId};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::json;

use crate::audit::{self, Change};
use crate::error::{Result, StoreError};
use crate::sql::{enum_text, parse_enum, parse_opt_enum};
use crate::{Now, customers, preferences, staff};

const LIMITS: &str = "complaint_limits";

/// The time limits and targets, with defaults for anything never set.
pub fn limits(conn: &Connection) -> Result<ComplaintLimits> {
    preferences::get_json(conn, LIMITS)
}

pub fn update_limits(
    tx: &Transaction,
    actor: &Actor,
    limits: &ComplaintLimits,
    now: Now,
) -> Result<ComplaintLimits> {
    actor.require(Action::ManageComplaints)?;
    let before = self::limits(tx)?;
    let limits = limits.validate()?;
    preferences::set_json(tx, actor, now, LIMITS, &before, &limits)?;
    Ok(limits)
}

// ---------------------------------------------------------------------------
// Reading

struct Row {
    complaint: Complaint,
    handler_id: Option<StaffId>,
    assigned_at: Option<DateTime<Utc>>,
    resolved_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
    received_on: NaiveDate,
}

/// A `complaints` row with its joined names, as stored (enums still text).
struct Raw {
    number: String,
    state: String,
    severity: String,
    channel: String,
    category: String,
    hard_case: Option<String>,
    customer_id: i64,
    customer_name: String,
    customer_mobile: String,
    vehicle_id: Option<i64>,
    plate: Option<String>,
    visit_id: Option<i64>,
    visit_number: Option<String>,
    description: String,
    request: String,
    received_by: String,
    received_at: DateTime<Utc>,
    handler_id: Option<i64>,
    handler: Option<String>,
    solution: Option<String>,
    return_call_result: Option<String>,
    reopened: bool,
    cause: Option<String>,
    root_cause: Option<String>,
    responsible: Option<String>,
    measure: Option<String>,
    measure_owner: Option<String>,
    check_on: Option<NaiveDate>,
    checked_at: Option<DateTime<Utc>>,
    assigned_at: Option<DateTime<Utc>>,
    resolved_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
    received_on: NaiveDate,
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Raw> {
    Ok(Raw {
        number: r.get("number")?,
        state: r.get("state")?,
        severity: r.get("severity")?,
        channel: r.get("channel")?,
        category: r.get("category")?,
        hard_case: r.get("hard_case")?,
        customer_id: r.get("customer_id")?,
        customer_name: r.get("customer_name")?,
        customer_mobile: r.get("customer_mobile")?,
        vehicle_id: r.get("vehicle_id")?,
        plate: r.get("plate")?,
        visit_id: r.get("visit_id")?,
        visit_number: r.get("visit_number")?,
        description: r.get("description")?,
        request: r.get("request")?,
        received_by: r.get("received_by")?,
        received_at: r.get("received_at")?,
        handler_id: r.get("handler_id")?,
        handler: r.get("handler")?,
        solution: r.get("solution")?,
        return_call_result: r.get("return_call_result")?,
        reopened: r.get("reopened")?,
        cause: r.get("cause")?,
        root_cause: r.get("root_cause")?,
        responsible: r.get("responsible")?,
        measure: r.get("measure")?,
        measure_owner: r.get("measure_owner")?,
        check_on: r.get("check_on")?,
        checked_at: r.get("checked_at")?,
        assigned_at: r.get("assigned_at")?,
        resolved_at: r.get("resolved_at")?,
        closed_at: r.get("closed_at")?,
        received_on: r.get("received_on")?,
    })
}

fn read(conn: &Connection, id: i64) -> Result<Row> {
    let raw = conn
        .query_row(
            "SELECT k.number, k.state, k.severity, k.channel, k.category, k.hard_case, k.customer_id,
                    c.name AS customer_name, c.mobile AS customer_mobile, k.vehicle_id, v.plate, k.visit_id,
                    vi.number AS visit_number, k.description, k.request, k.received_by, k.received_at,
                    k.handler_id, h.name AS handler, k.solution, k.return_call_result, k.reopened, k.cause,
                    k.root_cause, r.name AS responsible, k.measure, o.name AS measure_owner, k.check_on,
                    k.checked_at, k.assigned_at, k.resolved_at, k.closed_at, k.received_on
             FROM complaints k
             JOIN customers c ON c.id = k.customer_id
             LEFT JOIN vehicles v ON v.id = k.vehicle_id
             LEFT JOIN visits vi ON vi.id = k.visit_id
             LEFT JOIN staff h ON h.id = k.handler_id
             LEFT JOIN staff r ON r.id = k.responsible_id
             LEFT JOIN staff o ON o.id = k.measure_owner_id
             WHERE k.id = ?1",
            [id],
            from_row,
        )
        .optional()?
        .ok_or(StoreError::NotFound { what: "complaint", id })?;
    let Raw {
        number,
        state,
        severity,
        channel,
        category,
        hard_case,
        customer_id,
        customer_name,
        customer_mobile,
        vehicle_id,
        plate,
        visit_id,
        visit_number,
        description,
        request,
        received_by,
        received_at,
        handler_id,
        handler,
        solution,
        return_call_result,
        reopened,
        cause,
        root_cause,
        responsible,
        measure,
        measure_owner,
        check_on,
        checked_at,
        assigned_at,
        resolved_at,
        closed_at,
        received_on,
    } = raw;
    let cause = match (cause, root_cause, measure, measure_owner, check_on) {
        (Some(cause), Some(root_cause), Some(measure), Some(measure_owner), Some(check_on)) => {
            Some(CauseRecord {
                cause: parse_enum(&cause)?,
                root_cause,
                responsible,
                measure,
                measure_owner,
                check_on,
                checked_at,
            })
        }
        _ => None,
    };
    let limits = limits(conn)?;
    let severity: Severity = parse_enum(&severity)?;
    let state: ComplaintState = parse_enum(&state)?;
    let hard_case = parse_opt_enum(hard_case)?;
    let escalations = escalations(conn, id)?;
    let clock =
        Clock { severity, state, hard_case, received_at, assigned_at, resolved_at, escalated: Vec::new() };
    let complaint = Complaint {
        id,
        number,
        state,
        severity,
        channel: parse_enum(&channel)?,
        category: parse_enum(&category)?,
        hard_case,
        customer_id: caredesk_domain::CustomerId(customer_id),
        customer_name,
        customer_mobile,
        vehicle_id: vehicle_id.map(caredesk_domain::VehicleId),
        plate,
        visit_id: visit_id.map(caredesk_domain::VisitId),
        visit_number,
        description,
        request,
        received_by,
        received_at,
        handler_id: handler_id.map(StaffId),
        handler,
        solution,
        return_call_result,
        assign_due: complaint::assign_due(&clock, &limits),
        resolve_due: complaint::resolve_due(&clock, &limits),
        escalations,
        recovery: recovery(conn, id)?,
        cause,
        reopened,
        timeline: timeline(conn, id)?,
    };
    Ok(Row {
        complaint,
        handler_id: handler_id.map(StaffId),
        assigned_at,
        resolved_at,
        closed_at,
        received_on,
    })
}

fn escalations(conn: &Connection, id: i64) -> Result<Vec<Escalation>> {
    let mut stmt = conn
        .prepare_cached("SELECT reason, at FROM complaint_escalations WHERE complaint_id = ?1 ORDER BY at")?;
    let rows = stmt
        .query_map([id], |r| Ok((r.get::<_, String>("reason")?, r.get("at")?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(|(reason, at)| Ok(Escalation { reason: parse_enum(&reason)?, at })).collect()
}

fn recovery(conn: &Connection, id: i64) -> Result<Vec<Recovery>> {
    let mut stmt = conn.prepare_cached(
        "SELECT step, done_on, note, compensation, cost_fen, staff_name FROM complaint_recovery
         WHERE complaint_id = ?1 ORDER BY done_on",
    )?;
    let rows = stmt
        .query_map([id], |r| {
            Ok((
                r.get::<_, String>("step")?,
                r.get("done_on")?,
                r.get("note")?,
                r.get("compensation")?,
                r.get::<_, Option<i64>>("cost_fen")?,
                r.get("staff_name")?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(step, done_on, note, compensation, cost, by)| {
            Ok(Recovery { step: parse_enum(&step)?, done_on, note, compensation, cost: cost.map(Fen), by })
        })
        .collect()
}

fn timeline(conn: &Connection, id: i64) -> Result<Vec<ComplaintEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT step, state, at, staff_name, note FROM complaint_events WHERE complaint_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([id], |r| {
            Ok((
                r.get::<_, String>("step")?,
                r.get::<_, String>("state")?,
                r.get("at")?,
                r.get("staff_name")?,
                r.get("note")?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(step, state, at, by, note)| {
            Ok(ComplaintEvent { step: parse_enum(&step)?, state: parse_enum(&state)?, at, by, note })
        })
        .collect()
}

/// A complaint with everything its page shows.
pub fn get(conn: &Connection, id: i64) -> Result<Complaint> {
    Ok(read(conn, id)?.complaint)
}

/// Complaints, newest first: the open ones only, or all.
pub fn list(conn: &Connection, open_only: bool) -> Result<Vec<Complaint>> {
    let filter = if open_only { "WHERE state <> 'closed'" } else { "" };
    let ids: Vec<i64> = conn
        .prepare(&format!("SELECT id FROM complaints {filter} ORDER BY id DESC LIMIT 500"))?
        .query_map([], |r| r.get("id"))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| get(conn, id)).collect()
}

/// Open complaints escalated to the manager: the count on the navigation.
pub fn escalated_open(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT count(DISTINCT k.id) AS count
         FROM complaints k JOIN complaint_escalations e ON e.complaint_id = k.id
         WHERE k.state <> 'closed'",
        [],
        |r| r.get("count"),
    )?)
}

/// Open complaints a follow-up call's hot alert opened that nobody has taken yet:
/// the manager's "new from calls" count.
pub fn unassigned_from_calls(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT count(*) AS count FROM complaints WHERE channel = 'follow_up_call' AND state = 'received'",
        [],
        |r| r.get("count"),
    )?)
}

/// The KPIs over the complaints received from `since` (a local date) on.
pub fn kpis(conn: &Connection, since: NaiveDate) -> Result<Kpis> {
    let mut stmt = conn.prepare(
        "SELECT k.category, k.received_at, k.received_on, k.assigned_at, k.closed_at, k.reopened,
                EXISTS (SELECT 1 FROM complaint_escalations e WHERE e.complaint_id = k.id) AS escalated
         FROM complaints k WHERE k.received_on >= ?1",
    )?;
    let rows = stmt
        .query_map([since], |r| {
            Ok((
                r.get::<_, String>("category")?,
                r.get("received_at")?,
                r.get("received_on")?,
                r.get("assigned_at")?,
                r.get("closed_at")?,
                r.get("reopened")?,
                r.get("escalated")?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let facts = rows
        .into_iter()
        .map(|(category, received_at, received_on, assigned_at, closed_at, reopened, escalated)| {
            Ok(KpiFacts {
                category: parse_enum(&category)?,
                received_at,
                received_on,
                assigned_at,
                closed_at,
                escalated,
                reopened,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(complaint::kpis(&facts))
}

// ---------------------------------------------------------------------------
// Writing

fn log(
    tx: &Transaction,
    actor: &Actor,
    now: Now,
    complaint: &Complaint,
    action: AuditAction,
    changes: Vec<FieldChange>,
) -> Result<()> {
    audit::record(
        tx,
        actor,
        now,
        Change {
            entity: AuditEntity::Complaint,
            entity_id: Some(complaint.id),
            customer_id: Some(complaint.customer_id),
            action,
            changes,
        },
    )
}

/// Persists a checked step: the state, the timeline, the audit trail.
fn apply(
    tx: &Transaction,
    actor: &Actor,
    now: Now,
    complaint: &Complaint,
    step: ComplaintTransition,
    note: &str,
) -> Result<()> {
    let updated = tx
        .prepare_cached("UPDATE complaints SET state = ?2, updated_at = ?3 WHERE id = ?1 AND state = ?4")?
        .execute(params![complaint.id, enum_text(&step.to()), now.instant, enum_text(&step.from())])?;
    if updated != 1 {
        return Err(StoreError::Corrupt(format!(
            "complaint {} changed while it was being written",
            complaint.id
        )));
    }
    tx.prepare_cached(
        "INSERT INTO complaint_events (complaint_id, step, state, at, staff_id, staff_name, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        complaint.id,
        enum_text(&step.step()),
        enum_text(&step.to()),
        now.instant,
        actor.id.0,
        actor.name,
        note
    ])?;
    log(
        tx,
        actor,
        now,
        complaint,
        AuditAction::ComplaintStep,
        vec![
            FieldChange { field: "state".into(), before: json!(step.from()), after: json!(step.to()) },
            FieldChange { field: "step".into(), before: json!(null), after: json!(step.step()) },
        ],
    )
}

/// The handler works their own complaints; a manager works any.
fn require_handler(actor: &Actor, row: &Row) -> Result<()> {
    actor.require(Action::HandleComplaint)?;
    if actor.role == Role::ServiceManager || row.handler_id == Some(actor.id) {
        Ok(())
    } else {
        Err(Issue {
            kind: ErrorKind::Forbidden,
            field: None,
            message: "only the complaint's handler or a service manager may work it".into(),
            conflict: None,
            action: Some(Action::HandleComplaint),
            changed: None,
        }
        .into())
    }
}

fn next_number(tx: &Transaction, today: NaiveDate) -> Result<String> {
    let prefix = format!("TS{}", today.format("%Y%m%d"));
    let last: Option<String> = tx.query_row(
        "SELECT max(number) AS last FROM complaints WHERE number >= ?1 AND number < ?2",
        params![format!("{prefix}-"), format!("{prefix}.")],
        |r| r.get("last"),
    )?;
    let n = last.and_then(|l| l.rsplit('-').next().and_then(|n| n.parse::<u32>().ok())).unwrap_or(0);
    Ok(format!("{prefix}-{:03}", n + 1))
}

/// Registers a complaint; the one who received it is its first-contact owner.
/// A socially influential case escalates at once.
pub fn register(tx: &Transaction, actor: &Actor, input: &ComplaintInput, now: Now) -> Result<i64> {
    actor.require(Action::RegisterComplaint)?;
    let input = input.validate()?;
    customers::get(tx, input.customer_id)?;
    if let Some(vehicle) = input.vehicle_id {
        crate::vehicles::get(tx, vehicle)?;
    }
    if let Some(visit) = input.visit_id {
        let owner = crate::visits::get(tx, visit)?.customer_id;
        if owner != input.customer_id {
            return Err(
                Issue::new(ErrorKind::InvalidState, "visitId", "the visit is another customer's").into()
            );
        }
    }
    let number = next_number(tx, now.today)?;
    tx.prepare_cached(
        "INSERT INTO complaints (number, state, severity, channel, category, hard_case, customer_id, vehicle_id,
                                 visit_id, description, request, received_by_id, received_by, received_at,
                                 received_on, created_at, updated_at)
         VALUES (?1, 'received', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?13, ?13)",
    )?
    .execute(params![
        number,
        enum_text(&input.severity),
        enum_text(&input.channel),
        enum_text(&input.category),
        input.hard_case.map(|h| enum_text(&h)),
        input.customer_id.0,
        input.vehicle_id.map(|v| v.0),
        input.visit_id.map(|v| v.0),
        input.description,
        input.request,
        actor.id.0,
        actor.name,
        now.instant,
        now.today,
    ])?;
    let id = tx.last_insert_rowid();
    let complaint = get(tx, id)?;
    log(
        tx,
        actor,
        now,
        &complaint,
        AuditAction::Created,
        vec![
            FieldChange { field: "number".into(), before: json!(null), after: json!(number) },
            FieldChange { field: "category".into(), before: json!(null), after: json!(input.category) },
            FieldChange { field: "severity".into(), before: json!(null), after: json!(input.severity) },
        ],
    )?;
    escalate_one(tx, id, now)?;
    Ok(id)
}

/// Records the escalations now due on one complaint; returns the new ones.
fn escalate_one(tx: &Transaction, id: i64, now: Now) -> Result<Vec<EscalationReason>> {
    let row = read(tx, id)?;
    let clock = Clock {
        severity: row.complaint.severity,
        state: row.complaint.state,
        hard_case: row.complaint.hard_case,
        received_at: row.complaint.received_at,
        assigned_at: row.assigned_at,
        resolved_at: row.resolved_at,
        escalated: row.complaint.escalations.iter().map(|e| e.reason).collect(),
    };
    let due = complaint::escalations_due(&clock, &limits(tx)?, now.instant);
    for reason in &due {
        tx.prepare_cached(
            "INSERT INTO complaint_escalations (complaint_id, reason, at) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, enum_text(reason), now.instant])?;
        audit::record(
            tx,
            &Actor::system(),
            now,
            Change {
                entity: AuditEntity::Complaint,
                entity_id: Some(id),
                customer_id: Some(row.complaint.customer_id),
                action: AuditAction::Escalated,
                changes: vec![FieldChange {
                    field: "reason".into(),
                    before: json!(null),
                    after: json!(reason),
                }],
            },
        )?;
    }
    Ok(due)
}

/// Records every escalation due at `now` on open complaints (the manager's
/// notifications). Run before the complaint screens and the navigation count read.
pub fn escalate_due(tx: &Transaction, now: Now) -> Result<Vec<(i64, EscalationReason)>> {
    let ids: Vec<i64> = tx
        .prepare_cached("SELECT id FROM complaints WHERE state <> 'closed'")?
        .query_map([], |r| r.get("id"))?
        .collect::<rusqlite::Result<_>>()?;
    let mut raised = Vec::new();
    for id in ids {
        raised.extend(escalate_one(tx, id, now)?.into_iter().map(|reason| (id, reason)));
    }
    Ok(raised)
}

/// A minor complaint solved on the spot: the solution closes it.
pub fn solve_on_the_spot(tx: &Transaction, actor: &Actor, id: i64, solution: &str, now: Now) -> Result<()> {
    actor.require(Action::RegisterComplaint)?;
    let row = read(tx, id)?;
    let (step, solution) =
        complaint::solve_on_the_spot(row.complaint.severity, row.complaint.state, solution)?;
    tx.prepare_cached("UPDATE complaints SET solution = ?2, resolved_at = ?3, closed_at = ?3 WHERE id = ?1")?
        .execute(params![id, solution, now.instant])?;
    apply(tx, actor, now, &row.complaint, step, &solution)?;
    escalate_one(tx, id, now).map(drop)
}

/// Assigns (or re-assigns) the handler: an active member of staff.
pub fn assign(tx: &Transaction, actor: &Actor, id: i64, handler: StaffId, now: Now) -> Result<()> {
    actor.require(Action::ManageComplaints)?;
    let row = read(tx, id)?;
    let step = complaint::transition(row.complaint.severity, row.complaint.state, ComplaintStep::Assign)?;
    let member = staff::get(tx, handler).map_err(|e| match e {
        StoreError::NotFound { .. } => {
            StoreError::from(Issue::new(ErrorKind::NotFound, "handlerId", "no such member of staff"))
        }
        other => other,
    })?;
    if !member.active {
        return Err(Issue::new(
            ErrorKind::InvalidState,
            "handlerId",
            format!("{}'s account is disabled", member.name),
        )
        .into());
    }
    if member.role == Role::Administrator {
        return Err(Issue::new(
            ErrorKind::OutOfRange,
            "handlerId",
            "an administrator does not handle complaints",
        )
        .into());
    }
    tx.prepare_cached(
        "UPDATE complaints SET handler_id = ?2, assigned_at = coalesce(assigned_at, ?3) WHERE id = ?1",
    )?
    .execute(params![id, handler.0, now.instant])?;
    apply(tx, actor, now, &row.complaint, step, &member.name)?;
    escalate_one(tx, id, now).map(drop)
}

/// The handler's steps that carry only a note: contacting the customer, agreeing a solution, the return call.
pub fn step(
    tx: &Transaction,
    actor: &Actor,
    id: i64,
    step: ComplaintStep,
    note: &str,
    now: Now,
) -> Result<()> {
    let row = read(tx, id)?;
    require_handler(actor, &row)?;
    if !matches!(step, ComplaintStep::Contact | ComplaintStep::Agree | ComplaintStep::ReturnCall) {
        return Err(Issue::new(ErrorKind::InvalidState, "step", "this step has its own form").into());
    }
    let transition = complaint::transition(row.complaint.severity, row.complaint.state, step)?;
    let note = caredesk_domain::validate::text("note", note, 1000)?;
    match step {
        ComplaintStep::Agree => {
            tx.prepare_cached("UPDATE complaints SET solution = ?2 WHERE id = ?1")?
                .execute(params![id, note])?;
        }
        ComplaintStep::ReturnCall => {
            tx.prepare_cached("UPDATE complaints SET return_call_result = ?2 WHERE id = ?1")?
                .execute(params![id, note])?;
        }
        _ => {}
    }
    apply(tx, actor, now, &row.complaint, transition, &note)?;
    escalate_one(tx, id, now).map(drop)
}

/// Resolving on `resolved_on`, with the solution carried out.
pub fn resolve(
    tx: &Transaction,
    actor: &Actor,
    id: i64,
    resolved_on: NaiveDate,
    solution: &str,
    now: Now,
) -> Result<()> {
    let row = read(tx, id)?;
    require_handler(actor, &row)?;
    let (step, solution) = complaint::resolve(
        row.complaint.severity,
        row.complaint.state,
        row.received_on,
        resolved_on,
        now.today,
        solution,
    )?;
    // Resolved today: now; resolved on an earlier day: the end of that day counts for the limit.
    let at = if resolved_on == now.today {
        now.instant
    } else {
        now.instant - chrono::Duration::days((now.today - resolved_on).num_days())
    };
    tx.prepare_cached("UPDATE complaints SET solution = ?2, resolved_at = ?3 WHERE id = ?1")?
        .execute(params![id, solution, at])?;
    apply(tx, actor, now, &row.complaint, step, &solution)?;
    escalate_one(tx, id, now).map(drop)
}

/// Closing a serious complaint: the return call's result is on record.
pub fn close(tx: &Transaction, actor: &Actor, id: i64, now: Now) -> Result<()> {
    actor.require(Action::ManageComplaints)?;
    let row = read(tx, id)?;
    let result = row.complaint.return_call_result.clone().unwrap_or_default();
    let step = complaint::close(row.complaint.severity, row.complaint.state, &result)?;
    tx.prepare_cached("UPDATE complaints SET closed_at = ?2 WHERE id = ?1")?
        .execute(params![id, now.instant])?;
    apply(tx, actor, now, &row.complaint, step, "")
}

/// Reopening: the customer was not satisfied after all. It counts against one-time resolution.
pub fn reopen(tx: &Transaction, actor: &Actor, id: i64, reason: &str, now: Now) -> Result<()> {
    actor.require(Action::ManageComplaints)?;
    let row = read(tx, id)?;
    let step = complaint::transition(row.complaint.severity, row.complaint.state, ComplaintStep::Reopen)?;
    let reason = caredesk_domain::validate::text("reason", reason, 1000)?;
    tx.prepare_cached(
        "UPDATE complaints SET reopened = 1, resolved_at = NULL, closed_at = NULL, return_call_result = NULL
         WHERE id = ?1",
    )?
    .execute([id])?;
    apply(tx, actor, now, &row.complaint, step, &reason)
}

/// Ticks a recovery step (again, to correct it).
pub fn record_recovery(
    tx: &Transaction,
    actor: &Actor,
    id: i64,
    input: &RecoveryInput,
    now: Now,
) -> Result<()> {
    let row = read(tx, id)?;
    require_handler(actor, &row)?;
    let input = input.validate(row.received_on, now.today)?;
    tx.prepare_cached(
        "INSERT OR REPLACE INTO complaint_recovery (complaint_id, step, done_on, note, compensation, cost_fen, staff_name)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id,
        enum_text(&input.step),
        input.done_on,
        input.note,
        input.compensation,
        input.cost.map(|c| c.0),
        actor.name
    ])?;
    log(
        tx,
        actor,
        now,
        &row.complaint,
        AuditAction::Updated,
        vec![FieldChange { field: "recovery".into(), before: json!(null), after: json!(input.step) }],
    )
}

/// Records the cause, root cause and the improvement measure.
pub fn record_cause(tx: &Transaction, actor: &Actor, id: i64, input: &CauseInput, now: Now) -> Result<()> {
    let row = read(tx, id)?;
    require_handler(actor, &row)?;
    let input = input.validate(row.complaint.category, now.today)?;
    for (field, member) in
        [("responsibleId", input.responsible_id), ("measureOwnerId", Some(input.measure_owner_id))]
    {
        if let Some(member) = member
            && staff::get(tx, member).is_err()
        {
            return Err(Issue::new(ErrorKind::NotFound, field, "no such member of staff").into());
        }
    }
    tx.prepare_cached(
        "UPDATE complaints SET cause = ?2, root_cause = ?3, responsible_id = ?4, measure = ?5, measure_owner_id = ?6,
                               check_on = ?7, checked_at = NULL, updated_at = ?8
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        enum_text(&input.cause),
        input.root_cause,
        input.responsible_id.map(|s| s.0),
        input.measure,
        input.measure_owner_id.0,
        input.check_on,
        now.instant
    ])?;
    log(
        tx,
        actor,
        now,
        &row.complaint,
        AuditAction::Updated,
        vec![FieldChange { field: "cause".into(), before: json!(null), after: json!(input.cause) }],
    )
}

/// The improvement measure was checked: it leaves the list of measures to check.
pub fn check_measure(tx: &Transaction, actor: &Actor, id: i64, now: Now) -> Result<()> {
    actor.require(Action::ManageComplaints)?;
    let row = read(tx, id)?;
    if row.complaint.cause.is_none() {
        return Err(
            Issue::new(ErrorKind::InvalidState, "measure", "no improvement measure is recorded").into()
        );
    }
    tx.prepare_cached("UPDATE complaints SET checked_at = ?2 WHERE id = ?1")?
        .execute(params![id, now.instant])?;
    log(
        tx,
        actor,
        now,
        &row.complaint,
        AuditAction::Updated,
        vec![FieldChange { field: "measureChecked".into(), before: json!(false), after: json!(true) }],
    )
}

/// When the complaint was closed, for the KPIs and lists.
pub fn closed_at(conn: &Connection, id: i64) -> Result<Option<DateTime<Utc>>> {
    Ok(read(conn, id)?.closed_at)
}
