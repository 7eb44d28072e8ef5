//! Every word the papers print, in Simplified Chinese and in English. One table
//! per language; a test checks the font can draw every one of them.
//!
//! Texts with a `{name}` in them are templates, filled with [`fill`].

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
        }

        impl Labels {
            /// Every text of the table, for the glyph check.
            #[cfg(test)]
            pub fn texts(&self) -> Vec<&'static str> {
                let mut texts = vec![$(self.$name),*];
                texts.extend(self.panels);
                texts.extend(self.qc_items);
                texts.extend(self.payments);
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
    fn both_tables_print_with_the_system_font() {
        let fonts = Fonts::system().expect("WenQuanYi Micro Hei (fonts-wqy-microhei) is installed");
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
