// The one number format of a KPI figure: the reports screen, the module screens
// (on-time handover, show rate, calls in their window), the printed report and
// the workbook show a figure alike (the PDF and the workbook are written in Rust
// to the same rule, `caredesk_print::report_format`). It only formats the
// backend's figures (`caredesk_domain::kpi`); nothing is computed here.
//
// The rule, per unit:
// - percent, points: one decimal (92.5%, 88.0 分);
// - minutes, count: a whole number;
// - money: fen shown as yuan with two decimals (¥12,345.60);
// - rounding: |value| × 10^decimals rounded half away from zero (Rust's
//   `f64::round`; money: |fen| rounded so);
// - the whole part grouped by thousands with "," in both languages;
// - the unsigned text put in the locale's `unit` template (`{value}%`,
//   `{value} 分`, `¥{value}`), a minus sign before it when the rounded value
//   is below zero (-¥120.00);
// - no value: the locale's `report.noData`, never 0 or NaN.

import type { Figure, Language, Unit } from "./bindings";
import { fill, LOCALE } from "./i18n/locale";

/** How many decimals a unit shows (money: of the yuan). */
export const DECIMALS: Record<Unit, number> = { percent: 1, points: 1, minutes: 0, count: 0, money: 2 };

/** Digits grouped by thousands: 1234567 → "1,234,567". */
export function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** The unsigned number by the rule above (money from fen) and whether it is below zero once rounded. */
export function numberOf(value: number, unit: Unit): { digits: string; negative: boolean } {
  const decimals = DECIMALS[unit];
  // Money arrives in fen: two decimals of the yuan are the fen rounded to a whole.
  const scaled = unit === "money" ? Math.round(Math.abs(value)) : Math.round(Math.abs(value) * 10 ** decimals);
  const factor = 10 ** decimals;
  const whole = groupThousands(String(Math.floor(scaled / factor)));
  const fraction = decimals > 0 ? `.${String(scaled % factor).padStart(decimals, "0")}` : "";
  return { digits: `${whole}${fraction}`, negative: value < 0 && scaled !== 0 };
}

/** Whether a figure has a value to show. */
export function hasValue(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** A figure's value in its unit in `lang` ("92.5%", "¥12,345.60"), or "No data". */
export function formatFigure(value: number | null | undefined, unit: Unit, lang: Language): string {
  const locale = LOCALE[lang];
  if (!hasValue(value)) return locale.report.noData;
  const { digits, negative } = numberOf(value, unit);
  return `${negative ? "-" : ""}${fill(locale.unit[unit], { value: digits })}`;
}

/** The change from an earlier figure, signed ("+2.5%", "-¥120.00", "0.0%"): empty when either has no value. */
export function formatChange(current: number | null | undefined, earlier: number | null | undefined, unit: Unit, lang: Language): string {
  if (!hasValue(current) || !hasValue(earlier)) return "";
  const { digits, negative } = numberOf(current - earlier, unit);
  const zero = /^[0.,]+$/.test(digits);
  return `${negative ? "-" : zero ? "" : "+"}${fill(LOCALE[lang].unit[unit], { value: digits })}`;
}

/** The counts of a share ("37 / 40"), or empty when the figure is not a share. */
export function formatShare(figure: Figure): string {
  if (figure.part === undefined || figure.whole === undefined) return "";
  return `${groupThousands(String(figure.part))} / ${groupThousands(String(figure.whole))}`;
}
