//! What can be wrong with a file as a whole, in a form the UI translates by `kind`.

use serde::{Serialize, Serializer};
use thiserror::Error;
use ts_rs::TS;

use crate::header::Field;

/// Why a file (or the chosen sheet, header row or mapping) cannot be imported.
/// The UI branches and translates by [`ImportError::kind`]; the English
/// message is for logs. Rows and columns are 0-based indices into
/// [`crate::Sheet::rows`]; messages show them as the spreadsheet does (row 1, column A).
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ImportError {
    #[error("the file could not be read: {0}")]
    Io(String),
    #[error("the file is empty")]
    EmptyFile,
    #[error("the file is larger than {max_mb} MB")]
    TooLarge { max_mb: u64 },
    /// The data (with the empty cells between it) spreads over more cells than are read.
    #[error("the file spreads over more than {max} cells")]
    TooManyCells { max: usize },
    /// Neither an Excel workbook nor text (a PDF, a picture, a Word file).
    #[error("the file is not a spreadsheet (.xlsx, .xls or .csv)")]
    NotASpreadsheet,
    /// A workbook that is truncated or damaged.
    #[error("the workbook is damaged or incomplete: {detail}")]
    Damaged { detail: String },
    #[error("the workbook is protected by a password; save a copy without the password and import that")]
    Encrypted,
    /// Every sheet is empty.
    #[error("the file holds no data")]
    NoData,
    #[error("sheet \"{sheet}\" is not in the file")]
    NoSuchSheet { sheet: String },
    #[error("sheet \"{sheet}\" is empty")]
    EmptySheet { sheet: String },
    #[error(
        "sheet \"{sheet}\": no row among the first {searched} looks like a header row (at least two known column names)"
    )]
    NoHeaderRow { sheet: String, searched: usize },
    #[error("sheet \"{sheet}\" has no row {}", row + 1)]
    NoSuchRow { sheet: String, row: u32 },
    #[error("sheet \"{sheet}\", row {}, column {}: the cell is longer than {max} characters", row + 1, column_name(*column))]
    CellTooLong { sheet: String, row: u32, column: u32, max: usize },
    /// The mapping sends two columns to one field.
    #[error("columns {} and {} are both mapped to {}", column_name(columns[0]), column_name(columns[1]), field.as_str())]
    DuplicateMapping { field: Field, columns: [u32; 2] },
}

/// The kind of an [`ImportError`], for the UI to translate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportErrorKind {
    Io,
    EmptyFile,
    TooLarge,
    TooManyCells,
    NotASpreadsheet,
    Damaged,
    Encrypted,
    NoData,
    NoSuchSheet,
    EmptySheet,
    NoHeaderRow,
    NoSuchRow,
    CellTooLong,
    DuplicateMapping,
}

impl ImportError {
    pub fn kind(&self) -> ImportErrorKind {
        match self {
            Self::Io(_) => ImportErrorKind::Io,
            Self::EmptyFile => ImportErrorKind::EmptyFile,
            Self::TooLarge { .. } => ImportErrorKind::TooLarge,
            Self::TooManyCells { .. } => ImportErrorKind::TooManyCells,
            Self::NotASpreadsheet => ImportErrorKind::NotASpreadsheet,
            Self::Damaged { .. } => ImportErrorKind::Damaged,
            Self::Encrypted => ImportErrorKind::Encrypted,
            Self::NoData => ImportErrorKind::NoData,
            Self::NoSuchSheet { .. } => ImportErrorKind::NoSuchSheet,
            Self::EmptySheet { .. } => ImportErrorKind::EmptySheet,
            Self::NoHeaderRow { .. } => ImportErrorKind::NoHeaderRow,
            Self::NoSuchRow { .. } => ImportErrorKind::NoSuchRow,
            Self::CellTooLong { .. } => ImportErrorKind::CellTooLong,
            Self::DuplicateMapping { .. } => ImportErrorKind::DuplicateMapping,
        }
    }
}

/// An [`ImportError`] as it crosses to the UI.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ImportError")]
pub struct ImportErrorWire {
    pub kind: ImportErrorKind,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// For `duplicate_mapping`: the field and both of its columns.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<Field>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub columns: Option<[u32; 2]>,
    pub message: String,
}

impl From<&ImportError> for ImportErrorWire {
    fn from(error: &ImportError) -> Self {
        let mut wire = ImportErrorWire {
            kind: error.kind(),
            sheet: None,
            row: None,
            column: None,
            field: None,
            columns: None,
            message: error.to_string(),
        };
        match error {
            ImportError::NoSuchSheet { sheet }
            | ImportError::EmptySheet { sheet }
            | ImportError::NoHeaderRow { sheet, .. } => wire.sheet = Some(sheet.clone()),
            ImportError::NoSuchRow { sheet, row } => {
                wire.sheet = Some(sheet.clone());
                wire.row = Some(*row);
            }
            ImportError::CellTooLong { sheet, row, column, .. } => {
                wire.sheet = Some(sheet.clone());
                wire.row = Some(*row);
                wire.column = Some(*column);
            }
            ImportError::DuplicateMapping { field, columns } => {
                wire.field = Some(*field);
                wire.columns = Some(*columns);
                wire.column = Some(columns[1]);
            }
            _ => {}
        }
        wire
    }
}

impl Serialize for ImportError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ImportErrorWire::from(self).serialize(serializer)
    }
}

/// A 0-based column index as the spreadsheet names it: 0 → `A`, 27 → `AB`.
pub fn column_name(column: u32) -> String {
    let mut n = u64::from(column) + 1;
    let mut name = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        name.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    name.reverse();
    String::from_utf8_lossy(&name).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_excel_names_them() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(16_383), "XFD");
    }

    #[test]
    fn errors_serialise_with_kind_position_and_message() {
        let error = ImportError::CellTooLong { sheet: "客户".into(), row: 4, column: 2, max: 10 };
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(json["kind"], "cell_too_long");
        assert_eq!(json["row"], 4);
        assert_eq!(json["column"], 2);
        assert_eq!(json["message"], "sheet \"客户\", row 5, column C: the cell is longer than 10 characters");
        let json = serde_json::to_value(ImportError::NotASpreadsheet).unwrap();
        assert_eq!(json["kind"], "not_a_spreadsheet");
        assert!(json.get("row").is_none());
    }
}
