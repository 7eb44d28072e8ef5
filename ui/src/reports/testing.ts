// Canned reports for the reports screen's tests, and sessions of the roles that read them.

import type { Session } from "../auth/session";
import type { Dashboard, KpiCard, LeagueRow, ReportRecord, Role } from "../bindings";
import { ALLOWED, sessionInfo, staffMember } from "../test/fixtures";
import { testSession } from "../test/render";

/** A member of `role` (staff id `id`, named `name`) with the role's actions. */
export function reportSession(role: Role, id = 1, name = "陈军"): Session {
  return testSession(role, {
    info: { ...sessionInfo(role, { allowedActions: [...ALLOWED[role]] }), staff: staffMember({ role, id, name }) },
  });
}

/** Twelve months ending with November 2026, each at `value` (absent: no data). */
function trend(value?: number): KpiCard["trend"] {
  return Array.from({ length: 12 }, (_, i) => ({
    month: `20${i < 1 ? "25-12" : `26-${String(i).padStart(2, "0")}`}`,
    figure: value === undefined ? {} : { value },
  }));
}

/** A card: the CSI at 92.5 points against a target of 90 (met) unless told otherwise. */
export function kpiCard(overrides: Partial<KpiCard> = {}): KpiCard {
  return {
    key: "csi",
    current: { value: 92.5 },
    previous: { value: 90 },
    yearAgo: { value: 94 },
    target: 90,
    unit: "points",
    higherIsBetter: true,
    met: true,
    trend: trend(overrides.current?.value ?? 92.5),
    ...overrides,
  };
}

export function dashboard(cards: KpiCard[], overrides: Partial<Dashboard> = {}): Dashboard {
  return { from: "2026-11-01", to: "2026-11-30", cards, ...overrides };
}

export function leagueRow(overrides: Partial<LeagueRow> = {}): LeagueRow {
  return {
    advisorId: 2,
    advisorName: "王丽",
    csi: { value: 91.24 },
    showRate: { value: 87.5, part: 35, whole: 40 },
    onTimeHandover: { value: 95, part: 38, whole: 40 },
    extraWorkApproval: {},
    complaints: 1,
    ...overrides,
  };
}

export function reportRecord(overrides: Partial<ReportRecord> = {}): ReportRecord {
  return { kind: "visit", id: 7, number: "20261122-003", customerName: "张伟", on: "2026-11-22", ...overrides };
}
