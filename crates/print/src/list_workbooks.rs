//! The screens' lists as workbooks (issue 15): the customer list as filtered,
//! the follow-up call list, the complaints, a campaign's guests and results,
//! and the CSI report — each a table (or a few) in Chinese or English, dates as
//! dates, money as ¥ numbers, an index (CSI) as a number of points. What the
//! screen shows, as the store read it: nothing is computed again here.

use caredesk_domain::archive::{Customer, CustomerSummary};
use caredesk_domain::campaign::{Campaign, Invitation, Results};
use caredesk_domain::complaint::Complaint;
use caredesk_domain::follow_up::{CsiReport, Due, FollowUpCall};
use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};

use crate::Language;
use crate::archive_workbook::{col, grade, lead_grade, visit_state, yes_no};
use crate::workbook::{Table, Value};

/// Picks the text of the language.
fn pick(lang: Language, zh: &'static str, en: &'static str) -> &'static str {
    if lang == Language::ZhCn { zh } else { en }
}

fn local(at: DateTime<Utc>, offset: FixedOffset) -> NaiveDateTime {
    at.with_timezone(&offset).naive_local()
}

/// An index in hundredths (CSI 0–100, a factor's mean 1–5) as a number of points.
fn points(hundredths: u32) -> Value {
    Value::Number(f64::from(hundredths) / 100.0)
}

fn count(n: u32) -> Value {
    Value::Number(f64::from(n))
}

fn due(value: Due, lang: Language) -> Value {
    match value {
        Due::NotYet => Value::text(pick(lang, "未到期", "Not yet")),
        Due::Due => Value::text(pick(lang, "今日应访", "Due")),
        Due::Overdue => Value::text(pick(lang, "已超期", "Overdue")),
        Due::Closed => Value::Empty,
    }
}

/// One line of the customer list: the line as the list shows it, and the
/// customer's record for what the line does not carry (address, dates).
#[derive(Debug, Clone, Copy)]
pub struct CustomerLine<'a> {
    pub summary: &'a CustomerSummary,
    pub customer: Option<&'a Customer>,
}

/// The customer list as filtered, a line per customer in the list's order;
/// their vehicles joined in one cell each (plates, models, VINs).
pub fn customer_list_table(lines: &[CustomerLine], offset: FixedOffset, lang: Language) -> Table {
    let p = |zh, en| pick(lang, zh, en);
    let joined = |s: &CustomerSummary, f: &dyn Fn(&caredesk_domain::archive::VehicleBrief) -> String| {
        s.vehicles.iter().map(f).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" / ")
    };
    Table {
        name: p("客户列表", "Customer list").into(),
        columns: vec![
            col(p("客户编号", "Customer no."), 10.0),
            col(p("客户姓名", "Name"), 14.0),
            col(p("手机号码", "Mobile"), 14.0),
            col(p("客户等级", "Grade"), 10.0),
            col(p("意向等级", "Lead grade"), 10.0),
            col(p("车牌号码", "Plate"), 14.0),
            col(p("车型", "Model"), 22.0),
            col(p("车架号", "VIN"), 22.0),
            col(p("地址", "Address"), 30.0),
            col(p("生日", "Birthday"), 12.0),
            col(p("营销许可", "Marketing consent"), 10.0),
            col(p("建档日期", "Customer since"), 12.0),
            col(p("已归档", "Archived"), 8.0),
        ],
        rows: lines
            .iter()
            .map(|CustomerLine { summary: s, customer }| {
                vec![
                    Value::Number(s.id.0 as f64),
                    Value::text(&s.name),
                    Value::text(&s.mobile),
                    Value::text(grade(s.grade, lang)),
                    Value::opt_text(s.lead_grade.map(lead_grade)),
                    Value::text(joined(s, &|v| v.plate.clone().unwrap_or_default())),
                    Value::text(joined(s, &|v| format!("{} {}", v.brand, v.model).trim().to_owned())),
                    Value::text(joined(s, &|v| v.vin.clone())),
                    Value::opt_text(customer.map(|c| c.address.as_str())),
                    Value::date(customer.and_then(|c| c.birthday)),
                    customer.map_or(Value::Empty, |c| yes_no(c.marketing_consent, lang)),
                    Value::date(customer.map(|c| local(c.created_at, offset).date())),
                    yes_no(s.archived, lang),
                ]
            })
            .collect(),
    }
}

/// The follow-up call list as filtered, with the rows' numbers of the screen and the sheet.
pub fn call_list_table(calls: &[FollowUpCall], lang: Language) -> Table {
    let labels = lang.labels();
    let p = |zh, en| pick(lang, zh, en);
    Table {
        name: p("回访电话列表", "Follow-up calls").into(),
        columns: vec![
            col(p("序号", "Row"), 6.0),
            col(p("工单号", "RO number"), 16.0),
            col(p("客户姓名", "Customer"), 12.0),
            col(p("手机号码", "Mobile"), 14.0),
            col(p("车牌号码", "Plate"), 12.0),
            col(p("车辆", "Vehicle"), 20.0),
            col(p("维修项目", "Work done"), 30.0),
            col(p("服务顾问", "Advisor"), 10.0),
            col(p("交车日期", "Handed over"), 12.0),
            col(p("回访开始", "Due from"), 12.0),
            col(p("回访截止", "Due by"), 12.0),
            col(p("状态", "Status"), 10.0),
            col(p("到期", "Due"), 10.0),
            col(p("下次拨打", "Next attempt"), 12.0),
            col(p("约定回电", "Call back at"), 16.0),
            col(p("拨打次数", "Attempts"), 8.0),
            col(p("最近结果", "Last outcome"), 16.0),
            col(p("回访员", "Caller"), 10.0),
            col(p("满意度", "CSI"), 8.0),
            col(p("来店状态", "Visit state"), 10.0),
        ],
        rows: calls
            .iter()
            .map(|c| {
                let open = c.status == caredesk_domain::follow_up::CallStatus::Open;
                vec![
                    count(c.row),
                    Value::text(&c.visit_number),
                    Value::text(&c.customer_name),
                    Value::text(&c.mobile),
                    Value::opt_text(c.plate.clone()),
                    Value::text(&c.vehicle_label),
                    Value::text(&c.work_done),
                    Value::text(&c.advisor_name),
                    Value::Date(c.handed_over_on),
                    Value::Date(c.due_from),
                    Value::Date(c.due_to),
                    Value::text(labels.call_status(c.status)),
                    due(c.due, lang),
                    Value::date(open.then_some(c.next_on)),
                    Value::date_time(c.call_back_at),
                    count(c.attempts),
                    Value::opt_text(c.last_outcome.map(|o| labels.call_outcome(o))),
                    Value::opt_text(c.caller_name.clone()),
                    c.csi.map_or(Value::Empty, points),
                    Value::text(visit_state(c.visit_state, lang)),
                ]
            })
            .collect(),
    }
}

/// The complaints as the list shows them (open ones, or all), times in the desk's local time.
pub fn complaint_list_table(complaints: &[Complaint], offset: FixedOffset, lang: Language) -> Table {
    let labels = lang.labels();
    let p = |zh, en| pick(lang, zh, en);
    Table {
        name: p("客户投诉", "Complaints").into(),
        columns: vec![
            col(p("投诉编号", "Number"), 18.0),
            col(p("受理时间", "Received"), 16.0),
            col(p("客户姓名", "Customer"), 12.0),
            col(p("手机号码", "Mobile"), 14.0),
            col(p("车牌号码", "Plate"), 12.0),
            col(p("工单号", "RO number"), 16.0),
            col(p("渠道", "Channel"), 10.0),
            col(p("类别", "Category"), 14.0),
            col(p("严重程度", "Severity"), 10.0),
            col(p("状态", "State"), 10.0),
            col(p("升级次数", "Escalations"), 8.0),
            col(p("首问负责人", "Received by"), 10.0),
            col(p("处理人", "Handler"), 10.0),
            col(p("处理期限", "Resolve by"), 16.0),
            col(p("投诉内容", "Description"), 40.0),
            col(p("客户诉求", "Request"), 30.0),
            col(p("解决方案", "Solution"), 30.0),
        ],
        rows: complaints
            .iter()
            .map(|c| {
                vec![
                    Value::text(&c.number),
                    Value::DateTime(local(c.received_at, offset)),
                    Value::text(&c.customer_name),
                    Value::text(&c.customer_mobile),
                    Value::opt_text(c.plate.clone()),
                    Value::opt_text(c.visit_number.clone()),
                    Value::text(labels.channel(c.channel)),
                    Value::text(labels.category(c.category)),
                    Value::text(labels.severity(c.severity)),
                    Value::text(labels.complaint_state(c.state)),
                    Value::Number(c.escalations.len() as f64),
                    Value::text(&c.received_by),
                    Value::opt_text(c.handler.clone()),
                    Value::DateTime(local(c.resolve_due, offset)),
                    Value::text(&c.description),
                    Value::text(&c.request),
                    Value::opt_text(c.solution.clone()),
                ]
            })
            .collect(),
    }
}

/// A campaign's guests as the list shows them: the sheet's row numbers, the answers, the check-ins and the prizes.
pub fn guest_list_table(guests: &[Invitation], offset: FixedOffset, lang: Language) -> Table {
    let labels = lang.labels();
    let p = |zh, en| pick(lang, zh, en);
    Table {
        name: p("邀约名单", "Guests").into(),
        columns: vec![
            col(p("序号", "Row"), 6.0),
            col(p("客户姓名", "Customer"), 12.0),
            col(p("手机号码", "Mobile"), 14.0),
            col(p("车牌号码", "Plate"), 12.0),
            col(p("车型", "Model"), 20.0),
            col(p("到场方式", "Arrival"), 10.0),
            col(p("答复", "Answer"), 10.0),
            col(p("答复记录人", "Answer taken by"), 10.0),
            col(p("答复时间", "Answered at"), 16.0),
            col(p("备注", "Note"), 24.0),
            col(p("签到时间", "Checked in"), 16.0),
            col(p("签到人", "Checked in by"), 10.0),
            col(p("奖品", "Prize"), 14.0),
        ],
        rows: guests
            .iter()
            .map(|g| {
                vec![
                    count(g.row),
                    Value::text(&g.customer_name),
                    Value::text(&g.mobile),
                    Value::opt_text(g.plate.clone()),
                    Value::opt_text(g.vehicle_label.clone()),
                    Value::text(labels.arrival(g.arrival)),
                    Value::text(labels.rsvp(g.rsvp)),
                    Value::opt_text(g.rsvp_by.clone()),
                    Value::date_time(g.rsvp_at.map(|at| local(at, offset))),
                    Value::text(&g.rsvp_note),
                    Value::date_time(g.checked_in_at.map(|at| local(at, offset))),
                    Value::opt_text(g.checked_in_by.clone()),
                    Value::opt_text(g.prize.clone()),
                ]
            })
            .collect(),
    }
}

/// What a campaign brought back, a figure a line: the period, the turnout, the
/// repair orders and revenue attributed to it, the cost and the return.
pub fn campaign_results_table(campaign: &Campaign, results: &Results, lang: Language) -> Table {
    let p = |zh, en| pick(lang, zh, en);
    let figure = |label: &'static str, value: Value| vec![Value::text(label), value];
    Table {
        name: p("活动效果", "Campaign results").into(),
        columns: vec![col(p("项目", "Figure"), 26.0), col(p("数值", "Value"), 20.0)],
        rows: vec![
            figure(p("活动主题", "Theme"), Value::text(&campaign.theme)),
            figure(p("开始日期", "Starts on"), Value::Date(campaign.starts_on)),
            figure(p("结束日期", "Ends on"), Value::Date(campaign.ends_on)),
            figure(p("计入截止", "Visits counted until"), Value::Date(results.attributed_until)),
            figure(p("邀约人数", "Invited"), count(results.invited)),
            figure(p("确认参加", "Confirmed"), count(results.confirmed)),
            figure(p("实际到场", "Attended"), count(results.attended)),
            figure(p("其中临时到场", "Of whom walk-ins"), count(results.walk_ins)),
            figure(p("维修工单", "Repair orders"), count(results.repair_orders)),
            figure(p("产值", "Revenue"), Value::Money(results.revenue.0)),
            figure(p("费用", "Cost"), Value::Money(results.cost.0)),
            figure(
                p("人均费用", "Cost per attendee"),
                results.cost_per_attendee.map_or(Value::Empty, |f| Value::Money(f.0)),
            ),
            figure(p("投入产出比 (%)", "Return (%)"), Value::number(results.return_percent.map(f64::from))),
        ],
    }
}

/// The CSI report as the tab shows it: the period's figures, CSI by advisor, by
/// month and by advisor and month, the distribution, the factors' means and
/// the hot alerts. Indexes in points (0–100; a factor's mean 1–5).
pub fn csi_report_tables(report: &CsiReport, lang: Language) -> Vec<Table> {
    let labels = lang.labels();
    let p = |zh, en| pick(lang, zh, en);
    let figure = |label: &'static str, value: Value| vec![Value::text(label), value];
    let summary = Table {
        name: p("满意度概况", "CSI summary").into(),
        columns: vec![col(p("项目", "Figure"), 28.0), col(p("数值", "Value"), 14.0)],
        rows: vec![
            figure(p("开始日期", "From"), Value::Date(report.from)),
            figure(p("结束日期", "To"), Value::Date(report.to)),
            figure(p("总体满意度", "Overall CSI"), report.csi.map_or(Value::Empty, points)),
            figure(p("调查数", "Surveys"), count(report.surveys)),
            figure(p("应完成回访", "Calls due"), count(report.calls_due)),
            figure(p("按时完成", "Completed in the window"), count(report.completed_in_window)),
            figure(p("已结束回访", "Calls closed"), count(report.calls_closed)),
            figure(p("接通客户", "Reached the customer"), count(report.reached)),
            figure(p("热线预警", "Hot alerts"), count(report.hot_alerts)),
        ],
    };
    let by_advisor = Table {
        name: p("按服务顾问", "By advisor").into(),
        columns: vec![
            col(p("服务顾问", "Advisor"), 14.0),
            col(p("调查数", "Surveys"), 10.0),
            col(p("满意度", "CSI"), 10.0),
        ],
        rows: report
            .by_advisor
            .iter()
            .map(|g| vec![Value::text(&g.label), count(g.surveys), points(g.csi)])
            .collect(),
    };
    let by_month = Table {
        name: p("按月", "By month").into(),
        columns: vec![
            col(p("月份", "Month"), 10.0),
            col(p("调查数", "Surveys"), 10.0),
            col(p("满意度", "CSI"), 10.0),
        ],
        rows: report
            .by_month
            .iter()
            .map(|g| vec![Value::text(&g.label), count(g.surveys), points(g.csi)])
            .collect(),
    };
    let by_advisor_month = Table {
        name: p("按顾问和月", "By advisor and month").into(),
        columns: vec![
            col(p("服务顾问", "Advisor"), 14.0),
            col(p("月份", "Month"), 10.0),
            col(p("调查数", "Surveys"), 10.0),
            col(p("满意度", "CSI"), 10.0),
        ],
        rows: report
            .by_advisor_month
            .iter()
            .map(|r| {
                vec![Value::text(&r.advisor_name), Value::text(&r.month), count(r.surveys), points(r.csi)]
            })
            .collect(),
    };
    let distribution = Table {
        name: p("分布", "Distribution").into(),
        columns: vec![
            col(p("满意度自", "CSI from"), 10.0),
            col(p("满意度至 (不含)", "CSI below"), 14.0),
            col(p("来店数", "Visits"), 10.0),
        ],
        rows: report
            .distribution
            .iter()
            .map(|b| vec![points(b.from), points(b.to.min(10_000)), count(b.visits)])
            .collect(),
    };
    let factors = Table {
        name: p("因素", "Factors").into(),
        columns: vec![
            col(p("因素", "Factor"), 24.0),
            col(p("权重 (%)", "Weight (%)"), 10.0),
            col(p("平均分", "Mean"), 10.0),
            col(p("回答数", "Answers"), 10.0),
        ],
        rows: report
            .factors
            .iter()
            .map(|f| {
                vec![
                    Value::text(if lang == Language::ZhCn { &f.zh } else { &f.en }),
                    points(f.weight_bp),
                    if f.answers == 0 { Value::Empty } else { points(f.mean) },
                    count(f.answers),
                ]
            })
            .collect(),
    };
    let alerts = Table {
        name: p("热线预警", "Hot alerts").into(),
        columns: vec![
            col(p("调查日期", "Surveyed on"), 12.0),
            col(p("客户姓名", "Customer"), 12.0),
            col(p("工单号", "RO number"), 16.0),
            col(p("服务顾问", "Advisor"), 10.0),
            col(p("满意度", "CSI"), 8.0),
            col(p("投诉编号", "Complaint"), 18.0),
            col(p("投诉状态", "Complaint state"), 10.0),
        ],
        rows: report
            .alerts
            .iter()
            .map(|a| {
                vec![
                    Value::Date(a.surveyed_on),
                    Value::text(&a.customer_name),
                    Value::text(&a.visit_number),
                    Value::text(&a.advisor_name),
                    points(a.csi),
                    Value::text(&a.complaint_number),
                    Value::text(labels.complaint_state(a.complaint_state)),
                ]
            })
            .collect(),
    };
    vec![summary, by_advisor, by_month, by_advisor_month, distribution, factors, alerts]
}

#[cfg(test)]
mod tests {
    use caredesk_domain::follow_up::{Band, CsiGroup};
    use chrono::NaiveDate;

    use super::*;

    #[test]
    fn the_csi_report_keeps_its_dates_as_dates_and_its_index_in_points() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let report = CsiReport {
            from: day(1),
            to: day(22),
            surveys: 2,
            csi: Some(8_750),
            by_advisor: vec![CsiGroup { key: "2".into(), label: "王丽".into(), surveys: 2, csi: 8_750 }],
            by_month: vec![],
            by_advisor_month: vec![],
            distribution: vec![Band { from: 9_000, to: 10_001, visits: 1 }],
            factors: vec![],
            hot_alerts: 0,
            calls_due: 3,
            completed_in_window: 2,
            calls_closed: 2,
            reached: 2,
            in_window: caredesk_domain::kpi::calls_in_window(2, 3),
            reach: caredesk_domain::kpi::reach_rate(2, 2),
            alerts: vec![],
        };
        for lang in [Language::ZhCn, Language::En] {
            let tables = csi_report_tables(&report, lang);
            assert_eq!(tables.len(), 7);
            assert_eq!(tables[0].rows[0][1], Value::Date(day(1)));
            assert_eq!(tables[0].rows[2][1], Value::Number(87.5));
            assert_eq!(
                tables[1].rows,
                vec![vec![Value::text("王丽"), Value::Number(2.0), Value::Number(87.5)]]
            );
            assert_eq!(tables[4].rows[0][1], Value::Number(100.0), "the top band ends at 100");
            for table in &tables {
                assert!(table.rows.iter().all(|r| r.len() == table.columns.len()), "{}", table.name);
            }
        }
    }
}
