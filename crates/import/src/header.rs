//! The header row: where it is, which field each column holds, and the
//! user's mapping of columns to fields (savable as a template per old system).

use std::collections::BTreeMap;

use caredesk_domain::validate::fold_width;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cell::{Cell, Sheet};
use crate::error::ImportError;

/// What a column holds, named as the archive's forms name it
/// (`CustomerInput`, `VehicleInput`) where the archive has the field, and for
/// the service history (visits, repair orders) otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Field {
    // The customer.
    /// `CustomerInput::name`.
    CustomerName,
    Mobile,
    /// A further phone (`CustomerInput::other_phones`).
    OtherPhone,
    Gender,
    Birthday,
    Address,
    Notes,
    MarketingConsent,
    // The vehicle.
    Plate,
    Vin,
    Brand,
    Model,
    ModelYear,
    Colour,
    PurchaseDate,
    WarrantyEnd,
    MileageKm,
    InsuranceExpiry,
    AnnualInspectionDue,
    // The service history.
    Advisor,
    VisitDate,
    RoNumber,
    WorkDone,
    Amount,
}

impl Field {
    pub const ALL: [Field; 24] = [
        Field::CustomerName,
        Field::Mobile,
        Field::OtherPhone,
        Field::Gender,
        Field::Birthday,
        Field::Address,
        Field::Notes,
        Field::MarketingConsent,
        Field::Plate,
        Field::Vin,
        Field::Brand,
        Field::Model,
        Field::ModelYear,
        Field::Colour,
        Field::PurchaseDate,
        Field::WarrantyEnd,
        Field::MileageKm,
        Field::InsuranceExpiry,
        Field::AnnualInspectionDue,
        Field::Advisor,
        Field::VisitDate,
        Field::RoNumber,
        Field::WorkDone,
        Field::Amount,
    ];

    /// The field's camelCase name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::CustomerName => "customerName",
            Field::Mobile => "mobile",
            Field::OtherPhone => "otherPhone",
            Field::Gender => "gender",
            Field::Birthday => "birthday",
            Field::Address => "address",
            Field::Notes => "notes",
            Field::MarketingConsent => "marketingConsent",
            Field::Plate => "plate",
            Field::Vin => "vin",
            Field::Brand => "brand",
            Field::Model => "model",
            Field::ModelYear => "modelYear",
            Field::Colour => "colour",
            Field::PurchaseDate => "purchaseDate",
            Field::WarrantyEnd => "warrantyEnd",
            Field::MileageKm => "mileageKm",
            Field::InsuranceExpiry => "insuranceExpiry",
            Field::AnnualInspectionDue => "annualInspectionDue",
            Field::Advisor => "advisor",
            Field::VisitDate => "visitDate",
            Field::RoNumber => "roNumber",
            Field::WorkDone => "workDone",
            Field::Amount => "amount",
        }
    }

    /// The column titles old systems use for the field, normalised as
    /// [`normalise_header`] does (no spaces, lower case, half width).
    fn titles(self) -> &'static [&'static str] {
        match self {
            Field::CustomerName => &[
                "客户姓名",
                "姓名",
                "车主",
                "车主姓名",
                "客户名称",
                "客户",
                "name",
                "customer",
                "customername",
                "owner",
                "ownername",
            ],
            Field::Mobile => &[
                "手机",
                "手机号",
                "手机号码",
                "联系电话",
                "电话",
                "移动电话",
                "mobile",
                "phone",
                "mobilephone",
                "tel",
                "telephone",
            ],
            Field::OtherPhone => &[
                "备用电话",
                "其他电话",
                "其它电话",
                "固定电话",
                "座机",
                "otherphone",
                "otherphones",
                "phone2",
            ],
            Field::Gender => &["性别", "gender", "sex"],
            Field::Birthday => &["生日", "出生日期", "birthday", "dateofbirth"],
            Field::Address => &["地址", "联系地址", "住址", "address"],
            Field::Notes => &["备注", "说明", "notes", "note", "remarks"],
            Field::MarketingConsent => {
                &["营销许可", "同意营销", "接受营销", "营销同意", "marketingconsent", "consent"]
            }
            Field::Plate => &["车牌", "车牌号", "车牌号码", "牌照号", "plate", "platenumber", "licenseplate"],
            Field::Vin => &["vin", "vin码", "车架号", "底盘号", "车辆识别代号", "车辆识别码", "车辆识别号"],
            Field::Brand => &["品牌", "车辆品牌", "brand", "make"],
            Field::Model => &["车型", "车系", "型号", "model"],
            Field::ModelYear => &["年款", "车型年款", "modelyear", "year"],
            Field::Colour => &["颜色", "车身颜色", "colour", "color"],
            Field::PurchaseDate => &["购车日期", "开票日期", "购买日期", "purchasedate"],
            Field::WarrantyEnd => &["质保到期", "保修到期", "质保到期日", "保修到期日", "warrantyend"],
            Field::MileageKm => &["行驶里程", "里程", "公里数", "里程数", "mileage", "odometer", "km"],
            Field::InsuranceExpiry => {
                &["保险到期", "保险到期日", "保险到期日期", "insurancedue", "insuranceexpiry"]
            }
            Field::AnnualInspectionDue => {
                &["年检到期", "年审日期", "年检到期日", "年检日期", "年审到期", "inspectiondue"]
            }
            Field::Advisor => &["顾问", "服务顾问", "接待顾问", "业务接待", "advisor", "serviceadvisor"],
            Field::VisitDate => &["进厂日期", "维修日期", "来店日期", "进店日期", "visitdate"],
            Field::RoNumber => {
                &["工单号", "维修单号", "工单编号", "委托书号", "ronumber", "ro", "repairorder"]
            }
            Field::WorkDone => &["维修项目", "维修内容", "作业项目", "workdone", "work", "workrequested"],
            Field::Amount => &["金额", "维修金额", "结算金额", "总金额", "amount", "total"],
        }
    }
}

/// A header as compared: half width, lower case, without spaces, without a
/// leading `*` (a required column) and without a trailing remark in brackets
/// (`手机号（必填）`, `Mileage (km)`) or after a colon.
pub fn normalise_header(text: &str) -> String {
    let folded = fold_width(text).to_lowercase();
    let mut kept: String = folded.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(cut) = kept.find(['(', '[', '【', '〔', '<', '《', ':']) {
        // `(必填)手机` keeps what follows the remark.
        kept = if cut == 0 {
            kept.split([')', ']', '】', '〕', '>', '》']).nth(1).unwrap_or_default().to_owned()
        } else {
            kept[..cut].to_owned()
        };
    }
    kept.trim_matches(['*', '＊', '※', '#', '.', '、']).to_owned()
}

/// The field a header names, if any.
pub fn recognise(header: &str) -> Option<Field> {
    let header = normalise_header(header);
    if header.is_empty() {
        return None;
    }
    Field::ALL.into_iter().find(|field| field.titles().contains(&header.as_str()))
}

/// How many rows from the top the header row is looked for in.
pub const HEADER_SEARCH_ROWS: usize = 20;

/// The header row: among the first [`HEADER_SEARCH_ROWS`] rows, the one in
/// which the most cells name a field (at least two); the first of equals.
/// A title row or merged cells above the header are passed over.
pub fn find_header_row(sheet: &Sheet) -> Result<usize, ImportError> {
    if sheet.is_blank() {
        return Err(ImportError::EmptySheet { sheet: sheet.name.clone() });
    }
    let mut best: Option<(usize, usize)> = None;
    for (index, row) in sheet.rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let known = row.iter().filter_map(Cell::text).filter_map(recognise).count();
        if known >= 2 && best.is_none_or(|(_, most)| known > most) {
            best = Some((index, known));
        }
    }
    best.map(|(index, _)| index)
        .ok_or_else(|| ImportError::NoHeaderRow { sheet: sheet.name.clone(), searched: HEADER_SEARCH_ROWS })
}

/// Which field each column holds: what the import proposes from the header
/// row, then what the user corrected. Saved with a name it is the template for
/// one old system's exports.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Mapping {
    /// The template's name, e.g. the old system's ("DMS 2015 导出"); empty when not saved.
    #[serde(default)]
    pub name: String,
    /// The sheet it was made for; `None`: the first sheet that holds data.
    #[serde(default)]
    #[ts(optional)]
    pub sheet: Option<String>,
    /// The header row (0-based); `None`: found by [`find_header_row`].
    #[serde(default)]
    #[ts(optional)]
    pub header_row: Option<u32>,
    /// 0-based column index → the field it holds; unmapped columns are skipped.
    pub columns: BTreeMap<u32, Field>,
}

impl Mapping {
    /// The mapping the header row's titles suggest. When two columns name
    /// the same field, the first one is taken and the user decides.
    pub fn guess(sheet: &Sheet, header_row: usize) -> Mapping {
        let mut columns = BTreeMap::new();
        let header = sheet.rows.get(header_row).map(Vec::as_slice).unwrap_or_default();
        for (column, cell) in header.iter().enumerate() {
            if let Some(field) = cell.text().and_then(recognise)
                && !columns.values().any(|f| *f == field)
            {
                columns.insert(column as u32, field);
            }
        }
        Mapping { name: String::new(), sheet: None, header_row: Some(header_row as u32), columns }
    }

    /// A field held by two columns is refused, naming both.
    pub fn validate(&self) -> Result<(), ImportError> {
        let mut seen: BTreeMap<Field, u32> = BTreeMap::new();
        for (&column, &field) in &self.columns {
            if let Some(&first) = seen.get(&field) {
                return Err(ImportError::DuplicateMapping { field, columns: [first, column] });
            }
            seen.insert(field, column);
        }
        Ok(())
    }

    /// The column that holds `field`.
    pub fn column_of(&self, field: Field) -> Option<u32> {
        self.columns.iter().find(|(_, f)| **f == field).map(|(c, _)| *c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_recognised_in_chinese_and_english() {
        let cases = [
            ("客户姓名", Field::CustomerName),
            ("车主", Field::CustomerName),
            ("Name", Field::CustomerName),
            ("手机号码（必填）", Field::Mobile),
            ("*手机号", Field::Mobile),
            ("联系 电话", Field::Mobile),
            ("Phone", Field::Mobile),
            ("车牌号", Field::Plate),
            ("ＶＩＮ", Field::Vin),
            ("VIN码", Field::Vin),
            ("车架号(17位)", Field::Vin),
            ("车辆识别代号", Field::Vin),
            ("行驶里程(km)", Field::MileageKm),
            ("公里数", Field::MileageKm),
            ("保险到期日", Field::InsuranceExpiry),
            ("年审日期", Field::AnnualInspectionDue),
            ("开票日期", Field::PurchaseDate),
            ("服务顾问", Field::Advisor),
            ("进厂日期", Field::VisitDate),
            ("维修单号", Field::RoNumber),
            ("维修内容", Field::WorkDone),
            ("结算金额（元）", Field::Amount),
            ("同意营销", Field::MarketingConsent),
            ("性别", Field::Gender),
            (" Purchase Date ", Field::PurchaseDate),
            ("COLOR", Field::Colour),
            ("【必填】姓名", Field::CustomerName),
        ];
        for (header, field) in cases {
            assert_eq!(recognise(header), Some(field), "{header}");
        }
        for unknown in ["", "   ", "序号", "客户档案导出", "2024年客户名单", "(必填)"] {
            assert_eq!(recognise(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn every_title_is_already_normalised_and_names_one_field() {
        let mut seen = std::collections::HashMap::new();
        for field in Field::ALL {
            assert_eq!(serde_json::to_value(field).unwrap(), field.as_str());
            for title in field.titles() {
                assert_eq!(normalise_header(title), *title, "{title}");
                assert_eq!(seen.insert(*title, field), None, "{title} names two fields");
            }
        }
    }

    fn text_row(cells: &[&str]) -> Vec<Cell> {
        cells.iter().map(|c| if c.is_empty() { Cell::Empty } else { Cell::Text((*c).into()) }).collect()
    }

    #[test]
    fn the_header_row_is_found_below_a_title() {
        let sheet = Sheet {
            name: "客户".into(),
            rows: vec![
                text_row(&["某某4S店客户档案", "", ""]),
                text_row(&["导出日期：2024-05-01", "姓名", ""]),
                vec![],
                text_row(&["序号", "客户姓名", "手机号码（必填）", "车牌号", "VIN"]),
                text_row(&["1", "张伟", "13800138000", "京A12345", "LFV2A21K767042918"]),
            ],
        };
        assert_eq!(find_header_row(&sheet), Ok(3));
        let mapping = Mapping::guess(&sheet, 3);
        assert_eq!(
            mapping.columns,
            BTreeMap::from([
                (1, Field::CustomerName),
                (2, Field::Mobile),
                (3, Field::Plate),
                (4, Field::Vin)
            ])
        );
        assert_eq!(mapping.validate(), Ok(()));

        let no_header = Sheet { name: "x".into(), rows: vec![text_row(&["a", "b"]), text_row(&["姓名"])] };
        assert_eq!(
            find_header_row(&no_header).unwrap_err().kind(),
            crate::error::ImportErrorKind::NoHeaderRow
        );
        let empty = Sheet { name: "空".into(), rows: vec![vec![Cell::Empty], vec![]] };
        assert_eq!(find_header_row(&empty), Err(ImportError::EmptySheet { sheet: "空".into() }));
    }

    #[test]
    fn a_field_mapped_twice_names_both_columns() {
        let mapping = Mapping {
            name: "旧DMS".into(),
            columns: BTreeMap::from([(0, Field::CustomerName), (2, Field::Mobile), (5, Field::Mobile)]),
            ..Mapping::default()
        };
        let error = mapping.validate().unwrap_err();
        assert_eq!(error, ImportError::DuplicateMapping { field: Field::Mobile, columns: [2, 5] });
        assert_eq!(error.to_string(), "columns C and F are both mapped to mobile");
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(json["kind"], "duplicate_mapping");
        assert_eq!(json["columns"], serde_json::json!([2, 5]));
        assert_eq!(json["field"], "mobile");
    }

    #[test]
    fn a_mapping_is_saved_and_read_back_as_a_template() {
        let mapping = Mapping {
            name: "金蝶DMS".into(),
            sheet: Some("客户".into()),
            header_row: Some(2),
            columns: BTreeMap::from([(0, Field::Vin), (3, Field::MileageKm)]),
        };
        let json = serde_json::to_string(&mapping).unwrap();
        assert!(json.contains("\"mileageKm\""), "{json}");
        assert_eq!(serde_json::from_str::<Mapping>(&json).unwrap(), mapping);
    }
}
