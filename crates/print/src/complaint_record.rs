//! The complaint record (投诉处理记录), the written registration DOMAIN.md §5
//! asks of every complaint: who received it and when, the customer and the
//! vehicle, what happened and what the customer asks for, the handler and the
//! time limits, escalations, the timeline, the five recovery steps, cause and
//! improvement, the solution and the return call, and the signatures.

use caredesk_domain::Fen;
use caredesk_domain::complaint::{Complaint, RecoveryStep};

use crate::format::{date, date_time, money};
use crate::labels::Labels;
use crate::layout::{Align, BODY, Column, LABEL, Sheet};
use crate::visit_paper::{sign_off, start_numbered};
use crate::{Fonts, Letterhead, PrintError};

/// The printed record of `complaint`, with signature lines for the handler and
/// the service manager. What is not recorded yet prints as a line or a box to
/// fill in by hand; each of the five recovery steps is listed, done or not.
pub fn complaint_record(
    fonts: &Fonts,
    complaint: &Complaint,
    head: &Letterhead,
) -> Result<Vec<u8>, PrintError> {
    let labels = head.language.labels();
    let mut sheet = start_numbered(
        fonts,
        head,
        labels.complaint_record,
        None,
        labels.complaint_number,
        &complaint.number,
    )?;
    let local = |at| date_time(head.local(at));

    sheet.heading(labels.complaint_details)?;
    sheet.fields(
        &[
            (labels.received_at, local(complaint.received_at)),
            (labels.received_by, complaint.received_by.clone()),
            (labels.customer, complaint.customer_name.clone()),
            (labels.mobile, complaint.customer_mobile.clone()),
            (labels.plate, complaint.plate.clone().unwrap_or_default()),
            (labels.linked_visit, complaint.visit_number.clone().unwrap_or_default()),
            (labels.channel, labels.channel(complaint.channel).to_owned()),
            (labels.severity, labels.severity(complaint.severity).to_owned()),
            (labels.category, labels.category(complaint.category).to_owned()),
            (labels.complaint_state, labels.complaint_state(complaint.state).to_owned()),
        ],
        2,
    )?;
    let hard_case = complaint.hard_case.map(|case| labels.hard_case(case)).unwrap_or(labels.none);
    sheet.fields(&[(labels.hard_case, hard_case.to_owned())], 1)?;
    if let Some(case) = complaint.hard_case {
        sheet.fields(&[(labels.handling_advice, labels.hard_case_advice(case).to_owned())], 1)?;
    }

    sheet.heading(labels.what_happened)?;
    sheet.paragraph(&complaint.description, BODY, 0.0)?;
    sheet.heading(labels.customer_request)?;
    sheet.paragraph(&complaint.request, BODY, 0.0)?;

    handling(&mut sheet, complaint, labels, head)?;
    timeline(&mut sheet, complaint, labels, head)?;
    recovery(&mut sheet, complaint, labels)?;
    cause(&mut sheet, complaint, labels, head)?;

    sheet.heading(labels.resolution)?;
    sheet.fields(
        &[
            (labels.solution, complaint.solution.clone().unwrap_or_default()),
            (labels.return_call_result, complaint.return_call_result.clone().unwrap_or_default()),
        ],
        1,
    )?;

    sign_off(&mut sheet, labels, None, &[labels.sign_handler, labels.sign_service_manager])?;
    sheet.finish()
}

/// The handler, the time limits, and the escalations to the service manager.
fn handling(
    sheet: &mut Sheet<'_>,
    complaint: &Complaint,
    labels: &Labels,
    head: &Letterhead,
) -> Result<(), PrintError> {
    sheet.heading(labels.handling)?;
    let reopened = if complaint.reopened { labels.yes } else { labels.no };
    sheet.fields(
        &[
            (labels.handler, complaint.handler.clone().unwrap_or_default()),
            (labels.reopened, reopened.to_owned()),
            (labels.assign_due, complaint.assign_due.map(|at| date_time(head.local(at))).unwrap_or_default()),
            (labels.resolve_due, date_time(head.local(complaint.resolve_due))),
        ],
        2,
    )?;
    if complaint.escalations.is_empty() {
        sheet.gap(1.0);
        return sheet.paragraph(labels.not_escalated, LABEL, 0.0);
    }
    let columns = [
        Column::new(labels.number, 0.5, Align::Center),
        Column::new(labels.escalation_reason, 5.0, Align::Left),
        Column::new(labels.escalated_at, 2.0, Align::Center),
    ];
    let rows: Vec<Vec<String>> = complaint
        .escalations
        .iter()
        .enumerate()
        .map(|(i, e)| {
            vec![
                (i + 1).to_string(),
                labels.escalation_reason(e.reason).to_owned(),
                date_time(head.local(e.at)),
            ]
        })
        .collect();
    sheet.gap(2.0);
    sheet.table(&columns, &rows)
}

/// Every step taken, in order; blank rows to write in when none is recorded yet.
fn timeline(
    sheet: &mut Sheet<'_>,
    complaint: &Complaint,
    labels: &Labels,
    head: &Letterhead,
) -> Result<(), PrintError> {
    sheet.heading(labels.timeline)?;
    let columns = [
        Column::new(labels.number, 0.5, Align::Center),
        Column::new(labels.step, 1.5, Align::Left),
        Column::new(labels.status, 1.4, Align::Left),
        Column::new(labels.time, 1.55, Align::Center),
        Column::new(labels.by, 1.0, Align::Left),
        Column::new(labels.note, 3.0, Align::Left),
    ];
    let mut rows: Vec<Vec<String>> = complaint
        .timeline
        .iter()
        .enumerate()
        .map(|(i, event)| {
            vec![
                (i + 1).to_string(),
                labels.complaint_step(event.step).to_owned(),
                labels.complaint_state(event.state).to_owned(),
                date_time(head.local(event.at)),
                event.by.clone(),
                event.note.clone(),
            ]
        })
        .collect();
    if rows.is_empty() {
        rows = (1..=3).map(|n| vec![n.to_string()]).collect();
    }
    sheet.table(&columns, &rows)
}

/// The five steps of service recovery, each listed: when it was done, by whom,
/// with what note and compensation at what cost, or empty boxes when it was not.
fn recovery(sheet: &mut Sheet<'_>, complaint: &Complaint, labels: &Labels) -> Result<(), PrintError> {
    sheet.heading(labels.recovery)?;
    let columns = [
        Column::new(labels.number, 0.5, Align::Center),
        Column::new(labels.recovery_step, 2.0, Align::Left),
        Column::new(labels.done_on, 1.15, Align::Center),
        Column::new(labels.note, 2.3, Align::Left),
        Column::new(labels.compensation, 1.7, Align::Left),
        Column::new(labels.cost, 1.1, Align::Right),
        Column::new(labels.by, 0.95, Align::Left),
    ];
    let mut rows = Vec::new();
    for (i, step) in RecoveryStep::ALL.into_iter().enumerate() {
        let number = (i + 1).to_string();
        let name = labels.recovery_step(step).to_owned();
        let mut done = complaint.recovery.iter().filter(|r| r.step == step).peekable();
        if done.peek().is_none() {
            rows.push(vec![number, name]);
            continue;
        }
        for r in done {
            rows.push(vec![
                number.clone(),
                name.clone(),
                date(r.done_on),
                r.note.clone(),
                r.compensation.clone().unwrap_or_default(),
                r.cost.map(money).unwrap_or_default(),
                r.by.clone(),
            ]);
        }
    }
    sheet.table(&columns, &rows)?;
    let costs: Vec<Fen> = complaint.recovery.iter().filter_map(|r| r.cost).collect();
    if !costs.is_empty() {
        let total = Fen(costs.iter().fold(0_i64, |sum, c| sum.saturating_add(c.0)));
        sheet.sums(&[(labels.total_compensation.to_owned(), money(total))])?;
    }
    Ok(())
}

/// The cause and the response it calls for, the root cause, who was
/// responsible, and the improvement measure with its owner and check date.
fn cause(
    sheet: &mut Sheet<'_>,
    complaint: &Complaint,
    labels: &Labels,
    head: &Letterhead,
) -> Result<(), PrintError> {
    sheet.heading(labels.cause_and_improvement)?;
    let record = complaint.cause.as_ref();
    sheet.fields(
        &[
            (labels.cause, record.map(|c| labels.cause(c.cause).to_owned()).unwrap_or_default()),
            (labels.responsible, record.and_then(|c| c.responsible.clone()).unwrap_or_default()),
        ],
        2,
    )?;
    sheet.fields(
        &[
            (labels.response, record.map(|c| labels.cause_response(c.cause).to_owned()).unwrap_or_default()),
            (labels.root_cause, record.map(|c| c.root_cause.clone()).unwrap_or_default()),
            (labels.measure, record.map(|c| c.measure.clone()).unwrap_or_default()),
        ],
        1,
    )?;
    let checked = record.and_then(|c| c.checked_at).map(|at| date_time(head.local(at))).unwrap_or_default();
    sheet.fields(
        &[
            (labels.measure_owner, record.map(|c| c.measure_owner.clone()).unwrap_or_default()),
            (labels.check_on, record.map(|c| date(c.check_on)).unwrap_or_default()),
            (labels.measure_checked_at, checked),
        ],
        2,
    )
}
