// The period a report covers, as the manager picks it: a month, a quarter, a
// year or any range of days (both ends included). The comparison periods are
// shown as the backend computes them (store::reports): the same number of days
// ending the day before, and the same days a year earlier.

import dayjs, { type Dayjs } from "dayjs";

export type PeriodMode = "month" | "quarter" | "year" | "custom";
export const PERIOD_MODES: readonly PeriodMode[] = ["month", "quarter", "year", "custom"];

export type Period = { mode: PeriodMode; from: string; to: string };

const ISO = "YYYY-MM-DD";
const day = (iso: string): Dayjs => dayjs(`${iso}T00:00:00`);

/** The month, quarter or year that holds `date` (a custom range is the day itself). */
export function periodOf(mode: PeriodMode, date: Dayjs): Period {
  switch (mode) {
    case "month":
      return { mode, from: date.startOf("month").format(ISO), to: date.endOf("month").format(ISO) };
    case "quarter": {
      const start = date.startOf("month").month(Math.floor(date.month() / 3) * 3);
      return { mode, from: start.format(ISO), to: start.add(2, "month").endOf("month").format(ISO) };
    }
    case "year":
      return { mode, from: date.startOf("year").format(ISO), to: date.endOf("year").format(ISO) };
    case "custom":
      return { mode, from: date.format(ISO), to: date.format(ISO) };
  }
}

/** The monthly report's period: the last complete calendar month before `today`. */
export function defaultPeriod(today: Dayjs): Period {
  return periodOf("month", today.startOf("month").subtract(1, "month"));
}

/** Another mode keeps the period's start: its month, quarter or year (a custom range keeps the dates). */
export function switchMode(period: Period, mode: PeriodMode): Period {
  return mode === "custom" ? { ...period, mode } : periodOf(mode, day(period.from));
}

/** How many days the period covers, both ends included. */
export function daysOf(from: string, to: string): number {
  return day(to).diff(day(from), "day") + 1;
}

/** The period of the same length that ends the day before `from`. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const days = Math.max(0, day(to).diff(day(from), "day"));
  const end = day(from).subtract(1, "day");
  return { from: end.subtract(days, "day").format(ISO), to: end.format(ISO) };
}

/** The same days a year earlier (a day that month lacks, 29 February, becomes its last). */
export function yearAgoPeriod(from: string, to: string): { from: string; to: string } {
  return { from: day(from).subtract(12, "month").format(ISO), to: day(to).subtract(12, "month").format(ISO) };
}

/** The picker's value: the period's first day. */
export function pickerValue(period: Period): Dayjs {
  return day(period.from);
}
