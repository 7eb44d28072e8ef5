//! Data out of CareDesk as Excel workbooks. Customers' personal data leaving
//! the system is accounted for (China's PIPL): exporting is a permission of its
//! own (`Action::ExportData`, managers and administrators) and every export is
//! on the audit trail — who, what, how many rows of each table, and the filter
//! the list was taken with.
//!
//! The person picks where the file goes in the system's save dialog (the path
//! never comes from the page); the workbook is written beside it and renamed
//! into place, so a failed export leaves no half-written file, and the trail
//! records only an export whose file was written. Every export — the whole
//! archive and each screen's list — takes that one path (`export_with`,
//! `save_and_export`); what differs is only how its tables are read.

use std::path::{Path, PathBuf};

use caredesk_domain::archive::CustomerQuery;
use caredesk_domain::campaign::{CampaignId, Rsvp};
use caredesk_domain::follow_up::CallFilter;
use caredesk_domain::{Action, Actor, ErrorKind, Issue};
use caredesk_print::workbook::Table;
use caredesk_print::{
    Archive, CustomerLine, archive_tables, call_list_table, campaign_results_table, complaint_list_table,
    csi_report_tables, customer_list_table, guest_list_table, workbook,
};
use caredesk_store::engine::Read;
use caredesk_store::{
    Database, Now, StoreError, audit, campaigns, complaints, customers, follow_up, search, vehicles, visits,
};
use chrono::{FixedOffset, NaiveDate, Offset, Utc};
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
    language.into()
}

/// The text of the language.
fn pick(language: Language, zh: &'static str, en: &'static str) -> &'static str {
    match language {
        Language::ZhCn => zh,
        Language::En => en,
    }
}

/// The rows of each table of an export: `("customers", 1234)`.
pub type RowCounts = Vec<(&'static str, usize)>;

/// A workbook built, and the rows of each of its tables.
pub type Built = (Vec<u8>, RowCounts);

/// The desk's offset from UTC, as its clock gives "now" (whole minutes).
fn desk_offset(now: Now) -> FixedOffset {
    let minutes = (now.local - now.instant.naive_utc()).num_minutes();
    i32::try_from(minutes * 60).ok().and_then(FixedOffset::east_opt).unwrap_or_else(|| Utc.fix())
}

fn book(tables: &[Table]) -> Result<Vec<u8>, StoreError> {
    workbook::workbook(tables).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// The whole archive — customers, vehicles, visits — as a workbook, and the
/// rows of each table.
pub fn archive_workbook(conn: &dyn Read, now: Now, language: Language) -> Result<Built, StoreError> {
    let customers = customers::all(conn)?;
    let vehicles = vehicles::all(conn)?;
    let visits = visits::all(conn, now)?;
    let archive =
        Archive { customers: &customers, vehicles: &vehicles, visits: &visits, offset: desk_offset(now) };
    let bytes = book(&archive_tables(&archive, print_language(language)))?;
    Ok((bytes, vec![("customers", customers.len()), ("vehicles", vehicles.len()), ("visits", visits.len())]))
}

/// The customer list as the archive's search finds it — every match, not only
/// the lines the screen shows — with each customer's record beside its line.
pub fn customer_list_workbook(
    conn: &dyn Read,
    query: &CustomerQuery,
    now: Now,
    language: Language,
) -> Result<Built, StoreError> {
    let lines = search::all_customers(conn, query)?;
    let records = customers::all(conn)?;
    let by_id: std::collections::HashMap<_, _> = records.iter().map(|c| (c.id, c)).collect();
    let rows: Vec<CustomerLine> =
        lines.iter().map(|s| CustomerLine { summary: s, customer: by_id.get(&s.id).copied() }).collect();
    let table = customer_list_table(&rows, desk_offset(now), print_language(language));
    Ok((book(&[table])?, vec![("customers", lines.len())]))
}

/// The day's follow-up call list as filtered, as the call list reads it.
pub fn call_list_workbook(
    conn: &dyn Read,
    actor: &Actor,
    filter: &CallFilter,
    now: Now,
    language: Language,
) -> Result<Built, StoreError> {
    let calls = follow_up::list(conn, actor, filter, now.today)?;
    let table = call_list_table(&calls, print_language(language));
    Ok((book(&[table])?, vec![("calls", calls.len())]))
}

/// The complaints as the complaint list reads them: the open ones, or all.
pub fn complaint_list_workbook(
    conn: &dyn Read,
    open_only: bool,
    now: Now,
    language: Language,
) -> Result<Built, StoreError> {
    let list = complaints::all(conn, open_only)?;
    let table = complaint_list_table(&list, desk_offset(now), print_language(language));
    Ok((book(&[table])?, vec![("complaints", list.len())]))
}

/// A campaign's guests, those of one answer only when `rsvp` is given (the guest list's filter).
pub fn guest_list_workbook(
    conn: &dyn Read,
    id: CampaignId,
    rsvp: Option<Rsvp>,
    now: Now,
    language: Language,
) -> Result<Built, StoreError> {
    let mut guests = campaigns::invitations(conn, id)?;
    if let Some(rsvp) = rsvp {
        guests.retain(|g| g.rsvp == rsvp);
    }
    let table = guest_list_table(&guests, desk_offset(now), print_language(language));
    Ok((book(&[table])?, vec![("guests", guests.len())]))
}

/// What a campaign brought back, as its results tab reads it.
pub fn campaign_results_workbook(
    conn: &dyn Read,
    id: CampaignId,
    language: Language,
) -> Result<Built, StoreError> {
    let campaign = campaigns::get(conn, id)?;
    let results = campaigns::results(conn, id)?;
    let table = campaign_results_table(&campaign, &results, print_language(language));
    let rows = table.rows.len();
    Ok((book(&[table])?, vec![("results", rows)]))
}

/// The CSI report over a period, as the satisfaction tab reads it.
pub fn csi_report_workbook(
    conn: &dyn Read,
    actor: &Actor,
    from: NaiveDate,
    to: NaiveDate,
    now: Now,
    language: Language,
) -> Result<Built, StoreError> {
    let report = follow_up::report(conn, actor, from, to, now.today)?;
    let tables = csi_report_tables(&report, print_language(language));
    let names =
        ["summary", "by_advisor", "by_month", "by_advisor_month", "distribution", "factors", "hot_alerts"];
    let counts = names.into_iter().zip(tables.iter().map(|t| t.rows.len())).collect();
    Ok((book(&tables)?, counts))
}

/// Writes `bytes` to `target` through a file beside it, renamed into place.
pub(crate) fn write_whole(target: &Path, bytes: &[u8]) -> Result<(), CommandError> {
    let mut part = target.as_os_str().to_owned();
    part.push(".part");
    let part = PathBuf::from(part);
    let written = std::fs::write(&part, bytes).and_then(|()| std::fs::rename(&part, target));
    written.map_err(|error| {
        let _ = std::fs::remove_file(&part);
        Issue::new(ErrorKind::InvalidPath, "path", format!("cannot write {}: {error}", target.display()))
            .into()
    })
}

/// Every export's one path: checks the permission before anything is read,
/// builds the workbook, writes it, then records the export (`what`, the rows
/// of each table, the `filter` it was taken with); if the record cannot be
/// made, the file goes again: no export leaves CareDesk unaccounted for.
pub(crate) fn export_with(
    db: &mut Database,
    actor: &Actor,
    now: Now,
    target: &Path,
    what: &str,
    filter: &str,
    build: impl FnOnce(&dyn Read) -> Result<Built, StoreError>,
) -> Result<Exported, CommandError> {
    actor.require(Action::ExportData)?;
    let (bytes, counts) = build(db.conn())?;
    write_whole(target, &bytes)?;
    if let Err(error) = db.write(|tx| audit::record_export(tx, actor, now, what, &counts, filter)) {
        let _ = std::fs::remove_file(target);
        return Err(error.into());
    }
    let rows = counts.iter().map(|(_, n)| *n).sum::<usize>();
    log::info!("an export ({what}) was written ({rows} rows)");
    Ok(Exported { path: target.display().to_string(), rows: u32::try_from(rows).unwrap_or(u32::MAX) })
}

/// The whole archive's export, written to `target`: what `export_archive`
/// does once the dialog has answered.
#[cfg(test)]
fn export_to(
    db: &mut Database,
    actor: &Actor,
    now: Now,
    target: &Path,
    language: Language,
) -> Result<Exported, CommandError> {
    export_with(db, actor, now, target, "archive", "", |conn| archive_workbook(conn, now, language))
}

/// Asks where the workbook goes (the dialog titled `title`, the file named
/// `name` and the day), then exports there. `None` when the person cancelled
/// the dialog: nothing is written or recorded.
pub(crate) async fn save_and_export<F>(
    state: &AppState,
    title: &str,
    name: &str,
    what: &'static str,
    filter: String,
    build: F,
) -> Result<Option<Exported>, CommandError>
where
    F: FnOnce(&dyn Read, &Actor, Now) -> Result<Built, StoreError> + Send + 'static,
{
    // Refused before the dialog opens (the command guard has checked already).
    state.actor()?.require(Action::ExportData)?;
    let file_name = format!(
        "{} {}.xlsx",
        name.replace(['/', '\\', ':', '*', '?', '"', '<', '>', '|'], "_"),
        state.now().today
    );
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
    state
        .with_database(move |db| {
            export_with(db, &actor, now, &target, what, &filter, |conn| build(conn, &actor, now)).map(Some)
        })
        .await
}

/// The filter an export was taken with, as the trail records it.
fn filter_text(filter: &impl Serialize) -> String {
    serde_json::to_string(filter).unwrap_or_default()
}

/// The whole archive as a workbook, saved where the person picks. `None` when
/// they cancelled the dialog: nothing is written or recorded.
#[tauri::command]
pub async fn export_archive(
    state: State<'_, AppState>,
    language: Language,
) -> Result<Option<Exported>, CommandError> {
    let title = pick(language, "导出客户档案", "Export the archive");
    let name = pick(language, "客户档案", "CareDesk archive");
    save_and_export(&state, title, name, "archive", String::new(), move |conn, _, now| {
        archive_workbook(conn, now, language)
    })
    .await
}

/// The customer list as searched and filtered: every match, however many.
#[tauri::command]
pub async fn export_customer_list(
    state: State<'_, AppState>,
    query: CustomerQuery,
    language: Language,
) -> Result<Option<Exported>, CommandError> {
    let title = pick(language, "导出客户列表", "Export the customer list");
    let name = pick(language, "客户列表", "Customer list");
    let query = CustomerQuery { limit: None, ..query };
    save_and_export(&state, title, name, "customer_list", filter_text(&query), move |conn, _, now| {
        customer_list_workbook(conn, &query, now, language)
    })
    .await
}

/// The follow-up call list of a day as filtered.
#[tauri::command]
pub async fn export_follow_up_calls(
    state: State<'_, AppState>,
    filter: CallFilter,
    language: Language,
) -> Result<Option<Exported>, CommandError> {
    let title = pick(language, "导出回访电话列表", "Export the call list");
    let name = pick(language, "回访电话列表", "Follow-up calls");
    save_and_export(&state, title, name, "follow_up_calls", filter_text(&filter), move |conn, actor, now| {
        call_list_workbook(conn, actor, &filter, now, language)
    })
    .await
}

/// The complaints, the open ones or all as the list shows them.
#[tauri::command]
pub async fn export_complaints(
    state: State<'_, AppState>,
    open_only: bool,
    language: Language,
) -> Result<Option<Exported>, CommandError> {
    let title = pick(language, "导出客户投诉", "Export the complaints");
    let name = pick(language, "客户投诉", "Complaints");
    let filter = filter_text(&serde_json::json!({ "openOnly": open_only }));
    save_and_export(&state, title, name, "complaints", filter, move |conn, _, now| {
        complaint_list_workbook(conn, open_only, now, language)
    })
    .await
}

/// A campaign's guests, those of one answer only when `rsvp` is given.
#[tauri::command]
pub async fn export_campaign_guests(
    state: State<'_, AppState>,
    id: CampaignId,
    rsvp: Option<Rsvp>,
    language: Language,
) -> Result<Option<Exported>, CommandError> {
    let title = pick(language, "导出邀约名单", "Export the guests");
    let name = pick(language, "邀约名单", "Guests");
    let filter = filter_text(&serde_json::json!({ "campaign": id, "rsvp": rsvp }));
    save_and_export(&state, title, name, "campaign_guests", filter, move |conn, _, now| {
        guest_list_workbook(conn, id, rsvp, now, language)
    })
    .await
}

/// What a campaign brought back.
#[tauri::command]
pub async fn export_campaign_results(
    state: State<'_, AppState>,
    id: CampaignId,
    language: Language,
) -> Result<Option<Exported>, CommandError> {
    let title = pick(language, "导出活动效果", "Export the campaign's results");
    let name = pick(language, "活动效果", "Campaign results");
    let filter = filter_text(&serde_json::json!({ "campaign": id }));
    save_and_export(&state, title, name, "campaign_results", filter, move |conn, _, _| {
        campaign_results_workbook(conn, id, language)
    })
    .await
}

/// The CSI report over a period.
#[tauri::command]
pub async fn export_csi_report(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
    language: Language,
) -> Result<Option<Exported>, CommandError> {
    let title = pick(language, "导出满意度报表", "Export the CSI report");
    let name = format!("{} {from} – {to}", pick(language, "满意度报表", "CSI report"));
    let filter = filter_text(&serde_json::json!({ "from": from, "to": to }));
    save_and_export(&state, title, &name, "csi_report", filter, move |conn, actor, now| {
        csi_report_workbook(conn, actor, from, to, now, language)
    })
    .await
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

    // ---------------------------------------------------------------------
    // The screens' lists (issue 15): each export reads what its screen reads.

    fn manager() -> Actor {
        Actor { id: StaffId(1), name: "李经理".into(), role: Role::ServiceManager }
    }

    /// The first sheet of the workbook written at `target`, by name.
    fn sheet(target: &Path, name: &str) -> calamine::Range<Data> {
        let mut book: Xlsx<_> = calamine::open_workbook(target).unwrap();
        book.worksheet_range(name).unwrap()
    }

    fn is_date(cell: Option<&Data>) -> bool {
        matches!(cell, Some(Data::DateTime(_)))
    }

    /// The trail's newest export: what, and the JSON of its changes.
    fn last_export(db: &Database) -> (String, String) {
        let trail = audit::exports(db.conn()).unwrap();
        let entry = trail.iter().max_by_key(|e| e.id).expect("an export on the trail");
        assert_eq!(entry.staff_name, "李经理");
        let what =
            entry.changes.iter().find(|c| c.field == "what").unwrap().after.as_str().unwrap().to_owned();
        (what, serde_json::to_string(&entry.changes).unwrap())
    }

    #[test]
    fn the_customer_list_exports_every_match_of_the_search_not_only_the_lines_shown() {
        let (dir, mut db, now) = demo();
        let target = dir.path().join("customers.xlsx");
        let everyone = CustomerQuery { include_archived: true, ..CustomerQuery::default() };
        let all = search::all_customers(db.conn(), &everyone).unwrap();
        assert_eq!(all.len(), customers::all(db.conn()).unwrap().len(), "no filter: the whole archive");
        let shown =
            search::customers(db.conn(), &CustomerQuery { limit: Some(3), ..everyone.clone() }).unwrap();
        assert_eq!(shown.len(), 3);
        assert_eq!(shown[..], all[..3], "the same order as the screen");

        // A filtered list: a fragment of the first customer's name.
        let surname: String = all[0].name.chars().take(1).collect();
        let query = CustomerQuery { text: surname.clone(), ..CustomerQuery::default() };
        let matches = search::all_customers(db.conn(), &query).unwrap();
        assert!(!matches.is_empty() && matches.len() < all.len(), "{surname}: {}", matches.len());
        let filter = filter_text(&query);
        let exported = export_with(&mut db, &manager(), now, &target, "customer_list", &filter, |conn| {
            customer_list_workbook(conn, &query, now, Language::ZhCn)
        })
        .unwrap();
        assert_eq!(exported.rows as usize, matches.len());

        let sheet = sheet(&target, "客户列表");
        assert_eq!(sheet.height(), matches.len() + 1);
        assert_eq!(sheet.get((0, 1)), Some(&Data::String("客户姓名".into())));
        assert_eq!(sheet.get((1, 1)), Some(&Data::String(matches[0].name.clone())));
        assert_eq!(sheet.get((1, 2)), Some(&Data::String(matches[0].mobile.clone())));
        assert!(is_date(sheet.get((1, 11))), "customer since: {:?}", sheet.get((1, 11)));

        let (what, said) = last_export(&db);
        assert_eq!(what, "customer_list");
        assert!(said.contains(&format!("{}", matches.len())) && said.contains(&surname), "{said}");
    }

    #[test]
    fn the_call_list_exports_the_days_calls_as_filtered() {
        let (dir, mut db, now) = demo();
        let target = dir.path().join("calls.xlsx");
        let filter = CallFilter { date: now.today, ..CallFilter::default() };
        let calls = follow_up::list(db.conn(), &manager(), &filter, now.today).unwrap();
        assert!(!calls.is_empty());
        let exported = export_with(
            &mut db,
            &manager(),
            now,
            &target,
            "follow_up_calls",
            &filter_text(&filter),
            |conn| call_list_workbook(conn, &manager(), &filter, now, Language::En),
        )
        .unwrap();
        assert_eq!(exported.rows as usize, calls.len());

        let sheet = sheet(&target, "Follow-up calls");
        assert_eq!(sheet.height(), calls.len() + 1);
        assert_eq!(sheet.get((0, 0)), Some(&Data::String("Row".into())));
        assert_eq!(sheet.get((1, 0)), Some(&Data::Float(f64::from(calls[0].row))));
        assert_eq!(sheet.get((1, 2)), Some(&Data::String(calls[0].customer_name.clone())));
        assert!(is_date(sheet.get((1, 8))), "handed over: {:?}", sheet.get((1, 8)));

        let (what, said) = last_export(&db);
        assert_eq!(what, "follow_up_calls");
        assert!(said.contains(&now.today.to_string()), "{said}");
    }

    #[test]
    fn the_complaints_export_as_the_list_shows_them() {
        let (dir, mut db, now) = demo();
        let target = dir.path().join("complaints.xlsx");
        let list = complaints::all(db.conn(), false).unwrap();
        assert!(!list.is_empty());
        let exported =
            export_with(&mut db, &manager(), now, &target, "complaints", "{\"openOnly\":false}", |conn| {
                complaint_list_workbook(conn, false, now, Language::ZhCn)
            })
            .unwrap();
        assert_eq!(exported.rows as usize, list.len());

        let sheet = sheet(&target, "客户投诉");
        assert_eq!(sheet.height(), list.len() + 1);
        assert_eq!(sheet.get((0, 0)), Some(&Data::String("投诉编号".into())));
        assert_eq!(sheet.get((1, 0)), Some(&Data::String(list[0].number.clone())));
        assert!(is_date(sheet.get((1, 1))), "received: {:?}", sheet.get((1, 1)));
        assert_eq!(last_export(&db).0, "complaints");
    }

    #[test]
    fn a_campaigns_guests_and_results_export_with_dates_as_dates_and_money_as_numbers() {
        let (dir, mut db, now) = demo();
        let campaign = campaigns::list(db.conn())
            .unwrap()
            .into_iter()
            .map(|c| c.id)
            .find(|id| campaigns::invitations(db.conn(), *id).unwrap().iter().any(|g| g.rsvp_at.is_some()))
            .expect("a campaign with answered guests");
        let guests = campaigns::invitations(db.conn(), campaign).unwrap();

        let target = dir.path().join("guests.xlsx");
        let exported = export_with(&mut db, &manager(), now, &target, "campaign_guests", "", |conn| {
            guest_list_workbook(conn, campaign, None, now, Language::ZhCn)
        })
        .unwrap();
        assert_eq!(exported.rows as usize, guests.len());
        let list = sheet(&target, "邀约名单");
        assert_eq!(list.height(), guests.len() + 1);
        assert_eq!(list.get((0, 1)), Some(&Data::String("客户姓名".into())));
        let answered = guests.iter().position(|g| g.rsvp_at.is_some()).unwrap();
        assert!(is_date(list.get((answered + 1, 8))), "answered at: {:?}", list.get((answered + 1, 8)));

        // The list's filter: one answer only.
        let yes = guests.iter().filter(|g| g.rsvp == Rsvp::Yes).count();
        let (_, counts) =
            guest_list_workbook(db.conn(), campaign, Some(Rsvp::Yes), now, Language::ZhCn).unwrap();
        assert_eq!(counts, vec![("guests", yes)]);

        let results = campaigns::results(db.conn(), campaign).unwrap();
        let target = dir.path().join("results.xlsx");
        export_with(&mut db, &manager(), now, &target, "campaign_results", "", |conn| {
            campaign_results_workbook(conn, campaign, Language::En)
        })
        .unwrap();
        let sheet = sheet(&target, "Campaign results");
        assert_eq!(sheet.get((0, 0)), Some(&Data::String("Figure".into())));
        assert!(is_date(sheet.get((2, 1))), "starts on: {:?}", sheet.get((2, 1)));
        assert_eq!(sheet.get((5, 1)), Some(&Data::Float(f64::from(results.invited))));
        assert_eq!(sheet.get((10, 0)), Some(&Data::String("Revenue".into())));
        assert_eq!(sheet.get((10, 1)), Some(&Data::Float(results.revenue.0 as f64 / 100.0)));
        assert_eq!(sheet.get((11, 1)), Some(&Data::Float(results.cost.0 as f64 / 100.0)));
        assert_eq!(last_export(&db).0, "campaign_results");
    }

    #[test]
    fn the_csi_report_exports_the_figures_the_tab_shows() {
        let (dir, mut db, now) = demo();
        let target = dir.path().join("csi.xlsx");
        let from = now.today - chrono::Days::new(89);
        let report = follow_up::report(db.conn(), &manager(), from, now.today, now.today).unwrap();
        assert!(report.surveys > 0 && !report.by_advisor.is_empty());
        let exported = export_with(&mut db, &manager(), now, &target, "csi_report", "", |conn| {
            csi_report_workbook(conn, &manager(), from, now.today, now, Language::ZhCn)
        })
        .unwrap();

        let mut book: Xlsx<_> = calamine::open_workbook(&target).unwrap();
        assert_eq!(
            book.sheet_names(),
            ["满意度概况", "按服务顾问", "按月", "按顾问和月", "分布", "因素", "热线预警"]
        );
        let summary = book.worksheet_range("满意度概况").unwrap();
        assert!(is_date(summary.get((1, 1))), "from: {:?}", summary.get((1, 1)));
        assert_eq!(summary.get((3, 1)), Some(&Data::Float(f64::from(report.csi.unwrap()) / 100.0)));
        assert_eq!(summary.get((4, 1)), Some(&Data::Float(f64::from(report.surveys))));
        let advisors = book.worksheet_range("按服务顾问").unwrap();
        assert_eq!(advisors.height(), report.by_advisor.len() + 1);
        assert_eq!(advisors.get((1, 0)), Some(&Data::String(report.by_advisor[0].label.clone())));
        assert_eq!(advisors.get((1, 2)), Some(&Data::Float(f64::from(report.by_advisor[0].csi) / 100.0)));
        let months = book.worksheet_range("按顾问和月").unwrap();
        assert_eq!(months.height(), report.by_advisor_month.len() + 1);
        let rows = 9
            + report.by_advisor.len()
            + report.by_month.len()
            + report.by_advisor_month.len()
            + report.distribution.len()
            + report.factors.len()
            + report.alerts.len();
        assert_eq!(exported.rows as usize, rows);
        assert_eq!(last_export(&db).0, "csi_report");
    }

    #[test]
    fn an_advisor_may_export_no_list_and_no_file_is_left() {
        let (dir, mut db, now) = demo();
        let advisor = Actor { id: StaffId(2), name: "王丽".into(), role: Role::ServiceAdvisor };
        let campaign = campaigns::list(db.conn()).unwrap()[0].id;
        let filter = CallFilter { date: now.today, ..CallFilter::default() };
        type Build = Box<dyn FnOnce(&dyn Read) -> Result<Built, StoreError>>;
        let builds: Vec<(&str, Build)> = vec![
            (
                "customer_list",
                Box::new(move |c| customer_list_workbook(c, &CustomerQuery::default(), now, Language::En)),
            ),
            (
                "follow_up_calls",
                Box::new(move |c| call_list_workbook(c, &manager(), &filter, now, Language::En)),
            ),
            ("complaints", Box::new(move |c| complaint_list_workbook(c, true, now, Language::En))),
            ("campaign_guests", Box::new(move |c| guest_list_workbook(c, campaign, None, now, Language::En))),
            ("campaign_results", Box::new(move |c| campaign_results_workbook(c, campaign, Language::En))),
            (
                "csi_report",
                Box::new(move |c| {
                    csi_report_workbook(c, &manager(), now.today, now.today, now, Language::En)
                }),
            ),
        ];
        for (what, build) in builds {
            let target = dir.path().join(format!("{what}.xlsx"));
            let error = export_with(&mut db, &advisor, now, &target, what, "", build).unwrap_err();
            assert!(format!("{error:?}").to_lowercase().contains("forbidden"), "{what}: {error:?}");
            assert!(!target.exists() && !target.with_extension("xlsx.part").exists(), "{what}");
        }
        assert!(audit::exports(db.conn()).unwrap().is_empty());
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

    // ---------------------------------------------------------------------
    // The round trip (issue 15): the archive exported, then imported into an
    // empty database, sheet by sheet as a dealer would, gives the same archive.

    #[test]
    fn the_archive_exported_and_imported_into_an_empty_database_is_the_same_archive() {
        round_trip(Language::ZhCn);
    }

    #[test]
    fn the_archive_exported_in_english_comes_back_the_same_too() {
        round_trip(Language::En);
    }

    fn round_trip(language: Language) {
        use std::collections::HashMap;
        use std::sync::atomic::AtomicBool;

        use caredesk_import::{Mapping, convert_rows, find_header_row};
        use caredesk_store::import;

        let (dir, db, now) = demo();
        let (bytes, _) = archive_workbook(db.conn(), now, language).unwrap();
        let book = caredesk_import::read_bytes("archive.xlsx", &bytes).unwrap();

        let mut empty = Database::File(caredesk_store::Db::open(&dir.path().join("empty.db")).unwrap());
        let setup = caredesk_domain::staff::AdminSetup {
            name: "赵建国".into(),
            login: "admin".into(),
            password: "correct horse battery".into(),
        };
        let admin = empty.write(|tx| caredesk_store::staff::create_administrator(tx, &setup, now)).unwrap();
        let admin = Actor { id: admin.id, name: admin.name, role: Role::Administrator };
        let mut failed = Vec::new();
        for sheet in &book.sheets {
            let header = find_header_row(sheet).unwrap();
            let rows = convert_rows(sheet, &Mapping::guess(sheet, header)).unwrap();
            let planned = import::plan(empty.conn(), &rows, now.today).unwrap();
            let summary = import::commit(
                &mut empty,
                &admin,
                now,
                "archive.xlsx",
                &planned,
                import::BATCH_SIZE,
                &AtomicBool::new(false),
                &mut |_, _| {},
            )
            .unwrap();
            failed.extend(summary.failed_rows.into_iter().map(|r| (sheet.name.clone(), r)));
        }

        let offset = desk_offset(now);
        let customers_of = |conn: &dyn Read| -> Vec<String> {
            let mut all: Vec<String> = customers::all(conn)
                .unwrap()
                .into_iter()
                .map(|c| {
                    format!(
                        "{:?}",
                        (
                            c.name,
                            c.mobile,
                            c.other_phones,
                            c.address,
                            c.birthday,
                            c.notes,
                            c.marketing_consent
                        )
                    )
                })
                .collect();
            all.sort();
            all
        };
        let vehicles_of = |conn: &dyn Read| -> Vec<String> {
            let mobiles: HashMap<_, _> =
                customers::all(conn).unwrap().into_iter().map(|c| (c.id, c.mobile)).collect();
            let mut all: Vec<String> = vehicles::all(conn)
                .unwrap()
                .into_iter()
                .map(|v| {
                    format!(
                        "{:?}",
                        (
                            &mobiles[&v.customer_id],
                            v.plate,
                            v.vin,
                            v.brand,
                            v.model,
                            v.model_year,
                            v.colour,
                            v.purchase_date,
                            v.warranty_end,
                            v.insurance_expiry,
                            v.annual_inspection_due,
                        )
                    )
                })
                .collect();
            all.sort();
            all
        };
        // The visits that had begun (a visit date): the old number, the vehicle, the
        // day, the amount and the advisor's name.
        let visits_of = |conn: &dyn Read, imported: bool| -> Vec<String> {
            let mut all: Vec<String> = visits::all(conn, now)
                .unwrap()
                .into_iter()
                .filter_map(|v| {
                    let (number, at, advisor) = if imported {
                        (v.source_number?, v.handed_over_at?, v.imported_advisor.unwrap_or_default())
                    } else {
                        (v.number, v.received_at?, v.advisor_name)
                    };
                    Some(format!(
                        "{:?}",
                        (number, v.plate, at.with_timezone(&offset).date_naive(), v.total, advisor)
                    ))
                })
                .collect();
            all.sort();
            all
        };

        assert_eq!(customers_of(empty.conn()), customers_of(db.conn()), "failed: {failed:#?}");
        assert_eq!(vehicles_of(empty.conn()), vehicles_of(db.conn()), "failed: {failed:#?}");
        let visits = visits_of(db.conn(), false);
        assert!(!visits.is_empty());
        assert_eq!(visits_of(empty.conn(), true), visits, "failed: {failed:#?}");
        // Only appointments (an order number, no visit date yet) are not history to bring in.
        let appointments =
            visits::all(db.conn(), now).unwrap().iter().filter(|v| v.received_at.is_none()).count();
        let visits_sheet = book.sheets.last().map(|s| s.name.clone()).unwrap_or_default();
        assert!(failed.iter().all(|(sheet, _)| *sheet == visits_sheet), "{failed:#?}");
        assert_eq!(failed.len(), appointments, "{failed:#?}");
    }
}
