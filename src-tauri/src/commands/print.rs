//! Printed papers: a visit's repair order, quality-check sheet and handover
//! summary, as A4 PDFs in the active language, saved in the prints folder
//! beside the database and opened in the system's viewer on request.

use std::path::{Path, PathBuf};

use caredesk_domain::campaign::CampaignId;
use caredesk_domain::care::CareKind;
use caredesk_domain::follow_up::CallFilter;
use caredesk_domain::{ComplaintId, ErrorKind, Issue, VisitId};
use caredesk_print::{
    CallSheet, Letterhead, call_sheet, campaign_budget, care_sheet, complaint_record, handover_summary,
    invitation_sheet, lottery_record, quality_check_sheet, repair_order,
};
use caredesk_store::{campaigns, care, complaints, follow_up, settings, staff, visits};
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use crate::commands::app::Language;
use crate::error::CommandError;
use crate::state::AppState;

/// Which paper of a visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    RepairOrder,
    QualityCheck,
    Handover,
}

impl Paper {
    fn file_stem(self) -> &'static str {
        match self {
            Paper::RepairOrder => "repair-order",
            Paper::QualityCheck => "quality-check",
            Paper::Handover => "handover",
        }
    }
}

/// A printed file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Printed {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

fn io_error(path: &Path, error: &std::io::Error) -> CommandError {
    Issue::new(ErrorKind::InvalidPath, "path", format!("cannot write {}: {error}", path.display())).into()
}

/// Renders `paper` of visit `id` and saves it as `prints/<number>-<paper>-<language>.pdf`.
#[tauri::command]
pub async fn print_visit(
    state: State<'_, AppState>,
    id: VisitId,
    paper: Paper,
    language: Language,
) -> Result<Printed, CommandError> {
    let fonts = state.fonts()?;
    let (visit, service) =
        state.with_db(move |db| Ok((visits::get(db.conn(), id)?, settings::service(db.conn())?))).await?;
    let dir = state.prints_dir().to_owned();
    let offset = *chrono::Local::now().offset();
    let printed_at = state.now().instant.with_timezone(&offset);
    tauri::async_runtime::spawn_blocking(move || {
        let dealership =
            if service.dealership.is_empty() { "CareDesk".to_owned() } else { service.dealership };
        let lang = match language {
            Language::ZhCn => caredesk_print::Language::ZhCn,
            Language::En => caredesk_print::Language::En,
        };
        let head = Letterhead::new(dealership, lang, printed_at.fixed_offset());
        let bytes = match paper {
            Paper::RepairOrder => repair_order(&fonts, &visit, &head),
            Paper::QualityCheck => quality_check_sheet(&fonts, &visit, &head),
            Paper::Handover => handover_summary(&fonts, &visit, &head),
        }
        .map_err(|e| CommandError::printing(&e))?;
        save(&dir, &format!("{}-{}-{}.pdf", visit.number, paper.file_stem(), code(language)), &bytes)
    })
    .await
    .map_err(|e| CommandError::internal(format!("the printing task failed: {e}")))?
}

/// Renders a complaint's record and saves it as `prints/<number>-complaint-<language>.pdf`.
#[tauri::command]
pub async fn print_complaint(
    state: State<'_, AppState>,
    id: ComplaintId,
    language: Language,
) -> Result<Printed, CommandError> {
    let fonts = state.fonts()?;
    let (complaint, service) = state
        .with_db(move |db| Ok((complaints::get(db.conn(), id.0)?, settings::service(db.conn())?)))
        .await?;
    let dir = state.prints_dir().to_owned();
    let offset = *chrono::Local::now().offset();
    let printed_at = state.now().instant.with_timezone(&offset);
    tauri::async_runtime::spawn_blocking(move || {
        let head = letterhead(service.dealership, language, printed_at.fixed_offset());
        let bytes = complaint_record(&fonts, &complaint, &head).map_err(|e| CommandError::printing(&e))?;
        save(&dir, &format!("{}-complaint-{}.pdf", complaint.number, code(language)), &bytes)
    })
    .await
    .map_err(|e| CommandError::internal(format!("the printing task failed: {e}")))?
}

/// Prints the call list of `filter` (the day's calls, or some of them) as the
/// call sheet: `prints/calls-<date>[-<caller>]-<language>.pdf`. Its row numbers are the screen's.
#[tauri::command]
pub async fn print_call_sheet(
    state: State<'_, AppState>,
    filter: CallFilter,
    language: Language,
) -> Result<Printed, CommandError> {
    let fonts = state.fonts()?;
    let actor = state.actor()?;
    let now = state.now();
    let caller_id = filter.caller_id;
    let (sheet, service) = state
        .with_db(move |db| {
            let conn = db.conn();
            let calls = follow_up::list(conn, &actor, &filter, now.today)?;
            let name = |id| staff::get(conn, id).map(|m| m.name);
            let caller = filter.caller_id.map(name).transpose()?;
            let advisor = filter.advisor_id.map(name).transpose()?;
            let words = caredesk_locale::Language::from(language);
            let filter_label = match (advisor, filter.untaken) {
                (Some(a), _) => Some(caredesk_locale::fill(
                    caredesk_locale::text(words, "print", "advisorFilter"),
                    &[("name", &a)],
                )),
                (None, true) => Some(caredesk_locale::text(words, "print", "untakenFilter").to_owned()),
                (None, false) => None,
            };
            let sheet = CallSheet {
                date: filter.date,
                caller,
                filter: filter_label,
                calls,
                questionnaire: follow_up::questionnaire(conn)?,
            };
            Ok((sheet, settings::service(conn)?))
        })
        .await?;
    let dir = state.prints_dir().to_owned();
    let offset = *chrono::Local::now().offset();
    let printed_at = now.instant.with_timezone(&offset);
    tauri::async_runtime::spawn_blocking(move || {
        let head = letterhead(service.dealership, language, printed_at.fixed_offset());
        let bytes = call_sheet(&fonts, &sheet, &head).map_err(|e| CommandError::printing(&e))?;
        let who = caller_id.map(|c| format!("-{}", c.0)).unwrap_or_default();
        save(&dir, &format!("calls-{}{who}-{}.pdf", sheet.date, code(language)), &bytes)
    })
    .await
    .map_err(|e| CommandError::internal(format!("the printing task failed: {e}")))?
}

/// A campaign's paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CampaignPaper {
    /// The invitation call sheet of the guest list.
    Invitations,
    /// The plan and its budget, planned and actual.
    Budget,
    /// Every lottery draw.
    Lottery,
}

/// Renders a campaign's paper: `prints/campaign-<id>-<paper>-<language>.pdf`.
#[tauri::command]
pub async fn print_campaign(
    state: State<'_, AppState>,
    id: CampaignId,
    paper: CampaignPaper,
    language: Language,
) -> Result<Printed, CommandError> {
    let fonts = state.fonts()?;
    let (campaign, invitations, draws, service) = state
        .with_db(move |db| {
            let conn = db.conn();
            Ok((
                campaigns::get(conn, id)?,
                campaigns::invitations(conn, id)?,
                campaigns::draws(conn, id)?,
                settings::service(conn)?,
            ))
        })
        .await?;
    let dir = state.prints_dir().to_owned();
    let offset = *chrono::Local::now().offset();
    let printed_at = state.now().instant.with_timezone(&offset);
    tauri::async_runtime::spawn_blocking(move || {
        let head = letterhead(service.dealership, language, printed_at.fixed_offset());
        let (bytes, stem) = match paper {
            CampaignPaper::Invitations => {
                (invitation_sheet(&fonts, &campaign, &invitations, &head), "invitations")
            }
            CampaignPaper::Budget => (campaign_budget(&fonts, &campaign, &head), "budget"),
            CampaignPaper::Lottery => (lottery_record(&fonts, &campaign, &draws, &head), "lottery"),
        };
        let bytes = bytes.map_err(|e| CommandError::printing(&e))?;
        save(&dir, &format!("campaign-{}-{stem}-{}.pdf", campaign.id.0, code(language)), &bytes)
    })
    .await
    .map_err(|e| CommandError::internal(format!("the printing task failed: {e}")))?
}

/// Prints a care list of a day: `prints/care-<kind>-<date>-<language>.pdf`.
#[tauri::command]
pub async fn print_care_sheet(
    state: State<'_, AppState>,
    kind: CareKind,
    date: chrono::NaiveDate,
    language: Language,
) -> Result<Printed, CommandError> {
    let fonts = state.fonts()?;
    let actor = state.actor()?;
    let now = state.now();
    let (calls, service) = state
        .with_db(move |db| {
            db.write(|tx| care::refresh(tx, kind, now))?;
            Ok((care::list(db.conn(), &actor, kind, date, now.today)?, settings::service(db.conn())?))
        })
        .await?;
    let dir = state.prints_dir().to_owned();
    let offset = *chrono::Local::now().offset();
    let printed_at = now.instant.with_timezone(&offset);
    tauri::async_runtime::spawn_blocking(move || {
        let head = letterhead(service.dealership, language, printed_at.fixed_offset());
        let bytes =
            care_sheet(&fonts, kind, date, None, &calls, &head).map_err(|e| CommandError::printing(&e))?;
        let kind_name =
            serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        save(&dir, &format!("care-{kind_name}-{date}-{}.pdf", code(language)), &bytes)
    })
    .await
    .map_err(|e| CommandError::internal(format!("the printing task failed: {e}")))?
}

pub(crate) fn letterhead(
    dealership: String,
    language: Language,
    at: chrono::DateTime<chrono::FixedOffset>,
) -> Letterhead {
    let dealership = if dealership.is_empty() { "CareDesk".to_owned() } else { dealership };
    Letterhead::new(dealership, language.into(), at)
}

/// The language's part of a printed file's name.
pub(crate) fn code(language: Language) -> &'static str {
    match language {
        Language::ZhCn => "zh",
        Language::En => "en",
    }
}

pub(crate) fn save(dir: &Path, name: &str, bytes: &[u8]) -> Result<Printed, CommandError> {
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, &e))?;
    let path = dir.join(name);
    std::fs::write(&path, bytes).map_err(|e| io_error(&path, &e))?;
    Ok(Printed { path: path.display().to_string(), bytes: bytes.len() as u64 })
}

/// A printed paper of ours: a PDF in the prints folder, or the refusal naming `path`.
fn printed_file(state: &AppState, path: &str) -> Result<PathBuf, CommandError> {
    let not_ours = || -> CommandError {
        Issue::new(ErrorKind::InvalidPath, "path", "only a printed paper in the prints folder can be used")
            .into()
    };
    let dir = state.prints_dir().canonicalize().map_err(|_| not_ours())?;
    let file: PathBuf = Path::new(path).canonicalize().map_err(|_| not_ours())?;
    if !file.starts_with(&dir) || file.extension().is_none_or(|e| e != "pdf") {
        return Err(not_ours());
    }
    Ok(file)
}

/// Opens a printed paper in the system's PDF viewer (the opener plugin decides how,
/// on each operating system). Only files in the prints folder.
#[tauri::command]
pub async fn open_printed(state: State<'_, AppState>, path: String) -> Result<(), CommandError> {
    use tauri_plugin_opener::OpenerExt;
    let file = printed_file(&state, &path)?;
    state
        .app()?
        .opener()
        .open_path(file.to_string_lossy(), None::<&str>)
        .map_err(|e| CommandError::internal(format!("no PDF viewer could be started: {e}")))
}

/// "Save a copy as…": asks where with the system's save dialog and copies a printed
/// paper there. `None` when the person cancelled: nothing is written.
#[tauri::command]
pub async fn save_printed_copy(
    state: State<'_, AppState>,
    path: String,
) -> Result<Option<Printed>, CommandError> {
    let file = printed_file(&state, &path)?;
    let language = crate::commands::app::language(&state).await?;
    let title = caredesk_locale::text(caredesk_locale::Language::from(language), "print", "saveCopyAs");
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let Some(target) = crate::dialogs::save_file(&state.app()?, title, &name, ("PDF", &["pdf"])).await else {
        return Ok(None);
    };
    let copy = tauri::async_runtime::spawn_blocking(move || {
        std::fs::copy(&file, &target)
            .map_err(|e| io_error(&target, &e))
            .map(|bytes| Printed { path: target.display().to_string(), bytes })
    })
    .await
    .map_err(|e| CommandError::internal(format!("the copying task failed: {e}")))??;
    log::info!("a printed paper was saved as a copy ({} bytes)", copy.bytes);
    Ok(Some(copy))
}
