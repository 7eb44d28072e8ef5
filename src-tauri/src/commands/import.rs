//! The import wizard's steps (issue 15): the manager picks an old system's
//! export in the system's open dialog, chooses the sheet and the header row,
//! maps the columns (or takes a saved template), looks at the dry run, and
//! commits it in batches with a progress bar and a cancel button. The rows
//! that failed can be saved as a workbook in the file's own columns, with the
//! reason beside each, to be fixed and imported again.
//!
//! The file is read once and kept in this desk's memory ([`ImportDesk`]) until
//! the next file is picked: every step works on what was read, so a file
//! changed on disk meanwhile cannot slip other rows under a preview. Reading
//! and converting are `caredesk_import`'s; checking, matching and writing are
//! the store's (`caredesk_store::import`). A file that cannot be imported is
//! answered as a refusal ([`ImportErrorWire`]: kind, sheet, row, column) that
//! the UI words in the user's language; it is not an error of the command.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use caredesk_domain::{Actor, ErrorKind, Issue};
use caredesk_import::error::ImportErrorWire;
use caredesk_import::{Cell, Duplicate, ImportError, ImportRow, Mapping, Sheet, Workbook};
use caredesk_store::import::{ImportSummary, Outcome, Planned};
use caredesk_store::{Database, Now, StoreError, preferences};
use serde::{Deserialize, Serialize};
use tauri::{Emitter, State};
use ts_rs::TS;

use super::app::Language;
use crate::error::CommandError;
use crate::state::AppState;

/// Where the saved mappings are kept: one list per installation (on the
/// server in team mode, so every desk sees them).
const TEMPLATES: &str = "import.templates";
/// The rows of the file shown while the header row is chosen.
const FIRST_ROWS: usize = 12;
/// Sample values shown under each column's header while mapping.
const SAMPLES: usize = 3;
/// Rows that need no attention (new, unchanged) sent to the preview at most;
/// every row that does (invalid, conflict, update) is always sent.
pub const PREVIEW_QUIET_ROWS: usize = 2_000;
/// The Tauri event that carries a commit's progress.
pub const PROGRESS_EVENT: &str = "import-progress";

/// What this desk has read of the file being imported.
#[derive(Default)]
struct Loaded {
    file_name: String,
    workbook: Workbook,
    /// The sheet the preview was made of, and its rows converted.
    sheet: Option<String>,
    header_row: usize,
    rows: Vec<ImportRow>,
    planned: Vec<Planned>,
    /// The last commit's failed rows, for the report.
    summary: Option<ImportSummary>,
}

/// The import in progress on this desk (Tauri-managed state; clones share it,
/// so a step can take it onto the database's thread).
#[derive(Default, Clone)]
pub struct ImportDesk {
    loaded: Arc<Mutex<Option<Loaded>>>,
    cancel: Arc<AtomicBool>,
}

impl ImportDesk {
    fn loaded(&self) -> MutexGuard<'_, Option<Loaded>> {
        // The data behind a poisoned lock is still what was read.
        self.loaded.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A sheet of the picked file, as the sheet chooser lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SheetSummary {
    pub name: String,
    pub rows: u32,
    pub columns: u32,
    /// Nothing but empty cells: it cannot be imported.
    pub blank: bool,
}

/// The picked file: its sheets, or why it cannot be imported.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "outcome", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Opened {
    Read { name: String, sheets: Vec<SheetSummary> },
    Refused { name: String, error: ImportErrorWire },
}

/// A column of the chosen sheet under its header row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ColumnView {
    /// 0-based.
    pub column: u32,
    /// The spreadsheet's letter: `A`, `AB`.
    pub letter: String,
    pub header: String,
    /// The first few values below the header, as text.
    pub samples: Vec<String>,
}

/// The chosen sheet, for choosing its header row and mapping its columns.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SheetView {
    pub sheet: String,
    /// The header row (0-based): the one asked for, else the one found; `None`
    /// when none looks like one (`error` says so) and the user must pick it.
    #[ts(optional)]
    pub header_row: Option<u32>,
    /// The sheet's first rows as text, to pick the header row from.
    pub first_rows: Vec<Vec<String>>,
    pub columns: Vec<ColumnView>,
    /// What the headers suggest.
    pub guess: Mapping,
    /// Rows below the header row.
    pub data_rows: u32,
    #[ts(optional)]
    pub error: Option<ImportErrorWire>,
}

/// How many rows of the dry run would do what.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreviewCounts {
    pub total: u32,
    pub new: u32,
    pub update: u32,
    pub skip: u32,
    pub conflict: u32,
    pub invalid: u32,
    /// Past visits the commit would add (on new, updated or unchanged rows alike).
    pub visits_new: u32,
    /// Past visits the archive already has.
    pub visits_known: u32,
}

/// The dry run: nothing is written until the commit.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "outcome", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Preview {
    Planned {
        counts: PreviewCounts,
        /// Every row that needs attention, and up to [`PREVIEW_QUIET_ROWS`] others, in file order.
        rows: Vec<Planned>,
        /// Rows of the file that describe the same vehicle or customer.
        duplicates: Vec<Duplicate>,
        /// Rows with no attention needed that were left out of `rows`.
        rows_not_shown: u32,
    },
    Refused {
        error: ImportErrorWire,
    },
}

/// A commit's progress, as the `import-progress` event carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}

/// A failed row's reason, worded by the UI in the user's language (the same
/// words the preview and the result show).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FailedReason {
    pub row: u32,
    pub reason: String,
}

fn refused(error: &ImportError) -> ImportErrorWire {
    ImportErrorWire::from(error)
}

fn nothing_read() -> CommandError {
    Issue::new(ErrorKind::InvalidState, "file", "pick a file to import first").into()
}

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A cell as the wizard shows it.
fn shown(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(text) => text.trim().to_owned(),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        Cell::Number(n) => n.to_string(),
        Cell::Date(date) => date.to_string(),
        Cell::DateTime(at) => at.format("%Y-%m-%d %H:%M").to_string(),
        Cell::Bool(b) => b.to_string(),
        Cell::Error(e) => e.clone(),
    }
}

/// Reads `path` into this desk's import: the sheets, or why not.
pub fn open(desk: &ImportDesk, path: &Path) -> Opened {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    match caredesk_import::read(path) {
        Ok(workbook) => {
            let sheets = workbook
                .sheets
                .iter()
                .map(|s| SheetSummary {
                    name: s.name.clone(),
                    rows: u32_of(s.rows.len()),
                    columns: u32_of(s.rows.iter().map(Vec::len).max().unwrap_or(0)),
                    blank: s.is_blank(),
                })
                .collect();
            *desk.loaded() = Some(Loaded { file_name: name.clone(), workbook, ..Loaded::default() });
            Opened::Read { name, sheets }
        }
        Err(error) => {
            log::info!("import: {name} refused: {error}");
            *desk.loaded() = None;
            Opened::Refused { name, error: refused(&error) }
        }
    }
}

fn view_of(sheet: &Sheet, header_row: Option<usize>) -> SheetView {
    let first_rows = sheet.rows.iter().take(FIRST_ROWS).map(|r| r.iter().map(shown).collect()).collect();
    let (header_row, error) = match header_row {
        Some(row) if row >= sheet.rows.len() => {
            (None, Some(refused(&ImportError::NoSuchRow { sheet: sheet.name.clone(), row: u32_of(row) })))
        }
        Some(row) => (Some(row), None),
        None => match caredesk_import::find_header_row(sheet) {
            Ok(row) => (Some(row), None),
            Err(error) => (None, Some(refused(&error))),
        },
    };
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    let columns = match header_row {
        Some(row) => (0..width)
            .map(|column| ColumnView {
                column: u32_of(column),
                letter: caredesk_import::error::column_name(u32_of(column)),
                header: shown(sheet.cell(row, column)),
                samples: (row + 1..sheet.rows.len())
                    .map(|r| shown(sheet.cell(r, column)))
                    .filter(|s| !s.is_empty())
                    .take(SAMPLES)
                    .collect(),
            })
            .collect(),
        None => Vec::new(),
    };
    let guess = match header_row {
        Some(row) => Mapping { sheet: Some(sheet.name.clone()), ..Mapping::guess(sheet, row) },
        None => Mapping { sheet: Some(sheet.name.clone()), ..Mapping::default() },
    };
    SheetView {
        sheet: sheet.name.clone(),
        header_row: header_row.map(u32_of),
        first_rows,
        columns,
        guess,
        data_rows: header_row.map_or(0, |row| u32_of(sheet.rows.len().saturating_sub(row + 1))),
        error,
    }
}

/// The sheet `name` (or the first with data) under `header_row` (or the one found).
pub fn sheet(
    desk: &ImportDesk,
    name: Option<&str>,
    header_row: Option<u32>,
) -> Result<SheetView, CommandError> {
    let guard = desk.loaded();
    let loaded = guard.as_ref().ok_or_else(nothing_read)?;
    match loaded.workbook.sheet(name) {
        Ok(sheet) => Ok(view_of(sheet, header_row.map(|r| r as usize))),
        Err(error) => Ok(SheetView {
            sheet: name.unwrap_or_default().to_owned(),
            header_row: None,
            first_rows: Vec::new(),
            columns: Vec::new(),
            guess: Mapping::default(),
            data_rows: 0,
            error: Some(refused(&error)),
        }),
    }
}

fn counts(planned: &[Planned]) -> PreviewCounts {
    let mut counts = PreviewCounts { total: u32_of(planned.len()), ..PreviewCounts::default() };
    for row in planned {
        match row.outcome {
            Outcome::New { .. } => counts.new += 1,
            Outcome::Update { .. } => counts.update += 1,
            Outcome::Skip { .. } => counts.skip += 1,
            Outcome::Conflict { .. } => counts.conflict += 1,
            Outcome::Invalid { .. } => counts.invalid += 1,
        }
        if !matches!(row.outcome, Outcome::Conflict { .. } | Outcome::Invalid { .. })
            && let Some(visit) = &row.visit
        {
            match visit.status {
                caredesk_store::import::PastVisitStatus::New => counts.visits_new += 1,
                caredesk_store::import::PastVisitStatus::Known => counts.visits_known += 1,
            }
        }
    }
    counts
}

fn needs_attention(row: &Planned) -> bool {
    matches!(row.outcome, Outcome::Update { .. } | Outcome::Conflict { .. } | Outcome::Invalid { .. })
}

/// The dry run of the sheet through `mapping`: every row converted, checked
/// by the forms' rules and matched against the archive. Nothing is written.
pub fn preview(
    desk: &ImportDesk,
    db: &Database,
    today: chrono::NaiveDate,
    mapping: &Mapping,
) -> Result<Preview, CommandError> {
    let mut guard = desk.loaded();
    let loaded = guard.as_mut().ok_or_else(nothing_read)?;
    let sheet = match loaded.workbook.sheet(mapping.sheet.as_deref()) {
        Ok(sheet) => sheet,
        Err(error) => return Ok(Preview::Refused { error: refused(&error) }),
    };
    if mapping.columns.is_empty() {
        let error = Issue::new(ErrorKind::Required, "mapping", "map at least one column to a field");
        return Err(error.into());
    }
    let header_row = match mapping.header_row {
        Some(row) => row as usize,
        None => match caredesk_import::find_header_row(sheet) {
            Ok(row) => row,
            Err(error) => return Ok(Preview::Refused { error: refused(&error) }),
        },
    };
    let mapping = Mapping { header_row: Some(u32_of(header_row)), ..mapping.clone() };
    let rows = match caredesk_import::convert_rows(sheet, &mapping) {
        Ok(rows) => rows,
        Err(error) => return Ok(Preview::Refused { error: refused(&error) }),
    };
    let duplicates = caredesk_import::duplicates(&rows);
    let planned = caredesk_store::import::plan(db.conn(), &rows, today)?;
    let counts = counts(&planned);
    let mut quiet = 0;
    let shown: Vec<Planned> = planned
        .iter()
        .filter(|row| {
            needs_attention(row) || {
                quiet += 1;
                quiet <= PREVIEW_QUIET_ROWS
            }
        })
        .cloned()
        .collect();
    let rows_not_shown = u32_of(planned.len() - shown.len());
    loaded.sheet = Some(sheet.name.clone());
    loaded.header_row = header_row;
    loaded.rows = rows;
    loaded.planned = planned;
    loaded.summary = None;
    Ok(Preview::Planned { counts, rows: shown, duplicates, rows_not_shown })
}

/// Writes the dry run's rows in batches; `progress` hears rows done of the total.
pub fn commit(
    desk: &ImportDesk,
    db: &mut Database,
    actor: &Actor,
    now: Now,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportSummary, CommandError> {
    let planned = {
        let guard = desk.loaded();
        let loaded = guard.as_ref().ok_or_else(nothing_read)?;
        if loaded.sheet.is_none() {
            return Err(Issue::new(ErrorKind::InvalidState, "preview", "look at the preview first").into());
        }
        (loaded.file_name.clone(), loaded.planned.clone())
    };
    let (file_name, planned) = planned;
    desk.cancel.store(false, Ordering::SeqCst);
    let summary = caredesk_store::import::commit(
        db,
        actor,
        now,
        &file_name,
        &planned,
        caredesk_store::import::BATCH_SIZE,
        &desk.cancel,
        progress,
    )?;
    log::info!(
        "import of {file_name}: {} imported, {} updated, {} skipped, {} failed{}",
        summary.imported,
        summary.updated,
        summary.skipped,
        summary.failed,
        if summary.cancelled { ", cancelled" } else { "" }
    );
    if let Some(loaded) = desk.loaded().as_mut() {
        loaded.summary = Some(summary.clone());
    }
    Ok(summary)
}

/// A cell of the file as the report writes it back: numbers stay numbers and
/// dates dates, so the fixed file reads as the original did.
fn value_of(cell: &Cell) -> caredesk_print::workbook::Value {
    use caredesk_print::workbook::Value;
    match cell {
        Cell::Empty => Value::Empty,
        Cell::Text(text) => Value::text(text.clone()),
        Cell::Number(n) => Value::Number(*n),
        Cell::Date(date) => Value::Date(*date),
        Cell::DateTime(at) => Value::DateTime(*at),
        Cell::Bool(b) => Value::Text(b.to_string()),
        Cell::Error(e) => Value::Text(e.clone()),
    }
}

/// The failed rows of the last commit (else of the preview: its invalid and
/// conflicting rows) in the file's own columns, with the reason last.
pub fn failed_report(
    desk: &ImportDesk,
    reasons: &[FailedReason],
    language: Language,
) -> Result<(Vec<u8>, usize), CommandError> {
    use caredesk_print::workbook::{Column, Table, Value, workbook};
    let guard = desk.loaded();
    let loaded = guard.as_ref().ok_or_else(nothing_read)?;
    let sheet = loaded
        .workbook
        .sheet(loaded.sheet.as_deref())
        .map_err(|e| CommandError::from(Issue::new(ErrorKind::InvalidState, "file", e.to_string())))?;
    let failed: Vec<u32> = match &loaded.summary {
        Some(summary) => summary.failed_rows.iter().map(|f| f.row).collect(),
        None => loaded
            .planned
            .iter()
            .filter(|p| matches!(p.outcome, Outcome::Conflict { .. } | Outcome::Invalid { .. }))
            .map(|p| p.row)
            .collect(),
    };
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    let (row_header, reason_header, name) = match language {
        Language::ZhCn => ("原行号", "失败原因", "未导入的行"),
        Language::En => ("Row in file", "Reason", "Rows not imported"),
    };
    let mut columns = vec![Column::new(row_header, 10.0)];
    for column in 0..width {
        let header = shown(sheet.cell(loaded.header_row, column));
        let header =
            if header.is_empty() { caredesk_import::error::column_name(u32_of(column)) } else { header };
        columns.push(Column::new(header, 16.0));
    }
    columns.push(Column::new(reason_header, 60.0));
    let rows: Vec<Vec<Value>> = failed
        .iter()
        .map(|&row| {
            let mut values = vec![Value::Number(f64::from(row + 1))];
            values.extend((0..width).map(|c| value_of(sheet.cell(row as usize, c))));
            let reason =
                reasons.iter().filter(|r| r.row == row).map(|r| r.reason.as_str()).collect::<Vec<_>>();
            values.push(Value::text(reason.join("；")));
            values
        })
        .collect();
    let count = rows.len();
    let bytes = workbook(&[Table { name: name.to_owned(), columns, rows }])
        .map_err(|e| CommandError::internal(e.to_string()))?;
    Ok((bytes, count))
}

/// The saved mappings, by name.
pub fn templates(conn: &dyn caredesk_store::engine::Read) -> Result<Vec<Mapping>, StoreError> {
    preferences::get_json::<Vec<Mapping>>(conn, TEMPLATES)
}

/// Saves `template` under its name (replacing one of the same name).
pub fn save_template(
    db: &mut Database,
    actor: &Actor,
    now: Now,
    template: Mapping,
) -> Result<Vec<Mapping>, StoreError> {
    let name = caredesk_domain::validate::fold_width(template.name.trim());
    if name.is_empty() {
        return Err(Issue::new(ErrorKind::Required, "name", "name the template").into());
    }
    if name.chars().count() > 60 {
        return Err(Issue::new(ErrorKind::TooLong, "name", "at most 60 characters").into());
    }
    if let Err(error) = template.validate() {
        return Err(Issue::new(ErrorKind::Duplicate, "mapping", error.to_string()).into());
    }
    db.write(|tx| {
        let before = preferences::get_json::<Vec<Mapping>>(tx, TEMPLATES)?;
        let mut after: Vec<Mapping> = before.iter().filter(|t| t.name != name).cloned().collect();
        after.push(Mapping { name: name.clone(), ..template.clone() });
        after.sort_by(|a, b| a.name.cmp(&b.name));
        preferences::set_json(tx, actor, now, TEMPLATES, &before, &after)?;
        Ok(after)
    })
}

/// Deletes the template `name`.
pub fn delete_template(
    db: &mut Database,
    actor: &Actor,
    now: Now,
    name: &str,
) -> Result<Vec<Mapping>, StoreError> {
    db.write(|tx| {
        let before = preferences::get_json::<Vec<Mapping>>(tx, TEMPLATES)?;
        let after: Vec<Mapping> = before.iter().filter(|t| t.name != name).cloned().collect();
        preferences::set_json(tx, actor, now, TEMPLATES, &before, &after)?;
        Ok(after)
    })
}

/// Picks the file to import in the system's open dialog and reads it. `None`
/// when the person cancelled.
#[tauri::command]
pub async fn import_pick_file(
    state: State<'_, AppState>,
    desk: State<'_, ImportDesk>,
    language: Language,
) -> Result<Option<Opened>, CommandError> {
    let title = match language {
        Language::ZhCn => "选择要导入的文件",
        Language::En => "Choose the file to import",
    };
    let filter = ("Excel / CSV", &["xlsx", "xlsm", "xls", "ods", "csv", "txt"][..]);
    let Some(path) = crate::dialogs::pick_file(&state.app()?, title, filter).await else {
        return Ok(None);
    };
    let desk = desk.inner().clone();
    // Reading a large workbook takes a moment: off the async runtime's workers.
    let opened = tauri::async_runtime::spawn_blocking(move || open(&desk, &path))
        .await
        .map_err(|e| CommandError::internal(format!("reading the file failed: {e}")))?;
    Ok(Some(opened))
}

/// The sheet `sheet` (or the first with data) under `header_row` (or the one found).
#[tauri::command]
pub fn import_sheet(
    desk: State<'_, ImportDesk>,
    sheet: Option<String>,
    header_row: Option<u32>,
) -> Result<SheetView, CommandError> {
    self::sheet(&desk, sheet.as_deref(), header_row)
}

/// The dry run through `mapping`.
#[tauri::command]
pub async fn import_preview(
    state: State<'_, AppState>,
    desk: State<'_, ImportDesk>,
    mapping: Mapping,
) -> Result<Preview, CommandError> {
    let desk = desk.inner().clone();
    let today = state.now().today;
    state.with_database(move |db| preview(&desk, db, today, &mapping)).await
}

/// Commits the dry run; the `import-progress` event says how far it is.
#[tauri::command]
pub async fn import_commit(
    state: State<'_, AppState>,
    desk: State<'_, ImportDesk>,
) -> Result<ImportSummary, CommandError> {
    let desk = desk.inner().clone();
    let (actor, now, app) = (state.actor()?, state.now(), state.app().ok());
    state
        .with_database(move |db| {
            let mut progress = |done: usize, total: usize| {
                if let Some(app) = &app {
                    let _ =
                        app.emit(PROGRESS_EVENT, ImportProgress { done: u32_of(done), total: u32_of(total) });
                }
            };
            commit(&desk, db, &actor, now, &mut progress)
        })
        .await
}

/// Stops the running commit after the batch it is writing.
#[tauri::command]
pub fn import_cancel(desk: State<'_, ImportDesk>) {
    desk.cancel.store(true, Ordering::SeqCst);
}

/// Saves the rows that were not imported, with their reasons, where the
/// person picks; `None` when they cancelled.
#[tauri::command]
pub async fn import_save_failed(
    state: State<'_, AppState>,
    desk: State<'_, ImportDesk>,
    reasons: Vec<FailedReason>,
    language: Language,
) -> Result<Option<super::export::Exported>, CommandError> {
    let (bytes, rows) = failed_report(&desk, &reasons, language)?;
    let (title, name) = match language {
        Language::ZhCn => ("保存未导入的行", "未导入的行"),
        Language::En => ("Save the rows not imported", "Rows not imported"),
    };
    let stem = desk.loaded().as_ref().map(|l| l.file_name.clone()).unwrap_or_default();
    let stem = Path::new(&stem).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let file_name = format!("{stem} {name}.xlsx");
    let Some(target) =
        crate::dialogs::save_file(&state.app()?, title, &file_name, ("Excel", &["xlsx"])).await
    else {
        return Ok(None);
    };
    let target = if target.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) {
        target
    } else {
        target.with_extension("xlsx")
    };
    super::export::write_whole(&target, &bytes)?;
    Ok(Some(super::export::Exported { path: target.display().to_string(), rows: u32_of(rows) }))
}

/// The saved mappings.
#[tauri::command]
pub async fn import_templates(state: State<'_, AppState>) -> Result<Vec<Mapping>, CommandError> {
    state.with_db(|db| templates(db.conn())).await
}

/// Saves a mapping as a template for the old system it was made for.
#[tauri::command]
pub async fn save_import_template(
    state: State<'_, AppState>,
    template: Mapping,
) -> Result<Vec<Mapping>, CommandError> {
    state.as_member(move |db, actor, now| save_template(db, actor, now, template)).await
}

/// Deletes a template.
#[tauri::command]
pub async fn delete_import_template(
    state: State<'_, AppState>,
    name: String,
) -> Result<Vec<Mapping>, CommandError> {
    state.as_member(move |db, actor, now| delete_template(db, actor, now, &name)).await
}

/// The files the import's end-to-end journey picks (`tests/e2e/fixtures`),
/// made here so that the journey and the tests below import the same rows:
/// `CAREDESK_WRITE_FIXTURES=1 cargo test -p caredesk import::` writes them.
#[cfg(test)]
mod fixtures {
    use caredesk_print::workbook::{Column, Table, Value, workbook};
    use chrono::NaiveDate;

    /// A VIN with its check digit right, numbered `serial`.
    pub fn vin(serial: usize) -> String {
        let body = format!("LFV2A21K0J2{serial:06}");
        let check = caredesk_domain::validate::vin_check_digit(&body).expect("a VIN's characters");
        format!("{}{check}{}", &body[..8], &body[9..])
    }

    /// The three customers the GBK file brings (name, mobile, plate).
    pub const KNOWN: [(&str, &str, &str); 3] = [
        ("张建国", "13912340001", "京A10001"),
        ("李秀英", "13912340002", "京A10002"),
        ("王志强", "13912340003", "京A10003"),
    ];

    /// A CSV file as Chinese Excel saves it: GBK, a title line above the
    /// header, phone numbers stored as numbers (`13912340001.0`), dates as
    /// `2019/3/5`, `2019年3月5日` and `2019.03.05`, a mileage with a thousands comma.
    pub fn gbk_csv() -> Vec<u8> {
        let text = format!(
            "客户资料导出（旧系统）\r\n\
             客户姓名,手机号码,车牌号,车架号,品牌,车型,购车日期,行驶里程,保险到期\r\n\
             张建国,13912340001.0,京A10001,{},大众,帕萨特,2019/3/5,45210,2027年1月5日\r\n\
             李秀英,13912340002,京A10002,{},丰田,凯美瑞,2020年6月18日,\"23,400\",2027/2/1\r\n\
             王志强,13912340003,京A10003,{},本田,雅阁,2018.11.02,88000,2027.03.09\r\n\
             赵小红,1.3912340004E+10,京A10004,{},别克,君威,2021-5-6,1000,2027-05-06\r\n",
            vin(9001),
            vin(9002),
            vin(9003),
            vin(9004)
        );
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    /// The rows of the dealer's workbook (0-based data rows) that the import refuses, and why.
    pub const BAD: [(usize, &str); 5] =
        [(20, "mobile"), (60, "plate"), (90, "customerName"), (140, "purchaseDate"), (180, "mileageKm")];
    /// The data rows that are the GBK file's customers, with a new mileage.
    pub const MATCHING: [usize; 3] = [10, 50, 100];
    pub const ROWS: usize = 200;

    const SURNAMES: [&str; 20] = [
        "赵", "钱", "孙", "周", "吴", "郑", "冯", "陈", "褚", "卫", "蒋", "沈", "韩", "杨", "朱", "秦", "尤",
        "许", "何", "吕",
    ];
    const GIVEN: [&str; 10] = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "军", "杰"];
    const MODELS: [(&str, &str); 4] =
        [("大众", "帕萨特"), ("丰田", "凯美瑞"), ("本田", "雅阁"), ("别克", "君威")];

    /// The dealer's archive: 200 customers, each with a car, as an `.xlsx`
    /// workbook; five rows are wrong ([`BAD`]) and three are customers the
    /// GBK file brought ([`MATCHING`]).
    pub fn dealer_workbook() -> Vec<u8> {
        let columns = [
            "客户姓名",
            "手机",
            "车牌号码",
            "品牌",
            "车型",
            "购车日期",
            "行驶里程",
            "保险到期",
            "备注",
            "VIN",
        ]
        .into_iter()
        .map(|h| Column::new(h, 14.0))
        .collect();
        let date = |y, m, d| Value::Date(NaiveDate::from_ymd_opt(y, m, d).expect("a date"));
        let mut rows = Vec::with_capacity(ROWS);
        for i in 0..ROWS {
            let (brand, model) = MODELS[i % MODELS.len()];
            let name = format!("{}{}{}", SURNAMES[i % 20], GIVEN[(i / 20) % 10], GIVEN[i % 10]);
            let mut row = vec![
                Value::text(name),
                Value::Number(13_700_000_000.0 + i as f64),
                Value::text(format!("沪B{:05}", i + 1)),
                Value::text(brand),
                Value::text(model),
                date(2018 + (i % 6) as i32, 1 + (i % 12) as u32, 1 + (i % 28) as u32),
                Value::Number(10_000.0 + 250.0 * i as f64),
                date(2027, 1 + (i % 12) as u32, 1 + (i % 28) as u32),
                Value::Empty,
                Value::text(vin(i + 1)),
            ];
            if let Some(k) = MATCHING.iter().position(|&m| m == i) {
                let (name, mobile, plate) = KNOWN[k];
                row[0] = Value::text(name);
                row[1] = Value::text(mobile);
                row[2] = Value::text(plate);
                let (brand, model) = [("大众", "帕萨特"), ("丰田", "凯美瑞"), ("本田", "雅阁")][k];
                row[3] = Value::text(brand);
                row[4] = Value::text(model);
                row[5] = Value::Empty;
                row[6] = Value::Number(99_000.0 + k as f64);
                row[7] = Value::Empty;
                row[9] = Value::text(vin(9001 + k));
            }
            match BAD.iter().find(|(b, _)| *b == i).map(|(_, field)| *field) {
                Some("mobile") => row[1] = Value::text("1380013800"),
                Some("plate") => row[2] = Value::text("京"),
                Some("customerName") => row[0] = Value::Empty,
                Some("purchaseDate") => row[5] = Value::text("2019-13-45"),
                Some("mileageKm") => row[6] = Value::text("约五万公里"),
                _ => {}
            }
            rows.push(row);
        }
        workbook(&[Table { name: "客户车辆".into(), columns, rows }]).expect("the workbook")
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use caredesk_domain::{Role, StaffId};
    use caredesk_store::{customers, vehicles};
    use chrono::{TimeZone, Utc};

    use super::*;

    fn empty() -> (tempfile::TempDir, Database, Now) {
        let dir = tempfile::tempdir().unwrap();
        let db = Database::File(caredesk_store::Db::open(&dir.path().join("caredesk.db")).unwrap());
        (dir, db, Now::at(Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0).unwrap(), 8))
    }

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/e2e/fixtures").join(name)
    }

    /// The committed fixture, written anew when asked; either way it must read
    /// as the rows made here.
    fn checked_fixture(name: &str, bytes: &[u8]) -> PathBuf {
        let path = fixture(name);
        if std::env::var_os("CAREDESK_WRITE_FIXTURES").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, bytes).unwrap();
        }
        let committed = caredesk_import::read(&path).expect("the committed fixture reads");
        let made = caredesk_import::read_bytes(name, bytes).unwrap();
        assert_eq!(
            committed, made,
            "{name} is out of date: CAREDESK_WRITE_FIXTURES=1 cargo test -p caredesk import::"
        );
        path
    }

    fn manager() -> Actor {
        Actor { id: StaffId(1), name: "李经理".into(), role: Role::ServiceManager }
    }

    fn planned(desk: &ImportDesk, db: &Database, now: Now) -> (PreviewCounts, Vec<Planned>) {
        let view = sheet(desk, None, None).unwrap();
        assert!(view.error.is_none(), "{:?}", view.error);
        match preview(desk, db, now.today, &view.guess).unwrap() {
            Preview::Planned { counts, rows, .. } => (counts, rows),
            Preview::Refused { error } => panic!("refused: {error:?}"),
        }
    }

    #[test]
    fn a_gbk_csv_with_excel_dates_and_phones_stored_as_numbers_imports_correctly() {
        let (_dir, mut db, now) = empty();
        let desk = ImportDesk::default();
        let path = checked_fixture("customers-gbk.csv", &fixtures::gbk_csv());
        let Opened::Read { sheets, .. } = open(&desk, &path) else { panic!("the GBK file reads") };
        assert_eq!(sheets.len(), 1);
        let view = sheet(&desk, None, None).unwrap();
        assert_eq!(view.header_row, Some(1), "the title line is above the header");
        assert_eq!(view.columns[0].header, "客户姓名");
        let (counts, _) = planned(&desk, &db, now);
        assert_eq!((counts.total, counts.new, counts.invalid), (4, 3, 1), "{counts:?}");
        let summary = commit(&desk, &mut db, &manager(), now, &mut |_, _| {}).unwrap();
        assert_eq!((summary.imported, summary.failed), (3, 1));
        // 1.3912340004E+10 lost its last digits in Excel: refused, naming the cell.
        assert_eq!(summary.failed_rows[0].row, 5);
        assert_eq!(summary.failed_rows[0].cells[0].field, caredesk_import::Field::Mobile);

        let all = customers::all(db.conn()).unwrap();
        let zhang = all.iter().find(|c| c.name == "张建国").expect("张建国");
        assert_eq!(zhang.mobile, "13912340001");
        let cars = vehicles::all(db.conn()).unwrap();
        let passat = cars.iter().find(|v| v.plate.as_deref() == Some("京A10001")).expect("京A10001");
        assert_eq!(passat.purchase_date.map(|d| d.to_string()).as_deref(), Some("2019-03-05"));
        assert_eq!(passat.insurance_expiry.map(|d| d.to_string()).as_deref(), Some("2027-01-05"));
        assert_eq!(passat.mileage_km, Some(45_210));
        let camry = cars.iter().find(|v| v.plate.as_deref() == Some("京A10002")).expect("京A10002");
        assert_eq!(camry.mileage_km, Some(23_400));
        assert_eq!(camry.purchase_date.map(|d| d.to_string()).as_deref(), Some("2020-06-18"));
    }

    #[test]
    fn the_dealer_workbook_imports_its_good_rows_reports_the_bad_and_again_changes_nothing() {
        let (_dir, mut db, now) = empty();
        let desk = ImportDesk::default();
        // The archive already has the GBK file's customers (three; the fourth's phone was lost).
        let gbk = fixture("customers-gbk.csv");
        assert!(matches!(open(&desk, &gbk), Opened::Read { .. }));
        planned(&desk, &db, now);
        commit(&desk, &mut db, &manager(), now, &mut |_, _| {}).unwrap();

        let path = checked_fixture("dealer-archive.xlsx", &fixtures::dealer_workbook());
        assert!(matches!(open(&desk, &path), Opened::Read { .. }));
        let (counts, rows) = planned(&desk, &db, now);
        assert_eq!(counts.total, 200);
        let bad: Vec<_> = rows
            .iter()
            .filter(|r| matches!(r.outcome, Outcome::Invalid { .. }))
            .map(|r| (r.row, &r.outcome))
            .collect();
        assert_eq!(counts.invalid, 5, "{bad:#?}");
        assert_eq!(counts.update, 3, "{counts:?}");
        assert_eq!(counts.new, 192, "{counts:?}");
        // Each bad row names its field.
        let invalid: Vec<(u32, String)> = rows
            .iter()
            .filter_map(|r| match &r.outcome {
                Outcome::Invalid { issues, cells } => Some((
                    r.row,
                    cells
                        .first()
                        .map(|c| c.field.as_str().to_owned())
                        .or_else(|| issues.first().and_then(|i| i.field.clone()))
                        .unwrap_or_default(),
                )),
                _ => None,
            })
            .collect();
        let expected: Vec<(u32, String)> =
            fixtures::BAD.iter().map(|(row, field)| (*row as u32 + 1, (*field).to_owned())).collect();
        assert_eq!(invalid, expected);
        for r in rows.iter().filter(|r| matches!(r.outcome, Outcome::Update { .. })) {
            let Outcome::Update { customer, changes, .. } = &r.outcome else { unreachable!() };
            assert!(fixtures::KNOWN.iter().any(|(name, ..)| *name == customer.label), "{customer:?}");
            assert!(changes.iter().any(|c| c.field == "vehicle.mileageKm"), "{changes:?}");
        }

        let mut seen = Vec::new();
        let summary =
            commit(&desk, &mut db, &manager(), now, &mut |done, total| seen.push((done, total))).unwrap();
        assert_eq!((summary.imported, summary.updated, summary.failed), (192, 3, 5));
        assert_eq!(seen.last(), Some(&(200, 200)));
        assert_eq!(customers::all(db.conn()).unwrap().len(), 195);

        // The report: the file's columns, the five rows as they were, and the reasons given.
        let reasons: Vec<FailedReason> = summary
            .failed_rows
            .iter()
            .map(|f| FailedReason { row: f.row, reason: format!("第 {} 行有误", f.row + 1) })
            .collect();
        let (bytes, count) = failed_report(&desk, &reasons, Language::ZhCn).unwrap();
        assert_eq!(count, 5);
        let report = caredesk_import::read_bytes("report.xlsx", &bytes).unwrap();
        let sheet = &report.sheets[0];
        assert_eq!(sheet.rows.len(), 6);
        assert_eq!(sheet.rows[0].first(), Some(&Cell::Text("原行号".into())));
        assert_eq!(sheet.rows[0][1], Cell::Text("客户姓名".into()));
        assert_eq!(sheet.rows[0].last(), Some(&Cell::Text("失败原因".into())));
        assert_eq!(sheet.rows[1][2], Cell::Text("1380013800".into()));
        assert_eq!(sheet.rows[1].last(), Some(&Cell::Text("第 22 行有误".into())));
        // Fixed and imported again, the report reads as the file did: its header is recognised.
        let again = caredesk_import::Mapping::guess(sheet, 0);
        assert_eq!(again.column_of(caredesk_import::Field::Mobile), Some(2));

        // The same file again: nothing to write.
        assert!(matches!(open(&desk, &path), Opened::Read { .. }));
        let (counts, _) = planned(&desk, &db, now);
        assert_eq!((counts.new, counts.update, counts.skip, counts.invalid), (0, 0, 195, 5), "{counts:?}");
        let summary = commit(&desk, &mut db, &manager(), now, &mut |_, _| {}).unwrap();
        assert_eq!((summary.imported, summary.updated, summary.skipped), (0, 0, 195));
        assert_eq!(customers::all(db.conn()).unwrap().len(), 195);
    }

    #[test]
    fn a_file_that_is_no_spreadsheet_is_refused_and_the_steps_need_a_file() {
        let (dir, db, now) = empty();
        let desk = ImportDesk::default();
        assert!(sheet(&desk, None, None).is_err(), "nothing picked yet");
        let path = dir.path().join("notes.xlsx");
        std::fs::write(&path, b"PK\x03\x04 not really a workbook").unwrap();
        let Opened::Refused { error, .. } = open(&desk, &path) else { panic!("refused") };
        assert_eq!(error.kind, caredesk_import::ImportErrorKind::Damaged);
        assert!(preview(&desk, &db, now.today, &Mapping::default()).is_err());
    }

    #[test]
    fn a_mapping_with_a_field_twice_is_refused_naming_both_columns() {
        let (_dir, db, now) = empty();
        let desk = ImportDesk::default();
        assert!(matches!(open(&desk, &fixture("dealer-archive.xlsx")), Opened::Read { .. }));
        let mut mapping = sheet(&desk, None, None).unwrap().guess;
        mapping.columns.insert(8, caredesk_import::Field::Mobile);
        let Preview::Refused { error } = preview(&desk, &db, now.today, &mapping).unwrap() else {
            panic!("refused")
        };
        assert_eq!(error.kind, caredesk_import::ImportErrorKind::DuplicateMapping);
        assert_eq!(error.columns, Some([1, 8]));
    }

    #[test]
    fn templates_are_saved_by_name_replaced_and_deleted() {
        let (_dir, mut db, now) = empty();
        let mut mapping = Mapping { name: " 旧 DMS ".into(), ..Mapping::default() };
        mapping.columns.insert(0, caredesk_import::Field::CustomerName);
        let saved = save_template(&mut db, &manager(), now, mapping.clone()).unwrap();
        assert_eq!(saved.len(), 1);
        assert_eq!(saved[0].name, "旧 DMS");
        mapping.columns.insert(1, caredesk_import::Field::Mobile);
        let saved = save_template(&mut db, &manager(), now, mapping.clone()).unwrap();
        assert_eq!(saved.len(), 1, "the same name replaces");
        assert_eq!(templates(db.conn()).unwrap()[0].columns.len(), 2);
        let unnamed =
            save_template(&mut db, &manager(), now, Mapping { name: "  ".into(), ..mapping.clone() });
        assert!(format!("{:?}", unnamed.unwrap_err()).contains("Required"));
        assert!(delete_template(&mut db, &manager(), now, "旧 DMS").unwrap().is_empty());
    }
}
