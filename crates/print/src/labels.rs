//! Every word the papers print, in Simplified Chinese and in English. One table
//! per language; a test checks the font can draw every one of them.
//!
//! Texts with a `{name}` in them are templates, filled with [`fill`].

use caredesk_domain::campaign::{ActivityKind, CampaignStatus, Rsvp};
use caredesk_domain::care::CareKind;
use caredesk_domain::complaint::{
    Category, Cause, Channel, ComplaintState, ComplaintStep, EscalationReason, HardCase, RecoveryStep,
    Severity,
};
use caredesk_domain::follow_up::{CallStatus, Outcome, Section};
use caredesk_domain::visit::{LineKind, Panel, PaymentMethod, QcItem, QcResult};

use crate::Language;

macro_rules! labels {
    ($($name:ident),* $(,)?) => {
        /// The printed words of one language.
        pub(crate) struct Labels {
            $(pub $name: &'static str,)*
            /// In the order of [`panel_index`].
            pub panels: [&'static str; 18],
            /// In the order of `QcItem::ALL`.
            pub qc_items: [&'static str; 9],
            /// In the order of [`payment_index`].
            pub payments: [&'static str; 7],
            /// In the order of `Category::ALL`.
            pub categories: [&'static str; 9],
            /// In the order of [`hard_case_index`].
            pub hard_cases: [&'static str; 6],
            /// One line of handling advice per hard case, in the order of [`hard_case_index`].
            pub hard_case_advice: [&'static str; 6],
            /// In the order of `RecoveryStep::ALL`.
            pub recovery_steps: [&'static str; 5],
            /// Ours, shared, the customer's misunderstanding.
            pub causes: [&'static str; 3],
            /// The response each cause calls for, in the order of `causes`.
            pub cause_responses: [&'static str; 3],
            /// In the order of `ComplaintState::ALL`.
            pub complaint_states: [&'static str; 7],
            /// In the order of `ComplaintStep::ALL`.
            pub complaint_steps: [&'static str; 8],
            /// Visit, phone, follow-up call, other.
            pub channels: [&'static str; 4],
            /// Minor, serious.
            pub severities: [&'static str; 2],
            /// Not assigned in time, not resolved in time, socially influential.
            pub escalation_reasons: [&'static str; 3],
            /// A follow-up call's outcomes, in the order of `Outcome::ALL` (codes 1–6).
            pub call_outcomes: [&'static str; 6],
            /// The questionnaire's sections: service start, service advisor, factors, overall.
            pub call_sections: [&'static str; 4],
            /// A call's status: open, completed, unreachable, refused.
            pub call_statuses: [&'static str; 4],
            /// An invitation's answer, in the order of [`rsvp_index`].
            pub rsvps: [&'static str; 5],
            /// The boxes of the invitation sheet: yes, no, maybe, not reached.
            pub rsvp_boxes: [&'static str; 4],
            /// What each box of the invitation sheet means, in the order of `rsvp_boxes`.
            pub rsvp_meanings: [&'static str; 4],
            /// In the order of `CampaignStatus::ALL`.
            pub campaign_statuses: [&'static str; 4],
            /// In the order of [`activity_index`].
            pub activity_kinds: [&'static str; 5],
            /// The care lists' titles, in the order of `CareKind::ALL`.
            pub care_kinds: [&'static str; 5],
            /// What a care call's day is, in the order of `CareKind::ALL`.
            pub care_due: [&'static str; 5],
        }

        impl Labels {
            /// Every text of the table, for the glyph check.
            #[cfg(test)]
            pub fn texts(&self) -> Vec<&'static str> {
                let mut texts = vec![$(self.$name),*];
                texts.extend(self.panels);
                texts.extend(self.qc_items);
                texts.extend(self.payments);
                texts.extend(self.categories);
                texts.extend(self.hard_cases);
                texts.extend(self.hard_case_advice);
                texts.extend(self.recovery_steps);
                texts.extend(self.causes);
                texts.extend(self.cause_responses);
                texts.extend(self.complaint_states);
                texts.extend(self.complaint_steps);
                texts.extend(self.channels);
                texts.extend(self.severities);
                texts.extend(self.escalation_reasons);
                texts.extend(self.call_outcomes);
                texts.extend(self.call_sections);
                texts.extend(self.call_statuses);
                texts.extend(self.rsvps);
                texts.extend(self.rsvp_boxes);
                texts.extend(self.rsvp_meanings);
                texts.extend(self.campaign_statuses);
                texts.extend(self.activity_kinds);
                texts.extend(self.care_kinds);
                texts.extend(self.care_due);
                texts
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
    labour,
    part,
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
    pass,
    fail,
    not_applicable,
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
    walk_in_guest,
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
    labour: "工时",
    part: "配件",
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
    pass: "合格",
    fail: "不合格",
    not_applicable: "不适用",
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
    walk_in_guest: "到店散客",
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
    panels: [
        "前保险杠",
        "发动机盖",
        "前挡风玻璃",
        "车顶",
        "行李箱盖",
        "后保险杠",
        "后挡风玻璃",
        "左前翼子板",
        "左前门",
        "左后门",
        "左后翼子板",
        "右前翼子板",
        "右前门",
        "右后门",
        "右后翼子板",
        "左后视镜",
        "右后视镜",
        "车轮",
    ],
    qc_items: [
        "及时质检，在客户到达前纠正错误",
        "工单上的每个项目均按要求完成",
        "必要时进行路试",
        "检查车辆清洁",
        "车辆已停放并记录停车位置",
        "服务顾问在工单上签字",
        "核对工单与实际使用的工时和配件；发票已准备",
        "记录已发现但未纠正的问题",
        "保养手册已盖章；宣传品及移动出行保障资料已装好",
    ],
    payments: ["现金", "银行卡", "微信支付", "支付宝", "银行转账", "保修/善意", "保险理赔"],
    categories: ["有形性", "移情性", "保证性", "响应性", "可靠性", "产品质量", "配件", "价格", "其他"],
    hard_cases: [
        "情绪激动型",
        "正义感型",
        "固执型",
        "自我中心型",
        "有备而来型（懂法、录音）",
        "社会影响型（记者、律师）",
    ],
    hard_case_advice: [
        "先处理感情，后处理事件：请到安静处，耐心倾听，不打断、不争辩。",
        "肯定客户意见的价值，感谢其提出，说明我们将如何改进。",
        "以事实和依据耐心说明，提供几种可选方案，由客户自己选择。",
        "给予充分的尊重和关注，必要时由更高级别的人员出面沟通。",
        "言行规范，依法依规答复，不作无法兑现的承诺；每句话都可能被录音。",
        "立即上报服务经理，统一口径，只由授权人员答复。",
    ],
    recovery_steps: ["道歉", "紧急复原", "移情", "象征性赎罪（补偿）", "跟踪"],
    causes: ["我方原因", "双方原因", "客户误解"],
    cause_responses: [
        "诚恳道歉，由我方承担费用予以纠正，并给予象征性补偿。",
        "如实说明双方的责任，协商共同的解决方案。",
        "以事实耐心解释，不指责客户，感谢客户提出。",
    ],
    complaint_states: ["已受理", "已分派", "已联系客户", "已达成一致", "已解决", "已回访", "已关闭"],
    complaint_steps: ["现场解决", "分派处理人", "联系客户", "达成一致", "解决", "回访", "关闭", "重新处理"],
    channels: ["到店", "电话", "回访电话", "其他"],
    severities: ["一般投诉", "重大投诉"],
    escalation_reasons: ["未按时分派处理人", "未按时解决", "社会影响型客户，立即上报"],
    call_outcomes: ["接通", "无人接听", "占线", "号码错误", "拒访", "约回拨"],
    call_sections: ["服务启动", "服务顾问", "满意度因素（权重）", "总体评价"],
    call_statuses: ["待回访", "已完成", "无法联系", "已拒访"],
    rsvps: ["未邀约", "确认参加", "不参加", "待定", "未接通"],
    rsvp_boxes: ["参加", "不参加", "待定", "未接通"],
    rsvp_meanings: ["确认参加", "婉拒", "尚未决定，约好再联系", "无人接听、占线或号码错误"],
    campaign_statuses: ["草稿", "已批准", "进行中", "已结束"],
    activity_kinds: ["讲座", "动手挑战", "抽奖", "自驾游", "其他"],
    care_kinds: ["保养提醒", "保险到期", "年检到期", "生日问候", "未修项目回访"],
    care_due: ["保养到期日", "保险到期日", "年检到期日", "生日", "上次到店"],
};

pub(crate) static EN: Labels = Labels {
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
    labour: "Labour",
    part: "Part",
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
    pass: "Pass",
    fail: "Fail",
    not_applicable: "N/A",
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
    walk_in_guest: "Walk-in guest",
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
    panels: [
        "Front bumper",
        "Bonnet",
        "Windscreen",
        "Roof",
        "Boot lid",
        "Rear bumper",
        "Rear window",
        "Left front wing",
        "Left front door",
        "Left rear door",
        "Left rear wing",
        "Right front wing",
        "Right front door",
        "Right rear door",
        "Right rear wing",
        "Left mirror",
        "Right mirror",
        "Wheels",
    ],
    qc_items: [
        "QC in time, to correct errors before the customer arrives",
        "Every item on the repair order done as required",
        "Road test where appropriate",
        "Vehicle cleanliness checked",
        "Vehicle parked and its location recorded",
        "Advisor signs the repair order",
        "Repair order checked against labour and parts used; invoice prepared",
        "Problems found but not corrected written down",
        "Service book stamped; promotional items and mobility-guarantee papers packed",
    ],
    payments: [
        "Cash",
        "Bank card",
        "WeChat Pay",
        "Alipay",
        "Bank transfer",
        "Warranty / goodwill",
        "Insurance",
    ],
    categories: [
        "Tangibles",
        "Empathy",
        "Assurance",
        "Responsiveness",
        "Reliability",
        "Product",
        "Parts",
        "Price",
        "Other",
    ],
    hard_cases: [
        "Emotional",
        "Righteous",
        "Stubborn",
        "Self-absorbed",
        "Well-prepared (knows consumer law, records the talk)",
        "Socially influential (journalist, lawyer)",
    ],
    hard_case_advice: [
        "Feelings first, then the matter: take the customer somewhere quiet, listen, do not interrupt or argue.",
        "Acknowledge the point, thank the customer for raising it, and say what we will change.",
        "Explain the facts patiently and offer a few options for the customer to choose from.",
        "Give full respect and attention; if needed, have someone more senior talk to the customer.",
        "Answer by the rules and the law, promise nothing we cannot keep; assume every word is recorded.",
        "Report to the service manager at once; only an authorised person answers, with one voice.",
    ],
    recovery_steps: ["Apology", "Urgent restoration", "Empathy", "Symbolic compensation", "Follow-up"],
    causes: ["Ours", "Shared", "Customer's misunderstanding"],
    cause_responses: [
        "Apologise, put it right at our cost, and compensate symbolically.",
        "Explain both sides honestly and agree a shared solution.",
        "Explain patiently with the facts, without blame; thank the customer for raising it.",
    ],
    complaint_states: [
        "Received",
        "Assigned",
        "Customer contacted",
        "Solution agreed",
        "Resolved",
        "Return call done",
        "Closed",
    ],
    complaint_steps: [
        "Solved on the spot",
        "Handler assigned",
        "Customer contacted",
        "Solution agreed",
        "Resolved",
        "Return call",
        "Closed",
        "Reopened",
    ],
    channels: ["In person", "Phone", "Follow-up call", "Other"],
    severities: ["Minor", "Serious"],
    escalation_reasons: ["Not assigned in time", "Not resolved in time", "Socially influential customer"],
    call_outcomes: ["Reached", "No answer", "Busy", "Wrong number", "Refused", "Call back"],
    call_sections: ["Service start", "Service advisor", "Index factors (weight)", "Overall"],
    call_statuses: ["Open", "Completed", "Unreachable", "Refused"],
    rsvps: ["Not asked yet", "Yes", "No", "Maybe", "Not reached"],
    rsvp_boxes: ["Yes", "No", "Maybe", "Not reached"],
    rsvp_meanings: ["will come", "declines", "undecided: call again", "no answer, busy or wrong number"],
    campaign_statuses: ["Draft", "Planned", "Running", "Finished"],
    activity_kinds: ["Lecture", "DIY challenge", "Lottery", "Self-drive trip", "Other"],
    care_kinds: [
        "Maintenance due",
        "Insurance expiring",
        "Annual inspection due",
        "Birthday greetings",
        "Declined work",
    ],
    care_due: ["Service due", "Insurance expires", "Inspection due", "Birthday", "Declined on"],
};

impl Language {
    pub(crate) fn labels(self) -> &'static Labels {
        match self {
            Language::ZhCn => &ZH_CN,
            Language::En => &EN,
        }
    }
}

impl Labels {
    pub(crate) fn panel(&self, panel: Panel) -> &'static str {
        self.panels[panel_index(panel)]
    }

    pub(crate) fn qc_item(&self, item: QcItem) -> &'static str {
        let index = QcItem::ALL.iter().position(|&i| i == item).unwrap_or_default();
        self.qc_items[index]
    }

    pub(crate) fn qc_result(&self, result: QcResult) -> &'static str {
        match result {
            QcResult::Pass => self.pass,
            QcResult::Fail => self.fail,
            QcResult::NotApplicable => self.not_applicable,
        }
    }

    pub(crate) fn payment(&self, method: PaymentMethod) -> &'static str {
        self.payments[payment_index(method)]
    }

    pub(crate) fn line_kind(&self, kind: LineKind) -> &'static str {
        match kind {
            LineKind::Labour => self.labour,
            LineKind::Part => self.part,
        }
    }

    pub(crate) fn category(&self, category: Category) -> &'static str {
        let index = Category::ALL.iter().position(|&c| c == category).unwrap_or_default();
        self.categories[index]
    }

    pub(crate) fn hard_case(&self, case: HardCase) -> &'static str {
        self.hard_cases[hard_case_index(case)]
    }

    pub(crate) fn hard_case_advice(&self, case: HardCase) -> &'static str {
        self.hard_case_advice[hard_case_index(case)]
    }

    pub(crate) fn recovery_step(&self, step: RecoveryStep) -> &'static str {
        let index = RecoveryStep::ALL.iter().position(|&s| s == step).unwrap_or_default();
        self.recovery_steps[index]
    }

    pub(crate) fn cause(&self, cause: Cause) -> &'static str {
        self.causes[cause_index(cause)]
    }

    pub(crate) fn cause_response(&self, cause: Cause) -> &'static str {
        self.cause_responses[cause_index(cause)]
    }

    pub(crate) fn complaint_state(&self, state: ComplaintState) -> &'static str {
        let index = ComplaintState::ALL.iter().position(|&s| s == state).unwrap_or_default();
        self.complaint_states[index]
    }

    pub(crate) fn complaint_step(&self, step: ComplaintStep) -> &'static str {
        let index = ComplaintStep::ALL.iter().position(|&s| s == step).unwrap_or_default();
        self.complaint_steps[index]
    }

    pub(crate) fn channel(&self, channel: Channel) -> &'static str {
        let index = match channel {
            Channel::Visit => 0,
            Channel::Phone => 1,
            Channel::FollowUpCall => 2,
            Channel::Other => 3,
        };
        self.channels[index]
    }

    pub(crate) fn severity(&self, severity: Severity) -> &'static str {
        let index = match severity {
            Severity::Minor => 0,
            Severity::Serious => 1,
        };
        self.severities[index]
    }

    pub(crate) fn escalation_reason(&self, reason: EscalationReason) -> &'static str {
        let index = match reason {
            EscalationReason::NotAssignedInTime => 0,
            EscalationReason::NotResolvedInTime => 1,
            EscalationReason::SociallyInfluential => 2,
        };
        self.escalation_reasons[index]
    }

    /// The name of a call's outcome; its code on the sheet is its place in `Outcome::ALL`, from 1.
    pub(crate) fn call_outcome(&self, outcome: Outcome) -> &'static str {
        let index = Outcome::ALL.iter().position(|&o| o == outcome).unwrap_or_default();
        self.call_outcomes[index]
    }

    pub(crate) fn call_section(&self, section: Section) -> &'static str {
        let index = match section {
            Section::ServiceStart => 0,
            Section::ServiceAdvisor => 1,
            Section::Factor => 2,
            Section::Overall => 3,
        };
        self.call_sections[index]
    }

    pub(crate) fn rsvp(&self, rsvp: Rsvp) -> &'static str {
        self.rsvps[rsvp_index(rsvp)]
    }

    pub(crate) fn campaign_status(&self, status: CampaignStatus) -> &'static str {
        let index = CampaignStatus::ALL.iter().position(|&s| s == status).unwrap_or_default();
        self.campaign_statuses[index]
    }

    pub(crate) fn activity_kind(&self, kind: ActivityKind) -> &'static str {
        self.activity_kinds[activity_index(kind)]
    }

    /// The title of a care list.
    pub(crate) fn care_kind(&self, kind: CareKind) -> &'static str {
        self.care_kinds[care_index(kind)]
    }

    /// What a care call's day is on list `kind` (the service due, the birthday, …).
    pub(crate) fn care_due(&self, kind: CareKind) -> &'static str {
        self.care_due[care_index(kind)]
    }

    pub(crate) fn call_status(&self, status: CallStatus) -> &'static str {
        let index = match status {
            CallStatus::Open => 0,
            CallStatus::Completed => 1,
            CallStatus::Unreachable => 2,
            CallStatus::Refused => 3,
        };
        self.call_statuses[index]
    }
}

fn rsvp_index(rsvp: Rsvp) -> usize {
    match rsvp {
        Rsvp::Pending => 0,
        Rsvp::Yes => 1,
        Rsvp::No => 2,
        Rsvp::Maybe => 3,
        Rsvp::NotReached => 4,
    }
}

fn activity_index(kind: ActivityKind) -> usize {
    match kind {
        ActivityKind::Lecture => 0,
        ActivityKind::DiyChallenge => 1,
        ActivityKind::Lottery => 2,
        ActivityKind::Trip => 3,
        ActivityKind::Other => 4,
    }
}

fn hard_case_index(case: HardCase) -> usize {
    match case {
        HardCase::Emotional => 0,
        HardCase::Righteous => 1,
        HardCase::Stubborn => 2,
        HardCase::SelfAbsorbed => 3,
        HardCase::WellPrepared => 4,
        HardCase::SociallyInfluential => 5,
    }
}

fn care_index(kind: CareKind) -> usize {
    CareKind::ALL.iter().position(|&k| k == kind).unwrap_or_default()
}

fn cause_index(cause: Cause) -> usize {
    match cause {
        Cause::Ours => 0,
        Cause::Shared => 1,
        Cause::CustomerMisunderstanding => 2,
    }
}

fn panel_index(panel: Panel) -> usize {
    match panel {
        Panel::FrontBumper => 0,
        Panel::Bonnet => 1,
        Panel::Windscreen => 2,
        Panel::Roof => 3,
        Panel::BootLid => 4,
        Panel::RearBumper => 5,
        Panel::RearWindow => 6,
        Panel::LeftFrontWing => 7,
        Panel::LeftFrontDoor => 8,
        Panel::LeftRearDoor => 9,
        Panel::LeftRearWing => 10,
        Panel::RightFrontWing => 11,
        Panel::RightFrontDoor => 12,
        Panel::RightRearDoor => 13,
        Panel::RightRearWing => 14,
        Panel::LeftMirror => 15,
        Panel::RightMirror => 16,
        Panel::Wheels => 17,
    }
}

fn payment_index(method: PaymentMethod) -> usize {
    match method {
        PaymentMethod::Cash => 0,
        PaymentMethod::BankCard => 1,
        PaymentMethod::WeChatPay => 2,
        PaymentMethod::Alipay => 3,
        PaymentMethod::BankTransfer => 4,
        PaymentMethod::Warranty => 5,
        PaymentMethod::Insurance => 6,
    }
}

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

    #[test]
    fn both_tables_print_with_the_bundled_font() {
        let fonts = Fonts::load(&crate::source_tree_font())
            .expect("the font `cargo xtask` fetches into src-tauri/fonts/");
        for language in [Language::ZhCn, Language::En] {
            for text in language.labels().texts() {
                assert!(!text.trim().is_empty(), "{language:?} has an empty label");
                fonts.check(text).unwrap_or_else(|e| panic!("{language:?} label {text:?}: {e}"));
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
