//! The repair order (维修委托书), the customer's copy: what was found at
//! reception, the customer's concerns in their own words, the work and parts
//! with their prices, the estimate and the promised time, and the signatures.

use caredesk_domain::visit::{LineKind, Visit};

use crate::format::{date_time, kilometres, money, quantity};
use crate::labels::Labels;
use crate::layout::{Align, BODY, Column, Sheet};
use crate::visit_paper::{self, customer_and_vehicle, declined_table, declined_work, sign_off, totals};
use crate::{Fonts, Letterhead, PrintError};

/// The customer's copy of the repair order, with signature lines for the customer and the advisor.
pub fn repair_order(fonts: &Fonts, visit: &Visit, head: &Letterhead) -> Result<Vec<u8>, PrintError> {
    let labels = head.language.labels();
    let mut sheet = visit_paper::start(fonts, head, labels.repair_order, Some(labels.customer_copy), visit)?;

    let appointment = match visit.appointment_at {
        Some(at) => date_time(at),
        None if visit.walk_in => labels.walk_in.to_owned(),
        None => String::new(),
    };
    let mut more = vec![
        (labels.appointment, appointment),
        (labels.technician, visit.technician_name.clone().unwrap_or_default()),
    ];
    if visit.replacement_car {
        more.push((labels.replacement_car, labels.promised.to_owned()));
    }
    customer_and_vehicle(&mut sheet, visit, labels, more)?;

    reception(&mut sheet, visit, labels)?;

    sheet.heading(labels.concerns)?;
    let concerns = match &visit.reception {
        Some(r) if !r.concerns.trim().is_empty() => &r.concerns,
        _ => &visit.concerns,
    };
    sheet.paragraph(concerns, BODY, 0.0)?;

    sheet.heading(labels.requested_work)?;
    sheet.paragraph(&visit.requested_work, BODY, 0.0)?;

    sheet.heading(labels.work_and_parts)?;
    lines_table(&mut sheet, visit, labels)?;
    totals(&mut sheet, visit, labels)?;

    sheet.heading(labels.schedule)?;
    let confirmed = visit.order.confirmed_at.map(|at| date_time(head.local(at))).unwrap_or_default();
    sheet.fields(
        &[
            (labels.estimate, visit.order.estimate.map(money).unwrap_or_default()),
            (labels.promised_at, visit.order.promised_at.map(date_time).unwrap_or_default()),
            (labels.confirmed_at, confirmed),
        ],
        2,
    )?;

    let declined = declined_work(visit);
    if !declined.is_empty() {
        sheet.heading(labels.declined_work)?;
        declined_table(&mut sheet, labels, &declined)?;
    }

    sign_off(&mut sheet, labels, Some(labels.consent_repair), &[labels.sign_customer, labels.sign_advisor])?;
    sheet.finish()
}

/// The walk-around: mileage, fuel, valuables, accessories and the damage found, panel by panel.
fn reception(sheet: &mut Sheet<'_>, visit: &Visit, labels: &Labels) -> Result<(), PrintError> {
    sheet.heading(labels.reception)?;
    let Some(reception) = &visit.reception else {
        // Not received yet: the fields are lines to fill in at the walk-around.
        let blank = [labels.mileage, labels.fuel, labels.valuables, labels.accessories, labels.damages];
        let fields: Vec<(&str, String)> = blank.iter().map(|&l| (l, String::new())).collect();
        return sheet.fields(&fields, 2);
    };
    let mut fields = vec![
        (labels.mileage, kilometres(reception.mileage_km)),
        (labels.fuel, format!("{}/8", reception.fuel_eighths)),
        (labels.valuables, or_none(&reception.valuables, labels)),
        (labels.accessories, or_none(&reception.accessories, labels)),
    ];
    if let Some(reason) = &reception.mileage_reason {
        fields.push((labels.mileage_reason, reason.clone()));
    }
    if reception.damages.is_empty() {
        fields.push((labels.damages, labels.none.to_owned()));
    }
    sheet.fields(&fields, 2)?;
    if !reception.damages.is_empty() {
        let columns = [
            Column::new(labels.number, 0.5, Align::Center),
            Column::new(labels.panel, 2.0, Align::Left),
            Column::new(labels.damages, 6.0, Align::Left),
        ];
        let rows: Vec<Vec<String>> = reception
            .damages
            .iter()
            .enumerate()
            .map(|(i, d)| vec![(i + 1).to_string(), labels.panel(d.panel).to_owned(), d.note.clone()])
            .collect();
        sheet.table(&columns, &rows)?;
    }
    Ok(())
}

fn or_none(text: &str, labels: &Labels) -> String {
    if text.trim().is_empty() { labels.none.to_owned() } else { text.to_owned() }
}

/// The lines that count: the order's own and approved extra work's.
fn lines_table(sheet: &mut Sheet<'_>, visit: &Visit, labels: &Labels) -> Result<(), PrintError> {
    let columns = [
        Column::new(labels.number, 0.55, Align::Center),
        Column::new(labels.kind, 0.8, Align::Center),
        Column::new(labels.description, 3.0, Align::Left),
        Column::new(labels.part_number, 1.45, Align::Left),
        Column::new(labels.hours_or_quantity, 0.9, Align::Right),
        Column::new(labels.rate_or_price, 1.25, Align::Right),
        Column::new(labels.amount, 1.3, Align::Right),
        Column::new(labels.genuine, 1.25, Align::Center),
    ];
    let rows: Vec<Vec<String>> = visit
        .counted_lines()
        .enumerate()
        .map(|(i, line)| {
            let genuine = match (line.kind, line.genuine) {
                (LineKind::Labour, _) => "",
                (LineKind::Part, true) => labels.genuine_part,
                (LineKind::Part, false) => labels.non_genuine_part,
            };
            vec![
                (i + 1).to_string(),
                labels.line_kind(line.kind).to_owned(),
                line.description.clone(),
                line.part_number.clone(),
                quantity(line.quantity_centi),
                money(line.unit_price),
                money(line.amount),
                genuine.to_owned(),
            ]
        })
        .collect();
    sheet.table(&columns, &rows)
}
