//! Rendering a follow-up call sheet of 500 calls to PDF bytes, through
//! `call_sheet`, the function the print command calls. Run with
//! `cargo bench -p caredesk-print --bench call_sheet`. The font is loaded once,
//! outside the timing, as the app does at start-up. The calls are generated
//! deterministically: Chinese names, mobiles, plates from several provinces
//! (new-energy ones too), FAW-VW and Audi models, one to four items of work.
//! Prints the median, p95, the PDF's size and its page count; exits non-zero
//! when the median is over 300 ms or the PDF over 1.5 MB.

#[path = "../tests/support/mod.rs"]
mod support;

use std::process::Command;
use std::time::{Duration, Instant};

use caredesk_domain::follow_up::{CallStatus, Due, FollowUpCall, Outcome, Questionnaire};
use caredesk_domain::visit::VisitState;
use caredesk_domain::{CustomerId, FollowUpId, StaffId, VehicleId, VisitId};
use caredesk_print::{CallSheet, Fonts, Language, call_sheet};
use chrono::{Days, NaiveDate};

const CALLS: u32 = 500;
const RUNS: usize = 30;
const WARM_UP: usize = 3;
const TARGET_MEDIAN: Duration = Duration::from_millis(300);
const TARGET_SIZE: usize = 1536 * 1024;

const SURNAMES: [&str; 30] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何",
    "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "欧阳",
];
const GIVEN: [&str; 40] = [
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀兰", "霞", "平", "刚", "桂英", "建国", "志强", "雪梅", "海燕", "文博", "子涵", "浩然", "一鸣",
    "晓东", "思远", "佳怡", "俊杰", "婷婷", "宇航", "红霞", "国庆", "振华",
];
const PROVINCES: [&str; 10] = ["京", "津", "冀", "晋", "辽", "沪", "苏", "浙", "粤", "川"];
const MODELS: [&str; 12] = [
    "一汽-大众 迈腾 2019款 330TSI",
    "一汽-大众 速腾 2020款 280TSI",
    "一汽-大众 宝来 2021款 1.5L",
    "一汽-大众 探岳 2022款 330TSI 四驱",
    "一汽-大众 CC 2020款 380TSI",
    "一汽-大众 揽境 2023款 380TSI 四驱",
    "一汽-大众 ID.4 CROZZ 2022款 长续航",
    "一汽-大众 ID.6 CROZZ 2023款",
    "奥迪 A4L 2021款 40 TFSI",
    "奥迪 A6L 2022款 45 TFSI quattro",
    "奥迪 Q5L 2023款 40 TFSI",
    "奥迪 Q4 e-tron 2022款",
];
const WORK: [&str; 16] = [
    "常规保养（更换机油、机滤）",
    "40000公里保养（更换机油、机滤、空气滤、空调滤，检查底盘）",
    "更换前刹车片",
    "更换前刹车盘及刹车片（双侧）",
    "四轮定位及动平衡",
    "空调不制冷检查，补充冷媒",
    "更换空调滤清器（活性炭）",
    "冷车启动异响检查：检查正时链条张紧器并路试",
    "更换雨刮片（前，一对）",
    "更换蓄电池",
    "高压电池健康检查",
    "更换火花塞（四只）",
    "右后门钣金喷漆",
    "变速箱油更换",
    "轮胎换位，补胎一条",
    "召回：更新发动机控制单元软件",
];
const ADVISORS: [&str; 6] = ["李娜", "王丽", "陈刚", "赵强", "孙悦", "周杰"];

/// A small deterministic generator (SplitMix64), so every run prints the same list.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

fn plate(dice: &mut Dice) -> String {
    const LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
    const ALNUM: &[u8] = b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    let province = dice.pick(&PROVINCES);
    let city = LETTERS[dice.below(LETTERS.len())] as char;
    if dice.below(5) == 0 {
        // A new-energy plate: D (electric) or F (hybrid) and five digits.
        let kind = if dice.below(2) == 0 { 'D' } else { 'F' };
        format!("{province}{city}{kind}{:05}", dice.below(100_000))
    } else {
        let tail: String = (0..5).map(|_| ALNUM[dice.below(ALNUM.len())] as char).collect();
        format!("{province}{city}{tail}")
    }
}

/// `n` calls of a busy day at a large dealership.
fn calls(n: u32, today: NaiveDate) -> Vec<FollowUpCall> {
    let mut dice = Dice(20_261_123);
    (1..=n)
        .map(|row| {
            let id = i64::from(row);
            let items = 1 + dice.below(4);
            let work: Vec<&str> = (0..items).map(|_| dice.pick(&WORK)).collect();
            let handed_over = today - Days::new(1 + dice.below(3) as u64);
            let attempts = [0, 0, 0, 1, 1, 2][dice.below(6)];
            let last_outcome =
                (attempts > 0).then(|| [Outcome::NoAnswer, Outcome::Busy, Outcome::CallBack][dice.below(3)]);
            let call_back_at = (last_outcome == Some(Outcome::CallBack))
                .then(|| today.and_hms_opt(9 + dice.below(9) as u32, [0, 15, 30, 45][dice.below(4)], 0))
                .flatten();
            FollowUpCall {
                id: FollowUpId(id),
                row,
                visit_id: VisitId(10_000 + id),
                visit_number: format!("{}-{row:03}", handed_over.format("%Y%m%d")),
                visit_state: VisitState::HandedOver,
                customer_id: CustomerId(20_000 + id),
                customer_name: format!("{}{}", dice.pick(&SURNAMES), dice.pick(&GIVEN)),
                mobile: format!("1{}{:09}", [3, 5, 8, 9][dice.below(4)], dice.next() % 1_000_000_000),
                vehicle_id: VehicleId(30_000 + id),
                plate: (dice.below(20) != 0).then(|| plate(&mut dice)),
                vehicle_label: dice.pick(&MODELS).to_owned(),
                work_done: work.join("\n"),
                advisor_id: StaffId(1 + dice.below(ADVISORS.len()) as i64),
                advisor_name: dice.pick(&ADVISORS).to_owned(),
                handed_over_on: handed_over,
                due_from: handed_over + Days::new(1),
                due_to: handed_over + Days::new(3),
                status: CallStatus::Open,
                due: Due::Due,
                next_on: today,
                call_back_at,
                attempts,
                last_outcome,
                caller_id: Some(StaffId(9)),
                caller_name: Some("张敏".into()),
                csi: None,
                complaint_id: None,
                may_work: true,
            }
        })
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

/// The page count as poppler's `pdfinfo` reads it, from the PDF kept under the target directory.
fn page_count(pdf: &[u8]) -> Option<usize> {
    let path = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("call-sheet-500-zh.pdf");
    std::fs::write(&path, pdf).ok()?;
    println!("PDF kept at {}", path.display());
    let out = Command::new("pdfinfo").arg(&path).output().ok()?;
    let info = String::from_utf8_lossy(&out.stdout);
    info.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok())
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing and only checks it builds.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let start = Instant::now();
    let fonts = Fonts::load(&caredesk_print::source_tree_font())
        .expect("the font `cargo xtask` fetches into src-tauri/fonts/");
    println!(
        "font loaded from {} in {:.1} ms (once, at start-up)",
        fonts.path().display(),
        ms(start.elapsed())
    );

    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("a valid date");
    let sheet = CallSheet {
        date: today,
        caller: Some("张敏".into()),
        filter: Some("服务顾问：全部".into()),
        calls: calls(CALLS, today),
        questionnaire: Questionnaire::default(),
    };
    let head = support::head(Language::ZhCn);
    let print = || call_sheet(&fonts, &sheet, &head).expect("print the call sheet");

    for _ in 0..WARM_UP {
        print();
    }
    let mut times = Vec::with_capacity(RUNS);
    let mut pdf = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        pdf = print();
        times.push(start.elapsed());
    }
    times.sort();
    let median = percentile(&times, 0.5);
    let size = pdf.len();
    let pages = page_count(&pdf).map_or_else(|| "? (pdfinfo unavailable)".to_owned(), |n| n.to_string());
    let met = median <= TARGET_MEDIAN && size <= TARGET_SIZE;
    println!(
        "call sheet, {CALLS} calls, zh-CN: n = {RUNS}, median {:.2} ms, p95 {:.2} ms, max {:.2} ms, \
         PDF {:.1} KB, {pages} pages (targets: median < {} ms, PDF < {} KB): {}",
        ms(median),
        ms(percentile(&times, 0.95)),
        ms(times[times.len() - 1]),
        size as f64 / 1024.0,
        TARGET_MEDIAN.as_millis(),
        TARGET_SIZE / 1024,
        if met { "MET" } else { "MISSED" }
    );
    if !met {
        std::process::exit(1);
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
