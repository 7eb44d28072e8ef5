// The dashboard's small charts, as pure functions of the backend's figures:
// tests read the series here without drawing anything.

import type { KpiCard, Language } from "../bindings";
import type { ChartOption } from "../charts/Chart";
import { formatFigure, hasValue } from "../figures";

const TEAL = "#0f6e8c";

/**
 * A card's 12-month trend as a sparkline: a line without axes or grid lines,
 * a gap for a month without data, each month's figure in the tooltip in the
 * report's number format.
 */
export function sparklineOption(card: KpiCard, lang: Language): ChartOption {
  const months = card.trend.map((m) => m.month);
  const values = card.trend.map((m) => (hasValue(m.figure.value) ? m.figure.value : null));
  return {
    animation: false,
    grid: { left: 2, right: 2, top: 4, bottom: 4 },
    xAxis: { type: "category", data: months, show: false, boundaryGap: false },
    yAxis: { type: "value", show: false, scale: true },
    tooltip: {
      trigger: "axis",
      confine: true,
      valueFormatter: (value) => formatFigure(typeof value === "number" ? value : undefined, card.unit, lang),
    },
    series: [
      {
        type: "line",
        data: values,
        smooth: true,
        symbol: "circle",
        symbolSize: 3,
        showSymbol: false,
        connectNulls: false,
        lineStyle: { width: 1.5, color: TEAL },
        itemStyle: { color: TEAL },
        areaStyle: { color: TEAL, opacity: 0.08 },
      },
    ],
  };
}

/** What the sparkline draws, as text for tests and screen readers: "2026-01 92.5%; 2026-02 No data; …". */
export function sparklineText(card: KpiCard, lang: Language): string {
  return card.trend.map((m) => `${m.month} ${formatFigure(m.figure.value, card.unit, lang)}`).join("; ");
}
