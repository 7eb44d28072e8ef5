//! Reading a file into a [`Workbook`]: the format is told by the content, not
//! the name (old systems save CSV as `.xls`, users rename files).

use std::borrow::Cow;
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, DataRef, Ods, OdsError, Range, Reader, Xls, XlsError, Xlsx, XlsxError};
use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_8};

use crate::cell::{Cell, Sheet, Workbook};
use crate::error::ImportError;

/// The longest cell kept, in characters; a longer one is an error, not cut.
pub const CELL_MAX_CHARS: usize = 10_000;
/// The largest file read; a dealership's archive export is a few MB.
pub const FILE_MAX_BYTES: u64 = 200 * 1024 * 1024;

/// The most cells (empty ones between data included) a file may spread
/// over, about 300 MB in memory; a real export has far fewer, a damaged or
/// hostile one (a cell at column XFD on every row, a line of commas) could
/// otherwise exhaust memory.
pub const MAX_CELLS: usize = 10_000_000;

/// Excel's own limits; a position beyond them is a damaged file.
const MAX_ROWS: u32 = 1_048_576;
const MAX_COLUMNS: u32 = 16_384;

/// Reads the file at `path` (see [`read_bytes`]).
pub fn read(path: &Path) -> Result<Workbook, ImportError> {
    let io = |e: std::io::Error| ImportError::Io(e.to_string());
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > FILE_MAX_BYTES {
        return Err(too_large());
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    read_bytes(&name, &bytes)
}

/// Reads a file's bytes: an `.xlsx` (or `.ods`) workbook, an `.xls` workbook,
/// or CSV / tab-separated text in UTF-8 (with or without BOM), UTF-16 (Excel's
/// "Unicode text") or GB18030/GBK. `name` is the file's name; a CSV file's
/// single sheet is named after it.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<Workbook, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::EmptyFile);
    }
    if bytes.len() as u64 > FILE_MAX_BYTES {
        return Err(too_large());
    }
    let workbook = if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        guarded(|| read_zip(bytes))?
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        guarded(|| read_compound(bytes))?
    } else {
        read_text(name, bytes)?
    };
    if workbook.sheets.iter().all(Sheet::is_blank) {
        return Err(ImportError::NoData);
    }
    Ok(workbook)
}

/// Runs calamine on a damaged workbook without taking the app down: its
/// parsers can panic on malformed input (an arithmetic overflow on a cell
/// reference, found by `tests/fuzz.rs`), which is a damaged file here. This
/// relies on panics unwinding, the default in every profile of the workspace.
fn guarded(read: impl FnOnce() -> Result<Workbook, ImportError>) -> Result<Workbook, ImportError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read))
        .unwrap_or_else(|_| Err(damaged("the workbook's contents could not be parsed")))
}

fn too_large() -> ImportError {
    ImportError::TooLarge { max_mb: FILE_MAX_BYTES / 1024 / 1024 }
}

fn damaged(detail: impl std::fmt::Display) -> ImportError {
    ImportError::Damaged { detail: detail.to_string() }
}

/// A ZIP container: an `.xlsx` workbook, else an OpenDocument spreadsheet,
/// else some other ZIP file (a `.docx`, an archive).
fn read_zip(bytes: &[u8]) -> Result<Workbook, ImportError> {
    match Xlsx::new(Cursor::new(bytes)) {
        Ok(mut xlsx) => read_xlsx(&mut xlsx),
        Err(XlsxError::Zip(e)) => Err(damaged(e)),
        Err(XlsxError::FileNotFound(_)) => match Ods::new(Cursor::new(bytes)) {
            Ok(mut ods) => read_ranges(&mut ods),
            Err(OdsError::Password) => Err(ImportError::Encrypted),
            Err(OdsError::InvalidMime(_) | OdsError::FileNotFound(_)) => Err(ImportError::NotASpreadsheet),
            Err(e) => Err(damaged(e)),
        },
        Err(e) => Err(damaged(e)),
    }
}

/// An OLE compound file: an `.xls` workbook, or an encrypted (password-
/// protected) `.xlsx`, which Excel saves as such a container.
fn read_compound(bytes: &[u8]) -> Result<Workbook, ImportError> {
    if let Err(XlsxError::Password) = Xlsx::new(Cursor::new(bytes)) {
        return Err(ImportError::Encrypted);
    }
    match Xls::new(Cursor::new(bytes)) {
        Ok(mut xls) => read_ranges(&mut xls),
        Err(XlsError::Password) => Err(ImportError::Encrypted),
        // calamine does not export its compound-file error type, so its
        // "no Workbook stream" (a Word .doc, an Outlook .msg) is told by name.
        Err(XlsError::Cfb(e)) if format!("{e:?}").starts_with("StreamNotFound") => {
            Err(ImportError::NotASpreadsheet)
        }
        Err(e) => Err(damaged(e)),
    }
}

fn check_position(row: u32, column: u32) -> Result<(), ImportError> {
    if row >= MAX_ROWS || column >= MAX_COLUMNS {
        return Err(damaged(format!("a cell lies beyond Excel's last row and column ({row}, {column})")));
    }
    Ok(())
}

/// A sheet's rows as they are filled, with the cells spent against [`MAX_CELLS`].
#[derive(Default)]
struct Grid {
    rows: Vec<Vec<Cell>>,
    cells: usize,
}

impl Grid {
    fn spend(&mut self, cells: usize) -> Result<(), ImportError> {
        self.cells = self.cells.saturating_add(cells);
        if self.cells > MAX_CELLS {
            return Err(ImportError::TooManyCells { max: MAX_CELLS });
        }
        Ok(())
    }

    /// Puts `cell` at its place, growing the rows as needed.
    fn place(&mut self, row: u32, column: u32, cell: Cell) -> Result<(), ImportError> {
        let (row, column) = (row as usize, column as usize);
        if self.rows.len() <= row {
            self.spend(row + 1 - self.rows.len())?;
            self.rows.resize_with(row + 1, Vec::new);
        }
        let width = self.rows[row].len();
        if width <= column {
            self.spend(column + 1 - width)?;
            self.rows[row].resize(column + 1, Cell::Empty);
        }
        self.rows[row][column] = cell;
        Ok(())
    }
}

fn too_long(sheet: &str, row: u32, column: u32) -> ImportError {
    ImportError::CellTooLong { sheet: sheet.to_owned(), row, column, max: CELL_MAX_CHARS }
}

/// Text longer than the cap is refused before it is copied.
fn text_cell(text: &str, sheet: &str, row: u32, column: u32) -> Result<Cell, ImportError> {
    if text.len() > CELL_MAX_CHARS && text.chars().nth(CELL_MAX_CHARS).is_some() {
        return Err(too_long(sheet, row, column));
    }
    Ok(if text.is_empty() { Cell::Empty } else { Cell::Text(text.to_owned()) })
}

fn date_cell(value: &calamine::ExcelDateTime) -> Cell {
    if value.is_duration() {
        return Cell::Number(value.as_f64());
    }
    match value.as_datetime() {
        Some(at) if at.time() == chrono::NaiveTime::MIN => Cell::Date(at.date()),
        Some(at) => Cell::DateTime(at),
        None => Cell::Number(value.as_f64()),
    }
}

/// An ISO 8601 date or date-time as OpenDocument stores them.
fn iso_cell(text: &str) -> Cell {
    if let Ok(date) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Cell::Date(date);
    }
    match chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f") {
        Ok(at) if at.time() == chrono::NaiveTime::MIN => Cell::Date(at.date()),
        Ok(at) => Cell::DateTime(at),
        Err(_) => Cell::Text(text.to_owned()),
    }
}

fn convert_ref(value: &DataRef<'_>, sheet: &str, row: u32, column: u32) -> Result<Cell, ImportError> {
    Ok(match value {
        DataRef::Empty => Cell::Empty,
        DataRef::Int(n) => Cell::Number(*n as f64),
        DataRef::Float(n) => Cell::Number(*n),
        DataRef::String(text) => text_cell(text, sheet, row, column)?,
        DataRef::SharedString(text) => text_cell(text, sheet, row, column)?,
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(value) => date_cell(value),
        DataRef::DateTimeIso(text) => iso_cell(text),
        DataRef::DurationIso(text) => text_cell(text, sheet, row, column)?,
        DataRef::Error(e) => Cell::Error(e.to_string()),
    })
}

/// An `.xlsx` workbook, cell by cell: shared strings are looked at where they
/// lie, so an over-long one is refused without being copied.
fn read_xlsx(xlsx: &mut Xlsx<Cursor<&[u8]>>) -> Result<Workbook, ImportError> {
    let mut sheets = Vec::new();
    let mut spent = 0;
    for name in xlsx.sheet_names() {
        let mut reader = match xlsx.worksheet_cells_reader(&name) {
            Ok(reader) => reader,
            // A chart sheet holds no cells.
            Err(XlsxError::NotAWorksheet(_)) => {
                sheets.push(Sheet { name, rows: Vec::new() });
                continue;
            }
            Err(e) => return Err(damaged(e)),
        };
        let mut grid = Grid { rows: Vec::new(), cells: spent };
        while let Some(cell) = reader.next_cell().map_err(damaged)? {
            let (row, column) = cell.get_position();
            check_position(row, column)?;
            let value = convert_ref(cell.get_value(), &name, row, column)?;
            if value != Cell::Empty {
                grid.place(row, column, value)?;
            }
        }
        spent = grid.cells;
        sheets.push(Sheet { name, rows: grid.rows });
    }
    Ok(Workbook { sheets })
}

/// `.xls` and `.ods` workbooks, which calamine reads a sheet at a time; the
/// cells are moved out of its range, not copied.
fn read_ranges<RS, R>(workbook: &mut R) -> Result<Workbook, ImportError>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    let mut sheets = Vec::new();
    let mut spent = 0;
    for name in workbook.sheet_names() {
        let mut range = workbook.worksheet_range(&name).map_err(damaged)?;
        let grid = take_range(&mut range, &name, spent)?;
        spent = grid.cells;
        sheets.push(Sheet { name, rows: grid.rows });
    }
    Ok(Workbook { sheets })
}

fn take_range(range: &mut Range<Data>, sheet: &str, spent: usize) -> Result<Grid, ImportError> {
    let mut grid = Grid { rows: Vec::new(), cells: spent };
    let (Some((top, left)), Some((bottom, right))) = (range.start(), range.end()) else {
        return Ok(grid);
    };
    check_position(bottom, right)?;
    let (height, width) = range.get_size();
    for r in 0..height {
        for c in 0..width {
            let (row, column) = (top + r as u32, left + c as u32);
            let value = match std::mem::take(&mut range[(r, c)]) {
                Data::Empty => continue,
                Data::Int(n) => Cell::Number(n as f64),
                Data::Float(n) => Cell::Number(n),
                Data::String(text) | Data::DurationIso(text) => owned_text_cell(text, sheet, row, column)?,
                Data::Bool(b) => Cell::Bool(b),
                Data::DateTime(value) => date_cell(&value),
                Data::DateTimeIso(text) => iso_cell(&text),
                Data::Error(e) => Cell::Error(e.to_string()),
            };
            if value != Cell::Empty {
                grid.place(row, column, value)?;
            }
        }
    }
    Ok(grid)
}

fn owned_text_cell(text: String, sheet: &str, row: u32, column: u32) -> Result<Cell, ImportError> {
    if text.len() > CELL_MAX_CHARS && text.chars().nth(CELL_MAX_CHARS).is_some() {
        return Err(too_long(sheet, row, column));
    }
    Ok(if text.is_empty() { Cell::Empty } else { Cell::Text(text) })
}

/// CSV or tab-separated text. Fields are split on the raw bytes (a GBK/GB18030
/// character never contains an ASCII byte) and decoded one at a time, so an
/// over-long field is refused before it is decoded.
fn read_text(name: &str, bytes: &[u8]) -> Result<Workbook, ImportError> {
    let (text, encoding): (Cow<'_, [u8]>, &'static Encoding) = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) if encoding == UTF_8 => (Cow::Borrowed(&bytes[bom..]), UTF_8),
        Some((encoding, bom)) => {
            let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(&bytes[bom..])
            else {
                return Err(ImportError::NotASpreadsheet);
            };
            (Cow::Owned(text.into_owned().into_bytes()), UTF_8)
        }
        None if std::str::from_utf8(bytes).is_ok() => (Cow::Borrowed(bytes), UTF_8),
        None if is_gb18030(bytes) => (Cow::Borrowed(bytes), GB18030),
        None => return Err(ImportError::NotASpreadsheet),
    };
    // Old DOS-era exports end with Ctrl-Z.
    let text = text.strip_suffix(b"\x1a").unwrap_or(&text);
    if text.iter().any(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) {
        return Err(ImportError::NotASpreadsheet);
    }
    let sheet = Path::new(name).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text);
    let mut record = csv::ByteRecord::new();
    let mut grid = Grid::default();
    while reader.read_byte_record(&mut record).map_err(damaged)? {
        let row = grid.rows.len() as u32;
        grid.spend(record.len() + 1)?;
        let mut cells = Vec::with_capacity(record.len());
        for (column, field) in record.iter().enumerate() {
            let column = column as u32;
            // At most 4 bytes a character in UTF-8 and GB18030.
            if field.len() > CELL_MAX_CHARS * 4 {
                return Err(too_long(&sheet, row, column));
            }
            let (decoded, _) = encoding.decode_without_bom_handling(field);
            // `="0123"`: how old systems keep Excel from reading a number
            // (a phone, an order number) as one; Excel shows the text inside.
            let text = decoded.strip_prefix("=\"").and_then(|t| t.strip_suffix('"')).unwrap_or(&decoded);
            cells.push(text_cell(text, &sheet, row, column)?);
        }
        while cells.last() == Some(&Cell::Empty) {
            cells.pop();
        }
        grid.rows.push(cells);
    }
    Ok(Workbook { sheets: vec![Sheet { name: sheet, rows: grid.rows }] })
}

/// Whether `bytes` are well-formed GB18030 (which includes GBK), checked in
/// small pieces without decoding the whole file into memory.
fn is_gb18030(bytes: &[u8]) -> bool {
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let mut buffer = [0u8; 8192];
    let mut rest = bytes;
    loop {
        let (result, read, _) = decoder.decode_to_utf8_without_replacement(rest, &mut buffer, true);
        rest = &rest[read..];
        match result {
            DecoderResult::InputEmpty => return true,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(..) => return false,
        }
    }
}

/// The separator of the first line: comma unless tabs or semicolons are more
/// frequent (Excel's "text" export uses tabs, European locales semicolons).
fn delimiter(text: &[u8]) -> u8 {
    let first_line = text.split(|&b| b == b'\n').next().unwrap_or_default();
    let count = |d: u8| first_line.iter().filter(|&&b| b == d).count();
    let (commas, tabs, semicolons) = (count(b','), count(b'\t'), count(b';'));
    if tabs > commas && tabs >= semicolons {
        b'\t'
    } else if semicolons > commas && semicolons > tabs {
        b';'
    } else {
        b','
    }
}
