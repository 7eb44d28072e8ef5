//! The whole archive as a workbook — customers, their vehicles, their visits —
//! which answers the dealer's "can I take my data with me". The headers are
//! the words an import recognises, so the file can be brought in again.

use caredesk_domain::archive::{ContactTime, Customer, CustomerGrade, CustomerSource, LeadGrade, Vehicle};
use caredesk_domain::visit::{VisitState, VisitSummary};
use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};

use crate::Language;
use crate::workbook::{Column, Table, Value};

/// What the archive workbook holds, as the store reads it.
#[derive(Debug, Clone, Copy)]
pub struct Archive<'a> {
    pub customers: &'a [Customer],
    pub vehicles: &'a [Vehicle],
    pub visits: &'a [VisitSummary],
    /// The dealership's offset from UTC, for the times of the visits.
    pub offset: FixedOffset,
}

/// The export tables' shared words start here; `list_workbooks` uses them too.
pub(crate) fn col(header: &'static str, width: f64) -> Column {
    Column::new(header, width)
}

pub(crate) fn yes_no(value: bool, lang: Language) -> Value {
    Value::text(match (value, lang) {
        (true, Language::ZhCn) => "是",
        (false, Language::ZhCn) => "否",
        (true, Language::En) => "Yes",
        (false, Language::En) => "No",
    })
}

pub(crate) fn grade(value: CustomerGrade, lang: Language) -> &'static str {
    match (value, lang) {
        (CustomerGrade::Ordinary, Language::ZhCn) => "普通客户",
        (CustomerGrade::Ordinary, Language::En) => "Ordinary",
        (CustomerGrade::Vip, _) => "VIP",
    }
}

pub(crate) fn lead_grade(value: LeadGrade) -> &'static str {
    match value {
        LeadGrade::A => "A",
        LeadGrade::B => "B",
        LeadGrade::C => "C",
        LeadGrade::D => "D",
    }
}

fn source(value: CustomerSource, lang: Language) -> &'static str {
    let (zh, en) = match value {
        CustomerSource::Sales => ("销售转入", "From sales"),
        CustomerSource::WalkIn => ("自然进店", "Walk-in"),
        CustomerSource::Referral => ("老客户介绍", "Referral"),
        CustomerSource::Phone => ("电话咨询", "Phone enquiry"),
        CustomerSource::Online => ("网络渠道", "Online"),
        CustomerSource::Event => ("活动邀约", "Event"),
        CustomerSource::Other => ("其他", "Other"),
    };
    if lang == Language::ZhCn { zh } else { en }
}

fn contact_time(value: ContactTime, lang: Language) -> &'static str {
    let (zh, en) = match value {
        ContactTime::Anytime => ("随时", "Any time"),
        ContactTime::Morning => ("上午", "Morning"),
        ContactTime::Noon => ("中午", "Midday"),
        ContactTime::Afternoon => ("下午", "Afternoon"),
        ContactTime::Evening => ("晚上", "Evening"),
        ContactTime::Weekend => ("周末", "Weekends"),
    };
    if lang == Language::ZhCn { zh } else { en }
}

pub(crate) fn visit_state(value: VisitState, lang: Language) -> &'static str {
    let (zh, en) = match value {
        VisitState::Booked => ("已预约", "Booked"),
        VisitState::Prepared => ("已准备", "Prepared"),
        VisitState::Received => ("已接车", "Received"),
        VisitState::InRepair => ("维修中", "In repair"),
        VisitState::QualityCheck => ("质检中", "Quality check"),
        VisitState::Ready => ("待交车", "Ready"),
        VisitState::HandedOver => ("已交车", "Handed over"),
        VisitState::FollowedUp => ("已回访", "Followed up"),
        VisitState::NoShow => ("未到店", "No-show"),
        VisitState::Cancelled => ("已取消", "Cancelled"),
    };
    if lang == Language::ZhCn { zh } else { en }
}

fn local(at: Option<DateTime<Utc>>, offset: FixedOffset) -> Option<NaiveDateTime> {
    at.map(|at| at.with_timezone(&offset).naive_local())
}

/// The three tables of the archive, in `lang`.
pub fn archive_tables(archive: &Archive, lang: Language) -> Vec<Table> {
    let zh = lang == Language::ZhCn;
    let pick = |zh_text: &'static str, en_text: &'static str| if zh { zh_text } else { en_text };
    let names: std::collections::HashMap<_, _> =
        archive.customers.iter().map(|c| (c.id, c.name.as_str())).collect();
    let mobiles: std::collections::HashMap<_, _> =
        archive.customers.iter().map(|c| (c.id, c.mobile.as_str())).collect();

    let customers = Table {
        name: pick("客户", "Customers").into(),
        columns: vec![
            col(pick("客户编号", "Customer no."), 10.0),
            col(pick("客户姓名", "Name"), 14.0),
            col(pick("手机号码", "Mobile"), 14.0),
            col(pick("其他电话", "Other phones"), 18.0),
            col(pick("联系时间", "Contact time"), 10.0),
            col(pick("地址", "Address"), 30.0),
            col(pick("客户等级", "Grade"), 10.0),
            col(pick("意向等级", "Lead grade"), 10.0),
            col(pick("客户来源", "Source"), 12.0),
            col(pick("生日", "Birthday"), 12.0),
            col(pick("营销许可", "Marketing consent"), 10.0),
            col(pick("备注", "Notes"), 30.0),
            col(pick("已归档", "Archived"), 8.0),
            col(pick("建档日期", "Customer since"), 12.0),
        ],
        rows: archive
            .customers
            .iter()
            .map(|c| {
                vec![
                    Value::Number(c.id.0 as f64),
                    Value::text(&c.name),
                    Value::text(&c.mobile),
                    Value::text(c.other_phones.join(" / ")),
                    Value::opt_text(c.contact_time.map(|t| contact_time(t, lang))),
                    Value::text(&c.address),
                    Value::text(grade(c.grade, lang)),
                    Value::opt_text(c.lead_grade.map(lead_grade)),
                    Value::opt_text(c.source.map(|s| source(s, lang))),
                    Value::date(c.birthday),
                    yes_no(c.marketing_consent, lang),
                    Value::text(&c.notes),
                    yes_no(c.archived_at.is_some(), lang),
                    Value::date(local(Some(c.created_at), archive.offset).map(|at| at.date())),
                ]
            })
            .collect(),
    };

    let vehicles = Table {
        name: pick("车辆", "Vehicles").into(),
        columns: vec![
            col(pick("客户编号", "Customer no."), 10.0),
            col(pick("车主", "Owner"), 14.0),
            col(pick("车牌号码", "Plate"), 12.0),
            col(pick("车架号", "VIN"), 20.0),
            col(pick("品牌", "Brand"), 16.0),
            col(pick("车型", "Model"), 16.0),
            col(pick("年款", "Model year"), 8.0),
            col(pick("颜色", "Colour"), 8.0),
            col(pick("购车日期", "Purchase date"), 12.0),
            col(pick("质保到期", "Warranty end"), 12.0),
            col(pick("行驶里程", "Mileage (km)"), 12.0),
            col(pick("保险到期", "Insurance due"), 12.0),
            col(pick("年检到期", "Inspection due"), 12.0),
            col(pick("已归档", "Archived"), 8.0),
            // The owner's mobile, last so the columns before keep their places: with
            // the owner's name it brings each vehicle back to its owner on import.
            col(pick("手机号码", "Mobile"), 14.0),
        ],
        rows: archive
            .vehicles
            .iter()
            .map(|v| {
                vec![
                    Value::Number(v.customer_id.0 as f64),
                    Value::text(names.get(&v.customer_id).copied().unwrap_or_default()),
                    Value::opt_text(v.plate.clone()),
                    Value::text(&v.vin),
                    Value::text(&v.brand),
                    Value::text(&v.model),
                    Value::number(v.model_year.map(f64::from)),
                    Value::text(&v.colour),
                    Value::date(v.purchase_date),
                    Value::date(v.warranty_end),
                    Value::number(v.mileage_km),
                    Value::date(v.insurance_expiry),
                    Value::date(v.annual_inspection_due),
                    yes_no(v.archived_at.is_some(), lang),
                    Value::text(mobiles.get(&v.customer_id).copied().unwrap_or_default()),
                ]
            })
            .collect(),
    };

    let visits = Table {
        name: pick("来店记录", "Visits").into(),
        columns: vec![
            col(pick("工单号", "RO number"), 16.0),
            col(pick("状态", "State"), 10.0),
            col(pick("客户编号", "Customer no."), 10.0),
            col(pick("客户姓名", "Customer"), 14.0),
            col(pick("手机号码", "Mobile"), 14.0),
            col(pick("车牌号码", "Plate"), 12.0),
            col(pick("车辆", "Vehicle"), 22.0),
            col(pick("服务顾问", "Advisor"), 10.0),
            col(pick("预约时间", "Appointment"), 16.0),
            col(pick("进厂日期", "Visit date"), 16.0),
            col(pick("交车时间", "Handed over"), 16.0),
            col(pick("维修项目", "Work requested"), 30.0),
            col(pick("金额", "Amount"), 12.0),
        ],
        rows: archive
            .visits
            .iter()
            .map(|v| {
                vec![
                    Value::text(&v.number),
                    Value::text(visit_state(v.state, lang)),
                    Value::Number(v.customer_id.0 as f64),
                    Value::text(&v.customer_name),
                    Value::text(&v.customer_mobile),
                    Value::opt_text(v.plate.clone()),
                    Value::text(&v.vehicle_label),
                    Value::text(&v.advisor_name),
                    Value::date_time(v.appointment_at),
                    Value::date_time(local(v.received_at, archive.offset)),
                    Value::date_time(local(v.handed_over_at, archive.offset)),
                    Value::text(&v.requested_work),
                    Value::Money(v.total.0),
                ]
            })
            .collect(),
    };

    vec![customers, vehicles, visits]
}
