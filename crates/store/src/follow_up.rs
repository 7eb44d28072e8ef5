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
use chrono::NaiveDate;
use rusqlite::params;
use serde_json::json;

use crate::audit::{self, Change};
use crate::engine::{Dialect, Read, Row, Write};
use crate::error::{Result, StoreError};
use crate::sql::{enum_text, parse_enum, parse_opt_enum};
use crate::{Now, complaints, locks, preferences, staff, visits};

const SETTINGS: &str = "follow_up_settings";

// ---------------------------------------------------------------------------
// Settings and the questionnaire

/// The number of attempts and the alert threshold, with defaults for anything never set.
pub fn settings(conn: &(impl Read + ?Sized)) -> Result<FollowUpSettings> {
    preferences::get_json(conn, SETTINGS)
}

pub fn update_settings(
    tx: &(impl Write + ?Sized),
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
pub fn questionnaire(conn: &(impl Read + ?Sized)) -> Result<Questionnaire> {
    let json: Option<String> = conn
        .optional("SELECT definition FROM questionnaires ORDER BY version DESC LIMIT 1", params![])?
        .map(|r| r.get("definition"))
        .transpose()?;
    json.map_or_else(|| Ok(Questionnaire::default()), |json| parse_questionnaire(&json))
}

/// The questionnaire of `version`, as a survey was asked with it.
pub fn questionnaire_version(conn: &(impl Read + ?Sized), version: u32) -> Result<Questionnaire> {
    let json: Option<String> = conn
        .optional("SELECT definition FROM questionnaires WHERE version = ?1", params![version])?
        .map(|r| r.get("definition"))
        .transpose()?;
    match json {
        Some(json) => parse_questionnaire(&json),
        None if version == 1 => Ok(Questionnaire::default()),
        None => Err(StoreError::NotFound { what: "questionnaire", id: i64::from(version) }),
    }
}

/// Saves `questionnaire` as its version unless that version is already stored.
fn store_version(
    tx: &(impl Write + ?Sized),
    questionnaire: &Questionnaire,
    by: &str,
    now: Now,
) -> Result<()> {
    tx.run(
        "INSERT INTO questionnaires (version, definition, created_at, created_by) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT DO NOTHING",
        params![questionnaire.version, audit::json(questionnaire)?.to_string(), now.instant, by],
    )?;
    Ok(())
}

/// Saves a changed questionnaire as the next version; an unchanged one is returned as it is.
/// The versions are locked first, so two managers saving at once make two
/// versions, one after the other, as on SQLite — the second never lost.
pub fn update_questionnaire(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    questionnaire: &Questionnaire,
    now: Now,
) -> Result<Questionnaire> {
    actor.require(Action::PlanFollowUp)?;
    locks::advisory(tx, "questionnaires.version", "")?;
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

/// `expr` of the rows joined by `separator` in the order of `order_by`: the
/// `ORDER BY` goes inside the aggregate, after its last argument, on both
/// engines (SQLite 3.44+, PostgreSQL), so the order never depends on a plan.
fn ordered_concat(dialect: Dialect, expr: &str, separator: &str, order_by: &str) -> String {
    dialect.group_concat(expr, &format!("{separator} ORDER BY {order_by}"))
}

/// The calls' `SELECT`, with the labour done on the visit (the order's own lines
/// and the approved extra work's, in the order's order) or, without any, the work asked for.
fn call_select(dialect: Dialect) -> String {
    let work_done =
        ordered_concat(dialect, "l.description", "'、'", "l.extra_work_id IS NOT NULL, l.position");
    format!(
        "SELECT f.id, f.visit_id, v.number AS visit_number, v.state AS visit_state, f.customer_id,
       c.name AS customer_name, c.mobile, v.vehicle_id, vh.plate, vh.brand || ' ' || vh.model AS vehicle_label,
       coalesce((SELECT {work_done}
                 FROM order_lines l LEFT JOIN extra_work w ON w.id = l.extra_work_id
                 WHERE l.visit_id = v.id AND l.kind = 'labour' AND (l.extra_work_id IS NULL OR w.status = 'approved')),
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
LEFT JOIN follow_up_surveys s ON s.call_id = f.id"
    )
}

/// A call as read, its texts parsed, and its attempts that did not reach the customer.
fn call_from_row(r: &Row, today: NaiveDate) -> Result<(FollowUpCall, u32)> {
    let status: CallStatus = parse_enum(&r.get::<String>("status")?)?;
    let next_on: NaiveDate = r.get("next_on")?;
    let due_to: NaiveDate = r.get("due_to")?;
    let call = FollowUpCall {
        id: FollowUpId(r.get("id")?),
        row: 0,
        visit_id: VisitId(r.get("visit_id")?),
        visit_number: r.get("visit_number")?,
        visit_state: parse_enum(&r.get::<String>("visit_state")?)?,
        customer_id: CustomerId(r.get("customer_id")?),
        customer_name: r.get("customer_name")?,
        mobile: r.get("mobile")?,
        vehicle_id: VehicleId(r.get("vehicle_id")?),
        plate: r.get("plate")?,
        vehicle_label: r.get("vehicle_label")?,
        work_done: r.get("work_done")?,
        advisor_id: StaffId(r.get("advisor_id")?),
        advisor_name: r.get("advisor_name")?,
        handed_over_on: r.get("handed_over_on")?,
        due_from: r.get("due_from")?,
        due_to,
        status,
        due: follow_up::due(status, next_on, due_to, today),
        next_on,
        call_back_at: r.get("call_back_at")?,
        attempts: r.get("attempts")?,
        last_outcome: parse_opt_enum::<Outcome>(r.get("last_outcome")?)?,
        caller_id: r.get::<Option<i64>>("caller_id")?.map(StaffId),
        caller_name: r.get("caller_name")?,
        csi: r.get("csi")?,
        complaint_id: r.get::<Option<i64>>("complaint_id")?.map(ComplaintId),
        may_work: false,
    };
    Ok((call, r.get("not_reached")?))
}

/// Every call on the list of `day`, numbered: open calls due by then, and calls
/// worked on that day (so a call keeps its row number once it is done).
fn day_list(conn: &(impl Read + ?Sized), day: NaiveDate, today: NaiveDate) -> Result<Vec<FollowUpCall>> {
    let sql = format!(
        "{}
         WHERE f.id IN (SELECT id FROM follow_up_calls WHERE status = 'open' AND next_on <= ?1
                        UNION SELECT id FROM follow_up_calls WHERE last_on = ?1)
         ORDER BY f.due_from, v.handed_over_at, f.id",
        call_select(conn.dialect())
    );
    conn.rows(&sql, params![day])?
        .iter()
        .zip(1u32..)
        .map(|(r, row)| {
            let (mut call, _) = call_from_row(r, today)?;
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
    conn: &(impl Read + ?Sized),
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
        .map(|c| FollowUpCall { may_work: follow_up::may_work(c.status, c.caller_id, actor), ..c })
        .collect())
}

fn read_call(conn: &(impl Read + ?Sized), id: FollowUpId, today: NaiveDate) -> Result<(FollowUpCall, u32)> {
    let row = conn
        .optional(&format!("{} WHERE f.id = ?1", call_select(conn.dialect())), params![id.0])?
        .ok_or(StoreError::NotFound { what: "follow-up call", id: id.0 })?;
    call_from_row(&row, today)
}

/// The call, its row locked until the transaction ends (`locks::row`): two desks
/// taking or working one call take turns, each checking it as the other left it.
fn read_call_for_update(
    tx: &(impl Write + ?Sized),
    id: FollowUpId,
    today: NaiveDate,
) -> Result<(FollowUpCall, u32)> {
    locks::row(tx, "follow_up_calls", id.0)?;
    read_call(tx, id, today)
}

fn attempts(conn: &(impl Read + ?Sized), id: FollowUpId) -> Result<Vec<Attempt>> {
    conn.rows(
        "SELECT outcome, at, staff_name, call_back_at, note FROM follow_up_attempts WHERE call_id = ?1 ORDER BY id",
        params![id.0],
    )?
    .iter()
    .map(|r| {
        Ok(Attempt {
            outcome: parse_enum(&r.get::<String>("outcome")?)?,
            at: r.get("at")?,
            by: r.get("staff_name")?,
            call_back_at: r.get("call_back_at")?,
            note: r.get("note")?,
        })
    })
    .collect()
}

fn parse_answers(json: &str) -> Result<Vec<Answer>> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("survey answers: {e}")))
}

fn survey_from_row(r: &Row) -> Result<Survey> {
    Ok(Survey {
        version: r.get("version")?,
        answers: parse_answers(&r.get::<String>("answers")?)?,
        comment: r.get("comment")?,
        flagged: r.get("flagged")?,
        csi: r.get("csi")?,
    })
}

fn survey(conn: &(impl Read + ?Sized), id: FollowUpId) -> Result<Option<Survey>> {
    conn.optional(
        "SELECT version, answers, comment, flagged, csi FROM follow_up_surveys WHERE call_id = ?1",
        params![id.0],
    )?
    .map(|r| survey_from_row(&r))
    .transpose()
}

/// A call with its attempts, its survey and the questionnaire it is (or was) asked with.
pub fn get(
    conn: &(impl Read + ?Sized),
    actor: &Actor,
    id: FollowUpId,
    today: NaiveDate,
) -> Result<CallDetail> {
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
    call.may_work = follow_up::may_work(call.status, call.caller_id, actor);
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
    conn: &(impl Read + ?Sized),
    actor: &Actor,
    visit: VisitId,
    today: NaiveDate,
) -> Result<Option<CallDetail>> {
    let id: Option<i64> = conn
        .optional("SELECT id FROM follow_up_calls WHERE visit_id = ?1", params![visit.0])?
        .map(|r| r.get("id"))
        .transpose()?;
    id.map(|id| get(conn, actor, FollowUpId(id), today)).transpose()
}

/// The satisfaction report over surveys taken from `from` to `to` (local days,
/// inclusive) and the calls due in that period. An advisor's report is of their own visits.
pub fn report(
    conn: &(impl Read + ?Sized),
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
    let surveys = conn
        .rows(
            "SELECT s.advisor_id, a.name AS advisor_name, s.surveyed_on, s.version, s.answers, s.comment, s.flagged,
                    s.csi, s.alert
             FROM follow_up_surveys s JOIN staff a ON a.id = s.advisor_id
             WHERE s.surveyed_on >= ?1 AND s.surveyed_on <= ?2 AND (CAST(?3 AS BIGINT) IS NULL OR s.advisor_id = ?3)
             ORDER BY s.surveyed_on",
            params![from, to, advisor],
        )?
        .iter()
        .map(|r| {
            Ok(SurveyFact {
                advisor_id: StaffId(r.get("advisor_id")?),
                advisor_name: r.get("advisor_name")?,
                surveyed_on: r.get("surveyed_on")?,
                survey: survey_from_row(r)?,
                alert: r.get("alert")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let calls = conn
        .rows(
            "SELECT f.status, f.due_to, f.closed_on FROM follow_up_calls f JOIN visits v ON v.id = f.visit_id
             WHERE f.due_from >= ?1 AND f.due_from <= ?2 AND (CAST(?3 AS BIGINT) IS NULL OR v.advisor_id = ?3)",
            params![from, to, advisor],
        )?
        .iter()
        .map(|r| {
            Ok(CallFact {
                status: parse_enum(&r.get::<String>("status")?)?,
                due_to: r.get("due_to")?,
                closed_on: r.get("closed_on")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut report = follow_up::report(from, to, today, &surveys, &calls, &questionnaire(conn)?);
    report.alerts = alerts(conn, from, to, advisor)?;
    Ok(report)
}

fn alerts(
    conn: &(impl Read + ?Sized),
    from: NaiveDate,
    to: NaiveDate,
    advisor: Option<i64>,
) -> Result<Vec<AlertRow>> {
    conn.rows(
        "SELECT f.id AS call_id, v.id AS visit_id, v.number AS visit_number, c.name AS customer_name,
                a.name AS advisor_name, s.surveyed_on, s.csi, k.id AS complaint_id, k.number AS complaint_number,
                k.state AS complaint_state
         FROM follow_up_surveys s
         JOIN follow_up_calls f ON f.id = s.call_id
         JOIN visits v ON v.id = s.visit_id
         JOIN customers c ON c.id = f.customer_id
         JOIN staff a ON a.id = s.advisor_id
         JOIN complaints k ON k.id = f.complaint_id
         WHERE s.surveyed_on >= ?1 AND s.surveyed_on <= ?2 AND (CAST(?3 AS BIGINT) IS NULL OR s.advisor_id = ?3)
         ORDER BY s.at DESC",
        params![from, to, advisor],
    )?
    .iter()
    .map(|r| {
        Ok(AlertRow {
            call_id: FollowUpId(r.get("call_id")?),
            visit_id: VisitId(r.get("visit_id")?),
            visit_number: r.get("visit_number")?,
            customer_name: r.get("customer_name")?,
            advisor_name: r.get("advisor_name")?,
            surveyed_on: r.get("surveyed_on")?,
            csi: r.get("csi")?,
            complaint_id: ComplaintId(r.get("complaint_id")?),
            complaint_number: r.get("complaint_number")?,
            complaint_state: parse_enum(&r.get::<String>("complaint_state")?)?,
        })
    })
    .collect()
}

/// Who may be given calls: active follow-up staff and service managers.
pub fn callers(conn: &(impl Read + ?Sized)) -> Result<Vec<caredesk_domain::staff::Colleague>> {
    Ok(staff::list(conn)?
        .into_iter()
        .filter(|m| m.active && caredesk_domain::staff::may(m.role, Action::CallCustomers))
        .map(|m| caredesk_domain::staff::Colleague { id: m.id, name: m.name, role: m.role })
        .collect())
}

// ---------------------------------------------------------------------------
// Writing
//
// Two desks may write at once on PostgreSQL, where SQLite's single writer
// serialised everything: every write to a call first locks its row
// (`read_call_for_update`), so "taken by someone else", "already closed" and
// "one survey, one complaint" still hold when the transaction writes.

fn log(
    tx: &(impl Write + ?Sized),
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
pub fn assign(
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    ids: &[FollowUpId],
    caller: StaffId,
    now: Now,
) -> Result<()> {
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
    // The calls are locked in the order of their ids, whatever the order chosen,
    // so two desks taking overlapping calls wait for each other instead of deadlocking.
    let mut locked: Vec<i64> = ids.iter().map(|id| id.0).collect();
    locked.sort_unstable();
    locked.dedup();
    for id in locked {
        read_call_for_update(tx, FollowUpId(id), now.today)?;
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
        if follow_up::taken_by_another(call.caller_id, actor) {
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
        tx.run("UPDATE follow_up_calls SET caller_id = ?2 WHERE id = ?1", params![id.0, caller.0])?;
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
    tx: &(impl Write + ?Sized),
    actor: &Actor,
    id: FollowUpId,
    input: &AttemptInput,
    now: Now,
) -> Result<Option<ComplaintId>> {
    actor.require(Action::CallCustomers)?;
    // Locked first: two desks recording at once take turns, and the second sees
    // the first one's attempt — the call closed, its survey taken, its complaint opened.
    let (call, not_reached) = read_call_for_update(tx, id, now.today)?;
    if follow_up::taken_by_another(call.caller_id, actor) {
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
    tx.run(
        "INSERT INTO follow_up_attempts (call_id, outcome, at, on_day, staff_id, staff_name, call_back_at, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id.0,
            enum_text(&plan.outcome),
            now.instant,
            now.today,
            actor.id.0,
            actor.name,
            plan.call_back_at,
            plan.note
        ],
    )?;
    let closed = plan.status != CallStatus::Open;
    tx.run(
        "UPDATE follow_up_calls
         SET status = ?2, next_on = coalesce(?3, next_on), call_back_at = ?4, attempts = attempts + 1,
             not_reached = ?5, last_outcome = ?6, last_on = ?7, caller_id = coalesce(caller_id, ?8),
             closed_at = ?9, closed_on = ?10
         WHERE id = ?1 AND status = 'open'",
        params![
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
        ],
    )?;
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
        tx.run(
            "INSERT INTO follow_up_surveys (call_id, visit_id, version, answers, comment, flagged, csi, alert,
                                            advisor_id, surveyed_on, at, staff_name)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
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
            ],
        )?;
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
            tx.run("UPDATE follow_up_calls SET complaint_id = ?2 WHERE id = ?1", params![id.0, opened])?;
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
pub fn open_calls(conn: &(impl Read + ?Sized)) -> Result<Vec<(FollowUpId, NaiveDate)>> {
    conn.rows(
        "SELECT id, due_from FROM follow_up_calls WHERE status = 'open' ORDER BY due_from, id",
        params![],
    )?
    .iter()
    .map(|r| Ok((FollowUpId(r.get("id")?), r.get("due_from")?)))
    .collect()
}
