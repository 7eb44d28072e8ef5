//! Workbooks out of CareDesk (`.xlsx`, written by `rust_xlsxwriter`): a sheet
//! per table, its header row bold, frozen and filterable; dates as Excel dates,
//! money as numbers in the ¥ format, counts as numbers, so the dealer's own
//! sums and filters work on them. A table longer than a sheet holds goes on in
//! a second sheet of the same name.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    /// A count or a measure (kilometres, a year).
    Number(f64),
    /// Money in fen, written as yuan in the ¥ format.
    Money(i64),
    Date(NaiveDate),
    DateTime(NaiveDateTime),
}

impl Value {
    pub fn text(value: impl Into<String>) -> Value {
        let value = value.into();
        if value.is_empty() { Value::Empty } else { Value::Text(value) }
    }

    pub fn opt_text(value: Option<impl Into<String>>) -> Value {
        value.map_or(Value::Empty, Value::text)
    }

    pub fn number(value: Option<impl Into<f64>>) -> Value {
        value.map_or(Value::Empty, |v| Value::Number(v.into()))
    }

    pub fn date(value: Option<NaiveDate>) -> Value {
        value.map_or(Value::Empty, Value::Date)
    }

    pub fn date_time(value: Option<NaiveDateTime>) -> Value {
        value.map_or(Value::Empty, Value::DateTime)
    }
}

/// A column: its header and its width in characters.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Fixed words of the export, or a header read from a file (the import's
    /// report of failed rows keeps the file's own headers).
    pub header: std::borrow::Cow<'static, str>,
    pub width: f64,
}

impl Column {
    pub fn new(header: impl Into<std::borrow::Cow<'static, str>>, width: f64) -> Column {
        Column { header: header.into(), width }
    }
}

/// One table of the workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The sheet's name (at most 31 characters, none of `[]:*?/\`).
    pub name: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Value>>,
}

/// The workbook could not be written (the library refused a value or a name).
#[derive(Debug, thiserror::Error)]
#[error("the workbook could not be written: {0}")]
pub struct WorkbookError(String);

impl From<XlsxError> for WorkbookError {
    fn from(error: XlsxError) -> Self {
        WorkbookError(error.to_string())
    }
}

/// Rows a sheet holds below its header (Excel's limit is 1,048,576 rows).
pub const ROWS_PER_SHEET: usize = 1_048_575;

/// The tables as one `.xlsx` file.
pub fn workbook(tables: &[Table]) -> Result<Vec<u8>, WorkbookError> {
    workbook_with(tables, ROWS_PER_SHEET)
}

fn workbook_with(tables: &[Table], rows_per_sheet: usize) -> Result<Vec<u8>, WorkbookError> {
    let mut book = Workbook::new();
    let formats = Formats::new();
    for table in tables {
        let parts = table.rows.chunks(rows_per_sheet.max(1)).collect::<Vec<_>>();
        let parts = if parts.is_empty() { vec![&table.rows[..]] } else { parts };
        for (i, rows) in parts.iter().enumerate() {
            let name = if i == 0 {
                sheet_name(&table.name)
            } else {
                sheet_name(&format!("{} ({})", table.name, i + 1))
            };
            let sheet = book.add_worksheet();
            sheet.set_name(name)?;
            write_sheet(sheet, &table.columns, rows, &formats)?;
        }
    }
    Ok(book.save_to_buffer()?)
}

struct Formats {
    header: Format,
    date: Format,
    date_time: Format,
    money: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new().set_bold().set_align(FormatAlign::Center).set_background_color(0xE8EEF4),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            date_time: Format::new().set_num_format("yyyy-mm-dd hh:mm"),
            money: Format::new().set_num_format("\"¥\"#,##0.00"),
        }
    }
}

/// A name Excel accepts: the forbidden characters replaced, at most 31 characters.
fn sheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') { '_' } else { c })
        .collect();
    let cleaned = cleaned.trim_matches('\'');
    let cut: String = cleaned.chars().take(31).collect();
    if cut.is_empty() { "Sheet".to_owned() } else { cut }
}

fn excel_date(date: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(u16::try_from(date.year()).unwrap_or(1900), date.month() as u8, date.day() as u8)
}

fn excel_date_time(at: NaiveDateTime) -> Result<ExcelDateTime, XlsxError> {
    excel_date(at.date())?.and_hms(at.hour() as u16, at.minute() as u8, at.second())
}

fn write_sheet(
    sheet: &mut Worksheet,
    columns: &[Column],
    rows: &[Vec<Value>],
    formats: &Formats,
) -> Result<(), WorkbookError> {
    for (c, column) in columns.iter().enumerate() {
        let c = u16::try_from(c).map_err(|_| WorkbookError("too many columns".into()))?;
        sheet.write_string_with_format(0, c, column.header.as_ref(), &formats.header)?;
        sheet.set_column_width(c, column.width)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| WorkbookError("too many rows".into()))?;
        for (c, value) in row.iter().enumerate().take(columns.len()) {
            let c = c as u16;
            match value {
                Value::Empty => {}
                Value::Text(text) => {
                    sheet.write_string(r, c, text)?;
                }
                Value::Number(n) => {
                    sheet.write_number(r, c, *n)?;
                }
                Value::Money(fen) => {
                    sheet.write_number_with_format(r, c, *fen as f64 / 100.0, &formats.money)?;
                }
                Value::Date(date) => match excel_date(*date) {
                    Ok(date) => {
                        sheet.write_datetime_with_format(r, c, &date, &formats.date)?;
                    }
                    // Before 1900, which Excel cannot hold as a date: the text.
                    Err(_) => {
                        sheet.write_string(r, c, date.to_string())?;
                    }
                },
                Value::DateTime(at) => match excel_date_time(*at) {
                    Ok(at) => {
                        sheet.write_datetime_with_format(r, c, &at, &formats.date_time)?;
                    }
                    Err(_) => {
                        sheet.write_string(r, c, at.format("%Y-%m-%d %H:%M").to_string())?;
                    }
                },
            }
        }
    }
    if !columns.is_empty() {
        sheet.set_freeze_panes(1, 0)?;
        let last_row = u32::try_from(rows.len()).unwrap_or(u32::MAX).max(1);
        sheet.autofilter(0, 0, last_row, (columns.len() - 1) as u16)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use calamine::{Data, Reader, Xlsx};

    use super::*;

    fn table(rows: Vec<Vec<Value>>) -> Table {
        Table {
            name: "客户/Customers".into(),
            columns: vec![
                Column::new("姓名", 12.0),
                Column::new("金额", 12.0),
                Column::new("日期", 12.0),
                Column::new("里程", 12.0),
            ],
            rows,
        }
    }

    fn read(bytes: Vec<u8>) -> Xlsx<std::io::Cursor<Vec<u8>>> {
        Xlsx::new(std::io::Cursor::new(bytes)).unwrap()
    }

    #[test]
    fn dates_are_dates_money_is_a_number_and_empty_cells_stay_empty() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        let bytes = workbook(&[table(vec![vec![
            Value::text("张伟"),
            Value::Money(123_456),
            Value::Date(day),
            Value::Empty,
        ]])])
        .unwrap();
        let mut book = read(bytes);
        assert_eq!(book.sheet_names(), ["客户_Customers"]);
        let range = book.worksheet_range("客户_Customers").unwrap();
        assert_eq!(range.get((0, 0)), Some(&Data::String("姓名".into())));
        assert_eq!(range.get((1, 0)), Some(&Data::String("张伟".into())));
        assert_eq!(range.get((1, 1)), Some(&Data::Float(1234.56)));
        let Some(Data::DateTime(date)) = range.get((1, 2)) else { panic!("{:?}", range.get((1, 2))) };
        assert_eq!(date.as_datetime().map(|d| d.date()), Some(day));
        assert!(matches!(range.get((1, 3)), None | Some(Data::Empty)));
    }

    #[test]
    fn a_table_longer_than_a_sheet_goes_on_in_a_second_sheet() {
        let rows =
            (0..5).map(|i| vec![Value::text(format!("客户{i}")), Value::Number(f64::from(i))]).collect();
        let mut book = read(workbook_with(&[table(rows)], 3).unwrap());
        assert_eq!(book.sheet_names(), ["客户_Customers", "客户_Customers (2)"]);
        let second = book.worksheet_range("客户_Customers (2)").unwrap();
        assert_eq!(second.get((0, 0)), Some(&Data::String("姓名".into())), "the header repeats");
        assert_eq!(second.get((2, 0)), Some(&Data::String("客户4".into())));
    }

    #[test]
    fn an_empty_table_is_its_header() {
        let mut book = read(workbook(&[table(Vec::new())]).unwrap());
        let range = book.worksheet_range("客户_Customers").unwrap();
        assert_eq!(range.height(), 1);
    }
}
