//! The complaint record, printed in both languages and read back as text.

mod support;

use caredesk_domain::complaint::{
    Category, Cause, CauseRecord, Channel, Complaint, ComplaintEvent, ComplaintState, ComplaintStep,
    Escalation, EscalationReason, HardCase, Recovery, RecoveryStep, Severity,
};
use caredesk_domain::{CustomerId, Fen, StaffId, VehicleId, VisitId};
use caredesk_print::{Language, complaint_record, money};
use chrono::NaiveDate;
use support::{SIZE_LIMIT, assert_contains, at, fonts, head, instant, pages, read_back, squash};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

fn event(
    step: ComplaintStep,
    state: ComplaintState,
    hour: u32,
    min: u32,
    by: &str,
    note: &str,
) -> ComplaintEvent {
    ComplaintEvent { step, state, at: instant(at(2026, 11, 22, hour, min)), by: by.into(), note: note.into() }
}

/// 王建国 comes back the day after his service: the brake noise is still there.
/// A serious reliability complaint, assigned late, two recovery steps done.
fn complaint() -> Complaint {
    Complaint {
        id: 7,
        number: "TS20261122-001".into(),
        state: ComplaintState::Agreed,
        severity: Severity::Serious,
        channel: Channel::Visit,
        category: Category::Reliability,
        hard_case: Some(HardCase::Emotional),
        customer_id: CustomerId(1),
        customer_name: "王建国".into(),
        customer_mobile: "13812345678".into(),
        vehicle_id: Some(VehicleId(1)),
        plate: Some("京A12345".into()),
        visit_id: Some(VisitId(3)),
        visit_number: Some("20261122-003".into()),
        description: "昨天刚做完保养并更换刹车片，今天早上低速刹车时仍有“哒哒哒”的异响，\
                      客户认为上次没有修好，白跑一趟，情绪比较激动。"
            .into(),
        request: "今天之内彻底修好，并对耽误的时间给个说法。".into(),
        received_by: "李娜".into(),
        received_at: instant(at(2026, 11, 22, 9, 5)),
        handler_id: Some(StaffId(4)),
        handler: Some("赵强".into()),
        solution: Some("重新检查前制动系统，更换松动的刹车片固定弹簧，免费处理。".into()),
        return_call_result: None,
        assign_due: Some(instant(at(2026, 11, 22, 10, 5))),
        resolve_due: instant(at(2026, 11, 25, 9, 5)),
        escalations: vec![Escalation {
            reason: EscalationReason::NotAssignedInTime,
            at: instant(at(2026, 11, 22, 10, 6)),
        }],
        recovery: vec![
            Recovery {
                step: RecoveryStep::Apology,
                done_on: day(2026, 11, 22),
                note: "服务经理当面致歉".into(),
                compensation: None,
                cost: None,
                by: "赵强".into(),
            },
            Recovery {
                step: RecoveryStep::SymbolicCompensation,
                done_on: day(2026, 11, 22),
                note: "耽误客户时间".into(),
                compensation: Some("赠送保养券一张".into()),
                cost: Some(Fen(20_000)),
                by: "赵强".into(),
            },
        ],
        cause: Some(CauseRecord {
            cause: Cause::Ours,
            root_cause: "更换刹车片时未装回固定弹簧，质检路试未覆盖低速制动。".into(),
            responsible: Some("张伟".into()),
            measure: "质检路试增加低速制动项目；刹车片更换后由班组长复查。".into(),
            measure_owner: "赵强".into(),
            check_on: day(2026, 12, 22),
            checked_at: None,
        }),
        reopened: false,
        timeline: vec![
            event(ComplaintStep::Assign, ComplaintState::Assigned, 10, 20, "刘经理", "转维修车间主管"),
            event(ComplaintStep::Contact, ComplaintState::Contacted, 10, 35, "赵强", "已到接待室安抚客户"),
            event(ComplaintStep::Agree, ComplaintState::Agreed, 11, 0, "赵强", "今天下午免费返修"),
        ],
        updated_at: instant(at(2026, 11, 22, 11, 0)),
        deadline: None,
    }
}

fn print(complaint: &Complaint, name: &str, language: Language) -> String {
    let pdf = complaint_record(fonts(), complaint, &head(language)).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(pdf.starts_with(b"%PDF-"), "{name} is not a PDF");
    assert!(pdf.len() < SIZE_LIMIT, "{name} is {} bytes; the font must be embedded as a subset", pdf.len());
    read_back(name, &pdf)
}

#[test]
fn the_complaint_record_in_chinese() {
    let complaint = complaint();
    let text = print(&complaint, "complaint-zh", Language::ZhCn);
    assert_eq!(money(Fen(20_000)), "¥200.00");
    assert_contains(
        &text,
        &[
            "北京华通一汽-大众特约服务站",
            "投诉处理记录",
            "投诉编号 TS20261122-001",
            "打印时间 2026-11-22 10:30",
            // The header: received, by whom.
            "受理时间",
            "2026-11-22 09:05",
            "首问负责人",
            "李娜",
            // Customer, vehicle, visit.
            "王建国",
            "13812345678",
            "京A12345",
            "20261122-003",
            // Channel, severity, category, hard case and its advice.
            "到店",
            "重大投诉",
            "可靠性",
            "情绪激动型",
            "先处理感情，后处理事件",
            "已达成方案",
            // What happened and what is asked.
            "哒哒哒",
            "今天之内彻底修好",
            // Handler, limits, escalation.
            "赵强",
            "2026-11-22 10:05",
            "2026-11-25 09:05",
            "未在时限内分派处理人",
            "2026-11-22 10:06",
            // The timeline.
            "分派处理人",
            "转维修车间主管",
            "2026-11-22 10:35",
            // The five recovery steps, two done.
            "道歉",
            "紧急复原",
            "移情",
            "象征性赎罪",
            "跟踪",
            "服务经理当面致歉",
            "赠送保养券一张",
            "¥200.00",
            "补偿费用合计",
            // Cause and improvement.
            "我方责任",
            "诚恳道歉",
            "未装回固定弹簧",
            "张伟",
            "质检路试增加低速制动项目",
            "2026-12-22",
            // Solution, signatures.
            "松动的刹车片固定弹簧",
            "处理人签字",
            "服务经理签字",
            "第 1 / ",
        ],
    );
    assert!(!text.contains("Complaint record"), "English on the Chinese paper");
}

#[test]
fn the_complaint_record_in_english() {
    let complaint = complaint();
    let text = print(&complaint, "complaint-en", Language::En);
    assert_contains(
        &text,
        &[
            "Complaint record",
            "Complaint no. TS20261122-001",
            "Received",
            "2026-11-22 09:05",
            "First-contact owner",
            "王建国",
            "京A12345",
            "Linked visit",
            "In person",
            "Serious",
            "Reliability",
            "Emotional",
            "Feelings first, then the matter",
            "No handler assigned in time",
            "Handler assigned",
            "Apology",
            "Urgent restoration",
            "Empathy",
            "Symbolic compensation",
            "Follow-up",
            "赠送保养券一张",
            "¥200.00",
            "Ours",
            "Improvement measure",
            "Handler signature",
            "Service manager signature",
            "Page 1 / ",
        ],
    );
    assert!(!text.contains("投诉处理记录"), "Chinese labels on the English paper");
}

/// Every recovery step has its own row, in order, done or not.
#[test]
fn every_recovery_step_is_listed_in_order() {
    let text = squash(&print(&complaint(), "complaint-steps-en", Language::En));
    let mut from = 0;
    for step in ["Apology", "Urgentrestoration", "Empathy", "Symboliccompensation", "Follow-up"] {
        let found = text[from..].find(step).unwrap_or_else(|| panic!("{step} is missing or out of order"));
        from += found + step.len();
    }
}

/// A minor complaint just received: nothing but the registration, the rest
/// left as lines and boxes to fill in by hand.
#[test]
fn a_fresh_minor_complaint_prints_with_blanks() {
    let mut fresh = complaint();
    fresh.severity = Severity::Minor;
    fresh.state = ComplaintState::Received;
    fresh.channel = Channel::Phone;
    fresh.category = Category::Price;
    fresh.hard_case = None;
    fresh.plate = None;
    fresh.visit_id = None;
    fresh.visit_number = None;
    fresh.handler = None;
    fresh.handler_id = None;
    fresh.solution = None;
    fresh.assign_due = None;
    fresh.escalations.clear();
    fresh.recovery.clear();
    fresh.cause = None;
    fresh.timeline.clear();
    let text = print(&fresh, "complaint-fresh-zh", Language::ZhCn);
    assert_contains(&text, &["一般投诉", "电话", "价格", "已受理", "未升级", "道歉", "跟踪", "处理人签字"]);
    for absent in ["京A12345", "补偿费用合计", "¥", "情绪激动型"] {
        assert!(!squash(&text).contains(absent), "{absent:?} on a fresh complaint:\n{text}");
    }
}

/// A long story and a long timeline run over pages; every page has its footer.
#[test]
fn a_long_complaint_runs_over_pages() {
    let mut long = complaint();
    long.description = "客户反映车辆低速刹车时有异响，多次到店仍未解决。".repeat(40);
    long.timeline = (0..40)
        .map(|i| {
            event(ComplaintStep::Contact, ComplaintState::Contacted, 12 + i / 10, i % 60, "赵强", "电话跟进")
        })
        .collect();
    let text = print(&long, "complaint-long-en", Language::En);
    let pages = pages(&text);
    assert!(pages.len() >= 2, "{} pages", pages.len());
    for (i, page) in pages.iter().enumerate() {
        assert_contains(page, &[&format!("Page {} / {}", i + 1, pages.len())]);
    }
    assert_contains(&text, &["Handler signature"]);
}
