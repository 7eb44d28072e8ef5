//! Reading real files: workbooks written on the fly with rust_xlsxwriter and
//! CSV bytes in the encodings Chinese Excel saves.

use caredesk_import::{
    Cell, CellIssueKind, DuplicateKey, Field, ImportError, ImportErrorKind, Mapping, convert_rows,
    duplicates, find_header_row, read, read_bytes,
};
use chrono::NaiveDate;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

fn kind<T: std::fmt::Debug>(result: Result<T, ImportError>) -> ImportErrorKind {
    result.expect_err("should be refused").kind()
}

/// A dealership's export: a merged title row, a blank row, then the header,
/// phones stored as numbers, a real date cell, a serial date in a General
/// cell, formulas with cached results (one of them `#N/A`).
fn archive_xlsx() -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("客户档案").unwrap();
    sheet.merge_range(0, 0, 0, 6, "某某4S店 客户档案（2024年导出）", &Format::new()).unwrap();
    for (c, title) in ["序号", "客户姓名", "手机号码（必填）", "车牌号", "车架号", "购车日期", "里程"]
        .into_iter()
        .enumerate()
    {
        sheet.write(2, c as u16, title).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    sheet.write(3, 0, 1).unwrap();
    sheet.write(3, 1, "张伟").unwrap();
    sheet.write(3, 2, 13800138000.0).unwrap();
    sheet.write(3, 3, "京Ａ１２３４５").unwrap();
    sheet.write(3, 4, "LFV2A21K767042918").unwrap();
    sheet.write_datetime_with_format(3, 5, ExcelDateTime::from_ymd(2019, 3, 5).unwrap(), &date).unwrap();
    sheet.write_formula(3, 6, Formula::new("=12000+345").set_result("12345")).unwrap();
    sheet.write(4, 0, 2).unwrap();
    sheet.write(4, 1, "李娜").unwrap();
    sheet.write_formula(4, 2, Formula::new("=VLOOKUP(B5,X:Y,2,0)").set_result("#N/A")).unwrap();
    sheet.write(4, 3, "沪B88888").unwrap();
    sheet.write(4, 4, "lfv2a21k767042918").unwrap();
    sheet.write(4, 5, 43529).unwrap();
    sheet.write(4, 6, "8,000 km").unwrap();
    workbook.add_worksheet().set_name("空表").unwrap();
    workbook.save_to_buffer().unwrap()
}

#[test]
fn an_xlsx_with_a_title_row_formulas_and_na() {
    let workbook = read_bytes("客户.xlsx", &archive_xlsx()).unwrap();
    assert_eq!(workbook.sheets.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["客户档案", "空表"]);
    let sheet = workbook.sheet(None).unwrap();
    assert_eq!(sheet.cell(0, 0), &Cell::Text("某某4S店 客户档案（2024年导出）".into()));
    assert_eq!(sheet.cell(3, 2), &Cell::Number(13800138000.0));
    assert_eq!(sheet.cell(3, 5), &Cell::Date(NaiveDate::from_ymd_opt(2019, 3, 5).unwrap()));
    assert_eq!(sheet.cell(3, 6), &Cell::Number(12345.0), "a formula gives its cached value");
    assert_eq!(sheet.cell(4, 2), &Cell::Error("#N/A".into()));

    let header = find_header_row(sheet).unwrap();
    assert_eq!(header, 2);
    let mapping = Mapping::guess(sheet, header);
    assert_eq!(mapping.column_of(Field::Mobile), Some(2));
    assert_eq!(mapping.column_of(Field::MileageKm), Some(6));
    let rows = convert_rows(sheet, &mapping).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].value(Field::Mobile), "13800138000");
    assert_eq!(rows[0].value(Field::Plate), "京A12345");
    assert_eq!(rows[0].value(Field::PurchaseDate), "2019-03-05");
    assert_eq!(rows[0].value(Field::MileageKm), "12345");
    assert_eq!(rows[1].value(Field::PurchaseDate), "2019-03-05", "a serial number in a date column");
    assert_eq!(rows[1].value(Field::MileageKm), "8000");
    assert_eq!(rows[1].issues.len(), 1);
    assert_eq!(rows[1].issues[0].kind, CellIssueKind::ErrorValue);
    assert_eq!((rows[1].issues[0].column, rows[1].issues[0].field), (2, Field::Mobile));
    let found = duplicates(&rows);
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].key, found[0].rows.clone()), (DuplicateKey::Vin, vec![3, 4]));

    assert_eq!(workbook.sheet(Some("空表")), Err(ImportError::EmptySheet { sheet: "空表".into() }));
    assert_eq!(kind(workbook.sheet(Some("车辆"))), ImportErrorKind::NoSuchSheet);
}

#[test]
fn a_gbk_csv_with_excel_dates_and_phones_stored_as_numbers() {
    let text = "客户名单\r\n姓名,手机,车牌,购车日期,保险到期,同意营销\r\n\
                张伟,13800138000.0,京A12345,2019/3/5,43529,是\r\n\
                李娜,1.38001E+10,\"粤B,12345\",2020年1月2日,2021.01.02,\r\n\
                王强,\"13700137000\",苏E12345D,20190305,2019-3-5,否\r\n";
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture really is GBK");
    let workbook = read_bytes("旧系统导出.csv", &bytes).unwrap();
    let sheet = workbook.sheet(None).unwrap();
    assert_eq!(sheet.name, "旧系统导出");
    assert_eq!(sheet.cell(3, 2), &Cell::Text("粤B,12345".into()));
    let header = find_header_row(sheet).unwrap();
    assert_eq!(header, 1);
    let rows = convert_rows(sheet, &Mapping::guess(sheet, header)).unwrap();
    assert_eq!(rows[0].value(Field::CustomerName), "张伟");
    assert_eq!(rows[0].value(Field::Mobile), "13800138000");
    assert_eq!(rows[0].value(Field::PurchaseDate), "2019-03-05");
    assert_eq!(rows[0].value(Field::InsuranceExpiry), "2019-03-05");
    assert_eq!(rows[0].value(Field::MarketingConsent), "true");
    assert_eq!(rows[1].issues.len(), 1);
    assert_eq!(rows[1].issues[0].kind, CellIssueKind::LostDigits);
    assert_eq!(rows[1].value(Field::PurchaseDate), "2020-01-02");
    assert_eq!(rows[1].value(Field::InsuranceExpiry), "2021-01-02");
    assert_eq!(rows[1].value(Field::MarketingConsent), "", "empty consent is not given");
    assert_eq!(rows[2].value(Field::PurchaseDate), "2019-03-05");
    assert_eq!(rows[2].value(Field::MarketingConsent), "false");
}

#[test]
fn utf8_with_bom_tabs_semicolons_and_utf16() {
    let workbook = read_bytes("a.csv", "\u{feff}姓名,手机\n张伟,13800138000\n".as_bytes()).unwrap();
    assert_eq!(workbook.sheets[0].cell(0, 0), &Cell::Text("姓名".into()));
    let workbook =
        read_bytes("a.txt", "姓名\t手机\t备注\n张伟\t13800138000\t老客户, VIP\n".as_bytes()).unwrap();
    assert_eq!(workbook.sheets[0].cell(1, 2), &Cell::Text("老客户, VIP".into()));
    let workbook = read_bytes("a.csv", "姓名,手机\n张伟,=\"013800138000\"\n".as_bytes()).unwrap();
    assert_eq!(workbook.sheets[0].cell(1, 1), &Cell::Text("013800138000".into()), "Excel's text guard");
    let workbook = read_bytes("a.csv", "name;mobile\nTom;13800138000\n".as_bytes()).unwrap();
    assert_eq!(workbook.sheets[0].cell(1, 1), &Cell::Text("13800138000".into()));
    // Excel's "Unicode text": UTF-16LE with a BOM, tab separated.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend("姓名\t手机\r\n张伟\t13800138000\r\n".encode_utf16().flat_map(u16::to_le_bytes));
    let workbook = read_bytes("a.txt", &utf16).unwrap();
    assert_eq!(workbook.sheets[0].cell(1, 0), &Cell::Text("张伟".into()));
}

#[test]
fn the_content_decides_not_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("客户.csv");
    std::fs::write(&path, archive_xlsx()).unwrap();
    let workbook = read(&path).unwrap();
    assert_eq!(workbook.sheets[0].name, "客户档案");
    let path = dir.path().join("客户.xls");
    std::fs::write(&path, "姓名,手机\n张伟,13800138000\n").unwrap();
    assert_eq!(read(&path).unwrap().sheets[0].name, "客户");
    assert_eq!(kind(read(&dir.path().join("missing.xlsx"))), ImportErrorKind::Io);
}

/// A minimal OLE compound file (one FAT sector, one directory sector) whose
/// directory names these empty streams: Excel saves a password-protected
/// workbook as such a file with `EncryptionInfo` and `EncryptedPackage`.
fn compound_file(streams: &[&str]) -> Vec<u8> {
    const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
    let put =
        |bytes: &mut Vec<u8>, at: usize, value: &[u8]| bytes[at..at + value.len()].copy_from_slice(value);
    let mut file = vec![0u8; 512 * 3];
    put(&mut file, 0, &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    put(&mut file, 24, &0x3Eu16.to_le_bytes()); // minor version
    put(&mut file, 26, &3u16.to_le_bytes()); // major version: 512-byte sectors
    put(&mut file, 28, &0xFFFEu16.to_le_bytes()); // byte order
    put(&mut file, 30, &9u16.to_le_bytes()); // sector shift
    put(&mut file, 32, &6u16.to_le_bytes()); // mini sector shift
    put(&mut file, 44, &1u32.to_le_bytes()); // FAT sectors
    put(&mut file, 48, &1u32.to_le_bytes()); // first directory sector
    put(&mut file, 56, &4096u32.to_le_bytes()); // mini stream cutoff
    put(&mut file, 60, &END_OF_CHAIN.to_le_bytes()); // no mini FAT
    put(&mut file, 68, &END_OF_CHAIN.to_le_bytes()); // no DIFAT sectors
    file[76..512].fill(0xFF);
    put(&mut file, 76, &0u32.to_le_bytes()); // the FAT is sector 0
    // Sector 0, the FAT: itself, then the directory's one-sector chain.
    file[512..1024].fill(0xFF);
    put(&mut file, 512, &0xFFFF_FFFDu32.to_le_bytes());
    put(&mut file, 516, &END_OF_CHAIN.to_le_bytes());
    // Sector 1, the directory: the root, then the streams.
    for (i, name) in std::iter::once("Root Entry").chain(streams.iter().copied()).enumerate() {
        let at = 1024 + i * 128;
        let utf16: Vec<u8> = name.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect();
        put(&mut file, at, &utf16);
        put(&mut file, at + 64, &(utf16.len() as u16).to_le_bytes());
        file[at + 66] = if i == 0 { 5 } else { 2 };
        put(&mut file, at + 116, &END_OF_CHAIN.to_le_bytes());
    }
    file
}

#[test]
fn a_password_protected_workbook_is_refused_as_such() {
    let encrypted = compound_file(&["EncryptionInfo", "EncryptedPackage"]);
    assert_eq!(read_bytes("客户.xlsx", &encrypted), Err(ImportError::Encrypted));
    let json = serde_json::to_value(ImportError::Encrypted).unwrap();
    assert_eq!(json["kind"], "encrypted");
}

#[test]
fn files_that_cannot_be_imported_are_typed_errors() {
    assert_eq!(read_bytes("a.xlsx", b""), Err(ImportError::EmptyFile));
    let pdf =
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nstream\n\x00\x01\x02\xFF\nendstream\n";
    assert_eq!(read_bytes("客户.xlsx", pdf), Err(ImportError::NotASpreadsheet));
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
    assert_eq!(read_bytes("客户.csv", png), Err(ImportError::NotASpreadsheet));
    // An OLE compound file like an .xls, but a Word document.
    assert_eq!(read_bytes("a.xls", &compound_file(&["WordDocument"])), Err(ImportError::NotASpreadsheet));
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
    assert_eq!(kind(read_bytes("a.xls", &ole)), ImportErrorKind::Damaged);

    let xlsx = archive_xlsx();
    for cut in [xlsx.len() / 2, xlsx.len() - 10, 30] {
        assert_eq!(kind(read_bytes("a.xlsx", &xlsx[..cut])), ImportErrorKind::Damaged, "cut at {cut}");
    }

    let mut empty = Workbook::new();
    empty.add_worksheet();
    assert_eq!(read_bytes("a.xlsx", &empty.save_to_buffer().unwrap()), Err(ImportError::NoData));
    assert_eq!(read_bytes("a.csv", b"\r\n,,\r\n"), Err(ImportError::NoData));
}

#[test]
fn a_cell_beyond_the_cap_is_refused_with_its_place() {
    let long = "长".repeat(caredesk_import::CELL_MAX_CHARS + 1);
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("客户").unwrap();
    sheet.write(0, 0, "姓名").unwrap();
    sheet.write(4, 2, long.as_str()).unwrap();
    let error = read_bytes("a.xlsx", &workbook.save_to_buffer().unwrap()).unwrap_err();
    assert_eq!(error, ImportError::CellTooLong { sheet: "客户".into(), row: 4, column: 2, max: 10_000 });

    let csv = format!("姓名,备注\n张伟,{long}\n");
    let error = read_bytes("a.csv", csv.as_bytes()).unwrap_err();
    assert_eq!(error, ImportError::CellTooLong { sheet: "a".into(), row: 1, column: 1, max: 10_000 });
    let (gbk, _, _) = encoding_rs::GBK.encode(&csv);
    assert_eq!(kind(read_bytes("a.csv", &gbk)), ImportErrorKind::CellTooLong);
    // Exactly at the cap is kept.
    let fits = format!("姓名,备注\n张伟,{}\n", "长".repeat(caredesk_import::CELL_MAX_CHARS));
    assert!(read_bytes("a.csv", fits.as_bytes()).is_ok());
}

#[test]
fn a_template_with_a_field_twice_is_refused() {
    let workbook = read_bytes("a.xlsx", &archive_xlsx()).unwrap();
    let sheet = workbook.sheet(None).unwrap();
    let mut mapping = Mapping::guess(sheet, 2);
    mapping.name = "旧DMS".into();
    mapping.columns.insert(0, Field::Mobile);
    assert_eq!(
        convert_rows(sheet, &mapping),
        Err(ImportError::DuplicateMapping { field: Field::Mobile, columns: [0, 2] })
    );
}

#[test]
fn data_spread_over_too_many_cells_is_refused() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for row in 0..700 {
        sheet.write(row, 0, "姓名").unwrap();
        sheet.write(row, 16_383, "x").unwrap();
    }
    let bytes = workbook.save_to_buffer().unwrap();
    assert_eq!(
        read_bytes("a.xlsx", &bytes),
        Err(ImportError::TooManyCells { max: caredesk_import::read::MAX_CELLS })
    );
}
