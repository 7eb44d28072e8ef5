// What each chart of the screens shows, as pure functions of the backend's
// figures and the active language: tests read the series and labels here
// without drawing anything. The figures are the backend's; nothing is computed
// here but their placement (and the monthly totals of the complaints, a sum of
// what the backend counted).

import type { TFunction } from "i18next";
import { ALL_CATEGORY, type Band, type Category, type CsiGroup, type Kpis, type Language, type Results } from "../bindings";
import { formatNumber } from "../format";
import { bandLabel, formatCsi } from "../followup/model";
import type { ChartOption } from "./Chart";

/** The palette of the screens. */
const TEAL = "#0f6e8c";
const LIGHT = "#9fd0df";
const ORANGE = "#d48806";
const RED = "#cf1322";
const GREY = "#8c8c8c";

export const CATEGORY_COLOUR: Record<Category, string> = {
  tangibles: "#1677ff",
  empathy: "#eb2f96",
  assurance: "#722ed1",
  responsiveness: "#fa8c16",
  reliability: "#f5222d",
  product: "#13c2c2",
  parts: "#52c41a",
  price: "#faad14",
  other: "#8c8c8c",
};

/** More months than this and the chart shows the latest ones with a slider to scroll back. */
export const MONTHS_AT_ONCE = 12;

/** A saved picture's name: the chart's title in the user's language, with what it covers; no characters a file system refuses. */
export function pictureName(...parts: string[]): string {
  return parts
    .filter((p) => p.length > 0)
    .join(" ")
    .replace(/[\\/:*?"<>|]+/g, "-");
}

/** "Save as picture" (the title comes from ECharts' own locale) on a white background. */
function toolbox(name: string): ChartOption["toolbox"] {
  return { right: 8, top: 0, feature: { saveAsImage: { name, pixelRatio: 2, backgroundColor: "#fff" } } };
}

/** A slider over the last `MONTHS_AT_ONCE` of `count` months, when there are more. */
function zoom(count: number): ChartOption["dataZoom"] {
  if (count <= MONTHS_AT_ONCE) return [];
  const start = (100 * (count - MONTHS_AT_ONCE)) / count;
  return [{ type: "slider", xAxisIndex: 0, start, end: 100, height: 18, bottom: 4 }, { type: "inside", xAxisIndex: 0, start, end: 100 }];
}

/** An index in hundredths on the 0–100 scale the screens show. */
const onScale = (hundredths: number) => hundredths / 100;
const csiText = (value: unknown) => formatCsi(Math.round(Number(value) * 100));

/** The CSI of each advisor, as horizontal bars on the 0–100 scale (first advisor on top). */
export function csiByAdvisorOption(groups: CsiGroup[], t: TFunction, period: string): ChartOption {
  return {
    animation: false,
    toolbox: toolbox(pictureName(t("followup.csi.byAdvisor"), period)),
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: csiText },
    grid: { left: 8, right: 48, top: 32, bottom: 8 },
    xAxis: { type: "value", min: 0, max: 100 },
    yAxis: { type: "category", inverse: true, data: groups.map((g) => g.label) },
    series: [
      {
        type: "bar",
        name: t("followup.csi.csi"),
        data: groups.map((g) => onScale(g.csi)),
        itemStyle: { color: TEAL },
        barMaxWidth: 18,
        label: { show: true, position: "right", formatter: (p) => csiText(p.value) },
      },
    ],
  };
}

/** The CSI month by month (bars, 0–100, left axis) and the surveys behind each (a line, right axis). */
export function csiTrendOption(months: CsiGroup[], t: TFunction, lang: Language, period: string): ChartOption {
  const csi = t("followup.csi.csi");
  const surveys = t("followup.csi.count");
  const long = months.length > MONTHS_AT_ONCE;
  return {
    animation: false,
    toolbox: toolbox(pictureName(t("followup.csi.trend"), period)),
    legend: { top: 0, left: 0, data: [csi, surveys] },
    tooltip: { trigger: "axis" },
    grid: { left: 8, right: 8, top: 64, bottom: long ? 52 : 8 },
    xAxis: { type: "category", data: months.map((m) => m.label) },
    yAxis: [
      { type: "value", min: 0, max: 100, name: csi },
      { type: "value", minInterval: 1, name: surveys, splitLine: { show: false } },
    ],
    dataZoom: zoom(months.length),
    series: [
      {
        type: "bar",
        name: csi,
        data: months.map((m) => onScale(m.csi)),
        itemStyle: { color: LIGHT },
        barMaxWidth: 40,
        label: { show: true, position: "top", formatter: (p) => csiText(p.value) },
        tooltip: { valueFormatter: csiText },
      },
      {
        type: "line",
        name: surveys,
        yAxisIndex: 1,
        data: months.map((m) => m.surveys),
        itemStyle: { color: TEAL },
        tooltip: { valueFormatter: (v) => formatNumber(Number(v), lang) },
      },
    ],
  };
}

/** Visits per band of the index; the bands up to 60 in red. */
export function csiBandsOption(bands: Band[], t: TFunction, lang: Language, period: string): ChartOption {
  return {
    animation: false,
    toolbox: toolbox(pictureName(t("followup.csi.distribution"), period)),
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v) => formatNumber(Number(v), lang) },
    grid: { left: 8, right: 8, top: 44, bottom: 8 },
    xAxis: { type: "category", data: bands.map((b) => bandLabel(b.from, b.to)) },
    yAxis: { type: "value", minInterval: 1, name: t("followup.csi.visits") },
    series: [
      {
        type: "bar",
        name: t("followup.csi.visits"),
        data: bands.map((b) => ({ value: b.visits, itemStyle: { color: b.to <= 6000 ? RED : TEAL } })),
        barMaxWidth: 40,
        label: { show: true, position: "top" },
      },
    ],
  };
}

/** The turnout bars of a campaign, in this order. */
export const TURNOUT = ["invited", "confirmed", "attended", "orders"] as const;

/** The figures of the turnout bars, in `TURNOUT`'s order. */
export function turnoutFigures(results: Results): number[] {
  return [results.invited, results.confirmed, results.attended, results.repairOrders];
}

/** Invited, confirmed, attended and repair orders as bars on one scale. */
export function turnoutOption(results: Results, t: TFunction, lang: Language, campaignName: string): ChartOption {
  const colour: Record<(typeof TURNOUT)[number], string> = { invited: LIGHT, confirmed: LIGHT, attended: TEAL, orders: ORANGE };
  const figures = turnoutFigures(results);
  return {
    animation: false,
    toolbox: toolbox(pictureName(campaignName, t("campaigns.results.chart"))),
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v) => formatNumber(Number(v), lang) },
    grid: { left: 8, right: 8, top: 36, bottom: 8 },
    xAxis: { type: "category", data: TURNOUT.map((key) => t(`campaigns.results.${key}`)) },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      {
        type: "bar",
        name: t("campaigns.results.count"),
        data: TURNOUT.map((key, i) => ({ value: figures[i], itemStyle: { color: colour[key] } })),
        barMaxWidth: 72,
        label: { show: true, position: "top", formatter: (p) => formatNumber(Number(p.value), lang) },
      },
    ],
  };
}

/** The months of the complaint figures, oldest first. */
export function complaintMonths(kpis: Kpis): string[] {
  return [...new Set(kpis.byMonth.map((m) => m.month))].sort();
}

/** Complaints per month, stacked by category (only the categories that occur), and each month's total. */
export function complaintsByMonthOption(kpis: Kpis, t: TFunction, lang: Language, since: string): ChartOption {
  const months = complaintMonths(kpis);
  const count = (month: string, category: Category) =>
    kpis.byMonth.find((m) => m.month === month && m.category === category)?.count ?? 0;
  const used = ALL_CATEGORY.filter((c) => kpis.byMonth.some((m) => m.category === c && m.count > 0));
  const totals = months.map((month) => used.reduce((sum, c) => sum + count(month, c), 0));
  const number = (v: unknown) => formatNumber(Number(v), lang);
  const long = months.length > MONTHS_AT_ONCE;
  return {
    animation: false,
    toolbox: toolbox(pictureName(t("complaints.kpis.byMonth"), since)),
    legend: { type: "scroll", top: 0, left: 0, right: 40 },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: number },
    grid: { left: 8, right: 8, top: 64, bottom: long ? 52 : 8 },
    xAxis: { type: "category", data: months },
    yAxis: { type: "value", minInterval: 1, name: t("complaints.kpis.count") },
    dataZoom: zoom(months.length),
    series: [
      ...used.map((category) => ({
        type: "bar" as const,
        name: t(`complaints.categories.${category}`),
        stack: "month",
        barMaxWidth: 40,
        itemStyle: { color: CATEGORY_COLOUR[category] },
        data: months.map((month) => count(month, category)),
      })),
      {
        type: "line",
        name: t("complaints.kpis.monthTotal"),
        data: totals,
        itemStyle: { color: GREY },
        lineStyle: { type: "dashed" },
        label: { show: true, position: "top", formatter: (p) => number(p.value) },
      },
    ],
  };
}
