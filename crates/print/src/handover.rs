//! The handover summary (交车说明) the customer takes home: the work done with
//! its amounts, what was paid and how, the invoice, the next service, when we
//! will call, and the work recommended but declined.

use caredesk_domain::visit::Visit;

use crate::format::{date, date_time, kilometres, money, quantity};
use crate::labels::{Labels, fill};
use crate::layout::{Align, BODY, Column, Sheet};
use crate::visit_paper::{self, customer_and_vehicle, declined_table, declined_work, sign_off, totals};
use crate::{Fonts, Letterhead, PrintError};

/// The summary explained to the customer at handover, with signature lines.
/// Before the handover is recorded, its settlement fields are left blank.
pub fn handover_summary(fonts: &Fonts, visit: &Visit, head: &Letterhead) -> Result<Vec<u8>, PrintError> {
    let labels = head.language.labels();
    let mut sheet = visit_paper::start(fonts, head, labels.handover, None, visit)?;
    let mileage = visit.reception.as_ref().map(|r| kilometres(r.mileage_km)).unwrap_or_default();
    customer_and_vehicle(&mut sheet, visit, labels, vec![(labels.mileage, mileage)])?;

    sheet.heading(labels.work_done)?;
    work_done(&mut sheet, visit, labels)?;
    totals(&mut sheet, visit, labels)?;

    sheet.heading(labels.settlement)?;
    let handover = visit.handover.as_ref();
    if handover.is_none() {
        sheet.paragraph(labels.not_handed_over, BODY, 0.0)?;
        sheet.gap(3.0);
    }
    sheet.fields(
        &[
            (
                labels.payment_method,
                handover.map(|h| labels.payment(h.payment_method).to_owned()).unwrap_or_default(),
            ),
            (labels.amount_paid, handover.map(|h| money(h.amount_paid)).unwrap_or_default()),
            (labels.invoice, handover.map(|h| h.invoice_number.clone()).unwrap_or_default()),
            (
                labels.handed_over_at,
                handover.map(|h| date_time(head.local(h.handed_over_at))).unwrap_or_default(),
            ),
            (labels.handed_over_by, handover.map(|h| h.handed_over_by.clone()).unwrap_or_default()),
        ],
        2,
    )?;

    sheet.heading(labels.next_service)?;
    sheet.fields(
        &[
            (
                labels.next_service_date,
                handover.and_then(|h| h.next_service_date).map(date).unwrap_or_default(),
            ),
            (
                labels.next_service_km,
                handover.and_then(|h| h.next_service_km).map(kilometres).unwrap_or_default(),
            ),
        ],
        2,
    )?;
    match visit.follow_up_due {
        Some((from, to)) => {
            let text = fill(labels.follow_up_window, &[("from", &date(from)), ("to", &date(to))]);
            sheet.paragraph(&text, BODY, 0.0)?;
        }
        None => sheet.fields(&[(labels.follow_up, String::new())], 2)?,
    }

    let declined = declined_work(visit);
    if !declined.is_empty() {
        sheet.heading(labels.recommended)?;
        declined_table(&mut sheet, labels, &declined)?;
    }

    sign_off(
        &mut sheet,
        labels,
        Some(labels.consent_handover),
        &[labels.sign_customer, labels.sign_advisor],
    )?;
    sheet.finish()
}

/// Every line that counts, as it was explained to the customer.
fn work_done(sheet: &mut Sheet<'_>, visit: &Visit, labels: &Labels) -> Result<(), PrintError> {
    let columns = [
        Column::new(labels.number, 0.55, Align::Center),
        Column::new(labels.kind, 0.85, Align::Center),
        Column::new(labels.description, 4.6, Align::Left),
        Column::new(labels.hours_or_quantity, 1.0, Align::Right),
        Column::new(labels.amount, 1.4, Align::Right),
    ];
    let rows: Vec<Vec<String>> = visit
        .counted_lines()
        .enumerate()
        .map(|(i, line)| {
            vec![
                (i + 1).to_string(),
                labels.line_kind(line.kind).to_owned(),
                line.description.clone(),
                quantity(line.quantity_centi),
                money(line.amount),
            ]
        })
        .collect();
    sheet.table(&columns, &rows)
}
