//! The three papers of a visit, printed in both languages and read back as text.

mod support;

use caredesk_domain::visit::{ExtraWorkStatus, Visit};
use caredesk_print::{
    Fonts, Language, PrintError, handover_summary, money, quality_check_sheet, repair_order,
};
use support::{SIZE_LIMIT, assert_contains, fonts, fonts_of, head, pages, read_back, visit};

type Paper = fn(&Fonts, &Visit, &caredesk_print::Letterhead) -> Result<Vec<u8>, PrintError>;

fn print(paper: Paper, name: &str, visit: &Visit, language: Language) -> String {
    let pdf = paper(fonts(), visit, &head(language)).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(pdf.starts_with(b"%PDF-"), "{name} is not a PDF");
    assert!(pdf.len() < SIZE_LIMIT, "{name} is {} bytes; the font must be embedded as a subset", pdf.len());
    read_back(name, &pdf)
}

#[test]
fn the_repair_order_in_chinese() {
    let visit = visit();
    let text = print(repair_order, "repair-order-zh", &visit, Language::ZhCn);
    assert_eq!(money(visit.totals.total), "¥1,498.38");
    assert_contains(
        &text,
        &[
            "北京华通一汽-大众特约服务站",
            "维修委托书",
            "客户联",
            "工单号 20261122-003",
            "打印时间 2026-11-22 10:30",
            "王建国",
            "13812345678",
            "京A12345",
            "LFV2A21K767042918",
            "李娜",
            "40,230 km",
            "5/8",
            "左前门",
            "划痕约10厘米",
            "行车记录仪一台",
            "哒哒哒",
            "机油滤清器",
            "06L115562B",
            "工时",
            "配件",
            "原厂",
            "非原厂",
            "¥300.00",
            "¥750.00",
            "¥576.00",
            "税额（13%）",
            "¥172.38",
            "合计",
            "¥1,498.38",
            "预估费用",
            "¥1,250.00",
            "2026-11-22 16:00",
            "2026-11-22 08:50",
            "前刹车片磨损至2毫米",
            "已拒绝，未施工",
            "¥680.00",
            "客户签字",
            "服务顾问签字",
            "日期",
            "第 1 / ",
        ],
    );
    // The declined pads are listed as declined, never as a line of the order.
    assert!(!text.contains("5QD698151B"), "a declined line is on the order:\n{text}");
    assert!(!text.contains("Repair order"), "English on the Chinese paper");
}

#[test]
fn the_repair_order_in_english() {
    let visit = visit();
    let text = print(repair_order, "repair-order-en", &visit, Language::En);
    assert_contains(
        &text,
        &[
            "Repair order",
            "Customer copy",
            "Order no. 20261122-003",
            "Printed 2026-11-22 10:30",
            "王建国",
            "京A12345",
            "Service advisor",
            "李娜",
            "Mileage",
            "Fuel / charge",
            "Existing damage",
            "Left front door",
            "Customer's concerns (verbatim)",
            "Labour",
            "Part",
            "Genuine",
            "Non-genuine",
            "Tax (13%)",
            "Total",
            "¥1,498.38",
            "Promised completion",
            "Declined, not done",
            "Customer signature",
            "Service advisor signature",
            "Page 1 / ",
        ],
    );
    assert!(!text.contains("维修委托书"), "Chinese labels on the English paper");
}

#[test]
fn the_quality_check_sheet_shows_the_latest_check_and_the_earlier_failure() {
    let visit = visit();
    let zh = print(quality_check_sheet, "quality-check-zh", &visit, Language::ZhCn);
    assert_contains(
        &zh,
        &[
            "质检单",
            "王建国",
            "京A12345",
            "李娜",
            "赵强",
            "质检员",
            "陈刚",
            "2026-11-22 10:05",
            "通过",
            "B区12号车位",
            "及时质检",
            "必要时进行路试",
            "不适用",
            "合格",
            "此前未通过的质检",
            "2026-11-22 09:50",
            "检查车辆清洁",
            "脚垫未清洁",
            "质检员签字",
        ],
    );
    let en = print(quality_check_sheet, "quality-check-en", &visit, Language::En);
    assert_contains(
        &en,
        &[
            "Quality check sheet",
            "王建国",
            "Inspector",
            "Passed",
            "Parking location",
            "B区12号车位",
            "QC in time",
            "Road test where appropriate",
            "N/A",
            "Pass",
            "Earlier failed checks",
            "Vehicle cleanliness checked",
            "Inspector signature",
        ],
    );
}

#[test]
fn a_quality_check_sheet_before_any_check_has_boxes_to_tick() {
    let mut visit = visit();
    visit.qc_checks.clear();
    let text = print(quality_check_sheet, "quality-check-blank-zh", &visit, Language::ZhCn);
    assert_contains(&text, &["尚未质检", "□ 合格", "□ 不合格", "□ 不适用"]);
    assert!(!text.contains("此前未通过的质检"), "{text}");
    assert_eq!(text.matches("□ 不适用").count(), 1, "only the road test may be n.a.:\n{text}");
}

#[test]
fn the_handover_summary() {
    let visit = visit();
    let zh = print(handover_summary, "handover-zh", &visit, Language::ZhCn);
    assert_contains(
        &zh,
        &[
            "交车说明",
            "王建国",
            "京A12345",
            "李娜",
            "已完成项目",
            "机油滤清器",
            "¥1,498.38",
            "付款方式",
            "微信支付",
            "实付金额",
            "44020261122",
            "2026-11-22 10:40",
            "2027-05-22",
            "50,230 km",
            "2026-11-23",
            "2026-11-25",
            "前刹车片磨损至2毫米",
            "客户签字",
        ],
    );
    let en = print(handover_summary, "handover-en", &visit, Language::En);
    assert_contains(
        &en,
        &[
            "Handover summary",
            "Work done",
            "Payment method",
            "WeChat Pay",
            "Amount paid",
            "¥1,498.38",
            "Invoice no.",
            "44020261122",
            "Next service date",
            "2027-05-22",
            "We will call you between 2026-11-23 and",
            "Recommended, not done at this visit",
            "Customer signature",
        ],
    );
}

#[test]
fn a_handover_summary_before_the_handover_leaves_settlement_blank() {
    let mut visit = visit();
    visit.handover = None;
    visit.follow_up_due = None;
    let text = print(handover_summary, "handover-blank-en", &visit, Language::En);
    assert_contains(&text, &["Not handed over and settled yet.", "Payment method", "Invoice no."]);
    assert!(!text.contains("WeChat Pay"), "{text}");
}

#[test]
fn approved_extra_work_is_on_the_order_and_in_the_total() {
    let mut visit = visit();
    visit.extra_work[0].status = ExtraWorkStatus::Approved;
    visit.totals = caredesk_domain::visit::totals(visit.counted_lines(), visit.order.tax_basis_points);
    let text = print(repair_order, "repair-order-approved-zh", &visit, Language::ZhCn);
    assert_contains(&text, &["5QD698151B", &money(visit.totals.total)]);
    assert!(!text.contains("已拒绝，未施工"), "{text}");
}

#[test]
fn the_font_is_embedded_as_a_subset() {
    let visit = visit();
    let pdf = repair_order(fonts(), &visit, &head(Language::ZhCn)).expect("print");
    read_back("repair-order-fonts", &pdf);
    let listing = fonts_of("repair-order-fonts");
    // name  type  encoding  emb sub uni  object ID
    let row =
        listing.lines().find(|l| l.contains("WenQuanYi")).unwrap_or_else(|| panic!("no font:\n{listing}"));
    let columns: Vec<&str> = row.split_whitespace().collect();
    assert!(columns[0].contains('+'), "the font's name has no subset tag:\n{listing}");
    assert!(row.contains("yes yes yes"), "not embedded, subset and with a Unicode map:\n{listing}");
    println!(
        "repair order: {} bytes, {} page(s)",
        pdf.len(),
        pages(&read_back("repair-order-fonts", &pdf)).len()
    );
}

#[test]
fn a_character_the_font_lacks_fails_with_its_name() {
    let mut visit = visit();
    visit.customer_name = "王建国😀".into();
    match repair_order(fonts(), &visit, &head(Language::ZhCn)) {
        Err(PrintError::MissingGlyph { ch }) => assert_eq!(ch, '😀'),
        other => panic!("expected a missing glyph, got {:?}", other.map(|b| b.len())),
    }
}

#[test]
fn invisible_characters_are_dropped_not_refused() {
    let mut visit = visit();
    visit.customer_name = "王\u{200b}建国\u{fe0f}".into();
    visit.requested_work = "换机油\t机滤\r\n查异响".into();
    let text = print(repair_order, "repair-order-invisible-zh", &visit, Language::ZhCn);
    assert_contains(&text, &["王建国", "换机油 机滤", "查异响"]);
}

#[test]
fn fonts_report_what_is_wrong() {
    let missing = std::path::Path::new("/nonexistent/wqy-microhei.ttc");
    let error = Fonts::load(missing).expect_err("no such file");
    assert!(matches!(&error, PrintError::FontMissing { path } if path == missing));
    assert!(error.to_string().contains("/nonexistent/wqy-microhei.ttc"), "{error}");

    let not_a_font = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let error = Fonts::load(&not_a_font).expect_err("not a font");
    assert_eq!(error.kind(), "font", "{error}");
}

#[test]
fn fonts_can_be_shared_between_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<Fonts>();
}
