//! The campaign papers and the proactive-care call sheets, printed in both
//! languages and read back as text: the invitation call sheet, the plan and
//! budget (the seed's September plan, whose lines add up to 13,128 and not the
//! 11,000 it wrote), the lottery record and the care lists; long lists over
//! several pages, each headed; empty lists; a character the font lacks.

mod support;

use caredesk_domain::Fen;
use caredesk_domain::campaign::{
    self, Activity, ActivityKind, Arrival, BudgetLineInput, Campaign, CampaignId, CampaignStatus, Draw,
    Invitation, InvitationId, Prize, PrizeId, Rsvp, Segment, Turnout,
};
use caredesk_domain::care::{CareCall, CareCallId, CareKind};
use caredesk_domain::follow_up::{CallStatus, Due, Outcome};
use caredesk_domain::{CustomerId, StaffId, VehicleId};
use caredesk_print::{
    Language, Letterhead, PrintError, campaign_budget, care_sheet, invitation_sheet, lottery_record, money,
};
use chrono::{FixedOffset, NaiveDate, TimeZone};
use support::{assert_contains, at, fonts, head, instant, pages, read_back, squash};

/// The papers stay small: a font subset, not the font.
const SIZE_LIMIT: usize = 400 * 1024;
const DEALERSHIP: &str = "北京华通一汽-大众特约服务站";

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("a valid date")
}

fn line(item: &str, quantity_centi: i64, unit_price: i64) -> BudgetLineInput {
    BudgetLineInput {
        item: item.into(),
        quantity_centi,
        unit_price: Fen(unit_price),
        actual_quantity_centi: None,
        actual_unit_price: None,
        note: String::new(),
    }
}

/// The seed's plan "随心驾驭，安全随行" before the National Day holiday, its
/// budget lines as the seed wrote them, the amounts computed by the domain.
fn september() -> Campaign {
    let lines = vec![
        line("应急包", 100, 250_000),
        line("油费（1.9 元 × 2 × 7 × 8 × 10）", 112_000, 190),
        line("门票", 2_000, 20_000),
        line("餐费", 10_000, 2_000),
        line("零食", 100, 100_000),
        line("导游", 600, 20_000),
        line("其他", 100, 30_000),
    ];
    let activity = |kind, title: &str, notes: &str| Activity {
        kind,
        title: title.into(),
        at: None,
        notes: notes.into(),
    };
    Campaign {
        id: CampaignId(1),
        theme: "随心驾驭，安全随行".into(),
        starts_on: day(9, 26),
        ends_on: day(9, 27),
        venue: "本店客户休息区及售后车间".into(),
        background: "国庆七天长假，自驾出游成为时尚；面向本品牌车主及潜在客户。".into(),
        objectives: "节前集客；提升品牌形象；促进销售沟通。".into(),
        status: CampaignStatus::Planned,
        next_statuses: CampaignStatus::Planned.next(),
        activities: vec![
            Activity {
                at: Some(at(2026, 9, 26, 9, 30)),
                ..activity(ActivityKind::Lecture, "安全驾驶讲座", "")
            },
            activity(ActivityKind::DiyChallenge, "自己动手排除小故障", "5–8 分钟，技师协助，奖励约 20 名"),
            activity(ActivityKind::Lottery, "抽奖", "30 个球，每位客户抽一次"),
            activity(ActivityKind::Trip, "自驾游", ""),
        ],
        prizes: vec![
            Prize {
                id: PrizeId(1),
                name: "1000 元保养工时卡".into(),
                stock: 2,
                drawn: 1,
                unit_value: Fen(100_000),
            },
            Prize {
                id: PrizeId(2),
                name: "1000 元精品".into(),
                stock: 2,
                drawn: 0,
                unit_value: Fen(100_000),
            },
            Prize {
                id: PrizeId(3), name: "车载应急包".into(), stock: 26, drawn: 2, unit_value: Fen(8_800)
            },
        ],
        budget: campaign::budget(&lines),
        budget_lines: lines,
        segment: Segment::default(),
        attribution_days: 30,
        created_by: "周经理".into(),
        turnout: Turnout::default(),
        updated_at: chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap(),
    }
}

fn guest(row: u32, name: &str, mobile: &str, plate: Option<&str>, model: Option<&str>) -> Invitation {
    Invitation {
        id: InvitationId(i64::from(row)),
        row,
        customer_id: CustomerId(i64::from(row) + 100),
        customer_name: name.into(),
        mobile: mobile.into(),
        vehicle_id: plate.map(|_| VehicleId(i64::from(row) + 200)),
        plate: plate.map(str::to_owned),
        vehicle_label: model.map(str::to_owned),
        arrival: Arrival::Invited,
        rsvp: Rsvp::Pending,
        rsvp_by: None,
        rsvp_at: None,
        rsvp_note: String::new(),
        checked_in_at: None,
        checked_in_by: None,
        prize: None,
    }
}

/// Four guests: one not asked yet, one who said maybe, one not reached, one without a car on file.
fn guests() -> Vec<Invitation> {
    let mut guests = vec![
        guest(1, "王建国", "13812345678", Some("京A12345"), Some("一汽-大众 迈腾 2019款 330TSI")),
        guest(2, "刘芳", "13998765432", Some("京AD12345"), Some("一汽-大众 ID.4 CROZZ")),
        guest(5, "陈志强", "15011112222", Some("冀B8G888"), Some("奥迪 A4L 2021款 40 TFSI")),
        guest(9, "赵雪梅", "18633334444", None, None),
    ];
    guests[1].rsvp = Rsvp::Maybe;
    guests[1].rsvp_note = "要看国庆是否出差，周四再联系".into();
    guests[2].rsvp = Rsvp::NotReached;
    guests
}

fn print_invitations(name: &str, campaign: &Campaign, guests: &[Invitation], language: Language) -> String {
    let pdf =
        invitation_sheet(fonts(), campaign, guests, &head(language)).expect("print the invitation sheet");
    check_pdf(name, &pdf)
}

#[track_caller]
fn check_pdf(name: &str, pdf: &[u8]) -> String {
    assert!(pdf.starts_with(b"%PDF-"), "{name} is not a PDF");
    assert!(pdf.len() < SIZE_LIMIT, "{name} is {} bytes", pdf.len());
    read_back(name, pdf)
}

#[test]
fn the_invitation_sheet_in_chinese() {
    let text = print_invitations("invitations-zh", &september(), &guests(), Language::ZhCn);
    assert_contains(
        &text,
        &[
            DEALERSHIP,
            "活动邀约电话单",
            "随心驾驭，安全随行",
            "活动日期 2026-09-26 至 2026-09-27",
            "共 4 位",
            "活动地点 本店客户休息区及售后车间",
            "话术",
            "诚邀您参加“随心驾驭，安全随行”活动，时间 2026-09-26 至 2026-09-27，地点 本店客户休息区及售后车间。",
            // Every guest: name, phone as dialled, plate, model, the answer so far.
            "王建国",
            "138 1234 5678",
            "京A12345",
            "迈腾 2019款 330TSI",
            "刘芳",
            "139 9876 5432",
            "京AD12345",
            "陈志强",
            "150 1111 2222",
            "冀B8G888",
            "赵雪梅",
            "186 3333 4444",
            "当前回复 待邀约",
            "当前回复 待定",
            "回复备注 要看国庆是否出差，周四再联系",
            "当前回复 未联系上",
            // The boxes and their legend.
            "客户回复（在对应框内打勾）",
            "参加 确认参加",
            "不参加 婉拒",
            "待定 尚未决定，约好再联系",
            "未接通 无人接听、占线或号码错误",
            "备注",
            "打印时间 2026-11-22 10:30",
            "第 1 / 1 页",
        ],
    );
    // The guests in the list's order, each block with its row number, the one on the screen.
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let blocks = [("王建国", "1"), ("刘芳", "2"), ("陈志强", "5"), ("赵雪梅", "9")];
    let starts: Vec<usize> = blocks
        .iter()
        .map(|(name, _)| tokens.iter().position(|t| t == name).unwrap_or_else(|| panic!("{name} is missing")))
        .chain([tokens.len()])
        .collect();
    assert!(starts.is_sorted(), "the guests are out of order: {starts:?}");
    for (i, (name, row)) in blocks.iter().enumerate() {
        let block = &tokens[starts[i]..starts[i + 1]];
        assert!(block.contains(row), "no row number {row} in the block of {name}: {block:?}");
    }
    assert!(!text.contains("Event invitation"), "English on the Chinese sheet:\n{text}");
}

#[test]
fn the_invitation_sheet_in_english() {
    let mut guests = guests();
    // Printed during the event: a walk-in guest checked in and drawn a prize.
    guests[3].arrival = Arrival::WalkIn;
    guests[3].checked_in_at = Some(instant(at(2026, 9, 26, 9, 12)));
    guests[3].prize = Some("车载应急包".into());
    let text = print_invitations("invitations-en", &september(), &guests, Language::En);
    assert_contains(
        &text,
        &[
            DEALERSHIP,
            "Event invitation call sheet",
            "随心驾驭，安全随行",
            "Dates 2026-09-26 to 2026-09-27",
            "4 guests",
            "Venue 本店客户休息区及售后车间",
            "Script",
            "We would like to invite you to 随心驾驭，安全随行 on 2026-09-26 to 2026-09-27 at 本店客户休息区及售后车间.",
            "王建国",
            "138 1234 5678",
            "京A12345",
            "刘芳",
            "京AD12345",
            "陈志强",
            "冀B8G888",
            "赵雪梅",
            "Answer so far Not asked yet",
            "Answer so far Maybe",
            "Answer so far Not reached",
            "Walk-in guest · checked in 2026-09-26 09:12 · prize: 车载应急包",
            "The customer's answer (tick one box)",
            "Yes will come",
            "No declines",
            "Maybe undecided: call again",
            "Not reached no answer, busy or wrong number",
            "Printed 2026-11-22 10:30",
            "Page 1 / 1",
        ],
    );
    assert!(!text.contains("活动邀约电话单"), "Chinese labels on the English sheet:\n{text}");
}

#[test]
fn without_a_venue_the_script_says_none() {
    let mut campaign = september();
    campaign.venue = String::new();
    campaign.ends_on = campaign.starts_on;
    let text = print_invitations("invitations-no-venue", &campaign, &guests(), Language::ZhCn);
    assert_contains(&text, &["诚邀您参加“随心驾驭，安全随行”活动，时间 2026-09-26。", "活动日期 2026-09-26"]);
    assert!(!squash(&text).contains("地点"), "a venue line without a venue:\n{text}");
}

/// `n` guests with distinct plates, numbered as the screen numbers them.
fn many_guests(n: u32) -> Vec<Invitation> {
    const SURNAMES: [&str; 10] = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"];
    const GIVEN: [&str; 6] = ["建国", "芳", "志强", "雪梅", "伟", "秀英"];
    (1..=n)
        .map(|row| {
            let i = row as usize;
            let mut g = guest(
                row,
                &format!("{}{}", SURNAMES[i % 10], GIVEN[i % 6]),
                &format!("139{:08}", row * 7919),
                Some(&format!("京N{row:05}")),
                Some("一汽-大众 速腾 2020款 280TSI"),
            );
            if row.is_multiple_of(4) {
                g.rsvp = Rsvp::Maybe;
                g.rsvp_note = "下周再联系".into();
            }
            g
        })
        .collect()
}

/// Each page of a long list: `once` (the title, the day) once, the dealership
/// twice (head and footer), every needle, "page x / N", and whole blocks in order (marked by
/// their plates `京Nnnnnn`), none twice. Returns the page count.
#[track_caller]
fn check_list_pages(name: &str, text: &str, n: u32, once: &str, needles: &[&str], footer: &str) -> usize {
    let pages = pages(text);
    let count = pages.len();
    assert!(count >= 3, "{name}: {n} entries on {count} pages");
    let mut last_seen = 0;
    for (i, page) in pages.iter().enumerate() {
        let page = squash(page);
        let footer = squash(&footer.replace("{p}", &(i + 1).to_string()).replace("{n}", &count.to_string()));
        assert_eq!(page.matches(&squash(once)).count(), 1, "{name}: page {} has no single {once:?}", i + 1);
        assert_eq!(page.matches(DEALERSHIP).count(), 2, "{name}: page {}", i + 1);
        for needle in needles.iter().copied().chain([footer.as_str()]) {
            assert!(page.contains(&squash(needle)), "{name}: page {} has no {needle:?}", i + 1);
        }
        let rows: Vec<u32> = (1..=n).filter(|r| page.contains(&format!("京N{r:05}"))).collect();
        assert!(!rows.is_empty(), "{name}: page {} has none of the list", i + 1);
        assert_eq!(rows[0], last_seen + 1, "{name}: an entry skipped or repeated before page {}", i + 1);
        assert_eq!(rows.len() as u32, rows[rows.len() - 1] - rows[0] + 1, "{name}: page {}", i + 1);
        for &r in &rows {
            assert_eq!(page.matches(&format!("京N{r:05}")).count(), 1, "{name}: entry {r} split or twice");
        }
        last_seen = rows[rows.len() - 1];
    }
    assert_eq!(last_seen, n, "{name}: not every entry was printed");
    count
}

#[test]
fn a_long_invitation_list_runs_over_pages_each_with_the_head() {
    let guests = many_guests(60);
    let campaign = september();
    let zh = print_invitations("invitations-60-zh", &campaign, &guests, Language::ZhCn);
    let pages = check_list_pages(
        "invitations-60-zh",
        &zh,
        60,
        "活动邀约电话单",
        &["随心驾驭，安全随行", "2026-09-26 至 2026-09-27", "本店客户休息区及售后车间", "共 60 位", "未接通"],
        "第 {p} / {n} 页",
    );
    println!("invitations-60-zh: {pages} pages");
    let en = print_invitations("invitations-60-en", &campaign, &guests, Language::En);
    check_list_pages(
        "invitations-60-en",
        &en,
        60,
        "Event invitation call sheet",
        &[
            "随心驾驭，安全随行",
            "2026-09-26 to 2026-09-27",
            "本店客户休息区及售后车间",
            "60 guests",
            "Not reached",
        ],
        "Page {p} / {n}",
    );
}

#[test]
fn an_empty_invitation_list_says_so() {
    let zh = print_invitations("invitations-empty-zh", &september(), &[], Language::ZhCn);
    assert_contains(
        &zh,
        &["活动邀约电话单", "随心驾驭，安全随行", "共 0 位", "这份名单上没有邀约客户。", "第 1 / 1 页"],
    );
    let en = print_invitations("invitations-empty-en", &september(), &[], Language::En);
    assert_contains(
        &en,
        &["Event invitation call sheet", "0 guests", "There are no guests on this list.", "Page 1 / 1"],
    );
}

#[test]
fn long_texts_on_the_invitation_sheet_are_cut_to_their_room() {
    let mut campaign = september();
    campaign.theme = "随心驾驭安全随行国庆长假自驾出游客户关怀主题活动".repeat(3);
    campaign.venue = "北京市朝阳区东三环北路甲十九号华通汽车服务园区二号楼一层客户休息区及售后车间".repeat(3);
    let mut guests = guests();
    guests[0].customer_name = "北京某某汽车租赁有限公司第三分公司车队管理部".repeat(2);
    guests[0].vehicle_label =
        Some("一汽-大众 迈腾 2019款 330TSI 豪华型 旗舰版 四驱 尊贵套装 运动外观 全景天窗".repeat(2));
    guests[1].rsvp_note = "客户说国庆期间可能要出差，也可能带家人回老家，".repeat(10) + "THE-END";
    for language in [Language::ZhCn, Language::En] {
        let name = format!("invitations-long-{language:?}");
        let text = print_invitations(&name, &campaign, &guests, language);
        assert_contains(&text, &["…", "北京某某汽车租赁", "客户说国庆期间可能要出差", "138 1234 5678"]);
        assert!(!text.contains("THE-END"), "{name}: the note was not cut:\n{text}");
        assert_eq!(pages(&text).len(), 1, "{name}: four guests fill one page");
    }
}

#[test]
fn the_budget_in_chinese_computes_every_line() {
    let campaign = september();
    assert_eq!(money(campaign.budget.planned), "¥13,128.00");
    let pdf = campaign_budget(fonts(), &campaign, &head(Language::ZhCn)).expect("print the budget");
    let text = check_pdf("budget-zh", &pdf);
    assert_contains(
        &text,
        &[
            DEALERSHIP,
            "活动方案与预算",
            "活动主题 随心驾驭，安全随行",
            "状态 已批准",
            "活动日期 2026-09-26 至 2026-09-27",
            "活动地点 本店客户休息区及售后车间",
            "活动背景",
            "国庆七天长假，自驾出游成为时尚",
            "活动目标",
            "节前集客；提升品牌形象；促进销售沟通。",
            "活动内容",
            "讲座 安全驾驶讲座 2026-09-26 09:30",
            "DIY 挑战 自己动手排除小故障",
            "5–8 分钟，技师协助",
            "自驾游",
            "奖品",
            "1000 元保养工时卡 2 1 ¥1,000.00 ¥2,000.00",
            "车载应急包 26 2 ¥88.00 ¥2,288.00",
            "合计 30 3 ¥6,288.00",
            "费用预算",
            "项目",
            "预算金额",
            "实际金额",
            // Every line quantity × unit price = amount; the total is their sum.
            "应急包 1 ¥2,500.00 ¥2,500.00",
            "1120 ¥1.90 ¥2,128.00",
            "门票 20 ¥200.00 ¥4,000.00",
            "餐费 100 ¥20.00 ¥2,000.00",
            "零食 1 ¥1,000.00 ¥1,000.00",
            "导游 6 ¥200.00 ¥1,200.00",
            "其他 1 ¥300.00 ¥300.00",
            "合计 ¥13,128.00",
            "尚无实际发生数",
            "编制人",
            "审批人",
            "日期",
            "打印时间 2026-11-22 10:30",
            "第 1 / 1 页",
        ],
    );
    assert!(!text.contains("11,000"), "the seed's wrong total:\n{text}");
}

#[test]
fn the_budget_in_english_with_actual_amounts_side_by_side() {
    let mut campaign = september();
    // 1000 litres at the planned 1.90; 20 tickets at 180.
    campaign.budget_lines[1].actual_quantity_centi = Some(100_000);
    campaign.budget_lines[2].actual_unit_price = Some(Fen(18_000));
    campaign.budget_lines[2].note = "团购价".into();
    campaign.budget = campaign::budget(&campaign.budget_lines);
    assert_eq!(money(campaign.budget.actual), "¥12,500.00");
    let pdf = campaign_budget(fonts(), &campaign, &head(Language::En)).expect("print the budget");
    let text = check_pdf("budget-en", &pdf);
    assert_contains(
        &text,
        &[
            "Campaign plan and budget",
            "Theme 随心驾驭，安全随行",
            "Status Planned",
            "Dates 2026-09-26 to 2026-09-27",
            "Background",
            "Objectives",
            "Activities",
            "Lecture",
            "DIY challenge",
            "Self-drive trip",
            "Prizes",
            "Stock",
            "Drawn",
            "Unit value",
            "Budget",
            "Actual amount",
            // Planned and actual side by side: the one not given is as planned.
            "1120 ¥1.90 ¥2,128.00 1000 ¥1.90 ¥1,900.00",
            "20 ¥200.00 ¥4,000.00 20 ¥180.00 ¥3,600.00 团购价",
            "Total ¥13,128.00 ¥12,500.00",
            "2 of 7 lines have actual amounts",
            "Prepared by",
            "Approved by",
            "Page 1 / 1",
        ],
    );
    assert!(!text.contains("活动方案与预算"), "Chinese labels on the English paper:\n{text}");
}

#[test]
fn a_long_budget_runs_over_pages_each_with_the_running_head() {
    let mut campaign = september();
    campaign.budget_lines =
        (1..=90).map(|n| line(&format!("ITEM-{n:02} 物料"), i64::from(n) * 150, 12_345)).collect();
    campaign.budget = campaign::budget(&campaign.budget_lines);
    for language in [Language::ZhCn, Language::En] {
        let name = format!("budget-long-{language:?}");
        let pdf = campaign_budget(fonts(), &campaign, &head(language)).expect("print the budget");
        let text = check_pdf(&name, &pdf);
        let pages = pages(&text);
        assert!(pages.len() >= 3, "{name}: 90 lines on {} pages", pages.len());
        let (title, header) = match language {
            Language::ZhCn => ("活动方案与预算", "预算金额"),
            Language::En => ("Campaign plan and budget", "Actual amount"),
        };
        let mut seen = Vec::new();
        for (i, page) in pages.iter().enumerate() {
            let page = squash(page);
            assert!(page.contains(&squash(title)), "{name}: page {} has no title", i + 1);
            assert!(page.contains("随心驾驭，安全随行"), "{name}: page {} has no theme", i + 1);
            assert_eq!(page.matches(DEALERSHIP).count(), 2, "{name}: page {}", i + 1);
            seen.extend((1..=90).filter(|n| page.contains(&format!("ITEM-{n:02}"))));
            if i > 0 && i + 1 < pages.len() {
                assert!(page.contains(&squash(header)), "{name}: page {} has no table header", i + 1);
            }
        }
        assert_eq!(seen, (1..=90).collect::<Vec<_>>(), "{name}: lines missing, repeated or out of order");
        assert!(squash(&text).contains(&squash(&money(campaign.budget.planned))), "{name}: no total");
    }
}

fn draws(n: u32) -> Vec<Draw> {
    const NAMES: [&str; 5] = ["王建国", "刘芳", "陈志强", "赵雪梅", "李伟"];
    const PRIZES: [(i64, &str); 3] = [(1, "1000 元保养工时卡"), (2, "1000 元精品"), (3, "车载应急包")];
    (1..=n)
        .map(|i| {
            let (prize_id, prize_name) = PRIZES[(i as usize * 7) % 3];
            Draw {
                id: i64::from(i),
                at: instant(at(2026, 9, 26, 10 + i / 60, i % 60)),
                invitation_id: InvitationId(i64::from(i)),
                customer_name: format!(
                    "{}{}",
                    NAMES[i as usize % 5],
                    if n > 5 { format!("-{i:03}") } else { String::new() }
                ),
                prize_id: PrizeId(prize_id),
                prize_name: prize_name.into(),
                operator: "张敏".into(),
            }
        })
        .collect()
}

fn after_the_event(language: Language) -> Letterhead {
    let offset = FixedOffset::east_opt(8 * 3600).expect("a valid offset");
    let now = offset.from_local_datetime(&at(2026, 9, 27, 17, 45)).single().expect("unambiguous");
    Letterhead::new(DEALERSHIP, language, now)
}

#[test]
fn the_lottery_record_lists_every_draw() {
    let mut campaign = september();
    campaign.status = CampaignStatus::Running;
    let draws = draws(3);
    let zh = check_pdf(
        "lottery-zh",
        &lottery_record(fonts(), &campaign, &draws, &after_the_event(Language::ZhCn)).expect("print"),
    );
    assert_contains(
        &zh,
        &[
            DEALERSHIP,
            "抽奖记录",
            "活动主题 随心驾驭，安全随行",
            "状态 进行中",
            "抽奖明细 · 共 3 次",
            // Local times: drawn at 10:01 Beijing time, kept as 02:01 UTC.
            "1 2026-09-26 10:01 刘芳 1000 元精品 张敏",
            "2 2026-09-26 10:02 陈志强 车载应急包 张敏",
            "3 2026-09-26 10:03 赵雪梅 1000 元保养工时卡 张敏",
            "奖品发放情况",
            "单价",
            "数量",
            "已抽出",
            "剩余",
            "1000 元保养工时卡 ¥1,000.00 2 1 1",
            "1000 元精品 ¥1,000.00 2 0 2",
            "车载应急包 ¥88.00 26 2 24",
            "合计 30 3 27",
            "抽奖操作人",
            "监督人",
            "打印时间 2026-09-27 17:45",
            "第 1 / 1 页",
        ],
    );
    let en = check_pdf(
        "lottery-en",
        &lottery_record(fonts(), &campaign, &draws, &after_the_event(Language::En)).expect("print"),
    );
    assert_contains(
        &en,
        &[
            "Lottery record",
            "Status Running",
            "Draws · 3 draws",
            "1 2026-09-26 10:01 刘芳 1000 元精品 张敏",
            "Prizes given",
            "Stock",
            "Drawn",
            "Left",
            "Total 30 3 27",
            "Operator",
            "Witness",
            "Page 1 / 1",
        ],
    );
    assert!(!en.contains("抽奖记录"), "Chinese labels on the English paper:\n{en}");
}

#[test]
fn a_long_lottery_record_runs_over_pages_and_an_empty_one_says_so() {
    let draws = draws(150);
    let text = check_pdf(
        "lottery-150",
        &lottery_record(fonts(), &september(), &draws, &after_the_event(Language::ZhCn)).expect("print"),
    );
    let pages = pages(&text);
    assert!(pages.len() >= 3, "150 draws on {} pages", pages.len());
    let mut seen = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let page = squash(page);
        assert!(
            page.contains("抽奖记录") && page.contains("随心驾驭，安全随行"),
            "page {} has no head",
            i + 1
        );
        assert!(page.contains(&format!("第{}/{}页", i + 1, pages.len())), "page {} has no footer", i + 1);
        seen.extend((1..=150).filter(|n| page.contains(&format!("-{n:03}"))));
    }
    assert_eq!(seen, (1..=150).collect::<Vec<_>>(), "draws missing, repeated or out of order");

    let empty = check_pdf(
        "lottery-empty",
        &lottery_record(fonts(), &september(), &[], &after_the_event(Language::En)).expect("print"),
    );
    assert_contains(
        &empty,
        &["Lottery record", "Draws · 0 draws", "No draws yet.", "Prizes given", "Page 1 / 1"],
    );
}

fn care_call(row: u32, kind: CareKind, name: &str, mobile: &str, plate: &str, reason: &str) -> CareCall {
    CareCall {
        id: CareCallId(i64::from(row)),
        row,
        kind,
        customer_id: CustomerId(i64::from(row) + 100),
        customer_name: name.into(),
        mobile: mobile.into(),
        vehicle_id: Some(VehicleId(i64::from(row) + 200)),
        plate: Some(plate.into()),
        vehicle_label: Some("一汽-大众 迈腾 2019款 330TSI".into()),
        due_on: day(12, 1),
        reason: reason.into(),
        status: CallStatus::Open,
        due: Due::Due,
        next_on: day(11, 23),
        call_back_at: None,
        attempts: 0,
        last_outcome: None,
        last_note: String::new(),
        caller_id: Some(StaffId(9)),
        caller_name: Some("张敏".into()),
        may_work: true,
    }
}

/// 张敏's maintenance list on the 23rd: a call to make again at 15:30, one
/// whose occasion has passed, one without a vehicle on file.
fn maintenance_calls() -> Vec<CareCall> {
    let kind = CareKind::MaintenanceDue;
    let mut calls = vec![
        care_call(1, kind, "王建国", "13812345678", "京A12345", "建议保养 2026-12-01 / 50230 km"),
        care_call(4, kind, "刘芳", "13998765432", "京AD12345", "按平均行驶里程估算保养 2026-11-28"),
        care_call(6, kind, "陈志强", "15011112222", "冀B8G888", "建议保养 2026-11-15"),
    ];
    calls[0].attempts = 1;
    calls[0].last_outcome = Some(Outcome::CallBack);
    calls[0].call_back_at = Some(at(2026, 11, 23, 15, 30));
    calls[0].last_note = "客户在开会，下午再打".into();
    calls[2].due = Due::Overdue;
    calls[2].due_on = day(11, 15);
    calls[2].plate = None;
    calls[2].vehicle_label = None;
    calls
}

fn print_care(
    name: &str,
    kind: CareKind,
    caller: Option<&str>,
    calls: &[CareCall],
    language: Language,
) -> String {
    let pdf = care_sheet(fonts(), kind, day(11, 23), caller.map(str::to_owned), calls, &head(language))
        .expect("print the care sheet");
    check_pdf(name, &pdf)
}

#[test]
fn the_maintenance_list_in_chinese() {
    let text = print_care(
        "care-maintenance-zh",
        CareKind::MaintenanceDue,
        Some("张敏"),
        &maintenance_calls(),
        Language::ZhCn,
    );
    assert_contains(
        &text,
        &[
            DEALERSHIP,
            "保养到期提醒",
            "主动关怀电话单",
            "拨打日期 2026-11-23",
            "回访员 张敏 · 共 3 通",
            "王建国",
            "138 1234 5678",
            "京A12345",
            "迈腾 2019款 330TSI",
            "保养到期 2026-12-01",
            "事由 建议保养 2026-12-01 / 50230 km",
            "上次记录 客户在开会，下午再打",
            "第2次 · 上次：约定回电 · 回拨 15:30",
            "刘芳",
            "139 9876 5432",
            "按平均行驶里程估算保养 2026-11-28",
            "陈志强",
            "150 1111 2222",
            "保养到期 2026-11-15",
            "已过期",
            "通话结果（结果框填代码）",
            "1 接通",
            "2 无人接听",
            "3 占线",
            "4 号码错误",
            "5 客户拒绝",
            "6 约定回电",
            "结果",
            "备注",
            "打印时间 2026-11-22 10:30",
            "第 1 / 1 页",
        ],
    );
    assert!(!text.contains("Maintenance"), "English on the Chinese sheet:\n{text}");
}

#[test]
fn every_care_list_has_its_title_in_both_languages() {
    let titles = [
        (CareKind::MaintenanceDue, "保养到期提醒", "Maintenance due", "保养到期", "Service due"),
        (CareKind::InsuranceExpiring, "保险到期提醒", "Insurance expiring", "保险到期", "Insurance expires"),
        (CareKind::InspectionDue, "年检到期提醒", "Annual inspection due", "年检到期", "Inspection due"),
        (CareKind::Birthday, "本月生日问候", "Birthdays this month", "生日", "Birthday"),
        (CareKind::DeclinedWork, "未做维修项目回访", "Declined work", "交车日期", "Handed over"),
    ];
    for (kind, zh_title, en_title, zh_due, en_due) in titles {
        let calls =
            vec![care_call(3, kind, "赵雪梅", "18633334444", "冀B8G888", "前刹车片磨损至2毫米，建议更换")];
        let zh = print_care(&format!("care-{kind:?}-zh"), kind, None, &calls, Language::ZhCn);
        assert_contains(
            &zh,
            &[
                zh_title,
                "全部回访员 · 共 1 通",
                "赵雪梅",
                "186 3333 4444",
                "冀B8G888",
                &format!("{zh_due} 2026-12-01"),
                "前刹车片磨损至2毫米",
                "回访员 张敏",
            ],
        );
        let en = print_care(&format!("care-{kind:?}-en"), kind, None, &calls, Language::En);
        assert_contains(
            &en,
            &[
                en_title,
                "Proactive care call sheet",
                "All callers · 1 calls",
                "赵雪梅",
                "冀B8G888",
                &format!("{en_due} 2026-12-01"),
                "Reason",
                "Caller 张敏",
                "1 Reached",
                "6 Call back",
            ],
        );
    }
}

#[test]
fn a_long_care_list_runs_over_pages_and_an_empty_one_says_so() {
    let calls: Vec<CareCall> = (1..=60)
        .map(|n| {
            let mut c = care_call(
                n,
                CareKind::InsuranceExpiring,
                "李秀英",
                &format!("139{:08}", n * 7919),
                &format!("京N{n:05}"),
                "交强险到期",
            );
            if n.is_multiple_of(5) {
                c.attempts = 2;
                c.last_outcome = Some(Outcome::Busy);
            }
            c
        })
        .collect();
    let zh = print_care("care-60-zh", CareKind::InsuranceExpiring, Some("张敏"), &calls, Language::ZhCn);
    let pages = check_list_pages(
        "care-60-zh",
        &zh,
        60,
        "拨打日期 2026-11-23",
        &["保险到期", "回访员 张敏", "共 60 通", "1 接通", "6 约定回电"],
        "第 {p} / {n} 页",
    );
    println!("care-60-zh: {pages} pages");
    let en = print_care("care-60-en", CareKind::InsuranceExpiring, Some("张敏"), &calls, Language::En);
    check_list_pages(
        "care-60-en",
        &en,
        60,
        "Insurance expiring",
        &["Date 2026-11-23", "Insurance expires", "Caller 张敏", "60 calls", "1 Reached", "6 Call back"],
        "Page {p} / {n}",
    );

    let empty = print_care("care-empty-zh", CareKind::Birthday, None, &[], Language::ZhCn);
    assert_contains(&empty, &["本月生日问候", "共 0 通", "这份清单上没有要拨打的电话。", "第 1 / 1 页"]);
    let empty = print_care("care-empty-en", CareKind::Birthday, None, &[], Language::En);
    assert_contains(
        &empty,
        &["Birthdays this month", "0 calls", "There are no calls on this list.", "Page 1 / 1"],
    );
}

#[test]
fn a_long_reason_is_cut_to_two_lines() {
    let reason = "上次到店时发现前刹车片磨损至2毫米、后刹车盘有明显沟槽、左前减振器渗油，客户表示下次再修；"
        .repeat(8)
        + "THE-END";
    let calls = vec![care_call(1, CareKind::DeclinedWork, "王建国", "13812345678", "京A12345", &reason)];
    for language in [Language::ZhCn, Language::En] {
        let name = format!("care-long-{language:?}");
        let text = print_care(&name, CareKind::DeclinedWork, None, &calls, language);
        assert_contains(&text, &["上次到店时发现前刹车片磨损至2毫米", "…"]);
        assert!(!text.contains("THE-END"), "{name}: the reason was not cut:\n{text}");
        let shown = squash(&text).matches("上次到店时发现").count();
        assert!((1..=3).contains(&shown), "{name}: {shown} repeats of the reason shown");
    }
}

#[test]
fn a_character_the_font_lacks_fails_every_paper() {
    let expect_missing = |result: Result<Vec<u8>, PrintError>, what: &str| match result {
        Err(PrintError::MissingGlyph { ch }) => assert_eq!(ch, '😀', "{what}"),
        other => panic!("{what}: expected a missing glyph, got {:?}", other.map(|b| b.len())),
    };
    let head = head(Language::ZhCn);
    let mut guests = guests();
    guests[2].rsvp_note = "好的 😀".into();
    expect_missing(invitation_sheet(fonts(), &september(), &guests, &head), "invitation sheet");
    let mut campaign = september();
    campaign.budget_lines[3].item = "餐费 😀".into();
    campaign.budget = campaign::budget(&campaign.budget_lines);
    expect_missing(campaign_budget(fonts(), &campaign, &head), "budget");
    let mut draws = draws(3);
    draws[1].prize_name = "惊喜 😀".into();
    expect_missing(lottery_record(fonts(), &september(), &draws, &head), "lottery record");
    let mut calls = maintenance_calls();
    calls[1].reason = "生日快乐 😀".into();
    expect_missing(care_sheet(fonts(), CareKind::Birthday, day(11, 23), None, &calls, &head), "care sheet");
}
