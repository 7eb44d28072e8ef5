//! The quality-check sheet (质检单): the nine items of DOMAIN.md §3.5 with the
//! latest check's answers, or empty boxes to tick when there is none yet, and
//! the earlier checks that failed.

use caredesk_domain::visit::{QcCheck, QcItem, QcResult, Visit};

use crate::format::date_time;
use crate::labels::Labels;
use crate::layout::{Align, BODY, Column, Sheet};
use crate::visit_paper::{self, customer_and_vehicle, sign_off};
use crate::{Fonts, Letterhead, PrintError};

/// The checklist for the inspector, filled with the latest check if there is one.
pub fn quality_check_sheet(fonts: &Fonts, visit: &Visit, head: &Letterhead) -> Result<Vec<u8>, PrintError> {
    let labels = head.language.labels();
    let mut sheet = visit_paper::start(fonts, head, labels.quality_check, None, visit)?;
    let technician = visit.technician_name.clone().unwrap_or_default();
    customer_and_vehicle(&mut sheet, visit, labels, vec![(labels.technician, technician)])?;

    // The latest by time; the store's id breaks a tie.
    let latest = visit.qc_checks.iter().max_by_key(|c| (c.at, c.id));
    sheet.heading(labels.checklist)?;
    match latest {
        Some(check) => {
            let outcome = if check.passed { labels.passed } else { labels.failed };
            sheet.fields(
                &[
                    (labels.inspector, check.inspector.clone()),
                    (labels.checked_at, date_time(head.local(check.at))),
                    (labels.outcome, outcome.to_owned()),
                    (labels.parking, check.parking_location.clone()),
                ],
                2,
            )?;
        }
        None => {
            sheet.paragraph(labels.not_checked, BODY, 0.0)?;
            sheet.gap(3.0);
            let blank = [labels.inspector, labels.checked_at, labels.outcome, labels.parking];
            sheet.fields(&blank.map(|l| (l, String::new())), 2)?;
        }
    }
    checklist(&mut sheet, labels, latest)?;

    let mut earlier: Vec<&QcCheck> =
        visit.qc_checks.iter().filter(|c| !c.passed && Some(c.id) != latest.map(|l| l.id)).collect();
    earlier.sort_by_key(|c| (c.at, c.id));
    if !earlier.is_empty() {
        sheet.heading(labels.earlier_checks)?;
        earlier_failures(&mut sheet, head, labels, &earlier)?;
    }

    sign_off(&mut sheet, labels, None, &[labels.sign_inspector, labels.sign_advisor])?;
    sheet.finish()
}

/// The nine items; without a check, boxes to tick by hand (n.a. only for the road test).
fn checklist(sheet: &mut Sheet<'_>, labels: &Labels, check: Option<&QcCheck>) -> Result<(), PrintError> {
    let columns = [
        Column::new(labels.number, 0.5, Align::Center),
        Column::new(labels.item, 4.3, Align::Left),
        Column::new(labels.result, 2.3, Align::Center),
        Column::new(labels.note, 2.9, Align::Left),
    ];
    let rows: Vec<Vec<String>> = QcItem::ALL
        .iter()
        .enumerate()
        .map(|(i, &item)| {
            let answer = check.and_then(|c| c.items.iter().find(|r| r.item == item));
            let (result, note) = match answer {
                Some(answer) => (labels.qc_result(answer.result).to_owned(), answer.note.clone()),
                None => (boxes(labels, item), String::new()),
            };
            vec![(i + 1).to_string(), labels.qc_item(item).to_owned(), result, note]
        })
        .collect();
    sheet.table(&columns, &rows)
}

fn boxes(labels: &Labels, item: QcItem) -> String {
    let mut choices = vec![QcResult::Pass, QcResult::Fail];
    if item == QcItem::RoadTest {
        choices.push(QcResult::NotApplicable);
    }
    choices.iter().map(|&r| format!("□ {}", labels.qc_result(r))).collect::<Vec<_>>().join("  ")
}

/// Each failed item of each earlier failed check, with when, who and why.
fn earlier_failures(
    sheet: &mut Sheet<'_>,
    head: &Letterhead,
    labels: &Labels,
    checks: &[&QcCheck],
) -> Result<(), PrintError> {
    let columns = [
        Column::new(labels.checked_at, 1.7, Align::Left),
        Column::new(labels.inspector, 1.1, Align::Left),
        Column::new(labels.item, 3.6, Align::Left),
        Column::new(labels.note, 3.6, Align::Left),
    ];
    let mut rows = Vec::new();
    for check in checks {
        let at = date_time(head.local(check.at));
        for failed in check.items.iter().filter(|r| r.result == QcResult::Fail) {
            rows.push(vec![
                at.clone(),
                check.inspector.clone(),
                labels.qc_item(failed.item).to_owned(),
                failed.note.clone(),
            ]);
        }
    }
    sheet.table(&columns, &rows)
}
