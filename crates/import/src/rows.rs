//! A sheet's data rows converted through a [`Mapping`], and the rows that
//! describe the same customer or vehicle twice within the file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cell::Sheet;
use crate::convert::{CellIssueKind, convert};
use crate::error::ImportError;
use crate::header::{Field, Mapping, find_header_row};

/// One data row, converted: each mapped field's text for the domain rules,
/// and what could not be converted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRow {
    /// 0-based index into the sheet's rows (the spreadsheet's row number − 1).
    pub row: u32,
    /// Empty text for an empty cell; a field with an issue is absent.
    pub values: BTreeMap<Field, String>,
    pub issues: Vec<RowIssue>,
}

impl ImportRow {
    /// The field's converted text; empty when absent.
    pub fn value(&self, field: Field) -> &str {
        self.values.get(&field).map(String::as_str).unwrap_or_default()
    }
}

/// A cell that could not be converted, where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RowIssue {
    pub column: u32,
    pub field: Field,
    pub kind: CellIssueKind,
    pub message: String,
}

/// Converts every row below the header row (the mapping's, or else the one
/// [`find_header_row`] finds); rows whose mapped cells are all empty are skipped.
pub fn convert_rows(sheet: &Sheet, mapping: &Mapping) -> Result<Vec<ImportRow>, ImportError> {
    mapping.validate()?;
    let header_row = match mapping.header_row {
        Some(row) if row as usize >= sheet.rows.len() => {
            return Err(ImportError::NoSuchRow { sheet: sheet.name.clone(), row });
        }
        Some(row) => row as usize,
        None => find_header_row(sheet)?,
    };
    let mut rows = Vec::new();
    for (index, cells) in sheet.rows.iter().enumerate().skip(header_row + 1) {
        if mapping.columns.keys().all(|&c| cells.get(c as usize).is_none_or(|cell| cell.is_blank())) {
            continue;
        }
        let mut row = ImportRow { row: index as u32, ..ImportRow::default() };
        for (&column, &field) in &mapping.columns {
            match convert(field, sheet.cell(index, column as usize)) {
                Ok(value) => {
                    row.values.insert(field, value);
                }
                Err(issue) => {
                    row.issues.push(RowIssue { column, field, kind: issue.kind, message: issue.message })
                }
            }
        }
        rows.push(row);
    }
    Ok(rows)
}

/// What two rows share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum DuplicateKey {
    Vin,
    Plate,
    MobileAndName,
}

/// Rows of the file that share a VIN, a plate, or a mobile number and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Duplicate {
    pub key: DuplicateKey,
    /// The shared value as compared (`LFV2A21K767042918`, `京A12345`, `13800138000 张伟`).
    pub value: String,
    /// 0-based row indices, in file order; at least two.
    pub rows: Vec<u32>,
}

/// Upper case, without the spaces, dashes and dots people type inside numbers.
fn compact(value: &str) -> String {
    value.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_uppercase).collect()
}

/// A mobile number as the domain stores it, else its digits.
fn mobile_key(value: &str) -> String {
    caredesk_domain::validate::mobile("mobile", value)
        .unwrap_or_else(|_| value.chars().filter(char::is_ascii_digit).collect())
}

/// Groups of rows that are the same vehicle (VIN, plate) or the same
/// customer (mobile and name), in the order of their first row.
pub fn duplicates(rows: &[ImportRow]) -> Vec<Duplicate> {
    let mut groups: BTreeMap<(DuplicateKey, String), Vec<u32>> = BTreeMap::new();
    for row in rows {
        let mut add = |key, value: String| {
            if !value.is_empty() {
                groups.entry((key, value)).or_default().push(row.row);
            }
        };
        add(DuplicateKey::Vin, compact(row.value(Field::Vin)));
        add(DuplicateKey::Plate, compact(row.value(Field::Plate)));
        let (mobile, name) = (mobile_key(row.value(Field::Mobile)), compact(row.value(Field::CustomerName)));
        if !mobile.is_empty() && !name.is_empty() {
            add(DuplicateKey::MobileAndName, format!("{mobile} {name}"));
        }
    }
    let mut found: Vec<Duplicate> = groups
        .into_iter()
        .filter(|(_, rows)| rows.len() > 1)
        .map(|((key, value), rows)| Duplicate { key, value, rows })
        .collect();
    found.sort_by(|a, b| (a.rows[0], a.key).cmp(&(b.rows[0], b.key)));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cell::Cell;

    fn row(cells: &[&str]) -> Vec<Cell> {
        cells.iter().map(|c| if c.is_empty() { Cell::Empty } else { Cell::Text((*c).into()) }).collect()
    }

    fn sheet() -> Sheet {
        Sheet {
            name: "客户".into(),
            rows: vec![
                row(&["客户档案"]),
                row(&["姓名", "手机", "车牌", "VIN", "购车日期"]),
                row(&["张伟", "13800138000", "京A12345", "LFV2A21K767042918", "2019/3/5"]),
                row(&["", "", "", "", ""]),
                row(&["李娜", "1.39001E+10", "京ａ·12345", "", "不详"]),
                row(&["张 伟", "138 0013 8000", "沪B88888", "lfv2a21k767042918", ""]),
                row(&["王强", "13700137000", "", "", ""]),
            ],
        }
    }

    #[test]
    fn rows_below_the_header_are_converted_with_their_issues() {
        let sheet = sheet();
        let mapping = Mapping::guess(&sheet, find_header_row(&sheet).unwrap());
        let rows = convert_rows(&sheet, &Mapping { header_row: None, ..mapping.clone() }).unwrap();
        assert_eq!(rows.iter().map(|r| r.row).collect::<Vec<_>>(), [2, 4, 5, 6]);
        assert_eq!(rows[0].value(Field::PurchaseDate), "2019-03-05");
        assert_eq!(rows[0].value(Field::Mobile), "13800138000");
        let kinds: Vec<_> = rows[1].issues.iter().map(|i| (i.column, i.field, i.kind)).collect();
        assert_eq!(
            kinds,
            [
                (1, Field::Mobile, CellIssueKind::LostDigits),
                (4, Field::PurchaseDate, CellIssueKind::InvalidDate)
            ]
        );
        assert_eq!(rows[1].value(Field::Plate), "京a·12345");

        let beyond = Mapping { header_row: Some(99), ..mapping };
        assert_eq!(
            convert_rows(&sheet, &beyond),
            Err(ImportError::NoSuchRow { sheet: "客户".into(), row: 99 })
        );
    }

    #[test]
    fn duplicates_by_vin_plate_and_mobile_with_name() {
        let sheet = sheet();
        let rows = convert_rows(&sheet, &Mapping::guess(&sheet, 1)).unwrap();
        let found = duplicates(&rows);
        assert_eq!(
            found,
            [
                Duplicate { key: DuplicateKey::Vin, value: "LFV2A21K767042918".into(), rows: vec![2, 5] },
                Duplicate { key: DuplicateKey::Plate, value: "京A12345".into(), rows: vec![2, 4] },
                Duplicate {
                    key: DuplicateKey::MobileAndName,
                    value: "13800138000 张伟".into(),
                    rows: vec![2, 5]
                },
            ]
        );
    }
}
