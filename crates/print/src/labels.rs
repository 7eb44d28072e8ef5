//! The papers' own words (titles, headings, field names), in Simplified Chinese
//! and in English, one table per language; and typed helpers for the labels of
//! the enums the papers print (a panel, a complaint's category, a call's
//! outcome, …), which come from the shared locale files (`caredesk_locale`,
//! the same the screens read), each keyed by the value's serde name. The tests
//! check that every value of every printed enum has a label in both languages,
//! and that the font can draw every text of both.
//!
//! Texts with a `{name}` in them are templates, filled with [`fill`].

use caredesk_domain::campaign::{ActivityKind, Arrival, CampaignStatus, Rsvp};
use caredesk_domain::care::CareKind;
use caredesk_domain::complaint::{
    Category, Cause, Channel, ComplaintState, ComplaintStep, EscalationReason, HardCase, RecoveryStep,
    Severity,
};
use caredesk_domain::follow_up::{CallStatus, Outcome, Section};
use caredesk_domain::visit::{LineKind, Panel, PaymentMethod, QcItem, QcResult};

use serde::Serialize;

use crate::Language;

macro_rules! labels {
    ($($name:ident),* $(,)?) => {
        /// The printed words of one language.
        pub(crate) struct Labels {
            $(pub $name: &'static str,)*
            /// The language of the table, for the labels of the enums (`caredesk_locale`).
            pub language: Language,
        }

        impl Labels {
            /// Every text of the table, for the glyph check.
            #[cfg(test)]
            pub fn texts(&self) -> Vec<&'static str> {
                vec![$(self.$name),*]
            }
        }
    };
}

labels!(
    // Titles and the letterhead.
    repair_order,
    customer_copy,
    quality_check,
    handover,
    order_number,
    printed,
    page,
    // Sections.
    customer_and_vehicle,
    reception,
    concerns,
    requested_work,
    work_and_parts,
    schedule,
    declined_work,
    signatures,
    checklist,
    earlier_checks,
    work_done,
    settlement,
    next_service,
    recommended,
    // Fields.
    customer,
    mobile,
    plate,
    vin,
    model,
    advisor,
    technician,
    appointment,
    walk_in,
    replacement_car,
    promised,
    mileage,
    mileage_reason,
    fuel,
    damages,
    panel,
    valuables,
    accessories,
    estimate,
    promised_at,
    confirmed_at,
    none,
    // The lines table.
    number,
    kind,
    description,
    part_number,
    hours_or_quantity,
    rate_or_price,
    amount,
    genuine,
    genuine_part,
    non_genuine_part,
    status,
    note,
    declined_not_done,
    // Totals.
    total_labour,
    total_parts,
    subtotal,
    tax,
    total,
    // Signatures.
    sign_customer,
    sign_advisor,
    sign_inspector,
    sign_date,
    consent_repair,
    consent_handover,
    // Quality check.
    item,
    result,
    inspector,
    checked_at,
    parking,
    outcome,
    passed,
    failed,
    not_checked,
    // Handover.
    payment_method,
    amount_paid,
    invoice,
    handed_over_at,
    handed_over_by,
    not_handed_over,
    next_service_date,
    next_service_km,
    follow_up,
    follow_up_window,
    // The complaint record.
    complaint_record,
    complaint_number,
    complaint_details,
    received_at,
    received_by,
    channel,
    severity,
    category,
    complaint_state,
    hard_case,
    handling_advice,
    linked_visit,
    what_happened,
    customer_request,
    handling,
    handler,
    assign_due,
    resolve_due,
    reopened,
    yes,
    no,
    escalation_reason,
    escalated_at,
    not_escalated,
    timeline,
    step,
    time,
    by,
    recovery,
    recovery_step,
    done_on,
    compensation,
    cost,
    total_compensation,
    cause_and_improvement,
    cause,
    response,
    root_cause,
    responsible,
    measure,
    measure_owner,
    check_on,
    measure_checked_at,
    resolution,
    solution,
    return_call_result,
    sign_handler,
    sign_service_manager,
    // The follow-up call sheet.
    call_sheet,
    call_date,
    caller,
    all_callers,
    call_count,
    filter,
    no_calls,
    handed_over_on,
    attempt,
    last_outcome,
    call_back,
    overdue,
    outcome_box,
    outcome_codes,
    scale_note,
    yes_no,
    // Campaigns: the plan, the budget, the invitation sheet, the lottery record.
    invitation_sheet,
    campaign_plan,
    lottery_record,
    theme,
    campaign_dates,
    date_range,
    venue,
    script,
    invitation_script,
    invitation_script_no_venue,
    guest_count,
    no_guests,
    rsvp_now,
    rsvp_note,
    checked_in,
    prize_drawn,
    rsvp_legend,
    note_legend,
    campaign,
    background,
    objectives,
    activities,
    activity,
    no_activities,
    prizes,
    prize,
    stock,
    drawn,
    left,
    unit_value,
    stock_value,
    no_prizes,
    budget,
    budget_item,
    quantity,
    unit_price,
    planned_amount,
    actual_quantity,
    actual_unit_price,
    actual_amount,
    no_budget,
    actual_none,
    actual_partial,
    sign_prepared,
    sign_approved,
    draws,
    draw_count,
    operator,
    no_draws,
    prize_summary,
    sign_operator,
    sign_witness,
    // Proactive care.
    care_sheet,
    list_date,
    reason,
    last_note,
    care_overdue,
    no_care_calls,
    care_outcome_codes,
    care_note_legend,
);

pub(crate) static ZH_CN: Labels = Labels {
    language: Language::ZhCn,
    repair_order: "维修委托书",
    customer_copy: "客户联",
    quality_check: "质检单",
    handover: "交车说明",
    order_number: "工单号",
    printed: "打印时间",
    page: "第 {page} / {pages} 页",
    customer_and_vehicle: "客户与车辆",
    reception: "接车检查",
    concerns: "客户描述（原话）",
    requested_work: "委托维修项目",
    work_and_parts: "维修项目与配件",
    schedule: "预估与完工",
    declined_work: "客户拒绝的追加项目",
    signatures: "签字确认",
    checklist: "质检项目",
    earlier_checks: "此前未通过的质检",
    work_done: "已完成项目",
    settlement: "结算",
    next_service: "下次保养与回访",
    recommended: "建议后续处理（本次未施工）",
    customer: "客户",
    mobile: "手机",
    plate: "车牌",
    vin: "车架号",
    model: "车型",
    advisor: "服务顾问",
    technician: "维修技师",
    appointment: "预约时间",
    walk_in: "未预约到店",
    replacement_car: "替换车",
    promised: "已承诺",
    mileage: "进厂里程",
    mileage_reason: "里程说明",
    fuel: "燃油/电量",
    damages: "外观损伤",
    panel: "部位",
    valuables: "车内贵重物品",
    accessories: "随车附件",
    estimate: "预估费用",
    promised_at: "承诺完工时间",
    confirmed_at: "客户确认时间",
    none: "无",
    number: "序号",
    kind: "类别",
    description: "项目/配件名称",
    part_number: "配件号",
    hours_or_quantity: "工时/数量",
    rate_or_price: "工时单价/单价",
    amount: "金额",
    genuine: "原厂件",
    genuine_part: "原厂",
    non_genuine_part: "非原厂",
    status: "状态",
    note: "备注",
    declined_not_done: "已拒绝，未施工",
    total_labour: "工时费",
    total_parts: "配件费",
    subtotal: "小计",
    tax: "税额（{rate}）",
    total: "合计",
    sign_customer: "客户签字",
    sign_advisor: "服务顾问签字",
    sign_inspector: "质检员签字",
    sign_date: "日期",
    consent_repair: "本人已确认接车时的车辆状况，同意以上维修项目及预估费用。追加项目须经本人同意后方可施工。",
    consent_handover: "以上已完成的项目及费用已向本人逐项说明，本人已确认车辆状况并提车。",
    item: "检查项目",
    result: "结果",
    inspector: "质检员",
    checked_at: "质检时间",
    parking: "停车位置",
    outcome: "质检结论",
    passed: "通过",
    failed: "未通过，返修",
    not_checked: "尚未质检：请逐项勾选并填写备注。",
    payment_method: "付款方式",
    amount_paid: "实付金额",
    invoice: "发票号",
    handed_over_at: "交车时间",
    handed_over_by: "交车人",
    not_handed_over: "尚未交车结算。",
    next_service_date: "下次保养日期",
    next_service_km: "下次保养里程",
    follow_up: "回访",
    follow_up_window: "我们将在 {from} 至 {to} 期间致电回访，了解您对本次服务是否完全满意。",
    complaint_record: "投诉处理记录",
    complaint_number: "投诉编号",
    complaint_details: "投诉概况",
    received_at: "受理时间",
    received_by: "首问负责人",
    channel: "投诉渠道",
    severity: "严重程度",
    category: "投诉类别",
    complaint_state: "当前状态",
    hard_case: "特殊客户类型",
    handling_advice: "应对建议",
    linked_visit: "关联工单",
    what_happened: "事情经过（客户原话）",
    customer_request: "客户诉求",
    handling: "处理人与时限",
    handler: "处理人",
    assign_due: "分派时限",
    resolve_due: "解决时限",
    reopened: "曾重新处理",
    yes: "是",
    no: "否",
    escalation_reason: "升级原因",
    escalated_at: "升级时间",
    not_escalated: "未升级至服务经理。",
    timeline: "处理进展",
    step: "步骤",
    time: "时间",
    by: "经办人",
    recovery: "服务补救五步骤",
    recovery_step: "补救步骤",
    done_on: "完成日期",
    compensation: "补偿内容",
    cost: "费用",
    total_compensation: "补偿费用合计",
    cause_and_improvement: "原因分析与改进",
    cause: "投诉原因",
    response: "应对方式",
    root_cause: "根本原因",
    responsible: "责任人",
    measure: "改进措施",
    measure_owner: "措施负责人",
    check_on: "检查日期",
    measure_checked_at: "检查完成时间",
    resolution: "处理结果",
    solution: "解决方案",
    return_call_result: "回访结果",
    sign_handler: "处理人签字",
    sign_service_manager: "服务经理签字",
    call_sheet: "回访电话单",
    call_date: "回访日期",
    caller: "回访员",
    all_callers: "全部回访员",
    call_count: "共 {count} 通",
    filter: "筛选",
    no_calls: "这份清单上没有回访电话。",
    handed_over_on: "交车日期",
    attempt: "第{n}次",
    last_outcome: "上次：{outcome}",
    call_back: "回拨 {time}",
    overdue: "已过回访期",
    outcome_box: "结果",
    outcome_codes: "回访结果（结果框填代码）",
    scale_note: "评分 1–5，5 = 非常满意；推荐 1 = 是，0 = 否",
    yes_no: "（1 = 是，0 = 否）",
    invitation_sheet: "活动邀约电话单",
    campaign_plan: "活动方案与预算",
    lottery_record: "抽奖记录",
    theme: "活动主题",
    campaign_dates: "活动日期",
    date_range: "{from} 至 {to}",
    venue: "活动地点",
    script: "话术",
    invitation_script: "您好！诚邀您参加“{theme}”活动，时间 {dates}，地点 {venue}。请问您能来参加吗？",
    invitation_script_no_venue: "您好！诚邀您参加“{theme}”活动，时间 {dates}。请问您能来参加吗？",
    guest_count: "共 {count} 位",
    no_guests: "这份名单上没有邀约客户。",
    rsvp_now: "当前回复",
    rsvp_note: "回复备注",
    checked_in: "已签到 {time}",
    prize_drawn: "奖品：{prize}",
    rsvp_legend: "客户回复（在对应框内打勾）",
    note_legend: "备注：客户原话、同行人数、需要的帮助",
    campaign: "活动概况",
    background: "活动背景",
    objectives: "活动目标",
    activities: "活动内容",
    activity: "活动",
    no_activities: "尚未安排活动。",
    prizes: "奖品",
    prize: "奖品",
    stock: "数量",
    drawn: "已抽出",
    left: "剩余",
    unit_value: "单价",
    stock_value: "总价值",
    no_prizes: "没有设奖品。",
    budget: "费用预算",
    budget_item: "项目",
    quantity: "数量",
    unit_price: "单价",
    planned_amount: "预算金额",
    actual_quantity: "实际数量",
    actual_unit_price: "实际单价",
    actual_amount: "实际金额",
    no_budget: "尚无预算项目。",
    actual_none: "尚无实际发生数：活动结束后请填写实际栏。",
    actual_partial: "{n} / {m} 项已有实际数；实际合计中，其余各项按预算金额计。",
    sign_prepared: "编制人",
    sign_approved: "审批人",
    draws: "抽奖明细",
    draw_count: "共 {count} 次",
    operator: "操作人",
    no_draws: "尚无抽奖记录。",
    prize_summary: "奖品发放情况",
    sign_operator: "抽奖操作人",
    sign_witness: "监督人",
    care_sheet: "主动关怀电话单",
    list_date: "拨打日期",
    reason: "事由",
    last_note: "上次记录",
    care_overdue: "已过期",
    no_care_calls: "这份清单上没有要拨打的电话。",
    care_outcome_codes: "通话结果（结果框填代码）",
    care_note_legend: "接通后在备注中写明客户的答复或约定（如预约到店的时间）",
};

pub(crate) static EN: Labels = Labels {
    language: Language::En,
    repair_order: "Repair order",
    customer_copy: "Customer copy",
    quality_check: "Quality check sheet",
    handover: "Handover summary",
    order_number: "Order no.",
    printed: "Printed",
    page: "Page {page} / {pages}",
    customer_and_vehicle: "Customer and vehicle",
    reception: "Reception",
    concerns: "Customer's concerns (verbatim)",
    requested_work: "Requested work",
    work_and_parts: "Labour and parts",
    schedule: "Estimate and completion",
    declined_work: "Extra work declined by the customer",
    signatures: "Signatures",
    checklist: "Checklist",
    earlier_checks: "Earlier failed checks",
    work_done: "Work done",
    settlement: "Settlement",
    next_service: "Next service and follow-up",
    recommended: "Recommended, not done at this visit",
    customer: "Customer",
    mobile: "Mobile",
    plate: "Plate",
    vin: "VIN",
    model: "Model",
    advisor: "Service advisor",
    technician: "Technician",
    appointment: "Appointment",
    walk_in: "Walk-in",
    replacement_car: "Replacement car",
    promised: "Promised",
    mileage: "Mileage",
    mileage_reason: "Mileage note",
    fuel: "Fuel / charge",
    damages: "Existing damage",
    panel: "Panel",
    valuables: "Valuables in the car",
    accessories: "Accessories",
    estimate: "Estimate",
    promised_at: "Promised completion",
    confirmed_at: "Confirmed by customer",
    none: "None",
    number: "No.",
    kind: "Type",
    description: "Description",
    part_number: "Part no.",
    hours_or_quantity: "Hours / qty",
    rate_or_price: "Rate / unit price",
    amount: "Amount",
    genuine: "Genuine",
    genuine_part: "Genuine",
    non_genuine_part: "Non-genuine",
    status: "Status",
    note: "Note",
    declined_not_done: "Declined, not done",
    total_labour: "Labour",
    total_parts: "Parts",
    subtotal: "Subtotal",
    tax: "Tax ({rate})",
    total: "Total",
    sign_customer: "Customer signature",
    sign_advisor: "Service advisor signature",
    sign_inspector: "Inspector signature",
    sign_date: "Date",
    consent_repair: "I have checked the vehicle's condition at reception and agree to the work and the estimate \
                     above. Extra work is done only with my approval.",
    consent_handover: "Every item of work done and its cost has been explained to me; I have checked the \
                       vehicle's condition and taken the vehicle back.",
    item: "Item",
    result: "Result",
    inspector: "Inspector",
    checked_at: "Checked at",
    parking: "Parking location",
    outcome: "Outcome",
    passed: "Passed",
    failed: "Failed, back to repair",
    not_checked: "Not checked yet: tick each item and add notes by hand.",
    payment_method: "Payment method",
    amount_paid: "Amount paid",
    invoice: "Invoice no.",
    handed_over_at: "Handed over",
    handed_over_by: "Handed over by",
    not_handed_over: "Not handed over and settled yet.",
    next_service_date: "Next service date",
    next_service_km: "Next service mileage",
    follow_up: "Follow-up",
    follow_up_window: "We will call you between {from} and {to} to ask whether you are fully satisfied with \
                       the service.",
    complaint_record: "Complaint record",
    complaint_number: "Complaint no.",
    complaint_details: "The complaint",
    received_at: "Received",
    received_by: "First-contact owner",
    channel: "Channel",
    severity: "Severity",
    category: "Category",
    complaint_state: "State",
    hard_case: "Hard case",
    handling_advice: "Handling advice",
    linked_visit: "Linked visit",
    what_happened: "What happened (customer's words)",
    customer_request: "What the customer asks for",
    handling: "Handler and time limits",
    handler: "Handler",
    assign_due: "Assign by",
    resolve_due: "Resolve by",
    reopened: "Reopened",
    yes: "Yes",
    no: "No",
    escalation_reason: "Escalation reason",
    escalated_at: "Escalated at",
    not_escalated: "Not escalated to the service manager.",
    timeline: "Timeline",
    step: "Step",
    time: "Time",
    by: "By",
    recovery: "Service recovery, five steps",
    recovery_step: "Recovery step",
    done_on: "Done on",
    compensation: "Compensation",
    cost: "Cost",
    total_compensation: "Total compensation cost",
    cause_and_improvement: "Cause and improvement",
    cause: "Cause",
    response: "Response",
    root_cause: "Root cause",
    responsible: "Responsible",
    measure: "Improvement measure",
    measure_owner: "Measure owner",
    check_on: "Check date",
    measure_checked_at: "Checked at",
    resolution: "Resolution",
    solution: "Solution",
    return_call_result: "Return call result",
    sign_handler: "Handler signature",
    sign_service_manager: "Service manager signature",
    call_sheet: "Follow-up call sheet",
    call_date: "Date",
    caller: "Caller",
    all_callers: "All callers",
    call_count: "{count} calls",
    filter: "Filter",
    no_calls: "There are no calls on this list.",
    handed_over_on: "Handed over",
    attempt: "attempt {n}",
    last_outcome: "last: {outcome}",
    call_back: "call back {time}",
    overdue: "past its window",
    outcome_box: "Outcome",
    outcome_codes: "Outcome (write the code in the box)",
    scale_note: "Scores 1–5, 5 = very satisfied; recommend 1 = yes, 0 = no",
    yes_no: "(1 = yes, 0 = no)",
    invitation_sheet: "Event invitation call sheet",
    campaign_plan: "Campaign plan and budget",
    lottery_record: "Lottery record",
    theme: "Theme",
    campaign_dates: "Dates",
    date_range: "{from} to {to}",
    venue: "Venue",
    script: "Script",
    invitation_script: "Hello! We would like to invite you to {theme} on {dates} at {venue}. Will you be able to come?",
    invitation_script_no_venue: "Hello! We would like to invite you to {theme} on {dates}. Will you be able to come?",
    guest_count: "{count} guests",
    no_guests: "There are no guests on this list.",
    rsvp_now: "Answer so far",
    rsvp_note: "Answer note",
    checked_in: "checked in {time}",
    prize_drawn: "prize: {prize}",
    rsvp_legend: "The customer's answer (tick one box)",
    note_legend: "Note: what the customer said, how many will come, any help needed",
    campaign: "The campaign",
    background: "Background",
    objectives: "Objectives",
    activities: "Activities",
    activity: "Activity",
    no_activities: "No activities planned yet.",
    prizes: "Prizes",
    prize: "Prize",
    stock: "Stock",
    drawn: "Drawn",
    left: "Left",
    unit_value: "Unit value",
    stock_value: "Value",
    no_prizes: "No prizes.",
    budget: "Budget",
    budget_item: "Item",
    quantity: "Qty",
    unit_price: "Unit price",
    planned_amount: "Amount",
    actual_quantity: "Actual qty",
    actual_unit_price: "Actual unit price",
    actual_amount: "Actual amount",
    no_budget: "No budget lines yet.",
    actual_none: "No actual amounts yet: fill in the actual columns after the event.",
    actual_partial: "{n} of {m} lines have actual amounts; the actual total counts the others at their \
                     budgeted amount.",
    sign_prepared: "Prepared by",
    sign_approved: "Approved by",
    draws: "Draws",
    draw_count: "{count} draws",
    operator: "Operator",
    no_draws: "No draws yet.",
    prize_summary: "Prizes given",
    sign_operator: "Operator",
    sign_witness: "Witness",
    care_sheet: "Proactive care call sheet",
    list_date: "Date",
    reason: "Reason",
    last_note: "Last note",
    care_overdue: "overdue",
    no_care_calls: "There are no calls on this list.",
    care_outcome_codes: "Outcome (write the code in the box)",
    care_note_legend: "Reached: note what the customer said or agreed (e.g. when they will come in)",
};

impl Language {
    pub(crate) fn labels(self) -> &'static Labels {
        match self {
            Language::ZhCn => &ZH_CN,
            Language::En => &EN,
        }
    }
}

/// The locale sections of the enums the papers print, with the label of each value (by its serde
/// name) in `caredesk_locale`'s files, shared with the screens.
pub(crate) mod section {
    pub const PANEL: &str = "panel";
    pub const QC_ITEM: &str = "qcItem";
    pub const QC_RESULT: &str = "qcResult";
    pub const PAYMENT_METHOD: &str = "paymentMethod";
    pub const LINE_KIND: &str = "lineKind";
    pub const COMPLAINT_CATEGORY: &str = "complaintCategory";
    pub const HARD_CASE: &str = "hardCase";
    pub const HARD_CASE_ADVICE: &str = "hardCaseAdvice";
    pub const RECOVERY_STEP: &str = "recoveryStep";
    pub const CAUSE: &str = "cause";
    pub const CAUSE_RESPONSE: &str = "causeResponse";
    pub const COMPLAINT_STATE: &str = "complaintState";
    pub const COMPLAINT_STEP: &str = "complaintStep";
    pub const CHANNEL: &str = "channel";
    pub const SEVERITY: &str = "severity";
    pub const ESCALATION_REASON: &str = "escalationReason";
    pub const CALL_OUTCOME: &str = "callOutcome";
    pub const CALL_SECTION: &str = "callSection";
    pub const CALL_STATUS: &str = "callStatus";
    pub const RSVP: &str = "rsvp";
    pub const RSVP_BOX: &str = "rsvpBox";
    pub const RSVP_MEANING: &str = "rsvpMeaning";
    pub const CAMPAIGN_STATUS: &str = "campaignStatus";
    pub const ACTIVITY_KIND: &str = "activityKind";
    pub const CARE_KIND: &str = "careKind";
    pub const CARE_DUE: &str = "careDue";
    pub const ARRIVAL: &str = "arrival";
}

impl Labels {
    /// The label of `value` in locale section `section`.
    fn of<T: Serialize>(&self, section: &str, value: T) -> &'static str {
        caredesk_locale::label(self.language.into(), section, &value)
    }

    pub(crate) fn panel(&self, panel: Panel) -> &'static str {
        self.of(section::PANEL, panel)
    }

    pub(crate) fn qc_item(&self, item: QcItem) -> &'static str {
        self.of(section::QC_ITEM, item)
    }

    pub(crate) fn qc_result(&self, result: QcResult) -> &'static str {
        self.of(section::QC_RESULT, result)
    }

    pub(crate) fn payment(&self, method: PaymentMethod) -> &'static str {
        self.of(section::PAYMENT_METHOD, method)
    }

    pub(crate) fn line_kind(&self, kind: LineKind) -> &'static str {
        self.of(section::LINE_KIND, kind)
    }

    pub(crate) fn category(&self, category: Category) -> &'static str {
        self.of(section::COMPLAINT_CATEGORY, category)
    }

    pub(crate) fn hard_case(&self, case: HardCase) -> &'static str {
        self.of(section::HARD_CASE, case)
    }

    pub(crate) fn hard_case_advice(&self, case: HardCase) -> &'static str {
        self.of(section::HARD_CASE_ADVICE, case)
    }

    pub(crate) fn recovery_step(&self, step: RecoveryStep) -> &'static str {
        self.of(section::RECOVERY_STEP, step)
    }

    pub(crate) fn cause(&self, cause: Cause) -> &'static str {
        self.of(section::CAUSE, cause)
    }

    pub(crate) fn cause_response(&self, cause: Cause) -> &'static str {
        self.of(section::CAUSE_RESPONSE, cause)
    }

    pub(crate) fn complaint_state(&self, state: ComplaintState) -> &'static str {
        self.of(section::COMPLAINT_STATE, state)
    }

    pub(crate) fn complaint_step(&self, step: ComplaintStep) -> &'static str {
        self.of(section::COMPLAINT_STEP, step)
    }

    pub(crate) fn channel(&self, channel: Channel) -> &'static str {
        self.of(section::CHANNEL, channel)
    }

    pub(crate) fn severity(&self, severity: Severity) -> &'static str {
        self.of(section::SEVERITY, severity)
    }

    pub(crate) fn escalation_reason(&self, reason: EscalationReason) -> &'static str {
        self.of(section::ESCALATION_REASON, reason)
    }

    /// The name of a call's outcome; its code on the sheet is its place in `Outcome::ALL`, from 1.
    pub(crate) fn call_outcome(&self, outcome: Outcome) -> &'static str {
        self.of(section::CALL_OUTCOME, outcome)
    }

    pub(crate) fn call_section(&self, section: Section) -> &'static str {
        self.of(section::CALL_SECTION, section)
    }

    pub(crate) fn call_status(&self, status: CallStatus) -> &'static str {
        self.of(section::CALL_STATUS, status)
    }

    pub(crate) fn rsvp(&self, rsvp: Rsvp) -> &'static str {
        self.of(section::RSVP, rsvp)
    }

    /// The boxes of the invitation sheet (yes, no, maybe, not reached), each with what it means.
    pub(crate) fn rsvp_boxes(&self) -> Vec<(&'static str, &'static str)> {
        RSVP_BOXES
            .iter()
            .map(|&rsvp| (self.of(section::RSVP_BOX, rsvp), self.of(section::RSVP_MEANING, rsvp)))
            .collect()
    }

    pub(crate) fn campaign_status(&self, status: CampaignStatus) -> &'static str {
        self.of(section::CAMPAIGN_STATUS, status)
    }

    pub(crate) fn activity_kind(&self, kind: ActivityKind) -> &'static str {
        self.of(section::ACTIVITY_KIND, kind)
    }

    /// How a guest came in: invited, or a walk-in.
    pub(crate) fn arrival(&self, arrival: Arrival) -> &'static str {
        self.of(section::ARRIVAL, arrival)
    }

    /// The title of a care list.
    pub(crate) fn care_kind(&self, kind: CareKind) -> &'static str {
        self.of(section::CARE_KIND, kind)
    }

    /// What a care call's day is on list `kind` (the service due, the birthday, …).
    pub(crate) fn care_due(&self, kind: CareKind) -> &'static str {
        self.of(section::CARE_DUE, kind)
    }
}

/// The answers the invitation sheet has a box for: every one but "not asked yet".
const RSVP_BOXES: [Rsvp; 4] = [Rsvp::Yes, Rsvp::No, Rsvp::Maybe, Rsvp::NotReached];

/// A template with each `{name}` replaced by its value.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_owned();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Fonts;

    /// Every variant of an enum, with an exhaustive `match` so that a new variant fails to compile
    /// here until it is listed (and then fails the test until it has a label).
    macro_rules! variants {
        ($enum:ident: $($variant:ident),* $(,)?) => {{
            let check = |value: $enum| match value {
                $($enum::$variant)|* => (),
            };
            let all = [$($enum::$variant),*];
            all.iter().copied().for_each(check);
            all
        }};
    }

    fn names<T: Serialize>(values: impl IntoIterator<Item = T>) -> Vec<String> {
        values.into_iter().map(|v| caredesk_locale::serde_name(&v)).collect()
    }

    /// Each section the papers read, with the serde names of every value of its enum.
    fn sections() -> Vec<(&'static str, Vec<String>)> {
        use section::*;
        vec![
            (
                PANEL,
                names(
                    variants!(Panel: FrontBumper, Bonnet, Windscreen, Roof, BootLid, RearBumper, RearWindow,
                LeftFrontWing, LeftFrontDoor, LeftRearDoor, LeftRearWing, RightFrontWing, RightFrontDoor,
                RightRearDoor, RightRearWing, LeftMirror, RightMirror, Wheels),
                ),
            ),
            (QC_ITEM, names(QcItem::ALL)),
            (QC_RESULT, names(variants!(QcResult: Pass, Fail, NotApplicable))),
            (
                PAYMENT_METHOD,
                names(variants!(PaymentMethod: Cash, BankCard, WeChatPay, Alipay, BankTransfer,
                Warranty, Insurance)),
            ),
            (LINE_KIND, names(variants!(LineKind: Labour, Part))),
            (COMPLAINT_CATEGORY, names(Category::ALL)),
            (HARD_CASE, names(hard_cases())),
            (HARD_CASE_ADVICE, names(hard_cases())),
            (RECOVERY_STEP, names(RecoveryStep::ALL)),
            (CAUSE, names(causes())),
            (CAUSE_RESPONSE, names(causes())),
            (COMPLAINT_STATE, names(ComplaintState::ALL)),
            (COMPLAINT_STEP, names(ComplaintStep::ALL)),
            (CHANNEL, names(variants!(Channel: Visit, Phone, FollowUpCall, Other))),
            (SEVERITY, names(variants!(Severity: Minor, Serious))),
            (
                ESCALATION_REASON,
                names(variants!(EscalationReason: NotAssignedInTime, NotResolvedInTime,
                SociallyInfluential)),
            ),
            (CALL_OUTCOME, names(Outcome::ALL)),
            (CALL_SECTION, names(variants!(Section: ServiceStart, ServiceAdvisor, Factor, Overall))),
            (CALL_STATUS, names(variants!(CallStatus: Open, Completed, Unreachable, Refused))),
            (RSVP, names(variants!(Rsvp: Pending, Yes, No, Maybe, NotReached))),
            (RSVP_BOX, names(RSVP_BOXES)),
            (RSVP_MEANING, names(RSVP_BOXES)),
            (CAMPAIGN_STATUS, names(CampaignStatus::ALL)),
            (ACTIVITY_KIND, names(variants!(ActivityKind: Lecture, DiyChallenge, Lottery, Trip, Other))),
            (CARE_KIND, names(CareKind::ALL)),
            (CARE_DUE, names(CareKind::ALL)),
            (ARRIVAL, names(variants!(Arrival: Invited, WalkIn))),
        ]
    }

    fn hard_cases() -> [HardCase; 6] {
        variants!(HardCase: Emotional, Righteous, Stubborn, SelfAbsorbed, WellPrepared, SociallyInfluential)
    }

    fn causes() -> [Cause; 3] {
        variants!(Cause: Ours, Shared, CustomerMisunderstanding)
    }

    #[test]
    fn every_value_of_every_printed_enum_has_a_label_in_both_languages() {
        for (section, names) in sections() {
            for language in caredesk_locale::Language::ALL {
                let texts = caredesk_locale::table(language)
                    .get(section)
                    .unwrap_or_else(|| panic!("{}.json has no section {section}", language.code()));
                for name in &names {
                    let text =
                        texts.get(name).unwrap_or_else(|| panic!("{}: no {section}.{name}", language.code()));
                    assert!(!text.trim().is_empty(), "{}: {section}.{name} is empty", language.code());
                }
                // No label for a value the enum does not have (a renamed variant).
                let extra: Vec<_> = texts.keys().filter(|k| !names.contains(k)).collect();
                assert!(extra.is_empty(), "{}: {section} labels unknown values {extra:?}", language.code());
            }
        }
    }

    #[test]
    fn the_typed_helpers_read_the_shared_labels() {
        assert_eq!(ZH_CN.panel(Panel::LeftFrontDoor), "左前门");
        assert_eq!(EN.payment(PaymentMethod::WeChatPay), "WeChat Pay");
        assert_eq!(ZH_CN.call_outcome(Outcome::NoAnswer), "无人接听");
        assert_eq!(EN.rsvp_boxes()[3], ("Not reached", "no answer, busy or wrong number"));
    }

    #[test]
    fn both_tables_print_with_the_bundled_font() {
        let fonts = Fonts::load(&crate::source_tree_font())
            .expect("the font `cargo xtask` fetches into src-tauri/fonts/");
        for language in [Language::ZhCn, Language::En] {
            for text in language.labels().texts() {
                assert!(!text.trim().is_empty(), "{language:?} has an empty label");
                fonts.check(text).unwrap_or_else(|e| panic!("{language:?} label {text:?}: {e}"));
            }
            // Every text of the shared locale tables: the papers and the exports print from them.
            for (section, texts) in caredesk_locale::table(language.into()) {
                for (key, text) in texts {
                    fonts
                        .check(text)
                        .unwrap_or_else(|e| panic!("{language:?} {section}.{key} {text:?}: {e}"));
                }
            }
        }
    }

    #[test]
    fn chinese_labels_are_chinese_and_english_are_not() {
        let han = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        for (zh, en) in ZH_CN.texts().into_iter().zip(EN.texts()) {
            assert!(han(zh), "{zh:?} is not Chinese");
            assert!(!han(en), "{en:?} is not English");
        }
        for (section, _) in sections() {
            for (key, en) in &caredesk_locale::table(caredesk_locale::Language::En)[section] {
                assert!(!han(en), "en {section}.{key} {en:?} is not English");
                let zh = caredesk_locale::text(caredesk_locale::Language::ZhCn, section, key);
                assert!(han(zh), "zh-CN {section}.{key} {zh:?} is not Chinese");
            }
        }
    }

    #[test]
    fn templates_fill_every_placeholder() {
        assert_eq!(fill(ZH_CN.page, &[("page", "2"), ("pages", "3")]), "第 2 / 3 页");
        assert_eq!(fill(EN.page, &[("page", "2"), ("pages", "3")]), "Page 2 / 3");
        assert_eq!(fill(EN.tax, &[("rate", "13%")]), "Tax (13%)");
        let window = fill(ZH_CN.follow_up_window, &[("from", "2026-11-23"), ("to", "2026-11-25")]);
        assert!(!window.contains('{'), "{window}");
    }
}
