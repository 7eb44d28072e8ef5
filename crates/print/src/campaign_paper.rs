//! What the papers of a campaign (DOMAIN.md §6) share: how its dates read,
//! and for the portrait papers (the plan and budget, the lottery record) the
//! letterhead, the running head and the block that names the campaign.

use caredesk_domain::campaign::Campaign;
use chrono::NaiveDate;

use crate::call_sheet::fit;
use crate::format::{date, date_time};
use crate::labels::{Labels, fill};
use crate::layout::{Align, BODY, Chrome, DEALERSHIP, LABEL, Paper, SMALL, Sheet, TITLE};
use crate::visit_paper::pdf_date;
use crate::{Fonts, Letterhead, PrintError};

/// The campaign's days: one date, or the first and the last.
pub(crate) fn dates(starts_on: NaiveDate, ends_on: NaiveDate, labels: &Labels) -> String {
    if starts_on == ends_on {
        date(starts_on)
    } else {
        fill(labels.date_range, &[("from", &date(starts_on)), ("to", &date(ends_on))])
    }
}

/// A new portrait A4 document about `campaign` with its letterhead drawn: the
/// dealership and the title on the left; the theme, the dates and the time of
/// printing on the right. Every later page is headed by the dealership, the
/// title and the theme in a line.
pub(crate) fn start<'f>(
    fonts: &'f Fonts,
    head: &Letterhead,
    title: &str,
    campaign: &Campaign,
) -> Result<Sheet<'f>, PrintError> {
    let labels = head.language.labels();
    let printed = format!("{} {}", labels.printed, date_time(head.printed_at));
    let chrome = Chrome {
        // Set below, once it can be measured against the page.
        running_head: String::new(),
        footer_note: format!("{} · {printed}", head.dealership),
        page_label: Box::new(move |page, pages| {
            fill(labels.page, &[("page", &page.to_string()), ("pages", &pages.to_string())])
        }),
    };
    let created = pdf_date(head.printed_at, head.utc_offset);
    let document = format!("{title} {}", campaign.theme);
    let mut sheet = Sheet::new(fonts, Paper::A4Portrait, &document, created, chrome)?;
    let running = format!("{} · {title} · {}", head.dealership, campaign.theme);
    let running = fit(&sheet, &running, SMALL, sheet.content_width())?;
    sheet.set_running_head(&running)?;

    let (left, right, top) = (sheet.left(), sheet.right(), sheet.y());
    let half = sheet.content_width() / 2.0 - 8.0;
    let dealership = fit(&sheet, &head.dealership, DEALERSHIP, half)?;
    sheet.text(left, top, &dealership, DEALERSHIP, Align::Left)?;
    let title_top = top + DEALERSHIP.line_height() + 2.0;
    let title = fit(&sheet, title, TITLE, half)?;
    sheet.text(left, title_top, &title, TITLE, Align::Left)?;
    let theme = fit(&sheet, &campaign.theme, BODY.bold(), half)?;
    sheet.text(right, top + 2.0, &theme, BODY.bold(), Align::Right)?;
    let mut y = top + 2.0 + BODY.line_height() + 1.0;
    let days = format!("{} {}", labels.campaign_dates, dates(campaign.starts_on, campaign.ends_on, labels));
    for line in [days, printed] {
        let line = fit(&sheet, &line, LABEL, half)?;
        sheet.text(right, y, &line, LABEL, Align::Right)?;
        y += LABEL.line_height();
    }
    let rule = (title_top + TITLE.line_height()).max(y) + 2.0;
    sheet.hline(left, right, rule, 1.2);
    sheet.gap(rule - top + 4.0);
    Ok(sheet)
}

/// The campaign in a few fields: theme and status, dates and venue.
pub(crate) fn overview(
    sheet: &mut Sheet<'_>,
    campaign: &Campaign,
    labels: &Labels,
) -> Result<(), PrintError> {
    sheet.heading(labels.campaign)?;
    sheet.fields(
        &[
            (labels.theme, campaign.theme.clone()),
            (labels.status, labels.campaign_status(campaign.status).to_owned()),
            (labels.campaign_dates, dates(campaign.starts_on, campaign.ends_on, labels)),
            (labels.venue, campaign.venue.clone()),
        ],
        2,
    )
}

/// A count with the sign it needs: quantities in hundredths may be large, and
/// a negative one (never valid, but stored) still reads as what it is.
pub(crate) fn quantity(centi: i64) -> String {
    let sign = if centi < 0 { "-" } else { "" };
    let value = centi.unsigned_abs();
    let (whole, fraction) = (value / 100, value % 100);
    if fraction == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction:02}").trim_end_matches('0').to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Language;

    #[test]
    fn quantities_in_hundredths_read_like_the_repair_orders() {
        assert_eq!(quantity(112_000), "1120");
        assert_eq!(quantity(150), "1.5");
        assert_eq!(quantity(125), "1.25");
        assert_eq!(quantity(5), "0.05");
        assert_eq!(quantity(0), "0");
        assert_eq!(quantity(-150), "-1.5");
        assert_eq!(quantity(i64::MIN), "-92233720368547758.08");
        for centi in [0_u32, 5, 150, 200, 112_000, u32::MAX] {
            assert_eq!(quantity(i64::from(centi)), crate::format::quantity(centi));
        }
    }

    #[test]
    fn one_day_is_one_date() {
        let day = |d| NaiveDate::from_ymd_opt(2011, 9, d).expect("a valid date");
        let (zh, en) = (Language::ZhCn.labels(), Language::En.labels());
        assert_eq!(dates(day(24), day(25), zh), "2011-09-24 至 2011-09-25");
        assert_eq!(dates(day(24), day(25), en), "2011-09-24 to 2011-09-25");
        assert_eq!(dates(day(24), day(24), en), "2011-09-24");
    }
}
