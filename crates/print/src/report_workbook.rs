//! The manager's report (issue 16) as a workbook: the KPIs of the period
//! against the previous period, a year earlier and the target; the twelve
//! months' trend; the advisor league.
//!
//! Unlike the lists (`workbook::workbook`, one number format for every
//! number), each value here is a number in its KPI's unit with the format
//! that shows it as the dashboard does (`92.5%`, `88.0 分`, `¥12,345.60`,
//! built from the locale's unit templates), so the dealer can sum and chart
//! the cells and still read the screen's text; the sheets are written
//! directly with `rust_xlsxwriter`, in the look of the other exports (a bold
//! shaded header, frozen and filterable).

use caredesk_domain::report::{self, Figure, KpiCard, KpiKey, Unit};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

use crate::Language;
use crate::report_format::{
    Report, advisor_text, counts, excel_format, excel_value, kpi_name, range, status_text, target_text, word,
};
use crate::workbook::WorkbookError;

/// The cell formats, one per unit.
struct Formats {
    header: Format,
    label: Format,
    percent: Format,
    points: Format,
    minutes: Format,
    count: Format,
    money: Format,
    missing: Format,
}

impl Formats {
    fn new(lang: Language) -> Formats {
        let number = |unit| Format::new().set_num_format(excel_format(unit, lang));
        Formats {
            header: Format::new().set_bold().set_align(FormatAlign::Center).set_background_color(0xE8EEF4),
            label: Format::new().set_bold(),
            percent: number(Unit::Percent),
            points: number(Unit::Points),
            minutes: number(Unit::Minutes),
            count: number(Unit::Count),
            money: number(Unit::Money),
            missing: Format::new().set_align(FormatAlign::Right).set_font_color(0x808080),
        }
    }

    fn of(&self, unit: Unit) -> &Format {
        match unit {
            Unit::Percent => &self.percent,
            Unit::Points => &self.points,
            Unit::Minutes => &self.minutes,
            Unit::Count => &self.count,
            Unit::Money => &self.money,
        }
    }
}

/// The report as an `.xlsx` workbook in `lang`: the KPIs, the trend, the league.
pub fn report_workbook(report: &Report<'_>, lang: Language) -> Result<Vec<u8>, WorkbookError> {
    let formats = Formats::new(lang);
    let mut book = Workbook::new();
    kpi_sheet(book.add_worksheet(), report, lang, &formats)?;
    trend_sheet(book.add_worksheet(), report, lang, &formats)?;
    league_sheet(book.add_worksheet(), report, lang, &formats)?;
    Ok(book.save_to_buffer()?)
}

fn row(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn col(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// A figure's value as a number in its unit's format, or the text "no data".
fn write_value(
    sheet: &mut Worksheet,
    (r, c): (u32, u16),
    value: Option<f64>,
    unit: Unit,
    lang: Language,
    formats: &Formats,
) -> Result<(), XlsxError> {
    match value {
        Some(value) => sheet.write_number_with_format(r, c, excel_value(value, unit), formats.of(unit))?,
        None => sheet.write_string_with_format(r, c, word(lang, "noData"), &formats.missing)?,
    };
    Ok(())
}

fn header(sheet: &mut Worksheet, r: u32, titles: &[(&str, f64)], formats: &Formats) -> Result<(), XlsxError> {
    for (c, (title, width)) in titles.iter().enumerate() {
        sheet.write_string_with_format(r, col(c), *title, &formats.header)?;
        sheet.set_column_width(col(c), *width)?;
    }
    Ok(())
}

/// Sheet 1: the period, the advisor and the comparison periods, then a row per KPI.
fn kpi_sheet(
    sheet: &mut Worksheet,
    report: &Report<'_>,
    lang: Language,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(word(lang, "kpiSheet"))?;
    let d = report.dashboard;
    let head = [
        (word(lang, "period"), range(lang, (d.from, d.to))),
        (word(lang, "advisor"), advisor_text(report, lang)),
        (word(lang, "previous"), range(lang, report::previous(d.from, d.to))),
        (word(lang, "yearAgo"), range(lang, report::year_ago(d.from, d.to))),
    ];
    for (r, (label, value)) in head.iter().enumerate() {
        sheet.write_string_with_format(row(r), 0, *label, &formats.label)?;
        sheet.write_string(row(r), 1, value)?;
    }
    let top = row(head.len() + 1);
    let titles = [
        (word(lang, "figure"), 34.0),
        (word(lang, "current"), 16.0),
        (word(lang, "counts"), 14.0),
        (word(lang, "previous"), 16.0),
        (word(lang, "yearAgo"), 16.0),
        (word(lang, "target"), 14.0),
        (word(lang, "status"), 12.0),
    ];
    header(sheet, top, &titles, formats)?;
    for (i, card) in d.cards.iter().enumerate() {
        let r = top + 1 + row(i);
        sheet.write_string(r, 0, kpi_name(lang, card))?;
        write_value(sheet, (r, 1), card.current.value, card.unit, lang, formats)?;
        let counts = counts(&card.current);
        if !counts.is_empty() {
            sheet.write_string_with_format(r, 2, counts, &Format::new().set_align(FormatAlign::Right))?;
        }
        write_value(sheet, (r, 3), card.previous.value, card.unit, lang, formats)?;
        write_value(sheet, (r, 4), card.year_ago.value, card.unit, lang, formats)?;
        match card.target {
            Some(target) => {
                sheet.write_number_with_format(
                    r,
                    5,
                    excel_value(target, card.unit),
                    formats.of(card.unit),
                )?;
            }
            None => {
                sheet.write_string_with_format(r, 5, target_text(card, lang), &formats.missing)?;
            }
        }
        let status = status_text(card, lang);
        if !status.is_empty() {
            sheet.write_string(r, 6, status)?;
        }
    }
    sheet.set_freeze_panes(top + 1, 1)?;
    sheet.autofilter(top, 0, top + row(d.cards.len()).max(1), col(titles.len() - 1))?;
    Ok(())
}

/// Sheet 2: a row per month (oldest first), a column per KPI.
fn trend_sheet(
    sheet: &mut Worksheet,
    report: &Report<'_>,
    lang: Language,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(word(lang, "trend"))?;
    let cards: &[KpiCard] = &report.dashboard.cards;
    let mut titles = vec![(word(lang, "month"), 10.0)];
    titles.extend(cards.iter().map(|c| (kpi_name(lang, c), 16.0)));
    // The KPIs' names are long: their headers wrap in a taller row.
    let wrapped = formats.header.clone().set_text_wrap();
    for (c, (title, width)) in titles.iter().enumerate() {
        sheet.write_string_with_format(0, col(c), *title, &wrapped)?;
        sheet.set_column_width(col(c), *width)?;
    }
    sheet.set_row_height(0, 45)?;
    let months: Vec<&str> =
        cards.first().map(|c| c.trend.iter().map(|m| m.month.as_str()).collect()).unwrap_or_default();
    for (i, month) in months.iter().enumerate() {
        let r = row(i + 1);
        sheet.write_string(r, 0, *month)?;
        for (c, card) in cards.iter().enumerate() {
            let value = card.trend.iter().find(|m| m.month == *month).and_then(|m| m.figure.value);
            write_value(sheet, (r, col(c + 1)), value, card.unit, lang, formats)?;
        }
    }
    sheet.set_freeze_panes(1, 1)?;
    Ok(())
}

/// Sheet 3: the advisor league, a row per advisor.
fn league_sheet(
    sheet: &mut Worksheet,
    report: &Report<'_>,
    lang: Language,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(word(lang, "league"))?;
    let l = |key: &str| caredesk_locale::text(lang.into(), "kpiKey", key);
    let titles = [
        (word(lang, "advisor"), 14.0),
        (l("csi"), 16.0),
        (l("showRate"), 16.0),
        (l("onTimeHandover"), 16.0),
        (l("extraWorkApproval"), 16.0),
        (word(lang, "complaints"), 12.0),
    ];
    header(sheet, 0, &titles, formats)?;
    for (i, advisor) in report.league.iter().enumerate() {
        let r = row(i + 1);
        sheet.write_string(r, 0, &advisor.advisor_name)?;
        let figures: [(&Figure, Unit); 4] = [
            (&advisor.csi, KpiKey::Csi.unit()),
            (&advisor.show_rate, KpiKey::ShowRate.unit()),
            (&advisor.on_time_handover, KpiKey::OnTimeHandover.unit()),
            (&advisor.extra_work_approval, KpiKey::ExtraWorkApproval.unit()),
        ];
        for (c, (figure, unit)) in figures.iter().enumerate() {
            write_value(sheet, (r, col(c + 1)), figure.value, *unit, lang, formats)?;
        }
        sheet.write_number_with_format(r, 5, f64::from(advisor.complaints), formats.of(Unit::Count))?;
    }
    sheet.set_freeze_panes(1, 1)?;
    sheet.autofilter(0, 0, row(report.league.len()).max(1), col(titles.len() - 1))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use calamine::{Data, Reader, Xlsx};
    use caredesk_domain::StaffId;
    use caredesk_domain::report::KpiKey;

    use super::*;
    use crate::report_format::sample;

    fn read(bytes: Vec<u8>) -> Xlsx<std::io::Cursor<Vec<u8>>> {
        Xlsx::new(std::io::Cursor::new(bytes)).expect("an xlsx")
    }

    fn text(value: &str) -> Data {
        Data::String(value.into())
    }

    /// The row of `key` on the KPI sheet: below the four lines of the head, a blank line and the header.
    fn kpi_row(key: KpiKey) -> u32 {
        6 + KpiKey::ALL.iter().position(|k| *k == key).expect("a KPI") as u32
    }

    #[test]
    fn the_report_workbook_holds_the_dashboards_numbers_in_both_languages() {
        let dashboard = sample::dashboard(Some(StaffId(3)));
        let league = sample::league(2);
        let report = Report { dashboard: &dashboard, league: &league, advisor_name: Some("王丽") };
        for (lang, sheets, no_data, met, missed) in [
            (Language::ZhCn, ["KPI指标", "近 12 个月趋势", "服务顾问排行"], "无数据", "达标", "未达标"),
            (Language::En, ["KPI", "Last 12 months", "Advisor league"], "No data", "Met", "Missed"),
        ] {
            let mut book = read(report_workbook(&report, lang).expect("the workbook"));
            assert_eq!(book.sheet_names(), sheets);

            let kpis = book.worksheet_range(sheets[0]).expect("the KPI sheet");
            assert_eq!(
                kpis.get((0, 1)),
                Some(&text(&range(lang, (sample::day("2026-11-01"), sample::day("2026-11-21")))))
            );
            assert_eq!(kpis.get((1, 1)), Some(&text("王丽")));
            assert_eq!(
                kpis.get((2, 1)),
                Some(&text(&range(lang, (sample::day("2026-10-11"), sample::day("2026-10-31")))))
            );
            let at = |key, c| kpis.get((kpi_row(key) as usize, c)).cloned();
            let csi = KpiKey::Csi;
            assert_eq!(at(csi, 0), Some(text(caredesk_locale::label(lang.into(), "kpiKey", &csi))));
            assert_eq!(at(csi, 1), Some(Data::Float(88.0)));
            assert_eq!(at(csi, 4), Some(text(no_data)), "no survey a year ago");
            assert_eq!(at(KpiKey::ShowRate, 1), Some(Data::Float(92.5)));
            assert_eq!(at(KpiKey::ShowRate, 2), Some(text("185 / 200")));
            assert_eq!(at(KpiKey::MinutesToClose, 1), Some(Data::Float(35.0)));
            assert_eq!(at(KpiKey::RepairOrders, 1), Some(Data::Float(1204.0)));
            assert_eq!(at(KpiKey::Revenue, 1), Some(Data::Float(12_345.6)), "money in yuan");
            assert_eq!(at(KpiKey::CampaignRevenue, 1), Some(text(no_data)));
            assert_eq!(at(KpiKey::OneTimeResolution, 5), Some(Data::Float(85.0)));
            assert_eq!(at(KpiKey::OneTimeResolution, 6), Some(text(met)));
            assert_eq!(at(KpiKey::EscalationRate, 6), Some(text(missed)), "lower is better");
            assert_eq!(at(KpiKey::CustomersLost, 6), Some(text(no_data)), "a target but no figure");
            assert_eq!(kpis.height(), 6 + KpiKey::ALL.len());

            let trend = book.worksheet_range(sheets[1]).expect("the trend");
            assert_eq!(trend.height(), 13, "a header and twelve months");
            assert_eq!(trend.get((1, 0)), Some(&text("2025-12")));
            assert_eq!(trend.get((12, 0)), Some(&text("2026-11")));
            assert_eq!(trend.get((12, 1)), Some(&Data::Float(88.0)), "the last month is the period's");
            assert_eq!(trend.get((4, 1)), Some(&text(no_data)));
            let revenue = 1 + KpiKey::ALL.iter().position(|k| *k == KpiKey::Revenue).unwrap_or(0);
            assert_eq!(trend.get((12, revenue)), Some(&Data::Float(12_345.6)));

            let league_sheet = book.worksheet_range(sheets[2]).expect("the league");
            assert_eq!(league_sheet.get((1, 0)), Some(&text("王丽")));
            assert_eq!(league_sheet.get((1, 1)), Some(&Data::Float(88.0)));
            assert_eq!(league_sheet.get((1, 2)), Some(&Data::Float(92.5)));
            assert_eq!(league_sheet.get((1, 3)), Some(&text(no_data)));
            assert_eq!(league_sheet.get((1, 5)), Some(&Data::Float(1204.0)));
            assert_eq!(league_sheet.height(), 3);
        }
    }

    #[test]
    fn the_report_workbooks_number_formats_are_the_screens() {
        let dashboard = sample::dashboard(None);
        let report = Report { dashboard: &dashboard, league: &[], advisor_name: None };
        let bytes = report_workbook(&report, Language::ZhCn).expect("the workbook");
        let mut book = read(bytes.clone());
        let kpis = book.worksheet_range("KPI指标").expect("the KPI sheet");
        assert_eq!(kpis.get((1, 1)), Some(&text("全部服务顾问")));
        // The formats as the file stores them: each unit's template around grouped digits.
        let styles = styles_xml(&bytes);
        for unit in [Unit::Percent, Unit::Points, Unit::Minutes, Unit::Money] {
            let code = excel_format(unit, Language::ZhCn).replace('"', "&quot;");
            assert!(styles.contains(&code), "{code} in {styles}");
        }
    }

    /// `xl/styles.xml` of a workbook, read with `unzip` (the dev tools have it).
    fn styles_xml(bytes: &[u8]) -> String {
        let dir = std::env::temp_dir().join(format!("caredesk-report-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temp folder");
        let path = dir.join("report.xlsx");
        std::fs::write(&path, bytes).expect("write the workbook");
        let out = std::process::Command::new("unzip").arg("-p").arg(&path).arg("xl/styles.xml").output();
        let _ = std::fs::remove_dir_all(&dir);
        String::from_utf8_lossy(&out.expect("unzip runs").stdout).into_owned()
    }
}
