//! A realistic visit of 王建国 to print, the font loaded once, and the PDFs read
//! back with poppler's `pdftotext` (Debian package poppler-utils).

#![allow(dead_code, reason = "each test file uses its own part of the support module")]

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use caredesk_domain::visit::{
    self, Damage, ExtraWork, ExtraWorkStatus, Handover, LineKind, Order, OrderLine, PaymentMethod,
    Preparation, QcCheck, QcItem, QcItemResult, QcResult, Reception, Visit, VisitState,
};
use caredesk_domain::{CustomerId, ExtraWorkId, Fen, LineId, StaffId, VehicleId, VisitId};
use caredesk_print::{Fonts, Language, Letterhead};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};

pub const SIZE_LIMIT: usize = 300 * 1024;

pub fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        Fonts::load(&caredesk_print::source_tree_font())
            .expect("the font `cargo xtask` fetches into src-tauri/fonts/")
    })
}

fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("a valid offset")
}

pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(h, min, 0)).expect("a valid time")
}

/// A Beijing wall-clock time as the UTC instant the store keeps.
pub fn instant(local: NaiveDateTime) -> DateTime<Utc> {
    beijing().from_local_datetime(&local).single().expect("unambiguous").with_timezone(&Utc)
}

pub fn head(language: Language) -> Letterhead {
    let printed = beijing().from_local_datetime(&at(2026, 11, 22, 10, 30)).single().expect("unambiguous");
    Letterhead::new("北京华通一汽-大众特约服务站", language, printed)
}

fn line(
    id: i64,
    kind: LineKind,
    description: &str,
    part_number: &str,
    quantity: u32,
    price: i64,
) -> OrderLine {
    let unit_price = Fen(price);
    OrderLine {
        id: LineId(id),
        kind,
        description: description.into(),
        part_number: part_number.into(),
        quantity_centi: quantity,
        unit_price,
        genuine: kind == LineKind::Labour || id != 4,
        amount: visit::line_amount(unit_price, quantity).expect("no overflow"),
        extra_work_id: None,
        explained: true,
    }
}

fn qc(id: i64, time: NaiveDateTime, failed: Option<(QcItem, &str)>) -> QcCheck {
    let items = QcItem::ALL
        .iter()
        .map(|&item| match failed {
            Some((bad, note)) if bad == item => {
                QcItemResult { item, result: QcResult::Fail, note: note.into() }
            }
            _ if item == QcItem::RoadTest => {
                QcItemResult { item, result: QcResult::NotApplicable, note: String::new() }
            }
            _ => QcItemResult { item, result: QcResult::Pass, note: String::new() },
        })
        .collect();
    QcCheck {
        id,
        inspector: "陈刚".into(),
        at: instant(time),
        passed: failed.is_none(),
        items,
        parking_location: if failed.is_none() { "B区12号车位".into() } else { String::new() },
    }
}

/// 王建国's Magotan at its 40,000 km service: two labour and two part lines,
/// brake pads found and declined, a failed then a passed quality check, handed over.
pub fn visit() -> Visit {
    let mut lines = vec![
        line(1, LineKind::Labour, "40000公里常规保养（更换机油、机滤，检查底盘）", "", 150, 30_000),
        line(2, LineKind::Labour, "冷车启动异响检查：检查正时链条张紧器并路试", "", 100, 30_000),
        line(3, LineKind::Part, "嘉实多极护 5W-40 全合成机油", "G 052 195 M4", 500, 9_800),
        line(4, LineKind::Part, "机油滤清器", "06L115562B", 100, 8_600),
    ];
    let mut pads = line(5, LineKind::Part, "前刹车片", "5QD698151B", 100, 68_000);
    pads.extra_work_id = Some(ExtraWorkId(1));
    lines.push(pads.clone());
    let order = Order {
        lines,
        promised_at: Some(at(2026, 11, 22, 16, 0)),
        confirmed_at: Some(instant(at(2026, 11, 22, 8, 50))),
        estimate: Some(Fen(125_000)),
        tax_basis_points: 1300,
    };
    let mut visit = Visit {
        id: VisitId(1),
        number: "20261122-003".into(),
        state: VisitState::HandedOver,
        walk_in: false,
        customer_id: CustomerId(7),
        customer_name: "王建国".into(),
        customer_mobile: "13812345678".into(),
        vehicle_id: VehicleId(11),
        plate: Some("京A12345".into()),
        vin: "LFV2A21K767042918".into(),
        vehicle_label: "一汽-大众 迈腾 2019款 330TSI".into(),
        advisor_id: StaffId(3),
        advisor_name: "李娜".into(),
        appointment_at: Some(at(2026, 11, 22, 8, 30)),
        expected_minutes: 90,
        requested_work: "40000公里保养；检查冷车启动异响".into(),
        concerns: "冷车启动时发动机有异响".into(),
        replacement_car: false,
        preparation: Preparation {
            parts_ready: true,
            order_prefilled: true,
            advisor_available: true,
            replacement_car_ready: false,
        },
        cancel_reason: None,
        reception: Some(Reception {
            mileage_km: 40_230,
            mileage_reason: None,
            fuel_eighths: 5,
            damages: vec![
                Damage { panel: visit::Panel::LeftFrontDoor, note: "划痕约10厘米".into() },
                Damage { panel: visit::Panel::RearBumper, note: "右下角轻微凹陷".into() },
            ],
            valuables: "行车记录仪一台，已告知客户".into(),
            accessories: "备胎、千斤顶、三角警示牌".into(),
            concerns: "早上第一次打火的时候，发动机舱里“哒哒哒”响两三秒，热车以后就没有了。上个月开始的，\
                       最近越来越明显。"
                .into(),
        }),
        order,
        technician_id: Some(StaffId(5)),
        technician_name: Some("赵强".into()),
        extra_work: vec![ExtraWork {
            id: ExtraWorkId(1),
            description: "前刹车片磨损至2毫米，建议更换".into(),
            status: ExtraWorkStatus::Declined,
            found_by: "赵强".into(),
            found_at: instant(at(2026, 11, 22, 9, 20)),
            decided_at: Some(instant(at(2026, 11, 22, 9, 35))),
            note: "客户下次再换".into(),
            amount: pads.amount,
            lines: vec![pads],
        }],
        qc_checks: vec![
            qc(1, at(2026, 11, 22, 9, 50), Some((QcItem::Cleanliness, "脚垫未清洁，驾驶座有油污"))),
            qc(2, at(2026, 11, 22, 10, 5), None),
        ],
        handover: None,
        follow_up_due: Some((
            NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
            NaiveDate::from_ymd_opt(2026, 11, 25).expect("date"),
        )),
        totals: Default::default(),
        timeline: Vec::new(),
        created_at: instant(at(2026, 11, 20, 14, 20)),
        updated_at: instant(at(2026, 11, 20, 14, 20)),
        overdue: false,
    };
    visit.totals = visit::totals(visit.counted_lines(), visit.order.tax_basis_points);
    visit.handover = Some(Handover {
        invoice_number: "44020261122".into(),
        next_service_date: NaiveDate::from_ymd_opt(2027, 5, 22),
        next_service_km: Some(50_230),
        payment_method: PaymentMethod::WeChatPay,
        amount_paid: visit.totals.total,
        handed_over_at: instant(at(2026, 11, 22, 10, 40)),
        handed_over_by: "李娜".into(),
    });
    visit
}

/// Keeps the PDF under the target directory (to look at) and returns its text
/// as `pdftotext -layout` reads it: pages separated by form feeds.
pub fn read_back(name: &str, pdf: &[u8]) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("papers");
    std::fs::create_dir_all(&dir).expect("create the output folder");
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).expect("write the PDF");
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs (Debian: apt-get install poppler-utils)");
    assert!(
        out.status.success(),
        "pdftotext failed on {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("pdftotext writes UTF-8")
}

/// `pdffonts` of the PDF: one row per font with its embedded and subset flags.
pub fn fonts_of(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("papers").join(format!("{name}.pdf"));
    let out = Command::new("pdffonts").arg(&path).output().expect("pdffonts runs (poppler-utils)");
    assert!(out.status.success(), "pdffonts failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text's pages.
pub fn pages(text: &str) -> Vec<&str> {
    let mut pages: Vec<&str> = text.split('\u{c}').collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Asserts every needle is in the text, naming the first that is not. Spaces
/// are ignored: `pdftotext -layout` pads columns with them and drops some
/// between Chinese characters.
#[track_caller]
pub fn assert_contains(text: &str, needles: &[&str]) {
    let squashed = squash(text);
    for needle in needles {
        assert!(squashed.contains(&squash(needle)), "{needle:?} is missing from:\n{text}");
    }
}

/// The text without any whitespace.
pub fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}
