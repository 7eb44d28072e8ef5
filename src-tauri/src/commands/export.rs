//! Data out of CareDesk as Excel workbooks. Customers' personal data leaving
//! the system is accounted for (China's PIPL): exporting is a permission of its
//! own (`Action::ExportData`, managers and administrators) and every export is
//! on the audit trail — who, what, how many rows of each table.
//!
//! The person picks where the file goes in the system's save dialog (the path
//! never comes from the page); the workbook is written beside it and renamed
//! into place, so a failed export leaves no half-written file, and the trail
//! records only an export whose file was written.

use std::path::{Path, PathBuf};

use caredesk_domain::{Actor, ErrorKind, Issue};
use caredesk_print::{Archive, archive_tables, workbook};
use caredesk_store::engine::Read;
use caredesk_store::{Database, Now, StoreError, audit, customers, vehicles, visits};
use chrono::{Offset, Utc};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use super::app::Language;
use crate::error::CommandError;
use crate::state::AppState;

/// An export written: where, and how many rows it holds in all.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Exported {
    pub path: String,
    pub rows: u32,
}

fn print_language(language: Language) -> caredesk_print::Language {
    match language {
        Language::ZhCn => caredesk_print::Language::ZhCn,
        Language::En => caredesk_print::Language::En,
    }
}

/// The rows of each table of an export: `("customers", 1234)`.
pub type RowCounts = Vec<(&'static str, usize)>;

/// The whole archive — customers, vehicles, visits — as a workbook, and the
/// rows of each table.
pub fn archive_workbook(
    conn: &dyn Read,
    now: Now,
    language: Language,
) -> Result<(Vec<u8>, RowCounts), StoreError> {
    let customers = customers::all(conn)?;
    let vehicles = vehicles::all(conn)?;
    let visits = visits::all(conn, now)?;
    // The desk's offset from UTC, as its clock gives "now" (whole minutes).
    let minutes = (now.local - now.instant.naive_utc()).num_minutes();
    let offset =
        i32::try_from(minutes * 60).ok().and_then(chrono::FixedOffset::east_opt).unwrap_or_else(|| Utc.fix());
    let archive = Archive { customers: &customers, vehicles: &vehicles, visits: &visits, offset };
    let bytes = workbook::workbook(&archive_tables(&archive, print_language(language)))
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Ok((bytes, vec![("customers", customers.len()), ("vehicles", vehicles.len()), ("visits", visits.len())]))
}

/// Writes `bytes` to `target` through a file beside it, renamed into place.
fn write_whole(target: &Path, bytes: &[u8]) -> Result<(), CommandError> {
    let part = target.with_extension("xlsx.part");
    let written = std::fs::write(&part, bytes).and_then(|()| std::fs::rename(&part, target));
    written.map_err(|error| {
        let _ = std::fs::remove_file(&part);
        Issue::new(ErrorKind::InvalidPath, "path", format!("cannot write {}: {error}", target.display()))
            .into()
    })
}

/// Writes the workbook, then records the export; if the record cannot be
/// made, the file goes again: no export leaves CareDesk unaccounted for.
fn export_to(
    db: &mut Database,
    actor: &Actor,
    now: Now,
    target: &Path,
    language: Language,
) -> Result<Exported, CommandError> {
    let (bytes, counts) = archive_workbook(db.conn(), now, language)?;
    write_whole(target, &bytes)?;
    if let Err(error) = db.write(|tx| audit::record_export(tx, actor, now, "archive", &counts, "")) {
        let _ = std::fs::remove_file(target);
        return Err(error.into());
    }
    let rows = counts.iter().map(|(_, n)| *n).sum::<usize>();
    log::info!("the archive was exported ({rows} rows)");
    Ok(Exported { path: target.display().to_string(), rows: u32::try_from(rows).unwrap_or(u32::MAX) })
}

/// The whole archive as a workbook, saved where the person picks. `None` when
/// they cancelled the dialog: nothing is written or recorded.
#[tauri::command]
pub async fn export_archive(
    state: State<'_, AppState>,
    language: Language,
) -> Result<Option<Exported>, CommandError> {
    let (title, name) = match language {
        Language::ZhCn => ("导出客户档案", "客户档案"),
        Language::En => ("Export the archive", "CareDesk archive"),
    };
    let file_name = format!("{name} {}.xlsx", state.now().today);
    let Some(target) =
        crate::dialogs::save_file(&state.app()?, title, &file_name, ("Excel", &["xlsx"])).await
    else {
        return Ok(None);
    };
    let target: PathBuf = if target.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) {
        target
    } else {
        target.with_extension("xlsx")
    };
    let (actor, now) = (state.actor()?, state.now());
    state.with_database(move |db| export_to(db, &actor, now, &target, language).map(Some)).await
}

#[cfg(test)]
mod tests {
    use calamine::{Data, Reader, Xlsx};
    use caredesk_domain::{Role, StaffId};
    use chrono::TimeZone;

    use super::*;

    fn demo() -> (tempfile::TempDir, Database, Now) {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Database::File(caredesk_store::Db::open(&dir.path().join("caredesk.db")).unwrap());
        let now = Now::at(Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0).unwrap(), 8);
        caredesk_demo::seed(&mut db, &Actor::system(), now).unwrap();
        (dir, db, now)
    }

    #[test]
    fn the_archive_exports_every_customer_vehicle_and_visit_and_the_trail_says_so() {
        let (dir, mut db, now) = demo();
        let target = dir.path().join("archive.xlsx");
        let manager = Actor { id: StaffId(1), name: "李经理".into(), role: Role::ServiceManager };
        let exported = export_to(&mut db, &manager, now, &target, Language::ZhCn).unwrap();

        let customers = customers::all(db.conn()).unwrap();
        let vehicles = vehicles::all(db.conn()).unwrap();
        let visits = visits::all(db.conn(), now).unwrap();
        assert!(!customers.is_empty() && !vehicles.is_empty() && !visits.is_empty());
        assert_eq!(exported.rows as usize, customers.len() + vehicles.len() + visits.len());

        let mut book: Xlsx<_> = calamine::open_workbook(&target).unwrap();
        assert_eq!(book.sheet_names(), ["客户", "车辆", "来店记录"]);
        let sheet = book.worksheet_range("客户").unwrap();
        assert_eq!(sheet.height(), customers.len() + 1);
        assert_eq!(sheet.get((0, 1)), Some(&Data::String("客户姓名".into())));
        assert_eq!(sheet.get((1, 1)), Some(&Data::String(customers[0].name.clone())));
        assert_eq!(sheet.get((1, 2)), Some(&Data::String(customers[0].mobile.clone())));
        let sheet = book.worksheet_range("车辆").unwrap();
        assert_eq!(sheet.height(), vehicles.len() + 1);
        assert_eq!(sheet.get((1, 3)), Some(&Data::String(vehicles[0].vin.clone())));
        let sheet = book.worksheet_range("来店记录").unwrap();
        assert_eq!(sheet.height(), visits.len() + 1);
        // Money is a number (yuan), not text.
        let handed = visits.iter().position(|v| v.total.0 > 0).expect("a visit with an amount");
        assert_eq!(sheet.get((handed + 1, 12)), Some(&Data::Float(visits[handed].total.0 as f64 / 100.0)));

        let trail = audit::exports(db.conn()).unwrap();
        assert_eq!(trail.len(), 1);
        assert_eq!(trail[0].staff_name, "李经理");
        let said = serde_json::to_string(&trail[0].changes).unwrap();
        assert!(said.contains("archive") && said.contains(&format!("{}", customers.len())), "{said}");
        assert!(!dir.path().join("archive.xlsx.part").exists());
    }

    #[test]
    fn the_import_recognises_every_column_it_can_bring_back_in_both_languages() {
        use caredesk_import::{Field, Mapping, find_header_row};
        let (_dir, db, now) = demo();
        for language in [Language::ZhCn, Language::En] {
            let (bytes, _) = archive_workbook(db.conn(), now, language).unwrap();
            let book = caredesk_import::read_bytes("archive.xlsx", &bytes).unwrap();
            let mapped = |sheet: usize| {
                let sheet = &book.sheets[sheet];
                let row = find_header_row(sheet).unwrap();
                assert_eq!(row, 0, "{language:?} {}", sheet.name);
                Mapping::guess(sheet, row)
            };
            let customers = mapped(0);
            for field in [Field::CustomerName, Field::Mobile, Field::Address, Field::Birthday, Field::Notes] {
                assert!(customers.column_of(field).is_some(), "{language:?} customers: {field:?}");
            }
            let vehicles = mapped(1);
            for field in [
                Field::Plate,
                Field::Vin,
                Field::Brand,
                Field::Model,
                Field::ModelYear,
                Field::Colour,
                Field::PurchaseDate,
                Field::MileageKm,
                Field::InsuranceExpiry,
                Field::AnnualInspectionDue,
            ] {
                assert!(vehicles.column_of(field).is_some(), "{language:?} vehicles: {field:?}");
            }
            let visits = mapped(2);
            for field in [Field::RoNumber, Field::Advisor, Field::VisitDate, Field::Amount, Field::Plate] {
                assert!(visits.column_of(field).is_some(), "{language:?} visits: {field:?}");
            }
        }
    }

    #[test]
    fn an_advisor_may_not_export_and_leaves_no_file() {
        let (dir, mut db, now) = demo();
        let target = dir.path().join("archive.xlsx");
        let advisor = Actor { id: StaffId(2), name: "王丽".into(), role: Role::ServiceAdvisor };
        let error = export_to(&mut db, &advisor, now, &target, Language::En).unwrap_err();
        assert!(format!("{error:?}").to_lowercase().contains("forbidden"), "{error:?}");
        assert!(!target.exists());
    }
}
