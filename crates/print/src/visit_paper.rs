//! What the papers of a visit share: the letterhead on the first page, the
//! running head and footer on every page, the customer-and-vehicle block and
//! the sign-off at the end.

use caredesk_domain::visit::{ExtraWork, ExtraWorkStatus, Visit};
use chrono::{Datelike, FixedOffset, NaiveDateTime, Timelike};

use crate::format::{date_time, money, tax_rate};
use crate::labels::{Labels, fill};
use crate::layout::{
    Align, BODY, Chrome, Column, DEALERSHIP, HEADING, HEADING_SPACE, LABEL, Paper, SIGNATURE_ROW, Sheet,
    TITLE,
};
use crate::{Fonts, Letterhead, PrintError};

/// A new A4 document for `visit` with the letterhead drawn: the dealership and
/// the title on the left, the order number and the time of printing on the right.
pub(crate) fn start<'f>(
    fonts: &'f Fonts,
    head: &Letterhead,
    title: &str,
    subtitle: Option<&str>,
    visit: &Visit,
) -> Result<Sheet<'f>, PrintError> {
    let labels = head.language.labels();
    start_numbered(fonts, head, title, subtitle, labels.order_number, &visit.number)
}

/// A new A4 document with the letterhead drawn, for a paper known by
/// `number` (a visit's order number, a complaint's number) under `number_label`.
pub(crate) fn start_numbered<'f>(
    fonts: &'f Fonts,
    head: &Letterhead,
    title: &str,
    subtitle: Option<&str>,
    number_label: &str,
    number: &str,
) -> Result<Sheet<'f>, PrintError> {
    let labels = head.language.labels();
    let printed = format!("{} {}", labels.printed, date_time(head.printed_at));
    let document = format!("{title} {number}");
    let number = format!("{number_label} {number}");
    let chrome = Chrome {
        running_head: format!("{} · {title} · {number}", head.dealership),
        footer_note: format!("{} · {printed}", head.dealership),
        page_label: Box::new(move |page, pages| {
            fill(labels.page, &[("page", &page.to_string()), ("pages", &pages.to_string())])
        }),
    };
    let created = pdf_date(head.printed_at, head.utc_offset);
    let mut sheet = Sheet::new(fonts, Paper::A4Portrait, &document, created, chrome)?;

    let (left, right, top) = (sheet.left(), sheet.right(), sheet.y());
    sheet.text(left, top, &head.dealership, DEALERSHIP, Align::Left)?;
    let title_top = top + DEALERSHIP.line_height() + 2.0;
    sheet.text(left, title_top, title, TITLE, Align::Left)?;
    if let Some(subtitle) = subtitle {
        let x = left + sheet.measure(title, TITLE) + 10.0;
        let y = title_top + TITLE.line_height() - BODY.line_height() - 1.0;
        sheet.text(x, y, subtitle, LABEL, Align::Left)?;
    }
    sheet.text(right, top + 2.0, &number, BODY.bold(), Align::Right)?;
    sheet.text(right, top + 2.0 + BODY.line_height() + 1.0, &printed, LABEL, Align::Right)?;
    let rule = title_top + TITLE.line_height() + 2.0;
    sheet.hline(left, right, rule, 1.2);
    sheet.gap(rule - top + 4.0);
    Ok(sheet)
}

/// The customer, the vehicle and the advisor, then `more` fields, two to a row.
pub(crate) fn customer_and_vehicle(
    sheet: &mut Sheet<'_>,
    visit: &Visit,
    labels: &Labels,
    more: Vec<(&str, String)>,
) -> Result<(), PrintError> {
    sheet.heading(labels.customer_and_vehicle)?;
    let mut fields = vec![
        (labels.customer, visit.customer_name.clone()),
        (labels.mobile, visit.customer_mobile.clone()),
        (labels.plate, visit.plate.clone().unwrap_or_default()),
        (labels.vin, visit.vin.clone()),
        (labels.model, visit.vehicle_label.clone()),
        (labels.advisor, visit.advisor_name.clone()),
    ];
    fields.extend(more);
    sheet.fields(&fields, 2)
}

/// The extra work the customer declined, each "declined, not done" with its amount.
pub(crate) fn declined_work(visit: &Visit) -> Vec<&ExtraWork> {
    visit.extra_work.iter().filter(|w| w.status == ExtraWorkStatus::Declined).collect()
}

/// A table of declined extra work.
pub(crate) fn declined_table(
    sheet: &mut Sheet<'_>,
    labels: &Labels,
    declined: &[&ExtraWork],
) -> Result<(), PrintError> {
    let columns = [
        Column::new(labels.number, 0.5, Align::Center),
        Column::new(labels.description, 4.0, Align::Left),
        Column::new(labels.status, 1.5, Align::Center),
        Column::new(labels.note, 2.4, Align::Left),
        Column::new(labels.amount, 1.3, Align::Right),
    ];
    let rows: Vec<Vec<String>> = declined
        .iter()
        .enumerate()
        .map(|(i, work)| {
            vec![
                (i + 1).to_string(),
                work.description.clone(),
                labels.declined_not_done.to_owned(),
                work.note.clone(),
                money(work.amount),
            ]
        })
        .collect();
    sheet.table(&columns, &rows)
}

/// The closing block: what the signer confirms, then a line to sign and a
/// line for the date per party, kept on one page.
pub(crate) fn sign_off(
    sheet: &mut Sheet<'_>,
    labels: &Labels,
    consent: Option<&str>,
    parties: &[&str],
) -> Result<(), PrintError> {
    let consent_lines = match consent {
        Some(text) => sheet.lines(text, BODY, sheet.content_width())?.len(),
        None => 0,
    };
    let heading = HEADING_SPACE + HEADING.line_height() + 4.0;
    sheet.keep(heading + consent_lines as f32 * BODY.line_height() + SIGNATURE_ROW * parties.len() as f32);
    sheet.heading(labels.signatures)?;
    if let Some(text) = consent {
        sheet.paragraph(text, BODY, 0.0)?;
    }
    sheet.signatures(parties, labels.sign_date)
}

/// Labour, parts, subtotal, tax at its rate, and the total, as the domain summed them.
pub(crate) fn totals(sheet: &mut Sheet<'_>, visit: &Visit, labels: &Labels) -> Result<(), PrintError> {
    let t = &visit.totals;
    sheet.sums(&[
        (labels.total_labour.to_owned(), money(t.labour)),
        (labels.total_parts.to_owned(), money(t.parts)),
        (labels.subtotal.to_owned(), money(t.subtotal)),
        (fill(labels.tax, &[("rate", &tax_rate(visit.order.tax_basis_points))]), money(t.tax)),
        (labels.total.to_owned(), money(t.total)),
    ])
}

/// The document's creation date for the PDF's info dictionary.
pub(crate) fn pdf_date(at: NaiveDateTime, offset: FixedOffset) -> printpdf::DateTime {
    let seconds = offset.local_minus_utc();
    printpdf::DateTime {
        date: printpdf::Date { year: at.year(), month: at.month() as u8, day: at.day() as u8 },
        time: printpdf::Time {
            hour: at.hour() as u8,
            minute: at.minute() as u8,
            second: at.second() as u8,
            millisecond: 0,
        },
        offset: printpdf::Offset {
            hours: (seconds / 3600) as i8,
            minutes: (seconds % 3600 / 60) as i8,
            seconds: 0,
            milliseconds: 0,
        },
    }
}
