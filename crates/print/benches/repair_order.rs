//! Rendering one repair order of ten lines to PDF bytes, through `repair_order`,
//! the function the print command calls. Run with `cargo bench -p caredesk-print`.
//! The font is loaded once, outside the timing, as the app does at start-up.
//! Prints the median, p95 and the PDF's size; exits non-zero when the median is
//! over 100 ms.

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use caredesk_domain::visit::{self, LineKind, OrderLine};
use caredesk_domain::{Fen, LineId};
use caredesk_print::{Fonts, Language, repair_order};

const RUNS: usize = 50;
const WARM_UP: usize = 5;
const TARGET_MEDIAN: Duration = Duration::from_millis(100);

/// The sample visit with six more lines: ten that count, and the declined pads.
fn visit_of_ten_lines() -> visit::Visit {
    let mut visit = support::visit();
    let extra = [
        (LineKind::Labour, "更换前刹车盘及刹车片（双侧）", "", 120, 30_000),
        (LineKind::Part, "前刹车盘", "5QD615301", 200, 56_000),
        (LineKind::Part, "空调滤清器（活性炭）", "5Q0819653", 100, 12_800),
        (LineKind::Labour, "四轮定位及动平衡", "", 100, 28_000),
        (LineKind::Part, "雨刮片（前，一对）", "3G1955425", 100, 19_000),
        (LineKind::Part, "玻璃水 2L", "G 052 164 M2", 200, 2_500),
    ];
    for (i, (kind, description, part_number, quantity, price)) in extra.into_iter().enumerate() {
        let unit_price = Fen(price);
        visit.order.lines.push(OrderLine {
            id: LineId(20 + i as i64),
            kind,
            description: description.into(),
            part_number: part_number.into(),
            quantity_centi: quantity,
            unit_price,
            genuine: true,
            amount: visit::line_amount(unit_price, quantity).expect("no overflow"),
            extra_work_id: None,
            explained: true,
        });
    }
    visit.totals = visit::totals(visit.counted_lines(), visit.order.tax_basis_points);
    visit
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
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

    let visit = visit_of_ten_lines();
    assert_eq!(visit.counted_lines().count(), 10);
    let head = support::head(Language::ZhCn);
    let print = || repair_order(&fonts, &visit, &head).expect("print the repair order");

    for _ in 0..WARM_UP {
        print();
    }
    let mut times = Vec::with_capacity(RUNS);
    let mut size = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let pdf = print();
        times.push(start.elapsed());
        size = pdf.len();
    }
    times.sort();
    let median = percentile(&times, 0.5);
    println!(
        "repair order, 10 lines, zh-CN: n = {RUNS}, median {:.2} ms, p95 {:.2} ms, max {:.2} ms, PDF {:.1} KB \
         (target median < {} ms): {}",
        ms(median),
        ms(percentile(&times, 0.95)),
        ms(times[times.len() - 1]),
        size as f64 / 1024.0,
        TARGET_MEDIAN.as_millis(),
        if median <= TARGET_MEDIAN { "MET" } else { "MISSED" }
    );
    if median > TARGET_MEDIAN {
        std::process::exit(1);
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
