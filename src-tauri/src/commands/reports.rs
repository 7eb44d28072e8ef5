//! Reports: the manager's dashboard, the advisor league and the records behind
//! a figure, and the report taken away — as a workbook (`export_report`) or an
//! A4 paper (`print_report`). An advisor reads only their own figures: their
//! query is forced to their own id, and asking for another advisor's is
//! refused — here, in the backend, whatever the screen sends, for the screen,
//! the workbook and the paper alike (`reports::scoped`).

use std::path::Path;

use caredesk_domain::Actor;
use caredesk_print::{Fonts, Letterhead, Report, monthly_report, report_workbook};
use caredesk_store::engine::Read;
use caredesk_store::reports::{self, Dashboard, KpiKey, LeagueRow, ReportQuery, ReportRecord};
use caredesk_store::{Now, StoreError, settings, staff};
use tauri::State;

use super::app::Language;
use super::export::{Built, Exported, save_and_export};
use super::print::{Printed, code, letterhead, save};
use crate::error::CommandError;
use crate::state::AppState;

fn dashboard(conn: &dyn Read, actor: &Actor, query: &ReportQuery, now: Now) -> Result<Dashboard, StoreError> {
    reports::dashboard(conn, &reports::scoped(actor, query)?, now)
}

fn league(
    conn: &dyn Read,
    actor: &Actor,
    query: &ReportQuery,
    now: Now,
) -> Result<Vec<LeagueRow>, StoreError> {
    reports::advisor_league(conn, &reports::scoped(actor, query)?, now)
}

fn records(
    conn: &dyn Read,
    actor: &Actor,
    query: &ReportQuery,
    kpi: KpiKey,
    now: Now,
) -> Result<Vec<ReportRecord>, StoreError> {
    reports::dashboard_records(conn, &reports::scoped(actor, query)?, kpi, now)
}

/// The report as it goes out: the dashboard and the league of the query the
/// actor may run, and the advisor's name when it is one advisor's.
#[derive(Debug, Clone)]
struct ReportData {
    dashboard: Dashboard,
    league: Vec<LeagueRow>,
    advisor_name: Option<String>,
}

impl ReportData {
    fn report(&self) -> Report<'_> {
        Report {
            dashboard: &self.dashboard,
            league: &self.league,
            advisor_name: self.advisor_name.as_deref(),
        }
    }
}

fn report_data(
    conn: &dyn Read,
    actor: &Actor,
    query: &ReportQuery,
    now: Now,
) -> Result<ReportData, StoreError> {
    let query = reports::scoped(actor, query)?;
    let advisor_name = query.advisor.map(|id| staff::get(conn, id).map(|m| m.name)).transpose()?;
    Ok(ReportData {
        dashboard: reports::dashboard(conn, &query, now)?,
        league: reports::advisor_league(conn, &query, now)?,
        advisor_name,
    })
}

fn word(language: Language, key: &str) -> &'static str {
    caredesk_locale::text(language.into(), "report", key)
}

/// The report's workbook and the rows of each of its sheets.
fn report_book(
    conn: &dyn Read,
    actor: &Actor,
    query: &ReportQuery,
    now: Now,
    language: Language,
) -> Result<Built, StoreError> {
    let data = report_data(conn, actor, query, now)?;
    let bytes =
        report_workbook(&data.report(), language.into()).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let months = data.dashboard.cards.first().map_or(0, |c| c.trend.len());
    Ok((bytes, vec![("kpis", data.dashboard.cards.len()), ("trend", months), ("league", data.league.len())]))
}

/// `report-<from>-<to>[-<advisor id>]-<language>.pdf`, of the query as scoped.
fn paper_name(query: &ReportQuery, language: Language) -> String {
    let advisor = query.advisor.map(|a| format!("-{}", a.0)).unwrap_or_default();
    format!("report-{}-{}{advisor}-{}.pdf", query.from, query.to, code(language))
}

/// Renders the report and saves it in `dir`, named for the query as scoped.
fn render_report(
    fonts: &Fonts,
    data: &ReportData,
    query: &ReportQuery,
    head: &Letterhead,
    dir: &Path,
    language: Language,
) -> Result<Printed, CommandError> {
    let bytes = monthly_report(fonts, &data.report(), head).map_err(|e| CommandError::printing(&e))?;
    save(dir, &paper_name(query, language), &bytes)
}

/// What `print_report` does once it has the fonts and the letterhead.
#[cfg(test)]
fn print_report_to(
    conn: &dyn Read,
    actor: &Actor,
    query: &ReportQuery,
    now: Now,
    (fonts, head, dir): (&Fonts, &Letterhead, &Path),
    language: Language,
) -> Result<Printed, CommandError> {
    let query = reports::scoped(actor, query)?;
    let data = report_data(conn, actor, &query, now)?;
    render_report(fonts, &data, &query, head, dir, language)
}

/// Every KPI for the period, against the previous period, a year earlier, its target and its trend.
#[tauri::command]
pub async fn reports_dashboard(
    state: State<'_, AppState>,
    query: ReportQuery,
) -> Result<Dashboard, CommandError> {
    let (actor, now) = (state.actor()?, state.now());
    state.with_db(move |db| dashboard(db.conn(), &actor, &query, now)).await
}

/// Each advisor's figures side by side (an advisor gets their own row only).
#[tauri::command]
pub async fn reports_league(
    state: State<'_, AppState>,
    query: ReportQuery,
) -> Result<Vec<LeagueRow>, CommandError> {
    let (actor, now) = (state.actor()?, state.now());
    state.with_db(move |db| league(db.conn(), &actor, &query, now)).await
}

/// The records behind one figure, each with its id for its page.
#[tauri::command]
pub async fn reports_records(
    state: State<'_, AppState>,
    query: ReportQuery,
    kpi: KpiKey,
) -> Result<Vec<ReportRecord>, CommandError> {
    let (actor, now) = (state.actor()?, state.now());
    state.with_db(move |db| records(db.conn(), &actor, &query, kpi, now)).await
}

/// The report as a workbook, saved where the person picks (the export's
/// dialog and audit trail; an advisor's holds only their own figures).
/// `None` when they cancelled the dialog: nothing is written or recorded.
#[tauri::command]
pub async fn export_report(
    state: State<'_, AppState>,
    query: ReportQuery,
    language: Language,
) -> Result<Option<Exported>, CommandError> {
    let scoped = reports::scoped(&state.actor()?, &query)?;
    let name = format!("{} {} – {}", word(language, "fileName"), scoped.from, scoped.to);
    let filter = serde_json::to_string(&scoped).unwrap_or_default();
    save_and_export(
        &state,
        word(language, "exportTitle"),
        &name,
        "report",
        filter,
        move |conn, actor, now| report_book(conn, actor, &query, now, language),
    )
    .await
}

/// Prints the report for the period as an A4 paper with the dealership's
/// letterhead: `prints/report-<from>-<to>[-<advisor id>]-<language>.pdf`.
#[tauri::command]
pub async fn print_report(
    state: State<'_, AppState>,
    query: ReportQuery,
    language: Language,
) -> Result<Printed, CommandError> {
    let fonts = state.fonts()?;
    let (actor, now) = (state.actor()?, state.now());
    let query = reports::scoped(&actor, &query)?;
    let read = query.clone();
    let (data, service) = state
        .with_db(move |db| Ok((report_data(db.conn(), &actor, &read, now)?, settings::service(db.conn())?)))
        .await?;
    let dir = state.prints_dir().to_owned();
    let offset = *chrono::Local::now().offset();
    let printed_at = now.instant.with_timezone(&offset).fixed_offset();
    tauri::async_runtime::spawn_blocking(move || {
        let head = letterhead(service.dealership, language, printed_at);
        render_report(&fonts, &data, &query, &head, &dir, language)
    })
    .await
    .map_err(|e| CommandError::internal(format!("the printing task failed: {e}")))?
}

#[cfg(test)]
mod tests {
    use calamine::{Data, Reader, Xlsx};
    use caredesk_domain::{Action, ErrorKind, Role, StaffId};
    use caredesk_store::Database;
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::commands::export::export_with;

    /// The report's workbook for the query as scoped, through the exports' one
    /// path (`export::export_with`: the export permission checked before anything
    /// is read, the file written beside its place and renamed into it, the
    /// export on the audit trail with the scoped query) — what `export_report`
    /// does once the person has picked the file.
    fn export_report_to(
        db: &mut Database,
        actor: &Actor,
        now: Now,
        target: &Path,
        query: &ReportQuery,
        language: Language,
    ) -> Result<Exported, CommandError> {
        actor.require(Action::ExportData)?;
        let query = reports::scoped(actor, query)?;
        let filter = serde_json::to_string(&query).unwrap_or_default();
        export_with(db, actor, now, target, "report", &filter, |conn| {
            report_book(conn, actor, &query, now, language)
        })
    }

    fn demo() -> (tempfile::TempDir, Database, Now) {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Database::File(caredesk_store::Db::open(&dir.path().join("caredesk.db")).unwrap());
        let now = Now::at(Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0).unwrap(), 8);
        caredesk_demo::seed(&mut db, &Actor::system(), now).unwrap();
        (dir, db, now)
    }

    fn november(advisor: Option<StaffId>) -> ReportQuery {
        ReportQuery { from: "2026-11-01".parse().unwrap(), to: "2026-11-21".parse().unwrap(), advisor }
    }

    fn advisors(db: &Database) -> Vec<Actor> {
        caredesk_store::staff::list(db.conn())
            .unwrap()
            .into_iter()
            .filter(|m| m.role == Role::ServiceAdvisor)
            .map(|m| Actor { id: m.id, name: m.name, role: m.role })
            .collect()
    }

    #[test]
    fn an_advisor_gets_their_own_figures_whatever_the_query_says() {
        let (_dir, db, now) = demo();
        let advisors = advisors(&db);
        let me = &advisors[0];
        let d = dashboard(db.conn(), me, &november(None), now).unwrap();
        assert_eq!(d.advisor, Some(me.id));
        let league = league(db.conn(), me, &november(None), now).unwrap();
        assert!(league.iter().all(|r| r.advisor_id == me.id));
        let mine = dashboard(db.conn(), me, &november(Some(me.id)), now).unwrap();
        assert_eq!(mine, d);
    }

    #[test]
    fn an_advisor_asking_for_another_advisors_figures_is_refused() {
        let (_dir, db, now) = demo();
        let advisors = advisors(&db);
        let (me, other) = (&advisors[0], &advisors[1]);
        for error in [
            dashboard(db.conn(), me, &november(Some(other.id)), now).unwrap_err(),
            league(db.conn(), me, &november(Some(other.id)), now).unwrap_err(),
            records(db.conn(), me, &november(Some(other.id)), KpiKey::EscalationRate, now).unwrap_err(),
        ] {
            let kinds: Vec<_> = error.issues().into_iter().map(|i| i.kind).collect();
            assert_eq!(kinds, [ErrorKind::Forbidden]);
        }
    }

    #[test]
    fn the_manager_reads_the_dealership_and_any_advisor() {
        let (_dir, db, now) = demo();
        let manager = Actor { id: StaffId(1), name: "张伟".into(), role: Role::ServiceManager };
        let all = dashboard(db.conn(), &manager, &november(None), now).unwrap();
        assert_eq!(all.advisor, None);
        let other = advisors(&db)[1].id;
        assert_eq!(dashboard(db.conn(), &manager, &november(Some(other)), now).unwrap().advisor, Some(other));
        let technician = Actor { id: StaffId(9), name: "刘强".into(), role: Role::Technician };
        assert!(dashboard(db.conn(), &technician, &november(None), now).is_err());
    }

    fn manager() -> Actor {
        Actor { id: StaffId(1), name: "张伟".into(), role: Role::ServiceManager }
    }

    fn fonts() -> Fonts {
        Fonts::load(&caredesk_print::source_tree_font()).expect("the font `cargo xtask` fetches")
    }

    fn head(language: Language) -> Letterhead {
        let at = chrono::FixedOffset::east_opt(8 * 3600)
            .unwrap()
            .with_ymd_and_hms(2026, 11, 22, 10, 0, 0)
            .unwrap();
        Letterhead::new("华通服务站", language.into(), at)
    }

    fn pdf_text(path: &str) -> String {
        let out =
            std::process::Command::new("pdftotext").args(["-layout", "-enc", "UTF-8", path, "-"]).output();
        String::from_utf8(out.expect("pdftotext runs (poppler-utils)").stdout).unwrap()
    }

    #[test]
    fn an_advisors_printed_report_is_theirs_and_another_advisors_is_refused() {
        let (dir, db, now) = demo();
        let advisors = advisors(&db);
        let (me, other) = (&advisors[0], &advisors[1]);
        let (fonts, prints) = (fonts(), dir.path().join("prints"));
        let head = head(Language::ZhCn);
        let printed =
            print_report_to(db.conn(), me, &november(None), now, (&fonts, &head, &prints), Language::ZhCn)
                .unwrap();
        let name = format!("report-2026-11-01-2026-11-21-{}-zh.pdf", me.id.0);
        assert!(printed.path.ends_with(&name), "{}", printed.path);
        let text = pdf_text(&printed.path);
        assert!(text.contains(&me.name), "the paper names the advisor");
        assert!(!text.contains(&other.name), "another advisor's row is not on an advisor's paper");
        assert!(!text.contains("全部服务顾问"));

        let error = print_report_to(
            db.conn(),
            me,
            &november(Some(other.id)),
            now,
            (&fonts, &head, &prints),
            Language::En,
        )
        .unwrap_err();
        assert_eq!(error.kind, ErrorKind::Forbidden);
        let files = std::fs::read_dir(&prints).unwrap().count();
        assert_eq!(files, 1, "nothing printed for the refused query");
    }

    #[test]
    fn the_managers_printed_report_is_the_dealerships_with_the_dashboards_figures() {
        let (dir, db, now) = demo();
        let (fonts, prints) = (fonts(), dir.path().join("prints"));
        let head = head(Language::En);
        let printed = print_report_to(
            db.conn(),
            &manager(),
            &november(None),
            now,
            (&fonts, &head, &prints),
            Language::En,
        )
        .unwrap();
        assert!(printed.path.ends_with("report-2026-11-01-2026-11-21-en.pdf"), "{}", printed.path);
        let text = pdf_text(&printed.path);
        assert!(text.contains("All advisors"));
        let d = dashboard(db.conn(), &manager(), &november(None), now).unwrap();
        for card in &d.cards {
            let figure =
                caredesk_print::report_figure(card.current.value, card.unit, caredesk_print::Language::En);
            assert!(text.contains(&figure), "{:?}: {figure} is not on the paper", card.key);
        }
        for advisor in advisors(&db) {
            assert!(text.contains(&advisor.name), "{} is not in the league", advisor.name);
        }
        let technician = Actor { id: StaffId(9), name: "刘强".into(), role: Role::Technician };
        let refused = print_report_to(
            db.conn(),
            &technician,
            &november(None),
            now,
            (&fonts, &head, &prints),
            Language::En,
        );
        assert_eq!(refused.unwrap_err().kind, ErrorKind::Forbidden);
    }

    #[test]
    fn an_advisors_report_workbook_is_theirs_and_another_advisors_is_refused() {
        let (_dir, db, now) = demo();
        let advisors = advisors(&db);
        let (me, other) = (&advisors[0], &advisors[1]);
        let (bytes, counts) = report_book(db.conn(), me, &november(None), now, Language::ZhCn).unwrap();
        assert_eq!(counts, [("kpis", KpiKey::ALL.len()), ("trend", 12), ("league", 1)]);
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let kpis = book.worksheet_range("KPI指标").unwrap();
        assert_eq!(kpis.get((1, 1)), Some(&Data::String(me.name.clone())));
        let league = book.worksheet_range("服务顾问排行").unwrap();
        assert_eq!(league.get((1, 0)), Some(&Data::String(me.name.clone())));
        assert_eq!(league.height(), 2, "their own row only");

        let error = report_book(db.conn(), me, &november(Some(other.id)), now, Language::ZhCn).unwrap_err();
        let kinds: Vec<_> = error.issues().into_iter().map(|i| i.kind).collect();
        assert_eq!(kinds, [ErrorKind::Forbidden]);
    }

    #[test]
    fn exporting_the_report_takes_the_export_permission_and_goes_on_the_trail() {
        let (dir, mut db, now) = demo();
        let advisors = advisors(&db);
        // An advisor reads their own figures but may not export data (PIPL): nothing is written.
        let target = dir.path().join("mine.xlsx");
        let refused = export_report_to(&mut db, &advisors[0], now, &target, &november(None), Language::ZhCn);
        assert_eq!(refused.unwrap_err().kind, ErrorKind::Forbidden);
        assert!(!target.exists());

        let target = dir.path().join("report.xlsx");
        let query = november(Some(advisors[1].id));
        let exported = export_report_to(&mut db, &manager(), now, &target, &query, Language::En).unwrap();
        assert_eq!(exported.rows as usize, KpiKey::ALL.len() + 12 + 1);
        let mut book: Xlsx<_> = calamine::open_workbook(&target).unwrap();
        let kpis = book.worksheet_range("KPI").unwrap();
        assert_eq!(kpis.get((1, 1)), Some(&Data::String(advisors[1].name.clone())));
        let trail = caredesk_store::audit::exports(db.conn()).unwrap();
        assert_eq!(trail.len(), 1);
        let said = serde_json::to_string(&trail[0].changes).unwrap();
        assert!(said.contains("report") && said.contains("2026-11-01"), "{said}");
    }
}
