//! The follow-up call sheet, printed in both languages and read back as text:
//! a few calls, a list of sixty over several pages, text too long for its
//! place, and an empty list.

mod support;

use caredesk_domain::follow_up::{CallStatus, Due, FollowUpCall, Outcome, Questionnaire};
use caredesk_domain::visit::VisitState;
use caredesk_domain::{CustomerId, FollowUpId, StaffId, VehicleId, VisitId};
use caredesk_print::{CallSheet, Language, PrintError, call_sheet};
use chrono::NaiveDate;
use support::{assert_contains, at, fonts, head, pages, read_back, squash};

/// The sheets stay small: a font subset, not the font.
const SIZE_LIMIT: usize = 400 * 1024;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("a valid date")
}

/// A call handed over on the 21st, due from the 22nd to the 24th, not tried yet.
fn call(
    row: u32,
    name: &str,
    mobile: &str,
    plate: Option<&str>,
    model: &str,
    work: &str,
    advisor: &str,
) -> FollowUpCall {
    FollowUpCall {
        id: FollowUpId(i64::from(row)),
        row,
        visit_id: VisitId(i64::from(row) + 100),
        visit_number: format!("20261121-{row:03}"),
        visit_state: VisitState::HandedOver,
        customer_id: CustomerId(i64::from(row) + 200),
        customer_name: name.into(),
        mobile: mobile.into(),
        vehicle_id: VehicleId(i64::from(row) + 300),
        plate: plate.map(str::to_owned),
        vehicle_label: model.into(),
        work_done: work.into(),
        advisor_id: StaffId(3),
        advisor_name: advisor.into(),
        handed_over_on: day(21),
        due_from: day(22),
        due_to: day(24),
        status: CallStatus::Open,
        due: Due::Due,
        next_on: day(23),
        call_back_at: None,
        attempts: 0,
        last_outcome: None,
        caller_id: Some(StaffId(9)),
        caller_name: Some("张敏".into()),
        csi: None,
        complaint_id: None,
        may_work: true,
    }
}

/// Four calls of 张敏's list on the 23rd: one not reached yesterday and to be
/// called back at 15:30, one without a plate, one past its window.
fn few_calls() -> Vec<FollowUpCall> {
    let mut calls = vec![
        call(
            3,
            "王建国",
            "13812345678",
            Some("京A12345"),
            "一汽-大众 迈腾 2019款 330TSI",
            "40000公里常规保养（更换机油、机滤，检查底盘）\n冷车启动异响检查：检查正时链条张紧器并路试",
            "李娜",
        ),
        call(
            7,
            "刘芳",
            "13998765432",
            Some("京AD12345"),
            "一汽-大众 ID.4 CROZZ",
            "高压电池检查；空调滤清器更换",
            "王丽",
        ),
        call(12, "陈志强", "15011112222", None, "奥迪 A4L 2021款 40 TFSI", "更换前刹车片", "王丽"),
        call(15, "赵雪梅", "18633334444", Some("冀B8G888"), "一汽-大众 宝来", "首保", "李娜"),
    ];
    calls[0].attempts = 1;
    calls[0].last_outcome = Some(Outcome::NoAnswer);
    calls[0].call_back_at = Some(at(2026, 11, 23, 15, 30));
    calls[3].due = Due::Overdue;
    calls[3].due_to = day(22);
    calls
}

fn sheet(calls: Vec<FollowUpCall>) -> CallSheet {
    CallSheet {
        date: day(23),
        caller: Some("张敏".into()),
        filter: None,
        calls,
        questionnaire: Questionnaire::default(),
    }
}

fn print(name: &str, sheet: &CallSheet, language: Language) -> String {
    let pdf = call_sheet(fonts(), sheet, &head(language)).expect("print the call sheet");
    assert!(pdf.starts_with(b"%PDF-"), "{name} is not a PDF");
    assert!(pdf.len() < SIZE_LIMIT, "{name} is {} bytes", pdf.len());
    read_back(name, &pdf)
}

#[test]
fn a_few_calls_in_chinese() {
    let mut list = sheet(few_calls());
    list.filter = Some("服务顾问：王丽、李娜".into());
    let text = print("call-sheet-zh", &list, Language::ZhCn);
    assert_contains(
        &text,
        &[
            "北京华通一汽-大众特约服务站",
            "回访电话单",
            "回访日期 2026-11-23",
            "回访员 张敏",
            "共 4 通",
            "筛选",
            "服务顾问：王丽、李娜",
            "打印时间 2026-11-22 10:30",
            "第 1 / 1 页",
            // Every call: customer, phone (as dialled), plate, model, advisor, handover.
            "王建国",
            "138 1234 5678",
            "京A12345",
            "迈腾 2019款 330TSI",
            "李娜",
            "刘芳",
            "139 9876 5432",
            "京AD12345",
            "王丽",
            "陈志强",
            "150 1111 2222",
            "赵雪梅",
            "冀B8G888",
            "2026-11-21",
            "40000公里常规保养",
            // The call to make again, and the one past its window.
            "第2次 · 上次：无人接听 · 回拨 15:30",
            "已过回访期",
            // The boxes and the legend.
            "结果",
            "S1",
            "A8",
            "F7",
            "整体准备工作",
            "预约时间安排合理",
            "解释将要进行的工作",
            "客户友好度 16%",
            "产品问题 21%",
            "总体满意度",
            "是否愿意向亲友推荐本店",
            "1 接通",
            "2 无人接听",
            "6 约定回电",
            "评分 1–5，5 = 非常满意；推荐 1 = 是，0 = 否",
            "备注",
        ],
    );
    // The calls in the list's order, each block with its row number, the one on the screen.
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let blocks = [("王建国", "3"), ("刘芳", "7"), ("陈志强", "12"), ("赵雪梅", "15")];
    let starts: Vec<usize> = blocks
        .iter()
        .map(|(name, _)| tokens.iter().position(|t| t == name).unwrap_or_else(|| panic!("{name} is missing")))
        .chain([tokens.len()])
        .collect();
    assert!(starts.is_sorted(), "the calls are out of order: {starts:?}");
    for (i, (name, row)) in blocks.iter().enumerate() {
        let block = &tokens[starts[i]..starts[i + 1]];
        assert!(block.contains(row), "no row number {row} in the block of {name}: {block:?}");
    }
    assert!(!text.contains("Follow-up"), "English on the Chinese sheet:\n{text}");
}

#[test]
fn a_few_calls_in_english() {
    let mut list = sheet(few_calls());
    list.caller = None;
    let text = print("call-sheet-en", &list, Language::En);
    assert_contains(
        &text,
        &[
            "北京华通一汽-大众特约服务站",
            "Follow-up call sheet",
            "Date 2026-11-23",
            "All callers",
            "4 calls",
            "Printed 2026-11-22 10:30",
            "Page 1 / 1",
            "王建国",
            "138 1234 5678",
            "京A12345",
            "Service advisor",
            "李娜",
            "刘芳",
            "京AD12345",
            "陈志强",
            "赵雪梅",
            "Handed over",
            "2026-11-21",
            // On an all-callers sheet each call names its caller.
            "Caller 张敏 · attempt 2 · last: No answer · call back 15:30",
            "past its window",
            "Outcome",
            "Overall preparation",
            "Appointment time reasonably arranged",
            "Understanding the vehicle's problem",
            "Customer friendliness 16%",
            "Vehicle pick-up 15%",
            "Overall satisfaction",
            "Would recommend us",
            "1 Reached",
            "4 Wrong number",
            "6 Call back",
            "Scores 1–5, 5 = very satisfied; recommend 1 = yes, 0 = no",
            "Note",
        ],
    );
    assert!(!text.contains("回访电话单"), "Chinese labels on the English sheet:\n{text}");
}

/// Sixty calls with distinct plates, the rows numbered as the screen numbers them.
fn sixty_calls() -> Vec<FollowUpCall> {
    const SURNAMES: [&str; 10] = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"];
    const GIVEN: [&str; 6] = ["建国", "芳", "志强", "雪梅", "伟", "秀英"];
    const WORK: [&str; 3] = [
        "常规保养（更换机油、机滤）",
        "更换前刹车片及刹车盘，四轮定位",
        "空调不制冷检查，补充冷媒；更换空调滤清器",
    ];
    (1..=60)
        .map(|n: u32| {
            let i = n as usize;
            let mut c = call(
                n,
                &format!("{}{}", SURNAMES[i % 10], GIVEN[i % 6]),
                &format!("139{:08}", n * 7919),
                Some(&format!("京N{n:05}")),
                "一汽-大众 速腾 2020款 280TSI",
                WORK[i % 3],
                if n.is_multiple_of(2) { "王丽" } else { "李娜" },
            );
            if n.is_multiple_of(5) {
                c.attempts = 2;
                c.last_outcome = Some(Outcome::Busy);
            }
            c
        })
        .collect()
}

#[test]
fn sixty_calls_run_over_pages_each_with_the_head() {
    let mut list = sheet(sixty_calls());
    list.filter = Some("advisor: 王丽".into());
    for (language, name) in [(Language::ZhCn, "call-sheet-60-zh"), (Language::En, "call-sheet-60-en")] {
        let text = print(name, &list, language);
        let pages = pages(&text);
        let count = pages.len();
        assert!(count >= 3, "{name}: 60 calls on {count} pages");
        let (title, date, caller, footer, legend) = match language {
            Language::ZhCn => {
                ("回访电话单", "回访日期 2026-11-23", "回访员 张敏", "第 {p} / {n} 页", "整体准备工作")
            }
            Language::En => (
                "Follow-up call sheet",
                "Date 2026-11-23",
                "Caller 张敏",
                "Page {p} / {n}",
                "Overall preparation",
            ),
        };
        let mut last_seen = 0;
        for (i, page) in pages.iter().enumerate() {
            let page = squash(page);
            let footer =
                squash(&footer.replace("{p}", &(i + 1).to_string()).replace("{n}", &count.to_string()));
            assert_eq!(page.matches(&squash(title)).count(), 1, "{name}: page {} has no single title", i + 1);
            // The dealership heads the page and signs the footer.
            assert_eq!(page.matches("北京华通一汽-大众特约服务站").count(), 2, "{name}: page {}", i + 1);
            for needle in [date, caller, "advisor:王丽", &footer, legend, "S1", "F7"] {
                assert!(page.contains(&squash(needle)), "{name}: page {} has no {needle:?}", i + 1);
            }
            // Whole blocks, in order, none twice.
            let rows: Vec<u32> = (1..=60).filter(|n| page.contains(&format!("京N{n:05}"))).collect();
            assert!(!rows.is_empty(), "{name}: page {} has no calls", i + 1);
            assert_eq!(rows[0], last_seen + 1, "{name}: a call skipped or repeated before page {}", i + 1);
            assert_eq!(rows.len() as u32, rows[rows.len() - 1] - rows[0] + 1, "{name}: page {}", i + 1);
            for &n in &rows {
                assert_eq!(page.matches(&format!("京N{n:05}")).count(), 1, "{name}: call {n} split or twice");
            }
            last_seen = rows[rows.len() - 1];
        }
        assert_eq!(last_seen, 60, "{name}: not every call was printed");
        println!("{name}: {count} pages");
    }
}

#[test]
fn long_texts_are_cut_to_their_room() {
    let work = "更换左前轮轴承及油封，检查转向节与制动盘跳动量，必要时一并更换；".repeat(40);
    let mut long = call(
        1,
        "北京某某汽车租赁有限公司第三分公司车队管理部",
        "13812345678",
        Some("京A12345"),
        "一汽-大众 迈腾 2019款 330TSI 豪华型 旗舰版 四驱 尊贵套装 运动外观 全景天窗 加长轴距版本",
        &work,
        "李娜",
    );
    long.advisor_name = "欧阳".repeat(30);
    let mut english = long.clone();
    english.row = 2;
    english.work_done =
        "Replace the front wheel bearing and seal, check the steering knuckle and disc run-out; ".repeat(30)
            + "THE-END";
    let list = sheet(vec![long, english]);
    for language in [Language::ZhCn, Language::En] {
        let name = format!("call-sheet-long-{language:?}");
        let text = print(&name, &list, language);
        assert_contains(
            &text,
            &["更换左前轮轴承及油封", "Replace the front wheel bearing", "…", "138 1234 5678"],
        );
        assert!(!text.contains("THE-END"), "{name}: the work done was not cut:\n{text}");
        // At most two lines of work done each: the repeated phrase is cut short.
        let shown = squash(&text).matches("更换左前轮轴承").count();
        assert!((1..=6).contains(&shown), "{name}: {shown} repeats of the work done shown");
        assert_eq!(pages(&text).len(), 1, "{name}: two calls fill one page");
    }
}

#[test]
fn an_empty_list_says_there_are_no_calls() {
    let list = sheet(Vec::new());
    let zh = print("call-sheet-empty-zh", &list, Language::ZhCn);
    assert_contains(
        &zh,
        &["回访电话单", "回访日期 2026-11-23", "共 0 通", "这份清单上没有回访电话。", "第 1 / 1 页"],
    );
    let en = print("call-sheet-empty-en", &list, Language::En);
    assert_contains(
        &en,
        &["Follow-up call sheet", "0 calls", "There are no calls on this list.", "Page 1 / 1"],
    );
}

#[test]
fn a_character_the_font_lacks_fails_the_sheet() {
    let mut calls = few_calls();
    calls[1].work_done = "洗车 😀".into();
    match call_sheet(fonts(), &sheet(calls), &head(Language::ZhCn)) {
        Err(PrintError::MissingGlyph { ch }) => assert_eq!(ch, '😀'),
        other => panic!("expected a missing glyph, got {:?}", other.map(|b| b.len())),
    }
}
