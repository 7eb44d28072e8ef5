//! Reports: the manager's dashboard, the advisor league and the records behind
//! a figure. An advisor reads only their own figures: their query is forced to
//! their own id, and asking for another advisor's is refused — here, in the
//! backend, whatever the screen sends.

use caredesk_domain::Actor;
use caredesk_store::engine::Read;
use caredesk_store::reports::{self, Dashboard, KpiKey, LeagueRow, ReportQuery, ReportRecord};
use caredesk_store::{Now, StoreError};
use tauri::State;

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

#[cfg(test)]
mod tests {
    use caredesk_domain::{ErrorKind, Role, StaffId};
    use caredesk_store::Database;
    use chrono::{TimeZone, Utc};

    use super::*;

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
}
