//! What the manager's report (issue 16) reads like wherever it goes out — the
//! workbook (`report_workbook`) and the A4 paper (`monthly_report`): a
//! figure's text in its unit, exactly as the dashboard shows it, through the
//! locale's `unit` templates; the comparison periods; met or missed against
//! the target. Every word is the locale's (`caredesk_locale`), so the screen,
//! the paper and the workbook say the same.

use caredesk_domain::report::{Dashboard, Figure, KpiCard, LeagueRow, Unit};
use caredesk_locale as locale;
use chrono::NaiveDate;

use crate::Language;
use crate::format::date;

/// The report as the dashboard reads it: its figures, the advisor league and,
/// when the report is one advisor's, their name (the dashboard carries only the id).
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    pub dashboard: &'a Dashboard,
    pub league: &'a [LeagueRow],
    pub advisor_name: Option<&'a str>,
}

/// A word of the locale's `report` section.
pub(crate) fn word(lang: Language, key: &str) -> &'static str {
    locale::text(lang.into(), "report", key)
}

/// A KPI's name.
pub(crate) fn kpi_name(lang: Language, card: &KpiCard) -> &'static str {
    locale::label(lang.into(), "kpiKey", &card.key)
}

/// How many decimals a unit shows: one for a percentage or points, none for
/// minutes and counts, two (fen) for money.
fn decimals(unit: Unit) -> u32 {
    match unit {
        Unit::Percent | Unit::Points => 1,
        Unit::Minutes | Unit::Count => 0,
        Unit::Money => 2,
    }
}

fn unit_key(unit: Unit) -> &'static str {
    match unit {
        Unit::Percent => "percent",
        Unit::Points => "points",
        Unit::Minutes => "minutes",
        Unit::Count => "count",
        Unit::Money => "money",
    }
}

/// The unit's template from the locale: `{value}%`, `{value} 分`, `¥{value}`.
fn template(lang: Language, unit: Unit) -> &'static str {
    locale::text(lang.into(), "unit", unit_key(unit))
}

/// `value` rounded half away from zero to `decimals`, with thousands
/// separators, without its sign: 12345.6 → `12,345.6`.
fn grouped(value: f64, decimals: u32) -> String {
    let scale = 10_u128.pow(decimals);
    let scaled = (value.abs() * scale as f64).round();
    let n = if scaled.is_finite() { scaled as u128 } else { 0 };
    let (whole, fraction) = (n / scale, n % scale);
    let digits = whole.to_string();
    let mut text = String::with_capacity(digits.len() + digits.len() / 3 + 4);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            text.push(',');
        }
        text.push(digit);
    }
    if decimals > 0 {
        text.push('.');
        text.push_str(&format!("{fraction:0width$}", width = decimals as usize));
    }
    text
}

/// A figure's value as the dashboard shows it, in its unit: `92.5%`,
/// `88.0 分` / `88.0 pts`, `35 分钟` / `35 min`, `1,204`, `¥12,345.60`
/// (money is given in fen); a negative value with its minus sign first.
pub fn report_value(value: f64, unit: Unit, lang: Language) -> String {
    let value = if unit == Unit::Money { value / 100.0 } else { value };
    let digits = grouped(value, decimals(unit));
    let negative = value < 0.0 && digits.chars().any(|c| c.is_ascii_digit() && c != '0');
    let text = locale::fill(template(lang, unit), &[("value", &digits)]);
    if negative { format!("-{text}") } else { text }
}

/// A figure's value, or "无数据" / "No data" when there was nothing to measure.
pub fn report_figure(value: Option<f64>, unit: Unit, lang: Language) -> String {
    match value {
        Some(value) => report_value(value, unit, lang),
        None => word(lang, "noData").to_owned(),
    }
}

/// A share's counts, `45 / 50`; empty for a figure that is not a share.
pub(crate) fn counts(figure: &Figure) -> String {
    match (figure.part, figure.whole) {
        (Some(part), Some(whole)) => {
            format!("{} / {}", grouped(f64::from(part), 0), grouped(f64::from(whole), 0))
        }
        _ => String::new(),
    }
}

/// The target in the KPI's unit, or "no target".
pub(crate) fn target_text(card: &KpiCard, lang: Language) -> String {
    match card.target {
        Some(target) => report_value(target, card.unit, lang),
        None => word(lang, "noTarget").to_owned(),
    }
}

/// Met, missed, no data (a target but nothing to measure), or nothing (no target).
pub(crate) fn status_text(card: &KpiCard, lang: Language) -> &'static str {
    match (card.met, card.target) {
        (Some(true), _) => word(lang, "met"),
        (Some(false), _) => word(lang, "missed"),
        (None, Some(_)) => word(lang, "noData"),
        (None, None) => "",
    }
}

/// `2026-11-01 至 2026-11-21` / `2026-11-01 to 2026-11-21`.
pub(crate) fn range(lang: Language, (from, to): (NaiveDate, NaiveDate)) -> String {
    locale::fill(word(lang, "range"), &[("from", &date(from)), ("to", &date(to))])
}

/// The advisor the report is about, or all advisors.
pub(crate) fn advisor_text(report: &Report<'_>, lang: Language) -> String {
    match (report.dashboard.advisor, report.advisor_name) {
        (None, _) => word(lang, "allAdvisors").to_owned(),
        (Some(_), Some(name)) => name.to_owned(),
        (Some(id), None) => format!("#{}", id.0),
    }
}

/// The Excel number format that shows a value (money in yuan) as
/// [`report_value`] writes it: the unit's template around grouped digits.
pub(crate) fn excel_format(unit: Unit, lang: Language) -> String {
    let digits = match decimals(unit) {
        0 => "#,##0".to_owned(),
        n => format!("#,##0.{}", "0".repeat(n as usize)),
    };
    let (before, after) = template(lang, unit).split_once("{value}").unwrap_or(("", ""));
    let quoted =
        |text: &str| if text.is_empty() { String::new() } else { format!("\"{}\"", text.replace('"', "")) };
    format!("{}{digits}{}", quoted(before), quoted(after))
}

/// The number a workbook cell holds for a value: money in yuan, the rest as it is.
pub(crate) fn excel_value(value: f64, unit: Unit) -> f64 {
    if unit == Unit::Money { value / 100.0 } else { value }
}

/// A report with a figure of every unit, figures without a value, a met and a
/// missed target, twelve months of trend and a league, for the tests of the
/// workbook and the paper.
#[cfg(test)]
pub(crate) mod sample {
    use caredesk_domain::StaffId;
    use caredesk_domain::report::{Dashboard, Figure, KpiCard, KpiKey, LeagueRow, MonthFigure, Unit};
    use chrono::NaiveDate;

    pub fn day(text: &str) -> NaiveDate {
        text.parse().expect("a date")
    }

    /// This period's value of `key`: 92.5% (185 / 200), 88.0 points, 35
    /// minutes, 1,204 orders, ¥12,345.60; none for the campaigns and the
    /// customers lost (an advisor's report has no dealership-wide figures).
    pub fn current(key: KpiKey) -> Figure {
        if matches!(key, KpiKey::CampaignRevenue | KpiKey::CampaignReturn | KpiKey::CustomersLost) {
            return Figure::default();
        }
        let value = |v: f64| Figure { value: Some(v), part: None, whole: None };
        match key.unit() {
            Unit::Percent => Figure { value: Some(92.5), part: Some(185), whole: Some(200) },
            Unit::Points => value(88.0),
            Unit::Minutes => value(35.0),
            Unit::Count => value(1_204.0),
            Unit::Money => value(1_234_560.0),
        }
    }

    fn month(i: u32, key: KpiKey) -> MonthFigure {
        let month = if i == 0 { "2025-12".to_owned() } else { format!("2026-{i:02}") };
        // Two months without a figure; the others climbing towards the period's.
        let value = match (i, current(key).value) {
            (3 | 4, _) | (_, None) => None,
            (_, Some(v)) => Some(v * (0.6 + 0.4 * f64::from(i) / 11.0)),
        };
        MonthFigure { month, figure: Figure { value, part: None, whole: None } }
    }

    pub fn dashboard(advisor: Option<StaffId>) -> Dashboard {
        let cards = KpiKey::ALL
            .into_iter()
            .map(|key| {
                let previous = Figure { value: current(key).value.map(|v| v * 0.9), part: None, whole: None };
                let year_ago = if key == KpiKey::Csi { Figure::default() } else { current(key) };
                let target = match key {
                    KpiKey::OneTimeResolution => Some(85.0),
                    KpiKey::EscalationRate => Some(5.0),
                    KpiKey::CustomersLost => Some(10.0),
                    _ => None,
                };
                KpiCard::new(
                    key,
                    [current(key), previous, year_ago],
                    target,
                    (0..12).map(|i| month(i, key)).collect(),
                )
            })
            .collect();
        Dashboard { from: day("2026-11-01"), to: day("2026-11-21"), advisor, cards }
    }

    pub fn league(advisors: usize) -> Vec<LeagueRow> {
        (0..advisors)
            .map(|i| LeagueRow {
                advisor_id: StaffId(i as i64 + 3),
                advisor_name: if i == 0 { "王丽".to_owned() } else { format!("顾问{i:02}") },
                csi: Figure { value: Some(88.0), part: None, whole: None },
                show_rate: Figure { value: Some(92.5), part: Some(185), whole: Some(200) },
                on_time_handover: Figure::default(),
                extra_work_approval: Figure { value: Some(61.5), part: Some(8), whole: Some(13) },
                complaints: 1_204,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ZH: Language = Language::ZhCn;
    const EN: Language = Language::En;

    #[test]
    fn report_values_read_like_the_screen_in_both_languages() {
        assert_eq!(report_value(92.5, Unit::Percent, ZH), "92.5%");
        assert_eq!(report_value(92.5, Unit::Percent, EN), "92.5%");
        assert_eq!(report_value(100.0, Unit::Percent, EN), "100.0%");
        assert_eq!(report_value(1250.0, Unit::Percent, EN), "1,250.0%");
        assert_eq!(report_value(88.0, Unit::Points, ZH), "88.0 分");
        assert_eq!(report_value(88.0, Unit::Points, EN), "88.0 pts");
        assert_eq!(report_value(35.0, Unit::Minutes, ZH), "35 分钟");
        assert_eq!(report_value(1440.0, Unit::Minutes, EN), "1,440 min");
        assert_eq!(report_value(1204.0, Unit::Count, ZH), "1,204");
        assert_eq!(report_value(0.0, Unit::Count, EN), "0");
        assert_eq!(report_value(1_234_560.0, Unit::Money, ZH), "¥12,345.60");
        assert_eq!(report_value(1_234_560.0, Unit::Money, EN), "¥12,345.60");
        assert_eq!(report_value(-5.0, Unit::Money, EN), "-¥0.05");
        assert_eq!(report_value(-0.01, Unit::Percent, EN), "0.0%", "no minus before a zero");
    }

    #[test]
    fn report_values_round_half_away_from_zero() {
        assert_eq!(report_value(66.66, Unit::Percent, EN), "66.7%");
        assert_eq!(report_value(12.25, Unit::Percent, EN), "12.3%");
        assert_eq!(report_value(30.5, Unit::Minutes, EN), "31 min");
        assert_eq!(report_value(99.5, Unit::Money, EN), "¥1.00");
    }

    #[test]
    fn report_money_is_the_papers_money() {
        for fen in [0_i64, 5, 99_999, 123_450, 100_000_000, -123_450] {
            assert_eq!(report_value(fen as f64, Unit::Money, ZH), crate::money(caredesk_domain::Fen(fen)));
        }
    }

    #[test]
    fn report_figures_without_a_value_say_so() {
        assert_eq!(report_figure(None, Unit::Percent, ZH), "无数据");
        assert_eq!(report_figure(None, Unit::Money, EN), "No data");
        assert_eq!(report_figure(Some(3.0), Unit::Count, EN), "3");
        let share = Figure { value: Some(90.0), part: Some(1_800), whole: Some(2_000) };
        assert_eq!(counts(&share), "1,800 / 2,000");
        assert_eq!(counts(&Figure::default()), "");
    }

    #[test]
    fn report_excel_formats_carry_the_unit_templates() {
        assert_eq!(excel_format(Unit::Percent, ZH), "#,##0.0\"%\"");
        assert_eq!(excel_format(Unit::Points, EN), "#,##0.0\" pts\"");
        assert_eq!(excel_format(Unit::Minutes, ZH), "#,##0\" 分钟\"");
        assert_eq!(excel_format(Unit::Count, EN), "#,##0");
        assert_eq!(excel_format(Unit::Money, EN), "\"¥\"#,##0.00");
        assert_eq!(excel_value(1_234_560.0, Unit::Money), 12_345.6);
    }

    #[test]
    fn report_periods_are_written_in_the_language() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(range(ZH, (day("2026-11-01"), day("2026-11-21"))), "2026-11-01 至 2026-11-21");
        assert_eq!(range(EN, (day("2026-11-01"), day("2026-11-21"))), "2026-11-01 to 2026-11-21");
    }
}
