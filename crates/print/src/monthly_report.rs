//! The manager's report (issue 16) as an A4 paper: the dealership's
//! letterhead, the period with the two it is compared with, a table of every
//! KPI (this period, its counts, the previous period, a year earlier, the
//! target, met or missed), the twelve months of a few headline KPIs as small
//! bar charts drawn in vector lines and boxes, and the advisor league.
//!
//! Every figure reads as the dashboard shows it (`report_format`): the
//! paper, the workbook and the screen never differ by a digit.

use caredesk_domain::report::{self, KpiCard, KpiKey, Unit};

use crate::call_sheet::fit;
use crate::layout::{Align, CELL, Column, LABEL, SMALL, Sheet, Style};
use crate::report_format::{
    Report, advisor_text, counts, kpi_name, range, report_figure, report_value, status_text, target_text,
    word,
};
use crate::visit_paper::start_numbered;
use crate::{Fonts, Language, Letterhead, PrintError};

/// The KPIs whose twelve months are drawn, two charts to a row.
const CHARTED: [KpiKey; 6] = [
    KpiKey::Csi,
    KpiKey::CallsInWindow,
    KpiKey::ShowRate,
    KpiKey::OnTimeHandover,
    KpiKey::ExtraWorkApproval,
    KpiKey::Revenue,
];

/// A chart's height, caption to month labels.
const CHART_HEIGHT: f32 = 120.0;
const CHART_GAP: f32 = 10.0;
/// The axis and bar labels: small, but set in the same font.
const TINY: Style = Style { size: 6.0, bold: false, grey: true };
const BAR_LABEL: Style = Style { size: 5.5, bold: false, grey: false };

/// Prints the report: a portrait A4 PDF in the letterhead's language.
pub fn monthly_report(fonts: &Fonts, report: &Report<'_>, head: &Letterhead) -> Result<Vec<u8>, PrintError> {
    let lang = head.language;
    let d = report.dashboard;
    let period = range(lang, (d.from, d.to));
    let mut sheet = start_numbered(fonts, head, word(lang, "title"), None, word(lang, "period"), &period)?;
    sheet.fields(
        &[
            (word(lang, "period"), period.clone()),
            (word(lang, "advisor"), advisor_text(report, lang)),
            (word(lang, "previous"), range(lang, report::previous(d.from, d.to))),
            (word(lang, "yearAgo"), range(lang, report::year_ago(d.from, d.to))),
        ],
        2,
    )?;
    kpi_table(&mut sheet, report, lang)?;
    trend(&mut sheet, report, lang)?;
    league(&mut sheet, report, lang)?;
    sheet.finish()
}

fn kpi_table(sheet: &mut Sheet<'_>, report: &Report<'_>, lang: Language) -> Result<(), PrintError> {
    sheet.heading(word(lang, "kpis"))?;
    let columns = [
        Column::new(word(lang, "figure"), 3.3, Align::Left),
        Column::new(word(lang, "current"), 1.55, Align::Right),
        Column::new(word(lang, "counts"), 1.3, Align::Right),
        Column::new(word(lang, "previous"), 1.55, Align::Right),
        Column::new(word(lang, "yearAgo"), 1.55, Align::Right),
        Column::new(word(lang, "target"), 1.15, Align::Right),
        Column::new(word(lang, "status"), 1.0, Align::Center),
    ];
    let rows: Vec<Vec<String>> = report
        .dashboard
        .cards
        .iter()
        .map(|card| {
            vec![
                kpi_name(lang, card).to_owned(),
                report_figure(card.current.value, card.unit, lang),
                counts(&card.current),
                report_figure(card.previous.value, card.unit, lang),
                report_figure(card.year_ago.value, card.unit, lang),
                if card.target.is_some() { target_text(card, lang) } else { String::new() },
                status_text(card, lang).to_owned(),
            ]
        })
        .collect();
    sheet.table(&columns, &rows)
}

fn trend(sheet: &mut Sheet<'_>, report: &Report<'_>, lang: Language) -> Result<(), PrintError> {
    let cards: Vec<&KpiCard> =
        CHARTED.iter().filter_map(|key| report.dashboard.cards.iter().find(|c| c.key == *key)).collect();
    if cards.is_empty() {
        return Ok(());
    }
    let months = |card: &KpiCard| {
        let first = card.trend.first().map(|m| m.month.clone()).unwrap_or_default();
        let last = card.trend.last().map(|m| m.month.clone()).unwrap_or_default();
        caredesk_locale::fill(word(lang, "range"), &[("from", &first), ("to", &last)])
    };
    let heading = format!("{} ({})", word(lang, "trend"), months(cards[0]));
    // The heading stays with the first row of charts.
    sheet.keep(30.0 + CHART_HEIGHT);
    sheet.heading(&heading)?;
    let width = (sheet.content_width() - CHART_GAP) / 2.0;
    for pair in cards.chunks(2) {
        sheet.keep(CHART_HEIGHT);
        let top = sheet.y();
        for (i, card) in pair.iter().enumerate() {
            let x = sheet.left() + i as f32 * (width + CHART_GAP);
            chart(sheet, card, lang, (x, top, width, CHART_HEIGHT))?;
        }
        sheet.gap(CHART_HEIGHT + CHART_GAP);
    }
    Ok(())
}

/// A round number at or above `value`: 1, 2 or 5 times a power of ten.
fn nice_ceiling(value: f64) -> f64 {
    if value <= 0.0 || !value.is_finite() {
        return 1.0;
    }
    let power = 10_f64.powf(value.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * power).find(|&step| step >= value).unwrap_or(10.0 * power)
}

/// The top of a chart's scale: 100 for a share or points (unless a month is above it).
fn scale(card: &KpiCard) -> f64 {
    let max = card.trend.iter().filter_map(|m| m.figure.value).fold(0.0_f64, f64::max);
    match card.unit {
        Unit::Percent | Unit::Points if max <= 100.0 => 100.0,
        _ => nice_ceiling(max),
    }
}

/// One KPI's twelve months as bars in the box `(x, top, width, height)`: the
/// name and the latest month's figure above, the scale's top and middle on
/// the left, the month under each bar, the value over it where it fits.
fn chart(
    sheet: &mut Sheet<'_>,
    card: &KpiCard,
    lang: Language,
    (x, top, width, height): (f32, f32, f32, f32),
) -> Result<(), PrintError> {
    sheet.stroke_rect(x, top, width, height);
    let pad = 5.0;
    let inner = width - 2.0 * pad;
    let name = fit(sheet, kpi_name(lang, card), CELL.bold(), inner)?;
    sheet.text(x + pad, top + 3.0, &name, CELL.bold(), Align::Left)?;
    let latest = card.trend.last().and_then(|m| m.figure.value);
    let latest =
        caredesk_locale::fill(word(lang, "latest"), &[("value", &report_figure(latest, card.unit, lang))]);
    let latest = fit(sheet, &latest, SMALL, inner)?;
    sheet.text(x + pad, top + 3.0 + CELL.bold().line_height(), &latest, SMALL, Align::Left)?;

    let scale = scale(card);
    let axis = [scale, scale / 2.0].map(|v| report_value(v, card.unit, lang));
    let gutter = axis.iter().map(|t| sheet.measure(t, TINY)).fold(0.0, f32::max) + 4.0;
    let plot_left = x + pad + gutter;
    let plot_right = x + width - pad;
    let plot_top = top + 3.0 + CELL.line_height() + SMALL.line_height() + 4.0 + BAR_LABEL.line_height();
    let plot_bottom = top + height - pad - TINY.line_height() - 1.0;
    let plot_height = plot_bottom - plot_top;

    for (i, label) in axis.iter().enumerate() {
        let y = plot_top + plot_height * i as f32 / 2.0;
        sheet.hline(plot_left, plot_right, y, 0.2);
        sheet.text(plot_left - 3.0, y - TINY.line_height() / 2.0, label, TINY, Align::Right)?;
    }
    sheet.hline(plot_left, plot_right, plot_bottom, 0.8);

    let months = card.trend.len().max(1);
    let slot = (plot_right - plot_left) / months as f32;
    let bar = slot * 0.62;
    let labelled = card.unit != Unit::Money;
    let mut any = false;
    for (i, month) in card.trend.iter().enumerate() {
        let centre = plot_left + slot * (i as f32 + 0.5);
        let label = month.month.rsplit('-').next().unwrap_or(&month.month);
        sheet.text(centre, plot_bottom + 1.0, label, TINY, Align::Center)?;
        let Some(value) = month.figure.value else { continue };
        any = true;
        let share = (value / scale).clamp(0.0, 1.0) as f32;
        let bar_height = plot_height * share;
        let last = i + 1 == card.trend.len();
        sheet.fill_rect(
            centre - bar / 2.0,
            plot_bottom - bar_height,
            bar,
            bar_height,
            if last { 0.25 } else { 0.6 },
        );
        if labelled {
            let text = report_value(value, card.unit, lang);
            if sheet.measure(&text, BAR_LABEL) + 2.0 <= slot {
                let y = plot_bottom - bar_height - BAR_LABEL.line_height();
                // On white, so a gridline behind it does not strike it through.
                let w = sheet.measure(&text, BAR_LABEL) + 1.0;
                sheet.fill_rect(centre - w / 2.0, y + 0.5, w, BAR_LABEL.line_height() - 1.0, 1.0);
                sheet.text(centre, y, &text, BAR_LABEL, Align::Center)?;
            }
        }
    }
    if !any {
        let y = plot_top + plot_height / 2.0 - LABEL.line_height() / 2.0;
        sheet.text((plot_left + plot_right) / 2.0, y, word(lang, "noData"), LABEL, Align::Center)?;
    }
    Ok(())
}

fn league(sheet: &mut Sheet<'_>, report: &Report<'_>, lang: Language) -> Result<(), PrintError> {
    sheet.heading(word(lang, "league"))?;
    if report.league.is_empty() {
        return sheet.paragraph(word(lang, "noData"), LABEL, 0.0);
    }
    let l = |key: &str| caredesk_locale::text(lang.into(), "kpiKey", key);
    let columns = [
        Column::new(word(lang, "advisor"), 1.6, Align::Left),
        Column::new(l("csi"), 1.5, Align::Right),
        Column::new(l("showRate"), 1.5, Align::Right),
        Column::new(l("onTimeHandover"), 1.5, Align::Right),
        Column::new(l("extraWorkApproval"), 1.5, Align::Right),
        Column::new(word(lang, "complaints"), 1.1, Align::Right),
    ];
    let rows: Vec<Vec<String>> = report
        .league
        .iter()
        .map(|r| {
            vec![
                r.advisor_name.clone(),
                report_figure(r.csi.value, KpiKey::Csi.unit(), lang),
                report_figure(r.show_rate.value, KpiKey::ShowRate.unit(), lang),
                report_figure(r.on_time_handover.value, KpiKey::OnTimeHandover.unit(), lang),
                report_figure(r.extra_work_approval.value, KpiKey::ExtraWorkApproval.unit(), lang),
                report_value(f64::from(r.complaints), Unit::Count, lang),
            ]
        })
        .collect();
    sheet.table(&columns, &rows)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::process::Command;
    use std::sync::OnceLock;

    use caredesk_domain::StaffId;
    use caredesk_domain::report::{Dashboard, LeagueRow};
    use chrono::{FixedOffset, TimeZone};

    use super::*;
    use crate::report_format::sample;

    fn fonts() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| {
            Fonts::load(&crate::source_tree_font())
                .expect("the font `cargo xtask` fetches into src-tauri/fonts/")
        })
    }

    fn head(language: Language) -> Letterhead {
        let beijing = FixedOffset::east_opt(8 * 3600).expect("an offset");
        let printed = beijing.with_ymd_and_hms(2026, 11, 22, 10, 30, 0).single().expect("a time");
        Letterhead::new("北京华通一汽-大众特约服务站", language, printed)
    }

    /// Prints the report, keeps the PDF in the temp folder (to look at) and
    /// returns its text as `pdftotext -layout` reads it, pages split by form feeds.
    fn printed(name: &str, dashboard: &Dashboard, league: &[LeagueRow], language: Language) -> String {
        let report = Report { dashboard, league, advisor_name: dashboard.advisor.map(|_| "王丽") };
        let pdf = monthly_report(fonts(), &report, &head(language)).expect("the report");
        assert!(pdf.len() < 300 * 1024, "{} bytes: the font is not subset", pdf.len());
        let dir = std::env::temp_dir().join("caredesk-report-papers");
        std::fs::create_dir_all(&dir).expect("a folder for the papers");
        let path: PathBuf = dir.join(format!("{name}.pdf"));
        std::fs::write(&path, pdf).expect("write the PDF");
        let out = Command::new("pdftotext")
            .args(["-layout", "-enc", "UTF-8"])
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext runs (Debian: apt-get install poppler-utils)");
        assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("UTF-8")
    }

    #[test]
    fn the_report_paper_carries_the_screens_figures_in_both_languages() {
        let dashboard = sample::dashboard(Some(StaffId(3)));
        let league = sample::league(3);
        for (lang, name, expected) in [
            (
                Language::ZhCn,
                "report-zh-CN",
                &[
                    "售后客户关怀月度报告",
                    "北京华通一汽-大众特约服务站",
                    "2026-11-01 至 2026-11-21",
                    "2026-10-11 至 2026-10-31",
                    "2025-11-01 至 2025-11-21",
                    "王丽",
                    "92.5%",
                    "185 / 200",
                    "88.0 分",
                    "35 分钟",
                    "1,204",
                    "¥12,345.60",
                    "¥11,111.04",
                    "无数据",
                    "85.0%",
                    "达标",
                    "未达标",
                    "客户满意度（CSI）",
                    "最近一月：88.0 分",
                    "服务顾问排行",
                    "顾问02",
                    "第1/2页",
                ][..],
            ),
            (
                Language::En,
                "report-en",
                &[
                    "After-sales customer care report",
                    "2026-11-01 to 2026-11-21",
                    "2026-10-11 to 2026-10-31",
                    "2025-11-01 to 2025-11-21",
                    "92.5%",
                    "185 / 200",
                    "88.0 pts",
                    "35 min",
                    "1,204",
                    "¥12,345.60",
                    "No data",
                    "85.0%",
                    "Met",
                    "Missed",
                    "Customer satisfaction (CSI)",
                    "Latest month: 88.0 pts",
                    "Advisor league",
                    "顾问02",
                ][..],
            ),
        ] {
            let text = printed(name, &dashboard, &league, lang);
            for figure in expected {
                assert!(text.contains(figure), "{lang:?}: {figure:?} is not on the paper:\n{text}");
            }
            for key in KpiKey::ALL {
                let label = caredesk_locale::label(lang.into(), "kpiKey", &key);
                assert!(text.contains(label), "{lang:?}: {label} is not on the paper");
            }
        }
    }

    #[test]
    fn a_long_report_breaks_its_pages_and_repeats_the_league_header() {
        let dashboard = sample::dashboard(None);
        let league = sample::league(90);
        let text = printed("report-long", &dashboard, &league, Language::ZhCn);
        let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
        assert!(pages.len() >= 4, "{} pages", pages.len());
        assert!(pages[0].contains("全部服务顾问"));
        for (i, page) in pages.iter().enumerate() {
            // pdftotext drops the spaces between the Chinese and the digits.
            let number = format!("第{}/{}页", i + 1, pages.len());
            assert!(page.contains(&number), "page {} has no number:\n{page}", i + 1);
        }
        for i in 1..90 {
            assert!(text.contains(&format!("顾问{i:02}")), "advisor {i} is missing");
        }
        let league_pages = pages.iter().filter(|p| p.contains("顾问0") || p.contains("顾问8")).count();
        let headed = pages.iter().filter(|p| p.contains("投诉数")).count();
        assert!(
            league_pages >= 2 && headed >= league_pages,
            "{league_pages} pages of league, {headed} headed"
        );
    }

    #[test]
    fn the_font_draws_every_word_of_the_report() {
        for lang in [Language::ZhCn, Language::En] {
            let table = caredesk_locale::table(lang.into());
            for section in ["report", "kpiKey", "unit"] {
                for text in table.get(section).expect("the section").values() {
                    fonts().check(text).unwrap_or_else(|e| panic!("{lang:?} {section}: {text:?}: {e}"));
                }
            }
        }
    }

    #[test]
    fn report_charts_scale_to_a_round_number() {
        assert_eq!(nice_ceiling(1_234_560.0), 2_000_000.0);
        assert_eq!(nice_ceiling(88.0), 100.0);
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(5.0), 5.0);
        let dashboard = sample::dashboard(None);
        let card = |key| dashboard.cards.iter().find(|c| c.key == key).expect("a card");
        assert_eq!(scale(card(KpiKey::ShowRate)), 100.0);
        assert_eq!(scale(card(KpiKey::Revenue)), 2_000_000.0);
    }
}
