// What the dashboard shows of the backend's cards: their grouping, whether a
// figure meets its target and whether a change is for the better. The figures
// and targets are the backend's; here they are only compared as sent.

import type { KpiCard, KpiKey, RecordKind } from "../bindings";
import type { Destination } from "../shell/navigation";
import { hasValue } from "../figures";

/** The dashboard's sections, in the manager's order, each with its KPIs in order. */
export const KPI_GROUPS = [
  { key: "satisfaction", kpis: ["csi", "callsInWindow", "reachRate"] },
  { key: "complaints", kpis: ["oneTimeResolution", "escalationRate", "minutesToAssign", "minutesToClose"] },
  { key: "workshop", kpis: ["showRate", "onTimeHandover", "repairOrders"] },
  { key: "revenue", kpis: ["revenue", "averagePerOrder", "extraWorkApproval", "declinedRecovered"] },
  { key: "care", kpis: ["careBooked", "careVisited", "campaignAttendance", "campaignRevenue", "campaignReturn"] },
  { key: "customers", kpis: ["customersLost", "customersBack"] },
] as const satisfies readonly { key: string; kpis: readonly KpiKey[] }[];

export type GroupKey = (typeof KPI_GROUPS)[number]["key"];

/** The cards of each section, in the section's order; a card the backend sent outside every section goes to the last. */
export function groupCards(cards: readonly KpiCard[]): { key: GroupKey; cards: KpiCard[] }[] {
  const byKey = new Map(cards.map((card) => [card.key, card]));
  const placed = new Set<KpiKey>();
  const groups = KPI_GROUPS.map((group) => ({
    key: group.key as GroupKey,
    cards: group.kpis.flatMap((key) => {
      const card = byKey.get(key);
      if (!card) return [];
      placed.add(key);
      return [card];
    }),
  }));
  const rest = cards.filter((card) => !placed.has(card.key));
  groups[groups.length - 1].cards.push(...rest);
  return groups.filter((group) => group.cards.length > 0);
}

/** Against the target: met, missed, or nothing to say (no target or no value). */
export type Standing = "met" | "missed" | "none";

/** The backend's verdict (`KpiCard::new` decides it once for the screen, the workbook and the paper). */
export function standing(card: KpiCard): Standing {
  if (card.met === undefined || card.met === null) return "none";
  return card.met ? "met" : "missed";
}

/** Whether the period is better or worse than an earlier one (by `higherIsBetter`), or the same; none without both values. */
export type Direction = "better" | "worse" | "same" | "none";

export function direction(card: KpiCard, earlier: number | undefined): Direction {
  const value = card.current.value;
  if (!hasValue(value) || !hasValue(earlier)) return "none";
  if (value === earlier) return "same";
  return value > earlier === card.higherIsBetter ? "better" : "worse";
}

/** Whether the value rose (↑) or fell (↓) from an earlier one. */
export function rose(card: KpiCard, earlier: number | undefined): boolean {
  return hasValue(card.current.value) && hasValue(earlier) && card.current.value > earlier;
}

/**
 * Where a record behind a figure is opened: its own page (a visit, a
 * complaint, a campaign, a customer), the follow-up calls for a follow-up
 * call; a care call is worked in the campaigns module's proactive care.
 */
export function destinationOf(kind: RecordKind, id: number): Destination {
  switch (kind) {
    case "visit":
      return { module: "visits", visitId: id };
    case "complaint":
      return { module: "complaints", complaintId: id };
    case "followUpCall":
      return { module: "followup", callId: id };
    case "careCall":
      return { module: "campaigns" };
    case "campaign":
      return { module: "campaigns", campaignId: id };
    case "customer":
      return { module: "archive", customerId: id };
  }
}
