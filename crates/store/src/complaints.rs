//! The `complaints` aggregate: a complaint with its timeline
//! (`complaint_events`), the five recovery steps (`complaint_recovery`) and its
//! escalations (`complaint_escalations`). State changes go through the domain's
//! `ComplaintTransition`s; escalations through `complaint::escalations_due` on
//! the clock the caller passes in, so nothing here reads the time itself.

use caredesk_domain::audit::{AuditAction, AuditEntity, FieldChange};
use caredesk_domain::complaint::{
    self, CauseInput, CauseRecord, Clock, Complaint, ComplaintEvent, ComplaintInput, ComplaintLimits,
    ComplaintStep, ComplaintTransition, Escalation, EscalationReason, KpiFacts, Kpis, Recovery,
    RecoveryInput,
};
use caredesk_domain::{Action, Actor, ErrorKind, Fen, Issue, Role, StaffId};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;
use serde_json::json;

use crate::audit::{self, Change};
use crate::engine::{Read, Row, Write};
use crate::error::{Result, StoreError};
use crate::sql::{enum_text, parse_enum, parse_opt_enum};
use crate::{Now, customers, locks, preferences, staff, versions};

const LIMITS: &str = "complaint_limits";

/// The time limits and targets, with defaults for anything never set.
pub fn limits(conn: &(impl Read + ?Sized)) -> Result<ComplaintLimits> {
    preferences::get_json(conn, LIMITS)
}

pub fn update_limits(
    tx: &(impl Write + ?Sized),
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

/// A complaint with what the writes check beside it.
struct Record {
    complaint: Complaint,
    handler_id: Option<StaffId>,
    assigned_at: Option<DateTime<Utc>>,
    resolved_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
    received_on: NaiveDate,
}

const SELECT: &str =
    "SELECT k.id, k.number, k.state, k.severity, k.channel, k.category, k.hard_case, k.customer_id,
        c.name AS customer_name, c.mobile AS customer_mobile, k.vehicle_id, v.plate, k.visit_id,
        vi.number AS visit_number, k.description, k.request, k.received_by, k.received_at,
        k.handler_id, h.name AS handler, k.solution, k.return_call_result, k.reopened, k.cause,
        k.root_cause, r.name AS responsible, k.measure, o.name AS measure_owner, k.check_on,
        k.checked_at, k.assigned_at, k.resolved_at, k.closed_at, k.received_on, k.updated_at
     FROM complaints k
     JOIN customers c ON c.id = k.customer_id
     LEFT JOIN vehicles v ON v.id = k.vehicle_id
     LEFT JOIN visits vi ON vi.id = k.visit_id
     LEFT JOIN staff h ON h.id = k.handler_id
     LEFT JOIN staff r ON r.id = k.responsible_id
     LEFT JOIN staff o ON o.id = k.measure_owner_id
     WHERE k.id = ?1";

/// A `complaints` row with its joined names, its time limits from `limits`: the
/// complaint without its escalations, recovery and timeline, which `read` adds.
fn from_row(r: &Row, limits: &ComplaintLimits) -> Result<Record> {
    let cause = match (
        r.get::<Option<String>>("cause")?,
        r.get::<Option<String>>("root_cause")?,
        r.get::<Option<String>>("measure")?,
        r.get::<Option<String>>("measure_owner")?,
        r.get::<Option<NaiveDate>>("check_on")?,
    ) {
        (Some(cause), Some(root_cause), Some(measure), Some(measure_owner), Some(check_on)) => {
            Some(CauseRecord {
                cause: parse_enum(&cause)?,
                root_cause,
                responsible: r.get("responsible")?,
                measure,
                measure_owner,
                check_on,
                checked_at: r.get("checked_at")?,
            })
        }
        _ => None,
    };
    let handler_id = r.get::<Option<i64>>("handler_id")?.map(StaffId);
    let severity = parse_enum(&r.get::<String>("severity")?)?;
    let state = parse_enum(&r.get::<String>("state")?)?;
    let hard_case = parse_opt_enum(r.get("hard_case")?)?;
    let received_at = r.get("received_at")?;
    let (assigned_at, resolved_at) = (r.get("assigned_at")?, r.get("resolved_at")?);
    let clock =
        Clock { severity, state, hard_case, received_at, assigned_at, resolved_at, escalated: Vec::new() };
    let complaint = Complaint {
        id: r.get("id")?,
        number: r.get("number")?,
        state,
        severity,
        channel: parse_enum(&r.get::<String>("channel")?)?,
        category: parse_enum(&r.get::<String>("category")?)?,
        hard_case,
        customer_id: caredesk_domain::CustomerId(r.get("customer_id")?),
        customer_name: r.get("customer_name")?,
        customer_mobile: r.get("customer_mobile")?,
        vehicle_id: r.get::<Option<i64>>("vehicle_id")?.map(caredesk_domain::VehicleId),
        plate: r.get("plate")?,
        visit_id: r.get::<Option<i64>>("visit_id")?.map(caredesk_domain::VisitId),
        visit_number: r.get("visit_number")?,
        description: r.get("description")?,
        request: r.get("request")?,
        received_by: r.get("received_by")?,
        received_at,
        handler_id,
        handler: r.get("handler")?,
        solution: r.get("solution")?,
        return_call_result: r.get("return_call_result")?,
        assign_due: complaint::assign_due(&clock, limits),
        resolve_due: complaint::resolve_due(&clock, limits),
        escalations: Vec::new(),
        recovery: Vec::new(),
        cause,
        reopened: r.get("reopened")?,
        timeline: Vec::new(),
        updated_at: r.get("updated_at")?,
        deadline: None,
    };
    Ok(Record {
        complaint,
        handler_id,
        assigned_at,
        resolved_at,
        closed_at: r.get("closed_at")?,
        received_on: r.get("received_on")?,
    })
}

fn read(conn: &(impl Read + ?Sized), id: i64) -> Result<Record> {
    let row = conn.optional(SELECT, params![id])?.ok_or(StoreError::NotFound { what: "complaint", id })?;
    let mut record = from_row(&row, &limits(conn)?)?;
    let complaint = &mut record.complaint;
    complaint.escalations = escalations(conn, id)?;
    complaint.recovery = recovery(conn, id)?;
    complaint.timeline = timeline(conn, id)?;
    Ok(record)
}

fn escalations(conn: &(impl Read + ?Sized), id: i64) -> Result<Vec<Escalation>> {
    conn.rows(
        "SELECT reason, at FROM complaint_escalations WHERE complaint_id = ?1 ORDER BY at, reason",
        params![id],
    )?
    .iter()
    .map(|r| Ok(Escalation { reason: parse_enum(&r.get::<String>("reason")?)?, at: r.get("at")? }))
    .collect()
}

fn recovery(conn: &(impl Read + ?Sized), id: i64) -> Result<Vec<Recovery>> {
    conn.rows(
        "SELECT step, done_on, note, compensation, cost_fen, staff_name FROM complaint_recovery
         WHERE complaint_id = ?1 ORDER BY done_on, step",
        params![id],
    )?
    .iter()
    .map(|r| {
        Ok(Recovery {
            step: parse_enum(&r.get::<String>("step")?)?,
            done_on: r.get("done_on")?,
            note: r.get("note")?,
            compensation: r.get("compensation")?,
            cost: r.get::<Option<i64>>("cost_fen")?.map(Fen),
            by: r.get("staff_name")?,
        })
    })
    .collect()
}

fn timeline(conn: &(impl Read + ?Sized), id: i64) -> Result<Vec<ComplaintEvent>> {
    conn.rows(
        "SELECT step, state, at, staff_name, note FROM complaint_events WHERE complaint_id = ?1 ORDER BY id",
        params![id],
    )?
    .iter()
    .map(|r| {
        Ok(ComplaintEvent {
            step: parse_enum(&r.get::<String>("step")?)?,
            state: parse_enum(&r.get::<String>("state")?)?,
            at: r.get("at")?,
            by: r.get("staff_name")?,
            note: r.get("note")?,
        })
    })
    .collect()
}

/// A complaint with everything its page shows.
pub fn get(conn: &(impl Read + ?Sized), id: i64) -> Result<Complaint> {
    Ok(read(conn, id)?.complaint)
}

/// Complaints, newest first: the open ones only, or all; the list shows the newest 500.
pub fn list(conn: &(impl Read + ?Sized), open_only: bool) -> Result<Vec<Complaint>> {
    listed(conn, open_only, "LIMIT 500")
}

/// Every complaint the list's filter finds, newest first, however many: the export.
pub fn all(conn: &(impl Read + ?Sized), open_only: bool) -> Result<Vec<Complaint>> {
    listed(conn, open_only, "")
}

fn listed(conn: &(impl Read + ?Sized), open_only: bool, limit: &str) -> Result<Vec<Complaint>> {
    let filter = if open_only { "WHERE state <> 'closed'" } else { "" };
    conn.rows(&format!("SELECT id FROM complaints {filter} ORDER BY id DESC {limit}"), params![])?
        .iter()
        .map(|r| get(conn, r.get("id")?))
        .collect()
}

/// Open complaints escalated to the manager: the count on the navigation.
pub fn escalated_open(conn: &(impl Read + ?Sized)) -> Result<u32> {
    conn.one(
        "SELECT count(DISTINCT k.id) AS count
         FROM complaints k JOIN complaint_escalations e ON e.complaint_id = k.id
         WHERE k.state <> 'closed'",
        params![],
    )?
    .get("count")
}

/// Open complaints a follow-up call's hot alert opened that nobody has taken yet:
/// the manager's "new from calls" count.
pub fn unassigned_from_calls(conn: &(impl Read + ?Sized)) -> Result<u32> {
    conn.one(
        "SELECT count(*) AS count FROM complaints WHERE channel = 'follow_up_call' AND state = 'received'",
        params![],
    )?
    .get("count")
}

/// The KPIs over the complaints received from `since` (a local date) on.
pub fn kpis(conn: &(impl Read + ?Sized), since: NaiveDate) -> Result<Kpis> {
    let facts = conn
        .rows(
            "SELECT k.category, k.received_at, k.received_on, k.assigned_at, k.closed_at, k.reopened,
                    EXISTS (SELECT 1 FROM complaint_escalations e WHERE e.complaint_id = k.id) AS escalated
             FROM complaints k WHERE k.received_on >= ?1",
            params![since],
        )?
        .iter()
        .map(|r| {
            Ok(KpiFacts {
                category: parse_enum(&r.get::<String>("category")?)?,
                received_at: r.get("received_at")?,
                received_on: r.get("received_on")?,
                assigned_at: r.get("assigned_at")?,
                closed_at: r.get("closed_at")?,
                escalated: r.get("escalated")?,
                reopened: r.get("reopened")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(complaint::kpis(&facts))
}

// ---------------------------------------------------------------------------
// Writing
//
// Two desks may write at once on PostgreSQL, where SQLite's single writer
// serialised everything: every write to a complaint first locks its row
// (`read_for_update`), and numbering takes the day's lock (`next_number`), so
// each check still holds when the transaction writes, on both engines.
//
// A save from a form (the cause and measure, a recovery step, the handler, the
// measure's check) carries the complaint's `updatedAt` as its version and is
// refused as `stale` after someone else's change; the steps the flow table
// guards carry none. Every change stamps `updated_at` (`read_for_change`);
// an escalation does not, as it changes nothing a form edits.

/// The complaint, its row locked until the transaction ends (`locks::row`): two
/// desks changing one complaint take turns, each checking it as the other left it.
fn read_for_update(tx: &(impl Write + ?Sized), id: i64) -> Result<Record> {
    locks::row(tx, "complaints", id)?;
    read(tx, id)
}

/// `read_for_update` for a change: refused as `stale` when the complaint is no
/// longer at the form's `version`; with the `updated_at` the change stamps it
/// with, later than the one read, so a version is never handed out twice.
fn read_for_change(
    tx: &(impl Write + ?Sized),
    id: i64,
    version: Option<DateTime<Utc>>,
    now: Now,
) -> Result<(Record, DateTime<Utc>)> {
    let record = read_for_update(tx, id)?;
    let current = record.complaint.updated_at;
    let stamp = versions::check_and_stamp(
        tx,
        AuditEntity::Complaint,
        "complaint",
        id,
        current,
        version,
        now.instant,
    )?;
    Ok((record, stamp))
}

fn log(
    tx: &(impl Write + ?Sized),
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

/// Persists a checked step: the state (with the complaint's new `stamp`), the
/// timeline, the audit trail.
fn apply(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    now: Now,
    stamp: DateTime<Utc>,
    complaint: &Complaint,
    step: ComplaintTransition,
    note: &str,
) -> Result<()> {
    let updated = tx.run(
        "UPDATE complaints SET state = ?2, updated_at = ?3 WHERE id = ?1 AND state = ?4",
        params![complaint.id, enum_text(&step.to()), stamp, enum_text(&step.from())],
    )?;
    if updated != 1 {
        return Err(StoreError::Corrupt(format!(
            "complaint {} changed while it was being written",
            complaint.id
        )));
    }
    tx.run(
        "INSERT INTO complaint_events (complaint_id, step, state, at, staff_id, staff_name, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            complaint.id,
            enum_text(&step.step()),
            enum_text(&step.to()),
            now.instant,
            actor.id.0,
            actor.name,
            note
        ],
    )?;
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
fn require_handler(actor: &Actor, record: &Record) -> Result<()> {
    actor.require(Action::HandleComplaint)?;
    if actor.role == Role::ServiceManager || record.handler_id == Some(actor.id) {
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

/// The next complaint number of the day: `TS20261122-001`. The day's numbering
/// is locked until the transaction ends, so two desks never hand out one number.
fn next_number(tx: &(impl Write + ?Sized), today: NaiveDate) -> Result<String> {
    let prefix = format!("TS{}", today.format("%Y%m%d"));
    locks::advisory(tx, "complaints.number", &prefix)?;
    let last: Option<String> = tx
        .one(
            "SELECT max(number) AS last FROM complaints WHERE number >= ?1 AND number < ?2",
            params![format!("{prefix}-"), format!("{prefix}.")],
        )?
        .get("last")?;
    let n = last.and_then(|l| l.rsplit('-').next().and_then(|n| n.parse::<u32>().ok())).unwrap_or(0);
    Ok(format!("{prefix}-{:03}", n + 1))
}

/// Registers a complaint; the one who received it is its first-contact owner.
/// A socially influential case escalates at once.
pub fn register(tx: &(impl Write + ?Sized), actor: &Actor, input: &ComplaintInput, now: Now) -> Result<i64> {
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
    let id: i64 = tx
        .one(
            "INSERT INTO complaints (number, state, severity, channel, category, hard_case, customer_id, vehicle_id,
                                     visit_id, description, request, received_by_id, received_by, received_at,
                                     received_on, created_at, updated_at)
             VALUES (?1, 'received', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?13, ?13)
             RETURNING id",
            params![
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
            ],
        )?
        .get("id")?;
    let record = read(tx, id)?;
    log(
        tx,
        actor,
        now,
        &record.complaint,
        AuditAction::Created,
        vec![
            FieldChange { field: "number".into(), before: json!(null), after: json!(number) },
            FieldChange { field: "category".into(), before: json!(null), after: json!(input.category) },
            FieldChange { field: "severity".into(), before: json!(null), after: json!(input.severity) },
        ],
    )?;
    escalate(tx, &record, now)?;
    Ok(id)
}

/// The escalations due at `now` on a complaint as read.
fn escalations_due(conn: &(impl Read + ?Sized), record: &Record, now: Now) -> Result<Vec<EscalationReason>> {
    let clock = Clock {
        severity: record.complaint.severity,
        state: record.complaint.state,
        hard_case: record.complaint.hard_case,
        received_at: record.complaint.received_at,
        assigned_at: record.assigned_at,
        resolved_at: record.resolved_at,
        escalated: record.complaint.escalations.iter().map(|e| e.reason).collect(),
    };
    Ok(complaint::escalations_due(&clock, &limits(conn)?, now.instant))
}

/// Records the escalations due at `now` on a complaint read after its row was
/// locked (or, just registered, no other desk can see); returns the new ones.
fn escalate(tx: &(impl Write + ?Sized), record: &Record, now: Now) -> Result<Vec<EscalationReason>> {
    let due = escalations_due(tx, record, now)?;
    let id = record.complaint.id;
    for reason in &due {
        tx.run(
            "INSERT INTO complaint_escalations (complaint_id, reason, at) VALUES (?1, ?2, ?3)",
            params![id, enum_text(reason), now.instant],
        )?;
        audit::record(
            tx,
            &Actor::system(),
            now,
            Change {
                entity: AuditEntity::Complaint,
                entity_id: Some(id),
                customer_id: Some(record.complaint.customer_id),
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

/// Records the escalations now due on one complaint whose row is locked; returns the new ones.
fn escalate_one(tx: &(impl Write + ?Sized), id: i64, now: Now) -> Result<Vec<EscalationReason>> {
    let record = read_for_update(tx, id)?;
    escalate(tx, &record, now)
}

/// Records every escalation due at `now` on open complaints (the manager's
/// notifications). Run before the complaint screens and the navigation count read.
///
/// Every desk runs it, often at once: a complaint with something due is locked
/// and read again before anything is written, so the desk that comes second
/// sees the first one's escalation and records nothing — an escalation is
/// recorded (and notified) once. Complaints with nothing due are not locked,
/// so reading the screens never makes other desks wait.
pub fn escalate_due(tx: &(impl Write + ?Sized), now: Now) -> Result<Vec<(i64, EscalationReason)>> {
    let ids: Vec<i64> = tx
        .rows("SELECT id FROM complaints WHERE state <> 'closed' ORDER BY id", params![])?
        .iter()
        .map(|r| r.get("id"))
        .collect::<Result<_>>()?;
    let mut raised = Vec::new();
    for id in ids {
        if escalations_due(tx, &read(tx, id)?, now)?.is_empty() {
            continue;
        }
        raised.extend(escalate_one(tx, id, now)?.into_iter().map(|reason| (id, reason)));
    }
    Ok(raised)
}

/// A minor complaint solved on the spot: the solution closes it.
pub fn solve_on_the_spot(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: i64,
    solution: &str,
    now: Now,
) -> Result<()> {
    actor.require(Action::RegisterComplaint)?;
    let (record, stamp) = read_for_change(tx, id, None, now)?;
    let (step, solution) =
        complaint::solve_on_the_spot(record.complaint.severity, record.complaint.state, solution)?;
    tx.run(
        "UPDATE complaints SET solution = ?2, resolved_at = ?3, closed_at = ?3 WHERE id = ?1",
        params![id, solution, now.instant],
    )?;
    apply(tx, actor, now, stamp, &record.complaint, step, &solution)?;
    escalate_one(tx, id, now).map(drop)
}

/// Assigns (or re-assigns) the handler: an active member of staff. `version` is
/// the `updatedAt` of the complaint the handler was picked on: a desk that still
/// shows it unassigned must not silently re-assign the one another desk chose.
pub fn assign(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: i64,
    handler: StaffId,
    version: Option<DateTime<Utc>>,
    now: Now,
) -> Result<()> {
    actor.require(Action::ManageComplaints)?;
    let (record, stamp) = read_for_change(tx, id, version, now)?;
    let step =
        complaint::transition(record.complaint.severity, record.complaint.state, ComplaintStep::Assign)?;
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
    tx.run(
        "UPDATE complaints SET handler_id = ?2, assigned_at = coalesce(assigned_at, ?3) WHERE id = ?1",
        params![id, handler.0, now.instant],
    )?;
    apply(tx, actor, now, stamp, &record.complaint, step, &member.name)?;
    escalate_one(tx, id, now).map(drop)
}

/// The handler's steps that carry only a note: contacting the customer, agreeing a solution, the return call.
pub fn step(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: i64,
    step: ComplaintStep,
    note: &str,
    now: Now,
) -> Result<()> {
    // A step the flow table guards: a second desk's finds the complaint moved on.
    let (record, stamp) = read_for_change(tx, id, None, now)?;
    require_handler(actor, &record)?;
    if !matches!(step, ComplaintStep::Contact | ComplaintStep::Agree | ComplaintStep::ReturnCall) {
        return Err(Issue::new(ErrorKind::InvalidState, "step", "this step has its own form").into());
    }
    let transition = complaint::transition(record.complaint.severity, record.complaint.state, step)?;
    let note = caredesk_domain::validate::text("note", note, 1000)?;
    match step {
        ComplaintStep::Agree => {
            tx.run("UPDATE complaints SET solution = ?2 WHERE id = ?1", params![id, note])?;
        }
        ComplaintStep::ReturnCall => {
            tx.run("UPDATE complaints SET return_call_result = ?2 WHERE id = ?1", params![id, note])?;
        }
        _ => {}
    }
    apply(tx, actor, now, stamp, &record.complaint, transition, &note)?;
    escalate_one(tx, id, now).map(drop)
}

/// Resolving on `resolved_on`, with the solution carried out.
pub fn resolve(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: i64,
    resolved_on: NaiveDate,
    solution: &str,
    now: Now,
) -> Result<()> {
    let (record, stamp) = read_for_change(tx, id, None, now)?;
    require_handler(actor, &record)?;
    let (step, solution) = complaint::resolve(
        record.complaint.severity,
        record.complaint.state,
        record.received_on,
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
    tx.run("UPDATE complaints SET solution = ?2, resolved_at = ?3 WHERE id = ?1", params![id, solution, at])?;
    apply(tx, actor, now, stamp, &record.complaint, step, &solution)?;
    escalate_one(tx, id, now).map(drop)
}

/// Closing a serious complaint: the return call's result is on record.
pub fn close(tx: &(impl Write + ?Sized), actor: &Actor, id: i64, now: Now) -> Result<()> {
    actor.require(Action::ManageComplaints)?;
    let (record, stamp) = read_for_change(tx, id, None, now)?;
    let result = record.complaint.return_call_result.clone().unwrap_or_default();
    let step = complaint::close(record.complaint.severity, record.complaint.state, &result)?;
    tx.run("UPDATE complaints SET closed_at = ?2 WHERE id = ?1", params![id, now.instant])?;
    apply(tx, actor, now, stamp, &record.complaint, step, "")
}

/// Reopening: the customer was not satisfied after all. It counts against one-time resolution.
pub fn reopen(tx: &(impl Write + ?Sized), actor: &Actor, id: i64, reason: &str, now: Now) -> Result<()> {
    actor.require(Action::ManageComplaints)?;
    let (record, stamp) = read_for_change(tx, id, None, now)?;
    let step =
        complaint::transition(record.complaint.severity, record.complaint.state, ComplaintStep::Reopen)?;
    let reason = caredesk_domain::validate::text("reason", reason, 1000)?;
    tx.run(
        "UPDATE complaints SET reopened = 1, resolved_at = NULL, closed_at = NULL, return_call_result = NULL
         WHERE id = ?1",
        params![id],
    )?;
    apply(tx, actor, now, stamp, &record.complaint, step, &reason)
}

/// Ticks a recovery step (again, to correct it); from a form read before
/// someone else's change (`input.version`), refused as stale.
pub fn record_recovery(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: i64,
    input: &RecoveryInput,
    now: Now,
) -> Result<()> {
    let (record, stamp) = read_for_change(tx, id, input.version, now)?;
    require_handler(actor, &record)?;
    let input = input.validate(record.received_on, now.today)?;
    tx.run(
        "INSERT INTO complaint_recovery (complaint_id, step, done_on, note, compensation, cost_fen, staff_name)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (complaint_id, step) DO UPDATE SET done_on = excluded.done_on, note = excluded.note,
             compensation = excluded.compensation, cost_fen = excluded.cost_fen, staff_name = excluded.staff_name",
        params![
            id,
            enum_text(&input.step),
            input.done_on,
            input.note,
            input.compensation,
            input.cost.map(|c| c.0),
            actor.name
        ],
    )?;
    tx.run("UPDATE complaints SET updated_at = ?2 WHERE id = ?1", params![id, stamp])?;
    log(
        tx,
        actor,
        now,
        &record.complaint,
        AuditAction::Updated,
        vec![FieldChange { field: "recovery".into(), before: json!(null), after: json!(input.step) }],
    )
}

/// Records the cause, root cause and the improvement measure; from a form read
/// before someone else's change (`input.version`), refused as stale.
pub fn record_cause(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: i64,
    input: &CauseInput,
    now: Now,
) -> Result<()> {
    let (record, stamp) = read_for_change(tx, id, input.version, now)?;
    require_handler(actor, &record)?;
    let input = input.validate(record.complaint.category, now.today)?;
    for (field, member) in
        [("responsibleId", input.responsible_id), ("measureOwnerId", Some(input.measure_owner_id))]
    {
        if let Some(member) = member
            && staff::get(tx, member).is_err()
        {
            return Err(Issue::new(ErrorKind::NotFound, field, "no such member of staff").into());
        }
    }
    tx.run(
        "UPDATE complaints SET cause = ?2, root_cause = ?3, responsible_id = ?4, measure = ?5, measure_owner_id = ?6,
                               check_on = ?7, checked_at = NULL, updated_at = ?8
         WHERE id = ?1",
        params![
            id,
            enum_text(&input.cause),
            input.root_cause,
            input.responsible_id.map(|s| s.0),
            input.measure,
            input.measure_owner_id.0,
            input.check_on,
            stamp
        ],
    )?;
    log(
        tx,
        actor,
        now,
        &record.complaint,
        AuditAction::Updated,
        vec![FieldChange { field: "cause".into(), before: json!(null), after: json!(input.cause) }],
    )
}

/// The improvement measure was checked: it leaves the list of measures to check.
/// `version` is the `updatedAt` of the complaint whose measure was checked: a
/// measure recorded anew meanwhile has not been.
pub fn check_measure(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: i64,
    version: Option<DateTime<Utc>>,
    now: Now,
) -> Result<()> {
    actor.require(Action::ManageComplaints)?;
    let (record, stamp) = read_for_change(tx, id, version, now)?;
    if record.complaint.cause.is_none() {
        return Err(
            Issue::new(ErrorKind::InvalidState, "measure", "no improvement measure is recorded").into()
        );
    }
    tx.run(
        "UPDATE complaints SET checked_at = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, now.instant, stamp],
    )?;
    log(
        tx,
        actor,
        now,
        &record.complaint,
        AuditAction::Updated,
        vec![FieldChange { field: "measureChecked".into(), before: json!(false), after: json!(true) }],
    )
}

/// When the complaint was closed, for the KPIs and lists.
pub fn closed_at(conn: &(impl Read + ?Sized), id: i64) -> Result<Option<DateTime<Utc>>> {
    Ok(read(conn, id)?.closed_at)
}
