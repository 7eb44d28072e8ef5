//! The proactive-care call sheets (DOMAIN.md §6, §7): a day's list of one kind
//! — maintenance due, insurance expiring, annual inspection due, birthday
//! greetings, declined work — on landscape A4, like the follow-up call sheet
//! but without the survey's boxes. One block per call in the list's order,
//! headed by its row number on the screen: the customer, the phone, the
//! vehicle, the day the call is about and why; the attempts so far and an
//! agreed call-back time; a box for the outcome's code (1–6, as on the
//! follow-up sheet, explained in the legend) and lines for a note.

use caredesk_domain::care::{CareCall, CareKind};
use caredesk_domain::follow_up::{CallStatus, Due, Outcome};
use chrono::NaiveDate;

use crate::call_list::{CallList, Detail, Entry, LegendUnit, Line, print};
use crate::call_sheet::outcome_code;
use crate::format::{date, date_time};
use crate::labels::{Labels, fill};
use crate::{Fonts, Letterhead, PrintError};

/// Prints the list `kind` of `date` for `caller` (`None`: every caller's
/// calls, each block naming its caller): an A4 landscape PDF in the
/// letterhead's language. `calls` are in the list's order, each with its row number.
pub fn care_sheet(
    fonts: &Fonts,
    kind: CareKind,
    date: NaiveDate,
    caller: Option<String>,
    calls: &[CareCall],
    head: &Letterhead,
) -> Result<Vec<u8>, PrintError> {
    let labels = head.language.labels();
    let title = labels.care_kind(kind);
    let who = caller
        .as_deref()
        .map_or_else(|| labels.all_callers.to_owned(), |name| format!("{} {name}", labels.caller));
    let count = fill(labels.call_count, &[("count", &calls.len().to_string())]);
    let mut legend = vec![LegendUnit::new("", labels.care_outcome_codes, true)];
    for outcome in Outcome::ALL {
        legend.push(LegendUnit::new(outcome_code(outcome).to_string(), labels.call_outcome(outcome), false));
    }
    legend.push(LegendUnit::new("", labels.care_note_legend, true));
    let list = CallList {
        document: format!("{title} {}", self::date(date)),
        title: title.to_owned(),
        subtitle: Some(labels.care_sheet.to_owned()),
        right: vec![format!("{} {}", labels.list_date, self::date(date)), format!("{who} · {count}")],
        note: None,
        legend,
        boxes: vec![labels.outcome_box.to_owned()],
        empty: labels.no_care_calls.to_owned(),
        entries: calls.iter().map(|call| entry(call, kind, date, caller.is_none(), labels)).collect(),
    };
    print(fonts, &list, head)
}

fn entry(
    call: &CareCall,
    kind: CareKind,
    day: NaiveDate,
    all_callers: bool,
    labels: &'static Labels,
) -> Entry {
    Entry {
        row: call.row,
        name: call.customer_name.clone(),
        mobile: call.mobile.clone(),
        plate: call.plate.clone(),
        model: call.vehicle_label.clone(),
        lines: vec![
            Line::Details(vec![Detail::new(labels.care_due(kind), date(call.due_on), true, 0.5)]),
            Line::Text(labels.reason, call.reason.clone()),
            Line::Details(vec![Detail::new(labels.last_note, call.last_note.clone(), false, 1.0)]),
        ],
        status: status(call, day, all_callers, labels),
    }
}

/// What the caller should know before dialling: who has the call (on an
/// all-callers sheet), the attempt, the last outcome, the agreed call-back
/// time, a closed call or a passed occasion. Empty for a first call.
fn status(call: &CareCall, day: NaiveDate, all_callers: bool, labels: &Labels) -> String {
    let mut parts = Vec::new();
    if all_callers && let Some(caller) = &call.caller_name {
        parts.push(format!("{} {caller}", labels.caller));
    }
    if call.attempts > 0 {
        parts.push(fill(labels.attempt, &[("n", &(call.attempts + 1).to_string())]));
    }
    if let Some(outcome) = call.last_outcome {
        parts.push(fill(labels.last_outcome, &[("outcome", labels.call_outcome(outcome))]));
    }
    if let Some(at) = call.call_back_at {
        let time = if at.date() == day { at.format("%H:%M").to_string() } else { date_time(at) };
        parts.push(fill(labels.call_back, &[("time", &time)]));
    }
    if call.status != CallStatus::Open {
        parts.push(labels.call_status(call.status).to_owned());
    } else if call.due == Due::Overdue {
        parts.push(labels.care_overdue.to_owned());
    }
    parts.join(" · ")
}
