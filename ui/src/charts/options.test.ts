import { describe, expect, it } from "vitest";
import type { Kpis, Language } from "../bindings";
import { results } from "../campaigns/testing";
import { report } from "../followup/testing";
import i18n from "../i18n";
import type { ChartOption } from "./Chart";
import {
  complaintsByMonthOption,
  csiBandsOption,
  csiByAdvisorOption,
  csiTrendOption,
  MONTHS_AT_ONCE,
  pictureName,
  turnoutOption,
} from "./options";

/** The parts of an option the tests read, without ECharts' unions. */
interface Series {
  type: string;
  name: string;
  data: unknown[];
  stack?: string;
  yAxisIndex?: number;
  label?: { formatter?: (p: { value: unknown }) => string };
}
const series = (o: ChartOption) => o.series as Series[];
const values = (s: Series) => s.data.map((d) => (typeof d === "object" && d !== null ? (d as { value: number }).value : d));
const categories = (axis: unknown) => (axis as { data: string[] }).data;
const picture = (o: ChartOption) =>
  (o.toolbox as { feature: { saveAsImage: { name: string } } }).feature.saveAsImage.name;
const legend = (o: ChartOption) => (o.legend as { data?: string[] } | undefined)?.data;

const t = (lang: Language) => i18n.getFixedT(lang);

describe("the CSI charts", () => {
  const r = report();

  it("draw each advisor's index on the 0–100 scale, labelled with one decimal", () => {
    for (const lang of ["zh-CN", "en"] as const) {
      const o = csiByAdvisorOption(r.byAdvisor, t(lang), "2026-08-25~2026-11-22");
      expect(categories(o.yAxis)).toEqual(r.byAdvisor.map((g) => g.label));
      const [bars] = series(o);
      expect(values(bars)).toEqual(r.byAdvisor.map((g) => g.csi / 100));
      expect(bars.name).toBe("CSI");
      expect(bars.label?.formatter?.({ value: 91.5 })).toBe("91.5");
      expect(picture(o)).toBe(`${t(lang)("followup.csi.byAdvisor")} 2026-08-25~2026-11-22`);
    }
    expect(picture(csiByAdvisorOption(r.byAdvisor, t("zh-CN"), "p"))).toBe("各服务顾问 CSI p");
  });

  it("draw the trend month by month, with the surveys behind each on their own axis, in either language", () => {
    const zh = csiTrendOption(r.byMonth, t("zh-CN"), "zh-CN", "p");
    expect(categories(zh.xAxis)).toEqual(r.byMonth.map((m) => m.label));
    const [csi, surveys] = series(zh);
    expect(values(csi)).toEqual(r.byMonth.map((m) => m.csi / 100));
    expect(values(surveys)).toEqual(r.byMonth.map((m) => m.surveys));
    expect(surveys.yAxisIndex).toBe(1);
    expect(legend(zh)).toEqual(["CSI", "问卷数"]);
    expect(picture(zh)).toBe("CSI 月度趋势 p");
    const en = csiTrendOption(r.byMonth, t("en"), "en", "p");
    expect(legend(en)).toEqual(["CSI", "Surveys"]);
    expect(picture(en)).toBe("CSI by month p");
    expect(en.dataZoom).toEqual([]);
  });

  it("scroll a long period, showing its last twelve months first", () => {
    const months = Array.from({ length: 24 }, (_, i) => ({ key: `m${i}`, label: `m${i}`, surveys: 1, csi: 8000 }));
    const zoom = csiTrendOption(months, t("en"), "en", "p").dataZoom as { start: number; end: number }[];
    expect(zoom.length).toBeGreaterThan(0);
    expect(zoom[0]).toMatchObject({ start: (100 * (24 - MONTHS_AT_ONCE)) / 24, end: 100 });
  });

  it("draw the visits per band, the bands up to 60 in red", () => {
    const o = csiBandsOption(r.distribution, t("en"), "en", "p");
    expect(categories(o.xAxis)).toEqual(["<60", "60–70", "70–80", "80–90", "90–100"]);
    const [bars] = series(o);
    expect(values(bars)).toEqual(r.distribution.map((b) => b.visits));
    expect(bars.name).toBe("Visits");
    expect((bars.data[0] as { itemStyle: { color: string } }).itemStyle.color).not.toBe(
      (bars.data[4] as { itemStyle: { color: string } }).itemStyle.color,
    );
    expect(series(csiBandsOption(r.distribution, t("zh-CN"), "zh-CN", "p"))[0].name).toBe("台次");
  });
});

describe("the campaign's turnout chart", () => {
  it("draws the backend's four figures with their names in the user's language", () => {
    const r = results();
    const zh = turnoutOption(r, t("zh-CN"), "zh-CN", "春季保养节");
    expect(categories(zh.xAxis)).toEqual(["邀约", "确认参加", "到场", "维修工单"]);
    expect(values(series(zh)[0])).toEqual([r.invited, r.confirmed, r.attended, r.repairOrders]);
    expect(picture(zh)).toBe("春季保养节 邀约、确认、到场和维修工单");
    const en = turnoutOption(results({ invited: 1200 }), t("en"), "en", "Spring care / 2026");
    expect(categories(en.xAxis)).toEqual(["Invited", "Confirmed", "Attended", "Repair orders"]);
    expect(series(en)[0].label?.formatter?.({ value: 1200 })).toBe("1,200");
    // A name with a slash still makes a file name.
    expect(picture(en)).toBe("Spring care - 2026 Invited, confirmed, attended and repair orders");
  });
});

describe("the complaints by month", () => {
  const kpis: Kpis = {
    total: 6,
    closed: 2,
    reopened: 0,
    byCategory: [],
    byMonth: [
      { month: "2026-11", category: "reliability", count: 2 },
      { month: "2026-10", category: "reliability", count: 3 },
      { month: "2026-11", category: "price", count: 1 },
    ],
  };

  it("stacks each category that occurs, month by month, with the months' totals", () => {
    const o = complaintsByMonthOption(kpis, t("zh-CN"), "zh-CN", "2026-10-01");
    expect(categories(o.xAxis)).toEqual(["2026-10", "2026-11"]);
    const s = series(o);
    expect(s.map((x) => x.name)).toEqual(["可靠性", "价格", "合计"]);
    expect(values(s[0])).toEqual([3, 2]);
    expect(values(s[1])).toEqual([0, 1]);
    expect(s[0].stack).toBe(s[1].stack);
    expect(values(s[2])).toEqual([3, 3]);
    expect(picture(o)).toBe("按月份与类别 2026-10-01");
    const en = complaintsByMonthOption(kpis, t("en"), "en", "2026-10-01");
    expect(series(en).map((x) => x.name)).toEqual(["Reliability", "Price", "Total"]);
  });

  it("keeps a file system's forbidden characters out of a picture's name", () => {
    expect(pictureName("a/b", "", 'c:"d"')).toBe("a-b c-d-");
  });
});
