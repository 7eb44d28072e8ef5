//! Follow-up calls: the call created at handover (`follow_up_calls`), its
//! attempts (`follow_up_attempts`), the versioned questionnaire
//! (`questionnaires`) and the survey of a reached call (`follow_up_surveys`).
//! What an attempt does — the next day's retry, closing as unreachable, the
//! index, the hot alert — is decided by `caredesk_domain::follow_up::attempt`;
//! this module persists it, follows the visit up and registers the complaint a
//! hot alert opens, all in the caller's transaction.

use caredesk_domain::audit::{AuditAction, AuditEntity, FieldChange};
use caredesk_domain::complaint::{Channel, ComplaintInput, Severity};
use caredesk_domain::follow_up::{
    self, AlertRow, Answer, Attempt, AttemptInput, CallDetail, CallFact, CallFacts, CallFilter, CallStatus,
    CsiReport, FollowUpCall, FollowUpSettings, Outcome, Questionnaire, Survey, SurveyFact,
};
use caredesk_domain::{
    Action, Actor, ComplaintId, CustomerId, ErrorKind, FollowUpId, Issue, Role, StaffId, VehicleId, VisitId,
};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use serde_json::json;

use crate::audit::{self, Change};
use crate::error::{Result, StoreError};
use crate::sql::{enum_text, parse_enum, parse_opt_enum};
use crate::{Now, complaints, preferences, staff, visits};

const SETTINGS: &str = "follow_up_settings";

// ---------------------------------------------------------------------------
// Settings and the questionnaire

/// The number of attempts and the alert threshold, with defaults for anything never set.
pub fn settings(conn: &Connection) -> Result<FollowUpSettings> {
    preferences::get_json(conn, SETTINGS)
}

pub fn update_settings(
    tx: &Transaction,
    actor: &Actor,
    settings: &FollowUpSettings,
    now: Now,
) -> Result<FollowUpSettings> {
    actor.require(Action::PlanFollowUp)?;
    let before = self::settings(tx)?;
    let settings = settings.validate()?;
    preferences::set_json(tx, actor, now, SETTINGS, &before, &settings)?;
    Ok(settings)
}

fn parse_questionnaire(json: &str) -> Result<Questionnaire> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("questionnaire: {e}")))
}

/// The questionnaire asked now: the newest saved version, or the dealer's default as version 1.
pub fn questionnaire(conn: &Connection) -> Result<Questionnaire> {
    let json: Option<String> = conn
        .query_row("SELECT definition FROM questionnaires ORDER BY version DESC LIMIT 1", [], |r| {
            r.get("definition")
        })
        .optional()?;
    json.map_or_else(|| Ok(Questionnaire::default()), |json| parse_questionnaire(&json))
}

/// The questionnaire of `version`, as a survey was asked with it.
pub fn questionnaire_version(conn: &Connection, version: u32) -> Result<Questionnaire> {
    let json: Option<String> = conn
        .prepare_cached("SELECT definition FROM questionnaires WHERE version = ?1")?
        .query_row([version], |r| r.get("definition"))
        .optional()?;
    match json {
        Some(json) => parse_questionnaire(&json),
        None if version == 1 => Ok(Questionnaire::default()),
        None => Err(StoreError::NotFound { what: "questionnaire", id: i64::from(version) }),
    }
}

/// Saves `questionnaire` as its version unless that version is already stored.
fn store_version(tx: &Transaction, questionnaire: &Questionnaire, by: &str, now: Now) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO questionnaires (version, definition, created_at, created_by) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![questionnaire.version, audit::json(questionnaire)?.to_string(), now.instant, by])?;
    Ok(())
}

/// Saves a changed questionnaire as the next version; an unchanged one is returned as it is.
pub fn update_questionnaire(
    tx: &Transaction,
    actor: &Actor,
    questionnaire: &Questionnaire,
    now: Now,
) -> Result<Questionnaire> {
    actor.require(Action::PlanFollowUp)?;
    let current = self::questionnaire(tx)?;
    let mut next = questionnaire.validate()?;
    if next.same_as(&current) {
        return Ok(current);
    }
    store_version(tx, &current, &actor.name, now)?;
    next.version = current.version + 1;
    store_version(tx, &next, &actor.name, now)?;
    audit::record(
        tx,
        actor,
        now,
        Change {
            entity: AuditEntity::Settings,
            entity_id: None,
            customer_id: None,
            action: AuditAction::Updated,
            changes: vec![FieldChange {
                field: "questionnaireVersion".into(),
                before: json!(current.version),
                after: json!(next.version),
            }],
        },
    )?;
    Ok(next)
}

// ---------------------------------------------------------------------------
// Reading

const CALL_SELECT: &str = "
SELECT f.id, f.visit_id, v.number AS visit_number, v.state AS visit_state, f.customer_id,
       c.name AS customer_name, c.mobile, v.vehicle_id, vh.plate, vh.brand || ' ' || vh.model AS vehicle_label,
       coalesce((SELECT group_concat(description, '、') FROM (
                    SELECT l.description FROM order_lines l LEFT JOIN extra_work w ON w.id = l.extra_work_id
                    WHERE l.visit_id = v.id AND l.kind = 'labour' AND (l.extra_work_id IS NULL OR w.status = 'approved')
                    ORDER BY l.extra_work_id IS NOT NULL, l.position)),
                v.requested_work) AS work_done,
       v.advisor_id, a.name AS advisor_name, substr(v.handed_over_local, 1, 10) AS handed_over_on, f.due_from,
       f.due_to, f.status, coalesce(f.next_on, f.due_from) AS next_on, f.call_back_at, f.attempts, f.last_outcome,
       f.caller_id, k.name AS caller_name, s.csi, f.complaint_id, f.not_reached
FROM follow_up_calls f
JOIN visits v ON v.id = f.visit_id
JOIN customers c ON c.id = f.customer_id
JOIN vehicles vh ON vh.id = v.vehicle_id
JOIN staff a ON a.id = v.advisor_id
LEFT JOIN staff k ON k.id = f.caller_id
LEFT JOIN follow_up_surveys s ON s.call_id = f.id";

/// A row as read, before the status text is parsed.
struct Raw {
    call: FollowUpCall,
    status: String,
    visit_state: String,
    last_outcome: Option<String>,
    not_reached: u32,
}

fn call_from_row(r: &Row<'_>) -> rusqlite::Result<Raw> {
    let handed_over_on: NaiveDate = r.get("handed_over_on")?;
    Ok(Raw {
        call: FollowUpCall {
            id: FollowUpId(r.get("id")?),
            row: 0,
            visit_id: VisitId(r.get("visit_id")?),
            visit_number: r.get("visit_number")?,
            visit_state: caredesk_domain::visit::VisitState::HandedOver,
            customer_id: CustomerId(r.get("customer_id")?),
            customer_name: r.get("customer_name")?,
            mobile: r.get("mobile")?,
            vehicle_id: VehicleId(r.get("vehicle_id")?),
            plate: r.get("plate")?,
            vehicle_label: r.get("vehicle_label")?,
            work_done: r.get("work_done")?,
            advisor_id: StaffId(r.get("advisor_id")?),
            advisor_name: r.get("advisor_name")?,
            handed_over_on,
            due_from: r.get("due_from")?,
            due_to: r.get("due_to")?,
            status: CallStatus::Open,
            due: follow_up::Due::Closed,
            next_on: r.get("next_on")?,
            call_back_at: r.get("call_back_at")?,
            attempts: r.get("attempts")?,
            last_outcome: None,
            caller_id: r.get::<_, Option<i64>>("caller_id")?.map(StaffId),
            caller_name: r.get("caller_name")?,
            csi: r.get("csi")?,
            complaint_id: r.get::<_, Option<i64>>("complaint_id")?.map(ComplaintId),
        },
        status: r.get("status")?,
        visit_state: r.get("visit_state")?,
        last_outcome: r.get("last_outcome")?,
        not_reached: r.get("not_reached")?,
    })
}

fn finish(raw: Raw, today: NaiveDate) -> Result<(FollowUpCall, u32)> {
    let mut call = raw.call;
    call.status = parse_enum(&raw.status)?;
    call.visit_state = parse_enum(&raw.visit_state)?;
    call.last_outcome = parse_opt_enum::<Outcome>(raw.last_outcome)?;
    call.due = follow_up::due(call.status, call.next_on, call.due_to, today);
    Ok((call, raw.not_reached))
}

/// Every call on the list of `day`, numbered: open calls due by then, and calls
/// worked on that day (so a call keeps its row number once it is done).
fn day_list(conn: &Connection, day: NaiveDate, today: NaiveDate) -> Result<Vec<FollowUpCall>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{CALL_SELECT}
         WHERE f.id IN (SELECT id FROM follow_up_calls WHERE status = 'open' AND next_on <= ?1
                        UNION SELECT id FROM follow_up_calls WHERE last_on = ?1)
         ORDER BY f.due_from, v.handed_over_at, f.id"
    ))?;
    let raws = stmt.query_map([day], call_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    raws.into_iter()
        .zip(1u32..)
        .map(|(raw, row)| {
            let (mut call, _) = finish(raw, today)?;
            call.row = row;
            Ok(call)
        })
        .collect()
}

/// An advisor sees their own visits' calls only.
fn own_advisor(actor: &Actor) -> Option<StaffId> {
    (actor.role == Role::ServiceAdvisor).then_some(actor.id)
}

/// The call list of `filter.date`: the row numbers are the day's, whatever the
/// filter, so a filtered sheet's numbers match the screen.
pub fn list(
    conn: &Connection,
    actor: &Actor,
    filter: &CallFilter,
    today: NaiveDate,
) -> Result<Vec<FollowUpCall>> {
    actor.require(Action::ReadSatisfaction)?;
    let advisor = own_advisor(actor).or(filter.advisor_id);
    Ok(day_list(conn, filter.date, today)?
        .into_iter()
        .filter(|c| advisor.is_none_or(|a| c.advisor_id == a))
        .filter(|c| filter.caller_id.is_none_or(|k| c.caller_id == Some(k)))
        .filter(|c| !filter.untaken || c.caller_id.is_none())
        .collect())
}

fn read_call(conn: &Connection, id: FollowUpId, today: NaiveDate) -> Result<(FollowUpCall, u32)> {
    let raw = conn
        .prepare_cached(&format!("{CALL_SELECT} WHERE f.id = ?1"))?
        .query_row([id.0], call_from_row)
        .optional()?
        .ok_or(StoreError::NotFound { what: "follow-up call", id: id.0 })?;
    finish(raw, today)
}

/// A `follow_up_attempts` row as read, before the outcome text is parsed.
struct AttemptRow {
    outcome: String,
    at: DateTime<Utc>,
    by: String,
    call_back_at: Option<NaiveDateTime>,
    note: String,
}

impl AttemptRow {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<AttemptRow> {
        Ok(AttemptRow {
            outcome: r.get("outcome")?,
            at: r.get("at")?,
            by: r.get("staff_name")?,
            call_back_at: r.get("call_back_at")?,
            note: r.get("note")?,
        })
    }
}

fn attempts(conn: &Connection, id: FollowUpId) -> Result<Vec<Attempt>> {
    let mut stmt = conn.prepare_cached(
        "SELECT outcome, at, staff_name, call_back_at, note FROM follow_up_attempts WHERE call_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([id.0], AttemptRow::from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|AttemptRow { outcome, at, by, call_back_at, note }| {
            Ok(Attempt { outcome: parse_enum(&outcome)?, at, by, call_back_at, note })
        })
        .collect()
}

fn parse_answers(json: &str) -> Result<Vec<Answer>> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("survey answers: {e}")))
}

/// A survey's columns as read, before the answers' JSON is parsed.
struct SurveyRow {
    version: u32,
    answers: String,
    comment: String,
    flagged: bool,
    csi: u32,
}

impl SurveyRow {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<SurveyRow> {
        Ok(SurveyRow {
            version: r.get("version")?,
            answers: r.get("answers")?,
            comment: r.get("comment")?,
            flagged: r.get("flagged")?,
            csi: r.get("csi")?,
        })
    }

    fn into_survey(self) -> Result<Survey> {
        let SurveyRow { version, answers, comment, flagged, csi } = self;
        Ok(Survey { version, answers: parse_answers(&answers)?, comment, flagged, csi })
    }
}

fn survey(conn: &Connection, id: FollowUpId) -> Result<Option<Survey>> {
    let row = conn
        .prepare_cached(
            "SELECT version, answers, comment, flagged, csi FROM follow_up_surveys WHERE call_id = ?1",
        )?
        .query_row([id.0], SurveyRow::from_row)
        .optional()?;
    row.map(SurveyRow::into_survey).transpose()
}

/// A call with its attempts, its survey and the questionnaire it is (or was) asked with.
pub fn get(conn: &Connection, actor: &Actor, id: FollowUpId, today: NaiveDate) -> Result<CallDetail> {
    actor.require(Action::ReadSatisfaction)?;
    let (mut call, _) = read_call(conn, id, today)?;
    if own_advisor(actor).is_some_and(|a| a != call.advisor_id) {
        return Err(Issue {
            kind: ErrorKind::Forbidden,
            field: None,
            message: "an advisor sees the follow-up calls of their own visits".into(),
            conflict: None,
            action: Some(Action::ReadSatisfaction),
            changed: None,
        }
        .into());
    }
    call.row = day_list(conn, today, today)?.iter().find(|c| c.id == id).map_or(0, |c| c.row);
    let survey = survey(conn, id)?;
    let questionnaire = match &survey {
        Some(s) => questionnaire_version(conn, s.version)?,
        None => questionnaire(conn)?,
    };
    let complaint_number = match call.complaint_id {
        Some(c) => Some(complaints::get(conn, c.0)?.number),
        None => None,
    };
    Ok(CallDetail { call, attempts: attempts(conn, id)?, survey, questionnaire, complaint_number })
}

/// The call of a visit, if it was handed over.
pub fn of_visit(
    conn: &Connection,
    actor: &Actor,
    visit: VisitId,
    today: NaiveDate,
) -> Result<Option<CallDetail>> {
    let id: Option<i64> = conn
        .prepare_cached("SELECT id FROM follow_up_calls WHERE visit_id = ?1")?
        .query_row([visit.0], |r| r.get("id"))
        .optional()?;
    id.map(|id| get(conn, actor, FollowUpId(id), today)).transpose()
}

/// A survey of the report with its advisor, as read.
struct SurveyFactRow {
    advisor_id: i64,
    advisor_name: String,
    surveyed_on: NaiveDate,
    survey: SurveyRow,
    alert: bool,
}

impl SurveyFactRow {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<SurveyFactRow> {
        Ok(SurveyFactRow {
            advisor_id: r.get("advisor_id")?,
            advisor_name: r.get("advisor_name")?,
            surveyed_on: r.get("surveyed_on")?,
            survey: SurveyRow::from_row(r)?,
            alert: r.get("alert")?,
        })
    }
}

/// The satisfaction report over surveys taken from `from` to `to` (local days,
/// inclusive) and the calls due in that period. An advisor's report is of their own visits.
pub fn report(
    conn: &Connection,
    actor: &Actor,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<CsiReport> {
    actor.require(Action::ReadSatisfaction)?;
    if to < from {
        return Err(Issue::new(ErrorKind::DateOrder, "to", "the period must end after it starts").into());
    }
    let advisor = own_advisor(actor).map(|a| a.0);
    let mut stmt = conn.prepare_cached(
        "SELECT s.advisor_id, a.name AS advisor_name, s.surveyed_on, s.version, s.answers, s.comment, s.flagged,
                s.csi, s.alert
         FROM follow_up_surveys s JOIN staff a ON a.id = s.advisor_id
         WHERE s.surveyed_on >= ?1 AND s.surveyed_on <= ?2 AND (?3 IS NULL OR s.advisor_id = ?3)
         ORDER BY s.surveyed_on",
    )?;
    let rows = stmt
        .query_map(params![from, to, advisor], SurveyFactRow::from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let surveys = rows
        .into_iter()
        .map(|SurveyFactRow { advisor_id, advisor_name, surveyed_on, survey, alert }| {
            Ok(SurveyFact {
                advisor_id: StaffId(advisor_id),
                advisor_name,
                surveyed_on,
                survey: survey.into_survey()?,
                alert,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT f.status, f.due_to, f.closed_on FROM follow_up_calls f JOIN visits v ON v.id = f.visit_id
         WHERE f.due_from >= ?1 AND f.due_from <= ?2 AND (?3 IS NULL OR v.advisor_id = ?3)",
    )?;
    let rows = stmt
        .query_map(params![from, to, advisor], |r| {
            Ok((
                r.get::<_, String>("status")?,
                r.get::<_, NaiveDate>("due_to")?,
                r.get::<_, Option<NaiveDate>>("closed_on")?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let calls = rows
        .into_iter()
        .map(|(status, due_to, closed_on)| Ok(CallFact { status: parse_enum(&status)?, due_to, closed_on }))
        .collect::<Result<Vec<_>>>()?;
    let mut report = follow_up::report(from, to, today, &surveys, &calls, &questionnaire(conn)?);
    report.alerts = alerts(conn, from, to, advisor)?;
    Ok(report)
}

fn alerts(conn: &Connection, from: NaiveDate, to: NaiveDate, advisor: Option<i64>) -> Result<Vec<AlertRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT f.id AS call_id, v.id AS visit_id, v.number AS visit_number, c.name AS customer_name,
                a.name AS advisor_name, s.surveyed_on, s.csi, k.id AS complaint_id, k.number AS complaint_number,
                k.state AS complaint_state
         FROM follow_up_surveys s
         JOIN follow_up_calls f ON f.id = s.call_id
         JOIN visits v ON v.id = s.visit_id
         JOIN customers c ON c.id = f.customer_id
         JOIN staff a ON a.id = s.advisor_id
         JOIN complaints k ON k.id = f.complaint_id
         WHERE s.surveyed_on >= ?1 AND s.surveyed_on <= ?2 AND (?3 IS NULL OR s.advisor_id = ?3)
         ORDER BY s.at DESC",
    )?;
    let rows = stmt
        .query_map(params![from, to, advisor], |r| {
            Ok((
                AlertRow {
                    call_id: FollowUpId(r.get("call_id")?),
                    visit_id: VisitId(r.get("visit_id")?),
                    visit_number: r.get("visit_number")?,
                    customer_name: r.get("customer_name")?,
                    advisor_name: r.get("advisor_name")?,
                    surveyed_on: r.get("surveyed_on")?,
                    csi: r.get("csi")?,
                    complaint_id: ComplaintId(r.get("complaint_id")?),
                    complaint_number: r.get("complaint_number")?,
                    complaint_state: caredesk_domain::complaint::ComplaintState::Received,
                },
                r.get::<_, String>("complaint_state")?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(mut row, state)| {
            row.complaint_state = parse_enum(&state)?;
            Ok(row)
        })
        .collect()
}

/// Who may be given calls: active follow-up staff and service managers.
pub fn callers(conn: &Connection) -> Result<Vec<caredesk_domain::staff::Colleague>> {
    Ok(staff::list(conn)?
        .into_iter()
        .filter(|m| m.active && caredesk_domain::staff::may(m.role, Action::CallCustomers))
        .map(|m| caredesk_domain::staff::Colleague { id: m.id, name: m.name, role: m.role })
        .collect())
}

// ---------------------------------------------------------------------------
// Writing

fn log(
    tx: &Transaction,
    actor: &Actor,
    now: Now,
    call: &FollowUpCall,
    action: AuditAction,
    changes: Vec<FieldChange>,
) -> Result<()> {
    audit::record(
        tx,
        actor,
        now,
        Change {
            entity: AuditEntity::Visit,
            entity_id: Some(call.visit_id.0),
            customer_id: Some(call.customer_id),
            action,
            changes,
        },
    )
}

/// Gives open calls to `caller`. Follow-up staff take calls for themselves (ones
/// nobody has, or their own); a manager gives any open call to any caller.
pub fn assign(tx: &Transaction, actor: &Actor, ids: &[FollowUpId], caller: StaffId, now: Now) -> Result<()> {
    actor.require(Action::CallCustomers)?;
    let manager = actor.role == Role::ServiceManager;
    if !manager && caller != actor.id {
        return Err(Issue::new(
            ErrorKind::Forbidden,
            "callerId",
            "follow-up staff take calls for themselves",
        )
        .into());
    }
    let member = staff::get(tx, caller).map_err(|e| match e {
        StoreError::NotFound { .. } => {
            StoreError::from(Issue::new(ErrorKind::NotFound, "callerId", "no such member of staff"))
        }
        other => other,
    })?;
    if !member.active || !caredesk_domain::staff::may(member.role, Action::CallCustomers) {
        return Err(Issue::new(
            ErrorKind::InvalidState,
            "callerId",
            format!("{} does not work follow-up calls", member.name),
        )
        .into());
    }
    if ids.is_empty() {
        return Err(Issue::new(ErrorKind::Required, "ids", "choose the calls to take").into());
    }
    for id in ids {
        let (call, _) = read_call(tx, *id, now.today)?;
        if call.status != CallStatus::Open {
            return Err(Issue::new(
                ErrorKind::InvalidState,
                "ids",
                format!("the call to {} is already closed", call.customer_name),
            )
            .into());
        }
        if !manager && call.caller_id.is_some_and(|k| k != actor.id) {
            return Err(Issue::new(
                ErrorKind::InvalidState,
                "ids",
                format!(
                    "{} has already taken the call to {}",
                    call.caller_name.clone().unwrap_or_default(),
                    call.customer_name
                ),
            )
            .into());
        }
        if call.caller_id == Some(caller) {
            continue;
        }
        tx.prepare_cached("UPDATE follow_up_calls SET caller_id = ?2 WHERE id = ?1")?
            .execute(params![id.0, caller.0])?;
        log(
            tx,
            actor,
            now,
            &call,
            AuditAction::CallsAssigned,
            vec![FieldChange {
                field: "caller".into(),
                before: json!(call.caller_name),
                after: json!(member.name),
            }],
        )?;
    }
    Ok(())
}

/// Records one attempt at the call: its outcome, the next attempt or the call's
/// close, and for a reached customer the survey — which follows the visit up and,
/// on a hot alert, registers a complaint linked to the visit. Returns the
/// complaint opened, if any.
pub fn record_attempt(
    tx: &Transaction,
    actor: &Actor,
    id: FollowUpId,
    input: &AttemptInput,
    now: Now,
) -> Result<Option<ComplaintId>> {
    actor.require(Action::CallCustomers)?;
    let (call, not_reached) = read_call(tx, id, now.today)?;
    if actor.role != Role::ServiceManager && call.caller_id.is_some_and(|k| k != actor.id) {
        return Err(Issue::new(
            ErrorKind::Forbidden,
            "callerId",
            format!("{} has taken this call", call.caller_name.clone().unwrap_or_default()),
        )
        .into());
    }
    let questionnaire = questionnaire(tx)?;
    let settings = settings(tx)?;
    let facts = CallFacts { status: call.status, not_reached, visit_state: call.visit_state };
    let plan = follow_up::attempt(&facts, input, &questionnaire, &settings, now.local)?;
    tx.prepare_cached(
        "INSERT INTO follow_up_attempts (call_id, outcome, at, on_day, staff_id, staff_name, call_back_at, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id.0,
        enum_text(&plan.outcome),
        now.instant,
        now.today,
        actor.id.0,
        actor.name,
        plan.call_back_at,
        plan.note
    ])?;
    let closed = plan.status != CallStatus::Open;
    tx.prepare_cached(
        "UPDATE follow_up_calls
         SET status = ?2, next_on = coalesce(?3, next_on), call_back_at = ?4, attempts = attempts + 1,
             not_reached = ?5, last_outcome = ?6, last_on = ?7, caller_id = coalesce(caller_id, ?8),
             closed_at = ?9, closed_on = ?10
         WHERE id = ?1 AND status = 'open'",
    )?
    .execute(params![
        id.0,
        enum_text(&plan.status),
        plan.next_on,
        plan.call_back_at,
        plan.not_reached,
        enum_text(&plan.outcome),
        now.today,
        actor.id.0,
        closed.then_some(now.instant),
        closed.then_some(now.today),
    ])?;
    let mut changes = vec![
        FieldChange { field: "outcome".into(), before: json!(null), after: json!(plan.outcome) },
        FieldChange { field: "callStatus".into(), before: json!(call.status), after: json!(plan.status) },
    ];
    if let Some(next) = plan.next_on {
        changes.push(FieldChange {
            field: "nextAttemptOn".into(),
            before: json!(call.next_on),
            after: json!(next),
        });
    }
    let mut complaint = None;
    if let (Some(survey), Some(transition)) = (&plan.survey, plan.visit) {
        store_version(tx, &questionnaire, &actor.name, now)?;
        tx.prepare_cached(
            "INSERT INTO follow_up_surveys (call_id, visit_id, version, answers, comment, flagged, csi, alert,
                                            advisor_id, surveyed_on, at, staff_name)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?
        .execute(params![
            id.0,
            call.visit_id.0,
            survey.version,
            audit::json(&survey.answers)?.to_string(),
            survey.comment,
            survey.flagged,
            survey.csi,
            plan.alert.is_some(),
            call.advisor_id.0,
            now.today,
            now.instant,
            actor.name,
        ])?;
        changes.push(FieldChange { field: "csi".into(), before: json!(null), after: json!(survey.csi) });
        visits::follow_up(tx, actor, call.visit_id, transition, survey.csi, now)?;
        if let Some(alert) = &plan.alert {
            let input = ComplaintInput {
                customer_id: call.customer_id,
                vehicle_id: Some(call.vehicle_id),
                visit_id: Some(call.visit_id),
                channel: Channel::FollowUpCall,
                severity: Severity::Serious,
                category: alert.category,
                hard_case: None,
                description: follow_up::alert_description(alert, survey, &questionnaire),
                request: String::new(),
            };
            let opened = complaints::register(tx, actor, &input, now)?;
            tx.prepare_cached("UPDATE follow_up_calls SET complaint_id = ?2 WHERE id = ?1")?
                .execute(params![id.0, opened])?;
            changes.push(FieldChange {
                field: "complaint".into(),
                before: json!(null),
                after: json!(opened),
            });
            complaint = Some(ComplaintId(opened));
        }
    }
    log(tx, actor, now, &call, AuditAction::CallAttempted, changes)?;
    Ok(complaint)
}

/// Every open call with the day it is due from, earliest first.
pub fn open_calls(conn: &Connection) -> Result<Vec<(FollowUpId, NaiveDate)>> {
    let mut stmt =
        conn.prepare("SELECT id, due_from FROM follow_up_calls WHERE status = 'open' ORDER BY due_from, id")?;
    let calls = stmt
        .query_map([], |r| Ok((FollowUpId(r.get("id")?), r.get("due_from")?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(calls)
}
