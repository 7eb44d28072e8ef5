//! A file's contents as typed cells, whatever format it came in.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::ImportError;

/// One cell as the file holds it; nothing is converted for a field yet.
/// CSV cells are always `Text` (or `Empty`): CSV has no types.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", content = "value", rename_all = "camelCase")]
pub enum Cell {
    #[default]
    Empty,
    Text(String),
    Number(f64),
    /// A date cell (a date format, no time of day).
    Date(NaiveDate),
    /// A date cell with a time of day.
    DateTime(NaiveDateTime),
    Bool(bool),
    /// An error value such as `#N/A` or `#REF!` (a formula's cached result).
    Error(String),
}

impl Cell {
    /// Empty, or text that is only spaces.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, for header recognition and display.
    pub fn text(&self) -> Option<&str> {
        match self {
            Cell::Text(text) => Some(text),
            _ => None,
        }
    }
}

/// One worksheet (a CSV file is one sheet named after the file). `rows[r][c]`
/// is the spreadsheet's row `r + 1`, column `c` (0 = A); rows may differ in
/// length and trailing cells are absent rather than `Empty`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// The cell at a 0-based position; `Empty` outside the data.
    pub fn cell(&self, row: usize, column: usize) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        self.rows.get(row).and_then(|r| r.get(column)).unwrap_or(&EMPTY)
    }

    /// No cell holds anything.
    pub fn is_blank(&self) -> bool {
        self.rows.iter().flatten().all(Cell::is_blank)
    }
}

/// Everything read from one file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
}

impl Workbook {
    /// The sheet the user chose, or else the first sheet that holds data.
    pub fn sheet(&self, name: Option<&str>) -> Result<&Sheet, ImportError> {
        let sheet = match name {
            Some(name) => self
                .sheets
                .iter()
                .find(|s| s.name == name)
                .ok_or_else(|| ImportError::NoSuchSheet { sheet: name.to_owned() })?,
            None => self.sheets.iter().find(|s| !s.is_blank()).ok_or(ImportError::NoData)?,
        };
        if sheet.is_blank() {
            return Err(ImportError::EmptySheet { sheet: sheet.name.clone() });
        }
        Ok(sheet)
    }
}
