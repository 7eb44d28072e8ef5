import { api } from "../api";
import { ALL_CHANGE_KIND, type KpiKey, type ReportQuery } from "../bindings";

/**
 * The reports' reads, as TanStack Query options (see `live`). A figure counts
 * records of every kind (visits, calls, complaints, campaigns, customers, the
 * staff it is by, the targets in the settings), so any change on any desk
 * reads the dashboard on screen again.
 */
const EVERY_KIND = { kinds: ALL_CHANGE_KIND } as const;

/** The query as the backend takes it: no `advisor` key when there is none. */
export function reportQuery(from: string, to: string, advisor: number | null): ReportQuery {
  return advisor === null ? { from, to } : { from, to, advisor };
}

/** The KPI cards of a period (and advisor). */
export function dashboardQueryOf(query: ReportQuery) {
  return {
    queryKey: ["report", "dashboard", query] as const,
    queryFn: () => api.reportsDashboard(query),
    meta: EVERY_KIND,
  };
}

/** The advisor league of a period. */
export function leagueQueryOf(query: ReportQuery) {
  return {
    queryKey: ["report", "league", query] as const,
    queryFn: () => api.reportsLeague(query),
    meta: EVERY_KIND,
  };
}

/** The records behind one figure. */
export function recordsQueryOf(query: ReportQuery, kpi: KpiKey) {
  return {
    queryKey: ["report", "records", query, kpi] as const,
    queryFn: () => api.reportsRecords(query, kpi),
    meta: EVERY_KIND,
  };
}
