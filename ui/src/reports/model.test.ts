import { describe, expect, it } from "vitest";
import { ALL_KPI_KEY, ALL_RECORD_KIND } from "../bindings";
import { destinationOf, direction, groupCards, KPI_GROUPS, standing } from "./model";
import { sparklineOption, sparklineText } from "./options";
import { kpiCard } from "./testing";

describe("the dashboard's cards", () => {
  it("puts every KPI in one section, in the sections' order", () => {
    const grouped = KPI_GROUPS.flatMap((group) => group.kpis);
    expect([...grouped].sort()).toEqual([...ALL_KPI_KEY].sort());
    const cards = [kpiCard({ key: "customersBack" }), kpiCard({ key: "csi" }), kpiCard({ key: "revenue", unit: "money" })];
    expect(groupCards(cards).map((g) => [g.key, g.cards.map((c) => c.key)])).toEqual([
      ["satisfaction", ["csi"]],
      ["revenue", ["revenue"]],
      ["customers", ["customersBack"]],
    ]);
  });

  it("shows the backend's verdict against the target, and nothing without one", () => {
    expect(standing(kpiCard({ current: { value: 90 }, target: 90, met: true }))).toBe("met");
    expect(standing(kpiCard({ current: { value: 6 }, target: 5, higherIsBetter: false, met: false }))).toBe("missed");
    expect(standing(kpiCard({ target: undefined, met: undefined }))).toBe("none");
    expect(standing(kpiCard({ current: {}, met: undefined }))).toBe("none");
  });

  it("calls a change better or worse by the KPI's direction", () => {
    expect(direction(kpiCard({ current: { value: 92 } }), 90)).toBe("better");
    expect(direction(kpiCard({ current: { value: 92 }, higherIsBetter: false }), 90)).toBe("worse");
    expect(direction(kpiCard({ current: { value: 90 } }), 90)).toBe("same");
    expect(direction(kpiCard({ current: {} }), 90)).toBe("none");
    expect(direction(kpiCard(), undefined)).toBe("none");
  });

  it("sends each kind of record to its own page", () => {
    expect(ALL_RECORD_KIND.map((kind) => destinationOf(kind, 7))).toEqual([
      { module: "visits", visitId: 7 },
      { module: "complaints", complaintId: 7 },
      { module: "followup", callId: 7 },
      { module: "campaigns" },
      { module: "campaigns", campaignId: 7 },
      { module: "archive", customerId: 7 },
    ]);
  });

  it("draws the trend with a gap for a month without data", () => {
    const card = kpiCard({ trend: [{ month: "2026-10", figure: { value: 91 } }, { month: "2026-11", figure: {} }] });
    const option = sparklineOption(card, "en");
    const series = Array.isArray(option.series) ? option.series[0] : option.series;
    expect(series?.data).toEqual([91, null]);
    expect(sparklineText(card, "en")).toBe("2026-10 91.0 pts; 2026-11 No data");
  });
});
