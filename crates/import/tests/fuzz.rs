//! Whatever a file holds, the import never panics and every failure is a
//! typed error: random bytes, damaged workbooks, random CSV text, random cells.
//!
//! Each property runs [`CASES`] cases in an ordinary test run. With
//! `CAREDESK_FUZZ_SECONDS` set (e.g. `600`), `fuzz_for_the_time_given` takes
//! the properties in turn, 32 fresh random cases each, until that many seconds
//! have passed, and the ordinary tests step aside:
//! `CAREDESK_FUZZ_SECONDS=600 cargo test -p caredesk-import --test fuzz`.

use std::time::{Duration, Instant};

use caredesk_import::{
    CELL_MAX_CHARS, Cell, Field, ImportError, Mapping, Workbook, convert, convert_rows, duplicates,
    find_header_row, read_bytes,
};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// Cases per property in an ordinary test run.
const CASES: u32 = 48;

/// The time `CAREDESK_FUZZ_SECONDS` gives, if set.
fn budget() -> Option<Duration> {
    let seconds = std::env::var("CAREDESK_FUZZ_SECONDS").ok()?;
    Some(Duration::from_secs(
        seconds.trim().parse().expect("CAREDESK_FUZZ_SECONDS must be a number of seconds"),
    ))
}

/// Runs `cases` random cases of a property, with a fresh seed; a failure is
/// shrunk to its smallest input and reported.
fn run<S: Strategy>(cases: u32, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>) {
    let config = Config { cases, failure_persistence: None, ..Config::default() };
    if let Err(failure) = TestRunner::new(config).run(&strategy, &test) {
        panic!("{failure}");
    }
}

const PROPERTIES: [fn(u32); 4] =
    [random_bytes, damaged_workbooks, random_csv_text, random_cells_for_every_field];

#[test]
fn properties_in_an_ordinary_run() {
    if budget().is_none() {
        for property in PROPERTIES {
            property(CASES);
        }
    }
}

#[test]
fn fuzz_for_the_time_given() {
    let Some(budget) = budget() else { return };
    let end = Instant::now() + budget;
    let mut rounds = 0;
    while Instant::now() < end {
        for property in PROPERTIES {
            property(32);
        }
        rounds += 1;
    }
    println!("fuzz: {rounds} rounds of 32 cases per property in {}s", budget.as_secs());
}

/// A failure must be one of the typed errors, serialisable with its kind and
/// a message; a success must hold only cells within the cap, and the later
/// steps must take it without panicking either.
fn check(result: Result<Workbook, ImportError>) -> Result<(), TestCaseError> {
    match result {
        Err(error) => {
            let json = serde_json::to_value(&error).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(json["kind"].is_string(), "{json}");
            prop_assert!(json["message"].as_str().is_some_and(|m| !m.is_empty()), "{json}");
        }
        Ok(workbook) => {
            for sheet in &workbook.sheets {
                for cell in sheet.rows.iter().flatten() {
                    if let Cell::Text(text) = cell {
                        prop_assert!(text.chars().count() <= CELL_MAX_CHARS);
                    }
                }
                let header = find_header_row(sheet).unwrap_or(0);
                let rows = convert_rows(sheet, &Mapping::guess(sheet, header));
                if let Ok(rows) = rows {
                    let _ = duplicates(&rows);
                }
                let every_field = Mapping {
                    header_row: Some(0),
                    columns: Field::ALL.into_iter().enumerate().map(|(c, f)| (c as u32, f)).collect(),
                    ..Mapping::default()
                };
                let _ = convert_rows(sheet, &every_field);
            }
        }
    }
    Ok(())
}

/// A small workbook, the same bytes every run (a fixed creation time).
fn fixture() -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 5, 1).unwrap();
    workbook.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    let sheet = workbook.add_worksheet();
    sheet.merge_range(0, 0, 0, 3, "客户档案", &rust_xlsxwriter::Format::new()).unwrap();
    for (c, title) in ["姓名", "手机", "VIN", "购车日期"].into_iter().enumerate() {
        sheet.write(1, c as u16, title).unwrap();
    }
    sheet.write(2, 0, "张伟").unwrap();
    sheet.write(2, 1, 13800138000.0).unwrap();
    sheet.write(2, 2, "LFV2A21K767042918").unwrap();
    sheet.write(2, 3, 43529).unwrap();
    sheet.write_formula(3, 1, rust_xlsxwriter::Formula::new("=NA()").set_result("#N/A")).unwrap();
    workbook.save_to_buffer().unwrap()
}

fn random_bytes(cases: u32) {
    let magic = prop_oneof![
        Just(Vec::new()),
        Just(b"PK\x03\x04".to_vec()),
        Just(vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
        Just(vec![0xEF, 0xBB, 0xBF]),
        Just(vec![0xFF, 0xFE]),
    ];
    run(cases, (magic, prop::collection::vec(any::<u8>(), 0..4096)), |(mut bytes, rest)| {
        bytes.extend(rest);
        check(read_bytes("random.xlsx", &bytes))
    });
}

fn damaged_workbooks(cases: u32) {
    let xlsx = fixture();
    let edits = prop::collection::vec((any::<Index>(), any::<u8>()), 0..12);
    let cut = prop::option::of(any::<Index>());
    let removed = prop::option::of((any::<Index>(), 1usize..64));
    run(cases, (edits, cut, removed), |(edits, cut, removed)| {
        let mut bytes = xlsx.clone();
        for (at, byte) in edits {
            let at = at.index(bytes.len());
            bytes[at] = byte;
        }
        if let Some((at, len)) = removed {
            let at = at.index(bytes.len());
            bytes.drain(at..(at + len).min(bytes.len()));
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        check(read_bytes("damaged.xlsx", &bytes))
    });
}

fn random_csv_text(cases: u32) {
    let text = "[姓名手机车牌VIN购车日期里程是否张伟京A粤B0-9a-zE,;\t\"\r\n .+/年月日¥元km公里]{0,300}";
    run(cases, (text, any::<bool>()), |(text, gbk)| {
        let bytes = if gbk { encoding_rs::GBK.encode(&text).0.into_owned() } else { text.into_bytes() };
        check(read_bytes("random.csv", &bytes))
    });
}

fn any_cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        Just(Cell::Empty),
        any::<String>().prop_map(Cell::Text),
        "[0-9０-９.,eE+\\-年月日/ ¥元km万公里是否]{0,24}".prop_map(Cell::Text),
        any::<f64>().prop_map(Cell::Number),
        (-1e6f64..3e6).prop_map(Cell::Number),
        any::<bool>().prop_map(Cell::Bool),
        "#[A-Z/0!?]{1,6}".prop_map(Cell::Error),
        (-100_000i32..100_000)
            .prop_map(|d| Cell::Date(chrono::NaiveDate::MIN + chrono::Days::new(d.unsigned_abs().into()))),
    ]
}

fn random_cells_for_every_field(cases: u32) {
    run(cases, (any_cell(), any::<Index>()), |(cell, field)| {
        let field = Field::ALL[field.index(Field::ALL.len())];
        if let Err(issue) = convert(field, &cell) {
            prop_assert!(!issue.message.is_empty());
            let json = serde_json::to_value(&issue).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(json["kind"].is_string());
        }
        Ok(())
    });
}

/// The first finding: one byte changed in the fixture makes calamine's cell
/// reference parser overflow (a panic where overflow checks are on, as in
/// tests); it is a damaged file.
#[test]
fn a_cell_reference_that_overflows_calamine_is_a_damaged_file() {
    let mut xlsx = fixture();
    assert_eq!(xlsx.len(), 5644, "the fixture changed: find a new byte that makes calamine panic");
    xlsx[3723] = 236;
    let error = read_bytes("damaged.xlsx", &xlsx).unwrap_err();
    assert_eq!(error.kind(), caredesk_import::ImportErrorKind::Damaged, "{error}");
}
