//! A long repair order: its table crosses pages, its header repeats on each,
//! and every page's footer counts the same total.

mod support;

use caredesk_domain::visit::{self, LineKind, OrderLine};
use caredesk_domain::{Fen, LineId};
use caredesk_print::{Language, handover_summary, repair_order};
use support::{SIZE_LIMIT, fonts, head, pages, read_back, squash, visit};

const LINES: usize = 60;

/// The sample visit with 60 lines, each marked `ITEM-nn` so it can be found on its page.
fn long_visit() -> visit::Visit {
    let mut visit = visit();
    let declined: Vec<OrderLine> =
        visit.order.lines.iter().filter(|l| l.extra_work_id.is_some()).cloned().collect();
    visit.order.lines = (1..=LINES)
        .map(|n| {
            let kind = if n % 3 == 0 { LineKind::Labour } else { LineKind::Part };
            let description = match n % 4 {
                0 => format!("ITEM-{n:02} 更换左前轮轴承及油封，检查转向节与制动盘跳动量，必要时一并更换"),
                1 => format!("ITEM-{n:02} 火花塞"),
                2 => format!("ITEM-{n:02} Replace the cabin air filter"),
                _ => format!("ITEM-{n:02} 四轮定位"),
            };
            let (part_number, price) = match kind {
                LineKind::Part => (format!("5Q0 {n:03} 123"), 4_500 + n as i64 * 100),
                LineKind::Labour => (String::new(), 30_000),
            };
            OrderLine {
                id: LineId(100 + n as i64),
                kind,
                description,
                part_number,
                quantity_centi: 100,
                unit_price: Fen(price),
                genuine: true,
                amount: Fen(price),
                extra_work_id: None,
                explained: true,
            }
        })
        .chain(declined)
        .collect();
    visit.totals = visit::totals(visit.counted_lines(), visit.order.tax_basis_points);
    visit
}

/// Checks the read-back text of a long paper and returns its page count.
fn check_pages(
    name: &str,
    text: &str,
    page_label: impl Fn(usize, usize) -> String,
    header: &[&str],
) -> usize {
    let pages = pages(text);
    let count = pages.len();
    assert!(count >= 2, "{name}: {LINES} lines fit on {count} page:\n{text}");
    let mut last_seen = 0;
    for (i, page) in pages.iter().enumerate() {
        let page = squash(page);
        let label = squash(&page_label(i + 1, count));
        assert!(page.contains(&label), "{name}: page {} has no footer {label:?}:\n{page}", i + 1);
        let rows: Vec<usize> = (1..=LINES).filter(|n| page.contains(&format!("ITEM-{n:02}"))).collect();
        if let (Some(&first), Some(&last)) = (rows.first(), rows.last()) {
            for title in header {
                assert!(
                    page.contains(&squash(title)),
                    "{name}: page {} has rows but no {title:?} header",
                    i + 1
                );
            }
            assert_eq!(first, last_seen + 1, "{name}: rows skipped or repeated before page {}", i + 1);
            assert_eq!(rows.len(), last - first + 1, "{name}: rows out of order on page {}", i + 1);
            last_seen = last;
        }
    }
    assert_eq!(last_seen, LINES, "{name}: not every line was printed");
    count
}

#[test]
fn a_long_repair_order_continues_its_table_on_numbered_pages() {
    let visit = long_visit();
    for (language, name) in [(Language::ZhCn, "long-repair-order-zh"), (Language::En, "long-repair-order-en")]
    {
        let pdf = repair_order(fonts(), &visit, &head(language)).expect("print");
        assert!(pdf.len() < SIZE_LIMIT, "{name} is {} bytes", pdf.len());
        let text = read_back(name, &pdf);
        let count = match language {
            Language::ZhCn => {
                check_pages(name, &text, |p, n| format!("第 {p} / {n} 页"), &["序号", "配件号", "金额"])
            }
            Language::En => {
                check_pages(name, &text, |p, n| format!("Page {p} / {n}"), &["No.", "Part no.", "Amount"])
            }
        };
        // Continuation pages carry the running head instead of the letterhead.
        let running = match language {
            Language::ZhCn => "维修委托书 · 工单号 20261122-003",
            Language::En => "Repair order · Order no. 20261122-003",
        };
        for page in pages(&text).iter().skip(1) {
            assert!(
                squash(page).contains(&squash(running)),
                "{name}: no running head on a continuation page"
            );
        }
        assert!(squash(&text).contains(&squash(&caredesk_print::money(visit.totals.total))));
        println!("{name}: {count} pages, {} bytes", pdf.len());
    }
}

#[test]
fn a_long_handover_summary_continues_its_table_too() {
    let visit = long_visit();
    let pdf = handover_summary(fonts(), &visit, &head(Language::En)).expect("print");
    assert!(pdf.len() < SIZE_LIMIT, "{} bytes", pdf.len());
    let text = read_back("long-handover-en", &pdf);
    check_pages("long-handover-en", &text, |p, n| format!("Page {p} / {n}"), &["Description", "Amount"]);
}
